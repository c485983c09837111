//! The history screen (the closed rounds with their scores, and the diff of two of them or
//! of one with the working copy) and the history of one control. Reading the rounds and
//! the history goes through the engagement, as an effect; this file holds the state and the
//! part of [`App::update`] and [`App::perform`] that concern it.

use jiff::civil::Date;

use std::borrow::Cow;

use super::app::{App, Effect, Mode, Notice, Screen, phrase};
use super::keys::Action as Key;
use super::prompt::{Prompt, PromptFor};
use crate::assessment::Score;
use crate::compare::{self, Comparison};
use crate::engagement::{LogEntry, Round, State};

/// One line of the history screen: a closed round, or the working copy (the last line).
#[derive(Debug, Clone, PartialEq)]
pub struct RoundRow {
    pub label: String,
    /// The round closed that day; `None` for the working copy.
    pub closed: Option<Date>,
    pub overall: Option<Score>,
    /// By domain, in grid order.
    pub scores: Vec<(String, Option<Score>)>,
}

impl RoundRow {
    pub fn is_working_copy(&self) -> bool {
        self.closed.is_none()
    }
}

/// The history screen's state.
#[derive(Debug, Clone, Default)]
pub struct HistoryView {
    /// Read when the screen is first shown; `None` until then.
    pub rows: Option<Vec<RoundRow>>,
    pub rounds: Vec<Round>,
    pub selected: usize,
    /// The row marked with Space: the earlier side of the next comparison.
    pub marked: Option<usize>,
    pub comparison: Option<Comparison>,
    pub scroll: u16,
}

/// The history of one control, shown over the checklist.
#[derive(Debug, Clone)]
pub struct ControlLog {
    pub control: String,
    pub entries: Vec<LogEntry>,
    pub rounds: Vec<Round>,
    pub scroll: u16,
}

impl HistoryView {
    /// The two rows Enter compares: the marked one and the selected one, earlier first;
    /// without a mark, the selected round and the working copy (or, on the working copy,
    /// the last round and it).
    pub fn pair(&self) -> Option<(usize, usize)> {
        let count = self.rows.as_ref()?.len();
        let last = count.checked_sub(1)?;
        match self.marked {
            Some(marked) if marked != self.selected => {
                Some((marked.min(self.selected), marked.max(self.selected)))
            }
            _ if self.selected < last => Some((self.selected, last)),
            _ if last > 0 => Some((last - 1, last)),
            _ => None,
        }
    }
}

