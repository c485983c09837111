//! The report's tera templates: built into the binary, each overridable by a file of the same
//! name in the engagement's `templates/` folder.
//!
//! Templates are Markdown with tera tags. Every `{{ value }}` is escaped for inline Markdown
//! on output ([`escape::inline`]: safe in a paragraph, a list item, a heading or a table
//! cell), so a template written naively cannot let a user's pipe or `#` break the document.
//! Three filters give the other contexts: `markdown` (a user's Markdown as safe blocks),
//! `plain` (a user's Markdown flattened to one escaped line, for a table cell) and `code`
//! (a code span). A template error — in a built-in template or an override — is reported as
//! `templates/<name>:line:column: what is wrong`.
//!
//! Templates are code, and an override may come from a co-auditor's commit. Rendering runs
//! on a thread of its own, bounded in time ([`MAX_RENDER_TIME`]) and in output
//! ([`MAX_OUTPUT_BYTES`]): past either, the report is refused naming the templates in use,
//! and the caller exits (a loop that writes nothing cannot be stopped from outside; it dies
//! with the process). What the templates output is then held to the rules of user text
//! ([`super::guard`]). Whether this clone accepted each override is the engagement's
//! business (`engagement::templates`), checked before rendering with [`Templates::digests`].

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use super::escape;
use crate::error::{
    Culprit, Error, Position, Problem, Problems, ReportFault, Result, TemplateFlaw,
};
use crate::files;
use crate::grid::Lang;

/// The folder of an engagement (and of the source tree) that holds templates.
pub const TEMPLATES_DIR: &str = "templates";

/// A template larger than this is not a report template.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The longest a report may take to render. The largest engagement measured renders in
/// 0.1 s (docs/PERFORMANCE.md); a template that takes a thousand times longer is looping.
pub const MAX_RENDER_TIME: Duration = Duration::from_secs(10);

/// The most Markdown a report may be. The largest engagement measured makes a few MB; past
/// this, a template is filling the memory of a shared jump host.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024 * 1024;

/// Every template the report uses, by file name, with its built-in text.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "report.en.md.tera",
        include_str!("../../templates/report.en.md.tera"),
    ),
    (
        "report.fr.md.tera",
        include_str!("../../templates/report.fr.md.tera"),
    ),
    (
        "scores.md.tera",
        include_str!("../../templates/scores.md.tera"),
    ),
    (
        "domain.md.tera",
        include_str!("../../templates/domain.md.tera"),
    ),
    (
        "finding.md.tera",
        include_str!("../../templates/finding.md.tera"),
    ),
    (
        "plan-critical.md.tera",
        include_str!("../../templates/plan-critical.md.tera"),
    ),
    ("plan.md.tera", include_str!("../../templates/plan.md.tera")),
    (
        "progress.md.tera",
        include_str!("../../templates/progress.md.tera"),
    ),
    (
        "annexes.md.tera",
        include_str!("../../templates/annexes.md.tera"),
    ),
];

/// The template, line, column and message of the first report in a tera message
/// (`error: Unknown template `x`` then ` --> name:3:4`).
fn located(text: &str) -> Option<(String, u64, u64, String)> {
    let mut lines = text.lines();
    let message = lines
        .next()?
        .trim()
        .trim_start_matches("error:")
        .trim()
        .to_owned();
    let place = lines.find_map(|line| line.trim().strip_prefix("--> "))?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let name = parts.next()?.to_owned();
    Some((name, line, column, message))
}

/// The main template of the report in `lang`.
pub fn main_template(lang: Lang) -> String {
    format!("report.{}.md.tera", lang.code())
}

/// A template of the engagement's `templates/` folder that replaces a built-in one.
#[derive(Debug, Clone)]
pub struct Override {
    /// Its path (under the engagement's root).
    pub path: PathBuf,
    /// Its text, as read once: what is hashed is what is rendered.
    pub text: String,
    /// SHA-256 of the text, lowercase hexadecimal.
    pub sha256: String,
}

/// The SHA-256 of `text`, lowercase hexadecimal.
pub fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The built-in text of template `name`, when it is one of the report's.
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(builtin, _)| *builtin == name)
        .map(|(_, text)| *text)
}

/// The report's templates, checked and ready to render.
pub struct Templates {
    /// Shared with the thread that renders (see [`Templates::render`]).
    tera: Arc<Tera>,
    /// The overridden templates, by name.
    overrides: BTreeMap<String, Override>,
    limits: Limits,
}

