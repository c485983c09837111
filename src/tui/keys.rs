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
    Filter,
    NextUnanswered,
    NextScreen,
    PreviousScreen,
    Help,
    Quit,
    Suspend,
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

const COMMON: [Binding; 5] = [
    bind(
        &[Key::Code(KeyCode::Tab)],
        "Tab",
        Action::NextScreen,
        |s| s.key_screen,
        Some(|s| s.foot_screen),
    ),
    bind(
        &[Key::Code(KeyCode::BackTab)],
        "S-Tab",
        Action::PreviousScreen,
        |s| s.key_screen,
        None,
    ),
    bind(
        &[Key::Char('?')],
        "?",
        Action::Help,
        |s| s.key_help,
        Some(|s| s.foot_help),
    ),
    bind(
        &[Key::Char('q'), Key::Ctrl('c')],
        "q",
        Action::Quit,
        |s| s.key_quit,
        Some(|s| s.foot_quit),
    ),
    bind(
        &[Key::Ctrl('z')],
        "C-z",
        Action::Suspend,
        |s| s.key_suspend,
        None,
    ),
];

pub const CHECKLIST: &[Binding] = &[
    bind(
        &[Key::Code(KeyCode::Up), Key::Char('k')],
        "↑↓ jk",
        Action::Up,
        |s| s.key_move,
        Some(|s| s.foot_move),
    ),
    bind(
        &[Key::Code(KeyCode::Down), Key::Char('j')],
        "",
        Action::Down,
        |s| s.key_move,
        None,
    ),
    bind(
        &[Key::Code(KeyCode::Left), Key::Char('h')],
        "←→ hl",
        Action::FocusLeft,
        |s| s.key_focus,
        None,
    ),
    bind(
        &[Key::Code(KeyCode::Right), Key::Char('l')],
        "",
        Action::FocusRight,
        |s| s.key_focus,
        None,
    ),
    bind(
        &[Key::Code(KeyCode::PageUp)],
        "PgUp PgDn",
        Action::PageUp,
        |s| s.key_scroll,
        None,
    ),
    bind(
        &[Key::Code(KeyCode::PageDown)],
        "",
        Action::PageDown,
        |s| s.key_scroll,
        None,
    ),
    bind(
        &[Key::Code(KeyCode::Home), Key::Char('g')],
        "g G",
        Action::First,
        |s| s.key_first_last,
        None,
    ),
    bind(
        &[Key::Code(KeyCode::End), Key::Char('G')],
        "",
        Action::Last,
        |s| s.key_first_last,
        None,
    ),
    bind(
        &[Key::Digit],
        "0-4",
        Action::SetLevel(0),
        |s| s.key_level,
        Some(|s| s.foot_level),
    ),
    bind(
        &[Key::Char('n')],
        "n",
        Action::NotApplicable,
        |s| s.key_na,
        Some(|s| s.foot_na),
    ),
    bind(
        &[Key::Code(KeyCode::Enter)],
        "Enter",
        Action::Edit,
        |s| s.key_edit,
        Some(|s| s.foot_edit),
    ),
    bind(
        &[Key::Char('E')],
        "E",
        Action::ExternalEditor,
        |s| s.key_editor,
        None,
    ),
    bind(
        &[Key::Char('a')],
        "a",
        Action::AttachEvidence,
        |s| s.key_evidence,
        None,
    ),
    bind(
        &[Key::Char('/')],
        "/",
        Action::Filter,
        |s| s.key_filter,
        None,
    ),
    bind(
        &[Key::Char('u')],
        "u",
        Action::NextUnanswered,
        |s| s.key_unanswered,
        None,
    ),
    COMMON[0],
    COMMON[1],
    COMMON[2],
    COMMON[3],
    COMMON[4],
];

pub const SUMMARY: &[Binding] = &[COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4]];

/// The action `event` triggers among `bindings`, if any.
pub fn action(bindings: &[Binding], event: &KeyEvent) -> Option<Action> {
    bindings.iter().find_map(|binding| binding.matches(event))
}
