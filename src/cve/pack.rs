//! The CVE pack: known vulnerabilities of cameras, recorders and VMS software, with the
//! models and firmware ranges they affect. The built-in pack (`catalog/cves.yaml`, format in
//! catalog/README.md) travels in the binary, because jump hosts have no internet; an
//! engagement adds the entries imported from NVD and KEV files (`cves/<ID>.yaml`, one entry
//! each, in the same format), which win over the built-in ones with the same id.
//!
//! This module owns the model and its validation; every problem is reported at once, as
//! `file:line:column: what — how to fix`: a first pass reads the file as a bare tree whose
//! keys carry their positions (unknown keys, missing `kev`), a second one into the typed
//! model, then the semantic checks of catalog/README.md §6 name the entry and point at the
//! field. Reading engagement files and the feeds is `engagement`'s and [`super::import`]'s.
//!
//! Imported entries may use two things the built-in pack does not: `after` (an exclusive
//! lower bound, NVD's `versionStartExcluding`) and a lower bound without an upper one (NVD's
//! "from this version on, every version"); the built-in pack refuses both, as its format says.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::version::Bound;
use crate::assessment::{CveId, CvssVector};
use crate::error::{Error, Position, Problem, Problems, Result, Told};
use crate::grid::{Lang, Text, suggest};
use crate::messages::{KeyPlace, PackFlaw, RangeFlaw, VendorFlaw};
use crate::yaml::{Locate, Node, Report};

/// The built-in pack, as shipped.
pub const SOURCE: &str = include_str!("../../catalog/cves.yaml");
/// How messages name the built-in pack.
pub const NAME: &str = "catalog/cves.yaml";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub pack: PackInfo,
    /// Canonical vendor key → the names it goes by in inventories and CPEs, lowercase.
    pub vendors: BTreeMap<String, Vec<String>>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    /// Calendar versioning, `YYYY.MM.N`.
    pub version: String,
    /// When the pack was assembled; no entry of the built-in pack is dated later.
    pub date: Date,
    pub description: Text,
}

/// One CVE. Fields serialise in the order of the pack's format, so an imported entry reads
/// like a built-in one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: CveId,
    /// A key of the pack's `vendors`.
    pub vendor: String,
    pub title: Text,
    pub summary: Text,
    /// What to do; becomes the finding's recommendation.
    pub fix: Text,
    pub affected: Vec<Range>,
    pub cvss: PackCvss,
    /// Over the network, with no account or a low-privilege one, no user interaction, ending
    /// in control of the device: a finding from it is critical whatever its score.
    pub remote_takeover: bool,
    /// When CISA added it to the Known Exploited Vulnerabilities catalogue; the key is
    /// required, `null` when not listed.
    #[serde(default)]
    pub kev: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cwe: Option<String>,
    pub published: Date,
    pub references: Vec<String>,
    /// The files an imported entry's data came from; only in an engagement's `cves/`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imported_from: Vec<String>,
}

impl Entry {
    /// Imported into the engagement rather than built in.
    pub fn is_imported(&self) -> bool {
        !self.imported_from.is_empty()
    }

    pub fn title(&self, lang: Lang) -> &str {
        self.title.get(lang)
    }
}

/// Models and firmware versions one entry affects. Exactly one shape (catalog/README.md
/// §1.4): bounded (`before` or `last_affected`, optional `from`, optional `fixed_in`), every
/// version (`all_versions: true`), or unbounded (`products` only: affected in some versions
/// the pack does not know).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// Glob patterns on the model (`*`, `?`), case-insensitive, anchored.
    pub products: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Exclusive lower bound; imported entries only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Exclusive upper bound: the first fixed version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_affected: Option<String>,
    /// The fixed release as the vendor names it; shown, never compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_in: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_versions: Option<bool>,
}

/// A bound of a range: its text and whether the bound itself is in the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit<'a> {
    pub text: &'a str,
    pub inclusive: bool,
}

/// What a range says about the firmware of a matching model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape<'a> {
    /// Every firmware is affected (no fix, end of life).
    AllVersions,
    /// The pack does not know which versions: the auditor checks the advisory.
    Unbounded,
    Bounded {
        lower: Option<Limit<'a>>,
        upper: Option<Limit<'a>>,
    },
}

impl Range {
    pub fn shape(&self) -> Shape<'_> {
        fn limit(text: &Option<String>, inclusive: bool) -> Option<Limit<'_>> {
            text.as_deref().map(|text| Limit { text, inclusive })
        }
        if self.all_versions == Some(true) {
            return Shape::AllVersions;
        }
        let lower = limit(&self.from, true).or_else(|| limit(&self.after, false));
        let upper = limit(&self.last_affected, true).or_else(|| limit(&self.before, false));
        if lower.is_none() && upper.is_none() {
            Shape::Unbounded
        } else {
            Shape::Bounded { lower, upper }
        }
    }
}

