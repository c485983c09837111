//! What a network scan says about the engagement: nmap's XML output read ([`nmap`]), the
//! device each host is (vendor, model, firmware, kind, from what it said, never from a port
//! number alone), the facts that bear on the grid's controls, and the proposals they
//! support, phrased in the engagement's language.
//!
//! Facts are proposals, never vulnerabilities: nothing here sets a level or writes an
//! observation. Which facts bear on which controls is data ([`Mapping`], the built-in
//! `grids/vms-scan.yaml` or an engagement's `scan-map.yaml`). A [`ScanRecord`] is what the
//! engagement keeps of an import (`scans/<ID>.yaml`): the XML's evidence reference and the
//! auditor's decisions. All pure; `engagement::scans` reads and writes the files.

pub mod nmap;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::assessment::{Asset, AssetKind};
pub use crate::assessment::{Decision, DecisionRecord, SCANS_DIR, ScanRecord};
use crate::error::{Error, Position, Result, ScanFlaw};
use crate::grid::{Grid, Lang};

pub use nmap::{Host, Port, Run};

/// An engagement's own mapping, for a custom grid.
pub const MAPPING_FILE: &str = "scan-map.yaml";
/// The built-in grid's mapping.
pub const BUILTIN_MAPPING: &str = include_str!("../../grids/vms-scan.yaml");

/// What a scan can see that bears on a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    Telnet,
    Ftp,
    HttpCleartext,
    TlsCertificate,
    TlsProtocol,
    Rtsp,
    Upnp,
    VendorPort,
    Snmp,
    Identity,
}

impl FactKind {
    pub const ALL: [FactKind; 10] = [
        FactKind::Telnet,
        FactKind::Ftp,
        FactKind::HttpCleartext,
        FactKind::TlsCertificate,
        FactKind::TlsProtocol,
        FactKind::Rtsp,
        FactKind::Upnp,
        FactKind::VendorPort,
        FactKind::Snmp,
        FactKind::Identity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Telnet => "telnet",
            FactKind::Ftp => "ftp",
            FactKind::HttpCleartext => "http-cleartext",
            FactKind::TlsCertificate => "tls-certificate",
            FactKind::TlsProtocol => "tls-protocol",
            FactKind::Rtsp => "rtsp",
            FactKind::Upnp => "upnp",
            FactKind::VendorPort => "vendor-port",
            FactKind::Snmp => "snmp",
            FactKind::Identity => "identity",
        }
    }
}

/// The device a host is, as far as what it said tells.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Identity {
    pub vendor: Option<String>,
    pub model: Option<String>,
    pub firmware: Option<String>,
    pub kind: Option<AssetKind>,
    /// What said so, first the clue the vendor comes from.
    pub clues: Vec<Clue>,
    /// Other vendors the host's answers name, when they disagree.
    pub other_vendors: Vec<String>,
}

/// Vendors as devices name themselves, and the name the inventory and the CVE pack use.
const VENDORS: [(&str, &str); 12] = [
    ("hikvision", "Hikvision"),
    ("dahua", "Dahua"),
    ("axis", "Axis"),
    ("hanwha", "Hanwha"),
    ("wisenet", "Hanwha"),
    ("samsung techwin", "Hanwha"),
    ("bosch", "Bosch"),
    ("uniview", "Uniview"),
    ("vivotek", "Vivotek"),
    ("milestone", "Milestone"),
    ("genetec", "Genetec"),
    ("xiongmai", "Xiongmai"),
];

/// Banners that name their vendor without saying it (nmap-service-probes knows them):
/// text, vendor, kind.
const BANNERS: [(&str, &str, Option<AssetKind>); 7] = [
    ("App-webs/", "Hikvision", Some(AssetKind::Camera)),
    ("DNVRS-Webs", "Hikvision", Some(AssetKind::Nvr)),
    ("DVRDVS-Webs", "Hikvision", Some(AssetKind::Dvr)),
    ("Hikvision-Webs", "Hikvision", None),
    ("realm=\"Hikvision\"", "Hikvision", None),
    ("Dahua Rtsp Server", "Dahua", None),
    ("realm=\"Login to ", "Dahua", None),
];

