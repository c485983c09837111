//! The interactive checklist without a terminal: every key through `App::update`, the save
//! path through the real engagement (files and commits), and the screens drawn into a
//! `TestBackend` and compared with snapshots.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vmsaudit::assessment::Level;
use vmsaudit::engagement::{AnswerChange, Engagement, InitOptions};
use vmsaudit::grid::Lang;
use vmsaudit::rules::{AssetChange, AssetPatch, Change, FindingPatch};
use vmsaudit::tui::app::{App, EditPurpose, Effect, Focus, Message, Mode, Notice, Screen};
use vmsaudit::tui::prompt::{Attach, Prompt, PromptFor};
use vmsaudit::tui::theme::Theme;
use vmsaudit::tui::view;

use crate::common::{JEANNE, Sandbox, fixture, now};

/// The demo engagement, created at a fixed time in a temporary folder.
struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Fixture {
    /// A fresh copy of the demo engagement: made once per language for the whole test
    /// binary (two rounds, a hundred commits), then copied for each test, which changes it.
    fn demo(lang: Lang) -> Self {
        static MADE: std::sync::Mutex<Vec<(Lang, tempfile::TempDir)>> =
            std::sync::Mutex::new(Vec::new());
        let template = {
            let mut made = MADE.lock().unwrap();
            if !made.iter().any(|(made_lang, _)| *made_lang == lang) {
                let dir = tempfile::tempdir().unwrap();
                vmsaudit::demo::create(&dir.path().join("demo"), lang, now()).unwrap();
                made.push((lang, dir));
            }
            let (_, dir) = made
                .iter()
                .find(|(made_lang, _)| *made_lang == lang)
                .unwrap();
            dir.path().join("demo")
        };
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("demo");
        let copied = std::process::Command::new("cp")
            .arg("-a")
            .arg(&template)
            .arg(&root)
            .status()
            .unwrap();
        assert!(copied.success());
        Fixture { _dir: dir, root }
    }

    fn app(&self, lang: Lang) -> App {
        let engagement = Engagement::open(&self.root).unwrap();
        let auditor = engagement.auditor(None).unwrap();
        let mut app = App::new(engagement, auditor, lang);
        app.set_today(jiff::civil::date(2026, 2, 3));
        // Moments drawn in one zone, so that the snapshots do not depend on the machine's.
        app.set_zone(jiff::tz::TimeZone::UTC);
        app
    }

    fn git_log(&self) -> Vec<String> {
        let repo = git2::Repository::open(&self.root).unwrap();
        let mut walk = repo.revwalk().unwrap();
        walk.push_head().unwrap();
        walk.map(|oid| {
            let commit = repo.find_commit(oid.unwrap()).unwrap();
            String::from(commit.summary().unwrap().unwrap())
        })
        .collect()
    }

    fn answer_file(&self, control: &str) -> String {
        fs::read_to_string(self.root.join("answers").join(format!("{control}.yaml"))).unwrap()
    }
}

fn key(code: KeyCode) -> Message {
    Message::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Message {
    key(KeyCode::Char(c))
}

fn ctrl(c: char) -> Message {
    Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Sends `messages` and carries out every effect the engagement handles, as the event loop
/// does; returns the effects left for the terminal.
fn drive(app: &mut App, messages: impl IntoIterator<Item = Message>) -> Vec<Effect> {
    let mut left = Vec::new();
    for message in messages {
        for effect in app.update(message) {
            left.extend(app.perform(effect, now()));
        }
    }
    left
}

fn type_text(app: &mut App, text: &str) {
    drive(app, text.chars().map(ch));
}

/// Tab until `screen` is shown.
fn on(app: &mut App, screen: Screen) {
    while app.screen() != screen {
        drive(app, [key(KeyCode::Tab)]);
    }
}

/// The form open over the screen.
fn form(app: &App) -> &vmsaudit::tui::form::Form {
    match app.mode() {
        Mode::Form(form) => form,
        _ => panic!("a form is open"),
    }
}

/// Selects the field `name` of the open form.
fn select_field(app: &mut App, name: &str) {
    let index = form(app)
        .fields
        .iter()
        .position(|field| field.key == name)
        .unwrap();
    while form(app).selected > index {
        drive(app, [key(KeyCode::Up)]);
    }
    while form(app).selected < index {
        drive(app, [key(KeyCode::Down)]);
    }
}

/// Selects the field `name` of the open form and replaces its text by `value` (lines of a
/// text area separated by `Ctrl-J`, as typed).
fn fill(app: &mut App, name: &str, value: &str) {
    select_field(app, name);
    let index = form(app).selected;
    let multiline = form(app).fields[index].kind == vmsaudit::tui::form::FieldKind::Text;
    if multiline {
        // A text area: select everything typed so far and replace it; Esc leaves it.
        drive(app, [key(KeyCode::Enter)]);
        let existing = form(app).fields[index].value.chars().count()
            + form(app).fields[index].value.lines().count();
        for _ in 0..existing {
            drive(app, [key(KeyCode::Backspace)]);
        }
        for (at, line) in value.lines().enumerate() {
            if at > 0 {
                drive(app, [ctrl('j')]);
            }
            type_text(app, line);
        }
        drive(app, [key(KeyCode::Esc)]);
    } else {
        drive(app, [key(KeyCode::Enter), ctrl('u')]);
        type_text(app, value);
        drive(app, [key(KeyCode::Enter)]);
    }
    assert!(form(app).editing.is_none(), "left the field {name}");
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view::draw(app, Theme::plain(), frame))
        .unwrap();
    terminal.backend().to_string()
}

fn fresh_engagement(dir: &Path) -> App {
    fresh_engagement_in(dir, Lang::En)
}

fn fresh_engagement_in(dir: &Path, lang: Lang) -> App {
    let options = InitOptions {
        client: "ACME".into(),
        auditors: vec![JEANNE.parse().unwrap()],
        language: Some(lang),
        ..InitOptions::default()
    };
    let engagement = Engagement::init(&dir.join("acme"), options, now()).unwrap();
    let auditor = engagement.auditor(None).unwrap();
    let mut app = App::new(engagement, auditor, lang);
    app.set_zone(jiff::tz::TimeZone::UTC);
    app
}

#[test]
fn the_checklist_and_the_command_line_show_an_answer_at_the_same_time_in_the_machines_zone() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    // Late in the evening in UTC, past midnight in Paris: the zone moves the day too.
    acme.at("2026-02-03T23:30:00Z")
        .run(&["answer", "ACC-01", "--level", "2"])
        .success();
    let in_paris = acme.env("TZ", "Europe/Paris");
    let line = |out: String| {
        out.lines()
            .find(|line| line.contains("niveau 2"))
            .unwrap_or_else(|| panic!("{out}"))
            .to_owned()
    };
    let paris = line(in_paris.run(&["log", "ACC-01"]).success().stdout);
    assert!(paris.starts_with("04/02/2026 00:30  "), "{paris}");
    let utc = line(
        acme.env("TZ", "UTC")
            .run(&["log", "ACC-01"])
            .success()
            .stdout,
    );
    assert!(utc.starts_with("03/02/2026 23:30  "), "{utc}");

    let engagement = Engagement::open(&sandbox.path("acme")).unwrap();
    let auditor = engagement.auditor(None).unwrap();
    let mut app = App::new(engagement, auditor, Lang::Fr);
    app.set_zone(jiff::tz::TimeZone::get("Europe/Paris").unwrap());
    let screen = render(&app, 120, 40);
    assert!(screen.contains("(Jeanne Martin, 04/02/2026)"), "{screen}");
    drive(&mut app, [ch('L')]);
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("04/02/2026 00:30 Jeanne Martin"),
        "{screen}"
    );
    assert!(!screen.contains("UTC"), "{screen}");
}

#[test]
fn the_summary_counts_domains_of_a_hundred_controls_and_more_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("large");
    let shape = crate::synth::generator::Shape {
        domains: 2,
        controls_per_domain: 120,
        assets: 4,
        findings: 1,
        actions: 1,
        closed_rounds: 1,
        reverified_per_round: 0,
        reverified_current: 0,
    };
    crate::synth::generator::generate(&root, 3, &shape).unwrap();
    let engagement = Engagement::open(&root).unwrap();
    let auditor = engagement.auditor(None).unwrap();
    let mut app = App::new(engagement, auditor, Lang::En);
    drive(&mut app, [key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    assert_eq!(app.screen(), Screen::Summary);
    let shown = render(&app, 100, 30);
    // Cut to the column's width, `120/120` read `120/1`.
    assert!(shown.contains(" 120/120 "), "{shown}");
    assert!(shown.contains(" 240/240 "), "{shown}");
}

#[test]
fn arrows_and_vim_keys_move_the_selection() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    assert_eq!(app.current_id().as_deref(), Some("ACC-01"));
    drive(&mut app, [ch('j'), key(KeyCode::Down)]);
    assert_eq!(app.current_id().as_deref(), Some("ACC-03"));
    drive(&mut app, [ch('k')]);
    assert_eq!(app.current_id().as_deref(), Some("ACC-02"));
    drive(
        &mut app,
        [key(KeyCode::Up), key(KeyCode::Up), key(KeyCode::Up)],
    );
    assert_eq!(
        app.current_id().as_deref(),
        Some("ACC-01"),
        "stops at the top"
    );
    drive(&mut app, [ch('G')]);
    assert_eq!(app.current_id().as_deref(), Some("ACC-13"));
    drive(&mut app, [key(KeyCode::Home)]);
    assert_eq!(app.current_id().as_deref(), Some("ACC-01"));
    drive(&mut app, [key(KeyCode::End), ch('g')]);
    assert_eq!(app.current_id().as_deref(), Some("ACC-01"));

    // Left focuses the domains; moving there changes domain.
    drive(&mut app, [ch('h')]);
    assert_eq!(app.focus(), Focus::Domains);
    drive(&mut app, [ch('j'), ch('j')]);
    assert_eq!(app.current_id().as_deref(), Some("NET-01"));
    drive(&mut app, [key(KeyCode::Left)]);
    assert_eq!(app.focus(), Focus::Domains);
    drive(&mut app, [key(KeyCode::Right)]);
    assert_eq!(app.focus(), Focus::Controls);
    drive(&mut app, [ch('j')]);
    assert_eq!(app.current_id().as_deref(), Some("NET-02"));

    // Right again focuses the detail, where moving scrolls.
    drive(&mut app, [ch('l')]);
    assert_eq!(app.focus(), Focus::Detail);
    drive(&mut app, [ch('j'), ch('j')]);
    assert_eq!(app.detail_scroll(), 2);
    assert_eq!(app.current_id().as_deref(), Some("NET-02"));
    drive(&mut app, [key(KeyCode::PageDown)]);
    assert_eq!(app.detail_scroll(), 12);
    drive(&mut app, [key(KeyCode::PageUp), key(KeyCode::PageUp)]);
    assert_eq!(app.detail_scroll(), 0);
}

#[test]
fn a_digit_sets_the_level_saves_and_commits() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    let effects = app.update(ch('4'));
    assert_eq!(
        effects,
        [Effect::Save(AnswerChange {
            control: "ACC-01".into(),
            level: Some(Level::Score(4)),
            ..AnswerChange::default()
        })]
    );
    for effect in effects {
        assert_eq!(app.perform(effect, now()), None);
    }
    assert!(fixture.answer_file("ACC-01").contains("\nlevel: 4\n"));
    assert_eq!(fixture.git_log()[0], "ACC-01: level 4 (was 2)");
    assert_eq!(app.answer("ACC-01").unwrap().level, Level::Score(4));
    assert!(
        render(&app, 80, 24).contains("ACC-01: level 4"),
        "the status line says what was saved"
    );
}

/// The status line says what a save did in a sentence, by the same rule in both languages;
/// the commit's message is for the history, not for the auditor.
#[test]
fn what_a_save_did_is_said_in_english_as_in_french() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    let said = |app: &App| match app.notice().cloned() {
        Some(Notice::Info(text)) => text,
        other => panic!("{other:?}"),
    };
    drive(&mut app, [ch('3')]);
    assert_eq!(said(&app), "ACC-01: level 3");
    assert_eq!(fixture.git_log()[0], "ACC-01: level 3 (was 2)");
    drive(&mut app, [ch('3')]);
    assert_eq!(said(&app), "nothing to change");
    drive(&mut app, [key(KeyCode::Enter)]);
    type_text(&mut app, " Seen again.");
    drive(&mut app, [ctrl('s')]);
    assert_eq!(said(&app), "ACC-01: observations saved");
    drive(&mut app, [ch('n')]);
    assert_eq!(said(&app), "ACC-01: not applicable");
    assert!(render(&app, 80, 24).contains("ACC-01: not applicable"));
}

#[test]
fn a_digit_outside_the_scale_is_refused_on_screen() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    let head = fixture.git_log()[0].clone();
    assert!(drive(&mut app, [ch('7')]).is_empty());
    assert_eq!(fixture.git_log()[0], head);
    assert!(render(&app, 80, 24).contains("7 is outside the grid's scale (0–4)"));
    // In the interface's language, as every refusal.
    let mut app = fixture.app(Lang::Fr);
    assert!(drive(&mut app, [ch('7')]).is_empty());
    assert!(render(&app, 120, 40).contains("7 est hors de l'échelle de la grille (0–4)"));
}

#[test]
fn n_marks_not_applicable_asking_why_when_there_is_no_observation() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = fresh_engagement(dir.path());
    drive(&mut app, [ch('n')]);
    let Mode::Editing(editor) = app.mode() else {
        panic!("n opens the editor for a justification")
    };
    assert_eq!(editor.purpose, EditPurpose::NotApplicable);
    type_text(&mut app, "No camera has a password policy: site has none");
    drive(&mut app, [ctrl('s')]);
    assert!(matches!(app.mode(), Mode::Normal));
    let record = fs::read_to_string(dir.path().join("acme/answers/ACC-01.yaml")).unwrap();
    assert!(record.contains("level: na"), "{record}");
    assert!(
        record.contains("No camera has a password policy: site has none"),
        "{record}"
    );
    assert!(
        app.engagement().drafts().unwrap().is_empty(),
        "the draft goes once saved"
    );

    // With observations already there, n saves at once.
    drive(&mut app, [ch('j'), ch('2'), key(KeyCode::Enter)]);
    type_text(&mut app, "Why");
    drive(&mut app, [ctrl('s'), ch('n')]);
    assert_eq!(app.answer("ACC-02").unwrap().level, Level::NotApplicable);
    assert!(matches!(app.mode(), Mode::Normal));
}

#[test]
fn enter_edits_observations_which_are_saved_and_committed() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    drive(&mut app, [key(KeyCode::Enter)]);
    let Mode::Editing(editor) = app.mode() else {
        panic!("Enter opens the editor")
    };
    let before = editor.content();
    assert_eq!(
        before,
        app.answer("ACC-01").unwrap().observations.trim_end()
    );
    type_text(&mut app, " Added on site.");
    let effects = app.update(ctrl('s'));
    assert!(
        matches!(
            &effects[..],
            [Effect::KeepDraft { .. }, Effect::SaveObservations(_)]
        ),
        "{effects:?}"
    );
    for effect in effects {
        app.perform(effect, now());
    }
    assert_eq!(fixture.git_log()[0], "ACC-01: observations updated");
    assert!(fixture.answer_file("ACC-01").contains("Added on site."));
}

