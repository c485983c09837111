//! `vmsaudit export plan|findings --format xlsx|csv -o FILE|-`: the action plan or the
//! findings as a spreadsheet for the client, made by the engagement (`Engagement::export`)
//! and written by it (atomic, private), or to standard output with `-o -`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use jiff::Timestamp;

use crate::engagement::ExportFormat;
use crate::error::Output;
use crate::export::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An Excel workbook: typed cells, frozen and filtered header, coloured criticality
    Xlsx,
    /// CSV as each language's spreadsheet opens it (French: `;`, BOM, decimal commas)
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The file format
    #[arg(long, value_enum)]
    pub format: Format,
    /// The file to write, or `-` for standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The action plan in the plan's order (critical first), with its cost totals by owner
    /// and currency on a second sheet (XLSX)
    Plan(ExportArgs),
    /// The findings, critical first, with CVSS, CVEs and KEV dates
    Findings(ExportArgs),
}

pub fn run(here: &Path, command: ExportCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    let (kind, args) = match command {
        ExportCommand::Plan(args) => (Kind::Plan, args),
        ExportCommand::Findings(args) => (Kind::Findings, args),
    };
    // Read first, so that a refusal of the output is said in the engagement's language.
    let engagement = super::load_engagement(here)?;
    let to_stdout = args.output.as_os_str() == "-";
    if to_stdout && args.format == Format::Xlsx && std::io::stdout().is_terminal() {
        anyhow::bail!(crate::Error::from(Output::BinaryToTerminal));
    }
    if !to_stdout && args.output.is_dir() {
        anyhow::bail!(crate::Error::from(Output::IsAFolder(
            args.output.display().to_string()
        )));
    }
    let lang = super::lang::of(&engagement);
    let format = match args.format {
        Format::Xlsx => ExportFormat::Xlsx,
        Format::Csv => ExportFormat::Csv,
    };
    let today = crate::clock::day(now);
    let bytes = engagement.export(kind, format, lang, today)?;
    let root = engagement.root().to_owned();
    drop(engagement);
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()?;
    } else {
        let written = crate::engagement::write_private(&args.output, &bytes)?;
        let shown = crate::text::one_line(&written.display().to_string());
        writeln!(std::io::stdout().lock(), "{shown}")?;
        note_if_inside(&root, &written);
    }
    Ok(ExitCode::SUCCESS)
}

/// A file given to the client but written inside the engagement is a new file to git, which
/// `audit close` and `sync` refuse until it is committed or gone: say so (`reports/draft/`
/// is kept out of git).
pub(super) fn note_if_inside(root: &Path, written: &Path) {
    let (Ok(root), Ok(file)) = (root.canonicalize(), written.canonicalize()) else {
        return;
    };
    if file.starts_with(&root) && !file.starts_with(root.join("reports").join("draft")) {
        eprintln!(
            "note: {} is inside the engagement, where git sees a new file (`audit close` and \
             `sync` want it committed or gone): write it outside, or under reports/draft/",
            crate::text::one_line(&written.display().to_string())
        );
    }
}
