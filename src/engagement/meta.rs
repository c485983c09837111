use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::assessment::{Auditor, Overrides};
use crate::grid::Lang;

/// Version of the on-disk layout, so that an older vmsaudit refuses files it cannot read
/// instead of misreading them.
pub const FORMAT: u32 = 1;

/// `engagement.yaml`: who is audited, by whom, in which language, the scope, and the current
/// audit round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub format: u32,
    pub client: String,
    #[serde(default)]
    pub site: Option<String>,
    /// The contract or purchase-order reference the audit is carried out under.
    #[serde(default)]
    pub contract: Option<String>,
    /// The auditing firm.
    #[serde(default)]
    pub firm: Option<String>,
    #[serde(default)]
    pub auditors: Vec<Auditor>,
    pub language: Lang,
    #[serde(default)]
    pub scope: Scope,
    pub created: Date,
    /// The current audit round's label, from `vmsaudit audit start` (or the last one closed);
    /// absent until the first round is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    /// Domain scores the auditors set in place of the computed ones, with their reasons.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
}

/// What the audit covers, as agreed in the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Components audited: the grid's component kinds (`vms`, `camera`...) or free text.
    #[serde(default)]
    pub included: Vec<String>,
    #[serde(default)]
    pub excluded: Vec<String>,
    /// Contractual limits of the audit (Markdown).
    #[serde(default)]
    pub limits: Option<String>,
}

impl Default for Scope {
    /// The template's core scope; remote access, interconnections and backups are added
    /// when the site has them.
    fn default() -> Self {
        Scope {
            included: ["vms", "nvr", "dvr", "camera", "network", "workstation"]
                .map(String::from)
                .to_vec(),
            excluded: Vec::new(),
            limits: None,
        }
    }
}
