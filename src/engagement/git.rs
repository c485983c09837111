//! The engagement's git repository: one commit per change, authored by the auditor.
//!
//! Only this file calls git2. The repository stays an ordinary one, so `git log`,
//! `git diff` and `git fsck` work on it and a team can push it anywhere git goes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use git2::{IndexAddOption, Repository, RepositoryInitOptions, Signature};
use jiff::Timestamp;

use crate::assessment::Auditor;
use crate::error::{Error, Fix, Remote, Result, Setting, Wrong};
use crate::messages::IncomingFlaw;
use crate::messages::{Act, Blocked, Unblock};
use crate::report::{RADAR_PNG, RADAR_SVG, REPORT_HTML, REPORT_MD};
use crate::rules;

use super::worktree_cache::{Stat, Time};

pub const BRANCH: &str = "main";

pub fn init(root: &Path) -> Result<Repository> {
    let mut options = RepositoryInitOptions::new();
    options.initial_head(BRANCH).no_reinit(true);
    Ok(Repository::init_opts(root, &options)?)
}

/// Opens the repository at `root`. Refused, saying why: another user's repository (git's
/// ownership check), a `.git` the user cannot read, or none at all; only the last calls for
/// restoring it.
pub fn open(root: &Path) -> Result<Repository> {
    read_objects_as_git_does();
    Repository::open(root).map_err(|error| {
        if error.code() == git2::ErrorCode::Owner {
            return super::access::not_owned(root);
        }
        let dot_git = root.join(".git");
        let unreadable = std::fs::read_dir(&dot_git)
            .err()
            .or_else(|| std::fs::File::open(dot_git.join("HEAD")).err())
            .is_some_and(|error| super::access::denied(&error));
        if unreadable {
            return super::access::unreadable(&dot_git, root);
        }
        Error::from(Setting::NoRepository {
            root: root.display().to_string(),
            detail: error.message().to_owned(),
        })
    })
}

/// Turns off libgit2's hashing of every object it reads, to compare the result with the
/// object's id: `git` itself does not (`git fsck` is the tool for a damaged disk), and a
/// one-shot answer paid it on the trees it changes, a SHA-1 with collision detection over
/// the 2,000 entries of `answers/` on the large engagement. Every object here was hashed when
/// it was written: by libgit2 for this clone's own, by the fetch's indexer for another
/// clone's (`sync`), so a record read from one is still the record its commit names. A loose
/// object damaged on disk still fails zlib's own check when it is inflated.
fn read_objects_as_git_does() {
    git2::opts::strict_hash_verification(false);
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
    clear_stale_git_locks(repo);
    trust_own_objects();
    let parent = match repo.head() {
        Ok(head) => Some(head.peel_to_commit()?),
        Err(error) if error.code() == git2::ErrorCode::UnbornBranch => None,
        Err(error) => return Err(error.into()),
    };
    let mut index = repo.index()?;
    // As it is on disk, which the note of the last commit names. Whether it holds the
    // parent's tree is decided before the paths change it.
    index.read(false)?;
    let holds_parent = parent.as_ref().is_some_and(|parent| {
        index_checksum(repo).is_some_and(|sum| noted(repo, sum, parent.id()))
    });
    let written = stage_and_write(repo, &mut index, paths, parent.as_ref(), holds_parent);
    if written.is_err() {
        // What was staged in memory and not written must not go with a later commit of
        // this process (the checklist's) while the note says the index holds its parent.
        let _ = index.read(true);
    }
    let (tree, written) = written?;
    let tree = repo.find_tree(tree)?;
    let signature = signature(author, when)?;
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    let commit = repo.commit(
        Some("HEAD"),
        &signature,
        &signature,
        message,
        &tree,
        &parents,
    )?;
    // Only while the index is still the one this commit was made from.
    if let Some((sum, stat)) = written
        && Stat::of(&repo.path().join("index")) == Some(stat)
    {
        note(repo, sum, commit);
    }
    Ok(commit)
}

/// Puts `paths` of the working copy back as HEAD has them, and their entries of the index:
/// a file HEAD has is written again, one it lacks is removed (with the folders it leaves
/// empty). For a change that could not be committed: what it wrote must not be committed
/// later by the lock's recovery, in the auditor's name, after they were told it failed.
/// Only paths the change itself wrote or created may be given.
pub fn put_back(repo: &Repository, paths: &[String]) -> Result<()> {
    let root = repo.workdir().ok_or_else(|| Error::from(Setting::Bare))?;
    let head = match repo.head() {
        Ok(head) => Some(head.peel_to_commit()?),
        Err(error) if error.code() == git2::ErrorCode::UnbornBranch => None,
        Err(error) => return Err(error.into()),
    };
    let tree = head.as_ref().map(git2::Commit::tree).transpose()?;
    for relative in paths {
        let path = root.join(relative);
        let kept = match &tree {
            Some(tree) => tree.get_path(Path::new(relative)).ok(),
            None => None,
        };
        match kept.filter(|entry| entry.kind() == Some(git2::ObjectType::Blob)) {
            // Not written again when it is HEAD's already: on a full disk, the write that
            // failed may have left it so, and a write would fail as well.
            Some(entry)
                if git2::Oid::hash_file(git2::ObjectType::Blob, &path)
                    .is_ok_and(|id| id == entry.id()) => {}
            Some(entry) => {
                let text = read_blob(repo, entry.id(), crate::files::MAX_RECORD_BYTES, relative)?;
                if let Some(dir) = path.parent() {
                    crate::files::create_private_dir_all(dir)?;
                }
                crate::files::write_atomic(&path, &text)?;
            }
            None => {
                match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                    Err(error) => return Err(Error::io(&path, error)),
                }
                // The folders it made for it (an evidence folder), up to the root.
                let mut dir = path.parent();
                while let Some(folder) = dir.filter(|folder| *folder != root) {
                    if std::fs::remove_dir(folder).is_err() {
                        break;
                    }
                    dir = folder.parent();
                }
            }
        }
    }
    match &head {
        Some(head) => repo.reset_default(Some(head.as_object()), paths)?,
        None => {
            let mut index = repo.index()?;
            for relative in paths {
                let _ = index.remove_path(Path::new(relative));
            }
            index.write()?;
        }
    }
    Ok(())
}

/// Stages `paths` in `index` as they are in the working copy, writes the commit's tree and
/// the index; gives the tree, and the index's checksum and stat as written. When the index
/// held the parent's tree (`holds_parent`) and every path is a file or gone, the tree is the
/// parent's with those paths changed, and only the folders on their way are written.
fn stage_and_write(
    repo: &Repository,
    index: &mut git2::Index,
    paths: &[String],
    parent: Option<&git2::Commit>,
    holds_parent: bool,
) -> Result<(git2::Oid, Option<(git2::Oid, Stat)>)> {
    let root = repo.workdir().ok_or_else(|| Error::from(Setting::Bare))?;
    let mut files_only = true;
    for path in paths {
        let relative = Path::new(path);
        match std::fs::symlink_metadata(root.join(path)) {
            // A file is staged by its path alone. `add_all` matches a pathspec against the
            // whole working copy: on an engagement of thousands of files, one commit cost a
            // walk of all of them (and a commit of 2,000 answers, 2,000 walks).
            Ok(metadata) if metadata.is_file() => index.add_path(relative)?,
            Ok(_) => {
                files_only = false;
                index.add_all([path.as_str()], IndexAddOption::FORCE, None)?;
            }
            // By its name, not as a pattern: `F-[1].yaml` gone is not `F-1.yaml`.
            Err(_) if index.get_path(relative, 0).is_some() => index.remove_path(relative)?,
            Err(_) => index.remove_dir(relative, 0)?,
        }
    }
    let tree = match parent {
        // Its tree with these paths changed is the index's.
        Some(parent) if holds_parent && files_only => {
            let changes: Vec<PathChange> = paths
                .iter()
                .map(|path| {
                    let entry = index.get_path(Path::new(path), 0);
                    (path.as_str(), entry.map(|entry| (entry.id, entry.mode)))
                })
                .collect();
            match tree_with(repo, Some(&parent.tree()?), &changes)? {
                Some(tree) => tree,
                None => repo.treebuilder(None)?.write()?,
            }
        }
        // From the index's entries. The tree first: it fills the index's cache of trees,
        // which the index then keeps.
        _ => index.write_tree()?,
    };
    index.write()?;
    let index_file = repo.path().join("index");
    let stat = Stat::of(&index_file);
    let written = index_checksum(repo)
        .zip(stat)
        .filter(|_| Stat::of(&index_file) == stat);
    Ok((tree, written))
}

/// A path (with `/`) and the blob and mode it has now, `None` when it is gone.
type PathChange<'a> = (&'a str, Option<(git2::Oid, u32)>);

/// The tree `base` (none: an empty one) with `changes` made, each a path below it (with
/// `/`) and the blob and mode it has now, or `None` when it is gone (a file, or a folder and
/// all it holds). Only the folders on the changes' way are written again; one left empty
/// goes, as git keeps none. `None` when nothing is left.
///
/// libgit2 writes a commit's tree from the whole index, then reads every tree of the
/// repository back to refill the index's cache of trees: on the large engagement, 903
/// trees read for a commit that changes one answer.
fn tree_with(
    repo: &Repository,
    base: Option<&git2::Tree>,
    changes: &[PathChange],
) -> Result<Option<git2::Oid>> {
    let mut builder = repo.treebuilder(base)?;
    let mut below: BTreeMap<&str, Vec<PathChange>> = BTreeMap::new();
    for &(path, change) in changes {
        match (path.split_once('/'), change) {
            (Some((folder, rest)), _) => below.entry(folder).or_default().push((rest, change)),
            (None, Some((id, mode))) => {
                builder.insert(path, id, i32::try_from(mode).unwrap_or(0o100644))?;
            }
            (None, None) => {
                if builder.get(path)?.is_some() {
                    builder.remove(path)?;
                }
            }
        }
    }
    for (folder, changes) in below {
        let kept = match builder.get(folder)? {
            Some(entry) if entry.kind() == Some(git2::ObjectType::Tree) => {
                Some(repo.find_tree(entry.id())?)
            }
            _ => None,
        };
        match tree_with(repo, kept.as_ref(), &changes)? {
            Some(tree) => {
                builder.insert(folder, tree, 0o040000)?;
            }
            None => {
                if builder.get(folder)?.is_some() {
                    builder.remove(folder)?;
                }
            }
        }
    }
    if builder.is_empty() {
        return Ok(None);
    }
    Ok(Some(builder.write()?))
}

/// Where a commit made here notes the index it left, which holds that commit's tree: in
/// the clone's cache, which can go at any time.
fn index_note(repo: &Repository) -> PathBuf {
    super::cache::dir_in(repo.path()).join("index-holds")
}

/// The checksum git writes at the end of its index file: it names the index's content.
/// None when git was told not to write it (`index.skipHash`, which `feature.manyFiles`
/// sets): twenty zero bytes then name nothing.
fn index_checksum(repo: &Repository) -> Option<git2::Oid> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(repo.path().join("index")).ok()?;
    file.seek(SeekFrom::End(-20)).ok()?;
    let mut sum = [0u8; 20];
    file.read_exact(&mut sum).ok()?;
    git2::Oid::from_bytes(&sum)
        .ok()
        .filter(|sum| !sum.is_zero())
}

