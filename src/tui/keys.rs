//! The keys each screen offers, declared once: the same table dispatches key presses and
//! generates the footer and the help overlay, so they cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::strings::Strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    FocusLeft,
    FocusRight,
    PageUp,
    PageDown,
    First,
    Last,
    SetLevel(u8),
    NotApplicable,
    Edit,
    ExternalEditor,
    AttachEvidence,
    /// Checklist and findings: detach one of the record's evidence files, once confirmed.
    DetachEvidence,
    Filter,
    NextUnanswered,
    NextScreen,
    PreviousScreen,
    Help,
    Quit,
    Suspend,
    /// A new record on a record screen.
    New,
    Delete,
    /// From the checklist: a finding about the selected control.
    NewFinding,
    /// From the findings: an action addressing the selected finding.
    PlanForFinding,
    FilterStatus,
    FilterDomain,
    /// Findings: lowest severity; actions: owner; assets: kind.
    FilterOther,
    Sort,
    /// History screen: mark the selected round as the earlier side of a comparison.
    Mark,
    /// Checklist: the history of the selected control.
    ControlHistory,
    /// The CVE pack's matches with the inventory, one key from becoming findings.
    CveMatches,
    /// Plan screen: the plan as a spreadsheet in `reports/draft/`.
    ExportPlan,
    /// Checklist: what the imported scans say about the selected control.
    ScanFacts,
    /// Summary: render the draft report (Markdown and HTML) into `reports/draft/`.
    RenderReport,
    /// Checklist: the selected domain's score set by hand, with its justification.
    Override,
    /// History: close the current round (its report, commit and tag), asking its label.
    CloseRound,
    /// History: start the next round, asking its label.
    StartRound,
    /// Assets: import a CSV file, asking its path.
    ImportAssets,
    /// History: fetch, merge and push with the engagement's remote (`vmsaudit sync`).
    Sync,
    /// Summary: the engagement's details and scope in a form.
    Details,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Key {
    Char(char),
    Code(KeyCode),
    Ctrl(char),
    /// Any digit, which becomes the level it names.
    Digit,
}

#[derive(Clone, Copy)]
pub struct Binding {
    keys: &'static [Key],
    /// How the keys are written in the footer and the help.
    pub shown: &'static str,
    action: Action,
    pub label: fn(&Strings) -> &'static str,
    /// The short label of the few bindings shown in the footer; the others are in the help.
    pub footer: Option<fn(&Strings) -> &'static str>,
}

impl Binding {
    /// How the keys are written for a reader of `lang`: French keyboards and manuals say
    /// Entrée, Échap, Espace, Début, Fin, Pg préc and Pg suiv.
    pub fn shown_in(&self, lang: crate::grid::Lang) -> String {
        key_names(self.shown, lang)
    }

    /// As [`Binding::shown_in`], the digits written as the levels of a scale up to `max`:
    /// a grid of its own may have fewer than the built-in one's five.
    pub fn shown_on(&self, lang: crate::grid::Lang, max: u8) -> String {
        if self.keys.iter().any(|key| matches!(key, Key::Digit)) {
            format!("0-{max}")
        } else {
            self.shown_in(lang)
        }
    }

    fn matches(&self, event: &KeyEvent) -> Option<Action> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        self.keys.iter().find_map(|key| match (key, event.code) {
            (Key::Ctrl(c), KeyCode::Char(typed)) if ctrl && typed.eq_ignore_ascii_case(c) => {
                Some(self.action)
            }
            (Key::Char(c), KeyCode::Char(typed)) if !ctrl && typed == *c => Some(self.action),
            (Key::Code(code), typed) if !ctrl && typed == *code => Some(self.action),
            (Key::Digit, KeyCode::Char(typed)) if !ctrl => typed
                .to_digit(10)
                .and_then(|digit| u8::try_from(digit).ok())
                .map(Action::SetLevel),
            _ => None,
        })
    }
}

