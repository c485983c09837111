//! The checklist screen: domains with progress and score, the controls of the selected
//! domain (or those the text filter finds across the grid) with their level, and the
//! selected control in full. It owns its cursor and its detail's scroll; a key becomes
//! what it asks of the app ([`Do`]), never a write.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

use super::ctx::Ctx;
use super::editor::{EditPurpose, Editor};
use super::form::Form;
use super::keys::Action;
use super::message::{Attach, Effect, Notice, Removal};
use super::mode::{Do, Mode, Screen};
use super::popups::Confirm;
use super::prompt::{Prompt, PromptFor};
use super::theme::Theme;
use super::widgets::{Scroll, block, fit, list};
use crate::assessment::{Answer, Level, domain_computed, shown_score};
use crate::grid::{Control, Domain};
use crate::rules::AnswerChange;
use crate::text::{one_line, sanitize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Domains,
    Controls,
    Detail,
}

#[derive(Debug)]
pub struct Checklist {
    pub focus: Focus,
    /// Selected domain (index in the grid).
    pub domain: usize,
    /// Selected control, as an index into [`Checklist::visible`].
    pub selected: usize,
    pub detail: Scroll,
}

impl Default for Checklist {
    fn default() -> Self {
        Checklist {
            focus: Focus::Controls,
            domain: 0,
            selected: 0,
            detail: Scroll::default(),
        }
    }
}

fn clamp_step(index: usize, delta: isize, count: usize) -> usize {
    if count == 0 {
        return 0;
    }
    index.saturating_add_signed(delta).min(count - 1)
}

