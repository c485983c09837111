//! The history screen: the closed rounds with their scores (and the working copy), and what
//! changed between the two compared; and the history of one control over the checklist.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::super::app::App;
use super::super::history::ControlLog;
use super::super::theme::Theme;
use crate::assessment::{Level, Score};
use crate::compare::{AnswerDelta, Comparison, ScoreChange, answer_deltas, level_text};
use crate::text::{one_line, or_dash};

fn block(title: String, focused: bool, theme: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title)
}

fn score(score: Option<Score>) -> String {
    or_dash(score)
}

/// At most `width` characters of `text`, cut with `…`.
fn fit(text: &str, width: usize) -> String {
    let text = one_line(text);
    if text.chars().count() <= width {
        return text;
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

pub fn draw(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let left_width = (area.width * 2 / 5).clamp(30, 40);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(area);
    draw_rounds(app, theme, frame, left);
    draw_comparison(app, theme, frame, right);
}

fn draw_rounds(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let history = &app.history;
    let title = format!(" {} ", strings.rounds);
    let Some(rows) = &history.rows else {
        frame.render_widget(block(title, true, theme), area);
        return;
    };
    let label_width =
        usize::from(area.width.saturating_sub(2)).saturating_sub(3 + 1 + 10 + 1 + 4 + 1);
    let items: Vec<ListItem> = rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let mark = if history.marked == Some(index) {
                Span::styled("[x]", theme.key())
            } else {
                Span::raw("[ ]")
            };
            // The working copy has no date: its label takes the date's room.
            let (day, width) = match row.closed {
                Some(day) => (format!("{day:<10} "), label_width),
                None => (String::new(), label_width + 11),
            };
            let overall = match row.overall {
                Some(value) => Span::styled(
                    format!("{:>4}", value.to_string()),
                    theme.level(value.level(), app.engagement.state().grid.max_level()),
                ),
                None => Span::styled(format!("{:>4}", "—"), theme.dim()),
            };
            let label = Span::styled(
                format!(" {:<width$} ", fit(&row.label, width)),
                if row.is_working_copy() {
                    theme.dim()
                } else {
                    ratatui::style::Style::new()
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
    let mut state = ListState::default().with_selected(Some(history.selected));
    let list = List::new(items)
        .block(block(title, true, theme))
        .highlight_style(theme.selected(true));
    frame.render_stateful_widget(list, area, &mut state);
}

fn change_span(change: &ScoreChange, theme: Theme) -> Span<'static> {
    let text = or_dash(change.change);
    let style = match change.change.map(|c| c.tenths().signum()) {
        Some(1) => theme.info(),
        Some(-1) => theme.error(),
        _ => theme.dim(),
    };
    Span::styled(format!("{text:>5}"), style)
}

/// The comparison as lines, for a pane `width` columns wide.
fn comparison_lines(app: &App, c: &Comparison, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let strings = app.strings();
    let mut lines = Vec::new();
    let score_line = |name: String, change: &ScoreChange| {
        Line::from(vec![
            Span::raw(format!("{:<8}", fit(&name, 7))),
            Span::raw(format!(
                "{:>4} → {:<4}",
                score(change.before),
                score(change.after)
            )),
            change_span(change, theme),
        ])
    };
    lines.push(Line::styled(strings.score.to_owned(), theme.heading()));
    for domain in &c.domains {
        lines.push(score_line(domain.id.clone(), &domain.score));
    }
    lines.push(score_line(strings.overall.to_owned(), &c.overall));

    lines.push(Line::default());
    lines.push(Line::styled(
        strings.levels_changed.to_owned(),
        theme.heading(),
    ));
    if c.controls.is_empty() {
        lines.push(Line::styled(
            strings.nothing_changed.to_owned(),
            theme.dim(),
        ));
    }
    for control in &c.controls {
        let arrow = format!(
            "{} → {}",
            level_text(control.before),
            level_text(control.after)
        );
        let style = match (control.before, control.after) {
            (Some(Level::Score(a)), Some(Level::Score(b))) if b > a => theme.info(),
            (Some(Level::Score(a)), Some(Level::Score(b))) if b < a => theme.error(),
            _ => ratatui::style::Style::new(),
        };
        let used = 8 + arrow.chars().count() + 2;
        lines.push(Line::from(vec![
            Span::raw(format!("{:<8}", fit(&control.id, 7))),
            Span::styled(arrow, style),
            Span::raw(format!(
                "  {}",
                fit(&control.title, width.saturating_sub(used))
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
            .map(|control| control.describe(app.lang))
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

    let f = &c.findings;
    let findings = [
        (strings.resolved, &f.resolved, theme.info()),
        (strings.opened, &f.opened, theme.error()),
        (strings.accepted, &f.accepted, ratatui::style::Style::new()),
        (
            strings.still_open,
            &f.still_open,
            ratatui::style::Style::new(),
        ),
        (strings.removed, &f.removed, theme.dim()),
    ];
    lines.push(Line::default());
    lines.push(Line::styled(strings.findings.to_owned(), theme.heading()));
    if findings.iter().all(|(_, items, _)| items.is_empty()) {
        lines.push(Line::styled(
            strings.nothing_changed.to_owned(),
            theme.dim(),
        ));
    }
    for (name, items, style) in findings {
        for item in items.iter() {
            let tag = format!("{:<12}", fit(name, 11));
            let used = 12 + item.id.chars().count() + 1;
            lines.push(Line::from(vec![
                Span::styled(tag, style),
                Span::raw(format!(
                    "{} {}",
                    one_line(&item.id),
                    fit(&item.title, width.saturating_sub(used))
                )),
            ]));
        }
    }

    let a = &c.actions;
    let actions = [
        (strings.done, &a.done, theme.info()),
        (
            strings.still_open,
            &a.still_open,
            ratatui::style::Style::new(),
        ),
        (strings.new_action, &a.new, ratatui::style::Style::new()),
        (strings.dropped, &a.dropped, theme.dim()),
        (strings.removed, &a.removed, theme.dim()),
    ];
    lines.push(Line::default());
    lines.push(Line::styled(strings.actions.to_owned(), theme.heading()));
    if actions.iter().all(|(_, items, _)| items.is_empty()) {
        lines.push(Line::styled(
            strings.nothing_changed.to_owned(),
            theme.dim(),
        ));
    }
    for (name, items, style) in actions {
        for item in items.iter() {
            let tag = format!("{:<12}", fit(name, 11));
            let overdue = if item.overdue { strings.overdue } else { "" };
            let used = 12 + item.id.chars().count() + 1 + overdue.chars().count() + 1;
            let mut spans = vec![
                Span::styled(tag, style),
                Span::raw(format!(
                    "{} {}",
                    one_line(&item.id),
                    fit(&item.title, width.saturating_sub(used))
                )),
            ];
            if item.overdue {
                spans.push(Span::styled(format!(" {overdue}"), theme.error()));
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}

fn draw_comparison(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let history = &app.history;
    let Some(comparison) = &history.comparison else {
        let text = match &history.rows {
            Some(rows) if rows.len() <= 1 => strings.no_rounds,
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
    let lines = comparison_lines(app, comparison, theme, width);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((history.scroll, 0))
            .block(block(title, false, theme)),
        area,
    );
}

/// A change of a control's answer, in the interface's language.
fn delta_text(app: &App, delta: &AnswerDelta) -> String {
    let strings = app.strings();
    match delta {
        AnswerDelta::Answered { level } => format!("{} {level}", strings.level),
        AnswerDelta::Level { from, to } => format!("{} {from} → {to}", strings.level),
        AnswerDelta::Confirmed { level } => {
            format!("{} {level} {}", strings.level, strings.log_confirmed)
        }
        AnswerDelta::MarkedToReverify => strings.log_marked.to_owned(),
        AnswerDelta::Observations => strings.log_observations.to_owned(),
        AnswerDelta::EvidenceAdded { name } => {
            format!("{} ({})", strings.log_evidence, one_line(name))
        }
        AnswerDelta::Removed => strings.log_removed.to_owned(),
        AnswerDelta::Other => strings.log_other.to_owned(),
    }
}

/// The history of one control: each change with its author, date and what it changed,
/// with the rounds' boundaries.
pub fn draw_control_log(app: &App, log: &ControlLog, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    // In UTC, as the checklist dates answers and drafts.
    let mut lines: Vec<Line<'static>> = Vec::new();
    if log.entries.is_empty() {
        lines.push(Line::styled(strings.never_answered.to_owned(), theme.dim()));
    }
    for (index, entry) in log.entries.iter().enumerate() {
        let deltas: Vec<String> = answer_deltas(entry.before.as_ref(), entry.after.as_ref())
            .iter()
            .map(|delta| delta_text(app, delta))
            .collect();
        lines.push(Line::from(vec![
            Span::styled(
                entry.at.strftime("%Y-%m-%d %H:%M UTC ").to_string(),
                theme.dim(),
            ),
            Span::styled(one_line(&entry.author.name), theme.key()),
        ]));
        lines.push(Line::raw(format!("  {}", deltas.join(", "))));
        if let Some(after) = &entry.after {
            let changed = entry
                .before
                .as_ref()
                .is_none_or(|before| before.observations != after.observations);
            if changed && !after.observations.trim().is_empty() {
                lines.push(Line::styled(
                    match app.lang {
                        crate::grid::Lang::Fr => {
                            format!("  «\u{a0}{}\u{a0}»", fit(&after.observations, 200))
                        }
                        crate::grid::Lang::En => format!("  “{}”", fit(&after.observations, 200)),
                    },
                    theme.dim(),
                ));
            }
        }
        let next = log.entries.get(index + 1).map(|next| next.round.as_deref());
        if let Some(label) = &entry.round
            && next != Some(Some(label.as_str()))
        {
            let day = log
                .rounds
                .iter()
                .find(|round| &round.label == label)
                .map(|round| format!(" · {}", round.closed_at.strftime("%Y-%m-%d")))
                .unwrap_or_default();
            lines.push(Line::styled(
                format!(
                    "── {}{day}",
                    strings.round_closed.replace("{}", &one_line(label))
                ),
                theme.heading(),
            ));
        }
    }
    let popup = super::centered(
        area,
        area.width.saturating_sub(4).max(40),
        area.height.saturating_sub(2).max(8),
    );
    frame.render_widget(Clear, popup);
    let block = block(
        format!(" {} {} ", strings.history_of, one_line(&log.control)),
        true,
        theme,
    )
    .title_bottom(Line::styled(
        format!(" {} ", strings.history_close),
        theme.key(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((log.scroll, 0))
            .block(block),
        popup,
    );
}
