//! A person's away period ("borta"): parental leave, sick leave, vacation or other, from one
//! day to another, both included. A reason from a short list and nothing else: no free text
//! about anyone's health.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::text::date;
use super::PersonId;
use crate::error::Invalid;

pub type AwayId = i64;

/// The longest period one entry may span: parental leave runs long, but a typo ("2062")
/// should not silence someone's check-ins for decades.
pub const MAX_AWAY_DAYS: i64 = 3 * 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AwayReason {
    ParentalLeave,
    SickLeave,
    Vacation,
    Other,
}

impl AwayReason {
    pub const ALL: [AwayReason; 4] = [
        AwayReason::ParentalLeave,
        AwayReason::SickLeave,
        AwayReason::Vacation,
        AwayReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AwayReason::ParentalLeave => "parental_leave",
            AwayReason::SickLeave => "sick_leave",
            AwayReason::Vacation => "vacation",
            AwayReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<AwayReason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Away {
    pub id: AwayId,
    pub person_id: PersonId,
    /// The first day away.
    pub from: NaiveDate,
    /// The last day away; the person is back the day after.
    pub to: NaiveDate,
    pub reason: AwayReason,
}

impl Away {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The day the person is back (before moving it to a working day).
    pub fn return_day(&self) -> NaiveDate {
        self.to.succ_opt().unwrap_or(self.to)
    }
}

/// What the away form sends, untrusted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AwayDraft {
    pub person_id: PersonId,
    /// "YYYY-MM-DD"
    pub from: String,
    pub to: String,
    /// "parental_leave", "sick_leave", "vacation" or "other".
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidAway {
    pub person_id: PersonId,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: AwayReason,
}

impl AwayDraft {
    pub fn validate(&self) -> Result<ValidAway, Invalid> {
        super::check_id(self.person_id, "personId")?;
        let from = date(&self.from, "from")?;
        let to = date(&self.to, "to")?;
        if to < from {
            return Err(Invalid::new("to", "error.invalid.away_order"));
        }
        if to - from >= Duration::days(MAX_AWAY_DAYS) {
            return Err(Invalid::new("to", "error.invalid.away_too_long")
                .with("years", MAX_AWAY_DAYS / 366));
        }
        let reason = AwayReason::from_code(self.reason.trim())
            .ok_or_else(|| Invalid::new("reason", "error.invalid.away_reason"))?;
        Ok(ValidAway {
            person_id: self.person_id,
            from,
            to,
            reason,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(from: &str, to: &str, reason: &str) -> AwayDraft {
        AwayDraft {
            person_id: 1,
            from: from.into(),
            to: to.into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn a_period_is_ordered_bounded_and_has_a_known_reason() {
        let ok = draft("2026-06-01", "2026-08-30", "parental_leave")
            .validate()
            .unwrap();
        assert_eq!(ok.reason, AwayReason::ParentalLeave);
        assert!(draft("2026-06-01", "2026-06-01", "sick_leave")
            .validate()
            .is_ok());
        for (input, field, key) in [
            (
                draft("2026-06-02", "2026-06-01", "vacation"),
                "to",
                "error.invalid.away_order",
            ),
            (
                draft("2026-06-01", "2062-06-01", "vacation"),
                "to",
                "error.invalid.away_too_long",
            ),
            (
                draft("1 juni", "2026-06-01", "vacation"),
                "from",
                "error.invalid.date",
            ),
            (
                draft("2026-06-01", "2026-06-31", "vacation"),
                "to",
                "error.invalid.date",
            ),
            (
                draft("2026-06-01", "2026-06-02", "burnout"),
                "reason",
                "error.invalid.away_reason",
            ),
            (
                AwayDraft {
                    person_id: 0,
                    ..draft("2026-06-01", "2026-06-02", "other")
                },
                "personId",
                "error.invalid.id",
            ),
        ] {
            let err = input.validate().unwrap_err();
            assert_eq!((err.field, err.key), (field, key), "{input:?}");
        }
    }
}
