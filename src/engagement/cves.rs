//! The engagement's known vulnerabilities: entries imported from NVD and KEV files, kept in
//! `cves/<ID>.yaml` (one entry each, in the pack's format, with the files they came from), so
//! that the report made today can be made again next year with the same data; the effective
//! pack (the built-in one, imported entries winning by id); importing feeds; and turning the
//! matches into findings.
//!
//! Imported entries are read when asked for ([`Engagement::cve_pack`]), not when the
//! engagement opens: only the `cve` commands, the report and the checklist's inventory need
//! them, and a problem in one of them is reported there, at its `file:line:column`.

use std::fs::File;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::findings_plan_inventory::record_files;
use super::{Engagement, Saved, files, git};
use crate::assessment::{Auditor, CveId};
use crate::cve::apply::{Step, by_cve, plan};
use crate::cve::import::{self, Feed, FeedKind, Merged};
use crate::cve::{Counts, Entry, Pack};
use crate::error::{CveAsk, Error, Position, Problem, Problems, Result};
use crate::rules::{Change, FindingPatch};
use crate::text::one_line;

/// Where imported entries live.
pub const CVES_DIR: &str = "cves";

/// What `import_cves` did.
#[derive(Debug, Clone)]
pub struct CveImport {
    /// What each file held, in the order given.
    pub feeds: Vec<FeedSummary>,
    /// The entries written and what changed in each; the records left out.
    pub merged: Merged,
    pub saved: Saved,
}

/// One file of an import.
#[derive(Debug, Clone)]
pub struct FeedSummary {
    pub name: String,
    pub kind: FeedKind,
    /// Records (NVD) or entries (KEV) in the file.
    pub read: usize,
    /// NVD records kept (a vendor of the pack, or an id it has) and KEV dates read.
    pub kept: usize,
    /// Why the others were left out, with how many and the first of them.
    pub skipped: Vec<(import::Skip, import::Skipped)>,
}

/// What `apply_cve_matches` did for one CVE.
#[derive(Debug, Clone)]
pub struct AppliedCve {
    pub cve: CveId,
    pub kev: bool,
    /// Affected assets, in inventory order.
    pub affected: Vec<String>,
    /// Assets to confirm (unknown), in inventory order.
    pub unknown: Vec<String>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Created {
        finding: String,
        saved: Saved,
    },
    AssetsAdded {
        finding: String,
        added: Vec<String>,
        saved: Saved,
    },
    UpToDate {
        finding: String,
    },
    /// Only assets to confirm: no finding.
    ConfirmOnly,
}

impl Engagement {
    /// The pack this engagement matches against: the built-in pack, with the entries imported
    /// into `cves/` replacing the built-in ones with the same id (and new ones after them).
    pub fn cve_pack(&self) -> Result<Pack> {
        let builtin = Pack::builtin()?;
        let imported = self.imported_cves(&builtin)?;
        Ok(builtin.with_imported(imported))
    }

    /// The entries of `cves/`, each checked against the built-in pack's vendors; every
    /// problem of every file in one error.
    pub fn imported_cves(&self, builtin: &Pack) -> Result<Vec<Entry>> {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        for name in record_files(&self.root.join(CVES_DIR))? {
            let relative = format!("{CVES_DIR}/{name}");
            let text = files::read_text(&self.root.join(&relative), files::MAX_RECORD_BYTES)?;
            match builtin.parse_imported(&relative, &text) {
                Ok(entry) => {
                    let expected = name.trim_end_matches(".yaml");
                    if entry.id.to_string() != expected {
                        problems.push(Problem::told(
                            Position::new(&relative, 1, 1),
                            crate::error::Wrong::NotFileName {
                                key: "id".to_owned(),
                                value: entry.id.to_string(),
                            },
                            crate::error::Fix::RestoreFile(relative.clone()),
                        ));
                    }
                    entries.push(entry);
                }
                Err(Error::Invalid(Problems(found))) => problems.extend(found),
                Err(other) => return Err(other),
            }
        }
        if problems.is_empty() {
            Ok(entries)
        } else {
            Err(Error::Invalid(Problems(problems)))
        }
    }

    /// For each asset of the inventory, in its order, how many CVEs affect it and how many
    /// may (to confirm).
    pub fn cve_counts(&self) -> Result<Vec<Counts>> {
        Ok(crate::cve::counts(
            &self.cve_pack()?,
            self.state.assets.as_slice(),
        ))
    }

