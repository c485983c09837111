//! The engagement's records at one point of its history — the working copy, or any commit
//! (an audit round's tag, a git revision) — read through one [`Source`], so the same parser
//! and the same checks load both.
//!
//! Reading a commit goes through `git::TreeFiles` (git objects): nothing is checked
//! out and the working copy is never touched.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::worktree_cache::{self, Seen, Stat, Table, Text, Trust};
use super::{
    ANSWERS_DIR, ENGAGEMENT_FILE, GRID_FILE, Meta, ParsedAnswers, State, cache, check_answers,
    check_meta, check_overrides, files, findings_plan_inventory, git, meta_problem, read_answers,
};
use crate::assessment::{SCANS_DIR, ScanRecord};
use crate::error::{Error, Position, Problem, Problems, Result};
use crate::grid;

/// Where an engagement's files are read from.
pub enum Source<'a> {
    /// The working copy, at this root.
    WorkTree(&'a Path),
    /// A commit's files, from git objects.
    Commit(git::TreeFiles<'a>),
}

impl Source<'_> {
    /// The text of `relative` (a path with `/`), or `None` when there is no such file.
    pub fn read_text(&self, relative: &str, limit: u64) -> Result<Option<String>> {
        match self {
            Source::WorkTree(root) => {
                files::read_engagement_text_if_any(&root.join(relative), limit)
                    .map_err(|error| named(error, relative))
            }
            Source::Commit(tree) => match tree.read(relative, limit)? {
                Some(bytes) => files::decode_text(bytes, relative, limit).map(Some),
                None => Ok(None),
            },
        }
    }

    /// A YAML record and its text, or `None` when there is no such file.
    pub fn read_record<T: serde::de::DeserializeOwned>(
        &self,
        relative: &str,
    ) -> Result<Option<(T, String)>> {
        match self.read_text(relative, files::MAX_RECORD_BYTES)? {
            Some(text) => files::parse_record(text, relative).map(Some),
            None => Ok(None),
        }
    }

    /// The texts of `relatives`, each as [`Source::read_text`] gives it, in order. Files of
    /// the working copy are read by several threads: an engagement is thousands of small
    /// files. A commit's are read from one repository handle, which is not shared between
    /// threads (they are in memory or in one pack: the cost is in parsing, done after).
    pub fn read_texts(&self, relatives: &[String], limit: u64) -> Vec<Result<Option<String>>> {
        match self {
            Source::WorkTree(root) => files::parallel_map(relatives.iter().collect(), |relative| {
                Source::WorkTree(root).read_text(relative, limit)
            }),
            Source::Commit(_) => relatives
                .iter()
                .map(|relative| self.read_text(relative, limit))
                .collect(),
        }
    }

    /// The record files `relatives` (paths with `/`), each read and parsed, in order; from
    /// the working copy, a record is taken from `kept` instead when its file is the one kept
    /// there (see `worktree_cache`). Several files at a time, as [`Source::read_texts`].
    pub(super) fn read_records<T: DeserializeOwned + Send>(
        &self,
        relatives: Vec<String>,
        kept: &mut Table<T>,
        trust: Trust,
    ) -> Vec<Loaded<T>> {
        match self {
            Source::WorkTree(root) => {
                let items: Vec<_> = relatives
                    .into_iter()
                    .map(|relative| {
                        let kept = kept.take(&relative);
                        (relative, kept)
                    })
                    .collect();
                files::parallel_map(items, |(relative, kept)| {
                    read_kept(root, relative, kept, trust)
                })
            }
            Source::Commit(_) => {
                let texts = self.read_texts(&relatives, files::MAX_RECORD_BYTES);
                let read: Vec<_> = relatives.into_iter().zip(texts).collect();
                // Parsing is most of the cost: thousands of small YAML files, each on its own.
                files::parallel_map(read, |(relative, text)| {
                    let parsed = match text {
                        Ok(Some(text)) => files::parse_record::<T>(text, &relative)
                            .map(|(value, text)| Some((value, Text::Read(text)))),
                        other => other.map(|_| None),
                    };
                    Loaded {
                        relative,
                        parsed,
                        seen: None,
                        read: true,
                    }
                })
            }
        }
    }

    /// Where the clone keeps its scratch files (the grid's cache): `.git/vmsaudit/cache`.
    pub fn cache_dir(&self) -> Option<std::path::PathBuf> {
        let git = match self {
            Source::WorkTree(root) => Some(root.join(".git")).filter(|git| git.is_dir())?,
            Source::Commit(tree) => tree.git_dir().to_path_buf(),
        };
        Some(cache::dir_in(&git))
    }

    /// The record files (`*.yaml`) of the folder `dir`, sorted; none when there is no such
    /// folder. Temporary files of an interrupted write start with a dot; they are not records.
    pub fn record_files(&self, dir: &str) -> Result<Vec<String>> {
        match self {
            Source::WorkTree(root) => findings_plan_inventory::record_files(&root.join(dir)),
            Source::Commit(tree) => Ok(tree
                .list(dir)?
                .into_iter()
                .filter(|name| findings_plan_inventory::is_record_name(name))
                .collect()),
        }
    }
}

