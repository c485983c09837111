//! `vmsaudit scan` and `vmsaudit capture` through the real binary, on real nmap output.

#![allow(clippy::unwrap_used, clippy::panic)]

use crate::common::*;
use crate::scan_devices;

/// Scans the fake devices with the real nmap; with `VMSAUDIT_WRITE_SCAN_FIXTURES=1`, keeps
/// the XML as `tests/fixtures/scans/devices.xml`.
#[test]
fn real_nmap_on_fake_devices() {
    if !installed("nmap", "--version") {
        return;
    }
    let fixtures = fixture("scans");
    let Some(_devices) = scan_devices::start(&fixtures) else {
        return;
    };
    let sandbox = Sandbox::new();
    let xml = sandbox.path("devices.xml");
    assert!(scan_devices::nmap(&xml));
    if std::env::var_os("VMSAUDIT_WRITE_SCAN_FIXTURES").is_some() {
        std::fs::copy(&xml, format!("{fixtures}/devices.xml")).unwrap();
    }
}
