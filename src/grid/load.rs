//! Grid YAML → validated [`Grid`], reporting every problem at once.
//!
//! A grid is read twice: once as a bare tree whose keys carry their positions, to catch
//! unknown keys (a typo such as `refrences` must not pass silently), and once into typed
//! records whose values carry their positions, for the semantic checks (duplicate ids,
//! levels outside the scale, texts missing in a language...). Both passes feed one list of
//! problems, each `file:line:column: what is wrong — how to fix it`, so a grid author fixes
//! everything in one round trip. Only a YAML syntax or type error stops early, since nothing
//! after it can be trusted.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use super::versions::{HASH_LEN, Mapping, Replaces};
use super::{COMPONENTS, Control, Domain, Grid, ScaleLevel, Text, suggest};
use crate::error::Result;
use crate::messages::{
    ControlFlaw, GridFlaw, GridIdOf, GridKeyPlace, HeaderFlaw, MappingFlaw, ReplacesFlaw, TextFlaw,
    TextOwner,
};
use crate::yaml::{self, Node, Report};

/// Larger than any real grid by two orders of magnitude; refuses a file dropped by mistake.
pub const MAX_GRID_BYTES: u64 = 8 * 1024 * 1024;

/// The level keys a TUI user types as one digit.
pub(super) const MAX_SCALE_LEVELS: usize = 10;
const MAX_WEIGHT: f64 = 100.0;

const ROOT_KEYS: &[&str] = &[
    "id",
    "version",
    "languages",
    "title",
    "description",
    "scale",
    "domains",
    "replaces",
];
const REPLACES_KEYS: &[&str] = &["version", "added", "controls"];
const MAPPING_KEYS: &[&str] = &["hash", "to", "comparable", "note"];
const LEVEL_KEYS: &[&str] = &["level", "label", "description"];
const DOMAIN_KEYS: &[&str] = &["id", "title", "description", "controls"];
const CONTROL_KEYS: &[&str] = &[
    "id",
    "title",
    "question",
    "guidance",
    "evidence",
    "applies_to",
    "references",
    "recommendation",
    "levels",
    "weight",
    "critical",
];

/// Reads and validates the grid file at `path`; returns it with its source text, which an
/// engagement pins verbatim so comments and layout survive.
pub fn read(path: &Path) -> Result<(Grid, String)> {
    let text = crate::files::read_text(path, MAX_GRID_BYTES)?;
    let grid = parse(&path.display().to_string(), &text)?;
    Ok((grid, text))
}

/// The grid at `path`, or the built-in one when `path` is `builtin`.
pub fn read_or_builtin(path: &Path) -> Result<(Grid, String)> {
    if path.as_os_str() == "builtin" {
        let grid = super::builtin::grid()?;
        return Ok((grid, super::builtin::SOURCE.to_owned()));
    }
    read(path)
}

/// Validates `text`, a grid in YAML; `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Grid> {
    let mut report = Report::new(file);
    let tree: Spanned<Node> = match yaml::from_str(text) {
        Ok(tree) => tree,
        Err(error) => {
            report.yaml(text, &error);
            return Err(report.into_error());
        }
    };
    match tree.value {
        Node::Map(_) => {}
        Node::Plain(yaml::Plain::Null) | Node::Scalar(None) => {
            report.push(Location::UNKNOWN, GridFlaw::Empty);
            return Err(report.into_error());
        }
        _ => {
            report.push(Location::UNKNOWN, GridFlaw::NotAMap);
            return Err(report.into_error());
        }
    }
    check_keys(&tree.value, &mut report);
    // A value of the wrong kind would stop the typed pass at the first one, in the parser's
    // words: said here, every one, in the reader's.
    if super::shape::check(&tree, &mut report) {
        return Err(report.into_error());
    }

    let raw: Spanned<RawGrid> = match yaml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            report.yaml(text, &error);
            return Err(report.into_error());
        }
    };
    let grid = validate(raw, &mut report);
    if report.problems.is_empty() {
        Ok(grid)
    } else {
        Err(report.into_error())
    }
}

/// The items of the sequence under `key`, if there is one.
fn items<'a>(node: &'a Node, key: &str) -> Vec<&'a Node> {
    node.get(key)
        .map(|(_, value)| value.value.items().iter().map(|item| &item.value).collect())
        .unwrap_or_default()
}

fn check_keys(root: &Node, report: &mut Report) {
    unknown_keys(root, ROOT_KEYS, GridKeyPlace::Grid, report);
    for level in items(root, "scale") {
        unknown_keys(level, LEVEL_KEYS, GridKeyPlace::Level, report);
    }
    for domain in items(root, "domains") {
        unknown_keys(domain, DOMAIN_KEYS, GridKeyPlace::Domain, report);
        for control in items(domain, "controls") {
            unknown_keys(control, CONTROL_KEYS, GridKeyPlace::Control, report);
        }
    }
    for entry in items(root, "replaces") {
        unknown_keys(entry, REPLACES_KEYS, GridKeyPlace::Replaces, report);
        if let Some((_, controls)) = entry.get("controls")
            && let Node::Map(mappings) = &controls.value
        {
            for (_, mapping) in mappings {
                unknown_keys(&mapping.value, MAPPING_KEYS, GridKeyPlace::Mapping, report);
            }
        }
    }
}

