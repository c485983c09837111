//! The history screen: the closed rounds with their scores (and the working copy), and
//! what changed between the two compared. Reading the rounds and comparing them go through
//! the engagement, as effects ([`History::load`] and [`History::compare`] are what the
//! runner calls); the screen holds what was read and answers its keys.

use std::borrow::Cow;

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph, Wrap};

use super::ctx::Ctx;
use super::keys::Action;
use super::message::{Effect, Notice};
use super::mode::{Do, Mode};
use super::prompt::{Prompt, PromptFor};
use super::theme::Theme;
use super::widgets::{block, cut, list};
use crate::assessment::{Level, Score};
use crate::compare::{self, Comparison, ScoreChange, level_text};
use crate::engagement::{Engagement, Round, State};
use crate::lang::Lang;
use crate::text::{one_line, or_dash};

/// One line of the history screen: a closed round, or the working copy (the last line).
#[derive(Debug, Clone, PartialEq)]
pub struct RoundRow {
    pub label: String,
    /// The round closed that day; `None` for the working copy.
    pub closed: Option<Date>,
    pub overall: Option<Score>,
    /// By domain, in grid order.
    pub scores: Vec<(String, Option<Score>)>,
}

impl RoundRow {
    pub fn is_working_copy(&self) -> bool {
        self.closed.is_none()
    }
}

/// The history screen's state.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Read when the screen is first shown; `None` until then.
    pub rows: Option<Vec<RoundRow>>,
    pub rounds: Vec<Round>,
    pub selected: usize,
    /// The row marked with Space: the earlier side of the next comparison.
    pub marked: Option<usize>,
    pub comparison: Option<Comparison>,
    pub scroll: u16,
}

impl History {
    /// The two rows Enter compares: the marked one and the selected one, earlier first;
    /// without a mark, the selected round and the working copy (or, on the working copy,
    /// the last round and it).
    pub fn pair(&self) -> Option<(usize, usize)> {
        let count = self.rows.as_ref()?.len();
        let last = count.checked_sub(1)?;
        match self.marked {
            Some(marked) if marked != self.selected => {
                Some((marked.min(self.selected), marked.max(self.selected)))
            }
            _ if self.selected < last => Some((self.selected, last)),
            _ if last > 0 => Some((last - 1, last)),
            _ => None,
        }
    }