impl App {
    /// The keys of the history screen.
    pub(super) fn history_action(&mut self, action: Key) -> Option<Vec<Effect>> {
        let count = self.history.rows.as_ref().map_or(0, Vec::len);
        let last = count.saturating_sub(1);
        let history = &mut self.history;
        match action {
            Key::Up => history.selected = history.selected.saturating_sub(1),
            Key::Down => history.selected = (history.selected + 1).min(last),
            Key::First => history.selected = 0,
            Key::Last => history.selected = last,
            Key::PageUp => history.scroll = history.scroll.saturating_sub(10),
            Key::PageDown => history.scroll = history.scroll.saturating_add(10),
            Key::Sync => return Some(vec![Effect::Sync]),
            Key::Mark => {
                history.marked = match history.marked {
                    Some(marked) if marked == history.selected => None,
                    _ if count > 0 => Some(history.selected),
                    _ => None,
                }
            }
            Key::CloseRound | Key::StartRound => {
                // A label to begin with: the round in progress for a close, else the month.
                let month = self.today.strftime("%Y-%m").to_string();
                let label = match (&self.engagement.state().meta.round, action) {
                    (Some(current), Key::CloseRound) => current.clone(),
                    _ => month,
                };
                self.mode = Mode::Prompt(Prompt::new(
                    if action == Key::StartRound {
                        PromptFor::StartRound
                    } else {
                        PromptFor::CloseRound
                    },
                    label,
                ));
            }
            Key::Edit => {
                return Some(match history.pair() {
                    Some((from, to)) => vec![Effect::Compare { from, to }],
                    None => {
                        self.notice = Some(Notice::Info(self.strings().no_rounds.to_owned()));
                        Vec::new()
                    }
                });
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Reads the rounds and their scores, then compares the last one with the working copy.
    pub(super) fn load_history(&mut self) {
        let engagement = &self.engagement;
        let result = (|| -> crate::Result<(Vec<Round>, Vec<RoundRow>)> {
            let rounds = engagement.rounds()?;
            // Days in UTC, as the checklist dates answers.
            let zone = jiff::tz::TimeZone::UTC;
            let mut rows = Vec::new();
            for round in &rounds {
                let (overall, scores) = engagement.round_state(round)?.scores();
                rows.push(RoundRow {
                    label: round.label.clone(),
                    closed: Some(round.closed_on(&zone)),
                    overall,
                    scores,
                });
            }
            let (overall, scores) = engagement.state().scores();
            let closed = |label: &str| rounds.iter().any(|round| round.label == label);
            let label = match &engagement.state().meta.round {
                Some(current) if !closed(current) => current.clone(),
                _ => self.strings().working_copy.to_owned(),
            };
            rows.push(RoundRow {
                label,
                closed: None,
                overall,
                scores,
            });
            Ok((rounds, rows))
        })();
        match result {
            Ok((rounds, rows)) => {
                let last = rows.len().saturating_sub(1);
                self.history = super::history::HistoryView {
                    rows: Some(rows),
                    rounds,
                    selected: last.saturating_sub(1),
                    ..Default::default()
                };
                if let Some((from, to)) = self.history.pair() {
                    self.compare(from, to);
                }
            }
            Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
        }
    }

    /// Compares the rows `from` and `to` of the history screen.
    pub(super) fn compare(&mut self, from: usize, to: usize) {
        let Some(rows) = &self.history.rows else {
            return;
        };
        // The working copy is borrowed, a closed round read from git.
        let side = |index: usize| -> crate::Result<(String, Cow<State>, Date)> {
            let row = rows.get(index).ok_or_else(|| {
                crate::Error::usage("no such round", "choose a round of the list")
            })?;
            match (row.closed, self.history.rounds.get(index)) {
                (Some(day), Some(round)) => {
                    let state = self.engagement.round_state(round)?;
                    Ok((row.label.clone(), Cow::Owned(state), day))
                }
                _ => Ok((
                    row.label.clone(),
                    Cow::Borrowed(self.engagement.state()),
                    self.today,
                )),
            }
        };
        match side(from).and_then(|from| Ok((from, side(to)?))) {
            Ok(((from_label, from_state, from_day), (to_label, to_state, to_day))) => {
                self.history.comparison = Some(compare::compare(
                    compare::Side {
                        label: &from_label,
                        state: &from_state,
                        date: from_day,
                    },
                    compare::Side {
                        label: &to_label,
                        state: &to_state,
                        date: to_day,
                    },
                    self.lang,
                ));
                self.history.scroll = 0;
                self.history.marked = None;
            }
            Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
        }
    }

    /// Shows the history of `control` over the checklist.
    pub(super) fn show_control_log(&mut self, control: &str) {
        let result = self
            .engagement
            .control_log(control)
            .and_then(|entries| Ok((entries, self.engagement.rounds()?)));
        match result {
            Ok((entries, rounds)) => {
                self.mode = Mode::ControlLog(Box::new(ControlLog {
                    control: control.to_owned(),
                    entries,
                    rounds,
                    scroll: 0,
                }));
            }
            Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
        }
    }

    /// Whether the screen shown is the history.
    pub fn on_history(&self) -> bool {
        self.screen == Screen::History
    }
}

impl App {
    /// `audit close LABEL`, as the command line does it; the refusal's reasons are shown.
    pub(super) fn close_round(&mut self, label: &str, now: jiff::Timestamp) {
        let who = self.auditor.clone();
        match self.engagement.close_round_with_report(label, &who, now) {
            Ok(closed) => {
                self.notice = Some(Notice::Info(format!(
                    "{} {} ({}, reports/{}/)",
                    self.strings().round_closed_now,
                    crate::text::one_line(&closed.label),
                    crate::text::one_line(&closed.tag),
                    crate::text::one_line(&closed.label),
                )));
                self.previous = None;
                self.load_history();
            }
            Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
        }
    }

    /// `vmsaudit sync`, as the command line does it, told in the same words in a popup: the
    /// outcome, and on a conflict the records involved and how to finish the merge. The
    /// screens then show the merged records.
    pub fn sync(&mut self, now: jiff::Timestamp) {
        let who = self.auditor.clone();
        match self.engagement.sync(None, &who, now) {
            Ok(synced) => {
                let root = self.engagement.root().display().to_string();
                let told = crate::engagement::sync_said::tell(&synced, &root, self.lang);
                let mut lines: Vec<(String, bool)> =
                    told.out.into_iter().map(|line| (line, false)).collect();
                lines.extend(told.err.into_iter().map(|line| (line, true)));
                let title = if synced.stopped() {
                    self.strings().sync_stopped
                } else {
                    self.strings().sync_done
                };
                self.mode = Mode::Told(Box::new(super::app::Told {
                    title: title.to_owned(),
                    lines,
                    scroll: 0,
                }));
                self.previous = None;
                self.cve_counted = false;
                self.load_history();
            }
            Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
        }
    }

    /// `audit start LABEL`: answers kept but to re-verify.
    pub(super) fn start_round(&mut self, label: &str, now: jiff::Timestamp) {
        let who = self.auditor.clone();
        match self.engagement.start_round(label, &who, now) {
            Ok(started) => {
                self.notice = Some(Notice::Info(format!(
                    "{} {} · {} {}",
                    self.strings().round_started,
                    crate::text::one_line(label),
                    started.reverify,
                    self.strings().to_reverify
                )));
                self.previous = None;
                self.load_history();
            }
            Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
        }
    }
}
