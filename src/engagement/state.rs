//! The engagement's records at one point of its history — the working copy, or any commit
//! (an audit round's tag, a git revision) — read through one [`Source`], so the same parser
//! and the same checks load both.
//!
//! Reading a commit goes through `history::TreeFiles` (git objects): nothing is checked
//! out and the working copy is never touched.

use std::collections::BTreeMap;
use std::path::Path;

use super::{
    ENGAGEMENT_FILE, GRID_FILE, Meta, check_meta, check_overrides, files, history, load_answers,
    records,
};
use crate::assessment::{Action, Answer, Assets, Finding};
use crate::error::{Error, Position, Problem, Problems, Result};
use crate::grid::{self, Grid};

/// Where an engagement's files are read from.
pub enum Source<'a> {
    /// The working copy, at this root.
    WorkTree(&'a Path),
    /// A commit's files, from git objects.
    Commit(history::TreeFiles<'a>),
}

impl Source<'_> {
    /// The text of `relative` (a path with `/`), or `None` when there is no such file.
    pub fn read_text(&self, relative: &str, limit: u64) -> Result<Option<String>> {
        match self {
            Source::WorkTree(root) => {
                let path = root.join(relative);
                if !path.exists() {
                    return Ok(None);
                }
                files::read_text(&path, limit)
                    .map(Some)
                    .map_err(|error| named(error, relative))
            }
            Source::Commit(tree) => match tree.read(relative, limit)? {
                Some(bytes) => files::decode_text(bytes, relative, limit).map(Some),
                None => Ok(None),
            },
        }
    }

    /// A YAML record and its text, or `None` when there is no such file.
    pub fn read_record<T: serde::de::DeserializeOwned>(
        &self,
        relative: &str,
    ) -> Result<Option<(T, String)>> {
        match self.read_text(relative, files::MAX_RECORD_BYTES)? {
            Some(text) => files::parse_record(text, relative).map(Some),
            None => Ok(None),
        }
    }

    /// The record files (`*.yaml`) of the folder `dir`, sorted; none when there is no such
    /// folder. Temporary files of an interrupted write start with a dot; they are not records.
    pub fn record_files(&self, dir: &str) -> Result<Vec<String>> {
        match self {
            Source::WorkTree(root) => records::record_files(&root.join(dir)),
            Source::Commit(tree) => Ok(tree
                .list(dir)?
                .into_iter()
                .filter(|name| name.ends_with(".yaml") && !name.starts_with('.'))
                .collect()),
        }
    }
}

/// Messages name files by their path in the engagement, not the absolute path.
fn named(error: Error, relative: &str) -> Error {
    match error {
        Error::Invalid(Problems(problems)) => Error::Invalid(Problems(
            problems
                .into_iter()
                .map(|problem| Problem {
                    at: Position::new(relative, problem.at.line, problem.at.column),
                    ..problem
                })
                .collect(),
        )),
        other => other,
    }
}

/// Every record of an engagement at one point, checked.
#[derive(Debug, Clone)]
pub struct State {
    pub meta: Meta,
    pub grid: Grid,
    /// By control id.
    pub answers: BTreeMap<String, Answer>,
    pub assets: Assets,
    /// By id.
    pub findings: Vec<Finding>,
    /// By id.
    pub actions: Vec<Action>,
    /// References between records that do not hold (a finding naming an asset the inventory
    /// no longer has, an action addressing a removed finding): what a merge between two
    /// clones can leave behind. They do not stop the engagement from opening; saving the
    /// record that holds one, or closing a round, is refused until it is fixed.
    pub warnings: Vec<Problem>,
}

impl State {
    /// The overall score and each domain's (overrides applied), in grid order: what the
    /// round list, the tag message and the history screen show.
    pub fn scores(
        &self,
    ) -> (
        Option<crate::assessment::Score>,
        Vec<(String, Option<crate::assessment::Score>)>,
    ) {
        let status = crate::assessment::status(
            &self.grid,
            &self.answers,
            &self.meta.overrides,
            self.meta.language,
        );
        let domains = status
            .domains
            .into_iter()
            .map(|d| (d.id, d.score))
            .collect();
        (status.score, domains)
    }
}

