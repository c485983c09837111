//! The rule book: every change a person can make to an engagement, as a value, and the one
//! pure function per kind that applies it to the engagement's [`State`].
//!
//! The command line and the checklist only build these values; `engagement::change` is the
//! one write path that locks, reloads, calls the rule, writes what it returns and commits it.
//! So each rule exists once: which source a new CVSS vector gets, when a status reason goes,
//! how evidence merges, what `na` needs, when an answer carried over is re-verified, the
//! default domain and recommendation of a new finding, and the words of every commit message.
//!
//! Applying a change is two pure steps, because evidence files are copied in between (the
//! only I/O a rule depends on): [`prepare`] checks everything against the state and refuses
//! with every problem; [`Prepared::finish`] merges the evidence references the copy gave and
//! words the commit message. Nothing here reads or writes a file.

mod action;
mod answer;
mod asset;
mod finding;
mod inventory;
mod regrid;
pub mod resolve;
mod round;
mod scan;
mod scope;

use std::fmt::Display;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;

pub use action::ActionPatch;
pub use action::check as check_action;
pub use answer::{AnswerChange, outside_scale};
pub use asset::{AssetChange, AssetPatch};
pub use finding::{FindingPatch, check as check_finding, default_recommendation, finding_summary};
pub use inventory::{CSV_COLUMNS, read_csv};
pub use regrid::{Moved, regrid};
pub use resolve::suggest;
pub use round::{NewGrid, RoundStart};
pub use scan::{SCAN_EVIDENCE_OWNER, ScanDecision, ScanFact, ScanImport};
pub use scope::ScopePatch;

use crate::assessment::{
    Action, Answer, Assets, Auditor, EvidenceRef, FieldProblem, Finding, SCANS_DIR, ScanRecord,
    Score, Upsert,
};
use crate::error::{Error, Fix, Refusal, Result, Subject, Wrong};
use crate::field::Field;
use crate::grid::Grid;
use crate::messages::Unchanged;
use crate::model::{Meta, State};
use crate::text::one_line;

pub const FINDINGS_DIR: &str = "findings";
pub const ACTIONS_DIR: &str = "actions";
pub const ANSWERS_DIR: &str = "answers";
pub const ASSETS_FILE: &str = "assets.yaml";
pub const ENGAGEMENT_FILE: &str = "engagement.yaml";
pub const GRID_FILE: &str = "grid.yaml";
pub const FINDING_PREFIX: &str = "F-";
pub const ACTION_PREFIX: &str = "A-";

/// Files to attach to a record, each with an optional note.
pub type NewEvidence = Vec<(PathBuf, Option<String>)>;

/// Every change a person can make to the engagement's records.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A control's level, observations or evidence.
    Answer(AnswerChange),
    NewFinding(FindingPatch),
    EditFinding(String, FindingPatch),
    RemoveFinding(String),
    NewAction(ActionPatch),
    EditAction(String, ActionPatch),
    RemoveAction(String),
    Asset(AssetChange),
    /// A domain's score set by the auditor (with the justification), or removed.
    Override {
        domain: String,
        value: Option<(Score, String)>,
    },
    /// The audit's scope: components included, exclusions, contractual limits.
    Scope(ScopePatch),
    /// What the auditor decided on facts the scans put to a control.
    ScanDecision(ScanDecision),
    /// A scan kept: its hosts into the inventory, its XML as evidence, its record.
    ScanImport(Box<ScanImport>),
    /// A new audit round, on the engagement's grid or a newer version of it.
    StartRound(Box<RoundStart>),
}

