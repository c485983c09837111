//! Matches → findings: what `cve match --apply` (and the checklist's key on the UPD
//! controls) does, planned without touching anything.
//!
//! One finding per CVE that affects at least one asset: the pack's title, the CVE id, its
//! vector, the vector's source, the remote-takeover flag, the affected assets, the pack's
//! fix as the recommendation (in the engagement's language), in the grid's UPD domain under
//! its "known unpatched vulnerabilities" control (UPD-02, or the domain's first control when
//! the grid has no UPD-02). The description lists, beside the affected assets, the ones the
//! pack cannot decide on (unknown), for the auditor to confirm; they are not put in the
//! finding's assets. A CVE that already has a finding (one that lists its id) gets no second
//! one: its newly affected assets are added to it, and nothing else of it changes, since the
//! auditor may have edited it.

use std::cmp::Ordering;

use jiff::Timestamp;

use super::matching::{Match, RangeWhy, Verdict, matches};
use super::pack::{CvssSource, Entry, Pack, Shape};
use crate::assessment::{Asset, Auditor, CveId, Finding, VectorSource};
use crate::grid::{Grid, Lang};
use crate::messages::CveAsk;

/// The grid's domain for known vulnerabilities.
pub const DOMAIN: &str = "UPD";
/// The grid's "known unpatched vulnerabilities (CVE)" control.
pub const CONTROL: &str = "UPD-02";

/// What `--apply` does for one CVE.
#[derive(Debug, Clone)]
pub enum Step {
    /// A new finding (its id is given when it is saved).
    Create(Box<Finding>),
    /// An existing finding of this CVE, with assets added.
    AddAssets {
        finding: Box<Finding>,
        added: Vec<String>,
    },
    /// An existing finding of this CVE already lists every affected asset.
    UpToDate { finding: String },
    /// No asset is known to be affected, only ones to confirm: no finding.
    ConfirmOnly,
}

/// One CVE that affects, or may affect, assets of the inventory.
#[derive(Debug, Clone)]
pub struct CveMatches<'a> {
    pub entry: &'a Entry,
    /// Affected assets, in inventory order.
    pub affected: Vec<Match<'a>>,
    /// Assets the pack cannot decide on, in inventory order.
    pub unknown: Vec<Match<'a>>,
}

/// KEV-listed entries first, then by base score (highest first), then by id.
pub fn priority(a: &Entry, b: &Entry) -> Ordering {
    b.kev
        .is_some()
        .cmp(&a.kev.is_some())
        .then_with(|| b.cvss.vector.base_score().cmp(&a.cvss.vector.base_score()))
        .then_with(|| a.id.cmp(&b.id))
}

/// Every CVE with affected or unknown assets, KEV-listed first (see [`priority`]): what
/// `cve match` lists.
pub fn by_cve<'a>(pack: &'a Pack, assets: &'a [Asset]) -> Vec<CveMatches<'a>> {
    let mut grouped: Vec<CveMatches<'a>> = Vec::new();
    for found in matches(pack, assets) {
        if found.verdict == Verdict::NotAffected {
            continue;
        }
        let slot = match grouped
            .iter_mut()
            .position(|group| std::ptr::eq(group.entry, found.entry))
        {
            Some(at) => &mut grouped[at],
            None => {
                grouped.push(CveMatches {
                    entry: found.entry,
                    affected: Vec::new(),
                    unknown: Vec::new(),
                });
                let last = grouped.len() - 1;
                &mut grouped[last]
            }
        };
        match found.verdict {
            Verdict::Affected => slot.affected.push(found),
            _ => slot.unknown.push(found),
        }
    }
    grouped.sort_by(|a, b| priority(a.entry, b.entry));
    grouped
}

/// Where findings of known vulnerabilities go in `grid`: the UPD domain and its UPD-02
/// control, else the domain's first control; `Err` with what stops it when the grid has no
/// UPD domain, or one without controls.
fn place(grid: &Grid) -> Result<(String, String), CveAsk> {
    let domain = grid
        .domains
        .iter()
        .find(|domain| domain.id.eq_ignore_ascii_case(DOMAIN))
        .ok_or_else(|| CveAsk::NoUpdDomain(grid.domains.iter().map(|d| d.id.clone()).collect()))?;
    let control = domain
        .controls
        .iter()
        .find(|control| control.id.eq_ignore_ascii_case(CONTROL))
        .or_else(|| domain.controls.first())
        .ok_or_else(|| CveAsk::EmptyDomain(domain.id.clone()))?;
    Ok((domain.id.clone(), control.id.clone()))
}

