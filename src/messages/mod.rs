//! What the core says when it refuses something, as data, and the words for it in each
//! language: one catalogue per language (`en.rs`, `fr.rs`), each an exhaustive `match` on
//! the same enums, so that a message missing from one does not compile.
//!
//! The core (the rule book, the records' checks, the engagement) says what is wrong
//! ([`Wrong`]) and what would fix it ([`Fix`]), naming fields by their enum
//! (`crate::field`). It never writes a sentence, nor a command-line option: each front end
//! phrases a problem in the engagement's language and names a field its own way, the
//! command line by its option (`--title`), the checklist by its form's row (« Titre »), a
//! file's problem by its YAML key. The English phrasing also serves `Display`, for logs and
//! for the tests of the library.

mod en;
mod fr;
mod matching;
mod value;

pub use matching::{Against, MatchTrace, Order, RangeEnd, RangeWhy, Uncomparable, Verdict};
pub use value::{BadValue, Expected, Kind, one_of};

use std::fmt;

use crate::field::Field;
use crate::lang::Lang;
use crate::text::one_line;

/// A kind of record a person names by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Finding,
    Action,
    Asset,
    Control,
    Domain,
    Scan,
}

/// An id that names nothing: what was typed, and the closest known id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub thing: Thing,
    pub given: String,
    /// The grid (`id version`) for controls and domains.
    pub grid: Option<String>,
}

/// What a refusal about the working copy stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    CloseRound(String),
    StartRound(String),
    Sync,
    /// Any change saved.
    Save,
}

/// Why a round's label cannot be one: it names a git tag and a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelFlaw {
    Empty,
    TooLong(usize),
    /// A character git refuses in a tag, or one vmsaudit keeps out of labels.
    Holds(char),
    /// Starts with `-` or `.`.
    StartsBadly,
    DoubleDot,
    /// Ends with `.` or `.lock`.
    EndsBadly,
    /// `draft`, the folder of the draft reports, in any case.
    Draft,
    /// Refused by git's own rules for a reference's name.
    GitRefuses,
}

/// What stops a round being closed or started, or a sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    NotALabel {
        given: String,
        flaw: LabelFlaw,
    },
    AlreadyCurrent(String),
    /// Another round is open while this one is being closed.
    OpenUnderOtherLabel(String),
    /// A round is open while a new one is being started.
    StillOpen(String),
    AlreadyClosed {
        label: String,
        on: String,
    },
    /// A merge, or another git operation, is in progress.
    GitBusy(Act),
    DraftsUnsaved {
        act: Act,
        controls: Vec<String>,
    },
    /// Files changed and not committed: the first few, and how many more.
    Uncommitted {
        act: Act,
        paths: Vec<String>,
        more: usize,
    },
    /// A closed round's rendered report, committed changed since its close.
    ClosedReportChanged {
        act: Act,
        label: String,
    },
}

/// What lifts a [`Blocked`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unblock {
    LabelLike,
    CarryOnOrClose,
    CloseUnderItsLabel(String),
    CloseFirst(String),
    OtherLabel,
    FinishGit,
    /// Finish it, or abort the merge.
    FinishOrAbortGit,
    SaveDrafts,
    CommitOrUndo,
    /// Put a closed round's report back as its close committed it.
    RestoreClosedReport(String),
}

/// What the holder of the engagement's lock is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doing {
    /// The interactive checklist, for the whole session.
    Checklist,
    /// A command, as typed after `vmsaudit` (`answer ACC-01`, `audit close 2026-02`).
    Command(String),
}

/// Who holds the engagement's lock, as its lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub doing: Doing,
    pub pid: u32,
    pub user: String,
    pub host: String,
    /// When it took the lock, in the reader's zone (`clock::local_zone`), shown as every
    /// moment is (`Lang::moment`); none when the lock file does not say it in a form read.
    pub since: Option<jiff::civil::DateTime>,
}

/// What is wrong in `engagement.yaml`, beyond its YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetaFlaw {
    /// A format newer than this vmsaudit knows.
    Newer {
        format: u32,
        known: u32,
    },
    NoClient,
    /// `overrides` names what is no domain of the grid.
    NotADomain(String),
    AboveScale {
        domain: String,
        score: String,
        max: u8,
    },
    Unjustified(String),
    /// `language` is not one of the grid's.
    Language {
        lang: String,
        has: Vec<String>,
    },
}

/// Why a YAML file does not parse: the parser's own detail, as it wrote it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum YamlFlaw {
    /// Too large once its aliases are expanded.
    TooLarge(String),
    TooDeep(String),
    /// A tab where YAML wants spaces (indentation): said in words, the parser's detail left
    /// out, since the fix is always the same.
    Tab,
    /// A key given twice in one place.
    KeyTwice(String),
    /// `: ` inside a text not in quotes, which YAML reads as a key.
    ColonInText,
    /// A quote or a bracket not closed.
    Unclosed,
    /// A control character (a NUL byte...): not a text file, or a damaged one.
    ControlCharacter,
    /// A value where a whole number is expected (the parser's `invalid u8`).
    NotAWholeNumber,
    /// A value where a number is expected (`invalid floating point`).
    NotANumber,
    /// A value where `true` or `false` is expected.
    NotYesNo,
    /// Nothing but blank lines or comments.
    Empty,
    /// The file is no set of `key: value` lines (a list, a lone value).
    NotKeys,
    /// A key the file's record does not have, and the keys it has at that place.
    UnknownKey {
        key: String,
        known: Vec<String>,
    },
    /// A key the record needs, missing.
    MissingKey(String),
    /// A value that is not one of the words its key takes, and those words.
    NotOneOf {
        given: String,
        known: Vec<String>,
    },
    /// A value of the wrong kind (a list where a text is expected...): the grid's shape
    /// words, for a record's key.
    Shape {
        key: String,
        part: ShapePart,
        expected: GridExpect,
        found: GridFound,
    },
    /// A line indented unlike the keys or items around it.
    Indentation,
    /// A line of a block text (after `|` or `>`) indented less than its first line.
    BlockIndent,
    /// Something after `|` or `>` on its line other than `-`, `+`, a digit or a comment.
    BlockHeader,
    /// Brackets that do not pair up, or a `,` missing between items.
    Brackets,
    /// More text after a closing quote.
    AfterQuote,
    /// A `\` escape YAML does not know, in double quotes.
    Escape,
    /// A value starting with `*` or `&`, read as an alias or an anchor.
    Alias,
    /// A value starting with `!`, read as a tag.
    Tag,
    /// A line starting with `%`, read as a directive.
    Directive,
    /// A `---` or `...` line, which ends the document: a file holds one.
    Documents,
    /// A `#` right after a value, which YAML refuses as a comment.
    Comment,
    /// A space missing after a `:` or a `-`.
    Space,
    /// A byte order mark (U+FEFF) inside the text.
    ByteOrderMark,
    /// A character that cannot start a value (`@`, `` ` ``).
    Reserved(char),
    /// A value its type does not read, said in the reader's language.
    Bad(BadValue),
    /// A value its key does not read: the reader's own words.
    Value(String),
    Syntax(String),
}

/// Where a key of a CVE pack is unknown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyPlace {
    File,
    Pack,
    Entry,
    /// A text of an entry (`title`, `summary`, `fix`).
    Text(String),
    Cvss,
    Range,
}

/// What is wrong in a CVE pack (the built-in one, or an engagement's imported entries),
/// each with its fix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PackFlaw {
    /// Not calendar versioning.
    Version(String),
    /// An entry listed twice: its id, and the line of the first.
    Twice {
        id: String,
        line: u64,
    },
    KevMissing,
    Vendor(VendorFlaw),
    NotAVendor {
        vendor: String,
        known: Vec<String>,
    },
    NoAffected,
    /// `title`, `summary` or `fix` empty or not in both languages.
    TextIncomplete(String),
    ScoreMismatch {
        stated: String,
        computed: String,
    },
    KevAfter {
        kev: String,
        pack: String,
    },
    PublishedAfter {
        published: String,
        pack: String,
    },
    NotACwe(String),
    Range(RangeFlaw),
    /// A value its type does not read (a date that is none): the parser's words.
    Yaml(YamlFlaw),
    /// The first reference is not the NVD page, given.
    NvdPageFirst(String),
    NotAUrl(String),
    ImportedFromInBuiltin,
    UnknownKey {
        key: String,
        place: KeyPlace,
        near: Option<String>,
        known: Vec<String>,
    },
}

/// What is wrong in a CVE pack's `vendors`: each vendor's key and its names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum VendorFlaw {
    Key(String),
    /// A vendor not in its own list of names.
    NotOwnName(String),
    AliasForm {
        alias: String,
        vendor: String,
        normal: String,
    },
    AliasTwice {
        alias: String,
        first: String,
        second: String,
    },
}

/// What is wrong in a range of an entry's `affected`: its bounds and its products.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RangeFlaw {
    BeforeAndLastAffected,
    FromAndAfter,
    AfterInBuiltin,
    FromUnbounded,
    FixedInUnbounded,
    AllVersionsFalse,
    AllVersionsWithBounds,
    NoProducts,
    EmptyPattern,
    NotABound(String),
}

/// A part of a grid that holds texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridPart {
    Grid,
    Domain(String),
    Control(String),
}

/// What a file given to attach or import was meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    Evidence,
    Scan,
}

/// What stops the command from starting: the environment, the terminal, the clone, or what
/// a new engagement is given. Each says what is wrong (`Wrong::Setting`) and its own fix
/// (`Fix::Setting`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// `VMSAUDIT_LANG` names no language vmsaudit speaks.
    LangVar(String),
    LangVarNotText,
    /// `VMSAUDIT_NOW` is no timestamp.
    NowVar(String),
    /// `VMSAUDIT_AUDITOR` is no `Name <email>`.
    AuditorVar(AuditorFlaw),
    AuditorVarNotText,
    NoTerminal,
    NoClient,
    /// No author for the commits of this clone (its root): neither `VMSAUDIT_AUDITOR` nor
    /// git's identity names one.
    NoIdentity(String),
    /// The auditor who would author a commit, given by name alone.
    NoEmail(String),
    /// A new engagement given no auditor, and git has no identity either.
    NoAuditor,
    /// The folder of a new engagement is not empty.
    NotEmpty(String),
    /// The grid is not written in the language asked for.
    GridLacks {
        lang: String,
        has: Vec<String>,
    },
    /// The engagement's folder holds no git repository: git's detail.
    NoRepository {
        root: String,
        detail: String,
    },
    Bare,
    /// git refuses the engagement's repository: another user owns it (git's ownership
    /// check, `safe.directory`).
    NotOwned(Box<Access>),
    /// `path` (the engagement's folder, its `.git`) cannot be read: it belongs to another
    /// user, with `mode`.
    Unreadable {
        path: String,
        mode: u32,
        access: Box<Access>,
    },
    /// `-C` given to a command that makes a new engagement.
    CForNew,
}

/// Whose an engagement is, when another user's cannot be worked on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// The engagement's folder.
    pub root: String,
    /// Who owns it, by name.
    pub owner: String,
    /// Who runs vmsaudit, by name.
    pub you: String,
}

/// Why a newer grid's `replaces:` does not map the engagement's grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridMapFlaw {
    /// The same id and version, another text.
    SameVersionDiffers { id: String, version: String },
    /// Another grid altogether: the new one's id, the engagement's.
    OtherGrid { new: String, old: String },
    /// No `replaces:` entry for the engagement's version: the versions it replaces.
    NoEntry {
        id: String,
        version: String,
        old: String,
        known: Vec<String>,
    },
    /// An old control the entry does not map, with its hash.
    NotMapped {
        control: String,
        version: String,
        hash: String,
    },
    /// A control whose text is not the one mapped: its hash, the mapping's.
    HashDiffers {
        control: String,
        version: String,
        hash: String,
        said: String,
    },
    /// The entry names what the old grid does not have.
    NotInOld { id: String, version: String },
    /// A finding in a domain the newer grid (`grid`, its id and version) does not have.
    DomainGone {
        finding: String,
        domain: String,
        grid: String,
    },
}

/// Where the JSON of a feed breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonBreak {
    /// The file ends in the middle of the JSON.
    Eof,
    /// The compressed data ends early.
    CompressedEof,
    /// It cannot be read: the system's detail.
    Io(String),
    /// The parser's detail.
    Invalid(String),
    /// Well-formed JSON, but a value no NVD record or KEV entry holds there (a number for a
    /// record, a list for an id): the parser's detail names Rust types, so it is left out.
    WrongKind,
}

/// What is wrong in the inventory spreadsheet (CSV) that `asset import` reads, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvFlaw {
    /// With the columns an import knows.
    Empty(&'static [&'static str]),
    /// The CSV reader's detail.
    NotCsv(String),
    /// A row with another number of cells than the header.
    Cells {
        row: usize,
        header: usize,
    },
    ColumnTwice(String),
    /// Columns not known, with their 1-based positions, and the known ones.
    UnknownColumns {
        unknown: Vec<(String, usize)>,
        known: &'static [&'static str],
    },
    NoIdColumn,
    /// A value in a column (1-based) that has no name in the header.
    NoHeader(usize),
    IdEmpty,
    /// An id that is not one (what `check_asset_id` says).
    BadId(Box<Wrong>),
    /// The id of a row read before, on `line`.
    IdTwice {
        id: String,
        line: u64,
    },
    Kind(BadValue),
    /// A new asset with no kind, and the kinds.
    NoKind {
        id: String,
        kinds: &'static [&'static str],
    },
}

/// What is wrong with a file given to `cve import` (an NVD feed or the KEV catalogue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedFlaw {
    /// Not a complete zip archive: the library's detail.
    ZipIncomplete(String),
    ZipEntry {
        index: usize,
        detail: String,
    },
    /// No `.json` in the zip: what it holds.
    ZipNoJson(Vec<String>),
    /// Decompresses to more than `mib` MiB from `kib` KiB.
    Bomb {
        mib: u64,
        kib: u64,
    },
    Empty,
    Binary,
    /// The system's detail.
    Unreadable(String),
    /// JSON without a `vulnerabilities` list.
    NotAFeed,
    /// The JSON breaks: how, how many complete records were read, the last one's id.
    Broken {
        how: JsonBreak,
        read: usize,
        last: Option<String>,
    },
    /// The KEV catalogue's count and the entries read.
    CountMismatch {
        said: usize,
        has: usize,
    },
    /// Not CSV: the parser's detail.
    NotCsv(String),
    /// The KEV CSV's missing columns.
    NoColumns(Vec<String>),
    /// A row the parser refused, after `read` complete ones.
    BadRow {
        detail: String,
        read: usize,
    },
    BadValues {
        id: String,
        date: String,
    },
}

/// What went wrong with pandoc, which writes Word reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pandoc {
    Missing,
    /// It could not be run: the system's detail.
    CannotRun(String),
    TooOld {
        has: (u32, u32),
        needs: (u32, u32),
    },
    /// `PROGRAM --version` said no version.
    NoVersion(String),
    /// It failed: what it said, and the reference document given, if any.
    Failed {
        said: String,
        reference: Option<String>,
    },
}

/// What a path is when a plain file is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Link,
    Fifo,
    Socket,
    Device,
    Folder,
}