const fn bind(
    keys: &'static [Key],
    shown: &'static str,
    action: Action,
    label: fn(&Strings) -> &'static str,
    footer: Option<fn(&Strings) -> &'static str>,
) -> Binding {
    Binding {
        keys,
        shown,
        action,
        label,
        footer,
    }
}

#[rustfmt::skip]
const COMMON: [Binding; 5] = [
    bind(&[Key::Code(KeyCode::Tab)], "Tab", Action::NextScreen, |s| s.key_screen, Some(|s| s.foot_screen)),
    bind(&[Key::Code(KeyCode::BackTab)], "S-Tab", Action::PreviousScreen, |s| s.key_screen_back, None),
    bind(&[Key::Char('?')], "?", Action::Help, |s| s.key_help, Some(|s| s.foot_help)),
    bind(&[Key::Char('q'), Key::Ctrl('c')], "q", Action::Quit, |s| s.key_quit, Some(|s| s.foot_quit)),
    bind(&[Key::Ctrl('z')], "C-z", Action::Suspend, |s| s.key_suspend, None),
];

#[rustfmt::skip]
pub const CHECKLIST: &[Binding] = &[
    bind(&[Key::Code(KeyCode::Up), Key::Char('k')], "↑↓ jk", Action::Up, |s| s.key_move, Some(|s| s.foot_move)),
    bind(&[Key::Code(KeyCode::Down), Key::Char('j')], "", Action::Down, |s| s.key_move, None),
    bind(&[Key::Code(KeyCode::Left), Key::Char('h')], "←→ hl", Action::FocusLeft, |s| s.key_focus, None),
    bind(&[Key::Code(KeyCode::Right), Key::Char('l')], "", Action::FocusRight, |s| s.key_focus, None),
    bind(&[Key::Code(KeyCode::PageUp)], "PgUp PgDn", Action::PageUp, |s| s.key_scroll, None),
    bind(&[Key::Code(KeyCode::PageDown)], "", Action::PageDown, |s| s.key_scroll, None),
    bind(&[Key::Code(KeyCode::Home), Key::Char('g')], "g G", Action::First, |s| s.key_first_last, None),
    bind(&[Key::Code(KeyCode::End), Key::Char('G')], "", Action::Last, |s| s.key_first_last, None),
    bind(&[Key::Digit], "0-4", Action::SetLevel(0), |s| s.key_level, Some(|s| s.foot_level)),
    bind(&[Key::Char('n')], "n", Action::NotApplicable, |s| s.key_na, Some(|s| s.foot_na)),
    bind(&[Key::Code(KeyCode::Enter)], "Enter", Action::Edit, |s| s.key_edit, Some(|s| s.foot_edit)),
    bind(&[Key::Char('E')], "E", Action::ExternalEditor, |s| s.key_editor, None),
    bind(&[Key::Char('a')], "a", Action::AttachEvidence, |s| s.key_evidence, None),
    bind(&[Key::Char('/')], "/", Action::Filter, |s| s.key_filter, None),
    bind(&[Key::Char('u')], "u", Action::NextUnanswered, |s| s.key_unanswered, None),
    bind(&[Key::Char('f')], "f", Action::NewFinding, |s| s.key_new_finding, None),
    bind(&[Key::Char('L')], "L", Action::ControlHistory, |s| s.key_control_history, None),
    bind(&[Key::Char('C')], "C", Action::CveMatches, |s| s.key_cve_matches, None),
    bind(&[Key::Char('O')], "O", Action::Override, |s| s.key_override, None),
    bind(&[Key::Char('S')], "S", Action::ScanFacts, |s| s.key_scan_facts, None),
    COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4],
    // Last, so that the help's first page at 80×24 still ends on Tab and Shift-Tab.
    bind(&[Key::Char('D')], "D", Action::DetachEvidence, |s| s.key_detach, None),
];

