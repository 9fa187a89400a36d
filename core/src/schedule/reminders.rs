//! Reminder planning: which reminders exist (cadence check-ins on the due day at the planning
//! time, rhythm occurrences at their lead times), and what to deliver now — held while
//! paused or, for check-ins, outside working hours; missed when the event has ended; several
//! late ones as one summary. Pure functions of (data, settings, now).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::agenda::{occurrences, AgendaData, Names, OneOnOnes};
use super::holidays::{ClosedDays, WorkingDays, SEARCH_DAYS};
use super::recurrence::resolve_local;
use crate::error::Invalid;
use crate::model::recurrence::Weekday;
use crate::model::{check_id, IdeaId, MarkStatus, OccurrenceRef, PersonId, RhythmKind};

/// A reminder delivered later than this after its time counts as late: it was missed while
/// the computer slept or the app was closed, and goes into a "while you were away" summary
/// when there are several.
pub const GRACE: Duration = Duration::minutes(2);
/// Never look further back than this for occurrence reminders: after a long absence, what
/// happened over a month ago is history. Anything younger that came due while the app was
/// closed is delivered (if its event has not ended) or listed as missed — a two-week holiday
/// with the laptop shut loses nothing.
pub const LOOKBACK: Duration = Duration::days(31);
/// How far ahead to look for the next reminder when deciding how long to sleep.
pub const LOOKAHEAD: Duration = Duration::days(2);

/// The manager's reminder preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderSettings {
    /// When a check-in that falls due today is announced (local time).
    #[ts(type = "string")]
    pub planning_time: NaiveTime,
    pub work_days: Vec<Weekday>,
    #[ts(type = "string")]
    pub work_start: NaiveTime,
    #[ts(type = "string")]
    pub work_end: NaiveTime,
    /// Notifications say "A check-in is due" instead of naming the person.
    pub hide_names: bool,
    /// Reminders are held until then.
    pub paused_until: Option<DateTime<Utc>>,
    /// Holidays and the manager's own days off: not working days, for due dates and
    /// check-in reminders alike. Kept in the calendar setting, not in this one's JSON; the
    /// service fills it in when it reads the settings.
    #[serde(skip)]
    #[ts(skip)]
    pub closed: ClosedDays,
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            planning_time: hm(9, 0),
            work_days: Weekday::WORKDAYS.to_vec(),
            work_start: hm(8, 0),
            work_end: hm(17, 0),
            hide_names: false,
            paused_until: None,
            closed: ClosedDays::default(),
        }
    }
}

impl ReminderSettings {
    pub fn is_paused(&self, now: DateTime<Utc>) -> bool {
        self.paused_until.is_some_and(|until| until > now)
    }

    /// A weekday the manager works that is no holiday and no own day off.
    pub fn is_work_day(&self, date: NaiveDate) -> bool {
        self.working_days().is_working_day(date)
    }

    pub fn working_days(&self) -> WorkingDays<'_> {
        WorkingDays {
            weekdays: &self.work_days,
            closed: &self.closed,
        }
    }

    /// Whether `at` falls inside working hours in `tz`.
    pub fn in_working_hours(&self, at: DateTime<Utc>, tz: Tz) -> bool {
        let local = at.with_timezone(&tz).naive_local();
        self.is_work_day(local.date())
            && local.time() >= self.work_start
            && local.time() < self.work_end
    }

    /// `at` if it is inside working hours, else the start of the next working period.
    /// None when no day is a working day.
    pub fn next_working_moment(&self, at: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        if self.in_working_hours(at, tz) {
            return Some(at);
        }
        let local = at.with_timezone(&tz).naive_local();
        // Past a long run of holidays and days off, not only a weekend.
        (0..SEARCH_DAYS).find_map(|offset| {
            let date = local.date() + Duration::days(offset);
            let start = resolve_local(date.and_time(self.work_start), tz).with_timezone(&Utc);
            (self.is_work_day(date) && start > at).then_some(start)
        })
    }

    /// The end of a pause "until tomorrow morning": the start of the next working day after
    /// today — on a Friday evening or a Saturday that is Monday morning, not Saturday's.
    /// Tomorrow's start of working hours when no day is a working day.
    pub fn until_tomorrow_morning(&self, now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        let tomorrow = now.with_timezone(&tz).date_naive() + Duration::days(1);
        let start_of =
            |date: NaiveDate| resolve_local(date.and_time(self.work_start), tz).with_timezone(&Utc);
        (0..SEARCH_DAYS)
            .map(|offset| tomorrow + Duration::days(offset))
            .find(|date| self.is_work_day(*date))
            .map_or_else(|| start_of(tomorrow), start_of)
    }

    /// When a pause the tray or the UI offers ends: "hour" (one hour from `now`) or
    /// "tomorrow" (the start of working hours tomorrow); none for any other length.
    pub fn pause_end(&self, length: &str, now: DateTime<Utc>, tz: Tz) -> Option<DateTime<Utc>> {
        match length {
            "hour" => Some(now + Duration::hours(1)),
            "tomorrow" => Some(self.until_tomorrow_morning(now, tz)),
            _ => None,
        }
    }
}

