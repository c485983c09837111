//! The `--help` pages in French: the command line's clap tree with every text of the doc
//! comments replaced from one catalogue, and clap's own words (headings, the help flag, the
//! default and possible values) said in French.
//!
//! The English tree stays the doc comments as they are. Parsing is the same in both (only
//! texts change), so the French tree is built only when a parse stops (an error, `--help`)
//! and the reader is French. A unit test walks the tree: every command, argument and value
//! with a text has its French here, and nothing here names what the tree lacks.

use std::ffi::OsString;

use clap::builder::{PossibleValue, StyledStr, Styles};
use clap::{Arg, Command};

use crate::grid::Lang;

/// Which text of the tree an entry replaces, in the command its path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part<'a> {
    /// The command's summary (its doc comment's first paragraph).
    About,
    /// The whole doc comment, when it has more than one paragraph.
    LongAbout,
    AfterHelp,
    /// An argument's summary, by its id.
    Help(&'a str),
    /// An argument's whole doc comment, when it has more than one paragraph.
    LongHelp(&'a str),
    /// One of an argument's possible values, by the argument's id and the value.
    Value(&'a str, &'a str),
}

use Part::{About, AfterHelp, Help, LongAbout, LongHelp, Value};

/// The French of every text of the tree: (command path without `vmsaudit`, part, text).
/// Arguments given to every command (`global`) are under the root's path; those of a struct
/// that several commands share (`#[command(flatten)]`, or one struct for two subcommands)
/// under the struct's name, clap's group for them, so their French is written once as their
/// English is.
#[rustfmt::skip]
const CATALOGUE: &[(&str, Part<'static>, &str)] = &[
    ("", About, "Audits de cybersécurité des systèmes de vidéosurveillance\u{a0}: une liste de contrôle dans le terminal, un audit dans git"),
    ("", AfterHelp, "Codes de sortie\u{a0}: 0 réussite, 1 échec à l'exécution, 2 commande ou donnée invalide."),
    ("", Help("dir"), "Le dossier de l'audit (par défaut, le dossier courant ou celui au-dessus qui contient engagement.yaml). Les fichiers donnés restent relatifs au dossier d'où la commande est lancée"),
    ("", Help("lang"), "La langue de l'interface, des sorties et du rapport (en, fr)\u{a0}: par défaut celle de l'audit\u{a0}; hors d'un audit, VMSAUDIT_LANG, puis la locale. Pour `init` et `demo`, la langue du nouvel audit (par défaut VMSAUDIT_LANG, sinon en)"),
    ("open", About, "Ouvrir la liste de contrôle interactive de l'audit (ce que fait aussi `vmsaudit` seul)"),
    ("demo", About, "Créer un audit d'exemple sur la grille intégrée et l'ouvrir (ou afficher son état hors d'un terminal)"),
    ("demo", Help("folder"), "Dossier à créer"),
    ("demo", Help("no_open"), "Afficher l'état au lieu d'ouvrir la liste de contrôle"),
    ("init", About, "Commencer un audit\u{a0}: un dépôt git avec engagement.yaml et la grille figée"),
    ("init", Help("folder"), "Dossier à créer (absent ou vide)"),
    ("init", Help("client"), "Le client audité"),
    ("init", Help("site"), "Le site audité"),
    ("init", Help("contract"), "Référence du contrat ou du bon de commande"),
    ("init", Help("firm"), "Le cabinet d'audit"),
    ("init", Help("auditors"), "Un auditeur, «\u{a0}Nom <courriel>\u{a0}»\u{a0}; à répéter pour une équipe. Le premier signe les commits de ce clone"),
    ("init", Help("grid"), "Un fichier de grille à utiliser à la place de la grille intégrée"),
    ("answer", About, "Fixer le niveau d'un point de contrôle, ses constats et ses preuves, en un commit"),
    ("answer", Help("control"), "Identifiant du point de contrôle, par ex. ACC-01"),
    ("answer", Help("level"), "Niveau de l'échelle (0–4), ou `na` quand le point ne s'applique pas (dire pourquoi avec --note)"),
    ("answer", Help("note"), "Les constats, en Markdown\u{a0}; remplacent les constats actuels"),
    ("answer", Help("note_file"), "Lire les constats dans un fichier"),
    ("answer", Help("evidence"), "Un fichier à garder comme preuve (copié dans l'audit et haché)\u{a0}; répétable"),
    ("answer", Help("evidence_note"), "Une note enregistrée avec les fichiers de preuve de cette commande"),
    ("answer", Help("drop_evidence"), "Retirer une preuve, par son chemin tel que la réponse le liste (evidence/ACC-01/users.png)\u{a0}; son fichier part aussi quand aucun autre enregistrement ne le liste\u{a0}; répétable"),
    ("finding", About, "Vulnérabilités et écarts, avec CVSS, CVE et équipements touchés"),
    ("finding add", About, "Consigner une vulnérabilité ou un écart, en un commit"),
    ("finding add", Help("title"), "Titre, sur une ligne"),
    ("finding edit", About, "Modifier une vulnérabilité ou un écart\u{a0}; une option répétable donnée remplace toute sa liste"),
    ("finding edit", Help("id"), "L'identifiant de la vulnérabilité ou de l'écart, par ex. F-K3X9Q2"),
    ("finding edit", Help("title"), "Titre, sur une ligne"),
    ("finding edit", Help("no_cvss"), "Retirer le vecteur CVSS (puis donner --severity et --justification)"),
    ("finding edit", Help("no_remote_takeover"), "La faille ne permet finalement pas de prise de contrôle à distance"),
    ("finding edit", Help("no_controls"), "Retirer tous les points de contrôle"),
    ("finding edit", Help("no_cves"), "Retirer tous les identifiants CVE"),
    ("finding edit", Help("no_assets"), "Retirer tous les équipements"),
    ("finding edit", Help("status"), "open (ouverte), resolved (corrigée) ou accepted (un risque que le client accepte\u{a0}: dire pourquoi avec --reason)"),
    ("finding edit", Help("reason"), "La raison du statut (obligatoire pour accepted)"),
    ("finding edit", Help("drop_evidence"), "Retirer une preuve, par son chemin tel que la vulnérabilité le liste (evidence/F-K3X9Q2/x.png)\u{a0}; son fichier part aussi quand aucun autre enregistrement ne le liste\u{a0}; répétable"),
    ("finding list", About, "Les vulnérabilités et écarts, les plus critiques d'abord, puis par domaine dans l'ordre de la grille"),
    ("finding list", Help("json"), "Afficher du JSON pour les scripts au lieu d'un tableau"),
    ("finding rm", About, "Supprimer une vulnérabilité ou un écart (refusé tant que des actions le traitent)"),
    ("finding rm", Help("id"), "L'identifiant de la vulnérabilité ou de l'écart, par ex. F-K3X9Q2"),
    ("action", About, "Le plan d'action\u{a0}: que faire des vulnérabilités et écarts, par qui, pour quand"),
    ("action add", About, "Ajouter une action au plan, en un commit"),
    ("action add", Help("title"), "Titre, sur une ligne\u{a0}: ce qu'il faut faire"),
    ("action add", Help("addresses"), "Les vulnérabilités ou écarts que l'action traite (leurs identifiants)"),
    ("action add", Help("complexity"), "Complexité\u{a0}: low (faible), moderate (modérée) ou high (élevée)"),
    ("action add", Help("owner"), "Qui doit la mener\u{a0}: client, firm (le cabinet d'audit) ou manufacturer (le constructeur)"),
    ("action edit", About, "Modifier une action\u{a0}; --addresses donnée remplace la liste"),
    ("action edit", Help("id"), "L'identifiant de l'action, par ex. A-7QH2MZ"),
    ("action edit", Help("title"), "Titre, sur une ligne\u{a0}: ce qu'il faut faire"),
    ("action edit", Help("addresses"), "Les vulnérabilités ou écarts que l'action traite\u{a0}; remplace la liste"),
    ("action edit", Help("complexity"), "Complexité\u{a0}: low (faible), moderate (modérée) ou high (élevée)"),
    ("action edit", Help("owner"), "Responsable\u{a0}: client, firm (le cabinet) ou manufacturer (le constructeur)"),
    ("action edit", Help("no_deadline"), "Retirer l'échéance (une action critique est alors à mener immédiatement)"),
    ("action edit", Help("no_amount"), "Retirer le montant du coût et sa devise"),
    ("action edit", Help("status"), "open (ouverte), in_progress (en cours), done (faite) ou dropped (abandonnée\u{a0}: dire pourquoi avec --reason)"),
    ("action edit", Help("reason"), "La raison du statut (obligatoire pour dropped)"),
    ("action list", About, "Le plan d'action\u{a0}: les actions critiques d'abord, puis par criticité, puis par domaine"),
    ("action list", Help("json"), "Afficher du JSON pour les scripts au lieu d'un tableau"),
    ("action rm", About, "Retirer une action du plan"),
    ("action rm", Help("id"), "L'identifiant de l'action, par ex. A-7QH2MZ"),
    ("asset", About, "L'inventaire des équipements\u{a0}: caméras, enregistreurs, serveurs, équipements réseau"),
    ("asset add", About, "Ajouter un équipement à l'inventaire, ou mettre à jour l'équipement de cet identifiant\u{a0}: les options données remplacent ses valeurs, une valeur vide (\"\") en efface une"),
    ("asset add", Help("id"), "L'identifiant de l'équipement, par ex. CAM-012"),
    ("asset add", Help("kind"), "camera, nvr, dvr, vms, switch, router, firewall, vpn, workstation, server, storage ou other"),
    ("asset add", Help("vendor"), "Le constructeur, par ex. Hikvision"),
    ("asset add", Help("model"), "Le modèle tel que l'écrit son étiquette, par ex. DS-2CD2121G0-I (ce que lit la recherche de CVE)"),
    ("asset add", Help("firmware"), "La version du firmware, par ex. V5.5.0 build 170725"),
    ("asset add", Help("address"), "Adresse IP ou nom d'hôte"),
    ("asset add", Help("location"), "Son emplacement sur le site"),
    ("asset add", Help("notes"), "Notes libres sur l'équipement"),
    ("asset add", Help("mac"), "Adresse MAC, par ex. 00:11:22:AA:BB:CC (ce qui le fait reconnaître par un scan quand son adresse a changé)"),
    ("asset import", About, "Importer des équipements d'un fichier CSV avec une ligne d'en-tête (toutes les lignes ou aucune\u{a0}; mise à jour par identifiant)"),
    ("asset import", Help("file"), "Fichier CSV\u{a0}: colonnes id, kind, vendor, model, firmware, address, location, notes, mac"),
    ("asset list", About, "L'inventaire"),
    ("asset list", Help("json"), "Afficher du JSON pour les scripts au lieu d'un tableau"),
    ("asset rm", About, "Retirer un équipement (refusé tant que des vulnérabilités ou écarts le nomment)"),
    ("asset rm", Help("id"), "L'identifiant de l'équipement, par ex. CAM-012"),
    ("cve", About, "Vulnérabilités connues\u{a0}: le catalogue de CVE, ses correspondances avec l'inventaire, l'import de fichiers NVD et CISA KEV"),
    ("cve list", About, "Ce que sait le catalogue\u{a0}: sa version et sa date, puis chaque CVE avec son constructeur, son score CVSS, sa date KEV, la prise de contrôle à distance et son titre (avec les entrées importées de l'audit quand la commande y est lancée)"),
    ("cve list", Help("vendor"), "Seulement les CVE de ce constructeur (sous tout nom que le catalogue lui connaît\u{a0}: «\u{a0}Hangzhou Hikvision\u{a0}»)"),
    ("cve list", Help("kev"), "Seulement les CVE que la CISA sait exploitées"),
    ("cve list", Help("json"), "Afficher du JSON pour les scripts au lieu d'un tableau"),
    ("cve match", About, "Chaque équipement de l'inventaire qu'une CVE touche, ou peut toucher (à confirmer), par CVE, celles du catalogue KEV d'abord, avec la raison de chaque correspondance"),
    ("cve match", Help("json"), "Afficher du JSON pour les scripts au lieu de texte"),
    ("cve match", Help("apply"), "Transformer les correspondances en vulnérabilités\u{a0}: une par CVE touchant des équipements (UPD-02), ou les équipements ajoutés à la vulnérabilité existante de la CVE\u{a0}; relancée, elle ne crée rien"),
    ("cve import", About, "Étendre le catalogue de l'audit avec des flux NVD CVE JSON 2.0 (.json, .json.gz ou .zip) et le catalogue CISA KEV (JSON ou CSV), apportés en fichiers\u{a0}; gardés dans cves/, en un commit"),
    ("cve import", Help("files"), "nvdcve-2.0-*.json, known_exploited_vulnerabilities.json ou .csv"),
    ("cve check", About, "Vérifier un fichier de catalogue (l'intégré sans fichier donné) et lister chaque problème\u{a0}; sort avec le code 2 s'il y en a"),
    ("scan", About, "Scans réseau\u{a0}: importer le XML de nmap (-oX) dans l'inventaire et les preuves, lister ce qu'ils disent par hôte et par point de contrôle, accepter ou écarter leurs propositions"),
    ("scan import", About, "Importer la sortie XML de nmap (-oX)\u{a0}: les hôtes dans l'inventaire, le fichier gardé comme preuve. Le même fichier une seconde fois ne change rien"),
    ("scan import", Help("files"), "Fichiers XML écrits par `nmap -oX`"),
    ("scan list", About, "Ce que disent les scans\u{a0}: les hôtes avec leurs ports et leur identité, et les propositions par point de contrôle"),
    ("scan list", Help("json"), "Afficher du JSON pour les scripts au lieu de tableaux"),
    ("scan list", Help("control"), "Seulement les propositions sur ce point de contrôle"),
    ("scan accept", About, "Reprendre les propositions en attente sur un point de contrôle dans ses constats, le scan lié comme preuve (toutes, ou celles dont les identifiants sont donnés)"),
    ("DecideArgs", Help("control"), "Identifiant du point de contrôle, par ex. ENC-04"),
    ("DecideArgs", Help("ids"), "Identifiants des propositions comme `scan list` les montre (ou des faits, `telnet@10.20.0.12:23/tcp`)"),
    ("scan accept", Help("level"), "Le niveau à fixer, pour un point de contrôle sans réponse"),
    ("scan dismiss", About, "Écarter les propositions en attente sur un point de contrôle (toutes, ou celles dont les identifiants sont donnés)"),
    ("capture", About, "Lancer une commande (sans shell) et garder sa sortie, son code de sortie, ses heures et l'hôte comme preuve d'un point de contrôle ou d'une vulnérabilité\u{a0}: `vmsaudit capture ENC-04 -- openssl s_client -connect HOST:443`"),
    ("capture", Help("target"), "Point de contrôle (ENC-04) ou vulnérabilité (F-K3X9Q2) dont la sortie est la preuve"),
    ("capture", Help("level"), "Le niveau à fixer, pour un point de contrôle sans réponse"),
    ("capture", Help("timeout"), "Arrêter la commande après ce nombre de secondes"),
    ("capture", Help("command"), "La commande et ses arguments, après `--`\u{a0}; lancée telle quelle, sans shell"),
    ("report", About, "Produire le rapport d'audit\u{a0}: Markdown (avec le radar en SVG et PNG), HTML ou Word (DOCX, par pandoc)"),
    ("report", Help("format"), "Ce qu'il faut écrire"),
    ("report", Value("format", "md"), "Markdown avec le radar à côté en SVG et PNG, pour pandoc"),
    ("report", Value("format", "html"), "Un seul fichier HTML autonome, radar intégré, imprimable"),
    ("report", Value("format", "docx"), "Un document Word par pandoc (2.0 ou plus récent), radar intégré, aux styles de `templates/reference.docx` de l'audit s'il en a un\u{a0}; demande `-o FICHIER`"),
    ("report", Help("output"), "Où écrire\u{a0}: un fichier (`report-en.md`, `audit.html`, `rapport.docx`) ou un dossier\u{a0}; par défaut `reports/draft/` dans l'audit"),
    ("template", About, "Les modèles du rapport remplacés dans templates/ de l'audit\u{a0}: les lister, en relire un face au modèle intégré, les accepter dans ce clone (un rapport n'utilise que ceux acceptés)"),
    ("template list", About, "Les modèles remplacés de l'audit, et si ce clone a accepté chacun tel qu'il est"),
    ("template show", About, "Ce qu'un modèle remplacé change au modèle intégré (un diff unifié), ou tout son texte avec --full\u{a0}; les caractères de contrôle sont montrés désamorcés"),
    ("template show", Help("name"), "Le nom de fichier du modèle, par ex. report.fr.md.tera"),
    ("template show", Help("full"), "Afficher tout le modèle remplacé plutôt que ses différences"),
    ("template accept", About, "Accepter des modèles remplacés tels qu'ils sont, dans ce clone seulement\u{a0}: les rapports les utilisent dès lors, jusqu'à ce que leur texte change"),
    ("template accept", Help("names"), "Les noms de fichier des modèles"),
    ("template accept", Help("all"), "Tous les modèles remplacés de l'audit"),
    ("export", About, "Le plan d'action ou les vulnérabilités et écarts en tableur pour le client (XLSX ou CSV)"),
    ("export plan", About, "Le plan d'action dans son ordre (critiques d'abord), avec ses totaux de coûts par responsable et par devise sur une seconde feuille (XLSX)"),
    ("export findings", About, "Les vulnérabilités et écarts, les critiques d'abord, avec CVSS, CVE et dates KEV"),
    ("override", About, "Fixer à la main le score d'un domaine à la place du score calculé, avec une justification (le rapport montre les deux), ou retirer ce score fixé"),
    ("override", Help("domain"), "Identifiant du domaine, par ex. NET"),
    ("override", Help("score"), "Le score à montrer, par ex. 1.5"),
    ("override", Help("justification"), "Pourquoi le score calculé ne reflète pas le domaine"),
    ("override", Help("clear"), "Retirer le score fixé\u{a0}: le score calculé est de nouveau montré"),
    ("scope", About, "Le périmètre de l'audit\u{a0}: les composants inclus, les exclusions, les limites contractuelles. Chaque option donnée remplace sa liste\u{a0}; seule, la commande affiche le périmètre"),
    ("scope", Help("client"), "Le nom du client, tel que la couverture du rapport le montre"),
    ("scope", Help("site"), "Le site audité (vide le retire)"),
    ("scope", Help("contract"), "Le contrat ou le bon de commande (vide le retire)"),
    ("scope", Help("auditors"), "Un auditeur, `Nom <courriel>`\u{a0}; à répéter, la liste donnée remplace celle de l'audit"),
    ("scope", Help("components"), "Un composant audité\u{a0}: un des types de la grille (vms, nvr, dvr, camera, network, workstation, remote_access, interconnection, backup, mobile_app) ou quelques mots\u{a0}; à répéter, la liste donnée remplace celle du périmètre"),
    ("scope", Help("excluded"), "Ce qui est exclu de l'audit\u{a0}; à répéter, la liste donnée remplace celle du périmètre"),
    ("scope", Help("no_exclusions"), "Aucune exclusion"),
    ("scope", Help("limits"), "Les limites contractuelles de l'audit (Markdown)"),
    ("scope", Help("no_limits"), "Retirer les limites contractuelles"),
    ("scope", Help("json"), "Afficher le périmètre en JSON"),
    ("status", About, "L'avancement et le score par domaine"),
    ("status", Help("json"), "Afficher du JSON pour les scripts au lieu d'un tableau"),
    ("completions", About, "Afficher le script de complétion du shell SHELL (bash, zsh, fish, elvish, powershell)"),
    ("man", About, "Afficher la page de manuel (roff), par ex. `vmsaudit man > vmsaudit.1`"),
    ("grid", About, "Vérifier un fichier de grille, ou afficher la grille intégrée"),
    ("grid check", About, "Signaler chaque problème d'un fichier de grille, en fichier:ligne:colonne\u{a0}; sort avec le code 2 s'il y en a"),
    ("grid export", About, "Afficher la grille intégrée, à copier et adapter"),
    ("grid hashes", About, "Afficher les points de contrôle d'une grille avec l'empreinte de leur texte, comme l'entrée `replaces:` dont part une version plus récente (FICHIER, ou `builtin`)"),
    ("audit", About, "Campagnes d'audit\u{a0}: en clore une (rapport, commit, étiquette audit/LIBELLÉ), commencer la suivante, les lister"),
    ("audit close", About, "Clore la campagne en cours\u{a0}: produire son rapport dans reports/LIBELLÉ/, en faire un commit et poser sur ce commit l'étiquette audit/LIBELLÉ"),
    ("audit close", Help("label"), "Le libellé de la campagne, par ex. 2026-02 (lettres, chiffres, `.`, `_`, `-`)"),
    ("audit start", About, "Commencer la campagne suivante\u{a0}: réponses gardées mais à revérifier, vulnérabilités, écarts et actions repris, scores fixés à la main effacés"),
    ("audit start", Help("label"), "Le libellé de la nouvelle campagne, par ex. 2026-08"),
    ("audit start", Help("grid"), "Passer l'audit à une version plus récente de sa grille (un fichier, ou `builtin`)\u{a0}: les réponses reprises selon la correspondance `replaces:` de la nouvelle grille"),
    ("audit list", About, "Les campagnes closes\u{a0}: dates, scores, et la date recommandée du prochain audit"),
    ("audit list", Help("json"), "Afficher du JSON pour les scripts au lieu d'un tableau"),
    ("diff", About, "Ce qui a changé entre deux campagnes (libellés ou toute révision git\u{a0}; VERS est par défaut la copie de travail)\u{a0}: scores, niveaux, vulnérabilités et écarts, actions"),
    ("diff", Help("from"), "Le côté le plus ancien\u{a0}: le libellé d'une campagne (2026-02) ou toute révision git (HEAD~3, une empreinte)\u{a0}; la campagne en cours nomme la copie de travail"),
    ("diff", Help("to"), "Le côté le plus récent, de même (par défaut la copie de travail, que nomme aussi le libellé de la campagne en cours)"),
    ("diff", Value("format", "text"), "Un tableau pour le terminal (en couleur sur un terminal, sauf si NO_COLOR est défini)"),
    ("diff", Value("format", "md"), "Du Markdown, à coller dans un document"),
    ("diff", Value("format", "json"), "Du JSON, pour les scripts"),
    ("log", About, "Qui a changé un point de contrôle, quand, et de quoi à quoi, d'une campagne à l'autre"),
    ("log", Help("control"), "Identifiant du point de contrôle, par ex. ACC-01"),
    ("log", Help("json"), "Afficher du JSON pour les scripts au lieu de texte"),
    ("sync", About, "Récupérer, fusionner et pousser avec le dépôt distant git de l'audit (plusieurs auditeurs)\u{a0}; ne fait aucun commit de lui-même"),
    ("sync", Help("remote"), "Le dépôt distant avec lequel se synchroniser (par défaut `origin`, ou le seul dépôt distant du clone)"),
    // The arguments of a struct that several commands share, under the struct's name.
    ("FindingFields", Help("domain"), "Domaine de la grille (ACC, UPD...)\u{a0}; à l'ajout, par défaut le domaine du premier --control"),
    ("FindingFields", Help("controls"), "Un point de contrôle de la grille concerné\u{a0}; répétable"),
    ("FindingFields", Help("description"), "Ce qui a été constaté, en Markdown"),
    ("FindingFields", Help("cves"), "Un identifiant CVE, CVE-AAAA-NNNN\u{a0}; répétable"),
    ("FindingFields", Help("cvss"), "Vecteur CVSS 3.1 (ou 3.0), par ex. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
    ("FindingFields", Help("cvss_source"), "Qui a publié le vecteur\u{a0}: nvd, vendor (le constructeur), third-party (une CNA comme CISA ICS-CERT, ou CISA-ADP) ou auditor (l'auditeur, par défaut)"),
    ("FindingFields", Help("remote_takeover"), "La faille permet à un attaquant de prendre le contrôle de l'équipement à distance\u{a0}: critique quel que soit le score"),
    ("FindingFields", Help("severity"), "Sans vecteur\u{a0}: none, low, medium, high ou critical (avec --justification)"),
    ("FindingFields", Help("justification"), "Pourquoi cette criticité, quand elle est fixée à la main"),
    ("FindingFields", Help("assets"), "Un équipement de l'inventaire touché\u{a0}; répétable"),
    ("FindingFields", Help("recommendation"), "Que faire, en Markdown (à l'ajout, par défaut la recommandation de la grille pour les points de contrôle)"),
    ("FindingFields", Help("evidence"), "Un fichier à garder comme preuve (copié dans evidence/<ID>/ et haché)\u{a0}; répétable"),
    ("FindingFields", Help("evidence_note"), "Une note enregistrée avec les fichiers de preuve de cette commande"),
    ("ActionFields", Help("description"), "Ce qu'il faut faire, précisément, en Markdown"),
    ("ActionFields", Help("cost"), "L'estimation du coût en mots, par ex. «\u{a0}0 € (garantie)\u{a0}» ou «\u{a0}2 jours d'intégrateur\u{a0}»"),
    ("ActionFields", Help("amount"), "Le coût en nombre, pour les totaux du plan, par ex. 1250.50 (avec --currency)"),
    ("ActionFields", Help("currency"), "Code ISO 4217 du montant, par ex. EUR"),
    ("ActionFields", Help("deadline"), "AAAA-MM-JJ\u{a0}; sans échéance, une action critique est à mener immédiatement"),
    ("ExportArgs", Help("format"), "Le format du fichier"),
    ("ExportArgs", Value("format", "xlsx"), "Un classeur Excel\u{a0}: cellules typées, en-tête figé et filtré, criticité en couleur"),
    ("ExportArgs", Value("format", "csv"), "Du CSV comme le tableur de chaque langue l'ouvre (en français\u{a0}: `;`, BOM, virgule décimale)"),
    ("ExportArgs", Help("output"), "Le fichier à écrire, ou `-` pour la sortie standard"),
];

/// The placeholders of values in French (`<FILE>` → `<FICHIER>`), by the English one.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("ADDRESS", "ADRESSE"),
    ("AMOUNT", "MONTANT"),
    ("ASSET", "ÉQUIPEMENT"),
    ("CLIENT", "CLIENT"),
    ("COMMAND", "COMMANDE"),
    ("COMPLEXITY", "COMPLEXITÉ"),
    ("CONTRACT", "CONTRAT"),
    ("CONTROL", "CONTRÔLE"),
    ("COST", "COÛT"),
    ("CURRENCY", "DEVISE"),
    ("CVE", "CVE"),
    ("DESCRIPTION", "DESCRIPTION"),
    ("DIR", "DOSSIER"),
    ("DOMAIN", "DOMAINE"),
    ("EVIDENCE_NOTE", "NOTE"),
    ("FILE", "FICHIER"),
    ("FILES", "FICHIERS"),
    ("FILE|builtin", "FICHIER|builtin"),
    ("FINDING", "VULNÉRABILITÉ"),
    ("FIRM", "CABINET"),
    ("FIRMWARE", "MICROLOGICIEL"),
    ("FORMAT", "FORMAT"),
    ("FROM", "DEPUIS"),
    ("ID", "ID"),
    ("IDS", "IDS"),
    ("JUSTIFICATION", "JUSTIFICATION"),
    ("KIND", "TYPE"),
    ("KIND|TEXT", "TYPE|TEXTE"),
    ("LABEL", "LIBELLÉ"),
    ("LANG", "LANGUE"),
    ("LEVEL", "NIVEAU"),
    ("LOCATION", "EMPLACEMENT"),
    ("MAC", "MAC"),
    ("MODEL", "MODÈLE"),
    ("NAME", "NOM"),
    ("NAME <EMAIL>", "NOM <COURRIEL>"),
    ("NAMES", "NOMS"),
    ("NOTE", "NOTE"),
    ("NOTES", "NOTES"),
    ("OWNER", "RESPONSABLE"),
    ("PATH", "CHEMIN"),
    ("REASON", "RAISON"),
    ("RECOMMENDATION", "RECOMMANDATION"),
    ("REMOTE", "DÉPÔT"),
    ("SCORE", "SCORE"),
    ("SECONDS", "SECONDES"),
    ("SEVERITY", "CRITICITÉ"),
    ("SHELL", "SHELL"),
    ("SITE", "SITE"),
    ("SOURCE", "SOURCE"),
    ("STATUS", "STATUT"),
    ("TARGET", "CIBLE"),
    ("TEXT", "TEXTE"),
    ("TITLE", "TITRE"),
    ("TO", "VERS"),
    ("VECTOR", "VECTEUR"),
    ("VENDOR", "CONSTRUCTEUR"),
    ("YYYY-MM-DD", "AAAA-MM-JJ"),
];

/// The French placeholder of `english`, when the table has it.
pub(super) fn value_name(english: &str) -> Option<&'static str> {
    VALUE_NAMES
        .iter()
        .find(|(name, _)| *name == english)
        .map(|(_, french)| *french)
}

/// The French of `path`'s `part`, when the catalogue has it.
fn french(path: &str, part: Part<'_>) -> Option<&'static str> {
    CATALOGUE
        .iter()
        .find(|(at, said, _)| *at == path && *said == part)
        .map(|(_, _, text)| *text)
}

/// Where the parse of `args` stopped (`error`, from the English tree), as clap says it to
/// a reader of `lang`: for a French one, the French tree parses the same line again and
/// stops at the same place, its help pages, usage and headings in French. A line that parses
/// is never parsed twice.
pub fn in_language(error: clap::Error, args: &[OsString], lang: Lang) -> clap::Error {
    match lang {
        Lang::En => error,
        Lang::Fr => match command(args.first()).try_get_matches_from(args) {
            Err(french) => french,
            // The same arguments on the same tree parse the same way; should they not, clap's
            // English stop is still the truth.
            Ok(_) => error,
        },
    }
}

/// The command line's tree with its texts in French, built and ready to parse; its usage
/// lines name the program as `program` does (as clap names it from the English tree).
pub fn command(program: Option<&OsString>) -> Command {
    let mut command = <super::Cli as clap::CommandFactory>::command();
    // Building names every subcommand from the program's name: the one it was run as, as
    // clap takes it when it parses.
    if let Some(name) = program
        .and_then(|program| std::path::Path::new(program).file_name())
        .and_then(|name| name.to_str())
    {
        command = command.bin_name(name.to_owned());
    }
    translate(&mut command, "");
    // clap adds the help flag, the version flag and the `help` subcommand when it builds the
    // tree: their words are replaced after.
    command.build();
    clap_words(&mut command);
    command
}

/// The tree a reader of `lang` reads: the doc comments' for English, this catalogue's for
/// French.
pub fn for_reader(lang: Lang) -> Command {
    match lang {
        Lang::En => <super::Cli as clap::CommandFactory>::command(),
        Lang::Fr => command(None),
    }
}

/// A manual page rendered from the tree of `lang`, its section titles in that language
/// (`clap_mangen` writes them in English).
pub fn man_sections(page: Vec<u8>, lang: Lang) -> Vec<u8> {
    const FRENCH: &[(&str, &str)] = &[
        ("NAME", "NOM"),
        ("SUBCOMMANDS", "SOUS-COMMANDES"),
        ("EXTRA", "REMARQUES"),
        ("AUTHORS", "AUTEURS"),
    ];
    if lang == Lang::En {
        return page;
    }
    let page = match String::from_utf8(page) {
        Ok(page) => page,
        Err(error) => return error.into_bytes(),
    };
    page.lines()
        .map(|line| {
            let title = line.strip_prefix(".SH ").and_then(|title| {
                FRENCH
                    .iter()
                    .find(|(english, _)| *english == title)
                    .map(|(_, french)| format!(".SH {french}"))
            });
            title.unwrap_or_else(|| line.to_owned()) + "\n"
        })
        .collect::<String>()
        .into_bytes()
}

fn path_of(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent} {name}")
    }
}

