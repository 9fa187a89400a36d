//! A person the manager leads ("medarbetare"): what is stored and what a form may send.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::text::{number_in, optional_line};
use crate::error::Invalid;

pub type PersonId = i64;

pub const NAME_MAX: usize = 100;
pub const ROLE_MAX: usize = 100;
/// RFC 5321's limit for a forward path.
pub const EMAIL_MAX: usize = 254;
/// "At most every N days": the guide's regular check-ins, two weeks unless set.
pub const DEFAULT_CADENCE_DAYS: u16 = 14;
pub const CADENCE_DAYS: std::ops::RangeInclusive<i64> = 1..=365;
/// A check-in is short: twenty minutes unless set.
pub const DEFAULT_CHECKIN_MINUTES: u16 = 20;
pub const CHECKIN_MINUTES: std::ops::RangeInclusive<i64> = 5..=240;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    /// Check-ins are due at most this many days after the last one.
    pub cadence_days: u16,
    /// The preferred length of a check-in, in minutes.
    pub checkin_minutes: u16,
    pub created_at: DateTime<Utc>,
    /// Set while the person is archived; archived people keep their history.
    pub archived_at: Option<DateTime<Utc>>,
    /// When, the manager said on adding them, they last talked (before any check-in here).
    pub last_talked_on: Option<NaiveDate>,
    /// The person's own video-meeting room, for a booked check-in (`model::meeting_link`).
    pub meeting_link: Option<String>,
}

impl Person {
    pub fn is_active(&self) -> bool {
        self.archived_at.is_none()
    }
}

/// What the person form sends, untrusted: any of it may be empty, long or odd.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonDraft {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// Absent: the default (14).
    #[serde(default)]
    pub cadence_days: Option<i64>,
    /// Absent: the default (20).
    #[serde(default)]
    pub checkin_minutes: Option<i64>,
}

/// Adding someone: the person form's draft and, optionally, when the manager last talked
/// with them ("YYYY-MM-DD", not in the future). Without it the first check-in falls due
/// within the first week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewPerson {
    #[serde(flatten)]
    pub draft: PersonDraft,
    #[serde(default)]
    #[ts(optional)]
    pub last_talked: Option<String>,
}

impl NewPerson {
    /// The draft checked, and the last talk as a date not after `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(ValidPerson, Option<NaiveDate>), Invalid> {
        let person = self.draft.validate()?;
        let last_talked = match self.last_talked.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(super::text::past_date(text, "lastTalked", today)?),
        };
        Ok((person, last_talked))
    }
}

/// A draft that passed validation: trimmed, bounded, e-mail well-formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPerson {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub cadence_days: u16,
    pub checkin_minutes: u16,
}

impl PersonDraft {
    pub fn validate(&self) -> Result<ValidPerson, Invalid> {
        let name = optional_line(
            Some(&self.name),
            "name",
            NAME_MAX,
            "error.invalid.name_too_long",
        )?
        .ok_or_else(|| Invalid::new("name", "error.invalid.name_empty"))?;
        let role = optional_line(
            self.role.as_deref(),
            "role",
            ROLE_MAX,
            "error.invalid.role_too_long",
        )?;
        let email = optional_line(
            self.email.as_deref(),
            "email",
            EMAIL_MAX,
            "error.invalid.email_too_long",
        )?;
        if let Some(email) = &email {
            if !looks_like_email(email) {
                return Err(Invalid::new("email", "error.invalid.email_format"));
            }
        }
        let cadence_days = in_range(
            self.cadence_days,
            DEFAULT_CADENCE_DAYS,
            CADENCE_DAYS,
            "cadenceDays",
            "error.invalid.cadence",
        )?;
        let checkin_minutes = in_range(
            self.checkin_minutes,
            DEFAULT_CHECKIN_MINUTES,
            CHECKIN_MINUTES,
            "checkinMinutes",
            "error.invalid.checkin_minutes",
        )?;
        Ok(ValidPerson {
            name,
            role,
            email,
            cadence_days,
            checkin_minutes,
        })
    }
}

fn in_range(
    value: Option<i64>,
    default: u16,
    range: std::ops::RangeInclusive<i64>,
    field: &'static str,
    key: &'static str,
) -> Result<u16, Invalid> {
    match value {
        None => Ok(default),
        Some(value) => number_in(value, range, field, key),
    }
}

