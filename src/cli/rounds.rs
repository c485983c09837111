//! `vmsaudit audit close|start|list` (audit rounds) and `vmsaudit log CONTROL` (the history
//! of one control across rounds).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use super::auditor_override;
use crate::assessment::{Answer, Score};
use crate::compare::{self, AnswerDelta};
use crate::engagement::{Engagement, LogEntry, Round};
use crate::grid::Lang;
use crate::text::{excerpt, one_line, or_dash};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Close the current round: render its report into reports/LABEL/, commit it and tag the
    /// commit audit/LABEL
    Close {
        /// The round's label, e.g. 2026-02 (letters, digits, `.`, `_`, `-`)
        #[arg(allow_hyphen_values = true)]
        label: String,
    },
    /// Start the next round: answers kept but marked to re-verify, findings and actions
    /// carried over, score overrides cleared
    Start {
        /// The new round's label, e.g. 2026-08
        #[arg(allow_hyphen_values = true)]
        label: String,
        /// Move the engagement to a newer version of its grid (a file, or `builtin`): answers
        /// carried over through the new grid's `replaces:` mapping
        #[arg(long, value_name = "FILE|builtin")]
        grid: Option<std::path::PathBuf>,
    },
    /// The closed rounds: dates, scores, and the recommended date of the next audit
    List {
        /// Print JSON for scripts instead of a table
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Control id, e.g. ACC-01
    pub control: String,
    /// Print JSON for scripts instead of text
    #[arg(long)]
    pub json: bool,
}

pub fn audit(here: &Path, command: AuditCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    match command {
        AuditCommand::Close { label } => close(here, &label, now),
        AuditCommand::Start { label, grid } => start(here, &label, grid.as_deref(), now),
        AuditCommand::List { json } => list(here, json, now),
    }
}

fn close(here: &Path, label: &str, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let closed = engagement.close_round_with_report(label, &who, now)?;
    let lang = super::lang::of(&engagement);
    let words = super::words::words(lang);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        super::words::fill_all(
            words.round_closed,
            &[
                &one_line(&closed.label),
                &format!("{:.7}", closed.commit),
                &one_line(&closed.tag)
            ]
        )
    )?;
    writeln!(out, "{}", one_line(&closed.message))?;
    for file in &closed.files {
        writeln!(out, "  {}", one_line(file))?;
    }
    match &closed.previous {
        Some(previous) => writeln!(
            out,
            "{}",
            super::words::fill(words.compared_with, one_line(previous))
        )?,
        None => writeln!(out, "{}", words.first_round)?,
    }
    writeln!(
        out,
        "{}",
        super::words::fill(words.next_audit_on, lang.date(closed.next_audit))
    )?;
    writeln!(out, "{}", words.next_start)?;
    drop(out);
    // The round is closed and tagged whatever its evidence: said, not a failure.
    let _ = super::report::warn_evidence(&closed.evidence, lang);
    Ok(ExitCode::SUCCESS)
}

