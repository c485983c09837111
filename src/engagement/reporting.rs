//! The report of an engagement: what the front ends and `audit close` render. The engagement
//! supplies what lives on disk (the templates it may override, its CVE pack, the last
//! closed round read back from git); `report::render` stays pure, and the files it renders
//! are written here (atomic, private).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jiff::Timestamp;
use jiff::civil::Date;

use super::{Engagement, Round, State, files};
use crate::assessment;
use crate::compare;
use crate::error::{Error, Result};
use crate::grid::Lang;
use crate::messages::Pandoc;
use crate::report::{
    self, Format, PreviousRound, RADAR_PNG, RADAR_SVG, REPORT_HTML, REPORT_MD, Rendered,
    ReportInput, Templates, to_html,
};

impl Engagement {
    /// The report of the engagement as it is, for the round `round` (`None`: a draft),
    /// beside `previous`, its evidence annex marking `evidence_faults` (see
    /// [`Engagement::check_evidence`]); with the templates used (built in, or the
    /// engagement's own).
    pub fn render_report(
        &self,
        lang: Lang,
        round: Option<&str>,
        previous: Option<PreviousRound>,
        generated: Timestamp,
        evidence_faults: Option<&report::EvidenceFaults>,
    ) -> Result<(report::Rendered, Templates)> {
        let templates = self.accepted_templates()?;
        let pack = self.cve_pack()?;
        let input = ReportInput {
            state: &self.state,
            lang,
            round,
            generated,
            time_zone: crate::clock::local_zone(),
            previous,
            cves: Some(&pack),
            evidence_faults,
        };
        Ok((report::render(&input, &templates)?, templates))
    }

    /// The draft report of the engagement as it is, beside the last closed round when there
    /// is one (its scores, and what changed since): what `vmsaudit report` and the
    /// checklist's `R` render. Its evidence is checked first (hashed here, not as the
    /// engagement loads: only the report vouches for the files), the annex marking the
    /// files not as attached; the problems, one per entry, come back for the front end to
    /// say.
    pub fn render_draft(
        &self,
        lang: Lang,
        generated: Timestamp,
    ) -> Result<(report::Rendered, Templates, Vec<crate::error::Problem>)> {
        let integrity = self.check_evidence();
        let previous = match self.previous_round()? {
            Some(round) => {
                let state = self.round_state(&round)?;
                let today = crate::clock::day(generated);
                let current = report::labels::labels(lang).draft;
                Some(self.previous_for_report(&round, &state, current, lang, today))
            }
            None => None,
        };
        let (rendered, templates) =
            self.render_report(lang, None, previous, generated, Some(&integrity.faults))?;
        Ok((rendered, templates, integrity.problems))
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
                date: round.closed_on(&crate::clock::local_zone()),
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
            same_scale: crate::grid::versions::same_scale(&state.grid, &now.grid),
            changes: Some(changes),
        }
    }

    /// Closes round `label` with its report (Markdown, radar, HTML) in the engagement's
    /// language, compared with the previous round when there is one; its evidence is
    /// checked under the lock, as the report is rendered, and its annex marks the files not
    /// as attached (`Closed::evidence`).
    pub fn close_round_with_report(
        &mut self,
        label: &str,
        who: &assessment::Auditor,
        now: Timestamp,
    ) -> Result<super::Closed> {
        let today = crate::clock::day(now);
        let mut integrity = None;
        let mut closed = self.close_round(label, who, now, |engagement, previous| {
            let lang = engagement.state().meta.language;
            let checked = integrity.insert(engagement.check_evidence());
            // The previous round's records go once compared: the report is rendered
            // without them.
            let previous = previous.map(|(round, state)| {
                engagement.previous_for_report(&round, &state, label, lang, today)
            });
            let (rendered, _) = engagement.render_report(
                lang,
                Some(label),
                previous,
                now,
                Some(&checked.faults),
            )?;
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
        })?;
        closed.evidence = integrity
            .map(|checked| checked.problems)
            .unwrap_or_default();
        Ok(closed)
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
    // The chart goes beside the Markdown: not into the folder of a device (`/dev/null`).
    if !files::is_plain_output(path) {
        return Err(Error::at(
            crate::error::Position::file(path.display().to_string()),
            crate::error::FileFlaw::NotRegular(crate::messages::FileKind::Device),
        ));
    }
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
    files::write_output(path, html.as_bytes())
}