/// How a finding records who published the pack's vector: a CNA (such as CISA ICS-CERT)
/// and CISA's ADP are both a third party; the description names which.
pub fn vector_source(source: CvssSource) -> VectorSource {
    match source {
        CvssSource::Nvd => VectorSource::Nvd,
        CvssSource::Vendor => VectorSource::Vendor,
        CvssSource::Cna | CvssSource::CisaAdp => VectorSource::ThirdParty,
    }
}

/// The plan for every CVE of `grouped` (or only `only`): a finding to create or to update, or
/// nothing. `findings` are the engagement's.
pub fn plan<'a>(
    grouped: Vec<CveMatches<'a>>,
    pack: &Pack,
    findings: &[Finding],
    grid: &Grid,
    lang: Lang,
    who: &Auditor,
    now: Timestamp,
) -> Result<Vec<(CveMatches<'a>, Step)>, CveAsk> {
    let (domain, control) = place(grid)?;
    let mut planned = Vec::new();
    for group in grouped {
        let step = step(&group, pack, findings, &domain, &control, lang, who, now);
        planned.push((group, step));
    }
    Ok(planned)
}

#[allow(clippy::too_many_arguments)]
fn step(
    group: &CveMatches,
    pack: &Pack,
    findings: &[Finding],
    domain: &str,
    control: &str,
    lang: Lang,
    who: &Auditor,
    now: Timestamp,
) -> Step {
    let entry = group.entry;
    let affected: Vec<String> = group.affected.iter().map(|m| m.asset.id.clone()).collect();
    if let Some(existing) = findings
        .iter()
        .find(|finding| finding.cves.contains(&entry.id))
    {
        let added: Vec<String> = affected
            .iter()
            .filter(|id| !existing.assets.contains(id))
            .cloned()
            .collect();
        if added.is_empty() {
            return Step::UpToDate {
                finding: existing.id.clone(),
            };
        }
        let mut finding = existing.clone();
        finding.assets.extend(added.iter().cloned());
        return Step::AddAssets {
            finding: Box::new(finding),
            added,
        };
    }
    if affected.is_empty() {
        return Step::ConfirmOnly;
    }
    let words = Words::of(lang);
    let mut recommendation = entry.fix.get(lang).trim().to_owned();
    let mut fixed: Vec<&str> = Vec::new();
    for text in group.affected.iter().flat_map(|m| {
        m.ranges
            .iter()
            .filter_map(|range| range.fixed_in.as_deref())
    }) {
        if !fixed.contains(&text) {
            fixed.push(text);
        }
    }
    if !fixed.is_empty() {
        recommendation.push_str(&format!("\n\n{} {}", words.fixed_in, fixed.join(", ")));
    }
    Step::Create(Box::new(Finding {
        title: entry.title(lang).trim().to_owned(),
        description: description(group, pack, lang),
        cves: vec![entry.id.clone()],
        cvss: Some(entry.cvss.vector.clone()),
        cvss_source: Some(vector_source(entry.cvss.source)),
        remote_takeover: entry.remote_takeover,
        assets: affected,
        created_at: now,
        ..Finding::blank(
            domain.to_owned(),
            vec![control.to_owned()],
            recommendation,
            who.clone(),
        )
    }))
}

/// The sentences of a finding made from the pack, in each language.
struct Words {
    /// `{id}`, `{version}`, `{date}` are replaced.
    known: &'static str,
    /// `{id}`, `{files}` are replaced.
    imported: &'static str,
    colon: &'static str,
    kev: &'static str,
    affected: &'static str,
    confirm: &'static str,
    source: &'static str,
    by_nvd: &'static str,
    by_vendor: &'static str,
    by_cna: &'static str,
    by_adp: &'static str,
    recorded_as_auditor: &'static str,
    references: &'static str,
    fixed_in: &'static str,
    firmware: &'static str,
    no_firmware: &'static str,
    affected_versions: &'static str,
    every_version: &'static str,
    unpublished: &'static str,
    /// `{}` is replaced by the bound, in each of the four.
    from: &'static str,
    after: &'static str,
    up_to: &'static str,
    before: &'static str,
    and: &'static str,
    semicolon: &'static str,
    /// Before why the pack cannot decide on an asset to confirm.
    cannot_tell: &'static str,
}

