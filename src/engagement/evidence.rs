//! Evidence files: copied into `evidence/<CONTROL>/`, hashed, never written outside the
//! engagement.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::files;
use super::files::Plain;
use crate::assessment::{EvidenceRef, SCANS_DIR};
use crate::error::{Error, FileFlaw, FileRole, Position, Problem, Result};
use crate::messages::{EvidenceFlaw, EvidenceFound, EvidenceOwner};
use crate::model::State;
use crate::report::EvidenceFaults;
use crate::rules::{ANSWERS_DIR, FINDINGS_DIR};

pub const EVIDENCE_DIR: &str = "evidence";
const MAX_NAME_BYTES: usize = 200;

/// The problem of a record (the file `relative`, whose text is `text`) whose evidence names
/// no file of the engagement, at the line of its `path:` (the text is read only then: a
/// record from the clone's cache has none in memory).
pub(super) fn ill_formed(
    relative: &str,
    text: &super::worktree_cache::Text,
    evidence: &[EvidenceRef],
) -> Option<crate::error::Problem> {
    let bad = crate::assessment::ill_formed(evidence)?;
    Some(crate::error::Problem::at(
        crate::error::Position::new(relative, path_line(&text.get(), &bad.path), 0),
        FileFlaw::NotEvidence(bad.path.clone()),
    ))
}

/// The line of a record's `text` that names the evidence `path` (`- path: ...`), else its
/// `evidence:` line, else 0.
fn path_line(text: &str, path: &str) -> u64 {
    let value = |line: &str| {
        let entry = line.trim_start().trim_start_matches("- ").trim_start();
        entry
            .strip_prefix("path:")
            .map(|value| value.trim().trim_matches(['"', '\'']).to_owned())
    };
    let at = |found: Option<usize>| found.map_or(0, |index| index as u64 + 1);
    at(text
        .lines()
        .position(|line| value(line).as_deref() == Some(path)))
    .max(at(text
        .lines()
        .position(|line| line.starts_with("evidence:"))))
}

/// Every evidence entry of the records, looked at on disk: what the report lists with its
/// SHA-256 as proof.
#[derive(Debug, Default)]
pub struct Integrity {
    /// The files not as attached, for the report to mark.
    pub faults: EvidenceFaults,
    /// One per entry whose file is not as attached, at its record's `path:` line, in record
    /// order (answers by control, findings, scans).
    pub problems: Vec<Problem>,
}

/// An evidence entry and the record that holds it.
struct Entry<'a> {
    record: String,
    owner: EvidenceOwner,
    evidence: &'a EvidenceRef,
}

/// The evidence entries of `state`'s records, in the report's order of records.
fn entries(state: &State) -> Vec<Entry<'_>> {
    let answers = state.answers.iter().flat_map(|(control, answer)| {
        answer.evidence.iter().map(move |evidence| Entry {
            record: format!("{ANSWERS_DIR}/{control}.yaml"),
            owner: EvidenceOwner::Answer(control.clone()),
            evidence,
        })
    });
    let findings = state.findings.iter().flat_map(|finding| {
        finding.evidence.iter().map(move |evidence| Entry {
            record: format!("{FINDINGS_DIR}/{}.yaml", finding.id),
            owner: EvidenceOwner::Finding(finding.id.clone()),
            evidence,
        })
    });
    let scans = state.scans.iter().map(|scan| Entry {
        record: format!("{SCANS_DIR}/{}.yaml", scan.id),
        owner: EvidenceOwner::Scan(scan.id.clone()),
        evidence: &scan.evidence,
    });
    answers.chain(findings).chain(scans).collect()
}

/// Each file the entries name, once (several records may name one file).
fn distinct<'a>(entries: &[Entry<'a>]) -> Vec<&'a EvidenceRef> {
    let mut seen = std::collections::HashSet::new();
    entries
        .iter()
        .map(|entry| entry.evidence)
        .filter(|evidence| seen.insert((evidence.path.as_str(), evidence.sha256.as_str())))
        .collect()
}