impl Checklist {
    /// The controls listed: the selected domain's, or those matching the filter across the
    /// grid, with their domain.
    pub fn visible<'a>(&self, ctx: &Ctx<'a>) -> Vec<(&'a Domain, &'a Control)> {
        let grid = &ctx.state().grid;
        if ctx.filter.is_empty() {
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
        grid.controls()
            .filter(|(_, control)| {
                let observations = ctx
                    .answer(&control.id)
                    .map(|answer| answer.observations.as_str())
                    .unwrap_or_default();
                ctx.matches_filter(&[
                    control.id.as_str(),
                    control.title.get(ctx.lang),
                    control.question.get(ctx.lang),
                    observations,
                ])
            })
            .collect()
    }

    pub fn current<'a>(&self, ctx: &Ctx<'a>) -> Option<(&'a Domain, &'a Control)> {
        self.visible(ctx).get(self.selected).copied()
    }

    pub fn current_id(&self, ctx: &Ctx) -> Option<String> {
        self.current(ctx).map(|(_, control)| control.id.clone())
    }

    /// Selects `control` in its domain (the caller clears the filter); whether it is one.
    pub fn select(&mut self, ctx: &Ctx, control: &str) -> bool {
        for (d, domain) in ctx.state().grid.domains.iter().enumerate() {
            if let Some(c) = domain.controls.iter().position(|item| item.id == control) {
                self.domain = d;
                self.selected = c;
                self.detail.top = 0;
                return true;
            }
        }
        false
    }

    /// A key of the checklist; `None` leaves it to the keys common to all screens.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Option<Vec<Do>> {
        let effect = |effect| Some(vec![Do::Effect(effect)]);
        let nothing = Some(Vec::new());
        match action {
            Action::Up => self.step(ctx, -1),
            Action::Down => self.step(ctx, 1),
            Action::First => self.step(ctx, isize::MIN / 2),
            Action::Last => self.step(ctx, isize::MAX / 2),
            Action::PageUp => self.detail.by(-10),
            Action::PageDown => self.detail.by(10),
            Action::FocusLeft => {
                self.focus = match self.focus {
                    Focus::Detail => Focus::Controls,
                    _ => Focus::Domains,
                };
            }
            Action::FocusRight => {
                self.focus = match self.focus {
                    Focus::Domains => Focus::Controls,
                    _ => Focus::Detail,
                };
            }
            Action::SetLevel(level) => return Some(self.set_level(ctx, level)),
            Action::NotApplicable => return Some(self.not_applicable(ctx)),
            Action::Edit => return Some(self.open_editor(ctx, EditPurpose::Observations)),
            Action::Filter => return Some(vec![Do::Filter]),
            Action::NextUnanswered => return Some(vec![self.next_unanswered(ctx)]),
            Action::NewFinding => return Some(self.new_finding(ctx)),
            Action::CveMatches => return effect(Effect::LoadCveMatches),
            Action::Override => return Some(self.override_prompt(ctx)),
            Action::ExternalEditor | Action::AttachEvidence | Action::DetachEvidence => {
                return Some(self.about_control(action, ctx));
            }
            Action::ControlHistory | Action::ScanFacts => {
                return Some(self.about_control(action, ctx));
            }
            _ => return None,
        }
        nothing
    }

    /// The keys that act on the selected control, if there is one.
    fn about_control(&self, action: Action, ctx: &Ctx) -> Vec<Do> {
        let Some(control) = self.current_id(ctx) else {
            return Vec::new();
        };
        vec![match action {
            Action::ExternalEditor => {
                let text = ctx.observations_or_draft(&control);
                Do::Effect(Effect::ExternalEdit { control, text })
            }
            Action::AttachEvidence => Do::Open(Mode::Prompt(Prompt::new(
                PromptFor::Evidence(Attach::Control(control)),
                String::new(),
            ))),
            Action::DetachEvidence => {
                let listed = ctx
                    .state()
                    .answers
                    .get(&control)
                    .map(|answer| answer.evidence.iter().map(|e| e.path.clone()).collect())
                    .unwrap_or_default();
                match Removal::evidence(Attach::Control(control), listed) {
                    Some(removal) => Do::Open(Mode::Confirm(Confirm(removal))),
                    None => Do::Say(Notice::Info(ctx.strings().no_evidence.to_owned())),
                }
            }
            Action::ControlHistory => Do::Effect(Effect::ControlLog(control)),
            _ => Do::Effect(Effect::LoadScanFacts(control)),
        }]
    }

    /// Moves the selection in the focused list, or scrolls the detail.
    fn step(&mut self, ctx: &Ctx, delta: isize) {
        match self.focus {
            Focus::Domains if ctx.filter.is_empty() => {
                let count = ctx.state().grid.domains.len();
                self.domain = clamp_step(self.domain, delta, count);
                self.selected = 0;
                self.detail.top = 0;
            }
            Focus::Detail => {
                let delta =
                    i32::try_from(delta).unwrap_or(if delta < 0 { i32::MIN } else { i32::MAX });
                self.detail.by(delta);
            }
            _ => {
                let count = self.visible(ctx).len();
                self.selected = clamp_step(self.selected, delta, count);
                self.detail.top = 0;
            }
        }
    }

    fn set_level(&self, ctx: &Ctx, level: u8) -> Vec<Do> {
        let Some(control) = self.current_id(ctx) else {
            return Vec::new();
        };
        if let Some((wrong, fix)) = crate::rules::outside_scale(&ctx.state().grid, level) {
            return vec![Do::Say(Notice::Error(crate::messages::phrase(
                ctx.lang,
                &wrong,
                &fix,
                &crate::messages::key,
            )))];
        }
        vec![Do::Effect(Effect::Save(AnswerChange {
            control,
            level: Some(Level::Score(level)),
            ..AnswerChange::default()
        }))]
    }

    /// `n`: saved at once when the observations justify it, else the editor asks for them.
    fn not_applicable(&self, ctx: &Ctx) -> Vec<Do> {
        let Some(control) = self.current_id(ctx) else {
            return Vec::new();
        };
        let justified = ctx
            .answer(&control)
            .is_some_and(|answer| !answer.observations.trim().is_empty());
        if justified {
            return vec![Do::Effect(Effect::Save(AnswerChange {
                control,
                level: Some(Level::NotApplicable),
                ..AnswerChange::default()
            }))];
        }
        let mut asked = self.open_editor(ctx, EditPurpose::NotApplicable);
        asked.push(Do::Say(Notice::Info(ctx.strings().editor_na.to_owned())));
        asked
    }

    fn open_editor(&self, ctx: &Ctx, purpose: EditPurpose) -> Vec<Do> {
        let Some(control) = self.current_id(ctx) else {
            return Vec::new();
        };
        let text = ctx.observations_or_draft(&control);
        vec![Do::Open(Mode::Editing(Box::new(Editor::new(
            &control, purpose, &text,
        ))))]
    }

    /// Jumps to the next control with no answer, or with one carried over from the previous
    /// round and not yet re-verified.
    fn next_unanswered(&self, ctx: &Ctx) -> Do {
        let order: Vec<&str> = ctx
            .state()
            .grid
            .controls()
            .map(|(_, control)| control.id.as_str())
            .collect();
        let here = self
            .current(ctx)
            .and_then(|(_, current)| order.iter().position(|id| *id == current.id))
            .unwrap_or(0);
        let next = (1..=order.len())
            .map(|offset| order[(here + offset) % order.len()])
            .find(|id| ctx.answer(id).is_none_or(|answer| answer.reverify));
        match next {
            Some(id) => Do::Select(id.to_owned()),
            None => Do::Say(Notice::Info(ctx.strings().all_answered.to_owned())),
        }
    }

    /// `f`: a finding about the selected control, with its domain and the grid's
    /// recommendation, in a form on the findings screen.
    fn new_finding(&self, ctx: &Ctx) -> Vec<Do> {
        let Some((domain, control)) = self.current(ctx) else {
            return Vec::new();
        };
        let recommendation =
            crate::rules::default_recommendation(ctx.state(), std::slice::from_ref(&control.id));
        let mut prefill = super::findings::blank_finding(
            ctx,
            domain.id.clone(),
            vec![control.id.clone()],
            recommendation,
        );
        prefill.title = control.title.get(ctx.lang).to_owned();
        vec![
            Do::Show(Screen::Findings),
            Do::Open(Mode::Form(Box::new(Form::finding(None, &prefill)))),
        ]
    }

    /// `O`: the selected domain's score by hand, the override in force to edit.
    fn override_prompt(&self, ctx: &Ctx) -> Vec<Do> {
        let domain = match self.current(ctx) {
            Some((domain, _)) if !ctx.filter.is_empty() => Some(domain.id.clone()),
            _ => ctx
                .state()
                .grid
                .domains
                .get(self.domain)
                .map(|domain| domain.id.clone()),
        };
        let Some(domain) = domain else {
            return Vec::new();
        };
        let label = ctx
            .state()
            .meta
            .overrides
            .get(&domain)
            .map(|entry| {
                format!(
                    "{} {}",
                    ctx.lang.decimal(&entry.score.to_string()),
                    entry.justification
                )
            })
            .unwrap_or_default();
        vec![Do::Open(Mode::Prompt(Prompt::new(
            PromptFor::Override(domain),
            label,
        )))]
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let left_width = (area.width * 45 / 100).clamp(34, 60);
        let [left, detail] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(area);
        let domain_rows = u16::try_from(ctx.state().grid.domains.len()).unwrap_or(u16::MAX);
        let domains_height = domain_rows.saturating_add(2).min(left.height / 2);
        let [domains, controls] =
            Layout::vertical([Constraint::Length(domains_height), Constraint::Min(3)]).areas(left);

        self.draw_domains(ctx, theme, frame, domains);
        self.draw_controls(ctx, theme, frame, controls);
        self.draw_detail(ctx, theme, frame, detail);
    }

    fn draw_domains(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let width = usize::from(area.width.saturating_sub(2));
        let items: Vec<ListItem> = ctx
            .state()
            .grid
            .domains
            .iter()
            .map(|domain| ListItem::new(fit(domain_line(ctx, domain, theme), width)))
            .collect();
        let focused = self.focus == Focus::Domains && ctx.filter.is_empty();
        let selected = ctx.filter.is_empty().then_some(self.domain);
        let title = format!(" {} ", strings.domains);
        list(items, selected, (title, focused), theme, frame, area);
    }

    fn draw_controls(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let width = usize::from(area.width.saturating_sub(2));
        let visible = self.visible(ctx);
        let items: Vec<ListItem> = visible
            .iter()
            .map(|(_, control)| {
                let mut spans = vec![
                    level_marker(ctx, &control.id, theme),
                    Span::raw(format!(" {} ", one_line(&control.id))),
                ];
                if ctx.drafted.contains_key(&control.id) {
                    spans.push(Span::styled("* ", theme.key()));
                }
                if ctx
                    .answer(&control.id)
                    .is_some_and(|answer| answer.reverify)
                {
                    spans.push(Span::styled("? ", theme.key()));
                }
                spans.push(Span::raw(one_line(control.title.get(ctx.lang))));
                ListItem::new(fit(Line::from(spans), width))
            })
            .collect();
        let title = if ctx.filter.is_empty() {
            let domain = ctx.state().grid.domains.get(self.domain);
            format!(
                " {} {} ",
                strings.controls,
                domain.map(|d| one_line(&d.id)).unwrap_or_default()
            )
        } else {
            format!(
                " {} · {} {} ",
                strings.controls,
                visible.len(),
                strings.filter.to_lowercase()
            )
        };
        let focused = self.focus == Focus::Controls
            || (self.focus == Focus::Domains && !ctx.filter.is_empty());
        if items.is_empty() {
            let empty = Paragraph::new(Line::styled(strings.no_match, theme.dim()))
                .block(block(title, focused, theme));
            frame.render_widget(empty, area);
            return;
        }
        list(
            items,
            Some(self.selected),
            (title, focused),
            theme,
            frame,
            area,
        );
    }

    fn draw_detail(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let focused = self.focus == Focus::Detail;
        let Some((_, control)) = self.current(ctx) else {
            frame.render_widget(block(String::new(), focused, theme), area);
            return;
        };
        let answer = ctx.answer(&control.id);
        let mut lines = answer_lines(ctx, control, answer, theme);
        grid_lines(ctx, control, theme, &mut lines);
        observation_lines(ctx, control, answer, theme, &mut lines);
        reference_lines(ctx, control, theme, &mut lines);
        self.detail.draw(lines, focused, theme, frame, area);
    }
}

