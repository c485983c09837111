//! The last English words of a French engagement: the requests refused (files, remotes,
//! outputs, scans, CVEs, the environment), the lock's holder, the problems of its files;
//! each through the real binary, in French on a French engagement and in English on an
//! English one.

use std::fs;

use crate::common::{Sandbox, says};

#[test]
fn requests_refused_on_a_french_engagement_are_said_in_french() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let stderr = acme.refused(
        &[
            "answer",
            "ACC-01",
            "--level",
            "2",
            "--evidence",
            "absent.png",
        ],
        "erreur\u{a0}: le fichier de preuve absent.png\u{a0}: ",
    );
    says(
        &stderr,
        &["aide\u{a0}: vérifiez le chemin\u{a0}; il part du dossier"],
    );
    let stderr = acme.refused(
        &["sync"],
        "ce clone n'a pas de dépôt distant avec lequel se synchroniser",
    );
    says(&stderr, &["aide\u{a0}: ajoutez le dépôt partagé"]);
    fs::create_dir(sandbox.path("sorties")).unwrap();
    acme.refused(
        &["export", "plan", "--format", "xlsx", "-o", "sorties"],
        "sorties est un dossier",
    );
    acme.refused_by_clap(
        &["scan", "dismiss", "ENC-04", "--level", "2"],
        "erreur\u{a0}: option «\u{a0}--level\u{a0}» inconnue",
    );
    acme.refused(
        &["diff", "v9"],
        "`v9` n'est ni une campagne d'audit ni une révision git",
    );
    acme.refused(
        &["cve", "list", "--vendor", "acme"],
        "le catalogue ne connaît pas le constructeur `acme`",
    );
    acme.refused(
        &["template", "show", "rapport.md"],
        "templates/rapport.md n'est pas un modèle remplacé de cet audit",
    );
}

#[test]
fn the_same_requests_on_an_english_engagement_are_said_in_english() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    let stderr = acme.refused(
        &[
            "answer",
            "ACC-01",
            "--level",
            "2",
            "--evidence",
            "absent.png",
        ],
        "error: evidence file absent.png: ",
    );
    says(
        &stderr,
        &["help: check the path; it is relative to the folder"],
    );
    acme.refused(&["sync"], "this clone has no remote to sync with");
    acme.refused(
        &["diff", "v9"],
        "`v9` is neither an audit round nor a git revision",
    );
}

