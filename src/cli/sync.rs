//! `vmsaudit sync`: fetch, merge and push with the engagement's git remote, for several
//! auditors working in clones of one engagement.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use jiff::Timestamp;

use super::auditor_override;
use crate::engagement::sync_said::tell;

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The remote to sync with (default: `origin`, or the clone's only remote)
    pub remote: Option<String>,
}

pub fn run(here: &Path, args: SyncArgs, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let synced = engagement.sync(args.remote.as_deref(), &who, now)?;
    let lang = super::lang::of(&engagement);
    let told = tell(&synced, &engagement.root().display().to_string(), lang);
    let mut out = std::io::stdout().lock();
    for line in &told.out {
        writeln!(out, "{line}")?;
    }
    let mut err = std::io::stderr().lock();
    for line in &told.err {
        writeln!(err, "{line}")?;
    }
    Ok(if synced.stopped() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
