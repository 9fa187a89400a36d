//! An idea ("idé") for improving remote work: who suggested it (or nobody, when anonymous),
//! its status, and the manager's response.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::person::PersonId;
use super::text::{optional_text, past_date, title};
use crate::error::Invalid;

pub type IdeaId = i64;

pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 4000;
pub const RESPONSE_MAX: usize = 4000;
/// An idea without a response for this many days is due a report back: two weeks unless set.
pub const DEFAULT_REPORT_BACK_DAYS: u16 = 14;
pub const REPORT_BACK_DAYS: std::ops::RangeInclusive<i64> = 1..=365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdeaStatus {
    New,
    Discussing,
    Trying,
    Adopted,
    Declined,
}

impl IdeaStatus {
    pub const ALL: [IdeaStatus; 5] = [
        IdeaStatus::New,
        IdeaStatus::Discussing,
        IdeaStatus::Trying,
        IdeaStatus::Adopted,
        IdeaStatus::Declined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            IdeaStatus::New => "new",
            IdeaStatus::Discussing => "discussing",
            IdeaStatus::Trying => "trying",
            IdeaStatus::Adopted => "adopted",
            IdeaStatus::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<IdeaStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Idea {
    pub id: IdeaId,
    pub title: String,
    pub description: Option<String>,
    /// Who suggested it; none when it was given anonymously.
    pub suggested_by: Option<PersonId>,
    /// The local date it was suggested: the report-back reminder counts from here.
    pub suggested_on: NaiveDate,
    pub status: IdeaStatus,
    /// What the manager answered.
    pub response: Option<String>,
    /// The local date of the response; set together with `response`.
    pub responded_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// What the idea form sends, untrusted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeaDraft {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The person who suggested it; absent: anonymous.
    #[serde(default)]
    pub suggested_by: Option<i64>,
    /// "YYYY-MM-DD", not in the future. Absent: today (new) or unchanged (edit).
    #[serde(default)]
    pub suggested_on: Option<String>,
    /// Absent: new (new idea) or unchanged (edit).
    #[serde(default)]
    pub status: Option<IdeaStatus>,
}

/// A draft that passed the checks that need no store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidIdea {
    pub title: String,
    pub description: Option<String>,
    pub suggested_by: Option<PersonId>,
    pub suggested_on: Option<NaiveDate>,
    pub status: Option<IdeaStatus>,
}

impl IdeaDraft {
    /// Checks the draft; `today` is the manager's local date.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidIdea, Invalid> {
        let title = title(&self.title, TITLE_MAX)?;
        let description = optional_text(
            self.description.as_deref(),
            "description",
            DESCRIPTION_MAX,
            "error.invalid.description_too_long",
        )?;
        if let Some(id) = self.suggested_by {
            super::check_id(id, "suggestedBy")?;
        }
        let suggested_on = self
            .suggested_on
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|text| past_date(text, "suggestedOn", today))
            .transpose()?;
        Ok(ValidIdea {
            title,
            description,
            suggested_by: self.suggested_by,
            suggested_on,
            status: self.status,
        })
    }
}

/// Checks a response: at most `RESPONSE_MAX` characters; empty clears it.
pub fn validate_response(text: &str) -> Result<Option<String>, Invalid> {
    optional_text(
        Some(text),
        "response",
        RESPONSE_MAX,
        "error.invalid.response_too_long",
    )
}

/// An idea whose suggester is still waiting for an answer: Today shows
/// "Report back on: <title>".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportBackDue {
    pub idea_id: IdeaId,
    pub title: String,
    pub suggested_on: NaiveDate,
    /// The day it became due: suggested on + the set number of days.
    pub due_on: NaiveDate,
    /// Days since it was suggested.
    pub days_waiting: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::today;

    fn draft(title: &str) -> IdeaDraft {
        IdeaDraft {
            title: title.into(),
            ..IdeaDraft::default()
        }
    }

    #[test]
    fn anonymous_is_no_person_and_the_date_is_optional() {
        let valid = draft(" Walking meetings ").validate(today()).unwrap();
        assert_eq!(valid.title, "Walking meetings");
        assert_eq!((valid.suggested_by, valid.suggested_on), (None, None));
    }

    #[test]
    fn refuses_with_the_field_and_reason() {
        let cases = [
            (draft(" "), "title", "error.invalid.title_empty"),
            (
                draft(&"i".repeat(TITLE_MAX + 1)),
                "title",
                "error.invalid.title_too_long",
            ),
            (
                IdeaDraft {
                    description: Some("d".repeat(DESCRIPTION_MAX + 1)),
                    ..draft("Idea")
                },
                "description",
                "error.invalid.description_too_long",
            ),
            (
                IdeaDraft {
                    suggested_by: Some(0),
                    ..draft("Idea")
                },
                "suggestedBy",
                "error.invalid.id",
            ),
            (
                IdeaDraft {
                    suggested_on: Some("2026-11-31".into()),
                    ..draft("Idea")
                },
                "suggestedOn",
                "error.invalid.date",
            ),
            (
                IdeaDraft {
                    suggested_on: Some("2027-01-01".into()),
                    ..draft("Idea")
                },
                "suggestedOn",
                "error.invalid.future_date",
            ),
        ];
        for (input, field, key) in cases {
            let err = input.validate(today()).unwrap_err();
            assert_eq!((err.field, err.key), (field, key), "{input:?}");
        }
    }

    #[test]
    fn a_response_is_bounded_and_empty_clears_it() {
        assert_eq!(validate_response("  ").unwrap(), None);
        assert_eq!(
            validate_response(" Yes, from March.\r\nThanks! ").unwrap(),
            Some("Yes, from March.\nThanks!".into())
        );
        let err = validate_response(&"r".repeat(RESPONSE_MAX + 1)).unwrap_err();
        assert_eq!(
            (err.field, err.key),
            ("response", "error.invalid.response_too_long")
        );
    }

    #[test]
    fn statuses_round_trip_their_codes() {
        for status in IdeaStatus::ALL {
            assert_eq!(IdeaStatus::from_code(status.code()), Some(status));
            let json = serde_json::to_value(status).unwrap();
            assert_eq!(json, status.code());
        }
        assert_eq!(IdeaStatus::from_code("maybe"), None);
    }
}
