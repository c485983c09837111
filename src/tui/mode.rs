//! What is shown: the [`Screen`], the [`Mode`] over it (a popup, or the text filter being
//! typed), and [`Do`], what a screen's key asks of the app: effects for the runner, a popup
//! to open, another screen, a message on the status line.

use super::control_log::ControlLog;
use super::cve_matches::CveMatches;
use super::editor::Editor;
use super::form::Form;
use super::keys::{self, Binding};
use super::message::{Effect, Notice};
use super::popups::{Confirm, Drafts, Help, Told};
use super::prompt::Prompt;
use super::scan_facts::ScanFacts;
use super::strings::Strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Checklist,
    Findings,
    Actions,
    Assets,
    Summary,
    /// The audit rounds and what changed between two of them.
    History,
}

impl Screen {
    const ORDER: [Screen; 6] = [
        Screen::Checklist,
        Screen::Findings,
        Screen::Actions,
        Screen::Assets,
        Screen::Summary,
        Screen::History,
    ];

    pub fn title(self, strings: &Strings) -> &'static str {
        match self {
            Screen::Checklist => strings.checklist,
            Screen::Findings => strings.findings,
            Screen::Actions => strings.actions,
            Screen::Assets => strings.assets,
            Screen::Summary => strings.summary,
            Screen::History => strings.history,
        }
    }

    /// The keys the screen offers: they dispatch its keys, its footer and its help.
    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Screen::Checklist => keys::CHECKLIST,
            Screen::Findings => keys::FINDINGS,
            Screen::Actions => keys::ACTIONS,
            Screen::Assets => keys::ASSETS,
            Screen::Summary => keys::SUMMARY,
            Screen::History => keys::HISTORY,
        }
    }

    pub fn all() -> &'static [Screen] {
        &Self::ORDER
    }

    /// The next screen (or, with `back`, the previous one), around.
    pub fn next(self, back: bool) -> Screen {
        let screens = Screen::all();
        let here = screens.iter().position(|s| *s == self).unwrap_or(0);
        let step = if back { screens.len() - 1 } else { 1 };
        screens[(here + step) % screens.len()]
    }
}

/// What takes the keys: the screen, the text filter being typed, or a popup.
pub enum Mode {
    Normal,
    Editing(Box<Editor>),
    /// Typing the text filter; the filter applies as it is typed.
    Filtering,
    /// Typing one line: a round's label, a domain's score and justification.
    Prompt(Prompt),
    Help(Help),
    /// Drafts recovered from an earlier session, offered back one by one.
    Drafts(Drafts),
    /// Editing a finding, an action or an asset.
    Form(Box<Form>),
    /// Asking `y` before removing a record.
    Confirm(Confirm),
    /// The history of one control, over the checklist.
    ControlLog(Box<ControlLog>),
    /// The CVE pack's matches with the inventory, before turning them into findings.
    CveMatches(CveMatches),
    /// The imported scans' facts on a control, to accept or dismiss.
    ScanFacts(Box<ScanFacts>),
    /// What a long operation did (a sync), line by line, until a key is pressed.
    Told(Box<Told>),
}

/// What a screen's key asks of the app, in order.
pub enum Do {
    /// For the runner: a save, a read, the terminal.
    Effect(Effect),
    /// A popup over the screen.
    Open(Mode),
    Show(Screen),
    Say(Notice),
    /// Start typing the text filter, every list from its top.
    Filter,
    /// Select this control on the checklist.
    Select(String),
}
