//! The working copy's records as last parsed, kept in the clone's cache
//! (`.git/vmsaudit/cache/worktree-head.bin` for `engagement.yaml` and the grid's key,
//! `worktree-records.json` for the records) so that a command parses only the record files
//! that changed since: what git's index does for `git status`.
//!
//! Each record file is known by its path, what `lstat` says of it (device, inode, size,
//! modification and change times to the nanosecond) and the git blob id of the text it was
//! parsed from. Opening the engagement asks `lstat` of every record file: when nothing
//! changed, the record comes from the cache; otherwise the file is read, and parsed unless its
//! blob is the one kept (a `touch`, a copy of the folder, a checkout of the same text).
//!
//! What another tool does is seen: an edit that keeps the size and the modification time
//! (put back with `touch -d`) still changes the change time, which no program can set, and
//! an editor or `git pull` that writes a new file changes the inode too. What remains is
//! git's "racy" case: a file changed again within the clock tick in which it was read, with
//! the same size. The cache notes the time, on the coarse clock file times come from, before
//! it looks at any file; a file whose modification or change time is not older than that
//! may have changed unseen, and is read again at every command until a later cache is
//! written (git's index does the same with its own file's time).
//!
//! Only parsing is saved. Every record, from the cache or not, is checked against the grid
//! and against the others at every load, so the problems and warnings are those of the files
//! as they are; a problem's line and column come from the file's text, read then (the file is
//! known to be the one that was parsed). Anything wrong with a cache file (missing, damaged,
//! written by another version) means the files it covers are read and parsed, and the cache
//! written again; it is also written again once enough files had to be read.

use std::borrow::Cow;
use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ACTIONS_DIR, ANSWERS_DIR, ASSETS_FILE, ENGAGEMENT_FILE, FINDINGS_DIR, cache, files};
use crate::assessment::{Action, Answer, Assets, Finding};
use crate::model::{Meta, State};

/// `engagement.yaml` and `grid.yaml` (whose value is the grid cache's key), and the folders'
/// walk: read at every command, as postcard's binary form (about four times faster to read
/// back than the same in JSON: 2 ms of a one-shot answer on the large engagement, with
/// [`CLEAN_FILE`]).
const HEAD_FILE: &str = "worktree-head.bin";
/// The records: answers, findings, actions, the inventory.
const RECORDS_FILE: &str = "worktree-records.json";
/// The folders last found to hold nothing for the lock's recovery ([`Clean`]), in binary
/// form as [`HEAD_FILE`].
const CLEAN_FILE: &str = "worktree-clean.bin";
/// What the names of the files above start with: a write removes those of an older layout
/// (JSON) with the same start.
const HEAD_PREFIX: &str = "worktree-head.";
const CLEAN_PREFIX: &str = "worktree-clean.";
/// The records last known to hold no reference that dangles ([`note_quiet`]).
const QUIET_FILE: &str = "quiet-commit.json";

/// Files read again (changed, new, or not trusted) before the cache is written anew: reading
/// and parsing a few files costs less than writing the cache of thousands.
pub const REWRITE_AFTER: usize = 24;

/// A time as seconds and nanoseconds since the epoch.
pub type Time = (i64, i64);

/// The time now on the coarse clock the kernel stamps files with: a file changed after this
/// call has times no older than it.
pub fn now() -> Time {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::RealtimeCoarse);
    (now.tv_sec, now.tv_nsec)
}

/// What `lstat` says of a file, as git's index keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: Time,
    ctime: Time,
}

impl Stat {
    /// The stat of `path`, when it is a regular file (a link is never trusted: it is read,
    /// and refused there).
    pub fn of(path: &Path) -> Option<Stat> {
        let metadata = std::fs::symlink_metadata(path).ok()?;
        metadata.is_file().then(|| Stat::from(&metadata))
    }

    /// The stat of `path`, when it is a folder (not a link to one).
    pub fn of_dir(path: &Path) -> Option<Stat> {
        let metadata = std::fs::symlink_metadata(path).ok()?;
        metadata.is_dir().then(|| Stat::from(&metadata))
    }

