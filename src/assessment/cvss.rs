//! CVSS 3.x and 4.0 vectors, their scores and severity bands, and CVE ids, as a finding records
//! them.
//!
//! Parsing and scoring are the `cvss` crate's (RustSec): the base, temporal and environmental
//! equations and the spec's rounding are never written by hand here. This module adds what
//! an auditor needs around it: the checks the crate leaves out (every base metric present),
//! error messages that name the bad metric and say how to fix it, scores kept in tenths so
//! they order exactly, and the severity vocabulary the rest of the tool uses. CVSS 2 vectors are
//! refused with a message that says so; 3.0 and 4.0 vectors are accepted and labelled with their
//! version wherever their score is shown. A 4.0 vector's score is the one the specification
//! computes from the metrics given (CVSS-B with the base metrics alone).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use cvss::v3::{Metric, MetricType, Vector};
use cvss::v4::MetricType as MetricType4;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A vector every message can show as the shape to follow.
const EXAMPLE: &str = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

/// The same for CVSS 4.0 (Edimax IC-7100, CVE-2025-1316, as its CNA scored it).
const EXAMPLE_4: &str = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

/// The eleven base metrics of CVSS 4.0, in the specification's order.
const BASE_METRICS_4: [MetricType4; 11] = [
    MetricType4::AV,
    MetricType4::AC,
    MetricType4::AT,
    MetricType4::PR,
    MetricType4::UI,
    MetricType4::VC,
    MetricType4::VI,
    MetricType4::VA,
    MetricType4::SC,
    MetricType4::SI,
    MetricType4::SA,
];

/// The values CVSS 4.0 allows for a metric, for the message that says what to write instead;
/// empty for the threat, environmental and supplemental metrics (the message then points to
/// the specification).
fn allowed_values_4(metric: MetricType4) -> &'static [&'static str] {
    match metric {
        MetricType4::AV => &["N", "A", "L", "P"],
        MetricType4::AC => &["L", "H"],
        MetricType4::AT => &["N", "P"],
        MetricType4::PR => &["N", "L", "H"],
        MetricType4::UI => &["N", "P", "A"],
        MetricType4::VC
        | MetricType4::VI
        | MetricType4::VA
        | MetricType4::SC
        | MetricType4::SI
        | MetricType4::SA => &["H", "L", "N"],
        MetricType4::E => &["X", "A", "P", "U"],
        _ => &[],
    }
}

/// The eight metrics without which a CVSS 3.x vector has no base score.
const BASE_METRICS: [MetricType; 8] = [
    MetricType::AV,
    MetricType::AC,
    MetricType::PR,
    MetricType::UI,
    MetricType::S,
    MetricType::C,
    MetricType::I,
    MetricType::A,
];

/// The values the specification allows for each metric, in its own order; only used to tell
/// the user what to write instead (the crate decides what parses, and a test keeps the two
/// in step).
fn allowed_values(metric: MetricType) -> &'static [&'static str] {
    match metric {
        MetricType::AV => &["N", "A", "L", "P"],
        MetricType::AC => &["L", "H"],
        MetricType::PR => &["N", "L", "H"],
        MetricType::UI => &["N", "R"],
        MetricType::S => &["U", "C"],
        MetricType::C | MetricType::I | MetricType::A => &["H", "L", "N"],
        MetricType::E => &["X", "H", "F", "P", "U"],
        MetricType::RL => &["X", "U", "W", "T", "O"],
        MetricType::RC => &["X", "C", "R", "U"],
        MetricType::CR | MetricType::IR | MetricType::AR => &["X", "H", "M", "L"],
        MetricType::MAV => &["X", "N", "A", "L", "P"],
        MetricType::MAC => &["X", "L", "H"],
        MetricType::MPR => &["X", "N", "L", "H"],
        MetricType::MUI => &["X", "N", "R"],
        MetricType::MS => &["X", "U", "C"],
        MetricType::MC | MetricType::MI | MetricType::MA => &["X", "H", "L", "N"],
        // The crate's enum is non-exhaustive; an unknown metric gets no hint rather than a wrong one.
        _ => &[],
    }
}

/// `N, A, L or P` (`N, A, L ou P`)
fn one_of(values: &[&str], lang: Lang) -> String {
    let or = match lang {
        Lang::En => "or",
        Lang::Fr => "ou",
    };
    crate::messages::one_of(values, or)
}

/// The values a metric allows, or what to read when this module does not list them.
fn allowed_words(allowed: &[&str], lang: Lang) -> String {
    match (allowed.is_empty(), lang) {
        (true, Lang::En) => "a value of the CVSS 4.0 specification".to_owned(),
        (true, Lang::Fr) => "une valeur de la spécification CVSS 4.0".to_owned(),
        (false, _) => one_of(allowed, lang),
    }
}

/// A base metric's name in French; `None` for the metrics this module does not name (the
/// environmental ones: the code alone is then said).
fn metric_fr(metric: &str) -> Option<&'static str> {
    Some(match metric {
        "AV" => "vecteur d'attaque",
        "AC" => "complexité d'attaque",
        "AT" => "prérequis d'attaque",
        "PR" => "privilèges requis",
        "UI" => "interaction utilisateur",
        "S" => "portée",
        "C" => "impact sur la confidentialité",
        "I" => "impact sur l'intégrité",
        "A" => "impact sur la disponibilité",
        "VC" => "impact sur la confidentialité du système vulnérable",
        "VI" => "impact sur l'intégrité du système vulnérable",
        "VA" => "impact sur la disponibilité du système vulnérable",
        "SC" => "impact sur la confidentialité des systèmes suivants",
        "SI" => "impact sur l'intégrité des systèmes suivants",
        "SA" => "impact sur la disponibilité des systèmes suivants",
        _ => return None,
    })
}

