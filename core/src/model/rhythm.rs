//! A rhythm ("rytm"): a recurring series — group meeting, office hours, social break or a
//! fixed 1:1 series — and the marks on its occurrences (held, skipped, moved).

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::group::GroupId;
use super::person::PersonId;
use crate::error::Invalid;
use crate::model::recurrence::Recurrence;

pub type RhythmId = i64;
pub const TITLE_MAX: usize = 100;
pub const REASON_MAX: usize = 200;
/// Longer than a working day is not a meeting.
pub const DURATION_MAX_MINUTES: i64 = 24 * 60;
/// A reminder more than a week ahead is a calendar's job.
pub const LEAD_MAX_MINUTES: i64 = 7 * 24 * 60;
pub const LEADS_MAX: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RhythmKind {
    /// A work group's regular meeting; for a group.
    GroupMeeting,
    /// The weekly time the manager is available; for everyone.
    OfficeHours,
    /// Digital fika or lunch; for a group or everyone.
    SocialBreak,
    /// A fixed 1:1 series; for one person.
    OneOnOne,
}

impl RhythmKind {
    /// Every kind, in the order the Rhythms view lists them.
    pub const ALL: [RhythmKind; 4] = [
        RhythmKind::GroupMeeting,
        RhythmKind::OfficeHours,
        RhythmKind::SocialBreak,
        RhythmKind::OneOnOne,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RhythmKind::GroupMeeting => "group_meeting",
            RhythmKind::OfficeHours => "office_hours",
            RhythmKind::SocialBreak => "social_break",
            RhythmKind::OneOnOne => "one_on_one",
        }
    }

    pub fn from_code(code: &str) -> Option<RhythmKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Reminder lead times in minutes when the manager sets none: a social break needs
    /// only a nudge; meetings get one ahead and one at the start.
    pub fn default_leads(self) -> Vec<u32> {
        match self {
            RhythmKind::SocialBreak => vec![5],
            _ => vec![10, 0],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Rhythm {
    pub id: RhythmId,
    pub kind: RhythmKind,
    pub title: String,
    /// The group of a group meeting or a group's social break.
    pub group_id: Option<GroupId>,
    /// The person of a fixed 1:1 series.
    pub person_id: Option<PersonId>,
    /// Local wall-clock start of the first occurrence, in `timezone`.
    #[ts(type = "string")]
    pub start: NaiveDateTime,
    pub duration_minutes: u32,
    /// IANA zone name, e.g. "Europe/Stockholm".
    pub timezone: String,
    pub recurrence: Recurrence,
    /// Minutes before the start at which to remind, largest first; 0 is "at the start".
    pub lead_minutes: Vec<u32>,
    pub created_at: DateTime<Utc>,
    /// The video meeting's https link, when there is one (`model::meeting_link`).
    #[serde(default)]
    pub meeting_link: Option<String>,
}

impl Rhythm {
    /// The link *Join*, reminders and the calendar use: the series' own, else — for a 1:1
    /// series — the person's room, so a 1:1 series needs no link of its own when the person
    /// has one. `person` is whoever `person_id` names (anyone else is ignored).
    pub fn join_link<'a>(&'a self, person: Option<&'a super::person::Person>) -> Option<&'a str> {
        self.meeting_link.as_deref().or_else(|| {
            person
                .filter(|p| self.kind == RhythmKind::OneOnOne && Some(p.id) == self.person_id)
                .and_then(|p| p.meeting_link.as_deref())
        })
    }
}

/// What the rhythm form sends, unchecked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RhythmDraft {
    pub kind: RhythmKind,
    pub title: String,
    #[serde(default)]
    pub group_id: Option<i64>,
    #[serde(default)]
    pub person_id: Option<i64>,
    /// "YYYY-MM-DD"
    pub start_date: String,
    /// "HH:MM"
    pub start_time: String,
    pub duration_minutes: i64,
    /// Absent: the system's zone.
    #[serde(default)]
    pub timezone: Option<String>,
    pub recurrence: Recurrence,
    /// Absent: the kind's default.
    #[serde(default)]
    pub lead_minutes: Option<Vec<i64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MarkStatus {
    Planned,
    Held,
    Skipped,
}

impl MarkStatus {
    pub fn code(self) -> &'static str {
        match self {
            MarkStatus::Planned => "planned",
            MarkStatus::Held => "held",
            MarkStatus::Skipped => "skipped",
        }
    }

    pub fn from_code(code: &str) -> Option<MarkStatus> {
        match code {
            "planned" => Some(MarkStatus::Planned),
            "held" => Some(MarkStatus::Held),
            "skipped" => Some(MarkStatus::Skipped),
            _ => None,
        }
    }
}

/// What differs about one occurrence from its series: its status, and where it was moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccurrenceMark {
    pub rhythm_id: RhythmId,
    /// The local start the rule produced: with the rhythm id, the occurrence's identity.
    pub original: NaiveDateTime,
    pub status: MarkStatus,
    pub reason: Option<String>,
    /// Local start in the rhythm's zone, when moved.
    pub moved_to: Option<NaiveDateTime>,
}

