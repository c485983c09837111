//! The audit report: the engagement's records → tera templates → Markdown, with the maturity
//! radar as SVG and PNG beside it, or one standalone HTML file.
//!
//! The report mirrors the firm's template section by section, in the engagement's language:
//! title block, 01 scope, 02 methodology, 03 results (summary with the radar and the score
//! table, then each domain), 04 action plan, annexes. [`render`] is pure (records in, text
//! and bytes out): the engagement writes the files (`engagement::write_report`). Nothing here
//! reads the clock: the caller passes the report's date.
//!
//! User and grid text is escaped for its place in the Markdown by [`escape`]; see that
//! module for the rules, and README "The report".

mod cost;
pub mod escape;
pub mod guard;
pub mod html;
pub mod labels;
pub mod model;
pub mod radar;
mod sections;
pub mod templates;

use jiff::Timestamp;
use jiff::tz::TimeZone;

pub use html::to_html;
pub use templates::Templates;

use crate::assessment::Score;
use crate::error::{Error, ReportFault, Result};
use crate::grid::Lang;
use crate::model::State;

/// The file names the report is written under.
pub const REPORT_MD: &str = "report.md";
pub const REPORT_HTML: &str = "report.html";
pub const RADAR_SVG: &str = "radar.svg";
pub const RADAR_PNG: &str = "radar.png";

/// The scores of the previous audit round, drawn beside the current ones.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviousRound {
    /// The round's label (`2025-S2`).
    pub label: String,
    /// By domain id; a domain the previous round did not score has `None`.
    pub scores: Vec<(String, Option<Score>)>,
    /// Whether that round's grid had the same scale: scores on two scales do not compare,
    /// so the report shows the previous ones without a change, and no previous polygon.
    pub same_scale: bool,
    /// What changed since that round, for the section "progress since the previous audit";
    /// without it the report shows the previous scores beside the current ones only.
    pub changes: Option<crate::compare::Comparison>,
}

/// Everything a report is made from.
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    /// Every record of the engagement the report is about.
    pub state: &'a State,
    /// The report's language (the engagement's unless the user asks for another).
    pub lang: Lang,
    /// The audit round the report closes; `None` for a draft.
    pub round: Option<&'a str>,
    /// When the report is made: its date, what is overdue, the next audit's date.
    pub generated: Timestamp,
    /// The zone in which `generated` is turned into a date (`clock::local_zone()` in the
    /// front ends, UTC in tests).
    pub time_zone: TimeZone,
    pub previous: Option<PreviousRound>,
    /// The engagement's CVE pack (built in, plus its imports): KEV dates of the findings'
    /// CVEs, and the known CVEs of each asset in the inventory annex.
    pub cves: Option<&'a crate::cve::Pack>,
    /// The evidence files the engagement found not as attached, marked in the evidence
    /// annex; `None` when nobody looked (the files are the engagement's to read, not the
    /// report's).
    pub evidence_faults: Option<&'a EvidenceFaults>,
}

/// The evidence files not on disk as they were attached, by path and the SHA-256 recorded:
/// data the engagement gives the report, which then never vouches for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceFaults {
    // By path first: the annex looks each of its rows up without building a key.
    by_path: std::collections::HashMap<String, Vec<(String, crate::messages::EvidenceFound)>>,
}

impl EvidenceFaults {
    /// Notes that the file recorded at `path` with `sha256` was found as `found`.
    pub fn insert(&mut self, path: &str, sha256: &str, found: crate::messages::EvidenceFound) {
        let known = self.by_path.entry(path.to_owned()).or_default();
        if !known.iter().any(|(recorded, _)| recorded == sha256) {
            known.push((sha256.to_owned(), found));
        }
    }

    /// What was found for the file recorded at `path` with `sha256`, when it is not that.
    pub fn get(&self, path: &str, sha256: &str) -> Option<&crate::messages::EvidenceFound> {
        self.by_path
            .get(path)?
            .iter()
            .find(|(recorded, _)| recorded == sha256)
            .map(|(_, found)| found)
    }

    /// How many files (path and hash) are not as attached.
    pub fn len(&self) -> usize {
        self.by_path.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }
}

/// A rendered report: the Markdown and the radar chart it references.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The report's title (its first heading), for the HTML `<title>`.
    pub title: String,
    /// The language it is written in.
    pub lang: Lang,
    pub markdown: String,
    pub svg: String,
    pub png: Vec<u8>,
}

/// What [`write`] produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `report.md` with `radar.svg` and `radar.png` beside it.
    #[default]
    Markdown,
    /// One standalone `report.html`: styles and chart inline.
    Html,
}

/// Renders the report of `input` with `templates`.
pub fn render(input: &ReportInput, templates: &Templates) -> Result<Rendered> {
    let report = model::build(input);
    let context = tera::Context::from_serialize(&report)
        .map_err(|error| Error::Report(ReportFault::ReportData(error.to_string())))?;
    // The model, then its copy in the context, go as soon as they are used: on a large
    // engagement each is megabytes, and the chart comes next.
    let title = report.title.clone();
    drop(report);
    let mut markdown = templates.render(input.lang, context)?;
    // pandoc tags the document with the metadata's `lang` (Word proofs and hyphenates by
    // it; without one it says en-US), for `--format docx` and for pandoc run by hand alike.
    // The block is added after the guard, which refuses any a template would write: this
    // one is a constant of the language, with nothing from a user in it.
    markdown.insert_str(0, &metadata_block(input.lang));

    let labels = labels::labels(input.lang);
    let (current, previous) = model::radar_scores(input);
    let current_label = match input.round {
        Some(round) => format!("{} ({round})", labels.legend_current),
        None => labels.legend_current.to_owned(),
    };
    let chart = radar::Chart {
        axes: input
            .state
            .grid
            .domains
            .iter()
            .map(|d| d.id.clone())
            .collect(),
        current,
        previous,
        max: f64::from(input.state.grid.max_level()),
        title: labels.radar_alt,
        current_label: &current_label,
        previous_label: input.previous.as_ref().map(|p| p.label.as_str()),
        no_score: "—",
        lang: input.lang,
    };
    let svg = radar::svg(&chart);
    let png = radar::png(&svg)?;
    Ok(Rendered {
        title,
        lang: input.lang,
        markdown,
        svg,
        png,
    })
}

/// The YAML metadata block that opens every report: its language only.
pub fn metadata_block(lang: Lang) -> String {
    format!("---\nlang: {}\n---\n\n", lang.tag())
}

/// Collapses runs of blank lines left by template tags into one, outside fenced code
/// (whose content is the user's), trims trailing spaces the templates leave, and ends the
/// document with one newline.
pub(super) fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut fence: Option<String> = None;
    let mut blank_run = 0;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        match &fence {
            Some(open) => {
                out.push_str(line);
                out.push('\n');
                let closing = trimmed.trim_end();
                if closing.starts_with(open.as_str())
                    && closing
                        .chars()
                        .all(|c| c == open.chars().next().unwrap_or('`'))
                {
                    fence = None;
                }
                continue;
            }
            None => {
                let marker: String = trimmed
                    .chars()
                    .take_while(|c| *c == '`' || *c == '~')
                    .collect();
                let uniform = marker.chars().all(|c| marker.starts_with(c));
                if marker.len() >= 3 && uniform {
                    fence = Some(marker);
                }
            }
        }
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
            out.push('\n');
        } else {
            blank_run = 0;
            out.push_str(line.trim_end_matches(' '));
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