/// How long rendering may take and how much it may write.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub time: Duration,
    pub output_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: MAX_RENDER_TIME,
            output_bytes: MAX_OUTPUT_BYTES,
        }
    }
}

/// Why rendering was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Time,
    Size,
}

/// The rendering's output: fails once past its limits, so a template writing without end
/// stops on its own.
struct Bounded {
    out: Vec<u8>,
    limit: usize,
    deadline: Instant,
    stopped: Option<Stop>,
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.out.len().saturating_add(buf.len()) > self.limit {
            self.stopped = Some(Stop::Size);
        } else if Instant::now() > self.deadline {
            self.stopped = Some(Stop::Time);
        }
        if self.stopped.is_some() {
            return Err(std::io::Error::other("the report's rendering was stopped"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("overrides", &self.overrides)
            .finish_non_exhaustive()
    }
}

/// Tera's escape function for `.md.tera` templates.
fn escape_markdown(input: &str, output: &mut dyn Write) -> std::io::Result<()> {
    output.write_all(escape::inline(input).as_bytes())
}

impl Templates {
    /// The templates built into the binary.
    pub fn builtin() -> Result<Templates> {
        Templates::build(BTreeMap::new())
    }

    /// The built-in templates, each replaced by `<engagement_root>/templates/<name>` where
    /// that file exists.
    pub fn load(engagement_root: &Path) -> Result<Templates> {
        Templates::build(Templates::read_overrides(engagement_root)?)
    }

    /// The overrides in `<engagement_root>/templates/`, read (not compiled: a broken one
    /// can still be listed and shown).
    pub fn read_overrides(engagement_root: &Path) -> Result<BTreeMap<String, Override>> {
        let dir = engagement_root.join(TEMPLATES_DIR);
        let mut overrides = BTreeMap::new();
        // The folder too: through a linked `templates/`, each override would be a regular
        // file somewhere else.
        if std::fs::symlink_metadata(&dir).is_ok_and(|metadata| !metadata.is_dir()) {
            return Err(Error::at(
                Position::file(TEMPLATES_DIR),
                TemplateFlaw::FolderNotAFolder,
            ));
        }
        for (name, _) in BUILTIN {
            let path = dir.join(name);
            let Ok(metadata) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            // A link could pull any file the user can read (another user's, a key) into a
            // report that leaves the building: overrides are plain files of the engagement.
            if !metadata.is_file() {
                return Err(Error::at(
                    Position::file(format!("{TEMPLATES_DIR}/{name}")),
                    TemplateFlaw::NotAFile,
                ));
            }
            let text = files::read_engagement_text_if_any(&path, MAX_TEMPLATE_BYTES)?.ok_or_else(
                || {
                    Error::at(
                        Position::file(format!("{TEMPLATES_DIR}/{name}")),
                        TemplateFlaw::Gone,
                    )
                },
            )?;
            let sha256 = sha256_hex(&text);
            overrides.insert((*name).to_owned(), Override { path, text, sha256 });
        }
        Ok(overrides)
    }

    /// The templates built in, each replaced by its override in `overrides`.
    pub fn build(overrides: BTreeMap<String, Override>) -> Result<Templates> {
        let mut sources: Vec<(String, String)> = Vec::new();
        for (name, text) in BUILTIN {
            let source = match overrides.get(*name) {
                Some(found) => found.text.clone(),
                None => (*text).to_owned(),
            };
            sources.push(((*name).to_owned(), source));
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".md.tera"]);
        tera.set_escape_fn(escape_markdown);
        tera.register_filter("markdown", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&escape::markdown(text))
        });
        tera.register_filter("plain", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&escape::plain(text))
        });
        tera.register_filter("code", |text: &str, _: Kwargs, _: &State| {
            Value::safe_string(&escape::code(text))
        });
        let mut templates = Templates {
            tera: Arc::new(Tera::new()),
            overrides,
            limits: Limits::default(),
        };
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|error| templates.problem(&error, None))?;
        templates.tera = Arc::new(tera);
        Ok(templates)
    }

    /// These templates, rendering within `limits` instead of the defaults.
    pub fn with_limits(mut self, limits: Limits) -> Templates {
        self.limits = limits;
        self
    }

    /// The templates that come from the engagement rather than the binary.
    pub fn overrides(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.overrides
            .iter()
            .map(|(name, found)| (name.as_str(), found.path.as_path()))
    }

    /// Each override's name and the SHA-256 of the text these templates were built from.
    pub fn digests(&self) -> impl Iterator<Item = (&str, &str)> {
        self.overrides
            .iter()
            .map(|(name, found)| (name.as_str(), found.sha256.as_str()))
    }

    /// Renders the main template of `lang` with `context`, within the limits (see the
    /// module's documentation), tidies it ([`super::tidy`]) and checks what it wrote
    /// ([`super::guard`]).
    pub fn render(&self, lang: Lang, context: Context) -> Result<String> {
        let name = main_template(lang);
        let tera = Arc::clone(&self.tera);
        let limits = self.limits;
        let (sender, receiver) = std::sync::mpsc::channel();
        let main = name.clone();
        let deadline = Instant::now() + limits.time;
        std::thread::Builder::new()
            .name("report-template".to_owned())
            .spawn(move || {
                let mut output = Bounded {
                    out: Vec::new(),
                    limit: limits.output_bytes,
                    deadline,
                    stopped: None,
                };
                let result = tera.render_to(&main, &context, &mut output);
                // The receiver is gone when the deadline passed first: nothing to tell.
                let _ = sender.send((result, output.stopped, output.out));
            })
            .map_err(|error| Error::Report(ReportFault::StartRendering(error.to_string())))?;
        let stopped = |stop: Stop| self.stopped(stop, limits);
        let (result, stop, bytes) = match receiver.recv_timeout(limits.time) {
            Ok(done) => done,
            Err(_) => return Err(stopped(Stop::Time)),
        };
        if let Some(stop) = stop {
            return Err(stopped(stop));
        }
        result.map_err(|error| self.problem(&error, Some(&name)))?;
        let markdown = String::from_utf8(bytes).map_err(|_| Error::Report(ReportFault::NotUtf8))?;
        // Tidied first: what is checked is what is written.
        let markdown = super::tidy(&markdown);
        self.guard(&markdown)?;
        Ok(markdown)
    }

    /// The templates in use, for a message about the whole rendering: the overrides, or the
    /// built-in main template.
    fn in_use(&self) -> Vec<String> {
        if self.overrides.is_empty() {
            vec![format!("{TEMPLATES_DIR}/report.*.md.tera (built in)")]
        } else {
            self.overrides
                .keys()
                .map(|name| format!("{TEMPLATES_DIR}/{name}"))
                .collect()
        }
    }

    fn stopped(&self, stop: Stop, limits: Limits) -> Error {
        let problems = self
            .in_use()
            .into_iter()
            .map(|file| {
                let culprit = self.culprit(&file);
                let flaw = match stop {
                    Stop::Time => TemplateFlaw::TooLong {
                        millis: u64::try_from(limits.time.as_millis()).unwrap_or(u64::MAX),
                        culprit,
                    },
                    Stop::Size => TemplateFlaw::TooLarge {
                        mb: limits.output_bytes / (1024 * 1024),
                        culprit,
                    },
                };
                Problem::at(Position::file(file), flaw)
            })
            .collect();
        Error::Invalid(Problems(problems))
    }

    /// Who is to blame for what went wrong in `files`: the overrides named, or vmsaudit when
    /// none is in use.
    fn culprit(&self, files: &str) -> Culprit {
        if self.overrides.is_empty() {
            Culprit::BuiltIn
        } else {
            Culprit::Override(files.to_owned())
        }
    }

    /// Refuses a report that would make its converter load a file or a URL: see
    /// [`super::guard`]. The override whose text holds the destination is named; failing
    /// that, every override (or the built-in templates, whose fault it then is).
    fn guard(&self, markdown: &str) -> Result<()> {
        let found = super::guard::check(markdown);
        if found.is_empty() {
            return Ok(());
        }
        let problems = found
            .iter()
            .take(10)
            .map(|item| {
                let target = crate::text::excerpt(&item.target, 120);
                let mut culprits: Vec<String> = self
                    .overrides
                    .iter()
                    .filter(|(_, found)| found.text.contains(item.target.trim()))
                    .map(|(name, _)| format!("{TEMPLATES_DIR}/{name}"))
                    .collect();
                if culprits.is_empty() {
                    culprits = self.in_use();
                }
                let culprits = culprits.join(", ");
                let flaw = TemplateFlaw::Loads {
                    what: item.what,
                    target,
                    line: item.line,
                    culprit: self.culprit(&culprits),
                };
                Problem::at(Position::file(culprits), flaw)
            })
            .collect();
        Err(Error::Invalid(Problems(problems)))
    }

    /// How messages name a template: its path in the engagement when overridden, else its
    /// path in vmsaudit's source tree.
    fn display_name(&self, name: &str) -> String {
        if self.overrides.contains_key(name) {
            format!("{TEMPLATES_DIR}/{name}")
        } else {
            format!("{TEMPLATES_DIR}/{name} (built in)")
        }
    }

    fn problem(&self, error: &tera::Error, rendering: Option<&str>) -> Error {
        let (name, line, column, message) = match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let span = report.span();
                (
                    report.filename().to_owned(),
                    span.start_line as u64,
                    span.start_col as u64 + 1,
                    report.message().to_owned(),
                )
            }
            ErrorKind::CircularInclude { tpl, .. }
            | ErrorKind::CircularExtend { tpl, .. }
            | ErrorKind::MissingParent { current: tpl, .. } => {
                (tpl.clone(), 0, 0, error.to_string())
            }
            // Checks made once every template is added (an unknown template included) come
            // as one message of reports, each pointing at its template: the first names
            // the template at fault, which may be an override rather than the built-in
            // template being rendered.
            ErrorKind::Msg(text) => match located(text) {
                Some(found) => found,
                None => (rendering.unwrap_or("report").to_owned(), 0, 0, text.clone()),
            },
            other => (
                rendering.unwrap_or("report").to_owned(),
                0,
                0,
                other.to_string(),
            ),
        };
        // A filter's own error (a value of the wrong type) is chained under tera's.
        let mut message = message;
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        let at = Position::new(self.display_name(&name), line, column);
        let culprit = if self.overrides.contains_key(&name) {
            Culprit::Override(format!("{TEMPLATES_DIR}/{name}"))
        } else {
            Culprit::BuiltIn
        };
        Error::at(
            at,
            TemplateFlaw::Tera {
                detail: message,
                culprit,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn with_override(name: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(TEMPLATES_DIR)).unwrap();
        std::fs::write(dir.path().join(TEMPLATES_DIR).join(name), text).unwrap();
        dir
    }

    #[test]
    fn an_include_error_in_an_override_is_the_override_s_fault() {
        let dir = with_override(
            "report.en.md.tera",
            "# Title\n\n{% include \"nowhere.md.tera\" %}\n",
        );
        let message = Templates::load(dir.path()).unwrap_err().to_string();
        assert!(
            message.starts_with("templates/report.en.md.tera:3:"),
            "{message}"
        );
        assert!(!message.contains("built in"), "{message}");
        assert!(message.contains("nowhere.md.tera"), "{message}");
        assert!(
            message.contains("remove templates/report.en.md.tera"),
            "{message}"
        );
    }

    fn quick(dir: &tempfile::TempDir) -> Templates {
        limited(dir, Duration::from_millis(500))
    }

    fn limited(dir: &tempfile::TempDir, time: Duration) -> Templates {
        Templates::load(dir.path()).unwrap().with_limits(Limits {
            time,
            output_bytes: 1024 * 1024,
        })
    }

    #[test]
    fn a_template_that_loops_without_writing_is_stopped_in_time() {
        let dir = with_override(
            "report.en.md.tera",
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        );
        let message = quick(&dir)
            .render(Lang::En, Context::new())
            .unwrap_err()
            .to_string();
        assert!(
            message
                .starts_with("templates/report.en.md.tera: the report's templates ran for 0.5 s"),
            "{message}"
        );
        assert!(
            message.contains("remove templates/report.en.md.tera"),
            "{message}"
        );
    }

    #[test]
    fn a_template_that_writes_without_end_is_stopped_at_the_size_limit() {
        let dir = with_override(
            "report.en.md.tera",
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}0123456789{{ i }}{% endfor %}{% endfor %}",
        );
        // Time enough for a loaded machine to write the megabyte: the size is what stops it.
        let message = limited(&dir, Duration::from_secs(120))
            .render(Lang::En, Context::new())
            .unwrap_err()
            .to_string();
        assert!(
            message.contains(
                "templates/report.en.md.tera: the report's templates wrote more than 1 MB"
            ),
            "{message}"
        );
    }

    #[test]
    fn a_template_error_never_carries_an_escape_sequence() {
        let dir = with_override(
            "scores.md.tera",
            "\u{1b}]0;PWNED\u{7}{% for \u{1b}[2J x in %}\n",
        );
        let message = Templates::load(dir.path()).unwrap_err().to_string();
        assert!(
            !message.contains('\u{1b}') && !message.contains('\u{7}'),
            "{message:?}"
        );
    }
}
