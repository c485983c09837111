//! Every short label of the report, one table per language, and the words for the model's
//! values (severity, complexity, owner, status, component and asset kinds, months).
//!
//! Templates reach the table as `labels.*`; the sentences of each section live in the
//! language's own template (`templates/report.<lang>.md.tera`).

use jiff::civil::Date;
use serde::Serialize;

use crate::assessment::{
    ActionStatus, Amount, AssetKind, Complexity, FindingStatus, Owner, Severity, VectorSource,
};
use crate::grid::Lang;

#[derive(Debug, Serialize)]
pub struct Labels {
    pub report_title: &'static str,
    pub client: &'static str,
    pub site: &'static str,
    pub contract: &'static str,
    pub firm: &'static str,
    pub auditors: &'static str,
    pub opened: &'static str,
    pub generated: &'static str,
    pub round: &'static str,
    pub draft: &'static str,
    pub grid: &'static str,
    pub none: &'static str,
    pub included: &'static str,
    pub excluded: &'static str,
    pub limits: &'static str,
    pub level: &'static str,
    pub label: &'static str,
    pub description: &'static str,
    pub domain: &'static str,
    pub score: &'static str,
    pub out_of: &'static str,
    pub previous: &'static str,
    pub change: &'static str,
    pub assessed: &'static str,
    pub of_which: &'static str,
    pub unplanned_warning: &'static str,
    pub overall: &'static str,
    pub no_score: &'static str,
    /// Beside the previous round's score when there is none now.
    pub no_score_now: &'static str,
    /// Beside the previous round's score when its grid had another scale.
    pub other_scale: &'static str,
    pub score_set: &'static str,
    pub computed: &'static str,
    pub capped: &'static str,
    pub capped_at: &'static str,
    pub capped_by: &'static str,
    pub weighted_mean: &'static str,
    pub radar_alt: &'static str,
    pub severity: &'static str,
    pub findings: &'static str,
    pub of_which_open: &'static str,
    pub critical_findings: &'static str,
    pub critical_open: &'static str,
    pub finding: &'static str,
    pub controls: &'static str,
    pub control: &'static str,
    pub assets: &'static str,
    pub status: &'static str,
    pub remote_takeover: &'static str,
    pub critical: &'static str,
    pub cvss: &'static str,
    pub cves: &'static str,
    pub vector: &'static str,
    pub version: &'static str,
    pub base_score: &'static str,
    pub source: &'static str,
    pub severity_justification: &'static str,
    pub evidence: &'static str,
    pub recommendation: &'static str,
    pub vulnerabilities: &'static str,
    pub observations_by_control: &'static str,
    pub observations: &'static str,
    pub no_observations: &'static str,
    pub not_assessed: &'static str,
    pub not_applicable: &'static str,
    pub justification: &'static str,
    pub first_recommendations: &'static str,
    pub no_findings: &'static str,
    pub other_findings: &'static str,
    pub action: &'static str,
    pub risk_addressed: &'static str,
    pub complexity: &'static str,
    pub cost: &'static str,
    pub owner: &'static str,
    pub deadline: &'static str,
    pub overdue: &'static str,
    pub immediate: &'static str,
    pub unscheduled: &'static str,
    pub currency: &'static str,
    pub total: &'static str,
    pub actions: &'static str,
    pub path: &'static str,
    pub sha256: &'static str,
    pub note: &'static str,
    pub refers_to: &'static str,
    /// An evidence file not on disk as attached, marked beside its SHA-256 in the annex.
    pub evidence_missing: &'static str,
    pub evidence_changed: &'static str,
    pub evidence_not_a_file: &'static str,
    pub evidence_unreadable: &'static str,
    /// Under the evidence index when a file is marked.
    pub evidence_faults_note: &'static str,
    pub id: &'static str,
    pub kind: &'static str,
    pub vendor: &'static str,
    pub model: &'static str,
    pub firmware: &'static str,
    pub address: &'static str,
    pub location: &'static str,
    pub title: &'static str,
    pub legend_current: &'static str,
    /// What follows a label before its value: `:` in English, ` :` (no-break space) in French.
    pub colon: &'static str,
    pub totals: &'static str,
    pub annexes: &'static str,
    pub evidence_index: &'static str,
    pub asset_inventory: &'static str,
    pub kev: &'static str,
    pub known_cves: &'static str,
    pub to_confirm: &'static str,
    pub cve_pack_note: &'static str,
    pub controls_not_assessed: &'static str,
    pub controls_not_applicable: &'static str,
    /// The progress section (a previous round exists).
    pub before: &'static str,
    pub after: &'static str,
    pub controls_changed: &'static str,
    pub to_reverify: &'static str,
    /// `{}` are the grid, the previous round's version and this one's.
    pub grid_moved: &'static str,
    pub not_comparable: &'static str,
    pub grid_changed: &'static str,
    pub findings_opened: &'static str,
    pub findings_resolved: &'static str,
    pub findings_accepted: &'static str,
    pub findings_still_open: &'static str,
    pub findings_removed: &'static str,
    pub actions_done: &'static str,
    pub actions_dropped: &'static str,
    pub actions_still_open: &'static str,
    pub actions_new: &'static str,
    pub actions_removed: &'static str,
    pub no_change: &'static str,
    /// The exported spreadsheets (`vmsaudit export`).
    pub action_plan: &'static str,
    pub criticality: &'static str,
    pub amount: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

const EN: Labels = Labels {
    report_title: "Cybersecurity audit report of the video-surveillance system",
    client: "Client",
    site: "Site",
    contract: "Contract reference",
    firm: "Auditing firm",
    auditors: "Auditors",
    opened: "Engagement opened",
    generated: "Report date",
    round: "Audit round",
    draft: "draft",
    grid: "Control grid",
    none: "None.",
    included: "Components included",
    excluded: "Excluded from the scope",
    limits: "Contractual limits",
    level: "Level",
    label: "Label",
    description: "Description",
    domain: "Domain",
    score: "Score",
    out_of: "out of",
    previous: "Previous round",
    change: "Change",
    assessed: "Controls answered",
    of_which: "of which",
    unplanned_warning: "Warning: these critical findings have no action in the plan yet, although their treatment must be immediate:",
    overall: "Overall",
    no_score: "not scored",
    no_score_now: "no score in this round",
    other_scale: "not comparable: another scale",
    score_set: "Score set by the auditors",
    computed: "computed score",
    capped: "capped",
    capped_at: "Score capped at",
    capped_by: "by a critical control at level 0",
    weighted_mean: "weighted mean",
    radar_alt: "Maturity radar by domain",
    severity: "Severity",
    findings: "Findings",
    of_which_open: "of which open",
    critical_findings: "Critical findings (CVSS above 7 or remote takeover)",
    critical_open: "Open critical findings (CVSS above 7 or remote takeover)",
    finding: "Finding",
    controls: "Controls",
    control: "Control",
    assets: "Assets",
    status: "Status",
    remote_takeover: "allows remote takeover",
    critical: "immediate treatment",
    cvss: "CVSS",
    cves: "CVE",
    vector: "CVSS vector",
    version: "Version",
    base_score: "Base score",
    source: "Source",
    severity_justification: "Severity justification",
    evidence: "Evidence",
    recommendation: "Recommendation",
    vulnerabilities: "Vulnerabilities",
    observations_by_control: "Observations by control",
    observations: "Observations",
    no_observations: "No observations recorded.",
    not_assessed: "not assessed",
    not_applicable: "not applicable",
    justification: "Justification",
    first_recommendations: "First recommendations",
    no_findings: "No finding in this domain.",
    other_findings: "Findings outside the grid's domains",
    action: "Action",
    risk_addressed: "Risk addressed",
    complexity: "Complexity",
    cost: "Estimated cost",
    owner: "Owner",
    deadline: "Deadline",
    overdue: "overdue",
    immediate: "immediate",
    unscheduled: "to be scheduled",
    currency: "Currency",
    total: "Total",
    actions: "Actions",
    path: "File",
    sha256: "SHA-256",
    note: "Note",
    refers_to: "Supports",
    evidence_missing: "file missing",
    evidence_changed: "content changed",
    evidence_not_a_file: "not a regular file",
    evidence_unreadable: "file unreadable",
    evidence_faults_note: "A marked file is no longer as it was attached: missing or changed since. Its SHA-256 is the one recorded when it was attached, and the file does not have it.",
    id: "Id",
    kind: "Kind",
    vendor: "Vendor",
    model: "Model",
    firmware: "Firmware",
    address: "Address",
    location: "Location",
    title: "Title",
    legend_current: "This audit",
    colon: ":",
    totals: "Estimated cost by owner",
    annexes: "Annexes",
    evidence_index: "A. Evidence index",
    asset_inventory: "B. Asset inventory",
    kev: "Exploited (CISA KEV)",
    known_cves: "Known CVEs",
    to_confirm: "to confirm",
    cve_pack_note: "Known CVEs come from the CVE pack shipped with the tool, matched on vendor, model and firmware; \"to confirm\" marks a model in an affected range whose firmware could not be compared. Pack",
    controls_not_assessed: "C. Control points not assessed",
    controls_not_applicable: "D. Control points not applicable",
    before: "Before",
    after: "After",
    controls_changed: "Control points whose level changed",
    to_reverify: "Control points carried over from the previous audit and not verified again",
    grid_moved: "The grid {} was version {} at the previous audit and is version {} now: levels are compared through the new version's mapping of the old one's control points.",
    not_comparable: "Control points whose levels do not compare across the two versions",
    grid_changed: "Control points that changed in the grid since their answer, to re-verify",
    findings_opened: "New or reopened findings",
    findings_resolved: "Findings resolved",
    findings_accepted: "Risks accepted",
    findings_still_open: "Findings still open",
    findings_removed: "Findings withdrawn",
    actions_done: "Actions carried out",
    actions_dropped: "Actions dropped",
    actions_still_open: "Actions still pending",
    actions_new: "New actions",
    actions_removed: "Actions withdrawn from the plan",
    no_change: "No change since the previous audit.",
    action_plan: "Action plan",
    criticality: "Criticality",
    amount: "Amount",
    yes: "yes",
    no: "no",
};

const FR: Labels = Labels {
    report_title: "Rapport d'audit de cybersécurité du système de vidéoprotection",
    client: "Client",
    site: "Site",
    contract: "Référence du contrat",
    firm: "Cabinet d'audit",
    auditors: "Auditeurs",
    opened: "Ouverture de la mission",
    generated: "Date du rapport",
    round: "Campagne d'audit",
    draft: "brouillon",
    grid: "Grille de contrôle",
    none: "Néant.",
    included: "Composants inclus",
    excluded: "Exclus du périmètre",
    limits: "Limites contractuelles",
    level: "Niveau",
    label: "Libellé",
    description: "Description",
    domain: "Domaine",
    score: "Score",
    out_of: "sur",
    previous: "Campagne précédente",
    change: "Évolution",
    assessed: "Points renseignés",
    of_which: "dont",
    unplanned_warning: "Attention\u{a0}: ces vulnérabilités critiques n'ont encore aucune action au plan, alors que leur traitement doit être immédiat\u{a0}:",
    overall: "Global",
    no_score: "non évalué",
    no_score_now: "aucun score dans cette campagne",
    other_scale: "non comparable\u{a0}: autre échelle",
    score_set: "Score fixé par les auditeurs",
    computed: "score calculé",
    capped: "plafonné",
    capped_at: "Score plafonné à",
    capped_by: "par un point de contrôle critique au niveau 0",
    weighted_mean: "moyenne pondérée",
    radar_alt: "Radar de maturité par domaine",
    severity: "Criticité",
    findings: "Vulnérabilités et écarts",
    of_which_open: "dont ouverts",
    critical_findings: "Vulnérabilités et écarts critiques (CVSS supérieur à 7 ou prise de contrôle à distance)",
    critical_open: "Vulnérabilités et écarts critiques ouverts (CVSS supérieur à 7 ou prise de contrôle à distance)",
    finding: "Vulnérabilité ou écart",
    controls: "Points de contrôle",
    control: "Point de contrôle",
    assets: "Équipements",
    status: "Statut",
    remote_takeover: "permet une prise de contrôle à distance",
    critical: "traitement immédiat",
    cvss: "CVSS",
    cves: "CVE",
    vector: "Vecteur CVSS",
    version: "Version",
    base_score: "Score de base",
    source: "Source",
    severity_justification: "Justification de la criticité",
    evidence: "Preuves",
    recommendation: "Recommandation",
    vulnerabilities: "Vulnérabilités",
    observations_by_control: "Observations par point de contrôle",
    observations: "Observations",
    no_observations: "Aucune observation consignée.",
    not_assessed: "non évalué",
    not_applicable: "non applicable",
    justification: "Justification",
    first_recommendations: "Premières recommandations",
    no_findings: "Aucune vulnérabilité ni aucun écart dans ce domaine.",
    other_findings: "Vulnérabilités et écarts hors des domaines de la grille",
    action: "Action",
    risk_addressed: "Risque traité",
    complexity: "Complexité",
    cost: "Coût estimatif",
    owner: "Responsable",
    deadline: "Échéance",
    overdue: "en retard",
    immediate: "immédiate",
    unscheduled: "à planifier",
    currency: "Devise",
    total: "Total",
    actions: "Actions",
    path: "Fichier",
    sha256: "SHA-256",
    note: "Note",
    refers_to: "Étaye",
    evidence_missing: "fichier absent",
    evidence_changed: "empreinte différente",
    evidence_not_a_file: "pas un fichier ordinaire",
    evidence_unreadable: "fichier illisible",
    evidence_faults_note: "Un fichier signalé n'est plus tel qu'il a été joint\u{a0}: absent ou modifié depuis. Son SHA-256 est celui enregistré lorsqu'il a été joint, et le fichier ne l'a pas.",
    id: "Identifiant",
    kind: "Type",
    vendor: "Fabricant",
    model: "Modèle",
    firmware: "Firmware",
    address: "Adresse",
    location: "Emplacement",
    title: "Intitulé",
    legend_current: "Cet audit",
    colon: "\u{a0}:",
    totals: "Coût estimatif par responsable",
    annexes: "Annexes",
    evidence_index: "A. Index des preuves",
    asset_inventory: "B. Inventaire des équipements",
    kev: "Exploitée (CISA KEV)",
    known_cves: "CVE connues",
    to_confirm: "à confirmer",
    cve_pack_note: "Les CVE connues proviennent du catalogue de CVE fourni avec l'outil, rapproché du constructeur, du modèle et du firmware\u{a0}; «\u{a0}à confirmer\u{a0}» signale un modèle concerné dont le firmware n'a pas pu être comparé. Catalogue",
    controls_not_assessed: "C. Points de contrôle non évalués",
    controls_not_applicable: "D. Points de contrôle non applicables",
    before: "Avant",
    after: "Après",
    controls_changed: "Points de contrôle dont le niveau a changé",
    to_reverify: "Points de contrôle repris de l'audit précédent sans nouvelle vérification",
    grid_moved: "La grille {} était en version {} lors de l'audit précédent et en version {} désormais\u{a0}: les niveaux sont comparés selon la correspondance que la nouvelle version établit avec les points de contrôle de l'ancienne.",
    not_comparable: "Points de contrôle dont les niveaux ne se comparent pas d'une version à l'autre",
    grid_changed: "Points de contrôle modifiés dans la grille depuis leur réponse, à revérifier",
    findings_opened: "Vulnérabilités et écarts nouveaux ou rouverts",
    findings_resolved: "Vulnérabilités et écarts corrigés",
    findings_accepted: "Risques acceptés",
    findings_still_open: "Vulnérabilités et écarts toujours ouverts",
    findings_removed: "Vulnérabilités et écarts retirés",
    actions_done: "Actions réalisées",
    actions_dropped: "Actions abandonnées",
    actions_still_open: "Actions toujours en cours",
    actions_new: "Nouvelles actions",
    actions_removed: "Actions retirées du plan",
    no_change: "Aucun changement depuis l'audit précédent.",
    action_plan: "Plan d'action",
    criticality: "Criticité",
    amount: "Montant",
    yes: "oui",
    no: "non",
};

pub fn severity(severity: Severity, lang: Lang) -> &'static str {
    match (lang, severity) {
        (Lang::En, Severity::None) => "None",
        (Lang::En, Severity::Low) => "Low",
        (Lang::En, Severity::Medium) => "Medium",
        (Lang::En, Severity::High) => "High",
        (Lang::En, Severity::Critical) => "Critical",
        (Lang::Fr, Severity::None) => "Aucune",
        (Lang::Fr, Severity::Low) => "Faible",
        (Lang::Fr, Severity::Medium) => "Moyenne",
        (Lang::Fr, Severity::High) => "Élevée",
        (Lang::Fr, Severity::Critical) => "Critique",
    }
}

