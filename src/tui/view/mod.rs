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
use super::prompt::PromptFor;
use super::theme::Theme;
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
        Mode::Told(told) => draw_told(app, told, theme, frame, body),
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
    match &app.mode {
        Mode::Filtering => Line::from(vec![
            Span::styled(format!("{}{}", strings.filter, strings.colon), theme.key()),
            Span::raw(one_line(&app.filter)),
            Span::styled("▏", theme.key()),
        ]),
        Mode::Prompt(prompt) => {
            let asked = match &prompt.purpose {
                PromptFor::StartRound => strings.start_round_prompt.to_owned(),
                PromptFor::CloseRound => strings.close_round_prompt.to_owned(),
                PromptFor::Override(domain) => {
                    format!("{} {}", strings.override_prompt, one_line(domain))
                }
                PromptFor::Evidence(_) => strings.evidence_prompt.to_owned(),
                PromptFor::EvidenceNote(_, path) => {
                    format!("{} {}", strings.evidence_note_prompt, one_line(path))
                }
                PromptFor::ImportAssets => strings.import_prompt.to_owned(),
            };
            let mut spans = vec![
                Span::styled(format!("{asked}{}", strings.colon), theme.key()),
                Span::raw(one_line(&prompt.label)),
                Span::styled("▏", theme.key()),
            ];
            if !prompt.choices.is_empty() {
                // What Tab could not choose between, for the next letters to decide.
                const SHOWN: usize = 24;
                let mut names: Vec<String> = prompt
                    .choices
                    .iter()
                    .take(SHOWN)
                    .map(|name| one_line(name))
                    .collect();
                if prompt.choices.len() > SHOWN {
                    names.push(format!("… (+{})", prompt.choices.len() - SHOWN));
                }
                spans.push(Span::styled(
                    format!("   {}", names.join("  ")),
                    theme.dim(),
                ));
            }
            // Why the last Enter or Tab did not go through, beside what is to correct.
            if let Some(Notice::Error(text)) = &app.notice {
                spans.push(Span::styled(
                    format!("   {}", one_line(text)),
                    theme.error(),
                ));
            }
            Line::from(spans)
        }
        _ => match &app.notice {
            Some(Notice::Info(text)) => Line::styled(one_line(text), theme.info()),
            Some(Notice::Error(text)) => Line::styled(one_line(text), theme.error()),
            None if !app.filter.is_empty() => Line::from(vec![
                Span::styled(format!("{}{}", strings.filter, strings.colon), theme.key()),
                Span::raw(one_line(&app.filter)),
            ]),
            None => Line::default(),
        },
    }
}

fn draw_footer(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let mut spans = Vec::new();
    for binding in app.bindings() {
        if let Some(label) = binding.footer {
            spans.push(Span::styled(
                format!(" {}", binding.shown_in(app.lang)),
                theme.key(),
            ));
            spans.push(Span::raw(format!(" {} ", label(strings))));
        }
    }
    frame.render_widget(Line::from(spans), area);
}

/// `line` cut to `width` columns, with `…` where it was cut, so that a title cut short is
/// seen to be.
pub(super) fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let mut text = String::new();
        for c in span.content.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            text.push(c);
        }
        let full = text.len() == span.content.len();
        spans.push(Span::styled(text, span.style));
        if !full {
            break;
        }
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(line.style)
}

/// Scrollable wrapped text in a box, the scroll kept within its lines (see
/// [`App::detail_room`]).
pub(super) fn detail_pane(
    app: &App,
    lines: Vec<Line<'static>>,
    focused: bool,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    let room = paragraph
        .line_count(inner.width)
        .saturating_sub(usize::from(inner.height));
    app.detail_room.set(u16::try_from(room).unwrap_or(u16::MAX));
    let paragraph =
        paragraph
            .scroll((app.detail_scroll(), 0))
            .block(block(String::new(), focused, theme));
    frame.render_widget(paragraph, area);
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
            Span::styled(format!("{:>10}  ", binding.shown_in(app.lang)), theme.key()),
            Span::raw((binding.label)(strings)),
        ]));
    }
    // As wide as the longest line where the screen allows; a narrower screen wraps the
    // lines, and the box grows by the rows they take, so that no key is cut.
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = u16::try_from(widest + 4)
        .unwrap_or(u16::MAX)
        .clamp(30, area.width.max(1));
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|line| line.width().div_ceil(inner).max(1))
        .sum();
    // How to close it sits on the frame, so that it shows however many keys there are.
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(format!(" {} ", strings.help_title))
        .title_bottom(Line::styled(
            format!(" {} ", strings.help_close),
            theme.dim(),
        ));
    let shown = usize::from(popup.height.saturating_sub(2));
    app.help_room
        .set(u16::try_from(rows.saturating_sub(shown)).unwrap_or(u16::MAX));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.help_scroll.min(app.help_room.get()), 0))
            .block(block),
        popup,
    );
}

/// What an operation said, each line whole (wrapped), warnings and stops in the error style.
fn draw_told(app: &App, told: &super::app::Told, theme: Theme, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = told
        .lines
        .iter()
        .map(|(text, bad)| {
            Line::styled(
                one_line(text),
                if *bad { theme.error() } else { theme.info() },
            )
        })
        .collect();
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(format!(" {} ", one_line(&told.title)))
        .title_bottom(Line::styled(
            format!(" {} ", app.strings().told_close),
            theme.dim(),
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((told.scroll, 0))
            .block(block),
        popup,
    );
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
