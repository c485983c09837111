//! The spreadsheets of an engagement (`vmsaudit export`): the engagement supplies its
//! records and CVE pack to `export::tables`, and writes the bytes the writers make. An export
//! reads the engagement and never changes it: no record, no commit, nothing under `.git`.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{Engagement, files};
use crate::error::Result;
use crate::export::{self, Kind, Table};
use crate::grid::Lang;

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

impl Engagement {
    /// The tables of `kind` in `lang`, overdue as of `today`.
    pub fn export_tables(&self, kind: Kind, lang: Lang, today: Date) -> Result<Vec<Table>> {
        // The pack gives the findings' KEV dates; the plan does not need it.
        let pack = match kind {
            Kind::Findings => Some(self.cve_pack()?),
            Kind::Plan => None,
        };
        let input = export::Input {
            state: &self.state,
            lang,
            today,
            cves: pack.as_ref(),
        };
        Ok(export::tables(kind, &input))
    }

    /// The export of `kind` as the bytes of a file in `format`.
    pub fn export(
        &self,
        kind: Kind,
        format: ExportFormat,
        lang: Lang,
        today: Date,
    ) -> Result<Vec<u8>> {
        let tables = self.export_tables(kind, lang, today)?;
        match format {
            ExportFormat::Xlsx => export::xlsx::write(&tables, lang),
            // A CSV holds one table: the plan or the findings, not the totals beside them.
            ExportFormat::Csv => match tables.first() {
                Some(table) => export::csv::write(table, lang),
                None => Ok(Vec::new()),
            },
        }
    }
}

/// Writes `bytes` at `path` atomically, private to the user, creating its folder (private)
/// when missing: what every file given to a client goes through.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        files::create_private_dir_all(dir)?;
    }
    files::write_output(path, bytes)
}