/// The oldest pandoc that converts the report as `write_report_docx` asks: `--resource-path`
/// came with 2.0.
const PANDOC_MIN: (u32, u32) = (2, 0);

/// Where an engagement keeps the firm's Word styles for `report --format docx`.
pub const REFERENCE_DOCX: &str = "templates/reference.docx";

/// pandoc's version, from the first line of `pandoc --version` (`pandoc 3.1.3`,
/// `pandoc.exe 2.17.1.1`).
fn pandoc_version(program: &str) -> Result<(u32, u32)> {
    let missing = |why: Pandoc| Error::Tool(Box::new(why));
    let output = Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => missing(Pandoc::Missing),
            _ => missing(Pandoc::CannotRun(error.to_string())),
        })?;
    let text = String::from_utf8_lossy(&output.stdout);
    let version = text
        .lines()
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|version| {
            let mut parts = version.split('.').map(|part| part.parse::<u32>().ok());
            Some((parts.next()??, parts.next().flatten().unwrap_or(0)))
        });
    match version {
        Some(version) if output.status.success() && version >= PANDOC_MIN => Ok(version),
        Some(has) => Err(missing(Pandoc::TooOld {
            has,
            needs: PANDOC_MIN,
        })),
        None => Err(missing(Pandoc::NoVersion(program.to_owned()))),
    }
}

/// Writes the report as a Word document at `path` through pandoc: the Markdown and the
/// radar in a private temporary folder given to pandoc as its resource path (so the chart is
/// embedded), with `reference` as the styles (the engagement's `templates/reference.docx`)
/// when given. The document replaces `path` atomically, private to the user.
pub fn write_report_docx(
    path: &Path,
    rendered: &Rendered,
    reference: Option<&Path>,
) -> Result<PathBuf> {
    let program = "pandoc";
    pandoc_version(program)?;
    let work = tempfile::Builder::new()
        .prefix("vmsaudit-docx-")
        .tempdir()
        .map_err(|source| Error::io(std::env::temp_dir(), source))?;
    let dir = work.path();
    files::write_atomic(&dir.join(RADAR_PNG), &rendered.png)?;
    files::write_atomic(&dir.join(RADAR_SVG), rendered.svg.as_bytes())?;
    files::write_atomic(&dir.join(REPORT_MD), rendered.markdown.as_bytes())?;
    let docx = dir.join("report.docx");
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .stdin(Stdio::null())
        .args(["--from", "markdown", "--to", "docx", "--resource-path"])
        .arg(dir)
        .arg("--output")
        .arg(&docx);
    if let Some(reference) = reference {
        let absolute =
            std::path::absolute(reference).map_err(|source| Error::io(reference, source))?;
        command.arg("--reference-doc").arg(absolute);
    }
    command.arg(REPORT_MD);
    let output = command
        .output()
        .map_err(|source| Error::io(program, source))?;
    if !output.status.success() {
        let said = crate::text::excerpt(&String::from_utf8_lossy(&output.stderr), 400);
        return Err(Error::Tool(Box::new(Pandoc::Failed {
            said: said.to_string(),
            reference: reference.map(|reference| reference.display().to_string()),
        })));
    }
    let bytes = std::fs::read(&docx).map_err(|source| Error::io(&docx, source))?;
    super::export::write_private(path, &bytes)
}

impl Engagement {
    /// The firm's Word styles for the DOCX report, `templates/reference.docx`, when the
    /// engagement has it; refused when it is anything but a plain file (a link is not
    /// followed).
    pub fn reference_docx(&self) -> Result<Option<PathBuf>> {
        let path = self.root().join(REFERENCE_DOCX);
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.is_file() => Ok(Some(path)),
            Ok(_) => Err(Error::at(
                crate::error::Position::file(REFERENCE_DOCX),
                crate::error::Output::ReferenceNotPlain,
            )),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(Error::io(path, source)),
        }
    }
}
