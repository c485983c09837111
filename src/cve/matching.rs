//! Which assets of the inventory a pack entry affects, and why (catalog/README.md §2).
//!
//! The vendor is found through the pack's aliases; the model loses a leading vendor name
//! (`AXIS A1001` → `A1001`) and is matched against each range's glob patterns, as written and
//! without the vendor's model-number prefix (`DH-`, [`super::model::model_forms`]); the firmware is
//! compared with the range's bounds by [`super::version`]. Each range that matches gives a
//! verdict, and the entry's verdict combines them: affected if any range says affected, else
//! unknown if any says unknown, else not affected. A missing or uncomparable firmware, or a
//! range without bounds, is never turned into "not affected" nor "affected": it is
//! "unknown", with the reason, for the auditor to check. Pure: no I/O.

use std::cmp::Ordering;

use serde::Serialize;

use super::model::model_forms;
use super::pack::{Entry, Limit, Pack, Range, Shape, normalise};
use super::version::{Bound, Version};
use crate::assessment::Asset;
// The verdict and its grounds are data the reader's language phrases (`messages`): the
// matcher writes no sentence.
pub use crate::messages::{Against, MatchTrace, Order, RangeEnd, RangeWhy, Uncomparable, Verdict};

/// The verdict of one range whose products matched, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RangeVerdict {
    /// The first pattern of the range that matched the model.
    pub pattern: String,
    /// What `why` gives, kept for scripts that read the JSON.
    pub verdict: Verdict,
    /// The firmware against the bounds (`Compared`: `firmware "1.60.2" < "1.65.1"`), or why
    /// they cannot tell (`NoUpperBound`...).
    pub why: RangeWhy,
    /// The fixed release, when the pack names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_in: Option<String>,
    /// The range's index in its entry's `affected`, for what it says in words.
    #[serde(skip)]
    pub range: usize,
}

/// One asset against one entry of the pack.
#[derive(Debug, Clone)]
pub struct Match<'a> {
    pub entry: &'a Entry,
    pub asset: &'a Asset,
    pub verdict: Verdict,
    /// The canonical vendor key.
    pub vendor: &'a str,
    /// The alias the inventory's vendor matched.
    pub alias: &'a str,
    /// The model as compared, without a leading vendor name.
    pub model: String,
    /// The ranges that decided the verdict: the affected ones, else the unknown ones, else
    /// every range that matched.
    pub ranges: Vec<RangeVerdict>,
}

impl Match<'_> {
    /// The vendor's names, the model and each deciding range: what the auditor confirms,
    /// phrased in the reader's language by [`MatchTrace::phrase`] (`dahua (alias
    /// "zhejiang dahua technology"), model "DH-IPC-HFW3441E-AS" ~ "*IPC-H*W3*", firmware
    /// "..." < "2.800.0000000.29.r.210630" → affected`).
    pub fn trace(&self) -> MatchTrace<'_> {
        MatchTrace {
            vendor: self.vendor,
            alias: self.alias,
            model: &self.model,
            ranges: self
                .ranges
                .iter()
                .map(|range| (range.pattern.as_str(), &range.why))
                .collect(),
        }
    }
}

/// Every (entry, asset) pair where the asset's vendor and model match a range of the entry,
/// with its verdict; in pack order, then inventory order. Assets of a vendor the pack does
/// not know match nothing (see [`uncovered`]).
pub fn matches<'a>(pack: &'a Pack, assets: &'a [Asset]) -> Vec<Match<'a>> {
    let mut found = Vec::new();
    each_match(pack, assets, |_, one| found.push(one));
    found
}

/// [`matches`], each given to `f` with the index of its asset in `assets`.
pub fn each_match<'a>(pack: &'a Pack, assets: &'a [Asset], mut f: impl FnMut(usize, Match<'a>)) {
    // Each asset's vendor and model as compared, once: not again for every entry.
    let known: Vec<_> = assets
        .iter()
        .map(|asset| {
            let vendor = asset.vendor.as_deref().and_then(|name| pack.vendor(name))?;
            let model = model_of(pack, vendor.key, asset.model.as_deref().unwrap_or(""));
            Some((vendor, model))
        })
        .collect();
    for entry in &pack.entries {
        for (index, (asset, known)) in assets.iter().zip(&known).enumerate() {
            let Some((vendor, model)) = known.as_ref().filter(|(v, _)| v.key == entry.vendor)
            else {
                continue;
            };
            if let Some((verdict, ranges)) = judge(entry, model, asset.firmware.as_deref()) {
                f(
                    index,
                    Match {
                        entry,
                        asset,
                        verdict,
                        vendor: vendor.key,
                        alias: vendor.alias,
                        model: model.clone(),
                        ranges,
                    },
                );
            }
        }
    }
}