impl Change {
    /// What the change is, for the lock's holder message (`finding edit F-K3X9Q2`).
    pub fn purpose(&self) -> String {
        let shown = |id: &str| one_line(id);
        match self {
            Change::Answer(change) => format!("answer {}", shown(&change.control)),
            Change::NewFinding(_) => "finding add".to_owned(),
            Change::EditFinding(id, _) => format!("finding edit {}", shown(id)),
            Change::RemoveFinding(id) => format!("finding rm {}", shown(id)),
            Change::NewAction(_) => "action add".to_owned(),
            Change::EditAction(id, _) => format!("action edit {}", shown(id)),
            Change::RemoveAction(id) => format!("action rm {}", shown(id)),
            Change::Asset(change) => change.purpose(),
            Change::Override { domain, .. } => format!("override {}", shown(domain)),
            Change::Scope(_) => "scope".to_owned(),
            Change::ScanDecision(decision) => format!(
                "scan {} {}",
                match decision.decision {
                    crate::assessment::Decision::Accepted => "accept",
                    crate::assessment::Decision::Dismissed => "dismiss",
                },
                shown(&decision.control)
            ),
            Change::ScanImport(import) => format!("scan import {}", shown(&import.record.file)),
            Change::StartRound(start) => format!("audit start {}", shown(&start.label)),
        }
    }

    /// The files to attach, which the write path checks before taking the lock.
    pub fn evidence(&self) -> &[(PathBuf, Option<String>)] {
        match self {
            Change::Answer(change) => &change.evidence,
            Change::NewFinding(patch) | Change::EditFinding(_, patch) => &patch.evidence,
            Change::ScanImport(import) => &import.xml,
            _ => &[],
        }
    }

    /// The prefix of the id a new record needs (drawn by the write path, which can see the
    /// files of other writers), if the change creates one.
    pub fn new_id_prefix(&self) -> Option<&'static str> {
        match self {
            Change::NewFinding(_) => Some(FINDING_PREFIX),
            Change::NewAction(_) => Some(ACTION_PREFIX),
            _ => None,
        }
    }
}

/// Who makes a change, when, and the id a new record gets.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub who: &'a Auditor,
    pub now: Timestamp,
    pub new_id: Option<String>,
}

/// What a change does to the state, once accepted: the record to put or remove.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Answer(Box<Answer>),
    Finding(Box<Finding>),
    RemoveFinding(String),
    Action(Box<Action>),
    RemoveAction(String),
    Assets(Assets),
    Meta(Box<Meta>),
    Scan(Box<ScanRecord>),
    /// An answer whose control a newer grid removed: its file goes (it stays in history).
    RemoveAnswer(String),
    /// An evidence file no record lists any more, detached by [`detach`]: it leaves the
    /// working copy (git history, and the tags of closed rounds, keep it).
    RemoveEvidence(String),
    /// The engagement's grid, as text (kept verbatim) and parsed.
    Grid(Box<(String, Arc<Grid>)>),
}

impl Edit {
    /// The file this edit writes (or removes), relative to the engagement's root.
    pub fn path(&self) -> String {
        match self {
            Edit::Answer(answer) => format!("{ANSWERS_DIR}/{}.yaml", answer.control),
            Edit::Finding(finding) => format!("{FINDINGS_DIR}/{}.yaml", finding.id),
            Edit::RemoveFinding(id) => format!("{FINDINGS_DIR}/{id}.yaml"),
            Edit::Action(action) => format!("{ACTIONS_DIR}/{}.yaml", action.id),
            Edit::RemoveAction(id) => format!("{ACTIONS_DIR}/{id}.yaml"),
            Edit::Assets(_) => ASSETS_FILE.to_owned(),
            Edit::Meta(_) => ENGAGEMENT_FILE.to_owned(),
            Edit::Scan(record) => format!("{SCANS_DIR}/{}.yaml", record.id),
            Edit::RemoveAnswer(control) => format!("{ANSWERS_DIR}/{control}.yaml"),
            Edit::RemoveEvidence(path) => path.clone(),
            Edit::Grid(_) => GRID_FILE.to_owned(),
        }
    }

    /// The file's new text, or `None` when the edit removes it.
    pub fn text(&self) -> Result<Option<String>> {
        match self {
            Edit::Answer(answer) => to_yaml(answer.as_ref()).map(Some),
            Edit::Finding(finding) => to_yaml(finding.as_ref()).map(Some),
            Edit::Action(action) => to_yaml(action.as_ref()).map(Some),
            Edit::Assets(assets) => to_yaml(assets).map(Some),
            Edit::Meta(meta) => to_yaml(meta.as_ref()).map(Some),
            Edit::Scan(record) => to_yaml(record.as_ref()).map(Some),
            Edit::Grid(grid) => Ok(Some(grid.0.clone())),
            Edit::RemoveFinding(_)
            | Edit::RemoveAction(_)
            | Edit::RemoveAnswer(_)
            | Edit::RemoveEvidence(_) => Ok(None),
        }
    }

