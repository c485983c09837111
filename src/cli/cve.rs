//! `vmsaudit cve ...`: the known-vulnerability pack on the command line — what it knows
//! (`list`), which assets it affects and why (`match`, and `--apply` to make findings of
//! them), extending it from NVD and KEV files (`import`), and checking a pack file (`check`).
//! The pack, the matching and the import are `cve`'s; the files and commits `engagement`'s;
//! this module parses and prints.

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use jiff::Timestamp;
use serde::Serialize;

use super::auditor_override;
use super::findings_plan_inventory::write_saved;

use super::words::{fill, fill_all};
use crate::cve::apply::{by_cve, reason};
use crate::cve::import::ChangeKind;
use crate::cve::{CveMatches, Entry, Match, Pack, Range, uncovered};
use crate::engagement::{ENGAGEMENT_FILE, Outcome};
use crate::error::Error;
use crate::grid::Lang;
use crate::text::one_line;

#[derive(Debug, Subcommand)]
pub enum CveCommand {
    /// What the pack knows: its version and date, then each CVE with its vendor, CVSS score,
    /// KEV date, remote-takeover flag and title (with the engagement's imported entries when
    /// run in one)
    List {
        /// Only this vendor's CVEs (any name the pack knows it by: "Hangzhou Hikvision")
        #[arg(long)]
        vendor: Option<String>,
        /// Only the CVEs listed by CISA as exploited in the wild
        #[arg(long)]
        kev: bool,
        /// Print JSON for scripts instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Every asset of the inventory that a CVE affects, or may affect (to confirm), grouped
    /// by CVE, KEV-listed first, with the reason of each match
    Match {
        /// Print JSON for scripts instead of text
        #[arg(long)]
        json: bool,
        /// Turn the matches into findings: one per CVE affecting assets (UPD-02), or the
        /// assets added to the CVE's existing finding; running it again creates nothing
        #[arg(long, conflicts_with = "json")]
        apply: bool,
    },
    /// Extend the engagement's pack from NVD CVE JSON 2.0 feeds (.json, .json.gz or .zip) and
    /// the CISA KEV catalogue (JSON or CSV), brought as files; stored in cves/ and committed
    Import {
        /// nvdcve-2.0-*.json, known_exploited_vulnerabilities.json or .csv
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Check a pack file (the built-in one when no file is given), listing every problem;
    /// exits 2 when there is any
    Check { file: Option<PathBuf> },
}

pub fn run(here: &Path, command: CveCommand, now: Timestamp) -> anyhow::Result<ExitCode> {
    match command {
        CveCommand::List { vendor, kev, json } => list(here, vendor.as_deref(), kev, json),
        CveCommand::Match { json, apply: false } => show_matches(here, json),
        CveCommand::Match { apply: true, .. } => apply(here, now),
        CveCommand::Import { files } => import(here, &files, now),
        CveCommand::Check { file } => check(file.as_deref()),
    }
}

/// Whether `here` is in an engagement (the folder or one above it holds engagement.yaml).
fn in_engagement(here: &Path) -> bool {
    std::path::absolute(here).is_ok_and(|dir| {
        dir.ancestors()
            .any(|dir| dir.join(ENGAGEMENT_FILE).is_file())
    })
}

/// `9.8 (3.1, nvd)`, `9,8 (3.1, nvd)`: the score, the CVSS version and who scored it, as
/// `cve match` writes them. A version is not a decimal: `3.1` in both languages.
fn cvss_label(entry: &Entry, lang: Lang) -> String {
    format!(
        "{} ({}, {})",
        lang.decimal(&entry.cvss.vector.base_score().to_string()),
        entry.cvss.vector.version().as_str(),
        entry.cvss.source
    )
}

/// `lang`: an engagement's; without one, English with an ISO date.
fn pack_line(pack: &Pack, lang: Option<Lang>) -> String {
    let date = lang.map_or_else(
        || pack.pack.date.to_string(),
        |lang| lang.date(pack.pack.date),
    );
    let words = super::words::words(lang.unwrap_or(Lang::En));
    let kev = pack.entries.iter().filter(|e| e.kev.is_some()).count();
    let imported = pack.entries.iter().filter(|e| e.is_imported()).count();
    let imported = if imported > 0 {
        super::words::fill(words.pack_imported, imported)
    } else {
        String::new()
    };
    super::words::fill_all(
        words.pack_line,
        &[
            &one_line(&pack.pack.version),
            &date,
            &pack.entries.len(),
            &kev,
            &imported,
        ],
    )
}

#[derive(Serialize)]
struct PackView<'a> {
    version: &'a str,
    date: jiff::civil::Date,
    entries: usize,
    imported: usize,
}

fn pack_view(pack: &Pack) -> PackView<'_> {
    PackView {
        version: &pack.pack.version,
        date: pack.pack.date,
        entries: pack.entries.len(),
        imported: pack.entries.iter().filter(|e| e.is_imported()).count(),
    }
}