/// How many entries affect each asset, and how many may (unknown): what the assets screen
/// shows beside each asset. Same order as `assets`.
pub fn counts(pack: &Pack, assets: &[Asset]) -> Vec<Counts> {
    let mut counts = vec![Counts::default(); assets.len()];
    each_match(pack, assets, |index, found| {
        if let Some(slot) = counts.get_mut(index) {
            match found.verdict {
                Verdict::Affected => slot.affected += 1,
                Verdict::Unknown => slot.unknown += 1,
                Verdict::NotAffected => {}
            }
        }
    });
    counts
}

/// Entries that affect an asset, and entries that may (to check).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub affected: usize,
    pub unknown: usize,
}

/// Assets whose vendor is set but not known to the pack: the pack cannot say anything about
/// them, which the auditor should know.
pub fn uncovered<'a>(pack: &Pack, assets: &'a [Asset]) -> Vec<&'a Asset> {
    assets
        .iter()
        .filter(|asset| {
            asset
                .vendor
                .as_deref()
                .is_some_and(|name| !name.trim().is_empty() && pack.vendor(name).is_none())
        })
        .collect()
}

/// The model as compared (catalog/README.md §2.2): trimmed, whitespace collapsed, and a
/// leading vendor name followed by a space or a hyphen removed, the longest alias first.
pub fn model_of(pack: &Pack, vendor: &str, model: &str) -> String {
    let model = model.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut aliases: Vec<&String> = pack
        .vendors
        .get(vendor)
        .map(|aliases| aliases.iter().collect())
        .unwrap_or_default();
    aliases.sort_by_key(|alias| std::cmp::Reverse(alias.len()));
    for alias in aliases {
        let Some(head) = model.get(..alias.len()) else {
            continue;
        };
        if normalise(head) != *alias {
            continue;
        }
        if let Some(rest) = model[alias.len()..].strip_prefix([' ', '-'])
            && !rest.trim().is_empty()
        {
            return rest.trim().to_owned();
        }
    }
    model
}

/// The first pattern of `range` that matches `model` (as [`model_of`] gives it) of the
/// vendor `vendor`: the model as written, or without the vendor's own prefix (`DH-`), since
/// patterns written from NVD's names have no such prefix.
pub fn matching_pattern<'r>(range: &'r Range, vendor: &str, model: &str) -> Option<&'r String> {
    first_pattern(range, &model_forms(vendor, model))
}

fn first_pattern<'r>(range: &'r Range, forms: &[&str]) -> Option<&'r String> {
    range
        .products
        .iter()
        .find(|pattern| forms.iter().any(|form| glob(pattern, form)))
}

