//! The evidence a report lists, checked against the files: a file deleted, edited or replaced
//! after it was attached is said on stderr at its record's line and marked in the report's
//! annex, in the engagement's language; `status` counts the files missing.

#![allow(clippy::unwrap_used, clippy::panic)]

use crate::common::{Sandbox, says};

/// The line (1-based) of `record` that names `path` as evidence.
fn line_of(sandbox: &Sandbox, record: &str, path: &str) -> usize {
    let text = sandbox.read(record);
    text.lines()
        .position(|line| line == format!("- path: {path}"))
        .unwrap_or_else(|| panic!("{path} not in {record}:\n{text}"))
        + 1
}

/// The row of the report's evidence index that names `path`.
fn annex_row(report: &str, path: &str) -> String {
    report
        .lines()
        .find(|line| line.starts_with(&format!("| `{path}` |")))
        .unwrap_or_else(|| panic!("no row for {path} in:\n{report}"))
        .to_owned()
}

/// How many rows of the report's evidence index are marked.
fn marked(report: &str) -> usize {
    report
        .lines()
        .filter(|line| line.starts_with("| `evidence/") && line.contains("**"))
        .count()
}

struct Words {
    lang: &'static str,
    missing: &'static str,
    changed: &'static str,
    marked_missing: &'static str,
    marked_changed: &'static str,
    status_missing: &'static str,
    count: &'static str,
    written: &'static str,
}

const EN: Words = Words {
    lang: "en",
    missing: "is missing",
    changed: "changed since it was attached: SHA-256",
    marked_missing: "**file missing**",
    marked_changed: "**content changed**",
    status_missing: "Evidence files missing: 2",
    count: "3 evidence entry(ies) above",
    written: "the report is written, and its evidence index marks them",
};

const FR: Words = Words {
    lang: "fr",
    missing: "est absent",
    changed: "a changé depuis qu'il a été joint\u{a0}: SHA-256",
    marked_missing: "**fichier absent**",
    marked_changed: "**empreinte différente**",
    status_missing: "Fichiers de preuve absents\u{a0}: 2",
    count: "3\u{a0}preuve(s) ci-dessus",
    written: "le rapport est écrit, et son index des preuves les signale",
};

#[test]
fn evidence_gone_or_changed_is_warned_at_its_line_and_marked_in_the_annex() {
    for words in [EN, FR] {
        let sandbox = Sandbox::new();
        let acme = sandbox.init("acme").lang(words.lang).create();
        for (name, text) in [
            ("gone.txt", "deleted by a co-auditor's commit\n"),
            ("edited.txt", "as attached\n"),
            ("intact.txt", "never touched\n"),
            ("poc.txt", "the finding's proof\n"),
        ] {
            sandbox.write(name, text);
        }
        acme.run(&[
            "answer",
            "ACC-01",
            "--level",
            "2",
            "--note",
            "checked",
            "--evidence",
            "gone.txt",
            "--evidence",
            "edited.txt",
            "--evidence",
            "intact.txt",
        ])
        .success();
        let finding = acme
            .run(&[
                "finding",
                "add",
                "--title",
                "Default password",
                "--control",
                "ACC-01",
                "--severity",
                "low",
                "--justification",
                "lab only",
                "--evidence",
                "poc.txt",
            ])
            .created();
        acme.run(&["report"]).success();
        assert_eq!(marked(&sandbox.read("acme/reports/draft/report.md")), 0);

        let gone = "evidence/ACC-01/gone.txt";
        let edited = "evidence/ACC-01/edited.txt";
        let intact = "evidence/ACC-01/intact.txt";
        let poc = format!("evidence/{finding}/poc.txt");
        // A deletion committed (as `sync` would bring it), an edit and a deletion not.
        sandbox.git("acme", &["rm", "-q", gone]);
        sandbox.git("acme", &["commit", "-q", "-m", "tidy up"]);
        sandbox.write(&format!("acme/{edited}"), "edited afterwards\n");
        std::fs::remove_file(sandbox.path(&format!("acme/{poc}"))).unwrap();

        let out = acme.run(&["report"]).failure(1);
        let answer = "answers/ACC-01.yaml";
        let record = format!("findings/{finding}.yaml");
        says(
            &out.stderr,
            &[
                &format!(
                    "{answer}:{}: ",
                    line_of(&sandbox, &format!("acme/{answer}"), gone)
                ),
                &format!("{gone} {}", words.missing),
                &format!("git log -- {gone}"),
                &format!("git checkout COMMIT^ -- {gone}"),
                "vmsaudit answer ACC-01 --evidence",
                &format!(
                    "{answer}:{}: ",
                    line_of(&sandbox, &format!("acme/{answer}"), edited)
                ),
                &format!("{edited} {}", words.changed),
                // The hash recorded and the one found, by their first characters.
                &format!("{}…", &common_sha("as attached\n")[..12]),
                &format!("{}…", &common_sha("edited afterwards\n")[..12]),
                &format!("vmsaudit answer ACC-01 --evidence {edited}"),
                &format!(
                    "{record}:{}: ",
                    line_of(&sandbox, &format!("acme/{record}"), &poc)
                ),
                &format!("{poc} {}", words.missing),
                &format!("vmsaudit finding edit {finding} --evidence"),
                words.count,
                words.written,
            ],
        );
        assert!(
            !out.stderr.contains(intact),
            "intact evidence is not warned about"
        );
        // The report is written all the same, and marks what it cannot vouch for.
        let report = sandbox.read("acme/reports/draft/report.md");
        says(&annex_row(&report, gone), &[words.marked_missing]);
        says(&annex_row(&report, edited), &[words.marked_changed]);
        says(&annex_row(&report, &poc), &[words.marked_missing]);
        assert!(!annex_row(&report, intact).contains("**"));
        let html = acme
            .run(&["report", "--format", "html", "-o", "report.html"])
            .failure(1);
        says(&html.stderr, &[words.written]);
        let html = sandbox.read("report.html");
        let strong = |mark: &str| format!("<strong>{}</strong>", mark.trim_matches('*'));
        says(
            &html,
            &[&strong(words.marked_missing), &strong(words.marked_changed)],
        );

        // `status` sees the files gone (not the edited one: it hashes nothing).
        says(
            &acme.run(&["status"]).success().stdout,
            &[words.status_missing],
        );
        assert_eq!(acme.json(&["status", "--json"])["missing_evidence"], 2);

        // The ways back the warnings give: git, or the file attached again.
        sandbox.git("acme", &["checkout", "-q", "HEAD^", "--", gone]);
        sandbox.git("acme", &["checkout", "-q", "--", edited]);
        sandbox.write("poc.txt", "the finding's proof\n");
        acme.run(&["finding", "edit", &finding, "--evidence", "poc.txt"])
            .success();
        let out = acme.run(&["report"]).success();
        assert!(out.stderr.is_empty(), "{}", out.stderr);
        assert_eq!(marked(&sandbox.read("acme/reports/draft/report.md")), 0);
        let status = acme.run(&["status"]).success().stdout;
        assert!(!status.contains(words.status_missing), "{status}");
        assert_eq!(acme.json(&["status", "--json"])["missing_evidence"], 0);
    }
}

