//! What the client takes away as spreadsheets (`vmsaudit export`): the action plan and the
//! findings as tables. The rows are built once here, in the engagement's language (the
//! report's words, `report::labels`) and in the order the rest of the tool shows them (the
//! plan as `assessment::plan` orders it, the findings as `findings_in_order`); [`xlsx`] and
//! [`csv`] only lay the same rows out, so the two formats cannot disagree on a column.
//!
//! Pure: the bytes are made in memory and the engagement writes them (`write_export`).
//! Nothing here reads the clock: callers pass `today`, which decides what is overdue.

pub mod csv;
pub mod xlsx;

use jiff::civil::Date;

use crate::assessment::{
    Amount, CvssVector, Severity, cost_totals, findings_in_order, is_overdue, plan,
};
use crate::grid::Lang;
use crate::model::State;
use crate::report::labels::{self, Labels};
use crate::report::model::kev_date;

/// What is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The action plan, and its cost totals by owner and currency on a second sheet.
    Plan,
    /// The findings.
    Findings,
}

/// One value of a table, typed so that a spreadsheet sorts and adds it as what it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Text from the records or the labels: never a formula, whatever it starts with.
    Text(String),
    /// An exact decimal, `units / 10^decimals`: a score in tenths, an amount in hundredths.
    Number {
        units: u64,
        decimals: u8,
    },
    Date(Date),
    /// A yes/no column (immediate treatment, critical, overdue).
    Flag(bool),
    /// A severity in the engagement's words, coloured by its band in the spreadsheet.
    Severity(Severity, &'static str),
}

impl Cell {
    fn text(text: &str) -> Cell {
        if text.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(crate::text::sanitize(text.trim()).into_owned())
        }
    }

    fn list<T: ToString>(items: &[T]) -> Cell {
        let joined: Vec<String> = items.iter().map(ToString::to_string).collect();
        Cell::text(&joined.join(", "))
    }

    fn amount(amount: Amount) -> Cell {
        Cell::Number {
            units: amount.hundredths(),
            decimals: 2,
        }
    }

    fn severity(severity: Option<Severity>, lang: Lang) -> Cell {
        severity.map_or(Cell::Empty, |severity| {
            Cell::Severity(severity, labels::severity(severity, lang))
        })
    }
}

/// How wide a column is drawn; `Long` columns wrap their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    Narrow,
    Short,
    Medium,
    Long,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub width: Width,
}

/// One sheet: its name, its columns and its rows (each as long as `columns`).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// What an export is made from.
pub struct Input<'a> {
    pub state: &'a State,
    pub lang: Lang,
    /// The day that decides which actions are overdue.
    pub today: Date,
    /// The engagement's CVE pack: the KEV dates of the findings' CVEs.
    pub cves: Option<&'a crate::cve::Pack>,
}

/// The tables of `kind`: the first is the one a CSV holds.
pub fn tables(kind: Kind, input: &Input) -> Vec<Table> {
    match kind {
        Kind::Plan => vec![plan_table(input), totals_table(input)],
        Kind::Findings => vec![findings_table(input)],
    }
}

/// `overdue` → `Overdue`: the report's lower-case words as column headers.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn columns(list: &[(&str, Width)]) -> Vec<Column> {
    list.iter()
        .map(|(header, width)| Column {
            header: capitalised(header),
            width: *width,
        })
        .collect()
}

/// `9.8`, the score's exact tenths.
fn score(vector: &CvssVector) -> Cell {
    Cell::Number {
        units: u64::from(vector.base_score().tenths()),
        decimals: 1,
    }
}

/// `F-3DMHRN (9.8)`, `F-3DMHRN (9,8)`: a treated finding and its base score, when it has one.
fn treated(id: &str, state: &State, lang: Lang) -> String {
    match state.finding(id).and_then(|finding| finding.cvss.as_ref()) {
        Some(vector) => format!("{id} ({})", lang.decimal(&vector.base_score().to_string())),
        None => id.to_owned(),
    }
}

