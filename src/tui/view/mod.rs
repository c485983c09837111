//! Drawing: a pure function of the [`App`] into a frame. Views read the state and never
//! change it; every text that came from a file or a user is sanitised before it is drawn.

mod checklist;
mod findings_plan_inventory;
mod history;
mod scan;
mod summary;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Mode, Notice, Screen};
use super::theme::Theme;
use crate::text::one_line;
use unicode_width::UnicodeWidthStr;

/// Below this, the checklist cannot show a control legibly.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn draw(app: &App, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let message = format!(
            "{} {MIN_WIDTH}×{MIN_HEIGHT} ({}×{})",
            app.strings().too_small,
            area.width,
            area.height
        );
        frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);

    draw_header(app, theme, frame, header);
    match app.screen {
        Screen::Checklist => checklist::draw(app, theme, frame, body),
        Screen::Findings => findings_plan_inventory::draw_findings(app, theme, frame, body),
        Screen::Actions => findings_plan_inventory::draw_actions(app, theme, frame, body),
        Screen::Assets => findings_plan_inventory::draw_assets(app, theme, frame, body),
        Screen::Summary => summary::draw(app, theme, frame, body),
        Screen::History => history::draw(app, theme, frame, body),
    }
    draw_status(app, theme, frame, status);
    draw_footer(app, theme, frame, footer);

    match &app.mode {
        Mode::Editing(editor) => checklist::draw_editor(app, editor, theme, frame, body),
        Mode::Help => draw_help(app, theme, frame, body),
        Mode::Form(form) => findings_plan_inventory::draw_form(app, form, theme, frame, body),
        Mode::Confirm(removal) => {
            findings_plan_inventory::draw_confirm(app, removal, theme, frame, body)
        }
        Mode::ControlLog(log) => history::draw_control_log(app, log, theme, frame, body),
        Mode::CveMatches(lines) => {
            findings_plan_inventory::draw_cves(app, lines, theme, frame, body)
        }
        Mode::ScanFacts(facts) => scan::draw(app, facts, theme, frame, body),
        Mode::Drafts(drafts) => {
            if let Some(first) = drafts.first() {
                draw_drafts(app, first, drafts.len(), theme, frame, body);
            }
        }
        _ => {}
    }
}

fn draw_header(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let meta = &app.engagement.state().meta;
    let answered = app.engagement.state().answers.len();
    let total = app.engagement.state().grid.control_count();
    let progress = format!(" {answered}/{total} {}", strings.answered);
    let brand = " vmsaudit ";
    let titles: Vec<String> = Screen::all()
        .iter()
        .map(|screen| format!(" {} ", screen.title(strings)))
        .collect();
    // Progress first: on a narrow terminal the client's name is what gets cut, then the
    // brand, then the names of the screens not shown (their position stays).
    let width = usize::from(area.width);
    let all_titles: usize = titles.iter().map(|t| t.width()).sum();
    let mut spans = Vec::new();
    if brand.width() + all_titles + progress.width() <= width {
        spans.push(Span::styled(brand, theme.heading()));
    }
    if all_titles + progress.width() <= width {
        for (screen, title) in Screen::all().iter().zip(titles) {
            if *screen == app.screen {
                spans.push(Span::styled(title, theme.selected(true)));
            } else {
                spans.push(Span::styled(title, theme.dim()));
            }
        }
    } else {
        let here = Screen::all()
            .iter()
            .position(|screen| *screen == app.screen)
            .unwrap_or(0);
        spans.push(Span::styled(brand, theme.heading()));
        spans.push(Span::styled(
            format!(" {} ", app.screen.title(strings)),
            theme.selected(true),
        ));
        spans.push(Span::styled(
            format!(" ({}/{})", here + 1, Screen::all().len()),
            theme.dim(),
        ));
    }
    let client = match &meta.site {
        Some(site) => format!("{} — {}", one_line(&meta.client), one_line(site)),
        None => one_line(&meta.client),
    };
    spans.push(Span::raw(format!("{progress} · {client}")));
    frame.render_widget(Line::from(spans), area);
}

fn draw_status(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let line = match &app.mode {
        Mode::Filtering => Line::from(vec![
            Span::styled(format!("{}: ", strings.filter), theme.key()),
            Span::raw(one_line(&app.filter)),
            Span::styled("▏", theme.key()),
        ]),
        Mode::AttachingEvidence(path) => Line::from(vec![
            Span::styled(format!("{}: ", strings.evidence_prompt), theme.key()),
            Span::raw(one_line(path)),
            Span::styled("▏", theme.key()),
        ]),
        _ => match &app.notice {
            Some(Notice::Info(text)) => Line::styled(one_line(text), theme.info()),
            Some(Notice::Error(text)) => Line::styled(one_line(text), theme.error()),
            None if !app.filter.is_empty() => Line::from(vec![
                Span::styled(format!("{}: ", strings.filter), theme.key()),
                Span::raw(one_line(&app.filter)),
            ]),
            None => Line::default(),
        },
    };
    frame.render_widget(line, area);
}

fn draw_footer(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let mut spans = Vec::new();
    for binding in app.bindings() {
        if let Some(label) = binding.footer {
            spans.push(Span::styled(format!(" {}", binding.shown), theme.key()));
            spans.push(Span::raw(format!(" {} ", label(strings))));
        }
    }
    frame.render_widget(Line::from(spans), area);
}

/// A bordered box, highlighted when it has the focus.
pub(super) fn block(title: String, focused: bool, theme: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title)
}

/// The area of an editor drawn over a screen: nearly all of it.
pub(super) fn popup(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).max(40),
        area.height.saturating_sub(2).max(8),
    )
}

/// A rectangle of `width`×`height` centred in `area`, shrunk to fit.
pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn draw_help(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let mut lines = Vec::new();
    for binding in app
        .bindings()
        .iter()
        .filter(|binding| !binding.shown.is_empty())
    {
        lines.push(Line::from(vec![
            Span::styled(format!("{:>10}  ", binding.shown), theme.key()),
            Span::raw((binding.label)(strings)),
        ]));
    }
    // How to close it sits on the frame, so that it shows however many keys there are.
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = centered(area, 50, height);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(format!(" {} ", strings.help_title))
        .title_bottom(Line::styled(
            format!(" {} ", strings.help_close),
            theme.dim(),
        ));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

fn draw_drafts(
    app: &App,
    draft: &crate::engagement::Draft,
    count: usize,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let strings = app.strings();
    let when = draft
        .saved_at
        .map(|time| time.strftime("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", draft.control), theme.heading()),
            Span::styled(format!("({when}, 1/{count})"), theme.dim()),
        ]),
        Line::default(),
    ];
    // The end of the draft is what was typed last, the part the auditor remembers.
    let text = crate::text::sanitize(&draft.text);
    let tail: Vec<&str> = text.lines().rev().take(6).collect();
    lines.extend(
        tail.into_iter()
            .rev()
            .map(|line| Line::raw(line.to_owned())),
    );
    let popup = centered(area, 70, 16);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(format!(" {} ", strings.drafts_title))
        .title_bottom(Line::styled(
            format!(" {} ", strings.drafts_keys),
            theme.key(),
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        popup,
    );
}
