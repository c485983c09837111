//! Findings: the record of one vulnerability or shortfall (`findings/<id>.yaml`), its
//! severity and the criticality rule that opens the action plan.
//!
//! Every record's `validate` returns [`FieldProblem`]s (defined with the errors), so a front end can show
//! each problem beside its field and `engagement` can turn it into a `file: problem` line.
//! Ids are given by the caller (the engagement chooses them so clones do not collide); this
//! module only checks that one can name a file. Nothing here reads or writes a file.

use std::collections::BTreeSet;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Asset, Auditor, CveId, CvssScore, CvssVector, EvidenceRef, Severity, VectorSource};
pub use crate::error::FieldProblem;
use crate::field::{Field, FindingField};
use crate::grid::Grid;
use crate::messages::{Fix, Thing, Unknown, Wrong};

/// The longest id of a finding or an action: room for a prefix and a collision-free suffix.
pub const RECORD_ID_MAX: usize = 64;

/// Whether `id` can name a record and its file: ASCII letters, digits, `-`, `_`, `.`, starting
/// with a letter or digit (so never `.` or `..`), at most `max` characters.
pub(crate) fn check_id(id: &str, max: usize) -> Result<(), Wrong> {
    let starts_well = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    let chars_ok = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if id.is_empty() {
        Err(Wrong::Empty)
    } else if !starts_well || !chars_ok || id.chars().count() > max {
        Err(Wrong::BadId {
            given: id.to_owned(),
            max,
        })
    } else {
        Ok(())
    }
}

pub(super) fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// The problems of what a finding and an action both start with, in field order: an id
/// that can name its file, and a title.
pub(super) fn id_and_title<F: Into<Field> + Copy>(
    (id, id_field): (&str, F),
    (title, title_field): (&str, F),
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if let Err(wrong) = check_id(id, RECORD_ID_MAX) {
        problems.push(FieldProblem::new(id_field, wrong, Fix::RestoreId));
    }
    if blank(title) {
        let fix = Fix::Give(title_field.into());
        problems.push(FieldProblem::new(title_field, Wrong::Empty, fix));
    }
    problems
}

fn duplicates<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    let mut twice = BTreeSet::new();
    for item in items {
        if !seen.insert(item) {
            twice.insert(item);
        }
    }
    twice.into_iter().collect()
}

/// Where a finding stands with the client.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    #[default]
    Open,
    Resolved,
    /// The client accepts the risk; `status_reason` says why.
    Accepted,
}

impl FindingStatus {
    pub const ALL: [FindingStatus; 3] = [
        FindingStatus::Open,
        FindingStatus::Resolved,
        FindingStatus::Accepted,
    ];

    /// The names of the values, in the order of `ALL`, as written in files and on the
    /// command line.
    pub const NAMES: [&'static str; 3] = crate::assessment::names!(FindingStatus, 3);

    pub const fn as_str(self) -> &'static str {
        match self {
            FindingStatus::Open => "open",
            FindingStatus::Resolved => "resolved",
            FindingStatus::Accepted => "accepted",
        }
    }

    /// Still to be dealt with: neither resolved nor accepted.
    pub fn is_pending(self) -> bool {
        self == FindingStatus::Open
    }
}

super::text_enum!(FindingStatus, FindingStatus);

/// How urgent a finding is, or an action through the findings it addresses. Orders by the
/// critical flag first, then severity, then base score, so the greatest is the most urgent;
/// an unknown severity or score sorts below any known one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Criticality {
    pub critical: bool,
    pub severity: Option<Severity>,
    pub base_score: Option<CvssScore>,
}

/// A base score strictly above this many tenths makes a finding critical (7.0 itself does not).
const CRITICAL_ABOVE_TENTHS: u8 = 70;

