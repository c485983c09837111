//! A firm's own grid and its versions through the real binary (the grid tester's report): a
//! newer version with a shorter or another scale, a removed control a finding named, a
//! version or ids that `grid check` must refuse, and the hints and report lines that must
//! follow the grid's own scale.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;

use crate::common::{InDir, Sandbox, says};

const FEBRUARY: &str = "2026-02-03T10:00:00Z";
const AUGUST: &str = "2026-08-03T10:00:00Z";

const SCALE_0_2: &[(u8, &str)] = &[(0, "None"), (1, "Partial"), (2, "Complete")];

/// A grid `acme` at `version` on `scale`, with a domain PWD (PWD-A, PWD-B) and a domain UPD
/// (UPD-1), then `tail` (its `replaces:`).
fn grid(version: &str, scale: &[(u8, &str)], tail: &str) -> String {
    let mut text =
        format!("id: acme\nversion: {version}\nlanguages: [en, fr]\ntitle: Acme\nscale:\n");
    for (level, label) in scale {
        text.push_str(&format!("  - {{level: {level}, label: {label}}}\n"));
    }
    text.push_str("domains:\n");
    for (domain, controls) in [("PWD", &["PWD-A", "PWD-B"][..]), ("UPD", &["UPD-1"][..])] {
        text.push_str(&format!(
            "  - id: {domain}\n    title: {domain}\n    controls:\n"
        ));
        for control in controls {
            text.push_str(&format!(
                "      - {{id: {control}, title: {control}, question: {{en: \"Is {control} done?\", fr: \"{control} est-il fait\u{a0}?\"}}}}\n"
            ));
        }
    }
    text.push_str(tail);
    text
}

/// Writes the grid 1.0.0 on a 0–2 scale in the sandbox; its path.
fn version_1(sandbox: &Sandbox) -> String {
    let path = sandbox.path("acme-1.0.0.yaml");
    fs::write(&path, grid("1.0.0", SCALE_0_2, "")).unwrap();
    path.display().to_string()
}

/// Writes 1.1.0 on `scale`, mapping 1.0.0 as `grid hashes` gives it, with `edit` applied to
/// that mapping; its path.
fn version_1_1(sandbox: &Sandbox, scale: &[(u8, &str)], edit: impl Fn(String) -> String) -> String {
    let hashes = sandbox
        .run(&["grid", "hashes", &version_1(sandbox)])
        .success()
        .stdout;
    let path = sandbox.path("acme-1.1.0.yaml");
    fs::write(&path, grid("1.1.0", scale, &edit(hashes))).unwrap();
    sandbox
        .run(&["grid", "check", &path.display().to_string()])
        .success();
    path.display().to_string()
}

/// An English engagement on 1.0.0: PWD-A at 2, PWD-B at 1, UPD-1 at 2, a finding on UPD-1,
/// its first round closed.
fn engagement<'s>(sandbox: &'s Sandbox, grid: &'s str) -> InDir<'s> {
    let acme = sandbox.init("acme").lang("en").grid(grid).create();
    let t = acme.at(FEBRUARY);
    for (control, level) in [("PWD-A", "2"), ("PWD-B", "1"), ("UPD-1", "2")] {
        t.run(&[
            "answer",
            control,
            "--level",
            level,
            "--note",
            &format!("{control} seen."),
        ])
        .success();
    }
    t.run(&[
        "finding",
        "add",
        "--title",
        "Old firmware",
        "--control",
        "UPD-1",
        "--severity",
        "medium",
        "--justification",
        "j",
    ])
    .success();
    t.run(&["audit", "close", "2026-02"]).success();
    acme
}

