//! Bad input through the real binary: each gets its file, its line (and column), what is
//! wrong and how to fix it, in the reader's language, with no parser's or Rust type's words
//! (`u8`, `sequence`, `map`, `DuplicateKeyPolicy`), and nothing saved changes.

// Test helpers: a failure to set up is a failed test.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;

use crate::common::{Sandbox, fixture, says};

/// The words a parser or Rust would have said, which no message may show.
const PARSER_WORDS: &[&str] = &[
    "u8",
    "usize",
    "f64",
    "invalid type",
    "invalid value",
    "floating point",
    "sequence",
    "struct",
    "map ",
    "scalar",
    "DuplicateKeyPolicy",
    "strict mode",
];

#[track_caller]
fn no_parser_words(stderr: &str) {
    for word in PARSER_WORDS {
        assert!(!stderr.contains(word), "{word:?} in:\n{stderr}");
    }
}

/// The mini grid with `from` replaced by `to` (once, where it must be).
#[track_caller]
fn mini_grid_with(from: &str, to: &str) -> String {
    let text = fs::read_to_string(fixture("mini-grid.yaml")).unwrap();
    assert!(text.contains(from), "{from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn grid_values_of_the_wrong_kind_are_said_in_words_in_english_and_french() {
    let sandbox = Sandbox::new();
    // Each: the grid's change, its place, then what English and French say.
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "weight: 2",
            "weight: two",
            "24:17",
            "`weight` of control ACC-01 is the text `two`, where a whole number from 1 to 100 is expected — write `weight: 1`",
            "`weight` du contrôle ACC-01 est le texte `two`, alors qu'il faut un nombre entier de 1 à 100 — écrivez `weight: 1`",
        ),
        (
            "{level: 4, label",
            "{level: -1, label",
            "11:13",
            "`level` of scale level 4 is the number `-1`, where a whole number from 0 to 9 is expected",
            "`level` du niveau 4 de l'échelle est le nombre `-1`, alors qu'il faut un nombre entier de 0 à 9",
        ),
        (
            "title: {en: MFA, fr: MFA}",
            "title: [MFA, MFA]",
            "26:16",
            "`title` of control ACC-02 is a list, where a text (one string, or one per language: `{en: ..., fr: ...}`) is expected — write the text after `title:`",
            "`title` du contrôle ACC-02 est une liste, alors qu'il faut un texte",
        ),
        (
            "title: {en: MFA, fr: MFA}",
            "title: {en: [MFA], fr: MFA}",
            "26:21",
            "`title.en` of control ACC-02 is a list, where one string is expected",
            "`title.en` du contrôle ACC-02 est une liste, alors qu'il faut une chaîne",
        ),
        (
            "          4: {en: None left",
            "          four: {en: None left",
            "23:11",
            "a key of `levels` of control ACC-01 is the text `four`, where a whole number from 0 to 9 is expected",
            "une clé de `levels` du contrôle ACC-01 est le texte `four`, alors qu'il faut un nombre entier de 0 à 9",
        ),
        (
            "references: [CIS Controls v8 4.7]",
            "references: CIS Controls v8 4.7",
            "20:21",
            "`references` of control ACC-01 is the text `CIS Controls v8 4.7`, where a list is expected",
            "`references` du contrôle ACC-01 est le texte `CIS Controls v8 4.7`, alors qu'il faut une liste",
        ),
        (
            "weight: 2",
            "weight: 2\n        critical: maybe",
            "25:19",
            "`critical` of control ACC-01 is the text `maybe`, where `true` or `false` is expected",
            "`critical` du contrôle ACC-01 est le texte `maybe`, alors qu'il faut `true` ou `false`",
        ),
        (
            "      - id: ACC-02\n        title",
            "      - id: ACC-02\n\ttitle",
            "25:",
            "a tab character where YAML allows only spaces (indentation) — replace the tab with spaces",
            "une tabulation là où YAML n'admet que des espaces (indentation) — remplacez la tabulation par des espaces",
        ),
        (
            "version: 0.1.0",
            "version: 0.1.0\nid: other",
            "4:1",
            "the key `id` is given twice here — keep one of them",
            "la clé `id` est donnée deux fois à cet endroit — gardez-en une seule",
        ),
        (
            "title: {en: MFA, fr: MFA}",
            "title: Note: MFA",
            "26:",
            "a `: ` that YAML reads as a new key here: inside a text that is not in quotes, or after a key indented under a value — put the text in double quotes",
            "un `: ` que YAML lit ici comme une nouvelle clé\u{a0}: dans un texte qui n'est pas entre guillemets",
        ),
    ];
    for (index, (from, to, place, english, french)) in cases.iter().enumerate() {
        let name = format!("bad-{index}.yaml");
        fs::write(sandbox.path(&name), mini_grid_with(from, to)).unwrap();
        let out = sandbox.run(&["grid", "check", &name]).failure(2);
        says(
            &out.stderr,
            &["error: 1 problem:\n", &format!("{name}:{place}"), english],
        );
        no_parser_words(&out.stderr);
        let out = sandbox
            .run(&["--lang", "fr", "grid", "check", &name])
            .failure(2);
        says(
            &out.stderr,
            &[
                "erreur\u{a0}: 1 problème\u{a0}:\n",
                &format!("{name}:{place}"),
                french,
            ],
        );
        no_parser_words(&out.stderr);
    }
}

