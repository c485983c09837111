//! Reading NVD CVE JSON 2.0 feeds and the CISA KEV catalogue (JSON or CSV) into pack
//! entries, and merging them with what the engagement already knows.
//!
//! Files are read as streams (an NVD year feed is hundreds of megabytes) and only what the
//! pack can use is kept: records whose CPE configuration names a vendor of the pack, or whose
//! id the pack already has, and KEV dates. From an NVD record:
//! - the CVSS 3.x vector: NVD's own ("Primary") 3.1, else its 3.0, else the CNA's (`vendor`
//!   when the CNA's address is the vendor's, `cna` otherwise), else CISA-ADP's;
//! - the CPE configurations of that vendor as ranges: `versionStartIncluding` → `from`,
//!   `versionStartExcluding` → `after`, `versionEndExcluding` → `before`,
//!   `versionEndIncluding` → `last_affected`, an exact version → `from` = `last_affected`,
//!   `*` without bounds → every version, `-` → unbounded. The model patterns are the CPE
//!   product read by [`cpe_patterns`] (catalog/README.md §2.5: option letters, `x`
//!   placeholders, NVD's typos reported); NVD's build-date bounds (`2021-7`) are written in
//!   the pack's shape (`2021-07`);
//! - `cisaExploitAdd` as the KEV date, the published date, the CWE, the references.
//!
//! A feed compressed as NVD distributes it (`.json.gz`, `.zip`) is decompressed on the way,
//! within bounds ([`read_feed_file`]). A file that is not valid JSON or CSV — truncated, or
//! not a feed at all — is refused with its place and how many records were read before it;
//! the engagement then writes nothing. Records that parse but cannot become an entry (no
//! CVSS 3.x vector, no CPE data naming a known vendor, rejected) are skipped and counted.
//!
//! Merging ([`merge`]): an imported record replaces the fields NVD gives (vector, ranges,
//! dates, references) of the entry with its id and keeps the pack's own texts and
//! remote-takeover judgement; the pack's ranges are kept when NVD gives no version bound at
//! all, since the pack then knows more, and so is any range of the entry that matched an
//! asset of the inventory NVD's ranges no longer match. KEV dates apply last. Pure apart from
//! [`read_feed_file`], which is given the open file.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{BufRead, Read};

use jiff::civil::Date;
use serde::Deserialize;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::matching::{Verdict, glob, judge, model_of};
use super::model::{NameNote, cpe_patterns};
use super::pack::{CvssSource, Entry, Pack, PackCvss, Range};
use super::version::Bound;
use crate::assessment::{Asset, CveId, CvssVector};
use crate::error::{FeedFlaw, Position, Problem};
use crate::grid::Text;
use crate::messages::JsonBreak;

/// NVD's own source identifier.
const NVD_SOURCE: &str = "nvd@nist.gov";
/// CISA's Authorized Data Publisher, as NVD records name it.
const CISA_ADP_SOURCE: &str = "134c704f-9b21-4f2e-91b3-4a467353bcc0";
/// Aliases that also name makers of unrelated products (catalog/README.md §1.2: Samsung
/// cameras are Hanwha's, Samsung phones are not): a record under such a name is only taken
/// when its product matches a model pattern the pack already has for that vendor.
const BROAD_ALIASES: [&str; 1] = ["samsung"];

/// What kind of file a feed is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    Nvd,
    KevJson,
    KevCsv,
    /// A JSON file whose `vulnerabilities` list is empty.
    Empty,
}

impl fmt::Display for FeedKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FeedKind::Nvd => "NVD CVE JSON 2.0 feed",
            FeedKind::KevJson => "CISA KEV catalogue (JSON)",
            FeedKind::KevCsv => "CISA KEV catalogue (CSV)",
            FeedKind::Empty => "empty feed",
        })
    }
}

/// One vector as an NVD record lists it.
#[derive(Debug, Clone)]
struct Vector {
    source: String,
    primary: bool,
    text: String,
}

/// What the pack can use of one NVD record.
#[derive(Debug, Clone)]
pub struct NvdRecord {
    pub id: CveId,
    /// 1-based place of the record in its file.
    pub position: usize,
    rejected: bool,
    published: Option<Date>,
    description: Option<String>,
    source_identifier: String,
    /// CVSS 3.1 vectors first, then 3.0, then 4.0, in the record's order.
    vectors: Vec<Vector>,
    cwe: Option<String>,
    kev: Option<Date>,
    /// The pack's vendor key named by the record's vulnerable CPEs, with the alias matched.
    vendor: Option<(String, String)>,
    /// Ranges from those CPEs (other vendors' are left out).
    ranges: Vec<Range>,
    /// CPE product names that could not be read as written (NVD's typos).
    notes: Vec<NameNote>,
    references: Vec<String>,
}

/// What one file gave.
#[derive(Debug, Clone)]
pub struct Feed {
    /// How messages name the file.
    pub name: String,
    /// How imported entries name it in `imported_from` (the file's name, by default `name`).
    pub source: String,
    pub kind: FeedKind,
    /// Records (NVD) or entries (KEV) read.
    pub read: usize,
    pub records: Vec<NvdRecord>,
    pub kev: Vec<(CveId, Date)>,
    /// Why records were left out, with how many and the first of them.
    pub skipped: BTreeMap<Skip, Skipped>,
    /// The KEV catalogue's release date, when the file gives it (JSON).
    pub released: Option<Date>,
}

impl Feed {
    fn new(name: &str) -> Feed {
        Feed {
            name: name.to_owned(),
            source: name.to_owned(),
            kind: FeedKind::Empty,
            read: 0,
            records: Vec::new(),
            kev: Vec::new(),
            skipped: BTreeMap::new(),
            released: None,
        }
    }

    /// The record at `position` (1-based) left out for `why`; `id` as the file writes it.
    fn skip(&mut self, why: Skip, position: usize, id: Option<&str>) {
        let skipped = self.skipped.entry(why).or_default();
        skipped.count += 1;
        if skipped.first.len() < NAMED {
            let id = id
                .map(|id| crate::text::excerpt(id, 40))
                .filter(|id| !id.is_empty());
            skipped.first.push((position, id));
        }
    }
}

/// How many of a file's records left out for one reason are named, the first ones: enough
/// to find them in the file, few enough that a year feed's thousands of other vendors'
/// records stay one line.
pub const NAMED: usize = 5;

/// The records of a file left out for one reason: how many, and the first [`NAMED`] of
/// them, each its place in the file (1-based) and its id as written, when it has one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    pub count: usize,
    pub first: Vec<(usize, Option<String>)>,
}

/// Why a record (or a KEV entry) was left out of an import: data, so that the front end
/// says it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// A KEV entry without a valid `cveID` and `dateAdded`.
    BadKevEntry,
    NeitherNvdNorKev,
    NoCveId,
    /// No CPE configuration yet (NVD has not analysed it), so no known vendor.
    NotAnalysed,
    VendorNotCovered,
    /// Rejected by NVD.
    Rejected,
    /// No CPE configuration names a vendor of the pack.
    NoVendorCpe,
    /// No CVSS 3.x or 4.0 vector (NVD, CNA or CISA-ADP).
    NoVector,
    NoPublished,
    /// The pack's checks refuse the entry made from it: each field's path and flaw.
    Refused(Vec<(String, crate::messages::PackFlaw)>),
}

/// A record read and kept but not applied: its file, its 1-based place, its id, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub file: String,
    pub position: usize,
    pub id: String,
    pub why: Skip,
}

/// Reads one feed file. `pack` is the engagement's pack: its vendors decide which records are
/// kept, its ids which are updated. The error is the file's problem at its place.
pub fn read_feed(name: &str, reader: impl BufRead, pack: &Pack) -> Result<Feed, Problem> {
    read_feed_with(name, reader, pack, &mut |_, _| {})
}

/// Told, as a file is read, its name and how many records (or KEV entries) were read so far.
pub type Progress<'a> = &'a mut dyn FnMut(&str, usize);

/// The most a compressed feed may decompress to. NVD's largest yearly 2.0 feed is well under
/// a gigabyte; more is not a feed NVD distributes.
pub const MAX_DECOMPRESSED: u64 = 2 << 30;
/// How many times its compressed size a feed may decompress to. NVD's JSON compresses some
/// fifteen to twenty-five times; a zip bomb, a thousand times and more.
pub const MAX_RATIO: u64 = 100;

/// Reads a feed file as NVD and CISA distribute it: JSON or CSV, or JSON compressed as
/// `.json.gz` or `.zip` (told by their first bytes, not by the name). A zip gives one feed
/// per JSON file it holds. What is decompressed is bounded ([`MAX_DECOMPRESSED`],
/// [`MAX_RATIO`]).
pub fn read_feed_file(
    name: &str,
    file: std::fs::File,
    pack: &Pack,
    progress: Progress,
) -> Result<Vec<Feed>, Problem> {
    let size = file
        .metadata()
        .map_err(|error| io_problem(name, &error))?
        .len();
    let mut reader = std::io::BufReader::new(file);
    let (gzip, zip) = {
        let head = reader
            .fill_buf()
            .map_err(|error| io_problem(name, &error))?;
        (
            head.starts_with(&[0x1f, 0x8b]),
            head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06"),
        )
    };
    if gzip {
        let decoder = flate2::bufread::MultiGzDecoder::new(reader);
        let read = std::cell::Cell::new(0_u64);
        let limited = Limited::new(decoder, size, &read);
        return read_feed_with(name, std::io::BufReader::new(limited), pack, progress)
            .map(|feed| vec![feed]);
    }
    if zip {
        return read_zip(name, reader.into_inner(), size, pack, progress);
    }
    read_feed_with(name, reader, pack, progress).map(|feed| vec![feed])
}