/// The entry's verdict on a model (as [`model_of`] gives it) and firmware, with the deciding
/// ranges; `None` when no range's products match the model.
pub(crate) fn judge(
    entry: &Entry,
    model: &str,
    firmware: Option<&str>,
) -> Option<(Verdict, Vec<RangeVerdict>)> {
    let firmware = firmware.map(str::trim).filter(|text| !text.is_empty());
    // Once per entry, not per range: every asset meets every range of its vendor.
    let forms = model_forms(&entry.vendor, model);
    let matched: Vec<(usize, &Range, &String)> = entry
        .affected
        .iter()
        .enumerate()
        .filter_map(|(index, range)| Some((index, range, first_pattern(range, &forms)?)))
        .collect();
    // A record that bounds each firmware line on its own (Uniview: `CIPC-B2303` up to one
    // build, `DIPC-B1213` up to another) judges a firmware by its own line's range only;
    // the others' bounds do not apply to it. When no range is of its line, they are still
    // compared, which cannot tell (unknown), never affected by another line's bound.
    let own_line = firmware.and_then(Version::parse).and_then(|v| v.line());
    let line_bounded = own_line.as_ref().is_some_and(|line| {
        matched
            .iter()
            .any(|(_, range, _)| range_line(range).as_ref() == Some(line))
    });
    let judged: Vec<RangeVerdict> = matched
        .into_iter()
        .filter_map(|(index, range, pattern)| {
            if line_bounded && range_line(range).is_some_and(|line| Some(line) != own_line) {
                return None;
            }
            let why = range_verdict(range, pattern, firmware);
            Some(RangeVerdict {
                pattern: pattern.clone(),
                verdict: why.verdict(),
                why,
                fixed_in: range.fixed_in.clone(),
                range: index,
            })
        })
        .collect();
    let verdict = judged.iter().map(|range| range.verdict).min()?;
    let deciding: Vec<RangeVerdict> = if verdict == Verdict::NotAffected {
        judged
    } else {
        let mut deciding: Vec<RangeVerdict> = judged
            .into_iter()
            .filter(|range| range.verdict == verdict)
            .collect();
        // One affected range is enough to say why; every unknown one says what to check.
        if verdict == Verdict::Affected {
            deciding.truncate(1);
        }
        deciding
    };
    Some((verdict, deciding))
}

/// The firmware line a bounded range's bounds are numbered in, if they name one.
fn range_line(range: &Range) -> Option<super::version::Line> {
    let Shape::Bounded { lower, upper } = range.shape() else {
        return None;
    };
    [upper, lower]
        .into_iter()
        .flatten()
        .find_map(|limit| match Bound::parse(limit.text)? {
            Bound::Version(version) => version.line(),
            Bound::Date { .. } => None,
        })
}

/// What one range says of a firmware (catalog/README.md §1.4 and §3): its grounds, which
/// give its verdict.
fn range_verdict(range: &Range, pattern: &str, firmware: Option<&str>) -> RangeWhy {
    let (lower, upper) = match range.shape() {
        Shape::AllVersions => {
            return RangeWhy::AllVersions {
                pattern: pattern.to_owned(),
            };
        }
        Shape::Unbounded => {
            return RangeWhy::NoUpperBound {
                pattern: pattern.to_owned(),
            };
        }
        Shape::Bounded { lower, upper } => (lower, upper),
    };
    let Some(text) = firmware else {
        return RangeWhy::NoFirmware {
            lower: lower.map(end),
            upper: upper.map(end),
        };
    };
    let Some(version) = Version::parse(text) else {
        return RangeWhy::NotAVersion {
            firmware: text.to_owned(),
        };
    };
    let mut against = Vec::new();
    let mut unknown = None;
    for (limit, is_lower) in [(lower, true), (upper, false)] {
        let Some(limit) = limit else { continue };
        let Some(bound) = Bound::parse(limit.text) else {
            unknown.get_or_insert_with(|| RangeWhy::BoundNotAVersion {
                bound: limit.text.to_owned(),
            });
            continue;
        };
        match bound.compare(&version) {
            Ok(order) => {
                let inside = match (is_lower, limit.inclusive) {
                    (true, true) => order != Ordering::Less,
                    (true, false) => order == Ordering::Greater,
                    (false, true) => order != Ordering::Greater,
                    (false, false) => order == Ordering::Less,
                };
                against.push(Against {
                    firmware_is: order.into(),
                    bound: bound.to_string(),
                });
                if !inside {
                    // Outside one bound is outside the range, whatever the other says.
                    return RangeWhy::Compared {
                        firmware: text.to_owned(),
                        against,
                        inside: false,
                        no_fix: false,
                    };
                }
            }
            Err(why) => {
                unknown.get_or_insert(RangeWhy::Uncomparable(why));
            }
        }
    }
    unknown.unwrap_or_else(|| RangeWhy::Compared {
        firmware: text.to_owned(),
        against,
        inside: true,
        no_fix: upper.is_none(),
    })
}

fn end(limit: Limit) -> RangeEnd {
    RangeEnd {
        bound: limit.text.to_owned(),
        included: limit.inclusive,
    }
}