/// Notes that the index whose checksum is `sum` holds the tree of `commit` (just made from
/// it, or found to hold it): the next commit starts from that tree, and the lock's recovery
/// need not write the index's trees to know that nothing is staged. Best effort: without
/// the note, both do as git does.
fn note(repo: &Repository, sum: git2::Oid, commit: git2::Oid) {
    let path = index_note(repo);
    if let Some(dir) = path.parent()
        && crate::files::create_private_dir_all(dir).is_ok()
    {
        let _ = crate::files::replace(&path, format!("{sum} {commit}\n").as_bytes());
    }
}

/// Whether the index whose checksum is `sum` is the one noted with `commit` ([`note`]).
/// Any other writer of the index (git, a merge) changes its checksum.
fn noted(repo: &Repository, sum: git2::Oid, commit: git2::Oid) -> bool {
    std::fs::read_to_string(index_note(repo)).is_ok_and(|text| text == format!("{sum} {commit}\n"))
}

/// Turns off libgit2's check, when it writes a tree, that every entry names an object of
/// the right type: it inflates each entry's object to read its header, so a commit that
/// changes one answer read the 2,000 other answers' blobs again (loose objects, as vmsaudit
/// leaves them: a third of the time of a save on the large engagement). Every entry of the
/// trees written here comes from the index, whose blobs `add_path` has just written or an
/// earlier commit wrote; `git fsck --strict` in the tests checks the result. A merge's
/// commit, whose trees hold another clone's objects, is checked ([`commit_merge`]).
fn trust_own_objects() {
    git2::opts::strict_object_creation(false);
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

/// Removes the temporary object files libgit2 leaves in `.git/objects/` when a process is
/// killed while writing an object (`tmp_object_git2_<random>`): nothing ever removes them,
/// and they add up (12 MB after 49 kills while saving evidence). Called under the
/// engagement's lock, when no vmsaudit is writing objects; git's own temporary files
/// (`tmp_obj_*`, from a `git` run by hand) are left to git.
pub fn remove_stale_temporary_objects(repo: &Repository) {
    let objects = repo.path().join("objects");
    let Ok(entries) = std::fs::read_dir(&objects) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && name.to_string_lossy().starts_with("tmp_object_git2_") {
            // Best effort: one left there costs space, not correctness.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Undoes what a killed `audit close` wrote before its commit: the report files under
/// `reports/<label>/` (untracked, for a round with no tag `audit/<label>`), and
/// `engagement.yaml` when all that changed in it is `round: <label>`. Without this, the
/// recovery's commit of left-over records would commit the round alone, and the engagement
/// would show a round "in progress" that nobody started. Called under the engagement's
/// lock, before [`recover`]. Returns whether anything was undone. (A close killed after its
/// commit, before its tag, is finished by `Engagement::finish_half_closed_round`.)
pub fn undo_half_closed_round(
    repo: &Repository,
    closed: &[String],
    changes: &WorkingChanges,
) -> Result<bool> {
    let Some(root) = repo.workdir().map(Path::to_owned) else {
        return Ok(false);
    };
    // The index is written below: a lock file a killed commit left would make that fail.
    clear_stale_git_locks(repo);
    let mut labels = std::collections::BTreeSet::new();
    let mut meta_changed = false;
    // A kill inside the commit can leave the new files staged rather than untracked.
    let mut index = repo.index()?;
    let mut unstaged = false;
    for (path, status) in &changes.0 {
        let (path, status) = (path.as_str(), *status);
        if path == super::ENGAGEMENT_FILE {
            meta_changed = true;
        }
        let Some(label) = round_report(path) else {
            continue;
        };
        let new = status.intersects(git2::Status::WT_NEW | git2::Status::INDEX_NEW)
            && !status.intersects(git2::Status::INDEX_MODIFIED | git2::Status::INDEX_DELETED);
        if !new || closed.iter().any(|done| done == label) {
            continue;
        }
        if status.contains(git2::Status::INDEX_NEW) {
            index.remove_path(Path::new(path))?;
            unstaged = true;
        }
        match std::fs::remove_file(root.join(path)) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(path, error));
            }
            _ => {}
        }
        labels.insert(label.to_owned());
    }
    for label in &labels {
        // Empty now, unless someone put other files there: then it stays.
        let _ = std::fs::remove_dir(root.join("reports").join(label));
    }
    if labels.is_empty() || !meta_changed {
        if unstaged {
            index.write()?;
        }
        return Ok(!labels.is_empty());
    }
    if meta_only_closed(repo, &root, &labels)? {
        // Staged too, when the kill came inside the commit: back to HEAD's version.
        index.add_path(Path::new(super::ENGAGEMENT_FILE))?;
        unstaged = true;
    }
    if unstaged {
        index.write()?;
    }
    Ok(true)
}

/// Puts back HEAD's `engagement.yaml` when all that differs in it is `round:` naming one of
/// the half-closed `labels`; says whether it did.
fn meta_only_closed(
    repo: &Repository,
    root: &Path,
    labels: &std::collections::BTreeSet<String>,
) -> Result<bool> {
    let Some(head) = head(repo)? else {
        return Ok(false);
    };
    let committed = TreeFiles::of(repo, head)?
        .read(super::ENGAGEMENT_FILE, crate::files::MAX_RECORD_BYTES)?
        .unwrap_or_default();
    let path = root.join(super::ENGAGEMENT_FILE);
    let current = std::fs::read(&path).map_err(|source| Error::io(&path, source))?;
    let round_of = |line: &str| {
        line.strip_prefix("round:")
            .map(|value| value.trim().trim_matches(['\'', '"']).to_owned())
    };
    let without_round = |text: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(text)
            .lines()
            .filter(|line| round_of(line).is_none())
            .map(str::to_owned)
            .collect()
    };
    let half_closed = String::from_utf8_lossy(&current)
        .lines()
        .find_map(round_of)
        .is_some_and(|round| labels.contains(&round));
    if half_closed && without_round(&current) == without_round(&committed) {
        crate::files::write_atomic(&path, &committed)?;
        return Ok(true);
    }
    Ok(false)
}

/// The files of an engagement that hold its records: what the rule book writes
/// (`rules::Edit::path`), and what `vmsaudit` commits.
const RECORD_FILES: [&str; 3] = [rules::ENGAGEMENT_FILE, rules::GRID_FILE, rules::ASSETS_FILE];
/// The folders whose `*.yaml` files are read as records: by every load, and the imported
/// CVEs by the CVE pack's reader (the report, the exports, `cve`, the checklist).
const LOADED_FOLDERS: [&str; 5] = [
    rules::ANSWERS_DIR,
    rules::FINDINGS_DIR,
    rules::ACTIONS_DIR,
    crate::assessment::SCANS_DIR,
    super::CVES_DIR,
];

/// Whether `path` is a record's file: one of `RECORD_FILES`, or any file in a records'
/// folder or the evidence's, unless hidden ([`crate::files::is_hidden`]): never committed.
fn is_record(path: &str) -> bool {
    let hidden = crate::files::is_hidden(path);
    let mut folders = LOADED_FOLDERS
        .iter()
        .chain([&super::evidence::EVIDENCE_DIR]);
    !hidden
        && (RECORD_FILES.contains(&path)
            || folders.any(|folder| {
                path.strip_prefix(folder)
                    .is_some_and(|rest| rest.starts_with('/'))
            }))
}

/// Whether every load reads `path` as a record: one of `RECORD_FILES`, or a record's file
/// right inside one of `LOADED_FOLDERS`.
fn read_by_load(path: &str) -> bool {
    RECORD_FILES.contains(&path)
        || path.split_once('/').is_some_and(|(folder, name)| {
            LOADED_FOLDERS.contains(&folder)
                && !name.contains('/')
                && super::findings_plan_inventory::is_record_name(name)
        })
}

/// Whether the recovery acts on `path`, a file on disk that git's index lacks, as its status
/// and [`ignored_records`] find such files: git's ignore rules hide it unless the recovery
/// looks at it all the same ([`seen_ignored`]). The check without a status
/// ([`super::nothing_left`]) asks this of the few files it does not know.
pub fn recovery_acts_on_untracked(repo: &Repository, path: &str) -> bool {
    // An error reading the ignore rules counts as not ignored: a status then decides.
    recovery_acts_on(path) && (seen_ignored(path) || !repo.is_path_ignored(path).unwrap_or(false))
}

/// Whether the recovery looks at `path` even when git's ignore rules hide it: a record that
/// is read, or a file of a round's report that a killed close may have left (with
/// `round:` in `engagement.yaml`, which would otherwise be committed alone).
fn seen_ignored(path: &str) -> bool {
    read_by_load(path) || round_report(path).is_some()
}

/// The files the recovery looks at ([`seen_ignored`]) that git's index lacks and git's
/// ignore rules (a committed `.gitignore`, `.git/info/exclude`, the auditor's own excludes)
/// hide from a status. Those rules are for git's users: a record they hid would reach every
/// report while no commit held it, and a killed close's report would leave its `round:` to
/// be committed alone; so the recovery takes them as new files. They still hide everything
/// else (evidence kept out of git on purpose, a report being written in `reports/draft/`).
/// Those a status `listed` already (a record taken out of the index with `git rm --cached`)
/// are left out.
fn ignored_records<'a>(
    repo: &Repository,
    listed: impl Iterator<Item = &'a str>,
) -> Result<Vec<String>> {
    let Some(root) = repo.workdir() else {
        return Ok(Vec::new());
    };
    let mut index = repo.index()?;
    index.read(false)?;
    let mut on_disk: Vec<String> = RECORD_FILES
        .iter()
        .filter(|file| Stat::of(&root.join(file)).is_some())
        .map(|file| (*file).to_owned())
        .collect();
    for folder in LOADED_FOLDERS {
        // A name that is not UTF-8 is no record (the load that reads the folder refuses it,
        // naming it): a status is not the place to fail on it.
        let names = super::findings_plan_inventory::record_files(&root.join(folder));
        let names = names.unwrap_or_default();
        on_disk.extend(names.into_iter().map(|name| format!("{folder}/{name}")));
    }
    let reports = std::fs::read_dir(root.join("reports"))
        .into_iter()
        .flatten();
    for folder in reports.flatten() {
        let Some(label) = folder.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        for name in ROUND_REPORT_FILES {
            let path = format!("reports/{label}/{name}");
            if round_report(&path).is_some() && Stat::of(&root.join(&path)).is_some() {
                on_disk.push(path);
            }
        }
    }
    let listed: std::collections::HashSet<&str> = listed.collect();
    let mut found = Vec::new();
    for path in on_disk {
        // Only the few the index lacks are matched against the ignore rules.
        let unknown = index.get_path(Path::new(&path), 0).is_none() && !listed.contains(&*path);
        if unknown && repo.is_path_ignored(&path)? {
            found.push(path);
        }
    }
    Ok(found)
}

/// The files `audit close` writes into `reports/<label>/`.
pub(super) const ROUND_REPORT_FILES: [&str; 4] = [REPORT_MD, REPORT_HTML, RADAR_SVG, RADAR_PNG];

