//! The engagement: the one place that touches the disk and git.
//!
//! An engagement is a git repository of plain files (`engagement.yaml`, the pinned
//! `grid.yaml`, one `answers/<CONTROL>.yaml` per control, `findings/<ID>.yaml`,
//! `actions/<ID>.yaml`, `assets.yaml`, `evidence/...`). Every change is
//! validated first, then written atomically, then committed with a message that says what
//! changed, under the lock that keeps one writer at a time. Front ends (CLI, TUI) call the
//! operations here; they never write files or run git themselves.

mod access;
mod cache;
mod change;
mod cves;
mod evidence;
mod export;
use crate::files;
mod findings_plan_inventory;
mod git;
pub mod lock;
mod one_shot;
mod reporting;
mod rounds;
mod scans;
mod state;
mod sync;
pub mod sync_said;
mod templates;
mod worktree_cache;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use git2::Repository;
use jiff::Timestamp;

pub use crate::model::{FORMAT, Meta, Scope, State};
pub use crate::rules::NewGrid;
pub use crate::rules::{AnswerChange, Change};
pub use cves::{AppliedCve, CVES_DIR, CveImport, FeedSummary, Outcome};
pub use evidence::{EVIDENCE_DIR, Integrity};
pub use export::{ExportFormat, write_private};
pub use findings_plan_inventory::{
    ACTION_PREFIX, ACTIONS_DIR, ASSETS_FILE, FINDING_PREFIX, FINDINGS_DIR, ID_SUFFIX_LEN,
};
pub use reporting::{
    REFERENCE_DOCX, write_report, write_report_docx, write_report_html, write_report_markdown,
};
pub use rounds::{Closed, LogEntry, REPORTS_DIR, Regridded, Round, Started, check_label};
pub use scans::{Capture, MAX_SCAN_BYTES, ScanImport, Target, shell_words, short_id};
pub use state::Source;
pub use sync::{Merged, Synced, Transport};
pub use templates::{Acceptance, TemplateOverride};

use crate::assessment::{Answer, Auditor, Level};
use crate::error::{Error, FieldProblem, Fix, Position, Problem, Problems, Result, Setting, Wrong};
use crate::field::AnswerField;
use crate::grid::{self, Grid, Lang};
use crate::messages::{Doing, MetaFlaw, Thing, Unknown};

pub use crate::rules::{ANSWERS_DIR, ENGAGEMENT_FILE, GRID_FILE};

/// How long a command waits for another one holding the lock before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// What `init` needs to start an engagement.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    pub client: String,
    pub site: Option<String>,
    pub contract: Option<String>,
    pub firm: Option<String>,
    pub auditors: Vec<Auditor>,
    pub language: Option<Lang>,
    /// A grid file to pin instead of the built-in grid.
    pub grid: Option<PathBuf>,
}

/// Text typed but not saved, kept across sessions: a control's observations, or a record's
/// form.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The control whose observations these are; for a form's draft, the form's name as the
    /// checklist gave it (`finding-new`, `action-A-K3X9Q2`).
    pub control: String,
    pub text: String,
    pub saved_at: Option<Timestamp>,
    /// A form's fields (the checklist's to read back), rather than observations.
    pub form: bool,
}

/// The file a form's draft is kept in: `form-` and its name, any byte but an ASCII letter,
/// digit or `-` written `_` and two hex digits, so that no name (an asset's id is free text)
/// can leave the drafts' folder or hide there.
fn form_draft_file(name: &str) -> String {
    let mut file = String::from(FORM_DRAFT_PREFIX);
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' {
            file.push(char::from(byte));
        } else {
            file.push_str(&format!("_{byte:02x}"));
        }
    }
    file.push_str(FORM_DRAFT_SUFFIX);
    file
}

/// The name [`form_draft_file`] made `file` from, if it made it.
fn form_draft_name(file: &str) -> Option<String> {
    let encoded = file
        .strip_prefix(FORM_DRAFT_PREFIX)?
        .strip_suffix(FORM_DRAFT_SUFFIX)?;
    let mut bytes = Vec::new();
    let mut rest = encoded.as_bytes();
    while let Some((&first, after)) = rest.split_first() {
        if first == b'_' {
            let hex = std::str::from_utf8(after.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &after[2..];
        } else {
            bytes.push(first);
            rest = after;
        }
    }
    String::from_utf8(bytes).ok()
}

const FORM_DRAFT_PREFIX: &str = "form-";
const FORM_DRAFT_SUFFIX: &str = ".yaml";

/// What a change did: the commit's message, and the commit unless nothing changed.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    pub message: String,
    pub commit: Option<git2::Oid>,
    /// The id of the record the change created.
    pub created: Option<String>,
    /// What an asset change did to the inventory.
    pub upsert: Option<crate::assessment::Upsert>,
    /// Rows of an import that changed nothing.
    pub unchanged: usize,
    /// The evidence references the change took off its record, and what became of each file.
    pub detached: Vec<crate::rules::Detached>,
}

