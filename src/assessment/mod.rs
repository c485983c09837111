//! The rules of an assessment, without I/O: answers and their levels, auditors, and the
//! domain scores derived from them.
//!
//! Findings, CVSS, the action plan and assets join this module as they are built; each
//! stays a pure function of the grid and the records so it can be tested in isolation.

mod answer;
mod auditor;
mod score;

pub use answer::{Answer, EvidenceRef, Level};
pub use auditor::Auditor;
pub use score::{DomainStatus, Score, Status, domain_score, status};