#[test]
fn typing_is_kept_as_a_draft_and_offered_back_on_the_next_start() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    drive(&mut app, [ch('u'), key(KeyCode::Enter)]);
    let control = app.current_id().unwrap();
    type_text(&mut app, "half-typed");
    let effects = drive(&mut app, [Message::Tick]);
    assert!(effects.is_empty());
    let drafts = app.engagement().drafts().unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].control, control);
    assert_eq!(drafts[0].text, "half-typed");
    let file = fixture
        .root
        .join(format!(".git/vmsaudit/drafts/{control}.md"));
    let mode = std::os::unix::fs::PermissionsExt::mode(&fs::metadata(&file).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600, "a draft is private");
    assert!(
        drive(&mut app, [Message::Tick]).is_empty(),
        "nothing new to keep"
    );

    // Esc leaves the editor but keeps the draft; nothing was committed.
    let head = fixture.git_log()[0].clone();
    drive(&mut app, [key(KeyCode::Esc)]);
    assert!(matches!(app.mode(), Mode::Normal));
    assert_eq!(fixture.git_log()[0], head);
    drop(app);

    let mut app = fixture.app(Lang::En);
    let Mode::Drafts(offered) = app.mode() else {
        panic!("drafts are offered on start")
    };
    assert_eq!(offered.0[0].text, "half-typed");
    drive(&mut app, [key(KeyCode::Enter)]);
    let Mode::Editing(editor) = app.mode() else {
        panic!("Enter restores the draft into the editor")
    };
    assert_eq!(editor.control, control);
    assert_eq!(editor.content(), "half-typed");
    drive(&mut app, [key(KeyCode::Esc)]);
    drop(app);

    let mut app = fixture.app(Lang::En);
    drive(&mut app, [ch('d')]);
    assert!(matches!(app.mode(), Mode::Normal));
    assert!(
        app.engagement().drafts().unwrap().is_empty(),
        "d discards the draft"
    );
}

/// The checklist opened again on the engagement in `dir`, as the next start does.
fn reopen(dir: &Path) -> App {
    let engagement = Engagement::open(&dir.join("acme")).unwrap();
    let auditor = engagement.auditor(None).unwrap();
    App::new(engagement, auditor, Lang::En)
}

#[test]
fn text_typed_in_the_finding_and_action_forms_is_a_draft_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = fresh_engagement(dir.path());
    // A new finding about ACC-01, its description half typed when the link drops: the
    // field still being edited is kept by the way out (SIGHUP).
    drive(&mut app, [ch('f')]);
    select_field(&mut app, "description");
    drive(&mut app, [key(KeyCode::Enter)]);
    type_text(&mut app, "Long description typed by hand");
    app.keep_pending_draft();
    drop(app);

    let mut app = reopen(dir.path());
    let Mode::Drafts(offered) = app.mode() else {
        panic!("the form's draft is offered on start")
    };
    assert_eq!(offered.0[0].control, "finding-new");
    let shown = render(&app, 120, 40);
    assert!(
        shown.contains("Unsaved form recovered")
            && shown.contains("Description: Long description typed by hand"),
        "{shown}"
    );
    // By the record in words, not by its file's name.
    assert!(
        shown.contains("new finding") && !shown.contains("finding-new"),
        "{shown}"
    );
    drive(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Findings);
    assert_eq!(
        form(&app).value("description"),
        "Long description typed by hand"
    );
    assert_eq!(
        form(&app).value("controls"),
        "ACC-01",
        "the prefilled fields too"
    );
    // Saved: the draft goes.
    fill(&mut app, "title", "Weak passwords");
    fill(&mut app, "severity_justification", "Seen on site");
    select_field(&mut app, "severity");
    drive(&mut app, [key(KeyCode::Left)]);
    drive(&mut app, [ctrl('s')]);
    assert!(matches!(app.mode(), Mode::Normal), "{:?}", app.notice());
    assert!(app.engagement().drafts().unwrap().is_empty());
    let finding = app.engagement().state().findings[0].clone();
    assert_eq!(finding.description, "Long description typed by hand");

    // The action form's title, kept by a tick (twice a second), and an edit of the finding.
    on(&mut app, Screen::Actions);
    drive(&mut app, [ch('+')]);
    fill(&mut app, "title", "ACTIONTEXT typed");
    drive(&mut app, [Message::Tick]);
    let drafts = app.engagement().drafts().unwrap();
    assert_eq!(drafts.len(), 1);
    assert!(drafts[0].form && drafts[0].text.contains("ACTIONTEXT typed"));
    drop(app);

    let mut app = reopen(dir.path());
    drive(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Actions);
    assert_eq!(form(&app).value("title"), "ACTIONTEXT typed");
    // Closed on purpose (Ctrl-D): nothing more to offer.
    drive(&mut app, [ctrl('d')]);
    assert!(app.engagement().drafts().unwrap().is_empty());

    on(&mut app, Screen::Findings);
    drive(&mut app, [key(KeyCode::Enter)]);
    fill(&mut app, "recommendation", "Change every password");
    drive(&mut app, [Message::Tick]);
    drop(app);
    let mut app = reopen(dir.path());
    assert_eq!(
        app.engagement().drafts().unwrap()[0].control,
        format!("finding-{}", finding.id)
    );
    drive(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(form(&app).value("recommendation"), "Change every password");
    assert_eq!(
        form(&app).value("title"),
        "Weak passwords",
        "the record's own values"
    );
}

#[test]
fn a_refused_save_keeps_the_text_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = fresh_engagement(dir.path());
    // No level yet: observations alone cannot be saved.
    drive(&mut app, [key(KeyCode::Enter)]);
    type_text(&mut app, "precious notes");
    drive(&mut app, [ctrl('s')]);
    let Mode::Editing(editor) = app.mode() else {
        panic!("the editor stays open")
    };
    assert_eq!(editor.content(), "precious notes");
    assert!(render(&app, 80, 24).contains("needs a level"));
    assert_eq!(app.engagement().drafts().unwrap()[0].text, "precious notes");
}

#[test]
fn observations_too_large_to_read_back_are_refused_and_kept_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = fresh_engagement(dir.path());
    drive(&mut app, [ch('1')]);
    let head = app.engagement().state().answers.len();
    // A pasted capture: 3.6 MB, over 4 MiB once indented in the record.
    let capture = "tcp open 22\n".repeat(300_000);
    drive(
        &mut app,
        [
            key(KeyCode::Enter),
            Message::Paste(capture.clone()),
            ctrl('s'),
        ],
    );
    let Mode::Editing(editor) = app.mode() else {
        panic!("the editor stays open")
    };
    assert_eq!(editor.content().trim_end(), capture.trim_end());
    assert!(
        render(&app, 200, 24).contains("answers/ACC-01.yaml would be"),
        "{}",
        render(&app, 200, 24)
    );
    assert_eq!(app.engagement().state().answers.len(), head);
    let record = fs::read_to_string(dir.path().join("acme/answers/ACC-01.yaml")).unwrap();
    assert!(record.len() < 1000, "nothing written");
    // The engagement still opens.
    Engagement::open(&dir.path().join("acme")).unwrap();
}

#[test]
fn capital_e_hands_the_observations_to_the_external_editor() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    let effects = drive(&mut app, [ch('E')]);
    let expected = app.answer("ACC-01").unwrap().observations.clone();
    assert_eq!(
        effects,
        [Effect::ExternalEdit {
            control: "ACC-01".into(),
            text: expected
        }]
    );
    // What the editor returns is saved like typed text.
    drive(
        &mut app,
        [Message::Edited {
            control: "ACC-01".into(),
            text: "From vi".into(),
        }],
    );
    assert_eq!(fixture.git_log()[0], "ACC-01: observations updated");
    assert!(
        fixture
            .answer_file("ACC-01")
            .contains("observations: From vi")
    );
}

#[test]
fn a_attaches_an_evidence_file_by_path_completed_with_tab_and_asks_its_note() {
    let fixture = Fixture::demo(Lang::En);
    let folder = fixture.root.parent().unwrap().join("captures");
    fs::create_dir_all(&folder).unwrap();
    let file = folder.join("export-users.csv");
    fs::write(&file, "user,role\nadmin,admin\n").unwrap();
    fs::write(folder.join("export-roles.csv"), "role\nadmin\n").unwrap();
    let mut app = fixture.app(Lang::En);
    drive(&mut app, [ch('a')]);
    assert!(matches!(
        app.mode(),
        Mode::Prompt(Prompt { purpose: PromptFor::Evidence(Attach::Control(c)), .. }) if c == "ACC-01"
    ));
    // Tab completes what is unambiguous and lists the rest, as a shell does.
    type_text(&mut app, &format!("{}/exp", folder.display()));
    drive(&mut app, [key(KeyCode::Tab)]);
    let Mode::Prompt(prompt) = app.mode() else {
        panic!("still typing the path")
    };
    assert_eq!(prompt.label, format!("{}/export-", folder.display()));
    assert_eq!(prompt.choices, ["export-roles.csv", "export-users.csv"]);
    assert!(render(&app, 120, 24).contains("export-roles.csv  export-users.csv"));
    type_text(&mut app, "u");
    drive(&mut app, [key(KeyCode::Tab)]);
    let Mode::Prompt(prompt) = app.mode() else {
        panic!("still typing the path")
    };
    assert_eq!(prompt.label, file.display().to_string());
    assert!(prompt.choices.is_empty());
    // Enter asks the note before anything is written.
    let commits = fixture.git_log().len();
    drive(&mut app, [key(KeyCode::Enter)]);
    assert!(matches!(
        app.mode(),
        Mode::Prompt(Prompt {
            purpose: PromptFor::EvidenceNote(..),
            ..
        })
    ));
    assert_eq!(fixture.git_log().len(), commits);
    assert!(render(&app, 120, 24).contains("Note (empty: none) on"));
    type_text(&mut app, "exported from the VMS console");
    drive(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(
        fixture.git_log()[0],
        "ACC-01: evidence export-users.csv added"
    );
    assert!(
        fixture
            .root
            .join("evidence/ACC-01/export-users.csv")
            .is_file()
    );
    assert!(
        fixture
            .answer_file("ACC-01")
            .contains("note: exported from the VMS console")
    );

    // A path that is not a file is said at once, and the prompt stays to correct it.
    drive(&mut app, [ch('a')]);
    type_text(&mut app, "/no/such/file");
    drive(&mut app, [key(KeyCode::Enter)]);
    assert!(
        matches!(app.mode(), Mode::Prompt(_)),
        "still asking the path"
    );
    assert!(
        render(&app, 100, 24).contains("No such file: /no/such/file"),
        "the error names the path"
    );
    drive(&mut app, [key(KeyCode::Tab)]);
    assert!(render(&app, 100, 24).contains("Nothing to complete"));
    drive(&mut app, [key(KeyCode::Esc)]);
    assert!(matches!(app.mode(), Mode::Normal), "Esc cancels the prompt");
    drive(
        &mut app,
        [ch('a'), ch('x'), key(KeyCode::Backspace), key(KeyCode::Esc)],
    );
    assert!(matches!(app.mode(), Mode::Normal), "Esc cancels the prompt");
}

#[test]
fn slash_filters_controls_across_domains() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    drive(&mut app, [ch('/')]);
    type_text(&mut app, "certificat");
    let ids: Vec<String> = app.visible().iter().map(|(_, c)| c.id.clone()).collect();
    assert!(ids.contains(&"ENC-04".to_owned()), "{ids:?}");
    assert!(
        ids.iter()
            .all(|id| app.engagement().state().grid.control(id).is_some())
    );
    drive(&mut app, [key(KeyCode::Backspace), key(KeyCode::Enter)]);
    assert_eq!(app.filter(), "certifica");
    assert!(
        matches!(app.mode(), Mode::Normal),
        "Enter keeps the filter and goes back to the list"
    );
    drive(&mut app, [ch('/'), key(KeyCode::Esc)]);
    assert_eq!(app.filter(), "");
    assert_eq!(
        app.visible().len(),
        app.engagement().state().grid.domains[0].controls.len()
    );
    drive(&mut app, [ch('/')]);
    type_text(&mut app, "zzzz-nothing");
    assert!(app.visible().is_empty());
    assert!(render(&app, 80, 24).contains("no control matches"));
}

#[test]
fn u_jumps_to_the_next_unanswered_control() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    let unanswered: Vec<String> = app
        .engagement()
        .state()
        .grid
        .controls()
        .filter(|(_, c)| !app.engagement().state().answers.contains_key(&c.id))
        .map(|(_, c)| c.id.clone())
        .collect();
    assert!(unanswered.len() >= 2);
    drive(&mut app, [ch('u')]);
    assert_eq!(app.current_id(), Some(unanswered[0].clone()));
    drive(&mut app, [ch('u')]);
    assert_eq!(app.current_id(), Some(unanswered[1].clone()));
}

#[test]
fn screens_help_quit_and_suspend_keys() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    let order = [
        Screen::Findings,
        Screen::Actions,
        Screen::Assets,
        Screen::Summary,
        Screen::History,
        Screen::Checklist,
    ];
    for screen in order {
        drive(&mut app, [key(KeyCode::Tab)]);
        assert_eq!(app.screen(), screen);
    }
    drive(&mut app, [key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    assert_eq!(app.screen(), Screen::Summary);
    let commits = fixture.git_log().len();
    drive(&mut app, [ch('3')]);
    assert_eq!(
        fixture.git_log().len(),
        commits,
        "digits do nothing on the summary"
    );

    drive(&mut app, [ch('?')]);
    assert!(matches!(app.mode(), Mode::Help(_)));
    drive(&mut app, [ch('x')]);
    assert!(matches!(app.mode(), Mode::Normal));

    assert_eq!(drive(&mut app, [ctrl('z')]), [Effect::Suspend]);
    assert_eq!(drive(&mut app, [ch('q')]), [Effect::Quit]);
    assert!(app.quit());
    let mut app = fixture.app(Lang::En);
    assert_eq!(drive(&mut app, [ctrl('c')]), [Effect::Quit]);
}

#[test]
fn quitting_from_the_editor_keeps_the_text_as_a_draft() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    drive(&mut app, [key(KeyCode::Enter)]);
    drive(&mut app, [Message::Paste("pasted\x1b[2J text".into())]);
    assert_eq!(drive(&mut app, [ctrl('c')]), [Effect::Quit]);
    let drafts = app.engagement().drafts().unwrap();
    assert!(
        drafts[0].text.ends_with("pasted\u{FFFD}[2J text"),
        "{:?}",
        drafts[0].text
    );
}