    /// A key of the history screen; `None` leaves it to the keys common to all screens.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Option<Vec<Do>> {
        let count = self.rows.as_ref().map_or(0, Vec::len);
        let last = count.saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10),
            Action::Sync => return Some(vec![Do::Effect(Effect::Sync)]),
            Action::Mark => {
                self.marked = match self.marked {
                    Some(marked) if marked == self.selected => None,
                    _ if count > 0 => Some(self.selected),
                    _ => None,
                }
            }
            Action::CloseRound | Action::StartRound => {
                // A label to begin with: the round in progress for a close, else the month.
                let month = ctx.today.strftime("%Y-%m").to_string();
                let (purpose, label) = match (&ctx.state().meta.round, action) {
                    (Some(current), Action::CloseRound) => (PromptFor::CloseRound, current.clone()),
                    (_, Action::CloseRound) => (PromptFor::CloseRound, month),
                    _ => (PromptFor::StartRound, month),
                };
                return Some(vec![Do::Open(Mode::Prompt(Prompt::new(purpose, label)))]);
            }
            Action::Edit => {
                return Some(vec![match self.pair() {
                    Some((from, to)) => Do::Effect(Effect::Compare { from, to }),
                    None => Do::Say(Notice::Info(ctx.strings().no_rounds.to_owned())),
                }]);
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Reads the rounds and their scores; the caller compares the pair [`History::pair`]
    /// names (the last round and the working copy).
    pub fn load(
        engagement: &Engagement,
        working_copy: &str,
        zone: &jiff::tz::TimeZone,
    ) -> crate::Result<History> {
        let rounds = engagement.rounds()?;
        let mut rows = Vec::new();
        for round in &rounds {
            let (overall, scores) = engagement.round_state(round)?.scores();
            rows.push(RoundRow {
                label: round.label.clone(),
                closed: Some(round.closed_on(zone)),
                overall,
                scores,
            });
        }
        let (overall, scores) = engagement.state().scores();
        let closed = |label: &str| rounds.iter().any(|round| round.label == label);
        let label = match &engagement.state().meta.round {
            Some(current) if !closed(current) => current.clone(),
            _ => working_copy.to_owned(),
        };
        rows.push(RoundRow {
            label,
            closed: None,
            overall,
            scores,
        });
        let last = rows.len().saturating_sub(1);
        Ok(History {
            rows: Some(rows),
            rounds,
            selected: last.saturating_sub(1),
            ..History::default()
        })
    }

    /// Compares the rows `from` and `to`: the working copy (dated `today`) is borrowed, a
    /// closed round read from git.
    pub fn compare(
        &mut self,
        engagement: &Engagement,
        from: usize,
        to: usize,
        (today, lang): (Date, crate::grid::Lang),
    ) -> crate::Result<()> {
        let Some(rows) = &self.rows else {
            return Ok(());
        };
        let side = |index: usize| -> crate::Result<(String, Cow<State>, Date)> {
            let row = rows
                .get(index)
                .ok_or_else(|| crate::Error::from(crate::error::Output::NoSuchRound))?;
            match (row.closed, self.rounds.get(index)) {
                (Some(day), Some(round)) => {
                    let state = engagement.round_state(round)?;
                    Ok((row.label.clone(), Cow::Owned(state), day))
                }
                _ => Ok((row.label.clone(), Cow::Borrowed(engagement.state()), today)),
            }
        };
        let (from_label, from_state, from_day) = side(from)?;
        let (to_label, to_state, to_day) = side(to)?;
        self.comparison = Some(compare::compare(
            compare::Side {
                label: &from_label,
                state: &from_state,
                date: from_day,
            },
            compare::Side {
                label: &to_label,
                state: &to_state,
                date: to_day,
            },
            lang,
        ));
        self.scroll = 0;
        self.marked = None;
        Ok(())
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let left_width = (area.width * 2 / 5).clamp(30, 40);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(area);
        self.draw_rounds(ctx, theme, frame, left);
        self.draw_comparison(ctx, theme, frame, right);
    }

    fn draw_rounds(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let title = format!(" {} ", ctx.strings().rounds);
        let Some(rows) = &self.rows else {
            frame.render_widget(block(title, true, theme), area);
            return;
        };
        let label_width =
            usize::from(area.width.saturating_sub(2)).saturating_sub(3 + 1 + 10 + 1 + 4 + 1);
        let max = ctx.state().grid.max_level();
        let items: Vec<ListItem> = rows
            .iter()
            .enumerate()
            .map(|(index, row)| {
                let mark = if self.marked == Some(index) {
                    Span::styled("[x]", theme.key())
                } else {
                    Span::raw("[ ]")
                };
                // The working copy has no date: its label takes the date's room.
                let (day, width) = match row.closed {
                    Some(day) => (format!("{:<10} ", ctx.lang.short_date(day)), label_width),
                    None => (String::new(), label_width + 11),
                };
                let overall = match row.overall {
                    Some(value) => Span::styled(
                        format!("{:>4}", ctx.lang.decimal(&value.to_string())),
                        theme.level(value.level(), max),
                    ),
                    None => Span::styled(format!("{:>4}", "—"), theme.dim()),
                };
                let label = Span::styled(
                    format!(" {:<width$} ", cut(&row.label, width)),
                    if row.is_working_copy() {
                        theme.dim()
                    } else {
                        Style::new()
                    },
                );
                ListItem::new(Line::from(vec![
                    mark,
                    label,
                    Span::styled(day, theme.dim()),
                    overall,
                ]))
            })
            .collect();
        list(
            items,
            Some(self.selected),
            (title, true),
            theme,
            frame,
            area,
        );
    }

    fn draw_comparison(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let Some(comparison) = &self.comparison else {
            let text = match &self.rows {
                Some(rows) if rows.len() <= 1 => ctx.strings().no_rounds,
                _ => "",
            };
            frame.render_widget(
                Paragraph::new(Line::styled(text, theme.dim()))
                    .wrap(Wrap { trim: true })
                    .block(block(String::new(), false, theme)),
                area,
            );
            return;
        };
        let title = format!(
            " {} → {} ",
            one_line(&comparison.from),
            one_line(&comparison.to)
        );
        let width = usize::from(area.width.saturating_sub(2));
        let mut lines = score_lines(ctx, comparison, theme);
        lines.extend(control_lines(ctx, comparison, theme, width));
        lines.extend(record_lines(ctx, comparison, (theme, width)));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(block(title, false, theme)),
            area,
        );
    }
}

fn change_span(change: &ScoreChange, lang: Lang, theme: Theme) -> Span<'static> {
    let text = lang.decimal(&or_dash(change.change));
    let style = match change.change.map(|c| c.tenths().signum()) {
        Some(1) => theme.info(),
        Some(-1) => theme.error(),
        _ => theme.dim(),
    };
    Span::styled(format!("{text:>5}"), style)
}

/// Each domain's score before and after, and the overall one.
fn score_lines(ctx: &Ctx, c: &Comparison, theme: Theme) -> Vec<Line<'static>> {
    let strings = ctx.strings();
    let score_line = |name: &str, change: &ScoreChange| {
        Line::from(vec![
            Span::raw(format!("{:<8}", cut(name, 7))),
            Span::raw(format!(
                "{:>4} → {:<4}",
                ctx.lang.decimal(&or_dash(change.before)),
                ctx.lang.decimal(&or_dash(change.after))
            )),
            change_span(change, ctx.lang, theme),
        ])
    };
    let mut lines = vec![Line::styled(strings.score.to_owned(), theme.heading())];
    for domain in &c.domains {
        lines.push(score_line(&domain.id, &domain.score));
    }
    lines.push(score_line(strings.overall, &c.overall));
    lines
}

