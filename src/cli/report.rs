//! `vmsaudit report`: renders the audit report of the engagement, beside the last closed
//! round when there is one (its scores, and the progress since).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::assessment;
use crate::compare;
use crate::engagement::{Engagement, Round, State};
use crate::grid::Lang;
use crate::report::{self, Format, PreviousRound, ReportInput, Templates};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown with the radar chart beside it as SVG and PNG, for pandoc
    Md,
    /// One standalone HTML file, chart inline, printable
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// What to write
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Language of the report (default: the engagement's)
    #[arg(long)]
    pub lang: Option<Lang>,
    /// Where to write: a file (`report-en.md`, `audit.html`) or a folder; default
    /// `reports/draft/` in the engagement
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}

pub fn run(here: &Path, args: ReportArgs) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let lang = args.lang.unwrap_or(engagement.meta.language);
    if !engagement.grid.speaks(lang) {
        anyhow::bail!(crate::Error::usage(
            format!(
                "the engagement's grid is not written in `{lang}` (it has: {})",
                engagement.grid.languages.join(", ")
            ),
            "choose one of the grid's languages with --lang",
        ));
    }
    let generated = crate::clock::now()?;
    let zone = jiff::tz::TimeZone::system();
    let previous = match engagement.previous_round()? {
        Some(round) => {
            let state = engagement.round_state(&round)?;
            let today = generated.to_zoned_datetime(zone.clone()).date();
            let current = crate::report::labels::labels(lang).draft;
            Some(previous_round(
                &engagement,
                &round,
                &state,
                current,
                lang,
                today,
            ))
        }
        None => None,
    };
    let (rendered, templates) = render(&engagement, lang, None, previous, generated)?;
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    let written = match &args.output {
        None => report::write(&engagement.draft_report_dir()?, &rendered, format)?,
        Some(path) if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') => {
            report::write(path, &rendered, format)?
        }
        Some(path) => match format {
            Format::Markdown => report::write_markdown(path, &rendered)?,
            Format::Html => vec![report::write_html(path, &rendered)?],
        },
    };
    for (name, path) in templates.overrides() {
        eprintln!("using the engagement's {name} ({})", path.display());
    }
    for path in written {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The report of the engagement as it is, for the round `round` (`None`: a draft), beside
/// `previous`; with the templates used (built in, or the engagement's own).
pub fn render(
    engagement: &Engagement,
    lang: Lang,
    round: Option<&str>,
    previous: Option<PreviousRound>,
    generated: jiff::Timestamp,
) -> crate::Result<(report::Rendered, Templates)> {
    let templates = Templates::load(engagement.root())?;
    let pack = engagement.cve_pack()?;
    let input = ReportInput {
        meta: &engagement.meta,
        grid: &engagement.grid,
        answers: &engagement.answers,
        findings: &engagement.findings,
        actions: &engagement.actions,
        assets: &engagement.assets,
        lang,
        round,
        generated,
        time_zone: jiff::tz::TimeZone::system(),
        previous,
        cves: Some(&pack),
    };
    Ok((report::render(&input, &templates)?, templates))
}

/// The previous round as the report shows it: its scores (the radar's dashed outline and
/// the score table's column) and what changed since (the progress section). `current`
/// names this report's side.
pub fn previous_round(
    engagement: &Engagement,
    round: &Round,
    state: &State,
    current: &str,
    lang: Lang,
    today: jiff::civil::Date,
) -> PreviousRound {
    let scores = state
        .grid
        .domains
        .iter()
        .map(|domain| {
            (
                domain.id.clone(),
                assessment::effective_score(domain, &state.answers, &state.meta.overrides),
            )
        })
        .collect();
    let now = engagement.state();
    let changes = compare::compare(
        compare::Side {
            label: &round.label,
            state,
            date: round.closed_on(&jiff::tz::TimeZone::system()),
        },
        compare::Side {
            label: current,
            state: &now,
            date: today,
        },
        lang,
    );
    PreviousRound {
        label: round.label.clone(),
        scores,
        changes: Some(changes),
    }
}
