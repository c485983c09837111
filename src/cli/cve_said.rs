//! What `cve import` says about the entries it writes and the files it read, in the
//! engagement's language: the import hands over data ([`Detail`], [`OlderCatalogue`],
//! [`NameNote`]) and this module phrases it with the words of [`super::words`].

use jiff::civil::Date;

use super::words::{Words, fill, fill_all, words};
use crate::cve::Verdict;
use crate::cve::import::{Detail, FeedKind, LeftOut, OlderCatalogue, Skip, Skipped};
use crate::cve::model::NameNote;
use crate::grid::Lang;
use crate::text::one_line;

/// A date as the summary line gives it: ISO in English (as NVD and KEV write them), in
/// words in French.
fn day(lang: Lang, date: Date) -> String {
    match lang {
        Lang::En => date.to_string(),
        Lang::Fr => lang.date(date),
    }
}

fn quoted(words: &Words, text: &str) -> String {
    fill(words.quoted, one_line(text))
}

/// Quoted items, then how many more the list has.
fn listed(words: &Words, shown: &[String], more: usize) -> String {
    let mut text = shown
        .iter()
        .map(|item| quoted(words, item))
        .collect::<Vec<_>>()
        .join(", ");
    if more > 0 {
        text.push_str(&fill(words.detail_more, more));
    }
    text
}

fn verdict(words: &Words, verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Affected => words.affected,
        _ => words.to_confirm,
    }
}

/// One thing the import says about an entry.
pub fn detail(detail: &Detail, lang: Lang) -> String {
    let words = words(lang);
    let score = |score: &crate::assessment::CvssScore| lang.decimal(&score.to_string());
    match detail {
        Detail::New { vendor, title } => fill_all(
            words.detail_new,
            &[&one_line(vendor), &quoted(words, title)],
        ),
        Detail::Cvss {
            score: now,
            source,
            was: None,
        } => fill_all(words.detail_cvss, &[&score(now), source]),
        Detail::Cvss {
            score: now,
            source,
            was: Some((was, was_source)),
        } => fill_all(
            words.detail_cvss_was,
            &[&score(now), source, &score(was), was_source],
        ),
        Detail::Ranges { count, was: None } => fill(words.detail_ranges, count),
        Detail::Ranges {
            count,
            was: Some(was),
        } => fill_all(words.detail_ranges_was, &[count, was]),
        Detail::PatternsAdded { shown, more } => {
            fill(words.detail_patterns_added, listed(words, shown, *more))
        }
        Detail::PatternsRemoved { shown, more } => {
            fill(words.detail_patterns_removed, listed(words, shown, *more))
        }
        Detail::Kev {
            date: Some(date),
            was: None,
        } => fill(words.detail_kev, day(lang, *date)),
        Detail::Kev {
            date: Some(date),
            was: Some(was),
        } => fill_all(words.detail_kev_was, &[&day(lang, *date), &day(lang, *was)]),
        Detail::Kev { date: None, .. } => words.detail_kev_removed.to_owned(),
        Detail::Published(date) => fill(words.detail_published, day(lang, *date)),
        Detail::Cwe(Some(cwe)) => one_line(cwe),
        Detail::Cwe(None) => words.detail_no_cwe.to_owned(),
        Detail::ReferencesAdded(count) => fill(words.detail_references, count),
        Detail::KeptRanges { patterns, assets } => {
            let assets: Vec<String> = assets
                .iter()
                .map(|(id, model, was)| {
                    fill_all(
                        words.detail_kept_asset,
                        &[&one_line(id), &quoted(words, model), &verdict(words, *was)],
                    )
                })
                .collect();
            fill_all(
                words.detail_kept,
                &[&listed(words, patterns, 0), &assets.join(", ")],
            )
        }
        Detail::RangesKeptWithoutVersion => words.detail_ranges_kept.to_owned(),
        Detail::Name(note) => name_note(note, words),
    }
}

/// A CPE product name the import could not read as written.
fn name_note(note: &NameNote, words: &Words) -> String {
    note.said(&crate::cve::model::NoteWords {
        quoted: words.quoted,
        no_model: words.name_no_model,
        unbalanced: words.name_unbalanced,
        closing: words.name_closing,
        opening: words.name_opening,
        too_many: words.name_too_many,
        runs_on: words.name_runs_on,
    })
}

/// A KEV catalogue older than the pack's own KEV dates.
pub fn older_catalogue(older: &OlderCatalogue, lang: Lang) -> String {
    let words = words(lang);
    let what = if older.released {
        words.kev_released
    } else {
        words.kev_newest_added
    };
    fill_all(
        words.kev_older,
        &[
            &one_line(&older.file),
            &what,
            &day(lang, older.age),
            &older.newest,
            &day(lang, older.newest_listed),
        ],
    )
}