/// The round whose report `path` would be: one of the files `audit close` writes into
/// `reports/<label>/` (the draft's aside), which a killed close leaves. Anything else an
/// auditor puts there (a PDF printed from the report) is theirs, and stays.
fn round_report(path: &str) -> Option<&str> {
    let (label, name) = path.strip_prefix("reports/")?.split_once('/')?;
    (label != "draft" && ROUND_REPORT_FILES.contains(&name)).then_some(label)
}

/// Whether the recovery acts on `path`, a file git's index lacks: a record it commits, a
/// temporary file it removes, a report of a half-closed round it may remove.
fn recovery_acts_on(path: &str) -> bool {
    is_record(path) || crate::files::is_temporary(path) || round_report(path).is_some()
}

/// The files of git's index, as [`tracked_as_indexed`] gives them.
pub struct Tracked {
    /// In the index's order (bytes), to be searched.
    paths: Vec<Vec<u8>>,
    /// By folder (`""` for the root), a hash of the names of the files the index has in it:
    /// a file can leave the index and stay on disk (`git rm --cached`, `git reset`) without
    /// its folder changing.
    pub names: std::collections::HashMap<String, u64>,
}

impl Tracked {
    /// Whether the index has the file `path`.
    pub fn has(&self, path: &str) -> bool {
        self.paths
            .binary_search_by(|known| known.as_slice().cmp(path.as_bytes()))
            .is_ok()
    }

    /// The hash of the names of the files the index has in `folder`.
    pub fn names_in(&self, folder: &str) -> u64 {
        self.names.get(folder).copied().unwrap_or_default()
    }
}

/// The files of git's index, when it vouches without a status that nothing is left for the
/// recovery in the files it has: no merge under way, no conflict, nothing staged (its cache
/// of trees names HEAD's tree), and every file with the `lstat` the index noted, noted
/// before the index was written (not "racily clean"), as `git status` tests an entry.
/// `None` when any of it cannot be vouched for: the caller then asks for a status.
pub fn tracked_as_indexed(repo: &Repository) -> Result<Option<Tracked>> {
    use std::hash::{Hash, Hasher};
    let Some(root) = repo.workdir() else {
        return Ok(None);
    };
    let Some((index, written)) = index_as_head(repo)? else {
        return Ok(None);
    };
    let entries: Vec<git2::IndexEntry> = index.iter().collect();
    if !all_as_noted(root, &entries, written) {
        return Ok(None);
    }
    let mut names: std::collections::HashMap<&str, std::hash::DefaultHasher> =
        std::collections::HashMap::new();
    for entry in &entries {
        let Ok(path) = std::str::from_utf8(&entry.path) else {
            return Ok(None);
        };
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        // The index lists a folder's files in order: the same names, the same hash.
        name.hash(names.entry(dir).or_default());
    }
    let names = names
        .into_iter()
        .map(|(folder, hasher)| (folder.to_owned(), hasher.finish()))
        .collect();
    let mut paths: Vec<Vec<u8>> = entries.into_iter().map(|entry| entry.path).collect();
    // Already in order when git or libgit2 wrote the index: checked, not assumed.
    paths.sort_unstable();
    Ok(Some(Tracked { paths, names }))
}

/// Whether every one of `entries` is as the index, `written` then, noted it ([`as_noted`]).
/// The `lstat`s are shared out over the cores, as `git status` shares them out: on a large
/// engagement they are most of the recovery's time. In runs of the index's order, each
/// opening its folders once.
fn all_as_noted(root: &Path, entries: &[git2::IndexEntry], written: Time) -> bool {
    const RUN: usize = 32;
    crate::files::parallel_map(entries.chunks(RUN).collect(), |run| {
        run_as_noted(root, run, written)
    })
    .into_iter()
    .all(|as_noted| as_noted)
}

/// [`all_as_noted`] for one run of the index's entries, on one thread.
fn run_as_noted(root: &Path, run: &[git2::IndexEntry], written: Time) -> bool {
    // Each file looked up from its folder, opened once for its files (the index lists them
    // together), rather than by a path walked from the root.
    let mut folder: Option<(&str, rustix::fd::OwnedFd)> = None;
    for entry in run {
        let Ok(path) = std::str::from_utf8(&entry.path) else {
            return false;
        };
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        if folder.as_ref().is_none_or(|(open, _)| *open != dir) {
            let flags = rustix::fs::OFlags::RDONLY
                | rustix::fs::OFlags::DIRECTORY
                | rustix::fs::OFlags::NOFOLLOW
                | rustix::fs::OFlags::CLOEXEC;
            let Ok(fd) = rustix::fs::open(root.join(dir), flags, rustix::fs::Mode::empty()) else {
                return false;
            };
            folder = Some((dir, fd));
        }
        let Some((_, fd)) = &folder else {
            return false;
        };
        if !as_noted(fd, name, entry, written) {
            return false;
        }
    }
    true
}