#[test]
fn empty_and_binary_grid_files_are_said_for_what_they_are() {
    let sandbox = Sandbox::new();
    fs::write(sandbox.path("zero.yaml"), "").unwrap();
    fs::write(sandbox.path("comments.yaml"), "# nothing yet\n\n").unwrap();
    for name in ["zero.yaml", "comments.yaml"] {
        let out = sandbox.run(&["grid", "check", name]).failure(2);
        assert_eq!(
            out.stderr,
            format!(
                "error: 1 problem:\n{name}: the grid file is empty — start from `vmsaudit grid export`, which prints the built-in grid\n"
            )
        );
        let out = sandbox
            .run(&["--lang", "fr", "grid", "check", name])
            .failure(2);
        says(
            &out.stderr,
            &[&format!("{name}: le fichier de grille est vide")],
        );
    }
    // Not UTF-8 at all (an image, a program): its line; UTF-8 with a NUL byte: its place.
    let binary: Vec<u8> = (0..=255u8).cycle().take(2048).collect();
    fs::write(sandbox.path("binary.yaml"), binary).unwrap();
    let out = sandbox.run(&["grid", "check", "binary.yaml"]).failure(2);
    says(
        &out.stderr,
        &["binary.yaml:2: the file is not valid UTF-8 — save it as UTF-8 text"],
    );
    fs::write(sandbox.path("nul.yaml"), "id: x\0\0\n").unwrap();
    let out = sandbox
        .run(&["--lang", "fr", "grid", "check", "nul.yaml"])
        .failure(2);
    says(
        &out.stderr,
        &["nul.yaml:1:6: un caractère de contrôle (un octet nul, par exemple)"],
    );
    no_parser_words(&out.stderr);
}

#[test]
fn a_bad_scale_level_in_an_engagements_grid_is_said_once() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let path = sandbox.path("acme/grid.yaml");
    let grid = fs::read_to_string(&path).unwrap();
    let line = grid
        .lines()
        .position(|line| line == "  - level: 4")
        .unwrap()
        + 1;
    fs::write(&path, grid.replacen("  - level: 4\n", "  - level: 7\n", 1)).unwrap();
    // One problem, the scale's: not one per control whose `levels` describe level 4.
    let stderr = acme.refused(&["status"], "erreur\u{a0}: 1 problème\u{a0}:\n");
    says(
        &stderr,
        &[&format!(
            "grid.yaml:{line}:12: le niveau 7 de l'échelle n'est pas dans l'ordre — numérotez les niveaux de l'échelle 0, 1, 2… dans l'ordre\u{a0}; celui-ci devrait être 4"
        )],
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");

    fs::write(&path, grid.replacen("  - level: 4\n", "  - level: -1\n", 1)).unwrap();
    let stderr = acme.refused(&["status"], "erreur\u{a0}: 1 problème\u{a0}:\n");
    says(
        &stderr,
        &[&format!(
            "grid.yaml:{line}:12: `level` du niveau 4 de l'échelle est le nombre `-1`, alors qu'il faut un nombre entier de 0 à 9"
        )],
    );
    no_parser_words(&stderr);
}

