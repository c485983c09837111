//! The real binary against real engagements in temporary folders: files, permissions,
//! commits (checked with the `git` command line too), JSON status, and bad inputs that
//! must leave everything unchanged.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use crate::common::{self, JEANNE, Sandbox, fixture, installed, sha256_hex};

#[test]
fn init_creates_a_git_repository_with_the_engagement_and_the_pinned_grid() {
    let sandbox = Sandbox::new();
    sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    let root = sandbox.path("acme");

    let meta = fs::read_to_string(root.join("engagement.yaml")).unwrap();
    assert!(meta.contains("client: ACME Logistique"), "{meta}");
    assert!(meta.contains("site: Gennevilliers"), "{meta}");
    assert!(meta.contains("language: fr"), "{meta}");
    assert!(meta.contains("- Jeanne Martin <jm@example.org>"), "{meta}");

    let pinned = fs::read_to_string(root.join("grid.yaml")).unwrap();
    let exported = sandbox.run(&["grid", "export"]).success().stdout;
    assert_eq!(
        pinned, exported,
        "the pinned grid is the built-in one, verbatim"
    );

    let log = sandbox.git("acme", &["log", "--format=%an <%ae>|%s"]);
    assert_eq!(
        log.trim(),
        "Jeanne Martin <jm@example.org>|Start engagement: ACME Logistique (grid vms 1.1.0)"
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn every_file_and_folder_is_private_whatever_the_umask() {
    let sandbox = Sandbox::new().with_umask("000");
    sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    fs::write(sandbox.path("users.png"), b"\x89PNG fake").unwrap();
    sandbox
        .run(&[
            "-C",
            "acme",
            "answer",
            "ACC-01",
            "--level",
            "2",
            "--note",
            "x",
            "--evidence",
            "users.png",
        ])
        .success();
    let mut checked = 0;
    for path in common::walk(&sandbox.path("acme")) {
        let mode = fs::symlink_metadata(&path).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o077,
            0,
            "{} is mode {:o}",
            path.display(),
            mode & 0o777
        );
        checked += 1;
    }
    assert!(
        checked > 20,
        "walked the repository including .git ({checked} entries)"
    );
    let answer = fs::metadata(sandbox.path("acme/answers/ACC-01.yaml")).unwrap();
    assert_eq!(answer.permissions().mode() & 0o777, 0o600);
    let folder = fs::metadata(sandbox.path("acme/evidence/ACC-01")).unwrap();
    assert_eq!(folder.permissions().mode() & 0o777, 0o700);
}

#[test]
fn answer_writes_one_file_per_control_and_commits_it_as_the_auditor() {
    let sandbox = Sandbox::new();
    sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    let picture = b"\x89PNG users page of NVR-01";
    fs::write(sandbox.path("users.png"), picture).unwrap();
    let out = sandbox
        .run(&[
            "-C",
            "acme",
            "answer",
            "ACC-01",
            "--level",
            "2",
            "--note",
            "Default admin account renamed on the NVR, not on 3 cameras",
            "--evidence",
            "users.png",
            "--evidence-note",
            "NVR users page",
        ])
        .success();
    assert!(
        out.stdout
            .starts_with("enregistré ACC-01: level 2, evidence users.png added ["),
        "{}",
        out.stdout
    );

    let record = fs::read_to_string(sandbox.path("acme/answers/ACC-01.yaml")).unwrap();
    let expected_sha = sha256_hex(picture);
    assert!(record.contains("control: ACC-01\nlevel: 2\n"), "{record}");
    assert!(
        record.contains("observations: Default admin account renamed on the NVR, not on 3 cameras"),
        "{record}"
    );
    assert!(
        record.contains("- path: evidence/ACC-01/users.png"),
        "{record}"
    );
    assert!(
        record.contains(&format!("sha256: {expected_sha}")),
        "{record}"
    );
    assert!(record.contains("note: NVR users page"), "{record}");
    assert!(
        record.contains("assessed_by: Jeanne Martin <jm@example.org>"),
        "{record}"
    );
    assert!(
        record.contains("assessed_at: \"2026-02-03T10:00:00Z\""),
        "{record}"
    );
    assert_eq!(
        fs::read(sandbox.path("acme/evidence/ACC-01/users.png")).unwrap(),
        picture
    );

    sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--level", "3"])
        .success();
    sandbox
        .run(&[
            "-C",
            "acme",
            "answer",
            "UPD-01",
            "--level",
            "na",
            "--note",
            "No camera firmware in scope",
        ])
        .success();

    let log = sandbox.git("acme", &["log", "--format=%an|%s"]);
    let subjects: Vec<&str> = log.lines().collect();
    assert_eq!(
        subjects,
        [
            "Jeanne Martin|UPD-01: level na",
            "Jeanne Martin|ACC-01: level 3 (was 2)",
            "Jeanne Martin|ACC-01: level 2, evidence users.png added",
            "Jeanne Martin|Start engagement: ACME Logistique (grid vms 1.1.0)",
        ]
    );
    let files = sandbox.git("acme", &["show", "--name-only", "--format=", "HEAD~2"]);
    assert_eq!(
        files.trim(),
        "answers/ACC-01.yaml\nevidence/ACC-01/users.png"
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    sandbox.git("acme", &["fsck", "--strict"]);

    let record = fs::read_to_string(sandbox.path("acme/answers/ACC-01.yaml")).unwrap();
    assert!(record.contains("level: 3\n"), "{record}");
    assert!(
        record.contains("renamed on the NVR"),
        "observations kept when only the level changes: {record}"
    );
    assert!(record.contains(&expected_sha), "evidence kept: {record}");
}

#[test]
fn answering_the_same_thing_twice_commits_nothing() {
    let sandbox = Sandbox::new();
    sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    sandbox
        .run(&[
            "-C", "acme", "answer", "ACC-01", "--level", "2", "--note", "same",
        ])
        .success();
    let head = sandbox.git("acme", &["rev-parse", "HEAD"]);
    let out = sandbox
        .run(&[
            "-C", "acme", "answer", "ACC-01", "--level", "2", "--note", "same",
        ])
        .success();
    // Said in the engagement's language, as what a change that writes says.
    assert_eq!(out.stdout.trim(), "ACC-01\u{a0}: rien à modifier");
    assert_eq!(sandbox.git("acme", &["rev-parse", "HEAD"]), head);
}

#[test]
fn evidence_of_the_same_name_never_overwrites_another() {
    let sandbox = Sandbox::new();
    sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    fs::create_dir(sandbox.path("day2")).unwrap();
    fs::write(sandbox.path("scan.txt"), "first scan").unwrap();
    fs::write(sandbox.path("day2/scan.txt"), "second scan").unwrap();
    sandbox
        .run(&[
            "-C",
            "acme",
            "answer",
            "NET-01",
            "--level",
            "1",
            "--evidence",
            "scan.txt",
        ])
        .success();
    sandbox
        .run(&[
            "-C",
            "acme",
            "answer",
            "NET-01",
            "--evidence",
            "day2/scan.txt",
        ])
        .success();
    assert_eq!(
        fs::read_to_string(sandbox.path("acme/evidence/NET-01/scan.txt")).unwrap(),
        "first scan"
    );
    assert_eq!(
        fs::read_to_string(sandbox.path("acme/evidence/NET-01/scan-2.txt")).unwrap(),
        "second scan"
    );
    let record = fs::read_to_string(sandbox.path("acme/answers/NET-01.yaml")).unwrap();
    assert!(
        record.contains("evidence/NET-01/scan.txt")
            && record.contains("evidence/NET-01/scan-2.txt"),
        "{record}"
    );
}

#[test]
fn status_shows_progress_and_scores_per_domain() {
    let sandbox = Sandbox::new();
    sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    for (control, level) in [("ACC-01", "2"), ("ACC-02", "3"), ("NET-01", "0")] {
        sandbox
            .run(&["-C", "acme", "answer", control, "--level", level])
            .success();
    }
    sandbox
        .run(&[
            "-C",
            "acme",
            "answer",
            "NET-02",
            "--level",
            "na",
            "--note",
            "single flat site network",
        ])
        .success();

    let json: serde_json::Value = serde_json::from_str(
        &sandbox
            .run(&["-C", "acme", "status", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(json["answered"], 4);
    let grid = vmsaudit::grid::builtin::grid().unwrap();
    assert_eq!(json["total"], grid.control_count());
    let domains = json["domains"].as_array().unwrap();
    let ids: Vec<&str> = domains.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["ACC", "UPD", "NET", "ENC", "LOG", "REM"]);
    let acc = &domains[0];
    assert_eq!(acc["title"], "Gestion des accès et authentification");
    assert_eq!(acc["answered"], 2);
    assert_eq!(acc["total"], grid.domains[0].controls.len());
    let acc_weights: Vec<u32> = grid.domains[0].controls[..2]
        .iter()
        .map(|c| c.weight)
        .collect();
    let expected = (2.0 * f64::from(acc_weights[0]) + 3.0 * f64::from(acc_weights[1]))
        / f64::from(acc_weights[0] + acc_weights[1]);
    assert_eq!(
        acc["score"].as_f64().unwrap(),
        (expected * 10.0).round() / 10.0
    );
    assert_eq!(
        domains[1]["score"],
        serde_json::Value::Null,
        "nothing assessed is no score, not zero"
    );
    assert_eq!(domains[2]["answered"], 2);
    assert_eq!(domains[2]["not_applicable"], 1);
    assert_eq!(
        domains[2]["score"], 0.0,
        "NET-02 is not applicable, so only NET-01 counts"
    );

    let table = sandbox.run(&["-C", "acme", "status"]).success().stdout;
    assert!(table.contains("ACME Logistique — Gennevilliers"), "{table}");
    let net = table.lines().find(|line| line.starts_with("NET")).unwrap();
    assert!(
        net.contains("2/") && net.contains("0,0") && net.contains("Inexistant"),
        "{net}"
    );
    let upd = table.lines().find(|line| line.starts_with("UPD")).unwrap();
    assert!(upd.contains("non évalué"), "{upd}");
    assert!(
        table.contains("Domaine") && table.contains("Renseignés"),
        "{table}"
    );
    assert!(
        !table.contains("not assessed") && !table.contains("Answered"),
        "{table}"
    );

    // One way of counting a not-applicable control: answered, in status as in the report.
    sandbox
        .run(&["-C", "acme", "report", "-o", "report.md"])
        .success();
    let report = sandbox.read("report.md");
    assert!(
        report.contains("Points renseignés\u{a0}: 2 / 10 (dont non applicable\u{a0}: 1)"),
        "{report}"
    );
}

#[test]
fn a_critical_finding_without_an_action_is_named_by_status_and_the_report() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let id = acme
        .run(&[
            "finding",
            "add",
            "--title",
            "Injection de commande",
            "--domain",
            "UPD",
            "--cvss",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        ])
        .created();
    let status = acme.run(&["status"]).success().stdout;
    assert!(
        status.contains(&format!(
            "attention\u{a0}: la vulnérabilité critique {id} «\u{a0}Injection de commande\u{a0}» n'a aucune action au plan"
        )),
        "{status}"
    );
    acme.run(&["report", "-o", "before.md"]).success();
    let report = sandbox.read("before.md");
    assert!(
        report.contains("ces vulnérabilités critiques n'ont encore aucune action au plan"),
        "{report}"
    );
    assert!(
        report.contains(&format!("- **{id}** — Injection de commande")),
        "{report}"
    );

    acme.run(&[
        "action",
        "add",
        "--title",
        "Mettre à jour",
        "--addresses",
        &id,
        "--complexity",
        "low",
        "--owner",
        "client",
    ])
    .success();
    let status = acme.run(&["status"]).success().stdout;
    assert!(!status.contains("attention"), "{status}");
    acme.run(&["report", "-o", "after.md"]).success();
    let report = sandbox.read("after.md");
    assert!(!report.contains("aucune action au plan"), "{report}");
}

#[test]
fn the_engagement_is_found_from_a_subfolder_like_git_does() {
    let sandbox = Sandbox::new();
    sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--level", "1"])
        .success();
    let out = sandbox
        .run(&["-C", "acme/answers", "status", "--json"])
        .success();
    assert!(out.stdout.contains("\"answered\": 1"), "{}", out.stdout);
}

#[test]
fn bad_answers_are_refused_and_change_nothing() {
    let sandbox = Sandbox::new();
    let acme = sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    sandbox
        .run(&[
            "-C", "acme", "answer", "ACC-01", "--level", "2", "--note", "kept",
        ])
        .success();
    fs::write(sandbox.path("users.png"), "x").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", sandbox.path("link.png")).unwrap();

    acme.refused(
        &["answer", "ACC-1", "--level", "2"],
        "contrôle `ACC-1` inconnu",
    );
    acme.refused(
        &[
            "answer",
            "XYZ-99",
            "--level",
            "2",
            "--evidence",
            "users.png",
        ],
        "contrôle `XYZ-99` inconnu",
    );
    acme.refused(
        &["answer", "ACC-02", "--level", "7"],
        "7 est hors de l'échelle de la grille (0–4)",
    );
    acme.refused_by_clap(
        &["answer", "ACC-02", "--level", "high"],
        "`high` n'est pas un niveau\u{a0}: donnez un nombre de l'échelle (0–4) ou `na`",
    );
    acme.refused(
        &["answer", "ACC-02", "--level", "na"],
        "«\u{a0}non applicable\u{a0}» doit être justifié",
    );
    acme.refused(
        &["answer", "ACC-02", "--note", "no level"],
        "il lui faut donc un niveau",
    );
    acme.refused(
        &[
            "answer",
            "ACC-01",
            "--level",
            "3",
            "--evidence",
            "missing.png",
        ],
        "missing.png",
    );
    acme.refused(
        &["answer", "ACC-01", "--level", "3", "--evidence", "link.png"],
        "est un lien symbolique",
    );
    acme.refused(
        &[
            "answer",
            "ACC-01",
            "--level",
            "3",
            "--evidence",
            "acme/.git/config",
        ],
        "est dans le dossier .git de l'audit",
    );
    acme.refused(
        &["answer", "ACC-01", "--level", "3", "--evidence", "."],
        "n'est pas un fichier ordinaire",
    );
    acme.refused_by_clap(&["answer"], "<CONTRÔLE>");
}

#[test]
fn a_folder_that_is_not_an_engagement_is_named() {
    let sandbox = Sandbox::new();
    fs::create_dir(sandbox.path("empty")).unwrap();
    let out = sandbox.run(&["-C", "empty", "status"]).failure(2);
    assert!(
        out.stderr
            .contains("is not an engagement (no engagement.yaml here or above)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("vmsaudit init"), "{}", out.stderr);
    let out = sandbox
        .run(&["-C", "nowhere", "answer", "ACC-01", "--level", "1"])
        .failure(2);
    assert!(out.stderr.contains("is not a folder"), "{}", out.stderr);
}

#[test]
fn a_malformed_engagement_file_is_named_with_its_line() {
    let sandbox = Sandbox::new();
    let acme = sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    let path = sandbox.path("acme/engagement.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("language: fr", "language: de")).unwrap();
    acme.refused(&["status"], "engagement.yaml:");
    acme.refused(&["answer", "ACC-01", "--level", "1"], "engagement.yaml:");
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    let line = text
        .lines()
        .position(|line| line.starts_with("language:"))
        .unwrap()
        + 1;
    assert!(
        out.stderr.contains(&format!("engagement.yaml:{line}:")),
        "{}",
        out.stderr
    );

    fs::write(&path, text.replace("client:", "clinet:")).unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    assert!(out.stderr.contains("engagement.yaml:2:1"), "{}", out.stderr);
    assert!(out.stderr.contains("clinet"), "{}", out.stderr);

    fs::remove_file(&path).unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    assert!(
        out.stderr.contains("is not an engagement"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_corrupt_answer_file_is_named_with_its_line_and_blocks_nothing_else_silently() {
    let sandbox = Sandbox::new();
    let acme = sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--level", "2"])
        .success();
    let path = sandbox.path("acme/answers/ACC-01.yaml");
    let good = fs::read_to_string(&path).unwrap();

    // A level off the scale is said at its line, not a wall: the answer that mends it runs.
    fs::write(&path, good.replace("level: 2", "level: 9")).unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).success();
    assert!(
        out.stderr.contains(
            "answers/ACC-01.yaml:2:8: `level`\u{a0}: 9 est hors de l'échelle de la grille (0–4)"
        ),
        "{}",
        out.stderr
    );
    acme.refused(
        &["answer", "ACC-01", "--note", "Revu."],
        "9 est hors de l'échelle de la grille (0–4)",
    );
    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    let out = sandbox.run(&["-C", "acme", "status"]).success();
    assert!(!out.stderr.contains("hors de l'échelle"), "{}", out.stderr);

    fs::write(&path, good.replace("control: ACC-01", "control: ACC-02")).unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    assert!(
        out.stderr
            .contains("answers/ACC-01.yaml:1:10: `control`\u{a0}: `control: ACC-02` ne correspond pas au nom du fichier"),
        "{}",
        out.stderr
    );

    fs::write(&path, "control: ACC-01\nlevel: [2\n").unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    assert!(
        out.stderr.contains("answers/ACC-01.yaml:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("git checkout -- answers/ACC-01.yaml"),
        "{}",
        out.stderr
    );

    fs::write(
        &path,
        b"control: ACC-01\nlevel: 2\nobservations: \xff\xfe\n",
    )
    .unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    assert!(
        out.stderr
            .contains("answers/ACC-01.yaml:3: le fichier n'est pas de l'UTF-8 valide"),
        "{}",
        out.stderr
    );
}

#[test]
fn init_refuses_a_folder_in_use_and_bad_options() {
    let sandbox = Sandbox::new();
    fs::create_dir(sandbox.path("busy")).unwrap();
    fs::write(sandbox.path("busy/notes.txt"), "mine").unwrap();
    let out = sandbox
        .run(&["init", "busy", "--client", "X", "--auditor", JEANNE])
        .failure(2);
    assert!(
        out.stderr.contains("already exists and is not empty"),
        "{}",
        out.stderr
    );
    assert_eq!(
        common::walk(&sandbox.path("busy")).len(),
        1,
        "nothing added"
    );

    let out = sandbox
        .run(&[
            "init",
            "x",
            "--client",
            "X",
            "--lang",
            "de",
            "--auditor",
            JEANNE,
        ])
        .failure(2);
    assert!(
        out.stderr.contains("unknown language `de`"),
        "{}",
        out.stderr
    );
    let out = sandbox
        .run(&[
            "init",
            "x",
            "--client",
            "X",
            "--auditor",
            "Jeanne <not an email>",
        ])
        .failure(2);
    assert!(
        out.stderr.contains("is not an email address"),
        "{}",
        out.stderr
    );
    let out = sandbox
        .run(&["init", "x", "--client", "  ", "--auditor", JEANNE])
        .failure(2);
    assert!(
        out.stderr.contains("client's name is empty"),
        "{}",
        out.stderr
    );
    let out = sandbox
        .run(&[
            "init",
            "x",
            "--client",
            "X",
            "--auditor",
            JEANNE,
            "--grid",
            "nope.yaml",
        ])
        .failure(2);
    assert!(
        out.stderr.contains("nope.yaml: no such file"),
        "{}",
        out.stderr
    );
    assert!(
        !sandbox.path("x").exists(),
        "a refused init leaves no folder behind"
    );
}

#[test]
fn init_with_a_custom_grid_pins_it() {
    let sandbox = Sandbox::new();
    let grid = fixture("mini-grid.yaml");
    sandbox
        .run(&[
            "init",
            "mini",
            "--client",
            "X",
            "--auditor",
            JEANNE,
            "--grid",
            &grid,
            "--lang",
            "en",
        ])
        .success();
    assert_eq!(
        fs::read_to_string(sandbox.path("mini/grid.yaml")).unwrap(),
        fs::read_to_string(&grid).unwrap()
    );
    let json: serde_json::Value = serde_json::from_str(
        &sandbox
            .run(&["-C", "mini", "status", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(json["total"], 4);
    assert_eq!(json["domains"][1]["title"], "Network");
}

#[test]
fn grid_check_warns_about_french_typography_and_still_accepts_the_grid() {
    let sandbox = Sandbox::new();
    let exported = sandbox.run(&["grid", "export"]).success().stdout;
    fs::write(sandbox.path("vms.yaml"), &exported).unwrap();
    let out = sandbox.run(&["grid", "check", "vms.yaml"]).success();
    assert_eq!(out.stderr, "", "the built-in grid passes with no warning");

    // The typography every French text had before: plain spaces before `?` and `;`, and
    // inside guillemets.
    let careless = exported.replace('\u{a0}', " ");
    // The warning is placed where the question's French text (a folded scalar) starts.
    let fr_line = careless
        .lines()
        .position(|l| l.contains("Une politique de mots de passe (longueur minimale"))
        .unwrap();
    fs::write(sandbox.path("careless.yaml"), &careless).unwrap();
    let out = sandbox.run(&["grid", "check", "careless.yaml"]).success();
    assert!(
        out.stdout.contains("typography warning(s) above"),
        "{}",
        out.stdout
    );
    let question = out
        .stderr
        .lines()
        .find(|l| l.contains("control ACC-01, `question`"))
        .unwrap();
    assert!(
        question.starts_with(&format!("warning: careless.yaml:{}:13: ", fr_line + 1)),
        "{question}"
    );
    assert!(
        question.contains("\"…omptes d'administration ?\"")
            && question.ends_with("before : ; ? ! and inside « »"),
        "{question}"
    );
    assert!(
        out.stderr.lines().any(|l| l.contains("« basiques »")),
        "guillemets are checked too:\n{}",
        out.stderr
    );
}

#[test]
fn grid_check_reports_every_problem_with_file_line_and_column() {
    let sandbox = Sandbox::new();
    let exported = sandbox.run(&["grid", "export"]).success().stdout;
    fs::write(sandbox.path("vms.yaml"), &exported).unwrap();
    let out = sandbox.run(&["grid", "check", "vms.yaml"]).success();
    assert!(
        out.stdout
            .starts_with("vms.yaml: ok — grid vms 1.1.0, 6 domains,"),
        "{}",
        out.stdout
    );

    let broken = exported
        .replacen(
            "    controls:\n",
            "    controls:\n      - id: ACC-01\n        title: Dup\n        question: Dup\n",
            1,
        )
        .replacen("references:", "refrences:", 1);
    fs::write(sandbox.path("broken.yaml"), broken).unwrap();
    let out = sandbox.run(&["grid", "check", "broken.yaml"]).failure(2);
    let problems: Vec<&str> = out.stderr.lines().skip(1).collect();
    assert!(
        out.stderr.starts_with("error: 2 problems:"),
        "{}",
        out.stderr
    );
    assert!(
        problems.iter().all(|line| line.starts_with("broken.yaml:")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|line| line
            .contains("unknown key `refrences` in a control — did you mean `references`?")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|line| line.contains("duplicate id `ACC-01`")),
        "{problems:?}"
    );

    let out = sandbox.run(&["grid", "check", "missing.yaml"]).failure(2);
    assert!(
        out.stderr.contains("missing.yaml: no such file"),
        "{}",
        out.stderr
    );
}

#[test]
fn grid_export_prints_the_built_in_grid() {
    let sandbox = Sandbox::new();
    let exported = sandbox.run(&["grid", "export"]).success().stdout;
    let source =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/grids/vms.yaml")).unwrap();
    assert_eq!(exported, source);
}

#[test]
fn demo_creates_a_sample_engagement_with_history_in_either_language() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["demo", "--lang", "fr", "exemple"]).success();
    assert!(
        out.stdout.contains("Logistique Exemple SA"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Gestion des accès et authentification"),
        "{}",
        out.stdout
    );
    let json: serde_json::Value = serde_json::from_str(
        &sandbox
            .run(&["-C", "exemple", "status", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    let answered = json["answered"].as_u64().unwrap();
    let total = json["total"].as_u64().unwrap();
    assert!(
        answered > total * 3 / 4 && answered < total,
        "{answered}/{total}: most answered, some left"
    );
    for domain in json["domains"].as_array().unwrap() {
        assert!(
            domain["score"].is_number(),
            "every domain has a score: {domain}"
        );
    }
    // Two rounds: the first (one commit per answer, the inventory, four findings, four
    // actions, closed with its report and tag), then the re-audit (started, every answer
    // again, a finding resolved and its action done).
    let commits = sandbox.git("exemple", &["rev-list", "--count", "HEAD"]);
    assert_eq!(
        commits.trim().parse::<u64>().unwrap(),
        1 + answered + 1 + 4 + 4 + 1 + 1 + answered + 2
    );
    let tags = sandbox.git("exemple", &["tag", "--list", "audit/*"]);
    assert_eq!(tags.lines().count(), 1, "the first round is closed: {tags}");
    let rounds = sandbox
        .run(&["-C", "exemple", "audit", "list"])
        .success()
        .stdout;
    // The demo is French: the rounds' table reads French, headers, dates and scores.
    assert!(
        rounds.starts_with("Campagne  Close le     Par "),
        "{rounds}"
    );
    assert!(rounds.contains("2025-08   5 août 2025  "), "{rounds}");
    assert!(rounds.contains("2026-02   en cours "), "{rounds}");
    assert!(
        rounds.contains("Prochain audit recommandé six mois après 2025-08\u{a0}: 5 février 2026"),
        "{rounds}"
    );
    // So does the difference with the first round.
    let diff = sandbox
        .run(&["-C", "exemple", "diff", "2025-08"])
        .success()
        .stdout;
    assert!(
        diff.starts_with("De 2025-08 (5 août 2025) à copie de travail ("),
        "{diff}"
    );
    for french in [
        "\nDomaine ",
        "\nGlobal ",
        "Évolution\n",
        "\nVulnérabilités et écarts\n",
    ] {
        assert!(diff.contains(french), "{french:?} in {diff}");
    }
    assert!(!diff.contains("Findings"), "{diff}");
    let findings = sandbox
        .run(&["-C", "exemple", "finding", "list", "--json"])
        .success()
        .stdout;
    assert!(findings.contains("CVE-2021-36260"), "{findings}");
    let other = Sandbox::new();
    other
        .run(&["demo", "--lang", "fr", "--no-open", "exemple"])
        .success();
    let ids = |s: &Sandbox| {
        s.run(&["-C", "exemple", "finding", "list"])
            .success()
            .stdout
    };
    assert_eq!(
        ids(&sandbox),
        ids(&other),
        "the demo is the same on every run, ids included"
    );
    sandbox.git("exemple", &["fsck", "--strict"]);
    assert_eq!(sandbox.git("exemple", &["status", "--porcelain"]), "");

    let out = sandbox.run(&["demo", "sample"]).success();
    assert!(
        out.stdout.contains("Example Logistics Ltd"),
        "{}",
        out.stdout
    );
    let again = sandbox.run(&["demo", "sample"]).success();
    assert!(
        again.stdout.contains("already exists"),
        "running the demo twice shows the existing one: {}",
        again.stdout
    );
}

#[test]
fn report_writes_the_draft_outside_the_history_in_every_format() {
    let sandbox = Sandbox::new();
    sandbox.run(&["demo", "--no-open", "demo"]).success();
    let head = sandbox.git("demo", &["rev-parse", "HEAD"]);
    let out = sandbox.run(&["-C", "demo", "report"]).success();
    let draft = sandbox.path("demo/reports/draft");
    for name in ["report.md", "radar.svg", "radar.png"] {
        let path = draft.join(name);
        assert!(
            out.stdout.contains(&path.display().to_string()),
            "{}",
            out.stdout
        );
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{name}");
    }
    let markdown = fs::read_to_string(draft.join("report.md")).unwrap();
    assert!(
        markdown.starts_with("---\nlang: en-GB\n---\n\n# Cybersecurity audit report"),
        "{}",
        &markdown[..200]
    );
    assert!(markdown.contains("![") && markdown.contains("(radar.png)"));
    assert!(
        markdown.contains("F-3DMHRN"),
        "the demo's finding ids are stable"
    );
    assert_eq!(
        sandbox.git("demo", &["status", "--porcelain"]),
        "",
        "a draft is not a change"
    );
    assert_eq!(sandbox.git("demo", &["rev-parse", "HEAD"]), head);

    sandbox
        .run(&["-C", "demo", "report", "--format", "html", "-o", "out/"])
        .success();
    let html = fs::read_to_string(sandbox.path("out/report.html")).unwrap();
    assert!(
        html.contains("<svg") && !html.contains("<script"),
        "chart inline, no script"
    );

    sandbox
        .run(&["-C", "demo", "report", "--lang", "fr", "-o", "rapport.md"])
        .success();
    let french = fs::read_to_string(sandbox.path("rapport.md")).unwrap();
    assert!(
        french.contains("## 04. Plan d'action"),
        "{}",
        &french[..300]
    );
    assert!(
        sandbox.path("radar.png").is_file(),
        "the chart beside the file"
    );

    let out = sandbox
        .run(&["-C", "demo", "report", "--lang", "de"])
        .failure(2);
    assert!(
        out.stderr.contains("unknown language `de`"),
        "{}",
        out.stderr
    );

    // A broken template override is named with its line, and nothing is written.
    fs::create_dir(sandbox.path("demo/templates")).unwrap();
    fs::write(
        sandbox.path("demo/templates/plan.md.tera"),
        "ok\n{{ no_such_variable }}\n",
    )
    .unwrap();
    fs::remove_dir_all(&draft).unwrap();
    sandbox
        .run(&["-C", "demo", "template", "accept", "plan.md.tera"])
        .success();
    let out = sandbox.run(&["-C", "demo", "report"]).failure(2);
    assert!(
        out.stderr.contains("templates/plan.md.tera:2:"),
        "{}",
        out.stderr
    );
    assert!(!draft.join("report.md").exists());
}

#[test]
fn the_report_converts_with_pandoc_as_documented() {
    if !installed("pandoc", "--version") {
        return;
    }
    let sandbox = Sandbox::new();
    sandbox.run(&["demo", "--no-open", "demo"]).success();
    sandbox.run(&["-C", "demo", "report"]).success();
    let status = std::process::Command::new("pandoc")
        .current_dir(sandbox.path(""))
        .args([
            "--resource-path=demo/reports/draft",
            "demo/reports/draft/report.md",
            "-o",
            "report.docx",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let docx = fs::read(sandbox.path("report.docx")).unwrap();
    assert!(docx.starts_with(b"PK"), "a DOCX is a zip");
    assert!(
        docx.windows(b"word/media/".len())
            .any(|w| w == b"word/media/"),
        "the chart is embedded"
    );
}

#[test]
fn a_critical_control_at_zero_caps_its_domain_in_status_report_and_tag() {
    let sandbox = Sandbox::new();
    sandbox.init("acme").lang("fr").create();
    // The case: every ACC control at 4 but default passwords (ACC-03, critical).
    for n in 1..=11 {
        let control = format!("ACC-{n:02}");
        let level = if n == 3 { "0" } else { "4" };
        sandbox
            .run(&["-C", "acme", "answer", &control, "--level", level])
            .success();
    }
    // An ordinary control at 0 only weighs in the mean.
    for (control, level) in [("NET-01", "0"), ("NET-02", "4")] {
        sandbox
            .run(&["-C", "acme", "answer", control, "--level", level])
            .success();
    }
    let table = sandbox.run(&["-C", "acme", "status"]).success().stdout;
    let acc = table.lines().find(|l| l.starts_with("ACC")).unwrap();
    assert!(
        acc.contains(" 1,0 ") && acc.contains("(plafonné\u{a0}: ACC-03 à 0\u{a0}; moyenne 3,4)"),
        "{table}"
    );
    let net = table.lines().find(|l| l.starts_with("NET")).unwrap();
    assert!(
        net.contains(" 2,0 ") && !net.contains("plafonné"),
        "{table}"
    );

    let json: serde_json::Value = serde_json::from_str(
        &sandbox
            .run(&["-C", "acme", "status", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    let acc = &json["domains"][0];
    assert_eq!(
        (acc["score"].as_f64(), acc["computed"].as_f64()),
        (Some(1.0), Some(1.0))
    );
    assert_eq!(acc["cap"]["mean"].as_f64(), Some(3.4));
    assert_eq!(acc["cap"]["controls"], serde_json::json!(["ACC-03"]));
    assert!(json["domains"][2].get("cap").is_none());

    sandbox
        .run(&["-C", "acme", "report", "-o", "r.md"])
        .success();
    let report = fs::read_to_string(sandbox.path("r.md")).unwrap();
    assert!(
        report.contains(
            "*Score plafonné à 1,0* (moyenne pondérée\u{a0}: 3,4) par un point de contrôle critique au niveau 0\u{a0}: ACC-03."
        ),
        "the domain's section says why"
    );
    assert!(
        report.contains("| 1,0 (plafonné, ACC-03) |"),
        "the score table marks it"
    );
    assert!(
        report.contains("plafonne le score de son domaine à 1,0")
            && report.contains("ACC-03, ACC-11, UPD-02, NET-05, REM-01, REM-05, REM-06"),
        "the methodology states the rule and the grid's critical controls"
    );

    // An override still wins, and the cap stays visible beside it.
    sandbox
        .run(&[
            "-C",
            "acme",
            "override",
            "ACC",
            "3",
            "--justification",
            "the factory account only exists on a camera in stock",
        ])
        .success();
    let table = sandbox.run(&["-C", "acme", "status"]).success().stdout;
    let acc = table.lines().find(|l| l.starts_with("ACC")).unwrap();
    assert!(
        acc.contains(" 3,0 ")
            && acc.contains(
                "(fixé par l'auditeur\u{a0}; calculé 1,0) (plafonné\u{a0}: ACC-03 à 0\u{a0}; moyenne 3,4)"
            ),
        "{table}"
    );

    // The round's tag keeps the cap with the scores.
    sandbox
        .run(&["-C", "acme", "audit", "close", "2026-02"])
        .success();
    let tag = sandbox.git(
        "acme",
        &["tag", "-l", "--format=%(contents)", "audit/2026-02"],
    );
    assert!(tag.contains("(capped: ACC-03 at 0; mean 3.4)"), "{tag}");
}

#[test]
fn a_domain_score_can_be_overridden_with_a_justification_and_both_are_shown() {
    let sandbox = Sandbox::new();
    let acme = sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    sandbox
        .run(&["-C", "acme", "answer", "NET-01", "--level", "0"])
        .success();
    let out = sandbox
        .run(&[
            "-C",
            "acme",
            "override",
            "net",
            "1.5",
            "--justification",
            "VLAN half deployed: two switches of three",
        ])
        .success();
    assert!(
        out.stdout
            .starts_with("enregistré NET: score set to 1.5 by the auditor (computed 0.0)"),
        "{}",
        out.stdout
    );
    let meta = fs::read_to_string(sandbox.path("acme/engagement.yaml")).unwrap();
    assert!(
        meta.contains("overrides:\n  NET:\n    score: 1.5\n"),
        "{meta}"
    );

    let json: serde_json::Value = serde_json::from_str(
        &sandbox
            .run(&["-C", "acme", "status", "--json"])
            .success()
            .stdout,
    )
    .unwrap();
    let net = &json["domains"][2];
    assert_eq!(
        (net["score"].as_f64(), net["computed"].as_f64()),
        (Some(1.5), Some(0.0))
    );
    assert_eq!(
        net["override_justification"],
        "VLAN half deployed: two switches of three"
    );
    let table = sandbox.run(&["-C", "acme", "status"]).success().stdout;
    assert!(
        table.contains("(fixé par l'auditeur\u{a0}; calculé 0,0)"),
        "{table}"
    );

    sandbox
        .run(&["-C", "acme", "report", "-o", "r.md"])
        .success();
    let report = fs::read_to_string(sandbox.path("r.md")).unwrap();
    assert!(
        report.contains("1,5 sur 4"),
        "the report shows the override"
    );
    let line = report
        .lines()
        .find(|l| l.contains("Score fixé par les auditeurs"))
        .unwrap();
    assert!(
        line.contains("score calculé")
            && line.contains("0,0")
            && line.contains("VLAN half deployed"),
        "and the computed score with why: {line}"
    );

    acme.refused(
        &["override", "NET", "4.5", "--justification", "x"],
        "4,5 est hors de l'échelle de la grille (0–4)",
    );
    acme.refused(
        &["override", "XYZ", "1", "--justification", "x"],
        "domaine `XYZ` inconnu",
    );
    acme.refused_by_clap(&["override", "NET", "1"], "--justification");
    acme.refused_by_clap(
        &["override", "NET", "1.25", "--justification", "x"],
        "`1.25` n'est pas un score\u{a0}: écrivez un nombre d'au plus une décimale",
    );
    acme.refused(
        &["override", "NET", "2", "--justification", "  "],
        "`--justification`\u{a0}: vide — dites pourquoi dans `--justification`",
    );

    let out = sandbox
        .run(&["-C", "acme", "override", "NET", "--clear"])
        .success();
    assert!(
        out.stdout
            .starts_with("enregistré NET: score override removed (computed 0.0)"),
        "{}",
        out.stdout
    );
    let log = sandbox.git("acme", &["log", "--format=%s", "-2"]);
    assert_eq!(
        log,
        "NET: score override removed (computed 0.0)\nNET: score set to 1.5 by the auditor (computed 0.0)\n"
    );

    // A hand-edited override that breaks the rules is named.
    let path = sandbox.path("acme/engagement.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}overrides:\n  NOPE:\n    score: 9\n    justification: ''\n    by: J <j@example.org>\n    at: 2026-01-01T00:00:00Z\n")).unwrap();
    let out = sandbox.run(&["-C", "acme", "status"]).failure(2);
    // The frame in the engagement's language, read from its file though the rest fails.
    assert!(
        out.stderr.contains("erreur\u{a0}: 3 problèmes\u{a0}:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("`overrides` cite `NOPE`, qui n'est pas un domaine de la grille"),
        "{}",
        out.stderr
    );
}

#[test]
fn shell_completions_and_the_manual_page_come_from_the_command_line_definition() {
    let sandbox = Sandbox::new();
    let script = sandbox.run(&["completions", "bash"]).success().stdout;
    fs::write(sandbox.path("vmsaudit.bash"), &script).unwrap();
    let loaded = std::process::Command::new("bash")
        .arg("-c")
        .arg("source ./vmsaudit.bash && complete -p vmsaudit")
        .current_dir(sandbox.path(""))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&loaded.stdout).contains("-F _vmsaudit vmsaudit"),
        "{loaded:?}"
    );
    for subcommand in ["answer", "finding", "report", "override"] {
        assert!(script.contains(subcommand), "completes `{subcommand}`");
    }
    let zsh = sandbox.run(&["completions", "zsh"]).success().stdout;
    assert!(zsh.starts_with("#compdef vmsaudit"), "{}", &zsh[..40]);

    let page = sandbox.run(&["man"]).success().stdout;
    assert!(page.contains(".TH vmsaudit 1"), "{}", &page[..200]);
    assert!(page.contains("report") && page.contains("status"));
    let out = sandbox.run(&["completions", "tcsh"]).failure(2);
    assert!(
        out.stderr.contains("invalid value 'tcsh'"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_next_command_finishes_what_a_killed_one_left() {
    let sandbox = Sandbox::new();
    sandbox
        .init("acme")
        .site("Gennevilliers")
        .lang("fr")
        .create();
    sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--level", "1"])
        .success();
    // What a SIGKILL in the middle of a change leaves: git's lock files, a record written but
    // not committed, a temporary file of the atomic write.
    fs::write(sandbox.path("acme/.git/index.lock"), "").unwrap();
    fs::write(sandbox.path("acme/.git/refs/heads/main.lock"), "").unwrap();
    let record = sandbox.path("acme/answers/ACC-01.yaml");
    let text = fs::read_to_string(&record)
        .unwrap()
        .replace("level: 1", "level: 3");
    fs::write(&record, text).unwrap();
    fs::write(
        sandbox.path("acme/answers/.vmsaudit-x1y2.tmp"),
        "half a record",
    )
    .unwrap();
    // A record rewritten as it was (a killed write of the same text): its index entry needs
    // refreshing, which writes the index, under the stale lock.
    let meta = sandbox.path("acme/engagement.yaml");
    fs::write(&meta, fs::read(&meta).unwrap()).unwrap();
    fs::File::options()
        .append(true)
        .open(&meta)
        .unwrap()
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();

    sandbox.run(&["-C", "acme", "status"]).success();
    sandbox
        .run(&["-C", "acme", "answer", "ACC-02", "--level", "2"])
        .success();
    let log = sandbox.git("acme", &["log", "--format=%s", "-2"]);
    assert_eq!(
        log,
        "ACC-02: level 2\nRecover changes left uncommitted by an interrupted command: answers/ACC-01.yaml\n"
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    assert!(!sandbox.path("acme/answers/.vmsaudit-x1y2.tmp").exists());
    assert!(!sandbox.path("acme/.git/index.lock").exists());
    sandbox.git("acme", &["fsck", "--strict"]);
}

#[test]
fn the_recovery_names_what_was_staged_as_well() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").create();
    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    acme.run(&["answer", "ACC-02", "--level", "1"]).success();
    for (id, staged) in [("ACC-02", true), ("ACC-01", false)] {
        let path = format!("acme/answers/{id}.yaml");
        let text = sandbox.read(&path).replace("level: 1", "level: 4");
        sandbox.write(&path, &text);
        if staged {
            sandbox.git("acme", &["add", &format!("answers/{id}.yaml")]);
        }
    }
    acme.run(&["answer", "ACC-05", "--level", "2"]).success();
    let subjects = sandbox.subjects("acme");
    assert_eq!(
        subjects[1],
        "Recover changes left uncommitted by an interrupted command: answers/ACC-01.yaml, \
         answers/ACC-02.yaml",
        "{subjects:?}"
    );
    assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
}

/// The working copy's files (`.git` aside) with their hashes.
fn working_copy(
    sandbox: &Sandbox,
    dir: &str,
) -> std::collections::BTreeMap<std::path::PathBuf, String> {
    let mut files = sandbox.snapshot(dir);
    files.retain(|path, _| !path.starts_with(".git"));
    files
}

#[test]
fn a_change_git_cannot_commit_is_put_back_and_said_so() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.run(&["answer", "ACC-01", "--level", "2"]).success();
    fs::write(sandbox.path("users.png"), b"\x89PNG fake").unwrap();
    let before = working_copy(&sandbox, "acme");
    let head = sandbox.git("acme", &["rev-parse", "HEAD"]);
    // git cannot take the branch's lock (a folder stands where its lock file goes): the
    // records and the evidence are written, the commit fails.
    let branch_lock = sandbox.path("acme/.git/refs/heads/main.lock");
    fs::create_dir(&branch_lock).unwrap();
    let changes: [&[&str]; 2] = [
        &[
            "answer",
            "ACC-01",
            "--level",
            "3",
            "--evidence",
            "users.png",
        ],
        &[
            "finding",
            "add",
            "--title",
            "Compte partagé",
            "--control",
            "ACC-01",
            "--severity",
            "medium",
            "--justification",
            "vu",
        ],
    ];
    for change in changes {
        let out = acme.run(change).failure(1);
        common::says(
            &out.stderr,
            &[
                "la modification n'a pas été enregistrée\u{a0}:",
                "aide\u{a0}: rien n'en a été gardé",
            ],
        );
        assert!(!out.stderr.contains("class="), "{}", out.stderr);
        assert_eq!(working_copy(&sandbox, "acme"), before, "{change:?}");
        assert_eq!(sandbox.git("acme", &["status", "--porcelain"]), "");
    }
    fs::remove_dir(&branch_lock).unwrap();
    assert_eq!(sandbox.git("acme", &["rev-parse", "HEAD"]), head);
    // Nothing left for the next change to commit in the auditor's name.
    acme.run(changes[1]).success();
    let subjects = sandbox.subjects("acme");
    assert!(subjects[0].contains("Compte partagé"), "{subjects:?}");
    assert!(
        !subjects
            .iter()
            .any(|subject| subject.starts_with("Recover")),
        "{subjects:?}"
    );
    let listed = acme.run(&["finding", "list"]).success().stdout;
    assert_eq!(listed.matches("Compte partagé").count(), 1, "{listed}");

    // When even putting it back fails (git's index cannot be written), the files written
    // stay for the recovery, and the message says which.
    let index_lock = sandbox.path("acme/.git/index.lock");
    fs::create_dir(&index_lock).unwrap();
    let out = acme.run(&["answer", "ACC-01", "--level", "4"]).failure(1);
    common::says(
        &out.stderr,
        &[
            "la modification n'a pas pu être validée dans git",
            "answers/ACC-01.yaml",
        ],
    );
    fs::remove_dir(&index_lock).unwrap();
}

/// `.git/objects` and its folders made read-only (`on`) or writable again; whether that
/// stops a write there (it does not stop root).
fn objects_read_only(sandbox: &Sandbox, on: bool) -> bool {
    let objects = sandbox.path("acme/.git/objects");
    let mut folders = vec![objects.clone()];
    for entry in fs::read_dir(&objects).expect("git's objects") {
        let path = entry.expect("an entry of git's objects").path();
        if path.is_dir() {
            folders.push(path);
        }
    }
    let mode = if on { 0o555 } else { 0o755 };
    for folder in &folders {
        fs::set_permissions(folder, fs::Permissions::from_mode(mode)).expect("chmod");
    }
    let probe = objects.join("probe");
    let stopped = fs::write(&probe, b"x").is_err();
    let _ = fs::remove_file(&probe);
    stopped
}

#[test]
fn a_recovery_git_cannot_commit_says_once_in_french_that_the_change_was_not_saved() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    acme.run(&["answer", "ACC-01", "--level", "1"]).success();
    // What an interrupted command left: a record written, not committed, for the recovery
    // of the next change to commit first.
    let left = "acme/answers/ACC-01.yaml";
    sandbox.write(left, &sandbox.read(left).replace("level: 1", "level: 4"));
    let head = sandbox.git("acme", &["rev-parse", "HEAD"]);
    let change = ["answer", "ACC-02", "--level", "2"];

    // The branch's lock refused (a folder stands where its lock file goes), then the
    // objects that cannot be written.
    let branch_lock = sandbox.path("acme/.git/refs/heads/main.lock");
    fs::create_dir(&branch_lock).unwrap();
    let out = acme.run(&change).failure(1);
    fs::remove_dir(&branch_lock).unwrap();
    let mut said = vec![(out.stderr, "main.lock")];
    // A file where git puts the folder of the left record's object.
    let blob = sandbox.git("acme", &["hash-object", "answers/ACC-01.yaml"]);
    let folder = sandbox.path(&format!("acme/.git/objects/{}", &blob[..2]));
    if !folder.exists() {
        fs::write(&folder, b"").unwrap();
        let out = acme.run(&change).failure(1);
        fs::remove_file(&folder).unwrap();
        said.push((out.stderr, &blob[..2]));
    }
    if objects_read_only(&sandbox, true) {
        let out = acme.run(&change).failure(1);
        objects_read_only(&sandbox, false);
        said.push((out.stderr, "Permission denied"));
    } else {
        objects_read_only(&sandbox, false);
        eprintln!("skipped the read-only objects: this user writes through `chmod a-w` (root)");
    }
    for (stderr, reason) in &said {
        common::says(
            stderr,
            &[
                "la modification n'a pas été enregistrée\u{a0}:",
                "aide\u{a0}:",
            ],
        );
        assert_eq!(
            stderr.matches(reason).count(),
            1,
            "git's reason once: {stderr}"
        );
        assert!(!stderr.contains("class="), "{stderr}");
        assert!(!stderr.contains("error:"), "in French: {stderr}");
    }
    assert_eq!(sandbox.git("acme", &["rev-parse", "HEAD"]), head);
    assert!(!sandbox.path("acme/answers/ACC-02.yaml").exists());

    // Once git can commit again, the next change commits what was left, then itself.
    acme.run(&change).success();
    let subjects = sandbox.subjects("acme");
    assert!(subjects[0].starts_with("ACC-02"), "{subjects:?}");
    assert!(subjects[1].starts_with("Recover"), "{subjects:?}");
}

#[test]
fn scope_prints_and_sets_each_list_through_one_commit() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let shown = acme.run(&["scope"]).success().stdout;
    assert!(
        shown.starts_with("Client\u{a0}: ACME Logistique\n"),
        "{shown}"
    );
    assert!(shown.contains("\nComposants inclus\u{a0}:\n"), "{shown}");
    assert!(
        shown.contains("(camera)"),
        "the template's default scope: {shown}"
    );
    let commits = sandbox.subjects("acme").len();

    let out = acme
        .run(&[
            "scope",
            "--component",
            "vms",
            "--component",
            "camera",
            "--component",
            "Contrôle d'accès Vauban",
            "--exclude",
            "Réseau du siège",
            "--limits",
            "Tests non intrusifs, en heures ouvrées.",
        ])
        .success();
    assert!(
        out.stdout
            .starts_with("enregistré engagement: components, exclusions, limits set"),
        "{}",
        out.stdout
    );
    assert_eq!(sandbox.subjects("acme").len(), commits + 1);
    let yaml = sandbox.read("acme/engagement.yaml");
    assert!(yaml.contains("Contrôle d'accès Vauban"), "{yaml}");
    assert!(
        !yaml.contains("workstation"),
        "the list given replaced the old one: {yaml}"
    );
    let json = acme.json(&["scope", "--json"]);
    assert_eq!(
        json["included"],
        serde_json::json!(["vms", "camera", "Contrôle d'accès Vauban"])
    );
    assert_eq!(json["excluded"], serde_json::json!(["Réseau du siège"]));

    // Only what is given changes; the same again changes nothing and commits nothing.
    acme.run(&["scope", "--no-exclusions"]).success();
    let json = acme.json(&["scope", "--json"]);
    assert_eq!(json["excluded"], serde_json::json!([]));
    assert_eq!(json["limits"], "Tests non intrusifs, en heures ouvrées.");
    let commits = sandbox.subjects("acme").len();
    let same = acme
        .run(&[
            "scope",
            "--component",
            "vms",
            "--component",
            "camera",
            "--component",
            "Contrôle d'accès Vauban",
        ])
        .success();
    assert_eq!(same.stdout.trim(), "audit\u{a0}: rien à modifier");
    assert_eq!(sandbox.subjects("acme").len(), commits);

    // The report's scope section reads it.
    acme.run(&["report", "-o", "r.md"]).success();
    let report = sandbox.read("r.md");
    assert!(report.contains("Contrôle d'accès Vauban"), "{report}");
    assert!(report.contains("Tests non intrusifs"), "{report}");

    // Bad items are refused by option, nothing written.
    let before = sandbox.read("acme/engagement.yaml");
    acme.refused(&["scope", "--component", "  "], "--component");
    acme.refused(&["scope", "--exclude", "a\u{1b}[2Jb"], "--exclude");
    assert_eq!(sandbox.read("acme/engagement.yaml"), before);
    acme.refused_by_clap(
        &["scope", "--limits", "x", "--no-limits"],
        "ne peut pas être donnée avec «\u{a0}--no-limits\u{a0}»",
    );

    // The engagement's details go through the same rule: the cover and the scope read them.
    let out = acme
        .run(&[
            "scope",
            "--client",
            "Transports Rhône-Alpes",
            "--site",
            "Dépôt de Vénissieux",
            "--contract",
            "BC-2026-114",
            "--auditor",
            "Jeanne Martin <jm@example.org>",
            "--auditor",
            "Bob Durand <bd@example.org>",
        ])
        .success();
    assert!(
        out.stdout
            .starts_with("enregistré engagement: client, site, contract, auditors set"),
        "{}",
        out.stdout
    );
    let shown = acme.run(&["scope"]).success().stdout;
    assert!(
        shown.contains("Client\u{a0}: Transports Rhône-Alpes"),
        "{shown}"
    );
    assert!(shown.contains("  - Bob Durand <bd@example.org>"), "{shown}");
    acme.run(&["report", "-o", "r.md"]).success();
    assert!(sandbox.read("r.md").contains("Dépôt de Vénissieux"));
    acme.run(&["scope", "--contract", ""]).success();
    assert!(!sandbox.read("acme/engagement.yaml").contains("BC-2026-114"));
    let before = sandbox.read("acme/engagement.yaml");
    acme.refused(&["scope", "--client", " "], "--client");
    acme.refused(&["scope", "--auditor", "Bob <bd"], "--auditor");
    acme.refused(&["scope", "--site", "a\nb"], "--site");
    assert_eq!(sandbox.read("acme/engagement.yaml"), before);
}

/// The language of what the command line prints: the engagement's; `--lang` (anywhere on the
/// line) overrides it; outside an engagement `VMSAUDIT_LANG`, then the locale.
#[test]
fn the_language_follows_the_engagement_then_lang_then_vmsaudit_lang_then_the_locale() {
    let sandbox = Sandbox::new();
    let acme = sandbox.init("acme").lang("fr").create();
    let status = acme.run(&["status"]).success().stdout;
    assert!(status.contains("Domaine"), "{status}");
    // `--lang` after the subcommand or before it.
    let english = acme.run(&["status", "--lang", "en"]).success().stdout;
    assert!(
        english.contains("Domain") && !english.contains("Domaine"),
        "{english}"
    );
    let english = acme
        .run(&["--lang", "en", "finding", "list"])
        .success()
        .stdout;
    assert!(!english.contains("Aucune"), "{english}");
    // The variable and the locale do not override an engagement's language.
    let status = acme
        .env("VMSAUDIT_LANG", "en")
        .env("LC_ALL", "en_GB.UTF-8")
        .run(&["status"])
        .success()
        .stdout;
    assert!(status.contains("Domaine"), "{status}");
    // An error about a French engagement is French.
    let refused = acme.run(&["answer", "XYZ-99", "--level", "2"]).failure(2);
    assert!(
        refused.stderr.starts_with("erreur\u{a0}:"),
        "{}",
        refused.stderr
    );

    // Outside an engagement: the locale, then VMSAUDIT_LANG over it, then --lang over both.
    let nowhere = sandbox.in_dir("nowhere");
    let out = nowhere.run(&["status"]).failure(2);
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    let out = nowhere
        .env("LC_ALL", "fr_FR.UTF-8")
        .run(&["status"])
        .failure(2);
    assert!(out.stderr.starts_with("erreur\u{a0}: "), "{}", out.stderr);
    let out = nowhere
        .env("VMSAUDIT_LANG", "fr")
        .run(&["status"])
        .failure(2);
    assert!(out.stderr.starts_with("erreur\u{a0}: "), "{}", out.stderr);
    let out = nowhere
        .env("VMSAUDIT_LANG", "fr")
        .run(&["--lang", "en", "status"])
        .failure(2);
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    // A variable that names no language is refused, not ignored.
    let out = nowhere
        .env("VMSAUDIT_LANG", "de\u{1b}[2J")
        .run(&["status"])
        .failure(2);
    assert!(out.stderr.contains("VMSAUDIT_LANG"), "{}", out.stderr);
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);

    // A new engagement is in --lang, else VMSAUDIT_LANG, else English.
    let made = sandbox
        .command(&[
            "init",
            "bob",
            "--client",
            "Bob SA",
            "--auditor",
            "Bob <b@example.org>",
        ])
        .env("VMSAUDIT_LANG", "fr")
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    assert!(sandbox.read("bob/engagement.yaml").contains("language: fr"));
}

#[test]
fn a_command_line_that_does_not_parse_is_refused_in_the_engagements_language() {
    let sandbox = Sandbox::new();
    let fr = sandbox.init("acme").lang("fr").create();
    let said = fr.refused_by_clap(
        &["finding", "add", "--titel", "Telnet"],
        "erreur\u{a0}: option «\u{a0}--titel\u{a0}» inconnue\naide\u{a0}: vouliez-vous dire «\u{a0}--title\u{a0}»\u{a0}?",
    );
    assert!(
        !said.contains("error:") && !said.contains("Usage:"),
        "{said}"
    );
    fr.refused_by_clap(
        &["export", "plan"],
        "erreur\u{a0}: il manque «\u{a0}--format <FORMAT>\u{a0}», «\u{a0}--output <FICHIER>\u{a0}»",
    );
    // A value its parser refuses: a CVSS vector's problem is said in French too.
    fr.refused_by_clap(
        &["finding", "add", "--title", "x", "--cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H"],
        "invalide pour «\u{a0}--cvss <VECTEUR>\u{a0}»\u{a0}: il manque la métrique `A` (impact sur la disponibilité)\u{a0}: ajoutez `A:` suivi de H, L ou N",
    );
    fr.refused_by_clap(
        &["finding", "add", "--title", "x", "--cve", "CVE-21-36260"],
        "`CVE-21-36260` n'est pas un identifiant CVE\u{a0}: écrivez-le `CVE-AAAA-NNNN`",
    );
    fr.refused_by_clap(
        &["action", "add", "--title", "x", "--currency", "euros"],
        "`euros` n'est pas un code de devise\u{a0}: donnez les trois lettres de l'ISO 4217",
    );
    // `--lang` wins, even on a line that does not parse; from another folder, `-C` says
    // which engagement.
    fr.refused_by_clap(
        &["--lang", "en", "export", "plan"],
        "error: the following required",
    );
    let out = sandbox
        .run(&["-C", "acme", "answer", "ACC-01", "--level"])
        .failure(2);
    assert!(
        out.stderr
            .starts_with("erreur\u{a0}: «\u{a0}--level <NIVEAU>\u{a0}» attend une valeur"),
        "{}",
        out.stderr
    );
    // Outside any engagement: VMSAUDIT_LANG, as for every other error.
    let out = sandbox
        .command(&["frobnicate"])
        .env("VMSAUDIT_LANG", "fr")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.starts_with("erreur\u{a0}: sous-commande «\u{a0}frobnicate\u{a0}» inconnue"),
        "{stderr}"
    );
}

/// `init` and `demo` refuse `-C`, so their help does not offer it; the commands that work on
/// an engagement still do, in both languages.
#[test]
fn minus_c_is_left_out_of_the_help_of_the_commands_that_make_an_engagement() {
    let sandbox = Sandbox::new();
    let offers = |args: &[&str]| {
        let out = sandbox.run(args).success();
        out.stdout
            .lines()
            .any(|line| line.trim_start().starts_with("-C "))
    };
    for lang in ["en", "fr"] {
        for command in ["init", "demo"] {
            for help in ["--help", "-h"] {
                assert!(
                    !offers(&["--lang", lang, command, help]),
                    "{lang} {command} {help}"
                );
            }
        }
        for command in ["status", "answer"] {
            assert!(
                offers(&["--lang", lang, command, "--help"]),
                "{lang} {command}"
            );
        }
        assert!(offers(&["--lang", lang, "--help"]), "{lang}");
    }
}

#[test]
fn minus_c_is_refused_by_the_commands_that_make_an_engagement() {
    let sandbox = Sandbox::new();
    for args in [
        &["-C", "elsewhere", "init", "acme", "--client", "ACME"][..],
        &["init", "acme", "-C", "elsewhere", "--client", "ACME"],
        &["-C", "elsewhere", "demo", "--no-open"],
        &["demo", "--no-open", "-C", "elsewhere"],
    ] {
        let out = sandbox.run(args).failure(2);
        common::says(
            &out.stderr,
            &["-C names an engagement to work on", "leave -C out"],
        );
    }
    assert!(!sandbox.path("acme").exists() && !sandbox.path("elsewhere").exists());
    let out = sandbox
        .run(&[
            "--lang", "fr", "-C", "x", "init", "acme", "--client", "ACME",
        ])
        .failure(2);
    assert!(
        out.stderr
            .contains("erreur\u{a0}: -C désigne un audit sur lequel travailler"),
        "{}",
        out.stderr
    );
    // Without it, the folder is made where the command runs.
    sandbox.init("acme").create();
    assert!(sandbox.path("acme/engagement.yaml").is_file());
}

#[test]
fn another_users_engagement_is_said_to_be_theirs_not_missing() {
    // Only root can run the binary as another user here.
    let root_runs = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout == b"0\n");
    if !root_runs || !installed("setpriv", "--version") {
        eprintln!("skipped: needs root and setpriv to run as nobody");
        return;
    }
    let sandbox = Sandbox::new();
    sandbox.init("acme").lang("fr").create();
    fs::set_permissions(sandbox.path(""), fs::Permissions::from_mode(0o711)).unwrap();
    let acme = sandbox.path("acme");
    let shown = acme.display().to_string();
    let as_nobody = || {
        let out = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(common::BIN)
            .args(["-C", &shown, "status"])
            .env("HOME", sandbox.path(""))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("LC_ALL", "C.UTF-8")
            .env_remove("VMSAUDIT_LANG")
            .env_remove("LANG")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let run_as_owner = format!("`sudo -u root vmsaudit -C {shown} …`");
    let take_over = format!("`sudo chown -R -- nobody {shown}`");

    // Readable by all: git refuses it for its owner.
    std::process::Command::new("chmod")
        .args(["-R", "a+rX", &shown])
        .status()
        .unwrap();
    let said = as_nobody();
    for part in [
        &format!("erreur\u{a0}: {shown} appartient à root, pas à vous (nobody)"),
        "le dépôt lui-même est intact",
        &run_as_owner,
        &take_over,
    ] {
        assert!(said.contains(part), "{part}: {said}");
    }
    assert!(!said.contains("clonez-le"), "{said}");

    // Its `.git` closed to others.
    fs::set_permissions(acme.join(".git"), fs::Permissions::from_mode(0o700)).unwrap();
    let said = as_nobody();
    let part = format!(
        "{shown}/.git n'est pas lisible par vous (nobody)\u{a0}: il appartient à root (mode 700)"
    );
    assert!(said.contains(&part), "{said}");
    assert!(said.contains(&run_as_owner), "{said}");

    // The folder closed to others, as vmsaudit makes it: its language cannot be read either.
    fs::set_permissions(&acme, fs::Permissions::from_mode(0o700)).unwrap();
    let said = as_nobody();
    for part in [
        &format!("{shown} cannot be read by you (nobody): it belongs to root (mode 700)"),
        &run_as_owner,
        &take_over,
    ] {
        assert!(said.contains(part), "{part}: {said}");
    }
    assert!(!said.contains("not an engagement"), "{said}");
}
