//! Findings (`findings/<ID>.yaml`), the action plan (`actions/<ID>.yaml`) and the inventory
//! (`assets.yaml`) as files: loading and checking them with every problem at its
//! `file:line:column`, and giving new records ids that do not collide between clones.
//!
//! What makes a record valid is `assessment`'s; how a change alters one is the rule book's
//! (`rules`); this module reads the files and places the problems.
//!
//! Ids are `F-` or `A-` followed by six characters of Crockford's base32 (digits and capital
//! letters without I, L, O, U) drawn from the operating system's random source: 30 bits, so
//! two clones that each add a hundred records collide with a chance of about one in a
//! hundred thousand, and a collision with a file already in this clone is redrawn. They are
//! short enough to be the reference lists and the report show, and never change.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use serde::de::IgnoredAny;
use serde_saphyr::Spanned;

use super::Source;
use super::state::{Loaded, Parsed, Tally};
use super::worktree_cache::{Table, Text, Trust};
use crate::assessment::{Action, Assets, FieldProblem, Finding};
use crate::error::{Error, Fix, Position, Problem, Problems, Result, Wrong};
use crate::field::{ActionField, Field, FindingField};
use crate::grid::Grid;
use crate::model::State;

pub use crate::rules::{ACTION_PREFIX, ACTIONS_DIR, ASSETS_FILE, FINDING_PREFIX, FINDINGS_DIR};
/// Random characters after the prefix of a new id.
pub const ID_SUFFIX_LEN: usize = 6;

/// What the references between records read (the warnings of [`check`] and
/// [`dangling_references`]): not the answers.
pub(super) const REFERENCES_READ: [&str; 4] =
    [super::GRID_FILE, ASSETS_FILE, FINDINGS_DIR, ACTIONS_DIR];

/// Crockford's base32: no I, L, O or U, which read as 1, 1, 0 or V.
const ID_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The records besides answers, as loaded and checked together.
#[derive(Debug, Clone, Default)]
pub(super) struct Records {
    pub assets: Assets,
    /// In file-name (id) order.
    pub findings: Vec<Finding>,
    /// In file-name (id) order.
    pub actions: Vec<Action>,
}

/// The records besides answers that the clone's cache of parsed records holds.
#[derive(Default)]
pub(super) struct Kept {
    pub assets: Table<Assets>,
    pub findings: Table<Finding>,
    pub actions: Table<Action>,
}

/// The records of an engagement, read and parsed but not checked yet: what does not need
/// the grid, so that it can be done while the grid loads.
#[derive(Default)]
pub(super) struct Read {
    assets: Vec<Loaded<Assets>>,
    findings: Vec<Loaded<Finding>>,
    actions: Vec<Loaded<Action>>,
}

impl Read {
    /// Notes how each file was seen, for the cache.
    pub(super) fn note(&mut self, tally: &mut Tally) {
        tally.note_all(&mut self.assets);
        tally.note_all(&mut self.findings);
        tally.note_all(&mut self.actions);
    }
}

/// Reads and parses the records, or takes them from `kept` (see [`Source::read_records`]).
pub(super) fn read(source: &Source, kept: &mut Kept, trust: Trust) -> Result<Read> {
    let assets = source.read_records(vec![ASSETS_FILE.to_owned()], &mut kept.assets, trust);
    let findings = read_folder(source, FINDINGS_DIR, &mut kept.findings, trust)?;
    let actions = read_folder(source, ACTIONS_DIR, &mut kept.actions, trust)?;
    Ok(Read {
        assets,
        findings,
        actions,
    })
}

fn read_folder<T: serde::de::DeserializeOwned + Send>(
    source: &Source,
    dir: &str,
    kept: &mut Table<T>,
    trust: Trust,
) -> Result<Vec<Loaded<T>>> {
    let relatives: Vec<String> = source
        .record_files(dir)?
        .into_iter()
        .map(|name| format!("{dir}/{name}"))
        .collect();
    Ok(source.read_records(relatives, kept, trust))
}

