//! The checklist's state and the one function that changes it.
//!
//! [`App`] holds the screens and the mode over them (a popup, the filter being typed), and
//! routes: every message goes to the popup open, else to the screen shown, which answers
//! with what it asks ([`Do`]); the app applies that and hands back the [`Effect`]s. No key
//! reads or writes the disk. [`App::perform`] carries out the effects that go through the
//! engagement and gives their outcome to the screen or popup concerned; those that need the
//! terminal are left to the event loop. Tests drive `update` and `perform` directly.

use std::path::Path;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::assets::Assets;
use super::checklist::Checklist;
use super::complete::{self, expand_home};
use super::ctx::{Ctx, Shared};
use super::cve_matches::{CveChoice, CveMatches};
use super::editor::{Edited, Editor};
use super::findings::Findings;
use super::form::{DraftNow, Form, FormDraft, FormKey, Outcome};
use super::history::History;
use super::keys::{self, Action, Binding};
use super::plan::Plan;
use super::popups::{Confirmed, Drafts, Help, Recovered};
use super::prompt::{Prompt, PromptFor, Prompted};
use super::said::{Said, phrase};
use super::scan_facts::{Decided, ScanFacts};
use super::strings::Strings;
use super::summary::{PreviousScores, Summary};
use super::theme::Theme;
use crate::assessment::{Answer, Auditor, Level, PlanEntry};
use crate::engagement::Engagement;
use crate::grid::{Control, Domain, Lang};
use crate::rules::{AnswerChange, AssetChange, Change, FindingPatch};

pub use super::checklist::Focus;
pub use super::editor::EditPurpose;
pub use super::message::{Attach, Effect, Message, Notice, PathFor, Removal};
pub use super::mode::{Do, Mode, Screen};
pub use super::popups::Told;

/// Below this, the checklist cannot show a control legibly.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub struct App {
    shared: Shared,
    screen: Screen,
    checklist: Checklist,
    findings: Findings,
    plan: Plan,
    assets: Assets,
    summary: Summary,
    history: History,
    mode: Mode,
    notice: Option<Notice>,
    /// Whether the terminal is too small to draw the screens (see [`Message::Resize`]).
    too_small: bool,
    /// What to tell the user on the normal screen once the checklist has closed.
    farewell: Option<String>,
    quit: bool,
}

impl App {
    pub fn new(engagement: Engagement, auditor: Auditor, lang: Lang) -> Self {
        let drafts = engagement.drafts().unwrap_or_default();
        let drafted = drafts
            .iter()
            .filter(|draft| !draft.form)
            .map(|draft| (draft.control.clone(), draft.text.clone()))
            .collect();
        let mode = if drafts.is_empty() {
            Mode::Normal
        } else {
            Mode::Drafts(Drafts(drafts))
        };
        // References a merge left dangling: said at once (the CLI says it after each command).
        let notice = engagement.state().warnings.first().map(|first| {
            let more = match engagement.state().warnings.len() {
                1 => String::new(),
                count => super::strings::strings(lang)
                    .warnings_more
                    .replace("{}", &(count - 1).to_string()),
            };
            Notice::Error(format!("{}{more}", first.phrase(lang)))
        });
        let zone = crate::clock::local_zone();
        let shared = Shared {
            engagement,
            auditor,
            lang,
            today: crate::clock::now()
                .map(|now| crate::clock::day_in(now, &zone))
                .unwrap_or_default(),
            zone,
            filter: String::new(),
            drafted,
            pending_scan_facts: Default::default(),
        };
        let mut app = App {
            shared,
            screen: Screen::Checklist,
            checklist: Checklist::default(),
            findings: Findings::default(),
            plan: Plan::default(),
            assets: Assets::default(),
            summary: Summary::default(),
            history: History::default(),
            mode,
            notice,
            too_small: false,
            farewell: None,
            quit: false,
        };
        app.count_scan_facts();
        // What opening found, as the command line says it before any command: a sync killed
        // in its checkout and undone (run it again) first, then other users' access.
        let engagement = &app.shared.engagement;
        if let Some(warning) = engagement
            .sync_undone_warning(lang)
            .or_else(|| engagement.exposure_warning(lang))
        {
            app.notice = Some(Notice::Error(warning));
        }
        app
    }

