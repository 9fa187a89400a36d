//! Reminders as the shell's scheduler uses them: one `tick` decides and records, in a single
//! write transaction, what to notify now — so restarts, two instances and clock changes never
//! fire a reminder twice — and says when to wake next. Also the settings, pause, snooze and
//! done, the texts of notifications, and the tray's summary.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Invalid, Result, Storage};
use crate::i18n::{t, time_text, tn, Lang};
use crate::model::recurrence::Weekday;
use crate::model::RhythmKind;
use crate::schedule::agenda::{build, span, AgendaData};
use crate::schedule::reminders::{
    decide, due_unfired, min_opt, planned, report_back_reminders, Reminder, ReminderKey,
    ReminderSettings, Subject, LOOKAHEAD, LOOKBACK,
};
use crate::store::reminders::{self as table, Outcome};
use crate::store::{checkins, groups, people, rhythms, settings as setting_table, Store};

const SETTINGS_KEY: &str = "reminders";
const LAST_TICK_KEY: &str = "reminders.last_tick";
/// When the last tick ran, on the wall clock: what came due after it and long before now
/// came due while the app was away.
const LAST_RUN_KEY: &str = "reminders.last_run";
pub const SNOOZE: Duration = Duration::minutes(10);

/// A desktop notification to show. It carries no note text and no pulse values, ever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub title: String,
    pub body: String,
    /// The reminder's key, for Snooze and Done; none for a summary.
    #[ts(type = "string | null")]
    pub key: Option<ReminderKey>,
    /// Every reminder this notification stands for (one, or all of a summary): Snooze
    /// postpones them all, and the shell reports them undelivered if it cannot show it.
    #[ts(type = "string[]")]
    pub keys: Vec<ReminderKey>,
    /// The person whose check-in screen *Start check-in* opens: the first check-in named.
    pub person_id: Option<i64>,
    /// The video meeting *Join* opens (https only): set for a single meeting reminder whose
    /// rhythm — or, for a 1:1 series without one, whose person — has a link.
    pub meeting_link: Option<String>,
}

/// What one tick decided.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tick {
    pub notifications: Vec<Notification>,
    /// The next moment something may come due (a reminder, the end of a pause, the start of
    /// working hours); the scheduler sleeps until then, or 60 s, whichever is sooner.
    pub next_wake: Option<DateTime<Utc>>,
    /// The keys of reminders due but held by a pause or working hours.
    pub held: Vec<ReminderKey>,
    /// The keys of reminders recorded as missed: their event ended before they could be shown.
    pub missed: Vec<ReminderKey>,
    /// Until this moment a tick would decide nothing new, as long as the data, the settings,
    /// the zone and the language stay as they are: the next reminder, the end of a pause or
    /// of the hours that hold one, the end of an event whose reminder is held, the next
    /// local midnight (what is due is counted in days), and at most `QUIET_AT_MOST` on. The
    /// scheduler skips reading the store in the minutes before it.
    pub quiet_until: DateTime<Utc>,
}

/// The longest a tick's "nothing new" holds, whatever it says: the scheduler reads the store
/// at least this often, so what no rule foresaw waits at most this long.
pub const QUIET_AT_MOST: Duration = Duration::hours(1);

pub fn settings(store: &Store) -> Result<ReminderSettings> {
    read_settings(store.conn())
}

/// The reminder settings with the calendar's closed days filled in: holidays and own days
/// off are not working days, for due dates and check-in reminders alike.
fn read_settings(conn: &Connection) -> Result<ReminderSettings> {
    let mut settings: ReminderSettings = setting_table::get(conn, SETTINGS_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    settings.closed = crate::service::settings::calendar_in(conn)?.closed();
    Ok(settings)
}

fn write_settings(conn: &Connection, settings: &ReminderSettings) -> Result<()> {
    let json = serde_json::to_string(settings).map_err(|e| {
        log::error!("reminder settings do not serialise: {e}");
        Invalid::new("settings", "error.invalid.payload")
    })?;
    setting_table::set(conn, SETTINGS_KEY, &json)
}

/// What the settings form sends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderSettingsDraft {
    /// "HH:MM"
    pub planning_time: String,
    pub work_days: Vec<Weekday>,
    pub work_start: String,
    pub work_end: String,
    pub hide_names: bool,
}