/// A domain's line: its id, score (with `!` when a critical control at 0 capped it), how
/// many of its controls are answered, its title.
fn domain_line(ctx: &Ctx, domain: &Domain, theme: Theme) -> Line<'static> {
    let state = ctx.state();
    let answers = &state.answers;
    let answered = domain
        .controls
        .iter()
        .filter(|c| answers.contains_key(&c.id))
        .count();
    let overrides = &state.meta.overrides;
    let computed = domain_computed(domain, answers);
    let score = shown_score(domain, computed.as_ref(), overrides);
    let score_span = match score {
        Some(score) => Span::styled(
            format!("{:>3}", ctx.lang.decimal(&score.to_string())),
            theme.level(score.level(), state.grid.max_level()),
        ),
        None => Span::styled("  —", theme.dim()),
    };
    // `!` beside a score that a critical control at 0 capped (the summary names it).
    let capped = !overrides.contains_key(&domain.id) && computed.is_some_and(|c| c.cap.is_some());
    let cap_span = if capped {
        Span::styled("!", theme.error())
    } else {
        Span::raw(" ")
    };
    // As wide as the longest domain id and a space (ids are ASCII, up to 32 characters):
    // the scores stay in one column.
    let width = state
        .grid
        .domains
        .iter()
        .map(|domain| domain.id.len())
        .max()
        .unwrap_or(0)
        .max(3)
        + 1;
    Line::from(vec![
        Span::raw(format!("{:<width$}", one_line(&domain.id))),
        score_span,
        cap_span,
        Span::styled(
            format!("{answered:>2}/{:<2} ", domain.controls.len()),
            theme.dim(),
        ),
        Span::raw(one_line(domain.title.get(ctx.lang))),
    ])
}