fn vendor_in(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    VENDORS
        .iter()
        .find(|(alias, _)| {
            lower.match_indices(alias).any(|(at, _)| {
                // A whole word: `axis` in `Axis P1346`, not in `taxis`.
                let before = lower[..at].chars().next_back();
                let after = lower[at + alias.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .map(|(_, name)| *name)
}

fn kind_in(text: &str, devicetype: Option<&str>) -> Option<AssetKind> {
    let lower = text.to_lowercase();
    if lower.contains("network video recorder") || lower.contains("nvr") {
        Some(AssetKind::Nvr)
    } else if lower.contains("dvr") {
        Some(AssetKind::Dvr)
    } else if lower.contains("xprotect") || lower.contains("security center") {
        Some(AssetKind::Vms)
    } else if lower.contains("camera") || lower.contains("ipcam") || devicetype == Some("webcam") {
        Some(AssetKind::Camera)
    } else {
        None
    }
}

/// nmap's fingerprints escape what the device sent (`\x20`, `\"`): the text it sent.
fn unescape_fingerprint(text: &str) -> String {
    text.replace("\\x20", " ")
        .replace("\\\"", "\"")
        .replace("\\r\\n", "\n")
}

/// Text a device sent (a product string, a banner, a certificate's organisation), as a
/// sentence that joins an answer's observations carries it: control and bidi characters
/// replaced, on one line, and, when it holds anything Markdown or pandoc could read as
/// syntax (`[link](...)`, `**`, `|`, `<`, `` ` ``...), written as a code span, fenced by one
/// backtick more than its longest run of them, so the report shows it as the device sent it.
pub fn device_text(text: &str) -> String {
    let line = crate::text::one_line(text);
    let line = line.trim();
    let plain = line.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '.'
                    | ','
                    | ':'
                    | ';'
                    | '-'
                    | '/'
                    | '('
                    | ')'
                    | '\''
                    | '"'
                    | '='
                    | '+'
                    | '?'
                    | '!'
            )
    }) && !line.contains("://")
        && !line.to_lowercase().contains("www.");
    if plain {
        return line.to_owned();
    }
    crate::text::code_span(line)
}

/// The model in products such as `Axis P1346 Network Camera ftpd`: the word after the
/// vendor's, when it has letters and digits. A number alone (`Hikvision 7513 POE IP camera
/// rtspd`) names a platform or a signature of nmap's rather than a model a device reports,
/// and a wrong model is worse than none: the inventory would match the wrong CVEs, and the
/// auditor fills an empty one.
fn model_in(product: &str, vendor: &str) -> Option<String> {
    let mut words = product.split_whitespace();
    words.find(|word| word.eq_ignore_ascii_case(vendor))?;
    let model = words.next()?;
    let has = |test: fn(&char) -> bool| model.chars().any(|c| test(&c));
    (has(char::is_ascii_digit) && has(char::is_ascii_alphabetic)).then(|| model.to_owned())
}

/// What told a device's vendor: the kind of answer, its port, and what it said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clue {
    pub source: ClueSource,
    /// `80/tcp`.
    pub port: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClueSource {
    /// The product nmap's service detection matched.
    Service,
    HttpServerHeader,
    /// An answer nmap could not match, from its fingerprint.
    Answer,
    Certificate,
}

impl Clue {
    /// `the HTTP Server header on 80/tcp: App-webs/`, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let (port, text) = (&self.port, &device_text(&self.text));
        match (self.source, lang) {
            (ClueSource::Service, Lang::Fr) => format!("le service du port {port}\u{a0}: {text}"),
            (ClueSource::Service, Lang::En) => format!("the service on {port}: {text}"),
            (ClueSource::HttpServerHeader, Lang::Fr) => {
                format!("l’en-tête HTTP Server du port {port}\u{a0}: {text}")
            }
            (ClueSource::HttpServerHeader, Lang::En) => {
                format!("the HTTP Server header on {port}: {text}")
            }
            (ClueSource::Answer, Lang::Fr) => format!("la réponse du port {port}\u{a0}: {text}"),
            (ClueSource::Answer, Lang::En) => format!("the answer on {port}: {text}"),
            (ClueSource::Certificate, Lang::Fr) => {
                format!("le certificat du port {port}\u{a0}: {text}")
            }
            (ClueSource::Certificate, Lang::En) => format!("the certificate on {port}: {text}"),
        }
    }
}

/// A clue with its strength (0 strongest), the vendor, and the kind, model and firmware it
/// tells, if any.
type Ranked = (
    u8,
    Clue,
    &'static str,
    Option<AssetKind>,
    Option<String>,
    Option<String>,
);

fn clue(source: ClueSource, port: &str, text: impl Into<String>) -> Clue {
    Clue {
        source,
        port: port.to_owned(),
        text: text.into(),
    }
}

/// What the host's answers say of the device.
pub fn identify(host: &Host) -> Identity {
    // Clues from the strongest to the weakest: a product nmap matched, a banner, an answer
    // nmap could not match, a certificate's organisation.
    let open = || host.ports.iter().filter(|port| port.is_open());
    let mut clues: Vec<Ranked> = open().filter_map(service_clue).collect();
    for port in open() {
        clues.extend(answer_clues(port));
        clues.extend(certificate_clue(port));
    }
    clues.sort_by_key(|clue| clue.0);
    identity_of(clues)
}

fn port_name(port: &Port) -> String {
    format!("{}/{}", port.number, port.protocol)
}

/// A product nmap matched by probing the port, when a known vendor makes it.
fn service_clue(port: &Port) -> Option<Ranked> {
    let service = port.service.as_ref()?;
    if !service.probed {
        return None;
    }
    let product = service.product.as_ref()?;
    let vendor = vendor_in(product)?;
    let kind = kind_in(product, service.devicetype.as_deref());
    let model = model_in(product, vendor);
    let firmware = model.as_ref().and(service.version.clone());
    Some((
        0,
        clue(ClueSource::Service, &port_name(port), product),
        vendor,
        kind,
        model,
        firmware,
    ))
}

/// A known banner, or a vendor's name, in the HTTP Server header or in an answer nmap could
/// not match.
fn answer_clues(port: &Port) -> Vec<Ranked> {
    let at = port_name(port);
    let header = port.script("http-server-header").map(|s| s.output.as_str());
    let fingerprint = port
        .service
        .as_ref()
        .and_then(|service| service.fingerprint.as_deref())
        .map(unescape_fingerprint);
    let mut clues: Vec<Ranked> = Vec::new();
    for (rank, text, source) in [
        (1, header.map(str::to_owned), ClueSource::HttpServerHeader),
        (2, fingerprint, ClueSource::Answer),
    ] {
        let Some(text) = text else { continue };
        if let Some((banner, vendor, kind)) =
            BANNERS.iter().find(|(banner, _, _)| text.contains(banner))
        {
            clues.push((rank, clue(source, &at, *banner), vendor, *kind, None, None));
        } else if let Some(vendor) = vendor_in(&text) {
            let shown: String = text
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(80)
                .collect();
            clues.push((rank, clue(source, &at, shown), vendor, None, None, None));
        }
    }
    clues
}

/// A known vendor as the organisation of the port's certificate.
fn certificate_clue(port: &Port) -> Option<Ranked> {
    let organization = port.certificate.as_ref()?.organization.as_ref()?;
    let vendor = vendor_in(organization)?;
    Some((
        3,
        clue(
            ClueSource::Certificate,
            &port_name(port),
            format!("O={organization}"),
        ),
        vendor,
        None,
        None,
        None,
    ))
}

/// The identity the strongest clue's vendor gives, completed by the other clues of that
/// vendor; the other vendors named are kept as doubts.
fn identity_of(clues: Vec<Ranked>) -> Identity {
    let mut identity = Identity::default();
    let Some(first) = clues.first() else {
        return identity;
    };
    let vendor = first.2;
    identity.vendor = Some(vendor.to_owned());
    for (_, clue, other, kind, model, firmware) in clues {
        if other == vendor {
            identity.kind = identity.kind.or(kind);
            if identity.model.is_none() && model.is_some() {
                identity.model = model;
                identity.firmware = firmware;
            }
        } else if !identity.other_vendors.iter().any(|known| known == other) {
            identity.other_vendors.push(other.to_owned());
        }
        if !identity.clues.contains(&clue) {
            identity.clues.push(clue);
        }
    }
    identity
}

/// One thing the scan saw on a host's port.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub kind: FactKind,
    pub address: String,
    pub port: u16,
    pub protocol: String,
    /// nmap's service name (`ssl/http`), and its product and version when it probed them.
    pub service: String,
    pub product: Option<String>,
    /// What the fact is about, in words of the engagement's language (filled by
    /// [`Fact::describe`]).
    #[serde(skip)]
    detail: Detail,
}

