//! What the engagement keeps in its clone's `.git/vmsaudit/cache/` (private, never
//! committed) so that it does not parse again what cannot have changed: the pinned grid, by
//! the SHA-256 of its text, and the records of closed rounds, by commit.
//!
//! A grid of 2,000 controls is megabytes of YAML that the loader reads twice (keys with
//! their positions, then typed values) to report every problem at its line: about a quarter
//! of a second, at every command and every start of the checklist, for a file that never
//! changes once the engagement is started. The grid as checked is kept in
//! `grid-<SHA-256 of the text>.bin` (postcard, a binary form) and read back when the text is
//! the same, byte for byte.
//! Within one process the last grid is also kept in memory, so that loading a round, another
//! round and the working copy (a diff, a report beside the previous round) parses or reads it
//! once.
//!
//! A closed round is a commit: its records never change. Reading them back from git objects
//! and parsing thousands of YAML files is most of what a report beside the previous round
//! and a diff between two rounds cost; `round-<commit>.json` keeps them as loaded and
//! checked. Only a round whose records all loaded without a warning is kept.
//!
//! Every file says which version of vmsaudit wrote it (a newer one may check more) and the
//! cache's layout version. Anything wrong with a cache file (missing, unreadable, another
//! version, not JSON) means the YAML is read and checked again; only what passed every check
//! is ever cached, so a file edited by hand is reported exactly as before. Failing to write
//! the cache (a read-only folder) is not an error.

use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::files;
use crate::assessment::{Action, Answer, Assets, Finding};
use crate::error::Result;
use crate::grid::{self, Grid};
use crate::model::Meta;

/// Bumped when the cache's layout changes; with the crate's version in every file.
const FORMAT: u32 = 1;

/// A cache file: what it holds, with who wrote it.
#[derive(Serialize, Deserialize)]
struct Entry<T> {
    vmsaudit: String,
    format: u32,
    value: T,
}

/// The clone's cache, in its git folder `git_dir`: `.git/vmsaudit/cache`.
pub(super) fn dir_in(git_dir: &Path) -> std::path::PathBuf {
    git_dir.join("vmsaudit").join("cache")
}

/// How many grids are kept: an engagement moved to a newer grid reads two at every report
/// (its own and its last closed round's), and a diff may reach one older still. With one
/// kept, each evicted the other: every report, then every `status`, parsed a grid again.
const GRIDS_KEPT: usize = 3;

/// How many closed rounds are kept: a re-audit compares with the last one or two.
const ROUNDS_KEPT: usize = 8;

/// The last grids this process checked or read, by the hash of their text, the latest last:
/// a few, since an engagement moved to a newer grid has two (its closed rounds' and its own).
static LAST: Mutex<Vec<(String, Arc<Grid>)>> = Mutex::new(Vec::new());
const LAST_KEPT: usize = 4;

fn remember(key: &str, grid: &Arc<Grid>) {
    if let Ok(mut last) = LAST.lock() {
        last.retain(|(known, _)| known != key);
        if last.len() >= LAST_KEPT {
            last.remove(0);
        }
        last.push((key.to_owned(), Arc::clone(grid)));
    }
}

fn recall(key: &str) -> Option<Arc<Grid>> {
    let last = LAST.lock().ok()?;
    last.iter()
        .find(|(known, _)| known == key)
        .map(|(_, grid)| Arc::clone(grid))
}

/// The key under which `grid` was last checked or read by [`parse`] in this process.
pub fn key_of(grid: &Arc<Grid>) -> Option<String> {
    let last = LAST.lock().ok()?;
    last.iter()
        .find(|(_, known)| Arc::ptr_eq(known, grid))
        .map(|(key, _)| key.clone())
}

/// The grid checked under `key` (the SHA-256 of its text), from memory or from the cache in
/// `cache_dir`, without its text.
pub fn grid_by_key(key: &str, cache_dir: &Path) -> Option<Arc<Grid>> {
    if let Some(grid) = recall(key) {
        return Some(grid);
    }
    let grid = Arc::new(read_grid(&grid_path(cache_dir, key))?);
    remember(key, &grid);
    Some(grid)
}