/// Shell-style `*` and `?` matching, ignoring case, anchored at both ends; every other
/// character is literal (catalog/README.md §2.3). Model patterns are short and have a
/// wildcard or two, so the classic two-pointer walk with one backtrack point suffices.
pub fn glob(pattern: &str, text: &str) -> bool {
    // Walked by byte offsets over the strings as they are, one character at a time: every
    // asset is compared with every pattern of its vendor, so nothing is allocated here.
    let same = |a: char, b: char| a == b || a.to_lowercase().eq(b.to_lowercase());
    let next = |s: &str, at: usize| s.get(at..).and_then(|rest| rest.chars().next());
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while let Some(c) = next(text, t) {
        match next(pattern, p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(wanted) if wanted == '?' || same(wanted, c) => {
                p += wanted.len_utf8();
                t += c.len_utf8();
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    // The star takes one more character of the text.
                    let skipped = next(text, star_t).map_or(1, char::len_utf8);
                    p = star_p + 1;
                    t = star_t + skipped;
                    star = Some((star_p, t));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.chars().all(|c| c == '*'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AssetKind;

    #[test]
    fn globs_match_model_families() {
        assert!(glob("DS-2CD2*", "ds-2cd2143g0-i"));
        assert!(glob("*", "anything"));
        assert!(glob("*", ""), "`*` alone matches an empty model");
        assert!(!glob("DS-2CD2*", ""), "no other pattern does");
        assert!(glob("IPC-HDW?831*", "IPC-HDW5831R-ZE"));
        assert!(glob("*IPC-H*W3*", "DH-IPC-HFW3441E-AS"));
        assert!(glob("DS-2CD2??2*", "DS-2CD2032-I"));
        assert!(!glob("DS-2CD2??0*", "DS-2CD2032-I"));
        assert!(!glob("DS-2CD2*", "DS-2DE4225IW-DE"));
        assert!(!glob("P32?5", "P3245-LVE"), "anchored at the end");
        assert!(glob("P32?5*", "P3245-LVE"));
        assert!(glob("DS-7108NI-Q1/M*", "ds-7108ni-q1/m"), "`/` is literal");
        assert!(glob("Companion Cube L", "companion cube l"));
        assert!(!glob("Companion Cube L", "Companion Cube LW"));
        assert!(!glob("NVRmini", "NVRmini2"));
    }

    /// The matching rule as catalog/README.md §2.3 states it, on lowercased copies.
    fn glob_by_the_book(pattern: &str, text: &str) -> bool {
        let pattern: Vec<char> = pattern.to_lowercase().chars().collect();
        let text: Vec<char> = text.to_lowercase().chars().collect();
        fn at(pattern: &[char], text: &[char]) -> bool {
            match pattern.split_first() {
                None => text.is_empty(),
                Some(('*', rest)) => (0..=text.len()).any(|skip| at(rest, &text[skip..])),
                Some((&c, rest)) => {
                    text.first().is_some_and(|&t| c == '?' || c == t) && at(rest, &text[1..])
                }
            }
        }
        at(&pattern, &text)
    }

    proptest::proptest! {
        #[test]
        fn globs_match_as_the_rule_says(
            pattern in "[aAbB0-9*?é-]{0,8}",
            text in "[aAbBÉé0-9-]{0,10}",
        ) {
            proptest::prop_assert_eq!(
                glob(&pattern, &text),
                glob_by_the_book(&pattern, &text),
                "{:?} against {:?}", pattern, text
            );
        }
    }

    #[test]
    fn a_leading_vendor_name_is_removed_from_the_model() {
        let pack = Pack::builtin().unwrap();
        assert_eq!(model_of(&pack, "axis", "AXIS A1001"), "A1001");
        assert_eq!(
            model_of(&pack, "axis", "  AXIS   Camera Station Pro "),
            "Camera Station Pro"
        );
        assert_eq!(
            model_of(&pack, "hikvision", "Hikvision DS-2CD2032-I"),
            "DS-2CD2032-I"
        );
        assert_eq!(model_of(&pack, "dlink", "D-Link DCS-2530L"), "DCS-2530L");
        assert_eq!(model_of(&pack, "dlink", "DLINK-DCS-2530L"), "DCS-2530L");
        // Nothing else: Dahua's DH- prefix stays (its patterns start with `*`).
        assert_eq!(
            model_of(&pack, "dahua", "DH-IPC-HFW3441E-AS"),
            "DH-IPC-HFW3441E-AS"
        );
        assert_eq!(model_of(&pack, "hikvision", "HIKARI-1"), "HIKARI-1");
        assert_eq!(
            model_of(&pack, "axis", "AXIS"),
            "AXIS",
            "a vendor name alone stays"
        );
    }

    fn asset(vendor: &str, model: &str, firmware: &str) -> Asset {
        let mut asset = Asset::new("A-1", AssetKind::Camera);
        let set = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        asset.vendor = set(vendor);
        asset.model = set(model);
        asset.firmware = set(firmware);
        asset
    }

    /// The verdict of each entry named in `expected` on one inventory row; entries not named
    /// must not match at all unless listed with `None`.
    fn verdicts(vendor: &str, model: &str, firmware: &str) -> Vec<(String, Verdict)> {
        let pack = Pack::builtin().unwrap();
        let asset = asset(vendor, model, firmware);
        matches(&pack, std::slice::from_ref(&asset))
            .into_iter()
            .map(|found| (found.entry.id.to_string(), found.verdict))
            .collect()
    }

    type Row<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, Verdict)]);

    /// Each row of a table of worked examples (catalog/README.md §3.5): vendor, model and
    /// firmware as an inventory writes them, and every verdict the pack gives.
    fn assert_rows(table: &[Row]) {
        for (vendor, model, firmware, expected) in table {
            let mut found = verdicts(vendor, model, firmware);
            found.sort();
            let mut expected: Vec<(String, Verdict)> = expected
                .iter()
                .map(|(id, v)| ((*id).to_owned(), *v))
                .collect();
            expected.sort();
            assert_eq!(found, expected, "{vendor} / {model} / {firmware}");
        }
    }

    /// The worked examples of Hikvision and Dahua devices.
    #[test]
    fn hikvision_and_dahua_worked_examples() {
        use Verdict::{Affected, NotAffected, Unknown};
        assert_rows(&[
            (
                "HIKVISION",
                "DS-2CD2032-I",
                "V5.3.0 build 150513",
                &[("CVE-2017-7921", Affected), ("CVE-2017-7923", Affected)],
            ),
            (
                "Hangzhou Hikvision",
                "DS-2CD2032-I",
                "V5.4.5 build 170123",
                &[
                    ("CVE-2017-7921", NotAffected),
                    ("CVE-2017-7923", NotAffected),
                ],
            ),
            (
                "Hikvision",
                "DS-2CD2043G2-I",
                "V5.7.3 build 220112",
                &[("CVE-2021-36260", Unknown)],
            ),
            (
                "Hikvision",
                "DS-7108NI-Q1/M",
                "V4.30.300 build 200624",
                &[("CVE-2021-36260", Affected)],
            ),
            (
                "Dahua",
                "DH-IPC-HFW3441E-AS",
                "V2.800.0000000.16.R, Build Date: 2021-03-10",
                &[
                    ("CVE-2021-33044", Affected),
                    ("CVE-2021-33045", Affected),
                    ("CVE-2025-31700", Unknown),
                ],
            ),
            (
                "Zhejiang Dahua Technology",
                "IPC-HDW3441TM-AS",
                "V2.800.0000000.29.R, Build Date: 2021-06-30",
                &[
                    ("CVE-2021-33044", NotAffected),
                    ("CVE-2021-33045", NotAffected),
                    ("CVE-2025-31700", Unknown),
                ],
            ),
            (
                "Dahua",
                "IPC-HDW3441TM-AS",
                "2.800.0000000.29.R",
                &[
                    ("CVE-2021-33044", Unknown),
                    ("CVE-2021-33045", Unknown),
                    ("CVE-2025-31700", Unknown),
                ],
            ),
            (
                "Dahua",
                "DHI-NVR4216-4KS2",
                "V4.001.0000000.1.R, Build Date: 2021-01-05",
                &[("CVE-2021-33045", Affected), ("CVE-2025-31700", Unknown)],
            ),
        ]);
    }

    /// The worked examples of Axis devices and of video management software.
    #[test]
    fn vms_and_axis_worked_examples() {
        use Verdict::{Affected, NotAffected, Unknown};
        assert_rows(&[
            (
                "Axis",
                "AXIS A1001",
                "1.65.1",
                &[("CVE-2018-10660", NotAffected)],
            ),
            (
                "axis communications",
                "AXIS A1001",
                "1.60.2",
                &[("CVE-2018-10660", Affected)],
            ),
            (
                "Axis",
                "AXIS Camera Station Pro",
                "6.8.1",
                &[
                    ("CVE-2025-30023", Affected),
                    ("CVE-2025-30025", Affected),
                    ("CVE-2025-30026", Unknown),
                ],
            ),
            (
                "Milestone Systems",
                "XProtect Corporate",
                "11.3a",
                &[("CVE-2018-7891", Affected)],
            ),
            (
                "Milestone",
                "XProtect Corporate",
                "2017 R3",
                &[("CVE-2018-7891", Unknown)],
            ),
            ("Bosch", "VRM", "3.81.0030", &[("CVE-2019-6957", Affected)]),
            (
                "Genetec",
                "Security Center",
                "5.12.2",
                &[("CVE-2025-43027", Unknown)],
            ),
        ]);
    }

    /// The worked examples of the other cameras and recorders.
    #[test]
    fn other_cameras_and_recorders_worked_examples() {
        use Verdict::{Affected, NotAffected, Unknown};
        assert_rows(&[
            (
                "D-Link",
                "DCS-2530L",
                "1.06.01",
                &[
                    ("CVE-2020-25078", NotAffected),
                    ("CVE-2020-25079", NotAffected),
                ],
            ),
            (
                "D-Link",
                "DNR-322L",
                "2.60B15",
                &[("CVE-2022-40799", Affected)],
            ),
            ("Edimax", "IC-7100", "", &[("CVE-2025-1316", Affected)]),
            (
                "Reolink",
                "RLC-410W",
                "v3.0.0.136_20121102",
                &[
                    ("CVE-2021-40407", Affected),
                    ("CVE-2019-11001", NotAffected),
                ],
            ),
            (
                "Reolink",
                "RLC-410W",
                "v3.0.0.494_21073000",
                &[("CVE-2021-40407", Unknown), ("CVE-2019-11001", NotAffected)],
            ),
            ("QNAP", "VS-2108L", "4.1.3", &[("CVE-2023-47565", Affected)]),
            (
                "Amcrest",
                "IP2M-841B-V3",
                "V2.800.0000000.6.R, Build Date: 2020-03-14",
                &[("CVE-2020-5735", NotAffected)],
            ),
            (
                "Vivotek",
                "FD8164",
                "FD8164-VVTK-0200b",
                &[("CVE-2017-9828", Affected), ("CVE-2018-14770", Unknown)],
            ),
            (
                "Vivotek",
                "FD9387-HTV",
                "0100a",
                &[("CVE-2017-9828", Unknown), ("CVE-2018-14770", Unknown)],
            ),
            (
                "Samsung",
                "SRN-1670D",
                "1.10",
                &[("CVE-2017-16524", Unknown)],
            ),
        ]);
    }

    /// The worked examples of the records added in pack 2026.12.2.
    #[test]
    fn the_2024_2026_records_worked_examples() {
        use Verdict::{Affected, NotAffected, Unknown};
        assert_rows(&[
            (
                "Honeywell",
                "I-HIB2PI-UL 2MP IP",
                "6.1.22.1216",
                &[("CVE-2026-1670", Affected)],
            ),
            (
                "Lorex",
                "W461ASC-E",
                "2.800.0000000.8.R.20241111",
                &[
                    ("CVE-2024-52544", NotAffected),
                    ("CVE-2024-52546", NotAffected),
                    ("CVE-2024-52547", NotAffected),
                    ("CVE-2024-52548", NotAffected),
                ],
            ),
            (
                "TBK Vision",
                "DVR-4104",
                "",
                &[("CVE-2018-9995", Unknown), ("CVE-2024-3721", Unknown)],
            ),
        ]);
    }

    #[test]
    fn each_match_says_why() {
        let pack = Pack::builtin().unwrap();
        let reason = |vendor: &str, model: &str, firmware: &str, id: &str| {
            let asset = asset(vendor, model, firmware);
            let found = matches(&pack, std::slice::from_ref(&asset));
            let found = found.iter().find(|m| m.entry.id.to_string() == id).unwrap();
            found.trace().phrase(crate::lang::Lang::En)
        };
        assert_eq!(
            reason(
                "Zhejiang Dahua Technology",
                "DH-IPC-HFW3441E-AS",
                "V2.800.0000000.16.R, Build Date: 2021-03-10",
                "CVE-2021-33044"
            ),
            "dahua (alias \"zhejiang dahua technology\"), model \"DH-IPC-HFW3441E-AS\" ~ \"*IPC-H*W3*\", firmware \"V2.800.0000000.16.R, Build Date: 2021-03-10\" < \"2.800.0000000.29.r.210630\" → affected"
        );
        assert_eq!(
            reason(
                "Hikvision",
                "DS-7108NI-Q1/M",
                "V4.30.300 build 200624",
                "CVE-2021-36260"
            ),
            "hikvision (alias \"hikvision\"), model \"DS-7108NI-Q1/M\" ~ \"DS-7108NI-Q1/M*\", firmware \"V4.30.300 build 200624\" = \"4.30.300\" and < \"4.31.100\" → affected"
        );
        assert_eq!(
            reason(
                "Reolink",
                "RLC-410W",
                "v3.0.0.494_21073000",
                "CVE-2021-40407"
            ),
            "reolink (alias \"reolink\"), model \"RLC-410W\" ~ \"RLC-410W*\", no upper bound published for \"RLC-410W*\" → unknown"
        );
        assert!(
            reason(
                "Milestone",
                "XProtect Corporate",
                "2017 R3",
                "CVE-2018-7891"
            )
            .ends_with("firmware \"2017 R3\" is a year release, bound \"10.0.a\" is not → unknown")
        );
        assert!(
            reason(
                "Dahua",
                "IPC-HDW3441TM-AS",
                "2.800.0000000.29.R",
                "CVE-2021-33044"
            )
            .contains("has no build date to compare with 2021-06-30 → unknown")
        );
        assert!(
            reason("Hikvision", "DS-7108NI-Q1/M", "", "CVE-2021-36260")
                .contains("no firmware in the inventory to compare with from \"4.30.300\" up to \"4.31.100\" → unknown")
        );
        assert!(
            reason("Axis", "AXIS A1001", "1.65.1", "CVE-2018-10660")
                .ends_with("firmware \"1.65.1\" = \"1.65.1\" → not affected")
        );
    }

    #[test]
    fn an_empty_model_matches_only_star_patterns_and_unknown_vendors_nothing() {
        let pack = Pack::builtin().unwrap();
        // Dahua without a model: only CVE-2025-31700's `*` range matches.
        let found = verdicts("Dahua", "", "2.800.0000000.16.R");
        assert_eq!(found, vec![("CVE-2025-31700".to_owned(), Verdict::Unknown)]);
        assert!(verdicts("Hikvision", "", "V5.5.0").is_empty());
        assert!(verdicts("Cisco", "IE-3300", "17.3").is_empty());
        assert!(verdicts("", "DS-2CD2032-I", "V5.3.0 build 150513").is_empty());
        let inventory = [
            asset("Cisco", "IE-3300", "17.3"),
            asset("Hikvision", "X", "1"),
        ];
        let uncovered = uncovered(&pack, &inventory);
        assert_eq!(uncovered.len(), 1);
        assert_eq!(uncovered[0].vendor.as_deref(), Some("Cisco"));
    }

    #[test]
    fn counts_per_asset_tell_affected_from_unknown() {
        let pack = Pack::builtin().unwrap();
        let inventory = [
            asset(
                "Dahua",
                "DH-IPC-HFW3441E-AS",
                "V2.800.0000000.16.R, Build Date: 2021-03-10",
            ),
            asset("Axis", "AXIS A1001", "1.65.1"),
            asset("Cisco", "IE-3300", "17.3"),
        ];
        assert_eq!(
            counts(&pack, &inventory),
            vec![
                Counts {
                    affected: 2,
                    unknown: 1
                },
                Counts::default(),
                Counts::default()
            ]
        );
    }
}
