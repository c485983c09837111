//! Text in aligned columns: the one way every list of the command line is laid out (widths
//! measured as a terminal shows them, wide characters counted twice).

use std::io::Write;

use unicode_width::UnicodeWidthStr;

/// How a table's columns are laid out.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Layout<'a> {
    /// The columns aligned to the right (numbers); the others are aligned to the left.
    pub right: &'a [usize],
    /// A column no wider than this many cells, cut with `…` beyond.
    pub narrow: Option<(usize, usize)>,
    /// The last column padded too (when something follows it on the line).
    pub pad_last: bool,
}

/// Every row's cells, padded to their column's width (the first row is usually the header).
pub(super) fn padded(rows: &[Vec<String>], layout: Layout) -> Vec<Vec<String>> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    if let Some((column, most)) = layout.narrow
        && let Some(width) = widths.get_mut(column)
    {
        *width = (*width).min(most);
    }
    let last = columns.saturating_sub(1);
    rows.iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(index, cell)| {
                    let cell = match layout.narrow {
                        Some((column, _)) if column == index => cut(cell, widths[index]),
                        _ => cell.clone(),
                    };
                    let fill = " ".repeat(widths[index].saturating_sub(cell.width()));
                    if index == last && !layout.pad_last {
                        cell
                    } else if layout.right.contains(&index) {
                        format!("{fill}{cell}")
                    } else {
                        format!("{cell}{fill}")
                    }
                })
                .collect()
        })
        .collect()
}

/// `text` cut to `width` cells, ending with `…` when it was longer.
fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut kept = String::new();
    for ch in text.chars() {
        if kept.width() + 2 > width {
            break;
        }
        kept.push(ch);
    }
    format!("{kept}…")
}

/// Prints `rows` under `header`, two spaces between columns, the last one unpadded.
pub(super) fn print(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<String>],
    right: &[usize],
) -> std::io::Result<()> {
    let all: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| (*h).to_owned()).collect())
        .chain(rows.iter().cloned())
        .collect();
    let layout = Layout {
        right,
        ..Layout::default()
    };
    for cells in padded(&all, layout) {
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|row| row.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    #[test]
    fn columns_align_by_terminal_width_and_the_last_is_not_padded() {
        let mut out = Vec::new();
        let body = rows(&[&["ACC", "3.4", "Maîtrisé"], &["RÉSEAU", "12.0", "x"]]);
        print(&mut out, &["Domain", "Score", "Level"], &body, &[1]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "Domain  Score  Level\nACC       3.4  Maîtrisé\nRÉSEAU   12.0  x\n"
        );
    }

    #[test]
    fn a_narrow_column_is_cut_with_an_ellipsis() {
        let layout = Layout {
            narrow: Some((0, 6)),
            pad_last: true,
            ..Layout::default()
        };
        let out = padded(&rows(&[&["Accès et comptes", "1"], &["NET", "22"]]), layout);
        assert_eq!(out[0], ["Accès…", "1 "]);
        assert_eq!(out[1], ["NET   ", "22"]);
    }
}
