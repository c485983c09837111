//! The grid shipped in the binary: the firm's six domains for video-surveillance systems.

use super::Grid;
use crate::error::Result;

/// The YAML text, kept verbatim so `grid export` and pinned engagements keep its comments.
pub const SOURCE: &str = include_str!("../../grids/vms.yaml");

pub const NAME: &str = "grids/vms.yaml (built in)";

/// The built-in grid's earlier versions, verbatim: the demo's first round is on 1.0.0, and
/// tests move engagements from it.
pub const HISTORY: &[(&str, &str)] =
    &[("1.0.0", include_str!("../../grids/history/vms-1.0.0.yaml"))];

/// The text of the built-in grid's earlier `version`, if it is kept.
pub fn history(version: &str) -> Option<&'static str> {
    HISTORY
        .iter()
        .find(|(known, _)| *known == version)
        .map(|(_, text)| *text)
}

/// The built-in grid, validated (a test keeps it valid; this cannot fail in a release).
pub fn grid() -> Result<Grid> {
    super::parse(NAME, SOURCE)
}
