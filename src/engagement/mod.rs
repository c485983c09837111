//! The engagement: the one place that touches the disk and git.
//!
//! An engagement is a git repository of plain files (`engagement.yaml`, the pinned
//! `grid.yaml`, one `answers/<CONTROL>.yaml` per control, `findings/<ID>.yaml`,
//! `actions/<ID>.yaml`, `assets.yaml`, `evidence/...`). Every change is
//! validated first, then written atomically, then committed with a message that says what
//! changed, under the lock that keeps one writer at a time. Front ends (CLI, TUI) call the
//! operations here; they never write files or run git themselves.

mod cache;
mod cves;
mod evidence;
pub mod files;
pub mod history;
mod inventory;
pub mod lock;
mod meta;
mod records;
mod reporting;
mod rounds;
mod state;
mod sync;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use git2::Repository;
use jiff::Timestamp;

pub use cves::{AppliedCve, CVES_DIR, CveImport, FeedSummary, Outcome};
pub use evidence::EVIDENCE_DIR;
pub use inventory::{CSV_COLUMNS, Imported, read_csv};
pub use meta::{FORMAT, Meta, Scope};
pub use records::{
    ACTION_PREFIX, ACTIONS_DIR, ASSETS_FILE, FINDING_PREFIX, FINDINGS_DIR, ID_SUFFIX_LEN,
    NewEvidence, finding_summary,
};
pub use rounds::{Closed, LogEntry, REPORTS_DIR, Round, Started, check_label};
pub use state::{Source, State};
pub use sync::{Merged, Synced, Transport};

use crate::assessment::{Action, Answer, Assets, Auditor, Finding, Level, Score, ScoreOverride};
use crate::error::{Error, Position, Problem, Problems, Result};
use crate::grid::{self, Grid, Lang};

pub const ENGAGEMENT_FILE: &str = "engagement.yaml";
pub const GRID_FILE: &str = "grid.yaml";
pub const ANSWERS_DIR: &str = "answers";

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

/// A change to the answer of one control.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerChange {
    pub control: String,
    /// Keeps the current level when `None`.
    pub level: Option<Level>,
    /// Replaces the observations when set.
    pub observations: Option<String>,
    /// Files to attach, each with an optional note.
    pub evidence: Vec<(PathBuf, Option<String>)>,
}

/// Observations typed but not saved, kept across sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub control: String,
    pub text: String,
    pub saved_at: Option<Timestamp>,
}

/// What a change did: the commit's message, and the commit unless nothing changed.
#[derive(Debug, Clone)]
pub struct Saved {
    pub message: String,
    pub commit: Option<git2::Oid>,
}

