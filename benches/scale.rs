//! Performance at scale (issue 8): each operation an auditor waits for, on the large
//! synthetic engagement (`support/synth.rs`: 2,000 controls, 2,000 assets, 300 findings, 300
//! actions, four closed rounds, about 6,000 commits) and on the demo, with the median and
//! the 95th percentile of several runs, against the budgets of docs/PERFORMANCE.md.
//!
//! `cargo bench --bench scale` runs everything; `-- large`, `-- demo`, `-- process`, `-- git`
//! (whole commands against git on the same repository, issue 18) or `-- wire` (the bytes the
//! checklist writes to a terminal, through tmux) narrows it. The
//! large engagement is generated once (about a minute) and kept in the target folder
//! (`VMSAUDIT_BENCH_DIR` to put it elsewhere, `VMSAUDIT_BENCH_ENGAGEMENT=DIR` to use one made
//! by `cargo run --release --example synth -- DIR`); operations that write work on a copy.
//! Whole processes run the release binary cargo built for the benchmarks; their peak memory
//! comes from `/usr/bin/time -f %M` (skipped, saying so, where it is missing).

// Benchmark code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "support/synth.rs"]
mod synth;

/// The binary's allocator (src/main.rs), so that what is measured in process is what runs.
#[cfg(target_pointer_width = "64")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vmsaudit::assessment::Level;
use vmsaudit::engagement::{AnswerChange, Change, Engagement};
use vmsaudit::tui::app::{App, Message};
use vmsaudit::tui::theme::Theme;
use vmsaudit::tui::view;

const BIN: &str = env!("CARGO_BIN_EXE_vmsaudit");
/// The clock every run is pinned to (the day after the synthetic engagement's last commit).
const NOW: &str = "2026-08-01T10:00:00Z";

/// Budgets against git on the same repository (issue 18), as ratios of medians.
const STATUS_VS_GIT: f64 = 2.0;
const ANSWER_VS_GIT: f64 = 1.0;

/// Budgets on the large engagement (issue 8), in milliseconds.
const OPEN_AND_FRAME_MS: f64 = 100.0;
const KEYSTROKE_MS: f64 = 1.0;
const SAVE_MS: f64 = 15.0;
const REPORT_MS: f64 = 200.0;
const DIFF_MS: f64 = 200.0;
const PEAK_MB: f64 = 60.0;

