//! Audit rounds. One engagement repository holds every round; git is the history.
//!
//! - `close`: the round's report is rendered into `reports/<label>/`, committed, and the
//!   commit is tagged `audit/<label>` (an annotated tag whose message holds the date, the
//!   auditors and the domain scores). Refused while the working copy has drafts, changes
//!   not committed, records that do not load or references that do not hold.
//! - `start`: the next round. Every answer keeps its level but is marked `reverify: true`
//!   until an auditor sets its level or observations again; findings and actions stay as
//!   they are, so their progress is followed; score overrides belong to a round and are
//!   cleared; `engagement.yaml` records the round.
//! - reading any round (or any git revision) back from git objects, without checking
//!   anything out, and the history of one control across rounds.
//!
//! Rendering the report is the caller's (a closure), so that this layer stays below the
//! report: it only writes the files it is given.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::{ANSWERS_DIR, ENGAGEMENT_FILE, Engagement, Meta, Source, State, files, git, state};
use crate::assessment::{Answer, Auditor, Score, status};
use crate::error::{Error, Problems, Result};
use crate::messages::{Act, Blocked, Fix, LabelFlaw, Unblock, Wrong};
use crate::rules::{Change, NewGrid, RoundStart};
use crate::text::one_line;

/// Where closed rounds' reports are committed: `reports/<label>/`.
pub const REPORTS_DIR: &str = "reports";
/// A re-audit is recommended this many months after a round closes.
pub const REAUDIT_MONTHS: i8 = 6;
/// Labels are short: they name a tag, a folder and a column of tables.
const LABEL_MAX: usize = 40;

/// A closed audit round.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub label: String,
    pub closed_at: Timestamp,
    pub closed_by: Auditor,
    /// The commit the round's tag points at.
    pub commit: git2::Oid,
    /// The tag's message.
    pub message: String,
}

impl Round {
    /// The day the round was closed, in `zone`.
    pub fn closed_on(&self, zone: &TimeZone) -> Date {
        crate::clock::day_in(self.closed_at, zone)
    }

    /// The recommended date of the next audit: six months after closing.
    pub fn next_audit(&self, zone: &TimeZone) -> Date {
        next_audit(self.closed_on(zone))
    }
}

/// Six months after `day` (the last day of a shorter month when needed).
pub fn next_audit(day: Date) -> Date {
    day.checked_add(jiff::Span::new().months(REAUDIT_MONTHS))
        .unwrap_or(day)
}

/// What closing a round did.
#[derive(Debug, Clone)]
pub struct Closed {
    pub label: String,
    /// The files written, relative to the engagement's root.
    pub files: Vec<String>,
    pub commit: git2::Oid,
    /// `audit/<label>`.
    pub tag: String,
    pub message: String,
    /// The round the report compares with, if any.
    pub previous: Option<String>,
    pub next_audit: Date,
    /// The report's evidence not on disk as attached, marked in its annex.
    pub evidence: Vec<crate::error::Problem>,
}

/// What starting a round did.
#[derive(Debug, Clone)]
pub struct Started {
    pub label: String,
    pub commit: git2::Oid,
    pub message: String,
    /// Answers marked to re-verify.
    pub reverify: usize,
    pub open_findings: usize,
    pub pending_actions: usize,
    /// Domains whose score override was cleared.
    pub overrides_cleared: Vec<String>,
    /// The move to a newer grid, when the round starts on one.
    pub regrid: Option<Regridded>,
}

/// What moving to a newer grid did when a round started.
#[derive(Debug, Clone, PartialEq)]
pub struct Regridded {
    pub grid: String,
    pub from: String,
    pub to: String,
    /// Answers carried over with what changed to re-verify.
    pub changed: usize,
    /// Controls new in the newer grid, unassessed.
    pub added: Vec<String>,
    /// Controls the newer grid removed, whose answers stay in the history.
    pub removed: Vec<String>,
    /// Answers carried over whose level the newer scale does not have, by control id: not
    /// assessed until given a level again.
    pub stranded: Vec<String>,
    /// Findings that named a control the newer grid removed, each with those controls: the
    /// finding stays, without them.
    pub unlinked: Vec<(String, Vec<String>)>,
}

/// One change of a control's answer, from its file's history.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub commit: git2::Oid,
    pub author: Auditor,
    pub at: Timestamp,
    /// The commit's subject line.
    pub summary: String,
    /// The answer before this change (none for the first one).
    pub before: Option<Answer>,
    /// The answer as the change left it; none when the change removed the file or it does
    /// not load (see `problem`).
    pub after: Option<Answer>,
    /// Why this version of the file does not load, when it does not.
    pub problem: Option<String>,
    /// The closed round this change belongs to (the first one closed after it); none for a
    /// change of the current round.
    pub round: Option<String>,
}

/// Checks a round's label: it names a git tag (`audit/<label>`) and a folder
/// (`reports/<label>/`), so it is short and made of letters, digits, `.`, `_` and `-`.
pub fn check_label(label: &str) -> Result<()> {
    match label_flaw(label) {
        Some(flaw) => Err(Error::said(
            Wrong::Blocked(Blocked::NotALabel {
                given: label.to_owned(),
                flaw,
            }),
            Fix::Unblock(Unblock::LabelLike),
        )),
        None => Ok(()),
    }
}