/// What is wrong with a file given to attach (evidence) or import (a scan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFlaw {
    /// The system's detail.
    Unreadable {
        role: FileRole,
        path: String,
        detail: String,
    },
    Link(String),
    NotAFile {
        role: FileRole,
        path: String,
    },
    /// A name that cannot name a file of the engagement (longer than `max` bytes, hidden,
    /// not printable).
    BadName {
        path: String,
        max: usize,
    },
    InsideGit(String),
    PathNotText(String),
    /// Its content changed between its reading and its copy.
    Changed(String),
    /// A file of the engagement whose name is not UTF-8 (the folder, to list its bytes).
    NameNotText(Option<String>),
    /// A record's evidence that names no file of the engagement (the path as the
    /// record gives it), or has no SHA-256.
    NotEvidence(String),
    Missing,
    /// Larger than `max` MiB; `file` as messages name it.
    TooBig {
        max: u64,
        file: String,
    },
    /// A record a change would write `bytes` long, more than the `max` MiB a read accepts:
    /// refused, so that no save can lock the engagement out. `inventory`: the file is the
    /// inventory, which grows by rows rather than by one long text.
    WouldBeTooBig {
        file: String,
        bytes: u64,
        max: u64,
        inventory: bool,
    },
    NotText,
    /// Not a plain file inside the engagement's working copy (named by its path).
    Special {
        kind: FileKind,
        path: String,
    },
    /// Not a regular file where one is read.
    NotRegular(FileKind),
    /// A record's evidence (`path`, attached with the SHA-256 `expected`) that is not on disk
    /// as it was attached: what the report would vouch for with a hash nobody checked.
    // Boxed: every error carries a `Wrong`, and this one's data would make them all larger.
    Evidence(Box<EvidenceFlaw>),
}

/// A record's evidence entry whose file is not on disk as attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFlaw {
    pub path: String,
    /// The SHA-256 recorded when it was attached.
    pub expected: String,
    pub owner: EvidenceOwner,
    pub found: EvidenceFound,
}

/// The record an evidence entry belongs to: the command that attaches a file to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceOwner {
    /// The control answered.
    Answer(String),
    Finding(String),
    /// An imported scan's XML.
    Scan(String),
}

/// What stands at an evidence entry's path when it is not the file attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceFound {
    Missing,
    /// Another content: its SHA-256.
    Changed(String),
    NotAFile(FileKind),
    /// The system's detail.
    Unreadable(String),
}

/// What is wrong with the remote a sync would use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    None,
    NoSuch {
        wanted: String,
        known: Vec<String>,
    },
    /// Several, none `origin`.
    Which(Vec<String>),
    /// A name starting with `-`, which git would read as an option.
    Dash(String),
    /// git's detail.
    Unreadable {
        url: String,
        detail: String,
    },
    /// A committed `.gitattributes` line that chooses how git merges.
    MergeAttribute {
        pattern: String,
        word: String,
    },
    /// A `.gitattributes` line of the remote's commits that changes the bytes a checkout
    /// writes or a commit reads (line endings, filters, encodings).
    CheckoutAttribute {
        pattern: String,
        word: String,
    },
    /// An entry of the remote's tree that cannot be written here as a file of the
    /// engagement (the position names it).
    Unsafe(IncomingFlaw),
    /// The remote's `main` shares no commit with this clone's.
    Unrelated,
    /// The remote's commits change the report of this closed round.
    ClosedReport(String),
    /// A file of this clone, not committed or ignored, stands where the remote's commits
    /// put one (the position names it).
    InTheWay,
}

/// What keeps an entry of a co-auditor's commit from being written here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncomingFlaw {
    /// A name longer than this many bytes.
    NameTooLong(usize),
    /// `.git`, `.` or `..`.
    Reserved,
    Link,
    Submodule,
    /// Two entries of the same name in one folder.
    Twice,
    /// A file larger than this many MiB: libgit2's checkout holds each file whole in memory.
    TooLarge(u64),
}

/// What a scan command cannot do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanAsk {
    ImportedAlready(String),
    /// The control has no proposal waiting.
    NothingPending(String),
    NotPending {
        given: String,
        control: String,
    },
    /// A capture's command that could not start: the system's detail.
    CannotRun {
        command: String,
        detail: String,
    },
    /// A capture on a control not answered yet, given no level.
    NeedsLevel(String),
    /// A scan's XML, missing or changed since its import: the scan's id, the XML's path.
    XmlMissing {
        id: String,
        path: String,
    },
    XmlChanged {
        id: String,
        path: String,
    },
    /// Larger than this many MiB.
    TooLarge(u64),
}

/// What a CVE command cannot do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CveAsk {
    NoFiles,
    AffectsNoAsset(String),
    /// The grid has no UPD domain: its domains.
    NoUpdDomain(Vec<String>),
    /// The UPD domain has no control.
    EmptyDomain(String),
    UnknownVendor {
        given: String,
        known: Vec<String>,
    },
    FeedMissing,
    FeedNotAFile,
    /// Files read in full but not imported, as another failed.
    NotImported,
}

/// What an output or a reading of the history cannot be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    BinaryToTerminal,
    IsAFolder(String),
    DocxNeedsFile,
    /// A name that is none of the engagement's template overrides (`templates/NAME`).
    NotAnOverride(String),
    NoSuchRound,
    /// Neither a round's label nor a git revision: the rounds closed.
    NotARevision {
        given: String,
        rounds: Vec<String>,
    },
    /// A template override named that the engagement does not have.
    UnknownOverride,
    /// A template override not accepted in this clone, or changed since (`changed`).
    NotAccepted {
        name: String,
        changed: bool,
    },
    /// `templates/reference.docx` is not a plain file.
    ReferenceNotPlain,
    /// The draft report is committed: how many files.
    DraftCommitted(usize),
    /// A file the engagement had not yet at a revision.
    NotAtRevision,
}

/// Whose template is at fault: an override the engagement holds (`templates/NAME`, or
/// several, joined), or the built-in ones, which makes it vmsaudit's fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Culprit {
    BuiltIn,
    Override(String),
}

/// What a rendered report holds that would make its converter load something (see
/// `report::guard`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loaded {
    Image,
    Link,
    RawHtml,
    YamlBlock,
}

/// What is wrong with the report's templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateFlaw {
    /// `templates` is a link or a file, not a folder of the engagement.
    FolderNotAFolder,
    /// An override that is a link, a folder or a device.
    NotAFile,
    /// An override that went away while it was being read.
    Gone,
    /// Rendering ran for longer than this many milliseconds.
    TooLong { millis: u64, culprit: Culprit },
    /// Rendering wrote more than this many MB.
    TooLarge { mb: usize, culprit: Culprit },
    /// The rendered report would make its converter load `target`, at `line` of the report.
    Loads {
        what: Loaded,
        target: String,
        line: usize,
        culprit: Culprit,
    },
    /// Tera's own words: a template's syntax, or what rendering met.
    Tera { detail: String, culprit: Culprit },
}

/// What is wrong with a scanner's file: nmap's XML, or the mapping of its facts to controls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanFlaw {
    /// The file ends before its XML does.
    Truncated,
    /// The XML parser's detail.
    NotXml(String),
    /// The document's root element.
    NotNmap(String),
    HostWithoutAddress,
    /// No `<runstats>`: the scan did not finish.
    Interrupted,
    Entities,
    OtherDoctype,
    /// The YAML reader's detail, and the facts a mapping may name.
    NotAMapping {
        detail: String,
        kinds: Vec<&'static str>,
    },
}

/// What could not be made while drawing a report or an export: the library's detail where
/// it gave one. Not the input's fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportFault {
    StartRendering(String),
    NotUtf8,
    ReportData(String),
    RadarSvg(String),
    RadarNoSize,
    RadarTooLarge,
    RadarPng(String),
    Csv(String),
    Spreadsheet(String),
}

/// What is wrong with a field, or with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wrong {
    /// Nothing is given where something is needed.
    Empty,
    /// The field must be given here (a new record's owner, a new asset's kind).
    Missing,
    BadId {
        given: String,
        max: usize,
    },
    /// An item of a list given twice.
    Twice(String),
    Unknown(Unknown),
    NotAChoice {
        given: String,
        choices: Vec<String>,
    },
    /// Not a CVSS vector; the parser's detail.
    BadVector(String),
    NotACve(String),
    NotADate(String),
    /// A date whose year is outside `first`–`last`.
    YearOutside {
        given: String,
        first: i16,
        last: i16,
    },
    NotAnAmount(String),
    NotACurrency(String),
    /// Not a MAC address.
    NotAMac(String),
    /// A severity set by hand beside a vector that gives one.
    SeverityWithVector {
        severity: String,
        score: String,
        from_vector: String,
    },
    /// Given, but the vector decides instead (a severity's justification).
    NotWithVector,
    /// Given without a vector (its source).
    WithoutVector,
    /// Neither a vector nor a severity.
    NoSeverity,
    /// A severity by hand without its justification.
    Unjustified,
    AcceptedWithoutReason,
    DroppedWithoutReason,
    /// Needed as the other field is given (a currency with an amount).
    NeededWith(Field),
    OutsideScale {
        given: String,
        max: u8,
    },
    /// A control with no answer yet is given no level.
    NoAnswerYet(String),
    NotApplicableUnjustified,
    /// A new asset's id already in the inventory.
    AlreadyThere(String),
    /// An asset not in the inventory yet, given without a kind.
    NotYetThere(String),
    /// A finding the plan's actions address: it cannot be removed.
    AddressedBy {
        finding: String,
        actions: Vec<String>,
    },
    /// An evidence path to detach that the record does not list, with those it lists.
    EvidenceNotListed {
        given: String,
        listed: Vec<String>,
    },
    /// An asset findings name: it cannot be removed.
    NamedBy {
        asset: String,
        findings: Vec<String>,
    },
    /// An item of a list, 1-based, is empty.
    ItemEmpty(usize),
    NotOneLine {
        item: Option<usize>,
        text: String,
    },
    BadAuditor {
        item: usize,
        detail: AuditorFlaw,
    },
    ControlCharacters,
    /// A record's id (`key: value`) that is not its file's name.
    NotFileName {
        key: String,
        value: String,
    },
    /// A scan's fact decided already (accepted, or else dismissed).
    AlreadyDecided {
        fact: String,
        accepted: bool,
    },
    /// A folder that holds no engagement.
    NotAnEngagement(String),
    /// A path that is not a folder.
    NotAFolder(String),
    /// A round or a sync that cannot go ahead.
    Blocked(Blocked),
    Setting(Setting),
    File(FileFlaw),
    Remote(Remote),
    Scan(ScanAsk),
    Cve(CveAsk),
    Output(Output),
    Template(Box<TemplateFlaw>),
    ScanFile(ScanFlaw),
    /// What cannot happen did: vmsaudit's fault, with what it knows.
    Bug(String),
    Meta(MetaFlaw),
    Yaml(YamlFlaw),
    Feed(FeedFlaw),
    Csv(Box<CsvFlaw>),
    // Boxed: its fields would make every error larger.
    GridMap(Box<GridMapFlaw>),
    /// A CVE pack's problem, in the entry it names when it is one.
    Pack {
        entry: Option<String>,
        flaw: Box<PackFlaw>,
    },
    /// A French text of a grid without a non-breaking space where French puts one: the
    /// first excerpts, and how many places in all.
    NoBreakSpace {
        part: GridPart,
        key: String,
        quoted: Vec<String>,
        count: usize,
    },
    /// What another layer said, as it said it (an I/O error).
    Other(String),
    /// A grid file's problem.
    Grid(Box<GridFlaw>),
}

/// What would fix a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Give(Field),
    Remove(Field),
    GiveOrRemove {
        give: Field,
        remove: Field,
    },
    /// A vector, or a severity with its justification.
    VectorOrSeverity,
    /// Say why, in this field.
    SayWhy(Field),
    Choose(Vec<String>),
    DidYouMean(String),
    ListOnce,
    KeepOne,
    RestoreId,
    IdLike(&'static str),
    CurrencyCode,
    MacLike,
    DateLike,
    VectorLike,
    CveLike,
    AmountLike,
    Level {
        max: u8,
    },
    Score {
        max: u8,
    },
    OtherIdOrEdit,
    TakeOutOfActions(String),
    TakeOutOfFindings,
    /// Name evidence to detach by a path the record lists, as it lists it.
    GiveListedPath,
    OneLine,
    AuditorForm,
    PlainText,
    RestoreFile(String),
    /// A record of a control the grid lacks: remove the file, or bring the grid back.
    RemoveOrRestoreGrid(String),
    DomainOrControl(Vec<String>),
    /// An unknown asset: the closest one, else add it first.
    AddAsset(Option<String>),
    /// An unknown id: the list that shows the known ones.
    CheckList(Thing),
    ControlLike,
    /// Go to an engagement's folder, or make one.
    FindEngagement,
    Unblock(Unblock),
    /// The fix that goes with each of these areas' problems (boxed: the same data as the
    /// problem's, kept out of the size of every error).
    Setting(Box<Setting>),
    File(Box<FileFlaw>),
    Remote(Box<Remote>),
    Scan(Box<ScanAsk>),
    Cve(Box<CveAsk>),
    Output(Box<Output>),
    Template(Box<TemplateFlaw>),
    ScanFile(Box<ScanFlaw>),
    ReportBug,
    Meta(Box<MetaFlaw>),
    Yaml(Box<YamlFlaw>),
    Pack(Box<PackFlaw>),
    Feed(Box<FeedFlaw>),
    Csv(Box<CsvFlaw>),
    GridMap(Box<GridMapFlaw>),
    /// A record that does not parse: edit it, or restore the file from git.
    EditOrRestore(String),
    /// Put a non-breaking space where French does.
    NoBreakSpace,
    Nothing,
    Grid(Box<GridFlaw>),
}

/// What a refused change was about: the record, or the file imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    NewFinding,
    Finding(String),
    NewAction,
    Action(String),
    Asset(String),
    /// A file of assets imported.
    File(String),
    Answer(String),
    Override(Option<String>),
    Scope,
    /// The scans' facts on a control.
    ScanFacts(String),
}

/// One thing wrong in a record, by field, with how to fix it: data, so that each front end
/// names the field its own way (the command line its option, the checklist its form row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    /// The place of the record in a list file (`assets.yaml`), 0-based: `[2].id`.
    pub item: Option<usize>,
    pub wrong: Wrong,
    pub fix: Fix,
}

impl FieldProblem {
    pub fn new(field: impl Into<Field>, wrong: Wrong, fix: Fix) -> Self {
        FieldProblem {
            field: field.into(),
            item: None,
            wrong,
            fix,
        }
    }

    /// The field's place in its file: `severity`, or `[2].id` for a list's item.
    pub fn path(&self) -> String {
        match self.item {
            Some(index) => format!("[{index}].{}", self.field.key()),
            None => self.field.key().to_owned(),
        }
    }

    /// `wrong — fix` in `lang`, each field named by `name`.
    pub fn phrase(&self, lang: Lang, name: Namer<'_>) -> String {
        phrase(lang, &self.wrong, &self.fix, name)
    }

    /// As a problem of its file: fields named by their YAML key.
    pub fn in_file(&self, lang: Lang) -> String {
        let colon = match lang {
            Lang::En => ":",
            Lang::Fr => "\u{a0}:",
        };
        format!(
            "`{}`{colon} {}",
            one_line(&self.path()),
            self.phrase(lang, &key)
        )
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_file(Lang::En))
    }
}

