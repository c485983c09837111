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