/// Messages name files by their path in the engagement, not the absolute path.
fn named(error: Error, relative: &str) -> Error {
    match error {
        Error::Invalid(Problems(problems)) => Error::Invalid(Problems(
            problems
                .into_iter()
                .map(|problem| problem.named(relative))
                .collect(),
        )),
        other => other,
    }
}

/// Loads and checks every record from `source`: each problem of each file, in one error.
///
/// The grid is read from its cache (or parsed) on a thread of its own while the records
/// are read and parsed, several files at a time; the checks that need the grid come after.
/// From the working copy, records whose files have not changed since the clone's cache of
/// parsed records was written come from it (`worktree_cache`), and the cache is written
/// again when it was missing or many files had to be read.
pub fn load(source: &Source) -> Result<State> {
    load_counting(source).map(|(state, _)| state)
}

/// [`load`], with how many record files were read (not taken from the cache).
pub(super) fn load_counting(source: &Source) -> Result<(State, usize)> {
    load_walking(source).map(|(state, read, _)| (state, read))
}

/// The working copy's records, with its folders as the walk that refused links saw them.
pub(super) fn load_worktree(root: &Path) -> Result<(State, worktree_cache::Dirs)> {
    load_walking(&Source::WorkTree(root)).map(|(state, _, dirs)| (state, dirs))
}

/// [`load`], with how many record files were read and the working copy's folders (none for
/// a commit).
fn load_walking(source: &Source) -> Result<(State, usize, worktree_cache::Dirs)> {
    // Before any file is looked at: a file changed from now on has times no older than this.
    let since = worktree_cache::now();
    let cache = source.cache_dir();
    let worktree_cache = match source {
        Source::WorkTree(_) => cache.as_deref(),
        Source::Commit(_) => None,
    };
    let mut head = worktree_cache
        .map(worktree_cache::open_head)
        .unwrap_or_default();
    if let Source::WorkTree(root) = source {
        head.dirs = worktree_cache::check_tree(root, &head.dirs, head.trust)?;
    }
    if let Some(dir) = worktree_cache {
        cache::remove_stale_temporaries(dir);
    }
    let mut tally = Tally::default();
    let meta = read_meta(source, &mut head, &mut tally)?;
    let (grid, mut answers, mut records, records_cached) = match source {
        Source::WorkTree(root) => read_worktree(root, &mut head, cache.as_deref()),
        Source::Commit(_) => read_commit(source, cache.as_deref())?,
    };
    let (grid, grid_seen) = grid?;
    if let Some(seen) = grid_seen {
        tally.seen.insert(GRID_FILE.to_owned(), seen);
    }
    if let Ok(answers) = &mut answers {
        tally.note_all(answers);
    }
    if let Ok(records) = &mut records {
        records.note(&mut tally);
    }
    let scans = read_scans(source)?;
    let state = checked(source, meta, grid, answers, records, scans)?;
    if let Some(dir) = worktree_cache
        && (!head.trust.found() || !records_cached || tally.read >= worktree_cache::REWRITE_AFTER)
    {
        worktree_cache::keep(dir, since, &state, &tally.seen, &head.dirs);
    }
    Ok((state, tally.read, head.dirs))
}

