//! The real binary in a real terminal: tmux runs it, `send-keys` types, `capture-pane`
//! reads the screen. Skipped, with a message, where tmux is not installed (CI installs it).

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{BIN, NOW, Sandbox, installed};

/// A private tmux server for one test, killed when the test ends.
struct Tmux<'a> {
    socket: String,
    sandbox: &'a Sandbox,
}

impl<'a> Tmux<'a> {
    /// `None` (and a note on stderr) when tmux is not installed.
    fn new(sandbox: &'a Sandbox, name: &str) -> Option<Self> {
        if !installed("tmux", "-V") {
            return None;
        }
        Some(Tmux {
            socket: format!("vmsaudit-test-{name}-{}", std::process::id()),
            sandbox,
        })
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    /// Starts `vmsaudit ARGS` in a 100×30 window of session `name`; after it exits, the pane
    /// shows its exit code and stays open a while for the test to read it.
    fn start(&self, name: &str, args: &str) {
        self.start_after(name, "true", args);
    }

    /// [`Tmux::start`], once the shell command `before` has run.
    fn start_after(&self, name: &str, before: &str, args: &str) {
        self.start_sized(name, before, args, (100, 30));
    }

    /// [`Tmux::start_after`] in a window of `size` (columns, rows).
    fn start_sized(&self, name: &str, before: &str, args: &str, size: (u16, u16)) {
        let (width, height) = (size.0.to_string(), size.1.to_string());
        let command = format!(
            "{before}; cd '{}' && HOME='{}' VMSAUDIT_NOW={NOW} TERM=xterm-256color '{BIN}' {args}; echo EXIT:$?; sleep 30",
            self.sandbox.path("").display(),
            self.sandbox.path("").display(),
        );
        let out = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &width,
            "-y",
            &height,
            "sh",
            "-c",
            &command,
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn screen(&self, name: &str) -> String {
        String::from_utf8(self.tmux(&["capture-pane", "-p", "-t", name]).stdout).unwrap()
    }

    #[track_caller]
    fn wait_for(&self, name: &str, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen(name);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "{text:?} never appeared on the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, name: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", name];
        args.extend(keys);
        assert!(self.tmux(&args).status.success());
    }

    fn type_text(&self, name: &str, text: &str) {
        assert!(
            self.tmux(&["send-keys", "-t", name, "-l", text])
                .status
                .success()
        );
    }
}

impl Drop for Tmux<'_> {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// The pid the engagement's lock names: the checklist holding it.
fn lock_pid(sandbox: &Sandbox) -> String {
    let holder = fs::read_to_string(sandbox.path("acme/.git/vmsaudit/lock")).unwrap();
    holder
        .lines()
        .find_map(|line| line.strip_prefix("pid="))
        .unwrap()
        .to_owned()
}

#[track_caller]
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn levels_and_observations_typed_in_the_terminal_are_saved_and_committed() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "edit") else {
        return;
    };
    sandbox.init("acme").create();
    tmux.start("main", "-C acme");
    tmux.wait_for("main", "Checklist");
    tmux.keys("main", &["2"]);
    tmux.wait_for("main", "ACC-01: level 2");
    tmux.keys("main", &["j", "3"]);
    tmux.wait_for("main", "ACC-02: level 3");
    tmux.keys("main", &["Enter"]);
    tmux.wait_for("main", "Ctrl-S save");
    tmux.type_text("main", "MFA missing on the VMS web client");
    tmux.wait_for("main", "web client");
    tmux.keys("main", &["C-s"]);
    tmux.wait_for("main", "ACC-02: observations saved");
    tmux.keys("main", &["q"]);
    let screen = tmux.wait_for("main", "EXIT:0");
    assert!(
        !screen.contains("Checklist"),
        "the terminal left the alternate screen:\n{screen}"
    );

    let log = sandbox.git("acme", &["log", "--format=%an|%s"]);
    let subjects: Vec<&str> = log.lines().take(3).collect();
    assert_eq!(
        subjects,
        [
            "Jeanne Martin|ACC-02: observations updated",
            "Jeanne Martin|ACC-02: level 3",
            "Jeanne Martin|ACC-01: level 2",
        ]
    );
    let record = fs::read_to_string(sandbox.path("acme/answers/ACC-02.yaml")).unwrap();
    assert!(
        record.contains("level: 3\nobservations: MFA missing on the VMS web client\n"),
        "{record}"
    );
    sandbox.git("acme", &["fsck", "--strict"]);
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

