//! The time records and commits are stamped with.

use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::lang::Lang;

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

/// The day `at` falls on for the person at this machine ([`local_zone`]): the day a record
/// was saved, a round closed, a report dated, whichever front end shows it.
pub fn day(at: Timestamp) -> jiff::civil::Date {
    day_in(at, &local_zone())
}

/// [`day`] in `zone`.
pub fn day_in(at: Timestamp, zone: &jiff::tz::TimeZone) -> jiff::civil::Date {
    zone.to_datetime(at).date()
}

/// `2026-12-31 15:05`, `31/12/2026 15:05`: the one way a moment (a change saved, a draft
/// kept) is shown to a person, by the checklist as by the command line: in the machine's
/// zone ([`local_zone`], which honours `TZ`), as the days of [`day`] are counted, and without
/// an offset, since every moment shown is in that one zone.
pub fn moment(lang: Lang, at: Timestamp) -> String {
    moment_in(lang, at, &local_zone())
}

/// [`moment`] in `zone`.
pub fn moment_in(lang: Lang, at: Timestamp, zone: &jiff::tz::TimeZone) -> String {
    lang.moment(zone.to_datetime(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_is_shown_in_the_zone_given_in_each_language() {
        let at: Timestamp = "2026-06-09T22:05:00Z".parse().unwrap();
        let paris = jiff::tz::TimeZone::get("Europe/Paris").unwrap();
        assert_eq!(moment_in(Lang::En, at, &paris), "2026-06-10 00:05");
        assert_eq!(moment_in(Lang::Fr, at, &paris), "10/06/2026 00:05");
        assert_eq!(day_in(at, &paris), jiff::civil::date(2026, 6, 10));
        let utc = jiff::tz::TimeZone::UTC;
        assert_eq!(moment_in(Lang::En, at, &utc), "2026-06-09 22:05");
        assert_eq!(day_in(at, &utc), jiff::civil::date(2026, 6, 9));
        // In winter, Paris is an hour ahead of UTC, not two.
        let winter: Timestamp = "2026-01-09T23:30:00Z".parse().unwrap();
        assert_eq!(moment_in(Lang::Fr, winter, &paris), "10/01/2026 00:30");
        // The process's zone is the default.
        assert_eq!(moment(Lang::En, at), moment_in(Lang::En, at, &local_zone()));
        assert_eq!(day(at), day_in(at, &local_zone()));
    }

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
