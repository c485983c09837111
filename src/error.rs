//! The library's error type and the `file:line:column` problems it carries.
//!
//! Every error says what is wrong, where, and how to fix it. Callers branch on
//! [`Error::is_bad_input`] to choose the exit code: bad input is the user's to fix (exit 2),
//! anything else is a runtime failure (exit 1).

use std::fmt;
use std::path::PathBuf;

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
}

impl Problem {
    pub fn new(at: Position, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            at,
            message: message.into(),
            hint: hint.into(),
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

/// One thing wrong in a record, by field, with how to fix it: data, so that each front end
/// names the field its own way (the command line its option, the checklist its form row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The record's key (`severity`), or a path into a list (`assets[2].id`).
    pub field: String,
    pub message: String,
    pub hint: String,
}

impl FieldProblem {
    pub fn new(
        field: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        FieldProblem {
            field: field.into(),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The house problem for the record stored in `file`, where no line is known.
    pub fn at(self, file: impl Into<String>) -> Problem {
        Problem::new(
            Position::file(file),
            format!("`{}`: {}", self.field, self.message),
            self.hint,
        )
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (field, message) = (
            crate::text::one_line(&self.field),
            crate::text::one_line(&self.message),
        );
        write!(f, "`{field}`: {message}")?;
        if !self.hint.is_empty() {
            write!(f, " — {}", crate::text::one_line(&self.hint))?;
        }
        Ok(())
    }
}

/// A change refused before anything was written: the record (`finding F-K3X9Q2`, `new
/// action`) and every problem of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub record: String,
    pub problems: Vec<FieldProblem>,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {problem}", crate::text::one_line(&self.record))?;
        }
        Ok(())
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

    /// A request that cannot be carried out as asked (unknown control, level outside the scale...).
    #[error("{message}\nhelp: {hint}")]
    Usage { message: String, hint: String },

    /// Another process holds the engagement's lock.
    #[error("{message}\nhelp: {hint}")]
    Locked { message: String, hint: String },

    /// A program vmsaudit hands work to (pandoc) is missing, too old, or failed.
    #[error("{message}\nhelp: {hint}")]
    Tool { message: String, hint: String },

    // The io::Error is shown in the message rather than chained, so it is printed once.
    #[error("{}: {error}", crate::text::one_line(&path.to_string_lossy()))]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },

    #[error("git: {0}")]
    Git(#[from] git2::Error),

    /// The report could not be drawn (the radar chart's PNG): a fault of vmsaudit, not of
    /// the input.
    #[error("report: {0}")]
    Report(String),
}

impl Error {
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error,
        }
    }

    pub fn problem(at: Position, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Invalid(Problems(vec![Problem::new(at, message, hint)]))
    }

    /// Bad input is the user's to fix; the binary exits 2 for it, 1 for anything else.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            Error::Invalid(_) | Error::Refused(_) | Error::Usage { .. }
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
