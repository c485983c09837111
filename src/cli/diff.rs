//! `vmsaudit diff FROM [TO]`: what changed between two rounds (labels or any git revision;
//! TO defaults to the working copy), as a terminal table, Markdown or JSON. Both sides are
//! read from git objects or the working copy as it is: nothing is checked out or written.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use jiff::Timestamp;

use crate::assessment::{Level, Score};
use crate::compare::{
    self, ActionItem, Comparison, ControlChange, FindingItem, GridMove, ScoreChange, level_text,
};
use crate::grid::Lang;

use crate::report::escape;
use crate::text::{excerpt, one_line, or_dash};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A table for the terminal (coloured on a terminal unless NO_COLOR is set)
    Text,
    /// Markdown, to paste into a document
    Md,
    /// JSON, for scripts
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier side: a round's label (2026-02) or any git revision (HEAD~3, a hash); the round in progress names the working copy
    pub from: String,
    /// The later side, the same way (default: the working copy, which the label of the round in progress also names)
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
}

/// How the working copy is named as a side.
pub const WORKING_COPY: &str = "working copy";

pub fn run(here: &Path, args: DiffArgs, now: Timestamp) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let zone = crate::clock::local_zone();
    let day = |at: Timestamp| crate::clock::day_in(at, &zone);
    // A side: a round's label or a git revision, or the working copy, which the label of
    // the round in progress also names.
    let side = |revision: &str| -> crate::Result<(Cow<'_, crate::model::State>, Timestamp)> {
        if engagement.names_working_copy(revision)? {
            return Ok((Cow::Borrowed(engagement.state()), now));
        }
        let (state, at) = engagement.state_at(revision)?;
        Ok((Cow::Owned(state), at))
    };
    let (from, from_at) = side(&args.from)?;
    let (to_label, (to, to_at)) = match &args.to {
        Some(revision) => (revision.clone(), side(revision)?),
        None => (
            WORKING_COPY.to_owned(),
            (Cow::Borrowed(engagement.state()), now),
        ),
    };
    let comparison = compare::compare(
        compare::Side {
            label: &args.from,
            state: &from,
            date: day(from_at),
        },
        compare::Side {
            label: &to_label,
            state: &to,
            date: day(to_at),
        },
        super::lang::of(&engagement),
    );
    let mut out = std::io::stdout().lock();
    match args.format {
        DiffFormat::Json => {
            super::write_json(&mut out, &comparison)?;
        }
        DiffFormat::Md => {
            let lang = super::lang::of(&engagement);
            out.write_all(markdown(&comparison, lang).as_bytes())?
        }
        DiffFormat::Text => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let lang = super::lang::of(&engagement);
            out.write_all(text(&comparison, colour, lang).as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn score(score: Option<Score>) -> String {
    or_dash(score)
}

fn change(change: &ScoreChange) -> String {
    or_dash(change.change)
}

/// The words of the text output, and its language.
struct Say {
    words: &'static super::words::Words,
    lang: Lang,
}

impl Say {
    fn score(&self, value: Option<Score>) -> String {
        self.lang.decimal(&score(value))
    }
    fn change(&self, value: &ScoreChange) -> String {
        self.lang.decimal(&change(value))
    }
    /// A group's name in the language, padded to the longest of `names`.
    fn group(&self, name: &str, english: &[&str; 5], names: &[&'static str; 5]) -> String {
        let shown = english
            .iter()
            .position(|known| *known == name)
            .map_or(name, |index| names[index]);
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        format!("{shown:<width$}")
    }
}

const FINDING_GROUPS: [&str; 5] = ["resolved", "opened", "accepted", "still open", "removed"];
const ACTION_GROUPS: [&str; 5] = ["done", "still open", "new", "dropped", "removed"];

/// The findings groups, in reading order: (name, items).
fn finding_groups(c: &Comparison) -> [(&'static str, &[FindingItem]); 5] {
    let f = &c.findings;
    [
        ("resolved", &f.resolved),
        ("opened", &f.opened),
        ("accepted", &f.accepted),
        ("still open", &f.still_open),
        ("removed", &f.removed),
    ]
}

/// The actions groups, in reading order; overdue actions are flagged where they are listed.
fn action_groups(c: &Comparison) -> [(&'static str, &[ActionItem]); 5] {
    let a = &c.actions;
    [
        ("done", &a.done),
        ("still open", &a.still_open),
        ("new", &a.new),
        ("dropped", &a.dropped),
        ("removed", &a.removed),
    ]
}

/// ANSI styles, or nothing without colour.
struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
    fn good(&self, text: &str) -> String {
        self.wrap("32", text)
    }
    fn bad(&self, text: &str) -> String {
        self.wrap("31", text)
    }
    fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }
    /// A change coloured by its sign.
    fn change(&self, change: &ScoreChange, text: &str) -> String {
        match change.change.map(|c| c.tenths().signum()) {
            Some(1) => self.good(text),
            Some(-1) => self.bad(text),
            _ => text.to_owned(),
        }
    }
}

/// The comparison as text for a terminal; `colour` adds ANSI colours (up green, down red).
pub fn text(c: &Comparison, colour: bool, lang: Lang) -> String {
    let paint = Paint { on: colour };
    let say = Say {
        words: super::words::words(lang),
        lang,
    };
    let mut out = String::new();
    let from = one_line(&c.from);
    let to = if c.to == WORKING_COPY {
        say.words.working_copy.to_owned()
    } else {
        one_line(&c.to)
    };
    out.push_str(&paint.bold(&super::words::fill_all(
        say.words.diff_from_to,
        &[&from, &lang.date(c.from_date), &to, &lang.date(c.to_date)],
    )));
    out.push_str("\n\n");

    scores_text(c, &paint, &say, &from, &to, &mut out);
    controls_text(c, &paint, &say, &to, &mut out);
    findings_text(c, &paint, &say, &mut out);
    actions_text(c, &paint, &say, &mut out);
    out
}

/// The score of each domain and the overall one, before and after, with the change.
fn scores_text(c: &Comparison, paint: &Paint, say: &Say, from: &str, to: &str, out: &mut String) {
    let mut rows: Vec<[String; 4]> = c
        .domains
        .iter()
        .map(|d| {
            [
                format!("{:<4} {}", one_line(&d.id), one_line(&d.title)),
                say.score(d.score.before),
                say.score(d.score.after),
                say.change(&d.score),
            ]
        })
        .collect();
    rows.push([
        say.words.col_overall.to_owned(),
        say.score(c.overall.before),
        say.score(c.overall.after),
        say.change(&c.overall),
    ]);
    let header = [
        say.words.domain.to_owned(),
        from.to_owned(),
        to.to_owned(),
        say.words.col_change.to_owned(),
    ];
    let all: Vec<Vec<String>> = std::iter::once(&header)
        .chain(&rows)
        .map(|row| row.to_vec())
        .collect();
    let layout = super::table::Layout {
        right: &[1, 2, 3],
        narrow: Some((0, 48)),
        pad_last: true,
    };
    let mut lines = super::table::padded(&all, layout)
        .into_iter()
        .map(|mut cells| {
            let last = cells.pop().unwrap_or_default();
            (format!("{}  ", cells.join("  ")), last)
        });
    let (head, last) = lines.next().unwrap_or_default();
    out.push_str(&paint.bold(&format!("{head}{last}")));
    out.push('\n');
    let changes: Vec<&ScoreChange> = c
        .domains
        .iter()
        .map(|d| &d.score)
        .chain(std::iter::once(&c.overall))
        .collect();
    for ((head, last), change) in lines.zip(changes) {
        out.push_str(&format!("{head}{}\n", paint.change(change, &last)));
    }
}

/// The controls whose level changed, and those still to re-verify.
fn controls_text(c: &Comparison, paint: &Paint, say: &Say, to: &str, out: &mut String) {
    out.push('\n');
    if c.controls.is_empty() {
        out.push_str(&paint.dim(say.words.no_control_changed));
        out.push('\n');
    } else {
        out.push_str(&paint.bold(&super::words::fill(
            say.words.controls_changed,
            c.controls.len(),
        )));
        out.push('\n');
        for control in &c.controls {
            control_text(control, paint, say, out);
        }
    }
    if !c.to_reverify.is_empty() {
        let shown: Vec<&str> = c.to_reverify.iter().take(12).map(String::as_str).collect();
        let more = if c.to_reverify.len() > shown.len() {
            super::words::fill(say.words.and_more, c.to_reverify.len() - shown.len())
        } else {
            String::new()
        };
        let list = format!("{}{more}", shown.join(", "));
        out.push_str(&super::words::fill_all(
            say.words.still_to_reverify,
            &[&to, &list],
        ));
        out.push('\n');
    }
    if let Some(moved) = &c.grid {
        grid_move_text(moved, say, out);
    }
}

/// A control's level before and after (green up, red down), with its observations.
fn control_text(control: &ControlChange, paint: &Paint, say: &Say, out: &mut String) {
    let arrow = format!(
        "{} → {}",
        level_text(control.before),
        level_text(control.after)
    );
    let arrow = match (control.before, control.after) {
        (Some(Level::Score(before)), Some(Level::Score(after))) if after > before => {
            paint.good(&arrow)
        }
        (Some(Level::Score(before)), Some(Level::Score(after))) if after < before => {
            paint.bad(&arrow)
        }
        _ => arrow,
    };
    out.push_str(&format!(
        "  {:<7} {arrow}  {}\n",
        one_line(&control.id),
        one_line(&control.title)
    ));
    if !control.observations.trim().is_empty() {
        let by = control
            .assessed_by
            .as_deref()
            .map(|by| {
                super::words::fill(
                    say.words.said_by,
                    one_line(by.split(" <").next().unwrap_or(by)),
                )
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "          {by}{}\n",
            paint.dim(&excerpt(&control.observations, 100))
        ));
    }
}

/// The grid the two sides were made on, and the controls that cannot be compared across.
fn grid_move_text(moved: &GridMove, say: &Say, out: &mut String) {
    out.push_str(&super::words::fill_all(
        say.words.grid_moved,
        &[
            &one_line(&moved.grid),
            &one_line(&moved.from),
            &one_line(&moved.to),
        ],
    ));
    out.push('\n');
    if !moved.not_comparable.is_empty() {
        let list: Vec<String> = moved
            .not_comparable
            .iter()
            .map(|control| one_line(&control.describe(say.lang)))
            .collect();
        out.push_str(&super::words::fill(
            say.words.not_comparable,
            list.join(", "),
        ));
        out.push('\n');
    }
}

fn findings_text(c: &Comparison, paint: &Paint, say: &Say, out: &mut String) {
    let line = |name: &str, item: &FindingItem| {
        let tag = say.group(name, &FINDING_GROUPS, &say.words.finding_groups);
        let tag = match name {
            "resolved" => paint.good(&tag),
            "opened" => paint.bad(&tag),
            _ => tag,
        };
        let severity = item
            .severity
            .map_or("—", |s| crate::report::labels::severity(s, say.lang));
        let critical = if item.critical { " [!]" } else { "" };
        format!(
            "  {tag}  {}  {severity:<8}  {}{critical}\n",
            one_line(&item.id),
            one_line(&item.title)
        )
    };
    grouped_text(
        say.words.findings_heading,
        finding_groups(c),
        line,
        paint,
        say,
        out,
    );
}

fn actions_text(c: &Comparison, paint: &Paint, say: &Say, out: &mut String) {
    let line = |name: &str, item: &ActionItem| {
        let tag = say.group(name, &ACTION_GROUPS, &say.words.action_groups);
        let tag = match name {
            "done" => paint.good(&tag),
            _ => tag,
        };
        let due = item
            .deadline
            .map(|date| super::words::fill(say.words.due, say.lang.date(date)));
        let due = match (due, item.overdue) {
            (Some(due), true) => format!(" ({due}, {})", paint.bad(say.words.overdue)),
            (Some(due), false) => format!(" ({due})"),
            (None, _) => String::new(),
        };
        format!(
            "  {tag}  {}  {}{due}\n",
            one_line(&item.id),
            one_line(&item.title)
        )
    };
    grouped_text(
        say.words.actions_heading,
        action_groups(c),
        line,
        paint,
        say,
        out,
    );
}

/// A heading, then a line per item group by group, or a word that nothing changed.
fn grouped_text<T>(
    heading: &str,
    groups: [(&'static str, &[T]); 5],
    line: impl Fn(&str, &T) -> String,
    paint: &Paint,
    say: &Say,
    out: &mut String,
) {
    out.push('\n');
    out.push_str(&paint.bold(heading));
    out.push('\n');
    let mut any = false;
    for (name, items) in groups {
        for item in items {
            any = true;
            out.push_str(&line(name, item));
        }
    }
    if !any {
        out.push_str(&paint.dim(&format!("  {}", say.words.nothing)));
        out.push('\n');
    }
}

/// The comparison as Markdown, in `lang`: user text escaped as the report escapes it.
pub fn markdown(c: &Comparison, lang: Lang) -> String {
    let say = Say {
        words: super::words::words(lang),
        lang,
    };
    let e = escape::inline;
    let to = if c.to == WORKING_COPY {
        say.words.working_copy.to_owned()
    } else {
        c.to.clone()
    };
    let mut out = format!(
        "# {}\n\n{} ({}) → {} ({})\n\n",
        super::words::fill_all(say.words.md_title, &[&e(&c.from), &e(&to)]),
        e(&c.from),
        lang.date(c.from_date),
        e(&to),
        lang.date(c.to_date)
    );
    scores_markdown(c, &say, &to, &mut out);
    controls_markdown(c, &say, &to, &mut out);
    findings_markdown(c, &say, &mut out);
    actions_markdown(c, &say, &mut out);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The table of the domains' scores, before and after.
fn scores_markdown(c: &Comparison, say: &Say, to: &str, out: &mut String) {
    let e = escape::inline;
    let words = say.words;
    out.push_str(&format!(
        "| {} | {} | {} | {} |\n|---|---:|---:|---:|\n",
        words.domain,
        e(&c.from),
        e(to),
        words.col_change
    ));
    for d in &c.domains {
        out.push_str(&format!(
            "| {} — {} | {} | {} | {} |\n",
            e(&d.id),
            e(&d.title),
            say.score(d.score.before),
            say.score(d.score.after),
            say.change(&d.score)
        ));
    }
    out.push_str(&format!(
        "| **{}** | **{}** | **{}** | {} |\n\n",
        words.col_overall,
        say.score(c.overall.before),
        say.score(c.overall.after),
        say.change(&c.overall)
    ));
}

/// The controls whose level changed, those to re-verify, and a move to another grid.
fn controls_markdown(c: &Comparison, say: &Say, to: &str, out: &mut String) {
    let e = escape::inline;
    let words = say.words;
    let heading = super::words::fill(words.controls_changed, c.controls.len());
    out.push_str(&format!("## {heading}\n\n"));
    if c.controls.is_empty() {
        out.push_str(&format!("{}\n\n", words.md_none));
    } else {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n|---|---|---|---|\n",
            words.col_control, words.col_before, words.col_after, words.col_observations
        ));
        for control in &c.controls {
            out.push_str(&format!(
                "| {} — {} | {} | {} | {} |\n",
                e(&control.id),
                e(&control.title),
                level_text(control.before),
                level_text(control.after),
                escape::plain(&control.observations)
            ));
        }
        out.push('\n');
    }
    if !c.to_reverify.is_empty() {
        let line = super::words::fill_all(
            words.still_to_reverify,
            &[&e(to), &e(&c.to_reverify.join(", "))],
        );
        out.push_str(&format!("{line}\n\n"));
    }
    if let Some(moved) = &c.grid {
        let line = super::words::fill_all(
            words.grid_moved,
            &[&e(&moved.grid), &e(&moved.from), &e(&moved.to)],
        );
        out.push_str(&format!("{line}.\n\n"));
        if !moved.not_comparable.is_empty() {
            let list: Vec<String> = moved
                .not_comparable
                .iter()
                .map(|control| control.describe(say.lang))
                .collect();
            let line = super::words::fill(words.not_comparable, e(&list.join(", ")));
            out.push_str(&format!("{line}\n\n"));
        }
    }
}

/// One section of grouped items: a heading, then each non-empty group with its items.
fn groups_markdown(heading: &str, groups: Vec<(String, Vec<String>)>, say: &Say, out: &mut String) {
    out.push_str(&format!("## {heading}\n\n"));
    let mut any = false;
    for (name, items) in groups {
        if items.is_empty() {
            continue;
        }
        any = true;
        out.push_str(&format!("**{}**\n\n", capitalised(&name)));
        for item in items {
            out.push_str(&format!("- {item}\n"));
        }
        out.push('\n');
    }
    if !any {
        out.push_str(&format!("{}\n\n", say.words.md_none));
    }
}

/// Each group's name in the language, with its items as lines.
fn named_groups<T>(
    groups: [(&str, &[T]); 5],
    english: &[&str; 5],
    names: &[&'static str; 5],
    say: &Say,
    line: impl Fn(&T) -> String,
) -> Vec<(String, Vec<String>)> {
    groups
        .into_iter()
        .map(|(name, items)| {
            let name = say.group(name, english, names).trim_end().to_owned();
            (name, items.iter().map(&line).collect())
        })
        .collect()
}

fn findings_markdown(c: &Comparison, say: &Say, out: &mut String) {
    let e = escape::inline;
    let line = |item: &FindingItem| {
        let severity = item
            .severity
            .map(|s| format!(" ({})", crate::report::labels::severity(s, say.lang)))
            .unwrap_or_default();
        let critical = if item.critical {
            format!(", {}", say.words.critical)
        } else {
            String::new()
        };
        format!("{} — {}{severity}{critical}", e(&item.id), e(&item.title))
    };
    let names = &say.words.finding_groups;
    let groups = named_groups(finding_groups(c), &FINDING_GROUPS, names, say, line);
    groups_markdown(say.words.findings_heading, groups, say, out);
}

fn actions_markdown(c: &Comparison, say: &Say, out: &mut String) {
    let e = escape::inline;
    let line = |item: &ActionItem| {
        let due = item
            .deadline
            .map(|d| format!(" ({})", super::words::fill(say.words.due, say.lang.date(d))))
            .unwrap_or_default();
        let overdue = if item.overdue {
            format!(", **{}**", say.words.overdue.to_lowercase())
        } else {
            String::new()
        };
        format!("{} — {}{due}{overdue}", e(&item.id), e(&item.title))
    };
    let names = &say.words.action_groups;
    let groups = named_groups(action_groups(c), &ACTION_GROUPS, names, say, line);
    groups_markdown(say.words.actions_heading, groups, say, out);
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Change, DomainChange};

    fn comparison() -> Comparison {
        Comparison {
            from: "2026-02".into(),
            to: "2026-08".into(),
            from_date: jiff::civil::date(2026, 2, 3),
            to_date: jiff::civil::date(2026, 8, 3),
            domains: vec![
                DomainChange {
                    id: "ACC".into(),
                    title: "Access".into(),
                    score: ScoreChange {
                        before: Some(Score::from_tenths(10)),
                        after: Some(Score::from_tenths(20)),
                        change: Some(Change(10)),
                    },
                },
                DomainChange {
                    id: "NET".into(),
                    title: "Network | pipes".into(),
                    score: ScoreChange {
                        before: Some(Score::from_tenths(20)),
                        after: Some(Score::from_tenths(15)),
                        change: Some(Change(-5)),
                    },
                },
            ],
            overall: ScoreChange {
                before: Some(Score::from_tenths(15)),
                after: Some(Score::from_tenths(18)),
                change: Some(Change(3)),
            },
            controls: vec![],
            to_reverify: vec![],
            findings: Default::default(),
            actions: Default::default(),
            grid_changed: vec![],
            grid: None,
        }
    }

    #[test]
    fn colours_only_when_asked_up_green_down_red() {
        let plain = text(&comparison(), false, Lang::En);
        assert!(!plain.contains('\x1b'), "{plain}");
        assert!(plain.contains("+1.0"), "{plain}");
        let coloured = text(&comparison(), true, Lang::En);
        assert!(coloured.contains("\x1b[32m"), "{coloured}");
        assert!(coloured.contains("\x1b[31m"), "{coloured}");
        assert_eq!(
            coloured
                .replace("\x1b[32m", "")
                .replace("\x1b[31m", "")
                .replace("\x1b[1m", "")
                .replace("\x1b[2m", "")
                .replace("\x1b[0m", ""),
            plain
        );
    }

    #[test]
    fn markdown_escapes_user_text_in_cells() {
        let md = markdown(&comparison(), Lang::En);
        assert!(
            md.contains("| NET — Network \\| pipes | 2.0 | 1.5 | -0.5 |"),
            "{md}"
        );
    }
}
