//! The clone's cache of parsed records (`.git/vmsaudit/cache/worktree-*`, issue 18), through
//! the real binary: what another tool changes in the working copy is seen by the next
//! command, whatever the cache holds. Each check compares what a command says with what it
//! says once the cache is gone (every file parsed again).

#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::time::Duration;

use crate::common::{self, InDir, Sandbox, says};

/// The cache's two files: `engagement.yaml` and the grid's key, then the records.
const CACHE: [&str; 2] = [
    ".git/vmsaudit/cache/worktree-head.bin",
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
            let kept = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
            assert!(kept.contains(env!("CARGO_PKG_VERSION")), "{kept}");
        }
        // Cut short, as a write killed half-way would leave it without the rename.
        let whole = fs::read(&path).unwrap();
        let half = &whole[..whole.len() / 2];
        fs::write(&path, half).unwrap();
        assert_eq!(acme.json(&["status", "--json"]), good);
        // Written again whole (its times may be written in fewer or more bytes).
        let again = fs::read(&path).unwrap();
        assert!(again.len() > half.len(), "{file}");
        assert!(
            String::from_utf8_lossy(&again).contains(env!("CARGO_PKG_VERSION")),
            "{file}"
        );
    }
}

/// The recovery's record of the folders found clean, which lets a writing command skip the
/// status of the whole working copy.
const CLEAN: &str = ".git/vmsaudit/cache/worktree-clean.bin";

/// The folders [`CLEAN`] in the engagement `dir` holds, read as the binary writes it
/// (postcard): the version, the layout's, then its value.
fn clean_folders(sandbox: &Sandbox, dir: &str) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Stat {
        _dev: u64,
        _ino: u64,
        _size: u64,
        _mtime: (i64, i64),
        _ctime: (i64, i64),
    }
    #[derive(serde::Deserialize)]
    struct Clean {
        _since: (i64, i64),
        dirs: std::collections::HashMap<String, (Stat, u64)>,
    }
    let bytes = fs::read(sandbox.path(&format!("{dir}/{CLEAN}"))).unwrap();
    let (version, _format, clean): (String, u32, Clean) = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    let mut folders: Vec<String> = clean.dirs.into_keys().collect();
    folders.sort();
    folders
}

/// Writing commands until the recovery answers from git's index and its own record of the
/// clean folders, every folder settled: what the next command then trusts. Checks that the
/// record is there, so that what follows tests the way without a status.
fn settle(sandbox: &Sandbox, engagement: &InDir, dir: &str) {
    for level in ["1", "2"] {
        std::thread::sleep(Duration::from_millis(50));
        engagement
            .run(&["answer", "NET-01", "--level", level])
            .success();
    }
    let clean = clean_folders(sandbox, dir);
    let mut folders = vec![String::new()];
    while let Some(folder) = folders.pop() {
        assert!(clean.contains(&folder), "{folder}: {clean:?}");
        for entry in fs::read_dir(sandbox.path(&format!("{dir}/{folder}"))).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            if entry.file_type().unwrap().is_dir() && name != ".git" {
                folders.push(if folder.is_empty() {
                    name
                } else {
                    format!("{folder}/{name}")
                });
            }
        }
    }
    assert_eq!(sandbox.git(dir, &["status", "--porcelain"]), "");
}

/// Adds a finding with the binary; its id.
fn add_finding(engagement: &InDir) -> String {
    engagement
        .run(&[
            "finding",
            "add",
            "--title",
            "Shared account",
            "--domain",
            "ACC",
            "--severity",
            "low",
            "--justification",
            "one site",
        ])
        .created()
}

/// The next writing command recovered `path` in a commit of its own, before its own.
#[track_caller]
fn recovered_by_next_command(sandbox: &Sandbox, engagement: &InDir, dir: &str, path: &str) {
    engagement
        .run(&["answer", "NET-01", "--level", "3"])
        .success();
    let subjects = sandbox.subjects(dir);
    assert!(
        subjects[0].starts_with("NET-01: level 3 (was "),
        "{subjects:?}"
    );
    assert_eq!(
        subjects[1],
        format!("Recover changes left uncommitted by an interrupted command: {path}")
    );
    assert_eq!(sandbox.git(dir, &["status", "--porcelain"]), "");
}

