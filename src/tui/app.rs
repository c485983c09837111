//! The state of the interactive checklist and the one function that changes it.
//!
//! Every key press becomes a [`Message`]; [`App::update`] applies it and returns the
//! [`Effect`]s to carry out (save an answer, keep a draft, open `$EDITOR`...). Effects that
//! touch the engagement are carried out by [`App::perform`], which goes through the
//! engagement layer and reports back; those that need the terminal are left to the event
//! loop. Tests drive `update` and `perform` directly, without a terminal.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::findings_plan_inventory::{CveLine, RecordList, Removal};
use super::form::Form;
use super::history::{ControlLog, HistoryView};
use super::keys::{self, Action, Binding};
use super::prompt::{Attach, Prompt, PromptFor};
use super::strings::{Strings, strings};
use crate::assessment::{Answer, Auditor, Level};
use crate::engagement::{Draft, Engagement};
use crate::grid::{Control, Domain, Lang};
use crate::rules::{AnswerChange, Change};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Checklist,
    Findings,
    Actions,
    Assets,
    Summary,
    /// The audit rounds and what changed between two of them.
    History,
}

impl Screen {
    const ORDER: [Screen; 6] = [
        Screen::Checklist,
        Screen::Findings,
        Screen::Actions,
        Screen::Assets,
        Screen::Summary,
        Screen::History,
    ];

    pub fn title(self, strings: &Strings) -> &'static str {
        match self {
            Screen::Checklist => strings.checklist,
            Screen::Findings => strings.findings,
            Screen::Actions => strings.actions,
            Screen::Assets => strings.assets,
            Screen::Summary => strings.summary,
            Screen::History => strings.history,
        }
    }

    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Screen::Checklist => keys::CHECKLIST,
            Screen::Findings => keys::FINDINGS,
            Screen::Actions => keys::ACTIONS,
            Screen::Assets => keys::ASSETS,
            Screen::Summary => keys::SUMMARY,
            Screen::History => keys::HISTORY,
        }
    }

    pub fn all() -> &'static [Screen] {
        &Self::ORDER
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Domains,
    Controls,
    Detail,
}

/// What the observations editor will do when saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditPurpose {
    Observations,
    /// Marking the control not applicable: the text is its justification.
    NotApplicable,
}

pub struct Editor {
    pub control: String,
    pub purpose: EditPurpose,
    pub text: TextArea<'static>,
    /// Typed since the last draft was kept on disk.
    pub unsaved: bool,
}

/// A text area holding `text`, wrapped, the cursor at its end. Whatever the text holds, no
/// escape sequence reaches the terminal through it.
pub(super) fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(
        crate::text::sanitize(text)
            .lines()
            .map(str::to_owned)
            .collect(),
    );
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

impl Editor {
    fn new(control: &str, purpose: EditPurpose, text: &str) -> Self {
        Editor {
            control: control.to_owned(),
            purpose,
            text: text_area(text),
            unsaved: false,
        }
    }

    pub fn content(&self) -> String {
        self.text.lines().join("\n")
    }
}

pub enum Mode {
    Normal,
    Editing(Box<Editor>),
    /// Typing the text filter; the filter applies as it is typed.
    Filtering,
    /// Typing one line: a round's label, a domain's score and justification.
    Prompt(Prompt),
    Help,
    /// Drafts recovered from an earlier session, offered back one by one.
    Drafts(Vec<Draft>),
    /// Editing a finding, an action or an asset.
    Form(Box<Form>),
    /// Asking `y` before removing a record.
    Confirm(Removal),
    /// The history of one control, over the checklist.
    ControlLog(Box<ControlLog>),
    /// The CVE pack's matches with the inventory, before turning them into findings.
    CveMatches(Vec<CveLine>),
    /// The imported scans' facts on a control, to accept or dismiss.
    ScanFacts(Box<super::scan::ScanFacts>),
    /// What a long operation did (a sync), line by line, until a key is pressed.
    Told(Box<Told>),
}

/// The lines a popup shows after an operation that says more than a status line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    pub title: String,
    /// Each line, and whether it is a warning or a stop.
    pub lines: Vec<(String, bool)>,
    pub scroll: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Key(KeyEvent),
    Paste(String),
    /// Time passes: unsaved typing is kept as a draft.
    Tick,
    /// `$EDITOR` returned with this text for this control.
    Edited {
        control: String,
        text: String,
    },
    /// Something outside went wrong (editor, suspend...).
    Failed(String),
    /// The terminal's size, at the start and after each resize: below the least the
    /// screens need, keys other than quitting are ignored, since the user cannot see what
    /// they would do.
    Resize {
        width: u16,
        height: u16,
    },
}