/// What stands at `evidence`'s path below `root`, when it is not the file attached: opened
/// without following a link, hashed as it streams (evidence can be gigabytes).
fn look_at(root: &Path, evidence: &EvidenceRef) -> Option<EvidenceFound> {
    let path = root.join(&evidence.path);
    match files::open_plain(&path) {
        Ok(Plain::File(mut file)) => match copy_hashing(&mut file, &mut io::sink()) {
            Ok(sha256) if sha256 == evidence.sha256 => None,
            Ok(sha256) => Some(EvidenceFound::Changed(sha256)),
            Err(error) => Some(EvidenceFound::Unreadable(error.to_string())),
        },
        Ok(Plain::Absent) => Some(EvidenceFound::Missing),
        Ok(Plain::Not(kind)) => Some(EvidenceFound::NotAFile(kind)),
        // A folder on its way replaced by a file: the file is not there either.
        Err(error) if error.kind() == io::ErrorKind::NotADirectory => Some(EvidenceFound::Missing),
        Err(error) => Some(EvidenceFound::Unreadable(error.to_string())),
    }
}

/// Whether a regular file stands at `evidence`'s path below `root`, by `lstat` alone.
fn is_there(root: &Path, evidence: &str) -> bool {
    fs::symlink_metadata(root.join(evidence)).is_ok_and(|metadata| metadata.is_file())
}

impl super::Engagement {
    /// Every evidence entry of the records checked: its file is a regular file of the
    /// engagement (never followed through a link) whose SHA-256 is the one recorded. Each
    /// file is read once, over the cores; a record's text is read again only to place the
    /// problem of one of its entries.
    pub fn check_evidence(&self) -> Integrity {
        let entries = entries(&self.state);
        let files = distinct(&entries);
        let root = self.root.as_path();
        let found = files::parallel_map(files.clone(), |evidence| look_at(root, evidence));
        let mut faults = EvidenceFaults::default();
        for (evidence, found) in files.into_iter().zip(found) {
            if let Some(found) = found {
                faults.insert(&evidence.path, &evidence.sha256, found);
            }
        }
        if faults.is_empty() {
            return Integrity::default();
        }
        let mut texts: std::collections::HashMap<String, String> = Default::default();
        let mut problems = Vec::new();
        for entry in entries {
            let evidence = entry.evidence;
            let Some(found) = faults.get(&evidence.path, &evidence.sha256) else {
                continue;
            };
            let text = texts.entry(entry.record.clone()).or_insert_with(|| {
                files::read_engagement_text_if_any(
                    &self.root.join(&entry.record),
                    files::MAX_RECORD_BYTES,
                )
                .ok()
                .flatten()
                .unwrap_or_default()
            });
            problems.push(Problem::at(
                Position::new(&entry.record, path_line(text, &evidence.path), 0),
                FileFlaw::Evidence(Box::new(EvidenceFlaw {
                    path: evidence.path.clone(),
                    expected: evidence.sha256.clone(),
                    owner: entry.owner,
                    found: found.clone(),
                })),
            ));
        }
        Integrity { faults, problems }
    }

    /// How many of the files the records' evidence names are not there as regular files:
    /// one `lstat` each, nothing read, for `status` (the hashes are `report`'s to check).
    pub fn missing_evidence(&self) -> usize {
        let entries = entries(&self.state);
        let mut seen = std::collections::HashSet::new();
        let paths: Vec<&str> = entries
            .iter()
            .map(|entry| entry.evidence.path.as_str())
            .filter(|path| seen.insert(*path))
            .collect();
        let root = self.root.as_path();
        files::parallel_map(paths, |path| is_there(root, path))
            .into_iter()
            .filter(|there| !there)
            .count()
    }
}

/// A file the auditor wants attached, checked before anything is written.
#[derive(Debug)]
pub struct Checked {
    source: PathBuf,
    name: String,
    /// Set when the file already lies inside the engagement: it is referenced in place.
    in_place: Option<String>,
}

impl Checked {
    /// Whether attaching it copies it into the engagement (rather than naming a file that
    /// lies there already, which is the auditor's).
    pub fn is_copied(&self) -> bool {
        self.in_place.is_none()
    }
}