/// The JSON files of a zip archive, each read as a feed named `archive.zip:inner.json`.
fn read_zip(
    name: &str,
    file: std::fs::File,
    size: u64,
    pack: &Pack,
    progress: Progress,
) -> Result<Vec<Feed>, Problem> {
    let mut archive = zip::ZipArchive::new(file).map_err(|error| {
        Problem::at(
            Position::file(name),
            FeedFlaw::ZipIncomplete(error.to_string()),
        )
    })?;
    let mut feeds = Vec::new();
    let mut others = Vec::new();
    let read = std::cell::Cell::new(0_u64);
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|error| {
            Problem::at(
                Position::file(name),
                FeedFlaw::ZipEntry {
                    index,
                    detail: error.to_string(),
                },
            )
        })?;
        let inner = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if entry.is_dir() {
            continue;
        }
        if !inner.to_lowercase().ends_with(".json") {
            others.push(inner);
            continue;
        }
        let label = format!("{name}:{inner}");
        // The archive's own claim is checked first; the reader then holds the data to it.
        let declared = entry.size();
        if read.get().saturating_add(declared) > limit_for(size) {
            return Err(too_large(&label, declared, size));
        }
        let limited = Limited::new(entry, size, &read);
        let mut feed = read_feed_with(
            &label,
            std::io::BufReader::new(limited),
            pack,
            &mut *progress,
        )?;
        feed.source = format!(
            "{}:{}",
            std::path::Path::new(name)
                .file_name()
                .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned()),
            inner
        );
        feeds.push(feed);
    }
    if feeds.is_empty() {
        return Err(Problem::at(
            Position::file(name),
            FeedFlaw::ZipNoJson(others),
        ));
    }
    Ok(feeds)
}

/// What a compressed file of `size` bytes may decompress to.
fn limit_for(size: u64) -> u64 {
    MAX_DECOMPRESSED.min(size.saturating_mul(MAX_RATIO).max(1 << 20))
}

fn too_large(name: &str, bytes: u64, size: u64) -> Problem {
    Problem::at(
        Position::file(name),
        FeedFlaw::Bomb {
            mib: bytes >> 20,
            kib: size >> 10,
        },
    )
}

/// A reader that fails once more than its limit has come out of it: decompression stops
/// there, whatever the archive claims.
struct Limited<'c, R> {
    inner: R,
    /// Shared by the files of one archive: the bound is on the archive, not on each file.
    read: &'c std::cell::Cell<u64>,
    limit: u64,
    size: u64,
}

impl<'c, R: Read> Limited<'c, R> {
    fn new(inner: R, size: u64, read: &'c std::cell::Cell<u64>) -> Self {
        Limited {
            inner,
            read,
            limit: limit_for(size),
            size,
        }
    }
}

impl<R: Read> Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        if self.read.get() > self.limit {
            return Err(std::io::Error::other(format!(
                "decompresses to more than {} MiB from {} KiB, {MAX_RATIO} times its size at most: refused, this is not a feed NVD distributes (a zip bomb?)",
                self.limit >> 20,
                self.size >> 10
            )));
        }
        Ok(n)
    }
}

/// [`read_feed`], telling `progress` how far it got.
pub fn read_feed_with(
    name: &str,
    mut reader: impl BufRead,
    pack: &Pack,
    progress: Progress,
) -> Result<Feed, Problem> {
    // The first significant byte tells JSON from CSV; a UTF-8 BOM is skipped.
    let first = loop {
        let buffer = reader
            .fill_buf()
            .map_err(|error| io_problem(name, &error))?;
        let Some(&byte) = buffer.first() else {
            break None;
        };
        if byte.is_ascii_whitespace() {
            reader.consume(1);
        } else if buffer.starts_with(&[0xEF, 0xBB, 0xBF]) {
            reader.consume(3);
        } else {
            break Some(byte);
        }
    };
    match first {
        None => Err(Problem::at(Position::file(name), FeedFlaw::Empty)),
        Some(b'{') => read_json(name, reader, pack, progress),
        Some(_) => {
            let head = reader
                .fill_buf()
                .map_err(|error| io_problem(name, &error))?;
            let head = &head[..head.len().min(4096)];
            // Cut inside a character at the end of the buffer is still text.
            let binary = head.contains(&0)
                || std::str::from_utf8(head).is_err_and(|error| error.error_len().is_some());
            if binary {
                return Err(Problem::at(Position::file(name), FeedFlaw::Binary));
            }
            read_kev_csv(name, reader, progress)
        }
    }
}

fn io_problem(name: &str, error: &std::io::Error) -> Problem {
    Problem::at(
        Position::file(name),
        FeedFlaw::Unreadable(error.to_string()),
    )
}

// ───────────────────────────── JSON ─────────────────────────────