/// What is wrong with a CVSS vector, worded for the auditor who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CvssError {
    #[error("the CVSS vector is empty: write it as `{EXAMPLE}`")]
    Empty,

    #[error(
        "`{text}` is not a CVSS vector: it must start with `CVSS:3.1/`, `CVSS:3.0/` or `CVSS:4.0/`, as in `{EXAMPLE}`"
    )]
    NotAVector { text: String },

    /// A vector without the `CVSS:x.y/` prefix and with CVSS 2's `Au` metric.
    #[error(
        "`{text}` is a CVSS 2 vector, which is not supported: use the CVSS 3.x vector of the vulnerability (NVD and vendors publish one), or leave the vector out and set the severity by hand with a justification"
    )]
    Cvss2 { text: String },

    #[error(
        "`CVSS:{version}` is not a supported CVSS version: use a `CVSS:3.1/`, `CVSS:3.0/` or `CVSS:4.0/` vector"
    )]
    UnsupportedVersion { version: String },

    #[error("the vector has an empty part (a doubled or trailing `/`): remove the extra `/`")]
    EmptyPart,

    #[error(
        "`{part}` is not a `METRIC:VALUE` pair: separate the metrics with `/` and write each as in `AV:N`"
    )]
    Malformed { part: String },

    #[error(
        "`{name}` is not a CVSS 3.x metric: the base metrics are AV, AC, PR, UI, S, C, I and A (see `{EXAMPLE}`)"
    )]
    UnknownMetric { name: String },

    #[error("`{metric}:{value}` is not a valid value for {description} (use {})", allowed_words(.allowed, Lang::En))]
    InvalidValue {
        metric: &'static str,
        description: &'static str,
        value: String,
        /// Empty when the crate knows the metric but this module not its values.
        allowed: &'static [&'static str],
    },

    #[error("metric `{metric}` ({description}) is given twice: keep one")]
    Duplicate {
        metric: &'static str,
        description: &'static str,
    },

    /// Base metrics absent from the vector, in the specification's order.
    #[error("{}", missing_message(.metrics))]
    Missing { metrics: Vec<&'static str> },

    /// A CVSS 4.0 vector without one of its eleven base metrics.
    #[error(
        "metric `{metric}` ({description}) is missing: a CVSS 4.0 vector needs all eleven base metrics, as in `{EXAMPLE_4}`"
    )]
    MissingV4 {
        metric: &'static str,
        description: &'static str,
    },

    /// An error of the crate that none of the above covers (its enum is non-exhaustive).
    #[error("invalid CVSS vector: {0}")]
    Other(String),
}

fn missing_message(metrics: &[&'static str]) -> String {
    let described = |name: &str| {
        name.parse::<MetricType>()
            .map(|metric| {
                (
                    metric.description(),
                    one_of(allowed_values(metric), Lang::En),
                )
            })
            .ok()
    };
    match metrics {
        [name] => match described(name) {
            Some((description, allowed)) => format!(
                "metric `{name}` is missing: add {description} as `{name}:` followed by {allowed}"
            ),
            None => format!("metric `{name}` is missing"),
        },
        _ => {
            let names: Vec<String> = metrics.iter().map(|name| format!("`{name}`")).collect();
            format!(
                "metrics {} are missing: a CVSS 3.x vector needs all eight base metrics, as in `{EXAMPLE}`",
                names.join(", ")
            )
        }
    }
}

impl CvssError {
    /// What is wrong, in `lang`: the English is the error's own text.
    pub fn phrase(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Fr => self.french(),
        }
    }

    fn french(&self) -> String {
        const NBSP: char = '\u{a0}';
        let named = |metric: &str| match metric_fr(metric) {
            Some(name) => format!("la métrique `{metric}` ({name})"),
            None => format!("la métrique `{metric}`"),
        };
        match self {
            CvssError::Empty => {
                format!("le vecteur CVSS est vide{NBSP}: écrivez-le comme `{EXAMPLE}`")
            }
            CvssError::NotAVector { text } => format!(
                "`{text}` n'est pas un vecteur CVSS{NBSP}: il commence par `CVSS:3.1/`, `CVSS:3.0/` ou `CVSS:4.0/`, comme `{EXAMPLE}`"
            ),
            CvssError::Cvss2 { text } => format!(
                "`{text}` est un vecteur CVSS 2, qui n'est pas pris en charge{NBSP}: donnez le vecteur CVSS 3.x de la vulnérabilité (le NVD et les fabricants en publient un), ou omettez le vecteur et fixez la criticité à la main avec une justification"
            ),
            CvssError::UnsupportedVersion { version } => format!(
                "`CVSS:{version}` n'est pas une version de CVSS prise en charge{NBSP}: donnez un vecteur `CVSS:3.1/`, `CVSS:3.0/` ou `CVSS:4.0/`"
            ),
            CvssError::EmptyPart => format!(
                "le vecteur a une partie vide (un `/` doublé ou final){NBSP}: retirez le `/` en trop"
            ),
            CvssError::Malformed { part } => format!(
                "`{part}` n'est pas une paire `MÉTRIQUE:VALEUR`{NBSP}: séparez les métriques par `/` et écrivez chacune comme `AV:N`"
            ),
            CvssError::UnknownMetric { name } => format!(
                "`{name}` n'est pas une métrique CVSS 3.x{NBSP}: les métriques de base sont AV, AC, PR, UI, S, C, I et A (voir `{EXAMPLE}`)"
            ),
            CvssError::InvalidValue {
                metric,
                value,
                allowed,
                ..
            } => format!(
                "`{metric}:{value}` n'est pas une valeur valide pour {} (donnez {})",
                named(metric),
                allowed_words(allowed, Lang::Fr)
            ),
            CvssError::Duplicate { metric, .. } => {
                format!(
                    "{} figure deux fois{NBSP}: n'en gardez qu'une",
                    named(metric)
                )
            }
            CvssError::Missing { metrics } => match metrics.as_slice() {
                [name] => {
                    let allowed = name
                        .parse::<MetricType>()
                        .map(|metric| one_of(allowed_values(metric), Lang::Fr))
                        .unwrap_or_default();
                    format!(
                        "il manque {}{NBSP}: ajoutez `{name}:` suivi de {allowed}",
                        named(name)
                    )
                }
                _ => {
                    let names: Vec<String> =
                        metrics.iter().map(|name| format!("`{name}`")).collect();
                    format!(
                        "il manque les métriques {}{NBSP}: un vecteur CVSS 3.x a ses huit métriques de base, comme `{EXAMPLE}`",
                        names.join(", ")
                    )
                }
            },
            CvssError::MissingV4 { metric, .. } => format!(
                "il manque {}{NBSP}: un vecteur CVSS 4.0 a ses onze métriques de base, comme `{EXAMPLE_4}`",
                named(metric)
            ),
            CvssError::Other(detail) => format!("vecteur CVSS invalide{NBSP}: {detail}"),
        }
    }

    /// Maps the crate's error on `text` (which starts with `CVSS:`) to ours.
    fn from_crate(text: &str, error: cvss::Error) -> Self {
        match error {
            cvss::Error::UnsupportedVersion { version } => {
                CvssError::UnsupportedVersion { version }
            }
            cvss::Error::InvalidComponent { component } if component.is_empty() => {
                CvssError::EmptyPart
            }
            cvss::Error::InvalidComponent { component } => CvssError::Malformed { part: component },
            cvss::Error::UnknownMetric { name } => CvssError::UnknownMetric { name },
            cvss::Error::InvalidMetricV3 { metric_type, value } => {
                // The crate reports a bad modified metric (`MAV:Q`) under its base metric
                // (`AV`); find the part the user actually wrote.
                first_invalid_value(text).unwrap_or_else(|| CvssError::InvalidValue {
                    metric: metric_type.name(),
                    description: metric_type.description(),
                    value,
                    allowed: allowed_values(metric_type),
                })
            }
            cvss::Error::DuplicateMetricV3 { metric_type } => CvssError::Duplicate {
                metric: metric_type.name(),
                description: metric_type.description(),
            },
            cvss::Error::InvalidPrefix { .. } => CvssError::NotAVector {
                text: text.to_owned(),
            },
            cvss::Error::InvalidMetricV4 { metric_type, value } => CvssError::InvalidValue {
                metric: metric_type.name(),
                description: metric_type.description(),
                value,
                allowed: allowed_values_4(metric_type),
            },
            cvss::Error::DuplicateMetricV4 { metric_type } => CvssError::Duplicate {
                metric: metric_type.name(),
                description: metric_type.description(),
            },
            cvss::Error::MissingMandatoryMetricV4 { metric_type } => CvssError::MissingV4 {
                metric: metric_type.name(),
                description: metric_type.description(),
            },
            other => CvssError::Other(other.to_string()),
        }
    }
}