/// Saves the working hours, planning time and privacy option; the pause is left as it is.
pub fn set_settings(store: &mut Store, draft: &ReminderSettingsDraft) -> Result<ReminderSettings> {
    let planning_time = crate::model::text::time(&draft.planning_time, "planningTime")?;
    let work_start = crate::model::text::time(&draft.work_start, "workStart")?;
    let work_end = crate::model::text::time(&draft.work_end, "workEnd")?;
    if work_end <= work_start {
        return Err(Invalid::new("workEnd", "error.invalid.work_hours").into());
    }
    if draft.work_days.is_empty() {
        return Err(Invalid::new("workDays", "error.invalid.work_days").into());
    }
    let mut work_days = draft.work_days.clone();
    work_days.sort();
    work_days.dedup();
    store.write(|tx| {
        let current = read_settings(tx)?;
        let settings = ReminderSettings {
            planning_time,
            work_days,
            work_start,
            work_end,
            hide_names: draft.hide_names,
            paused_until: current.paused_until,
            closed: current.closed,
        };
        write_settings(tx, &settings)?;
        Ok(settings)
    })
}

/// Holds reminders until `until`; they are delivered after it, never dropped.
pub fn pause(
    store: &mut Store,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<ReminderSettings> {
    if until <= now {
        return Err(Invalid::new("until", "error.invalid.pause_past").into());
    }
    update_pause(store, Some(until))
}

/// The tray's and the UI's pauses: "hour" (one hour) or "tomorrow" (until the start of
/// working hours tomorrow).
pub fn pause_for(
    store: &mut Store,
    length: &str,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<ReminderSettings> {
    let until = settings(store)?
        .pause_end(length, now, tz)
        .ok_or_else(|| Invalid::new("length", "error.invalid.pause_length"))?;
    pause(store, until, now)
}

pub fn resume(store: &mut Store) -> Result<ReminderSettings> {
    update_pause(store, None)
}

fn update_pause(store: &mut Store, until: Option<DateTime<Utc>>) -> Result<ReminderSettings> {
    store.write(|tx| {
        let mut settings = read_settings(tx)?;
        settings.paused_until = until;
        write_settings(tx, &settings)?;
        Ok(settings)
    })
}

/// Decides and records what to notify at `now`, in one write transaction.
pub fn tick(store: &mut Store, now: DateTime<Utc>, tz: Tz, lang: Lang) -> Result<Tick> {
    store.write(|tx| {
        let settings = read_settings(tx)?;
        let last = setting_table::get(tx, LAST_TICK_KEY)?
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&Utc));
        // A clock set back makes `last` lie ahead; the fired keys stop any repeat, so
        // looking from `now` is enough. On the very first tick there is no history to replay.
        let from = last.unwrap_or(now).clamp(now - LOOKBACK, now);
        let snoozed = table::snoozed(tx)?;
        let data = Loaded::read(tx)?;
        let mut planned = planned(
            &data.view(&settings),
            &settings,
            tz,
            (from, now, now + LOOKAHEAD),
            &snoozed,
        );
        let today = now.with_timezone(&tz).date_naive();
        let dues = crate::service::ideas::report_back_due_in(tx, today)?;
        planned.extend(report_back_reminders(
            &dues,
            &settings,
            tz,
            now + LOOKAHEAD,
            &snoozed,
        ));
        let decided = table::decided_keys(tx)?;
        let ran_until = setting_table::get(tx, LAST_RUN_KEY)?
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|t| t.with_timezone(&Utc));
        let due = due_unfired(&planned, &decided, now);
        let decision = decide(due, &settings, tz, now, ran_until);
        for r in &decision.deliver {
            table::log(tx, &r.key, Outcome::Fired, r.fire_at, &label(r, lang), now)?;
        }
        for r in &decision.missed {
            table::log(tx, &r.key, Outcome::Missed, r.fire_at, &label(r, lang), now)?;
        }
        let still_planned: HashSet<ReminderKey> = planned.iter().map(|r| r.key).collect();
        table::prune(
            tx,
            now - LOOKBACK * 2,
            now - Duration::days(400),
            &still_planned,
        )?;
        // Held meeting reminders must stay inside the next tick's window: it starts at the
        // oldest of them, so a pause delays reminders and never drops them. Check-ins and
        // report-backs are planned whatever the window, so a held one does not pull it back
        // (that would show the next tick meeting reminders from before this one's window, as
        // missed, that no tick owed: the same tick must decide the same a minute later).
        let seen_up_to = decision
            .held
            .iter()
            .filter(|r| matches!(r.subject, Subject::Occurrence { .. }))
            .map(|r| r.fire_at)
            .min()
            .unwrap_or(now)
            .min(now);
        setting_table::set(tx, LAST_TICK_KEY, &seen_up_to.to_rfc3339())?;
        setting_table::set(tx, LAST_RUN_KEY, &now.to_rfc3339())?;
        let upcoming = planned
            .iter()
            .filter(|r| r.fire_at > now && !decided.contains(&r.key))
            .map(|r| r.fire_at)
            .min();
        let next_wake = min_opt(
            min_opt(upcoming, decision.held_until),
            settings.paused_until.filter(|u| *u > now),
        );
        // A held meeting reminder turns missed when its meeting ends.
        let held_ends = decision
            .held
            .iter()
            .filter_map(|r| match r.subject {
                Subject::Occurrence { end, .. } if end > now => Some(end),
                _ => None,
            })
            .min();
        // `span`'s end: the next local midnight (where a day skips it, its first moment).
        let quiet_until = [next_wake, held_ends, Some(span(now, tz, 1).1)]
            .into_iter()
            .flatten()
            .fold(now + QUIET_AT_MOST, DateTime::min);
        // Whatever comes due in one tick arrives as one notification: sixty people added
        // on the same day are one "60 check-ins due" banner, not sixty.
        let notifications = match decision.deliver.as_slice() {
            [] => Vec::new(),
            [one] => vec![notification(one, lang, &settings, tz, now)],
            several => vec![summary(several, decision.summary, lang, &settings)],
        };
        Ok(Tick {
            notifications,
            next_wake,
            held: decision.held.iter().map(|r| r.key).collect(),
            missed: decision.missed.iter().map(|r| r.key).collect(),
            quiet_until,
        })
    })
}