#[derive(Deserialize)]
struct Item {
    cve: Option<NvdCve>,
    #[serde(rename = "cveID")]
    cve_id: Option<String>,
    #[serde(rename = "dateAdded")]
    date_added: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NvdCve {
    id: String,
    source_identifier: String,
    published: String,
    vuln_status: String,
    descriptions: Vec<LangValue>,
    metrics: NvdMetrics,
    cisa_exploit_add: Option<String>,
    weaknesses: Vec<Weakness>,
    configurations: Vec<Configuration>,
    references: Vec<Reference>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LangValue {
    lang: String,
    value: String,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct NvdMetrics {
    cvss_metric_v31: Vec<Metric>,
    cvss_metric_v30: Vec<Metric>,
    cvss_metric_v40: Vec<Metric>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Metric {
    source: String,
    #[serde(rename = "type")]
    kind: String,
    cvss_data: CvssData,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct CvssData {
    vector_string: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Weakness {
    source: String,
    #[serde(rename = "type")]
    kind: String,
    description: Vec<LangValue>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Configuration {
    nodes: Vec<ConfigNode>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ConfigNode {
    negate: bool,
    cpe_match: Vec<CpeMatch>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct CpeMatch {
    vulnerable: bool,
    criteria: String,
    version_start_including: Option<String>,
    version_start_excluding: Option<String>,
    version_end_including: Option<String>,
    version_end_excluding: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Reference {
    url: String,
}

/// Receives the items of `vulnerabilities` one at a time, so a truncated file still says
/// how far it got.
struct Sink<'a> {
    feed: Feed,
    pack: &'a Pack,
    /// The KEV catalogue's own count, to check against what was read.
    count: Option<usize>,
    last_id: Option<String>,
    progress: Progress<'a>,
}

impl Sink<'_> {
    fn take(&mut self, item: Item) {
        self.feed.read += 1;
        let position = self.feed.read;
        (self.progress)(&self.feed.name, position);
        match (item.cve, item.cve_id) {
            (Some(cve), _) => {
                self.feed.kind = FeedKind::Nvd;
                self.last_id = Some(cve.id.clone());
                self.take_nvd(cve, position);
            }
            (None, Some(id)) => {
                self.feed.kind = FeedKind::KevJson;
                self.last_id = Some(id.clone());
                match (
                    id.trim().parse::<CveId>(),
                    item.date_added.as_deref().map(str::parse::<Date>),
                ) {
                    (Ok(parsed), Some(Ok(date))) => self.feed.kev.push((parsed, date)),
                    _ => self.feed.skip(Skip::BadKevEntry, position, Some(&id)),
                }
            }
            (None, None) => self.feed.skip(Skip::NeitherNvdNorKev, position, None),
        }
    }

    fn take_nvd(&mut self, cve: NvdCve, position: usize) {
        let Ok(id) = cve.id.trim().parse::<CveId>() else {
            self.feed.skip(Skip::NoCveId, position, Some(&cve.id));
            return;
        };
        let known = self.pack.entry(&id).is_some();
        let CpeRanges {
            vendor,
            ranges,
            notes,
        } = cpe_ranges(&cve.configurations, self.pack);
        if vendor.is_none() && !known {
            // The bulk of a year feed: other vendors' products. Dropped at once.
            let why = if cve.configurations.is_empty() {
                Skip::NotAnalysed
            } else {
                Skip::VendorNotCovered
            };
            self.feed.skip(why, position, Some(&id.to_string()));
            return;
        }
        let mut vectors = Vec::new();
        for list in [
            &cve.metrics.cvss_metric_v31,
            &cve.metrics.cvss_metric_v30,
            &cve.metrics.cvss_metric_v40,
        ] {
            for metric in list {
                vectors.push(Vector {
                    source: metric.source.clone(),
                    primary: metric.kind.eq_ignore_ascii_case("primary"),
                    text: metric.cvss_data.vector_string.clone(),
                });
            }
        }
        let english = |values: &[LangValue]| {
            values
                .iter()
                .find(|value| value.lang == "en")
                .map(|value| value.value.trim().to_owned())
        };
        let cwe_of = |weakness: &Weakness| {
            english(&weakness.description).filter(|cwe| {
                cwe.strip_prefix("CWE-")
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
        };
        // NVD's own weakness when it names one, else the CNA's.
        let cwe = cve
            .weaknesses
            .iter()
            .filter(|w| w.source == NVD_SOURCE && w.kind.eq_ignore_ascii_case("primary"))
            .chain(cve.weaknesses.iter())
            .find_map(cwe_of);
        let date = |text: &str| text.get(..10).and_then(|day| day.parse::<Date>().ok());
        let mut references: Vec<String> = Vec::new();
        for reference in &cve.references {
            let url = reference.url.trim();
            if (url.starts_with("https://") || url.starts_with("http://"))
                && !references.iter().any(|known| known == url)
            {
                references.push(url.to_owned());
            }
        }
        self.feed.records.push(NvdRecord {
            id,
            position,
            rejected: cve.vuln_status.eq_ignore_ascii_case("rejected"),
            published: date(&cve.published),
            description: english(&cve.descriptions).filter(|text| !text.is_empty()),
            source_identifier: cve.source_identifier,
            vectors,
            cwe,
            kev: cve.cisa_exploit_add.as_deref().and_then(date),
            vendor,
            ranges,
            notes,
            references,
        });
    }
}

struct ItemsSeed<'s, 'p>(&'s mut Sink<'p>);

impl<'de> DeserializeSeed<'de> for ItemsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ItemsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of CVE records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Item>()? {
            self.0.take(item);
        }
        Ok(())
    }
}

struct FeedSeed<'s, 'p>(&'s mut Sink<'p>);

impl<'de> DeserializeSeed<'de> for FeedSeed<'_, '_> {
    type Value = bool;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeedSeed<'_, '_> {
    /// Whether the file had a `vulnerabilities` list.
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an NVD feed or the KEV catalogue: an object with a `vulnerabilities` list")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "vulnerabilities" => {
                    map.next_value_seed(ItemsSeed(self.0))?;
                    found = true;
                }
                "count" => self.0.count = map.next_value::<Option<usize>>()?,
                // The KEV catalogue's release: `2025-02-05T15:01:41.1234Z`.
                "dateReleased" => {
                    let text = map.next_value::<Option<String>>()?.unwrap_or_default();
                    self.0.feed.released = text.get(..10).and_then(|day| day.parse().ok());
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}

fn read_json(
    name: &str,
    reader: impl Read,
    pack: &Pack,
    progress: Progress,
) -> Result<Feed, Problem> {
    let mut sink = Sink {
        feed: Feed::new(name),
        pack,
        count: None,
        last_id: None,
        progress,
    };
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let result = FeedSeed(&mut sink)
        .deserialize(&mut deserializer)
        .and_then(|found| deserializer.end().map(|()| found));
    let read = sink.feed.read;
    match result {
        Ok(true) => {}
        Ok(false) => {
            return Err(Problem::at(Position::file(name), FeedFlaw::NotAFeed));
        }
        Err(error) => {
            let how = match error.classify() {
                serde_json::error::Category::Eof => JsonBreak::Eof,
                serde_json::error::Category::Io
                    if error.io_error_kind() == Some(std::io::ErrorKind::UnexpectedEof) =>
                {
                    JsonBreak::CompressedEof
                }
                serde_json::error::Category::Io => JsonBreak::Io(error.to_string()),
                serde_json::error::Category::Data => JsonBreak::WrongKind,
                serde_json::error::Category::Syntax => JsonBreak::Invalid(error.to_string()),
            };
            return Err(Problem::at(
                Position::new(name, error.line() as u64, error.column() as u64),
                FeedFlaw::Broken {
                    how,
                    read,
                    last: sink.last_id.clone(),
                },
            ));
        }
    }
    if let Some(count) = sink.count
        && count != read
        && sink.feed.kind == FeedKind::KevJson
    {
        return Err(Problem::at(
            Position::file(name),
            FeedFlaw::CountMismatch {
                said: count,
                has: read,
            },
        ));
    }
    Ok(sink.feed)
}

// ───────────────────────────── KEV CSV ─────────────────────────────

fn read_kev_csv(name: &str, reader: impl Read, progress: Progress) -> Result<Feed, Problem> {
    let mut feed = Feed::new(name);
    feed.kind = FeedKind::KevCsv;
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(reader);
    let not_kev = |flaw: FeedFlaw| Problem::at(Position::new(name, 1, 0), flaw);
    let headers = csv
        .headers()
        .map_err(|error| not_kev(FeedFlaw::NotCsv(error.to_string())))?
        .clone();
    let column = |wanted: &str| {
        headers
            .iter()
            .position(|header| header.trim().eq_ignore_ascii_case(wanted))
    };
    let (Some(id_at), Some(date_at)) = (column("cveID"), column("dateAdded")) else {
        let missing: Vec<String> = ["cveID", "dateAdded"]
            .into_iter()
            .filter(|wanted| column(wanted).is_none())
            .map(str::to_owned)
            .collect();
        return Err(not_kev(FeedFlaw::NoColumns(missing)));
    };
    for row in csv.records() {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                let line = error.position().map_or(0, csv::Position::line);
                return Err(Problem::at(
                    Position::new(name, line, 0),
                    FeedFlaw::BadRow {
                        detail: error.to_string(),
                        read: feed.read,
                    },
                ));
            }
        };
        let line = row.position().map_or(0, csv::Position::line);
        feed.read += 1;
        progress(name, feed.read);
        let id = row.get(id_at).unwrap_or_default().trim();
        let date = row.get(date_at).unwrap_or_default().trim();
        match (id.parse::<CveId>(), date.parse::<Date>()) {
            (Ok(id), Ok(date)) => feed.kev.push((id, date)),
            _ => {
                return Err(Problem::at(
                    Position::new(name, line, 0),
                    FeedFlaw::BadValues {
                        id: id.to_owned(),
                        date: date.to_owned(),
                    },
                ));
            }
        }
    }
    Ok(feed)
}

// ───────────────────────────── CPE → ranges ─────────────────────────────

/// The parts of a CPE 2.3 name, `\` escapes undone.
fn cpe_parts(criteria: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = criteria.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ':' => parts.push(std::mem::take(&mut current)),
            other => current.push(other),
        }
    }
    parts.push(current);
    parts
}

/// NVD's build-date bounds in the pack's shape: `2021-7` → `2021-07`; other strings as given.
fn pack_bound(text: &str) -> String {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |part: &&str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [year, rest @ ..]
            if year.len() == 4
                && (1..=2).contains(&rest.len())
                && parts.iter().all(digits)
                && rest.iter().all(|part| part.len() <= 2) =>
        {
            let padded: Vec<String> = rest.iter().map(|part| format!("{part:0>2}")).collect();
            let candidate = format!("{year}-{}", padded.join("-"));
            match Bound::parse(&candidate) {
                Some(Bound::Date { .. }) => candidate,
                _ => text.to_owned(),
            }
        }
        _ => text.to_owned(),
    }
}

/// What a record's CPE configurations give the pack.
#[derive(Debug, Default)]
struct CpeRanges {
    /// The vendor of the record's vulnerable CPEs that the pack knows (the first one), with
    /// the alias matched.
    vendor: Option<(String, String)>,
    /// The ranges of its CPEs, grouped by identical bounds.
    ranges: Vec<Range>,
    /// Product names that could not be read as written (`model::cpe_patterns`).
    notes: Vec<NameNote>,
}

/// The ranges of a record's vulnerable CPEs of one vendor of the pack, their product names
/// read as model patterns by [`cpe_patterns`].
fn cpe_ranges(configurations: &[Configuration], pack: &Pack) -> CpeRanges {
    let mut vendor: Option<(String, String)> = None;
    let mut ranges: Vec<Range> = Vec::new();
    let mut notes: Vec<NameNote> = Vec::new();
    for configuration in configurations {
        // Read only for a record of a vendor of the pack: most of a year feed is not.
        let mut hardware: Option<Vec<(&str, Vec<String>)>> = None;
        for cpe in configuration
            .nodes
            .iter()
            .filter(|node| !node.negate)
            .flat_map(|node| &node.cpe_match)
            .filter(|cpe| cpe.vulnerable)
        {
            let parts = cpe_parts(&cpe.criteria);
            let (Some(cpe_vendor), Some(product), Some(version)) =
                (parts.get(3), parts.get(4), parts.get(5))
            else {
                continue;
            };
            let Some(found) = pack_vendor(pack, cpe_vendor) else {
                continue;
            };
            if vendor.as_ref().is_some_and(|(key, _)| key != found.key) {
                continue;
            }
            let aliases = pack.vendors.get(found.key).map_or(&[][..], Vec::as_slice);
            let read = cpe_patterns(found.key, aliases, product);
            // A system that runs on a list of devices and names none of them
            // (`intercom_broadcast_system` on `ds-kh6320-wte1`...): the devices' models are
            // what an inventory holds. Its versions number the system, not the devices'
            // firmware, so those models are to confirm (an unbounded range).
            let devices: Vec<&Vec<String>> = hardware
                .get_or_insert_with(|| hardware_of(configuration, pack))
                .iter()
                .filter(|(key, _)| *key == found.key)
                .map(|(_, patterns)| patterns)
                .collect();
            let mut models: Vec<String> = Vec::new();
            for pattern in devices.iter().copied().flatten() {
                if !models.contains(pattern) {
                    models.push(pattern.clone());
                }
            }
            // Named inside one another, whatever NVD wrote before (`dh-hcvr4xxx_firmware` on
            // `ddh-hcvr4xxx`): the firmware of those models, read as usual.
            let within = |pattern: &str, name: &str| {
                glob(&format!("*{pattern}"), name.trim_end_matches('*'))
            };
            let runs_on = !models.is_empty()
                && !read.patterns.iter().any(|pattern| {
                    models
                        .iter()
                        .any(|model| within(pattern, model) || within(model, pattern))
                });
            if BROAD_ALIASES.contains(&found.alias) && !known_model(pack, found.key, &read.patterns)
            {
                continue;
            }
            for note in read.notes {
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
            if vendor.is_none() {
                vendor = Some((found.key.to_owned(), found.alias.to_owned()));
            }
            if runs_on {
                let note = NameNote::RunsOn {
                    name: product.clone(),
                    models: devices.len(),
                };
                if !notes.contains(&note) {
                    notes.push(note);
                }
                add_range(
                    &mut ranges,
                    Range {
                        products: models,
                        ..Range::default()
                    },
                );
            }
            add_range(&mut ranges, cpe_range(cpe, version, read.patterns));
        }
    }
    drop_unreadable_bounds(&mut ranges);
    if vendor.is_none() {
        ranges.clear();
        notes.clear();
    }
    CpeRanges {
        vendor,
        ranges,
        notes,
    }
}

/// The pack's vendor of a CPE's vendor part (`hikvision`, `axis_communications`).
fn pack_vendor<'p>(pack: &'p Pack, cpe_vendor: &str) -> Option<super::pack::VendorMatch<'p>> {
    pack.vendor(cpe_vendor)
        .or_else(|| pack.vendor(&cpe_vendor.replace('_', " ")))
}

/// The hardware a configuration's vulnerable CPEs run on (`cpe:2.3:h:`, not vulnerable
/// themselves), as the pack's vendor key and the model patterns of each.
fn hardware_of<'p>(configuration: &Configuration, pack: &'p Pack) -> Vec<(&'p str, Vec<String>)> {
    configuration
        .nodes
        .iter()
        .filter(|node| !node.negate)
        .flat_map(|node| &node.cpe_match)
        .filter(|cpe| !cpe.vulnerable)
        .filter_map(|cpe| {
            let parts = cpe_parts(&cpe.criteria);
            if parts.get(2).map(String::as_str) != Some("h") {
                return None;
            }
            let found = pack_vendor(pack, parts.get(3)?)?;
            let aliases = pack.vendors.get(found.key).map_or(&[][..], Vec::as_slice);
            let read = cpe_patterns(found.key, aliases, parts.get(4)?);
            // A device kind (`camera`) is no list of models.
            (read.patterns != ["*"]).then_some((found.key, read.patterns))
        })
        .collect()
}

/// Whether one of `patterns` names a model the pack already has for `vendor`: a record under
/// a broad alias (Samsung) is only taken then.
fn known_model(pack: &Pack, vendor: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|pattern| {
        let bare = pattern.trim_end_matches('*');
        pack.entries
            .iter()
            .filter(|entry| entry.vendor == vendor)
            .flat_map(|entry| &entry.affected)
            .flat_map(|range| &range.products)
            .any(|known| glob(known, bare))
    })
}

/// One vulnerable CPE as a range: `-` unbounded, `*` with NVD's bounds (none: every
/// version), an exact version as both bounds.
fn cpe_range(cpe: &CpeMatch, version: &str, products: Vec<String>) -> Range {
    let bound = |text: &Option<String>| text.as_deref().map(pack_bound);
    let mut range = Range {
        products,
        ..Range::default()
    };
    match version {
        "-" => {}
        "*" | "" => {
            range.from = bound(&cpe.version_start_including);
            range.after = bound(&cpe.version_start_excluding);
            range.before = bound(&cpe.version_end_excluding);
            range.last_affected = bound(&cpe.version_end_including);
            if range.from.is_none()
                && range.after.is_none()
                && range.before.is_none()
                && range.last_affected.is_none()
            {
                range.all_versions = Some(true);
            }
        }
        exact => {
            range.from = Some(exact.to_owned());
            range.last_affected = Some(exact.to_owned());
        }
    }
    range
}

/// A bound NVD writes that the pack's parser cannot read would make the entry invalid: such
/// a range says nothing the pack can compare, so it becomes unbounded (unknown).
fn drop_unreadable_bounds(ranges: &mut [Range]) {
    for range in ranges {
        let readable = [
            &range.from,
            &range.after,
            &range.before,
            &range.last_affected,
        ]
        .into_iter()
        .flatten()
        .all(|text| Bound::parse(text).is_some());
        if !readable {
            range.from = None;
            range.after = None;
            range.before = None;
            range.last_affected = None;
        }
    }
}

/// Adds `range` to `ranges`, its products joining a range with the same bounds.
fn add_range(ranges: &mut Vec<Range>, range: Range) {
    let same_bounds = |known: &Range| {
        known.from == range.from
            && known.after == range.after
            && known.before == range.before
            && known.last_affected == range.last_affected
            && known.all_versions == range.all_versions
    };
    match ranges.iter_mut().find(|known| same_bounds(known)) {
        Some(known) => {
            for pattern in range.products {
                if !known.products.contains(&pattern) {
                    known.products.push(pattern);
                }
            }
        }
        None => ranges.push(range),
    }
}

// ───────────────────────────── merging ─────────────────────────────

/// What an import changes in the engagement.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    /// The engagement's imported entries to write (new or changed), by id.
    pub entries: Vec<Entry>,
    /// One line per CVE touched, in the order met.
    pub changes: Vec<Change>,
    /// Records kept but not usable, in the order of the files.
    pub skipped: Vec<LeftOut>,
    /// CVEs named by the KEV files that the pack does not have (each counted once, however
    /// many files name it).
    pub kev_unknown: usize,
    /// Per feed, in the order given: its records that were read and kept but could not be
    /// applied (they are in `skipped`), so that a summary does not count them as kept.
    pub left_out: Vec<usize>,
    /// KEV catalogues older than the pack's own KEV dates.
    pub warnings: Vec<OlderCatalogue>,
}

