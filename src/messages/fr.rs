//! Les mots français des messages du cœur. Typographie : espace insécable (U+00A0) avant
//! `: ; ? !`, guillemets « ».

use super::{Act, Blocked, Fix, LabelFlaw, Namer, Subject, Thing, Unblock, Unknown, Wrong, list};
use crate::field::{
    ActionField, AnswerField, AssetField, Field, FindingField, OverrideField, ScanField, ScopeField,
};
use crate::text::one_line;

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
        Some(grid) => format!("{what} `{given}` {unknown_word} dans la grille {grid}"),
        None => format!("{what} `{given}` {unknown_word}"),
    }
}

pub(super) fn wrong(wrong: &Wrong, name: Namer<'_>) -> String {
    match wrong {
        Wrong::Empty => "vide".to_owned(),
        Wrong::Missing => "manquant".to_owned(),
        Wrong::BadId { given, max } => format!(
            "`{}` n'est pas un identifiant valide\u{a0}: au plus {max} lettres, chiffres, `-`, `_` ou `.`, commençant par une lettre ou un chiffre",
            one_line(given)
        ),
        Wrong::Twice(item) => format!("`{}` figure deux fois", one_line(item)),
        Wrong::Unknown(found) => unknown(found),
        Wrong::NotAChoice { given, choices } => {
            format!("`{}` n'est pas l'un de {}", one_line(given), list(choices))
        }
        Wrong::BadVector(detail) => {
            format!("ce n'est pas un vecteur CVSS\u{a0}: {}", one_line(detail))
        }
        Wrong::NotACve(given) => {
            format!("`{}` n'est pas un identifiant CVE", one_line(given))
        }
        Wrong::NotADate(given) => format!("`{}` n'est pas une date", one_line(given)),
        Wrong::NotAnAmount(given) => format!("`{}` n'est pas un montant", one_line(given)),
        Wrong::NotACurrency(given) => {
            format!("`{}` n'est pas un code de devise", one_line(given))
        }
        Wrong::NotAMac(given) => format!("`{}` n'est pas une adresse MAC", one_line(given)),
        Wrong::SeverityWithVector { .. }
        | Wrong::NotWithVector
        | Wrong::WithoutVector
        | Wrong::NoSeverity
        | Wrong::Unjustified => severity_wrong(wrong),
        Wrong::AcceptedWithoutReason => "un risque accepté doit être motivé".to_owned(),
        Wrong::DroppedWithoutReason => "une action abandonnée doit être motivée".to_owned(),
        Wrong::NeededWith(other) => format!("requis avec {}", name(*other)),
        Wrong::OutsideScale { given, max } => {
            format!("{given} est hors de l'échelle de la grille (0–{max})")
        }
        Wrong::NoAnswerYet(control) => {
            format!("{control} n'a pas encore de réponse, il lui faut donc un niveau")
        }
        Wrong::NotApplicableUnjustified => {
            "«\u{a0}non applicable\u{a0}» doit être justifié".to_owned()
        }
        Wrong::AlreadyThere(id) => format!("{} est déjà dans l'inventaire", one_line(id)),
        Wrong::NotYetThere(id) => format!(
            "{} n'est pas encore dans l'inventaire, il lui faut donc un type",
            one_line(id)
        ),
        Wrong::AddressedBy { .. }
        | Wrong::NamedBy { .. }
        | Wrong::ItemEmpty(_)
        | Wrong::NotOneLine { .. }
        | Wrong::BadAuditor { .. } => list_wrong(wrong),
        Wrong::ControlCharacters => "caractères de contrôle dans le texte".to_owned(),
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
        Wrong::Blocked(blocked) => self::blocked(blocked),
        Wrong::Other(text) => one_line(text),
    }
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
            format!("auditeur {item}\u{a0}: {}", one_line(detail))
        }
        _ => String::new(),
    }
}