/// `engagement.yaml`, read and parsed (or taken from the cache's `head`) and checked.
fn read_meta(source: &Source, head: &mut worktree_cache::Head, tally: &mut Tally) -> Result<Meta> {
    let mut meta =
        source.read_records(vec![ENGAGEMENT_FILE.to_owned()], &mut head.meta, head.trust);
    tally.note_all(&mut meta);
    let (meta, _) = meta
        .pop()
        .and_then(|loaded| loaded.parsed.transpose())
        .ok_or_else(|| missing(ENGAGEMENT_FILE))??;
    check_meta(source, &meta)?;
    Ok(meta)
}

/// The grid (with how `grid.yaml` was seen, from the working copy), the answers and the
/// other records as read, not checked yet, and whether the records came with a cache.
type Read = (
    Result<(Arc<grid::Grid>, Option<Seen>)>,
    Result<ParsedAnswers>,
    Result<findings_plan_inventory::Read>,
    bool,
);

/// The working copy's grid and records: the grid on this thread, the records (and their
/// cache) on another one meanwhile.
fn read_worktree(root: &Path, head: &mut worktree_cache::Head, cache: Option<&Path>) -> Read {
    std::thread::scope(|scope| {
        // The grid on this thread: it is the largest allocation, and the main thread's heap
        // grows in large steps where another thread's grows a page at a time (one system
        // call per page with glibc).
        let records = scope.spawn(move || {
            let source = Source::WorkTree(root);
            let worktree_cache::Records {
                trust,
                assets,
                mut answers,
                findings,
                actions,
            } = cache.map(worktree_cache::open_records).unwrap_or_default();
            let mut kept = findings_plan_inventory::Kept {
                assets,
                findings,
                actions,
            };
            (
                read_answers(&source, &mut answers, trust),
                findings_plan_inventory::read(&source, &mut kept, trust),
                trust.found(),
            )
        });
        let grid = worktree_grid(root, head.grid.take(), head.trust, cache);
        let (answers, records, found) = records
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (grid, answers, records, found)
    })
}

/// A commit's grid and records. Its files come through one repository handle, which stays
/// on this thread: the grid is parsed on another one meanwhile.
fn read_commit(source: &Source, cache: Option<&Path>) -> Result<Read> {
    let grid_text = source
        .read_text(GRID_FILE, grid::load::MAX_GRID_BYTES)?
        .ok_or_else(|| missing(GRID_FILE))?;
    Ok(std::thread::scope(|scope| {
        let grid =
            scope.spawn(|| cache::parse(GRID_FILE, &grid_text, cache).map(|grid| (grid, None)));
        let trust = Trust::default();
        let answers = read_answers(source, &mut Table::default(), trust);
        let records = findings_plan_inventory::read(source, &mut Default::default(), trust);
        let grid = grid
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (grid, answers, records, false)
    }))
}