fn unknown_keys(
    node: &Node,
    allowed: &'static [&'static str],
    place: GridKeyPlace,
    report: &mut Report,
) {
    let Node::Map(entries) = node else { return };
    for (key, _) in entries {
        if allowed.contains(&key.value.as_str()) {
            continue;
        }
        report.push(
            key.referenced,
            GridFlaw::UnknownKey {
                key: key.value.clone(),
                place,
                near: suggest(&key.value, allowed.iter().copied()),
                known: allowed,
            },
        );
    }
}

/// A scalar kept as the text the author wrote, whatever YAML typed it as (`version: 1.0`).
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl serde::de::Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a version such as 1.0.0")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

#[derive(Deserialize)]
struct RawGrid {
    id: Option<Spanned<String>>,
    version: Option<Spanned<Scalar>>,
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    title: Option<Spanned<Text>>,
    description: Option<Spanned<Text>>,
    scale: Option<Spanned<Vec<Spanned<RawLevel>>>>,
    domains: Option<Spanned<Vec<Spanned<RawDomain>>>>,
    replaces: Option<Spanned<Vec<Spanned<RawReplaces>>>>,
}

#[derive(Deserialize)]
struct RawReplaces {
    version: Option<Spanned<Scalar>>,
    #[serde(default)]
    added: Vec<Spanned<String>>,
    controls: Option<Spanned<BTreeMap<String, Spanned<RawMapping>>>>,
}

#[derive(Deserialize)]
struct RawMapping {
    hash: Option<Spanned<String>>,
    to: Option<Spanned<Vec<Spanned<String>>>>,
    comparable: Option<bool>,
    note: Option<Spanned<Text>>,
}

#[derive(Deserialize)]
struct RawLevel {
    level: Option<Spanned<u8>>,
    label: Option<Spanned<Text>>,
    description: Option<Spanned<Text>>,
}

#[derive(Deserialize)]
struct RawDomain {
    id: Option<Spanned<String>>,
    title: Option<Spanned<Text>>,
    description: Option<Spanned<Text>>,
    controls: Option<Spanned<Vec<Spanned<RawControl>>>>,
}

#[derive(Deserialize)]
struct RawControl {
    id: Option<Spanned<String>>,
    title: Option<Spanned<Text>>,
    question: Option<Spanned<Text>>,
    guidance: Option<Spanned<Text>>,
    evidence: Option<Spanned<Text>>,
    #[serde(default)]
    applies_to: Vec<Spanned<String>>,
    #[serde(default)]
    references: Vec<Spanned<String>>,
    recommendation: Option<Spanned<Text>>,
    #[serde(default)]
    levels: BTreeMap<u8, Spanned<Text>>,
    weight: Option<Spanned<f64>>,
    #[serde(default)]
    critical: bool,
}

/// Checks shared by every part of the grid: ids, texts in every language.
struct Checker<'r, 'f> {
    report: &'r mut Report<'f>,
    languages: Vec<String>,
    /// Domain and control ids share one namespace: a control id names a file. By the id in
    /// capitals, each with the id as given: two ids that differ only by case would be one
    /// file on a disk that ignores case.
    ids: HashMap<String, (String, Location)>,
}

impl Checker<'_, '_> {
    fn id(&mut self, id: Option<Spanned<String>>, owner: Location, of: GridIdOf) -> String {
        let Some(id) = id else {
            self.report.push(owner, GridFlaw::NoId(of));
            return String::new();
        };
        if !is_valid_id(&id.value) {
            self.report.push(
                id.referenced,
                GridFlaw::BadId {
                    id: id.value.clone(),
                    of,
                },
            );
        } else if let Some((other, first)) = self.ids.get(&id.value.to_ascii_uppercase()) {
            let line = first.line();
            let flaw = if *other == id.value {
                GridFlaw::IdTwice {
                    id: id.value.clone(),
                    line,
                }
            } else {
                GridFlaw::IdCase {
                    id: id.value.clone(),
                    other: other.clone(),
                    line,
                }
            };
            self.report.push(id.referenced, flaw);
        } else {
            self.ids.insert(
                id.value.to_ascii_uppercase(),
                (id.value.clone(), id.referenced),
            );
        }
        id.value
    }

    fn required_text(
        &mut self,
        text: Option<Spanned<Text>>,
        owner: Location,
        what: &TextOwner,
        key: &str,
    ) -> Text {
        match text {
            Some(text) => self.text(text, what, key),
            None => {
                self.report.push(
                    owner,
                    GridFlaw::Text(TextFlaw::NoText {
                        owner: what.clone(),
                        key: key.to_owned(),
                    }),
                );
                Text::Plain(String::new())
            }
        }
    }

    fn optional_text(
        &mut self,
        text: Option<Spanned<Text>>,
        what: &TextOwner,
        key: &str,
    ) -> Option<Text> {
        text.map(|text| self.text(text, what, key))
    }

