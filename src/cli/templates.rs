//! `vmsaudit template`: review and accept, in this clone, the template overrides that came
//! with the shared repository (see `engagement::templates`). Everything printed from a
//! template is defused first: a template is a co-auditor's text like any other.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Subcommand;

use super::words::Words;
use crate::engagement::{Acceptance, TemplateOverride};
use crate::report::templates::{TEMPLATES_DIR, builtin_text};
use crate::text::{one_line, sanitize};

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// The engagement's template overrides, and whether this clone accepted each as it is
    List,
    /// What an override changes from the built-in template (a unified diff), or its whole
    /// text with --full; control characters are shown defused
    Show {
        /// The template's file name, e.g. report.fr.md.tera
        name: String,
        /// Print the whole override rather than its differences
        #[arg(long)]
        full: bool,
    },
    /// Accept overrides as they are now, in this clone only: reports use them from then on,
    /// until their text changes
    Accept {
        /// The templates' file names
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        names: Vec<String>,
        /// Every override of the engagement
        #[arg(long)]
        all: bool,
    },
}

fn standing(found: &TemplateOverride, words: &Words) -> &'static str {
    match found.acceptance {
        Acceptance::Accepted => words.template_accepted,
        Acceptance::New => words.template_new,
        Acceptance::Changed => words.template_changed,
    }
}

pub fn run(here: &Path, command: TemplateCommand) -> anyhow::Result<ExitCode> {
    let engagement = super::load_engagement(here)?;
    let words = super::words::words(super::lang::of(&engagement));
    let mut out = std::io::stdout().lock();
    match command {
        TemplateCommand::List => {
            let overrides = engagement.template_overrides()?;
            if overrides.is_empty() {
                writeln!(out, "{}", words.template_none)?;
            }
            for found in &overrides {
                writeln!(
                    out,
                    "{TEMPLATES_DIR}/{}  {}  sha256 {}",
                    one_line(&found.name),
                    standing(found, words),
                    &found.found.sha256[..16]
                )?;
            }
            if overrides
                .iter()
                .any(|found| found.acceptance != Acceptance::Accepted)
            {
                writeln!(out, "{}", words.template_review)?;
            }
        }
        TemplateCommand::Show { name, full } => {
            let overrides = engagement.template_overrides()?;
            let Some(found) = overrides.iter().find(|found| found.name == name) else {
                anyhow::bail!(crate::Error::from(crate::error::Output::NotAnOverride(
                    name
                )));
            };
            writeln!(
                out,
                "{TEMPLATES_DIR}/{}: {}, sha256 {}",
                one_line(&found.name),
                standing(found, words),
                found.found.sha256
            )?;
            let shown = if full {
                found.found.text.clone()
            } else {
                let builtin = builtin_text(&found.name).unwrap_or("");
                similar::TextDiff::from_lines(builtin, found.found.text.as_str())
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("{TEMPLATES_DIR}/{name} ({})", words.template_builtin),
                        &format!("{TEMPLATES_DIR}/{name} ({})", words.template_this),
                    )
                    .to_string()
            };
            out.write_all(sanitize(&shown).as_bytes())?;
            if !shown.ends_with('\n') && !shown.is_empty() {
                writeln!(out)?;
            }
        }
        TemplateCommand::Accept { names, all } => {
            let names = if all { Vec::new() } else { names };
            let accepted = engagement.accept_templates(&names)?;
            if accepted.is_empty() {
                writeln!(out, "{}", words.template_nothing)?;
            }
            for found in accepted {
                let file = format!("{TEMPLATES_DIR}/{}", one_line(&found.name));
                let line = super::words::fill_all(
                    words.template_accepted_line,
                    &[&file, &&found.found.sha256[..16]],
                );
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