/// Loads and checks every record from `source`: each problem of each file, in one error.
pub fn load(source: &Source) -> Result<State> {
    let (meta, _) = source
        .read_record::<Meta>(ENGAGEMENT_FILE)?
        .ok_or_else(|| missing(ENGAGEMENT_FILE))?;
    check_meta(&meta)?;
    let grid_text = source
        .read_text(GRID_FILE, grid::load::MAX_GRID_BYTES)?
        .ok_or_else(|| missing(GRID_FILE))?;
    let grid = grid::parse(GRID_FILE, &grid_text)?;
    check_overrides(&meta, &grid)?;
    if !grid.speaks(meta.language) {
        return Err(Error::problem(
            Position::file(ENGAGEMENT_FILE),
            format!(
                "`language: {}` is not one of the grid's languages ({})",
                meta.language,
                grid.languages.join(", ")
            ),
            "set `language` to one of them",
        ));
    }
    // Every problem of the answers and of the other records, in one report.
    let answers = load_answers(source, &grid);
    let records = records::load(source, &grid);
    let (answers, (records, warnings)) = match (answers, records) {
        (Ok(answers), Ok(records)) => (answers, records),
        (Err(Error::Invalid(Problems(mut first))), Err(Error::Invalid(Problems(second)))) => {
            first.extend(second);
            return Err(Error::Invalid(Problems(first)));
        }
        (Err(error), _) | (_, Err(error)) => return Err(error),
    };
    Ok(State {
        meta,
        grid,
        answers,
        assets: records.assets,
        findings: records.findings,
        actions: records.actions,
        warnings,
    })
}

fn missing(relative: &str) -> Error {
    Error::problem(
        Position::file(relative),
        "no such file at this revision",
        "give a revision made after the engagement was started (`git log` lists them)",
    )
}

/// Names every file of `error` as `revision:file`, as git does (`audit/2026-02:findings/F-1.yaml`).
pub fn at_revision(error: Error, revision: &str) -> Error {
    match error {
        Error::Invalid(Problems(problems)) => Error::Invalid(Problems(
            problems
                .into_iter()
                .map(|problem| Problem {
                    at: Position::new(
                        format!("{revision}:{}", problem.at.file),
                        problem.at.line,
                        problem.at.column,
                    ),
                    ..problem
                })
                .collect(),
        )),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Level;
    use crate::engagement::{AnswerChange, Engagement, InitOptions};

    #[test]
    fn a_commit_loads_like_the_working_copy_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let now: jiff::Timestamp = "2026-02-03T10:00:00Z".parse().unwrap();
        let options = InitOptions {
            client: "ACME".into(),
            site: None,
            contract: None,
            firm: None,
            auditors: vec!["Jeanne Martin <jm@example.org>".parse().unwrap()],
            language: None,
            grid: None,
        };
        let root = dir.path().join("acme");
        let mut engagement = Engagement::init(&root, options, now).unwrap();
        let who = engagement.auditor(None).unwrap();
        let first = history::head(&engagement.repo).unwrap().unwrap();
        let change = AnswerChange {
            control: "ACC-01".into(),
            level: Some(Level::Score(2)),
            observations: Some("seen".into()),
            evidence: vec![],
        };
        let saved = engagement.set_answer(change, &who, now).unwrap();
        // A change not committed: the working copy has it, the commit does not.
        let path = root.join("answers/ACC-01.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("level: 2", "level: 3")).unwrap();

        let work = load(&Source::WorkTree(&root)).unwrap();
        assert_eq!(work.answers["ACC-01"].level, Level::Score(3));
        let repo = &engagement.repo;
        let at_commit = load(&Source::Commit(
            history::TreeFiles::of(repo, saved.commit.unwrap()).unwrap(),
        ))
        .unwrap();
        assert_eq!(at_commit.answers["ACC-01"].level, Level::Score(2));
        assert_eq!(at_commit.meta, work.meta);
        assert_eq!(at_commit.grid.control_count(), work.grid.control_count());
        let at_start = load(&Source::Commit(
            history::TreeFiles::of(repo, first).unwrap(),
        ))
        .unwrap();
        assert!(at_start.answers.is_empty());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text.replace("level: 2", "level: 3")
        );
    }
}