#[derive(Serialize)]
struct CvssView<'a> {
    vector: String,
    version: &'static str,
    source: &'a str,
    base_score: crate::assessment::CvssScore,
}

fn cvss_view(entry: &Entry) -> CvssView<'_> {
    CvssView {
        vector: entry.cvss.vector.to_string(),
        version: entry.cvss.vector.version().as_str(),
        source: entry.cvss.source.as_str(),
        base_score: entry.cvss.vector.base_score(),
    }
}

/// What `cve list --json` and `cve match --json` both say of an entry, first.
#[derive(Serialize)]
struct EntryHead<'a> {
    id: String,
    vendor: &'a str,
    title: &'a str,
    cvss: CvssView<'a>,
    kev: Option<jiff::civil::Date>,
    remote_takeover: bool,
}

fn entry_head(entry: &Entry, lang: Lang) -> EntryHead<'_> {
    EntryHead {
        id: entry.id.to_string(),
        vendor: &entry.vendor,
        title: entry.title(lang),
        cvss: cvss_view(entry),
        kev: entry.kev,
        remote_takeover: entry.remote_takeover,
    }
}

#[derive(Serialize)]
struct EntryView<'a> {
    #[serde(flatten)]
    head: EntryHead<'a>,
    published: jiff::civil::Date,
    cwe: Option<&'a str>,
    fix: &'a str,
    affected: &'a [Range],
    references: &'a [String],
    imported_from: &'a [String],
}

