//! `vmsaudit report`: renders the audit report of the engagement, beside the last closed
//! round when there is one (its scores, and the progress since).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::report::Format;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown with the radar chart beside it as SVG and PNG, for pandoc
    Md,
    /// One standalone HTML file, chart inline, printable
    Html,
    /// A Word document through pandoc (2.0 or later), chart embedded, in the engagement's
    /// `templates/reference.docx` styles when it has one; needs `-o FILE`
    Docx,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// What to write
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Where to write: a file (`report-en.md`, `audit.html`, `rapport.docx`) or a folder;
    /// default `reports/draft/` in the engagement
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}

pub fn run(here: &Path, args: ReportArgs) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let lang = super::lang::of(&engagement);
    if !engagement.state().grid.speaks(lang) {
        anyhow::bail!(crate::Error::from(crate::error::Setting::GridLacks {
            lang: lang.to_string(),
            has: engagement.state().grid.languages.clone(),
        }));
    }
    if args.format == ReportFormat::Docx && args.output.as_ref().is_none_or(|path| path.is_dir()) {
        anyhow::bail!(crate::Error::from(crate::error::Output::DocxNeedsFile));
    }
    let generated = crate::clock::now()?;
    let (rendered, templates, evidence) = engagement.render_draft(lang, generated)?;
    if args.format == ReportFormat::Docx {
        let reference = engagement.reference_docx()?;
        let root = engagement.root().to_owned();
        drop(engagement);
        let path = args.output.unwrap_or_default();
        let written = crate::engagement::write_report_docx(&path, &rendered, reference.as_deref())?;
        if let Some(reference) = reference {
            eprintln!(
                "{}",
                super::words::fill(
                    super::words::words(lang).report_styles,
                    crate::text::one_line(&reference.display().to_string())
                )
            );
        }
        let shown = crate::text::one_line(&written.display().to_string());
        writeln!(std::io::stdout().lock(), "{shown}")?;
        super::export::note_if_inside(&root, &written);
        return Ok(warn_evidence(&evidence, lang));
    }
    // A folder gets the report under its usual names; any other path is the report's own.
    let (folder, file) = match args.output {
        None => (Some(engagement.draft_report_dir()?), None),
        Some(path) if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') => {
            (Some(path), None)
        }
        Some(path) => (None, Some(path)),
    };
    // The records are megabytes on a large engagement, and the HTML conversion's document
    // tree more: not both at once.
    drop(engagement);
    let format = match args.format {
        ReportFormat::Md | ReportFormat::Docx => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    let mut written = Vec::new();
    if let Some(folder) = folder {
        written.extend(crate::engagement::write_report(&folder, &rendered, format)?);
    }
    if let Some(path) = file {
        match format {
            Format::Markdown => {
                written.extend(crate::engagement::write_report_markdown(&path, &rendered)?)
            }
            Format::Html => written.push(crate::engagement::write_report_html(&path, &rendered)?),
        }
    }
    for (name, path) in templates.overrides() {
        eprintln!(
            "{}",
            super::words::fill_all(
                super::words::words(lang).report_template,
                &[
                    &crate::text::one_line(name),
                    &crate::text::one_line(&path.display().to_string())
                ]
            )
        );
    }
    let mut out = std::io::stdout().lock();
    for path in written {
        writeln!(
            out,
            "{}",
            crate::text::one_line(&path.display().to_string())
        )?;
    }
    drop(out);
    Ok(warn_evidence(&evidence, lang))
}

/// Says on stderr each evidence entry whose file is not as attached, and what the report
/// did; the exit code: 1 when there is one (the report is written, its annex marking the
/// files), so that a script that goes on to send it stops.
pub(super) fn warn_evidence(
    problems: &[crate::error::Problem],
    lang: crate::grid::Lang,
) -> ExitCode {
    if problems.is_empty() {
        return ExitCode::SUCCESS;
    }
    for problem in problems {
        super::warn(lang, &problem.phrase(lang));
    }
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(
        stderr,
        "{}",
        crate::messages::evidence_marked(lang, problems.len())
    );
    ExitCode::FAILURE
}
