//! The words of the command line's human output, one table per language: a French
//! engagement reads French at the terminal as in the checklist and the report. A field
//! missing from one table does not compile, so no message exists in one language only.
//! JSON output keeps its stable English keys and values; commit messages stay English, as
//! git history is read by tools as much as by people (README, "Languages").

use crate::grid::Lang;

pub struct Words {
    pub grid: &'static str,
    pub language: &'static str,
    pub domain: &'static str,
    pub answered: &'static str,
    pub score: &'static str,
    pub level: &'static str,
    pub total: &'static str,
    pub not_assessed: &'static str,
    /// `{}` is the computed score.
    pub set_by_auditor: &'static str,
    pub none: &'static str,
    /// An empty list or text of the scope.
    pub nothing_listed: &'static str,
    /// `{}` are the critical controls at 0, then the mean.
    pub capped: &'static str,
    /// `{}` is a count.
    pub not_applicable_count: &'static str,
    pub not_assessed_count: &'static str,
    /// `{}` is the finding's id and title.
    pub unplanned: &'static str,
    pub unplanned_hint: &'static str,
    /// Column headers of the lists, in capitals.
    pub col_severity: &'static str,
    pub col_domain: &'static str,
    pub col_status: &'static str,
    pub col_cves: &'static str,
    pub col_title: &'static str,
    pub no_findings: &'static str,
    /// `{}` are the number of findings, then of critical ones.
    pub findings_summary: &'static str,
    pub col_criticality: &'static str,
    pub col_due: &'static str,
    pub col_owner: &'static str,
    pub immediate: &'static str,
    pub overdue: &'static str,
    /// A severity set without a CVSS score.
    pub by_hand: &'static str,
    pub unrated: &'static str,
    pub no_actions: &'static str,
    /// `{}` are the number of actions, immediate ones, overdue ones, then today's date.
    pub actions_summary: &'static str,
    pub cost_heading: &'static str,
    /// `{}` are the owner, the amount, then the number of actions.
    pub cost_line: &'static str,
    pub col_kind: &'static str,
    pub col_vendor: &'static str,
    pub col_model: &'static str,
    pub col_firmware: &'static str,
    pub col_address: &'static str,
    pub col_location: &'static str,
    pub col_findings: &'static str,
    pub inventory_empty: &'static str,
    /// `{}` is the number of assets.
    pub assets_summary: &'static str,
    pub asset_updated: &'static str,
    /// `{}` is a number of rows.
    pub rows_unchanged: &'static str,
    /// The word before a saved change's commit message.
    pub saved: &'static str,
    /// After a save that detached evidence, one line per reference: `{}` is its path.
    pub detached_removed: &'static str,
    pub detached_kept_listed: &'static str,
    pub detached_kept: &'static str,
    pub col_round: &'static str,
    pub col_closed: &'static str,
    pub col_by: &'static str,
    pub col_overall: &'static str,
    pub col_next_audit: &'static str,
    pub in_progress: &'static str,
    pub working_copy: &'static str,
    pub no_round_closed: &'static str,
    /// `{}` are the last round's label, then the date.
    pub next_audit: &'static str,
    /// `{}` is a date already past.
    pub past: &'static str,
    /// `{}` is the number of answers carried over.
    pub reverify: &'static str,
    /// `{}` is the number of answers whose control changed in the grid.
    pub grid_changed: &'static str,
    /// `{}` are the grid, its older version, its newer one and the number of answers.
    pub regrid: &'static str,
    /// `{}` is a list of controls.
    pub regrid_added: &'static str,
    /// `{}` is a list of controls.
    pub regrid_removed: &'static str,
    /// `{}` is a list of controls with their levels; `{}` the newer scale's range.
    pub regrid_stranded: &'static str,
    /// `{}` is a list of findings, each with the removed controls it named.
    pub regrid_unlinked: &'static str,
    /// `{}` are the grid, the earlier side's version and the later side's.
    pub grid_moved: &'static str,
    /// `{}` is a list of controls with why.
    pub not_comparable: &'static str,
    /// `{}` are the earlier side, its date, the later side and its date.
    pub diff_from_to: &'static str,
    pub col_change: &'static str,
    pub no_control_changed: &'static str,
    /// `{}` is the number of controls.
    pub controls_changed: &'static str,
    /// `{}` are the later side, then the controls.
    pub still_to_reverify: &'static str,
    /// `{}` is a count.
    pub and_more: &'static str,
    pub findings_heading: &'static str,
    pub actions_heading: &'static str,
    /// Nothing in a group of findings or actions.
    pub nothing: &'static str,
    /// The findings' groups: resolved, opened, accepted, still open, removed.
    pub finding_groups: [&'static str; 5],
    /// The actions' groups: done, still open, new, dropped, removed.
    pub action_groups: [&'static str; 5],
    /// `{}` is a date.
    pub due: &'static str,
    /// `{}` is who wrote the observations that follow.
    pub said_by: &'static str,
    /// `{}` are the pack's version, its date, its entries, KEV-listed ones, then `pack_imported`.
    pub pack_line: &'static str,
    /// `{}` is a count.
    pub pack_imported: &'static str,
    /// `{}` are the assets, affected ones, CVEs affecting them, then assets to confirm.
    pub match_summary: &'static str,
    pub remote_takeover: &'static str,
    pub affected: &'static str,
    pub to_confirm: &'static str,
    pub no_cve_match: &'static str,
    /// `{}` are a count, then the assets.
    pub vendor_not_covered: &'static str,
    /// `{}` are a count, then the assets.
    pub without_vendor: &'static str,
    pub match_next: &'static str,
    pub error: &'static str,
    pub problem: &'static str,
    pub problems: &'static str,
    pub warning: &'static str,
    pub colon: &'static str,
    pub round_closed: &'static str,
    pub compared_with: &'static str,
    pub first_round: &'static str,
    pub next_audit_on: &'static str,
    pub next_start: &'static str,
    pub created_engagement: &'static str,
    /// `{}` are the engagement's folder and the top of its scale.
    pub next_answer: &'static str,
    /// `vmsaudit template`: no override; an override's standing; how to review; `{}` are
    /// the file and the start of its SHA-256; nothing to accept.
    pub template_none: &'static str,
    pub template_accepted: &'static str,
    pub template_new: &'static str,
    pub template_changed: &'static str,
    pub template_review: &'static str,
    pub template_accepted_line: &'static str,
    pub template_nothing: &'static str,
    /// The two sides of a template's diff.
    pub template_builtin: &'static str,
    pub template_this: &'static str,
    /// The commands that fix what keeps a finding or an asset from being removed.
    pub advice_asset_findings: &'static str,
    pub advice_finding_actions: &'static str,
    pub no_entry_matches: &'static str,
    /// `{}` are the file, its kind, the count read, `unit_records` or `unit_entries`, then
    /// the count kept.
    pub import_feed: &'static str,
    pub unit_records: &'static str,
    pub unit_entries: &'static str,
    /// The kinds of file `cve import` reads: NVD feed, KEV JSON, KEV CSV, empty feed.
    pub feed_kinds: [&'static str; 4],
    /// `{}` are a count, then why.
    pub import_left_out_count: &'static str,
    /// `{}` is why.
    pub import_left_out: &'static str,
    /// A record left out, named after the count: `{}` is its place in an NVD feed, or in a
    /// KEV catalogue.
    pub left_out_at: [&'static str; 2],
    /// `{}` are its id, then its place.
    pub left_out_named: &'static str,
    /// `{}` are the records named, joined by `, `.
    pub left_out_names: &'static str,
    /// A change's kind: a new CVE, one replacing the built-in entry, an imported one updated.
    pub change_kinds: [&'static str; 3],
    /// Why an import left a record out, in the order of `cve::import::Skip` (its last, `{}`,
    /// is what the pack's checks said).
    pub skips: [&'static str; 10],
    /// `{}` are a record's file, its place, its CVE id, then why it was left out.
    pub left_out_record: &'static str,
    /// `{}` is the warning.
    pub import_warning: &'static str,
    /// `{}` is a count.
    pub kev_unknown: &'static str,
    /// `{}` are the file being read, then the records read so far (standard error, on a
    /// terminal only).
    pub import_progress: &'static str,
    /// `{}` are the CVEs listed, then the KEV-listed ones.
    pub cve_list_legend: &'static str,
    pub cve_list_imported: &'static str,
    /// `{}` are the earlier and the later side.
    pub md_title: &'static str,
    pub col_control: &'static str,
    pub col_before: &'static str,
    pub col_after: &'static str,
    pub col_observations: &'static str,
    /// An empty section of the Markdown comparison.
    pub md_none: &'static str,
    pub critical: &'static str,
    pub log_never: &'static str,
    /// `{}` are the round's label, the date and who closed it.
    pub log_round_closed: &'static str,
    /// `{}` is the round's label.
    pub log_round_closed_short: &'static str,
    pub log_not_loading: &'static str,
    /// `{}` is a level.
    pub log_level: &'static str,
    /// `{}` are the new level, then the old one.
    pub log_level_was: &'static str,
    /// `{}` is a level.
    pub log_confirmed: &'static str,
    pub log_marked: &'static str,
    pub log_observations: &'static str,
    /// `{}` is a file name.
    pub log_evidence: &'static str,
    pub log_evidence_removed: &'static str,
    pub log_removed: &'static str,
    pub log_other: &'static str,
    pub scan_hosts: &'static str,
    pub scan_kept: &'static str,
    pub scan_next: &'static str,
    pub scan_none: &'static str,
    pub scan_columns: &'static str,
    pub scan_port_columns: &'static str,
    pub scan_firmware: &'static str,
    pub scan_identified: &'static str,
    pub scan_also_named: &'static str,
    pub scan_control_evidence: &'static str,
    pub scan_no_proposal: &'static str,
    pub scan_legend: &'static str,
    pub scan_certificate: &'static str,
    pub scan_self_signed: &'static str,
    pub scan_weakest: &'static str,
    pub capture_more_lines: &'static str,
    pub scan_tls_sep: &'static str,
    /// `{}` are the CVE, the change's kind, then what changed.
    pub change_line: &'static str,
    /// A quoted name or pattern.
    pub quoted: &'static str,
    /// `{}` are the vendor, then the quoted title.
    pub detail_new: &'static str,
    /// `{}` are the score and its source.
    pub detail_cvss: &'static str,
    /// `{}` are the score, its source, the score before and its source.
    pub detail_cvss_was: &'static str,
    /// `{}` is a count.
    pub detail_ranges: &'static str,
    /// `{}` are a count, then the count before.
    pub detail_ranges_was: &'static str,
    /// `{}` is a list of patterns.
    pub detail_patterns_added: &'static str,
    /// `{}` is a list of patterns.
    pub detail_patterns_removed: &'static str,
    /// `{}` is how many more a list has.
    pub detail_more: &'static str,
    /// `{}` is a date.
    pub detail_kev: &'static str,
    /// `{}` are the date, then the one before.
    pub detail_kev_was: &'static str,
    pub detail_kev_removed: &'static str,
    /// `{}` is a date.
    pub detail_published: &'static str,
    pub detail_no_cwe: &'static str,
    /// `{}` is a count.
    pub detail_references: &'static str,
    /// `{}` are the patterns kept, then the assets they keep listed.
    pub detail_kept: &'static str,
    /// `{}` are the asset, its quoted model, then its verdict before.
    pub detail_kept_asset: &'static str,
    pub detail_ranges_kept: &'static str,
    /// `{}` is a quoted CPE product name.
    pub name_no_model: &'static str,
    /// `{}` are the quoted name, the bracket at fault, its place, then what was read.
    pub name_unbalanced: &'static str,
    pub name_closing: &'static str,
    pub name_opening: &'static str,
    /// `{}` are the quoted name, then the limit.
    pub name_too_many: &'static str,
    pub name_runs_on: &'static str,
    /// `{}` are the file, `kev_released` or `kev_newest_added`, the catalogue's date, the pack's newest KEV CVE and its date.
    pub kev_older: &'static str,
    pub kev_released: &'static str,
    pub kev_newest_added: &'static str,
    /// `{}` are a count, then the assets.
    pub apply_to_confirm: &'static str,
    /// `{}` are the finding, a count, the assets, then `apply_to_confirm` or nothing.
    pub apply_created: &'static str,
    /// `{}` are the CVE, then the finding.
    pub apply_updated: &'static str,
    /// `{}` are the CVE, the finding, then `apply_to_confirm` or nothing.
    pub apply_up_to_date: &'static str,
    /// `{}` are the CVE, then `apply_to_confirm` or nothing.
    pub apply_confirm_only: &'static str,
    pub apply_nothing: &'static str,
    /// `{}` are the findings created, updated, then already up to date.
    pub apply_summary: &'static str,
    /// `{}` are the pack file, then `pack_summary`.
    pub check_ok: &'static str,
    /// Between the details of a change line.
    pub detail_separator: &'static str,
    /// How a captured command ended: `{}` is its exit code, the signal, or the timeout.
    pub capture_exit: &'static str,
    pub capture_signal: &'static str,
    pub capture_timeout: &'static str,
    pub capture_ended: &'static str,
    /// `{}` is the reference document's path.
    pub report_styles: &'static str,
    /// `{}` are the template's name, then its path.
    pub report_template: &'static str,
    /// `status`: `{}` is the count of evidence files not there.
    pub evidence_missing_count: &'static str,
    /// `status`: `{}` are the answers still to re-verify, then how many the round's start
    /// carried over.
    pub reverify_left_of: &'static str,
    /// `status`, a round started by an older version (the count carried over unknown): `{}`
    /// is the answers still to re-verify.
    pub reverify_left: &'static str,
    /// `{}` is the demo's folder.
    pub demo_shown: &'static str,
    /// `{}` are the demo's folder, the count of answers, then the folder again.
    pub demo_created: &'static str,
    /// `grid check`: `{}` is the count of typography warnings.
    pub grid_typography: &'static str,
    /// `grid check`: `{}` are the file, the grid's id and version, the counts of domains and
    /// controls, its languages, then `grid_typography` or nothing.
    pub grid_ok: &'static str,
}

const EN: Words = Words {
    grid: "grid",
    language: "language",
    domain: "Domain",
    answered: "Answered",
    score: "Score",
    level: "Level",
    total: "Total",
    not_assessed: "not assessed",
    set_by_auditor: "set by the auditor; computed {}",
    none: "none",
    nothing_listed: "none",
    capped: "capped: {} at 0; mean {}",
    not_applicable_count: "{} control(s) not applicable, not counted in scores.",
    not_assessed_count: "{} control(s) not assessed yet.",
    unplanned: "warning: critical finding {} has no action in the plan, although its treatment must be immediate.",
    unplanned_hint: "help: add one with `vmsaudit action add --addresses ID --title TEXT --complexity low --owner client`, or on the findings screen of the checklist (key A).",
    col_severity: "SEVERITY",
    col_domain: "DOMAIN",
    col_status: "STATUS",
    col_cves: "CVES",
    col_title: "TITLE",
    no_findings: "No findings yet. Add one with `vmsaudit finding add --title \"...\" --domain DOMAIN ...`.",
    findings_summary: "{} finding(s), {} critical ([!]: CVSS above 7.0 or remote takeover).",
    col_criticality: "CRITICALITY",
    col_due: "DUE",
    col_owner: "OWNER",
    immediate: "immediate",
    overdue: "OVERDUE",
    by_hand: "by hand",
    unrated: "unrated",
    no_actions: "No actions yet. Add one with `vmsaudit action add --title \"...\" --addresses FINDING --complexity low --owner client`.",
    actions_summary: "{} action(s): {} for immediate treatment ([!]), {} overdue (today is {}).",
    cost_heading: "Estimated cost (dropped actions excluded):",
    cost_line: "  {}: {} ({} action(s))",
    col_kind: "KIND",
    col_vendor: "VENDOR",
    col_model: "MODEL",
    col_firmware: "FIRMWARE",
    col_address: "ADDRESS",
    col_location: "LOCATION",
    col_findings: "FINDINGS",
    inventory_empty: "The inventory is empty. Add assets with `vmsaudit asset add ID --kind KIND` or `vmsaudit asset import FILE.csv`.",
    assets_summary: "{} asset(s).",
    asset_updated: "(the asset was already in the inventory: updated)",
    rows_unchanged: "{} row(s) unchanged",
    saved: "saved",
    detached_removed: "{}: detached, and its file removed from the working copy (git history keeps it)",
    detached_kept_listed: "{}: detached; the file stays, as another record lists it",
    detached_kept: "{}: detached; the file stays",
    col_round: "Round",
    col_closed: "Closed",
    col_by: "By",
    col_overall: "Overall",
    col_next_audit: "Next audit",
    in_progress: "in progress",
    working_copy: "working copy",
    no_round_closed: "No round closed yet: `vmsaudit audit close LABEL` closes one, renders its report and tags it.",
    next_audit: "Next audit recommended six months after {}: {}",
    past: "{}, past",
    reverify: "{} answers keep their level until re-verified: `vmsaudit` shows them with `?` (u jumps to the next one); `vmsaudit answer CONTROL --level N` confirms one",
    grid_changed: "{} answers to re-verify, their control changed in the grid since they were given:",
    regrid: "Grid {} moved from {} to {}: {} answers carried over with what changed in their control, to re-verify (`vmsaudit` shows it under the control)",
    regrid_added: "New controls, not assessed: {}",
    regrid_removed: "Controls removed from the grid (their answers stay in the history and the closed rounds): {}",
    regrid_stranded: "Levels the new scale ({}) does not have, not assessed until given a level again (`vmsaudit answer CONTROL --level N`): {}",
    regrid_unlinked: "Findings that named a removed control, kept without it (`vmsaudit finding edit ID --control CONTROL` links another): {}",
    grid_moved: "Grid {}: {} on the earlier side, {} on the later; levels are compared through the new grid's mapping",
    not_comparable: "Not comparable across the grid versions: {}",
    diff_from_to: "From {} ({}) to {} ({})",
    col_change: "Change",
    no_control_changed: "No control changed level.",
    controls_changed: "Controls whose level changed ({})",
    still_to_reverify: "Still to re-verify in {}: {}",
    and_more: " and {} more",
    findings_heading: "Findings",
    actions_heading: "Actions",
    nothing: "none",
    finding_groups: ["resolved", "opened", "accepted", "still open", "removed"],
    action_groups: ["done", "still open", "new", "dropped", "removed"],
    due: "due {}",
    said_by: "{}: ",
    pack_line: "CVE pack {} ({}): {} entries, {} KEV-listed{}",
    pack_imported: ", {} imported into this engagement",
    match_summary: "{} asset(s): {} affected by {} CVE(s), {} more to confirm.",
    remote_takeover: "[!] remote takeover",
    affected: "affected",
    to_confirm: "unknown",
    no_cve_match: "No asset matches a CVE of the pack.",
    vendor_not_covered: "{} asset(s) with a vendor the pack does not cover: {}",
    without_vendor: "{} asset(s) without a vendor, not matched: {}",
    match_next: "Next: `vmsaudit cve match --apply` makes a finding of each CVE that affects assets (the unknown ones are listed in it, to confirm).",
    error: "error",
    problem: "problem",
    problems: "problems",
    warning: "warning",
    colon: ":",
    round_closed: "closed round {} [{}], tagged {}",
    compared_with: "compared with round {}",
    first_round: "first round: nothing to compare with",
    next_audit_on: "next audit recommended: {}",
    next_start: "Next: `vmsaudit audit start LABEL` when the next round begins",
    created_engagement: "Created engagement {} for {} (grid {} {}, {} controls, language {})",
    next_answer: "Next: vmsaudit -C {} answer CONTROL --level 0..{}|na --note \"...\"",
    template_none: "no template override: reports use the built-in templates",
    template_accepted: "accepted",
    template_new: "NOT ACCEPTED (new)",
    template_changed: "NOT ACCEPTED (changed since accepted)",
    template_review: "review each with `vmsaudit template show NAME`, then `vmsaudit template accept NAME`",
    template_accepted_line: "accepted in this clone: {} (sha256 {})",
    template_nothing: "no template override to accept",
    template_builtin: "built in",
    template_this: "this engagement",
    advice_asset_findings: "`vmsaudit finding edit FINDING --asset ...` with the assets that remain, or --no-assets",
    advice_finding_actions: "`vmsaudit action edit ACTION --addresses ...`, or `vmsaudit action rm ACTION`",
    no_entry_matches: "No entry matches.",
    import_feed: "{}: {}, {} {} read, {} kept",
    unit_records: "record(s)",
    unit_entries: "entr(ies)",
    feed_kinds: [
        "NVD CVE JSON 2.0 feed",
        "CISA KEV catalogue (JSON)",
        "CISA KEV catalogue (CSV)",
        "empty feed",
    ],
    import_left_out_count: "  {} left out: {}",
    import_left_out: "left out: {}",
    left_out_at: ["record {}", "entry {}"],
    left_out_named: "{} ({})",
    left_out_names: " — {}",
    change_kinds: ["new", "replaces the built-in entry", "updated"],
    skips: [
        "KEV entry without a valid cveID and dateAdded",
        "neither an NVD record nor a KEV entry",
        "record without a valid CVE id",
        "no CPE configuration yet (NVD has not analysed it), vendor unknown",
        "vendor not covered by the pack",
        "rejected by NVD, left out",
        "no CPE configuration naming a vendor of the pack",
        "no CVSS 3.x or 4.0 vector (NVD, CNA or CISA-ADP)",
        "no published date",
        "{}",
    ],
    left_out_record: "{}: record {} ({}): {}",
    import_warning: "warning: {}",
    kev_unknown: "{} KEV entr(ies) name CVEs the pack does not have (import their NVD records to use them)",
    import_progress: "{}: {} record(s) read",
    cve_list_legend: "{} CVE(s), {} in the CISA KEV catalogue. CVSS: base score, version, source (nvd, vendor, cna, cisa-adp); [!]: allows remote takeover.",
    cve_list_imported: "*: imported into this engagement (cves/), in place of the built-in entry with that id if any.",
    md_title: "Changes from {} to {}",
    col_control: "Control",
    col_before: "Before",
    col_after: "After",
    col_observations: "Observations",
    md_none: "None.",
    critical: "critical",
    log_never: "never answered",
    log_round_closed: "── round {} closed on {} by {}",
    log_round_closed_short: "── round {} closed",
    log_not_loading: "the file does not load at this commit",
    log_level: "level {}",
    log_level_was: "level {} (was {})",
    log_confirmed: "level {} confirmed",
    log_marked: "marked to re-verify",
    log_observations: "observations changed",
    log_evidence: "evidence {} added",
    log_evidence_removed: "evidence {} detached",
    log_removed: "answer removed",
    log_other: "no change to the level or observations",
    scan_hosts: "  hosts: {}",
    scan_kept: "  kept, not overwritten: {}",
    scan_next: "Next: vmsaudit scan list — what the scans propose, per control",
    scan_none: "No scan imported yet: vmsaudit scan import FILE.xml (nmap -oX; see the README)",
    scan_columns: "SCAN|FILE|BY|STARTED|HOSTS|EVIDENCE",
    scan_port_columns: "  PORT|SERVICE|PRODUCT",
    scan_firmware: "firmware {}",
    scan_identified: "  identified from {}",
    scan_also_named: "  also named: {}",
    scan_control_evidence: "(evidence: {})",
    scan_no_proposal: "No proposal: the mapping of facts to controls names none of this grid's controls (scan-map.yaml).",
    scan_legend: "[ ] pending  [x] accepted  [-] dismissed. Open ports are facts, not vulnerabilities: vmsaudit scan accept|dismiss CONTROL [ID...]",
    scan_certificate: "certificate: subject {}, issuer {}, {} to {}",
    scan_self_signed: "self-signed",
    scan_weakest: "weakest grade {}",
    capture_more_lines: "| … {} more lines in the evidence",
    scan_tls_sep: "; ",
    change_line: "{}: {} — {}",
    quoted: "\"{}\"",
    detail_new: "{}: {}",
    detail_cvss: "CVSS {} ({})",
    detail_cvss_was: "CVSS {} ({}), was {} ({})",
    detail_ranges: "{} range(s)",
    detail_ranges_was: "{} range(s) from NVD, was {}",
    detail_patterns_added: "patterns added: {}",
    detail_patterns_removed: "patterns removed: {}",
    detail_more: " and {} more",
    detail_kev: "KEV {}",
    detail_kev_was: "KEV {}, was {}",
    detail_kev_removed: "KEV date removed",
    detail_published: "published {}",
    detail_no_cwe: "no CWE",
    detail_references: "{} reference(s) added",
    detail_kept: "kept the previous range(s) of {} beside NVD's, without which {} would drop out of the matches",
    detail_kept_asset: "{} {} ({})",
    detail_ranges_kept: "ranges kept (NVD gives no version)",
    name_no_model: "{} names no model: every model of the vendor",
    name_unbalanced: "{}: {} at character {}, read as {}",
    name_closing: "\")\" without \"(\"",
    name_opening: "\"(\" without its \")\"",
    name_too_many: "{}: more than {} combinations of option letters, read up to the first bracket",
    name_runs_on: "{} names no device: matched on the {} device model(s) it runs on, its versions not compared with their firmware (to confirm)",
    kev_older: "{}: this KEV catalogue ({} {}) is older than the pack's own KEV dates ({} listed {}): CVEs listed since are missing from it; download the current catalogue from CISA",
    kev_released: "released",
    kev_newest_added: "newest entry added",
    apply_to_confirm: "; {} asset(s) to confirm: {}",
    apply_created: "  {}: {} affected asset(s): {}{}",
    apply_updated: "{}: existing finding {} of this CVE updated: ",
    apply_up_to_date: "{}: {} already lists every affected asset, nothing to change{}",
    apply_confirm_only: "{}: no finding, no asset known to be affected{} (add a finding by hand once confirmed)",
    apply_nothing: "No asset matches a CVE of the pack: nothing to apply.",
    apply_summary: "{} finding(s) created, {} updated, {} already up to date.",
    check_ok: "{}: ok — {}",
    detail_separator: "; ",
    capture_exit: "exit {}",
    capture_signal: "killed by signal {}",
    capture_timeout: "killed after {} s (--timeout)",
    capture_ended: "ended",
    report_styles: "using the engagement's styles ({})",
    report_template: "using the engagement's {} ({})",
    evidence_missing_count: "Evidence files missing: {} (`vmsaudit report` names them, and checks every file's SHA-256)",
    reverify_left_of: "Answers carried over still to re-verify: {} of {} (`u` in the checklist goes to the next)",
    reverify_left: "Answers carried over still to re-verify: {} (`u` in the checklist goes to the next)",
    demo_shown: "{} already exists; showing it (remove the folder to start the demo afresh)\n",
    demo_created: "Created the demo engagement in {} ({} answers, one commit each: try `git -C {} log --oneline`)\n",
    grid_typography: " ({} typography warning(s) above)",
    grid_ok: "{}: ok — grid {} {}, {} domains, {} controls, languages {}{}",
};

const FR: Words = Words {
    grid: "grille",
    language: "langue",
    domain: "Domaine",
    answered: "Renseignés",
    score: "Score",
    level: "Niveau",
    total: "Total",
    not_assessed: "non évalué",
    set_by_auditor: "fixé par l'auditeur\u{a0}; calculé {}",
    none: "aucun",
    nothing_listed: "néant",
    capped: "plafonné\u{a0}: {} à 0\u{a0}; moyenne {}",
    not_applicable_count: "{} point(s) de contrôle non applicable(s), hors du calcul des scores.",
    not_assessed_count: "{} point(s) de contrôle pas encore évalué(s).",
    unplanned: "attention\u{a0}: la vulnérabilité critique {} n'a aucune action au plan, alors que son traitement doit être immédiat.",
    unplanned_hint: "aide\u{a0}: en ajouter une avec `vmsaudit action add --addresses ID --title TEXTE --complexity low --owner client`, ou sur l'écran des vulnérabilités de la checklist (touche A).",
    col_severity: "CRITICITÉ",
    col_domain: "DOMAINE",
    col_status: "STATUT",
    col_cves: "CVE",
    col_title: "TITRE",
    no_findings: "Aucune vulnérabilité ni aucun écart pour l'instant. En ajouter avec `vmsaudit finding add --title \"...\" --domain DOMAINE ...`.",
    findings_summary: "{} vulnérabilité(s) ou écart(s), dont {} critique(s) ([!]\u{a0}: CVSS supérieur à 7,0 ou prise de contrôle à distance).",
    col_criticality: "CRITICITÉ",
    col_due: "ÉCHÉANCE",
    col_owner: "RESPONSABLE",
    immediate: "immédiate",
    overdue: "EN RETARD",
    by_hand: "manuelle",
    unrated: "non cotée",
    no_actions: "Aucune action pour l'instant. En ajouter une avec `vmsaudit action add --title \"...\" --addresses ID --complexity low --owner client`.",
    actions_summary: "{} action(s)\u{a0}: {} en traitement immédiat ([!]), {} en retard (nous sommes le {}).",
    cost_heading: "Coût estimé (hors actions abandonnées)\u{a0}:",
    cost_line: "  {}\u{a0}: {} ({} action(s))",
    col_kind: "TYPE",
    col_vendor: "CONSTRUCTEUR",
    col_model: "MODÈLE",
    col_firmware: "FIRMWARE",
    col_address: "ADRESSE",
    col_location: "EMPLACEMENT",
    col_findings: "VULNÉRABILITÉS",
    inventory_empty: "L'inventaire est vide. Ajouter des équipements avec `vmsaudit asset add ID --kind KIND` ou `vmsaudit asset import FICHIER.csv`.",
    assets_summary: "{} équipement(s).",
    asset_updated: "(l'équipement était déjà à l'inventaire\u{a0}: mis à jour)",
    rows_unchanged: "{} ligne(s) inchangée(s)",
    saved: "enregistré",
    detached_removed: "{}\u{a0}: retirée, et son fichier supprimé de la copie de travail (l'historique git le garde)",
    detached_kept_listed: "{}\u{a0}: retirée\u{a0}; le fichier reste, car un autre enregistrement le liste",
    detached_kept: "{}\u{a0}: retirée\u{a0}; le fichier reste",
    col_round: "Campagne",
    col_closed: "Close le",
    col_by: "Par",
    col_overall: "Global",
    col_next_audit: "Prochain audit",
    in_progress: "en cours",
    working_copy: "copie de travail",
    no_round_closed: "Aucune campagne close pour l'instant\u{a0}: `vmsaudit audit close LIBELLÉ` en clôt une, produit son rapport et la marque d'une étiquette.",
    next_audit: "Prochain audit recommandé six mois après {}\u{a0}: {}",
    past: "{}, date passée",
    reverify: "{} réponse(s) gardent leur niveau jusqu'à revérification\u{a0}: `vmsaudit` les marque d'un `?` (u va à la suivante)\u{a0}; `vmsaudit answer CONTRÔLE --level N` en confirme une",
    grid_changed: "{} réponse(s) à revérifier, leur point de contrôle ayant changé dans la grille depuis\u{a0}:",
    regrid: "Grille {} passée de la version {} à la {}\u{a0}: {} réponse(s) reprise(s) avec ce qui a changé dans leur point de contrôle, à revérifier (`vmsaudit` l'affiche sous le point de contrôle)",
    regrid_added: "Nouveaux points de contrôle, non évalués\u{a0}: {}",
    regrid_removed: "Points de contrôle retirés de la grille (leurs réponses restent dans l'historique et les campagnes closes)\u{a0}: {}",
    regrid_stranded: "Niveaux absents de la nouvelle échelle ({}), non évalués tant qu'un niveau n'est pas redonné (`vmsaudit answer CONTRÔLE --level N`)\u{a0}: {}",
    regrid_unlinked: "Vulnérabilités qui nommaient un point de contrôle retiré, gardées sans lui (`vmsaudit finding edit ID --control CONTRÔLE` en rattache un autre)\u{a0}: {}",
    grid_moved: "Grille {}\u{a0}: {} avant, {} après\u{a0}; les niveaux sont comparés selon la correspondance de la nouvelle grille",
    not_comparable: "Non comparables d'une version de la grille à l'autre\u{a0}: {}",
    diff_from_to: "De {} ({}) à {} ({})",
    col_change: "Évolution",
    no_control_changed: "Aucun point de contrôle n'a changé de niveau.",
    controls_changed: "Points de contrôle dont le niveau a changé ({})",
    still_to_reverify: "Encore à revérifier dans {}\u{a0}: {}",
    and_more: " et {} autre(s)",
    findings_heading: "Vulnérabilités et écarts",
    actions_heading: "Actions",
    nothing: "aucune",
    finding_groups: [
        "corrigée",
        "nouvelle",
        "acceptée",
        "toujours ouverte",
        "supprimée",
    ],
    action_groups: [
        "réalisée",
        "toujours à faire",
        "nouvelle",
        "abandonnée",
        "supprimée",
    ],
    due: "échéance {}",
    said_by: "{}\u{a0}: ",
    pack_line: "Base CVE {} ({})\u{a0}: {} entrée(s), dont {} listée(s) KEV{}",
    pack_imported: ", {} importée(s) dans cet audit",
    match_summary: "{} équipement(s)\u{a0}: {} concerné(s) par {} CVE, {} autre(s) à confirmer.",
    remote_takeover: "[!] prise de contrôle à distance",
    affected: "concerné",
    to_confirm: "à confirmer",
    no_cve_match: "Aucun équipement ne correspond à une CVE de la base.",
    vendor_not_covered: "{} équipement(s) d'un constructeur que la base ne couvre pas\u{a0}: {}",
    without_vendor: "{} équipement(s) sans constructeur, non rapproché(s)\u{a0}: {}",
    match_next: "Ensuite\u{a0}: `vmsaudit cve match --apply` crée une vulnérabilité pour chaque CVE qui concerne des équipements (ceux à confirmer y sont listés).",
    error: "erreur",
    problem: "problème",
    problems: "problèmes",
    warning: "attention",
    colon: "\u{a0}:",
    round_closed: "campagne {} close [{}], étiquetée {}",
    compared_with: "comparée à la campagne {}",
    first_round: "première campagne\u{a0}: rien à comparer",
    next_audit_on: "prochain audit recommandé\u{a0}: {}",
    next_start: "Ensuite\u{a0}: `vmsaudit audit start LIBELLÉ` quand la campagne suivante commence",
    created_engagement: "Mission créée dans {} pour {} (grille {} {}, {} contrôles, langue {})",
    next_answer: "Ensuite\u{a0}: vmsaudit -C {} answer CONTRÔLE --level 0..{}|na --note \"...\"",
    template_none: "aucun modèle remplacé\u{a0}: les rapports utilisent les modèles intégrés",
    template_accepted: "accepté",
    template_new: "NON ACCEPTÉ (nouveau)",
    template_changed: "NON ACCEPTÉ (modifié depuis son acceptation)",
    template_review: "examinez chacun avec `vmsaudit template show NOM`, puis acceptez-le avec `vmsaudit template accept NOM`",
    template_accepted_line: "accepté dans ce clone\u{a0}: {} (sha256 {})",
    template_nothing: "aucun modèle remplacé à accepter",
    template_builtin: "intégré",
    template_this: "cet audit",
    advice_asset_findings: "`vmsaudit finding edit VULNÉRABILITÉ --asset ...` avec les équipements qui restent, ou --no-assets",
    advice_finding_actions: "`vmsaudit action edit ACTION --addresses ...`, ou `vmsaudit action rm ACTION`",
    no_entry_matches: "Aucune entrée ne correspond.",
    import_feed: "{}\u{a0}: {}, {} {} lu(e)s, {} retenu(e)s",
    unit_records: "fiche(s)",
    unit_entries: "entrée(s)",
    feed_kinds: [
        "flux NVD CVE JSON 2.0",
        "catalogue CISA KEV (JSON)",
        "catalogue CISA KEV (CSV)",
        "flux vide",
    ],
    import_left_out_count: "  {} écartée(s)\u{a0}: {}",
    import_left_out: "écartée\u{a0}: {}",
    left_out_at: ["enregistrement {}", "entrée {}"],
    left_out_named: "{} ({})",
    left_out_names: " — {}",
    change_kinds: ["nouvelle", "remplace l'entrée intégrée", "mise à jour"],
    skips: [
        "entrée KEV sans cveID ni dateAdded valides",
        "ni un enregistrement NVD ni une entrée KEV",
        "enregistrement sans identifiant CVE valide",
        "pas encore de configuration CPE (la NVD ne l'a pas analysée), constructeur inconnu",
        "constructeur absent du catalogue",
        "rejeté par la NVD, écarté",
        "aucune configuration CPE ne nomme un constructeur du catalogue",
        "aucun vecteur CVSS 3.x ou 4.0 (NVD, CNA ou CISA-ADP)",
        "aucune date de publication",
        "refusée par les contrôles du catalogue\u{a0}: {}",
    ],
    left_out_record: "{}\u{a0}: enregistrement {} ({})\u{a0}: {}",
    import_warning: "attention\u{a0}: {}",
    kev_unknown: "{} entrée(s) KEV désignent des CVE absentes de la base (importer leurs fiches NVD pour s'en servir)",
    import_progress: "{}\u{a0}: {} fiche(s) lue(s)",
    cve_list_legend: "{} CVE, dont {} au catalogue CISA KEV. CVSS\u{a0}: score de base, version, source (nvd, vendor, cna, cisa-adp)\u{a0}; [!]\u{a0}: permet une prise de contrôle à distance.",
    cve_list_imported: "*\u{a0}: importée dans cet audit (cves/), à la place de l'entrée intégrée de même identifiant s'il y en a une.",
    md_title: "Évolutions de {} à {}",
    col_control: "Point de contrôle",
    col_before: "Avant",
    col_after: "Après",
    col_observations: "Constats",
    md_none: "Aucun.",
    critical: "critique",
    log_never: "jamais répondu",
    log_round_closed: "── campagne {} close le {} par {}",
    log_round_closed_short: "── campagne {} close",
    log_not_loading: "le fichier ne se charge pas à ce commit",
    log_level: "niveau {}",
    log_level_was: "niveau {} (avant\u{a0}: {})",
    log_confirmed: "niveau {} confirmé",
    log_marked: "marqué à revérifier",
    log_observations: "constats modifiés",
    log_evidence: "preuve {} ajoutée",
    log_evidence_removed: "preuve {} retirée",
    log_removed: "réponse supprimée",
    log_other: "ni le niveau ni les constats n'ont changé",
    scan_hosts: "  hôtes\u{a0}: {}",
    scan_kept: "  conservé, non écrasé\u{a0}: {}",
    scan_next: "Ensuite\u{a0}: vmsaudit scan list — ce que les scans proposent, par point de contrôle",
    scan_none: "Aucun scan importé\u{a0}: vmsaudit scan import FICHIER.xml (nmap -oX\u{a0}; voir le README)",
    scan_columns: "SCAN|FICHIER|PAR|DÉBUT|HÔTES|PREUVE",
    scan_port_columns: "  PORT|SERVICE|PRODUIT",
    scan_firmware: "firmware {}",
    scan_identified: "  identifié par {}",
    scan_also_named: "  aussi nommé\u{a0}: {}",
    scan_control_evidence: "(preuve\u{a0}: {})",
    scan_no_proposal: "Aucune proposition\u{a0}: la correspondance des faits aux points de contrôle ne nomme aucun point de cette grille (scan-map.yaml).",
    scan_legend: "[ ] en attente  [x] accepté  [-] écarté. Un port ouvert est un fait, pas une vulnérabilité\u{a0}: vmsaudit scan accept|dismiss CONTRÔLE [ID...]",
    scan_certificate: "certificat\u{a0}: sujet {}, émetteur {}, du {} au {}",
    scan_self_signed: "auto-signé",
    scan_weakest: "note la plus faible {}",
    capture_more_lines: "| … {} lignes de plus dans la preuve",
    scan_tls_sep: "\u{a0}; ",
    change_line: "{}\u{a0}: {} — {}",
    quoted: "«\u{a0}{}\u{a0}»",
    detail_new: "{}\u{a0}: {}",
    detail_cvss: "CVSS {} ({})",
    detail_cvss_was: "CVSS {} ({}), auparavant {} ({})",
    detail_ranges: "{} plage(s)",
    detail_ranges_was: "{} plage(s) de la NVD, auparavant {}",
    detail_patterns_added: "motifs ajoutés\u{a0}: {}",
    detail_patterns_removed: "motifs retirés\u{a0}: {}",
    detail_more: " et {} autre(s)",
    detail_kev: "KEV {}",
    detail_kev_was: "KEV {}, auparavant {}",
    detail_kev_removed: "date KEV retirée",
    detail_published: "publiée le {}",
    detail_no_cwe: "aucune CWE",
    detail_references: "{} référence(s) ajoutée(s)",
    detail_kept: "plage(s) précédente(s) de {} conservée(s) à côté de celles de la NVD, sans lesquelles {} sortirai(en)t des correspondances",
    detail_kept_asset: "{} {} ({})",
    detail_ranges_kept: "plages conservées (la NVD ne donne aucune version)",
    name_no_model: "{} ne désigne aucun modèle\u{a0}: tous les modèles du constructeur",
    name_unbalanced: "{}\u{a0}: {} au caractère {}, lu comme {}",
    name_closing: "«\u{a0})\u{a0}» sans «\u{a0}(\u{a0}»",
    name_opening: "«\u{a0}(\u{a0}» sans son «\u{a0})\u{a0}»",
    name_too_many: "{}\u{a0}: plus de {} combinaisons de lettres d'option, lu jusqu'à la première parenthèse",
    name_runs_on: "{} ne désigne aucun appareil\u{a0}: rapproché des {} modèle(s) d'appareil sur lesquels il fonctionne, ses versions non comparées à leur firmware (à confirmer)",
    kev_older: "{}\u{a0}: ce catalogue KEV ({} le {}) est plus ancien que les dates KEV de la base ({} listée le {})\u{a0}: les CVE listées depuis y manquent\u{a0}; télécharger le catalogue à jour sur le site de la CISA",
    kev_released: "publié",
    kev_newest_added: "dernière entrée ajoutée",
    apply_to_confirm: "\u{a0}; {} équipement(s) à confirmer\u{a0}: {}",
    apply_created: "  {}\u{a0}: {} équipement(s) concerné(s)\u{a0}: {}{}",
    apply_updated: "{}\u{a0}: vulnérabilité {} existante de cette CVE mise à jour\u{a0}: ",
    apply_up_to_date: "{}\u{a0}: {} liste déjà tous les équipements concernés, rien à changer{}",
    apply_confirm_only: "{}\u{a0}: aucune vulnérabilité, aucun équipement concerné avéré{} (créer la vulnérabilité à la main une fois confirmée)",
    apply_nothing: "Aucun équipement ne correspond à une CVE de la base\u{a0}: rien à appliquer.",
    apply_summary: "{} vulnérabilité(s) créée(s), {} mise(s) à jour, {} déjà à jour.",
    check_ok: "{}\u{a0}: conforme — {}",
    detail_separator: "\u{a0}; ",
    capture_exit: "code de sortie {}",
    capture_signal: "tuée par le signal {}",
    capture_timeout: "arrêtée au bout de {}\u{a0}s (--timeout)",
    capture_ended: "terminée",
    report_styles: "styles de l'audit utilisés ({})",
    report_template: "modèle {} de l'audit utilisé ({})",
    evidence_missing_count: "Fichiers de preuve absents\u{a0}: {} (`vmsaudit report` les nomme, et vérifie le SHA-256 de chaque fichier)",
    reverify_left_of: "Réponses reprises encore à revérifier\u{a0}: {} sur {} (`u` dans la checklist mène à la suivante)",
    reverify_left: "Réponses reprises encore à revérifier\u{a0}: {} (`u` dans la checklist mène à la suivante)",
    demo_shown: "{} existe déjà\u{a0}; le voici (supprimez le dossier pour recommencer la démonstration)\n",
    demo_created: "Audit de démonstration créé dans {} ({}\u{a0}réponses, un commit chacune\u{a0}: essayez `git -C {} log --oneline`)\n",
    grid_typography: " ({}\u{a0}avertissement(s) de typographie ci-dessus)",
    grid_ok: "{}\u{a0}: conforme — grille {} {}, {}\u{a0}domaines, {}\u{a0}contrôles, langues {}{}",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

/// `template` with its `{}` replaced by `values`, in order (a value holding `{}` is not
/// filled again: records are untrusted).
pub fn fill_all(template: &str, values: &[&dyn std::fmt::Display]) -> String {
    let mut parts = template.split("{}");
    let mut out = parts.next().unwrap_or_default().to_owned();
    for (part, value) in parts.zip(
        values
            .iter()
            .map(ToString::to_string)
            .chain(std::iter::repeat(String::new())),
    ) {
        out.push_str(&value);
        out.push_str(part);
    }
    out
}

/// `template` with its `{}` replaced by `value`.
pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
    template.replacen("{}", &value.to_string(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// French typography: a no-break space, never a plain one, before `: ; ? !`.
    fn assert_french(texts: &[&str]) {
        for text in texts {
            for mark in [':', ';', '?', '!'] {
                assert!(!text.contains(&format!(" {mark}")), "{text:?}");
            }
        }
    }

    /// French typography in the words of records, plans and the inventory.
    #[test]
    fn french_typography_in_the_summaries_of_records() {
        let fr = &FR;
        assert_french(&[
            fr.set_by_auditor,
            fr.capped,
            fr.not_applicable_count,
            fr.not_assessed_count,
            fr.unplanned,
            fr.unplanned_hint,
            fr.no_findings,
            fr.findings_summary,
            fr.no_actions,
            fr.actions_summary,
            fr.cost_heading,
            fr.cost_line,
            fr.inventory_empty,
            fr.assets_summary,
            fr.asset_updated,
            fr.rows_unchanged,
        ]);
    }

    /// French typography in the words of rounds, grid versions and what changed between two.
    #[test]
    fn french_typography_in_rounds_and_grids() {
        let fr = &FR;
        assert_french(&[
            fr.no_round_closed,
            fr.next_audit,
            fr.reverify,
            fr.regrid,
            fr.regrid_added,
            fr.regrid_removed,
            fr.regrid_stranded,
            fr.regrid_unlinked,
            fr.grid_moved,
            fr.not_comparable,
            fr.still_to_reverify,
            fr.said_by,
        ]);
    }

    /// French typography in the words of the CVE pack, its matches and its import.
    #[test]
    fn french_typography_in_the_cve_pack() {
        let fr = &FR;
        assert_french(&[
            fr.pack_line,
            fr.match_summary,
            fr.vendor_not_covered,
            fr.without_vendor,
            fr.match_next,
            fr.import_feed,
            fr.import_left_out_count,
            fr.import_left_out,
            fr.left_out_at[0],
            fr.left_out_at[1],
            fr.left_out_names,
            fr.left_out_record,
            fr.skips[9],
            fr.import_warning,
            fr.import_progress,
            fr.cve_list_legend,
            fr.cve_list_imported,
            fr.change_line,
            fr.quoted,
            fr.detail_new,
            fr.detail_cvss,
            fr.detail_cvss_was,
            fr.detail_ranges,
            fr.detail_ranges_was,
            fr.detail_patterns_added,
            fr.detail_patterns_removed,
            fr.detail_more,
            fr.detail_kev,
            fr.detail_kev_was,
            fr.detail_kev_removed,
            fr.detail_published,
            fr.detail_no_cwe,
            fr.detail_references,
            fr.detail_kept,
            fr.detail_kept_asset,
            fr.detail_ranges_kept,
            fr.name_no_model,
            fr.name_unbalanced,
            fr.name_closing,
            fr.name_opening,
            fr.name_too_many,
            fr.name_runs_on,
            fr.kev_older,
            fr.kev_released,
            fr.kev_newest_added,
            fr.apply_to_confirm,
            fr.apply_created,
            fr.apply_updated,
            fr.apply_up_to_date,
            fr.apply_confirm_only,
            fr.apply_nothing,
            fr.apply_summary,
            fr.check_ok,
        ]);
    }

    /// French typography in the words of the log, the demo, the grid check and the capture.
    #[test]
    fn french_typography_in_the_other_commands() {
        let fr = &FR;
        assert_french(&[
            fr.log_level_was,
            fr.md_title,
            fr.log_round_closed,
            fr.capture_timeout,
            fr.demo_shown,
            fr.demo_created,
            fr.grid_ok,
            fr.grid_typography,
        ]);
    }
}
