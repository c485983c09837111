//! The interactive checklist: a thin event loop around [`app::App`].
//!
//! The loop turns terminal events into messages, draws after each change (not on a timer),
//! and carries out the effects: those that go through the engagement by
//! [`app::App::perform`], those that need the terminal (`$EDITOR`, suspend, sync) itself.
//! Everything else lives in the components (a screen or a popup each: its state, its keys,
//! its drawing), routed by `app`, and `view` draws the frame around them; all of it is
//! tested without a terminal. The terminal is restored on every way out: normal exit, error (a guard's
//! `Drop`), panic (ratatui's hook) and SIGHUP/SIGTERM/SIGINT (a flag the loop polls);
//! typed text is kept as a draft first.

pub mod app;
pub mod assets;
pub mod checklist;
mod complete;
pub mod control_log;
pub mod ctx;
pub mod cve_matches;
pub mod editor;
pub mod findings;
pub mod form;
pub mod history;
mod keys;
pub mod message;
pub mod mode;
pub mod plan;
pub mod popups;
pub mod prompt;
mod record_list;
mod said;
pub mod scan_facts;
pub mod strings;
pub mod summary;
pub mod theme;
pub mod view;
mod widgets;

use std::io::{Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;

use self::app::{App, Effect, Message};
use self::theme::Theme;
use crate::assessment::Auditor;
use crate::engagement::Engagement;
use crate::grid::Lang;

/// How often typed text is kept as a draft, at most: a dropped link loses less than this.
const DRAFT_EVERY: Duration = Duration::from_millis(500);

/// Opens the checklist on `engagement` until the user quits or the terminal goes away.
pub fn run(mut engagement: Engagement, auditor: Auditor, lang: Option<Lang>) -> anyhow::Result<()> {
    engagement.lock_session()?;
    engagement.adopt_scratch_files()?;
    let lang = lang.unwrap_or(engagement.state().meta.language);
    let mut app = App::new(engagement, auditor, lang);

    let stop = Arc::new(AtomicBool::new(false));
    // A sync's checkout holds these signals back; then they are this watch's to handle.
    crate::files::signals_watched();
    for signal in [
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot watch for hang-up signals")?;
    }
    watchdog(Arc::clone(&stop));

    let mut session = Session::start().context("cannot set up the terminal")?;
    let result = event_loop(&mut app, &mut session, Theme::from_env(), &stop);
    // Whatever ended the loop, keep what was being typed.
    app.keep_pending_draft();
    drop(session);
    if let Some(farewell) = app.farewell() {
        eprintln!("{}", crate::text::sanitize(farewell));
    }
    result
}

fn event_loop(
    app: &mut App,
    session: &mut Session,
    theme: Theme,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut last_draft = Instant::now();
    if let Ok(size) = ratatui::crossterm::terminal::size() {
        app.update(Message::Resize {
            width: size.0,
            height: size.1,
        });
    }
    while !app.quit() && !stop.load(Ordering::Relaxed) {
        if dirty {
            session.draw(app, theme)?;
            dirty = false;
        }
        // Wait on the terminal ourselves rather than in crossterm: when an SSH link drops,
        // crossterm's poll can spin on the dead terminal without ever returning (crossterm
        // #793). A short wait also lets a hang-up signal be noticed quickly.
        if wait_for_input(Duration::from_millis(200))? == Input::HungUp {
            break;
        }
        let mut messages = Vec::new();
        // Resizes arrive through crossterm's own signal pipe, so ask it even when the
        // terminal had nothing to read. Its `/dev/tty` source reads nothing when given no
        // time at all: a millisecond, once no event is left.
        while event::poll(Duration::from_millis(1))? {
            match event::read()? {
                Event::Key(key) => messages.push(Message::Key(key)),
                Event::Paste(text) => messages.push(Message::Paste(text)),
                Event::Resize(width, height) => {
                    messages.push(Message::Resize { width, height });
                    dirty = true;
                }
                _ => {}
            }
        }
        if last_draft.elapsed() >= DRAFT_EVERY {
            last_draft = Instant::now();
            messages.push(Message::Tick);
        }
        for message in messages {
            let is_tick = message == Message::Tick;
            let effects = app.update(message);
            dirty |= !is_tick || !effects.is_empty();
            run_effects(app, session, effects, stop)?;
        }
    }
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
enum Input {
    Ready,
    Idle,
    HungUp,
}

/// Waits up to `timeout` (under a second) for the terminal, standard input, to have
/// something to read.
fn wait_for_input(timeout: Duration) -> std::io::Result<Input> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec {
        tv_sec: 0,
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
    match poll(&mut fds, Some(&timeout)) {
        Ok(0) => Ok(Input::Idle),
        Ok(_) if fds[0].revents().intersects(gone) => Ok(Input::HungUp),
        Ok(_) => Ok(Input::Ready),
        Err(rustix::io::Errno::INTR) => Ok(Input::Idle),
        Err(error) => Err(error.into()),
    }
}

/// After a hang-up or termination signal, gives the event loop a moment to keep the draft
/// and restore the terminal, then ends the process whatever it is stuck on: a vmsaudit
/// left running on a dead terminal would hold the engagement's lock.
fn watchdog(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_secs(3));
        std::process::exit(129);
    });
}