/// The index as it is on disk, with when it was written, when it holds HEAD's tree: no
/// merge under way, no conflict, nothing staged.
fn index_as_head(repo: &Repository) -> Result<Option<(git2::Index, Time)>> {
    if operation_in_progress(repo) {
        return Ok(None);
    }
    let index_file = repo.path().join("index");
    let Some(before) = Stat::of(&index_file) else {
        return Ok(None);
    };
    let mut index = repo.index()?;
    index.read(false)?;
    // Between the two stats: the checksum of the index just read.
    let sum = index_checksum(repo);
    if Stat::of(&index_file) != Some(before) {
        return Ok(None);
    }
    if index.has_conflicts() {
        return Ok(None);
    }
    let head = match repo.head() {
        Ok(head) => head.peel_to_commit()?,
        Err(error) if error.code() == git2::ErrorCode::UnbornBranch => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    trust_own_objects();
    // As the commit that made HEAD noted it; otherwise from the index's cache of trees when
    // it is whole (as git's own commit leaves it), or written from its entries, and then
    // noted for the commit to come.
    if !sum.is_some_and(|sum| noted(repo, sum, head.id())) {
        if index.write_tree()? != head.tree_id() {
            return Ok(None);
        }
        if let Some(sum) = sum {
            note(repo, sum, head.id());
        }
    }
    Ok(Some((index, before.modified())))
}

/// Whether the file `name` of the folder `fd` is as the index `entry` noted it, in an index
/// `written` then: a plain file with the same `lstat` (the index keeps 32 bits of each
/// number), and, when it changed in the clock tick the index was written in, the same
/// content ("racily clean": it may have changed again unseen; judged by its content as git
/// does, the file just saved when its commit came within the same tick).
fn as_noted(fd: &rustix::fd::OwnedFd, name: &str, entry: &git2::IndexEntry, written: Time) -> bool {
    // Assumed unchanged (0x8000), added with intent only or kept out of the working copy
    // (extended flags): vmsaudit sets none, and a status is the one to judge them.
    const ASSUME_VALID: u16 = 0x8000;
    const INTENT_OR_SKIP: u16 = 0x2000 | 0x4000;
    if entry.flags & ASSUME_VALID != 0 || entry.flags_extended & INTENT_OR_SKIP != 0 {
        return false;
    }
    let executable = match entry.mode {
        0o100644 => false,
        0o100755 => true,
        _ => return false,
    };
    let Ok(stat) = rustix::fs::statat(fd, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW) else {
        return false;
    };
    let mtime = (stat.st_mtime, stat.st_mtime_nsec as i64);
    let ctime = (stat.st_ctime, stat.st_ctime_nsec as i64);
    let same_stat = rustix::fs::FileType::from_raw_mode(stat.st_mode)
        == rustix::fs::FileType::RegularFile
        && stat.st_size as u32 == entry.file_size
        && stat.st_ino as u32 == entry.ino
        && mtime.0 as i32 == entry.mtime.seconds()
        && mtime.1 as u32 == entry.mtime.nanoseconds()
        && ctime.0 as i32 == entry.ctime.seconds()
        && ctime.1 as u32 == entry.ctime.nanoseconds()
        && (stat.st_mode & 0o100 != 0) == executable;
    let racy = mtime >= written || ctime >= written;
    same_stat && (!racy || same_blob(fd, name, entry.id))
}

/// Whether the file `name` of the folder `fd` holds the blob `id`.
fn same_blob(fd: &rustix::fd::OwnedFd, name: &str, id: git2::Oid) -> bool {
    use std::io::Read;
    let flags =
        rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::CLOEXEC;
    let Ok(file) = rustix::fs::openat(fd, name, flags, rustix::fs::Mode::empty()) else {
        return false;
    };
    let mut bytes = Vec::new();
    std::fs::File::from(file).read_to_end(&mut bytes).is_ok()
        && git2::Oid::hash_object(git2::ObjectType::Blob, &bytes).is_ok_and(|read| read == id)
}

/// What differs between the working copy and the index, and, where a killed `audit close`
/// may have staged files (its reports and `engagement.yaml`), between the index and HEAD:
/// taken under the engagement's lock and shared by everything that recovers from an
/// interrupted command.
pub struct WorkingChanges(Vec<(String, git2::Status)>);

/// Where a killed `audit close` may have left files staged and not committed. Elsewhere,
/// what is staged and not committed goes with the next commit, which is written from the
/// whole index: only the working copy against the index needs looking at.
const STAGED_BY_CLOSE: [&str; 2] = ["reports/", super::ENGAGEMENT_FILE];

/// The [`WorkingChanges`] of the working copy now. Paths that are not UTF-8 are left out:
/// vmsaudit writes none.
pub fn working_changes(repo: &Repository) -> Result<WorkingChanges> {
    // The status below writes the index: a lock file a killed commit left would make it
    // fail, and every command after it, until removed by hand.
    clear_stale_git_locks(repo);
    // The working copy against the index, everywhere. HEAD against the index everywhere
    // would read every tree of HEAD (a thousand on a large engagement) at every command.
    let mut changes = statuses(repo, git2::StatusShow::Workdir, None)?;
    let ignored = ignored_records(repo, changes.iter().map(|(path, _)| path.as_str()))?;
    changes.extend(ignored.into_iter().map(|path| (path, git2::Status::WT_NEW)));
    for path in STAGED_BY_CLOSE {
        for (path, status) in statuses(repo, git2::StatusShow::IndexAndWorkdir, Some(path))? {
            match changes.iter_mut().find(|(known, _)| *known == path) {
                Some((_, known)) => *known |= status,
                None => changes.push((path, status)),
            }
        }
    }
    Ok(WorkingChanges(changes))
}

/// One status of the working copy, of what `show` compares, below `prefix` or everywhere.
fn statuses(
    repo: &Repository,
    show: git2::StatusShow,
    prefix: Option<&str>,
) -> Result<Vec<(String, git2::Status)>> {
    let mut options = git2::StatusOptions::new();
    options
        .show(show)
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        // Files written in the second the index was written are "racily clean": the index
        // keeps no size for them, and every status hashes them again (with the attribute
        // files of their folders) until it is refreshed. Refreshed here, under the lock, as
        // `git status` does, so that each command does not hash hundreds of files; not in
        // the middle of a merge, whose index git itself is working on.
        .update_index(prefix.is_none() && !operation_in_progress(repo));
    if let Some(prefix) = prefix {
        options.pathspec(prefix);
    }
    let statuses = repo.statuses(Some(&mut options))?;
    Ok(statuses
        .iter()
        .filter_map(|entry| Some((entry.path().ok()?.to_owned(), entry.status())))
        .collect())
}

/// In the middle of a merge (a `vmsaudit sync` stopped on a conflict), the index holds the
/// merge's results: a commit now would drop the other side. Every change waits until git
/// finishes the merge.
pub fn refuse_operation_in_progress(repo: &Repository) -> Result<()> {
    if operation_in_progress(repo) {
        return Err(Error::said(
            Wrong::Blocked(Blocked::GitBusy(Act::Save)),
            Fix::Unblock(Unblock::FinishOrAbortGit),
        ));
    }
    Ok(())
}

/// Finishes what a command killed in the middle of a change left behind, under the
/// engagement's lock, from the working copy's `changes`: removes its temporary files, and
/// commits the records it wrote but did not commit (or that were edited by hand and load),
/// in a commit of their own that names them, so the next change's commit says only what
/// that change did.
pub fn recover(repo: &Repository, changes: &WorkingChanges) -> Result<Option<git2::Oid>> {
    let Some(root) = repo.workdir() else {
        return Ok(None);
    };
    refuse_operation_in_progress(repo)?;
    clear_stale_git_locks(repo);
    remove_stale_temporary_objects(repo);
    let mut leftovers = Vec::new();
    for (path, status) in &changes.0 {
        if crate::files::is_temporary(path) {
            // A temporary file of an interrupted atomic write: never a record.
            let _ = std::fs::remove_file(root.join(path));
            continue;
        }
        let changed = status.intersects(
            git2::Status::WT_NEW | git2::Status::WT_MODIFIED | git2::Status::WT_DELETED,
        );
        if changed && is_record(path) {
            leftovers.push(path.to_owned());
        }
    }
    // What is staged goes with the commit as well (it is made from the whole index): named
    // with the rest, so that the history says it.
    for path in staged(repo)? {
        if !leftovers.contains(&path) {
            leftovers.push(path);
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

/// The paths whose index entries differ from HEAD's: what the next commit takes along.
fn staged(repo: &Repository) -> Result<Vec<String>> {
    let head = match repo.head() {
        Ok(head) => Some(head.peel_to_tree()?),
        Err(error) if error.code() == git2::ErrorCode::UnbornBranch => None,
        Err(error) => return Err(error.into()),
    };
    let index = repo.index()?;
    let diff = repo.diff_tree_to_index(head.as_ref(), Some(&index), None)?;
    Ok(diff
        .deltas()
        .filter_map(|delta| delta.new_file().path().or_else(|| delta.old_file().path()))
        .map(|path| path.to_string_lossy().into_owned())
        .collect())
}

// ---------------------------------------------------------------------------------------
// Reading past states: a commit's files, straight from git objects. Nothing here checks out
// anything or touches the working copy.

/// The files of one commit, read from git objects.
///
/// Folders are looked up once: libgit2 keeps only small trees in its object cache, so
/// reading `answers/<ID>.yaml` through the commit's tree inflated the 2,000-entry `answers`
/// tree again for every answer (seconds for one round's state).
pub struct TreeFiles<'r> {
    repo: &'r Repository,
    tree: git2::Tree<'r>,
    /// The folders read so far, by path (`None`: the commit has no such folder).
    folders: std::cell::RefCell<std::collections::HashMap<String, Option<git2::Tree<'r>>>>,
}

impl<'r> TreeFiles<'r> {
    pub fn of(repo: &'r Repository, commit: git2::Oid) -> Result<TreeFiles<'r>> {
        let tree = repo.find_commit(commit)?.tree()?;
        Ok(TreeFiles {
            repo,
            tree,
            folders: Default::default(),
        })
    }

    /// The repository's own folder (`.git`).
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// The folder `dir` of the commit (a path with `/`), read once.
    fn folder(&self, dir: &str) -> Result<Option<git2::Tree<'r>>> {
        if let Some(known) = self.folders.borrow().get(dir) {
            return Ok(known.clone());
        }
        let found = match self.tree.get_path(Path::new(dir)) {
            Ok(entry) if entry.kind() == Some(git2::ObjectType::Tree) => {
                Some(self.repo.find_tree(entry.id())?)
            }
            Ok(_) => None,
            Err(error) if error.code() == git2::ErrorCode::NotFound => None,
            Err(error) => return Err(error.into()),
        };
        self.folders
            .borrow_mut()
            .insert(dir.to_owned(), found.clone());
        Ok(found)
    }

    /// The content of `relative` (at most `limit` + 1 bytes, so that the caller can tell a
    /// file too large), or `None` when the commit has no such file.
    pub fn read(&self, relative: &str, limit: u64) -> Result<Option<Vec<u8>>> {
        let (entry_id, kind) = match relative.rsplit_once('/') {
            Some((dir, name)) => {
                let Some(folder) = self.folder(dir)? else {
                    return Ok(None);
                };
                match folder.get_name(name) {
                    Some(entry) => (entry.id(), entry.kind()),
                    None => return Ok(None),
                }
            }
            None => match self.tree.get_name(relative) {
                Some(entry) => (entry.id(), entry.kind()),
                None => return Ok(None),
            },
        };
        if kind != Some(git2::ObjectType::Blob) {
            return Ok(None);
        }
        read_blob(self.repo, entry_id, limit, relative).map(Some)
    }

    /// The names of the files (not folders) directly in `dir`, sorted; none when the commit
    /// has no such folder.
    pub fn list(&self, dir: &str) -> Result<Vec<String>> {
        let Some(tree) = self.folder(dir)? else {
            return Ok(Vec::new());
        };
        let mut names: Vec<String> = Vec::new();
        for item in tree.iter() {
            // A folder named as a record, which a checkout would write as a folder where
            // every command reads a record.
            if item.kind() == Some(git2::ObjectType::Tree) && item.name_bytes().ends_with(b".yaml")
            {
                let at = crate::error::Position::file(format!(
                    "{dir}/{}",
                    String::from_utf8_lossy(item.name_bytes())
                ));
                let flaw = crate::error::FileFlaw::NotRegular(crate::messages::FileKind::Folder);
                return Err(Error::at(at, flaw));
            }
            if item.kind() != Some(git2::ObjectType::Blob) {
                continue;
            }
            match item.name() {
                Ok(name) => names.push(name.to_owned()),
                // Skipped, the file would be in the history but in no command's view.
                Err(_) => {
                    let at = crate::error::Position::file(format!(
                        "{dir}/{}",
                        String::from_utf8_lossy(item.name_bytes())
                    ));
                    return Err(Error::at(at, crate::error::FileFlaw::NameNotText(None)));
                }
            }
        }
        names.sort();
        Ok(names)
    }
}

/// The content of the blob `id` (the file `relative`), refused unread when it is larger than
/// `limit`: a co-auditor's commit can hold a blob of gigabytes that compresses to a small
/// push, and reading it whole would take as much memory.
pub fn read_blob(repo: &Repository, id: git2::Oid, limit: u64, relative: &str) -> Result<Vec<u8>> {
    let (size, _) = repo.odb()?.read_header(id)?;
    if size as u64 > limit {
        return Err(crate::files::too_big(relative, limit));
    }
    Ok(repo.find_blob(id)?.content().to_vec())
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

fn signature(who: &Auditor, at: Timestamp) -> Result<Signature<'static>> {
    // A record may name an auditor by name alone; a commit cannot be made without an email.
    if who.email.trim().is_empty() {
        return Err(Setting::NoEmail(who.name.clone()).into());
    }
    let offset = crate::clock::local_zone().to_offset(at).seconds() / 60;
    let time = git2::Time::new(at.as_second(), offset);
    Ok(Signature::new(&who.name, &who.email, &time)?)
}

// ---------------------------------------------------------------------------------------
// Audit rounds: annotated tags `audit/<label>`.

/// The namespace of the tags that mark closed audit rounds.
pub const ROUND_TAGS: &str = "refs/tags/audit/";

/// A closed audit round, as its tag records it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundTag {
    pub label: String,
    /// The commit the round was closed on.
    pub commit: git2::Oid,
    /// When it was closed (the tagger's date; the commit's for a lightweight tag).
    pub closed_at: Timestamp,
    pub closed_by: Auditor,
    pub message: String,
}

/// Whether git accepts `refs/tags/audit/<label>` as a reference name.
pub fn valid_round_ref(label: &str) -> bool {
    git2::Reference::is_valid_name(&format!("{ROUND_TAGS}{label}"))
}

/// Every closed round, oldest first (by closing date, then label).
pub fn round_tags(repo: &Repository) -> Result<Vec<RoundTag>> {
    let mut rounds = Vec::new();
    for reference in repo.references_glob(&format!("{ROUND_TAGS}*"))? {
        let reference = reference?;
        let Ok(name) = reference.name() else {
            continue;
        };
        let label = name.trim_start_matches(ROUND_TAGS).to_owned();
        // A tag made by hand on a blob or a tree names no round: left out, rather than
        // failing every command that lists the rounds.
        let Ok(commit) = reference.peel_to_commit() else {
            continue;
        };
        let round = match reference.peel_to_tag() {
            Ok(tag) => {
                let (closed_at, closed_by) = match tag.tagger() {
                    Some(tagger) => (when(&tagger.when()), person(&tagger)),
                    None => (when(&commit.time()), person(&commit.author())),
                };
                RoundTag {
                    label,
                    commit: commit.id(),
                    closed_at,
                    closed_by,
                    message: String::from_utf8_lossy(tag.message_bytes().unwrap_or_default())
                        .into_owned(),
                }
            }
            // A lightweight tag made by hand: the commit says when and by whom.
            Err(_) => RoundTag {
                label,
                commit: commit.id(),
                closed_at: when(&commit.time()),
                closed_by: person(&commit.author()),
                message: String::new(),
            },
        };
        rounds.push(round);
    }
    rounds.sort_by(|a, b| {
        a.closed_at
            .cmp(&b.closed_at)
            .then_with(|| a.label.cmp(&b.label))
    });
    Ok(rounds)
}

/// Creates the annotated tag `audit/<label>` on `commit`, refusing to move an existing one.
pub fn tag_round(
    repo: &Repository,
    label: &str,
    commit: git2::Oid,
    message: &str,
    who: &Auditor,
    at: Timestamp,
) -> Result<git2::Oid> {
    let target = repo.find_object(commit, Some(git2::ObjectType::Commit))?;
    let name = format!("audit/{label}");
    // A kill while the tag was written leaves its lock file, which would refuse the tag at
    // every later try. Tags are made under the engagement's lock, as commits are (see
    // `clear_stale_git_locks`): one found here is stale. The label is checked: a plain name.
    let _ = std::fs::remove_file(repo.path().join(format!("refs/tags/{name}.lock")));
    Ok(repo.tag(&name, &target, &signature(who, at)?, message, false)?)
}

// ---------------------------------------------------------------------------------------
// The working copy's state.

/// Files of the working copy that differ from the last commit: changed, staged, deleted or
/// untracked (ignored ones aside, unless the recovery looks at them: [`ignored_records`]),
/// each with whether it is untracked.
pub fn uncommitted(repo: &Repository) -> Result<Vec<(String, bool)>> {
    let mut options = git2::StatusOptions::new();
    options
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .exclude_submodules(true);
    let statuses = repo.statuses(Some(&mut options))?;
    let mut changed: Vec<(String, bool)> = statuses
        .iter()
        .filter(|entry| !entry.status().is_ignored())
        .map(|entry| {
            (
                String::from_utf8_lossy(entry.path_bytes()).into_owned(),
                entry.status() == git2::Status::WT_NEW,
            )
        })
        .collect();
    let ignored = ignored_records(repo, changed.iter().map(|(path, _)| path.as_str()))?;
    changed.extend(ignored.into_iter().map(|path| (path, true)));
    Ok(changed)
}

/// Whether a merge (or another multi-step git command) is in progress in the clone.
pub fn operation_in_progress(repo: &Repository) -> bool {
    repo.state() != git2::RepositoryState::Clean
}

// ---------------------------------------------------------------------------------------
// The history of one file.

/// One version of a file, as a commit left it.
#[derive(Debug)]
pub struct FileVersion {
    pub commit: git2::Oid,
    pub author: Auditor,
    pub at: Timestamp,
    pub summary: String,
    /// The file's content (refused when too large to read), or `None` when this commit
    /// removed it.
    pub content: Option<Result<Vec<u8>>>,
}

/// A commit and the paths of the files it changed.
pub type CommitChanges = (git2::Oid, Vec<String>);

/// The commits reachable from `head` and not from `since`, oldest first (parents before
/// children, then by time), each with the paths of the files it changed: those that differ
/// from every parent (a merge that took a file from one side did not change it). Also
/// whether any of them is a merge.
pub fn changed_paths(
    repo: &Repository,
    head: git2::Oid,
    since: Option<git2::Oid>,
) -> Result<(Vec<CommitChanges>, bool)> {
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    if let Some(since) = since {
        walk.hide(since)?;
    }
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME | git2::Sort::REVERSE)?;
    let mut trees = Trees {
        repo,
        known: std::collections::HashMap::new(),
    };
    let mut commits = Vec::new();
    let mut merges = false;
    for oid in walk {
        let oid = oid?;
        let commit = repo.find_commit(oid)?;
        let tree = commit.tree_id();
        let parents: Vec<git2::Oid> = commit.parent_ids().collect();
        merges |= parents.len() > 1;
        let mut changed = Vec::new();
        match parents.split_first() {
            None => trees.diff(None, Some(tree), "", &mut changed)?,
            Some((first, others)) => {
                let first = repo.find_commit(*first)?.tree_id();
                trees.diff(Some(first), Some(tree), "", &mut changed)?;
                for other in others {
                    let other = repo.find_commit(*other)?.tree_id();
                    let mut against = Vec::new();
                    trees.diff(Some(other), Some(tree), "", &mut against)?;
                    changed.retain(|path| against.contains(path));
                }
            }
        }
        commits.push((oid, changed));
    }
    Ok((commits, merges))
}

/// Trees read while comparing commits, kept by id: a commit's folders are most often its
/// parent's, and the parent was the commit before in the walk. (libgit2's own tree diff
/// reads both sides' folders again for every pair of commits, and libgit2 caches no large
/// tree: the 2,000-entry `answers` folder inflated twice per commit, as the per-file walk
/// this replaced did in 5.3 s.)
struct Trees<'r> {
    repo: &'r Repository,
    known: std::collections::HashMap<git2::Oid, git2::Tree<'r>>,
}

