//! The auditor's decisions on what the scans propose for a control. Accepted, the proposals'
//! sentences join the control's observations, with the scans' XML linked as evidence;
//! accepted or dismissed, the decision is kept in the scan's record, so that it holds for
//! every later scan that sees the same fact. An import is a change too: the hosts into the
//! inventory, the XML kept as evidence and the scan's record, in one commit.

use crate::assessment::{
    Asset, Decision, DecisionRecord, EvidenceRef, FieldProblem, Level, ScanRecord,
};
use crate::error::{Error, Fix, Result, ScanAsk, Subject, Wrong};
use crate::field::ScanField;
use crate::messages::{Thing, Unchanged, Unknown};
use crate::model::State;
use crate::text::one_line;

use super::{
    AnswerChange, Applied, AssetChange, Context, Edit, Kind, NewEvidence, Outcome, Prepared,
    answer, asset, refuse,
};

/// A scan read and checked by its importer, to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanImport {
    /// The XML file (one), to keep as evidence under `evidence/scans/`.
    pub xml: NewEvidence,
    /// Its hosts, as assets: new ones, or the inventory's own to complete.
    pub assets: Vec<Asset>,
    /// Its record; `evidence.sha256` is the SHA-256 of the text that was parsed, and the
    /// reference is completed when the file is copied.
    pub record: ScanRecord,
}

/// Where a scan's XML is kept: `evidence/scans/`.
pub const SCAN_EVIDENCE_OWNER: &str = "scans";

/// An import checked: its inventory change and its record, waiting for the XML's copy.
#[derive(Debug)]
pub(super) struct Imported {
    inventory: Kind,
    record: ScanRecord,
}

pub(super) fn prepare_import(state: &State, import: ScanImport) -> Result<Kind> {
    let ScanImport { assets, record, .. } = import;
    if state.scans.iter().any(|known| known.id == record.id) {
        return Err(ScanAsk::ImportedAlready(record.id).into());
    }
    let inventory = asset::prepare(
        state,
        AssetChange::Fill {
            source: record.file.clone(),
            assets,
        },
    )?;
    Ok(Kind::ScanImport(Box::new(Imported { inventory, record })))
}

impl Imported {
    /// The inventory's edit, if any, with the scan's record: its XML's reference is the copy
    /// just made, which must be the text that was parsed.
    /// The reference the XML's copy will have (its path aside).
    pub(super) fn expected_evidence(&self) -> EvidenceRef {
        self.record.evidence.clone()
    }

    pub(super) fn finish(self, evidence: Vec<EvidenceRef>) -> Result<Outcome> {
        let Imported { inventory, record } = self;
        let (id, file) = (record.id.clone(), one_line(&record.file));
        let copied = evidence
            .into_iter()
            .find(|copy| copy.sha256 == record.evidence.sha256)
            .ok_or_else(|| Error::from(crate::error::FileFlaw::Changed(file.clone())))?;
        let hosts = record.hosts;
        let scan = Edit::Scan(Box::new(ScanRecord {
            evidence: copied,
            ..record
        }));
        let said =
            |inventory: &str| format!("scan {id}: {file} imported ({hosts} hosts up; {inventory})");
        Ok(match (Prepared { kind: inventory }).finish(Vec::new())? {
            Outcome::Write(mut applied) => {
                applied.message = said(&applied.message);
                applied.more.push(scan);
                Outcome::Write(applied)
            }
            Outcome::Nothing(_) => Outcome::Write(Applied::new(scan, said("inventory unchanged"))),
        })
    }
}

/// Facts of the scans put to one control, and what the auditor decided on them.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanDecision {
    /// As typed: the rule resolves it against the grid.
    pub control: String,
    pub decision: Decision,
    pub facts: Vec<ScanFact>,
    /// The level a first answer needs when proposals are accepted.
    pub level: Option<Level>,
}

/// A fact a scan put to the control, with the sentence that says it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanFact {
    /// The scan's id (`S-…`).
    pub scan: String,
    /// The fact's key, as `scan` gives it.
    pub fact: String,
    pub text: String,
}

/// A decision checked: the answer it changes (when accepted) and the scans' records.
#[derive(Debug)]
pub(super) struct Decided {
    answer: Option<Kind>,
    /// The scans' XML, linked from the answer.
    evidence: Vec<EvidenceRef>,
    scans: Vec<Edit>,
    control: String,
    summary: String,
}