#[test]
fn what_a_command_left_uncommitted_is_found_without_a_status_of_every_file() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    acme.run(&["answer", "ACC-01", "--level", "1", "--note", "kept"])
        .success();
    add_finding(&acme);
    let answer = sandbox.path("acme/answers/ACC-01.yaml");
    let text = fs::read_to_string(&answer).unwrap();

    // Written and not committed, as a kill between the two leaves it: a new file (an atomic
    // write's rename) over the committed one.
    settle(&sandbox, &acme, "acme");
    let temporary = sandbox.path("acme/answers/.written.tmp");
    fs::write(&temporary, text.replace("level: 1\n", "level: 2\n")).unwrap();
    fs::rename(&temporary, &answer).unwrap();
    recovered_by_next_command(&sandbox, &acme, "acme", "answers/ACC-01.yaml");

    // Edited in place, the same size and modification time: only the change time moves.
    settle(&sandbox, &acme, "acme");
    let metadata = fs::metadata(&answer).unwrap();
    let text = fs::read_to_string(&answer).unwrap();
    let edited = text.replace("level: 2\n", "level: 4\n");
    assert_eq!(edited.len(), text.len());
    let file = fs::File::options().write(true).open(&answer).unwrap();
    std::io::Write::write_all(&mut &file, edited.as_bytes()).unwrap();
    file.set_modified(metadata.modified().unwrap()).unwrap();
    drop(file);
    recovered_by_next_command(&sandbox, &acme, "acme", "answers/ACC-01.yaml");

    // A record that left git's index and stayed on disk: its folder did not change.
    settle(&sandbox, &acme, "acme");
    let finding = sandbox.git("acme", &["ls-files", "findings"]);
    let finding = finding.trim();
    sandbox.git("acme", &["rm", "-q", "--cached", finding]);
    sandbox.git("acme", &["commit", "-qm", "untracked by hand"]);
    assert!(sandbox.path(&format!("acme/{finding}")).is_file());
    recovered_by_next_command(&sandbox, &acme, "acme", finding);

    // A new record put in a folder found clean before.
    settle(&sandbox, &acme, "acme");
    let copy = sandbox.path("acme/answers/ACC-02.yaml");
    fs::write(&copy, edited.replace("ACC-01", "ACC-02")).unwrap();
    recovered_by_next_command(&sandbox, &acme, "acme", "answers/ACC-02.yaml");

    // A temporary file an interrupted write left: removed, nothing committed for it.
    settle(&sandbox, &acme, "acme");
    let leftover = sandbox.path("acme/findings/.vmsaudit-k1l2.tmp");
    fs::write(&leftover, "half a finding").unwrap();
    acme.run(&["answer", "NET-01", "--level", "3"]).success();
    assert!(!leftover.exists());
    assert_eq!(sandbox.subjects("acme")[0], "NET-01: level 3 (was 2)");
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");

    // Staged and not committed, as a kill inside a commit leaves it: it goes with the next
    // commit, which is written from the whole index.
    settle(&sandbox, &acme, "acme");
    fs::write(&answer, edited.replace("level: 4\n", "level: 0\n")).unwrap();
    sandbox.git("acme", &["add", "answers/ACC-01.yaml"]);
    acme.run(&["answer", "NET-01", "--level", "3"]).success();
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    let committed = sandbox.git("acme", &["show", "HEAD:answers/ACC-01.yaml"]);
    assert!(committed.contains("level: 0\n"), "{committed}");
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn a_damaged_record_of_clean_folders_is_no_error_and_is_written_again() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    settle(&sandbox, &acme, "acme");
    let clean = sandbox.path(&format!("acme/{CLEAN}"));
    fs::write(
        &clean,
        "{\"vmsaudit\": \"0.0.0\", \"format\": 1, \"value\": []",
    )
    .unwrap();
    // A record written and not committed is found all the same.
    let answer = sandbox.path("acme/answers/NET-01.yaml");
    let text = fs::read_to_string(&answer).unwrap();
    fs::write(&answer, text.replace("level: 2\n", "level: 1\n")).unwrap();
    recovered_by_next_command(&sandbox, &acme, "acme", "answers/NET-01.yaml");
    settle(&sandbox, &acme, "acme");
}

