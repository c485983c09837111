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