#[test]
fn escape_sequences_in_answers_and_grids_are_drawn_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "\x1b]0;pwned\x07 \x1b[2J\r\u{9b}31m\u{202e}evil";
    let grid = fs::read_to_string(fixture("mini-grid.yaml"))
        .unwrap()
        .replace(
            "Default accounts, fr",
            "\"Default \\e]0;grid-pwned\\a accounts\", fr",
        );
    let grid_path = dir.path().join("hostile.yaml");
    fs::write(&grid_path, grid).unwrap();
    let options = InitOptions {
        client: format!("Client {hostile}"),
        site: Some(hostile.into()),
        auditors: vec!["Jeanne <jm@example.org>".parse().unwrap()],
        language: Some(Lang::En),
        grid: Some(grid_path),
        ..InitOptions::default()
    };
    let mut engagement = Engagement::init(&dir.path().join("e"), options, now()).unwrap();
    let auditor = engagement.auditor(None).unwrap();
    let change = AnswerChange {
        control: "ACC-01".into(),
        level: Some(Level::Score(1)),
        observations: Some(format!("Seen: {hostile}\nline two")),
        evidence: vec![],
        drop_evidence: vec![],
    };
    engagement
        .change(Change::Answer(change), &auditor, now())
        .unwrap();
    let asset = vmsaudit::assessment::Asset {
        vendor: Some(format!("Vendor {hostile}")),
        model: Some(hostile.into()),
        ..vmsaudit::assessment::Asset::new("CAM-001", vmsaudit::assessment::AssetKind::Camera)
    };
    let change = AssetChange::Save(AssetPatch::from_asset(&asset));
    engagement
        .change(Change::Asset(change), &auditor, now())
        .unwrap();
    let finding = vmsaudit::assessment::Finding {
        id: String::new(),
        title: format!("Finding {hostile}"),
        domain: "ACC".into(),
        controls: vec!["ACC-01".into()],
        description: format!("{hostile}\n# not a heading"),
        cves: vec![],
        cvss: Some(
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
                .parse()
                .unwrap(),
        ),
        cvss_source: Some(vmsaudit::assessment::VectorSource::Nvd),
        remote_takeover: false,
        severity: None,
        severity_justification: None,
        assets: vec!["CAM-001".into()],
        evidence: vec![],
        recommendation: hostile.into(),
        status: vmsaudit::assessment::FindingStatus::Open,
        status_reason: None,
        created_by: auditor.clone(),
        created_at: now(),
    };
    let change = Change::NewFinding(FindingPatch::from_finding(&finding));
    engagement.change(change, &auditor, now()).unwrap();
    let mut app = App::new(engagement, auditor, Lang::En);
    let check = |app: &App, what: &str| {
        for (width, height) in [(80, 24), (120, 40)] {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| view::draw(app, Theme::from_env(), frame))
                .unwrap();
            for cell in terminal.backend().buffer().content() {
                let symbol = cell.symbol();
                assert!(
                    !symbol
                        .chars()
                        .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                    "{what} {width}x{height} draws {symbol:?}"
                );
            }
        }
    };
    for screen in Screen::all() {
        assert_eq!(app.screen(), *screen);
        check(&app, &format!("{screen:?}"));
        if app.is_record_screen() {
            drive(&mut app, [key(KeyCode::Enter)]);
            check(&app, &format!("{screen:?} form"));
            drive(&mut app, [key(KeyCode::Esc)]);
        }
        drive(&mut app, [key(KeyCode::Tab)]);
    }
    assert!(
        render(&app, 120, 40).contains("pwned"),
        "the text is shown, defused"
    );
    assert_eq!(app.screen(), Screen::Checklist);
    drive(&mut app, [key(KeyCode::Enter)]);
    let Mode::Editing(editor) = app.mode() else {
        panic!("editor")
    };
    assert!(
        !editor.content().contains('\x1b'),
        "the editor never holds an escape character"
    );
}

#[test]
fn a_critical_control_at_zero_caps_its_domain_on_the_checklist_and_the_summary() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    let domains = |app: &App| {
        render(app, 120, 40)
            .lines()
            .find(|line| line.contains("ACC ") && line.contains("/13"))
            .unwrap()
            .to_owned()
    };
    assert!(domains(&app).contains(" 1.7 11/13"), "{}", domains(&app));
    // ACC-03, default passwords, the third control: a critical one.
    drive(&mut app, [ch('j'), ch('j'), ch('0')]);
    assert!(fixture.answer_file("ACC-03").contains("level: 0"));
    assert!(domains(&app).contains(" 1.0!11/13"), "{}", domains(&app));
    drive(&mut app, [key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    assert_eq!(app.screen(), Screen::Summary);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("ACC 1.0 capped by ACC-03 at level 0, mean 1.4"),
        "{screen}"
    );
    // Back to a level above 0: the cap goes, and its note with it.
    drive(&mut app, [key(KeyCode::Tab), key(KeyCode::Tab), ch('2')]);
    assert_eq!(app.screen(), Screen::Checklist);
    assert!(domains(&app).contains(" 1.7 11/13"), "{}", domains(&app));
    drive(&mut app, [key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    assert!(!render(&app, 80, 24).contains("capped"));
}

#[test]
fn french_screens_write_scores_and_amounts_with_a_decimal_comma() {
    let fixture = Fixture::demo(Lang::Fr);
    let mut app = fixture.app(Lang::Fr);
    // ACC-03 at 0 caps ACC: the summary's note says both numbers as `status` does.
    drive(&mut app, [ch('j'), ch('j'), ch('0')]);
    drive(&mut app, [key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    assert_eq!(app.screen(), Screen::Summary);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("ACC 1,0 plafonné par ACC-03 au niveau 0, moyenne 1,4"),
        "{screen}"
    );
    // The demo's actions with an amount (1 600 and 4 800): the form shows it in French.
    drive(&mut app, [key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    assert_eq!(app.screen(), Screen::Actions);
    let mut amounts = Vec::new();
    for _ in 0..app.engagement().state().actions.len() {
        drive(&mut app, [key(KeyCode::Enter)]);
        let form = render(&app, 120, 40);
        assert!(!form.contains("00.00"), "{form}");
        amounts.extend(
            ["1600,00", "4800,00"]
                .into_iter()
                .filter(|amount| form.contains(amount)),
        );
        drive(&mut app, [key(KeyCode::Esc), ch('j')]);
    }
    amounts.sort_unstable();
    assert_eq!(amounts, ["1600,00", "4800,00"]);
}

mod snapshots {
    use super::*;

    fn demo_app() -> (Fixture, App) {
        let fixture = Fixture::demo(Lang::En);
        let app = fixture.app(Lang::En);
        (fixture, app)
    }

    #[test]
    fn checklist() {
        let (_fixture, mut app) = demo_app();
        insta::assert_snapshot!("checklist_80x24", render(&app, 80, 24));
        drive(&mut app, [ch('j'), ch('j')]);
        insta::assert_snapshot!("checklist_120x40", render(&app, 120, 40));
    }

    #[test]
    fn checklist_in_french() {
        let fixture = Fixture::demo(Lang::Fr);
        let app = fixture.app(Lang::Fr);
        insta::assert_snapshot!("checklist_fr_80x24", render(&app, 80, 24));
    }

    #[test]
    fn summary() {
        let (_fixture, mut app) = demo_app();
        // The summary is the screen before the history, the last one.
        drive(&mut app, [key(KeyCode::BackTab), key(KeyCode::BackTab)]);
        assert_eq!(app.screen(), Screen::Summary);
        insta::assert_snapshot!("summary_80x24", render(&app, 80, 24));
        insta::assert_snapshot!("summary_120x40", render(&app, 120, 40));
    }

    #[test]
    fn help() {
        let (_fixture, mut app) = demo_app();
        drive(&mut app, [ch('?')]);
        insta::assert_snapshot!("help_80x24", render(&app, 80, 24));
        insta::assert_snapshot!("help_120x40", render(&app, 120, 40));
    }

    #[test]
    fn editor() {
        let (_fixture, mut app) = demo_app();
        drive(&mut app, [key(KeyCode::Enter)]);
        type_text(&mut app, " More.");
        insta::assert_snapshot!("editor_80x24", render(&app, 80, 24));
        insta::assert_snapshot!("editor_120x40", render(&app, 120, 40));
    }

    #[test]
    fn recovered_draft() {
        let (fixture, mut app) = demo_app();
        drive(&mut app, [ch('j'), key(KeyCode::Enter)]);
        type_text(&mut app, "typed before the link dropped");
        drive(&mut app, [key(KeyCode::Esc)]);
        let draft = fixture.root.join(".git/vmsaudit/drafts/ACC-02.md");
        let file = fs::File::options().write(true).open(&draft).unwrap();
        file.set_modified(std::time::SystemTime::try_from(now()).unwrap())
            .unwrap();
        let app = fixture.app(Lang::En);
        insta::assert_snapshot!("drafts_80x24", render(&app, 80, 24));
        insta::assert_snapshot!("drafts_120x40", render(&app, 120, 40));
    }

    #[test]
    fn too_small() {
        let (_fixture, app) = demo_app();
        insta::assert_snapshot!("too_small", render(&app, 50, 10));
    }

    #[test]
    fn filter_prompt() {
        let (_fixture, mut app) = demo_app();
        drive(&mut app, [ch('/')]);
        type_text(&mut app, "vpn");
        insta::assert_snapshot!("filter_80x24", render(&app, 80, 24));
    }
}

mod records {
    use super::*;
    use vmsaudit::assessment::{ActionStatus, Severity};

    #[test]
    fn the_findings_screen_lists_critical_findings_first_and_filters() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Findings);
        let listed: Vec<bool> = app
            .visible_findings()
            .iter()
            .map(|f| f.is_critical())
            .collect();
        assert_eq!(listed, [true, true, false, false]);
        drive(&mut app, [ch('v'), ch('v'), ch('v'), ch('v')]);
        let critical: Vec<Option<Severity>> = app
            .visible_findings()
            .iter()
            .map(|f| f.severity())
            .collect();
        assert_eq!(
            critical,
            [Some(Severity::Critical)],
            "severity at least critical"
        );
        drive(&mut app, [ch('v')]);
        assert_eq!(
            app.visible_findings().len(),
            4,
            "the filter cycles back to all"
        );
        drive(&mut app, [ch('d'), ch('d'), ch('d')]);
        assert!(
            app.visible_findings().iter().all(|f| f.domain == "NET"),
            "third choice: the third domain"
        );
        assert_eq!(app.visible_findings().len(), 2);
        drive(&mut app, [ch('s'), ch('s')]);
        let resolved: Vec<&str> = app
            .visible_findings()
            .iter()
            .map(|f| f.title.as_str())
            .collect();
        assert_eq!(
            resolved,
            ["Telnet enabled on the Dahua recorders"],
            "resolved since the first round"
        );
        drive(&mut app, [ch('s')]);
        assert!(app.visible_findings().is_empty(), "no accepted risk");
        assert!(render(&app, 80, 24).contains("nothing yet"));
        drive(&mut app, [ch('s')]);
        for _ in 0..4 {
            drive(&mut app, [ch('d')]);
        }
        assert_eq!(app.visible_findings().len(), 4);
        drive(&mut app, [ch('S')]);
        let ids: Vec<String> = app
            .visible_findings()
            .iter()
            .map(|f| f.id.clone())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "S sorts by id");
        drive(&mut app, [ch('/')]);
        type_text(&mut app, "telnet");
        drive(&mut app, [key(KeyCode::Enter)]);
        assert_eq!(app.visible_findings().len(), 1);
        assert!(render(&app, 120, 40).contains("Telnet enabled on the Dahua recorders"));
    }

    #[test]
    fn a_finding_is_edited_in_its_form_saved_and_committed() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Findings);
        drive(&mut app, [ch('j'), ch('j')]);
        let id = app.selected_record().unwrap();
        drive(&mut app, [key(KeyCode::Enter)]);
        assert_eq!(form(&app).value("severity"), "high");
        fill(&mut app, "title", "Telnet and FTP enabled on the recorders");
        drive(&mut app, [ctrl('s')]);
        assert!(matches!(app.mode(), Mode::Normal), "saved and closed");
        assert_eq!(
            fixture.git_log()[0],
            format!("{id}: title \"Telnet and FTP enabled on the recorders\"")
        );
        let file = fs::read_to_string(fixture.root.join(format!("findings/{id}.yaml"))).unwrap();
        assert!(
            file.contains("title: Telnet and FTP enabled on the recorders"),
            "{file}"
        );
    }

    /// The checklist and the command line are two front ends over one rule book: the same
    /// edit gives the same file and the same commit message, rules included (a new vector is
    /// the auditor's and replaces the rating by hand; a new status drops the old reason).
    #[test]
    fn the_same_edit_in_the_form_and_on_the_command_line_gives_the_same_file_and_commit() {
        let by_form = Fixture::demo(Lang::En);
        let by_command = Fixture::demo(Lang::En);
        let mut app = by_form.app(Lang::En);
        let telnet = app
            .engagement()
            .state()
            .findings
            .iter()
            .find(|f| f.title.starts_with("Telnet enabled"))
            .unwrap()
            .clone();
        assert!(telnet.status_reason.is_some() && telnet.severity.is_some());
        let vector = "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

        on(&mut app, Screen::Findings);
        while app.selected_record().as_deref() != Some(telnet.id.as_str()) {
            drive(&mut app, [ch('j')]);
        }
        drive(&mut app, [key(KeyCode::Enter)]);
        fill(&mut app, "cvss", vector);
        let at = form(&app)
            .fields
            .iter()
            .position(|f| f.key == "status")
            .unwrap();
        while form(&app).selected < at {
            drive(&mut app, [key(KeyCode::Down)]);
        }
        drive(&mut app, [key(KeyCode::Left)]);
        assert_eq!(form(&app).value("status"), "open");
        drive(&mut app, [ctrl('s')]);
        assert!(
            matches!(app.mode(), Mode::Normal),
            "{:?}",
            app.notice().cloned()
        );

        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vmsaudit"))
            .arg("-C")
            .arg(&by_command.root)
            .args([
                "finding", "edit", &telnet.id, "--cvss", vector, "--status", "open",
            ])
            .env("VMSAUDIT_NOW", crate::common::NOW)
            .env_remove("VMSAUDIT_AUDITOR")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );

        let file = |fixture: &Fixture| {
            fs::read_to_string(fixture.root.join(format!("findings/{}.yaml", telnet.id))).unwrap()
        };
        let written = file(&by_form);
        assert_eq!(written, file(&by_command));
        assert!(written.contains("cvss_source: auditor"), "{written}");
        assert!(!written.contains("status_reason"), "{written}");
        assert!(!written.contains("severity:"), "{written}");
        assert_eq!(by_form.git_log()[0], by_command.git_log()[0]);
        assert_eq!(
            by_form.git_log()[0],
            format!(
                "{}: CVSS 8.8 (was rated high by hand), status open (was resolved), now critical",
                telnet.id
            )
        );
    }

    #[test]
    fn the_form_speaks_the_interfaces_language_over_the_engagements() {
        // `vmsaudit --lang fr` on an English engagement: the form's problems and notes too.
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::Fr);
        on(&mut app, Screen::Findings);
        drive(&mut app, [ch('+')]);
        fill(
            &mut app,
            "cvss",
            "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        );
        let field = |app: &App, key: &str| {
            form(app)
                .fields
                .iter()
                .find(|f| f.key == key)
                .unwrap()
                .clone()
        };
        assert_eq!(
            field(&app, "cvss").note.as_deref(),
            Some("= 8,8 élevée (CVSS 3.1)")
        );
        let title = field(&app, "title").problem.unwrap();
        assert!(
            title.starts_with("vide — renseignez «\u{a0}Titre\u{a0}»"),
            "{title}"
        );
        let screen = render(&app, 120, 40);
        assert!(!screen.contains("empty"), "{screen}");
    }

    #[test]
    fn the_form_checks_a_cvss_vector_as_it_is_typed() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Findings);
        drive(&mut app, [ch('+')]);
        fill(&mut app, "title", "Default password on CAM-041");
        fill(&mut app, "cvss", "CVSS:3.1/AV:Q/AC:L");
        let cvss = form(&app)
            .fields
            .iter()
            .find(|f| f.key == "cvss")
            .unwrap()
            .clone();
        assert!(
            cvss.problem.unwrap().contains("Attack Vector"),
            "names the bad metric"
        );
        assert!(render(&app, 120, 40).contains("[!]"));
        let head = fixture.git_log()[0].clone();
        drive(&mut app, [ctrl('s')]);
        assert_eq!(fixture.git_log()[0], head, "an invalid form is not saved");
        assert!(matches!(app.mode(), Mode::Form(_)));

        fill(
            &mut app,
            "cvss",
            "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        );
        let cvss = form(&app)
            .fields
            .iter()
            .find(|f| f.key == "cvss")
            .unwrap()
            .clone();
        assert_eq!(cvss.problem, None);
        assert_eq!(cvss.note.as_deref(), Some("= 8.8 high (CVSS 3.1)"));
        fill(&mut app, "assets", "cam-041");
        drive(&mut app, [ctrl('s')]);
        assert!(
            matches!(app.mode(), Mode::Normal),
            "{:?}",
            app.notice().cloned()
        );
        assert!(
            fixture.git_log()[0]
                .contains("new finding \"Default password on CAM-041\" (high, CVSS 8.8, critical)"),
            "{}",
            fixture.git_log()[0]
        );
        let created = app
            .engagement()
            .state()
            .findings
            .iter()
            .find(|f| f.title == "Default password on CAM-041")
            .unwrap();
        assert_eq!(created.assets, ["CAM-041"]);
        assert_eq!(
            app.selected_record().as_deref(),
            Some(created.id.as_str()),
            "the new finding is selected"
        );
    }

    #[test]
    fn f_on_a_control_starts_a_finding_with_its_domain_control_and_recommendation() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        drive(&mut app, [ch('j'), ch('j'), ch('f')]);
        assert_eq!(app.screen(), Screen::Findings);
        let opened = form(&app);
        assert_eq!(opened.value("domain"), "ACC");
        assert_eq!(opened.value("controls"), "ACC-03");
        let recommendation = app
            .engagement()
            .state()
            .grid
            .control("ACC-03")
            .unwrap()
            .1
            .recommendation
            .clone()
            .unwrap();
        assert_eq!(opened.value("recommendation"), recommendation.get(Lang::En));
        // Without a CVSS vector, the auditor sets the severity and says why.
        drive(&mut app, [ctrl('s')]);
        assert!(matches!(app.mode(), Mode::Form(_)), "refused: no severity");
        let index = app.engagement().state().findings.len();
        fill(
            &mut app,
            "severity_justification",
            "Two cameras still accept the factory password",
        );
        let at = form(&app)
            .fields
            .iter()
            .position(|f| f.key == "severity")
            .unwrap();
        while form(&app).selected > at {
            drive(&mut app, [key(KeyCode::Up)]);
        }
        drive(&mut app, [key(KeyCode::Left)]);
        assert_eq!(form(&app).value("severity"), "critical");
        drive(&mut app, [ctrl('s')]);
        assert_eq!(
            app.engagement().state().findings.len(),
            index + 1,
            "{:?}",
            app.notice().cloned()
        );
        assert!(
            app.engagement()
                .state()
                .findings
                .iter()
                .any(|f| f.controls == ["ACC-03"])
        );
    }

    #[test]
    fn capital_a_starts_an_action_for_the_selected_finding() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Findings);
        let finding = app.selected_record().unwrap();
        drive(&mut app, [ch('A')]);
        assert_eq!(app.screen(), Screen::Actions);
        assert_eq!(form(&app).value("addresses"), finding);
        fill(
            &mut app,
            "title",
            "Isolate the cameras until they are updated",
        );
        fill(&mut app, "deadline", "2026-02-10");
        drive(&mut app, [ctrl('s')]);
        let action = app
            .engagement()
            .state()
            .actions
            .iter()
            .find(|a| a.title.starts_with("Isolate"))
            .unwrap();
        assert_eq!(action.addresses, std::slice::from_ref(&finding));
        assert!(fixture.git_log()[0].starts_with(&format!("{}: new action", action.id)));
        assert!(
            render(&app, 120, 40).contains("[!]"),
            "addresses a critical finding"
        );
    }

    #[test]
    fn records_are_removed_only_after_y_and_references_are_protected() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Actions);
        let count = app.engagement().state().actions.len();
        drive(&mut app, [ch('x'), ch('n')]);
        assert_eq!(
            app.engagement().state().actions.len(),
            count,
            "any key but y keeps it"
        );
        let id = app.selected_record().unwrap();
        drive(&mut app, [ch('x')]);
        assert!(render(&app, 80, 24).contains(&format!("Remove {id}?")));
        drive(&mut app, [ch('y')]);
        assert_eq!(app.engagement().state().actions.len(), count - 1);
        assert!(
            fixture.git_log()[0].starts_with(&format!("{id}: action removed")),
            "{}",
            fixture.git_log()[0]
        );

        on(&mut app, Screen::Assets);
        let used = app.engagement().state().findings[0].assets[0].clone();
        let index = app
            .visible_assets()
            .iter()
            .position(|a| a.id == used)
            .unwrap();
        for _ in 0..index {
            drive(&mut app, [ch('j')]);
        }
        drive(&mut app, [ch('x'), ch('y')]);
        assert!(
            app.engagement().state().asset(&used).is_some(),
            "an asset a finding names stays"
        );
        assert!(render(&app, 120, 40).contains(&used));
    }

    #[test]
    fn assets_are_added_filtered_and_an_unsaved_form_is_not_lost_by_esc() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Assets);
        drive(&mut app, [ch('t'), ch('t')]);
        assert!(
            app.visible_assets()
                .iter()
                .all(|a| a.kind.as_str() == "nvr")
        );
        drive(&mut app, [ch('+')]);
        fill(&mut app, "id", "SW-01");
        drive(
            &mut app,
            [
                key(KeyCode::Down),
                key(KeyCode::Right),
                key(KeyCode::Right),
                key(KeyCode::Right),
                key(KeyCode::Right),
            ],
        );
        assert_eq!(form(&app).value("kind"), "switch");
        fill(&mut app, "vendor", "Cisco");
        drive(&mut app, [key(KeyCode::Esc)]);
        assert!(
            matches!(app.mode(), Mode::Form(_)),
            "Esc does not throw the typing away"
        );
        assert!(render(&app, 120, 40).contains("Ctrl-D"));
        drive(&mut app, [ctrl('s')]);
        assert_eq!(
            app.engagement()
                .state()
                .asset("SW-01")
                .unwrap()
                .vendor
                .as_deref(),
            Some("Cisco")
        );
        assert_eq!(fixture.git_log()[0], "assets: SW-01 added");
        assert_eq!(
            app.selected_record().as_deref(),
            Some("SW-01"),
            "filters cleared to show it"
        );

        drive(&mut app, [key(KeyCode::Enter)]);
        fill(&mut app, "firmware", "15.2(7)E4");
        drive(&mut app, [key(KeyCode::Esc), ctrl('d')]);
        assert!(matches!(app.mode(), Mode::Normal), "Ctrl-D discards");
        assert_eq!(
            app.engagement().state().asset("SW-01").unwrap().firmware,
            None
        );
    }

    #[test]
    fn the_action_plan_shows_immediate_and_overdue_actions() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Actions);
        let entries = app.visible_actions();
        assert!(entries[0].immediate && entries[1].immediate && !entries[2].immediate);
        drive(&mut app, [ch('s'), ch('s')]);
        let done: Vec<&str> = app
            .visible_actions()
            .iter()
            .map(|e| e.action.title.as_str())
            .collect();
        assert_eq!(
            done,
            ["Disable Telnet on NVR-01 and NVR-02"],
            "done between the two rounds"
        );
        drive(&mut app, [ch('s'), ch('s'), ch('o'), ch('o')]);
        assert!(
            app.visible_actions()
                .iter()
                .all(|e| e.action.owner.as_str() == "firm")
        );
        assert_eq!(app.visible_actions().len(), 2);
        // The plan was made at the first round (early August 2025), due in 30 and 90 days.
        app.set_today(jiff::civil::date(2025, 8, 20));
        assert!(!render(&app, 120, 40).contains("OVERDUE"), "not due yet");
        app.set_today(jiff::civil::date(2025, 10, 1));
        let screen = render(&app, 120, 40);
        assert_eq!(
            screen.matches("OVERDUE").count(),
            1,
            "the 30-day one, not the 90-day one:\n{screen}"
        );

        // Done: no longer pending, no longer overdue.
        drive(&mut app, [key(KeyCode::Enter)]);
        let at = form(&app)
            .fields
            .iter()
            .position(|f| f.key == "status")
            .unwrap();
        while form(&app).selected < at {
            drive(&mut app, [key(KeyCode::Down)]);
        }
        drive(&mut app, [key(KeyCode::Right), key(KeyCode::Right)]);
        assert_eq!(form(&app).value("status"), "done");
        drive(&mut app, [ctrl('s')]);
        let done: Vec<ActionStatus> = app
            .engagement()
            .state()
            .actions
            .iter()
            .map(|a| a.status)
            .collect();
        assert!(
            done.contains(&ActionStatus::Done),
            "{:?}",
            app.notice().cloned()
        );
        assert!(!render(&app, 120, 40).contains("OVERDUE"));
    }
}

