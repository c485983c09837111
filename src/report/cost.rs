//! An action's cost text without the amount it restates.
//!
//! The auditor gives the amount as a number (`--amount 12000 --currency EUR`) and often
//! types it again in the free text (`12 000 € HT`). The report shows the amount once, in the
//! reader's format, then the text. Only a figure that is the amount, in the amount's
//! currency, at the start or the end of the text, is taken out: any other figure (`3 licences
//! à 250 €`) is what the text adds and stays as typed.

use crate::assessment::Amount;

/// The text with the amount it restates taken out, and the punctuation that tied that figure
/// to the rest; the text as typed when it does not restate the amount.
pub(super) fn without_amount<'a>(text: &'a str, amount: Amount, currency: &str) -> &'a str {
    let leading = read_figure(text, currency).filter(|&(_, value)| value.matches(amount));
    let rest = if let Some((len, _)) = leading {
        text[len..].trim_start_matches(is_joint)
    } else if let Some(start) = trailing_figure(text, amount, currency) {
        text[..start].trim_end_matches(is_joint)
    } else {
        return text;
    };
    unwrap_parentheses(rest.trim())
}

/// What may join a figure to the words after or before it: `12 000 € : licences`,
/// `licences, 750 €`.
fn is_joint(c: char) -> bool {
    c.is_whitespace() || ",;:-–—=".contains(c)
}

/// `(interne)` → `interne`, when the outer parentheses enclose the whole text.
fn unwrap_parentheses(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) else {
        return text;
    };
    let mut depth = 0usize;
    for c in inner.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return text,
            ')' => depth -= 1,
            _ => {}
        }
    }
    if depth == 0 { inner.trim() } else { text }
}

/// A figure read from the text: its value, and whether a currency sign or code went with it.
#[derive(Clone, Copy)]
struct Value {
    hundredths: u64,
    marked: bool,
}

impl Value {
    fn matches(self, amount: Amount) -> bool {
        self.hundredths == amount.hundredths()
    }
}

/// Where a figure that ends the text and states the amount starts (`licences : 750 €`).
fn trailing_figure(text: &str, amount: Amount, currency: &str) -> Option<usize> {
    // A figure with its currency is short: looking further back only costs time.
    const LONGEST: usize = 48;
    let from = text.len().saturating_sub(LONGEST);
    text.char_indices()
        .filter(|&(i, _)| i >= from)
        .filter(|&(i, _)| text[..i].chars().next_back().is_none_or(is_joint))
        .find_map(|(i, _)| {
            let (len, value) = read_figure(&text[i..], currency)?;
            (i + len == text.len() && value.matches(amount) && (value.marked || i == 0))
                .then_some(i)
        })
}

/// A figure at the start of `text` (`12 000 €`, `EUR 12,000.00`, `12k€`, `750`): its length
/// in bytes and its value. A number without a currency counts only when it is the whole
/// text: `750 licences` says 750 licences, not 750 euros.
fn read_figure(text: &str, currency: &str) -> Option<(usize, Value)> {
    let lead = currency_mark(text, currency).unwrap_or(0);
    let after_lead = lead + space_len(&text[lead..]);
    let (number_len, hundredths) = read_number(&text[after_lead..])?;
    let mut end = after_lead + number_len;
    let mut marked = lead > 0;
    if !marked {
        let gap = space_len(&text[end..]);
        if let Some(len) = currency_mark(&text[end + gap..], currency) {
            end += gap + len;
            marked = true;
        }
    }
    if text[end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    if !marked && !text[end..].trim().is_empty() {
        return None;
    }
    Some((end, Value { hundredths, marked }))
}

/// The length of the amount's currency sign or code at the start of `text`: `€` for EUR, `$`
/// for USD, `£` for GBP, the code itself in any case, `euros`.
fn currency_mark(text: &str, currency: &str) -> Option<usize> {
    let sign = match currency.to_ascii_uppercase().as_str() {
        "EUR" => Some('€'),
        "USD" => Some('$'),
        "GBP" => Some('£'),
        _ => None,
    };
    if let Some(sign) = sign
        && text.starts_with(sign)
    {
        return Some(sign.len_utf8());
    }
    let word_len = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    let word = &text[..word_len];
    let euros = currency.eq_ignore_ascii_case("EUR")
        && ["euro", "euros"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w));
    (word_len > 0 && (word.eq_ignore_ascii_case(currency) || euros)).then_some(word_len)
}

/// Spaces between a figure and its currency, no-break ones included.
fn space_len(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// A number at the start of `text` in hundredths: digits, thousands grouped by a space, a
/// no-break space, `'`, `,` or `.`, a decimal part of one or two digits after the last `,` or
/// `.`, and `k` for thousands.
fn read_number(text: &str) -> Option<(usize, u64)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if !chars.first().is_some_and(|(_, c)| c.is_ascii_digit()) {
        return None;
    }
    let mut end = 0;
    let mut digits = String::new();
    let mut last_separator: Option<(char, usize)> = None;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index].1;
        if c.is_ascii_digit() {
            digits.push(c);
        } else if " \u{A0}\u{202F}',.".contains(c)
            && chars
                .get(index + 1)
                .is_some_and(|(_, n)| n.is_ascii_digit())
        {
            last_separator = Some((c, digits.len()));
        } else {
            break;
        }
        index += 1;
        end = chars.get(index).map_or(text.len(), |&(i, _)| i);
    }
    let decimals = match last_separator {
        Some((',' | '.', at)) if (1..=2).contains(&(digits.len() - at)) => digits.len() - at,
        _ => 0,
    };
    let scale = [100u64, 10, 1][decimals];
    let mut hundredths = digits.parse::<u64>().ok()?.checked_mul(scale)?;
    if let Some(&(at, 'k' | 'K')) = chars.get(index)
        && !chars
            .get(index + 1)
            .is_some_and(|(_, c)| c.is_alphanumeric())
    {
        hundredths = hundredths.checked_mul(1000)?;
        end = at + 1;
    }
    Some((end, hundredths))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(units: u64) -> Amount {
        Amount::from_hundredths(units * 100)
    }

    #[test]
    fn only_the_amount_restated_is_taken_out() {
        let cases = [
            ("12 000 € HT", 12_000, "HT"),
            ("12\u{202F}000 € HT", 12_000, "HT"),
            (
                "12 000 € HT, dont 2 jours de paramétrage",
                12_000,
                "HT, dont 2 jours de paramétrage",
            ),
            ("0 € (interne)", 0, "interne"),
            ("EUR 1,500.00 - licences", 1_500, "licences"),
            ("1.500,50 euros", 1_500, "1.500,50 euros"),
            ("12k€", 12_000, ""),
            ("12000 EUR", 12_000, ""),
            ("750", 750, ""),
            ("licences : 750 €", 750, "licences"),
            ("3 licences à 250 € HT", 750, "3 licences à 250 € HT"),
            ("2 jours d'exploitation", 800, "2 jours d'exploitation"),
            ("750 licences", 750, "750 licences"),
            ("750 USD", 750, "750 USD"),
            ("(interne) (sur devis)", 0, "(interne) (sur devis)"),
            ("about 750 €", 750, "about"),
            ("2750 €", 750, "2750 €"),
        ];
        for (text, units, rest) in cases {
            assert_eq!(without_amount(text, amount(units), "EUR"), rest, "{text}");
        }
        assert_eq!(
            without_amount("1.500,50 euros", Amount::from_hundredths(150_050), "EUR"),
            ""
        );
    }
}
