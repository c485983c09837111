//! The pinned grid, parsed and checked once per content rather than at every start.
//!
//! A grid of 2,000 controls is megabytes of YAML that the loader reads twice (keys with
//! their positions, then typed values) to report every problem at its line: about a quarter
//! of a second, at every command and every start of the checklist, for a file that never
//! changes once the engagement is started. The grid as checked is kept as JSON in the
//! clone's `.git/vmsaudit/cache/grid-<SHA-256 of the text>.json` (private, never committed),
//! and read back when the text is the same, byte for byte, and the file was written by this
//! version of vmsaudit (a newer one may check more). Within one process the last grid is also
//! kept in memory, so that loading a round, another round and the working copy (a diff, a
//! report beside the previous round) parses or reads it once.
//!
//! Anything wrong with a cache file (missing, unreadable, another version, not JSON) means
//! the YAML is parsed and checked again; only a grid that passed every check is ever
//! cached, so a grid edited by hand is reported exactly as before. Failing to write the
//! cache (a read-only folder) is not an error.

use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::files;
use crate::error::Result;
use crate::grid::{self, Grid};

/// Bumped when the cache's layout changes; with the crate's version in every file.
const FORMAT: u32 = 1;

/// A cache file (written through `EntryRef`, without copying the grid).
#[derive(Deserialize)]
struct Entry {
    vmsaudit: String,
    format: u32,
    grid: Grid,
}

/// The last grid this process checked or read, by the hash of its text.
static LAST: Mutex<Option<(String, Arc<Grid>)>> = Mutex::new(None);

/// The grid `text` (named `file` in messages), checked, from the cache in `cache_dir` when
/// it holds this text's grid; parsed, checked and cached otherwise. Without a folder (a
/// source with no clone to keep it in), only the in-memory copy is used.
pub fn parse(file: &str, text: &str, cache_dir: Option<&Path>) -> Result<Arc<Grid>> {
    let key = hex(&Sha256::digest(text.as_bytes()));
    if let Ok(last) = LAST.lock()
        && let Some((known, grid)) = last.as_ref()
        && *known == key
    {
        return Ok(Arc::clone(grid));
    }
    let grid = Arc::new(parse_cached(file, text, &key, cache_dir)?);
    if let Ok(mut last) = LAST.lock() {
        *last = Some((key, Arc::clone(&grid)));
    }
    Ok(grid)
}

/// The cache files' part of [`parse`].
fn parse_cached(file: &str, text: &str, key: &str, cache_dir: Option<&Path>) -> Result<Grid> {
    let path = cache_dir.map(|dir| dir.join(format!("grid-{key}.json")));
    if let Some(grid) = path.as_deref().and_then(read) {
        return Ok(grid);
    }
    let grid = grid::parse(file, text)?;
    if let (Some(dir), Some(path)) = (cache_dir, &path) {
        write(dir, path, &grid);
    }
    Ok(grid)
}

fn read(path: &Path) -> Option<Grid> {
    let text = files::read_text(path, grid::load::MAX_GRID_BYTES * 4).ok()?;
    let entry: Entry = serde_json::from_str(&text).ok()?;
    (entry.vmsaudit == env!("CARGO_PKG_VERSION") && entry.format == FORMAT).then_some(entry.grid)
}

/// Keeps `grid` in `path`, privately and atomically; the stale entries of other texts go.
fn write(dir: &Path, path: &Path, grid: &Grid) {
    #[derive(Serialize)]
    struct EntryRef<'a> {
        vmsaudit: &'a str,
        format: u32,
        grid: &'a Grid,
    }
    let entry = EntryRef {
        vmsaudit: env!("CARGO_PKG_VERSION"),
        format: FORMAT,
        grid,
    };
    let Ok(json) = serde_json::to_string(&entry) else {
        return;
    };
    if files::create_private_dir_all(dir).is_err() {
        return;
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for old in entries.flatten() {
            let name = old.file_name();
            let name = name.to_string_lossy();
            if name.starts_with("grid-") && name.ends_with(".json") && old.path() != path {
                let _ = std::fs::remove_file(old.path());
            }
        }
    }
    let _ = files::write_atomic(path, json.as_bytes());
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(read(&path).unwrap(), parsed);
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

        // A damaged or foreign cache file is ignored and replaced.
        std::fs::write(&path, "{ not json").unwrap();
        assert_eq!(
            parse_cached("grid.yaml", GRID, &key(GRID), Some(&cache)).unwrap(),
            parsed
        );
        assert_eq!(read(&path).unwrap(), parsed);
        let foreign = std::fs::read_to_string(&path)
            .unwrap()
            .replace(env!("CARGO_PKG_VERSION"), "0.0.0-other");
        std::fs::write(&path, foreign).unwrap();
        assert!(read(&path).is_none());
    }
}
