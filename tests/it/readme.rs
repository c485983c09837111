//! Every `vmsaudit` command line of the README's examples is one the command line accepts: a
//! flag or a subcommand renamed in the code fails here, not in front of a newcomer who pastes
//! it. The lines are parsed as the binary parses them (`Cli`). The quick start is then run,
//! command by command, with the real binary, and the examples of the CVE pack, the scans, the
//! report, the templates, the spreadsheets and the rounds in its engagement; `sync` and
//! `capture` are not run (they need a remote and the client's network), nor the DOCX report
//! where pandoc is missing.

use clap::Parser;
use vmsaudit::cli::Cli;

use std::process::Command;

use crate::common::{Output, Sandbox, fixture};

const README: &str = include_str!("../../README.md");

/// The command lines of the README's code blocks, with the line each starts at: those that
/// start with `vmsaudit` (after a `$ ` prompt, if any) or `cargo run --release --`, joined
/// over lines that end with `\`.
fn command_lines(markdown: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut in_block = false;
    let mut pending: Option<(usize, String)> = None;
    for (index, line) in markdown.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            pending = None;
            continue;
        }
        if !in_block {
            continue;
        }
        let (start, text) = match pending.take() {
            Some((start, text)) => (start, format!("{text} {}", line.trim())),
            None => {
                let line = line.trim_start();
                let line = line.strip_prefix("$ ").unwrap_or(line);
                let rest = line
                    .strip_prefix("vmsaudit ")
                    .or_else(|| line.strip_prefix("cargo run --release -- "));
                let Some(rest) = rest else {
                    continue;
                };
                (index + 1, format!("vmsaudit {rest}"))
            }
        };
        match text.strip_suffix('\\') {
            Some(head) => pending = Some((start, head.trim_end().to_owned())),
            None => found.push((start, text)),
        }
    }
    found
}

/// The words of `line` as a shell gives them to the program: up to a pipe or a redirection.
fn words(line: &str) -> Vec<String> {
    let words = shlex::split(line);
    assert!(words.is_some(), "unbalanced quotes: {line}");
    let words = words.unwrap_or_default();
    let shell = |word: &String| {
        ["|", "||", "&&", ";", "&"].contains(&word.as_str())
            || word
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with(['>', '<'])
    };
    words.into_iter().take_while(|word| !shell(word)).collect()
}

/// Why the command line refuses `line`, if it does; help and version are answers.
fn refused(line: &str) -> Option<String> {
    use clap::error::ErrorKind;
    match Cli::try_parse_from(words(line)) {
        Ok(_) => None,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            None
        }
        Err(error) => Some(error.render().to_string()),
    }
}

