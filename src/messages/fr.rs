//! Les mots français des messages du cœur. Typographie : espace insécable (U+00A0) avant
//! `: ; ? !`, guillemets « ».

use super::matching::{MatchTrace, RangeEnd, RangeWhy, Uncomparable, Verdict};
use super::{
    Access, Act, AuditorFlaw, Blocked, Culprit, CveAsk, Doing, EvidenceFound, EvidenceOwner,
    FeedFlaw, FileFlaw, FileKind, FileRole, Fix, GridMapFlaw, GridPart, Holder, IncomingFlaw,
    JsonBreak, KeyPlace, LabelFlaw, Loaded, MetaFlaw, Namer, Output, PackFlaw, Pandoc, RangeFlaw,
    Remote, ReportFault, ScanAsk, ScanFlaw, Setting, Subject, TemplateFlaw, Thing, Unblock,
    Unchanged, Unknown, VendorFlaw, Wrong, YamlFlaw, list,
};
use crate::field::{
    ActionField, AnswerField, AssetField, Field, FindingField, OverrideField, ScanField, ScopeField,
};
use crate::text::{one_line, shell_path, shell_word};

/// A number as French writes it: `2,5`.
fn decimal(text: &str) -> String {
    crate::lang::Lang::Fr.decimal(text)
}

/// The thing, with its article for « inconnu(e) ».
fn thing(thing: Thing) -> (&'static str, &'static str) {
    match thing {
        Thing::Finding => ("vulnérabilité", "inconnue"),
        Thing::Action => ("action", "inconnue"),
        Thing::Asset => ("équipement", "inconnu"),
        Thing::Control => ("contrôle", "inconnu"),
        Thing::Domain => ("domaine", "inconnu"),
        Thing::Scan => ("scan", "inconnu"),
    }
}

fn unknown(unknown: &Unknown) -> String {
    let given = one_line(&unknown.given);
    let (what, unknown_word) = thing(unknown.thing);
    match &unknown.grid {
        Some(grid) => format!(
            "{what} `{given}` {unknown_word} dans la grille {}",
            one_line(grid)
        ),
        None => format!("{what} `{given}` {unknown_word}"),
    }
}

/// Le nom qu'un fichier voulait sans doute dire, pour une clé ou un identifiant inconnu.
fn did_you_mean(near: &str) -> String {
    format!("vouliez-vous dire `{}`\u{a0}?", one_line(near))
}

pub(super) fn wrong(wrong: &Wrong, name: Namer<'_>) -> String {
    match wrong {
        Wrong::BadId { .. }
        | Wrong::NotAChoice { .. }
        | Wrong::BadVector(_)
        | Wrong::OutsideScale { .. } => value_wrong(wrong),
        Wrong::NotACve(given) => not_a(given, "un identifiant CVE"),
        Wrong::NotADate(given) => not_a(given, "une date"),
        Wrong::YearOutside { given, first, last } => format!(
            "{} n'est pas une échéance plausible\u{a0}: son année n'est pas entre {first} et {last}",
            one_line(given)
        ),
        Wrong::NotAnAmount(given) => not_a(given, "un montant"),
        Wrong::NotACurrency(given) => not_a(given, "un code de devise"),
        Wrong::NotAMac(given) => not_a(given, "une adresse MAC"),
        Wrong::AlreadyThere(_)
        | Wrong::NotYetThere(_)
        | Wrong::NotFileName { .. }
        | Wrong::AlreadyDecided { .. }
        | Wrong::NotAnEngagement(_)
        | Wrong::NotAFolder(_) => record_wrong(wrong),
        Wrong::NoBreakSpace {
            part,
            key,
            quoted,
            count,
        } => no_break_space(part, key, quoted, *count),
        Wrong::Empty => "vide".to_owned(),
        Wrong::Missing => "manquant".to_owned(),
        Wrong::Twice(item) => format!("`{}` figure deux fois", one_line(item)),
        Wrong::Unknown(found) => unknown(found),
        Wrong::SeverityWithVector { .. }
        | Wrong::NotWithVector
        | Wrong::WithoutVector
        | Wrong::NoSeverity
        | Wrong::Unjustified => severity_wrong(wrong),
        Wrong::AcceptedWithoutReason => "un risque accepté doit être motivé".to_owned(),
        Wrong::DroppedWithoutReason => "une action abandonnée doit être motivée".to_owned(),
        Wrong::NeededWith(other) => format!("requis avec {}", name(*other)),
        Wrong::NoAnswerYet(control) => {
            format!("{control} n'a pas encore de réponse, il lui faut donc un niveau")
        }
        Wrong::NotApplicableUnjustified => {
            "«\u{a0}non applicable\u{a0}» doit être justifié".to_owned()
        }
        Wrong::AddressedBy { .. }
        | Wrong::NamedBy { .. }
        | Wrong::EvidenceNotListed { .. }
        | Wrong::ItemEmpty(_)
        | Wrong::NotOneLine { .. }
        | Wrong::BadAuditor { .. } => list_wrong(wrong),
        Wrong::ControlCharacters => "caractères de contrôle dans le texte".to_owned(),
        Wrong::Blocked(blocked) => self::blocked(blocked),
        Wrong::Setting(setting) => self::setting(setting).0,
        Wrong::File(flaw) => self::file(flaw).0,
        Wrong::Remote(remote) => self::remote(remote).0,
        Wrong::Scan(ask) => self::scan(ask).0,
        Wrong::Cve(ask) => self::cve(ask).0,
        Wrong::Output(output) => self::output(output).0,
        Wrong::Template(flaw) => self::template(flaw).0,
        Wrong::ScanFile(flaw) => self::scan_file(flaw).0,
        Wrong::Bug(what) => format!("vmsaudit a mal fonctionné\u{a0}: {}", one_line(what)),
        Wrong::Meta(flaw) => self::meta(flaw).0,
        Wrong::Yaml(flaw) => self::yaml(flaw).0,
        Wrong::Feed(flaw) => self::feed(flaw).0,
        Wrong::Csv(flaw) => self::csv(flaw).0,
        Wrong::GridMap(flaw) => self::grid_map(flaw).0,
        Wrong::Pack { entry, flaw } => match entry {
            Some(id) => format!("{}\u{a0}: {}", one_line(id), self::pack(flaw).0),
            None => self::pack(flaw).0,
        },
        Wrong::Other(text) => one_line(text),
        Wrong::Grid(flaw) => self::grid(flaw).0,
    }
}

/// Une valeur qui ne se lit pas comme son type (ces variantes seulement).
fn value_wrong(wrong: &Wrong) -> String {
    match wrong {
        Wrong::BadId { given, max } => format!(
            "`{}` n'est pas un identifiant valide\u{a0}: au plus {max} lettres, chiffres, `-`, `_` ou `.`, commençant par une lettre ou un chiffre",
            one_line(given)
        ),
        Wrong::NotAChoice { given, choices } => {
            format!("`{}` n'est pas l'un de {}", one_line(given), list(choices))
        }
        Wrong::BadVector(detail) => {
            format!("ce n'est pas un vecteur CVSS\u{a0}: {}", one_line(detail))
        }
        Wrong::OutsideScale { given, max } => {
            format!(
                "{} est hors de l'échelle de la grille (0–{max})",
                decimal(given)
            )
        }
        _ => String::new(),
    }
}

/// Un texte donné là où une valeur de ce type (`kind`) était attendue.
fn not_a(given: &str, kind: &str) -> String {
    format!("`{}` n'est pas {kind}", one_line(given))
}

/// Un enregistrement, un fichier ou un dossier qui n'est pas ce que la demande croit (ces
/// variantes seulement).
fn record_wrong(wrong: &Wrong) -> String {
    match wrong {
        Wrong::AlreadyThere(id) => format!("{} est déjà dans l'inventaire", one_line(id)),
        Wrong::NotYetThere(id) => format!(
            "{} n'est pas encore dans l'inventaire, il lui faut donc un type",
            one_line(id)
        ),
        Wrong::NotFileName { key, value } => format!(
            "`{key}: {}` ne correspond pas au nom du fichier",
            one_line(value)
        ),
        Wrong::AlreadyDecided { fact, accepted } => format!(
            "{} a déjà été {}",
            one_line(fact),
            if *accepted { "repris" } else { "écarté" }
        ),
        Wrong::NotAnEngagement(path) => format!(
            "{} n'est pas un audit (pas de engagement.yaml ici ni au-dessus)",
            one_line(path)
        ),
        Wrong::NotAFolder(path) => format!("{} n'est pas un dossier", one_line(path)),
        _ => String::new(),
    }
}

/// Un texte français sans ses espaces insécables : où, et les premiers endroits cités.
fn no_break_space(part: &GridPart, key: &str, quoted: &[String], count: usize) -> String {
    let part = match part {
        GridPart::Grid => "de la grille".to_owned(),
        GridPart::Domain(id) => format!("du domaine {}", one_line(id)),
        GridPart::Control(id) => format!("du contrôle {}", one_line(id)),
    };
    let what = if key.is_empty() {
        part
    } else {
        format!("{part}, `{}`", one_line(key))
    };
    let mut shown: Vec<String> = quoted
        .iter()
        .map(|excerpt| format!("«\u{a0}{}\u{a0}»", one_line(excerpt)))
        .collect();
    if count > quoted.len() {
        shown.push(format!("et {}\u{a0}de plus", count - quoted.len()));
    }
    format!(
        "texte français {what}\u{a0}: pas d'espace insécable à {count}\u{a0}endroit(s)\u{a0}: {}",
        shown.join(", ")
    )
}

/// What is wrong with a severity and its vector (only those variants).
fn severity_wrong(wrong: &Wrong) -> String {
    match wrong {
        Wrong::SeverityWithVector {
            severity,
            score,
            from_vector,
        } => format!(
            "la criticité `{severity}` est fixée à la main, mais le vecteur la donne ({score} → {from_vector})"
        ),
        Wrong::NotWithVector => "renseignée, alors que la criticité vient du vecteur".to_owned(),
        Wrong::WithoutVector => "renseignée sans vecteur".to_owned(),
        Wrong::NoSeverity => "la vulnérabilité n'a ni vecteur CVSS ni criticité".to_owned(),
        Wrong::Unjustified => "une criticité fixée à la main doit être justifiée".to_owned(),
        _ => String::new(),
    }
}

/// What is wrong with a list or what names a record (only those variants).
fn list_wrong(wrong: &Wrong) -> String {
    match wrong {
        Wrong::AddressedBy { finding, actions } => format!(
            "la vulnérabilité {finding} est traitée par {} action(s)\u{a0}: {}",
            actions.len(),
            list(actions)
        ),
        Wrong::EvidenceNotListed { given, listed } if listed.is_empty() => format!(
            "`{}` n'est pas parmi ses preuves\u{a0}: elle n'en liste aucune",
            one_line(given)
        ),
        Wrong::EvidenceNotListed { given, listed } => format!(
            "`{}` n'est pas parmi ses preuves, qui sont\u{a0}: {}",
            one_line(given),
            list(listed)
        ),
        Wrong::NamedBy { asset, findings } => format!(
            "l'équipement {asset} est cité par {} vulnérabilité(s)\u{a0}: {}",
            findings.len(),
            list(findings)
        ),
        Wrong::ItemEmpty(place) => format!("l'élément {place} est vide"),
        Wrong::NotOneLine {
            item: Some(place),
            text,
        } => format!(
            "l'élément {place}, «\u{a0}{}\u{a0}», n'est pas une ligne de texte simple",
            one_line(text)
        ),
        Wrong::NotOneLine { item: None, text } => format!(
            "«\u{a0}{}\u{a0}» n'est pas une ligne de texte simple",
            one_line(text)
        ),
        Wrong::BadAuditor { item, detail } => {
            format!("auditeur {item}\u{a0}: {}", auditor_flaw(detail))
        }
        _ => String::new(),
    }
}

pub(super) fn fix(fix: &Fix, name: Namer<'_>) -> String {
    match fix {
        Fix::Give(_)
        | Fix::Remove(_)
        | Fix::GiveOrRemove { .. }
        | Fix::VectorOrSeverity
        | Fix::SayWhy(_) => field_fix(fix, name),
        Fix::RestoreFile(_)
        | Fix::RemoveOrRestoreGrid(_)
        | Fix::EditOrRestore(_) => restore_fix(fix),
        Fix::Choose(choices) => format!("choisissez parmi\u{a0}: {}", list(choices)),
        Fix::DidYouMean(near) => format!("vouliez-vous dire {}\u{a0}?", one_line(near)),
        Fix::ListOnce => "ne citez chaque élément qu'une fois".to_owned(),
        Fix::KeepOne => {
            "gardez une seule entrée par équipement, ou donnez à la seconde son propre identifiant"
                .to_owned()
        }
        Fix::RestoreId => {
            "les identifiants sont donnés par vmsaudit\u{a0}; rétablissez l'identifiant d'origine du fichier"
                .to_owned()
        }
        Fix::IdLike(_)
        | Fix::CurrencyCode
        | Fix::DateLike
        | Fix::VectorLike
        | Fix::CveLike
        | Fix::AmountLike
        | Fix::MacLike => example_fix(fix),
        Fix::Level { max } => format!(
            "donnez un niveau de 0 à {max}, ou `na` si le contrôle ne s'applique pas"
        ),
        Fix::Score { max } => format!("donnez un score de 0 à {max}"),
        Fix::OtherIdOrEdit => {
            "choisissez un autre identifiant, ou modifiez cet équipement".to_owned()
        }
        Fix::TakeOutOfActions(finding) => format!(
            "retirez d'abord {finding} de ces actions, ou supprimez les actions"
        ),
        Fix::TakeOutOfFindings => {
            "retirez-le d'abord de ces vulnérabilités".to_owned()
        }
        Fix::GiveListedPath => "donnez l'un des chemins listés, tel qu'il est écrit".to_owned(),
        Fix::OneLine => "écrivez-le sur une ligne, sans caractère de contrôle".to_owned(),
        Fix::AuditorForm => "écrivez chaque auditeur sous la forme `Nom <email>`".to_owned(),
        Fix::PlainText => "écrivez du texte simple (le Markdown convient)".to_owned(),
        Fix::DomainOrControl(_)
        | Fix::AddAsset(_)
        | Fix::CheckList(_)
        | Fix::ControlLike => known_fix(fix),
        Fix::FindEngagement => "lancez la commande dans le dossier d'un audit, désignez-en un avec -C DOSSIER, ou créez-en un avec `vmsaudit init DOSSIER --client NOM`".to_owned(),
        Fix::Unblock(unblock) => self::unblock(unblock),
        Fix::Setting(setting) => self::setting(setting).1,
        Fix::File(flaw) => self::file(flaw).1,
        Fix::Remote(remote) => self::remote(remote).1,
        Fix::Scan(ask) => self::scan(ask).1,
        Fix::Cve(ask) => self::cve(ask).1,
        Fix::Output(output) => self::output(output).1,
        Fix::Template(flaw) => self::template(flaw).1,
        Fix::ScanFile(flaw) => self::scan_file(flaw).1,
        Fix::ReportBug => "signalez-le comme un défaut de vmsaudit".to_owned(),
        Fix::Meta(flaw) => self::meta(flaw).1,
        Fix::Yaml(flaw) => self::yaml(flaw).1,
        Fix::Pack(flaw) => self::pack(flaw).1,
        Fix::Feed(flaw) => self::feed(flaw).1,
        Fix::Csv(flaw) => self::csv(flaw).1,
        Fix::GridMap(flaw) => self::grid_map(flaw).1,
        Fix::NoBreakSpace => "le français met une espace insécable (U+00A0) avant «\u{a0}:\u{a0}», «\u{a0};\u{a0}», «\u{a0}?\u{a0}», «\u{a0}!\u{a0}» et à l'intérieur des guillemets".to_owned(),
        Fix::Nothing => String::new(),
        Fix::Grid(flaw) => self::grid(flaw).1,
    }
}

/// Ce qu'il faut renseigner ou retirer, chaque champ nommé comme le dit l'interface (ces
/// variantes seulement).
fn field_fix(fix: &Fix, name: Namer<'_>) -> String {
    match fix {
        Fix::Give(field) => format!("renseignez {}", name(*field)),
        Fix::Remove(field) => format!("retirez {}", name(*field)),
        Fix::GiveOrRemove { give, remove } => {
            format!("renseignez {}, ou retirez {}", name(*give), name(*remove))
        }
        Fix::VectorOrSeverity => format!(
            "renseignez {}, ou {} avec {}",
            name(FindingField::Cvss.into()),
            name(FindingField::Severity.into()),
            name(FindingField::SeverityJustification.into())
        ),
        Fix::SayWhy(field) => format!("dites pourquoi dans {}", name(*field)),
        _ => String::new(),
    }
}

