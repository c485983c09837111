//! What the findings, plan and assets screens share: a list's cursor, its domain filter and
//! order, the detail's scroll, their keys, and the pieces they draw with (the list's title
//! with its filters, the table, the lines of a record's detail).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use super::ctx::Ctx;
use super::form::Form;
use super::keys::Action;
use super::message::Removal;
use super::mode::{Do, Mode};
use super::popups::Confirm;
use super::strings::Strings;
use super::theme::Theme;
use super::widgets::{Scroll, block};
use crate::assessment::Severity;
use crate::report::labels;
use crate::text::{one_line, sanitize};

/// Selection, domain filter and order of one record list, and its detail's scroll.
#[derive(Debug, Default)]
pub struct RecordList {
    pub selected: usize,
    /// Only the records of this domain (findings, actions).
    pub domain: Option<String>,
    /// By id instead of by criticality or plan order.
    pub by_id: bool,
    pub detail: Scroll,
}

/// The next value of a filter: the first of `all` after none, none after the last.
pub fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(value) => all
            .iter()
            .position(|item| *item == value)
            .and_then(|at| all.get(at + 1))
            .copied(),
    }
}

impl RecordList {
    /// The keys every record list answers the same way, over the `count` records shown
    /// and the removal of the selected one; `None` for the others.
    pub fn update(
        &mut self,
        action: Action,
        ctx: &Ctx,
        (count, removal): (usize, Option<Removal>),
    ) -> Option<Vec<Do>> {
        if matches!(
            action,
            Action::Up | Action::Down | Action::First | Action::Last
        ) {
            self.detail.top = 0;
        }
        let last = count.saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1).min(last),
            Action::Down => self.selected = self.selected.saturating_add(1).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::PageUp => self.detail.by(-10),
            Action::PageDown => self.detail.by(10),
            Action::Delete => {
                return Some(
                    removal
                        .map(|removal| Do::Open(Mode::Confirm(Confirm(removal))))
                        .into_iter()
                        .collect(),
                );
            }
            Action::FilterDomain => {
                let ids: Vec<&str> = ctx
                    .state()
                    .grid
                    .domains
                    .iter()
                    .map(|domain| domain.id.as_str())
                    .collect();
                self.domain = cycle(self.domain.as_deref(), &ids).map(str::to_owned);
            }
            Action::Sort => {
                self.by_id = !self.by_id;
                self.selected = 0;
            }
            Action::Filter => return Some(vec![Do::Filter]),
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Every filter off but the order; the text filter is the caller's.
    pub fn clear_filters(&mut self) {
        self.selected = 0;
        self.domain = None;
    }

    /// The selection kept within `count` records.
    pub fn clamp(&mut self, count: usize) {
        self.selected = self.selected.min(count.saturating_sub(1));
    }

    /// The filters in force, for the list's title: `status` and `other` are the screen's
    /// own, already in words.
    pub fn title(
        &self,
        ctx: &Ctx,
        (what, shown, total): (&str, usize, usize),
        status: Option<String>,
        other: Option<(&str, String)>,
    ) -> String {
        let strings = ctx.strings();
        let mut parts = Vec::new();
        if let Some(status) = status {
            parts.push(format!("{} {status}", strings.status));
        }
        if let Some(domain) = &self.domain {
            parts.push(one_line(domain));
        }
        if let Some((name, value)) = other {
            parts.push(format!("{name} {value}"));
        }
        if !ctx.filter.is_empty() {
            parts.push(match ctx.lang {
                crate::grid::Lang::Fr => format!("«\u{a0}{}\u{a0}»", one_line(ctx.filter)),
                crate::grid::Lang::En => format!("\"{}\"", one_line(ctx.filter)),
            });
        }
        if self.by_id {
            parts.push(strings.by_id.to_owned());
        }
        let filters = if parts.is_empty() {
            String::new()
        } else {
            format!("· {} ", parts.join(" · "))
        };
        format!(" {what} {shown}/{total} {filters}")
    }