#[derive(Debug, Clone, PartialEq)]
enum Detail {
    None,
    /// A port the vendors use for their own protocol, with its use.
    VendorPort(&'static str, &'static str),
    Certificate {
        self_signed: bool,
        key: Option<String>,
        years: Option<i64>,
        expired: Option<String>,
        not_yet_valid: bool,
    },
    Tls {
        old: Vec<String>,
        grade: Option<String>,
    },
    Identity(Identity),
    /// HTTP on a host that also answers HTTPS.
    HttpBesideHttps,
}

impl Fact {
    /// `telnet@10.20.0.12:23/tcp`: names the fact across imports of the same network.
    pub fn key(&self) -> String {
        format!(
            "{}@{}:{}/{}",
            self.kind.as_str(),
            self.address,
            self.port,
            self.protocol
        )
    }

    /// The fact as a sentence of `lang`, the host named `host` (the asset's id, or its
    /// address).
    pub fn describe(&self, host: &str, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let place = if host == self.address {
            format!("{}:{}", self.address, self.port)
        } else {
            format!("{host} ({}:{})", self.address, self.port)
        };
        let on = if fr { "sur" } else { "on" };
        let product = self
            .product
            .as_ref()
            .map(|product| format!(" — {}", device_text(product)))
            .unwrap_or_default();
        match (&self.kind, &self.detail) {
            (FactKind::Telnet, _) if fr => format!("telnet ouvert sur {place}{product}"),
            (FactKind::Telnet, _) => format!("telnet open on {place}{product}"),
            (FactKind::Ftp, _) if fr => format!("FTP ouvert sur {place}{product}"),
            (FactKind::Ftp, _) => format!("FTP open on {place}{product}"),
            (FactKind::HttpCleartext, Detail::HttpBesideHttps) if fr => {
                format!("HTTP en clair à côté de HTTPS sur {place}{product}")
            }
            (FactKind::HttpCleartext, Detail::HttpBesideHttps) => {
                format!("clear-text HTTP beside HTTPS on {place}{product}")
            }
            (FactKind::HttpCleartext, _) if fr => {
                format!("administration en HTTP sans HTTPS sur {place}{product}")
            }
            (FactKind::HttpCleartext, _) => {
                format!("HTTP administration without HTTPS on {place}{product}")
            }
            (FactKind::Rtsp, _) if fr => format!("RTSP accessible sur {place}{product}"),
            (FactKind::Rtsp, _) => format!("RTSP reachable on {place}{product}"),
            (FactKind::Upnp, _) if fr => format!("UPnP exposé sur {place}{product}"),
            (FactKind::Upnp, _) => format!("UPnP exposed on {place}{product}"),
            (FactKind::Snmp, _) if fr => format!("SNMP ouvert sur {place}{product}"),
            (FactKind::Snmp, _) => format!("SNMP open on {place}{product}"),
            (FactKind::VendorPort, Detail::VendorPort(en, fr_use)) => {
                let (open, what) = if fr {
                    ("ouvert", *fr_use)
                } else {
                    ("open", *en)
                };
                format!("port {} {open} {on} {place} ({what})", self.port)
            }
            (FactKind::TlsCertificate, Detail::Certificate { .. }) => {
                format!("{} {on} {place}", self.certificate_words(fr))
            }
            (FactKind::TlsProtocol, Detail::Tls { old, grade }) => {
                format!("{} {on} {place}", tls_words(old, grade.as_deref(), fr))
            }
            (FactKind::Identity, Detail::Identity(identity)) => {
                self.identity_sentence(identity, host, lang)
            }
            (kind, _) => format!("{} {on} {place}", kind.as_str()),
        }
    }

