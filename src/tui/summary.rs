//! The summary screen: the score of every domain and the maturity radar of the engagement,
//! beside the previous round's (read once, as an effect, when the screen is first shown).
//! Its keys render the draft report and open the engagement's details.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as Segment};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::ctx::Ctx;
use super::form::Form;
use super::keys::Action;
use super::message::Effect;
use super::mode::{Do, Mode};
use super::theme::Theme;
use crate::assessment::{Score, status};
use crate::text::one_line;

/// Below this (inside its box), a braille radar is a tangle: bars are drawn instead.
const RADAR_MIN: (u16, u16) = (44, 20);

/// The previous round's label and its domain scores (in grid order), shown beside this
/// round's on the summary.
#[derive(Debug, Clone, Default)]
pub struct PreviousScores {
    pub label: String,
    pub scores: Vec<(String, Option<Score>)>,
}

impl PreviousScores {
    fn of(&self, domain: &str) -> Option<Score> {
        self.scores
            .iter()
            .find(|(id, _)| id == domain)
            .and_then(|(_, score)| *score)
    }
}

#[derive(Debug, Default)]
pub struct Summary {
    /// The previous round's scores, once the summary has been shown; `None` inside until
    /// read, `Some(None)` when there is no previous round.
    pub previous: Option<Option<PreviousScores>>,
}

