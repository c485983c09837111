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

mod action;
mod answer;
#[cfg(test)]
pub(crate) use answer::test_answers;
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
    actions_addressing, cost_totals, is_overdue, plan, unplanned_critical,
};
pub use answer::{Answer, EvidenceRef, GridChange, Level};
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
