//! The findings, action-plan and assets screens: their lists (order, filters, selection),
//! their forms, and removal with confirmation. State changes still go through
//! [`App::update`]; this file holds the part of it that concerns records.

use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::app::{App, Effect, Mode, Notice, Screen, phrase};
use super::form::{Form, Known, Outcome};
use super::keys::Action as Key;
use super::prompt::{Attach, Prompt, PromptFor};
use crate::assessment::{
    Action, ActionStatus, Asset, AssetKind, Complexity, Finding, FindingStatus, Owner, PlanEntry,
    Severity, findings_in_order, plan,
};
use crate::rules::{AssetChange, Change};

/// Selection, filters and order of one record list. Filters are indexes into the choices
/// of [`App::filter_choices`]; 0 is "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordList {
    pub selected: usize,
    pub status: usize,
    pub domain: usize,
    /// Findings: lowest severity shown; actions: owner; assets: kind.
    pub other: usize,
    /// By id instead of by criticality or plan order.
    pub by_id: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    Finding(String),
    Action(String),
    Asset(String),
}

/// A filter's choices: "all", then the names of the type's values from `skip` on.
const fn with_all<const N: usize, const M: usize>(
    names: [&'static str; N],
    skip: usize,
) -> [&'static str; M] {
    let mut choices = ["all"; M];
    let mut index = skip;
    while index < N {
        choices[index - skip + 1] = names[index];
        index += 1;
    }
    choices
}

pub const FINDING_STATUS: [&str; 4] = with_all(FindingStatus::NAMES, 0);
/// The lowest severity shown; `none` would be no filter at all.
pub const SEVERITY_AT_LEAST: [&str; 5] = with_all(Severity::NAMES, 1);
/// `pending` is open or in progress.
pub const ACTION_STATUS: [&str; 4] = ["all", "pending", "done", "dropped"];
pub const OWNER: [&str; 4] = with_all(Owner::NAMES, 0);
pub const ASSET_KIND: [&str; 13] = with_all(AssetKind::NAMES, 0);

impl App {
    pub fn is_record_screen(&self) -> bool {
        matches!(
            self.screen,
            Screen::Findings | Screen::Actions | Screen::Assets
        )
    }

    fn list(&self) -> &RecordList {
        match self.screen {
            Screen::Actions => &self.actions_list,
            Screen::Assets => &self.assets_list,
            _ => &self.findings_list,
        }
    }

    fn list_mut(&mut self) -> &mut RecordList {
        match self.screen {
            Screen::Actions => &mut self.actions_list,
            Screen::Assets => &mut self.assets_list,
            _ => &mut self.findings_list,
        }
    }

    fn domain_filter(&self, list: &RecordList) -> Option<&str> {
        let domains = &self.engagement.state().grid.domains;
        list.domain
            .checked_sub(1)
            .and_then(|index| domains.get(index))
            .map(|d| d.id.as_str())
    }

    fn matches_text(&self, texts: &[&str]) -> bool {
        let needle = self.filter.to_lowercase();
        needle.is_empty()
            || texts
                .iter()
                .any(|text| text.to_lowercase().contains(&needle))
    }

    /// Findings shown: critical first, then severity and score, then grid order (or by id),
    /// filtered by status, domain, lowest severity and the text filter.
    pub fn visible_findings(&self) -> Vec<&Finding> {
        let list = &self.findings_list;
        let mut findings = findings_in_order(
            &self.engagement.state().findings,
            &self.engagement.state().grid,
        );
        if list.by_id {
            findings.sort_by(|a, b| a.id.cmp(&b.id));
        }
        let domain = self.domain_filter(list);
        let lowest = SEVERITY_AT_LEAST
            .get(list.other)
            .and_then(|name| name.parse::<Severity>().ok());
        findings
            .into_iter()
            .filter(|finding| match FINDING_STATUS.get(list.status) {
                Some(&"all") | None => true,
                Some(status) => finding.status.as_str() == *status,
            })
            .filter(|finding| domain.is_none_or(|id| finding.domain == id))
            .filter(|finding| {
                lowest.is_none_or(|lowest| finding.severity().is_some_and(|s| s >= lowest))
            })
            .filter(|finding| {
                let cves: Vec<String> = finding.cves.iter().map(ToString::to_string).collect();
                let mut texts = vec![finding.id.as_str(), finding.title.as_str()];
                texts.extend(cves.iter().map(String::as_str));
                self.matches_text(&texts)
            })
            .collect()
    }

    /// The action plan in its order (or by id), filtered by status, owner, domain and text.
    pub fn visible_actions(&self) -> Vec<PlanEntry<'_>> {
        let list = &self.actions_list;
        let mut entries = plan(
            &self.engagement.state().actions,
            &self.engagement.state().findings,
            &self.engagement.state().grid,
        );
        if list.by_id {
            entries.sort_by(|a, b| a.action.id.cmp(&b.action.id));
        }
        let domain = self.domain_filter(list);
        entries
            .into_iter()
            .filter(|entry| match ACTION_STATUS.get(list.status) {
                Some(&"pending") => entry.action.status.is_pending(),
                Some(&"done") => entry.action.status == ActionStatus::Done,
                Some(&"dropped") => entry.action.status == ActionStatus::Dropped,
                _ => true,
            })
            .filter(|entry| match OWNER.get(list.other) {
                Some(&"all") | None => true,
                Some(owner) => entry.action.owner.as_str() == *owner,
            })
            .filter(|entry| domain.is_none_or(|id| entry.domain == Some(id)))
            .filter(|entry| {
                self.matches_text(&[entry.action.id.as_str(), entry.action.title.as_str()])
            })
            .collect()
    }

    pub fn visible_assets(&self) -> Vec<&Asset> {
        let list = &self.assets_list;
        let kind = ASSET_KIND.get(list.other).filter(|kind| **kind != "all");
        self.engagement
            .state()
            .assets
            .iter()
            .filter(|asset| kind.is_none_or(|kind| asset.kind.as_str() == *kind))
            .filter(|asset| {
                let texts = [
                    asset.id.as_str(),
                    asset.vendor.as_deref().unwrap_or_default(),
                    asset.model.as_deref().unwrap_or_default(),
                    asset.firmware.as_deref().unwrap_or_default(),
                    asset.address.as_deref().unwrap_or_default(),
                    asset.location.as_deref().unwrap_or_default(),
                ];
                self.matches_text(&texts)
            })
            .collect()
    }

    fn visible_count(&self) -> usize {
        match self.screen {
            Screen::Findings => self.visible_findings().len(),
            Screen::Actions => self.visible_actions().len(),
            Screen::Assets => self.visible_assets().len(),
            _ => 0,
        }
    }

    /// The id of the selected record on the current screen.
    pub fn selected_record(&self) -> Option<String> {
        let index = self.list().selected;
        match self.screen {
            Screen::Findings => self.visible_findings().get(index).map(|f| f.id.clone()),
            Screen::Actions => self
                .visible_actions()
                .get(index)
                .map(|e| e.action.id.clone()),
            Screen::Assets => self.visible_assets().get(index).map(|a| a.id.clone()),
            _ => None,
        }
    }

    /// Handles a key of a record screen; `None` leaves it to the keys common to all screens.
    pub(super) fn records_action(&mut self, action: Key) -> Option<Vec<Effect>> {
        let count = self.visible_count();
        let step = |list: &mut RecordList, delta: isize| {
            list.selected = list
                .selected
                .saturating_add_signed(delta)
                .min(count.saturating_sub(1));
        };
        if matches!(action, Key::Up | Key::Down | Key::First | Key::Last) {
            self.detail_scroll = 0;
        }
        match action {
            Key::Up => step(self.list_mut(), -1),
            Key::Down => step(self.list_mut(), 1),
            Key::First => self.list_mut().selected = 0,
            Key::Last => self.list_mut().selected = count.saturating_sub(1),
            Key::Edit => self.open_form(),
            Key::New => self.new_record(),
            Key::Delete => {
                if let Some(id) = self.selected_record() {
                    let removal = match self.screen {
                        Screen::Findings => Removal::Finding(id),
                        Screen::Actions => Removal::Action(id),
                        _ => Removal::Asset(id),
                    };
                    self.mode = Mode::Confirm(removal);
                }
            }
            Key::PlanForFinding => self.new_action_for_selected_finding(),
            Key::AttachEvidence if self.screen == Screen::Findings => {
                if let Some(id) = self.selected_record() {
                    self.mode = Mode::Prompt(Prompt::new(
                        PromptFor::Evidence(Attach::Finding(id)),
                        String::new(),
                    ));
                }
            }
            Key::ImportAssets => {
                self.mode = Mode::Prompt(Prompt::new(PromptFor::ImportAssets, String::new()));
            }
            Key::FilterStatus => {
                let choices = if self.screen == Screen::Actions {
                    &ACTION_STATUS[..]
                } else {
                    &FINDING_STATUS[..]
                };
                cycle(&mut self.list_mut().status, choices.len());
            }
            Key::FilterDomain => {
                let count = self.engagement.state().grid.domains.len() + 1;
                cycle(&mut self.list_mut().domain, count);
            }
            Key::FilterOther => {
                let choices = match self.screen {
                    Screen::Findings => &SEVERITY_AT_LEAST[..],
                    Screen::Actions => &OWNER[..],
                    _ => &ASSET_KIND[..],
                };
                cycle(&mut self.list_mut().other, choices.len());
            }
            Key::Sort => {
                let list = self.list_mut();
                list.by_id = !list.by_id;
                list.selected = 0;
            }
            Key::Filter => self.start_filter(),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn open_form(&mut self) {
        let Some(id) = self.selected_record() else {
            return;
        };
        let engagement = &self.engagement;
        let form = match self.screen {
            Screen::Findings => engagement
                .state()
                .finding(&id)
                .map(|f| Form::finding(Some(f), f)),
            Screen::Actions => engagement
                .state()
                .action(&id)
                .map(|a| Form::action(Some(a), a)),
            _ => engagement.state().asset(&id).map(|a| Form::asset(Some(a))),
        };
        if let Some(form) = form {
            self.mode = Mode::Form(Box::new(form));
        }
    }

    fn new_record(&mut self) {
        let form = match self.screen {
            Screen::Findings => {
                let domain = self
                    .engagement
                    .state()
                    .grid
                    .domains
                    .first()
                    .map(|d| d.id.clone())
                    .unwrap_or_default();
                Form::finding(None, &self.blank_finding(domain, Vec::new(), String::new()))
            }
            Screen::Actions => Form::action(None, &self.blank_action(Vec::new(), String::new())),
            _ => Form::asset(None),
        };
        self.mode = Mode::Form(Box::new(form));
    }

    /// From the checklist: a finding about the selected control, with its domain and the
    /// grid's recommendation.
    pub(super) fn new_finding_from_control(&mut self) {
        let Some((domain, control)) = self.current() else {
            return;
        };
        let (domain, control) = (domain.id.clone(), control.id.clone());
        let recommendation = crate::rules::default_recommendation(
            self.engagement.state(),
            std::slice::from_ref(&control),
        );
        let title = self
            .current()
            .map(|(_, c)| c.title.get(self.lang).to_owned())
            .unwrap_or_default();
        let mut prefill = self.blank_finding(domain, vec![control], recommendation);
        prefill.title = title;
        self.screen = Screen::Findings;
        self.mode = Mode::Form(Box::new(Form::finding(None, &prefill)));
    }

    fn new_action_for_selected_finding(&mut self) {
        let Some(id) = self.selected_record() else {
            return;
        };
        let Some(finding) = self.engagement.state().finding(&id) else {
            return;
        };
        let prefill = self.blank_action(
            vec![finding.id.clone()],
            finding
                .recommendation
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        );
        self.screen = Screen::Actions;
        self.mode = Mode::Form(Box::new(Form::action(None, &prefill)));
    }

    fn blank_finding(
        &self,
        domain: String,
        controls: Vec<String>,
        recommendation: String,
    ) -> Finding {
        Finding {
            id: String::new(),
            title: String::new(),
            domain,
            controls,
            description: String::new(),
            cves: Vec::new(),
            cvss: None,
            cvss_source: None,
            remote_takeover: false,
            severity: None,
            severity_justification: None,
            assets: Vec::new(),
            evidence: Vec::new(),
            recommendation,
            status: FindingStatus::Open,
            status_reason: None,
            created_by: self.auditor.clone(),
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    fn blank_action(&self, addresses: Vec<String>, title: String) -> Action {
        Action {
            id: String::new(),
            title,
            description: String::new(),
            addresses,
            complexity: Complexity::Moderate,
            cost: String::new(),
            cost_amount: None,
            currency: None,
            owner: Owner::Client,
            deadline: None,
            status: ActionStatus::Open,
            status_reason: None,
            created_by: self.auditor.clone(),
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    /// The records a form's field names, for its picker: assets, controls, findings and
    /// domains, each with what tells it apart.
    pub fn known_for(&self, field: &str) -> Vec<Known> {
        let state = self.engagement.state();
        let lang = self.lang;
        let text = |parts: &[Option<&String>]| {
            parts
                .iter()
                .flatten()
                .map(|part| part.trim())
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        };
        match field {
            "assets" => state
                .assets
                .iter()
                .map(|asset| Known {
                    id: asset.id.clone(),
                    hint: text(&[
                        asset.vendor.as_ref(),
                        asset.model.as_ref(),
                        asset.address.as_ref(),
                        asset.location.as_ref(),
                    ]),
                })
                .collect(),
            "controls" => state
                .grid
                .domains
                .iter()
                .flat_map(|domain| &domain.controls)
                .map(|control| Known {
                    id: control.id.clone(),
                    hint: control.title.get(lang).to_owned(),
                })
                .collect(),
            "domain" => state
                .grid
                .domains
                .iter()
                .map(|domain| Known {
                    id: domain.id.clone(),
                    hint: domain.title.get(lang).to_owned(),
                })
                .collect(),
            "addresses" => state
                .findings
                .iter()
                .map(|finding| Known {
                    id: finding.id.clone(),
                    hint: finding.title.clone(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    pub(super) fn form_key(&mut self, mut form: Box<Form>, key: KeyEvent) -> Vec<Effect> {
        // Tab in a field that names records completes the word typed, when there is one.
        let field = form.typed_word().map(|(field, _)| field);
        let completed = key.code == KeyCode::Tab
            && field.is_some_and(|field| form.complete(&self.known_for(field)));
        let outcome = if completed {
            Outcome::Continue
        } else {
            form.key(key)
        };
        // Checked at every key, so a bad CVSS vector shows as such and a good one its score.
        let built = form.build(
            self.engagement.state(),
            &self.auditor,
            Timestamp::UNIX_EPOCH,
        );
        match outcome {
            Outcome::Continue => {
                self.mode = Mode::Form(form);
                Vec::new()
            }
            Outcome::Close => {
                // "Unsaved changes..." was about the form just closed.
                self.notice = None;
                Vec::new()
            }
            Outcome::CloseRefused => {
                self.notice = Some(Notice::Info(self.strings().form_unsaved.to_owned()));
                self.mode = Mode::Form(form);
                Vec::new()
            }
            Outcome::Save => {
                self.mode = Mode::Form(form);
                match built {
                    Some(record) => vec![Effect::SaveRecord(Box::new(record))],
                    None => {
                        self.notice = Some(Notice::Error(self.strings().form_invalid.to_owned()));
                        Vec::new()
                    }
                }
            }
        }
    }

    pub(super) fn form_paste(&mut self, text: &str) {
        if let Mode::Form(form) = &mut self.mode {
            form.paste(text);
        }
    }

    pub(super) fn confirm_key(&mut self, removal: Removal, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            // o for « oui » on a French screen; y whatever the language, as fingers remember it.
            KeyCode::Char('y' | 'Y' | 'o' | 'O') => vec![Effect::Remove(removal)],
            _ => Vec::new(),
        }
    }

    /// Saves a record built from a form; the form stays open, with the error, when the
    /// engagement refuses it.
    pub(super) fn save_record(&mut self, change: Change, now: Timestamp) {
        let said = super::app::Said::of(&change);
        match self.engagement.change(change, &self.auditor, now) {
            Ok(saved) => {
                self.mode = Mode::Normal;
                self.notice = Some(Notice::Info(self.say(said, &saved)));
                if let Some(id) = saved.created {
                    self.select_record(&id);
                }
            }
            Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
        }
    }

    /// `asset import FILE`: every row or none, through the rule book.
    pub(super) fn import_assets(&mut self, path: &std::path::Path, now: Timestamp) {
        let text = match crate::files::read_text(path, crate::files::MAX_RECORD_BYTES) {
            Ok(text) => text,
            Err(error) => {
                self.notice = Some(Notice::Error(phrase(&error, self.lang)));
                return;
            }
        };
        let change = Change::Asset(AssetChange::Import {
            file: path.display().to_string(),
            text,
        });
        self.save_record(change, now);
        self.cves_changed();
    }

    pub(super) fn remove_record(&mut self, removal: Removal, now: Timestamp) {
        let change = match removal {
            Removal::Finding(id) => Change::RemoveFinding(id),
            Removal::Action(id) => Change::RemoveAction(id),
            Removal::Asset(id) => Change::Asset(AssetChange::Remove(id)),
        };
        let said = super::app::Said::of(&change);
        self.notice = Some(match self.engagement.change(change, &self.auditor, now) {
            Ok(saved) => Notice::Info(self.say(said, &saved)),
            Err(error) => Notice::Error(phrase(&error, self.lang)),
        });
        let count = self.visible_count();
        let list = self.list_mut();
        list.selected = list.selected.min(count.saturating_sub(1));
    }

    /// Selects the record `id` on the current screen, clearing the filters that hide it.
    fn select_record(&mut self, id: &str) {
        let position = |app: &App| match app.screen {
            Screen::Findings => app.visible_findings().iter().position(|f| f.id == id),
            Screen::Actions => app.visible_actions().iter().position(|e| e.action.id == id),
            Screen::Assets => app.visible_assets().iter().position(|a| a.id == id),
            _ => None,
        };
        if position(self).is_none() {
            self.filter.clear();
            *self.list_mut() = RecordList {
                by_id: self.list().by_id,
                ..RecordList::default()
            };
        }
        if let Some(index) = position(self) {
            self.list_mut().selected = index;
        }
    }
}

fn cycle(index: &mut usize, count: usize) {
    *index = (*index + 1) % count.max(1);
}

/// One CVE of the pack matching the inventory, as the CVE overlay lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CveLine {
    pub id: String,
    pub title: String,
    pub kev: bool,
    pub score: String,
    pub affected: Vec<String>,
    pub unknown: Vec<String>,
    /// Why each asset matches, in the interface's language: affected ones, then the ones
    /// to confirm.
    pub reasons: Vec<String>,
}

impl App {
    /// Recounts the known CVEs of each asset; an unreadable pack leaves the counts empty
    /// and says why.
    pub(super) fn refresh_cve_counts(&mut self) {
        self.cve_counted = true;
        match self.engagement.cve_counts() {
            Ok(counts) => {
                self.cve_counts = self
                    .engagement
                    .state()
                    .assets
                    .iter()
                    .map(|asset| asset.id.clone())
                    .zip(counts)
                    .collect();
            }
            Err(error) => {
                self.cve_counts.clear();
                self.notice = Some(Notice::Error(phrase(&error, self.lang)));
            }
        }
    }

    /// The inventory or the findings may have changed: the counts are redone now if the
    /// assets screen shows them, at its next visit otherwise.
    pub(super) fn cves_changed(&mut self) {
        if self.screen == Screen::Assets {
            self.refresh_cve_counts();
        } else {
            self.cve_counted = false;
        }
    }

    pub(super) fn open_cve_matches(&mut self) {
        let pack = match self.engagement.cve_pack() {
            Ok(pack) => pack,
            Err(error) => {
                self.notice = Some(Notice::Error(phrase(&error, self.lang)));
                return;
            }
        };
        let lang = self.lang;
        let lines = crate::cve::by_cve(&pack, self.engagement.state().assets.as_slice())
            .into_iter()
            .map(|group| CveLine {
                id: group.entry.id.to_string(),
                title: group.entry.title.get(lang).to_owned(),
                kev: group.entry.kev.is_some(),
                score: group.entry.cvss.vector.base_score().to_string(),
                affected: group
                    .affected
                    .iter()
                    .map(|found| found.asset.id.clone())
                    .collect(),
                unknown: group
                    .unknown
                    .iter()
                    .map(|found| found.asset.id.clone())
                    .collect(),
                reasons: group
                    .affected
                    .iter()
                    .chain(&group.unknown)
                    .map(|found| crate::cve::apply::reason(found, lang))
                    .collect(),
            })
            .collect();
        self.mode = Mode::CveMatches(lines);
    }

    pub(super) fn cve_key(&mut self, lines: Vec<CveLine>, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Enter if lines.iter().any(|line| !line.affected.is_empty()) => {
                vec![Effect::ApplyCves]
            }
            KeyCode::Enter | KeyCode::Esc | KeyCode::Char('q') => Vec::new(),
            _ => {
                self.mode = Mode::CveMatches(lines);
                Vec::new()
            }
        }
    }

    /// One finding per CVE affecting the inventory: created, or its assets brought up to date.
    pub(super) fn apply_cves(&mut self, now: Timestamp) {
        let who = self.auditor.clone();
        match self.engagement.apply_cve_matches(None, &who, now) {
            Ok(applied) => {
                let mut created = 0;
                let mut updated = 0;
                for entry in &applied {
                    match entry.outcome {
                        crate::engagement::Outcome::Created { .. } => created += 1,
                        crate::engagement::Outcome::AssetsAdded { .. } => updated += 1,
                        _ => {}
                    }
                }
                self.notice = Some(Notice::Info(format!(
                    "CVE: {created} finding(s) created, {updated} updated, {} unchanged",
                    applied.len() - created - updated
                )));
                self.screen = Screen::Findings;
            }
            Err(error) => self.notice = Some(Notice::Error(phrase(&error, self.lang))),
        }
        self.cves_changed();
    }
}