#[test]
fn a_shorter_scale_carries_the_levels_it_lacks_as_not_assessed_and_the_answer_mends_them() {
    let sandbox = Sandbox::new();
    let v1 = version_1(&sandbox);
    let acme = engagement(&sandbox, &v1);
    let v2 = version_1_1(&sandbox, &[(0, "None"), (1, "Done")], |hashes| hashes);
    let t = acme.at(AUGUST);
    let out = t
        .run(&["audit", "start", "2026-08", "--grid", &v2])
        .success();
    says(
        &out.stdout,
        &[
            "Levels the new scale (0–1) does not have, not assessed until given a level again (`vmsaudit answer CONTROL --level N`): PWD-A (2), UPD-1 (2)",
        ],
    );
    says(
        &sandbox.subjects("acme")[0],
        &["levels off the new scale (not assessed until given one): PWD-A, UPD-1"],
    );
    // The answer keeps what the auditor wrote, marked to re-verify.
    says(
        &sandbox.read("acme/answers/PWD-A.yaml"),
        &["level: 2\nreverify: true", "- scale", "PWD-A seen."],
    );

    // The engagement opens: the level is a warning at its line, not a wall.
    let status = t.run(&["status"]).success();
    says(
        &status.stderr,
        &["answers/PWD-A.yaml:2:8: `level`: 2 is outside the grid's scale (0–1)"],
    );
    let json = t.json(&["status", "--json"]);
    assert_eq!(json["answered"], 1, "only PWD-B counts: {json}");
    t.run(&["report"]).success();

    // Closing waits for the levels; a note alone does not mend one.
    t.refused(
        &["audit", "close", "2026-08"],
        "2 is outside the grid's scale (0–1)",
    );
    t.refused(
        &["answer", "PWD-A", "--note", "Seen again."],
        "2 is outside the grid's scale (0–1)",
    );
    t.run(&["answer", "PWD-A", "--level", "1"]).success();
    let mended = sandbox.read("acme/answers/PWD-A.yaml");
    says(&mended, &["level: 1\n", "PWD-A seen."]);
    assert!(!mended.contains("reverify"), "{mended}");
    t.run(&["answer", "UPD-1", "--level", "na"]).success();
    let status = t.run(&["status"]).success();
    assert!(!status.stderr.contains("outside"), "{}", status.stderr);
    t.run(&["audit", "close", "2026-08"]).success();
}

#[test]
fn a_level_edited_off_the_scale_by_hand_is_shown_and_mended_by_the_answer() {
    let sandbox = Sandbox::new();
    let v1 = version_1(&sandbox);
    let acme = sandbox.init("acme").lang("en").grid(&v1).create();
    acme.run(&["answer", "PWD-A", "--level", "2", "--note", "Long."])
        .success();
    let edited = sandbox
        .read("acme/answers/PWD-A.yaml")
        .replace("level: 2", "level: 7");
    sandbox.commit_by_hand("acme", "answers/PWD-A.yaml", &edited, "by hand");
    let status = acme.run(&["status"]).success();
    says(&status.stderr, &["7 is outside the grid's scale (0–2)"]);
    // A move to another version waits for it too: the move would leave its file unread.
    let v2 = version_1_1(&sandbox, SCALE_0_2, |hashes| hashes);
    acme.refused(
        &["audit", "start", "S1", "--grid", &v2],
        "7 is outside the grid's scale (0–2)",
    );
    acme.run(&["answer", "PWD-A", "--level", "1"]).success();
    says(
        &sandbox.read("acme/answers/PWD-A.yaml"),
        &["level: 1", "Long."],
    );
    let status = acme.run(&["status"]).success();
    assert!(!status.stderr.contains("outside"), "{}", status.stderr);
}

#[test]
fn another_scale_marks_every_answer_changed_and_scores_are_not_compared() {
    let sandbox = Sandbox::new();
    let v1 = version_1(&sandbox);
    let acme = engagement(&sandbox, &v1);
    // A level inserted: "Complete" is now 3, and 2 means something else.
    let scale = &[(0, "None"), (1, "Partial"), (2, "Defined"), (3, "Complete")];
    let v2 = version_1_1(&sandbox, scale, |hashes| hashes);
    let t = acme.at(AUGUST);
    let out = t
        .run(&["audit", "start", "2026-08", "--grid", &v2])
        .success();
    says(
        &out.stdout,
        &["Grid acme moved from 1.0.0 to 1.1.0: 3 answers carried over"],
    );
    says(
        &sandbox.read("acme/answers/PWD-A.yaml"),
        &["changed:\n  from: \"1.0.0\"\n  was:\n  - PWD-A\n  parts:\n  - scale\n"],
    );
    let status = t.run(&["status"]).success().stdout;
    says(&status, &["PWD-A   version 1.0.0 (PWD-A) — scale"]);
    let diff = t.run(&["diff", "2026-02"]).success().stdout;
    says(&diff, &["PWD-A (other scale)", "UPD-1 (other scale)"]);
    t.run(&["report"]).success();
    let report = sandbox.read("acme/reports/draft/report.md");
    says(
        &report,
        &[
            "Previous round: 1.5 (not comparable: another scale)",
            "PWD-A (other scale)",
        ],
    );
    assert!(!report.contains("(+"), "{report}");
    assert!(!report.contains("(−"), "{report}");
}

