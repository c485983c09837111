//! The report's view of an engagement: everything the templates show, computed once from the
//! records and the grid, in the report's language, in reading order.
//!
//! Strings here are raw (as the user or the grid wrote them); the templates escape them on
//! output. Fields documented as Markdown go through the `markdown` filter.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::labels::{self, Labels};
use super::{PreviousRound, ReportInput};
use crate::assessment::{
    self, Answer, Due, EvidenceRef, Finding, Level, Score, Severity, cost_totals, is_overdue,
};
use crate::compare::{ActionItem, Comparison, FindingItem, ScoreChange};
use crate::grid::{Control, Domain, Grid, Lang};
use crate::messages::EvidenceFound;

/// Below this level (or the top of a shorter scale) a control's grid recommendation is
/// among the domain's first recommendations.
const RECOMMEND_BELOW: u8 = 3;

#[derive(Debug, Serialize)]
pub struct Report {
    pub lang: &'static str,
    pub labels: &'static Labels,
    pub title: String,
    pub meta: MetaView,
    pub generated: String,
    pub round: Option<String>,
    pub grid: GridView,
    pub scope: ScopeView,
    pub scale: Vec<ScaleView>,
    pub max_level: u8,
    /// The controls whose level 0 caps their domain's score, in grid order (`ACC-03`), and
    /// that cap (`1,0`), for the methodology.
    pub critical_controls: Vec<String>,
    pub critical_cap: String,
    pub domains: Vec<DomainView>,
    pub overall: ScoreView,
    pub previous: Option<PreviousView>,
    pub severities: Vec<SeverityCount>,
    /// Every finding, and the critical ones, closed ones included.
    pub findings_total: usize,
    pub critical_findings: usize,
    /// The open findings, and those calling for immediate treatment
    /// ([`Finding::calls_for_immediate_treatment`]): what the summary counts.
    pub findings_open: usize,
    pub critical_open: usize,
    pub other_findings: Vec<FindingView>,
    pub plan: Vec<ActionView>,
    pub immediate: Vec<ActionView>,
    /// Open critical findings no action treats: immediate treatment promised, not planned.
    pub unplanned: Vec<RiskView>,
    pub totals: Vec<TotalView>,
    pub next_audit: String,
    pub evidence: Vec<EvidenceRow>,
    /// How many rows of `evidence` are marked (`fault`).
    pub evidence_faults: usize,
    pub assets: Vec<AssetView>,
    /// The CVE pack the inventory was matched against.
    pub cve_pack: Option<CvePackView>,
    pub not_assessed: Vec<ControlRef>,
    pub not_applicable: Vec<ControlRef>,
    pub radar: RadarRef,
    /// What changed since the previous round, when the report has one to compare with.
    pub progress: Option<ProgressView>,
}

/// The section "progress since the previous audit": a [`Comparison`] in the report's words.
#[derive(Debug, Serialize)]
pub struct ProgressView {
    /// The previous round's label and closing day.
    pub previous: String,
    pub previous_date: String,
    /// This report's round, or the label of the draft.
    pub current: String,
    pub domains: Vec<ProgressScore>,
    pub overall: ProgressScore,
    pub controls: Vec<ProgressControl>,
    /// Ids of the controls carried over and not verified again.
    pub reverify: Vec<String>,
    /// The grid's versions on each side, when they differ, as a sentence.
    pub grid_moved: Option<String>,
    /// `REM-08 (reworded)`, ...
    pub not_comparable: Vec<String>,
    /// `REM-08 — version 1.0.0 (REM-08) — question, levels — note`, ...
    pub grid_changed: Vec<String>,
    /// Non-empty groups only, in reading order.
    pub findings: Vec<ProgressGroup<ProgressFinding>>,
    pub actions: Vec<ProgressGroup<ProgressAction>>,
    pub unchanged: bool,
}