pub struct Engagement {
    root: PathBuf,
    repo: Repository,
    /// Held for a whole interactive session, so that other writers wait or are refused; or
    /// for the one change of a command ([`Engagement::open_to_change`]).
    session_lock: Option<lock::Lock>,
    /// Set by [`Engagement::seed_ids`] for reproducible record ids.
    id_seed: Option<u64>,
    /// HEAD when the records were read from the working copy (read before them).
    loaded_at: Option<git2::Oid>,
    /// Every record of the working copy, as last loaded or saved.
    state: State,
    /// The working copy's folders, as the load walked them: where the lock's recovery looks
    /// for files git's index lacks.
    dirs: worktree_cache::Dirs,
    /// Whether `state` holds every record.
    holds: Holds,
    /// Whether opening undid the checkout of a sync killed in the middle of it.
    sync_undone: bool,
}

/// What an engagement's records in memory are: every record, or only what the one change
/// of a command reads (`Engagement::open_to_change`), made or not yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Everything,
    OneChange,
    OneChangeMade,
}

impl std::fmt::Debug for Engagement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engagement")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl Engagement {
    /// Opens the engagement that `start` is in (the folder itself or one above it, as git
    /// finds its repository), loading and checking every record.
    pub fn open(start: &Path) -> Result<Engagement> {
        let root = find_root(start)?;
        let repo = git::open(&root)?;
        // Before the records are read: they may be a co-auditor's, half-written.
        let sync_undone = undo_interrupted_sync(&repo)?;
        let loaded_at = git::head(&repo)?;
        let (state, dirs) = state::load_worktree(&root)?;
        Ok(Engagement {
            root,
            repo,
            session_lock: None,
            id_seed: None,
            loaded_at,
            state,
            dirs,
            holds: Holds::Everything,
            sync_undone,
        })
    }

    /// What to tell the auditor when opening undid the checkout of a sync killed in the
    /// middle of it: that it was undone, and to sync again.
    pub fn sync_undone_warning(&self, lang: Lang) -> Option<String> {
        self.sync_undone.then(|| crate::messages::sync_undone(lang))
    }

    /// Creates a new engagement in `dir` (absent or empty): its files and a first commit.
    /// On failure, nothing is left behind.
    pub fn init(dir: &Path, options: InitOptions, now: Timestamp) -> Result<Engagement> {
        let (grid, grid_text) = match &options.grid {
            Some(path) => grid::read(path)?,
            None => (grid::builtin::grid()?, grid::builtin::SOURCE.to_owned()),
        };
        let language = init_language(&grid, options.language)?;
        if options.client.trim().is_empty() {
            return Err(Setting::NoClient.into());
        }
        let author = init_author(&options.auditors)?;
        let created_dir = claim_empty_dir(dir)?;
        let meta = Meta {
            format: FORMAT,
            client: options.client.trim().to_owned(),
            site: options.site,
            contract: options.contract,
            firm: options.firm,
            auditors: options.auditors,
            language,
            scope: Scope::default(),
            created: crate::clock::day(now),
            round: None,
            carried_over: None,
            overrides: Default::default(),
        };
        let result = write_new(dir, &meta, &grid_text, &author, now);
        if result.is_err() {
            // Leave the folder as it was: remove what this call created.
            if created_dir {
                let _ = std::fs::remove_dir_all(dir);
            } else {
                for name in [".git", ENGAGEMENT_FILE, GRID_FILE] {
                    let path = dir.join(name);
                    let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
                }
            }
        }
        result?;
        let engagement = Engagement::open(dir)?;
        if let Some(commit) = engagement.loaded_at {
            engagement.note_references(commit);
        }
        Ok(engagement)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every record of the working copy: what the report, the comparisons, the checklist's
    /// views and the command line's lists read.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The commit the engagement's history is at (none before the first).
    pub fn head(&self) -> Result<Option<git2::Oid>> {
        git::head(&self.repo)
    }

    /// The commit the records in memory ([`Engagement::state`]) stand at: HEAD when they
    /// were read, or the commit of the last change made through this engagement; `None`
    /// when they may stand at no commit (something was undone since they were read). When
    /// it is HEAD, the state in memory is what loading the working copy would give.
    pub fn loaded_at(&self) -> Option<git2::Oid> {
        self.loaded_at
    }

    /// The commit the engagement at `root` is at, without reading its records.
    pub fn head_of(root: &Path) -> Result<Option<git2::Oid>> {
        git::head(&git::open(root)?)
    }

    /// The permission bits other users have on the engagement's folder, when they have any:
    /// on a shared jump host, a client's weaknesses must not be readable by the next user.
    /// Everything vmsaudit creates is private; a folder copied or unpacked by hand may not be.
    pub fn exposure(&self) -> Option<u32> {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&self.root).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then_some(mode)
    }

    /// The warning to show for [`Engagement::exposure`] in `lang`, with the command that
    /// fixes it.
    pub fn exposure_warning(&self, lang: Lang) -> Option<String> {
        self.exposure()
            .map(|mode| crate::messages::exposed(lang, &self.root.display().to_string(), mode))
    }

    /// Draws the ids of new findings and actions from a fixed sequence instead of the
    /// system's random source, so that the demo, a benchmark or a test fixture is the same
    /// on every run. Never for real engagements: two clones seeded alike would draw the
    /// same ids.
    pub fn seed_ids(&mut self, seed: u64) {
        self.id_seed = Some(seed);
    }

    /// Who the changes made from this clone are authored by: `explicit` if given, else the
    /// clone's git identity (set by `init --auditor`). Never another auditor of the
    /// engagement: a clone made with `git clone` by someone who did not set their identity
    /// would sign their work with the first auditor's name, in the commits and in
    /// `assessed_by`; refused instead, with the commands that set it.
    pub fn auditor(&self, explicit: Option<Auditor>) -> Result<Auditor> {
        explicit
            .or_else(|| git::identity(&self.repo))
            .ok_or_else(|| Error::from(Setting::NoIdentity(self.root.display().to_string())))
    }

    /// `reports/draft/`, where `vmsaudit report` writes by default. A draft is rendered again
    /// at will, so it stays out of the history: the folder is listed in the clone's
    /// `.git/info/exclude` (closing a round commits its report under `reports/<round>/`).
    pub fn draft_report_dir(&self) -> Result<PathBuf> {
        self.check_drafts_untracked()?;
        let dir = self.root.join("reports").join("draft");
        files::create_private_dir_all(&dir)?;
        let exclude = self.repo.path().join("info").join("exclude");
        let current = std::fs::read_to_string(&exclude).unwrap_or_default();
        if !current.lines().any(|line| line.trim() == "/reports/draft/") {
            files::create_private_dir_all(&self.repo.path().join("info"))?;
            let mut text = current;
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str("/reports/draft/\n");
            files::write_atomic(&exclude, text.as_bytes())?;
        }
        Ok(dir)
    }

    /// Refuses a draft report committed by mistake (`git add -f`, or a clone without the
    /// exclusion): every report would change a tracked file, and the working copy would
    /// never be clean enough for `sync` or `audit close`.
    pub(super) fn check_drafts_untracked(&self) -> Result<()> {
        let tracked = git::tracked_under(&self.repo, "reports/draft/")?;
        let Some(first) = tracked.first() else {
            return Ok(());
        };
        let at = crate::error::Position::file(first.clone());
        Err(Error::at(
            at,
            crate::error::Output::DraftCommitted(tracked.len()),
        ))
    }

    /// Where this clone keeps what is not committed: the lock, drafts, scratch files. It is
    /// inside `.git`, so it is never committed and never travels with a push.
    fn state_dir(&self) -> PathBuf {
        state_dir(&self.repo)
    }

    /// Takes the engagement's lock for the rest of this session (the interactive
    /// checklist), refusing at once, with who holds it, when another session or command has it.
    pub fn lock_session(&mut self) -> Result<()> {
        if self.session_lock.is_none() {
            let lock = lock::acquire(&self.state_dir(), Doing::Checklist, Duration::ZERO)?;
            self.session_lock = Some(lock);
            self.recover()?;
        }
        Ok(())
    }

    /// Takes the lock for one change (unless a session holds it), and first finishes what an
    /// interrupted command left behind.
    fn lock_for(&mut self, purpose: &str) -> Result<Option<lock::Lock>> {
        match self.session_lock {
            // The checklist holds the lock, but a sync it ran may have stopped with a merge
            // in progress: a commit now would drop the other side (`recover` says so).
            Some(_) => git::refuse_operation_in_progress(&self.repo).map(|()| None),
            None => {
                let doing = Doing::Command(purpose.to_owned());
                let lock = lock::acquire(&self.state_dir(), doing, LOCK_WAIT)?;
                self.recover().map_err(not_made)?;
                Ok(Some(lock))
            }
        }
    }

    /// Finishes what an interrupted command left behind, under the lock: a killed `audit
    /// close`, then the records written and not committed. One status of the working copy
    /// serves both, unless the first changed it; none is needed when git's index vouches
    /// that nothing is left ([`Engagement::nothing_left`]).
    fn recover(&mut self) -> Result<()> {
        if self.nothing_left()? {
            git::remove_stale_temporary_objects(&self.repo);
            // A close killed after its commit left nothing uncommitted, only its tag to make.
            return self.finish_half_closed_round(&self.closed_labels()?);
        }
        let mut changes = git::working_changes(&self.repo)?;
        if self.recover_round(&changes)? {
            changes = git::working_changes(&self.repo)?;
        }
        git::recover(&self.repo, &changes)?;
        Ok(())
    }

    /// Undoes (before its commit) or finishes (after it) an `audit close` that was killed,
    /// under the lock, from the working copy's `changes`; says whether anything was undone.
    /// What was read before the lock is then read again: it held the half-closed round.
    fn recover_round(&mut self, changes: &git::WorkingChanges) -> Result<bool> {
        let closed = self.closed_labels()?;
        let undone = git::undo_half_closed_round(&self.repo, &closed, changes)?;
        if undone {
            self.loaded_at = None;
        }
        self.finish_half_closed_round(&closed)?;
        Ok(undone)
    }

    fn closed_labels(&self) -> Result<Vec<String>> {
        Ok(self
            .rounds()?
            .into_iter()
            .map(|round| round.label)
            .collect())
    }

    /// Whether nothing is left for the recovery ([`nothing_left`]), the folders' stats taken
    /// again: the load walked them before the lock.
    fn nothing_left(&self) -> Result<bool> {
        nothing_left(&self.repo, &self.root, &self.dirs)
    }

    /// [`Engagement::recover_round`] alone, taking the lock for it: what `audit close` does
    /// before checking that the working copy is clean (which a killed close leaves it not).
    pub(super) fn recover_round_locked(&mut self, purpose: &str) -> Result<()> {
        let _lock = match self.session_lock {
            Some(_) => None,
            None => Some(lock::acquire(
                &self.state_dir(),
                Doing::Command(purpose.to_owned()),
                LOCK_WAIT,
            )?),
        };
        let changes = git::working_changes(&self.repo)?;
        self.recover_round(&changes).map(drop)
    }

    fn drafts_dir(&self) -> PathBuf {
        self.state_dir().join("drafts")
    }

    /// Keeps `text`, being typed for `control`, until it is saved or discarded; it survives
    /// a crash or a dropped link and is offered back by [`Engagement::drafts`].
    pub fn save_draft(&self, control: &str, text: &str) -> Result<()> {
        let dir = self.drafts_dir();
        files::create_private_dir_all(&dir)?;
        let id = self.known_control(control)?;
        files::write_atomic(&dir.join(format!("{id}.md")), text.as_bytes())
    }

    pub fn discard_draft(&self, control: &str) -> Result<()> {
        let id = self.known_control(control)?;
        match std::fs::remove_file(self.drafts_dir().join(format!("{id}.md"))) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::io(self.drafts_dir(), error))
            }
            _ => Ok(()),
        }
    }

    /// Keeps the fields typed in the form `name` until it is saved or closed, as
    /// [`Engagement::save_draft`] keeps observations.
    pub fn save_form_draft(&self, name: &str, text: &str) -> Result<()> {
        let dir = self.drafts_dir();
        files::create_private_dir_all(&dir)?;
        files::write_atomic(&dir.join(form_draft_file(name)), text.as_bytes())
    }

    pub fn discard_form_draft(&self, name: &str) -> Result<()> {
        let path = self.drafts_dir().join(form_draft_file(name));
        match std::fs::remove_file(&path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::io(path, error))
            }
            _ => Ok(()),
        }
    }

    /// Drafts left by an earlier session: observations in grid order, then forms by name.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        let dir = self.drafts_dir();
        let mut drafts = Vec::new();
        for (_, control) in self.state.grid.controls() {
            let path = dir.join(format!("{}.md", control.id));
            let Ok(metadata) = std::fs::metadata(&path) else {
                continue;
            };
            let text = files::read_text(&path, files::MAX_RECORD_BYTES)?;
            let saved_at = metadata
                .modified()
                .ok()
                .and_then(|time| Timestamp::try_from(time).ok());
            drafts.push(Draft {
                control: control.id.clone(),
                text,
                saved_at,
                form: false,
            });
        }
        let mut forms = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                let file = entry.file_name();
                let Some(name) = file.to_str().and_then(form_draft_name) else {
                    continue;
                };
                let path = entry.path();
                let Ok(metadata) = std::fs::symlink_metadata(&path) else {
                    continue;
                };
                if !metadata.is_file() {
                    continue;
                }
                forms.push(Draft {
                    control: name,
                    text: files::read_text(&path, files::MAX_RECORD_BYTES)?,
                    saved_at: metadata
                        .modified()
                        .ok()
                        .and_then(|time| Timestamp::try_from(time).ok()),
                    form: true,
                });
            }
        }
        forms.sort_by(|a, b| a.control.cmp(&b.control));
        drafts.extend(forms);
        Ok(drafts)
    }

    /// Makes each scratch file `$EDITOR` was given in a session that was killed while it ran
    /// the control's draft, when it is newer than the draft and differs from the saved
    /// observations, and removes it. Called by the checklist once it holds the lock, so that
    /// no other process's editor loses its file.
    pub fn adopt_scratch_files(&self) -> Result<()> {
        let Ok(entries) = std::fs::read_dir(self.state_dir().join("edit")) else {
            return Ok(());
        };
        let modified = |meta: &std::fs::Metadata| meta.modified().ok();
        for entry in entries.flatten() {
            let scratch = entry.path();
            let id = entry
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_owned();
            let known = self
                .state
                .grid
                .control(&id)
                .map(|(_, control)| control.id.clone());
            if let (Some(id), Ok(left)) = (known, std::fs::symlink_metadata(&scratch)) {
                let draft = self.drafts_dir().join(format!("{id}.md"));
                let draft_time = std::fs::metadata(&draft)
                    .ok()
                    .and_then(|meta| modified(&meta));
                let saved = self
                    .state
                    .answers
                    .get(&id)
                    .map(|answer| answer.observations.as_str());
                if left.is_file() && modified(&left) >= draft_time {
                    let text = files::read_user_text(&scratch, files::MAX_RECORD_BYTES)?;
                    if saved.map(str::trim_end) != Some(text.trim_end()) {
                        self.save_draft(&id, &text)?;
                    }
                }
            }
            let _ = std::fs::remove_file(&scratch);
        }
        Ok(())
    }

    /// A private scratch file holding `text`, for editing `control` in an external editor.
    pub fn scratch_file(&self, control: &str, text: &str) -> Result<PathBuf> {
        let id = self.known_control(control)?;
        let dir = self.state_dir().join("edit");
        files::create_private_dir_all(&dir)?;
        let path = dir.join(format!("{id}.md"));
        files::write_atomic(&path, text.as_bytes())?;
        Ok(path)
    }

    /// Reads back a scratch file made by [`Engagement::scratch_file`] and removes it.
    pub fn take_scratch_file(&self, path: &Path) -> Result<String> {
        let text = files::read_user_text(path, files::MAX_RECORD_BYTES)?;
        let _ = std::fs::remove_file(path);
        Ok(text)
    }

    /// The grid's spelling of a control id, or the unknown-control error. File names built
    /// from ids only ever come from the grid.
    fn known_control(&self, id: &str) -> Result<&str> {
        self.state
            .grid
            .control(id)
            .map(|(_, control)| control.id.as_str())
            .ok_or_else(|| crate::rules::resolve::unknown_control(&self.state.grid, id))
    }
}