/// "Snooze 10 min": the reminder comes back in ten minutes.
pub fn snooze(store: &mut Store, key: &ReminderKey, now: DateTime<Utc>) -> Result<()> {
    store.write(|tx| {
        table::snooze(tx, key, now + SNOOZE)?;
        table::forget(tx, key)
    })
}

/// "Done" on a meeting reminder: after the start it marks the occurrence held, before the
/// start it silences the remaining reminders of that occurrence. On a check-in or report-back
/// reminder it only means "seen": a notification never records a conversation (that
/// happens in the check-in screen or the Log dialog), so an old banner's button can never
/// add a check-in, let alone a second one.
pub fn done(store: &mut Store, key: &ReminderKey, now: DateTime<Utc>, _tz: Tz) -> Result<()> {
    let (occurrence, moved_to) = match *key {
        ReminderKey::CheckIn { .. } | ReminderKey::ReportBack { .. } => return Ok(()),
        ReminderKey::Occurrence {
            occurrence,
            moved_to,
            ..
        } => (occurrence, moved_to),
    };
    let rhythm = crate::service::rhythms::get(store, occurrence.rhythm_id)?;
    let series = crate::schedule::agenda::series_of(&rhythm)
        .ok_or_else(|| Invalid::new("key", "error.invalid.reminder"))?;
    let start = moved_to.map_or_else(
        || crate::schedule::recurrence::resolve_local(occurrence.original, series.tz).to_utc(),
        |to| to.and_utc(),
    );
    if start <= now {
        return crate::service::rhythms::mark_held(store, &occurrence.to_string(), now);
    }
    // Done before the start means "seen, no more reminders for this one": the occurrence
    // has not been held yet, so its remaining reminders are recorded as fired instead.
    store.write(|tx| {
        for &lead_minutes in &rhythm.lead_minutes {
            let key = ReminderKey::Occurrence {
                occurrence,
                moved_to,
                lead_minutes,
            };
            table::log(tx, &key, Outcome::Fired, now, &rhythm.title, now)?;
        }
        Ok(())
    })
}

/// The desktop could not show a notification: its reminders are listed in Today and the
/// tray as not delivered instead of being lost. Keys that did not fire are left alone.
pub fn undelivered(store: &mut Store, keys: &[ReminderKey]) -> Result<usize> {
    store.write(|tx| {
        let mut n = 0;
        for key in keys {
            n += usize::from(table::mark_undelivered(tx, key)?);
        }
        Ok(n)
    })
}

