//! Scans and captured command output: nmap's XML imported (the inventory completed through
//! the rule book, the XML kept as evidence, a record in `scans/<ID>.yaml`, one commit), the
//! proposals its facts support read back, the auditor's decisions on them, and the output of
//! a probe kept as evidence on a control or a finding.
//!
//! Scans are read when asked for (`scan list`, the checklist's scan popup), not when the
//! engagement opens: the XML is parsed again from the evidence, whose SHA-256 is checked.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use sha2::{Digest, Sha256};

use super::{Engagement, Saved, files};
use crate::assessment::{Asset, Auditor, Level};
use crate::error::{Error, FileFlaw, FileRole, Position, Result, ScanAsk};
use crate::rules::{AnswerChange, Change, FindingPatch, ScanDecision, ScanFact};
use crate::scan::{self, Decision, Loaded, MAPPING_FILE, Mapping, Proposal, ScanRecord};
use crate::text::one_line;

/// The largest scan file imported: a /16 with scripts stays well below.
pub const MAX_SCAN_BYTES: u64 = 64 * 1024 * 1024;

/// What `import_scan` did.
#[derive(Debug, Clone)]
pub struct ScanImport {
    pub id: String,
    /// Hosts up in the scan.
    pub hosts: usize,
    /// The assets the scan's hosts are, by id, in scan order.
    pub assets: Vec<String>,
    /// Where the inventory and the scan disagree (reported, never overwritten).
    pub disagreements: Vec<scan::Disagreement>,
    /// The file was imported before: nothing changed.
    pub already: bool,
    pub saved: Saved,
}

/// A command's run, to keep as evidence.
#[derive(Debug, Clone)]
pub struct Capture {
    pub command: Vec<String>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Bytes left out past the bound, per stream.
    pub stdout_dropped: u64,
    pub stderr_dropped: u64,
    /// `exit 0`, `signal 9`, `killed after 120 s`.
    pub status: String,
    pub started: Timestamp,
    pub ended: Timestamp,
    pub host: String,
}

impl Capture {
    /// The evidence file: a header saying what ran, where and when, then the output as it
    /// came (the bytes, not a sanitised copy).
    pub fn evidence_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let header = format!(
            "command: {}\nhost: {}\nstarted: {}\nended: {}\nstatus: {}\n",
            shell_words(&self.command),
            self.host,
            self.started,
            self.ended,
            self.status
        );
        out.extend_from_slice(header.as_bytes());
        for (name, bytes, dropped) in [
            ("stdout", &self.stdout, self.stdout_dropped),
            ("stderr", &self.stderr, self.stderr_dropped),
        ] {
            let more = if dropped > 0 {
                format!(", {dropped} more bytes left out")
            } else {
                String::new()
            };
            out.extend_from_slice(
                format!("\n----- {name} ({} bytes{more}) -----\n", bytes.len()).as_bytes(),
            );
            out.extend_from_slice(bytes);
            if !bytes.is_empty() && !bytes.ends_with(b"\n") {
                out.push(b'\n');
            }
        }
        out
    }

    /// `capture-20260203T100000Z-openssl.txt`.
    fn file_name(&self) -> String {
        let program = self
            .command
            .first()
            .and_then(|program| Path::new(program).file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let program: String = program
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .take(40)
            .collect();
        format!(
            "capture-{}-{}.txt",
            self.started.strftime("%Y%m%dT%H%M%SZ"),
            if program.is_empty() {
                "command"
            } else {
                &program
            }
        )
    }
}