/// Comment retrouver un fichier tel que vmsaudit l'a écrit (ces variantes seulement).
fn restore_fix(fix: &Fix) -> String {
    match fix {
        Fix::RestoreFile(file) => format!(
            "rétablissez-le avec `git checkout -- {shown}`{more}",
            shown = shell_word(file),
            more = committed_too(file)
        ),
        Fix::RemoveOrRestoreGrid(file) => format!(
            "supprimez {}, ou rétablissez la grille avec laquelle l'audit a commencé",
            one_line(file)
        ),
        Fix::EditOrRestore(file) => format!(
            "corrigez le YAML à la main, ou rétablissez la dernière version enregistrée avec `git checkout -- {shown}`{more}",
            shown = shell_word(file),
            more = committed_too(file)
        ),
        _ => String::new(),
    }
}

/// Pour un défaut déjà commité, que `git checkout -- FICHIER` ramène tel quel.
fn committed_too(file: &str) -> String {
    format!(
        " (si le défaut est commité\u{a0}: une version antérieure, `git log -- {0}` puis `git checkout COMMIT -- {0}`)",
        shell_word(file)
    )
}

/// Where the known records are, for an id that names none (only those variants).
fn known_fix(fix: &Fix) -> String {
    match fix {
        Fix::DomainOrControl(domains) => format!(
            "donnez l'un de {}, ou un contrôle dont il prendra le domaine",
            list(domains)
        ),
        Fix::AddAsset(Some(near)) => format!(
            "vouliez-vous dire {}\u{a0}? Sinon, ajoutez-le d'abord à l'inventaire",
            one_line(near)
        ),
        Fix::AddAsset(None) => "ajoutez-le d'abord à l'inventaire".to_owned(),
        Fix::CheckList(what) => {
            let list = match what {
                Thing::Finding => "des vulnérabilités et écarts",
                Thing::Action => "des actions",
                Thing::Asset => "des équipements",
                Thing::Control => "des contrôles",
                Thing::Domain => "des domaines",
                Thing::Scan => "des scans",
            };
            format!("vérifiez l'identifiant\u{a0}: la liste {list} les donne")
        }
        Fix::ControlLike => {
            "les contrôles s'écrivent comme ACC-01\u{a0}: la grille les liste tous".to_owned()
        }
        _ => String::new(),
    }
}

/// How a value is written, by example (only those variants).
fn example_fix(fix: &Fix) -> String {
    match fix {
        Fix::IdLike(example) => format!("par exemple `{example}`"),
        Fix::CurrencyCode => {
            "utilisez les trois majuscules de l'ISO 4217\u{a0}: EUR, USD, CHF, GBP…".to_owned()
        }
        Fix::DateLike => "écrivez-la AAAA-MM-JJ, par exemple 2026-03-15".to_owned(),
        Fix::VectorLike => {
            "écrivez un vecteur comme CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".to_owned()
        }
        Fix::CveLike => "écrivez les identifiants CVE comme CVE-2021-36260".to_owned(),
        Fix::AmountLike => "écrivez un montant comme 1200 ou 1200,50".to_owned(),
        Fix::MacLike => {
            "écrivez six paires de chiffres hexadécimaux, par exemple 00:11:22:AA:BB:CC".to_owned()
        }
        _ => String::new(),
    }
}

pub(super) fn subject(subject: &Subject) -> String {
    match subject {
        Subject::NewFinding => "nouvelle vulnérabilité".to_owned(),
        Subject::Finding(id) => format!("vulnérabilité {id}"),
        Subject::NewAction => "nouvelle action".to_owned(),
        Subject::Action(id) => format!("action {id}"),
        Subject::Asset(id) => format!("équipement {}", one_line(id)),
        Subject::File(file) => one_line(file),
        Subject::Answer(control) => format!("réponse {control}"),
        Subject::Override(Some(domain)) => format!("score fixé {domain}"),
        Subject::Override(None) => "score fixé".to_owned(),
        Subject::Scope => "périmètre".to_owned(),
        Subject::ScanFacts(control) => format!("faits des scans sur {control}"),
    }
}

pub(super) fn locked(holder: Option<&Holder>) -> (String, String) {
    let holder = holder.map_or("un autre vmsaudit".to_owned(), |holder| {
        let doing = match &holder.doing {
            Doing::Checklist => "la liste de contrôle interactive".to_owned(),
            // What the holder is doing, named by vmsaudit itself (`answer ACC-01`): no
            // command to paste.
            Doing::Command(command) => format!("`vmsaudit {}`", one_line(command)),
        };
        format!(
            "{doing} (pid {}, utilisateur {} sur {}{})",
            holder.pid,
            one_line(&holder.user),
            one_line(&holder.host),
            holder
                .since
                .map(|since| format!(", depuis le {}", crate::lang::Lang::Fr.moment(since)))
                .unwrap_or_default()
        )
    });
    (
        format!("l'audit est en cours d'utilisation\u{a0}: {holder}"),
        "attendez qu'il finisse ou fermez-le\u{a0}; si ce processus a été tué, le verrou est déjà libre et vous pouvez réessayer".to_owned(),
    )
}

pub(super) fn unchanged(unchanged: &Unchanged) -> String {
    match unchanged {
        Unchanged::Record(id) => format!("{}\u{a0}: rien à modifier", one_line(id)),
        Unchanged::Engagement => "audit\u{a0}: rien à modifier".to_owned(),
        Unchanged::Asset(id) => format!("inventaire\u{a0}: {} inchangé", one_line(id)),
        Unchanged::AssetsFrom(source) => {
            format!("inventaire\u{a0}: {} ne change rien", one_line(source))
        }
        Unchanged::Import { file, unchanged } => format!(
            "inventaire\u{a0}: {} ne change rien ({unchanged} actif(s) inchangé(s))",
            one_line(file)
        ),
        Unchanged::NoOverride(id) => format!(
            "{}\u{a0}: aucun score fixé par les auditeurs à retirer",
            one_line(id)
        ),
        Unchanged::ScanImported { id, file } => format!(
            "scan {}\u{a0}: {} a déjà été importé\u{a0}; rien à modifier",
            one_line(id),
            one_line(file)
        ),
    }
}

pub(super) fn exposed(root: &str, mode: u32) -> String {
    let root = one_line(root);
    format!(
        "{root} est lisible par les autres utilisateurs (mode {mode:o})\u{a0}: corrigez-le avec `chmod -R go-rwx -- {}`",
        shell_word(&root)
    )
}

pub(super) fn evidence_marked(count: usize) -> String {
    format!(
        "{count}\u{a0}preuve(s) ci-dessus dont le fichier n'est plus tel que joint\u{a0}: le rapport est écrit, et son index des preuves les signale"
    )
}

pub(super) fn sync_undone() -> String {
    "une synchronisation a été interrompue pendant qu'elle écrivait les modifications des autres clones\u{a0}: ce qu'elle avait écrit a été défait, et ce clone est tel qu'il était avant elle\u{a0}; relancez `vmsaudit sync`".to_owned()
}

pub(super) fn git_lock(path: &str) -> (String, String) {
    (
        format!(
            "le fichier de verrou de git `{}` bloque\u{a0}: une autre commande git travaille dans ce dépôt, ou l'une d'elles a été tuée",
            one_line(path)
        ),
        "si aucune commande git ne tourne, supprimez ce fichier, puis relancez la commande"
            .to_owned(),
    )
}

pub(super) fn not_saved(cause: &str, undone: bool, paths: &[String]) -> (String, String) {
    match undone {
        true => (
            format!("la modification n'a pas été enregistrée\u{a0}: {cause}"),
            "rien n'en a été gardé\u{a0}; une fois cela réglé (de la place sur le disque, un dossier où écrire), refaites-la".to_owned(),
        ),
        false => (
            format!("la modification n'a pas pu être validée dans git\u{a0}: {cause}"),
            format!(
                "ses fichiers restent dans la copie de travail ({})\u{a0}: la prochaine commande qui modifie la mission les validera\u{a0}; pour les abandonner, rétablissez-les ou supprimez-les avant (`git status` les liste)",
                super::list(paths)
            ),
        ),
    }
}

pub(super) fn label(field: Field) -> &'static str {
    match field {
        Field::Finding(field) => match field {
            FindingField::Id => "Identifiant",
            FindingField::Title => "Titre",
            FindingField::Domain => "Domaine",
            FindingField::Controls => "Contrôles",
            FindingField::Description => "Description",
            FindingField::Cves => "Identifiants CVE",
            FindingField::Cvss => "Vecteur CVSS",
            FindingField::CvssSource => "Source du vecteur",
            FindingField::RemoteTakeover => "Prise de contrôle à distance",
            FindingField::Severity => "Criticité (sans vecteur)",
            FindingField::SeverityJustification => "Justification de la criticité",
            FindingField::Assets => "Équipements",
            FindingField::Recommendation => "Recommandation",
            FindingField::Status => "Statut",
            FindingField::StatusReason => "Motif du statut",
            FindingField::Actions => "Actions",
            FindingField::Evidence => "Preuves",
        },
        Field::Action(field) => match field {
            ActionField::Id => "Identifiant",
            ActionField::Title => "Titre",
            ActionField::Description => "Description",
            ActionField::Addresses => "Vulnérabilités et écarts traités",
            ActionField::Complexity => "Complexité",
            ActionField::Owner => "Responsable",
            ActionField::Cost => "Coût",
            ActionField::CostAmount => "Montant",
            ActionField::Currency => "Devise",
            ActionField::Deadline => "Échéance (AAAA-MM-JJ)",
            ActionField::Status => "Statut",
            ActionField::StatusReason => "Motif du statut",
        },
        Field::Asset(field) => match field {
            AssetField::Id => "Identifiant",
            AssetField::Kind => "Type",
            AssetField::Vendor => "Constructeur",
            AssetField::Model => "Modèle",
            AssetField::Firmware => "Firmware",
            AssetField::Address => "Adresse",
            AssetField::Location => "Emplacement",
            AssetField::Mac => "Adresse MAC",
            AssetField::Notes => "Notes",
            AssetField::Findings => "Vulnérabilités et écarts",
        },
        Field::Answer(field) => match field {
            AnswerField::Control => "Contrôle",
            AnswerField::Level => "Niveau",
            AnswerField::Observations => "Constats",
            AnswerField::Evidence => "Preuves",
        },
        Field::Override(field) => match field {
            OverrideField::Domain => "Domaine",
            OverrideField::Score => "Score",
            OverrideField::Justification => "Justification",
        },
        Field::Scope(field) => match field {
            ScopeField::Client => "Client",
            ScopeField::Site => "Site",
            ScopeField::Contract => "Référence du contrat",
            ScopeField::Auditors => "Auditeurs",
            ScopeField::Included => "Composants inclus",
            ScopeField::Excluded => "Exclus du périmètre",
            ScopeField::Limits => "Limites contractuelles",
        },
        Field::Scan(field) => match field {
            ScanField::Scan => "Scan",
            ScanField::Fact => "Fait",
        },
    }
}

fn act(act: &Act) -> String {
    match act {
        Act::CloseRound(label) => format!("impossible de clore la campagne {}", one_line(label)),
        Act::StartRound(label) => {
            format!("impossible de commencer la campagne {}", one_line(label))
        }
        Act::Sync => "impossible de synchroniser".to_owned(),
        Act::Save => "impossible d'enregistrer".to_owned(),
    }
}

fn label_flaw(flaw: LabelFlaw) -> String {
    match flaw {
        LabelFlaw::Empty => "il est vide".to_owned(),
        LabelFlaw::TooLong(max) => format!("il dépasse {max}\u{a0}caractères"),
        LabelFlaw::Holds(c) => {
            let what = match c {
                ' ' => "une espace".to_owned(),
                '/' => "une barre oblique".to_owned(),
                c if c.is_control() => "un caractère de contrôle".to_owned(),
                c => format!("`{c}`"),
            };
            format!(
                "il contient {what}, que git refuse dans un nom de tag ou que vmsaudit exclut des libellés"
            )
        }
        LabelFlaw::StartsBadly => "il commence par `-` ou `.`".to_owned(),
        LabelFlaw::DoubleDot => "il contient `..`".to_owned(),
        LabelFlaw::GitRefuses => "git le refuse comme nom de tag".to_owned(),
        LabelFlaw::Draft => {
            "`reports/draft/` est le dossier où `vmsaudit report` écrit les brouillons".to_owned()
        }
        LabelFlaw::EndsBadly => "il se termine par `.` ou `.lock`".to_owned(),
    }
}

fn blocked(blocked: &Blocked) -> String {
    match blocked {
        Blocked::NotALabel { given, flaw } => format!(
            "`{}` n'est pas un libellé de campagne\u{a0}: {}",
            one_line(given),
            label_flaw(*flaw)
        ),
        Blocked::AlreadyCurrent(label) => {
            format!(
                "la campagne {} est déjà la campagne en cours",
                one_line(label)
            )
        }
        Blocked::OpenUnderOtherLabel(open) => {
            format!(
                "la campagne {} est en cours (commencée par `vmsaudit audit start {}`)",
                one_line(open),
                shell_word(open)
            )
        }
        Blocked::StillOpen(open) => format!("la campagne {} est encore en cours", one_line(open)),
        Blocked::AlreadyClosed { label, on } => {
            let label = one_line(label);
            format!("la campagne {label} a déjà été close le {on} (tag audit/{label})")
        }
        Blocked::GitBusy(what) => format!(
            "{}\u{a0}: une fusion (ou une autre opération git) est en cours dans ce clone",
            act(what)
        ),
        Blocked::DraftsUnsaved {
            act: what,
            controls,
        } => format!(
            "{}\u{a0}: des constats saisis ne sont pas enregistrés pour {}",
            act(what),
            list(controls)
        ),
        Blocked::Uncommitted {
            act: what,
            paths,
            more,
        } => {
            let mut shown = list(paths);
            if *more > 0 {
                shown.push_str(&format!(", et {more}\u{a0}de plus"));
            }
            format!(
                "{}\u{a0}: modifications non commitées dans {shown}",
                act(what)
            )
        }
        Blocked::ClosedReportChanged { act: what, label } => format!(
            "{}\u{a0}: le rapport de la campagne {} (reports/{}/), close, a été modifié dans un commit depuis sa clôture\u{a0}; le livrable d'une campagne close est celui que sa clôture a commité",
            act(what),
            one_line(label),
            one_line(label)
        ),
    }
}

fn unblock(unblock: &Unblock) -> String {
    match unblock {
        Unblock::LabelLike => "utilisez des lettres, des chiffres, `.`, `_` et `-`, par exemple 2026-02 ou 2026-S1".to_owned(),
        Unblock::CarryOnOrClose => "poursuivez-la, ou clôturez-la avec `vmsaudit audit close LIBELLÉ`".to_owned(),
        Unblock::CloseUnderItsLabel(open) => format!(
            "clôturez-la sous son propre libellé\u{a0}: `vmsaudit audit close {}`",
            shell_word(open)
        ),
        Unblock::CloseFirst(open) => format!(
            "clôturez-la d'abord\u{a0}: `vmsaudit audit close {}`",
            shell_word(open)
        ),
        Unblock::OtherLabel => "choisissez un autre libellé\u{a0}; `vmsaudit audit list` montre les campagnes".to_owned(),
        Unblock::FinishGit => "terminez-la\u{a0}: `git status` dit ce qui reste\u{a0}; corrigez les fichiers qu'il liste, ajoutez-les (`git add`) puis `git commit`".to_owned(),
        Unblock::FinishOrAbortGit => "terminez-la d'abord\u{a0}: `git status` dit ce qui reste\u{a0}; corrigez les fichiers qu'il liste, ajoutez-les (`git add`) puis `git commit` (ou `git merge --abort`)".to_owned(),
        Unblock::SaveDrafts => "ouvrez `vmsaudit`, puis enregistrez chaque brouillon (Entrée, puis Ctrl-S) ou abandonnez-le (d)".to_owned(),
        Unblock::CommitOrUndo => "commitez-les (`git add` puis `git commit`) ou annulez-les (`git checkout -- FICHIER`)\u{a0}; `git status` les liste".to_owned(),
        Unblock::RestoreClosedReport(label) => format!(
            "rétablissez-le tel que sa clôture l'a commité\u{a0}: `git checkout {} -- {}`, puis `git commit`",
            shell_word(&format!("audit/{label}")),
            shell_word(&format!("reports/{label}"))
        ),
    }
}