#[test]
fn an_overrides_problems_are_said_at_their_lines() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").create();
    acme.run(&[
        "override",
        "NET",
        "1.5",
        "--justification",
        "VLAN half done",
    ])
    .success();
    let path = sandbox.path("acme/engagement.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let at = |needle: &str| text.lines().position(|line| line.contains(needle)).unwrap() + 1;
    let (domain, score, why) = (at("  NET:"), at("score: 1.5"), at("justification:"));
    let broken = text
        .replacen("  NET:", "  NETT:", 1)
        .replacen("score: 1.5", "score: 7", 1)
        .replacen("justification: VLAN half done", "justification: ''", 1);
    fs::write(&path, broken).unwrap();
    let stderr = acme.refused(&["status"], "error: 3 problems:\n");
    says(
        &stderr,
        &[
            &format!(
                "engagement.yaml:{domain}:3: `overrides` names `NETT`, which is not a domain of the grid"
            ),
            &format!(
                "engagement.yaml:{score}:5: the override of NETT (7.0) is above the scale's top (4)"
            ),
            &format!("engagement.yaml:{why}:5: the override of NETT has no justification"),
        ],
    );
    // A score that is no number: what to write, not the parser's "invalid floating point".
    fs::write(&path, text.replacen("score: 1.5", "score: high", 1)).unwrap();
    let stderr = acme.refused(&["status"], "error: 1 problem:\n");
    says(
        &stderr,
        &[&format!(
            "engagement.yaml:{score}:12: a number is expected here — fix the YAML by hand"
        )],
    );
    no_parser_words(&stderr);
}

#[test]
fn a_note_file_saved_by_notepad_loses_its_byte_order_mark_and_crs() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").create();
    // As Windows Notepad saves UTF-8: a byte order mark, CR LF line ends.
    fs::write(
        sandbox.path("note.txt"),
        "\u{feff}Default accounts on 3 cameras.\r\nAdmin: changed on the NVR.\r\n",
    )
    .unwrap();
    let note = sandbox.path("note.txt").display().to_string();
    acme.run(&["answer", "ACC-01", "--level", "1", "--note-file", &note])
        .success();
    let answer = sandbox.read("acme/answers/ACC-01.yaml");
    assert!(
        !answer.contains('\r') && !answer.contains('\u{feff}'),
        "{answer:?}"
    );
    says(
        &answer,
        &["observations: |\n  Default accounts on 3 cameras.\n  Admin: changed on the NVR.\n"],
    );
}