impl<'r> Trees<'r> {
    fn get(&mut self, id: git2::Oid) -> Result<git2::Tree<'r>> {
        if let Some(tree) = self.known.get(&id) {
            return Ok(tree.clone());
        }
        // A handful of trees are alive at a time in a walk; the rest may go.
        if self.known.len() > 64 {
            self.known.clear();
        }
        let tree = self.repo.find_tree(id)?;
        self.known.insert(id, tree.clone());
        Ok(tree)
    }

    /// Appends to `out` the paths of the files that differ between the trees `before` and
    /// `after` (`None`: no such folder), under `prefix`.
    fn diff(
        &mut self,
        before: Option<git2::Oid>,
        after: Option<git2::Oid>,
        prefix: &str,
        out: &mut Vec<String>,
    ) -> Result<()> {
        if before == after {
            return Ok(());
        }
        let before = before.map(|id| self.get(id)).transpose()?;
        let after = after.map(|id| self.get(id)).transpose()?;
        let mut old = before.iter().flat_map(git2::Tree::iter).peekable();
        let mut new = after.iter().flat_map(git2::Tree::iter).peekable();
        loop {
            let order = match (old.peek(), new.peek()) {
                (None, None) => break,
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(a), Some(b)) => git_order(a, b),
            };
            let (a, b) = match order {
                std::cmp::Ordering::Less => (old.next(), None),
                std::cmp::Ordering::Greater => (None, new.next()),
                std::cmp::Ordering::Equal => (old.next(), new.next()),
            };
            let entry = match (&a, &b) {
                // The same object under the same name: nothing changed below it.
                (Some(old), Some(new)) if old.id() == new.id() && old.kind() == new.kind() => {
                    continue;
                }
                (_, Some(entry)) | (Some(entry), None) => entry,
                (None, None) => break,
            };
            let name = String::from_utf8_lossy(entry.name_bytes());
            let path = if prefix.is_empty() {
                name.into_owned()
            } else {
                format!("{prefix}/{name}")
            };
            let is_tree = |entry: &Option<git2::TreeEntry>| {
                entry
                    .as_ref()
                    .filter(|entry| entry.kind() == Some(git2::ObjectType::Tree))
                    .map(git2::TreeEntry::id)
            };
            let is_file = |entry: &Option<git2::TreeEntry>| {
                entry
                    .as_ref()
                    .filter(|entry| entry.kind() != Some(git2::ObjectType::Tree))
                    .map(git2::TreeEntry::id)
            };
            let (old_tree, new_tree) = (is_tree(&a), is_tree(&b));
            if old_tree.is_some() || new_tree.is_some() {
                self.diff(old_tree, new_tree, &path, out)?;
            }
            let (old_file, new_file) = (is_file(&a), is_file(&b));
            if old_file != new_file {
                out.push(path);
            }
        }
        Ok(())
    }
}

/// git's order of tree entries: by name, a folder's name read with a `/` after it.
fn git_order(a: &git2::TreeEntry, b: &git2::TreeEntry) -> std::cmp::Ordering {
    let (left, right) = (a.name_bytes(), b.name_bytes());
    let common = left.len().min(right.len());
    left[..common].cmp(&right[..common]).then_with(|| {
        // Names hold neither `/` nor NUL: past the common part, the ends decide.
        let end = |entry: &git2::TreeEntry, name: &[u8]| {
            name.get(common)
                .copied()
                .unwrap_or(if entry.kind() == Some(git2::ObjectType::Tree) {
                    b'/'
                } else {
                    0
                })
        };
        end(a, left).cmp(&end(b, right))
    })
}

/// The versions of `relative` left by `commits` (as [`changed_paths`] lists them for it),
/// with who made each and when.
pub fn versions_at(
    repo: &Repository,
    relative: &str,
    commits: &[git2::Oid],
) -> Result<Vec<FileVersion>> {
    let path = Path::new(relative);
    commits
        .iter()
        .map(|id| {
            let commit = repo.find_commit(*id)?;
            let content = match commit.tree()?.get_path(path) {
                Ok(entry) if entry.kind() == Some(git2::ObjectType::Blob) => Some(read_blob(
                    repo,
                    entry.id(),
                    crate::files::MAX_RECORD_BYTES,
                    relative,
                )),
                Ok(_) => None,
                Err(error) if error.code() == git2::ErrorCode::NotFound => None,
                Err(error) => return Err(error.into()),
            };
            Ok(FileVersion {
                commit: commit.id(),
                author: person(&commit.author()),
                at: when(&commit.time()),
                summary: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default())
                    .into_owned(),
                content,
            })
        })
        .collect()
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

/// The ids of the files and folders `paths` in the tree of `commit`, as one text (`-` for
/// one it lacks): two commits with the same text have those files alike.
pub fn ids_in(repo: &Repository, commit: git2::Oid, paths: &[&str]) -> Result<String> {
    let tree = repo.find_commit(commit)?.tree()?;
    Ok(paths
        .iter()
        .map(|path| match tree.get_path(Path::new(path)) {
            Ok(entry) => format!("{path}={}", entry.id()),
            Err(_) => format!("{path}=-"),
        })
        .collect::<Vec<_>>()
        .join(" "))
}

// ---------------------------------------------------------------------------------------
// Several auditors: fetch, merge and push with the engagement's remote. Local paths (a bare
// repository on the jump host or a file server) go through git2; other URLs (`ssh://`,
// `host:path`) through the system's `git`, which has the user's ssh keys and config.

/// How a remote is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// A folder on this machine (or a mounted file server), through git2.
    Local(std::path::PathBuf),
    /// Anything else, through the system's `git` command.
    System,
}