impl Summary {
    /// A key of the summary; `None` leaves it to the keys common to all screens.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Option<Vec<Do>> {
        match action {
            Action::RenderReport => Some(vec![Do::Effect(Effect::RenderReport)]),
            Action::Details => Some(vec![Do::Open(Mode::Form(Box::new(Form::details(
                &ctx.state().meta,
            ))))]),
            _ => None,
        }
    }

    /// What showing the screen needs read first.
    pub fn shown(&self) -> Option<Effect> {
        self.previous.is_none().then_some(Effect::LoadPrevious)
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let [table, radar] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(area);
        if radar.width.saturating_sub(2) >= RADAR_MIN.0
            && radar.height.saturating_sub(2) >= RADAR_MIN.1
        {
            self.draw_table(ctx, theme, frame, table);
            self.draw_radar(ctx, theme, frame, radar);
        } else {
            let rows = u16::try_from(ctx.state().grid.domains.len()).unwrap_or(6);
            let [table, bars] =
                Layout::vertical([Constraint::Min(rows + 4), Constraint::Length(rows + 3)])
                    .areas(area);
            self.draw_table(ctx, theme, frame, table);
            self.draw_bars(ctx, theme, frame, bars);
        }
    }

    /// The scores as bars, each with its value and the previous round's, for a terminal too
    /// small for the radar.
    fn draw_bars(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let grid = &ctx.state().grid;
        let max = grid.max_level();
        let previous = self.previous.as_ref().and_then(Option::as_ref);
        let inner = usize::from(area.width.saturating_sub(2));
        // "ACC " + bar + " 2,3 (1,8)"
        let bar_width = inner.saturating_sub(4 + 11).clamp(4, 40);
        let decimal = |score: Score| score_text(score, ctx.lang);
        let mut lines = Vec::new();
        for domain in &grid.domains {
            let score = crate::assessment::effective_score(
                domain,
                &ctx.state().answers,
                &ctx.state().meta.overrides,
            );
            let before = previous.and_then(|previous| previous.of(&domain.id));
            let filled = score.map_or(0, |score| {
                (score.as_f64() / f64::from(max.max(1)) * bar_width as f64).round() as usize
            });
            // The previous round's score marked on the bar, as the report's radar outlines it.
            let mark = before.map(|score| {
                ((score.as_f64() / f64::from(max.max(1)) * bar_width as f64).round() as usize)
                    .min(bar_width.saturating_sub(1))
            });
            let bar: String = (0..bar_width)
                .map(|i| match (i < filled, Some(i) == mark) {
                    (_, true) => '│',
                    (true, false) => '█',
                    (false, false) => '·',
                })
                .collect();
            let style = score.map_or(theme.dim(), |score| theme.level(score.level(), max));
            let mut spans = vec![
                Span::raw(format!("{:<4}", one_line(&domain.id))),
                Span::styled(bar, style),
                Span::raw(format!(" {}", score.map_or("—".to_owned(), decimal))),
            ];
            if let Some(before) = before {
                spans.push(Span::styled(format!(" ({})", decimal(before)), theme.dim()));
            }
            lines.push(Line::from(spans));
        }
        let title = match previous {
            Some(previous) => format!(
                " {} · │ (…) {} {} ",
                strings.radar,
                strings.previous_round,
                one_line(&previous.label)
            ),
            None => format!(" {} ", strings.radar),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(false))
            .title(title);
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn draw_table(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let state = ctx.state();
        let status = status(&state.grid, &state.answers, &state.meta.overrides, ctx.lang);
        let header =
            Row::new(vec![strings.domain, "", strings.score, strings.level]).style(theme.heading());
        // The total's count is the widest: `2000/2000` on a large grid.
        let counted = format!("{}/{}", status.answered, status.total)
            .chars()
            .count();
        let widths = [
            Constraint::Min(16),
            Constraint::Length(u16::try_from(counted).unwrap_or(u16::MAX).max(5)),
            Constraint::Length(5),
            Constraint::Max(16),
        ];
        let notes = cap_notes(ctx, &status, theme);
        let notes_height = u16::try_from(notes.len()).unwrap_or(u16::MAX);
        let [area, notes_area] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(notes_height)]).areas(area);
        frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: true }), notes_area);
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(true))
            .title(format!(" {} ", strings.summary));
        let unplanned = crate::assessment::unplanned_critical(&state.findings, &state.actions);
        if !unplanned.is_empty() {
            let ids: Vec<String> = unplanned.iter().map(|f| one_line(&f.id)).collect();
            block = block.title_bottom(Line::styled(
                format!(" [!] {} {} ", ids.join(", "), strings.unplanned_critical),
                theme.error(),
            ));
        }
        let table = Table::new(table_rows(ctx, &status, theme), widths)
            .header(header)
            .column_spacing(1)
            .block(block);
        frame.render_widget(table, area);
    }

    fn draw_radar(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let previous = self.previous.as_ref().and_then(Option::as_ref);
        let shape = RadarShape::new(ctx, previous);
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
        let title = match previous {
            Some(previous) => format!(" {} · {} ", strings.radar, one_line(&previous.label)),
            None => format!(" {} ", strings.radar),
        };
        let canvas = Canvas::default()
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border(false))
                    .title(title),
            )
            .marker(Marker::Braille)
            .x_bounds([-x_span, x_span])
            .y_bounds([-y_span, y_span])
            .paint(move |painter| shape.paint(painter, theme, (x_span, inner_width)));
        frame.render_widget(canvas, area);
    }
}

