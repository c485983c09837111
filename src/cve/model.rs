//! Model names as vendors write them and as NVD writes them, brought to one form
//! (catalog/README.md §2.5).
//!
//! An inventory says `DH-IPC-HFW3441E-AS` or `DS-2CD2143G2-IS`; NVD's CPE names say
//! `ipc-hx3xxx_firmware` or `ds-2cd2143g2-i\(s\)_firmware`. Copied literally, the second never
//! matches the first, and a camera NVD lists as vulnerable drops out of the report — the worst
//! outcome of an audit. Two halves:
//!
//! - [`model_forms`]: the inventory side. Besides the model as written, the model without the
//!   prefix the vendor puts before its own model numbers (Dahua's `DH-` and `DHI-`, Hikvision's
//!   `HIK-` as some inventories write it), so that a pattern written from NVD's bare names
//!   matches.
//! - [`cpe_patterns`]: the NVD side. A CPE product becomes glob patterns: `_firmware` and
//!   `_series` and a leading vendor name dropped, option letters in brackets expanded, NVD's
//!   `x` placeholders read as one-character wildcards where the vendor's naming uses them as
//!   such, Dahua's optional hyphen after a family prefix, a trailing `*` for the suffixes
//!   inventories add. Typos NVD publishes (`ds-2df5232x-ae3)t3)`) are not fatal: the name is
//!   cut before the fault and the fault is reported, since a wider pattern only makes the
//!   auditor confirm one more camera, while a dropped one hides it.
//!
//! Pure, and never panics on any input (the names come from files the auditor downloads).

/// What one CPE product name gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patterns {
    /// Glob patterns (catalog/README.md §2.3), lowercase, without duplicates, none covered by
    /// another of the list.
    pub patterns: Vec<String>,
    /// What could not be read as written, for the import summary.
    pub notes: Vec<NameNote>,
}

/// A CPE product name not read as written, as data: the command line phrases it in the
/// engagement's language; `Display` is the English one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameNote {
    /// `camera_firmware`: a kind of device, read as every model of the vendor.
    NoModel { name: String },
    /// A bracket without its pair or nested, at a 1-based character; the name is read up to
    /// it (`read_as`, without the `*` the pattern ends with).
    Unbalanced {
        name: String,
        closing: bool,
        at: usize,
        read_as: String,
    },
    /// More option groups than [`MAX_VARIANTS`] combinations: read up to the first bracket.
    TooManyOptions { name: String, max: usize },
    /// A system (`intercom_broadcast_system`) that runs on `models` devices and names none of
    /// them: matched by the devices' models, its versions not compared with their firmware.
    RunsOn { name: String, models: usize },
}

/// The words a [`NameNote`] is said with, each `{}` filled in order: English for `Display`,
/// the command line's catalogue for the engagement's language.
pub struct NoteWords<'a> {
    /// `{}` is the text quoted.
    pub quoted: &'a str,
    /// `{}` is the quoted name.
    pub no_model: &'a str,
    /// `{}` are the quoted name, `closing` or `opening`, the place, then the quoted reading.
    pub unbalanced: &'a str,
    pub closing: &'a str,
    pub opening: &'a str,
    /// `{}` are the quoted name, then the limit.
    pub too_many: &'a str,
    /// `{}` are the quoted name, then how many device models.
    pub runs_on: &'a str,
}

const ENGLISH: NoteWords<'static> = NoteWords {
    quoted: "\"{}\"",
    no_model: "{} names no model: every model of the vendor",
    unbalanced: "{}: {} at character {}, read as {}",
    closing: "\")\" without \"(\"",
    opening: "\"(\" without its \")\"",
    too_many: "{}: more than {} combinations of option letters, read up to the first bracket",
    runs_on: "{} names no device: matched on the {} device model(s) it runs on, its versions not compared with their firmware (to confirm)",
};

