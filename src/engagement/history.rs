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

// ---------------------------------------------------------------------------------------
// Reading past states: a commit's files, straight from git objects. Nothing here checks out
// anything or touches the working copy.

/// The files of one commit, read from git objects.
pub struct TreeFiles<'r> {
    repo: &'r Repository,
    tree: git2::Tree<'r>,
}

impl<'r> TreeFiles<'r> {
    pub fn of(repo: &'r Repository, commit: git2::Oid) -> Result<TreeFiles<'r>> {
        let tree = repo.find_commit(commit)?.tree()?;
        Ok(TreeFiles { repo, tree })
    }

    /// The content of `relative` (at most `limit` + 1 bytes, so that the caller can tell a
    /// file too large), or `None` when the commit has no such file.
    pub fn read(&self, relative: &str, limit: u64) -> Result<Option<Vec<u8>>> {
        let entry = match self.tree.get_path(Path::new(relative)) {
            Ok(entry) => entry,
            Err(error) if error.code() == git2::ErrorCode::NotFound => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        if entry.kind() != Some(git2::ObjectType::Blob) {
            return Ok(None);
        }
        let blob = self.repo.find_blob(entry.id())?;
        let content = blob.content();
        let keep = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
        Ok(Some(content[..content.len().min(keep)].to_vec()))
    }

    /// The names of the files (not folders) directly in `dir`, sorted; none when the commit
    /// has no such folder.
    pub fn list(&self, dir: &str) -> Result<Vec<String>> {
        let entry = match self.tree.get_path(Path::new(dir)) {
            Ok(entry) => entry,
            Err(error) if error.code() == git2::ErrorCode::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error.into()),
        };
        if entry.kind() != Some(git2::ObjectType::Tree) {
            return Ok(Vec::new());
        }
        let tree = self.repo.find_tree(entry.id())?;
        let mut names: Vec<String> = tree
            .iter()
            .filter(|item| item.kind() == Some(git2::ObjectType::Blob))
            .filter_map(|item| item.name().ok().map(str::to_owned))
            .collect();
        names.sort();
        Ok(names)
    }
}

/// The commit a revision names: anything `git rev-parse` accepts (`HEAD~2`, a hash, a
/// branch, a tag), or `None` when it names nothing.
pub fn resolve(repo: &Repository, spec: &str) -> Result<Option<git2::Oid>> {
    match repo.revparse_single(spec) {
        Ok(object) => Ok(Some(object.peel_to_commit()?.id())),
        Err(error)
            if matches!(
                error.code(),
                git2::ErrorCode::NotFound
                    | git2::ErrorCode::Ambiguous
                    | git2::ErrorCode::InvalidSpec
            ) || error.class() == git2::ErrorClass::Invalid =>
        {
            Ok(None)
        }
        Err(error) => Err(error.into()),
    }
}

/// When a commit was made, and by whom.
pub fn commit_info(repo: &Repository, commit: git2::Oid) -> Result<(Timestamp, Auditor)> {
    let commit = repo.find_commit(commit)?;
    Ok((when(&commit.time()), person(&commit.author())))
}

fn when(time: &git2::Time) -> Timestamp {
    Timestamp::from_second(time.seconds()).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn person(signature: &Signature) -> Auditor {
    Auditor {
        name: String::from_utf8_lossy(signature.name_bytes()).into_owned(),
        email: String::from_utf8_lossy(signature.email_bytes()).into_owned(),
    }
}

/// Whether `ancestor` is `commit` itself or one of its ancestors.
pub fn reaches(repo: &Repository, commit: git2::Oid, ancestor: git2::Oid) -> Result<bool> {
    Ok(commit == ancestor || repo.graph_descendant_of(commit, ancestor)?)
}

/// The commit HEAD points at, if any.
pub fn head(repo: &Repository) -> Result<Option<git2::Oid>> {
    match repo.head() {
        Ok(head) => Ok(Some(head.peel_to_commit()?.id())),
        Err(error) if error.code() == git2::ErrorCode::UnbornBranch => Ok(None),
        Err(error) => Err(error.into()),
    }
}