fn plan_table(input: &Input) -> Table {
    let (state, lang) = (input.state, input.lang);
    let words: &Labels = labels::labels(lang);
    let firm = state.meta.firm.as_deref();
    let rows = plan(&state.actions, &state.findings, &state.grid)
        .into_iter()
        .map(|entry| {
            let action = entry.action;
            let findings: Vec<String> = action
                .addresses
                .iter()
                .map(|id| treated(id, state, lang))
                .collect();
            vec![
                Cell::Text(action.id.clone()),
                Cell::Flag(entry.immediate),
                Cell::severity(entry.criticality.severity, lang),
                Cell::list(&findings),
                entry.domain.map_or(Cell::Empty, Cell::text),
                Cell::text(&action.title),
                Cell::text(&action.description),
                Cell::Text(labels::complexity(action.complexity, lang).to_owned()),
                Cell::text(&action.cost),
                action.cost_amount.map_or(Cell::Empty, Cell::amount),
                action.currency.as_deref().map_or(Cell::Empty, Cell::text),
                Cell::Text(labels::owner(action.owner, firm, lang)),
                action.deadline.map_or(Cell::Empty, Cell::Date),
                Cell::Flag(is_overdue(action, input.today)),
                Cell::Text(labels::action_status(action.status, lang).to_owned()),
            ]
        })
        .collect();
    Table {
        name: words.action_plan.to_owned(),
        columns: columns(&[
            (words.id, Width::Narrow),
            (words.critical, Width::Short),
            (words.criticality, Width::Short),
            (words.risk_addressed, Width::Medium),
            (words.domain, Width::Narrow),
            (words.action, Width::Medium),
            (words.description, Width::Long),
            (words.complexity, Width::Short),
            (words.cost, Width::Medium),
            (words.amount, Width::Short),
            (words.currency, Width::Narrow),
            (words.owner, Width::Medium),
            (words.deadline, Width::Short),
            (words.overdue, Width::Narrow),
            (words.status, Width::Short),
        ]),
        rows,
    }
}

/// The plan's estimated cost by owner and currency, as the report's totals (dropped actions
/// left out, currencies never added together).
fn totals_table(input: &Input) -> Table {
    let (state, lang) = (input.state, input.lang);
    let words = labels::labels(lang);
    let firm = state.meta.firm.as_deref();
    let rows = cost_totals(&state.actions)
        .into_iter()
        .map(|total| {
            vec![
                Cell::Text(labels::owner(total.owner, firm, lang)),
                Cell::Text(total.currency),
                Cell::amount(total.amount),
                Cell::Number {
                    units: total.actions as u64,
                    decimals: 0,
                },
            ]
        })
        .collect();
    Table {
        name: words.totals.to_owned(),
        columns: columns(&[
            (words.owner, Width::Medium),
            (words.currency, Width::Narrow),
            (words.amount, Width::Short),
            (words.actions, Width::Narrow),
        ]),
        rows,
    }
}

fn findings_table(input: &Input) -> Table {
    let (state, lang) = (input.state, input.lang);
    let words = labels::labels(lang);
    let rows = findings_in_order(&state.findings, &state.grid)
        .into_iter()
        .map(|finding| {
            let vector = finding.cvss.as_ref();
            vec![
                Cell::Text(finding.id.clone()),
                Cell::Flag(finding.is_critical()),
                Cell::severity(finding.severity(), lang),
                Cell::text(&finding.title),
                vector.map_or(Cell::Empty, |vector| Cell::Text(vector.to_string())),
                vector.map_or(Cell::Empty, |vector| {
                    Cell::Text(vector.version().as_str().to_owned())
                }),
                vector.map_or(Cell::Empty, score),
                Cell::list(&finding.cves),
                kev_date(finding, input.cves).map_or(Cell::Empty, Cell::Date),
                Cell::text(&finding.domain),
                Cell::list(&finding.controls),
                Cell::list(&finding.assets),
                Cell::Text(labels::finding_status(finding.status, lang).to_owned()),
                Cell::text(&finding.recommendation),
            ]
        })
        .collect();
    Table {
        name: words.findings.to_owned(),
        columns: columns(&[
            (words.id, Width::Narrow),
            (labels::severity(Severity::Critical, lang), Width::Narrow),
            (words.severity, Width::Short),
            (words.title, Width::Medium),
            (words.vector, Width::Long),
            (words.version, Width::Narrow),
            (words.base_score, Width::Narrow),
            (words.cves, Width::Medium),
            (words.kev, Width::Short),
            (words.domain, Width::Narrow),
            (words.controls, Width::Short),
            (words.assets, Width::Medium),
            (words.status, Width::Short),
            (words.recommendation, Width::Long),
        ]),
        rows,
    }
}