    /// The list as a table in `area` with the selection highlighted, beside or above the
    /// selected record's `detail`; "none yet" (and an empty detail) when there is nothing
    /// to list.
    pub fn draw(
        &self,
        ctx: &Ctx,
        (title, table): (String, Option<Table<'static>>),
        detail: Option<Vec<Line<'static>>>,
        theme: Theme,
        frame: &mut Frame,
        area: Rect,
    ) {
        let [list_area, detail_area] = split(area);
        let Some(table) = table else {
            let text = Paragraph::new(Line::styled(ctx.strings().none_yet, theme.dim()));
            frame.render_widget(text.block(block(title, true, theme)), list_area);
            frame.render_widget(block(String::new(), false, theme), detail_area);
            return;
        };
        let mut state = TableState::default().with_selected(Some(self.selected));
        let table = table
            .column_spacing(1)
            .block(block(title, true, theme))
            .row_highlight_style(theme.selected(true));
        frame.render_stateful_widget(table, list_area, &mut state);
        if let Some(lines) = detail {
            self.detail.draw(lines, false, theme, frame, detail_area);
        }
    }
}

/// Columns of these widths, then the title's, which takes the rest (at least 10).
pub fn titled_columns(lengths: &[u16]) -> Vec<Constraint> {
    let fixed = lengths.iter().map(|length| Constraint::Length(*length));
    fixed.chain([Constraint::Min(10)]).collect()
}

/// The lookups of a record screen over the rows it shows (its `visible`), each row's id
/// read by `|$row| $id`: the selected row's id, and where a record is among the rows.
macro_rules! row_lookups {
    (|$row:ident| $id:expr) => {
        pub fn selected_id(&self, ctx: &Ctx) -> Option<String> {
            let shown = self.visible(ctx);
            shown.get(self.list.selected).map(|$row| $id.to_owned())
        }

        pub fn position(&self, ctx: &Ctx, wanted: &str) -> Option<usize> {
            self.visible(ctx).iter().position(|$row| $id == wanted)
        }
    };
}
pub(super) use row_lookups;

/// What Enter or `+` asks: the record's form, if there is a record to edit.
pub fn open_form(form: Option<Form>) -> Option<Vec<Do>> {
    let form = form.map(|form| Do::Open(Mode::Form(Box::new(form))));
    Some(form.into_iter().collect())
}

/// A table of `rows` in `widths`, or none when there are no rows.
pub fn table<C: Into<Constraint>>(
    rows: Vec<Row<'static>>,
    widths: impl IntoIterator<Item = C>,
) -> Option<Table<'static>> {
    (!rows.is_empty()).then(|| Table::new(rows, widths))
}

/// The list beside its detail on a wide terminal, above it otherwise.
pub fn split(area: Rect) -> [Rect; 2] {
    if area.width >= 110 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
    }
}

pub fn severity_span(
    severity: Option<Severity>,
    lang: crate::grid::Lang,
    theme: Theme,
) -> Span<'static> {
    let text = severity.map_or("-", |s| labels::severity(s, lang));
    let level = match severity {
        Some(Severity::Critical | Severity::High) => 0,
        Some(Severity::Medium) => 2,
        _ => 4,
    };
    Span::styled(text.to_owned(), theme.level(level, 4))
}

pub fn heading(lines: &mut Vec<Line<'static>>, text: &str, theme: Theme) {
    lines.push(Line::default());
    lines.push(Line::styled(text.to_owned(), theme.heading()));
}

/// The records linked to the one shown (`id title`, a line each) under `title`; nothing
/// when there is none.
pub fn linked<'r>(
    lines: &mut Vec<Line<'static>>,
    title: &str,
    records: impl Iterator<Item = (&'r str, &'r str)>,
    theme: Theme,
) {
    let mut records = records.peekable();
    if records.peek().is_some() {
        heading(lines, title, theme);
        lines.extend(records.map(|(id, title)| Line::raw(format!("{id} {}", one_line(title)))));
    }
}

pub fn text_lines(lines: &mut Vec<Line<'static>>, text: &str) {
    lines.extend(
        sanitize(text.trim_end())
            .lines()
            .map(|line| Line::raw(line.to_owned())),
    );
}

/// `label` with a capital, as a line of the detail starts (the same words are lower case in
/// the lists' titles).
pub fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn pair(strings: &Strings, label: &str, value: String, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{}{}", capitalised(label), strings.colon),
            theme.key(),
        ),
        Span::raw(value),
    ])
}