/// The [`Grid::skeleton`] of the grid checked under `key`, from the cache in `cache_dir`:
/// kept beside the grid the first time it is asked for, read without the grid's texts after.
pub fn skeleton_by_key(key: &str, cache_dir: &Path) -> Option<Arc<Grid>> {
    let path = skeleton_path(cache_dir, key);
    if let Some(skeleton) = read_grid(&path) {
        return Some(Arc::new(skeleton));
    }
    let skeleton = grid_by_key(key, cache_dir)?.skeleton();
    if let Ok(bytes) = postcard::to_allocvec(&entry(&skeleton)) {
        store(
            cache_dir,
            &path,
            &bytes,
            SKELETON_PREFIX,
            GRIDS_KEPT,
            Durability::Durable,
        );
    }
    Some(Arc::new(skeleton))
}

/// The grid `text` (named `file` in messages), checked, from the cache in `cache_dir` when
/// it holds this text's grid; parsed, checked and cached otherwise. Without a folder (a
/// source with no clone to keep it in), only the in-memory copy is used.
pub fn parse(file: &str, text: &str, cache_dir: Option<&Path>) -> Result<Arc<Grid>> {
    let key = hex(&Sha256::digest(text.as_bytes()));
    if let Some(grid) = recall(&key) {
        return Ok(grid);
    }
    let grid = Arc::new(parse_cached(file, text, &key, cache_dir)?);
    remember(&key, &grid);
    Ok(grid)
}

/// The cache files' part of [`parse`].
fn parse_cached(file: &str, text: &str, key: &str, cache_dir: Option<&Path>) -> Result<Grid> {
    let path = cache_dir.map(|dir| grid_path(dir, key));
    if let Some(grid) = path.as_deref().and_then(read_grid) {
        return Ok(grid);
    }
    let grid = grid::parse(file, text)?;
    if let (Some(dir), Some(path)) = (cache_dir, &path)
        && let Ok(bytes) = postcard::to_allocvec(&entry(&grid))
    {
        store(dir, path, &bytes, "grid-", GRIDS_KEPT, Durability::Durable);
        // Grids in the older layout (JSON) are never read again: megabytes each.
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with("grid-") && name.ends_with(".json") {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }
    Ok(grid)
}

/// The grid is kept in a binary form (postcard), not JSON: reading it back is most of what
/// a command that prints no text pays, and a binary form has no escapes to scan nor field
/// names to match. Records stay JSON: their types leave empty fields out, which only a
/// format that names its fields can read back.
fn grid_path(dir: &Path, key: &str) -> std::path::PathBuf {
    dir.join(format!("grid-{key}.bin"))
}

const SKELETON_PREFIX: &str = "skeleton-";

fn skeleton_path(dir: &Path, key: &str) -> std::path::PathBuf {
    dir.join(format!("{SKELETON_PREFIX}{key}.bin"))
}

fn read_grid(path: &Path) -> Option<Grid> {
    read_binary(path)
}

/// The value kept in `path` in postcard's binary form, when it is there and this version of
/// vmsaudit wrote it: for a value whose fields are all written ([`write_binary_scratch`]).
pub(super) fn read_binary<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = files::read_bytes(path, grid::load::MAX_GRID_BYTES * 4).ok()?;
    let entry: Entry<T> = postcard::from_bytes(&bytes).ok()?;
    entry.current()
}

/// How long a cache file can be in the making: its temporary file is written and renamed in
/// well under a second, even for the grid's megabytes on a loaded machine. One older than
/// this was left by a write that was killed.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes from the cache in `dir` the temporary files of writes that were killed before
/// their rename (`.vmsaudit-*.tmp`): nothing else ever would, and each holds up to a grid's
/// megabytes. Files younger than [`STALE_TEMPORARY`] may belong to a write under way in
/// another process (cache writes take no lock) and are left.
pub(super) fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        if !files::is_temporary(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|metadata| metadata.modified())
            .is_ok_and(|modified| {
                now.duration_since(modified)
                    .is_ok_and(|age| age > STALE_TEMPORARY)
            });
        if stale {
            // Best effort: another process may have removed it first.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The value kept in `path`, when it is there and this version of vmsaudit wrote it.
pub(super) fn read<T: DeserializeOwned>(path: &Path) -> Option<T> {
    let text = files::read_text(path, grid::load::MAX_GRID_BYTES * 4).ok()?;
    let entry: Entry<T> = serde_json::from_str(&text).ok()?;
    entry.current()
}

impl<T> Entry<T> {
    /// The value, when this version of vmsaudit wrote it.
    fn current(self) -> Option<T> {
        (self.vmsaudit == env!("CARGO_PKG_VERSION") && self.format == FORMAT).then_some(self.value)
    }
}

/// Whether a cache file is flushed to disk before it replaces the old one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Durability {
    Durable,
    /// For a file rewritten often and cheap to lose.
    Scratch,
}

