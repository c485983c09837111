//! Known vulnerabilities of video-surveillance equipment, offline: the CVE pack shipped in
//! the binary, matched against the engagement's asset inventory.
//!
//! - [`pack`]: the pack's model and its validation (`catalog/cves.yaml`, format in
//!   catalog/README.md), built-in and imported entries;
//! - [`version`]: firmware strings read and compared with the pack's bounds;
//! - [`matching`]: asset × entry → affected / unknown / not affected, with its grounds as
//!   data (`messages` phrases them in the reader's language);
//! - [`model`]: model names as vendors and NVD write them, brought to one form;
//! - [`import`]: NVD CVE JSON 2.0 feeds and the CISA KEV catalogue → entries;
//! - [`apply`]: matches → findings (one per CVE, UPD-02).
//!
//! All pure; the engagement reads and writes the files (`Engagement::cve_pack`,
//! `import_cves`, `apply_cve_matches`), the front ends print.

pub mod apply;
pub mod import;
pub mod matching;
pub mod model;
pub mod pack;
pub mod version;

pub use apply::{CveMatches, Step, by_cve};
pub use matching::{Counts, Match, RangeVerdict, Verdict, counts, each_match, matches, uncovered};
pub use pack::{CvssSource, Entry, Pack, Range};