    fn text(&mut self, text: Spanned<Text>, what: &TextOwner, key: &str) -> Text {
        let at = text.referenced;
        let owner = || what.clone();
        match &text.value {
            Text::Plain(plain) => {
                if plain.trim().is_empty() {
                    self.report.push(
                        at,
                        GridFlaw::Text(TextFlaw::EmptyText {
                            owner: owner(),
                            key: key.to_owned(),
                        }),
                    );
                }
            }
            Text::ByLang(map) => {
                for lang in &self.languages {
                    match map.get(lang) {
                        None => self.report.push(
                            at,
                            GridFlaw::Text(TextFlaw::NoTextIn {
                                owner: owner(),
                                key: key.to_owned(),
                                lang: lang.clone(),
                            }),
                        ),
                        Some(value) if value.trim().is_empty() => self.report.push(
                            at,
                            GridFlaw::Text(TextFlaw::EmptyIn {
                                owner: owner(),
                                key: key.to_owned(),
                                lang: lang.clone(),
                            }),
                        ),
                        Some(_) => {}
                    }
                }
                for lang in map.keys().filter(|lang| !self.languages.contains(lang)) {
                    self.report.push(
                        at,
                        GridFlaw::Text(TextFlaw::OtherLanguage {
                            owner: owner(),
                            key: key.to_owned(),
                            lang: lang.clone(),
                            languages: self.languages.clone(),
                        }),
                    );
                }
            }
        }
        text.value
    }
}

fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    starts_well
        && id.len() <= 32
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A version as engagements pin it and every front end shows it: `1.2.0`, `2026-03`,
/// `1.0.0+acme`. Its own rule, as ids have theirs: it is printed in commit subjects, tag
/// messages and terminals, where an escape sequence would act.
fn is_valid_version(version: &str) -> bool {
    let mut chars = version.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    starts_well
        && version.len() <= 32
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
}

fn validate(raw: Spanned<RawGrid>, report: &mut Report) -> Grid {
    let root = raw.referenced;
    let raw = raw.value;
    let languages = languages(raw.languages, root, report);
    let mut check = Checker {
        report,
        languages: languages.clone(),
        ids: HashMap::new(),
    };

    let id = match raw.id {
        Some(id) if is_valid_id(&id.value) => id.value,
        Some(id) => {
            check.report.push(
                id.referenced,
                GridFlaw::Header(HeaderFlaw::BadGridId(id.value.clone())),
            );
            id.value
        }
        None => {
            check
                .report
                .push(root, GridFlaw::Header(HeaderFlaw::NoGridId));
            String::new()
        }
    };
    let version = match raw.version {
        Some(version) if !version.value.0.trim().is_empty() => {
            if !is_valid_version(&version.value.0) {
                check.report.push(
                    version.referenced,
                    GridFlaw::Header(HeaderFlaw::BadVersion(version.value.0.clone())),
                );
            }
            version.value.0
        }
        _ => {
            check
                .report
                .push(root, GridFlaw::Header(HeaderFlaw::NoVersion));
            String::new()
        }
    };
    let title = check.required_text(raw.title, root, &TextOwner::Grid, "title");
    let description = check.optional_text(raw.description, &TextOwner::Grid, "description");
    let before = check.report.problems.len();
    let scale = scale(raw.scale, root, &mut check);
    // A scale with a problem of its own would make every control's `levels` look wrong
    // (`4` outside `0, 1, 2, 3, 7`): they are checked against a sound scale only.
    let scale_levels: Option<Vec<u8>> = (check.report.problems.len() == before)
        .then(|| scale.iter().map(|level| level.level).collect());
    let scale_levels = scale_levels.as_deref();

    let mut domains = Vec::new();
    match raw.domains {
        Some(list) if !list.value.is_empty() => {
            for raw_domain in list.value {
                domains.push(domain(raw_domain, scale_levels, &mut check));
            }
        }
        Some(list) => check
            .report
            .push(list.referenced, GridFlaw::Control(ControlFlaw::NoDomain)),
        None => check
            .report
            .push(root, GridFlaw::Control(ControlFlaw::NoDomains)),
    }

    let mut grid = Grid {
        id,
        version,
        languages,
        title,
        description,
        scale,
        domains,
        replaces: Vec::new(),
    };
    if let Some(list) = raw.replaces {
        grid.replaces = replaces(list.value, &grid, &mut check);
    }
    grid
}

/// The `replaces:` entries, checked against the grid's own controls: every target is one of
/// them, and every control is the target of an older one or listed as `added`.
fn replaces(raw: Vec<Spanned<RawReplaces>>, grid: &Grid, check: &mut Checker) -> Vec<Replaces> {
    let mut entries: Vec<Replaces> = Vec::new();
    for entry in raw {
        let at = entry.referenced;
        let raw = entry.value;
        // Without its version, what the entry maps cannot be named: its one problem is said,
        // the rest once the version is given.
        let Some(version) = replaced_version(raw.version, at, grid, &entries, check) else {
            continue;
        };
        let mut targets: BTreeMap<String, Location> = BTreeMap::new();
        let mut controls = BTreeMap::new();
        match raw.controls {
            None => check.report.push(
                at,
                GridFlaw::Replaces(ReplacesFlaw::NoMappings {
                    version: version.clone(),
                }),
            ),
            Some(list) => {
                for (old, mapping) in list.value {
                    let mapping =
                        control_mapping(&version, &old, mapping, grid, &mut targets, check);
                    controls.insert(old, mapping);
                }
            }
        }
        let added = added_controls(&version, raw.added, grid, &targets, check);
        for (_, control) in grid.controls() {
            if !targets.contains_key(&control.id) && !added.contains(&control.id) {
                check.report.push(
                    at,
                    GridFlaw::Mapping(MappingFlaw::NotAccountedFor {
                        version: version.clone(),
                        control: control.id.clone(),
                    }),
                );
            }
        }
        entries.push(Replaces {
            version,
            line: at.line(),
            controls,
            added,
        });
    }
    entries
}

