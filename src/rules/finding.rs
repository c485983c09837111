//! Findings: what a new one gets by default, how an edit changes one, and the words of their
//! commit messages.

use crate::assessment::{
    CveId, CvssVector, CvssVersion, EvidenceRef, FieldProblem, Finding, FindingStatus, Severity,
    VectorSource, actions_addressing,
};
use crate::error::{Fix, Result, Subject, Wrong};
use crate::field::FindingField;
use crate::messages::{Thing, Unchanged};
use crate::model::State;

use super::{
    Applied, Context, Detached, Edit, Holder, Kind, NewEvidence, Outcome, detach, detached_files,
    each_of, edit_message, evidence_added, evidence_detached, field_of, given, list_changes,
    merge_evidence, non_empty, or_none, quoted, refuse, removal, resolve, set_status,
    status_change, unless_new,
};

/// A change to a finding's fields: each `Some` sets its field, each `None` leaves it as it
/// is (or, for a new finding, takes the default). Ids are as typed: the rule resolves them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FindingPatch {
    pub title: Option<String>,
    pub domain: Option<String>,
    /// Replaces the whole list (empty: no control).
    pub controls: Option<Vec<String>>,
    pub description: Option<String>,
    pub cves: Option<Vec<CveId>>,
    /// `Some(None)` removes the vector.
    pub cvss: Option<Option<CvssVector>>,
    pub cvss_source: Option<VectorSource>,
    pub remote_takeover: Option<bool>,
    /// `Some(None)` removes the rating set by hand.
    pub severity: Option<Option<Severity>>,
    pub severity_justification: Option<Option<String>>,
    pub assets: Option<Vec<String>>,
    pub recommendation: Option<String>,
    pub status: Option<FindingStatus>,
    /// `Some(None)` (or an empty text) removes the reason.
    pub status_reason: Option<Option<String>>,
    /// Files to attach, added to the finding's evidence.
    pub evidence: NewEvidence,
    /// Evidence to detach, by its path as the finding lists it.
    pub drop_evidence: Vec<String>,
}

impl FindingPatch {
    /// Every field of `finding`: a new finding made whole elsewhere (from a CVE's match).
    pub fn from_finding(finding: &Finding) -> FindingPatch {
        FindingPatch {
            title: Some(finding.title.clone()),
            domain: Some(finding.domain.clone()),
            controls: Some(finding.controls.clone()),
            description: Some(finding.description.clone()),
            cves: Some(finding.cves.clone()),
            cvss: Some(finding.cvss.clone()),
            cvss_source: finding.cvss_source,
            remote_takeover: Some(finding.remote_takeover),
            severity: Some(finding.severity),
            severity_justification: Some(finding.severity_justification.clone()),
            assets: Some(finding.assets.clone()),
            recommendation: Some(finding.recommendation.clone()),
            status: Some(finding.status),
            status_reason: Some(finding.status_reason.clone()),
            evidence: Vec::new(),
            drop_evidence: Vec::new(),
        }
    }
}

/// A finding checked, waiting for its evidence.
#[derive(Debug)]
pub(super) struct Prepared {
    previous: Option<Finding>,
    finding: Finding,
    detached: Vec<Detached>,
}

impl Prepared {
    pub(super) fn id(&self) -> &str {
        &self.finding.id
    }

    pub(super) fn finish(self, evidence: Vec<EvidenceRef>) -> Outcome {
        let Prepared {
            previous,
            mut finding,
            mut detached,
        } = self;
        let added = merge_evidence(&mut finding.evidence, evidence);
        let files = detached_files(&mut detached, &finding.evidence);
        let id = finding.id.clone();
        let (message, created) = match &previous {
            None => (
                format!(
                    "{id}: new finding {} ({})",
                    quoted(&finding.title),
                    finding_summary(&finding)
                ),
                Some(id.clone()),
            ),
            Some(previous) => {
                let mut changes = finding_changes(previous, &finding, &added);
                changes.extend(evidence_detached(&detached));
                if changes.is_empty() && finding == *previous {
                    return Outcome::Nothing(Unchanged::Record(id.clone()));
                }
                (edit_message(&id, &changes), None)
            }
        };
        let mut applied = Applied::new(Edit::Finding(Box::new(finding)), message).created(created);
        applied.more = files;
        applied.detached = detached;
        Outcome::Write(applied)
    }
}

