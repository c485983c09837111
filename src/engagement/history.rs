//! The engagement's git repository: one commit per change, authored by the auditor.
//!
//! Only this file calls git2. The repository stays an ordinary one, so `git log`,
//! `git diff` and `git fsck` work on it and a team can push it anywhere git goes.

use std::path::Path;

use git2::{IndexAddOption, Repository, RepositoryInitOptions, Signature};
use jiff::Timestamp;

use crate::assessment::Auditor;
use crate::error::{Error, Result};

pub const BRANCH: &str = "main";

pub fn init(root: &Path) -> Result<Repository> {
    let mut options = RepositoryInitOptions::new();
    options.initial_head(BRANCH).no_reinit(true);
    Ok(Repository::init_opts(root, &options)?)
}

pub fn open(root: &Path) -> Result<Repository> {
    Repository::open(root).map_err(|error| {
        Error::usage(
            format!("{} has no git repository: {}", root.display(), error.message()),
            "an engagement is a git repository made by `vmsaudit init`; restore its `.git` folder or clone it again",
        )
    })
}

/// Makes `auditor` the author of commits made in this clone (the repository's own config,
/// as `git config user.name` would).
pub fn set_identity(repo: &Repository, auditor: &Auditor) -> Result<()> {
    let mut config = repo.config()?.open_level(git2::ConfigLevel::Local)?;
    config.set_str("user.name", &auditor.name)?;
    config.set_str("user.email", &auditor.email)?;
    Ok(())
}

/// Who commits from this clone: the repository's (or the user's) git identity, if any.
pub fn identity(repo: &Repository) -> Option<Auditor> {
    let config = repo.config().ok()?;
    let name = config.get_string("user.name").ok()?;
    let email = config.get_string("user.email").unwrap_or_default();
    format!("{name} <{email}>").parse().ok()
}

/// Stages exactly `paths` (relative to the root; deleted ones are removed from the index)
/// and commits them with `message`. Other changes in the working copy are left alone.
pub fn commit(
    repo: &Repository,
    paths: &[String],
    message: &str,
    author: &Auditor,
    when: Timestamp,
) -> Result<git2::Oid> {
    let root = repo.workdir().ok_or_else(|| {
        Error::usage(
            "the engagement repository is bare",
            "use a clone with a working copy",
        )
    })?;
    clear_stale_git_locks(repo);
    let mut index = repo.index()?;
    for path in paths {
        if root.join(path).exists() {
            index.add_all([path.as_str()], IndexAddOption::FORCE, None)?;
        } else {
            index.remove_all([path.as_str()], None)?;
        }
    }
    index.write()?;
    let tree = repo.find_tree(index.write_tree()?)?;
    let offset = jiff::tz::TimeZone::system().to_offset(when).seconds() / 60;
    let time = git2::Time::new(when.as_second(), offset);
    let signature = Signature::new(&author.name, &author.email, &time)?;
    let parent = match repo.head() {
        Ok(head) => Some(head.peel_to_commit()?),
        Err(error) if error.code() == git2::ErrorCode::UnbornBranch => None,
        Err(error) => return Err(error.into()),
    };
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    Ok(repo.commit(
        Some("HEAD"),
        &signature,
        &signature,
        message,
        &tree,
        &parents,
    )?)
}

/// Removes the lock files git leaves when a process is killed in the middle of a commit
/// (`index.lock`, `HEAD.lock`, the branch's `.lock`), which would otherwise block every
/// later commit. Commits are only made under the engagement's own lock (see `lock.rs`), and
/// that lock dies with its process: when we hold it, no other vmsaudit is committing, so
/// such files can only be left over. (A plain `git commit` run by hand at the same instant
/// would lose its lock; the README asks not to run git on an engagement while vmsaudit
/// writes to it.)
fn clear_stale_git_locks(repo: &Repository) {
    let git = repo.path();
    let mut stale = vec![git.join("index.lock"), git.join("HEAD.lock")];
    if let Ok(head) = repo.find_reference("HEAD")
        && let Ok(Some(target)) = head.symbolic_target()
    {
        stale.push(git.join(format!("{target}.lock")));
    }
    for path in stale {
        // Absent is the usual case; any other failure shows up as git's own error next.
        let _ = std::fs::remove_file(path);
    }
}

/// Folders and files of an engagement that hold its records (what `vmsaudit` commits).
const RECORDS: &[&str] = &[
    "engagement.yaml",
    "grid.yaml",
    "assets.yaml",
    "answers/",
    "findings/",
    "actions/",
    "cves/",
    "evidence/",
];

/// Finishes what a command killed in the middle of a change left behind, under the
/// engagement's lock: removes its temporary files, and commits the records it wrote but did
/// not commit (or that were edited by hand and load), in a commit of their own that names
/// them, so the next change's commit says only what that change did.
pub fn recover(repo: &Repository) -> Result<Option<git2::Oid>> {
    let Some(root) = repo.workdir() else {
        return Ok(None);
    };
    let mut options = git2::StatusOptions::new();
    options
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false);
    let statuses = repo.statuses(Some(&mut options))?;
    let mut leftovers = Vec::new();
    for entry in statuses.iter() {
        let Ok(path) = entry.path() else { continue };
        let name = path.rsplit('/').next().unwrap_or(path);
        if name.starts_with(".vmsaudit-") && name.ends_with(".tmp") {
            // A temporary file of an interrupted atomic write: never a record.
            let _ = std::fs::remove_file(root.join(path));
            continue;
        }
        let changed = entry.status().intersects(
            git2::Status::WT_NEW | git2::Status::WT_MODIFIED | git2::Status::WT_DELETED,
        );
        let record = RECORDS.iter().any(|prefix| {
            path == prefix.trim_end_matches('/')
                || (prefix.ends_with('/') && path.starts_with(prefix))
        });
        if changed && record {
            leftovers.push(path.to_owned());
        }
    }
    if leftovers.is_empty() {
        return Ok(None);
    }
    let author = identity(repo).unwrap_or_else(|| Auditor {
        name: "vmsaudit".into(),
        email: String::new(),
    });
    let message = format!(
        "Recover changes left uncommitted by an interrupted command: {}",
        leftovers.join(", ")
    );
    let now = crate::clock::now().unwrap_or_else(|_| Timestamp::now());
    commit(repo, &leftovers, &message, &author, now).map(Some)
}