fn level_marker(ctx: &Ctx, control: &str, theme: Theme) -> Span<'static> {
    let max = ctx.state().grid.max_level();
    let answer = ctx.answer(control);
    match answer.map(|answer| answer.level) {
        // Carried over and not yet re-verified: the level is shown, dimmed.
        Some(Level::Score(level)) if answer.is_some_and(|answer| answer.reverify) => {
            Span::styled(format!("[{level}]"), theme.dim())
        }
        Some(Level::Score(level)) => Span::styled(format!("[{level}]"), theme.level(level, max)),
        Some(Level::NotApplicable) => Span::styled("[-]", theme.dim()),
        None => Span::raw("[ ]"),
    }
}

/// Pushes a heading and a wrapped, sanitised text under it.
fn section(lines: &mut Vec<Line<'static>>, heading: &str, text: &str, theme: Theme) {
    lines.push(Line::default());
    lines.push(Line::styled(heading.to_owned(), theme.heading()));
    for line in sanitize(text.trim_end()).lines() {
        lines.push(Line::raw(line.to_owned()));
    }
}

/// The control's title, then its answer: the level with who and when, the marks to
/// re-verify, the grid's change, the scans' facts to decide.
fn answer_lines(
    ctx: &Ctx,
    control: &Control,
    answer: Option<&Answer>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let (strings, lang, grid) = (ctx.strings(), ctx.lang, &ctx.state().grid);
    let mut lines: Vec<Line<'static>> = vec![Line::styled(
        format!(
            "{} · {}",
            one_line(&control.id),
            one_line(control.title.get(lang))
        ),
        theme.heading(),
    )];
    let level = match answer.map(|answer| answer.level) {
        Some(Level::Score(level)) => {
            let label = grid
                .scale_level(level)
                .map(|entry| one_line(entry.label.get(lang)))
                .unwrap_or_default();
            Span::styled(
                format!("{level} — {label}"),
                theme.level(level, grid.max_level()),
            )
        }
        Some(Level::NotApplicable) => Span::styled(strings.not_applicable, theme.dim()),
        None => Span::styled(strings.not_assessed, theme.dim()),
    };
    let mut level_line = vec![
        Span::styled(format!("{}{}", strings.level, strings.colon), theme.key()),
        level,
    ];
    if let Some(answer) = answer {
        level_line.push(Span::styled(
            format!(
                "  ({}, {})",
                one_line(&answer.assessed_by.name),
                ctx.lang.short_date(ctx.day(answer.assessed_at))
            ),
            theme.dim(),
        ));
    }
    lines.push(Line::from(level_line));
    if answer.is_some_and(|answer| answer.reverify) {
        lines.push(Line::styled(
            format!("? {}", strings.reverify_marker),
            theme.key(),
        ));
    }
    if let Some(changed) = answer.and_then(|answer| answer.changed.as_ref()) {
        lines.push(Line::styled(
            format!(
                "? {}{}{}",
                strings.grid_changed,
                strings.colon,
                one_line(&changed.describe(lang))
            ),
            theme.key(),
        ));
    }
    if let Some(count) = ctx.pending_scan_facts.get(&control.id) {
        lines.push(Line::styled(
            format!("{}{}{count} (S)", strings.scan_facts_pending, strings.colon),
            theme.key(),
        ));
    }
    lines
}