fn common_sha(text: &str) -> String {
    crate::common::sha256_hex(text.as_bytes())
}

#[test]
fn evidence_replaced_by_a_link_stops_the_report_before_anything_is_written() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").create();
    sandbox.write("proof.txt", "as attached\n");
    acme.run(&[
        "answer",
        "ACC-01",
        "--level",
        "2",
        "--evidence",
        "proof.txt",
    ])
    .success();
    sandbox.write("elsewhere.txt", "as attached\n");
    let path = sandbox.path("acme/evidence/ACC-01/proof.txt");
    std::fs::remove_file(&path).unwrap();
    // Even to a file with the right content: the report never reads through a link.
    std::os::unix::fs::symlink(sandbox.path("elsewhere.txt"), &path).unwrap();
    let stderr = acme.refused(&["report"], "evidence/ACC-01/proof.txt");
    says(&stderr, &["symbolic link"]);
    assert!(!sandbox.path("acme/reports/draft/report.md").exists());
    acme.refused(&["status"], "evidence/ACC-01/proof.txt");
}

#[test]
fn a_round_closed_over_missing_evidence_marks_its_report() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").create();
    sandbox.write("proof.txt", "as attached\n");
    acme.run(&[
        "answer",
        "ACC-01",
        "--level",
        "2",
        "--evidence",
        "proof.txt",
    ])
    .success();
    sandbox.git("acme", &["rm", "-q", "evidence/ACC-01/proof.txt"]);
    sandbox.git("acme", &["commit", "-q", "-m", "gone"]);
    let out = acme.run(&["audit", "close", "2026-S2"]).success();
    says(
        &out.stderr,
        &[
            "answers/ACC-01.yaml:5: evidence file evidence/ACC-01/proof.txt is missing",
            "its evidence index marks them",
        ],
    );
    says(
        &annex_row(
            &sandbox.read("acme/reports/2026-S2/report.md"),
            "evidence/ACC-01/proof.txt",
        ),
        &["**file missing**"],
    );
}

#[test]
fn the_log_says_evidence_given_with_the_first_answer_as_it_says_later_evidence() {
    for (lang, first, later) in [
        (
            "en",
            "level 2, evidence f.png added",
            "evidence g.png added",
        ),
        (
            "fr",
            "niveau 2, preuve f.png ajoutée",
            "preuve g.png ajoutée",
        ),
    ] {
        let sandbox = Sandbox::new();
        let acme = sandbox.init("acme").lang(lang).create();
        sandbox.write("f.png", "first\n");
        sandbox.write("g.png", "second\n");
        acme.run(&["answer", "ACC-01", "--level", "2", "--evidence", "f.png"])
            .success();
        acme.run(&["answer", "ACC-01", "--evidence", "g.png"])
            .success();
        let log = acme.run(&["log", "ACC-01"]).success().stdout;
        let lines: Vec<&str> = log.lines().filter(|line| line.contains("  ")).collect();
        assert_eq!(lines.len(), 2, "{log}");
        assert!(lines[0].ends_with(first), "{log}");
        assert!(lines[1].ends_with(later), "{log}");
        let json = acme.json(&["log", "ACC-01", "--json"]);
        let mut changes: Vec<String> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|line| line["changes"].to_string())
            .collect();
        changes.sort();
        assert_eq!(
            changes,
            [
                r#"["evidence g.png added"]"#,
                r#"["level 2","evidence f.png added"]"#
            ]
        );
    }
}