#[test]
fn an_engagement_moved_to_a_newer_grid_keeps_both_grids_parsed() {
    // The demo's round was closed on the grid's 1.0.0; the engagement has moved to 1.1.0.
    let sandbox = Sandbox::new();
    sandbox.run(&["demo", "--no-open", "demo"]).success();
    let demo = sandbox.in_dir("demo");
    let grids = || {
        let mut grids: Vec<(String, std::time::SystemTime)> =
            fs::read_dir(sandbox.path("demo/.git/vmsaudit/cache"))
                .unwrap()
                .map(|entry| entry.unwrap())
                .filter(|entry| entry.file_name().to_string_lossy().starts_with("grid-"))
                .map(|entry| {
                    let name = entry.file_name().into_string().unwrap();
                    (name, entry.metadata().unwrap().modified().unwrap())
                })
                .collect();
        grids.sort();
        grids
    };
    demo.run(&["report"]).success();
    demo.run(&["status"]).success();
    let kept = grids();
    assert_eq!(kept.len(), 2, "{kept:?}");
    // Neither is parsed and written again by the commands that read the other.
    std::thread::sleep(Duration::from_millis(20));
    demo.run(&["report"]).success();
    demo.run(&["status"]).success();
    let tags = sandbox.git("demo", &["tag"]);
    let round = tags.trim().trim_start_matches("audit/");
    demo.run(&["diff", round]).success();
    assert_eq!(grids(), kept);
}

#[test]
fn a_one_shot_answer_reads_only_what_its_rule_reads() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    acme.run(&["answer", "ACC-01", "--level", "1", "--note", "first"])
        .success();
    acme.run(&["answer", "NET-01", "--level", "2"]).success();
    // Another control's answer committed broken with git, as a co-auditor's commit can be:
    // a copy of ACC-01's under ACC-02's name. (A level off the scale would not do: it is a
    // warning, so that the answer that mends it can run.)
    let broken = sandbox.read("acme/answers/ACC-01.yaml");
    sandbox.commit_by_hand("acme", "answers/ACC-02.yaml", &broken, "broken by hand");
    let outside =
        "answers/ACC-02.yaml:1:10: `control`: `control: ACC-01` does not match the file name";

    // Nothing is left for the recovery: the answer of ACC-01 reads neither that file nor
    // any other record, and is saved.
    acme.run(&["answer", "ACC-01", "--level", "2"]).success();
    assert_eq!(sandbox.subjects("acme")[0], "ACC-01: level 2 (was 1)");
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    // The commands that read every record say what is wrong, as the answer of that control
    // does; an unknown control is said as ever.
    acme.refused(&["status"], outside);
    acme.refused(&["answer", "ACC-02", "--level", "1"], outside);
    let stderr = acme.refused(
        &["answer", "ACC-1", "--level", "2"],
        "unknown control `ACC-1`",
    );
    assert!(stderr.contains("help: did you mean ACC-"), "{stderr}");

    // Something left for the recovery: every record is read and checked first, as before.
    let answer = sandbox.path("acme/answers/ACC-01.yaml");
    let text = fs::read_to_string(&answer).unwrap();
    fs::write(&answer, text.replace("level: 2\n", "level: 3\n")).unwrap();
    acme.refused(&["answer", "NET-01", "--level", "1"], outside);
    assert_eq!(
        sandbox.git("acme", &["status", "--porcelain"]),
        " M answers/ACC-01.yaml\n"
    );
    sandbox.git("acme", &["rm", "-q", "answers/ACC-02.yaml"]);
    sandbox.git("acme", &["commit", "-qm", "mended by hand"]);
    recovered_by_next_command(&sandbox, &acme, "acme", "answers/ACC-01.yaml");
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn the_references_said_after_a_one_shot_answer_are_those_of_head() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    acme.run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    let id = acme
        .run(&[
            "finding",
            "add",
            "--title",
            "Default password",
            "--domain",
            "ACC",
            "--severity",
            "high",
            "--justification",
            "every camera",
            "--asset",
            "CAM-012",
        ])
        .success()
        .created();
    let quiet = |out: &common::Output| {
        assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    };
    quiet(&acme.run(&["answer", "ACC-01", "--level", "1"]).success());

    // A reference left dangling by a commit made with git (a merge can do it): the answers
    // that follow say it, as every other command does, until it is mended.
    let finding = format!("findings/{id}.yaml");
    let text = sandbox.read(&format!("acme/{finding}"));
    let dangling = text.replace("- CAM-012", "- CAM-999");
    sandbox.commit_by_hand("acme", &finding, &dangling, "dangling by hand");
    for level in ["2", "3"] {
        let out = acme.run(&["answer", "ACC-01", "--level", level]).success();
        says(
            &out.stderr,
            &[
                "warning",
                &format!("findings/{id}.yaml:"),
                "unknown asset `CAM-999`",
            ],
        );
    }
    sandbox.commit_by_hand("acme", &finding, &text, "mended by hand");
    quiet(&acme.run(&["answer", "ACC-01", "--level", "1"]).success());
    quiet(&acme.run(&["answer", "ACC-01", "--level", "2"]).success());

    // An answer committed with git in between (as another clone's, merged) changes no
    // reference: the next answer still reads none of the other records, not even that one,
    // broken as it is.
    let broken = sandbox.read("acme/answers/ACC-01.yaml");
    sandbox.commit_by_hand("acme", "answers/NET-01.yaml", &broken, "an answer by hand");
    quiet(&acme.run(&["answer", "ACC-01", "--level", "3"]).success());
    assert_eq!(sandbox.subjects("acme")[0], "ACC-01: level 3 (was 2)");
    acme.refused(
        &["status"],
        "answers/NET-01.yaml:1:10: `control`: `control: ACC-01` does not match the file name",
    );
}

