use std::collections::BTreeMap;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize, Serializer};

use super::{Answer, Auditor, Level};
use crate::grid::{Domain, Grid, Lang};

/// A maturity score with one decimal, kept in tenths so that rounding is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score {
    tenths: u32,
}

impl Score {
    pub fn from_tenths(tenths: u32) -> Self {
        Score { tenths }
    }

    pub fn tenths(self) -> u32 {
        self.tenths
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.tenths) / 10.0
    }

    /// The level of the scale this score reaches (its whole part).
    pub fn level(self) -> u8 {
        u8::try_from(self.tenths / 10).unwrap_or(u8::MAX)
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.tenths / 10, self.tenths % 10)
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Score::from_decimal(value).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{value} is not a score: write a number such as 2.5"
            ))
        })
    }
}

impl Score {
    /// `2.5` → 25 tenths; `None` for a negative or non-finite number or more than one decimal.
    pub fn from_decimal(value: f64) -> Option<Score> {
        let tenths = (value * 10.0).round();
        let exact = (value * 10.0 - tenths).abs() < 1e-6;
        // In range and whole: the conversion below is exact.
        (value.is_finite() && value >= 0.0 && exact && tenths <= f64::from(u16::MAX))
            .then(|| Score::from_tenths(tenths as u32))
    }
}

impl std::str::FromStr for Score {
    type Err = crate::messages::BadValue;
    fn from_str(text: &str) -> Result<Score, Self::Err> {
        text.trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .and_then(Score::from_decimal)
            .ok_or_else(|| crate::messages::BadValue::new(text, crate::messages::Expected::Score))
    }
}

/// A domain score set by the auditor in place of the computed one, with the reason; the
/// report shows both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreOverride {
    pub score: Score,
    pub justification: String,
    pub by: Auditor,
    pub at: Timestamp,
}

/// Overrides by domain id.
pub type Overrides = BTreeMap<String, ScoreOverride>;

/// The score a domain shows: the auditor's override when there is one, else the computed one.
pub fn effective_score(
    domain: &Domain,
    answers: &BTreeMap<String, Answer>,
    overrides: &Overrides,
) -> Option<Score> {
    shown_score(domain, domain_computed(domain, answers).as_ref(), overrides)
}

/// [`effective_score`] for a caller that also shows how the score was computed (the cap).
pub fn shown_score(
    domain: &Domain,
    computed: Option<&Computed>,
    overrides: &Overrides,
) -> Option<Score> {
    overrides
        .get(&domain.id)
        .map(|entry| entry.score)
        .or(computed.map(|c| c.score))
}

/// The highest score a domain can have while one of its critical controls is at level 0:
/// level 1 of the scale, "initial". The template's rule (a CVSS above 7 or a remote takeover
/// calls for immediate treatment) says some failures outweigh the rest; a mean would let
/// ten good controls hide a camera that still accepts its factory password.
pub const CRITICAL_CAP: Score = Score { tenths: 10 };

/// A domain's computed score and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Computed {
    /// The score: the weighted mean, capped when a critical control is at level 0.
    pub score: Score,
    /// Set when the cap lowered the mean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<Cap>,
}

/// Why a domain's score is lower than the mean of its levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cap {
    /// The score the domain is capped at.
    pub at: Score,
    /// The weighted mean of the levels, before the cap.
    pub mean: Score,
    /// The critical controls at level 0, in grid order.
    pub controls: Vec<String>,
}

/// In English, as the command line and the round's tag show it beside the score:
/// `capped: ACC-03 at 0; mean 3.4`.
impl fmt::Display for Cap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "capped: {} at 0; mean {}",
            self.controls.join(", "),
            self.mean
        )
    }
}