    /// Imports NVD CVE JSON 2.0 feeds and CISA KEV catalogues (JSON or CSV) into `cves/` and
    /// commits, all or nothing: a file that cannot be read to its end is refused with its
    /// place and how far it got, and then nothing is written.
    pub fn import_cves(
        &mut self,
        paths: &[PathBuf],
        who: &Auditor,
        now: Timestamp,
    ) -> Result<CveImport> {
        self.import_cves_with(paths, who, now, &mut |_, _| {})
    }

    /// [`Engagement::import_cves`], telling `progress` which file is being read and how many
    /// records of it were read so far (a year feed takes a while).
    pub fn import_cves_with(
        &mut self,
        paths: &[PathBuf],
        who: &Auditor,
        now: Timestamp,
        progress: import::Progress,
    ) -> Result<CveImport> {
        if paths.is_empty() {
            return Err(CveAsk::NoFiles.into());
        }
        let _lock = self.lock_for("cve import")?;
        let pack = self.cve_pack()?;
        let feeds = read_feeds(paths, &pack, progress)?;
        let merged = import::merge(&pack, &feeds, self.state.assets.as_slice());
        let summaries = summaries(&feeds, &merged);
        let names: Vec<String> = feeds.iter().map(|feed| one_line(&feed.source)).collect();
        let saved = self.save_imported(&merged, &names, who, now)?;
        Ok(CveImport {
            feeds: summaries,
            merged,
            saved,
        })
    }

    /// Writes the imported entries that changed and commits them, or says that the files
    /// change nothing.
    fn save_imported(
        &mut self,
        merged: &import::Merged,
        names: &[String],
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Saved> {
        if merged.entries.is_empty() {
            return Ok(Saved {
                message: format!("cves: {} change nothing", names.join(", ")),
                ..Saved::default()
            });
        }
        let new = merged
            .changes
            .iter()
            .filter(|change| change.kind == import::ChangeKind::New)
            .count();
        let updated = merged.changes.len() - new;
        let message = format!(
            "cves: imported {} ({new} new, {updated} updated)",
            names.join(", ")
        );
        let commit = self.or_put_back(|paths| {
            for entry in &merged.entries {
                let relative = format!("{CVES_DIR}/{}.yaml", entry.id);
                let text = crate::rules::to_yaml(entry)?;
                paths.push(relative.clone());
                self.write_file(&relative, &text)?;
            }
            git::commit(&self.repo, paths, &message, who, now)
        })?;
        Ok(Saved {
            message,
            commit: Some(commit),
            ..Saved::default()
        })
    }

    /// Turns the matches into findings (see `cve::apply`): one per CVE affecting assets, the
    /// assets of an existing finding of that CVE completed instead; `only` limits it to one
    /// CVE (the checklist's key on a UPD control). Every finding is checked before the first
    /// is saved; each is then saved and committed like `finding add` / `finding edit`.
    pub fn apply_cve_matches(
        &mut self,
        only: Option<&CveId>,
        who: &Auditor,
        now: Timestamp,
    ) -> Result<Vec<AppliedCve>> {
        self.refresh()?;
        let pack = self.cve_pack()?;
        let assets = self.state.assets.clone();
        let mut grouped = by_cve(&pack, assets.as_slice());
        if let Some(only) = only {
            grouped.retain(|group| group.entry.id == *only);
            if grouped.is_empty() {
                return Err(CveAsk::AffectsNoAsset(only.to_string()).into());
            }
        }
        let planned = plan(
            grouped,
            &pack,
            &self.state.findings,
            &self.state.grid,
            self.state.meta.language,
            who,
            now,
        )
        .map_err(Error::from)?;
        self.check_planned(&planned)?;
        // What to do, without the borrows of the pack and the inventory.
        let work: Vec<Pending> = planned
            .into_iter()
            .map(|(group, step)| {
                let ids =
                    |list: &[crate::cve::Match]| list.iter().map(|m| m.asset.id.clone()).collect();
                Pending {
                    cve: group.entry.id.clone(),
                    kev: group.entry.kev.is_some(),
                    affected: ids(&group.affected),
                    unknown: ids(&group.unknown),
                    step,
                }
            })
            .collect();
        work.into_iter()
            .map(|pending| self.carry_out(pending, who, now))
            .collect()
    }

    /// Every finding the plan makes or changes, checked before the first is saved.
    fn check_planned(&self, planned: &[(crate::cve::CveMatches, Step)]) -> Result<()> {
        let mut problems = Vec::new();
        for (group, step) in planned {
            let finding = match step {
                Step::Create(finding) | Step::AddAssets { finding, .. } => finding,
                _ => continue,
            };
            let label = format!("finding for {}", group.entry.id);
            problems.extend(
                crate::rules::check_finding(&self.state, finding)
                    .into_iter()
                    .map(|problem| Problem::of_field(label.as_str(), problem)),
            );
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(Problems(problems)))
        }
    }