/// Every id the patch names, resolved; a problem per id that resolves to nothing.
struct Resolved {
    domain: Option<String>,
    controls: Option<Vec<String>>,
    assets: Option<Vec<String>>,
}

fn resolve_ids(state: &State, patch: &FindingPatch, subject: Subject) -> Result<Resolved> {
    let mut problems = Vec::new();
    let domain = patch.domain.as_ref().and_then(|domain| {
        field_of(
            FindingField::Domain,
            resolve::domain(&state.grid, domain),
            &mut problems,
        )
    });
    let controls = each_of(
        FindingField::Controls,
        patch.controls.as_ref(),
        |id| resolve::control(&state.grid, id),
        &mut problems,
    );
    let assets = each_of(
        FindingField::Assets,
        patch.assets.as_ref(),
        |id| resolve::asset(state, id),
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(refuse(subject, problems));
    }
    Ok(Resolved {
        domain,
        controls,
        assets,
    })
}

/// The recommendations the grid gives for `controls`, in the engagement's language, one
/// paragraph each: what a new finding recommends unless the auditor writes otherwise.
pub fn default_recommendation(state: &State, controls: &[String]) -> String {
    let lang = state.meta.language;
    let mut paragraphs: Vec<&str> = Vec::new();
    for id in controls {
        if let Some((_, control)) = state.grid.control(id)
            && let Some(text) = &control.recommendation
        {
            let text = text.get(lang).trim();
            if !text.is_empty() && !paragraphs.contains(&text) {
                paragraphs.push(text);
            }
        }
    }
    paragraphs.join("\n\n")
}

pub(super) fn prepare_new(state: &State, patch: FindingPatch, context: &Context) -> Result<Kind> {
    let patch_dropped = patch.drop_evidence.clone();
    let resolved = resolve_ids(state, &patch, Subject::NewFinding)?;
    let controls = resolved.controls.unwrap_or_default();
    let domain = match resolved.domain {
        Some(domain) => domain,
        // A finding about a control belongs to that control's domain.
        None => match controls
            .first()
            .and_then(|control| state.grid.control(control))
        {
            Some((domain, _)) => domain.id.clone(),
            None => {
                let ids = state.grid.domains.iter().map(|d| d.id.clone()).collect();
                return Err(refuse(
                    Subject::NewFinding,
                    vec![FieldProblem::new(
                        FindingField::Domain,
                        Wrong::Missing,
                        Fix::DomainOrControl(ids),
                    )],
                ));
            }
        },
    };
    let recommendation = patch
        .recommendation
        .unwrap_or_else(|| default_recommendation(state, &controls));
    let cvss = patch.cvss.flatten();
    // A vector is the auditor's unless said otherwise: the only source vmsaudit can vouch for.
    let cvss_source = match &cvss {
        Some(_) => Some(patch.cvss_source.unwrap_or(VectorSource::Auditor)),
        None => patch.cvss_source,
    };
    let finding = Finding {
        id: context.new_id.clone().unwrap_or_default(),
        title: patch.title.unwrap_or_default().trim().to_owned(),
        domain,
        controls,
        description: patch.description.unwrap_or_default(),
        cves: patch.cves.unwrap_or_default(),
        cvss,
        cvss_source,
        remote_takeover: patch.remote_takeover.unwrap_or(false),
        severity: patch.severity.flatten(),
        severity_justification: non_empty(patch.severity_justification.flatten()),
        assets: resolved.assets.unwrap_or_default(),
        evidence: Vec::new(),
        recommendation,
        status: patch.status.unwrap_or_default(),
        status_reason: non_empty(patch.status_reason.flatten()),
        created_by: context.who.clone(),
        created_at: context.now,
    };
    let problems = check(state, &finding);
    if !problems.is_empty() {
        return Err(refuse(Subject::NewFinding, problems));
    }
    // A new finding lists no evidence yet: anything to detach is refused as not listed.
    let detached = detach(
        state,
        Holder::Finding(""),
        &mut Vec::new(),
        &patch_dropped,
        FindingField::Evidence.into(),
        Subject::NewFinding,
    )?;
    Ok(Kind::Finding(Box::new(Prepared {
        previous: None,
        finding,
        detached,
    })))
}

