//! Crash consistency: the real binary writes answers, findings and evidence in a loop and is
//! killed with SIGKILL at random moments. After every kill the repository passes
//! `git fsck`, every record loads (and reads the same from the clone's cache of parsed records
//! as from the files), every change the tool reported as saved is there, and the next command
//! succeeds without manual repair.
//!
//! `cargo test --test it crash::` runs 40 kills; `VMSAUDIT_KILLS=200 cargo test --release
//! --test it crash::` is the long run (`VMSAUDIT_SEED` replays a sequence).

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::process::Stdio;
use std::time::Duration;

use crate::common::Sandbox;

/// A small deterministic generator: the same seed replays the same kills.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const CONTROLS: [&str; 6] = ["ACC-01", "ACC-02", "UPD-01", "NET-01", "ENC-01", "LOG-01"];

#[test]
fn random_sigkills_never_lose_a_saved_change_nor_corrupt_the_engagement() {
    let kills: u64 = std::env::var("VMSAUDIT_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let seed: u64 = std::env::var("VMSAUDIT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_2026);
    eprintln!("{kills} kills, seed {seed}");
    let mut rng = Rng(seed);
    let sandbox = Sandbox::new();
    sandbox.init("acme").client("ACME").create();
    // Evidence large enough that a kill often lands in the middle of copying it.
    let big: Vec<u8> = (0..2_000_000u32).map(|i| (i % 251) as u8).collect();
    fs::write(sandbox.path("capture.pcap"), &big).unwrap();

    // Kills are spread over the time a command takes on this machine, so they land in every
    // phase: start-up, checks, copying evidence, writing, committing.
    let started = std::time::Instant::now();
    sandbox
        .run(&[
            "-C",
            "acme",
            "answer",
            "REM-02",
            "--level",
            "2",
            "--evidence",
            "capture.pcap",
        ])
        .success();
    let span = (started.elapsed().as_millis() as u64 * 13 / 10).max(5);
    eprintln!(
        "a command takes about {} ms; kills within {span} ms",
        started.elapsed().as_millis()
    );

    // For each control: the level last reported saved, and those attempted since.
    let mut saved: BTreeMap<&str, String> = BTreeMap::new();
    let mut attempted: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut findings_saved = 0usize;
    let mut outcomes = [0usize; 3];

    for round in 0..kills {
        let control = CONTROLS[rng.below(CONTROLS.len() as u64) as usize];
        let level = rng.below(5).to_string();
        let note = format!("round {round}");
        let mut args: Vec<String> = vec!["-C".into(), "acme".into()];
        let is_finding = rng.below(4) == 0;
        if is_finding {
            args.extend(
                [
                    "finding",
                    "add",
                    "--title",
                    &note,
                    "--domain",
                    "NET",
                    "--severity",
                    "low",
                    "--justification",
                    "test",
                ]
                .map(String::from),
            );
        } else {
            args.extend(["answer", control, "--level", &level, "--note", &note].map(String::from));
            if rng.below(3) == 0 {
                args.extend(["--evidence".to_owned(), "capture.pcap".to_owned()]);
            }
            attempted.entry(control).or_default().push(level.clone());
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = sandbox
            .command(&argv)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let delay = rng.below(span);
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let killed = output.status.code().is_none();
        outcomes[usize::from(killed) + usize::from(killed && stdout.is_empty())] += 1;
        if stdout.starts_with("saved ") || stdout.starts_with("enregistré ") {
            if is_finding {
                findings_saved += 1;
            } else {
                saved.insert(control, level.clone());
                attempted.insert(control, Vec::new());
            }
        } else if !killed {
            panic!(
                "round {round}: {argv:?} failed on its own: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }

        // The next command starts without repair and every record loads.
        let status = sandbox.run(&["-C", "acme", "status", "--json"]);
        assert_eq!(
            status.code,
            Some(0),
            "round {round} (seed {seed}): {}",
            status.stderr
        );
        // What it says from the clone's cache of parsed records (which a kill may have cut
        // while it was written) is what the files say.
        crate::parsed_cache::status_as_parsed(&sandbox, &sandbox.in_dir("acme"), "acme");
        // Every change reported as saved is there: the answer holds the last saved level,
        // or a later attempt that was written before the kill.
        for (control, level) in &saved {
            let text =
                fs::read_to_string(sandbox.path(&format!("acme/answers/{control}.yaml"))).unwrap();
            let found = text
                .lines()
                .find_map(|line| line.strip_prefix("level: "))
                .unwrap()
                .to_owned();
            let later = attempted.get(control).cloned().unwrap_or_default();
            assert!(
                found == *level || later.contains(&found),
                "round {round} (seed {seed}): {control} has level {found}, saved {level}, attempted since {later:?}"
            );
            let log = sandbox.git(
                "acme",
                &[
                    "log",
                    "--format=%s",
                    "--",
                    &format!("answers/{control}.yaml"),
                ],
            );
            assert!(
                log.contains(&format!("{control}: ")),
                "round {round}: the saved change of {control} is committed: {log}"
            );
        }
        let findings = fs::read_dir(sandbox.path("acme/findings"))
            .map(|dir| dir.count())
            .unwrap_or(0);
        assert!(
            findings >= findings_saved,
            "round {round}: {findings} finding files, {findings_saved} saved"
        );
        sandbox.git("acme", &["fsck", "--strict", "--no-progress"]);
    }
    // The next command that writes finishes whatever the last kill interrupted: git's lock
    // files go, the records written but not committed are committed, temporary files go.
    sandbox
        .run(&["-C", "acme", "answer", "REM-01", "--level", "1"])
        .success();
    assert!(!sandbox.path("acme/.git/index.lock").exists());
    assert_eq!(
        sandbox.git("acme", &["status", "--porcelain"]),
        "",
        "nothing left uncommitted or stray"
    );
    sandbox.git("acme", &["fsck", "--strict", "--no-progress"]);
    eprintln!(
        "completed: {}, killed after writing something: {}, killed before any output: {}",
        outcomes[0], outcomes[1], outcomes[2]
    );
}

/// The round label of `engagement.yaml` as committed at HEAD, if any.
fn committed_round(sandbox: &Sandbox) -> Option<String> {
    sandbox
        .git("acme", &["show", "HEAD:engagement.yaml"])
        .lines()
        .find_map(|line| line.strip_prefix("round:"))
        .map(|value| value.trim().trim_matches(['\'', '"']).to_owned())
}

#[test]
fn a_close_killed_before_its_commit_is_undone_and_stale_object_files_removed() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").create();
    acme.run(&["answer", "ACC-01", "--level", "1", "--note", "first"])
        .success();
    // What `audit close r1` leaves when killed after writing `round: r1`, before its commit;
    // and an object file libgit2 was writing when killed.
    let committed = sandbox.read("acme/engagement.yaml");
    fs::create_dir_all(sandbox.path("acme/reports/r1")).unwrap();
    fs::write(sandbox.path("acme/reports/r1/report.md"), "# half").unwrap();
    fs::write(sandbox.path("acme/reports/r1/radar.svg"), "<svg/>").unwrap();
    let mut half = committed
        .lines()
        .filter(|line| !line.starts_with("round:"))
        .collect::<Vec<_>>()
        .join("\n");
    half.push_str("\nround: r1\n");
    fs::write(sandbox.path("acme/engagement.yaml"), half).unwrap();
    let stale = sandbox.path("acme/.git/objects/tmp_object_git2_0123456789abcdef");
    fs::write(&stale, vec![7u8; 4096]).unwrap();

    acme.run(&["answer", "ACC-02", "--level", "2", "--note", "next"])
        .success();
    assert!(!sandbox.path("acme/reports/r1").exists());
    assert_eq!(sandbox.read("acme/engagement.yaml"), committed);
    assert!(!stale.exists(), "the temporary object file is still there");
    assert_eq!(committed_round(&sandbox), None);
    assert!(
        !sandbox
            .subjects("acme")
            .iter()
            .any(|s| s.starts_with("Recover")),
        "{:?}",
        sandbox.subjects("acme")
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    // `audit close` itself undoes it too, staged as a kill inside the commit leaves it,
    // and closes.
    fs::create_dir_all(sandbox.path("acme/reports/r1")).unwrap();
    fs::write(sandbox.path("acme/reports/r1/report.md"), "# half").unwrap();
    fs::write(
        sandbox.path("acme/engagement.yaml"),
        format!("{}round: r1\n", sandbox.read("acme/engagement.yaml")),
    )
    .unwrap();
    sandbox.git("acme", &["add", "reports", "engagement.yaml"]);
    fs::write(sandbox.path("acme/.git/index.lock"), "").unwrap();
    acme.run(&["audit", "close", "r1"]).success();
    assert_eq!(sandbox.git("acme", &["tag", "--list"]).trim(), "audit/r1");
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

#[test]
fn a_close_killed_before_its_commit_is_undone_with_its_reports_ignored_or_not_and_no_other_file() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").create();
    acme.run(&["answer", "ACC-01", "--level", "1", "--note", "first"])
        .success();
    for (ignored, level) in [(false, "2"), (true, "3")] {
        if ignored {
            sandbox.commit_by_hand("acme", ".gitignore", "reports/\n", "ignore the reports");
        }
        // What `audit close r1` leaves when killed before its commit, beside a PDF the
        // auditor printed into the round's folder.
        let committed = sandbox.read("acme/engagement.yaml");
        sandbox.write("acme/reports/r1/report.md", "# half");
        sandbox.write("acme/reports/r1/radar.svg", "<svg/>");
        sandbox.write("acme/reports/r1/rapport.pdf", "%PDF");
        let half = format!("{}\nround: r1\n", committed.trim_end());
        fs::write(sandbox.path("acme/engagement.yaml"), half).unwrap();

        acme.run(&["answer", "ACC-02", "--level", level]).success();
        assert_eq!(
            sandbox.read("acme/engagement.yaml"),
            committed,
            "ignored: {ignored}"
        );
        assert!(!sandbox.path("acme/reports/r1/report.md").exists());
        assert!(!sandbox.path("acme/reports/r1/radar.svg").exists());
        assert_eq!(sandbox.read("acme/reports/r1/rapport.pdf"), "%PDF");
        let subjects = sandbox.subjects("acme");
        assert!(subjects[0].starts_with("ACC-02: level"), "{subjects:?}");
        assert!(
            !subjects.iter().any(|s| s.starts_with("Recover")),
            "ignored: {ignored}: {subjects:?}"
        );
        assert_eq!(committed_round(&sandbox), None);
        fs::remove_file(sandbox.path("acme/reports/r1/rapport.pdf")).unwrap();
    }
}

#[test]
fn a_close_killed_between_its_commit_and_its_tag_is_finished() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").create();
    acme.run(&["answer", "ACC-01", "--level", "1", "--note", "first"])
        .success();
    acme.run(&["audit", "close", "r1"]).success();
    let message = sandbox.git("acme", &["cat-file", "-p", "audit/r1"]);
    // As if killed while the tag was written: no tag, and the lock file of its ref.
    sandbox.git("acme", &["tag", "-d", "audit/r1"]);
    fs::create_dir_all(sandbox.path("acme/.git/refs/tags/audit")).unwrap();
    fs::write(sandbox.path("acme/.git/refs/tags/audit/r1.lock"), "").unwrap();
    acme.run(&["answer", "ACC-02", "--level", "2", "--note", "next"])
        .success();
    assert!(!sandbox.path("acme/.git/refs/tags/audit/r1.lock").exists());
    let again = sandbox.git("acme", &["cat-file", "-p", "audit/r1"]);
    let body = |text: &str| text.split_once("\n\n").map(|(_, body)| body.to_owned());
    assert_eq!(body(&again), body(&message));
    assert_eq!(
        sandbox.git("acme", &["rev-list", "-n", "1", "audit/r1"]),
        sandbox.git("acme", &["rev-parse", "HEAD~1"])
    );
}

#[test]
fn sigkills_during_audit_close_leave_a_closed_round_or_none() {
    let kills: u64 = std::env::var("VMSAUDIT_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(12, |kills: u64| kills / 4);
    let mut rng = Rng(0xC105E);
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").create();
    acme.run(&["answer", "ACC-01", "--level", "1", "--note", "first"])
        .success();
    let started = std::time::Instant::now();
    acme.run(&["report", "-o", "../probe/"]).success();
    let span = (started.elapsed().as_millis() as u64 * 15 / 10).max(5);
    let mut closed = 0;
    for round in 0..kills {
        let label = format!("r{round}");
        let mut child = sandbox
            .command(&["-C", "acme", "audit", "close", &label])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(span)));
        let _ = child.kill();
        child.wait_with_output().unwrap();
        // The next command that writes recovers.
        let note = format!("after kill {round}");
        acme.run(&["answer", "ACC-02", "--level", "2", "--note", &note])
            .success();
        let tag = format!("audit/{label}");
        let tagged = !sandbox.git("acme", &["tag", "--list", &tag]).is_empty();
        assert_eq!(
            sandbox.git("acme", &["status", "--porcelain"]),
            "",
            "kill {round}: left over"
        );
        let report = format!("acme/reports/{label}/report.md");
        if tagged {
            closed += 1;
            assert!(sandbox.path(&report).exists(), "kill {round}");
            let tagged_round = sandbox.git("acme", &["show", &format!("{tag}:engagement.yaml")]);
            assert!(
                tagged_round.contains(&format!("round: {label}")),
                "{tagged_round}"
            );
        } else {
            assert_ne!(
                committed_round(&sandbox).as_deref(),
                Some(label.as_str()),
                "kill {round}: a round without its tag"
            );
            assert!(!sandbox.path(&report).exists(), "kill {round}");
        }
    }
    eprintln!("{kills} kills during audit close, {closed} closes finished");
}