/// An optional e-mail address as the person form checks it: trimmed, empty is none, at most
/// `EMAIL_MAX` characters, well-formed. The manager's own address is checked the same way.
pub fn optional_email(raw: Option<&str>, field: &'static str) -> Result<Option<String>, Invalid> {
    let email = optional_line(raw, field, EMAIL_MAX, "error.invalid.email_too_long")?;
    if let Some(email) = &email {
        if !looks_like_email(email) {
            return Err(Invalid::new(field, "error.invalid.email_format"));
        }
    }
    Ok(email)
}

/// A deliberately modest check: one `@`, something before it, a dotted domain after it, no
/// spaces. The address is only shown and exported, never used to send mail, so anything
/// stricter would refuse real addresses for no gain.
fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
        && domain.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn draft(name: &str, role: Option<&str>, email: Option<&str>) -> PersonDraft {
        PersonDraft {
            name: name.into(),
            role: role.map(Into::into),
            email: email.map(Into::into),
            ..PersonDraft::default()
        }
    }

    #[test]
    fn trims_and_drops_empty_optionals() {
        let valid = draft("  Anna Lind ", Some("  "), Some(" anna@example.se "))
            .validate()
            .unwrap();
        assert_eq!(valid.name, "Anna Lind");
        assert_eq!(valid.role, None);
        assert_eq!(valid.email.as_deref(), Some("anna@example.se"));
    }

    #[test]
    fn refuses_with_the_field_and_reason() {
        let cases = [
            (draft("", None, None), "name", "error.invalid.name_empty"),
            (draft("   ", None, None), "name", "error.invalid.name_empty"),
            (
                draft(&"x".repeat(NAME_MAX + 1), None, None),
                "name",
                "error.invalid.name_too_long",
            ),
            (
                draft("Anna\nLind", None, None),
                "name",
                "error.invalid.control_chars",
            ),
            (
                draft("Anna", Some(&"r".repeat(ROLE_MAX + 1)), None),
                "role",
                "error.invalid.role_too_long",
            ),
            (
                draft("Anna", None, Some("anna")),
                "email",
                "error.invalid.email_format",
            ),
            (
                draft("Anna", None, Some("anna@localhost")),
                "email",
                "error.invalid.email_format",
            ),
            (
                draft("Anna", None, Some("an na@example.se")),
                "email",
                "error.invalid.email_format",
            ),
            (
                draft("Anna", None, Some("a@b@example.se")),
                "email",
                "error.invalid.email_format",
            ),
        ];
        for (input, field, key) in cases {
            let err = input.validate().unwrap_err();
            assert_eq!((err.field, err.key), (field, key), "{input:?}");
        }
    }

    #[test]
    fn cadence_and_length_default_and_are_bounded() {
        let valid = draft("Anna", None, None).validate().unwrap();
        assert_eq!((valid.cadence_days, valid.checkin_minutes), (14, 20));
        for (cadence, minutes, field) in [
            (Some(0), None, "cadenceDays"),
            (Some(366), None, "cadenceDays"),
            (Some(-7), None, "cadenceDays"),
            (None, Some(4), "checkinMinutes"),
            (None, Some(241), "checkinMinutes"),
        ] {
            let input = PersonDraft {
                cadence_days: cadence,
                checkin_minutes: minutes,
                ..draft("Anna", None, None)
            };
            assert_eq!(input.validate().unwrap_err().field, field);
        }
        let input = PersonDraft {
            cadence_days: Some(7),
            checkin_minutes: Some(45),
            ..draft("Anna", None, None)
        };
        let valid = input.validate().unwrap();
        assert_eq!((valid.cadence_days, valid.checkin_minutes), (7, 45));
    }

    #[test]
    fn counts_characters_not_bytes() {
        let name = "Å".repeat(NAME_MAX);
        assert!(draft(&name, None, None).validate().is_ok());
    }

    proptest! {
        #[test]
        fn a_valid_draft_is_trimmed_bounded_and_printable(name in "\\PC{0,120}", role in proptest::option::of("\\PC{0,120}")) {
            if let Ok(valid) = draft(&name, role.as_deref(), None).validate() {
                prop_assert!(!valid.name.is_empty());
                prop_assert_eq!(valid.name.trim(), valid.name.as_str());
                prop_assert!(valid.name.chars().count() <= NAME_MAX);
                prop_assert!(!valid.name.chars().any(char::is_control));
                if let Some(role) = valid.role {
                    prop_assert!(role.chars().count() <= ROLE_MAX && !role.is_empty());
                }
            }
        }
    }
}
