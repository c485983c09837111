//! An imported scan's record, `scans/<ID>.yaml`: the scan's XML kept as evidence, and the
//! auditor's decisions on the proposals its facts support. The facts themselves are read
//! from the XML when asked for (`scan`); the record is what the rule book changes.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Auditor, EvidenceRef};

/// Where scan records are kept.
pub const SCANS_DIR: &str = "scans";

/// What the auditor decided about a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Accepted,
    Dismissed,
}

/// One decision, kept in the scan's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecord {
    pub control: String,
    /// [`Fact::key`].
    pub fact: String,
    pub decision: Decision,
    pub by: Auditor,
    pub at: Timestamp,
}

/// `scans/<ID>.yaml`: an imported scan, its XML kept as evidence, and the decisions on the
/// proposals its facts support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanRecord {
    /// `S-` and the first 10 hexadecimal digits of the XML's SHA-256.
    pub id: String,
    /// The file's name as imported.
    pub file: String,
    pub evidence: EvidenceRef,
    pub nmap: String,
    pub args: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<Timestamp>,
    pub hosts: usize,
    /// The controls its facts bear on, in grid order, as the mapping said at import: the
    /// evidence's links, for a reader of the record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    pub imported_by: Auditor,
    pub imported_at: Timestamp,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<DecisionRecord>,
}

impl ScanRecord {
    pub fn id_for(sha256: &str) -> String {
        format!("S-{}", &sha256[..sha256.len().min(10)])
    }
}