/// What a reminder is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Subject {
    CheckIn {
        person_id: i64,
        name: String,
        due_on: NaiveDate,
        days_since: i64,
        /// No check-in was ever held: `days_since` counts from when the person was added.
        never_held: bool,
    },
    /// An idea waiting too long for the manager's response.
    ReportBack {
        idea_id: i64,
        title: String,
        days_waiting: i64,
    },
    Occurrence {
        occurrence_id: String,
        kind: RhythmKind,
        title: String,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        lead_minutes: u32,
        /// What *Join* opens: the rhythm's link, or a 1:1 series' person's.
        meeting_link: Option<String>,
    },
}

/// One reminder: a stable key (what, which occurrence or due date, which lead time), when
/// it fires, and what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub key: ReminderKey,
    pub fire_at: DateTime<Utc>,
    pub subject: Subject,
}

impl Reminder {
    /// An occurrence reminder is useless once its event has ended; a check-in stays useful
    /// for as long as it is due, which the planner already knows.
    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        matches!(self.subject, Subject::Occurrence { end, .. } if end <= now)
    }
}

/// Which reminder this is: what, which occurrence or due date, which lead time. It is what
/// reminder_log and reminder_snooze store and what a notification's buttons carry, so its
/// text form (`Display`, parsed back by `FromStr`) must never change: rows written by earlier
/// versions have to keep parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderKey {
    /// "checkin:12:2026-11-26": one per person and due date, so holding a check-in (a new
    /// due date) makes a new reminder, and nothing else does.
    CheckIn {
        person_id: PersonId,
        due_on: NaiveDate,
    },
    /// "occ:12@2026-12-04T09:00:10": one per occurrence (by its original start) and lead
    /// time; a moved occurrence also names where it was moved to (UTC),
    /// "occ:12@2026-12-04T09:00>2026-12-04T13:00:10", so that moving it after its reminders
    /// fired makes new reminders at the new time, once.
    Occurrence {
        occurrence: OccurrenceRef,
        moved_to: Option<NaiveDateTime>,
        lead_minutes: u32,
    },
    /// "idea:7:2026-11-26": one per idea and due date: answering the idea ends it, for good.
    ReportBack { idea_id: IdeaId, due_on: NaiveDate },
}

/// How a moved occurrence's new start (UTC) is written in its reminder keys.
const MOVED_FORMAT: &str = "%Y-%m-%dT%H:%M";

impl ReminderKey {
    /// The text every check-in key starts with; the store prunes by it.
    pub const CHECKIN_PREFIX: &'static str = "checkin:";
    pub const OCCURRENCE_PREFIX: &'static str = "occ:";
    pub const REPORT_BACK_PREFIX: &'static str = "idea:";
    /// Longer input is refused before any parsing: nothing valid comes near it.
    const MAX_LEN: usize = 100;

    /// The event the reminder belongs to, whatever its lead time: the "10 min before" and
    /// "at start" reminders of one meeting share it.
    pub fn event(&self) -> ReminderKey {
        match *self {
            ReminderKey::Occurrence {
                occurrence,
                moved_to,
                ..
            } => ReminderKey::Occurrence {
                occurrence,
                moved_to,
                lead_minutes: 0,
            },
            other => other,
        }
    }
}

impl fmt::Display for ReminderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReminderKey::CheckIn { person_id, due_on } => {
                write!(f, "{}{person_id}:{due_on}", Self::CHECKIN_PREFIX)
            }
            ReminderKey::Occurrence {
                occurrence,
                moved_to: None,
                lead_minutes,
            } => write!(f, "{}{occurrence}:{lead_minutes}", Self::OCCURRENCE_PREFIX),
            ReminderKey::Occurrence {
                occurrence,
                moved_to: Some(to),
                lead_minutes,
            } => write!(
                f,
                "{}{occurrence}>{}:{lead_minutes}",
                Self::OCCURRENCE_PREFIX,
                to.format(MOVED_FORMAT)
            ),
            ReminderKey::ReportBack { idea_id, due_on } => {
                write!(f, "{}{idea_id}:{due_on}", Self::REPORT_BACK_PREFIX)
            }
        }
    }
}

impl FromStr for ReminderKey {
    type Err = Invalid;

