//! Known vulnerabilities of video-surveillance equipment, offline: the CVE pack shipped in
//! the binary, matched against the engagement's asset inventory.
//!
//! - [`pack`]: the pack's model and its validation (`catalog/cves.yaml`, format in
//!   catalog/README.md), built-in and imported entries;
//! - [`version`]: firmware strings read and compared with the pack's bounds;
//! - [`matching`]: asset × entry → affected / unknown / not affected, with the reason.

pub mod matching;
pub mod pack;
pub mod version;

pub use matching::{Counts, Match, RangeVerdict, Verdict, counts, matches, matches_of, uncovered};
pub use pack::{CvssSource, Entry, Pack, Range};
