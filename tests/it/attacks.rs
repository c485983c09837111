//! Attacks on the real binary: a disk that fails half-way, hostile paths and file names,
//! files other users can read, two writers at once. Each must be refused or handled with a
//! clear message, and leave what was saved intact.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::common::Sandbox;

/// The engagement `acme` with one answer, ACC-01.
fn engagement() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox
        .init("acme")
        .client("ACME")
        .create()
        .run(&["answer", "ACC-01", "--level", "1", "--note", "first"])
        .success();
    sandbox
}

#[test]
fn a_write_that_fails_half_way_leaves_the_previous_version_and_says_why() {
    let sandbox = engagement();
    let before = sandbox.snapshot("acme");
    let record = fs::read_to_string(sandbox.path("acme/answers/ACC-01.yaml")).unwrap();
    // 200 KB of evidence against a 64 KB file-size limit: the copy fails in the middle.
    fs::write(sandbox.path("capture.bin"), vec![7u8; 200_000]).unwrap();
    let out = sandbox.run_with_file_limit(
        128,
        &[
            "-C",
            "acme",
            "answer",
            "ACC-01",
            "--level",
            "3",
            "--evidence",
            "capture.bin",
        ],
    );
    assert_eq!(out.code, Some(1), "a runtime failure, reported: {out:?}");
    assert!(
        out.stderr.contains("capture.bin") || out.stderr.contains("evidence"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.to_lowercase().contains("file too large"),
        "says why: {}",
        out.stderr
    );
    assert_eq!(
        fs::read_to_string(sandbox.path("acme/answers/ACC-01.yaml")).unwrap(),
        record
    );
    assert_eq!(
        sandbox.snapshot("acme"),
        before,
        "no half-copied evidence, no temporary file left"
    );

    // A record write that fails: the limit is below the size of the new record.
    let long_note = "x".repeat(4_000);
    let out = sandbox.run_with_file_limit(
        4,
        &[
            "-C", "acme", "answer", "ACC-01", "--level", "2", "--note", &long_note,
        ],
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        fs::read_to_string(sandbox.path("acme/answers/ACC-01.yaml")).unwrap(),
        record
    );
    sandbox.run(&["-C", "acme", "status"]).success();
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn hostile_evidence_names_are_refused_before_anything_is_written() {
    let sandbox = engagement();
    let before = sandbox.snapshot("acme");
    for name in [
        "with\nnewline.png",
        "bell\u{7}.png",
        "esc\u{1b}[2J.png",
        ".hidden.png",
    ] {
        fs::write(sandbox.path(name), "x").unwrap();
        let out = sandbox
            .run(&["-C", "acme", "answer", "ACC-01", "--evidence", name])
            .failure(2);
        assert!(
            out.stderr.contains("cannot name a file of the engagement"),
            "{name:?}: {}",
            out.stderr
        );
        assert!(
            !out.stderr.contains('\u{1b}') && !out.stderr.contains('\u{7}'),
            "the message is safe to print"
        );
    }
    let long = format!("{}.png", "a".repeat(220));
    fs::write(sandbox.path(&long), "x").unwrap();
    sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--evidence", &long])
        .failure(2);
    // A link to a file outside, even one the user may read, is never copied in.
    std::os::unix::fs::symlink("/etc/hostname", sandbox.path("host.txt")).unwrap();
    let out = sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--evidence", "host.txt"])
        .failure(2);
    assert!(out.stderr.contains("symbolic link"), "{}", out.stderr);
    assert_eq!(sandbox.snapshot("acme"), before);

    // A path with `..` or an absolute path names the source, never the destination: the copy
    // lands under evidence/ACC-01/ by its file name.
    fs::create_dir(sandbox.path("dir")).unwrap();
    fs::write(sandbox.path("dir/scan.txt"), "nmap").unwrap();
    sandbox
        .run(&[
            "-C",
            "acme",
            "answer",
            "ACC-01",
            "--evidence",
            "acme/../dir/scan.txt",
        ])
        .success();
    let absolute = sandbox.path("dir/scan.txt").display().to_string();
    sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--evidence", &absolute])
        .success();
    assert!(sandbox.path("acme/evidence/ACC-01/scan.txt").is_file());
    assert!(
        !sandbox.path("acme/evidence/ACC-01/scan-2.txt").exists(),
        "same content, reused"
    );
}

#[test]
fn a_linked_template_override_is_refused() {
    let sandbox = engagement();
    fs::create_dir(sandbox.path("acme/templates")).unwrap();
    fs::write(sandbox.path("secret.txt"), "other user's notes").unwrap();
    std::os::unix::fs::symlink(
        sandbox.path("secret.txt"),
        sandbox.path("acme/templates/plan.md.tera"),
    )
    .unwrap();
    let out = sandbox
        .run(&["-C", "acme", "report", "-o", "r.md"])
        .failure(2);
    assert!(
        out.stderr
            .contains("templates/plan.md.tera: is a symbolic link"),
        "{}",
        out.stderr
    );
    assert!(!sandbox.path("r.md").exists());
}

#[test]
fn an_engagement_others_can_read_is_flagged_with_the_fix() {
    let sandbox = engagement();
    let root = sandbox.path("acme");
    fs::set_permissions(&root, fs::Permissions::from_mode(0o755)).unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).success();
    let warning = out
        .stderr
        .lines()
        .find(|line| line.starts_with("warning:"))
        .unwrap();
    assert!(
        warning.contains("can be read by other users (mode 755)"),
        "{warning}"
    );
    let fix = warning.split('`').nth(1).unwrap();
    assert!(fix.starts_with("chmod -R go-rwx"), "{fix}");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(fix)
        .status()
        .unwrap();
    assert!(status.success());
    let out = sandbox.run(&["-C", "acme", "status"]).success();
    assert!(!out.stderr.contains("warning:"), "{}", out.stderr);
}

#[test]
fn two_commands_writing_at_once_both_land() {
    let sandbox = engagement();
    let mut children = Vec::new();
    for (control, level) in [
        ("ACC-02", "2"),
        ("ACC-03", "3"),
        ("NET-01", "1"),
        ("NET-02", "0"),
    ] {
        children.push(
            sandbox
                .command(&["-C", "acme", "answer", control, "--level", level])
                .spawn()
                .unwrap(),
        );
    }
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let log = sandbox.git("acme", &["log", "--format=%s"]);
    for subject in [
        "ACC-02: level 2",
        "ACC-03: level 3",
        "NET-01: level 1",
        "NET-02: level 0",
    ] {
        assert!(log.contains(subject), "{subject} missing from\n{log}");
    }
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn files_of_fifty_megabytes_are_refused_without_being_read() {
    let sandbox = engagement();
    let big = vec![b'a'; 50 * 1024 * 1024];
    fs::write(sandbox.path("huge.yaml"), &big).unwrap();
    let out = sandbox.run(&["grid", "check", "huge.yaml"]).failure(2);
    assert!(
        out.stderr
            .contains("huge.yaml: the file is larger than 8 MiB"),
        "{}",
        out.stderr
    );
    fs::write(sandbox.path("acme/answers/ACC-01.yaml"), &big).unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    assert!(
        out.stderr
            .contains("answers/ACC-01.yaml: the file is larger than 4 MiB"),
        "{}",
        out.stderr
    );
    // The way back names the file, and goes to a version before the commit: `git checkout
    // -- FILE` would bring back the same committed file.
    crate::common::says(
        &out.stderr,
        &["git log -- answers/ACC-01.yaml", "git revert"],
    );
    assert!(!out.stderr.contains("<file>"), "{}", out.stderr);
}

#[test]
fn no_save_writes_a_record_larger_than_a_read_accepts() {
    let sandbox = engagement();
    let acme = sandbox.in_dir("acme");
    // 3.6 MB of text is over 4 MiB once indented in the YAML: refused, nothing written.
    fs::write(sandbox.path("capture.log"), "tcp open 22\n".repeat(300_000)).unwrap();
    let told = acme.refused(
        &[
            "answer",
            "ACC-02",
            "--level",
            "1",
            "--note-file",
            "capture.log",
        ],
        "answers/ACC-02.yaml would be 4,200,",
    );
    crate::common::says(&told, &["4 MiB", "nothing was saved", "evidence file"]);
    // The inventory grows by rows: a big import is refused the same way.
    let mut csv = String::from("ID,Kind,Vendor,Model,Firmware,Address,Location\n");
    for n in 0..40_000 {
        csv.push_str(&format!(
            "CAM-{n:05},camera,Hikvision,DS-2CD2143G0-I,V5.5.0 build 170725,10.{}.{}.{},Quai {n}\n",
            n / 65536,
            (n / 256) % 256,
            n % 256
        ));
    }
    fs::write(sandbox.path("cameras.csv"), csv).unwrap();
    let told = acme.refused(&["asset", "import", "cameras.csv"], "assets.yaml would be ");
    crate::common::says(&told, &["import fewer rows"]);
    // In French too, and the engagement still opens.
    let told = acme.refused(
        &[
            "--lang",
            "fr",
            "answer",
            "ACC-02",
            "--level",
            "1",
            "--note-file",
            "capture.log",
        ],
        "answers/ACC-02.yaml ferait 4\u{202f}200\u{202f}",
    );
    crate::common::says(&told, &["rien n'a été enregistré", "fichier de preuve"]);
    acme.run(&["status"]).success();
    // Just under the limit, the reference of a file to attach is what tips the record over:
    // refused before the file is copied (`refused` compares every file).
    fs::write(sandbox.path("short.log"), "x".repeat(1000)).unwrap();
    acme.run(&[
        "answer",
        "ACC-03",
        "--level",
        "1",
        "--note-file",
        "short.log",
    ])
    .success();
    let overhead = fs::metadata(sandbox.path("acme/answers/ACC-03.yaml"))
        .unwrap()
        .len()
        - 1000;
    let near = 4 * 1024 * 1024 - usize::try_from(overhead).unwrap() - 10;
    fs::write(sandbox.path("near.log"), "x".repeat(near)).unwrap();
    fs::write(sandbox.path("proof.txt"), "proof").unwrap();
    acme.refused(
        &[
            "answer",
            "ACC-03",
            "--note-file",
            "near.log",
            "--evidence",
            "proof.txt",
        ],
        "answers/ACC-03.yaml would be",
    );
    acme.run(&["answer", "ACC-03", "--note-file", "near.log"])
        .success();
}

/// Commits `link` → `target` in the engagement, as a co-auditor's push would bring it.
fn commit_link(sandbox: &Sandbox, link: &str, target: &std::path::Path) {
    let path = sandbox.path(&format!("acme/{link}"));
    if path.is_dir() {
        fs::remove_dir_all(&path).unwrap();
    } else if path.exists() {
        fs::remove_file(&path).unwrap();
    }
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, &path).unwrap();
    sandbox.git("acme", &["add", "-f", "-A", "."]);
    sandbox.git("acme", &["commit", "-q", "-m", "planted link"]);
}

#[test]
fn committed_links_are_refused_and_named_whatever_they_point_to() {
    let cases: [(&str, bool); 6] = [
        ("reports/draft", true),
        ("findings", true),
        ("evidence/ACC-04", true),
        ("templates", true),
        ("answers/ACC-10.yaml", false),
        ("templates/report.en.md.tera", false),
    ];
    for (link, to_folder) in cases {
        let sandbox = engagement();
        let outside = sandbox.path("victim");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("report.md"), "the victim's own report\n").unwrap();
        let target = if to_folder {
            outside.clone()
        } else {
            let file = outside.join("file.yaml");
            fs::write(&file, "control: ACC-10\nlevel: 3\n").unwrap();
            file
        };
        commit_link(&sandbox, link, &target);
        let victim_before = sandbox.snapshot("victim");
        let before = sandbox.snapshot("acme");
        for args in [
            &["-C", "acme", "report"][..],
            &["-C", "acme", "status"],
            &[
                "-C",
                "acme",
                "finding",
                "add",
                "--title",
                "Weak",
                "--domain",
                "ACC",
                "--cvss",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            ],
            &["-C", "acme", "answer", "ACC-04", "--level", "2"],
        ] {
            let out = sandbox.run(args).failure(2);
            assert!(
                out.stderr.contains(link) && out.stderr.contains("link"),
                "{link}, {args:?}: names the link: {}",
                out.stderr
            );
        }
        assert_eq!(sandbox.snapshot("victim"), victim_before, "{link}");
        assert_eq!(sandbox.snapshot("acme"), before, "{link}: nothing written");
    }
}