    /// What was identified on the host, and from which clue.
    fn identity_sentence(&self, identity: &Identity, host: &str, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let what = identity_words(identity, fr);
        let clue = identity
            .clues
            .first()
            .map(|clue| clue.describe(lang))
            .unwrap_or_default();
        let feminine = identity.kind == Some(AssetKind::Camera);
        let host_only = if host == self.address {
            self.address.clone()
        } else {
            format!("{host} ({})", self.address)
        };
        if fr {
            let identified = if feminine {
                "identifiée"
            } else {
                "identifié"
            };
            format!("{what} {identified} sur {host_only}, d’après {clue}")
        } else {
            format!("{what} identified on {host_only}, from {clue}")
        }
    }

    fn certificate_words(&self, fr: bool) -> String {
        let Detail::Certificate {
            self_signed,
            key,
            years,
            expired,
            not_yet_valid,
        } = &self.detail
        else {
            return String::new();
        };
        let mut text = if fr {
            "certificat".to_owned()
        } else {
            String::new()
        };
        let mut first = Vec::new();
        if *self_signed && !fr {
            first.push("self-signed".to_owned());
        }
        if let Some(key) = key {
            first.push(key.clone());
        }
        if fr {
            for word in first {
                let _ = write!(text, " {word}");
            }
            if *self_signed {
                text.push_str(" auto-signé");
            }
        } else {
            text = first.join(" ");
            text.push_str(if text.is_empty() {
                "certificate"
            } else {
                " certificate"
            });
        }
        if let Some(years) = years {
            let _ = if fr {
                write!(text, ", valide {years} ans")
            } else {
                write!(text, ", valid {years} years")
            };
        }
        if let Some(date) = expired {
            let _ = if fr {
                write!(text, ", expiré le {date}")
            } else {
                write!(text, ", expired on {date}")
            };
        }
        if *not_yet_valid {
            text.push_str(if fr {
                ", pas encore valide"
            } else {
                ", not valid yet"
            });
        }
        text
    }
}

/// The old protocols a port offers and the grade of its cipher suites.
fn tls_words(old: &[String], grade: Option<&str>, fr: bool) -> String {
    let mut parts = Vec::new();
    if !old.is_empty() {
        parts.push(if fr {
            format!("{} proposés", old.join(", "))
        } else {
            format!("{} offered", old.join(", "))
        });
    }
    if let Some(grade) = grade {
        parts.push(if fr {
            format!("chiffrements de note {grade}")
        } else {
            format!("cipher suites graded {grade}")
        });
    }
    parts.join(", ")
}

fn identity_words(identity: &Identity, fr: bool) -> String {
    let kind = identity.kind.map(|kind| match (kind, fr) {
        (AssetKind::Camera, true) => "caméra",
        (AssetKind::Camera, false) => "camera",
        (AssetKind::Nvr, _) => "NVR",
        (AssetKind::Dvr, _) => "DVR",
        (AssetKind::Vms, _) => "VMS",
        (_, true) => "équipement",
        (_, false) => "device",
    });
    let vendor = identity.vendor.clone().unwrap_or_default();
    let mut words = match (kind, fr) {
        (Some(kind), true) => format!("{kind} {vendor}"),
        (Some(kind), false) => format!("{vendor} {kind}"),
        (None, true) => format!("équipement {vendor}"),
        (None, false) => format!("{vendor} device"),
    };
    if let Some(model) = &identity.model {
        let _ = write!(words, " {}", device_text(model));
    }
    if let Some(firmware) = &identity.firmware {
        let _ = write!(words, ", firmware {}", device_text(firmware));
    }
    words
}

/// Ports the vendors use for their own protocols: (port, use in English, in French).
const VENDOR_PORTS: [(u16, &str, &str); 4] = [
    (8000, "Hikvision SDK port", "port du SDK Hikvision"),
    (
        37777,
        "Dahua private protocol",
        "protocole propriétaire Dahua",
    ),
    (
        37778,
        "Dahua private protocol",
        "protocole propriétaire Dahua",
    ),
    (
        34567,
        "XMEye/Xiongmai cloud and SDK port",
        "port cloud et SDK XMEye/Xiongmai",
    ),
];

/// The certificate problems worth a fact: what is wrong, or `None` when nothing is.
fn certificate_detail(
    certificate: &nmap::Certificate,
    scanned: Option<Timestamp>,
) -> Option<Detail> {
    let bits = certificate.key_bits.unwrap_or(0);
    let key_type = certificate
        .key_type
        .as_deref()
        .unwrap_or_default()
        .to_lowercase();
    let weak = match key_type.as_str() {
        "rsa" | "dsa" => bits > 0 && bits < 2048,
        "ec" => bits > 0 && bits < 256,
        _ => false,
    };
    let key = (bits > 0).then(|| format!("{}-{bits}", key_type.to_uppercase()));
    let years = match (certificate.not_before, certificate.not_after) {
        (Some(from), Some(to)) => {
            let days = (to.as_second() - from.as_second()) / 86_400;
            // More than the 398 days browsers accept, said in years.
            (days > 398).then(|| (days + 182) / 365)
        }
        _ => None,
    };
    let expired = match (certificate.not_after, scanned) {
        (Some(after), Some(scanned)) if after < scanned => {
            Some(after.strftime("%Y-%m-%d").to_string())
        }
        _ => None,
    };
    let not_yet_valid = matches!(
        (certificate.not_before, scanned),
        (Some(before), Some(scanned)) if before > scanned
    );
    let self_signed = certificate.self_signed();
    (self_signed || weak || expired.is_some() || not_yet_valid || years.is_some()).then_some(
        Detail::Certificate {
            self_signed,
            key,
            years,
            expired,
            not_yet_valid,
        },
    )
}