/// Below this, the checklist cannot show a control legibly.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save(AnswerChange),
    /// Save observations typed in the editor; the draft goes once they are saved.
    SaveObservations(AnswerChange),
    KeepDraft {
        control: String,
        text: String,
    },
    DiscardDraft {
        control: String,
    },
    /// Save a finding, an action or an asset built from a form.
    SaveRecord(Box<Change>),
    Remove(Removal),
    /// Create or update one finding per CVE that affects the inventory.
    ApplyCves,
    /// Hand the terminal to `$EDITOR` on this text.
    ExternalEdit {
        control: String,
        text: String,
    },
    Suspend,
    Quit,
    /// Read the audit rounds for the history screen.
    LoadHistory,
    /// Compare two rows of the history screen (indexes, earlier first).
    Compare {
        from: usize,
        to: usize,
    },
    /// Read the history of a control from git.
    ControlLog(String),
    /// Count the known CVEs of each asset, for the assets screen.
    CountCves,
    /// Read the imported scans' facts on a control.
    LoadScanFacts(String),
    /// Accept or dismiss facts of the scans on a control.
    DecideScan {
        control: String,
        facts: Vec<String>,
        decision: crate::scan::Decision,
    },
    /// Write the plan as a spreadsheet in `reports/draft/`.
    ExportPlan,
    /// Render the draft report into `reports/draft/`.
    RenderReport,
    /// Close the current round under this label (report, commit, tag).
    CloseRound(String),
    /// Start the next round under this label.
    StartRound(String),
    /// Set (or, with `None`, remove) a domain's score in place of the computed one.
    Override {
        domain: String,
        value: Option<(crate::assessment::Score, String)>,
    },
    /// Read the scores of the previous round, for the summary.
    LoadPrevious,
    /// Import the assets of this CSV file (`asset import`).
    ImportAssets(PathBuf),
    /// Fetch, merge and push with the engagement's remote: the event loop hands the
    /// terminal over while it runs (ssh may ask for a passphrase), then calls [`App::sync`].
    Sync,
}

/// The previous round's label and its domain scores (in grid order), shown beside this
/// round's on the summary.
#[derive(Debug, Clone, Default)]
pub struct PreviousScores {
    pub label: String,
    pub scores: Vec<(String, Option<crate::assessment::Score>)>,
}

/// What a change was, kept before the engagement takes it, to say what it did.
#[derive(Debug, Clone)]
pub(super) enum Said {
    Answer {
        control: String,
        level: Option<Level>,
        observations: bool,
        evidence: bool,
    },
    Created,
    Edited(String),
    Removed(String),
    Assets,
    Override(String, Option<crate::assessment::Score>),
    /// Scan facts accepted into a control's observations, or dismissed.
    Scan(String, crate::scan::Decision),
    Details,
    Round(String),
}

impl Said {
    pub(super) fn of(change: &Change) -> Said {
        match change {
            Change::Answer(answer) => Said::Answer {
                control: answer.control.clone(),
                level: answer.level,
                observations: answer.observations.is_some(),
                evidence: !answer.evidence.is_empty(),
            },
            Change::NewFinding(_) | Change::NewAction(_) => Said::Created,
            Change::EditFinding(id, _) | Change::EditAction(id, _) => Said::Edited(id.clone()),
            Change::RemoveFinding(id) | Change::RemoveAction(id) => Said::Removed(id.clone()),
            Change::Asset(crate::rules::AssetChange::Remove(id)) => Said::Removed(id.clone()),
            Change::Asset(_) | Change::ScanImport(_) => Said::Assets,
            Change::Override { domain, value } => {
                Said::Override(domain.clone(), value.as_ref().map(|(score, _)| *score))
            }
            Change::Scope(_) => Said::Details,
            Change::StartRound(start) => Said::Round(start.label.clone()),
            Change::ScanDecision(decision) => {
                Said::Scan(decision.control.clone(), decision.decision)
            }
        }
    }
}

pub struct App {
    pub engagement: Engagement,
    pub auditor: Auditor,
    pub lang: Lang,
    pub screen: Screen,
    pub focus: Focus,
    /// Selected domain (index in the grid).
    pub domain: usize,
    /// Selected control, as an index into [`App::visible`].
    pub selected: usize,
    pub filter: String,
    pub detail_scroll: u16,
    /// How far the detail pane can scroll, as it was last drawn: the view reports it (as
    /// ratatui's list state keeps its offset) so that `End` stops at the last line and
    /// `PgUp` comes back from there at once.
    pub detail_room: std::cell::Cell<u16>,
    /// The help's scroll, and how far it can scroll as last drawn (as for the detail).
    pub help_scroll: u16,
    pub help_room: std::cell::Cell<u16>,
    pub mode: Mode,
    pub notice: Option<Notice>,
    /// The drafts kept on disk, by control (shown with a marker): held here too, so that
    /// `update` never reads the disk.
    pub drafted: std::collections::BTreeMap<String, String>,
    /// The day overdue actions are judged against (views never read the clock).
    pub today: jiff::civil::Date,
    pub findings_list: RecordList,
    pub actions_list: RecordList,
    pub assets_list: RecordList,
    /// The history screen: rounds, marks, the comparison shown.
    pub history: HistoryView,
    /// Known CVEs affecting each asset (by asset id), from the engagement's CVE pack.
    /// Counted when the assets screen is shown (matching 2,000 assets against the pack is
    /// a noticeable part of a start), again after a change while it is shown.
    pub cve_counts: std::collections::BTreeMap<String, crate::cve::Counts>,
    /// Whether `cve_counts` holds the counts of the inventory as it is.
    pub cve_counted: bool,
    /// The previous round's scores, once the summary has been shown; `None` inside until
    /// read, `Some(None)` when there is no previous round.
    pub previous: Option<Option<PreviousScores>>,
    /// The imported scans' facts still to accept or dismiss, per control (`S` shows them).
    pub pending_scan_facts: std::collections::BTreeMap<String, usize>,
    /// Whether the terminal is too small to draw the screens (see [`Message::Resize`]).
    pub too_small: bool,
    /// What to tell the user on the normal screen once the checklist has closed.
    pub farewell: Option<String>,
    pub quit: bool,
}