/// The command line as one could type it again: words with spaces or quotes quoted.
pub fn shell_words(words: &[String]) -> String {
    words
        .iter()
        .map(|word| crate::text::shell_word(word))
        .collect::<Vec<_>>()
        .join(" ")
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl Engagement {
    /// Every imported scan, its XML read again from the evidence (its SHA-256 checked).
    pub fn scans(&self) -> Result<Vec<Loaded>> {
        let mut loaded = Vec::new();
        for record in self.state.scans.clone() {
            let path = &record.evidence.path;
            let text = files::read_engagement_text_if_any(&self.root.join(path), MAX_SCAN_BYTES)?
                .ok_or_else(|| {
                Error::at(
                    Position::file(path),
                    ScanAsk::XmlMissing {
                        id: record.id.clone(),
                        path: path.clone(),
                    },
                )
            })?;
            if sha256(text.as_bytes()) != record.evidence.sha256 {
                return Err(Error::at(
                    Position::file(path),
                    ScanAsk::XmlChanged {
                        id: record.id.clone(),
                        path: path.clone(),
                    },
                ));
            }
            let run = scan::nmap::parse(path, &text)?;
            loaded.push(Loaded { record, run });
        }
        Ok(loaded)
    }

    /// Which facts bear on which controls: the engagement's `scan-map.yaml`, else the
    /// built-in grid's mapping when the grid is the built-in one, else none.
    pub fn scan_mapping(&self) -> Result<Mapping> {
        let own = files::read_engagement_text_if_any(
            &self.root.join(MAPPING_FILE),
            files::MAX_RECORD_BYTES,
        )?;
        match own {
            Some(text) => Mapping::parse(MAPPING_FILE, &text),
            None if self.state.grid.id == "vms" => Mapping::builtin(),
            None => Ok(Mapping {
                grid: None,
                facts: Default::default(),
            }),
        }
    }

    /// Every proposal of every scan, per control in grid order.
    pub fn scan_proposals(&self) -> Result<Vec<Proposal>> {
        let scans = self.scans()?;
        let mapping = self.scan_mapping()?;
        Ok(scan::proposals(
            &scans,
            &mapping,
            &self.state.grid,
            self.state.assets.as_slice(),
            self.state.meta.language,
        ))
    }

    /// Imports nmap's XML output: its hosts into the inventory (new assets added, known
    /// ones, matched by address, completed where their fields are empty), the file kept as
    /// evidence, its record written; one commit, all or nothing. The same file again changes
    /// nothing.
    pub fn import_scan(
        &mut self,
        path: &Path,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<ScanImport> {
        let shown = one_line(&path.display().to_string());
        let text = read_scan_file(path, &shown)?;
        let run = scan::nmap::parse(&shown, &text)?;
        let sha = sha256(text.as_bytes());
        let id = ScanRecord::id_for(&sha);
        let file = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone());
        let controls = scan::controls_of(&run, &self.scan_mapping()?, &self.state.grid);
        let seen = scan::assets_from(&run, self.state.assets.as_slice());
        let disagreements = disagreements(self.state.assets.as_slice(), &seen);
        let hosts = run.hosts.iter().filter(|host| host.up).count();
        let outcome = |saved: Saved, already: bool| ScanImport {
            id: id.clone(),
            hosts,
            assets: seen.iter().map(|asset| asset.id.clone()).collect(),
            disagreements: disagreements.clone(),
            already,
            saved,
        };
        if self.state.scans.iter().any(|scan| scan.id == id) {
            let saved = Saved {
                message: crate::messages::Unchanged::ScanImported {
                    id: id.clone(),
                    file: file.clone(),
                }
                .phrase(self.state.meta.language),
                ..Saved::default()
            };
            return Ok(outcome(saved, true));
        }
        let record = ScanRecord {
            id: id.clone(),
            file: file.clone(),
            evidence: crate::assessment::EvidenceRef {
                path: String::new(),
                sha256: sha.clone(),
                note: None,
            },
            nmap: run.version.clone(),
            args: run.args.clone(),
            started: run.started,
            hosts,
            controls,
            imported_by: who.clone(),
            imported_at: now,
            decisions: Vec::new(),
        };
        let change = Change::ScanImport(Box::new(crate::rules::ScanImport {
            xml: vec![(path.to_path_buf(), None)],
            assets: seen.clone(),
            record,
        }));
        let saved = self.change(change, who, now)?;
        Ok(outcome(saved, false))
    }

    /// Accepts or dismisses the pending proposals of the scans on `control` (those whose
    /// fact or short id is in `only`, or all), through the rule book: accepted, they are
    /// added to the control's observations with the scans' XML linked as evidence (a first
    /// answer needs `level`); either way the decision is kept in the scans' records. One
    /// commit.
    pub fn decide_scan(
        &mut self,
        control: &str,
        only: &[String],
        decision: Decision,
        level: Option<Level>,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Saved> {
        let control = crate::rules::resolve::control(&self.state.grid, control)?;
        let pending: Vec<Proposal> = self
            .scan_proposals()?
            .into_iter()
            .filter(|proposal| proposal.control == control && proposal.decision.is_none())
            .collect();
        let chosen = chosen_proposals(&control, pending, only)?;
        let change = Change::ScanDecision(ScanDecision {
            control,
            decision,
            facts: chosen
                .into_iter()
                .map(|proposal| ScanFact {
                    scan: proposal.scan,
                    fact: proposal.fact,
                    text: proposal.text,
                })
                .collect(),
            level,
        });
        self.change(change, who, now)
    }

    /// Keeps a command's run as an evidence file on `target`, a control or a finding (a
    /// control without an answer needs `level`).
    pub fn save_capture(
        &mut self,
        target: &str,
        capture: &Capture,
        level: Option<Level>,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Saved> {
        let change_for = |path: PathBuf, target: &Target| {
            let note = Some(format!(
                "output of `{}`",
                one_line(&shell_words(&capture.command))
            ));
            match target {
                Target::Control(control) => Change::Answer(AnswerChange {
                    control: control.clone(),
                    level,
                    observations: None,
                    evidence: vec![(path, note)],
                    drop_evidence: Vec::new(),
                }),
                Target::Finding(id) => Change::EditFinding(
                    id.clone(),
                    FindingPatch {
                        evidence: vec![(path, note)],
                        ..FindingPatch::default()
                    },
                ),
            }
        };
        let target = self.capture_target(target, level)?;
        // A private folder outside the engagement: the write path copies the file in.
        let dir = tempfile::Builder::new()
            .prefix("vmsaudit-capture-")
            .tempdir()
            .map_err(|error| Error::io(std::env::temp_dir(), error))?;
        let path = dir.path().join(capture.file_name());
        files::write_atomic(&path, &capture.evidence_bytes())?;
        self.change(change_for(path, &target), who, now)
    }

    /// Checks what a capture is for before the command runs: a control (answered, or with
    /// a level given) or a finding.
    pub fn capture_target(&self, target: &str, level: Option<Level>) -> Result<Target> {
        let state = &self.state;
        if let Ok(id) = crate::rules::resolve::finding(state, target) {
            return Ok(Target::Finding(id));
        }
        let control = crate::rules::resolve::control(&state.grid, target)?;
        if level.is_none() && !state.answers.contains_key(&control) {
            return Err(ScanAsk::NeedsLevel(control).into());
        }
        Ok(Target::Control(control))
    }
}

/// What a capture is attached to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Control(String),
    Finding(String),
}

/// A proposal's short id, for the command line: 6 hexadecimal digits of its control and
/// fact, so that it stays the same when a later scan sees the fact again.
/// The proposals of `pending` whose fact or short id is in `only`, or all of them.
fn chosen_proposals(
    control: &str,
    pending: Vec<Proposal>,
    only: &[String],
) -> Result<Vec<Proposal>> {
    if only.is_empty() {
        return Ok(pending);
    }
    let mut chosen = Vec::new();
    for wanted in only {
        let found: Vec<&Proposal> = pending
            .iter()
            .filter(|p| p.fact == *wanted || short_id(p) == wanted.to_lowercase())
            .collect();
        if found.is_empty() {
            return Err(ScanAsk::NotPending {
                given: wanted.clone(),
                control: control.to_owned(),
            }
            .into());
        }
        chosen.extend(found.into_iter().cloned());
    }
    Ok(chosen)
}

pub fn short_id(proposal: &Proposal) -> String {
    sha256(format!("{}|{}", proposal.control, proposal.fact).as_bytes())[..6].to_owned()
}

fn disagreements(current: &[Asset], seen: &[Asset]) -> Vec<scan::Disagreement> {
    seen.iter()
        .filter_map(|asset| {
            let known = current.iter().find(|known| known.id == asset.id)?;
            Some(scan::disagreements(known, asset))
        })
        .flatten()
        .collect()
}

/// The text of the nmap XML at `path` (`shown` in messages): a regular file, not larger
/// than a scan can be.
fn read_scan_file(path: &Path, shown: &str) -> Result<String> {
    let metadata = std::fs::metadata(path).map_err(|error| {
        Error::from(FileFlaw::Unreadable {
            role: FileRole::Scan,
            path: shown.to_owned(),
            detail: error.to_string(),
        })
    })?;
    if !metadata.is_file() {
        return Err(FileFlaw::NotAFile {
            role: FileRole::Scan,
            path: shown.to_owned(),
        }
        .into());
    }
    if metadata.len() > MAX_SCAN_BYTES {
        return Err(Error::at(
            Position::file(shown),
            ScanAsk::TooLarge(MAX_SCAN_BYTES / (1024 * 1024)),
        ));
    }
    files::read_text(path, MAX_SCAN_BYTES)
}