mod record_snapshots {
    use super::*;

    fn screen(app: &mut App, tabs: usize) {
        for _ in 0..tabs {
            drive(app, [key(KeyCode::Tab)]);
        }
    }

    #[test]
    fn findings() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        screen(&mut app, 1);
        insta::assert_snapshot!("findings_80x24", render(&app, 80, 24));
        insta::assert_snapshot!("findings_120x40", render(&app, 120, 40));
        drive(&mut app, [key(KeyCode::Enter)]);
        insta::assert_snapshot!("finding_form_80x24", render(&app, 80, 24));
    }

    #[test]
    fn actions() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        screen(&mut app, 2);
        insta::assert_snapshot!("actions_fr_80x24", render(&app, 80, 24));
        insta::assert_snapshot!("actions_fr_120x40", render(&app, 120, 40));
    }

    #[test]
    fn assets() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        screen(&mut app, 3);
        insta::assert_snapshot!("assets_80x24", render(&app, 80, 24));
        drive(&mut app, [key(KeyCode::Enter)]);
        insta::assert_snapshot!("asset_form_120x40", render(&app, 120, 40));
    }
}

mod history {
    use super::*;

    const AUGUST: &str = "2026-08-03T10:00:00Z";

    /// The demo (its first round closed as 2025-08, the re-audit 2026-02 in progress), with
    /// 2026-02 closed, a round started and closed (2026-08: ACC-01 up to 4, ACC-02 down to 0,
    /// the rest carried over), and another started, in which ACC-03 is re-verified. The
    /// reports of the rounds closed here are a stand-in file.
    fn three_rounds(fixture: &Fixture) {
        let mut engagement = Engagement::open(&fixture.root).unwrap();
        let who = engagement.auditor(None).unwrap();
        let report =
            |_: &Engagement,
             _: Option<(vmsaudit::engagement::Round, vmsaudit::engagement::State)>| {
                Ok(vec![("report.md".to_owned(), b"# Report\n".to_vec())])
            };
        engagement
            .close_round("2026-02", &who, now(), report)
            .unwrap();
        let august: Timestamp = AUGUST.parse().unwrap();
        engagement.start_round("2026-08", &who, august).unwrap();
        for (control, level) in [("ACC-01", 4), ("ACC-02", 0)] {
            let change = AnswerChange {
                control: control.into(),
                level: Some(Level::Score(level)),
                observations: Some(format!("{control} seen again in August")),
                ..AnswerChange::default()
            };
            engagement
                .change(Change::Answer(change), &who, august)
                .unwrap();
        }
        engagement
            .close_round("2026-08", &who, august, report)
            .unwrap();
        engagement.start_round("2027-02", &who, august).unwrap();
        let change = AnswerChange {
            control: "ACC-03".into(),
            level: Some(Level::Score(2)),
            ..AnswerChange::default()
        };
        engagement
            .change(Change::Answer(change), &who, august)
            .unwrap();
    }

    pub(super) fn to_history(app: &mut App) {
        while app.screen() != Screen::History {
            drive(app, [key(KeyCode::BackTab)]);
        }
    }