    pub fn strings(&self) -> &'static Strings {
        self.shared.strings()
    }

    pub fn lang(&self) -> Lang {
        self.shared.lang
    }

    pub fn engagement(&self) -> &Engagement {
        &self.shared.engagement
    }

    /// The engagement, to change it behind the checklist's back (as a co-auditor's sync
    /// does): what tests of the checklist's reloads need.
    pub fn engagement_mut(&mut self) -> &mut Engagement {
        &mut self.shared.engagement
    }

    pub fn auditor(&self) -> &Auditor {
        &self.shared.auditor
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub fn filter(&self) -> &str {
        &self.shared.filter
    }

    pub fn today(&self) -> jiff::civil::Date {
        self.shared.today
    }

    /// The day overdue actions are judged against (the clock's, unless a test sets it).
    pub fn set_today(&mut self, today: jiff::civil::Date) {
        self.shared.today = today;
    }

    /// The zone moments and days are shown in (the machine's, unless a test sets it).
    pub fn set_zone(&mut self, zone: jiff::tz::TimeZone) {
        self.shared.zone = zone;
    }

    pub fn quit(&self) -> bool {
        self.quit
    }

    pub fn farewell(&self) -> Option<&str> {
        self.farewell.as_deref()
    }

    pub fn too_small(&self) -> bool {
        self.too_small
    }

    pub fn focus(&self) -> Focus {
        self.checklist.focus
    }

    /// The checklist's detail pane's scroll, never past its last line as last drawn.
    pub fn detail_scroll(&self) -> usize {
        self.detail().get()
    }

    /// How far the detail pane of the screen shown can scroll, as last drawn.
    pub fn detail_room(&self) -> usize {
        self.detail().room()
    }

    fn detail(&self) -> &super::widgets::Scroll {
        match self.screen {
            Screen::Findings => &self.findings.list.detail,
            Screen::Actions => &self.plan.list.detail,
            Screen::Assets => &self.assets.list.detail,
            _ => &self.checklist.detail,
        }
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn assets(&self) -> &Assets {
        &self.assets
    }

    pub fn previous(&self) -> Option<&Option<PreviousScores>> {
        self.summary.previous.as_ref()
    }

    /// The controls the checklist lists.
    pub fn visible(&self) -> Vec<(&Domain, &Control)> {
        self.checklist.visible(&self.shared.ctx())
    }

    pub fn current(&self) -> Option<(&Domain, &Control)> {
        self.checklist.current(&self.shared.ctx())
    }

    pub fn current_id(&self) -> Option<String> {
        self.checklist.current_id(&self.shared.ctx())
    }

    pub fn answer(&self, control: &str) -> Option<&Answer> {
        self.shared.ctx().answer(control)
    }

    pub fn visible_findings(&self) -> Vec<&crate::assessment::Finding> {
        self.findings.visible(&self.shared.ctx())
    }

    pub fn visible_actions(&self) -> Vec<PlanEntry<'_>> {
        self.plan.visible(&self.shared.ctx())
    }

    pub fn visible_assets(&self) -> Vec<&crate::assessment::Asset> {
        self.assets.visible(&self.shared.ctx())
    }

    pub fn is_record_screen(&self) -> bool {
        matches!(
            self.screen,
            Screen::Findings | Screen::Actions | Screen::Assets
        )
    }

    /// The id of the selected record on the screen shown.
    pub fn selected_record(&self) -> Option<String> {
        match self.screen {
            Screen::Findings => self.findings.selected_id(&self.shared.ctx()),
            Screen::Actions => self.plan.selected_id(&self.shared.ctx()),
            Screen::Assets => self.assets.selected_id(&self.shared.ctx()),
            _ => None,
        }
    }

    pub fn bindings(&self) -> &'static [Binding] {
        self.screen.bindings()
    }

    /// Whether the editor has typed text not yet kept on disk (for the exit paths).
    pub fn pending_draft(&self) -> Option<(String, String)> {
        match &self.mode {
            Mode::Editing(editor) => Some((editor.control.clone(), editor.content())),
            _ => None,
        }
    }

    /// Applies one message and returns what must be done outside the state.
    pub fn update(&mut self, message: Message) -> Vec<Effect> {
        match message {
            Message::Key(key) => self.key(key),
            // Terminals and tmux send a pasted line break as CR: a line break it is.
            Message::Paste(text) if text.contains('\r') => {
                self.update(Message::Paste(crate::text::unix_line_ends(&text)))
            }
            Message::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
            Message::Tick => self.keep_draft(),
            Message::Edited { control, text } => save_observations(control, None, text),
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

    fn paste(&mut self, text: &str) {
        if text.is_empty() || self.too_small {
            return;
        }
        match &mut self.mode {
            Mode::Editing(editor) => editor.paste(text),
            Mode::Form(form) => form.paste(text),
            Mode::Prompt(prompt) => prompt.paste(text),
            Mode::Filtering => {
                self.shared.filter.push_str(&crate::text::one_line(text));
                self.checklist.selected = 0;
            }
            _ => {}
        }
    }

    /// The editor's text, or the form's fields, if typed since the last time they were kept.
    fn keep_draft(&mut self) -> Vec<Effect> {
        match &mut self.mode {
            Mode::Form(form) => match form.take_unsaved() {
                DraftNow::Same => Vec::new(),
                DraftNow::Keep(text) => vec![Effect::KeepFormDraft {
                    name: form.draft_name(),
                    text,
                }],
                DraftNow::Discard => vec![Effect::DiscardFormDraft {
                    name: form.draft_name(),
                }],
            },
            Mode::Editing(editor) => editor
                .take_unsaved()
                .map(|text| Effect::KeepDraft {
                    control: editor.control.clone(),
                    text,
                })
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A key goes to the popup open, else to the screen shown.
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
        let keep = |app: &mut App, mode: Mode| {
            app.mode = mode;
            Vec::new()
        };
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal => self.screen_key(key),
            Mode::Editing(editor) => self.editor_key(editor, key),
            Mode::Filtering => {
                self.filter_key(key);
                Vec::new()
            }
            Mode::Prompt(prompt) => self.prompt_key(prompt, key),
            Mode::Drafts(drafts) => self.drafts_key(drafts, key),
            Mode::Form(form) => self.form_key(form, key),
            Mode::Confirm(mut confirm) => match confirm.key(&key) {
                Confirmed::Yes => vec![Effect::Remove(confirm.0)],
                Confirmed::Moved => keep(self, Mode::Confirm(confirm)),
                Confirmed::No => Vec::new(),
            },
            // Arrows scroll these popups; any other key closes them.
            Mode::Help(mut help) => match help.key(&key) {
                true => keep(self, Mode::Help(help)),
                false => Vec::new(),
            },
            Mode::ControlLog(mut log) => match log.key(&key) {
                true => keep(self, Mode::ControlLog(log)),
                false => Vec::new(),
            },
            Mode::Told(mut told) => match told.key(&key) {
                true => keep(self, Mode::Told(told)),
                false => Vec::new(),
            },
            Mode::CveMatches(matches) => match matches.key(&key) {
                CveChoice::Apply => vec![Effect::ApplyCves],
                CveChoice::Close => Vec::new(),
                CveChoice::Stay => keep(self, Mode::CveMatches(matches)),
            },
            Mode::ScanFacts(mut facts) => match facts.key(&key) {
                Decided::Stay => keep(self, Mode::ScanFacts(facts)),
                Decided::Close => Vec::new(),
                Decided::Decide(chosen, decision) => vec![Effect::DecideScan {
                    control: facts.control.clone(),
                    facts: chosen,
                    decision,
                }],
            },
        }
    }

    /// A key of the screen shown: the screen answers the keys it offers, the app the ones
    /// common to all (screens, help, quit, suspend).
    fn screen_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.code == KeyCode::Esc && !self.shared.filter.is_empty() {
            self.notice = None;
            self.start_filter();
            self.mode = Mode::Normal;
            return Vec::new();
        }
        let Some(action) = keys::action(self.bindings(), &key) else {
            return Vec::new();
        };
        self.notice = None;
        let ctx = &self.shared.ctx();
        let asked = match self.screen {
            Screen::Checklist => self.checklist.update(action, ctx),
            Screen::Findings => self.findings.update(action, ctx),
            Screen::Actions => self.plan.update(action, ctx),
            Screen::Assets => self.assets.update(action, ctx),
            Screen::Summary => self.summary.update(action, ctx),
            Screen::History => self.history.update(action, ctx),
        };
        match asked {
            Some(asked) => self.apply(asked),
            None => self.common_key(action),
        }
    }

    fn common_key(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => {
                self.quit = true;
                vec![Effect::Quit]
            }
            Action::Suspend => vec![Effect::Suspend],
            Action::Help => {
                self.mode = Mode::Help(Help::new(self.bindings()));
                Vec::new()
            }
            Action::NextScreen | Action::PreviousScreen => {
                self.show(self.screen.next(action == Action::PreviousScreen));
                match self.screen {
                    // Read afresh on each visit: rounds may have been closed or synced
                    // meanwhile.
                    Screen::History => vec![Effect::LoadHistory],
                    Screen::Assets if !self.assets.cve_counted => vec![Effect::CountCves],
                    Screen::Summary => self.summary.shown().into_iter().collect(),
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// Does what a screen asked, in order; returns the effects among it.
    fn apply(&mut self, asked: Vec<Do>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for one in asked {
            match one {
                Do::Effect(effect) => effects.push(effect),
                Do::Open(mode) => self.mode = mode,
                Do::Show(screen) => self.show(screen),
                Do::Say(notice) => self.notice = Some(notice),
                Do::Filter => self.start_filter(),
                Do::Select(control) => self.select(&control),
            }
        }
        effects
    }

    /// Shows `screen`, its detail from the top.
    fn show(&mut self, screen: Screen) {
        self.screen = screen;
        match screen {
            Screen::Findings => self.findings.list.detail.top = 0,
            Screen::Actions => self.plan.list.detail.top = 0,
            Screen::Assets => self.assets.list.detail.top = 0,
            _ => self.checklist.detail.top = 0,
        }
    }

    /// Selects `control` in its domain on the checklist, clearing the filter.
    pub fn select(&mut self, control: &str) {
        let found = self
            .shared
            .engagement
            .state()
            .grid
            .controls()
            .any(|(_, c)| c.id == control);
        if found {
            self.shared.filter.clear();
            self.checklist.select(&self.shared.ctx(), control);
            self.show(Screen::Checklist);
        }
    }

    fn editor_key(&mut self, mut editor: Box<Editor>, key: KeyEvent) -> Vec<Effect> {
        let control = editor.control.clone();
        match editor.key(key) {
            Edited::Typing => {
                self.mode = Mode::Editing(editor);
                Vec::new()
            }
            Edited::Save(text) => {
                let level = match editor.purpose {
                    EditPurpose::NotApplicable => Some(Level::NotApplicable),
                    EditPurpose::Observations => None,
                };
                save_observations(control, level, text)
            }
            Edited::Leave(text) => {
                self.notice = Some(Notice::Info(self.strings().draft_kept.to_owned()));
                let unchanged = self
                    .answer(&control)
                    .map_or(text.is_empty(), |answer| answer.observations == text);
                if unchanged {
                    vec![Effect::DiscardDraft { control }]
                } else {
                    vec![Effect::KeepDraft { control, text }]
                }
            }
            Edited::Quit(text) => {
                self.quit = true;
                self.farewell = Some(format!("{control} {}", self.strings().draft_kept_on_quit));
                vec![Effect::KeepDraft { control, text }, Effect::Quit]
            }
        }
    }

    /// A new filter, typed from nothing: every list from its top again.
    fn start_filter(&mut self) {
        self.shared.filter.clear();
        self.checklist.selected = 0;
        self.lists_from_top();
        self.mode = Mode::Filtering;
    }

    fn lists_from_top(&mut self) {
        self.findings.list.selected = 0;
        self.plan.list.selected = 0;
        self.assets.list.selected = 0;
    }

    fn filter_key(&mut self, key: KeyEvent) {
        // The filter narrows every list: start each from its top again.
        self.lists_from_top();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => {}
            KeyCode::Esc => {
                self.shared.filter.clear();
                self.checklist.selected = 0;
            }
            KeyCode::Backspace => {
                self.shared.filter.pop();
                self.checklist.selected = 0;
                self.mode = Mode::Filtering;
            }
            KeyCode::Char('u') if ctrl => self.start_filter(),
            KeyCode::Char(c) if !ctrl => {
                self.shared.filter.push(c);
                self.checklist.selected = 0;
                self.mode = Mode::Filtering;
            }
            _ => self.mode = Mode::Filtering,
        }
    }

    fn prompt_key(&mut self, mut prompt: Prompt, key: KeyEvent) -> Vec<Effect> {
        // A message about the text typed is stale once it changes.
        self.notice = None;
        match prompt.key(&key, &self.shared.ctx()) {
            Prompted::Typing => {
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            Prompted::Cancel => Vec::new(),
            Prompted::Ask(effect) => {
                self.mode = Mode::Prompt(prompt);
                vec![effect]
            }
            Prompted::Done(effect) => vec![effect],
            Prompted::Refused(said) => {
                self.notice = Some(Notice::Error(said));
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
        }
    }

    fn drafts_key(&mut self, mut drafts: Drafts, key: KeyEvent) -> Vec<Effect> {
        let recovered = drafts.key(&key);
        // The next draft, if any is left, is offered in turn.
        let mut offer_rest = |app: &mut App| {
            if !drafts.0.is_empty() {
                app.mode = Mode::Drafts(std::mem::take(&mut drafts));
            }
        };
        match recovered {
            Recovered::Offering => {
                offer_rest(self);
                Vec::new()
            }
            Recovered::Edit(draft) if draft.form => {
                self.recover_form(&draft);
                Vec::new()
            }
            Recovered::Discard(draft) if draft.form => {
                offer_rest(self);
                vec![Effect::DiscardFormDraft {
                    name: draft.control,
                }]
            }
            Recovered::Edit(draft) => {
                self.select(&draft.control);
                self.mode = Mode::Editing(Box::new(Editor::new(
                    &draft.control,
                    EditPurpose::Observations,
                    &draft.text,
                )));
                Vec::new()
            }
            Recovered::Discard(draft) => {
                offer_rest(self);
                self.shared.drafted.remove(&draft.control);
                vec![Effect::DiscardDraft {
                    control: draft.control,
                }]
            }
            Recovered::Skip => {
                offer_rest(self);
                Vec::new()
            }
            Recovered::Quit => {
                self.quit = true;
                vec![Effect::Quit]
            }
        }
    }

    fn form_key(&mut self, mut form: Box<Form>, key: KeyEvent) -> Vec<Effect> {
        let FormKey { outcome, change } = form.update(key, &self.shared.ctx());
        match outcome {
            Outcome::Continue => {
                self.mode = Mode::Form(form);
                Vec::new()
            }
            Outcome::Close => {
                // "Unsaved changes..." was about the form just closed.
                self.notice = None;
                // Closed on purpose (Ctrl-D, or Esc with nothing typed): no draft to offer.
                vec![Effect::DiscardFormDraft {
                    name: form.draft_name(),
                }]
            }
            Outcome::CloseRefused => {
                self.notice = Some(Notice::Info(self.strings().form_unsaved.to_owned()));
                self.mode = Mode::Form(form);
                Vec::new()
            }
            Outcome::Save => {
                self.mode = Mode::Form(form);
                match change {
                    Some(change) => vec![Effect::SaveRecord(Box::new(change))],
                    None => {
                        self.notice = Some(Notice::Error(self.strings().form_invalid.to_owned()));
                        Vec::new()
                    }
                }
            }
        }
    }

    /// Draws the screen shown, and the popup over it.
    pub fn draw(&self, theme: Theme, frame: &mut Frame, body: Rect) {
        let ctx = &self.shared.ctx();
        match self.screen {
            Screen::Checklist => self.checklist.draw(ctx, theme, frame, body),
            Screen::Findings => self.findings.draw(ctx, theme, frame, body),
            Screen::Actions => self.plan.draw(ctx, theme, frame, body),
            Screen::Assets => self.assets.draw(ctx, theme, frame, body),
            Screen::Summary => self.summary.draw(ctx, theme, frame, body),
            Screen::History => self.history.draw(ctx, theme, frame, body),
        }
        match &self.mode {
            Mode::Editing(editor) => editor.draw(ctx, theme, frame, body),
            Mode::Help(help) => help.draw(ctx, theme, frame, body),
            Mode::Form(form) => form.draw(ctx, theme, frame, body),
            Mode::Confirm(confirm) => confirm.draw(ctx, theme, frame, body),
            Mode::ControlLog(log) => log.draw(ctx, theme, frame, body),
            Mode::CveMatches(matches) => matches.draw(ctx, theme, frame, body),
            Mode::ScanFacts(facts) => facts.draw(ctx, theme, frame, body),
            Mode::Told(told) => told.draw(ctx, theme, frame, body),
            Mode::Drafts(drafts) => drafts.draw(ctx, theme, frame, body),
            Mode::Normal | Mode::Filtering | Mode::Prompt(_) => {}
        }
    }

    pub(super) fn ctx(&self) -> Ctx<'_> {
        self.shared.ctx()
    }
}

/// Observations typed (in the editor or `$EDITOR`) to save: kept as a draft first, so that
/// a refused save loses nothing.
fn save_observations(control: String, level: Option<Level>, text: String) -> Vec<Effect> {
    let change = AnswerChange {
        control: control.clone(),
        level,
        observations: Some(text.clone()),
        ..AnswerChange::default()
    };
    vec![
        Effect::KeepDraft { control, text },
        Effect::SaveObservations(change),
    ]
}

/// Carrying out the effects: each goes through the engagement, and its outcome goes to the
/// screen or popup it concerns, or to the status line.
impl App {
    /// Carries out an effect that goes through the engagement; returns the ones that need
    /// the terminal (`$EDITOR`, suspend, quit, sync) for the event loop.
    pub fn perform(&mut self, effect: Effect, now: jiff::Timestamp) -> Option<Effect> {
        match effect {
            Effect::ExternalEdit { .. } | Effect::Suspend | Effect::Quit | Effect::Sync => {
                return Some(effect);
            }
            Effect::Save(_)
            | Effect::SaveObservations(_)
            | Effect::KeepDraft { .. }
            | Effect::DiscardDraft { .. }
            | Effect::KeepFormDraft { .. }
            | Effect::DiscardFormDraft { .. } => self.write_answer(effect, now),
            Effect::SaveRecord(_)
            | Effect::Remove(_)
            | Effect::ApplyCves
            | Effect::Override { .. }
            | Effect::DecideScan { .. }
            | Effect::CloseRound(_)
            | Effect::StartRound(_)
            | Effect::UsePath { .. } => self.write_record(effect, now),
            _ => self.read(effect, now),
        }
        None
    }

    /// Answers and drafts.
    fn write_answer(&mut self, effect: Effect, now: jiff::Timestamp) {
        match effect {
            Effect::Save(change) => {
                self.change(Change::Answer(change), now);
            }
            Effect::SaveObservations(change) => self.save_observations(change, now),
            Effect::KeepDraft { control, text } => {
                match self.shared.engagement.save_draft(&control, &text) {
                    Ok(()) => {
                        self.shared.drafted.insert(control, text);
                    }
                    Err(error) => self.fail(&error),
                }
            }
            Effect::DiscardDraft { control } => {
                if let Err(error) = self.shared.engagement.discard_draft(&control) {
                    self.fail(&error);
                }
                self.shared.drafted.remove(&control);
            }
            Effect::KeepFormDraft { name, text } => {
                if let Err(error) = self.shared.engagement.save_form_draft(&name, &text) {
                    self.fail(&error);
                }
            }
            Effect::DiscardFormDraft { name } => {
                if let Err(error) = self.shared.engagement.discard_form_draft(&name) {
                    self.fail(&error);
                }
            }
            _ => {}
        }
    }

    /// Findings, actions, assets, overrides, scans' facts, rounds.
    fn write_record(&mut self, effect: Effect, now: jiff::Timestamp) {
        match effect {
            Effect::SaveRecord(record) => {
                self.save_record(*record, now);
                self.cves_changed();
            }
            Effect::Remove(removal) => {
                self.remove_record(removal, now);
                self.cves_changed();
            }
            Effect::ApplyCves => self.apply_cves(now),
            Effect::Override { domain, value } => {
                self.change(Change::Override { domain, value }, now);
            }
            Effect::DecideScan {
                control,
                facts,
                decision,
            } => self.decide_scan_facts(&control, &facts, decision, now),
            Effect::CloseRound(label) => self.close_round(&label, now),
            Effect::StartRound(label) => self.start_round(&label, now),
            Effect::UsePath { purpose, typed } => self.use_path(purpose, typed, now),
            _ => {}
        }
    }

    /// What the screens and popups read: rounds, comparisons, logs, counts, the pack, the
    /// scans, the folders typed; and the files written outside history (report, plan).
    fn read(&mut self, effect: Effect, now: jiff::Timestamp) {
        match effect {
            Effect::LoadHistory => self.load_history(),
            Effect::Compare { from, to } => self.compare(from, to),
            Effect::ControlLog(control) => self.show_control_log(&control),
            Effect::CountCves => self.refresh_cve_counts(),
            Effect::LoadPrevious => self.load_previous(),
            Effect::LoadScanFacts(control) => self.load_scan_facts(&control),
            Effect::LoadCveMatches => self.open_cve_matches(),
            Effect::CompletePath(typed) => self.complete_path(&typed),
            Effect::ExportPlan => self.export_plan(),
            Effect::RenderReport => self.render_report(now),
            _ => {}
        }
    }

    fn fail(&mut self, error: &crate::Error) {
        self.notice = Some(Notice::Error(phrase(error, self.shared.lang)));
    }

    /// A change through the rule book and the engagement, what it did said on the status
    /// line; the engagement's answer, for what follows.
    fn change(&mut self, change: Change, now: jiff::Timestamp) -> Option<crate::engagement::Saved> {
        let said = Said::of(&change);
        match self
            .shared
            .engagement
            .change(change, &self.shared.auditor, now)
        {
            Ok(saved) => {
                self.notice = Some(Notice::Info(said.say(self.shared.lang, &saved)));
                Some(saved)
            }
            Err(error) => {
                self.fail(&error);
                None
            }
        }
    }

    /// Observations typed in the editor: the draft goes once they are saved; a refusal
    /// opens the editor again on the text, so that nothing typed is lost.
    fn save_observations(&mut self, change: AnswerChange, now: jiff::Timestamp) {
        let control = change.control.clone();
        if self.change(Change::Answer(change), now).is_some() {
            match self.shared.engagement.discard_draft(&control) {
                Ok(()) => {
                    self.shared.drafted.remove(&control);
                }
                Err(error) => self.fail(&error),
            }
        } else {
            let said = self.notice.take();
            let text = self.shared.ctx().observations_or_draft(&control);
            self.select(&control);
            self.mode = Mode::Editing(Box::new(Editor::new(
                &control,
                EditPurpose::Observations,
                &text,
            )));
            self.notice = said;
        }
    }

    /// Saves a record built from a form; the form stays open, with the error, when the
    /// engagement refuses it.
    fn save_record(&mut self, change: Change, now: jiff::Timestamp) {
        let drafted = match &self.mode {
            Mode::Form(form) => Some(form.draft_name()),
            _ => None,
        };
        if let Some(saved) = self.change(change, now) {
            self.mode = Mode::Normal;
            // Saved: the form's draft, if a tick kept one, says nothing more.
            if let Some(name) = drafted
                && let Err(error) = self.shared.engagement.discard_form_draft(&name)
            {
                self.fail(&error);
            }
            if let Some(id) = saved.created {
                self.select_record(&id);
            }
        }
    }

    fn remove_record(&mut self, removal: Removal, now: jiff::Timestamp) {
        let change = match removal {
            Removal::Finding(id) => Change::RemoveFinding(id),
            Removal::Action(id) => Change::RemoveAction(id),
            Removal::Asset(id) => Change::Asset(AssetChange::Remove(id)),
            Removal::Evidence {
                from,
                mut listed,
                chosen,
            } => {
                let path = vec![listed.swap_remove(chosen.min(listed.len().saturating_sub(1)))];
                match from {
                    Attach::Control(control) => Change::Answer(AnswerChange {
                        control,
                        drop_evidence: path,
                        ..AnswerChange::default()
                    }),
                    Attach::Finding(id) => Change::EditFinding(
                        id,
                        FindingPatch {
                            drop_evidence: path,
                            ..FindingPatch::default()
                        },
                    ),
                }
            }
        };
        self.change(change, now);
        let ctx = &self.shared.ctx();
        match self.screen {
            Screen::Findings => self.findings.list.clamp(self.findings.visible(ctx).len()),
            Screen::Actions => self.plan.list.clamp(self.plan.visible(ctx).len()),
            Screen::Assets => self.assets.list.clamp(self.assets.visible(ctx).len()),
            _ => {}
        }
    }

    /// Selects the record `id` on the screen shown, clearing the filters that hide it.
    fn select_record(&mut self, id: &str) {
        let position = |app: &App| match app.screen {
            Screen::Findings => app.findings.position(&app.shared.ctx(), id),
            Screen::Actions => app.plan.position(&app.shared.ctx(), id),
            Screen::Assets => app.assets.position(&app.shared.ctx(), id),
            _ => None,
        };
        if position(self).is_none() {
            self.shared.filter.clear();
            match self.screen {
                Screen::Findings => self.findings.clear_filters(),
                Screen::Actions => self.plan.clear_filters(),
                Screen::Assets => self.assets.clear_filters(),
                _ => {}
            }
        }
        if let Some(index) = position(self) {
            match self.screen {
                Screen::Findings => self.findings.list.selected = index,
                Screen::Actions => self.plan.list.selected = index,
                Screen::Assets => self.assets.list.selected = index,
                _ => {}
            }
        }
    }

    /// A path typed for a file: said at once if it is none, else used (the evidence's
    /// note asked next, or the assets imported).
    fn use_path(&mut self, purpose: PathFor, typed: String, now: jiff::Timestamp) {
        if let Some(problem) = self.not_a_file(&typed) {
            self.notice = Some(Notice::Error(problem));
            let asked = match purpose {
                PathFor::Evidence(target) => PromptFor::Evidence(target),
                PathFor::ImportAssets => PromptFor::ImportAssets,
            };
            self.mode = Mode::Prompt(Prompt::new(asked, typed));
            return;
        }
        match purpose {
            PathFor::Evidence(target) => {
                self.mode = Mode::Prompt(Prompt::new(
                    PromptFor::EvidenceNote(target, typed),
                    String::new(),
                ));
            }
            PathFor::ImportAssets => self.import_assets(&expand_home(&typed), now),
        }
    }

    /// What is wrong with `typed` as a file to read, if anything.
    fn not_a_file(&self, typed: &str) -> Option<String> {
        let strings = self.strings();
        let shown = crate::text::one_line(typed);
        match std::fs::metadata(expand_home(typed)) {
            Ok(meta) if meta.is_file() => None,
            Ok(_) => Some(format!("{} {shown}", strings.not_a_file)),
            Err(_) => Some(format!("{} {shown}", strings.no_such_file)),
        }
    }

    /// Tab in a prompt for a path: as far as the folders typed make it unambiguous, and the
    /// names left to choose between.
    fn complete_path(&mut self, typed: &str) {
        let completed = complete::complete(typed);
        let Mode::Prompt(prompt) = &mut self.mode else {
            return;
        };
        if completed.text == prompt.label && completed.choices.is_empty() {
            self.notice = Some(Notice::Error(format!(
                "{} {}",
                self.shared.strings().no_completion,
                crate::text::one_line(&prompt.label)
            )));
        }
        prompt.label = completed.text;
        prompt.choices = completed.choices;
    }

    /// `asset import FILE`: every row or none, through the rule book.
    fn import_assets(&mut self, path: &Path, now: jiff::Timestamp) {
        match crate::files::read_text(path, crate::files::MAX_RECORD_BYTES) {
            Ok(text) => {
                let change = Change::Asset(AssetChange::Import {
                    file: path.display().to_string(),
                    text,
                });
                self.save_record(change, now);
                self.cves_changed();
            }
            Err(error) => self.fail(&error),
        }
    }

    /// Recounts the known CVEs of each asset; an unreadable pack leaves the counts empty
    /// and says why.
    fn refresh_cve_counts(&mut self) {
        self.assets.cve_counted = true;
        match self.shared.engagement.cve_counts() {
            Ok(counts) => {
                self.assets.cve_counts = self
                    .shared
                    .engagement
                    .state()
                    .assets
                    .iter()
                    .map(|asset| asset.id.clone())
                    .zip(counts)
                    .collect();
            }
            Err(error) => {
                self.assets.cve_counts.clear();
                self.fail(&error);
            }
        }
    }

    /// The inventory or the findings may have changed: the counts are redone now if the
    /// assets screen shows them, at its next visit otherwise.
    fn cves_changed(&mut self) {
        if self.screen == Screen::Assets {
            self.refresh_cve_counts();
        } else {
            self.assets.cve_counted = false;
        }
    }

    fn open_cve_matches(&mut self) {
        match self.shared.engagement.cve_pack() {
            Ok(pack) => {
                let assets = self.shared.engagement.state().assets.as_slice();
                self.mode = Mode::CveMatches(CveMatches::new(&pack, assets, self.shared.lang));
            }
            Err(error) => self.fail(&error),
        }
    }

    /// One finding per CVE affecting the inventory: created, or its assets brought up to date.
    fn apply_cves(&mut self, now: jiff::Timestamp) {
        let who = self.shared.auditor.clone();
        match self.shared.engagement.apply_cve_matches(None, &who, now) {
            Ok(applied) => {
                let mut created = 0;
                let mut updated = 0;
                for entry in &applied {
                    match entry.outcome {
                        crate::engagement::Outcome::Created { .. } => created += 1,
                        crate::engagement::Outcome::AssetsAdded { .. } => updated += 1,
                        _ => {}
                    }
                }
                self.notice = Some(Notice::Info(format!(
                    "CVE: {created} finding(s) created, {updated} updated, {} unchanged",
                    applied.len() - created - updated
                )));
                self.show(Screen::Findings);
            }
            Err(error) => self.fail(&error),
        }
        self.cves_changed();
    }

    /// Counts, per control, the scans' facts not yet decided; a scan that cannot be read
    /// counts nothing here (`S` says why).
    fn count_scan_facts(&mut self) {
        self.shared.pending_scan_facts.clear();
        for proposal in self.shared.engagement.scan_proposals().unwrap_or_default() {
            if proposal.decision.is_none() {
                *self
                    .shared
                    .pending_scan_facts
                    .entry(proposal.control)
                    .or_default() += 1;
            }
        }
    }

    fn load_scan_facts(&mut self, control: &str) {
        match self.shared.engagement.scan_proposals() {
            Ok(all) => self.mode = Mode::ScanFacts(Box::new(ScanFacts::new(control, all))),
            Err(error) => self.fail(&error),
        }
    }

    /// Accepts or dismisses `facts` on `control`, then shows the popup again as it stands.
    fn decide_scan_facts(
        &mut self,
        control: &str,
        facts: &[String],
        decision: crate::scan::Decision,
        now: jiff::Timestamp,
    ) {
        let who = self.shared.auditor.clone();
        let result = self
            .shared
            .engagement
            .decide_scan(control, facts, decision, None, &who, now);
        let notice = match result {
            Ok(saved) => {
                Notice::Info(Said::Scan(control.to_owned(), decision).say(self.shared.lang, &saved))
            }
            Err(error) => Notice::Error(phrase(&error, self.shared.lang)),
        };
        self.load_scan_facts(control);
        self.count_scan_facts();
        self.notice = Some(notice);
    }

    /// Reads the rounds and their scores, then compares the last one with the working copy.
    fn load_history(&mut self) {
        match History::load(
            &self.shared.engagement,
            self.shared.strings().working_copy,
            &self.shared.zone,
        ) {
            Ok(history) => {
                self.history = history;
                if let Some((from, to)) = self.history.pair() {
                    self.compare(from, to);
                }
            }
            Err(error) => self.fail(&error),
        }
    }

    fn compare(&mut self, from: usize, to: usize) {
        let shared = &self.shared;
        let compared =
            self.history
                .compare(&shared.engagement, from, to, (shared.today, shared.lang));
        if let Err(error) = compared {
            self.fail(&error);
        }
    }

    /// Shows the history of `control` over the checklist.
    fn show_control_log(&mut self, control: &str) {
        let engagement = &self.shared.engagement;
        let result = engagement
            .control_log(control)
            .and_then(|entries| Ok((entries, engagement.rounds()?)));
        match result {
            Ok((entries, rounds)) => {
                self.mode = Mode::ControlLog(Box::new(super::control_log::ControlLog {
                    control: control.to_owned(),
                    entries,
                    rounds,
                    scroll: 0,
                }));
            }
            Err(error) => self.fail(&error),
        }
    }

    /// The previous round's domain scores; a round that cannot be read is said, and the
    /// summary goes on without it.
    fn load_previous(&mut self) {
        let engagement = &self.shared.engagement;
        let read = || -> crate::Result<Option<PreviousScores>> {
            let Some(round) = engagement.previous_round()? else {
                return Ok(None);
            };
            let state = engagement.round_state(&round)?;
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
            Ok(previous) => self.summary.previous = Some(previous),
            Err(error) => {
                self.summary.previous = Some(None);
                self.fail(&error);
            }
        }
    }

    /// The draft report, Markdown (with its radar) and HTML, in `reports/draft/`, as
    /// `vmsaudit report` writes it; where it went is said. Nothing is committed.
    fn render_report(&mut self, now: jiff::Timestamp) {
        let engagement = &self.shared.engagement;
        let written = (|| -> crate::Result<(Vec<std::path::PathBuf>, usize)> {
            let (rendered, _, evidence) = engagement.render_draft(self.shared.lang, now)?;
            let dir = engagement.draft_report_dir()?;
            let mut written =
                crate::engagement::write_report(&dir, &rendered, crate::report::Format::Markdown)?;
            written.extend(crate::engagement::write_report(
                &dir,
                &rendered,
                crate::report::Format::Html,
            )?);
            Ok((written, evidence.len()))
        })();
        match written {
            Ok((paths, faults)) => {
                let names: Vec<String> = paths
                    .iter()
                    .filter(|path| {
                        path.extension()
                            .is_some_and(|ext| ext == "md" || ext == "html")
                    })
                    .map(|path| self.shown_path(path))
                    .collect();
                let said = format!("{} {}", self.strings().report_written, names.join(", "));
                // The report is written either way; what it cannot vouch for is no mere news.
                self.notice = Some(match faults {
                    0 => Notice::Info(said),
                    faults => Notice::Error(format!(
                        "{said}{}",
                        self.strings()
                            .report_evidence_marked
                            .replace("{}", &faults.to_string())
                    )),
                });
            }
            Err(error) => self.fail(&error),
        }
    }

    /// A path written, as the status line says it: below the engagement's folder.
    fn shown_path(&self, path: &Path) -> String {
        let shown = path
            .strip_prefix(self.shared.engagement.root())
            .unwrap_or(path);
        crate::text::one_line(&shown.display().to_string())
    }

    /// The plan as `action list` orders it, in the interface's language (as `vmsaudit
    /// export` with `--lang`), written as `reports/draft/plan-action.xlsx` (kept out of
    /// history, as the draft report).
    fn export_plan(&mut self) {
        let engagement = &self.shared.engagement;
        let (today, lang) = (self.shared.today, self.shared.lang);
        let written = engagement
            .export(
                crate::export::Kind::Plan,
                crate::engagement::ExportFormat::Xlsx,
                lang,
                today,
            )
            .and_then(|bytes| {
                let path = engagement.draft_report_dir()?.join("plan-action.xlsx");
                crate::engagement::write_private(&path, &bytes)
            });
        match written {
            Ok(path) => {
                let shown = self.shown_path(&path);
                self.notice = Some(Notice::Info(
                    self.strings().plan_exported.replace("{}", &shown),
                ));
            }
            Err(error) => self.fail(&error),
        }
    }

    /// `audit close LABEL`, as the command line does it; the refusal's reasons are shown,
    /// and so is the evidence the report could not vouch for, in the words `audit close`
    /// prints.
    fn close_round(&mut self, label: &str, now: jiff::Timestamp) {
        let who = self.shared.auditor.clone();
        match self
            .shared
            .engagement
            .close_round_with_report(label, &who, now)
        {
            Ok(closed) => {
                let said = format!(
                    "{} {} ({}, reports/{}/)",
                    self.strings().round_closed_now,
                    crate::text::one_line(&closed.label),
                    crate::text::one_line(&closed.tag),
                    crate::text::one_line(&closed.label),
                );
                // Closed and tagged whatever its evidence, as on the command line; the
                // faults would not fit the status line, so they are told in full.
                if !closed.evidence.is_empty() {
                    let lang = self.shared.lang;
                    let mut lines: Vec<(String, bool)> = closed
                        .evidence
                        .iter()
                        .map(|problem| (problem.phrase(lang), true))
                        .collect();
                    lines.push((
                        crate::messages::evidence_marked(lang, closed.evidence.len()),
                        true,
                    ));
                    self.mode = Mode::Told(Box::new(Told {
                        title: said.clone(),
                        lines,
                        scroll: 0,
                    }));
                }
                self.notice = Some(Notice::Info(said));
                self.summary.previous = None;
                self.load_history();
            }
            Err(error) => self.fail(&error),
        }
    }

    /// `audit start LABEL`: answers kept but to re-verify.
    fn start_round(&mut self, label: &str, now: jiff::Timestamp) {
        let who = self.shared.auditor.clone();
        match self.shared.engagement.start_round(label, &who, now) {
            Ok(started) => {
                self.notice = Some(Notice::Info(format!(
                    "{} {} · {} {}",
                    self.strings().round_started,
                    crate::text::one_line(label),
                    started.reverify,
                    self.strings().to_reverify
                )));
                self.summary.previous = None;
                self.load_history();
            }
            Err(error) => self.fail(&error),
        }
    }

    /// `vmsaudit sync`, as the command line does it, told in the same words in a popup: the
    /// outcome, and on a conflict the records involved and how to finish the merge. The
    /// screens then show the merged records.
    pub fn sync(&mut self, now: jiff::Timestamp) {
        let who = self.shared.auditor.clone();
        match self.shared.engagement.sync(None, &who, now) {
            Ok(synced) => {
                let root = self.shared.engagement.root().display().to_string();
                let told = crate::engagement::sync_said::tell(&synced, &root, self.shared.lang);
                let mut lines: Vec<(String, bool)> =
                    told.out.into_iter().map(|line| (line, false)).collect();
                lines.extend(told.err.into_iter().map(|line| (line, true)));
                let title = if synced.stopped() {
                    self.strings().sync_stopped
                } else {
                    self.strings().sync_done
                };
                self.mode = Mode::Told(Box::new(Told {
                    title: title.to_owned(),
                    lines,
                    scroll: 0,
                }));
                self.summary.previous = None;
                self.assets.cve_counted = false;
                self.load_history();
            }
            Err(error) => self.fail(&error),
        }
    }

    /// Keeps the text being typed as a draft, whatever ended the checklist.
    pub fn keep_pending_draft(&self) {
        if let Some((control, text)) = self.pending_draft() {
            let _ = self.shared.engagement.save_draft(&control, &text);
        }
        if let Mode::Form(form) = &self.mode
            && let Some(text) = form.draft_text()
        {
            let _ = self
                .shared
                .engagement
                .save_form_draft(&form.draft_name(), &text);
        }
    }

    /// A form's draft offered back: the form of the record it was for, on its screen, with
    /// the values typed. A record removed since is made anew from them.
    fn recover_form(&mut self, draft: &crate::engagement::Draft) {
        let Ok(typed) = crate::yaml::from_str::<FormDraft>(&draft.text) else {
            self.notice = Some(Notice::Error(format!(
                "{}: {}",
                crate::text::one_line(&draft.control),
                self.strings().form_invalid
            )));
            return;
        };
        let ctx = self.shared.ctx();
        let state = ctx.state();
        let id = typed.id.as_deref();
        let (screen, mut form) = match typed.record.as_str() {
            "finding" => {
                let blank =
                    super::findings::blank_finding(&ctx, String::new(), Vec::new(), String::new());
                let existing = id.and_then(|id| state.finding(id));
                (
                    Screen::Findings,
                    Form::finding(existing, existing.unwrap_or(&blank)),
                )
            }
            "action" => {
                let blank = super::plan::blank_action(&ctx, Vec::new(), String::new());
                let existing = id.and_then(|id| state.action(id));
                (
                    Screen::Actions,
                    Form::action(existing, existing.unwrap_or(&blank), ctx.lang),
                )
            }
            "asset" => (
                Screen::Assets,
                Form::asset(id.and_then(|id| state.asset(id))),
            ),
            _ => (Screen::Summary, Form::details(&state.meta)),
        };
        form.restore(&typed);
        self.show(screen);
        self.mode = Mode::Form(Box::new(form));
    }

    /// A private scratch copy of `text`, for `$EDITOR`.
    pub fn scratch_file(&self, control: &str, text: &str) -> crate::Result<std::path::PathBuf> {
        self.shared.engagement.scratch_file(control, text)
    }

    /// The text `$EDITOR` left in the scratch file, which goes.
    pub fn take_scratch_file(&self, path: &Path) -> crate::Result<String> {
        self.shared.engagement.take_scratch_file(path)
    }

    /// Marks the checklist to close (the event loop's `Quit`).
    pub fn close(&mut self) {
        self.quit = true;
    }
}