fn label_flaw(label: &str) -> Option<LabelFlaw> {
    if label.is_empty() {
        return Some(LabelFlaw::Empty);
    }
    if label.chars().count() > LABEL_MAX {
        return Some(LabelFlaw::TooLong(LABEL_MAX));
    }
    if let Some(c) = label
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Some(LabelFlaw::Holds(c));
    }
    if label.starts_with('-') || label.starts_with('.') {
        return Some(LabelFlaw::StartsBadly);
    }
    if label.contains("..") {
        return Some(LabelFlaw::DoubleDot);
    }
    if label.ends_with('.') || label.ends_with(".lock") {
        return Some(LabelFlaw::EndsBadly);
    }
    if label.eq_ignore_ascii_case("draft") {
        return Some(LabelFlaw::Draft);
    }
    (!git::valid_round_ref(label)).then_some(LabelFlaw::GitRefuses)
}

/// The ids, at `commit`, of the files a close of the round `label` rendered, as one text
/// (`reports/<label>/`): its deliverable, which no later commit may change. A PDF or a DOCX
/// made from them and committed beside is the auditor's to add.
pub(super) fn closed_report_ids(
    repo: &git2::Repository,
    label: &str,
    commit: git2::Oid,
) -> Result<String> {
    let files: Vec<String> = git::ROUND_REPORT_FILES
        .iter()
        .map(|name| format!("{REPORTS_DIR}/{label}/{name}"))
        .collect();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    git::ids_in(repo, commit, &files)
}

impl Engagement {
    /// Every closed round, oldest first.
    pub fn rounds(&self) -> Result<Vec<Round>> {
        Ok(git::round_tags(&self.repo)?
            .into_iter()
            .map(|tag| Round {
                label: tag.label,
                closed_at: tag.closed_at,
                closed_by: tag.closed_by,
                commit: tag.commit,
                message: tag.message,
            })
            .collect())
    }

    /// What a report of the working copy compares with: the last round closed in the
    /// history that leads to it, whether or not `audit start` began the round in progress
    /// (an auditor who forgets it still gets the progress since the last close). When the
    /// working copy is a closed round itself (HEAD is its commit: nothing was done since),
    /// the round closed before it, so that its report rendered again reads as it did.
    pub fn previous_round(&self) -> Result<Option<Round>> {
        let head = git::head(&self.repo)?;
        self.last_round_but(head)
    }

    /// What closing a round compares with: the last round closed in the history that leads
    /// to HEAD, even when nothing was done since (a second close made by mistake compares
    /// with the first).
    pub fn last_round(&self) -> Result<Option<Round>> {
        self.last_round_but(None)
    }

    /// The last closed round in HEAD's history, in history order (a round whose commit
    /// descends from another's came after it, whatever the clocks said; rounds on lines
    /// that do not meet go by their closing time), leaving out the one closed on `skip`.
    /// A round tag outside HEAD's history (another line, fetched but not merged) is none of
    /// this round's past.
    fn last_round_but(&self, skip: Option<git2::Oid>) -> Result<Option<Round>> {
        let Some(head) = git::head(&self.repo)? else {
            return Ok(None);
        };
        let mut last: Option<Round> = None;
        for round in self.rounds()? {
            if Some(round.commit) == skip || !git::reaches(&self.repo, head, round.commit)? {
                continue;
            }
            let after = match &last {
                Some(before) => !git::reaches(&self.repo, before.commit, round.commit)?,
                None => true,
            };
            if after {
                last = Some(round);
            }
        }
        Ok(last)
    }

    /// The records as they were when `round` closed, read from git objects.
    pub fn round_state(&self, round: &Round) -> Result<State> {
        let tree = git::TreeFiles::of(&self.repo, round.commit)?;
        state::load_round(&Source::Commit(tree), round.commit)
            .map_err(|error| state::at_revision(error, &round.label))
    }

    /// The records at `revision`: a round's label, or anything `git rev-parse` accepts
    /// (`HEAD~3`, a hash, a branch), read from git objects without touching the working copy.
    /// Returns the state and when that revision was made (the round's closing time, or the
    /// commit's).
    pub fn state_at(&self, revision: &str) -> Result<(State, Timestamp)> {
        if let Some(round) = self
            .rounds()?
            .into_iter()
            .find(|round| round.label == revision)
        {
            return Ok((self.round_state(&round)?, round.closed_at));
        }
        let commit = git::resolve(&self.repo, revision)?.ok_or_else(|| {
            let labels: Vec<String> = self
                .rounds()
                .unwrap_or_default()
                .into_iter()
                .map(|round| round.label)
                .collect();
            Error::from(crate::error::Output::NotARevision {
                given: revision.to_owned(),
                rounds: labels,
            })
        })?;
        let (at, _) = git::commit_info(&self.repo, commit)?;
        Ok((self.state_of(commit, revision)?, at))
    }

    fn state_of(&self, commit: git2::Oid, name: &str) -> Result<State> {
        let tree = git::TreeFiles::of(&self.repo, commit)?;
        state::load(&Source::Commit(tree)).map_err(|error| state::at_revision(error, name))
    }