/// What is wrong with the setting, and its fix.
fn setting(setting: &Setting) -> (String, String) {
    let (wrong, fix): (String, &str) = match setting {
        Setting::LangVar(given) => (
            format!(
                "VMSAUDIT_LANG vaut `{}`, qui n'est pas une langue de vmsaudit",
                one_line(given)
            ),
            "donnez-lui la valeur `en` ou `fr`, ou supprimez-la",
        ),
        Setting::LangVarNotText => (
            "VMSAUDIT_LANG n'est pas un texte UTF-8 valide".to_owned(),
            "donnez-lui la valeur `en` ou `fr`, ou supprimez-la",
        ),
        Setting::NowVar(given) => (
            format!("VMSAUDIT_NOW=`{}` n'est pas un horodatage", one_line(given)),
            "écrivez-le comme 2026-02-03T10:00:00Z, ou supprimez-la",
        ),
        Setting::AuditorVar(flaw) => (
            format!("VMSAUDIT_AUDITOR\u{a0}: {}", auditor_flaw(flaw)),
            "écrivez-la sous la forme «\u{a0}Nom <email>\u{a0}»",
        ),
        Setting::AuditorVarNotText => (
            "VMSAUDIT_AUDITOR n'est pas un texte UTF-8 valide".to_owned(),
            "écrivez-la sous la forme «\u{a0}Nom <email>\u{a0}» en UTF-8, ou supprimez-la",
        ),
        Setting::NoTerminal => (
            "la liste de contrôle interactive a besoin d'un terminal".to_owned(),
            "lancez-la dans un terminal, ou utilisez `vmsaudit status` et `vmsaudit answer` dans les scripts",
        ),
        Setting::NoClient => (
            "le nom du client est vide".to_owned(),
            "indiquez --client \"Nom du client\"",
        ),
        Setting::NoEmail(name) => (
            format!(
                "l'auditeur `{}` n'a pas d'adresse électronique, et chaque commit de l'audit en demande une",
                one_line(name)
            ),
            "écrivez l'auditeur sous la forme \"Nom <email>\" (`--auditor`, VMSAUDIT_AUDITOR ou le user.email de git)",
        ),
        Setting::NoIdentity(root) => {
            let root = shell_word(root);
            return (
                "qui fait ce travail\u{a0}? Ce clone n'a pas d'identité git (user.name, user.email) et VMSAUDIT_AUDITOR n'est pas définie\u{a0}; il n'est pas signé du nom d'un autre auditeur".to_owned(),
                format!(
                    "donnez la vôtre une fois pour ce clone\u{a0}: `git -C {root} config user.name \"Prénom Nom\"` puis `git -C {root} config user.email prenom.nom@exemple.fr`\u{a0}; sur un compte partagé par plusieurs auditeurs, `export VMSAUDIT_AUDITOR=\"Prénom Nom <prenom.nom@exemple.fr>\"` à la place"
                ),
            );
        }
        Setting::NoAuditor => (
            "qui audite\u{a0}? Aucun auditeur n'est indiqué et git n'a pas de user.name".to_owned(),
            "indiquez --auditor \"Nom <email>\"",
        ),
        Setting::NotEmpty(dir) => (
            format!("{} existe déjà et n'est pas vide", one_line(dir)),
            "choisissez un nouveau dossier pour l'audit",
        ),
        Setting::CForNew => (
            "-C désigne un audit sur lequel travailler\u{a0}; un nouvel audit est créé dans le dossier donné après la commande".to_owned(),
            "retirez -C et donnez le chemin du nouveau dossier, par exemple `vmsaudit init audits/acme --client ACME`",
        ),
        Setting::GridLacks { lang, has } => (
            format!(
                "la grille n'est pas écrite en `{}` (elle l'est en\u{a0}: {})",
                one_line(lang),
                list(has)
            ),
            "choisissez l'une des langues de la grille avec --lang",
        ),
        Setting::NoRepository { root, detail } => (
            format!(
                "{} n'a pas de dépôt git\u{a0}: {}",
                one_line(root),
                one_line(detail)
            ),
            "un audit est un dépôt git créé par `vmsaudit init`\u{a0}; rétablissez son dossier `.git` ou clonez-le à nouveau",
        ),
        Setting::NotOwned(access) => {
            let Access { root, owner, you } = access.as_ref();
            let shown = one_line(root);
            let (root, owner, you) = (shell_word(root), shell_word(owner), shell_word(you));
            return (
                format!(
                    "{shown} appartient à {owner}, pas à vous ({you})\u{a0}: git refuse de travailler dans le dépôt d'un autre utilisateur (le dépôt lui-même est intact)"
                ),
                format!(
                    "lancez vmsaudit en tant que son propriétaire\u{a0}: `sudo -u {owner} vmsaudit -C {root} …`\u{a0}; ou, si l'audit vous revient, reprenez-le avec `sudo chown -R -- {you} {root}`"
                ),
            );
        }
        Setting::Unreadable { path, mode, access } => {
            let Access { root, owner, you } = access.as_ref();
            let (root, owner, you) = (shell_word(root), shell_word(owner), shell_word(you));
            return (
                format!(
                    "{} n'est pas lisible par vous ({you})\u{a0}: il appartient à {owner} (mode {mode:o})",
                    one_line(path)
                ),
                format!(
                    "lancez vmsaudit en tant que son propriétaire\u{a0}: `sudo -u {owner} vmsaudit -C {root} …`\u{a0}; ou, si l'audit vous revient, reprenez-le avec `sudo chown -R -- {you} {root}`"
                ),
            );
        }
        Setting::Bare => (
            "le dépôt de l'audit est un dépôt nu".to_owned(),
            "utilisez un clone avec une copie de travail",
        ),
    };
    (wrong, fix.to_owned())
}

fn role(role: FileRole) -> &'static str {
    match role {
        FileRole::Evidence => "le fichier de preuve",
        FileRole::Scan => "le fichier de scan",
    }
}

pub(super) fn auditor_flaw(flaw: &AuditorFlaw) -> String {
    match flaw {
        AuditorFlaw::Unclosed(text) => {
            format!("`{}`\u{a0}: l'adresse doit finir par `>`", one_line(text))
        }
        AuditorFlaw::NoName(text) => format!(
            "`{}`\u{a0}: le nom manque\u{a0}; écrivez `Nom <email>`",
            one_line(text)
        ),
        AuditorFlaw::Forbidden(text) => format!(
            "`{}`\u{a0}: un nom ou une adresse ne peut contenir ni `<`, ni `>`, ni caractère de contrôle, ni inversion bidirectionnelle",
            one_line(text)
        ),
        AuditorFlaw::NotEmail(email) => {
            format!("`{}` n'est pas une adresse électronique", one_line(email))
        }
    }
}

/// What is wrong with a file given, and its fix.
fn file(flaw: &FileFlaw) -> (String, String) {
    match flaw {
        FileFlaw::NameNotText(_)
        | FileFlaw::Missing
        | FileFlaw::TooBig { .. }
        | FileFlaw::NotText
        | FileFlaw::Special { .. }
        | FileFlaw::NotRegular(_) => engagement_file(flaw),
        FileFlaw::Unreadable { role: r, path, detail } => (
            format!("{} {}\u{a0}: {}", role(*r), one_line(path), one_line(detail)),
            match r {
                FileRole::Evidence => {
                    "vérifiez le chemin\u{a0}; il part du dossier d'où vous lancez vmsaudit"
                }
                FileRole::Scan => "vérifiez le chemin",
            }
            .to_owned(),
        ),
        FileFlaw::Link(path) => (
            format!(
                "le fichier de preuve {} est un lien symbolique",
                one_line(path)
            ),
            "joignez le fichier qu'il désigne, après avoir vérifié que c'est bien celui-là"
                .to_owned(),
        ),
        FileFlaw::NotAFile { role: r, path } => (
            format!("{} {} n'est pas un fichier ordinaire", role(*r), one_line(path)),
            match r {
                FileRole::Evidence => {
                    "joignez les fichiers un par un\u{a0}; mettez d'abord le contenu d'un dossier dans une archive"
                }
                FileRole::Scan => "donnez le fichier XML écrit par nmap avec -oX",
            }
            .to_owned(),
        ),
        FileFlaw::BadName { path, max } => (
            format!(
                "le nom du fichier de preuve {} ne peut pas nommer un fichier de l'audit",
                one_line(path)
            ),
            format!(
                "renommez-le\u{a0}: caractères imprimables seulement, sans `.` au début, au plus {max}\u{a0}octets"
            ),
        ),
        FileFlaw::InsideGit(path) => (
            format!("{} est dans le dossier .git de l'audit", one_line(path)),
            "joignez le fichier lui-même, pas les rouages de git".to_owned(),
        ),
        FileFlaw::NotEvidence(path) => (
            format!(
                "la preuve `{}` n'est pas un fichier de la mission avec son SHA-256",
                one_line(path)
            ),
            "joignez le fichier avec `--evidence FICHIER` (copié sous evidence/, ou référencé sur place dans la mission, et haché), et retirez cette entrée de l'enregistrement\u{a0}; `git log -p` sur l'enregistrement montre qui l'a écrite".to_owned(),
        ),
        FileFlaw::PathNotText(path) => (
            format!(
                "{} a un chemin que vmsaudit ne peut pas enregistrer",
                one_line(path)
            ),
            "donnez des noms UTF-8 aux dossiers de son chemin".to_owned(),
        ),
        FileFlaw::Changed(path) => (
            format!("{} a changé pendant son import", one_line(path)),
            "attendez que nmap ait fini de l'écrire, puis importez-le à nouveau".to_owned(),
        ),
        FileFlaw::Evidence(flaw) => evidence(&flaw.path, &flaw.expected, &flaw.owner, &flaw.found),
        FileFlaw::WouldBeTooBig {
            file,
            bytes,
            max,
            inventory,
        } => (
            format!(
                "{} ferait {}\u{a0}octets, plus que les {max}\u{a0}Mio que vmsaudit relit\u{a0}; rien n'a été enregistré",
                one_line(file),
                super::en::grouped(*bytes, "\u{202f}")
            ),
            if *inventory {
                "gardez l'inventaire plus court\u{a0}: importez moins de lignes ou des notes plus courtes, et joignez la liste complète comme fichier de preuve"
            } else {
                "raccourcissez le texte, et joignez plutôt un long texte (un journal, une capture) comme fichier de preuve"
            }
            .to_owned(),
        ),
    }
}

/// Une preuve dont le fichier n'est plus celui joint, et les chemins du retour : la version
/// jointe reprise de git, ou le fichier joint à nouveau par la commande qui le joint à son
/// enregistrement.
fn evidence(
    path: &str,
    expected: &str,
    owner: &EvidenceOwner,
    found: &EvidenceFound,
) -> (String, String) {
    let (quoted, path) = (shell_word(path), one_line(path));
    let again = |file: &str| match owner {
        EvidenceOwner::Answer(control) => {
            format!(
                "`vmsaudit answer {} --evidence {file}`",
                shell_word(control)
            )
        }
        EvidenceOwner::Finding(id) => {
            format!(
                "`vmsaudit finding edit {} --evidence {file}`",
                shell_word(id)
            )
        }
        EvidenceOwner::Scan(_) => format!("`vmsaudit scan import {file}`"),
    };
    let restore = format!(
        "reprenez de git le fichier joint\u{a0}: `git checkout -- {quoted}` si la modification n'est pas commitée\u{a0}; sinon `git log -- {quoted}` nomme le commit qui l'a modifié, et `git checkout COMMIT^ -- {quoted}` rétablit la version d'avant"
    );
    let prefix = super::en::hash_prefix;
    match found {
        EvidenceFound::Missing => (
            format!("le fichier de preuve {path} est absent"),
            format!(
                "{restore}\u{a0}; ou joignez à nouveau le fichier depuis l'endroit où vous le gardez\u{a0}: {}",
                again("FICHIER")
            ),
        ),
        EvidenceFound::Changed(sha256) => (
            format!(
                "le fichier de preuve {path} a changé depuis qu'il a été joint\u{a0}: SHA-256 {} enregistré, {} trouvé",
                prefix(expected),
                prefix(sha256)
            ),
            format!(
                "{restore}\u{a0}; ou, si son nouveau contenu est la preuve, joignez-le à nouveau depuis le dossier de la mission\u{a0}: {}",
                again(&shell_path(&path))
            ),
        ),
        EvidenceFound::NotAFile(kind) => (
            format!(
                "le fichier de preuve {path} est {}, pas le fichier ordinaire joint",
                file_kind(*kind)
            ),
            format!("retirez ce qui est à sa place, puis {restore}"),
        ),
        EvidenceFound::Unreadable(detail) => (
            format!(
                "le fichier de preuve {path} ne se lit pas\u{a0}: {}",
                one_line(detail)
            ),
            format!(
                "donnez à votre compte le droit de le lire (`ls -l -- {quoted}`), puis relancez la commande"
            ),
        ),
    }
}

/// Un fichier de l'audit qui ne se lit pas comme tel (ces variantes seulement).
fn engagement_file(flaw: &FileFlaw) -> (String, String) {
    match flaw {
        FileFlaw::Missing => (
            "ce fichier n'existe pas".to_owned(),
            "vérifiez le chemin".to_owned(),
        ),
        FileFlaw::TooBig { max, file } => {
            let file = shell_word(file);
            (
                format!("le fichier dépasse {max}\u{a0}Mio"),
                format!(
                    "si c'est un fichier que l'audit a enregistré dans git, revenez à une version d'avant\u{a0}: trouvez le commit avec `git log -- {file}` et annulez-le avec `git revert COMMIT`\u{a0}; si c'est un fichier que vous avez donné, raccourcissez-le, ou joignez un long texte comme fichier de preuve"
                ),
            )
        }
        FileFlaw::NotText => (
            "le fichier n'est pas de l'UTF-8 valide".to_owned(),
            "enregistrez-le en texte UTF-8".to_owned(),
        ),
        FileFlaw::Special { kind, path } => {
            let path = shell_word(path);
            (
                format!(
                    "est {}\u{a0}: un audit ne contient que des fichiers et des dossiers ordinaires, et vmsaudit ne suit pas les liens",
                    file_kind(*kind)
                ),
                format!(
                    "s'il vient d'un co-auditeur, retirez-le de l'historique avec `git rm --cached -- {path}`, supprimez-le (`rm -- {path}`), commitez, et vérifiez qui l'a commité"
                ),
            )
        }
        FileFlaw::NotRegular(FileKind::Link) => (
            format!(
                "est {}, pas un fichier ordinaire\u{a0}: vmsaudit ne suit pas les liens",
                file_kind(FileKind::Link)
            ),
            "remplacez-le par le fichier lui-même, ou rétablissez un enregistrement avec `git checkout -- FICHIER`".to_owned(),
        ),
        FileFlaw::NotRegular(kind) => (
            format!("est {}, pas un fichier ordinaire", file_kind(*kind)),
            "donnez le chemin d'un fichier ordinaire\u{a0}; pour un enregistrement, retirez ce qui est à sa place et rétablissez-le avec `git checkout -- FICHIER`".to_owned(),
        ),
        FileFlaw::NameNotText(folder) => (
            "le nom du fichier n'est pas de l'UTF-8 valide".to_owned(),
            match folder {
                Some(folder) => format!(
                    "renommez-le avec un nom UTF-8, ou supprimez-le (avec `git rm` s'il est commité)\u{a0}; `ls -b -- {}` montre ses octets",
                    shell_word(folder)
                ),
                None => "supprimez-le (`git rm`) ou renommez-le avec un nom UTF-8, puis commitez".to_owned(),
            },
        ),
        _ => (String::new(), String::new()),
    }
}

