//! What a co-auditor's commits can put into the report, through the real binary: template
//! overrides (reviewed and accepted in each clone before use; their output held to the rules
//! of user text; their rendering bounded in time and size) and pandoc syntax split across
//! records.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::process::Command;

use crate::common::{Sandbox, installed};

/// Every `t` (node kind) in pandoc's JSON reading of a document.
fn pandoc_kinds(value: &serde_json::Value, kinds: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(kind) = map.get("t").and_then(|t| t.as_str()) {
                kinds.push(kind.to_owned());
            }
            map.values().for_each(|child| pandoc_kinds(child, kinds));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| pandoc_kinds(item, kinds)),
        _ => {}
    }
}

#[test]
fn a_fenced_div_opened_in_one_record_and_closed_in_another_stays_text() {
    if !installed("pandoc", "--version") {
        return;
    }
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").create();
    acme.run(&[
        "answer",
        "ACC-01",
        "--level",
        "1",
        "--note",
        "::: notes\nopened here",
    ])
    .success();
    acme.run(&[
        "answer",
        "ACC-02",
        "--level",
        "2",
        "--note",
        "closed there\n:::",
    ])
    .success();
    acme.run(&[
        "answer",
        "ACC-03",
        "--level",
        "2",
        "--note",
        ":::: {.warning}\n\n:::",
    ])
    .success();
    acme.run(&["report", "-o", "out/"]).success();
    let output = Command::new("pandoc")
        .args(["-f", "markdown", "-t", "json", "out/report.md"])
        .current_dir(sandbox.path("."))
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut kinds = Vec::new();
    pandoc_kinds(&json["blocks"], &mut kinds);
    assert!(!kinds.iter().any(|kind| kind == "Div"), "pandoc made a Div");
    // The colons are still there for the reader.
    let text = String::from_utf8(
        Command::new("pandoc")
            .args(["-f", "markdown", "-t", "plain", "out/report.md"])
            .current_dir(sandbox.path("."))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(text.contains("::: notes"), "{text}");
}

/// The engagement `acme` (English) with one answer, and `templates/NAME` committed by a
/// co-auditor: the built-in text with `extra` appended.
fn with_committed_override(name: &str, extra: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").create();
    acme.run(&["answer", "ACC-01", "--level", "1", "--note", "first"])
        .success();
    let builtin =
        std::fs::read_to_string(format!("{}/templates/{name}", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    std::fs::create_dir_all(sandbox.path("acme/templates")).unwrap();
    std::fs::write(
        sandbox.path(&format!("acme/templates/{name}")),
        format!("{builtin}{extra}"),
    )
    .unwrap();
    commit_all(&sandbox, "A template of the firm");
    sandbox
}

fn commit_all(sandbox: &Sandbox, message: &str) {
    sandbox.git("acme", &["add", "-A"]);
    sandbox.git(
        "acme",
        &[
            "-c",
            "user.name=Bob Durand",
            "-c",
            "user.email=bd@example.org",
            "commit",
            "-q",
            "-m",
            message,
        ],
    );
}

#[test]
fn an_override_from_the_repository_is_used_only_once_accepted_in_this_clone() {
    let sandbox = with_committed_override("plan.md.tera", "\nPLAN-MARKER from Bob\n");
    let acme = sandbox.in_dir("acme");
    // Not accepted: refused, naming the file and the commands, nothing written.
    let stderr = acme.refused(&["report"], "templates/plan.md.tera");
    assert!(
        stderr.contains("has not been accepted in this clone"),
        "{stderr}"
    );
    assert!(
        stderr.contains("vmsaudit template show plan.md.tera"),
        "{stderr}"
    );
    assert!(
        stderr.contains("vmsaudit template accept plan.md.tera"),
        "{stderr}"
    );
    assert!(!sandbox.path("acme/reports/draft/report.md").exists());
    acme.refused(&["audit", "close", "2026-S1"], "templates/plan.md.tera");

    let list = acme.run(&["template", "list"]).success().stdout;
    assert!(
        list.contains("templates/plan.md.tera  NOT ACCEPTED (new)"),
        "{list}"
    );
    // The review: what the override adds to the built-in template.
    let show = acme
        .run(&["template", "show", "plan.md.tera"])
        .success()
        .stdout;
    assert!(show.contains("+PLAN-MARKER from Bob"), "{show}");
    assert!(show.contains("(built in)"), "{show}");
    let full = acme
        .run(&["template", "show", "plan.md.tera", "--full"])
        .success()
        .stdout;
    assert!(
        full.contains("PLAN-MARKER from Bob") && !full.contains("+PLAN"),
        "{full}"
    );

    let accepted = acme.run(&["template", "accept", "plan.md.tera"]).success();
    assert!(
        accepted
            .stdout
            .contains("accepted in this clone: templates/plan.md.tera"),
        "{}",
        accepted.stdout
    );
    // Nothing committed by accepting: the record is the clone's own.
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    assert!(
        sandbox
            .path("acme/.git/vmsaudit/accepted-templates")
            .exists()
    );
    acme.run(&["report"]).success();
    assert!(
        sandbox
            .read("acme/reports/draft/report.md")
            .contains("PLAN-MARKER from Bob")
    );
    let list = acme.run(&["template", "list"]).success().stdout;
    assert!(list.contains("templates/plan.md.tera  accepted"), "{list}");

    // Changed by another commit: refused again until accepted again.
    let path = sandbox.path("acme/templates/plan.md.tera");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("PLAN-MARKER", "OTHER-MARKER")).unwrap();
    commit_all(&sandbox, "The template again");
    let stderr = acme.refused(&["report"], "templates/plan.md.tera");
    assert!(stderr.contains("changed since it was accepted"), "{stderr}");
    let list = acme.run(&["template", "list"]).success().stdout;
    assert!(
        list.contains("NOT ACCEPTED (changed since accepted)"),
        "{list}"
    );
    acme.run(&["template", "accept", "--all"]).success();
    acme.run(&["report"]).success();
    assert!(
        sandbox
            .read("acme/reports/draft/report.md")
            .contains("OTHER-MARKER")
    );

    // A name that is no override, and no name at all.
    acme.refused(
        &["template", "accept", "nowhere.md.tera"],
        "templates/nowhere.md.tera",
    );
    acme.run(&["template", "accept"]).failure(2);
}

#[test]
fn reviewing_a_template_shows_its_escape_sequences_defused() {
    let sandbox = with_committed_override(
        "plan.md.tera",
        "\n\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{202e}evil\n",
    );
    let acme = sandbox.in_dir("acme");
    for args in [
        &["template", "show", "plan.md.tera"][..],
        &["template", "show", "plan.md.tera", "--full"],
        &["template", "list"],
    ] {
        let out = acme.run(args).success();
        for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!out.stdout.contains(c), "{args:?}: {:?}", out.stdout);
        }
    }
}