#[test]
fn every_command_line_of_the_readme_is_accepted() {
    let lines = command_lines(README);
    assert!(
        lines.len() >= 50,
        "the README's examples were not found: {lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(_, line)| words(line) == ["vmsaudit", "demo"]),
        "the first command a newcomer pastes is among them"
    );
    let wrong: Vec<String> = lines
        .iter()
        .filter_map(|(number, line)| {
            refused(line).map(|why| format!("README.md:{number}: {line}\n{why}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_readme_s_check_refuses_what_the_command_line_refuses() {
    let markdown = "```sh\n$ vmsaudit -C acme status --jsn   # a typo\n\
                    vmsaudit finding add --title \"Telnet | open\" \\\n  --severity high > out.txt\n\
                    vmsaudit answer ACC-01 --level 2 2>&1 | less\n```\n\
                    vmsaudit outside any block --no-such-flag\n";
    let lines = command_lines(markdown);
    assert_eq!(
        lines,
        [
            (2, "vmsaudit -C acme status --jsn   # a typo".to_owned()),
            (
                3,
                "vmsaudit finding add --title \"Telnet | open\" --severity high > out.txt"
                    .to_owned()
            ),
            (5, "vmsaudit answer ACC-01 --level 2 2>&1 | less".to_owned()),
        ]
    );
    assert!(refused(&lines[0].1).is_some_and(|why| why.contains("--jsn")));
    assert_eq!(
        words(&lines[1].1),
        [
            "vmsaudit",
            "finding",
            "add",
            "--title",
            "Telnet | open",
            "--severity",
            "high"
        ]
    );
    assert_eq!(refused(&lines[1].1), None);
    assert_eq!(words(&lines[2].1).len(), 5);
    assert_eq!(refused(&lines[2].1), None);
}

/// The first code block after `heading`: the test fails when the README lost the heading or
/// its block, rather than running another block.
fn block_after<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let at = markdown.find(heading);
    assert!(at.is_some(), "the README has no `{heading}`");
    let after = &markdown[at.unwrap_or_default()..];
    let start = after.find("```");
    assert!(start.is_some(), "no code block after `{heading}`");
    let start = start.unwrap_or_default();
    let end = after[start + 3..]
        .find("```")
        .map_or(after.len(), |end| start + 3 + end + 3);
    &after[start..end]
}

/// What running the README's lines carries from one to the next.
#[derive(Default)]
struct Run {
    /// The id this run's finding got, for the lines that name the README's.
    finding: Option<String>,
}

/// The id the README's finding shows.
const SHOWN_FINDING: &str = "F-DKZTBJ";

impl Run {
    /// Runs `line` (README.md:`number`) with the real binary from the sandbox's folder `dir`
    /// (`""`: its root), as a shell would: its standard output into the file it is
    /// redirected to. It must succeed; its output.
    fn line(&mut self, sandbox: &Sandbox, dir: &str, number: usize, line: &str) -> Output {
        let mut words = words(line);
        if let Some(id) = &self.finding {
            for word in &mut words {
                *word = word.replace(SHOWN_FINDING, id);
            }
        }
        if words.get(1..3) == Some(&["scan".to_owned(), "dismiss".to_owned()][..]) {
            // `ID` stands for a fact's id, which `scan list` gives.
            let listed = sandbox
                .command(&["scan", "list", "--json", "--control", &words[3]])
                .current_dir(sandbox.path(dir))
                .output()
                .expect("the binary runs");
            let listed: serde_json::Value =
                serde_json::from_slice(&listed.stdout).expect("scan list --json");
            let id = listed["proposals"][0]["id"].as_str().unwrap_or("none");
            for word in &mut words {
                if word == "ID" {
                    *word = id.to_owned();
                }
            }
        }
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let mut command = sandbox.command(&args);
        command.current_dir(sandbox.path(dir));
        let out = Output::from(command.output().expect("the binary runs"));
        assert_eq!(
            out.code,
            Some(0),
            "README.md:{number}: {line}\n{}{}",
            out.stdout,
            out.stderr
        );
        let redirected = shlex::split(line)
            .unwrap_or_default()
            .into_iter()
            .skip_while(|word| word != ">")
            .nth(1);
        if let Some(file) = redirected {
            // Inside the sandbox only: a README that redirected elsewhere would write there.
            let inside = std::path::Path::new(&file)
                .components()
                .all(|part| matches!(part, std::path::Component::Normal(_)));
            assert!(
                inside,
                "README.md:{number}: redirects outside its folder: {line}"
            );
            let path = sandbox.path(dir).join(file);
            std::fs::write(path, &out.stdout).expect("the redirection is written");
        }
        if args.contains(&"finding") && args.contains(&"add") {
            let id = out.stdout.strip_prefix("enregistré ").unwrap_or_default();
            let id = id.split(':').next().unwrap_or_default();
            assert!(id.starts_with("F-"), "{}", out.stdout);
            self.finding = Some(id.to_owned());
        }
        out
    }
}

/// The README's line numbers of `block`'s first line: where it stands in the README.
fn offset(block: &str) -> usize {
    README[..README.find(block).unwrap_or_default()]
        .lines()
        .count()
}

#[test]
fn the_quick_start_then_every_example_in_its_engagement_runs_as_written() {
    let quick_start = block_after(README, "## Quick start");
    let lines = command_lines(quick_start);
    assert!(lines.len() >= 12, "{quick_start}");
    let sandbox = Sandbox::new();
    // What the auditor brings: the client's spreadsheet and a screenshot.
    std::fs::copy(fixture("cameras.csv"), sandbox.path("cameras.csv")).unwrap();
    std::fs::write(sandbox.path("users.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let mut run = Run::default();
    for (number, line) in &lines {
        let out = run.line(&sandbox, "", offset(quick_start) + number, line);
        if line.contains("finding add") {
            // As the README's comment says: the engagement is French, its commits English.
            let said = format!(
                "prints: enregistré {SHOWN_FINDING}: new finding \"...\" (critical, CVSS 9.8)"
            );
            assert!(quick_start.contains(&said), "{said}");
            assert!(
                out.stdout.contains("(critical, CVSS 9.8)"),
                "{}",
                out.stdout
            );
        }
    }
    let finding = run.finding.clone().unwrap_or_default();
    assert!(!finding.is_empty(), "the quick start adds a finding");
    // Its last line: one commit per change, the plan's action on this run's finding.
    let subjects = sandbox.subjects("acme");
    assert_eq!(subjects.len(), 6, "{subjects:?}");
    assert!(
        subjects[0].contains(&format!("for {finding} (critical, due 2026-03-15)")),
        "{subjects:?}"
    );

    // The CVE pack's examples, from the sandbox's folder, with an NVD feed and CISA's
    // catalogue as they are downloaded (the feed gzipped).
    let feed = std::fs::read(fixture("nvd-excerpt.json")).unwrap();
    let mut gzipped = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gzipped, &feed).unwrap();
    std::fs::write(
        sandbox.path("nvdcve-2.0-2024.json.gz"),
        gzipped.finish().unwrap(),
    )
    .unwrap();
    std::fs::copy(
        fixture("kev-excerpt.csv"),
        sandbox.path("known_exploited_vulnerabilities.csv"),
    )
    .unwrap();
    let block = block_after(README, "vmsaudit cve check` validates a pack file");
    for (number, line) in command_lines(block) {
        run.line(&sandbox, "", offset(block) + number, &line);
    }
    assert!(
        sandbox.subjects("acme")[0].starts_with("cves: imported nvdcve-2.0-2024.json.gz"),
        "{:?}",
        sandbox.subjects("acme")
    );

    // Then, in the engagement's folder, the scans, the report, the templates, the
    // spreadsheets and the rounds.
    let pandoc = Command::new("pandoc").arg("--version").output().is_ok();
    for heading in [
        "## Scans and captured evidence",
        "## The report",
        "### Templates",
        "## Spreadsheets for the client",
        "## Audit rounds, history and several auditors",
    ] {
        if heading == "## Scans and captured evidence" {
            // What nmap wrote on the jump host: the scan of the fake devices of
            // `tests/fixtures/scans/`.
            std::fs::copy(
                fixture("scans/devices.xml"),
                sandbox.path("acme/video-vlan.xml"),
            )
            .unwrap();
        }
        if heading == "### Templates" {
            // A copy of a built-in template, changed, in the engagement's `templates/`
            // folder, as the README's "Templates" says: reviewed, accepted, used.
            let plan = std::fs::read_to_string(format!(
                "{}/templates/plan.md.tera",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            sandbox.commit_by_hand(
                "acme",
                "templates/plan.md.tera",
                &format!("{plan}\nPlan revu avec le client.\n"),
                "The firm's plan",
            );
        }
        let block = block_after(README, heading);
        let lines = command_lines(block);
        assert!(!lines.is_empty(), "{heading}");
        for (number, line) in &lines {
            // `sync` needs a remote, `capture` the client's network.
            let needs = ["sync", "capture"].contains(&words(line)[1].as_str());
            if needs || (!pandoc && line.contains("docx")) {
                eprintln!("README.md:{}: not run here: {line}", offset(block) + number);
                continue;
            }
            run.line(&sandbox, "acme", offset(block) + number, line);
        }
    }
    for written in [
        "acme/reports/draft/report.md",
        "acme/out/report.html",
        "acme/report-en.md",
        "plan-action.xlsx",
        "plan-action.csv",
        "vulnerabilites.xlsx",
        "acme/reports/2026-02/report.html",
    ] {
        assert!(sandbox.path(written).is_file(), "{written}");
    }
    assert!(
        sandbox
            .read("acme/reports/2026-02/report.md")
            .contains("Plan revu avec le client."),
        "the accepted template wrote the round's report"
    );
}
