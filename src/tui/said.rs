//! What a save did, said in the interface's language, and an error said on one line.

use super::strings::strings;
use crate::assessment::Level;
use crate::grid::Lang;
use crate::rules::Change;

/// What a change was, kept before the engagement takes it, to say what it did.
#[derive(Debug, Clone)]
pub enum Said {
    Answer {
        control: String,
        level: Option<Level>,
        observations: bool,
        evidence: bool,
    },
    Created,
    Edited(String),
    Removed(String),
    Assets,
    Override(String, Option<crate::assessment::Score>),
    /// Scan facts accepted into a control's observations, or dismissed.
    Scan(String, crate::scan::Decision),
    Details,
    Round(String),
}

impl Said {
    pub fn of(change: &Change) -> Said {
        match change {
            Change::Answer(answer) => Said::Answer {
                control: answer.control.clone(),
                level: answer.level,
                observations: answer.observations.is_some(),
                evidence: !answer.evidence.is_empty(),
            },
            Change::NewFinding(_) | Change::NewAction(_) => Said::Created,
            Change::EditFinding(id, _) | Change::EditAction(id, _) => Said::Edited(id.clone()),
            Change::RemoveFinding(id) | Change::RemoveAction(id) => Said::Removed(id.clone()),
            Change::Asset(crate::rules::AssetChange::Remove(id)) => Said::Removed(id.clone()),
            Change::Asset(_) | Change::ScanImport(_) => Said::Assets,
            Change::Override { domain, value } => {
                Said::Override(domain.clone(), value.as_ref().map(|(score, _)| *score))
            }
            Change::Scope(_) => Said::Details,
            Change::StartRound(start) => Said::Round(start.label.clone()),
            Change::ScanDecision(decision) => {
                Said::Scan(decision.control.clone(), decision.decision)
            }
        }
    }

    /// What a save did, in the interface's language: the same facts in each language's
    /// words. The commit's message is not shown: it is written for the history (English,
    /// read by tools), not for the auditor.
    pub fn say(self, lang: Lang, saved: &crate::engagement::Saved) -> String {
        let s = strings(lang);
        if saved.commit.is_none() {
            return s.said_nothing.to_owned();
        }
        let colon = s.colon;
        let detached = saved.detached.iter().map(|gone| {
            let name = gone.path.rsplit('/').next().unwrap_or(&gone.path);
            let said = match gone.file {
                crate::rules::DetachedFile::Removed => s.said_detached_removed,
                _ => s.said_detached_kept,
            };
            said.replace("{}", &crate::text::one_line(name))
        });
        let mut detached: Vec<String> = detached.collect();
        let said = match self {
            Said::Answer {
                control,
                level,
                observations,
                evidence,
            } => {
                let mut parts = Vec::new();
                match level {
                    Some(Level::Score(n)) => parts.push(format!("{} {n}", s.said_level)),
                    Some(Level::NotApplicable) => parts.push(s.said_na.to_owned()),
                    None => {}
                }
                if observations {
                    parts.push(s.said_observations.to_owned());
                }
                if evidence {
                    parts.push(s.said_evidence.to_owned());
                }
                parts.append(&mut detached);
                if parts.is_empty() {
                    parts.push(s.said_saved.to_owned());
                }
                format!("{control}{colon}{}", parts.join(", "))
            }
            Said::Created => format!(
                "{}{colon}{}",
                saved.created.as_deref().unwrap_or_default(),
                s.said_created
            ),
            Said::Edited(id) => format!("{id}{colon}{}", s.said_edited),
            Said::Removed(id) => format!("{id}{colon}{}", s.said_removed),
            Said::Assets => s.said_inventory.to_owned(),
            Said::Override(domain, Some(score)) => format!(
                "{domain}{colon}{} {}",
                s.said_override,
                lang.decimal(&score.to_string())
            ),
            Said::Override(domain, None) => format!("{domain}{colon}{}", s.said_override_removed),
            Said::Scan(control, crate::scan::Decision::Accepted) => {
                format!("{control}{colon}{}", s.said_scan_accepted)
            }
            Said::Scan(control, crate::scan::Decision::Dismissed) => {
                format!("{control}{colon}{}", s.said_scan_dismissed)
            }
            Said::Details => s.said_details.to_owned(),
            Said::Round(label) => format!("{} {}", s.round_started, crate::text::one_line(&label)),
        };
        if detached.is_empty() {
            return said;
        }
        format!("{said}, {}", detached.join(", "))
    }
}

/// A field as the checklist names it: its form row's label, quoted.
pub(super) fn field_name(field: crate::field::Field, lang: Lang) -> String {
    let label = crate::messages::label(lang, field);
    match lang {
        Lang::En => format!("\"{label}\""),
        Lang::Fr => format!("«\u{a0}{label}\u{a0}»"),
    }
}

/// An error as one line of the checklist, in `lang`: what is wrong, then how to fix it.
pub(super) fn phrase(error: &crate::Error, lang: Lang) -> String {
    let name = |field| field_name(field, lang);
    let text = match error {
        crate::Error::Said { wrong, fix } => crate::messages::phrase(lang, wrong, fix, &name),
        crate::Error::Locked { holder } => {
            let (message, hint) = crate::messages::locked(lang, holder.as_deref());
            format!("{message} — {hint}")
        }
        // The form shows each problem beside its field; elsewhere the field is named.
        crate::Error::Refused(refusal) => refusal
            .problems
            .iter()
            .map(|problem| {
                format!(
                    "{}{} {}",
                    name(problem.field),
                    colon(lang),
                    problem.phrase(lang, &name)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        crate::Error::Invalid(problems) => problems.phrase(lang),
        crate::Error::Git(git) => match crate::error::held_git_lock(git) {
            Some(path) => {
                let (message, hint) = crate::messages::git_lock(lang, path);
                format!("{message} — {hint}")
            }
            None => error.phrase(lang, &name),
        },
        other => other.phrase(lang, &name),
    };
    crate::text::one_line(&text)
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ":",
        Lang::Fr => "\u{a0}:",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_git_lock_held_is_one_line_of_the_checklist_in_its_language() {
        let held = crate::Error::Git(git2::Error::new(
            git2::ErrorCode::Locked,
            git2::ErrorClass::Os,
            "failed to lock file '/e/acme/.git/refs/heads/main.lock' for writing: ",
        ));
        let fr = phrase(&held, Lang::Fr);
        assert!(
            fr.starts_with(
                "le fichier de verrou de git `/e/acme/.git/refs/heads/main.lock` bloque"
            ),
            "{fr}"
        );
        assert!(
            fr.contains(" — si aucune commande git ne tourne") && !fr.contains('\n'),
            "{fr}"
        );
    }
}