/// Whether clap shows a longer page for `--help` than for `-h` (as clap decides it).
fn has_long_help(command: &Command) -> bool {
    command.get_long_about().is_some()
        || command.get_before_long_help().is_some()
        || command.get_after_long_help().is_some()
        || command.get_arguments().any(|arg| {
            !arg.is_hide_set()
                && (arg.get_long_help().is_some()
                    || arg.is_hide_long_help_set()
                    || arg.is_hide_short_help_set()
                    || (!arg.is_hide_possible_values_set()
                        && arg.get_possible_values().iter().any(shows_help)))
        })
}

/// Whether clap lists `value` with its help in a long page.
fn shows_help(value: &PossibleValue) -> bool {
    !value.is_hide_set() && value.get_help().is_some()
}

/// The doc comments of `command` and its subcommands replaced by their French.
fn translate(command: &mut Command, path: &str) {
    let long = has_long_help(command);
    let mut translated = std::mem::take(command);
    if translated.get_about().is_some()
        && let Some(text) = french(path, About)
    {
        translated = translated.about(text);
    }
    if translated.get_long_about().is_some()
        && let Some(text) = french(path, LongAbout)
    {
        translated = translated.long_about(text);
    }
    if translated.get_after_help().is_some()
        && let Some(text) = french(path, AfterHelp)
    {
        translated = translated.after_help(text);
    }
    let keys: Vec<(clap::Id, String)> = translated
        .get_arguments()
        .map(|arg| (arg.get_id().clone(), arg_key(&translated, path, arg)))
        .collect();
    translated = translated.mut_args(|arg| {
        let key = keys
            .iter()
            .find(|(id, _)| id == arg.get_id())
            .map_or(path, |(_, key)| key.as_str());
        translate_arg(arg, key, long)
    });
    *command = translated;
    for sub in command.get_subcommands_mut() {
        let sub_path = path_of(path, sub.get_name());
        translate(sub, &sub_path);
    }
}