pub(super) fn prepare(state: &State, change: ScanDecision, context: &Context) -> Result<Kind> {
    let control = super::resolve::control(&state.grid, &change.control)?;
    if change.facts.is_empty() {
        return Err(ScanAsk::NothingPending(control).into());
    }
    let subject = Subject::ScanFacts(control.clone());
    let (records, problems) = with_decisions(state, &control, &change, context);
    if !problems.is_empty() {
        return Err(refuse(subject, problems));
    }
    let summary = format!(
        "{} scan fact(s) {}",
        change.facts.len(),
        verb(change.decision)
    );
    let (answer, evidence) = match change.decision {
        Decision::Dismissed => (None, Vec::new()),
        Decision::Accepted => {
            let (observations, evidence) = accepted(state, &control, &change.facts, &records);
            let answer = answer::prepare(
                state,
                AnswerChange {
                    control: control.clone(),
                    level: change.level,
                    observations: Some(observations),
                    evidence: Vec::new(),
                    drop_evidence: Vec::new(),
                },
                context,
            )?;
            (Some(answer), evidence)
        }
    };
    Ok(Kind::Scan(Box::new(Decided {
        answer,
        evidence,
        scans: records
            .into_iter()
            .map(|record| Edit::Scan(Box::new(record)))
            .collect(),
        control,
        summary,
    })))
}

/// The scans' records with the decision on each fact added, and what refuses the decision:
/// a scan the engagement does not have, a fact decided already.
fn with_decisions(
    state: &State,
    control: &str,
    change: &ScanDecision,
    context: &Context,
) -> (Vec<ScanRecord>, Vec<FieldProblem>) {
    let mut problems = Vec::new();
    let mut records: Vec<ScanRecord> = Vec::new();
    for fact in &change.facts {
        let Some(record) = state.scans.iter().find(|record| record.id == fact.scan) else {
            problems.push(FieldProblem::new(
                ScanField::Scan,
                Wrong::Unknown(Unknown {
                    thing: Thing::Scan,
                    given: fact.scan.clone(),
                    grid: None,
                }),
                Fix::CheckList(Thing::Scan),
            ));
            continue;
        };
        if let Some(earlier) = decided(state, control, &fact.fact) {
            problems.push(FieldProblem::new(
                ScanField::Fact,
                Wrong::AlreadyDecided {
                    fact: fact.fact.clone(),
                    accepted: earlier == Decision::Accepted,
                },
                Fix::CheckList(Thing::Scan),
            ));
            continue;
        }
        let at = match records.iter().position(|known| known.id == record.id) {
            Some(at) => at,
            None => {
                records.push(record.clone());
                records.len() - 1
            }
        };
        records[at].decisions.push(DecisionRecord {
            control: control.to_owned(),
            fact: fact.fact.clone(),
            decision: change.decision,
            by: context.who.clone(),
            at: context.now,
        });
    }
    (records, problems)
}

/// The control's observations with a line per accepted fact, and the scans' XML to link.
fn accepted(
    state: &State,
    control: &str,
    facts: &[ScanFact],
    records: &[ScanRecord],
) -> (String, Vec<EvidenceRef>) {
    let previous = state
        .answers
        .get(control)
        .map(|answer| answer.observations.as_str())
        .unwrap_or_default();
    let mut observations = previous.trim_end().to_owned();
    if !observations.is_empty() {
        observations.push_str("\n\n");
    }
    let mut evidence: Vec<EvidenceRef> = Vec::new();
    for fact in facts {
        let Some(record) = records.iter().find(|record| record.id == fact.scan) else {
            continue;
        };
        observations.push_str(&format!(
            "- {} (nmap, {}, {})\n",
            fact.text, record.file, record.id
        ));
        if !evidence
            .iter()
            .any(|known| known.path == record.evidence.path)
        {
            evidence.push(EvidenceRef {
                note: Some(format!("nmap scan {}", record.id)),
                ..record.evidence.clone()
            });
        }
    }
    (observations, evidence)
}

/// The latest decision on `fact` for `control`, in any scan.
fn decided(state: &State, control: &str, fact: &str) -> Option<Decision> {
    state
        .scans
        .iter()
        .flat_map(|record| record.decisions.iter())
        .filter(|decision| decision.control == control && decision.fact == fact)
        .max_by_key(|decision| decision.at)
        .map(|decision| decision.decision)
}

fn verb(decision: Decision) -> &'static str {
    match decision {
        Decision::Accepted => "accepted",
        Decision::Dismissed => "dismissed",
    }
}

impl Decided {
    pub(super) fn evidence_owner(&self) -> Option<&str> {
        self.answer.as_ref().map(|_| self.control.as_str())
    }

