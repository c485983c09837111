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
use vmsaudit::tui::app::{App, EditPurpose, Effect, Focus, Message, Mode, Screen};
use vmsaudit::tui::theme::Theme;
use vmsaudit::tui::view;

const NOW: &str = "2026-02-03T10:00:00Z";

fn now() -> Timestamp {
    NOW.parse().unwrap()
}

/// The demo engagement, created at a fixed time in a temporary folder.
struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Fixture {
    fn demo(lang: Lang) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("demo");
        vmsaudit::demo::create(&root, lang, now()).unwrap();
        Fixture { _dir: dir, root }
    }

    fn app(&self, lang: Lang) -> App {
        let engagement = Engagement::open(&self.root).unwrap();
        let auditor = engagement.auditor(None).unwrap();
        App::new(engagement, auditor, lang)
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

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view::draw(app, Theme::plain(), frame))
        .unwrap();
    terminal.backend().to_string()
}

fn fresh_engagement(dir: &Path) -> App {
    let options = InitOptions {
        client: "ACME".into(),
        site: None,
        contract: None,
        firm: None,
        auditors: vec!["Jeanne Martin <jm@example.org>".parse().unwrap()],
        language: Some(Lang::En),
        grid: None,
    };
    let engagement = Engagement::init(&dir.join("acme"), options, now()).unwrap();
    let auditor = engagement.auditor(None).unwrap();
    App::new(engagement, auditor, Lang::En)
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
    assert_eq!(app.current_id().as_deref(), Some("ACC-11"));
    drive(&mut app, [key(KeyCode::Home)]);
    assert_eq!(app.current_id().as_deref(), Some("ACC-01"));
    drive(&mut app, [key(KeyCode::End), ch('g')]);
    assert_eq!(app.current_id().as_deref(), Some("ACC-01"));

    // Left focuses the domains; moving there changes domain.
    drive(&mut app, [ch('h')]);
    assert_eq!(app.focus, Focus::Domains);
    drive(&mut app, [ch('j'), ch('j')]);
    assert_eq!(app.current_id().as_deref(), Some("NET-01"));
    drive(&mut app, [key(KeyCode::Left)]);
    assert_eq!(app.focus, Focus::Domains);
    drive(&mut app, [key(KeyCode::Right)]);
    assert_eq!(app.focus, Focus::Controls);
    drive(&mut app, [ch('j')]);
    assert_eq!(app.current_id().as_deref(), Some("NET-02"));

    // Right again focuses the detail, where moving scrolls.
    drive(&mut app, [ch('l')]);
    assert_eq!(app.focus, Focus::Detail);
    drive(&mut app, [ch('j'), ch('j')]);
    assert_eq!(app.detail_scroll, 2);
    assert_eq!(app.current_id().as_deref(), Some("NET-02"));
    drive(&mut app, [key(KeyCode::PageDown)]);
    assert_eq!(app.detail_scroll, 12);
    drive(&mut app, [key(KeyCode::PageUp), key(KeyCode::PageUp)]);
    assert_eq!(app.detail_scroll, 0);
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
        render(&app, 80, 24).contains("ACC-01: level 4 (was 2)"),
        "the status line says what was saved"
    );
}

#[test]
fn a_digit_outside_the_scale_is_refused_on_screen() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    let head = fixture.git_log()[0].clone();
    assert!(drive(&mut app, [ch('7')]).is_empty());
    assert_eq!(fixture.git_log()[0], head);
    assert!(render(&app, 80, 24).contains("level 7 is outside the scale (0–4)"));
}