pub struct Engagement {
    root: PathBuf,
    repo: Repository,
    /// Held for a whole interactive session, so that other writers wait or are refused.
    session_lock: Option<lock::Lock>,
    /// Set by [`Engagement::seed_ids`] for reproducible record ids.
    id_seed: Option<u64>,
    /// HEAD when the records were read from the working copy (read before them).
    loaded_at: Option<git2::Oid>,
    pub meta: Meta,
    /// Shared with the states read from history: see [`State::grid`].
    pub grid: std::sync::Arc<Grid>,
    /// By control id.
    pub answers: BTreeMap<String, Answer>,
    /// The inventory, `assets.yaml`, in its own order.
    pub assets: Assets,
    /// `findings/*.yaml`, by id.
    pub findings: Vec<Finding>,
    /// `actions/*.yaml`, by id; `assessment::plan` puts them in the plan's order.
    pub actions: Vec<Action>,
    /// References between records that do not hold, as a merge can leave them: see
    /// [`State::warnings`]. Front ends show them; they do not stop the engagement opening.
    pub warnings: Vec<Problem>,
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
        let repo = history::open(&root)?;
        let loaded_at = history::head(&repo)?;
        let state = state::load(&Source::WorkTree(&root))?;
        Ok(Engagement {
            root,
            repo,
            session_lock: None,
            id_seed: None,
            loaded_at,
            meta: state.meta,
            grid: state.grid,
            answers: state.answers,
            assets: state.assets,
            findings: state.findings,
            actions: state.actions,
            warnings: state.warnings,
        })
    }

    /// Creates a new engagement in `dir` (absent or empty): its files and a first commit.
    /// On failure, nothing is left behind.
    pub fn init(dir: &Path, options: InitOptions, now: Timestamp) -> Result<Engagement> {
        let (grid, grid_text) = match &options.grid {
            Some(path) => grid::read(path)?,
            None => (grid::builtin::grid()?, grid::builtin::SOURCE.to_owned()),
        };
        let language = match options.language {
            Some(lang) if grid.speaks(lang) => lang,
            Some(lang) => {
                return Err(Error::usage(
                    format!(
                        "the grid is not written in `{lang}` (it has: {})",
                        grid.languages.join(", ")
                    ),
                    "choose one of the grid's languages with --lang",
                ));
            }
            None => Lang::ALL
                .into_iter()
                .find(|lang| grid.speaks(*lang))
                .unwrap_or(Lang::En),
        };
        if options.client.trim().is_empty() {
            return Err(Error::usage(
                "the client's name is empty",
                "pass --client \"Client name\"",
            ));
        }
        let author = match options.auditors.first() {
            Some(auditor) => auditor.clone(),
            None => git2::Config::open_default()
                .ok()
                .and_then(|config| {
                    let name = config.get_string("user.name").ok()?;
                    let email = config.get_string("user.email").unwrap_or_default();
                    format!("{name} <{email}>").parse().ok()
                })
                .ok_or_else(|| {
                    Error::usage(
                        "who is auditing? No auditor was given and git has no user.name",
                        "pass --auditor \"Name <email>\"",
                    )
                })?,
        };

        let created_dir = match std::fs::read_dir(dir) {
            Ok(mut entries) => {
                if entries.next().is_some() {
                    return Err(Error::usage(
                        format!("{} already exists and is not empty", dir.display()),
                        "choose a new folder for the engagement",
                    ));
                }
                false
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => true,
            Err(source) => return Err(Error::io(dir, source)),
        };
        let meta = Meta {
            format: FORMAT,
            client: options.client.trim().to_owned(),
            site: options.site,
            contract: options.contract,
            firm: options.firm,
            auditors: options.auditors,
            language,
            scope: Scope::default(),
            created: now.to_zoned_datetime(jiff::tz::TimeZone::system()).date(),
            round: None,
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
        Engagement::open(dir)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The commit the engagement's history is at (none before the first).
    pub fn head(&self) -> Result<Option<git2::Oid>> {
        history::head(&self.repo)
    }

    /// The commit the engagement at `root` is at, without reading its records.
    pub fn head_of(root: &Path) -> Result<Option<git2::Oid>> {
        history::head(&history::open(root)?)
    }

    /// The permission bits other users have on the engagement's folder, when they have any:
    /// on a shared jump host, a client's weaknesses must not be readable by the next user.
    /// Everything vmsaudit creates is private; a folder copied or unpacked by hand may not be.
    pub fn exposure(&self) -> Option<u32> {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&self.root).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then_some(mode)
    }

    /// The warning to show for [`Engagement::exposure`], with the command that fixes it.
    pub fn exposure_warning(&self) -> Option<String> {
        self.exposure().map(|mode| {
            let root = crate::text::one_line(&self.root.display().to_string());
            format!("{root} can be read by other users (mode {mode:o}): fix it with `chmod -R go-rwx '{root}'`")
        })
    }

    /// Draws the ids of new findings and actions from a fixed sequence instead of the
    /// system's random source, so that the demo, a benchmark or a test fixture is the same
    /// on every run. Never for real engagements: two clones seeded alike would draw the
    /// same ids.
    pub fn seed_ids(&mut self, seed: u64) {
        self.id_seed = Some(seed);
    }

    /// Who the changes made from this clone are authored by: `explicit` if given, else the
    /// clone's git identity (set by `init --auditor`), else the first auditor of the
    /// engagement.
    pub fn auditor(&self, explicit: Option<Auditor>) -> Result<Auditor> {
        explicit
            .or_else(|| history::identity(&self.repo))
            .or_else(|| self.meta.auditors.first().cloned())
            .ok_or_else(|| {
                Error::usage(
                    "no auditor identity for this clone",
                    "set one with `git -C <engagement> config user.name \"Name\"` and `user.email`, or VMSAUDIT_AUDITOR=\"Name <email>\"",
                )
            })
    }

    /// Sets (or, with `None`, removes) the auditor's score of `domain` in place of the
    /// computed one; the justification is required, and the report shows both.
    pub fn set_override(
        &mut self,
        domain: &str,
        value: Option<(Score, String)>,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Saved> {
        let id = match self.grid.domain(domain).or_else(|| {
            self.grid
                .domains
                .iter()
                .find(|known| known.id.eq_ignore_ascii_case(domain))
        }) {
            Some(known) => known.id.clone(),
            None => {
                let ids: Vec<&str> = self.grid.domains.iter().map(|d| d.id.as_str()).collect();
                return Err(Error::usage(
                    format!("unknown domain `{}`", crate::text::one_line(domain)),
                    format!("use one of: {}", ids.join(", ")),
                ));
            }
        };
        let max = self.grid.max_level();
        if let Some((score, justification)) = &value {
            if score.tenths() > u32::from(max) * 10 {
                return Err(Error::usage(
                    format!("{score} is above the top of the scale ({max})"),
                    format!("give a score from 0 to {max}"),
                ));
            }
            if justification.trim().is_empty() {
                return Err(Error::usage(
                    format!("overriding the score of {id} needs a justification"),
                    "say why with --justification \"...\"",
                ));
            }
        }
        let _lock = self.lock_for(&format!("override {id}"))?;
        let (mut meta, _) =
            files::read_record::<Meta>(&self.root.join(ENGAGEMENT_FILE), ENGAGEMENT_FILE)?;
        let computed = self
            .grid
            .domain(&id)
            .and_then(|d| crate::assessment::domain_score(d, &self.answers))
            .map_or_else(|| "none".to_owned(), |score| score.to_string());
        let message = match &value {
            Some((score, justification)) => {
                let same = meta.overrides.get(&id).is_some_and(|entry| {
                    entry.score == *score && entry.justification == *justification
                });
                if same {
                    return Ok(Saved {
                        message: format!("{id}: nothing to change"),
                        commit: None,
                    });
                }
                meta.overrides.insert(
                    id.clone(),
                    ScoreOverride {
                        score: *score,
                        justification: justification.trim().to_owned(),
                        by: who.clone(),
                        at: now,
                    },
                );
                format!("{id}: score set to {score} by the auditor (computed {computed})")
            }
            None => {
                if meta.overrides.remove(&id).is_none() {
                    return Ok(Saved {
                        message: format!("{id}: no override to remove"),
                        commit: None,
                    });
                }
                format!("{id}: score override removed (computed {computed})")
            }
        };
        let text = crate::yaml::to_string(&meta)
            .map_err(|error| Error::usage(error.to_string(), "report this as a bug"))?;
        files::write_atomic(&self.root.join(ENGAGEMENT_FILE), text.as_bytes())?;
        let commit = history::commit(
            &self.repo,
            &[ENGAGEMENT_FILE.to_owned()],
            &message,
            who,
            now,
        )?;
        self.meta = meta;
        Ok(Saved {
            message,
            commit: Some(commit),
        })
    }

    /// `reports/draft/`, where `vmsaudit report` writes by default. A draft is rendered again
    /// at will, so it stays out of the history: the folder is listed in the clone's
    /// `.git/info/exclude` (closing a round commits its report under `reports/<round>/`).
    pub fn draft_report_dir(&self) -> Result<PathBuf> {
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

    /// Where this clone keeps what is not committed: the lock, drafts, scratch files. It is
    /// inside `.git`, so it is never committed and never travels with a push.
    fn state_dir(&self) -> PathBuf {
        self.repo.path().join("vmsaudit")
    }

    /// Takes the engagement's lock for the rest of this session (the interactive
    /// checklist), refusing at once, with who holds it, when another session or command has it.
    pub fn lock_session(&mut self, purpose: &str) -> Result<()> {
        if self.session_lock.is_none() {
            self.session_lock = Some(lock::acquire(&self.state_dir(), purpose, Duration::ZERO)?);
            history::recover(&self.repo)?;
        }
        Ok(())
    }

    /// Takes the lock for one change (unless a session holds it), and first finishes what an
    /// interrupted command left behind.
    fn lock_for(&self, purpose: &str) -> Result<Option<lock::Lock>> {
        match self.session_lock {
            Some(_) => Ok(None),
            None => {
                let lock = lock::acquire(&self.state_dir(), purpose, LOCK_WAIT)?;
                history::recover(&self.repo)?;
                Ok(Some(lock))
            }
        }
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

    /// Drafts left by an earlier session, in grid order.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        let dir = self.drafts_dir();
        let mut drafts = Vec::new();
        for (_, control) in self.grid.controls() {
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
            });
        }
        Ok(drafts)
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
        let text = files::read_text(path, files::MAX_RECORD_BYTES)?;
        let _ = std::fs::remove_file(path);
        Ok(text)
    }

    /// The grid's spelling of a control id, or the unknown-control error. File names built
    /// from ids only ever come from the grid.
    fn known_control(&self, id: &str) -> Result<&str> {
        self.grid
            .control(id)
            .map(|(_, control)| control.id.as_str())
            .ok_or_else(|| self.unknown_control(id))
    }

    /// Sets the level, observations or evidence of one control, then commits the change.
    /// Everything is checked before anything is written; a change that changes nothing
    /// writes and commits nothing.
    pub fn set_answer(
        &mut self,
        change: AnswerChange,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Saved> {
        let control = match self.grid.control(&change.control) {
            Some((_, control)) => control.id.clone(),
            None => return Err(self.unknown_control(&change.control)),
        };
        if let Some(Level::Score(value)) = change.level
            && self.grid.scale_level(value).is_none()
        {
            return Err(Error::usage(
                format!(
                    "level {value} is outside the grid's scale (0–{})",
                    self.grid.max_level()
                ),
                format!(
                    "use a level from 0 to {}, or `na` when the control does not apply",
                    self.grid.max_level()
                ),
            ));
        }
        let checked: Vec<_> = change
            .evidence
            .iter()
            .map(|(path, note)| evidence::check(&self.root, path).map(|file| (file, note.clone())))
            .collect::<Result<_>>()?;

        let _lock = self.lock_for(&format!("answer {control}"))?;
        // Another writer may have saved this answer since the engagement was opened.
        let relative = format!("{ANSWERS_DIR}/{control}.yaml");
        let path = self.root.join(&relative);
        let previous = load_answer(&Source::WorkTree(&self.root), &relative, &self.grid)?;

        let level = match (change.level, &previous) {
            (Some(level), _) => level,
            (None, Some(previous)) => previous.level,
            (None, None) => {
                return Err(Error::usage(
                    format!("{control} has no answer yet, so it needs a level"),
                    format!("add --level 0..{} or --level na", self.grid.max_level()),
                ));
            }
        };
        let observations_given = change.observations.is_some();
        let observations = change
            .observations
            .or_else(|| previous.as_ref().map(|answer| answer.observations.clone()))
            .unwrap_or_default();
        if level == Level::NotApplicable && observations.trim().is_empty() {
            return Err(Error::usage(
                format!("{control}: not applicable needs a justification"),
                "say why the control does not apply with --note \"...\"",
            ));
        }

        let mut evidence = previous
            .as_ref()
            .map(|answer| answer.evidence.clone())
            .unwrap_or_default();
        let mut added = Vec::new();
        for (file, note) in &checked {
            let reference = evidence::attach(&self.root, &control, file, note.as_deref())?;
            match evidence
                .iter_mut()
                .find(|known| known.path == reference.path)
            {
                Some(known)
                    if known.sha256 == reference.sha256
                        && (note.is_none() || known.note == reference.note) => {}
                Some(known) => {
                    *known = reference.clone();
                    added.push(reference.path);
                }
                None => {
                    evidence.push(reference.clone());
                    added.push(reference.path);
                }
            }
        }

        // Setting the level or the observations again confirms an answer carried over from
        // the previous round; attaching evidence alone does not.
        let reverify = previous.as_ref().is_some_and(|answer| answer.reverify)
            && change.level.is_none()
            && !observations_given;
        let reverified = previous.as_ref().is_some_and(|answer| answer.reverify) && !reverify;
        let message = answer_message(
            &control,
            level,
            previous.as_ref(),
            &observations,
            &added,
            reverified,
        );
        let Some(message) = message else {
            return Ok(Saved {
                message: format!("{control}: nothing to change"),
                commit: None,
            });
        };
        let answer = Answer {
            control: control.clone(),
            level,
            reverify,
            observations,
            evidence,
            assessed_by: who.clone(),
            assessed_at: now,
        };
        let text = crate::yaml::to_string(&answer)
            .map_err(|error| Error::usage(error.to_string(), "report this as a bug"))?;
        files::create_private_dir_all(&self.root.join(ANSWERS_DIR))?;
        files::write_atomic(&path, text.as_bytes())?;
        let mut paths = vec![relative];
        paths.extend(added);
        let commit = history::commit(&self.repo, &paths, &message, who, now)?;
        self.answers.insert(control, answer);
        Ok(Saved {
            message,
            commit: Some(commit),
        })
    }

    fn unknown_control(&self, id: &str) -> Error {
        let shown = crate::text::one_line(id);
        let hint = match self.grid.suggest_control(id) {
            Some(known) => format!("did you mean {known}? `vmsaudit status` lists the domains; `vmsaudit grid export` shows every control"),
            None => "control ids look like ACC-01; `vmsaudit grid export` shows every control of the grid".to_owned(),
        };
        Error::usage(
            format!(
                "unknown control `{shown}` in grid {} {}",
                self.grid.id, self.grid.version
            ),
            hint,
        )
    }
}

/// The subject line of an answer's commit, or `None` when nothing changed.
fn answer_message(
    control: &str,
    level: Level,
    previous: Option<&Answer>,
    observations: &str,
    added: &[String],
    reverified: bool,
) -> Option<String> {
    let mut parts = Vec::new();
    match previous {
        None => parts.push(format!("level {level}")),
        Some(previous) if previous.level != level => {
            parts.push(format!("level {level} (was {})", previous.level))
        }
        // Re-verified at the same level: the message says so once.
        Some(_) if reverified => parts.push(format!("level {level} confirmed")),
        Some(_) => {}
    }
    let confirmed = reverified && previous.is_some_and(|previous| previous.level == level);
    if previous.is_some_and(|previous| previous.observations != observations) {
        parts.push("observations updated".to_owned());
    }
    for path in added {
        let name = path.rsplit('/').next().unwrap_or(path);
        parts.push(format!("evidence {name} added"));
    }
    if reverified && !confirmed {
        parts.push("re-verified".to_owned());
    }
    (!parts.is_empty()).then(|| format!("{control}: {}", parts.join(", ")))
}

fn write_new(
    dir: &Path,
    meta: &Meta,
    grid_text: &str,
    author: &Auditor,
    now: Timestamp,
) -> Result<()> {
    files::create_private_dir_all(dir)?;
    let repo = history::init(dir)?;
    if let Some(auditor) = meta.auditors.first() {
        history::set_identity(&repo, auditor)?;
    }
    let meta_text = crate::yaml::to_string(meta)
        .map_err(|error| Error::usage(error.to_string(), "report this as a bug"))?;
    files::write_atomic(&dir.join(ENGAGEMENT_FILE), meta_text.as_bytes())?;
    files::write_atomic(&dir.join(GRID_FILE), grid_text.as_bytes())?;
    let grid = grid::parse(GRID_FILE, grid_text)?;
    let message = format!(
        "Start engagement: {} (grid {} {})",
        crate::text::one_line(&meta.client),
        grid.id,
        grid.version
    );
    history::commit(
        &repo,
        &[ENGAGEMENT_FILE.to_owned(), GRID_FILE.to_owned()],
        &message,
        author,
        now,
    )?;
    Ok(())
}

fn find_root(start: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(start).map_err(|source| Error::io(start, source))?;
    if !absolute.is_dir() {
        return Err(Error::usage(
            format!("{} is not a folder", absolute.display()),
            "give the engagement's folder with -C DIR",
        ));
    }
    absolute
        .ancestors()
        .find(|dir| dir.join(ENGAGEMENT_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Error::usage(
                format!("{} is not an engagement (no {ENGAGEMENT_FILE} here or above)", absolute.display()),
                "run this inside an engagement folder, point at one with -C DIR, or create one with `vmsaudit init DIR --client NAME`",
            )
        })
}

fn check_meta(meta: &Meta) -> Result<()> {
    let at = Position::file(ENGAGEMENT_FILE);
    if meta.format > FORMAT {
        return Err(Error::problem(
            at,
            format!(
                "the engagement uses format {}, newer than this vmsaudit understands ({FORMAT})",
                meta.format
            ),
            "update vmsaudit",
        ));
    }
    if meta.client.trim().is_empty() {
        return Err(Error::problem(
            at,
            "`client` is empty",
            "write the client's name",
        ));
    }
    Ok(())
}

/// Every override names a domain of the grid, stays on its scale and says why.
fn check_overrides(meta: &Meta, grid: &Grid) -> Result<()> {
    let mut problems = Vec::new();
    let max = grid.max_level();
    for (domain, entry) in &meta.overrides {
        let at = Position::file(ENGAGEMENT_FILE);
        if grid.domain(domain).is_none() {
            problems.push(Problem::new(
                at.clone(),
                format!(
                    "`overrides` names `{}`, which is not a domain of the grid",
                    crate::text::one_line(domain)
                ),
                "use a domain id of the grid, or remove the entry",
            ));
        }
        if entry.score.tenths() > u32::from(max) * 10 {
            problems.push(Problem::new(
                at.clone(),
                format!(
                    "the override of {domain} ({}) is above the scale's top ({max})",
                    entry.score
                ),
                format!("set a score from 0 to {max}"),
            ));
        }
        if entry.justification.trim().is_empty() {
            problems.push(Problem::new(
                at,
                format!("the override of {domain} has no justification"),
                "say why the computed score does not reflect the domain",
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// The answer files of `source`, read and parsed (several at a time), in file order: each
/// answer with its text, or why it does not parse. Nothing here needs the grid.
type ParsedAnswers = Vec<(String, Result<Option<(Answer, String)>>)>;

fn read_answers(source: &Source) -> Result<ParsedAnswers> {
    let relatives: Vec<String> = source
        .record_files(ANSWERS_DIR)?
        .into_iter()
        .map(|name| format!("{ANSWERS_DIR}/{name}"))
        .collect();
    let texts = source.read_texts(&relatives, files::MAX_RECORD_BYTES);
    let read: Vec<(String, Result<Option<String>>)> = relatives.into_iter().zip(texts).collect();
    // Parsing is most of the cost: thousands of small YAML files, each on its own.
    Ok(state::parallel_map(read, |(relative, text)| {
        let parsed = match text {
            Ok(Some(text)) => files::parse_record::<Answer>(text, &relative).map(Some),
            other => other.map(|_| None),
        };
        (relative, parsed)
    }))
}

/// Checks answers as [`read_answers`] gave them against the grid; every problem in one error.
fn check_answers(parsed: ParsedAnswers, grid: &Grid) -> Result<BTreeMap<String, Answer>> {
    let controls: std::collections::HashSet<&str> = grid
        .controls()
        .map(|(_, control)| control.id.as_str())
        .collect();
    let mut answers = BTreeMap::new();
    let mut problems = Vec::new();
    for (relative, result) in parsed {
        match result.and_then(|parsed| match parsed {
            Some((answer, text)) => {
                check_answer(&relative, answer, &text, grid, &controls).map(Some)
            }
            None => Ok(None),
        }) {
            Ok(Some(answer)) => {
                answers.insert(answer.control.clone(), answer);
            }
            Ok(None) => {}
            Err(Error::Invalid(Problems(found))) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// Reads one answer file, if there is one, and checks it against the grid: the control
/// exists and matches the file name, the level is on the scale.
fn load_answer(source: &Source, relative: &str, grid: &Grid) -> Result<Option<Answer>> {
    let Some((answer, text)) = source.read_record::<Answer>(relative)? else {
        return Ok(None);
    };
    let controls: std::collections::HashSet<&str> = grid
        .controls()
        .map(|(_, control)| control.id.as_str())
        .collect();
    check_answer(relative, answer, &text, grid, &controls).map(Some)
}

/// Checks the answer of the file `relative` (whose text is `text`) against the grid, whose
/// control ids are `controls`.
fn check_answer(
    relative: &str,
    answer: Answer,
    text: &str,
    grid: &Grid,
    controls: &std::collections::HashSet<&str>,
) -> Result<Answer> {
    let expected = relative
        .rsplit('/')
        .next()
        .and_then(|name| name.strip_suffix(".yaml"))
        .unwrap_or_default();
    let problem = if answer.control != expected {
        Some((
            "control",
            format!(
                "`control: {}` does not match the file name",
                crate::text::one_line(&answer.control)
            ),
            format!(
                "an answer to {expected} holds `control: {expected}`; restore it with `git checkout -- {relative}`"
            ),
        ))
    } else if !controls.contains(answer.control.as_str()) {
        Some((
            "control",
            format!(
                "{expected} is not a control of grid {} {}",
                grid.id, grid.version
            ),
            format!("remove {relative}, or restore the grid the engagement was started with"),
        ))
    } else if let Level::Score(level) = answer.level
        && grid.scale_level(level).is_none()
    {
        Some((
            "level",
            format!(
                "level {level} is outside the grid's scale (0–{})",
                grid.max_level()
            ),
            "use a level of the scale or `na`".to_owned(),
        ))
    } else {
        None
    };
    match problem {
        None => Ok(answer),
        Some((key, message, hint)) => {
            let (line, column) = key_position(text, key);
            Err(Error::Invalid(Problems(vec![Problem::new(
                Position::new(relative, line, column),
                message,
                hint,
            )])))
        }
    }
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