/// The remote `name` (default: `origin`, or the only remote there is) and its URL.
pub fn remote(repo: &Repository, name: Option<&str>) -> Result<Option<(String, String)>> {
    let names = remote_names(repo)?;
    let chosen = match name {
        Some(name) => Some(name.to_owned()),
        None if names.iter().any(|known| known == "origin") => Some("origin".to_owned()),
        None if names.len() == 1 => names.first().cloned(),
        None => None,
    };
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    // The name goes on the system git's command line: `--upload-pack=./evil.sh` as a
    // remote's name would be an option there, running whatever it names.
    if chosen.starts_with('-') {
        return Err(Remote::Dash(chosen).into());
    }
    match repo.find_remote(&chosen) {
        Ok(remote) => Ok(remote
            .url()
            .ok()
            .map(|url| (chosen.clone(), url.to_owned()))),
        Err(error) if error.code() == git2::ErrorCode::NotFound => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// The names of the clone's remotes.
pub fn remote_names(repo: &Repository) -> Result<Vec<String>> {
    Ok(repo
        .remotes()?
        .iter()
        .filter_map(|name| name.ok().flatten().map(str::to_owned))
        .collect())
}

/// Local paths (absolute, relative to the clone's root, or `file://`) are reached through
/// git2; URLs with another scheme and scp-like `host:path` through the system's `git`.
pub fn transport(root: &Path, url: &str) -> Transport {
    if let Some(path) = url.strip_prefix("file://") {
        return Transport::Local(root.join(path));
    }
    if url.contains("://") {
        return Transport::System;
    }
    let before_slash = url.split('/').next().unwrap_or_default();
    if before_slash.contains(':') {
        return Transport::System;
    }
    Transport::Local(root.join(url))
}

/// Where this clone keeps the remote's audit tags while comparing them with its own.
fn fetched_tags(remote: &str) -> String {
    format!("refs/vmsaudit/{remote}/tags/audit/")
}

/// Removes the lock files a sync killed while it wrote references leaves behind (the
/// remote's branch, the audit tags set aside and those adopted, the packed references): each
/// would refuse every later sync, as "cannot read the remote". Syncs run under the
/// engagement's lock, as commits do (see [`clear_stale_git_locks`]): one found here is stale.
fn clear_stale_ref_locks(repo: &Repository, remote: &str) {
    let git = repo.path();
    let _ = std::fs::remove_file(git.join("packed-refs.lock"));
    remove_lock_files_below(&git.join(ROUND_TAGS));
    // A remote's name comes from the clone's configuration: only one git accepts in a
    // reference's name (no `..`) names a path below `.git`.
    if !git2::Reference::is_valid_name(&remote_branch(remote)) {
        return;
    }
    let _ = std::fs::remove_file(git.join(format!("{}.lock", remote_branch(remote))));
    remove_lock_files_below(&git.join(fetched_tags(remote)));
}

/// Removes the `*.lock` files in the folder of references `dir` and below: a remote's tag
/// names may hold folders (`audit/a/b`). No link is followed.
fn remove_lock_files_below(dir: &Path) {
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() && entry.file_name().as_encoded_bytes().ends_with(b".lock") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The remote's `main`, as last fetched.
pub fn remote_branch(remote: &str) -> String {
    format!("refs/remotes/{remote}/{BRANCH}")
}

/// Fetches the remote's `main` (into `refs/remotes/<remote>/main`) and its audit tags (set
/// aside, for [`fetched_round_tags`]); changes nothing else.
pub fn fetch(repo: &Repository, remote: &str, transport: &Transport) -> Result<()> {
    let refspecs = [
        format!("+refs/heads/{BRANCH}:{}", remote_branch(remote)),
        format!("+{ROUND_TAGS}*:{}*", fetched_tags(remote)),
    ];
    clear_stale_ref_locks(repo, remote);
    // The set-aside tags of an earlier fetch would hide a tag removed on the remote since.
    forget_fetched_tags(repo, remote)?;
    match transport {
        Transport::Local(path) => {
            let url = path.to_string_lossy();
            let mut anonymous = repo.remote_anonymous(&url)?;
            let mut options = git2::FetchOptions::new();
            options.download_tags(git2::AutotagOption::None);
            anonymous
                .fetch(&refspecs, Some(&mut options), None)
                .map_err(|error| unreachable_remote(url.as_ref(), &error))?;
            Ok(())
        }
        Transport::System => {
            // A new shared repository has no `main`, and `git fetch` fails on a refspec
            // whose source is missing (git2 skips it): ask first.
            let heads = system_git(
                repo,
                &[
                    "ls-remote".to_owned(),
                    "--heads".to_owned(),
                    "--".to_owned(),
                    remote.to_owned(),
                    format!("refs/heads/{BRANCH}"),
                ],
            )?;
            let [branch, tags] = refspecs;
            let mut args = vec![
                "fetch".to_owned(),
                "--no-tags".to_owned(),
                // Whatever follows is a remote and refspecs, never an option.
                "--".to_owned(),
                remote.to_owned(),
            ];
            if !heads.trim().is_empty() {
                args.push(branch);
            }
            args.push(tags);
            system_git(repo, &args).map(|_| ())
        }
    }
}

fn unreachable_remote(url: &str, error: &git2::Error) -> Error {
    Error::from(Remote::Unreadable {
        url: url.to_owned(),
        detail: error.message().to_owned(),
    })
}

/// Runs the system's `git` in the clone; its error output becomes the error.
fn system_git(repo: &Repository, args: &[String]) -> Result<String> {
    let root = repo.workdir().unwrap_or_else(|| repo.path());
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|error| Error::io("git (the command)", error))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(Error::Git(git2::Error::from_str(&format!(
            "`git {}` failed: {}",
            args.first().map(String::as_str).unwrap_or_default(),
            crate::text::one_line(stderr.trim())
        ))))
    }
}

/// The audit tags the last fetch found on `remote`: label and the tag object (or commit).
pub fn fetched_round_tags(repo: &Repository, remote: &str) -> Result<Vec<(String, git2::Oid)>> {
    let prefix = fetched_tags(remote);
    let mut tags = Vec::new();
    for reference in repo.references_glob(&format!("{prefix}*"))? {
        let reference = reference?;
        if let (Ok(name), Some(target)) = (reference.name(), reference.target()) {
            tags.push((name.trim_start_matches(prefix.as_str()).to_owned(), target));
        }
    }
    tags.sort();
    Ok(tags)
}

/// Removes the remote's audit tags set aside by [`fetch`], once compared.
pub fn forget_fetched_tags(repo: &Repository, remote: &str) -> Result<()> {
    for reference in repo.references_glob(&format!("{}*", fetched_tags(remote)))? {
        reference?.delete()?;
    }
    Ok(())
}

/// This clone's audit tags: label and the tag object (or commit).
pub fn local_round_tags(repo: &Repository) -> Result<Vec<(String, git2::Oid)>> {
    let mut tags = Vec::new();
    for reference in repo.references_glob(&format!("{ROUND_TAGS}*"))? {
        let reference = reference?;
        if let (Ok(name), Some(target)) = (reference.name(), reference.target()) {
            tags.push((name.trim_start_matches(ROUND_TAGS).to_owned(), target));
        }
    }
    tags.sort();
    Ok(tags)
}

/// Adds the audit tag `label`, as fetched, to this clone.
pub fn adopt_round_tag(repo: &Repository, label: &str, target: git2::Oid) -> Result<()> {
    repo.reference(
        &format!("{ROUND_TAGS}{label}"),
        target,
        false,
        "vmsaudit sync: round closed in another clone",
    )?;
    Ok(())
}

/// Puts the remote's tag `label` (`target`) in place of this clone's, on the same commit:
/// a tag made here by the recovery of a close that arrived without its tag (a plain
/// `git pull`), where the remote holds the one its close made.
pub fn replace_round_tag(repo: &Repository, label: &str, target: git2::Oid) -> Result<()> {
    repo.reference(
        &format!("{ROUND_TAGS}{label}"),
        target,
        true,
        "vmsaudit sync: the tag of the clone that closed the round",
    )?;
    Ok(())
}

/// The commit `target` (a commit, or a tag object) stands for, if any.
pub fn peeled_commit(repo: &Repository, target: git2::Oid) -> Option<git2::Oid> {
    repo.find_object(target, None)
        .and_then(|object| object.peel_to_commit())
        .ok()
        .map(|commit| commit.id())
}

/// The commit a reference points at, if it exists.
pub fn ref_commit(repo: &Repository, name: &str) -> Result<Option<git2::Oid>> {
    match repo.find_reference(name) {
        Ok(reference) => Ok(Some(reference.peel_to_commit()?.id())),
        Err(error) if error.code() == git2::ErrorCode::NotFound => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// How a merge of the remote's `main` went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merge {
    /// This clone already has every commit of the remote.
    UpToDate,
    /// This clone had no commit of its own: it moved to the remote's.
    FastForward,
    /// The merge is in the index and the working copy, ready to commit.
    Ready,
    /// The same records changed on both sides: the merge is left in progress, with
    /// conflict markers in these files, for plain git to finish.
    Conflicts(Vec<String>),
}

/// Merges the commit `theirs` (the remote's `main`, named `their_label` in conflict
/// markers) into the working copy, which must be clean.
pub fn merge(repo: &Repository, theirs: git2::Oid, their_label: &str) -> Result<Merge> {
    let annotated = repo.find_annotated_commit(theirs)?;
    let (analysis, _) = repo.merge_analysis(&[&annotated])?;
    if analysis.is_up_to_date() {
        return Ok(Merge::UpToDate);
    }
    let their_tree = repo.find_commit(theirs)?.tree()?;
    refuse_unsafe_tree(&their_tree)?;
    let head_tree = match repo.head() {
        Ok(head) => Some(head.peel_to_tree()?),
        Err(error) if error.code() == git2::ErrorCode::UnbornBranch => None,
        Err(error) => return Err(error.into()),
    };
    refuse_checkout_attributes(repo, &their_tree, head_tree.as_ref())?;
    refuse_large_blobs(repo, head_tree.as_ref(), &their_tree)?;
    let created = paths_to_create(repo, &their_tree)?;
    let head = repo.head()?.peel_to_commit()?.id();
    if analysis.is_fast_forward() {
        write_sync_marker(repo, head, theirs)?;
        let target = repo.find_object(theirs, None)?;
        // An ignored file of the auditor's (evidence kept out of git) is not overwritten by
        // a co-auditor's file of the same path: the checkout stops, and is undone.
        let in_the_way = std::cell::RefCell::new(None);
        let mut safe = git2::build::CheckoutBuilder::new();
        safe.safe().overwrite_ignored(false);
        note_conflict(&mut safe, &in_the_way);
        if let Err(error) = repo.checkout_tree(&target, Some(&mut safe)) {
            drop(safe);
            undo_checkout(repo, &created);
            return Err(in_the_way
                .into_inner()
                .map_or(error.into(), file_in_the_way));
        }
        repo.find_reference(&format!("refs/heads/{BRANCH}"))?
            .set_target(
                theirs,
                &format!("vmsaudit sync: fast-forward to {their_label}"),
            )?;
        remove_sync_marker(repo);
        return Ok(Merge::FastForward);
    }
    let head = repo.head()?.peel_to_commit()?;
    let their_commit = repo.find_commit(theirs)?;
    // As `git merge` refuses: two histories that share no commit are two engagements (or
    // one whose history was rewritten), and joining them would take the other's records as
    // this one's without a word.
    match repo.merge_base(head.id(), theirs) {
        Err(error) if error.code() == git2::ErrorCode::NotFound => {
            return Err(Error::from(Remote::Unrelated));
        }
        other => {
            other?;
        }
    }
    for tree in [head.tree()?, their_commit.tree()?] {
        refuse_merge_attributes(repo, &tree)?;
    }
    write_sync_marker(repo, head.id(), theirs)?;
    let in_the_way = std::cell::RefCell::new(None);
    let mut checkout = git2::build::CheckoutBuilder::new();
    note_conflict(&mut checkout, &in_the_way);
    checkout
        .safe()
        .overwrite_ignored(false)
        .allow_conflicts(true)
        .conflict_style_merge(true)
        .our_label("HEAD (this clone)")
        .their_label(their_label);
    if let Err(error) = repo.merge(&[&annotated], None, Some(&mut checkout)) {
        drop(checkout);
        undo_checkout(repo, &created);
        return Err(in_the_way
            .into_inner()
            .map_or(error.into(), file_in_the_way));
    }
    let mut index = repo.index()?;
    if !index.has_conflicts() {
        // Each side may be sound and their union not: `Photo.jpg` here, `photo.jpg` there,
        // which no other clone on a file system that ignores case could then take.
        let merged = repo.find_tree(index.write_tree()?)?;
        if let Err(error) = refuse_unsafe_tree(&merged) {
            drop(index);
            undo_checkout(repo, &created);
            return Err(error);
        }
        return Ok(Merge::Ready);
    }
    let mut paths = Vec::new();
    for conflict in index.conflicts()? {
        let conflict = conflict?;
        let entry = conflict.our.or(conflict.their).or(conflict.ancestor);
        if let Some(entry) = entry {
            paths.push(String::from_utf8_lossy(&entry.path).into_owned());
        }
    }
    paths.sort();
    paths.dedup();
    Ok(Merge::Conflicts(paths))
}

/// Refuses what in a co-auditor's `tree` could not be written here as a file of the
/// engagement: a name longer than a file system allows, a link, a submodule, two entries of
/// one name (as a file system that ignores case reads them: on macOS or Windows `REPORTS/`
/// is written into `reports/`), `.git` however spelled (`.GIT`, `.git.`, `git~1`). Checked
/// before any file is written: libgit2 would stop its checkout
/// half-way through, leaving the other side's files that the next command would take for
/// work of this clone's auditor left behind, and commit as theirs.
fn refuse_unsafe_tree(tree: &git2::Tree) -> Result<()> {
    // The longest name Linux, macOS and Windows file systems all take, in bytes.
    const NAME_MAX: usize = 255;
    let mut found: Option<(String, IncomingFlaw)> = None;
    let mut seen_in: std::collections::HashSet<(String, String)> = Default::default();
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        let name = entry.name_bytes();
        let path = format!("{dir}{}", String::from_utf8_lossy(name));
        let folded = String::from_utf8_lossy(name).to_lowercase();
        // What Windows makes of a name: trailing dots and spaces dropped.
        let as_windows = folded.trim_end_matches(['.', ' ']);
        let flaw = if name.len() > NAME_MAX {
            Some(IncomingFlaw::NameTooLong(NAME_MAX))
        } else if matches!(as_windows, ".git" | "git~1" | "." | "..") || name == b"." {
            Some(IncomingFlaw::Reserved)
        } else if entry.filemode() == 0o120000 {
            Some(IncomingFlaw::Link)
        } else if entry.kind() == Some(git2::ObjectType::Commit) {
            Some(IncomingFlaw::Submodule)
        } else if !seen_in.insert((dir.to_lowercase(), folded.clone())) {
            Some(IncomingFlaw::Twice)
        } else {
            None
        };
        match flaw {
            Some(flaw) => {
                found = Some((path, flaw));
                git2::TreeWalkResult::Abort
            }
            None => git2::TreeWalkResult::Ok,
        }
    })
    .or_else(|error| match found {
        Some(_) => Ok(()),
        None => Err(error),
    })?;
    match found {
        Some((path, flaw)) => Err(Error::at(
            crate::error::Position::file(path),
            Remote::Unsafe(flaw),
        )),
        None => Ok(()),
    }
}