impl Words {
    fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::En => &Words {
                known: "Known vulnerability {id}, from the CVE pack {version} ({date}).",
                imported: "Known vulnerability {id}, imported into this engagement from {files}.",
                colon: ":",
                kev: "Listed by CISA as exploited in the wild (KEV catalogue) since",
                affected: "Affected assets (vendor, model and firmware in the pack's ranges):",
                confirm: "To confirm (the pack cannot tell from the inventory; not counted in this finding's assets):",
                source: "CVSS vector published by",
                by_nvd: "NVD",
                by_vendor: "the vendor, as the CVE's numbering authority (CNA)",
                by_cna: "the CVE's numbering authority (CNA), a third party: neither NVD nor the vendor",
                by_adp: "CISA (Authorized Data Publisher), neither NVD nor the vendor",
                recorded_as_auditor: "recorded with source `auditor`: adopted by the audit",
                references: "References:",
                fixed_in: "Fixed release:",
                firmware: "firmware",
                no_firmware: "firmware not recorded in the inventory",
                affected_versions: "affected versions",
                every_version: "every firmware, no fix published",
                unpublished: "not published, see the vendor's advisory",
                from: "from {}",
                after: "after {}",
                up_to: "up to {} included",
                before: "before {}",
                and: "and",
                semicolon: "; ",
                cannot_tell: "cannot tell",
            },
            Lang::Fr => &Words {
                known: "Vulnérabilité connue {id}, d'après le paquet CVE {version} ({date}).",
                imported: "Vulnérabilité connue {id}, importée dans cette mission depuis {files}.",
                colon: "\u{a0}:",
                kev: "Inscrite par la CISA au catalogue des vulnérabilités exploitées (KEV) depuis le",
                affected: "Équipements concernés (fabricant, modèle et firmware dans les plages du paquet)\u{a0}:",
                confirm: "À confirmer (le paquet ne permet pas de conclure à partir de l'inventaire\u{a0}; non comptés dans les équipements de cette vulnérabilité)\u{a0}:",
                source: "Vecteur CVSS publié par",
                by_nvd: "la NVD",
                by_vendor: "le fabricant, autorité de numérotation (CNA) de la CVE",
                by_cna: "l'autorité de numérotation (CNA) de la CVE, un tiers\u{a0}: ni la NVD ni le fabricant",
                by_adp: "la CISA (Authorized Data Publisher), ni la NVD ni le fabricant",
                recorded_as_auditor: "enregistré avec la source `auditor`\u{a0}: repris par l'audit",
                references: "Références\u{a0}:",
                fixed_in: "Version corrigée\u{a0}:",
                firmware: "firmware",
                no_firmware: "firmware non renseigné dans l'inventaire",
                affected_versions: "versions concernées",
                every_version: "tous les firmwares, aucun correctif publié",
                unpublished: "non publiées, voir l'avis du fabricant",
                from: "à partir de {}",
                after: "postérieures à {}",
                up_to: "jusqu'à {} incluse",
                before: "antérieures à {}",
                and: "et",
                semicolon: "\u{a0}; ",
                cannot_tell: "impossible de conclure",
            },
        }
    }
}