/// The first `METRIC:VALUE` part of `text` whose value the specification does not allow.
fn first_invalid_value(text: &str) -> Option<CvssError> {
    text.split('/').skip(1).find_map(|part| {
        let (name, value) = part.split_once(':')?;
        let metric: MetricType = name.to_ascii_uppercase().parse().ok()?;
        let value = value.to_ascii_uppercase();
        let allowed = allowed_values(metric);
        (!allowed.contains(&value.as_str())).then(|| CvssError::InvalidValue {
            metric: metric.name(),
            description: metric.description(),
            value,
            allowed,
        })
    })
}

/// The minor version of CVSS 3 a vector is written in. Scores differ slightly between the
/// two (3.1 changed the rounding), so a 3.0 vector is scored as 3.0 and shown as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CvssVersion {
    V3_0,
    V3_1,
    V4_0,
}

impl CvssVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            CvssVersion::V3_0 => "3.0",
            CvssVersion::V3_1 => "3.1",
            CvssVersion::V4_0 => "4.0",
        }
    }
}

super::display_as_str!(CvssVersion);

impl Serialize for CvssVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A CVSS score from 0.0 to 10.0, kept in tenths: scores come rounded to one decimal, and
/// whole tenths compare exactly where floats would not (7.0 must not be "above 7.0").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CvssScore {
    tenths: u8,
}

impl CvssScore {
    /// `None` above 10.0, which no CVSS score reaches.
    pub fn from_tenths(tenths: u8) -> Option<Self> {
        (tenths <= 100).then_some(CvssScore { tenths })
    }

    pub fn tenths(self) -> u8 {
        self.tenths
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.tenths) / 10.0
    }

    /// The qualitative band of this score, as the crate draws it from the specification.
    pub fn severity(self) -> Severity {
        cvss::v3::Score::new(self.as_f64()).severity().into()
    }

    fn from_crate(score: cvss::v3::Score) -> Self {
        CvssScore::from_rounded(score.value())
    }

    fn from_rounded(value: f64) -> Self {
        // The crate has already rounded to one decimal as the specification says (Roundup
        // for 3.x, half up for 4.0); this only changes the representation, clamped against
        // any float surprise.
        let tenths = (value * 10.0).round().clamp(0.0, 100.0);
        CvssScore {
            tenths: tenths as u8,
        }
    }
}

impl fmt::Display for CvssScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.tenths / 10, self.tenths % 10)
    }
}

impl Serialize for CvssScore {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

/// The qualitative severity of a finding: the CVSS band of its base score, or the auditor's
/// rating when there is no vector. Ordered from `None` to `Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    None,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::None,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// The names of the values, in the order of `ALL`, as written in files and on the
    /// command line.
    pub const NAMES: [&'static str; 5] = crate::assessment::names!(Severity, 5);

    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::None => "none",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl From<cvss::Severity> for Severity {
    fn from(severity: cvss::Severity) -> Self {
        match severity {
            cvss::Severity::None => Severity::None,
            cvss::Severity::Low => Severity::Low,
            cvss::Severity::Medium => Severity::Medium,
            cvss::Severity::High => Severity::High,
            cvss::Severity::Critical => Severity::Critical,
        }
    }
}

super::text_enum!(Severity, Severity);

/// Who published the vector a finding carries: NVD and the vendor often disagree, a third
/// party (the CVE numbering authority that published the record, e.g. CISA ICS-CERT, or CISA's
/// ADP) may be the only one to score it, and the auditor may score the flaw as found on site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VectorSource {
    Nvd,
    Vendor,
    ThirdParty,
    Auditor,
}

impl VectorSource {
    pub const ALL: [VectorSource; 4] = [
        VectorSource::Nvd,
        VectorSource::Vendor,
        VectorSource::ThirdParty,
        VectorSource::Auditor,
    ];