#[test]
fn a_hang_up_while_typing_keeps_a_draft_offered_on_the_next_start() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "hangup") else {
        return;
    };
    sandbox.init("acme").create();
    tmux.start("first", "-C acme");
    tmux.wait_for("first", "Checklist");
    tmux.keys("first", &["Enter"]);
    tmux.wait_for("first", "Ctrl-S save");
    tmux.type_text("first", "typed just before the link dropped");
    tmux.wait_for("first", "link dropped");
    // Closing the session hangs up the terminal: the process gets SIGHUP.
    assert!(tmux.tmux(&["kill-session", "-t", "first"]).status.success());

    let draft = sandbox.path("acme/.git/vmsaudit/drafts/ACC-01.md");
    wait_until("the draft is on disk", || {
        fs::read_to_string(&draft).is_ok_and(|text| text == "typed just before the link dropped")
    });
    assert_eq!(
        sandbox.git("acme", &["status", "--porcelain"]),
        "",
        "a draft is never committed"
    );

    tmux.start("second", "-C acme");
    let screen = tmux.wait_for("second", "Unsaved observations recovered");
    assert!(
        screen.contains("typed just before the link dropped"),
        "{screen}"
    );
    tmux.keys("second", &["Enter"]);
    tmux.wait_for("second", "Ctrl-S save");
    tmux.keys("second", &["Escape"]);
    tmux.wait_for("second", "draft kept");
    tmux.keys("second", &["n"]);
    tmux.wait_for("second", "Ctrl-S save");
    tmux.keys("second", &["C-s"]);
    tmux.wait_for("second", "ACC-01: not applicable");
    tmux.keys("second", &["q"]);
    tmux.wait_for("second", "EXIT:0");
    let record = fs::read_to_string(sandbox.path("acme/answers/ACC-01.yaml")).unwrap();
    assert!(
        record.contains("observations: typed just before the link dropped"),
        "{record}"
    );
    assert!(!draft.exists(), "the draft goes once saved");
}

/// Typing (or a paste the terminal does not bracket) arrives in one burst of more than the
/// 1 KiB crossterm reads at a time: every byte is taken at once, not 1 KiB per later key, and
/// a hang-up right after keeps all of it.
#[test]
fn a_burst_of_typed_text_over_a_kibibyte_is_taken_whole() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "burst") else {
        return;
    };
    sandbox.init("acme").create();
    tmux.start("burst", "-C acme");
    tmux.wait_for("burst", "Checklist");
    tmux.keys("burst", &["Enter"]);
    tmux.wait_for("burst", "Ctrl-S save");
    let text = format!("{}FINISHED", "camera ".repeat(330));
    assert!(text.len() > 2048);
    tmux.type_text("burst", &text);
    tmux.wait_for("burst", "FINISHED");
    assert!(tmux.tmux(&["kill-session", "-t", "burst"]).status.success());
    let draft = sandbox.path("acme/.git/vmsaudit/drafts/ACC-01.md");
    wait_until("the whole text is in the draft", || {
        fs::read_to_string(&draft).is_ok_and(|kept| kept == text)
    });
}