/// Every fact of a host, in port order, then its identity.
pub fn facts(host: &Host, scanned: Option<Timestamp>) -> Vec<Fact> {
    let open: Vec<&Port> = host.ports.iter().filter(|port| port.is_open()).collect();
    let has_https = open.iter().any(|port| {
        let name = port.service_name();
        name == "ssl/http" || name == "https" || port.certificate.is_some()
    });
    let mut found: Vec<Fact> = open
        .iter()
        .flat_map(|port| port_facts(host, port, has_https, scanned))
        .collect();
    let identity = identify(host);
    if identity.vendor.is_some() {
        found.push(Fact {
            kind: FactKind::Identity,
            address: host.address.clone(),
            port: 0,
            protocol: "ip".to_owned(),
            service: String::new(),
            product: None,
            detail: Detail::Identity(identity),
        });
    }
    found
}

/// The facts of one open port: the service it exposes (at most one kind), a vendor's own
/// port, its certificate and its TLS versions.
fn port_facts(host: &Host, port: &Port, has_https: bool, scanned: Option<Timestamp>) -> Vec<Fact> {
    let name = port.service_name();
    let product = port
        .service
        .as_ref()
        .filter(|service| service.probed)
        .and_then(|service| {
            let product = service.product.clone()?;
            Some(match &service.version {
                Some(version) => format!("{product} {version}"),
                None => product,
            })
        });
    let fact = |kind: FactKind, detail: Detail| Fact {
        kind,
        address: host.address.clone(),
        port: port.number,
        protocol: port.protocol.clone(),
        service: name.clone(),
        product: product.clone(),
        detail,
    };
    let mut found = Vec::new();
    if let Some((kind, detail)) = service_kind(port, &name, product.as_deref(), has_https) {
        found.push(fact(kind, detail));
    }
    let tcp = port.protocol == "tcp";
    if tcp && let Some((_, en, fr)) = VENDOR_PORTS.iter().find(|(n, _, _)| *n == port.number) {
        found.push(fact(FactKind::VendorPort, Detail::VendorPort(en, fr)));
    }
    if let Some(detail) = port
        .certificate
        .as_ref()
        .and_then(|certificate| certificate_detail(certificate, scanned))
    {
        found.push(fact(FactKind::TlsCertificate, detail));
    }
    if let Some(tls) = &port.tls {
        let old: Vec<String> = tls
            .versions
            .iter()
            .filter(|v| matches!(v.as_str(), "SSLv2" | "SSLv3" | "TLSv1.0" | "TLSv1.1"))
            .cloned()
            .collect();
        let grade = tls
            .least_strength
            .clone()
            .filter(|grade| !matches!(grade.as_str(), "A" | "B"));
        if !old.is_empty() || grade.is_some() {
            found.push(fact(FactKind::TlsProtocol, Detail::Tls { old, grade }));
        }
    }
    found
}

/// The service a port exposes that a control asks about: telnet, FTP, UPnP, RTSP, SNMP or
/// cleartext HTTP (noted when the host also answers HTTPS).
fn service_kind(
    port: &Port,
    name: &str,
    product: Option<&str>,
    has_https: bool,
) -> Option<(FactKind, Detail)> {
    let tcp = port.protocol == "tcp";
    let upnp = name.contains("upnp")
        || product.is_some_and(|p| p.to_lowercase().contains("upnp"))
        || (port.protocol == "udp" && port.number == 1900);
    let kind = if name == "telnet" || (tcp && port.number == 23 && !name.starts_with("ssl/")) {
        FactKind::Telnet
    } else if name == "ftp" {
        FactKind::Ftp
    } else if upnp {
        FactKind::Upnp
    } else if name == "rtsp" || (tcp && port.number == 554) {
        FactKind::Rtsp
    } else if name.starts_with("snmp") {
        FactKind::Snmp
    } else if matches!(name, "http" | "http-alt" | "http-proxy") && port.certificate.is_none() {
        let detail = if has_https {
            Detail::HttpBesideHttps
        } else {
            Detail::None
        };
        return Some((FactKind::HttpCleartext, detail));
    } else {
        return None;
    };
    Some((kind, Detail::None))
}

/// Which facts bear on which controls: `grids/vms-scan.yaml`'s format.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The grid it was written for (informative).
    #[serde(default)]
    pub grid: Option<String>,
    pub facts: BTreeMap<FactKind, Vec<String>>,
}

impl Mapping {
    /// Reads a mapping; `name` is how messages call the file.
    pub fn parse(name: &str, text: &str) -> Result<Mapping> {
        crate::yaml::from_str(text).map_err(|error| {
            let kinds = FactKind::ALL.iter().map(|kind| kind.as_str()).collect();
            Error::at(
                Position::file(name),
                ScanFlaw::NotAMapping {
                    detail: error.to_string(),
                    kinds,
                },
            )
        })
    }

    pub fn builtin() -> Result<Mapping> {
        Mapping::parse("grids/vms-scan.yaml", BUILTIN_MAPPING)
    }

    /// The controls of `grid` a fact bears on, in the mapping's order; ids the grid lacks
    /// are left out.
    pub fn controls<'a>(&'a self, kind: FactKind, grid: &'a Grid) -> impl Iterator<Item = &'a str> {
        self.facts
            .get(&kind)
            .into_iter()
            .flatten()
            .filter(|id| grid.control(id).is_some())
            .map(String::as_str)
    }
}