/// A KEV catalogue older than the pack's own KEV dates: CVEs listed since are missing from
/// it. As data; the command line phrases it in the engagement's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OlderCatalogue {
    pub file: String,
    /// The catalogue's release date when the file gives it (JSON), else its newest
    /// `dateAdded` (CSV): `released` says which.
    pub age: Date,
    pub released: bool,
    /// The pack's newest KEV listing: the CVE, and its date.
    pub newest: CveId,
    pub newest_listed: Date,
}

impl fmt::Display for OlderCatalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.released {
            "released"
        } else {
            "newest entry added"
        };
        write!(
            f,
            "{}: this KEV catalogue ({what} {}) is older than the pack's own KEV dates ({} listed {}): CVEs listed since are missing from it; download the current catalogue from CISA",
            self.file, self.age, self.newest, self.newest_listed
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: CveId,
    pub kind: ChangeKind,
    /// What changed, as data (the command line phrases it in the engagement's language).
    pub what: Vec<Detail>,
}

/// One thing an import says about an entry it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// A new entry: its vendor key and title (NVD's words).
    New {
        vendor: String,
        title: String,
    },
    /// The score and source of the vector; `was` for an entry the engagement had.
    Cvss {
        score: crate::assessment::CvssScore,
        source: CvssSource,
        was: Option<(crate::assessment::CvssScore, CvssSource)>,
    },
    /// How many ranges; `was` for an entry the engagement had (then they come from NVD).
    Ranges {
        count: usize,
        was: Option<usize>,
    },
    /// Model patterns NVD's ranges add or no longer have, lowercase: at most eight shown
    /// (`more` says how many others).
    PatternsAdded {
        shown: Vec<String>,
        more: usize,
    },
    PatternsRemoved {
        shown: Vec<String>,
        more: usize,
    },
    /// The KEV date, and the one before.
    Kev {
        date: Option<Date>,
        was: Option<Date>,
    },
    Published(Date),
    Cwe(Option<String>),
    ReferencesAdded(usize),
    /// Earlier ranges kept beside NVD's (their patterns), without which these assets would
    /// drop out of the matches: id, model as written, verdict before.
    KeptRanges {
        patterns: Vec<String>,
        assets: Vec<(String, String, Verdict)>,
    },
    /// NVD gives no version: the entry's ranges stay.
    RangesKeptWithoutVersion,
    /// A CPE product name of the record not read as written.
    Name(NameNote),
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let listed = |shown: &[String], more: &usize| {
            let mut text = shown
                .iter()
                .map(|item| format!("\"{item}\""))
                .collect::<Vec<_>>()
                .join(", ");
            if *more > 0 {
                text.push_str(&format!(" and {more} more"));
            }
            text
        };
        match self {
            Detail::New { vendor, title } => write!(f, "{vendor}: \"{title}\""),
            Detail::Cvss { score, source, was } => match was {
                Some((was, was_source)) => {
                    write!(f, "CVSS {score} ({source}), was {was} ({was_source})")
                }
                None => write!(f, "CVSS {score} ({source})"),
            },
            Detail::Ranges { count, was } => match was {
                Some(was) => write!(f, "{count} range(s) from NVD, was {was}"),
                None => write!(f, "{count} range(s)"),
            },
            Detail::PatternsAdded { shown, more } => {
                write!(f, "patterns added: {}", listed(shown, more))
            }
            Detail::PatternsRemoved { shown, more } => {
                write!(f, "patterns removed: {}", listed(shown, more))
            }
            Detail::Kev { date, was } => match (date, was) {
                (Some(date), None) => write!(f, "KEV {date}"),
                (Some(date), Some(was)) => write!(f, "KEV {date}, was {was}"),
                (None, _) => f.write_str("KEV date removed"),
            },
            Detail::Published(date) => write!(f, "published {date}"),
            Detail::Cwe(cwe) => f.write_str(cwe.as_deref().unwrap_or("no CWE")),
            Detail::ReferencesAdded(count) => write!(f, "{count} reference(s) added"),
            Detail::KeptRanges { patterns, assets } => {
                let patterns: Vec<String> =
                    patterns.iter().map(|one| format!("\"{one}\"")).collect();
                let assets: Vec<String> = assets
                    .iter()
                    .map(|(id, model, was)| format!("{id} \"{model}\" ({})", was.as_str()))
                    .collect();
                write!(
                    f,
                    "kept the previous range(s) of {} beside NVD's, without which {} would drop out of the matches",
                    patterns.join(", "),
                    assets.join(", ")
                )
            }
            Detail::RangesKeptWithoutVersion => f.write_str("ranges kept (NVD gives no version)"),
            Detail::Name(note) => note.fmt(f),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A CVE the pack did not have.
    New,
    /// An entry of the built-in pack, now overridden by the engagement's copy.
    OverridesBuiltin,
    /// An entry the engagement had imported before.
    Updated,
}

