//! The core's refusals and errors in the engagement's language, through the real binary: a
//! French engagement reads French, an English one English; each
//! field is named by the option that sets it, a record's file by its YAML key.

use std::fs;

use crate::common::{InDir, Sandbox};

/// `vmsaudit finding add` with an empty title and a severity without its justification.
const BAD_FINDING: &[&str] = &[
    "finding",
    "add",
    "--title",
    "",
    "--domain",
    "ACC",
    "--severity",
    "high",
];

/// A valid finding, rated by hand: its id.
fn default_passwords(acme: &InDir) -> String {
    acme.run(&[
        "finding",
        "add",
        "--title",
        "Mots de passe par défaut",
        "--control",
        "ACC-01",
        "--severity",
        "high",
        "--justification",
        "Exposé sur le réseau vidéo",
    ])
    .created()
}

#[test]
fn a_refused_finding_is_phrased_in_french_on_a_french_engagement() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let stderr = acme.refused(BAD_FINDING, "renseignez `--title`");
    assert!(
        stderr.starts_with("erreur\u{a0}: 2 problèmes\u{a0}:\n"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("nouvelle vulnérabilité\u{a0}: `--title`\u{a0}: vide — renseignez `--title`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "`--justification`\u{a0}: une criticité fixée à la main doit être justifiée — dites pourquoi dans `--justification`"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("empty"), "no English left: {stderr}");
}

#[test]
fn a_refused_finding_is_phrased_in_english_on_an_english_engagement() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    let stderr = acme.refused(
        BAD_FINDING,
        "new finding: `--title`: empty — give `--title`",
    );
    assert!(stderr.starts_with("error: 2 problems:\n"), "{stderr}");
    assert!(
        stderr.contains("`--justification`: a severity set by hand needs a justification"),
        "{stderr}"
    );
}

#[test]
fn unknown_ids_say_did_you_mean_in_the_engagements_language() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let stderr = acme.refused(
        &["answer", "ACC-1", "--level", "2"],
        "contrôle `ACC-1` inconnu",
    );
    assert!(
        stderr.contains("aide\u{a0}: vouliez-vous dire ACC-"),
        "{stderr}"
    );
    acme.run(&["asset", "add", "CAM-012", "--kind", "camera"])
        .success();
    let stderr = acme.refused(
        &[
            "finding",
            "add",
            "--title",
            "Mots de passe",
            "--control",
            "ACC-01",
            "--severity",
            "high",
            "--justification",
            "Exposé",
            "--asset",
            "CAM-013",
        ],
        "`--asset`\u{a0}: équipement `CAM-013` inconnu",
    );
    assert!(
        stderr
            .contains("vouliez-vous dire CAM-012\u{a0}? Sinon, ajoutez-le d'abord à l'inventaire"),
        "{stderr}"
    );
    let stderr = acme.refused(
        &["finding", "rm", "F-NOPE99"],
        "vulnérabilité `F-NOPE99` inconnue",
    );
    assert!(stderr.starts_with("erreur\u{a0}: "), "{stderr}");

    let english = sandbox.init("bravo").lang("en").create();
    let stderr = english.refused(
        &["answer", "ACC-1", "--level", "2"],
        "unknown control `ACC-1`",
    );
    assert!(stderr.contains("help: did you mean ACC-"), "{stderr}");
}

#[test]
fn a_folder_that_is_no_engagement_is_said_in_the_languages_of_the_environment() {
    let sandbox = Sandbox::new();
    fs::create_dir(sandbox.path("vide")).unwrap();
    let out = sandbox
        .run(&["--lang", "fr", "-C", "vide", "status"])
        .failure(2);
    assert!(
        out.stderr
            .contains("n'est pas un audit (pas de engagement.yaml ici ni au-dessus)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("aide\u{a0}: lancez"), "{}", out.stderr);
}

#[test]
fn a_corrupt_record_is_named_by_its_key_in_the_engagements_language() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let id = default_passwords(&acme);
    let path = sandbox.path(&format!("acme/findings/{id}.yaml"));
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("title: Mots de passe par défaut", "title: ''"),
    )
    .unwrap();
    let out = acme.run(&["finding", "list"]).failure(2);
    assert!(
        out.stderr.contains(&format!("findings/{id}.yaml:"))
            && out
                .stderr
                .contains("`title`\u{a0}: vide — renseignez `title`"),
        "{}",
        out.stderr
    );
}

#[test]
fn diff_in_markdown_and_log_follow_the_engagements_language() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    acme.run(&["answer", "ACC-01", "--level", "3"]).success();
    let md = acme
        .run(&["diff", "HEAD~1", "--format", "md"])
        .success()
        .stdout;
    assert!(
        md.starts_with("# Évolutions de HEAD\\~1 à copie de travail\n"),
        "{md}"
    );
    assert!(md.contains("(3 février 2026)"), "{md}");
    assert!(
        md.contains("| Domaine | HEAD\\~1 | copie de travail | Évolution |"),
        "{md}"
    );
    assert!(
        md.contains("| Point de contrôle | Avant | Après | Constats |"),
        "{md}"
    );
    assert!(md.contains("## Vulnérabilités et écarts\n\nAucun."), "{md}");

    let log = acme.run(&["log", "ACC-01"]).success().stdout;
    assert!(log.contains("niveau 1"), "{log}");
    assert!(log.contains("niveau 3 (avant\u{a0}: 1)"), "{log}");
    assert!(!log.contains("level"), "{log}");
    let none = acme.run(&["log", "ACC-02"]).success().stdout;
    assert!(none.contains("jamais répondu"), "{none}");
}

#[test]
fn the_checklists_form_says_a_problem_in_french_naming_its_rows() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let id = default_passwords(&acme);
    let engagement = vmsaudit::engagement::Engagement::open(&sandbox.path("acme")).unwrap();
    let who = engagement.auditor(None).unwrap();
    let state = engagement.state();
    let finding = state.findings.iter().find(|f| f.id == id).unwrap();
    let mut form = vmsaudit::tui::form::Form::finding(Some(finding), finding);
    let title = form.fields.iter().position(|f| f.key == "title").unwrap();
    form.fields[title].value = "  ".into();
    assert!(
        form.build(
            state,
            vmsaudit::grid::Lang::Fr,
            &who,
            jiff::Timestamp::UNIX_EPOCH
        )
        .is_none()
    );
    assert_eq!(
        form.fields[title].problem.as_deref(),
        Some("vide — renseignez «\u{a0}Titre\u{a0}»")
    );

    let mut asset = vmsaudit::tui::form::Form::asset(None);
    assert!(
        asset
            .build(
                state,
                vmsaudit::grid::Lang::Fr,
                &who,
                jiff::Timestamp::UNIX_EPOCH
            )
            .is_none()
    );
    assert_eq!(
        asset.fields[0].problem.as_deref(),
        Some("vide — par exemple `CAM-012`")
    );
}