/// The link drops while `$EDITOR` runs, after it wrote its file: the next start offers that
/// text back as a draft. An empty `VISUAL` names no editor: `EDITOR` is run.
#[test]
fn a_hang_up_while_the_external_editor_runs_keeps_what_it_wrote() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "editor-hangup") else {
        return;
    };
    sandbox.init("acme").create();
    let editor = sandbox.path("slow-editor");
    fs::write(
        &editor,
        "#!/bin/sh
printf 'written in the editor' > \"$1\"\necho EDITING\nsleep 60\n",
    )
    .unwrap();
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let before = format!("export VISUAL='' EDITOR='{}'", editor.display());
    tmux.start_after("first", &before, "-C acme");
    tmux.wait_for("first", "ACC-01");
    tmux.keys("first", &["E"]);
    tmux.wait_for("first", "EDITING");
    let pid = lock_pid(&sandbox);
    assert!(tmux.tmux(&["kill-session", "-t", "first"]).status.success());
    wait_until("the checklist is gone", || {
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
    });
    tmux.start("second", "-C acme");
    let screen = tmux.wait_for("second", "Unsaved observations recovered");
    assert!(screen.contains("written in the editor"), "{screen}");
    tmux.keys("second", &["d"]);
    tmux.keys("second", &["q"]);
    tmux.wait_for("second", "EXIT:0");
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

/// `$EDITOR` killed by a signal: the status line says so, in the engagement's language, and
/// what it had written is kept as a draft.
#[test]
fn an_external_editor_killed_by_a_signal_is_said_so_and_its_text_kept() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "editor-killed") else {
        return;
    };
    sandbox.init("acme").create();
    let editor = sandbox.path("killed-editor");
    fs::write(
        &editor,
        "#!/bin/sh\nprintf 'written before the crash' > \"$1\"\nkill -KILL $$\n",
    )
    .unwrap();
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let before = format!(
        "export VISUAL='{}' EDITOR='{}'",
        editor.display(),
        editor.display()
    );
    tmux.start_after("en", &before, "-C acme");
    tmux.wait_for("en", "ACC-01");
    tmux.keys("en", &["E"]);
    tmux.wait_for("en", "$EDITOR: the editor was stopped by signal 9");
    tmux.keys("en", &["q"]);
    tmux.wait_for("en", "EXIT:0");
    let draft = sandbox.path("acme/.git/vmsaudit/drafts/ACC-01.md");
    assert_eq!(
        fs::read_to_string(&draft).unwrap(),
        "written before the crash"
    );

    tmux.start_after("fr", &before, "-C acme --lang fr");
    tmux.wait_for("fr", "written before the crash");
    tmux.keys("fr", &["Escape"]);
    // Alone: an Escape followed at once by a key reads as Alt and that key.
    wait_until("the recovered draft is put off", || {
        !tmux.screen("fr").contains("written before the crash")
    });
    tmux.keys("fr", &["E"]);
    tmux.wait_for("fr", "$EDITOR: l'éditeur a été arrêté par le signal 9");
    tmux.keys("fr", &["q"]);
    tmux.wait_for("fr", "EXIT:0");
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

