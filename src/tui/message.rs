//! What reaches the checklist ([`Message`]: keys, pastes, time, what `$EDITOR` returned)
//! and what it asks the runner to do outside its state ([`Effect`]: every save, every read
//! of the disk or of git, `$EDITOR`, suspend). Keys never touch the disk: a key becomes
//! effects, and the runner carries them out.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::rules::{AnswerChange, Change};

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Key(KeyEvent),
    Paste(String),
    /// Time passes: unsaved typing is kept as a draft.
    Tick,
    /// `$EDITOR` returned with this text for this control.
    Edited {
        control: String,
        text: String,
    },
    /// Something outside went wrong (editor, suspend...).
    Failed(String),
    /// The terminal's size, at the start and after each resize: below the least the
    /// screens need, keys other than quitting are ignored, since the user cannot see what
    /// they would do.
    Resize {
        width: u16,
        height: u16,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// A record to remove, or evidence to detach, once confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    Finding(String),
    Action(String),
    Asset(String),
    /// One of the evidence files `listed` by a record (as it lists them), the one `chosen`.
    Evidence {
        from: Attach,
        listed: Vec<String>,
        chosen: usize,
    },
}

impl Removal {
    /// Evidence to detach from `from`, which lists `listed` (the last attached chosen
    /// first); `None` when it lists nothing.
    pub fn evidence(from: Attach, listed: Vec<String>) -> Option<Removal> {
        let chosen = listed.len().checked_sub(1)?;
        Some(Removal::Evidence {
            from,
            listed,
            chosen,
        })
    }
}

/// The record an evidence file is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attach {
    Control(String),
    Finding(String),
}

/// What a path typed in a prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathFor {
    /// A file to attach as evidence (its note is asked next).
    Evidence(Attach),
    /// A CSV file of assets to import.
    ImportAssets,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save(AnswerChange),
    /// Save observations typed in the editor; the draft goes once they are saved.
    SaveObservations(AnswerChange),
    KeepDraft {
        control: String,
        text: String,
    },
    DiscardDraft {
        control: String,
    },
    /// Keep the fields typed in a form (its draft name, `Form::draft_name`, and text).
    KeepFormDraft {
        name: String,
        text: String,
    },
    DiscardFormDraft {
        name: String,
    },
    /// Save a finding, an action or an asset built from a form.
    SaveRecord(Box<Change>),
    Remove(Removal),
    /// Read the CVE pack and show its matches with the inventory.
    LoadCveMatches,
    /// Create or update one finding per CVE that affects the inventory.
    ApplyCves,
    /// Hand the terminal to `$EDITOR` on this text.
    ExternalEdit {
        control: String,
        text: String,
    },
    Suspend,
    Quit,
    /// Read the audit rounds for the history screen.
    LoadHistory,
    /// Compare two rows of the history screen (indexes, earlier first).
    Compare {
        from: usize,
        to: usize,
    },
    /// Read the history of a control from git.
    ControlLog(String),
    /// Count the known CVEs of each asset, for the assets screen.
    CountCves,
    /// Read the imported scans' facts on a control.
    LoadScanFacts(String),
    /// Accept or dismiss facts of the scans on a control.
    DecideScan {
        control: String,
        facts: Vec<String>,
        decision: crate::scan::Decision,
    },
    /// Complete the path typed in the prompt from the folders it names (Tab).
    CompletePath(String),
    /// A path typed in a prompt for a file: looked at, then used as the prompt is for.
    UsePath {
        purpose: PathFor,
        typed: String,
    },
    /// Write the plan as a spreadsheet in `reports/draft/`.
    ExportPlan,
    /// Render the draft report into `reports/draft/`.
    RenderReport,
    /// Close the current round under this label (report, commit, tag).
    CloseRound(String),
    /// Start the next round under this label.
    StartRound(String),
    /// Set (or, with `None`, remove) a domain's score in place of the computed one.
    Override {
        domain: String,
        value: Option<(crate::assessment::Score, String)>,
    },
    /// Read the scores of the previous round, for the summary.
    LoadPrevious,
    /// Import the assets of this CSV file (`asset import`).
    ImportAssets(PathBuf),
    /// Fetch, merge and push with the engagement's remote: the event loop hands the
    /// terminal over while it runs (ssh may ask for a passphrase), then calls
    /// [`super::app::App::sync`].
    Sync,
}