/// What is wrong with the remote, and its fix.
fn remote(remote: &Remote) -> (String, String) {
    match remote {
        Remote::None => (
            "ce clone n'a pas de dépôt distant avec lequel se synchroniser".to_owned(),
            "ajoutez le dépôt partagé\u{a0}: `git remote add origin /chemin/vers/audit.git` (créez-le avec `git clone --bare <audit> /chemin/vers/audit.git`)".to_owned(),
        ),
        Remote::NoSuch { wanted, known } => (
            format!("ce clone n'a pas de dépôt distant `{}`", one_line(wanted)),
            format!("ses dépôts distants sont\u{a0}: {}", list(known)),
        ),
        Remote::Which(known) => (
            format!(
                "ce clone a plusieurs dépôts distants et aucun n'est `origin`\u{a0}: {}",
                list(known)
            ),
            "dites lequel\u{a0}: `vmsaudit sync DÉPÔT`".to_owned(),
        ),
        Remote::Dash(name) => (
            format!(
                "`{}` n'est pas un dépôt distant avec lequel vmsaudit se synchronise\u{a0}: son nom commence par `-`",
                one_line(name)
            ),
            "renommez-le (`git remote rename -- ANCIEN NOUVEAU`) en un nom qui commence par une lettre".to_owned(),
        ),
        Remote::Unreadable { url, detail } => (
            format!(
                "impossible de lire le dépôt distant {}\u{a0}: {}",
                one_line(url),
                one_line(detail)
            ),
            "vérifiez le chemin (`git remote -v` le montre)\u{a0}; un audit partagé est un dépôt nu créé avec `git init --bare` ou `git clone --bare`".to_owned(),
        ),
        Remote::MergeAttribute { pattern, word } => (
            format!(
                "`{} {}` choisit comment git fusionne les fichiers\u{a0}: la synchronisation ne laisse pas un attribut commité décider de la fusion des enregistrements",
                one_line(pattern),
                one_line(word)
            ),
            "retirez la ligne dans un commit (du côté qui l'a\u{a0}: demandez à qui l'a commitée), puis synchronisez à nouveau".to_owned(),
        ),
        Remote::CheckoutAttribute { pattern, word } => (
            format!(
                "`{} {}` change les octets que git écrit dans la copie de travail ou qu'il y relit (fins de ligne, filtres, encodages)\u{a0}: la synchronisation ne laisse pas un attribut commité changer les enregistrements et les preuves de ce clone",
                one_line(pattern),
                one_line(word)
            ),
            "demandez à qui l'a commitée de retirer la ligne dans un commit, puis synchronisez à nouveau".to_owned(),
        ),
        Remote::Unsafe(flaw) => (
            format!(
                "les commits du dépôt distant contiennent {}\u{a0}: rien n'en a été écrit ici",
                match flaw {
                    IncomingFlaw::NameTooLong(max) => format!("un nom de plus de {max} octets"),
                    IncomingFlaw::Reserved => "un nom que git se réserve".to_owned(),
                    IncomingFlaw::Link => "un lien symbolique".to_owned(),
                    IncomingFlaw::Submodule => "un sous-module".to_owned(),
                    IncomingFlaw::Twice => "deux entrées du même nom".to_owned(),
                    IncomingFlaw::TooLarge(max) => format!(
                        "un fichier de plus de {max}\u{a0}Mio, qu'une synchronisation tiendrait en entier en mémoire (une preuve aussi grosse se garde hors de git)"
                    ),
                }
            ),
            "demandez à qui l'a commité de le retirer dans un nouveau commit et de le pousser, puis synchronisez à nouveau (`git log --stat origin/main` montre qui)".to_owned(),
        ),
        Remote::ClosedReport(label) => (
            format!(
                "les commits du dépôt distant modifient le rapport de la campagne {}, close\u{a0}: le livrable d'une campagne close est celui que sa clôture a commité",
                one_line(label)
            ),
            format!(
                "demandez à qui l'a modifié de le rétablir (`git checkout {} -- {}` dans son clone, puis un commit et un push), puis synchronisez à nouveau",
                shell_word(&format!("audit/{label}")),
                shell_word(&format!("reports/{label}"))
            ),
        ),
        Remote::InTheWay => (
            "un fichier de ce clone non commité (ou que git ignore) se trouve là où les commits du dépôt distant en mettent un\u{a0}: rien n'a été modifié".to_owned(),
            "déplacez ce fichier, ou commitez-le sous un autre nom, puis synchronisez à nouveau".to_owned(),
        ),
        Remote::Unrelated => (
            "la branche main du dépôt distant n'a aucun commit en commun avec celle de ce clone\u{a0}: c'est une autre mission, ou son historique a été réécrit (un push forcé)\u{a0}; rien n'a été fusionné".to_owned(),
            "vérifiez l'URL du dépôt distant (`git remote -v`)\u{a0}; si son historique a été réécrit exprès, convenez avec les autres auditeurs de l'historique à garder".to_owned(),
        ),
    }
}

/// What a scan command cannot do, and its fix.
fn scan(ask: &ScanAsk) -> (String, String) {
    match ask {
        ScanAsk::ImportedAlready(id) => (
            format!("le scan {} a déjà été importé", one_line(id)),
            "rien à faire\u{a0}: `vmsaudit scan list` le montre".to_owned(),
        ),
        ScanAsk::NothingPending(control) => (
            format!(
                "aucune proposition des scans n'attend sur {}",
                one_line(control)
            ),
            "`vmsaudit scan list` montre ce que proposent les scans, et où".to_owned(),
        ),
        ScanAsk::NotPending { given, control } => (
            format!(
                "{} n'est pas une proposition des scans en attente sur {}",
                one_line(given),
                one_line(control)
            ),
            format!(
                "`vmsaudit scan list --control {}` les montre avec leurs identifiants",
                shell_word(control)
            ),
        ),
        ScanAsk::CannotRun { command, detail } => (
            format!(
                "impossible de lancer {}\u{a0}: {}",
                one_line(command),
                one_line(detail)
            ),
            "vérifiez le nom de la commande et qu'elle est installée sur cette machine".to_owned(),
        ),
        ScanAsk::NeedsLevel(control) => {
            let control = one_line(control);
            (
                format!("{control} n'a pas encore de réponse, il lui faut donc un niveau"),
                format!("donnez-en un avec `--level 0..4|na`, ou répondez d'abord à {control}"),
            )
        }
        ScanAsk::XmlMissing { id, path } => (
            format!("le XML du scan {} manque", one_line(id)),
            format!("rétablissez-le avec `git checkout -- {}`", shell_word(path)),
        ),
        ScanAsk::XmlChanged { id, path } => (
            format!("le XML du scan {} a changé depuis son import", one_line(id)),
            format!("rétablissez-le avec `git checkout -- {}`", shell_word(path)),
        ),
        ScanAsk::TooLarge(max) => (
            format!("le fichier de scan dépasse {max}\u{a0}Mio"),
            "découpez le scan par plage d'adresses (un nmap par /24) et importez chaque fichier"
                .to_owned(),
        ),
    }
}

/// What a CVE command cannot do, and its fix.
fn cve(ask: &CveAsk) -> (String, String) {
    match ask {
        CveAsk::NoFiles => (
            "aucun fichier à importer".to_owned(),
            "donnez des flux NVD (nvdcve-2.0-*.json) et/ou le catalogue KEV (known_exploited_vulnerabilities.json ou .csv)".to_owned(),
        ),
        CveAsk::AffectsNoAsset(cve) => (
            format!("{} ne touche aucun équipement de l'inventaire", one_line(cve)),
            "`vmsaudit cve match` liste les CVE qui en touchent".to_owned(),
        ),
        CveAsk::NoUpdDomain(domains) => (
            format!(
                "la grille de l'audit n'a pas de domaine UPD (elle a {}), les vulnérabilités connues n'ont donc pas de place",
                list(domains)
            ),
            "ajoutez-les avec `vmsaudit finding add --domain ... --cve ...`, ou utilisez une grille avec le domaine UPD (mises à jour et firmware), comme la grille intégrée".to_owned(),
        ),
        CveAsk::EmptyDomain(domain) => (
            format!("le domaine {} de la grille n'a aucun contrôle", one_line(domain)),
            "utilisez une grille avec le domaine UPD (mises à jour et firmware), comme la grille intégrée".to_owned(),
        ),
        CveAsk::FeedMissing => (
            "ce fichier n'existe pas".to_owned(),
            "vérifiez le chemin".to_owned(),
        ),
        CveAsk::FeedNotAFile => (
            "ce n'est pas un fichier".to_owned(),
            "donnez les fichiers de flux eux-mêmes".to_owned(),
        ),
        CveAsk::NotImported => (
            "lu en entier, mais pas importé non plus\u{a0}: un import est tout ou rien".to_owned(),
            "corrigez ou remplacez le ou les fichiers ci-dessus, puis importez à nouveau".to_owned(),
        ),
        CveAsk::UnknownVendor { given, known } => (
            format!("le catalogue ne connaît pas le constructeur `{}`", one_line(given)),
            format!("ses constructeurs sont\u{a0}: {}", list(known)),
        ),
    }
}

/// What an output cannot be, and its fix.
fn output(output: &Output) -> (String, String) {
    match output {
        Output::BinaryToTerminal => (
            "un fichier XLSX est binaire et la sortie standard est un terminal".to_owned(),
            "donnez un fichier avec `-o plan.xlsx`, ou redirigez la sortie\u{a0}: `-o - > plan.xlsx`".to_owned(),
        ),
        Output::IsAFolder(path) => (
            format!("{} est un dossier", one_line(path)),
            "donnez le fichier à écrire, par exemple `-o plan-action.xlsx`".to_owned(),
        ),
        Output::DocxNeedsFile => (
            "un rapport Word est un seul fichier\u{a0}: nommez-le".to_owned(),
            "donnez le fichier avec `-o`, par exemple `vmsaudit report --format docx -o rapport.docx`".to_owned(),
        ),
        Output::NotAnOverride(name) => (
            format!(
                "templates/{} n'est pas un modèle remplacé de cet audit",
                one_line(name)
            ),
            "`vmsaudit template list` montre les modèles remplacés".to_owned(),
        ),
        Output::NoSuchRound => (
            "cette campagne n'existe pas".to_owned(),
            "choisissez une campagne de la liste".to_owned(),
        ),
        Output::NotARevision { given, rounds } => {
            let rounds = if rounds.is_empty() {
                "aucune campagne n'est encore close".to_owned()
            } else {
                format!("les campagnes sont\u{a0}: {}", list(rounds))
            };
            (
                format!(
                    "`{}` n'est ni une campagne d'audit ni une révision git",
                    one_line(given)
                ),
                format!("{rounds} (`vmsaudit audit list`)\u{a0}; toute révision git convient aussi, comme HEAD~3 ou l'empreinte d'un commit donnée par `git log`"),
            )
        }
        Output::UnknownOverride => (
            "n'est pas un modèle remplacé de cet audit".to_owned(),
            "`vmsaudit template list` montre les modèles remplacés".to_owned(),
        ),
        Output::NotAccepted { name, changed } => (
            if *changed {
                "ce modèle remplacé a changé depuis son acceptation dans ce clone\u{a0}: il n'est pas utilisé tant qu'il n'est pas accepté à nouveau"
            } else {
                "ce modèle remplacé (venu du dépôt partagé) n'a pas été accepté dans ce clone\u{a0}: un modèle écrit le rapport du client, relisez-le d'abord"
            }
            .to_owned(),
            {
                let name = shell_word(name);
                format!(
                    "relisez-le avec `vmsaudit template show {name}`, puis `vmsaudit template accept {name}`\u{a0}; ou supprimez-le pour utiliser le modèle intégré"
                )
            },
        ),
        Output::ReferenceNotPlain => (
            "n'est pas un fichier ordinaire\u{a0}: vmsaudit ne suit pas les liens".to_owned(),
            "remplacez-le par le document Word lui-même".to_owned(),
        ),
        Output::DraftCommitted(count) => (
            format!(
                "le rapport brouillon est commité ({count}\u{a0}fichier(s) sous reports/draft/)\u{a0}: les brouillons restent hors de l'historique, et chaque rapport les modifierait"
            ),
            "retirez-le du suivi en gardant les fichiers\u{a0}: `git rm -r --cached -- reports/draft && git commit -m 'Untrack the draft report'`".to_owned(),
        ),
        Output::NotAtRevision => (
            "ce fichier n'existe pas à cette révision".to_owned(),
            "donnez une révision postérieure au début de l'audit (`git log` les liste)".to_owned(),
        ),
    }
}

/// Ce qui ne va pas dans les modèles du rapport, et comment y remédier.
fn template(flaw: &TemplateFlaw) -> (String, String) {
    let report_it =
        "c'est une erreur des modèles intégrés à vmsaudit\u{a0}: signalez-la".to_owned();
    let loops = |culprit: &Culprit| match culprit {
        Culprit::BuiltIn => report_it.clone(),
        Culprit::Override(file) => format!(
            "vérifiez ses boucles, ou retirez {} de la mission pour utiliser le modèle intégré",
            one_line(file)
        ),
    };
    match flaw {
        TemplateFlaw::FolderNotAFolder => (
            "le dossier des modèles doit être un dossier de la mission (c'est un lien ou un fichier)".to_owned(),
            "retirez le lien (`git rm --cached templates && rm templates`) et copiez les modèles dans un dossier".to_owned(),
        ),
        TemplateFlaw::NotAFile => (
            "un modèle personnalisé doit être un fichier ordinaire (c'est un lien, un dossier ou un périphérique)".to_owned(),
            "copiez le modèle dans le dossier templates/ de la mission au lieu d'en faire un lien".to_owned(),
        ),
        TemplateFlaw::Gone => (
            "fichier introuvable".to_owned(),
            "vérifiez le dossier des modèles".to_owned(),
        ),
        TemplateFlaw::TooLong { millis, culprit } => (
            format!(
                "les modèles du rapport ont tourné {}\u{a0}s sans finir\u{a0}: le rendu est arrêté",
                decimal(&(*millis as f64 / 1000.0).to_string())
            ),
            loops(culprit),
        ),
        TemplateFlaw::TooLarge { mb, culprit } => (
            format!("les modèles du rapport ont écrit plus de {mb}\u{a0}Mo\u{a0}: le rendu est arrêté"),
            loops(culprit),
        ),
        TemplateFlaw::Loads {
            what,
            target,
            line,
            culprit,
        } => (
            format!(
                "le rapport produit contient {} vers `{}` (ligne {line} du rapport)\u{a0}: un convertisseur comme pandoc le chargerait dans le document du client",
                loaded(*what),
                one_line(target)
            ),
            match culprit {
                Culprit::BuiltIn => report_it,
                Culprit::Override(files) => format!(
                    "un rapport ne peut montrer que son radar (radar.png, radar.svg) et ne peut pointer que vers le web ou sous son dossier\u{a0}: corrigez le modèle, ou retirez {} pour utiliser le modèle intégré",
                    one_line(files)
                ),
            },
        ),
        TemplateFlaw::Tera { detail, culprit } => (
            one_line(detail),
            match culprit {
                Culprit::BuiltIn => "c'est une erreur du modèle intégré à vmsaudit\u{a0}; remplacez-le dans le dossier templates/ de la mission".to_owned(),
                Culprit::Override(file) => format!(
                    "corrigez le modèle, ou retirez {} de la mission pour utiliser le modèle intégré",
                    one_line(file)
                ),
            },
        ),
    }
}

fn loaded(what: Loaded) -> &'static str {
    match what {
        Loaded::Image => "une image",
        Loaded::Link => "un lien",
        Loaded::RawHtml => "du HTML brut",
        Loaded::YamlBlock => "un bloc de métadonnées YAML",
    }
}

/// Ce qui ne va pas dans un fichier de scanner, et comment y remédier.
fn scan_file(flaw: &ScanFlaw) -> (String, String) {
    let nmap = "donnez le XML que nmap écrit avec `-oX FICHIER` (pas `-oN` ni `-oG`), complet\u{a0}: un scan interrompu avant sa fin laisse un fichier tronqué, relancez-le";
    let unchanged = "importez le fichier XML écrit par nmap, tel quel";
    let (wrong, fix) = match flaw {
        ScanFlaw::Truncated => (
            "illisible en XML\u{a0}: le fichier s'arrête avant la fin de son XML (tronqué)".to_owned(),
            nmap,
        ),
        ScanFlaw::NotXml(detail) => (format!("illisible en XML\u{a0}: {}", one_line(detail)), nmap),
        ScanFlaw::NotNmap(root) => (
            format!(
                "ce n'est pas la sortie XML de nmap\u{a0}: le document est <{}>, celui de nmap est <nmaprun scanner=\"nmap\">",
                one_line(root)
            ),
            nmap,
        ),
        ScanFlaw::HostWithoutAddress => ("un <host> sans adresse IP".to_owned(), nmap),
        ScanFlaw::Interrupted => (
            "le scan n'a pas de <runstats>\u{a0}: nmap les écrit quand il termine, le scan a donc été interrompu".to_owned(),
            nmap,
        ),
        ScanFlaw::Entities => (
            "le fichier déclare des entités XML, ce que nmap ne fait jamais".to_owned(),
            unchanged,
        ),
        ScanFlaw::OtherDoctype => (
            "le fichier a un type de document autre que celui de nmap, `<!DOCTYPE nmaprun>`".to_owned(),
            unchanged,
        ),
        ScanFlaw::NotAMapping { detail, kinds } => {
            return (
                format!(
                    "ce n'est pas une correspondance de scan\u{a0}: {}",
                    one_line(detail)
                ),
                format!(
                    "écrivez `facts:` avec une liste d'identifiants de contrôles par fait\u{a0}: {}",
                    kinds.join(", ")
                ),
            );
        }
    };
    (wrong, fix.to_owned())
}

