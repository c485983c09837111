//! The observations editor, over the checklist: a text area for one control's
//! observations (or, for `n`, the justification of "not applicable"). It holds the text
//! typed; keeping it as a draft and saving it are effects the caller asks for.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Clear;
use ratatui_textarea::{TextArea, WrapMode};

use super::ctx::Ctx;
use super::theme::Theme;
use super::widgets::{block, popup};
use crate::text::one_line;

/// What the observations editor will do when saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditPurpose {
    Observations,
    /// Marking the control not applicable: the text is its justification.
    NotApplicable,
}

pub struct Editor {
    pub control: String,
    pub purpose: EditPurpose,
    pub text: TextArea<'static>,
    /// Typed since the last draft was kept on disk.
    pub unsaved: bool,
}

/// What a key did in the editor.
#[derive(Debug, PartialEq, Eq)]
pub enum Edited {
    /// Still editing.
    Typing,
    /// Ctrl-S: save this text.
    Save(String),
    /// Esc: leave, the text kept as a draft unless it is what is saved already.
    Leave(String),
    /// Ctrl-C: quit the checklist, the text kept as a draft.
    Quit(String),
}

/// A text area holding `text`, wrapped, the cursor at its end. Whatever the text holds, no
/// escape sequence reaches the terminal through it.
pub fn text_area(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(
        crate::text::sanitize(text)
            .lines()
            .map(str::to_owned)
            .collect(),
    );
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

impl Editor {
    pub fn new(control: &str, purpose: EditPurpose, text: &str) -> Self {
        Editor {
            control: control.to_owned(),
            purpose,
            text: text_area(text),
            unsaved: false,
        }
    }

    pub fn content(&self) -> String {
        self.text.lines().join("\n")
    }

    pub fn key(&mut self, key: KeyEvent) -> Edited {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('s') if ctrl => Edited::Save(self.content()),
            KeyCode::Esc => Edited::Leave(self.content()),
            KeyCode::Char('c') if ctrl => Edited::Quit(self.content()),
            _ => {
                if self.text.input(key) {
                    self.unsaved = true;
                }
                Edited::Typing
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.text.insert_str(crate::text::sanitize(text));
        self.unsaved = true;
    }

    /// The text, if typed since the last time it was kept (then it counts as kept).
    pub fn take_unsaved(&mut self) -> Option<String> {
        std::mem::take(&mut self.unsaved).then(|| self.content())
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let popup = popup(area);
        frame.render_widget(Clear, popup);
        let purpose = match self.purpose {
            EditPurpose::Observations => strings.observations,
            EditPurpose::NotApplicable => strings.not_applicable,
        };
        let title = format!(" {} — {} ", purpose, one_line(&self.control));
        let block = block(title, true, theme).title_bottom(Line::styled(
            format!(" {} ", strings.editor_keys),
            theme.key(),
        ));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        frame.render_widget(&self.text, inner);
    }
}
