//! Styles within the 16 ANSI colours plus bold and reverse, which every terminal on a jump
//! host has; with `NO_COLOR` set, modifiers only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn from_env() -> Self {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
        }
    }

    pub fn plain() -> Self {
        Theme { color: false }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn heading(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn info(self) -> Style {
        self.fg(Color::Green)
    }

    /// The radar's rings and axes, and its shape.
    pub fn chart(self) -> (Color, Color) {
        if self.color {
            (Color::DarkGray, Color::Cyan)
        } else {
            (Color::Reset, Color::Reset)
        }
    }

    /// The previous round's shape on the radar.
    pub fn previous_chart(self) -> Color {
        if self.color {
            Color::Magenta
        } else {
            Color::Reset
        }
    }

    /// A level's colour: red when weak, yellow when defined, green when managed or better.
    pub fn level(self, level: u8, max: u8) -> Style {
        let color = match (u16::from(level) * 4)
            .checked_div(u16::from(max))
            .unwrap_or(0)
        {
            0 | 1 => Color::Red,
            2 => Color::Yellow,
            _ => Color::Green,
        };
        self.fg(color)
    }
}