/// `previous` changed by `patch` (ids resolved), before any check.
fn patched(previous: &Finding, patch: FindingPatch, resolved: Resolved) -> Finding {
    let mut new = previous.clone();
    given(
        &mut new.title,
        patch.title.map(|title| title.trim().to_owned()),
    );
    given(&mut new.domain, resolved.domain);
    given(&mut new.controls, resolved.controls);
    given(&mut new.description, patch.description);
    given(&mut new.cves, patch.cves);
    match patch.cvss {
        Some(Some(vector)) => {
            // A new vector is the auditor's unless said otherwise; the same one keeps its
            // source. A rating by hand only stands without a vector: it goes with it.
            let kept = (previous.cvss.as_ref() == Some(&vector))
                .then_some(previous.cvss_source)
                .flatten();
            new.cvss_source = Some(patch.cvss_source.or(kept).unwrap_or(VectorSource::Auditor));
            new.cvss = Some(vector);
            new.severity = patch.severity.flatten();
            new.severity_justification = non_empty(patch.severity_justification.flatten());
        }
        removed_or_kept => {
            if removed_or_kept.is_some() {
                new.cvss = None;
                new.cvss_source = patch.cvss_source;
            } else if let Some(source) = patch.cvss_source {
                new.cvss_source = Some(source);
            }
            given(&mut new.severity, patch.severity);
            given(
                &mut new.severity_justification,
                patch.severity_justification.map(non_empty),
            );
        }
    }
    given(&mut new.remote_takeover, patch.remote_takeover);
    given(&mut new.assets, resolved.assets);
    given(&mut new.recommendation, patch.recommendation);
    set_status(
        &mut new.status,
        &mut new.status_reason,
        patch.status,
        patch.status_reason,
    );
    new
}

pub(super) fn prepare_edit(
    state: &State,
    wanted: &str,
    patch: FindingPatch,
    _context: &Context,
) -> Result<Kind> {
    let id = resolve::finding(state, wanted)?;
    let Some(previous) = state.finding(&id) else {
        return Err(resolve::gone(Thing::Finding, &id));
    };
    let resolved = resolve_ids(state, &patch, Subject::Finding(id.clone()))?;
    let dropped = patch.drop_evidence.clone();
    let mut finding = patched(previous, patch, resolved);
    let detached = detach(
        state,
        Holder::Finding(&id),
        &mut finding.evidence,
        &dropped,
        FindingField::Evidence.into(),
        Subject::Finding(id.clone()),
    )?;
    let problems = check(state, &finding);
    if !problems.is_empty() {
        return Err(refuse(Subject::Finding(id), problems));
    }
    Ok(Kind::Finding(Box::new(Prepared {
        previous: Some(previous.clone()),
        finding,
        detached,
    })))
}

pub(super) fn prepare_remove(state: &State, wanted: &str) -> Result<Kind> {
    let id = resolve::finding(state, wanted)?;
    let blocking = actions_addressing(&id, &state.actions);
    if !blocking.is_empty() {
        let actions: Vec<String> = blocking
            .iter()
            .map(|action| format!("{} {}", action.id, quoted(&action.title)))
            .collect();
        return Err(refuse(
            Subject::Finding(id.clone()),
            vec![FieldProblem::new(
                FindingField::Actions,
                Wrong::AddressedBy {
                    finding: id.clone(),
                    actions,
                },
                Fix::TakeOutOfActions(id),
            )],
        ));
    }
    let title = state.finding(&id).map(|finding| finding.title.as_str());
    // Its evidence files stay in `evidence/<ID>/`: evidence is never deleted.
    Ok(removal(id, "finding", title, Edit::RemoveFinding))
}