/// The template's words: low / moderate / high, faible / modérée / élevée.
pub fn complexity(complexity: Complexity, lang: Lang) -> &'static str {
    match (lang, complexity) {
        (Lang::En, Complexity::Low) => "low",
        (Lang::En, Complexity::Moderate) => "moderate",
        (Lang::En, Complexity::High) => "high",
        (Lang::Fr, Complexity::Low) => "faible",
        (Lang::Fr, Complexity::Moderate) => "modérée",
        (Lang::Fr, Complexity::High) => "élevée",
    }
}

/// `firm` is the auditing firm's name when the engagement gives one.
pub fn owner(owner: Owner, firm: Option<&str>, lang: Lang) -> String {
    match (lang, owner, firm) {
        (_, Owner::Firm, Some(name)) if !name.trim().is_empty() => name.to_owned(),
        (Lang::En, Owner::Client, _) => "Client".into(),
        (Lang::En, Owner::Firm, _) => "Auditing firm".into(),
        (Lang::En, Owner::Manufacturer, _) => "Equipment manufacturer".into(),
        (Lang::Fr, Owner::Client, _) => "Client".into(),
        (Lang::Fr, Owner::Firm, _) => "Cabinet d'audit".into(),
        (Lang::Fr, Owner::Manufacturer, _) => "Constructeur de l'équipement".into(),
    }
}

