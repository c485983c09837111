//! The summary: the score of every domain and the maturity radar of the engagement.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as Segment};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::super::app::App;
use super::super::theme::Theme;
use crate::assessment::{Score, status};
use crate::text::one_line;

pub fn draw(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let [table, radar] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    draw_table(app, theme, frame, table);
    draw_radar(app, theme, frame, radar);
}

fn draw_table(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let grid = &app.engagement.state().grid;
    let status = status(
        grid,
        &app.engagement.state().answers,
        &app.engagement.state().meta.overrides,
        app.lang,
    );
    let score_cell = |score: Option<Score>| match score {
        Some(score) => Cell::from(Span::styled(
            score.to_string(),
            theme.level(score.level(), grid.max_level()),
        )),
        None => Cell::from(Span::styled("—", theme.dim())),
    };
    let mut rows: Vec<Row> = status
        .domains
        .iter()
        .map(|domain| {
            let label = domain
                .score
                .and_then(|score| grid.scale_level(score.level()))
                .map_or_else(
                    || strings.not_assessed.to_owned(),
                    |level| one_line(level.label.get(app.lang)),
                );
            Row::new(vec![
                Cell::from(format!(
                    "{} {}",
                    one_line(&domain.id),
                    one_line(&domain.title)
                )),
                Cell::from(format!("{}/{}", domain.answered, domain.total)),
                score_cell(domain.score),
                Cell::from(label),
            ])
        })
        .collect();
    rows.push(
        Row::new(vec![
            Cell::from(strings.total),
            Cell::from(format!("{}/{}", status.answered, status.total)),
            score_cell(status.score),
            Cell::from(""),
        ])
        .style(theme.heading()),
    );
    let header =
        Row::new(vec![strings.domain, "", strings.score, strings.level]).style(theme.heading());
    let widths = [
        Constraint::Min(16),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Max(16),
    ];
    // A score capped by a critical control at level 0 says so under the table, as the
    // status command does beside it: the table's columns are too narrow at 80 columns.
    let notes: Vec<Line> = status
        .domains
        .iter()
        .filter(|domain| domain.override_justification.is_none())
        .filter_map(|domain| {
            let cap = domain.cap.as_ref()?;
            Some(Line::from(vec![
                Span::styled(
                    format!("{} {}", one_line(&domain.id), cap.at),
                    theme.error(),
                ),
                Span::raw(format!(
                    " {} {} {} {}",
                    strings.capped_by,
                    one_line(&cap.controls.join(", ")),
                    strings.cap_mean,
                    cap.mean
                )),
            ]))
        })
        .collect();
    let notes_height = u16::try_from(notes.len()).unwrap_or(u16::MAX);
    let [area, notes_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(notes_height)]).areas(area);
    frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: true }), notes_area);
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border(true))
                .title(format!(" {} ", strings.summary)),
        );
    frame.render_widget(table, area);
}

fn draw_radar(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let strings = app.strings();
    let grid = &app.engagement.state().grid;
    let max = f64::from(grid.max_level());
    let scores: Vec<Option<f64>> = grid
        .domains
        .iter()
        .map(|domain| {
            crate::assessment::effective_score(
                domain,
                &app.engagement.state().answers,
                &app.engagement.state().meta.overrides,
            )
            .map(Score::as_f64)
        })
        .collect();
    let count = scores.len();
    let labels: Vec<String> = grid
        .domains
        .iter()
        .map(|domain| one_line(&domain.id))
        .collect();
    let polygon = crate::radar::polygon(&scores, max);
    // A terminal cell is about twice as tall as it is wide: widen the x range to keep the
    // radar round.
    let inner_width = f64::from(area.width.saturating_sub(2).max(1));
    let inner_height = f64::from(area.height.saturating_sub(2).max(1)) * 2.0;
    let ratio = (inner_width / inner_height).max(0.5);
    let (x_span, y_span) = if ratio >= 1.0 {
        (1.35 * ratio, 1.35)
    } else {
        (1.35, 1.35 / ratio)
    };
    let (grid_color, shape_color) = theme.chart();
    let levels = grid.max_level();
    let canvas = Canvas::default()
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border(false))
                .title(format!(" {} ", strings.radar)),
        )
        .marker(Marker::Braille)
        .x_bounds([-x_span, x_span])
        .y_bounds([-y_span, y_span])
        .paint(move |ctx| {
            for ring in 1..=levels {
                let radius = f64::from(ring) / f64::from(levels.max(1));
                for index in 0..count {
                    let (x1, y1) = crate::radar::axis(index, count);
                    let (x2, y2) = crate::radar::axis((index + 1) % count, count);
                    ctx.draw(&Segment::new(
                        x1 * radius,
                        y1 * radius,
                        x2 * radius,
                        y2 * radius,
                        grid_color,
                    ));
                }
            }
            for index in 0..count {
                let (x, y) = crate::radar::axis(index, count);
                ctx.draw(&Segment::new(0.0, 0.0, x, y, grid_color));
            }
            ctx.layer();
            for index in 0..count {
                let (x1, y1) = polygon[index];
                let (x2, y2) = polygon[(index + 1) % count];
                ctx.draw(&Segment::new(x1, y1, x2, y2, shape_color));
            }
            for (index, label) in labels.iter().enumerate() {
                let (x, y) = crate::radar::axis(index, count);
                let offset = label.chars().count() as f64 * x_span / inner_width;
                ctx.print(x * 1.18 - offset, y * 1.15, Line::raw(label.clone()));
            }
        });
    frame.render_widget(canvas, area);
}