pub(super) fn fix(fix: &Fix, name: Namer<'_>) -> String {
    match fix {
        Fix::Give(field) => format!("renseignez {}", name(*field)),
        Fix::Remove(field) => format!("retirez {}", name(*field)),
        Fix::GiveOrRemove { give, remove } => format!(
            "renseignez {}, ou retirez {}",
            name(*give),
            name(*remove)
        ),
        Fix::VectorOrSeverity => format!(
            "renseignez {}, ou {} avec {}",
            name(FindingField::Cvss.into()),
            name(FindingField::Severity.into()),
            name(FindingField::SeverityJustification.into())
        ),
        Fix::SayWhy(field) => format!("dites pourquoi dans {}", name(*field)),
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
        Fix::OneLine => "écrivez-le sur une ligne, sans caractère de contrôle".to_owned(),
        Fix::AuditorForm => "écrivez chaque auditeur sous la forme `Nom <email>`".to_owned(),
        Fix::PlainText => "écrivez du texte simple (le Markdown convient)".to_owned(),
        Fix::RestoreFile(file) => format!(
            "rétablissez-le avec `git checkout -- {}`",
            one_line(file)
        ),
        Fix::RemoveOrRestoreGrid(file) => format!(
            "supprimez {}, ou rétablissez la grille avec laquelle l'audit a commencé",
            one_line(file)
        ),
        Fix::DomainOrControl(_)
        | Fix::AddAsset(_)
        | Fix::CheckList(_)
        | Fix::ControlLike => known_fix(fix),
        Fix::FindEngagement => "lancez la commande dans le dossier d'un audit, désignez-en un avec -C DOSSIER, ou créez-en un avec `vmsaudit init DOSSIER --client NOM`".to_owned(),
        Fix::Unblock(unblock) => self::unblock(unblock),
        Fix::Nothing => String::new(),
    }
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

pub(super) fn locked(holder: Option<&str>) -> (String, String) {
    (
        format!(
            "l'audit est en cours d'utilisation\u{a0}: {}",
            holder.unwrap_or("un autre vmsaudit")
        ),
        "attendez qu'il finisse ou fermez-le\u{a0}; si ce processus a été tué, le verrou est déjà libre et vous pouvez réessayer".to_owned(),
    )
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
            let open = one_line(open);
            format!("la campagne {open} est en cours (commencée par `vmsaudit audit start {open}`)")
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
                shown.push_str(&format!(", et {more}\u{a0}autres"));
            }
            format!(
                "{}\u{a0}: modifications non commitées dans {shown}",
                act(what)
            )
        }
    }
}

fn unblock(unblock: &Unblock) -> String {
    match unblock {
        Unblock::LabelLike => "utilisez des lettres, des chiffres, `.`, `_` et `-`, par exemple 2026-02 ou 2026-S1".to_owned(),
        Unblock::CarryOnOrClose => "poursuivez-la, ou closez-la avec `vmsaudit audit close LIBELLÉ`".to_owned(),
        Unblock::CloseUnderItsLabel(open) => format!(
            "closez-la sous son propre libellé\u{a0}: `vmsaudit audit close {}`",
            one_line(open)
        ),
        Unblock::CloseFirst(open) => format!(
            "closez-la d'abord\u{a0}: `vmsaudit audit close {}`",
            one_line(open)
        ),
        Unblock::OtherLabel => "choisissez un autre libellé\u{a0}; `vmsaudit audit list` montre les campagnes".to_owned(),
        Unblock::FinishGit => "terminez-la\u{a0}: `git status` dit ce qui reste\u{a0}; corrigez les fichiers qu'il liste, ajoutez-les (`git add`) puis `git commit`".to_owned(),
        Unblock::SaveDrafts => "ouvrez `vmsaudit`, puis enregistrez chaque brouillon (Entrée, puis Ctrl-S) ou abandonnez-le (d)".to_owned(),
        Unblock::CommitOrUndo => "commitez-les (`git add` puis `git commit`) ou annulez-les (`git checkout -- FICHIER`)\u{a0}; `git status` les liste".to_owned(),
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