/// The state of records as read, once checked against the grid and against each other:
/// every problem of the answers and of the other records in one error.
fn checked(
    source: &Source,
    meta: Meta,
    grid: Arc<grid::Grid>,
    answers: Result<ParsedAnswers>,
    records: Result<findings_plan_inventory::Read>,
    scans: Vec<ScanRecord>,
) -> Result<State> {
    check_overrides(source, &meta, &grid)?;
    if !grid.speaks(meta.language) {
        let flaw = crate::messages::MetaFlaw::Language {
            lang: meta.language.to_string(),
            has: grid.languages.clone(),
        };
        return Err(Error::Invalid(Problems(vec![meta_problem(source, flaw)])));
    }
    let answers = answers.and_then(|answers| check_answers(answers, &grid));
    let records = records.and_then(|read| findings_plan_inventory::check(read, &grid));
    let (answers, (records, mut warnings)) = match (answers, records) {
        (Ok(answers), Ok(records)) => (answers, records),
        (Err(Error::Invalid(Problems(mut first))), Err(Error::Invalid(Problems(second)))) => {
            first.extend(second);
            return Err(Error::Invalid(Problems(first)));
        }
        (Err(error), _) | (_, Err(error)) => return Err(error),
    };
    warnings.extend(answers.warnings);
    Ok(State {
        meta,
        grid,
        answers: answers.answers,
        stranded: answers.stranded,
        assets: records.assets,
        findings: records.findings,
        actions: records.actions,
        scans,
        warnings,
    })
}

