//! Several auditors on one engagement: `vmsaudit sync` fetches the remote's `main` and audit
//! tags, merges, and pushes back.
//!
//! It commits nothing by itself: it refuses to run with drafts or changes not committed, and
//! the only commit it makes is the merge of the two histories. One file per record makes
//! most merges automatic. When the same record changed on both sides in ways git cannot
//! reconcile, sync stops with the merge in progress — conflict markers in the files, a
//! normal `git status` — and says which records conflict and how to finish with plain git.
//! A merge git finds clean is checked like any working copy before it is committed: if
//! the merged records do not load, the merge is left in progress too, with the problems.
//! Merges can leave references dangling (one clone removed an asset the other's new
//! finding names); those are warnings, not errors (see `State::warnings`).

use jiff::Timestamp;

use super::{Engagement, Source, git, state};
use crate::assessment::Auditor;
use crate::error::{Error, Problem, Problems, Result};

pub use git::Transport;

/// How the histories came together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged {
    /// The remote has no `main` yet (a new shared repository).
    RemoteEmpty,
    UpToDate,
    FastForward,
    /// A merge commit joins the two histories.
    Commit(git2::Oid),
    /// Stopped: these records changed on both sides; the merge is left in progress.
    Conflicts(Vec<String>),
    /// Stopped: git merged the files, but these problems keep the merged records from
    /// loading; the merge is left in progress.
    Invalid(Vec<Problem>),
    /// Stopped before anything was written here: the records of the remote's `main` do not
    /// load, with these problems.
    Rejected(Vec<Problem>),
}

/// What `sync` did.
#[derive(Debug, Clone)]
pub struct Synced {
    pub remote: String,
    pub url: String,
    pub transport: Transport,
    pub merged: Merged,
    /// Whether `main` was pushed (false when there was nothing to push or the sync stopped).
    pub pushed: bool,
    /// Why nothing was pushed to a remote that has a working copy.
    pub not_pushed: Option<String>,
    /// Rounds closed in another clone, now tagged here.
    pub tags_received: Vec<String>,
    /// Rounds closed here, now tagged on the remote.
    pub tags_sent: Vec<String>,
    /// Labels closed on both sides on different commits: left as they are on each side.
    pub tag_conflicts: Vec<String>,
    /// The remote's audit tags not adopted, with why (the label as it came, to be shown
    /// through `one_line`).
    pub tags_refused: Vec<(String, TagRefused)>,
    /// The remote refused these references, with its reason.
    pub refused: Vec<(String, String)>,
    /// References left dangling by the merge, as warnings.
    pub warnings: Vec<Problem>,
}

impl Synced {
    /// Whether the sync stopped before the end, leaving work for the auditor.
    pub fn stopped(&self) -> bool {
        matches!(
            self.merged,
            Merged::Conflicts(_) | Merged::Invalid(_) | Merged::Rejected(_)
        ) || !self.refused.is_empty()
    }
}

/// Why a remote's audit tag is not taken as a closed round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagRefused {
    /// A label `audit close` refuses (a bidi override, a control character): it would be
    /// shown and reported as a round.
    Label,
    /// Not on the commit of `main`'s history that closed a round of that label: a tag
    /// anyone can push would otherwise put a round that was never closed in the report's
    /// comparison, or one that does not load in every command's way.
    NotItsClose,
}

/// The audit tags fetched from the remote, sorted out against this clone's.
#[derive(Default)]
struct Tags {
    received: Vec<String>,
    conflicts: Vec<String>,
    refused: Vec<(String, TagRefused)>,
    /// Rounds closed here that the remote lacks.
    to_send: Vec<String>,
}

impl Engagement {
    /// Fetches from `remote` (default `origin`, or the only remote), merges its `main` into
    /// this clone's, and pushes `main` and the audit tags back.
    pub fn sync(&mut self, remote: Option<&str>, who: &Auditor, now: Timestamp) -> Result<Synced> {
        let (name, url) = self.sync_remote(remote)?;
        // Before the lock: taking it commits records an interrupted command left behind, and
        // sync commits nothing the auditor did not.
        self.check_clean(crate::messages::Act::Sync)?;
        let _lock = self.lock_for("sync")?;
        let transport = git::transport(&self.root, &url);

        git::fetch(&self.repo, &name, &transport)?;
        let their_branch = git::remote_branch(&name);
        // Tags are sorted out once the merge has gone through: a round is taken only on its
        // close in the history this clone now has, never from a history the merge refused.
        let merged = match self.merge_remote(&name, &url, &their_branch, who, now) {
            Ok(merged) => merged,
            Err(error) => {
                let _ = git::forget_fetched_tags(&self.repo, &name);
                return Err(error);
            }
        };
        let tags = match merged {
            Merged::Conflicts(_) | Merged::Invalid(_) | Merged::Rejected(_) => {
                git::forget_fetched_tags(&self.repo, &name)?;
                Tags::default()
            }
            _ => self.take_round_tags(&name)?,
        };

        let mut synced = Synced {
            remote: name.clone(),
            url: url.clone(),
            transport: transport.clone(),
            merged,
            pushed: false,
            not_pushed: None,
            tags_received: tags.received,
            tags_sent: Vec::new(),
            tag_conflicts: tags.conflicts,
            tags_refused: tags.refused,
            refused: Vec::new(),
            warnings: Vec::new(),
        };
        if synced.stopped() {
            return Ok(synced);
        }
        self.push_back(&mut synced, &their_branch, tags.to_send)?;
        self.reload_state()?;
        synced.warnings = self.state.warnings.clone();
        Ok(synced)
    }

