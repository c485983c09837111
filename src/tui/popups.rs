//! The small popups: the help, what a long operation told, the drafts recovered at start,
//! and the question before a removal. Each holds its state, reads its keys and draws
//! itself; what a key asks of the rest is its return value.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::ctx::Ctx;
use super::keys::Binding;
use super::message::{Attach, Removal};
use super::theme::Theme;
use super::widgets::{Scroll, block, centered, popup, scroll_step, text_popup};
use crate::engagement::Draft;
use crate::text::one_line;

/// The keys of the screen it was opened on, scrolling when longer than the terminal.
pub struct Help {
    bindings: &'static [Binding],
    pub scroll: Scroll,
}

impl Help {
    pub fn new(bindings: &'static [Binding]) -> Help {
        Help {
            bindings,
            scroll: Scroll::drawn_first(),
        }
    }

    /// Arrows scroll it; whether it stays open (any other key closes it).
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        let step = scroll_step(key);
        self.scroll.by(step);
        step != 0
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let max = ctx.state().grid.max_level();
        let lines: Vec<Line<'static>> = self
            .bindings
            .iter()
            .filter(|binding| !binding.shown.is_empty())
            .map(|binding| {
                Line::from(vec![
                    Span::styled(
                        format!("{:>10}  ", binding.shown_on(ctx.lang, max)),
                        theme.key(),
                    ),
                    Span::raw((binding.label)(strings)),
                ])
            })
            .collect();
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
        self.scroll
            .set_room(rows.saturating_sub(usize::from(popup.height.saturating_sub(2))));
        text_popup(
            lines,
            (strings.help_title, (strings.help_close, theme.dim())),
            u16::try_from(self.scroll.get()).unwrap_or(u16::MAX),
            theme,
            frame,
            popup,
        );
    }
}

/// The lines a popup shows after an operation that says more than a status line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    pub title: String,
    /// Each line, and whether it is a warning or a stop.
    pub lines: Vec<(String, bool)>,
    pub scroll: u16,
}

impl Told {
    /// Arrows scroll a long account; whether it stays open (any other key closes it).
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        let step = scroll_step(key);
        self.scroll = self
            .scroll
            .saturating_add_signed(i16::try_from(step).unwrap_or(0));
        step != 0
    }

    /// Each line whole (wrapped), warnings and stops in the error style.
    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let lines: Vec<Line> = self
            .lines
            .iter()
            .map(|(text, bad)| {
                Line::styled(
                    one_line(text),
                    if *bad { theme.error() } else { theme.info() },
                )
            })
            .collect();
        text_popup(
            lines,
            (
                &one_line(&self.title),
                (ctx.strings().told_close, theme.dim()),
            ),
            self.scroll,
            theme,
            frame,
            popup(area),
        );
    }
}

/// Drafts recovered from an earlier session, offered back one by one.
#[derive(Default)]
pub struct Drafts(pub Vec<Draft>);

/// What a key did to the drafts offered.
#[derive(Debug, PartialEq)]
pub enum Recovered {
    Offering,
    /// Enter: edit this one (the others are left for later).
    Edit(Draft),
    /// `d`: throw this one away.
    Discard(Draft),
    /// Esc: keep this one on disk and go on.
    Skip,
    Quit,
}

impl Drafts {
    pub fn key(&mut self, key: &KeyEvent) -> Recovered {
        if self.0.is_empty() {
            return Recovered::Skip;
        }
        match key.code {
            KeyCode::Enter => Recovered::Edit(self.0.remove(0)),
            KeyCode::Char('d') => Recovered::Discard(self.0.remove(0)),
            KeyCode::Esc => {
                self.0.remove(0);
                Recovered::Skip
            }
            KeyCode::Char('q') => Recovered::Quit,
            _ => Recovered::Offering,
        }
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let Some(draft) = self.0.first() else {
            return;
        };
        let strings = ctx.strings();
        let when = draft
            .saved_at
            .map(|time| ctx.moment(time))
            .unwrap_or_default();
        // A form's draft by the record it edits, in words (`nouvelle vulnérabilité`), not by
        // its file's name.
        let named = match draft.form {
            true => form_title(&draft.text, ctx.lang).unwrap_or_else(|| draft.control.clone()),
            false => draft.control.clone(),
        };
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!("{} ", one_line(&named)), theme.heading()),
                Span::styled(format!("({when}, 1/{})", self.0.len()), theme.dim()),
            ]),
            Line::default(),
        ];
        let (title, keys) = if draft.form {
            lines.extend(form_lines(&draft.text, ctx));
            (strings.drafts_form_title, strings.drafts_form_keys)
        } else {
            // The end of the draft is what was typed last, the part the auditor remembers.
            let text = crate::text::sanitize(&draft.text);
            let tail: Vec<&str> = text.lines().rev().take(6).collect();
            lines.extend(
                tail.into_iter()
                    .rev()
                    .map(|line| Line::raw(line.to_owned())),
            );
            (strings.drafts_title, strings.drafts_keys)
        };
        text_popup(
            lines,
            (title, (keys, theme.key())),
            0,
            theme,
            frame,
            centered(area, 70, 16),
        );
    }
}