/// Reminders missed (their event ended while the computer slept or the app was closed) or
/// not delivered (the desktop could not show them) that the manager has not dismissed, for
/// Today's "missed while you were away" list — however long ago.
pub fn missed(store: &Store) -> Result<Vec<MissedReminder>> {
    // One line per event, not per lead time: "10 min before" and "at start" of the same
    // meeting are one thing missed, listed at its latest reminder (the start).
    let mut by_event: Vec<(ReminderKey, MissedReminder)> = Vec::new();
    for (key, title, at) in table::undismissed(store.conn())? {
        let event = key.event();
        match by_event.iter_mut().find(|(e, _)| *e == event) {
            Some((_, missed)) => missed.at = missed.at.max(at),
            None => by_event.push((event, MissedReminder { title, at })),
        }
    }
    Ok(by_event.into_iter().map(|(_, m)| m).collect())
}

/// "Dismiss": the manager has seen the missed list; it empties until something else is
/// missed.
pub fn dismiss_missed(store: &mut Store, now: DateTime<Utc>) -> Result<usize> {
    store.write(|tx| table::dismiss_all(tx, now))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MissedReminder {
    pub title: String,
    pub at: DateTime<Utc>,
}

/// One line of the tray menu; a due check-in opens the check-in screen for its person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrayItem {
    pub label: String,
    pub person_id: Option<i64>,
}

/// What the tray shows: whether anything is overdue, and the next three things.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrayState {
    /// Check-ins overdue or due today.
    pub due: u32,
    pub paused_until: Option<DateTime<Utc>>,
    /// Up to three lines, e.g. "10:00 Utvecklingsmöte" or "Check-in with Anna is due".
    pub next: Vec<TrayItem>,
    /// Set while reminders cannot be recorded: "Reminders are not being saved: the disk is
    /// full".
    pub trouble: Option<String>,
}

/// A tick that could not record what it decided, so showed nothing: what it failed on. The
/// shell keeps it until a tick succeeds; Today and the tray say it meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failing(pub Option<Storage>);

impl Failing {
    pub fn of(error: &Error) -> Failing {
        Failing(error.storage())
    }

    pub fn trouble(self, lang: Lang) -> Trouble {
        let (title, cause) = match self.0 {
            Some(Storage::DiskFull) => ("reminder.trouble.disk_full", Storage::DiskFull.key()),
            Some(Storage::Busy) => ("reminder.trouble.busy", Storage::Busy.key()),
            Some(Storage::ReadOnly) => ("reminder.trouble.read_only", Storage::ReadOnly.key()),
            None => ("reminder.trouble.unknown", "error.internal"),
        };
        Trouble {
            title: t(lang, title, &[]),
            detail: format!(
                "{} {}",
                t(lang, cause, &[]),
                t(lang, "reminder.trouble.retry", &[])
            ),
        }
    }
}

/// Why reminders are not being recorded, as Today's banner says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Trouble {
    /// Short, also the tray's line.
    pub title: String,
    /// The cause in a sentence and what to do about it.
    pub detail: String,
}

/// The tray's summary; `failing` is the last tick's failure, if the last tick failed.
pub fn tray_state(
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
    lang: Lang,
    failing: Option<Failing>,
) -> Result<TrayState> {
    tray_state_until(store, now, tz, lang, failing).map(|(state, _)| state)
}

