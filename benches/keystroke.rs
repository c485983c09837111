//! One keystroke in the checklist: `App::update` plus a full redraw into a 200×60
//! `TestBackend`, on an engagement of 2,000 controls (20 domains of 100), every one answered.
//!
//! Run with `cargo bench --bench keystroke`; prints the median and the 95th percentile.

// Benchmark code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vmsaudit::engagement::{Engagement, InitOptions};
use vmsaudit::grid::Lang;
use vmsaudit::tui::app::{App, Message};
use vmsaudit::tui::theme::Theme;
use vmsaudit::tui::view;

const DOMAINS: usize = 20;
const PER_DOMAIN: usize = 100;

fn synthetic_grid() -> String {
    let mut yaml = String::from(
        "id: synthetic\nversion: 1.0.0\nlanguages: [en, fr]\ntitle: {en: Synthetic, fr: Synthétique}\nscale:\n",
    );
    for (level, label) in ["Non-existent", "Initial", "Defined", "Managed", "Optimised"]
        .iter()
        .enumerate()
    {
        writeln!(
            yaml,
            "  - {{level: {level}, label: {{en: {label}, fr: {label}}}}}"
        )
        .unwrap();
    }
    yaml.push_str("domains:\n");
    for d in 0..DOMAINS {
        writeln!(yaml, "  - id: D{d:02}\n    title: {{en: Domain number {d}, fr: Domaine numéro {d}}}\n    controls:").unwrap();
        for c in 0..PER_DOMAIN {
            writeln!(
                yaml,
                "      - id: D{d:02}-{c:03}\n        title: {{en: Control {c} of domain {d}, fr: Contrôle {c} du domaine {d}}}\n        question: {{en: Is the control number {c} in place on every camera and recorder of the site?, fr: Le contrôle {c} est-il en place ?}}\n        guidance: {{en: Check the configuration page of a sample of devices and note the firmware version. Repeat on the recorders., fr: Vérifier la configuration.}}\n        levels: {{0: {{en: Nothing, fr: Rien}}, 4: {{en: Everywhere, fr: Partout}}}}"
            )
            .unwrap();
        }
    }
    yaml
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let grid_path = dir.path().join("grid.yaml");
    std::fs::write(&grid_path, synthetic_grid()).unwrap();
    let options = InitOptions {
        client: "Synthetic client".into(),
        site: Some("Large site".into()),
        contract: None,
        firm: None,
        auditors: vec!["Bench <bench@example.org>".parse().unwrap()],
        language: Some(Lang::En),
        grid: Some(grid_path),
    };
    let root = dir.path().join("engagement");
    let now: jiff::Timestamp = "2026-02-03T10:00:00Z".parse().unwrap();
    Engagement::init(&root, options, now).unwrap();
    // Answer files written directly: this measures a keystroke, not 2,000 commits.
    std::fs::create_dir_all(root.join("answers")).unwrap();
    for d in 0..DOMAINS {
        for c in 0..PER_DOMAIN {
            let id = format!("D{d:02}-{c:03}");
            let text = format!(
                "control: {id}\nlevel: {}\nobservations: |\n  Seen on CAM-{c:03} and NVR-{d:02}: firmware outdated, default account renamed.\n  Second line of notes.\nassessed_by: Bench <bench@example.org>\nassessed_at: \"2026-02-03T10:00:00Z\"\n",
                (d + c) % 5
            );
            std::fs::write(root.join("answers").join(format!("{id}.yaml")), text).unwrap();
        }
    }
    let started = Instant::now();
    let engagement = Engagement::open(&root).unwrap();
    let opened = started.elapsed();
    let auditor = engagement.auditor(None).unwrap();
    let mut app = App::new(engagement, auditor, Lang::En);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let theme = Theme::from_env();

    let keys = [
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Down,
        KeyCode::Up,
    ];
    let mut samples = Vec::new();
    for round in 0..3_000 {
        let key = Message::Key(KeyEvent::new(keys[round % keys.len()], KeyModifiers::NONE));
        let start = Instant::now();
        let effects = app.update(key);
        terminal
            .draw(|frame| view::draw(&app, theme, frame))
            .unwrap();
        samples.push(start.elapsed());
        assert!(effects.is_empty());
    }
    samples.sort();
    let median = samples[samples.len() / 2];
    let p95 = samples[samples.len() * 95 / 100];
    println!(
        "engagement: {} controls, {} answers; opened in {:.1} ms",
        DOMAINS * PER_DOMAIN,
        app.engagement.answers.len(),
        ms(opened)
    );
    println!(
        "keystroke (update + full redraw, 200x60): median {:.3} ms, p95 {:.3} ms over {} keys",
        ms(median),
        ms(p95),
        samples.len()
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
