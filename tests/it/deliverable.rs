//! The report as the client reads it, through the real binary: what the auditor typed
//! reaches it as typed, what is closed no longer calls for immediate treatment, and the Word
//! document says which language it is written in.

// Test helpers: a failure to run or to read is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::io::{Cursor, Read};
use std::process::Command;

use crate::common::{InDir, Sandbox, installed};

/// 9.8, critical.
const CRITICAL: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

/// The lines of the draft report that contain `needle`.
fn report_lines(sandbox: &Sandbox, dir: &str, needle: &str) -> Vec<String> {
    sandbox
        .read(&format!("{dir}/reports/draft/report.md"))
        .lines()
        .filter(|line| line.contains(needle))
        .map(str::to_owned)
        .collect()
}

fn critical_finding(e: &InDir, title: &str) -> String {
    e.run(&[
        "finding", "add", "--title", title, "--domain", "UPD", "--cvss", CRITICAL,
    ])
    .created()
}

#[test]
fn the_cost_text_reaches_the_report_as_typed_less_the_amount_it_restates() {
    let sandbox = Sandbox::new();
    let e = sandbox.init("e").lang("fr").create();
    let finding = critical_finding(&e, "Firmware vulnérable");
    for (title, amount, cost) in [
        ("Licences", "750", "3 licences à 250 € HT"),
        ("Exploitation", "800", "2 jours d'exploitation"),
        (
            "Projet",
            "12000",
            "12 000 € HT, dont 2 jours de paramétrage",
        ),
    ] {
        e.run(&[
            "action",
            "add",
            "--title",
            title,
            "--addresses",
            &finding,
            "--complexity",
            "low",
            "--owner",
            "client",
            "--amount",
            amount,
            "--currency",
            "EUR",
            "--cost",
            cost,
        ])
        .success();
    }
    e.run(&["report"]).success();
    let costs = report_lines(&sandbox, "e", "Coût estimatif");
    for expected in [
        "750,00 EUR (3 licences à 250 € HT)",
        "800,00 EUR (2 jours d'exploitation)",
        "12\u{202F}000,00 EUR (HT, dont 2 jours de paramétrage)",
    ] {
        assert!(
            costs.iter().any(|line| line.ends_with(expected)),
            "{expected} in {costs:#?}"
        );
    }
    // The plan's table says the same.
    let table = report_lines(&sandbox, "e", "— Licences |");
    assert!(
        table
            .iter()
            .any(|line| line.contains("| 750,00 EUR (3 licences à 250 € HT) |")),
        "{table:#?}"
    );
}

#[test]
fn what_is_closed_no_longer_calls_for_immediate_treatment_in_the_report() {
    let sandbox = Sandbox::new();
    let e = sandbox.init("e").lang("fr").create();
    let fixed = critical_finding(&e, "Corrigée");
    let open = critical_finding(&e, "Ouverte");
    let done = e
        .run(&[
            "action",
            "add",
            "--title",
            "Faite",
            "--addresses",
            &fixed,
            "--complexity",
            "low",
            "--owner",
            "client",
        ])
        .created();
    e.run(&["action", "edit", &done, "--status", "done"])
        .success();
    e.run(&["finding", "edit", &fixed, "--status", "resolved"])
        .success();
    e.run(&["report"]).success();
    let report = sandbox.read("e/reports/draft/report.md");

    // The resolved finding: critical by its score, but nothing to treat any more.
    let severity_of = |id: &str| -> String {
        let start = report.find(&format!("### {id}")).unwrap();
        report[start..]
            .lines()
            .find(|line| line.contains("**Criticité"))
            .unwrap()
            .to_owned()
    };
    assert!(
        !severity_of(&fixed).contains("traitement immédiat"),
        "{}",
        severity_of(&fixed)
    );
    assert!(
        severity_of(&open).contains("**traitement immédiat**"),
        "{}",
        severity_of(&open)
    );
    // The done action: no longer flagged in the plan's table, and the critical list is empty.
    let row = report_lines(&sandbox, "e", &format!("| **{done}**"));
    assert_eq!(row.len(), 1, "{row:#?}");
    assert!(!row[0].contains("traitement immédiat"), "{}", row[0]);
    assert!(row[0].contains("| réalisée |"), "{}", row[0]);
    // The summary counts what is still open: one critical of one open finding.
    let count = report_lines(&sandbox, "e", "critiques ouverts");
    assert_eq!(count.len(), 1, "{count:#?}");
    assert!(count[0].ends_with(" 1 / 1"), "{}", count[0]);

    // The action reopened is flagged again, by the same rule as the plan's export.
    e.run(&["action", "edit", &done, "--status", "in-progress"])
        .success();
    e.run(&["report"]).success();
    let rows = report_lines(&sandbox, "e", &format!("| **{done}**"));
    assert_eq!(rows.len(), 2, "the critical list and the plan: {rows:#?}");
    assert!(
        rows.iter().any(|row| row.contains("(traitement immédiat)")),
        "{rows:#?}"
    );
}