/// A vulnerability or shortfall found during the audit, as stored in `findings/<id>.yaml`.
/// Fields serialise in this order, so a finding's diff reads top to bottom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: String,
    pub title: String,
    /// The id of the grid domain the finding belongs to.
    pub domain: String,
    #[serde(default)]
    pub controls: Vec<String>,
    /// Markdown, kept as the auditor wrote it.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub cves: Vec<CveId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvss: Option<CvssVector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvss_source: Option<VectorSource>,
    /// The flaw lets an attacker take control of the equipment from the network; such a
    /// finding is critical whatever its score.
    #[serde(default)]
    pub remote_takeover: bool,
    /// Set by the auditor only when there is no vector; see [`Finding::severity`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_justification: Option<String>,
    /// Ids of the assets affected, from `assets.yaml`.
    #[serde(default)]
    pub assets: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<EvidenceRef>,
    /// Markdown.
    #[serde(default)]
    pub recommendation: String,
    #[serde(default)]
    pub status: FindingStatus,
    /// Why the risk was accepted (required then), or any note on the status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    pub created_by: Auditor,
    pub created_at: Timestamp,
}

impl Finding {
    /// A finding with only its domain, controls, recommendation and author: what a new one
    /// starts from (open, no vector, no severity, nothing else).
    pub fn blank(
        domain: String,
        controls: Vec<String>,
        recommendation: String,
        created_by: Auditor,
    ) -> Finding {
        Finding {
            id: String::new(),
            title: String::new(),
            domain,
            controls,
            description: String::new(),
            cves: Vec::new(),
            cvss: None,
            cvss_source: None,
            remote_takeover: false,
            severity: None,
            severity_justification: None,
            assets: Vec::new(),
            evidence: Vec::new(),
            recommendation,
            status: FindingStatus::Open,
            status_reason: None,
            created_by,
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    /// The band of the CVSS base score when the finding has a vector, else the auditor's
    /// rating. A hand-set severity beside a vector is never used: [`Finding::validate`]
    /// refuses it, so the report's severity can always be traced to its score.
    pub fn severity(&self) -> Option<Severity> {
        match &self.cvss {
            Some(vector) => Some(vector.severity()),
            None => self.severity,
        }
    }

    pub fn base_score(&self) -> Option<CvssScore> {
        self.cvss.as_ref().map(CvssVector::base_score)
    }

    /// Critical when the CVSS base score is above 7.0 (7.0 itself is not), when the flaw
    /// allows remote takeover, or — without a vector — when the auditor rates it Critical,
    /// a band (9.0–10.0) wholly above 7.0. A hand-rated High is not critical by itself: its
    /// band starts at 7.0; flag `remote_takeover` or give a vector when it should be.
    pub fn is_critical(&self) -> bool {
        let by_score = self
            .base_score()
            .is_some_and(|score| score.tenths() > CRITICAL_ABOVE_TENTHS);
        let by_rating = self.cvss.is_none() && self.severity == Some(Severity::Critical);
        by_score || self.remote_takeover || by_rating
    }

    /// Critical and still open: [`super::immediate_treatment`], the plan's rule.
    pub fn calls_for_immediate_treatment(&self) -> bool {
        super::immediate_treatment(self.is_critical(), self.status.is_pending())
    }

    pub fn criticality(&self) -> Criticality {
        Criticality {
            critical: self.is_critical(),
            severity: self.severity(),
            base_score: self.base_score(),
        }
    }

    /// Every problem of the record on its own, in field order; empty when it is valid.
    /// References to the grid and the inventory are checked by [`Finding::check_references`].
    pub fn validate(&self) -> Vec<FieldProblem> {
        use FindingField as F;
        let mut problems = id_and_title((&self.id, F::Id), (&self.title, F::Title));
        let mut push = |field: F, wrong: Wrong, fix: Fix| {
            problems.push(FieldProblem::new(field, wrong, fix));
        };
        if blank(&self.domain) {
            push(F::Domain, Wrong::Empty, Fix::Give(F::Domain.into()));
        }
        for control in duplicates(self.controls.iter().map(String::as_str)) {
            push(F::Controls, Wrong::Twice(control.to_owned()), Fix::ListOnce);
        }
        let cves: Vec<String> = self.cves.iter().map(CveId::to_string).collect();
        for cve in duplicates(cves.iter().map(String::as_str)) {
            push(F::Cves, Wrong::Twice(cve.to_owned()), Fix::ListOnce);
        }
        match &self.cvss {
            Some(vector) => {
                if self.cvss_source.is_none() {
                    let sources = VectorSource::NAMES.iter().map(|s| s.to_string()).collect();
                    push(F::CvssSource, Wrong::Missing, Fix::Choose(sources));
                }
                if let Some(severity) = self.severity {
                    let wrong = Wrong::SeverityWithVector {
                        severity: severity.to_string(),
                        score: vector.base_score().to_string(),
                        from_vector: vector.severity().to_string(),
                    };
                    push(F::Severity, wrong, Fix::Remove(F::Severity.into()));
                }
                if self.severity_justification.is_some() {
                    let fix = Fix::Remove(F::SeverityJustification.into());
                    push(F::SeverityJustification, Wrong::NotWithVector, fix);
                }
            }
            None => {
                if self.cvss_source.is_some() {
                    let fix = Fix::GiveOrRemove {
                        give: F::Cvss.into(),
                        remove: F::CvssSource.into(),
                    };
                    push(F::CvssSource, Wrong::WithoutVector, fix);
                }
                if self.severity.is_none() {
                    push(F::Severity, Wrong::NoSeverity, Fix::VectorOrSeverity);
                }
                if self.severity_justification.as_deref().is_none_or(blank) {
                    let fix = Fix::SayWhy(F::SeverityJustification.into());
                    push(F::SeverityJustification, Wrong::Unjustified, fix);
                }
            }
        }
        for asset in duplicates(self.assets.iter().map(String::as_str)) {
            push(F::Assets, Wrong::Twice(asset.to_owned()), Fix::ListOnce);
        }
        if self.status == FindingStatus::Accepted && self.status_reason.as_deref().is_none_or(blank)
        {
            let fix = Fix::SayWhy(F::StatusReason.into());
            push(F::StatusReason, Wrong::AcceptedWithoutReason, fix);
        }
        problems
    }

    /// Problems with what the finding names elsewhere: its domain and controls in `grid`,
    /// its assets in the inventory.
    pub fn check_references(&self, grid: &Grid, assets: &[Asset]) -> Vec<FieldProblem> {
        self.check_references_by(
            grid,
            |id| grid.control(id).is_some(),
            |id| assets.iter().any(|known| known.id == id),
        )
    }

    /// [`Finding::check_references`] with the lookups of controls and assets given: loading
    /// an engagement checks hundreds of findings against thousands of controls and assets,
    /// and a scan of both lists for each reference was a tenth of a command's time.
    pub fn check_references_by(
        &self,
        grid: &Grid,
        has_control: impl Fn(&str) -> bool,
        has_asset: impl Fn(&str) -> bool,
    ) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let unknown = |thing: Thing, given: &str| {
            let grid = matches!(thing, Thing::Control | Thing::Domain)
                .then(|| format!("{} {}", grid.id, grid.version));
            Wrong::Unknown(Unknown {
                thing,
                given: given.to_owned(),
                grid,
            })
        };
        if !blank(&self.domain) && grid.domain(&self.domain).is_none() {
            let known = grid.domains.iter().map(|d| d.id.clone()).collect();
            problems.push(FieldProblem::new(
                FindingField::Domain,
                unknown(Thing::Domain, &self.domain),
                Fix::Choose(known),
            ));
        }
        for control in &self.controls {
            if !has_control(control) {
                let fix = match grid.suggest_control(control) {
                    Some(near) => Fix::DidYouMean(near.to_owned()),
                    None => Fix::ControlLike,
                };
                problems.push(FieldProblem::new(
                    FindingField::Controls,
                    unknown(Thing::Control, control),
                    fix,
                ));
            }
        }
        for asset in &self.assets {
            if !has_asset(asset) {
                problems.push(FieldProblem::new(
                    FindingField::Assets,
                    unknown(Thing::Asset, asset),
                    Fix::AddAsset(None),
                ));
            }
        }
        problems
    }
}

/// Findings in the order lists and the report show them: critical first, then by criticality
/// (severity, then base score), then by domain in `grid` order (domains outside the grid
/// last), then by id, so two runs over the same records print the same list.
pub fn findings_in_order<'a>(findings: &'a [Finding], grid: &Grid) -> Vec<&'a Finding> {
    let mut ordered: Vec<&Finding> = findings.iter().collect();
    ordered.sort_by(|a, b| {
        (
            std::cmp::Reverse(a.criticality()),
            grid.domain_rank(&a.domain),
            &a.id,
        )
            .cmp(&(
                std::cmp::Reverse(b.criticality()),
                grid.domain_rank(&b.domain),
                &b.id,
            ))
    });
    ordered
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A valid finding without a vector, rated by hand.
    pub(crate) fn finding(id: &str, domain: &str) -> Finding {
        let author = "Jeanne Martin <jm@example.org>".parse().unwrap();
        Finding {
            id: id.into(),
            title: format!("Finding {id}"),
            severity: Some(Severity::Low),
            severity_justification: Some("Only reachable from the video VLAN.".into()),
            created_at: "2026-11-27T10:00:00Z".parse().unwrap(),
            ..Finding::blank(domain.into(), vec![], String::new(), author)
        }
    }

    /// A valid finding scored by `vector` (from NVD).
    pub(crate) fn scored(id: &str, domain: &str, vector: &str) -> Finding {
        Finding {
            cvss: Some(vector.parse().unwrap()),
            cvss_source: Some(VectorSource::Nvd),
            severity: None,
            severity_justification: None,
            ..finding(id, domain)
        }
    }

    // Vectors scoring exactly 7.0 and 7.1 (CVSS 3.1, computed by the crate).
    pub(crate) const SEVEN: &str = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:L";
    pub(crate) const SEVEN_ONE: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:N";
    /// CVE-2021-36260 (NVD): 9.8.
    pub(crate) const HIKVISION: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    /// CVE-2022-30564 (NVD): 5.3.
    pub(crate) const MEDIUM: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N";

    #[test]
    fn a_score_of_exactly_seven_is_not_critical_and_seven_one_is() {
        let seven = scored("F-1", "NET", SEVEN);
        assert_eq!(
            seven.base_score().map(|s| s.to_string()),
            Some("7.0".into())
        );
        assert_eq!(seven.severity(), Some(Severity::High));
        assert!(!seven.is_critical());

        let above = scored("F-2", "NET", SEVEN_ONE);
        assert_eq!(
            above.base_score().map(|s| s.to_string()),
            Some("7.1".into())
        );
        assert!(above.is_critical());
    }

    #[test]
    fn remote_takeover_makes_a_low_score_critical() {
        // CVSS 3.1 base 3.9 (Low).
        let low = scored("F-1", "REM", "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:L/A:L");
        assert_eq!(low.severity(), Some(Severity::Low));
        assert!(!low.is_critical());
        let takeover = Finding {
            remote_takeover: true,
            ..low
        };
        assert!(takeover.is_critical());
        assert_eq!(
            takeover.severity(),
            Some(Severity::Low),
            "severity stays the score's"
        );

        let by_hand = Finding {
            remote_takeover: true,
            ..finding("F-3", "REM")
        };
        assert!(by_hand.is_critical());
    }

    #[test]
    fn without_a_vector_the_auditors_rating_decides_and_only_critical_is_critical() {
        let high = Finding {
            severity: Some(Severity::High),
            ..finding("F-1", "ACC")
        };
        assert_eq!(high.severity(), Some(Severity::High));
        assert_eq!(high.base_score(), None);
        assert!(!high.is_critical(), "High spans 7.0, which is not critical");
        let critical = Finding {
            severity: Some(Severity::Critical),
            ..high
        };
        assert!(critical.is_critical());
    }

    #[test]
    fn the_vector_decides_the_severity_even_if_one_was_set_by_hand() {
        let contradicted = Finding {
            severity: Some(Severity::Low),
            ..scored("F-1", "UPD", HIKVISION)
        };
        assert_eq!(contradicted.severity(), Some(Severity::Critical));
        let problems = contradicted.validate();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "severity");
        assert!(
            problems[0]
                .wrong
                .to_string()
                .contains("the vector gives it (9.8 → critical)")
        );
    }

    #[test]
    fn criticality_orders_flag_then_severity_then_score() {
        let critical_medium = Finding {
            remote_takeover: true,
            ..scored("A", "NET", MEDIUM)
        };
        let high_seven = scored("B", "NET", SEVEN);
        let high_seven_one = scored("C", "NET", SEVEN_ONE);
        let low_by_hand = finding("D", "NET");
        // 7.1 is critical by score and High: above a critical Medium.
        assert!(high_seven_one.criticality() > critical_medium.criticality());
        // Any critical finding comes before a non-critical one, whatever the severities.
        assert!(critical_medium.criticality() > high_seven.criticality());
        assert!(high_seven.criticality() > low_by_hand.criticality());
        // Same flag and band: the higher base score first (CVE-2021-1521, 6.5, over 5.3).
        let medium_six_five = scored("E", "NET", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
        let medium_five_three = scored("F", "NET", MEDIUM);
        assert!(medium_six_five.criticality() > medium_five_three.criticality());
        assert!(low_by_hand.criticality() > Criticality::default());
    }

    #[test]
    fn findings_are_listed_by_criticality_then_grid_domain_order_then_id() {
        let grid = crate::grid::builtin::grid().unwrap();
        let findings = vec![
            finding("F-low-acc", "ACC"),
            scored("F-seven-net", "NET", SEVEN),
            scored("F-seven-acc", "ACC", SEVEN),
            Finding {
                remote_takeover: true,
                ..scored("F-takeover", "REM", MEDIUM)
            },
            scored("F-rce", "UPD", HIKVISION),
            scored("F-b", "UPD", MEDIUM),
            scored("F-a", "UPD", MEDIUM),
        ];
        let order: Vec<&str> = findings_in_order(&findings, &grid)
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "F-rce",
                "F-takeover",
                "F-seven-acc",
                "F-seven-net",
                "F-a",
                "F-b",
                "F-low-acc"
            ]
        );
    }

    #[test]
    fn a_valid_finding_has_no_problems() {
        assert_eq!(finding("F-1", "ACC").validate(), vec![]);
        assert_eq!(scored("F-2", "UPD", HIKVISION).validate(), vec![]);
    }

    #[test]
    fn every_problem_of_a_finding_is_reported_with_its_field() {
        let bad = Finding {
            id: "../etc".into(),
            title: "  ".into(),
            domain: String::new(),
            controls: vec!["UPD-02".into(), "UPD-02".into()],
            cves: vec![
                "CVE-2021-36260".parse().unwrap(),
                "CVE-2021-36260".parse().unwrap(),
            ],
            severity: None,
            severity_justification: None,
            cvss_source: Some(VectorSource::Vendor),
            status: FindingStatus::Accepted,
            ..finding("F-1", "UPD")
        };
        let fields: Vec<&str> = bad.validate().iter().map(|p| p.field.key()).collect();
        assert_eq!(
            fields,
            [
                "id",
                "title",
                "domain",
                "controls",
                "cves",
                "cvss_source",
                "severity",
                "severity_justification",
                "status_reason"
            ]
        );
        let with_vector = Finding {
            cvss_source: None,
            severity_justification: Some("old".into()),
            ..scored("F-2", "UPD", HIKVISION)
        };
        let problems: Vec<String> = with_vector
            .validate()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("`cvss_source`: missing — choose one of: nvd, vendor"),
            "{}",
            problems[0]
        );
        assert!(problems[1].starts_with("`severity_justification`:"));
    }

    #[test]
    fn references_to_the_grid_and_the_inventory_are_checked() {
        let grid = crate::grid::builtin::grid().unwrap();
        let assets = [Asset::new("CAM-012", crate::assessment::AssetKind::Camera)];
        let good = Finding {
            controls: vec!["UPD-02".into(), "ACC-01".into()],
            assets: vec!["CAM-012".into()],
            ..finding("F-1", "UPD")
        };
        assert_eq!(good.check_references(&grid, &assets), vec![]);
        let bad = Finding {
            controls: vec!["UPD-2".into()],
            assets: vec!["CAM-013".into()],
            ..finding("F-1", "UPDATES")
        };
        let problems: Vec<String> = bad
            .check_references(&grid, &assets)
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].starts_with("`domain`: unknown domain `UPDATES` in grid ")
                && problems[0].contains(" — choose one of: ACC, UPD"),
            "{}",
            problems[0]
        );
        assert!(problems[1].starts_with("`controls`: unknown control `UPD-2`"));
        assert!(problems[2].starts_with("`assets`: unknown asset `CAM-013`"));
    }

    #[test]
    fn field_problems_become_house_problems_for_a_file() {
        let problem = FieldProblem::new(
            FindingField::Title,
            Wrong::Empty,
            Fix::Give(FindingField::Title.into()),
        );
        let problem = crate::error::Problem::of_field("findings/F-1.yaml", problem);
        assert_eq!(
            problem.to_string(),
            "findings/F-1.yaml: `title`: empty — give `title`"
        );
        assert_eq!(
            problem.phrase(crate::grid::Lang::Fr),
            "findings/F-1.yaml: `title`\u{a0}: vide — renseignez `title`"
        );
    }

    #[test]
    fn record_ids_must_name_a_file() {
        assert!(check_id("F-3k9x2a", RECORD_ID_MAX).is_ok());
        assert!(check_id("2026.11_A-1", RECORD_ID_MAX).is_ok());
        for bad in ["", ".", "..", "-x", "a/b", "a b", "é1", &"x".repeat(65)] {
            assert!(check_id(bad, RECORD_ID_MAX).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn finding_round_trips_through_yaml_in_a_stable_order() {
        let original = Finding {
            controls: vec!["UPD-02".into()],
            description: "Unauthenticated command injection in `/SDK/webLanguage`.\n\n| model | firmware |\n|---|---|\n| DS-2CD2143G0-I | V5.5.0 |\n".into(),
            cves: vec!["CVE-2021-36260".parse().unwrap()],
            remote_takeover: true,
            assets: vec!["CAM-012".into()],
            evidence: vec![EvidenceRef {
                path: "evidence/UPD-02/curl.txt".into(),
                sha256: "ab".repeat(32),
                note: Some("PoC output".into()),
            }],
            recommendation: "Update to V5.5.800.".into(),
            status: FindingStatus::Accepted,
            status_reason: Some("Cameras replaced in March.".into()),
            ..scored("F-1", "UPD", HIKVISION)
        };
        let text = crate::yaml::to_string(&original).unwrap();
        assert_eq!(
            crate::assessment::top_level_keys(&text),
            [
                "id",
                "title",
                "domain",
                "controls",
                "description",
                "cves",
                "cvss",
                "cvss_source",
                "remote_takeover",
                "assets",
                "evidence",
                "recommendation",
                "status",
                "status_reason",
                "created_by",
                "created_at"
            ],
            "{text}"
        );
        assert!(text.contains("status: accepted"), "{text}");
        assert!(text.contains("cvss_source: nvd"), "{text}");
        let back: Finding = crate::yaml::from_str(&text).unwrap();
        assert_eq!(back, original);

        let by_hand = finding("F-2", "ACC");
        let text = crate::yaml::to_string(&by_hand).unwrap();
        assert!(text.contains("severity: low"), "{text}");
        assert_eq!(crate::yaml::from_str::<Finding>(&text).unwrap(), by_hand);
    }

    #[test]
    fn a_finding_file_with_an_unknown_key_or_a_bad_vector_is_refused() {
        let text = crate::yaml::to_string(&scored("F-1", "UPD", HIKVISION)).unwrap();
        let unknown = text.replace("remote_takeover:", "remote_takover: true\nremote_takeover:");
        let error = crate::yaml::from_str::<Finding>(&unknown)
            .unwrap_err()
            .to_string();
        assert!(error.contains("remote_takover"), "{error}");

        let bad_vector = text.replace("AV:N/AC:L", "AV:Q/AC:L");
        let error = crate::yaml::from_str::<Finding>(&bad_vector)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("`AV:Q` is not a valid value for Attack Vector (use N, A, L or P)"),
            "{error}"
        );

        let bad_cve = text.replace("cves: []", "cves: [CVE-21-36260]");
        assert_ne!(bad_cve, text);
        let error = crate::yaml::from_str::<Finding>(&bad_cve)
            .unwrap_err()
            .to_string();
        assert!(error.contains("is not a CVE id"), "{error}");
    }
}