/// A stop signal sent to the checklist alone while `$EDITOR` is open is passed on to the
/// editor as a hang-up: it does not outlive vmsaudit, and what it saves then is a draft.
#[test]
fn a_signal_to_the_checklist_while_the_editor_is_open_ends_the_editor_too() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "editor-term") else {
        return;
    };
    sandbox.init("acme").create();
    let editor = sandbox.path("hangup-editor");
    let running = sandbox.path("editor-running");
    fs::write(
        &editor,
        format!(
            "#!/bin/sh\ntouch '{running}'\ntrap 'printf \"saved on hang-up\" > \"$1\"; rm -f \"{running}\"; exit 1' HUP\n\
             while :; do sleep 0.05; done\n",
            running = running.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let before = format!("export VISUAL='{}'", editor.display());
    tmux.start_after("en", &before, "-C acme");
    tmux.wait_for("en", "ACC-01");
    tmux.keys("en", &["E"]);
    wait_until("the editor runs", || running.exists());
    let pid = lock_pid(&sandbox);
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    tmux.wait_for("en", "EXIT:");
    // The editor got the hang-up and ended (before, it ran on, orphaned, reading the
    // terminal with the shell); what it saved then is the draft the next start offers.
    assert!(!running.exists(), "the editor is still running");
    let draft = sandbox.path("acme/.git/vmsaudit/drafts/ACC-01.md");
    assert_eq!(fs::read_to_string(&draft).unwrap(), "saved on hang-up");
}

#[test]
fn a_second_writer_is_refused_with_who_holds_the_lock_and_a_killed_one_leaves_none() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "lock") else {
        return;
    };
    sandbox.init("acme").create();
    tmux.start("first", "-C acme");
    tmux.wait_for("first", "Checklist");

    tmux.start("second", "-C acme open");
    let screen = tmux.wait_for("second", "EXIT:");
    assert!(
        screen.contains("the engagement is in use: the interactive checklist"),
        "{screen}"
    );
    assert!(screen.contains("EXIT:1"), "{screen}");
    let before = sandbox.snapshot("acme");
    let out = sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--level", "1"])
        .failure(1);
    assert!(
        out.stderr.contains("(pid "),
        "names the holder: {}",
        out.stderr
    );
    assert_eq!(sandbox.snapshot("acme"), before);

    // A killed checklist leaves no lock behind.
    let pid = lock_pid(&sandbox);
    assert!(
        Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .unwrap()
            .success()
    );
    wait_until("the killed process is gone", || {
        !Command::new("kill")
            .args(["-0", &pid])
            .status()
            .unwrap()
            .success()
    });
    sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--level", "1"])
        .success();
    tmux.start("third", "-C acme");
    tmux.wait_for("third", "Checklist");
}

#[test]
fn the_terminal_is_restored_after_sigterm() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "term") else {
        return;
    };
    sandbox.init("acme").create();
    tmux.start("main", "-C acme");
    tmux.wait_for("main", "Checklist");
    let pid = lock_pid(&sandbox);
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let screen = tmux.wait_for("main", "EXIT:0");
    assert!(
        !screen.contains("Checklist"),
        "left the alternate screen:\n{screen}"
    );
    // Raw mode is off again: the shell's echo works.
    let mode = tmux.tmux(&["display-message", "-p", "-t", "main", "#{alternate_on}"]);
    assert_eq!(String::from_utf8_lossy(&mode.stdout).trim(), "0");
}

#[test]
fn every_screen_restores_the_terminal_on_sighup_sigterm_and_sigint() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "screens") else {
        return;
    };
    sandbox.init("acme").create();
    let screens = ["Checklist", "Findings", "Action plan", "Assets", "Summary"];
    for (index, screen) in screens.iter().enumerate() {
        for signal in ["HUP", "TERM", "INT"] {
            let name = format!("s{index}{signal}");
            tmux.start(&name, "-C acme");
            tmux.wait_for(&name, "Checklist");
            for _ in 0..index {
                tmux.keys(&name, &["Tab"]);
            }
            // The active screen's title is drawn in reverse video; its content differs.
            tmux.wait_for(&name, screen);
            let pid = lock_pid(&sandbox);
            assert!(
                Command::new("kill")
                    .args([&format!("-{signal}"), &pid])
                    .status()
                    .unwrap()
                    .success()
            );
            let shown = tmux.wait_for(&name, "EXIT:");
            assert!(
                !shown.contains("Checklist"),
                "{screen} after SIG{signal}: left the alternate screen:\n{shown}"
            );
            let mode = tmux.tmux(&["display-message", "-p", "-t", &name, "#{alternate_on}"]);
            assert_eq!(
                String::from_utf8_lossy(&mode.stdout).trim(),
                "0",
                "{screen} SIG{signal}"
            );
            assert!(!sandbox.path("acme/.git/index.lock").exists());
        }
    }
}

