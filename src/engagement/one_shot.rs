//! A command that changes one answer reads what the answer's rule reads, and no more.
//!
//! Every other command reads and checks every record before it takes the lock, then lets
//! the lock's recovery commit what an interrupted command left. On a large engagement that
//! is thousands of files for one answer, where `git add` and `git commit` read one. Here the
//! lock comes first: when git's index vouches that nothing is left for the recovery (see
//! [`super::nothing_left`]), the files are those of HEAD, checked when they were committed,
//! and the answer's rule needs only `engagement.yaml`, the grid and the one answer. When
//! anything is left, the command takes the usual path, which checks every record.

use std::path::Path;

use super::{
    ANSWERS_DIR, Engagement, Holds, Looking, Source, find_root, findings_plan_inventory,
    folders_hold_nothing, git, lock, rounds, state, state_dir, worktree_cache,
};
use crate::error::{Error, Result};
use crate::messages::Doing;
use crate::rules::Change;

impl Engagement {
    /// Opens the engagement that `start` is in, to make `change` from a command: as
    /// [`Engagement::open`] does, or, for an answer, holding the lock and reading only what
    /// its rule reads when nothing is left for the recovery. The engagement returned is for
    /// that change: any other reads every record again first.
    pub(crate) fn open_to_change(start: &Path, change: &Change) -> Result<Engagement> {
        // Detaching evidence asks whether any other record lists the file: every record.
        if let Change::Answer(answer) = change
            && answer.drop_evidence.is_empty()
            && let Some(engagement) = open_for_answer(start, &answer.control, &change.purpose())?
        {
            return Ok(engagement);
        }
        Engagement::open(start)
    }

    /// Notes whether the records in memory, which are those of `commit`, hold a reference
    /// that dangles, for the next one-shot answer.
    pub(super) fn note_references(&self, commit: git2::Oid) {
        let Some(cache) = Source::WorkTree(&self.root).cache_dir() else {
            return;
        };
        let read = findings_plan_inventory::REFERENCES_READ;
        let quiet = self
            .state
            .warnings
            .is_empty()
            .then(|| git::ids_in(&self.repo, commit, &read));
        worktree_cache::note_quiet(&cache, quiet.and_then(Result::ok));
    }
}

/// The engagement, locked, with the records the answer of the control `typed` names needs;
/// `None` when the usual path must open it: another process holds the lock, something is
/// left for the recovery, HEAD closes a round, or the clone has no private cache.
fn open_for_answer(start: &Path, typed: &str, purpose: &str) -> Result<Option<Engagement>> {
    let root = find_root(start)?;
    let repo = git::open(&root)?;
    let Some(cache) = Source::WorkTree(&root).cache_dir() else {
        return Ok(None);
    };
    // A sync killed in its checkout: the usual path undoes it, and says so.
    if git::sync_marker(&repo).exists() {
        return Ok(None);
    }
    let lock = match lock::acquire(
        &state_dir(&repo),
        Doing::Command(purpose.to_owned()),
        std::time::Duration::ZERO,
    ) {
        Ok(lock) => lock,
        // Held by another: the usual path says first what is wrong with the change, if
        // anything, then waits for the lock.
        Err(Error::Locked { .. }) => return Ok(None),
        Err(error) => return Err(error),
    };
    // Before any folder is looked at, under the lock: the walk's stats serve the recovery's
    // check as well.
    let since = worktree_cache::now();
    let mut head = worktree_cache::open_head(&cache);
    let (known, kept, trust) = (std::mem::take(&mut head.dirs), head.grid.take(), head.trust);
    // The folders walked, and the grid read back from its cache (only what the answer's
    // rule reads of it, when the cache has it so), on another thread while this one checks
    // every file against git's index.
    let (grid, dirs, tracked) = std::thread::scope(|scope| {
        let walked = scope.spawn(|| {
            let grid = match state::worktree_skeleton(&root, kept.as_ref(), trust, &cache) {
                Some(skeleton) => Ok((skeleton, None)),
                None => state::worktree_grid(&root, kept, trust, Some(&cache)),
            };
            (grid, worktree_cache::walk(&root, &known, trust))
        });
        let tracked = git::tracked_as_indexed(&repo);
        let (grid, dirs) = walked
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (grid, dirs, tracked)
    });
    let (dirs, listed) = dirs?;
    let Some(tracked) = tracked? else {
        return Ok(None);
    };
    let looking = Looking::ForChange {
        changing: ANSWERS_DIR,
        listed: &listed,
    };
    if !folders_hold_nothing(&repo, &root, &dirs, &tracked, since, looking)? {
        return Ok(None);
    }
    let loaded_at = git::head(&repo)?;
    // A round's close killed before its tag: the recovery makes the tag from every answer.
    if let Some(head) = loaded_at
        && rounds::round_closed_by(&repo.find_commit(head)?).is_some()
    {
        return Ok(None);
    }
    git::remove_stale_temporary_objects(&repo);
    // The references between findings, actions and assets are said after every command. An
    // answer changes none of them: when those of HEAD are known to hold, they need not be
    // read. Otherwise every record is, here, as nothing is left for the recovery.
    let quiet = match loaded_at {
        Some(head) => {
            let ids = git::ids_in(&repo, head, &findings_plan_inventory::REFERENCES_READ)?;
            worktree_cache::quiet_at(&cache, &ids)
        }
        None => false,
    };
    let (state, dirs) = match quiet {
        true => (state::load_answer(&root, &mut head, grid?.0, typed)?, dirs),
        false => state::load_worktree(&root)?,
    };
    Ok(Some(Engagement {
        root,
        repo,
        // Held until the change is committed: nothing was left, and nothing can come.
        session_lock: Some(lock),
        id_seed: None,
        loaded_at,
        sync_undone: false,
        holds: if quiet {
            Holds::OneChange
        } else {
            Holds::Everything
        },
        state,
        dirs,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Level;
    use crate::engagement::{AnswerChange, InitOptions};

    fn answer(control: &str, level: u8) -> Change {
        Change::Answer(AnswerChange {
            control: control.into(),
            level: Some(Level::Score(level)),
            ..AnswerChange::default()
        })
    }

    #[test]
    fn an_engagement_opened_for_one_answer_reads_every_record_before_another_change() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("acme");
        let now: jiff::Timestamp = "2026-02-03T10:00:00Z".parse().unwrap();
        let options = InitOptions {
            client: "ACME".into(),
            auditors: vec!["Jeanne Martin <jm@example.org>".parse().unwrap()],
            ..InitOptions::default()
        };
        let mut engagement = Engagement::init(&root, options, now).unwrap();
        let who = engagement.auditor(None).unwrap();
        for control in ["ACC-01", "NET-01"] {
            engagement.change(answer(control, 1), &who, now).unwrap();
        }
        drop(engagement);

        let change = answer("ACC-01", 2);
        let mut engagement = Engagement::open_to_change(&root, &change).unwrap();
        assert_eq!(engagement.holds, Holds::OneChange);
        assert_eq!(
            engagement.state().answers.len(),
            1,
            "only the answer changed"
        );
        engagement.change(change, &who, now).unwrap();
        // Another change on it would overwrite NET-01's answer with what it does not hold.
        let saved = engagement.change(answer("NET-01", 3), &who, now).unwrap();
        assert_eq!(saved.message, "NET-01: level 3 (was 1)");
        assert_eq!(engagement.holds, Holds::Everything);
        assert_eq!(engagement.state().answers.len(), 2);
        let opened = Engagement::open(&root).unwrap();
        assert_eq!(engagement.state().answers, opened.state().answers);
    }
}
