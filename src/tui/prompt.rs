//! One line typed at the bottom of the screen: a round's label, a domain's score, the path
//! of a file (evidence to attach, a CSV of assets to import, with Tab completion) and the
//! note that goes with an evidence file. Enter does what the prompt is for, through the
//! same changes the command line makes; Esc cancels.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Effect, Mode, Notice};
use super::complete::{self, expand_home};
use crate::assessment::Score;
use crate::rules::{AnswerChange, Change, FindingPatch};

/// One line typed at the bottom of the screen, and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: PromptFor,
    pub label: String,
    /// The names Tab found when it could not choose one, shown after the text.
    pub choices: Vec<String>,
}

impl Prompt {
    pub fn new(purpose: PromptFor, label: impl Into<String>) -> Prompt {
        Prompt {
            purpose,
            label: label.into(),
            choices: Vec::new(),
        }
    }
}

/// The record an evidence file is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attach {
    Control(String),
    Finding(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    /// The label of the round to close (`audit close`).
    CloseRound,
    /// The label of the next round (`audit start`).
    StartRound,
    /// A domain's score and its justification (`override`); empty removes it.
    Override(String),
    /// The path of a file to attach as evidence.
    Evidence(Attach),
    /// The note on the evidence file at this path; empty attaches it without one.
    EvidenceNote(Attach, String),
    /// The path of a CSV file of assets to import (`asset import`).
    ImportAssets,
}

impl PromptFor {
    /// Whether the text is a path of the auditor's, which Tab completes.
    fn is_path(&self) -> bool {
        matches!(self, PromptFor::Evidence(_) | PromptFor::ImportAssets)
    }
}

impl App {
    /// A key while a line is typed: Enter does what it is for, Esc cancels.
    pub(super) fn prompt_key(&mut self, mut prompt: Prompt, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if key.code != KeyCode::Tab {
            prompt.choices.clear();
        }
        // A message about the text typed is stale once it changes.
        self.notice = None;
        match key.code {
            KeyCode::Esc => Vec::new(),
            KeyCode::Enter => self.prompt_done(prompt),
            KeyCode::Tab if prompt.purpose.is_path() => {
                let completed = complete::complete(&prompt.label);
                if completed.text == prompt.label && completed.choices.is_empty() {
                    self.notice = Some(Notice::Error(format!(
                        "{} {}",
                        self.strings().no_completion,
                        crate::text::one_line(&prompt.label)
                    )));
                }
                prompt.label = completed.text;
                prompt.choices = completed.choices;
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            KeyCode::Backspace => {
                prompt.label.pop();
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            KeyCode::Char('u') if ctrl => {
                prompt.label.clear();
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            KeyCode::Char(c) if !ctrl => {
                prompt.label.push(c);
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
            _ => {
                self.mode = Mode::Prompt(prompt);
                Vec::new()
            }
        }
    }

    /// Enter on a prompt.
    fn prompt_done(&mut self, prompt: Prompt) -> Vec<Effect> {
        let typed = prompt.label.trim().to_owned();
        // A path is looked at before anything else, so that a mistyped one is said at once;
        // the rule book checks an evidence file again when it is attached.
        let problem = (prompt.purpose.is_path() && !typed.is_empty())
            .then(|| self.not_a_file(&typed))
            .flatten();
        match prompt.purpose {
            PromptFor::Override(domain) => self.override_typed(&domain, &typed),
            PromptFor::EvidenceNote(target, path) => {
                let evidence = vec![(expand_home(&path), (!typed.is_empty()).then_some(typed))];
                vec![match target {
                    Attach::Control(control) => Effect::Save(AnswerChange {
                        control,
                        evidence,
                        ..AnswerChange::default()
                    }),
                    Attach::Finding(id) => Effect::SaveRecord(Box::new(Change::EditFinding(
                        id,
                        FindingPatch {
                            evidence,
                            ..FindingPatch::default()
                        },
                    ))),
                }]
            }
            purpose if typed.is_empty() => {
                self.mode = Mode::Prompt(Prompt::new(purpose, prompt.label));
                Vec::new()
            }
            PromptFor::StartRound => vec![Effect::StartRound(typed)],
            PromptFor::CloseRound => vec![Effect::CloseRound(typed)],
            purpose if problem.is_some() => {
                self.notice = problem.map(Notice::Error);
                self.mode = Mode::Prompt(Prompt::new(purpose, typed));
                Vec::new()
            }
            PromptFor::Evidence(target) => {
                self.mode = Mode::Prompt(Prompt::new(
                    PromptFor::EvidenceNote(target, typed),
                    String::new(),
                ));
                Vec::new()
            }
            PromptFor::ImportAssets => vec![Effect::ImportAssets(expand_home(&typed))],
        }
    }

    /// What is wrong with `typed` as a file to read, if anything.
    fn not_a_file(&self, typed: &str) -> Option<String> {
        let path: PathBuf = expand_home(typed);
        let strings = self.strings();
        let shown = crate::text::one_line(typed);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => None,
            Ok(_) => Some(format!("{} {shown}", strings.not_a_file)),
            Err(_) => Some(format!("{} {shown}", strings.no_such_file)),
        }
    }

    /// `1,5 VLAN à moitié déployé`: the score first (a comma or a point), then the
    /// justification; nothing at all removes the override. The rule book checks the rest.
    fn override_typed(&mut self, domain: &str, typed: &str) -> Vec<Effect> {
        if typed.is_empty() {
            return vec![Effect::Override {
                domain: domain.to_owned(),
                value: None,
            }];
        }
        let (score, justification) = typed.split_once(' ').unwrap_or((typed, ""));
        match score.replace(',', ".").parse::<Score>() {
            Ok(score) => vec![Effect::Override {
                domain: domain.to_owned(),
                value: Some((score, justification.trim().to_owned())),
            }],
            Err(_) => {
                self.notice = Some(Notice::Error(format!(
                    "{} {}",
                    self.strings().override_not_a_score,
                    crate::text::one_line(score)
                )));
                self.mode =
                    Mode::Prompt(Prompt::new(PromptFor::Override(domain.to_owned()), typed));
                Vec::new()
            }
        }
    }
}