    /// The remote to sync with, and its URL: `remote`, else `origin`, else the only one.
    fn sync_remote(&self, remote: Option<&str>) -> Result<(String, String)> {
        if let Some(found) = git::remote(&self.repo, remote)? {
            return Ok(found);
        }
        let known = git::remote_names(&self.repo)?;
        use crate::error::Remote;
        Err(Error::from(match (remote, known.is_empty()) {
            (_, true) => Remote::None,
            (Some(wanted), false) => Remote::NoSuch {
                wanted: wanted.to_owned(),
                known,
            },
            (None, false) => Remote::Which(known),
        }))
    }

    /// Rounds closed elsewhere, fetched from the remote `name`, come in; a label closed on
    /// both sides stays as each has it.
    fn take_round_tags(&self, name: &str) -> Result<Tags> {
        let theirs = git::fetched_round_tags(&self.repo, name)?;
        let ours = git::local_round_tags(&self.repo)?;
        let mut tags = Tags::default();
        let tips: Vec<git2::Oid> = git::head(&self.repo)?.into_iter().collect();
        for (label, target) in &theirs {
            if super::rounds::check_label(label).is_err() {
                tags.refused.push((label.clone(), TagRefused::Label));
                continue;
            }
            if !super::rounds::closes_round(&self.repo, *target, label, &tips)? {
                tags.refused.push((label.clone(), TagRefused::NotItsClose));
                continue;
            }
            match ours.iter().find(|(known, _)| known == label) {
                None => {
                    git::adopt_round_tag(&self.repo, label, *target)?;
                    tags.received.push(label.clone());
                }
                // The same close, tagged twice: here by the recovery of a close that came
                // without its tag (a plain `git pull`), there by the close itself, whose
                // tag is taken (it names the round before); nothing to say.
                Some((_, mine))
                    if mine != target
                        && git::peeled_commit(&self.repo, *mine)
                            == git::peeled_commit(&self.repo, *target) =>
                {
                    git::replace_round_tag(&self.repo, label, *target)?;
                }
                Some((_, mine)) if mine != target => tags.conflicts.push(label.clone()),
                Some(_) => {}
            }
        }
        git::forget_fetched_tags(&self.repo, name)?;
        tags.to_send = ours
            .iter()
            .filter(|(label, _)| !theirs.iter().any(|(known, _)| known == label))
            .map(|(label, _)| label.clone())
            .collect();
        Ok(tags)
    }