impl NameNote {
    /// The note in `words`.
    pub fn said(&self, words: &NoteWords) -> String {
        let fill = |template: &str, values: &[&str]| {
            values.iter().fold(template.to_owned(), |text, value| {
                text.replacen("{}", value, 1)
            })
        };
        let quoted = |text: &str| words.quoted.replacen("{}", text, 1);
        match self {
            NameNote::NoModel { name } => fill(words.no_model, &[&quoted(name)]),
            NameNote::Unbalanced {
                name,
                closing,
                at,
                read_as,
            } => fill(
                words.unbalanced,
                &[
                    &quoted(name),
                    if *closing {
                        words.closing
                    } else {
                        words.opening
                    },
                    &at.to_string(),
                    &quoted(&format!("{read_as}*")),
                ],
            ),
            NameNote::TooManyOptions { name, max } => {
                fill(words.too_many, &[&quoted(name), &max.to_string()])
            }
            NameNote::RunsOn { name, models } => {
                fill(words.runs_on, &[&quoted(name), &models.to_string()])
            }
        }
    }
}

impl std::fmt::Display for NameNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.said(&ENGLISH))
    }
}

/// How many variants option brackets may give: `i(w)(s)` gives four; a name with many
/// groups is not a model name and would flood the pack.
const MAX_VARIANTS: usize = 16;

/// The prefixes a vendor writes before its model numbers, lowercase, longest first.
pub fn model_prefixes(vendor: &str) -> &'static [&'static str] {
    match vendor {
        // DH- (Dahua) and DHI- (Dahua international) on the same products: DHI-NVR4208-8P-4KS2/L.
        "dahua" => &["dhi-", "dh-"],
        "hikvision" => &["hik-", "hik "],
        _ => &[],
    }
}

/// The forms of an inventory model that patterns are matched against: the model as given,
/// then, when it starts with one of the vendor's model prefixes, the model without it.
pub fn model_forms<'m>(vendor: &str, model: &'m str) -> Vec<&'m str> {
    let mut forms = vec![model];
    for prefix in model_prefixes(vendor) {
        let Some(head) = model.get(..prefix.len()) else {
            continue;
        };
        if head.eq_ignore_ascii_case(prefix)
            && let Some(rest) = model.get(prefix.len()..)
            && !rest.trim().is_empty()
        {
            forms.push(rest.trim_start());
            break;
        }
    }
    forms
}

/// The glob patterns a CPE product name of `vendor` (the pack's key) stands for. `aliases`
/// are the vendor's names (a product that starts with one of them loses it).
pub fn cpe_patterns(vendor: &str, aliases: &[String], product: &str) -> Patterns {
    let mut notes = Vec::new();
    let original = product.trim();
    let mut name = original.to_lowercase();
    for suffix in ["_firmware", "-firmware"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.to_owned();
        }
    }
    if let Some(stripped) = name.strip_suffix("_series") {
        // `ds-2cd63xx_series`: the rest already names a family; the trailing `*` covers it.
        name = stripped.to_owned();
    }
    let mut by_length: Vec<&str> = aliases.iter().map(String::as_str).collect();
    by_length.push(vendor);
    by_length.sort_by_key(|alias| std::cmp::Reverse(alias.len()));
    for alias in by_length {
        let alias = alias.replace(' ', "_");
        if let Some(rest) = name.strip_prefix(&alias)
            && let Some(rest) = rest.strip_prefix(['_', '-'])
            && !rest.is_empty()
        {
            name = rest.to_owned();
            break;
        }
    }
    for prefix in model_prefixes(vendor) {
        if let Some(rest) = name.strip_prefix(prefix)
            && !rest.is_empty()
        {
            name = rest.to_owned();
            break;
        }
    }
    // CPE writes a space or a hyphen of a product name as `_` (`camera_station_pro`); one
    // `?` matches either, and an underscore that is really one (Uniview's `IPC_G61`).
    let name = name.replace('_', "?");
    // A kind of device rather than a model (`cpe:...:uniview:camera_firmware`): NVD means
    // every model of the vendor.
    let generic = [
        "camera",
        "cameras",
        "ip?camera",
        "network?camera",
        "firmware",
    ];
    if name.is_empty() || name == "*" || name == "-" || generic.contains(&name.as_str()) {
        return Patterns {
            patterns: vec!["*".to_owned()],
            notes: vec![NameNote::NoModel {
                name: original.to_owned(),
            }],
        };
    }
    let variants = expand_options(&name, original, &mut notes);
    let mut patterns: Vec<String> = Vec::new();
    for variant in variants {
        for placeholder in placeholders(vendor, &variant) {
            for form in optional_hyphen(vendor, &placeholder) {
                let pattern = format!("{}*", form.trim_end_matches('*'));
                if !patterns.contains(&pattern) {
                    patterns.push(pattern);
                }
            }
        }
    }
    Patterns {
        patterns: without_covered(patterns),
        notes,
    }
}