    fn from_str(text: &str) -> Result<Self, Invalid> {
        let bad = || Invalid::new("key", "error.invalid.reminder");
        // Dates parse leniently (a trailing newline passes): control characters are refused
        // here, as they always were.
        if text.len() > Self::MAX_LEN || text.chars().any(char::is_control) {
            return Err(bad());
        }
        // An id and a date: the check-in and report-back shapes.
        let id_and_date = |rest: &str| -> Result<(i64, NaiveDate), Invalid> {
            let (id, date) = rest.split_once(':').ok_or_else(bad)?;
            let id: i64 = id.parse().map_err(|_| bad())?;
            check_id(id, "key").map_err(|_| bad())?;
            Ok((id, date.parse().map_err(|_| bad())?))
        };
        if let Some(rest) = text.strip_prefix(Self::CHECKIN_PREFIX) {
            let (person_id, due_on) = id_and_date(rest)?;
            return Ok(ReminderKey::CheckIn { person_id, due_on });
        }
        if let Some(rest) = text.strip_prefix(Self::REPORT_BACK_PREFIX) {
            let (idea_id, due_on) = id_and_date(rest)?;
            return Ok(ReminderKey::ReportBack { idea_id, due_on });
        }
        // The occurrence ref holds colons itself ("…T09:00"): the lead is after the last.
        let (occurrence, lead) = text
            .strip_prefix(Self::OCCURRENCE_PREFIX)
            .and_then(|rest| rest.rsplit_once(':'))
            .ok_or_else(bad)?;
        let (occurrence, moved_to) = match occurrence.split_once('>') {
            Some((occurrence, to)) => (
                occurrence,
                Some(NaiveDateTime::parse_from_str(to, MOVED_FORMAT).map_err(|_| bad())?),
            ),
            None => (occurrence, None),
        };
        Ok(ReminderKey::Occurrence {
            occurrence: OccurrenceRef::parse(occurrence).map_err(|_| bad())?,
            moved_to,
            lead_minutes: lead.parse().map_err(|_| bad())?,
        })
    }
}

/// As its text: that is how the shell hands it to a notification and back.
impl Serialize for ReminderKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// "Report back on …" reminders, announced like check-ins: on the due day at the planning
/// time, within working hours, and kept until the idea gets its response.
pub fn report_back_reminders(
    dues: &[crate::model::ReportBackDue],
    settings: &ReminderSettings,
    tz: Tz,
    to: DateTime<Utc>,
    snoozed: &HashMap<ReminderKey, DateTime<Utc>>,
) -> Vec<Reminder> {
    dues.iter()
        .filter_map(|due| {
            let announce =
                resolve_local(due.due_on.and_time(settings.planning_time), tz).with_timezone(&Utc);
            let key = ReminderKey::ReportBack {
                idea_id: due.idea_id,
                due_on: due.due_on,
            };
            let at = settings.next_working_moment(announce, tz)?;
            let fire_at = snoozed.get(&key).copied().unwrap_or(at);
            (fire_at <= to).then(|| Reminder {
                key,
                fire_at,
                subject: Subject::ReportBack {
                    idea_id: due.idea_id,
                    title: due.title.clone(),
                    days_waiting: due.days_waiting,
                },
            })
        })
        .collect()
}

