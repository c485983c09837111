//! The sample engagement `vmsaudit demo` creates: a fictitious client, realistic answers
//! across the six domains, two evidence files, one commit per answer.

use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;

use crate::assessment::Level;
use crate::engagement::{AnswerChange, Engagement, InitOptions};
use crate::error::{Error, Result};
use crate::grid::{Lang, Text};

const ANSWERS: &str = include_str!("answers.yaml");

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
    let count = i32::try_from(answers.len()).unwrap_or(0) + 1;
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
    Ok(engagement)
}

fn parse_auditor(text: &str) -> Result<crate::assessment::Auditor> {
    text.parse()
        .map_err(|error: String| Error::usage(error, "report this as a bug"))
}