/// Who published a vector: NVD itself, the vendor as CNA, CISA's ADP, or a third-party CNA
/// (CISA ICS-CERT, Talos, VulnCheck, VulDB...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CvssSource {
    Nvd,
    Vendor,
    CisaAdp,
    Cna,
}

impl CvssSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CvssSource::Nvd => "nvd",
            CvssSource::Vendor => "vendor",
            CvssSource::CisaAdp => "cisa-adp",
            CvssSource::Cna => "cna",
        }
    }
}

crate::assessment::display_as_str!(CvssSource);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackCvss {
    /// As published, CVSS 3.0 or 3.1.
    pub vector: CvssVector,
    pub source: CvssSource,
    /// Must equal the score computed from the vector.
    pub base_score: f64,
}

/// The vendor an inventory names, as the pack knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorMatch<'a> {
    /// The canonical key (`hikvision`).
    pub key: &'a str,
    /// The alias the name matched (`hangzhou hikvision`).
    pub alias: &'a str,
}

/// Legal suffixes stripped, one, when a vendor name is not an alias as written
/// (catalog/README.md §2.1).
const LEGAL_SUFFIXES: [&str; 10] = [
    ", inc.",
    " inc.",
    " inc",
    " co., ltd.",
    " co.,ltd",
    " ltd",
    " ltd.",
    " gmbh",
    " ab",
    " corp.",
];
const LEGAL_SUFFIX_CORPORATION: &str = " corporation";