/// The key under which the catalogue has the texts of `arg`, in `command` at `path`: the
/// root's for a global argument, its struct's name for an argument of a shared struct,
/// else the command's path.
fn arg_key(command: &Command, path: &str, arg: &Arg) -> String {
    if arg.is_global_set() {
        return String::new();
    }
    command
        .get_groups()
        .map(|group| (group.get_id().as_str(), group))
        .find(|(name, group)| {
            group.get_args().any(|id| id == arg.get_id())
                && CATALOGUE.iter().any(|(at, _, _)| at == name)
        })
        .map_or(path, |(name, _)| name)
        .to_owned()
}

/// `arg` with its help in French, and its default and possible values said in French
/// (clap's own brackets hidden), its texts under `path` in the catalogue. In a command whose
/// `--help` is longer than its `-h`, the long help carries them on their own lines, where
/// clap puts its own.
fn translate_arg(arg: Arg, path: &str, long: bool) -> Arg {
    // A flag's `false` default and boolean values are not shown by clap: nothing to say.
    if arg.is_hide_set() || !arg.get_action().takes_values() {
        return translate_flag(arg, path);
    }
    let id = arg.get_id().as_str().to_owned();
    let help = match arg.get_help() {
        Some(english) => french(path, Help(&id))
            .map(str::to_owned)
            .unwrap_or_else(|| english.to_string()),
        None => String::new(),
    };
    let long_help = arg.get_long_help().map(|english| {
        french(path, LongHelp(&id))
            .map(str::to_owned)
            .unwrap_or_else(|| english.to_string())
    });
    let Specs {
        values,
        default,
        possible,
    } = Specs::of(&arg);
    let listed = values.iter().any(shows_help);
    let short: Vec<&str> = [default.as_deref(), possible.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    // clap keeps `&'static str` placeholders: a name the table lacks stays as it is.
    let names: Option<Vec<&'static str>> = arg
        .get_value_names()
        .map(|names| names.iter().map(|name| value_name(name.as_str())).collect())
        .unwrap_or(None);
    let arg = match names {
        Some(names) => arg.value_names(names),
        None => arg,
    };
    let mut arg = arg
        .help(joined(&help, " ", &short.join(" ")))
        .hide_default_value(true)
        .hide_possible_values(true);
    if long {
        let mut parts = vec![long_help.unwrap_or_else(|| help.clone())];
        if listed {
            parts.push(value_list(&values, path, &id));
        }
        let specs: Vec<&str> = if listed {
            default.as_deref().into_iter().collect()
        } else {
            short
        };
        if !specs.is_empty() {
            parts.push(specs.join("\n"));
        }
        let parts: Vec<String> = parts.into_iter().filter(|part| !part.is_empty()).collect();
        arg = arg.long_help(parts.join("\n\n"));
    }
    arg
}

/// What clap would put in brackets after an argument's help, said in French: its default
/// and its possible values (those clap shows).
struct Specs {
    values: Vec<PossibleValue>,
    default: Option<String>,
    possible: Option<String>,
}

impl Specs {
    fn of(arg: &Arg) -> Specs {
        let defaults: Vec<String> = if arg.is_hide_default_value_set() {
            Vec::new()
        } else {
            arg.get_default_values()
                .iter()
                .map(|value| value.to_string_lossy().into_owned())
                .collect()
        };
        let values: Vec<PossibleValue> = if arg.is_hide_possible_values_set() {
            Vec::new()
        } else {
            arg.get_possible_values()
                .into_iter()
                .filter(|value| !value.is_hide_set())
                .collect()
        };
        let default =
            (!defaults.is_empty()).then(|| format!("[par défaut\u{a0}: {}]", defaults.join(" ")));
        let possible = (!values.is_empty()).then(|| {
            let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
            format!("[valeurs possibles\u{a0}: {}]", names.join(", "))
        });
        Specs {
            values,
            default,
            possible,
        }
    }
}

/// A flag (or a hidden argument) with its help in French, under `path` in the catalogue.
fn translate_flag(arg: Arg, path: &str) -> Arg {
    match french(path, Help(arg.get_id().as_str())) {
        Some(text) if arg.get_help().is_some() && !arg.is_hide_set() => arg.help(text),
        _ => arg,
    }
}

fn joined(first: &str, between: &str, second: &str) -> String {
    match (first.is_empty(), second.is_empty()) {
        (_, true) => first.to_owned(),
        (true, false) => second.to_owned(),
        (false, false) => format!("{first}{between}{second}"),
    }
}

/// The possible values of `id` with their French help, one a line, as clap lists them.
fn value_list(values: &[PossibleValue], path: &str, id: &str) -> String {
    let longest = values
        .iter()
        .map(|value| value.get_name().chars().count())
        .max()
        .unwrap_or(0);
    let mut text = String::from("Valeurs possibles\u{a0}:");
    for value in values {
        let name = value.get_name();
        text.push_str(&format!("\n- {name}"));
        if let Some(english) = value.get_help() {
            let help = french(path, Value(id, name))
                .map(str::to_owned)
                .unwrap_or_else(|| english.to_string());
            let padding = longest - name.chars().count();
            text.push_str(&format!("\u{a0}:{:padding$} {help}", ""));
        }
    }
    text
}

/// clap's own words in French, on the built tree: the help and version flags, the `help`
/// subcommand, and the headings of every page.
fn clap_words(command: &mut Command) {
    let mut translated = std::mem::take(command);
    let template = template(&translated);
    translated = translated
        .help_template(template)
        .subcommand_value_name("COMMANDE");
    translated = translated.mut_args(|arg| match arg.get_id().as_str() {
        "help" if arg.get_long_help().is_some() => arg
            .help("Afficher l'aide (plus de détails avec «\u{a0}--help\u{a0}»)")
            .long_help("Afficher l'aide (un résumé avec «\u{a0}-h\u{a0}»)"),
        "help" => arg.help("Afficher l'aide"),
        "version" => arg.help("Afficher la version"),
        _ => arg,
    });
    *command = translated;
    for sub in command.get_subcommands_mut() {
        if sub.get_name() == "help" {
            let about = "Afficher ce message ou l'aide des sous-commandes données";
            *sub = std::mem::take(sub).about(about);
        }
        clap_words(sub);
    }
}

/// The page of `command` with French headings; a section only when it has something to show.
fn template(command: &Command) -> StyledStr {
    let styles = Styles::default();
    let usage = styles.get_usage();
    let header = styles.get_header();
    let mut page = format!(
        "{{before-help}}{{about-with-newline}}\n{usage}Utilisation\u{a0}:{usage:#} {{usage}}"
    );
    let mut sections = Vec::new();
    if command.get_subcommands().any(|sub| !sub.is_hide_set()) {
        sections.push(format!(
            "{header}Commandes\u{a0}:{header:#}\n{{subcommands}}"
        ));
    }
    if command.get_positionals().any(|arg| !arg.is_hide_set()) {
        sections.push(format!(
            "{header}Arguments\u{a0}:{header:#}\n{{positionals}}"
        ));
    }
    if command
        .get_arguments()
        .any(|arg| !arg.is_positional() && !arg.is_hide_set())
    {
        sections.push(format!("{header}Options\u{a0}:{header:#}\n{{options}}"));
    }
    if !sections.is_empty() {
        page.push_str("\n\n");
        page.push_str(&sections.join("\n\n"));
    }
    page.push_str("{after-help}");
    StyledStr::from(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of the English tree, as catalogue keys with the English beside them.
    fn texts<'c>(command: &'c Command, path: &str, found: &mut Vec<(String, Part<'c>, String)>) {
        let mut add =
            |at: &str, part: Part<'c>, text: String| found.push((at.to_owned(), part, text));
        if let Some(about) = command.get_about() {
            add(path, About, about.to_string());
        }
        if let Some(about) = command.get_long_about() {
            add(path, LongAbout, about.to_string());
        }
        if let Some(after) = command.get_after_help() {
            add(path, AfterHelp, after.to_string());
        }
        for arg in command.get_arguments().filter(|arg| !arg.is_hide_set()) {
            if arg.is_global_set() && !path.is_empty() {
                continue;
            }
            let key = arg_key(command, path, arg);
            let id = arg.get_id().as_str();
            if let Some(help) = arg.get_help() {
                add(&key, Help(id), help.to_string());
            }
            if let Some(help) = arg.get_long_help() {
                add(&key, LongHelp(id), help.to_string());
            }
            for value in arg.get_possible_values() {
                if let Some(help) = value.get_help() {
                    let name = Box::leak(value.get_name().to_owned().into_boxed_str());
                    add(&key, Value(id, name), help.to_string());
                }
            }
        }
        for sub in command.get_subcommands() {
            texts(sub, &path_of(path, sub.get_name()), found);
        }
    }

    #[test]
    fn every_text_of_the_tree_has_its_french_and_no_other() {
        let command = <super::super::Cli as clap::CommandFactory>::command();
        let mut found = Vec::new();
        texts(&command, "", &mut found);
        let missing: Vec<String> = found
            .iter()
            .filter(|(path, part, _)| french(path, *part).is_none())
            .map(|(path, part, english)| format!("    ({path:?}, {part:?}, {english:?}),"))
            .collect();
        assert!(missing.is_empty(), "no French for:\n{}", missing.join("\n"));
        // A row a struct's commands share stands for one English text.
        for (path, part, english) in &found {
            let other = found
                .iter()
                .find(|(at, said, text)| at == path && said == part && text != english);
            assert!(
                other.is_none(),
                "{path:?} {part:?}: {english:?} and {other:?}"
            );
        }
        let stale: Vec<String> = CATALOGUE
            .iter()
            .filter(|(path, part, _)| !found.iter().any(|(at, said, _)| at == path && said == part))
            .map(|(path, part, _)| format!("({path:?}, {part:?})"))
            .collect();
        assert!(stale.is_empty(), "not in the tree: {}", stale.join(", "));
    }

    #[test]
    fn the_french_sets_a_no_break_space_before_double_punctuation_and_inside_quotes() {
        for (path, part, text) in CATALOGUE {
            // Code spans are what is typed (`;`, `replaces:`): left as they are.
            let prose: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            let chars: Vec<char> = prose.chars().collect();
            for (at, mark) in chars.iter().enumerate() {
                let before = at.checked_sub(1).map(|at| chars[at]);
                let after = chars.get(at + 1);
                let punctuation = [':', ';', '?', '!'].contains(mark)
                    && after.is_none_or(|after| after.is_whitespace());
                let wrong = (punctuation || *mark == '»') && before != Some('\u{a0}')
                    || *mark == '«' && after != Some(&'\u{a0}');
                assert!(!wrong, "{path:?} {part:?}: {text:?}");
            }
        }
    }

    /// Every page of `command` and its subcommands, short and long.
    fn pages(command: &mut Command, found: &mut Vec<String>) {
        found.push(command.render_help().to_string());
        found.push(command.render_long_help().to_string());
        for sub in command.get_subcommands_mut() {
            pages(sub, found);
        }
    }

    #[test]
    fn no_page_of_the_french_tree_says_claps_english() {
        let mut command = command(None);
        let mut found = Vec::new();
        pages(&mut command, &mut found);
        assert!(found.len() > 60, "{}", found.len());
        for page in &found {
            for english in [
                "Usage:",
                "Commands:",
                "Arguments:",
                "Options:",
                "Print ",
                "[default:",
                "[possible values:",
                "Possible values:",
                "[aliases:",
                "<COMMAND>",
                "<FILE>",
            ] {
                assert!(!page.contains(english), "{english:?} in:\n{page}");
            }
            assert!(page.contains("Utilisation\u{a0}:"), "{page}");
        }
        // No English text of the doc comments is left on any page.
        let english_tree = <super::super::Cli as clap::CommandFactory>::command();
        let mut english = Vec::new();
        texts(&english_tree, "", &mut english);
        for (path, part, text) in &english {
            assert!(
                !found.iter().any(|page| page.contains(text.as_str())),
                "{path:?} {part:?} still in English: {text:?}"
            );
        }
    }

    fn value_names(command: &Command, found: &mut Vec<String>) {
        for arg in command.get_arguments() {
            if !arg.is_hide_set() && arg.get_action().takes_values() {
                found.extend(
                    arg.get_value_names()
                        .unwrap_or_default()
                        .iter()
                        .map(ToString::to_string),
                );
            }
        }
        for sub in command.get_subcommands() {
            value_names(sub, found);
        }
    }

    #[test]
    fn every_placeholder_of_a_value_has_its_french_and_no_other() {
        let command = <super::super::Cli as clap::CommandFactory>::command();
        let mut found = Vec::new();
        value_names(&command, &mut found);
        let missing: Vec<&String> = found
            .iter()
            .filter(|name| value_name(name).is_none())
            .collect();
        assert!(missing.is_empty(), "no French for: {missing:?}");
        let stale: Vec<&str> = VALUE_NAMES
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| *name != "COMMAND" && !found.iter().any(|found| found == name))
            .collect();
        assert!(stale.is_empty(), "not in the tree: {stale:?}");
    }
}