    /// Refuses, saying why and how to fix it, when the working copy holds anything that a
    /// round or a sync would leave behind or mix up: a git operation in progress, drafts
    /// not saved, records changed but not committed.
    pub(super) fn check_clean(&self, act: Act) -> Result<()> {
        let blocked = |blocked: Blocked, fix: Unblock| {
            Err(Error::said(Wrong::Blocked(blocked), Fix::Unblock(fix)))
        };
        if git::operation_in_progress(&self.repo) {
            return blocked(Blocked::GitBusy(act), Unblock::FinishGit);
        }
        self.check_drafts_untracked()?;
        let drafts = self.drafts()?;
        if !drafts.is_empty() {
            let controls = drafts.into_iter().map(|draft| draft.control).collect();
            return blocked(
                Blocked::DraftsUnsaved { act, controls },
                Unblock::SaveDrafts,
            );
        }
        let changed: Vec<String> = git::uncommitted(&self.repo)?
            .into_iter()
            // Temporary files of an interrupted write are removed when the lock is taken.
            .filter(|(path, _)| !files::is_temporary(path))
            .filter(|(path, untracked)| !untracked || is_record_path(path))
            .map(|(path, _)| path)
            .collect();
        if !changed.is_empty() {
            let more = changed.len().saturating_sub(8);
            let paths = changed.into_iter().take(8).collect();
            return blocked(
                Blocked::Uncommitted { act, paths, more },
                Unblock::CommitOrUndo,
            );
        }
        // Committed by hand: a round is not closed, nor a change passed on, over a closed
        // round's deliverable changed since (`sync` refuses the same from a remote).
        if let Some(head) = git::head(&self.repo)? {
            for round in git::round_tags(&self.repo)? {
                if git::reaches(&self.repo, head, round.commit)?
                    && closed_report_ids(&self.repo, &round.label, head)?
                        != closed_report_ids(&self.repo, &round.label, round.commit)?
                {
                    let label = round.label;
                    return blocked(
                        Blocked::ClosedReportChanged {
                            act,
                            label: label.clone(),
                        },
                        Unblock::RestoreClosedReport(label),
                    );
                }
            }
        }
        Ok(())
    }

    /// Reloads every record from the disk, under the lock: a round is closed or started on
    /// what is committed, not on what this process read earlier. Callers have checked that
    /// nothing is left uncommitted; then, when HEAD has not moved since the records were
    /// read, they are what is committed, and are not read again (a second copy of every
    /// record was the peak memory of `audit close` on a large engagement).
    fn reload(&mut self) -> Result<()> {
        let head = git::head(&self.repo)?;
        if head.is_some() && head == self.loaded_at {
            return Ok(());
        }
        self.reload_state()
    }

    fn refuse_used_label(&self, label: &str) -> Result<()> {
        if let Some(round) = self.rounds()?.into_iter().find(|r| r.label == label) {
            return Err(Error::said(
                Wrong::Blocked(Blocked::AlreadyClosed {
                    label: label.to_owned(),
                    on: round.closed_on(&crate::clock::local_zone()).to_string(),
                }),
                Fix::Unblock(Unblock::OtherLabel),
            ));
        }
        Ok(())
    }

    /// The message of the tag `audit/<label>`: who closed the round, when, and its scores.
    fn round_tag_text(
        &self,
        label: &str,
        meta: &Meta,
        who: &Auditor,
        today: Date,
        previous_label: Option<&str>,
    ) -> String {
        let status = self.status_with(meta);
        let score = crate::text::or_dash::<Score>;
        let auditors: Vec<String> = if meta.auditors.is_empty() {
            vec![who.to_string()]
        } else {
            meta.auditors.iter().map(ToString::to_string).collect()
        };
        let mut tag = format!("Audit round {label} closed on {today}\n\n");
        tag.push_str(&format!("Client: {}\n", one_line(&meta.client)));
        tag.push_str(&format!("Auditors: {}\n", one_line(&auditors.join(", "))));
        tag.push_str(&format!(
            "Closed by: {}\n\nDomain scores:\n",
            one_line(&who.to_string())
        ));
        for domain in &status.domains {
            let set = if domain.override_justification.is_some() {
                format!(
                    " (set by the auditors; computed {})",
                    score(domain.computed)
                )
            } else {
                String::new()
            };
            let capped = domain
                .cap
                .as_ref()
                .map_or_else(String::new, |cap| format!(" ({cap})"));
            tag.push_str(&format!(
                "  {:<7} {:>3}  {}{set}{capped}\n",
                domain.id,
                score(domain.score),
                one_line(&domain.title)
            ));
        }
        tag.push_str(&format!("  {:<7} {:>3}\n", "Overall", score(status.score)));
        if let Some(previous) = previous_label {
            tag.push_str(&format!("\nPrevious round: {previous}\n"));
        }
        let next = next_audit(today);
        tag.push_str(&format!("Next audit recommended: {next}\n"));
        tag
    }