#[test]
fn cve_import_names_the_records_it_left_out_with_why() {
    let sandbox = Sandbox::new();
    let record = |id: &str, edit: &dyn Fn(&mut serde_json::Value)| {
        let text = fs::read_to_string(fixture("nvd/CVE-2021-33044.json")).unwrap();
        let mut cve: serde_json::Value = serde_json::from_str(&text).unwrap();
        cve["id"] = id.into();
        edit(&mut cve);
        serde_json::json!({ "cve": cve })
    };
    let other_vendor = |cve: &mut serde_json::Value| {
        let text = cve["configurations"]
            .to_string()
            .replace("dahua", "acmecorp");
        cve["configurations"] = serde_json::from_str(&text).unwrap();
    };
    let mut records = vec![
        record("CVE-2099-0001", &|cve| {
            cve["vulnStatus"] = "Rejected".into()
        }),
        record("CVE-2099-0002", &|cve| {
            cve["configurations"] = serde_json::json!([])
        }),
        record("not-a-cve", &|_| {}),
        serde_json::json!({ "neither": true }),
    ];
    for n in 0..8 {
        records.push(record(&format!("CVE-2099-10{n:02}"), &other_vendor));
    }
    let feed = serde_json::json!({
        "format": "NVD_CVE",
        "version": "2.0",
        "vulnerabilities": records,
    });
    fs::write(sandbox.path("nvd.json"), feed.to_string()).unwrap();

    let acme = sandbox.init("acme").create();
    let out = acme.run(&["cve", "import", "nvd.json"]).success();
    says(
        &out.stdout,
        &[
            "  1 left out: neither an NVD record nor a KEV entry — record 4\n",
            "  1 left out: record without a valid CVE id — not-a-cve (record 3)\n",
            "  1 left out: no CPE configuration yet (NVD has not analysed it), vendor unknown — CVE-2099-0002 (record 2)\n",
            "  8 left out: vendor not covered by the pack — CVE-2099-1000 (record 5), CVE-2099-1001 (record 6), CVE-2099-1002 (record 7), CVE-2099-1003 (record 8), CVE-2099-1004 (record 9) and 3 more\n",
            "left out: nvd.json: record 1 (CVE-2099-0001): rejected by NVD, left out\n",
        ],
    );

    let bureau = sandbox.init("bureau").lang("fr").create();
    let out = bureau.run(&["cve", "import", "nvd.json"]).success();
    says(
        &out.stdout,
        &[
            "  1 écartée(s)\u{a0}: enregistrement sans identifiant CVE valide — not-a-cve (enregistrement 3)\n",
            "  8 écartée(s)\u{a0}: constructeur absent du catalogue — CVE-2099-1000 (enregistrement 5), CVE-2099-1001 (enregistrement 6), CVE-2099-1002 (enregistrement 7), CVE-2099-1003 (enregistrement 8), CVE-2099-1004 (enregistrement 9) et 3 autre(s)\n",
        ],
    );
}

#[test]
fn cve_import_of_a_record_of_the_wrong_kind_says_so_without_rust_types() {
    let sandbox = Sandbox::new();
    fs::write(
        sandbox.path("odd.json"),
        r#"{"vulnerabilities": [{"cve": 3}]}"#,
    )
    .unwrap();
    let acme = sandbox.init("acme").lang("fr").create();
    let stderr = acme.refused(
        &["cve", "import", "odd.json"],
        "erreur\u{a0}: 1 problème\u{a0}:\n",
    );
    says(
        &stderr,
        &[
            "odd.json:1:31: une valeur d'une nature qu'aucun enregistrement NVD ni entrée KEV n'a à cet endroit",
        ],
    );
    no_parser_words(&stderr);
    assert!(!stderr.contains("NvdCve"), "{stderr}");
}

/// A valid answer of ACC-01, as `answer ACC-01 --level 2 --note hello` writes it.
const ANSWER: &str = "control: ACC-01\nlevel: 2\nobservations: hello\nevidence: []\nassessed_by: Jeanne Martin <jm@example.org>\nassessed_at: \"2026-02-03T10:00:00Z\"\n";