/// A fact put to a control.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub control: String,
    pub fact: String,
    /// The host's asset id, if the inventory has one at the fact's address.
    pub asset: Option<String>,
    pub text: String,
    pub scan: String,
    pub evidence: String,
    pub decision: Option<Decision>,
}

/// A scan read back: its record, the run, the facts per host.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub record: ScanRecord,
    pub run: Run,
}

/// The asset at `address`, if the inventory has one.
pub fn asset_at<'a>(assets: &'a [Asset], address: &str) -> Option<&'a Asset> {
    assets
        .iter()
        .find(|asset| asset.address.as_deref() == Some(address))
}

/// The asset a host is: the one at its address, else the one with its MAC address (a
/// camera that changed address by DHCP), in its `mac` field or, as imports before that field
/// wrote it, in its notes.
pub fn asset_for<'a>(assets: &'a [Asset], host: &Host) -> Option<&'a Asset> {
    asset_at(assets, &host.address).or_else(|| {
        let mac = crate::assessment::normal_mac(host.mac.as_deref()?)?;
        let noted = format!("MAC {mac}");
        assets.iter().find(|asset| {
            asset.mac.as_deref() == Some(mac.as_str())
                || asset
                    .notes
                    .as_deref()
                    .is_some_and(|notes| notes.to_ascii_uppercase().contains(&noted))
        })
    })
}

/// Every proposal of `scans`, per control in grid order: a fact seen by several scans
/// once, from the latest; a decision on a fact holds for every scan that sees it again.
pub fn proposals(
    scans: &[Loaded],
    mapping: &Mapping,
    grid: &Grid,
    assets: &[Asset],
    lang: Lang,
) -> Vec<Proposal> {
    let mut decided: BTreeMap<(&str, &str), (Timestamp, Decision)> = BTreeMap::new();
    for scan in scans {
        for decision in &scan.record.decisions {
            let key = (decision.control.as_str(), decision.fact.as_str());
            if decided.get(&key).is_none_or(|(at, _)| *at <= decision.at) {
                decided.insert(key, (decision.at, decision.decision));
            }
        }
    }
    let mut order: Vec<&Loaded> = scans.iter().collect();
    order.sort_by_key(|scan| (scan.run.started, scan.record.imported_at));
    let mut found: Vec<Proposal> = Vec::new();
    for scan in order.into_iter().rev() {
        for host in scan.run.hosts.iter().filter(|host| host.up) {
            let asset = asset_for(assets, host).map(|asset| asset.id.clone());
            let name = asset.clone().unwrap_or_else(|| host.address.clone());
            for fact in facts(host, scan.run.started) {
                let key = fact.key();
                let text = fact.describe(&name, lang);
                for control in mapping.controls(fact.kind, grid) {
                    if found.iter().any(|p| p.control == control && p.fact == key) {
                        continue;
                    }
                    found.push(Proposal {
                        control: control.to_owned(),
                        fact: key.clone(),
                        asset: asset.clone(),
                        text: text.clone(),
                        scan: scan.record.id.clone(),
                        evidence: scan.record.evidence.path.clone(),
                        decision: decided
                            .get(&(control, key.as_str()))
                            .map(|(_, decision)| *decision),
                    });
                }
            }
        }
    }
    let order: BTreeMap<&str, usize> = grid
        .domains
        .iter()
        .flat_map(|domain| domain.controls.iter())
        .enumerate()
        .map(|(index, control)| (control.id.as_str(), index))
        .collect();
    found.sort_by(|a, b| {
        (order.get(a.control.as_str()), &a.fact).cmp(&(order.get(b.control.as_str()), &b.fact))
    });
    found
}

/// The controls of `grid` the facts of `run` bear on, in grid order.
pub fn controls_of(run: &Run, mapping: &Mapping, grid: &Grid) -> Vec<String> {
    let mut kinds = std::collections::BTreeSet::new();
    for host in run.hosts.iter().filter(|host| host.up) {
        kinds.extend(facts(host, run.started).iter().map(|fact| fact.kind));
    }
    grid.domains
        .iter()
        .flat_map(|domain| domain.controls.iter())
        .map(|control| control.id.clone())
        .filter(|id| {
            kinds
                .iter()
                .any(|kind| mapping.controls(*kind, grid).any(|mapped| mapped == id))
        })
        .collect()
}

/// Assets for the inventory from a scan's hosts that are up and answered on a port: each
/// matched to an asset of `assets` by address, else a new asset with an id made from its
/// kind and address. Fields come only from what the host said; the rule book fills only
/// the empty fields of an asset already there.
pub fn assets_from(run: &Run, assets: &[Asset]) -> Vec<Asset> {
    let mut found: Vec<Asset> = Vec::new();
    for host in &run.hosts {
        if !host.up || !host.ports.iter().any(Port::is_open) {
            continue;
        }
        let identity = identify(host);
        let existing = asset_for(assets, host);
        let kind = identity.kind.unwrap_or(AssetKind::Other);
        let id = match existing {
            Some(asset) => asset.id.clone(),
            None => {
                let taken = |id: &str| {
                    assets
                        .iter()
                        .chain(found.iter())
                        .any(|known| known.id.eq_ignore_ascii_case(id))
                };
                new_asset_id(kind, host, &taken)
            }
        };
        let mut notes = Vec::new();
        if let Some(vendor) = &host.mac_vendor {
            notes.push(format!("MAC vendor: {vendor}"));
        }
        if !host.hostnames.is_empty() {
            notes.push(format!("host names: {}", host.hostnames.join(", ")));
        }
        found.push(Asset {
            vendor: identity.vendor,
            model: identity.model,
            firmware: identity.firmware,
            address: Some(host.address.clone()),
            mac: host.mac.as_deref().and_then(crate::assessment::normal_mac),
            notes: (!notes.is_empty()).then(|| notes.join("; ")),
            ..Asset::new(id, existing.map_or(kind, |asset| asset.kind))
        });
    }
    found
}

