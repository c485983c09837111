use std::fmt;
use std::str::FromStr;

use crate::messages::AuditorFlaw;

/// A person on the engagement, written `Name <email>` as git writes authors.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Auditor {
    pub name: String,
    pub email: String,
}

impl FromStr for Auditor {
    type Err = AuditorFlaw;

    fn from_str(text: &str) -> Result<Self, AuditorFlaw> {
        let text = text.trim();
        let (name, email) = match text.split_once('<') {
            Some((name, rest)) => {
                let email = rest
                    .strip_suffix('>')
                    .ok_or_else(|| AuditorFlaw::Unclosed(text.to_owned()))?;
                (name.trim(), email.trim())
            }
            None => (text, ""),
        };
        if name.is_empty() {
            return Err(AuditorFlaw::NoName(text.to_owned()));
        }
        // Bidi overrides as well: in a commit's author, they reorder what `git log` shows.
        let forbidden = |c: char| crate::text::is_unsafe(c) || matches!(c, '<' | '>');
        if name.chars().any(forbidden) || email.chars().any(forbidden) {
            return Err(AuditorFlaw::Forbidden(text.to_owned()));
        }
        if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
            return Err(AuditorFlaw::NotEmail(email.to_owned()));
        }
        Ok(Auditor {
            name: name.to_owned(),
            email: email.to_owned(),
        })
    }
}

impl fmt::Display for Auditor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.email.is_empty() {
            write!(f, "{}", self.name)
        } else {
            write!(f, "{} <{}>", self.name, self.email)
        }
    }
}

super::serde_as_text!(Auditor);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_git_style_authors() {
        let auditor: Auditor = "Jeanne Martin <jm@example.org>".parse().unwrap();
        assert_eq!(auditor.name, "Jeanne Martin");
        assert_eq!(auditor.email, "jm@example.org");
        assert_eq!(auditor.to_string(), "Jeanne Martin <jm@example.org>");
        let bare: Auditor = "  Jeanne  ".parse().unwrap();
        assert_eq!(bare.to_string(), "Jeanne");
    }

    #[test]
    fn refuses_malformed_authors() {
        for bad in [
            "",
            "<jm@example.org>",
            "Jeanne <jm@example.org",
            "Jeanne <not an email>",
            "J\x1b[2J <a@b>",
            "Jeanne \u{202e}nitraM <jm@example.org>",
        ] {
            assert!(bad.parse::<Auditor>().is_err(), "{bad:?} was accepted");
        }
    }
}