/// The score of a domain: the weighted mean of the levels of its assessed controls, with
/// one decimal, half rounded up, capped at [`CRITICAL_CAP`] while a control the grid marks
/// `critical` is at level 0. Not-applicable and unanswered controls do not count; a domain
/// with nothing assessed has no score (never zero). The one place the cap is decided: the
/// status, the checklist, the report and the rounds all read it from here.
pub fn domain_computed(domain: &Domain, answers: &BTreeMap<String, Answer>) -> Option<Computed> {
    let mut weighted_sum: u64 = 0;
    let mut weights: u64 = 0;
    let mut failed_critical = Vec::new();
    for control in &domain.controls {
        if let Some(Answer {
            level: Level::Score(level),
            ..
        }) = answers.get(&control.id)
        {
            weighted_sum += u64::from(control.weight) * u64::from(*level);
            weights += u64::from(control.weight);
            if control.critical && *level == 0 {
                failed_critical.push(control.id.clone());
            }
        }
    }
    if weights == 0 {
        return None;
    }
    // round(10 * sum / weights) with halves up, in integers: floor((20 * sum + weights) / (2 * weights)).
    let tenths = (20 * weighted_sum + weights) / (2 * weights);
    let mean = Score::from_tenths(u32::try_from(tenths).unwrap_or(u32::MAX));
    if !failed_critical.is_empty() && mean > CRITICAL_CAP {
        return Some(Computed {
            score: CRITICAL_CAP,
            cap: Some(Cap {
                at: CRITICAL_CAP,
                mean,
                controls: failed_critical,
            }),
        });
    }
    Some(Computed {
        score: mean,
        cap: None,
    })
}