/// Why an import left records out.
pub fn skip(why: &Skip, lang: Lang) -> String {
    let words = words(lang);
    let index = match why {
        Skip::BadKevEntry => 0,
        Skip::NeitherNvdNorKev => 1,
        Skip::NoCveId => 2,
        Skip::NotAnalysed => 3,
        Skip::VendorNotCovered => 4,
        Skip::Rejected => 5,
        Skip::NoVendorCpe => 6,
        Skip::NoVector => 7,
        Skip::NoPublished => 8,
        Skip::Refused(problems) => {
            let said: Vec<String> = problems
                .iter()
                .map(|(path, flaw)| {
                    let wrong = crate::messages::Wrong::Pack {
                        entry: None,
                        flaw: Box::new(flaw.clone()),
                    };
                    format!(
                        "`{}`{} {}",
                        one_line(path),
                        words.colon,
                        crate::messages::wrong(lang, &wrong, &crate::messages::key)
                    )
                })
                .collect();
            return fill(words.skips[9], said.join(words.detail_separator));
        }
    };
    words.skips[index].to_owned()
}

/// The first records left out for one reason, each by its id and place (by its place alone
/// when it has no id), then how many more: what follows the count, so that each can be found
/// in the file.
pub fn skipped_names(skipped: &Skipped, kind: FeedKind, lang: Lang) -> String {
    let words = words(lang);
    if skipped.first.is_empty() {
        return String::new();
    }
    let at = match kind {
        FeedKind::KevJson | FeedKind::KevCsv => words.left_out_at[1],
        FeedKind::Nvd | FeedKind::Empty => words.left_out_at[0],
    };
    let names: Vec<String> = skipped
        .first
        .iter()
        .map(|(position, id)| {
            let place = fill(at, position);
            match id {
                Some(id) => fill_all(words.left_out_named, &[&one_line(id), &place]),
                None => place,
            }
        })
        .collect();
    let more = skipped.count.saturating_sub(skipped.first.len());
    let mut said = names.join(", ");
    if more > 0 {
        said.push_str(&fill(words.and_more, more));
    }
    fill(words.left_out_names, said)
}

/// A record read but left out: its file, place and id, and why.
pub fn left_out(record: &LeftOut, lang: Lang) -> String {
    fill_all(
        words(lang).left_out_record,
        &[
            &one_line(&record.file),
            &record.position,
            &one_line(&record.id),
            &skip(&record.why, lang),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of detail has its French phrasing, with French typography, and the
    /// English one says what the import's own `Display` says.
    #[test]
    fn every_detail_is_phrased_in_both_languages() {
        let date = Date::constant(2025, 6, 1);
        let score = crate::assessment::CvssScore::from_tenths(98).expect("a score");
        let details = [
            Detail::New {
                vendor: "dahua".into(),
                title: "Password reset".into(),
            },
            Detail::Cvss {
                score,
                source: crate::cve::CvssSource::Nvd,
                was: Some((score, crate::cve::CvssSource::Vendor)),
            },
            Detail::Ranges {
                count: 3,
                was: Some(2),
            },
            Detail::PatternsAdded {
                shown: vec!["sd22*".into()],
                more: 2,
            },
            Detail::Kev {
                date: Some(date),
                was: None,
            },
            Detail::KeptRanges {
                patterns: vec!["*IPC-H*W3*".into()],
                assets: vec![(
                    "CAM-1".into(),
                    "DH-IPC-HDBWW3441R".into(),
                    Verdict::Affected,
                )],
            },
            Detail::RangesKeptWithoutVersion,
            Detail::Name(NameNote::Unbalanced {
                name: "ds-2df5232x-ae3)t3)".into(),
                closing: true,
                at: 16,
                read_as: "ds-2df5232x-ae3".into(),
            }),
        ];
        for one in &details {
            assert_eq!(detail(one, Lang::En), one.to_string());
        }
        let fr: Vec<String> = details.iter().map(|one| detail(one, Lang::Fr)).collect();
        assert_eq!(
            fr,
            [
                "dahua\u{a0}: «\u{a0}Password reset\u{a0}»",
                "CVSS 9,8 (nvd), auparavant 9,8 (vendor)",
                "3 plage(s) de la NVD, auparavant 2",
                "motifs ajoutés\u{a0}: «\u{a0}sd22*\u{a0}» et 2 autre(s)",
                "KEV 1er juin 2025",
                "plage(s) précédente(s) de «\u{a0}*IPC-H*W3*\u{a0}» conservée(s) à côté de celles de la NVD, sans lesquelles CAM-1 «\u{a0}DH-IPC-HDBWW3441R\u{a0}» (concerné) sortirai(en)t des correspondances",
                "plages conservées (la NVD ne donne aucune version)",
                "«\u{a0}ds-2df5232x-ae3)t3)\u{a0}»\u{a0}: «\u{a0})\u{a0}» sans «\u{a0}(\u{a0}» au caractère 16, lu comme «\u{a0}ds-2df5232x-ae3*\u{a0}»",
            ]
        );
    }
}