#[derive(Debug, Serialize)]
pub struct ProgressScore {
    pub id: String,
    pub title: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub change: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ProgressControl {
    pub id: String,
    pub title: String,
    pub before: String,
    pub after: String,
    /// Markdown: the observations now.
    pub observations: String,
}

#[derive(Debug, Serialize)]
pub struct ProgressGroup<T> {
    pub title: &'static str,
    pub items: Vec<T>,
}

#[derive(Debug, Serialize)]
pub struct ProgressFinding {
    pub id: String,
    pub title: String,
    pub severity: Option<&'static str>,
    pub critical: bool,
    /// Critical and open on the later side ([`assessment::immediate_treatment`]).
    pub immediate: bool,
}

#[derive(Debug, Serialize)]
pub struct ProgressAction {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub due: Option<String>,
    pub overdue: bool,
}

#[derive(Debug, Serialize)]
pub struct MetaView {
    pub client: String,
    pub site: Option<String>,
    pub contract: Option<String>,
    pub firm: Option<String>,
    pub auditors: Vec<String>,
    pub opened: String,
}

#[derive(Debug, Serialize)]
pub struct GridView {
    pub id: String,
    pub version: String,
    pub title: String,
    pub description: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ScopeView {
    pub included: Vec<String>,
    pub excluded: Vec<String>,
    /// Markdown.
    pub limits: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ScaleView {
    pub level: u8,
    pub label: String,
    pub description: Option<String>,
}

/// A score as shown: `2.3` (`2,3` in French) and the label of the level it reaches.
#[derive(Debug, Serialize)]
pub struct ScoreView {
    pub value: Option<String>,
    pub level: Option<String>,
    pub previous: Option<String>,
    pub change: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DomainView {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub score: ScoreView,
    pub assessed: usize,
    /// Controls with an answer, not-applicable ones included: counted as `status` and the
    /// checklist count them.
    pub answered: usize,
    pub not_applicable: usize,
    pub total: usize,
    /// Controls that apply: all but the not-applicable ones.
    pub applicable: usize,
    pub findings: Vec<FindingView>,
    pub vulnerabilities: Vec<VulnerabilityView>,
    pub controls: Vec<ControlView>,
    pub recommendations: Vec<RecommendationView>,
    /// The auditors' score in place of the computed one, with why.
    pub overridden: Option<OverrideView>,
    /// Set when a critical control at level 0 capped the computed score.
    pub capped: Option<CapView>,
}

#[derive(Debug, Serialize)]
pub struct CapView {
    /// The cap, as a score (`1,0`).
    pub at: String,
    /// The weighted mean of the levels before the cap.
    pub mean: String,
    /// The critical controls at level 0: `ACC-03, ACC-11`.
    pub controls: String,
}

#[derive(Debug, Serialize)]
pub struct OverrideView {
    /// The weighted mean of the levels, as a score (or none).
    pub computed: Option<String>,
    pub justification: String,
}

#[derive(Debug, Serialize)]
pub struct ControlView {
    pub id: String,
    pub title: String,
    /// `2`, or none when not applicable.
    pub level: Option<u8>,
    pub level_label: Option<String>,
    pub not_applicable: bool,
    /// Markdown.
    pub observations: String,
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceView {
    pub path: String,
    pub sha256: String,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CvssView {
    pub vector: String,
    pub version: &'static str,
    pub base_score: String,
    pub severity: &'static str,
    pub source: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct FindingView {
    pub id: String,
    pub title: String,
    pub domain: String,
    pub controls: Vec<String>,
    /// Markdown.
    pub description: String,
    pub cves: Vec<String>,
    pub cvss: Option<CvssView>,
    pub severity: Option<&'static str>,
    pub severity_justification: Option<String>,
    pub critical: bool,
    /// Critical and still open ([`assessment::immediate_treatment`]).
    pub immediate: bool,
    pub remote_takeover: bool,
    pub assets: Vec<String>,
    pub evidence: Vec<EvidenceView>,
    /// Markdown.
    pub recommendation: String,
    pub status: &'static str,
    pub status_reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct VulnerabilityView {
    pub finding: String,
    pub cves: Vec<String>,
    /// The earliest date one of its CVEs entered CISA's Known Exploited Vulnerabilities.
    pub kev: Option<String>,
    pub cvss: Option<CvssView>,
    pub severity: Option<&'static str>,
}

/// One of a domain's first recommendations: a finding's (Markdown) or a control's (grid text).
#[derive(Debug, Serialize)]
pub struct RecommendationView {
    pub id: String,
    pub title: String,
    pub from_finding: bool,
    /// Markdown for a finding's; plain text for the grid's.
    pub text: String,
    pub level: Option<u8>,
}

#[derive(Debug, Serialize)]
pub struct PreviousView {
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct SeverityCount {
    pub severity: &'static str,
    pub total: usize,
    pub open: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    pub id: String,
    pub title: String,
    pub severity: Option<&'static str>,
    pub critical: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub id: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub risks: Vec<RiskView>,
    pub critical: bool,
    pub immediate: bool,
    pub severity: Option<&'static str>,
    pub domain: Option<String>,
    pub complexity: &'static str,
    pub cost: Option<String>,
    pub owner: String,
    pub due: String,
    pub overdue: bool,
    pub status: &'static str,
    pub status_reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TotalView {
    pub owner: String,
    pub currency: String,
    pub amount: String,
    pub actions: usize,
}

#[derive(Debug, Serialize)]
pub struct EvidenceRow {
    pub path: String,
    pub sha256: String,
    pub note: Option<String>,
    /// Control and finding ids the file supports.
    pub refers_to: Vec<String>,
    /// When the file is not on disk as attached: what was found, in the report's words
    /// (« fichier absent »).
    pub fault: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct AssetView {
    /// Known CVEs that affect it, and those to confirm (the firmware could not be compared).
    pub cves: Vec<String>,
    pub to_confirm: Vec<String>,
    pub id: String,
    pub kind: &'static str,
    pub vendor: Option<String>,
    pub model: Option<String>,
    pub firmware: Option<String>,
    pub address: Option<String>,
    pub location: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ControlRef {
    pub id: String,
    pub title: String,
    pub domain: String,
    /// Markdown: the observations (for a not-applicable control, its justification).
    pub justification: String,
}

#[derive(Debug, Serialize)]
pub struct RadarRef {
    pub png: &'static str,
    pub svg: &'static str,
}

/// The day the report is dated, in the report's time zone.
pub fn report_date(input: &ReportInput) -> Date {
    crate::clock::day_in(input.generated, &input.time_zone)
}

fn score_text(score: Score, lang: Lang) -> String {
    labels::decimal(&score.to_string(), lang)
}

fn change_text(now: Score, before: Score, lang: Lang) -> String {
    let delta = i64::from(now.tenths()) - i64::from(before.tenths());
    let sign = match delta.signum() {
        1 => "+",
        -1 => "\u{2212}",
        _ => "",
    };
    let magnitude = delta.unsigned_abs();
    labels::decimal(
        &format!("{sign}{}.{}", magnitude / 10, magnitude % 10),
        lang,
    )
}

/// The mean of domain scores, as `assessment::status` computes the overall score.
fn mean(scores: impl Iterator<Item = Score>) -> Option<Score> {
    let tenths: Vec<u32> = scores.map(Score::tenths).collect();
    let n = u32::try_from(tenths.len()).ok().filter(|n| *n > 0)?;
    let sum: u32 = tenths.iter().sum();
    Some(Score::from_tenths((2 * sum + n) / (2 * n)))
}

/// `previous`: the previous round's score, when there is one, and whether its scale is this
/// one's.
fn score_view(
    score: Option<Score>,
    previous: Option<(Option<Score>, bool)>,
    grid: &Grid,
    lang: Lang,
) -> ScoreView {
    let same_scale = previous.is_none_or(|(_, same)| same);
    let before = previous.and_then(|(score, _)| score);
    let words = labels::labels(lang);
    ScoreView {
        value: score.map(|s| score_text(s, lang)),
        level: score.and_then(|s| {
            grid.scale_level(s.level())
                .map(|l| l.label.get(lang).to_owned())
        }),
        previous: before.map(|s| score_text(s, lang)),
        change: match (score, before) {
            (_, Some(_)) if !same_scale => Some(words.other_scale.to_owned()),
            (Some(now), Some(before)) => Some(change_text(now, before, lang)),
            // Scored then, not now (every control `na`, or removed): said, not left blank.
            (None, Some(_)) => Some(words.no_score_now.to_owned()),
            (_, None) => None,
        },
    }
}

fn evidence_views(evidence: &[EvidenceRef]) -> Vec<EvidenceView> {
    evidence
        .iter()
        .map(|e| EvidenceView {
            path: e.path.clone(),
            sha256: e.sha256.clone(),
            note: e.note.clone(),
        })
        .collect()
}

fn non_blank(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.trim().to_owned())
}

fn cvss_view(finding: &Finding, lang: Lang) -> Option<CvssView> {
    finding.cvss.as_ref().map(|vector| CvssView {
        vector: vector.to_string(),
        version: vector.version().as_str(),
        base_score: labels::decimal(&vector.base_score().to_string(), lang),
        severity: labels::severity(vector.severity(), lang),
        source: finding
            .cvss_source
            .map(|source| labels::vector_source(source, lang)),
    })
}

fn control_label(grid: &Grid, id: &str, lang: Lang) -> String {
    match grid.control(id) {
        Some((_, control)) => format!("{id} ({})", control.title.get(lang)),
        None => id.to_owned(),
    }
}

fn finding_view(finding: &Finding, grid: &Grid, lang: Lang) -> FindingView {
    FindingView {
        id: finding.id.clone(),
        title: finding.title.clone(),
        domain: finding.domain.clone(),
        controls: finding
            .controls
            .iter()
            .map(|id| control_label(grid, id, lang))
            .collect(),
        description: finding.description.clone(),
        cves: finding.cves.iter().map(ToString::to_string).collect(),
        cvss: cvss_view(finding, lang),
        severity: finding.severity().map(|s| labels::severity(s, lang)),
        severity_justification: if finding.cvss.is_none() {
            non_blank(&finding.severity_justification)
        } else {
            None
        },
        critical: finding.is_critical(),
        immediate: finding.calls_for_immediate_treatment(),
        remote_takeover: finding.remote_takeover,
        assets: finding.assets.clone(),
        evidence: evidence_views(&finding.evidence),
        recommendation: finding.recommendation.trim().to_owned(),
        status: labels::finding_status(finding.status, lang),
        status_reason: non_blank(&finding.status_reason),
    }
}

/// Findings of one domain, most urgent first, then by id.
fn domain_findings<'a>(findings: &'a [Finding], domain: &str) -> Vec<&'a Finding> {
    let mut found: Vec<&Finding> = findings.iter().filter(|f| f.domain == domain).collect();
    found.sort_by(|a, b| {
        b.criticality()
            .cmp(&a.criticality())
            .then_with(|| a.id.cmp(&b.id))
    });
    found
}

fn control_view(control: &Control, answer: &Answer, grid: &Grid, lang: Lang) -> ControlView {
    let level = match answer.level {
        Level::Score(level) => Some(level),
        Level::NotApplicable => None,
    };
    ControlView {
        id: control.id.clone(),
        title: control.title.get(lang).to_owned(),
        level,
        level_label: level
            .and_then(|l| grid.scale_level(l))
            .map(|l| l.label.get(lang).to_owned()),
        not_applicable: answer.level == Level::NotApplicable,
        observations: answer.observations.trim().to_owned(),
        evidence: evidence_views(&answer.evidence),
    }
}

fn domain_view(
    domain: &Domain,
    input: &ReportInput,
    previous: Option<&PreviousRound>,
) -> DomainView {
    let lang = input.lang;
    let grid = &input.state.grid;
    let overrides = &input.state.meta.overrides;
    let computed = assessment::domain_computed(domain, &input.state.answers);
    let score = assessment::shown_score(domain, computed.as_ref(), overrides);
    let overridden = overrides.get(&domain.id).map(|entry| OverrideView {
        computed: computed.as_ref().map(|c| score_text(c.score, lang)),
        justification: entry.justification.clone(),
    });
    let capped = computed.and_then(|c| c.cap).map(|cap| CapView {
        at: score_text(cap.at, lang),
        mean: score_text(cap.mean, lang),
        controls: cap.controls.join(", "),
    });
    let before = previous.map(|round| {
        round
            .scores
            .iter()
            .find(|(id, _)| *id == domain.id)
            .and_then(|(_, score)| *score)
    });
    let answered: Vec<(&Control, &Answer)> = domain
        .controls
        .iter()
        .filter_map(|c| input.state.answers.get(&c.id).map(|a| (c, a)))
        .collect();
    let findings = domain_findings(&input.state.findings, &domain.id);
    let recommendations = recommendation_views(&findings, &answered, grid, lang);
    let not_applicable = answered
        .iter()
        .filter(|(_, a)| a.level == Level::NotApplicable)
        .count();
    DomainView {
        id: domain.id.clone(),
        title: domain.title.get(lang).to_owned(),
        description: domain.description.as_ref().map(|d| d.get(lang).to_owned()),
        score: score_view(
            score,
            before.map(|score| (score, previous.is_none_or(|round| round.same_scale))),
            grid,
            lang,
        ),
        overridden,
        capped,
        assessed: answered
            .iter()
            .filter(|(_, a)| a.level != Level::NotApplicable)
            .count(),
        answered: answered.len(),
        not_applicable,
        total: domain.controls.len(),
        applicable: domain.controls.len() - not_applicable,
        vulnerabilities: vulnerabilities(&findings, input),
        findings: findings
            .iter()
            .map(|f| finding_view(f, grid, lang))
            .collect(),
        controls: answered
            .iter()
            .map(|(c, a)| control_view(c, a, grid, lang))
            .collect(),
        recommendations,
    }
}

/// What a domain recommends: its open findings' recommendations, then the grid's for each
/// control answered below `RECOMMEND_BELOW` that no finding says already.
fn recommendation_views(
    findings: &[&Finding],
    answered: &[(&Control, &Answer)],
    grid: &Grid,
    lang: Lang,
) -> Vec<RecommendationView> {
    let threshold = RECOMMEND_BELOW.min(grid.max_level());
    let mut recommendations: Vec<RecommendationView> = findings
        .iter()
        .filter(|f| f.status != assessment::FindingStatus::Resolved)
        .filter(|f| !f.recommendation.trim().is_empty())
        .map(|f| RecommendationView {
            id: f.id.clone(),
            title: f.title.clone(),
            from_finding: true,
            text: f.recommendation.trim().to_owned(),
            level: None,
        })
        .collect();
    recommendations.extend(answered.iter().filter_map(|(control, answer)| {
        let Level::Score(level) = answer.level else {
            return None;
        };
        let text = control.recommendation.as_ref()?.get(lang);
        // A finding made on this control usually starts from the grid's recommendation:
        // the same words are not printed twice.
        let said = findings.iter().any(|f| {
            f.status != assessment::FindingStatus::Resolved
                && f.recommendation.trim() == text.trim()
        });
        (level < threshold && !said && !text.trim().is_empty()).then(|| RecommendationView {
            id: control.id.clone(),
            title: control.title.get(lang).to_owned(),
            from_finding: false,
            text: text.trim().to_owned(),
            level: Some(level),
        })
    }));
    recommendations
}

fn evidence_index<'a>(input: &ReportInput<'a>) -> Vec<EvidenceRow> {
    let mut rows: Vec<EvidenceRow> = Vec::new();
    // Where each file already has its row: a large engagement has thousands of references,
    // and looking each one up among the rows was most of the report's model.
    let mut known: std::collections::HashMap<(&'a str, &'a str), usize> = Default::default();
    let mut add = |evidence: &'a EvidenceRef, owner: &str| match known
        .get(&(evidence.path.as_str(), evidence.sha256.as_str()))
        .map(|&index| &mut rows[index])
    {
        Some(row) => {
            if !row.refers_to.iter().any(|id| id == owner) {
                row.refers_to.push(owner.to_owned());
            }
            if row.note.is_none() {
                row.note = non_blank(&evidence.note);
            }
        }
        None => {
            known.insert((&evidence.path, &evidence.sha256), rows.len());
            rows.push(EvidenceRow {
                path: evidence.path.clone(),
                sha256: evidence.sha256.clone(),
                note: non_blank(&evidence.note),
                refers_to: vec![owner.to_owned()],
                fault: None,
            });
        }
    };
    for (_, control) in input.state.grid.controls() {
        if let Some(answer) = input.state.answers.get(&control.id) {
            for evidence in &answer.evidence {
                add(evidence, &control.id);
            }
        }
    }
    for finding in &input.state.findings {
        for evidence in &finding.evidence {
            add(evidence, &finding.id);
        }
    }
    // A scan's file is evidence from its import on, whether or not a fact of its was
    // accepted.
    for scan in &input.state.scans {
        add(&scan.evidence, &scan.id);
    }
    if let Some(faults) = input.evidence_faults.filter(|faults| !faults.is_empty()) {
        let labels = labels::labels(input.lang);
        for row in &mut rows {
            row.fault = faults.get(&row.path, &row.sha256).map(|found| match found {
                EvidenceFound::Missing => labels.evidence_missing,
                EvidenceFound::Changed(_) => labels.evidence_changed,
                EvidenceFound::NotAFile(_) => labels.evidence_not_a_file,
                EvidenceFound::Unreadable(_) => labels.evidence_unreadable,
            });
        }
    }
    rows
}

pub fn build(input: &ReportInput) -> Report {
    let lang = input.lang;
    let grid = &input.state.grid;
    let meta = &input.state.meta;
    let labels = labels::labels(lang);
    let today = report_date(input);
    let previous = input.previous.as_ref();

    let domains: Vec<DomainView> = grid
        .domains
        .iter()
        .map(|domain| domain_view(domain, input, previous))
        .collect();
    let overall = overall_view(input, previous);

    let severities = severity_counts(input);

    let firm = meta.firm.as_deref();
    let plan = plan_view(input, today, firm);
    let immediate = plan.iter().filter(|a| a.immediate).cloned().collect();

    let next_audit = today
        .checked_add(jiff::Span::new().months(6))
        .unwrap_or(today);
    let (not_assessed, not_applicable) = unassessed_controls(input);
    let evidence = evidence_index(input);
    let evidence_faults = evidence.iter().filter(|row| row.fault.is_some()).count();

    Report {
        lang: lang.code(),
        labels,
        title: format!("{} — {}", labels.report_title, meta.client.trim()),
        meta: meta_view(meta, lang),
        generated: labels::date(today, lang),
        round: input.round.map(str::to_owned),
        grid: grid_view(grid, lang),
        scope: scope_view(&meta.scope, lang),
        scale: scale_views(grid, lang),
        max_level: grid.max_level(),
        critical_controls: critical_controls(grid),
        critical_cap: score_text(assessment::CRITICAL_CAP, lang),
        domains,
        overall,
        previous: previous.map(|round| PreviousView {
            label: round.label.clone(),
        }),
        severities,
        findings_total: input.state.findings.len(),
        critical_findings: input
            .state
            .findings
            .iter()
            .filter(|f| f.is_critical())
            .count(),
        findings_open: input
            .state
            .findings
            .iter()
            .filter(|f| f.status.is_pending())
            .count(),
        critical_open: input
            .state
            .findings
            .iter()
            .filter(|f| f.calls_for_immediate_treatment())
            .count(),
        other_findings: stray_findings(input),
        plan,
        immediate,
        unplanned: unplanned_views(input),
        totals: total_views(input, firm),
        next_audit: labels::date(next_audit, lang),
        evidence,
        evidence_faults,
        cve_pack: input.cves.map(|pack| CvePackView {
            version: pack.pack.version.clone(),
            date: labels::date(pack.pack.date, lang),
        }),
        assets: asset_views(input),
        not_assessed,
        not_applicable,
        radar: RadarRef {
            png: super::RADAR_PNG,
            svg: super::RADAR_SVG,
        },
        progress: previous.and_then(|round| {
            let current = input.round.unwrap_or(labels.draft);
            round
                .changes
                .as_ref()
                .map(|changes| progress_view(changes, current, grid, firm, lang))
        }),
    }
}

/// The ids of the controls that cap their domain's score.
fn critical_controls(grid: &Grid) -> Vec<String> {
    grid.controls()
        .filter(|(_, control)| control.critical)
        .map(|(_, control)| control.id.clone())
        .collect()
}

/// The grid's scale, in the report's language.
fn scale_views(grid: &Grid, lang: Lang) -> Vec<ScaleView> {
    grid.scale
        .iter()
        .map(|level| ScaleView {
            level: level.level,
            label: level.label.get(lang).to_owned(),
            description: level.description.as_ref().map(|d| d.get(lang).to_owned()),
        })
        .collect()
}

/// The critical findings no action plans for.
fn unplanned_views(input: &ReportInput) -> Vec<RiskView> {
    assessment::unplanned_critical(&input.state.findings, &input.state.actions)
        .into_iter()
        .map(|f| RiskView {
            id: f.id.clone(),
            title: f.title.clone(),
            severity: f.severity().map(|s| labels::severity(s, input.lang)),
            critical: true,
        })
        .collect()
}

/// Who is audited, by whom, since when.
fn meta_view(meta: &crate::model::Meta, lang: Lang) -> MetaView {
    MetaView {
        client: meta.client.clone(),
        site: non_blank(&meta.site),
        contract: non_blank(&meta.contract),
        firm: non_blank(&meta.firm),
        auditors: meta.auditors.iter().map(ToString::to_string).collect(),
        opened: labels::date(meta.created, lang),
    }
}

/// The grid the report was made on.
fn grid_view(grid: &Grid, lang: Lang) -> GridView {
    GridView {
        id: grid.id.clone(),
        version: grid.version.clone(),
        title: grid.title.get(lang).to_owned(),
        description: grid.description.as_ref().map(|d| d.get(lang).to_owned()),
    }
}

/// Findings whose domain the grid does not have, in id order: still reported.
fn stray_findings(input: &ReportInput) -> Vec<FindingView> {
    let grid = &input.state.grid;
    let known: Vec<&str> = grid.domains.iter().map(|d| d.id.as_str()).collect();
    let mut strays: Vec<&Finding> = input
        .state
        .findings
        .iter()
        .filter(|f| !known.contains(&f.domain.as_str()))
        .collect();
    strays.sort_by(|a, b| a.id.cmp(&b.id));
    strays
        .iter()
        .map(|f| finding_view(f, grid, input.lang))
        .collect()
}

/// The plan's costs, per owner and currency.
fn total_views(input: &ReportInput, firm: Option<&str>) -> Vec<TotalView> {
    let lang = input.lang;
    cost_totals(&input.state.actions)
        .into_iter()
        .map(|total| TotalView {
            owner: labels::owner(total.owner, firm, lang),
            amount: labels::amount(total.amount, &total.currency, lang),
            currency: total.currency,
            actions: total.actions,
        })
        .collect()
}

/// The overall score: the mean of the domains' effective scores, against the previous
/// round's.
fn overall_view(input: &ReportInput, previous: Option<&PreviousRound>) -> ScoreView {
    let grid = &input.state.grid;
    let scores: Vec<Option<Score>> = grid
        .domains
        .iter()
        .map(|d| assessment::effective_score(d, &input.state.answers, &input.state.meta.overrides))
        .collect();
    let overall_before = previous.map(|round| {
        mean(grid.domains.iter().filter_map(|d| {
            round
                .scores
                .iter()
                .find(|(id, _)| *id == d.id)
                .and_then(|(_, s)| *s)
        }))
    });
    score_view(
        mean(scores.iter().flatten().copied()),
        overall_before.map(|score| (score, previous.is_none_or(|round| round.same_scale))),
        grid,
        input.lang,
    )
}

/// Findings per severity, open and in all: every band from critical to low; `none` only
/// when a finding has it.
fn severity_counts(input: &ReportInput) -> Vec<SeverityCount> {
    Severity::ALL
        .iter()
        .rev()
        .filter_map(|severity| {
            let of = || {
                input
                    .state
                    .findings
                    .iter()
                    .filter(|f| f.severity() == Some(*severity))
            };
            let total = of().count();
            (total > 0 || *severity != Severity::None).then(|| SeverityCount {
                severity: labels::severity(*severity, input.lang),
                total,
                open: of()
                    .filter(|f| f.status == assessment::FindingStatus::Open)
                    .count(),
            })
        })
        .collect()
}

/// The controls without an answer, then those answered `na` with their justification.
fn unassessed_controls(input: &ReportInput) -> (Vec<ControlRef>, Vec<ControlRef>) {
    let mut not_assessed = Vec::new();
    let mut not_applicable = Vec::new();
    for (domain, control) in input.state.grid.controls() {
        let reference = |justification: &str| ControlRef {
            id: control.id.clone(),
            title: control.title.get(input.lang).to_owned(),
            domain: domain.id.clone(),
            justification: justification.trim().to_owned(),
        };
        match input.state.answers.get(&control.id) {
            None => not_assessed.push(reference("")),
            Some(answer) if answer.level == Level::NotApplicable => {
                not_applicable.push(reference(&answer.observations));
            }
            Some(_) => {}
        }
    }
    (not_assessed, not_applicable)
}

/// The scope, the grid's component kinds named in the report's language.
fn scope_view(scope: &crate::model::Scope, lang: Lang) -> ScopeView {
    ScopeView {
        included: scope
            .included
            .iter()
            .map(|item| {
                labels::component(item.trim(), lang).map_or_else(|| item.clone(), str::to_owned)
            })
            .collect(),
        excluded: scope.excluded.clone(),
        limits: non_blank(&scope.limits),
    }
}

/// The inventory annex: each asset with its known CVEs.
fn asset_views(input: &ReportInput) -> Vec<AssetView> {
    input
        .state
        .assets
        .iter()
        .zip(asset_cves(input))
        .map(|(asset, (cves, to_confirm))| AssetView {
            cves,
            to_confirm,
            id: asset.id.clone(),
            kind: labels::asset_kind(asset.kind, input.lang),
            vendor: non_blank(&asset.vendor),
            model: non_blank(&asset.model),
            firmware: non_blank(&asset.firmware),
            address: non_blank(&asset.address),
            location: non_blank(&asset.location),
        })
        .collect()
}

/// The action plan in its order, as the report shows it.
fn plan_view(input: &ReportInput, today: Date, firm: Option<&str>) -> Vec<ActionView> {
    let lang = input.lang;
    let labels = labels::labels(lang);
    assessment::plan(
        &input.state.actions,
        &input.state.findings,
        &input.state.grid,
    )
    .into_iter()
    .map(|entry| {
        let action = entry.action;
        let cost = labels::cost(
            &action.cost,
            action.cost_amount,
            action.currency.as_deref(),
            lang,
        );
        let cost = (!cost.is_empty()).then_some(cost);
        ActionView {
            id: action.id.clone(),
            title: action.title.clone(),
            description: action.description.trim().to_owned(),
            risks: input
                .state
                .findings
                .iter()
                .filter(|f| action.addresses.contains(&f.id))
                .map(|f| RiskView {
                    id: f.id.clone(),
                    title: f.title.clone(),
                    severity: f.severity().map(|s| labels::severity(s, lang)),
                    critical: f.is_critical(),
                })
                .collect(),
            critical: entry.criticality.critical,
            immediate: entry.immediate,
            severity: entry
                .criticality
                .severity
                .map(|s| labels::severity(s, lang)),
            domain: entry.domain.map(str::to_owned),
            complexity: labels::complexity(action.complexity, lang),
            cost,
            owner: labels::owner(action.owner, firm, lang),
            due: match entry.due {
                Due::Immediate => labels.immediate.to_owned(),
                Due::By(date) => labels::date(date, lang),
                Due::Unscheduled => labels.unscheduled.to_owned(),
                Due::Closed => "—".to_owned(),
            },
            overdue: is_overdue(action, today),
            status: labels::action_status(action.status, lang),
            status_reason: non_blank(&action.status_reason),
        }
    })
    .collect()
}

fn level_text(level: Option<Level>, grid: &Grid, lang: Lang) -> String {
    let labels = labels::labels(lang);
    match level {
        Some(Level::Score(level)) => match grid.scale_level(level) {
            Some(entry) => format!("{level} — {}", entry.label.get(lang)),
            None => level.to_string(),
        },
        Some(Level::NotApplicable) => labels.not_applicable.to_owned(),
        None => labels.not_assessed.to_owned(),
    }
}

fn progress_view(
    changes: &Comparison,
    current: &str,
    grid: &Grid,
    firm: Option<&str>,
    lang: Lang,
) -> ProgressView {
    let labels = labels::labels(lang);
    let same_scale = changes.grid.as_ref().is_none_or(|moved| moved.same_scale);
    let score = |id: &str, title: &str, change: &ScoreChange| ProgressScore {
        id: id.to_owned(),
        title: title.to_owned(),
        before: change.before.map(|s| score_text(s, lang)),
        after: change.after.map(|s| score_text(s, lang)),
        change: match (change.before, change.after) {
            (Some(_), Some(_)) if !same_scale => Some(labels.other_scale.to_owned()),
            (Some(before), Some(after)) => Some(change_text(after, before, lang)),
            _ => None,
        },
    };
    ProgressView {
        previous: changes.from.clone(),
        previous_date: labels::date(changes.from_date, lang),
        current: current.to_owned(),
        // Titles in the report's language, from its grid; the comparison's for what the grid
        // no longer has.
        domains: changes
            .domains
            .iter()
            .map(|d| {
                let title = grid
                    .domain(&d.id)
                    .map_or(d.title.as_str(), |known| known.title.get(lang));
                score(&d.id, title, &d.score)
            })
            .collect(),
        overall: score("", labels.overall, &changes.overall),
        controls: changes
            .controls
            .iter()
            .map(|c| ProgressControl {
                id: c.id.clone(),
                title: grid.control(&c.id).map_or_else(
                    || c.title.clone(),
                    |(_, known)| known.title.get(lang).to_owned(),
                ),
                before: level_text(c.before, grid, lang),
                after: level_text(c.after, grid, lang),
                observations: c.observations.trim().to_owned(),
            })
            .collect(),
        reverify: changes.to_reverify.clone(),
        grid_moved: changes.grid.as_ref().map(|moved| {
            labels
                .grid_moved
                .replacen("{}", &moved.grid, 1)
                .replacen("{}", &moved.from, 1)
                .replacen("{}", &moved.to, 1)
        }),
        not_comparable: changes
            .grid
            .iter()
            .flat_map(|moved| &moved.not_comparable)
            .map(|control| control.describe(lang))
            .collect(),
        grid_changed: changes
            .grid_changed
            .iter()
            .map(|(id, change)| format!("{id} — {}", change.describe(lang)))
            .collect(),
        findings: progress_findings(changes, lang),
        actions: progress_actions(changes, firm, lang),
        unchanged: changes.is_empty(),
    }
}

/// The findings between the rounds, by what became of them; empty groups left out.
fn progress_findings(changes: &Comparison, lang: Lang) -> Vec<ProgressGroup<ProgressFinding>> {
    let labels = labels::labels(lang);
    let findings = |items: &[FindingItem]| -> Vec<ProgressFinding> {
        items
            .iter()
            .map(|f| ProgressFinding {
                id: f.id.clone(),
                title: f.title.clone(),
                severity: f.severity.map(|s| labels::severity(s, lang)),
                critical: f.critical,
                immediate: assessment::immediate_treatment(f.critical, f.status.is_pending()),
            })
            .collect()
    };
    let f = &changes.findings;
    non_empty_groups([
        (labels.findings_resolved, findings(&f.resolved)),
        (labels.findings_opened, findings(&f.opened)),
        (labels.findings_accepted, findings(&f.accepted)),
        (labels.findings_still_open, findings(&f.still_open)),
        (labels.findings_removed, findings(&f.removed)),
    ])
}

/// The plan's actions between the rounds, by what became of them; empty groups left out.
fn progress_actions(
    changes: &Comparison,
    firm: Option<&str>,
    lang: Lang,
) -> Vec<ProgressGroup<ProgressAction>> {
    let labels = labels::labels(lang);
    let actions = |items: &[ActionItem]| -> Vec<ProgressAction> {
        items
            .iter()
            .map(|a| ProgressAction {
                id: a.id.clone(),
                title: a.title.clone(),
                owner: labels::owner(a.owner, firm, lang),
                due: a.deadline.map(|date| labels::date(date, lang)),
                overdue: a.overdue,
            })
            .collect()
    };
    let a = &changes.actions;
    non_empty_groups([
        (labels.actions_done, actions(&a.done)),
        (labels.actions_still_open, actions(&a.still_open)),
        (labels.actions_new, actions(&a.new)),
        (labels.actions_dropped, actions(&a.dropped)),
        (labels.actions_removed, actions(&a.removed)),
    ])
}

fn non_empty_groups<T>(groups: [(&'static str, Vec<T>); 5]) -> Vec<ProgressGroup<T>> {
    groups
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(title, items)| ProgressGroup { title, items })
        .collect()
}

/// The domain ids and scores the radar draws, in grid order, and the previous round's.
pub fn radar_scores(input: &ReportInput) -> (Vec<Option<f64>>, Option<Vec<Option<f64>>>) {
    let current = input
        .state
        .grid
        .domains
        .iter()
        .map(|d| {
            assessment::effective_score(d, &input.state.answers, &input.state.meta.overrides)
                .map(Score::as_f64)
        })
        .collect();
    // A previous round on another scale is not drawn: its polygon would not compare.
    let previous = input
        .previous
        .as_ref()
        .filter(|round| round.same_scale)
        .map(|round| {
            let by_id: BTreeMap<&str, Option<Score>> = round
                .scores
                .iter()
                .map(|(id, score)| (id.as_str(), *score))
                .collect();
            input
                .state
                .grid
                .domains
                .iter()
                .map(|d| {
                    by_id
                        .get(d.id.as_str())
                        .copied()
                        .flatten()
                        .map(Score::as_f64)
                })
                .collect()
        });
    (current, previous)
}

#[derive(Debug, Serialize)]
pub struct CvePackView {
    pub version: String,
    pub date: String,
}

/// The earliest date CISA added one of the finding's CVEs to KEV, as the report and the
/// exports show it.
pub(crate) fn kev_date(
    finding: &Finding,
    cves: Option<&crate::cve::Pack>,
) -> Option<jiff::civil::Date> {
    let pack = cves?;
    finding
        .cves
        .iter()
        .filter_map(|id| pack.entry(id).and_then(|entry| entry.kev))
        .min()
}

/// A domain's vulnerabilities: KEV-listed first (actively exploited, to fix first), then in
/// the findings' order.
fn vulnerabilities(findings: &[&Finding], input: &ReportInput) -> Vec<VulnerabilityView> {
    let lang = input.lang;
    let mut listed: Vec<(Option<jiff::civil::Date>, VulnerabilityView)> = findings
        .iter()
        .filter(|f| f.cvss.is_some() || !f.cves.is_empty())
        .map(|f| {
            let date = kev_date(f, input.cves);
            let view = VulnerabilityView {
                finding: f.id.clone(),
                cves: f.cves.iter().map(ToString::to_string).collect(),
                kev: date.map(|date| labels::date(date, lang)),
                cvss: cvss_view(f, lang),
                severity: f.severity().map(|s| labels::severity(s, lang)),
            };
            (date, view)
        })
        .collect();
    listed.sort_by_key(|(date, _)| date.is_none());
    listed.into_iter().map(|(_, view)| view).collect()
}

/// For each asset of the inventory, in its order, the ids of the pack's CVEs that affect it
/// and of those that may (to confirm), in pack order.
fn asset_cves(input: &ReportInput) -> Vec<(Vec<String>, Vec<String>)> {
    let assets = input.state.assets.as_slice();
    let mut ids = vec![(Vec::new(), Vec::new()); assets.len()];
    if let Some(pack) = input.cves {
        crate::cve::each_match(pack, assets, |index, found| {
            let Some((affected, unknown)) = ids.get_mut(index) else {
                return;
            };
            match found.verdict {
                crate::cve::Verdict::Affected => affected.push(found.entry.id.to_string()),
                crate::cve::Verdict::Unknown => unknown.push(found.entry.id.to_string()),
                crate::cve::Verdict::NotAffected => {}
            }
        });
    }
    ids
}