fn list(here: &Path, vendor: Option<&str>, kev_only: bool, json: bool) -> anyhow::Result<ExitCode> {
    let (pack, engagement_lang) = if in_engagement(here) {
        let engagement = super::load_engagement(here)?;
        (engagement.cve_pack()?, Some(super::lang::of(&engagement)))
    } else {
        (Pack::builtin()?, None)
    };
    let lang = engagement_lang.unwrap_or_else(super::lang::outside);
    let vendor_key = vendor.map(|name| vendor_key(&pack, name)).transpose()?;
    let shown: Vec<&Entry> = pack
        .entries
        .iter()
        .filter(|entry| vendor_key.as_deref().is_none_or(|key| entry.vendor == key))
        .filter(|entry| !kev_only || entry.kev.is_some())
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        list_json(&mut out, &pack, &shown, lang)?;
    } else {
        list_table(&mut out, &pack, &shown, engagement_lang, lang)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The pack's key for a vendor name the auditor gave, or which names it knows.
fn vendor_key(pack: &Pack, name: &str) -> Result<String, Error> {
    match pack.vendor(name) {
        Some(found) => Ok(found.key.to_owned()),
        None => Err(Error::from(crate::error::CveAsk::UnknownVendor {
            given: name.to_owned(),
            known: pack.vendors.keys().cloned().collect(),
        })),
    }
}

fn list_json(
    out: &mut impl Write,
    pack: &Pack,
    shown: &[&Entry],
    lang: Lang,
) -> anyhow::Result<()> {
    let entries: Vec<EntryView> = shown
        .iter()
        .map(|entry| EntryView {
            head: entry_head(entry, lang),
            published: entry.published,
            cwe: entry.cwe.as_deref(),
            fix: entry.fix.get(lang),
            affected: &entry.affected,
            references: &entry.references,
            imported_from: &entry.imported_from,
        })
        .collect();
    super::write_json(
        out,
        &serde_json::json!({ "pack": pack_view(pack), "entries": entries }),
    )?;
    Ok(())
}

/// `engagement_lang`: the engagement's, or none outside one (English words, ISO dates);
/// `lang`: the titles' language.
fn list_table(
    out: &mut impl Write,
    pack: &Pack,
    shown: &[&Entry],
    engagement_lang: Option<Lang>,
    lang: Lang,
) -> anyhow::Result<()> {
    writeln!(out, "{}", pack_line(pack, engagement_lang))?;
    writeln!(out)?;
    // The table's words, as the pack's line: English outside an engagement.
    let table_lang = engagement_lang.unwrap_or(Lang::En);
    let words = super::words::words(table_lang);
    if shown.is_empty() {
        writeln!(out, "{}", words.no_entry_matches)?;
        return Ok(());
    }
    let header = ["ID", words.col_vendor, "CVSS", "KEV", "!", words.col_title];
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|entry| {
            let marker = if entry.is_imported() { "*" } else { "" };
            vec![
                format!("{}{marker}", entry.id),
                entry.vendor.clone(),
                cvss_label(entry, table_lang),
                entry.kev.map_or_else(
                    || "—".to_owned(),
                    |date| engagement_lang.map_or_else(|| date.to_string(), |lang| lang.date(date)),
                ),
                if entry.remote_takeover { "[!]" } else { "" }.to_owned(),
                one_line(entry.title(lang)),
            ]
        })
        .collect();
    super::table::print(out, &header, &rows, &[])?;
    let kev = shown.iter().filter(|e| e.kev.is_some()).count();
    writeln!(
        out,
        "\n{}",
        super::words::fill_all(words.cve_list_legend, &[&shown.len(), &kev])
    )?;
    if shown.iter().any(|e| e.is_imported()) {
        writeln!(out, "{}", words.cve_list_imported)?;
    }
    Ok(())
}

/// One match in `cve match --json`: the sentences (`reason`, each range's `detail`) in the
/// engagement's language, for a person; their grounds (`why`) and the verdicts as stable
/// English values, for scripts.
#[derive(Serialize)]
struct MatchView<'a> {
    asset: &'a str,
    verdict: crate::cve::Verdict,
    reason: String,
    model: &'a str,
    firmware: Option<&'a str>,
    ranges: Vec<RangeView<'a>>,
}

#[derive(Serialize)]
struct RangeView<'a> {
    pattern: &'a str,
    verdict: crate::cve::Verdict,
    detail: String,
    why: &'a crate::cve::matching::RangeWhy,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_in: Option<&'a str>,
}

