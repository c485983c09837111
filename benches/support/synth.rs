//! A large synthetic engagement, seeded and reproducible, built only through the library's
//! public API: what a firm's grid of 2,000 controls looks like after four audit rounds on a
//! large site.
//!
//! - a grid of 2,000 controls in 20 domains, every text in English and French, of the shape
//!   of the built-in grid (question, guidance, evidence, references, recommendation, three
//!   level descriptions) but about a third of its length per control, so that the pinned
//!   `grid.yaml` stays under the loader's 8 MiB limit;
//! - 2,000 assets imported from a CSV inventory (cameras, recorders, VMS servers, network);
//! - four closed rounds (`2024-S1` to `2025-S2`), each with its report (Markdown, radar,
//!   HTML) committed and tagged, and a fifth round in progress (`2026-S1`): every control
//!   answered in the first round, half of them re-verified in each later round (levels and
//!   observations drift), 300 in the current one; about a third of the answers carry
//!   evidence files;
//! - 300 findings with CVSS vectors (some with CVEs) and 300 actions, some resolved or done
//!   in later rounds;
//! - about 6,000 commits by three auditors.
//!
//! Everything derives from the seed: the same seed gives the same files, ids and commits
//! (timestamps come from a pinned clock, not the system's). Shared by `examples/synth.rs`
//! and the benchmarks (`benches/scale.rs`) through `#[path]`, so that it stays out of the
//! library's API.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use jiff::{SignedDuration, Timestamp};
use vmsaudit::assessment::{
    Action, ActionStatus, Amount, Auditor, Complexity, CveId, CvssVector, Finding, FindingStatus,
    Level, Owner, VectorSource,
};
use vmsaudit::engagement::{Engagement, InitOptions};
use vmsaudit::grid::Lang;
use vmsaudit::rules::{ActionPatch, AnswerChange, AssetChange, Change, FindingPatch};

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 2026;

/// The size of the engagement. [`Shape::LARGE`] is the issue's; smaller ones keep tests fast.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub domains: usize,
    pub controls_per_domain: usize,
    pub assets: usize,
    pub findings: usize,
    pub actions: usize,
    /// Closed rounds; one more is left in progress.
    pub closed_rounds: usize,
    /// Answers re-verified in each round after the first (the first answers every control).
    pub reverified_per_round: usize,
    /// Answers re-verified in the round in progress.
    pub reverified_current: usize,
}

impl Shape {
    pub const LARGE: Shape = Shape {
        domains: 20,
        controls_per_domain: 100,
        assets: 2_000,
        findings: 300,
        actions: 300,
        closed_rounds: 4,
        reverified_per_round: 1_000,
        reverified_current: 300,
    };

    pub fn controls(&self) -> usize {
        self.domains * self.controls_per_domain
    }
}

/// What was generated, and how long it took.
#[allow(dead_code)] // the example prints it; the benchmarks only need the engagement
#[derive(Debug, Clone)]
pub struct Summary {
    pub commits: usize,
    pub controls: usize,
    pub answers: usize,
    pub evidence_files: usize,
    pub assets: usize,
    pub findings: usize,
    pub actions: usize,
    pub rounds: Vec<String>,
    pub grid_bytes: usize,
    pub elapsed: Duration,
}

/// splitmix64: small, seeded, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5E_ED0F_5EED)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct indexes of `0..n`, in increasing order.
    pub fn sample(&mut self, n: usize, count: usize) -> Vec<usize> {
        let mut chosen = std::collections::BTreeSet::new();
        let count = count.min(n);
        while chosen.len() < count {
            chosen.insert(self.below(n));
        }
        chosen.into_iter().collect()
    }
}

// ---------------------------------------------------------------------------------------
// Vocabulary. English and French side by side: (en, fr).

type Pair = (&'static str, &'static str);