/// Ce qui n'a pas pu être produit en dessinant un rapport ou un export.
pub(super) fn report_fault(fault: &ReportFault) -> String {
    let said = match fault {
        ReportFault::StartRendering(detail) => {
            format!("impossible de lancer le rendu\u{a0}: {}", one_line(detail))
        }
        ReportFault::NotUtf8 => "les modèles ont écrit un texte qui n'est pas en UTF-8".to_owned(),
        ReportFault::ReportData(detail) => {
            format!("les données du rapport\u{a0}: {}", one_line(detail))
        }
        ReportFault::RadarSvg(detail) => {
            format!("le SVG du radar est invalide\u{a0}: {}", one_line(detail))
        }
        ReportFault::RadarNoSize => "le radar n'a pas de taille".to_owned(),
        ReportFault::RadarTooLarge => "le radar est trop grand pour être dessiné".to_owned(),
        ReportFault::RadarPng(detail) => format!("le PNG du radar\u{a0}: {}", one_line(detail)),
        ReportFault::Csv(detail) => {
            format!("le CSV n'a pas pu être produit\u{a0}: {}", one_line(detail))
        }
        ReportFault::Spreadsheet(detail) => format!(
            "le classeur n'a pas pu être produit\u{a0}: {}",
            one_line(detail)
        ),
    };
    format!("rapport\u{a0}: {said}")
}

/// What is wrong in `engagement.yaml`, and its fix.
fn meta(flaw: &MetaFlaw) -> (String, String) {
    match flaw {
        MetaFlaw::Newer { format, known } => (
            format!(
                "l'audit utilise le format {format}, plus récent que celui que ce vmsaudit comprend ({known})"
            ),
            "mettez vmsaudit à jour".to_owned(),
        ),
        MetaFlaw::NoClient => (
            "`client` est vide".to_owned(),
            "écrivez le nom du client".to_owned(),
        ),
        MetaFlaw::NotADomain(domain) => (
            format!(
                "`overrides` cite `{}`, qui n'est pas un domaine de la grille",
                one_line(domain)
            ),
            "utilisez l'identifiant d'un domaine de la grille, ou retirez l'entrée".to_owned(),
        ),
        MetaFlaw::AboveScale { domain, score, max } => (
            format!(
                "le score fixé de {} ({}) dépasse le haut de l'échelle ({max})",
                one_line(domain),
                decimal(&one_line(score))
            ),
            format!("donnez un score de 0 à {max}"),
        ),
        MetaFlaw::Unjustified(domain) => (
            format!("le score fixé de {} n'est pas justifié", one_line(domain)),
            "dites pourquoi le score calculé ne reflète pas le domaine".to_owned(),
        ),
        MetaFlaw::Language { lang, has } => (
            format!(
                "`language: {}` n'est pas l'une des langues de la grille ({})",
                one_line(lang),
                list(has)
            ),
            "donnez à `language` l'une de ces langues".to_owned(),
        ),
    }
}

/// Why a YAML file does not parse, and its fix: the parser's detail stays as it wrote it.
fn yaml(flaw: &YamlFlaw) -> (String, String) {
    match flaw {
        YamlFlaw::TooLarge(detail) => (
            format!(
                "le document est trop grand une fois ses alias développés ({})",
                one_line(detail)
            ),
            "retirez les alias répétés (`&ancre` / `*alias`)\u{a0}: les fichiers de vmsaudit n'en ont jamais besoin"
                .to_owned(),
        ),
        YamlFlaw::TooDeep(detail) => (
            format!("le document est trop imbriqué ({})", one_line(detail)),
            "une grille ou un enregistrement n'a que quelques niveaux\u{a0}: vérifiez les crochets et l'indentation"
                .to_owned(),
        ),
        YamlFlaw::Tab => (
            "une tabulation là où YAML n'admet que des espaces (indentation)".to_owned(),
            "remplacez la tabulation par des espaces (votre éditeur peut l'afficher comme des espaces)\u{a0}: YAML n'indente qu'avec des espaces".to_owned(),
        ),
        YamlFlaw::KeyTwice(key) => (
            format!("la clé `{}` est donnée deux fois à cet endroit", one_line(key)),
            "gardez-en une seule\u{a0}: YAML ne lit qu'une valeur par clé".to_owned(),
        ),
        YamlFlaw::ColonInText => (
            "un `: ` que YAML lit ici comme une nouvelle clé\u{a0}: dans un texte qui n'est pas entre guillemets, ou après une clé indentée sous une valeur".to_owned(),
            "mettez le texte entre guillemets droits (`title: \"Rappel\u{a0}: ...\"`), ou indentez la clé comme celles du dessus".to_owned(),
        ),
        YamlFlaw::Unclosed => (
            "un guillemet ou un crochet ouvert ici n'est pas refermé".to_owned(),
            "refermez-le sur la même valeur\u{a0}: `\"...\"`, `[...]`, `{...}`".to_owned(),
        ),
        YamlFlaw::ControlCharacter => (
            "un caractère de contrôle (un octet nul, par exemple)\u{a0}: ce n'est pas un fichier texte, ou il est abîmé".to_owned(),
            "retirez ce caractère, ou donnez le bon fichier (restaurez-le depuis git s'il s'agit d'un enregistrement)".to_owned(),
        ),
        YamlFlaw::NotAWholeNumber => (
            "un nombre entier est attendu ici".to_owned(),
            "écrivez un nombre entier, sans guillemets".to_owned(),
        ),
        YamlFlaw::NotANumber => (
            "un nombre est attendu ici".to_owned(),
            "écrivez un nombre comme `1.5` (un point avant les décimales), sans guillemets".to_owned(),
        ),
        YamlFlaw::NotYesNo => (
            "`true` ou `false` est attendu ici".to_owned(),
            "écrivez `true` ou `false`, sans guillemets".to_owned(),
        ),
        YamlFlaw::Empty => (
            "le fichier est vide\u{a0}: il ne contient que des lignes blanches ou des commentaires".to_owned(),
            "réécrivez ses clés, ou restaurez-le depuis git".to_owned(),
        ),
        YamlFlaw::NotKeys => (
            "le fichier n'est pas fait de lignes `clé: valeur`".to_owned(),
            "écrivez une ligne `clé: valeur` par clé, chaque clé en début de ligne".to_owned(),
        ),
        YamlFlaw::UnknownKey { key, known } => (
            format!(
                "clé inconnue `{}` à cet endroit\u{a0}; les clés possibles ici sont {}",
                one_line(key),
                known_keys(known)
            ),
            "corrigez l'orthographe de la clé, ou retirez-la avec sa valeur".to_owned(),
        ),
        YamlFlaw::MissingKey(key) => (
            format!("la clé `{}` manque", one_line(key)),
            format!(
                "ajoutez `{}: ...` avec les clés de son niveau, ou restaurez le fichier depuis git",
                one_line(key)
            ),
        ),
        YamlFlaw::NotOneOf { given, known } => (
            format!(
                "{} n'est pas une des valeurs que prend cette clé\u{a0}: {}",
                crate::text::code_span(&one_line(given)),
                known_keys(known)
            ),
            "écrivez l'une d'elles, telle qu'elle est écrite ici (sans guillemets)".to_owned(),
        ),
        YamlFlaw::Shape {
            key,
            part,
            expected,
            found,
        } => shape("", key, *part, *expected, found),
        YamlFlaw::Indentation => (
            "cette ligne n'est pas indentée comme YAML l'attend\u{a0}: une clé ou un élément plus à gauche ou plus à droite que ceux de son niveau".to_owned(),
            "indentez la ligne d'autant d'espaces que les clés (ou les éléments `- `) de son niveau\u{a0}; un texte qui continue la ligne du dessus se met entre guillemets ou en `clé: |`, ses lignes indentées".to_owned(),
        ),
        YamlFlaw::BlockIndent => (
            "une ligne d'un bloc de texte (après `|` ou `>`) est moins indentée que sa première ligne".to_owned(),
            "indentez chaque ligne du texte au moins autant que sa première ligne".to_owned(),
        ),
        YamlFlaw::BlockHeader => (
            "après `|` ou `>`, YAML n'admet que `-`, `+` ou un chiffre avant la fin de la ligne".to_owned(),
            "commencez le texte à la ligne suivante, indenté\u{a0}: `clé: |`, puis ses lignes en dessous".to_owned(),
        ),
        YamlFlaw::Brackets => (
            "les crochets ne vont pas par paires ici\u{a0}: un `[` ou une `{` ouvert sur cette ligne ou au-dessus n'est pas refermé, ou une `,` manque entre deux éléments".to_owned(),
            "refermez chaque `[` par `]` et chaque `{` par `}` sur la valeur qu'ils ouvrent, les éléments séparés par `, `\u{a0}; mettez entre guillemets un texte qui contient `,`, `:`, `[` ou `{`".to_owned(),
        ),
        YamlFlaw::AfterQuote => (
            "un texte entre guillemets se termine ici mais la ligne continue\u{a0}: son guillemet est refermé trop tôt, ou un guillemet ouvert plus haut n'est pas refermé".to_owned(),
            "mettez toute la valeur entre une seule paire de guillemets (`\\\"` pour un guillemet double entre guillemets doubles, `''` pour une apostrophe entre apostrophes)".to_owned(),
        ),
        YamlFlaw::Escape => (
            "un `\\` entre guillemets doubles commence un échappement que YAML ne connaît pas".to_owned(),
            "écrivez `\\\\` pour une barre oblique inverse, ou mettez le texte entre apostrophes (`'C:\\chemin'`)".to_owned(),
        ),
        YamlFlaw::Alias => (
            "une valeur qui commence par `*` ou `&` est lue par YAML comme un alias ou une ancre, et aucune de ce nom n'est définie".to_owned(),
            "mettez la valeur entre guillemets (`\"*...\"`)\u{a0}: les fichiers de vmsaudit n'ont jamais besoin d'alias".to_owned(),
        ),
        YamlFlaw::Tag => (
            "une valeur qui commence par `!` est lue par YAML comme une étiquette qu'il ne connaît pas".to_owned(),
            "mettez la valeur entre guillemets (`\"!...\"`)".to_owned(),
        ),
        YamlFlaw::Directive => (
            "une ligne qui commence par `%` est lue par YAML comme une directive".to_owned(),
            "retirez la ligne\u{a0}: les fichiers de vmsaudit n'ont pas de directive".to_owned(),
        ),
        YamlFlaw::Documents => (
            "une ligne `---` ou `...` termine ici le document, et un fichier n'en contient qu'un".to_owned(),
            "retirez la ligne\u{a0}; dans un texte, indentez-la sous sa clé (`clé: |`) ou mettez le texte entre guillemets".to_owned(),
        ),
        YamlFlaw::Comment => (
            "un `#` collé à une valeur\u{a0}: YAML ne lit un commentaire qu'après une espace".to_owned(),
            "mettez une espace avant le `#` pour commencer un commentaire, ou mettez toute la valeur entre guillemets".to_owned(),
        ),
        YamlFlaw::Space => (
            "une espace manque après un `:` ou un `-` à cet endroit".to_owned(),
            "écrivez `clé: valeur` et `- élément`, avec une espace après le `:` et le `-`".to_owned(),
        ),
        YamlFlaw::ByteOrderMark => (
            "une marque d'ordre des octets invisible (U+FEFF) au milieu du texte".to_owned(),
            "retirez-la (enregistrez le fichier en UTF-8 sans BOM)".to_owned(),
        ),
        YamlFlaw::Reserved(character) => (
            format!(
                "une valeur ne peut pas commencer par {} en YAML",
                crate::text::code_span(&one_line(&character.to_string()))
            ),
            "mettez la valeur entre guillemets".to_owned(),
        ),
        YamlFlaw::Bad(bad) => (bad_value(bad), "corrigez la valeur à cet endroit".to_owned()),
        YamlFlaw::Value(detail) => (
            format!("la valeur à cet endroit ne peut pas être lue ({})", one_line(detail)),
            "écrivez la valeur comme l'écrivent les autres fichiers de son genre".to_owned(),
        ),
        YamlFlaw::Syntax(detail) => (
            format!("YAML invalide\u{a0}: {}", one_line(detail)),
            "corrigez le YAML à cet endroit (indentation, guillemets autour d'un `: ` dans un texte, clé manquante ou en trop)".to_owned(),
        ),
    }
}

/// Des clés ou des mots en liste, chacun en code.
fn known_keys(known: &[String]) -> String {
    let known: Vec<String> = known
        .iter()
        .map(|key| crate::text::code_span(&one_line(key)))
        .collect();
    known.join(", ")
}

/// Where a key is (« dans … »), and whose keys they are (« les clés … »).
fn key_place(place: &KeyPlace) -> (String, String) {
    match place {
        KeyPlace::File => (
            "le fichier du catalogue".to_owned(),
            "du fichier du catalogue".to_owned(),
        ),
        KeyPlace::Pack => ("`pack`".to_owned(), "de `pack`".to_owned()),
        KeyPlace::Entry => ("une entrée".to_owned(), "d'une entrée".to_owned()),
        KeyPlace::Text(text) => (
            format!("`{}`", one_line(text)),
            format!("de `{}`", one_line(text)),
        ),
        KeyPlace::Cvss => ("`cvss`".to_owned(), "de `cvss`".to_owned()),
        KeyPlace::Range => (
            "une plage de `affected`".to_owned(),
            "d'une plage de `affected`".to_owned(),
        ),
    }
}

/// What is wrong in a CVE pack, and its fix.
fn pack(flaw: &PackFlaw) -> (String, String) {
    let (wrong, fix): (String, String) = match flaw {
        PackFlaw::ScoreMismatch { .. }
        | PackFlaw::KevAfter { .. }
        | PackFlaw::PublishedAfter { .. } => against_others(flaw),
        PackFlaw::UnknownKey {
            key,
            place,
            near,
            known,
        } => unknown_pack_key(key, place, near.as_deref(), known),
        PackFlaw::Version(version) => (
            format!(
                "la version du catalogue `{}` ne suit pas le versionnage calendaire",
                one_line(version)
            ),
            "écrivez-la AAAA.MM.N, par exemple «\u{a0}2026.11.1\u{a0}»".to_owned(),
        ),
        PackFlaw::Twice { id, line } => (
            format!(
                "{} figure deux fois (aussi à la ligne {line})",
                one_line(id)
            ),
            "gardez une seule entrée par CVE".to_owned(),
        ),
        PackFlaw::KevMissing => (
            "`kev` manque".to_owned(),
            "écrivez la date dateAdded du KEV de la CISA, ou `kev: null` si la CVE n'y figure pas"
                .to_owned(),
        ),
        PackFlaw::NotAVendor { vendor, known } => (
            format!(
                "le constructeur `{}` n'est pas une clé de `vendors`",
                one_line(vendor)
            ),
            format!("utilisez l'un de {}", list(known)),
        ),
        PackFlaw::NoAffected => (
            "aucune plage concernée".to_owned(),
            "listez au moins une plage avec ses `products`".to_owned(),
        ),
        PackFlaw::TextIncomplete(field) => (
            format!(
                "`{}` est vide ou n'est pas écrit en anglais et en français",
                one_line(field)
            ),
            "écrivez-le sous la forme {en: ..., fr: ...}".to_owned(),
        ),
        PackFlaw::NotACwe(cwe) => (
            format!("`{}` n'est pas un identifiant CWE", one_line(cwe)),
            "écrivez-le CWE-N, ou retirez `cwe`".to_owned(),
        ),
        PackFlaw::NvdPageFirst(page) => (
            "la première référence n'est pas la page de la NVD".to_owned(),
            format!("commencez la liste par {}", one_line(page)),
        ),
        PackFlaw::NotAUrl(url) => (
            format!("`{}` n'est pas une adresse web", one_line(url)),
            "donnez une URL http(s)".to_owned(),
        ),
        PackFlaw::ImportedFromInBuiltin => (
            "`imported_from` est réservé aux entrées importées dans un audit".to_owned(),
            "retirez-le du catalogue intégré".to_owned(),
        ),
        PackFlaw::Vendor(flaw) => vendor(flaw),
        PackFlaw::Range(flaw) => range(flaw),
        PackFlaw::Yaml(flaw) => self::yaml(flaw),
    };
    (wrong, fix)
}

/// Une date ou un score en désaccord avec la date du catalogue ou le vecteur de l'entrée (ces
/// variantes seulement).
fn against_others(flaw: &PackFlaw) -> (String, String) {
    let later = "vérifiez la date, ou datez le catalogue plus tard";
    match flaw {
        PackFlaw::ScoreMismatch { stated, computed } => (
            format!(
                "le score de base {} ne correspond pas à son vecteur, qui donne {}",
                decimal(stated),
                decimal(computed)
            ),
            format!("écrivez `base_score: {computed}`, ou corrigez le vecteur"),
        ),
        PackFlaw::KevAfter { kev, pack } => (
            format!("la date KEV {kev} est postérieure à la date du catalogue {pack}"),
            later.to_owned(),
        ),
        PackFlaw::PublishedAfter { published, pack } => (
            format!("la publication {published} est postérieure à la date du catalogue {pack}"),
            later.to_owned(),
        ),
        _ => (String::new(), String::new()),
    }
}

/// Une clé qu'un catalogue n'a pas à cet endroit, avec la plus proche.
fn unknown_pack_key(
    key: &str,
    place: &KeyPlace,
    near: Option<&str>,
    known: &[String],
) -> (String, String) {
    let (what, whose) = key_place(place);
    (
        format!("clé `{}` inconnue dans {what}", one_line(key)),
        match near {
            Some(near) => format!(
                "{} Les clés {whose} sont {}",
                did_you_mean(near),
                list(known)
            ),
            None => format!("les clés {whose} sont {}", list(known)),
        },
    )
}