#[test]
fn malformed_records_are_said_in_words_at_their_place_in_english_and_french() {
    let sandbox = Sandbox::new();
    // Each: the answer's text, its place, then what English and French say.
    let deep = format!("evidence: {}{}", "[".repeat(300), "]".repeat(300));
    let cases: Vec<(String, &str, &str, &str)> = vec![
        (
            ANSWER.replace("evidence: []", "evidence:\n\t- path: x"),
            ":5:2",
            "a tab character where YAML allows only spaces",
            "une tabulation là où YAML n'admet que des espaces",
        ),
        (
            ANSWER.replace("evidence: []", "evidence: [{path: a, sha256: b"),
            ":4:12",
            "a quote or a bracket opened here is not closed",
            "un guillemet ou un crochet ouvert ici n'est pas refermé",
        ),
        (
            ANSWER.replace("evidence: []", "evidence: [}"),
            ":4:11",
            "the brackets do not pair up here",
            "les crochets ne vont pas par paires ici",
        ),
        (
            format!("{ANSWER}level: 3\n"),
            ":7:1",
            "the key `level` is given twice here",
            "la clé `level` est donnée deux fois à cet endroit",
        ),
        (
            "control: ACC-01\nevidence:\n  - path: a\n    sha256: b\n - path: c\n".to_owned(),
            ":5:2",
            "this line is not indented as YAML expects",
            "cette ligne n'est pas indentée comme YAML l'attend",
        ),
        (
            ANSWER.replace("observations: hello", "observations: note: hello"),
            ":3:19",
            "a `: ` that YAML reads as a new key here",
            "un `: ` que YAML lit ici comme une nouvelle clé",
        ),
        (
            ANSWER.replace("observations: hello", "observations: *nothing"),
            ":3:15",
            "a value starting with `*` or `&` is read by YAML as an alias",
            "une valeur qui commence par `*` ou `&` est lue par YAML comme un alias",
        ),
        (
            ANSWER.replace("observations: hello\n", "observations: hello\n---\n"),
            ":4:1",
            "a `---` or `...` line here ends the document",
            "une ligne `---` ou `...` termine ici le document",
        ),
        (
            ANSWER.replace("evidence: []", &deep),
            ":4:",
            "the document is nested too deeply",
            "le document est trop imbriqué",
        ),
        (
            "control: ACC-01\nobservations: |x\n  text\nlevel: 2\n".to_owned(),
            ":2:15",
            "after `|` or `>`, YAML allows only",
            "après `|` ou `>`, YAML n'admet que",
        ),
        (
            ANSWER.replace("observations: hello", "observations: \"a\\qb\""),
            ":3:15",
            "starts an escape YAML does not know",
            "commence un échappement que YAML ne connaît pas",
        ),
        (
            ANSWER.replace("observations: hello", "observations: \"hello\"#c"),
            ":3:22",
            "a `#` right after a value",
            "un `#` collé à une valeur",
        ),
        (
            "# nothing\n".to_owned(),
            "ACC-01.yaml:",
            "the file is empty",
            "le fichier est vide",
        ),
        (
            "- a\n- b\n".to_owned(),
            ":1:1",
            "the file is not a set of `key: value` lines",
            "le fichier n'est pas fait de lignes `clé: valeur`",
        ),
        (
            format!("{ANSWER}colour: red\n"),
            ":7:1",
            "unknown key `colour` here; the keys here are `control`, `level`",
            "clé inconnue `colour` à cet endroit\u{a0}; les clés possibles ici sont `control`, `level`",
        ),
        (
            "control: ACC-01\nlevel: 2\n".to_owned(),
            ":2:1",
            "the key `assessed_by` is missing",
            "la clé `assessed_by` manque",
        ),
        // Values of the wrong kind, in the grid's words.
        (
            ANSWER.replace("observations: hello", "observations: [a, b]"),
            ":3:15",
            "`observations` is a list, where a text is expected",
            "`observations` est une liste, alors qu'il faut un texte",
        ),
        (
            ANSWER.replace("level: 2", "level: \"high\""),
            ":2:8",
            "`high` is not a level",
            "`high` n'est pas un niveau",
        ),
        (
            ANSWER.replace("evidence: []", "evidence: \"x\""),
            ":4:11",
            "`evidence` is the text `x`, where a list is expected",
            "`evidence` est le texte `x`, alors qu'il faut une liste",
        ),
        (
            ANSWER.replace("evidence: []", "evidence: {a: 1}"),
            ":4:11",
            "`evidence` is a set of keys (`key: value`), where a list is expected",
            "`evidence` est un ensemble de clés (`clé: valeur`), alors qu'il faut une liste",
        ),
        (
            ANSWER.replace("evidence: []", "evidence: [x]"),
            ":4:12",
            "an item of `evidence` is the text `x`, where an entry with keys of its own",
            "un élément de `evidence` est le texte `x`, alors qu'il faut une entrée avec ses propres clés",
        ),
        (
            ANSWER.replace("level: 2", "level: [2]"),
            ":2:1",
            "`level` is a list, where a level of the scale (a whole number) or `na` is expected",
            "`level` est une liste, alors qu'il faut un niveau de l'échelle (un nombre entier) ou `na`",
        ),
    ];
    for (lang, dir) in [("en", "en"), ("fr", "fr")] {
        let engagement = sandbox.init(dir).lang(lang).create();
        engagement
            .run(&["answer", "ACC-01", "--level", "2", "--note", "hello"])
            .success();
        for (text, at, english, french) in &cases {
            sandbox.write(&format!("{dir}/answers/ACC-01.yaml"), text);
            let said = if lang == "en" { english } else { french };
            for args in [&["status"][..], &["answer", "ACC-02", "--level", "1"]] {
                let stderr = engagement.refused(args, said);
                says(&stderr, &["answers/ACC-01.yaml", at]);
                no_parser_words(&stderr);
            }
        }
    }
}