    /// The names of the values, in the order of `ALL`, as written in files and on the
    /// command line.
    pub const NAMES: [&'static str; 4] = crate::assessment::names!(VectorSource, 4);

    pub const fn as_str(self) -> &'static str {
        match self {
            VectorSource::Nvd => "nvd",
            VectorSource::Vendor => "vendor",
            VectorSource::ThirdParty => "third-party",
            VectorSource::Auditor => "auditor",
        }
    }
}

super::text_enum!(VectorSource, VectorSource);

/// One metric of a vector with its value, e.g. `E:P` (Exploit Code Maturity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CvssMetric {
    /// The abbreviation, `E`.
    pub metric: &'static str,
    /// The specification's name, `Exploit Code Maturity`.
    pub name: &'static str,
    /// The value's letter, `P`; `X` is "not defined".
    pub value: &'static str,
}

impl fmt::Display for CvssMetric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.metric, self.value)
    }
}

fn metric<M: Metric>(value: Option<M>) -> Option<CvssMetric> {
    value.map(|value| CvssMetric {
        metric: M::TYPE.name(),
        name: M::TYPE.description(),
        value: value.as_str(),
    })
}

/// A valid CVSS 3.0, 3.1 or 4.0 vector: all base metrics, and the others when given. Displays
/// and serialises as the vector string in the specification's metric order; deserialising
/// validates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CvssVector(Inner);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Inner {
    V3(Vector),
    V4(cvss::v4::Vector),
}

/// A metric's value letter as a `&'static str`: CVSS 4.0 values are single letters, and the
/// crate keeps its 4.0 metrics private, so they are read back from the vector's text.
fn letter(value: &str) -> &'static str {
    const LETTERS: [&str; 26] = [
        "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
        "S", "T", "U", "V", "W", "X", "Y", "Z",
    ];
    LETTERS
        .iter()
        .find(|known| known.eq_ignore_ascii_case(value))
        .copied()
        .unwrap_or("?")
}

impl CvssVector {
    pub fn version(&self) -> CvssVersion {
        match &self.0 {
            Inner::V3(v) if v.minor_version == 0 => CvssVersion::V3_0,
            Inner::V3(_) => CvssVersion::V3_1,
            Inner::V4(_) => CvssVersion::V4_0,
        }
    }

    /// The 3.x base score; for 4.0, the score of the metrics given (CVSS-B when only the base
    /// metrics are, as NVD's records give them).
    pub fn base_score(&self) -> CvssScore {
        match &self.0 {
            Inner::V3(v) => CvssScore::from_crate(v.base_score()),
            Inner::V4(v) => CvssScore::from_rounded(v.score().value()),
        }
    }

    /// The band of the base score; a finding's severity when it has a vector. CVSS 3.x and
    /// 4.0 draw the same bands.
    pub fn severity(&self) -> Severity {
        match &self.0 {
            Inner::V3(v) => v.base_score().severity().into(),
            Inner::V4(v) => v.score().severity().into(),
        }
    }

    /// Present only when a 3.x vector carries temporal metrics (E, RL, RC); CVSS 4.0 has no
    /// separate temporal score.
    pub fn temporal_score(&self) -> Option<CvssScore> {
        match &self.0 {
            Inner::V3(v) => self
                .has_temporal()
                .then(|| CvssScore::from_crate(v.temporal_score())),
            Inner::V4(_) => None,
        }
    }

    /// Present only when a 3.x vector carries environmental metrics (CR…AR, MAV…MA); CVSS 4.0
    /// folds them into its one score.
    pub fn environmental_score(&self) -> Option<CvssScore> {
        match &self.0 {
            Inner::V3(v) => self
                .has_environmental()
                .then(|| CvssScore::from_crate(v.environmental_score())),
            Inner::V4(_) => None,
        }
    }

    pub fn has_temporal(&self) -> bool {
        !self.temporal_metrics().is_empty()
    }

    pub fn has_environmental(&self) -> bool {
        !self.environmental_metrics().is_empty()
    }

    /// The base metrics: AV … A for 3.x, AV … SA for 4.0.
    pub fn base_metrics(&self) -> Vec<CvssMetric> {
        match &self.0 {
            Inner::V3(v) => [
                metric(v.av),
                metric(v.ac),
                metric(v.pr),
                metric(v.ui),
                metric(v.s),
                metric(v.c),
                metric(v.i),
                metric(v.a),
            ]
            .into_iter()
            .flatten()
            .collect(),
            Inner::V4(v) => {
                let text = v.to_string();
                BASE_METRICS_4
                    .iter()
                    .filter_map(|wanted| {
                        text.split('/').skip(1).find_map(|part| {
                            let (name, value) = part.split_once(':')?;
                            (name.eq_ignore_ascii_case(wanted.name())).then(|| CvssMetric {
                                metric: wanted.name(),
                                name: wanted.description(),
                                value: letter(value),
                            })
                        })
                    })
                    .collect()
            }
        }
    }

    /// The value of one base metric (`AV`, and for 4.0 `VC`…), if the vector has it.
    pub fn base_metric(&self, name: &str) -> Option<&'static str> {
        self.base_metrics()
            .into_iter()
            .find(|metric| metric.metric == name)
            .map(|metric| metric.value)
    }

    pub fn temporal_metrics(&self) -> Vec<CvssMetric> {
        match &self.0 {
            Inner::V3(v) => [metric(v.e), metric(v.rl), metric(v.rc)]
                .into_iter()
                .flatten()
                .collect(),
            Inner::V4(_) => Vec::new(),
        }
    }

    pub fn environmental_metrics(&self) -> Vec<CvssMetric> {
        match &self.0 {
            Inner::V3(v) => [
                metric(v.cr),
                metric(v.ir),
                metric(v.ar),
                metric(v.mav),
                metric(v.mac),
                metric(v.mpr),
                metric(v.mui),
                metric(v.ms),
                metric(v.mc),
                metric(v.mi),
                metric(v.ma),
            ]
            .into_iter()
            .flatten()
            .collect(),
            Inner::V4(_) => Vec::new(),
        }
    }
}

