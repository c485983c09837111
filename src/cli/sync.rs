//! `vmsaudit sync`: fetch, merge and push with the engagement's git remote, for several
//! auditors working in clones of one engagement.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use jiff::Timestamp;

use super::auditor_override;
use crate::engagement::{Merged, Transport};
use crate::text::one_line;

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The remote to sync with (default: `origin`, or the clone's only remote)
    pub remote: Option<String>,
}

/// What a record file is, in words: `answer to ACC-01`, `finding F-DKZTBJ`.
pub fn record_name(path: &str) -> String {
    let stem = |dir: &str| {
        path.strip_prefix(dir)
            .and_then(|rest| rest.strip_suffix(".yaml"))
            .filter(|rest| !rest.contains('/'))
            .map(str::to_owned)
    };
    if let Some(control) = stem("answers/") {
        format!("the answer to {control}")
    } else if let Some(id) = stem("findings/") {
        format!("finding {id}")
    } else if let Some(id) = stem("actions/") {
        format!("action {id}")
    } else if path == "assets.yaml" {
        "the asset inventory".to_owned()
    } else if path == "engagement.yaml" {
        "the engagement's details (client, scope, round, overrides)".to_owned()
    } else if path.starts_with("evidence/") {
        "an evidence file".to_owned()
    } else if path.starts_with("reports/") {
        "a round's report".to_owned()
    } else {
        "a file".to_owned()
    }
}

pub fn run(here: &Path, args: SyncArgs, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let synced = engagement.sync(args.remote.as_deref(), &who, now)?;
    let dir = one_line(&engagement.root().display().to_string());
    // A remote's name is the clone's configuration, but it is printed like anything else.
    let remote = one_line(&synced.remote);
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let how = match synced.transport {
        Transport::Local(_) => "",
        Transport::System => ", through the system's git",
    };
    writeln!(
        out,
        "fetched from {} ({}{how})",
        remote,
        one_line(&synced.url)
    )?;
    for label in &synced.tags_received {
        writeln!(
            out,
            "round {label} closed in another clone: tag audit/{label} received"
        )?;
    }
    for (label, reason) in &synced.tags_refused {
        writeln!(
            err,
            "warning: tag audit/{} of {} not taken: {} — delete it there with `git push {} :refs/tags/audit/...` (see `git ls-remote --tags {}`)",
            one_line(label),
            remote,
            one_line(reason),
            remote,
            remote
        )?;
    }
    for label in &synced.tag_conflicts {
        writeln!(
            err,
            "warning: round {label} was closed both here and in another clone, on different commits; each keeps its own tag audit/{label} — agree on one, then delete the other with `git tag -d audit/{label}` and `git push {} :refs/tags/audit/{label}`",
            remote
        )?;
    }
    let steps = |err: &mut std::io::StderrLock| -> std::io::Result<()> {
        writeln!(
            err,
            "The merge is left in progress, as plain git leaves it: `git -C {dir} status` shows where it stands. To finish it:"
        )?;
        writeln!(
            err,
            "  1. edit each file: keep what is right between the `<<<<<<<`, `=======` and `>>>>>>>` markers, and remove the markers"
        )?;
        writeln!(err, "  2. git -C {dir} add FILE...")?;
        writeln!(
            err,
            "  3. git -C {dir} commit --no-edit   (or `git -C {dir} merge --abort` to give the merge up)"
        )?;
        writeln!(
            err,
            "  4. vmsaudit -C {dir} sync   (sends the result to {})",
            remote
        )
    };
    match &synced.merged {
        Merged::RemoteEmpty => writeln!(out, "{} has no history yet", remote)?,
        Merged::UpToDate => writeln!(out, "already has every change of {}", remote)?,
        Merged::FastForward => writeln!(
            out,
            "took the changes of {} (this clone had none of its own)",
            remote
        )?,
        Merged::Commit(commit) => writeln!(out, "merged the changes of {} [{commit:.7}]", remote)?,
        Merged::Conflicts(paths) => {
            writeln!(
                err,
                "sync stopped: {} record(s) changed both here and in another clone:",
                paths.len()
            )?;
            for path in paths {
                writeln!(err, "  {} ({})", one_line(path), record_name(path))?;
            }
            steps(&mut err)?;
            return Ok(ExitCode::from(1));
        }
        Merged::Invalid(problems) => {
            writeln!(
                err,
                "sync stopped: git merged the files, but the merged records do not load:"
            )?;
            for problem in problems {
                writeln!(err, "  {}", one_line(&problem.to_string()))?;
            }
            steps(&mut err)?;
            return Ok(ExitCode::from(1));
        }
    }
    if synced.pushed {
        writeln!(out, "sent this clone's changes to {}", remote)?;
    }
    for label in &synced.tags_sent {
        writeln!(out, "round {label}: tag audit/{label} sent")?;
    }
    if let Some(reason) = &synced.not_pushed {
        writeln!(err, "not sent: {}", one_line(reason))?;
    }
    for (reference, reason) in &synced.refused {
        writeln!(
            err,
            "{} refused {reference}: {} — run `vmsaudit sync` again to merge what arrived meanwhile",
            remote,
            one_line(reason)
        )?;
    }
    for warning in &synced.warnings {
        writeln!(err, "warning: {}", one_line(&warning.to_string()))?;
    }
    if !synced.warnings.is_empty() {
        writeln!(
            err,
            "The merge left references between records that do not hold: fix the files named above and commit them with git; until then, saving those records and closing a round are refused."
        )?;
    }
    Ok(if synced.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicting_files_are_named_as_records() {
        assert_eq!(record_name("answers/ACC-01.yaml"), "the answer to ACC-01");
        assert_eq!(record_name("findings/F-DKZTBJ.yaml"), "finding F-DKZTBJ");
        assert_eq!(record_name("actions/A-NMRZF8.yaml"), "action A-NMRZF8");
        assert_eq!(record_name("assets.yaml"), "the asset inventory");
        assert_eq!(record_name("notes.txt"), "a file");
    }
}