    /// The state after this edit.
    pub fn apply_to(self, state: &mut State) {
        match self {
            Edit::Answer(answer) => state.put_answer(*answer),
            Edit::Finding(finding) => put_by_id(&mut state.findings, *finding, |f| &f.id),
            Edit::RemoveFinding(id) => state.findings.retain(|finding| finding.id != id),
            Edit::Action(action) => put_by_id(&mut state.actions, *action, |a| &a.id),
            Edit::RemoveAction(id) => state.actions.retain(|action| action.id != id),
            Edit::Assets(assets) => state.assets = assets,
            Edit::Meta(meta) => state.meta = *meta,
            Edit::Scan(record) => put_by_id(&mut state.scans, *record, |r| &r.id),
            Edit::RemoveAnswer(control) => {
                state.answers.remove(&control);
                state.stranded.remove(&control);
            }
            Edit::Grid(grid) => {
                state.grid = grid.1;
                state.sort_answers();
            }
            // No record: the reference went with the record's own edit.
            Edit::RemoveEvidence(_) => {}
        }
    }

    /// Whether the file may already be gone from the working copy without the edit failing:
    /// evidence found missing is detached all the same.
    pub fn may_be_gone(&self) -> bool {
        matches!(self, Edit::RemoveEvidence(_))
    }
}

/// Puts `record` in `records` (kept in id order) in place of the one with its id.
fn put_by_id<T>(records: &mut Vec<T>, record: T, id: impl Fn(&T) -> &String) {
    match records.binary_search_by(|known| id(known).cmp(id(&record))) {
        Ok(index) => records[index] = record,
        Err(index) => records.insert(index, record),
    }
}

/// A change checked against the state, waiting for the evidence it attaches.
#[derive(Debug)]
pub struct Prepared {
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// Nothing to do: said so, nothing is written.
    Nothing(Unchanged),
    Answer(Box<answer::Prepared>),
    Finding(Box<finding::Prepared>),
    Scan(Box<scan::Decided>),
    ScanImport(Box<scan::Imported>),
    /// An edit whose message is known already (no evidence to merge).
    Done(Applied),
}

/// An accepted change: what to write, and the commit's message.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub edit: Edit,
    /// Other records the change writes in the same commit (the scans' records a decision
    /// on their facts is kept in).
    pub more: Vec<Edit>,
    pub message: String,
    /// The id of the record the change created, if any.
    pub created: Option<String>,
    /// What an asset change did to the inventory.
    pub upsert: Option<Upsert>,
    /// Rows of an import that changed nothing.
    pub unchanged: usize,
    /// The evidence references the change took off its record, and what became of each file.
    pub detached: Vec<Detached>,
}

impl Applied {
    fn new(edit: Edit, message: String) -> Applied {
        Applied {
            edit,
            more: Vec::new(),
            message,
            created: None,
            upsert: None,
            unchanged: 0,
            detached: Vec::new(),
        }
    }

    fn created(self, created: Option<String>) -> Applied {
        Applied { created, ..self }
    }

    fn upsert(self, upsert: Option<Upsert>) -> Applied {
        Applied { upsert, ..self }
    }

    /// Each file the change writes, relative to the engagement's root, with its new text
    /// (`None`: removed). Refused when a record would be larger than any read of it accepts
    /// ([`crate::files::MAX_RECORD_BYTES`]): such a save would lock every later command out
    /// of the engagement, the checklist included.
    pub fn texts(&self) -> Result<Vec<(String, Option<String>)>> {
        std::iter::once(&self.edit)
            .chain(&self.more)
            .map(|edit| {
                let text = edit.text()?;
                let path = edit.path();
                let bytes = text.as_ref().map_or(0, |text| text.len() as u64);
                // The grid is read with its own, larger bound, and is written as it was read.
                if bytes > crate::files::MAX_RECORD_BYTES && !matches!(edit, Edit::Grid(_)) {
                    return Err(Error::from(crate::error::FileFlaw::WouldBeTooBig {
                        inventory: path == ASSETS_FILE,
                        file: path,
                        bytes,
                        max: crate::files::MAX_RECORD_BYTES / (1024 * 1024),
                    }));
                }
                Ok((path, text))
            })
            .collect()
    }
}