/// The older version a `replaces` entry maps: given, not this grid's own, not mapped twice.
/// `None` when it is not given.
fn replaced_version(
    version: Option<Spanned<Scalar>>,
    at: Location,
    grid: &Grid,
    entries: &[Replaces],
    check: &mut Checker,
) -> Option<String> {
    match version {
        Some(version) if !version.value.0.trim().is_empty() => {
            let text = version.value.0;
            if !is_valid_version(&text) {
                check.report.push(
                    version.referenced,
                    GridFlaw::Header(HeaderFlaw::BadVersion(text.clone())),
                );
            } else if text == grid.version {
                check.report.push(
                    version.referenced,
                    GridFlaw::Replaces(ReplacesFlaw::ReplacesItself(text.clone())),
                );
            } else if entries.iter().any(|known| known.version == text) {
                check.report.push(
                    version.referenced,
                    GridFlaw::Replaces(ReplacesFlaw::ReplacedTwice(text.clone())),
                );
            }
            Some(text)
        }
        _ => {
            check
                .report
                .push(at, GridFlaw::Replaces(ReplacesFlaw::NoReplacedVersion));
            None
        }
    }
}

/// What the older control `old` became in the `replaces` entry of `version`, checked: its
/// id, its text hash, its targets (noted in `targets`, each with where it was first named).
fn control_mapping(
    version: &str,
    old: &str,
    mapping: Spanned<RawMapping>,
    grid: &Grid,
    targets: &mut BTreeMap<String, Location>,
    check: &mut Checker,
) -> Mapping {
    let line = mapping.referenced.line();
    let mapping_at = mapping.referenced;
    let raw = mapping.value;
    if !is_valid_id(old) {
        check.report.push(
            mapping_at,
            GridFlaw::Mapping(MappingFlaw::BadOldId {
                version: version.to_owned(),
                old: old.to_owned(),
            }),
        );
    }
    let hash = mapping_hash(version, old, raw.hash, mapping_at, check);
    let to = mapping_targets(version, old, raw.to, mapping_at, grid, targets, check);
    let owner = TextOwner::Mapping {
        version: version.to_owned(),
        old: old.to_owned(),
    };
    let note = raw.note.map(|note| check.text(note, &owner, "note"));
    Mapping {
        hash,
        to,
        comparable: raw.comparable,
        note,
        line,
    }
}

/// An older control's text hash, as `vmsaudit grid hashes` prints it.
fn mapping_hash(
    version: &str,
    old: &str,
    hash: Option<Spanned<String>>,
    mapping_at: Location,
    check: &mut Checker,
) -> String {
    match hash {
        Some(hash)
            if hash.value.len() == HASH_LEN
                && hash
                    .value
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()) =>
        {
            hash.value
        }
        Some(hash) => {
            check.report.push(
                hash.referenced,
                GridFlaw::Mapping(MappingFlaw::BadHash {
                    version: version.to_owned(),
                    old: old.to_owned(),
                    digits: HASH_LEN,
                }),
            );
            hash.value
        }
        None => {
            check.report.push(
                mapping_at,
                GridFlaw::Mapping(MappingFlaw::NoHash {
                    version: version.to_owned(),
                    old: old.to_owned(),
                }),
            );
            String::new()
        }
    }
}

/// What an older control became: the controls `to` names, or itself when `to` is missing.
fn mapping_targets(
    version: &str,
    old: &str,
    to: Option<Spanned<Vec<Spanned<String>>>>,
    mapping_at: Location,
    grid: &Grid,
    targets: &mut BTreeMap<String, Location>,
    check: &mut Checker,
) -> Vec<String> {
    match to {
        None => {
            if grid.control(old).is_none() {
                check.report.push(
                    mapping_at,
                    GridFlaw::Mapping(MappingFlaw::NoTarget {
                        version: version.to_owned(),
                        old: old.to_owned(),
                    }),
                );
            }
            targets.entry(old.to_owned()).or_insert(mapping_at);
            vec![old.to_owned()]
        }
        Some(list) => list
            .value
            .into_iter()
            .map(|target| {
                if grid.control(&target.value).is_none() {
                    check.report.push(
                        target.referenced,
                        GridFlaw::Mapping(MappingFlaw::NotATarget {
                            version: version.to_owned(),
                            old: old.to_owned(),
                            target: target.value.clone(),
                            near: grid.suggest_control(&target.value).map(str::to_owned),
                        }),
                    );
                }
                targets
                    .entry(target.value.clone())
                    .or_insert(target.referenced);
                target.value
            })
            .collect(),
    }
}