#[rustfmt::skip]
const LIST_MOVES: [Binding; 4] = [
    bind(&[Key::Code(KeyCode::Up), Key::Char('k')], "↑↓ jk", Action::Up, |s| s.key_move, Some(|s| s.foot_move)),
    bind(&[Key::Code(KeyCode::Down), Key::Char('j')], "", Action::Down, |s| s.key_move, None),
    bind(&[Key::Code(KeyCode::Home), Key::Char('g')], "g G", Action::First, |s| s.key_first_last, None),
    bind(&[Key::Code(KeyCode::End), Key::Char('G')], "", Action::Last, |s| s.key_first_last, None),
];

#[rustfmt::skip]
const DETAIL_SCROLL: [Binding; 2] = [
    bind(&[Key::Code(KeyCode::PageUp)], "PgUp PgDn", Action::PageUp, |s| s.key_scroll, None),
    bind(&[Key::Code(KeyCode::PageDown)], "", Action::PageDown, |s| s.key_scroll, None),
];

#[rustfmt::skip]
const RECORD_KEYS: [Binding; 5] = [
    bind(&[Key::Code(KeyCode::Enter)], "Enter", Action::Edit, |s| s.key_edit_record, Some(|s| s.foot_edit_record)),
    bind(&[Key::Char('+'), Key::Char('N')], "+", Action::New, |s| s.key_new, Some(|s| s.foot_new)),
    bind(&[Key::Char('x'), Key::Code(KeyCode::Delete)], "x", Action::Delete, |s| s.key_delete, None),
    bind(&[Key::Char('/')], "/", Action::Filter, |s| s.key_filter_text, None),
    bind(&[Key::Char('S')], "S", Action::Sort, |s| s.key_sort, None),
];

#[rustfmt::skip]
pub const FINDINGS: &[Binding] = &[
    LIST_MOVES[0], LIST_MOVES[1], LIST_MOVES[2], LIST_MOVES[3], DETAIL_SCROLL[0], DETAIL_SCROLL[1],
    RECORD_KEYS[0], RECORD_KEYS[1], RECORD_KEYS[2],
    bind(&[Key::Char('A')], "A", Action::PlanForFinding, |s| s.key_new_action, None),
    bind(&[Key::Char('a')], "a", Action::AttachEvidence, |s| s.key_evidence_finding, None),
    bind(&[Key::Char('s')], "s", Action::FilterStatus, |s| s.key_filter_status, Some(|s| s.foot_filter)),
    bind(&[Key::Char('d')], "d", Action::FilterDomain, |s| s.key_filter_domain, None),
    bind(&[Key::Char('v')], "v", Action::FilterOther, |s| s.key_filter_severity, None),
    RECORD_KEYS[3], RECORD_KEYS[4],
    COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4],
    // Last, as on the checklist: the help's first page keeps the keys it had.
    bind(&[Key::Char('D')], "D", Action::DetachEvidence, |s| s.key_detach, None),
];

#[rustfmt::skip]
pub const ACTIONS: &[Binding] = &[
    LIST_MOVES[0], LIST_MOVES[1], LIST_MOVES[2], LIST_MOVES[3], DETAIL_SCROLL[0], DETAIL_SCROLL[1],
    RECORD_KEYS[0], RECORD_KEYS[1], RECORD_KEYS[2],
    bind(&[Key::Char('s')], "s", Action::FilterStatus, |s| s.key_filter_status, Some(|s| s.foot_filter)),
    bind(&[Key::Char('o')], "o", Action::FilterOther, |s| s.key_filter_owner, None),
    bind(&[Key::Char('d')], "d", Action::FilterDomain, |s| s.key_filter_domain, None),
    RECORD_KEYS[3], RECORD_KEYS[4],
    bind(&[Key::Char('e')], "e", Action::ExportPlan, |s| s.key_export_plan, None),
    COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4],
];