/// Whether `text`, lacking the `CVSS:` prefix, reads as a CVSS 2 vector (`AV:N/AC:L/Au:N/...`).
fn looks_like_cvss2(text: &str) -> bool {
    let text = text.trim_start_matches('(').trim_end_matches(')');
    text.starts_with("AV:") && text.split('/').any(|part| part.starts_with("Au:"))
}

impl FromStr for CvssVector {
    type Err = CvssError;

    fn from_str(text: &str) -> Result<Self, CvssError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CvssError::Empty);
        }
        // Without the prefix the crate would report the first metric as a bad prefix; say
        // what the text actually is instead.
        if !text.starts_with("CVSS:") {
            return Err(if looks_like_cvss2(text) {
                CvssError::Cvss2 {
                    text: text.to_owned(),
                }
            } else {
                CvssError::NotAVector {
                    text: text.to_owned(),
                }
            });
        }
        if text.starts_with("CVSS:4.") {
            // The crate checks that every base metric is there and names the first one
            // missing.
            let vector: cvss::v4::Vector = text
                .parse()
                .map_err(|error| CvssError::from_crate(text, error))?;
            return Ok(CvssVector(Inner::V4(vector)));
        }
        let vector: Vector = text
            .parse()
            .map_err(|error| CvssError::from_crate(text, error))?;
        let v = &vector;
        let present = [
            v.av.is_some(),
            v.ac.is_some(),
            v.pr.is_some(),
            v.ui.is_some(),
            v.s.is_some(),
            v.c.is_some(),
            v.i.is_some(),
            v.a.is_some(),
        ];
        // The crate scores a vector with missing base metrics as if they were zero; a
        // finding must not carry such a score.
        let missing: Vec<&'static str> = BASE_METRICS
            .iter()
            .zip(present)
            .filter(|(_, present)| !present)
            .map(|(metric, _)| metric.name())
            .collect();
        if !missing.is_empty() {
            return Err(CvssError::Missing { metrics: missing });
        }
        Ok(CvssVector(Inner::V3(vector)))
    }
}

impl fmt::Display for CvssVector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Inner::V3(v) => write!(f, "{v}"),
            Inner::V4(v) => write!(f, "{v}"),
        }
    }
}

super::serde_as_text!(CvssVector);

/// What is wrong with a CVE id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CveIdError {
    #[error(
        "`{text}` is not a CVE id: write it as `CVE-YYYY-NNNN` (a year, then at least four digits), e.g. `CVE-2021-36260`"
    )]
    Format { text: String },

    #[error(
        "`{text}` is not a CVE id: the year must be from {} to {}; check the id against the advisory",
        CveId::FIRST_YEAR,
        CveId::LAST_YEAR
    )]
    Year { text: String },
}

impl CveIdError {
    /// What is wrong, in `lang`: the English is the error's own text.
    pub fn phrase(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, _) => self.to_string(),
            (Lang::Fr, CveIdError::Format { text }) => format!(
                "`{text}` n'est pas un identifiant CVE\u{a0}: écrivez-le `CVE-AAAA-NNNN` (une année, puis au moins quatre chiffres), par exemple `CVE-2021-36260`"
            ),
            (Lang::Fr, CveIdError::Year { text }) => format!(
                "`{text}` n'est pas un identifiant CVE\u{a0}: l'année va de {} à {}\u{a0}; vérifiez l'identifiant dans l'avis",
                CveId::FIRST_YEAR,
                CveId::LAST_YEAR
            ),
        }
    }
}

/// A CVE identifier, `CVE-YYYY-NNNN` with four to nineteen digits (the CVE program's syntax).
/// Ordered by year, then by number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CveId {
    year: u16,
    /// The digits as written: four-digit numbers keep their leading zeros (`CVE-2014-0160`).
    number: String,
}

impl CveId {
    pub const FIRST_YEAR: u16 = 1999;
    pub const LAST_YEAR: u16 = 2100;

    pub fn year(&self) -> u16 {
        self.year
    }
}

impl FromStr for CveId {
    type Err = CveIdError;

    fn from_str(text: &str) -> Result<Self, CveIdError> {
        let trimmed = text.trim();
        let format = || CveIdError::Format {
            text: trimmed.to_owned(),
        };
        let rest = trimmed
            .get(..4)
            .filter(|prefix| prefix.eq_ignore_ascii_case("CVE-"))
            .and_then(|_| trimmed.get(4..))
            .ok_or_else(format)?;
        let (year, number) = rest.split_once('-').ok_or_else(format)?;
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !all_digits(year) {
            return Err(format());
        }
        if !(4..=19).contains(&number.len()) || !all_digits(number) {
            return Err(format());
        }
        let year: u16 = year.parse().map_err(|_| format())?;
        if !(CveId::FIRST_YEAR..=CveId::LAST_YEAR).contains(&year) {
            return Err(CveIdError::Year {
                text: trimmed.to_owned(),
            });
        }
        Ok(CveId {
            year,
            number: number.to_owned(),
        })
    }
}

impl fmt::Display for CveId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CVE-{}-{}", self.year, self.number)
    }
}

impl Ord for CveId {
    fn cmp(&self, other: &Self) -> Ordering {
        // Longer digit strings are larger numbers: only four-digit ids carry leading zeros.
        (self.year, self.number.len(), &self.number).cmp(&(
            other.year,
            other.number.len(),
            &other.number,
        ))
    }
}

impl PartialOrd for CveId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

super::serde_as_text!(CveId);