#[test]
fn a_change_staged_with_git_goes_with_the_next_commit_even_when_git_writes_no_checksum() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    acme.run(&["answer", "NET-01", "--level", "1"]).success();
    // `feature.manyFiles` has git write twenty zero bytes where the index's checksum goes:
    // here an index that holds HEAD's tree, written by git.
    let skip = ["-c", "index.skipHash=true"];
    for step in [&["rm", "-q", "--cached"][..], &["add"][..]] {
        let args: Vec<&str> = skip
            .iter()
            .chain(step)
            .chain(&["answers/NET-01.yaml"])
            .copied()
            .collect();
        sandbox.git("acme", &args);
    }
    let index = fs::read(sandbox.path("acme/.git/index")).unwrap();
    if index[index.len() - 20..] != [0; 20] {
        eprintln!("skipped: this git writes the index's checksum whatever index.skipHash says");
        return;
    }
    // A refused command checks, under the lock, that the index holds HEAD.
    acme.refused(&["answer", "ACC-99", "--level", "1"], "unknown control");
    // A change staged with git, which writes no checksum again.
    let answer = sandbox.path("acme/answers/ACC-01.yaml");
    let text = fs::read_to_string(&answer).unwrap();
    fs::write(&answer, text.replace("level: 1\n", "level: 3\n")).unwrap();
    sandbox.git(
        "acme",
        &["-c", "index.skipHash=true", "add", "answers/ACC-01.yaml"],
    );
    acme.run(&["answer", "NET-01", "--level", "2"]).success();
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    let committed = sandbox.git("acme", &["show", "HEAD:answers/ACC-01.yaml"]);
    assert!(committed.contains("level: 3\n"), "{committed}");
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn a_record_named_like_a_pattern_is_removed_by_its_name_alone() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    acme.run(&["answer", "NET-01", "--level", "1"]).success();
    // A file whose name reads as a pattern for another, committed by hand and removed.
    let answer = sandbox.read("acme/answers/NET-01.yaml");
    sandbox.commit_by_hand("acme", "answers/NET-0[1].yaml", &answer, "a copy by hand");
    fs::remove_file(sandbox.path("acme/answers/NET-0[1].yaml")).unwrap();
    // The recovery commits the removal of that file, and of no other.
    acme.run(&["answer", "ACC-01", "--level", "2"]).success();
    let files = sandbox.git("acme", &["ls-tree", "-r", "--name-only", "HEAD", "answers"]);
    assert_eq!(files, "answers/ACC-01.yaml\nanswers/NET-01.yaml\n");
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

#[test]
fn a_one_shot_answer_notes_no_folder_its_own_change_is_about_to_change() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    settle(&sandbox, &acme, "acme");
    let clean = sandbox.path(&format!("acme/{CLEAN}"));
    let kept = || {
        (
            fs::metadata(&clean).unwrap().modified().unwrap(),
            fs::read(&clean).unwrap(),
        )
    };
    let before = kept();

    // Each answer renames a file into `answers/`: that folder is read again at every one of
    // them, and a note of it would not hold after the answer. The note is left as it was.
    for level in ["3", "4"] {
        std::thread::sleep(Duration::from_millis(50));
        acme.run(&["answer", "ACC-01", "--level", level]).success();
        assert_eq!(kept(), before, "level {level}");
    }

    // Another folder changed (a file the recovery has nothing to do with): read, and noted.
    fs::write(sandbox.path("acme/notes.txt"), "for the auditor\n").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    acme.run(&["answer", "ACC-01", "--level", "2"]).success();
    assert_ne!(kept(), before);

    // What the answers' folder holds is still looked at by every answer: a record left there
    // uncommitted is recovered by the next one.
    let answer = sandbox.read("acme/answers/ACC-01.yaml");
    fs::write(
        sandbox.path("acme/answers/ACC-02.yaml"),
        answer.replace("ACC-01", "ACC-02"),
    )
    .unwrap();
    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    assert_eq!(
        sandbox.subjects("acme")[1],
        "Recover changes left uncommitted by an interrupted command: answers/ACC-02.yaml"
    );
}