/// Applies `feeds` (in order, NVD records first, then KEV dates) to `current`, the
/// engagement's pack (built-in entries and earlier imports). Returns the imported entries
/// that differ from what the engagement holds. `assets` is the inventory: an import never
/// makes an entry stop matching one of them (see [`update_entry`]).
pub fn merge(current: &Pack, feeds: &[Feed], assets: &[Asset]) -> Merged {
    let mut merged = Merged::default();
    let mut working = Working::default();
    merged.left_out = feeds
        .iter()
        .map(|feed| working.take_records(feed, current, assets, &mut merged.skipped))
        .collect();
    let mut unknown: BTreeSet<String> = BTreeSet::new();
    for feed in feeds {
        if let Some(warning) = older_catalogue(current, feed) {
            merged.warnings.push(warning);
        }
        working.take_kev(feed, current, &mut unknown);
    }
    merged.kev_unknown = unknown.len();
    working.into_changes(current, &mut merged);
    merged
}

/// The entries as an import leaves them, by id, with what it says of each and the order in
/// which they were met.
#[derive(Default)]
struct Working {
    entries: BTreeMap<String, Entry>,
    notes: BTreeMap<String, Vec<Detail>>,
    order: Vec<CveId>,
}

impl Working {
    /// The entry with this id as the import has it so far, else the engagement's.
    fn entry(&self, id: &CveId, current: &Pack) -> Option<Entry> {
        self.entries
            .get(&id.to_string())
            .cloned()
            .or_else(|| current.entry(id).cloned())
    }

    fn keep(&mut self, entry: Entry) {
        if !self.order.contains(&entry.id) {
            self.order.push(entry.id.clone());
        }
        self.entries.insert(entry.id.to_string(), entry);
    }

    /// One file's NVD records: each updates its entry or makes a new one, or is left out
    /// with why (in `skipped`). Returns how many were left out.
    fn take_records(
        &mut self,
        feed: &Feed,
        current: &Pack,
        assets: &[Asset],
        skipped: &mut Vec<LeftOut>,
    ) -> usize {
        let mut left_out = 0;
        for record in &feed.records {
            let skip = |why: Skip| LeftOut {
                file: feed.name.clone(),
                position: record.position,
                id: record.id.to_string(),
                why,
            };
            let result = if record.rejected {
                Err(Skip::Rejected)
            } else {
                match self.entry(&record.id, current) {
                    Some(base) => Ok(update_entry(base, record, &feed.source, current, assets)),
                    None => {
                        new_entry(record, &feed.source, current).map(|entry| (entry, Vec::new()))
                    }
                }
            };
            let checked = result.and_then(|(entry, what)| {
                let problems = current.check_imported(&entry);
                if problems.is_empty() {
                    Ok((entry, what))
                } else {
                    Err(Skip::Refused(problems))
                }
            });
            match checked {
                Ok((entry, mut what)) => {
                    what.extend(record.notes.iter().cloned().map(Detail::Name));
                    self.notes
                        .entry(record.id.to_string())
                        .or_default()
                        .append(&mut what);
                    self.keep(entry);
                }
                Err(why) => {
                    skipped.push(skip(why));
                    left_out += 1;
                }
            }
        }
        left_out
    }

    /// One file's KEV dates, on the entries the pack has; the others are `unknown`.
    fn take_kev(&mut self, feed: &Feed, current: &Pack, unknown: &mut BTreeSet<String>) {
        for (id, date) in &feed.kev {
            let Some(mut entry) = self.entry(id, current) else {
                unknown.insert(id.to_string());
                continue;
            };
            if entry.kev != Some(*date) {
                entry.kev = Some(*date);
                add_source(&mut entry, &feed.source);
                self.keep(entry);
            }
        }
    }

    /// The entries that differ from the engagement's, each with the line saying how.
    fn into_changes(mut self, current: &Pack, merged: &mut Merged) {
        for id in std::mem::take(&mut self.order) {
            let key = id.to_string();
            let Some(entry) = self.entries.remove(&key) else {
                continue;
            };
            let before = current.entry(&id);
            // The same data from one more file is no change: nothing to write.
            let same_data = before.is_some_and(|before| {
                let mut unchanged = entry.clone();
                unchanged.imported_from = before.imported_from.clone();
                *before == unchanged
            });
            if same_data {
                continue;
            }
            let kind = match before {
                None => ChangeKind::New,
                Some(known) if known.is_imported() => ChangeKind::Updated,
                Some(_) => ChangeKind::OverridesBuiltin,
            };
            let mut what = match before {
                Some(before) => differences(before, &entry),
                None => describe_new(&entry),
            };
            what.extend(self.notes.remove(&key).unwrap_or_default());
            merged.changes.push(Change { id, kind, what });
            merged.entries.push(entry);
        }
    }
}

/// A KEV catalogue older than the pack's own KEV dates cannot be the one to check against:
/// CVEs listed since are missing from it. Its age is its release date when the file gives
/// it (JSON), else its newest `dateAdded` (CSV).
fn older_catalogue(pack: &Pack, feed: &Feed) -> Option<OlderCatalogue> {
    if !matches!(feed.kind, FeedKind::KevJson | FeedKind::KevCsv) {
        return None;
    }
    let newest_in_file = feed.kev.iter().map(|(_, date)| *date).max();
    let (age, released) = match (feed.released, newest_in_file) {
        (Some(released), _) => (released, true),
        (None, Some(newest)) => (newest, false),
        (None, None) => return None,
    };
    let newest_in_pack = pack
        .entries
        .iter()
        .filter_map(|entry| entry.kev.map(|date| (date, &entry.id)))
        .max_by_key(|(date, _)| *date)?;
    (newest_in_pack.0 > age).then(|| OlderCatalogue {
        file: feed.name.clone(),
        age,
        released,
        newest: newest_in_pack.1.clone(),
        newest_listed: newest_in_pack.0,
    })
}

fn add_source(entry: &mut Entry, file: &str) {
    if !entry.imported_from.iter().any(|known| known == file) {
        entry.imported_from.push(file.to_owned());
    }
}

/// The vector NVD's record offers, in the order of preference, with its source. The CNA is
/// the vendor when its address's domain holds the vendor's key or a one-word alias
/// (`hsrc@hikvision.com`, `cybersecurity@dahuatech.com`).
fn choose_vector(
    record: &NvdRecord,
    vendor: &str,
    pack: &Pack,
) -> Option<(CvssVector, CvssSource)> {
    let pack_aliases: &[String] = pack.vendors.get(vendor).map_or(&[], Vec::as_slice);
    let cna = record.source_identifier.as_str();
    let cna_is_vendor = {
        let domain = cna.rsplit('@').next().unwrap_or(cna).to_lowercase();
        std::iter::once(vendor)
            .chain(pack_aliases.iter().map(String::as_str))
            .filter(|alias| !alias.contains(' ') && alias.len() >= 3)
            .any(|alias| domain.contains(&alias.replace('-', "")) || domain.contains(alias))
    };
    // The template's rule is stated on CVSS 3.x: any 3.x vector, whoever published it, wins
    // over a 4.0 one; a 4.0 vector is kept only when the record has no 3.x vector at all.
    let three = |v: &Vector| !v.text.starts_with("CVSS:4.");
    let four = |v: &Vector| v.text.starts_with("CVSS:4.");
    choose_among(record, cna, cna_is_vendor, three)
        .or_else(|| choose_among(record, cna, cna_is_vendor, four))
}