/// What keeps a text from reading as an auditor, `Name <email>` (the text, or its email).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditorFlaw {
    /// `<` without its `>`.
    Unclosed(String),
    NoName(String),
    /// `<`, `>`, a control character or a bidi override in the name or the email.
    Forbidden(String),
    NotEmail(String),
}

impl AuditorFlaw {
    /// What is wrong, in `lang`.
    pub fn phrase(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::auditor_flaw(self),
            Lang::Fr => fr::auditor_flaw(self),
        }
    }
}

/// In English: what a serde error or a clap parser error says.
impl fmt::Display for AuditorFlaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase(Lang::En))
    }
}

impl std::error::Error for AuditorFlaw {}

impl fmt::Display for Wrong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&wrong(Lang::En, self, &key))
    }
}

/// How a front end names a field in a message.
pub type Namer<'a> = &'a dyn Fn(Field) -> String;

/// A field named by its key in the record's file: `` `severity_justification` ``.
pub fn key(field: Field) -> String {
    format!("`{}`", field.key())
}

/// `wrong — fix` on one line, in `lang`.
pub fn phrase(lang: Lang, wrong: &Wrong, fix: &Fix, name: Namer<'_>) -> String {
    let fix = self::fix(lang, fix, name);
    let wrong = self::wrong(lang, wrong, name);
    if fix.is_empty() {
        wrong
    } else {
        format!("{wrong} — {fix}")
    }
}

pub fn wrong(lang: Lang, wrong: &Wrong, name: Namer<'_>) -> String {
    match lang {
        Lang::En => en::wrong(wrong, name),
        Lang::Fr => fr::wrong(wrong, name),
    }
}

pub fn fix(lang: Lang, fix: &Fix, name: Namer<'_>) -> String {
    match lang {
        Lang::En => en::fix(fix, name),
        Lang::Fr => fr::fix(fix, name),
    }
}

pub fn subject(lang: Lang, subject: &Subject) -> String {
    match lang {
        Lang::En => en::subject(subject),
        Lang::Fr => fr::subject(subject),
    }
}

/// What people read for a field: the checklist's form rows and tables, the report's words.
pub fn label(lang: Lang, field: Field) -> &'static str {
    match lang {
        Lang::En => en::label(field),
        Lang::Fr => fr::label(field),
    }
}

/// What went wrong with pandoc, and what to do: `(message, hint)`.
pub fn pandoc(lang: Lang, pandoc: &Pandoc) -> (String, String) {
    match lang {
        Lang::En => en::pandoc(pandoc),
        Lang::Fr => fr::pandoc(pandoc),
    }
}

/// What could not be made while drawing a report or an export, in `lang`.
pub fn report_fault(lang: Lang, fault: &ReportFault) -> String {
    match lang {
        Lang::En => en::report_fault(fault),
        Lang::Fr => fr::report_fault(fault),
    }
}

/// The word before a fix, after a request refused (`help`, `aide`).
pub fn help(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "help: ",
        Lang::Fr => "aide\u{a0}: ",
    }
}

/// The engagement is held by another process (`holder` says which, when it said).
pub fn locked(lang: Lang, holder: Option<&Holder>) -> (String, String) {
    match lang {
        Lang::En => en::locked(holder),
        Lang::Fr => fr::locked(holder),
    }
}

/// git's own lock file `path` (`index.lock`, a reference's `.lock`) held by another git, or
/// left by a killed one: what is wrong, and the fix.
pub fn git_lock(lang: Lang, path: &str) -> (String, String) {
    match lang {
        Lang::En => en::git_lock(path),
        Lang::Fr => fr::git_lock(path),
    }
}

/// A change that could not be written or committed, `cause` said; `undone` when what it
/// wrote was put back, else `paths` are left for the next command's recovery: the message
/// and its fix.
pub fn not_saved(lang: Lang, cause: &str, undone: bool, paths: &[String]) -> (String, String) {
    let paths: Vec<String> = paths.iter().map(|path| one_line(path)).collect();
    match lang {
        Lang::En => en::not_saved(cause, undone, &paths),
        Lang::Fr => fr::not_saved(cause, undone, &paths),
    }
}

/// Why a change writes nothing: said after the command, in the engagement's language, where
/// a change that writes says what it committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchanged {
    /// The record (an answer, a finding, an action; a domain's override) is already so.
    Record(String),
    /// The engagement's details and scope are already so.
    Engagement,
    /// The asset given is already in the inventory as it is.
    Asset(String),
    /// Every asset from `source` (a scan's devices) is already in the inventory as it is.
    AssetsFrom(String),
    /// Every row of the inventory file `file` is already in the inventory as it is.
    Import { file: String, unchanged: usize },
    /// The domain has no override to clear.
    NoOverride(String),
    /// The scan `id` of the file `file` was imported already.
    ScanImported { id: String, file: String },
}

impl Unchanged {
    /// What was left as it was, in `lang`.
    pub fn phrase(&self, lang: Lang) -> String {
        match lang {
            Lang::En => en::unchanged(self),
            Lang::Fr => fr::unchanged(self),
        }
    }
}

/// In English, as the library's callers and its tests read it.
impl fmt::Display for Unchanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase(Lang::En))
    }
}

/// The engagement's folder `root` can be read by other users (its `mode`): the warning,
/// with the command that fixes it.
pub fn exposed(lang: Lang, root: &str, mode: u32) -> String {
    match lang {
        Lang::En => en::exposed(root, mode),
        Lang::Fr => fr::exposed(root, mode),
    }
}

/// After the `count` problems of a report's evidence (each a `FileFlaw::Evidence`, said
/// above it): the report is written all the same and its annex marks them. What `vmsaudit
/// report` and `audit close` print and what the checklist shows after closing a round.
pub fn evidence_marked(lang: Lang, count: usize) -> String {
    match lang {
        Lang::En => en::evidence_marked(count),
        Lang::Fr => fr::evidence_marked(count),
    }
}

/// A sync killed in the middle of its checkout, undone when the engagement was next opened.
pub fn sync_undone(lang: Lang) -> String {
    match lang {
        Lang::En => en::sync_undone(),
        Lang::Fr => fr::sync_undone(),
    }
}

/// A list of ids for a message: `A, B, C`.
fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| one_line(item))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where in a grid a key is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridKeyPlace {
    Grid,
    Level,
    Domain,
    Control,
    /// A `replaces` entry.
    Replaces,
    /// An older control's mapping in a `replaces` entry.
    Mapping,
}

/// Which kind of id of a grid (domains and controls share one namespace).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridIdOf {
    Domain,
    Control,
}

/// What holds a text of a grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextOwner {
    Grid,
    Level(u8),
    Domain(String),
    Control(String),
    /// The mapping of the older control `old` in the `replaces` entry of `version`.
    Mapping {
        version: String,
        old: String,
    },
    /// A `replaces` entry, by the older version it maps when it gives one.
    Replaces(Option<String>),
}

/// What a value should be, where a grid or a record has something else: each with its
/// words and its fix, so that no parser's type name reaches the person fixing the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GridExpect {
    /// A text: one string, or one per language (`{en: ..., fr: ...}`).
    Text,
    /// One language's string inside `{en: ..., fr: ...}`.
    TextIn,
    /// One value on its line: an id, a version, a language code, a component, a reference.
    Word,
    /// A list, in brackets or one `- item` per line.
    List,
    /// An entry with keys of its own: a scale level, a domain, a control, a `replaces` entry.
    Entry,
    /// `replaces`' `controls`: each older control id with its mapping.
    Mappings,
    /// A control's `levels`: a text per level number.
    LevelTexts,
    /// A level's number: a whole number from 0 to `max`.
    Level { max: u8 },
    /// A control's weight: a whole number from 1 to 100.
    Weight,
    /// `true` or `false`.
    YesNo,
    /// One text, in one language: a record's.
    OneText,
    /// An answer's level: a level of the scale or `na`.
    LevelOrNa,
}

/// What a grid or a record has where [`GridExpect`] says something else was expected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum GridFound {
    /// A text (cut short), as written.
    Text(String),
    /// A number, as YAML read it.
    Number(String),
    YesNo(bool),
    /// Nothing after the key.
    Nothing,
    List,
    /// Keys with their values.
    Entry,
}

/// Which part of a key's value is of the wrong kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ShapePart {
    /// The value itself.
    Value,
    /// An item of the list it holds.
    Item,
    /// A key of the entries it holds (a level's number in `levels`).
    Key,
}

/// What is wrong in a grid file (`grid check`, `init --grid`, `audit start --grid`, an
/// engagement's pinned grid), each with its fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridFlaw {
    /// Nothing but blank lines or comments.
    Empty,
    NotAMap,
    /// A value of the wrong kind: a list where a text is expected, a word for a number...
    Shape {
        owner: TextOwner,
        key: String,
        part: ShapePart,
        expected: GridExpect,
        found: GridFound,
    },
    UnknownKey {
        key: String,
        place: GridKeyPlace,
        near: Option<&'static str>,
        known: &'static [&'static str],
    },
    NoId(GridIdOf),
    BadId {
        id: String,
        of: GridIdOf,
    },
    /// An id already given, first on `line`.
    IdTwice {
        id: String,
        line: u64,
    },
    /// An id that differs from `other`, given first on `line`, only by case: their answers'
    /// files would be one on a disk that ignores case.
    IdCase {
        id: String,
        other: String,
        line: u64,
    },
    Text(TextFlaw),
    Header(HeaderFlaw),
    Control(ControlFlaw),
    Replaces(ReplacesFlaw),
    Mapping(MappingFlaw),
}

/// What is wrong with a text of the grid (a title, a question, a level's text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextFlaw {
    /// A required text missing.
    NoText { owner: TextOwner, key: String },
    /// A text that is blank.
    EmptyText { owner: TextOwner, key: String },
    /// A text without its version in one of the grid's languages.
    NoTextIn {
        owner: TextOwner,
        key: String,
        lang: String,
    },
    EmptyIn {
        owner: TextOwner,
        key: String,
        lang: String,
    },
    /// A text in a language the grid does not list in `languages`.
    OtherLanguage {
        owner: TextOwner,
        key: String,
        lang: String,
        languages: Vec<String>,
    },
}

/// What is wrong with the grid's id, version, languages or scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderFlaw {
    BadGridId(String),
    NoGridId,
    NoVersion,
    /// A version (the grid's, or one its `replaces:` maps) that is not a plain version.
    BadVersion(String),
    NoLanguages,
    LanguagesEmpty,
    NotALanguage(String),
    LanguageTwice(String),
    NoScale,
    /// A scale of `count` levels, outside 2 to `max`.
    ScaleSize {
        count: usize,
        max: usize,
    },
    LevelOutOfOrder {
        level: u8,
        expected: usize,
    },
    NoLevel {
        expected: usize,
    },
}

/// What is wrong with the grid's domains and controls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ControlFlaw {
    /// `domains:` lists none.
    NoDomain,
    /// No `domains:` at all.
    NoDomains,
    /// A domain without controls: `listed` when `controls:` is there but empty.
    NoControl {
        domain: String,
        listed: bool,
    },
    /// A control's level description for a level the scale (0 to `top`) lacks.
    LevelOutsideScale {
        control: String,
        level: u8,
        top: u8,
    },
    UnknownComponent {
        control: String,
        component: String,
        near: Option<&'static str>,
        known: &'static [&'static str],
    },
    EmptyReference {
        control: String,
    },
    /// A weight that is not a whole number from 1 to 100, as written.
    BadWeight {
        control: String,
        weight: String,
    },
}

/// What is wrong with the grid's `replaces`: the older versions it maps to this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplacesFlaw {
    /// The grid's own version among those it replaces.
    ReplacesItself(String),
    ReplacedTwice(String),
    NoReplacedVersion,
    /// A `replaces` entry (its `version`) without `controls`.
    NoMappings {
        version: String,
    },
}

