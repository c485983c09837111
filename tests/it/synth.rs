//! The synthetic engagement of the benchmarks (`benches/support/synth.rs`, also
//! `cargo run --release --example synth -- DIR`), on a small shape: what it builds is a real
//! engagement the binary reads, and the same seed builds the same history, commit for commit.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "../../benches/support/synth.rs"]
#[allow(dead_code)]
pub(crate) mod generator;

use crate::common::Sandbox;

const SMALL: generator::Shape = generator::Shape {
    domains: 3,
    controls_per_domain: 8,
    assets: 200,
    findings: 6,
    actions: 6,
    closed_rounds: 2,
    reverified_per_round: 10,
    reverified_current: 4,
};

#[test]
fn the_same_seed_builds_the_same_engagement_and_the_binary_reads_it() {
    let sandbox = Sandbox::new();
    let summary = generator::generate(&sandbox.path("first"), 7, &SMALL).unwrap();
    generator::generate(&sandbox.path("again"), 7, &SMALL).unwrap();
    generator::generate(&sandbox.path("other"), 8, &SMALL).unwrap();

    // Reproducible: the same commits (files, messages, authors and dates), the same tags.
    let head = |dir: &str| sandbox.git(dir, &["rev-parse", "HEAD"]);
    let tags = |dir: &str| sandbox.git(dir, &["for-each-ref", "refs/tags"]);
    assert_eq!(head("first"), head("again"));
    assert_eq!(tags("first"), tags("again"));
    assert_ne!(head("first"), head("other"));

    // What the shape asks for, in the files and in git.
    assert_eq!(summary.controls, 24);
    assert_eq!(summary.answers, 24);
    assert_eq!(summary.assets, 200);
    assert_eq!(summary.findings, 6);
    assert_eq!(summary.actions, 6);
    assert_eq!(summary.rounds.len(), 2);
    let count = |dir: &str| {
        std::fs::read_dir(sandbox.path("first").join(dir))
            .unwrap()
            .count()
    };
    assert_eq!(count("answers"), 24);
    assert_eq!(count("findings"), 6);
    assert_eq!(count("actions"), 6);
    let commits: usize = sandbox
        .git("first", &["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(commits, summary.commits);
    let rounds = sandbox.git("first", &["tag", "--list", "audit/*"]);
    assert_eq!(rounds.lines().count(), 2, "{rounds}");
    sandbox.git("first", &["fsck", "--strict"]);

    // The binary opens it without a problem and compares its two rounds.
    let first = sandbox.in_dir("first").at("2026-08-01T10:00:00Z");
    let run = |args: &[&str]| {
        let out = first.run(args).success();
        assert!(out.stderr.is_empty(), "{}", out.stderr);
        out.stdout
    };
    let status: serde_json::Value = serde_json::from_str(&run(&["status", "--json"])).unwrap();
    assert_eq!(status["domains"].as_array().unwrap().len(), 3, "{status}");
    let labels: Vec<&str> = summary.rounds.iter().map(String::as_str).collect();
    let diff: serde_json::Value =
        serde_json::from_str(&run(&["diff", labels[0], labels[1], "--format", "json"])).unwrap();
    assert!(diff.is_object(), "{diff}");
}