/// The tray's summary and the moment it may next read differently with the data, the
/// settings, the zone and the language as they are: the end of a listed meeting (it leaves
/// the list), the end of a pause, the next local midnight (what is due today, and "Mon 10:00"
/// becoming "10:00").
pub fn tray_state_until(
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
    lang: Lang,
    failing: Option<Failing>,
) -> Result<(TrayState, DateTime<Utc>)> {
    let settings = settings(store)?;
    let data = Loaded::read(store.conn())?;
    let agenda = build(&data.view(&settings), now, tz, 7);
    // The next local midnight (the first moment of the next day), or a pause's end before it.
    let mut until = span(now, tz, 1).1;
    if let Some(pause_end) = settings.paused_until.filter(|u| *u > now) {
        until = until.min(pause_end);
    }
    let mut next = Vec::new();
    let mut due = agenda.overdue.len();
    if let Some(today) = agenda.days.first() {
        due += today.checkins.len();
    }
    let person = |name: &str| {
        if settings.hide_names {
            t(lang, "reminder.checkin_anonymous", &[])
        } else {
            t(lang, "tray.checkin_due", &[("name", name)])
        }
    };
    for d in agenda.overdue.iter().chain(
        agenda
            .days
            .first()
            .map(|d| &d.checkins)
            .into_iter()
            .flatten(),
    ) {
        next.push(TrayItem {
            label: person(&d.name),
            person_id: Some(d.person_id),
        });
    }
    for o in agenda.days.iter().flat_map(|d| &d.occurrences) {
        if o.end > now && o.status == crate::model::MarkStatus::Planned {
            until = until.min(o.end);
            let when = short_when(o.start, now, tz, lang);
            next.push(TrayItem {
                label: format!(
                    "{when} {}",
                    occurrence_title(&o.title, o.kind, lang, &settings)
                ),
                person_id: None,
            });
        }
    }
    next.truncate(3);
    let state = TrayState {
        due: u32::try_from(due).unwrap_or(u32::MAX),
        paused_until: settings.paused_until.filter(|u| *u > now),
        next,
        trouble: failing.map(|f| f.trouble(lang).title),
    };
    Ok((state, until))
}

/// The data the planner reads, loaded in the caller's transaction.
struct Loaded {
    people: Vec<crate::model::Person>,
    last_held: HashMap<i64, chrono::NaiveDate>,
    groups: Vec<crate::model::Group>,
    rhythms: Vec<crate::model::Rhythm>,
    marks: HashMap<(i64, chrono::NaiveDateTime), crate::model::OccurrenceMark>,
    away: Vec<crate::model::Away>,
    max_per_day: u16,
}

impl Loaded {
    fn read(conn: &Connection) -> Result<Loaded> {
        Ok(Loaded {
            people: people::all(conn)?,
            last_held: checkins::last_held(conn)?.into_iter().collect(),
            groups: groups::all(conn)?,
            rhythms: rhythms::all(conn)?,
            marks: rhythms::all_marks(conn)?,
            away: crate::store::away::all(conn)?,
            max_per_day: crate::service::settings::calendar_in(conn)?.max_per_day,
        })
    }

    /// The data with `settings`' working days: the due rule and the reminders must agree on
    /// which days are closed.
    fn view<'a>(&'a self, settings: &'a ReminderSettings) -> AgendaData<'a> {
        AgendaData {
            people: &self.people,
            last_held: &self.last_held,
            groups: &self.groups,
            rhythms: &self.rhythms,
            marks: &self.marks,
            away: &self.away,
            working: settings.working_days(),
            max_per_day: self.max_per_day,
        }
    }
}

/// A rhythm's title, or its kind when names are hidden (titles like "1:1 with Sofia" name
/// people).
fn occurrence_title(
    title: &str,
    kind: RhythmKind,
    lang: Lang,
    settings: &ReminderSettings,
) -> String {
    if settings.hide_names {
        t(lang, &format!("reminder.kind.{}", kind.code()), &[])
    } else {
        title.to_owned()
    }
}

/// A length as a count for `tn`.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn lead_text(lead: u32, lang: Lang) -> String {
    let lead = i64::from(lead);
    if lead >= 1440 && lead % 1440 == 0 {
        tn(lang, "reminder.in_days", lead / 1440, &[])
    } else if lead >= 60 && lead % 60 == 0 {
        tn(lang, "reminder.in_hours", lead / 60, &[])
    } else {
        tn(lang, "reminder.in_minutes", lead, &[])
    }
}

/// A short label for a reminder, as the summary lists it and the missed list stores it.
fn label(reminder: &Reminder, lang: Lang) -> String {
    match &reminder.subject {
        Subject::CheckIn { name, .. } => t(lang, "tray.checkin_due", &[("name", name)]),
        Subject::ReportBack { title, .. } => t(lang, "idea.report_back", &[("title", title)]),
        Subject::Occurrence { title, .. } => title.clone(),
    }
}