/// The controls new in this version: each of the grid's, and none an older control became.
fn added_controls(
    version: &str,
    listed: Vec<Spanned<String>>,
    grid: &Grid,
    targets: &BTreeMap<String, Location>,
    check: &mut Checker,
) -> Vec<String> {
    let mut added = Vec::new();
    for id in listed {
        if grid.control(&id.value).is_none() {
            check.report.push(
                id.referenced,
                GridFlaw::Mapping(MappingFlaw::AddedUnknown {
                    version: version.to_owned(),
                    id: id.value.clone(),
                }),
            );
        } else if let Some(first) = targets.get(&id.value) {
            check.report.push(
                id.referenced,
                GridFlaw::Mapping(MappingFlaw::AddedAndMapped {
                    version: version.to_owned(),
                    id: id.value.clone(),
                    line: first.line(),
                }),
            );
        }
        added.push(id.value);
    }
    added
}

fn languages(
    raw: Option<Spanned<Vec<Spanned<String>>>>,
    root: Location,
    report: &mut Report,
) -> Vec<String> {
    let Some(raw) = raw else {
        report.push(root, GridFlaw::Header(HeaderFlaw::NoLanguages));
        return Vec::new();
    };
    if raw.value.is_empty() {
        report.push(raw.referenced, GridFlaw::Header(HeaderFlaw::LanguagesEmpty));
    }
    let mut languages: Vec<String> = Vec::new();
    for code in raw.value {
        let well_formed = (2..=3).contains(&code.value.len())
            && code.value.chars().all(|c| c.is_ascii_lowercase());
        if !well_formed {
            report.push(
                code.referenced,
                GridFlaw::Header(HeaderFlaw::NotALanguage(code.value.clone())),
            );
        } else if languages.contains(&code.value) {
            report.push(
                code.referenced,
                GridFlaw::Header(HeaderFlaw::LanguageTwice(code.value.clone())),
            );
        } else {
            languages.push(code.value);
        }
    }
    languages
}

fn scale(
    raw: Option<Spanned<Vec<Spanned<RawLevel>>>>,
    root: Location,
    check: &mut Checker,
) -> Vec<ScaleLevel> {
    let Some(raw) = raw else {
        check
            .report
            .push(root, GridFlaw::Header(HeaderFlaw::NoScale));
        return Vec::new();
    };
    if raw.value.is_empty() || raw.value.len() > MAX_SCALE_LEVELS {
        check.report.push(
            raw.referenced,
            GridFlaw::Header(HeaderFlaw::ScaleSize {
                count: raw.value.len(),
                max: MAX_SCALE_LEVELS,
            }),
        );
    }
    let mut scale = Vec::new();
    for (expected, entry) in raw.value.into_iter().enumerate() {
        let at = entry.referenced;
        let level = match entry.value.level {
            Some(level) => {
                if usize::from(level.value) != expected {
                    check.report.push(
                        level.referenced,
                        GridFlaw::Header(HeaderFlaw::LevelOutOfOrder {
                            level: level.value,
                            expected,
                        }),
                    );
                }
                level.value
            }
            None => {
                check
                    .report
                    .push(at, GridFlaw::Header(HeaderFlaw::NoLevel { expected }));
                // Its place in the scale names it in the problems that follow.
                u8::try_from(expected).unwrap_or(u8::MAX)
            }
        };
        let what = TextOwner::Level(level);
        let label = check.required_text(entry.value.label, at, &what, "label");
        let description = check.optional_text(entry.value.description, &what, "description");
        scale.push(ScaleLevel {
            level,
            label,
            description,
        });
    }
    scale
}

/// A domain, its controls' `levels` checked against `scale` when it is sound.
fn domain(raw: Spanned<RawDomain>, scale: Option<&[u8]>, check: &mut Checker) -> Domain {
    let at = raw.referenced;
    let raw = raw.value;
    let id = check.id(raw.id, at, GridIdOf::Domain);
    let what = TextOwner::Domain(id.clone());
    let title = check.required_text(raw.title, at, &what, "title");
    let description = check.optional_text(raw.description, &what, "description");
    let mut controls = Vec::new();
    match raw.controls {
        Some(list) if !list.value.is_empty() => {
            for raw_control in list.value {
                controls.push(control(raw_control, scale, check));
            }
        }
        Some(list) => check.report.push(
            list.referenced,
            GridFlaw::Control(ControlFlaw::NoControl {
                domain: id.clone(),
                listed: true,
            }),
        ),
        None => check.report.push(
            at,
            GridFlaw::Control(ControlFlaw::NoControl {
                domain: id.clone(),
                listed: false,
            }),
        ),
    }
    Domain {
        id,
        title,
        description,
        controls,
    }
}

