//! The rules of an assessment, without I/O: answers and their levels, auditors, domain
//! scores, findings and their CVSS vectors, the action plan and its order, the asset
//! inventory. Each rule is a pure function of the grid and the records, tested in isolation.

/// The names of an enum's values, in the order of its `ALL`, as a constant, so that every
/// list of choices (forms, filters, help) comes from the type itself.
macro_rules! names {
    ($type:ty, $count:expr) => {{
        let mut names = [""; $count];
        let mut index = 0;
        while index < $count {
            names[index] = <$type>::ALL[index].as_str();
            index += 1;
        }
        names
    }};
}
pub(crate) use names;

/// `Display` for a type that has an `as_str`: the value as written in files.
macro_rules! display_as_str {
    ($type:ty) => {
        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use display_as_str;

/// `Display` and a case-insensitive `FromStr` for an enum with `ALL`, `NAMES` and `as_str`;
/// the error says which `Kind` of value it is not and lists the names. With `spaced`, `-` and
/// spaces read as `_` (`in progress`), for the values that are written with `_`.
macro_rules! text_enum {
    ($type:ty, $kind:ident) => {
        $crate::assessment::text_enum!(@impl $type, $kind, |text: &str| text
            .trim()
            .to_ascii_lowercase());
    };
    ($type:ty, $kind:ident, spaced) => {
        $crate::assessment::text_enum!(@impl $type, $kind, |text: &str| text
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_"));
    };
    (@impl $type:ty, $kind:ident, $normal:expr) => {
        $crate::assessment::display_as_str!($type);

        impl std::str::FromStr for $type {
            type Err = $crate::messages::BadValue;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                use $crate::messages::{BadValue, Expected, Kind};
                let wanted = ($normal)(text);
                <$type>::ALL
                    .into_iter()
                    .find(|value| value.as_str() == wanted)
                    .ok_or_else(|| BadValue::new(text, Expected::OneOf(Kind::$kind, &<$type>::NAMES)))
            }
        }
    };
}
pub(crate) use text_enum;

/// Serde through the type's text: written with `Display`, read with `FromStr` (whose error
/// becomes the file's problem), so a record's file holds what the command line takes.
macro_rules! serde_as_text {
    ($type:ty) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_as_text;

mod action;
mod answer;
#[cfg(test)]
pub(crate) use answer::test_answers;

/// The keys of a record's YAML at the top level, in the order written.
#[cfg(test)]
pub(crate) fn top_level_keys(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| !line.starts_with([' ', '-']) && line.contains(':'))
        .filter_map(|line| line.split(':').next())
        .collect()
}
mod asset;
mod auditor;
mod cvss;
mod finding;
mod scan;
mod score;

pub use self::cvss::{
    CveId, CveIdError, CvssError, CvssMetric, CvssScore, CvssVector, CvssVersion, Severity,
    VectorSource,
};
pub use action::{
    Action, ActionStatus, Amount, Complexity, CostTotal, Due, Owner, PlanEntry, action_criticality,
    actions_addressing, cost_totals, immediate_treatment, is_overdue, plan, unplanned_critical,
};
pub use answer::{Answer, EvidenceRef, GridChange, Level, ill_formed, is_engagement_path};
pub use asset::{ASSET_ID_MAX, Asset, AssetKind, Assets, Upsert, check_asset_id, normal_mac};
pub use auditor::Auditor;
pub use finding::{
    Criticality, FieldProblem, Finding, FindingStatus, RECORD_ID_MAX, findings_in_order,
};
pub use scan::{Decision, DecisionRecord, SCANS_DIR, ScanRecord};
pub use score::{
    CRITICAL_CAP, Cap, Computed, DomainStatus, Overrides, Score, ScoreOverride, Status,
    domain_computed, domain_score, effective_score, shown_score, status,
};