#[test]
fn malformed_findings_meta_and_grids_are_said_in_the_engagements_language() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.run(&[
        "finding",
        "add",
        "--title",
        "Mots de passe",
        "--control",
        "ACC-01",
        "--severity",
        "high",
        "--justification",
        "x",
    ])
    .success();
    let file = fs::read_dir(sandbox.path("acme/findings"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    let finding = sandbox.read(&format!("acme/findings/{file}"));
    for (from, to, said) in [
        (
            "controls:\n- ACC-01",
            "controls: {a: 1}",
            "`controls` est un ensemble de clés (`clé: valeur`), alors qu'il faut une liste",
        ),
        (
            "status: open",
            "status: huge",
            "`huge` n'est pas une des valeurs que prend cette clé\u{a0}: `open`, `resolved`, `accepted`",
        ),
        (
            "title: Mots de passe",
            "title: [a, b]",
            "`title` est une liste, alors qu'il faut un texte",
        ),
    ] {
        assert!(finding.contains(from), "{from:?} in {finding}");
        sandbox.write(
            &format!("acme/findings/{file}"),
            &finding.replacen(from, to, 1),
        );
        let stderr = acme.refused(&["status"], said);
        says(&stderr, &[&format!("findings/{file}:")]);
        no_parser_words(&stderr);
    }
    sandbox.write(&format!("acme/findings/{file}"), &finding);
    // engagement.yaml broken: its language is still read from its line.
    let meta = sandbox.read("acme/engagement.yaml");
    sandbox.write(
        "acme/engagement.yaml",
        &meta.replacen("client: ACME Logistique", "client: \"ACME", 1),
    );
    let stderr = acme.refused(&["status"], "un texte entre guillemets se termine ici");
    says(&stderr, &["engagement.yaml:", "erreur\u{a0}:"]);
    sandbox.write("acme/engagement.yaml", &meta);
    // A grid given with --grid, in the reader's language.
    for (grid, said) in [
        (
            mini_grid_with("weight: 2", "weight: 2\n\tcritical: true"),
            "une tabulation là où YAML n'admet que des espaces",
        ),
        (
            mini_grid_with("weight: 2", "weight: 2\n    references: [a"),
            "les crochets ne vont pas par paires ici",
        ),
        (
            format!("{}\n---\nid: x\n", mini_grid_with("weight: 2", "weight: 2")),
            "une ligne `---` ou `...` termine ici le document",
        ),
    ] {
        sandbox.write("bad-grid.yaml", &grid);
        let out = sandbox
            .run(&["--lang", "fr", "grid", "check", "bad-grid.yaml"])
            .failure(2);
        says(&out.stderr, &["bad-grid.yaml:", said]);
        no_parser_words(&out.stderr);
    }
}