fn control(raw: Spanned<RawControl>, scale: Option<&[u8]>, check: &mut Checker) -> Control {
    let at = raw.referenced;
    let raw = raw.value;
    let id = check.id(raw.id, at, GridIdOf::Control);
    let what = TextOwner::Control(id.clone());
    let title = check.required_text(raw.title, at, &what, "title");
    let question = check.required_text(raw.question, at, &what, "question");
    let guidance = check.optional_text(raw.guidance, &what, "guidance");
    let evidence = check.optional_text(raw.evidence, &what, "evidence");
    let recommendation = check.optional_text(raw.recommendation, &what, "recommendation");

    let applies_to = applies_to(raw.applies_to, &id, check);
    let references = references(raw.references, &id, check);
    let mut levels = BTreeMap::new();
    for (level, text) in raw.levels {
        if let Some(scale) = scale
            && !scale.contains(&level)
        {
            let top = scale.last().copied().unwrap_or(0);
            check.report.push(
                text.referenced,
                GridFlaw::Control(ControlFlaw::LevelOutsideScale {
                    control: id.clone(),
                    level,
                    top,
                }),
            );
        }
        let key = format!("levels.{level}");
        levels.insert(level, check.text(text, &what, &key));
    }

    let weight = weight(raw.weight, &id, check);

    Control {
        id,
        title,
        question,
        guidance,
        evidence,
        applies_to,
        references,
        recommendation,
        levels,
        weight,
        critical: raw.critical,
    }
}

/// The components the control `control` applies to, each one the grid knows.
fn applies_to(given: Vec<Spanned<String>>, control: &str, check: &mut Checker) -> Vec<String> {
    let mut applies_to = Vec::new();
    for component in given {
        if COMPONENTS.contains(&component.value.as_str()) {
            applies_to.push(component.value);
        } else {
            check.report.push(
                component.referenced,
                GridFlaw::Control(ControlFlaw::UnknownComponent {
                    control: control.to_owned(),
                    near: suggest(&component.value, COMPONENTS.iter().copied()),
                    component: component.value,
                    known: COMPONENTS,
                }),
            );
        }
    }
    applies_to
}

/// The references (guides, sections) of the control `control`, none empty.
fn references(given: Vec<Spanned<String>>, control: &str, check: &mut Checker) -> Vec<String> {
    let mut references = Vec::new();
    for reference in given {
        if reference.value.trim().is_empty() {
            check.report.push(
                reference.referenced,
                GridFlaw::Control(ControlFlaw::EmptyReference {
                    control: control.to_owned(),
                }),
            );
        } else {
            references.push(reference.value);
        }
    }
    references
}