pub fn action_status(status: ActionStatus, lang: Lang) -> &'static str {
    match (lang, status) {
        (Lang::En, ActionStatus::Open) => "open",
        (Lang::En, ActionStatus::InProgress) => "in progress",
        (Lang::En, ActionStatus::Done) => "done",
        (Lang::En, ActionStatus::Dropped) => "dropped",
        (Lang::Fr, ActionStatus::Open) => "à faire",
        (Lang::Fr, ActionStatus::InProgress) => "en cours",
        (Lang::Fr, ActionStatus::Done) => "réalisée",
        (Lang::Fr, ActionStatus::Dropped) => "abandonnée",
    }
}

pub fn finding_status(status: FindingStatus, lang: Lang) -> &'static str {
    match (lang, status) {
        (Lang::En, FindingStatus::Open) => "open",
        (Lang::En, FindingStatus::Resolved) => "resolved",
        (Lang::En, FindingStatus::Accepted) => "risk accepted",
        (Lang::Fr, FindingStatus::Open) => "ouvert",
        (Lang::Fr, FindingStatus::Resolved) => "corrigé",
        (Lang::Fr, FindingStatus::Accepted) => "risque accepté",
    }
}

pub fn vector_source(source: VectorSource, lang: Lang) -> &'static str {
    match (lang, source) {
        (_, VectorSource::Nvd) => "NVD",
        (Lang::En, VectorSource::Vendor) => "vendor",
        (Lang::En, VectorSource::Auditor) => "auditor",
        (Lang::En, VectorSource::ThirdParty) => "third party",
        (Lang::Fr, VectorSource::ThirdParty) => "tiers",
        (Lang::Fr, VectorSource::Vendor) => "constructeur",
        (Lang::Fr, VectorSource::Auditor) => "auditeur",
    }
}