/// The largest file a sync writes from the remote's commits: libgit2's checkout reads each
/// file whole into memory (a 2 GB blob, which a push of 2 MB can carry, cost 2 GB). git's
/// own `core.bigFileThreshold`, past which git itself streams.
pub const MAX_INCOMING_BLOB_BYTES: u64 = 512 * 1024 * 1024;

/// Refuses, before anything is written, a file of the remote's `theirs` that HEAD lacks (or
/// has otherwise) larger than [`MAX_INCOMING_BLOB_BYTES`]: measured from the object
/// database's header, never read.
fn refuse_large_blobs(
    repo: &Repository,
    head: Option<&git2::Tree>,
    theirs: &git2::Tree,
) -> Result<()> {
    let diff = repo.diff_tree_to_tree(head, Some(theirs), None)?;
    let odb = repo.odb()?;
    for delta in diff.deltas() {
        let file = delta.new_file();
        if file.id().is_zero() || file.mode() == git2::FileMode::Commit {
            continue;
        }
        let (size, _) = odb.read_header(file.id())?;
        if size as u64 > MAX_INCOMING_BLOB_BYTES {
            let path = file
                .path()
                .map_or_else(String::new, |path| path.to_string_lossy().into_owned());
            let flaw = IncomingFlaw::TooLarge(MAX_INCOMING_BLOB_BYTES / (1024 * 1024));
            return Err(Error::at(
                crate::error::Position::file(path),
                Remote::Unsafe(flaw),
            ));
        }
    }
    Ok(())
}

/// Notes in `found` the first file of this clone (not committed, or ignored) that a
/// checkout would have to overwrite: libgit2 then stops before writing anything, saying
/// only how many.
fn note_conflict<'a>(
    checkout: &mut git2::build::CheckoutBuilder<'a>,
    found: &'a std::cell::RefCell<Option<String>>,
) {
    checkout
        .notify_on(git2::CheckoutNotificationType::CONFLICT)
        .notify(move |_, path, _, _, _| {
            if let Some(path) = path {
                found
                    .borrow_mut()
                    .get_or_insert_with(|| path.to_string_lossy().into_owned());
            }
            true
        });
}

/// The refusal of a checkout that a file of this clone is in the way of.
fn file_in_the_way(path: String) -> Error {
    Error::at(crate::error::Position::file(path), Remote::InTheWay)
}

/// The files a checkout of `their_tree` creates: those HEAD lacks. Refused when one of
/// them, or a folder on its way, is already on disk (a file of the auditor's not committed,
/// or ignored): a checkout would stop on it, and a merge would skip it and commit the other
/// side's file as removed. Taken before the checkout, so that undoing one removes only what
/// it wrote.
fn paths_to_create(repo: &Repository, their_tree: &git2::Tree) -> Result<Vec<PathBuf>> {
    let Some(root) = repo.workdir() else {
        return Ok(Vec::new());
    };
    let head = repo.head()?.peel_to_tree()?;
    let diff = repo.diff_tree_to_tree(Some(&head), Some(their_tree), None)?;
    let mut created = Vec::new();
    for delta in diff.deltas() {
        let Some(path) = delta.new_file().path() else {
            continue;
        };
        if head.get_path(path).is_ok() {
            continue;
        }
        let in_the_way = path
            .ancestors()
            .filter(|part| !part.as_os_str().is_empty())
            .find(|part| {
                let on_disk = root.join(part).symlink_metadata();
                let is_the_file = *part == path;
                head.get_path(part).is_err()
                    && on_disk.is_ok_and(|meta| is_the_file || !meta.is_dir())
            });
        if let Some(part) = in_the_way {
            return Err(file_in_the_way(part.to_string_lossy().into_owned()));
        }
        created.push(path.to_path_buf());
    }
    Ok(created)
}

/// Puts the working copy back to HEAD after a checkout failed part-way: the files of
/// `created` it wrote are removed (links as links), the tracked ones restored, the merge
/// ended. Sync runs with no record changed, so restoring tracked files loses nothing.
fn undo_checkout(repo: &Repository, created: &[PathBuf]) {
    let _ = repo.cleanup_state();
    let Ok(head) = repo.head().and_then(|head| head.peel_to_tree()) else {
        return;
    };
    if let Ok(mut index) = repo.index() {
        let _ = index.read_tree(&head).and_then(|()| index.write());
    }
    let mut force = git2::build::CheckoutBuilder::new();
    force.force();
    let _ = repo.checkout_tree(head.as_object(), Some(&mut force));
    remove_created(repo, &head, created);
    remove_sync_marker(repo);
}

/// Removes the files of `created` (links as links), and the folders on their way that
/// `head` lacks and that are left empty.
fn remove_created(repo: &Repository, head: &git2::Tree, created: &[PathBuf]) {
    let Some(root) = repo.workdir() else {
        return;
    };
    for path in created {
        let file = root.join(path);
        if file.symlink_metadata().is_ok_and(|meta| !meta.is_dir()) {
            let _ = std::fs::remove_file(&file);
        }
        let mut dir = file.parent();
        while let Some(folder) = dir.filter(|folder| *folder != root) {
            if head
                .get_path(folder.strip_prefix(root).unwrap_or(folder))
                .is_ok()
                || std::fs::remove_dir(folder).is_err()
            {
                break;
            }
            dir = folder.parent();
        }
    }
}

/// Where a sync notes, in the clone's private state, the checkout it is making: HEAD and the
/// commit checked out. It is there only while the checkout runs; found later, the sync was
/// killed (SIGKILL, the OOM killer) in the middle, and [`undo_interrupted_sync`] undoes it.
pub fn sync_marker(repo: &Repository) -> PathBuf {
    repo.path().join("vmsaudit").join("sync-checkout")
}

fn write_sync_marker(repo: &Repository, head: git2::Oid, target: git2::Oid) -> Result<()> {
    let path = sync_marker(repo);
    if let Some(dir) = path.parent() {
        crate::files::create_private_dir_all(dir)?;
    }
    crate::files::write_atomic(&path, format!("{head}\n{target}\n").as_bytes())
}

/// Removes the mark of a sync's checkout, once the checkout is finished or undone.
pub fn remove_sync_marker(repo: &Repository) {
    let _ = std::fs::remove_file(sync_marker(repo));
}

/// Undoes the checkout of a sync killed in the middle of it, under the engagement's lock:
/// the files it left are the co-auditor's, and the recovery would otherwise commit them
/// under this auditor's name. The paths that differ between HEAD and the commit the sync
/// checked out are put back as HEAD has them, those only the commit has are removed, and a
/// merge it began is ended. Sync runs with nothing changed, and refuses a file of the
/// auditor's where the commit adds one, so nothing of the auditor's is in those paths.
/// Says whether there was a checkout to undo; when HEAD has moved since (the sync finished
/// its checkout and moved its branch, and was killed just after), the mark is only removed.
pub fn undo_interrupted_sync(repo: &Repository) -> Result<bool> {
    let path = sync_marker(repo);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(Error::io(&path, error)),
    };
    let mut ids = text.lines().map(git2::Oid::from_str);
    let (Some(Ok(before)), Some(Ok(target))) = (ids.next(), ids.next()) else {
        remove_sync_marker(repo);
        return Ok(false);
    };
    if head(repo)? != Some(before) {
        remove_sync_marker(repo);
        return Ok(false);
    }
    clear_stale_git_locks(repo);
    repo.cleanup_state()?;
    let head_tree = repo.find_commit(before)?.tree()?;
    let target_tree = repo.find_commit(target)?.tree()?;
    let diff = repo.diff_tree_to_tree(Some(&head_tree), Some(&target_tree), None)?;
    let mut restored = Vec::new();
    let mut created = Vec::new();
    for delta in diff.deltas() {
        for file in [delta.old_file(), delta.new_file()] {
            let Some(path) = file.path() else {
                continue;
            };
            let list = if head_tree.get_path(path).is_ok() {
                &mut restored
            } else {
                &mut created
            };
            if !list.iter().any(|known: &PathBuf| known == path) {
                list.push(path.to_path_buf());
            }
        }
    }
    let mut index = repo.index()?;
    index.read_tree(&head_tree)?;
    index.write()?;
    if !restored.is_empty() {
        let mut force = git2::build::CheckoutBuilder::new();
        force.force().disable_pathspec_match(true);
        for path in &restored {
            force.path(path);
        }
        repo.checkout_tree(head_tree.as_object(), Some(&mut force))?;
    }
    remove_created(repo, &head_tree, &created);
    remove_sync_marker(repo);
    Ok(true)
}

/// A line of a committed `.gitattributes` that sets attributes.
struct AttributeLine {
    /// The file's path.
    path: String,
    /// The line's number, from 1.
    number: usize,
    pattern: String,
    words: Vec<String>,
}