fn start(
    here: &Path,
    label: &str,
    grid: Option<&Path>,
    now: Timestamp,
) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let grid = match grid {
        Some(path) => {
            let (grid, text) = crate::grid::read_or_builtin(path)?;
            let file = if path.as_os_str() == "builtin" {
                crate::grid::builtin::NAME.to_owned()
            } else {
                path.display().to_string()
            };
            Some(crate::engagement::NewGrid {
                grid: std::sync::Arc::new(grid),
                text,
                file,
            })
        }
        None => None,
    };
    let started = engagement.start_round_on(label, &who, now, grid)?;
    let words = super::words::words(super::lang::of(&engagement));
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} {} [{:.7}]",
        words.saved,
        one_line(&started.message),
        started.commit
    )?;
    if let Some(moved) = &started.regrid {
        writeln!(
            out,
            "{}",
            super::words::fill_all(
                words.regrid,
                &[
                    &one_line(&moved.grid),
                    &one_line(&moved.from),
                    &one_line(&moved.to),
                    &moved.changed
                ]
            )
        )?;
        for (said, ids) in [
            (words.regrid_added, &moved.added),
            (words.regrid_removed, &moved.removed),
        ] {
            if !ids.is_empty() {
                writeln!(out, "{}", super::words::fill(said, ids.join(", ")))?;
            }
        }
        if !moved.stranded.is_empty() {
            let state = engagement.state();
            let levels: Vec<String> = moved
                .stranded
                .iter()
                .map(|id| match state.stranded.get(id) {
                    Some(answer) => format!("{id} ({})", answer.level),
                    None => id.clone(),
                })
                .collect();
            let range = format!("0–{}", state.grid.max_level());
            writeln!(
                out,
                "{}",
                super::words::fill_all(words.regrid_stranded, &[&range, &levels.join(", ")])
            )?;
        }
        if !moved.unlinked.is_empty() {
            let findings: Vec<String> = moved
                .unlinked
                .iter()
                .map(|(id, controls)| format!("{id} ({})", controls.join(", ")))
                .collect();
            writeln!(
                out,
                "{}",
                super::words::fill(words.regrid_unlinked, findings.join(", "))
            )?;
        }
    }
    if started.reverify > 0 {
        writeln!(
            out,
            "{}",
            super::words::fill(words.reverify, started.reverify)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A round's line in `audit list`.
#[derive(Debug, Serialize)]
struct RoundRow {
    label: String,
    /// `closed`, or `in progress` / `working copy` for the last line.
    state: &'static str,
    closed_at: Option<Timestamp>,
    closed_by: Option<String>,
    commit: Option<String>,
    overall: Option<Score>,
    domains: Vec<(String, Option<Score>)>,
    next_audit: Option<jiff::civil::Date>,
}

fn list(here: &Path, json: bool, now: Timestamp) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let zone = crate::clock::local_zone();
    let rounds = engagement.rounds()?;
    let rows = round_rows(&engagement, &rounds, &zone)?;
    let mut out = std::io::stdout().lock();
    if json {
        super::write_json(&mut out, &rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let table = round_table(&engagement, &rows, &zone);
    let columns = table[0].len();
    let layout = super::table::Layout {
        right: &(3..columns - 1).collect::<Vec<_>>(),
        ..Default::default()
    };
    for cells in super::table::padded(&table, layout) {
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    let lang = super::lang::of(&engagement);
    let words = super::words::words(lang);
    if rounds.is_empty() {
        writeln!(out, "\n{}", words.no_round_closed)?;
    } else if let Some(last) = rounds.last() {
        let next = last.next_audit(&zone);
        let today = crate::clock::day_in(now, &zone);
        let when = if next < today {
            super::words::fill(words.past, lang.date(next))
        } else {
            lang.date(next)
        };
        writeln!(
            out,
            "\n{}",
            super::words::fill_all(words.next_audit, &[&one_line(&last.label), &when])
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Each closed round with its scores, then the round in progress (or the working copy).
fn round_rows(
    engagement: &Engagement,
    rounds: &[Round],
    zone: &TimeZone,
) -> anyhow::Result<Vec<RoundRow>> {
    let mut rows = Vec::new();
    for round in rounds {
        let state = engagement.round_state(round)?;
        let (overall, domains) = state.scores();
        rows.push(RoundRow {
            label: round.label.clone(),
            state: "closed",
            closed_at: Some(round.closed_at),
            closed_by: Some(round.closed_by.to_string()),
            commit: Some(round.commit.to_string()),
            overall,
            domains,
            next_audit: Some(round.next_audit(zone)),
        });
    }
    let current = engagement.state().meta.round.clone();
    let closed = |label: &str| rounds.iter().any(|round| round.label == label);
    let (label, state) = match current {
        Some(label) if !closed(&label) => (label, "in progress"),
        _ => ("working copy".to_owned(), "working copy"),
    };
    let (overall, domains) = engagement.state().scores();
    rows.push(RoundRow {
        label,
        state,
        closed_at: None,
        closed_by: None,
        commit: None,
        overall,
        domains,
        next_audit: None,
    });

    Ok(rows)
}

/// The rounds' rows as table cells, the header first.
fn round_table(engagement: &Engagement, rows: &[RoundRow], zone: &TimeZone) -> Vec<Vec<String>> {
    let lang = super::lang::of(engagement);
    let words = super::words::words(lang);
    let score = |score: Option<Score>| lang.decimal(&or_dash(score));
    let ids: Vec<String> = engagement
        .state()
        .grid
        .domains
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let mut header = vec![
        words.col_round.to_owned(),
        words.col_closed.to_owned(),
        words.col_by.to_owned(),
        words.col_overall.to_owned(),
    ];
    header.extend(ids.iter().cloned());
    header.push(words.col_next_audit.to_owned());
    let mut table = vec![header];
    for row in rows {
        // The state names are JSON's stable words; the table shows them in the language.
        let label = match row.state {
            "working copy" => words.working_copy.to_owned(),
            _ => one_line(&row.label),
        };
        let mut cells = vec![
            label,
            row.closed_at
                .map(|at| lang.date(crate::clock::day_in(at, zone)))
                .unwrap_or_else(|| match row.state {
                    "in progress" => words.in_progress.to_owned(),
                    _ => String::new(),
                }),
            row.closed_by
                .as_deref()
                .map(|by| one_line(by.split(" <").next().unwrap_or(by)))
                .unwrap_or_default(),
            score(row.overall),
        ];
        for id in &ids {
            cells.push(score(
                row.domains
                    .iter()
                    .find(|(known, _)| known == id)
                    .and_then(|(_, s)| *s),
            ));
        }
        cells.push(row.next_audit.map(|d| lang.date(d)).unwrap_or_default());
        table.push(cells);
    }
    table
}

/// One change of `log`, in words.
#[derive(Debug, Serialize)]
struct LogLine {
    commit: String,
    author: String,
    at: Timestamp,
    round: Option<String>,
    summary: String,
    before: Option<String>,
    after: Option<String>,
    changes: Vec<String>,
    observations: Option<String>,
}

impl LogLine {
    fn of(entry: &LogEntry) -> LogLine {
        LogLine {
            commit: entry.commit.to_string(),
            author: entry.author.to_string(),
            at: entry.at,
            round: entry.round.clone(),
            summary: entry.summary.clone(),
            before: entry.before.as_ref().map(|a| a.level.to_string()),
            after: entry.after.as_ref().map(|a| a.level.to_string()),
            changes: describe(entry),
            observations: observations_shown(entry.before.as_ref(), entry.after.as_ref()),
        }
    }
}

/// What changed in `entry`, in short phrases: `level 3 (was 2)`, `marked to re-verify`...
fn describe(entry: &LogEntry) -> Vec<String> {
    if entry.after.is_none() && entry.problem.is_some() {
        return vec!["the file does not load at this commit".to_owned()];
    }
    compare::answer_deltas(entry.before.as_ref(), entry.after.as_ref())
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// [`describe`] in the words of the engagement's language, for the terminal (the JSON keeps
/// the English phrases).
fn said(entry: &LogEntry, words: &super::words::Words) -> Vec<String> {
    use super::words::{fill, fill_all};
    if entry.after.is_none() && entry.problem.is_some() {
        return vec![words.log_not_loading.to_owned()];
    }
    compare::answer_deltas(entry.before.as_ref(), entry.after.as_ref())
        .iter()
        .map(|delta| match delta {
            AnswerDelta::Answered { level } => fill(words.log_level, level),
            AnswerDelta::Level { from, to } => fill_all(words.log_level_was, &[to, from]),
            AnswerDelta::Confirmed { level } => fill(words.log_confirmed, level),
            AnswerDelta::MarkedToReverify => words.log_marked.to_owned(),
            AnswerDelta::Observations => words.log_observations.to_owned(),
            AnswerDelta::EvidenceAdded { name } => fill(words.log_evidence, one_line(name)),
            AnswerDelta::EvidenceRemoved { name } => {
                fill(words.log_evidence_removed, one_line(name))
            }
            AnswerDelta::Removed => words.log_removed.to_owned(),
            AnswerDelta::Other => words.log_other.to_owned(),
        })
        .collect()
}

fn observations_shown(before: Option<&Answer>, after: Option<&Answer>) -> Option<String> {
    let after = after?;
    let changed = before.is_none_or(|before| before.observations != after.observations);
    (changed && !after.observations.trim().is_empty()).then(|| excerpt(&after.observations, 160))
}

pub fn log(here: &Path, args: LogArgs) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let entries = engagement.control_log(&args.control)?;
    // A control an older version of the grid had is logged under its own id.
    let id = crate::rules::resolve::control(&engagement.state().grid, &args.control)
        .unwrap_or_else(|_| args.control.trim().to_uppercase());
    let zone = crate::clock::local_zone();
    let rounds: Vec<Round> = engagement.rounds()?;
    let lines: Vec<LogLine> = entries.iter().map(LogLine::of).collect();
    let mut out = std::io::stdout().lock();
    if args.json {
        super::write_json(&mut out, &lines)?;
        return Ok(ExitCode::SUCCESS);
    }
    let lang = super::lang::of(&engagement);
    let words = super::words::words(lang);
    let title = engagement
        .state()
        .grid
        .control(&id)
        .map(|(_, control)| one_line(control.title.get(lang)))
        .unwrap_or_default();
    writeln!(out, "{id} · {title}")?;
    if lines.is_empty() {
        writeln!(out, "{}", words.log_never)?;
        return Ok(ExitCode::SUCCESS);
    }
    for ((index, line), entry) in lines.iter().enumerate().zip(&entries) {
        writeln!(
            out,
            "{}  {:.7}  {}  {}",
            crate::clock::moment_in(lang, line.at, &zone),
            line.commit,
            one_line(&line.author),
            said(entry, words).join(", ")
        )?;
        if let Some(observations) = &line.observations {
            writeln!(out, "    {}", lang.quote(observations))?;
        }
        let next_round = lines.get(index + 1).map(|next| next.round.as_deref());
        if let Some(label) = &line.round
            && next_round != Some(Some(label.as_str()))
        {
            writeln!(out, "{}", round_closed(label, &rounds, &zone, lang))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The line that ends a round's entries in the log: when and by whom it was closed.
fn round_closed(label: &str, rounds: &[Round], zone: &TimeZone, lang: Lang) -> String {
    let words = super::words::words(lang);
    match rounds.iter().find(|round| round.label == label) {
        Some(round) => super::words::fill_all(
            words.log_round_closed,
            &[
                &one_line(label),
                &lang.date(round.closed_on(zone)),
                &one_line(&round.closed_by.name),
            ],
        ),
        None => super::words::fill(words.log_round_closed_short, one_line(label)),
    }
}