/// The record a form's draft edits, as a refusal names it: `new finding`, `action A-…`.
fn form_title(text: &str, lang: crate::grid::Lang) -> Option<String> {
    use crate::messages::Subject;
    let draft = crate::yaml::from_str::<super::form::FormDraft>(text).ok()?;
    let subject = match (draft.record.as_str(), draft.id) {
        ("finding", None) => Subject::NewFinding,
        ("finding", Some(id)) => Subject::Finding(id),
        ("action", None) => Subject::NewAction,
        ("action", Some(id)) => Subject::Action(id),
        ("asset", id) => Subject::Asset(id.unwrap_or_default()),
        ("details", _) => Subject::Scope,
        _ => return None,
    };
    Some(crate::messages::subject(lang, &subject).trim().to_owned())
}

/// A form's draft as its fields typed: each one given, by its label, on one line; a choice
/// in the interface's words, as the form shows it.
fn form_lines(text: &str, ctx: &Ctx) -> Vec<Line<'static>> {
    use crate::field::{ActionField, AssetField, Field, FindingField};
    let lang = ctx.lang;
    let Ok(draft) = crate::yaml::from_str::<super::form::FormDraft>(text) else {
        return Vec::new();
    };
    let is_choice = |field: &Field| {
        matches!(
            field,
            Field::Finding(
                FindingField::RemoteTakeover
                    | FindingField::Status
                    | FindingField::Severity
                    | FindingField::CvssSource
            ) | Field::Action(ActionField::Complexity | ActionField::Owner | ActionField::Status)
                | Field::Asset(AssetField::Kind)
        )
    };
    let of_record = |field: &crate::field::Field| {
        matches!(
            (draft.record.as_str(), field),
            ("finding", crate::field::Field::Finding(_))
                | ("action", crate::field::Field::Action(_))
                | ("asset", crate::field::Field::Asset(_))
                | ("details", crate::field::Field::Scope(_))
        )
    };
    crate::field::Field::all()
        .filter(of_record)
        .filter_map(|field| {
            let value = draft.fields.get(field.key())?;
            let value = match is_choice(&field) {
                true => super::form::choice(ctx, value),
                false => value.clone(),
            };
            let value = crate::text::one_line(&value);
            (!value.trim().is_empty()).then(|| {
                let label = super::strings::field_label(lang, field);
                let colon = match lang {
                    crate::grid::Lang::En => ":",
                    crate::grid::Lang::Fr => "\u{a0}:",
                };
                Line::raw(format!("{label}{colon} {value}"))
            })
        })
        .take(8)
        .collect()
}

/// Asking `y` before removing a record or detaching evidence.
pub struct Confirm(pub Removal);

/// What a key does to the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    Yes,
    /// Another of the files to detach chosen: the question stays.
    Moved,
    No,
}

impl Confirm {
    /// Whether the key confirms; the arrows choose among the files to detach, any other key
    /// closes the question.
    pub fn key(&mut self, key: &KeyEvent) -> Confirmed {
        // o for « oui » on a French screen; y whatever the language, as fingers remember it.
        if matches!(key.code, KeyCode::Char('y' | 'Y' | 'o' | 'O')) {
            return Confirmed::Yes;
        }
        if let Removal::Evidence { listed, chosen, .. } = &mut self.0
            && listed.len() > 1
        {
            let last = listed.len() - 1;
            match key.code {
                KeyCode::Up | KeyCode::Char('k') => *chosen = chosen.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => *chosen = (*chosen + 1).min(last),
                _ => return Confirmed::No,
            }
            return Confirmed::Moved;
        }
        Confirmed::No
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let id = match &self.0 {
            Removal::Finding(id) | Removal::Action(id) | Removal::Asset(id) => one_line(id),
            Removal::Evidence {
                from,
                listed,
                chosen,
            } => return self.draw_detach(ctx, theme, frame, area, (from, listed, *chosen)),
        };
        let popup = centered(area, 60, 5);
        frame.render_widget(Clear, popup);
        let lines = vec![
            Line::styled(format!("{} {id}?", strings.remove), theme.error()),
            Line::styled(strings.confirm_remove, theme.key()),
        ];
        frame.render_widget(
            Paragraph::new(lines).block(block(String::new(), true, theme)),
            popup,
        );
    }

    /// The files a record lists, the one to detach marked, and the question.
    fn draw_detach(
        &self,
        ctx: &Ctx,
        theme: Theme,
        frame: &mut Frame,
        area: Rect,
        (from, listed, chosen): (&Attach, &[String], usize),
    ) {
        let strings = ctx.strings();
        let record = match from {
            Attach::Control(id) | Attach::Finding(id) => one_line(id),
        };
        // As many files as the terminal shows, the chosen one among them.
        let room = usize::from(area.height.saturating_sub(6)).max(1);
        let first = chosen.saturating_sub(room - 1);
        let mut lines = vec![Line::styled(
            strings.detach_from.replace("{}", &record),
            theme.error(),
        )];
        lines.extend(
            listed
                .iter()
                .enumerate()
                .skip(first)
                .take(room)
                .map(|(index, path)| match index == chosen {
                    true => Line::styled(format!("› {}", one_line(path)), theme.selected(true)),
                    false => Line::raw(format!("  {}", one_line(path))),
                }),
        );
        lines.push(Line::styled(
            match listed.len() {
                1 => strings.confirm_detach,
                _ => strings.confirm_detach_choose,
            },
            theme.key(),
        ));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let popup = centered(area, 76, height);
        frame.render_widget(Clear, popup);
        frame.render_widget(
            Paragraph::new(lines).block(block(String::new(), true, theme)),
            popup,
        );
    }
}