/// Ce qui ne va pas dans les `vendors` d'un catalogue de CVE, et comment y remédier.
fn vendor(flaw: &VendorFlaw) -> (String, String) {
    match flaw {
        VendorFlaw::Key(key) => (
            format!(
                "la clé de constructeur `{}` n'est pas faite de minuscules, de chiffres et de `-`",
                one_line(key)
            ),
            "renommez la clé, par exemple `dlink`".to_owned(),
        ),
        VendorFlaw::NotOwnName(key) => {
            let key = one_line(key);
            (
                format!("le constructeur `{key}` ne figure pas dans sa propre liste de noms"),
                format!("ajoutez `{key}` à sa liste"),
            )
        }
        VendorFlaw::AliasForm {
            alias,
            vendor,
            normal,
        } => (
            format!(
                "le nom «\u{a0}{}\u{a0}» du constructeur `{}` n'est pas en minuscules avec des espaces simples",
                one_line(alias),
                one_line(vendor)
            ),
            format!("écrivez-le «\u{a0}{}\u{a0}»", one_line(normal)),
        ),
        VendorFlaw::AliasTwice {
            alias,
            first,
            second,
        } => (
            format!(
                "le nom «\u{a0}{}\u{a0}» appartient à `{}` et à `{}`",
                one_line(alias),
                one_line(first),
                one_line(second)
            ),
            "un alias désigne un seul constructeur\u{a0}: retirez-le de l'un d'eux".to_owned(),
        ),
    }
}

/// Ce qui ne va pas dans une plage de `affected`, et comment y remédier.
fn range(flaw: &RangeFlaw) -> (String, String) {
    match flaw {
        RangeFlaw::BeforeAndLastAffected => (
            "la plage a à la fois `before` et `last_affected`".to_owned(),
            "gardez une seule borne haute\u{a0}: `before` (première version corrigée) ou `last_affected`"
                .to_owned(),
        ),
        RangeFlaw::FromAndAfter => (
            "la plage a à la fois `from` et `after`".to_owned(),
            "gardez une seule borne basse".to_owned(),
        ),
        RangeFlaw::AfterInBuiltin => (
            "`after` est réservé aux entrées importées dans un audit".to_owned(),
            "utilisez `from` (inclus) dans le catalogue intégré".to_owned(),
        ),
        RangeFlaw::FromUnbounded => (
            "`from` sans borne haute".to_owned(),
            "ajoutez `before` ou `last_affected`, ou retirez `from` pour une plage sans bornes"
                .to_owned(),
        ),
        RangeFlaw::FixedInUnbounded => (
            "`fixed_in` sans borne haute".to_owned(),
            "ajoutez `before` ou `last_affected`, ou retirez `fixed_in`".to_owned(),
        ),
        RangeFlaw::AllVersionsFalse => (
            "`all_versions: false`".to_owned(),
            "retirez `all_versions` sauf s'il vaut true".to_owned(),
        ),
        RangeFlaw::AllVersionsWithBounds => (
            "`all_versions` avec des bornes de version".to_owned(),
            "une plage touche toutes les versions ou a des bornes, pas les deux".to_owned(),
        ),
        RangeFlaw::NoProducts => (
            "la plage ne nomme aucun produit".to_owned(),
            "donnez au moins un motif de modèle, ou `\"*\"` pour tous les modèles du constructeur"
                .to_owned(),
        ),
        RangeFlaw::EmptyPattern => (
            "un motif de modèle est vide".to_owned(),
            "retirez-le, ou écrivez `\"*\"` pour tous les modèles".to_owned(),
        ),
        RangeFlaw::NotABound(text) => (
            format!("`{}` n'est ni une version ni une date de build", one_line(text)),
            "écrivez la version comme le constructeur (avec un chiffre), ou une date AAAA-MM ou AAAA-MM-JJ".to_owned(),
        ),
    }
}

fn file_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Link => "un lien symbolique",
        FileKind::Fifo => "un tube nommé (FIFO)",
        FileKind::Socket => "une socket",
        FileKind::Device => "un périphérique",
        FileKind::Folder => "un dossier",
    }
}

/// What went wrong with pandoc, and what to do.
pub(super) fn pandoc(pandoc: &Pandoc) -> (String, String) {
    let install = "installez pandoc (`apt-get install pandoc`, ou https://pandoc.org/installing.html) et relancez la commande\u{a0}; ou écrivez le rapport en Markdown ou en HTML (`--format md|html`)";
    let needed = |why: String| {
        (
            format!("pandoc est nécessaire pour écrire des fichiers Word (DOCX)\u{a0}: {why}"),
            install.to_owned(),
        )
    };
    match pandoc {
        Pandoc::Missing => needed("il n'est pas installé, ou pas dans le PATH".to_owned()),
        Pandoc::CannotRun(detail) => needed(format!(
            "il n'a pas pu être lancé ({})",
            one_line(detail)
        )),
        Pandoc::TooOld { has, needs } => needed(format!(
            "pandoc {}.{} est installé, et il faut {}.{} ou plus récent",
            has.0, has.1, needs.0, needs.1
        )),
        Pandoc::NoVersion(program) => needed(format!(
            "`{} --version` n'a pas dit sa version",
            one_line(program)
        )),
        Pandoc::Failed { said, reference } => (
            format!(
                "pandoc n'a pas pu convertir le rapport\u{a0}: {}",
                one_line(said)
            ),
            match reference {
                Some(reference) => format!(
                    "vérifiez que {} est un document Word fait à partir de celui de pandoc (`pandoc -o templates/reference.docx --print-default-data-file reference.docx`), ou déplacez-le pour utiliser les styles par défaut de pandoc",
                    one_line(reference)
                ),
                None => "convertissez le Markdown à la main pour voir tout le message de pandoc\u{a0}: `vmsaudit report -o out/` puis `pandoc --resource-path=out out/report.md -o report.docx`".to_owned(),
            },
        ),
    }
}

/// What is wrong with a file given to `cve import`, and its fix.
fn feed(flaw: &FeedFlaw) -> (String, String) {
    let what = "donnez un flux NVD CVE JSON 2.0 (.json, .json.gz ou .zip) ou le catalogue KEV de la CISA (.json ou .csv)";
    let (wrong, fix): (String, &str) = match flaw {
        FeedFlaw::ZipIncomplete(_)
        | FeedFlaw::ZipEntry { .. }
        | FeedFlaw::ZipNoJson(_)
        | FeedFlaw::Bomb { .. } => zip_feed(flaw),
        FeedFlaw::Broken { how, read, last } => broken_feed(how, *read, last.as_deref()),
        FeedFlaw::CountMismatch { .. }
        | FeedFlaw::NotCsv(_)
        | FeedFlaw::NoColumns(_)
        | FeedFlaw::BadRow { .. }
        | FeedFlaw::BadValues { .. } => kev_feed(flaw),
        FeedFlaw::Empty => (
            "le fichier est vide".to_owned(),
            "donnez un flux NVD CVE JSON 2.0 (nvdcve-2.0-*.json) ou le catalogue KEV de la CISA (known_exploited_vulnerabilities.json ou .csv)",
        ),
        FeedFlaw::Binary => (
            "ni un flux NVD ni le catalogue KEV\u{a0}: un fichier binaire, pas du texte JSON ou CSV".to_owned(),
            what,
        ),
        FeedFlaw::Unreadable(detail) => (
            format!("illisible\u{a0}: {}", one_line(detail)),
            "vérifiez le fichier et ses droits",
        ),
        FeedFlaw::NotAFeed => (
            "ni un flux NVD CVE JSON 2.0 ni le catalogue KEV de la CISA\u{a0}: pas de liste `vulnerabilities`".to_owned(),
            "donnez un flux NVD ({\"vulnerabilities\": [{\"cve\": ...}]}) ou known_exploited_vulnerabilities.json",
        ),
    };
    (wrong, fix.to_owned())
}

/// Un flux dont l'archive zip est illisible, ou trop grande pour ce qu'elle contient (ces
/// variantes seulement).
fn zip_feed(flaw: &FeedFlaw) -> (String, &'static str) {
    let again = "rien n'a été importé\u{a0}: téléchargez à nouveau le flux, puis relancez l'import";
    match flaw {
        FeedFlaw::ZipIncomplete(detail) => (
            format!(
                "ce n'est pas une archive zip complète ({})\u{a0}: un téléchargement ou une copie tronqués\u{a0}?",
                one_line(detail)
            ),
            again,
        ),
        FeedFlaw::ZipEntry { index, detail } => (
            format!(
                "le fichier {} de l'archive zip est illisible ({})",
                index + 1,
                one_line(detail)
            ),
            again,
        ),
        FeedFlaw::ZipNoJson(held) => (
            format!(
                "l'archive zip ne contient aucun fichier .json (elle contient {})",
                if held.is_empty() {
                    "rien".to_owned()
                } else {
                    list(held)
                }
            ),
            "donnez le nvdcve-2.0-*.json.zip de la NVD, ou le flux .json ou .json.gz",
        ),
        FeedFlaw::Bomb { mib, kib } => (
            format!(
                "se décompresse en plus de {mib}\u{a0}Mio à partir de {kib}\u{a0}Kio\u{a0}: refusé, ce n'est pas un flux que diffuse la NVD (une bombe zip\u{a0}?)"
            ),
            "rien n'a été importé\u{a0}: donnez les flux tels que la NVD les publie (nvdcve-2.0-*.json.gz ou .zip)",
        ),
        _ => (String::new(), ""),
    }
}

/// Un flux dont le JSON s'interrompt, avec jusqu'où il a été lu.
fn broken_feed(how: &JsonBreak, read: usize, last: Option<&str>) -> (String, &'static str) {
    let how = match how {
            JsonBreak::Eof => {
                "le fichier s'arrête au milieu du JSON (un téléchargement ou une copie tronqués\u{a0}?)".to_owned()
            }
            JsonBreak::CompressedEof => {
                "les données compressées s'arrêtent trop tôt (un téléchargement ou une copie tronqués\u{a0}?)".to_owned()
            }
            JsonBreak::Io(detail) => format!("illisible\u{a0}: {}", one_line(detail)),
            JsonBreak::Invalid(detail) => format!("invalide ici\u{a0}: {}", one_line(detail)),
            JsonBreak::WrongKind => {
                "une valeur d'une nature qu'aucun enregistrement NVD ni entrée KEV n'a à cet endroit (un nombre ou une liste là où il faut un enregistrement ou un texte)".to_owned()
            }
        };
    let so_far = match (read, last) {
        (0, _) => "aucun enregistrement complet n'a été lu avant cet endroit".to_owned(),
        (1, Some(last)) => format!(
            "1\u{a0}enregistrement complet ({}) a été lu avant cet endroit",
            one_line(last)
        ),
        (n, Some(last)) => format!(
            "{n}\u{a0}enregistrements complets ont été lus avant cet endroit, le dernier {}",
            one_line(last)
        ),
        (n, None) => format!("{n}\u{a0}enregistrements complets ont été lus avant cet endroit"),
    };
    (
        format!("{how}\u{a0}; {so_far}, la suite du fichier est illisible"),
        "rien n'a été importé, ni de ce fichier ni d'aucun autre\u{a0}: copiez ou téléchargez à nouveau le fichier, puis relancez l'import",
    )
}

/// Le catalogue KEV de la CISA qui ne se lit pas comme tel (ces variantes seulement).
fn kev_feed(flaw: &FeedFlaw) -> (String, &'static str) {
    let csv = "donnez un flux NVD CVE JSON 2.0, ou le catalogue KEV de la CISA en JSON ou en CSV (known_exploited_vulnerabilities.csv)";
    match flaw {
        FeedFlaw::CountMismatch { said, has } => (
            format!("le catalogue annonce {said}\u{a0}entrées, le fichier en a {has}"),
            "rien n'a été importé\u{a0}: copiez ou téléchargez à nouveau le catalogue",
        ),
        FeedFlaw::NotCsv(detail) => (
            format!("ce n'est pas un fichier CSV\u{a0}: {}", one_line(detail)),
            csv,
        ),
        FeedFlaw::NoColumns(missing) => (
            format!(
                "ce n'est pas le catalogue KEV de la CISA\u{a0}: l'en-tête n'a {}",
                match missing.as_slice() {
                    [one] => format!("pas de colonne `{}`", one_line(one)),
                    _ => "ni colonne `cveID` ni colonne `dateAdded`".to_owned(),
                }
            ),
            csv,
        ),
        FeedFlaw::BadRow { detail, read } => (
            format!(
                "cette ligne est illisible ({})\u{a0}; {read}\u{a0}ligne(s) complète(s) lue(s) avant elle (un fichier tronqué\u{a0}?)",
                one_line(detail)
            ),
            "rien n'a été importé, ni de ce fichier ni d'aucun autre\u{a0}: copiez ou téléchargez à nouveau le catalogue",
        ),
        FeedFlaw::BadValues { id, date } => (
            format!(
                "`{}` / `{}` n'est pas un identifiant CVE et une date AAAA-MM-JJ",
                one_line(id),
                one_line(date)
            ),
            "rien n'a été importé\u{a0}: vérifiez que le fichier est le catalogue KEV tel que la CISA le publie",
        ),
        _ => (String::new(), ""),
    }
}

/// Why a newer grid does not map the engagement's, and its fix.
fn grid_map(flaw: &GridMapFlaw) -> (String, String) {
    match flaw {
        GridMapFlaw::NotMapped { .. }
        | GridMapFlaw::HashDiffers { .. }
        | GridMapFlaw::NotInOld { .. } => mapped_control(flaw),
        GridMapFlaw::SameVersionDiffers { id, version } => (
            format!(
                "cette grille est la version {} de `{}`, comme celle de l'audit, mais son texte diffère",
                one_line(version),
                one_line(id)
            ),
            "donnez à la nouvelle grille sa propre version, avec une entrée `replaces:` pour celle de l'audit".to_owned(),
        ),
        GridMapFlaw::OtherGrid { new, old } => (
            format!(
                "cette grille est `{}`, celle de l'audit est `{}`",
                one_line(new),
                one_line(old)
            ),
            format!(
                "passez à une version de `{}`, ou commencez un nouvel audit avec cette grille (`vmsaudit init --grid`)",
                one_line(old)
            ),
        ),
        GridMapFlaw::NoEntry {
            id,
            version,
            old,
            known,
        } => {
            let listed = if known.is_empty() {
                "elle n'a pas de `replaces:`".to_owned()
            } else {
                format!("elle ne remplace que {}", list(known))
            };
            (
                format!(
                    "la grille {} {} ne dit pas comment reprendre la version {} de l'audit ({listed})",
                    one_line(id),
                    one_line(version),
                    one_line(old)
                ),
                format!(
                    "ajoutez une entrée `replaces:` pour la version {}\u{a0}: `vmsaudit grid hashes` donne les contrôles de la grille de l'audit avec leurs empreintes (voir le README, «\u{a0}Grid versions\u{a0}»)",
                    one_line(old)
                ),
            )
        }
        GridMapFlaw::DomainGone {
            finding,
            domain,
            grid,
        } => (
            format!(
                "la vulnérabilité {} est dans le domaine {}, que la grille {} n'a pas",
                one_line(finding),
                one_line(domain),
                one_line(grid)
            ),
            "rattachez la vulnérabilité à un domaine de la nouvelle grille (`vmsaudit finding edit ID --domain D`) avant de changer de grille".to_owned(),
        ),
    }
}

/// Un contrôle de la grille de l'audit que la correspondance oublie, ou nomme pour un autre
/// texte, ou un contrôle qu'elle n'a pas (ces variantes seulement).
fn mapped_control(flaw: &GridMapFlaw) -> (String, String) {
    match flaw {
        GridMapFlaw::NotMapped {
            control,
            version,
            hash,
        } => (
            format!(
                "le contrôle {} de la version {} n'est pas dans `replaces` {}",
                one_line(control),
                one_line(version),
                one_line(version)
            ),
            format!(
                "dites ce qu'il est devenu sous `controls:`\u{a0}: `{}: {{hash: {}, to: [ID]}}`, ou `to: []` s'il est supprimé",
                one_line(control),
                one_line(hash)
            ),
        ),
        GridMapFlaw::HashDiffers {
            control,
            version,
            hash,
            said,
        } => (
            format!(
                "le contrôle {} de la grille {} de l'audit n'a pas le texte pour lequel cette reprise a été écrite (son empreinte est {}, la reprise dit {})",
                one_line(control),
                one_line(version),
                one_line(hash),
                one_line(said)
            ),
            "la grille de l'audit a été modifiée, ou la reprise vise un autre texte\u{a0}: comparez-les, puis mettez l'empreinte que `vmsaudit grid hashes` donne pour la grille de l'audit".to_owned(),
        ),
        GridMapFlaw::NotInOld { id, version } => (
            format!(
                "`replaces` {} cite {}, qui n'est pas un contrôle de la grille {} de l'audit",
                one_line(version),
                one_line(id),
                one_line(version)
            ),
            "retirez-le, ou corrigez l'identifiant".to_owned(),
        ),
        _ => (String::new(), String::new()),
    }
}

