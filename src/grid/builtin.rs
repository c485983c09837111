//! The grid shipped in the binary: the firm's six domains for video-surveillance systems.

use super::Grid;
use crate::error::Result;

/// The YAML text, kept verbatim so `grid export` and pinned engagements keep its comments.
pub const SOURCE: &str = include_str!("../../grids/vms.yaml");

pub const NAME: &str = "grids/vms.yaml (built in)";

/// The built-in grid, validated (a test keeps it valid; this cannot fail in a release).
pub fn grid() -> Result<Grid> {
    super::parse(NAME, SOURCE)
}
