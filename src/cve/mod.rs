//! Known vulnerabilities of video-surveillance equipment, offline: the CVE pack shipped in
//! the binary, matched against the engagement's asset inventory.

pub mod version;
