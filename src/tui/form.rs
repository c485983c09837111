//! The editor of a finding, an action or an asset: a list of fields, each edited in place,
//! checked as it is typed.
//!
//! A form holds text; [`Form::build`] turns it into the rule book's change: for a new record
//! every field, for an edit only the fields changed since the form opened, exactly as the
//! command line gives only the options typed. The rule book then checks and applies it as it
//! does for `vmsaudit finding edit`, so the two front ends cannot disagree. Problems are shown
//! beside their field while typing.

use std::collections::BTreeMap;
use std::str::FromStr;

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::ctx::Ctx;
use super::strings::field_label;
use super::theme::Theme;
use super::widgets::{block, popup};
use crate::assessment::{
    Action, ActionStatus, Amount, Asset, AssetKind, Auditor, Complexity, CveId, CvssVector,
    Finding, FindingStatus, Owner, Severity, VectorSource,
};
use crate::error::{Error, FieldProblem, Fix, Wrong};
use crate::field::{self as fields, ActionField, AssetField, FindingField, ScopeField};
use crate::grid::Lang;
use crate::model::State;
use crate::report::labels;
use crate::rules::{
    self, ActionPatch, AssetChange, AssetPatch, Change, Context, FindingPatch, ScopePatch,
};
use crate::text::one_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Several lines (Markdown), edited in a text area.
    Text,
    /// One value of a closed list.
    Choice(&'static [&'static str]),
    /// One value of a closed list, or none (shown as `-`).
    Optional(&'static [&'static str]),
    /// A comma-separated list of ids.
    List,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The record's field the row edits (it equals its key in the YAML file: `"title"`).
    pub key: fields::Field,
    pub kind: FieldKind,
    pub value: String,
    /// The value when the form opened: an edit changes only the fields that differ.
    initial: String,
    /// What is wrong with the value, shown beside it.
    pub problem: Option<String>,
    /// What the value means once parsed (the CVSS score), shown beside it.
    pub note: Option<String>,
}

impl Field {
    fn new(key: impl Into<fields::Field>, kind: FieldKind, value: impl Into<String>) -> Self {
        let value = value.into();
        Field {
            key: key.into(),
            kind,
            initial: value.clone(),
            value,
            problem: None,
            note: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A new finding, or the one with this id.
    Finding(Option<String>),
    Action(Option<String>),
    /// A new asset, or the one with this id (whose id cannot change).
    Asset(Option<String>),
    /// The engagement's details and the audit's scope.
    Details,
}

pub enum Editing {
    Line(String),
    Text(Box<TextArea<'static>>),
}

pub struct Form {
    pub record: Record,
    pub fields: Vec<Field>,
    pub selected: usize,
    pub editing: Option<Editing>,
    /// Changed since it was opened.
    pub dirty: bool,
    /// The draft's text as last kept, so that a tick writes only what changed.
    kept: Option<String>,
}

/// A form's typed fields as its draft keeps them: the record it is for and the values.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FormDraft {
    /// `finding`, `action`, `asset` or `details`.
    pub record: String,
    /// The record edited; none for a new one.
    #[serde(default)]
    pub id: Option<String>,
    /// By field key: every field of a new record (its prefilled values are part of what the
    /// auditor saw), only the changed ones of an edit (a co-auditor's change to another field
    /// is not undone).
    pub fields: BTreeMap<String, String>,
}

/// What a tick does with a form's draft.
#[derive(Debug, PartialEq, Eq)]
pub enum DraftNow {
    /// Nothing changed since it was last kept.
    Same,
    Keep(String),
    /// Everything typed was taken back: the draft kept says what is no longer there.
    Discard,
}

/// A record a field can name (an asset, a control, a finding), with what tells it apart
/// (a model and address, a title): what the picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub id: String,
    pub hint: String,
}

/// What the picker offers for a word typed in a field that names records.
#[derive(Debug, PartialEq, Eq)]
pub enum Suggestion<'a> {
    /// The records whose id starts with the word, or else whose hint holds it (a model, an
    /// address, a word of a title), in their order.
    Matches(Vec<&'a Known>),
    /// No record matches: the one whose id is closest, for a "did you mean".
    Near(&'a Known),
    None,
}

/// The records `word` may name: ids that start with it (any case), or else hints that
/// hold it.
pub fn suggest<'a>(known: &'a [Known], word: &str) -> Suggestion<'a> {
    let word = word.trim();
    if word.is_empty() {
        return Suggestion::None;
    }
    let lower = word.to_lowercase();
    let by_id: Vec<&Known> = known
        .iter()
        .filter(|k| k.id.to_lowercase().starts_with(&lower))
        .collect();
    if !by_id.is_empty() {
        return Suggestion::Matches(by_id);
    }
    let by_hint: Vec<&Known> = known
        .iter()
        .filter(|k| k.hint.to_lowercase().contains(&lower))
        .collect();
    if !by_hint.is_empty() {
        return Suggestion::Matches(by_hint);
    }
    // The closest id by the rule the CLI's "did you mean" hints follow, so that both front
    // ends suggest the same record for the same mistyped word.
    crate::grid::suggest(word, known.iter().map(|k| k.id.as_str()))
        .and_then(|id| known.iter().find(|k| k.id == id))
        .map_or(Suggestion::None, Suggestion::Near)
}