impl App {
    pub fn new(engagement: Engagement, auditor: Auditor, lang: Lang) -> Self {
        let drafts = engagement.drafts().unwrap_or_default();
        let drafted = drafts
            .iter()
            .map(|draft| (draft.control.clone(), draft.text.clone()))
            .collect();
        let mode = if drafts.is_empty() {
            Mode::Normal
        } else {
            Mode::Drafts(drafts)
        };
        // References a merge left dangling: said at once (the CLI says it after each command).
        let notice = engagement.state().warnings.first().map(|first| {
            let more = match engagement.state().warnings.len() {
                1 => String::new(),
                count => format!(" (and {} more: `vmsaudit status` lists them)", count - 1),
            };
            Notice::Error(format!("{}{more}", first.phrase(lang)))
        });
        let mut app = App {
            engagement,
            auditor,
            lang,
            screen: Screen::Checklist,
            focus: Focus::Controls,
            domain: 0,
            selected: 0,
            filter: String::new(),
            detail_scroll: 0,
            detail_room: std::cell::Cell::new(u16::MAX),
            help_scroll: 0,
            help_room: std::cell::Cell::new(0),
            mode,
            notice,
            drafted,
            today: crate::clock::now()
                .map(|now| now.to_zoned_datetime(jiff::tz::TimeZone::system()).date())
                .unwrap_or_default(),
            findings_list: RecordList::default(),
            actions_list: RecordList::default(),
            assets_list: RecordList::default(),
            history: HistoryView::default(),
            cve_counts: Default::default(),
            cve_counted: false,
            too_small: false,
            farewell: None,
            previous: None,
            quit: false,
            pending_scan_facts: Default::default(),
        };
        app.count_scan_facts();
        if let Some(warning) = app.engagement.exposure_warning() {
            app.notice = Some(Notice::Error(warning));
        }
        app
    }

    /// The detail pane's scroll, never past its last line as last drawn.
    pub fn detail_scroll(&self) -> u16 {
        self.detail_scroll.min(self.detail_room.get())
    }

