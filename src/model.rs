//! The engagement's content, pure: who is audited and how (`Meta`, `Scope`), and `State`,
//! every record at one point of its history (the working copy, or a commit). Storage
//! (`engagement`) loads and writes it; the report, the comparisons, the checklist's views and
//! the command line's lists borrow it. Nothing here reads or writes a file.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::assessment::{Action, Answer, Assets, Auditor, Finding, Overrides, ScanRecord, Score};
use crate::error::Problem;
use crate::grid::{Grid, Lang};

/// Version of the on-disk layout, so that an older vmsaudit refuses files it cannot read
/// instead of misreading them.
pub const FORMAT: u32 = 1;

/// `engagement.yaml`: who is audited, by whom, in which language, the scope, and the current
/// audit round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub format: u32,
    pub client: String,
    #[serde(default)]
    pub site: Option<String>,
    /// The contract or purchase-order reference the audit is carried out under.
    #[serde(default)]
    pub contract: Option<String>,
    /// The auditing firm.
    #[serde(default)]
    pub firm: Option<String>,
    #[serde(default)]
    pub auditors: Vec<Auditor>,
    pub language: Lang,
    #[serde(default)]
    pub scope: Scope,
    pub created: Date,
    /// The current audit round's label, from `vmsaudit audit start` (or the last one closed);
    /// absent until the first round is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// How many answers `audit start` carried over into the round to re-verify: the total
    /// `status` counts the ones still marked against, which no answer can say once
    /// re-verified. Absent before the first start, and in rounds started by older versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_over: Option<usize>,
    /// Domain scores the auditors set in place of the computed ones, with their reasons.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
}

/// What the audit covers, as agreed in the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Components audited: the grid's component kinds (`vms`, `camera`...) or free text.
    #[serde(default)]
    pub included: Vec<String>,
    #[serde(default)]
    pub excluded: Vec<String>,
    /// Contractual limits of the audit (Markdown).
    #[serde(default)]
    pub limits: Option<String>,
}

impl Default for Scope {
    /// The template's core scope; remote access, interconnections and backups are added
    /// when the site has them.
    fn default() -> Self {
        Scope {
            included: ["vms", "nvr", "dvr", "camera", "network", "workstation"]
                .map(String::from)
                .to_vec(),
            excluded: Vec::new(),
            limits: None,
        }
    }
}

/// The answers still to re-verify, out of those the round's start carried over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReverifyProgress {
    /// Answers still marked `reverify: true`.
    pub left: usize,
    /// How many the round's start marked; unknown for a round started by an older version.
    pub carried_over: Option<usize>,
}

/// Every record of an engagement at one point, checked.
#[derive(Debug, Clone)]
pub struct State {
    pub meta: Meta,
    /// Shared: a grid is the same at every point of an engagement (and megabytes large).
    pub grid: Arc<Grid>,
    /// By control id: the answers whose level the grid's scale has.
    pub answers: BTreeMap<String, Answer>,
    /// Answers whose level the grid's scale does not have (a newer grid with a shorter
    /// scale, a file edited by hand or merged): not assessed until given a level again, so
    /// that no score or report reads a level the scale cannot name. Each is one of
    /// `warnings`; `vmsaudit answer CONTROL --level N` mends it, keeping its observations
    /// and evidence.
    pub stranded: BTreeMap<String, Answer>,
    pub assets: Assets,
    /// By id.
    pub findings: Vec<Finding>,
    /// By id.
    pub actions: Vec<Action>,
    /// The records of the imported scans (not their XML), by id.
    pub scans: Vec<ScanRecord>,
    /// References between records that do not hold (a finding naming an asset the inventory
    /// no longer has, an action addressing a removed finding): what a merge between two
    /// clones can leave behind. They do not stop the engagement from opening; saving the
    /// record that holds one, or closing a round, is refused until it is fixed.
    pub warnings: Vec<Problem>,
}

impl State {
    /// The overall score and each domain's (overrides applied), in grid order: what the
    /// round list, the tag message and the history screen show.
    pub fn scores(&self) -> (Option<Score>, Vec<(String, Option<Score>)>) {
        let status = crate::assessment::status(
            &self.grid,
            &self.answers,
            &self.meta.overrides,
            self.meta.language,
        );
        let domains = status
            .domains
            .into_iter()
            .map(|d| (d.id, d.score))
            .collect();
        (status.score, domains)
    }

    /// How far the re-verification of the round's answers carried over has gone; `None`
    /// when the round has none to re-verify and had none.
    pub fn reverify_progress(&self) -> Option<ReverifyProgress> {
        let left = self
            .answers
            .values()
            .filter(|answer| answer.reverify)
            .count();
        let carried_over = self.meta.carried_over.filter(|&count| count > 0);
        (left > 0 || carried_over.is_some()).then_some(ReverifyProgress { left, carried_over })
    }

    /// Puts `answer` where it belongs: with the answers when the grid's scale has its
    /// level, else with the stranded ones.
    pub fn put_answer(&mut self, answer: Answer) {
        let id = answer.control.clone();
        if self.fits_scale(&answer) {
            self.stranded.remove(&id);
            self.answers.insert(id, answer);
        } else {
            self.answers.remove(&id);
            self.stranded.insert(id, answer);
        }
    }

    /// Sorts the answers again after the grid changed: those whose level its scale no
    /// longer has are stranded, the stranded ones it has again are answers.
    pub fn sort_answers(&mut self) {
        let all: Vec<Answer> = std::mem::take(&mut self.answers)
            .into_values()
            .chain(std::mem::take(&mut self.stranded).into_values())
            .collect();
        for answer in all {
            self.put_answer(answer);
        }
    }

    /// Whether the grid's scale has `answer`'s level (`na` always fits).
    pub fn fits_scale(&self, answer: &Answer) -> bool {
        match answer.level {
            crate::assessment::Level::Score(level) => self.grid.scale_level(level).is_some(),
            crate::assessment::Level::NotApplicable => true,
        }
    }

    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|finding| finding.id == id)
    }

    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|action| action.id == id)
    }

    pub fn asset(&self, id: &str) -> Option<&crate::assessment::Asset> {
        self.assets.get(id)
    }
}

/// (tests only) A state on `grid`, in English, with an answer at each `(control, level)`
/// observed by the same auditor on the same day, and no other record.
#[cfg(test)]
pub(crate) fn test_state(grid: Grid, levels: &[(&str, crate::assessment::Level)]) -> State {
    State {
        meta: Meta {
            format: FORMAT,
            client: "C".into(),
            site: None,
            contract: None,
            firm: None,
            auditors: vec![],
            language: Lang::En,
            scope: Scope::default(),
            created: jiff::civil::date(2026, 1, 1),
            round: None,
            carried_over: None,
            overrides: Default::default(),
        },
        grid: Arc::new(grid),
        answers: crate::assessment::test_answers(levels, |id| format!("{id} seen")),
        stranded: BTreeMap::new(),
        assets: Assets::default(),
        findings: vec![],
        actions: vec![],
        scans: vec![],
        warnings: vec![],
    }
}