#[test]
fn a_closed_critical_action_without_deadline_is_due_no_more_in_the_list_and_the_report() {
    let sandbox = Sandbox::new();
    let e = sandbox.init("e").lang("fr").create();
    let finding = critical_finding(&e, "Firmware vulnérable");
    let add = |title: &str| {
        e.run(&[
            "action",
            "add",
            "--title",
            title,
            "--addresses",
            &finding,
            "--complexity",
            "low",
            "--owner",
            "client",
        ])
        .created()
    };
    let (open, done, dropped) = (add("Ouverte"), add("Faite"), add("Abandonnée"));
    e.run(&["action", "edit", &done, "--status", "done"])
        .success();
    e.run(&[
        "action",
        "edit",
        &dropped,
        "--status",
        "dropped",
        "--reason",
        "remplacée",
    ])
    .success();

    // `action list`: only the open one is due at once; the closed ones show no due date.
    let list = e.run(&["action", "list"]).success().stdout;
    let row = |id: &str| {
        list.lines()
            .find(|line| line.starts_with(id))
            .unwrap_or_else(|| panic!("{id} in:\n{list}"))
            .to_owned()
    };
    assert!(row(&open).contains("immédiate"), "{list}");
    for closed in [&done, &dropped] {
        assert!(!row(closed).contains("immédiate"), "{list}");
    }
    let json = e.json(&["action", "list", "--json"]);
    let due = |id: &str| {
        json["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["action"]["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {json}"))["due"]
            .clone()
    };
    assert_eq!(due(&open), "immediate");
    assert_eq!(due(&done), serde_json::Value::Null);
    assert_eq!(due(&dropped), serde_json::Value::Null);

    // The report's plan: the same rule.
    e.run(&["report"]).success();
    let plan_row = |id: &str| {
        let rows = report_lines(&sandbox, "e", &format!("| **{id}**"));
        rows.last()
            .unwrap_or_else(|| panic!("{id} in the plan"))
            .clone()
    };
    assert!(
        plan_row(&open).contains("| immédiate |"),
        "{}",
        plan_row(&open)
    );
    assert!(
        plan_row(&done).ends_with("| — | réalisée |"),
        "{}",
        plan_row(&done)
    );
    assert!(
        plan_row(&dropped).contains("| — | abandonnée"),
        "{}",
        plan_row(&dropped)
    );
}

/// The `w:lang` values of a DOCX's styles and document.
fn docx_langs(path: &std::path::Path) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(std::fs::read(path).unwrap())).unwrap();
    let mut text = String::new();
    for name in ["word/styles.xml", "word/document.xml"] {
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
    }
    text.match_indices("<w:lang ")
        .filter_map(|(at, _)| {
            let element = &text[at..];
            let element = &element[..element.find('>').unwrap()];
            let value = &element[element.find(" w:val=\"")? + 8..];
            Some(value[..value.find('"').unwrap()].to_owned())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_word_report_is_tagged_in_the_engagement_s_language() {
    if !installed("pandoc", "--version") {
        return;
    }
    let sandbox = Sandbox::new();
    for (lang, tag) in [("fr", "fr-FR"), ("en", "en-GB")] {
        let e = sandbox.init(lang).lang(lang).create();
        let docx = format!("{lang}.docx");
        e.run(&["report", "--format", "docx", "-o", &docx])
            .success();
        let langs = docx_langs(&sandbox.path(&docx));
        assert!(langs.contains(tag), "{lang}: {langs}");
        assert!(!langs.contains("en-US"), "{lang}: {langs}");

        // pandoc run by hand, as the README says, reads the same tag.
        e.run(&["report"]).success();
        let by_hand = Command::new("pandoc")
            .current_dir(sandbox.path(lang))
            .args([
                "--resource-path=reports/draft",
                "reports/draft/report.md",
                "-o",
                "by-hand.docx",
            ])
            .output()
            .unwrap();
        assert!(by_hand.status.success(), "{by_hand:?}");
        let langs = docx_langs(&sandbox.path(&format!("{lang}/by-hand.docx")));
        assert!(langs.contains(tag), "{lang} by hand: {langs}");
        // The HTML page shows no trace of the block.
        let folder = format!("{lang}-page/");
        e.run(&["report", "--format", "html", "-o", &folder])
            .success();
        let page = sandbox.read(&format!("{folder}report.html"));
        assert!(!page.contains("lang: "), "{lang}");
        assert!(!page.contains("<hr"), "{lang}");
    }
}