#[rustfmt::skip]
pub const ASSETS: &[Binding] = &[
    LIST_MOVES[0], LIST_MOVES[1], LIST_MOVES[2], LIST_MOVES[3], DETAIL_SCROLL[0], DETAIL_SCROLL[1],
    RECORD_KEYS[0], RECORD_KEYS[1], RECORD_KEYS[2],
    bind(&[Key::Char('t')], "t", Action::FilterOther, |s| s.key_filter_kind, Some(|s| s.foot_filter)),
    RECORD_KEYS[3],
    bind(&[Key::Char('i')], "i", Action::ImportAssets, |s| s.key_import_assets, None),
    bind(&[Key::Char('C')], "C", Action::CveMatches, |s| s.key_cve_matches, None),
    COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4],
];

/// The keys of the record form, for its footer and the help; the form reads keys itself.
#[rustfmt::skip]
pub const FORM: &[Binding] = &[
    bind(&[], "↑↓ Tab", Action::Down, |s| s.form_move, Some(|s| s.foot_field)),
    bind(&[], "Enter", Action::Edit, |s| s.form_edit, Some(|s| s.foot_edit_field)),
    bind(&[], "←→ Space", Action::FocusRight, |s| s.form_choice, Some(|s| s.foot_choice)),
    bind(&[], "C-s", Action::Edit, |s| s.form_save, Some(|s| s.foot_save)),
    bind(&[], "Esc", Action::Quit, |s| s.form_close, Some(|s| s.foot_close)),
    bind(&[], "C-d", Action::Quit, |s| s.form_discard, None),
    bind(&[], "C-u", Action::Delete, |s| s.form_clear, None),
];

#[rustfmt::skip]
pub const SUMMARY: &[Binding] = &[
    bind(&[Key::Char('R')], "R", Action::RenderReport, |s| s.key_render_report, Some(|s| s.foot_render_report)),
    bind(&[Key::Char('D')], "D", Action::Details, |s| s.key_details, Some(|s| s.foot_details)),
    COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4],
];

#[rustfmt::skip]
pub const HISTORY: &[Binding] = &[
    LIST_MOVES[0], LIST_MOVES[1], LIST_MOVES[2], LIST_MOVES[3],
    bind(&[Key::Char(' ')], "Space", Action::Mark, |s| s.key_mark, Some(|s| s.foot_mark)),
    bind(&[Key::Code(KeyCode::Enter)], "Enter", Action::Edit, |s| s.key_compare, Some(|s| s.foot_compare)),
    bind(&[Key::Code(KeyCode::PageUp)], "PgUp PgDn", Action::PageUp, |s| s.key_scroll_diff, None),
    bind(&[Key::Code(KeyCode::PageDown)], "", Action::PageDown, |s| s.key_scroll_diff, None),
    bind(&[Key::Char('c')], "c", Action::CloseRound, |s| s.key_close_round, None),
    bind(&[Key::Char('N')], "N", Action::StartRound, |s| s.key_start_round, None),
    bind(&[Key::Char('s')], "s", Action::Sync, |s| s.key_sync, None),
    COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4],
];

/// The action `event` triggers among `bindings`, if any.
pub fn action(bindings: &[Binding], event: &KeyEvent) -> Option<Action> {
    bindings.iter().find_map(|binding| binding.matches(event))
}

/// `text` (`Enter`, `C-s`, `PgUp PgDn`...) with its key names in `lang`.
pub fn key_names(text: &str, lang: crate::grid::Lang) -> String {
    match lang {
        crate::grid::Lang::En => text.to_owned(),
        crate::grid::Lang::Fr => text
            .split(' ')
            .map(|word| match word {
                "Enter" => "Entrée".to_owned(),
                "Esc" => "Échap".to_owned(),
                "Space" => "Espace".to_owned(),
                "PgUp" => "PgPréc".to_owned(),
                "PgDn" => "PgSuiv".to_owned(),
                "S-Tab" => "Maj-Tab".to_owned(),
                other => other.replacen("C-", "Ctrl-", 1),
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}