/// What the grid asks: the question, its guidance, the evidence expected, the levels.
fn grid_lines(ctx: &Ctx, control: &Control, theme: Theme, lines: &mut Vec<Line<'static>>) {
    let (strings, lang) = (ctx.strings(), ctx.lang);
    section(lines, strings.question, control.question.get(lang), theme);
    if let Some(guidance) = &control.guidance {
        section(lines, strings.guidance, guidance.get(lang), theme);
    }
    if let Some(evidence) = &control.evidence {
        section(lines, strings.evidence_hint, evidence.get(lang), theme);
    }
    if !control.levels.is_empty() {
        let max = ctx.state().grid.max_level();
        lines.push(Line::default());
        lines.push(Line::styled(strings.levels.to_owned(), theme.heading()));
        for (level, text) in &control.levels {
            lines.push(Line::from(vec![
                Span::styled(format!("{level}  "), theme.level(*level, max)),
                Span::raw(one_line(text.get(lang))),
            ]));
        }
    }
}

/// What the auditor wrote: the observations (and the draft mark), the evidence files.
fn observation_lines(
    ctx: &Ctx,
    control: &Control,
    answer: Option<&Answer>,
    theme: Theme,
    lines: &mut Vec<Line<'static>>,
) {
    let strings = ctx.strings();
    let observations = answer
        .map(|answer| answer.observations.as_str())
        .unwrap_or_default();
    if observations.trim().is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            strings.observations.to_owned(),
            theme.heading(),
        ));
        lines.push(Line::styled(
            strings.no_observations.to_owned(),
            theme.dim(),
        ));
    } else {
        section(lines, strings.observations, observations, theme);
    }
    if ctx.drafted.contains_key(&control.id) {
        lines.push(Line::styled(
            format!("* {}", strings.draft_marker),
            theme.key(),
        ));
    }
    let Some(answer) = answer.filter(|answer| !answer.evidence.is_empty()) else {
        return;
    };
    lines.push(Line::default());
    lines.push(Line::styled(
        strings.evidence_files.to_owned(),
        theme.heading(),
    ));
    for evidence in &answer.evidence {
        let mut spans = vec![
            Span::raw(one_line(&evidence.path)),
            Span::styled(
                format!(
                    "  sha256 {}…",
                    evidence.sha256.get(..12).unwrap_or_default()
                ),
                theme.dim(),
            ),
        ];
        if let Some(note) = &evidence.note {
            spans.push(Span::raw(format!("  {}", one_line(note))));
        }
        lines.push(Line::from(spans));
    }
}

