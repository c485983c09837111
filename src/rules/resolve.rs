//! Ids as people type them: any case, Crockford's look-alikes, and a "did you mean" when
//! nothing matches. The one way every front end turns a typed id into a record's id.

use crate::error::{Error, Fix, Result, Wrong};
use crate::grid::Grid;
pub use crate::grid::suggest;
use crate::messages::{Thing, Unknown};
use crate::model::State;

/// `wanted` among `known`: as written, then ignoring case, then reading it as Crockford's
/// base32 does (`o` as 0, `i` and `l` as 1), so an id copied by hand from a printed report
/// still resolves.
pub fn resolve_id<'a>(
    wanted: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let wanted = wanted.trim();
    let crockford = |text: &str| -> String {
        text.to_ascii_uppercase()
            .chars()
            .map(|c| match c {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect()
    };
    exact_or_case(wanted, known.clone()).or_else(|| {
        let normal = crockford(wanted);
        known.clone().find(|id| crockford(id) == normal)
    })
}

/// `wanted` among `known`, as written or ignoring case.
fn exact_or_case<'a>(
    wanted: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let wanted = wanted.trim();
    known
        .clone()
        .find(|id| *id == wanted)
        .or_else(|| known.clone().find(|id| id.eq_ignore_ascii_case(wanted)))
}

fn unknown(thing: Thing, wanted: &str, grid: Option<&Grid>, fix: Fix) -> Error {
    Error::said(
        Wrong::Unknown(Unknown {
            thing,
            given: wanted.trim().to_owned(),
            grid: grid.map(|grid| format!("{} {}", grid.id, grid.version)),
        }),
        fix,
    )
}

/// A record the state lacks, where the id was resolved against it first.
pub fn gone(thing: Thing, id: &str) -> Error {
    unknown(thing, id, None, Fix::CheckList(thing))
}

/// "Did you mean" the closest known id, else where the known ones are listed.
fn near_or_list(thing: Thing, near: Option<&str>) -> Fix {
    match near {
        Some(near) => Fix::DidYouMean(near.to_owned()),
        None => Fix::CheckList(thing),
    }
}

/// The id of the finding `wanted` names, or an error with the closest id.
pub fn finding(state: &State, wanted: &str) -> Result<String> {
    let known = state.findings.iter().map(|finding| finding.id.as_str());
    record_id(Thing::Finding, wanted, known)
}

pub fn action(state: &State, wanted: &str) -> Result<String> {
    let known = state.actions.iter().map(|action| action.id.as_str());
    record_id(Thing::Action, wanted, known)
}

/// The id among `known` that `wanted` names, or an error with the closest one.
fn record_id<'a>(
    thing: Thing,
    wanted: &str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> Result<String> {
    match resolve_id(wanted, known.clone()) {
        Some(id) => Ok(id.to_owned()),
        None => {
            let fix = near_or_list(thing, suggest(wanted, known));
            Err(unknown(thing, wanted, None, fix))
        }
    }
}

/// The inventory's spelling of an asset id (case does not matter).
pub fn asset(state: &State, wanted: &str) -> Result<String> {
    let known = state.assets.iter().map(|asset| asset.id.as_str());
    exact_or_case(wanted, known.clone())
        .map(str::to_owned)
        .ok_or_else(|| {
            let fix = Fix::AddAsset(suggest(wanted, known).map(str::to_owned));
            unknown(Thing::Asset, wanted, None, fix)
        })
}

/// The grid's spelling of a domain id (case does not matter).
pub fn domain(grid: &Grid, wanted: &str) -> Result<String> {
    let known = grid.domains.iter().map(|domain| domain.id.as_str());
    exact_or_case(wanted, known.clone())
        .map(str::to_owned)
        .ok_or_else(|| {
            let fix = match suggest(wanted, known.clone()) {
                Some(near) => Fix::DidYouMean(near.to_owned()),
                None => Fix::Choose(known.map(str::to_owned).collect()),
            };
            unknown(Thing::Domain, wanted, Some(grid), fix)
        })
}

/// The grid's spelling of a control id (case does not matter).
pub fn control(grid: &Grid, wanted: &str) -> Result<String> {
    let known: Vec<&str> = grid
        .controls()
        .map(|(_, control)| control.id.as_str())
        .collect();
    exact_or_case(wanted, known.into_iter())
        .map(str::to_owned)
        .ok_or_else(|| unknown_control(grid, wanted))
}

pub fn unknown_control(grid: &Grid, id: &str) -> Error {
    let fix = match grid.suggest_control(id) {
        Some(known) => Fix::DidYouMean(known.to_owned()),
        None => Fix::ControlLike,
    };
    unknown(Thing::Control, id, Some(grid), fix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_resolve_ignoring_case_and_crockford_look_alikes() {
        let known = ["F-K3X9Q2", "F-10ABCD"];
        let find = |wanted: &str| resolve_id(wanted, known.iter().copied());
        assert_eq!(find("F-K3X9Q2"), Some("F-K3X9Q2"));
        assert_eq!(find("f-k3x9q2"), Some("F-K3X9Q2"));
        assert_eq!(find("F-lOABCD"), Some("F-10ABCD"));
        assert_eq!(find("F-K3X9Q3"), None);
        assert_eq!(suggest("F-K3X9Q3", known.iter().copied()), Some("F-K3X9Q2"));
        assert_eq!(suggest("nothing like it", known.iter().copied()), None);
    }
}