    pub fn strings(&self) -> &'static Strings {
        strings(self.lang)
    }

    /// The controls listed: the selected domain's, or those matching the filter across the
    /// grid, with their domain.
    pub fn visible(&self) -> Vec<(&Domain, &Control)> {
        let grid = &self.engagement.state().grid;
        if self.filter.is_empty() {
            return grid
                .domains
                .get(self.domain)
                .map(|domain| {
                    domain
                        .controls
                        .iter()
                        .map(|control| (domain, control))
                        .collect()
                })
                .unwrap_or_default();
        }
        let needle = self.filter.to_lowercase();
        let lang = self.lang;
        grid.controls()
            .filter(|(_, control)| {
                let observations = self
                    .engagement
                    .state()
                    .answers
                    .get(&control.id)
                    .map(|answer| answer.observations.as_str())
                    .unwrap_or_default();
                [
                    control.id.as_str(),
                    control.title.get(lang),
                    control.question.get(lang),
                    observations,
                ]
                .iter()
                .any(|text| text.to_lowercase().contains(&needle))
            })
            .collect()
    }

    pub fn current(&self) -> Option<(&Domain, &Control)> {
        self.visible().get(self.selected).copied()
    }

    pub fn current_id(&self) -> Option<String> {
        self.current().map(|(_, control)| control.id.clone())
    }

    pub fn answer(&self, control: &str) -> Option<&Answer> {
        self.engagement.state().answers.get(control)
    }

    pub fn bindings(&self) -> &'static [Binding] {
        self.screen.bindings()
    }

    /// Applies one message and returns what must be done outside the state.
    pub fn update(&mut self, message: Message) -> Vec<Effect> {
        match message {
            Message::Key(key) => self.key(key),
            // Terminals and tmux send a pasted line break as CR: a line break it is.
            Message::Paste(text) if text.contains('\r') => {
                self.update(Message::Paste(crate::text::unix_line_ends(&text)))
            }
            Message::Paste(text) => match &mut self.mode {
                _ if text.is_empty() || self.too_small => Vec::new(),
                Mode::Editing(editor) => {
                    editor.text.insert_str(crate::text::sanitize(&text));
                    editor.unsaved = true;
                    Vec::new()
                }
                Mode::Form(_) => {
                    self.form_paste(&text);
                    Vec::new()
                }
                Mode::Prompt(prompt) => {
                    prompt.label.push_str(crate::text::one_line(&text).trim());
                    Vec::new()
                }
                Mode::Filtering => {
                    self.filter.push_str(&crate::text::one_line(&text));
                    self.selected = 0;
                    Vec::new()
                }
                _ => Vec::new(),
            },
            Message::Tick => self.keep_draft(),
            Message::Edited { control, text } => {
                let change = AnswerChange {
                    control: control.clone(),
                    observations: Some(text.clone()),
                    ..AnswerChange::default()
                };
                // Kept as a draft first, so a refused save loses nothing.
                vec![
                    Effect::KeepDraft { control, text },
                    Effect::SaveObservations(change),
                ]
            }
            Message::Failed(error) => {
                self.notice = Some(Notice::Error(error));
                Vec::new()
            }
            Message::Resize { width, height } => {
                self.too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
                Vec::new()
            }
        }
    }

    /// The editor's text, if typed since the last time it was kept.
    fn keep_draft(&mut self) -> Vec<Effect> {
        match &mut self.mode {
            Mode::Editing(editor) if editor.unsaved => {
                editor.unsaved = false;
                vec![Effect::KeepDraft {
                    control: editor.control.clone(),
                    text: editor.content(),
                }]
            }
            _ => Vec::new(),
        }
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind != ratatui::crossterm::event::KeyEventKind::Press {
            return Vec::new();
        }
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        let quit = matches!(self.mode, Mode::Normal) && key.code == KeyCode::Char('q');
        if self.too_small && !ctrl_c && !quit {
            return Vec::new();
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal => self.normal_key(key),
            Mode::Editing(editor) => self.editor_key(editor, key),
            Mode::Filtering => {
                self.filter_key(key);
                Vec::new()
            }
            Mode::Prompt(prompt) => self.prompt_key(prompt, key),
            Mode::Help => {
                // The help can be longer than a small terminal: arrows scroll it, any
                // other key closes it.
                let step = scroll_step(&key);
                if step != 0 {
                    let scroll = i32::from(self.help_scroll.min(self.help_room.get())) + step;
                    self.help_scroll = u16::try_from(scroll.max(0)).unwrap_or(0);
                    self.mode = Mode::Help;
                }
                Vec::new()
            }
            Mode::Drafts(drafts) => self.drafts_key(drafts, key),
            Mode::Form(form) => self.form_key(form, key),
            Mode::Confirm(removal) => self.confirm_key(removal, key),
            Mode::ControlLog(log) => {
                self.control_log_key(log, key);
                Vec::new()
            }
            Mode::CveMatches(lines) => self.cve_key(lines, key),
            Mode::ScanFacts(facts) => self.scan_key(facts, key),
            Mode::Told(mut told) => {
                // Arrows scroll a long account; any other key closes it.
                let step = scroll_step(&key);
                if step != 0 {
                    told.scroll = told.scroll.saturating_add_signed(step as i16);
                    self.mode = Mode::Told(told);
                }
                Vec::new()
            }
        }
    }

    fn normal_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.code == KeyCode::Esc && !self.filter.is_empty() {
            self.notice = None;
            self.start_filter();
            self.mode = Mode::Normal;
            return Vec::new();
        }
        let Some(action) = keys::action(self.bindings(), &key) else {
            return Vec::new();
        };
        self.notice = None;
        if self.is_record_screen()
            && let Some(effects) = self.records_action(action)
        {
            return effects;
        }
        if self.on_history()
            && let Some(effects) = self.history_action(action)
        {
            return effects;
        }
        match action {
            Action::Quit => {
                self.quit = true;
                vec![Effect::Quit]
            }
            Action::Suspend => vec![Effect::Suspend],
            Action::Help => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
                Vec::new()
            }
            Action::NextScreen | Action::PreviousScreen => {
                let screens = Screen::all();
                let here = screens.iter().position(|s| *s == self.screen).unwrap_or(0);
                let step = if action == Action::NextScreen {
                    1
                } else {
                    screens.len() - 1
                };
                self.screen = screens[(here + step) % screens.len()];
                self.detail_scroll = 0;
                match self.screen {
                    // Read afresh on each visit: rounds may have been closed or synced
                    // meanwhile.
                    Screen::History => vec![Effect::LoadHistory],
                    Screen::Assets if !self.cve_counted => vec![Effect::CountCves],
                    Screen::Summary if self.previous.is_none() => vec![Effect::LoadPrevious],
                    _ => Vec::new(),
                }
            }
            Action::Up => {
                self.step(-1);
                Vec::new()
            }
            Action::Down => {
                self.step(1);
                Vec::new()
            }
            Action::First => {
                self.step(isize::MIN / 2);
                Vec::new()
            }
            Action::Last => {
                self.step(isize::MAX / 2);
                Vec::new()
            }
            Action::PageUp => {
                self.detail_scroll = self.detail_scroll().saturating_sub(10);
                Vec::new()
            }
            Action::PageDown => {
                self.detail_scroll = self.detail_scroll().saturating_add(10);
                Vec::new()
            }
            Action::FocusLeft => {
                self.focus = match self.focus {
                    Focus::Detail => Focus::Controls,
                    _ => Focus::Domains,
                };
                Vec::new()
            }
            Action::FocusRight => {
                self.focus = match self.focus {
                    Focus::Domains => Focus::Controls,
                    _ => Focus::Detail,
                };
                Vec::new()
            }
            Action::SetLevel(level) => self.set_level(level),
            Action::NotApplicable => self.not_applicable(),
            Action::Edit => {
                self.open_editor(EditPurpose::Observations);
                Vec::new()
            }
            Action::ExternalEditor => match self.current_id() {
                Some(control) => {
                    let text = self.observations_or_draft(&control);
                    vec![Effect::ExternalEdit { control, text }]
                }
                None => Vec::new(),
            },
            Action::AttachEvidence => {
                if let Some(control) = self.current_id() {
                    self.mode = Mode::Prompt(Prompt::new(
                        PromptFor::Evidence(Attach::Control(control)),
                        String::new(),
                    ));
                }
                Vec::new()
            }
            Action::Filter => {
                self.start_filter();
                Vec::new()
            }
            Action::NextUnanswered => {
                self.next_unanswered();
                Vec::new()
            }
            Action::NewFinding => {
                self.new_finding_from_control();
                Vec::new()
            }
            Action::ControlHistory => match self.current_id() {
                Some(control) => vec![Effect::ControlLog(control)],
                None => Vec::new(),
            },
            Action::CveMatches => {
                self.open_cve_matches();
                Vec::new()
            }
            Action::ExportPlan => vec![Effect::ExportPlan],
            Action::RenderReport => vec![Effect::RenderReport],
            Action::Override => {
                let domain = match self.current() {
                    Some((domain, _)) if !self.filter.is_empty() => Some(domain.id.clone()),
                    _ => self
                        .engagement
                        .state()
                        .grid
                        .domains
                        .get(self.domain)
                        .map(|domain| domain.id.clone()),
                };
                if let Some(domain) = domain {
                    // The override in force, to edit rather than retype.
                    let label = self
                        .engagement
                        .state()
                        .meta
                        .overrides
                        .get(&domain)
                        .map(|entry| {
                            format!(
                                "{} {}",
                                self.lang.decimal(&entry.score.to_string()),
                                entry.justification
                            )
                        })
                        .unwrap_or_default();
                    self.mode = Mode::Prompt(Prompt::new(PromptFor::Override(domain), label));
                }
                Vec::new()
            }
            Action::ScanFacts => match self.current_id() {
                Some(control) => vec![Effect::LoadScanFacts(control)],
                None => Vec::new(),
            },
            // Record keys reach here only on screens that do not offer them.
            Action::New
            | Action::Delete
            | Action::PlanForFinding
            | Action::FilterStatus
            | Action::FilterDomain
            | Action::FilterOther
            | Action::Sort
            | Action::Mark
            | Action::CloseRound
            | Action::StartRound
            | Action::ImportAssets
            | Action::Sync => Vec::new(),
            Action::Details => {
                let form = Form::details(&self.engagement.state().meta);
                self.mode = Mode::Form(Box::new(form));
                Vec::new()
            }
        }
    }

    /// Moves the selection in the focused list, or scrolls the detail.
    fn step(&mut self, delta: isize) {
        match self.focus {
            Focus::Domains if self.filter.is_empty() => {
                let count = self.engagement.state().grid.domains.len();
                self.domain = clamp_step(self.domain, delta, count);
                self.selected = 0;
                self.detail_scroll = 0;
            }
            Focus::Detail => {
                let lines = u16::try_from(delta.unsigned_abs()).unwrap_or(u16::MAX);
                self.detail_scroll = if delta < 0 {
                    self.detail_scroll().saturating_sub(lines)
                } else {
                    self.detail_scroll().saturating_add(lines)
                };
            }
            _ => {
                let count = self.visible().len();
                self.selected = clamp_step(self.selected, delta, count);
                self.detail_scroll = 0;
            }
        }
    }

    fn set_level(&mut self, level: u8) -> Vec<Effect> {
        let Some(control) = self.current_id() else {
            return Vec::new();
        };
        if self.engagement.state().grid.scale_level(level).is_none() {
            self.notice = Some(Notice::Error(format!(
                "level {level} is outside the scale (0–{})",
                self.engagement.state().grid.max_level()
            )));
            return Vec::new();
        }
        vec![Effect::Save(AnswerChange {
            control,
            level: Some(Level::Score(level)),
            ..AnswerChange::default()
        })]
    }

    fn not_applicable(&mut self) -> Vec<Effect> {
        let Some(control) = self.current_id() else {
            return Vec::new();
        };
        let justified = self
            .answer(&control)
            .is_some_and(|answer| !answer.observations.trim().is_empty());
        if justified {
            return vec![Effect::Save(AnswerChange {
                control,
                level: Some(Level::NotApplicable),
                ..AnswerChange::default()
            })];
        }
        self.open_editor(EditPurpose::NotApplicable);
        self.notice = Some(Notice::Info(self.strings().editor_na.to_owned()));
        Vec::new()
    }

    /// The text to edit for `control`: a pending draft first, else the saved observations.
    fn observations_or_draft(&self, control: &str) -> String {
        if let Some(text) = self.drafted.get(control) {
            return text.clone();
        }
        self.answer(control)
            .map(|answer| answer.observations.clone())
            .unwrap_or_default()
    }

    fn open_editor(&mut self, purpose: EditPurpose) {
        if let Some(control) = self.current_id() {
            let text = self.observations_or_draft(&control);
            self.mode = Mode::Editing(Box::new(Editor::new(&control, purpose, &text)));
        }
    }

    fn editor_key(&mut self, mut editor: Box<Editor>, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('s') if ctrl => {
                let text = editor.content();
                let level = match editor.purpose {
                    EditPurpose::NotApplicable => Some(Level::NotApplicable),
                    EditPurpose::Observations => None,
                };
                let change = AnswerChange {
                    control: editor.control.clone(),
                    level,
                    observations: Some(text.clone()),
                    ..AnswerChange::default()
                };
                // Keep the text on disk until the save is confirmed.
                vec![
                    Effect::KeepDraft {
                        control: editor.control,
                        text,
                    },
                    Effect::SaveObservations(change),
                ]
            }
            KeyCode::Esc => {
                self.notice = Some(Notice::Info(self.strings().draft_kept.to_owned()));
                let text = editor.content();
                let unchanged = self
                    .answer(&editor.control)
                    .map_or(text.is_empty(), |answer| answer.observations == text);
                if unchanged {
                    vec![Effect::DiscardDraft {
                        control: editor.control,
                    }]
                } else {
                    vec![Effect::KeepDraft {
                        control: editor.control,
                        text,
                    }]
                }
            }
            KeyCode::Char('c') if ctrl => {
                self.quit = true;
                self.farewell = Some(format!(
                    "{} {}",
                    editor.control,
                    self.strings().draft_kept_on_quit
                ));
                let text = editor.content();
                vec![
                    Effect::KeepDraft {
                        control: editor.control,
                        text,
                    },
                    Effect::Quit,
                ]
            }
            _ => {
                if editor.text.input(key) {
                    editor.unsaved = true;
                }
                self.mode = Mode::Editing(editor);
                Vec::new()
            }
        }
    }

    /// A new filter, typed from nothing: every list from its top again.
    pub(super) fn start_filter(&mut self) {
        self.filter.clear();
        self.selected = 0;
        self.findings_list.selected = 0;
        self.actions_list.selected = 0;
        self.assets_list.selected = 0;
        self.mode = Mode::Filtering;
    }

    fn filter_key(&mut self, key: KeyEvent) {
        // The filter narrows every list: start each from its top again.
        self.findings_list.selected = 0;
        self.actions_list.selected = 0;
        self.assets_list.selected = 0;
        match key.code {
            KeyCode::Enter => {}
            KeyCode::Esc => {
                self.filter.clear();
                self.selected = 0;
            }
            KeyCode::Backspace => {
                self.filter.pop();
                self.selected = 0;
                self.mode = Mode::Filtering;
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.start_filter();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.filter.push(c);
                self.selected = 0;
                self.mode = Mode::Filtering;
            }
            _ => self.mode = Mode::Filtering,
        }
    }

    fn drafts_key(&mut self, mut drafts: Vec<Draft>, key: KeyEvent) -> Vec<Effect> {
        let Some(first) = drafts.first().cloned() else {
            return Vec::new();
        };
        let rest = |drafts: &mut Vec<Draft>| {
            drafts.remove(0);
            if drafts.is_empty() {
                Mode::Normal
            } else {
                Mode::Drafts(std::mem::take(drafts))
            }
        };
        match key.code {
            KeyCode::Enter => {
                self.select(&first.control);
                self.mode = Mode::Editing(Box::new(Editor::new(
                    &first.control,
                    EditPurpose::Observations,
                    &first.text,
                )));
                Vec::new()
            }
            KeyCode::Char('d') => {
                self.mode = rest(&mut drafts);
                self.drafted.remove(&first.control);
                vec![Effect::DiscardDraft {
                    control: first.control,
                }]
            }
            KeyCode::Esc => {
                self.mode = rest(&mut drafts);
                Vec::new()
            }
            KeyCode::Char('q') => {
                self.quit = true;
                vec![Effect::Quit]
            }
            _ => {
                self.mode = Mode::Drafts(drafts);
                Vec::new()
            }
        }
    }

    /// Selects `control` in its domain, clearing the filter.
    pub fn select(&mut self, control: &str) {
        let grid = &self.engagement.state().grid;
        for (d, domain) in grid.domains.iter().enumerate() {
            if let Some(c) = domain.controls.iter().position(|item| item.id == control) {
                self.filter.clear();
                self.domain = d;
                self.selected = c;
                self.screen = Screen::Checklist;
                self.detail_scroll = 0;
                return;
            }
        }
    }

    /// Scrolls the history of a control; any other key closes it.
    fn control_log_key(&mut self, mut log: Box<ControlLog>, key: KeyEvent) {
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => log.scroll = log.scroll.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => log.scroll = log.scroll.saturating_add(1),
            KeyCode::PageUp => log.scroll = log.scroll.saturating_sub(10),
            KeyCode::PageDown => log.scroll = log.scroll.saturating_add(10),
            _ => return,
        }
        self.mode = Mode::ControlLog(log);
    }

    /// Jumps to the next control with no answer, or with one carried over from the previous
    /// round and not yet re-verified.
    fn next_unanswered(&mut self) {
        let grid = &self.engagement.state().grid;
        let order: Vec<&str> = grid
            .controls()
            .map(|(_, control)| control.id.as_str())
            .collect();
        let here = self
            .current()
            .and_then(|(_, current)| order.iter().position(|id| *id == current.id))
            .unwrap_or(0);
        let next = (1..=order.len())
            .map(|offset| order[(here + offset) % order.len()])
            .find(|id| {
                self.engagement
                    .state()
                    .answers
                    .get(*id)
                    .is_none_or(|answer| answer.reverify)
            })
            .map(str::to_owned);
        match next {
            Some(id) => self.select(&id),
            None => self.notice = Some(Notice::Info(self.strings().all_answered.to_owned())),
        }
    }

    /// Carries out an effect that goes through the engagement; returns the ones that need
    /// the terminal (`$EDITOR`, suspend, quit) for the event loop.
    pub fn perform(&mut self, effect: Effect, now: jiff::Timestamp) -> Option<Effect> {
        match effect {
            Effect::Save(change) => {
                self.save(change, now);
                None
            }
            Effect::SaveObservations(change) => {
                let control = change.control.clone();
                if self.save(change, now) {
                    match self.engagement.discard_draft(&control) {
                        Ok(()) => {
                            self.drafted.remove(&control);
                        }
                        Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
                    }
                } else if let Some(Notice::Error(message)) = &self.notice {
                    // Keep the text in the editor so that nothing typed is lost.
                    let message = message.clone();
                    let text = self.observations_or_draft(&control);
                    self.select(&control);
                    self.mode = Mode::Editing(Box::new(Editor::new(
                        &control,
                        EditPurpose::Observations,
                        &text,
                    )));
                    self.notice = Some(Notice::Error(message));
                }
                None
            }
            Effect::KeepDraft { control, text } => {
                match self.engagement.save_draft(&control, &text) {
                    Ok(()) => {
                        self.drafted.insert(control, text);
                    }
                    Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
                }
                None
            }
            Effect::SaveRecord(record) => {
                self.save_record(*record, now);
                self.cves_changed();
                None
            }
            Effect::Remove(removal) => {
                self.remove_record(removal, now);
                self.cves_changed();
                None
            }
            Effect::ApplyCves => {
                self.apply_cves(now);
                None
            }
            Effect::DiscardDraft { control } => {
                if let Err(error) = self.engagement.discard_draft(&control) {
                    self.notice = Some(Notice::Error(phrase(&error, self.lang)));
                }
                self.drafted.remove(&control);
                None
            }
            Effect::LoadHistory => {
                self.load_history();
                None
            }
            Effect::Compare { from, to } => {
                self.compare(from, to);
                None
            }
            Effect::ControlLog(control) => {
                self.show_control_log(&control);
                None
            }
            Effect::CountCves => {
                self.refresh_cve_counts();
                None
            }
            Effect::LoadPrevious => {
                self.load_previous();
                None
            }
            Effect::ImportAssets(path) => {
                self.import_assets(&path, now);
                None
            }
            Effect::ExportPlan => {
                self.export_plan();
                None
            }
            Effect::RenderReport => {
                self.render_report(now);
                None
            }
            Effect::CloseRound(label) => {
                self.close_round(&label, now);
                None
            }
            Effect::StartRound(label) => {
                self.start_round(&label, now);
                None
            }
            Effect::Override { domain, value } => {
                let change = Change::Override { domain, value };
                let said = Said::of(&change);
                match self.engagement.change(change, &self.auditor, now) {
                    Ok(saved) => self.notice = Some(Notice::Info(self.say(said, &saved))),
                    Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
                }
                None
            }
            Effect::LoadScanFacts(control) => {
                self.load_scan_facts(&control);
                None
            }
            Effect::DecideScan {
                control,
                facts,
                decision,
            } => {
                self.decide_scan_facts(&control, &facts, decision, now);
                None
            }
            other => Some(other),
        }
    }

    /// The draft report, Markdown (with its radar) and HTML, in `reports/draft/`, as
    /// `vmsaudit report` writes it; where it went is said. Nothing is committed.
    fn render_report(&mut self, now: jiff::Timestamp) {
        let written = (|| -> crate::Result<Vec<std::path::PathBuf>> {
            let (rendered, _) = self.engagement.render_draft(self.lang, now)?;
            let dir = self.engagement.draft_report_dir()?;
            let mut written =
                crate::engagement::write_report(&dir, &rendered, crate::report::Format::Markdown)?;
            written.extend(crate::engagement::write_report(
                &dir,
                &rendered,
                crate::report::Format::Html,
            )?);
            Ok(written)
        })();
        self.notice = Some(match written {
            Ok(paths) => {
                let root = self.engagement.root();
                let names: Vec<String> = paths
                    .iter()
                    .filter(|path| {
                        path.extension()
                            .is_some_and(|ext| ext == "md" || ext == "html")
                    })
                    .map(|path| {
                        crate::text::one_line(
                            &path
                                .strip_prefix(root)
                                .unwrap_or(path)
                                .display()
                                .to_string(),
                        )
                    })
                    .collect();
                Notice::Info(format!(
                    "{} {}",
                    self.strings().report_written,
                    names.join(", ")
                ))
            }
            Err(error) => Notice::Error(phrase(&error, self.lang)),
        });
    }

    /// The previous round's domain scores; a round that cannot be read is said, and the
    /// summary goes on without it.
    fn load_previous(&mut self) {
        let read = || -> crate::Result<Option<PreviousScores>> {
            let Some(round) = self.engagement.previous_round()? else {
                return Ok(None);
            };
            let state = self.engagement.round_state(&round)?;
            let scores = state
                .grid
                .domains
                .iter()
                .map(|domain| {
                    let score = crate::assessment::effective_score(
                        domain,
                        &state.answers,
                        &state.meta.overrides,
                    );
                    (domain.id.clone(), score)
                })
                .collect();
            Ok(Some(PreviousScores {
                label: round.label,
                scores,
            }))
        };
        match read() {
            Ok(previous) => self.previous = Some(previous),
            Err(error) => {
                self.previous = Some(None);
                self.notice = Some(Notice::Error(phrase(&error, self.lang)));
            }
        }
    }

    /// What a save did, in the interface's language: in English the commit's message (it
    /// is English, and says the most), in French the same facts in a sentence.
    pub(super) fn say(&self, said: Said, saved: &crate::engagement::Saved) -> String {
        if self.lang == Lang::En {
            return saved.message.clone();
        }
        let s = self.strings();
        if saved.commit.is_none() {
            return s.said_nothing.to_owned();
        }
        let colon = s.colon;
        match said {
            Said::Answer {
                control,
                level,
                observations,
                evidence,
            } => {
                let mut parts = Vec::new();
                match level {
                    Some(Level::Score(n)) => parts.push(format!("{} {n}", s.said_level)),
                    Some(Level::NotApplicable) => parts.push(s.said_na.to_owned()),
                    None => {}
                }
                if observations {
                    parts.push(s.said_observations.to_owned());
                }
                if evidence {
                    parts.push(s.said_evidence.to_owned());
                }
                if parts.is_empty() {
                    parts.push(s.said_saved.to_owned());
                }
                format!("{control}{colon}{}", parts.join(", "))
            }
            Said::Created => format!(
                "{}{colon}{}",
                saved.created.as_deref().unwrap_or_default(),
                s.said_created
            ),
            Said::Edited(id) => format!("{id}{colon}{}", s.said_edited),
            Said::Removed(id) => format!("{id}{colon}{}", s.said_removed),
            Said::Assets => s.said_inventory.to_owned(),
            Said::Override(domain, Some(score)) => format!(
                "{domain}{colon}{} {}",
                s.said_override,
                self.lang.decimal(&score.to_string())
            ),
            Said::Override(domain, None) => format!("{domain}{colon}{}", s.said_override_removed),
            Said::Scan(control, crate::scan::Decision::Accepted) => {
                format!("{control}{colon}{}", s.said_scan_accepted)
            }
            Said::Scan(control, crate::scan::Decision::Dismissed) => {
                format!("{control}{colon}{}", s.said_scan_dismissed)
            }
            Said::Details => s.said_details.to_owned(),
            Said::Round(label) => format!("{} {}", s.round_started, crate::text::one_line(&label)),
        }
    }

    fn save(&mut self, change: AnswerChange, now: jiff::Timestamp) -> bool {
        let change = Change::Answer(change);
        let said = Said::of(&change);
        match self.engagement.change(change, &self.auditor, now) {
            Ok(saved) => {
                self.notice = Some(Notice::Info(self.say(said, &saved)));
                true
            }
            Err(error) => {
                self.notice = Some(Notice::Error(phrase(&error, self.lang)));
                false
            }
        }
    }

    /// The plan as `action list` orders it, in the engagement's language, written as
    /// `reports/draft/plan-action.xlsx` (kept out of history, as the draft report).
    fn export_plan(&mut self) {
        let (today, lang) = (self.today, self.engagement.state().meta.language);
        let written = self
            .engagement
            .export(
                crate::export::Kind::Plan,
                crate::engagement::ExportFormat::Xlsx,
                lang,
                today,
            )
            .and_then(|bytes| {
                let path = self.engagement.draft_report_dir()?.join("plan-action.xlsx");
                crate::engagement::write_private(&path, &bytes)
            });
        self.notice = Some(match written {
            Ok(path) => {
                let shown = path.strip_prefix(self.engagement.root()).unwrap_or(&path);
                let shown = crate::text::one_line(&shown.display().to_string());
                Notice::Info(self.strings().plan_exported.replace("{}", &shown))
            }
            Err(error) => Notice::Error(phrase(&error, self.lang)),
        });
    }

    /// Whether the editor has typed text not yet kept on disk (for the exit paths).
    pub fn pending_draft(&self) -> Option<(String, String)> {
        match &self.mode {
            Mode::Editing(editor) => Some((editor.control.clone(), editor.content())),
            _ => None,
        }
    }
}

