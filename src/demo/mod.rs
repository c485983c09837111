//! The sample engagement `vmsaudit demo` creates: a fictitious client, realistic answers
//! across the six domains, two evidence files, the asset inventory, findings (CVE, CVSS,
//! hand-set severity) and an action plan, one commit per change.

use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;

use crate::assessment::{
    Action, ActionStatus, Amount, Complexity, CveId, CvssVector, Finding, FindingStatus, Level,
    Owner, Severity, VectorSource,
};
use crate::engagement::{AnswerChange, Engagement, InitOptions};
use crate::error::{Error, Result};
use crate::grid::{Lang, Text};

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
    let answers: Vec<DemoAnswer> = crate::yaml::from_str(ANSWERS).map_err(|error| {
        Error::Invalid(crate::error::Problems(vec![crate::yaml::problem(
            "src/demo/answers.yaml",
            &error,
        )]))
    })?;
    let (client, site) = match lang {
        Lang::En => ("Example Logistics Ltd", "Gennevilliers warehouse"),
        Lang::Fr => ("Logistique Exemple SA", "Entrepôt de Gennevilliers"),
    };
    let options = InitOptions {
        client: client.into(),
        site: Some(site.into()),
        contract: Some("DEMO-2026-001".into()),
        firm: Some("Example Audit Firm".into()),
        auditors: vec![
            parse_auditor("Alex Morgan <alex.morgan@example.com>")?,
            parse_auditor("Camille Durand <camille.durand@example.com>")?,
        ],
        language: Some(lang),
        grid: None,
    };
    // Spread the answers over the working day that ends now, as a real audit's history reads.
    let step = SignedDuration::from_mins(7);
    let records: DemoRecords = crate::yaml::from_str(FINDINGS).map_err(|error| {
        Error::Invalid(crate::error::Problems(vec![crate::yaml::problem(
            "src/demo/findings.yaml",
            &error,
        )]))
    })?;
    // One step per commit: the start, the answers, the inventory, the findings, the actions.
    let commits = answers.len() + records.findings.len() + records.actions.len() + 2;
    let count = i32::try_from(commits).unwrap_or(0);
    let start = now.checked_sub(step * count).unwrap_or(now);
    let mut engagement = Engagement::init(dir, options, start)?;
    let who = engagement.auditor(None)?;

    let scratch = tempfile::tempdir().map_err(|source| Error::io(std::env::temp_dir(), source))?;
    let mut when = start;
    for answer in answers {
        let mut evidence = Vec::new();
        for (control, name, content) in EVIDENCE {
            if *control == answer.control {
                let path = scratch.path().join(name);
                std::fs::write(&path, content).map_err(|source| Error::io(&path, source))?;
                evidence.push((path, None));
            }
        }
        when = when.checked_add(step).unwrap_or(when);
        let change = AnswerChange {
            control: answer.control,
            level: Some(answer.level),
            observations: Some(answer.note.get(lang).to_owned()),
            evidence,
        };
        engagement.set_answer(change, &who, when)?;
    }
    add_records(&mut engagement, records, scratch.path(), lang, &who, when)?;
    Ok(engagement)
}

/// The inventory, the findings and the action plan, after the answers.
fn add_records(
    engagement: &mut Engagement,
    records: DemoRecords,
    scratch: &Path,
    lang: Lang,
    who: &crate::assessment::Auditor,
    mut when: Timestamp,
) -> Result<()> {
    // The same ids on every run: the demo's report is an example in the documentation.
    engagement.seed_ids(2026);
    let step = SignedDuration::from_mins(7);
    let inventory = scratch.join("assets.csv");
    std::fs::write(&inventory, INVENTORY).map_err(|source| Error::io(&inventory, source))?;
    when = when.checked_add(step).unwrap_or(when);
    engagement.import_assets(&inventory, who, when)?;

    let mut ids = std::collections::BTreeMap::new();
    for demo in records.findings {
        let finding = Finding {
            id: String::new(),
            title: demo.title.get(lang).to_owned(),
            domain: demo.domain,
            controls: demo.controls,
            description: demo.description.get(lang).to_owned(),
            cves: demo.cves,
            cvss: demo.cvss,
            cvss_source: demo.cvss_source,
            remote_takeover: demo.remote_takeover,
            severity: demo.severity,
            severity_justification: demo
                .severity_justification
                .map(|text| text.get(lang).to_owned()),
            assets: demo.assets,
            evidence: Vec::new(),
            recommendation: demo.recommendation.get(lang).to_owned(),
            status: FindingStatus::Open,
            status_reason: None,
            created_by: who.clone(),
            created_at: when,
        };
        when = when.checked_add(step).unwrap_or(when);
        let (id, _) = engagement.add_finding(finding, &[], who, when)?;
        ids.insert(demo.key, id);
    }
    let today = when.to_zoned_datetime(jiff::tz::TimeZone::system()).date();
    for demo in records.actions {
        let addresses = demo
            .addresses
            .iter()
            .map(|key| {
                ids.get(key).cloned().ok_or_else(|| {
                    Error::usage(
                        format!("demo action addresses unknown finding `{key}`"),
                        "report this as a bug",
                    )
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let deadline = demo
            .deadline_days
            .and_then(|days| today.checked_add(jiff::Span::new().days(days)).ok());
        let action = Action {
            id: String::new(),
            title: demo.title.get(lang).to_owned(),
            description: demo
                .description
                .map(|text| text.get(lang).to_owned())
                .unwrap_or_default(),
            addresses,
            complexity: demo.complexity,
            cost: demo.cost.get(lang).to_owned(),
            cost_amount: demo.amount,
            currency: demo.currency,
            owner: demo.owner,
            deadline,
            status: ActionStatus::Open,
            status_reason: None,
            created_by: who.clone(),
            created_at: when,
        };
        when = when.checked_add(step).unwrap_or(when);
        engagement.add_action(action, who, when)?;
    }
    Ok(())
}

fn parse_auditor(text: &str) -> Result<crate::assessment::Auditor> {
    text.parse()
        .map_err(|error: String| Error::usage(error, "report this as a bug"))
}