    /// Finishes an `audit close` killed between its commit and its tag: HEAD is the round's
    /// commit (`<label>: audit round closed (...)`, with `round: <label>`) and no tag
    /// `audit/<label>` exists. The tag is made as the close would have made it, by the
    /// commit's author at the commit's time.
    pub(super) fn finish_half_closed_round(&self, closed: &[String]) -> Result<()> {
        let Some(head) = git::head(&self.repo)? else {
            return Ok(());
        };
        let commit = self.repo.find_commit(head)?;
        let Some(label) = round_closed_by(&commit) else {
            return Ok(());
        };
        let label = label.as_str();
        if check_label(label).is_err()
            || closed.iter().any(|done| done == label)
            || self.state.meta.round.as_deref() != Some(label)
        {
            return Ok(());
        }
        let author = commit.author();
        let who = Auditor {
            name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
        };
        let at = Timestamp::from_second(commit.time().seconds())
            .map_err(|error| Error::bug(format!("the round's commit time: {error}")))?;
        let today = crate::clock::day(at);
        // What the close compared with: HEAD is its commit, which no tag names yet.
        let previous = self.last_round()?.map(|round| round.label);
        let tag = self.round_tag_text(label, &self.state.meta, &who, today, previous.as_deref());
        git::tag_round(&self.repo, label, head, &tag, &who, at)?;
        Ok(())
    }

    /// Whether `revision` names the working copy as a side of a comparison: it is the label
    /// of the round in progress, whose work the working copy holds (no tag names it yet).
    pub fn names_working_copy(&self, revision: &str) -> Result<bool> {
        Ok(self.open_round()?.as_deref() == Some(revision))
    }

    /// The round in progress, if one was started and is not closed yet.
    fn open_round(&self) -> Result<Option<String>> {
        let Some(current) = &self.state.meta.round else {
            return Ok(None);
        };
        let closed = self.rounds()?.iter().any(|round| &round.label == current);
        Ok((!closed).then(|| current.clone()))
    }

    /// Closes the round `label`: `render` makes the report's files (name in
    /// `reports/<label>/` → content) from this engagement and the previous round, if any
    /// (given away, so that its records go as soon as the report has what it needs);
    /// they are written, committed with `engagement.yaml` recording the round, and the
    /// commit is tagged `audit/<label>`.
    pub fn close_round<F>(
        &mut self,
        label: &str,
        who: &Auditor,
        now: Timestamp,
        render: F,
    ) -> Result<Closed>
    where
        F: FnOnce(&Engagement, Option<(Round, State)>) -> Result<Vec<(String, Vec<u8>)>>,
    {
        check_label(label)?;
        // A close killed half-way left its own files (the report, `round:`): undone or
        // finished first, so that they do not count as changes nobody chose to commit.
        self.recover_round_locked(&format!("audit close {label}"))?;
        // Before the lock: taking it commits records an interrupted command left behind,
        // and a round is not closed over changes nobody chose to commit.
        self.check_clean(Act::CloseRound(label.to_owned()))?;
        let _lock = self.lock_for(&format!("audit close {label}"))?;
        self.refuse_used_label(label)?;
        if let Some(open) = self.open_round()?
            && open != label
        {
            return Err(Error::said(
                Wrong::Blocked(Blocked::OpenUnderOtherLabel(open.clone())),
                Fix::Unblock(Unblock::CloseUnderItsLabel(open)),
            ));
        }
        self.reload()?;
        if !self.state.warnings.is_empty() {
            return Err(Error::Invalid(Problems(self.state.warnings.clone())));
        }
        let previous = match self.last_round()? {
            Some(round) => {
                let state = self.round_state(&round)?;
                Some((round, state))
            }
            None => None,
        };
        let previous_label = previous.as_ref().map(|(round, _)| round.label.clone());
        let rendered = render(self, previous)?;

        let mut paths = self.write_report_files(label, &rendered)?;
        let mut meta = self.state.meta.clone();
        if meta.round.as_deref() != Some(label) {
            meta.round = Some(label.to_owned());
            write_meta(&self.root, &meta)?;
            paths.push(ENGAGEMENT_FILE.to_owned());
        }
        let today = crate::clock::day(now);
        let message = self.closing_message(label, &meta);
        let commit = git::commit(&self.repo, &paths, &message, who, now)?;

        let tag = self.round_tag_text(label, &meta, who, today, previous_label.as_deref());
        let next = next_audit(today);
        git::tag_round(&self.repo, label, commit, &tag, who, now)?;
        self.state.meta = meta;
        // The round's records are the engagement's as loaded: kept for the reports and diffs
        // that will compare with it, which need not read them back from git.
        if let Some(dir) = Source::WorkTree(&self.root).cache_dir() {
            state::keep_round(&dir, commit, &self.state);
        }
        Ok(Closed {
            label: label.to_owned(),
            files: paths
                .into_iter()
                .filter(|path| path.starts_with(REPORTS_DIR))
                .collect(),
            commit,
            tag: format!("audit/{label}"),
            message,
            previous: previous_label,
            evidence: Vec::new(),
            next_audit: next,
        })
    }