/// Lowercase, trimmed, runs of whitespace as one space.
pub fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Pack {
    /// The pack shipped in the binary, read once per process. Its text is in the binary and
    /// cannot change, so its checks (keys, vendors, ranges: a second reading of the whole
    /// text, to place problems) run in the tests, not at every start
    /// (`the_builtin_pack_loads_and_validates`); a text that does not read is checked here,
    /// for its problems' places.
    pub fn builtin() -> Result<Pack> {
        static BUILTIN: OnceLock<std::result::Result<Pack, Problems>> = OnceLock::new();
        let read = || crate::yaml::from_str::<Pack>(SOURCE).or_else(|_| Pack::parse(NAME, SOURCE));
        let loaded = BUILTIN.get_or_init(|| match read() {
            Ok(pack) => Ok(pack),
            Err(Error::Invalid(problems)) => Err(problems),
            Err(other) => Err(Problems(vec![Problem::told(
                Position::file(NAME),
                crate::error::Wrong::Bug(other.to_string()),
                crate::error::Fix::ReportBug,
            )])),
        });
        loaded.clone().map_err(Error::Invalid)
    }

    /// Reads and checks a pack; `name` is how messages call the file.
    pub fn parse(name: &str, text: &str) -> Result<Pack> {
        let mut report = Report::new(name);
        let tree = match crate::yaml::from_str::<Spanned<Node>>(text) {
            Ok(tree) => tree,
            Err(error) => {
                report.yaml(text, &error);
                return Err(report.into_error());
            }
        };
        check_pack_keys(&tree, &mut report);
        if !report.problems.is_empty() {
            return Err(report.into_error());
        }
        let pack: Pack = match crate::yaml::from_str(text) {
            Ok(pack) => pack,
            Err(error) => {
                // Name the entry the bad value is in: a pack is a long file.
                let (at, flaw) = crate::yaml::flaw(name, text, &error);
                let entry = entry_id_at(&tree, at.line).map(str::to_owned);
                let flaw = PackFlaw::Yaml(flaw);
                report
                    .problems
                    .push(Problem::at(at, Told::in_entry(entry, flaw)));
                return Err(report.into_error());
            }
        };
        pack.check(&tree, &mut report);
        if report.problems.is_empty() {
            Ok(pack)
        } else {
            Err(report.into_error())
        }
    }

    /// Reads one imported entry (`cves/<ID>.yaml`) and checks it against this pack's vendors.
    pub fn parse_imported(&self, name: &str, text: &str) -> Result<Entry> {
        let mut report = Report::new(name);
        let tree = match crate::yaml::from_str::<Spanned<Node>>(text) {
            Ok(tree) => tree,
            Err(error) => {
                report.yaml(text, &error);
                return Err(report.into_error());
            }
        };
        check_entry_keys(&tree, &[], Mode::Imported, &mut report);
        if !report.problems.is_empty() {
            return Err(report.into_error());
        }
        let entry: Entry = match crate::yaml::from_str(text) {
            Ok(entry) => entry,
            Err(error) => {
                report.yaml(text, &error);
                return Err(report.into_error());
            }
        };
        let checks = EntryChecks {
            vendors: &self.vendors,
            date: None,
            mode: Mode::Imported,
        };
        for (path, flaw) in checks.problems(&entry) {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            report.push(
                tree.locate(&path),
                Told::in_entry(Some(entry.id.to_string()), flaw),
            );
        }
        if report.problems.is_empty() {
            Ok(entry)
        } else {
            Err(report.into_error())
        }
    }

    /// Every problem of an entry made in memory (by the importer) before it is written.
    pub fn check_imported(&self, entry: &Entry) -> Vec<(String, PackFlaw)> {
        let checks = EntryChecks {
            vendors: &self.vendors,
            date: None,
            mode: Mode::Imported,
        };
        checks
            .problems(entry)
            .into_iter()
            .map(|(path, flaw)| (path.join("."), flaw))
            .collect()
    }

    /// This pack with `imported` entries: each replaces the entry with its id where it stands,
    /// or is added at the end (in id order).
    pub fn with_imported(mut self, mut imported: Vec<Entry>) -> Pack {
        imported.sort_by(|a, b| a.id.cmp(&b.id));
        for entry in imported {
            match self.entries.iter_mut().find(|known| known.id == entry.id) {
                Some(known) => *known = entry,
                None => self.entries.push(entry),
            }
        }
        self
    }

    pub fn entry(&self, id: &CveId) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.id == *id)
    }

    /// The vendor an inventory's name stands for (catalog/README.md §2.1): the name
    /// normalised, looked up among the aliases, then once more without one legal suffix.
    pub fn vendor(&self, name: &str) -> Option<VendorMatch<'_>> {
        let wanted = normalise(name);
        if wanted.is_empty() {
            return None;
        }
        let find = |wanted: &str| {
            self.vendors.iter().find_map(|(key, aliases)| {
                std::iter::once(key)
                    .chain(aliases)
                    .find(|alias| alias.as_str() == wanted)
                    .map(|alias| VendorMatch {
                        key: key.as_str(),
                        alias: alias.as_str(),
                    })
            })
        };
        find(&wanted).or_else(|| {
            LEGAL_SUFFIXES
                .iter()
                .chain(std::iter::once(&LEGAL_SUFFIX_CORPORATION))
                .find_map(|suffix| wanted.strip_suffix(suffix))
                .and_then(|stripped| find(stripped.trim_end()))
        })
    }

    fn check(&self, tree: &Spanned<Node>, report: &mut Report) {
        let info = &self.pack;
        if !is_calendar_version(&info.version) {
            report.push(
                tree.locate(&["pack", "version"]),
                PackFlaw::Version(info.version.clone()),
            );
        }
        self.check_vendors(tree, report);
        let checks = EntryChecks {
            vendors: &self.vendors,
            date: Some(info.date),
            mode: Mode::Builtin,
        };
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (index, entry) in self.entries.iter().enumerate() {
            let index_text = index.to_string();
            let entry_path = ["entries", index_text.as_str()];
            let id = entry.id.to_string();
            if let Some(first) = seen.insert(id.clone(), index) {
                let first_at = tree.locate(&["entries", &first.to_string(), "id"]);
                report.push(
                    tree.locate(&[entry_path[0], entry_path[1], "id"]),
                    PackFlaw::Twice {
                        id: id.clone(),
                        line: first_at.line(),
                    },
                );
            }
            for (path, flaw) in checks.problems(entry) {
                let mut full: Vec<&str> = entry_path.to_vec();
                full.extend(path.iter().map(String::as_str));
                report.push(tree.locate(&full), Told::in_entry(Some(id.clone()), flaw));
            }
            if tree
                .find(&entry_path)
                .is_some_and(|node| node.value.get("kev").is_none())
            {
                report.push(
                    tree.locate(&entry_path),
                    Told::in_entry(Some(id.clone()), PackFlaw::KevMissing),
                );
            }
        }
    }

    fn check_vendors(&self, tree: &Spanned<Node>, report: &mut Report) {
        let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, aliases) in &self.vendors {
            let at = tree.locate(&["vendors", key]);
            if key.is_empty()
                || !key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                report.push(at, PackFlaw::Vendor(VendorFlaw::Key(key.clone())));
            }
            if !aliases.contains(key) {
                report.push(at, PackFlaw::Vendor(VendorFlaw::NotOwnName(key.clone())));
            }
            for alias in aliases {
                if *alias != normalise(alias) {
                    report.push(
                        at,
                        PackFlaw::Vendor(VendorFlaw::AliasForm {
                            alias: alias.clone(),
                            vendor: key.clone(),
                            normal: normalise(alias),
                        }),
                    );
                }
                if let Some(other) = owner.insert(alias, key)
                    && other != key
                {
                    report.push(
                        at,
                        PackFlaw::Vendor(VendorFlaw::AliasTwice {
                            alias: alias.clone(),
                            first: other.to_owned(),
                            second: key.clone(),
                        }),
                    );
                }
            }
        }
    }
}

