//! The time records and commits are stamped with.

use jiff::Timestamp;

use crate::error::{Error, Result};

/// Now, in whole seconds as git keeps them; `VMSAUDIT_NOW` (RFC 3339) pins it for
/// reproducible demos, tests and benchmarks.
pub fn now() -> Result<Timestamp> {
    match std::env::var("VMSAUDIT_NOW") {
        Ok(text) => text
            .parse()
            .map_err(|_| Error::from(crate::error::Setting::NowVar(text.clone()))),
        Err(_) => Ok(Timestamp::from_second(Timestamp::now().as_second())
            .unwrap_or_else(|_| Timestamp::now())),
    }
}

/// The machine's time zone, in which records' days are counted and commits' offsets written.
///
/// `jiff::tz::TimeZone::system()` learns the zone's name from `/etc/localtime`'s link and
/// then looks the name up in the zone database, which it first lists whole: 1,700 files in
/// 20 folders, 1.5 to 2 ms of a one-shot command that needs one offset. The name is never
/// shown, so without `TZ` the file the link leads to is read as it is; with `TZ` (a name, a
/// path or a POSIX rule), jiff reads it as it does. Kept for the process: a zone changed
/// while the checklist runs is seen at the next start, as by most programs.
pub fn local_zone() -> jiff::tz::TimeZone {
    static ZONE: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();
    ZONE.get_or_init(|| {
        let from_file = std::env::var_os("TZ")
            .is_none()
            .then(|| std::fs::read("/etc/localtime").ok())
            .flatten()
            .and_then(|data| jiff::tz::TimeZone::tzif("localtime", &data).ok());
        from_file.unwrap_or_else(jiff::tz::TimeZone::system)
    })
    .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_zone_gives_the_offsets_jiff_gives_for_the_system_zone() {
        let system = jiff::tz::TimeZone::system();
        let zone = local_zone();
        // Each month of a year, to cross daylight saving time wherever the machine is.
        for month in 0..12 {
            let at = Timestamp::from_second(1_767_225_600 + month * 30 * 86_400).unwrap();
            assert_eq!(zone.to_offset(at), system.to_offset(at), "{at}");
        }
    }
}
