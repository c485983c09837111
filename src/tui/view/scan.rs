//! The scan popup: the facts of the scans that bear on a control.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::super::app::App;
use super::super::scan::ScanFacts;
use super::super::theme::Theme;
use super::{block, popup};
use crate::scan::Decision;
use crate::text::one_line;

pub fn draw(app: &App, facts: &ScanFacts, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let popup = popup(area);
    frame.render_widget(Clear, popup);
    let mut text: Vec<Line> = Vec::new();
    if facts.proposals.is_empty() {
        text.push(Line::styled(strings.scan_none, theme.dim()));
    }
    for (index, proposal) in facts.proposals.iter().enumerate() {
        let (mark, style) = match proposal.decision {
            None => ("[ ]", theme.key()),
            Some(Decision::Accepted) => ("[x]", theme.info()),
            Some(Decision::Dismissed) => ("[-]", theme.dim()),
        };
        let line_style = if index == facts.selected {
            theme.selected(true)
        } else {
            ratatui::style::Style::default()
        };
        text.push(
            Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::raw(one_line(&proposal.text)),
                Span::styled(format!("  {}", one_line(&proposal.scan)), theme.dim()),
            ])
            .style(line_style),
        );
    }
    let title = format!(" {} {} ", strings.scan_title, facts.control);
    let frame_block = block(title, true, theme).title_bottom(Line::styled(
        format!(" {} ", strings.scan_keys),
        theme.key(),
    ));
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(frame_block),
        popup,
    );
}
