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
    /// `{}` are the critical controls at 0, then the mean.
    pub capped: &'static str,
    /// `{}` is a count.
    pub not_applicable_count: &'static str,
    pub not_assessed_count: &'static str,
    /// `{}` is the finding's id and title.
    pub unplanned: &'static str,
    pub unplanned_hint: &'static str,
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
    capped: "capped: {} at 0; mean {}",
    not_applicable_count: "{} control(s) not applicable, not counted in scores.",
    not_assessed_count: "{} control(s) not assessed yet.",
    unplanned: "warning: critical finding {} has no action in the plan, although its treatment must be immediate.",
    unplanned_hint: "help: add one with `vmsaudit action add --addresses ID --title TEXT --complexity low --owner client`, or on the findings screen of the checklist (key A).",
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
    capped: "plafonné\u{a0}: {} à 0\u{a0}; moyenne {}",
    not_applicable_count: "{} point(s) de contrôle non applicable(s), hors du calcul des scores.",
    not_assessed_count: "{} point(s) de contrôle pas encore évalué(s).",
    unplanned: "attention\u{a0}: la vulnérabilité critique {} n'a aucune action au plan, alors que son traitement doit être immédiat.",
    unplanned_hint: "aide\u{a0}: en ajouter une avec `vmsaudit action add --addresses ID --title TEXTE --complexity low --owner client`, ou sur l'écran des vulnérabilités de la checklist (touche A).",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
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
        ] {
            for mark in [':', ';', '?', '!'] {
                assert!(!text.contains(&format!(" {mark}")), "{text:?}");
            }
        }
    }
}