#[test]
fn a_fifo_in_the_engagement_is_refused_without_hanging() {
    let sandbox = engagement();
    let fifo = sandbox.path("acme/answers/ACC-11.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    assert!(
        out.stderr.contains("answers/ACC-11.yaml") && out.stderr.contains("FIFO"),
        "{}",
        out.stderr
    );
}

#[test]
fn diff_into_a_closed_pipe_ends_quietly() {
    let sandbox = engagement();
    for format in ["text", "md", "json"] {
        let (reader, writer) = std::io::pipe().unwrap();
        // `| head` once it has read what it wanted: the reading end is gone.
        drop(reader);
        let output = sandbox
            .command(&["-C", "acme", "diff", "HEAD~1", "--format", format])
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("Broken pipe"), "{format}: {stderr}");
        assert_eq!(output.status.code(), Some(0), "{format}: {stderr}");
    }
}

/// `vmsaudit -C acme args...` with `VMSAUDIT_AUDITOR` set to `auditor`.
fn run_as(sandbox: &Sandbox, auditor: &std::ffi::OsStr, args: &[&str]) -> crate::common::Output {
    let mut all = vec!["-C", "acme"];
    all.extend_from_slice(args);
    let output = sandbox
        .command(&all)
        .env("VMSAUDIT_AUDITOR", auditor)
        .output()
        .unwrap();
    crate::common::Output {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_hostile_or_broken_vmsaudit_auditor_is_refused_and_not_echoed_raw() {
    use std::os::unix::ffi::OsStrExt;
    let sandbox = engagement();
    let before = sandbox.snapshot("acme");
    for auditor in [
        "Jeanne \u{202e}nitraM <jm@example.org>".as_bytes(),
        "J\u{1b}]0;PWNED\u{7}\u{1b}[2J <jm@example.org>".as_bytes(),
        b"Jeanne \xff\xfe <jm@example.org>",
    ] {
        let out = run_as(
            &sandbox,
            std::ffi::OsStr::from_bytes(auditor),
            &["answer", "ACC-01", "--level", "2"],
        );
        assert_eq!(out.code, Some(2), "{auditor:?} accepted: {out:?}");
        assert!(out.stderr.contains("VMSAUDIT_AUDITOR"), "{}", out.stderr);
        assert!(
            !out.stderr.contains('\u{1b}')
                && !out.stderr.contains('\u{7}')
                && !out.stderr.contains('\u{202e}'),
            "echoed raw: {:?}",
            out.stderr
        );
    }
    assert_eq!(sandbox.snapshot("acme"), before);
}

#[test]
fn a_record_file_name_that_is_not_utf8_is_named_not_skipped() {
    use std::os::unix::ffi::OsStrExt;
    let sandbox = engagement();
    let mut path = sandbox.path("acme/answers").into_os_string();
    path.push("/");
    path.push(std::ffi::OsStr::from_bytes(b"ACC-10\xff.yaml"));
    fs::write(&path, "control: ACC-10\nlevel: 3\n").unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    assert!(
        out.stderr.contains("answers/ACC-10") && out.stderr.contains("not valid UTF-8"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_committed_draft_report_is_detected_with_how_to_untrack_it() {
    let sandbox = engagement();
    sandbox.run(&["-C", "acme", "report"]).success();
    sandbox.git("acme", &["add", "-f", "reports/draft"]);
    sandbox.git(
        "acme",
        &["commit", "-q", "-m", "draft committed by mistake"],
    );
    let before = sandbox.snapshot("acme");
    for args in [
        &["-C", "acme", "report"][..],
        &["-C", "acme", "audit", "close", "2026-01"],
    ] {
        let out = sandbox.run(args).failure(2);
        assert!(
            out.stderr.contains("reports/draft/")
                && out.stderr.contains("git rm -r --cached -- reports/draft"),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert_eq!(sandbox.snapshot("acme"), before);
    sandbox.git(
        "acme",
        &["rm", "-r", "-q", "--cached", "--", "reports/draft"],
    );
    sandbox.git("acme", &["commit", "-q", "-m", "Untrack the draft report"]);
    sandbox.run(&["-C", "acme", "report"]).success();
    assert!(
        sandbox
            .git("acme", &["status", "--porcelain"])
            .trim()
            .is_empty(),
        "the report changes nothing tracked"
    );
}