/// Keeps `value` in `path`, privately and atomically; then the files of `dir` whose names
/// start with `prefix`, the oldest first, go until `keep` are left.
fn write<T: Serialize>(dir: &Path, path: &Path, value: &T, prefix: &str, keep: usize) {
    if let Ok(bytes) = serde_json::to_vec(&entry(value)) {
        store(dir, path, &bytes, prefix, keep, Durability::Durable);
    }
}

/// [`write`] for a file rewritten often and cheap to lose: not flushed to disk before it
/// replaces the old one. A crash leaves the old file, the new one, or one that is not JSON,
/// which is ignored like any damaged cache file.
pub(super) fn write_scratch<T: Serialize>(
    dir: &Path,
    path: &Path,
    value: &T,
    prefix: &str,
    keep: usize,
) {
    if let Ok(bytes) = serde_json::to_vec(&entry(value)) {
        store(dir, path, &bytes, prefix, keep, Durability::Scratch);
    }
}

/// [`write_scratch`] in postcard's binary form, read back by [`read_binary`]: for a value
/// read at every command whose fields are all written (a field left out when empty, as the
/// records' are, reads back only from a format that names its fields).
pub(super) fn write_binary_scratch<T: Serialize>(
    dir: &Path,
    path: &Path,
    value: &T,
    prefix: &str,
    keep: usize,
) {
    if let Ok(bytes) = postcard::to_allocvec(&entry(value)) {
        store(dir, path, &bytes, prefix, keep, Durability::Scratch);
    }
}

/// `value` stamped with the version of vmsaudit that keeps it.
fn entry<T>(value: &T) -> Entry<&T> {
    Entry {
        vmsaudit: env!("CARGO_PKG_VERSION").to_owned(),
        format: FORMAT,
        value,
    }
}

/// Writes the encoded `bytes` to `path`, then prunes `dir` as [`write`] says.
fn store(dir: &Path, path: &Path, bytes: &[u8], prefix: &str, keep: usize, durability: Durability) {
    if files::create_private_dir_all(dir).is_err() {
        return;
    }
    let written = match durability {
        Durability::Durable => files::write_atomic(path, bytes),
        Durability::Scratch => files::replace(path, bytes),
    };
    if written.is_err() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut others: Vec<(std::time::SystemTime, std::path::PathBuf)> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            // Files of an older layout (a grid kept as JSON) go too.
            name.starts_with(prefix)
                && (name.ends_with(".json") || name.ends_with(".bin"))
                && entry.path() != path
        })
        .map(|entry| {
            let modified = entry
                .metadata()
                .and_then(|metadata| metadata.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (modified, entry.path())
        })
        .collect();
    others.sort();
    let extra = (others.len() + 1).saturating_sub(keep);
    for (_, old) in others.into_iter().take(extra) {
        let _ = std::fs::remove_file(old);
    }
}

/// The records of a closed round, as loaded and checked and read back (kept as
/// [`RecordsRef`]; the grid is kept on its own).
#[derive(Deserialize)]
pub struct Records {
    /// The SHA-256 of the round's grid text: its grid is found by it, without reading the
    /// megabytes of the text from git again.
    pub grid: String,
    pub meta: Meta,
    pub answers: std::collections::BTreeMap<String, Answer>,
    pub assets: Assets,
    pub findings: Vec<Finding>,
    pub actions: Vec<Action>,
}

/// Which commits changed each file of the history up to `head`, oldest first (by id):
/// what `log` reads instead of walking thousands of commits.
#[derive(Serialize, Deserialize)]
pub struct Changes {
    pub head: String,
    pub paths: std::collections::BTreeMap<String, Vec<String>>,
}