/// A new asset's id: the first label of its host name when it makes a valid id that is
/// free (`cam-012.video.example.lan` → `CAM-012`), else the kind's prefix and the address
/// (`CAM-10-20-0-12`), numbered when taken.
fn new_asset_id(kind: AssetKind, host: &Host, taken: &dyn Fn(&str) -> bool) -> String {
    let named = host
        .hostnames
        .iter()
        .filter_map(|name| name.split('.').next())
        .map(str::to_uppercase)
        .find(|label| {
            crate::assessment::check_asset_id(label).is_ok()
                && !taken(label)
                && label.parse::<std::net::Ipv4Addr>().is_err()
        });
    if let Some(label) = named {
        return label;
    }
    let prefix = match kind {
        AssetKind::Camera => "CAM",
        AssetKind::Nvr => "NVR",
        AssetKind::Dvr => "DVR",
        AssetKind::Vms => "VMS",
        _ => "HOST",
    };
    let tail: String = host
        .address
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let base: String = format!("{prefix}-{}", tail.trim_matches('-'))
        .chars()
        .take(crate::assessment::ASSET_ID_MAX - 3)
        .collect();
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Where the inventory and a scan say different things of one asset: kept, not overwritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    pub asset: String,
    /// `vendor`, `model`, `firmware` or `address`.
    pub field: &'static str,
    pub inventory: String,
    pub scan: String,
}

impl Disagreement {
    /// `CAM-012: vendor Axis in the inventory, Hikvision in the scan`, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let Disagreement {
            asset,
            field,
            inventory,
            scan,
        } = self;
        match lang {
            Lang::Fr => {
                let field = match *field {
                    "vendor" => "constructeur",
                    "model" => "modèle",
                    "address" => "adresse",
                    other => other,
                };
                format!("{asset}\u{a0}: {field} {inventory} à l'inventaire, {scan} dans le scan")
            }
            Lang::En => {
                format!("{asset}: {field} {inventory} in the inventory, {scan} in the scan")
            }
        }
    }
}

