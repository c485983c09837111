//! Findings (`findings/<ID>.yaml`) and the action plan (`actions/<ID>.yaml`): loading and
//! checking them with every problem at its `file:line:column`, giving new ones ids that do not
//! collide between clones, and saving each change (validate, lock, write atomically, commit).
//!
//! The rules (what makes a record valid, criticality, the plan's order) are `assessment`'s;
//! this module decides where records live, checks them against the grid and against each
//! other, and words the commit messages. The inventory (`assets.yaml`) is in `assets.rs`.
//!
//! Ids are `F-` or `A-` followed by six characters of Crockford's base32 (digits and capital
//! letters without I, L, O, U) drawn from the operating system's random source: 30 bits, so
//! two clones that each add a hundred records collide with a chance of about one in a
//! hundred thousand, and a collision with a file already in this clone is redrawn. They are
//! short enough to be the reference lists and the report show, and never change.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::de::IgnoredAny;
use serde_saphyr::Spanned;

use super::{Engagement, Saved, Source, evidence, files, history};
use crate::assessment::{
    Action, Assets, Auditor, EvidenceRef, FieldProblem, Finding, actions_addressing,
};
use crate::error::{Error, Position, Problem, Problems, Result};
use crate::grid::Grid;
use crate::text::one_line;

pub const FINDINGS_DIR: &str = "findings";
pub const ACTIONS_DIR: &str = "actions";
pub const ASSETS_FILE: &str = "assets.yaml";
pub const FINDING_PREFIX: &str = "F-";
pub const ACTION_PREFIX: &str = "A-";
/// Random characters after the prefix of a new id.
pub const ID_SUFFIX_LEN: usize = 6;
/// Crockford's base32: no I, L, O or U, which read as 1, 1, 0 or V.
const ID_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Files to attach to a record, each with an optional note.
pub type NewEvidence = [(PathBuf, Option<String>)];

/// The records besides answers, as loaded and checked together.
#[derive(Debug, Clone, Default)]
pub(super) struct Records {
    pub assets: Assets,
    /// In file-name (id) order.
    pub findings: Vec<Finding>,
    /// In file-name (id) order.
    pub actions: Vec<Action>,
}

/// Reads `assets.yaml`, `findings/` and `actions/`, checking every record on its own, against
/// the grid and against the others. Every problem of every file is reported in one error,
/// except references between records (a finding's assets, an action's findings) that do not
/// hold: a merge between clones can leave those, so they come back as warnings, each at its
/// `file:line:column`, and saving the record that holds one refuses it.
pub(super) fn load(source: &Source, grid: &Grid) -> Result<(Records, Vec<Problem>)> {
    check(read(source)?, grid)
}

/// A record file as read and parsed: the record and its text, `None` when there is no such
/// file, or why it does not parse.
type Parsed<T> = Result<Option<(T, String)>>;

/// The records of an engagement, read and parsed but not checked yet: what does not need
/// the grid, so that it can be done while the grid loads.
pub(super) struct Read {
    assets: Parsed<Assets>,
    findings: Vec<(String, Parsed<Finding>)>,
    actions: Vec<(String, Parsed<Action>)>,
}

/// Reads and parses the records (several files at a time; see [`Source::read_texts`]).
pub(super) fn read(source: &Source) -> Result<Read> {
    let assets = source.read_record::<Assets>(ASSETS_FILE);
    let findings = read_folder::<Finding>(source, FINDINGS_DIR)?;
    let actions = read_folder::<Action>(source, ACTIONS_DIR)?;
    Ok(Read {
        assets,
        findings,
        actions,
    })
}

fn read_folder<T: serde::de::DeserializeOwned + Send>(
    source: &Source,
    dir: &str,
) -> Result<Vec<(String, Parsed<T>)>> {
    let relatives: Vec<String> = source
        .record_files(dir)?
        .into_iter()
        .map(|name| format!("{dir}/{name}"))
        .collect();
    let texts = source.read_texts(&relatives, files::MAX_RECORD_BYTES);
    let read: Vec<(String, Result<Option<String>>)> = relatives.into_iter().zip(texts).collect();
    Ok(super::state::parallel_map(read, |(relative, text)| {
        let parsed = match text {
            Ok(Some(text)) => files::parse_record::<T>(text, &relative).map(Some),
            other => other.map(|_| None),
        };
        (relative, parsed)
    }))
}

