//! Audit rounds through the real binary: closing, starting and closing again (tags, report
//! files, carried-over findings and actions, answers to re-verify), the diff between two
//! rounds in its three formats, and the history of one control across rounds. Each refused
//! command leaves the engagement byte for byte as it was.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;

use serde_json::Value;

use crate::common::{BOB, InDir, JEANNE, Sandbox, says};

/// When the first round closes, and when the second one starts and closes.
const FEBRUARY: &str = "2026-02-03T10:00:00Z";
const AUGUST: &str = "2026-08-03T10:00:00Z";

/// Ids of the records made by [`first_round`].
struct Records {
    /// Resolved in the second round.
    weak_passwords: String,
    /// Still open in the second round.
    flat_network: String,
    /// Pending past its deadline in August.
    overdue: String,
    /// Done in the second round.
    done: String,
}

/// The first round's engagement: three answers, an override, two findings, two actions.
fn first_round(sandbox: &Sandbox) -> (InDir<'_>, Records) {
    let acme = sandbox.init("acme").lang("en").firm("Audit & Co").create();
    let t = FEBRUARY;
    acme.at(t)
        .run(&[
            "answer",
            "ACC-01",
            "--level",
            "1",
            "--note",
            "No password policy.",
        ])
        .success();
    acme.at(t)
        .run(&[
            "answer",
            "ACC-02",
            "--level",
            "2",
            "--note",
            "Passwords expire yearly.",
        ])
        .success();
    acme.at(t)
        .run(&[
            "answer",
            "UPD-01",
            "--level",
            "3",
            "--note",
            "Firmware inventory kept.",
        ])
        .success();
    acme.at(t)
        .run(&[
            "answer",
            "NET-01",
            "--level",
            "1",
            "--note",
            "Flat network.",
        ])
        .success();
    acme.at(t)
        .run(&[
            "override",
            "NET",
            "0.5",
            "--justification",
            "cameras on the office LAN",
        ])
        .success();
    acme.at(t)
        .run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    let weak_passwords = acme
        .at(t)
        .run(&[
            "finding",
            "add",
            "--title",
            "Factory passwords on cameras",
            "--domain",
            "ACC",
            "--severity",
            "high",
            "--justification",
            "admin/12345 works",
            "--asset",
            "CAM-012",
        ])
        .created();
    let flat_network = acme
        .at(t)
        .run(&[
            "finding",
            "add",
            "--title",
            "Cameras on the office network",
            "--domain",
            "NET",
            "--severity",
            "medium",
            "--justification",
            "one VLAN",
        ])
        .created();
    let overdue = acme
        .at(t)
        .run(&[
            "action",
            "add",
            "--title",
            "Separate the video VLAN",
            "--addresses",
            &flat_network,
            "--complexity",
            "high",
            "--owner",
            "client",
            "--deadline",
            "2026-03-01",
        ])
        .created();
    let done = acme
        .at(t)
        .run(&[
            "action",
            "add",
            "--title",
            "Change every camera password",
            "--addresses",
            &weak_passwords,
            "--complexity",
            "low",
            "--owner",
            "client",
            "--deadline",
            "2026-04-01",
        ])
        .created();
    let records = Records {
        weak_passwords,
        flat_network,
        overdue,
        done,
    };
    (acme, records)
}

/// Closes 2026-02, starts 2026-08, changes things (a score up, one down, a finding resolved,
/// a new one, an action done, another left overdue) and closes 2026-08. Returns the new
/// finding's id.
/// February's round closed, August's started.
fn close_february_start_august(acme: &InDir) {
    acme.at(FEBRUARY)
        .run(&["audit", "close", "2026-02"])
        .success();
    acme.at(AUGUST)
        .run(&["audit", "start", "2026-08"])
        .success();
}

fn two_rounds(acme: &InDir, records: &Records) -> String {
    close_february_start_august(acme);
    let t = AUGUST;
    acme.at(t)
        .by(BOB)
        .run(&[
            "answer",
            "ACC-01",
            "--level",
            "3",
            "--note",
            "Policy enforced on the VMS and the NVR.",
        ])
        .success();
    acme.at(t)
        .by(BOB)
        .run(&[
            "answer",
            "UPD-01",
            "--level",
            "2",
            "--note",
            "Inventory two months old.",
        ])
        .success();
    acme.at(t)
        .by(BOB)
        .run(&["answer", "ACC-02", "--level", "2"])
        .success();
    acme.at(t)
        .by(BOB)
        .run(&[
            "finding",
            "edit",
            &records.weak_passwords,
            "--status",
            "resolved",
        ])
        .success();
    acme.at(t)
        .by(BOB)
        .run(&["action", "edit", &records.done, "--status", "done"])
        .success();
    let new = acme
        .at(t)
        .by(BOB)
        .run(&[
            "finding",
            "add",
            "--title",
            "VPN without MFA",
            "--domain",
            "REM",
            "--severity",
            "high",
            "--justification",
            "password only",
        ])
        .created();
    acme.at(AUGUST)
        .run(&["audit", "close", "2026-08"])
        .success();
    new
}