/// NVD's primary vector, else NVD's other one, else the CNA's, else CISA-ADP's, among the
/// record's vectors that `among` keeps.
fn choose_among(
    record: &NvdRecord,
    cna: &str,
    cna_is_vendor: bool,
    among: impl Fn(&Vector) -> bool,
) -> Option<(CvssVector, CvssSource)> {
    let candidates = [
        (|v: &Vector| v.source == NVD_SOURCE && v.primary) as fn(&Vector) -> bool,
        |v: &Vector| v.source == NVD_SOURCE,
    ];
    let parse = |v: &Vector| v.text.parse::<CvssVector>().ok();
    let vectors = || record.vectors.iter().filter(|v| among(v));
    for wanted in candidates {
        if let Some(vector) = vectors().filter(|v| wanted(v)).find_map(parse) {
            return Some((vector, CvssSource::Nvd));
        }
    }
    if !cna.is_empty()
        && let Some(vector) = vectors().filter(|v| v.source == cna).find_map(parse)
    {
        let source = if cna_is_vendor {
            CvssSource::Vendor
        } else {
            CvssSource::Cna
        };
        return Some((vector, source));
    }
    vectors()
        .filter(|v| v.source == CISA_ADP_SOURCE)
        .find_map(parse)
        .map(|vector| (vector, CvssSource::CisaAdp))
}

fn cvss_of(vector: CvssVector, source: CvssSource) -> PackCvss {
    let base_score = vector.base_score().as_f64();
    PackCvss {
        vector,
        source,
        base_score,
    }
}

fn nvd_page(id: &CveId) -> String {
    format!("https://nvd.nist.gov/vuln/detail/{id}")
}

fn references(id: &CveId, lists: &[&[String]]) -> Vec<String> {
    let mut all = vec![nvd_page(id)];
    for url in lists.iter().flat_map(|list| list.iter()) {
        if !all.contains(url) {
            all.push(url.clone());
        }
    }
    all
}

/// A known entry with what the record says: the record's data wins, the entry's texts and
/// remote-takeover judgement stay. When NVD's ranges would no longer match an asset of the
/// inventory that the entry's ranges matched, the entry's ranges that matched it are kept
/// beside NVD's and the note names the asset: a camera silently dropped from the report is
/// worse than one the auditor has to confirm.
fn update_entry(
    mut entry: Entry,
    record: &NvdRecord,
    file: &str,
    pack: &Pack,
    assets: &[Asset],
) -> (Entry, Vec<Detail>) {
    let mut notes = Vec::new();
    if let Some((vector, source)) = choose_vector(record, &entry.vendor, pack) {
        entry.cvss = cvss_of(vector, source);
    }
    let same_vendor = record
        .vendor
        .as_ref()
        .is_some_and(|(key, _)| *key == entry.vendor);
    if same_vendor && !record.ranges.is_empty() {
        let bounded = record
            .ranges
            .iter()
            .any(|range| !matches!(range.shape(), super::pack::Shape::Unbounded));
        if bounded {
            let (kept, lost) = kept_ranges(&entry, &record.ranges, assets, pack);
            entry.affected = record.ranges.clone();
            if !kept.is_empty() {
                notes.push(Detail::KeptRanges {
                    patterns: kept
                        .iter()
                        .flat_map(|range| range.products.iter().cloned())
                        .collect(),
                    assets: lost,
                });
                entry.affected.extend(kept);
            }
        } else if entry.affected != record.ranges {
            notes.push(Detail::RangesKeptWithoutVersion);
        }
    }
    if let Some(published) = record.published {
        entry.published = published;
    }
    if record.cwe.is_some() {
        entry.cwe = record.cwe.clone();
    }
    if record.kev.is_some() {
        entry.kev = record.kev;
    }
    entry.references = references(&entry.id, &[&entry.references, &record.references]);
    add_source(&mut entry, file);
    (entry, notes)
}

/// The ranges of `entry` that list an asset of the inventory (affected, or to confirm) that
/// `new` would no longer list (no match, or "not affected"), and those assets as
/// `id "model" (verdict before)`. A narrower bound from NVD may well be right, but it is the
/// auditor's to accept: the summary names the asset, and the engagement's file can be edited.
fn kept_ranges(
    entry: &Entry,
    new: &[Range],
    assets: &[Asset],
    pack: &Pack,
) -> (Vec<Range>, Vec<(String, String, Verdict)>) {
    let listed =
        |verdict: Option<Verdict>| matches!(verdict, Some(Verdict::Affected | Verdict::Unknown));
    let with_ranges = |ranges: Vec<Range>| Entry {
        affected: ranges,
        ..entry.clone()
    };
    let updated = with_ranges(new.to_vec());
    let mut kept: Vec<Range> = Vec::new();
    let mut lost = Vec::new();
    for asset in assets {
        let vendor = asset.vendor.as_deref().and_then(|name| pack.vendor(name));
        if vendor.is_none_or(|vendor| vendor.key != entry.vendor) {
            continue;
        }
        let written = asset.model.as_deref().unwrap_or("");
        let model = model_of(pack, &entry.vendor, written);
        let firmware = asset.firmware.as_deref();
        let verdict = |entry: &Entry| judge(entry, &model, firmware).map(|(verdict, _)| verdict);
        let before = verdict(entry);
        if !listed(before) || listed(verdict(&updated)) {
            continue;
        }
        // The ranges that listed it, each judged alone.
        for range in &entry.affected {
            if listed(verdict(&with_ranges(vec![range.clone()]))) && !kept.contains(range) {
                kept.push(range.clone());
            }
        }
        if let Some(was) = before {
            lost.push((asset.id.clone(), written.trim().to_owned(), was));
        }
    }
    (kept, lost)
}

/// A new entry from a record, or why it cannot be one.
fn new_entry(record: &NvdRecord, file: &str, pack: &Pack) -> Result<Entry, Skip> {
    let Some((vendor, _)) = &record.vendor else {
        return Err(Skip::NoVendorCpe);
    };
    let Some((vector, source)) = choose_vector(record, vendor, pack) else {
        return Err(Skip::NoVector);
    };
    let Some(published) = record.published else {
        return Err(Skip::NoPublished);
    };
    let description = record
        .description
        .clone()
        .unwrap_or_else(|| format!("{} (no description in the NVD record).", record.id));
    let remote_takeover = takes_over(&vector);
    let before: Vec<&str> = record
        .ranges
        .iter()
        .filter_map(|range| range.before.as_deref())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (fixed_en, fixed_fr) = if before.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(
                " (NVD gives the first fixed version(s): {})",
                before.join(", ")
            ),
            format!(
                " (la NVD donne la ou les premières versions corrigées : {})",
                before.join(", ")
            ),
        )
    };
    let fix = Text::ByLang(crate::grid::Translations::from([
        (
            "en".to_owned(),
            format!(
                "Install the fixed firmware named in the vendor's advisory{fixed_en} (see the references); until then, restrict network access to the device."
            ),
        ),
        (
            "fr".to_owned(),
            format!(
                "Installer le firmware corrigé indiqué dans l'avis du fabricant{fixed_fr} (voir les références) ; d'ici là, restreindre l'accès réseau à l'équipement."
            ),
        ),
    ]));
    Ok(Entry {
        id: record.id.clone(),
        vendor: vendor.clone(),
        title: Text::Plain(first_sentence(&description)),
        summary: Text::Plain(description),
        fix,
        affected: record.ranges.clone(),
        cvss: cvss_of(vector, source),
        remote_takeover,
        kev: record.kev,
        cwe: record.cwe.clone(),
        published,
        references: references(&record.id, &[&record.references]),
        imported_from: vec![file.to_owned()],
    })
}

/// catalog/README.md §1.6 read from the vector alone (an imported record has no judgement of
/// ours): network or adjacent, no account or a low-privilege one, no user interaction, and
/// high impact on both confidentiality and integrity (of the vulnerable system, for 4.0).
fn takes_over(vector: &CvssVector) -> bool {
    let value = |name: &str| vector.base_metric(name).unwrap_or("");
    let (confidentiality, integrity) = match vector.version() {
        crate::assessment::CvssVersion::V4_0 => ("VC", "VI"),
        _ => ("C", "I"),
    };
    matches!(value("AV"), "N" | "A")
        && matches!(value("PR"), "N" | "L")
        && value("UI") == "N"
        && value(confidentiality) == "H"
        && value(integrity) == "H"
}

/// The first sentence of an NVD description, at most 120 characters.
fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = match text.find(". ") {
        Some(end) => &text[..end],
        None => text.trim_end_matches('.'),
    };
    if sentence.chars().count() > 120 {
        let short: String = sentence.chars().take(119).collect();
        // Cut at the last word that fits, never inside one; a single word longer than the
        // limit is all there is to cut.
        let cut = match short.rfind(char::is_whitespace) {
            Some(_) if sentence[short.len()..].starts_with(char::is_whitespace) => &short[..],
            Some(at) => &short[..at],
            None => &short[..],
        };
        format!("{}…", cut.trim_end().trim_end_matches([',', ';', ':']))
    } else {
        sentence.to_owned()
    }
}

fn describe_new(entry: &Entry) -> Vec<Detail> {
    let mut what = vec![
        Detail::New {
            vendor: entry.vendor.clone(),
            title: entry.title.get(crate::grid::Lang::En).to_owned(),
        },
        Detail::Cvss {
            score: entry.cvss.vector.base_score(),
            source: entry.cvss.source,
            was: None,
        },
        Detail::Ranges {
            count: entry.affected.len(),
            was: None,
        },
    ];
    if let Some(kev) = entry.kev {
        what.push(Detail::Kev {
            date: Some(kev),
            was: None,
        });
    }
    what
}