/// What finishing a change gives: a change to write, or why there is nothing to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Write(Applied),
    Nothing(Unchanged),
}

impl Prepared {
    /// Where the change's evidence files go: `evidence/<owner>/`.
    pub fn evidence_owner(&self) -> Option<&str> {
        match &self.kind {
            Kind::Answer(prepared) => Some(prepared.control()),
            Kind::Finding(prepared) => Some(prepared.id()),
            Kind::Scan(decided) => decided.evidence_owner(),
            Kind::ScanImport(_) => Some(SCAN_EVIDENCE_OWNER),
            Kind::Nothing(_) | Kind::Done(_) => None,
        }
    }

    /// Merges the references of the evidence files the write path copied, and words the
    /// commit; nothing to write when the change changes nothing. Refused when a copy is not the
    /// file that was checked (a scan's XML rewritten while it was imported).
    pub fn finish(self, evidence: Vec<EvidenceRef>) -> Result<Outcome> {
        Ok(match self.kind {
            Kind::Nothing(message) => Outcome::Nothing(message),
            Kind::Answer(prepared) => prepared.finish(evidence),
            Kind::Finding(prepared) => prepared.finish(evidence),
            Kind::Scan(decided) => decided.finish(evidence)?,
            Kind::ScanImport(imported) => imported.finish(evidence)?,
            Kind::Done(applied) => Outcome::Write(applied),
        })
    }

    /// Refuses, before any evidence is copied, a change whose records would be too large
    /// ([`Applied::texts`]): the records as the change makes them, with `stand_ins` for the
    /// references of the evidence still to copy (their paths and hashes as long as the real
    /// ones, or longer; the write path checks the real ones again).
    pub fn check_size(self, stand_ins: Vec<EvidenceRef>) -> Result<()> {
        // A scan's import finishes only with its XML's copy: the reference it expects
        // stands in for it.
        let stand_in = match &self.kind {
            Kind::ScanImport(imported) => vec![imported.expected_evidence()],
            _ => stand_ins,
        };
        match self.finish(stand_in)? {
            Outcome::Write(applied) => applied.texts().map(drop),
            Outcome::Nothing(_) => Ok(()),
        }
    }
}

/// Checks `change` against `state` and everything it names: every problem in one refusal.
pub fn prepare(state: &State, change: Change, context: &Context) -> Result<Prepared> {
    let kind = match change {
        Change::Answer(change) => answer::prepare(state, change, context)?,
        Change::NewFinding(patch) => finding::prepare_new(state, patch, context)?,
        Change::EditFinding(id, patch) => finding::prepare_edit(state, &id, patch, context)?,
        Change::RemoveFinding(id) => finding::prepare_remove(state, &id)?,
        Change::NewAction(patch) => action::prepare_new(state, patch, context)?,
        Change::EditAction(id, patch) => action::prepare_edit(state, &id, patch)?,
        Change::RemoveAction(id) => action::prepare_remove(state, &id)?,
        Change::Asset(change) => asset::prepare(state, change)?,
        Change::Override { domain, value } => {
            asset::prepare_override(state, &domain, value, context)?
        }
        Change::Scope(patch) => scope::prepare(state, patch)?,
        Change::ScanDecision(decision) => scan::prepare(state, decision, context)?,
        Change::ScanImport(import) => scan::prepare_import(state, *import)?,
        Change::StartRound(start) => round::prepare(state, *start)?,
    };
    Ok(Prepared { kind })
}

/// Checks `change` as [`prepare`] does and, when there is no evidence to copy, finishes it:
/// what a form shows while it is typed, and what tests compare.
pub fn apply(state: &State, change: Change, context: &Context) -> Result<Outcome> {
    prepare(state, change, context)?.finish(Vec::new())
}