/// The language of a new engagement: the one `requested` when the grid speaks it, else the
/// first of [`Lang::ALL`] the grid speaks.
fn init_language(grid: &Grid, requested: Option<Lang>) -> Result<Lang> {
    match requested {
        Some(lang) if grid.speaks(lang) => Ok(lang),
        Some(lang) => Err(Setting::GridLacks {
            lang: lang.to_string(),
            has: grid.languages.clone(),
        }
        .into()),
        None => Ok(Lang::ALL
            .into_iter()
            .find(|lang| grid.speaks(*lang))
            .unwrap_or(Lang::En)),
    }
}

/// Who authors a new engagement's first commit: its first auditor, else git's identity.
fn init_author(auditors: &[Auditor]) -> Result<Auditor> {
    if let Some(auditor) = auditors.first() {
        return Ok(auditor.clone());
    }
    git2::Config::open_default()
        .ok()
        .and_then(|config| {
            let name = config.get_string("user.name").ok()?;
            let email = config.get_string("user.email").unwrap_or_default();
            format!("{name} <{email}>").parse().ok()
        })
        .ok_or_else(|| Error::from(Setting::NoAuditor))
}

/// Refuses a `dir` that is not empty; says whether it is absent (so that a failed `init`
/// removes it whole).
fn claim_empty_dir(dir: &Path) -> Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Setting::NotEmpty(dir.display().to_string()).into());
            }
            Ok(false)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(source) => Err(Error::io(dir, source)),
    }
}