/// Option letters in brackets: `i(s)` → `i`, `is`; `f-(a)` → `f`, `f-a`; `i(w)(s)` → four.
/// A bracket without its pair, or nested, ends the name there (reported).
fn expand_options(name: &str, original: &str, notes: &mut Vec<NameNote>) -> Vec<String> {
    let mut variants = vec![String::new()];
    let mut rest = name;
    while !rest.is_empty() {
        let Some(at) = rest.find(['(', ')']) else {
            for variant in &mut variants {
                variant.push_str(rest);
            }
            break;
        };
        let (before, from) = rest.split_at(at);
        for variant in &mut variants {
            variant.push_str(before);
        }
        let group = from
            .strip_prefix('(')
            .and_then(|inner| inner.find([')', '(']).map(|end| (inner, end)))
            .filter(|(inner, end)| inner.as_bytes().get(*end) == Some(&b')'));
        let Some((inner, end)) = group else {
            let bracket = from.chars().next().unwrap_or('(');
            let offset = name.len() - rest.len() + at;
            notes.push(NameNote::Unbalanced {
                name: original.to_owned(),
                closing: bracket == ')',
                at: offset + 1,
                read_as: variants.first().cloned().unwrap_or_default(),
            });
            // Everything after the fault is unknown: the `*` added later covers it.
            variants.dedup();
            return variants;
        };
        let option = &inner[..end];
        rest = &inner[end + 1..];
        if variants.len() * 2 > MAX_VARIANTS {
            notes.push(NameNote::TooManyOptions {
                name: original.to_owned(),
                max: MAX_VARIANTS,
            });
            variants.dedup();
            return variants;
        }
        let mut next = Vec::with_capacity(variants.len() * 2);
        for variant in variants {
            // Without the option, a hyphen that only introduced it goes too: `f-(a)` → `f`.
            let without = if rest.is_empty() || rest.starts_with('-') {
                variant.strip_suffix('-').unwrap_or(&variant).to_owned()
            } else {
                variant.clone()
            };
            next.push(without);
            // `2127g2-(-su)`: the hyphen is written inside and outside the brackets.
            let option = if variant.ends_with('-') {
                option.trim_start_matches('-')
            } else {
                option
            };
            next.push(format!("{variant}{option}"));
        }
        variants = next;
    }
    variants.dedup();
    variants
}

/// NVD's `x` placeholders, as the vendor's naming uses them.
///
/// - Hikvision writes real `X`s in model numbers (`DS-2DF8225IX`, `DS-2XE6242F`) and `xx`
///   for a run of digits (`ds-2cd2xx6g2`, `ds-2cd63xx_series`): only runs of two or more
///   `x`, or an `x` ending the name (`ds-2dfx`), are placeholders.
/// - Dahua's family names put `x` for digits after the family prefix (`nvr-4xxx`,
///   `xvr-4x04`, `vth-542xh`), and after the `h` of `ipc-h` for the form-factor letters
///   (FW, DW, DBW: one to three of them). The family prefix itself is literal (`xvr`). Two
///   series glued together (`vto-75x95x`: the VTO75x and VTO95x series) are two names.
fn placeholders(vendor: &str, name: &str) -> Vec<String> {
    match vendor {
        "hikvision" => vec![hikvision_placeholders(name)],
        "dahua" => dahua_placeholders(name),
        _ => vec![name.to_owned()],
    }
}