/// Text shown as itself in Markdown: the characters that would start emphasis, code, links,
/// HTML or a table cell are escaped (model patterns are full of `*`).
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '{' | '}' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn description(group: &CveMatches, pack: &Pack, lang: Lang) -> String {
    let entry = group.entry;
    let words = Words::of(lang);
    let mut paragraphs = vec![crate::text::one_line(entry.summary.get(lang).trim())];
    let origin = if entry.is_imported() {
        words
            .imported
            .replace("{id}", &entry.id.to_string())
            .replace("{files}", &plain(&entry.imported_from.join(", ")))
    } else {
        words
            .known
            .replace("{id}", &entry.id.to_string())
            .replace("{version}", &plain(&pack.pack.version))
            .replace("{date}", &lang.date(pack.pack.date))
    };
    let mut facts = vec![origin];
    if let Some(kev) = entry.kev {
        facts.push(format!("{} {}.", words.kev, lang.date(kev)));
    }
    let who = match entry.cvss.source {
        CvssSource::Nvd => words.by_nvd.to_owned(),
        CvssSource::Vendor => words.by_vendor.to_owned(),
        CvssSource::Cna => format!("{} ({})", words.by_cna, words.recorded_as_auditor),
        CvssSource::CisaAdp => format!("{} ({})", words.by_adp, words.recorded_as_auditor),
    };
    facts.push(format!(
        "{} {who}{} `{}` ({}).",
        words.source,
        words.colon,
        entry.cvss.vector,
        lang.decimal(&entry.cvss.vector.base_score().to_string())
    ));
    paragraphs.push(facts.join(" "));
    let list = |matches: &[Match]| {
        matches
            .iter()
            .map(|m| format!("- {}", asset_sentence(m, lang, plain)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    if !group.affected.is_empty() {
        paragraphs.push(format!("{}\n\n{}", words.affected, list(&group.affected)));
    }
    if !group.unknown.is_empty() {
        paragraphs.push(format!("{}\n\n{}", words.confirm, list(&group.unknown)));
    }
    let references: Vec<String> = entry
        .references
        .iter()
        .map(|url| format!("- <{url}>"))
        .collect();
    if !references.is_empty() {
        paragraphs.push(format!("{}\n\n{}", words.references, references.join("\n")));
    }
    paragraphs.join("\n\n")
}

/// Why `m`'s asset matches, in one sentence of `lang` for a screen (plain text, one line):
/// the sentence the report gives, without its Markdown escapes.
pub fn reason(m: &Match, lang: Lang) -> String {
    asset_sentence(m, lang, crate::text::one_line)
}

/// One plain sentence on an asset, in the report's language: its model and firmware, the
/// versions the advisory says are affected, for an asset to confirm why the pack cannot
/// decide when those words do not say it ([`undecided`]), and the fixed release, each value
/// passed through `plain` (Markdown escapes for the report). (`Match::trace` is the
/// auditor's detailed trace; a client reads this.)
fn asset_sentence(m: &Match, lang: Lang, plain: fn(&str) -> String) -> String {
    let words = Words::of(lang);
    let asset = m.asset;
    let mut head = plain(&asset.id);
    if let Some(model) = asset
        .model
        .as_deref()
        .filter(|model| !model.trim().is_empty())
    {
        head = format!("{head}{} {}", words.colon, plain(model.trim()));
    }
    let firmware = match asset.firmware.as_deref().map(str::trim) {
        Some(firmware) if !firmware.is_empty() => format!("{} {}", words.firmware, plain(firmware)),
        _ => words.no_firmware.to_owned(),
    };
    let mut parts = vec![format!("{head}, {firmware}")];
    let ranges: Vec<&super::pack::Range> = m
        .ranges
        .iter()
        .filter_map(|verdict| m.entry.affected.get(verdict.range))
        .collect();
    // Each range's versions said once: an import that kept the built-in family ranges
    // beside NVD's may match one asset by two unbounded ranges, and a record of several
    // firmware lines lists them all after one label.
    let mut versions_said: Vec<String> = Vec::new();
    let mut fixed_said: Vec<String> = Vec::new();
    for range in &ranges {
        let versions = match range.shape() {
            Shape::AllVersions => words.every_version.to_owned(),
            Shape::Unbounded => words.unpublished.to_owned(),
            Shape::Bounded { lower, upper } => {
                // (included form, excluded form) for each side of the range.
                let said = |limit: Option<super::pack::Limit>,
                            (included, excluded): (&str, &str)| {
                    limit.map(|limit| {
                        let form = if limit.inclusive { included } else { excluded };
                        form.replace("{}", &plain(limit.text))
                    })
                };
                [
                    said(lower, (words.from, words.after)),
                    said(upper, (words.up_to, words.before)),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(&format!(" {} ", words.and))
            }
        };
        if !versions_said.contains(&versions) {
            versions_said.push(versions);
        }
        if let Some(fixed) = range.fixed_in.as_deref().map(plain)
            && !fixed_said.contains(&fixed)
        {
            fixed_said.push(fixed);
        }
    }
    if !versions_said.is_empty() {
        parts.push(format!(
            "{}{} {}",
            words.affected_versions,
            words.colon,
            versions_said.join(", ")
        ));
    }
    let undecided: Vec<String> = undecided(m, lang).iter().map(|why| plain(why)).collect();
    if !undecided.is_empty() {
        parts.push(format!(
            "{}{} {}",
            words.cannot_tell,
            words.colon,
            undecided.join(words.semicolon)
        ));
    }
    if !fixed_said.is_empty() {
        parts.push(format!("{} {}", words.fixed_in, fixed_said.join(", ")));
    }
    format!("{}.", parts.join(words.semicolon))
}

/// Why the pack cannot decide on `m`'s asset (to confirm), in `lang`: the grounds of each
/// deciding range, phrased as `cve match --json` phrases a range's `detail`, so what the
/// auditor checks on site (a build date, a firmware line) is said, once each. A range
/// without a published bound, or an inventory without firmware, is left out: the sentence's
/// own words already say it ("not published, see the vendor's advisory", "firmware not
/// recorded"). Nothing for an affected or unaffected asset: its versions say why.
fn undecided(m: &Match, lang: Lang) -> Vec<String> {
    if m.verdict != Verdict::Unknown {
        return Vec::new();
    }
    let mut said: Vec<String> = Vec::new();
    for range in &m.ranges {
        match &range.why {
            RangeWhy::NoUpperBound { .. }
            | RangeWhy::NoFirmware { .. }
            | RangeWhy::AllVersions { .. }
            | RangeWhy::Compared { .. } => continue,
            RangeWhy::NotAVersion { .. }
            | RangeWhy::BoundNotAVersion { .. }
            | RangeWhy::Uncomparable(_) => {}
        }
        let why = range.why.phrase(lang);
        if !said.contains(&why) {
            said.push(why);
        }
    }
    said
}

/// The CVE ids of `planned` that would change something.
pub fn changes<'a>(planned: &'a [(CveMatches, Step)]) -> Vec<&'a CveId> {
    planned
        .iter()
        .filter(|(_, step)| matches!(step, Step::Create(_) | Step::AddAssets { .. }))
        .map(|(group, _)| &group.entry.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AssetKind;

    fn asset(id: &str, vendor: &str, model: &str, firmware: &str) -> Asset {
        let mut asset = Asset::new(id, AssetKind::Camera);
        asset.vendor = Some(vendor.to_owned());
        asset.model = Some(model.to_owned());
        asset.firmware = (!firmware.is_empty()).then(|| firmware.to_owned());
        asset
    }

    fn auditor() -> Auditor {
        "Jeanne Martin <jm@example.org>".parse().unwrap()
    }

    #[test]
    fn kev_listed_cves_come_first_then_by_score() {
        let pack = Pack::builtin().unwrap();
        let inventory = [
            asset("CAM-1", "Reolink", "RLC-410W", "v3.0.0.136_20121102"),
            asset("CAM-2", "Axis", "AXIS A1001", "1.60.2"),
            asset(
                "CAM-3",
                "Dahua",
                "DH-IPC-HFW3441E-AS",
                "V2.800.0000000.16.R, Build Date: 2021-03-10",
            ),
        ];
        let grouped = by_cve(&pack, &inventory);
        let ids: Vec<String> = grouped.iter().map(|g| g.entry.id.to_string()).collect();
        assert_eq!(
            ids,
            [
                "CVE-2021-33044",
                "CVE-2021-33045",
                "CVE-2021-40407",
                "CVE-2018-10660",
                "CVE-2025-31700"
            ],
            "KEV (9.8, 9.8, 7.2), then the rest by score (9.8, 8.1)"
        );
        assert_eq!(grouped[4].unknown.len(), 1);
        assert!(grouped[4].affected.is_empty());
    }

    /// A Hikvision NVR in a range, a Hikvision camera to confirm, a Genetec server to confirm.
    fn inventory() -> Vec<Asset> {
        vec![
            asset(
                "NVR-1",
                "Hikvision",
                "DS-7108NI-Q1/M",
                "V4.30.300 build 200624",
            ),
            asset(
                "CAM-1",
                "Hikvision",
                "DS-2CD2043G2-I",
                "V5.7.3 build 220112",
            ),
            asset("CAM-2", "Genetec", "Security Center", "5.12.2"),
        ]
    }

    /// The plan for `assets`, in French, with `findings` already saved.
    fn planned<'a>(
        pack: &'a Pack,
        assets: &'a [Asset],
        findings: &[Finding],
    ) -> Vec<(CveMatches<'a>, Step)> {
        let grid = crate::grid::builtin::grid().unwrap();
        let now: Timestamp = "2026-02-03T10:00:00Z".parse().unwrap();
        plan(
            by_cve(pack, assets),
            pack,
            findings,
            &grid,
            Lang::Fr,
            &auditor(),
            now,
        )
        .unwrap()
    }

    /// An import keeps the built-in family range beside NVD's per-model one: a camera both
    /// match is said once to have unpublished versions, in either language.
    #[test]
    fn the_same_versions_are_said_once() {
        let mut pack = Pack::builtin().unwrap();
        let entry = pack
            .entries
            .iter_mut()
            .find(|entry| entry.id.to_string() == "CVE-2021-36260")
            .unwrap();
        entry.affected.push(crate::cve::pack::Range {
            products: vec!["ds-2cd2043g2-i*".to_owned()],
            ..Default::default()
        });
        let inventory = inventory();
        let found = by_cve(&pack, &inventory);
        let camera = found[0]
            .unknown
            .iter()
            .find(|m| m.asset.id == "CAM-1")
            .unwrap();
        assert_eq!(camera.ranges.len(), 2, "both ranges decide");
        for (lang, phrase) in [
            (Lang::En, "not published, see the vendor's advisory"),
            (Lang::Fr, "non publiées, voir l'avis du fabricant"),
        ] {
            let said = reason(camera, lang);
            assert_eq!(said.matches(phrase).count(), 1, "{said}");
        }
    }

    #[test]
    fn a_finding_per_affected_cve_in_upd_02_in_the_engagements_language() {
        let pack = Pack::builtin().unwrap();
        let inventory = inventory();
        let planned = planned(&pack, &inventory, &[]);
        assert_eq!(planned.len(), 2);
        let (group, step) = &planned[0];
        assert_eq!(group.entry.id.to_string(), "CVE-2021-36260");
        let Step::Create(finding) = step else {
            panic!("{step:?}")
        };
        assert_eq!(finding.domain, "UPD");
        assert_eq!(finding.controls, ["UPD-02"]);
        assert_eq!(finding.assets, ["NVR-1"], "affected only");
        assert_eq!(
            finding.title,
            "Injection de commandes sans authentification dans le serveur web"
        );
        assert_eq!(finding.cvss_source, Some(VectorSource::Nvd));
        assert!(finding.remote_takeover && finding.is_critical());
        assert!(
            finding
                .recommendation
                .starts_with("Installer la version de firmware")
        );
        // One plain sentence per asset, in the report's language, no matching trace.
        assert!(
            finding.description.contains(
                "- NVR-1\u{a0}: DS-7108NI-Q1/M, firmware V4.30.300 build 200624\u{a0}; \
                 versions concernées\u{a0}: à partir de 4.30.300 et jusqu'à 4.31.100 incluse."
            ),
            "{}",
            finding.description
        );
        assert!(
            finding.description.contains(
                "- CAM-1\u{a0}: DS-2CD2043G2-I, firmware V5.7.3 build 220112\u{a0}; \
                 versions concernées\u{a0}: non publiées, voir l'avis du fabricant."
            ),
            "{}",
            finding.description
        );
        for trace in ["~", "→", "alias", "\\"] {
            assert!(
                !finding.description.contains(trace),
                "{trace} in {}",
                finding.description
            );
        }
        assert!(
            finding.description.contains("À confirmer"),
            "{}",
            finding.description
        );
        assert!(
            finding
                .description
                .contains("depuis le 10 janvier 2022. Vecteur CVSS publié par la NVD"),
            "dates and scores as French writes them: {}",
            finding.description
        );
        assert!(
            finding.description.contains("(9,8)."),
            "{}",
            finding.description
        );
        // Valid but for the id, which saving gives.
        let problems: Vec<_> = finding
            .validate()
            .into_iter()
            .filter(|p| p.field != "id")
            .collect();
        assert!(problems.is_empty(), "{problems:?}");
        // Genetec: unknown only, no finding.
        assert!(matches!(planned[1].1, Step::ConfirmOnly));
    }

    /// An asset to confirm says why the pack cannot decide, in the engagement's language,
    /// on the screen as it is and in the finding's Markdown escaped; one whose versions are
    /// not published says nothing more than that.
    #[test]
    fn an_asset_to_confirm_says_why_where_its_versions_do_not() {
        let pack = Pack::builtin().unwrap();
        let mut inventory = inventory();
        inventory.push(asset("NVR-2", "Hikvision", "DS-7108NI-Q1/M", "*latest*"));
        let found = by_cve(&pack, &inventory);
        let unknown = |id: &str| found[0].unknown.iter().find(|m| m.asset.id == id).unwrap();
        assert_eq!(
            reason(unknown("NVR-2"), Lang::En),
            "NVR-2: DS-7108NI-Q1/M, firmware *latest*; affected versions: from 4.30.300 and up \
             to 4.31.100 included; cannot tell: firmware \"*latest*\" is not a version."
        );
        assert_eq!(
            reason(unknown("CAM-1"), Lang::En),
            "CAM-1: DS-2CD2043G2-I, firmware V5.7.3 build 220112; affected versions: not \
             published, see the vendor's advisory."
        );
        let planned = planned(&pack, &inventory, &[]);
        let Step::Create(finding) = &planned[0].1 else {
            panic!("{:?}", planned[0].1)
        };
        assert!(
            finding.description.contains(
                "- NVR-2\u{a0}: DS-7108NI-Q1/M, firmware \\*latest\\*\u{a0}; versions \
                 concernées\u{a0}: à partir de 4.30.300 et jusqu'à 4.31.100 incluse\u{a0}; \
                 impossible de conclure\u{a0}: la version de firmware «\u{a0}\\*latest\\*\u{a0}» \
                 ne se lit pas comme une version.\n"
            ),
            "{}",
            finding.description
        );
        assert_eq!(finding.assets, ["NVR-1"], "affected only");
    }

    #[test]
    fn a_cve_with_its_finding_gets_nothing_new_but_newly_affected_assets() {
        let pack = Pack::builtin().unwrap();
        let inventory = inventory();
        let first = planned(&pack, &inventory, &[]);
        let Step::Create(finding) = &first[0].1 else {
            panic!("{:?}", first[0].1)
        };
        // With that finding saved, nothing new; a newly affected asset is added to it.
        let mut saved = (**finding).clone();
        saved.id = "F-AAAAAA".to_owned();
        let again = planned(&pack, &inventory, std::slice::from_ref(&saved));
        assert!(matches!(&again[0].1, Step::UpToDate { finding } if finding == "F-AAAAAA"));
        assert!(changes(&again).is_empty());
        let mut more = inventory.clone();
        more.push(asset("NVR-2", "Hikvision", "DS-7108NI-Q1/M", "V4.31.100"));
        let grown = planned(&pack, &more, &[saved]);
        let Step::AddAssets { finding, added } = &grown[0].1 else {
            panic!()
        };
        assert_eq!(added, &["NVR-2"]);
        assert_eq!(finding.assets, ["NVR-1", "NVR-2"]);
    }

    #[test]
    fn a_third_party_vector_is_recorded_as_such_and_named() {
        let pack = Pack::builtin().unwrap();
        let grid = crate::grid::builtin::grid().unwrap();
        let inventory = [asset("CAM-9", "AVTECH", "AVM1203", "")];
        let now: Timestamp = "2026-02-03T10:00:00Z".parse().unwrap();
        let planned = plan(
            by_cve(&pack, &inventory),
            &pack,
            &[],
            &grid,
            Lang::En,
            &auditor(),
            now,
        )
        .unwrap();
        let Step::Create(finding) = &planned[0].1 else {
            panic!()
        };
        assert_eq!(finding.cvss_source, Some(VectorSource::ThirdParty));
        assert!(
            finding
                .description
                .contains("a third party: neither NVD nor the vendor")
        );
    }
}