    /// Writes a closed round's rendered files into `reports/<label>/`; their paths.
    fn write_report_files(
        &self,
        label: &str,
        rendered: &[(String, Vec<u8>)],
    ) -> Result<Vec<String>> {
        let dir = format!("{REPORTS_DIR}/{label}");
        files::create_private_dir_all(&self.root.join(&dir))?;
        let mut paths = Vec::new();
        for (name, bytes) in rendered {
            let relative = format!("{dir}/{name}");
            files::write_atomic(&self.root.join(&relative), bytes)?;
            paths.push(relative);
        }
        Ok(paths)
    }

    /// The scores of the records in memory, with `meta`'s overrides.
    fn status_with(&self, meta: &Meta) -> crate::assessment::Status {
        status(
            &self.state.grid,
            &self.state.answers,
            &meta.overrides,
            meta.language,
        )
    }

    /// `2026-02: audit round closed (overall 2.4; ACC 2.0, …)`.
    fn closing_message(&self, label: &str, meta: &Meta) -> String {
        let status = self.status_with(meta);
        let score = crate::text::or_dash::<Score>;
        let scores: Vec<String> = status
            .domains
            .iter()
            .map(|domain| format!("{} {}", domain.id, score(domain.score)))
            .collect();
        format!(
            "{label}: audit round closed (overall {}; {})",
            score(status.score),
            scores.join(", ")
        )
    }

    /// Starts the round `label`: answers kept and marked to re-verify (when a round was
    /// closed before), findings and actions carried over as they are, overrides cleared,
    /// the round recorded in `engagement.yaml`; one commit.
    pub fn start_round(&mut self, label: &str, who: &Auditor, now: Timestamp) -> Result<Started> {
        self.start_round_on(label, who, now, None)
    }

    /// [`Engagement::start_round`], moving the engagement to `grid` when given (see
    /// `rules::regrid`): refused, naming every problem, when `grid` does not say how to map
    /// the engagement's. The move is in the round's one commit.
    pub fn start_round_on(
        &mut self,
        label: &str,
        who: &Auditor,
        now: Timestamp,
        grid: Option<NewGrid>,
    ) -> Result<Started> {
        check_label(label)?;
        // What git knows (the closed rounds, the working copy) is checked before the rule;
        // the rule checks the records again under the lock.
        self.check_clean(Act::StartRound(label.to_owned()))?;
        self.refuse_used_label(label)?;
        if self.state.meta.round.as_deref() != Some(label)
            && let Some(open) = self.open_round()?
        {
            return Err(Error::said(
                Wrong::Blocked(Blocked::StillOpen(open.clone())),
                Fix::Unblock(Unblock::CloseFirst(open)),
            ));
        }
        let regrid = match &grid {
            Some(new) => self.regridded(new)?,
            None => None,
        };
        let overrides_cleared: Vec<String> = self.state.meta.overrides.keys().cloned().collect();
        let start = RoundStart {
            label: label.to_owned(),
            grid,
            carried_over: !self.rounds()?.is_empty(),
        };
        let saved = self.change(Change::StartRound(Box::new(start)), who, now)?;
        let state = &self.state;
        Ok(Started {
            label: label.to_owned(),
            commit: saved
                .commit
                .ok_or_else(|| Error::bug(format!("round {label} changed nothing")))?,
            message: saved.message,
            reverify: state.answers.values().filter(|a| a.reverify).count(),
            open_findings: state
                .findings
                .iter()
                .filter(|finding| finding.status == crate::assessment::FindingStatus::Open)
                .count(),
            pending_actions: state
                .actions
                .iter()
                .filter(|action| action.status.is_pending())
                .count(),
            overrides_cleared,
            regrid,
        })
    }

    /// What moving to `new` does to the engagement's records, when it is another version
    /// of its grid; refused, naming every problem, when `new` does not say how to map it.
    fn regridded(&self, new: &NewGrid) -> Result<Option<Regridded>> {
        let map = crate::grid::versions::between(&self.state.grid, &new.grid, &new.file)?;
        if map.is_identity() {
            return Ok(None);
        }
        let moved = crate::rules::regrid(&self.state, &new.grid, &map, self.state.meta.language)?;
        let unlinked = self
            .state
            .findings
            .iter()
            .filter_map(|finding| {
                let lost: Vec<String> = finding
                    .controls
                    .iter()
                    .filter(|control| map.removed.contains(control))
                    .cloned()
                    .collect();
                (!lost.is_empty()).then(|| (finding.id.clone(), lost))
            })
            .collect();
        Ok(Some(Regridded {
            grid: new.grid.id.clone(),
            from: map.from.clone(),
            to: map.to.clone(),
            changed: moved.changed,
            added: map
                .controls
                .iter()
                .filter(|(_, origin)| origin.is_new())
                .map(|(id, _)| id.clone())
                .collect(),
            removed: map.removed.clone(),
            stranded: moved.stranded,
            unlinked,
        }))
    }

    /// Every version of the file `relative` reachable from HEAD, oldest first: the commits
    /// that changed it, from [`Engagement::changes_up_to`].
    fn file_versions(&self, relative: &str) -> Result<Vec<git::FileVersion>> {
        let Some(head) = git::head(&self.repo)? else {
            return Ok(Vec::new());
        };
        let commits: Vec<git2::Oid> = self
            .changes_up_to(head)?
            .get(relative)
            .into_iter()
            .flatten()
            .filter_map(|id| git2::Oid::from_str(id).ok())
            .collect();
        git::versions_at(&self.repo, relative, &commits)
    }

