//! vmsaudit: a terminal checklist for cybersecurity audits of video-surveillance systems.
//!
//! Data flows one way: grid + engagement files → model → views → front ends.
//! - [`grid`]: what is audited (domains, controls, scale), loaded and validated from YAML;
//! - [`engagement`]: the only module that touches the disk and git;
//! - [`assessment`]: pure rules (levels, scores, findings, the action plan);
//! - [`compare`]: two audit rounds (or a round and the working copy) → what changed;
//! - [`model`]: the engagement's content at one point (`State`), pure;
//! - [`rules`]: the rule book, every change a person can make as a value and the pure
//!   function that applies it (the engagement's one write path calls it);
//! - [`report`]: the audit report (Markdown, radar chart, HTML), rendered in memory;
//! - [`export`]: the action plan and the findings as spreadsheets (XLSX, CSV), in memory;
//! - [`cli`] and [`tui`]: the command line and the interactive checklist, thin front ends
//!   over the above.

pub mod assessment;
pub mod cli;
pub mod clock;
pub mod compare;
pub mod cve;
pub mod demo;
pub mod engagement;
pub mod error;
pub mod export;
pub mod field;
pub mod files;
pub mod grid;
pub mod lang;
#[cfg(test)]
mod layers;
pub mod messages;
pub mod model;
pub mod radar;
pub mod report;
#[cfg(test)]
mod robustness;
pub mod rules;
pub mod scan;
pub mod text;
pub mod tui;
mod yaml;

pub use error::{Error, Result};