/// The rows of the summary's table: each domain's score and level, then the total.
fn table_rows(ctx: &Ctx, status: &crate::assessment::Status, theme: Theme) -> Vec<Row<'static>> {
    let strings = ctx.strings();
    let grid = &ctx.state().grid;
    let score_cell = |score: Option<Score>| match score {
        Some(score) => Cell::from(Span::styled(
            score_text(score, ctx.lang),
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
                    |level| one_line(level.label.get(ctx.lang)),
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
    rows
}

/// A score as the screen shows it, with the language's decimal mark (`1,4`), as `status`
/// and the report do.
fn score_text(score: Score, lang: crate::grid::Lang) -> String {
    crate::report::labels::decimal(&score.to_string(), lang)
}

/// A score capped by a critical control at level 0 says so under the table, as the status
/// command does beside it: the table's columns are too narrow at 80 columns.
fn cap_notes(ctx: &Ctx, status: &crate::assessment::Status, theme: Theme) -> Vec<Line<'static>> {
    let strings = ctx.strings();
    status
        .domains
        .iter()
        .filter(|domain| domain.override_justification.is_none())
        .filter_map(|domain| {
            let cap = domain.cap.as_ref()?;
            Some(Line::from(vec![
                Span::styled(
                    format!("{} {}", one_line(&domain.id), score_text(cap.at, ctx.lang)),
                    theme.error(),
                ),
                Span::raw(format!(
                    " {} {} {} {}",
                    strings.capped_by,
                    one_line(&cap.controls.join(", ")),
                    strings.cap_mean,
                    score_text(cap.mean, ctx.lang)
                )),
            ]))
        })
        .collect()
}

/// What the radar draws: this round's polygon, the previous round's under it, and each
/// axis's label with its score, so that the shape can be read without the table.
struct RadarShape {
    levels: u8,
    count: usize,
    polygon: Vec<(f64, f64)>,
    before: Option<Vec<(f64, f64)>>,
    labels: Vec<String>,
}

impl RadarShape {
    fn new(ctx: &Ctx, previous: Option<&PreviousScores>) -> RadarShape {
        let state = ctx.state();
        let grid = &state.grid;
        let max = f64::from(grid.max_level());
        let scores: Vec<Option<f64>> = grid
            .domains
            .iter()
            .map(|domain| {
                crate::assessment::effective_score(domain, &state.answers, &state.meta.overrides)
                    .map(Score::as_f64)
            })
            .collect();
        let labels = grid
            .domains
            .iter()
            .zip(&scores)
            .map(|(domain, score)| match score {
                Some(score) => format!(
                    "{} {}",
                    one_line(&domain.id),
                    crate::report::labels::decimal(&format!("{score:.1}"), ctx.lang)
                ),
                None => one_line(&domain.id),
            })
            .collect();
        let before = previous.map(|previous| {
            let scores: Vec<Option<f64>> = grid
                .domains
                .iter()
                .map(|domain| previous.of(&domain.id).map(Score::as_f64))
                .collect();
            crate::radar::polygon(&scores, max)
        });
        RadarShape {
            levels: grid.max_level(),
            count: scores.len(),
            polygon: crate::radar::polygon(&scores, max),
            before,
            labels,
        }
    }

    /// The rings and axes, the previous round's outline, this round's shape, the labels
    /// (placed by the x range's half-width and the columns it spans).
    fn paint(
        &self,
        painter: &mut ratatui::widgets::canvas::Context,
        theme: Theme,
        (x_span, inner_width): (f64, f64),
    ) {
        let (grid_color, shape_color) = theme.chart();
        let count = self.count;
        let outline = |painter: &mut ratatui::widgets::canvas::Context,
                       points: &dyn Fn(usize) -> (f64, f64),
                       color| {
            for index in 0..count {
                let (x1, y1) = points(index);
                let (x2, y2) = points((index + 1) % count);
                painter.draw(&Segment::new(x1, y1, x2, y2, color));
            }
        };
        for ring in 1..=self.levels {
            let radius = f64::from(ring) / f64::from(self.levels.max(1));
            outline(
                painter,
                &|index| {
                    let (x, y) = crate::radar::axis(index, count);
                    (x * radius, y * radius)
                },
                grid_color,
            );
        }
        for index in 0..count {
            let (x, y) = crate::radar::axis(index, count);
            painter.draw(&Segment::new(0.0, 0.0, x, y, grid_color));
        }
        if let Some(before) = &self.before {
            outline(painter, &|index| before[index], theme.previous_chart());
        }
        painter.layer();
        outline(painter, &|index| self.polygon[index], shape_color);
        for (index, label) in self.labels.iter().enumerate() {
            let (x, y) = crate::radar::axis(index, count);
            let offset = label.chars().count() as f64 * x_span / inner_width;
            painter.print(x * 1.18 - offset, y * 1.15, Line::raw(label.clone()));
        }
    }
}
