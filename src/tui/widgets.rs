//! Drawing pieces every component uses: a line cut to fit, a bordered box, a popup's area,
//! a scrolling detail pane and a scrolling text popup.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::theme::Theme;

/// `line` cut to `width` columns, with `…` where it was cut, so that a title cut short is
/// seen to be.
pub fn fit(line: Line<'static>, width: usize) -> Line<'static> {
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

/// A bordered box, highlighted when it has the focus.
pub fn block(title: String, focused: bool, theme: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title)
}

/// The area of an editor drawn over a screen: nearly all of it.
pub fn popup(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).max(40),
        area.height.saturating_sub(2).max(8),
    )
}

/// A rectangle of `width`×`height` centred in `area`, shrunk to fit.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Wrapped lines in a focused box over `area` (cleared first), titled, with what closes it
/// at the bottom (in its style), scrolled by `scroll` rows.
pub fn text_popup(
    lines: Vec<Line<'static>>,
    (title, bottom): (&str, (&str, Style)),
    scroll: u16,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    frame.render_widget(Clear, area);
    let title = format!(" {title} ");
    let bottom = Line::styled(format!(" {} ", bottom.0), bottom.1);
    let block = block(title, true, theme).title_bottom(bottom);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        area,
    );
}

/// How far a key scrolls a popup that closes on any other key (0: it closes it).
pub fn scroll_step(key: &ratatui::crossterm::event::KeyEvent) -> i32 {
    use ratatui::crossterm::event::KeyCode;
    match key.code {
        KeyCode::Down | KeyCode::Char('j') => 1,
        KeyCode::Up | KeyCode::Char('k') => -1,
        KeyCode::PageDown => 10,
        KeyCode::PageUp => -10,
        _ => 0,
    }
}

/// A pane's scroll, and how far it can scroll as it was last drawn: the drawing reports it
/// (as ratatui's list state keeps its offset) so that `End` stops at the last line and
/// `PgUp` comes back from there at once. In rows of any number: ratatui scrolls a paragraph
/// by a `u16`, so the pane gives it only the lines it shows (see [`Scroll::draw`]).
#[derive(Debug)]
pub struct Scroll {
    pub top: usize,
    room: Cell<usize>,
}

impl Default for Scroll {
    fn default() -> Self {
        Scroll {
            top: 0,
            room: Cell::new(usize::MAX),
        }
    }
}

impl Scroll {
    /// A pane that cannot scroll until it has been drawn once.
    pub fn drawn_first() -> Self {
        Scroll {
            top: 0,
            room: Cell::new(0),
        }
    }

    /// The scroll, never past the last line as last drawn.
    pub fn get(&self) -> usize {
        self.top.min(self.room.get())
    }

    pub fn room(&self) -> usize {
        self.room.get()
    }

    /// Moves by `delta` rows from where the pane really is.
    pub fn by(&mut self, delta: i32) {
        let step = usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX);
        self.top = if delta < 0 {
            self.get().saturating_sub(step)
        } else {
            self.get().saturating_add(step)
        };
    }

    /// Scrollable wrapped text in a box, the scroll kept within its lines. Only the lines
    /// in view are wrapped and drawn, from the first one the scroll reaches: each line's
    /// rows are measured (one for a line that fits, the most common), so that a text of
    /// hundreds of thousands of lines scrolls to any row and costs a frame little more than
    /// a short one.
    pub fn draw(
        &self,
        lines: Vec<Line<'static>>,
        focused: bool,
        theme: Theme,
        frame: &mut Frame,
        area: Rect,
    ) {
        let inner = area.inner(ratatui::layout::Margin::new(1, 1));
        let height = usize::from(inner.height);
        let rows: Vec<usize> = lines
            .iter()
            .map(|line| rows_of(line, inner.width))
            .collect();
        self.set_room(rows.iter().sum::<usize>().saturating_sub(height));
        let top = self.get();
        // The first line in view, and how many of its rows are above the pane.
        let mut above = 0;
        let mut first = rows.len();
        for (index, &count) in rows.iter().enumerate() {
            if above + count > top {
                first = index;
                break;
            }
            above += count;
        }
        let skip = top - above.min(top);
        let mut end = first;
        let mut filled = 0;
        while end < rows.len() && filled < skip + height {
            filled += rows[end];
            end += 1;
        }
        let shown: Vec<Line<'static>> = lines.into_iter().skip(first).take(end - first).collect();
        let paragraph = Paragraph::new(shown)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(skip).unwrap_or(u16::MAX), 0))
            .block(block(String::new(), focused, theme));
        frame.render_widget(paragraph, area);
    }

    pub fn set_room(&self, room: usize) {
        self.room.set(room);
    }
}

/// The rows `line` takes wrapped at `width` columns: one when it fits, as wrapped alone
/// otherwise.
fn rows_of(line: &Line<'static>, width: u16) -> usize {
    if width == 0 || line.width() <= usize::from(width) {
        return 1;
    }
    Paragraph::new(line.clone())
        .wrap(Wrap { trim: false })
        .line_count(width)
        .max(1)
}

/// At most `width` characters of `text` on one line, cut with `…`.
pub fn cut(text: &str, width: usize) -> String {
    let text = crate::text::one_line(text);
    if text.chars().count() <= width {
        return text;
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A list in a box titled `title`, the `selected` item highlighted (in the focus's style).
pub fn list(
    items: Vec<ListItem<'static>>,
    selected: Option<usize>,
    (title, focused): (String, bool),
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let mut state = ListState::default().with_selected(selected);
    let list = List::new(items)
        .block(block(title, focused, theme))
        .highlight_style(theme.selected(focused));
    frame.render_stateful_widget(list, area, &mut state);
}