/// The computed score of a domain (see [`domain_computed`]), the cap applied.
pub fn domain_score(domain: &Domain, answers: &BTreeMap<String, Answer>) -> Option<Score> {
    domain_computed(domain, answers).map(|computed| computed.score)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainStatus {
    pub id: String,
    pub title: String,
    /// Controls with an answer, not-applicable ones included.
    pub answered: usize,
    pub not_applicable: usize,
    pub total: usize,
    /// The score shown: the auditor's override, or the computed one.
    pub score: Option<Score>,
    /// The computed score (the weighted mean of the levels, capped by a failed critical
    /// control), whatever the override.
    pub computed: Option<Score>,
    /// Set when a critical control at level 0 capped the computed score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<Cap>,
    /// Why the auditor set the score, when they did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_justification: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    pub answered: usize,
    pub not_applicable: usize,
    pub total: usize,
    /// The mean of the domain scores, each domain counting once; none before any is scored.
    pub score: Option<Score>,
    pub domains: Vec<DomainStatus>,
}

/// Progress and scores per domain, in grid order, with titles in `lang`.
pub fn status(
    grid: &Grid,
    answers: &BTreeMap<String, Answer>,
    overrides: &Overrides,
    lang: Lang,
) -> Status {
    let domains: Vec<DomainStatus> = grid
        .domains
        .iter()
        .map(|domain| {
            let levels = || domain.controls.iter().filter_map(|c| answers.get(&c.id));
            let computed = domain_computed(domain, answers);
            DomainStatus {
                id: domain.id.clone(),
                title: domain.title.get(lang).to_owned(),
                answered: levels().count(),
                not_applicable: levels()
                    .filter(|answer| answer.level == Level::NotApplicable)
                    .count(),
                total: domain.controls.len(),
                score: shown_score(domain, computed.as_ref(), overrides),
                computed: computed.as_ref().map(|c| c.score),
                cap: computed.and_then(|c| c.cap),
                override_justification: overrides
                    .get(&domain.id)
                    .map(|entry| entry.justification.clone()),
            }
        })
        .collect();
    let scored: Vec<u32> = domains
        .iter()
        .filter_map(|domain| domain.score.map(Score::tenths))
        .collect();
    let score = u32::try_from(scored.len())
        .ok()
        .filter(|n| *n > 0)
        .map(|n| {
            let sum: u32 = scored.iter().sum();
            Score::from_tenths((2 * sum + n) / (2 * n))
        });
    Status {
        answered: domains.iter().map(|d| d.answered).sum(),
        not_applicable: domains.iter().map(|d| d.not_applicable).sum(),
        total: domains.iter().map(|d| d.total).sum(),
        score,
        domains,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::{Control, Text};

    fn control(id: &str, weight: u32) -> Control {
        Control {
            id: id.into(),
            title: Text::Plain(id.into()),
            question: Text::Plain("?".into()),
            guidance: None,
            evidence: None,
            applies_to: vec![],
            references: vec![],
            recommendation: None,
            levels: BTreeMap::new(),
            weight,
            critical: false,
        }
    }

    fn answers(levels: &[(&str, Level)]) -> BTreeMap<String, Answer> {
        crate::assessment::test_answers(levels, |_| String::new())
    }

    /// Answers that each give a level of the scale.
    fn scored(levels: &[(&str, u8)]) -> BTreeMap<String, Answer> {
        let levels: Vec<(&str, Level)> = levels
            .iter()
            .map(|(id, level)| (*id, Level::Score(*level)))
            .collect();
        answers(&levels)
    }

    /// The override of the domain `ACC` to `tenths`, for `why`.
    fn overridden(tenths: u32, why: &str) -> Overrides {
        let mut overrides = Overrides::new();
        overrides.insert(
            "ACC".into(),
            ScoreOverride {
                score: Score::from_tenths(tenths),
                justification: why.into(),
                by: "A <a@example.org>".parse().unwrap(),
                at: "2026-01-01T00:00:00Z".parse().unwrap(),
            },
        );
        overrides
    }

    /// The status of the built-in grid's settings with `domain` as its only domain.
    fn status_of(
        domain: Domain,
        given: &BTreeMap<String, Answer>,
        overrides: &Overrides,
    ) -> Status {
        let grid = Grid {
            domains: vec![domain],
            ..crate::grid::builtin::grid().unwrap()
        };
        status(&grid, given, overrides, Lang::En)
    }

    fn domain(controls: Vec<Control>) -> Domain {
        Domain {
            id: "ACC".into(),
            title: Text::Plain("Access".into()),
            description: None,
            controls,
        }
    }

    #[test]
    fn nothing_assessed_is_no_score_not_zero() {
        let domain = domain(vec![control("A-1", 1), control("A-2", 1)]);
        assert_eq!(domain_score(&domain, &BTreeMap::new()), None);
        let only_na = answers(&[("A-1", Level::NotApplicable)]);
        assert_eq!(domain_score(&domain, &only_na), None);
    }

    #[test]
    fn weighted_mean_excludes_not_applicable_and_unanswered() {
        let domain = domain(vec![
            control("A-1", 2),
            control("A-2", 1),
            control("A-3", 1),
            control("A-4", 1),
        ]);
        // (2*3 + 1*0) / 3 = 2.0; A-3 not applicable and A-4 unanswered do not count.
        let given = answers(&[
            ("A-1", Level::Score(3)),
            ("A-2", Level::Score(0)),
            ("A-3", Level::NotApplicable),
        ]);
        assert_eq!(
            domain_score(&domain, &given).map(|s| s.to_string()),
            Some("2.0".into())
        );
    }

    #[test]
    fn one_decimal_with_halves_rounded_up() {
        let domain = domain(vec![
            control("A-1", 1),
            control("A-2", 1),
            control("A-3", 1),
            control("A-4", 1),
        ]);
        // 9 / 4 = 2.25 -> 2.3 (a float computation could give 2.2)
        let quarter = scored(&[("A-1", 3), ("A-2", 2), ("A-3", 2), ("A-4", 2)]);
        assert_eq!(domain_score(&domain, &quarter).unwrap().to_string(), "2.3");
        // 7 / 3 = 2.333 -> 2.3 ; 8 / 3 = 2.666 -> 2.7
        let third = scored(&[("A-1", 3), ("A-2", 2), ("A-3", 2)]);
        assert_eq!(domain_score(&domain, &third).unwrap().to_string(), "2.3");
        let two_thirds = scored(&[("A-1", 3), ("A-2", 3), ("A-3", 2)]);
        assert_eq!(
            domain_score(&domain, &two_thirds).unwrap().to_string(),
            "2.7"
        );
        let full = scored(&[("A-1", 4)]);
        assert_eq!(domain_score(&domain, &full).unwrap().to_string(), "4.0");
    }

    #[test]
    fn scores_are_read_with_one_decimal_at_most() {
        assert_eq!("2.5".parse::<Score>().map(Score::tenths), Ok(25));
        assert_eq!(
            "2,5".parse::<Score>().map(Score::tenths),
            Ok(25),
            "French decimal comma"
        );
        assert_eq!("3".parse::<Score>().map(Score::tenths), Ok(30));
        for bad in ["2.25", "-1", "NaN", "inf", "high", ""] {
            assert!(bad.parse::<Score>().is_err(), "{bad:?} accepted");
        }
        let back: Score = crate::yaml::from_str("1.5").unwrap();
        assert_eq!(back.tenths(), 15);
    }

    #[test]
    fn an_override_replaces_the_computed_score_of_its_domain_only() {
        let domain = domain(vec![control("A-1", 1)]);
        let given = scored(&[("A-1", 0)]);
        assert_eq!(
            effective_score(&domain, &given, &Overrides::new()).map(Score::tenths),
            Some(0)
        );
        let overrides = overridden(15, "why");
        assert_eq!(
            effective_score(&domain, &given, &overrides).map(Score::tenths),
            Some(15)
        );
        assert_eq!(
            domain_score(&domain, &given).map(Score::tenths),
            Some(0),
            "the computed one stays"
        );
        let status = status_of(domain, &given, &overrides);
        assert_eq!(status.domains[0].score.map(Score::tenths), Some(15));
        assert_eq!(status.domains[0].computed.map(Score::tenths), Some(0));
        assert_eq!(
            status.domains[0].override_justification.as_deref(),
            Some("why")
        );
    }

    fn critical(id: &str, weight: u32) -> Control {
        Control {
            critical: true,
            ..control(id, weight)
        }
    }

    #[test]
    fn a_critical_control_at_zero_caps_its_domain_and_names_itself() {
        // The case: default passwords at 0, every other control at 4.
        let domain = domain(vec![
            control("A-1", 1),
            critical("A-3", 2),
            control("A-4", 1),
            control("A-5", 1),
            control("A-6", 1),
            control("A-7", 1),
            control("A-8", 1),
            control("A-9", 1),
            control("A-10", 1),
            critical("A-11", 2),
        ]);
        let given = scored(&[
            ("A-1", 4),
            ("A-3", 0),
            ("A-4", 4),
            ("A-5", 4),
            ("A-6", 4),
            ("A-7", 4),
            ("A-8", 4),
            ("A-9", 4),
            ("A-10", 4),
            ("A-11", 4),
        ]);
        let computed = domain_computed(&domain, &given).unwrap();
        assert_eq!(computed.score.to_string(), "1.0");
        let cap = computed.cap.unwrap();
        assert_eq!(cap.mean.to_string(), "3.3", "36 / 11 before the cap");
        assert_eq!(cap.controls, ["A-3"]);
        assert_eq!(domain_score(&domain, &given), Some(CRITICAL_CAP));
        let status = status_of(domain, &given, &Overrides::new());
        assert_eq!(status.domains[0].score, Some(CRITICAL_CAP));
        assert_eq!(status.domains[0].computed, Some(CRITICAL_CAP));
        assert_eq!(
            status.domains[0].cap.as_ref().map(|c| c.controls.clone()),
            Some(vec!["A-3".to_owned()])
        );
    }

    #[test]
    fn the_cap_names_every_failed_critical_control_and_only_lowers_scores() {
        let domain = domain(vec![
            critical("A-1", 1),
            critical("A-2", 1),
            control("A-3", 1),
        ]);
        let both = scored(&[("A-1", 0), ("A-2", 0), ("A-3", 4)]);
        // The mean, 1.3, is above the cap: capped, both named.
        let computed = domain_computed(&domain, &both).unwrap();
        assert_eq!(computed.score, CRITICAL_CAP);
        assert_eq!(computed.cap.unwrap().controls, ["A-1", "A-2"]);
        // A mean already at or below the cap is the score, with no cap to show.
        let low = scored(&[("A-1", 0), ("A-3", 2)]);
        let computed = domain_computed(&domain, &low).unwrap();
        assert_eq!(
            (computed.score.to_string(), computed.cap),
            ("1.0".into(), None)
        );
        // A critical control at 1, not applicable or unanswered caps nothing.
        for level in [Level::Score(1), Level::NotApplicable] {
            let given = answers(&[("A-1", level), ("A-3", Level::Score(4))]);
            assert_eq!(domain_computed(&domain, &given).unwrap().cap, None);
        }
        // An ordinary control at 0 is only part of the mean.
        let ordinary = scored(&[("A-1", 4), ("A-3", 0)]);
        assert_eq!(domain_score(&domain, &ordinary).unwrap().to_string(), "2.0");
    }

    #[test]
    fn an_override_still_wins_over_a_capped_score() {
        let domain = domain(vec![critical("A-1", 1), control("A-2", 1)]);
        let given = scored(&[("A-1", 0), ("A-2", 4)]);
        let overrides = overridden(30, "compensating measure");
        assert_eq!(
            effective_score(&domain, &given, &overrides).map(Score::tenths),
            Some(30)
        );
        let json = serde_json::to_value(status_of(domain, &given, &overrides)).unwrap();
        let shown = &json["domains"][0];
        assert_eq!(shown["score"], 3.0);
        assert_eq!(shown["computed"], 1.0);
        assert_eq!(shown["cap"]["mean"], 2.0);
        assert_eq!(shown["cap"]["controls"][0], "A-1");
    }

    #[test]
    fn score_serialises_as_a_number_with_one_decimal() {
        let json = serde_json::to_string(&Score::from_tenths(23)).unwrap();
        assert_eq!(json, "2.3");
    }
}