fn notification(
    r: &Reminder,
    lang: Lang,
    settings: &ReminderSettings,
    tz: Tz,
    now: DateTime<Utc>,
) -> Notification {
    let (title, body) = match &r.subject {
        Subject::CheckIn {
            name,
            due_on,
            days_since,
            never_held,
            ..
        } => {
            let overdue = *due_on < now.with_timezone(&tz).date_naive();
            let key = match (settings.hide_names, overdue) {
                (true, _) => "reminder.checkin_anonymous",
                (false, false) => "reminder.checkin_due_today",
                (false, true) => "reminder.checkin_overdue",
            };
            (
                t(lang, key, &[("name", name)]),
                match (*never_held, *days_since) {
                    (true, 0) => t(lang, "reminder.added_today", &[]),
                    (true, days) => tn(lang, "reminder.days_since_added", days, &[]),
                    (false, days) => tn(lang, "reminder.days_since", days, &[]),
                },
            )
        }
        Subject::ReportBack {
            title,
            days_waiting,
            ..
        } => (
            t(lang, "idea.report_back", &[("title", title)]),
            tn(lang, "reminder.idea_waiting", *days_waiting, &[]),
        ),
        Subject::Occurrence {
            kind,
            title,
            start,
            end,
            lead_minutes,
            ..
        } => {
            let what = occurrence_title(title, *kind, lang, settings);
            let title = if *lead_minutes == 0 || *start <= now {
                t(lang, "reminder.starts_now", &[("title", &what)])
            } else {
                t(
                    lang,
                    "reminder.starts_in",
                    &[("title", &what), ("when", &lead_text(*lead_minutes, lang))],
                )
            };
            let fmt = |at: &DateTime<Utc>| time_text(lang, at.with_timezone(&tz).time());
            (title, format!("{}–{}", fmt(start), fmt(end)))
        }
    };
    Notification {
        title,
        body,
        key: Some(r.key),
        keys: vec![r.key],
        person_id: checkin_person(r),
        meeting_link: match &r.subject {
            Subject::Occurrence { meeting_link, .. } => meeting_link.clone(),
            _ => None,
        },
    }
}

fn checkin_person(r: &Reminder) -> Option<i64> {
    match r.subject {
        Subject::CheckIn { person_id, .. } => Some(person_id),
        _ => None,
    }
}

/// Several reminders as one notification: "While you were away: 4 reminders" when some are
/// late, "5 check-ins due" when all are check-ins, else "3 reminders".
fn summary(
    deliver: &[Reminder],
    late: bool,
    lang: Lang,
    settings: &ReminderSettings,
) -> Notification {
    let labels: Vec<String> = deliver
        .iter()
        .take(3)
        .map(|r| match &r.subject {
            Subject::CheckIn { .. } if settings.hide_names => {
                t(lang, "reminder.checkin_anonymous", &[])
            }
            Subject::Occurrence { title, kind, .. } => {
                occurrence_title(title, *kind, lang, settings)
            }
            _ => label(r, lang),
        })
        .collect();
    let mut body = labels.join("\n");
    if deliver.len() > 3 {
        body.push('\n');
        body.push_str(&tn(
            lang,
            "reminder.and_more",
            count(deliver.len() - 3),
            &[],
        ));
    }
    let all_checkins = deliver
        .iter()
        .all(|r| matches!(r.subject, Subject::CheckIn { .. }));
    let title_key = if late {
        "reminder.summary"
    } else if all_checkins {
        "reminder.summary_checkins"
    } else {
        "reminder.summary_now"
    };
    Notification {
        title: tn(lang, title_key, count(deliver.len()), &[]),
        body,
        key: None,
        keys: deliver.iter().map(|r| r.key).collect(),
        person_id: deliver.iter().find_map(checkin_person),
        // Several meetings at once: which one *Join* would open is anyone's guess.
        meeting_link: None,
    }
}

/// "10:00" today, "fre 10:00" on another day: the tray's short form.
pub fn short_when(at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let local = at.with_timezone(&tz);
    let time = time_text(lang, local.time());
    if local.date_naive() == now.with_timezone(&tz).date_naive() {
        return time;
    }
    let weekdays = t(lang, "date.weekdays_short", &[]);
    let weekday = weekdays
        .split(' ')
        .nth(local.weekday().num_days_from_monday() as usize)
        .unwrap_or_default();
    format!("{weekday} {time}")
}

#[cfg(test)]
mod simulation;
#[cfg(test)]
mod tests;