/// Checks records as [`read`] gave them: every record on its own, against the grid and
/// against the others. Every problem of every file is reported in one error, except
/// references between records (a finding's assets, an action's findings) that do not hold: a
/// merge between clones can leave those, so they come back as warnings, each at its
/// `file:line:column`, and saving the record that holds one refuses it.
pub(super) fn check(read: Read, grid: &Grid) -> Result<(Records, Vec<Problem>)> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut records = Records::default();

    // A file that does not parse is reported once; references to what it holds are not
    // checked until it does, rather than reported as missing.
    let mut assets_read = true;
    let assets = read
        .assets
        .into_iter()
        .next()
        .map_or(Ok(None), |loaded| loaded.parsed);
    if let Some((assets, text)) = parsed(assets, &mut problems, &mut assets_read)? {
        problems.extend(placed(ASSETS_FILE, &text, assets.validate()));
        records.assets = assets;
    }

    let references = References::new(grid, &records.assets);
    let mut findings_read = true;
    for Loaded {
        relative,
        parsed: file,
        ..
    } in read.findings
    {
        if let Some((finding, text)) = parsed(file, &mut problems, &mut findings_read)? {
            let mut found = id_matches_file(&finding.id, &relative, FindingField::Id.into());
            found.extend(finding.validate());
            let (dangling, wrong) = references.of_finding(&finding);
            found.extend(wrong);
            if assets_read {
                warnings.extend(placed(&relative, &text, dangling));
            }
            problems.extend(placed(&relative, &text, found));
            problems.extend(super::evidence::ill_formed(
                &relative,
                &text,
                &finding.evidence,
            ));
            records.findings.push(finding);
        }
    }

    // Nothing refers to an action: whether every one parsed is not needed.
    let mut actions_read = true;
    for Loaded {
        relative,
        parsed: file,
        ..
    } in read.actions
    {
        if let Some((action, text)) = parsed(file, &mut problems, &mut actions_read)? {
            let mut found = id_matches_file(&action.id, &relative, ActionField::Id.into());
            found.extend(action.validate());
            if findings_read {
                warnings.extend(placed(
                    &relative,
                    &text,
                    action.check_references(&records.findings),
                ));
            }
            problems.extend(placed(&relative, &text, found));
            records.actions.push(action);
        }
    }

    if problems.is_empty() {
        Ok((records, warnings))
    } else {
        Err(Error::Invalid(Problems(problems)))
    }
}