/// The lines of every committed `.gitattributes` of `tree` (at any level) that set
/// attributes.
fn attribute_lines(repo: &Repository, tree: &git2::Tree) -> Result<Vec<AttributeLine>> {
    let mut found: Vec<(String, git2::Oid)> = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
        if entry.name_bytes() == b".gitattributes" {
            found.push((format!("{dir}.gitattributes"), entry.id()));
        }
        git2::TreeWalkResult::Ok
    })?;
    let mut lines = Vec::new();
    for (path, id) in found {
        let blob = read_blob(repo, id, crate::files::MAX_RECORD_BYTES, &path)?;
        let text = String::from_utf8_lossy(&blob);
        for (number, line) in text.lines().enumerate() {
            let mut words = line.split_whitespace();
            let Some(pattern) = words.next().filter(|word| !word.starts_with('#')) else {
                continue;
            };
            let words = words.map(str::to_owned).collect();
            lines.push(AttributeLine {
                path: path.clone(),
                number: number + 1,
                pattern: pattern.to_owned(),
                words,
            });
        }
    }
    Ok(lines)
}

/// Refuses a committed `.gitattributes` (at any level of `tree`) that names a merge driver:
/// `*.yaml merge=union` would make git keep both sides of a conflicting change, silently,
/// where sync promises to stop. Attributes arrive with a co-auditor's commits; the user's
/// own (`.git/info/attributes`, `core.attributesFile`) are theirs to set.
fn refuse_merge_attributes(repo: &Repository, tree: &git2::Tree) -> Result<()> {
    for AttributeLine {
        path,
        number,
        pattern,
        words,
    } in attribute_lines(repo, tree)?
    {
        // `merge`, `merge=DRIVER`, and macros that set it (`binary` unsets it, which
        // only makes git stop on more conflicts).
        if let Some(word) = words
            .into_iter()
            .find(|word| word == "merge" || word.starts_with("merge="))
        {
            let at = crate::error::Position::new(path, number as u64, 0);
            return Err(Error::at(at, Remote::MergeAttribute { pattern, word }));
        }
    }
    Ok(())
}

/// Whether the attribute `word` (as a `.gitattributes` line sets it) makes git write a file
/// other than its blob, or commit other than the file's bytes: line endings converted
/// (`text`, `eol`, `crlf`), `$Id$` expanded (`ident`), a filter run, an encoding converted.
/// Unsetting one (`-text`, `binary`) or leaving it unspecified (`!eol`) converts nothing.
fn changes_checkout(word: &str) -> bool {
    let name = word.split_once('=').map_or(word, |(name, _)| name);
    matches!(
        name,
        "text" | "eol" | "crlf" | "ident" | "filter" | "working-tree-encoding"
    )
}

/// Refuses a `.gitattributes` line of the remote's `theirs` that changes the bytes a
/// checkout writes ([`changes_checkout`]), unless `head` has that very line in that file
/// already. `*.yaml text eol=lf` with a record committed with CRLF leaves the record
/// modified right after the sync, which the next command then commits as this auditor's;
/// `* text eol=crlf` makes every clone's text evidence differ from the hash its record holds.
fn refuse_checkout_attributes(
    repo: &Repository,
    theirs: &git2::Tree,
    head: Option<&git2::Tree>,
) -> Result<()> {
    let known = match head {
        Some(head) => attribute_lines(repo, head)?,
        None => Vec::new(),
    };
    for AttributeLine {
        path,
        number,
        pattern,
        words,
    } in attribute_lines(repo, theirs)?
    {
        let Some(word) = words.iter().find(|word| changes_checkout(word)) else {
            continue;
        };
        let had = known
            .iter()
            .any(|known| known.path == path && known.pattern == pattern && known.words == words);
        if !had {
            let at = crate::error::Position::new(path, number as u64, 0);
            let word = word.clone();
            return Err(Error::at(at, Remote::CheckoutAttribute { pattern, word }));
        }
    }
    Ok(())
}

/// Commits the merge [`merge`] left ready, with HEAD and the merged commit as parents, and
/// ends the merge.
pub fn commit_merge(
    repo: &Repository,
    theirs: git2::Oid,
    message: &str,
    author: &Auditor,
    when: Timestamp,
) -> Result<git2::Oid> {
    git2::opts::strict_object_creation(true);
    let mut index = repo.index()?;
    let tree = repo.find_tree(index.write_tree()?)?;
    let head = repo.head()?.peel_to_commit()?;
    let theirs = repo.find_commit(theirs)?;
    let signature = signature(author, when)?;
    let commit = repo.commit(
        Some("HEAD"),
        &signature,
        &signature,
        message,
        &tree,
        &[&head, &theirs],
    )?;
    repo.cleanup_state()?;
    Ok(commit)
}

/// The files of the index (what the next commit holds) under `prefix`.
pub fn tracked_under(repo: &Repository, prefix: &str) -> Result<Vec<String>> {
    let index = repo.index()?;
    Ok(index
        .iter()
        .map(|entry| String::from_utf8_lossy(&entry.path).into_owned())
        .filter(|path| path.starts_with(prefix))
        .collect())
}

/// Whether the remote at `path` is another clone with a working copy (pushing into its
/// checked-out branch would leave its files behind its history).
pub fn has_working_copy(path: &Path) -> bool {
    Repository::open(path).is_ok_and(|remote| !remote.is_bare())
}

/// Pushes `refspecs` to the remote; returns the references it refused, with its reason.
pub fn push(
    repo: &Repository,
    remote: &str,
    transport: &Transport,
    refspecs: &[String],
) -> Result<Vec<(String, String)>> {
    if refspecs.is_empty() {
        return Ok(Vec::new());
    }
    match transport {
        Transport::Local(path) => {
            let url = path.to_string_lossy();
            let mut anonymous = repo.remote_anonymous(&url)?;
            let refused = std::cell::RefCell::new(Vec::new());
            let mut callbacks = git2::RemoteCallbacks::new();
            callbacks.push_update_reference(|name, status| {
                if let Some(status) = status {
                    refused
                        .borrow_mut()
                        .push((name.to_owned(), status.to_owned()));
                }
                Ok(())
            });
            let mut options = git2::PushOptions::new();
            options.remote_callbacks(callbacks);
            anonymous
                .push(refspecs, Some(&mut options))
                .map_err(|error| unreachable_remote(url.as_ref(), &error))?;
            drop(options);
            Ok(refused.into_inner())
        }
        Transport::System => {
            let mut args = vec![
                "push".to_owned(),
                "--porcelain".to_owned(),
                "--".to_owned(),
                remote.to_owned(),
            ];
            args.extend(refspecs.iter().cloned());
            system_git(repo, &args)?;
            Ok(Vec::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_holds(repo: &Repository, commit: git2::Oid) -> bool {
        index_checksum(repo).is_some_and(|sum| noted(repo, sum, commit))
    }

    /// A repository in a temporary folder, with who commits and when.
    fn new_repository() -> (tempfile::TempDir, Repository, Auditor, Timestamp) {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let who = Auditor {
            name: "A".into(),
            email: "a@example.org".into(),
        };
        (
            dir,
            repo,
            who,
            Timestamp::from_second(1_800_000_000).unwrap(),
        )
    }

    #[test]
    fn a_commit_made_from_its_parent_s_tree_holds_the_index_s_tree() {
        let (dir, repo, who, now) = new_repository();
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        let first = [
            "engagement.yaml",
            "answers/A.yaml",
            "answers/B.yaml",
            "evidence/A/x.txt",
            "evidence/A/deep/w.txt",
            "evidence/B/y.txt",
            "findings/F.yaml",
        ];
        for path in first {
            write(path, path);
        }
        let paths =
            |list: &[&str]| -> Vec<String> { list.iter().map(|path| (*path).to_owned()).collect() };
        let mut parent = commit(&repo, &paths(&first), "first", &who, now).unwrap();
        // Changed, added (in a new folder too), removed (a folder's last file, a whole
        // folder, every file there is).
        let steps: [(&[&str], &[&str]); 5] = [
            (&["answers/A.yaml"], &[]),
            (&["answers/C.yaml", "evidence/C/z.txt"], &[]),
            (&["answers/B.yaml"], &["findings/F.yaml"]),
            (&[], &["evidence/A"]),
            (&[], &["engagement.yaml", "answers", "evidence"]),
        ];
        for (step, (written, removed)) in steps.iter().enumerate() {
            assert!(index_holds(&repo, parent), "step {step}");
            for path in *written {
                write(path, &format!("{path} at step {step}"));
            }
            for path in *removed {
                let path = root.join(path);
                std::fs::remove_dir_all(&path)
                    .or_else(|_| std::fs::remove_file(&path))
                    .unwrap();
            }
            let changed: Vec<&str> = written.iter().chain(removed.iter()).copied().collect();
            parent = commit(&repo, &paths(&changed), "step", &who, now).unwrap();
            // The tree git writes from the index's entries alone, with no cache of trees.
            let mut fresh = git2::Index::new().unwrap();
            for entry in repo.index().unwrap().iter() {
                fresh.add(&entry).unwrap();
            }
            let tree = fresh.write_tree_to(&repo).unwrap();
            assert_eq!(
                repo.find_commit(parent).unwrap().tree_id(),
                tree,
                "step {step}"
            );
        }
        assert!(index_holds(&repo, parent));
    }

    #[test]
    fn another_writer_of_the_index_voids_the_note_until_the_recovery_finds_it_holds_head() {
        let (dir, repo, who, now) = new_repository();
        let root = dir.path();
        std::fs::write(root.join("engagement.yaml"), "first").unwrap();
        let parent = commit(&repo, &["engagement.yaml".to_owned()], "first", &who, now).unwrap();
        assert!(index_holds(&repo, parent));
        // A file staged by another writer of the index: the note no longer holds.
        let mut index = repo.index().unwrap();
        std::fs::write(root.join("notes.txt"), "by hand").unwrap();
        index.add_path(Path::new("notes.txt")).unwrap();
        index.write().unwrap();
        assert!(!index_holds(&repo, parent));
        assert!(index_as_head(&repo).unwrap().is_none(), "a file is staged");

        // Written again by another writer with HEAD's tree and nothing staged: the
        // recovery's check finds so from the index's own entries, and notes it.
        index.remove_path(Path::new("notes.txt")).unwrap();
        index.write().unwrap();
        assert!(!index_holds(&repo, parent));
        assert!(index_as_head(&repo).unwrap().is_some());
        assert!(index_holds(&repo, parent));
    }

    #[test]
    fn the_recovery_acts_on_records_temporary_files_and_a_round_s_reports_only() {
        for path in [
            "engagement.yaml",
            "answers/ACC-01.yaml",
            "findings/F-1.yaml",
            "evidence/ACC-01/config.txt",
            "cves/CVE-2024-1234.yaml",
            "scans/S-75446d241f.yaml",
            "reports/2026-S1/report.md",
            "notes/.vmsaudit-a1b2.tmp",
        ] {
            assert!(recovery_acts_on(path), "{path}");
        }
        for path in [
            "notes.txt",
            "reports/draft/report.md",
            "reports/README",
            "answersheet.yaml",
            "scan-map.yaml",
        ] {
            assert!(!recovery_acts_on(path), "{path}");
        }
    }
}
