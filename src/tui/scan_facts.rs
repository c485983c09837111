//! The checklist's scan popup (`S` on a control): the facts of the imported scans that bear
//! on it, each pending, accepted or dismissed; one key accepts the selected one into the
//! observations (the scan's XML linked as evidence), one dismisses it. Reading the scans and
//! deciding are effects, done through the engagement.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::ctx::Ctx;
use super::theme::Theme;
use super::widgets::{popup, text_popup};
use crate::scan::{Decision, Proposal};
use crate::text::one_line;

/// The proposals on one control, and the one selected.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanFacts {
    pub control: String,
    pub proposals: Vec<Proposal>,
    pub selected: usize,
}

/// What a key did in the popup.
#[derive(Debug, PartialEq, Eq)]
pub enum Decided {
    Stay,
    Close,
    /// Accept or dismiss these facts of the control.
    Decide(Vec<String>, Decision),
}

impl ScanFacts {
    /// The proposals of `all` that bear on `control`.
    pub fn new(control: &str, all: Vec<Proposal>) -> ScanFacts {
        ScanFacts {
            control: control.to_owned(),
            proposals: all
                .into_iter()
                .filter(|proposal| proposal.control == control)
                .collect(),
            selected: 0,
        }
    }

    fn pending(&self) -> Vec<String> {
        self.proposals
            .iter()
            .filter(|proposal| proposal.decision.is_none())
            .map(|proposal| proposal.fact.clone())
            .collect()
    }

    /// The facts a key decides on: every pending one, or the selected one if pending.
    fn decide(&self, decision: Decision, all: bool) -> Decided {
        let chosen = if all {
            self.pending()
        } else {
            self.proposals
                .get(self.selected)
                .filter(|proposal| proposal.decision.is_none())
                .map(|proposal| vec![proposal.fact.clone()])
                .unwrap_or_default()
        };
        if chosen.is_empty() {
            Decided::Close
        } else {
            Decided::Decide(chosen, decision)
        }
    }

    pub fn key(&mut self, key: &KeyEvent) -> Decided {
        let count = self.proposals.len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return Decided::Close,
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
            }
            KeyCode::Enter | KeyCode::Char('y' | 'o') => {
                return self.decide(Decision::Accepted, false);
            }
            KeyCode::Char('A') => return self.decide(Decision::Accepted, true),
            KeyCode::Char('x') => return self.decide(Decision::Dismissed, false),
            _ => {}
        }
        Decided::Stay
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let mut text: Vec<Line> = Vec::new();
        if self.proposals.is_empty() {
            text.push(Line::styled(strings.scan_none, theme.dim()));
        }
        for (index, proposal) in self.proposals.iter().enumerate() {
            let (mark, style) = match proposal.decision {
                None => ("[ ]", theme.key()),
                Some(Decision::Accepted) => ("[x]", theme.info()),
                Some(Decision::Dismissed) => ("[-]", theme.dim()),
            };
            let line_style = if index == self.selected {
                theme.selected(true)
            } else {
                ratatui::style::Style::default()
            };
            text.push(
                Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::raw(one_line(&proposal.text)),
                    Span::styled(format!("  {}", one_line(&proposal.scan)), theme.dim()),
                ])
                .style(line_style),
            );
        }
        text_popup(
            text,
            (
                &format!("{} {}", strings.scan_title, self.control),
                (strings.scan_keys, theme.key()),
            ),
            0,
            theme,
            frame,
            popup(area),
        );
    }
}