    /// The stat of the entry `name` of the open folder `folder`, when it is a folder (not a
    /// link to one): looked up from its parent, where [`Stat::of_dir`] walks its whole path.
    fn of_dir_in(folder: &rustix::fd::OwnedFd, name: &str) -> Option<Stat> {
        let stat = rustix::fs::statat(folder, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).ok()?;
        let folder =
            rustix::fs::FileType::from_raw_mode(stat.st_mode) == rustix::fs::FileType::Directory;
        folder.then_some(Stat {
            dev: stat.st_dev,
            ino: stat.st_ino,
            size: stat.st_size as u64,
            mtime: (stat.st_mtime, stat.st_mtime_nsec as i64),
            ctime: (stat.st_ctime, stat.st_ctime_nsec as i64),
        })
    }

    fn from(metadata: &std::fs::Metadata) -> Stat {
        Stat {
            dev: metadata.dev(),
            ino: metadata.ino(),
            size: metadata.size(),
            mtime: (metadata.mtime(), metadata.mtime_nsec()),
            ctime: (metadata.ctime(), metadata.ctime_nsec()),
        }
    }

    /// When the file's content last changed.
    pub fn modified(&self) -> Time {
        self.mtime
    }

    /// Whether a file last changed at these times cannot have changed unseen after a cache
    /// that looked at files from `since` on: both times older than `since`.
    fn settled(&self, since: Time) -> bool {
        self.mtime < since && self.ctime < since
    }
}

/// A record file as it was when its text was read: its stat (taken before the read, so that
/// a change during the read shows as a change next time) and the blob id of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub stat: Stat,
    pub blob: String,
}

/// The git blob id of `text`, as `git hash-object` gives it.
pub fn blob_id(text: &str) -> String {
    git2::Oid::hash_object(git2::ObjectType::Blob, text.as_bytes())
        .map(|oid| oid.to_string())
        .unwrap_or_default()
}

/// The text a record was parsed from, for placing a problem at its line and column: in
/// memory when the file was read, on disk when the record came from the cache.
pub enum Text {
    Read(String),
    OnDisk(PathBuf),
}

impl Text {
    /// The text; read from the file when the record came from the cache (the file is known
    /// not to have changed). Unreadable, it is empty: the problem is then placed at the file.
    pub fn get(&self) -> Cow<'_, str> {
        match self {
            Text::Read(text) => Cow::Borrowed(text),
            Text::OnDisk(path) => Cow::Owned(
                files::read_engagement_text_if_any(path, files::MAX_RECORD_BYTES)
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
            ),
        }
    }
}

/// The records of one kind the cache holds, by path in the engagement.
pub struct Table<T>(HashMap<String, (Seen, T)>);

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table(HashMap::new())
    }
}

impl<T> Table<T> {
    /// The record kept for `relative`, taken out of the table.
    pub fn take(&mut self, relative: &str) -> Option<(Seen, T)> {
        self.0.remove(relative)
    }

    fn from(kept: Vec<Kept<T>>) -> Self {
        Table(
            kept.into_iter()
                .map(|kept| (kept.path, (kept.seen, kept.value)))
                .collect(),
        )
    }
}

/// Which records of the cache a load may take without reading their file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Trust {
    /// Whether there was a usable cache at all.
    found: bool,
    /// When the cache's load started looking at files; files changed since are not trusted.
    since: Time,
}

impl Trust {
    /// Whether there was a usable cache: without one, the load writes it.
    pub fn found(&self) -> bool {
        self.found
    }

    /// Whether a record kept as `seen` is the file whose stat is now `stat`.
    pub fn trusts(&self, seen: &Seen, stat: Option<Stat>) -> bool {
        self.trusts_stat(&seen.stat, stat)
    }

