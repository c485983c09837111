//! The one write path. Every change of the rule book goes through [`Engagement::change`]:
//! the evidence files checked, the lock taken (and what an interrupted command left behind
//! committed), the records read again if another writer committed since they were read, the
//! rule applied, the evidence copied, the record written atomically, one commit, and the
//! state in memory brought up to date. Nothing else writes a record.

use std::collections::BTreeSet;

use jiff::Timestamp;

use super::{Engagement, Holds, Saved, evidence, files, findings_plan_inventory, git, state};
use crate::assessment::Auditor;
use crate::error::{Error, Result};
use crate::messages::Unchanged;
use crate::rules::{self, Change, Outcome};

/// What [`Engagement::write_and_commit`] made of a change.
enum Made {
    Nothing(Unchanged),
    Committed(rules::Applied, git2::Oid),
}

impl Engagement {
    /// Applies `change`, made by `who` at `now`, and commits it: everything is checked
    /// before anything is written; a change that changes nothing writes and commits nothing.
    pub fn change(&mut self, change: Change, who: &Auditor, now: Timestamp) -> Result<Saved> {
        let checked: Vec<_> = change
            .evidence()
            .iter()
            .map(|(path, note)| evidence::check(&self.root, path).map(|file| (file, note.clone())))
            .collect::<Result<_>>()?;
        // Refused on the records as read, before the lock: a refused change leaves everything
        // as it was, even what an interrupted command left for the lock's recovery to commit.
        let dry_run = rules::Context {
            who,
            now,
            new_id: None,
        };
        let dry = rules::prepare(&self.state, change.clone(), &dry_run)?;
        let stand_ins = match dry.evidence_owner() {
            Some(owner) => checked
                .iter()
                .map(|(file, note)| evidence::stand_in(owner, file, note.as_deref()))
                .collect(),
            None => Vec::new(),
        };
        dry.check_size(stand_ins)?;
        let _lock = self.lock_for(&change.purpose())?;
        self.refresh()?;
        let new_id = match change.new_id_prefix() {
            Some(prefix) => Some(self.new_id(prefix)?),
            None => None,
        };
        let context = rules::Context { who, now, new_id };
        let prepared = rules::prepare(&self.state, change, &context)?;
        let made = self
            .or_put_back(|touched| self.write_and_commit(prepared, &checked, touched, who, now));
        let (applied, commit) = match made? {
            Made::Committed(applied, commit) => (applied, commit),
            Made::Nothing(unchanged) => {
                return Ok(Saved {
                    message: unchanged.phrase(self.state.meta.language),
                    ..Saved::default()
                });
            }
        };
        self.loaded_at = Some(commit);
        let rules::Applied {
            edit,
            more,
            message,
            created,
            upsert,
            unchanged,
            detached,
        } = applied;
        edit.apply_to(&mut self.state);
        for edit in more {
            edit.apply_to(&mut self.state);
        }
        // As a load would find them now: the change may have left a reference dangling or
        // mended one.
        self.state.warnings = findings_plan_inventory::dangling_references(&self.state, &self.root);
        self.state
            .warnings
            .extend(super::stranded_warnings(&self.root, &self.state));
        self.note_references(commit);
        if self.holds == Holds::OneChange {
            self.holds = Holds::OneChangeMade;
        }
        Ok(Saved {
            message,
            commit: Some(commit),
            created,
            upsert,
            unchanged,
            detached,
        })
    }

    /// Runs `write`, which notes each path it writes or creates in its list as soon as it
    /// may; when it fails, puts those back as HEAD has them ([`git::put_back`]) and says the
    /// change was not saved. Otherwise the lock's recovery would commit them later, in the
    /// auditor's name, after they were told the change failed.
    pub(super) fn or_put_back<T>(
        &self,
        write: impl FnOnce(&mut Vec<String>) -> Result<T>,
    ) -> Result<T> {
        let mut touched = Vec::new();
        write(&mut touched).map_err(|cause| {
            let undone = touched.is_empty() || git::put_back(&self.repo, &touched).is_ok();
            match cause {
                cause if cause.is_bad_input() && undone => cause,
                cause => Error::NotSaved {
                    cause: Box::new(cause),
                    undone,
                    paths: touched,
                },
            }
        })
    }