/// The imported scans' records, in id order. They are few and small, so they are not
/// kept in the cache of parsed records.
fn read_scans(source: &Source) -> Result<Vec<ScanRecord>> {
    let relatives = source
        .record_files(SCANS_DIR)?
        .into_iter()
        .map(|name| format!("{SCANS_DIR}/{name}"))
        .collect();
    let mut scans = Vec::new();
    let mut problems = Vec::new();
    for loaded in
        source.read_records::<ScanRecord>(relatives, &mut Table::default(), Trust::default())
    {
        match loaded.parsed {
            Ok(Some((record, _))) => scans.push(record),
            Ok(None) => {}
            Err(Error::Invalid(Problems(found))) => problems.extend(found),
            Err(error) => return Err(error),
        }
    }
    if problems.is_empty() {
        Ok(scans)
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// The working copy's grid, with how `grid.yaml` was seen: from the grid's cache by the key
/// kept for the file when it has not changed (without reading its megabytes of text), read
/// and hashed (and parsed unless the grid's cache has it) otherwise.
pub(super) fn worktree_grid(
    root: &Path,
    kept: Option<Seen>,
    trust: Trust,
    cache: Option<&Path>,
) -> Result<(Arc<grid::Grid>, Option<Seen>)> {
    let stat = Stat::of(&root.join(GRID_FILE));
    if let (Some(seen), Some(dir)) = (kept, cache)
        && trust.trusts(&seen, stat)
        && let Some(grid) = cache::grid_by_key(&seen.blob, dir)
    {
        return Ok((grid, Some(seen)));
    }
    let text = Source::WorkTree(root)
        .read_text(GRID_FILE, grid::load::MAX_GRID_BYTES)?
        .ok_or_else(|| missing(GRID_FILE))?;
    let grid = cache::parse(GRID_FILE, &text, cache)?;
    let seen = stat
        .zip(cache::key_of(&grid))
        .map(|(stat, blob)| Seen { stat, blob });
    Ok((grid, seen))
}

/// The [`grid::Grid::skeleton`] of the working copy's grid, from the grid's cache by the key
/// kept for `grid.yaml` while the file has not changed; `None` otherwise (the grid is then
/// read as [`worktree_grid`] reads it).
pub(super) fn worktree_skeleton(
    root: &Path,
    kept: Option<&Seen>,
    trust: Trust,
    cache: &Path,
) -> Option<Arc<grid::Grid>> {
    let seen = kept?;
    trust
        .trusts(seen, Stat::of(&root.join(GRID_FILE)))
        .then(|| cache::skeleton_by_key(&seen.blob, cache))
        .flatten()
}

/// The records the rule of an answer reads: `engagement.yaml`, the grid (`grid`, as
/// [`worktree_grid`] or [`worktree_skeleton`] gave it) and the answer of the control `typed`
/// names (none when the grid has no such control: the rule says so). No other record is
/// read, nor checked, nor put in the cache of parsed records: for a command whose lock's
/// recovery found nothing left (see `one_shot`).
pub(super) fn load_answer(
    root: &Path,
    head: &mut worktree_cache::Head,
    grid: Arc<grid::Grid>,
    typed: &str,
) -> Result<State> {
    let source = Source::WorkTree(root);
    let meta = read_meta(&source, head, &mut Tally::default())?;
    let relatives = grid
        .control(typed)
        .map(|(_, control)| format!("{ANSWERS_DIR}/{}.yaml", control.id))
        .into_iter()
        .collect();
    let answers = source.read_records(relatives, &mut Table::default(), Trust::default());
    checked(
        &source,
        meta,
        grid,
        Ok(answers),
        Ok(Default::default()),
        Vec::new(),
    )
}

/// How a load saw the working copy's files (for the cache it writes) and how many it read.
#[derive(Default)]
pub(super) struct Tally {
    seen: HashMap<String, Seen>,
    read: usize,
}

impl Tally {
    pub(super) fn note_all<T>(&mut self, loaded: &mut [Loaded<T>]) {
        for one in loaded {
            self.read += usize::from(one.read);
            if let Some(seen) = one.seen.take() {
                self.seen.insert(one.relative.clone(), seen);
            }
        }
    }
}

/// A record file as a load found it: parsed (or why not), how it was seen when it was read
/// (for the cache; nothing for a commit's files), and whether it was read at all.
pub(super) struct Loaded<T> {
    pub relative: String,
    pub parsed: Parsed<T>,
    pub seen: Option<Seen>,
    pub read: bool,
}

/// A record and the text it was parsed from, `None` when there is no such file, or why it
/// does not parse.
pub(super) type Parsed<T> = Result<Option<(T, Text)>>;

/// A record file of the working copy, from the cache when its file is the one kept, read
/// and parsed (unless its text is the one kept) otherwise.
fn read_kept<T: DeserializeOwned>(
    root: &Path,
    relative: String,
    kept: Option<(Seen, T)>,
    trust: Trust,
) -> Loaded<T> {
    let path = root.join(&relative);
    // Before the read: a change during it shows as a change next time.
    let stat = Stat::of(&path);
    let kept = match kept {
        Some((seen, value)) if trust.trusts(&seen, stat) => {
            return Loaded {
                relative,
                parsed: Ok(Some((value, Text::OnDisk(path)))),
                seen: Some(seen),
                read: false,
            };
        }
        other => other,
    };
    let text = match files::read_engagement_text_if_any(&path, files::MAX_RECORD_BYTES) {
        Ok(Some(text)) => text,
        other => {
            return Loaded {
                parsed: other.map(|_| None).map_err(|error| named(error, &relative)),
                relative,
                seen: None,
                read: true,
            };
        }
    };
    let blob = worktree_cache::blob_id(&text);
    let parsed = match kept {
        Some((old, value)) if old.blob == blob => Ok(Some((value, Text::Read(text)))),
        _ => files::parse_record::<T>(text, &relative)
            .map(|(value, text)| Some((value, Text::Read(text)))),
    };
    let seen = stat
        .filter(|_| parsed.is_ok())
        .map(|stat| Seen { stat, blob });
    Loaded {
        relative,
        parsed,
        seen,
        read: true,
    }
}

/// The state of the round closed by `commit` (whose files `source` reads): from the clone's
/// cache when it holds this commit's records, loaded and then kept there otherwise. A
/// closed round never changes; only one that loaded without a warning is kept.
pub fn load_round(source: &Source, commit: git2::Oid) -> Result<State> {
    let Some(dir) = source.cache_dir() else {
        return load(source);
    };
    if let Some(kept) = cache::round(&dir, commit) {
        // The grid has its own cache, and is most likely the working copy's, already in
        // memory. When it is neither, its text is read from the commit and checked.
        let grid = match cache::grid_by_key(&kept.grid, &dir) {
            Some(grid) => grid,
            None => {
                let grid_text = source
                    .read_text(GRID_FILE, grid::load::MAX_GRID_BYTES)?
                    .ok_or_else(|| missing(GRID_FILE))?;
                cache::parse(GRID_FILE, &grid_text, Some(&dir))?
            }
        };
        return Ok(State {
            meta: kept.meta,
            grid,
            answers: kept.answers,
            stranded: Default::default(),
            assets: kept.assets,
            findings: kept.findings,
            actions: kept.actions,
            scans: read_scans(source)?,
            warnings: Vec::new(),
        });
    }
    let state = load(source)?;
    keep_round(&dir, commit, &state);
    Ok(state)
}

/// Keeps `state`, the records of the round closed by `commit`, in the cache in `dir` when it
/// has no warning.
pub fn keep_round(dir: &Path, commit: git2::Oid, state: &State) {
    if state.warnings.is_empty() {
        cache::keep_round(
            dir,
            commit,
            &state.grid,
            cache::RecordsRef {
                meta: &state.meta,
                answers: &state.answers,
                assets: &state.assets,
                findings: &state.findings,
                actions: &state.actions,
            },
        );
    }
}

fn missing(relative: &str) -> Error {
    Error::at(
        Position::file(relative),
        crate::error::Output::NotAtRevision,
    )
}

/// Names every file of `error` as `revision:file`, as git does (`audit/2026-02:findings/F-1.yaml`).
pub fn at_revision(error: Error, revision: &str) -> Error {
    match error {
        Error::Invalid(Problems(problems)) => Error::Invalid(Problems(
            problems
                .into_iter()
                .map(|problem| Problem {
                    at: Position::new(
                        format!("{revision}:{}", problem.at.file),
                        problem.at.line,
                        problem.at.column,
                    ),
                    ..problem
                })
                .collect(),
        )),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Level;
    use crate::engagement::{AnswerChange, Engagement, InitOptions};

    #[test]
    fn a_commit_loads_like_the_working_copy_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let now: jiff::Timestamp = "2026-02-03T10:00:00Z".parse().unwrap();
        let options = InitOptions {
            client: "ACME".into(),
            auditors: vec!["Jeanne Martin <jm@example.org>".parse().unwrap()],
            ..InitOptions::default()
        };
        let root = dir.path().join("acme");
        let mut engagement = Engagement::init(&root, options, now).unwrap();
        let who = engagement.auditor(None).unwrap();
        let first = git::head(&engagement.repo).unwrap().unwrap();
        let change = AnswerChange {
            control: "ACC-01".into(),
            level: Some(Level::Score(2)),
            observations: Some("seen".into()),
            evidence: vec![],
            drop_evidence: vec![],
        };
        let saved = engagement
            .change(crate::rules::Change::Answer(change), &who, now)
            .unwrap();
        // A change not committed: the working copy has it, the commit does not.
        let path = root.join("answers/ACC-01.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("level: 2", "level: 3")).unwrap();

        let work = load(&Source::WorkTree(&root)).unwrap();
        assert_eq!(work.answers["ACC-01"].level, Level::Score(3));
        let repo = &engagement.repo;
        let at_commit = load(&Source::Commit(
            git::TreeFiles::of(repo, saved.commit.unwrap()).unwrap(),
        ))
        .unwrap();
        assert_eq!(at_commit.answers["ACC-01"].level, Level::Score(2));
        assert_eq!(at_commit.meta, work.meta);
        assert_eq!(at_commit.grid.control_count(), work.grid.control_count());
        let at_start = load(&Source::Commit(git::TreeFiles::of(repo, first).unwrap())).unwrap();
        assert!(at_start.answers.is_empty());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text.replace("level: 2", "level: 3")
        );
    }
}