/// The grid's recommendation and references.
fn reference_lines(ctx: &Ctx, control: &Control, theme: Theme, lines: &mut Vec<Line<'static>>) {
    let strings = ctx.strings();
    if let Some(recommendation) = &control.recommendation {
        section(
            lines,
            strings.recommendation,
            recommendation.get(ctx.lang),
            theme,
        );
    }
    if !control.references.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(strings.references.to_owned(), theme.heading()));
        for reference in &control.references {
            lines.push(Line::raw(format!("- {}", one_line(reference))));
        }
    }
}

#[cfg(test)]
mod tests {
    //! The checklist's keys on a `State` in memory: what each asks, with no repository.

    #![allow(clippy::unwrap_used, clippy::panic)]

    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::ctx::fake::Held;
    use crate::tui::keys;

    fn press(checklist: &mut Checklist, ctx: &Ctx, c: char) -> Vec<Do> {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let action = keys::action(keys::CHECKLIST, &key).unwrap();
        checklist.update(action, ctx).unwrap()
    }

    #[test]
    fn a_digit_asks_to_save_that_level_on_the_selected_control() {
        let held = Held::new();
        let ctx = held.ctx();
        let mut checklist = Checklist::default();
        assert!(press(&mut checklist, &ctx, 'j').is_empty());
        let second = ctx.state.grid.domains[0].controls[1].id.clone();
        let asked = press(&mut checklist, &ctx, '3');
        let [Do::Effect(Effect::Save(change))] = &asked[..] else {
            panic!("one save asked")
        };
        assert_eq!(change.control, second);
        assert_eq!(change.level, Some(Level::Score(3)));
        assert_eq!(change.observations, None);
    }

    #[test]
    fn n_without_observations_opens_the_editor_on_the_draft_held_in_memory() {
        let mut held = Held::new();
        let first = held.state.grid.domains[0].controls[0].id.clone();
        held.drafted.insert(first.clone(), "typed before".into());
        let ctx = held.ctx();
        let mut checklist = Checklist::default();
        let asked = press(&mut checklist, &ctx, 'n');
        let [Do::Open(Mode::Editing(editor)), Do::Say(Notice::Info(_))] = &asked[..] else {
            panic!("the editor opens, and says why")
        };
        assert_eq!(editor.control, first);
        assert_eq!(editor.purpose, EditPurpose::NotApplicable);
        assert_eq!(editor.content(), "typed before");
    }

    #[test]
    fn a_level_outside_the_scale_is_said_not_saved() {
        let held = Held::new();
        let ctx = held.ctx();
        let mut checklist = Checklist::default();
        let asked = press(&mut checklist, &ctx, '9');
        assert!(
            matches!(&asked[..], [Do::Say(Notice::Error(text))] if text.contains("outside the grid's scale"))
        );
    }

    #[test]
    fn u_selects_the_next_control_without_an_answer_and_the_filter_lists_across_domains() {
        let mut held = Held::new();
        let ids: Vec<String> = held
            .state
            .grid
            .controls()
            .map(|(_, control)| control.id.clone())
            .collect();
        let asked = {
            let ctx = held.ctx();
            press(&mut Checklist::default(), &ctx, 'u')
        };
        assert!(matches!(&asked[..], [Do::Select(id)] if *id == ids[1]));
        held.filter = ids[ids.len() - 1].to_lowercase();
        let ctx = held.ctx();
        let checklist = Checklist::default();
        let listed: Vec<&str> = checklist
            .visible(&ctx)
            .iter()
            .map(|(_, control)| control.id.as_str())
            .collect();
        assert!(listed.contains(&ids[ids.len() - 1].as_str()), "{listed:?}");
    }
}