const CHANGES: &str = "changes.json";

/// The index of changes the cache in `dir` holds, if any.
pub fn changes(dir: &Path) -> Option<Changes> {
    read(&dir.join(CHANGES))
}

/// Keeps `changes` in the cache in `dir`.
pub fn keep_changes(dir: &Path, changes: &Changes) {
    write(dir, &dir.join(CHANGES), changes, "changes", 1);
}

fn round_path(dir: &Path, commit: git2::Oid) -> std::path::PathBuf {
    dir.join(format!("round-{commit}.json"))
}

/// The records of the round closed by `commit`, when the cache in `dir` holds them.
pub fn round(dir: &Path, commit: git2::Oid) -> Option<Records> {
    read(&round_path(dir, commit))
}

/// The records of a closed round as they are kept: borrowed, to keep them without a copy.
#[derive(Serialize)]
pub struct RecordsRef<'a> {
    pub meta: &'a Meta,
    pub answers: &'a std::collections::BTreeMap<String, Answer>,
    pub assets: &'a Assets,
    pub findings: &'a [Finding],
    pub actions: &'a [Action],
}

/// Keeps the records of the round closed by `commit`, whose grid is `grid`, in the cache in
/// `dir`; not when `grid` is not the one this process last checked (its key is not known).
pub fn keep_round(dir: &Path, commit: git2::Oid, grid: &Arc<Grid>, records: RecordsRef) {
    #[derive(Serialize)]
    struct Kept<'a> {
        grid: String,
        #[serde(flatten)]
        records: RecordsRef<'a>,
    }
    let Some(grid) = key_of(grid) else {
        return;
    };
    write(
        dir,
        &round_path(dir, commit),
        &Kept { grid, records },
        "round-",
        ROUNDS_KEPT,
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Two loads of the same records (from files, from git, from a cache) agree on each.
    pub(in crate::engagement) fn assert_same_records(
        a: &super::super::State,
        b: &super::super::State,
    ) {
        assert_eq!(a.meta, b.meta);
        assert_eq!(a.answers, b.answers);
        assert_eq!(a.assets, b.assets);
        assert_eq!(a.findings, b.findings);
        assert_eq!(a.actions, b.actions);
        assert_eq!(*a.grid, *b.grid);
    }

    const GRID: &str = crate::grid::builtin::SOURCE;

    fn key(text: &str) -> String {
        hex(&Sha256::digest(text.as_bytes()))
    }

    #[test]
    fn a_grid_is_cached_once_checked_and_read_back_for_the_same_text_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let parsed = parse_cached("grid.yaml", GRID, &key(GRID), Some(&cache)).unwrap();
        let files: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().collect();
        assert_eq!(files.len(), 1);
        let path = files[0].path();
        assert_eq!(read_grid(&path).unwrap(), parsed);
        assert_eq!(
            parse_cached("grid.yaml", GRID, &key(GRID), Some(&cache)).unwrap(),
            parsed
        );
        // Through the in-memory copy too.
        assert_eq!(*parse("grid.yaml", GRID, Some(&cache)).unwrap(), parsed);

        // Another text is parsed and checked: its problems are reported, nothing is cached.
        let broken = GRID.replacen("id: ACC-02", "id: ACC-01", 1);
        let error = parse("grid.yaml", &broken, Some(&cache)).unwrap_err();
        assert!(error.to_string().contains("grid.yaml:"), "{error}");
        assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);

        // A damaged, cut or foreign cache file is ignored and replaced.
        let whole = std::fs::read(&path).unwrap();
        for damaged in [&b"{ not json"[..], &whole[..whole.len() / 2]] {
            std::fs::write(&path, damaged).unwrap();
            assert!(read_grid(&path).is_none());
            assert_eq!(
                parse_cached("grid.yaml", GRID, &key(GRID), Some(&cache)).unwrap(),
                parsed
            );
            assert_eq!(read_grid(&path).unwrap(), parsed);
        }
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        let at = whole
            .windows(version.len())
            .position(|window| window == version)
            .unwrap();
        let mut foreign = whole.clone();
        foreign[at] = b'9';
        std::fs::write(&path, foreign).unwrap();
        assert!(read_grid(&path).is_none());
    }

    #[test]
    fn a_grid_s_skeleton_is_kept_beside_it_and_answers_as_the_grid_does() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let key = key(GRID);
        let grid = parse_cached("grid.yaml", GRID, &key, Some(&cache)).unwrap();
        let skeleton = skeleton_by_key(&key, &cache).unwrap();
        let path = skeleton_path(&cache, &key);
        assert_eq!(read_grid(&path).as_ref(), Some(&*skeleton));
        // Read back from its own file, not from the grid's.
        std::fs::remove_file(grid_path(&cache, &key)).unwrap();
        assert_eq!(skeleton_by_key(&key, &cache).unwrap(), skeleton);

        // What an answer's rule reads of the grid is the grid's.
        let ids = |grid: &Grid| {
            grid.controls()
                .map(|(d, c)| (d.id.clone(), c.id.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&skeleton), ids(&grid));
        assert_eq!(skeleton.scale, grid.scale);
        assert_eq!(skeleton.languages, grid.languages);
        assert_eq!((&skeleton.id, &skeleton.version), (&grid.id, &grid.version));
        assert_eq!(
            skeleton.suggest_control("acc-1"),
            grid.suggest_control("acc-1")
        );
        // And it is smaller by the texts it leaves out.
        let size = |grid: &Grid| postcard::to_allocvec(grid).unwrap().len();
        assert!(
            size(&skeleton) * 3 < size(&grid),
            "{} {}",
            size(&skeleton),
            size(&grid)
        );

        // A damaged skeleton file is ignored and made again from the grid.
        std::fs::write(&path, b"not postcard").unwrap();
        parse_cached("grid.yaml", GRID, &key, Some(&cache)).unwrap();
        assert_eq!(skeleton_by_key(&key, &cache).unwrap(), skeleton);
        assert_eq!(read_grid(&path).as_ref(), Some(&*skeleton));
    }

    #[test]
    fn a_grid_cached_in_the_older_json_layout_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        std::fs::create_dir_all(&cache).unwrap();
        let old = cache.join(format!("grid-{}.json", key(GRID)));
        std::fs::write(&old, "{}").unwrap();
        parse_cached("grid.yaml", GRID, &key(GRID), Some(&cache)).unwrap();
        let names: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, [format!("grid-{}.bin", key(GRID))]);
    }

    #[test]
    fn texts_come_back_from_the_binary_form_as_they_were() {
        use crate::grid::Text;
        let texts = vec![
            Text::Plain("Contrôle d'accès".into()),
            Text::ByLang(crate::grid::Translations::from([
                ("fr".to_owned(), "Mots de passe par défaut".to_owned()),
                ("en".to_owned(), "Default passwords".to_owned()),
            ])),
        ];
        let bytes = postcard::to_allocvec(&texts).unwrap();
        let back: Vec<Text> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, texts);
        assert_eq!(
            back[1].get(crate::lang::Lang::Fr),
            "Mots de passe par défaut"
        );
        // JSON, for people and older caches, keeps a text's two shapes.
        assert_eq!(
            serde_json::to_string(&texts).unwrap(),
            r#"["Contrôle d'accès",{"en":"Default passwords","fr":"Mots de passe par défaut"}]"#
        );
    }

    #[test]
    fn a_closed_round_is_read_back_from_the_cache_as_it_was_loaded() {
        use std::os::unix::fs::PermissionsExt;

        let dir = tempfile::tempdir().unwrap();
        let now: jiff::Timestamp = "2026-11-28T09:00:00Z".parse().unwrap();
        let engagement =
            crate::demo::create(&dir.path().join("demo"), crate::grid::Lang::En, now).unwrap();
        let round = engagement.previous_round().unwrap().unwrap();
        let cache = engagement.root().join(".git/vmsaudit/cache");
        let path = round_path(&cache, round.commit);
        // Closing the round kept it; then it is read back from git and kept again.
        let closed = read::<Records>(&path).expect("closing a round keeps its records");
        std::fs::remove_file(&path).unwrap();

        let same = |a: &super::super::State, b: &super::super::State| {
            assert_same_records(a, b);
            assert!(b.warnings.is_empty());
        };
        let loaded = engagement.round_state(&round).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the cache is private: {mode:o}");
        // The round is not the working copy: the re-audit changed answers since.
        assert_ne!(loaded.answers, engagement.state().answers);

        let kept = engagement.round_state(&round).unwrap();
        same(&loaded, &kept);
        assert_eq!(closed.answers, loaded.answers);
        assert_eq!(closed.findings, loaded.findings);
        assert_eq!(closed.actions, loaded.actions);
        assert_eq!(closed.meta, loaded.meta);
        assert_eq!(closed.assets, loaded.assets);

        // What the cache holds is what is read back: a changed entry shows...
        let text = std::fs::read_to_string(&path).unwrap();
        let first = loaded.findings[0].title.clone();
        std::fs::write(&path, text.replace(&first, "Changed in the cache")).unwrap();
        assert_eq!(
            engagement.round_state(&round).unwrap().findings[0].title,
            "Changed in the cache"
        );
        // ...and a damaged one, or one another version wrote, is read again from git.
        std::fs::write(&path, "{ not json").unwrap();
        same(&loaded, &engagement.round_state(&round).unwrap());
        let foreign = std::fs::read_to_string(&path)
            .unwrap()
            .replace(env!("CARGO_PKG_VERSION"), "0.0.0-other");
        std::fs::write(&path, foreign).unwrap();
        same(&loaded, &engagement.round_state(&round).unwrap());
        assert!(read::<Records>(&path).is_some());
    }

    #[test]
    fn temporary_files_of_killed_writes_are_removed_once_stale() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path();
        // As a write killed between its temporary file and the rename leaves them.
        let make = |name: &str, age: std::time::Duration| {
            let path = cache.join(name);
            std::fs::write(&path, "{ half writ").unwrap();
            let file = std::fs::File::options().append(true).open(&path).unwrap();
            file.set_modified(std::time::SystemTime::now() - age)
                .unwrap();
            path
        };
        let minute = std::time::Duration::from_secs(60);
        let stale = make(".vmsaudit-AbC123.tmp", 11 * minute);
        let under_way = make(".vmsaudit-XyZ789.tmp", minute);
        let kept = make("grid-0123.json", 60 * minute);
        let other = make(".vmsaudit-notes", 60 * minute);
        remove_stale_temporaries(cache);
        assert!(!stale.exists(), "a killed write's file goes");
        assert!(under_way.exists(), "a write may still be under way");
        assert!(kept.exists() && other.exists(), "only temporary files go");
        // The load of an engagement does it: a kill while its cache was written.
        let now: jiff::Timestamp = "2026-11-28T09:00:00Z".parse().unwrap();
        let engagement =
            crate::demo::create(&dir.path().join("demo"), crate::grid::Lang::En, now).unwrap();
        let cache = engagement.root().join(".git/vmsaudit/cache");
        let stale = cache.join(".vmsaudit-k1LLed.tmp");
        std::fs::write(&stale, "{").unwrap();
        let file = std::fs::File::options().append(true).open(&stale).unwrap();
        file.set_modified(std::time::SystemTime::now() - 11 * minute)
            .unwrap();
        drop(file);
        super::super::Engagement::open(engagement.root()).unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn only_the_most_recent_rounds_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        for n in 0..ROUNDS_KEPT + 3 {
            let oid = git2::Oid::hash_object(git2::ObjectType::Blob, &[n as u8]).unwrap();
            write(&cache, &round_path(&cache, oid), &n, "round-", ROUNDS_KEPT);
            // Distinct modification times, oldest first.
            let file = std::fs::File::options()
                .append(true)
                .open(round_path(&cache, oid))
                .unwrap();
            file.set_modified(
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(n as u64 * 60),
            )
            .unwrap();
        }
        let mut kept: Vec<usize> = std::fs::read_dir(&cache)
            .unwrap()
            .flatten()
            .map(|entry| read::<usize>(&entry.path()).unwrap())
            .collect();
        kept.sort_unstable();
        assert_eq!(kept, (3..ROUNDS_KEPT + 3).collect::<Vec<_>>());
    }
}
