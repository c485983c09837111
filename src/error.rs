//! The library's error type and the `file:line:column` problems it carries.
//!
//! Every error says what is wrong, where, and how to fix it. Callers branch on
//! [`Error::is_bad_input`] to choose the exit code: bad input is the user's to fix (exit 2),
//! anything else is a runtime failure (exit 1).

use std::fmt;
use std::path::PathBuf;

use crate::lang::Lang;
use crate::messages::Namer;

/// A place in an input file. Line and column are 1-based; 0 means unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: String,
    pub line: u64,
    pub column: u64,
}

impl Position {
    pub fn new(file: impl Into<String>, line: u64, column: u64) -> Self {
        Self {
            file: file.into(),
            line,
            column,
        }
    }

    /// The whole file, when no better place is known.
    pub fn file(file: impl Into<String>) -> Self {
        Self::new(file, 0, 0)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A file name may come from a co-auditor's commit: a newline in it would forge a
        // line of its own (`help: run ...`), an escape sequence would act on the terminal.
        let file = crate::text::one_line(&self.file);
        match (self.line, self.column) {
            (0, _) => write!(f, "{file}"),
            (line, 0) => write!(f, "{file}:{line}"),
            (line, column) => write!(f, "{file}:{line}:{column}"),
        }
    }
}

/// One thing wrong in an input file, with the way to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Position,
    pub message: String,
    pub hint: String,
    /// The problem as data, phrased in the reader's language: a record's field, or what is
    /// wrong in the file and its fix.
    // Boxed: most problems have none, and a `Result` carrying a problem stays small.
    pub said: Option<Box<Told>>,
}

/// A problem of a file as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Told {
    /// A record's field, named by its YAML key.
    Field(FieldProblem),
    /// Anything else wrong at the place, with its fix.
    Wrong { wrong: Wrong, fix: Fix },
}

impl Problem {
    /// `problem` of the record stored in `file`, where no line is known.
    pub fn of_field(file: impl Into<String>, problem: FieldProblem) -> Problem {
        let (message, hint) = (
            format!(
                "`{}`: {}",
                problem.path(),
                crate::messages::wrong(Lang::En, &problem.wrong, &crate::messages::key)
            ),
            crate::messages::fix(Lang::En, &problem.fix, &crate::messages::key),
        );
        Problem {
            at: Position::file(file),
            message,
            hint,
            said: Some(Box::new(Told::Field(problem))),
        }
    }

    /// The problem, its file named `name` (its path in the engagement rather than the path
    /// it was read at), in the fix that names it too.
    pub fn named(self, name: &str) -> Problem {
        let at = Position::new(name, self.at.line, self.at.column);
        match self.said.as_deref() {
            Some(Told::Wrong {
                wrong: Wrong::File(FileFlaw::TooBig { max, .. }),
                ..
            }) => Problem::at(
                at,
                FileFlaw::TooBig {
                    max: *max,
                    file: name.to_owned(),
                },
            ),
            _ => Problem { at, ..self },
        }
    }

    /// An area's problem at `at`, with the fix that goes with it.
    pub fn at(at: Position, told: impl Into<Told>) -> Problem {
        match told.into() {
            Told::Wrong { wrong, fix } => Problem::told(at, wrong, fix),
            Told::Field(problem) => Problem {
                at,
                ..Problem::of_field(String::new(), problem)
            },
        }
    }

    /// `wrong` at `at`, with its `fix`: phrased in the reader's language (`Display` says it
    /// in English).
    pub fn told(at: Position, wrong: Wrong, fix: Fix) -> Problem {
        let key: crate::messages::Namer<'_> = &crate::messages::key;
        Problem {
            at,
            message: crate::messages::wrong(Lang::En, &wrong, key),
            hint: crate::messages::fix(Lang::En, &fix, key),
            said: Some(Box::new(Told::Wrong { wrong, fix })),
        }
    }