#[cfg(test)]
mod tests {
    #[test]
    fn every_problem_of_a_vector_is_said_in_french_too() {
        let cases = [
            (
                "",
                "le vecteur CVSS est vide\u{a0}: écrivez-le comme `CVSS:3.1/",
            ),
            (
                "CVSS:9.9/AV:N",
                "`CVSS:9.9` n'est pas une version de CVSS prise en charge",
            ),
            (
                "AV:N/AC:L/Au:N/C:P/I:P/A:P",
                "est un vecteur CVSS 2, qui n'est pas pris en charge",
            ),
            ("CVSS:3.1/AV:N//AC:L", "le vecteur a une partie vide"),
            (
                "CVSS:3.1/AVN",
                "`AVN` n'est pas une paire `MÉTRIQUE:VALEUR`",
            ),
            (
                "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "`AV:X` n'est pas une valeur valide pour la métrique `AV` (vecteur d'attaque) (donnez N, A, L ou P)",
            ),
            (
                "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "la métrique `AV` (vecteur d'attaque) figure deux fois",
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
                "il manque la métrique `A` (impact sur la disponibilité)\u{a0}: ajoutez `A:` suivi de H, L ou N",
            ),
            (
                "CVSS:3.1/AV:N",
                "il manque les métriques `AC`, `PR`, `UI`, `S`, `C`, `I`, `A`\u{a0}: un vecteur CVSS 3.x",
            ),
            (
                "CVSS:4.0/AV:N",
                "il manque la métrique `AC` (complexité d'attaque)\u{a0}: un vecteur CVSS 4.0",
            ),
        ];
        for (text, french) in cases {
            let error = text.parse::<CvssVector>().unwrap_err();
            let said = error.phrase(Lang::Fr);
            assert!(said.contains(french), "{text}: {said}");
            assert_eq!(error.phrase(Lang::En), error.to_string());
            for english in [" is ", " the ", " missing", " use ", " or "] {
                assert!(!said.contains(english), "{text}: {said}");
            }
        }
    }

    use super::*;

    fn vector(text: &str) -> CvssVector {
        text.parse()
            .unwrap_or_else(|e| panic!("{text} was refused: {e}"))
    }

    fn score(text: &str) -> String {
        vector(text).base_score().to_string()
    }

    fn error(text: &str) -> String {
        match text.parse::<CvssVector>() {
            Ok(v) => panic!("{text} was accepted as {v}"),
            Err(e) => e.to_string(),
        }
    }

    fn tenths(t: u8) -> CvssScore {
        CvssScore::from_tenths(t).unwrap()
    }