    /// Whether a file or folder kept with the stat `kept` is the one whose stat is now `stat`.
    fn trusts_stat(&self, kept: &Stat, stat: Option<Stat>) -> bool {
        self.found && Some(*kept) == stat && kept.settled(self.since)
    }
}

/// The folders of the working copy found to hold no file the lock's recovery would act on
/// (one git's index lacks), each with its stat before it was read and the hash of the names
/// the index had in it, and when they were looked at: kept in `worktree-clean.bin`, so that
/// the next recovery reads again only the folders that changed since, on disk or in the
/// index. As git's untracked cache does.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Clean {
    since: Time,
    dirs: HashMap<String, (Stat, u64)>,
}

impl Clean {
    /// Looking at folders from `since` on.
    pub fn new(since: Time) -> Clean {
        Clean {
            since,
            dirs: HashMap::new(),
        }
    }

    /// The folders kept in the cache `dir` (none when it has no usable file).
    pub fn open(dir: &Path) -> Clean {
        cache::read_binary(&dir.join(CLEAN_FILE)).unwrap_or_default()
    }

    /// Whether the folder `relative`, whose stat is now `stat` and the hash of whose names in
    /// git's index is now `names`, is the one found clean: the same stat, settled before it
    /// was looked at, and the same names.
    pub fn vouches(&self, relative: &str, stat: Stat, names: u64) -> bool {
        self.dirs.get(relative) == Some(&(stat, names)) && stat.settled(self.since)
    }

    pub fn note(&mut self, relative: &str, stat: Stat, names: u64) {
        self.dirs.insert(relative.to_owned(), (stat, names));
    }

    pub fn keep(&self, dir: &Path) {
        cache::write_binary_scratch(dir, &dir.join(CLEAN_FILE), self, CLEAN_PREFIX, 1);
    }
}

/// The folders of the working copy as the walk that refuses links saw them, by path in the
/// engagement (`""` for the root): each one's stat, and the names of its subfolders.
pub type Dirs = HashMap<String, (Stat, Vec<String>)>;

/// [`files::check_tree`], reading only the folders that may have changed since the cache's
/// walk, `known` as the cache keeps them and `trust` says which to believe; gives the
/// folders as this walk saw them, for the next one.
///
/// A folder's entries change only with its own modification and change times (a name
/// created, removed or renamed over, a link or a FIFO put in a file's place): when a
/// folder's stat is the one kept, and settled before the cache's walk, its entries are the
/// ones that walk found free of links, and only its subfolders are visited, one `lstat`
/// each instead of reading their entries. As git's untracked cache does.
pub fn check_tree(root: &Path, known: &Dirs, trust: Trust) -> crate::error::Result<Dirs> {
    Ok(walk(root, known, trust)?.0)
}

/// The entries of the folders a walk read, by folder: those it found changed.
pub type Listings = HashMap<String, Vec<files::Listed>>;

/// [`check_tree`], with the entries of the folders it read: a check that follows under the
/// same lock need not read them again (`answers/`, which every answer changes, holds an
/// entry per control).
pub fn walk(root: &Path, known: &Dirs, trust: Trust) -> crate::error::Result<(Dirs, Listings)> {
    let mut seen = Dirs::with_capacity(known.len());
    let mut listings = Listings::new();
    // Each folder with the stat taken before it is read: a change during the read shows as a
    // change next time.
    let mut pending = vec![(String::new(), Stat::of_dir(root))];
    while let Some((relative, stat)) = pending.pop() {
        let path = if relative.is_empty() {
            root.to_path_buf()
        } else {
            root.join(&relative)
        };
        let subfolders = match known.get(&relative) {
            Some((kept, subfolders)) if trust.trusts_stat(kept, stat) => subfolders.clone(),
            _ => {
                let entries = files::check_dir(root, &path)?;
                let subfolders = entries
                    .iter()
                    .filter(|entry| entry.folder)
                    .filter_map(|entry| Some(entry.name.to_str()?.to_owned()))
                    .collect();
                listings.insert(relative.clone(), entries);
                subfolders
            }
        };
        // The subfolders' stats from this folder, opened once (`evidence/` holds one per
        // control): each by its name, not by its path from the root.
        let opened = (!subfolders.is_empty())
            .then(|| {
                let flags = rustix::fs::OFlags::PATH
                    | rustix::fs::OFlags::DIRECTORY
                    | rustix::fs::OFlags::NOFOLLOW
                    | rustix::fs::OFlags::CLOEXEC;
                rustix::fs::open(&path, flags, rustix::fs::Mode::empty()).ok()
            })
            .flatten();
        for name in &subfolders {
            let child = if relative.is_empty() {
                name.clone()
            } else {
                format!("{relative}/{name}")
            };
            let stat = match &opened {
                Some(folder) => Stat::of_dir_in(folder, name),
                None => Stat::of_dir(&root.join(&child)),
            };
            pending.push((child, stat));
        }
        if let Some(stat) = stat {
            seen.insert(relative, (stat, subfolders));
        }
    }
    Ok((seen, listings))
}