    #[test]
    fn the_history_screen_lists_rounds_and_compares_the_ones_chosen() {
        let fixture = Fixture::demo(Lang::En);
        three_rounds(&fixture);
        let mut app = fixture.app(Lang::En);
        assert_eq!(app.update(key(KeyCode::BackTab)), [Effect::LoadHistory]);
        drive(&mut app, [key(KeyCode::Tab), key(KeyCode::BackTab)]);
        assert_eq!(app.screen(), Screen::History);
        let rows = app.history().rows.clone().unwrap();
        let labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
        assert_eq!(labels, ["2025-08", "2026-02", "2026-08", "2027-02"]);
        assert!(
            rows[3].is_working_copy(),
            "the round in progress is the working copy"
        );
        assert_eq!(rows[1].closed, Some(jiff::civil::date(2026, 2, 3)));
        // At first: the last round closed against the working copy.
        assert_eq!(app.history().selected, 2);
        let shown = app.history().comparison.clone().unwrap();
        assert_eq!(
            (shown.from.as_str(), shown.to.as_str()),
            ("2026-08", "2027-02")
        );
        assert!(shown.controls.is_empty(), "{:?}", shown.controls);
        assert!(!shown.to_reverify.contains(&"ACC-03".to_owned()));
        assert!(shown.to_reverify.contains(&"ACC-04".to_owned()));

        // Space marks 2026-02, Enter on 2026-08 compares them.
        drive(&mut app, [ch('k'), ch(' ')]);
        assert_eq!(app.history().marked, Some(1));
        let effects = app.update(key(KeyCode::Down));
        assert!(effects.is_empty());
        assert_eq!(
            app.update(key(KeyCode::Enter)),
            [Effect::Compare { from: 1, to: 2 }]
        );
        app.perform(Effect::Compare { from: 1, to: 2 }, now());
        let shown = app.history().comparison.clone().unwrap();
        assert_eq!(
            (shown.from.as_str(), shown.to.as_str()),
            ("2026-02", "2026-08")
        );
        let levels: Vec<(&str, Option<Level>, Option<Level>)> = shown
            .controls
            .iter()
            .map(|c| (c.id.as_str(), c.before, c.after))
            .collect();
        assert_eq!(
            levels,
            [
                ("ACC-01", Some(Level::Score(2)), Some(Level::Score(4))),
                ("ACC-02", Some(Level::Score(1)), Some(Level::Score(0))),
            ]
        );
        assert_eq!(app.history().marked, None, "the mark is used up");
        let screen = render(&app, 80, 24);
        assert!(screen.contains("2026-02 → 2026-08"), "{screen}");
        assert!(screen.contains("ACC-01  2 → 4"), "{screen}");
        insta::assert_snapshot!("history_80x24", screen);

        // Enter without a mark: the selected round against the working copy; Space twice
        // unmarks; the working copy alone compares with the round before it.
        drive(&mut app, [ch('g'), key(KeyCode::Enter)]);
        let shown = app.history().comparison.clone().unwrap();
        assert_eq!(
            (shown.from.as_str(), shown.to.as_str()),
            ("2025-08", "2027-02")
        );
        drive(&mut app, [ch(' '), ch(' ')]);
        assert_eq!(app.history().marked, None);
        drive(&mut app, [ch('G'), key(KeyCode::Enter)]);
        let shown = app.history().comparison.clone().unwrap();
        assert_eq!(shown.from, "2026-08");
        // Scrolling the comparison, and digits do nothing here.
        drive(&mut app, [key(KeyCode::PageDown)]);
        assert_eq!(app.history().scroll, 10);
        let commits = fixture.git_log().len();
        drive(&mut app, [ch('3')]);
        assert_eq!(fixture.git_log().len(), commits);
    }

    #[test]
    fn the_history_screen_writes_scores_and_days_as_french_does() {
        let fixture = Fixture::demo(Lang::Fr);
        three_rounds(&fixture);
        let mut app = fixture.app(Lang::Fr);
        app.update(key(KeyCode::BackTab));
        app.perform(Effect::LoadHistory, now());
        to_history(&mut app);
        let screen = render(&app, 120, 40);
        assert!(screen.contains("03/02/2026"), "a round's day: {screen}");
        assert!(!screen.contains("2026-02-03"), "{screen}");
        let scores: Vec<&str> = screen
            .lines()
            .filter(|line| line.contains(" → ") && !line.contains('┌'))
            .collect();
        assert!(scores.len() >= 7, "{screen}");
        assert!(
            scores
                .iter()
                .all(|line| !line.contains('.') && line.contains(',')),
            "decimal commas: {scores:?}"
        );
    }

    #[test]
    fn without_a_round_the_history_screen_says_how_to_close_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = fresh_engagement_in(dir.path(), Lang::Fr);
        to_history(&mut app);
        assert_eq!(app.history().rows.as_ref().unwrap().len(), 1);
        assert!(app.history().comparison.is_none());
        drive(&mut app, [key(KeyCode::Enter)]);
        let screen = render(&app, 80, 24);
        assert!(screen.contains("aucune campagne close"), "{screen}");
        insta::assert_snapshot!("history_empty_fr_80x24", screen);
    }

    #[test]
    fn answers_to_reverify_are_marked_and_u_goes_to_them() {
        let fixture = Fixture::demo(Lang::En);
        three_rounds(&fixture);
        let mut app = fixture.app(Lang::En);
        let reverify = |app: &App, id: &str| app.engagement().state().answers[id].reverify;
        assert!(!reverify(&app, "ACC-03"), "set again in this round");
        assert!(reverify(&app, "ACC-01"));
        let screen = render(&app, 80, 24);
        assert!(screen.contains("[4] ACC-01 ? Password"), "{screen}");
        assert!(screen.contains("[2] ACC-03 Default"), "{screen}");
        assert!(
            screen.contains("? to re-verify: carried over from the"),
            "{screen}"
        );
        insta::assert_snapshot!("reverify_80x24", screen);

        // u: the next control unanswered or still to re-verify, in grid order.
        drive(&mut app, [ch('u')]);
        assert_eq!(app.current_id().as_deref(), Some("ACC-02"));
        drive(&mut app, [ch('u')]);
        assert_eq!(
            app.current_id().as_deref(),
            Some("ACC-04"),
            "ACC-03 is re-verified"
        );
        // Setting the level again, even the same one, confirms it.
        let level = app.engagement().state().answers["ACC-04"].level;
        let Level::Score(level) = level else {
            panic!("ACC-04 has a level in the demo")
        };
        drive(&mut app, [ch(char::from(b'0' + level))]);
        assert!(!reverify(&app, "ACC-04"));
        assert!(!fixture.answer_file("ACC-04").contains("reverify"));
        assert_eq!(
            fixture.git_log()[0],
            format!("ACC-04: level {level} confirmed")
        );
        assert!(!render(&app, 80, 24).contains("[1] ACC-04 ?"));
    }

    #[test]
    fn a_reference_left_dangling_is_said_at_start() {
        let fixture = Fixture::demo(Lang::En);
        // As a merge can leave it: the inventory lost an asset a finding names.
        let path = fixture.root.join("assets.yaml");
        let assets = fs::read_to_string(&path).unwrap();
        let start = assets.find("- id: VMS-SRV-01").unwrap();
        let end = assets[start + 1..]
            .find("\n- id:")
            .map_or(assets.len(), |end| start + 1 + end + 1);
        fs::write(&path, format!("{}{}", &assets[..start], &assets[end..])).unwrap();
        let app = fixture.app(Lang::En);
        assert_eq!(app.engagement().state().warnings.len(), 1);
        let screen = render(&app, 120, 40);
        assert!(
            screen.contains("`assets`: unknown asset `VMS-SRV-01`"),
            "{screen}"
        );
    }

    #[test]
    fn references_left_dangling_are_counted_in_the_engagements_language() {
        let fixture = Fixture::demo(Lang::Fr);
        let path = fixture.root.join("assets.yaml");
        let mut assets = fs::read_to_string(&path).unwrap();
        for id in ["VMS-SRV-01", "CAM-001"] {
            let start = assets.find(&format!("- id: {id}\n")).unwrap();
            let end = assets[start + 1..]
                .find("\n- id:")
                .map_or(assets.len(), |end| start + 1 + end + 1);
            assets = format!("{}{}", &assets[..start], &assets[end..]);
        }
        fs::write(&path, assets).unwrap();
        let app = fixture.app(Lang::Fr);
        assert_eq!(app.engagement().state().warnings.len(), 2);
        let Some(Notice::Error(said)) = app.notice() else {
            panic!("the warnings are said at start")
        };
        assert!(
            said.ends_with(" (et 1\u{a0}de plus\u{a0}: `vmsaudit status` les liste)"),
            "{said}"
        );
    }

    #[test]
    fn a_sync_killed_in_its_checkout_is_said_undone_when_the_checklist_opens() {
        let fixture = Fixture::demo(Lang::Fr);
        let head = std::process::Command::new("git")
            .arg("-C")
            .arg(&fixture.root)
            .args(["rev-parse", "HEAD"])
            .output()
            .unwrap();
        let head = String::from_utf8(head.stdout).unwrap();
        let head = head.trim();
        // The mark a sync leaves while its checkout runs, found by the next opening.
        let marker = fixture.root.join(".git/vmsaudit/sync-checkout");
        fs::write(&marker, format!("{head}\n{head}\n")).unwrap();
        let app = fixture.app(Lang::Fr);
        let Some(Notice::Error(said)) = app.notice() else {
            panic!("the undone sync is said at start: {:?}", app.notice())
        };
        assert!(said.contains("`vmsaudit sync`"), "{said}");
        assert!(!marker.exists());
    }

    #[test]
    fn capital_l_shows_who_changed_a_control_when_and_how() {
        let fixture = Fixture::demo(Lang::En);
        three_rounds(&fixture);
        let mut app = fixture.app(Lang::En);
        assert_eq!(
            app.update(ch('L')),
            [Effect::ControlLog("ACC-01".to_owned())]
        );
        app.perform(Effect::ControlLog("ACC-01".to_owned()), now());
        let Mode::ControlLog(log) = app.mode() else {
            panic!("the history of ACC-01 is shown")
        };
        assert_eq!(log.control, "ACC-01");
        assert_eq!(
            log.entries.len(),
            6,
            "answered in the first round, marked, re-verified at 2, marked, changed to 4, marked again"
        );
        let screen = render(&app, 80, 24);
        assert!(screen.contains("History of ACC-01"), "{screen}");
        assert!(
            screen.contains("Level 2 → 4, observations changed"),
            "{screen}"
        );
        assert!(screen.contains("── round 2026-02 closed"), "{screen}");
        insta::assert_snapshot!("control_log_80x24", screen);
        drive(&mut app, [ch('j')]);
        assert!(matches!(app.mode(), Mode::ControlLog(_)), "arrows scroll");
        drive(&mut app, [key(KeyCode::Esc)]);
        assert!(matches!(app.mode(), Mode::Normal), "any other key closes");
    }
}

mod cves {
    use super::*;
    use vmsaudit::assessment::{Asset, AssetKind};

    /// The demo, plus an old Hikvision camera that the CVE pack knows to be affected.
    fn with_old_camera() -> (Fixture, App) {
        let fixture = Fixture::demo(Lang::En);
        let mut engagement = Engagement::open(&fixture.root).unwrap();
        let auditor = engagement.auditor(None).unwrap();
        let camera = Asset {
            vendor: Some("Hikvision".into()),
            model: Some("DS-2CD2032-I".into()),
            firmware: Some("V5.3.0 build 150513".into()),
            ..Asset::new("CAM-OLD", AssetKind::Camera)
        };
        let change = AssetChange::Save(AssetPatch::from_asset(&camera));
        engagement
            .change(Change::Asset(change), &auditor, now())
            .unwrap();
        drop(engagement);
        let app = fixture.app(Lang::En);
        (fixture, app)
    }

    #[test]
    fn the_assets_screen_counts_known_cves() {
        let (_fixture, mut app) = with_old_camera();
        // Counted when the screen is first shown, not at start.
        assert!(!app.assets().cve_counted && app.assets().cve_counts.is_empty());
        while app.screen() != Screen::Assets {
            drive(&mut app, [key(KeyCode::Tab)]);
        }
        assert!(
            app.assets().cve_counts["CAM-OLD"].affected >= 1,
            "{:?}",
            app.assets().cve_counts.get("CAM-OLD")
        );
        assert_eq!(app.assets().cve_counts["NVR-01"].affected, 0);
        assert_eq!(
            app.assets().cve_counts["NVR-01"].unknown,
            1,
            "CVE-2025-31700 has no fixed version: to confirm"
        );
        let screen = render(&app, 120, 40);
        let row = screen
            .lines()
            .find(|line| line.contains("CAM-OLD"))
            .unwrap();
        assert!(
            row.contains(&app.assets().cve_counts["CAM-OLD"].affected.to_string()),
            "{row}"
        );
        let nvr = screen.lines().find(|line| line.contains("NVR-01")).unwrap();
        assert!(nvr.contains("1?"), "{nvr}");
    }

    #[test]
    fn capital_c_turns_the_matches_into_findings_once() {
        let (fixture, mut app) = with_old_camera();
        let before = app.engagement().state().findings.len();
        drive(&mut app, [ch('C')]);
        let Mode::CveMatches(lines) = app.mode() else {
            panic!("C opens the CVE matches")
        };
        let old = lines
            .0
            .iter()
            .find(|line| line.id == "CVE-2017-7921")
            .unwrap();
        assert_eq!(old.affected, ["CAM-OLD"]);
        assert!(old.kev);
        assert!(render(&app, 120, 40).contains("CVE-2017-7921"));
        drive(&mut app, [key(KeyCode::Enter)]);
        assert_eq!(app.screen(), Screen::Findings);
        // Findings are kept in id order: look for the new ones by what they hold.
        assert!(app.engagement().state().findings.len() > before);
        assert!(app.engagement().state().findings.iter().any(|f| {
            f.cves.iter().any(|c| c.to_string() == "CVE-2017-7921") && f.assets == ["CAM-OLD"]
        }));
        assert!(
            fixture.git_log()[0].contains("new finding"),
            "{}",
            fixture.git_log()[0]
        );

        let commits = fixture.git_log().len();
        drive(&mut app, [key(KeyCode::BackTab)]);
        assert_eq!(app.screen(), Screen::Checklist);
        drive(&mut app, [ch('C'), key(KeyCode::Enter)]);
        assert_eq!(
            fixture.git_log().len(),
            commits,
            "running it again changes nothing"
        );
        assert!(render(&app, 120, 40).contains("0 finding(s) created, 0 updated"));
    }

    /// CVE-2021-33044 as NVD publishes it, imported into a French engagement with a Dahua
    /// camera of the fixed release whose firmware has no build date: `C` lists it to confirm
    /// and says why, in French, drawn within the popup.
    #[test]
    fn capital_c_says_in_french_why_a_camera_is_to_confirm_on_a_real_nvd_record() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("acme");
        let options = InitOptions {
            client: "ACME".into(),
            auditors: vec![JEANNE.parse().unwrap()],
            language: Some(Lang::Fr),
            ..InitOptions::default()
        };
        let mut engagement = Engagement::init(&root, options, now()).unwrap();
        let auditor = engagement.auditor(None).unwrap();
        for (id, model, firmware) in [
            (
                "CAM-01",
                "DH-IPC-HFW3441E-AS",
                "V2.800.0000000.16.R, Build Date: 2021-03-10",
            ),
            ("CAM-02", "IPC-HDW3441TM-AS", "2.800.0000000.29.R"),
        ] {
            let camera = Asset {
                vendor: Some("Dahua".into()),
                model: Some(model.into()),
                firmware: Some(firmware.into()),
                ..Asset::new(id, AssetKind::Camera)
            };
            let change = AssetChange::Save(AssetPatch::from_asset(&camera));
            engagement
                .change(Change::Asset(change), &auditor, now())
                .unwrap();
        }
        let record = fs::read_to_string(fixture("nvd/CVE-2021-33044.json")).unwrap();
        let feed = dir.path().join("nvdcve.json");
        fs::write(
            &feed,
            format!(
                "{{\"format\": \"NVD_CVE\", \"version\": \"2.0\", \
                 \"vulnerabilities\": [{{\"cve\": {record}}}]}}"
            ),
        )
        .unwrap();
        engagement.import_cves(&[feed], &auditor, now()).unwrap();
        drop(engagement);
        let engagement = Engagement::open(&root).unwrap();
        let mut app = App::new(engagement, auditor, Lang::Fr);
        on(&mut app, Screen::Assets);
        drive(&mut app, [ch('C')]);
        let Mode::CveMatches(lines) = app.mode() else {
            panic!("C opens the CVE matches: {:?}", app.notice().cloned())
        };
        let line = lines
            .0
            .iter()
            .find(|line| line.id == "CVE-2021-33044")
            .unwrap();
        assert_eq!(line.affected, ["CAM-01"]);
        assert_eq!(line.unknown, ["CAM-02"]);
        assert_eq!(
            line.reasons[1],
            "CAM-02\u{a0}: IPC-HDW3441TM-AS, firmware 2.800.0000000.29.R\u{a0}; versions \
             concernées\u{a0}: antérieures à 2.800.0000000.29.r.210630\u{a0}; impossible de \
             conclure\u{a0}: la version de firmware «\u{a0}2.800.0000000.29.R\u{a0}» est celle \
             de la borne «\u{a0}2.800.0000000.29.r.210630\u{a0}», mais n'a pas de date de \
             compilation à comparer avec 2021-06-30."
        );
        for reason in lines.0.iter().flat_map(|line| &line.reasons) {
            crate::cve::assert_no_english(reason);
        }
        // Drawn wrapped inside the popup, the why's last words included.
        let screen = render(&app, 100, 40);
        for words in [
            "antérieures à 2.800.0000000.29.r.210630\u{a0}; impossible de conclure",
            "date de compilation à comparer avec 2021-06-30.",
        ] {
            assert!(screen.contains(words), "{words:?} in {screen}");
        }
    }
}

