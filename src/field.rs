//! The fields of every record kind, by name: one enum per kind. A field is what a problem
//! is about, what a label names, what a command-line option sets and what a form's row
//! edits, so that no front end keeps its own table of field names as strings.
//!
//! The key is the field's name in the record's YAML file (and in JSON); the words people
//! read for it are `messages`' (labels) and the command line's (options).

use std::fmt;

/// An enum of a record kind's fields, each with its key in the record's file.
macro_rules! fields {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The field's name in the record's file.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }
        }
    };
}

fields! {
    /// A finding's fields (`findings/F-….yaml`), and what else names it.
    FindingField {
        Id => "id",
        Title => "title",
        Domain => "domain",
        Controls => "controls",
        Description => "description",
        Cves => "cves",
        Cvss => "cvss",
        CvssSource => "cvss_source",
        RemoteTakeover => "remote_takeover",
        Severity => "severity",
        SeverityJustification => "severity_justification",
        Assets => "assets",
        Recommendation => "recommendation",
        Status => "status",
        StatusReason => "status_reason",
        // Not stored in the finding: the actions that address it, which keep it from
        // being removed.
        Actions => "actions",
        Evidence => "evidence",
    }
}

fields! {
    /// An action's fields (`actions/A-….yaml`).
    ActionField {
        Id => "id",
        Title => "title",
        Description => "description",
        Addresses => "addresses",
        Complexity => "complexity",
        Owner => "owner",
        Cost => "cost",
        CostAmount => "cost_amount",
        Currency => "currency",
        Deadline => "deadline",
        Status => "status",
        StatusReason => "status_reason",
    }
}

fields! {
    /// An asset's fields (an entry of `assets.yaml`).
    AssetField {
        Id => "id",
        Kind => "kind",
        Vendor => "vendor",
        Model => "model",
        Firmware => "firmware",
        Address => "address",
        Location => "location",
        Mac => "mac",
        Notes => "notes",
        // Not stored in the asset: the findings that name it, which keep it from being
        // removed.
        Findings => "findings",
    }
}

fields! {
    /// A control's answer (`answers/….yaml`).
    AnswerField {
        Control => "control",
        Level => "level",
        Observations => "observations",
        Evidence => "evidence",
    }
}

fields! {
    /// A domain's score set by the auditors (`overrides` in `engagement.yaml`).
    OverrideField {
        Domain => "domain",
        Score => "score",
        Justification => "justification",
    }
}

fields! {
    /// The engagement's details and the audit's scope (`engagement.yaml`).
    ScopeField {
        Client => "client",
        Site => "site",
        Contract => "contract",
        Auditors => "auditors",
        Included => "included",
        Excluded => "excluded",
        Limits => "limits",
    }
}

fields! {
    /// A decision on the scans' facts (`scans/….yaml`).
    ScanField {
        Scan => "scan",
        Fact => "fact",
    }
}

/// A field of any record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Finding(FindingField),
    Action(ActionField),
    Asset(AssetField),
    Answer(AnswerField),
    Override(OverrideField),
    Scope(ScopeField),
    Scan(ScanField),
}

impl Field {
    /// The field's name in the record's file.
    pub fn key(self) -> &'static str {
        match self {
            Field::Finding(field) => field.key(),
            Field::Action(field) => field.key(),
            Field::Asset(field) => field.key(),
            Field::Answer(field) => field.key(),
            Field::Override(field) => field.key(),
            Field::Scope(field) => field.key(),
            Field::Scan(field) => field.key(),
        }
    }

    /// Every field of every kind, for the tests that each has its words.
    pub fn all() -> impl Iterator<Item = Field> {
        let finding = FindingField::ALL.iter().copied().map(Field::Finding);
        let action = ActionField::ALL.iter().copied().map(Field::Action);
        let asset = AssetField::ALL.iter().copied().map(Field::Asset);
        let answer = AnswerField::ALL.iter().copied().map(Field::Answer);
        let overrides = OverrideField::ALL.iter().copied().map(Field::Override);
        let scope = ScopeField::ALL.iter().copied().map(Field::Scope);
        let scan = ScanField::ALL.iter().copied().map(Field::Scan);
        finding
            .chain(action)
            .chain(asset)
            .chain(answer)
            .chain(overrides)
            .chain(scope)
            .chain(scan)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A field equals its key: `field == "title"` reads as the record's file does.
impl PartialEq<&str> for Field {
    fn eq(&self, key: &&str) -> bool {
        self.key() == *key
    }
}

macro_rules! into_field {
    ($($kind:ident => $variant:ident),+) => {
        $(impl From<$kind> for Field {
            fn from(field: $kind) -> Field {
                Field::$variant(field)
            }
        })+
    };
}

into_field!(
    FindingField => Finding,
    ActionField => Action,
    AssetField => Asset,
    AnswerField => Answer,
    OverrideField => Override,
    ScopeField => Scope,
    ScanField => Scan
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_records_yaml_names_unique_within_a_kind() {
        assert_eq!(
            Field::from(FindingField::SeverityJustification).key(),
            "severity_justification"
        );
        assert_eq!(Field::from(ActionField::CostAmount).key(), "cost_amount");
        let kinds: [Vec<&str>; 3] = [
            FindingField::ALL.iter().map(|f| f.key()).collect(),
            ActionField::ALL.iter().map(|f| f.key()).collect(),
            AssetField::ALL.iter().map(|f| f.key()).collect(),
        ];
        for keys in kinds {
            let mut unique = keys.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), keys.len());
        }
    }
}