/// What the cache holds of the engagement's own files, ready for one load to take from: read
/// first, before the records, and small.
#[derive(Default)]
pub struct Head {
    pub trust: Trust,
    /// The working copy's folders, as the last walk saw them.
    pub dirs: Dirs,
    /// `grid.yaml`, whose blob is the SHA-256 of its text: the key of the grid's own cache.
    pub grid: Option<Seen>,
    pub meta: Table<Meta>,
}

/// What the cache holds of the records, ready for one load to take from: read while the grid
/// loads, on another thread.
#[derive(Default)]
pub struct Records {
    pub trust: Trust,
    pub assets: Table<Assets>,
    pub answers: Table<Answer>,
    pub findings: Table<Finding>,
    pub actions: Table<Action>,
}

#[derive(Deserialize)]
struct Kept<T> {
    path: String,
    seen: Seen,
    value: T,
}

/// The head file's value. `engagement.yaml` is kept as JSON text inside it: its type leaves
/// out empty fields, which a binary form without field names cannot read back.
#[derive(Deserialize)]
struct StoredHead {
    since: Time,
    dirs: Vec<(String, Stat, Vec<String>)>,
    grid: Option<Seen>,
    meta: Vec<Kept<String>>,
}

#[derive(Deserialize)]
struct StoredRecords {
    since: Time,
    assets: Vec<Kept<Assets>>,
    answers: Vec<Kept<Answer>>,
    findings: Vec<Kept<Finding>>,
    actions: Vec<Kept<Action>>,
}

fn trust(since: Time) -> Trust {
    Trust { found: true, since }
}

/// What the cache in `dir` holds of `engagement.yaml` and `grid.yaml`; nothing when there is
/// none that this version wrote.
pub fn open_head(dir: &Path) -> Head {
    let Some(stored) = cache::read_binary::<StoredHead>(&dir.join(HEAD_FILE)) else {
        return Head::default();
    };
    let meta = stored
        .meta
        .into_iter()
        .filter_map(|kept| {
            Some(Kept {
                value: serde_json::from_str::<Meta>(&kept.value).ok()?,
                path: kept.path,
                seen: kept.seen,
            })
        })
        .collect();
    Head {
        trust: trust(stored.since),
        dirs: stored
            .dirs
            .into_iter()
            .map(|(path, stat, subfolders)| (path, (stat, subfolders)))
            .collect(),
        grid: stored.grid,
        meta: Table::from(meta),
    }
}

/// What the cache in `dir` holds of the records; nothing when there is none that this
/// version wrote.
pub fn open_records(dir: &Path) -> Records {
    let Some(stored) = cache::read::<StoredRecords>(&dir.join(RECORDS_FILE)) else {
        return Records::default();
    };
    Records {
        trust: trust(stored.since),
        assets: Table::from(stored.assets),
        answers: Table::from(stored.answers),
        findings: Table::from(stored.findings),
        actions: Table::from(stored.actions),
    }
}

