//! The sample engagement `vmsaudit demo` creates: a fictitious client, realistic answers
//! across the six domains, two evidence files, the asset inventory, findings (CVE, CVSS,
//! hand-set severity) and an action plan, one commit per change.

use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;

use crate::assessment::{
    ActionStatus, Amount, Complexity, CveId, CvssVector, FindingStatus, Level, Owner, Severity,
    VectorSource,
};
use crate::engagement::{Engagement, InitOptions};
use crate::error::{Error, Result};
use crate::grid::{Lang, Text};
use crate::rules::{ActionPatch, AnswerChange, AssetChange, Change, FindingPatch};

const ANSWERS: &str = include_str!("answers.yaml");
const FINDINGS: &str = include_str!("findings.yaml");
const INVENTORY: &str = include_str!("firmware-inventory.csv");

/// Evidence files of the sample, attached to the control they support.
const EVIDENCE: &[(&str, &str, &str)] = &[
    (
        "NET-01",
        "nmap-video-vlan.txt",
        include_str!("nmap-video-vlan.txt"),
    ),
    (
        "UPD-01",
        "firmware-inventory.csv",
        include_str!("firmware-inventory.csv"),
    ),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRecords {
    findings: Vec<DemoFinding>,
    actions: Vec<DemoAction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFinding {
    key: String,
    title: Text,
    domain: String,
    controls: Vec<String>,
    description: Text,
    #[serde(default)]
    cves: Vec<CveId>,
    #[serde(default)]
    cvss: Option<CvssVector>,
    #[serde(default)]
    cvss_source: Option<VectorSource>,
    #[serde(default)]
    remote_takeover: bool,
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    severity_justification: Option<Text>,
    #[serde(default)]
    assets: Vec<String>,
    recommendation: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAction {
    title: Text,
    #[serde(default)]
    description: Option<Text>,
    addresses: Vec<String>,
    complexity: Complexity,
    owner: Owner,
    cost: Text,
    #[serde(default)]
    amount: Option<Amount>,
    #[serde(default)]
    currency: Option<String>,
    /// Days from the demo's date; none for an action due immediately.
    #[serde(default)]
    deadline_days: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAnswer {
    control: String,
    level: Level,
    note: Text,
}

/// Creates the sample engagement in `dir`, its answers written in `lang`.
pub fn create(dir: &Path, lang: Lang, now: Timestamp) -> Result<Engagement> {
    let answers: Vec<DemoAnswer> = parse_sample(ANSWERS, "src/demo/answers.yaml")?;
    let records: DemoRecords = parse_sample(FINDINGS, "src/demo/findings.yaml")?;
    let scratch = tempfile::tempdir().map_err(|source| Error::io(std::env::temp_dir(), source))?;
    // Two rounds, as a re-audit sees them: the first audit six months ago, closed with its
    // report; the re-audit today, in progress. Commits are spread as a working day reads.
    let first_day = now
        .checked_sub(SignedDuration::from_hours(24 * 182))
        .unwrap_or(now);
    let zone = crate::clock::local_zone();
    let label = |when: Timestamp| {
        when.to_zoned_datetime(zone.clone())
            .strftime("%Y-%m")
            .to_string()
    };
    let mut engagement = Engagement::init(dir, init_options(lang, scratch.path())?, first_day)?;
    let who = engagement.auditor(None)?;

    // The first round: the same observations, several levels one lower.
    let mut when = first_day;
    for (index, answer) in answers.iter().enumerate() {
        if engagement.state().grid.control(&answer.control).is_none() {
            continue;
        }
        let level = match answer.level {
            Level::Score(level) if level > 0 && index % 2 == 0 => Level::Score(level - 1),
            other => other,
        };
        when = when.checked_add(STEP).unwrap_or(when);
        let evidence = evidence_of(&answer.control, scratch.path())?;
        let change = AnswerChange {
            control: answer.control.clone(),
            level: Some(level),
            observations: Some(answer.note.get(lang).to_owned()),
            evidence,
            drop_evidence: Vec::new(),
        };
        engagement.change(Change::Answer(change), &who, when)?;
    }
    when = add_records(&mut engagement, &records, lang, &who, when)?;
    when = when.checked_add(STEP).unwrap_or(when);
    engagement.close_round_with_report(&label(first_day), &who, when)?;
    reaudit(&mut engagement, &answers, lang, &who, &label(now), now)?;
    Ok(engagement)
}

/// Commits spread as a working day reads.
const STEP: SignedDuration = SignedDuration::from_mins(7);

/// A sample file built into the binary, parsed.
fn parse_sample<T: serde::de::DeserializeOwned>(text: &str, name: &str) -> Result<T> {
    crate::yaml::from_str(text).map_err(|error| {
        Error::Invalid(crate::error::Problems(vec![crate::yaml::problem(
            name, text, &error,
        )]))
    })
}

/// The sample client, its firm and auditors, on the grid's version 1.0.0 (written to
/// `scratch`): the first round was on it, and the re-audit moves to the built-in version, as
/// a firm's re-audit six months on would.
fn init_options(lang: Lang, scratch: &Path) -> Result<InitOptions> {
    let (client, site) = match lang {
        Lang::En => ("Example Logistics Ltd", "Gennevilliers warehouse"),
        Lang::Fr => ("Logistique Exemple SA", "Entrepôt de Gennevilliers"),
    };
    let first_grid = scratch.join("vms-1.0.0.yaml");
    let first_text = crate::grid::builtin::history("1.0.0").unwrap_or(crate::grid::builtin::SOURCE);
    std::fs::write(&first_grid, first_text).map_err(|source| Error::io(&first_grid, source))?;
    Ok(InitOptions {
        client: client.into(),
        site: Some(site.into()),
        contract: Some("DEMO-2026-001".into()),
        firm: Some("Example Audit Firm".into()),
        auditors: vec![
            parse_auditor("Alex Morgan <alex.morgan@example.com>")?,
            parse_auditor("Camille Durand <camille.durand@example.com>")?,
        ],
        language: Some(lang),
        grid: Some(first_grid),
    })
}

/// The re-audit: started this morning on the built-in grid, every answer checked again, the
/// Telnet finding fixed since, its action done.
fn reaudit(
    engagement: &mut Engagement,
    answers: &[DemoAnswer],
    lang: Lang,
    who: &crate::assessment::Auditor,
    label: &str,
    now: Timestamp,
) -> Result<()> {
    let commits = i32::try_from(answers.len() + 4).unwrap_or(0);
    let mut when = now.checked_sub(STEP * commits).unwrap_or(now);
    let grid = crate::engagement::NewGrid {
        grid: std::sync::Arc::new(crate::grid::builtin::grid()?),
        text: crate::grid::builtin::SOURCE.to_owned(),
        file: crate::grid::builtin::NAME.to_owned(),
    };
    engagement.start_round_on(label, who, when, Some(grid))?;
    for answer in answers {
        when = when.checked_add(STEP).unwrap_or(when);
        let change = AnswerChange {
            control: answer.control.clone(),
            level: Some(answer.level),
            observations: Some(answer.note.get(lang).to_owned()),
            evidence: Vec::new(),
            drop_evidence: Vec::new(),
        };
        engagement.change(Change::Answer(change), who, when)?;
    }
    when = when.checked_add(STEP).unwrap_or(when);
    resolve_telnet(engagement, lang, who, when)
}

/// The evidence files of the sample that support `control`, written to `scratch`.
fn evidence_of(control: &str, scratch: &Path) -> Result<Vec<(std::path::PathBuf, Option<String>)>> {
    let mut evidence = Vec::new();
    for (owner, name, content) in EVIDENCE {
        if *owner == control {
            let path = scratch.join(name);
            std::fs::write(&path, content).map_err(|source| Error::io(&path, source))?;
            evidence.push((path, None));
        }
    }
    Ok(evidence)
}

/// Between the two rounds the client disabled Telnet on the recorders.
fn resolve_telnet(
    engagement: &mut Engagement,
    lang: Lang,
    who: &crate::assessment::Auditor,
    when: Timestamp,
) -> Result<()> {
    let Some(id) = engagement
        .state()
        .findings
        .iter()
        .find(|f| f.domain == "NET" && f.cvss.is_none())
        .map(|f| f.id.clone())
    else {
        return Ok(());
    };
    let reason = match lang {
        Lang::En => {
            "Telnet disabled on NVR-01 and NVR-02 in June; checked with nmap during the re-audit."
        }
        Lang::Fr => {
            "Telnet désactivé sur NVR-01 et NVR-02 en juin ; vérifié avec nmap lors de la révision."
        }
    };
    let resolved = FindingPatch {
        status: Some(FindingStatus::Resolved),
        status_reason: Some(Some(reason.to_owned())),
        ..FindingPatch::default()
    };
    engagement.change(Change::EditFinding(id.clone(), resolved), who, when)?;
    if let Some(action) = engagement
        .state()
        .actions
        .iter()
        .find(|a| a.addresses.contains(&id))
        .map(|a| a.id.clone())
    {
        let done = ActionPatch {
            status: Some(ActionStatus::Done),
            status_reason: Some(Some(reason.to_owned())),
            ..ActionPatch::default()
        };
        let later = when
            .checked_add(SignedDuration::from_mins(3))
            .unwrap_or(when);
        engagement.change(Change::EditAction(action, done), who, later)?;
    }
    Ok(())
}

/// The inventory, the findings and the action plan, after the answers.
fn add_records(
    engagement: &mut Engagement,
    records: &DemoRecords,
    lang: Lang,
    who: &crate::assessment::Auditor,
    mut when: Timestamp,
) -> Result<Timestamp> {
    // The same ids on every run: the demo's report is an example in the documentation.
    engagement.seed_ids(2026);
    let step = SignedDuration::from_mins(7);
    when = when.checked_add(step).unwrap_or(when);
    let import = AssetChange::Import {
        file: "assets.csv".to_owned(),
        text: INVENTORY.to_owned(),
    };
    engagement.change(Change::Asset(import), who, when)?;

    let mut ids = std::collections::BTreeMap::new();
    for demo in &records.findings {
        let finding = FindingPatch {
            title: Some(demo.title.get(lang).to_owned()),
            domain: Some(demo.domain.clone()),
            controls: Some(demo.controls.clone()),
            description: Some(demo.description.get(lang).to_owned()),
            cves: Some(demo.cves.clone()),
            cvss: Some(demo.cvss.clone()),
            cvss_source: demo.cvss_source,
            remote_takeover: Some(demo.remote_takeover),
            severity: Some(demo.severity),
            severity_justification: Some(
                demo.severity_justification
                    .as_ref()
                    .map(|text| text.get(lang).to_owned()),
            ),
            assets: Some(demo.assets.clone()),
            recommendation: Some(demo.recommendation.get(lang).to_owned()),
            ..FindingPatch::default()
        };
        when = when.checked_add(step).unwrap_or(when);
        let saved = engagement.change(Change::NewFinding(finding), who, when)?;
        ids.insert(demo.key.clone(), saved.created.unwrap_or_default());
    }
    let today = crate::clock::day(when);
    for demo in &records.actions {
        let addresses = demo
            .addresses
            .iter()
            .map(|key| {
                ids.get(key).cloned().ok_or_else(|| {
                    Error::bug(format!("demo action addresses unknown finding `{key}`"))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let deadline = demo
            .deadline_days
            .and_then(|days| today.checked_add(jiff::Span::new().days(days)).ok());
        let action = ActionPatch {
            title: Some(demo.title.get(lang).to_owned()),
            description: demo
                .description
                .as_ref()
                .map(|text| text.get(lang).to_owned()),
            addresses: Some(addresses),
            complexity: Some(demo.complexity),
            cost: Some(demo.cost.get(lang).to_owned()),
            cost_amount: Some(demo.amount),
            currency: Some(demo.currency.clone()),
            owner: Some(demo.owner),
            deadline: Some(deadline),
            ..ActionPatch::default()
        };
        when = when.checked_add(step).unwrap_or(when);
        engagement.change(Change::NewAction(action), who, when)?;
    }
    Ok(when)
}

fn parse_auditor(text: &str) -> Result<crate::assessment::Auditor> {
    text.parse()
        .map_err(|flaw: crate::messages::AuditorFlaw| Error::bug(flaw.to_string()))
}
