//! A held check-in ("avstämning"): the 1:1 that resets a person's cadence.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::person::{PersonId, CHECKIN_MINUTES};
use super::rhythm::RhythmId;
use super::text::{date, number_in, optional_text};
use crate::error::Invalid;

pub type CheckInId = i64;
/// Notes are the manager's own words; long enough for a real conversation, bounded so a
/// paste accident cannot bloat the database.
pub const NOTE_MAX: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    Video,
    InPerson,
}

impl Channel {
    /// Every channel, in the order forms offer them: video, the usual one, first.
    pub const ALL: [Channel; 3] = [Channel::Video, Channel::Phone, Channel::InPerson];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Video => "video",
            Channel::InPerson => "in_person",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        match code {
            "phone" => Some(Channel::Phone),
            "video" => Some(Channel::Video),
            "in_person" => Some(Channel::InPerson),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckIn {
    pub id: CheckInId,
    pub person_id: PersonId,
    /// The local date it was held.
    pub held_on: NaiveDate,
    pub minutes: u16,
    pub channel: Channel,
    pub note: Option<String>,
    pub pulse: super::conversation::Pulse,
    /// Set when the check-in is an occurrence of a fixed 1:1 series marked held.
    pub rhythm_id: Option<RhythmId>,
    #[ts(type = "string | null")]
    pub original: Option<NaiveDateTime>,
    pub created_at: DateTime<Utc>,
}

/// The date a check-in was held: "YYYY-MM-DD", not after `today` (a check-in in the future
/// would restart the cadence early).
pub(crate) fn held_on(text: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let date = date(text, "heldOn")?;
    if date > today {
        return Err(Invalid::new("heldOn", "error.invalid.future_checkin"));
    }
    Ok(date)
}

/// A check-in's length as a form sends it, within `CHECKIN_MINUTES`.
pub(crate) fn minutes(value: i64, field: &'static str) -> Result<u16, Invalid> {
    number_in(
        value,
        CHECKIN_MINUTES,
        field,
        "error.invalid.checkin_minutes",
    )
}

/// The manager's note: a paragraph of at most `NOTE_MAX` characters, or none.
pub(crate) fn note(raw: Option<&str>) -> Result<Option<String>, Invalid> {
    optional_text(raw, "note", NOTE_MAX, "error.invalid.note_too_long")
}

/// What the "log a check-in" form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckInDraft {
    pub person_id: i64,
    /// "YYYY-MM-DD", the local date; not in the future.
    pub held_on: String,
    /// Absent: the person's preferred length.
    #[serde(default)]
    pub minutes: Option<i64>,
    pub channel: Channel,
    #[serde(default)]
    pub note: Option<String>,
}