/// Adds `added` to `evidence`: a file already referenced is replaced only when its content
/// changed or a new note is given (without one, the old note stays). Returns the paths of the
/// references added or changed, for the commit.
pub fn merge_evidence(evidence: &mut Vec<EvidenceRef>, added: Vec<EvidenceRef>) -> Vec<String> {
    let mut changed = Vec::new();
    for reference in added {
        match evidence
            .iter_mut()
            .find(|known| known.path == reference.path)
        {
            Some(known)
                if known.sha256 == reference.sha256
                    && (reference.note.is_none() || known.note == reference.note) => {}
            Some(known) => {
                let note = reference.note.clone().or_else(|| known.note.clone());
                changed.push(reference.path.clone());
                *known = EvidenceRef { note, ..reference };
            }
            None => {
                changed.push(reference.path.clone());
                evidence.push(reference);
            }
        }
    }
    changed
}

/// A record that holds evidence, as [`detach`] names it.
#[derive(Debug, Clone, Copy)]
enum Holder<'a> {
    Answer(&'a str),
    Finding(&'a str),
}

/// An evidence reference taken off a record, and what became of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detached {
    /// As the record listed it, relative to the engagement's root.
    pub path: String,
    pub file: DetachedFile,
}

/// What detaching a reference does to its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetachedFile {
    /// No other record lists it: removed from the working copy in the same commit (git
    /// history and the closed rounds' tags keep it).
    Removed,
    /// Another record (an answer, a finding, a scan) still lists it: only the reference goes.
    KeptListed,
    /// Not in `evidence/`: a file of the auditor's, attached where it lies, or attached again
    /// by the same change; only the reference goes.
    KeptOutside,
}

/// Takes the references `paths` (as the record lists them) off `evidence`, the evidence of
/// `holder`, and says what becomes of each file: a path the record does not list is refused,
/// naming the ones it does. The one rule for the command line and the checklist alike.
fn detach(
    state: &State,
    holder: Holder<'_>,
    evidence: &mut Vec<EvidenceRef>,
    paths: &[String],
    field: Field,
    subject: Subject,
) -> Result<Vec<Detached>> {
    let mut wanted: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for given in paths {
        let path = given.trim().trim_start_matches("./");
        if evidence.iter().any(|known| known.path == path) {
            if !wanted.iter().any(|known| known == path) {
                wanted.push(path.to_owned());
            }
        } else {
            problems.push(FieldProblem::new(
                field,
                Wrong::EvidenceNotListed {
                    given: given.clone(),
                    listed: evidence.iter().map(|known| known.path.clone()).collect(),
                },
                Fix::GiveListedPath,
            ));
        }
    }
    if !problems.is_empty() {
        return Err(refuse(subject, problems));
    }
    evidence.retain(|known| !wanted.contains(&known.path));
    Ok(wanted
        .into_iter()
        .map(|path| {
            let file = if listed_elsewhere(state, holder, &path) {
                DetachedFile::KeptListed
            } else if path.starts_with(EVIDENCE_DIR_PREFIX) {
                DetachedFile::Removed
            } else {
                DetachedFile::KeptOutside
            };
            Detached { path, file }
        })
        .collect())
}

/// Where the write path copies evidence: only files there are vmsaudit's to remove.
const EVIDENCE_DIR_PREFIX: &str = "evidence/";

/// Whether a record other than `holder` lists the evidence file `path`.
fn listed_elsewhere(state: &State, holder: Holder<'_>, path: &str) -> bool {
    let lists = |evidence: &[EvidenceRef]| evidence.iter().any(|known| known.path == path);
    // A stranded answer (its level off the scale, kept until mended) lists its files too.
    let answers = state
        .answers
        .values()
        .chain(state.stranded.values())
        .filter(|answer| !matches!(holder, Holder::Answer(control) if control == answer.control))
        .any(|answer| lists(&answer.evidence));
    let findings = state
        .findings
        .iter()
        .filter(|finding| !matches!(holder, Holder::Finding(id) if id == finding.id))
        .any(|finding| lists(&finding.evidence));
    answers || findings || state.scans.iter().any(|scan| scan.evidence.path == path)
}