/// Checks records as [`read`] gave them: see [`load`].
pub(super) fn check(read: Read, grid: &Grid) -> Result<(Records, Vec<Problem>)> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut records = Records::default();

    // A file that does not parse is reported once; references to what it holds are not
    // checked until it does, rather than reported as missing.
    let mut assets_read = true;
    match read.assets {
        Ok(Some((assets, text))) => {
            problems.extend(placed(ASSETS_FILE, &text, assets.validate()));
            records.assets = assets;
        }
        Ok(None) => {}
        Err(Error::Invalid(Problems(found))) => {
            problems.extend(found);
            assets_read = false;
        }
        Err(other) => return Err(other),
    }

    let mut findings_read = true;
    for (relative, parsed) in read.findings {
        match parsed {
            Ok(Some((finding, text))) => {
                let mut found = id_matches_file(&finding.id, &relative, "finding");
                found.extend(finding.validate());
                let (dangling, wrong): (Vec<_>, Vec<_>) = finding
                    .check_references(grid, records.assets.as_slice())
                    .into_iter()
                    .partition(|problem| problem.field == "assets");
                found.extend(wrong);
                if assets_read {
                    warnings.extend(placed(&relative, &text, dangling));
                }
                problems.extend(placed(&relative, &text, found));
                records.findings.push(finding);
            }
            Ok(None) => {}
            Err(Error::Invalid(Problems(found))) => {
                problems.extend(found);
                findings_read = false;
            }
            Err(other) => return Err(other),
        }
    }

    for (relative, parsed) in read.actions {
        match parsed {
            Ok(Some((action, text))) => {
                let mut found = id_matches_file(&action.id, &relative, "action");
                found.extend(action.validate());
                if findings_read {
                    warnings.extend(placed(
                        &relative,
                        &text,
                        action.check_references(&records.findings),
                    ));
                }
                problems.extend(placed(&relative, &text, found));
                records.actions.push(action);
            }
            Ok(None) => {}
            Err(Error::Invalid(Problems(found))) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }

    if problems.is_empty() {
        Ok((records, warnings))
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// The `*.yaml` files of `dir`, sorted; none when it does not exist. Temporary files of an
/// interrupted write start with a dot; they are not records.
pub(super) fn record_files(dir: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::io(dir, source)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::io(dir, source))?;
        if let Some(name) = entry.file_name().to_str()
            && name.ends_with(".yaml")
            && !name.starts_with('.')
        {
            names.push(name.to_owned());
        }
    }
    names.sort();
    Ok(names)
}

fn id_matches_file(id: &str, relative: &str, what: &str) -> Vec<FieldProblem> {
    let expected = relative
        .rsplit('/')
        .next()
        .and_then(|name| name.strip_suffix(".yaml"))
        .unwrap_or_default();
    if id == expected {
        return Vec::new();
    }
    vec![FieldProblem::new(
        "id",
        format!("`id: {}` does not match the file name", one_line(id)),
        format!(
            "the {what} in {relative} holds `id: {expected}`; restore it with `git checkout -- {relative}`"
        ),
    )]
}

/// Field problems of the record in `file` (whose text is `text`) as problems at the line and
/// column of the field. Fields are a record's keys (`severity`) or, in `assets.yaml`, a key of
/// one entry of the list (`[2].id`).
fn placed(file: &str, text: &str, problems: Vec<FieldProblem>) -> Vec<Problem> {
    if problems.is_empty() {
        return Vec::new();
    }
    let positions = Positions::of(text);
    problems
        .into_iter()
        .map(|problem| {
            let (key, (line, column)) = positions.find(&problem.field);
            Problem::new(
                Position::new(file, line, column),
                format!("`{key}`: {}", problem.message),
                problem.hint,
            )
        })
        .collect()
}

/// Where the values of a record's keys are written: the second, positions-only parse that
/// turns a field name into `line:column`.
enum Positions {
    Map(KeyPositions),
    /// Each entry's own place, and its keys'.
    List(Vec<((u64, u64), KeyPositions)>),
    Unknown,
}

/// Line and column of the value of each key of a map.
type KeyPositions = BTreeMap<String, (u64, u64)>;

type SpannedMap = BTreeMap<String, Spanned<IgnoredAny>>;

fn at<T>(spanned: &Spanned<T>) -> (u64, u64) {
    (spanned.referenced.line(), spanned.referenced.column())
}

fn flatten(map: &SpannedMap) -> KeyPositions {
    map.iter()
        .map(|(key, value)| (key.clone(), at(value)))
        .collect()
}

impl Positions {
    fn of(text: &str) -> Positions {
        if let Ok(map) = crate::yaml::from_str::<SpannedMap>(text) {
            return Positions::Map(flatten(&map));
        }
        match crate::yaml::from_str::<Vec<Spanned<SpannedMap>>>(text) {
            Ok(list) => Positions::List(
                list.iter()
                    .map(|item| (at(item), flatten(&item.value)))
                    .collect(),
            ),
            Err(_) => Positions::Unknown,
        }
    }