pub fn asset_kind(kind: AssetKind, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::En, AssetKind::Camera) => "IP camera",
        (Lang::En, AssetKind::Nvr) => "NVR",
        (Lang::En, AssetKind::Dvr) => "DVR",
        (Lang::En, AssetKind::Vms) => "VMS server",
        (Lang::En, AssetKind::Switch) => "switch",
        (Lang::En, AssetKind::Router) => "router",
        (Lang::En, AssetKind::Firewall) => "firewall",
        (Lang::En, AssetKind::Vpn) => "VPN gateway",
        (Lang::En, AssetKind::Workstation) => "workstation",
        (Lang::En, AssetKind::Server) => "server",
        (Lang::En, AssetKind::Storage) => "storage",
        (Lang::En, AssetKind::Other) => "other",
        (Lang::Fr, AssetKind::Camera) => "caméra IP",
        (Lang::Fr, AssetKind::Nvr) => "NVR",
        (Lang::Fr, AssetKind::Dvr) => "DVR",
        (Lang::Fr, AssetKind::Vms) => "serveur VMS",
        (Lang::Fr, AssetKind::Switch) => "switch",
        (Lang::Fr, AssetKind::Router) => "routeur",
        (Lang::Fr, AssetKind::Firewall) => "pare-feu",
        (Lang::Fr, AssetKind::Vpn) => "passerelle VPN",
        (Lang::Fr, AssetKind::Workstation) => "poste de travail",
        (Lang::Fr, AssetKind::Server) => "serveur",
        (Lang::Fr, AssetKind::Storage) => "stockage",
        (Lang::Fr, AssetKind::Other) => "autre",
    }
}