/// Every problem of `finding` on its own and with what it names (the grid's domain and
/// controls, the inventory's assets). A new finding's empty id is not a problem: saving
/// gives it one.
pub fn check(state: &State, finding: &Finding) -> Vec<FieldProblem> {
    let mut problems = unless_new(finding.validate(), &finding.id);
    problems.extend(finding.check_references(&state.grid, state.assets.as_slice()));
    problems
}

/// `critical, CVSS 9.8`, `medium, rated by hand`, `low, CVSS 3.9, critical`: how a finding's
/// severity reads in messages.
pub fn finding_summary(finding: &Finding) -> String {
    let severity = or_none(finding.severity());
    let mut parts = vec![severity];
    match &finding.cvss {
        // 3.1 is the template's scale and goes unmarked; 3.0 and 4.0 scores say theirs.
        Some(vector) if vector.version() != CvssVersion::V3_1 => {
            parts.push(format!("CVSS {} {}", vector.version(), vector.base_score()))
        }
        Some(vector) => parts.push(format!("CVSS {}", vector.base_score())),
        None => parts.push("rated by hand".to_owned()),
    }
    if finding.is_critical() && finding.severity() != Some(Severity::Critical) {
        parts.push("critical".to_owned());
    }
    parts.join(", ")
}

fn finding_changes(old: &Finding, new: &Finding, evidence: &[String]) -> Vec<String> {
    let mut parts = Vec::new();
    if old.title != new.title {
        parts.push(format!("title {}", quoted(&new.title)));
    }
    if old.domain != new.domain {
        parts.push(format!("domain {} (was {})", new.domain, old.domain));
    }
    parts.extend(list_changes("control", &old.controls, &new.controls));
    if old.description != new.description {
        parts.push("description updated".to_owned());
    }
    parts.extend(list_changes("", &old.cves, &new.cves));
    parts.extend(cvss_changes(old, new));
    if old.remote_takeover != new.remote_takeover {
        parts.push(if new.remote_takeover {
            "remote takeover set".to_owned()
        } else {
            "remote takeover unset".to_owned()
        });
    }
    if new.cvss.is_none() && old.severity != new.severity {
        parts.push(match (old.cvss.is_some(), old.severity) {
            (false, Some(was)) => format!("severity {} (was {was})", or_none(new.severity)),
            _ => format!("severity {} by hand", or_none(new.severity)),
        });
    }
    if new.cvss.is_none()
        && old.severity_justification != new.severity_justification
        && old.severity == new.severity
    {
        parts.push("severity justification updated".to_owned());
    }
    parts.extend(list_changes("asset", &old.assets, &new.assets));
    parts.extend(evidence_added(evidence));
    if old.recommendation != new.recommendation {
        parts.push("recommendation updated".to_owned());
    }
    parts.extend(status_change(
        (old.status, &old.status_reason),
        (new.status, &new.status_reason),
    ));
    if !parts.is_empty() && old.is_critical() != new.is_critical() {
        parts.push(if new.is_critical() {
            "now critical".to_owned()
        } else {
            "no longer critical".to_owned()
        });
    }
    parts
}

fn cvss_changes(old: &Finding, new: &Finding) -> Vec<String> {
    let mut parts = Vec::new();
    match (&old.cvss, &new.cvss) {
        (Some(old_vector), Some(new_vector)) if old_vector != new_vector => {
            if old_vector.base_score() == new_vector.base_score() {
                parts.push(format!("CVSS vector changed ({})", new_vector.base_score()));
            } else {
                parts.push(format!(
                    "CVSS {} (was {})",
                    new_vector.base_score(),
                    old_vector.base_score()
                ));
            }
        }
        (None, Some(vector)) => {
            let was = old
                .severity
                .map(|severity| format!(" (was rated {severity} by hand)"))
                .unwrap_or_default();
            parts.push(format!("CVSS {}{was}", vector.base_score()));
        }
        (Some(vector), None) => parts.push(format!("CVSS removed (was {})", vector.base_score())),
        _ => {}
    }
    if old.cvss.is_some() && new.cvss.is_some() && old.cvss_source != new.cvss_source {
        parts.push(format!(
            "CVSS source {} (was {})",
            or_none(new.cvss_source),
            or_none(old.cvss_source)
        ));
    }
    parts
}
