//! What a sync did, in words of the engagement's language: the one text that `vmsaudit sync`
//! prints and the checklist shows after `s` on the history screen, so that the two cannot
//! tell an auditor different things about a merge.
//!
//! Every name that came from elsewhere (the remote's name and address, file names, tag
//! labels, git's reasons) goes through [`one_line`]: they are a co-auditor's or a server's
//! text. In a command to paste, each goes through [`shell_word`] instead (`{remote_word}`,
//! `{dir_word}`, a tag's reference).

use super::sync::{Merged, Synced, TagRefused, Transport};
use crate::grid::Lang;
use crate::text::{one_line, shell_word};

/// A sync told: what went through (`out`), and warnings and stops (`err`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Told {
    pub out: Vec<String>,
    pub err: Vec<String>,
}

struct Words {
    fetched: &'static str,
    through_git: &'static str,
    received: &'static str,
    tag_refused: &'static str,
    tag_conflict: &'static str,
    left_in_progress: &'static str,
    step_edit: &'static str,
    step_add: &'static str,
    step_commit: &'static str,
    step_sync: &'static str,
    remote_empty: &'static str,
    up_to_date: &'static str,
    fast_forward: &'static str,
    merged: &'static str,
    conflicts: &'static str,
    invalid: &'static str,
    rejected: &'static str,
    rejected_fix: &'static str,
    not_its_close: &'static str,
    sent: &'static str,
    tag_sent: &'static str,
    not_sent: &'static str,
    refused: &'static str,
    warning: &'static str,
    dangling: &'static str,
    answer: &'static str,
    finding: &'static str,
    action: &'static str,
    inventory: &'static str,
    details: &'static str,
    evidence: &'static str,
    report: &'static str,
    file: &'static str,
}

const EN: Words = Words {
    fetched: "fetched from {remote} ({url}{how})",
    through_git: ", through the system's git",
    received: "round {label} closed in another clone: tag audit/{label} received",
    tag_refused: "warning: tag audit/{label} of {remote} not taken: {reason} — delete it there with `git push {remote_word} {delete}` (see `git ls-remote --tags {remote_word}`)",
    tag_conflict: "warning: round {label} was closed both here and in another clone, on different commits; each keeps its own tag audit/{label} — agree on one: to take {remote}'s here, `git tag -d {tag}` then `vmsaudit sync`; to make this clone's {remote}'s, `git push --force {remote_word} {tag_ref}`, then the other clone does the first",
    left_in_progress: "The merge is left in progress, as plain git leaves it: `git -C {dir_word} status` shows where it stands. To finish it:",
    step_edit: "  1. edit each file: keep what is right between the `<<<<<<<`, `=======` and `>>>>>>>` markers, and remove the markers",
    step_add: "  2. git -C {dir_word} add FILE...",
    step_commit: "  3. git -C {dir_word} commit --no-edit   (or `git -C {dir_word} merge --abort` to give the merge up)",
    step_sync: "  4. vmsaudit -C {dir_word} sync   (sends the result to {remote})",
    remote_empty: "{remote} has no history yet",
    up_to_date: "already has every change of {remote}",
    fast_forward: "took the changes of {remote} (this clone had none of its own)",
    merged: "merged the changes of {remote} [{commit}]",
    conflicts: "sync stopped: {count} record(s) changed both here and in another clone:",
    invalid: "sync stopped: git merged the files, but the merged records do not load:",
    rejected: "sync stopped, nothing changed here: {remote}'s main cannot be taken as it is:",
    rejected_fix: "Ask whoever committed them to fix them and push, then sync again; or merge by hand (`git merge {remote_main}`), fix, commit, and sync.",
    not_its_close: "it is not on the commit that closed that round in main's history",
    sent: "sent this clone's changes to {remote}",
    tag_sent: "round {label}: tag audit/{label} sent",
    not_sent: "not sent: {reason}",
    refused: "{remote} refused {reference}: {reason} — run `vmsaudit sync` again to merge what arrived meanwhile",
    warning: "warning: {problem}",
    dangling: "The merge left references between records that do not hold: fix the files named above and commit them with git; until then, saving those records and closing a round are refused.",
    answer: "the answer to {id}",
    finding: "finding {id}",
    action: "action {id}",
    inventory: "the asset inventory",
    details: "the engagement's details (client, scope, round, overrides)",
    evidence: "an evidence file",
    report: "a round's report",
    file: "a file",
};

