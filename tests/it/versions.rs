//! Grid versions through the real binary: an engagement pinned to the built-in grid's 1.0.0
//! moved to 1.1.0 when its next round starts (answers carried over, changed ones marked with
//! what changed, new controls unassessed), read across the move by `status`, `diff`, the
//! report and `log`; and the moves refused, naming the problem with its place and fix, each
//! leaving the engagement byte for byte as it was.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;

use crate::common::{InDir, Sandbox};

const FEBRUARY: &str = "2026-02-03T10:00:00Z";
const AUGUST: &str = "2026-08-03T10:00:00Z";

fn history() -> String {
    format!(
        "{}/grids/history/vms-1.0.0.yaml",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// An engagement on 1.0.0 with two answers, its first round closed.
fn on_1_0_0<'s>(sandbox: &'s Sandbox, grid: &'s str) -> InDir<'s> {
    let acme = sandbox.init("acme").lang("en").grid(grid).create();
    assert!(sandbox.read("acme/grid.yaml").contains("version: 1.0.0"));
    let t = acme.at(FEBRUARY);
    t.run(&[
        "answer",
        "ACC-01",
        "--level",
        "2",
        "--note",
        "One shared admin.",
    ])
    .success();
    t.run(&[
        "answer",
        "REM-08",
        "--level",
        "3",
        "--note",
        "IPsec between sites.",
    ])
    .success();
    t.run(&["audit", "close", "2026-02"]).success();
    acme
}

#[test]
fn an_engagement_moves_to_the_next_grid_and_reads_across_the_move() {
    let sandbox = Sandbox::new();
    let grid = history();
    let acme = on_1_0_0(&sandbox, &grid);
    let t = acme.at(AUGUST);
    let out = t
        .run(&["audit", "start", "2026-08", "--grid", "builtin"])
        .success();
    assert!(
        out.stdout
            .contains("Grid vms moved from 1.0.0 to 1.1.0: 2 answers carried over"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("New controls, not assessed: ACC-12, ACC-13"),
        "{}",
        out.stdout
    );
    assert!(sandbox.read("acme/grid.yaml").contains("version: 1.1.0"));
    let subjects = sandbox.subjects("acme");
    assert!(
        subjects[0].contains(
            "grid vms 1.0.0 -> 1.1.0: 2 answers changed to re-verify, 2 new controls, 0 removed"
        ),
        "{subjects:?}"
    );
    // The answer keeps its level, marked with what changed.
    let rem08 = sandbox.read("acme/answers/REM-08.yaml");
    assert!(rem08.contains("level: 3\nreverify: true\nchanged:\n  from: \"1.0.0\"\n  was:\n  - REM-08\n  parts:\n  - question\n"), "{rem08}");
    assert!(rem08.contains("no longer requires IPsec"), "{rem08}");
    assert!(!sandbox.path("acme/answers/ACC-12.yaml").exists());

    let status = t.run(&["status"]).success().stdout;
    assert!(
        status.contains(
            "2 answers to re-verify, their control changed in the grid since they were given:"
        ),
        "{status}"
    );
    assert!(
        status.contains("REM-08  version 1.0.0 (REM-08) — question, levels, guidance — The question no longer requires IPsec"),
        "{status}"
    );

    // Re-verified: the level set again, the marker goes.
    t.run(&["answer", "REM-08", "--level", "2"]).success();
    assert!(
        !sandbox
            .read("acme/answers/REM-08.yaml")
            .contains("changed:")
    );
    t.run(&["answer", "ACC-01", "--level", "3"]).success();

    // diff: ACC-01 compares (same question), REM-08 does not (reworded), the new ones neither.
    let diff = t.run(&["diff", "2026-02"]).success().stdout;
    assert!(diff.contains("ACC-01  2 → 3"), "{diff}");
    assert!(!diff.contains("REM-08  3 → 2"), "{diff}");
    assert!(
        diff.contains("Grid vms: 1.0.0 on the earlier side, 1.1.0 on the later"),
        "{diff}"
    );
    assert!(
        diff.contains(
            "Not comparable across the grid versions: ACC-12 (new), ACC-13 (new), REM-08 (reworded)"
        ),
        "{diff}"
    );
    let json = t.json(&["diff", "2026-02", "--format", "json"]);
    assert_eq!(json["grid"]["from"], "1.0.0");
    assert_eq!(json["grid"]["mapped"], true);
    assert_eq!(json["grid"]["not_comparable"][2]["id"], "REM-08");
    assert_eq!(json["grid"]["not_comparable"][2]["why"], "reworded");

    // The report's progress section.
    t.run(&["report"]).success();
    let report = sandbox.read("acme/reports/draft/report.md");
    assert!(
        report.contains(
            "The grid vms was version 1.0.0 at the previous audit and is version 1.1.0 now"
        ),
        "{report}"
    );
    assert!(
        report.contains("**Control points whose levels do not compare across the two versions:** ACC-12 (new), ACC-13 (new), REM-08 (reworded)"),
        "{report}"
    );

    // log: the answer's history runs across the move.
    let log = t.run(&["log", "REM-08"]).success().stdout;
    assert!(log.contains("round 2026-02"), "{log}");
    assert!(log.contains("marked to re-verify"), "{log}");
    assert!(log.contains("level 2 (was 3)"), "{log}");
}

#[test]
fn a_renamed_control_keeps_its_answer_its_history_and_its_comparison() {
    let sandbox = Sandbox::new();
    let grid = history();
    let acme = sandbox.init("acme").lang("en").grid(&grid).create();
    acme.at(FEBRUARY)
        .run(&[
            "answer",
            "ACC-02",
            "--level",
            "1",
            "--note",
            "Shared accounts.",
        ])
        .success();
    acme.at(FEBRUARY)
        .run(&["audit", "close", "2026-02"])
        .success();
    let builtin = include_str!("../../grids/vms.yaml");
    let renamed = builtin
        .replacen("      - id: ACC-02\n", "      - id: ACC-20\n", 1)
        .replacen(
            "      ACC-02:\n",
            "      ACC-02:\n        to: [ACC-20]\n",
            1,
        );
    fs::write(sandbox.path("renamed.yaml"), renamed).unwrap();
    let renamed = sandbox.path("renamed.yaml").display().to_string();
    let t = acme.at(AUGUST);
    t.run(&["audit", "start", "2026-08", "--grid", &renamed])
        .success();
    assert!(!sandbox.path("acme/answers/ACC-02.yaml").exists());
    let moved = sandbox.read("acme/answers/ACC-20.yaml");
    assert!(
        moved.contains("control: ACC-20\nlevel: 1\nreverify: true\nchanged:\n  from: \"1.0.0\"\n  was:\n  - ACC-02\n  parts:\n  - renamed\n"),
        "{moved}"
    );
    t.run(&["answer", "ACC-20", "--level", "3"]).success();
    // Renamed, same question: the levels compare.
    let diff = t.run(&["diff", "2026-02"]).success().stdout;
    assert!(diff.contains("ACC-20  1 → 3"), "{diff}");
    assert!(!diff.contains("ACC-20 (reworded)"), "{diff}");
    // The history runs through the old file, under either id.
    let log = t.run(&["log", "ACC-20"]).success().stdout;
    assert!(log.contains("round 2026-02"), "{log}");
    assert!(log.contains("level 3 (was 1)"), "{log}");
    let old = t.run(&["log", "ACC-02"]).success().stdout;
    assert!(old.contains("level 1"), "{old}");
}

#[test]
fn a_french_engagement_is_told_of_the_move_in_french() {
    let sandbox = Sandbox::new();
    let grid = history();
    let acme = sandbox.init("acme").lang("fr").grid(&grid).create();
    let t = acme.at(FEBRUARY);
    t.run(&["answer", "REM-08", "--level", "3", "--note", "IPsec."])
        .success();
    t.run(&["audit", "close", "2026-02"]).success();
    let out = acme
        .at(AUGUST)
        .run(&["audit", "start", "2026-08", "--grid", "builtin"])
        .success();
    assert!(
        out.stdout.contains(
            "Grille vms passée de la version 1.0.0 à la 1.1.0\u{a0}: 1 réponse(s) reprise(s)"
        ),
        "{}",
        out.stdout
    );
    assert!(
        sandbox
            .read("acme/answers/REM-08.yaml")
            .contains("La question n'impose plus IPsec"),
        "the grid's note in the engagement's language"
    );
    let status = acme.at(AUGUST).run(&["status"]).success().stdout;
    assert!(
        status.contains("REM-08  version 1.0.0 (REM-08) — question, niveaux, conseils"),
        "{status}"
    );
}

#[test]
fn a_move_the_new_grid_does_not_map_is_refused_and_changes_nothing() {
    let sandbox = Sandbox::new();
    let builtin = include_str!("../../grids/vms.yaml");

    // The engagement's 1.0.0 edited by hand: ACC-01's question is not the mapped text.
    let edited = fs::read_to_string(history()).unwrap().replacen(
        "Is a password policy (minimum length, complexity, rejection of common",
        "Is a password policy (minimum length, rejection of common",
        1,
    );
    assert_ne!(edited, fs::read_to_string(history()).unwrap());
    let edited_path = sandbox.path("vms-1.0.0-edited.yaml");
    fs::write(&edited_path, edited).unwrap();
    let edited_path = edited_path.display().to_string();
    let acme = on_1_0_0(&sandbox, &edited_path);
    let line = builtin
        .lines()
        .position(|line| line == "      ACC-01:")
        .unwrap()
        + 1;
    let stderr = acme.at(AUGUST).refused(
        &["audit", "start", "2026-08", "--grid", "builtin"],
        "control ACC-01 of the engagement's grid 1.0.0 is not the text this mapping was written for",
    );
    assert!(
        stderr.contains(&format!("grids/vms.yaml (built in):{}", line + 1)),
        "{stderr}"
    );
    assert!(stderr.contains("vmsaudit grid hashes"), "{stderr}");

    // A newer grid without a `replaces:` section.
    let sandbox = Sandbox::new();
    let grid = history();
    let acme = on_1_0_0(&sandbox, &grid);
    let bare = &builtin[..builtin.find("\nreplaces:").unwrap()];
    fs::write(sandbox.path("bare.yaml"), bare).unwrap();
    let bare = sandbox.path("bare.yaml").display().to_string();
    acme.at(AUGUST).refused(
        &["audit", "start", "2026-08", "--grid", &bare],
        "grid vms 1.1.0 does not say how to map the engagement's version 1.0.0 (it has no `replaces:`)",
    );

    // A mapping that names a control 1.0.0 does not have, and leaves ACC-01 out.
    let unknown = builtin.replacen(
        "      ACC-01:\n",
        "      ACC-99:\n        to: [ACC-01]\n",
        1,
    );
    fs::write(sandbox.path("unknown.yaml"), unknown).unwrap();
    let unknown = sandbox.path("unknown.yaml").display().to_string();
    let stderr = acme.at(AUGUST).refused(
        &["audit", "start", "2026-08", "--grid", &unknown],
        "`replaces` 1.0.0 names ACC-99, which is not a control of the engagement's grid 1.0.0",
    );
    assert!(
        stderr.contains("control ACC-01 of version 1.0.0 is not in `replaces` 1.0.0"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{unknown}:{}", line + 1)),
        "{stderr}"
    );

    // A mapping to a control the new grid does not have: `grid check` and the move say where.
    let typo = builtin.replacen(
        "      ACC-01:\n        hash:",
        "      ACC-01:\n        to: [ACC-O1]\n        hash:",
        1,
    );
    fs::write(sandbox.path("typo.yaml"), typo).unwrap();
    let typo = sandbox.path("typo.yaml").display().to_string();
    let check = sandbox.run(&["grid", "check", &typo]).failure(2);
    assert!(
        check.stderr.contains(&format!(
            "{typo}:{}:14: `replaces` 1.0.0: ACC-01 becomes ACC-O1, which is not a control of this grid",
            line + 1
        )),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("did you mean"), "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("control ACC-01 is neither what an older control became nor `added`"),
        "{}",
        check.stderr
    );
    acme.at(AUGUST).refused(
        &["audit", "start", "2026-08", "--grid", &typo],
        "ACC-01 becomes ACC-O1",
    );
}

#[test]
fn grid_hashes_prints_the_entry_a_next_version_starts_from() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["grid", "hashes", &history()]).success();
    assert!(
        out.stdout
            .starts_with("replaces:\n  - version: 1.0.0\n    controls:\n      ACC-01: {hash: "),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.lines().count(), 3 + 53);
    // The built-in grid maps 1.0.0 with exactly these hashes.
    let builtin = include_str!("../../grids/vms.yaml");
    for line in out.stdout.lines().skip(3) {
        let (id, hash) = line.trim().split_once(": {hash: ").unwrap();
        let hash = hash.trim_end_matches('}');
        assert!(
            builtin.contains(&format!("      {id}:\n        hash: {hash}\n")),
            "{id} {hash}"
        );
    }
}