fn write_new(
    dir: &Path,
    meta: &Meta,
    grid_text: &str,
    author: &Auditor,
    now: Timestamp,
) -> Result<()> {
    files::create_private_dir_all(dir)?;
    let repo = git::init(dir)?;
    if let Some(auditor) = meta.auditors.first() {
        git::set_identity(&repo, auditor)?;
    }
    let meta_text = crate::yaml::to_string(meta).map_err(|error| Error::bug(error.to_string()))?;
    files::write_atomic(&dir.join(ENGAGEMENT_FILE), meta_text.as_bytes())?;
    files::write_atomic(&dir.join(GRID_FILE), grid_text.as_bytes())?;
    let grid = grid::parse(GRID_FILE, grid_text)?;
    let message = format!(
        "Start engagement: {} (grid {} {})",
        crate::text::one_line(&meta.client),
        crate::text::one_line(&grid.id),
        crate::text::one_line(&grid.version)
    );
    git::commit(
        &repo,
        &[ENGAGEMENT_FILE.to_owned(), GRID_FILE.to_owned()],
        &message,
        author,
        now,
    )?;
    Ok(())
}

/// Whether nothing is left for the recovery, without a status of the working copy: git's
/// index holds HEAD's tree and vouches, by its stat cache, for every file it has; and no
/// folder of the working copy holds a file the index lacks that the recovery would act
/// on ([`folders_hold_nothing`]). Anything it cannot vouch for means a status. `dirs` are
/// the folders a load walked, before the lock: their stats are taken again.
fn nothing_left(repo: &Repository, root: &Path, dirs: &worktree_cache::Dirs) -> Result<bool> {
    let since = worktree_cache::now();
    match git::tracked_as_indexed(repo)? {
        Some(tracked) => {
            folders_hold_nothing(repo, root, dirs, &tracked, since, Looking::AfterLoad)
        }
        None => Ok(false),
    }
}