/// Une valeur que son type ne lit pas.
pub(super) fn bad_value(bad: &super::BadValue) -> String {
    use super::value::one_of;
    use super::{Expected, Kind};
    let given = one_line(&bad.given);
    match bad.expected {
        Expected::Level => format!(
            "`{given}` n'est pas un niveau\u{a0}: donnez un nombre de l'échelle (0–4) ou `na`"
        ),
        Expected::OneOf(kind, words) => {
            let what = match kind {
                Kind::Severity => "une criticité",
                Kind::VectorSource => "une source de vecteur",
                Kind::FindingStatus => "un statut de vulnérabilité",
                Kind::AssetKind => "un type d'équipement",
                Kind::Complexity => "une complexité",
                Kind::Owner => "un responsable",
                Kind::ActionStatus => "un statut d'action",
            };
            format!(
                "`{given}` n'est pas {what}\u{a0}: donnez {}",
                one_of(words, "ou")
            )
        }
        Expected::Amount => format!(
            "`{given}` n'est pas un montant\u{a0}: écrivez un nombre positif d'au plus deux décimales, par exemple `1250` ou `1250,50`"
        ),
        Expected::AmountMixed => format!(
            "`{given}` mélange `,` et `.`\u{a0}: écrivez le montant sans séparateur de milliers, par exemple `1250,50`"
        ),
        Expected::Score => format!(
            "`{given}` n'est pas un score\u{a0}: écrivez un nombre d'au plus une décimale, par exemple 2,5"
        ),
        Expected::Date => format!(
            "`{given}` n'est pas une date\u{a0}: écrivez-la AAAA-MM-JJ, par exemple 2026-03-15"
        ),
        Expected::Currency => format!(
            "`{given}` n'est pas un code de devise\u{a0}: donnez les trois lettres de l'ISO 4217, par exemple EUR, USD, CHF"
        ),
    }
}

