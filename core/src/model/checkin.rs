//! A check-in ("avstämning"): the 1:1 that resets a person's cadence, and what its
//! conversation holds: the coarse wellbeing pulse, prompts to ask, follow-ups agreed, and
//! the draft kept while the conversation is under way.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::person::{Person, PersonId, CHECKIN_MINUTES};
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
    pub pulse: Pulse,
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

pub type FollowUpId = i64;
pub type PromptId = i64;
pub const FOLLOWUP_MAX: usize = 300;
pub const PROMPT_MAX: usize = 200;
/// How many prompts a check-in offers.
pub const PROMPTS_PER_CHECKIN: usize = 3;
/// A draft is the check-in screen's state; bounded so a runaway page cannot fill the disk.
pub const DRAFT_MAX_BYTES: usize = 256 * 1024;

/// Coarse on purpose (DESIGN §6): three 1–5 scales and a yes/no, every one optional. No
/// free-text health field, no diagnosis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Pulse {
    pub mood: Option<u8>,
    pub workload: Option<u8>,
    pub balance: Option<u8>,
    /// "Gets out and moves".
    pub moves: Option<bool>,
}

impl Pulse {
    pub fn is_empty(&self) -> bool {
        *self == Pulse::default()
    }
}

/// The pulse as a form sends it: numbers of any size, checked here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PulseDraft {
    #[serde(default)]
    pub mood: Option<i64>,
    #[serde(default)]
    pub workload: Option<i64>,
    #[serde(default)]
    pub balance: Option<i64>,
    #[serde(default)]
    pub moves: Option<bool>,
}

impl PulseDraft {
    pub fn validate(&self) -> Result<Pulse, Invalid> {
        let scale = |v: Option<i64>, field: &'static str| -> Result<Option<u8>, Invalid> {
            match v {
                None => Ok(None),
                Some(n @ 1..=5) => Ok(u8::try_from(n).ok()),
                Some(_) => Err(Invalid::new(field, "error.invalid.pulse")),
            }
        };
        Ok(Pulse {
            mood: scale(self.mood, "mood")?,
            workload: scale(self.workload, "workload")?,
            balance: scale(self.balance, "balance")?,
            moves: self.moves,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpOwner {
    Manager,
    Person,
}

impl FollowUpOwner {
    pub fn code(self) -> &'static str {
        match self {
            FollowUpOwner::Manager => "manager",
            FollowUpOwner::Person => "person",
        }
    }

    pub fn from_code(code: &str) -> Option<FollowUpOwner> {
        match code {
            "manager" => Some(FollowUpOwner::Manager),
            "person" => Some(FollowUpOwner::Person),
            _ => None,
        }
    }
}

/// An action agreed in a check-in ("uppföljning"); it comes back until done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub id: FollowUpId,
    pub person_id: PersonId,
    /// The check-in where it was agreed, if it still exists.
    pub checkin_id: Option<CheckInId>,
    pub text: String,
    pub owner: FollowUpOwner,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpDraft {
    pub text: String,
    pub owner: FollowUpOwner,
    /// "YYYY-MM-DD"
    #[serde(default)]
    pub due_on: Option<String>,
}

/// A prompt as offered: built-in ones are "builtin:<name>", the manager's own "own:<id>".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PromptView {
    pub id: String,
    pub text: String,
    pub builtin: bool,
}

/// One of the manager's own prompts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OwnPrompt {
    pub id: PromptId,
    pub text: String,
    pub retired_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Everything the check-in screen shows when it opens.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckInContext {
    pub person: Person,
    pub open_followups: Vec<FollowUp>,
    /// The last recorded pulse and the date it was taken.
    pub last_pulse: Option<(NaiveDate, Pulse)>,
    pub prompts: Vec<PromptView>,
    /// What was typed last time, if the conversation was left midway.
    #[ts(type = "unknown")]
    pub draft: Option<serde_json::Value>,
    /// The person's active assignments as owner and as sounding board, each flagged when
    /// they are alone on it: "who does what" comes up in the conversation.
    pub work: super::assignment::PersonWork,
}

/// "Finish": everything the check-in screen records, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FinishCheckIn {
    pub person_id: i64,
    /// "YYYY-MM-DD"; not in the future.
    pub held_on: String,
    #[serde(default)]
    pub minutes: Option<i64>,
    pub channel: Channel,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub pulse: PulseDraft,
    /// The prompt ids that were offered (and so count as used with this person).
    #[serde(default)]
    pub prompts: Vec<String>,
    /// Open follow-ups ticked off in this conversation; the others carry forward.
    #[serde(default)]
    pub done_followups: Vec<i64>,
    #[serde(default)]
    pub new_followups: Vec<FollowUpDraft>,
}

/// A held check-in as the person page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineCheckIn {
    pub checkin: CheckIn,
    pub prompts: Vec<PromptView>,
    /// Follow-ups agreed in this check-in.
    pub followups: Vec<FollowUp>,
}

/// One point of the pulse chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PulsePoint {
    pub date: NaiveDate,
    pub pulse: Pulse,
}

/// An occurrence the person took part in (their 1:1 series, their groups' meetings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineOccurrence {
    pub id: String,
    pub title: String,
    pub start: DateTime<Utc>,
    pub status: super::MarkStatus,
}

/// The person page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    pub person: Person,
    /// Newest first.
    pub checkins: Vec<TimelineCheckIn>,
    /// The pulse chart's points: oldest first, only check-ins with a pulse, from the year up
    /// to the latest pulse (`PULSE_CHART_DAYS`). Years of check-ins drawn at once were a
    /// tangle no one could read.
    pub pulses: Vec<PulsePoint>,
    /// The pulses before those, left out of the chart.
    pub pulses_before: u32,
    /// Open first, then done; newest first within each.
    pub followups: Vec<FollowUp>,
    /// The last 90 days, newest first.
    pub occurrences: Vec<TimelineOccurrence>,
}