/// When [`folders_hold_nothing`] looks at the folders.
enum Looking<'a> {
    /// After a load walked them, before the lock: their stats are taken again.
    AfterLoad,
    /// Under the lock, right after the walk (their stats in `dirs` were taken then, and
    /// `listed` holds the entries of the folders it read), for a change that writes into
    /// the folder `changing` (a path in the engagement).
    ForChange {
        changing: &'a str,
        listed: &'a worktree_cache::Listings,
    },
}

/// Whether no folder of `dirs` holds a file the index (as `tracked` gives it) lacks that
/// the recovery would act on (a record, a temporary file, a half-closed round's report). A
/// folder is read only when it changed since it was last found so
/// ([`worktree_cache::Clean`]), as git's untracked cache does. The folders are looked at
/// from `since` on.
fn folders_hold_nothing(
    repo: &Repository,
    root: &Path,
    dirs: &worktree_cache::Dirs,
    tracked: &git::Tracked,
    since: worktree_cache::Time,
    looking: Looking,
) -> Result<bool> {
    let (walked, changing, listed) = match looking {
        Looking::AfterLoad => (false, None, None),
        Looking::ForChange { changing, listed } => (true, Some(changing), Some(listed)),
    };
    let Some(cache) = Source::WorkTree(root).cache_dir() else {
        return Ok(false);
    };
    let known = worktree_cache::Clean::open(&cache);
    let mut seen = worktree_cache::Clean::new(since);
    let mut all_vouched = true;
    for (relative, (stat_walked, _)) in dirs {
        let dir = root.join(relative);
        // Before the read: a change during it shows as a change next time.
        let stat = if walked {
            Some(*stat_walked)
        } else {
            worktree_cache::Stat::of_dir(&dir)
        };
        let Some(stat) = stat else {
            return Ok(false);
        };
        let names = tracked.names_in(relative);
        if !known.vouches(relative, stat, names) {
            all_vouched &= changing == Some(relative.as_str());
            let read_now;
            let entries = match listed.and_then(|listed| listed.get(relative)) {
                Some(entries) => entries,
                None => {
                    read_now = files::list_dir(root, &dir)?;
                    &read_now
                }
            };
            let mut path = String::new();
            for entry in entries {
                let Some(name) = entry.name.to_str() else {
                    return Ok(false);
                };
                path.clear();
                if !relative.is_empty() {
                    path.push_str(relative);
                    path.push('/');
                }
                path.push_str(name);
                // A folder the load did not walk may hold anything.
                let unknown = if entry.folder {
                    !dirs.contains_key(&path)
                } else {
                    !tracked.has(&path) && git::recovery_acts_on_untracked(repo, &path)
                };
                if unknown {
                    return Ok(false);
                }
            }
        }
        seen.note(relative, stat, names);
    }
    // Found as it was kept, or changed only where the change is about to write: the file
    // kept, looked at earlier, vouches for no less, and a note of that folder now would not
    // hold after the change.
    if !all_vouched {
        seen.keep(&cache);
    }
    Ok(true)
}

