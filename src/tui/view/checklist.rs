//! The checklist: domains with progress and score, the controls of the selected domain with
//! their level, and the selected control in full.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph};

use super::super::app::{App, EditPurpose, Editor, Focus};
use super::super::theme::Theme;
use super::{block, detail_pane, fit, popup};
use crate::assessment::{Level, domain_computed, shown_score};
use crate::text::{one_line, sanitize};

pub fn draw(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let left_width = (area.width * 45 / 100).clamp(34, 60);
    let [left, detail] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(area);
    let domain_rows = u16::try_from(app.engagement.state().grid.domains.len()).unwrap_or(u16::MAX);
    let domains_height = domain_rows.saturating_add(2).min(left.height / 2);
    let [domains, controls] =
        Layout::vertical([Constraint::Length(domains_height), Constraint::Min(3)]).areas(left);

    draw_domains(app, theme, frame, domains);
    draw_controls(app, theme, frame, controls);
    draw_detail(app, theme, frame, detail);
}

fn draw_domains(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let width = usize::from(area.width.saturating_sub(2));
    let grid = &app.engagement.state().grid;
    let answers = &app.engagement.state().answers;
    let items: Vec<ListItem> = grid
        .domains
        .iter()
        .map(|domain| {
            let answered = domain
                .controls
                .iter()
                .filter(|c| answers.contains_key(&c.id))
                .count();
            let overrides = &app.engagement.state().meta.overrides;
            let computed = domain_computed(domain, answers);
            let score = shown_score(domain, computed.as_ref(), overrides);
            let score_span = match score {
                Some(score) => Span::styled(
                    format!("{:>3}", app.lang.decimal(&score.to_string())),
                    theme.level(score.level(), grid.max_level()),
                ),
                None => Span::styled("  —", theme.dim()),
            };
            // `!` beside a score that a critical control at 0 capped (the summary names it).
            let capped =
                !overrides.contains_key(&domain.id) && computed.is_some_and(|c| c.cap.is_some());
            let cap_span = if capped {
                Span::styled("!", theme.error())
            } else {
                Span::raw(" ")
            };
            ListItem::new(fit(
                Line::from(vec![
                    Span::raw(format!("{:<4}", one_line(&domain.id))),
                    score_span,
                    cap_span,
                    Span::styled(
                        format!("{answered:>2}/{:<2} ", domain.controls.len()),
                        theme.dim(),
                    ),
                    Span::raw(one_line(domain.title.get(app.lang))),
                ]),
                width,
            ))
        })
        .collect();
    let focused = app.focus == Focus::Domains && app.filter.is_empty();
    let mut state = ListState::default().with_selected(app.filter.is_empty().then_some(app.domain));
    let list = List::new(items)
        .block(block(format!(" {} ", strings.domains), focused, theme))
        .highlight_style(theme.selected(focused));
    frame.render_stateful_widget(list, area, &mut state);
}

fn level_marker(app: &App, control: &str, theme: Theme) -> Span<'static> {
    let max = app.engagement.state().grid.max_level();
    let answer = app.answer(control);
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

fn draw_controls(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let width = usize::from(area.width.saturating_sub(2));
    let visible = app.visible();
    let items: Vec<ListItem> = visible
        .iter()
        .map(|(_, control)| {
            let mut spans = vec![
                level_marker(app, &control.id, theme),
                Span::raw(format!(" {} ", one_line(&control.id))),
            ];
            if app.drafted.contains_key(&control.id) {
                spans.push(Span::styled("* ", theme.key()));
            }
            if app
                .answer(&control.id)
                .is_some_and(|answer| answer.reverify)
            {
                spans.push(Span::styled("? ", theme.key()));
            }
            spans.push(Span::raw(one_line(control.title.get(app.lang))));
            ListItem::new(fit(Line::from(spans), width))
        })
        .collect();
    let title = if app.filter.is_empty() {
        let domain = app.engagement.state().grid.domains.get(app.domain);
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
    let focused =
        app.focus == Focus::Controls || (app.focus == Focus::Domains && !app.filter.is_empty());
    if items.is_empty() {
        let empty = Paragraph::new(Line::styled(strings.no_match, theme.dim()))
            .block(block(title, focused, theme));
        frame.render_widget(empty, area);
        return;
    }
    let mut state = ListState::default().with_selected(Some(app.selected));
    let list = List::new(items)
        .block(block(title, focused, theme))
        .highlight_style(theme.selected(focused));
    frame.render_stateful_widget(list, area, &mut state);
}

/// Pushes a heading and a wrapped, sanitised text under it.
fn section(lines: &mut Vec<Line<'static>>, heading: &str, text: &str, theme: Theme) {
    lines.push(Line::default());
    lines.push(Line::styled(heading.to_owned(), theme.heading()));
    for line in sanitize(text.trim_end()).lines() {
        lines.push(Line::raw(line.to_owned()));
    }
}

fn draw_detail(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let focused = app.focus == Focus::Detail;
    let Some((_, control)) = app.current() else {
        frame.render_widget(block(String::new(), focused, theme), area);
        return;
    };
    let lang = app.lang;
    let grid = &app.engagement.state().grid;
    let answer = app.answer(&control.id);
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
                answer.assessed_at.strftime("%Y-%m-%d")
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

    if let Some(count) = app.pending_scan_facts.get(&control.id) {
        lines.push(Line::styled(
            format!("{}{}{count} (S)", strings.scan_facts_pending, strings.colon),
            theme.key(),
        ));
    }
    section(
        &mut lines,
        strings.question,
        control.question.get(lang),
        theme,
    );
    if let Some(guidance) = &control.guidance {
        section(&mut lines, strings.guidance, guidance.get(lang), theme);
    }
    if let Some(evidence) = &control.evidence {
        section(&mut lines, strings.evidence_hint, evidence.get(lang), theme);
    }
    if !control.levels.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(strings.levels.to_owned(), theme.heading()));
        for (level, text) in &control.levels {
            lines.push(Line::from(vec![
                Span::styled(format!("{level}  "), theme.level(*level, grid.max_level())),
                Span::raw(one_line(text.get(lang))),
            ]));
        }
    }
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
        section(&mut lines, strings.observations, observations, theme);
    }
    if app.drafted.contains_key(&control.id) {
        lines.push(Line::styled(
            format!("* {}", strings.draft_marker),
            theme.key(),
        ));
    }
    if let Some(answer) = answer.filter(|answer| !answer.evidence.is_empty()) {
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
    if let Some(recommendation) = &control.recommendation {
        section(
            &mut lines,
            strings.recommendation,
            recommendation.get(lang),
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

    detail_pane(app, lines, focused, theme, frame, area);
}

pub fn draw_editor(app: &App, editor: &Editor, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let purpose = match editor.purpose {
        EditPurpose::Observations => strings.observations,
        EditPurpose::NotApplicable => strings.not_applicable,
    };
    let title = format!(" {} — {} ", purpose, one_line(&editor.control));
    let block = block(title, true, theme).title_bottom(Line::styled(
        format!(" {} ", strings.editor_keys),
        theme.key(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.render_widget(&editor.text, inner);
}