/// The files of `detached` to remove, once the change's own evidence is merged into
/// `evidence`: a file the same change attached again stays.
fn detached_files(detached: &mut [Detached], evidence: &[EvidenceRef]) -> Vec<Edit> {
    detached
        .iter_mut()
        .filter(|gone| gone.file == DetachedFile::Removed)
        .filter_map(|gone| {
            if evidence.iter().any(|known| known.path == gone.path) {
                gone.file = DetachedFile::KeptOutside;
                None
            } else {
                Some(Edit::RemoveEvidence(gone.path.clone()))
            }
        })
        .collect()
}

/// `evidence x.png detached (file removed, git history keeps it)` for each reference.
fn evidence_detached(detached: &[Detached]) -> impl Iterator<Item = String> + '_ {
    detached.iter().map(|gone| {
        let name = gone.path.rsplit('/').next().unwrap_or(&gone.path);
        let file = match gone.file {
            DetachedFile::Removed => "file removed, git history keeps it",
            DetachedFile::KeptListed => "file kept, another record lists it",
            DetachedFile::KeptOutside => "file kept",
        };
        format!("evidence {name} detached ({file})")
    })
}

/// A record that fails its checks, refused before anything is written: each problem names
/// the record (`finding F-K3X9Q2`, `new action`) and the field.
pub fn refuse(subject: Subject, problems: Vec<FieldProblem>) -> Error {
    Error::Refused(Refusal { subject, problems })
}

pub fn to_yaml<T: serde::Serialize>(record: &T) -> Result<String> {
    crate::yaml::to_string(record).map_err(|error| Error::bug(error.to_string()))
}

/// `"Title"` for a commit message: one line, at most 72 characters.
pub fn quoted(title: &str) -> String {
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

/// `evidence x.png added` for each path.
fn evidence_added(paths: &[String]) -> impl Iterator<Item = String> + '_ {
    paths.iter().map(|path| {
        let name = path.rsplit('/').next().unwrap_or(path);
        format!("evidence {name} added")
    })
}

/// The value of `result`, or its error kept as a problem of `field`: every id a change names
/// is resolved before the change is refused, so that each bad one is reported.
fn field_of<T>(
    field: impl Into<Field>,
    result: Result<T>,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(Error::Said { wrong, fix }) => {
            problems.push(FieldProblem::new(field, wrong, fix));
            None
        }
        Err(other) => {
            let wrong = Wrong::Other(other.to_string());
            problems.push(FieldProblem::new(field, wrong, Fix::Nothing));
            None
        }
    }
}

/// Each id of a list a change gives, resolved; each one that resolves to nothing kept as a
/// problem of `field` (see [`field_of`]).
fn each_of<F: Into<Field> + Copy>(
    field: F,
    ids: Option<&Vec<String>>,
    resolve: impl Fn(&str) -> Result<String>,
    problems: &mut Vec<FieldProblem>,
) -> Option<Vec<String>> {
    ids.map(|ids| {
        ids.iter()
            .filter_map(|id| field_of(field, resolve(id), problems))
            .collect()
    })
}

/// `problems` of a record whose `id` may still be empty: a new record gets its id when it is
/// saved, so an empty one is not a problem.
fn unless_new(problems: Vec<FieldProblem>, id: &str) -> Vec<FieldProblem> {
    problems
        .into_iter()
        .filter(|problem| !(problem.field.key() == "id" && id.is_empty()))
        .collect()
}

/// A patch's field: what was given replaces the record's, nothing given keeps it.
fn given<T>(slot: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *slot = value;
    }
}

/// An edit's commit message: the record's id and what changed, or `updated` when what
/// changed is not named (the order of a list, spaces).
fn edit_message(id: &str, changes: &[String]) -> String {
    if changes.is_empty() {
        format!("{id}: updated")
    } else {
        format!("{id}: {}", changes.join(", "))
    }
}