/// What differs between an entry and its new version.
fn differences(old: &Entry, new: &Entry) -> Vec<Detail> {
    let mut what = Vec::new();
    if old.cvss.vector != new.cvss.vector || old.cvss.source != new.cvss.source {
        what.push(Detail::Cvss {
            score: new.cvss.vector.base_score(),
            source: new.cvss.source,
            was: Some((old.cvss.vector.base_score(), old.cvss.source)),
        });
    }
    if old.affected != new.affected {
        what.push(Detail::Ranges {
            count: new.affected.len(),
            was: Some(old.affected.len()),
        });
        what.extend(pattern_changes(old, new));
    }
    if old.kev != new.kev {
        what.push(Detail::Kev {
            date: new.kev,
            was: old.kev,
        });
    }
    if old.published != new.published {
        what.push(Detail::Published(new.published));
    }
    if old.cwe != new.cwe {
        what.push(Detail::Cwe(new.cwe.clone()));
    }
    let added = new
        .references
        .iter()
        .filter(|url| !old.references.contains(url))
        .count();
    if added > 0 {
        what.push(Detail::ReferencesAdded(added));
    }
    what
}

/// The model patterns NVD's ranges add and remove, at most eight of each shown: a summary
/// line, not the whole list.
fn pattern_changes(old: &Entry, new: &Entry) -> Vec<Detail> {
    const SHOWN: usize = 8;
    let patterns = |entry: &Entry| -> BTreeSet<String> {
        entry
            .affected
            .iter()
            .flat_map(|range| &range.products)
            .map(|pattern| pattern.to_lowercase())
            .collect()
    };
    let (before, after) = (patterns(old), patterns(new));
    let cut = |items: Vec<&String>| {
        let more = items.len().saturating_sub(SHOWN);
        let shown = items.into_iter().take(SHOWN).cloned().collect();
        (shown, more)
    };
    let mut what = Vec::new();
    let added: Vec<&String> = after.difference(&before).collect();
    if !added.is_empty() {
        let (shown, more) = cut(added);
        what.push(Detail::PatternsAdded { shown, more });
    }
    let removed: Vec<&String> = before.difference(&after).collect();
    if !removed.is_empty() {
        let (shown, more) = cut(removed);
        what.push(Detail::PatternsRemoved { shown, more });
    }
    what
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpe_names_become_model_patterns() {
        let parts = cpe_parts("cpe:2.3:o:hikvision:ds-2cd2026g2-iu\\/sl_firmware:-:*:*:*:*:*:*:*");
        assert_eq!(parts[3], "hikvision");
        assert_eq!(parts[4], "ds-2cd2026g2-iu/sl_firmware");
        assert_eq!(parts[5], "-");
        let patterns = |vendor: &str, product: &str| cpe_patterns(vendor, &[], product).patterns;
        assert_eq!(patterns("hikvision", &parts[4]), ["ds-2cd2026g2-iu/sl*"]);
        assert_eq!(
            patterns("hikvision", "ds-2cd2066g2-i(u)_firmware"),
            ["ds-2cd2066g2-i*"]
        );
        assert_eq!(
            patterns("axis", "camera_station_pro"),
            ["camera?station?pro*"]
        );
    }

    #[test]
    fn nvd_build_date_bounds_take_the_pack_shape() {
        assert_eq!(pack_bound("2021-7"), "2021-07");
        assert_eq!(pack_bound("2017-7-5"), "2017-07-05");
        assert_eq!(pack_bound("2022-04"), "2022-04");
        assert_eq!(pack_bound("2.3.8-8"), "2.3.8-8");
        assert_eq!(
            pack_bound("2021-13"),
            "2021-13",
            "not a date: left as written"
        );
        assert_eq!(pack_bound(" 4.30.300 "), "4.30.300");
    }

    #[test]
    fn titles_are_the_first_sentence() {
        assert_eq!(
            first_sentence(
                "A command injection vulnerability in the web server of some Hikvision product. Due to the insufficient input validation."
            ),
            "A command injection vulnerability in the web server of some Hikvision product"
        );
        assert_eq!(first_sentence("Short."), "Short");
        assert!(first_sentence(&"x".repeat(300)).ends_with('…'));
        // Cut at a word: the real description of CVE-2022-30563 has no ". " early enough.
        let long = "When a user logs in to the device over ONVIF, an attacker who has captured the login can replay the unencrypted packets and log in as that user afterwards";
        assert_eq!(
            first_sentence(long),
            "When a user logs in to the device over ONVIF, an attacker who has captured the login can replay the unencrypted packets…",
            "the limit falls between two words"
        );
        let long = "When a user logs in over ONVIF, an attacker who has captured the login can replay the unencrypted network packets afterwards and log in as that user";
        let title = first_sentence(long);
        assert!(title.chars().count() <= 120, "{title}");
        assert_eq!(
            title,
            "When a user logs in over ONVIF, an attacker who has captured the login can replay the unencrypted network packets…",
        );
    }

    #[test]
    fn remote_takeover_is_read_from_the_vector_for_new_entries() {
        let vector = |text: &str| text.parse::<CvssVector>().unwrap();
        assert!(takes_over(&vector(
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        )));
        assert!(takes_over(&vector(
            "CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H"
        )));
        assert!(!takes_over(&vector(
            "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"
        )));
        assert!(!takes_over(&vector(
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"
        )));
        assert!(!takes_over(&vector(
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L"
        )));
    }

    fn feed(json: &str) -> Result<Feed, Problem> {
        read_feed("feed.json", json.as_bytes(), &Pack::builtin().unwrap())
    }

    #[test]
    fn records_of_other_vendors_are_counted_and_dropped() {
        let json = r#"{"vulnerabilities":[
            {"cve":{"id":"CVE-2024-0001","configurations":[{"nodes":[{"cpeMatch":[{"vulnerable":true,"criteria":"cpe:2.3:a:microsoft:word:*:*:*:*:*:*:*:*"}]}]}]}},
            {"cve":{"id":"CVE-2024-0002","published":"2024-01-02T00:00:00.000",
              "metrics":{"cvssMetricV31":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}]},
              "configurations":[{"nodes":[{"cpeMatch":[{"vulnerable":true,"criteria":"cpe:2.3:o:samsung:galaxy_s24_firmware:*:*:*:*:*:*:*:*"}]}]}]}},
            {"cve":{"id":"CVE-2024-0003","published":"2024-01-03T00:00:00.000",
              "metrics":{"cvssMetricV31":[{"source":"nvd@nist.gov","type":"Primary","cvssData":{"vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}]},
              "configurations":[{"nodes":[{"cpeMatch":[{"vulnerable":true,"criteria":"cpe:2.3:o:samsung:srn-1670d_firmware:*:*:*:*:*:*:*:*","versionEndExcluding":"2.0"}]}]}]}}
        ]}"#;
        let feed = feed(json).unwrap();
        assert_eq!(feed.kind, FeedKind::Nvd);
        assert_eq!(feed.read, 3);
        // Samsung phones are not Hanwha cameras; the SRN-1670D recorder is.
        let skipped = &feed.skipped[&Skip::VendorNotCovered];
        assert_eq!(skipped.count, 2);
        assert_eq!(skipped.first.len(), 2, "each named: {skipped:?}");
        assert_eq!(feed.records.len(), 1);
        assert_eq!(feed.records[0].ranges[0].products, vec!["srn-1670d*"]);
        assert_eq!(feed.records[0].ranges[0].before.as_deref(), Some("2.0"));
    }

    #[test]
    fn a_truncated_feed_says_how_far_it_got() {
        let json =
            r#"{"vulnerabilities":[{"cve":{"id":"CVE-2021-36260"}},{"cve":{"id":"CVE-2017-79"#;
        let problem = feed(json).unwrap_err();
        let text = problem.to_string();
        assert!(text.starts_with("feed.json:1:"), "{text}");
        assert!(text.contains("ends in the middle of the JSON"), "{text}");
        assert!(
            text.contains("1 complete record (CVE-2021-36260) was read"),
            "{text}"
        );
        assert!(
            feed("{\"resultsPerPage\": 0}")
                .unwrap_err()
                .to_string()
                .contains("no `vulnerabilities` list")
        );
        assert!(
            feed("")
                .unwrap_err()
                .to_string()
                .contains("the file is empty")
        );
    }

    /// The NVD record of CVE-2021-33044 (tests/fixtures/nvd) as a feed, its bytes.
    fn dahua_feed() -> Vec<u8> {
        let record = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/nvd/CVE-2021-33044.json"
        ))
        .unwrap();
        format!("{{\"format\": \"NVD_CVE\", \"version\": \"2.0\", \"vulnerabilities\": [{{\"cve\": {record}}}]}}")
            .into_bytes()
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn zipped(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            writer.start_file(*name, options).unwrap();
            std::io::Write::write_all(&mut writer, bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn read_file(name: &str, bytes: &[u8]) -> Result<Vec<Feed>, Problem> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let mut seen = Vec::new();
        let result = read_feed_file(name, file, &Pack::builtin().unwrap(), &mut |file, read| {
            seen.push((file.to_owned(), read));
        });
        if let Ok(feeds) = &result {
            let read: usize = feeds.iter().map(|feed| feed.read).sum();
            assert_eq!(seen.len(), read, "progress told of every record");
        }
        result
    }

    #[test]
    fn compressed_feeds_are_read_as_nvd_distributes_them() {
        let json = dahua_feed();
        let plain = read_file("feed.json", &json).unwrap();
        assert_eq!(plain[0].records.len(), 1);
        let gz = read_file("nvdcve-2.0-2021.json.gz", &gzip(&json)).unwrap();
        assert_eq!(gz.len(), 1);
        assert_eq!(gz[0].kind, FeedKind::Nvd);
        assert_eq!(gz[0].records[0].ranges, plain[0].records[0].ranges);
        let zip = read_file(
            "nvdcve-2.0-2021.json.zip",
            &zipped(&[("nvdcve-2.0-2021.json", &json)]),
        )
        .unwrap();
        assert_eq!(zip.len(), 1);
        assert_eq!(zip[0].name, "nvdcve-2.0-2021.json.zip:nvdcve-2.0-2021.json");
        assert_eq!(
            zip[0].source,
            "nvdcve-2.0-2021.json.zip:nvdcve-2.0-2021.json"
        );
        assert_eq!(zip[0].records[0].ranges, plain[0].records[0].ranges);
        // Told by the bytes, not the name.
        assert_eq!(read_file("feed.json", &gzip(&json)).unwrap()[0].read, 1);
    }

    #[test]
    fn broken_archives_are_refused_with_what_is_wrong() {
        let json = dahua_feed();
        let gz = gzip(&json);
        let text = read_file("cut.json.gz", &gz[..gz.len() / 2])
            .unwrap_err()
            .to_string();
        assert!(text.starts_with("cut.json.gz:"), "{text}");
        assert!(
            text.contains("ends early") || text.contains("ends in the middle of the JSON"),
            "{text}"
        );
        assert!(text.contains("nothing was imported"), "{text}");

        let zip = zipped(&[("nvdcve-2.0-2021.json", &json)]);
        let text = read_file("cut.zip", &zip[..zip.len() / 2])
            .unwrap_err()
            .to_string();
        assert!(text.contains("not a complete zip archive"), "{text}");

        let text = read_file("readme.zip", &zipped(&[("README.txt", b"hello")]))
            .unwrap_err()
            .to_string();
        assert!(
            text.contains("the zip archive holds no .json file (it holds README.txt)"),
            "{text}"
        );

        let text = read_file("binary.dat", &[0x00, 0x01, 0xff, 0xfe, 0x42])
            .unwrap_err()
            .to_string();
        assert!(
            text.contains("a binary file, not JSON or CSV text"),
            "{text}"
        );
    }

    #[test]
    fn a_zip_bomb_is_cut_off() {
        // 40 MiB of JSON whitespace packs into some 40 KiB: a thousand to one.
        let mut bomb = b"{\"vulnerabilities\": [".to_vec();
        bomb.resize(40 << 20, b' ');
        let gz = gzip(&bomb);
        assert!(gz.len() < 100 << 10, "{}", gz.len());
        let text = read_file("bomb.json.gz", &gz).unwrap_err().to_string();
        assert!(text.contains("a zip bomb?"), "{text}");
        let text = read_file("bomb.zip", &zipped(&[("bomb.json", &bomb)]))
            .unwrap_err()
            .to_string();
        assert!(text.contains("a zip bomb?"), "{text}");
        // The bound is on the archive: many files each under it add up over it.
        let mut part = b"{\"vulnerabilities\": [".to_vec();
        part.resize(512 << 10, b' ');
        part.extend_from_slice(b"]}");
        let parts: Vec<(String, &[u8])> = (0..8)
            .map(|n| (format!("part{n}.json"), part.as_slice()))
            .collect();
        let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        let archive = zipped(&parts);
        let bound = limit_for(archive.len() as u64);
        assert!(
            part.len() as u64 <= bound,
            "each part alone is under the bound"
        );
        assert!(8 * part.len() as u64 > bound, "together they are over it");
        let text = read_file("parts.zip", &archive).unwrap_err().to_string();
        assert!(text.contains("a zip bomb?"), "{text}");
    }

    #[test]
    fn kev_csv_header_errors_name_only_the_missing_columns() {
        let text = read_file(
            "kev.csv",
            b"cveID,vendorProject\nCVE-2021-36260,Hikvision\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            text.contains("the header has no `dateAdded` column"),
            "{text}"
        );
        assert!(!text.contains("`cveID`"), "{text}");
        let text = read_file("other.csv", b"name,ip\ncam,10.0.0.1\n")
            .unwrap_err()
            .to_string();
        assert!(
            text.contains("no `cveID` and `dateAdded` columns"),
            "{text}"
        );
    }

    #[test]
    fn kev_copies_count_each_unknown_cve_once_and_an_old_catalogue_is_flagged() {
        let pack = Pack::builtin().unwrap();
        let kev = |name: &str, released: Option<&str>| {
            let mut feed = Feed::new(name);
            feed.kind = FeedKind::KevJson;
            feed.released = released.map(|date| date.parse().unwrap());
            feed.kev = vec![
                (
                    "CVE-2024-12356".parse().unwrap(),
                    "2024-12-19".parse().unwrap(),
                ),
                (
                    "CVE-2021-36260".parse().unwrap(),
                    "2022-01-10".parse().unwrap(),
                ),
            ];
            feed
        };
        let merged = merge(&pack, &[kev("a.json", None), kev("b.json", None)], &[]);
        assert_eq!(merged.kev_unknown, 1, "two copies, one unknown CVE");
        // The pack lists CVE-2017-7921 from 2026-03-05: a catalogue from 2025 is older.
        assert_eq!(merged.warnings.len(), 2, "{:?}", merged.warnings);
        assert!(
            merged.warnings[0].to_string().contains("a.json: this KEV catalogue (newest entry added 2024-12-19) is older than the pack's own KEV dates (CVE-2017-7921 listed 2026-03-05)"),
            "{:?}",
            merged.warnings
        );
        let merged = merge(&pack, &[kev("c.json", Some("2026-11-20"))], &[]);
        assert!(merged.warnings.is_empty(), "{:?}", merged.warnings);
    }

    #[test]
    fn a_record_left_out_is_not_counted_as_kept() {
        let pack = Pack::builtin().unwrap();
        let json = r#"{"vulnerabilities":[
            {"cve":{"id":"CVE-2021-33044","vulnStatus":"Rejected","configurations":[{"nodes":[{"cpeMatch":[{"vulnerable":true,"criteria":"cpe:2.3:o:dahuasecurity:sd22_firmware:*:*:*:*:*:*:*:*"}]}]}]}},
            {"cve":{"id":"CVE-2024-0009","configurations":[{"nodes":[{"cpeMatch":[{"vulnerable":true,"criteria":"cpe:2.3:o:dahuasecurity:sd22_firmware:*:*:*:*:*:*:*:*"}]}]}]}}
        ]}"#;
        let feed = read_feed("feed.json", json.as_bytes(), &pack).unwrap();
        assert_eq!(feed.records.len(), 2);
        let merged = merge(&pack, &[feed], &[]);
        assert_eq!(merged.left_out, vec![2], "{:?}", merged.skipped);
        assert_eq!(merged.skipped.len(), 2);
    }

    #[test]
    fn kev_dates_merge_onto_known_entries_only() {
        let pack = Pack::builtin().unwrap();
        let mut kev = Feed::new("kev.csv");
        kev.kind = FeedKind::KevCsv;
        kev.kev = vec![
            (
                "CVE-2024-7029".parse().unwrap(),
                "2025-06-01".parse().unwrap(),
            ),
            (
                "CVE-2021-36260".parse().unwrap(),
                "2022-01-10".parse().unwrap(),
            ),
            (
                "CVE-2024-12356".parse().unwrap(),
                "2024-12-19".parse().unwrap(),
            ),
        ];
        let merged = merge(&pack, &[kev], &[]);
        assert_eq!(merged.kev_unknown, 1);
        assert_eq!(merged.entries.len(), 1, "36260 already has that date");
        let entry = &merged.entries[0];
        assert_eq!(entry.id.to_string(), "CVE-2024-7029");
        assert_eq!(entry.kev.unwrap().to_string(), "2025-06-01");
        assert_eq!(entry.imported_from, vec!["kev.csv"]);
        assert_eq!(merged.changes[0].kind, ChangeKind::OverridesBuiltin);
        assert_eq!(merged.changes[0].what[0].to_string(), "KEV 2025-06-01");
        assert_eq!(merged.changes[0].what.len(), 1);
        // The merged entry keeps the pack's texts and ranges.
        let builtin = pack.entry(&entry.id).unwrap();
        assert_eq!(entry.title, builtin.title);
        assert_eq!(entry.affected, builtin.affected);
        // Merging it again changes nothing.
        let again = pack.with_imported(merged.entries.clone());
        let mut kev = Feed::new("kev.csv");
        kev.kev = vec![(
            "CVE-2024-7029".parse().unwrap(),
            "2025-06-01".parse().unwrap(),
        )];
        assert!(merge(&again, &[kev], &[]).entries.is_empty());
    }
}

#[cfg(test)]
#[path = "import_records_tests.rs"]
mod records_tests;