/// What is wrong with a mapping of `replaces`: an older version's controls to this one's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingFlaw {
    /// In the `replaces` entry of `version`, the older control `old` is no valid id.
    BadOldId {
        version: String,
        old: String,
    },
    /// A hash that is not `digits` lowercase hexadecimal digits.
    BadHash {
        version: String,
        old: String,
        digits: usize,
    },
    NoHash {
        version: String,
        old: String,
    },
    /// An older control that is not one of this grid's, with no `to`.
    NoTarget {
        version: String,
        old: String,
    },
    /// A `to` that names no control of this grid, and the closest one.
    NotATarget {
        version: String,
        old: String,
        target: String,
        near: Option<String>,
    },
    AddedUnknown {
        version: String,
        id: String,
    },
    /// A control `added` that an older control (mapped on `line`) became.
    AddedAndMapped {
        version: String,
        id: String,
        line: u64,
    },
    /// A control of this grid neither `added` nor what an older control became.
    NotAccountedFor {
        version: String,
        control: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name a co-auditor chose, as a record's file, an evidence path, a label or a
    /// folder: a leading `-`, quotes, `$(...)`, a space, `;` and a newline.
    const HOSTILE: &str = "-x'$(touch PWNED)' \"y\";\nz";

    /// [`HOSTILE`] as an id or a round label would be if their rules let it through: they
    /// never start with `-` (`rounds::check_label`, the ids' rule), so a command gives them
    /// without `--` (`vmsaudit audit close LABEL`).
    const HOSTILE_ID: &str = "x'$(touch PWNED)' \"y\";\nz";

    /// Every message that prints a command holding a value, that value [`HOSTILE`] (or
    /// [`HOSTILE_ID`] for an id or a label).
    fn hostile_commands(lang: Lang) -> Vec<String> {
        let h = || HOSTILE.to_owned();
        let i = || HOSTILE_ID.to_owned();
        let name: Namer<'_> = &key;
        let access = || {
            Box::new(Access {
                root: h(),
                owner: h(),
                you: h(),
            })
        };
        let mut fixes = vec![
            Fix::RestoreFile(h()),
            Fix::EditOrRestore(h()),
            Fix::Unblock(Unblock::RestoreClosedReport(h())),
            Fix::Unblock(Unblock::CloseUnderItsLabel(i())),
            Fix::Unblock(Unblock::CloseFirst(i())),
            Fix::Setting(Box::new(Setting::NoIdentity(h()))),
            Fix::Setting(Box::new(Setting::NotOwned(access()))),
            Fix::Setting(Box::new(Setting::Unreadable {
                path: h(),
                mode: 0o700,
                access: access(),
            })),
            Fix::Remote(Box::new(Remote::ClosedReport(h()))),
            Fix::Scan(Box::new(ScanAsk::XmlMissing { id: h(), path: h() })),
            Fix::Scan(Box::new(ScanAsk::XmlChanged { id: h(), path: h() })),
            Fix::Scan(Box::new(ScanAsk::NotPending {
                given: i(),
                control: i(),
            })),
            Fix::Output(Box::new(Output::NotAccepted {
                name: i(),
                changed: false,
            })),
        ];
        for flaw in [
            FileFlaw::TooBig { max: 4, file: h() },
            FileFlaw::Special {
                kind: FileKind::Fifo,
                path: h(),
            },
            FileFlaw::NameNotText(Some(h())),
        ] {
            fixes.push(Fix::File(Box::new(flaw)));
        }
        for owner in [
            EvidenceOwner::Answer(i()),
            EvidenceOwner::Finding(i()),
            EvidenceOwner::Scan(i()),
        ] {
            for found in [
                EvidenceFound::Missing,
                EvidenceFound::Changed("1".repeat(64)),
                EvidenceFound::NotAFile(FileKind::Link),
                EvidenceFound::Unreadable(h()),
            ] {
                fixes.push(Fix::File(Box::new(FileFlaw::Evidence(Box::new(
                    EvidenceFlaw {
                        path: h(),
                        expected: "0".repeat(64),
                        owner: owner.clone(),
                        found,
                    },
                )))));
            }
        }
        let mut texts: Vec<String> = fixes.iter().map(|f| fix(lang, f, name)).collect();
        texts.push(wrong(
            lang,
            &Wrong::Blocked(Blocked::OpenUnderOtherLabel(i())),
            name,
        ));
        texts.push(exposed(lang, HOSTILE, 0o755));
        texts
    }

    #[test]
    fn a_value_in_a_printed_command_is_one_word_to_the_shell_and_no_option() {
        let shown = [HOSTILE, HOSTILE_ID].map(crate::text::one_line);
        let dir = tempfile::tempdir().expect("a folder for sh");
        for lang in [Lang::En, Lang::Fr] {
            for text in hostile_commands(lang) {
                assert!(!text.contains('\n'), "{text}");
                // The code spans: every other piece between backticks.
                let commands: Vec<&str> = text
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .filter(|span| span.contains("PWNED"))
                    .collect();
                assert!(!commands.is_empty(), "no command in {text}");
                for command in commands {
                    let words = crate::text::words_of(command, dir.path());
                    assert!(
                        !dir.path().join("PWNED").exists(),
                        "{command} ran what the name holds"
                    );
                    let (at, shown) = words
                        .iter()
                        .enumerate()
                        .find_map(|(at, word)| {
                            shown
                                .iter()
                                .find(|shown| word.ends_with(*shown))
                                .map(|s| (at, s))
                        })
                        .unwrap_or_else(|| panic!("{shown:?} is not one word of {command}"));
                    let word = &words[at];
                    // A word that starts with `-` only after `--` or as the value of an option
                    // that takes any value next (`git -C`, `sudo -u`); a path else `./-...`.
                    if word.starts_with('-') {
                        let before = at.checked_sub(1).map(|at| words[at].as_str());
                        assert!(
                            matches!(before, Some("--" | "-C" | "-u")),
                            "{word:?} reads as an option in {command}"
                        );
                    }
                    if word.len() > shown.len() {
                        let prefix = &word[..word.len() - shown.len()];
                        assert!(
                            ["./", "audit/", "reports/"].contains(&prefix),
                            "{word:?} in {command}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_grid_s_name_from_a_co_auditor_s_commit_is_one_line_in_both_languages() {
        let unknown = Wrong::Unknown(Unknown {
            thing: Thing::Control,
            given: "ACC-99".into(),
            grid: Some("vms-audit 1.0.0\n\u{1b}[2Jforged line".into()),
        });
        for lang in Lang::ALL {
            let said = wrong(lang, &unknown, &|field| label(lang, field).to_owned());
            assert!(!said.contains('\n') && !said.contains('\u{1b}'), "{said}");
        }
    }

    /// One value of every variant: adding a variant without adding it here does not
    /// compile (the `match` below), and each gets its words in both languages.
    fn every_wrong() -> Vec<Wrong> {
        let field = Field::from(crate::field::ActionField::CostAmount);
        let unknown = Unknown {
            thing: Thing::Control,
            given: "ACC-99".into(),
            grid: Some("vms-audit 1.0.0".into()),
        };
        let mut all = vec![
            Wrong::Empty,
            Wrong::Missing,
            Wrong::BadId {
                given: "x y".into(),
                max: 12,
            },
            Wrong::Twice("CAM-01".into()),
            Wrong::Unknown(unknown),
            Wrong::NotAChoice {
                given: "big".into(),
                choices: vec!["low".into(), "high".into()],
            },
            Wrong::BadVector("no prefix".into()),
            Wrong::NotACve("CVE-1".into()),
            Wrong::NotADate("tomorrow".into()),
            Wrong::NotAnAmount("lots".into()),
            Wrong::NotACurrency("euro".into()),
            Wrong::NotAMac("00:11".into()),
            Wrong::AcceptedWithoutReason,
            Wrong::DroppedWithoutReason,
            Wrong::NeededWith(field),
            Wrong::OutsideScale {
                given: "7".into(),
                max: 4,
            },
            Wrong::NoAnswerYet("ACC-01".into()),
            Wrong::NotApplicableUnjustified,
            Wrong::AlreadyThere("CAM-01".into()),
            Wrong::NotYetThere("CAM-02".into()),
            Wrong::ControlCharacters,
            Wrong::NotFileName {
                key: "id".into(),
                value: "F-2".into(),
            },
            Wrong::AlreadyDecided {
                fact: "tls-weak-key".into(),
                accepted: true,
            },
            Wrong::NotAnEngagement("/tmp".into()),
            Wrong::NotAFolder("/tmp/x".into()),
            Wrong::YearOutside {
                given: "0026-03-15".into(),
                first: 2000,
                last: 2100,
            },
            Wrong::Other("ENOSPC".into()),
        ];
        all.extend(every_severity_wrong());
        all.extend(every_list_wrong());
        all.extend(every_area_wrong());
        all.extend(every_no_break_space());
        all.iter().for_each(listed_wrong);
        all
    }

    /// What is wrong with a severity and its vector.
    fn every_severity_wrong() -> Vec<Wrong> {
        vec![
            Wrong::SeverityWithVector {
                severity: "low".into(),
                score: "9.8".into(),
                from_vector: "critical".into(),
            },
            Wrong::NotWithVector,
            Wrong::WithoutVector,
            Wrong::NoSeverity,
            Wrong::Unjustified,
        ]
    }

    /// What is wrong with a list or what names a record.
    fn every_list_wrong() -> Vec<Wrong> {
        vec![
            Wrong::AddressedBy {
                finding: "F-1".into(),
                actions: vec!["A-1".into()],
            },
            Wrong::NamedBy {
                asset: "CAM-01".into(),
                findings: vec!["F-1".into()],
            },
            Wrong::EvidenceNotListed {
                given: "users.png".into(),
                listed: vec!["evidence/ACC-01/users.png".into()],
            },
            Wrong::EvidenceNotListed {
                given: "users.png".into(),
                listed: vec![],
            },
            Wrong::ItemEmpty(2),
            Wrong::NotOneLine {
                item: Some(1),
                text: "a".into(),
            },
            Wrong::BadAuditor {
                item: 1,
                detail: AuditorFlaw::NoName("<a@b.c>".into()),
            },
        ]
    }

    /// Each area's problems, as what is wrong.
    fn every_area_wrong() -> Vec<Wrong> {
        let mut all: Vec<Wrong> = every_blocked().into_iter().map(Wrong::Blocked).collect();
        all.extend(every_setting().into_iter().map(Wrong::Setting));
        all.extend(every_file_flaw().into_iter().map(Wrong::File));
        all.extend(every_remote().into_iter().map(Wrong::Remote));
        all.extend(every_scan_ask().into_iter().map(Wrong::Scan));
        all.extend(every_cve_ask().into_iter().map(Wrong::Cve));
        all.extend(every_output().into_iter().map(Wrong::Output));
        all.extend(boxed(every_template_flaw(), Wrong::Template));
        all.extend(every_scan_flaw().into_iter().map(Wrong::ScanFile));
        all.push(Wrong::Bug("round 2026-02 changed nothing".into()));
        all.extend(every_meta_flaw().into_iter().map(Wrong::Meta));
        all.extend(every_yaml_flaw().into_iter().map(Wrong::Yaml));
        all.extend(every_feed_flaw().into_iter().map(Wrong::Feed));
        all.extend(boxed(every_csv_flaw(), Wrong::Csv));
        all.extend(boxed(every_grid_map_flaw(), Wrong::GridMap));
        for (index, flaw) in every_pack_flaw().into_iter().enumerate() {
            let entry = (index % 2 == 0).then(|| "CVE-2021-36260".to_owned());
            all.push(Wrong::Pack {
                entry,
                flaw: Box::new(flaw),
            });
        }
        all.extend(boxed(every_grid_flaw(), Wrong::Grid));
        all
    }

    /// French text without its no-break spaces, in each part of a grid.
    fn every_no_break_space() -> Vec<Wrong> {
        [
            (GridPart::Grid, "", 1),
            (GridPart::Domain("ACC".into()), "title", 2),
            (GridPart::Control("ACC-01".into()), "levels.2", 5),
        ]
        .into_iter()
        .map(|(part, key, count)| Wrong::NoBreakSpace {
            part,
            key: key.into(),
            quoted: vec!["Pourquoi?".into()],
            count,
        })
        .collect()
    }

    /// Each value boxed into the variant that holds it.
    fn boxed<T, U>(all: Vec<T>, wrap: impl Fn(Box<T>) -> U) -> impl Iterator<Item = U> {
        all.into_iter().map(move |it| wrap(Box::new(it)))
    }

    /// The exhaustive list: a new variant fails to compile until [`every_wrong`] has it.
    fn listed_wrong(wrong: &Wrong) {
        match wrong {
            Wrong::Empty
            | Wrong::Missing
            | Wrong::BadId { .. }
            | Wrong::Twice(_)
            | Wrong::Unknown(_)
            | Wrong::NotAChoice { .. }
            | Wrong::BadVector(_)
            | Wrong::NotACve(_)
            | Wrong::NotADate(_)
            | Wrong::NotAnAmount(_)
            | Wrong::NotACurrency(_)
            | Wrong::NotAMac(_)
            | Wrong::SeverityWithVector { .. }
            | Wrong::NotWithVector
            | Wrong::WithoutVector
            | Wrong::NoSeverity
            | Wrong::Unjustified
            | Wrong::AcceptedWithoutReason
            | Wrong::DroppedWithoutReason
            | Wrong::NeededWith(_)
            | Wrong::OutsideScale { .. }
            | Wrong::NoAnswerYet(_)
            | Wrong::NotApplicableUnjustified
            | Wrong::AlreadyThere(_)
            | Wrong::NotYetThere(_)
            | Wrong::AddressedBy { .. }
            | Wrong::NamedBy { .. }
            | Wrong::EvidenceNotListed { .. }
            | Wrong::ItemEmpty(_)
            | Wrong::NotOneLine { .. }
            | Wrong::BadAuditor { .. }
            | Wrong::ControlCharacters
            | Wrong::NotFileName { .. }
            | Wrong::AlreadyDecided { .. }
            | Wrong::NotAnEngagement(_)
            | Wrong::NotAFolder(_)
            | Wrong::YearOutside { .. }
            | Wrong::Blocked(_)
            | Wrong::Setting(_)
            | Wrong::File(_)
            | Wrong::Remote(_)
            | Wrong::Scan(_)
            | Wrong::Cve(_)
            | Wrong::Output(_)
            | Wrong::Template(_)
            | Wrong::ScanFile(_)
            | Wrong::Bug(_)
            | Wrong::Meta(_)
            | Wrong::Yaml(_)
            | Wrong::Pack { .. }
            | Wrong::Feed(_)
            | Wrong::Csv(_)
            | Wrong::GridMap(_)
            | Wrong::NoBreakSpace { .. }
            | Wrong::Other(_)
            | Wrong::Grid(_) => {}
        }
    }

    fn every_fix() -> Vec<Fix> {
        let field = Field::from(crate::field::FindingField::Title);
        let other = Field::from(crate::field::FindingField::Cvss);
        let mut all = vec![
            Fix::Give(field),
            Fix::Remove(field),
            Fix::GiveOrRemove {
                give: field,
                remove: other,
            },
            Fix::VectorOrSeverity,
            Fix::SayWhy(field),
            Fix::Choose(vec!["a".into(), "b".into()]),
            Fix::DidYouMean("ACC-01".into()),
            Fix::ListOnce,
            Fix::KeepOne,
            Fix::RestoreId,
            Fix::IdLike("CAM-012"),
            Fix::CurrencyCode,
            Fix::DateLike,
            Fix::VectorLike,
            Fix::CveLike,
            Fix::AmountLike,
            Fix::MacLike,
            Fix::Level { max: 4 },
            Fix::Score { max: 4 },
            Fix::OtherIdOrEdit,
            Fix::TakeOutOfActions("F-1".into()),
            Fix::TakeOutOfFindings,
            Fix::GiveListedPath,
            Fix::OneLine,
            Fix::AuditorForm,
            Fix::PlainText,
            Fix::RestoreFile("findings/F-1.yaml".into()),
            Fix::RemoveOrRestoreGrid("answers/ACC-09.yaml".into()),
            Fix::DomainOrControl(vec!["ACC".into()]),
            Fix::AddAsset(Some("CAM-01".into())),
            Fix::AddAsset(None),
            Fix::CheckList(Thing::Finding),
            Fix::ControlLike,
            Fix::FindEngagement,
            Fix::Nothing,
        ];
        all.extend(every_area_fix());
        all.iter().for_each(listed_fix);
        all
    }

    /// Each area's problems, as their fixes.
    fn every_area_fix() -> Vec<Fix> {
        let mut all: Vec<Fix> = every_unblock().into_iter().map(Fix::Unblock).collect();
        all.extend(boxed(every_setting(), Fix::Setting));
        all.extend(boxed(every_file_flaw(), Fix::File));
        all.extend(boxed(every_remote(), Fix::Remote));
        all.extend(boxed(every_scan_ask(), Fix::Scan));
        all.extend(boxed(every_cve_ask(), Fix::Cve));
        all.extend(boxed(every_output(), Fix::Output));
        all.extend(boxed(every_template_flaw(), Fix::Template));
        all.extend(boxed(every_scan_flaw(), Fix::ScanFile));
        all.push(Fix::ReportBug);
        all.extend(boxed(every_meta_flaw(), Fix::Meta));
        all.extend(boxed(every_yaml_flaw(), Fix::Yaml));
        all.extend(boxed(every_pack_flaw(), Fix::Pack));
        all.push(Fix::EditOrRestore("findings/F-1.yaml".into()));
        all.push(Fix::NoBreakSpace);
        all.extend(boxed(every_feed_flaw(), Fix::Feed));
        all.extend(boxed(every_csv_flaw(), Fix::Csv));
        all.extend(boxed(every_grid_map_flaw(), Fix::GridMap));
        all.extend(boxed(every_grid_flaw(), Fix::Grid));
        all
    }

    /// The exhaustive list: a new variant fails to compile until [`every_fix`] has it.
    fn listed_fix(fix: &Fix) {
        match fix {
            Fix::Give(_)
            | Fix::Remove(_)
            | Fix::GiveOrRemove { .. }
            | Fix::VectorOrSeverity
            | Fix::SayWhy(_)
            | Fix::Choose(_)
            | Fix::DidYouMean(_)
            | Fix::ListOnce
            | Fix::KeepOne
            | Fix::RestoreId
            | Fix::IdLike(_)
            | Fix::CurrencyCode
            | Fix::DateLike
            | Fix::VectorLike
            | Fix::CveLike
            | Fix::AmountLike
            | Fix::MacLike
            | Fix::Level { .. }
            | Fix::Score { .. }
            | Fix::OtherIdOrEdit
            | Fix::TakeOutOfActions(_)
            | Fix::TakeOutOfFindings
            | Fix::GiveListedPath
            | Fix::OneLine
            | Fix::AuditorForm
            | Fix::PlainText
            | Fix::RestoreFile(_)
            | Fix::RemoveOrRestoreGrid(_)
            | Fix::DomainOrControl(_)
            | Fix::AddAsset(_)
            | Fix::CheckList(_)
            | Fix::ControlLike
            | Fix::FindEngagement
            | Fix::Unblock(_)
            | Fix::Setting(_)
            | Fix::File(_)
            | Fix::Remote(_)
            | Fix::Scan(_)
            | Fix::Cve(_)
            | Fix::Output(_)
            | Fix::Template(_)
            | Fix::ScanFile(_)
            | Fix::ReportBug
            | Fix::Meta(_)
            | Fix::Yaml(_)
            | Fix::Pack(_)
            | Fix::Feed(_)
            | Fix::Csv(_)
            | Fix::GridMap(_)
            | Fix::EditOrRestore(_)
            | Fix::NoBreakSpace
            | Fix::Nothing
            | Fix::Grid(_) => {}
        }
    }

    /// Every way a round or a sync is stopped, each flaw of a label, each act.
    fn every_blocked() -> Vec<Blocked> {
        let flaws = [
            LabelFlaw::Empty,
            LabelFlaw::TooLong(40),
            LabelFlaw::Holds(' '),
            LabelFlaw::Holds('/'),
            LabelFlaw::Holds('\u{7}'),
            LabelFlaw::Holds('~'),
            LabelFlaw::StartsBadly,
            LabelFlaw::DoubleDot,
            LabelFlaw::EndsBadly,
            LabelFlaw::Draft,
            LabelFlaw::GitRefuses,
        ];
        let mut all: Vec<Blocked> = flaws
            .into_iter()
            .map(|flaw| Blocked::NotALabel {
                given: "a b".into(),
                flaw,
            })
            .collect();
        all.extend([
            Blocked::AlreadyCurrent("2026-02".into()),
            Blocked::OpenUnderOtherLabel("2026-02".into()),
            Blocked::StillOpen("2026-02".into()),
            Blocked::AlreadyClosed {
                label: "2026-02".into(),
                on: "2026-02-03 10:00".into(),
            },
        ]);
        for act in [
            Act::CloseRound("2026-02".into()),
            Act::StartRound("2026-03".into()),
            Act::Sync,
            Act::Save,
        ] {
            all.extend([
                Blocked::GitBusy(act.clone()),
                Blocked::DraftsUnsaved {
                    act: act.clone(),
                    controls: vec!["ACC-01".into()],
                },
                Blocked::Uncommitted {
                    act: act.clone(),
                    paths: vec!["findings/F-1.yaml".into()],
                    more: 2,
                },
                Blocked::ClosedReportChanged {
                    act,
                    label: "2026-02".into(),
                },
            ]);
        }
        all.iter().for_each(listed_blocked);
        all
    }

    /// The exhaustive list: a new variant fails to compile until [`every_blocked`] has it.
    fn listed_blocked(blocked: &Blocked) {
        match blocked {
            Blocked::NotALabel { flaw, .. } => match flaw {
                LabelFlaw::Empty
                | LabelFlaw::TooLong(_)
                | LabelFlaw::Holds(_)
                | LabelFlaw::StartsBadly
                | LabelFlaw::DoubleDot
                | LabelFlaw::EndsBadly
                | LabelFlaw::Draft
                | LabelFlaw::GitRefuses => {}
            },
            Blocked::AlreadyCurrent(_)
            | Blocked::OpenUnderOtherLabel(_)
            | Blocked::StillOpen(_)
            | Blocked::AlreadyClosed { .. }
            | Blocked::GitBusy(_)
            | Blocked::DraftsUnsaved { .. }
            | Blocked::Uncommitted { .. }
            | Blocked::ClosedReportChanged { .. } => {}
        }
    }

    fn every_unblock() -> Vec<Unblock> {
        let all = vec![
            Unblock::LabelLike,
            Unblock::CarryOnOrClose,
            Unblock::CloseUnderItsLabel("2026-02".into()),
            Unblock::CloseFirst("2026-02".into()),
            Unblock::OtherLabel,
            Unblock::FinishGit,
            Unblock::FinishOrAbortGit,
            Unblock::SaveDrafts,
            Unblock::CommitOrUndo,
            Unblock::RestoreClosedReport("2026-02".into()),
        ];
        for unblock in &all {
            match unblock {
                Unblock::LabelLike
                | Unblock::CarryOnOrClose
                | Unblock::CloseUnderItsLabel(_)
                | Unblock::CloseFirst(_)
                | Unblock::OtherLabel
                | Unblock::FinishGit
                | Unblock::FinishOrAbortGit
                | Unblock::SaveDrafts
                | Unblock::CommitOrUndo
                | Unblock::RestoreClosedReport(_) => {}
            }
        }
        all
    }

    /// Each area's problems, one value of every variant (each said with its own fix): a
    /// new variant fails to compile until its list has it.
    fn every_setting() -> Vec<Setting> {
        let all = vec![
            Setting::LangVar("de".into()),
            Setting::LangVarNotText,
            Setting::NowVar("soon".into()),
            Setting::AuditorVar(AuditorFlaw::NotEmail("x".into())),
            Setting::NoEmail("Jean".into()),
            Setting::AuditorVarNotText,
            Setting::NoTerminal,
            Setting::NoClient,
            Setting::NoIdentity("/tmp/acme".into()),
            Setting::NoAuditor,
            Setting::NotEmpty("/tmp/acme".into()),
            Setting::CForNew,
            Setting::GridLacks {
                lang: "fr".into(),
                has: vec!["en".into()],
            },
            Setting::NoRepository {
                root: "/tmp/acme".into(),
                detail: "could not find repository".into(),
            },
            Setting::Bare,
            Setting::NotOwned(Box::new(Access {
                root: "/srv/audits/acme".into(),
                owner: "jeanne".into(),
                you: "bob".into(),
            })),
            Setting::Unreadable {
                path: "/srv/audits/acme/.git".into(),
                mode: 0o700,
                access: Box::new(Access {
                    root: "/srv/audits/acme".into(),
                    owner: "jeanne".into(),
                    you: "bob".into(),
                }),
            },
        ];
        for setting in &all {
            match setting {
                Setting::LangVar(_)
                | Setting::LangVarNotText
                | Setting::NowVar(_)
                | Setting::AuditorVar(_)
                | Setting::NoEmail(_)
                | Setting::AuditorVarNotText
                | Setting::NoTerminal
                | Setting::NoClient
                | Setting::NoIdentity(_)
                | Setting::NoAuditor
                | Setting::NotEmpty(_)
                | Setting::CForNew
                | Setting::GridLacks { .. }
                | Setting::NoRepository { .. }
                | Setting::Bare
                | Setting::NotOwned(_)
                | Setting::Unreadable { .. } => {}
            }
        }
        all
    }

    fn every_file_flaw() -> Vec<FileFlaw> {
        let mut all = Vec::new();
        for role in [FileRole::Evidence, FileRole::Scan] {
            all.extend([
                FileFlaw::Unreadable {
                    role,
                    path: "x.png".into(),
                    detail: "No such file or directory (os error 2)".into(),
                },
                FileFlaw::NotAFile {
                    role,
                    path: "photos".into(),
                },
            ]);
        }
        all.extend([
            FileFlaw::Link("x.png".into()),
            FileFlaw::BadName {
                path: ".x".into(),
                max: 200,
            },
            FileFlaw::InsideGit(".git/config".into()),
            FileFlaw::PathNotText("x.png".into()),
            FileFlaw::Changed("scan.xml".into()),
            FileFlaw::NameNotText(Some("findings".into())),
            FileFlaw::NameNotText(None),
            FileFlaw::NotEvidence("/etc/passwd".into()),
            FileFlaw::Missing,
            FileFlaw::TooBig {
                max: 4,
                file: "answers/ACC-01.yaml".into(),
            },
            FileFlaw::WouldBeTooBig {
                file: "answers/ACC-01.yaml".into(),
                bytes: 4_200_115,
                max: 4,
                inventory: false,
            },
            FileFlaw::WouldBeTooBig {
                file: "assets.yaml".into(),
                bytes: 4_200_115,
                max: 4,
                inventory: true,
            },
            FileFlaw::NotText,
        ]);
        for owner in [
            EvidenceOwner::Answer("ACC-01".into()),
            EvidenceOwner::Finding("F-DKZTBJ".into()),
            EvidenceOwner::Scan("S-75446d241f".into()),
        ] {
            for found in [
                EvidenceFound::Missing,
                EvidenceFound::Changed(
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
                ),
                EvidenceFound::NotAFile(FileKind::Folder),
                EvidenceFound::Unreadable("Permission denied (os error 13)".into()),
            ] {
                all.push(FileFlaw::Evidence(Box::new(EvidenceFlaw {
                    path: "evidence/ACC-01/users.png".into(),
                    expected: "5f2b7c0e1d9a3b4c5f2b7c0e1d9a3b4c5f2b7c0e1d9a3b4c5f2b7c0e1d9a3b4c"
                        .into(),
                    owner: owner.clone(),
                    found,
                })));
            }
        }
        for kind in [
            FileKind::Link,
            FileKind::Fifo,
            FileKind::Socket,
            FileKind::Device,
            FileKind::Folder,
        ] {
            all.push(FileFlaw::Special {
                kind,
                path: "answers/x".into(),
            });
            all.push(FileFlaw::NotRegular(kind));
        }
        for flaw in &all {
            match flaw {
                FileFlaw::Unreadable { .. }
                | FileFlaw::Link(_)
                | FileFlaw::NotAFile { .. }
                | FileFlaw::BadName { .. }
                | FileFlaw::InsideGit(_)
                | FileFlaw::PathNotText(_)
                | FileFlaw::Changed(_)
                | FileFlaw::NameNotText(_)
                | FileFlaw::NotEvidence(_)
                | FileFlaw::Missing
                | FileFlaw::TooBig { .. }
                | FileFlaw::WouldBeTooBig { .. }
                | FileFlaw::NotText
                | FileFlaw::Special { .. }
                | FileFlaw::NotRegular(_)
                | FileFlaw::Evidence(_) => {}
            }
        }
        all
    }

    fn every_remote() -> Vec<Remote> {
        let all = vec![
            Remote::None,
            Remote::NoSuch {
                wanted: "upstream".into(),
                known: vec!["origin".into()],
            },
            Remote::Which(vec!["a".into(), "b".into()]),
            Remote::Dash("-x".into()),
            Remote::Unreadable {
                url: "/srv/acme.git".into(),
                detail: "not found".into(),
            },
            Remote::MergeAttribute {
                pattern: "*.yaml".into(),
                word: "merge=union".into(),
            },
            Remote::CheckoutAttribute {
                pattern: "*".into(),
                word: "eol=crlf".into(),
            },
            Remote::Unsafe(IncomingFlaw::NameTooLong(255)),
            Remote::Unsafe(IncomingFlaw::Reserved),
            Remote::Unsafe(IncomingFlaw::Link),
            Remote::Unsafe(IncomingFlaw::Submodule),
            Remote::Unsafe(IncomingFlaw::Twice),
            Remote::Unsafe(IncomingFlaw::TooLarge(512)),
            Remote::Unrelated,
            Remote::ClosedReport("2026-02".into()),
            Remote::InTheWay,
        ];
        for remote in &all {
            match remote {
                Remote::None
                | Remote::NoSuch { .. }
                | Remote::Which(_)
                | Remote::Dash(_)
                | Remote::Unreadable { .. }
                | Remote::MergeAttribute { .. }
                | Remote::CheckoutAttribute { .. }
                | Remote::Unsafe(_)
                | Remote::Unrelated
                | Remote::ClosedReport(_)
                | Remote::InTheWay => {}
            }
        }
        all
    }

    fn every_scan_ask() -> Vec<ScanAsk> {
        let all = vec![
            ScanAsk::ImportedAlready("S-1".into()),
            ScanAsk::NothingPending("ENC-04".into()),
            ScanAsk::NotPending {
                given: "abc123".into(),
                control: "ENC-04".into(),
            },
            ScanAsk::CannotRun {
                command: "nmpa".into(),
                detail: "No such file or directory (os error 2)".into(),
            },
            ScanAsk::NeedsLevel("ACC-01".into()),
            ScanAsk::XmlMissing {
                id: "S-1".into(),
                path: "scans/S-1.xml".into(),
            },
            ScanAsk::XmlChanged {
                id: "S-1".into(),
                path: "scans/S-1.xml".into(),
            },
            ScanAsk::TooLarge(64),
        ];
        for ask in &all {
            match ask {
                ScanAsk::ImportedAlready(_)
                | ScanAsk::NothingPending(_)
                | ScanAsk::NotPending { .. }
                | ScanAsk::CannotRun { .. }
                | ScanAsk::NeedsLevel(_)
                | ScanAsk::XmlMissing { .. }
                | ScanAsk::XmlChanged { .. }
                | ScanAsk::TooLarge(_) => {}
            }
        }
        all
    }

    fn every_cve_ask() -> Vec<CveAsk> {
        let all = vec![
            CveAsk::NoFiles,
            CveAsk::AffectsNoAsset("CVE-2021-36260".into()),
            CveAsk::NoUpdDomain(vec!["ACC".into()]),
            CveAsk::EmptyDomain("UPD".into()),
            CveAsk::UnknownVendor {
                given: "acme".into(),
                known: vec!["hikvision".into()],
            },
            CveAsk::FeedMissing,
            CveAsk::FeedNotAFile,
            CveAsk::NotImported,
        ];
        for ask in &all {
            match ask {
                CveAsk::NoFiles
                | CveAsk::AffectsNoAsset(_)
                | CveAsk::NoUpdDomain(_)
                | CveAsk::EmptyDomain(_)
                | CveAsk::UnknownVendor { .. }
                | CveAsk::FeedMissing
                | CveAsk::FeedNotAFile
                | CveAsk::NotImported => {}
            }
        }
        all
    }

    fn every_meta_flaw() -> Vec<MetaFlaw> {
        let all = vec![
            MetaFlaw::Newer {
                format: 3,
                known: 1,
            },
            MetaFlaw::NoClient,
            MetaFlaw::NotADomain("XYZ".into()),
            MetaFlaw::AboveScale {
                domain: "ACC".into(),
                score: "9".into(),
                max: 4,
            },
            MetaFlaw::Unjustified("ACC".into()),
            MetaFlaw::Language {
                lang: "fr".into(),
                has: vec!["en".into()],
            },
        ];
        for flaw in &all {
            match flaw {
                MetaFlaw::Newer { .. }
                | MetaFlaw::NoClient
                | MetaFlaw::NotADomain(_)
                | MetaFlaw::AboveScale { .. }
                | MetaFlaw::Unjustified(_)
                | MetaFlaw::Language { .. } => {}
            }
        }
        all
    }

    fn every_pack_flaw() -> Vec<PackFlaw> {
        let mut all = vec![
            PackFlaw::Version("26.1".into()),
            PackFlaw::Twice {
                id: "CVE-2021-36260".into(),
                line: 12,
            },
            PackFlaw::KevMissing,
            PackFlaw::NotAVendor {
                vendor: "acme".into(),
                known: vec!["axis".into()],
            },
            PackFlaw::NoAffected,
            PackFlaw::TextIncomplete("title".into()),
            PackFlaw::ScoreMismatch {
                stated: "9.0".into(),
                computed: "9.8".into(),
            },
            PackFlaw::KevAfter {
                kev: "2027-01-01".into(),
                pack: "2026-12-07".into(),
            },
            PackFlaw::PublishedAfter {
                published: "2027-01-01".into(),
                pack: "2026-12-07".into(),
            },
            PackFlaw::NotACwe("CWE1".into()),
            PackFlaw::Yaml(YamlFlaw::Syntax("invalid date".into())),
            PackFlaw::NvdPageFirst("https://nvd.nist.gov/vuln/detail/CVE-2021-36260".into()),
            PackFlaw::NotAUrl("ftp://x".into()),
            PackFlaw::ImportedFromInBuiltin,
        ];
        all.extend(every_vendor_flaw().into_iter().map(PackFlaw::Vendor));
        all.extend(every_range_flaw().into_iter().map(PackFlaw::Range));
        for (place, near) in [
            (KeyPlace::File, None),
            (KeyPlace::Pack, Some("version")),
            (KeyPlace::Entry, None),
            (KeyPlace::Text("title".into()), Some("en")),
            (KeyPlace::Cvss, None),
            (KeyPlace::Range, None),
        ] {
            all.push(PackFlaw::UnknownKey {
                key: "x".into(),
                place,
                near: near.map(str::to_owned),
                known: vec!["a".into(), "b".into()],
            });
        }
        all.iter().for_each(listed_pack_flaw);
        all
    }

    /// The exhaustive list: a new pack problem fails to compile until [`every_pack_flaw`]
    /// has it.
    fn listed_pack_flaw(flaw: &PackFlaw) {
        match flaw {
            PackFlaw::Version(_)
            | PackFlaw::Twice { .. }
            | PackFlaw::KevMissing
            | PackFlaw::Vendor(_)
            | PackFlaw::NotAVendor { .. }
            | PackFlaw::NoAffected
            | PackFlaw::TextIncomplete(_)
            | PackFlaw::ScoreMismatch { .. }
            | PackFlaw::KevAfter { .. }
            | PackFlaw::PublishedAfter { .. }
            | PackFlaw::NotACwe(_)
            | PackFlaw::Range(_)
            | PackFlaw::Yaml(_)
            | PackFlaw::NvdPageFirst(_)
            | PackFlaw::NotAUrl(_)
            | PackFlaw::ImportedFromInBuiltin
            | PackFlaw::UnknownKey { .. } => {}
        }
    }

    /// A pack's `vendors`, one of each problem.
    fn every_vendor_flaw() -> Vec<VendorFlaw> {
        let all = vec![
            VendorFlaw::Key("D-Link".into()),
            VendorFlaw::NotOwnName("dlink".into()),
            VendorFlaw::AliasForm {
                alias: "D  Link".into(),
                vendor: "dlink".into(),
                normal: "d link".into(),
            },
            VendorFlaw::AliasTwice {
                alias: "axis".into(),
                first: "axis".into(),
                second: "bosch".into(),
            },
        ];
        for flaw in &all {
            match flaw {
                VendorFlaw::Key(_)
                | VendorFlaw::NotOwnName(_)
                | VendorFlaw::AliasForm { .. }
                | VendorFlaw::AliasTwice { .. } => {}
            }
        }
        all
    }

    /// A pack's affected ranges, one of each problem.
    fn every_range_flaw() -> Vec<RangeFlaw> {
        let all = vec![
            RangeFlaw::BeforeAndLastAffected,
            RangeFlaw::FromAndAfter,
            RangeFlaw::AfterInBuiltin,
            RangeFlaw::FromUnbounded,
            RangeFlaw::FixedInUnbounded,
            RangeFlaw::AllVersionsFalse,
            RangeFlaw::AllVersionsWithBounds,
            RangeFlaw::NoProducts,
            RangeFlaw::EmptyPattern,
            RangeFlaw::NotABound("v?".into()),
        ];
        for flaw in &all {
            match flaw {
                RangeFlaw::BeforeAndLastAffected
                | RangeFlaw::FromAndAfter
                | RangeFlaw::AfterInBuiltin
                | RangeFlaw::FromUnbounded
                | RangeFlaw::FixedInUnbounded
                | RangeFlaw::AllVersionsFalse
                | RangeFlaw::AllVersionsWithBounds
                | RangeFlaw::NoProducts
                | RangeFlaw::EmptyPattern
                | RangeFlaw::NotABound(_) => {}
            }
        }
        all
    }

    fn every_grid_map_flaw() -> Vec<GridMapFlaw> {
        let all = vec![
            GridMapFlaw::SameVersionDiffers {
                id: "vms".into(),
                version: "1.1.0".into(),
            },
            GridMapFlaw::OtherGrid {
                new: "cctv".into(),
                old: "vms".into(),
            },
            GridMapFlaw::NoEntry {
                id: "vms".into(),
                version: "1.2.0".into(),
                old: "1.0.0".into(),
                known: vec![],
            },
            GridMapFlaw::NoEntry {
                id: "vms".into(),
                version: "1.2.0".into(),
                old: "1.0.0".into(),
                known: vec!["1.1.0".into()],
            },
            GridMapFlaw::NotMapped {
                control: "ACC-01".into(),
                version: "1.0.0".into(),
                hash: "ab12".into(),
            },
            GridMapFlaw::HashDiffers {
                control: "ACC-01".into(),
                version: "1.0.0".into(),
                hash: "ab12".into(),
                said: "cd34".into(),
            },
            GridMapFlaw::NotInOld {
                id: "ACC-99".into(),
                version: "1.0.0".into(),
            },
            GridMapFlaw::DomainGone {
                finding: "F-1".into(),
                domain: "PHY".into(),
                grid: "vms 2.0.0".into(),
            },
        ];
        for flaw in &all {
            match flaw {
                GridMapFlaw::SameVersionDiffers { .. }
                | GridMapFlaw::OtherGrid { .. }
                | GridMapFlaw::NoEntry { .. }
                | GridMapFlaw::NotMapped { .. }
                | GridMapFlaw::HashDiffers { .. }
                | GridMapFlaw::NotInOld { .. }
                | GridMapFlaw::DomainGone { .. } => {}
            }
        }
        all
    }

    fn every_csv_flaw() -> Vec<CsvFlaw> {
        let all = vec![
            CsvFlaw::Empty(&["id", "kind"]),
            CsvFlaw::NotCsv("invalid UTF-8".into()),
            CsvFlaw::Cells { row: 3, header: 5 },
            CsvFlaw::ColumnTwice("model".into()),
            CsvFlaw::UnknownColumns {
                unknown: vec![("modèle".into(), 4), ("ip".into(), 6)],
                known: &["id", "kind"],
            },
            CsvFlaw::NoIdColumn,
            CsvFlaw::NoHeader(7),
            CsvFlaw::IdEmpty,
            CsvFlaw::BadId(Box::new(Wrong::BadId {
                given: "CAM 12".into(),
                max: 32,
            })),
            CsvFlaw::IdTwice {
                id: "CAM-012".into(),
                line: 3,
            },
            CsvFlaw::Kind(BadValue::new(
                "ptz",
                Expected::OneOf(Kind::AssetKind, &["camera", "nvr"]),
            )),
            CsvFlaw::NoKind {
                id: "CAM-900".into(),
                kinds: &["camera", "nvr"],
            },
        ];
        for flaw in &all {
            match flaw {
                CsvFlaw::Empty(_)
                | CsvFlaw::NotCsv(_)
                | CsvFlaw::Cells { .. }
                | CsvFlaw::ColumnTwice(_)
                | CsvFlaw::UnknownColumns { .. }
                | CsvFlaw::NoIdColumn
                | CsvFlaw::NoHeader(_)
                | CsvFlaw::IdEmpty
                | CsvFlaw::BadId(_)
                | CsvFlaw::IdTwice { .. }
                | CsvFlaw::Kind(_)
                | CsvFlaw::NoKind { .. } => {}
            }
        }
        all
    }

    fn every_feed_flaw() -> Vec<FeedFlaw> {
        let mut all = vec![
            FeedFlaw::ZipIncomplete("invalid Zip archive".into()),
            FeedFlaw::ZipEntry {
                index: 1,
                detail: "bad CRC".into(),
            },
            FeedFlaw::ZipNoJson(vec![]),
            FeedFlaw::ZipNoJson(vec!["README.txt".into()]),
            FeedFlaw::Bomb { mib: 2048, kib: 12 },
            FeedFlaw::Empty,
            FeedFlaw::Binary,
            FeedFlaw::Unreadable("permission denied".into()),
            FeedFlaw::NotAFeed,
            FeedFlaw::CountMismatch { said: 3, has: 2 },
            FeedFlaw::NotCsv("bad".into()),
            FeedFlaw::NoColumns(vec!["cveID".into()]),
            FeedFlaw::NoColumns(vec!["cveID".into(), "dateAdded".into()]),
            FeedFlaw::BadRow {
                detail: "found record with 2 fields".into(),
                read: 4,
            },
            FeedFlaw::BadValues {
                id: "x".into(),
                date: "y".into(),
            },
        ];
        for (how, read, last) in [
            (JsonBreak::Eof, 0, None),
            (JsonBreak::CompressedEof, 1, Some("CVE-2021-36260")),
            (JsonBreak::Io("denied".into()), 3, Some("CVE-2021-36260")),
            (JsonBreak::Invalid("expected `,`".into()), 3, None),
            (JsonBreak::WrongKind, 2, Some("CVE-2021-36260")),
        ] {
            match how {
                JsonBreak::Eof
                | JsonBreak::CompressedEof
                | JsonBreak::Io(_)
                | JsonBreak::Invalid(_)
                | JsonBreak::WrongKind => {}
            }
            all.push(FeedFlaw::Broken {
                how,
                read,
                last: last.map(str::to_owned),
            });
        }
        for flaw in &all {
            match flaw {
                FeedFlaw::ZipIncomplete(_)
                | FeedFlaw::ZipEntry { .. }
                | FeedFlaw::ZipNoJson(_)
                | FeedFlaw::Bomb { .. }
                | FeedFlaw::Empty
                | FeedFlaw::Binary
                | FeedFlaw::Unreadable(_)
                | FeedFlaw::NotAFeed
                | FeedFlaw::Broken { .. }
                | FeedFlaw::CountMismatch { .. }
                | FeedFlaw::NotCsv(_)
                | FeedFlaw::NoColumns(_)
                | FeedFlaw::BadRow { .. }
                | FeedFlaw::BadValues { .. } => {}
            }
        }
        all
    }

    fn every_yaml_flaw() -> Vec<YamlFlaw> {
        let all = vec![
            YamlFlaw::TooLarge("budget breached".into()),
            YamlFlaw::TooDeep("recursion limit".into()),
            YamlFlaw::Tab,
            YamlFlaw::KeyTwice("id".into()),
            YamlFlaw::ColonInText,
            YamlFlaw::Unclosed,
            YamlFlaw::ControlCharacter,
            YamlFlaw::NotAWholeNumber,
            YamlFlaw::NotANumber,
            YamlFlaw::NotYesNo,
            YamlFlaw::Empty,
            YamlFlaw::NotKeys,
            YamlFlaw::UnknownKey {
                key: "colour".into(),
                known: vec!["control".into(), "level".into()],
            },
            YamlFlaw::MissingKey("assessed_by".into()),
            YamlFlaw::NotOneOf {
                given: "huge".into(),
                known: vec!["low".into(), "high".into()],
            },
            YamlFlaw::Indentation,
            YamlFlaw::BlockIndent,
            YamlFlaw::BlockHeader,
            YamlFlaw::Brackets,
            YamlFlaw::AfterQuote,
            YamlFlaw::Escape,
            YamlFlaw::Alias,
            YamlFlaw::Tag,
            YamlFlaw::Directive,
            YamlFlaw::Documents,
            YamlFlaw::Comment,
            YamlFlaw::Space,
            YamlFlaw::ByteOrderMark,
            YamlFlaw::Reserved('@'),
            YamlFlaw::Value("invalid date".into()),
            YamlFlaw::Bad(BadValue::new("high", value::Expected::Level)),
            YamlFlaw::Syntax("expected mapping start".into()),
        ];
        let mut all = all;
        for found in [
            GridFound::Text("x".into()),
            GridFound::Number("1".into()),
            GridFound::YesNo(true),
            GridFound::Nothing,
            GridFound::List,
            GridFound::Entry,
        ] {
            for (expected, part) in [
                (GridExpect::OneText, ShapePart::Value),
                (GridExpect::LevelOrNa, ShapePart::Value),
                (GridExpect::List, ShapePart::Value),
                (GridExpect::Entry, ShapePart::Item),
                (GridExpect::Word, ShapePart::Item),
            ] {
                all.push(YamlFlaw::Shape {
                    key: "observations".into(),
                    part,
                    expected,
                    found: found.clone(),
                });
            }
        }
        for flaw in &all {
            match flaw {
                YamlFlaw::TooLarge(_)
                | YamlFlaw::TooDeep(_)
                | YamlFlaw::Tab
                | YamlFlaw::KeyTwice(_)
                | YamlFlaw::ColonInText
                | YamlFlaw::Unclosed
                | YamlFlaw::ControlCharacter
                | YamlFlaw::NotAWholeNumber
                | YamlFlaw::NotANumber
                | YamlFlaw::NotYesNo
                | YamlFlaw::Empty
                | YamlFlaw::NotKeys
                | YamlFlaw::UnknownKey { .. }
                | YamlFlaw::MissingKey(_)
                | YamlFlaw::NotOneOf { .. }
                | YamlFlaw::Shape { .. }
                | YamlFlaw::Indentation
                | YamlFlaw::BlockIndent
                | YamlFlaw::BlockHeader
                | YamlFlaw::Brackets
                | YamlFlaw::AfterQuote
                | YamlFlaw::Escape
                | YamlFlaw::Alias
                | YamlFlaw::Tag
                | YamlFlaw::Directive
                | YamlFlaw::Documents
                | YamlFlaw::Comment
                | YamlFlaw::Space
                | YamlFlaw::ByteOrderMark
                | YamlFlaw::Reserved(_)
                | YamlFlaw::Value(_)
                | YamlFlaw::Bad(_)
                | YamlFlaw::Syntax(_) => {}
            }
        }
        all
    }

    fn every_template_flaw() -> Vec<TemplateFlaw> {
        let mut all = vec![
            TemplateFlaw::FolderNotAFolder,
            TemplateFlaw::NotAFile,
            TemplateFlaw::Gone,
        ];
        for culprit in [
            Culprit::BuiltIn,
            Culprit::Override("templates/report.fr.md.tera".into()),
        ] {
            all.push(TemplateFlaw::TooLong {
                millis: 2500,
                culprit: culprit.clone(),
            });
            all.push(TemplateFlaw::TooLarge {
                mb: 64,
                culprit: culprit.clone(),
            });
            for what in [
                Loaded::Image,
                Loaded::Link,
                Loaded::RawHtml,
                Loaded::YamlBlock,
            ] {
                all.push(TemplateFlaw::Loads {
                    what,
                    target: "/etc/passwd".into(),
                    line: 12,
                    culprit: culprit.clone(),
                });
            }
            all.push(TemplateFlaw::Tera {
                detail: "unexpected `}}`".into(),
                culprit,
            });
        }
        for flaw in &all {
            match flaw {
                TemplateFlaw::FolderNotAFolder
                | TemplateFlaw::NotAFile
                | TemplateFlaw::Gone
                | TemplateFlaw::TooLong { .. }
                | TemplateFlaw::TooLarge { .. }
                | TemplateFlaw::Loads { .. }
                | TemplateFlaw::Tera { .. } => {}
            }
        }
        all
    }

    fn every_scan_flaw() -> Vec<ScanFlaw> {
        let all = vec![
            ScanFlaw::Truncated,
            ScanFlaw::NotXml("unexpected end of stream".into()),
            ScanFlaw::NotNmap("html".into()),
            ScanFlaw::HostWithoutAddress,
            ScanFlaw::Interrupted,
            ScanFlaw::Entities,
            ScanFlaw::OtherDoctype,
            ScanFlaw::NotAMapping {
                detail: "unknown field `fact`".into(),
                kinds: vec!["telnet", "ftp"],
            },
        ];
        for flaw in &all {
            match flaw {
                ScanFlaw::Truncated
                | ScanFlaw::NotXml(_)
                | ScanFlaw::NotNmap(_)
                | ScanFlaw::HostWithoutAddress
                | ScanFlaw::Interrupted
                | ScanFlaw::Entities
                | ScanFlaw::OtherDoctype
                | ScanFlaw::NotAMapping { .. } => {}
            }
        }
        all
    }

    fn every_report_fault() -> Vec<ReportFault> {
        let all = vec![
            ReportFault::StartRendering("template not found".into()),
            ReportFault::NotUtf8,
            ReportFault::ReportData("a key must be a string".into()),
            ReportFault::RadarSvg("unexpected end of stream".into()),
            ReportFault::RadarNoSize,
            ReportFault::RadarTooLarge,
            ReportFault::RadarPng("out of memory".into()),
            ReportFault::Csv("invalid UTF-8".into()),
            ReportFault::Spreadsheet("too many rows".into()),
        ];
        for fault in &all {
            match fault {
                ReportFault::StartRendering(_)
                | ReportFault::NotUtf8
                | ReportFault::ReportData(_)
                | ReportFault::RadarSvg(_)
                | ReportFault::RadarNoSize
                | ReportFault::RadarTooLarge
                | ReportFault::RadarPng(_)
                | ReportFault::Csv(_)
                | ReportFault::Spreadsheet(_) => {}
            }
        }
        all
    }

    fn every_output() -> Vec<Output> {
        let all = vec![
            Output::BinaryToTerminal,
            Output::IsAFolder("out".into()),
            Output::DocxNeedsFile,
            Output::NotAnOverride("report.fr.md.tera".into()),
            Output::NoSuchRound,
            Output::NotARevision {
                given: "v9".into(),
                rounds: vec![],
            },
            Output::NotARevision {
                given: "v9".into(),
                rounds: vec!["2026-02".into()],
            },
            Output::UnknownOverride,
            Output::NotAccepted {
                name: "report.fr.md.tera".into(),
                changed: false,
            },
            Output::NotAccepted {
                name: "report.fr.md.tera".into(),
                changed: true,
            },
            Output::ReferenceNotPlain,
            Output::DraftCommitted(3),
            Output::NotAtRevision,
        ];
        for output in &all {
            match output {
                Output::BinaryToTerminal
                | Output::IsAFolder(_)
                | Output::DocxNeedsFile
                | Output::NotAnOverride(_)
                | Output::NoSuchRound
                | Output::NotARevision { .. }
                | Output::UnknownOverride
                | Output::NotAccepted { .. }
                | Output::ReferenceNotPlain
                | Output::DraftCommitted(_)
                | Output::NotAtRevision => {}
            }
        }
        all
    }

    fn every_subject() -> Vec<Subject> {
        vec![
            Subject::NewFinding,
            Subject::Finding("F-1".into()),
            Subject::NewAction,
            Subject::Action("A-1".into()),
            Subject::Asset("CAM-01".into()),
            Subject::File("assets.csv".into()),
            Subject::Answer("ACC-01".into()),
            Subject::Override(Some("ACC".into())),
            Subject::Override(None),
            Subject::Scope,
            Subject::ScanFacts("ENC-04".into()),
        ]
    }

    fn every_thing() -> [Thing; 6] {
        [
            Thing::Finding,
            Thing::Action,
            Thing::Asset,
            Thing::Control,
            Thing::Domain,
            Thing::Scan,
        ]
    }

    /// French typography: a no-break space, never a plain one, before `: ; ? !` and inside
    /// « ».
    fn assert_french(text: &str) {
        for mark in [" :", " ;", " ?", " !", "« ", " »"] {
            assert!(!text.contains(mark), "plain space in {text:?}");
        }
    }

    fn texts(lang: Lang) -> Vec<String> {
        let name: Namer<'_> = &key;
        let mut texts: Vec<String> = every_wrong().iter().map(|w| wrong(lang, w, name)).collect();
        texts.extend(every_fix().iter().map(|f| fix(lang, f, name)));
        texts.extend(every_subject().iter().map(|s| subject(lang, s)));
        texts.extend(every_report_fault().iter().map(|f| report_fault(lang, f)));
        texts.extend(Field::all().map(|f| label(lang, f).to_owned()));
        texts.extend(every_thing().iter().map(|thing| {
            wrong(
                lang,
                &Wrong::Unknown(Unknown {
                    thing: *thing,
                    given: "X".into(),
                    grid: None,
                }),
                name,
            )
        }));
        for doing in [Doing::Checklist, Doing::Command("answer ACC-01".into())] {
            let holder = Holder {
                doing,
                pid: 1,
                user: "jeanne".into(),
                host: "poste-1".into(),
                since: Some(jiff::civil::date(2026, 2, 3).at(11, 0, 0, 0)),
            };
            let (message, hint) = locked(lang, Some(&holder));
            texts.extend([message, hint]);
        }
        let (message, hint) = locked(lang, None);
        texts.extend([message, hint]);
        for unchanged in [
            Unchanged::Record("ACC-01".into()),
            Unchanged::Engagement,
            Unchanged::Asset("CAM-01".into()),
            Unchanged::AssetsFrom("scan S-1".into()),
            Unchanged::Import {
                file: "a.csv".into(),
                unchanged: 4,
            },
            Unchanged::NoOverride("NET".into()),
            Unchanged::ScanImported {
                id: "S-1".into(),
                file: "devices.xml".into(),
            },
        ] {
            match &unchanged {
                Unchanged::Record(_)
                | Unchanged::Engagement
                | Unchanged::Asset(_)
                | Unchanged::AssetsFrom(_)
                | Unchanged::Import { .. }
                | Unchanged::NoOverride(_)
                | Unchanged::ScanImported { .. } => {}
            }
            texts.push(unchanged.phrase(lang));
        }
        texts.push(exposed(lang, "/srv/audits/acme", 0o755));
        texts.push(evidence_marked(lang, 3));
        for said in [
            Pandoc::Missing,
            Pandoc::CannotRun("permission denied".into()),
            Pandoc::TooOld {
                has: (1, 19),
                needs: (2, 0),
            },
            Pandoc::NoVersion("pandoc".into()),
            Pandoc::Failed {
                said: "unknown option".into(),
                reference: Some("templates/reference.docx".into()),
            },
            Pandoc::Failed {
                said: "unknown option".into(),
                reference: None,
            },
        ] {
            match &said {
                Pandoc::Missing
                | Pandoc::CannotRun(_)
                | Pandoc::TooOld { .. }
                | Pandoc::NoVersion(_)
                | Pandoc::Failed { .. } => {}
            }
            let (message, hint) = pandoc(lang, &said);
            texts.extend([message, hint]);
        }
        let whys = every_range_why();
        texts.extend(whys.iter().map(|why| why.phrase(lang)));
        texts.extend(
            [Verdict::Affected, Verdict::Unknown, Verdict::NotAffected]
                .map(|verdict| verdict.phrase(lang).to_owned()),
        );
        let trace = MatchTrace {
            vendor: "dahua",
            alias: "zhejiang dahua technology",
            model: "DH-IPC-HFW3441E-AS",
            ranges: whys.iter().map(|why| ("*IPC-H*W3*", why)).collect(),
        };
        texts.push(trace.phrase(lang));
        texts
    }

    /// Every ground the matcher gives, each kind of `Uncomparable` among them.
    fn every_range_why() -> Vec<RangeWhy> {
        let (firmware, bound) = ("V2.800.0000000.16.R", "2.800.0000000.29.r.210630");
        let end = |bound: &str, included| {
            Some(RangeEnd {
                bound: bound.to_owned(),
                included,
            })
        };
        let uncomparable = [
            Uncomparable::FirmwareYearRelease {
                firmware: "2017 R3".into(),
                bound: "10.0.a".into(),
            },
            Uncomparable::BoundYearRelease {
                firmware: "11.3a".into(),
                bound: "2017 R3".into(),
            },
            Uncomparable::OtherLine {
                firmware: "CIPC-B2303.2.9.240101".into(),
                line: "CIPC-B2303".into(),
                bound: "dipc-b1213.6.5.230215".into(),
                bound_line: "dipc-b1213".into(),
            },
            Uncomparable::NumberedDifferently {
                firmware: "2.1.6.05".into(),
                bound: "M2.1.6.05".into(),
                number: "2".into(),
                letters: "m".into(),
            },
            Uncomparable::NoBuildDate {
                firmware: "2.800.0000000.29.R".into(),
                bound: "2.800.0000000.29.r.210630".into(),
                build: "2021-06-30".into(),
            },
            Uncomparable::NoBuildDateForDate {
                firmware: "V2.800.0000000.16.R".into(),
                bound: "2022-04".into(),
            },
            Uncomparable::StampNotADate {
                firmware: "v3.0.0.494_21073000".into(),
                stamp: "21073000".into(),
                bound: "2021-09".into(),
            },
        ];
        for why in &uncomparable {
            match why {
                Uncomparable::FirmwareYearRelease { .. }
                | Uncomparable::BoundYearRelease { .. }
                | Uncomparable::OtherLine { .. }
                | Uncomparable::NumberedDifferently { .. }
                | Uncomparable::NoBuildDate { .. }
                | Uncomparable::NoBuildDateForDate { .. }
                | Uncomparable::StampNotADate { .. } => {}
            }
        }
        let against = |order: Order, bound: &str| Against {
            firmware_is: order,
            bound: bound.to_owned(),
        };
        let mut whys = vec![
            RangeWhy::AllVersions {
                pattern: "IC-7100*".into(),
            },
            RangeWhy::NoUpperBound {
                pattern: "RLC-410W*".into(),
            },
            RangeWhy::NoFirmware {
                lower: end("4.30.300", true),
                upper: end("4.31.100", true),
            },
            RangeWhy::NoFirmware {
                lower: end("1.0", false),
                upper: end("1.65.1", false),
            },
            RangeWhy::NoFirmware {
                lower: None,
                upper: end("1.65.1", false),
            },
            RangeWhy::NotAVersion {
                firmware: "inconnu".into(),
            },
            RangeWhy::BoundNotAVersion {
                bound: "latest".into(),
            },
            RangeWhy::Compared {
                firmware: firmware.into(),
                against: vec![against(Order::Less, bound)],
                inside: true,
                no_fix: false,
            },
            RangeWhy::Compared {
                firmware: "V4.30.300 build 200624".into(),
                against: vec![
                    against(Order::Equal, "4.30.300"),
                    against(Order::Less, "4.31.100"),
                ],
                inside: true,
                no_fix: true,
            },
            RangeWhy::Compared {
                firmware: "1.65.1".into(),
                against: vec![against(Order::Greater, "1.65.1")],
                inside: false,
                no_fix: false,
            },
        ];
        whys.extend(uncomparable.into_iter().map(RangeWhy::Uncomparable));
        for why in &whys {
            match why {
                RangeWhy::AllVersions { .. }
                | RangeWhy::NoUpperBound { .. }
                | RangeWhy::NoFirmware { .. }
                | RangeWhy::NotAVersion { .. }
                | RangeWhy::BoundNotAVersion { .. }
                | RangeWhy::Uncomparable(_)
                | RangeWhy::Compared { .. } => {}
            }
        }
        whys
    }

    /// A match's grounds read as a French auditor writes them, and serialise with stable
    /// English names for scripts.
    #[test]
    fn a_match_s_grounds_read_in_french_and_serialise_in_english_names() {
        let why = RangeWhy::Compared {
            firmware: "V4.30.300 build 200624".into(),
            against: vec![
                Against {
                    firmware_is: Order::Equal,
                    bound: "4.30.300".into(),
                },
                Against {
                    firmware_is: Order::Less,
                    bound: "4.31.100".into(),
                },
            ],
            inside: true,
            no_fix: false,
        };
        let trace = MatchTrace {
            vendor: "hikvision",
            alias: "hikvision",
            model: "DS-7108NI-Q1/M",
            ranges: vec![("DS-7108NI-Q1/M*", &why)],
        };
        assert_eq!(
            trace.phrase(Lang::En),
            "hikvision (alias \"hikvision\"), model \"DS-7108NI-Q1/M\" ~ \"DS-7108NI-Q1/M*\", \
             firmware \"V4.30.300 build 200624\" = \"4.30.300\" and < \"4.31.100\" → affected"
        );
        assert_eq!(
            trace.phrase(Lang::Fr),
            "hikvision (alias «\u{a0}hikvision\u{a0}»), modèle «\u{a0}DS-7108NI-Q1/M\u{a0}» ~ \
             «\u{a0}DS-7108NI-Q1/M*\u{a0}», version de firmware «\u{a0}V4.30.300 build 200624\u{a0}» \
             = «\u{a0}4.30.300\u{a0}» et < «\u{a0}4.31.100\u{a0}» → concerné"
        );
        assert_eq!(
            serde_json::to_value(&why).unwrap(),
            serde_json::json!({
                "kind": "compared",
                "firmware": "V4.30.300 build 200624",
                "against": [
                    {"firmware_is": "equal", "bound": "4.30.300"},
                    {"firmware_is": "less", "bound": "4.31.100"}
                ],
                "inside": true,
                "no_fix": false
            })
        );
        let why = RangeWhy::Uncomparable(Uncomparable::NoBuildDate {
            firmware: "2.800.0000000.29.R".into(),
            bound: "2.800.0000000.29.r.210630".into(),
            build: "2021-06-30".into(),
        });
        assert_eq!(why.verdict(), Verdict::Unknown);
        assert_eq!(
            serde_json::to_value(&why).unwrap(),
            serde_json::json!({
                "kind": "uncomparable",
                "because": "no_build_date",
                "firmware": "2.800.0000000.29.R",
                "bound": "2.800.0000000.29.r.210630",
                "build": "2021-06-30"
            })
        );
        assert_eq!(
            why.phrase(Lang::Fr),
            "la version de firmware «\u{a0}2.800.0000000.29.R\u{a0}» est celle de la borne \
             «\u{a0}2.800.0000000.29.r.210630\u{a0}», mais n'a pas de date de compilation à \
             comparer avec 2021-06-30"
        );
    }

    #[test]
    fn every_message_has_its_words_in_both_languages_with_french_typography() {
        let (en, fr) = (texts(Lang::En), texts(Lang::Fr));
        assert_eq!(en.len(), fr.len());
        // Only `Fix::Nothing` says nothing: a variant a group's function forgets would too.
        assert_eq!(en.iter().filter(|text| text.is_empty()).count(), 1);
        for (en, fr) in en.iter().zip(&fr) {
            // `Fix::Nothing` says nothing in any language; a few labels are the same word.
            if en.is_empty() {
                assert!(fr.is_empty());
                continue;
            }
            assert!(!fr.is_empty(), "no French for {en:?}");
            assert_french(fr);
        }
        // A sentence that reads the same in both languages is one left in English (a few
        // labels and names are the same words: "Description", "action A-1").
        let same: Vec<&String> = en
            .iter()
            .zip(&fr)
            .filter(|(en, fr)| en == fr && en.split(' ').count() > 2)
            .map(|(en, _)| en)
            .collect();
        assert!(same.is_empty(), "the same in both languages: {same:?}");
    }

    #[test]
    fn a_field_problem_names_its_field_as_the_front_end_says() {
        let problem = FieldProblem::new(
            crate::field::FindingField::Title,
            Wrong::Empty,
            Fix::Give(crate::field::FindingField::Title.into()),
        );
        let flag = |_: Field| "`--title`".to_owned();
        assert_eq!(problem.phrase(Lang::En, &flag), "empty — give `--title`");
        assert_eq!(
            problem.phrase(Lang::Fr, &flag),
            "vide — renseignez `--title`"
        );
        assert_eq!(problem.to_string(), "`title`: empty — give `title`");
        let item = FieldProblem {
            item: Some(2),
            ..problem
        };
        assert_eq!(item.path(), "[2].title");
    }

    /// Every grid file's problem, each text's owner and each place of an unknown key among
    /// them.
    fn every_grid_flaw() -> Vec<GridFlaw> {
        let (version, old) = ("1.0.0".to_owned(), "ACC-09".to_owned());
        let control = "ACC-01".to_owned();
        let mut all = vec![
            GridFlaw::Empty,
            GridFlaw::NotAMap,
            GridFlaw::NoId(GridIdOf::Domain),
            GridFlaw::NoId(GridIdOf::Control),
            GridFlaw::BadId {
                id: "../x".into(),
                of: GridIdOf::Domain,
            },
            GridFlaw::BadId {
                id: "../x".into(),
                of: GridIdOf::Control,
            },
            GridFlaw::IdTwice {
                id: control.clone(),
                line: 13,
            },
            GridFlaw::IdCase {
                id: "acc-01".into(),
                other: control.clone(),
                line: 13,
            },
        ];
        all.extend(every_header_flaw().into_iter().map(GridFlaw::Header));
        all.extend(
            every_control_flaw(&control)
                .into_iter()
                .map(GridFlaw::Control),
        );
        all.extend(every_unknown_grid_key());
        all.extend(
            every_text_flaw(&version, &old, &control)
                .into_iter()
                .map(GridFlaw::Text),
        );
        all.extend(every_replaces_flaw(&version, &old, &control));
        all.extend(every_shape_flaw(&control));
        all.iter().for_each(listed_grid_flaw);
        all
    }

    /// A value of the wrong kind: every expectation, every kind of value found, every part,
    /// and the owners a shape names that no text problem does.
    fn every_shape_flaw(control: &str) -> Vec<GridFlaw> {
        let expectations = [
            GridExpect::Text,
            GridExpect::TextIn,
            GridExpect::Word,
            GridExpect::List,
            GridExpect::Entry,
            GridExpect::Mappings,
            GridExpect::LevelTexts,
            GridExpect::Level { max: 9 },
            GridExpect::Weight,
            GridExpect::YesNo,
            GridExpect::OneText,
            GridExpect::LevelOrNa,
        ];
        for expected in &expectations {
            match expected {
                GridExpect::Text
                | GridExpect::TextIn
                | GridExpect::Word
                | GridExpect::List
                | GridExpect::Entry
                | GridExpect::Mappings
                | GridExpect::LevelTexts
                | GridExpect::Level { .. }
                | GridExpect::Weight
                | GridExpect::YesNo
                | GridExpect::OneText
                | GridExpect::LevelOrNa => {}
            }
        }
        let founds = [
            GridFound::Text("two".into()),
            GridFound::Number("-1".into()),
            GridFound::YesNo(true),
            GridFound::Nothing,
            GridFound::List,
            GridFound::Entry,
        ];
        for found in &founds {
            match found {
                GridFound::Text(_)
                | GridFound::Number(_)
                | GridFound::YesNo(_)
                | GridFound::Nothing
                | GridFound::List
                | GridFound::Entry => {}
            }
        }
        let mut all = Vec::new();
        for (index, expected) in expectations.into_iter().enumerate() {
            for part in [ShapePart::Value, ShapePart::Item, ShapePart::Key] {
                match part {
                    ShapePart::Value | ShapePart::Item | ShapePart::Key => {}
                }
                all.push(GridFlaw::Shape {
                    owner: TextOwner::Control(control.to_owned()),
                    key: "weight".into(),
                    part,
                    expected,
                    found: founds[index % founds.len()].clone(),
                });
            }
        }
        for (owner, found) in [
            TextOwner::Replaces(Some("1.0.0".into())),
            TextOwner::Replaces(None),
        ]
        .into_iter()
        .zip(founds)
        {
            all.push(GridFlaw::Shape {
                owner,
                key: "added".into(),
                part: ShapePart::Value,
                expected: GridExpect::List,
                found,
            });
        }
        all
    }

    /// A grid's header, one of each problem.
    fn every_header_flaw() -> Vec<HeaderFlaw> {
        vec![
            HeaderFlaw::BadGridId("a b".into()),
            HeaderFlaw::NoGridId,
            HeaderFlaw::NoVersion,
            HeaderFlaw::BadVersion("1.0 beta".into()),
            HeaderFlaw::NoLanguages,
            HeaderFlaw::LanguagesEmpty,
            HeaderFlaw::NotALanguage("french".into()),
            HeaderFlaw::LanguageTwice("fr".into()),
            HeaderFlaw::NoScale,
            HeaderFlaw::ScaleSize { count: 12, max: 10 },
            HeaderFlaw::LevelOutOfOrder {
                level: 2,
                expected: 1,
            },
            HeaderFlaw::NoLevel { expected: 3 },
        ]
    }

    /// A grid's domains and controls, one of each problem.
    fn every_control_flaw(control: &str) -> Vec<ControlFlaw> {
        let control = control.to_owned();
        vec![
            ControlFlaw::NoDomain,
            ControlFlaw::NoDomains,
            ControlFlaw::NoControl {
                domain: "ACC".into(),
                listed: true,
            },
            ControlFlaw::NoControl {
                domain: "ACC".into(),
                listed: false,
            },
            ControlFlaw::LevelOutsideScale {
                control: control.clone(),
                level: 5,
                top: 4,
            },
            ControlFlaw::UnknownComponent {
                control: control.clone(),
                component: "cameras".into(),
                near: Some("camera"),
                known: &["camera", "nvr"],
            },
            ControlFlaw::UnknownComponent {
                control: control.clone(),
                component: "toaster".into(),
                near: None,
                known: &["camera", "nvr"],
            },
            ControlFlaw::EmptyReference {
                control: control.clone(),
            },
            ControlFlaw::BadWeight {
                control,
                weight: "0.5".into(),
            },
        ]
    }

    /// An unknown key at each place of a grid, with and without a near one.
    fn every_unknown_grid_key() -> Vec<GridFlaw> {
        let mut all = Vec::new();
        for place in [
            GridKeyPlace::Grid,
            GridKeyPlace::Level,
            GridKeyPlace::Domain,
            GridKeyPlace::Control,
            GridKeyPlace::Replaces,
            GridKeyPlace::Mapping,
        ] {
            match place {
                GridKeyPlace::Grid
                | GridKeyPlace::Level
                | GridKeyPlace::Domain
                | GridKeyPlace::Control
                | GridKeyPlace::Replaces
                | GridKeyPlace::Mapping => {}
            }
            for near in [Some("title"), None] {
                all.push(GridFlaw::UnknownKey {
                    key: "titel".into(),
                    place,
                    near,
                    known: &["id", "title"],
                });
            }
        }
        all
    }

    /// Each text's problems, for each owner of a text.
    fn every_text_flaw(version: &str, old: &str, control: &str) -> Vec<TextFlaw> {
        let mut all = Vec::new();
        for owner in [
            TextOwner::Grid,
            TextOwner::Level(2),
            TextOwner::Domain("ACC".into()),
            TextOwner::Control(control.to_owned()),
            TextOwner::Mapping {
                version: version.to_owned(),
                old: old.to_owned(),
            },
        ] {
            match &owner {
                TextOwner::Grid
                | TextOwner::Level(_)
                | TextOwner::Domain(_)
                | TextOwner::Control(_)
                | TextOwner::Mapping { .. }
                | TextOwner::Replaces(_) => {}
            }
            let key = "title".to_owned();
            let lang = "fr".to_owned();
            all.extend([
                TextFlaw::NoText {
                    owner: owner.clone(),
                    key: key.clone(),
                },
                TextFlaw::EmptyText {
                    owner: owner.clone(),
                    key: key.clone(),
                },
                TextFlaw::NoTextIn {
                    owner: owner.clone(),
                    key: key.clone(),
                    lang: lang.clone(),
                },
                TextFlaw::EmptyIn {
                    owner: owner.clone(),
                    key: key.clone(),
                    lang: lang.clone(),
                },
                TextFlaw::OtherLanguage {
                    owner,
                    key,
                    lang: "de".into(),
                    languages: vec!["en".into(), lang],
                },
            ]);
        }
        all
    }

    /// A grid's `replaces` and its mappings, one of each problem.
    fn every_replaces_flaw(version: &str, old: &str, control: &str) -> Vec<GridFlaw> {
        let (version, old, control) = (version.to_owned(), old.to_owned(), control.to_owned());
        vec![
            GridFlaw::Replaces(ReplacesFlaw::ReplacesItself("1.1.0".into())),
            GridFlaw::Replaces(ReplacesFlaw::ReplacedTwice(version.clone())),
            GridFlaw::Replaces(ReplacesFlaw::NoReplacedVersion),
            GridFlaw::Replaces(ReplacesFlaw::NoMappings {
                version: version.clone(),
            }),
            GridFlaw::Mapping(MappingFlaw::BadOldId {
                version: version.clone(),
                old: "a/b".into(),
            }),
            GridFlaw::Mapping(MappingFlaw::BadHash {
                version: version.clone(),
                old: old.clone(),
                digits: 16,
            }),
            GridFlaw::Mapping(MappingFlaw::NoHash {
                version: version.clone(),
                old: old.clone(),
            }),
            GridFlaw::Mapping(MappingFlaw::NoTarget {
                version: version.clone(),
                old: old.clone(),
            }),
            GridFlaw::Mapping(MappingFlaw::NotATarget {
                version: version.clone(),
                old: old.clone(),
                target: "ACC-1".into(),
                near: Some(control.clone()),
            }),
            GridFlaw::Mapping(MappingFlaw::NotATarget {
                version: version.clone(),
                old: old.clone(),
                target: "XYZ".into(),
                near: None,
            }),
            GridFlaw::Mapping(MappingFlaw::AddedUnknown {
                version: version.clone(),
                id: "ACC-99".into(),
            }),
            GridFlaw::Mapping(MappingFlaw::AddedAndMapped {
                version: version.clone(),
                id: control.clone(),
                line: 40,
            }),
            GridFlaw::Mapping(MappingFlaw::NotAccountedFor {
                version: version.clone(),
                control: control.clone(),
            }),
        ]
    }

    /// The exhaustive list: a new grid problem fails to compile until [`every_grid_flaw`]
    /// has it.
    fn listed_grid_flaw(flaw: &GridFlaw) {
        match flaw {
            GridFlaw::Empty
            | GridFlaw::NotAMap
            | GridFlaw::Shape { .. }
            | GridFlaw::UnknownKey { .. }
            | GridFlaw::NoId(_)
            | GridFlaw::BadId { .. }
            | GridFlaw::IdTwice { .. }
            | GridFlaw::IdCase { .. }
            | GridFlaw::Text(TextFlaw::NoText { .. })
            | GridFlaw::Text(TextFlaw::EmptyText { .. })
            | GridFlaw::Text(TextFlaw::NoTextIn { .. })
            | GridFlaw::Text(TextFlaw::EmptyIn { .. })
            | GridFlaw::Text(TextFlaw::OtherLanguage { .. })
            | GridFlaw::Header(HeaderFlaw::BadGridId(_))
            | GridFlaw::Header(HeaderFlaw::NoGridId)
            | GridFlaw::Header(HeaderFlaw::NoVersion)
            | GridFlaw::Header(HeaderFlaw::BadVersion(_))
            | GridFlaw::Header(HeaderFlaw::NoLanguages)
            | GridFlaw::Header(HeaderFlaw::LanguagesEmpty)
            | GridFlaw::Header(HeaderFlaw::NotALanguage(_))
            | GridFlaw::Header(HeaderFlaw::LanguageTwice(_))
            | GridFlaw::Header(HeaderFlaw::NoScale)
            | GridFlaw::Header(HeaderFlaw::ScaleSize { .. })
            | GridFlaw::Header(HeaderFlaw::LevelOutOfOrder { .. })
            | GridFlaw::Header(HeaderFlaw::NoLevel { .. })
            | GridFlaw::Control(ControlFlaw::NoDomain)
            | GridFlaw::Control(ControlFlaw::NoDomains)
            | GridFlaw::Control(ControlFlaw::NoControl { .. })
            | GridFlaw::Control(ControlFlaw::LevelOutsideScale { .. })
            | GridFlaw::Control(ControlFlaw::UnknownComponent { .. })
            | GridFlaw::Control(ControlFlaw::EmptyReference { .. })
            | GridFlaw::Control(ControlFlaw::BadWeight { .. })
            | GridFlaw::Replaces(ReplacesFlaw::ReplacesItself(_))
            | GridFlaw::Replaces(ReplacesFlaw::ReplacedTwice(_))
            | GridFlaw::Replaces(ReplacesFlaw::NoReplacedVersion)
            | GridFlaw::Replaces(ReplacesFlaw::NoMappings { .. })
            | GridFlaw::Mapping(MappingFlaw::BadOldId { .. })
            | GridFlaw::Mapping(MappingFlaw::BadHash { .. })
            | GridFlaw::Mapping(MappingFlaw::NoHash { .. })
            | GridFlaw::Mapping(MappingFlaw::NoTarget { .. })
            | GridFlaw::Mapping(MappingFlaw::NotATarget { .. })
            | GridFlaw::Mapping(MappingFlaw::AddedUnknown { .. })
            | GridFlaw::Mapping(MappingFlaw::AddedAndMapped { .. })
            | GridFlaw::Mapping(MappingFlaw::NotAccountedFor { .. }) => {}
        }
    }
}
