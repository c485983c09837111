//! Every `vmsaudit` command line of the README's examples is one the command line accepts: a
//! flag or a subcommand renamed in the code fails here, not in front of a newcomer who pastes
//! it. The lines are parsed as the binary parses them (`Cli`), not run: running them would
//! need the client's spreadsheet, scans and network the README talks about.

use clap::Parser;
use vmsaudit::cli::Cli;

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
