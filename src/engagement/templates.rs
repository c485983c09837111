//! Template overrides accepted in this clone. An override in the engagement's `templates/`
//! comes from the shared repository (a co-auditor's commit): it is code that writes the
//! client's deliverable, so each clone's auditor reviews it (`vmsaudit template show`) and
//! accepts it (`vmsaudit template accept`) before any report uses it. What was accepted is
//! recorded per clone, by file name and SHA-256 of the text, in `.git/vmsaudit/
//! accepted-templates` (private, never committed: a commit cannot accept for anyone). An
//! override that is new, or changed since it was accepted, makes every report refuse
//! (exit 2), naming it and the commands that review and accept it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Engagement, files};
use crate::error::{Error, Position, Problem, Problems, Result};
use crate::report::templates::{Override, TEMPLATES_DIR, Templates};

/// The record's file name in the clone's state folder.
const ACCEPTED: &str = "accepted-templates";

/// The record is a few lines; anything larger is not ours.
const MAX_ACCEPTED_BYTES: u64 = 64 * 1024;

/// Where an override stands in this clone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acceptance {
    /// Accepted with this very text.
    Accepted,
    /// Never accepted in this clone.
    New,
    /// Accepted once, changed since.
    Changed,
}

/// One override of the engagement and its standing.
#[derive(Debug, Clone)]
pub struct TemplateOverride {
    pub name: String,
    pub found: Override,
    pub acceptance: Acceptance,
}

impl Engagement {
    fn accepted_path(&self) -> PathBuf {
        self.state_dir().join(ACCEPTED)
    }

    /// The accepted overrides of this clone: name → SHA-256. Lines `<sha256>  <name>`, as
    /// `sha256sum` writes them.
    fn accepted(&self) -> Result<BTreeMap<String, String>> {
        let path = self.accepted_path();
        let Some(text) = files::read_text_if_any(&path, MAX_ACCEPTED_BYTES)? else {
            return Ok(BTreeMap::new());
        };
        Ok(text
            .lines()
            .filter_map(|line| {
                let (digest, name) = line.split_once("  ")?;
                Some((name.to_owned(), digest.to_owned()))
            })
            .collect())
    }

    /// Every override in the engagement's `templates/`, with where it stands here.
    pub fn template_overrides(&self) -> Result<Vec<TemplateOverride>> {
        let accepted = self.accepted()?;
        Ok(Templates::read_overrides(self.root())?
            .into_iter()
            .map(|(name, found)| {
                let acceptance = match accepted.get(&name) {
                    Some(digest) if *digest == found.sha256 => Acceptance::Accepted,
                    Some(_) => Acceptance::Changed,
                    None => Acceptance::New,
                };
                TemplateOverride {
                    name,
                    found,
                    acceptance,
                }
            })
            .collect())
    }

    /// Accepts the overrides named (every one when `names` is empty) with their text as it
    /// is now. Returns those accepted; a name that is not an override is refused.
    pub fn accept_templates(&self, names: &[String]) -> Result<Vec<TemplateOverride>> {
        let overrides = self.template_overrides()?;
        let unknown: Vec<Problem> = names
            .iter()
            .filter(|name| !overrides.iter().any(|found| found.name == **name))
            .map(|name| {
                Problem::at(
                    Position::file(format!("{TEMPLATES_DIR}/{name}")),
                    crate::error::Output::UnknownOverride,
                )
            })
            .collect();
        if !unknown.is_empty() {
            return Err(Error::Invalid(Problems(unknown)));
        }
        let mut accepted = self.accepted()?;
        let chosen: Vec<TemplateOverride> = overrides
            .into_iter()
            .filter(|found| names.is_empty() || names.contains(&found.name))
            .collect();
        for found in &chosen {
            accepted.insert(found.name.clone(), found.found.sha256.clone());
        }
        let text: String = accepted
            .iter()
            .map(|(name, digest)| format!("{digest}  {name}\n"))
            .collect();
        files::create_private_dir_all(&self.state_dir())?;
        files::write_atomic(&self.accepted_path(), text.as_bytes())?;
        Ok(chosen)
    }

    /// The report's templates, each override used only when this clone accepted its text;
    /// else refused, naming what to review and accept.
    pub fn accepted_templates(&self) -> Result<Templates> {
        let accepted = self.accepted()?;
        let overrides = Templates::read_overrides(self.root())?;
        let problems: Vec<Problem> = overrides
            .iter()
            .filter(|(name, found)| accepted.get(*name) != Some(&found.sha256))
            .map(|(name, _)| {
                let changed = accepted.contains_key(name);
                Problem::at(
                    Position::file(format!("{TEMPLATES_DIR}/{name}")),
                    crate::error::Output::NotAccepted {
                        name: name.clone(),
                        changed,
                    },
                )
            })
            .collect();
        if !problems.is_empty() {
            return Err(Error::Invalid(Problems(problems)));
        }
        Templates::build(overrides)
    }
}