#[test]
fn a_change_redraws_only_what_changed() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "wire") else {
        return;
    };
    sandbox.init("acme").create();
    let log = sandbox.path("wire.bytes");
    // Everything the binary writes to its terminal from its first frame on, as tmux gets
    // it: the binary starts a moment after the pane, once its output is copied.
    tmux.start_after("main", "sleep 1", "-C acme");
    assert!(
        tmux.tmux(&[
            "pipe-pane",
            "-O",
            "-t",
            "main",
            &format!("cat > '{}'", log.display())
        ])
        .status
        .success()
    );
    tmux.wait_for("main", "Checklist");
    let size = || fs::metadata(&log).map_or(0, |m| m.len());
    // The output has settled when the file stops growing for a moment.
    let settled = || {
        let mut last = size();
        let mut still = Instant::now();
        while still.elapsed() < Duration::from_millis(400) {
            std::thread::sleep(Duration::from_millis(25));
            if size() != last {
                last = size();
                still = Instant::now();
            }
        }
        last
    };
    let first_frame = settled();
    tmux.keys("main", &["2"]);
    tmux.wait_for("main", "ACC-01: level 2");
    let level = settled() - first_frame;
    tmux.keys("main", &["j"]);
    tmux.wait_for("main", "ACC-02");
    let moved = settled() - first_frame - level;
    eprintln!("first frame {first_frame} bytes, set a level {level}, one control down {moved}");
    // A full repaint of the 100×30 window is the first frame again; a level changes a few
    // cells and the status line, a move the selection and the control's details.
    assert!(first_frame > 3_000, "{first_frame}");
    assert!(level * 8 < first_frame, "{level} of {first_frame}");
    assert!(moved * 2 < first_frame, "{moved} of {first_frame}");
    tmux.keys("main", &["q"]);
    tmux.wait_for("main", "EXIT:0");
}

/// The French demo in a real 80×24 terminal: every screen and the help read French, a level
/// set says so in French, and no label of the English interface shows.
#[test]
fn the_french_demo_reads_french_on_every_screen_of_a_real_terminal() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "fr") else {
        return;
    };
    tmux.start_sized("main", "true", "demo --lang fr demo", (80, 24));
    tmux.wait_for("main", "Contrôles");
    let english = [
        "Checklist",
        "Findings",
        "Action plan",
        "Assets",
        "Summary",
        "History",
        "answered",
        " quit ",
        " keys ",
        " move ",
        "Enter ",
        "Esc ",
        "level ",
    ];
    let mut screens = Vec::new();
    for title in [
        "Vulnérabilités",
        "Plan d'action",
        "Inventaire",
        "Synthèse",
        "Historique",
        "Contrôles",
    ] {
        tmux.keys("main", &["Tab"]);
        screens.push(tmux.wait_for("main", title));
        tmux.keys("main", &["?"]);
        screens.push(tmux.wait_for("main", "Touches"));
        tmux.keys("main", &["Space"]);
    }
    tmux.keys("main", &["3"]);
    screens.push(tmux.wait_for("main", "ACC-01\u{a0}: niveau 3"));
    for screen in &screens {
        for word in english {
            assert!(
                !screen.contains(word),
                "English {word:?} on a French screen:\n{screen}"
            );
        }
    }
    tmux.keys("main", &["q"]);
    tmux.wait_for("main", "EXIT:0");
}

/// What an auditor types in a walkthrough, in the engagement's language.
struct Typed {
    observations: &'static str,
    why_not_applicable: &'static str,
    evidence_note: &'static str,
    finding: &'static str,
    action: &'static str,
}

/// The labels of the interface in `other` that the interface in `lang` does not share, long
/// enough to be words rather than key names.
fn labels_only_in(other: vmsaudit::grid::Lang, lang: vmsaudit::grid::Lang) -> Vec<String> {
    let theirs = serde_json::to_value(vmsaudit::tui::strings::strings(other)).unwrap();
    let ours = serde_json::to_value(vmsaudit::tui::strings::strings(lang)).unwrap();
    theirs
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(key, value)| {
            let text = value.as_str()?.trim();
            // "close" is French too (« campagne close »), "Question" and "Description" both.
            (text.chars().count() >= 5
                && ours[key].as_str().map(str::trim) != Some(text)
                && text != "close")
                .then(|| text.to_owned())
        })
        .collect()
}