#[test]
fn close_start_and_close_again_tag_rounds_and_carry_findings_and_actions_over() {
    let sandbox = Sandbox::new();
    let (acme, records) = first_round(&sandbox);

    // Closing the first round: the report in reports/2026-02/, committed, tagged.
    let out = acme
        .at(FEBRUARY)
        .run(&["audit", "close", "2026-02"])
        .success();
    assert!(
        out.stdout.contains("closed round 2026-02"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("next audit recommended: 3 August 2026"),
        "{}",
        out.stdout
    );
    let files = sandbox.git("acme", &["ls-files", "reports"]);
    assert_eq!(
        files.lines().collect::<Vec<_>>(),
        [
            "reports/2026-02/radar.png",
            "reports/2026-02/radar.svg",
            "reports/2026-02/report.html",
            "reports/2026-02/report.md",
        ]
    );
    let report = sandbox.read("acme/reports/2026-02/report.md");
    assert!(report.contains("- **Audit round:** 2026-02"), "{report}");
    assert!(!report.contains("Progress since the previous audit"));
    assert!(
        sandbox
            .read("acme/reports/2026-02/report.html")
            .starts_with("<!DOCTYPE html>")
    );
    assert!(
        fs::read(sandbox.path("acme/reports/2026-02/radar.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    assert!(
        sandbox
            .read("acme/engagement.yaml")
            .contains("\nround: 2026-02\n")
    );

    assert_eq!(
        sandbox.git("acme", &["tag", "--list", "audit/*"]).trim(),
        "audit/2026-02"
    );
    assert_eq!(
        sandbox
            .git("acme", &["cat-file", "-t", "audit/2026-02"])
            .trim(),
        "tag"
    );
    assert_eq!(
        sandbox.git("acme", &["rev-parse", "audit/2026-02^{commit}"]),
        sandbox.git("acme", &["rev-parse", "HEAD"]),
        "the tag names the commit holding the report"
    );
    let tag = sandbox.git(
        "acme",
        &[
            "tag",
            "-l",
            "--format=%(taggername) %(taggeremail)|%(contents)",
            "audit/2026-02",
        ],
    );
    assert!(
        tag.starts_with("Jeanne Martin <jm@example.org>|Audit round 2026-02 closed on 2026-02-03"),
        "{tag}"
    );
    assert!(
        tag.contains("Auditors: Jeanne Martin <jm@example.org>"),
        "{tag}"
    );
    assert!(
        tag.contains("  ACC     1.5  Access management and authentication"),
        "{tag}"
    );
    assert!(
        tag.contains("  NET     0.5  Network segmentation (set by the auditors; computed 1.0)"),
        "{tag}"
    );
    assert!(tag.contains("Next audit recommended: 2026-08-03"), "{tag}");
    let subject = sandbox.git("acme", &["log", "-1", "--format=%s"]);
    assert_eq!(
        subject.trim(),
        "2026-02: audit round closed (overall 1.7; ACC 1.5, UPD 3.0, NET 0.5, ENC —, LOG —, REM —)"
    );

    // The same label again, or labels git or vmsaudit refuse: refused, nothing changed.
    acme.at(FEBRUARY).refused(
        &["audit", "close", "2026-02"],
        "round 2026-02 was already closed on 2026-02-03",
    );
    for (label, why) in [
        ("2026 02", "a space"),
        ("2026/02", "a slash"),
        ("2026..02", "`..`"),
        ("-02", "starts with `-`"),
        ("draft", "reports/draft"),
        ("x.lock", "`.lock`"),
    ] {
        acme.at(FEBRUARY).refused(&["audit", "close", label], why);
        acme.at(FEBRUARY).refused(&["audit", "start", label], why);
    }
    acme.at(AUGUST)
        .refused(&["audit", "start", "2026-02"], "already closed");

    // Starting the next round: answers kept and marked, findings and actions as they were,
    // the override cleared, the round recorded.
    let findings_before = sandbox.git("acme", &["ls-tree", "-r", "HEAD", "findings", "actions"]);
    let out = acme
        .at(AUGUST)
        .run(&["audit", "start", "2026-08"])
        .success();
    assert!(
        out.stdout.contains("2026-08: audit round started (4 answers to re-verify, 2 open findings and 2 pending actions carried over, score overrides of NET cleared)"),
        "{}",
        out.stdout
    );
    for control in ["ACC-01", "ACC-02", "UPD-01", "NET-01"] {
        let answer = sandbox.read(&format!("acme/answers/{control}.yaml"));
        assert!(answer.contains("\nreverify: true\n"), "{answer}");
        assert!(
            answer.contains("assessed_by: Jeanne Martin"),
            "who assessed it is kept: {answer}"
        );
    }
    assert!(
        sandbox
            .read("acme/answers/ACC-01.yaml")
            .contains("\nlevel: 1\n")
    );
    assert_eq!(
        sandbox.git("acme", &["ls-tree", "-r", "HEAD", "findings", "actions"]),
        findings_before,
        "findings and actions carried over untouched"
    );
    let meta = sandbox.read("acme/engagement.yaml");
    assert!(meta.contains("\nround: 2026-08\n"), "{meta}");
    assert!(!meta.contains("overrides"), "{meta}");
    let status: Value =
        serde_json::from_str(&acme.at(AUGUST).run(&["status", "--json"]).success().stdout).unwrap();
    assert_eq!(
        status["domains"][2]["score"], 1.0,
        "NET back to its computed score"
    );

    // A second start while 2026-08 is open, or closing under another label: refused.
    acme.at(AUGUST).refused(
        &["audit", "start", "2026-09"],
        "round 2026-08 is still in progress",
    );
    acme.at(AUGUST).refused(
        &["audit", "close", "2026-09"],
        "round 2026-08 is in progress",
    );
    acme.at(AUGUST)
        .refused(&["audit", "start", "2026-08"], "already the current round");

    // Re-verifying: setting the level again clears the mark, even at the same level.
    let out = acme
        .at(AUGUST)
        .by(BOB)
        .run(&["answer", "ACC-02", "--level", "2"])
        .success();
    assert!(
        out.stdout.starts_with("saved ACC-02: level 2 confirmed"),
        "{}",
        out.stdout
    );
    assert!(
        !sandbox
            .read("acme/answers/ACC-02.yaml")
            .contains("reverify")
    );
    let out = acme
        .at(AUGUST)
        .by(BOB)
        .run(&[
            "answer",
            "ACC-01",
            "--level",
            "3",
            "--note",
            "Policy enforced.",
        ])
        .success();
    assert!(
        out.stdout
            .starts_with("saved ACC-01: level 3 (was 1), observations updated, re-verified"),
        "{}",
        out.stdout
    );
    acme.at(AUGUST)
        .by(BOB)
        .run(&[
            "finding",
            "edit",
            &records.weak_passwords,
            "--status",
            "resolved",
        ])
        .success();

    // Closing again: the report compares with 2026-02, the radar draws both.
    let out = acme
        .at(AUGUST)
        .run(&["audit", "close", "2026-08"])
        .success();
    assert!(
        out.stdout.contains("compared with round 2026-02"),
        "{}",
        out.stdout
    );
    let report = sandbox.read("acme/reports/2026-08/report.md");
    let progress = report
        .split("### Progress since the previous audit")
        .nth(1)
        .unwrap();
    let progress = progress.split("\n### ").next().unwrap();
    assert!(
        progress.contains("| Domain | 2026-02 | 2026-08 | Change |"),
        "{progress}"
    );
    assert!(
        progress.contains("| ACC — Access management and authentication | 1.5 | 2.5 | +1.0 |"),
        "{progress}"
    );
    assert!(progress.contains("| ACC-01 — Password complexity policy | 1 — Initial / ad hoc | 3 — Managed | Policy enforced. |"), "{progress}");
    assert!(
        progress.contains(&format!(
            "**Findings resolved**\n\n- {} — Factory passwords on cameras (High)",
            records.weak_passwords
        )),
        "{progress}"
    );
    assert!(
        progress.contains(&format!(
            "- {} — Separate the video VLAN (Client, deadline 1 March 2026, **overdue**)",
            records.overdue
        )),
        "{progress}"
    );
    assert!(progress.contains("Control points carried over from the previous audit and not verified again:** UPD-01, NET-01"), "{progress}");
    assert!(
        sandbox
            .read("acme/reports/2026-08/radar.svg")
            .contains("id=\"previous\"")
    );
    let tag = sandbox.git(
        "acme",
        &["tag", "-l", "--format=%(contents)", "audit/2026-08"],
    );
    assert!(tag.contains("Previous round: 2026-02"), "{tag}");
    assert!(tag.contains("Next audit recommended: 2027-02-03"), "{tag}");
    acme.at(AUGUST).refused(
        &["audit", "close", "2026-08"],
        "round 2026-08 was already closed",
    );

    // The list: both rounds, their scores and next dates, then the working copy.
    let list = acme.at(AUGUST).run(&["audit", "list"]).success().stdout;
    let lines: Vec<&str> = list.lines().collect();
    assert!(lines[0].starts_with("Round"), "{list}");
    assert!(
        lines[1].starts_with("2026-02")
            && lines[1].contains("3 February 2026")
            && lines[1].ends_with("3 August 2026"),
        "{list}"
    );
    assert!(
        lines[2].starts_with("2026-08") && lines[2].ends_with("3 February 2027"),
        "{list}"
    );
    assert!(lines[3].starts_with("working copy"), "{list}");
    assert!(
        list.contains("Next audit recommended six months after 2026-08: 3 February 2027"),
        "{list}"
    );
    let json: Value = serde_json::from_str(
        &acme
            .at(AUGUST)
            .run(&["audit", "list", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(json[0]["label"], "2026-02");
    assert_eq!(json[0]["overall"], 1.7);
    assert_eq!(json[0]["closed_by"], JEANNE);
    assert_eq!(json[1]["label"], "2026-08");
    assert_eq!(json[1]["next_audit"], "2027-02-03");
    assert_eq!(json[2]["state"], "working copy");

    sandbox.git("acme", &["fsck", "--strict"]);
    let _ = (records.flat_network, records.done);
}

#[test]
fn a_round_is_not_closed_over_drafts_uncommitted_changes_or_broken_records() {
    let sandbox = Sandbox::new();
    let (acme, records) = first_round(&sandbox);

    let draft = sandbox.path("acme/.git/vmsaudit/drafts/ACC-01.md");
    fs::create_dir_all(draft.parent().unwrap()).unwrap();
    fs::write(&draft, "typed, not saved").unwrap();
    let stderr = acme.at(FEBRUARY).refused(
        &["audit", "close", "2026-02"],
        "observations typed but not saved for ACC-01",
    );
    assert!(stderr.contains("Ctrl-S"), "{stderr}");
    fs::remove_file(&draft).unwrap();

    let answer = sandbox.path("acme/answers/ACC-01.yaml");
    let saved = fs::read_to_string(&answer).unwrap();
    fs::write(&answer, saved.replace("level: 1", "level: 2")).unwrap();
    acme.at(FEBRUARY).refused(
        &["audit", "close", "2026-02"],
        "changes not committed in answers/ACC-01.yaml",
    );
    acme.at(FEBRUARY).refused(
        &["audit", "start", "2026-02"],
        "changes not committed in answers/ACC-01.yaml",
    );
    fs::write(
        sandbox.path("acme/findings/F-NEW001.yaml"),
        "id: F-NEW001\n",
    )
    .unwrap();
    acme.at(FEBRUARY)
        .refused(&["audit", "close", "2026-02"], "findings/F-NEW001.yaml");
    fs::remove_file(sandbox.path("acme/findings/F-NEW001.yaml")).unwrap();
    sandbox.git("acme", &["checkout", "--", "answers"]);

    // A record that does not load, committed: named at its line.
    let broken = saved.replace("level: 1", "level: 9");
    sandbox.commit_by_hand("acme", "answers/ACC-01.yaml", &broken, "broken by hand");
    acme.at(FEBRUARY).refused(
        &["audit", "close", "2026-02"],
        "answers/ACC-01.yaml:2:8: `level`: 9 is outside the grid's scale",
    );
    sandbox.git("acme", &["revert", "--no-edit", "HEAD"]);

    // A reference that does not hold (as a merge can leave): a warning elsewhere, but no
    // round is closed on it.
    let finding = format!("findings/{}.yaml", records.weak_passwords);
    let dangling = sandbox
        .read(&format!("acme/{finding}"))
        .replace("- CAM-012", "- CAM-999");
    sandbox.commit_by_hand("acme", &finding, &dangling, "dangling by hand");
    let stderr = acme.at(FEBRUARY).refused(
        &["audit", "close", "2026-02"],
        "`assets`: unknown asset `CAM-999`",
    );
    assert!(
        stderr.contains(&format!("findings/{}.yaml:", records.weak_passwords)),
        "{stderr}"
    );
    sandbox.git("acme", &["revert", "--no-edit", "HEAD"]);

    acme.at(FEBRUARY)
        .run(&["audit", "close", "2026-02"])
        .success();
}

#[test]
fn a_closed_rounds_report_changed_in_a_commit_stops_the_next_close_and_start() {
    let sandbox = Sandbox::new();
    let (acme, _) = first_round(&sandbox);
    close_february_start_august(&acme);
    // The delivered report edited and committed by hand.
    let report = "reports/2026-02/report.md";
    let edited = format!(
        "{}\nAll findings were fixed.\n",
        sandbox.read(&format!("acme/{report}"))
    );
    sandbox.commit_by_hand("acme", report, &edited, "touch up the February report");
    let stderr = acme.at(AUGUST).refused(
        &["audit", "close", "2026-08"],
        "the report of round 2026-02 (reports/2026-02/), closed, was changed in a commit",
    );
    assert!(
        stderr.contains("git checkout audit/2026-02 -- reports/2026-02"),
        "{stderr}"
    );
    // A PDF made from it and committed beside is the auditor's.
    sandbox.commit_by_hand("acme", "reports/2026-02/report.pdf", "%PDF", "the PDF");
    sandbox.git(
        "acme",
        &[
            "checkout",
            "audit/2026-02",
            "--",
            "reports/2026-02/report.md",
        ],
    );
    sandbox.git("acme", &["commit", "-q", "-m", "put the report back"]);
    acme.at(AUGUST)
        .run(&["audit", "close", "2026-08"])
        .success();
}

#[test]
fn the_diff_of_two_rounds_in_text_markdown_and_json_touches_nothing() {
    let sandbox = Sandbox::new();
    let (acme, records) = first_round(&sandbox);
    let new = two_rounds(&acme, &records);
    let before = sandbox.snapshot("acme");

    let text = acme
        .at(AUGUST)
        .run(&["diff", "2026-02", "2026-08"])
        .success()
        .stdout;
    assert!(
        !text.contains('\x1b'),
        "no colour when not on a terminal: {text}"
    );
    assert!(
        text.starts_with("From 2026-02 (3 February 2026) to 2026-08 (3 August 2026)\n"),
        "{text}"
    );
    let row = |name: &str| {
        text.lines()
            .find(|line| line.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {text}"))
            .split_whitespace()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
    };
    assert_eq!(row("ACC "), ["+1.0", "2.5", "1.5"], "up");
    assert_eq!(row("UPD "), ["-1.0", "2.0", "3.0"], "down");
    assert_eq!(
        row("NET "),
        ["+0.5", "1.0", "0.5"],
        "override of the first round, gone"
    );
    assert!(text.contains("  ACC-01  1 → 3  Password complexity policy\n          Bob Durand: Policy enforced on the VMS and the NVR."), "{text}");
    assert!(text.contains("  UPD-01  3 → 2"), "{text}");
    assert!(
        !text.contains("ACC-02 "),
        "same level, not a change: {text}"
    );
    assert!(
        text.contains("Still to re-verify in 2026-08: NET-01"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  resolved    {}  High      Factory passwords on cameras",
            records.weak_passwords
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("  opened      {new}  High      VPN without MFA")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  still open  {}  Medium    Cameras on the office network",
            records.flat_network
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  done        {}  Change every camera password",
            records.done
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  still open  {}  Separate the video VLAN (due 1 March 2026, OVERDUE)",
            records.overdue
        )),
        "{text}"
    );

    let md = acme
        .at(AUGUST)
        .run(&["diff", "2026-02", "2026-08", "--format", "md"])
        .success()
        .stdout;
    assert!(
        md.starts_with("# Changes from 2026-02 to 2026-08\n"),
        "{md}"
    );
    assert!(
        md.contains("| Domain | 2026-02 | 2026-08 | Change |\n|---|---:|---:|---:|\n"),
        "{md}"
    );
    assert!(
        md.contains("| ACC — Access management and authentication | 1.5 | 2.5 | +1.0 |"),
        "{md}"
    );
    assert!(md.contains("| UPD-01 — Inventory of firmware and software versions | 3 | 2 | Inventory two months old. |"), "{md}");
    assert!(
        md.contains(&format!(
            "**Resolved**\n\n- {} — Factory passwords on cameras (High)",
            records.weak_passwords
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "- {} — Separate the video VLAN (due 1 March 2026), **overdue**",
            records.overdue
        )),
        "{md}"
    );

    let json: Value = serde_json::from_str(
        &acme
            .at(AUGUST)
            .run(&["diff", "2026-02", "2026-08", "--format", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(json["from"], "2026-02");
    assert_eq!(json["to"], "2026-08");
    assert_eq!(json["domains"][0]["id"], "ACC");
    assert_eq!(json["domains"][0]["before"], 1.5);
    assert_eq!(json["domains"][0]["after"], 2.5);
    assert_eq!(json["domains"][0]["change"], 1.0);
    assert_eq!(json["domains"][1]["change"], -1.0);
    assert_eq!(json["controls"][0]["id"], "ACC-01");
    assert_eq!(json["controls"][0]["before"], 1);
    assert_eq!(json["controls"][0]["after"], 3);
    assert_eq!(
        json["findings"]["resolved"][0]["id"],
        records.weak_passwords.as_str()
    );
    assert_eq!(json["findings"]["opened"][0]["id"], new.as_str());
    assert_eq!(json["actions"]["done"][0]["id"], records.done.as_str());
    assert_eq!(
        json["actions"]["overdue"][0]["id"],
        records.overdue.as_str()
    );
    assert_eq!(json["actions"]["still_open"][0]["overdue"], true);

    // The working copy as the later side, git revisions on either side.
    let text = acme.at(AUGUST).run(&["diff", "2026-02"]).success().stdout;
    assert!(
        text.starts_with("From 2026-02 (3 February 2026) to working copy (3 August 2026)"),
        "{text}"
    );
    let text = acme
        .at(AUGUST)
        .run(&["diff", "audit/2026-02", "HEAD~1"])
        .success()
        .stdout;
    assert!(text.contains("ACC-01  1 → 3"), "{text}");
    let json: Value = serde_json::from_str(
        &acme
            .at(AUGUST)
            .run(&["diff", "2026-08", "--format", "json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        json["controls"],
        Value::Array(vec![]),
        "nothing changed since the last close"
    );

    let stderr = acme.at(AUGUST).run(&["diff", "2025-S2"]).failure(2).stderr;
    assert!(
        stderr.contains("`2025-S2` is neither an audit round nor a git revision"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the rounds are 2026-02, 2026-08"),
        "{stderr}"
    );

    assert_eq!(sandbox.snapshot("acme"), before, "a diff writes nothing");
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

#[test]
fn log_shows_who_changed_a_control_when_and_from_what_to_what_across_rounds() {
    let sandbox = Sandbox::new();
    let (acme, records) = first_round(&sandbox);
    two_rounds(&acme, &records);
    // After the second close, a third round re-verifies it down.
    acme.at("2027-02-03T10:00:00Z")
        .run(&["audit", "start", "2027-02"])
        .success();
    acme.at("2027-02-04T09:30:00Z")
        .run(&[
            "answer",
            "ACC-01",
            "--level",
            "2",
            "--note",
            "Policy relaxed for the night shift.",
        ])
        .success();

    let out = acme
        .at("2027-02-04T10:00:00Z")
        .run(&["log", "acc-01"])
        .success()
        .stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "ACC-01 · Password complexity policy");
    let changes: Vec<String> = lines
        .iter()
        .skip(1)
        .map(|line| {
            // Date, time and commit vary in form only: keep who and what.
            if line.starts_with("20") {
                line.splitn(4, "  ").skip(2).collect::<Vec<_>>().join("  ")
            } else {
                (*line).to_owned()
            }
        })
        .collect();
    assert_eq!(
        changes,
        [
            "Jeanne Martin <jm@example.org>  level 1",
            "    “No password policy.”",
            "── round 2026-02 closed on 3 February 2026 by Jeanne Martin",
            "Jeanne Martin <jm@example.org>  marked to re-verify",
            "Bob Durand <bd@example.org>  level 3 (was 1), observations changed",
            "    “Policy enforced on the VMS and the NVR.”",
            "── round 2026-08 closed on 3 August 2026 by Jeanne Martin",
            "Jeanne Martin <jm@example.org>  marked to re-verify",
            "Jeanne Martin <jm@example.org>  level 2 (was 3), observations changed",
            "    “Policy relaxed for the night shift.”",
        ],
        "{out}"
    );
    assert!(lines[1].starts_with("2026-02-03 "), "{out}");
    assert!(lines[9].starts_with("2027-02-04 "), "{out}");

    let json: Value = serde_json::from_str(
        &acme
            .at(AUGUST)
            .run(&["log", "ACC-01", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 5);
    assert_eq!(entries[0]["round"], "2026-02");
    assert_eq!(entries[0]["after"], "1");
    assert_eq!(entries[2]["author"], BOB);
    assert_eq!(entries[2]["before"], "1");
    assert_eq!(entries[2]["after"], "3");
    assert_eq!(entries[2]["round"], "2026-08");
    assert_eq!(entries[4]["round"], Value::Null, "the current round");
    assert_eq!(entries[4]["at"], "2027-02-04T09:30:00Z");

    let out = acme.at(AUGUST).run(&["log", "ENC-01"]).success().stdout;
    assert!(out.ends_with("never answered\n"), "{out}");
    let stderr = acme.at(AUGUST).run(&["log", "ACC-1"]).failure(2).stderr;
    assert!(stderr.contains("unknown control `ACC-1`"), "{stderr}");
}

#[test]
fn the_round_in_progress_names_the_working_copy_in_a_diff() {
    let sandbox = Sandbox::new();
    let (acme, _) = first_round(&sandbox);
    close_february_start_august(&acme);
    acme.at(AUGUST)
        .run(&["answer", "ACC-01", "--level", "3"])
        .success();
    // The README's sequence: the round just started is compared with the last one closed.
    let diff = || {
        acme.at(AUGUST)
            .run(&["diff", "2026-02", "2026-08"])
            .success()
            .stdout
    };
    let by_label = diff();
    let by_default = acme.at(AUGUST).run(&["diff", "2026-02"]).success().stdout;
    assert!(
        by_label.starts_with("From 2026-02 (3 February 2026) to 2026-08 (3 August 2026)"),
        "{by_label}"
    );
    for same in ["ACC-01  1 → 3", "Overall    ", "still open  F-"] {
        assert!(by_label.contains(same), "{by_label}");
        assert!(by_default.contains(same), "{by_default}");
    }
    assert!(
        by_label.contains("Still to re-verify in 2026-08: ACC-02, UPD-01, NET-01"),
        "{by_label}"
    );
    // On either side.
    let itself = acme.at(AUGUST).run(&["diff", "2026-08"]).success().stdout;
    assert!(
        itself.starts_with("From 2026-08 (3 August 2026) to working copy (3 August 2026)"),
        "{itself}"
    );
    assert!(!itself.contains("ACC-01  1 → 3"), "{itself}");
    // Once closed, the label is the round's tag, as before.
    acme.at(AUGUST)
        .run(&["audit", "close", "2026-08"])
        .success();
    assert_eq!(diff(), by_label);
}

#[test]
fn a_round_closed_without_audit_start_is_compared_with_the_last_round_closed() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.at(FEBRUARY)
        .run(&["answer", "ACC-01", "--level", "1", "--note", "n"])
        .success();
    acme.at(FEBRUARY)
        .run(&["audit", "close", "2026-02"])
        .success();
    // Right after the close, nothing done since: its report read again has nothing to
    // compare with, as it had.
    acme.at(FEBRUARY).run(&["report"]).success();
    let draft = sandbox.read("acme/reports/draft/report.md");
    assert!(!draft.contains("Évolution depuis"), "{draft}");

    // The auditor forgets `audit start`: the work since still compares with February.
    acme.at(AUGUST)
        .run(&["answer", "ACC-01", "--level", "3", "--note", "corrigé"])
        .success();
    acme.at(AUGUST).run(&["report"]).success();
    let draft = sandbox.read("acme/reports/draft/report.md");
    assert!(
        draft.contains("### Évolution depuis l'audit précédent"),
        "{draft}"
    );
    assert!(draft.contains("2026-02"), "{draft}");
    let closed = acme
        .at(AUGUST)
        .run(&["audit", "close", "2026-08"])
        .success()
        .stdout;
    assert!(closed.contains("2026-02"), "{closed}");
    assert!(!closed.contains("rien à comparer"), "{closed}");
    let report = sandbox.read("acme/reports/2026-08/report.md");
    assert!(
        report.contains("### Évolution depuis l'audit précédent"),
        "{report}"
    );
    let tag = sandbox.git("acme", &["tag", "-n20", "audit/2026-08"]);
    assert!(tag.contains("Previous round: 2026-02"), "{tag}");

    // A second close made at once by mistake (a label mistyped) compares with the round
    // just closed, and the next one with that second round: the last closed, in history
    // order, though both closed in the same second and their labels sort the other way.
    acme.at(AUGUST)
        .run(&["audit", "close", "2026-07"])
        .success();
    let tag = sandbox.git("acme", &["tag", "-n20", "audit/2026-07"]);
    assert!(tag.contains("Previous round: 2026-08"), "{tag}");
    let december = "2026-12-10T09:00:00Z";
    acme.at(december)
        .run(&["answer", "ACC-01", "--level", "2", "--note", "régression"])
        .success();
    acme.at(december).run(&["report"]).success();
    let draft = sandbox.read("acme/reports/draft/report.md");
    assert!(draft.contains("campagne 2026-07"), "{draft}");
    let out = acme
        .at(december)
        .run(&["audit", "close", "2026-12"])
        .success()
        .stdout;
    assert!(out.contains("2026-07"), "{out}");
    let report = sandbox.read("acme/reports/2026-12/report.md");
    assert!(report.contains("campagne 2026-07"), "{report}");
    assert!(!report.contains("campagne 2026-08"), "{report}");
}

#[test]
fn status_shows_how_many_answers_carried_over_are_left_to_re_verify_in_both_languages() {
    let sandbox = Sandbox::new();
    for (lang, left_of, left_of_none) in [
        (
            "en",
            "Answers carried over still to re-verify: 2 of 3",
            "Answers carried over still to re-verify: 0 of 3",
        ),
        (
            "fr",
            "Réponses reprises encore à revérifier\u{a0}: 2 sur 3",
            "Réponses reprises encore à revérifier\u{a0}: 0 sur 3",
        ),
    ] {
        let dir = format!("acme-{lang}");
        let acme = sandbox.init(&dir).lang(lang).create();
        for control in ["ACC-01", "ACC-02", "NET-01"] {
            acme.at(FEBRUARY)
                .run(&["answer", control, "--level", "2", "--note", "Seen."])
                .success();
        }
        // No round started: nothing to say, and no key in the JSON.
        let before = acme.run(&["status"]).success().stdout;
        assert!(!before.contains(&left_of[..20]), "{before}");
        assert!(acme.json(&["status", "--json"]).get("reverify").is_none());
        acme.at(FEBRUARY)
            .run(&["audit", "close", "2026-02"])
            .success();
        acme.at(AUGUST)
            .run(&["audit", "start", "2026-08"])
            .success();
        acme.at(AUGUST)
            .run(&["answer", "ACC-01", "--level", "3"])
            .success();
        // Evidence alone does not re-verify an answer (README, "audit start").
        sandbox.write(&format!("{dir}-shot.txt"), "a screenshot");
        let shot = sandbox.path(&format!("{dir}-shot.txt"));
        acme.at(AUGUST)
            .run(&["answer", "ACC-02", "--evidence", shot.to_str().unwrap()])
            .success();
        let status = acme.run(&["status"]).success().stdout;
        crate::common::says(&status, &[left_of]);
        let json = acme.json(&["status", "--json"]);
        assert_eq!(
            json["reverify"],
            serde_json::json!({"left": 2, "carried_over": 3}),
            "{json}"
        );
        for control in ["ACC-02", "NET-01"] {
            acme.at(AUGUST)
                .run(&["answer", control, "--level", "2"])
                .success();
        }
        // The round had answers to re-verify: it still says how it went.
        let status = acme.run(&["status"]).success().stdout;
        crate::common::says(&status, &[left_of_none]);
        assert_eq!(
            acme.json(&["status", "--json"])["reverify"],
            serde_json::json!({"left": 0, "carried_over": 3})
        );
    }
}

#[test]
fn evidence_detached_in_the_next_round_leaves_the_working_copy_and_stays_in_the_closed_round() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    sandbox.write("users.png", "round 1 screenshot");
    sandbox.write("roles.txt", "admin, operator");
    acme.at(FEBRUARY)
        .run(&[
            "answer",
            "ACC-01",
            "--level",
            "2",
            "--note",
            "Comptes nominatifs.",
            "--evidence",
            sandbox.path("users.png").to_str().unwrap(),
            "--evidence",
            sandbox.path("roles.txt").to_str().unwrap(),
        ])
        .success();
    // The same file attached where it lies to another answer: it lists it too.
    acme.at(FEBRUARY)
        .run(&[
            "answer",
            "ACC-02",
            "--level",
            "1",
            "--evidence",
            sandbox
                .path("acme/evidence/ACC-01/roles.txt")
                .to_str()
                .unwrap(),
        ])
        .success();
    acme.at(FEBRUARY)
        .run(&["audit", "close", "2026-02"])
        .success();
    acme.at(AUGUST)
        .run(&["audit", "start", "2026-08"])
        .success();

    // A path the answer does not list: refused, naming those it lists, nothing written.
    let refused = acme.at(AUGUST).refused(
        &["answer", "ACC-01", "--drop-evidence", "users.png"],
        "`users.png` n'est pas parmi ses preuves, qui sont\u{a0}: evidence/ACC-01/users.png, evidence/ACC-01/roles.txt",
    );
    crate::common::says(
        &refused,
        &["--drop-evidence", "donnez l'un des chemins listés"],
    );

    let out = acme
        .at(AUGUST)
        .run(&[
            "answer",
            "ACC-01",
            "--drop-evidence",
            "evidence/ACC-01/users.png",
        ])
        .success();
    crate::common::says(
        &out.stdout,
        &[
            "enregistré ACC-01: evidence users.png detached (file removed, git history keeps it) [",
            "evidence/ACC-01/users.png\u{a0}: retirée, et son fichier supprimé de la copie de travail (l'historique git le garde)",
        ],
    );
    assert!(!sandbox.path("acme/evidence/ACC-01/users.png").exists());
    let answer = sandbox.read("acme/answers/ACC-01.yaml");
    assert!(!answer.contains("users.png"), "{answer}");
    assert!(answer.contains("roles.txt"), "{answer}");
    // Detaching alone does not re-verify the answer.
    assert!(answer.contains("reverify: true"), "{answer}");
    // One commit, the working copy clean, and the closed round as it was.
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    let changed = sandbox.git("acme", &["show", "--name-status", "--format=", "HEAD"]);
    says(
        &changed,
        &["M\tanswers/ACC-01.yaml", "D\tevidence/ACC-01/users.png"],
    );
    assert_eq!(
        sandbox.git("acme", &["show", "audit/2026-02:evidence/ACC-01/users.png"]),
        "round 1 screenshot"
    );
    assert!(
        sandbox
            .git("acme", &["show", "audit/2026-02:answers/ACC-01.yaml"])
            .contains("evidence/ACC-01/users.png")
    );

    // Another answer lists this one: only the reference goes.
    let out = acme
        .at(AUGUST)
        .run(&[
            "answer",
            "ACC-01",
            "--drop-evidence",
            "./evidence/ACC-01/roles.txt",
        ])
        .success();
    says(
        &out.stdout,
        &[
            "evidence roles.txt detached (file kept, another record lists it)",
            "evidence/ACC-01/roles.txt\u{a0}: retirée\u{a0}; le fichier reste, car un autre enregistrement le liste",
        ],
    );
    assert!(sandbox.path("acme/evidence/ACC-01/roles.txt").is_file());
    acme.at(AUGUST).refused(
        &[
            "answer",
            "ACC-01",
            "--drop-evidence",
            "evidence/ACC-01/roles.txt",
        ],
        "n'est pas parmi ses preuves\u{a0}: elle n'en liste aucune",
    );

    // The history says it in the engagement's language; the JSON keeps English.
    let log = acme.run(&["log", "ACC-01"]).success().stdout;
    says(
        &log,
        &["preuve users.png retirée", "preuve roles.txt retirée"],
    );
    let json = acme.json(&["log", "ACC-01", "--json"]).to_string();
    says(&json, &["evidence users.png detached"]);
}

#[test]
fn evidence_detached_from_a_finding_in_english_and_refusals_naming_what_it_lists() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    sandbox.write("capture.pcap", "rtsp in clear");
    let id = acme
        .run(&[
            "finding",
            "add",
            "--title",
            "RTSP in clear",
            "--domain",
            "NET",
            "--severity",
            "medium",
            "--justification",
            "seen on the wire",
            "--evidence",
            sandbox.path("capture.pcap").to_str().unwrap(),
        ])
        .created();
    let listed = format!("evidence/{id}/capture.pcap");
    acme.refused(
        &["finding", "edit", &id, "--drop-evidence", "capture.pcap"],
        &format!("`capture.pcap` is not among its evidence, which lists: {listed}"),
    );
    let out = acme
        .run(&["finding", "edit", &id, "--drop-evidence", &listed])
        .success();
    says(
        &out.stdout,
        &[
            &format!(
                "saved {id}: evidence capture.pcap detached (file removed, git history keeps it) ["
            ),
            &format!(
                "{listed}: detached, and its file removed from the working copy (git history keeps it)"
            ),
        ],
    );
    assert!(!sandbox.path(&format!("acme/{listed}")).exists());
    assert!(
        !sandbox
            .read(&format!("acme/findings/{id}.yaml"))
            .contains("capture.pcap")
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    assert_eq!(
        sandbox.git("acme", &["show", &format!("HEAD~1:{listed}")]),
        "rtsp in clear"
    );
    acme.refused(
        &["finding", "edit", &id, "--drop-evidence", &listed],
        "is not among its evidence: it lists none",
    );
}