/// Where the word being typed starts in `line`: after the last separator of a list.
fn word_start(line: &str, list: bool) -> usize {
    if list {
        line.rfind([',', ' ']).map_or(0, |at| at + 1)
    } else {
        0
    }
}

/// What a key did to the form.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    Save,
    Close,
    /// Esc on a form with changes: the caller says how to save or discard.
    CloseRefused,
}

const YES_NO: &[&str] = &["no", "yes"];

fn join<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn split(value: &str) -> Vec<String> {
    value
        .split([',', ' '])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl Form {
    /// A finding: `existing` to edit, else a new one with the values of `prefill`.
    pub fn finding(existing: Option<&Finding>, prefill: &Finding) -> Form {
        let f = existing.unwrap_or(prefill);
        let fields = vec![
            Field::new(FindingField::Title, FieldKind::Line, f.title.clone()),
            Field::new(FindingField::Domain, FieldKind::Line, f.domain.clone()),
            Field::new(FindingField::Controls, FieldKind::List, join(&f.controls)),
            Field::new(
                FindingField::Description,
                FieldKind::Text,
                f.description.clone(),
            ),
            Field::new(FindingField::Cves, FieldKind::List, join(&f.cves)),
            Field::new(
                FindingField::Cvss,
                FieldKind::Line,
                f.cvss.as_ref().map(ToString::to_string).unwrap_or_default(),
            ),
            Field::new(
                FindingField::CvssSource,
                FieldKind::Optional(&VectorSource::NAMES),
                f.cvss_source.map(|s| s.as_str()).unwrap_or_default(),
            ),
            Field::new(
                FindingField::RemoteTakeover,
                FieldKind::Choice(YES_NO),
                if f.remote_takeover { "yes" } else { "no" },
            ),
            Field::new(
                FindingField::Severity,
                FieldKind::Optional(&Severity::NAMES),
                f.severity.map(|s| s.as_str()).unwrap_or_default(),
            ),
            Field::new(
                FindingField::SeverityJustification,
                FieldKind::Text,
                f.severity_justification.clone().unwrap_or_default(),
            ),
            Field::new(FindingField::Assets, FieldKind::List, join(&f.assets)),
            Field::new(
                FindingField::Recommendation,
                FieldKind::Text,
                f.recommendation.clone(),
            ),
            Field::new(
                FindingField::Status,
                FieldKind::Choice(&FindingStatus::NAMES),
                f.status.as_str(),
            ),
            Field::new(
                FindingField::StatusReason,
                FieldKind::Line,
                f.status_reason.clone().unwrap_or_default(),
            ),
        ];
        Form::new(Record::Finding(existing.map(|f| f.id.clone())), fields)
    }

    /// The amount is shown with `lang`'s decimal mark (`1500,00`), which it reads back.
    pub fn action(existing: Option<&Action>, prefill: &Action, lang: Lang) -> Form {
        let a = existing.unwrap_or(prefill);
        let fields = vec![
            Field::new(ActionField::Title, FieldKind::Line, a.title.clone()),
            Field::new(
                ActionField::Description,
                FieldKind::Text,
                a.description.clone(),
            ),
            Field::new(ActionField::Addresses, FieldKind::List, join(&a.addresses)),
            Field::new(
                ActionField::Complexity,
                FieldKind::Choice(&Complexity::NAMES),
                a.complexity.as_str(),
            ),
            Field::new(
                ActionField::Owner,
                FieldKind::Choice(&Owner::NAMES),
                a.owner.as_str(),
            ),
            Field::new(ActionField::Cost, FieldKind::Line, a.cost.clone()),
            Field::new(
                ActionField::CostAmount,
                FieldKind::Line,
                a.cost_amount
                    .map(|x| lang.decimal(&x.to_string()))
                    .unwrap_or_default(),
            ),
            Field::new(
                ActionField::Currency,
                FieldKind::Line,
                a.currency.clone().unwrap_or_default(),
            ),
            Field::new(
                ActionField::Deadline,
                FieldKind::Line,
                a.deadline.map(|d| d.to_string()).unwrap_or_default(),
            ),
            Field::new(
                ActionField::Status,
                FieldKind::Choice(&ActionStatus::NAMES),
                a.status.as_str(),
            ),
            Field::new(
                ActionField::StatusReason,
                FieldKind::Line,
                a.status_reason.clone().unwrap_or_default(),
            ),
        ];
        Form::new(Record::Action(existing.map(|a| a.id.clone())), fields)
    }

    pub fn asset(existing: Option<&Asset>) -> Form {
        let text = |value: Option<&String>| value.cloned().unwrap_or_default();
        let fields = vec![
            Field::new(
                AssetField::Id,
                FieldKind::Line,
                existing.map(|a| a.id.clone()).unwrap_or_default(),
            ),
            Field::new(
                AssetField::Kind,
                FieldKind::Choice(&AssetKind::NAMES),
                existing.map_or("camera", |a| a.kind.as_str()),
            ),
            Field::new(
                AssetField::Vendor,
                FieldKind::Line,
                text(existing.and_then(|a| a.vendor.as_ref())),
            ),
            Field::new(
                AssetField::Model,
                FieldKind::Line,
                text(existing.and_then(|a| a.model.as_ref())),
            ),
            Field::new(
                AssetField::Firmware,
                FieldKind::Line,
                text(existing.and_then(|a| a.firmware.as_ref())),
            ),
            Field::new(
                AssetField::Address,
                FieldKind::Line,
                text(existing.and_then(|a| a.address.as_ref())),
            ),
            Field::new(
                AssetField::Location,
                FieldKind::Line,
                text(existing.and_then(|a| a.location.as_ref())),
            ),
            Field::new(
                AssetField::Mac,
                FieldKind::Line,
                text(existing.and_then(|a| a.mac.as_ref())),
            ),
            Field::new(
                AssetField::Notes,
                FieldKind::Text,
                text(existing.and_then(|a| a.notes.as_ref())),
            ),
        ];
        Form::new(Record::Asset(existing.map(|a| a.id.clone())), fields)
    }

    /// The engagement's details and scope: lists one item per line.
    pub fn details(meta: &crate::model::Meta) -> Form {
        let lines = |items: Vec<String>| items.join("\n");
        let fields = vec![
            Field::new(ScopeField::Client, FieldKind::Line, meta.client.clone()),
            Field::new(
                ScopeField::Site,
                FieldKind::Line,
                meta.site.clone().unwrap_or_default(),
            ),
            Field::new(
                ScopeField::Contract,
                FieldKind::Line,
                meta.contract.clone().unwrap_or_default(),
            ),
            Field::new(
                ScopeField::Auditors,
                FieldKind::Text,
                lines(meta.auditors.iter().map(ToString::to_string).collect()),
            ),
            Field::new(
                ScopeField::Included,
                FieldKind::Text,
                lines(meta.scope.included.clone()),
            ),
            Field::new(
                ScopeField::Excluded,
                FieldKind::Text,
                lines(meta.scope.excluded.clone()),
            ),
            Field::new(
                ScopeField::Limits,
                FieldKind::Text,
                meta.scope.limits.clone().unwrap_or_default(),
            ),
        ];
        Form::new(Record::Details, fields)
    }

    fn new(record: Record, fields: Vec<Field>) -> Form {
        Form {
            record,
            fields,
            selected: 0,
            editing: None,
            dirty: false,
            kept: None,
        }
    }

    /// The record the form makes or edits: its kind and id (none for a new one).
    fn draft_record(&self) -> (&'static str, Option<&str>) {
        match &self.record {
            Record::Finding(id) => ("finding", id.as_deref()),
            Record::Action(id) => ("action", id.as_deref()),
            Record::Asset(id) => ("asset", id.as_deref()),
            Record::Details => ("details", None),
        }
    }

    /// The name the form's draft is kept under: `finding-new`, `action-A-K3X9Q2`, `details`.
    pub fn draft_name(&self) -> String {
        match self.draft_record() {
            ("details", _) => "details".to_owned(),
            (kind, Some(id)) => format!("{kind}-{id}"),
            (kind, None) => format!("{kind}-new"),
        }
    }

    /// The fields typed, the one being edited included, as the draft keeps them; `None` when
    /// nothing differs from what the form opened with.
    pub fn draft_text(&self) -> Option<String> {
        let (record, id) = self.draft_record();
        let new = id.is_none() && record != "details";
        let mut typed = false;
        let mut fields = BTreeMap::new();
        for (index, field) in self.fields.iter().enumerate() {
            let value = match (&self.editing, index == self.selected) {
                (Some(Editing::Line(line)), true) => line.clone(),
                (Some(Editing::Text(area)), true) => area.lines().join("\n"),
                _ => field.value.clone(),
            };
            let changed = value != field.initial;
            typed |= changed;
            if new || changed {
                fields.insert(field.key.key().to_owned(), value);
            }
        }
        let draft = FormDraft {
            record: record.to_owned(),
            id: id.map(str::to_owned),
            fields,
        };
        typed.then(|| crate::yaml::to_string(&draft).ok()).flatten()
    }

    /// What the draft should become since it was last kept.
    pub fn take_unsaved(&mut self) -> DraftNow {
        let text = self.draft_text();
        if text == self.kept {
            return DraftNow::Same;
        }
        self.kept.clone_from(&text);
        match text {
            Some(text) => DraftNow::Keep(text),
            None => DraftNow::Discard,
        }
    }

    /// The values of a draft typed into the form's fields again.
    pub fn restore(&mut self, draft: &FormDraft) {
        for field in &mut self.fields {
            if let Some(value) = draft.fields.get(field.key.key()) {
                let value = crate::text::sanitize(value).into_owned();
                if field.value != value {
                    field.value = value;
                    self.dirty = true;
                }
            }
        }
    }

    /// The value of the row whose field's key is `key` (`"severity"`).
    pub fn value(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|field| field.key == key)
            .map_or("", |field| field.value.as_str())
    }

    /// The field being typed in and the word at its end, for the picker.
    pub fn typed_word(&self) -> Option<(&'static str, &str)> {
        let field = self.fields.get(self.selected)?;
        match &self.editing {
            Some(Editing::Line(line)) => {
                let start = word_start(line, field.kind == FieldKind::List);
                Some((field.key.key(), line[start..].trim()))
            }
            _ => None,
        }
    }

    /// Tab in a field that names records: completes the word typed among `known`, as far as
    /// it is unambiguous (a whole id is followed by the list's separator). False when there
    /// is nothing to complete (an empty word, a whole id, no match): Tab then leaves the
    /// field, as it does elsewhere.
    pub fn complete(&mut self, known: &[Known]) -> bool {
        let list = self
            .fields
            .get(self.selected)
            .is_some_and(|field| field.kind == FieldKind::List);
        let Some(Editing::Line(line)) = &mut self.editing else {
            return false;
        };
        let start = word_start(line, list);
        let word = line[start..].trim().to_owned();
        if word.is_empty() || known.iter().any(|k| k.id.eq_ignore_ascii_case(&word)) {
            return false;
        }
        let Suggestion::Matches(found) = suggest(known, &word) else {
            return false;
        };
        let whole = |line: &mut String, id: &str| {
            line.truncate(start);
            if start > 0 && !line.ends_with(' ') {
                line.push(' ');
            }
            line.push_str(id);
        };
        if let [only] = found[..] {
            whole(line, &only.id);
            if list {
                line.push_str(", ");
            }
        } else {
            let ids: Vec<String> = found.iter().map(|k| k.id.clone()).collect();
            let shared = super::complete::common_prefix(&ids);
            // Longer, or the ids' own case for what was typed in another.
            if shared.chars().count() >= word.chars().count()
                && shared != word
                && shared.to_lowercase().starts_with(&word.to_lowercase())
            {
                whole(line, &shared);
            }
        }
        self.dirty = true;
        true
    }

    /// Handles a key; the caller saves or closes on the outcome.
    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('s') {
            self.finish_editing();
            return Outcome::Save;
        }
        if let Some(editing) = self.editing.take() {
            self.edit_key(editing, key);
            return Outcome::Continue;
        }
        let count = self.fields.len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
                self.selected = self.selected.saturating_sub(1)
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(count - 1)
            }
            KeyCode::Esc if self.dirty => return Outcome::CloseRefused,
            KeyCode::Esc => return Outcome::Close,
            KeyCode::Char('d') if ctrl => return Outcome::Close,
            KeyCode::Left | KeyCode::Char('h') => self.cycle(-1),
            KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') => self.cycle(1),
            KeyCode::Enter => self.start_editing(),
            _ => {}
        }
        Outcome::Continue
    }

    fn cycle(&mut self, step: isize) {
        let field = &mut self.fields[self.selected];
        let (values, optional) = match field.kind {
            FieldKind::Choice(values) => (values, false),
            FieldKind::Optional(values) => (values, true),
            _ => return,
        };
        // An optional choice cycles through "none" (position 0) before its values.
        let offset = usize::from(optional);
        let count = values.len() + offset;
        let here = values
            .iter()
            .position(|value| *value == field.value)
            .map_or(0, |index| index + offset);
        let next = (here as isize + step).rem_euclid(count as isize) as usize;
        field.value = match next.checked_sub(offset) {
            Some(index) => values[index].to_owned(),
            None => String::new(),
        };
        self.dirty = true;
    }

    fn start_editing(&mut self) {
        let field = &self.fields[self.selected];
        self.editing = match field.kind {
            FieldKind::Choice(_) | FieldKind::Optional(_) => {
                self.cycle(1);
                None
            }
            FieldKind::Text => Some(Editing::Text(Box::new(super::editor::text_area(
                &field.value,
            )))),
            FieldKind::Line | FieldKind::List => Some(Editing::Line(field.value.clone())),
        };
    }

    fn edit_key(&mut self, editing: Editing, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match editing {
            Editing::Line(mut line) => match key.code {
                // Leaving a field keeps what was typed: no key throws text away.
                KeyCode::Enter | KeyCode::Esc | KeyCode::Tab => self.set_selected(line),
                KeyCode::Backspace => {
                    line.pop();
                    self.editing = Some(Editing::Line(line));
                }
                KeyCode::Char('u') if ctrl => self.editing = Some(Editing::Line(String::new())),
                KeyCode::Char(c) if !ctrl => {
                    line.push(c);
                    self.editing = Some(Editing::Line(line));
                }
                _ => self.editing = Some(Editing::Line(line)),
            },
            // Enter leaves the field, as in every other field; a new line is Alt-Enter (or
            // Ctrl-J, what terminals send for it when Alt-Enter is taken).
            Editing::Text(mut area) => match key.code {
                KeyCode::Enter if key.modifiers.contains(KeyModifiers::ALT) => {
                    area.insert_newline();
                    self.editing = Some(Editing::Text(area));
                }
                KeyCode::Char('j') if ctrl => {
                    area.insert_newline();
                    self.editing = Some(Editing::Text(area));
                }
                KeyCode::Esc | KeyCode::Enter | KeyCode::Tab => {
                    self.set_selected(area.lines().join("\n"))
                }
                _ => {
                    area.input(key);
                    self.editing = Some(Editing::Text(area));
                }
            },
        }
    }

    /// Pasted text goes into the field being edited.
    pub fn paste(&mut self, text: &str) {
        match &mut self.editing {
            Some(Editing::Line(line)) => line.push_str(&crate::text::one_line(text)),
            Some(Editing::Text(area)) => {
                area.insert_str(crate::text::sanitize(text));
            }
            None => {}
        }
    }

    fn finish_editing(&mut self) {
        match self.editing.take() {
            Some(Editing::Line(line)) => self.set_selected(line),
            Some(Editing::Text(area)) => self.set_selected(area.lines().join("\n")),
            None => {}
        }
    }

    fn set_selected(&mut self, value: String) {
        let value = crate::text::sanitize(&value).into_owned();
        let field = &mut self.fields[self.selected];
        if field.value != value {
            field.value = value;
            self.dirty = true;
        }
    }

    fn field_mut(&mut self, key: impl Into<fields::Field>) -> Option<&mut Field> {
        let key = key.into();
        self.fields.iter_mut().find(|field| field.key == key)
    }

    /// Records the problems of the last [`Form::build`] beside their fields, in `lang`.
    fn show(&mut self, problems: &[FieldProblem], lang: Lang) {
        for field in &mut self.fields {
            field.problem = None;
        }
        for problem in problems {
            if let Some(field) = self.field_mut(problem.field)
                && field.problem.is_none()
            {
                field.problem = Some(problem_text(problem, lang));
            }
        }
    }

    /// The value of the field `key` when the form makes a new record or the field changed
    /// since the form opened; `None` for an unchanged field of an edit.
    fn given(&self, key: impl Into<fields::Field>) -> Option<&str> {
        let key = key.into();
        let field = self.fields.iter().find(|field| field.key == key)?;
        let new = match &self.record {
            Record::Finding(id) | Record::Action(id) | Record::Asset(id) => id.is_none(),
            Record::Details => false,
        };
        (new || field.value != field.initial).then_some(field.value.as_str())
    }

    /// The form as the rule book's change, checked as the engagement will check it; the
    /// problems are shown beside their fields in the interface's `lang` (`--lang` over the
    /// engagement's), and there is no change when there is any.
    pub fn build(
        &mut self,
        state: &State,
        lang: Lang,
        who: &Auditor,
        now: Timestamp,
    ) -> Option<Change> {
        let mut problems: Vec<FieldProblem> = Vec::new();
        let change = match self.record.clone() {
            Record::Finding(id) => {
                let patch = self.finding_patch(&mut problems, lang);
                match id {
                    Some(id) => Change::EditFinding(id, patch),
                    None => Change::NewFinding(patch),
                }
            }
            Record::Action(id) => {
                let patch = self.action_patch(&mut problems);
                match id {
                    Some(id) => Change::EditAction(id, patch),
                    None => Change::NewAction(patch),
                }
            }
            Record::Asset(id) => {
                Change::Asset(AssetChange::Save(self.asset_patch(id, &mut problems)))
            }
            Record::Details => Change::Scope(self.details_patch()),
        };
        if problems.is_empty() {
            let context = Context {
                who,
                now,
                new_id: None,
            };
            match rules::apply(state, change.clone(), &context) {
                Ok(_) => {}
                Err(Error::Refused(refusal)) => problems.extend(refusal.problems),
                Err(other) => problems.push(FieldProblem::new(
                    self.fields[0].key,
                    Wrong::Other(super::said::phrase(&other, lang)),
                    Fix::Nothing,
                )),
            }
        }
        self.show_cvss_score(lang);
        self.show(&problems, lang);
        problems.is_empty().then_some(change)
    }

    /// The score of the vector typed, beside it.
    fn show_cvss_score(&mut self, lang: Lang) {
        let vector = optional(self.value(FindingField::Cvss.key()))
            .and_then(|text| CvssVector::from_str(&text).ok());
        if let Some(field) = self.field_mut(FindingField::Cvss) {
            field.note = vector.map(|vector| {
                format!(
                    "= {} {} (CVSS {})",
                    lang.decimal(&vector.base_score().to_string()),
                    labels::severity(vector.severity(), lang).to_lowercase(),
                    vector.version()
                )
            });
        }
    }

    fn finding_patch(&self, problems: &mut Vec<FieldProblem>, lang: Lang) -> FindingPatch {
        let mut fail = |key: FindingField, wrong: Wrong, fix: Fix| {
            problems.push(FieldProblem::new(key, wrong, fix))
        };
        let text = |key: FindingField| self.given(key).map(str::to_owned);
        let cves = self.given(FindingField::Cves).map(|value| {
            split(value)
                .iter()
                .filter_map(|cve| {
                    CveId::from_str(cve)
                        .map_err(|_| {
                            fail(
                                FindingField::Cves,
                                Wrong::NotACve(cve.clone()),
                                Fix::CveLike,
                            )
                        })
                        .ok()
                })
                .collect()
        });
        let cvss = self.given(FindingField::Cvss).map(|value| {
            optional(value).and_then(|vector| {
                CvssVector::from_str(&vector)
                    .map_err(|error| {
                        let wrong = Wrong::BadVector(error.phrase(lang));
                        fail(FindingField::Cvss, wrong, Fix::VectorLike)
                    })
                    .ok()
            })
        });
        FindingPatch {
            title: text(FindingField::Title),
            domain: text(FindingField::Domain),
            controls: self.given(FindingField::Controls).map(split),
            description: text(FindingField::Description),
            cves,
            cvss,
            cvss_source: self
                .given(FindingField::CvssSource)
                .and_then(|source| VectorSource::from_str(source).ok()),
            remote_takeover: self
                .given(FindingField::RemoteTakeover)
                .map(|value| value == "yes"),
            severity: self
                .given(FindingField::Severity)
                .map(|value| Severity::from_str(value).ok()),
            severity_justification: self
                .given(FindingField::SeverityJustification)
                .map(optional),
            assets: self.given(FindingField::Assets).map(split),
            recommendation: text(FindingField::Recommendation),
            status: self
                .given(FindingField::Status)
                .and_then(|value| FindingStatus::from_str(value).ok()),
            status_reason: self.given(FindingField::StatusReason).map(optional),
            evidence: Vec::new(),
            drop_evidence: Vec::new(),
        }
    }

    fn action_patch(&self, problems: &mut Vec<FieldProblem>) -> ActionPatch {
        let mut fail = |key: ActionField, wrong: Wrong, fix: Fix| {
            problems.push(FieldProblem::new(key, wrong, fix))
        };
        let cost_amount = self.given(ActionField::CostAmount).map(|value| {
            optional(value).and_then(|amount| {
                Amount::from_str(&amount)
                    .map_err(|_| {
                        let wrong = Wrong::NotAnAmount(amount.clone());
                        fail(ActionField::CostAmount, wrong, Fix::AmountLike)
                    })
                    .ok()
            })
        });
        let deadline = self.given(ActionField::Deadline).map(|value| {
            optional(value).and_then(|date| {
                date.parse::<jiff::civil::Date>()
                    .map_err(|_| {
                        let wrong = Wrong::NotADate(date.clone());
                        fail(ActionField::Deadline, wrong, Fix::DateLike)
                    })
                    .ok()
            })
        });
        ActionPatch {
            title: self.given(ActionField::Title).map(str::to_owned),
            description: self.given(ActionField::Description).map(str::to_owned),
            addresses: self.given(ActionField::Addresses).map(split),
            complexity: self
                .given(ActionField::Complexity)
                .and_then(|value| Complexity::from_str(value).ok()),
            cost: self.given(ActionField::Cost).map(str::to_owned),
            cost_amount,
            currency: self.given(ActionField::Currency).map(optional),
            owner: self
                .given(ActionField::Owner)
                .and_then(|value| Owner::from_str(value).ok()),
            deadline,
            status: self
                .given(ActionField::Status)
                .and_then(|value| ActionStatus::from_str(value).ok()),
            status_reason: self.given(ActionField::StatusReason).map(optional),
        }
    }

    fn details_patch(&self) -> ScopePatch {
        let lines = |key: ScopeField| {
            self.given(key).map(|text| {
                text.lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
        };
        ScopePatch {
            client: self.given(ScopeField::Client).map(str::to_owned),
            site: self.given(ScopeField::Site).map(optional),
            contract: self.given(ScopeField::Contract).map(optional),
            auditors: lines(ScopeField::Auditors),
            included: lines(ScopeField::Included),
            excluded: lines(ScopeField::Excluded),
            limits: self.given(ScopeField::Limits).map(optional),
        }
    }

    fn asset_patch(&self, id: Option<String>, problems: &mut Vec<FieldProblem>) -> AssetPatch {
        let kind = match AssetKind::from_str(self.value(AssetField::Kind.key())) {
            Ok(kind) => Some(kind),
            Err(_) => {
                let wrong = Wrong::NotAChoice {
                    given: self.value(AssetField::Kind.key()).to_owned(),
                    choices: AssetKind::NAMES
                        .iter()
                        .map(|name| name.to_string())
                        .collect(),
                };
                problems.push(FieldProblem::new(AssetField::Kind, wrong, Fix::Nothing));
                None
            }
        };
        let text = |key: AssetField| self.given(key).map(str::to_owned);
        AssetPatch {
            id: id
                .clone()
                .unwrap_or_else(|| self.value(AssetField::Id.key()).trim().to_owned()),
            kind: kind.filter(|_| self.given(AssetField::Kind).is_some()),
            vendor: text(AssetField::Vendor),
            model: text(AssetField::Model),
            firmware: text(AssetField::Firmware),
            address: text(AssetField::Address),
            location: text(AssetField::Location),
            mac: text(AssetField::Mac),
            notes: text(AssetField::Notes),
            only_new: id.is_none(),
        }
    }
}

/// A problem as the form shows it beside its field, in `lang`: what is wrong and what
/// fixes it, other fields named by their rows' labels.
pub fn problem_text(problem: &FieldProblem, lang: Lang) -> String {
    problem.phrase(lang, &|field| super::said::field_name(field, lang))
}

/// What a key did to the form, with the change it stands for when asked to save it.
pub struct FormKey {
    pub outcome: Outcome,
    /// The rule book's change, when the form is valid (checked at every key, so that a bad
    /// CVSS vector shows as such and a good one its score).
    pub change: Option<Change>,
}

impl Form {
    /// A key: Tab in a field that names records completes the word typed, when there is
    /// one; every other key as [`Form::key`] reads it.
    pub fn update(&mut self, key: KeyEvent, ctx: &Ctx) -> FormKey {
        let field = self.typed_word().map(|(field, _)| field);
        let completed = key.code == KeyCode::Tab
            && field.is_some_and(|field| self.complete(&known_for(ctx, field)));
        let outcome = if completed {
            Outcome::Continue
        } else {
            self.key(key)
        };
        let change = self.build(ctx.state(), ctx.lang, ctx.auditor, Timestamp::UNIX_EPOCH);
        FormKey { outcome, change }
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let popup = popup(area);
        frame.render_widget(Clear, popup);
        let what = match &self.record {
            Record::Finding(id) => Some((strings.findings, id)),
            Record::Action(id) => Some((strings.actions, id)),
            Record::Asset(id) => Some((strings.assets, id)),
            Record::Details => None,
        };
        let title = match what {
            Some((what, id)) => format!(
                " {what} — {} ",
                id.as_deref().map_or(strings.form_new.to_owned(), one_line)
            ),
            None => format!(" {} ", strings.details_title),
        };
        let keys: Vec<Span> = super::keys::FORM
            .iter()
            .filter_map(|binding| {
                binding
                    .footer
                    .map(|label| format!(" {} {} ", binding.shown_in(ctx.lang), label(strings)))
            })
            .map(|text| Span::styled(text, theme.key()))
            .collect();
        let frame_block = block(title, true, theme).title_bottom(Line::from(keys));
        let inner = frame_block.inner(popup);
        frame.render_widget(frame_block, popup);

        let label_width = self
            .fields
            .iter()
            .map(|field| field_label(ctx.lang, field.key).chars().count())
            .max()
            .unwrap_or(10) as u16
            + 4;
        let mut lines: Vec<Line> = Vec::new();
        let mut editor_at = None;
        for (index, field) in self.fields.iter().enumerate() {
            if index == self.selected && matches!(self.editing, Some(Editing::Text(_))) {
                editor_at = Some(lines.len());
            }
            let widths = (label_width, inner.width);
            self.field_lines(ctx, index, field, widths, theme, &mut lines);
        }
        // One line per field, cut at the edge: a long value is read in full while editing it.
        frame.render_widget(Paragraph::new(lines), inner);
        if let (Some(Editing::Text(area)), Some(row)) = (&self.editing, editor_at) {
            let top = inner.y + u16::try_from(row).unwrap_or(0);
            let rows = u16::try_from((area.lines().len() + 1).clamp(3, 8)).unwrap_or(3);
            let height = inner.bottom().saturating_sub(top).min(rows);
            let editor = Rect {
                x: inner.x + label_width,
                y: top,
                width: inner.width.saturating_sub(label_width),
                height,
            };
            frame.render_widget(Clear, editor);
            frame.render_widget(&**area, editor);
        }
    }

    /// A field's line (its label, its value or what is typed, its note), the rows of its
    /// text editor, its picker, its problem.
    fn field_lines(
        &self,
        ctx: &Ctx,
        index: usize,
        field: &Field,
        (label_width, width): (u16, u16),
        theme: Theme,
        lines: &mut Vec<Line<'static>>,
    ) {
        let selected = index == self.selected;
        let marker = if field.problem.is_some() {
            "[!] "
        } else {
            "    "
        };
        let label = format!(
            "{marker}{:<width$}",
            field_label(ctx.lang, field.key),
            width = usize::from(label_width) - 4
        );
        let label_style = if selected {
            theme.selected(true)
        } else {
            theme.key()
        };
        let value = match (&self.editing, selected) {
            (Some(Editing::Line(line)), true) => format!("{}▏", one_line(line)),
            (Some(Editing::Text(_)), true) => String::new(),
            _ => shown_value(ctx, field),
        };
        let mut spans = vec![
            Span::styled(label, label_style),
            Span::raw(" "),
            Span::raw(value),
        ];
        if let Some(note) = &field.note {
            spans.push(Span::styled(format!("  {}", one_line(note)), theme.info()));
        }
        lines.push(Line::from(spans));
        // The text editor gets rows of its own: the fields below move down rather than
        // being drawn over.
        if let (Some(Editing::Text(area)), true) = (&self.editing, selected) {
            let rows = (area.lines().len() + 1).clamp(3, 8);
            lines.extend(std::iter::repeat_n(Line::default(), rows - 1));
        }
        if selected {
            picker(ctx, self, usize::from(label_width) + 1, theme, lines);
        }
        // What is wrong and its fix, wrapped under the value: cut at the edge, the fix was
        // the part lost.
        if let Some(problem) = &field.problem {
            let indent = usize::from(label_width) + 1;
            let room = usize::from(width).saturating_sub(indent).max(20);
            for part in wrapped(&one_line(problem), room) {
                lines.push(Line::styled(format!("{:indent$}{part}", ""), theme.error()));
            }
        }
    }
}

/// `text` cut into lines of at most `room` characters, between words where it can.
fn wrapped(text: &str, room: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let fits = line.chars().count() + 1 + word.chars().count() <= room;
        if !line.is_empty() && !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > room {
            let head: String = line.chars().take(room).collect();
            line = line.chars().skip(room).collect();
            lines.push(head);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A field's value as shown when it is not being edited: a choice in words, the first line
/// of a text.
fn shown_value(ctx: &Ctx, field: &Field) -> String {
    match field.kind {
        FieldKind::Choice(_) | FieldKind::Optional(_) if field.value.is_empty() => {
            "‹ - ›".to_owned()
        }
        FieldKind::Choice(_) | FieldKind::Optional(_) => {
            format!("‹ {} ›", one_line(&choice(ctx, &field.value)))
        }
        FieldKind::Text => {
            one_line(field.value.lines().next().unwrap_or_default())
                + if field.value.lines().count() > 1 {
                    " …"
                } else {
                    ""
                }
        }
        _ => one_line(&field.value),
    }
}

/// Under a field that names records, while its word is typed: the records it may name
/// (Tab completes), or the closest one.
fn picker(ctx: &Ctx, form: &Form, indent: usize, theme: Theme, lines: &mut Vec<Line<'static>>) {
    const SHOWN: usize = 5;
    let Some((field, word)) = form.typed_word() else {
        return;
    };
    let known = known_for(ctx, field);
    if known.iter().any(|k| k.id.eq_ignore_ascii_case(word)) {
        return;
    }
    match suggest(&known, word) {
        Suggestion::Matches(found) => {
            for k in found.iter().take(SHOWN) {
                lines.push(Line::from(vec![
                    Span::raw(format!("{:indent$}", "")),
                    Span::styled(one_line(&k.id), theme.key()),
                    Span::styled(format!("  {}", one_line(&k.hint)), theme.dim()),
                ]));
            }
            if found.len() > SHOWN {
                lines.push(Line::styled(
                    format!("{:indent$}… (+{})", "", found.len() - SHOWN),
                    theme.dim(),
                ));
            }
        }
        Suggestion::Near(k) => lines.push(Line::styled(
            format!(
                "{:indent$}{} {}{}",
                "",
                ctx.strings().did_you_mean,
                one_line(&k.id),
                ctx.strings().question_mark
            ),
            theme.key(),
        )),
        Suggestion::None => {}
    }
}

/// A choice of a field as the user reads it: the choices are the records' stable names.
pub(super) fn choice(ctx: &Ctx, name: &str) -> String {
    let lang = ctx.lang;
    let strings = ctx.strings();
    if name == "all" {
        return strings.all.to_owned();
    }
    if name == "pending" {
        return strings.pending.to_owned();
    }
    let firm = ctx.state().meta.firm.as_deref();
    name.parse()
        .map(|s| labels::severity(s, lang).to_owned())
        .or_else(|_| {
            name.parse()
                .map(|s| labels::finding_status(s, lang).to_owned())
        })
        .or_else(|_| {
            name.parse()
                .map(|s| labels::action_status(s, lang).to_owned())
        })
        .or_else(|_| name.parse().map(|o| labels::owner(o, firm, lang)))
        .or_else(|_| name.parse().map(|k| labels::asset_kind(k, lang).to_owned()))
        .or_else(|_| name.parse().map(|c| labels::complexity(c, lang).to_owned()))
        .or_else(|_| {
            name.parse()
                .map(|v| labels::vector_source(v, lang).to_owned())
        })
        .unwrap_or_else(|_| match name {
            "yes" => labels::labels(lang).yes.to_owned(),
            "no" => labels::labels(lang).no.to_owned(),
            _ => name.to_owned(),
        })
}

/// The records a form's field names, for its picker: assets, controls, findings and
/// domains, each with what tells it apart.
pub fn known_for(ctx: &Ctx, field: &str) -> Vec<Known> {
    let state = ctx.state();
    let lang = ctx.lang;
    let text = |parts: &[Option<&String>]| {
        parts
            .iter()
            .flatten()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    match field {
        "assets" => state
            .assets
            .iter()
            .map(|asset| Known {
                id: asset.id.clone(),
                hint: text(&[
                    asset.vendor.as_ref(),
                    asset.model.as_ref(),
                    asset.address.as_ref(),
                    asset.location.as_ref(),
                ]),
            })
            .collect(),
        "controls" => {
            let controls = state.grid.domains.iter().flat_map(|d| &d.controls);
            controls.map(|c| titled(&c.id, c.title.get(lang))).collect()
        }
        "domain" => {
            let domains = state.grid.domains.iter();
            domains.map(|d| titled(&d.id, d.title.get(lang))).collect()
        }
        "addresses" => {
            let findings = state.findings.iter();
            findings.map(|f| titled(&f.id, &f.title)).collect()
        }
        _ => Vec::new(),
    }
}

/// A record the picker offers by its title.
fn titled(id: &str, title: &str) -> Known {
    Known {
        id: id.to_owned(),
        hint: title.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_wrapped_between_words_and_a_long_word_is_cut() {
        assert_eq!(
            wrapped("not between 2000 and 2100", 12),
            ["not between", "2000 and", "2100"]
        );
        assert_eq!(wrapped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert!(wrapped("", 10).is_empty());
    }

    fn known(ids: &[&str]) -> Vec<Known> {
        ids.iter()
            .map(|id| Known {
                id: (*id).to_owned(),
                hint: String::new(),
            })
            .collect()
    }

    #[test]
    fn the_picker_s_did_you_mean_is_the_cli_s() {
        let ids = ["F-K3X9Q2", "F-7QH2MZ", "ACC-001"];
        let records = known(&ids);
        // A slip of one letter: both front ends name the same record.
        let typed = "F-K3X9Q3";
        assert_eq!(
            suggest(&records, typed),
            Suggestion::Near(&records[0]),
            "the picker"
        );
        assert_eq!(
            crate::grid::suggest(typed, ids.iter().copied()),
            Some("F-K3X9Q2"),
            "the CLI"
        );
        // Too far for the CLI's hint (similarity between its cut-off and the picker's old
        // one): the picker says nothing either.
        let far = "X-K3X9ZZ";
        assert_eq!(crate::grid::suggest(far, ids.iter().copied()), None);
        assert!(
            strsim::jaro_winkler(far, "F-K3X9Q2") > 0.7,
            "the word must sit between the two cut-offs to test anything"
        );
        assert_eq!(suggest(&records, far), Suggestion::None);
    }
}