fn is_calendar_version(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    let digits = |part: &str, len: Option<usize>| {
        !part.is_empty()
            && part.bytes().all(|b| b.is_ascii_digit())
            && len.is_none_or(|len| part.len() == len)
    };
    matches!(parts.as_slice(), [year, month, n]
        if digits(year, Some(4)) && digits(month, Some(2)) && digits(n, None))
}

/// Which file an entry comes from: the built-in pack follows its format to the letter; an
/// engagement's imported entries may carry `after`, an open-ended lower bound and
/// `imported_from`, and texts in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Builtin,
    Imported,
}

const ROOT_KEYS: &[&str] = &["pack", "vendors", "entries"];
const PACK_KEYS: &[&str] = &["version", "date", "description"];
const ENTRY_KEYS: &[&str] = &[
    "id",
    "vendor",
    "title",
    "summary",
    "fix",
    "affected",
    "cvss",
    "remote_takeover",
    "kev",
    "cwe",
    "published",
    "references",
];
const RANGE_KEYS: &[&str] = &[
    "products",
    "from",
    "before",
    "last_affected",
    "fixed_in",
    "all_versions",
];
const CVSS_KEYS: &[&str] = &["vector", "source", "base_score"];

/// A path into the file: keys and list indexes.
type Path = Vec<String>;

/// The checks of one entry, against the pack's vendors (and date, for the built-in pack).
struct EntryChecks<'a> {
    vendors: &'a BTreeMap<String, Vec<String>>,
    date: Option<Date>,
    mode: Mode,
}

/// Problems of one entry: where, and what is wrong (with its fix), in field order.
#[derive(Default)]
struct Found(Vec<(Path, PackFlaw)>);

impl Found {
    fn push(&mut self, path: &[&str], flaw: PackFlaw) {
        self.0
            .push((path.iter().map(|part| (*part).to_owned()).collect(), flaw));
    }
}

impl EntryChecks<'_> {
    /// Where, and what is wrong, in field order.
    fn problems(&self, entry: &Entry) -> Vec<(Path, PackFlaw)> {
        let mut found = Found::default();
        if !self.vendors.contains_key(&entry.vendor) {
            found.push(
                &["vendor"],
                PackFlaw::NotAVendor {
                    vendor: entry.vendor.clone(),
                    known: self.vendors.keys().cloned().collect(),
                },
            );
        }
        self.text_problems(entry, &mut found);
        if entry.affected.is_empty() {
            found.push(&["affected"], PackFlaw::NoAffected);
        }
        for (index, range) in entry.affected.iter().enumerate() {
            let index = index.to_string();
            for (path, flaw) in self.range_problems(range) {
                found.push(&["affected", &index, path], flaw);
            }
        }
        self.score_and_date_problems(entry, &mut found);
        reference_problems(entry, &mut found);
        if self.mode == Mode::Builtin && entry.is_imported() {
            found.push(&["imported_from"], PackFlaw::ImportedFromInBuiltin);
        }
        found.0
    }

    /// Title, summary and fix: both languages in the built-in pack, one at least imported.
    fn text_problems(&self, entry: &Entry, found: &mut Found) {
        for (field, text) in [
            ("title", &entry.title),
            ("summary", &entry.summary),
            ("fix", &entry.fix),
        ] {
            let complete = match (text, self.mode) {
                (Text::ByLang(map), Mode::Builtin) => ["en", "fr"]
                    .iter()
                    .all(|lang| map.get(lang).is_some_and(|t| !t.trim().is_empty())),
                (Text::Plain(_), Mode::Builtin) => false,
                (text, Mode::Imported) => Lang::ALL
                    .iter()
                    .any(|lang| !text.get(*lang).trim().is_empty()),
            };
            if !complete {
                found.push(&[field], PackFlaw::TextIncomplete(field.to_owned()));
            }
        }
    }

    /// The stated score against the vector's; the dates against the pack's; the CWE's form.
    fn score_and_date_problems(&self, entry: &Entry, found: &mut Found) {
        let computed = entry.cvss.vector.base_score();
        let stated = entry.cvss.base_score * 10.0;
        if (stated - f64::from(computed.tenths())).abs() > 1e-6 {
            found.push(
                &["cvss", "base_score"],
                PackFlaw::ScoreMismatch {
                    stated: format!("{:.1}", entry.cvss.base_score),
                    computed: computed.to_string(),
                },
            );
        }
        if let Some(pack_date) = self.date {
            if let Some(kev) = entry.kev
                && kev > pack_date
            {
                found.push(
                    &["kev"],
                    PackFlaw::KevAfter {
                        kev: kev.to_string(),
                        pack: pack_date.to_string(),
                    },
                );
            }
            if entry.published > pack_date {
                found.push(
                    &["published"],
                    PackFlaw::PublishedAfter {
                        published: entry.published.to_string(),
                        pack: pack_date.to_string(),
                    },
                );
            }
        }
        if let Some(cwe) = &entry.cwe
            && !cwe
                .strip_prefix("CWE-")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            found.push(&["cwe"], PackFlaw::NotACwe(cwe.clone()));
        }
    }

    fn range_problems(&self, range: &Range) -> Vec<(&'static str, PackFlaw)> {
        let mut problems = written_problems(range);
        let upper = range.before.is_some() || range.last_affected.is_some();
        let lower = range.from.is_some() || range.after.is_some();
        if range.before.is_some() && range.last_affected.is_some() {
            problems.push((
                "last_affected",
                PackFlaw::Range(RangeFlaw::BeforeAndLastAffected),
            ));
        }
        if range.from.is_some() && range.after.is_some() {
            problems.push(("after", PackFlaw::Range(RangeFlaw::FromAndAfter)));
        }
        if range.after.is_some() && self.mode == Mode::Builtin {
            problems.push(("after", PackFlaw::Range(RangeFlaw::AfterInBuiltin)));
        }
        if lower && !upper && self.mode == Mode::Builtin {
            problems.push(("from", PackFlaw::Range(RangeFlaw::FromUnbounded)));
        }
        if range.fixed_in.is_some() && !upper {
            problems.push(("fixed_in", PackFlaw::Range(RangeFlaw::FixedInUnbounded)));
        }
        match range.all_versions {
            Some(false) => {
                problems.push(("all_versions", PackFlaw::Range(RangeFlaw::AllVersionsFalse)))
            }
            Some(true) if lower || upper || range.fixed_in.is_some() => {
                problems.push((
                    "all_versions",
                    PackFlaw::Range(RangeFlaw::AllVersionsWithBounds),
                ));
            }
            _ => {}
        }
        problems
    }
}

