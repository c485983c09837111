//! The clone's cache of parsed records (`.git/vmsaudit/cache/worktree-*.json`, issue 18), through
//! the real binary: what another tool changes in the working copy is seen by the next
//! command, whatever the cache holds. Each check compares what a command says with what it
//! says once the cache is gone (every file parsed again).

#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::time::Duration;

use crate::common::{InDir, Sandbox};

/// The cache's two files: `engagement.yaml` and the grid's key, then the records.
const CACHE: [&str; 2] = [
    ".git/vmsaudit/cache/worktree-head.json",
    ".git/vmsaudit/cache/worktree-records.json",
];

/// `status --json` of `dir` as it is, then with no cache: they must be equal. Returns it.
#[track_caller]
pub fn status_as_parsed(sandbox: &Sandbox, engagement: &InDir, dir: &str) -> serde_json::Value {
    let cached = engagement.json(&["status", "--json"]);
    let check = format!("{dir}-check");
    let _ = fs::remove_dir_all(sandbox.path(&check));
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(sandbox.path(dir))
        .arg(sandbox.path(&check))
        .status()
        .unwrap();
    assert!(copied.success());
    // Every cache (the grid's too): what the files say, parsed.
    fs::remove_dir_all(sandbox.path(&format!("{check}/.git/vmsaudit/cache"))).unwrap();
    let parsed = sandbox.in_dir(&check).json(&["status", "--json"]);
    fs::remove_dir_all(sandbox.path(&check)).unwrap();
    assert_eq!(cached, parsed, "the cache serves what the files say");
    cached
}

/// The cache written anew by a command, once every file is older than that command.
fn cache_everything(sandbox: &Sandbox, engagement: &InDir, dir: &str) {
    for file in CACHE {
        fs::remove_file(sandbox.path(&format!("{dir}/{file}"))).unwrap();
    }
    std::thread::sleep(Duration::from_millis(50));
    engagement.run(&["status"]).success();
    for file in CACHE {
        assert!(sandbox.path(&format!("{dir}/{file}")).is_file());
    }
}

/// The JSON of `status` for the domain `id`.
fn domain<'a>(status: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    status["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|domain| domain["id"] == id)
        .unwrap()
}

#[test]
fn an_edit_behind_the_cache_s_back_is_seen_even_with_the_same_size_and_time() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    acme.run(&["answer", "ACC-01", "--level", "1", "--note", "seen"])
        .success();
    cache_everything(&sandbox, &acme, "acme");
    let before = status_as_parsed(&sandbox, &acme, "acme");

    // In place, the same number of bytes, and the modification time put back: as an editor
    // that keeps times, or `touch -d`, would leave it. The change time still moves.
    let path = sandbox.path("acme/answers/ACC-01.yaml");
    let metadata = fs::metadata(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replace("level: 1\n", "level: 3\n");
    assert_eq!(edited.len(), text.len());
    let file = fs::File::options().write(true).open(&path).unwrap();
    std::io::Write::write_all(&mut &file, edited.as_bytes()).unwrap();
    file.set_modified(metadata.modified().unwrap()).unwrap();
    drop(file);
    assert_eq!(
        fs::metadata(&path).unwrap().modified().unwrap(),
        metadata.modified().unwrap()
    );
    let after = status_as_parsed(&sandbox, &acme, "acme");
    assert_ne!(
        domain(&before, "ACC")["score"],
        domain(&after, "ACC")["score"]
    );

    // Another text of another size, written as a new file (a new inode).
    cache_everything(&sandbox, &acme, "acme");
    fs::write(&path, edited.replace("level: 3\n", "level: na\n")).unwrap();
    let not_applicable = status_as_parsed(&sandbox, &acme, "acme");
    assert_ne!(domain(&after, "ACC"), domain(&not_applicable, "ACC"));

    // A record the working copy no longer has is no answer, and what is left uncommitted
    // is committed by the next command that writes, as before the cache.
    cache_everything(&sandbox, &acme, "acme");
    fs::remove_file(&path).unwrap();
    let removed = status_as_parsed(&sandbox, &acme, "acme");
    assert_eq!(
        domain(&removed, "ACC")["answered"],
        domain(&before, "ACC")["answered"].as_u64().unwrap() - 1
    );
    acme.run(&["answer", "NET-01", "--level", "2"]).success();
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    assert!(sandbox.subjects("acme")[1].starts_with("Recover changes"));
}

#[test]
fn what_a_merge_or_a_pull_writes_is_seen_by_the_next_command() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    sandbox.git(
        ".",
        &[
            "init",
            "-q",
            "--bare",
            "--initial-branch=main",
            "remote.git",
        ],
    );
    sandbox.git("acme", &["remote", "add", "origin", "../remote.git"]);
    acme.run(&["sync"]).success();
    let bob = sandbox.clone_for_bob("remote.git");
    bob.run(&["status"]).success();
    cache_everything(&sandbox, &bob, "bob");
    let before = status_as_parsed(&sandbox, &bob, "bob");

    // A merge by `vmsaudit sync`: both changed, other records.
    acme.run(&["answer", "ACC-01", "--level", "3"]).success();
    acme.run(&["sync"]).success();
    bob.run(&["answer", "NET-01", "--level", "2"]).success();
    cache_everything(&sandbox, &bob, "bob");
    let out = bob.run(&["sync"]).success();
    assert!(
        out.stdout.contains("merged the changes of origin"),
        "{}",
        out.stdout
    );
    let merged = status_as_parsed(&sandbox, &bob, "bob");
    assert_ne!(
        domain(&before, "ACC")["score"],
        domain(&merged, "ACC")["score"]
    );
    assert!(
        sandbox
            .read("bob/answers/ACC-01.yaml")
            .contains("level: 3\n")
    );

    // A fast-forward by plain `git pull`.
    acme.run(&["sync"]).success();
    acme.run(&["answer", "ACC-01", "--level", "0"]).success();
    acme.run(&["sync"]).success();
    cache_everything(&sandbox, &bob, "bob");
    sandbox.git("bob", &["pull", "-q", "--ff-only", "origin", "main"]);
    let pulled = status_as_parsed(&sandbox, &bob, "bob");
    assert_ne!(
        domain(&merged, "ACC")["score"],
        domain(&pulled, "ACC")["score"]
    );
}

#[test]
fn a_damaged_cache_is_no_error_and_is_written_again() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    let good = status_as_parsed(&sandbox, &acme, "acme");
    for file in CACHE {
        let path = sandbox.path(&format!("acme/{file}"));
        for damage in [
            "",
            "{ not json",
            "{\"vmsaudit\": \"0.0.0\", \"format\": 1, \"value\": 3}",
        ] {
            fs::write(&path, damage).unwrap();
            assert_eq!(acme.json(&["status", "--json"]), good);
            let kept = fs::read_to_string(&path).unwrap();
            assert!(kept.contains(env!("CARGO_PKG_VERSION")), "{kept}");
        }
    }
}