    /// The answer's edit (the scans' XML merged into its evidence) with the scans' records,
    /// in one commit.
    pub(super) fn finish(self, mut evidence: Vec<EvidenceRef>) -> Result<Outcome> {
        let Decided {
            answer,
            evidence: scans_xml,
            scans,
            control,
            summary,
        } = self;
        evidence.extend(scans_xml);
        let answered = answer
            .map(|kind| Prepared { kind }.finish(evidence))
            .transpose()?;
        Ok(match answered {
            Some(Outcome::Write(mut applied)) => {
                applied.message = format!("{}, {summary}", applied.message);
                applied.more.extend(scans);
                Outcome::Write(applied)
            }
            _ => {
                let mut scans = scans.into_iter();
                let Some(first) = scans.next() else {
                    return Ok(Outcome::Nothing(Unchanged::Record(control.clone())));
                };
                let mut applied = Applied::new(first, format!("{control}: {summary}"));
                applied.more.extend(scans);
                Outcome::Write(applied)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Auditor, Level};
    use crate::rules::{Change, Context, apply};

    fn with_scan() -> State {
        let grid = crate::grid::builtin::grid().unwrap();
        let mut state = crate::model::test_state(grid, &[("ACC-01", Level::Score(2))]);
        state.scans.push(ScanRecord {
            id: "S-0123456789".into(),
            file: "video-vlan.xml".into(),
            evidence: EvidenceRef {
                path: "evidence/scans/video-vlan.xml".into(),
                sha256: "ab".repeat(32),
                note: None,
            },
            nmap: "7.94".into(),
            args: "nmap -sV".into(),
            started: None,
            hosts: 1,
            controls: vec!["ACC-01".into()],
            imported_by: "A <a@example.org>".parse().unwrap(),
            imported_at: "2026-01-02T00:00:00Z".parse().unwrap(),
            decisions: vec![],
        });
        state
    }

    fn decision(decision: Decision, facts: &[&str]) -> Change {
        Change::ScanDecision(ScanDecision {
            control: "acc-01".into(),
            decision,
            facts: facts
                .iter()
                .map(|fact| ScanFact {
                    scan: "S-0123456789".into(),
                    fact: (*fact).into(),
                    text: format!("{fact} open on CAM-01"),
                })
                .collect(),
            level: None,
        })
    }

    fn written(state: &State, change: Change) -> Applied {
        let who: Auditor = "B <b@example.org>".parse().unwrap();
        let context = Context {
            who: &who,
            now: "2026-01-03T00:00:00Z".parse().unwrap(),
            new_id: None,
        };
        match apply(state, change, &context).unwrap() {
            Outcome::Write(applied) => applied,
            Outcome::Nothing(message) => panic!("nothing written: {message}"),
        }
    }

    #[test]
    fn accepted_facts_join_the_observations_with_the_scan_linked_and_are_kept_in_the_scan() {
        let state = with_scan();
        let applied = written(&state, decision(Decision::Accepted, &["telnet@10.0.0.1"]));
        let Edit::Answer(answer) = &applied.edit else {
            panic!("the answer first: {:?}", applied.edit);
        };
        assert_eq!(
            answer.observations,
            "ACC-01 seen\n\n- telnet@10.0.0.1 open on CAM-01 (nmap, video-vlan.xml, S-0123456789)\n"
        );
        assert_eq!(answer.evidence.len(), 1);
        assert_eq!(answer.evidence[0].path, "evidence/scans/video-vlan.xml");
        assert_eq!(
            answer.evidence[0].note.as_deref(),
            Some("nmap scan S-0123456789")
        );
        let [Edit::Scan(scan)] = applied.more.as_slice() else {
            panic!("the scan's record in the same commit: {:?}", applied.more);
        };
        assert_eq!(scan.decisions.len(), 1);
        assert_eq!(scan.decisions[0].control, "ACC-01");
        assert_eq!(scan.decisions[0].by.to_string(), "B <b@example.org>");
        assert!(
            applied.message.starts_with("ACC-01: "),
            "{}",
            applied.message
        );
        assert!(
            applied.message.ends_with(", 1 scan fact(s) accepted"),
            "{}",
            applied.message
        );
    }

    #[test]
    fn dismissed_facts_touch_only_the_scan_and_a_fact_is_decided_once() {
        let mut state = with_scan();
        let applied = written(&state, decision(Decision::Dismissed, &["upnp@10.0.0.1"]));
        assert_eq!(applied.edit.path(), "scans/S-0123456789.yaml");
        assert!(applied.more.is_empty());
        assert_eq!(applied.message, "ACC-01: 1 scan fact(s) dismissed");
        applied.edit.apply_to(&mut state);
        // A co-auditor decided it meanwhile: the second decision is refused, by fact.
        let who: Auditor = "B <b@example.org>".parse().unwrap();
        let context = Context {
            who: &who,
            now: "2026-01-04T00:00:00Z".parse().unwrap(),
            new_id: None,
        };
        let refused = apply(
            &state,
            decision(Decision::Accepted, &["upnp@10.0.0.1"]),
            &context,
        )
        .unwrap_err()
        .to_string();
        assert!(
            refused.contains("upnp@10.0.0.1 was dismissed already"),
            "{refused}"
        );
    }

    #[test]
    fn a_scan_the_engagement_does_not_have_is_refused() {
        let mut state = with_scan();
        state.scans.clear();
        let who: Auditor = "B <b@example.org>".parse().unwrap();
        let context = Context {
            who: &who,
            now: "2026-01-04T00:00:00Z".parse().unwrap(),
            new_id: None,
        };
        let refused = apply(&state, decision(Decision::Dismissed, &["x"]), &context)
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("scan facts of ACC-01: `scan`: unknown scan `S-0123456789`"),
            "{refused}"
        );
    }
}