    // Every expected score below is the base score NVD publishes for that record, read from
    // the NVD JSON record (`metrics.cvssMetricV31[].cvssData`), with the record's source.
    #[test]
    fn base_scores_match_published_cvss_3_1_records() {
        let published = [
            // CVE-2021-36260, Hikvision web server command injection; NVD (nvd@nist.gov): 9.8 CRITICAL
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8"),
            // CVE-2023-28808, Hikvision Hybrid SAN access control; vendor (hsrc@hikvision.com): 9.1 CRITICAL
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", "9.1"),
            // CVE-2020-25078, D-Link DCS-2530L admin password disclosure; NVD: 7.5 HIGH
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "7.5"),
            // CVE-2022-45431, Dahua DSS unauthenticated restart; NVD: 7.5 HIGH
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "7.5"),
            // CVE-2023-28809, Hikvision access control session hijacking; NVD: 7.5 HIGH
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", "7.5"),
            // CVE-2022-30563, Dahua ONVIF login replay; NVD: 7.4 HIGH
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", "7.4"),
            // CVE-2022-30560, Dahua crafted packet crash; NVD: 7.4 HIGH
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H", "7.4"),
            // CVE-2021-1521, Cisco Video Surveillance 8000 CDP reload; NVD: 6.5 MEDIUM
            ("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "6.5"),
            // CVE-2022-30564, Dahua unauthorised timestamp change; NVD: 5.3 MEDIUM
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N", "5.3"),
        ];
        for (text, expected) in published {
            assert_eq!(score(text), expected, "{text}");
            assert_eq!(vector(text).version(), CvssVersion::V3_1);
        }
        // CVE-2021-33044, Dahua authentication bypass; NVD: 9.8 CRITICAL
        let dahua = vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        assert_eq!(dahua.base_score(), tenths(98));
        assert_eq!(dahua.severity(), Severity::Critical);
        // CVE-2023-28808 once more: NVD's own vector (nvd@nist.gov) is 9.8 where the vendor's
        // above is 9.1 — the reason a finding records where its vector comes from.
        assert_eq!(score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), "9.8");
    }

    #[test]
    fn cvss_3_0_vectors_are_accepted_and_labelled() {
        // CVE-2018-10660, Axis cameras shell command injection; NVD has only a 3.0 vector: 9.8
        let axis = vector("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        assert_eq!(axis.version(), CvssVersion::V3_0);
        assert_eq!(axis.version().to_string(), "3.0");
        assert_eq!(axis.base_score().to_string(), "9.8");
        assert_eq!(
            axis.to_string(),
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        );
        // CVE-2017-7921, Hikvision improper authentication; NVD's primary vector is 3.0: 10.0
        let hikvision = vector("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
        assert_eq!(hikvision.version(), CvssVersion::V3_0);
        assert_eq!(hikvision.base_score().to_string(), "10.0");
        assert_eq!(hikvision.severity(), Severity::Critical);
        // ...and CISA's 3.1 vector for the same CVE: 9.8
        assert_eq!(score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), "9.8");
    }

    #[test]
    fn temporal_and_environmental_metrics_are_kept_and_scored() {
        // The example of the cvss crate's own tests, scored with FIRST's 3.1 calculator:
        // base 3.7, temporal 3.3, environmental 3.5.
        let text = "CVSS:3.1/AV:A/AC:H/PR:L/UI:N/S:U/C:L/I:L/A:N/E:P/RL:T/RC:R/CR:X/IR:X/AR:H/MAV:X/MAC:H/MPR:X/MUI:R/MS:C/MC:L/MI:X/MA:N";
        let v = vector(text);
        assert_eq!(
            v.to_string(),
            text,
            "kept and written back in the same order"
        );
        assert_eq!(v.base_score().to_string(), "3.7");
        assert_eq!(
            v.temporal_score().map(|s| s.to_string()),
            Some("3.3".into())
        );
        assert_eq!(
            v.environmental_score().map(|s| s.to_string()),
            Some("3.5".into())
        );
        let temporal: Vec<String> = v.temporal_metrics().iter().map(|m| m.to_string()).collect();
        assert_eq!(temporal, ["E:P", "RL:T", "RC:R"]);
        assert_eq!(v.temporal_metrics()[0].name, "Exploit Code Maturity");
        assert!(v.has_environmental());
        assert!(
            v.environmental_metrics()
                .iter()
                .any(|m| m.to_string() == "MS:C")
        );
        // The severity stays the base score's.
        assert_eq!(v.severity(), Severity::Low);

        let base_only = vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        assert_eq!(base_only.temporal_score(), None);
        assert_eq!(base_only.environmental_score(), None);
        assert_eq!(base_only.base_metrics().len(), 8);
    }

    #[test]
    fn metrics_may_come_in_any_order_and_case_and_are_written_in_the_specification_order() {
        let v = vector("  CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/av:n ");
        assert_eq!(
            v.to_string(),
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        );
    }

    #[test]
    fn severity_bands_at_their_edges() {
        let bands = [
            (0, Severity::None),
            (1, Severity::Low),
            (39, Severity::Low),
            (40, Severity::Medium),
            (69, Severity::Medium),
            (70, Severity::High),
            (89, Severity::High),
            (90, Severity::Critical),
            (100, Severity::Critical),
        ];
        for (t, band) in bands {
            assert_eq!(tenths(t).severity(), band, "score {}", tenths(t));
        }
        assert_eq!(CvssScore::from_tenths(101), None);
    }

    #[test]
    fn vectors_scoring_exactly_at_the_band_edges() {
        // Found by scoring all 2,592 base vectors with the crate; no base vector scores
        // between 0.0 and 1.6, so 0.1 is only checked on the score itself above.
        let edges = [
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
                "0.0",
                Severity::None,
            ),
            (
                "CVSS:3.1/AV:P/AC:H/PR:H/UI:N/S:U/C:L/I:N/A:N",
                "1.6",
                Severity::Low,
            ),
            (
                "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:L/A:L",
                "3.9",
                Severity::Low,
            ),
            (
                "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:L/I:N/A:N",
                "4.0",
                Severity::Medium,
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:H/I:L/A:N",
                "6.9",
                Severity::Medium,
            ),
            (
                "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:L",
                "7.0",
                Severity::High,
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:L",
                "8.9",
                Severity::High,
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H",
                "9.0",
                Severity::Critical,
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
                "10.0",
                Severity::Critical,
            ),
        ];
        for (text, expected, band) in edges {
            let v = vector(text);
            assert_eq!(v.base_score().to_string(), expected, "{text}");
            assert_eq!(v.severity(), band, "{text}");
            assert_eq!(v.base_score().severity(), band, "{text}");
        }
    }

    #[test]
    fn malformed_vectors_say_what_is_wrong_and_how_to_fix_it() {
        let cases = [
            ("", "the CVSS vector is empty: write it as `CVSS:3.1/"),
            ("   ", "the CVSS vector is empty"),
            (
                "CVSS:3.1/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "metric `AV` is missing: add Attack Vector as `AV:` followed by N, A, L or P",
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H",
                "metrics `S`, `A` are missing: a CVSS 3.x vector needs all eight base metrics",
            ),
            (
                "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "`AV:Q` is not a valid value for Attack Vector (use N, A, L or P)",
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z",
                "`E:Z` is not a valid value for Exploit Code Maturity (use X, H, F, P or U)",
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:Q",
                "`MS:Q` is not a valid value for Modified Scope (use X, U or C)",
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:Q",
                "`MAV:Q` is not a valid value for Modified Attack Vector (use X, N, A, L or P)",
            ),
            (
                "CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "metric `AV` (Attack Vector) is given twice: keep one",
            ),
            (
                "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P",
                "`CVSS:2.0` is not a supported CVSS version: use a `CVSS:3.1/`, `CVSS:3.0/` or `CVSS:4.0/` vector",
            ),
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
                "metric `SA` (Availability Impact to the Subsequent System) is missing",
            ),
            (
                // NVD's CVSS 2 vector of CVE-2021-36260
                "AV:N/AC:M/Au:N/C:C/I:C/A:C",
                "`AV:N/AC:M/Au:N/C:C/I:C/A:C` is a CVSS 2 vector, which is not supported",
            ),
            (
                "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "is not a CVSS vector: it must start with `CVSS:3.1/`, `CVSS:3.0/` or `CVSS:4.0/`",
            ),
            (
                "CVSS3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "is not a CVSS vector: it must start with `CVSS:3.1/`",
            ),
            ("hello world", "`hello world` is not a CVSS vector"),
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",
                "the vector has an empty part (a doubled or trailing `/`)",
            ),
            (
                "CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "`AVN` is not a `METRIC:VALUE` pair",
            ),
            (
                "CVSS:3.1/AV:N/AC:L/Au:N/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "`AU` is not a CVSS 3.x metric",
            ),
        ];
        for (text, expected) in cases {
            let message = error(text);
            assert!(
                message.contains(expected),
                "{text:?}\n  gave: {message}\n  want: {expected}"
            );
        }
    }

    #[test]
    fn the_hint_of_allowed_values_agrees_with_the_crate() {
        let base = [
            ("AV", "N"),
            ("AC", "L"),
            ("PR", "N"),
            ("UI", "N"),
            ("S", "U"),
            ("C", "H"),
            ("I", "H"),
            ("A", "H"),
        ];
        let others = [
            "E", "RL", "RC", "CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA",
        ];
        let names = base.iter().map(|(name, _)| *name).chain(others);
        for name in names {
            let allowed = allowed_values(name.parse().unwrap());
            assert!(!allowed.is_empty(), "{name}");
            for letter in 'A'..='Z' {
                let letter = letter.to_string();
                let mut parts: Vec<String> = base
                    .iter()
                    .map(|(metric, value)| {
                        let value = if *metric == name {
                            letter.as_str()
                        } else {
                            value
                        };
                        format!("{metric}:{value}")
                    })
                    .collect();
                if !base.iter().any(|(metric, _)| *metric == name) {
                    parts.push(format!("{name}:{letter}"));
                }
                let text = format!("CVSS:3.1/{}", parts.join("/"));
                let accepted = text.parse::<CvssVector>().is_ok();
                assert_eq!(accepted, allowed.contains(&letter.as_str()), "{text}");
            }
        }
    }

    #[test]
    fn vectors_serialise_as_their_string_and_are_validated_when_read() {
        let v = vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"");
        assert_eq!(serde_json::from_str::<CvssVector>(&json).unwrap(), v);
        let bad = serde_json::from_str::<CvssVector>("\"CVSS:3.1/AV:N\"").unwrap_err();
        assert!(bad.to_string().contains("metrics `AC`"), "{bad}");
    }

    #[test]
    fn severities_order_and_read_in_lowercase() {
        assert!(Severity::None < Severity::Low);
        assert!(Severity::High < Severity::Critical);
        assert_eq!(
            serde_json::to_string(&Severity::Critical).unwrap(),
            "\"critical\""
        );
        assert_eq!("High".parse::<Severity>(), Ok(Severity::High));
        assert!("severe".parse::<Severity>().is_err());
        assert_eq!(
            serde_json::to_string(&VectorSource::Nvd).unwrap(),
            "\"nvd\""
        );
        assert_eq!("Vendor".parse::<VectorSource>(), Ok(VectorSource::Vendor));
        assert!(
            "mitre"
                .parse::<VectorSource>()
                .unwrap_err()
                .to_string()
                .contains("nvd, vendor, third-party or auditor")
        );
    }

    #[test]
    fn cve_ids_are_validated() {
        let id: CveId = "CVE-2021-36260".parse().unwrap();
        assert_eq!(id.to_string(), "CVE-2021-36260");
        assert_eq!(id.year(), 2021);
        assert_eq!(
            " cve-2014-0160 ".parse::<CveId>().unwrap().to_string(),
            "CVE-2014-0160"
        );
        assert!("CVE-1999-0001".parse::<CveId>().is_ok());
        assert!("CVE-2100-1234567".parse::<CveId>().is_ok());
        for bad in [
            "",
            "CVE-2021",
            "CVE-2021-123",
            "CVE-21-36260",
            "CVE-2021-36a60",
            "2021-36260",
            "CAN-2021-36260",
            "CVE-2021-36260-1",
            "CVE–2021–36260",
        ] {
            let message = bad.parse::<CveId>().unwrap_err().to_string();
            assert!(
                message.contains("write it as `CVE-YYYY-NNNN`"),
                "{bad:?}: {message}"
            );
        }
        let early = "CVE-1998-1234".parse::<CveId>().unwrap_err().to_string();
        assert!(
            early.contains("the year must be from 1999 to 2100"),
            "{early}"
        );
        assert!("CVE-2101-1234".parse::<CveId>().is_err());
    }

    #[test]
    fn cve_ids_order_by_year_then_number() {
        let mut ids: Vec<CveId> = [
            "CVE-2021-36260",
            "CVE-2017-7921",
            "CVE-2021-1521",
            "CVE-2021-0001",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        ids.sort();
        let sorted: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
        assert_eq!(
            sorted,
            [
                "CVE-2017-7921",
                "CVE-2021-0001",
                "CVE-2021-1521",
                "CVE-2021-36260"
            ]
        );
        let json = serde_json::to_string(&ids[0]).unwrap();
        assert_eq!(json, "\"CVE-2017-7921\"");
        assert!(serde_json::from_str::<CveId>("\"CVE-17-7921\"").is_err());
    }

    /// The CVSS 4.0 vectors of real NVD records (tests/fixtures/nvd), scored by the crate, give
    /// the scores their publishers computed.
    #[test]
    fn cvss_4_vectors_of_real_records_score_as_published() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/nvd");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let record: serde_json::Value = serde_json::from_str(&text).unwrap();
            let Some(metrics) = record["metrics"]["cvssMetricV40"].as_array() else {
                continue;
            };
            for metric in metrics {
                let data = &metric["cvssData"];
                let v = vector(data["vectorString"].as_str().unwrap());
                assert_eq!(v.version(), CvssVersion::V4_0);
                assert_eq!(
                    v.base_score().as_f64(),
                    data["baseScore"].as_f64().unwrap(),
                    "{}",
                    record["id"]
                );
                assert_eq!(
                    v.severity().as_str().to_uppercase(),
                    data["baseSeverity"].as_str().unwrap()
                );
                seen += 1;
            }
        }
        assert!(seen >= 2, "{seen} CVSS 4.0 vectors in the fixtures");
    }

    #[test]
    fn a_cvss_4_vector_is_kept_with_its_version_and_base_metrics() {
        // CVE-2025-1316 (Edimax IC-7100) as ICS-CERT scored it, base metrics only.
        let v = vector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        assert_eq!(v.version().as_str(), "4.0");
        assert_eq!(v.base_score(), tenths(93));
        assert_eq!(v.severity(), Severity::Critical);
        assert_eq!(v.base_metric("VC"), Some("H"));
        assert_eq!(v.base_metric("AT"), Some("N"));
        assert_eq!(v.base_metrics().len(), 11);
        assert_eq!(v.temporal_score(), None);
        assert_eq!(v.environmental_score(), None);
        assert_eq!(
            v.to_string(),
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
        );
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<CvssVector>(&json).unwrap(), v);
        // Lower case and the "not defined" threat metrics NVD writes are read too.
        let lower = vector("CVSS:4.0/av:n/ac:l/at:n/pr:l/ui:n/vc:h/vi:h/va:h/sc:n/si:n/sa:n/E:X");
        assert_eq!(lower.base_score(), tenths(87));
    }

    #[test]
    fn a_malformed_cvss_4_vector_says_what_is_wrong() {
        let missing = error("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        assert!(
            missing.contains("metric `AT`") && missing.contains("is missing"),
            "{missing}"
        );
        assert!(missing.contains("all eleven base metrics"), "{missing}");
        let bad = error("CVSS:4.0/AV:N/AC:L/AT:Q/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        assert!(
            bad.contains("`AT:Q` is not a valid value") && bad.contains("(use N or P)"),
            "{bad}"
        );
        let twice = error("CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        assert!(twice.contains("is given twice"), "{twice}");
        let v3_metric =
            error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:U");
        assert!(v3_metric.contains("`S:U`"), "{v3_metric}");
        let version = error("CVSS:4.1/AV:N");
        assert!(
            version.contains("`CVSS:4.1` is not a supported CVSS version"),
            "{version}"
        );
    }
}