/// The controls whose level changed, those still to re-verify, and those that do not
/// compare across the grid's versions.
fn control_lines(ctx: &Ctx, c: &Comparison, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let strings = ctx.strings();
    let mut out = Vec::new();
    let lines = &mut out;
    section(
        lines,
        strings.levels_changed,
        c.controls.is_empty(),
        ctx,
        theme,
    );
    for control in &c.controls {
        let arrow = format!(
            "{} → {}",
            level_text(control.before),
            level_text(control.after)
        );
        let style = match (control.before, control.after) {
            (Some(Level::Score(a)), Some(Level::Score(b))) if b > a => theme.info(),
            (Some(Level::Score(a)), Some(Level::Score(b))) if b < a => theme.error(),
            _ => Style::new(),
        };
        let used = 8 + arrow.chars().count() + 2;
        lines.push(Line::from(vec![
            Span::raw(format!("{:<8}", cut(&control.id, 7))),
            Span::styled(arrow, style),
            Span::raw(format!(
                "  {}",
                cut(&control.title, width.saturating_sub(used))
            )),
        ]));
    }
    if !c.to_reverify.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}{}", strings.still_to_reverify, strings.colon),
                theme.key(),
            ),
            Span::raw(one_line(&c.to_reverify.join(", "))),
        ]));
    }
    if let Some(moved) = &c.grid
        && !moved.not_comparable.is_empty()
    {
        let list: Vec<String> = moved
            .not_comparable
            .iter()
            .map(|control| control.describe(ctx.lang))
            .collect();
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} {} → {}{}",
                    strings.not_comparable,
                    one_line(&moved.from),
                    one_line(&moved.to),
                    strings.colon
                ),
                theme.key(),
            ),
            Span::raw(one_line(&list.join(", "))),
        ]));
    }
    out
}

/// A blank line and a heading, then "nothing changed" under it when `empty`.
fn section(lines: &mut Vec<Line<'static>>, heading: &str, empty: bool, ctx: &Ctx, theme: Theme) {
    lines.push(Line::default());
    lines.push(Line::styled(heading.to_owned(), theme.heading()));
    if empty {
        lines.push(Line::styled(
            ctx.strings().nothing_changed.to_owned(),
            theme.dim(),
        ));
    }
}

/// The findings and the actions, each under what happened to it (resolved, opened...).
fn record_lines(ctx: &Ctx, c: &Comparison, (theme, width): (Theme, usize)) -> Vec<Line<'static>> {
    let strings = ctx.strings();
    let mut out = Vec::new();
    let lines = &mut out;
    let (f, a) = (&c.findings, &c.actions);
    let findings = [
        (strings.resolved, &f.resolved, theme.info()),
        (strings.opened, &f.opened, theme.error()),
        (strings.accepted, &f.accepted, Style::new()),
        (strings.still_open, &f.still_open, Style::new()),
        (strings.removed, &f.removed, theme.dim()),
    ];
    let empty = findings.iter().all(|(_, items, _)| items.is_empty());
    section(lines, strings.findings, empty, ctx, theme);
    for (name, items, style) in findings {
        for item in items.iter() {
            lines.push(item_line((name, style), &item.id, &item.title, None, width));
        }
    }
    let actions = [
        (strings.done, &a.done, theme.info()),
        (strings.still_open, &a.still_open, Style::new()),
        (strings.new_action, &a.new, Style::new()),
        (strings.dropped, &a.dropped, theme.dim()),
        (strings.removed, &a.removed, theme.dim()),
    ];
    let empty = actions.iter().all(|(_, items, _)| items.is_empty());
    section(lines, strings.actions, empty, ctx, theme);
    for (name, items, style) in actions {
        for item in items.iter() {
            // The room of the mark is kept whether or not it is shown.
            let mark = if item.overdue { strings.overdue } else { "" };
            let shown = item
                .overdue
                .then(|| Span::styled(format!(" {mark}"), theme.error()));
            let overdue = (mark.chars().count() + 1, shown);
            lines.push(item_line(
                (name, style),
                &item.id,
                &item.title,
                Some(overdue),
                width,
            ));
        }
    }
    out
}

/// A finding's or an action's line: what happened, its id, its title cut to fit beside an
/// action's overdue mark (the room it keeps, and the mark if shown).
fn item_line(
    (name, style): (&str, Style),
    id: &str,
    title: &str,
    overdue: Option<(usize, Option<Span<'static>>)>,
    width: usize,
) -> Line<'static> {
    let tag = format!("{:<12}", cut(name, 11));
    let room = overdue.as_ref().map_or(0, |(room, _)| *room);
    let used = 12 + id.chars().count() + 1 + room;
    let mut spans = vec![
        Span::styled(tag, style),
        Span::raw(format!(
            "{} {}",
            one_line(id),
            cut(title, width.saturating_sub(used))
        )),
    ];
    if let Some((_, Some(mark))) = overdue {
        spans.push(mark);
    }
    Line::from(spans)
}