/// Undoes the checkout of a sync killed in the middle of it ([`git::undo_interrupted_sync`]),
/// under the lock; says whether there was one. Left alone while another process holds the
/// lock: that may be the sync, still running.
fn undo_interrupted_sync(repo: &Repository) -> Result<bool> {
    if !git::sync_marker(repo).exists() {
        return Ok(false);
    }
    let _lock = match lock::acquire(
        &state_dir(repo),
        Doing::Command("sync".to_owned()),
        Duration::ZERO,
    ) {
        Ok(lock) => lock,
        Err(Error::Locked { .. }) => return Ok(false),
        Err(error) => return Err(error),
    };
    git::undo_interrupted_sync(repo)
}

/// Where the clone of `repo` keeps what is not committed ([`Engagement::state_dir`]).
fn state_dir(repo: &Repository) -> PathBuf {
    repo.path().join("vmsaudit")
}

/// The language of the engagement at `start`, read from `engagement.yaml` alone: what a
/// command says in when the rest of the engagement does not load (a corrupt record). `None`
/// when that file does not read either.
pub fn language_of(start: &Path) -> Option<Lang> {
    #[derive(serde::Deserialize)]
    struct Language {
        language: Lang,
    }
    let root = find_root(start).ok()?;
    let path = root.join(ENGAGEMENT_FILE);
    let text = files::read_engagement_text_if_any(&path, files::MAX_RECORD_BYTES).ok()??;
    crate::yaml::from_str::<Language>(&text)
        .ok()
        .map(|found| found.language)
        .or_else(|| language_line(&text))
}

/// The language a `language: xx` line at the start of a line names: what a file that does not
/// parse (the problem to say) still tells of its reader.
fn language_line(text: &str) -> Option<Lang> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?.split('#').next()?.trim();
        value.trim_matches(['"', '\'']).parse().ok()
    })
}

/// The recovery before a change failed where git or the disk did (its commit of what an
/// interrupted command left, when the branch's lock or the objects cannot be written): said
/// as the change's own failed commit says it, in the engagement's language, git's reason
/// once. Nothing of the change was written yet; what was left stays for the next recovery.
fn not_made(cause: Error) -> Error {
    match cause {
        cause if cause.is_bad_input() || matches!(cause, Error::Locked { .. }) => cause,
        cause => Error::NotSaved {
            cause: Box::new(cause),
            undone: true,
            paths: Vec::new(),
        },
    }
}