const DOMAINS: [(&str, Pair); 20] = [
    (
        "ACC",
        (
            "Access management and authentication",
            "Gestion des accès et authentification",
        ),
    ),
    ("UPD", ("Updates and firmware", "Mises à jour et firmwares")),
    ("NET", ("Network segmentation", "Segmentation réseau")),
    (
        "ENC",
        (
            "Encryption of communications and storage",
            "Chiffrement des communications et du stockage",
        ),
    ),
    (
        "LOG",
        ("Logging and detection", "Journalisation et détection"),
    ),
    ("REM", ("Remote access", "Accès distants")),
    (
        "PHY",
        (
            "Physical protection of equipment",
            "Protection physique des équipements",
        ),
    ),
    ("BAK", ("Backup and archiving", "Sauvegarde et archivage")),
    (
        "VMS",
        (
            "Hardening of the VMS servers",
            "Durcissement des serveurs VMS",
        ),
    ),
    (
        "CAM",
        ("Hardening of the cameras", "Durcissement des caméras"),
    ),
    (
        "REC",
        ("Recorders (NVR and DVR)", "Enregistreurs (NVR et DVR)"),
    ),
    (
        "WKS",
        (
            "Viewing and administration workstations",
            "Postes d'exploitation et d'administration",
        ),
    ),
    (
        "INT",
        (
            "Interconnections with other systems",
            "Interconnexions avec les autres systèmes",
        ),
    ),
    (
        "GOV",
        (
            "Governance and documentation",
            "Gouvernance et documentation",
        ),
    ),
    (
        "SUP",
        ("Suppliers and maintenance", "Fournisseurs et maintenance"),
    ),
    ("INC", ("Incident response", "Réponse aux incidents")),
    (
        "PRI",
        (
            "Privacy and retention of recordings",
            "Vie privée et conservation des enregistrements",
        ),
    ),
    (
        "MOB",
        ("Web and mobile viewing", "Consultation web et mobile"),
    ),
    (
        "MON",
        (
            "Monitoring and availability",
            "Supervision et disponibilité",
        ),
    ),
    ("CLD", ("Cloud services", "Services cloud")),
];

const ASPECTS: [Pair; 10] = [
    ("Inventory", "Inventaire"),
    ("Configuration baseline", "Configuration de référence"),
    ("Periodic review", "Revue périodique"),
    ("Change control", "Maîtrise des changements"),
    ("Monitoring", "Surveillance"),
    ("Hardening", "Durcissement"),
    ("Documentation", "Documentation"),
    ("Restriction of access", "Restriction des accès"),
    ("Testing", "Tests"),
    ("Ownership", "Responsabilité"),
];

const OBJECTS: [Pair; 25] = [
    ("administrator accounts", "comptes d'administration"),
    ("maintainer accounts", "comptes des mainteneurs"),
    ("service accounts", "comptes de service"),
    ("camera firmware", "firmwares des caméras"),
    ("recorder firmware", "firmwares des enregistreurs"),
    ("the VMS software", "logiciel VMS"),
    ("the video VLANs", "VLAN vidéo"),
    ("switch ports", "ports des commutateurs"),
    ("firewall rules", "règles du pare-feu"),
    ("RTSP streams", "flux RTSP"),
    ("ONVIF services", "services ONVIF"),
    ("web interfaces", "interfaces web"),
    ("TLS certificates", "certificats TLS"),
    ("event logs", "journaux d'événements"),
    ("time synchronisation", "synchronisation horaire"),
    ("the VPN gateway", "passerelle VPN"),
    ("remote support tools", "outils de télémaintenance"),
    ("equipment cabinets", "baies techniques"),
    ("recording storage", "stockage des enregistrements"),
    ("exports of footage", "exports d'images"),
    ("viewing workstations", "postes de visualisation"),
    ("the access-control link", "lien avec le contrôle d'accès"),
    ("the mobile application", "application mobile"),
    ("cloud connectors", "connecteurs cloud"),
    ("spare equipment", "matériel de rechange"),
];

const FREQUENCIES: [Pair; 4] = [
    ("every quarter", "chaque trimestre"),
    ("every year", "chaque année"),
    ("after every change", "après chaque changement"),
    ("every month", "chaque mois"),
];

const VENDORS: [&str; 6] = ["Hikvision", "Axis", "Dahua", "Hanwha", "Bosch", "Milestone"];

const COMMANDS: [&str; 6] = [
    "`nmap -sV -p 80,443,554,8000`",
    "`Get-LocalUser`",
    "`show running-config`",
    "`openssl s_client -connect`",
    "`net accounts`",
    "`ss -tlnp`",
];

// ---------------------------------------------------------------------------------------
// The grid.

/// The id of control `c` of domain `d`: `ACC-001`.
pub fn control_id(d: usize, c: usize) -> String {
    format!("{}-{:03}", DOMAINS[d % DOMAINS.len()].0, c + 1)
}

/// The grid's YAML: `shape.domains` domains of `shape.controls_per_domain` controls.
pub fn grid_yaml(shape: &Shape, rng: &mut Rng) -> String {
    let mut y = String::with_capacity(shape.controls() * 2_200);
    y.push_str("id: synthetic-large\nversion: 2.3.0\nlanguages: [en, fr]\n");
    y.push_str("title:\n  en: Extended audit grid of video-surveillance systems\n  fr: Grille d'audit étendue des systèmes de vidéoprotection\n");
    y.push_str("description:\n  en: A firm's extended grid for large sites, generated for benchmarks.\n  fr: Grille étendue d'un cabinet pour les grands sites, générée pour les mesures.\n");
    y.push_str("scale:\n");
    for (level, (en, fr)) in [
        ("Non-existent", "Inexistant"),
        ("Initial / ad hoc", "Initial / ad hoc"),
        ("Defined", "Défini"),
        ("Managed", "Maîtrisé"),
        ("Optimised", "Optimisé"),
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(y, "  - level: {level}\n    label: {{en: {en}, fr: {fr}}}");
    }
    y.push_str("domains:\n");
    for d in 0..shape.domains {
        let (id, (en, fr)) = DOMAINS[d % DOMAINS.len()];
        let _ = writeln!(
            y,
            "  - id: {id}\n    title:\n      en: {en}\n      fr: {fr}\n    description:\n      en: >-\n        Checks {} on the whole site: what exists, how it is configured, who reviews it.\n      fr: >-\n        Vérifie le domaine « {} » sur tout le site : ce qui existe, sa configuration, qui le revoit.\n    controls:",
            en.to_lowercase(),
            fr.to_lowercase()
        );
        for c in 0..shape.controls_per_domain {
            control_yaml(&mut y, d, c, rng);
        }
    }
    y
}

