//! The CVE pack's matches with the inventory (`C`), one key from becoming findings. Reading
//! the pack is an effect; this popup holds what was matched and draws it.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::ctx::Ctx;
use super::theme::Theme;
use super::widgets::{popup, text_popup};
use crate::assessment::Asset;
use crate::cve::pack::Pack;
use crate::grid::Lang;
use crate::text::one_line;

/// One CVE of the pack matching the inventory, as the popup lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CveLine {
    pub id: String,
    pub title: String,
    pub kev: bool,
    pub score: String,
    pub affected: Vec<String>,
    pub unknown: Vec<String>,
    /// Why each asset matches, in the interface's language: affected ones, then the ones
    /// to confirm.
    pub reasons: Vec<String>,
}

/// What a key did in the popup.
#[derive(Debug, PartialEq, Eq)]
pub enum CveChoice {
    Stay,
    Close,
    /// Enter with assets affected: one finding per CVE.
    Apply,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CveMatches(pub Vec<CveLine>);

impl CveMatches {
    pub fn new(pack: &Pack, assets: &[Asset], lang: Lang) -> CveMatches {
        let lines = crate::cve::by_cve(pack, assets)
            .into_iter()
            .map(|group| CveLine {
                id: group.entry.id.to_string(),
                title: group.entry.title.get(lang).to_owned(),
                kev: group.entry.kev.is_some(),
                score: group.entry.cvss.vector.base_score().to_string(),
                affected: group
                    .affected
                    .iter()
                    .map(|found| found.asset.id.clone())
                    .collect(),
                unknown: group
                    .unknown
                    .iter()
                    .map(|found| found.asset.id.clone())
                    .collect(),
                reasons: group
                    .affected
                    .iter()
                    .chain(&group.unknown)
                    .map(|found| crate::cve::apply::reason(found, lang))
                    .collect(),
            })
            .collect();
        CveMatches(lines)
    }

    pub fn key(&self, key: &KeyEvent) -> CveChoice {
        match key.code {
            KeyCode::Enter if self.0.iter().any(|line| !line.affected.is_empty()) => {
                CveChoice::Apply
            }
            KeyCode::Enter | KeyCode::Esc | KeyCode::Char('q') => CveChoice::Close,
            _ => CveChoice::Stay,
        }
    }

    pub fn draw(&self, ctx: &Ctx, theme: Theme, frame: &mut Frame, area: Rect) {
        let strings = ctx.strings();
        let mut text: Vec<Line> = Vec::new();
        if self.0.is_empty() {
            text.push(Line::styled(strings.cve_none, theme.dim()));
        }
        for line in &self.0 {
            line.push_lines(ctx, theme, &mut text);
        }
        text_popup(
            text,
            (strings.cve_title, (strings.cve_keys, theme.key())),
            0,
            theme,
            frame,
            popup(area),
        );
    }
}

impl CveLine {
    fn push_lines(&self, ctx: &Ctx, theme: Theme, text: &mut Vec<Line<'static>>) {
        let strings = ctx.strings();
        let mut head = vec![
            Span::styled(format!("{} ", self.id), theme.heading()),
            Span::raw(format!("{} ", self.score)),
        ];
        if self.kev {
            head.push(Span::styled("KEV ", theme.error()));
        }
        head.push(Span::raw(one_line(&self.title)));
        text.push(Line::from(head));
        let assets = [
            (strings.cve_affected, &self.affected, theme.error()),
            (strings.cve_to_confirm, &self.unknown, theme.key()),
        ];
        for (label, ids, style) in assets {
            if !ids.is_empty() {
                text.push(Line::from(vec![
                    Span::styled(format!("  {label}{}", strings.colon), style),
                    Span::raw(one_line(&ids.join(", "))),
                ]));
            }
        }
        for reason in &self.reasons {
            text.push(Line::styled(
                format!("    · {}", one_line(reason)),
                theme.dim(),
            ));
        }
    }
}