    /// Merges the remote's `main` (fetched as `their_branch`) into this clone's; a merge git
    /// finds clean is committed only when the merged records load.
    fn merge_remote(
        &self,
        name: &str,
        url: &str,
        their_branch: &str,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Merged> {
        let Some(theirs) = git::ref_commit(&self.repo, their_branch)? else {
            return Ok(Merged::RemoteEmpty);
        };
        // Their records are checked before any of their files is written: a fast-forward
        // would otherwise move HEAD onto records every command then refuses, `sync` too.
        let have_theirs = match git::head(&self.repo)? {
            Some(head) => git::reaches(&self.repo, head, theirs)?,
            None => false,
        };
        if !have_theirs {
            let mut problems = self.closed_reports_rewritten(name, theirs)?;
            let tree = git::TreeFiles::of(&self.repo, theirs)?;
            match state::load(&Source::Commit(tree)) {
                Ok(_) => {}
                Err(Error::Invalid(Problems(found))) => problems.extend(found),
                Err(other) => return Err(other),
            }
            if !problems.is_empty() {
                return Ok(Merged::Rejected(problems));
            }
        }
        let label = format!("{name}/{}", git::BRANCH);
        // Until the co-auditor's files are all written and the branch moved onto them (or
        // the merge committed or stopped for the auditor), or all undone.
        let _signals = crate::files::SignalsDeferred::start();
        let merged = self.merge_checked(theirs, &label, url, who, now);
        git::remove_sync_marker(&self.repo);
        merged
    }

    /// [`git::merge`], then the commit of a merge whose records load.
    fn merge_checked(
        &self,
        theirs: git2::Oid,
        label: &str,
        url: &str,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Merged> {
        Ok(match git::merge(&self.repo, theirs, label)? {
            git::Merge::UpToDate => Merged::UpToDate,
            git::Merge::FastForward => Merged::FastForward,
            git::Merge::Conflicts(paths) => Merged::Conflicts(paths),
            git::Merge::Ready => match state::load(&Source::WorkTree(&self.root)) {
                Ok(_) => {
                    let message = format!(
                        "Merge {label} (vmsaudit sync)\n\nThe changes of the other clones of the engagement, fetched from {url}."
                    );
                    Merged::Commit(git::commit_merge(&self.repo, theirs, &message, who, now)?)
                }
                Err(Error::Invalid(Problems(problems))) => Merged::Invalid(problems),
                Err(other) => return Err(other),
            },
        })
    }

    /// The closed rounds whose report folder the remote's `theirs` changed: a round's
    /// deliverable is what its close committed, and a later commit of a co-auditor's that
    /// rewrites it (a script added to `report.html`) would otherwise arrive without a word
    /// in the copy this auditor sends or prints.
    fn closed_reports_rewritten(&self, name: &str, theirs: git2::Oid) -> Result<Vec<Problem>> {
        let head = git::head(&self.repo)?;
        let mut closes: Vec<(String, git2::Oid)> = git::round_tags(&self.repo)?
            .into_iter()
            .map(|round| (round.label, round.commit))
            .collect();
        // And the rounds whose tag comes with this very fetch: closed on the remote and
        // changed there after, in one push, they would otherwise come in together.
        for (label, target) in git::fetched_round_tags(&self.repo, name)? {
            if closes.iter().any(|(known, _)| *known == label)
                || super::rounds::check_label(&label).is_err()
                || !super::rounds::closes_round(&self.repo, target, &label, &[theirs])?
            {
                continue;
            }
            if let Some(commit) = git::peeled_commit(&self.repo, target) {
                closes.push((label, commit));
            }
        }
        let mut rewritten = Vec::new();
        for (label, commit) in closes {
            if !git::reaches(&self.repo, theirs, commit)? {
                continue;
            }
            let ids = |at| super::rounds::closed_report_ids(&self.repo, &label, at);
            let at_close = ids(commit)?;
            let theirs_now = ids(theirs)?;
            let ours_now = match head {
                Some(head) => ids(head)?,
                None => at_close.clone(),
            };
            let dir = format!("{}/{}", super::rounds::REPORTS_DIR, label);
            if theirs_now != at_close && theirs_now != ours_now {
                rewritten.push(Problem::at(
                    crate::error::Position::file(format!("{dir}/")),
                    crate::error::Remote::ClosedReport(label),
                ));
            }
        }
        Ok(rewritten)
    }

    /// Back to the remote: `main` when the remote lacks some of it, and the round tags
    /// `tags_to_send`; notes in `synced` what was pushed and what the remote refused.
    fn push_back(
        &self,
        synced: &mut Synced,
        their_branch: &str,
        tags_to_send: Vec<String>,
    ) -> Result<()> {
        let head = git::head(&self.repo)?;
        let theirs = git::ref_commit(&self.repo, their_branch)?;
        let mut refspecs = Vec::new();
        if head.is_some() && head != theirs {
            refspecs.push(format!("refs/heads/{0}:refs/heads/{0}", git::BRANCH));
        }
        refspecs.extend(
            tags_to_send
                .iter()
                .map(|label| format!("{0}{label}:{0}{label}", git::ROUND_TAGS)),
        );
        if let Transport::Local(path) = &synced.transport
            && git::has_working_copy(path)
            && !refspecs.is_empty()
        {
            synced.not_pushed = Some(format!(
                "{} is a clone with a working copy: pushing into it would leave its files behind its history; its auditor runs `vmsaudit sync` there to take these changes, or share a bare repository instead",
                synced.url
            ));
            refspecs.clear();
        }
        synced.refused = git::push(&self.repo, &synced.remote, &synced.transport, &refspecs)?;
        let refused = |spec: &str| {
            synced
                .refused
                .iter()
                .any(|(name, _)| spec.ends_with(&format!(":{name}")))
        };
        synced.pushed = refspecs
            .iter()
            .any(|spec| spec.starts_with("refs/heads/") && !refused(spec));
        synced.tags_sent = tags_to_send
            .into_iter()
            .filter(|label| {
                refspecs
                    .iter()
                    .any(|spec| spec.ends_with(&format!("/audit/{label}")) && !refused(spec))
            })
            .collect();
        if synced.pushed {
            // Now the remote's `main` is ours: say so, as `git push` does.
            git::fetch(&self.repo, &synced.remote, &synced.transport)?;
            git::forget_fetched_tags(&self.repo, &synced.remote)?;
        }
        Ok(())
    }
}