/// Le problème d'un tableau d'inventaire, et sa correction.
fn csv(flaw: &super::CsvFlaw) -> (String, String) {
    use super::CsvFlaw;
    match flaw {
        CsvFlaw::Empty(columns) => (
            "le fichier est vide".to_owned(),
            format!(
                "exportez l'inventaire avec une ligne d'en-tête\u{a0}: {}",
                columns.join(",")
            ),
        ),
        CsvFlaw::NotCsv(detail) => (
            format!("le fichier n'est pas lisible en CSV\u{a0}: {}", one_line(detail)),
            "enregistrez-le au format CSV (séparateur virgule ou point-virgule, UTF-8) depuis le tableur".to_owned(),
        ),
        CsvFlaw::Cells { row, header } => (
            format!("la ligne a {row}\u{a0}cellule(s), l'en-tête {header}"),
            "mettez entre guillemets les cellules qui contiennent le séparateur, et donnez à chaque ligne les colonnes de l'en-tête".to_owned(),
        ),
        CsvFlaw::ColumnTwice(name) => (
            format!("la colonne `{}` figure deux fois", one_line(name)),
            "gardez une seule colonne de chaque nom".to_owned(),
        ),
        CsvFlaw::UnknownColumns { unknown, known } => (
            format!(
                "colonne(s) inconnue(s)\u{a0}: {}",
                unknown
                    .iter()
                    .map(|(name, at)| format!("`{}` (colonne {at})", one_line(name)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            format!(
                "les colonnes connues sont {} (dans n'importe quel ordre, majuscules ou minuscules)\u{a0}; renommez ou retirez les autres",
                known.join(", ")
            ),
        ),
        CsvFlaw::NoIdColumn => (
            "l'en-tête n'a pas de colonne `id`".to_owned(),
            "ajoutez une colonne `id`\u{a0}: chaque ligne met à jour l'équipement de cet identifiant, ou l'ajoute".to_owned(),
        ),
        CsvFlaw::NoHeader(column) => (
            format!("une valeur dans la colonne {column}, qui n'a pas d'en-tête"),
            "nommez la colonne dans la ligne d'en-tête, ou videz-la".to_owned(),
        ),
        CsvFlaw::IdEmpty => (
            "l'identifiant est vide".to_owned(),
            "donnez un identifiant à chaque équipement, par exemple CAM-012".to_owned(),
        ),
        CsvFlaw::BadId(wrong) => (
            self::wrong(wrong, &super::key),
            "par exemple CAM-012".to_owned(),
        ),
        CsvFlaw::IdTwice { id, line } => (
            format!("l'équipement `{}` figure aussi ligne {line}", one_line(id)),
            "gardez une ligne par équipement".to_owned(),
        ),
        CsvFlaw::Kind(bad) => (
            bad_value(bad),
            "corrigez la colonne kind de cette ligne".to_owned(),
        ),
        CsvFlaw::NoKind { id, kinds } => (
            format!(
                "`{}` n'est pas encore dans l'inventaire et n'a pas de type",
                one_line(id)
            ),
            format!(
                "remplissez sa colonne `kind` avec l'un de {}",
                kinds.join(", ")
            ),
        ),
    }
}

/// Où une clé de la grille est inconnue (« dans … »), et à quoi sont les clés (« les clés … »).
fn grid_key_place(place: super::GridKeyPlace) -> (&'static str, &'static str) {
    use super::GridKeyPlace;
    match place {
        GridKeyPlace::Grid => ("la grille", "de la grille"),
        GridKeyPlace::Level => ("un niveau de l'échelle", "d'un niveau de l'échelle"),
        GridKeyPlace::Domain => ("un domaine", "d'un domaine"),
        GridKeyPlace::Control => ("un contrôle", "d'un contrôle"),
        GridKeyPlace::Replaces => ("une entrée de `replaces`", "d'une entrée de `replaces`"),
        GridKeyPlace::Mapping => (
            "la correspondance d'un ancien contrôle",
            "de la correspondance d'un ancien contrôle",
        ),
    }
}

fn grid_id_of(of: super::GridIdOf) -> &'static str {
    match of {
        super::GridIdOf::Domain => "domaine",
        super::GridIdOf::Control => "contrôle",
    }
}

/// Ce qui porte un texte de la grille, sujet (« le contrôle ACC-01 ») et complément
/// (« du contrôle ACC-01 »).
fn text_owner(owner: &super::TextOwner) -> (String, String) {
    use super::TextOwner;
    match owner {
        TextOwner::Grid => ("la grille".to_owned(), "de la grille".to_owned()),
        TextOwner::Level(level) => (
            format!("le niveau {level} de l'échelle"),
            format!("du niveau {level} de l'échelle"),
        ),
        TextOwner::Domain(id) => (
            format!("le domaine {}", one_line(id)),
            format!("du domaine {}", one_line(id)),
        ),
        TextOwner::Control(id) => (
            format!("le contrôle {}", one_line(id)),
            format!("du contrôle {}", one_line(id)),
        ),
        TextOwner::Mapping { version, old } => {
            let what = format!(
                "la correspondance de {} dans `replaces` {}",
                one_line(old),
                one_line(version)
            );
            (what.clone(), format!("de {what}"))
        }
        TextOwner::Replaces(Some(version)) => {
            let what = format!("l'entrée `replaces` de la version {}", one_line(version));
            (what.clone(), format!("de {what}"))
        }
        TextOwner::Replaces(None) => (
            "une entrée `replaces`".to_owned(),
            "d'une entrée `replaces`".to_owned(),
        ),
    }
}

/// Ce que devrait être une valeur de la grille.
fn grid_expect(expected: super::GridExpect) -> String {
    use super::GridExpect;
    match expected {
        GridExpect::Text => {
            "un texte (une chaîne, ou une par langue\u{a0}: `{en: ..., fr: ...}`)".to_owned()
        }
        GridExpect::TextIn => "une chaîne".to_owned(),
        GridExpect::Word => "une seule valeur (un mot ou un nombre)".to_owned(),
        GridExpect::List => "une liste".to_owned(),
        GridExpect::Entry => {
            "une entrée avec ses propres clés (des lignes `clé: valeur`)".to_owned()
        }
        GridExpect::Mappings => "les anciens contrôles, chacun avec sa correspondance".to_owned(),
        GridExpect::LevelTexts => "un texte par niveau (`0: ...`, `1: ...`)".to_owned(),
        GridExpect::Level { max } => format!("un nombre entier de 0 à {max}"),
        GridExpect::Weight => "un nombre entier de 1 à 100".to_owned(),
        GridExpect::YesNo => "`true` ou `false`".to_owned(),
        GridExpect::OneText => "un texte".to_owned(),
        GridExpect::LevelOrNa => "un niveau de l'échelle (un nombre entier) ou `na`".to_owned(),
    }
}

/// Ce qu'a le fichier de grille là où il faudrait autre chose.
fn grid_found(found: &super::GridFound) -> String {
    use super::GridFound;
    match found {
        GridFound::Text(text) => format!("le texte {}", crate::text::code_span(&one_line(text))),
        GridFound::Number(number) => format!("le nombre `{}`", one_line(number)),
        GridFound::YesNo(yes) => format!("`{yes}`"),
        GridFound::Nothing => "vide".to_owned(),
        GridFound::List => "une liste".to_owned(),
        GridFound::Entry => "un ensemble de clés (`clé: valeur`)".to_owned(),
    }
}

/// Comment écrire la valeur qu'attend la grille sous `key`.
fn grid_expect_fix(expected: super::GridExpect, key: &str, part: super::ShapePart) -> String {
    use super::{GridExpect, ShapePart};
    let key = one_line(key);
    match (expected, part) {
        (GridExpect::Text, _) => format!(
            "écrivez le texte après `{key}:`, ou un par langue\u{a0}: `{key}: {{en: ..., fr: ...}}`"
        ),
        (GridExpect::TextIn, _) => "écrivez une chaîne après le code de langue (`fr: Comptes par défaut`), entre guillemets si elle contient `: ` ou commence par `[` ou `{`".to_owned(),
        (GridExpect::Word, ShapePart::Item) => format!(
            "écrivez une seule valeur par élément de `{key}`\u{a0}: `{key}: [a, b]`, ou une ligne `- valeur` par élément"
        ),
        (GridExpect::Word, _) => format!(
            "écrivez une seule valeur après `{key}:`, entre guillemets si elle contient `: ` ou commence par `[` ou `{{`"
        ),
        (GridExpect::List, _) => format!(
            "écrivez la liste entre crochets (`{key}: [a, b]`) ou une ligne `- élément` par élément sous `{key}:`\u{a0}; retirez `{key}:` si la liste est vide"
        ),
        (GridExpect::Entry, _) => "écrivez les clés de l'entrée sous son tiret, avec la même indentation\u{a0}: `- id: ...`, puis `title: ...` à la ligne suivante".to_owned(),
        (GridExpect::Mappings, _) => "sous `controls:`, écrivez chaque ancien identifiant de contrôle suivi de `:`, puis son `hash:` et son `to:` indentés en dessous".to_owned(),
        (GridExpect::LevelTexts, _) => format!(
            "sous `{key}:`, écrivez le numéro de chaque niveau suivi de son texte, un par ligne\u{a0}: `0: ...`, `4: ...`"
        ),
        (GridExpect::Level { max }, ShapePart::Key) => format!(
            "numérotez chaque texte par son niveau, un nombre entier de 0 à {max}, sans guillemets\u{a0}: `2: ...`"
        ),
        (GridExpect::Level { max }, _) => format!(
            "écrivez le numéro du niveau, de 0 à {max}, sans guillemets\u{a0}: `{key}: 2`"
        ),
        (GridExpect::Weight, _) => format!(
            "écrivez `{key}: 1` pour un contrôle ordinaire, 2 ou plus pour un contrôle qui pèse davantage dans le score de son domaine (sans guillemets)"
        ),
        (GridExpect::YesNo, _) => format!(
            "écrivez `{key}: true` ou `{key}: false` (sans guillemets), ou retirez la clé"
        ),
        (GridExpect::OneText, _) => format!(
            "écrivez le texte après `{key}:`, entre guillemets s'il contient `: ` ou commence par `[`, `{{` ou `-`\u{a0}; un texte de plusieurs lignes en `{key}: |`, ses lignes indentées en dessous"
        ),
        (GridExpect::LevelOrNa, _) => format!(
            "écrivez le numéro du niveau sans guillemets (`{key}: 2`), ou `{key}: na` si le contrôle ne s'applique pas"
        ),
    }
}

/// Une valeur d'une autre sorte sous `key` (`of_owner`\u{a0}: « du contrôle X », ou rien dans
/// le fichier d'un enregistrement), et sa correction\u{a0}: la même formulation pour les grilles
/// et les enregistrements.
fn shape(
    of_owner: &str,
    key: &str,
    part: super::ShapePart,
    expected: super::GridExpect,
    found: &super::GridFound,
) -> (String, String) {
    let key_ = one_line(key);
    let found_ = grid_found(found);
    let expected_ = grid_expect(expected);
    let what = match part {
        super::ShapePart::Value => format!("`{key_}`{of_owner} est {found_}"),
        super::ShapePart::Item => format!("un élément de `{key_}`{of_owner} est {found_}"),
        super::ShapePart::Key => format!("une clé de `{key_}`{of_owner} est {found_}"),
    };
    (
        format!("{what}, alors qu'il faut {expected_}"),
        grid_expect_fix(expected, key, part),
    )
}

/// Le problème d'un fichier de grille, et sa correction.
fn grid(flaw: &super::GridFlaw) -> (String, String) {
    use super::GridFlaw;
    match flaw {
        GridFlaw::Empty => (
            "le fichier de grille est vide".to_owned(),
            "partez de `vmsaudit grid export`, qui affiche la grille intégrée".to_owned(),
        ),
        GridFlaw::NotAMap => (
            "la grille n'est pas un dictionnaire YAML (des clés et leurs valeurs)".to_owned(),
            "partez de `vmsaudit grid export`, qui affiche la grille intégrée".to_owned(),
        ),
        GridFlaw::Shape {
            owner,
            key,
            part,
            expected,
            found,
        } => {
            let (_, of_owner) = text_owner(owner);
            shape(&format!(" {of_owner}"), key, *part, *expected, found)
        }
        GridFlaw::UnknownKey {
            key,
            place,
            near,
            known,
        } => {
            let (what, whose) = grid_key_place(*place);
            (
                format!("clé `{}` inconnue dans {what}", one_line(key)),
                match near {
                    Some(near) => did_you_mean(near),
                    None => format!("les clés {whose} sont\u{a0}: {}", known.join(", ")),
                },
            )
        }
        GridFlaw::NoId(of) => {
            let what = grid_id_of(*of);
            (
                format!("un {what} n'a pas d'`id`"),
                format!("ajoutez `id:` au {what}"),
            )
        }
        GridFlaw::BadId { id, of } => (
            format!(
                "`{}` n'est pas un identifiant de {} valide",
                one_line(id),
                grid_id_of(*of)
            ),
            "utilisez de 1 à 32 lettres, chiffres, `-`, `_` ou `.`, en commençant par une lettre ou un chiffre (l'identifiant nomme des fichiers)".to_owned(),
        ),
        GridFlaw::IdTwice { id, line } => (
            format!(
                "identifiant `{}` en double (déjà utilisé ligne {line})",
                one_line(id)
            ),
            "donnez à chaque domaine et à chaque contrôle son propre identifiant".to_owned(),
        ),
        GridFlaw::IdCase { id, other, line } => (
            format!(
                "l'identifiant `{}` ne diffère de `{}` (ligne {line}) que par la casse",
                one_line(id),
                one_line(other)
            ),
            "donnez des identifiants qui diffèrent par plus que la casse\u{a0}: la réponse de chaque contrôle est un fichier, et sur un disque qui ignore la casse (macOS, Windows) les deux n'en feraient qu'un".to_owned(),
        ),
        GridFlaw::Text(flaw) => grid_text(flaw),
        GridFlaw::Header(flaw) => grid_header(flaw),
        GridFlaw::Control(flaw) => grid_control(flaw),
        GridFlaw::Replaces(flaw) => grid_replaces(flaw),
        GridFlaw::Mapping(flaw) => grid_mapping(flaw),
    }
}

/// Ce qui ne va pas dans un texte de la grille, et comment y remédier.
fn grid_text(flaw: &super::TextFlaw) -> (String, String) {
    use super::TextFlaw;
    match flaw {
        TextFlaw::NoText { owner, key } => {
            let key = one_line(key);
            (
                format!("{} n'a pas de `{key}`", text_owner(owner).0),
                format!("ajoutez `{key}:` avec un texte dans chacune des langues de la grille"),
            )
        }
        TextFlaw::EmptyText { owner, key } => (
            format!("`{}` {} est vide", one_line(key), text_owner(owner).1),
            "écrivez le texte, ou retirez la clé si elle est facultative".to_owned(),
        ),
        TextFlaw::NoTextIn { owner, key, lang } => {
            let lang = one_line(lang);
            (
                format!(
                    "`{}` {} n'a pas de texte `{lang}`",
                    one_line(key),
                    text_owner(owner).1
                ),
                format!("ajoutez `{lang}: ...`, ou retirez `{lang}` des `languages` de la grille"),
            )
        }
        TextFlaw::EmptyIn { owner, key, lang } => (
            format!(
                "`{}` {} est vide en `{}`",
                one_line(key),
                text_owner(owner).1,
                one_line(lang)
            ),
            "écrivez le texte".to_owned(),
        ),
        TextFlaw::OtherLanguage {
            owner,
            key,
            lang,
            languages,
        } => {
            let lang = one_line(lang);
            (
                format!(
                    "`{}` {} a un texte en `{lang}`, qui n'est pas une des langues de la grille ({})",
                    one_line(key),
                    text_owner(owner).1,
                    list(languages)
                ),
                format!("ajoutez `{lang}` à `languages`, ou corrigez le code de langue"),
            )
        }
    }
}

/// Ce qui ne va pas dans l'identifiant, la version, les langues ou l'échelle de la grille, et comment y remédier.
fn grid_header(flaw: &super::HeaderFlaw) -> (String, String) {
    use super::HeaderFlaw;
    match flaw {
        HeaderFlaw::BadGridId(id) => (
            format!("`{}` n'est pas un identifiant de grille valide", one_line(id)),
            "utilisez de 1 à 32 lettres, chiffres, `-`, `_` ou `.`".to_owned(),
        ),
        HeaderFlaw::NoGridId => (
            "la grille n'a pas d'`id`".to_owned(),
            "ajoutez `id:` en tête, par exemple `id: vms`".to_owned(),
        ),
        HeaderFlaw::NoVersion => (
            "la grille n'a pas de `version`".to_owned(),
            "ajoutez `version:` en tête, par exemple `version: 1.0.0`\u{a0}; chaque audit retient la version de sa grille".to_owned(),
        ),
        HeaderFlaw::BadVersion(version) => (
            format!("`{}` n'est pas une version valide", one_line(version)),
            "utilisez de 1 à 32 lettres, chiffres, `.`, `-` ou `+`, en commençant par une lettre ou un chiffre, par exemple `1.2.0`".to_owned(),
        ),
        HeaderFlaw::NoLanguages => (
            "la grille n'a pas de `languages`".to_owned(),
            "ajoutez `languages: [en, fr]` (les codes des langues de ses textes)".to_owned(),
        ),
        HeaderFlaw::LanguagesEmpty => (
            "`languages` est vide".to_owned(),
            "listez les codes des langues des textes de la grille, par exemple `[en, fr]`"
                .to_owned(),
        ),
        HeaderFlaw::NotALanguage(code) => (
            format!("`{}` n'est pas un code de langue", one_line(code)),
            "utilisez un code de deux lettres minuscules, comme `en` ou `fr`".to_owned(),
        ),
        HeaderFlaw::LanguageTwice(code) => (
            format!("la langue `{}` figure deux fois", one_line(code)),
            "listez chaque langue une seule fois".to_owned(),
        ),
        HeaderFlaw::NoScale => (
            "la grille n'a pas de `scale`".to_owned(),
            "ajoutez `scale:` avec les niveaux de maturité, à partir de `level: 0`".to_owned(),
        ),
        HeaderFlaw::ScaleSize { count, max } => (
            format!("l'échelle a {count}\u{a0}niveau(x)"),
            format!("donnez à l'échelle de 2 à {max}\u{a0}niveaux, numérotés à partir de 0"),
        ),
        HeaderFlaw::LevelOutOfOrder { level, expected } => (
            format!("le niveau {level} de l'échelle n'est pas dans l'ordre"),
            format!(
                "numérotez les niveaux de l'échelle 0, 1, 2… dans l'ordre\u{a0}; celui-ci devrait être {expected}"
            ),
        ),
        HeaderFlaw::NoLevel { expected } => (
            "un niveau de l'échelle n'a pas de `level`".to_owned(),
            format!("ajoutez `level: {expected}`"),
        ),
    }
}

/// Ce qui ne va pas dans les domaines et les contrôles de la grille, et comment y remédier.
fn grid_control(flaw: &super::ControlFlaw) -> (String, String) {
    use super::ControlFlaw;
    match flaw {
        ControlFlaw::NoDomain => (
            "la grille n'a aucun domaine".to_owned(),
            "indiquez au moins un domaine sous `domains:`".to_owned(),
        ),
        ControlFlaw::NoDomains => (
            "la grille n'a pas de `domains`".to_owned(),
            "ajoutez `domains:` avec les domaines et leurs contrôles".to_owned(),
        ),
        ControlFlaw::NoControl { domain, listed } => (
            format!("le domaine {} n'a aucun contrôle", one_line(domain)),
            if *listed {
                "ajoutez au moins un contrôle sous `controls:`, ou retirez le domaine"
            } else {
                "ajoutez `controls:` avec au moins un contrôle, ou retirez le domaine"
            }
            .to_owned(),
        ),
        ControlFlaw::LevelOutsideScale {
            control,
            level,
            top,
        } => (
            format!(
                "contrôle {}\u{a0}: le niveau {level} est hors de l'échelle (0–{top})",
                one_line(control)
            ),
            "ne décrivez que les niveaux que définit l'échelle de la grille (`scale`)".to_owned(),
        ),
        ControlFlaw::UnknownComponent {
            control,
            component,
            near,
            known,
        } => (
            format!(
                "contrôle {}\u{a0}: composant `{}` inconnu dans `applies_to`",
                one_line(control),
                one_line(component)
            ),
            match near {
                Some(near) => did_you_mean(near),
                None => format!("utilisez l'un de ceux-ci\u{a0}: {}", known.join(", ")),
            },
        ),
        ControlFlaw::EmptyReference { control } => (
            format!("contrôle {}\u{a0}: référence vide", one_line(control)),
            "écrivez la référence (guide, section, numéro de recommandation) ou retirez la ligne"
                .to_owned(),
        ),
        ControlFlaw::BadWeight { control, weight } => (
            format!(
                "contrôle {}\u{a0}: le poids {} n'est pas un nombre entier de 1 à 100",
                one_line(control),
                // A decimal as French writes it.
                decimal(&one_line(weight))
            ),
            "mettez 1 pour un contrôle ordinaire, et 2 ou plus pour un contrôle qui pèse davantage dans le score de son domaine".to_owned(),
        ),
    }
}

/// Ce qui ne va pas dans le `replaces` de la grille, et comment y remédier.
fn grid_replaces(flaw: &super::ReplacesFlaw) -> (String, String) {
    use super::ReplacesFlaw;
    match flaw {
        ReplacesFlaw::ReplacesItself(version) => (
            format!("la grille remplace sa propre version {}", one_line(version)),
            "listez les anciennes versions qu'elle remplace, et donnez-lui une version à elle"
                .to_owned(),
        ),
        ReplacesFlaw::ReplacedTwice(version) => (
            format!("la version {} est remplacée deux fois", one_line(version)),
            "gardez une seule entrée `replaces` par ancienne version".to_owned(),
        ),
        ReplacesFlaw::NoReplacedVersion => (
            "une entrée de `replaces` n'a pas de `version`".to_owned(),
            "ajoutez `version:`, l'ancienne version que cette entrée fait correspondre, par exemple `version: 1.0.0`".to_owned(),
        ),
        ReplacesFlaw::NoMappings { version } => (
            format!("`replaces` {} n'a pas de `controls`", one_line(version)),
            "listez chaque contrôle de cette version sous `controls:`, avec son empreinte (`vmsaudit grid hashes FICHIER` les affiche)".to_owned(),
        ),
    }
}

/// Ce qui ne va pas dans une correspondance de `replaces` (les contrôles d'une version antérieure vers ceux-ci), et comment y remédier.
fn grid_mapping(flaw: &super::MappingFlaw) -> (String, String) {
    use super::MappingFlaw;
    match flaw {
        MappingFlaw::AddedUnknown { .. }
        | MappingFlaw::AddedAndMapped { .. }
        | MappingFlaw::NotAccountedFor { .. } => added_control(flaw),
        MappingFlaw::BadOldId { version, old } => (
            format!(
                "{} `{}` n'est pas un identifiant de contrôle valide",
                replaces(version),
                one_line(old)
            ),
            "utilisez l'identifiant du contrôle dans l'ancienne version".to_owned(),
        ),
        MappingFlaw::BadHash {
            version,
            old,
            digits,
        } => (
            format!(
                "{} l'empreinte de {} n'est pas faite de {digits}\u{a0}chiffres hexadécimaux en minuscules",
                replaces(version),
                one_line(old)
            ),
            "copiez-la de `vmsaudit grid hashes FICHIER`, lancé sur l'ancienne grille".to_owned(),
        ),
        MappingFlaw::NoHash { version, old } => (
            format!("{} {} n'a pas de `hash`", replaces(version), one_line(old)),
            "ajoutez `hash:` d'après `vmsaudit grid hashes FICHIER`, lancé sur l'ancienne grille\u{a0}: l'empreinte distingue un contrôle reformulé d'un contrôle inchangé".to_owned(),
        ),
        MappingFlaw::NoTarget { version, old } => (
            format!(
                "{} {} n'est pas un contrôle de cette grille, et aucun `to` ne dit ce qu'il est devenu",
                replaces(version),
                one_line(old)
            ),
            "ajoutez `to: [ID]` (renommé), `to: [ID1, ID2]` (scindé) ou `to: []` (supprimé)"
                .to_owned(),
        ),
        MappingFlaw::NotATarget {
            version,
            old,
            target,
            near,
        } => (
            format!(
                "{} {} devient {}, qui n'est pas un contrôle de cette grille",
                replaces(version),
                one_line(old),
                one_line(target)
            ),
            match near {
                Some(near) => did_you_mean(near),
                None => {
                    "nommez un contrôle de cette grille, ou mettez `to: []` si le contrôle est supprimé"
                        .to_owned()
                }
            },
        ),
    }
}

/// Ce qui ouvre chaque problème d'une correspondance de `replaces`.
fn replaces(version: &str) -> String {
    format!("`replaces` {}\u{a0}:", one_line(version))
}

/// Un contrôle de cette grille que `added` et les `to` des contrôles antérieurs comptent mal
/// (ces variantes seulement).
fn added_control(flaw: &super::MappingFlaw) -> (String, String) {
    use super::MappingFlaw;
    match flaw {
        MappingFlaw::AddedUnknown { version, id } => (
            format!(
                "{} `added` cite {}, qui n'est pas un contrôle de cette grille",
                replaces(version),
                one_line(id)
            ),
            "ne listez que les contrôles nouveaux dans cette version".to_owned(),
        ),
        MappingFlaw::AddedAndMapped { version, id, line } => (
            format!(
                "{} {} figure dans `added`, mais la ligne {line} lui fait correspondre un ancien contrôle",
                replaces(version),
                one_line(id)
            ),
            "un contrôle est soit nouveau (`added`), soit ce qu'est devenu un ancien contrôle, pas les deux".to_owned(),
        ),
        MappingFlaw::NotAccountedFor { version, control } => {
            let control = one_line(control);
            (
                format!(
                    "{} le contrôle {control} n'est ni ce qu'est devenu un ancien contrôle, ni dans `added`",
                    replaces(version)
                ),
                format!(
                    "listez {control} sous `added`, ou comme `to` de l'ancien contrôle dont il vient"
                ),
            )
        }
        _ => (String::new(), String::new()),
    }
}

pub(super) fn verdict(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Affected => "concerné",
        Verdict::Unknown => "à confirmer",
        Verdict::NotAffected => "non concerné",
    }
}

/// « texte », sur une ligne.
fn quoted(text: &str) -> String {
    format!("«\u{a0}{}\u{a0}»", one_line(text))
}

pub(super) fn uncomparable(why: &Uncomparable) -> String {
    match why {
        Uncomparable::FirmwareYearRelease { firmware, bound } => format!(
            "la version de firmware {} est numérotée par année, la borne {} ne l'est pas",
            quoted(firmware),
            quoted(bound)
        ),
        Uncomparable::BoundYearRelease { firmware, bound } => format!(
            "la borne {} est numérotée par année, la version de firmware {} ne l'est pas",
            quoted(bound),
            quoted(firmware)
        ),
        Uncomparable::OtherLine {
            firmware,
            line,
            bound,
            bound_line,
        } => format!(
            "la version de firmware {} est de la gamme {}, la borne {} de la gamme {}\u{a0}: \
             aucune borne de sa propre gamme à laquelle la comparer",
            quoted(firmware),
            one_line(line),
            quoted(bound),
            one_line(bound_line)
        ),
        Uncomparable::NumberedDifferently {
            firmware,
            bound,
            number,
            letters,
        } => format!(
            "la version de firmware {} et la borne {} ne sont pas numérotées de la même façon \
             (`{}` face à `{}`)",
            quoted(firmware),
            quoted(bound),
            one_line(number),
            one_line(letters)
        ),
        Uncomparable::NoBuildDate {
            firmware,
            bound,
            build,
        } => format!(
            "la version de firmware {} est celle de la borne {}, mais n'a pas de date de \
             compilation à comparer avec {}",
            quoted(firmware),
            quoted(bound),
            one_line(build)
        ),
        Uncomparable::NoBuildDateForDate { firmware, bound } => format!(
            "la version de firmware {} n'a pas de date de compilation à comparer avec la borne \
             datée {}",
            quoted(firmware),
            one_line(bound)
        ),
        Uncomparable::StampNotADate {
            firmware,
            stamp,
            bound,
        } => format!(
            "le numéro de compilation {} de la version de firmware {} n'est pas une date, la \
             borne {} en est une",
            one_line(stamp),
            quoted(firmware),
            one_line(bound)
        ),
    }
}

/// `à partir de « 4.30.300 » jusqu'à « 4.31.100 » incluse` : les bornes d'une plage.
fn range_ends(lower: Option<&RangeEnd>, upper: Option<&RangeEnd>) -> String {
    let lower = lower.map(|end| {
        if end.included {
            format!("à partir de {}", quoted(&end.bound))
        } else {
            format!("après {}", quoted(&end.bound))
        }
    });
    let upper = upper.map(|end| {
        if end.included {
            format!("jusqu'à {} incluse", quoted(&end.bound))
        } else {
            format!("avant {}", quoted(&end.bound))
        }
    });
    [lower, upper]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn range_why(why: &RangeWhy) -> String {
    match why {
        RangeWhy::AllVersions { pattern } => format!(
            "toutes les versions de firmware de {} sont concernées (aucun correctif publié)",
            quoted(pattern)
        ),
        RangeWhy::NoUpperBound { pattern } => {
            format!("aucune borne supérieure publiée pour {}", quoted(pattern))
        }
        RangeWhy::NoFirmware { lower, upper } => format!(
            "aucune version de firmware dans l'inventaire à comparer avec la plage {}",
            range_ends(lower.as_ref(), upper.as_ref())
        ),
        RangeWhy::NotAVersion { firmware } => format!(
            "la version de firmware {} ne se lit pas comme une version",
            quoted(firmware)
        ),
        RangeWhy::BoundNotAVersion { bound } => {
            format!("la borne {} ne se lit pas comme une version", quoted(bound))
        }
        RangeWhy::Uncomparable(why) => uncomparable(why),
        RangeWhy::Compared {
            firmware,
            against,
            no_fix,
            ..
        } => {
            let steps: Vec<String> = against
                .iter()
                .map(|step| format!("{} {}", step.firmware_is.sign(), quoted(&step.bound)))
                .collect();
            let compared = format!(
                "version de firmware {} {}",
                quoted(firmware),
                steps.join(" et ")
            );
            if *no_fix {
                format!("{compared}, aucun correctif publié")
            } else {
                compared
            }
        }
    }
}

pub(super) fn match_trace(trace: &MatchTrace) -> String {
    let ranges: Vec<String> = trace
        .ranges
        .iter()
        .map(|(pattern, why)| {
            format!(
                "modèle {} ~ {}, {} → {}",
                quoted(trace.model),
                quoted(pattern),
                range_why(why),
                verdict(why.verdict())
            )
        })
        .collect();
    format!(
        "{} (alias {}), {}",
        one_line(trace.vendor),
        quoted(trace.alias),
        ranges.join("\u{a0}; ")
    )
}