/// The engagement's root: `start` or the nearest folder above holding `engagement.yaml`.
/// A folder the user may not look into is said as such, with its owner, rather than as
/// holding no engagement.
fn find_root(start: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(start).map_err(|source| Error::io(start, source))?;
    match std::fs::metadata(&absolute) {
        Ok(meta) if meta.is_dir() => {}
        Err(error) if access::denied(&error) => {
            return Err(access::unreadable(&absolute, &absolute));
        }
        _ => {
            return Err(Error::said(
                Wrong::NotAFolder(absolute.display().to_string()),
                Fix::FindEngagement,
            ));
        }
    }
    let mut closed = None;
    for dir in absolute.ancestors() {
        match std::fs::metadata(dir.join(ENGAGEMENT_FILE)) {
            Ok(meta) if meta.is_file() => return Ok(dir.to_path_buf()),
            Err(error) if access::denied(&error) && closed.is_none() => closed = Some(dir),
            _ => {}
        }
    }
    Err(match closed {
        Some(dir) => access::unreadable(dir, dir),
        None => Error::said(
            Wrong::NotAnEngagement(absolute.display().to_string()),
            Fix::FindEngagement,
        ),
    })
}

/// Where `flaw` is written in `engagement.yaml`, read again from `source` (the file's line
/// and column, as the other records' problems give them): a problem is rare, and the meta
/// may come from the cache without its text. The whole file when it does not read.
fn meta_position(source: &Source, flaw: &MetaFlaw) -> Position {
    use crate::yaml::Locate;
    let path: Vec<&str> = match flaw {
        MetaFlaw::Newer { .. } => vec!["format"],
        MetaFlaw::NoClient => vec!["client"],
        MetaFlaw::NotADomain(domain) => vec!["overrides", domain],
        MetaFlaw::AboveScale { domain, .. } => vec!["overrides", domain, "score"],
        MetaFlaw::Unjustified(domain) => vec!["overrides", domain, "justification"],
        MetaFlaw::Language { .. } => vec!["language"],
    };
    source
        .read_text(ENGAGEMENT_FILE, files::MAX_RECORD_BYTES)
        .ok()
        .flatten()
        .and_then(|text| {
            crate::yaml::from_str::<serde_saphyr::Spanned<crate::yaml::Node>>(&text).ok()
        })
        .map(|tree| tree.locate(&path))
        .filter(|at| at.line() > 0)
        .map_or_else(
            || Position::file(ENGAGEMENT_FILE),
            |at| Position::new(ENGAGEMENT_FILE, at.line(), at.column()),
        )
}

/// `flaw` of `engagement.yaml`, at its place.
fn meta_problem(source: &Source, flaw: MetaFlaw) -> Problem {
    Problem::at(meta_position(source, &flaw), flaw)
}

fn check_meta(source: &Source, meta: &Meta) -> Result<()> {
    let flaw = if meta.format > FORMAT {
        MetaFlaw::Newer {
            format: meta.format,
            known: FORMAT,
        }
    } else if meta.client.trim().is_empty() {
        MetaFlaw::NoClient
    } else {
        return Ok(());
    };
    Err(Error::Invalid(Problems(vec![meta_problem(source, flaw)])))
}