/// Whether `label` stands in `screen` as words of its own, not inside a word or a path
/// (`reports/draft/`).
fn shows(screen: &str, label: &str) -> bool {
    let joined = |c: char| c.is_alphanumeric() || c == '/';
    screen.match_indices(label).any(|(at, _)| {
        let before = screen[..at].chars().next_back();
        let after = screen[at + label.len()..].chars().next();
        !before.is_some_and(joined) && !after.is_some_and(joined)
    })
}

/// A small but whole audit in the checklist of a real 80×24 terminal, as an auditor does
/// it: a level, observations, a control not applicable, evidence with its note, a finding
/// and its action, assets imported and matched against the CVE pack, the scope, the draft
/// report, and the round closed. Each step is said on the screen in the engagement's
/// language, no label of the other language shows, and each change is one commit.
fn walkthrough(lang: vmsaudit::grid::Lang, typed: &Typed) {
    use vmsaudit::grid::Lang;
    let code = lang.code();
    let other = Lang::ALL.into_iter().find(|other| *other != lang).unwrap();
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, &format!("walk-{code}")) else {
        return;
    };
    sandbox.init("acme").lang(code).create();
    fs::write(sandbox.path("proof.txt"), "show running-config\n").unwrap();
    fs::write(
        sandbox.path("inventory.csv"),
        "id,kind,vendor,model,firmware,address\nCAM-001,camera,Hikvision,DS-2CD2121G0-I,V5.5.0 build 170725,10.20.0.11\n",
    )
    .unwrap();
    let s = vmsaudit::tui::strings::strings(lang);
    let foreign = labels_only_in(other, lang);
    assert!(foreign.len() > 100, "the other table is read");
    tmux.start_sized("main", "true", "-C acme", (80, 24));
    let mut screens = vec![tmux.wait_for("main", s.checklist)];
    let mut step = |keys: &[&str], text: &str, expect: &str| {
        tmux.keys("main", keys);
        if !text.is_empty() {
            tmux.type_text("main", text);
        }
        screens.push(tmux.wait_for("main", expect));
    };

    step(&["2"], "", &format!("ACC-01{}{} 2", s.colon, s.said_level));
    step(&["Enter"], typed.observations, s.editor_keys);
    step(&["C-s"], "", s.said_observations);
    step(&["j", "n"], typed.why_not_applicable, s.editor_na);
    step(&["C-s"], "", s.said_na);
    step(&["a"], "proof.txt", s.evidence_prompt);
    step(&["Enter"], typed.evidence_note, s.evidence_note_prompt);
    step(&["Enter"], "", s.said_evidence);
    // A finding about ACC-02, scored by its vector (the sixth row of the form).
    step(&["f", "Enter", "C-u"], typed.finding, typed.finding);
    step(
        &["Enter", "Down", "Down", "Down", "Down", "Down", "Enter"],
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N",
    );
    step(&["Enter", "C-s"], "", s.said_created);
    // Its action, from the findings screen the save went to: a complexity and an owner
    // chosen.
    step(&["A", "Enter", "C-u"], typed.action, typed.action);
    step(
        &[
            "Enter", "Down", "Down", "Down", "Right", "Down", "Right", "C-s",
        ],
        "",
        s.said_created,
    );
    // Assets from a spreadsheet, then the pack's matches with them.
    step(&["Tab", "i"], "inventory.csv", s.import_prompt);
    step(&["Enter"], "", s.said_inventory);
    step(&["C"], "", s.cve_title);
    // Alone, and until the popup is gone: the screen behind it names CAM-001 too.
    tmux.keys("main", &["Escape"]);
    wait_until("the CVE matches are closed", || {
        !tmux.screen("main").contains(s.cve_title)
    });
    // The scope, the draft report, the round closed.
    step(&["Tab", "D"], "", s.details_title);
    // Alone: an Escape followed at once by a key reads as Alt and that key.
    step(&["Escape"], "", s.radar);
    step(&["R"], "", s.report_written);
    step(&["Tab", "c"], "", s.close_round_prompt);
    step(&["Enter"], "", s.round_closed_now);
    tmux.keys("main", &["q"]);
    tmux.wait_for("main", "EXIT:0");

    for screen in &screens {
        for label in &foreign {
            assert!(
                !shows(screen, label),
                "{label:?} of the other language on a {code} screen:\n{screen}"
            );
        }
    }
    let subjects = sandbox.subjects("acme");
    for (what, said) in [
        ("level", "ACC-01: level 2"),
        ("observations", "ACC-01: observations"),
        ("not applicable", "ACC-02: level na"),
        ("evidence", "ACC-02: evidence"),
        ("assets", "import"),
        ("round", "audit round closed"),
    ] {
        assert!(
            subjects.iter().any(|subject| subject.contains(said)),
            "no commit for the {what} ({said:?}) in:\n{subjects:#?}"
        );
    }
    for record in [
        format!("new finding \"{}\"", typed.finding),
        format!("new action \"{}\"", typed.action),
    ] {
        assert!(
            subjects.iter().any(|subject| subject.contains(&record)),
            "{record} in:\n{subjects:#?}"
        );
    }
    assert!(sandbox.path("acme/reports/draft/report.md").is_file());
    assert!(
        !sandbox
            .git("acme", &["tag", "--list", "audit/*"])
            .is_empty()
    );
}