/// A removal and its commit message, which names the record by its `title`.
fn removal(id: String, what: &str, title: Option<&str>, edit: fn(String) -> Edit) -> Kind {
    let message = format!(
        "{id}: {what} removed ({})",
        quoted(title.unwrap_or_default())
    );
    Kind::Done(Applied::new(edit(id), message))
}

/// What a status change says in a commit message: the new status, else that the reason
/// changed.
fn status_change<S: PartialEq + Display>(
    (old, old_reason): (S, &Option<String>),
    (new, new_reason): (S, &Option<String>),
) -> Option<String> {
    if old != new {
        Some(format!("status {new} (was {old})"))
    } else {
        (old_reason != new_reason).then(|| "status reason updated".to_owned())
    }
}

/// Sets a record's status and its reason: a new status drops the reason of the old one,
/// unless a reason comes with it; an empty reason removes it.
fn set_status<S: Copy + PartialEq>(
    status: &mut S,
    reason: &mut Option<String>,
    new_status: Option<S>,
    new_reason: Option<Option<String>>,
) {
    if let Some(new) = new_status {
        if new != *status && new_reason.is_none() {
            *reason = None;
        }
        *status = new;
    }
    if let Some(new) = new_reason {
        *reason = non_empty(new);
    }
}

/// A text that says nothing counts as absent: an empty `--reason ""` clears the reason.
fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|text| !text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(path: &str, sha: &str, note: Option<&str>) -> EvidenceRef {
        EvidenceRef {
            path: path.into(),
            sha256: sha.into(),
            note: note.map(str::to_owned),
        }
    }

    #[test]
    fn detaching_removes_a_file_only_when_no_other_record_lists_it_and_it_lies_in_evidence() {
        use crate::assessment::Level;
        let grid = crate::grid::builtin::grid().unwrap();
        let mut state = crate::model::test_state(
            grid,
            &[("ACC-01", Level::Score(2)), ("ACC-02", Level::Score(1))],
        );
        let (own, scanned, in_place) = (
            reference("evidence/ACC-01/users.png", "11", None),
            reference("evidence/scans/lan.xml", "22", None),
            reference("notes/roles.txt", "33", None),
        );
        let answer = state.answers.get_mut("ACC-01").unwrap();
        answer.evidence = vec![own.clone(), scanned.clone(), in_place.clone()];
        let who: Auditor = "A <a@example.org>".parse().unwrap();
        state.scans.push(ScanRecord {
            id: "S-22".into(),
            file: "lan.xml".into(),
            evidence: scanned.clone(),
            nmap: "7.94".into(),
            args: "nmap -oX".into(),
            started: None,
            hosts: 0,
            controls: Vec::new(),
            imported_by: who.clone(),
            imported_at: "2026-02-03T10:00:00Z".parse().unwrap(),
            decisions: Vec::new(),
        });
        let context = Context {
            who: &who,
            now: "2026-02-03T10:00:00Z".parse().unwrap(),
            new_id: None,
        };
        let drop = |paths: &[&str]| {
            Change::Answer(AnswerChange {
                control: "ACC-01".into(),
                drop_evidence: paths.iter().map(|path| path.to_string()).collect(),
                ..AnswerChange::default()
            })
        };
        let all = [own.path.as_str(), &scanned.path, &in_place.path];
        let Outcome::Write(applied) = apply(&state, drop(&all), &context).unwrap() else {
            panic!("written")
        };
        let fates: Vec<DetachedFile> = applied.detached.iter().map(|gone| gone.file).collect();
        assert_eq!(
            fates,
            [
                DetachedFile::Removed,
                DetachedFile::KeptListed,
                DetachedFile::KeptOutside
            ]
        );
        assert_eq!(applied.more, [Edit::RemoveEvidence(own.path.clone())]);
        assert!(applied.message.starts_with(
            "ACC-01: evidence users.png detached (file removed, git history keeps it), \
             evidence lan.xml detached (file kept, another record lists it)"
        ));

        // The same file attached again by the change that detaches it stays.
        let prepared = prepare(&state, drop(&[&own.path]), &context).unwrap();
        let Outcome::Write(applied) = prepared.finish(vec![own.clone()]).unwrap() else {
            panic!("written")
        };
        assert!(applied.more.is_empty());
        assert_eq!(applied.detached[0].file, DetachedFile::KeptOutside);

        // A path not listed: refused, naming those listed.
        let refused = apply(&state, drop(&["users.png"]), &context).unwrap_err();
        let Error::Refused(refusal) = refused else {
            panic!("refused: {refused:?}")
        };
        assert!(matches!(
            &refusal.problems[0].wrong,
            Wrong::EvidenceNotListed { listed, .. } if listed.len() == 3
        ));
    }

    #[test]
    fn evidence_merges_by_path_keeping_a_note_unless_a_new_one_is_given() {
        let mut evidence = vec![reference("evidence/X/a.png", "11", Some("first"))];
        // The same file again, without a note: nothing changes, the note stays.
        let changed = merge_evidence(
            &mut evidence,
            vec![reference("evidence/X/a.png", "11", None)],
        );
        assert!(changed.is_empty());
        assert_eq!(evidence[0].note.as_deref(), Some("first"));
        // New content under the same path: replaced, the note kept.
        let changed = merge_evidence(
            &mut evidence,
            vec![reference("evidence/X/a.png", "22", None)],
        );
        assert_eq!(changed, ["evidence/X/a.png"]);
        assert_eq!(evidence[0].sha256, "22");
        assert_eq!(evidence[0].note.as_deref(), Some("first"));
        // A new note: replaced.
        let changed = merge_evidence(
            &mut evidence,
            vec![reference("evidence/X/a.png", "22", Some("second"))],
        );
        assert_eq!(changed, ["evidence/X/a.png"]);
        assert_eq!(evidence[0].note.as_deref(), Some("second"));
        // Another file: added after.
        let changed = merge_evidence(
            &mut evidence,
            vec![reference("evidence/X/b.txt", "33", None)],
        );
        assert_eq!(changed, ["evidence/X/b.txt"]);
        assert_eq!(evidence.len(), 2);
    }

    #[test]
    fn a_record_over_the_read_limit_is_refused_counting_the_evidence_it_will_reference() {
        use crate::assessment::Level;
        let grid = crate::grid::builtin::grid().unwrap();
        let state = crate::model::test_state(grid, &[("ACC-01", Level::Score(2))]);
        let who: Auditor = "B <b@example.org>".parse().unwrap();
        let context = Context {
            who: &who,
            now: "2026-01-03T00:00:00Z".parse().unwrap(),
            new_id: None,
        };
        let change = |length: usize| {
            Change::Answer(AnswerChange {
                control: "ACC-01".into(),
                observations: Some("x".repeat(length)),
                ..AnswerChange::default()
            })
        };
        let size = |length: usize| match apply(&state, change(length), &context).unwrap() {
            Outcome::Write(applied) => applied.texts().unwrap()[0].1.as_ref().unwrap().len(),
            Outcome::Nothing(_) => panic!("nothing written"),
        };
        let overhead = size(1000) - 1000;
        let limit = usize::try_from(crate::files::MAX_RECORD_BYTES).unwrap();
        // Ten bytes under the limit alone; over it with the reference of a file to attach.
        let length = limit - overhead - 10;
        assert_eq!(size(length), limit - 10);
        let prepared = || prepare(&state, change(length), &context).unwrap();
        prepared().check_size(Vec::new()).unwrap();
        let evidence = EvidenceRef {
            path: "evidence/ACC-01/capture.log-999".into(),
            sha256: "0".repeat(64),
            note: None,
        };
        let refused = prepared().check_size(vec![evidence]).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("answers/ACC-01.yaml would be 4,194,"),
            "{refused}"
        );
        // One byte over, without evidence: refused the same way.
        assert!(
            prepare(&state, change(length + 11), &context)
                .unwrap()
                .check_size(Vec::new())
                .is_err()
        );
    }

    #[test]
    fn titles_in_commit_messages_are_one_short_line() {
        assert_eq!(quoted("Weak\npasswords"), "\"Weak passwords\"");
        let long = "x".repeat(100);
        assert_eq!(quoted(&long), format!("\"{}…\"", "x".repeat(72)));
    }
}
