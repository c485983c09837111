//! `vmsaudit scope`: the audit's scope (template §01), printed or set. Each option given
//! replaces its list; the change goes through the rule book like any other.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use jiff::Timestamp;

use crate::rules::{Change, ScopePatch};
use crate::text::one_line;

#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// The client's name, as the report's cover shows it
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub client: Option<String>,
    /// The site audited (empty removes it)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub site: Option<String>,
    /// The contract or purchase order (empty removes it)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub contract: Option<String>,
    /// An auditor, `Name <email>`; repeat it, the list given replaces the engagement's
    #[arg(
        long = "auditor",
        value_name = "NAME <EMAIL>",
        allow_hyphen_values = true
    )]
    pub auditors: Vec<String>,
    /// A component audited: one of the grid's kinds (vms, nvr, dvr, camera, network,
    /// workstation, remote_access, interconnection, backup, mobile_app) or a few words;
    /// repeat it, the list given replaces the scope's
    #[arg(
        long = "component",
        value_name = "KIND|TEXT",
        allow_hyphen_values = true
    )]
    pub components: Vec<String>,
    /// Something left out of the audit; repeat it, the list given replaces the scope's
    #[arg(long = "exclude", value_name = "TEXT", allow_hyphen_values = true)]
    pub excluded: Vec<String>,
    /// No exclusion at all
    #[arg(long, conflicts_with = "excluded")]
    pub no_exclusions: bool,
    /// The contractual limits of the audit (Markdown)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub limits: Option<String>,
    /// Remove the contractual limits
    #[arg(long, conflicts_with = "limits")]
    pub no_limits: bool,
    /// Print the scope as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(here: &Path, args: ScopeArgs, now: Timestamp) -> anyhow::Result<ExitCode> {
    let patch = ScopePatch {
        client: args.client,
        site: args.site.map(Some),
        contract: args.contract.map(Some),
        auditors: (!args.auditors.is_empty()).then_some(args.auditors),
        included: (!args.components.is_empty()).then_some(args.components),
        excluded: if args.no_exclusions {
            Some(Vec::new())
        } else {
            (!args.excluded.is_empty()).then_some(args.excluded)
        },
        limits: if args.no_limits {
            Some(None)
        } else {
            args.limits.map(Some)
        },
    };
    if patch != ScopePatch::default() {
        super::findings_plan_inventory::save(here, Change::Scope(patch), now)?;
        return Ok(ExitCode::SUCCESS);
    }
    let engagement = super::load_engagement(here)?;
    let meta = &engagement.state().meta;
    let mut out = std::io::stdout().lock();
    if args.json {
        super::write_json(&mut out, &meta.scope)?;
        return Ok(ExitCode::SUCCESS);
    }
    let lang = super::lang::on(meta.language);
    let labels = crate::report::labels::labels(lang);
    let words = super::words::words(lang);
    let colon = labels.colon;
    writeln!(out, "{}{colon} {}", labels.client, one_line(&meta.client))?;
    let or_nothing = |text: &Option<String>| {
        text.as_deref()
            .map_or(words.nothing_listed.to_owned(), one_line)
    };
    writeln!(out, "{}{colon} {}", labels.site, or_nothing(&meta.site))?;
    writeln!(
        out,
        "{}{colon} {}",
        labels.contract,
        or_nothing(&meta.contract)
    )?;
    writeln!(out, "{}{colon}", labels.auditors)?;
    for auditor in &meta.auditors {
        writeln!(out, "  - {}", one_line(&auditor.to_string()))?;
    }
    writeln!(out, "{}{colon}", labels.included)?;
    for item in &meta.scope.included {
        let shown = crate::report::labels::component(item, lang)
            .map_or_else(|| one_line(item), |name| format!("{name} ({item})"));
        writeln!(out, "  - {shown}")?;
    }
    writeln!(out, "{}{colon}", labels.excluded)?;
    if meta.scope.excluded.is_empty() {
        writeln!(out, "  {}", words.nothing_listed)?;
    }
    for item in &meta.scope.excluded {
        writeln!(out, "  - {}", one_line(item))?;
    }
    writeln!(out, "{}{colon}", labels.limits)?;
    match &meta.scope.limits {
        Some(limits) => {
            for line in crate::text::sanitize(limits).lines() {
                writeln!(out, "  {line}")?;
            }
        }
        None => writeln!(out, "  {}", words.nothing_listed)?,
    }
    Ok(ExitCode::SUCCESS)
}