#[test]
fn a_committed_gitignore_hides_no_record_from_the_recovery() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    for control in ["ACC-01", "NET-01"] {
        acme.run(&["answer", control, "--level", "1"]).success();
    }
    // A co-auditor's commit (or the auditor's own global excludes) ignores the records.
    let ignore = "answers/\nfindings/\nactions/\n*.pcap\n*.pdf\n";
    sandbox.commit_by_hand("acme", ".gitignore", ignore, "ignore");
    let finding = format!("findings/{}.yaml", add_finding(&acme));
    assert_eq!(
        sandbox.git("acme", &["ls-files", &finding]).trim(),
        finding,
        "a record vmsaudit writes is committed, ignored or not"
    );

    // Written and not committed, as a kill between the two leaves it: the next command
    // commits it, ignored or not.
    let answer = sandbox.read("acme/answers/ACC-01.yaml");
    let copy = answer.replace("ACC-01", "ACC-02");
    fs::write(sandbox.path("acme/answers/ACC-02.yaml"), copy).unwrap();
    recovered_by_next_command(&sandbox, &acme, "acme", "answers/ACC-02.yaml");

    // The only record of an ignored folder, out of git's index (a status does not look
    // inside such a folder at all).
    let id = finding
        .trim_start_matches("findings/")
        .trim_end_matches(".yaml");
    acme.run(&["answer", "NET-01", "--level", "2"]).success();
    let action = acme
        .run(&[
            "action",
            "add",
            "--title",
            "Separate the accounts",
            "--addresses",
            id,
            "--complexity",
            "low",
            "--owner",
            "client",
        ])
        .created();
    let action = format!("actions/{action}.yaml");
    sandbox.git("acme", &["rm", "-q", "--cached", &action]);
    sandbox.git("acme", &["commit", "-qm", "untracked by hand"]);
    recovered_by_next_command(&sandbox, &acme, "acme", &action);

    // What ignore rules keep out of git on purpose, and no load reads, stays out: evidence
    // the auditor keeps to themselves, a report printed beside a round's, an editor's swap
    // files (ignored or not: a name that starts with a dot is never a record).
    let kept_out = [
        "evidence/ACC-01/raw.pcap",
        "reports/2026-02/rapport.pdf",
        "answers/.ACC-01.yaml.swp",
        "findings/.notes.swp",
        "templates/.plan.md.tera.swp",
    ];
    for path in kept_out {
        sandbox.write(&format!("acme/{path}"), "kept out");
    }
    // A name that is not UTF-8 where only the CVE pack's reader looks: no record, and no
    // reason for the recovery's status to fail.
    let cves = sandbox.path("acme/cves");
    fs::create_dir_all(&cves).unwrap();
    let name = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b"CVE-\xff.yaml");
    fs::write(cves.join(name), "id: CVE-2021-36260\n").unwrap();
    acme.run(&["answer", "ACC-01", "--level", "2"]).success();
    assert_eq!(sandbox.subjects("acme")[0], "ACC-01: level 2 (was 1)");
    fs::remove_file(cves.join(name)).unwrap();
    acme.run(&["answer", "NET-01", "--level", "4"]).success();
    // Nor are they taken for leftovers by the check without a status: their folders are
    // found clean, and the next commands do not look at them again.
    let clean = clean_folders(&sandbox, "acme");
    for folder in ["evidence/ACC-01", "reports/2026-02", "templates"] {
        assert!(clean.contains(&folder.to_owned()), "{folder}: {clean:?}");
    }
    // Nor do they stop a round from closing, as changes not committed would.
    acme.run(&["audit", "close", "2026-03"]).success();
    for path in kept_out {
        assert_eq!(sandbox.git("acme", &["ls-files", "--", path]), "", "{path}");
        assert!(
            sandbox.path(&format!("acme/{path}")).is_file(),
            "{path} is kept"
        );
    }
}