fn hikvision_placeholders(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == 'x' {
            let run = chars[i..].iter().take_while(|&&c| c == 'x').count();
            let at_end = i + run == chars.len();
            let after_letters = i > 0 && chars[i - 1].is_ascii_alphabetic();
            if run >= 2 || (at_end && after_letters && i > 3) {
                out.extend(std::iter::repeat_n('?', run));
            } else {
                out.extend(std::iter::repeat_n('x', run));
            }
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn dahua_placeholders(name: &str) -> Vec<String> {
    // The family prefix: the leading letters (`ipc`, `nvr`, `xvr`, `sd`), literal.
    let family = name
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(name.len(), |(at, _)| at);
    let (head, tail) = name.split_at(family);
    // `vto-75x95x`: two series glued together.
    let digits_x = |part: &str| {
        part.len() >= 2
            && part.ends_with('x')
            && part[..part.len() - 1].bytes().all(|b| b.is_ascii_digit())
    };
    let body = tail.trim_start_matches('-');
    let separator = &tail[..tail.len() - body.len()];
    if let Some(split) = (2..body.len().saturating_sub(1))
        .find(|&at| body.is_char_boundary(at) && digits_x(&body[..at]) && digits_x(&body[at..]))
    {
        let (first, second) = body.split_at(split);
        return [first, second]
            .iter()
            .flat_map(|series| dahua_placeholders(&format!("{head}{separator}{series}")))
            .collect();
    }
    let chars: Vec<char> = tail.chars().collect();
    // `ipc-hx3xxx`: the `x` after `-h` stands for the form-factor letters.
    let form_factor =
        head == "ipc" && chars.len() >= 3 && chars[0] == '-' && chars[1] == 'h' && chars[2] == 'x';
    let mut digits = String::with_capacity(tail.len());
    let start = if form_factor { 3 } else { 0 };
    for (i, &c) in chars.iter().enumerate().skip(start) {
        let near_digit = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_ascii_digit() || *c == 'x')
        };
        let run_touches_digit = {
            // The run of x's around this one, and whether a digit borders it.
            let mut left = i;
            while left > 0 && chars[left - 1] == 'x' {
                left -= 1;
            }
            let mut right = i;
            while right + 1 < chars.len() && chars[right + 1] == 'x' {
                right += 1;
            }
            let digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            digit(left.checked_sub(1)) || digit(Some(right + 1)) || form_factor
        };
        // A lone `x` after a full model number is Dahua's own letter (`ASI7213X-T1`).
        let lone_after_number = {
            let lone = chars.get(i + 1) != Some(&'x') && (i == 0 || chars[i - 1] != 'x');
            let digits_before = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            lone && digits_before >= 4
        };
        if c == 'x'
            && !lone_after_number
            && (near_digit(i.checked_sub(1)) || near_digit(Some(i + 1)))
            && run_touches_digit
        {
            digits.push('?');
        } else {
            digits.push(c);
        }
    }
    if form_factor {
        (1..=3)
            .map(|letters| format!("{head}-h{}{digits}", "?".repeat(letters)))
            .collect()
    } else {
        vec![format!("{head}{digits}")]
    }
}

/// Dahua writes `NVR4208`, `XVR5104HS`, `VTO6521H` where NVD writes `nvr-4xxx`, `xvr-5x04`,
/// `vto-65xxx`, but keeps the hyphen in `IPC-HFW3441E` and `TPC-BF1241`: a hyphen between the
/// family letters and a digit may be absent.
fn optional_hyphen(vendor: &str, name: &str) -> Vec<String> {
    if vendor != "dahua" {
        return vec![name.to_owned()];
    }
    let family = name
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(name.len(), |(at, _)| at);
    let (head, tail) = name.split_at(family);
    match tail.strip_prefix('-') {
        Some(rest)
            if !head.is_empty()
                && rest
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || c == '?') =>
        {
            vec![name.to_owned(), format!("{head}{rest}")]
        }
        _ => vec![name.to_owned()],
    }
}

