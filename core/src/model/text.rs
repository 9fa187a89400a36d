//! Shared checks for what people type into forms: one-line texts, titles, paragraphs,
//! dates and times, dates that cannot lie in the future, and bounded whole numbers.

use std::ops::RangeInclusive;

use chrono::{NaiveDate, NaiveTime};

use crate::error::Invalid;

/// Trims `raw` and checks it is at most `max` characters without control characters.
/// Returns `None` for empty (after trimming) text.
pub(crate) fn optional_line(
    raw: Option<&str>,
    field: &'static str,
    max: usize,
    too_long_key: &'static str,
) -> Result<Option<String>, Invalid> {
    let Some(text) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(Invalid::new(field, too_long_key).with("max", max));
    }
    if text.chars().any(char::is_control) {
        return Err(Invalid::new(field, "error.invalid.control_chars"));
    }
    Ok(Some(text.to_owned()))
}

/// The longest meeting link kept: Teams links with their context run to a few hundred
/// characters; anything far longer is not a link someone pasted.
pub const LINK_MAX: usize = 2000;

/// An optional video-meeting link (Teams, Zoom, Meet, Jitsi, any https page): trimmed,
/// `https://` with a host, no spaces, no user name before the host (a link that hides where
/// it goes behind `@`), at most `LINK_MAX` characters. Empty is none. Only such links are
/// ever opened.
pub fn meeting_link(raw: Option<&str>, field: &'static str) -> Result<Option<String>, Invalid> {
    let Some(link) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if link.chars().count() > LINK_MAX {
        return Err(Invalid::new(field, "error.invalid.link_too_long").with("max", LINK_MAX));
    }
    let rest = link
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .map(|_| &link[8..])
        .ok_or_else(|| Invalid::new(field, "error.invalid.link_https"))?;
    if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Invalid::new(field, "error.invalid.link_spaces"));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once(':')
        .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
        .map_or(authority, |(host, _)| host);
    let host_ok = !host.is_empty()
        && !authority.contains('@')
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if !host_ok {
        return Err(Invalid::new(field, "error.invalid.link_host"));
    }
    Ok(Some(link.to_owned()))
}

/// A required one-line text: `optional_line`, and `empty_key` when there is nothing.
pub(crate) fn line(
    raw: &str,
    field: &'static str,
    max: usize,
    empty_key: &'static str,
    too_long_key: &'static str,
) -> Result<String, Invalid> {
    optional_line(Some(raw), field, max, too_long_key)?
        .ok_or_else(|| Invalid::new(field, empty_key))
}

/// A required one-line title of at most `max` characters.
pub(crate) fn title(raw: &str, max: usize) -> Result<String, Invalid> {
    line(
        raw,
        "title",
        max,
        "error.invalid.title_empty",
        "error.invalid.title_too_long",
    )
}

/// A whole number in `range` (which fits a u16, as the store keeps it); outside it, `key`
/// with the bounds as `min` and `max`.
pub(crate) fn number_in(
    value: i64,
    range: RangeInclusive<i64>,
    field: &'static str,
    key: &'static str,
) -> Result<u16, Invalid> {
    let refused = || {
        Invalid::new(field, key)
            .with("min", range.start())
            .with("max", range.end())
    };
    if !range.contains(&value) {
        return Err(refused());
    }
    u16::try_from(value).map_err(|_| refused())
}

/// A "YYYY-MM-DD" date as a form sends it.
pub(crate) fn date(text: &str, field: &'static str) -> Result<NaiveDate, Invalid> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Invalid::new(field, "error.invalid.date"))
}

/// An "HH:MM" (or "HH:MM:SS") time of day as a form sends it.
pub(crate) fn time(text: &str, field: &'static str) -> Result<NaiveTime, Invalid> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .map_err(|_| Invalid::new(field, "error.invalid.time"))
}

/// A "YYYY-MM-DD" date that is not after `today`.
pub(crate) fn past_date(
    text: &str,
    field: &'static str,
    today: NaiveDate,
) -> Result<NaiveDate, Invalid> {
    let date = date(text, field)?;
    if date > today {
        return Err(Invalid::new(field, "error.invalid.future_date"));
    }
    Ok(date)
}

/// Trims a multi-line text, turns Windows and old Mac line ends into `\n`, and checks it is
/// at most `max` characters with no control characters but line breaks and tabs. Returns
/// `None` for empty text. Descriptions and responses are paragraphs, so unlike the one-line
/// fields they keep their line breaks.
pub(crate) fn optional_text(
    raw: Option<&str>,
    field: &'static str,
    max: usize,
    too_long_key: &'static str,
) -> Result<Option<String>, Invalid> {
    let Some(text) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.chars().count() > max {
        return Err(Invalid::new(field, too_long_key).with("max", max));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Invalid::new(field, "error.invalid.control_chars_text"));
    }
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_link_is_https_with_a_host_or_none() {
        for good in [
            "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%7d",
            "https://zoom.us/j/123456789?pwd=abc",
            "  https://meet.google.com/abc-defg-hij  ",
            "https://meet.jit.si/NarvaroFika",
            "HTTPS://videomöte.example.se:8443/rum",
        ] {
            let link = meeting_link(Some(good), "meetingLink").unwrap().unwrap();
            assert_eq!(link, good.trim());
        }
        assert_eq!(meeting_link(None, "meetingLink").unwrap(), None);
        assert_eq!(meeting_link(Some("   "), "meetingLink").unwrap(), None);
        for (bad, key) in [
            ("http://zoom.us/j/1", "error.invalid.link_https"),
            ("javascript:alert(1)", "error.invalid.link_https"),
            ("file:///etc/passwd", "error.invalid.link_https"),
            ("zoom.us/j/1", "error.invalid.link_https"),
            ("https://", "error.invalid.link_host"),
            ("https:///path", "error.invalid.link_host"),
            ("https://evil.example@bank.se/", "error.invalid.link_host"),
            ("https://a..b/", "error.invalid.link_host"),
            ("https://zoom.us/j/1 2", "error.invalid.link_spaces"),
            ("https://zoom.us/\u{7}", "error.invalid.link_spaces"),
        ] {
            let err = meeting_link(Some(bad), "meetingLink").unwrap_err();
            assert_eq!((err.field, err.key), ("meetingLink", key), "{bad}");
        }
        let long = format!("https://x.se/{}", "a".repeat(LINK_MAX));
        let err = meeting_link(Some(&long), "meetingLink").unwrap_err();
        assert_eq!(err.key, "error.invalid.link_too_long");
    }
}