/// The weight of the control `control` in its domain's score: a whole number from 1 to 100,
/// 1 when missing.
fn weight(given: Option<Spanned<f64>>, control: &str, check: &mut Checker) -> u32 {
    match given {
        None => 1,
        Some(weight) => {
            let value = weight.value;
            if value.fract() == 0.0 && (1.0..=MAX_WEIGHT).contains(&value) {
                // In range and whole: the conversion is exact.
                value as u32
            } else {
                check.report.push(
                    weight.referenced,
                    GridFlaw::Control(ControlFlaw::BadWeight {
                        control: control.to_owned(),
                        weight: value.to_string(),
                    }),
                );
                1
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, Problems};
    use crate::grid::Lang;

    const HEAD: &str = "id: t\nversion: 1.0.0\nlanguages: [en, fr]\ntitle: {en: T, fr: T}\nscale:\n  - {level: 0, label: {en: Zero, fr: Zéro}}\n  - {level: 1, label: {en: One, fr: Un}}\n  - {level: 2, label: {en: Two, fr: Deux}}\n";
    // HEAD is 8 lines; the domains below start on line 9.

    fn control(id: &str) -> String {
        format!(
            "      - id: {id}\n        title: {{en: T, fr: T}}\n        question: {{en: Q, fr: Q}}\n"
        )
    }

    fn problems(yaml: &str) -> Vec<(u64, u64, String)> {
        match parse("g.yaml", yaml) {
            Ok(_) => Vec::new(),
            Err(Error::Invalid(Problems(found))) => found
                .into_iter()
                .map(|p| {
                    assert_eq!(p.at.file, "g.yaml");
                    assert!(!p.hint.is_empty(), "every problem says how to fix it: {p}");
                    assert!(p.said.is_some(), "said in the reader's language: {p}");
                    (p.at.line, p.at.column, p.message)
                })
                .collect(),
            Err(other) => panic!("unexpected error {other}"),
        }
    }

    fn one_problem(yaml: &str) -> (u64, u64, String) {
        let mut found = problems(yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    }

    #[test]
    fn a_valid_grid_loads_with_its_texts_and_weights() {
        let text = include_str!("../../tests/fixtures/mini-grid.yaml");
        let grid = parse("mini-grid.yaml", text).unwrap();
        assert_eq!(grid.id, "mini");
        assert_eq!(grid.domains.len(), 2);
        assert_eq!(grid.control_count(), 4);
        assert_eq!(grid.max_level(), 4);
        let (domain, control) = grid.control("ACC-01").unwrap();
        assert_eq!(domain.id, "ACC");
        assert_eq!(control.weight, 2);
        assert_eq!(control.title.get(Lang::Fr), "Comptes par défaut");
        assert_eq!(
            control.levels[&0].get(Lang::En),
            "Factory passwords everywhere"
        );
        assert_eq!(
            grid.control("ACC-02").unwrap().1.weight,
            1,
            "weight defaults to 1"
        );
    }

    #[test]
    fn the_built_in_grid_is_valid() {
        let grid = crate::grid::builtin::grid().unwrap();
        assert!(grid.speaks(Lang::En) && grid.speaks(Lang::Fr));
    }

    #[test]
    fn critical_is_read_and_defaults_to_false() {
        let yaml = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}        critical: true\n{}",
            control("ACC-01"),
            control("ACC-02")
        );
        let grid = parse("g.yaml", &yaml).unwrap();
        assert!(grid.control("ACC-01").unwrap().1.critical);
        assert!(!grid.control("ACC-02").unwrap().1.critical);
        // YAML 1.2: `yes` is a text, not a boolean; the grid says where.
        let (line, column, _) = one_problem(&yaml.replace("critical: true", "critical: yes"));
        assert_eq!((line, column), (16, 19));
        let built_in = crate::grid::builtin::grid().unwrap();
        let critical: Vec<&str> = built_in
            .controls()
            .filter(|(_, c)| c.critical)
            .map(|(_, c)| c.id.as_str())
            .collect();
        assert_eq!(
            critical,
            [
                "ACC-03", "ACC-11", "UPD-02", "NET-05", "REM-01", "REM-05", "REM-06"
            ]
        );
    }

    #[test]
    fn a_mapping_is_checked_against_the_grid_s_controls() {
        let grid = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}{}",
            control("ACC-01"),
            control("ACC-02")
        )
        .replace("version: 1.0.0", "version: 1.1.0");
        // Lines 19 on.
        let good = format!(
            "{grid}replaces:\n  - version: 1.0.0\n    added: [ACC-02]\n    controls:\n      ACC-01: {{hash: 0123456789abcdef}}\n      OLD-09: {{hash: 0123456789abcdef, to: []}}\n"
        );
        let parsed = parse("g.yaml", &good).unwrap();
        assert_eq!(parsed.replaces[0].controls["ACC-01"].to, ["ACC-01"]);
        assert_eq!(parsed.replaces[0].controls["ACC-01"].line, 23);
        assert!(parsed.replaces[0].controls["OLD-09"].to.is_empty());

        let unknown = good.replace("to: []", "to: [ACC-03]");
        let (line, column, message) = one_problem(&unknown);
        assert_eq!((line, column), (24, 45));
        assert_eq!(
            message,
            "`replaces` 1.0.0: OLD-09 becomes ACC-03, which is not a control of this grid"
        );
        let bad_hash = good.replace("ACC-01: {hash: 0123456789abcdef}", "ACC-01: {hash: xyz}");
        let (line, _, message) = one_problem(&bad_hash);
        assert_eq!(line, 23);
        assert!(
            message.contains("is not 16 lowercase hexadecimal digits"),
            "{message}"
        );
        let forgotten = good.replace("    added: [ACC-02]\n", "");
        let (line, _, message) = one_problem(&forgotten);
        assert_eq!(line, 20);
        assert_eq!(
            message,
            "`replaces` 1.0.0: control ACC-02 is neither what an older control became nor `added`"
        );
        let own = good.replace("  - version: 1.0.0", "  - version: 1.1.0");
        assert!(one_problem(&own).2.contains("replaces its own version"));
        let typo = good.replace(
            "{hash: 0123456789abcdef}",
            "{hash: 0123456789abcdef, too: [X]}",
        );
        assert!(
            one_problem(&typo)
                .2
                .contains("unknown key `too` in a control's mapping")
        );

        // Without its version, the entry says that once: what it maps waits for the version.
        // (ACC-02 not accounted for either: said once the version is there.)
        let unversioned = good.replace(
            "  - version: 1.0.0\n    added: [ACC-02]\n    controls",
            "  - controls",
        );
        let (line, _, message) = one_problem(&unversioned);
        assert_eq!(line, 20);
        assert!(message.contains("`version`"), "{message}");
    }

    #[test]
    fn a_scale_level_without_its_number_is_named_by_its_place() {
        let yaml = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}",
            control("ACC-01")
        )
        .replace("  - {level: 2, label: {en: Two, fr: Deux}}", "  - {}");
        let found = problems(&yaml);
        let messages: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "a scale level has no `level`",
                "scale level 2 has no `label`"
            ],
            "{found:?}"
        );
    }

    #[test]
    fn duplicate_ids_are_reported_at_the_second_one() {
        let yaml = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}{}",
            control("ACC-01"),
            control("ACC-01")
        );
        let (line, column, message) = one_problem(&yaml);
        assert_eq!((line, column), (16, 13));
        assert!(
            message.contains("duplicate id `ACC-01` (first used on line 13)"),
            "{message}"
        );
    }

    #[test]
    fn a_domain_id_may_not_reuse_a_control_id() {
        let yaml = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}  - id: ACC-01\n    title: B\n    controls:\n{}",
            control("ACC-01"),
            control("B-01")
        );
        let (line, _, message) = one_problem(&yaml);
        assert_eq!(line, 16);
        assert!(message.contains("duplicate id"), "{message}");
    }

    #[test]
    fn a_domain_without_controls_is_reported() {
        let empty = format!("{HEAD}domains:\n  - id: ACC\n    title: A\n    controls: []\n");
        assert_eq!(
            one_problem(&empty),
            (12, 15, "domain ACC has no control".to_owned())
        );
        let missing = format!("{HEAD}domains:\n  - id: ACC\n    title: A\n");
        assert_eq!(
            one_problem(&missing),
            (10, 5, "domain ACC has no control".to_owned())
        );
    }

    #[test]
    fn a_level_outside_the_scale_is_reported() {
        let yaml = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}        levels: {{1: ok, 3: too high}}\n",
            control("ACC-01")
        );
        let (line, column, message) = one_problem(&yaml);
        assert_eq!((line, column), (16, 28));
        assert_eq!(
            message,
            "control ACC-01: level 3 is outside the scale (0–2)"
        );
    }

    #[test]
    fn a_text_missing_in_a_language_is_reported() {
        let yaml = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n      - id: ACC-01\n        title: {{en: T, fr: T}}\n        question: {{en: Only English}}\n"
        );
        let (line, column, message) = one_problem(&yaml);
        assert_eq!((line, column), (15, 19));
        assert_eq!(message, "`question` of control ACC-01 has no `fr` text");
    }

    #[test]
    fn a_text_in_an_undeclared_language_is_reported() {
        let yaml = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: {{en: A, fr: A, de: A}}\n    controls:\n{}",
            control("ACC-01")
        );
        let (line, _, message) = one_problem(&yaml);
        assert_eq!(line, 11);
        assert!(message.contains("has a text in `de`"), "{message}");
    }

    /// The closest key is found as the closest id is (`grid::suggest`): a typo, or the key
    /// in another case.
    #[test]
    fn an_unknown_key_is_a_problem_with_a_suggestion() {
        for typed in ["refrences", "REFERENCES"] {
            let yaml = format!(
                "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}        {typed}: [ANSSI]\n",
                control("ACC-01")
            );
            let found = parse("g.yaml", &yaml).unwrap_err().to_string();
            assert_eq!(
                found,
                format!(
                    "g.yaml:16:9: unknown key `{typed}` in a control — did you mean `references`?"
                )
            );
        }
    }

    #[test]
    fn unknown_keys_are_caught_at_every_level() {
        let yaml = format!("{HEAD}colour: blue\ndomains:\n  - id: ACC\n    titel: A\n    title: A\n    controls:\n{}", control("ACC-01"))
            .replace("{level: 0, label", "{level: 0, lable: x, label");
        let found = problems(&yaml);
        let keys: Vec<_> = found
            .iter()
            .map(|(line, _, message)| {
                (
                    *line,
                    message.split('`').nth(1).unwrap_or_default().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                (6, "lable".to_owned()),
                (9, "colour".to_owned()),
                (12, "titel".to_owned())
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_in_one_pass() {
        let yaml = format!(
            // `title: N` is a text, not YAML 1.1's `false`.
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}{}        weight: 0\n        applies_to: [cameras]\n  - id: NET\n    title: N\n    controls: []\n",
            control("ACC-01"),
            control("ACC-01").replace("question: {en: Q, fr: Q}", "question: {en: Q}")
        );
        let lines: Vec<u64> = problems(&yaml).iter().map(|(line, ..)| *line).collect();
        // duplicate id, missing fr, weight, component, empty domain — in file order.
        assert_eq!(lines, [16, 18, 19, 20, 23]);
    }

    #[test]
    fn a_syntax_error_gives_its_line_and_column() {
        let (line, column, _) = one_problem("id: x\n  bad: [\n");
        assert_eq!((line, column), (2, 6));
    }

    #[test]
    fn a_type_error_gives_its_line_and_column() {
        let yaml = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}        weight: heavy\n",
            control("ACC-01")
        );
        let (line, column, _) = one_problem(&yaml);
        assert_eq!((line, column), (16, 17));
    }

    #[test]
    fn a_scale_out_of_order_is_reported() {
        let yaml = format!(
            "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}",
            control("ACC-01")
        )
        .replace("{level: 1,", "{level: 2,");
        let found = problems(&yaml);
        assert_eq!(found[0].0, 7);
        assert!(found[0].2.contains("out of order"), "{found:?}");
    }

    #[test]
    fn ids_that_could_name_a_path_are_refused() {
        for bad in ["../x", "a/b", ".hidden", "\"\""] {
            let yaml = format!(
                "{HEAD}domains:\n  - id: ACC\n    title: A\n    controls:\n{}",
                control(bad)
            );
            let (line, _, message) = one_problem(&yaml);
            assert_eq!(line, 13, "{bad}");
            assert!(message.contains("is not a valid control id"), "{message}");
        }
    }

    #[test]
    fn a_document_that_is_not_a_map_is_refused() {
        let (_, _, message) = one_problem("- just\n- a list\n");
        assert_eq!(
            message,
            "the grid is not a set of YAML keys and their values (`id: ...`, `domains: ...`)"
        );
        let missing = problems("id: x\n");
        assert!(
            missing
                .iter()
                .any(|(_, _, m)| m == "the grid has no `domains`"),
            "{missing:?}"
        );
        assert!(
            missing
                .iter()
                .any(|(_, _, m)| m == "the grid has no `scale`"),
            "{missing:?}"
        );
    }
}