fn control_yaml(y: &mut String, d: usize, c: usize, rng: &mut Rng) {
    let aspect = ASPECTS[c % ASPECTS.len()];
    let object = OBJECTS[(d * 7 + c / ASPECTS.len()) % OBJECTS.len()];
    let frequency = *rng.pick(&FREQUENCIES);
    let component = *rng.pick(vmsaudit::grid::COMPONENTS);
    let other = *rng.pick(vmsaudit::grid::COMPONENTS);
    let vendor = *rng.pick(&VENDORS);
    let command = *rng.pick(&COMMANDS);
    let id = control_id(d, c);
    let _ = writeln!(y, "      - id: {id}");
    let _ = writeln!(
        y,
        "        title:\n          en: {} of {}\n          fr: {} — {}",
        aspect.0, object.0, aspect.1, object.1
    );
    block_pair(
        y,
        "question",
        &format!(
            "Is the {} of {} defined, applied on every {component} of the site and checked {}, with the result kept where the auditors can read it?",
            aspect.0.to_lowercase(),
            object.0,
            frequency.0
        ),
        &format!(
            "{} des {} : est-elle définie, appliquée sur chaque équipement {component} du site et vérifiée {}, avec un résultat conservé et consultable par les auditeurs ?",
            aspect.1, object.1, frequency.1
        ),
    );
    block_pair(
        y,
        "guidance",
        &format!(
            "- Obtain the written rule and the last record of its application; note who owns it.\n- On {vendor} equipment, compare the configuration pages of a sample of devices with the rule; {command} shows what answers on the network.\n- Sample: every server, every recorder, one camera per model and firmware branch."
        ),
        &format!(
            "- Obtenir la règle écrite et la dernière trace de son application ; noter qui en est responsable.\n- Sur les équipements {vendor}, comparer les pages de configuration d'un échantillon à la règle ; {command} montre ce qui répond sur le réseau.\n- Échantillon : chaque serveur, chaque enregistreur, une caméra par modèle et branche de firmware."
        ),
    );
    block_pair(
        y,
        "evidence",
        &format!(
            "Export of the configuration of {}; screenshot of the settings; output of {command}.",
            object.0
        ),
        &format!(
            "Export de la configuration ({}) ; capture des paramètres ; résultat de {command}.",
            object.1
        ),
    );
    let _ = writeln!(y, "        applies_to: [{component}, {other}]");
    let _ = writeln!(
        y,
        "        references:\n          - \"ANSSI — Recommandations de sécurité pour la vidéoprotection, R{}\"\n          - \"IEC 62443-3-3 SR {}.{}\"",
        1 + rng.below(40),
        1 + rng.below(7),
        1 + rng.below(13)
    );
    block_pair(
        y,
        "recommendation",
        &format!(
            "Write the rule for {}, apply it on every device that supports it and by procedure elsewhere, and check it {}.",
            object.0, frequency.0
        ),
        &format!(
            "Écrire la règle pour les {}, l'appliquer sur chaque équipement qui le permet et par procédure ailleurs, et la vérifier {}.",
            object.1, frequency.1
        ),
    );
    let _ = writeln!(
        y,
        "        levels:\n          0:\n            en: Nothing is defined for {o}; practice varies from one device to the next.\n            fr: Rien n'est défini pour les {of} ; la pratique varie d'un équipement à l'autre.\n          2:\n            en: A rule exists and is applied on most of the scope, with known gaps.\n            fr: Une règle existe et s'applique sur l'essentiel du périmètre, avec des écarts connus.\n          4:\n            en: Applied everywhere, checked automatically and improved after each review.\n            fr: Appliquée partout, vérifiée automatiquement et améliorée après chaque revue.",
        o = object.0,
        of = object.1
    );
    let _ = writeln!(y, "        weight: {}", 1 + usize::from(rng.chance(15)));
}

