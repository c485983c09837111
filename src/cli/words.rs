//! The words of the command line's human output, one table per language: a French
//! engagement reads French at the terminal as in the checklist and the report. A field
//! missing from one table does not compile, so no message exists in one language only.
//! JSON output keeps its stable English keys and values; commit messages stay English, as
//! git history is read by tools as much as by people (README, "Languages").

use crate::grid::Lang;

pub struct Words {
    pub grid: &'static str,
    pub language: &'static str,
    pub domain: &'static str,
    pub answered: &'static str,
    pub score: &'static str,
    pub level: &'static str,
    pub total: &'static str,
    pub not_assessed: &'static str,
    /// `{}` is the computed score.
    pub set_by_auditor: &'static str,
    pub none: &'static str,
    /// An empty list or text of the scope.
    pub nothing_listed: &'static str,
    /// `{}` are the critical controls at 0, then the mean.
    pub capped: &'static str,
    /// `{}` is a count.
    pub not_applicable_count: &'static str,
    pub not_assessed_count: &'static str,
    /// `{}` is the finding's id and title.
    pub unplanned: &'static str,
    pub unplanned_hint: &'static str,
    /// Column headers of the lists, in capitals.
    pub col_severity: &'static str,
    pub col_domain: &'static str,
    pub col_status: &'static str,
    pub col_cves: &'static str,
    pub col_title: &'static str,
    pub no_findings: &'static str,
    /// `{}` are the number of findings, then of critical ones.
    pub findings_summary: &'static str,
    pub col_criticality: &'static str,
    pub col_due: &'static str,
    pub col_owner: &'static str,
    pub immediate: &'static str,
    pub overdue: &'static str,
    /// A severity set without a CVSS score.
    pub by_hand: &'static str,
    pub unrated: &'static str,
    pub no_actions: &'static str,
    /// `{}` are the number of actions, immediate ones, overdue ones, then today's date.
    pub actions_summary: &'static str,
    pub cost_heading: &'static str,
    /// `{}` are the owner, the amount, then the number of actions.
    pub cost_line: &'static str,
    pub col_kind: &'static str,
    pub col_vendor: &'static str,
    pub col_model: &'static str,
    pub col_firmware: &'static str,
    pub col_address: &'static str,
    pub col_location: &'static str,
    pub col_findings: &'static str,
    pub inventory_empty: &'static str,
    /// `{}` is the number of assets.
    pub assets_summary: &'static str,
    pub asset_updated: &'static str,
    /// `{}` is a number of rows.
    pub rows_unchanged: &'static str,
    /// The word before a saved change's commit message.
    pub saved: &'static str,
    pub col_round: &'static str,
    pub col_closed: &'static str,
    pub col_by: &'static str,
    pub col_overall: &'static str,
    pub col_next_audit: &'static str,
    pub in_progress: &'static str,
    pub working_copy: &'static str,
    pub no_round_closed: &'static str,
    /// `{}` are the last round's label, then the date.
    pub next_audit: &'static str,
    /// `{}` is a date already past.
    pub past: &'static str,
    /// `{}` is the number of answers carried over.
    pub reverify: &'static str,
    /// `{}` is the number of answers whose control changed in the grid.
    pub grid_changed: &'static str,
    /// `{}` are the grid, its older version, its newer one and the number of answers.
    pub regrid: &'static str,
    /// `{}` is a list of controls.
    pub regrid_added: &'static str,
    /// `{}` is a list of controls.
    pub regrid_removed: &'static str,
    /// `{}` are the grid, the earlier side's version and the later side's.
    pub grid_moved: &'static str,
    /// `{}` is a list of controls with why.
    pub not_comparable: &'static str,
    /// `{}` are the earlier side, its date, the later side and its date.
    pub diff_from_to: &'static str,
    pub col_change: &'static str,
    pub no_control_changed: &'static str,
    /// `{}` is the number of controls.
    pub controls_changed: &'static str,
    /// `{}` are the later side, then the controls.
    pub still_to_reverify: &'static str,
    /// `{}` is a count.
    pub and_more: &'static str,
    pub findings_heading: &'static str,
    pub actions_heading: &'static str,
    /// Nothing in a group of findings or actions.
    pub nothing: &'static str,
    /// The findings' groups: resolved, opened, accepted, still open, removed.
    pub finding_groups: [&'static str; 5],
    /// The actions' groups: done, still open, new, dropped, removed.
    pub action_groups: [&'static str; 5],
    /// `{}` is a date.
    pub due: &'static str,
    /// `{}` is who wrote the observations that follow.
    pub said_by: &'static str,
    /// `{}` are the pack's version, its date, its entries, KEV-listed ones, then `pack_imported`.
    pub pack_line: &'static str,
    /// `{}` is a count.
    pub pack_imported: &'static str,
    /// `{}` are the assets, affected ones, CVEs affecting them, then assets to confirm.
    pub match_summary: &'static str,
    pub remote_takeover: &'static str,
    pub affected: &'static str,
    pub to_confirm: &'static str,
    pub no_cve_match: &'static str,
    /// `{}` are a count, then the assets.
    pub vendor_not_covered: &'static str,
    /// `{}` are a count, then the assets.
    pub without_vendor: &'static str,
    pub match_next: &'static str,
    pub error: &'static str,
    pub problem: &'static str,
    pub problems: &'static str,
    pub warning: &'static str,
    pub colon: &'static str,
    pub round_closed: &'static str,
    pub compared_with: &'static str,
    pub first_round: &'static str,
    pub next_audit_on: &'static str,
    pub next_start: &'static str,
    pub created_engagement: &'static str,
    pub next_answer: &'static str,
    /// `vmsaudit template`: no override; an override's standing; how to review; `{}` are
    /// the file and the start of its SHA-256; nothing to accept.
    pub template_none: &'static str,
    pub template_accepted: &'static str,
    pub template_new: &'static str,
    pub template_changed: &'static str,
    pub template_review: &'static str,
    pub template_accepted_line: &'static str,
    pub template_nothing: &'static str,
    pub no_entry_matches: &'static str,
    /// `{}` are the file, its kind, the count read, `unit_records` or `unit_entries`, then
    /// the count kept.
    pub import_feed: &'static str,
    pub unit_records: &'static str,
    pub unit_entries: &'static str,
    /// The kinds of file `cve import` reads: NVD feed, KEV JSON, KEV CSV, empty feed.
    pub feed_kinds: [&'static str; 4],
    /// `{}` are a count, then why.
    pub import_left_out_count: &'static str,
    /// `{}` is why.
    pub import_left_out: &'static str,
    /// A change's kind: a new CVE, one replacing the built-in entry, an imported one updated.
    pub change_kinds: [&'static str; 3],
    /// `{}` is the warning.
    pub import_warning: &'static str,
    /// `{}` is a count.
    pub kev_unknown: &'static str,
    /// `{}` are the file being read, then the records read so far (standard error, on a
    /// terminal only).
    pub import_progress: &'static str,
    /// `{}` are the CVEs listed, then the KEV-listed ones.
    pub cve_list_legend: &'static str,
    pub cve_list_imported: &'static str,
    /// `{}` are the earlier and the later side.
    pub md_title: &'static str,
    pub col_control: &'static str,
    pub col_before: &'static str,
    pub col_after: &'static str,
    pub col_observations: &'static str,
    /// An empty section of the Markdown comparison.
    pub md_none: &'static str,
    pub critical: &'static str,
    pub log_never: &'static str,
    /// `{}` are the round's label, the date and who closed it.
    pub log_round_closed: &'static str,
    /// `{}` is the round's label.
    pub log_round_closed_short: &'static str,
    pub log_not_loading: &'static str,
    /// `{}` is a level.
    pub log_level: &'static str,
    /// `{}` are the new level, then the old one.
    pub log_level_was: &'static str,
    /// `{}` is a level.
    pub log_confirmed: &'static str,
    pub log_marked: &'static str,
    pub log_observations: &'static str,
    /// `{}` is a file name.
    pub log_evidence: &'static str,
    pub log_removed: &'static str,
    pub log_other: &'static str,
}

const EN: Words = Words {
    grid: "grid",
    language: "language",
    domain: "Domain",
    answered: "Answered",
    score: "Score",
    level: "Level",
    total: "Total",
    not_assessed: "not assessed",
    set_by_auditor: "set by the auditor; computed {}",
    none: "none",
    nothing_listed: "none",
    capped: "capped: {} at 0; mean {}",
    not_applicable_count: "{} control(s) not applicable, not counted in scores.",
    not_assessed_count: "{} control(s) not assessed yet.",
    unplanned: "warning: critical finding {} has no action in the plan, although its treatment must be immediate.",
    unplanned_hint: "help: add one with `vmsaudit action add --addresses ID --title TEXT --complexity low --owner client`, or on the findings screen of the checklist (key A).",
    col_severity: "SEVERITY",
    col_domain: "DOMAIN",
    col_status: "STATUS",
    col_cves: "CVES",
    col_title: "TITLE",
    no_findings: "No findings yet. Add one with `vmsaudit finding add --title \"...\" --domain DOMAIN ...`.",
    findings_summary: "{} finding(s), {} critical ([!]: CVSS above 7.0 or remote takeover).",
    col_criticality: "CRITICALITY",
    col_due: "DUE",
    col_owner: "OWNER",
    immediate: "immediate",
    overdue: "OVERDUE",
    by_hand: "by hand",
    unrated: "unrated",
    no_actions: "No actions yet. Add one with `vmsaudit action add --title \"...\" --addresses FINDING --complexity low --owner client`.",
    actions_summary: "{} action(s): {} for immediate treatment ([!]), {} overdue (today is {}).",
    cost_heading: "Estimated cost (dropped actions excluded):",
    cost_line: "  {}: {} ({} action(s))",
    col_kind: "KIND",
    col_vendor: "VENDOR",
    col_model: "MODEL",
    col_firmware: "FIRMWARE",
    col_address: "ADDRESS",
    col_location: "LOCATION",
    col_findings: "FINDINGS",
    inventory_empty: "The inventory is empty. Add assets with `vmsaudit asset add ID --kind KIND` or `vmsaudit asset import FILE.csv`.",
    assets_summary: "{} asset(s).",
    asset_updated: "(the asset was already in the inventory: updated)",
    rows_unchanged: "{} row(s) unchanged",
    saved: "saved",
    col_round: "Round",
    col_closed: "Closed",
    col_by: "By",
    col_overall: "Overall",
    col_next_audit: "Next audit",
    in_progress: "in progress",
    working_copy: "working copy",
    no_round_closed: "No round closed yet: `vmsaudit audit close LABEL` closes one, renders its report and tags it.",
    next_audit: "Next audit recommended six months after {}: {}",
    past: "{}, past",
    reverify: "{} answers keep their level until re-verified: `vmsaudit` shows them with `?` (u jumps to the next one); `vmsaudit answer CONTROL --level N` confirms one",
    grid_changed: "{} answers to re-verify, their control changed in the grid since they were given:",
    regrid: "Grid {} moved from {} to {}: {} answers carried over with what changed in their control, to re-verify (`vmsaudit` shows it under the control)",
    regrid_added: "New controls, not assessed: {}",
    regrid_removed: "Controls removed from the grid (their answers stay in the history and the closed rounds): {}",
    grid_moved: "Grid {}: {} on the earlier side, {} on the later; levels are compared through the new grid's mapping",
    not_comparable: "Not comparable across the grid versions: {}",
    diff_from_to: "From {} ({}) to {} ({})",
    col_change: "Change",
    no_control_changed: "No control changed level.",
    controls_changed: "Controls whose level changed ({})",
    still_to_reverify: "Still to re-verify in {}: {}",
    and_more: " and {} more",
    findings_heading: "Findings",
    actions_heading: "Actions",
    nothing: "none",
    finding_groups: ["resolved", "opened", "accepted", "still open", "removed"],
    action_groups: ["done", "still open", "new", "dropped", "removed"],
    due: "due {}",
    said_by: "{}: ",
    pack_line: "CVE pack {} ({}): {} entries, {} KEV-listed{}",
    pack_imported: ", {} imported into this engagement",
    match_summary: "{} asset(s): {} affected by {} CVE(s), {} more to confirm.",
    remote_takeover: "[!] remote takeover",
    affected: "affected",
    to_confirm: "unknown",
    no_cve_match: "No asset matches a CVE of the pack.",
    vendor_not_covered: "{} asset(s) with a vendor the pack does not cover: {}",
    without_vendor: "{} asset(s) without a vendor, not matched: {}",
    match_next: "Next: `vmsaudit cve match --apply` makes a finding of each CVE that affects assets (the unknown ones are listed in it, to confirm).",
    error: "error",
    problem: "problem",
    problems: "problems",
    warning: "warning",
    colon: ":",
    round_closed: "closed round {} [{}], tagged {}",
    compared_with: "compared with round {}",
    first_round: "first round: nothing to compare with",
    next_audit_on: "next audit recommended: {}",
    next_start: "Next: `vmsaudit audit start LABEL` when the next round begins",
    created_engagement: "Created engagement {} for {} (grid {} {}, {} controls, language {})",
    next_answer: "Next: vmsaudit -C {} answer CONTROL --level 0..4|na --note \"...\"",
    template_none: "no template override: reports use the built-in templates",
    template_accepted: "accepted",
    template_new: "NOT ACCEPTED (new)",
    template_changed: "NOT ACCEPTED (changed since accepted)",
    template_review: "review each with `vmsaudit template show NAME`, then `vmsaudit template accept NAME`",
    template_accepted_line: "accepted in this clone: {} (sha256 {})",
    template_nothing: "no template override to accept",
    no_entry_matches: "No entry matches.",
    import_feed: "{}: {}, {} {} read, {} kept",
    unit_records: "record(s)",
    unit_entries: "entr(ies)",
    feed_kinds: [
        "NVD CVE JSON 2.0 feed",
        "CISA KEV catalogue (JSON)",
        "CISA KEV catalogue (CSV)",
        "empty feed",
    ],
    import_left_out_count: "  {} left out: {}",
    import_left_out: "left out: {}",
    change_kinds: ["new", "replaces the built-in entry", "updated"],
    import_warning: "warning: {}",
    kev_unknown: "{} KEV entr(ies) name CVEs the pack does not have (import their NVD records to use them)",
    import_progress: "{}: {} record(s) read",
    cve_list_legend: "{} CVE(s), {} in the CISA KEV catalogue. CVSS: base score, version, source (nvd, vendor, cna, cisa-adp); [!]: allows remote takeover.",
    cve_list_imported: "*: imported into this engagement (cves/), in place of the built-in entry with that id if any.",
    md_title: "Changes from {} to {}",
    col_control: "Control",
    col_before: "Before",
    col_after: "After",
    col_observations: "Observations",
    md_none: "None.",
    critical: "critical",
    log_never: "never answered",
    log_round_closed: "── round {} closed on {} by {}",
    log_round_closed_short: "── round {} closed",
    log_not_loading: "the file does not load at this commit",
    log_level: "level {}",
    log_level_was: "level {} (was {})",
    log_confirmed: "level {} confirmed",
    log_marked: "marked to re-verify",
    log_observations: "observations changed",
    log_evidence: "evidence {} added",
    log_removed: "answer removed",
    log_other: "no change to the level or observations",
};

const FR: Words = Words {
    grid: "grille",
    language: "langue",
    domain: "Domaine",
    answered: "Renseignés",
    score: "Score",
    level: "Niveau",
    total: "Total",
    not_assessed: "non évalué",
    set_by_auditor: "fixé par l'auditeur\u{a0}; calculé {}",
    none: "aucun",
    nothing_listed: "néant",
    capped: "plafonné\u{a0}: {} à 0\u{a0}; moyenne {}",
    not_applicable_count: "{} point(s) de contrôle non applicable(s), hors du calcul des scores.",
    not_assessed_count: "{} point(s) de contrôle pas encore évalué(s).",
    unplanned: "attention\u{a0}: la vulnérabilité critique {} n'a aucune action au plan, alors que son traitement doit être immédiat.",
    unplanned_hint: "aide\u{a0}: en ajouter une avec `vmsaudit action add --addresses ID --title TEXTE --complexity low --owner client`, ou sur l'écran des vulnérabilités de la checklist (touche A).",
    col_severity: "CRITICITÉ",
    col_domain: "DOMAINE",
    col_status: "STATUT",
    col_cves: "CVE",
    col_title: "TITRE",
    no_findings: "Aucune vulnérabilité ni aucun écart pour l'instant. En ajouter avec `vmsaudit finding add --title \"...\" --domain DOMAINE ...`.",
    findings_summary: "{} vulnérabilité(s) ou écart(s), dont {} critique(s) ([!]\u{a0}: CVSS supérieur à 7,0 ou prise de contrôle à distance).",
    col_criticality: "CRITICITÉ",
    col_due: "ÉCHÉANCE",
    col_owner: "RESPONSABLE",
    immediate: "immédiate",
    overdue: "EN RETARD",
    by_hand: "manuelle",
    unrated: "non cotée",
    no_actions: "Aucune action pour l'instant. En ajouter une avec `vmsaudit action add --title \"...\" --addresses ID --complexity low --owner client`.",
    actions_summary: "{} action(s)\u{a0}: {} en traitement immédiat ([!]), {} en retard (nous sommes le {}).",
    cost_heading: "Coût estimé (hors actions abandonnées)\u{a0}:",
    cost_line: "  {}\u{a0}: {} ({} action(s))",
    col_kind: "TYPE",
    col_vendor: "CONSTRUCTEUR",
    col_model: "MODÈLE",
    col_firmware: "FIRMWARE",
    col_address: "ADRESSE",
    col_location: "EMPLACEMENT",
    col_findings: "VULNÉRABILITÉS",
    inventory_empty: "L'inventaire est vide. Ajouter des équipements avec `vmsaudit asset add ID --kind KIND` ou `vmsaudit asset import FICHIER.csv`.",
    assets_summary: "{} équipement(s).",
    asset_updated: "(l'équipement était déjà à l'inventaire\u{a0}: mis à jour)",
    rows_unchanged: "{} ligne(s) inchangée(s)",
    saved: "enregistré",
    col_round: "Campagne",
    col_closed: "Close le",
    col_by: "Par",
    col_overall: "Global",
    col_next_audit: "Prochain audit",
    in_progress: "en cours",
    working_copy: "copie de travail",
    no_round_closed: "Aucune campagne close pour l'instant\u{a0}: `vmsaudit audit close LIBELLÉ` en clôt une, produit son rapport et la marque d'une étiquette.",
    next_audit: "Prochain audit recommandé six mois après {}\u{a0}: {}",
    past: "{}, date passée",
    reverify: "{} réponse(s) gardent leur niveau jusqu'à revérification\u{a0}: `vmsaudit` les marque d'un `?` (u va à la suivante)\u{a0}; `vmsaudit answer CONTRÔLE --level N` en confirme une",
    grid_changed: "{} réponse(s) à revérifier, leur point de contrôle ayant changé dans la grille depuis\u{a0}:",
    regrid: "Grille {} passée de la version {} à la {}\u{a0}: {} réponse(s) reprise(s) avec ce qui a changé dans leur point de contrôle, à revérifier (`vmsaudit` l'affiche sous le point de contrôle)",
    regrid_added: "Nouveaux points de contrôle, non évalués\u{a0}: {}",
    regrid_removed: "Points de contrôle retirés de la grille (leurs réponses restent dans l'historique et les campagnes closes)\u{a0}: {}",
    grid_moved: "Grille {}\u{a0}: {} avant, {} après\u{a0}; les niveaux sont comparés selon la correspondance de la nouvelle grille",
    not_comparable: "Non comparables d'une version de la grille à l'autre\u{a0}: {}",
    diff_from_to: "De {} ({}) à {} ({})",
    col_change: "Évolution",
    no_control_changed: "Aucun point de contrôle n'a changé de niveau.",
    controls_changed: "Points de contrôle dont le niveau a changé ({})",
    still_to_reverify: "Encore à revérifier dans {}\u{a0}: {}",
    and_more: " et {} autre(s)",
    findings_heading: "Vulnérabilités et écarts",
    actions_heading: "Actions",
    nothing: "aucune",
    finding_groups: [
        "corrigée",
        "nouvelle",
        "acceptée",
        "toujours ouverte",
        "supprimée",
    ],
    action_groups: [
        "réalisée",
        "toujours à faire",
        "nouvelle",
        "abandonnée",
        "supprimée",
    ],
    due: "échéance {}",
    said_by: "{}\u{a0}: ",
    pack_line: "Base CVE {} ({})\u{a0}: {} entrée(s), dont {} listée(s) KEV{}",
    pack_imported: ", {} importée(s) dans cet audit",
    match_summary: "{} équipement(s)\u{a0}: {} concerné(s) par {} CVE, {} autre(s) à confirmer.",
    remote_takeover: "[!] prise de contrôle à distance",
    affected: "concerné",
    to_confirm: "à confirmer",
    no_cve_match: "Aucun équipement ne correspond à une CVE de la base.",
    vendor_not_covered: "{} équipement(s) d'un constructeur que la base ne couvre pas\u{a0}: {}",
    without_vendor: "{} équipement(s) sans constructeur, non rapproché(s)\u{a0}: {}",
    match_next: "Ensuite\u{a0}: `vmsaudit cve match --apply` crée une vulnérabilité pour chaque CVE qui concerne des équipements (ceux à confirmer y sont listés).",
    error: "erreur",
    problem: "problème",
    problems: "problèmes",
    warning: "attention",
    colon: "\u{a0}:",
    round_closed: "tour {} clos [{}], étiqueté {}",
    compared_with: "comparé au tour {}",
    first_round: "premier tour\u{a0}: rien à comparer",
    next_audit_on: "prochain audit recommandé\u{a0}: {}",
    next_start: "Ensuite\u{a0}: `vmsaudit audit start LIBELLÉ` quand le tour suivant commence",
    created_engagement: "Mission créée dans {} pour {} (grille {} {}, {} contrôles, langue {})",
    next_answer: "Ensuite\u{a0}: vmsaudit -C {} answer CONTRÔLE --level 0..4|na --note \"...\"",
    template_none: "aucun modèle remplacé\u{a0}: les rapports utilisent les modèles intégrés",
    template_accepted: "accepté",
    template_new: "NON ACCEPTÉ (nouveau)",
    template_changed: "NON ACCEPTÉ (modifié depuis son acceptation)",
    template_review: "examinez chacun avec `vmsaudit template show NOM`, puis acceptez-le avec `vmsaudit template accept NOM`",
    template_accepted_line: "accepté dans ce clone\u{a0}: {} (sha256 {})",
    template_nothing: "aucun modèle remplacé à accepter",
    no_entry_matches: "Aucune entrée ne correspond.",
    import_feed: "{}\u{a0}: {}, {} {} lu(e)s, {} retenu(e)s",
    unit_records: "fiche(s)",
    unit_entries: "entrée(s)",
    feed_kinds: [
        "flux NVD CVE JSON 2.0",
        "catalogue CISA KEV (JSON)",
        "catalogue CISA KEV (CSV)",
        "flux vide",
    ],
    import_left_out_count: "  {} écartée(s)\u{a0}: {}",
    import_left_out: "écartée\u{a0}: {}",
    change_kinds: ["nouvelle", "remplace l'entrée intégrée", "mise à jour"],
    import_warning: "attention\u{a0}: {}",
    kev_unknown: "{} entrée(s) KEV désignent des CVE absentes de la base (importer leurs fiches NVD pour s'en servir)",
    import_progress: "{}\u{a0}: {} fiche(s) lue(s)",
    cve_list_legend: "{} CVE, dont {} au catalogue CISA KEV. CVSS\u{a0}: score de base, version, source (nvd, vendor, cna, cisa-adp)\u{a0}; [!]\u{a0}: permet une prise de contrôle à distance.",
    cve_list_imported: "*\u{a0}: importée dans cet audit (cves/), à la place de l'entrée intégrée de même identifiant s'il y en a une.",
    md_title: "Évolutions de {} à {}",
    col_control: "Point de contrôle",
    col_before: "Avant",
    col_after: "Après",
    col_observations: "Constats",
    md_none: "Aucun.",
    critical: "critique",
    log_never: "jamais répondu",
    log_round_closed: "── campagne {} close le {} par {}",
    log_round_closed_short: "── campagne {} close",
    log_not_loading: "le fichier ne se charge pas à ce commit",
    log_level: "niveau {}",
    log_level_was: "niveau {} (avant\u{a0}: {})",
    log_confirmed: "niveau {} confirmé",
    log_marked: "marqué à revérifier",
    log_observations: "constats modifiés",
    log_evidence: "preuve {} ajoutée",
    log_removed: "réponse supprimée",
    log_other: "ni le niveau ni les constats n'ont changé",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

/// `template` with its `{}` replaced by `values`, in order (a value holding `{}` is not
/// filled again: records are untrusted).
pub fn fill_all(template: &str, values: &[&dyn std::fmt::Display]) -> String {
    let mut parts = template.split("{}");
    let mut out = parts.next().unwrap_or_default().to_owned();
    for (part, value) in parts.zip(
        values
            .iter()
            .map(ToString::to_string)
            .chain(std::iter::repeat(String::new())),
    ) {
        out.push_str(&value);
        out.push_str(part);
    }
    out
}

/// `template` with its `{}` replaced by `value`.
pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
    template.replacen("{}", &value.to_string(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// French typography: a no-break space, never a plain one, before `: ; ? !`.
    #[test]
    fn french_sets_a_no_break_space_before_double_punctuation() {
        let fr = &FR;
        for text in [
            fr.set_by_auditor,
            fr.capped,
            fr.not_applicable_count,
            fr.not_assessed_count,
            fr.unplanned,
            fr.unplanned_hint,
            fr.no_findings,
            fr.findings_summary,
            fr.no_actions,
            fr.actions_summary,
            fr.cost_heading,
            fr.cost_line,
            fr.inventory_empty,
            fr.assets_summary,
            fr.asset_updated,
            fr.rows_unchanged,
            fr.no_round_closed,
            fr.next_audit,
            fr.reverify,
            fr.regrid,
            fr.regrid_added,
            fr.regrid_removed,
            fr.grid_moved,
            fr.not_comparable,
            fr.still_to_reverify,
            fr.said_by,
            fr.pack_line,
            fr.match_summary,
            fr.vendor_not_covered,
            fr.without_vendor,
            fr.match_next,
            fr.import_feed,
            fr.import_left_out_count,
            fr.import_left_out,
            fr.import_warning,
            fr.import_progress,
            fr.cve_list_legend,
            fr.cve_list_imported,
            fr.log_level_was,
            fr.md_title,
            fr.log_round_closed,
        ] {
            for mark in [':', ';', '?', '!'] {
                assert!(!text.contains(&format!(" {mark}")), "{text:?}");
            }
        }
    }
}