/// A range's patterns and bounds as written, before their combination is checked.
fn written_problems(range: &Range) -> Vec<(&'static str, PackFlaw)> {
    let mut problems = Vec::new();
    if range.products.is_empty() {
        problems.push(("products", PackFlaw::Range(RangeFlaw::NoProducts)));
    }
    if range.products.iter().any(|p| p.trim().is_empty()) {
        problems.push(("products", PackFlaw::Range(RangeFlaw::EmptyPattern)));
    }
    let bounds = [
        ("from", &range.from),
        ("after", &range.after),
        ("before", &range.before),
        ("last_affected", &range.last_affected),
    ];
    for (key, bound) in bounds {
        if let Some(text) = bound
            && Bound::parse(text).is_none()
        {
            problems.push((key, PackFlaw::Range(RangeFlaw::NotABound(text.clone()))));
        }
    }
    problems
}

/// The NVD page first, then web addresses only.
fn reference_problems(entry: &Entry, found: &mut Found) {
    let nvd_page = format!("https://nvd.nist.gov/vuln/detail/{}", entry.id);
    match entry.references.first() {
        Some(first) if *first == nvd_page => {}
        _ => found.push(&["references"], PackFlaw::NvdPageFirst(nvd_page)),
    }
    for (index, url) in entry.references.iter().enumerate() {
        if !url.starts_with("https://") && !url.starts_with("http://") {
            found.push(
                &["references", &index.to_string()],
                PackFlaw::NotAUrl(url.clone()),
            );
        }
    }
}

/// The id of the entry written around `line`, if any.
fn entry_id_at(tree: &Spanned<Node>, line: u64) -> Option<&str> {
    let entry = sequence(tree, "entries")
        .iter()
        .take_while(|entry| entry.referenced.line() <= line)
        .last()?;
    match &entry.value.get("id")?.1.value {
        Node::Scalar(Some(id)) => Some(id),
        _ => None,
    }
}

/// Unknown keys of `node` (a map) against `known`, each with a "did you mean".
fn unknown_keys(node: &Spanned<Node>, known: &[&str], place: KeyPlace, report: &mut Report) {
    let Node::Map(entries) = &node.value else {
        return;
    };
    for (key, _) in entries {
        if known.contains(&key.value.as_str()) {
            continue;
        }
        let near = suggest(&key.value, known.iter().copied());
        report.push(
            key.referenced,
            PackFlaw::UnknownKey {
                key: key.value.clone(),
                place: place.clone(),
                near: near.map(str::to_owned),
                known: known.iter().map(|key| (*key).to_owned()).collect(),
            },
        );
    }
}