/// An occurrence's stable id as the UI and the command line see it: "12@2026-12-04T09:00".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OccurrenceRef {
    pub rhythm_id: RhythmId,
    pub original: NaiveDateTime,
}

const REF_FORMAT: &str = "%Y-%m-%dT%H:%M";

impl OccurrenceRef {
    pub fn parse(text: &str) -> Result<OccurrenceRef, Invalid> {
        let bad = || Invalid::new("occurrence", "error.invalid.occurrence");
        let (id, when) = text.split_once('@').ok_or_else(bad)?;
        let rhythm_id: RhythmId = id.parse().map_err(|_| bad())?;
        super::check_id(rhythm_id, "occurrence").map_err(|_| bad())?;
        let original = NaiveDateTime::parse_from_str(when, REF_FORMAT).map_err(|_| bad())?;
        Ok(OccurrenceRef {
            rhythm_id,
            original,
        })
    }
}

impl std::fmt::Display for OccurrenceRef {
    /// `REF_FORMAT`, written digit by digit: the agenda writes an id for every occurrence it
    /// shows, and chrono would parse the format string and pad each field through the
    /// formatting machinery every time. Years outside 0–9999 (which `%Y` writes with a
    /// sign) go through chrono.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.original;
        let year = t.year();
        if !(0..=9999).contains(&year) {
            return write!(f, "{}@{}", self.rhythm_id, t.format(REF_FORMAT));
        }
        let mut text = *b"@0000-00-00T00:00";
        let fields = [
            (1, 4, year.unsigned_abs()),
            (6, 2, t.month()),
            (9, 2, t.day()),
            (12, 2, t.hour()),
            (15, 2, t.minute()),
        ];
        for (at, width, mut value) in fields {
            for digit in text[at..at + width].iter_mut().rev() {
                *digit = b'0' + (value % 10) as u8;
                value /= 10;
            }
        }
        write!(f, "{}", self.rhythm_id)?;
        f.write_str(std::str::from_utf8(&text).map_err(|_| std::fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn occurrence_refs_round_trip_and_refuse_junk() {
        let r = OccurrenceRef::parse("12@2026-12-04T09:00").unwrap();
        assert_eq!(r.rhythm_id, 12);
        assert_eq!(r.to_string(), "12@2026-12-04T09:00");
        for bad in [
            "",
            "12",
            "x@2026-12-04T09:00",
            "0@2026-12-04T09:00",
            "12@2026-13-04T09:00",
            "12@tomorrow",
        ] {
            assert!(OccurrenceRef::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_ref_round_trips(id in 1i64..1_000_000, days in 0i64..5000, minutes in 0i64..1440) {
            let base = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
            let original = base + chrono::Duration::days(days) + chrono::Duration::minutes(minutes);
            let r = OccurrenceRef { rhythm_id: id, original };
            prop_assert_eq!(OccurrenceRef::parse(&r.to_string()).unwrap(), r);
        }

        #[test]
        fn ids_are_written_as_the_ref_format_says(
            id in 1i64..1_000_000,
            days in -4_000_000i64..4_000_000,
            seconds in 0i64..86_400,
        ) {
            let base = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
            let original = base + chrono::Duration::days(days) + chrono::Duration::seconds(seconds);
            let r = OccurrenceRef { rhythm_id: id, original };
            prop_assert_eq!(r.to_string(), format!("{id}@{}", original.format(REF_FORMAT)));
        }
    }
}