/// Checks that `source` can be attached: a regular file (not a link, device or folder)
/// whose name can safely name a file of the engagement.
pub fn check(root: &Path, source: &Path) -> Result<Checked> {
    let shown = crate::text::one_line(&source.display().to_string());
    let metadata = fs::symlink_metadata(source).map_err(|error| {
        Error::from(FileFlaw::Unreadable {
            role: FileRole::Evidence,
            path: shown.clone(),
            detail: error.to_string(),
        })
    })?;
    if metadata.file_type().is_symlink() {
        return Err(FileFlaw::Link(shown).into());
    }
    if !metadata.is_file() {
        return Err(FileFlaw::NotAFile {
            role: FileRole::Evidence,
            path: shown,
        }
        .into());
    }
    let name = source
        .file_name()
        .and_then(|name| name.to_str())
        .filter(|name| is_safe_name(name))
        .ok_or_else(|| {
            Error::from(FileFlaw::BadName {
                path: shown.clone(),
                max: MAX_NAME_BYTES,
            })
        })?
        .to_owned();

    let root = root
        .canonicalize()
        .map_err(|source| Error::io(root, source))?;
    let real = source
        .canonicalize()
        .map_err(|error| Error::io(source, error))?;
    let in_place = match real.strip_prefix(&root) {
        Ok(inside) => {
            let path = files::relative_slash_path(inside)
                .ok_or_else(|| Error::from(FileFlaw::PathNotText(shown.clone())))?;
            // The rule every load applies to a record's evidence: what is attached here loads.
            if path
                .split('/')
                .next()
                .is_some_and(|first| first.eq_ignore_ascii_case(".git"))
            {
                return Err(FileFlaw::InsideGit(shown).into());
            }
            if !crate::assessment::is_engagement_path(&path) {
                return Err(FileFlaw::PathNotText(shown).into());
            }
            Some(path)
        }
        Err(_) => None,
    };
    Ok(Checked {
        source: source.to_owned(),
        name,
        in_place,
    })
}

fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_BYTES
        && !name.starts_with('.')
        && !name
            .chars()
            .any(|c| c.is_control() || c == '/' || c == '\\')
        && crate::text::sanitize(name) == name
}

/// Copies a checked file under `evidence/<control>/` (or references it in place) and
/// returns its reference. A file of the same name and content is reused; a different file
/// of the same name gets a numbered name, so no evidence is ever overwritten.
pub fn attach(
    root: &Path,
    control: &str,
    file: &Checked,
    note: Option<&str>,
) -> Result<EvidenceRef> {
    let note = note.map(str::to_owned);
    if let Some(path) = &file.in_place {
        let sha256 = hash_file(&root.join(path))?;
        return Ok(EvidenceRef {
            path: path.clone(),
            sha256,
            note,
        });
    }
    let dir = root.join(EVIDENCE_DIR).join(control);
    files::create_private_dir_all(&dir)?;

    let mut temp = files::temporary_in(&dir)?;
    let mut input = File::open(&file.source).map_err(|source| Error::io(&file.source, source))?;
    let sha256 = copy_hashing(&mut input, temp.as_file_mut())
        .map_err(|source| Error::io(&file.source, source))?;
    temp.as_file()
        .sync_all()
        .map_err(|source| Error::io(temp.path(), source))?;

    let (stem, extension) = match file.name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => (stem, format!(".{extension}")),
        _ => (file.name.as_str(), String::new()),
    };
    let mut n = 1;
    loop {
        let name = if n == 1 {
            file.name.clone()
        } else {
            format!("{stem}-{n}{extension}")
        };
        let target = dir.join(&name);
        let path = format!("{EVIDENCE_DIR}/{control}/{name}");
        n += 1;
        if target.exists() {
            if hash_file(&target)? == sha256 {
                return Ok(EvidenceRef { path, sha256, note });
            }
            continue;
        }
        match temp.persist_noclobber(&target) {
            Ok(_) => {
                files::sync_dir(&dir)?;
                return Ok(EvidenceRef { path, sha256, note });
            }
            // Another writer took the name between the check and the rename: try the next.
            Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => temp = error.file,
            Err(error) => return Err(Error::io(&target, error.error)),
        }
    }
}

/// The reference [`attach`] will give `file` for `owner`, as nearly as it is known before the
/// copy: its path with room for the number a taken name gets, a hash of the right length.
/// The size of the record that will hold it is checked on it, before anything is copied.
pub fn stand_in(owner: &str, file: &Checked, note: Option<&str>) -> EvidenceRef {
    let path = match &file.in_place {
        Some(path) => path.clone(),
        None => format!("{EVIDENCE_DIR}/{owner}/{}-999", file.name),
    };
    EvidenceRef {
        path,
        sha256: "0".repeat(64),
        note: note.map(str::to_owned),
    }
}

pub fn hash_file(path: &Path) -> Result<String> {
    let mut file = File::open(path).map_err(|source| Error::io(path, source))?;
    copy_hashing(&mut file, &mut io::sink()).map_err(|source| Error::io(path, source))
}

fn copy_hashing(input: &mut impl Read, output: &mut impl Write) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        hasher.update(&buffer[..read]);
        output.write_all(&buffer[..read])?;
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, byte| {
            // Writing to a String cannot fail.
            let _ = write!(out, "{byte:02x}");
            out
        })
}