    /// The key to name in the message and its place; (0, 0) when unknown.
    fn find<'a>(&self, field: &'a str) -> (&'a str, (u64, u64)) {
        match self {
            Positions::Map(map) => (field, map.get(field).copied().unwrap_or((0, 0))),
            Positions::List(list) => {
                let Some((index, key)) = field
                    .strip_prefix('[')
                    .and_then(|rest| rest.split_once("]."))
                    .and_then(|(index, key)| Some((index.parse::<usize>().ok()?, key)))
                else {
                    return (field, (0, 0));
                };
                match list.get(index) {
                    Some((item, keys)) => (key, keys.get(key).copied().unwrap_or(*item)),
                    None => (field, (0, 0)),
                }
            }
            Positions::Unknown => (field, (0, 0)),
        }
    }
}

/// A new id `prefix` + six random characters, taken by no record in memory nor any file of
/// `dir` (another command may have just written one). With a `seed` (see
/// [`Engagement::seed_ids`]) the characters come from a fixed sequence instead.
fn new_id(
    prefix: &str,
    dir: &Path,
    taken: &BTreeSet<&str>,
    seed: &mut Option<u64>,
) -> Result<String> {
    // 2^30 ids: reaching the bound means the random source is broken, not bad luck.
    for _ in 0..64 {
        let mut bytes = [0u8; ID_SUFFIX_LEN];
        match seed {
            Some(state) => {
                // splitmix64: enough to spread a counter over the alphabet reproducibly.
                *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = *state;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^= z >> 31;
                for (byte, value) in bytes.iter_mut().zip(z.to_le_bytes()) {
                    *byte = value;
                }
            }
            None => getrandom::fill(&mut bytes).map_err(|error| {
                Error::io(
                    "the system's random source",
                    std::io::Error::other(error.to_string()),
                )
            })?,
        }
        let suffix: String = bytes
            .iter()
            .map(|byte| char::from(ID_ALPHABET[usize::from(byte & 31)]))
            .collect();
        let id = format!("{prefix}{suffix}");
        if !taken.contains(id.as_str()) && !dir.join(format!("{id}.yaml")).exists() {
            return Ok(id);
        }
    }
    Err(Error::io(
        dir,
        std::io::Error::other("could not draw an unused id from the system's random source"),
    ))
}

