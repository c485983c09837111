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