/// Every reminder whose time is at or before `to`: occurrence reminders from `from` on
/// (older ones are history), and check-in reminders for everyone currently due by then,
/// however long ago they fell due (they stay useful until held). `snoozed` maps a key to
/// the time it was snoozed to; that replaces its time. `now` dates the "days since" text.
pub fn planned(
    data: &AgendaData<'_>,
    settings: &ReminderSettings,
    tz: Tz,
    (from, now, to): (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>),
    snoozed: &HashMap<ReminderKey, DateTime<Utc>>,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    let today = now.with_timezone(&tz).date_naive();
    let fire_time = |key: &ReminderKey, at: DateTime<Utc>| snoozed.get(key).copied().unwrap_or(at);
    // Away today: nothing is due (the due date is the return day, after today), so no
    // reminder; the due date itself is never on a closed day, and a reminder held past
    // working hours waits for the next working moment, which skips closed days too.
    let one_on_ones = OneOnOnes::new(data, tz, today);
    let working = settings.working_days();
    for status in data.due_statuses(tz, today) {
        // A 1:1 with them that day is the check-in: its own reminders tell of it, and the
        // check-in's waits for the next working morning, when it comes only if no check-in
        // was logged. Skipped or moved off the day, it no longer waits.
        let announce_on = if status.one_on_one.is_some() {
            let day = status.due_on.max(today);
            working.next_working_day(day.succ_opt().unwrap_or(day))
        } else if status.due_on < today
            && one_on_ones
                .on_day(status.person_id, status.due_on)
                .is_some()
        {
            // That morning has come: the same moment the due day planned.
            working.next_working_day(today)
        } else {
            status.due_on
        };
        let announce =
            resolve_local(announce_on.and_time(settings.planning_time), tz).with_timezone(&Utc);
        let Some(at) = settings.next_working_moment(announce, tz) else {
            continue;
        };
        let key = ReminderKey::CheckIn {
            person_id: status.person_id,
            due_on: status.due_on,
        };
        let fire_at = fire_time(&key, at);
        if fire_at <= to {
            out.push(Reminder {
                key,
                fire_at,
                subject: Subject::CheckIn {
                    person_id: status.person_id,
                    name: status.name.clone(),
                    due_on: status.due_on,
                    days_since: status.days_since,
                    never_held: status.last_held.is_none(),
                },
            });
        }
    }
    let names = Names::new(data.people, data.groups);
    for rhythm in data.rhythms {
        let max_lead = rhythm.lead_minutes.iter().copied().max().unwrap_or(0);
        // Occurrences whose reminders can fall in [from, to]; snoozes move them up to a day.
        let window_start = from - Duration::days(1);
        let window_end = to + Duration::minutes(max_lead.into()) + Duration::minutes(1);
        for view in occurrences(rhythm, data.marks, &names, window_start, window_end) {
            if view.status != MarkStatus::Planned || !names.involves_active(rhythm) {
                continue;
            }
            for &lead in &rhythm.lead_minutes {
                let key = ReminderKey::Occurrence {
                    occurrence: view.occurrence,
                    moved_to: view.moved_from.map(|_| view.start.naive_utc()),
                    lead_minutes: lead,
                };
                let fire_at = fire_time(&key, view.start - Duration::minutes(lead.into()));
                if fire_at >= from && fire_at <= to {
                    out.push(Reminder {
                        key,
                        fire_at,
                        subject: Subject::Occurrence {
                            occurrence_id: view.id.clone(),
                            kind: view.kind,
                            title: view.title.to_string(),
                            start: view.start,
                            end: view.end,
                            lead_minutes: lead,
                            meeting_link: view.meeting_link.as_deref().map(str::to_owned),
                        },
                    });
                }
            }
        }
    }
    // Ties in the order of the keys' text, as when keys were plain strings.
    out.sort_by_cached_key(|r| (r.fire_at, r.key.to_string()));
    out
}

/// What to do with the reminders that are due now and have not fired.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decision {
    /// Deliver these now.
    pub deliver: Vec<Reminder>,
    /// Deliver them as one "while you were away" summary.
    pub summary: bool,
    /// Their event has ended: record as missed (listed in Today), never notify.
    pub missed: Vec<Reminder>,
    /// Due but held (paused, or a check-in outside working hours): they stay unfired and
    /// come back on a later tick.
    pub held: Vec<Reminder>,
    /// When holding ends, if something is held.
    pub held_until: Option<DateTime<Utc>>,
}

/// Sorts the due, unfired reminders into deliver / missed / held. `ran_until` is when the
/// previous tick ran (none before the first): only what came due after it, while nothing
/// ticked, was missed "while you were away".
pub fn decide(
    due: Vec<Reminder>,
    settings: &ReminderSettings,
    tz: Tz,
    now: DateTime<Utc>,
    ran_until: Option<DateTime<Utc>>,
) -> Decision {
    let mut decision = Decision::default();
    let paused = settings.is_paused(now);
    for reminder in due {
        if reminder.expired(now) {
            decision.missed.push(reminder);
        } else if paused {
            decision.held_until = settings.paused_until;
            decision.held.push(reminder);
        } else if matches!(
            reminder.subject,
            Subject::CheckIn { .. } | Subject::ReportBack { .. }
        ) && !settings.in_working_hours(now, tz)
        {
            let next = settings.next_working_moment(now, tz);
            decision.held_until = min_opt(decision.held_until, next);
            decision.held.push(reminder);
        } else {
            decision.deliver.push(reminder);
        }
    }
    // Several delivered at once always make one notification; `summary` says whether it is
    // the "while you were away" kind: some came due in a gap when no tick ran (the computer
    // slept, the app was closed). An overdue check-in of someone just added, or reminders
    // held by working hours or a pause, are late but nobody was away.
    decision.summary = decision.deliver.len() > 1
        && ran_until.is_some_and(|ran| {
            decision
                .deliver
                .iter()
                .any(|r| r.fire_at > ran && r.fire_at < now - GRACE)
        });
    decision
}

pub fn min_opt(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The reminders due at `now` that have not fired: the input of `decide`.
pub fn due_unfired(
    planned: &[Reminder],
    fired: &HashSet<ReminderKey>,
    now: DateTime<Utc>,
) -> Vec<Reminder> {
    planned
        .iter()
        .filter(|r| r.fire_at <= now && !fired.contains(&r.key))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests;