/// The defects found in a French auditor's walk through the checklist, one test each.
mod walk_defects {
    use super::*;

    fn resize(width: u16, height: u16) -> Message {
        Message::Resize { width, height }
    }

    fn alt_enter() -> Message {
        Message::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT))
    }

    #[test]
    fn on_a_terminal_too_small_to_draw_only_quitting_acts() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        let commits = fixture.git_log().len();
        drive(&mut app, [resize(50, 12)]);
        assert!(render(&app, 50, 12).contains("Terminal trop petit"));
        for message in [
            ch('3'),
            ch('n'),
            key(KeyCode::Enter),
            ch('/'),
            key(KeyCode::Tab),
        ] {
            assert_eq!(drive(&mut app, [message]), []);
        }
        drive(&mut app, [Message::Paste("texte".into())]);
        assert!(matches!(app.mode(), Mode::Normal));
        assert_eq!(app.screen(), Screen::Checklist);
        assert_eq!(fixture.git_log().len(), commits, "nothing was saved");
        // Once the terminal is large enough, keys act again; `q` quits whatever the size.
        drive(&mut app, [resize(80, 24), ch('3')]);
        assert_eq!(fixture.git_log().len(), commits + 1);
        drive(&mut app, [resize(50, 12)]);
        assert_eq!(drive(&mut app, [ch('q')]), [Effect::Quit]);
    }

    #[test]
    fn end_in_the_detail_stops_at_its_last_line_and_page_up_comes_back() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        drive(&mut app, [ch('l'), ch('l')]);
        assert_eq!(app.focus(), Focus::Detail);
        render(&app, 80, 24);
        let room = app.detail_room();
        assert!(room > 10, "the detail of ACC-01 is longer than its pane");
        drive(&mut app, [ch('G')]);
        assert_eq!(app.detail_scroll(), room);
        let end = render(&app, 80, 24);
        drive(&mut app, [key(KeyCode::PageUp)]);
        assert_eq!(app.detail_scroll(), room - 10, "one page up from the end");
        assert_ne!(render(&app, 80, 24), end);
        // Wider, the text takes fewer lines: the pane is never left empty.
        drive(&mut app, [ch('G')]);
        let wide = render(&app, 200, 50);
        assert!(app.detail_scroll() <= app.detail_room());
        let detail_lines = wide
            .lines()
            .filter(|line| {
                line.split("││").nth(1).is_some_and(|pane| {
                    pane.trim_matches(|c| c == ' ' || c == '│' || c == '"')
                        .len()
                        > 3
                })
            })
            .count();
        assert!(detail_lines > 10, "the detail pane shows text:\n{wide}");
    }

    #[test]
    fn escape_clears_an_applied_filter_and_slash_starts_a_new_one() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        drive(&mut app, [ch('/')]);
        type_text(&mut app, "vpn");
        drive(&mut app, [key(KeyCode::Enter)]);
        assert_eq!(app.filter(), "vpn");
        assert!(matches!(app.mode(), Mode::Normal));
        drive(&mut app, [key(KeyCode::Esc)]);
        assert_eq!(app.filter(), "", "Esc clears the filter in force");

        drive(&mut app, [ch('/')]);
        type_text(&mut app, "vpn");
        drive(&mut app, [key(KeyCode::Enter), ch('/')]);
        type_text(&mut app, "ntp");
        assert_eq!(app.filter(), "ntp", "a new filter replaces the old one");
        drive(&mut app, [ctrl('u')]);
        assert_eq!(app.filter(), "", "Ctrl-U clears what was typed");
        assert!(matches!(app.mode(), Mode::Filtering));
        type_text(&mut app, "mfa");
        assert_eq!(app.filter(), "mfa");
    }

    #[test]
    fn a_pasted_line_break_sent_as_cr_stays_a_line_break() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        drive(&mut app, [key(KeyCode::Enter)]);
        drive(
            &mut app,
            [Message::Paste("ligne un\rligne deux\r\nligne trois".into())],
        );
        drive(&mut app, [Message::Tick]);
        let draft = app.engagement().drafts().unwrap().remove(0).text;
        assert!(
            draft.ends_with("ligne un\nligne deux\nligne trois"),
            "{draft:?}"
        );
        assert!(!draft.contains('\u{FFFD}'));
        drive(&mut app, [ctrl('s')]);
        let saved = fixture.answer_file("ACC-01");
        assert!(!saved.contains('\u{FFFD}'), "{saved}");
    }

    #[test]
    fn the_description_editor_moves_the_fields_below_and_enter_leaves_it() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Findings);
        drive(&mut app, [ch('+')]);
        let index = form(&app)
            .fields
            .iter()
            .position(|field| field.key == "description")
            .unwrap();
        while form(&app).selected < index {
            drive(&mut app, [key(KeyCode::Down)]);
        }
        drive(&mut app, [key(KeyCode::Enter)]);
        type_text(&mut app, "first");
        drive(&mut app, [alt_enter()]);
        type_text(&mut app, "second");
        let screen = render(&app, 120, 40);
        // The next field is drawn below the editor, not under it.
        assert_eq!(form(&app).fields[index + 1].key, "cves");
        assert!(screen.contains("CVE ids"), "hidden:\n{screen}");
        drive(&mut app, [key(KeyCode::Enter)]);
        assert!(form(&app).editing.is_none(), "Enter leaves the field");
        assert_eq!(form(&app).value("description"), "first\nsecond");
    }

    #[test]
    fn a_long_message_wraps_and_closing_a_form_clears_its_warning() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        let long = format!("error: {} the end", "word ".repeat(40));
        drive(&mut app, [Message::Failed(long.clone())]);
        let screen = render(&app, 80, 24);
        assert!(screen.contains("the end"), "{screen}");

        on(&mut app, Screen::Assets);
        drive(&mut app, [ch('+'), key(KeyCode::Enter)]);
        type_text(&mut app, "SW-09");
        drive(&mut app, [key(KeyCode::Enter), key(KeyCode::Esc)]);
        assert!(app.notice().cloned().is_some(), "unsaved changes are said");
        drive(&mut app, [ctrl('d')]);
        assert!(matches!(app.mode(), Mode::Normal));
        assert_eq!(
            app.notice().cloned(),
            None,
            "the warning went with the form"
        );
    }

    #[test]
    fn ctrl_c_in_the_editor_says_on_leaving_that_the_draft_is_kept() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        drive(&mut app, [key(KeyCode::Enter)]);
        type_text(&mut app, " suite");
        assert_eq!(drive(&mut app, [ctrl('c')]), [Effect::Quit]);
        let farewell = app.farewell().unwrap().to_owned();
        assert!(farewell.starts_with("ACC-01 "), "{farewell}");
        assert!(farewell.contains("brouillon est conservé"), "{farewell}");
    }

    #[test]
    fn the_assets_table_fits_80_columns_with_a_detail_pane() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        on(&mut app, Screen::Assets);
        drive(&mut app, [ch('G')]);
        let screen = render(&app, 80, 24);
        assert!(screen.contains("10.20.0.250"), "{screen}");
        assert!(screen.contains("serveur VMS") || screen.contains("Serveur VMS"));
        assert!(screen.contains("Constructeur\u{a0}: Milestone"), "{screen}");
        assert!(!screen.contains(" vms "), "kinds are labels, not ids");
    }

    #[test]
    fn the_finding_detail_shows_its_description_and_keeps_the_domain_apart() {
        let fixture = Fixture::demo(Lang::En);
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Findings);
        let screen = render(&app, 120, 40);
        assert!(
            screen.contains("Domain: UPD · Controls: UPD-02"),
            "{screen}"
        );
        assert!(!screen.contains("Controls: UPD, "), "{screen}");
        assert!(screen.contains("Description"), "{screen}");
        assert!(screen.contains("Recommendation"), "{screen}");
        // In a short pane, the rest is reached with PgDn.
        render(&app, 80, 24);
        assert!(app.detail_room() > 0);
        drive(&mut app, [key(KeyCode::PageDown)]);
        assert!(app.detail_scroll() > 0);
        drive(&mut app, [ch('j')]);
        assert_eq!(app.detail_scroll(), 0, "another finding starts at its top");
    }

    #[test]
    fn the_summary_at_80x24_shows_bars_with_values_and_the_previous_round() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        on(&mut app, Screen::Summary);
        assert!(
            matches!(app.previous(), Some(Some(_))),
            "the demo has a closed round"
        );
        let screen = render(&app, 80, 24);
        assert!(screen.contains("campagne précédente 2025-08"), "{screen}");
        assert!(!screen.contains('⠀'), "no braille at 80×24:\n{screen}");
        assert!(screen.contains("1,7 (1,1)"), "{screen}");
        let wide = render(&app, 200, 60);
        assert!(
            wide.contains("ACC 1,7"),
            "the radar's axes say their score:\n{wide}"
        );
    }

    #[test]
    fn the_help_shows_every_line_whole_and_tells_tab_from_shift_tab() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        drive(&mut app, [ch('?')]);
        let screen = render(&app, 80, 24);
        assert!(screen.contains("à transformer en"), "{screen}");
        assert!(screen.contains("vulnérabilités"), "{screen}");
        assert!(screen.contains("écran suivant"));
        assert!(screen.contains("écran précédent"));
    }
}

mod export {
    use super::*;

    #[test]
    fn e_on_the_plan_exports_it_as_a_spreadsheet_without_a_commit() {
        use std::os::unix::fs::PermissionsExt;
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        let commits = fixture.git_log();
        while app.screen() != Screen::Actions {
            drive(&mut app, [key(KeyCode::Tab)]);
        }
        drive(&mut app, [ch('e')]);
        let path = fixture.root.join("reports/draft/plan-action.xlsx");
        let bytes = fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"), "an XLSX (zip) file");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(fixture.git_log(), commits, "no commit");
        let screen = render(&app, 120, 40);
        assert!(
            screen.contains("plan exporté dans reports/draft/plan-action.xlsx"),
            "{screen}"
        );
        let status = std::process::Command::new("git")
            .args(["status", "--porcelain"])
            .current_dir(&fixture.root)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&status.stdout),
            "",
            "nothing to commit"
        );
    }
}

/// The French demo walked through every screen, popup and form at 80×24: no label of the
/// English interface may show on a French screen.
mod french_walk {
    use super::*;

    /// The English labels that differ from their French counterparts, long enough to be
    /// words rather than key names.
    fn english_labels() -> Vec<String> {
        let en = serde_json::to_value(vmsaudit::tui::strings::strings(Lang::En)).unwrap();
        let fr = serde_json::to_value(vmsaudit::tui::strings::strings(Lang::Fr)).unwrap();
        let mut labels: Vec<String> = en
            .as_object()
            .unwrap()
            .iter()
            .filter_map(|(key, value)| {
                let text = value.as_str()?.trim();
                // "close" is also French (« campagne close »).
                (text.chars().count() >= 5 && fr[key].as_str() != Some(text) && text != "close")
                    .then(|| text.to_owned())
            })
            .collect();
        // Values of the records, as the English interface names them.
        labels.extend(
            [
                "Critical",
                "High ",
                "Medium",
                "resolved",
                "risk accepted",
                "in progress",
                "dropped",
                "IP camera",
                "VMS server",
                "Auditing firm",
                "Enter",
                "Esc ",
            ]
            .map(str::to_owned),
        );
        labels
    }

