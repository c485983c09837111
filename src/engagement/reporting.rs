//! The report of an engagement: what the front ends and `audit close` render. The engagement
//! supplies what lives on disk (the templates it may override, its CVE pack, the last
//! closed round read back from git); `report::render` stays pure, and the files it renders
//! are written here (atomic, private).

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::{Engagement, Round, State, files};
use crate::assessment;
use crate::compare;
use crate::error::Result;
use crate::grid::Lang;
use crate::report::{
    self, Format, PreviousRound, RADAR_PNG, RADAR_SVG, REPORT_HTML, REPORT_MD, Rendered,
    ReportInput, Templates, to_html,
};

impl Engagement {
    /// The report of the engagement as it is, for the round `round` (`None`: a draft),
    /// beside `previous`; with the templates used (built in, or the engagement's own).
    pub fn render_report(
        &self,
        lang: Lang,
        round: Option<&str>,
        previous: Option<PreviousRound>,
        generated: Timestamp,
    ) -> Result<(report::Rendered, Templates)> {
        let templates = Templates::load(self.root())?;
        let pack = self.cve_pack()?;
        let input = ReportInput {
            state: &self.state,
            lang,
            round,
            generated,
            time_zone: TimeZone::system(),
            previous,
            cves: Some(&pack),
        };
        Ok((report::render(&input, &templates)?, templates))
    }

    /// The last closed round as the report shows it beside the engagement as it is now,
    /// called `current`: its domain scores, and what changed since.
    pub fn previous_for_report(
        &self,
        round: &Round,
        state: &State,
        current: &str,
        lang: Lang,
        today: Date,
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
        let now = self.state();
        let changes = compare::compare(
            compare::Side {
                label: &round.label,
                state,
                date: round.closed_on(&TimeZone::system()),
            },
            compare::Side {
                label: current,
                state: now,
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

    /// Closes round `label` with its report (Markdown, radar, HTML) in the engagement's
    /// language, compared with the previous round when there is one.
    pub fn close_round_with_report(
        &mut self,
        label: &str,
        who: &assessment::Auditor,
        now: Timestamp,
    ) -> Result<super::Closed> {
        let today = now.to_zoned_datetime(TimeZone::system()).date();
        self.close_round(label, who, now, |engagement, previous| {
            let lang = engagement.state().meta.language;
            // The previous round's records go once compared: the report is rendered
            // without them.
            let previous = previous.map(|(round, state)| {
                engagement.previous_for_report(&round, &state, label, lang, today)
            });
            let (rendered, _) = engagement.render_report(lang, Some(label), previous, now)?;
            let html = report::to_html(
                &rendered.markdown,
                &rendered.svg,
                &rendered.title,
                rendered.lang,
            );
            Ok(vec![
                (RADAR_SVG.to_owned(), rendered.svg.into_bytes()),
                (RADAR_PNG.to_owned(), rendered.png),
                (REPORT_MD.to_owned(), rendered.markdown.into_bytes()),
                (REPORT_HTML.to_owned(), html.into_bytes()),
            ])
        })
    }
}

/// Writes `rendered` into `dir` (created private if missing): `report.md`, `radar.svg` and
/// `radar.png` for [`Format::Markdown`](crate::report::Format), `report.html` for [`Format::Html`](crate::report::Format). Each file is
/// written atomically and private to the user. Returns the files written, the report first.
pub fn write_report(dir: &Path, rendered: &Rendered, format: Format) -> Result<Vec<PathBuf>> {
    match format {
        Format::Markdown => write_report_markdown(&dir.join(REPORT_MD), rendered),
        Format::Html => write_report_html(&dir.join(REPORT_HTML), rendered).map(|path| vec![path]),
    }
}

/// Writes the Markdown at `path` (any name: `report-en.md`) and the radar files beside it,
/// under the names the Markdown references.
pub fn write_report_markdown(path: &Path, rendered: &Rendered) -> Result<Vec<PathBuf>> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    files::create_private_dir_all(&dir)?;
    let svg = dir.join(RADAR_SVG);
    let png = dir.join(RADAR_PNG);
    // The chart first: a report never points at a chart that is not there.
    files::write_atomic(&svg, rendered.svg.as_bytes())?;
    files::write_atomic(&png, &rendered.png)?;
    files::write_atomic(path, rendered.markdown.as_bytes())?;
    Ok(vec![path.to_owned(), svg, png])
}

/// Writes the standalone HTML report at `path`.
pub fn write_report_html(path: &Path, rendered: &Rendered) -> Result<PathBuf> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        files::create_private_dir_all(dir)?;
    }
    let html = to_html(
        &rendered.markdown,
        &rendered.svg,
        &rendered.title,
        rendered.lang,
    );
    files::write_atomic(path, html.as_bytes())?;
    Ok(path.to_owned())
}