/// A field as the checklist names it in a message: its form row's label, quoted.
pub(super) fn field_name(field: crate::field::Field, lang: Lang) -> String {
    let label = crate::messages::label(lang, field);
    match lang {
        Lang::En => format!("\"{label}\""),
        Lang::Fr => format!("«\u{a0}{label}\u{a0}»"),
    }
}

/// An error as one line of the checklist, in `lang`: what is wrong, then how to fix it.
pub(super) fn phrase(error: &crate::Error, lang: Lang) -> String {
    let name = |field| field_name(field, lang);
    let text = match error {
        crate::Error::Usage { message, hint } => format!("{message} — {hint}"),
        crate::Error::Said { wrong, fix } => crate::messages::phrase(lang, wrong, fix, &name),
        crate::Error::Locked { holder } => {
            let (message, hint) = crate::messages::locked(lang, holder.as_deref());
            format!("{message} — {hint}")
        }
        // The form shows each problem beside its field; elsewhere the field is named.
        crate::Error::Refused(refusal) => refusal
            .problems
            .iter()
            .map(|problem| {
                format!(
                    "{}{} {}",
                    name(problem.field),
                    colon(lang),
                    problem.phrase(lang, &name)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        crate::Error::Invalid(problems) => problems.phrase(lang),
        other => other.to_string(),
    };
    crate::text::one_line(&text)
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ":",
        Lang::Fr => "\u{a0}:",
    }
}

fn clamp_step(index: usize, delta: isize, count: usize) -> usize {
    if count == 0 {
        return 0;
    }
    index.saturating_add_signed(delta).min(count - 1)
}

/// How far a key scrolls a popup that closes on any other key (0: it closes it).
fn scroll_step(key: &KeyEvent) -> i32 {
    match key.code {
        KeyCode::Down | KeyCode::Char('j') => 1,
        KeyCode::Up | KeyCode::Char('k') => -1,
        KeyCode::PageDown => 10,
        KeyCode::PageUp => -10,
        _ => 0,
    }
}