/// A file's record and text when it parsed; when it did not, its problems go to `problems`,
/// `all_parsed` becomes false and the record is `None`, as it is for a file not there.
fn parsed<T>(
    file: Parsed<T>,
    problems: &mut Vec<Problem>,
    all_parsed: &mut bool,
) -> Result<Option<(T, Text)>> {
    match file {
        Ok(found) => Ok(found),
        Err(Error::Invalid(Problems(found))) => {
            problems.extend(found);
            *all_parsed = false;
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

/// What a finding's references are looked up in: the grid's controls and the inventory's
/// assets, in hash sets (a scan of both lists for each reference was a tenth of a command's
/// time on a large engagement).
struct References<'a> {
    grid: &'a Grid,
    controls: HashSet<&'a str>,
    assets: HashSet<&'a str>,
}

impl<'a> References<'a> {
    fn new(grid: &'a Grid, assets: &'a Assets) -> Self {
        References {
            grid,
            controls: grid
                .controls()
                .map(|(_, control)| control.id.as_str())
                .collect(),
            assets: assets
                .as_slice()
                .iter()
                .map(|asset| asset.id.as_str())
                .collect(),
        }
    }

    /// The references of `finding` that do not hold: to assets, which a merge can leave
    /// dangling (warnings), and the others (errors).
    fn of_finding(&self, finding: &Finding) -> (Vec<FieldProblem>, Vec<FieldProblem>) {
        finding
            .check_references_by(
                self.grid,
                |id| self.controls.contains(id),
                |id| self.assets.contains(id),
            )
            .into_iter()
            .partition(|problem| problem.field == Field::Finding(FindingField::Assets))
    }
}

/// The references between the records of `state` that do not hold, each at its line and
/// column in the file of the working copy at `root` that holds it: the warnings a load of
/// the working copy would give, worked out from the records in memory after a change
/// (whose files are those the change wrote) instead of loading them all again. Only the
/// files with a warning are read, to place it.
pub(super) fn dangling_references(state: &State, root: &Path) -> Vec<Problem> {
    let references = References::new(&state.grid, &state.assets);
    let mut warnings = Vec::new();
    for finding in &state.findings {
        let (dangling, _) = references.of_finding(finding);
        let relative = format!("{FINDINGS_DIR}/{}.yaml", finding.id);
        let text = Text::OnDisk(root.join(&relative));
        warnings.extend(placed(&relative, &text, dangling));
    }
    for action in &state.actions {
        let dangling = action.check_references(&state.findings);
        let relative = format!("{ACTIONS_DIR}/{}.yaml", action.id);
        let text = Text::OnDisk(root.join(&relative));
        warnings.extend(placed(&relative, &text, dangling));
    }
    warnings
}

/// Whether a file named `name` in a records' folder is a record the load reads: `*.yaml`,
/// and not hidden (an editor's swap file, a temporary file).
pub(super) fn is_record_name(name: &str) -> bool {
    name.ends_with(".yaml") && !crate::files::is_hidden(name)
}

/// The `*.yaml` files of `dir`, sorted; none when it does not exist. Temporary files of an
/// interrupted write start with a dot; they are not records.
pub(super) fn record_files(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in crate::files::dir_entries(dir)? {
        let file_name = entry.file_name();
        let Some(name) = file_name.to_str() else {
            return Err(not_utf8_name(&dir.join(&file_name), dir));
        };
        if is_record_name(name) {
            names.push(name.to_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// A file whose name is not UTF-8 cannot be named in a record or a message: skipping it
/// would leave a file in the engagement that no command shows.
pub(super) fn not_utf8_name(path: &Path, dir: &Path) -> Error {
    let shown = dir
        .file_name()
        .map(|folder| folder.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let at = Position::file(format!("{shown}/{name}"));
    Error::at(at, crate::error::FileFlaw::NameNotText(Some(shown)))
}

fn id_matches_file(id: &str, relative: &str, field: Field) -> Vec<FieldProblem> {
    let expected = relative
        .rsplit('/')
        .next()
        .and_then(|name| name.strip_suffix(".yaml"))
        .unwrap_or_default();
    if id == expected {
        return Vec::new();
    }
    vec![FieldProblem::new(
        field,
        Wrong::NotFileName {
            key: "id".to_owned(),
            value: id.to_owned(),
        },
        Fix::RestoreFile(relative.to_owned()),
    )]
}

/// Field problems of the record in `file` (whose text is `text`) as problems at the line and
/// column of the field. Fields are a record's keys (`severity`) or, in `assets.yaml`, a key of
/// one entry of the list (`[2].id`).
fn placed(file: &str, text: &Text, problems: Vec<FieldProblem>) -> Vec<Problem> {
    if problems.is_empty() {
        return Vec::new();
    }
    let positions = Positions::of(&text.get());
    problems
        .into_iter()
        .map(|problem| {
            let ((line, column), placed) = positions.find(problem.item, problem.field.key());
            // An entry of a list found in the file: its line says which, the key is enough.
            let problem = FieldProblem {
                item: problem.item.filter(|_| !placed),
                ..problem
            };
            Problem {
                at: Position::new(file, line, column),
                ..Problem::of_field(file, problem)
            }
        })
        .collect()
}

/// Where the values of a record's keys are written: the second, positions-only parse that
/// turns a field name into `line:column`.
enum Positions {
    Map(KeyPositions),
    /// Each entry's own place, and its keys'.
    List(Vec<((u64, u64), KeyPositions)>),
    Unknown,
}

/// Line and column of the value of each key of a map.
type KeyPositions = BTreeMap<String, (u64, u64)>;

type SpannedMap = BTreeMap<String, Spanned<IgnoredAny>>;

fn at<T>(spanned: &Spanned<T>) -> (u64, u64) {
    (spanned.referenced.line(), spanned.referenced.column())
}

fn flatten(map: &SpannedMap) -> KeyPositions {
    map.iter()
        .map(|(key, value)| (key.clone(), at(value)))
        .collect()
}

impl Positions {
    fn of(text: &str) -> Positions {
        if let Ok(map) = crate::yaml::from_str::<SpannedMap>(text) {
            return Positions::Map(flatten(&map));
        }
        match crate::yaml::from_str::<Vec<Spanned<SpannedMap>>>(text) {
            Ok(list) => Positions::List(
                list.iter()
                    .map(|item| (at(item), flatten(&item.value)))
                    .collect(),
            ),
            Err(_) => Positions::Unknown,
        }
    }

    /// The place of `key` (of the list's entry `item`), (0, 0) when unknown; and whether
    /// the entry was found.
    fn find(&self, item: Option<usize>, key: &str) -> ((u64, u64), bool) {
        match (self, item) {
            (Positions::Map(map), None) => (map.get(key).copied().unwrap_or((0, 0)), false),
            (Positions::List(list), Some(index)) => match list.get(index) {
                Some((item, keys)) => (keys.get(key).copied().unwrap_or(*item), true),
                None => ((0, 0), false),
            },
            _ => ((0, 0), false),
        }
    }
}

/// A new id `prefix` + six random characters, taken by no record in memory nor any file of
/// `dir` (another command may have just written one). With a `seed` (see
/// [`Engagement::seed_ids`]) the characters come from a fixed sequence instead.
pub(super) fn new_id(
    prefix: &str,
    dir: &Path,
    taken: &BTreeSet<&str>,
    seed: &mut Option<u64>,
) -> Result<String> {
    // 2^30 ids: reaching the bound means the random source is broken, not bad luck.
    for _ in 0..64 {
        let mut bytes = [0u8; ID_SUFFIX_LEN];
        match seed {
            Some(state) => {
                // splitmix64: enough to spread a counter over the alphabet reproducibly.
                *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = *state;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^= z >> 31;
                for (byte, value) in bytes.iter_mut().zip(z.to_le_bytes()) {
                    *byte = value;
                }
            }
            None => getrandom::fill(&mut bytes).map_err(|error| {
                Error::io(
                    "the system's random source",
                    std::io::Error::other(error.to_string()),
                )
            })?,
        }
        let suffix: String = bytes
            .iter()
            .map(|byte| char::from(ID_ALPHABET[usize::from(byte & 31)]))
            .collect();
        let id = format!("{prefix}{suffix}");
        if !taken.contains(id.as_str()) && !dir.join(format!("{id}.yaml")).exists() {
            return Ok(id);
        }
    }
    Err(Error::io(
        dir,
        std::io::Error::other("could not draw an unused id from the system's random source"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::FindingField as F;

    #[test]
    fn new_ids_are_crockford_base32_and_avoid_taken_ones() {
        let dir = tempfile::tempdir().unwrap();
        let taken = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for _ in 0..200 {
            let id = new_id("F-", dir.path(), &taken, &mut None).unwrap();
            assert_eq!(id.len(), 2 + ID_SUFFIX_LEN, "{id}");
            assert!(id.starts_with("F-"));
            assert!(
                id[2..].bytes().all(|b| ID_ALPHABET.contains(&b)),
                "{id} uses only Crockford's alphabet"
            );
            seen.insert(id);
        }
        assert!(seen.len() > 195, "random, not repeated: {}", seen.len());
        for id in &seen {
            crate::assessment::check_asset_id(id).unwrap();
        }
    }

    #[test]
    fn field_problems_are_placed_at_their_line_and_column() {
        let text = "id: F-1\ntitle: ''\ndomain: UPD\ncontrols:\n- UPD-2\n";
        let problems = placed(
            "findings/F-1.yaml",
            &Text::Read(text.to_owned()),
            vec![
                FieldProblem::new(F::Title, Wrong::Empty, Fix::Give(F::Title.into())),
                FieldProblem::new(F::Controls, Wrong::Twice("UPD-2".into()), Fix::ListOnce),
                FieldProblem::new(F::Severity, Wrong::Missing, Fix::VectorOrSeverity),
            ],
        );
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown[0],
            "findings/F-1.yaml:2:8: `title`: empty — give `title`"
        );
        assert!(shown[1].starts_with("findings/F-1.yaml:5:"), "{}", shown[1]);
        assert!(
            shown[2].starts_with("findings/F-1.yaml: `severity`: missing — give `cvss`"),
            "{}",
            shown[2]
        );
        // The reader's language, for the same problem.
        assert_eq!(
            problems[0].phrase(crate::grid::Lang::Fr),
            "findings/F-1.yaml:2:8: `title`\u{a0}: vide — renseignez `title`"
        );

        let list = "- id: CAM-1\n  kind: camera\n- id: CAM-1\n  kind: nvr\n";
        let problems = placed(
            ASSETS_FILE,
            &Text::Read(list.to_owned()),
            vec![FieldProblem {
                item: Some(1),
                ..FieldProblem::new(
                    crate::field::AssetField::Id,
                    Wrong::Twice("CAM-1".into()),
                    Fix::KeepOne,
                )
            }],
        );
        assert!(
            problems[0]
                .to_string()
                .starts_with("assets.yaml:3:7: `id`: `CAM-1` is listed twice"),
            "{}",
            problems[0]
        );
    }
}