/// `wanted` among `known`: as written, then ignoring case, then reading it as Crockford's
/// base32 does (`o` as 0, `i` and `l` as 1), so an id copied by hand from a printed report
/// still resolves.
pub(super) fn resolve<'a>(
    wanted: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let wanted = wanted.trim();
    let crockford = |text: &str| -> String {
        text.to_ascii_uppercase()
            .chars()
            .map(|c| match c {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect()
    };
    known
        .clone()
        .find(|id| *id == wanted)
        .or_else(|| known.clone().find(|id| id.eq_ignore_ascii_case(wanted)))
        .or_else(|| {
            let normal = crockford(wanted);
            known.clone().find(|id| crockford(id) == normal)
        })
}

/// The known id closest to `wanted`, for "did you mean" hints.
pub(super) fn suggest<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_uppercase();
    known
        .map(|candidate| {
            (
                strsim::jaro_winkler(&wanted, &candidate.to_uppercase()),
                candidate,
            )
        })
        .filter(|(similarity, _)| *similarity > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// A record that fails its checks, refused before anything is written: each problem names
/// the record (`finding F-K3X9Q2`, `new action`) and the field.
pub(super) fn refuse(label: &str, problems: Vec<FieldProblem>) -> Error {
    Error::Invalid(Problems(
        problems
            .into_iter()
            .map(|problem| problem.at(label))
            .collect(),
    ))
}

pub(super) fn to_yaml<T: serde::Serialize>(record: &T) -> Result<String> {
    crate::yaml::to_string(record)
        .map_err(|error| Error::usage(error.to_string(), "report this as a bug"))
}

/// `"Title"` for a commit message: one line, at most 72 characters.
pub(super) fn quoted(title: &str) -> String {
    let line = one_line(title.trim());
    let short: String = line.chars().take(72).collect();
    if short.len() < line.len() {
        format!("\"{}…\"", short.trim_end())
    } else {
        format!("\"{short}\"")
    }
}

/// `control x added`, `control y removed` for the items that differ between two lists
/// (`what` may be empty: `CVE-2021-36260 added`).
fn list_changes<T: PartialEq + Display>(what: &str, old: &[T], new: &[T]) -> Vec<String> {
    let what = if what.is_empty() {
        String::new()
    } else {
        format!("{what} ")
    };
    let added = new
        .iter()
        .filter(|item| !old.contains(item))
        .map(|item| format!("{what}{item} added"));
    let removed = old
        .iter()
        .filter(|item| !new.contains(item))
        .map(|item| format!("{what}{item} removed"));
    added.chain(removed).collect()
}

fn or_none<T: Display>(value: Option<T>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| value.to_string())
}

/// `critical, CVSS 9.8`, `medium, rated by hand`, `low, CVSS 3.9, critical`: how a finding's
/// severity reads in messages.
pub fn finding_summary(finding: &Finding) -> String {
    let severity = or_none(finding.severity());
    let mut parts = vec![severity];
    match &finding.cvss {
        Some(vector) if vector.version() == crate::assessment::CvssVersion::V3_0 => {
            parts.push(format!("CVSS 3.0 {}", vector.base_score()))
        }
        Some(vector) => parts.push(format!("CVSS {}", vector.base_score())),
        None => parts.push("rated by hand".to_owned()),
    }
    if finding.is_critical() && finding.severity() != Some(crate::assessment::Severity::Critical) {
        parts.push("critical".to_owned());
    }
    parts.join(", ")
}

fn finding_changes(old: &Finding, new: &Finding) -> Vec<String> {
    let mut parts = Vec::new();
    if old.title != new.title {
        parts.push(format!("title {}", quoted(&new.title)));
    }
    if old.domain != new.domain {
        parts.push(format!("domain {} (was {})", new.domain, old.domain));
    }
    parts.extend(list_changes("control", &old.controls, &new.controls));
    if old.description != new.description {
        parts.push("description updated".to_owned());
    }
    parts.extend(list_changes("", &old.cves, &new.cves));
    match (&old.cvss, &new.cvss) {
        (Some(old_vector), Some(new_vector)) if old_vector != new_vector => {
            if old_vector.base_score() == new_vector.base_score() {
                parts.push(format!("CVSS vector changed ({})", new_vector.base_score()));
            } else {
                parts.push(format!(
                    "CVSS {} (was {})",
                    new_vector.base_score(),
                    old_vector.base_score()
                ));
            }
        }
        (None, Some(vector)) => {
            let was = old
                .severity
                .map(|severity| format!(" (was rated {severity} by hand)"))
                .unwrap_or_default();
            parts.push(format!("CVSS {}{was}", vector.base_score()));
        }
        (Some(vector), None) => parts.push(format!("CVSS removed (was {})", vector.base_score())),
        _ => {}
    }
    if old.cvss.is_some() && new.cvss.is_some() && old.cvss_source != new.cvss_source {
        parts.push(format!(
            "CVSS source {} (was {})",
            or_none(new.cvss_source),
            or_none(old.cvss_source)
        ));
    }
    if old.remote_takeover != new.remote_takeover {
        parts.push(if new.remote_takeover {
            "remote takeover set".to_owned()
        } else {
            "remote takeover unset".to_owned()
        });
    }
    if new.cvss.is_none() && old.severity != new.severity {
        parts.push(match (old.cvss.is_some(), old.severity) {
            (false, Some(was)) => format!("severity {} (was {was})", or_none(new.severity)),
            _ => format!("severity {} by hand", or_none(new.severity)),
        });
    }
    if new.cvss.is_none()
        && old.severity_justification != new.severity_justification
        && old.severity == new.severity
    {
        parts.push("severity justification updated".to_owned());
    }
    parts.extend(list_changes("asset", &old.assets, &new.assets));
    let old_paths: Vec<&str> = old.evidence.iter().map(|e| e.path.as_str()).collect();
    for reference in &new.evidence {
        if !old_paths.contains(&reference.path.as_str()) {
            let name = reference.path.rsplit('/').next().unwrap_or(&reference.path);
            parts.push(format!("evidence {name} added"));
        }
    }
    if old.recommendation != new.recommendation {
        parts.push("recommendation updated".to_owned());
    }
    if old.status != new.status {
        parts.push(format!("status {} (was {})", new.status, old.status));
    } else if old.status_reason != new.status_reason {
        parts.push("status reason updated".to_owned());
    }
    if !parts.is_empty() && old.is_critical() != new.is_critical() {
        parts.push(if new.is_critical() {
            "now critical".to_owned()
        } else {
            "no longer critical".to_owned()
        });
    }
    parts
}

fn action_changes(old: &Action, new: &Action) -> Vec<String> {
    let mut parts = Vec::new();
    if old.title != new.title {
        parts.push(format!("title {}", quoted(&new.title)));
    }
    if old.description != new.description {
        parts.push("description updated".to_owned());
    }
    parts.extend(list_changes("finding", &old.addresses, &new.addresses));
    if old.complexity != new.complexity {
        parts.push(format!(
            "complexity {} (was {})",
            new.complexity, old.complexity
        ));
    }
    if old.cost != new.cost {
        parts.push("cost updated".to_owned());
    }
    let amount = |action: &Action| match (action.cost_amount, &action.currency) {
        (Some(amount), Some(currency)) => Some(format!("{amount} {currency}")),
        (Some(amount), None) => Some(amount.to_string()),
        _ => None,
    };
    if amount(old) != amount(new) {
        parts.push(format!(
            "amount {} (was {})",
            or_none(amount(new)),
            or_none(amount(old))
        ));
    }
    if old.owner != new.owner {
        parts.push(format!("owner {} (was {})", new.owner, old.owner));
    }
    if old.deadline != new.deadline {
        parts.push(match new.deadline {
            Some(date) => format!("deadline {date} (was {})", or_none(old.deadline)),
            None => format!("deadline removed (was {})", or_none(old.deadline)),
        });
    }
    if old.status != new.status {
        parts.push(format!("status {} (was {})", new.status, old.status));
    } else if old.status_reason != new.status_reason {
        parts.push("status reason updated".to_owned());
    }
    parts
}

/// Adds `added` to `evidence`, replacing a reference to the same path.
fn merge_evidence(evidence: &mut Vec<EvidenceRef>, added: Vec<EvidenceRef>) {
    for reference in added {
        match evidence
            .iter_mut()
            .find(|known| known.path == reference.path)
        {
            Some(known) => *known = reference,
            None => evidence.push(reference),
        }
    }
}

impl Engagement {
    /// Reloads the records from disk: run under the lock, so that a change is checked against
    /// what another command may have saved since this engagement was opened.
    pub(super) fn reload_records(&mut self) -> Result<()> {
        let (records, warnings) = load(&Source::WorkTree(&self.root), &self.grid)?;
        self.assets = records.assets;
        self.findings = records.findings;
        self.actions = records.actions;
        self.warnings = warnings;
        Ok(())
    }

    pub(super) fn write_record<T: serde::Serialize>(
        &self,
        relative: &str,
        record: &T,
    ) -> Result<()> {
        let text = to_yaml(record)?;
        let path = self.root.join(relative);
        if let Some(dir) = path.parent() {
            files::create_private_dir_all(dir)?;
        }
        files::write_atomic(&path, text.as_bytes())
    }

    fn remove_record(&self, relative: &str) -> Result<()> {
        let path = self.root.join(relative);
        std::fs::remove_file(&path).map_err(|source| Error::io(&path, source))?;
        if let Some(dir) = path.parent() {
            files::sync_dir(dir)?;
        }
        Ok(())
    }

    pub(super) fn commit(
        &self,
        paths: &[String],
        message: String,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Saved> {
        let commit = history::commit(&self.repo, paths, &message, who, now)?;
        Ok(Saved {
            message,
            commit: Some(commit),
        })
    }

    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|finding| finding.id == id)
    }

    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|action| action.id == id)
    }

    /// The id of the finding `wanted` names (ignoring case; `o`, `i` and `l` read as in
    /// Crockford's base32), or an error with the closest id.
    pub fn resolve_finding(&self, wanted: &str) -> Result<String> {
        let known = self.findings.iter().map(|finding| finding.id.as_str());
        match resolve(wanted, known.clone()) {
            Some(id) => Ok(id.to_owned()),
            None => Err(unknown(
                "finding",
                wanted,
                suggest(wanted, known),
                "finding",
            )),
        }
    }

    pub fn resolve_action(&self, wanted: &str) -> Result<String> {
        let known = self.actions.iter().map(|action| action.id.as_str());
        match resolve(wanted, known.clone()) {
            Some(id) => Ok(id.to_owned()),
            None => Err(unknown("action", wanted, suggest(wanted, known), "action")),
        }
    }

    /// The grid's spelling of a domain id (case does not matter).
    pub fn resolve_domain(&self, wanted: &str) -> Result<String> {
        let known = self.grid.domains.iter().map(|domain| domain.id.as_str());
        resolve_exact_or_case(wanted, known.clone())
            .map(str::to_owned)
            .ok_or_else(|| {
                let ids: Vec<&str> = known.clone().collect();
                let hint = match suggest(wanted, known) {
                    Some(near) => format!(
                        "did you mean {near}? The grid's domains are {}",
                        ids.join(", ")
                    ),
                    None => format!("use one of the grid's domains: {}", ids.join(", ")),
                };
                Error::usage(
                    format!(
                        "unknown domain `{}` in grid {} {}",
                        one_line(wanted),
                        self.grid.id,
                        self.grid.version
                    ),
                    hint,
                )
            })
    }

    /// The grid's spelling of a control id (case does not matter).
    pub fn resolve_control(&self, wanted: &str) -> Result<String> {
        let known: Vec<&str> = self
            .grid
            .controls()
            .map(|(_, control)| control.id.as_str())
            .collect();
        resolve_exact_or_case(wanted, known.into_iter())
            .map(str::to_owned)
            .ok_or_else(|| self.unknown_control(wanted))
    }

    /// The recommendations the grid gives for `controls`, in the engagement's language, one
    /// paragraph each: what a new finding recommends unless the auditor writes otherwise.
    pub fn default_recommendation(&self, controls: &[String]) -> String {
        let lang = self.meta.language;
        let mut paragraphs: Vec<&str> = Vec::new();
        for id in controls {
            if let Some((_, control)) = self.grid.control(id)
                && let Some(text) = &control.recommendation
            {
                let text = text.get(lang).trim();
                if !text.is_empty() && !paragraphs.contains(&text) {
                    paragraphs.push(text);
                }
            }
        }
        paragraphs.join("\n\n")
    }

    /// Every problem of `finding` on its own and with what it names (the grid's domain and
    /// controls, the inventory's assets). A new finding's empty id is not a problem: saving
    /// gives it one.
    pub fn check_finding(&self, finding: &Finding) -> Vec<FieldProblem> {
        let mut problems: Vec<FieldProblem> = finding
            .validate()
            .into_iter()
            .filter(|problem| !(problem.field == "id" && finding.id.is_empty()))
            .collect();
        problems.extend(finding.check_references(&self.grid, self.assets.as_slice()));
        problems
    }

    /// Every problem of `action` on its own and with the findings it addresses.
    pub fn check_action(&self, action: &Action) -> Vec<FieldProblem> {
        let mut problems: Vec<FieldProblem> = action
            .validate()
            .into_iter()
            .filter(|problem| !(problem.field == "id" && action.id.is_empty()))
            .collect();
        problems.extend(action.check_references(&self.findings));
        problems
    }

    /// Saves a new finding: gives it an id and its author, attaches `evidence` (copied into
    /// `evidence/<ID>/`), writes `findings/<ID>.yaml` and commits. Returns the new id.
    pub fn add_finding(
        &mut self,
        mut finding: Finding,
        evidence: &NewEvidence,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<(String, Saved)> {
        let checked: Vec<_> = evidence
            .iter()
            .map(|(path, note)| evidence::check(&self.root, path).map(|file| (file, note.clone())))
            .collect::<Result<_>>()?;
        let _lock = self.lock_for("finding add")?;
        self.reload_records()?;
        let taken: BTreeSet<&str> = self.findings.iter().map(|f| f.id.as_str()).collect();
        finding.id = new_id(
            FINDING_PREFIX,
            &self.root.join(FINDINGS_DIR),
            &taken,
            &mut self.id_seed,
        )?;
        finding.created_by = who.clone();
        finding.created_at = now;
        let problems = self.check_finding(&finding);
        if !problems.is_empty() {
            return Err(refuse("new finding", problems));
        }

        let mut added = Vec::new();
        for (file, note) in &checked {
            added.push(evidence::attach(
                &self.root,
                &finding.id,
                file,
                note.as_deref(),
            )?);
        }
        let mut paths = vec![format!("{FINDINGS_DIR}/{}.yaml", finding.id)];
        paths.extend(added.iter().map(|reference| reference.path.clone()));
        merge_evidence(&mut finding.evidence, added);

        self.write_record(&paths[0], &finding)?;
        let message = format!(
            "{}: new finding {} ({})",
            finding.id,
            quoted(&finding.title),
            finding_summary(&finding)
        );
        let saved = self.commit(&paths, message, who, now)?;
        let id = finding.id.clone();
        self.findings.push(finding);
        self.findings.sort_by(|a, b| a.id.cmp(&b.id));
        Ok((id, saved))
    }

    /// Replaces the finding with `finding.id` by `finding` (its author and creation time are
    /// kept), attaches `evidence`, and commits what changed; nothing when nothing did.
    pub fn update_finding(
        &mut self,
        mut finding: Finding,
        evidence: &NewEvidence,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Saved> {
        let checked: Vec<_> = evidence
            .iter()
            .map(|(path, note)| evidence::check(&self.root, path).map(|file| (file, note.clone())))
            .collect::<Result<_>>()?;
        let _lock = self.lock_for(&format!("finding edit {}", finding.id))?;
        self.reload_records()?;
        let id = self.resolve_finding(&finding.id)?;
        let Some(previous) = self.finding(&id).cloned() else {
            return Err(unknown("finding", &id, None, "finding"));
        };
        finding.id = id.clone();
        finding.created_by = previous.created_by.clone();
        finding.created_at = previous.created_at;
        let problems = self.check_finding(&finding);
        if !problems.is_empty() {
            return Err(refuse(&format!("finding {id}"), problems));
        }

        let mut added = Vec::new();
        for (file, note) in &checked {
            added.push(evidence::attach(&self.root, &id, file, note.as_deref())?);
        }
        let relative = format!("{FINDINGS_DIR}/{id}.yaml");
        let mut paths = vec![relative.clone()];
        paths.extend(added.iter().map(|reference| reference.path.clone()));
        merge_evidence(&mut finding.evidence, added);

        let changes = finding_changes(&previous, &finding);
        if changes.is_empty() && finding == previous {
            return Ok(Saved {
                message: format!("{id}: nothing to change"),
                commit: None,
            });
        }
        let message = if changes.is_empty() {
            format!("{id}: updated")
        } else {
            format!("{id}: {}", changes.join(", "))
        };
        self.write_record(&relative, &finding)?;
        let saved = self.commit(&paths, message, who, now)?;
        if let Some(slot) = self.findings.iter_mut().find(|known| known.id == id) {
            *slot = finding;
        }
        Ok(saved)
    }

    /// Removes a finding, refused while actions address it. Its evidence files stay in
    /// `evidence/<ID>/`: evidence is never deleted.
    pub fn remove_finding(&mut self, wanted: &str, who: &Auditor, now: Timestamp) -> Result<Saved> {
        let _lock = self.lock_for(&format!("finding rm {wanted}"))?;
        self.reload_records()?;
        let id = self.resolve_finding(wanted)?;
        let blocking = actions_addressing(&id, &self.actions);
        if !blocking.is_empty() {
            let list: Vec<String> = blocking
                .iter()
                .map(|action| format!("{} {}", action.id, quoted(&action.title)))
                .collect();
            return Err(Error::usage(
                format!(
                    "finding {id} is addressed by {} action(s): {}",
                    blocking.len(),
                    list.join(", ")
                ),
                format!(
                    "remove {id} from those actions first (`vmsaudit action edit ACTION --addresses ...`) or remove the actions (`vmsaudit action rm ACTION`)"
                ),
            ));
        }
        let title = self
            .finding(&id)
            .map(|finding| finding.title.clone())
            .unwrap_or_default();
        let relative = format!("{FINDINGS_DIR}/{id}.yaml");
        self.remove_record(&relative)?;
        let message = format!("{id}: finding removed ({})", quoted(&title));
        let saved = self.commit(&[relative], message, who, now)?;
        self.findings.retain(|finding| finding.id != id);
        Ok(saved)
    }

    /// Saves a new action: gives it an id and its author, writes `actions/<ID>.yaml` and
    /// commits. Returns the new id. A critical action without a deadline is due immediately.
    pub fn add_action(
        &mut self,
        mut action: Action,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<(String, Saved)> {
        let _lock = self.lock_for("action add")?;
        self.reload_records()?;
        let taken: BTreeSet<&str> = self.actions.iter().map(|a| a.id.as_str()).collect();
        action.id = new_id(
            ACTION_PREFIX,
            &self.root.join(ACTIONS_DIR),
            &taken,
            &mut self.id_seed,
        )?;
        action.created_by = who.clone();
        action.created_at = now;
        let problems = self.check_action(&action);
        if !problems.is_empty() {
            return Err(refuse("new action", problems));
        }
        let relative = format!("{ACTIONS_DIR}/{}.yaml", action.id);
        self.write_record(&relative, &action)?;
        let criticality = crate::assessment::action_criticality(&action, &self.findings);
        let due = crate::assessment::Due::of(&action, criticality.critical);
        let severity = match (criticality.critical, criticality.severity) {
            (true, _) => "critical".to_owned(),
            (false, severity) => or_none(severity),
        };
        let due = match due {
            crate::assessment::Due::Immediate => "due immediately".to_owned(),
            crate::assessment::Due::By(date) => format!("due {date}"),
            crate::assessment::Due::Unscheduled => "no deadline".to_owned(),
        };
        let message = format!(
            "{}: new action {} for {} ({severity}, {due})",
            action.id,
            quoted(&action.title),
            action.addresses.join(", "),
        );
        let saved = self.commit(&[relative], message, who, now)?;
        let id = action.id.clone();
        self.actions.push(action);
        self.actions.sort_by(|a, b| a.id.cmp(&b.id));
        Ok((id, saved))
    }

    /// Replaces the action with `action.id` by `action` (its author and creation time are
    /// kept) and commits what changed; nothing when nothing did.
    pub fn update_action(
        &mut self,
        mut action: Action,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Saved> {
        let _lock = self.lock_for(&format!("action edit {}", action.id))?;
        self.reload_records()?;
        let id = self.resolve_action(&action.id)?;
        let Some(previous) = self.action(&id).cloned() else {
            return Err(unknown("action", &id, None, "action"));
        };
        action.id = id.clone();
        action.created_by = previous.created_by.clone();
        action.created_at = previous.created_at;
        let problems = self.check_action(&action);
        if !problems.is_empty() {
            return Err(refuse(&format!("action {id}"), problems));
        }
        if action == previous {
            return Ok(Saved {
                message: format!("{id}: nothing to change"),
                commit: None,
            });
        }
        let changes = action_changes(&previous, &action);
        let message = if changes.is_empty() {
            format!("{id}: updated")
        } else {
            format!("{id}: {}", changes.join(", "))
        };
        let relative = format!("{ACTIONS_DIR}/{id}.yaml");
        self.write_record(&relative, &action)?;
        let saved = self.commit(&[relative], message, who, now)?;
        if let Some(slot) = self.actions.iter_mut().find(|known| known.id == id) {
            *slot = action;
        }
        Ok(saved)
    }

    pub fn remove_action(&mut self, wanted: &str, who: &Auditor, now: Timestamp) -> Result<Saved> {
        let _lock = self.lock_for(&format!("action rm {wanted}"))?;
        self.reload_records()?;
        let id = self.resolve_action(wanted)?;
        let title = self
            .action(&id)
            .map(|action| action.title.clone())
            .unwrap_or_default();
        let relative = format!("{ACTIONS_DIR}/{id}.yaml");
        self.remove_record(&relative)?;
        let message = format!("{id}: action removed ({})", quoted(&title));
        let saved = self.commit(&[relative], message, who, now)?;
        self.actions.retain(|action| action.id != id);
        Ok(saved)
    }
}

/// Exactly as written, else ignoring case.
fn resolve_exact_or_case<'a>(
    wanted: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let wanted = wanted.trim();
    known
        .clone()
        .find(|id| *id == wanted)
        .or_else(|| known.clone().find(|id| id.eq_ignore_ascii_case(wanted)))
}

/// The error for an id that names no record, with the closest one when there is one.
pub(super) fn unknown(what: &str, wanted: &str, near: Option<&str>, command: &str) -> Error {
    let listed = format!("`vmsaudit {command} list` shows them");
    let hint = match near {
        Some(near) => format!("did you mean {near}? {listed}"),
        None => format!("check the id; {listed}"),
    };
    Error::usage(format!("unknown {what} `{}`", one_line(wanted)), hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_crockford_base32_and_avoid_taken_ones() {
        let dir = tempfile::tempdir().unwrap();
        let taken = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for _ in 0..200 {
            let id = new_id("F-", dir.path(), &taken, &mut None).unwrap();
            assert_eq!(id.len(), 2 + ID_SUFFIX_LEN, "{id}");
            assert!(id.starts_with("F-"));
            assert!(
                id[2..].bytes().all(|b| ID_ALPHABET.contains(&b)),
                "{id} uses only Crockford's alphabet"
            );
            seen.insert(id);
        }
        assert!(seen.len() > 195, "random, not repeated: {}", seen.len());
        for id in &seen {
            crate::assessment::check_asset_id(id).unwrap();
        }
    }

    #[test]
    fn ids_resolve_ignoring_case_and_crockford_look_alikes() {
        let known = ["F-K3X9Q2", "F-10ABCD"];
        let find = |wanted: &str| resolve(wanted, known.iter().copied());
        assert_eq!(find("F-K3X9Q2"), Some("F-K3X9Q2"));
        assert_eq!(find("f-k3x9q2"), Some("F-K3X9Q2"));
        assert_eq!(find("F-lOABCD"), Some("F-10ABCD"));
        assert_eq!(find("F-K3X9Q3"), None);
        assert_eq!(suggest("F-K3X9Q3", known.iter().copied()), Some("F-K3X9Q2"));
        assert_eq!(suggest("nothing like it", known.iter().copied()), None);
    }

    #[test]
    fn field_problems_are_placed_at_their_line_and_column() {
        let text = "id: F-1\ntitle: ''\ndomain: UPD\ncontrols:\n- UPD-2\n";
        let problems = placed(
            "findings/F-1.yaml",
            text,
            vec![
                FieldProblem::new("title", "empty", "fill it"),
                FieldProblem::new("controls", "no control `UPD-2`", "fix it"),
                FieldProblem::new("severity", "missing", "add it"),
            ],
        );
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown[0], "findings/F-1.yaml:2:8: `title`: empty — fill it");
        assert!(shown[1].starts_with("findings/F-1.yaml:5:"), "{}", shown[1]);
        assert_eq!(shown[2], "findings/F-1.yaml: `severity`: missing — add it");

        let list = "- id: CAM-1\n  kind: camera\n- id: CAM-1\n  kind: nvr\n";
        let problems = placed(
            ASSETS_FILE,
            list,
            vec![FieldProblem::new("[1].id", "listed twice", "keep one")],
        );
        assert_eq!(
            problems[0].to_string(),
            "assets.yaml:3:7: `id`: listed twice — keep one"
        );
    }

    #[test]
    fn titles_in_commit_messages_are_one_short_line() {
        assert_eq!(quoted("Weak\npasswords"), "\"Weak passwords\"");
        let long = "x".repeat(100);
        assert_eq!(quoted(&long), format!("\"{}…\"", "x".repeat(72)));
    }
}
