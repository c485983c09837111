//! A table as CSV, as the spreadsheet of each language expects it: in French `;` between
//! fields, a UTF-8 byte-order mark and decimal commas (what French Excel opens without an
//! import dialog); in English `,` and decimal points. Dates as `31/12/2026` and
//! `2026-12-31`. Lines end with CRLF (RFC 4180).
//!
//! Text that a spreadsheet would run as a formula (a field starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return: OWASP's list for CSV injection) is written behind a `'`,
//! which the spreadsheet shows as text and does not run.

use std::borrow::Cow;

use super::{Cell, Table};
use crate::error::{Error, ReportFault, Result};
use crate::grid::Lang;
use crate::report::labels;

const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// Whether a spreadsheet would read `text` as a formula.
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `text`, made inert for a spreadsheet.
pub fn neutralised(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

fn field<'a>(cell: &'a Cell, lang: Lang) -> Cow<'a, str> {
    match cell {
        Cell::Empty => "".into(),
        Cell::Text(text) => neutralised(text),
        Cell::Number { units, decimals } => number(*units, *decimals, lang).into(),
        Cell::Date(date) => lang.short_date(*date).into(),
        Cell::Flag(flag) => {
            let words = labels::labels(lang);
            if *flag { words.yes } else { words.no }.into()
        }
        Cell::Severity(_, word) => (*word).into(),
    }
}

/// `units / 10^decimals` written exactly, with the language's decimal mark and no
/// thousands separator (which a spreadsheet would read as text).
fn number(units: u64, decimals: u8, lang: Lang) -> String {
    if decimals == 0 {
        return units.to_string();
    }
    let scale = 10u64.pow(u32::from(decimals));
    let mark = match lang {
        Lang::En => '.',
        Lang::Fr => ',',
    };
    format!(
        "{}{mark}{:0width$}",
        units / scale,
        units % scale,
        width = usize::from(decimals)
    )
}

/// The CSV of `table` in the conventions of `lang`.
pub fn write(table: &Table, lang: Lang) -> Result<Vec<u8>> {
    let (delimiter, start): (u8, &[u8]) = match lang {
        Lang::En => (b',', b""),
        Lang::Fr => (b';', BOM),
    };
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(start.to_vec());
    let failed = |error: ::csv::Error| Error::Report(ReportFault::Csv(error.to_string()));
    writer
        .write_record(table.columns.iter().map(|column| column.header.as_str()))
        .map_err(failed)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|cell| field(cell, lang).into_owned()))
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|error| Error::Report(ReportFault::Csv(error.error().to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_spreadsheet_would_run_is_written_behind_a_quote() {
        for text in ["=1+1", "+33 1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralised(text), format!("'{text}"), "{text:?}");
        }
        for text in ["Caméra", "1+1=2", " =x", "'déjà cité", ""] {
            assert_eq!(neutralised(text), text, "{text:?}");
        }
    }

    #[test]
    fn numbers_are_exact_with_each_languages_decimal_mark() {
        assert_eq!(number(125_050, 2, Lang::Fr), "1250,50");
        assert_eq!(number(125_050, 2, Lang::En), "1250.50");
        assert_eq!(number(5, 2, Lang::En), "0.05");
        assert_eq!(number(98, 1, Lang::Fr), "9,8");
        assert_eq!(number(3, 0, Lang::Fr), "3");
    }
}