struct Stats {
    median: Duration,
    p95: Duration,
    runs: usize,
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Runs `f` `runs` times (after one warm-up run) and keeps the time of each.
fn measure(runs: usize, mut f: impl FnMut()) -> Stats {
    f();
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    stats(&mut samples)
}

fn stats(samples: &mut [Duration]) -> Stats {
    samples.sort();
    let last = samples.len() - 1;
    Stats {
        median: samples[samples.len() / 2],
        p95: samples[(samples.len() * 95 / 100).min(last)],
        runs: samples.len(),
    }
}

/// One line of results: name, median, p95, and the budget when there is one.
fn report(name: &str, stats: &Stats, budget_ms: Option<f64>) {
    let verdict = match budget_ms {
        Some(budget) if ms(stats.median) <= budget => format!("  budget {budget} ms: ok"),
        Some(budget) => format!("  budget {budget} ms: MISSED"),
        None => String::new(),
    };
    println!(
        "  {name:<44} median {:>9.3} ms   p95 {:>9.3} ms   ({} runs){verdict}",
        ms(stats.median),
        ms(stats.p95),
        stats.runs
    );
}

fn key(code: KeyCode) -> Message {
    Message::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn main() {
    // `cargo bench` passes `--bench`; other words choose what runs.
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let wants = |part: &str| words.is_empty() || words.iter().any(|word| word == part);

    let scratch = tempfile::tempdir().unwrap();
    if wants("demo") || wants("process") {
        let demo = scratch.path().join("demo");
        let now: jiff::Timestamp = NOW.parse().unwrap();
        vmsaudit::demo::create(&demo, vmsaudit::grid::Lang::En, now).unwrap();
        if wants("demo") {
            println!("demo engagement (built-in grid, 40 controls):");
            in_process(&demo, scratch.path(), false);
        }
        if wants("process") {
            println!("demo engagement, whole process:");
            processes(&demo, scratch.path(), None);
        }
    }
    if wants("wire") {
        let demo = scratch.path().join("wire-demo");
        let now: jiff::Timestamp = NOW.parse().unwrap();
        vmsaudit::demo::create(&demo, vmsaudit::grid::Lang::En, now).unwrap();
        println!("bytes written to the terminal (demo engagement, through tmux):");
        wire(&demo, scratch.path());
    }
    if wants("large") || wants("process") || wants("git") {
        // An engagement made by `cargo run --release --example synth -- DIR` can be given
        // instead of the cached one.
        let large = match std::env::var_os("VMSAUDIT_BENCH_ENGAGEMENT") {
            Some(dir) => std::path::PathBuf::from(dir),
            None => synth::cached(synth::DEFAULT_SEED, &synth::Shape::LARGE).unwrap(),
        };
        if wants("large") {
            println!(
                "large engagement ({}; seed {}):",
                large.display(),
                synth::DEFAULT_SEED
            );
            in_process(&large, scratch.path(), true);
        }
        if wants("process") {
            println!("large engagement, whole process:");
            processes(&large, scratch.path(), Some(("2025-S1", "2025-S2")));
        }
        if wants("process") || wants("git") {
            println!("large engagement, against git on the same repository (in turns):");
            against_git(&large, scratch.path());
        }
    }
}

fn in_process(root: &Path, scratch: &Path, large: bool) {
    let budget = |value: f64| large.then_some(value);
    let runs = if large { 15 } else { 50 };

    let open = measure(runs, || {
        Engagement::open(root).unwrap();
    });
    report("open (grid + every record)", &open, None);

    // What `vmsaudit` does before its first frame: open, take the session's lock (which
    // finishes what an interrupted command left: a `git status`), build the app, draw.
    let theme = Theme::plain();
    let first_frame = measure(runs, || {
        let mut engagement = Engagement::open(root).unwrap();
        engagement.lock_session().unwrap();
        let auditor = engagement.auditor(None).unwrap();
        let app = App::new(engagement, auditor, vmsaudit::grid::Lang::En);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        terminal
            .draw(|frame| view::draw(&app, theme, frame))
            .unwrap();
    });
    report(
        "open + lock + first frame (200x60)",
        &first_frame,
        budget(OPEN_AND_FRAME_MS),
    );

    // Keystrokes: moving through the checklist, redrawn in full each time.
    let engagement = Engagement::open(root).unwrap();
    let auditor = engagement.auditor(None).unwrap();
    let mut app = App::new(engagement, auditor, vmsaudit::grid::Lang::En);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal
        .draw(|frame| view::draw(&app, theme, frame))
        .unwrap();
    let keys = [
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Down,
        KeyCode::Up,
    ];
    let mut samples = Vec::new();
    for round in 0..2_000 {
        let start = Instant::now();
        let effects = app.update(key(keys[round % keys.len()]));
        terminal
            .draw(|frame| view::draw(&app, theme, frame))
            .unwrap();
        samples.push(start.elapsed());
        assert!(effects.is_empty());
    }
    report(
        "keystroke (update + full redraw, 200x60)",
        &stats(&mut samples),
        budget(KEYSTROKE_MS),
    );
    drop(app);

    // Saving: on a copy, so that the kept engagement stays as generated.
    let copy = scratch.join(if large { "large-copy" } else { "demo-copy" });
    copy_dir(root, &copy);
    let mut engagement = Engagement::open(&copy).unwrap();
    let who = engagement.auditor(None).unwrap();
    let control = engagement.state().grid.domains[1].controls[3].id.clone();
    let mut now: jiff::Timestamp = NOW.parse().unwrap();
    let mut save = |engagement: &mut Engagement| {
        // Another level each time, so that every save is a change and a commit.
        let level = match engagement
            .state()
            .answers
            .get(&control)
            .map(|answer| answer.level)
        {
            Some(Level::Score(level)) => (level + 1) % 4,
            _ => 1,
        };
        now = now
            .checked_add(jiff::SignedDuration::from_secs(60))
            .unwrap();
        let change = Change::Answer(AnswerChange {
            control: control.clone(),
            level: Some(Level::Score(level)),
            observations: None,
            evidence: Vec::new(),
            drop_evidence: Vec::new(),
        });
        let saved = engagement.change(change, &who, now).unwrap();
        assert!(saved.commit.is_some());
    };
    // A one-shot command also takes the lock, whose check for what an interrupted command
    // left (a status of the whole working copy) is the larger part: reported beside the
    // budget, which is the save's own (docs/PERFORMANCE.md).
    let command = measure(runs * 2, || save(&mut engagement));
    report(
        "save one answer (command: lock, write, commit)",
        &command,
        None,
    );
    engagement.lock_session().unwrap();
    let session = measure(runs * 2, || save(&mut engagement));
    report(
        "save one answer (checklist session)",
        &session,
        budget(SAVE_MS),
    );
    drop(engagement);

    // The report, as `vmsaudit report` makes it (the previous round read from git and
    // compared, the radar drawn as SVG and PNG), then its HTML.
    let engagement = Engagement::open(root).unwrap();
    let lang = engagement.state().meta.language;
    let generated: jiff::Timestamp = NOW.parse().unwrap();
    let today = generated
        .to_zoned_datetime(jiff::tz::TimeZone::system())
        .date();
    let previous = || {
        engagement.previous_round().unwrap().map(|round| {
            let state = engagement.round_state(&round).unwrap();
            engagement.previous_for_report(&round, &state, "draft", lang, today)
        })
    };
    let report_runs = if large { 7 } else { 30 };
    let markdown = measure(report_runs, || {
        engagement
            .render_report(lang, None, previous(), generated, None)
            .unwrap();
    });
    report(
        "report: Markdown + radar (SVG, PNG)",
        &markdown,
        budget(REPORT_MS),
    );
    let html = measure(report_runs, || {
        let (rendered, _) = engagement
            .render_report(lang, None, previous(), generated, None)
            .unwrap();
        vmsaudit::report::to_html(
            &rendered.markdown,
            &rendered.svg,
            &rendered.title,
            rendered.lang,
        );
    });
    report("report: HTML (the above + to_html)", &html, None);

    // Two rounds compared, as `vmsaudit diff FROM TO` does (both read from git objects).
    let rounds = engagement.rounds().unwrap();
    let (from, to) = match rounds.as_slice() {
        [.., a, b] => (a.label.clone(), b.label.clone()),
        // The demo has no rounds: two revisions of its history.
        _ => ("HEAD~20".to_owned(), "HEAD".to_owned()),
    };
    let diff = measure(report_runs, || {
        let (a, a_at) = engagement.state_at(&from).unwrap();
        let (b, b_at) = engagement.state_at(&to).unwrap();
        let day = |at: jiff::Timestamp| at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        vmsaudit::compare::compare(
            vmsaudit::compare::Side {
                label: &from,
                state: &a,
                date: day(a_at),
            },
            vmsaudit::compare::Side {
                label: &to,
                state: &b,
                date: day(b_at),
            },
            lang,
        );
    });
    report(&format!("diff {from} {to}"), &diff, budget(DIFF_MS));
}

/// Whole processes: the release binary from start to exit, and its peak memory.
fn processes(root: &Path, scratch: &Path, rounds: Option<(&str, &str)>) {
    let out = scratch.join("report-out");
    std::fs::create_dir_all(&out).unwrap();
    let out_arg = format!("{}/", out.display());
    let large = rounds.is_some();
    let mut commands: Vec<(String, Vec<String>)> = vec![
        ("vmsaudit status".to_owned(), vec!["status".to_owned()]),
        (
            "vmsaudit report (Markdown)".to_owned(),
            vec!["report".into(), "-o".into(), out_arg.clone()],
        ),
        (
            "vmsaudit report --format html".to_owned(),
            vec![
                "report".into(),
                "--format".into(),
                "html".into(),
                "-o".into(),
                out_arg,
            ],
        ),
    ];
    if let Some((from, to)) = rounds {
        commands.push((
            format!("vmsaudit diff {from} {to}"),
            vec!["diff".into(), from.into(), to.into()],
        ));
    }
    let runs = if large { 7 } else { 20 };
    for (name, args) in &commands {
        let run = || {
            let output = Command::new(BIN)
                .arg("-C")
                .arg(root)
                .args(args)
                .env("VMSAUDIT_NOW", NOW)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        let stats = measure(runs, run);
        let budget = match (large, name.as_str()) {
            (true, n) if n.contains("report (Markdown)") => Some(REPORT_MS),
            (true, n) if n.contains("diff") => Some(DIFF_MS),
            (true, n) if n.contains("status") => Some(OPEN_AND_FRAME_MS),
            _ => None,
        };
        report(name, &stats, budget);
        match peak_rss_kib(root, args) {
            Some(kib) => {
                let mb = kib as f64 / 1024.0;
                let verdict = if !large {
                    String::new()
                } else if mb <= PEAK_MB {
                    format!("  budget {PEAK_MB} MB: ok")
                } else {
                    format!("  budget {PEAK_MB} MB: MISSED")
                };
                println!("  {:<44} peak RSS {mb:>7.1} MB{verdict}", "");
            }
            None => println!(
                "  {:<44} peak RSS: /usr/bin/time not found, not measured",
                ""
            ),
        }
    }
}

/// Runs `a` and `b` in turns, `runs` times each after one warm-up run of each, so that the
/// machine's load (other builds on a shared machine) weighs on both alike.
fn in_turns(runs: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> (Stats, Stats) {
    a();
    b();
    let mut a_samples = Vec::with_capacity(runs);
    let mut b_samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        a();
        a_samples.push(start.elapsed());
        let start = Instant::now();
        b();
        b_samples.push(start.elapsed());
    }
    (stats(&mut a_samples), stats(&mut b_samples))
}

/// The ratio of two medians against its budget.
fn report_ratio(name: &str, ours: &Stats, git: &Stats, budget: f64) {
    let ratio = ms(ours.median) / ms(git.median);
    let verdict = if ratio <= budget { "ok" } else { "MISSED" };
    println!("  {name:<44} ratio {ratio:>5.2}x   budget {budget}x: {verdict}");
}

fn run_ok(command: &mut Command) {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Issue 18: whole commands against git doing the same on the same repository. `status`
/// against `git status`; a one-shot `answer` (open, lock, check for interrupted work, write,
/// commit) against `git add` and `git commit` of one changed answer file, on a copy.
fn against_git(root: &Path, scratch: &Path) {
    let runs = 21;
    let (vmsaudit, git) = (vmsaudit_in, git_in);
    let (ours, theirs) = in_turns(
        runs,
        || run_ok(vmsaudit(root).arg("status")),
        || run_ok(git(root).arg("status")),
    );
    report("vmsaudit status", &ours, None);
    report("git status", &theirs, None);
    report_ratio(
        "vmsaudit status / git status",
        &ours,
        &theirs,
        STATUS_VS_GIT,
    );

    // The pair on a copy whose objects are loose, as vmsaudit's own commits leave them, and
    // then packed, as they are once git has packed them (`git gc`, or the automatic one a
    // `git commit` starts past 6,700 loose objects). The loose copy keeps git from packing
    // it in the background during the runs (`gc.auto` 0: git's commit still asks its
    // maintenance whether to, as always), which would change the objects both sides read
    // half-way and take a core from both.
    let copy = scratch.join("against-git");
    copy_dir(root, &copy);
    run_ok(git(&copy).args(["config", "gc.auto", "0"]));
    answer_against_git(&copy, "loose objects", runs);
    run_ok(git(&copy).args(["gc", "--quiet"]));
    run_ok(git(&copy).args(["config", "--unset", "gc.auto"]));
    answer_against_git(&copy, "packed objects", runs);
}

/// The binary, run in the engagement `dir` at the benchmark's fixed moment.
fn vmsaudit_in(dir: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.arg("-C").arg(dir).env("VMSAUDIT_NOW", NOW);
    command
}

/// git, run in `dir`.
fn git_in(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir);
    command
}

/// A one-shot `answer` against `git add` + `git commit` of another answer, in turns, on the
/// engagement `copy` (its objects as `objects` says).
fn answer_against_git(copy: &Path, objects: &str, runs: usize) {
    let (vmsaudit, git) = (vmsaudit_in, git_in);
    let engagement = Engagement::open(copy).unwrap();
    let grid = &engagement.state().grid;
    let ours_control = grid.domains[2].controls[5].id.clone();
    let git_control = grid.domains[3].controls[7].id.clone();
    drop(engagement);
    // Once each before timing: the copy's first command finds every file's inode changed.
    run_ok(vmsaudit(copy).arg("status"));
    run_ok(git(copy).arg("status"));
    let git_file = copy.join(format!("answers/{git_control}.yaml"));
    let original = std::fs::read_to_string(&git_file).unwrap();
    let mut turn = 0u32;
    let mut git_turn = 0u32;
    let (ours, theirs) = in_turns(
        runs,
        || {
            // Another level each time: every command is a change and a commit.
            turn += 1;
            run_ok(vmsaudit(copy).args([
                "answer",
                &ours_control,
                "--level",
                &(turn % 3 + 1).to_string(),
                "--note",
                &format!("run {turn} {objects}"),
            ]));
        },
        || {
            // The edit is timed with git's part, as vmsaudit's own write is with its: a few
            // microseconds either way.
            git_turn += 1;
            std::fs::write(&git_file, format!("{original}# run {git_turn} {objects}\n")).unwrap();
            let relative = format!("answers/{git_control}.yaml");
            run_ok(git(copy).args(["add", "--", &relative]));
            run_ok(git(copy).args(["commit", "-q", "-m", &format!("run {git_turn}")]));
        },
    );
    report(
        &format!("vmsaudit answer (one-shot, {objects})"),
        &ours,
        None,
    );
    report(
        &format!("git add + commit (one file, {objects})"),
        &theirs,
        None,
    );
    report_ratio(
        &format!("answer / (git add + commit), {objects}"),
        &ours,
        &theirs,
        ANSWER_VS_GIT,
    );
}

/// The maximum resident set size of one run of the binary, through `/usr/bin/time`.
fn peak_rss_kib(root: &Path, args: &[String]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let output = Command::new(time)
        .args(["-f", "%M"])
        .arg(BIN)
        .arg("-C")
        .arg(root)
        .args(args)
        .env("VMSAUDIT_NOW", NOW)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr.lines().last()?.trim().parse().ok()
}

/// `cp -a`, without a dependency.
fn copy_dir(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "cp -a {} {}",
        from.display(),
        to.display()
    );
}

/// The bytes the checklist writes to its terminal for one change, at two terminal sizes:
/// the real binary in tmux, its output copied by `pipe-pane -O` into a file whose growth is
/// measured after each key. Skipped, saying so, without tmux.
fn wire(demo: &Path, scratch: &Path) {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        println!("  skipped: tmux is not installed");
        return;
    }
    for (width, height) in [(80u16, 24u16), (200, 60)] {
        let socket = format!("vmsaudit-wire-{}-{width}", std::process::id());
        let tmux = |args: &[&str]| {
            let out = Command::new("tmux")
                .arg("-L")
                .arg(&socket)
                .arg("-f")
                .arg("/dev/null")
                .args(args)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "tmux {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        };
        let log = scratch.join(format!("wire-{width}x{height}.bytes"));
        // The checklist starts a moment after the pane, so that its first frame is copied too.
        let command = format!(
            "sleep 0.5; VMSAUDIT_NOW={NOW} TERM=xterm-256color exec '{BIN}' -C '{}'",
            demo.display()
        );
        tmux(&[
            "new-session",
            "-d",
            "-s",
            "wire",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
            "-c",
            &command,
        ]);
        tmux(&[
            "pipe-pane",
            "-O",
            "-t",
            "wire",
            &format!("cat > '{}'", log.display()),
        ]);
        let size = || std::fs::metadata(&log).map_or(0, |m| m.len());
        // Output has settled when the file stops growing for a while.
        let settle = || {
            let mut last = size();
            let mut still = Instant::now();
            let start = Instant::now();
            while still.elapsed() < Duration::from_millis(400)
                && start.elapsed() < Duration::from_secs(10)
            {
                std::thread::sleep(Duration::from_millis(20));
                let now = size();
                if now != last {
                    last = now;
                    still = Instant::now();
                }
            }
            last
        };
        let start = Instant::now();
        while size() == 0 && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let first = settle();
        let keys = |key: &str, times: usize| -> Vec<u64> {
            (0..times)
                .map(|_| {
                    let before = settle();
                    tmux(&["send-keys", "-t", "wire", key]);
                    std::thread::sleep(Duration::from_millis(50));
                    settle() - before
                })
                .collect()
        };
        let down = keys("j", 8);
        let up = keys("k", 8);
        // Levels alternate so that each key is a change, saved and committed.
        let mut levels = Vec::new();
        for level in ["3", "2", "3", "2", "3", "2"] {
            levels.extend(keys(level, 1));
        }
        let median = |mut values: Vec<u64>| {
            values.sort_unstable();
            values[values.len() / 2]
        };
        let moves: Vec<u64> = down.iter().chain(&up).copied().collect();
        println!(
            "  {width}x{height}: first frame {first} bytes; one control down or up: median {} bytes (min {}, max {}); set a level: median {} bytes (min {}, max {})",
            median(moves.clone()),
            moves.iter().min().unwrap(),
            moves.iter().max().unwrap(),
            median(levels.clone()),
            levels.iter().min().unwrap(),
            levels.iter().max().unwrap(),
        );
        tmux(&["send-keys", "-t", "wire", "q"]);
        std::thread::sleep(Duration::from_millis(300));
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&socket)
            .arg("kill-server")
            .output();
    }
}