/// Every override names a domain of the grid, stays on its scale and says why; each problem
/// at its line of `engagement.yaml` in `source`.
fn check_overrides(source: &Source, meta: &Meta, grid: &Grid) -> Result<()> {
    let mut problems = Vec::new();
    let max = grid.max_level();
    for (domain, entry) in &meta.overrides {
        let mut flaws = Vec::new();
        if grid.domain(domain).is_none() {
            flaws.push(MetaFlaw::NotADomain(domain.clone()));
        }
        if entry.score.tenths() > u32::from(max) * 10 {
            flaws.push(MetaFlaw::AboveScale {
                domain: domain.clone(),
                score: entry.score.to_string(),
                max,
            });
        }
        if entry.justification.trim().is_empty() {
            flaws.push(MetaFlaw::Unjustified(domain.clone()));
        }
        problems.extend(flaws.into_iter().map(|flaw| meta_problem(source, flaw)));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// The answer files of `source`, read and parsed (several at a time) or taken from `kept`
/// (see [`Source::read_records`]), in file order: each answer with its text, or why it does
/// not parse. Nothing here needs the grid.
type ParsedAnswers = Vec<state::Loaded<Answer>>;

fn read_answers(
    source: &Source,
    kept: &mut worktree_cache::Table<Answer>,
    trust: worktree_cache::Trust,
) -> Result<ParsedAnswers> {
    let relatives: Vec<String> = source
        .record_files(ANSWERS_DIR)?
        .into_iter()
        .map(|name| format!("{ANSWERS_DIR}/{name}"))
        .collect();
    Ok(source.read_records(relatives, kept, trust))
}

/// The answers of a load, checked against the grid.
pub(super) struct CheckedAnswers {
    pub answers: BTreeMap<String, Answer>,
    /// Those whose level the grid's scale does not have (see `State::stranded`).
    pub stranded: BTreeMap<String, Answer>,
    /// One for each stranded answer, at its level's line.
    pub warnings: Vec<Problem>,
}

/// Checks answers as [`read_answers`] gave them against the grid; every problem in one error.
/// A level the scale does not have is a warning, not a problem: the answer that mends it
/// must be able to load the engagement.
fn check_answers(parsed: ParsedAnswers, grid: &Grid) -> Result<CheckedAnswers> {
    let controls: std::collections::HashSet<&str> = grid
        .controls()
        .map(|(_, control)| control.id.as_str())
        .collect();
    let mut checked = CheckedAnswers {
        answers: BTreeMap::new(),
        stranded: BTreeMap::new(),
        warnings: Vec::new(),
    };
    let mut problems = Vec::new();
    for state::Loaded {
        relative, parsed, ..
    } in parsed
    {
        match parsed.and_then(|parsed| match parsed {
            Some((answer, text)) => {
                check_answer(&relative, answer, &text, grid, &controls).map(Some)
            }
            None => Ok(None),
        }) {
            Ok(Some((answer, None))) => {
                checked.answers.insert(answer.control.clone(), answer);
            }
            Ok(Some((answer, Some(warning)))) => {
                checked.warnings.push(warning);
                checked.stranded.insert(answer.control.clone(), answer);
            }
            Ok(None) => {}
            Err(Error::Invalid(Problems(found))) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// Checks the answer of the file `relative` (whose text is `text`) against the grid, whose
/// control ids are `controls`: the answer, and the warning of a level the scale does not
/// have.
fn check_answer(
    relative: &str,
    answer: Answer,
    text: &worktree_cache::Text,
    grid: &Grid,
    controls: &std::collections::HashSet<&str>,
) -> Result<(Answer, Option<Problem>)> {
    let expected = relative
        .rsplit('/')
        .next()
        .and_then(|name| name.strip_suffix(".yaml"))
        .unwrap_or_default();
    let placed = |problem: FieldProblem| {
        let (line, column) = key_position(&text.get(), problem.field.key());
        Problem {
            at: Position::new(relative, line, column),
            ..Problem::of_field(relative, problem)
        }
    };
    let problem = if answer.control != expected {
        Some(FieldProblem::new(
            AnswerField::Control,
            Wrong::NotFileName {
                key: "control".to_owned(),
                value: answer.control.clone(),
            },
            Fix::RestoreFile(relative.to_owned()),
        ))
    } else if !controls.contains(answer.control.as_str()) {
        Some(FieldProblem::new(
            AnswerField::Control,
            Wrong::Unknown(Unknown {
                thing: Thing::Control,
                given: expected.to_owned(),
                grid: Some(format!("{} {}", grid.id, grid.version)),
            }),
            Fix::RemoveOrRestoreGrid(relative.to_owned()),
        ))
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(Error::Invalid(Problems(vec![placed(problem)])));
    }
    if let Some(found) = evidence::ill_formed(relative, text, &answer.evidence) {
        return Err(Error::Invalid(Problems(vec![found])));
    }
    let stranded = match answer.level {
        Level::Score(level) => crate::rules::outside_scale(grid, level)
            .map(|(wrong, fix)| placed(FieldProblem::new(AnswerField::Level, wrong, fix))),
        Level::NotApplicable => None,
    };
    Ok((answer, stranded))
}

/// The warnings of the stranded answers of `state` (see `State::stranded`), each at the line
/// of its level in its file of the working copy at `root`: as a load would say them.
fn stranded_warnings(root: &Path, state: &State) -> Vec<Problem> {
    let source = Source::WorkTree(root);
    state
        .stranded
        .values()
        .filter_map(|answer| {
            let Level::Score(level) = answer.level else {
                return None;
            };
            let (wrong, fix) = crate::rules::outside_scale(&state.grid, level)?;
            let relative = format!("{ANSWERS_DIR}/{}.yaml", answer.control);
            let text = source
                .read_text(&relative, crate::files::MAX_RECORD_BYTES)
                .ok()
                .flatten()
                .unwrap_or_default();
            let (line, column) = key_position(&text, "level");
            let problem = FieldProblem::new(AnswerField::Level, wrong, fix);
            Some(Problem {
                at: Position::new(&relative, line, column),
                ..Problem::of_field(&relative, problem)
            })
        })
        .collect()
}

/// Where the top-level `key` of a YAML record is written, for messages about its value.
fn key_position(text: &str, key: &str) -> (u64, u64) {
    #[derive(serde::Deserialize)]
    struct Positions {
        control: Option<serde_saphyr::Spanned<serde::de::IgnoredAny>>,
        level: Option<serde_saphyr::Spanned<serde::de::IgnoredAny>>,
    }
    let Ok(positions) = crate::yaml::from_str::<Positions>(text) else {
        return (0, 0);
    };
    let spanned = match key {
        "control" => positions.control,
        _ => positions.level,
    };
    spanned.map_or((0, 0), |value| {
        (value.referenced.line(), value.referenced.column())
    })
}