const FR: Words = Words {
    fetched: "récupéré depuis {remote} ({url}{how})",
    through_git: ", par le git du système",
    received: "campagne {label} close dans un autre clone\u{a0}: étiquette audit/{label} reçue",
    tag_refused: "attention\u{a0}: étiquette audit/{label} de {remote} non reprise\u{a0}: {reason} — supprimez-la là-bas avec `git push {remote_word} {delete}` (voir `git ls-remote --tags {remote_word}`)",
    tag_conflict: "attention\u{a0}: la campagne {label} a été close ici et dans un autre clone, sur des commits différents\u{a0}; chacun garde son étiquette audit/{label} — convenez de l'une\u{a0}: pour reprendre ici celle de {remote}, `git tag -d {tag}` puis `vmsaudit sync`\u{a0}; pour que {remote} prenne celle de ce clone, `git push --force {remote_word} {tag_ref}`, puis l'autre clone fait la première",
    left_in_progress: "La fusion reste en cours, comme git la laisse\u{a0}: `git -C {dir_word} status` montre où elle en est. Pour la terminer\u{a0}:",
    step_edit: "  1. dans chaque fichier, gardez ce qui est juste entre les marques `<<<<<<<`, `=======` et `>>>>>>>`, puis retirez les marques",
    step_add: "  2. git -C {dir_word} add FICHIER...",
    step_commit: "  3. git -C {dir_word} commit --no-edit   (ou `git -C {dir_word} merge --abort` pour abandonner la fusion)",
    step_sync: "  4. vmsaudit -C {dir_word} sync   (envoie le résultat à {remote})",
    remote_empty: "{remote} n'a pas encore d'historique",
    up_to_date: "a déjà toutes les modifications de {remote}",
    fast_forward: "modifications de {remote} reprises (ce clone n'en avait aucune)",
    merged: "modifications de {remote} fusionnées [{commit}]",
    conflicts: "synchronisation arrêtée\u{a0}: {count} enregistrement(s) modifié(s) ici et dans un autre clone\u{a0}:",
    invalid: "synchronisation arrêtée\u{a0}: git a fusionné les fichiers, mais les enregistrements fusionnés ne se chargent pas\u{a0}:",
    rejected: "synchronisation arrêtée, rien n'a changé ici\u{a0}: la branche main de {remote} ne peut pas être reprise telle quelle\u{a0}:",
    rejected_fix: "Demandez à qui les a commités de les corriger et de les pousser, puis synchronisez à nouveau\u{a0}; ou fusionnez à la main (`git merge {remote_main}`), corrigez, commitez, puis synchronisez.",
    not_its_close: "elle n'est pas sur le commit qui a clos cette campagne dans l'historique de main",
    sent: "modifications de ce clone envoyées à {remote}",
    tag_sent: "campagne {label}\u{a0}: étiquette audit/{label} envoyée",
    not_sent: "non envoyé\u{a0}: {reason}",
    refused: "{remote} a refusé {reference}\u{a0}: {reason} — relancez `vmsaudit sync` pour fusionner ce qui est arrivé entre-temps",
    warning: "attention\u{a0}: {problem}",
    dangling: "La fusion a laissé des références entre enregistrements qui ne tiennent pas\u{a0}: corrigez les fichiers nommés ci-dessus et enregistrez-les avec git\u{a0}; d'ici là, enregistrer ces éléments et clore une campagne sont refusés.",
    answer: "la réponse à {id}",
    finding: "la vulnérabilité ou l'écart {id}",
    action: "l'action {id}",
    inventory: "l'inventaire des équipements",
    details: "les informations de la mission (client, périmètre, campagne, scores fixés)",
    evidence: "un fichier de preuve",
    report: "le rapport d'une campagne",
    file: "un fichier",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

/// `text` with each `{name}` replaced, in one pass: a value that holds `{name}` (a label, a
/// remote's name) stays as it is, so no later value lands inside a quoted one.
fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let found = values.iter().find_map(|(name, value)| {
            rest.strip_prefix('{')
                .and_then(|after| after.strip_prefix(name))
                .and_then(|after| after.strip_prefix('}'))
                .map(|after| (value, after))
        });
        match found {
            Some((value, after)) => {
                out.push_str(value);
                rest = after;
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a record file is, in words: `the answer to ACC-01`, `la vulnérabilité ou l'écart F-DKZTBJ`.
pub fn record_name(path: &str, lang: Lang) -> String {
    let w = words(lang);
    let stem = |dir: &str| {
        path.strip_prefix(dir)
            .and_then(|rest| rest.strip_suffix(".yaml"))
            .filter(|rest| !rest.contains('/'))
            .map(one_line)
    };
    if let Some(control) = stem("answers/") {
        fill(w.answer, &[("id", &control)])
    } else if let Some(id) = stem("findings/") {
        fill(w.finding, &[("id", &id)])
    } else if let Some(id) = stem("actions/") {
        fill(w.action, &[("id", &id)])
    } else if path == "assets.yaml" {
        w.inventory.to_owned()
    } else if path == "engagement.yaml" {
        w.details.to_owned()
    } else if path.starts_with("evidence/") {
        w.evidence.to_owned()
    } else if path.starts_with("reports/") {
        w.report.to_owned()
    } else {
        w.file.to_owned()
    }
}

/// The sync told in `lang`; `dir` is the engagement's folder, for the commands to finish a
/// merge left in progress.
pub fn tell(synced: &Synced, dir: &str, lang: Lang) -> Told {
    let w = words(lang);
    let remote = one_line(&synced.remote);
    let mut told = Told::default();
    tell_fetched(synced, &remote, lang, &mut told);
    if !tell_merged(synced, &remote, dir, lang, &mut told) {
        return told;
    }
    tell_sent(synced, &remote, w, &mut told);
    for warning in &synced.warnings {
        told.err.push(fill(
            w.warning,
            &[("problem", &one_line(&warning.phrase(lang)))],
        ));
    }
    if !synced.warnings.is_empty() {
        told.err.push(w.dangling.to_owned());
    }
    told
}

/// What was fetched, and the round tags received, refused or in conflict.
fn tell_fetched(synced: &Synced, remote: &str, lang: Lang, told: &mut Told) {
    let w = words(lang);
    let how = match synced.transport {
        Transport::Local(_) => "",
        Transport::System => w.through_git,
    };
    told.out.push(fill(
        w.fetched,
        &[
            ("remote", remote),
            ("url", &one_line(&synced.url)),
            ("how", how),
        ],
    ));
    for label in &synced.tags_received {
        told.out
            .push(fill(w.received, &[("label", &one_line(label))]));
    }
    let remote_word = shell_word(&synced.remote);
    for (label, reason) in &synced.tags_refused {
        // A label `audit close` refuses is not written into a command to paste, even quoted:
        // the auditor would have to find the tag's real name anyway.
        let (reason, tag) = match reason {
            TagRefused::Label => (
                super::rounds::check_label(label)
                    .err()
                    .map(|error| error.phrase(lang, &crate::messages::key))
                    .unwrap_or_default(),
                "audit/...".to_owned(),
            ),
            TagRefused::NotItsClose => (w.not_its_close.to_owned(), format!("audit/{label}")),
        };
        told.err.push(fill(
            w.tag_refused,
            &[
                ("label", &one_line(label)),
                ("remote_word", &remote_word),
                ("remote", remote),
                ("reason", &one_line(&reason)),
                ("delete", &shell_word(&format!(":refs/tags/{tag}"))),
            ],
        ));
    }
    for label in &synced.tag_conflicts {
        told.err.push(fill(
            w.tag_conflict,
            &[
                ("label", &one_line(label)),
                ("remote_word", &remote_word),
                ("remote", remote),
                ("tag", &shell_word(&format!("audit/{label}"))),
                ("tag_ref", &shell_word(&format!("refs/tags/audit/{label}"))),
            ],
        ));
    }
}

/// What the merge did; `false` when it was left in progress (conflicts, or records that do
/// not hold), with the steps that finish it.
fn tell_merged(synced: &Synced, remote: &str, dir: &str, lang: Lang, told: &mut Told) -> bool {
    let w = words(lang);
    let dir_word = shell_word(dir);
    let steps = |err: &mut Vec<String>| {
        for step in [
            w.left_in_progress,
            w.step_edit,
            w.step_add,
            w.step_commit,
            w.step_sync,
        ] {
            err.push(fill(step, &[("dir_word", &dir_word), ("remote", remote)]));
        }
    };
    match &synced.merged {
        Merged::RemoteEmpty => told.out.push(fill(w.remote_empty, &[("remote", remote)])),
        Merged::UpToDate => told.out.push(fill(w.up_to_date, &[("remote", remote)])),
        Merged::FastForward => told.out.push(fill(w.fast_forward, &[("remote", remote)])),
        Merged::Commit(commit) => told.out.push(fill(
            w.merged,
            &[("remote", remote), ("commit", &format!("{commit:.7}"))],
        )),
        Merged::Conflicts(paths) => {
            told.err
                .push(fill(w.conflicts, &[("count", &paths.len().to_string())]));
            for path in paths {
                told.err.push(format!(
                    "  {} ({})",
                    one_line(path),
                    record_name(path, lang)
                ));
            }
            steps(&mut told.err);
            return false;
        }
        Merged::Rejected(problems) => {
            told.err.push(fill(w.rejected, &[("remote", remote)]));
            for problem in problems {
                told.err
                    .push(format!("  {}", one_line(&problem.phrase(lang))));
            }
            told.err.push(fill(
                w.rejected_fix,
                &[(
                    "remote_main",
                    &shell_word(&format!("{}/main", synced.remote)),
                )],
            ));
            return false;
        }
        Merged::Invalid(problems) => {
            told.err.push(w.invalid.to_owned());
            for problem in problems {
                told.err
                    .push(format!("  {}", one_line(&problem.phrase(lang))));
            }
            steps(&mut told.err);
            return false;
        }
    }
    true
}

/// What was sent, and what the remote refused.
fn tell_sent(synced: &Synced, remote: &str, w: &Words, told: &mut Told) {
    if synced.pushed {
        told.out.push(fill(w.sent, &[("remote", remote)]));
    }
    for label in &synced.tags_sent {
        told.out
            .push(fill(w.tag_sent, &[("label", &one_line(label))]));
    }
    if let Some(reason) = &synced.not_pushed {
        told.err
            .push(fill(w.not_sent, &[("reason", &one_line(reason))]));
    }
    for (reference, reason) in &synced.refused {
        told.err.push(fill(
            w.refused,
            &[
                ("remote", remote),
                ("reference", &one_line(reference)),
                ("reason", &one_line(reason)),
            ],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicting_files_are_named_as_records_in_both_languages() {
        for (path, lang, name) in [
            ("answers/ACC-01.yaml", Lang::En, "the answer to ACC-01"),
            ("findings/F-DKZTBJ.yaml", Lang::En, "finding F-DKZTBJ"),
            ("actions/A-NMRZF8.yaml", Lang::En, "action A-NMRZF8"),
            ("assets.yaml", Lang::En, "the asset inventory"),
            ("notes.txt", Lang::En, "a file"),
            ("answers/ACC-01.yaml", Lang::Fr, "la réponse à ACC-01"),
            ("assets.yaml", Lang::Fr, "l'inventaire des équipements"),
        ] {
            assert_eq!(record_name(path, lang), name);
        }
        // A hostile name is one harmless line.
        assert!(!record_name("answers/\u{1b}[2J\nX.yaml", Lang::Fr).contains('\u{1b}'));
    }

    #[test]
    fn a_remote_a_folder_and_a_label_in_the_commands_to_paste_run_nothing() {
        let (remote, label, dir) = (
            "o'$(touch PWNED)'",
            "2026'$(touch PWNED)'{remote}",
            "/srv/a'$(touch PWNED)' b",
        );
        let synced = |merged| Synced {
            remote: remote.into(),
            url: "../remote.git".into(),
            transport: Transport::System,
            merged,
            pushed: false,
            not_pushed: None,
            tags_received: Vec::new(),
            tags_sent: Vec::new(),
            tag_conflicts: vec![label.into()],
            tags_refused: vec![(label.into(), TagRefused::NotItsClose)],
            refused: Vec::new(),
            warnings: Vec::new(),
        };
        let folder = tempfile::tempdir().expect("a folder for sh");
        for lang in [Lang::En, Lang::Fr] {
            for merged in [
                Merged::Conflicts(vec!["answers/ACC-01.yaml".into()]),
                Merged::Rejected(Vec::new()),
            ] {
                let told = tell(&synced(merged), dir, lang);
                let mut commands: Vec<&str> = Vec::new();
                for line in &told.err {
                    commands.extend(line.split('`').skip(1).step_by(2));
                    // The steps that finish a merge: `  2. git -C DIR add FILE...   (...)`.
                    if let Some((_, step)) = line.trim_start().split_once(". ") {
                        commands.push(step.split("   ").next().unwrap_or_default());
                    }
                }
                let commands: Vec<&str> = commands
                    .into_iter()
                    .filter(|command| command.contains("PWNED"))
                    .collect();
                assert!(commands.len() >= 5, "{told:?}");
                for command in commands {
                    let words = crate::text::words_of(command, folder.path());
                    assert!(!folder.path().join("PWNED").exists(), "{command} ran");
                    assert!(
                        words.iter().any(|word| {
                            [remote, dir].contains(&word.as_str())
                                || word.ends_with(&format!("audit/{label}"))
                                || *word == format!("{remote}/main")
                        }),
                        "{words:?} from {command}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_french_sentence_has_its_no_break_spaces() {
        let all = [
            FR.received,
            FR.tag_refused,
            FR.tag_conflict,
            FR.left_in_progress,
            FR.conflicts,
            FR.invalid,
            FR.tag_sent,
            FR.not_sent,
            FR.refused,
            FR.warning,
            FR.dangling,
        ];
        for text in all {
            // A mark after a plain space (not a refspec's `:refs`) is a typographic fault.
            for mark in [" :", " ;", " ?", " !"] {
                assert!(
                    !text.contains(&format!("{mark} ")) && !text.ends_with(mark),
                    "{text}"
                );
            }
        }
    }
}