#[test]
fn a_finding_on_a_removed_control_is_named_by_the_move() {
    let sandbox = Sandbox::new();
    let v1 = version_1(&sandbox);
    let acme = engagement(&sandbox, &v1);
    let list = acme.json(&["finding", "list", "--json"]);
    let id = list["findings"][0]["id"].as_str().unwrap().to_owned();
    // 1.1.0 without UPD-1: its mapping says `to: []`.
    let hashes = sandbox.run(&["grid", "hashes", &v1]).success().stdout;
    let removed = hashes
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("UPD-1:") {
                line.replace('}', ", to: []}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = grid("1.1.0", SCALE_0_2, &format!("{removed}\n"))
        .replace(
            "      - {id: UPD-1, title: UPD-1, question: {en: \"Is UPD-1 done?\", fr: \"UPD-1 est-il fait\u{a0}?\"}}\n",
            "      - {id: UPD-2, title: UPD-2, question: {en: \"Is UPD-2 done?\", fr: \"UPD-2 est-il fait\u{a0}?\"}}\n",
        )
        .replace("    controls:\n      PWD-A", "    added: [UPD-2]\n    controls:\n      PWD-A");
    fs::write(sandbox.path("removed.yaml"), text).unwrap();
    let removed = sandbox.path("removed.yaml").display().to_string();
    let out = acme
        .at(AUGUST)
        .run(&["audit", "start", "2026-08", "--grid", &removed])
        .success();
    says(
        &out.stdout,
        &[&format!(
            "Findings that named a removed control, kept without it (`vmsaudit finding edit ID --control CONTROL` links another): {id} (UPD-1)"
        )],
    );
}

#[test]
fn grid_check_refuses_a_version_that_is_not_plain_and_ids_that_differ_only_by_case() {
    let sandbox = Sandbox::new();
    let base = grid("1.0.0", SCALE_0_2, "");
    for (version, shown) in [
        (
            "\"1.0\\e]0;PWNED\\a\\e[31m\"",
            "`1.0\u{fffd}]0;PWNED\u{fffd}\u{fffd}[31m` is not a valid version",
        ),
        ("1.0 beta", "`1.0 beta` is not a valid version"),
    ] {
        fs::write(
            sandbox.path("v.yaml"),
            base.replacen("version: 1.0.0", &format!("version: {version}"), 1),
        )
        .unwrap();
        let out = sandbox.run(&["grid", "check", "v.yaml"]).failure(2);
        says(
            &out.stderr,
            &[
                "v.yaml:2:10: ",
                shown,
                "use 1 to 32 letters, digits, `.`, `-` or `+`",
            ],
        );
        assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
        assert!(!sandbox.path("e").exists());
        sandbox
            .run(&["init", "e", "--client", "C", "--grid", "v.yaml"])
            .failure(2);
    }
    // The version a `replaces:` entry names follows the same rule.
    fs::write(
        sandbox.path("r.yaml"),
        grid(
            "1.1.0",
            SCALE_0_2,
            "replaces:\n  - version: \"0.9\\e[31m\"\n    controls: {}\n",
        ),
    )
    .unwrap();
    let out = sandbox.run(&["grid", "check", "r.yaml"]).failure(2);
    says(&out.stderr, &["is not a valid version"]);

    // Two controls, then two domains, whose ids differ only by case.
    for (from, to, said) in [
        (
            "id: PWD-B,",
            "id: pwd-a,",
            "id `pwd-a` differs from `PWD-A` (line 13) only by case",
        ),
        (
            "id: UPD\n",
            "id: pwd\n",
            "id `pwd` differs from `PWD` (line 10) only by case",
        ),
    ] {
        fs::write(sandbox.path("case.yaml"), base.replacen(from, to, 1)).unwrap();
        let out = sandbox.run(&["grid", "check", "case.yaml"]).failure(2);
        says(&out.stderr, &[said, "a disk that ignores case"]);
    }
}

#[test]
fn a_domain_scored_before_and_not_now_says_so_in_both_languages() {
    let sandbox = Sandbox::new();
    let v1 = version_1(&sandbox);
    let acme = engagement(&sandbox, &v1);
    let t = acme.at(AUGUST);
    t.run(&["audit", "start", "2026-08"]).success();
    t.run(&["answer", "UPD-1", "--level", "na", "--note", "Retired."])
        .success();
    t.run(&["report"]).success();
    let report = sandbox.read("acme/reports/draft/report.md");
    says(&report, &["Previous round: 2.0 (no score in this round)"]);
    assert!(!report.contains("()"), "{report}");
    t.run(&["report", "--lang", "fr"]).success();
    let report = sandbox.read("acme/reports/draft/report.md");
    says(
        &report,
        &["Campagne précédente\u{a0}: 2,0 (aucun score dans cette campagne)"],
    );
}

#[test]
fn the_next_step_after_init_gives_the_grid_own_scale() {
    let sandbox = Sandbox::new();
    let v1 = version_1(&sandbox);
    let out = sandbox
        .run(&[
            "init",
            "acme",
            "--client",
            "C",
            "--lang",
            "en",
            "--grid",
            &v1,
            "--auditor",
            "Jeanne Martin <jm@example.org>",
        ])
        .success();
    says(&out.stdout, &["answer CONTROL --level 0..2|na"]);
}