#[test]
fn n_marks_not_applicable_asking_why_when_there_is_no_observation() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = fresh_engagement(dir.path());
    drive(&mut app, [ch('n')]);
    let Mode::Editing(editor) = &app.mode else {
        panic!("n opens the editor for a justification")
    };
    assert_eq!(editor.purpose, EditPurpose::NotApplicable);
    type_text(&mut app, "No camera has a password policy: site has none");
    drive(&mut app, [ctrl('s')]);
    assert!(matches!(app.mode, Mode::Normal));
    let record = fs::read_to_string(dir.path().join("acme/answers/ACC-01.yaml")).unwrap();
    assert!(record.contains("level: na"), "{record}");
    assert!(
        record.contains("No camera has a password policy: site has none"),
        "{record}"
    );
    assert!(
        app.engagement.drafts().unwrap().is_empty(),
        "the draft goes once saved"
    );

    // With observations already there, n saves at once.
    drive(&mut app, [ch('j'), ch('2'), key(KeyCode::Enter)]);
    type_text(&mut app, "Why");
    drive(&mut app, [ctrl('s'), ch('n')]);
    assert_eq!(app.answer("ACC-02").unwrap().level, Level::NotApplicable);
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn enter_edits_observations_which_are_saved_and_committed() {
    let fixture = Fixture::demo(Lang::En);
    let mut app = fixture.app(Lang::En);
    drive(&mut app, [key(KeyCode::Enter)]);
    let Mode::Editing(editor) = &app.mode else {
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
    let drafts = app.engagement.drafts().unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].control, control);
    assert_eq!(drafts[0].text, "half-typed");
    assert!(
        drive(&mut app, [Message::Tick]).is_empty(),
        "nothing new to keep"
    );

    // Esc leaves the editor but keeps the draft; nothing was committed.
    let head = fixture.git_log()[0].clone();
    drive(&mut app, [key(KeyCode::Esc)]);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(fixture.git_log()[0], head);
    drop(app);

    let mut app = fixture.app(Lang::En);
    let Mode::Drafts(offered) = &app.mode else {
        panic!("drafts are offered on start")
    };
    assert_eq!(offered[0].text, "half-typed");
    drive(&mut app, [key(KeyCode::Enter)]);
    let Mode::Editing(editor) = &app.mode else {
        panic!("Enter restores the draft into the editor")
    };
    assert_eq!(editor.control, control);
    assert_eq!(editor.content(), "half-typed");
    drive(&mut app, [key(KeyCode::Esc)]);
    drop(app);

    let mut app = fixture.app(Lang::En);
    drive(&mut app, [ch('d')]);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(
        app.engagement.drafts().unwrap().is_empty(),
        "d discards the draft"
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
    let Mode::Editing(editor) = &app.mode else {
        panic!("the editor stays open")
    };
    assert_eq!(editor.content(), "precious notes");
    assert!(render(&app, 80, 24).contains("needs a level"));
    assert_eq!(app.engagement.drafts().unwrap()[0].text, "precious notes");
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
fn a_attaches_an_evidence_file_by_path() {
    let fixture = Fixture::demo(Lang::En);
    let file = fixture.root.parent().unwrap().join("export.csv");
    fs::write(&file, "user,role\nadmin,admin\n").unwrap();
    let mut app = fixture.app(Lang::En);
    drive(&mut app, [ch('a')]);
    assert!(matches!(app.mode, Mode::AttachingEvidence(_)));
    type_text(&mut app, file.to_str().unwrap());
    drive(&mut app, [key(KeyCode::Enter)]);
    assert_eq!(fixture.git_log()[0], "ACC-01: evidence export.csv added");
    assert!(fixture.root.join("evidence/ACC-01/export.csv").is_file());

    drive(&mut app, [ch('a')]);
    type_text(&mut app, "/no/such/file");
    drive(&mut app, [key(KeyCode::Enter)]);
    assert!(
        render(&app, 100, 24).contains("/no/such/file"),
        "the error names the path"
    );
    drive(
        &mut app,
        [ch('a'), ch('x'), key(KeyCode::Backspace), key(KeyCode::Esc)],
    );
    assert!(matches!(app.mode, Mode::Normal), "Esc cancels the prompt");
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
            .all(|id| app.engagement.grid.control(id).is_some())
    );
    drive(&mut app, [key(KeyCode::Backspace), key(KeyCode::Enter)]);
    assert_eq!(app.filter, "certifica");
    assert!(
        matches!(app.mode, Mode::Normal),
        "Enter keeps the filter and goes back to the list"
    );
    drive(&mut app, [ch('/'), key(KeyCode::Esc)]);
    assert_eq!(app.filter, "");
    assert_eq!(
        app.visible().len(),
        app.engagement.grid.domains[0].controls.len()
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
        .engagement
        .grid
        .controls()
        .filter(|(_, c)| !app.engagement.answers.contains_key(&c.id))
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
    drive(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(app.screen, Screen::Summary);
    drive(&mut app, [key(KeyCode::Tab)]);
    assert_eq!(app.screen, Screen::Checklist);
    drive(&mut app, [key(KeyCode::BackTab)]);
    assert_eq!(app.screen, Screen::Summary);
    drive(&mut app, [ch('3')]);
    assert_eq!(
        fixture.git_log().len(),
        51,
        "digits do nothing on the summary"
    );

    drive(&mut app, [ch('?')]);
    assert!(matches!(app.mode, Mode::Help));
    drive(&mut app, [ch('x')]);
    assert!(matches!(app.mode, Mode::Normal));

    assert_eq!(drive(&mut app, [ctrl('z')]), [Effect::Suspend]);
    assert_eq!(drive(&mut app, [ch('q')]), [Effect::Quit]);
    assert!(app.quit);
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
    let drafts = app.engagement.drafts().unwrap();
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
    let grid = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini-grid.yaml"
    ))
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
        contract: None,
        firm: None,
        auditors: vec!["Jeanne <jm@example.org>".parse().unwrap()],
        language: Some(Lang::En),
        grid: Some(grid_path),
    };
    let mut engagement = Engagement::init(&dir.path().join("e"), options, now()).unwrap();
    let auditor = engagement.auditor(None).unwrap();
    let change = AnswerChange {
        control: "ACC-01".into(),
        level: Some(Level::Score(1)),
        observations: Some(format!("Seen: {hostile}\nline two")),
        evidence: vec![],
    };
    engagement.set_answer(change, &auditor, now()).unwrap();
    let mut app = App::new(engagement, auditor, Lang::En);
    for screen in 0..2 {
        for (width, height) in [(80, 24), (120, 40)] {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| view::draw(&app, Theme::from_env(), frame))
                .unwrap();
            let buffer = terminal.backend().buffer();
            for cell in buffer.content() {
                let symbol = cell.symbol();
                assert!(
                    !symbol
                        .chars()
                        .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                    "screen {screen} {width}x{height} draws {symbol:?}"
                );
            }
            let text = terminal.backend().to_string();
            assert!(text.contains("pwned"), "the text is shown, defused");
        }
        drive(&mut app, [key(KeyCode::Tab)]);
    }
    assert_eq!(app.screen, Screen::Checklist);
    drive(&mut app, [key(KeyCode::Enter)]);
    let Mode::Editing(editor) = &app.mode else {
        panic!("editor")
    };
    assert!(
        !editor.content().contains('\x1b'),
        "the editor never holds an escape character"
    );
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
        drive(&mut app, [key(KeyCode::Tab)]);
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