    /// The evidence copied, the records written and the commit of a change prepared under
    /// the lock; each path written or created is noted in `touched` as soon as it may be.
    fn write_and_commit(
        &self,
        prepared: rules::Prepared,
        checked: &[(evidence::Checked, Option<String>)],
        touched: &mut Vec<String>,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Made> {
        let mut attached = Vec::new();
        if let Some(owner) = prepared.evidence_owner() {
            for (file, note) in checked {
                let added = evidence::attach(&self.root, owner, file, note.as_deref())?;
                // A file attached where it lies is the auditor's, not this change's.
                if file.is_copied() {
                    touched.push(added.path.clone());
                }
                attached.push(added);
            }
        }
        let mut paths: Vec<String> = attached.iter().map(|added| added.path.clone()).collect();
        let applied = match prepared.finish(attached)? {
            Outcome::Nothing(unchanged) => return Ok(Made::Nothing(unchanged)),
            Outcome::Write(applied) => applied,
        };
        // Every text made and checked before the first is written.
        let texts = applied.texts()?;
        let may_be_gone: Vec<bool> = std::iter::once(&applied.edit)
            .chain(&applied.more)
            .map(rules::Edit::may_be_gone)
            .collect();
        let mut written = Vec::new();
        for ((relative, text), may_be_gone) in texts.into_iter().zip(may_be_gone) {
            touched.push(relative.clone());
            match text {
                Some(text) => self.write_file(&relative, &text)?,
                None => self.remove_file(&relative, may_be_gone)?,
            }
            written.push(relative);
        }
        paths.splice(0..0, written);
        let commit = git::commit(&self.repo, &paths, &applied.message, who, now)?;
        Ok(Made::Committed(applied, commit))
    }

    /// Reads the records again when HEAD moved since they were read: another writer (or the
    /// recovery of an interrupted one) committed. Under the lock, the working copy's records
    /// are then those of HEAD.
    pub(super) fn refresh(&mut self) -> Result<()> {
        if self.holds == Holds::OneChangeMade || git::head(&self.repo)? != self.loaded_at {
            self.reload_state()?;
        }
        Ok(())
    }

    /// Reads every record of the working copy again, noting HEAD as it was before they
    /// were read.
    pub(super) fn reload_state(&mut self) -> Result<()> {
        let head = git::head(&self.repo)?;
        (self.state, self.dirs) = state::load_worktree(&self.root)?;
        self.loaded_at = head;
        self.holds = Holds::Everything;
        Ok(())
    }

    /// A new id with `prefix` that no record in memory nor any file takes.
    fn new_id(&mut self, prefix: &str) -> Result<String> {
        let (dir, taken): (&str, BTreeSet<&str>) = if prefix == rules::FINDING_PREFIX {
            (
                rules::FINDINGS_DIR,
                self.state.findings.iter().map(|f| f.id.as_str()).collect(),
            )
        } else {
            (
                rules::ACTIONS_DIR,
                self.state.actions.iter().map(|a| a.id.as_str()).collect(),
            )
        };
        findings_plan_inventory::new_id(prefix, &self.root.join(dir), &taken, &mut self.id_seed)
    }

    /// Writes `text` to `relative` atomically, making its folder if needed.
    pub(super) fn write_file(&self, relative: &str, text: &str) -> Result<()> {
        let path = self.root.join(relative);
        if let Some(dir) = path.parent() {
            files::create_private_dir_all(dir)?;
        }
        files::write_atomic(&path, text.as_bytes())
    }

    /// Removes `relative`; when `may_be_gone`, a file already missing is no failure (evidence
    /// deleted by hand is detached all the same, its removal committed).
    fn remove_file(&self, relative: &str, may_be_gone: bool) -> Result<()> {
        let path = self.root.join(relative);
        match std::fs::remove_file(&path) {
            Err(source) if !(may_be_gone && source.kind() == std::io::ErrorKind::NotFound) => {
                return Err(Error::io(&path, source));
            }
            _ => {}
        }
        if let Some(dir) = path.parent() {
            files::sync_dir(dir)?;
        }
        Ok(())
    }
}