    /// One CVE's step, saved and committed through the rule book.
    fn carry_out(&mut self, pending: Pending, who: &Auditor, now: Timestamp) -> Result<AppliedCve> {
        let Pending {
            cve,
            kev,
            affected,
            unknown,
            step,
        } = pending;
        let outcome = match step {
            Step::Create(finding) => {
                let patch = FindingPatch::from_finding(&finding);
                let saved = self.change(Change::NewFinding(patch), who, now)?;
                let finding = saved.created.clone().unwrap_or_default();
                Outcome::Created { finding, saved }
            }
            Step::AddAssets { finding, added } => {
                let id = finding.id.clone();
                let patch = FindingPatch {
                    assets: Some(finding.assets.clone()),
                    ..FindingPatch::default()
                };
                let saved = self.change(Change::EditFinding(id.clone(), patch), who, now)?;
                Outcome::AssetsAdded {
                    finding: id,
                    added,
                    saved,
                }
            }
            Step::UpToDate { finding } => Outcome::UpToDate { finding },
            Step::ConfirmOnly => Outcome::ConfirmOnly,
        };
        Ok(AppliedCve {
            cve,
            kev,
            affected,
            unknown,
            outcome,
        })
    }
}

/// One CVE of `apply_cve_matches`, planned.
struct Pending {
    cve: CveId,
    kev: bool,
    affected: Vec<String>,
    unknown: Vec<String>,
    step: Step,
}

/// The file's own name, as imported entries record where they come from (not the path on
/// the auditor's machine).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Every file read in full, or every problem met: an import is all or nothing.
fn read_feeds(paths: &[PathBuf], pack: &Pack, progress: import::Progress) -> Result<Vec<Feed>> {
    let mut feeds: Vec<Feed> = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let file = match File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                problems.push(Problem::at(Position::file(&name), CveAsk::FeedMissing));
                continue;
            }
            Err(error) => return Err(Error::io(path, error)),
        };
        if !file.metadata().map_err(|e| Error::io(path, e))?.is_file() {
            problems.push(Problem::at(Position::file(&name), CveAsk::FeedNotAFile));
            continue;
        }
        match import::read_feed_file(&name, file, pack, &mut *progress) {
            Ok(read) => {
                for mut feed in read {
                    // A zip's feeds are named after the archive and their file in it.
                    if feed.source == feed.name {
                        feed.source = file_name(path);
                    }
                    feeds.push(feed);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        if !feeds.is_empty() {
            let read: Vec<String> = feeds
                .iter()
                .map(|feed| format!("{} ({} read)", feed.name, feed.read))
                .collect();
            problems.push(Problem::at(
                Position::file(read.join(", ")),
                CveAsk::NotImported,
            ));
        }
        return Err(Error::Invalid(Problems(problems)));
    }
    Ok(feeds)
}

/// What each file held, for the summary: a record left out when merging (rejected,
/// unusable) was not kept.
fn summaries(feeds: &[Feed], merged: &import::Merged) -> Vec<FeedSummary> {
    feeds
        .iter()
        .enumerate()
        .map(|(index, feed)| FeedSummary {
            name: feed.name.clone(),
            kind: feed.kind,
            read: feed.read,
            kept: (feed.records.len() + feed.kev.len())
                .saturating_sub(merged.left_out.get(index).copied().unwrap_or(0)),
            skipped: feed
                .skipped
                .iter()
                .map(|(why, skipped)| (why.clone(), skipped.clone()))
                .collect(),
        })
        .collect()
}