    /// Which commits changed each file, up to `head`: the index kept in the clone's cache,
    /// brought up to `head` by walking only the commits made since it was when they are a
    /// line of descendants; made again from the whole history otherwise (a merge, a history
    /// rewritten), and kept.
    fn changes_up_to(&self, head: git2::Oid) -> Result<BTreeMap<String, Vec<String>>> {
        let dir = Source::WorkTree(&self.root).cache_dir();
        let kept = dir
            .as_deref()
            .and_then(super::cache::changes)
            .and_then(|changes| {
                git2::Oid::from_str(&changes.head)
                    .ok()
                    .map(|known| (known, changes.paths))
            });
        let (mut paths, since) = match kept {
            Some((known, paths)) if known == head => return Ok(paths),
            Some((known, paths)) if git::reaches(&self.repo, head, known).unwrap_or(false) => {
                (paths, Some(known))
            }
            _ => (BTreeMap::new(), None),
        };
        let (mut new, merges) = git::changed_paths(&self.repo, head, since)?;
        if merges && since.is_some() {
            paths.clear();
            new = git::changed_paths(&self.repo, head, None)?.0;
        }
        for (commit, changed) in new {
            for path in changed {
                paths.entry(path).or_default().push(commit.to_string());
            }
        }
        let changes = super::cache::Changes {
            head: head.to_string(),
            paths,
        };
        if let Some(dir) = dir {
            super::cache::keep_changes(&dir, &changes);
        }
        Ok(changes.paths)
    }

    /// Every change of `control`'s answer reachable from HEAD, oldest first, across rounds:
    /// who made it, when, and the answer before and after.
    /// The answer files of older grid versions are followed too: a control renamed, split or
    /// merged shows its older ids' history first, and a removed control's id is still known.
    pub fn control_log(&self, control: &str) -> Result<Vec<LogEntry>> {
        let grid = &self.state.grid;
        let older = |id: &str| -> Vec<String> {
            grid.replaces
                .iter()
                .flat_map(|entry| &entry.controls)
                .filter(|(old, mapping)| old.as_str() != id && mapping.to.iter().any(|to| to == id))
                .map(|(old, _)| old.clone())
                .collect()
        };
        let (id, mut ids) = match crate::rules::resolve::control(grid, control) {
            Ok(id) => {
                let older = older(&id);
                (id, older)
            }
            Err(error) => {
                // A control an older version had and this one removed.
                let removed = grid
                    .replaces
                    .iter()
                    .flat_map(|entry| entry.controls.keys())
                    .find(|old| old.eq_ignore_ascii_case(control.trim()))
                    .cloned();
                match removed {
                    Some(old) => (old, Vec::new()),
                    None => return Err(error),
                }
            }
        };
        ids.push(id);
        let mut versions = Vec::new();
        for id in &ids {
            let relative = format!("{ANSWERS_DIR}/{id}.yaml");
            for version in self.file_versions(&relative)? {
                versions.push((relative.clone(), version));
            }
        }
        // Oldest first across the files; the move's commit removes one and writes the other.
        versions.sort_by_key(|(relative, version)| {
            (version.at, version.content.is_some(), relative.clone())
        });
        let rounds = self.rounds()?;
        let mut entries = Vec::new();
        let mut before: Option<Answer> = None;
        for (relative, version) in versions {
            let (after, problem) = match version.content {
                None => (None, None),
                Some(bytes) => {
                    match bytes
                        .and_then(|bytes| {
                            files::decode_text(bytes, &relative, files::MAX_RECORD_BYTES)
                        })
                        .and_then(|text| files::parse_record::<Answer>(text, &relative))
                    {
                        Ok((answer, _)) => (Some(answer), None),
                        Err(error) => (None, Some(one_line(&error.to_string()))),
                    }
                }
            };
            let mut round = None;
            for candidate in &rounds {
                if git::reaches(&self.repo, candidate.commit, version.commit)? {
                    round = Some(candidate.label.clone());
                    break;
                }
            }
            entries.push(LogEntry {
                commit: version.commit,
                author: version.author,
                at: version.at,
                summary: version.summary,
                before: before.clone(),
                after: after.clone(),
                problem,
                round,
            });
            if after.is_some() {
                before = after;
            }
        }
        Ok(entries)
    }
}

/// Untracked files that matter to a round or a sync: records, evidence and templates, none
/// of them hidden ([`files::is_hidden`]: an editor's swap file beside a record).
fn is_record_path(path: &str) -> bool {
    let hidden = files::is_hidden(path);
    let folders = [
        "evidence/",
        "templates/",
        "answers/",
        "findings/",
        "actions/",
        "cves/",
    ];
    !hidden && (path.ends_with(".yaml") || folders.iter().any(|dir| path.starts_with(dir)))
}

fn write_meta(root: &std::path::Path, meta: &Meta) -> Result<()> {
    let text = crate::yaml::to_string(meta).map_err(|error| Error::bug(error.to_string()))?;
    files::write_atomic(&root.join(ENGAGEMENT_FILE), text.as_bytes())
}

