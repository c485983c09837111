//! What every screen and popup reads to answer a key or to draw ([`Ctx`]): the engagement's
//! `State`, the interface's language, the day, the text filter and the drafts kept. A
//! component borrows it, never changes it: changes go back to [`super::app::App`] as what
//! the component asks, and effects. [`Shared`] is what the app owns of it (the engagement
//! itself among it); a test builds a `Ctx` on a `State` of its own, with no repository.

use std::collections::BTreeMap;

use crate::assessment::{Answer, Auditor};
use crate::engagement::Engagement;
use crate::grid::Lang;
use crate::model::State;

use super::strings::{Strings, strings};

pub struct Shared {
    pub(super) engagement: Engagement,
    pub(super) auditor: Auditor,
    pub(super) lang: Lang,
    /// The day overdue actions are judged against (views never read the clock).
    pub(super) today: jiff::civil::Date,
    /// The zone moments and days are shown in (`clock::moment_in`, `clock::day_in`): the
    /// machine's, as on the command line, unless a test sets another.
    pub(super) zone: jiff::tz::TimeZone,
    /// The text typed after `/`: it narrows the checklist and the record lists alike.
    pub(super) filter: String,
    /// The drafts kept on disk, by control (shown with a marker): held here too, so that
    /// no key reads the disk.
    pub(super) drafted: BTreeMap<String, String>,
    /// The imported scans' facts still to accept or dismiss, per control (`S` shows them).
    pub(super) pending_scan_facts: BTreeMap<String, usize>,
}

impl Shared {
    /// What the components read, borrowed from here.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            state: self.engagement.state(),
            auditor: &self.auditor,
            lang: self.lang,
            today: self.today,
            zone: &self.zone,
            filter: &self.filter,
            drafted: &self.drafted,
            pending_scan_facts: &self.pending_scan_facts,
        }
    }

    pub fn strings(&self) -> &'static Strings {
        strings(self.lang)
    }
}

/// What every component reads.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub state: &'a State,
    pub auditor: &'a Auditor,
    pub lang: Lang,
    pub today: jiff::civil::Date,
    pub zone: &'a jiff::tz::TimeZone,
    pub filter: &'a str,
    pub drafted: &'a BTreeMap<String, String>,
    pub pending_scan_facts: &'a BTreeMap<String, usize>,
}

impl<'a> Ctx<'a> {
    pub fn state(&self) -> &'a State {
        self.state
    }

    pub fn strings(&self) -> &'static Strings {
        strings(self.lang)
    }

    pub fn answer(&self, control: &str) -> Option<&'a Answer> {
        self.state().answers.get(control)
    }

    /// Whether `texts` hold the text filter (any case), or there is none.
    pub fn matches_filter(&self, texts: &[&str]) -> bool {
        let needle = self.filter.to_lowercase();
        needle.is_empty()
            || texts
                .iter()
                .any(|text| text.to_lowercase().contains(&needle))
    }

    /// `at` as every moment is shown to a person ([`crate::clock::moment`]), in this zone.
    pub fn moment(&self, at: jiff::Timestamp) -> String {
        crate::clock::moment_in(self.lang, at, self.zone)
    }

    /// The day `at` falls on ([`crate::clock::day`]), in this zone.
    pub fn day(&self, at: jiff::Timestamp) -> jiff::civil::Date {
        crate::clock::day_in(at, self.zone)
    }

    /// The text to edit for `control`: a pending draft first, else the saved observations.
    pub fn observations_or_draft(&self, control: &str) -> String {
        if let Some(text) = self.drafted.get(control) {
            return text.clone();
        }
        self.answer(control)
            .map(|answer| answer.observations.clone())
            .unwrap_or_default()
    }
}

/// A `State` of the built-in grid with nothing answered, and what a `Ctx` borrows besides:
/// the screens' keys tested with no repository.
#[cfg(test)]
pub mod fake {
    use std::collections::BTreeMap;

    use super::Ctx;
    use crate::assessment::Auditor;
    use crate::grid::Lang;
    use crate::model::State;

    pub struct Held {
        pub state: State,
        pub auditor: Auditor,
        pub filter: String,
        pub drafted: BTreeMap<String, String>,
        pub pending: BTreeMap<String, usize>,
        pub zone: jiff::tz::TimeZone,
    }

    impl Held {
        #[allow(clippy::new_without_default)]
        pub fn new() -> Held {
            let grid = crate::grid::builtin::grid().unwrap();
            Held {
                state: crate::model::test_state(grid, &[]),
                auditor: "Jeanne <j@example.org>".parse().unwrap(),
                filter: String::new(),
                drafted: BTreeMap::new(),
                pending: BTreeMap::new(),
                zone: jiff::tz::TimeZone::UTC,
            }
        }

        pub fn ctx(&self) -> Ctx<'_> {
            Ctx {
                state: &self.state,
                auditor: &self.auditor,
                lang: Lang::En,
                today: jiff::civil::date(2026, 2, 3),
                zone: &self.zone,
                filter: &self.filter,
                drafted: &self.drafted,
                pending_scan_facts: &self.pending,
            }
        }
    }
}