/// The readable name of a scope component kind of the grid (`crate::grid::COMPONENTS`), in
/// the words of the firm's template; `None` for free text, which is shown as written.
pub fn component(kind: &str, lang: Lang) -> Option<&'static str> {
    let label = match (lang, kind) {
        (Lang::En, "vms") => {
            "Video management system (VMS): recording and management servers, their operating system and applications"
        }
        (Lang::En, "nvr") => "Network video recorders (NVR)",
        (Lang::En, "dvr") => "Digital video recorders (DVR) connected to the network",
        (Lang::En, "camera") => "IP cameras and their firmware",
        (Lang::En, "network") => "Network infrastructure dedicated to video (switches, VLANs, VPN)",
        (Lang::En, "workstation") => "Administration and viewing workstations",
        (Lang::En, "remote_access") => "Remote access to the system (VPN, web access)",
        (Lang::En, "interconnection") => {
            "Interconnections with other security systems (access control, hypervision)"
        }
        (Lang::En, "backup") => "Backup and archiving of recordings",
        (Lang::En, "mobile_app") => "Mobile viewing applications",
        (Lang::Fr, "vms") => {
            "Logiciel de gestion vidéo (VMS)\u{a0}: serveurs d'enregistrement et de gestion, OS sous-jacent et applications associées"
        }
        (Lang::Fr, "nvr") => "Enregistreurs réseau (NVR)",
        (Lang::Fr, "dvr") => "Enregistreurs numériques (DVR) raccordés au réseau",
        (Lang::Fr, "camera") => "Caméras IP et leurs firmwares",
        (Lang::Fr, "network") => "Infrastructure réseau dédiée à la vidéo (switches, VLAN, VPN)",
        (Lang::Fr, "workstation") => "Postes d'administration et de visualisation",
        (Lang::Fr, "remote_access") => "Accès distants au système (VPN, accès web)",
        (Lang::Fr, "interconnection") => {
            "Interconnexions avec d'autres systèmes de sécurité (contrôle d'accès, hypervision)"
        }
        (Lang::Fr, "backup") => "Systèmes de sauvegarde et d'archivage des enregistrements",
        (Lang::Fr, "mobile_app") => "Applications mobiles de visualisation",
        _ => return None,
    };
    Some(label)
}

