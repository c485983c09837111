//! The history of one control (`L` on the checklist), over it: each change with its
//! author, date and what it changed, with the rounds' boundaries. Reading it from git is
//! an effect; this popup only holds and scrolls what was read.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::ctx::Ctx;
use super::theme::Theme;
use super::widgets::{cut, popup, text_popup};
use crate::compare::{AnswerDelta, answer_deltas};
use crate::engagement::{LogEntry, Round};
use crate::text::one_line;

#[derive(Debug, Clone)]
pub struct ControlLog {
    pub control: String,
    pub entries: Vec<LogEntry>,
    pub rounds: Vec<Round>,
    pub scroll: u16,
}

impl ControlLog {
    /// Scrolls; whether it stays open (any other key closes it).
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.scroll = self.scroll.saturating_add(1),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(10),
            KeyCode::PageDown => self.scroll = self.scroll.saturating_add(10),
            _ => return false,
        }
        true
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let mut lines: Vec<Line<'static>> = Vec::new();
        if self.entries.is_empty() {
            lines.push(Line::styled(strings.never_answered.to_owned(), theme.dim()));
        }
        for (index, entry) in self.entries.iter().enumerate() {
            self.entry_lines(ctx, entry, theme, &mut lines);
            let next = self
                .entries
                .get(index + 1)
                .map(|next| next.round.as_deref());
            if let Some(label) = &entry.round
                && next != Some(Some(label.as_str()))
            {
                lines.push(self.round_line(ctx, label, theme));
            }
        }
        text_popup(
            lines,
            (
                &format!("{} {}", strings.history_of, one_line(&self.control)),
                (strings.history_close, theme.key()),
            ),
            self.scroll,
            theme,
            frame,
            popup(area),
        );
    }

    /// One change: when (as every moment is shown, `clock::moment`) and who, what changed,
    /// and the observations when they did.
    fn entry_lines(&self, ctx: &Ctx, entry: &LogEntry, theme: Theme, lines: &mut Vec<Line>) {
        let deltas: Vec<String> = answer_deltas(entry.before.as_ref(), entry.after.as_ref())
            .iter()
            .map(|delta| delta_text(ctx, delta))
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", ctx.moment(entry.at)), theme.dim()),
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
                    format!("  {}", ctx.lang.quote(&cut(&after.observations, 200))),
                    theme.dim(),
                ));
            }
        }
    }

    fn round_line(&self, ctx: &Ctx, label: &str, theme: Theme) -> Line<'static> {
        let day = self
            .rounds
            .iter()
            .find(|round| round.label == label)
            .map(|round| {
                let day = ctx.day(round.closed_at);
                format!(" · {}", ctx.lang.short_date(day))
            })
            .unwrap_or_default();
        Line::styled(
            format!(
                "── {}{day}",
                ctx.strings().round_closed.replace("{}", &one_line(label))
            ),
            theme.heading(),
        )
    }
}

/// A change of a control's answer, in the interface's language.
fn delta_text(ctx: &Ctx, delta: &AnswerDelta) -> String {
    let strings = ctx.strings();
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
        AnswerDelta::EvidenceRemoved { name } => {
            format!("{} ({})", strings.log_evidence_removed, one_line(name))
        }
        AnswerDelta::Removed => strings.log_removed.to_owned(),
        AnswerDelta::Other => strings.log_other.to_owned(),
    }
}