/// Whether the tag `target` (a tag object or a commit) points at the commit that closed the
/// round `label`, in the history of one of `tips`.
pub(super) fn closes_round(
    repo: &git2::Repository,
    target: git2::Oid,
    label: &str,
    tips: &[git2::Oid],
) -> Result<bool> {
    let Ok(commit) = repo
        .find_object(target, None)
        .and_then(|object| object.peel_to_commit())
    else {
        return Ok(false);
    };
    if round_closed_by(&commit).as_deref() != Some(label) {
        return Ok(false);
    }
    let mut in_history = false;
    for tip in tips {
        in_history |= git::reaches(repo, *tip, commit.id())?;
    }
    if !in_history {
        return Ok(false);
    }
    // What a close commits, not only its message: the round named in `engagement.yaml`,
    // its report beside, and records that load, which every command comparing with the
    // round reads.
    let has_report = git::ids_in(repo, commit.id(), &[&format!("{REPORTS_DIR}/{label}")])?;
    if has_report.ends_with("=-") {
        return Ok(false);
    }
    let tree = git::TreeFiles::of(repo, commit.id())?;
    Ok(state::load_round(&Source::Commit(tree), commit.id())
        .is_ok_and(|state| state.meta.round.as_deref() == Some(label)))
}

/// The label of the round `commit` closes, by its message's first line (see
/// [`Engagement::finish_half_closed_round`]).
pub(super) fn round_closed_by(commit: &git2::Commit) -> Option<String> {
    let message = String::from_utf8_lossy(commit.message_bytes());
    let summary = message.lines().next().unwrap_or("");
    let (label, _) = summary.split_once(": audit round closed (")?;
    Some(label.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each version as (commit, content).
    fn versions(list: Vec<git::FileVersion>) -> Vec<(git2::Oid, Option<Vec<u8>>)> {
        list.into_iter()
            .map(|version| {
                let content = version.content.map(|read| read.expect("a small record"));
                (version.commit, content)
            })
            .collect()
    }

    /// The versions of `relative` found the plain way: every commit from HEAD, the file
    /// looked up in it and in each parent.
    fn walked(repo: &git2::Repository, relative: &str) -> Vec<(git2::Oid, Option<Vec<u8>>)> {
        let blob = |commit: &git2::Commit| {
            commit
                .tree()
                .unwrap()
                .get_path(std::path::Path::new(relative))
                .ok()
                .map(|entry| entry.id())
        };
        let mut walk = repo.revwalk().unwrap();
        walk.push_head().unwrap();
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME | git2::Sort::REVERSE)
            .unwrap();
        walk.map(|oid| repo.find_commit(oid.unwrap()).unwrap())
            .filter(|commit| {
                let here = blob(commit);
                let parents: Vec<_> = commit.parents().map(|parent| blob(&parent)).collect();
                if parents.is_empty() {
                    here.is_some()
                } else {
                    parents.iter().all(|parent| *parent != here)
                }
            })
            .map(|commit| {
                let content =
                    blob(&commit).map(|id| repo.find_blob(id).unwrap().content().to_vec());
                (commit.id(), content)
            })
            .collect()
    }

    #[test]
    fn the_index_of_changes_finds_what_walking_the_history_finds() {
        let dir = tempfile::tempdir().unwrap();
        let now: Timestamp = "2026-11-28T09:00:00Z".parse().unwrap();
        let mut engagement =
            crate::demo::create(&dir.path().join("demo"), crate::grid::Lang::En, now).unwrap();
        let index = engagement
            .repo
            .path()
            .join("vmsaudit/cache")
            .join("changes.json");
        let files: Vec<String> = engagement
            .state()
            .answers
            .keys()
            .map(|id| format!("{ANSWERS_DIR}/{id}.yaml"))
            .chain(["engagement.yaml".to_owned(), "assets.yaml".to_owned()])
            .chain(
                engagement
                    .state()
                    .findings
                    .iter()
                    .map(|finding| format!("findings/{}.yaml", finding.id)),
            )
            .collect();
        let check = |engagement: &Engagement| {
            for file in &files {
                assert_eq!(
                    versions(engagement.file_versions(file).unwrap()),
                    walked(&engagement.repo, file),
                    "{file}"
                );
            }
        };
        // Built from the whole git, then read back.
        let _ = std::fs::remove_file(&index);
        check(&engagement);
        assert!(index.exists());
        check(&engagement);

        // Brought up to date by the commits made since: a line of them...
        let who = engagement.auditor(None).unwrap();
        for (n, level) in [3, 1, 2].into_iter().enumerate() {
            let change = super::super::AnswerChange {
                control: "ACC-01".into(),
                level: Some(crate::assessment::Level::Score(level)),
                observations: Some(format!("seen again, {n}")),
                ..super::super::AnswerChange::default()
            };
            engagement
                .change(crate::rules::Change::Answer(change), &who, now)
                .unwrap();
        }
        check(&engagement);
        // ...or a merge, after which it is built again.
        let repo = &engagement.repo;
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        let side = repo
            .commit(
                None,
                &head.author(),
                &head.committer(),
                "a side line",
                &head.parent(0).unwrap().tree().unwrap(),
                &[&head.parent(0).unwrap()],
            )
            .unwrap();
        let side = repo.find_commit(side).unwrap();
        repo.commit(
            Some("HEAD"),
            &head.author(),
            &head.committer(),
            "merge",
            &head.tree().unwrap(),
            &[&head, &side],
        )
        .unwrap();
        check(&engagement);
    }

    #[test]
    fn labels_follow_git_ref_rules_and_stay_plain() {
        for good in ["2026-02", "2026-S1", "v1.2", "round_3", "A"] {
            check_label(good).unwrap();
        }
        for (bad, why) in [
            ("", "empty"),
            ("2026 02", "a space"),
            ("2026/02", "a slash"),
            ("a..b", "`..`"),
            ("-x", "starts with"),
            (".x", "starts with"),
            ("x.", "ends with"),
            ("x.lock", "ends with"),
            ("a\tb", "a control character"),
            ("a~b", "`~`"),
            ("a:b", "`:`"),
            ("a@{b", "`@`"),
            ("été", "`é`"),
            ("draft", "reports/draft"),
            ("DRAFT", "reports/draft"),
        ] {
            let error = check_label(bad).unwrap_err().to_string();
            assert!(error.contains(why), "{bad:?}: {error}");
            assert!(error.contains("help: use letters"), "{error}");
        }
        check_label(&"x".repeat(LABEL_MAX)).unwrap();
        assert!(check_label(&"x".repeat(LABEL_MAX + 1)).is_err());
    }

    #[test]
    fn the_next_audit_is_six_months_on() {
        assert_eq!(
            next_audit(jiff::civil::date(2026, 2, 3)),
            jiff::civil::date(2026, 8, 3)
        );
        assert_eq!(
            next_audit(jiff::civil::date(2026, 8, 31)),
            jiff::civil::date(2027, 2, 28)
        );
    }

    #[test]
    fn a_round_closes_on_a_tag_and_the_next_starts_with_answers_to_reverify() {
        use crate::assessment::Level;
        use crate::engagement::{AnswerChange, InitOptions};
        let dir = tempfile::tempdir().unwrap();
        let february: Timestamp = "2026-02-03T10:00:00Z".parse().unwrap();
        let august: Timestamp = "2026-08-03T10:00:00Z".parse().unwrap();
        let options = InitOptions {
            client: "ACME".into(),
            auditors: vec!["Jeanne Martin <jm@example.org>".parse().unwrap()],
            ..InitOptions::default()
        };
        let mut engagement = Engagement::init(&dir.path().join("acme"), options, february).unwrap();
        let who = engagement.auditor(None).unwrap();
        let answer = |level| AnswerChange {
            control: "ACC-01".into(),
            level: Some(Level::Score(level)),
            ..AnswerChange::default()
        };
        engagement
            .change(crate::rules::Change::Answer(answer(1)), &who, february)
            .unwrap();
        let closed = engagement
            .close_round("2026-02", &who, february, |_, previous| {
                assert!(previous.is_none());
                Ok(vec![("report.md".to_owned(), b"# Report".to_vec())])
            })
            .unwrap();
        assert_eq!(closed.files, ["reports/2026-02/report.md"]);
        assert_eq!(closed.next_audit, jiff::civil::date(2026, 8, 3));
        let rounds = engagement.rounds().unwrap();
        assert_eq!(rounds.len(), 1);
        assert_eq!(rounds[0].commit, closed.commit);
        assert!(
            rounds[0].message.contains("ACC     1.0"),
            "{}",
            rounds[0].message
        );

        engagement.start_round("2026-08", &who, august).unwrap();
        assert!(engagement.state().answers["ACC-01"].reverify);
        engagement
            .change(crate::rules::Change::Answer(answer(3)), &who, august)
            .unwrap();
        assert!(!engagement.state().answers["ACC-01"].reverify);

        let (before, at) = engagement.state_at("2026-02").unwrap();
        assert_eq!(at, february);
        assert_eq!(before.answers["ACC-01"].level, Level::Score(1));
        assert!(!before.answers["ACC-01"].reverify);
        let (previous, _) = engagement.state_at("HEAD~1").unwrap();
        assert!(previous.answers["ACC-01"].reverify);
        assert!(engagement.state_at("nowhere").is_err());

        let log = engagement.control_log("acc-01").unwrap();
        let levels: Vec<(Option<Level>, bool, Option<&str>)> = log
            .iter()
            .map(|entry| {
                let after = entry.after.as_ref().unwrap();
                (Some(after.level), after.reverify, entry.round.as_deref())
            })
            .collect();
        assert_eq!(
            levels,
            [
                (Some(Level::Score(1)), false, Some("2026-02")),
                (Some(Level::Score(1)), true, None),
                (Some(Level::Score(3)), false, None),
            ]
        );
        // The label is used: refused before anything is written.
        let error = engagement
            .close_round("2026-02", &who, august, |_, _| Ok(vec![]))
            .unwrap_err();
        assert!(error.to_string().contains("already closed"), "{error}");
    }
}