/// `3 February 2026`, `3 février 2026` (`1er` in French): [`Lang::date`].
pub fn date(date: Date, lang: Lang) -> String {
    lang.date(date)
}

/// `12,500.00 EUR`, `12 500,00 EUR` (a narrow no-break space between thousands in French).
pub fn amount(amount: Amount, currency: &str, lang: Lang) -> String {
    let whole = (amount.hundredths() / 100).to_string();
    let cents = amount.hundredths() % 100;
    let (group, decimal) = match lang {
        Lang::En => (",", "."),
        Lang::Fr => ("\u{202F}", ","),
    };
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index).is_multiple_of(3) {
            grouped.push_str(group);
        }
        grouped.push(digit);
    }
    format!("{grouped}{decimal}{cents:02} {currency}")
}

/// An action's cost as one reads it: the amount, then the free text as typed, less the
/// amount it restates (`0,00 EUR (interne)`, never `0,00 EUR (0 € (interne))`; but `750,00
/// EUR (3 licences à 250 € HT)`): [`super::cost::without_amount`]. Empty when neither is given.
pub fn cost(text: &str, amount: Option<Amount>, currency: Option<&str>, lang: Lang) -> String {
    let text = text.trim();
    let (Some(amount_value), Some(currency)) = (amount, currency) else {
        return text.to_owned();
    };
    let amount = self::amount(amount_value, currency, lang);
    let adds = super::cost::without_amount(text, amount_value, currency);
    if adds.is_empty() {
        amount
    } else {
        format!("{amount} ({adds})")
    }
}

