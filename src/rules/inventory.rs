//! The inventory from the client's spreadsheet (CSV).
//!
//! An import is all or nothing: every bad row is reported with its line number and nothing
//! is written unless every row is good. Rows update the inventory by id; the columns present
//! in the file replace the asset's values (an empty cell clears one), the columns absent keep
//! them, and assets absent from the file stay in the inventory.

use crate::assessment::{Asset, AssetKind, Assets, check_asset_id};
use crate::error::{Error, Position, Problem, Problems, Result};
use crate::messages::{CsvFlaw, Fix, Wrong};

/// The columns an import understands, in the order the inventory lists them.
pub const CSV_COLUMNS: [&str; 9] = [
    "id", "kind", "vendor", "model", "firmware", "address", "location", "notes", "mac",
];

/// The rows of a CSV file, checked against the inventory, as the assets they add or update.
/// `name` is how messages call the file. Every bad row is a problem at its line.
pub fn read_csv(name: &str, text: &str, current: &Assets) -> Result<Vec<Asset>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let problem = |line: u64, flaw: CsvFlaw| told(Position::new(name, line, 0), flaw);
    let Some(header) = text.lines().next().filter(|line| !line.trim().is_empty()) else {
        return Err(Error::Invalid(Problems(vec![problem(
            1,
            CsvFlaw::Empty(&CSV_COLUMNS),
        )])));
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(header))
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());

    let csv_problem = |error: &csv::Error| {
        let line = error.position().map_or(0, csv::Position::line);
        problem(line, CsvFlaw::NotCsv(error.to_string()))
    };
    let headers = reader
        .headers()
        .map_err(|error| Error::Invalid(Problems(vec![csv_problem(&error)])))?
        .clone();

    let columns = known_columns(&headers, &problem)?;
    let mut problems = Vec::new();
    let mut assets: Vec<Asset> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                problems.push(csv_problem(&error));
                continue;
            }
        };
        let line = row.position().map_or(0, csv::Position::line);
        if row.iter().all(str::is_empty) {
            continue;
        }
        if row.len() != headers.len() {
            problems.push(problem(
                line,
                CsvFlaw::Cells {
                    row: row.len(),
                    header: headers.len(),
                },
            ));
            continue;
        }
        let at = Position::new(name, line, 0);
        let Some(asset) = row_asset(&row, at, &columns, current, &assets, &lines, &mut problems)
        else {
            continue;
        };
        assets.push(asset);
        lines.push(line);
    }
    if problems.is_empty() {
        Ok(assets)
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// Which known column (an index of [`CSV_COLUMNS`]) each column of the header is, if any;
/// every problem of the header at once.
fn known_columns(
    headers: &csv::StringRecord,
    problem: &impl Fn(u64, CsvFlaw) -> Problem,
) -> Result<Vec<Option<usize>>> {
    let mut columns: Vec<Option<usize>> = Vec::new();
    let mut unknown = Vec::new();
    let mut problems = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let wanted = header.trim().to_lowercase();
        if wanted.is_empty() {
            columns.push(None);
            continue;
        }
        match CSV_COLUMNS.iter().position(|known| *known == wanted) {
            Some(known) if columns.contains(&Some(known)) => {
                problems.push(problem(1, CsvFlaw::ColumnTwice(header.to_owned())));
            }
            Some(known) => {
                columns.push(Some(known));
                continue;
            }
            None => unknown.push((header.to_owned(), index + 1)),
        }
        columns.push(None);
    }
    if !unknown.is_empty() {
        problems.push(problem(
            1,
            CsvFlaw::UnknownColumns {
                unknown,
                known: &CSV_COLUMNS,
            },
        ));
    }
    if !columns.contains(&Some(0)) && problems.is_empty() {
        problems.push(problem(1, CsvFlaw::NoIdColumn));
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// The asset a row adds or updates, or `None` with its problems added to `problems`.
/// `assets` are the rows read before it, from the lines `lines`.
fn row_asset(
    row: &csv::StringRecord,
    at: Position,
    columns: &[Option<usize>],
    current: &Assets,
    assets: &[Asset],
    lines: &[u64],
    problems: &mut Vec<Problem>,
) -> Option<Asset> {
    let problem = |flaw: CsvFlaw| told(at.clone(), flaw);
    let cell = |known: usize| {
        columns
            .iter()
            .position(|column| *column == Some(known))
            .and_then(|index| row.get(index))
    };
    for (index, value) in row.iter().enumerate() {
        if columns.get(index) == Some(&None) && !value.is_empty() {
            problems.push(problem(CsvFlaw::NoHeader(index + 1)));
        }
    }
    let id = cell(0).unwrap_or_default().to_owned();
    if let Some(flaw) = id_refusal(&id, assets, lines) {
        problems.push(problem(flaw));
        return None;
    }
    let existing = current.get(&id);
    let kind = match row_kind(cell(1), existing, &id) {
        Ok(kind) => kind,
        Err(flaw) => {
            problems.push(problem(flaw));
            return None;
        }
    };
    let mut asset = existing
        .cloned()
        .unwrap_or_else(|| Asset::new(id.clone(), kind));
    asset.kind = kind;
    for (field, slot) in asset.texts_mut() {
        let known = CSV_COLUMNS.iter().position(|column| *column == field.key());
        if let Some(value) = known.and_then(cell) {
            *slot = (!value.is_empty()).then(|| value.to_owned());
        }
    }
    // Any usual spelling; one that is not a MAC address stays as written, for the refusal.
    asset.mac = asset
        .mac
        .take()
        .map(|mac| crate::assessment::normal_mac(&mac).unwrap_or(mac));
    Some(asset)
}

/// Why a row's id cannot be taken, if it cannot: empty, not an id, or the id of a row read
/// before.
fn id_refusal(id: &str, assets: &[Asset], lines: &[u64]) -> Option<CsvFlaw> {
    if id.is_empty() {
        return Some(CsvFlaw::IdEmpty);
    }
    if let Err(wrong) = check_asset_id(id) {
        return Some(CsvFlaw::BadId(Box::new(wrong)));
    }
    let first = assets.iter().position(|asset| asset.id == id)?;
    Some(CsvFlaw::IdTwice {
        id: id.to_owned(),
        line: lines[first],
    })
}

/// A spreadsheet's problem at `at`, said in the reader's language.
fn told(at: Position, flaw: CsvFlaw) -> Problem {
    Problem::told(
        at,
        Wrong::Csv(Box::new(flaw.clone())),
        Fix::Csv(Box::new(flaw)),
    )
}

/// A row's kind: the one its cell gives, or the asset's own when the cell is empty; else
/// what is wrong.
fn row_kind(
    given: Option<&str>,
    existing: Option<&Asset>,
    id: &str,
) -> std::result::Result<AssetKind, CsvFlaw> {
    match (given.filter(|kind| !kind.is_empty()), existing) {
        (Some(kind), _) => kind.parse::<AssetKind>().map_err(CsvFlaw::Kind),
        (None, Some(asset)) => Ok(asset.kind),
        (None, None) => Err(CsvFlaw::NoKind {
            id: id.to_owned(),
            kinds: &AssetKind::NAMES,
        }),
    }
}

/// The separator of a spreadsheet's CSV export: a comma, or the semicolon that spreadsheets
/// in French (and other decimal-comma locales) write, or a tab; whichever the header row has
/// most of.
fn delimiter(header: &str) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .map(|candidate| {
            let count = header.bytes().filter(|byte| *byte == candidate).count();
            (count, candidate)
        })
        .filter(|(count, _)| *count > 0)
        // On a tie the earlier candidate (the comma) wins.
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map_or(b',', |(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Asset>> {
        read_csv("cameras.csv", text, &Assets::default())
    }

    fn problems(text: &str, current: &Assets) -> Vec<String> {
        match read_csv("cameras.csv", text, current) {
            Ok(assets) => panic!("accepted: {assets:?}"),
            Err(Error::Invalid(Problems(found))) => found.iter().map(ToString::to_string).collect(),
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn columns_match_by_name_in_any_case_and_order() {
        let assets = read(
            "\u{feff}Kind,ID,Firmware,Location\ncamera,CAM-012,V5.5.0,\"Quai 3, nord\"\nNVR,NVR-01,,\n",
        )
        .unwrap();
        assert_eq!(assets.len(), 2);
        assert_eq!(assets[0].id, "CAM-012");
        assert_eq!(assets[0].kind, AssetKind::Camera);
        assert_eq!(assets[0].firmware.as_deref(), Some("V5.5.0"));
        assert_eq!(assets[0].location.as_deref(), Some("Quai 3, nord"));
        assert_eq!(assets[1].kind, AssetKind::Nvr);
        assert_eq!(assets[1].firmware, None);
    }

    #[test]
    fn semicolon_separated_exports_are_read() {
        let assets = read("id;kind;location\nCAM-1;camera;Quai 3, nord\n").unwrap();
        assert_eq!(assets[0].location.as_deref(), Some("Quai 3, nord"));
        assert_eq!(delimiter("a\tb\tc"), b'\t');
        assert_eq!(delimiter("id"), b',');
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let found = problems(
            "id,kind\nCAM-1,camera\n,camera\nCAM-2,ptz\nCAM-1,nvr\nCAM 3,camera\nCAM-4\n",
            &Assets::default(),
        );
        assert_eq!(found.len(), 5, "{found:?}");
        let expected = [
            "cameras.csv:3: the id is empty",
            "cameras.csv:4: `ptz` is not an asset kind",
            "cameras.csv:5: asset `CAM-1` is also on line 2",
            "cameras.csv:6: `CAM 3` is not a valid id",
            "cameras.csv:7: the row has 1 cells, the header 2",
        ];
        for (problem, start) in found.iter().zip(expected) {
            assert!(problem.starts_with(start), "{problem}");
        }
    }

    #[test]
    fn unknown_columns_are_refused_with_the_known_ones() {
        let found = problems("id,kind,serial,PTZ\n", &Assets::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("cameras.csv:1: unknown column(s): `serial` (column 3), `PTZ` (column 4) — the known columns are id, kind, vendor, model, firmware, address, location, notes"),
            "{}",
            found[0]
        );
        let found = problems("kind,vendor\ncamera,Axis\n", &Assets::default());
        assert!(found[0].contains("no `id` column"), "{found:?}");
        let found = problems("", &Assets::default());
        assert!(found[0].contains("the file is empty"), "{found:?}");
    }

    #[test]
    fn known_assets_need_no_kind_and_keep_what_the_file_does_not_say() {
        let current = Assets::new(vec![Asset {
            vendor: Some("Hikvision".into()),
            firmware: Some("V5.5.0".into()),
            notes: Some("gate".into()),
            ..Asset::new("CAM-012", AssetKind::Camera)
        }]);
        let assets = read_csv("u.csv", "id,firmware,notes\nCAM-012,V5.5.800,\n", &current).unwrap();
        assert_eq!(assets[0].kind, AssetKind::Camera);
        assert_eq!(
            assets[0].vendor.as_deref(),
            Some("Hikvision"),
            "absent column kept"
        );
        assert_eq!(assets[0].firmware.as_deref(), Some("V5.5.800"));
        assert_eq!(assets[0].notes, None, "an empty cell clears");
        let found = problems("id,firmware\nCAM-099,1.0\n", &current);
        assert!(
            found[0].contains("`CAM-099` is not in the inventory yet and has no kind"),
            "{found:?}"
        );
    }
}
