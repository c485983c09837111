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

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use super::escape;
use crate::error::{Error, Position, Problem, Problems, Result};
use crate::files;
use crate::grid::Lang;

/// The folder of an engagement (and of the source tree) that holds templates.
pub const TEMPLATES_DIR: &str = "templates";

/// A template larger than this is not a report template.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

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

/// The report's templates, checked and ready to render.
pub struct Templates {
    tera: Tera,
    /// Where each overridden template came from.
    overrides: BTreeMap<String, PathBuf>,
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
        let dir = engagement_root.join(TEMPLATES_DIR);
        let mut overrides = BTreeMap::new();
        // The folder too: through a linked `templates/`, each override would be a regular
        // file somewhere else.
        if std::fs::symlink_metadata(&dir).is_ok_and(|metadata| !metadata.is_dir()) {
            return Err(crate::Error::problem(
                crate::error::Position::file(TEMPLATES_DIR),
                "the templates folder must be a folder of the engagement (this is a link or a file)",
                "remove the link (`git rm --cached templates && rm templates`) and copy the templates into a folder",
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
                return Err(crate::Error::problem(
                    crate::error::Position::file(format!("{TEMPLATES_DIR}/{name}")),
                    "a template override must be a regular file (this is a link, a folder or a device)",
                    "copy the template into the engagement's templates/ folder instead of linking it",
                ));
            }
            overrides.insert((*name).to_owned(), path);
        }
        Templates::build(overrides)
    }

    fn build(overrides: BTreeMap<String, PathBuf>) -> Result<Templates> {
        let mut sources: Vec<(String, String)> = Vec::new();
        for (name, text) in BUILTIN {
            let source = match overrides.get(*name) {
                Some(path) => files::read_engagement_text_if_any(path, MAX_TEMPLATE_BYTES)?
                    .ok_or_else(|| {
                        crate::Error::problem(
                            crate::error::Position::file(format!("{TEMPLATES_DIR}/{name}")),
                            "no such file",
                            "check the templates folder",
                        )
                    })?,
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
            tera: Tera::new(),
            overrides,
        };
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|error| templates.problem(&error, None))?;
        templates.tera = tera;
        Ok(templates)
    }

    /// The templates that come from the engagement rather than the binary.
    pub fn overrides(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.overrides
            .iter()
            .map(|(name, path)| (name.as_str(), path.as_path()))
    }

    /// Renders the main template of `lang` with `context`.
    pub fn render(&self, lang: Lang, context: &Context) -> Result<String> {
        let name = main_template(lang);
        self.tera
            .render(&name, context)
            .map_err(|error| self.problem(&error, Some(&name)))
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
        let hint = |name: &str| {
            if self.overrides.contains_key(name) {
                format!(
                    "fix the template, or remove {TEMPLATES_DIR}/{name} from the engagement to use the built-in one"
                )
            } else {
                "this is a fault of vmsaudit's built-in template; override it in the engagement's templates/ folder".to_owned()
            }
        };
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
        Error::Invalid(Problems(vec![Problem::new(at, message, hint(&name))]))
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