    /// Whether `label` stands in `screen` as words of its own ("Domain" is not in
    /// "Domaines").
    fn shows(screen: &str, label: &str) -> bool {
        let label = label.trim();
        screen.match_indices(label).any(|(at, _)| {
            let before = screen[..at].chars().next_back();
            let after = screen[at + label.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    fn check(screen: &str, what: &str, labels: &[String]) {
        for label in labels {
            assert!(
                !shows(screen, label),
                "English {label:?} on the French {what}:\n{screen}"
            );
        }
    }

    #[test]
    fn every_screen_popup_and_form_of_the_french_demo_is_french() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        let labels = english_labels();
        assert!(
            labels.len() > 100,
            "the English table is read: {}",
            labels.len()
        );
        drive(
            &mut app,
            [Message::Resize {
                width: 80,
                height: 24,
            }],
        );
        let look = |app: &mut App, what: &str, keys: Vec<Message>, back: Vec<Message>| {
            drive(app, keys);
            check(&render(app, 80, 24), what, &labels);
            drive(app, back);
        };
        let esc = || vec![key(KeyCode::Esc)];
        look(&mut app, "checklist", vec![], vec![]);
        look(&mut app, "help", vec![ch('?')], vec![ch(' ')]);
        look(&mut app, "editor", vec![key(KeyCode::Enter)], esc());
        look(
            &mut app,
            "filter",
            vec![ch('/'), ch('m')],
            vec![key(KeyCode::Esc)],
        );
        look(&mut app, "evidence prompt", vec![ch('a')], esc());
        look(&mut app, "control history", vec![ch('L')], esc());
        look(&mut app, "CVE matches", vec![ch('C')], esc());
        look(&mut app, "scan facts", vec![ch('S')], esc());
        look(&mut app, "finding form", vec![ch('f')], vec![ctrl('d')]);
        for screen in [Screen::Findings, Screen::Actions, Screen::Assets] {
            while app.screen() != screen {
                drive(&mut app, [key(KeyCode::Tab)]);
            }
            let name = format!("{screen:?}");
            look(&mut app, &name, vec![], vec![]);
            look(
                &mut app,
                &format!("{name} help"),
                vec![ch('?')],
                vec![ch(' ')],
            );
            look(
                &mut app,
                &format!("{name} form"),
                vec![key(KeyCode::Enter)],
                vec![ctrl('d')],
            );
            look(
                &mut app,
                &format!("{name} new"),
                vec![ch('+')],
                vec![ctrl('d')],
            );
            look(&mut app, &format!("{name} removal"), vec![ch('x')], esc());
            look(
                &mut app,
                &format!("{name} filtered"),
                vec![ch('s'), ch('t')],
                vec![],
            );
        }
        for screen in [Screen::Summary, Screen::History] {
            while app.screen() != screen {
                drive(&mut app, [key(KeyCode::Tab)]);
            }
            look(&mut app, &format!("{screen:?}"), vec![], vec![]);
        }
    }

    #[test]
    fn capital_r_on_the_summary_renders_the_draft_report_and_says_where() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        let commits = fixture.git_log();
        while app.screen() != Screen::Summary {
            drive(&mut app, [key(KeyCode::Tab)]);
        }
        drive(&mut app, [ch('R')]);
        let markdown = fs::read_to_string(fixture.root.join("reports/draft/report.md")).unwrap();
        assert!(markdown.contains("Vulnérabilités et écarts"), "in French");
        assert!(fixture.root.join("reports/draft/report.html").is_file());
        assert!(fixture.root.join("reports/draft/radar.png").is_file());
        let screen = render(&app, 80, 24);
        assert!(
            screen.contains(
                "rapport écrit\u{a0}: reports/draft/report.md, reports/draft/report.html"
            ),
            "{screen}"
        );
        assert_eq!(fixture.git_log(), commits, "a draft is not committed");
    }

    #[test]
    fn capital_r_with_evidence_gone_marks_the_annex_and_says_so() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        let gone = app
            .engagement()
            .state()
            .answers
            .values()
            .flat_map(|answer| answer.evidence.iter())
            .next()
            .expect("the demo has evidence")
            .path
            .clone();
        fs::remove_file(fixture.root.join(&gone)).unwrap();
        while app.screen() != Screen::Summary {
            drive(&mut app, [key(KeyCode::Tab)]);
        }
        drive(&mut app, [ch('R')]);
        let markdown = fs::read_to_string(fixture.root.join("reports/draft/report.md")).unwrap();
        let row = markdown
            .lines()
            .find(|line| line.starts_with(&format!("| `{gone}` |")))
            .unwrap();
        assert!(row.contains("**fichier absent**"), "{row}");
        match app.notice() {
            Some(Notice::Error(said)) => assert!(
                said.contains("rapport écrit\u{a0}: reports/draft/report.md")
                    && said.contains("signalée(s) dans son annexe"),
                "{said}"
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_round_is_closed_and_the_next_started_from_the_history_screen() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        app.engagement_mut().lock_session().unwrap();
        while app.screen() != Screen::History {
            drive(&mut app, [key(KeyCode::BackTab)]);
        }
        drive(&mut app, [ch('c'), ctrl('u')]);
        type_text(&mut app, "2026-02");
        let screen = render(&app, 80, 24);
        assert!(
            screen.contains("Libellé de la campagne à clore"),
            "{screen}"
        );
        drive(&mut app, [key(KeyCode::Enter)]);
        let Some(Notice::Info(notice)) = app.notice().cloned() else {
            panic!("{:?}", app.notice().cloned())
        };
        assert!(notice.contains("campagne close\u{a0}: 2026-02"), "{notice}");
        let tags = std::process::Command::new("git")
            .args(["tag", "--list", "audit/*"])
            .current_dir(&fixture.root)
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&tags.stdout).contains("audit/2026-02"));
        assert!(fixture.root.join("reports/2026-02/report.md").is_file());

        // Closed twice: refused, with the reason on screen.
        drive(&mut app, [ch('c'), ctrl('u')]);
        type_text(&mut app, "2026-02");
        drive(&mut app, [key(KeyCode::Enter)]);
        assert!(
            matches!(app.notice().cloned(), Some(Notice::Error(_))),
            "{:?}",
            app.notice().cloned()
        );

        // Esc cancels; then the next round starts, its answers to re-verify.
        drive(&mut app, [ch('N'), key(KeyCode::Esc)]);
        assert!(matches!(app.mode(), Mode::Normal));
        drive(&mut app, [ch('N'), ctrl('u')]);
        type_text(&mut app, "2026-08");
        drive(&mut app, [key(KeyCode::Enter)]);
        let Some(Notice::Info(notice)) = app.notice().cloned() else {
            panic!("{:?}", app.notice().cloned())
        };
        assert!(
            notice.contains("campagne commencée\u{a0}: 2026-08"),
            "{notice}"
        );
        assert!(notice.contains("réponses à revérifier"), "{notice}");
        assert!(
            app.engagement()
                .state()
                .answers
                .values()
                .any(|a| a.reverify),
            "answers carried over to re-verify"
        );
    }

    #[test]
    fn closing_a_round_from_the_history_screen_says_what_audit_close_says_of_its_evidence() {
        let fixture = Fixture::demo(Lang::Fr);
        let gone = Engagement::open(&fixture.root)
            .unwrap()
            .state()
            .answers
            .values()
            .flat_map(|answer| answer.evidence.iter())
            .next()
            .expect("the demo has evidence")
            .path
            .clone();
        let git = |args: &[&str]| {
            let done = std::process::Command::new("git")
                .args(["-c", "user.name=Jeanne", "-c", "user.email=jm@example.org"])
                .args(args)
                .current_dir(&fixture.root)
                .status()
                .unwrap();
            assert!(done.success(), "git {args:?}");
        };
        git(&["rm", "-q", &gone]);
        git(&["commit", "-q", "-m", "gone"]);
        let mut app = fixture.app(Lang::Fr);
        app.engagement_mut().lock_session().unwrap();
        while app.screen() != Screen::History {
            drive(&mut app, [key(KeyCode::BackTab)]);
        }
        drive(&mut app, [ch('c'), ctrl('u')]);
        type_text(&mut app, "2026-02");
        drive(&mut app, [key(KeyCode::Enter)]);
        assert!(fixture.root.join("reports/2026-02/report.md").is_file());
        let Mode::Told(told) = app.mode() else {
            panic!("the evidence is told: {:?}", app.notice().cloned())
        };
        assert!(
            told.title.contains("campagne close\u{a0}: 2026-02"),
            "{told:?}"
        );
        // The lines `audit close` prints, from the same messages, each a warning.
        let said: Vec<&str> = told.lines.iter().map(|(line, _)| line.as_str()).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0].contains(&format!("fichier de preuve {gone} est absent")),
            "{said:?}"
        );
        assert_eq!(said[1], vmsaudit::messages::evidence_marked(Lang::Fr, 1));
        assert!(told.lines.iter().all(|(_, warned)| *warned), "{told:?}");
        let screen = render(&app, 120, 40);
        for part in ["est absent", "ci-dessus dont le fichier"] {
            assert!(screen.contains(part), "{part:?} in:\n{screen}");
        }
        // Any key closes the account; the round is closed all the same.
        drive(&mut app, [key(KeyCode::Esc)]);
        assert!(matches!(app.mode(), Mode::Normal));
        let tags = std::process::Command::new("git")
            .args(["tag", "--list", "audit/*"])
            .current_dir(&fixture.root)
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&tags.stdout).contains("audit/2026-02"));
    }

    #[test]
    fn capital_o_sets_and_removes_a_domain_override_with_its_justification() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        drive(&mut app, [ch('O')]);
        assert!(render(&app, 80, 24).contains("Score fixé à la main"));
        type_text(&mut app, "abc");
        drive(&mut app, [key(KeyCode::Enter)]);
        assert!(
            matches!(app.mode(), Mode::Prompt(_)),
            "a bad score keeps the prompt"
        );
        assert!(matches!(app.notice().cloned(), Some(Notice::Error(_))));
        drive(&mut app, [ctrl('u')]);
        type_text(&mut app, "2");
        drive(&mut app, [key(KeyCode::Enter)]);
        assert!(
            matches!(app.notice(), Some(Notice::Error(text)) if text.contains("dites pourquoi dans «\u{a0}Justification\u{a0}»")),
            "the rule book asks why: {:?}",
            app.notice().cloned()
        );
        assert!(app.engagement().state().meta.overrides.is_empty());

        drive(&mut app, [ch('O')]);
        type_text(&mut app, "2,5 MFA déployée depuis la visite");
        drive(&mut app, [key(KeyCode::Enter)]);
        let entry = app.engagement().state().meta.overrides.get("ACC").unwrap();
        assert_eq!(entry.score.to_string(), "2.5");
        assert_eq!(entry.justification, "MFA déployée depuis la visite");
        assert!(fixture.git_log()[0].starts_with("ACC: score set to 2.5"));

        // The override in force is offered to edit; emptied, it goes.
        drive(&mut app, [ch('O')]);
        let screen = render(&app, 80, 24);
        assert!(screen.contains("2,5 MFA"), "{screen}");
        drive(&mut app, [ctrl('u'), key(KeyCode::Enter)]);
        assert!(app.engagement().state().meta.overrides.is_empty());
    }

    #[test]
    fn what_a_save_did_is_said_in_french() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        drive(&mut app, [ch('3')]);
        assert_eq!(
            app.notice().cloned(),
            Some(Notice::Info("ACC-01\u{a0}: niveau 3".to_owned()))
        );
        drive(&mut app, [ch('3')]);
        assert_eq!(
            app.notice().cloned(),
            Some(Notice::Info("rien à modifier".to_owned()))
        );
        // The commit keeps its English words: history is read by tools too.
        assert_eq!(fixture.git_log()[0], "ACC-01: level 3 (was 2)");
    }

    #[test]
    fn the_help_scrolls_to_its_last_key_and_o_confirms_a_removal() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        drive(&mut app, [ch('?')]);
        let first = render(&app, 80, 24);
        assert!(
            matches!(app.mode(), Mode::Help(help) if help.scroll.room() > 0),
            "the help is longer than 80×24:\n{first}"
        );
        drive(&mut app, [key(KeyCode::PageDown)]);
        assert!(
            matches!(app.mode(), Mode::Help(_)),
            "scrolling keeps the help open"
        );
        let last = render(&app, 80, 24);
        assert!(last.contains("Ctrl-z"), "{last}");
        drive(&mut app, [ch(' ')]);
        assert!(matches!(app.mode(), Mode::Normal));

        while app.screen() != Screen::Assets {
            drive(&mut app, [key(KeyCode::Tab)]);
        }
        let count = app.engagement().state().assets.iter().count();
        // CAM-013: no finding names it, so it can go.
        drive(&mut app, [ch('j'), ch('j'), ch('x'), ch('o')]);
        assert_eq!(app.engagement().state().assets.iter().count(), count - 1);
    }
}

/// The parts of the audit that used to need the command line, done from the checklist.
mod whole_audit {
    use super::*;