fn run_effects(
    app: &mut App,
    session: &mut Session,
    effects: Vec<Effect>,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut pending = effects;
    while !pending.is_empty() {
        let mut next = Vec::new();
        for effect in pending {
            let Some(effect) = app.perform(effect, crate::clock::now()?) else {
                continue;
            };
            match effect {
                Effect::ExternalEdit { control, text } => {
                    let message = match edit_externally(app, session, &control, &text, stop) {
                        Ok(EditorEnd::Saved(text)) => Message::Edited { control, text },
                        // What the editor wrote before it failed is not lost: a draft, as
                        // the status line says.
                        Ok(EditorEnd::Failed { said, text: left }) => {
                            if left != text {
                                next.push(Effect::KeepDraft {
                                    control,
                                    text: left,
                                });
                            }
                            Message::Failed(format!("$EDITOR: {said}"))
                        }
                        Err(error) => Message::Failed(format!("$EDITOR: {error:#}")),
                    };
                    next.extend(app.update(message));
                }
                Effect::Suspend => {
                    session.suspend()?;
                    // Stops here until the shell's `fg` continues the process.
                    let _ = rustix::process::kill_process(
                        rustix::process::getpid(),
                        rustix::process::Signal::TSTP,
                    );
                    session.resume()?;
                }
                Effect::Quit => app.close(),
                Effect::Sync => {
                    // The remote may be reached over ssh, which may ask for a passphrase:
                    // on the plain terminal, not over the checklist.
                    session.suspend()?;
                    println!("{}", app.strings().syncing);
                    app.sync(crate::clock::now()?);
                    session.resume()?;
                }
                _ => {}
            }
        }
        pending = next;
    }
    Ok(())
}

/// How `$EDITOR` ended: the text it left, and whether it ended well.
enum EditorEnd {
    Saved(String),
    /// `said`: why, in the reader's words.
    Failed {
        said: String,
        text: String,
    },
}

/// Hands the terminal to `$EDITOR` (default `vi`) on a private scratch copy of the text.
fn edit_externally(
    app: &App,
    session: &mut Session,
    control: &str,
    text: &str,
    stop: &AtomicBool,
) -> anyhow::Result<EditorEnd> {
    let path = app.scratch_file(control, text)?;
    // An empty `VISUAL` (set to clear it) names no editor: the next one does.
    let named = |variable| {
        std::env::var(variable)
            .ok()
            .filter(|name| !name.trim().is_empty())
    };
    let editor = named("VISUAL")
        .or_else(|| named("EDITOR"))
        .unwrap_or_else(|| "vi".to_owned());
    session.suspend()?;
    // Through the shell, so that EDITOR may carry arguments ("code --wait"); the shell then
    // gives the editor its place, so that a signal passed on reaches the editor itself.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("exec {editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .spawn()
        .and_then(|child| wait_for_editor(child, stop));
    // On a terminal that is gone, the scratch file stays: the next start offers it back as
    // a draft.
    session.resume()?;
    let strings = app.strings();
    let status = status.context(strings.editor_not_started)?;
    let edited = app.take_scratch_file(&path)?;
    let text = edited.trim_end_matches('\n').to_owned();
    Ok(if status.success() {
        EditorEnd::Saved(text)
    } else {
        EditorEnd::Failed {
            said: editor_failure(status, strings),
            text,
        }
    })
}

