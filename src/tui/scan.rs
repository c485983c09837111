//! The checklist's scan popup (`S` on a control): the facts of the imported scans that bear
//! on it, each pending, accepted or dismissed; one key accepts the selected one into the
//! observations (the scan's XML linked as evidence), one dismisses it. Reading the scans and
//! deciding are effects, done through the engagement.

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Effect, Mode, Notice, phrase};
use crate::scan::{Decision, Proposal};

/// The proposals on one control, and the one selected.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanFacts {
    pub control: String,
    pub proposals: Vec<Proposal>,
    pub selected: usize,
}

impl ScanFacts {
    fn pending(&self) -> Vec<String> {
        self.proposals
            .iter()
            .filter(|proposal| proposal.decision.is_none())
            .map(|proposal| proposal.fact.clone())
            .collect()
    }
}

impl App {
    /// Reads the scans' proposals on `control` and opens the popup (an effect: it reads the
    /// scans' XML).
    /// Counts, per control, the scans' facts not yet decided; a scan that cannot be read
    /// counts nothing here (`S` says why).
    pub(super) fn count_scan_facts(&mut self) {
        self.pending_scan_facts.clear();
        for proposal in self.engagement.scan_proposals().unwrap_or_default() {
            if proposal.decision.is_none() {
                *self.pending_scan_facts.entry(proposal.control).or_default() += 1;
            }
        }
    }

    pub(super) fn load_scan_facts(&mut self, control: &str) {
        match self.engagement.scan_proposals() {
            Ok(all) => {
                let proposals = all
                    .into_iter()
                    .filter(|proposal| proposal.control == control)
                    .collect();
                self.mode = Mode::ScanFacts(Box::new(ScanFacts {
                    control: control.to_owned(),
                    proposals,
                    selected: 0,
                }));
            }
            Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
        }
    }

    pub(super) fn scan_key(&mut self, mut facts: Box<ScanFacts>, key: KeyEvent) -> Vec<Effect> {
        let count = facts.proposals.len();
        let decide = |facts: &ScanFacts, decision: Decision, all: bool| {
            let chosen = if all {
                facts.pending()
            } else {
                facts
                    .proposals
                    .get(facts.selected)
                    .filter(|proposal| proposal.decision.is_none())
                    .map(|proposal| vec![proposal.fact.clone()])
                    .unwrap_or_default()
            };
            if chosen.is_empty() {
                Vec::new()
            } else {
                vec![Effect::DecideScan {
                    control: facts.control.clone(),
                    facts: chosen,
                    decision,
                }]
            }
        };
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return Vec::new(),
            KeyCode::Up | KeyCode::Char('k') => facts.selected = facts.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                facts.selected = (facts.selected + 1).min(count.saturating_sub(1));
            }
            KeyCode::Enter | KeyCode::Char('y' | 'o') => {
                return decide(&facts, Decision::Accepted, false);
            }
            KeyCode::Char('A') => return decide(&facts, Decision::Accepted, true),
            KeyCode::Char('x') => return decide(&facts, Decision::Dismissed, false),
            _ => {}
        }
        self.mode = Mode::ScanFacts(facts);
        Vec::new()
    }

    /// Accepts or dismisses `facts` on `control`, then shows the popup again as it stands.
    pub(super) fn decide_scan_facts(
        &mut self,
        control: &str,
        facts: &[String],
        decision: Decision,
        now: Timestamp,
    ) {
        let who = self.auditor.clone();
        let result = self
            .engagement
            .decide_scan(control, facts, decision, None, &who, now);
        let notice = match result {
            Ok(saved) => {
                Notice::Info(self.say(super::app::Said::Scan(control.to_owned(), decision), &saved))
            }
            Err(error) => Notice::Error(phrase(&error, self.lang)),
        };
        self.load_scan_facts(control);
        self.count_scan_facts();
        self.notice = Some(notice);
    }
}