fn block_pair(y: &mut String, key: &str, en: &str, fr: &str) {
    let _ = writeln!(y, "        {key}:");
    for (lang, text) in [("en", en), ("fr", fr)] {
        let _ = writeln!(y, "          {lang}: |-");
        for line in text.lines() {
            let _ = writeln!(y, "            {line}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// The inventory.

struct AssetKindSpec {
    kind: &'static str,
    prefix: &'static str,
    /// Per mille of the inventory.
    share: usize,
    models: &'static [(&'static str, &'static str, &'static [&'static str])],
}

const ASSET_KINDS: [AssetKindSpec; 8] = [
    AssetKindSpec {
        kind: "camera",
        prefix: "CAM",
        share: 880,
        models: &[
            (
                "Hikvision",
                "DS-2CD2143G0-I",
                &[
                    "V5.5.0 build 170725",
                    "V5.5.800 build 210628",
                    "V5.7.3 build 220112",
                ],
            ),
            (
                "Hikvision",
                "DS-2CD2T46G1-4I",
                &["V5.6.5 build 190729", "V5.7.1 build 211025"],
            ),
            ("Axis", "P3245-LVE", &["10.12.114", "11.5.64", "9.80.3.8"]),
            ("Axis", "M3106-L Mk II", &["10.12.130", "11.11.73"]),
            (
                "Dahua",
                "IPC-HDW2431T-AS-S2",
                &["V2.800.0000000.16.R", "V2.820.0000000.3.R"],
            ),
            ("Hanwha", "XNV-6080", &["2.21.02", "2.10.05"]),
            ("Bosch", "FLEXIDOME IP 5000i", &["7.80.0128", "8.40.0021"]),
        ],
    },
    AssetKindSpec {
        kind: "nvr",
        prefix: "NVR",
        share: 30,
        models: &[
            (
                "Hikvision",
                "DS-7616NI-K2",
                &["V4.22.005 build 191218", "V4.61.025 build 230118"],
            ),
            (
                "Dahua",
                "NVR5216-16P-4KS2E",
                &["V4.001.0000000.1.R", "V4.002.0000001.0.R"],
            ),
        ],
    },
    AssetKindSpec {
        kind: "vms",
        prefix: "VMS",
        share: 3,
        models: &[
            ("Milestone", "XProtect Corporate", &["2022 R3", "2023 R2"]),
            ("Genetec", "Security Center", &["5.10.2", "5.11.1"]),
        ],
    },
    AssetKindSpec {
        kind: "switch",
        prefix: "SW",
        share: 25,
        models: &[("Cisco", "Catalyst 9200L", &["17.6.4", "17.9.3"])],
    },
    AssetKindSpec {
        kind: "firewall",
        prefix: "FW",
        share: 2,
        models: &[("Fortinet", "FortiGate 100F", &["7.0.12", "7.2.5"])],
    },
    AssetKindSpec {
        kind: "workstation",
        prefix: "WKS",
        share: 30,
        models: &[(
            "Dell",
            "OptiPlex 7010",
            &["Windows 10 22H2", "Windows 11 23H2"],
        )],
    },
    AssetKindSpec {
        kind: "storage",
        prefix: "STO",
        share: 10,
        models: &[("Synology", "RS3621xs+", &["DSM 7.1.1", "DSM 7.2"])],
    },
    AssetKindSpec {
        kind: "other",
        prefix: "IO",
        share: 20,
        models: &[("Axis", "A9188 I/O", &["1.65.2"])],
    },
];

const LOCATIONS: [&str; 12] = [
    "Quai 1",
    "Quai 2",
    "Quai 3",
    "Parking nord",
    "Parking sud",
    "Entrée principale",
    "Hall A",
    "Hall B",
    "Local technique 1",
    "Local technique 2",
    "Clôture est",
    "Clôture ouest",
];

/// The inventory as the client's CSV export, and the ids by kind.
fn inventory_csv(count: usize, rng: &mut Rng) -> (String, Vec<(&'static str, String)>) {
    let mut csv = String::from("id,kind,vendor,model,firmware,address,location,notes\n");
    let mut ids = Vec::with_capacity(count);
    let total_share: usize = ASSET_KINDS.iter().map(|spec| spec.share).sum();
    let mut made = 0;
    for (k, spec) in ASSET_KINDS.iter().enumerate() {
        let n = if k + 1 == ASSET_KINDS.len() {
            count.saturating_sub(made)
        } else {
            (count * spec.share / total_share).max(1)
        };
        for i in 0..n {
            let id = format!("{}-{:04}", spec.prefix, i + 1);
            let (vendor, model, firmwares) = rng.pick(spec.models);
            let firmware = rng.pick(firmwares);
            let address = format!("10.{}.{}.{}", 20 + k, (i / 250) % 256, 1 + i % 250);
            let location = rng.pick(&LOCATIONS);
            let notes = if rng.chance(10) {
                "installed by the integrator before the audit"
            } else {
                ""
            };
            let _ = writeln!(
                csv,
                "{id},{},{vendor},{model},{firmware},{address},{location},{notes}",
                spec.kind
            );
            ids.push((spec.kind, id));
        }
        made += n;
    }
    (csv, ids)
}

// ---------------------------------------------------------------------------------------
// Answers, findings and actions.

const OBSERVATIONS: [Pair; 8] = [
    (
        "Checked on {a} and {b}: the setting matches the rule; the rule itself is not written down.",
        "Vérifié sur {a} et {b} : le réglage est conforme à la règle ; la règle elle-même n'est pas écrite.",
    ),
    (
        "{a} still answers with the factory configuration; {b} was hardened by the integrator in the last campaign.",
        "{a} répond encore avec la configuration d'usine ; {b} a été durci par l'intégrateur lors de la dernière campagne.",
    ),
    (
        "The procedure exists (v{n}, signed by the site manager) and the last review is dated; sample of {a}, {b} conform.",
        "La procédure existe (v{n}, signée par le responsable du site) et la dernière revue est datée ; échantillon {a}, {b} conforme.",
    ),
    (
        "No record of the last check. {a} shows a configuration change nobody could explain; {b} is as documented.",
        "Aucune trace du dernier contrôle. {a} présente une modification de configuration que personne n'explique ; {b} est conforme à la documentation.",
    ),
    (
        "Automated check in the supervision tool, alerts reviewed weekly; {a} and {b} seen in the dashboard.",
        "Contrôle automatisé dans l'outil de supervision, alertes revues chaque semaine ; {a} et {b} visibles dans le tableau de bord.",
    ),
    (
        "Partly applied: {n} devices out of 40 sampled deviate, among them {a}; {b} conforms.",
        "Appliqué en partie : {n} équipements sur 40 échantillonnés s'écartent, dont {a} ; {b} est conforme.",
    ),
    (
        "The integrator's hand-over file describes the rule; on site, {a} and {b} follow it, older devices do not.",
        "Le dossier de réception de l'intégrateur décrit la règle ; sur site, {a} et {b} la suivent, les équipements plus anciens non.",
    ),
    (
        "Interview with the security manager and test on {a}: refused as expected. {b} was not reachable during the audit.",
        "Entretien avec le responsable sûreté et test sur {a} : refus attendu. {b} n'était pas joignable pendant l'audit.",
    ),
];

const FINDING_TITLES: [Pair; 10] = [
    (
        "Unauthenticated command injection on {vendor} devices",
        "Injection de commande sans authentification sur les équipements {vendor}",
    ),
    (
        "Default administrator account still active on {vendor} devices",
        "Compte administrateur par défaut encore actif sur les équipements {vendor}",
    ),
    (
        "Telnet enabled on {vendor} recorders",
        "Telnet activé sur les enregistreurs {vendor}",
    ),
    (
        "Video streams sent in clear (RTSP without authentication)",
        "Flux vidéo transmis en clair (RTSP sans authentification)",
    ),
    (
        "Outdated firmware with published vulnerabilities on {vendor} cameras",
        "Firmware obsolète présentant des vulnérabilités publiées sur les caméras {vendor}",
    ),
    (
        "Video VLAN reachable from the office network",
        "VLAN vidéo joignable depuis le réseau bureautique",
    ),
    (
        "Self-signed certificates accepted by the viewing clients",
        "Certificats auto-signés acceptés par les clients de visualisation",
    ),
    (
        "Event logs kept on the devices only",
        "Journaux d'événements conservés sur les seuls équipements",
    ),
    (
        "Shared maintainer account without second factor",
        "Compte mainteneur partagé sans second facteur",
    ),
    (
        "Exports of footage not traced",
        "Exports d'images non tracés",
    ),
];

const VECTORS: [&str; 8] = [
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:A/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:N/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
];

const CVES: [&str; 8] = [
    "CVE-2021-36260",
    "CVE-2017-7921",
    "CVE-2021-33044",
    "CVE-2021-33045",
    "CVE-2018-10660",
    "CVE-2023-28808",
    "CVE-2022-30563",
    "CVE-2020-25078",
];

const ACTION_TITLES: [Pair; 8] = [
    (
        "Install the fixed firmware on the affected devices",
        "Installer le firmware corrigé sur les équipements concernés",
    ),
    (
        "Disable the default accounts and give each maintainer a named account",
        "Désactiver les comptes par défaut et donner un compte nominatif à chaque mainteneur",
    ),
    (
        "Filter the video VLAN at the core firewall",
        "Filtrer le VLAN vidéo au pare-feu de cœur",
    ),
    (
        "Turn off Telnet and unused services",
        "Désactiver Telnet et les services inutiles",
    ),
    (
        "Deploy certificates from the internal authority",
        "Déployer des certificats de l'autorité interne",
    ),
    (
        "Send the devices' logs to the central log server",
        "Envoyer les journaux des équipements au serveur central",
    ),
    (
        "Require a second factor for remote maintenance",
        "Exiger un second facteur pour la télémaintenance",
    ),
    (
        "Trace every export of footage in the VMS",
        "Tracer chaque export d'images dans le VMS",
    ),
];

const AUDITORS: [&str; 3] = [
    "Alex Morgan <alex.morgan@example.com>",
    "Camille Durand <camille.durand@example.com>",
    "Sam Okafor <sam.okafor@example.com>",
];

/// The pinned clock: the first round starts on this instant; each commit is a few minutes
/// after the previous one, each round six months after the previous one.
const START: &str = "2024-01-08T08:00:00Z";
const ROUND_LABELS: [&str; 8] = [
    "2024-S1", "2024-S2", "2025-S1", "2025-S2", "2026-S1", "2026-S2", "2027-S1", "2027-S2",
];

struct Clock(Timestamp);

impl Clock {
    fn tick(&mut self, rng: &mut Rng) -> Timestamp {
        let minutes = 2 + rng.below(6) as i64;
        self.0 = self
            .0
            .checked_add(SignedDuration::from_mins(minutes))
            .unwrap_or(self.0);
        self.0
    }
}

fn fill(template: &str, a: &str, b: &str, n: usize) -> String {
    template
        .replace("{a}", a)
        .replace("{b}", b)
        .replace("{n}", &n.to_string())
}

/// Builds the large engagement in `dir` (absent or empty) from `seed`.
pub fn generate(dir: &Path, seed: u64, shape: &Shape) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let mut rng = Rng::new(seed);
    let scratch = tempfile::tempdir().context("scratch folder")?;
    let grid_text = grid_yaml(shape, &mut rng);
    let grid_path = scratch.path().join("grid.yaml");
    std::fs::write(&grid_path, &grid_text)?;

    let auditors: Vec<Auditor> = AUDITORS
        .iter()
        .map(|text| text.parse().map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<_>>()?;
    let options = InitOptions {
        client: "Port Logistique Atlantique".into(),
        site: Some("Terminal multimodal, 2,000 devices".into()),
        contract: Some("AUD-2024-017".into()),
        firm: Some("Example Audit Firm".into()),
        auditors: auditors.clone(),
        language: Some(Lang::En),
        grid: Some(grid_path),
    };
    let mut clock = Clock(START.parse()?);
    let mut engagement = Engagement::init(dir, options, clock.0)?;
    // One writer for the whole generation, as the checklist holds it for a session.
    engagement.lock_session()?;
    engagement.seed_ids(seed);
    let mut commits = 1;

    let (csv, asset_ids) = inventory_csv(shape.assets, &mut rng);
    let import = AssetChange::Import {
        file: "inventory.csv".to_owned(),
        text: csv,
    };
    let imported = engagement.change(Change::Asset(import), &auditors[0], clock.tick(&mut rng))?;
    commits += usize::from(imported.commit.is_some());

    let controls: Vec<(usize, String)> = (0..shape.domains)
        .flat_map(|d| (0..shape.controls_per_domain).map(move |c| (d, control_id(d, c))))
        .collect();
    // Each control's maturity, drifting from round to round.
    let mut levels: Vec<Level> = controls
        .iter()
        .map(|_| {
            if rng.chance(3) {
                Level::NotApplicable
            } else {
                Level::Score(rng.below(4) as u8)
            }
        })
        .collect();
    let mut evidence_files = 0;
    let mut finding_ids: Vec<String> = Vec::new();
    let mut action_ids: Vec<String> = Vec::new();
    let mut rounds = Vec::new();
    let findings_per_round = shape.findings.div_ceil(shape.closed_rounds.max(1));
    let actions_per_round = shape.actions.div_ceil(shape.closed_rounds.max(1));

    for round in 0..=shape.closed_rounds {
        let label = ROUND_LABELS[round % ROUND_LABELS.len()];
        if round > 0 {
            clock.0 = START
                .parse::<Timestamp>()?
                .checked_add(SignedDuration::from_hours(24 * 182 * round as i64))?;
            engagement.start_round(label, &auditors[0], clock.tick(&mut rng))?;
            commits += 1;
        }
        // Answers: every control in the first round, a sample afterwards.
        let chosen: Vec<usize> = match round {
            0 => (0..controls.len()).collect(),
            r if r == shape.closed_rounds => rng.sample(controls.len(), shape.reverified_current),
            _ => rng.sample(controls.len(), shape.reverified_per_round),
        };
        for index in chosen {
            let (_, control) = &controls[index];
            if round > 0 && rng.chance(40) {
                levels[index] = match levels[index] {
                    Level::Score(level) if rng.chance(80) => Level::Score((level + 1).min(4)),
                    Level::Score(level) => Level::Score(level.saturating_sub(1)),
                    Level::NotApplicable => Level::Score(1),
                };
            }
            let (_, a) = rng.pick(&asset_ids);
            let (_, b) = rng.pick(&asset_ids);
            let (en, _) = rng.pick(&OBSERVATIONS);
            let mut observations = fill(en, a, b, 2 + rng.below(9));
            if round > 0 {
                observations = format!(
                    "{label}: {observations}\n\nPrevious round: see the answer's history (`vmsaudit log {control}`)."
                );
            }
            let mut evidence = Vec::new();
            let with_evidence = if round == 0 {
                index % 3 == 0
            } else {
                rng.chance(10)
            };
            if with_evidence {
                let name = format!("{}-{label}-config-{a}.txt", control.to_lowercase());
                let path = scratch.path().join(&name);
                let mut text = format!("# configuration export of {a}, {label}\n");
                for line in 0..(20 + rng.below(40)) {
                    let _ = writeln!(text, "param.{line:03} = {}", rng.next_u64() % 100_000);
                }
                std::fs::write(&path, text)?;
                evidence.push((path, Some(format!("configuration export of {a}"))));
                evidence_files += 1;
            }
            let who = rng.pick(&auditors);
            let saved = engagement.change(
                Change::Answer(AnswerChange {
                    control: control.clone(),
                    level: Some(levels[index]),
                    observations: Some(observations),
                    evidence,
                    drop_evidence: Vec::new(),
                }),
                who,
                clock.tick(&mut rng),
            )?;
            commits += usize::from(saved.commit.is_some());
        }
        if round == shape.closed_rounds {
            break;
        }

        // Findings and actions of the round; some earlier ones resolved or done.
        for _ in 0..findings_per_round {
            if finding_ids.len() >= shape.findings {
                break;
            }
            let who = rng.pick(&auditors).clone();
            let finding = make_finding(&mut rng, shape, &asset_ids, &who, clock.0)?;
            let change = Change::NewFinding(FindingPatch::from_finding(&finding));
            let saved = engagement.change(change, &who, clock.tick(&mut rng))?;
            commits += usize::from(saved.commit.is_some());
            finding_ids.extend(saved.created);
        }
        for _ in 0..actions_per_round {
            if action_ids.len() >= shape.actions {
                break;
            }
            let who = rng.pick(&auditors).clone();
            let count = 1 + rng.below(2);
            let addresses: Vec<String> = rng
                .sample(finding_ids.len(), count)
                .into_iter()
                .map(|i| finding_ids[i].clone())
                .collect();
            let action = make_action(&mut rng, addresses, &who, clock.0);
            let change = Change::NewAction(ActionPatch::from_action(&action));
            let saved = engagement.change(change, &who, clock.tick(&mut rng))?;
            commits += usize::from(saved.commit.is_some());
            action_ids.extend(saved.created);
        }
        if round > 0 {
            for i in rng.sample(finding_ids.len(), finding_ids.len() / 8) {
                let Some(finding) = engagement.state().finding(&finding_ids[i]) else {
                    continue;
                };
                if finding.status != FindingStatus::Open {
                    continue;
                }
                let (status, reason) = if rng.chance(85) {
                    (
                        FindingStatus::Resolved,
                        format!("fixed and checked on site in {label}"),
                    )
                } else {
                    (
                        FindingStatus::Accepted,
                        "accepted by the site manager until the equipment is replaced".into(),
                    )
                };
                let patch = FindingPatch {
                    status: Some(status),
                    status_reason: Some(Some(reason)),
                    ..FindingPatch::default()
                };
                let change = Change::EditFinding(finding_ids[i].clone(), patch);
                let who = rng.pick(&auditors).clone();
                let saved = engagement.change(change, &who, clock.tick(&mut rng))?;
                commits += usize::from(saved.commit.is_some());
            }
            for i in rng.sample(action_ids.len(), action_ids.len() / 8) {
                let Some(action) = engagement.state().action(&action_ids[i]) else {
                    continue;
                };
                if !action.status.is_pending() {
                    continue;
                }
                let status = if rng.chance(70) {
                    ActionStatus::Done
                } else {
                    ActionStatus::InProgress
                };
                let patch = ActionPatch {
                    status: Some(status),
                    ..ActionPatch::default()
                };
                let change = Change::EditAction(action_ids[i].clone(), patch);
                let who = rng.pick(&auditors).clone();
                let saved = engagement.change(change, &who, clock.tick(&mut rng))?;
                commits += usize::from(saved.commit.is_some());
            }
        }

        let closer = auditors[round % auditors.len()].clone();
        let now = clock.tick(&mut rng);
        engagement.close_round_with_report(label, &closer, now)?;
        commits += 1;
        rounds.push(label.to_owned());
    }

    Ok(Summary {
        commits,
        controls: controls.len(),
        answers: engagement.state().answers.len(),
        evidence_files,
        assets: engagement.state().assets.len(),
        findings: engagement.state().findings.len(),
        actions: engagement.state().actions.len(),
        rounds,
        grid_bytes: grid_text.len(),
        elapsed: started.elapsed(),
    })
}

fn make_finding(
    rng: &mut Rng,
    shape: &Shape,
    assets: &[(&'static str, String)],
    who: &Auditor,
    now: Timestamp,
) -> anyhow::Result<Finding> {
    let d = rng.below(shape.domains);
    let domain = DOMAINS[d % DOMAINS.len()].0.to_owned();
    let count = 1 + rng.below(2);
    let controls: Vec<String> = rng
        .sample(shape.controls_per_domain, count)
        .into_iter()
        .map(|c| control_id(d, c))
        .collect();
    let vendor = *rng.pick(&VENDORS);
    let (title, _) = rng.pick(&FINDING_TITLES);
    let count = 1 + rng.below(6);
    let affected: Vec<String> = rng
        .sample(assets.len(), count)
        .into_iter()
        .map(|i| assets[i].1.clone())
        .collect();
    let cves: Vec<CveId> = if rng.chance(35) {
        vec![
            rng.pick(&CVES)
                .parse::<CveId>()
                .map_err(anyhow::Error::msg)?,
        ]
    } else {
        Vec::new()
    };
    let vector: CvssVector = rng
        .pick(&VECTORS)
        .parse()
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;
    let source = if cves.is_empty() {
        VectorSource::Auditor
    } else {
        VectorSource::Nvd
    };
    Ok(Finding {
        id: String::new(),
        title: title.replace("{vendor}", vendor),
        domain,
        controls,
        description: format!(
            "Seen on {} ({} devices in the sample). The flaw lets an attacker on the video network read or change what the devices record; no exploit was run, the version and the configuration page were checked.\n\nThe integrator was told on site.",
            affected.join(", "),
            affected.len()
        ),
        cves,
        cvss: Some(vector),
        cvss_source: Some(source),
        remote_takeover: rng.chance(10),
        severity: None,
        severity_justification: None,
        assets: affected,
        evidence: Vec::new(),
        recommendation: format!(
            "Fix it on every {vendor} device of the site, not only on the sample, then check the version or the setting on each one and keep the list."
        ),
        status: FindingStatus::Open,
        status_reason: None,
        created_by: who.clone(),
        created_at: now,
    })
}

fn make_action(rng: &mut Rng, addresses: Vec<String>, who: &Auditor, now: Timestamp) -> Action {
    let (title, _) = rng.pick(&ACTION_TITLES);
    let amount = 500 + 250 * rng.below(80) as u64;
    let today = now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    Action {
        id: String::new(),
        title: (*title).to_owned(),
        description: "Plan the work with the integrator, do it outside operating hours, and send the list of devices done with their new version or setting.".to_owned(),
        addresses,
        complexity: *rng.pick(&[Complexity::Low, Complexity::Moderate, Complexity::High]),
        cost: format!("{} days of integrator time", 1 + rng.below(10)),
        cost_amount: Some(Amount::from_hundredths(amount * 100)),
        currency: Some("EUR".to_owned()),
        owner: *rng.pick(&[Owner::Client, Owner::Firm, Owner::Manufacturer]),
        deadline: today
            .checked_add(jiff::Span::new().days(30 * (1 + rng.below(6) as i64)))
            .ok(),
        status: ActionStatus::Open,
        status_reason: None,
        created_by: who.clone(),
        created_at: now,
    }
}

/// Where the benchmarks keep a generated engagement between runs: generating it takes
/// minutes, reading it milliseconds. `VMSAUDIT_BENCH_DIR` overrides the place; by default
/// it sits in the cargo target folder. A folder is reused only when the generator that made
/// it had the same seed, shape and version (`.synth` holds them).
#[allow(dead_code)] // the benchmarks' (the example always generates)
pub fn cached(seed: u64, shape: &Shape) -> anyhow::Result<PathBuf> {
    let base = match std::env::var_os("VMSAUDIT_BENCH_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => target_dir().join("vmsaudit-bench"),
    };
    let stamp = format!("synth v1 seed {seed} {shape:?}\n");
    let dir = base.join(format!("large-{seed}"));
    let marker = base.join(format!("large-{seed}.synth"));
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(stamp.as_str()) && dir.is_dir() {
        return Ok(dir);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&base)?;
    eprintln!(
        "generating the large engagement in {} (a few minutes, once)...",
        dir.display()
    );
    let summary = generate(&dir, seed, shape)?;
    eprintln!(
        "generated {} commits in {:.0} s",
        summary.commits,
        summary.elapsed.as_secs_f64()
    );
    std::fs::write(&marker, stamp)?;
    Ok(dir)
}

/// The cargo target folder this binary was built into.
#[allow(dead_code)]
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    // target/release/deps/<bench> or target/release/examples/<example>
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("target"))
}