#[test]
fn a_whole_audit_in_the_french_checklist_of_a_real_terminal() {
    walkthrough(
        vmsaudit::grid::Lang::Fr,
        &Typed {
            observations: "Comptes par défaut actifs sur le VMS",
            why_not_applicable: "Aucun accès distant dans le périmètre",
            evidence_note: "export de la configuration",
            finding: "Mots de passe par défaut",
            action: "Changer les mots de passe",
        },
    );
}

#[test]
fn a_whole_audit_in_the_english_checklist_of_a_real_terminal() {
    walkthrough(
        vmsaudit::grid::Lang::En,
        &Typed {
            observations: "Default accounts active on the VMS",
            why_not_applicable: "No remote access in scope",
            evidence_note: "configuration export",
            finding: "Default passwords",
            action: "Change the passwords",
        },
    );
}

#[test]
fn the_checklist_follows_a_grid_of_its_own_scale_and_long_domain_ids() {
    let sandbox = Sandbox::new();
    let Some(tmux) = Tmux::new(&sandbox, "owngrid") else {
        return;
    };
    let question =
        |id: &str| format!("      - {{id: {id}, title: {id}, question: \"Is {id} done?\"}}\n");
    let grid = format!(
        "id: acme\nversion: 1.0.0\nlanguages: [en]\ntitle: Acme\nscale:\n  - {{level: 0, label: None}}\n  - {{level: 1, label: Partial}}\n  - {{level: 2, label: Complete}}\ndomains:\n  - id: PWD\n    title: Passwords\n    controls:\n{}  - id: NETWORK-SEGMENTATION\n    title: Network\n    controls:\n{}",
        question("PWD-A"),
        question("NET-1"),
    );
    fs::write(sandbox.path("acme.yaml"), grid).unwrap();
    sandbox.init("acme").grid("acme.yaml").create();
    tmux.start("main", "-C acme");
    let screen = tmux.wait_for("main", "Checklist");
    // The footer's digits are the grid's levels, not the built-in grid's 0-4.
    assert!(screen.contains("0-2 level"), "{screen}");
    assert!(!screen.contains("0-4"), "{screen}");
    // The scores stay in one column whatever the length of the domain ids.
    let column = |id: &str| {
        let line = screen
            .lines()
            .find(|line| line.contains(&format!("{id} ")))
            .unwrap();
        let start = line.find(id).unwrap();
        line[start..].find('—')
    };
    assert!(column("NETWORK-SEGMENTATION").is_some(), "{screen}");
    assert_eq!(column("PWD"), column("NETWORK-SEGMENTATION"), "{screen}");
    tmux.keys("main", &["q"]);
    tmux.wait_for("main", "EXIT:0");
}