fn match_view<'a>(found: &'a Match, lang: Lang) -> MatchView<'a> {
    MatchView {
        asset: &found.asset.id,
        verdict: found.verdict,
        reason: found.trace().phrase(lang),
        model: &found.model,
        firmware: found.asset.firmware.as_deref(),
        ranges: found
            .ranges
            .iter()
            .map(|range| RangeView {
                pattern: &range.pattern,
                verdict: range.verdict,
                detail: range.why.phrase(lang),
                why: &range.why,
                fixed_in: range.fixed_in.as_deref(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct CveView<'a> {
    #[serde(flatten)]
    head: EntryHead<'a>,
    affected: Vec<MatchView<'a>>,
    unknown: Vec<MatchView<'a>>,
}

fn show_matches(here: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let lang = super::lang::of(&engagement);
    let pack = engagement.cve_pack()?;
    let assets = engagement.state().assets.as_slice();
    let grouped = by_cve(&pack, assets);
    let uncovered = uncovered(&pack, assets);
    let without_vendor: Vec<&str> = assets
        .iter()
        .filter(|asset| asset.vendor.as_deref().is_none_or(|v| v.trim().is_empty()))
        .map(|asset| asset.id.as_str())
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        let cves: Vec<CveView> = grouped
            .iter()
            .map(|group| CveView {
                head: entry_head(group.entry, lang),
                affected: group.affected.iter().map(|m| match_view(m, lang)).collect(),
                unknown: group.unknown.iter().map(|m| match_view(m, lang)).collect(),
            })
            .collect();
        let uncovered: Vec<&str> = uncovered.iter().map(|a| a.id.as_str()).collect();
        super::write_json(
            &mut out,
            &serde_json::json!({
                "pack": pack_view(&pack),
                "cves": cves,
                "vendor_not_covered": uncovered,
                "without_vendor": without_vendor,
            }),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let words = super::words::words(lang);
    writeln!(out, "{}", pack_line(&pack, Some(lang)))?;
    writeln!(out, "{}", match_summary(&grouped, assets.len(), words))?;
    for group in &grouped {
        print_group(&mut out, group, lang)?;
    }
    if grouped.is_empty() {
        writeln!(out, "\n{}", words.no_cve_match)?;
    }
    print_not_covered(&mut out, &uncovered, &without_vendor, words)?;
    if grouped.iter().any(|g| !g.affected.is_empty()) {
        writeln!(out, "\n{}", words.match_next)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `12 asset(s): 3 affected by 2 CVE(s), 4 more to confirm.`
fn match_summary(grouped: &[CveMatches], assets: usize, words: &super::words::Words) -> String {
    let affected: BTreeSet<&str> = grouped
        .iter()
        .flat_map(|g| g.affected.iter().map(|m| m.asset.id.as_str()))
        .collect();
    let unknown = grouped
        .iter()
        .flat_map(|g| g.unknown.iter().map(|m| m.asset.id.as_str()))
        .filter(|id| !affected.contains(id))
        .collect::<BTreeSet<_>>()
        .len();
    let with_affected = grouped.iter().filter(|g| !g.affected.is_empty()).count();
    super::words::fill_all(
        words.match_summary,
        &[&assets, &affected.len(), &with_affected, &unknown],
    )
}

/// One CVE: its id, KEV date, score and flag, its title, then each asset it affects or may
/// affect with the sentence the report gives about it.
fn print_group(out: &mut impl Write, group: &CveMatches, lang: Lang) -> std::io::Result<()> {
    let words = super::words::words(lang);
    let entry = group.entry;
    let kev = entry
        .kev
        .map_or_else(String::new, |date| format!("  KEV {}", lang.date(date)));
    let takeover = if entry.remote_takeover {
        format!("  {}", words.remote_takeover)
    } else {
        String::new()
    };
    writeln!(out)?;
    writeln!(
        out,
        "{}{kev}  CVSS {}{takeover}",
        entry.id,
        cvss_label(entry, lang)
    )?;
    writeln!(out, "  {}", one_line(entry.title(lang)))?;
    let label_width = words
        .affected
        .chars()
        .count()
        .max(words.to_confirm.chars().count());
    for found in group.affected.iter().chain(&group.unknown) {
        let label = match found.verdict {
            crate::cve::Verdict::Affected => words.affected,
            _ => words.to_confirm,
        };
        // The sentence starts with the asset's id: model, firmware, the affected versions.
        writeln!(out, "  {label:<label_width$}  {}", reason(found, lang))?;
    }
    Ok(())
}

/// `template` filled with how many `items` there are, then the items.
fn counted(template: &str, items: &[impl AsRef<str>]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    fill_all(template, &[&items.len(), &items.join(", ")])
}

/// The assets the pack cannot judge: a vendor it does not cover, or no vendor at all.
fn print_not_covered(
    out: &mut impl Write,
    uncovered: &[&crate::assessment::Asset],
    without_vendor: &[&str],
    words: &super::words::Words,
) -> std::io::Result<()> {
    if !uncovered.is_empty() {
        let list: Vec<String> = uncovered
            .iter()
            .map(|asset| {
                format!(
                    "{} ({})",
                    asset.id,
                    one_line(asset.vendor.as_deref().unwrap_or_default())
                )
            })
            .collect();
        writeln!(out, "\n{}", counted(words.vendor_not_covered, &list))?;
    }
    if !without_vendor.is_empty() {
        writeln!(out, "{}", counted(words.without_vendor, without_vendor))?;
    }
    Ok(())
}

fn apply(here: &Path, now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let lang = super::lang::of(&engagement);
    let words = super::words::words(lang);
    let applied = engagement.apply_cve_matches(None, &who, now)?;
    // Written, not printed: a reader that closed the pipe after the commits is no failure.
    let mut out = std::io::stdout().lock();
    let mut counts = [0; 3];
    for cve in &applied {
        if let Some(counted) = write_applied(&mut out, cve, lang)? {
            counts[counted] += 1;
        }
    }
    if applied.is_empty() {
        writeln!(out, "{}", words.apply_nothing)?;
    } else {
        let [created, updated, unchanged] = counts;
        writeln!(
            out,
            "\n{}",
            fill_all(words.apply_summary, &[&created, &updated, &unchanged])
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What `--apply` did for one CVE; which count it adds to (created, updated, up to date).
fn write_applied(
    out: &mut impl Write,
    cve: &crate::engagement::AppliedCve,
    lang: Lang,
) -> std::io::Result<Option<usize>> {
    let words = super::words::words(lang);
    let confirm = if cve.unknown.is_empty() {
        String::new()
    } else {
        fill_all(
            words.apply_to_confirm,
            &[&cve.unknown.len(), &cve.unknown.join(", ")],
        )
    };
    Ok(match &cve.outcome {
        Outcome::Created { finding, saved } => {
            write!(out, "{}{} ", cve.cve, words.colon)?;
            write_saved(out, saved, lang)?;
            writeln!(
                out,
                "{}",
                fill_all(
                    words.apply_created,
                    &[
                        finding,
                        &cve.affected.len(),
                        &cve.affected.join(", "),
                        &confirm
                    ]
                )
            )?;
            Some(0)
        }
        Outcome::AssetsAdded { finding, saved, .. } => {
            write!(
                out,
                "{}",
                fill_all(words.apply_updated, &[&cve.cve, finding])
            )?;
            write_saved(out, saved, lang)?;
            Some(1)
        }
        Outcome::UpToDate { finding } => {
            writeln!(
                out,
                "{}",
                fill_all(words.apply_up_to_date, &[&cve.cve, finding, &confirm])
            )?;
            Some(2)
        }
        Outcome::ConfirmOnly => {
            writeln!(
                out,
                "{}",
                fill_all(words.apply_confirm_only, &[&cve.cve, &confirm])
            )?;
            None
        }
    })
}

fn import(here: &Path, files: &[PathBuf], now: Timestamp) -> anyhow::Result<ExitCode> {
    let mut engagement = super::load_engagement(here)?;
    let who = engagement.auditor(auditor_override()?)?;
    let lang = super::lang::of(&engagement);
    let words = super::words::words(lang);
    let imported = if std::io::stderr().is_terminal() {
        let mut shown = Shown {
            words: Some(words),
            ..Shown::default()
        };
        let result = engagement.import_cves_with(files, &who, now, &mut |file, read| {
            shown.show(file, read);
        });
        shown.clear();
        result?
    } else {
        engagement.import_cves(files, &who, now)?
    };
    // Written, not printed: a reader that closed the pipe after the commit is no failure.
    let mut out = std::io::stdout().lock();
    write_feeds(&mut out, &imported.feeds, lang)?;
    write_changes(&mut out, &imported.merged, lang)?;
    write_saved(&mut out, &imported.saved, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// What each file held: records read, kept, and left out with why.
fn write_feeds(
    out: &mut impl Write,
    feeds: &[crate::engagement::FeedSummary],
    lang: Lang,
) -> std::io::Result<()> {
    use crate::cve::import::FeedKind;
    let words = super::words::words(lang);
    for feed in feeds {
        let (unit, kind) = match feed.kind {
            FeedKind::Nvd => (words.unit_records, words.feed_kinds[0]),
            FeedKind::KevJson => (words.unit_entries, words.feed_kinds[1]),
            FeedKind::KevCsv => (words.unit_entries, words.feed_kinds[2]),
            FeedKind::Empty => (words.unit_records, words.feed_kinds[3]),
        };
        writeln!(
            out,
            "{}",
            fill_all(
                words.import_feed,
                &[&one_line(&feed.name), &kind, &feed.read, &unit, &feed.kept]
            )
        )?;
        for (why, skipped) in &feed.skipped {
            writeln!(
                out,
                "{}{}",
                fill_all(
                    words.import_left_out_count,
                    &[&skipped.count, &super::cve_said::skip(why, lang)]
                ),
                super::cve_said::skipped_names(skipped, feed.kind, lang)
            )?;
        }
    }
    Ok(())
}

/// One line per CVE the import writes, what it changes in the engagement's language, then
/// the records left out and the warnings on the files.
fn write_changes(
    out: &mut impl Write,
    merged: &crate::cve::import::Merged,
    lang: Lang,
) -> std::io::Result<()> {
    let words = super::words::words(lang);
    for change in &merged.changes {
        let kind = match change.kind {
            ChangeKind::New => words.change_kinds[0],
            ChangeKind::OverridesBuiltin => words.change_kinds[1],
            ChangeKind::Updated => words.change_kinds[2],
        };
        let what: Vec<String> = change
            .what
            .iter()
            .map(|detail| super::cve_said::detail(detail, lang))
            .collect();
        writeln!(
            out,
            "{}",
            fill_all(
                words.change_line,
                &[
                    &change.id,
                    &kind,
                    &one_line(&what.join(words.detail_separator))
                ]
            )
        )?;
    }
    for skipped in &merged.skipped {
        writeln!(
            out,
            "{}",
            fill(
                words.import_left_out,
                super::cve_said::left_out(skipped, lang)
            )
        )?;
    }
    for older in &merged.warnings {
        let warning = super::cve_said::older_catalogue(older, lang);
        writeln!(out, "{}", fill(words.import_warning, warning))?;
    }
    if merged.kev_unknown > 0 {
        writeln!(out, "{}", fill(words.kev_unknown, merged.kev_unknown))?;
    }
    Ok(())
}

/// The import's progress on a terminal's standard error: one line, rewritten at most a few
/// times a second (a year feed has tens of thousands of records), cleared at the end so that
/// the summary on standard output stands alone.
#[derive(Default)]
struct Shown {
    last: Option<std::time::Instant>,
    file: String,
    width: usize,
    words: Option<&'static super::words::Words>,
}

impl Shown {
    fn show(&mut self, file: &str, read: usize) {
        let now = std::time::Instant::now();
        let due = self
            .last
            .is_none_or(|last| now.duration_since(last).as_millis() >= 200);
        if !due && file == self.file {
            return;
        }
        self.last = Some(now);
        file.clone_into(&mut self.file);
        let template = self
            .words
            .map_or("{}: {} record(s) read", |words| words.import_progress);
        let line = super::words::fill_all(template, &[&one_line(file), &read]);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line:<width$}", width = self.width);
        let _ = err.flush();
        self.width = self.width.max(line.chars().count());
    }

    fn clear(&self) {
        if self.width > 0 {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{:width$}\r", "", width = self.width);
            let _ = err.flush();
        }
    }
}

/// `cve check` speaks the language of the command line outside an engagement (`--lang`,
/// `VMSAUDIT_LANG`, the locale): a pack file is checked before any engagement uses it.
fn check(file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let lang = super::lang::outside();
    let (name, pack) = match file {
        Some(path) => {
            let text = crate::files::read_text(path, 16 * 1024 * 1024)?;
            let name = path.display().to_string();
            let pack = Pack::parse(&name, &text)?;
            (name, pack)
        }
        // Every check, not `Pack::builtin`'s fast read: this is the command that checks it.
        None => (
            crate::cve::pack::NAME.to_owned(),
            Pack::parse(crate::cve::pack::NAME, crate::cve::pack::SOURCE)?,
        ),
    };
    let words = super::words::words(lang);
    // English keeps ISO dates, as outside an engagement; the line without its "CVE pack".
    let line = pack_line(&pack, (lang == Lang::Fr).then_some(lang));
    let prefix = words.pack_line.split("{}").next().unwrap_or_default();
    let summary = line.strip_prefix(prefix).unwrap_or(&line);
    writeln!(
        std::io::stdout().lock(),
        "{}",
        fill_all(words.check_ok, &[&name, &summary])
    )?;
    Ok(ExitCode::SUCCESS)
}