/// The attack of issue 15: an accepted override that makes pandoc embed the auditor's files
/// in the client's document and fetch a URL.
const ATTACK: &str =
    "\n![l](/etc/passwd) ![k](/home/me/.ssh/id_ed25519) ![b](http://attacker/beacon.png)\n";

#[test]
fn an_accepted_template_that_would_load_files_or_urls_is_refused() {
    let sandbox = with_committed_override("report.en.md.tera", ATTACK);
    let acme = sandbox.in_dir("acme");
    acme.run(&["template", "accept", "report.en.md.tera"])
        .success();
    for args in [
        &["report"][..],
        &["report", "-o", "out/"],
        &["report", "--format", "html", "-o", "out.html"],
        &["report", "--format", "docx", "-o", "r.docx"],
        &["audit", "close", "2026-S1"],
    ] {
        let stderr = acme.refused(args, "templates/report.en.md.tera");
        for target in [
            "/etc/passwd",
            "/home/me/.ssh/id_ed25519",
            "http://attacker/beacon.png",
        ] {
            assert!(
                stderr.contains(&format!("an image to `{target}`")),
                "{args:?}: {stderr}"
            );
        }
    }
    assert!(!sandbox.path("r.docx").exists() && !sandbox.path("acme/r.docx").exists());
    assert!(!sandbox.path("acme/reports/2026-S1").exists());
    assert!(sandbox.git("acme", &["tag", "--list"]).is_empty());

    // Links and raw HTML that load something, and a YAML block pandoc would read.
    for (extra, said) in [
        (
            "\n[k](/home/me/.ssh/id_ed25519)\n",
            "a link to `/home/me/.ssh/id_ed25519`",
        ),
        (
            "\n[up](../../../secret.txt)\n",
            "a link to `../../../secret.txt`",
        ),
        ("\n<img src=\"file:///etc/passwd\">\n", "raw HTML"),
        ("\n<iframe src=\"http://attacker/\"></iframe>\n", "raw HTML"),
        (
            "\n---\ntitle: \"\\x21[b](http:\\x2F\\x2Fattacker/b.png)\"\n---\n",
            "a YAML metadata block",
        ),
    ] {
        let builtin = std::fs::read_to_string(format!(
            "{}/templates/report.en.md.tera",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        std::fs::write(
            sandbox.path("acme/templates/report.en.md.tera"),
            format!("{builtin}{extra}"),
        )
        .unwrap();
        acme.run(&["template", "accept", "--all"]).success();
        let stderr = acme.run(&["report", "-o", "out/"]).failure(2).stderr;
        assert!(stderr.contains(said), "{extra:?}: {stderr}");
        assert!(stderr.contains("templates/report.en.md.tera"), "{stderr}");
    }
}

#[test]
fn pandoc_never_converts_a_hostile_template_s_report_and_still_converts_the_built_in_one() {
    if !installed("pandoc", "--version") {
        return;
    }
    let sandbox = with_committed_override("report.en.md.tera", ATTACK);
    let acme = sandbox.in_dir("acme");
    acme.run(&["template", "accept", "report.en.md.tera"])
        .success();
    acme.run(&["report", "--format", "docx", "-o", "r.docx"])
        .failure(2);
    assert!(!sandbox.path("r.docx").exists());
    // Without the override, the same command makes a Word document with the radar only.
    sandbox.git("acme", &["rm", "-q", "-r", "templates"]);
    commit_all(&sandbox, "Back to the built-in template");
    acme.run(&["report", "--format", "docx", "-o", "r.docx"])
        .success();
    let docx = std::fs::read(sandbox.path("r.docx")).unwrap();
    assert!(docx.starts_with(b"PK\x03\x04"));
    // One picture in the document, the radar (each file of a zip is named twice: its
    // header and the central directory).
    let media = docx.windows(11).filter(|w| w == b"word/media/").count();
    assert_eq!(media, 2, "pictures in the document");
}

#[test]
fn a_template_that_never_ends_is_stopped_and_the_engagement_released() {
    let sandbox = with_committed_override(
        "report.en.md.tera",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let acme = sandbox.in_dir("acme");
    acme.run(&["template", "accept", "--all"]).success();
    // `audit close` renders under the engagement's lock.
    let started = std::time::Instant::now();
    let stderr = acme.refused(
        &["audit", "close", "2026-S1"],
        "templates/report.en.md.tera",
    );
    let took = started.elapsed();
    assert!(
        stderr.contains("ran for 10 s without finishing"),
        "{stderr}"
    );
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    assert!(!sandbox.path("acme/reports/2026-S1").exists());
    // The process is gone, and its lock with it: the next command writes at once.
    acme.run(&["answer", "ACC-02", "--level", "2", "--note", "after"])
        .success();
}

#[test]
fn a_template_that_writes_without_end_is_stopped_at_the_size_limit() {
    let sandbox = with_committed_override(
        "plan.md.tera",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}0123456789012345678901234567890123456789{% endfor %}{% endfor %}",
    );
    let acme = sandbox.in_dir("acme");
    acme.run(&["template", "accept", "--all"]).success();
    let stderr = acme.refused(&["report"], "templates/plan.md.tera");
    assert!(stderr.contains("wrote more than 64 MB"), "{stderr}");
    assert!(!sandbox.path("acme/reports/draft/report.md").exists());
}

#[test]
fn a_french_engagement_reviews_its_templates_in_french() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("fr").create();
    let none = acme.run(&["template", "list"]).success().stdout;
    assert!(
        none.contains("aucun modèle remplacé\u{a0}: les rapports utilisent les modèles intégrés"),
        "{none}"
    );
    std::fs::create_dir_all(sandbox.path("acme/templates")).unwrap();
    std::fs::write(sandbox.path("acme/templates/plan.md.tera"), "Plan\n").unwrap();
    commit_all(&sandbox, "Plan");
    let list = acme.run(&["template", "list"]).success().stdout;
    assert!(
        list.contains("templates/plan.md.tera  NON ACCEPTÉ (nouveau)"),
        "{list}"
    );
    assert!(list.contains("vmsaudit template accept NOM"), "{list}");
    let accepted = acme.run(&["template", "accept", "--all"]).success().stdout;
    assert!(
        accepted.starts_with("accepté dans ce clone\u{a0}: templates/plan.md.tera (sha256 "),
        "{accepted}"
    );
}