    /// Attaches `file` to what is selected with `a`, without a note.
    fn attach(app: &mut App, file: &Path) {
        drive(app, [ch('a')]);
        type_text(app, &file.display().to_string());
        drive(app, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    }

    #[test]
    fn capital_d_detaches_the_evidence_chosen_once_confirmed_on_the_checklist_and_findings() {
        let fixture = Fixture::demo(Lang::Fr);
        let outside = fixture.root.parent().unwrap();
        let (first, second) = (outside.join("comptes.txt"), outside.join("roles.txt"));
        fs::write(&first, "admin").unwrap();
        fs::write(&second, "operateur").unwrap();
        let mut app = fixture.app(Lang::Fr);
        attach(&mut app, &first);
        attach(&mut app, &second);
        assert_eq!(
            fixture.git_log()[0],
            "ACC-01: evidence roles.txt added",
            "both attached"
        );
        let commits = fixture.git_log().len();

        // The files the answer lists, the last attached chosen; the arrows choose another.
        drive(&mut app, [ch('D')]);
        let screen = render(&app, 80, 24);
        assert!(screen.contains("Retirer de ACC-01"), "{screen}");
        assert!(screen.contains("› evidence/ACC-01/roles.txt"), "{screen}");
        assert!(screen.contains("  evidence/ACC-01/comptes.txt"), "{screen}");
        drive(&mut app, [key(KeyCode::Up)]);
        assert!(render(&app, 80, 24).contains("› evidence/ACC-01/comptes.txt"));
        // Any other key keeps it.
        drive(&mut app, [ch('n')]);
        assert!(matches!(app.mode(), Mode::Normal));
        assert_eq!(fixture.git_log().len(), commits);

        drive(&mut app, [ch('D'), ch('k'), ch('o')]);
        assert_eq!(
            fixture.git_log()[0],
            "ACC-01: evidence comptes.txt detached (file removed, git history keeps it)"
        );
        assert!(!fixture.root.join("evidence/ACC-01/comptes.txt").exists());
        assert!(fixture.root.join("evidence/ACC-01/roles.txt").is_file());
        let listed: Vec<String> = app.engagement().state().answers["ACC-01"]
            .evidence
            .iter()
            .map(|e| e.path.clone())
            .collect();
        assert_eq!(listed, ["evidence/ACC-01/roles.txt"]);
        // Said in French; the commit keeps its English words.
        assert_eq!(
            app.notice().cloned(),
            Some(Notice::Info(
                "ACC-01\u{a0}: preuve comptes.txt retirée, son fichier supprimé (l'historique git le garde)"
                    .to_owned()
            ))
        );

        // The last one: a single file, asked all the same.
        drive(&mut app, [ch('D')]);
        assert!(render(&app, 80, 24).contains("o (oui) pour retirer"));
        drive(&mut app, [ch('o')]);
        assert!(
            app.engagement().state().answers["ACC-01"]
                .evidence
                .is_empty()
        );
        // Nothing left to detach: said, nothing asked.
        drive(&mut app, [ch('D')]);
        assert!(matches!(app.mode(), Mode::Normal));
        assert_eq!(
            app.notice().cloned(),
            Some(Notice::Info("Aucune preuve à retirer ici".to_owned()))
        );

        // The findings screen: the same key, the same rule.
        on(&mut app, Screen::Findings);
        let id = app.selected_record().unwrap();
        attach(&mut app, &first);
        let path = format!("evidence/{id}/comptes.txt");
        assert!(fixture.root.join(&path).is_file());
        drive(&mut app, [ch('D')]);
        let screen = render(&app, 80, 24);
        assert!(screen.contains(&format!("Retirer de {id}")), "{screen}");
        drive(&mut app, [ch('o')]);
        assert_eq!(
            fixture.git_log()[0],
            format!("{id}: evidence comptes.txt detached (file removed, git history keeps it)")
        );
        assert!(!fixture.root.join(&path).exists());
        let finding = app.engagement().state().finding(&id).unwrap();
        assert!(finding.evidence.iter().all(|e| e.path != path));
    }

    #[test]
    fn a_on_a_finding_attaches_evidence_with_its_note() {
        let fixture = Fixture::demo(Lang::Fr);
        let file = fixture.root.parent().unwrap().join("capture.pcap");
        fs::write(&file, "pcap").unwrap();
        let mut app = fixture.app(Lang::Fr);
        on(&mut app, Screen::Findings);
        let id = app.selected_record().unwrap();
        drive(&mut app, [ch('a')]);
        assert!(render(&app, 80, 24).contains("Fichier de preuve à joindre"));
        type_text(&mut app, &file.display().to_string());
        drive(&mut app, [key(KeyCode::Enter)]);
        assert!(render(&app, 80, 24).contains("Note (vide\u{a0}: aucune) sur"));
        type_text(&mut app, "capture du flux RTSP en clair");
        drive(&mut app, [key(KeyCode::Enter)]);
        assert!(
            fixture.git_log()[0].starts_with(&format!("{id}: ")),
            "{}",
            fixture.git_log()[0]
        );
        let finding = app.engagement().state().finding(&id).unwrap().clone();
        let attached = finding
            .evidence
            .iter()
            .find(|e| e.path.ends_with("capture.pcap"))
            .expect("attached to the finding");
        assert_eq!(
            attached.note.as_deref(),
            Some("capture du flux RTSP en clair")
        );
        assert!(fixture.root.join(&attached.path).is_file());
        // The French notice, not the English commit message.
        let screen = render(&app, 80, 24);
        assert!(screen.contains(&id), "{screen}");
        assert!(!screen.contains("evidence capture.pcap added"), "{screen}");
    }

    #[test]
    fn i_on_the_assets_screen_imports_a_csv_whose_path_tab_completes() {
        let fixture = Fixture::demo(Lang::En);
        let folder = fixture.root.parent().unwrap().join("inventaire-client");
        fs::create_dir_all(&folder).unwrap();
        // Models as the client's inventory writes them, none of them in the demo yet.
        fs::write(
            folder.join("cameras-site-a.csv"),
            "ID,Kind,Vendor,Model,Firmware,Address,Location\n\
             CAM-101,camera,Hikvision,DS-2CD2143G2-IS,V5.7.3 build 220112,10.20.1.11,Quai 5\n\
             CAM-102,Camera,Dahua,DH-IPC-HFW3441E-AS,V2.800.0000000.16.R,10.20.1.12,Quai 6\n",
        )
        .unwrap();
        let mut app = fixture.app(Lang::En);
        on(&mut app, Screen::Assets);
        let before = app.engagement().state().assets.len();
        drive(&mut app, [ch('i')]);
        type_text(&mut app, &format!("{}/cam", folder.display()));
        drive(&mut app, [key(KeyCode::Tab)]);
        let Mode::Prompt(prompt) = app.mode() else {
            panic!("typing the path")
        };
        assert_eq!(
            prompt.label,
            format!("{}/cameras-site-a.csv", folder.display())
        );
        drive(&mut app, [key(KeyCode::Enter)]);
        assert!(
            matches!(app.mode(), Mode::Normal),
            "{:?}",
            app.notice().cloned()
        );
        assert_eq!(app.engagement().state().assets.len(), before + 2);
        assert_eq!(
            app.engagement()
                .state()
                .asset("CAM-102")
                .unwrap()
                .model
                .as_deref(),
            Some("DH-IPC-HFW3441E-AS")
        );
        assert!(
            fixture.git_log()[0].contains("cameras-site-a.csv"),
            "{}",
            fixture.git_log()[0]
        );

        // A file that is not CSV is refused, and nothing is written.
        let commits = fixture.git_log().len();
        let bad = folder.join("notes.csv");
        fs::write(&bad, "no header at all\n\u{1b}[2J").unwrap();
        drive(&mut app, [ch('i')]);
        type_text(&mut app, &bad.display().to_string());
        drive(&mut app, [key(KeyCode::Enter)]);
        assert!(
            matches!(app.notice().cloned(), Some(Notice::Error(_))),
            "{:?}",
            app.notice().cloned()
        );
        assert_eq!(fixture.git_log().len(), commits);
        assert!(!render(&app, 120, 30).contains('\u{1b}'));
    }

    #[test]
    fn capital_c_on_the_assets_screen_shows_each_match_with_its_reason() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        on(&mut app, Screen::Assets);
        drive(&mut app, [ch('C')]);
        let Mode::CveMatches(lines) = app.mode() else {
            panic!("the CVE popup is open: {:?}", app.notice().cloned())
        };
        let line = lines
            .0
            .iter()
            .find(|line| line.id == "CVE-2021-36260")
            .expect("the demo's Hikvision cameras match CVE-2021-36260");
        assert_eq!(line.reasons.len(), line.affected.len() + line.unknown.len());
        let reason = &line.reasons[0];
        assert!(reason.contains("DS-2CD2121G0-I"), "{reason}");
        assert!(reason.contains("versions concernées\u{a0}: "), "{reason}");
        // Every reason of every match in French, none in the matcher's English.
        for reason in lines.0.iter().flat_map(|line| &line.reasons) {
            crate::cve::assert_no_english(reason);
        }
        let screen = render(&app, 120, 40);
        assert!(screen.contains("DS-2CD2121G0-I"), "{screen}");
        assert!(screen.contains("versions concernées"), "{screen}");
    }

    #[test]
    fn the_finding_form_picks_assets_by_id_model_or_address_and_says_did_you_mean() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        on(&mut app, Screen::Findings);
        drive(&mut app, [ch('+')]);
        select_field(&mut app, "assets");
        drive(&mut app, [key(KeyCode::Enter)]);
        // A model typed lists the assets of that model; Tab completes what they share.
        type_text(&mut app, "cam-0");
        let screen = render(&app, 100, 40);
        assert!(screen.contains("CAM-001"), "{screen}");
        assert!(
            screen.contains("DS-2CD2121G0-I"),
            "the hint tells assets apart: {screen}"
        );
        drive(&mut app, [key(KeyCode::Tab)]);
        assert_eq!(form(&app).typed_word().unwrap().1, "CAM-0");
        type_text(&mut app, "0");
        drive(&mut app, [key(KeyCode::Tab)]);
        assert!(
            form(&app).editing.is_some(),
            "Tab completed, the field is still typed"
        );
        type_text(&mut app, "10.20.0.201");
        drive(&mut app, [key(KeyCode::Tab)]);
        let typed = form(&app).typed_word().unwrap();
        assert_eq!(typed.0, "assets");
        let Some(vmsaudit::tui::form::Editing::Line(line)) = &form(&app).editing else {
            panic!("typing")
        };
        assert_eq!(line, "CAM-001, NVR-01, ", "the address picked its asset");
        // A word that matches nothing: the closest id is offered.
        drive(&mut app, [ctrl('u')]);
        type_text(&mut app, "CMA-001");
        let screen = render(&app, 100, 40);
        assert!(
            screen.contains("‹ non ›") && screen.contains("‹ ouvert"),
            "choices in French: {screen}"
        );
        assert!(
            screen.contains("vouliez-vous dire CAM-001\u{a0}?"),
            "{screen}"
        );
        // Tab with nothing to complete leaves the field, as elsewhere.
        drive(&mut app, [ctrl('u')]);
        type_text(&mut app, "CAM-001");
        drive(&mut app, [key(KeyCode::Tab)]);
        assert!(form(&app).editing.is_none());
        assert_eq!(form(&app).value("assets"), "CAM-001");
    }

    #[test]
    fn capital_d_on_the_summary_edits_the_engagement_details_and_scope() {
        let fixture = Fixture::demo(Lang::Fr);
        let mut app = fixture.app(Lang::Fr);
        on(&mut app, Screen::Summary);
        drive(&mut app, [ch('D')]);
        let screen = render(&app, 80, 24);
        assert!(screen.contains("Mission et périmètre"), "{screen}");
        assert!(screen.contains("Composants inclus"), "{screen}");

        // An empty client is refused beside its field, and nothing is written.
        let commits = fixture.git_log().len();
        fill(&mut app, "client", "");
        drive(&mut app, [ctrl('s')]);
        assert!(matches!(app.mode(), Mode::Form(_)));
        assert!(
            form(&app).fields[0].problem.is_some(),
            "the client's problem is shown beside it"
        );
        assert_eq!(fixture.git_log().len(), commits);

        fill(&mut app, "client", "Transports Rhône-Alpes");
        fill(&mut app, "site", "Dépôt de Vénissieux");
        fill(
            &mut app,
            "excluded",
            "Contrôle d'accès physique\nCaméras du parking P2",
        );
        drive(&mut app, [ctrl('s')]);
        assert!(
            matches!(app.mode(), Mode::Normal),
            "{:?}",
            app.notice().cloned()
        );
        assert_eq!(
            fixture.git_log()[0],
            "engagement: client, site, exclusions set"
        );
        let meta = &app.engagement().state().meta;
        assert_eq!(meta.client, "Transports Rhône-Alpes");
        assert_eq!(meta.site.as_deref(), Some("Dépôt de Vénissieux"));
        assert_eq!(
            meta.scope.excluded,
            ["Contrôle d'accès physique", "Caméras du parking P2"]
        );
        let yaml = fs::read_to_string(fixture.root.join("engagement.yaml")).unwrap();
        assert!(yaml.contains("Caméras du parking P2"), "{yaml}");
        assert!(render(&app, 80, 24).contains("mission et périmètre enregistrés"));
    }
}

mod grid_versions {
    use super::*;

    /// An answer carried over onto a changed control of a newer grid says, under the control,
    /// what changed, in the interface's language, until it is re-verified.
    #[test]
    fn the_checklist_says_what_changed_in_the_grid_under_the_control() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("acme");
        let options = InitOptions {
            client: "ACME".into(),
            auditors: vec![JEANNE.parse().unwrap()],
            language: Some(Lang::Fr),
            grid: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("grids/history/vms-1.0.0.yaml")),
            ..InitOptions::default()
        };
        let mut engagement = Engagement::init(&root, options, now()).unwrap();
        let who = engagement.auditor(None).unwrap();
        let change = AnswerChange {
            control: "REM-08".into(),
            level: Some(Level::Score(3)),
            observations: Some("IPsec entre sites.".into()),
            ..AnswerChange::default()
        };
        engagement
            .change(Change::Answer(change), &who, now())
            .unwrap();
        engagement
            .close_round("2026-02", &who, now(), |_, _| {
                Ok(vec![("report.md".to_owned(), b"# Rapport\n".to_vec())])
            })
            .unwrap();
        let grid = vmsaudit::engagement::NewGrid {
            grid: std::sync::Arc::new(vmsaudit::grid::builtin::grid().unwrap()),
            text: vmsaudit::grid::builtin::SOURCE.to_owned(),
            file: vmsaudit::grid::builtin::NAME.to_owned(),
        };
        let august: Timestamp = "2026-08-03T10:00:00Z".parse().unwrap();
        engagement
            .start_round_on("2026-08", &who, august, Some(grid))
            .unwrap();

        let mut app = App::new(engagement, who, Lang::Fr);
        app.select("REM-08");
        let screen = render(&app, 120, 40);
        assert!(
            screen.contains("? la grille a changé depuis cette réponse\u{a0}: version 1.0.0"),
            "{screen}"
        );
        assert!(
            screen.contains("(REM-08) — question, niveaux, conseils — La question n'impose"),
            "{screen}"
        );
        // Confirmed at the same level: the marker goes.
        drive(&mut app, [ch('3')]);
        let screen = render(&app, 120, 40);
        assert!(!screen.contains("la grille a changé"), "{screen}");
        assert!(app.engagement().state().answers["REM-08"].changed.is_none());

        // The history screen compares across the two versions and says what does not compare.
        super::history::to_history(&mut app);
        drive(&mut app, [key(KeyCode::Enter)]);
        let screen = render(&app, 120, 40);
        assert!(
            screen.contains(
                "Non comparables, grille 1.0.0 → 1.1.0\u{a0}: ACC-12 (nouveau), ACC-13 (nouveau),"
            ),
            "{screen}"
        );
        assert!(screen.contains("REM-08 (reformulé)"), "{screen}");
    }
}

/// ratatui scrolls a paragraph by a `u16`: the detail pane gives it only the lines in view,
/// so that observations of 300,000 lines show the right ones at any offset, past 65,535 too.
#[test]
fn the_detail_scrolls_past_sixty_five_thousand_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = {
        let options = InitOptions {
            client: "ACME".into(),
            auditors: vec![JEANNE.parse().unwrap()],
            language: Some(Lang::En),
            ..InitOptions::default()
        };
        let mut engagement = Engagement::init(&dir.path().join("acme"), options, now()).unwrap();
        let auditor = engagement.auditor(None).unwrap();
        let observations: String = (0..300_000).map(|n| format!("o{n:06}\n")).collect();
        let change = AnswerChange {
            control: "ACC-01".into(),
            level: Some(Level::Score(1)),
            observations: Some(observations),
            ..AnswerChange::default()
        };
        engagement
            .change(Change::Answer(change), &auditor, now())
            .unwrap();
        App::new(engagement, auditor, Lang::En)
    };
    drive(&mut app, [ch('l'), ch('l')]);
    assert_eq!(app.focus(), Focus::Detail);
    render(&app, 80, 24);
    assert!(app.detail_room() > 300_000, "{}", app.detail_room());
    // The first observation line shown on the screen, by its number.
    let first_shown = |screen: &str| -> usize {
        screen
            .lines()
            .find_map(|line| {
                let at = line.find("│o")? + "│o".len();
                line.get(at..at + 6)?.parse().ok()
            })
            .unwrap_or_else(|| panic!("no observation line in\n{screen}"))
    };
    drive(&mut app, [ch('G')]);
    render(&app, 80, 24);
    assert_eq!(app.detail_scroll(), app.detail_room());
    // Ten pages up from the end, above the grid's texts that follow the observations.
    drive(&mut app, (0..10).map(|_| key(KeyCode::PageUp)));
    let near_end = first_shown(&render(&app, 80, 24));
    assert!(near_end > 299_800, "{near_end}");
    // A thousand pages further up: still past 65,535 rows from the top.
    drive(&mut app, (0..1000).map(|_| key(KeyCode::PageUp)));
    assert!(app.detail_scroll() > 100_000);
    let far = render(&app, 80, 24);
    assert_eq!(first_shown(&far), near_end - 10_000, "\n{far}");
    let top = app.detail_scroll();
    drive(&mut app, [key(KeyCode::PageUp)]);
    assert_eq!(app.detail_scroll(), top - 10);
    assert_eq!(first_shown(&render(&app, 80, 24)), near_end - 10_010);
    // Back to where the pane starts: the answer's own lines, then the first observations.
    drive(&mut app, [ch('g')]);
    let start = render(&app, 80, 24);
    assert!(start.contains("││ACC-01 · "), "\n{start}");
    assert_eq!(app.detail_scroll(), 0);
}