/// A score with the language's decimal mark, `2.3`, `2,3`: [`Lang::decimal`].
pub fn decimal(text: &str, lang: Lang) -> String {
    lang.decimal(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_amounts_read_as_each_language_writes_them() {
        let day: Date = "2026-08-01".parse().unwrap();
        assert_eq!(date(day, Lang::En), "1 August 2026");
        assert_eq!(date(day, Lang::Fr), "1er août 2026");
        let sum = Amount::from_hundredths(1_250_050);
        assert_eq!(amount(sum, "EUR", Lang::En), "12,500.50 EUR");
        assert_eq!(amount(sum, "EUR", Lang::Fr), "12\u{202F}500,50 EUR");
        assert_eq!(
            amount(Amount::from_hundredths(5), "EUR", Lang::En),
            "0.05 EUR"
        );
        assert_eq!(decimal("2.3", Lang::Fr), "2,3");
    }

    #[test]
    fn a_cost_says_its_amount_once() {
        let zero = Some(Amount::from_hundredths(0));
        assert_eq!(
            cost("0 € (interne)", zero, Some("EUR"), Lang::Fr),
            "0,00 EUR (interne)"
        );
        let sum = Some(Amount::from_hundredths(1_200_000));
        assert_eq!(
            cost("12 000 € HT", sum, Some("EUR"), Lang::Fr),
            "12\u{202F}000,00 EUR (HT)"
        );
        assert_eq!(
            cost("12000 EUR", sum, Some("EUR"), Lang::En),
            "12,000.00 EUR"
        );
        assert_eq!(cost(" about a day ", None, None, Lang::En), "about a day");
        assert_eq!(cost("", None, None, Lang::En), "");
    }

    #[test]
    fn every_grid_component_has_a_label_in_both_languages() {
        for kind in crate::grid::COMPONENTS {
            for lang in Lang::ALL {
                assert!(component(kind, lang).is_some(), "{kind} {lang}");
            }
        }
    }
}