/// What `scanned` says of an asset that `current`, the inventory's, says otherwise.
pub fn disagreements(current: &Asset, scanned: &Asset) -> Vec<Disagreement> {
    let mut found = Vec::new();
    for (field, known, seen) in [
        ("vendor", &current.vendor, &scanned.vendor),
        ("model", &current.model, &scanned.model),
        ("firmware", &current.firmware, &scanned.firmware),
        ("address", &current.address, &scanned.address),
    ] {
        if let (Some(known), Some(seen)) = (known, seen)
            && !known.eq_ignore_ascii_case(seen)
        {
            found.push(Disagreement {
                asset: current.id.clone(),
                field,
                inventory: known.clone(),
                scan: seen.clone(),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEVICES: &str = include_str!("../../tests/fixtures/scans/devices.xml");

    fn run() -> Run {
        nmap::parse("devices.xml", DEVICES).unwrap()
    }

    #[test]
    fn devices_are_identified_from_what_they_said_never_from_a_port_alone() {
        let run = run();
        let camera = identify(&run.hosts[0]);
        assert_eq!(camera.vendor.as_deref(), Some("Hikvision"));
        assert_eq!(camera.kind, Some(AssetKind::Camera));
        assert_eq!(
            camera.clues[0].describe(Lang::En),
            "the service on 80/tcp: Hikvision IP camera httpd"
        );
        // The recorder: a silent 37777 says nothing of its vendor; its RTSP answer and its
        // certificate do.
        let recorder = identify(&run.hosts[1]);
        assert_eq!(recorder.vendor.as_deref(), Some("Dahua"), "{recorder:?}");
        assert_eq!(recorder.other_vendors, ["Hikvision"]);
        let axis = identify(&run.hosts[2]);
        assert_eq!(axis.vendor.as_deref(), Some("Axis"));
        assert_eq!(axis.model.as_deref(), Some("P1346"));
        assert_eq!(axis.firmware.as_deref(), Some("5.40.9.2"));
    }

    #[test]
    fn a_model_is_a_word_of_letters_and_digits_after_the_vendors() {
        assert_eq!(
            model_in("Axis P1346 Network Camera ftpd", "Axis").as_deref(),
            Some("P1346")
        );
        assert_eq!(
            model_in("Axis M3045-V Network Camera ftpd", "Axis").as_deref(),
            Some("M3045-V")
        );
        assert_eq!(
            model_in("Hikvision 7513 POE IP camera rtspd", "Hikvision"),
            None
        );
        assert_eq!(model_in("Hikvision IP camera httpd", "Hikvision"), None);
    }

    #[test]
    fn device_text_is_plain_when_harmless_else_a_code_span_markdown_cannot_end() {
        assert_eq!(
            device_text("Hikvision IP camera httpd"),
            "Hikvision IP camera httpd"
        );
        assert_eq!(device_text("O=Hangzhou Co.,Ltd."), "O=Hangzhou Co.,Ltd.");
        assert_eq!(device_text("a **b**"), "`a **b**`");
        assert_eq!(
            device_text("see http://x.example"),
            "`see http://x.example`"
        );
        assert_eq!(device_text("x `y` z"), "``x `y` z``");
        assert_eq!(device_text("`a``"), "``` `a`` ```");
        assert_eq!(
            device_text("Boa\u{202e}ptth\nline"),
            "`Boa\u{fffd}ptth line`"
        );
    }

    #[test]
    fn facts_are_phrased_in_the_engagements_language() {
        let run = run();
        let texts = |host: usize, lang: Lang| -> Vec<String> {
            facts(&run.hosts[host], run.started)
                .iter()
                .map(|fact| fact.describe("NVR-01", lang))
                .collect()
        };
        let recorder = texts(1, Lang::En);
        assert!(
            recorder.contains(&"self-signed RSA-1024 certificate, valid 10 years, expired on 2025-01-01 on NVR-01 (127.0.0.3:443)".to_owned()),
            "{recorder:#?}"
        );
        let recorder = texts(1, Lang::Fr);
        assert!(
            recorder.contains(&"certificat RSA-1024 auto-signé, valide 10 ans, expiré le 2025-01-01 sur NVR-01 (127.0.0.3:443)".to_owned()),
            "{recorder:#?}"
        );
        assert!(
            recorder
                .iter()
                .any(|t| t.starts_with("port 37777 ouvert sur NVR-01")),
            "{recorder:#?}"
        );
        let camera = texts(0, Lang::En);
        assert!(
            camera
                .iter()
                .any(|t| t.starts_with("telnet open on NVR-01 (127.0.0.2:23)")),
            "{camera:#?}"
        );
        assert!(
            camera
                .iter()
                .any(|t| t.starts_with("HTTP administration without HTTPS")),
            "{camera:#?}"
        );
        assert!(
            camera.iter().any(|t| t.starts_with("port 8000 open")),
            "{camera:#?}"
        );
    }

    #[test]
    fn the_builtin_mapping_names_controls_of_the_builtin_grid() {
        let mapping = Mapping::builtin().unwrap();
        let grid = crate::grid::builtin::grid().unwrap();
        for (kind, controls) in &mapping.facts {
            for control in controls {
                assert!(grid.control(control).is_some(), "{kind:?}: {control}");
            }
        }
        assert_eq!(
            mapping
                .controls(FactKind::TlsCertificate, &grid)
                .collect::<Vec<_>>(),
            ["ENC-04"]
        );
        let error = Mapping::parse("scan-map.yaml", "facts:\n  smtp: [NET-06]\n").unwrap_err();
        assert!(error.to_string().contains("scan-map.yaml"), "{error}");
    }

    #[test]
    fn a_host_is_the_asset_at_its_address_or_with_its_mac() {
        let host = Host {
            up: true,
            address: "10.20.0.99".into(),
            mac: Some("00:11:22:AA:BB:CC".into()),
            ..Host::default()
        };
        let moved = Asset {
            address: Some("10.20.0.12".into()),
            notes: Some("MAC 00:11:22:aa:bb:cc (Hangzhou Hikvision)".into()),
            ..Asset::new("CAM-012", AssetKind::Camera)
        };
        let other = Asset {
            address: Some("10.20.0.13".into()),
            ..Asset::new("CAM-013", AssetKind::Camera)
        };
        let assets = [other, moved];
        assert_eq!(
            asset_for(&assets, &host).map(|a| a.id.as_str()),
            Some("CAM-012")
        );
        // The MAC address in its own field, written another way by nmap.
        let kept = Asset {
            address: Some("10.20.0.14".into()),
            mac: Some("00:11:22:AA:BB:DD".into()),
            ..Asset::new("CAM-014", AssetKind::Camera)
        };
        let dhcp = Host {
            mac: Some("00-11-22-aa-bb-dd".into()),
            ..host.clone()
        };
        assert_eq!(
            asset_for(&[kept], &dhcp).map(|a| a.id.as_str()),
            Some("CAM-014")
        );
        let at_address = Host {
            address: "10.20.0.13".into(),
            ..host.clone()
        };
        assert_eq!(
            asset_for(&assets, &at_address).map(|a| a.id.as_str()),
            Some("CAM-013")
        );
        let unknown = Host {
            mac: Some("00:00:00:00:00:01".into()),
            ..host
        };
        assert!(asset_for(&assets, &unknown).is_none());
    }

    #[test]
    fn new_hosts_get_ids_from_their_kind_and_address() {
        let assets = assets_from(&run(), &[]);
        let ids: Vec<&str> = assets.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["CAM-127-0-0-2", "HOST-127-0-0-3", "CAM-127-0-0-4"]);
        let known = vec![Asset {
            address: Some("127.0.0.2".into()),
            vendor: Some("Axis".into()),
            ..Asset::new("CAM-012", AssetKind::Camera)
        }];
        let assets = assets_from(&run(), &known);
        assert_eq!(assets[0].id, "CAM-012");
        // A name the host goes by makes the id; an id taken by another asset is numbered.
        let mut named = run();
        named.hosts[2].hostnames = vec!["cam-040.video.example.lan".into()];
        let taken = vec![Asset::new("HOST-127-0-0-3", AssetKind::Other)];
        let ids: Vec<String> = assets_from(&named, &taken)
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, ["CAM-127-0-0-2", "HOST-127-0-0-3-2", "CAM-040"]);
        let found = disagreements(&known[0], &assets[0]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].describe(Lang::En),
            "CAM-012: vendor Axis in the inventory, Hikvision in the scan"
        );
        assert_eq!(
            found[0].describe(Lang::Fr),
            "CAM-012\u{a0}: constructeur Axis à l'inventaire, Hikvision dans le scan"
        );
    }
}
