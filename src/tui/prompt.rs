//! One line typed at the bottom of the screen: a round's label, a domain's score, the path
//! of a file (evidence to attach, a CSV of assets to import, with Tab completion) and the
//! note that goes with an evidence file. Enter asks for what the prompt is for, as the
//! effects the command line's changes are; Esc cancels. Looking at the files typed (Tab,
//! Enter on a path) is an effect too: a key never reads the disk.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};

use super::complete::expand_home;
use super::ctx::Ctx;
use super::message::{Effect, Notice, PathFor};
use super::theme::Theme;
use crate::assessment::Score;
use crate::rules::{AnswerChange, Change, FindingPatch};
use crate::text::one_line;

pub use super::message::Attach;

/// One line typed at the bottom of the screen, and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: PromptFor,
    pub label: String,
    /// The names Tab found when it could not choose one, shown after the text.
    pub choices: Vec<String>,
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
    /// What the text is for when it is a path of the auditor's, which Tab completes.
    fn path(&self) -> Option<PathFor> {
        match self {
            PromptFor::Evidence(target) => Some(PathFor::Evidence(target.clone())),
            PromptFor::ImportAssets => Some(PathFor::ImportAssets),
            _ => None,
        }
    }
}

/// What a key did to the prompt.
#[derive(Debug, PartialEq)]
pub enum Prompted {
    Typing,
    Cancel,
    /// The prompt stays open while this is done (Tab's completion).
    Ask(Effect),
    /// The prompt is done: this carries it out.
    Done(Effect),
    /// Enter on text that cannot be used: why, the prompt still open.
    Refused(String),
}

impl Prompt {
    pub fn new(purpose: PromptFor, label: impl Into<String>) -> Prompt {
        Prompt {
            purpose,
            label: label.into(),
            choices: Vec::new(),
        }
    }

    pub fn key(&mut self, key: &KeyEvent, ctx: &Ctx) -> Prompted {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if key.code != KeyCode::Tab {
            self.choices.clear();
        }
        match key.code {
            KeyCode::Esc => return Prompted::Cancel,
            KeyCode::Enter => return self.done(ctx),
            KeyCode::Tab if self.purpose.path().is_some() => {
                return Prompted::Ask(Effect::CompletePath(self.label.clone()));
            }
            KeyCode::Backspace => {
                self.label.pop();
            }
            KeyCode::Char('u') if ctrl => self.label.clear(),
            KeyCode::Char(c) if !ctrl => self.label.push(c),
            _ => {}
        }
        Prompted::Typing
    }

    pub fn paste(&mut self, text: &str) {
        self.label.push_str(one_line(text).trim());
    }

    /// Enter on a prompt.
    fn done(&mut self, ctx: &Ctx) -> Prompted {
        let typed = self.label.trim().to_owned();
        match &self.purpose {
            PromptFor::Override(domain) => self.override_typed(domain.clone(), typed, ctx),
            PromptFor::EvidenceNote(target, path) => {
                let evidence = vec![(expand_home(path), (!typed.is_empty()).then_some(typed))];
                Prompted::Done(match target.clone() {
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
                })
            }
            _ if typed.is_empty() => Prompted::Typing,
            PromptFor::StartRound => Prompted::Done(Effect::StartRound(typed)),
            PromptFor::CloseRound => Prompted::Done(Effect::CloseRound(typed)),
            purpose => match purpose.path() {
                // A path is looked at before anything else, so that a mistyped one is said
                // at once; the rule book checks an evidence file again when it is attached.
                Some(purpose) => Prompted::Done(Effect::UsePath { purpose, typed }),
                None => Prompted::Typing,
            },
        }
    }

    /// `1,5 VLAN à moitié déployé`: the score first (a comma or a point), then the
    /// justification; nothing at all removes the override. The rule book checks the rest.
    fn override_typed(&mut self, domain: String, typed: String, ctx: &Ctx) -> Prompted {
        if typed.is_empty() {
            return Prompted::Done(Effect::Override {
                domain,
                value: None,
            });
        }
        let (score, justification) = typed.split_once(' ').unwrap_or((&typed, ""));
        match score.replace(',', ".").parse::<Score>() {
            Ok(score) => Prompted::Done(Effect::Override {
                domain,
                value: Some((score, justification.trim().to_owned())),
            }),
            Err(_) => {
                let said = format!(
                    "{} {}",
                    ctx.strings().override_not_a_score,
                    crate::text::one_line(score)
                );
                self.label = typed;
                Prompted::Refused(said)
            }
        }
    }

    /// The status line while typing: what is asked, the text, what Tab could not choose
    /// between, and why the last Enter or Tab did not go through.
    pub fn status_line(&self, ctx: &Ctx, notice: Option<&Notice>, theme: Theme) -> Line<'static> {
        let strings = ctx.strings();
        let asked = match &self.purpose {
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
            Span::raw(one_line(&self.label)),
            Span::styled("▏", theme.key()),
        ];
        if !self.choices.is_empty() {
            // What Tab could not choose between, for the next letters to decide.
            const SHOWN: usize = 24;
            let mut names: Vec<String> = self
                .choices
                .iter()
                .take(SHOWN)
                .map(|name| one_line(name))
                .collect();
            if self.choices.len() > SHOWN {
                names.push(format!("… (+{})", self.choices.len() - SHOWN));
            }
            spans.push(Span::styled(
                format!("   {}", names.join("  ")),
                theme.dim(),
            ));
        }
        if let Some(Notice::Error(text)) = notice {
            spans.push(Span::styled(
                format!("   {}", one_line(text)),
                theme.error(),
            ));
        }
        Line::from(spans)
    }
}

#[cfg(test)]
mod tests {
    //! The prompt's keys on a `State` in memory: a path typed is looked at by an effect,
    //! never by the key.

    #![allow(clippy::panic)]

    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::ctx::fake::Held;

    fn key(prompt: &mut Prompt, held: &Held, code: KeyCode) -> Prompted {
        prompt.key(&KeyEvent::new(code, KeyModifiers::NONE), &held.ctx())
    }

    #[test]
    fn tab_and_enter_on_a_path_ask_the_runner_to_look_at_the_files() {
        let held = Held::new();
        let target = Attach::Control("ACC-01".into());
        let mut prompt = Prompt::new(PromptFor::Evidence(target.clone()), "~/no/such/pl");
        assert_eq!(
            key(&mut prompt, &held, KeyCode::Tab),
            Prompted::Ask(Effect::CompletePath("~/no/such/pl".into()))
        );
        assert_eq!(
            key(&mut prompt, &held, KeyCode::Enter),
            Prompted::Done(Effect::UsePath {
                purpose: PathFor::Evidence(target),
                typed: "~/no/such/pl".into(),
            })
        );
    }

    #[test]
    fn an_override_is_a_score_then_its_justification_and_anything_else_is_refused() {
        let held = Held::new();
        let mut prompt = Prompt::new(PromptFor::Override("ACC".into()), "1,5 half done");
        let Prompted::Done(Effect::Override { domain, value }) =
            key(&mut prompt, &held, KeyCode::Enter)
        else {
            panic!("the override is asked")
        };
        assert_eq!(domain, "ACC");
        let (score, justification) = value.unwrap_or_else(|| panic!("a score"));
        assert_eq!(score.to_string(), "1.5");
        assert_eq!(justification, "half done");
        let mut prompt = Prompt::new(PromptFor::Override("ACC".into()), "high");
        assert!(matches!(
            key(&mut prompt, &held, KeyCode::Enter),
            Prompted::Refused(said) if said.contains("high")
        ));
        assert_eq!(prompt.label, "high", "the text stays to correct");
    }
}