/// Drops a pattern that another one of the list covers: both end in `*`, so a pattern whose
/// text starts with another's (before its `*`) matches nothing more.
fn without_covered(patterns: Vec<String>) -> Vec<String> {
    let stem = |pattern: &str| pattern.trim_end_matches('*').to_owned();
    let stems: Vec<String> = patterns.iter().map(|p| stem(p)).collect();
    patterns
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !stems.iter().enumerate().any(|(j, other)| {
                j != *i
                    && stems[*i].starts_with(other.as_str())
                    && (other.len() < stems[*i].len() || j < *i)
            })
        })
        .map(|(_, pattern)| pattern.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cve::matching::glob;

    fn patterns(vendor: &str, product: &str) -> Vec<String> {
        cpe_patterns(vendor, &[], product).patterns
    }

    fn matches(vendor: &str, product: &str, model: &str) -> bool {
        let found = cpe_patterns(vendor, &[], product);
        model_forms(vendor, model)
            .iter()
            .any(|form| found.patterns.iter().any(|pattern| glob(pattern, form)))
    }

    /// Real CPE product names (NVD records of the pack's CVEs) against real model strings.
    /// Each row: a CPE product name of `vendor` matches the model string, or not.
    fn assert_names(table: &[(&str, &str, &str, bool)]) {
        for (vendor, product, model, expected) in table {
            assert_eq!(
                matches(vendor, product, model),
                *expected,
                "{vendor} {product} vs {model}: {:?}",
                patterns(vendor, product)
            );
        }
    }

    /// Dahua families (CVE-2021-33044 / -33045): DH-/DHI- prefixes, x placeholders,
    /// the hyphen NVD adds after the family prefix.
    #[test]
    fn dahua_cpe_names_match_the_models_dahua_writes() {
        assert_names(&[
            ("dahua", "ipc-hx3xxx_firmware", "DH-IPC-HFW3441E-AS", true),
            ("dahua", "ipc-hx3xxx_firmware", "IPC-HDW3441TM-AS", true),
            ("dahua", "ipc-hx3xxx_firmware", "IPC-HDBW3441R-ZS", true),
            ("dahua", "ipc-hx3xxx_firmware", "IPC-HDBW2431E-S-S2", false),
            ("dahua", "ipc-hx5xxx_firmware", "DH-IPC-HFW5442E-ZE", true),
            ("dahua", "ipc-hx5xxx_firmware", "DH-IPC-HFW3441E-AS", false),
            ("dahua", "ipc-hum7xxx_firmware", "IPC-HUM7243-AS", true),
            ("dahua", "sd22_firmware", "DH-SD22204DB-GNY", true),
            ("dahua", "sd22_firmware", "DH-SD42C212T-HN", false),
            ("dahua", "nvr-4xxx_firmware", "DHI-NVR4208-8P-4KS2/L", true),
            ("dahua", "nvr-4xxx_firmware", "NVR4216-4KS2", true),
            ("dahua", "nvr-4xxx_firmware", "DHI-NVR5216-4KS2", false),
            ("dahua", "nvr-6xx_firmware", "NVR608-32-4KS2", true),
            ("dahua", "xvr-4x04_firmware", "DH-XVR4104HS-X1", true),
            ("dahua", "xvr-4x04_firmware", "XVR4108HS", false),
            ("dahua", "vth-542xh_firmware", "VTH5421H", true),
            ("dahua", "vto-65xxx_firmware", "DHI-VTO6521H", true),
            ("dahua", "vto-75x95x_firmware", "VTO7541G", true),
            ("dahua", "vto-75x95x_firmware", "DHI-VTO9541D", true),
            ("dahua", "vto-75x95x_firmware", "VTO6521H", false),
            ("dahua", "tpc-bf5x21_firmware", "TPC-BF5421-T", true),
            ("dahua", "tpc-bf1241_firmware", "DH-TPC-BF1241-B3F4", true),
            ("dahua", "asi7213x-t1_firmware", "ASI7213X-T1", true),
            ("dahua", "asi7213x-t1_firmware", "ASI72135-T1", false),
            (
                "dahua",
                "ipc-hfw2231t-zs-s2_firmware",
                "IPC-HFW2231T-ZS-S2",
                true,
            ),
        ]);
    }

    /// Hikvision: option letters in brackets.
    #[test]
    fn hikvision_option_letters_match_the_models_hikvision_writes() {
        assert_names(&[
            (
                "hikvision",
                "ds-2cd2143g2-i(s)_firmware",
                "DS-2CD2143G2-IS",
                true,
            ),
            (
                "hikvision",
                "ds-2cd2143g2-i(s)_firmware",
                "DS-2CD2143G2-I",
                true,
            ),
            (
                "hikvision",
                "ds-2cd2066g2-i(u)_firmware",
                "DS-2CD2066G2-IU",
                true,
            ),
            (
                "hikvision",
                "ds-2cd3123g2-i(s)u_firmware",
                "DS-2CD3123G2-ISU",
                true,
            ),
            (
                "hikvision",
                "ds-2cd3123g2-i(s)u_firmware",
                "DS-2CD3123G2-IU",
                true,
            ),
            (
                "hikvision",
                "ds-2cd2121g0-i(w)(s)_firmware",
                "DS-2CD2121G0-IWS",
                true,
            ),
            ("hikvision", "ds-2cd4012f-(a)_firmware", "DS-2CD4012F", true),
            (
                "hikvision",
                "ds-2cd4012f-(a)_firmware",
                "DS-2CD4012F-A",
                true,
            ),
            (
                "hikvision",
                "ds-2cd2127g2-(-su)_firmware",
                "DS-2CD2127G2-SU",
                true,
            ),
        ]);
    }

    /// Hikvision: `x` runs, NVD's typos, models named one by one.
    #[test]
    fn hikvision_series_and_typos_match_the_models_hikvision_writes() {
        assert_names(&[
            (
                "hikvision",
                "ds-2cd2xx6g2_firmware",
                "DS-2CD2046G2-IU",
                true,
            ),
            (
                "hikvision",
                "ds-2cd2xx6g2_firmware",
                "DS-2CD2043G2-I",
                false,
            ),
            (
                "hikvision",
                "ds-2cd63xx_series_firmware",
                "DS-2CD6332FWD-IV",
                true,
            ),
            (
                "hikvision",
                "ds-2dfx_series_firmware",
                "DS-2DF8225IX-AEL",
                true,
            ),
            (
                "hikvision",
                "ds-2df8225ix-ael(t3)_firmware",
                "DS-2DF8225IX-AEL(T3)",
                true,
            ),
            (
                "hikvision",
                "ds-2df8225ix-ael(t3)_firmware",
                "DS-2DF8225IH-AEL",
                false,
            ),
            (
                "hikvision",
                "ds-2xe6242f-is/316l(b)_firmware",
                "DS-2XE6242F-IS/316L",
                true,
            ),
            (
                "hikvision",
                "ds-2df5232x-ae3)t3)_firmware",
                "DS-2DF5232X-AE3(T3)",
                true,
            ),
            (
                "hikvision",
                "ds-2df6a225x-ael)t3)_firmware",
                "DS-2DF6A225X-AEL",
                true,
            ),
            ("hikvision", "ds-7608ni-q2_firmware", "DS-7608NI-Q2", true),
            (
                "hikvision",
                "ds-7608ni-q2_firmware",
                "HIK-DS-7608NI-Q2",
                true,
            ),
            (
                "hikvision",
                "ds-7108ni-q1/m_firmware",
                "DS-7108NI-Q1/M",
                true,
            ),
            ("hikvision", "ds-2cd6412fwd_firmware", "DS-2CD6412FWD", true),
        ]);
    }

    /// Other vendors: a space, hyphen or underscore of a product name is `_` in a CPE; a
    /// kind of device stands for every model.
    #[test]
    fn other_vendors_cpe_names_match_their_models() {
        assert_names(&[
            ("uniview", "camera_firmware", "IPC2124LR3-PF40M-D", true),
            ("axis", "camera_station_pro", "Camera Station Pro", true),
            ("uniview", "ipc_g61_firmware", "IPC_G61", true),
        ]);
    }

    #[test]
    fn the_patterns_read_as_written() {
        assert_eq!(
            patterns("hikvision", "ds-2cd2143g2-i(s)_firmware"),
            ["ds-2cd2143g2-i*"]
        );
        assert_eq!(
            patterns("hikvision", "ds-2cd3123g2-i(s)u_firmware"),
            ["ds-2cd3123g2-iu*", "ds-2cd3123g2-isu*"]
        );
        assert_eq!(patterns("hikvision", "ds-2cd2xx6g2"), ["ds-2cd2??6g2*"]);
        assert_eq!(
            patterns("hikvision", "ds-2df8225ix-ael"),
            ["ds-2df8225ix-ael*"]
        );
        assert_eq!(
            patterns("dahua", "nvr-4xxx_firmware"),
            ["nvr-4???*", "nvr4???*"]
        );
        assert_eq!(
            patterns("dahua", "ipc-hx3xxx_firmware"),
            ["ipc-h?3???*", "ipc-h??3???*", "ipc-h???3???*"]
        );
        assert_eq!(
            patterns("dahua", "xvr-4x04_firmware"),
            ["xvr-4?04*", "xvr4?04*"]
        );
        assert_eq!(patterns("dahua", "sd22_firmware"), ["sd22*"]);
        assert_eq!(
            patterns("dahua", "dhi-nvr-4xxx_firmware"),
            ["nvr-4???*", "nvr4???*"]
        );
        assert_eq!(
            cpe_patterns(
                "hikvision",
                &["hikvision".to_owned()],
                "hikvision_ds-7608ni-q2"
            )
            .patterns,
            ["ds-7608ni-q2*"]
        );
        assert_eq!(patterns("dlink", "dcs-2530l_firmware"), ["dcs-2530l*"]);
    }

    #[test]
    fn typos_are_reported_and_never_panic() {
        let found = cpe_patterns("hikvision", &[], "ds-2df5232x-ae3)t3)_firmware");
        assert_eq!(found.patterns, ["ds-2df5232x-ae3*"]);
        assert_eq!(
            found.notes,
            [NameNote::Unbalanced {
                name: "ds-2df5232x-ae3)t3)_firmware".to_owned(),
                closing: true,
                at: 16,
                read_as: "ds-2df5232x-ae3".to_owned(),
            }]
        );
        assert_eq!(
            found.notes[0].to_string(),
            "\"ds-2df5232x-ae3)t3)_firmware\": \")\" without \"(\" at character 16, read as \"ds-2df5232x-ae3*\""
        );
        let open = cpe_patterns("hikvision", &[], "ds-2cd2143g2-i(s");
        assert_eq!(open.patterns, ["ds-2cd2143g2-i*"]);
        assert!(
            matches!(open.notes[0], NameNote::Unbalanced { closing: false, .. }),
            "{:?}",
            open.notes
        );
        let nested = cpe_patterns("hikvision", &[], "ds-(a(b))");
        assert_eq!(nested.patterns, ["ds-*"]);
        assert_eq!(nested.notes.len(), 1);
        let many = cpe_patterns("hikvision", &[], &"a(b)".repeat(10));
        assert!(
            many.patterns.len() <= MAX_VARIANTS,
            "{}",
            many.patterns.len()
        );
        assert!(
            matches!(
                many.notes[0],
                NameNote::TooManyOptions {
                    max: MAX_VARIANTS,
                    ..
                }
            ),
            "{:?}",
            many.notes
        );
        assert_eq!(cpe_patterns("dahua", &[], "_firmware").patterns, ["*"]);
        assert_eq!(cpe_patterns("dahua", &[], "").patterns, ["*"]);
    }

    proptest::proptest! {
        #[test]
        fn any_name_gives_patterns_without_panicking(
            vendor in "(hikvision|dahua|axis)",
            product in "[a-z0-9x()_\\-/é]{0,24}",
        ) {
            let found = cpe_patterns(&vendor, &[], &product);
            proptest::prop_assert!(!found.patterns.is_empty());
            proptest::prop_assert!(found.patterns.iter().all(|p| p.ends_with('*')));
        }
    }
}