#[test]
fn the_environment_is_refused_in_the_language_it_asks_for_or_the_locales() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let out = acme
        .env("VMSAUDIT_LANG", "fr")
        .env("VMSAUDIT_NOW", "bientôt")
        .run(&["status"])
        .failure(2);
    assert!(
        out.stderr
            .contains("erreur\u{a0}: VMSAUDIT_NOW=`bientôt` n'est pas un horodatage"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("aide\u{a0}: écrivez-le comme"),
        "{}",
        out.stderr
    );
    // A language vmsaudit does not speak: the locale's says so.
    let out = acme
        .env("VMSAUDIT_LANG", "de")
        .env("LC_ALL", "fr_FR.UTF-8")
        .run(&["status"])
        .failure(2);
    assert!(
        out.stderr
            .contains("VMSAUDIT_LANG vaut `de`, qui n'est pas une langue de vmsaudit"),
        "{}",
        out.stderr
    );
    let out = acme.env("VMSAUDIT_LANG", "de").run(&["status"]).failure(2);
    assert!(
        out.stderr
            .contains("VMSAUDIT_LANG is `de`, which is not a language vmsaudit speaks"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_new_engagement_refused_is_said_in_the_language_asked_for() {
    let sandbox = Sandbox::new();
    fs::create_dir(sandbox.path("plein")).unwrap();
    fs::write(sandbox.path("plein/note.txt"), "x").unwrap();
    let out = sandbox
        .run(&[
            "init",
            "plein",
            "--client",
            "ACME",
            "--auditor",
            "J <j@x.fr>",
            "--lang",
            "fr",
        ])
        .failure(2);
    assert!(
        out.stderr.contains("plein existe déjà et n'est pas vide"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("aide\u{a0}: choisissez un nouveau dossier pour l'audit"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_capture_says_how_its_command_ended_in_french_and_keeps_english_evidence() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let out = acme
        .run(&[
            "capture", "ENC-01", "--level", "2", "--", "sh", "-c", "exit 3",
        ])
        .success();
    assert!(
        out.stdout.contains("\u{a0}: code de sortie 3"),
        "{}",
        out.stdout
    );
    let answer = sandbox.read("acme/answers/ENC-01.yaml");
    let path = answer
        .lines()
        .find_map(|l| l.strip_prefix("- path: "))
        .unwrap();
    let evidence = sandbox.read(&format!("acme/{path}"));
    assert!(evidence.contains("status: exit 3\n"), "{evidence}");
    acme.refused(
        &["capture", "ENC-01", "--", "pas-de-programme-ici"],
        "impossible de lancer pas-de-programme-ici\u{a0}: ",
    );
}

#[test]
fn grid_check_warns_about_typography_in_the_readers_language() {
    let sandbox = Sandbox::new();
    let exported = sandbox.run(&["grid", "export"]).success().stdout;
    fs::write(
        sandbox.path("careless.yaml"),
        exported.replace('\u{a0}', " "),
    )
    .unwrap();
    let out = sandbox
        .run(&["--lang", "fr", "grid", "check", "careless.yaml"])
        .success();
    let question = out
        .stderr
        .lines()
        .find(|l| l.contains("texte français du contrôle ACC-01, `question`\u{a0}: "))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(
        question.starts_with("attention\u{a0}: careless.yaml:"),
        "{question}"
    );
    assert!(
        question.contains("«\u{a0}…omptes d'administration ?\u{a0}»")
            && question.contains("— le français met une espace insécable"),
        "{question}"
    );
    assert!(
        out.stdout
            .starts_with("careless.yaml\u{a0}: conforme — grille vms "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("avertissement(s) de typographie ci-dessus"),
        "{}",
        out.stdout
    );
}

#[test]
fn problems_of_the_engagements_files_are_said_in_its_language() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let path = sandbox.path("acme/engagement.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        format!(
            "{text}overrides:\n  ACC:\n    score: 9\n    justification: ''\n    by: J <j@example.org>\n    at: 2026-01-01T00:00:00Z\n"
        ),
    )
    .unwrap();
    let stderr = acme.refused(&["status"], "erreur\u{a0}: 2 problèmes\u{a0}:");
    // Each at its line, as a record's problems are: `overrides:` follows the file's text.
    let score = text.lines().count() + 3;
    says(
        &stderr,
        &[&format!(
            "engagement.yaml:{score}:5: le score fixé de ACC (9,0) dépasse le haut de l'échelle (4) — donnez un score de 0 à 4"
        )],
    );
    says(
        &stderr,
        &[&format!(
            "engagement.yaml:{}:5: le score fixé de ACC n'est pas justifié — dites pourquoi",
            score + 1
        )],
    );
    fs::write(&path, &text).unwrap();

    // A value that is not one of its key's words: said in French, the words named.
    fs::create_dir_all(sandbox.path("acme/findings")).unwrap();
    fs::write(
        sandbox.path("acme/findings/F-1.yaml"),
        "id: F-1\ntitle: x\nseverity: énorme\n",
    )
    .unwrap();
    let stderr = acme.refused(
        &["finding", "list"],
        "findings/F-1.yaml:3:11: `énorme` n'est pas une des valeurs que prend cette clé\u{a0}: `none`, `low`, `medium`, `high`, `critical`",
    );
    says(
        &stderr,
        &[
            "— corrigez le YAML à la main, ou rétablissez la dernière version enregistrée avec `git checkout -- findings/F-1.yaml`",
        ],
    );
}

#[test]
fn a_record_that_does_not_parse_is_said_in_english_on_an_english_engagement() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("en").create();
    fs::create_dir_all(sandbox.path("acme/findings")).unwrap();
    fs::write(
        sandbox.path("acme/findings/F-1.yaml"),
        "id: F-1\ntitle: x\nseverity: huge\n",
    )
    .unwrap();
    acme.refused(
        &["finding", "list"],
        "findings/F-1.yaml:3:11: `huge` is not one of the values this key takes: `none`, `low`, `medium`, `high`, `critical` — fix the YAML by hand, or restore the last saved version with `git checkout -- findings/F-1.yaml`",
    );
}

#[test]
fn cve_import_says_why_it_left_records_out_in_french() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let record = |id: &str, edit: &dyn Fn(&mut serde_json::Value)| {
        let text = fs::read_to_string(crate::common::fixture("nvd/CVE-2021-33044.json")).unwrap();
        let mut cve: serde_json::Value = serde_json::from_str(&text).unwrap();
        cve["id"] = id.into();
        edit(&mut cve);
        serde_json::json!({ "cve": cve })
    };
    let feed = serde_json::json!({
        "format": "NVD_CVE",
        "version": "2.0",
        "vulnerabilities": [
            record("CVE-2099-0001", &|cve| cve["vulnStatus"] = "Rejected".into()),
            record("CVE-2099-0002", &|cve| cve["configurations"] = serde_json::json!([])),
        ],
    });
    fs::write(sandbox.path("nvd.json"), feed.to_string()).unwrap();
    let out = acme.run(&["cve", "import", "nvd.json"]).success();
    assert!(
        out.stdout.contains(
            "1 écartée(s)\u{a0}: pas encore de configuration CPE (la NVD ne l'a pas analysée), constructeur inconnu"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "écartée\u{a0}: nvd.json\u{a0}: enregistrement 1 (CVE-2099-0001)\u{a0}: rejeté par la NVD, écarté"
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("left out"), "{}", out.stdout);
}

#[test]
fn cve_check_says_a_packs_problems_in_the_command_lines_language() {
    let sandbox = Sandbox::new();
    let pack = include_str!("../../catalog/cves.yaml")
        .replacen("version: \"2026.12.2\"", "version: \"26.12\"", 1)
        .replacen(
            "  - id: CVE-2021-36260\n",
            "  - id: CVE-2021-36260\n    vendr: hikvision\n",
            1,
        );
    fs::write(sandbox.path("pack.yaml"), pack).unwrap();
    let out = sandbox
        .run(&["--lang", "fr", "cve", "check", "pack.yaml"])
        .failure(2);
    assert!(
        out.stderr.contains(
            "clé `vendr` inconnue dans une entrée — vouliez-vous dire `vendor`\u{a0}? Les clés d'une entrée sont"
        ),
        "{}",
        out.stderr
    );
    let out = sandbox.run(&["cve", "check", "pack.yaml"]).failure(2);
    assert!(
        out.stderr.contains("unknown key `vendr` in an entry"),
        "{}",
        out.stderr
    );
}

#[test]
fn files_given_to_an_import_are_refused_in_french() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.refused(
        &["cve", "import", "absent.json"],
        "absent.json: ce fichier n'existe pas — vérifiez le chemin",
    );
    acme.refused(
        &["scan", "import", "absent.xml"],
        "le fichier de scan absent.xml\u{a0}: ",
    );
    fs::write(sandbox.path("vide.json"), "").unwrap();
    acme.refused(
        &["cve", "import", "vide.json"],
        "vide.json: le fichier est vide",
    );
    fs::write(sandbox.path("coupé.json"), "{\"vulnerabilities\": [").unwrap();
    let stderr = acme.refused(
        &["cve", "import", "coupé.json"],
        "le fichier s'arrête au milieu du JSON",
    );
    says(
        &stderr,
        &["aucun enregistrement complet n'a été lu avant cet endroit"],
    );
}

#[test]
fn without_pandoc_a_french_engagement_is_told_what_to_do_in_french() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    // A PATH with a shell (the sandbox runs the binary through `sh`) and no pandoc.
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.path().join("sh")).unwrap();
    let out = acme
        .env("PATH", bin.path().to_str().unwrap())
        .run(&["report", "--format", "docx", "-o", "rapport.docx"])
        .failure(1);
    assert!(
        out.stderr.contains(
            "pandoc est nécessaire pour écrire des fichiers Word (DOCX)\u{a0}: il n'est pas installé"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("aide\u{a0}: installez pandoc"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_template_override_not_accepted_stops_the_report_in_french() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    sandbox.commit_by_hand("acme", "templates/plan.md.tera", "Plan\n", "Plan");
    let stderr = acme.refused(
        &["report"],
        "templates/plan.md.tera: ce modèle remplacé (venu du dépôt partagé) n'a pas été accepté dans ce clone",
    );
    says(
        &stderr,
        &["relisez-le avec `vmsaudit template show plan.md.tera`"],
    );
    acme.refused(
        &["template", "accept", "absent.md.tera"],
        "templates/absent.md.tera: n'est pas un modèle remplacé de cet audit",
    );
}

#[test]
fn a_newer_grid_that_does_not_map_the_engagements_is_refused_in_french() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let exported = sandbox.run(&["grid", "export"]).success().stdout;
    fs::write(
        sandbox.path("autre.yaml"),
        exported.replacen("id: vms\n", "id: autre\n", 1),
    )
    .unwrap();
    acme.refused(
        &["audit", "start", "2026-08", "--grid", "autre.yaml"],
        "autre.yaml: cette grille est `autre`, celle de l'audit est `vms` — passez à une version de `vms`",
    );
}

#[test]
fn an_inventory_spreadsheet_s_problems_are_said_in_the_engagements_language() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    fs::write(
        sandbox.path("inventaire.csv"),
        "id;kind;modèle\nCAM-900;ptz;P1\n;camera;P2\n",
    )
    .unwrap();
    let stderr = acme.refused(
        &["asset", "import", "inventaire.csv"],
        "colonne(s) inconnue(s)\u{a0}: `modèle` (colonne 3)",
    );
    says(&stderr, &["les colonnes connues sont id, kind, vendor"]);
    fs::write(
        sandbox.path("inventaire.csv"),
        "id;kind;model\nCAM-900;ptz;P1\n;camera;P2\nCAM-901;;P3\n",
    )
    .unwrap();
    let stderr = acme.refused(
        &["asset", "import", "inventaire.csv"],
        "inventaire.csv:2: `ptz` n'est pas un type d'équipement\u{a0}: donnez camera, nvr,",
    );
    says(
        &stderr,
        &[
            "— corrigez la colonne kind de cette ligne",
            "inventaire.csv:3: l'identifiant est vide — donnez un identifiant à chaque équipement",
            "inventaire.csv:4: `CAM-901` n'est pas encore dans l'inventaire et n'a pas de type",
        ],
    );
    // Before the engagement is read, its language already holds.
    acme.refused(
        &["asset", "import", "absent.csv"],
        "absent.csv: ce fichier n'existe pas — vérifiez le chemin",
    );
    // The same file in English, for an English reader.
    let out = acme
        .run(&["--lang", "en", "asset", "import", "inventaire.csv"])
        .failure(2);
    assert!(
        out.stderr
            .contains("inventaire.csv:2: `ptz` is not an asset kind: use camera, nvr,"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_report_s_templates_and_the_scanner_s_files_are_refused_in_french() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let override_with = |text: &str| {
        sandbox.commit_by_hand("acme", "templates/report.fr.md.tera", text, "Modèle");
        acme.run(&["template", "accept", "report.fr.md.tera"])
            .success();
    };
    override_with("# Rapport\n\n![l](/etc/passwd)\n");
    let stderr = acme.refused(
        &["report"],
        "templates/report.fr.md.tera: le rapport produit contient une image vers `/etc/passwd` (ligne 3 du rapport)",
    );
    says(&stderr, &["un rapport ne peut montrer que son radar"]);
    override_with("# Rapport\n\n{% if %}\n");
    let stderr = acme.refused(&["report"], "templates/report.fr.md.tera:3:");
    says(
        &stderr,
        &[
            "corrigez le modèle, ou retirez templates/report.fr.md.tera de la mission pour utiliser le modèle intégré",
        ],
    );

    fs::write(
        sandbox.path("coupé.xml"),
        "<?xml version=\"1.0\"?>\n<nmaprun scanner=\"nmap\">\n<host>\n",
    )
    .unwrap();
    let stderr = acme.refused(
        &["scan", "import", "coupé.xml"],
        "illisible en XML\u{a0}: le fichier s'arrête avant la fin de son XML (tronqué)",
    );
    says(
        &stderr,
        &["donnez le XML que nmap écrit avec `-oX FICHIER`"],
    );
    fs::write(
        sandbox.path("entités.xml"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun [<!ENTITY x \"y\">]>\n<nmaprun scanner=\"nmap\"/>\n",
    )
    .unwrap();
    acme.refused(
        &["scan", "import", "entités.xml"],
        "entités.xml:2: le fichier déclare des entités XML, ce que nmap ne fait jamais",
    );
    fs::write(
        sandbox.path("acme/scan-map.yaml"),
        "facts:\n  smtp: [NET-01]\n",
    )
    .unwrap();
    let stderr = acme.refused(
        &["scan", "list"],
        "ce n'est pas une correspondance de scan\u{a0}:",
    );
    says(
        &stderr,
        &["écrivez `facts:` avec une liste d'identifiants de contrôles par fait"],
    );
}

/// The built-in grid, written to `broken.yaml` with four problems: a control id used twice,
/// a key misspelt, a level the scale lacks, a weight that is no whole number. The lines of
/// the first id, then of each problem (0 when not found: the test fails on it).
fn broken_grid(exported: &str) -> (String, [usize; 5]) {
    let broken = exported
        .replacen(
            "    controls:\n",
            "    controls:\n      - id: ACC-01\n        title: Dup\n        question: Dup\n",
            1,
        )
        .replacen("references:", "refrences:", 1)
        .replacen(
            "        levels:\n",
            "        levels:\n          7: {en: Too high, fr: Trop haut}\n",
            1,
        )
        .replacen("weight: 2", "weight: 0.5", 1);
    let line = |needle: &str, nth: usize| {
        broken
            .lines()
            .enumerate()
            .filter(|(_, text)| text.contains(needle))
            .nth(nth)
            .map_or(0, |(index, _)| index + 1)
    };
    let lines = [
        line("- id: ACC-01", 0),
        line("- id: ACC-01", 1),
        line("refrences:", 0),
        line("7: {en: Too high", 0),
        line("weight: 0.5", 0),
    ];
    (broken, lines)
}

#[test]
fn grid_check_says_a_broken_grids_problems_in_the_readers_language() {
    let sandbox = Sandbox::new();
    let exported = sandbox.run(&["grid", "export"]).success().stdout;
    let (broken, [first, twice, key, level, weight]) = broken_grid(&exported);
    fs::write(sandbox.path("broken.yaml"), broken).unwrap();
    let french = [
        "erreur\u{a0}: 4 problèmes\u{a0}:".to_owned(),
        format!(
            "broken.yaml:{twice}:13: identifiant `ACC-01` en double (déjà utilisé ligne {first}) — donnez à chaque domaine et à chaque contrôle son propre identifiant"
        ),
        format!(
            "broken.yaml:{key}:9: clé `refrences` inconnue dans un contrôle — vouliez-vous dire `references`\u{a0}?"
        ),
        format!(
            "broken.yaml:{level}:14: contrôle ACC-01\u{a0}: le niveau 7 est hors de l'échelle (0–4) — ne décrivez que les niveaux que définit l'échelle de la grille (`scale`)"
        ),
        format!(
            "broken.yaml:{weight}:17: contrôle ACC-03\u{a0}: le poids 0,5 n'est pas un nombre entier de 1 à 100 — mettez 1 pour un contrôle ordinaire, et 2 ou plus pour un contrôle qui pèse davantage dans le score de son domaine"
        ),
    ]
    .join("\n")
        + "\n";
    let out = sandbox
        .run(&["--lang", "fr", "grid", "check", "broken.yaml"])
        .failure(2);
    assert_eq!(out.stderr, french);
    assert_eq!(out.stdout, "");
    // Outside an engagement, `VMSAUDIT_LANG` and then the locale say the language too.
    for (name, value) in [("VMSAUDIT_LANG", "fr"), ("LC_ALL", "fr_FR.UTF-8")] {
        let out = sandbox
            .command(&["grid", "check", "broken.yaml"])
            .env(name, value)
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(out.stderr).unwrap(), french, "{name}");
    }

    // In English, the same problems as they always were.
    let out = sandbox.run(&["grid", "check", "broken.yaml"]).failure(2);
    assert_eq!(
        out.stderr,
        [
            "error: 4 problems:".to_owned(),
            format!(
                "broken.yaml:{twice}:13: duplicate id `ACC-01` (first used on line {first}) — give every domain and control an id of its own"
            ),
            format!(
                "broken.yaml:{key}:9: unknown key `refrences` in a control — did you mean `references`?"
            ),
            format!(
                "broken.yaml:{level}:14: control ACC-01: level 7 is outside the scale (0–4) — describe only levels that the grid's `scale` defines"
            ),
            format!(
                "broken.yaml:{weight}:17: control ACC-03: weight 0.5 is not a whole number from 1 to 100 — use 1 for an ordinary control and 2 or more for one that weighs more in its domain's score"
            ),
        ]
        .join("\n")
            + "\n"
    );
}

#[test]
fn grid_check_says_where_a_grids_yaml_breaks_in_the_readers_language() {
    let sandbox = Sandbox::new();
    // A key indented under a value: said in words, where the parser says "mapping values".
    fs::write(sandbox.path("indented.yaml"), "id: x\n  bad: [\n").unwrap();
    let out = sandbox
        .run(&["--lang", "fr", "grid", "check", "indented.yaml"])
        .failure(2);
    assert_eq!(
        out.stderr,
        "erreur\u{a0}: 1 problème\u{a0}:\nindented.yaml:2:6: un `: ` que YAML lit ici comme une nouvelle clé\u{a0}: dans un texte qui n'est pas entre guillemets, ou après une clé indentée sous une valeur — mettez le texte entre guillemets droits (`title: \"Rappel\u{a0}: ...\"`), ou indentez la clé comme celles du dessus\n"
    );
    // A bracket left open, the next key read inside it: said as brackets that do not pair.
    fs::write(
        sandbox.path("syntax.yaml"),
        "id: x\nlanguages: [en, fr\nversion: 1\n",
    )
    .unwrap();
    let out = sandbox
        .run(&["--lang", "fr", "grid", "check", "syntax.yaml"])
        .failure(2);
    assert!(
        out.stderr
            .starts_with("erreur\u{a0}: 1 problème\u{a0}:\nsyntax.yaml:3:8: les crochets ne vont pas par paires ici\u{a0}: "),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .trim_end()
            .ends_with("mettez entre guillemets un texte qui contient `,`, `:`, `[` ou `{`"),
        "{}",
        out.stderr
    );
    fs::write(sandbox.path("list.yaml"), "- just\n- a list\n").unwrap();
    let out = sandbox
        .run(&["--lang", "fr", "grid", "check", "list.yaml"])
        .failure(2);
    assert_eq!(
        out.stderr,
        "erreur\u{a0}: 1 problème\u{a0}:\nlist.yaml: la grille n'est pas un dictionnaire YAML (des clés et leurs valeurs) — partez de `vmsaudit grid export`, qui affiche la grille intégrée\n"
    );
    let out = sandbox.run(&["grid", "check", "list.yaml"]).failure(2);
    assert_eq!(
        out.stderr,
        "error: 1 problem:\nlist.yaml: the grid is not a set of YAML keys and their values (`id: ...`, `domains: ...`) — start from `vmsaudit grid export`, which prints the built-in grid\n"
    );
}

#[test]
fn a_broken_grid_given_to_init_or_audit_start_or_pinned_is_said_in_french() {
    let sandbox = Sandbox::new();
    let exported = sandbox.run(&["grid", "export"]).success().stdout;
    let (broken, [_, _, key, ..]) = broken_grid(&exported);
    fs::write(sandbox.path("broken.yaml"), broken).unwrap();
    let misspelt = format!(
        "broken.yaml:{key}:9: clé `refrences` inconnue dans un contrôle — vouliez-vous dire `references`\u{a0}?"
    );
    let out = sandbox
        .run(&[
            "--lang",
            "fr",
            "init",
            "bad",
            "--client",
            "ACME",
            "--auditor",
            crate::common::JEANNE,
            "--grid",
            "broken.yaml",
        ])
        .failure(2);
    assert!(out.stderr.contains(&misspelt), "{}", out.stderr);
    assert!(!sandbox.path("bad").exists());

    let acme = sandbox.init("acme").lang("fr").create();
    let grid = sandbox.path("broken.yaml").display().to_string();
    let stderr = acme.refused(
        &["audit", "start", "2026-08", "--grid", &grid],
        "clé `refrences` inconnue dans un contrôle",
    );
    assert!(
        stderr.starts_with("erreur\u{a0}: 4 problèmes\u{a0}:"),
        "{stderr}"
    );

    // The engagement's own grid, edited by hand: named at its line, in its language.
    let pinned = sandbox.path("acme/grid.yaml");
    let text = fs::read_to_string(&pinned).unwrap();
    fs::write(&pinned, text.replacen("\ntitle:", "\ntitel: x\ntitle:", 1)).unwrap();
    let line = fs::read_to_string(&pinned)
        .unwrap()
        .lines()
        .position(|text| text.starts_with("titel:"))
        .unwrap()
        + 1;
    let out = acme.run(&["status"]).failure(2);
    assert!(
        out.stderr.contains(&format!(
            "grid.yaml:{line}:1: clé `titel` inconnue dans la grille — vouliez-vous dire `title`\u{a0}?"
        )),
        "{}",
        out.stderr
    );
    let out = acme.run(&["--lang", "en", "status"]).failure(2);
    assert!(
        out.stderr.contains(&format!(
            "grid.yaml:{line}:1: unknown key `titel` in the grid — did you mean `title`?"
        )),
        "{}",
        out.stderr
    );
}

/// What clap says in English on its help pages, none of which a French reader should meet.
const CLAP_ENGLISH: &[&str] = &[
    "Usage:",
    "Commands:",
    "Arguments:",
    "Options:",
    "Print help",
    "Print version",
    "Print this message",
    "[default:",
    "[possible values:",
    "Possible values:",
    "[aliases:",
    "see more with",
    "see a summary with",
];

#[track_caller]
fn french_page(page: &str, parts: &[&str]) {
    for english in CLAP_ENGLISH {
        assert!(!page.contains(english), "{english:?} in:\n{page}");
    }
    says(page, parts);
}

#[test]
fn the_help_pages_are_french_for_a_french_reader() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["--lang", "fr", "--help"]).success();
    french_page(
        &out.stdout,
        &[
            "Audits de cybersécurité des systèmes de vidéosurveillance",
            "Utilisation\u{a0}: vmsaudit [OPTIONS] [COMMANDE]",
            "Commandes\u{a0}:",
            "Options\u{a0}:",
            "Afficher l'aide",
            "Afficher la version",
            "Codes de sortie\u{a0}:",
            "Vulnérabilités et écarts",
        ],
    );
    let out = sandbox
        .run(&["--lang", "fr", "finding", "add", "--help"])
        .success();
    french_page(
        &out.stdout,
        &[
            "Consigner une vulnérabilité ou un écart",
            "Utilisation\u{a0}: vmsaudit finding add",
            "--severity <CRITICITÉ>",
            "--title <TITRE>",
            "Pourquoi cette criticité",
        ],
    );
    // Outside an engagement, VMSAUDIT_LANG says the reader's language.
    let out = sandbox
        .command(&["help", "scope"])
        .env("VMSAUDIT_LANG", "fr")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    french_page(
        &String::from_utf8_lossy(&out.stdout),
        &[
            "Le périmètre de l'audit",
            "Options\u{a0}:",
            "--no-exclusions",
        ],
    );
    // A command that needs a subcommand shows its page, on stderr, in French too.
    let out = sandbox.run(&["--lang", "fr", "finding"]).failure(2);
    french_page(&out.stderr, &["Commandes\u{a0}:", "Utilisation\u{a0}:"]);
}

#[test]
fn the_help_pages_follow_a_french_engagement() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let out = acme.run(&["-h"]).success();
    french_page(&out.stdout, &["Commandes\u{a0}:", "Afficher l'aide"]);
    // The default and the possible values in brackets on a short page, listed with their
    // help on a long one.
    let out = acme.run(&["report", "-h"]).success();
    french_page(
        &out.stdout,
        &[
            "Options\u{a0}:",
            "[par défaut\u{a0}: md]",
            "[valeurs possibles\u{a0}: md, html, docx]",
            "(plus de détails avec «\u{a0}--help\u{a0}»)",
        ],
    );
    let out = acme.run(&["report", "--help"]).success();
    french_page(
        &out.stdout,
        &[
            "Valeurs possibles\u{a0}:",
            "- docx\u{a0}: Un document Word par pandoc",
            "[par défaut\u{a0}: md]",
            "(un résumé avec «\u{a0}-h\u{a0}»)",
        ],
    );
    let out = acme.run(&["completions", "--help"]).success();
    french_page(
        &out.stdout,
        &[
            "Arguments\u{a0}:",
            "[valeurs possibles\u{a0}: bash, elvish, fish, powershell, zsh]",
        ],
    );
    // The parse errors keep their French, and point to a help page that is French now.
    let out = acme.run(&["finding", "add", "--titel", "x"]).failure(2);
    assert!(
        out.stderr.contains("Pour en savoir plus\u{a0}: --help.")
            && !out.stderr.contains("en anglais"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_english_help_pages_are_claps_as_they_were() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let out = acme.run(&["--lang", "en", "--help"]).success();
    says(
        &out.stdout,
        &[
            "Cybersecurity audits of video-surveillance systems",
            "Usage: vmsaudit [OPTIONS] [COMMAND]",
            "Commands:",
            "Options:",
            "Print help",
            "Exit codes: 0 ok",
        ],
    );
    let out = sandbox.run(&["report", "-h"]).success();
    assert!(
        out.stdout
            .contains("[default: md] [possible values: md, html, docx]"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("Utilisation"), "{}", out.stdout);
}

#[test]
fn the_manual_and_the_completions_follow_the_readers_language() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let page = acme.run(&["man"]).success().stdout;
    says(
        &page,
        &[
            ".SH NOM",
            ".SH SOUS-COMMANDES",
            "Vulnérabilités et écarts, avec CVSS",
        ],
    );
    assert!(!page.contains(".SH NAME") && !page.contains("Findings: vulnerabilities"));
    let fish = acme.run(&["completions", "fish"]).success().stdout;
    assert!(
        fish.contains("Consigner une vulnérabilité ou un écart, en un commit"),
        "{fish}"
    );
    // An English reader of the same engagement, and one outside any.
    let page = acme.run(&["--lang", "en", "man"]).success().stdout;
    assert!(page.contains(".SH NAME") && page.contains("Findings: vulnerabilities"));
    let page = sandbox.run(&["man"]).success().stdout;
    assert!(page.contains(".SH SUBCOMMANDS"));
}

/// An auditor written wrong is said in French, whether clap parses it or the commit needs
/// it; a name without an email makes no engagement rather than libgit2's English.
#[test]
fn an_auditor_written_wrong_is_said_in_french_and_makes_nothing() {
    let sandbox = Sandbox::new();
    let init = |auditor: &str| {
        sandbox
            .command(&[
                "init",
                "x",
                "--client",
                "X",
                "--lang",
                "fr",
                "--auditor",
                auditor,
            ])
            .env("VMSAUDIT_LANG", "fr")
            .output()
            .unwrap()
    };
    let out = init("<a@b.c>");
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.contains("le nom manque"), "{said}");
    let out = init("Jean");
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(
        said.contains("l'auditeur `Jean` n'a pas d'adresse électronique")
            && !said.contains("libgit2")
            && !said.contains("Signature"),
        "{said}"
    );
    assert!(!sandbox.path("x").exists(), "nothing made");
}

/// A folder or a device given where a file is read is said in the reader's language, as bad
/// input (exit 2), not with the system's English.
#[test]
fn a_folder_given_as_a_file_is_said_in_french() {
    let sandbox = Sandbox::new();
    sandbox.write("grids/keep", "");
    for given in [sandbox.path("grids"), std::path::PathBuf::from("/dev/null")] {
        let out = sandbox
            .command(&["grid", "check", &given.display().to_string()])
            .env("VMSAUDIT_LANG", "fr")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{said}");
        assert!(said.contains("pas un fichier ordinaire"), "{said}");
        assert!(
            !said.contains("os error") && !said.contains("liens"),
            "{said}"
        );
    }
}

#[test]
fn a_change_that_changes_nothing_is_said_in_french() {
    use std::os::unix::fs::PermissionsExt;

    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let twice = |args: &[&str], said: &str| {
        acme.run(args).success();
        let before = sandbox.subjects("acme");
        let out = acme.run(args).success();
        assert_eq!(out.stdout.trim_end(), said, "{args:?}");
        assert_eq!(sandbox.subjects("acme"), before, "{args:?} committed");
    };
    twice(
        &["answer", "ACC-03", "--level", "1", "--note", "vu"],
        "ACC-03\u{a0}: rien à modifier",
    );
    twice(
        &[
            "asset",
            "add",
            "CAM-01",
            "--kind",
            "camera",
            "--vendor",
            "Hikvision",
        ],
        "inventaire\u{a0}: CAM-01 inchangé",
    );
    twice(
        &["asset", "import", &crate::common::fixture("cameras.csv")],
        "inventaire\u{a0}: cameras.csv ne change rien (5 actif(s) inchangé(s))",
    );
    twice(
        &[
            "scan",
            "import",
            &crate::common::fixture("scans/devices.xml"),
        ],
        "scan S-75446d241f\u{a0}: devices.xml a déjà été importé\u{a0}; rien à modifier\n\
         Ensuite\u{a0}: vmsaudit scan list — ce que les scans proposent, par point de contrôle",
    );
    twice(
        &["scope", "--site", "Quai 1"],
        "audit\u{a0}: rien à modifier",
    );
    let finding = acme
        .run(&[
            "finding",
            "add",
            "--title",
            "Caméras exposées",
            "--domain",
            "NET",
            "--severity",
            "high",
            "--justification",
            "vu",
        ])
        .created();
    twice(
        &[
            "finding",
            "edit",
            &finding,
            "--status",
            "accepted",
            "--reason",
            "risque accepté",
        ],
        &format!("{finding}\u{a0}: rien à modifier"),
    );
    let out = acme.run(&["override", "NET", "--clear"]).success();
    assert_eq!(
        out.stdout.trim_end(),
        "NET\u{a0}: aucun score fixé par les auditeurs à retirer"
    );

    // A clone git made readable by others is warned about in French, with the fix.
    sandbox.git(".", &["clone", "-q", "acme", "copie"]);
    fs::set_permissions(sandbox.path("copie"), fs::Permissions::from_mode(0o755)).unwrap();
    let out = sandbox.in_dir("copie").run(&["status"]).success();
    let root = sandbox.path("copie").display().to_string();
    says(
        &out.stderr,
        &[&format!(
            "attention\u{a0}: {root} est lisible par les autres utilisateurs (mode 755)\u{a0}: corrigez-le avec `chmod -R go-rwx -- {root}`"
        )],
    );
}