    /// The problem in `lang`: a record's field problem phrased, any other as it was said.
    pub fn phrase(&self, lang: Lang) -> String {
        match self.said.as_deref() {
            Some(Told::Field(said)) => format!("{}: {}", self.at, said.in_file(lang)),
            Some(Told::Wrong { wrong, fix }) => format!(
                "{}: {}",
                self.at,
                crate::messages::phrase(lang, wrong, fix, &crate::messages::key)
            ),
            None => self.to_string(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = crate::text::one_line(&self.message);
        write!(f, "{}: {message}", self.at)?;
        if !self.hint.is_empty() {
            write!(f, " — {}", crate::text::one_line(&self.hint))?;
        }
        Ok(())
    }
}

/// Every problem found in one pass over an input, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// One line per problem, in `lang`.
    pub fn phrase(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|problem| crate::text::one_line(&problem.phrase(lang)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

pub use crate::messages::{
    Culprit, CveAsk, FeedFlaw, FieldProblem, FileFlaw, FileRole, Fix, GridFlaw, GridMapFlaw,
    Loaded, MetaFlaw, Output, PackFlaw, Remote, ReportFault, ScanAsk, ScanFlaw, Setting, Subject,
    TemplateFlaw, Wrong,
};

/// A change refused before anything was written: the record (`finding F-K3X9Q2`, `new
/// action`) and every problem of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub subject: Subject,
    pub problems: Vec<FieldProblem>,
}

impl Refusal {
    /// One line per problem, `subject: field: wrong — fix`, in `lang`, each field named by
    /// `name`.
    pub fn phrase(&self, lang: Lang, name: Namer<'_>) -> String {
        let subject = crate::messages::subject(lang, &self.subject);
        let colon = colon(lang);
        self.problems
            .iter()
            .map(|problem| {
                format!(
                    "{subject}{colon} {}{colon} {}",
                    name(problem.field),
                    problem.phrase(lang, name)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.phrase(Lang::En, &crate::messages::key))
    }
}

/// `:` after a word, as the language writes it.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ":",
        Lang::Fr => "\u{a0}:",
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file the user wrote or edited (grid, record) is wrong.
    #[error("{0}")]
    Invalid(Problems),

    /// A change whose fields do not hold.
    #[error("{0}")]
    Refused(Refusal),

    /// A request that names what is not there, or a folder that is no engagement: what is
    /// wrong and what fixes it, as data, for each front end to phrase.
    #[error("{}", said(Lang::En, wrong, fix, &crate::messages::key))]
    Said { wrong: Wrong, fix: Fix },

    /// Another process holds the engagement's lock; `holder` is what it says it is doing.
    #[error("{}", locked(Lang::En, holder.as_deref()))]
    Locked {
        holder: Option<Box<crate::messages::Holder>>,
    },

    /// A program vmsaudit hands work to (pandoc) is missing, too old, or failed.
    #[error("{}", tool(Lang::En, _0))]
    Tool(Box<crate::messages::Pandoc>),

    // The io::Error is shown in the message rather than chained, so it is printed once.
    #[error("{}: {error}", crate::text::one_line(&path.to_string_lossy()))]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },

    #[error("git: {0}")]
    Git(#[from] git2::Error),

    /// A change that could not be written or committed (a full disk, a folder that cannot
    /// be written): `undone` when what it wrote was put back as HEAD has it, otherwise
    /// `paths` are left for the next command's recovery.
    #[error("{}", not_saved(Lang::En, cause, *undone, paths, &crate::messages::key))]
    NotSaved {
        cause: Box<Error>,
        undone: bool,
        paths: Vec<String>,
    },

    /// The report or an export could not be drawn (the radar chart's PNG): a fault of
    /// vmsaudit, not of the input.
    #[error("{}", crate::messages::report_fault(Lang::En, _0))]
    Report(ReportFault),
}

impl Error {
    pub fn said(wrong: Wrong, fix: Fix) -> Self {
        Error::Said { wrong, fix }
    }

    /// What cannot happen did: said as vmsaudit's fault, in the reader's language.
    pub fn bug(what: impl Into<String>) -> Self {
        Error::Said {
            wrong: Wrong::Bug(what.into()),
            fix: Fix::ReportBug,
        }
    }

    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error,
        }
    }

    /// One problem of an input at `at`, said with its fix in the reader's language.
    pub fn at(at: Position, told: impl Into<Told>) -> Self {
        Error::Invalid(Problems(vec![Problem::at(at, told)]))
    }

    /// Bad input is the user's to fix; the binary exits 2 for it, 1 for anything else.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            Error::Invalid(_) | Error::Refused(_) | Error::Said { .. }
        )
    }

    /// The error in `lang`, fields named by `name`: what a front end prints. Refusals and
    /// the core's typed errors are phrased; the others (git's, the system's) say what they
    /// say.
    pub fn phrase(&self, lang: Lang, name: Namer<'_>) -> String {
        match self {
            Error::Refused(refusal) => refusal.phrase(lang, name),
            Error::Said { wrong, fix } => said(lang, wrong, fix, name),
            Error::Locked { holder } => locked(lang, holder.as_deref()),
            Error::Tool(pandoc) => tool(lang, pandoc),
            Error::Invalid(problems) => problems.phrase(lang),
            Error::Report(fault) => crate::messages::report_fault(lang, fault),
            Error::NotSaved {
                cause,
                undone,
                paths,
            } => not_saved(lang, cause, *undone, paths, name),
            Error::Git(error) => match held_git_lock(error) {
                Some(path) => {
                    let (message, hint) = crate::messages::git_lock(lang, path);
                    format!("{message}\n{}{hint}", crate::messages::help(lang))
                }
                None => self.to_string(),
            },
            other => other.to_string(),
        }
    }
}

/// The lock file a git error of a lock held names: the index's, of which libgit2 says "the
/// index is locked", or the one its message quotes (`failed to lock file '<path>' for
/// writing`). Its other errors say what they say, in English.
pub(crate) fn held_git_lock(error: &git2::Error) -> Option<&str> {
    if error.code() != git2::ErrorCode::Locked {
        return None;
    }
    if error.class() == git2::ErrorClass::Index {
        return Some(".git/index.lock");
    }
    let path = error.message().split('\'').nth(1)?;
    path.ends_with(".lock").then_some(path)
}

/// [`Error::NotSaved`] in `lang`: git's own sentence once (its `Display` adds its class),
/// the system's as it says it.
fn not_saved(lang: Lang, cause: &Error, undone: bool, paths: &[String], name: Namer<'_>) -> String {
    let cause = match cause {
        Error::Git(error) if held_git_lock(error).is_none() => {
            crate::text::one_line(error.message().trim_end_matches([' ', ':', ';']))
        }
        other => other.phrase(lang, name),
    };
    let (message, hint) = crate::messages::not_saved(lang, &cause, undone, paths);
    format!("{message}\n{}{hint}", crate::messages::help(lang))
}

/// `wrong`, then the fix on a line of its own after the language's `help:`.
fn said(lang: Lang, wrong: &Wrong, fix: &Fix, name: Namer<'_>) -> String {
    let wrong = crate::messages::wrong(lang, wrong, name);
    let fix = crate::messages::fix(lang, fix, name);
    if fix.is_empty() {
        wrong
    } else {
        format!("{wrong}\n{}{fix}", crate::messages::help(lang))
    }
}

fn tool(lang: Lang, pandoc: &crate::messages::Pandoc) -> String {
    let (message, hint) = crate::messages::pandoc(lang, pandoc);
    format!("{message}\n{}{hint}", crate::messages::help(lang))
}

fn locked(lang: Lang, holder: Option<&crate::messages::Holder>) -> String {
    let (message, hint) = crate::messages::locked(lang, holder);
    format!("{message}\n{}{hint}", crate::messages::help(lang))
}

/// A CVE pack's problem, not in an entry (use [`Told::in_entry`] for one).
impl From<PackFlaw> for Told {
    fn from(problem: PackFlaw) -> Self {
        Told::in_entry(None, problem)
    }
}

impl Told {
    /// A CVE pack's problem in the entry `entry` names, when it is one.
    pub fn in_entry(entry: Option<String>, problem: PackFlaw) -> Told {
        Told::Wrong {
            wrong: Wrong::Pack {
                entry,
                flaw: Box::new(problem.clone()),
            },
            fix: Fix::Pack(Box::new(problem)),
        }
    }
}

/// Each area's problem, at its place in a file, with the fix that goes with it. `into` puts
/// it in its `Wrong` variant as it is, or boxed where its data would make every error larger
/// (a grid's, a template's).
macro_rules! told_with_its_fix {
    ($($area:ident => $variant:ident),* $(,)?) => {$(
        impl From<$area> for Told {
            fn from(problem: $area) -> Self {
                Told::Wrong {
                    wrong: Wrong::$variant(problem.clone().into()),
                    fix: Fix::$variant(Box::new(problem)),
                }
            }
        }
    )*};
}

/// The areas a request stops at: their problem is an error too, said with the same fix.
macro_rules! said_with_its_fix {
    ($($area:ident => $variant:ident),* $(,)?) => {
        told_with_its_fix! { $($area => $variant),* }
        $(
            impl From<$area> for Error {
                fn from(problem: $area) -> Self {
                    Error::Said {
                        wrong: Wrong::$variant(problem.clone()),
                        fix: Fix::$variant(Box::new(problem)),
                    }
                }
            }
        )*
    };
}

told_with_its_fix! {
    GridMapFlaw => GridMap,
    TemplateFlaw => Template,
    GridFlaw => Grid,
}

said_with_its_fix! {
    FeedFlaw => Feed,
    MetaFlaw => Meta,
    Setting => Setting,
    FileFlaw => File,
    Remote => Remote,
    ScanAsk => Scan,
    CveAsk => Cve,
    Output => Output,
    ScanFlaw => ScanFile,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_git_lock_held_is_said_in_the_reader_s_language_with_its_file() {
        let held = Error::Git(git2::Error::new(
            git2::ErrorCode::Locked,
            git2::ErrorClass::Os,
            "failed to lock file '/e/acme/.git/refs/tags/audit/2026-02.lock' for writing: ",
        ));
        let key: Namer<'_> = &crate::messages::key;
        let en = held.phrase(Lang::En, key);
        assert!(
            en.starts_with(
                "git's lock file `/e/acme/.git/refs/tags/audit/2026-02.lock` is in the way"
            ),
            "{en}"
        );
        assert!(
            en.contains("\nhelp: if no git command is running, remove that file"),
            "{en}"
        );
        let fr = held.phrase(Lang::Fr, key);
        assert!(
            fr.starts_with(
                "le fichier de verrou de git `/e/acme/.git/refs/tags/audit/2026-02.lock` bloque"
            ),
            "{fr}"
        );
        assert!(
            fr.contains("\naide\u{a0}: si aucune commande git ne tourne"),
            "{fr}"
        );
        // git's other errors say what libgit2 says.
        let other = Error::Git(git2::Error::from_str("object not found"));
        assert_eq!(other.phrase(Lang::Fr, key), "git: object not found");
    }

    #[test]
    fn the_index_locked_by_another_git_is_said_with_its_lock_file() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        std::fs::write(repo.path().join("index.lock"), "").unwrap();
        let held = repo.index().unwrap().write().unwrap_err();
        let key: Namer<'_> = &crate::messages::key;
        let fr = Error::Git(held).phrase(Lang::Fr, key);
        assert!(
            fr.starts_with("le fichier de verrou de git `.git/index.lock` bloque"),
            "{fr}"
        );
    }
}