/// The editor's end. A stop signal sent to vmsaudit alone (`kill`, an administrator's
/// `timeout`) is passed on to the editor as the hang-up it stands for: left running, it
/// would outlive vmsaudit and fight the shell for the terminal. Waited for as long as the
/// watchdog lets the process live, so that what it saves on a hang-up is kept as a draft.
fn wait_for_editor(
    mut child: std::process::Child,
    stop: &AtomicBool,
) -> std::io::Result<std::process::ExitStatus> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if stop.load(Ordering::Relaxed) {
            if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::HUP);
            }
            return child.wait();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Why `$EDITOR` did not end well: the signal that stopped it, else its exit code. The shell
/// that runs it says a command stopped by signal N as the code 128 + N, unless it handed
/// its own place to the editor; then the signal is the shell's own status.
fn editor_failure(status: std::process::ExitStatus, strings: &strings::Strings) -> String {
    use std::os::unix::process::ExitStatusExt;
    // Signals are numbered 1 to 64 on Linux (the real-time ones up to SIGRTMAX).
    let by_shell = status
        .code()
        .filter(|code| (129..=128 + 64).contains(code))
        .map(|code| code - 128);
    match (status.signal().or(by_shell), status.code()) {
        (Some(signal), _) => strings.editor_killed.replace("{}", &signal.to_string()),
        (None, Some(code)) => strings.editor_failed.replace("{}", &code.to_string()),
        // Neither a code nor a signal: a status `wait` does not give for an ended process.
        (None, None) => strings.editor_failed.replace("{}", "?"),
    }
}

/// The terminal in raw mode on the alternate screen, restored when dropped.
struct Session {
    terminal: DefaultTerminal,
}

impl Session {
    fn start() -> std::io::Result<Self> {
        // Installs a panic hook that restores the terminal before the message is printed.
        let terminal = ratatui::try_init()?;
        execute!(stdout(), EnableBracketedPaste)?;
        Ok(Session { terminal })
    }

    fn draw(&mut self, app: &App, theme: Theme) -> std::io::Result<()> {
        // Synchronized updates keep a slow link from showing half-drawn frames; terminals
        // that do not know the sequence ignore it.
        execute!(stdout(), BeginSynchronizedUpdate)?;
        let drawn = self
            .terminal
            .draw(|frame| view::draw(app, theme, frame))
            .map(|_| ());
        execute!(stdout(), EndSynchronizedUpdate)?;
        drawn
    }

    fn suspend(&mut self) -> std::io::Result<()> {
        execute!(
            stdout(),
            DisableBracketedPaste,
            LeaveAlternateScreen,
            cursor::Show
        )?;
        disable_raw_mode()
    }

    fn resume(&mut self) -> std::io::Result<()> {
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        // Redraw everything: the screen was someone else's meanwhile. `resize` clears
        // without querying the cursor position, which can stall on a slow link.
        let size = self.terminal.size()?;
        self.terminal
            .resize(Rect::new(0, 0, size.width, size.height))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableBracketedPaste);
        ratatui::restore();
        let _ = stdout().flush();
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;

    use super::*;

    /// A wait status as the kernel gives it: the code in the second byte, a signal in the
    /// first.
    fn exited(code: i32) -> ExitStatus {
        ExitStatus::from_raw(code << 8)
    }

    #[test]
    fn an_editor_stopped_by_a_signal_is_said_so_whoever_reports_it() {
        let en = strings::strings(Lang::En);
        let fr = strings::strings(Lang::Fr);
        let killed = "the editor was stopped by signal 9; the text was kept as a draft";
        // The editor in the shell's place, and the shell reporting its command.
        assert_eq!(editor_failure(ExitStatus::from_raw(9), en), killed);
        assert_eq!(editor_failure(exited(137), en), killed);
        assert_eq!(
            editor_failure(ExitStatus::from_raw(15), fr),
            "l'éditeur a été arrêté par le signal 15\u{a0}; le texte est gardé en brouillon"
        );
        assert_eq!(
            editor_failure(exited(1), en),
            "the editor exited with code 1; the text was kept as a draft"
        );
        assert_eq!(
            editor_failure(exited(127), fr),
            "l'éditeur s'est terminé avec le code 127\u{a0}; le texte est gardé en brouillon"
        );
    }
}