/// Keeps the records of `state`, loaded from the working copy by a load that started
/// looking at files at `since`, with how each file was `seen` (by path), and the folders
/// its walk saw, `dirs`, in the cache in `dir`. A record whose file was not seen (it was
/// not a regular file) is not kept.
pub fn keep(dir: &Path, since: Time, state: &State, seen: &HashMap<String, Seen>, dirs: &Dirs) {
    #[derive(Serialize)]
    struct KeptRef<'a, T> {
        path: String,
        seen: &'a Seen,
        value: &'a T,
    }
    #[derive(Serialize)]
    struct HeadRef<'a> {
        since: Time,
        dirs: Vec<(&'a String, &'a Stat, &'a Vec<String>)>,
        grid: Option<&'a Seen>,
        meta: Vec<KeptRef<'a, String>>,
    }
    #[derive(Serialize)]
    struct RecordsRef<'a> {
        since: Time,
        assets: Vec<KeptRef<'a, Assets>>,
        answers: Vec<KeptRef<'a, Answer>>,
        findings: Vec<KeptRef<'a, Finding>>,
        actions: Vec<KeptRef<'a, Action>>,
    }
    fn entry<'a, T>(
        seen: &'a HashMap<String, Seen>,
        path: String,
        value: &'a T,
    ) -> Option<KeptRef<'a, T>> {
        let seen = seen.get(&path)?;
        Some(KeptRef { path, seen, value })
    }
    let meta = serde_json::to_string(&state.meta).ok();
    let head = HeadRef {
        since,
        dirs: dirs
            .iter()
            .map(|(path, (stat, subfolders))| (path, stat, subfolders))
            .collect(),
        grid: seen.get(super::GRID_FILE),
        meta: meta
            .as_ref()
            .and_then(|meta| entry(seen, ENGAGEMENT_FILE.to_owned(), meta))
            .into_iter()
            .collect(),
    };
    let records = RecordsRef {
        since,
        assets: entry(seen, ASSETS_FILE.to_owned(), &state.assets)
            .into_iter()
            .collect(),
        answers: state
            .answers
            .iter()
            .filter_map(|(control, answer)| {
                entry(seen, format!("{ANSWERS_DIR}/{control}.yaml"), answer)
            })
            .collect(),
        findings: state
            .findings
            .iter()
            .filter_map(|finding| {
                entry(seen, format!("{FINDINGS_DIR}/{}.yaml", finding.id), finding)
            })
            .collect(),
        actions: state
            .actions
            .iter()
            .filter_map(|action| entry(seen, format!("{ACTIONS_DIR}/{}.yaml", action.id), action))
            .collect(),
    };
    // Each file stands on its own, with its own time: one found damaged costs only what it
    // holds.
    cache::write_scratch(dir, &dir.join(RECORDS_FILE), &records, RECORDS_FILE, 1);
    cache::write_binary_scratch(dir, &dir.join(HEAD_FILE), &head, HEAD_PREFIX, 1);
}

/// Notes that the records whose ids in HEAD are `ids` ([`super::git::ids_in`] of what the
/// references between records read) hold no reference that dangles, or (`None`) that
/// nothing is known. A change knows, as it holds every record of HEAD when it commits; a
/// one-shot answer needs to, as it reads none of them.
pub fn note_quiet(dir: &Path, ids: Option<String>) {
    // Most changes touch no reference: the file says so already.
    if cache::read::<Option<String>>(&dir.join(QUIET_FILE)).as_ref() != Some(&ids) {
        cache::write_scratch(dir, &dir.join(QUIET_FILE), &ids, QUIET_FILE, 1);
    }
}

