//! Drawing: a pure function of the [`App`] into a frame. The header (the screens and the
//! progress), the screen and its popup (each component draws itself), the status line and
//! the footer of the screen's keys. Views read the state and never change it; every text
//! that came from a file or a user is sanitised before it is drawn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Mode, Notice, Screen};
use super::theme::Theme;
use super::widgets::fit;
use crate::text::one_line;
use unicode_width::UnicodeWidthStr;

pub use super::app::{MIN_HEIGHT, MIN_WIDTH};

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
        Constraint::Length(status_height(app, area.width)),
        Constraint::Length(1),
    ])
    .areas(area);

    draw_header(app, theme, frame, header);
    app.draw(theme, frame, body);
    draw_status(app, theme, frame, status);
    draw_footer(app, theme, frame, footer);
}

fn draw_header(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let state = app.engagement().state();
    let meta = &state.meta;
    let progress = format!(
        " {}/{} {}",
        state.answers.len(),
        state.grid.control_count(),
        strings.answered
    );
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
            if *screen == app.screen() {
                spans.push(Span::styled(title, theme.selected(true)));
            } else {
                spans.push(Span::styled(title, theme.dim()));
            }
        }
    } else {
        let here = Screen::all()
            .iter()
            .position(|screen| *screen == app.screen())
            .unwrap_or(0);
        spans.push(Span::styled(brand, theme.heading()));
        spans.push(Span::styled(
            format!(" {} ", app.screen().title(strings)),
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
    frame.render_widget(fit(Line::from(spans), usize::from(area.width)), area);
}

/// Rows for the status line: a long message wraps onto up to four rows rather than being
/// cut, so that an error can be read in full.
fn status_height(app: &App, width: u16) -> u16 {
    let rows = status_line(app, Theme::plain())
        .width()
        .div_ceil(usize::from(width.max(1)));
    u16::try_from(rows.clamp(1, 4)).unwrap_or(1)
}

fn draw_status(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let line = status_line(app, theme);
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), area);
}

/// The status line: what is being typed, else the last message, else the filter in force.
fn status_line(app: &App, theme: Theme) -> Line<'static> {
    let strings = app.strings();
    match app.mode() {
        Mode::Filtering => Line::from(vec![
            Span::styled(format!("{}{}", strings.filter, strings.colon), theme.key()),
            Span::raw(one_line(app.filter())),
            Span::styled("▏", theme.key()),
        ]),
        Mode::Prompt(prompt) => prompt.status_line(&app.ctx(), app.notice(), theme),
        _ => match app.notice() {
            Some(Notice::Info(text)) => Line::styled(one_line(text), theme.info()),
            Some(Notice::Error(text)) => Line::styled(one_line(text), theme.error()),
            None if !app.filter().is_empty() => Line::from(vec![
                Span::styled(format!("{}{}", strings.filter, strings.colon), theme.key()),
                Span::raw(one_line(app.filter())),
            ]),
            None => Line::default(),
        },
    }
}

fn draw_footer(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let max = app.engagement().state().grid.max_level();
    let mut spans = Vec::new();
    for binding in app.bindings() {
        if let Some(label) = binding.footer {
            spans.push(Span::styled(
                format!(" {}", binding.shown_on(app.lang(), max)),
                theme.key(),
            ));
            spans.push(Span::raw(format!(" {} ", label(strings))));
        }
    }
    frame.render_widget(Line::from(spans), area);
}
