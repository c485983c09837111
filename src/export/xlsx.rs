//! The tables as one XLSX workbook, a sheet each, through `rust_xlsxwriter`: dates as date
//! cells, scores and amounts as numbers, flags as the language's yes and no (a boolean
//! would show in the reader's language), every text as a string cell
//! (a shared string is never read as a formula, so `=HYPERLINK(...)` in a title stays
//! text). The header row is frozen and filtered, severities are coloured, long texts wrap,
//! and each sheet prints landscape on A4, one page wide, the header on every page.

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::{Cell, Table, Width};
use crate::assessment::Severity;
use crate::error::{Error, ReportFault, Result};
use crate::grid::Lang;

/// Excel refuses a cell longer than 32,767 UTF-16 units; a text past this is cut, marked `…`.
const MAX_TEXT_UNITS: usize = 32_000;

/// `9` in the OOXML paper-size list.
const A4: u8 = 9;

fn failed(error: XlsxError) -> Error {
    Error::Report(ReportFault::Spreadsheet(error.to_string()))
}

/// The formats of one workbook, made once.
struct Formats {
    header: Format,
    text: Format,
    wrapped: Format,
    date: Format,
    score: Format,
    amount: Format,
    count: Format,
    flag: Format,
    yes: &'static str,
    no: &'static str,
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        let top = Format::new().set_align(FormatAlign::Top);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x00EE_F2F7))
                .set_border_bottom(FormatBorder::Thin),
            text: top.clone(),
            wrapped: top.clone().set_text_wrap(),
            // A date format code is the file's, not the reader's: each language's usual one.
            date: top.clone().set_num_format(match lang {
                Lang::En => "yyyy-mm-dd",
                Lang::Fr => "dd/mm/yyyy",
            }),
            score: top.clone().set_num_format("0.0"),
            amount: top.clone().set_num_format("#,##0.00"),
            count: top.clone().set_num_format("0"),
            flag: top.set_align(FormatAlign::Center),
            yes: crate::report::labels::labels(lang).yes,
            no: crate::report::labels::labels(lang).no,
        }
    }
}

/// Background and text colours of a severity's cell: the usual CVSS bands' colours.
fn band(severity: Severity) -> (u32, u32) {
    match severity {
        Severity::Critical => (0x009C_0006, 0x00FF_FFFF),
        Severity::High => (0x00E2_6B0A, 0x00FF_FFFF),
        Severity::Medium => (0x00FF_D966, 0x0000_0000),
        Severity::Low => (0x00C6_EFCE, 0x0000_0000),
        Severity::None => (0x00E7_E6E6, 0x0000_0000),
    }
}

fn width(width: Width) -> f64 {
    match width {
        Width::Narrow => 11.0,
        Width::Short => 15.0,
        Width::Medium => 28.0,
        Width::Long => 60.0,
    }
}

/// `text`, cut to what a cell holds.
fn fitted(text: &str) -> std::borrow::Cow<'_, str> {
    if text.encode_utf16().count() <= MAX_TEXT_UNITS {
        return text.into();
    }
    let mut units = 0;
    let mut cut = String::new();
    for c in text.chars() {
        units += c.len_utf16();
        if units > MAX_TEXT_UNITS {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut.into()
}

/// The workbook of `tables`, one sheet each in their order, in the words of `lang`.
pub fn write(tables: &[Table], lang: Lang) -> Result<Vec<u8>> {
    let formats = Formats::new(lang);
    let mut workbook = Workbook::new();
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet_of(sheet, table, &formats).map_err(failed)?;
    }
    workbook.save_to_buffer().map_err(failed)
}

fn sheet_of(sheet: &mut Worksheet, table: &Table, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(&table.name)?;
    for (col, column) in (0u16..).zip(&table.columns) {
        sheet.write_string_with_format(0, col, &column.header, &formats.header)?;
        sheet.set_column_width(col, width(column.width))?;
    }
    for (row, cells) in (1u32..).zip(&table.rows) {
        for ((col, cell), column) in (0u16..).zip(cells).zip(&table.columns) {
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => {
                    let format = if column.width == Width::Long {
                        &formats.wrapped
                    } else {
                        &formats.text
                    };
                    sheet.write_string_with_format(row, col, fitted(text), format)?;
                }
                Cell::Number { units, decimals } => {
                    let value = *units as f64 / 10f64.powi(i32::from(*decimals));
                    let format = match decimals {
                        0 => &formats.count,
                        1 => &formats.score,
                        _ => &formats.amount,
                    };
                    sheet.write_number_with_format(row, col, value, format)?;
                }
                Cell::Date(date) => {
                    // Excel holds years 1900 to 9999 only; a date outside (a deadline
                    // committed before the rule book bounded them) is written as its text, in
                    // its action's row, rather than failing the whole workbook.
                    let day = u16::try_from(date.year()).ok().and_then(|year| {
                        ExcelDateTime::from_ymd(
                            year,
                            u8::try_from(date.month()).ok()?,
                            u8::try_from(date.day()).ok()?,
                        )
                        .ok()
                    });
                    match day {
                        Some(day) => {
                            sheet.write_datetime_with_format(row, col, &day, &formats.date)?
                        }
                        None => sheet.write_string_with_format(
                            row,
                            col,
                            date.to_string(),
                            &formats.text,
                        )?,
                    };
                }
                Cell::Flag(flag) => {
                    let word = if *flag { formats.yes } else { formats.no };
                    sheet.write_string_with_format(row, col, word, &formats.flag)?;
                }
                Cell::Severity(severity, word) => {
                    let (background, font) = band(*severity);
                    let format = formats
                        .text
                        .clone()
                        .set_bold()
                        .set_background_color(Color::RGB(background))
                        .set_font_color(Color::RGB(font));
                    sheet.write_string_with_format(row, col, *word, &format)?;
                }
            }
        }
    }
    let last_col = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or(0);
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_holds_is_cut_and_marked() {
        assert_eq!(fitted("court"), "court");
        let long = "é".repeat(MAX_TEXT_UNITS + 10);
        let cut = fitted(&long);
        assert!(cut.ends_with('…'));
        assert_eq!(cut.encode_utf16().count(), MAX_TEXT_UNITS + 1);
        // A character outside the BMP counts twice and is never split.
        let wide = "😀".repeat(MAX_TEXT_UNITS);
        assert_eq!(fitted(&wide).chars().count(), MAX_TEXT_UNITS / 2 + 1);
    }
}