/// Whether [`note_quiet`] noted `ids`.
pub fn quiet_at(dir: &Path, ids: &str) -> bool {
    cache::read::<Option<String>>(&dir.join(QUIET_FILE))
        .flatten()
        .as_deref()
        == Some(ids)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::{Source, state};
    use super::*;
    use crate::grid::Lang;

    fn load(root: &Path) -> (State, usize) {
        state::load_counting(&Source::WorkTree(root)).unwrap()
    }

    fn cache_file(root: &Path) -> PathBuf {
        root.join(".git/vmsaudit/cache").join(RECORDS_FILE)
    }

    /// The demo engagement, its cache removed, and a moment passed: every file is older
    /// than the next load.
    fn demo() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let now: jiff::Timestamp = "2026-11-28T09:00:00Z".parse().unwrap();
        let engagement = crate::demo::create(&dir.path().join("demo"), Lang::En, now).unwrap();
        let root = engagement.root().to_owned();
        remove_cache(&root);
        std::thread::sleep(Duration::from_millis(50));
        (dir, root)
    }

    fn remove_cache(root: &Path) {
        for file in [HEAD_FILE, RECORDS_FILE] {
            std::fs::remove_file(root.join(".git/vmsaudit/cache").join(file)).unwrap();
        }
    }

    /// Edits the cache's JSON of the records in place.
    fn edit_cache(root: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
        let path = cache_file(root);
        let mut json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        edit(&mut json["value"]);
        std::fs::write(&path, json.to_string()).unwrap();
    }

    /// The kept entry of `path` in the cache's JSON.
    fn entry<'a>(stored: &'a mut serde_json::Value, path: &str) -> &'a mut serde_json::Value {
        let kind = path.split('/').next().unwrap();
        stored[kind]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|entry| entry["path"] == path)
            .unwrap()
    }

    /// Sets the level in the answer file at `path` to `level` (one digit for another) in
    /// place, its size and modification time put back: only its change time tells. Returns
    /// the text written.
    fn overwrite_level_in_place(path: &Path, level: &str) -> String {
        let before = std::fs::metadata(path).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let edited = text
            .lines()
            .map(|line| match line.strip_prefix("level: ") {
                Some(_) => format!("level: {level}"),
                None => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        assert_eq!(edited.len(), text.len(), "{text}");
        assert_ne!(edited, text);
        let file = std::fs::File::options().write(true).open(path).unwrap();
        std::io::Write::write_all(&mut &file, edited.as_bytes()).unwrap();
        file.set_modified(before.modified().unwrap()).unwrap();
        drop(file);
        let after = std::fs::metadata(path).unwrap();
        assert_eq!(
            (after.len(), after.modified().unwrap(), after.ino()),
            (before.len(), before.modified().unwrap(), before.ino())
        );
        edited
    }

    #[test]
    fn records_come_from_the_cache_while_their_files_are_unchanged() {
        use std::os::unix::fs::PermissionsExt;

        let (_dir, root) = demo();
        let (fresh, read) = load(&root);
        assert!(read > 40, "without a cache every file is read: {read}");
        let mode = std::fs::metadata(cache_file(&root))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the cache is private: {mode:o}");
        let (again, read) = load(&root);
        assert_eq!(read, 0, "nothing changed: nothing is read");
        super::super::cache::tests::assert_same_records(&again, &fresh);

        // What the cache holds is what is served while the file's stat is the one kept...
        let (control, answer) = fresh
            .answers
            .iter()
            .find(|(_, answer)| matches!(answer.level, crate::assessment::Level::Score(_)))
            .unwrap();
        let relative = format!("{ANSWERS_DIR}/{control}.yaml");
        edit_cache(&root, |stored| {
            entry(stored, &relative)["value"]["observations"] = "from the cache".into();
        });
        assert_eq!(
            load(&root).0.answers[control].observations,
            "from the cache"
        );

        // ...and not once the file is edited behind the cache's back, even in place, with the
        // same size and its modification time put back (its change time moves).
        let path = root.join(&relative);
        let level = match answer.level {
            crate::assessment::Level::Score(0) => "1",
            _ => "0",
        };
        let edited = overwrite_level_in_place(&path, level);
        let (seen, read) = load(&root);
        assert_eq!(read, 1);
        assert_eq!(seen.answers[control].level.to_string(), level);
        assert_eq!(seen.answers[control].observations, answer.observations);

        // A new text (another blob), written as an editor does.
        std::fs::write(
            &path,
            edited.replace(&format!("level: {level}"), "level: 2\n# note"),
        )
        .unwrap();
        assert_eq!(load(&root).0.answers[control].level.to_string(), "2");
        // A file removed is no record, whatever the cache holds.
        std::fs::remove_file(&path).unwrap();
        assert!(!load(&root).0.answers.contains_key(control));
    }

    #[test]
    fn a_file_that_could_change_in_the_tick_it_was_read_is_read_again() {
        let (_dir, root) = demo();
        let (fresh, _) = load(&root);
        let mut controls = fresh.answers.keys();
        let (racy, settled) = (controls.next().unwrap(), controls.next().unwrap());
        // A modification time not older than the cache's load: as a file changed in the same
        // clock tick as that load looked at it.
        let path = root.join(format!("{ANSWERS_DIR}/{racy}.yaml"));
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(std::time::SystemTime::now() + Duration::from_secs(3600))
            .unwrap();
        drop(file);
        std::thread::sleep(Duration::from_millis(50));
        remove_cache(&root);
        load(&root);
        // The cache says both were another text, as when a file changes unseen: the one that
        // could still change when the cache looked is read again, the other is trusted.
        edit_cache(&root, |stored| {
            for control in [racy, settled] {
                let entry = entry(stored, &format!("{ANSWERS_DIR}/{control}.yaml"));
                entry["value"]["observations"] = "stale".into();
                entry["seen"]["blob"] = "0".repeat(40).into();
            }
        });
        let (state, read) = load(&root);
        assert_eq!(read, 1);
        assert_eq!(state.answers[racy], fresh.answers[racy]);
        assert_eq!(state.answers[settled].observations, "stale");
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_ignored_and_written_again() {
        let (_dir, root) = demo();
        let (fresh, _) = load(&root);
        let path = cache_file(&root);
        for damage in [
            "{ not json".to_owned(),
            std::fs::read_to_string(&path)
                .unwrap()
                .replace(env!("CARGO_PKG_VERSION"), "0.0.0-other"),
            String::new(),
        ] {
            std::fs::write(&path, damage).unwrap();
            let (state, read) = load(&root);
            assert!(read > 40, "{read}");
            assert_eq!(state.answers, fresh.answers);
            assert_eq!(state.findings, fresh.findings);
            assert_eq!(load(&root).1, 0, "written again");
        }
    }

    #[test]
    fn problems_and_warnings_of_cached_records_are_placed_as_from_their_files() {
        let (_dir, root) = demo();
        let (fresh, _) = load(&root);
        // An action whose finding goes away (as a merge can leave it): a warning at the
        // action's line, though the action itself comes from the cache.
        let action = fresh
            .actions
            .iter()
            .find(|action| !action.addresses.is_empty())
            .unwrap();
        let finding = &action.addresses[0];
        std::fs::remove_file(root.join(format!("{FINDINGS_DIR}/{finding}.yaml"))).unwrap();
        let (state, read) = load(&root);
        assert_eq!(read, 0);
        assert!(!state.warnings.is_empty());
        remove_cache(&root);
        let (uncached, read) = load(&root);
        assert!(read > 40);
        let shown = |state: &State| -> Vec<String> {
            state.warnings.iter().map(ToString::to_string).collect()
        };
        assert_eq!(shown(&state), shown(&uncached));
        let line = format!("{ACTIONS_DIR}/{}.yaml:", action.id);
        assert!(
            shown(&state)
                .iter()
                .any(|warning| warning.starts_with(&line)
                    && warning[line.len()..].starts_with(|c: char| c.is_ascii_digit())),
            "{:?}",
            shown(&state)
        );

        // A cached answer that the grid no longer accepts: the error names its line.
        let (control, _) = fresh.answers.iter().next().unwrap();
        let grid = std::fs::read_to_string(root.join(super::super::GRID_FILE)).unwrap();
        // Without the grid's `replaces:` (last in the file), whose mapping would refuse the
        // rename first: the answer's own error is what this is about.
        let grid = grid
            .split("\nreplaces:")
            .next()
            .unwrap_or_default()
            .to_owned();
        let renamed = grid.replace(&format!("id: {control}\n"), "id: ZZZ-99\n");
        assert_ne!(grid, renamed);
        std::fs::write(root.join(super::super::GRID_FILE), renamed).unwrap();
        let error = state::load(&Source::WorkTree(&root))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(&format!("{ANSWERS_DIR}/{control}.yaml:1:")),
            "{error}"
        );
    }

    #[test]
    fn the_walk_reads_only_folders_that_changed_and_still_refuses_a_link_put_in_one() {
        let (_dir, root) = demo();
        load(&root);
        let since = now();
        let trust = Trust { found: true, since };
        let known = check_tree(&root, &Dirs::new(), Trust::default()).unwrap();
        assert!(
            known.contains_key("") && known.contains_key(ANSWERS_DIR),
            "{known:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
        let link = root.join(ANSWERS_DIR).join("ZZZ-01.yaml");
        std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
        // What the walk trusts, it does not read: a cache that says the root has no
        // subfolder, at the root's own stat, hides the link...
        let mut blind = known.clone();
        blind.get_mut("").unwrap().1.clear();
        assert_eq!(check_tree(&root, &blind, trust).unwrap().len(), 1);
        // ...but the folder that holds it changed with it, even with its modification time
        // put back (its change time moves): it is read again, and the link refused.
        let folder = std::fs::File::open(root.join(ANSWERS_DIR)).unwrap();
        let (kept, _) = &known[ANSWERS_DIR];
        folder
            .set_modified(
                std::time::UNIX_EPOCH + Duration::new(kept.mtime.0 as u64, kept.mtime.1 as u32),
            )
            .unwrap();
        let error = check_tree(&root, &known, trust).unwrap_err().to_string();
        assert!(error.contains("ZZZ-01.yaml: is a symbolic link"), "{error}");
        // The same through a load that holds the cache of the walk before the link.
        let error = state::load(&Source::WorkTree(&root))
            .unwrap_err()
            .to_string();
        assert!(error.contains("symbolic link"), "{error}");
        std::fs::remove_file(&link).unwrap();
        // A folder changed in the tick the cache's walk looked at it is read again.
        let racy = Trust {
            found: true,
            since: known[ANSWERS_DIR].0.ctime,
        };
        std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
        let mut stale = known.clone();
        stale.insert(
            ANSWERS_DIR.to_owned(),
            (Stat::of_dir(&root.join(ANSWERS_DIR)).unwrap(), Vec::new()),
        );
        assert!(check_tree(&root, &stale, racy).is_err());
    }

    #[test]
    fn a_file_is_trusted_only_when_its_stat_is_the_one_kept_and_older_than_the_cache() {
        let stat = Stat {
            dev: 1,
            ino: 2,
            size: 3,
            mtime: (100, 5),
            ctime: (100, 7),
        };
        let seen = Seen {
            stat,
            blob: String::new(),
        };
        let trust = |since| Trust { found: true, since };
        assert!(trust((100, 8)).trusts(&seen, Some(stat)));
        assert!(
            !trust((100, 7)).trusts(&seen, Some(stat)),
            "changed in the tick"
        );
        assert!(!trust((100, 6)).trusts(&seen, Some(stat)));
        assert!(!Trust::default().trusts(&seen, Some(stat)), "no cache");
        assert!(!trust((200, 0)).trusts(&seen, None), "not a regular file");
        for other in [
            Stat { ino: 9, ..stat },
            Stat { size: 4, ..stat },
            Stat {
                mtime: (99, 5),
                ..stat
            },
            Stat {
                ctime: (100, 8),
                ..stat
            },
            Stat { dev: 0, ..stat },
        ] {
            assert!(!trust((200, 0)).trusts(&seen, Some(other)), "{other:?}");
        }
    }
}