fn check_pack_keys(tree: &Spanned<Node>, report: &mut Report) {
    unknown_keys(tree, ROOT_KEYS, KeyPlace::File, report);
    if let Some((_, info)) = tree.value.get("pack") {
        unknown_keys(info, PACK_KEYS, KeyPlace::Pack, report);
    }
    for entry in sequence(tree, "entries") {
        check_entry_keys(entry, &[], Mode::Builtin, report);
    }
}

/// The items of the list under `key`, none when it is absent or not a list.
fn sequence<'t>(node: &'t Spanned<Node>, key: &str) -> &'t [Spanned<Node>] {
    node.value
        .get(key)
        .map_or(&[][..], |(_, list)| list.value.items())
}

fn check_entry_keys(entry: &Spanned<Node>, _path: &[&str], mode: Mode, report: &mut Report) {
    let mut keys: Vec<&str> = ENTRY_KEYS.to_vec();
    if mode == Mode::Imported {
        keys.push("imported_from");
    }
    unknown_keys(entry, &keys, KeyPlace::Entry, report);
    for text in ["title", "summary", "fix"] {
        if let Some((_, node)) = entry.value.get(text) {
            unknown_keys(node, &["en", "fr"], KeyPlace::Text(text.to_owned()), report);
        }
    }
    if let Some((_, cvss)) = entry.value.get("cvss") {
        unknown_keys(cvss, CVSS_KEYS, KeyPlace::Cvss, report);
    }
    let mut range_keys: Vec<&str> = RANGE_KEYS.to_vec();
    if mode == Mode::Imported {
        range_keys.push("after");
    }
    for range in sequence(entry, "affected") {
        unknown_keys(range, &range_keys, KeyPlace::Range, report);
    }
    if mode == Mode::Imported && entry.value.get("kev").is_none() {
        report.push(entry.referenced, PackFlaw::KevMissing);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match Pack::parse("cves.yaml", text) {
            Ok(_) => Vec::new(),
            Err(Error::Invalid(problems)) => problems.0.iter().map(ToString::to_string).collect(),
            Err(other) => panic!("{other}"),
        }
    }

    /// The built-in pack with `from` replaced by `to` (exactly once).
    fn broken(from: &str, to: &str) -> String {
        assert_eq!(SOURCE.matches(from).count(), 1, "{from:?} is not unique");
        SOURCE.replacen(from, to, 1)
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|line| line.contains(needle)).unwrap() + 1
    }

    #[test]
    fn the_builtin_pack_loads_and_validates() {
        let pack = Pack::builtin().unwrap();
        // What `builtin` reads without its checks is what passes them.
        assert_eq!(Pack::parse(NAME, SOURCE).unwrap(), pack);
        assert_eq!(pack.pack.version, "2026.12.2");
        assert_eq!(pack.pack.date.to_string(), "2026-12-07");
        assert_eq!(pack.entries.len(), 60);
        assert_eq!(pack.vendors.len(), 31);
        let kev = pack.entries.iter().filter(|e| e.kev.is_some()).count();
        assert_eq!(kev, 20, "KEV-listed entries, as catalog/README.md says");
        let ids: BTreeSet<String> = pack.entries.iter().map(|e| e.id.to_string()).collect();
        assert_eq!(ids.len(), 60, "ids are unique");
        // Every starting point of the issue is there.
        for id in [
            "CVE-2021-36260",
            "CVE-2017-7921",
            "CVE-2017-7923",
            "CVE-2021-33044",
            "CVE-2021-33045",
            "CVE-2022-30563",
            "CVE-2018-10660",
            "CVE-2025-30023",
            "CVE-2018-7891",
            "CVE-2025-43027",
            "CVE-2021-45039",
            "CVE-2021-40407",
            "CVE-2019-11001",
            "CVE-2024-7029",
            "CVE-2020-25078",
            "CVE-2025-1316",
            "CVE-2018-14933",
            "CVE-2020-5735",
            "CVE-2023-47565",
            "CVE-2024-8956",
            "CVE-2022-23227",
        ] {
            assert!(ids.contains(id), "{id}");
        }
        for entry in &pack.entries {
            // The stated score is the vector's, as the loader checked.
            assert_eq!(
                entry.cvss.base_score,
                entry.cvss.vector.base_score().as_f64(),
                "{}",
                entry.id
            );
        }
        let hik = pack.entry(&"CVE-2021-36260".parse().unwrap()).unwrap();
        assert_eq!(hik.kev.unwrap().to_string(), "2022-01-10");
        assert_eq!(hik.cvss.source, CvssSource::Nvd);
        assert!(hik.remote_takeover);
        let avtech = pack.entry(&"CVE-2024-7029".parse().unwrap()).unwrap();
        assert_eq!(avtech.cvss.source, CvssSource::Cna);
        assert_eq!(avtech.affected[0].shape(), Shape::AllVersions);
    }

    #[test]
    fn vendors_are_found_through_aliases_and_legal_suffixes() {
        let pack = Pack::builtin().unwrap();
        let key = |name: &str| pack.vendor(name).map(|found| found.key);
        assert_eq!(key("HIKVISION"), Some("hikvision"));
        assert_eq!(key("  Hangzhou   Hikvision "), Some("hikvision"));
        assert_eq!(
            key("Hangzhou Hikvision Digital Technology Co., Ltd."),
            Some("hikvision")
        );
        assert_eq!(key("Zhejiang Dahua Technology"), Some("dahua"));
        assert_eq!(key("Axis Communications AB"), Some("axis"));
        assert_eq!(key("Genetec Inc."), Some("genetec"));
        assert_eq!(key("Milestone Systems"), Some("milestone"));
        assert_eq!(key("D-Link"), Some("dlink"));
        assert_eq!(key("Samsung"), Some("hanwha"));
        assert_eq!(key("Bosch Security Systems GmbH"), Some("bosch"));
        assert_eq!(key("Cisco"), None);
        assert_eq!(key(""), None);
        // Only whole names: "hik" is an alias, "hikari" is not Hikvision.
        assert_eq!(key("Hikari"), None);
        assert_eq!(
            pack.vendor("Hangzhou Hikvision").map(|found| found.alias),
            Some("hangzhou hikvision")
        );
    }

    #[test]
    fn a_wrong_base_score_is_refused_with_the_entry_and_its_line() {
        // CVE-2021-36260's score is the first `base_score: 9.8` after its id.
        let at = SOURCE.find("- id: CVE-2021-36260").unwrap();
        let offset = at + SOURCE[at..].find("base_score: 9.8").unwrap();
        let text = format!(
            "{}base_score: 9.0{}",
            &SOURCE[..offset],
            &SOURCE[offset + "base_score: 9.8".len()..]
        );
        let found = problems(&text);
        let line = text[..offset].lines().count();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with(&format!("cves.yaml:{line}:7: CVE-2021-36260: base score 9.0 does not match its vector, which scores 9.8")),
            "{}",
            found[0]
        );
    }

    /// Each case: the text replaced in the built-in pack, what replaces it, and a problem the
    /// check must name, at a place in the file.
    fn assert_broken(cases: &[(&str, &str, &str)]) {
        for (from, to, expected) in cases {
            let text = broken(from, to);
            let found = problems(&text);
            assert!(
                found.iter().any(|problem| problem.contains(expected)),
                "{from:?} → {to:?}: expected {expected:?} in {found:#?}"
            );
            assert!(
                found
                    .iter()
                    .all(|problem| problem.starts_with("cves.yaml:")),
                "{found:#?}"
            );
        }
    }

    #[test]
    fn every_kind_of_broken_vendor_id_or_range_is_named() {
        assert_broken(&[
            // unknown vendor
            (
                "    vendor: edimax\n",
                "    vendor: edimaxx\n",
                "CVE-2025-1316: vendor `edimaxx` is not a key of `vendors`",
            ),
            // duplicate id
            (
                "  - id: CVE-2020-25079\n",
                "  - id: CVE-2020-25078\n",
                "CVE-2020-25078 is listed twice",
            ),
            // a bound that is no version
            (
                "last_affected: \"2.60b15\"",
                "last_affected: \"end of life\"",
                "CVE-2022-40799: `end of life` is not a version",
            ),
            // both upper bounds
            (
                "        last_affected: \"2.60b15\"\n",
                "        last_affected: \"2.60b15\"\n        before: \"2.70\"\n",
                "both `before` and `last_affected`",
            ),
            // `from` alone
            (
                "        from: \"4.0.0\"\n        before: \"5.0.0\"\n",
                "        from: \"4.0.0\"\n",
                "`from` without an upper bound",
            ),
        ]);
        // Where: the vendor problem points at the `vendor` key of that entry.
        let text = broken("    vendor: edimax\n", "    vendor: edimaxx\n");
        let line = line_of(&text, "vendor: edimaxx");
        assert!(problems(&text)[0].starts_with(&format!("cves.yaml:{line}:5:")));
    }

    #[test]
    fn every_kind_of_broken_date_key_vector_or_reference_is_named() {
        assert_broken(&[
            // a KEV date after the pack's
            (
                "    kev: 2025-03-19\n",
                "    kev: 2027-03-19\n",
                "CVE-2025-1316: KEV date 2027-03-19 is after the pack's date 2026-12-07",
            ),
            // a bad KEV date
            (
                "    kev: 2025-03-19\n",
                "    kev: 2025-02-30\n",
                "CVE-2025-1316: the value here cannot be read (parsed date is not valid",
            ),
            // an unknown key, with a did-you-mean
            (
                "        all_versions: true\n    cvss:\n      vector: \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"\n      source: nvd\n      base_score: 9.8\n    remote_takeover: true\n    kev: 2025-03-19",
                "        all_version: true\n    cvss:\n      vector: \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"\n      source: nvd\n      base_score: 9.8\n    remote_takeover: true\n    kev: 2025-03-19",
                "unknown key `all_version` in a range of `affected` — did you mean `all_versions`?",
            ),
            // a vector that does not parse
            (
                "vector: \"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H\"\n      source: nvd\n      base_score: 7.2\n    remote_takeover: false\n    kev: 2024-11-04",
                "vector: \"CVSS:3.1/AV:X/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H\"\n      source: nvd\n      base_score: 7.2\n    remote_takeover: false\n    kev: 2024-11-04",
                "CVE-2024-8957: the value here cannot be read (`AV:X` is not a valid value for Attack Vector",
            ),
            // the first reference
            (
                "      - https://nvd.nist.gov/vuln/detail/CVE-2025-1316\n",
                "",
                "CVE-2025-1316: the first reference is not the NVD page",
            ),
            // kev missing
            (
                "    kev: 2025-03-19\n",
                "",
                "CVE-2025-1316: `kev` is missing",
            ),
        ]);
    }

    #[test]
    fn imported_entries_may_be_open_ended_and_say_where_they_come_from() {
        let pack = Pack::builtin().unwrap();
        let text = "id: CVE-2021-33046\nvendor: dahua\ntitle: Password reset\nsummary: Reset.\nfix: Update.\naffected:\n- products: [\"sd22*\"]\n  after: \"2017-07\"\n- products: [\"sd50*\"]\n  from: \"2.800\"\ncvss:\n  vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n  source: nvd\n  base_score: 9.8\nremote_takeover: true\nkev: null\npublished: 2022-01-13\nreferences:\n- https://nvd.nist.gov/vuln/detail/CVE-2021-33046\nimported_from:\n- nvd.json\n";
        let entry = pack
            .parse_imported("cves/CVE-2021-33046.yaml", text)
            .unwrap();
        assert!(entry.is_imported());
        assert_eq!(
            entry.affected[0].shape(),
            Shape::Bounded {
                lower: Some(Limit {
                    text: "2017-07",
                    inclusive: false
                }),
                upper: None
            }
        );
        let bad = text.replace("vendor: dahua", "vendor: acme");
        let error = pack
            .parse_imported("cves/CVE-2021-33046.yaml", &bad)
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("cves/CVE-2021-33046.yaml:2:1: CVE-2021-33046: vendor `acme`"),
            "{error}"
        );
        // The built-in pack refuses what only imports may carry.
        let text = broken("        from: \"4.0.0\"\n", "        after: \"4.0.0\"\n");
        assert!(
            problems(&text)
                .iter()
                .any(|p| p.contains("unknown key `after`"))
        );
    }

    #[test]
    fn imported_entries_replace_builtin_ones_by_id() {
        let pack = Pack::builtin().unwrap();
        let mut changed = pack.entries[0].clone();
        changed.kev = None;
        changed.imported_from = vec!["kev.json".to_owned()];
        let mut new = pack.entries[1].clone();
        new.id = "CVE-2099-0001".parse().unwrap();
        let merged = pack.clone().with_imported(vec![new, changed.clone()]);
        assert_eq!(merged.entries.len(), pack.entries.len() + 1);
        assert_eq!(merged.entries[0], changed, "replaced where it stands");
        assert_eq!(
            merged.entries.last().unwrap().id.to_string(),
            "CVE-2099-0001"
        );
    }

    #[test]
    fn imported_entries_survive_a_round_trip_through_their_file() {
        let pack = Pack::builtin().unwrap();
        let mut entry = pack
            .entry(&"CVE-2022-40799".parse().unwrap())
            .unwrap()
            .clone();
        // Version strings a YAML reader could take for numbers or dates.
        entry.affected = vec![
            Range {
                products: vec!["DNR-322L*".into()],
                from: Some("1.10".into()),
                last_affected: Some("2.60".into()),
                ..Range::default()
            },
            Range {
                products: vec!["DNR-326*".into()],
                after: Some("2016".into()),
                before: Some("2022-04".into()),
                ..Range::default()
            },
            Range {
                products: vec!["*".into()],
                from: Some("1.0".into()),
                ..Range::default()
            },
        ];
        entry.imported_from = vec!["nvdcve-2.0-2022.json".into()];
        let text = crate::yaml::to_string(&entry).unwrap();
        let back = pack
            .parse_imported("cves/CVE-2022-40799.yaml", &text)
            .unwrap();
        assert_eq!(back, entry, "{text}");
    }
}
