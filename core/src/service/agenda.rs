//! Loads what the agenda needs from the store and builds it: the data behind Today, Week and
//! `narvaro agenda`.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Invalid, Result};
use crate::i18n::{t, time_text, tn, Lang};
use crate::model::MarkStatus;
use crate::schedule::agenda::{build_from, local_bounds, week_start, window, Agenda, AgendaData};
use crate::schedule::cadence::DueCheckIn;
use crate::schedule::holidays::Closed;

use crate::store::{checkins, groups, people, rhythms, Store};

pub use crate::schedule::agenda::MAX_DAYS;

/// What is due and what occurs from today (in `local_tz`) for `days` days. Reads what the
/// window needs, not the history: each person's last check-in by one index seek, and only
/// the marks near the window, so the cost does not grow with years of use.
pub fn agenda(store: &Store, now: DateTime<Utc>, local_tz: Tz, days: u32) -> Result<Agenda> {
    let today = now.with_timezone(&local_tz).date_naive();
    agenda_from(store, now, local_tz, today, days.clamp(1, MAX_DAYS))
}

/// The agenda for `days` days from `first`, seen at `now`, reading only what that window
/// needs.
fn agenda_from(
    store: &Store,
    now: DateTime<Utc>,
    local_tz: Tz,
    first: NaiveDate,
    days: u32,
) -> Result<Agenda> {
    let conn = store.conn();
    let people = people::all(conn)?;
    let last_held: HashMap<_, _> = checkins::last_held(conn)?.into_iter().collect();
    let groups = groups::all(conn)?;
    let rhythms = rhythms::all(conn)?;
    let (from, to) = window(first, days, local_tz);
    let (lo, hi) = local_bounds(from, to);
    let marks = rhythms::marks_between(conn, lo, hi)?;
    let calendar = Calendar::read(store)?;
    let mut agenda = build_from(
        &AgendaData {
            people: &people,
            last_held: &last_held,
            groups: &groups,
            rhythms: &rhythms,
            marks: &marks,
            away: &calendar.away,
            working: calendar.reminders.working_days(),
            max_per_day: calendar.max_per_day,
        },
        now,
        local_tz,
        first,
        days,
    );
    // Bookings ending over a day ago have lapsed; one query, a row per person at most.
    let bookings = crate::store::bookings::starting_after(conn, now - chrono::Duration::days(2))?;
    crate::schedule::booking::attach(&mut agenda, &bookings, &people, local_tz, now);
    Ok(agenda)
}

/// What decides due days besides the cadence: the working days (weekdays, holidays, own
/// days off, from the reminder settings), away periods and the spreading limit.
struct Calendar {
    reminders: crate::schedule::reminders::ReminderSettings,
    away: Vec<crate::model::Away>,
    max_per_day: u16,
}

impl Calendar {
    fn read(store: &Store) -> Result<Calendar> {
        Ok(Calendar {
            reminders: crate::service::reminders::settings(store)?,
            away: crate::store::away::all(store.conn())?,
            max_per_day: crate::service::settings::calendar(store)?.max_per_day,
        })
    }
}

/// One Monday-to-Sunday week as the Week view shows it: its ISO year and number ("vecka
/// 48") and its agenda.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekAgenda {
    pub iso_year: i32,
    pub iso_week: u32,
    pub agenda: Agenda,
}

/// How far from this week the Week view may look, in weeks.
pub const WEEK_OFFSET_MAX: i64 = 52;

/// The week `offset` weeks from the one holding today (0: this week, 1: next week), Monday
/// to Sunday in `local_tz`.
pub fn week(store: &Store, now: DateTime<Utc>, local_tz: Tz, offset: i64) -> Result<WeekAgenda> {
    if !(-WEEK_OFFSET_MAX..=WEEK_OFFSET_MAX).contains(&offset) {
        return Err(Invalid::new("offset", "error.invalid.week_offset")
            .with("max", WEEK_OFFSET_MAX)
            .into());
    }
    let today = now.with_timezone(&local_tz).date_naive();
    let monday = week_start(today, offset);
    let agenda = agenda_from(store, now, local_tz, monday, 7)?;
    let iso = monday.iso_week();
    Ok(WeekAgenda {
        iso_year: iso.year(),
        iso_week: iso.week(),
        agenda,
    })
}

/// The agenda as plain text for `narvaro agenda`, in `lang`, times in `local_tz`.
pub fn render_text(agenda: &Agenda, lang: Lang, local_tz: Tz) -> String {
    let mut out = String::new();
    let line = |out: &mut String, text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(
        &mut out,
        tn(
            lang,
            "agenda.cli_title",
            i64::try_from(agenda.days.len()).unwrap_or(i64::MAX),
            &[("date", &long_date(agenda.today, lang))],
        ),
    );
    if !agenda.overdue.is_empty() {
        line(&mut out, String::new());
        line(&mut out, t(lang, "agenda.overdue", &[]));
        for due in &agenda.overdue {
            let meeting = one_on_one_text(due, "due.one_on_one_today", lang, local_tz);
            line(&mut out, format!("  {}{meeting}", due_text(due, lang)));
        }
    }
    if !agenda.away.is_empty() {
        line(&mut out, String::new());
        line(&mut out, t(lang, "agenda.away_title", &[]));
        for due in &agenda.away {
            // Someone is in `away` only while away: `away_until` is always set there.
            let until = due
                .away_until
                .map_or_else(String::new, |d| long_date(d, lang));
            line(
                &mut out,
                format!(
                    "  {}",
                    t(
                        lang,
                        "agenda.cli_away",
                        &[
                            ("name", &due.name),
                            ("until", &until),
                            ("back", &long_date(due.due_on, lang)),
                        ],
                    )
                ),
            );
        }
    }
    for day in &agenda.days {
        line(&mut out, String::new());
        let date = long_date(day.date, lang);
        match &day.closed {
            Some(closed) => line(
                &mut out,
                t(
                    lang,
                    "agenda.cli_closed_day",
                    &[("date", &date), ("name", &closed_name(closed, lang))],
                ),
            ),
            None => line(&mut out, date),
        }
        if day.occurrences.is_empty() && day.checkins.is_empty() {
            line(&mut out, format!("  {}", t(lang, "agenda.nothing", &[])));
        }
        for o in &day.occurrences {
            let start = time_text(lang, o.start.with_timezone(&local_tz).time());
            let end = time_text(lang, o.end.with_timezone(&local_tz).time());
            let mut text = format!("  {start}–{end}  {}", o.title);
            if let Some(with) = &o.with_name {
                text.push_str(&format!(" · {with}"));
            }
            let status = match (o.status, o.moved_from.is_some()) {
                (MarkStatus::Held, _) => Some("agenda.status_held"),
                (MarkStatus::Skipped, _) => Some("agenda.status_skipped"),
                (MarkStatus::Planned, true) => Some("agenda.status_moved"),
                (MarkStatus::Planned, false) => None,
            };
            if let Some(key) = status {
                text.push_str(&format!("  [{}]", t(lang, key, &[])));
            }
            line(&mut out, text);
        }
        for due in &day.checkins {
            let meeting = one_on_one_text(due, "due.one_on_one", lang, local_tz);
            line(
                &mut out,
                format!(
                    "  {}{meeting}",
                    t(
                        lang,
                        "agenda.cli_due_day",
                        &[("text", &due_text(due, lang))]
                    )
                ),
            );
        }
        if let Some(hint) = spread_text(agenda, day.date, lang) {
            line(&mut out, format!("  {hint}"));
        }
    }
    out
}

/// A closed day's name: the holiday's ("Juldagen"), or "Day off".
pub fn closed_name(closed: &Closed, lang: Lang) -> String {
    match closed {
        Closed::Holiday { name_key } => t(lang, name_key, &[]),
        Closed::DayOff => t(lang, "agenda.day_off", &[]),
    }
}

/// The spreading suggestion for the check-ins due on `date`, as Today and Week word it:
/// "At most 3 check-ins a day: Lars Persson on Tue 1 December."
pub fn spread_text(agenda: &Agenda, date: NaiveDate, lang: Lang) -> Option<String> {
    let moves: Vec<String> = agenda
        .spread
        .iter()
        .filter(|m| m.from == date)
        .map(|m| {
            t(
                lang,
                "agenda.spread_move",
                &[("name", &m.name), ("day", &long_date(m.to, lang))],
            )
        })
        .collect();
    (!moves.is_empty()).then(|| {
        tn(
            lang,
            "agenda.spread",
            i64::from(agenda.max_per_day),
            &[("moves", &moves.join(", "))],
        )
    })
}

/// " · Fixed check-in at 10:00": the series meeting that stands for a due check-in, as the
/// window's due row names it; empty without one.
fn one_on_one_text(due: &DueCheckIn, key: &str, lang: Lang, local_tz: Tz) -> String {
    due.one_on_one.as_ref().map_or_else(String::new, |meeting| {
        let time = time_text(lang, meeting.start.with_timezone(&local_tz).time());
        format!(" · {}", t(lang, key, &[("time", &time)]))
    })
}

fn due_text(due: &DueCheckIn, lang: Lang) -> String {
    let since = match (due.last_held.is_some(), due.days_since) {
        (true, days) => tn(lang, "due.since", days, &[]),
        (false, 0) => t(lang, "agenda.never_today", &[]),
        (false, days) => tn(lang, "agenda.never", days, &[]),
    };
    let cadence = tn(lang, "cadence.every", i64::from(due.cadence_days), &[]);
    t(
        lang,
        "agenda.due",
        &[
            ("name", &due.name),
            ("since", &since),
            ("cadence", &cadence),
        ],
    )
}

/// "tors 26 november" / "Thu 26 November".
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    let weekdays = t(lang, "date.weekdays_short", &[]);
    let months = t(lang, "date.months", &[]);
    let weekday = weekdays
        .split(' ')
        .nth(date.weekday().num_days_from_monday() as usize)
        .unwrap_or_default();
    let month = months
        .split(' ')
        .nth(date.month0() as usize)
        .unwrap_or_default();
    format!("{weekday} {} {month}", date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::agenda::build;
    use chrono::TimeZone;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 19).unwrap();
        assert_eq!(long_date(d, Lang::Sv), "tors 19 mars");
        assert_eq!(long_date(d, Lang::En), "Thu 19 March");
    }

    #[test]
    fn the_text_agenda_counts_days_in_swedish_with_the_right_forms() {
        use crate::testing::{person_every, sthlm_at};
        let mut store = Store::open_in_memory().unwrap();
        let tz: Tz = "Europe/Stockholm".parse().unwrap();
        let now = sthlm_at(2026, 11, 26, 8, 0);
        person_every(
            &mut store,
            "Daglig Dag",
            Some(1),
            now - chrono::Duration::days(1),
        );
        person_every(
            &mut store,
            "Tre Veckor",
            Some(21),
            now - chrono::Duration::days(21),
        );
        let text = render_text(&agenda(&store, now, tz, 1).unwrap(), Lang::Sv, tz);
        assert!(
            text.starts_with("Agenda från tors 26 november, 1 dag"),
            "{text}"
        );
        assert!(
            text.contains("Daglig Dag: ingen avstämning än, tillagd för 1 dag sedan (varje dag)"),
            "{text}"
        );
        assert!(
            text.contains(
                "Tre Veckor: ingen avstämning än, tillagd för 21 dagar sedan (med 21 dagars mellanrum)"
            ),
            "{text}"
        );
    }

    /// The agenda reads only the marks near its window (and each person's last check-in by
    /// an index seek). With two years of held, skipped and moved occurrences in three zones,
    /// including moves into and out of the window from months away and a move that is
    /// after the window's last day in Kolkata but inside it in Stockholm, it must be the
    /// agenda built from every mark.
    #[test]
    fn reading_only_the_window_gives_the_agenda_that_every_mark_gives() {
        use crate::model::recurrence::{End, Recurrence, Repeat, Weekday};
        use crate::model::{RhythmDraft, RhythmKind};
        use crate::service::rhythms;
        use crate::testing::{person_every, sthlm, sthlm_at};

        let mut store = Store::open_in_memory().unwrap();
        let tz = sthlm();
        let now = sthlm_at(2026, 11, 26, 8, 0);
        let began = sthlm_at(2024, 11, 4, 8, 0);
        let sofia = person_every(&mut store, "Sofia", Some(14), began);
        let weekly = |kind, title: &str, person_id, zone: &str, time: &str| RhythmDraft {
            kind,
            title: title.into(),
            group_id: None,
            person_id,
            start_date: "2024-11-04".into(),
            start_time: time.into(),
            duration_minutes: 30,
            timezone: Some(zone.into()),
            recurrence: Recurrence {
                repeat: Repeat::Weekly {
                    interval: 1,
                    weekdays: vec![Weekday::Mon, Weekday::Thu],
                },
                end: End::Never,
            },
            lead_minutes: None,
        };
        let drafts = [
            weekly(
                RhythmKind::OneOnOne,
                "1:1 Sofia",
                Some(sofia),
                "Europe/Stockholm",
                "10:00",
            ),
            weekly(
                RhythmKind::OfficeHours,
                "Öppen tid",
                None,
                "America/New_York",
                "09:00",
            ),
            weekly(
                RhythmKind::SocialBreak,
                "Fika",
                None,
                "Asia/Kolkata",
                "00:30",
            ),
        ];
        for draft in &drafts {
            rhythms::create(&mut store, draft, tz, began).unwrap();
        }
        // Two years of history: every past occurrence held or skipped, in turn.
        let past = agenda(&store, began, tz, MAX_DAYS)
            .unwrap()
            .days
            .into_iter()
            .chain(
                agenda(&store, began + chrono::Duration::days(366), tz, MAX_DAYS)
                    .unwrap()
                    .days,
            );
        for (i, o) in past.flat_map(|d| d.occurrences).enumerate() {
            if o.end < now && i % 3 != 2 {
                rhythms::mark_held(&mut store, &o.id, now).unwrap();
            } else if o.end < now {
                rhythms::skip(&mut store, &o.id, Some("semester")).unwrap();
            }
        }
        let ahead: Vec<_> = agenda(&store, now, tz, 90)
            .unwrap()
            .days
            .into_iter()
            .flat_map(|d| d.occurrences)
            .collect();
        let of = |title: &str, nth: usize| {
            ahead
                .iter()
                .filter(|o| &*o.title == title)
                .nth(nth)
                .unwrap()
                .id
                .clone()
        };
        // From eight weeks ahead into tomorrow, and from next Monday to two months ahead.
        rhythms::move_occurrence(&mut store, &of("1:1 Sofia", 16), "2026-11-27", "13:00").unwrap();
        rhythms::move_occurrence(&mut store, &of("Öppen tid", 1), "2027-01-28", "11:00").unwrap();
        // 00:15 on Friday 4 December in Kolkata is Thursday 3 December 19:45 in Stockholm:
        // the last evening of an eight-day agenda from today.
        rhythms::move_occurrence(&mut store, &of("Fika", 10), "2026-12-04", "00:15").unwrap();

        let conn = store.conn();
        let people = crate::store::people::all(conn).unwrap();
        let last_held: HashMap<_, _> = checkins::last_held(conn).unwrap().into_iter().collect();
        let groups = groups::all(conn).unwrap();
        let all_rhythms = rhythms::list(&store).unwrap();
        let marks = crate::store::rhythms::all_marks(conn).unwrap();
        assert!(marks.len() > 300, "{}", marks.len());
        let calendar = Calendar::read(&store).unwrap();
        let everything = AgendaData {
            people: &people,
            last_held: &last_held,
            groups: &groups,
            rhythms: &all_rhythms,
            marks: &marks,
            away: &calendar.away,
            working: calendar.reminders.working_days(),
            max_per_day: calendar.max_per_day,
        };
        let mut moved_seen = 0;
        for (at, days) in [
            (now, 1),
            (now, 8),
            (now, 90),
            (now + chrono::Duration::days(62), 7),
            (now - chrono::Duration::days(400), 30),
        ] {
            let read = agenda(&store, at, tz, days).unwrap();
            assert_eq!(read, build(&everything, at, tz, days), "{at} {days}");
            moved_seen += read
                .days
                .iter()
                .flat_map(|d| &d.occurrences)
                .filter(|o| o.moved_from.is_some())
                .count();
        }
        assert!(moved_seen >= 5, "{moved_seen}");
    }

    /// "New user" is no people and no rhythms, archived people included: one archived
    /// person or one rhythm already makes the agenda the manager's own.
    #[test]
    fn the_agenda_tells_a_new_user_until_there_is_a_person_or_a_rhythm() {
        let tz: Tz = "Europe/Stockholm".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 7, 0, 0).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        assert!(agenda(&store, now, tz, 8).unwrap().new_user);
        crate::service::sample::load(&mut store, Lang::Sv, tz, now).unwrap();
        assert!(!agenda(&store, now, tz, 8).unwrap().new_user);

        let mut store = Store::open_in_memory().unwrap();
        let today = now.with_timezone(&tz).date_naive();
        let draft = crate::model::NewPerson {
            draft: crate::model::PersonDraft {
                name: "Anna Lind".into(),
                ..Default::default()
            },
            last_talked: None,
        };
        let anna = crate::service::people::add_new(&mut store, &draft, today, now).unwrap();
        crate::service::people::archive(&mut store, anna.id, now).unwrap();
        assert!(!agenda(&store, now, tz, 8).unwrap().new_user);
    }

    #[test]
    fn the_text_agenda_lists_overdue_check_ins_and_each_day() {
        let mut store = Store::open_in_memory().unwrap();
        let tz: Tz = "Europe/Stockholm".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 7, 0, 0).unwrap();
        crate::service::sample::load(&mut store, Lang::Sv, tz, now).unwrap();
        let text = render_text(&agenda(&store, now, tz, 2).unwrap(), Lang::Sv, tz);
        assert!(
            text.starts_with("Agenda från tors 26 november, 2 dagar"),
            "{text}"
        );
        assert!(
            text.contains(
                "Lars Persson: 25 dagar sedan senaste avstämningen (med 14 dagars mellanrum)"
            ),
            "{text}"
        );
        assert!(
            text.contains("  10:00–10:30  Utvecklingsmöte · Utveckling"),
            "{text}"
        );
        assert!(
            text.contains("fre 27 november\n  15:00–15:20  Digital fika"),
            "{text}"
        );
    }

    /// The Week view's week: Monday to Sunday around today (the days already past show
    /// what was held), the next one, and the ISO number across a year's end and a DST
    /// change.
    #[test]
    fn a_week_runs_monday_to_sunday_with_its_iso_number() {
        use crate::model::recurrence::{End, Recurrence, Repeat, Weekday};
        use crate::model::{RhythmDraft, RhythmKind};
        use crate::service::rhythms;
        use crate::testing::{person_every, sthlm, sthlm_at};

        let mut store = Store::open_in_memory().unwrap();
        let tz = sthlm();
        let began = sthlm_at(2026, 1, 5, 8, 0);
        let anna = person_every(&mut store, "Anna", Some(14), began);
        let draft = RhythmDraft {
            kind: RhythmKind::SocialBreak,
            title: "Fika".into(),
            group_id: None,
            person_id: None,
            start_date: "2026-01-05".into(),
            start_time: "15:00".into(),
            duration_minutes: 20,
            timezone: None,
            recurrence: Recurrence {
                repeat: Repeat::Weekly {
                    interval: 1,
                    weekdays: vec![Weekday::Mon, Weekday::Sun],
                },
                end: End::Never,
            },
            lead_minutes: None,
        };
        rhythms::create(&mut store, &draft, tz, began).unwrap();
        let dates = |w: &WeekAgenda| -> Vec<String> {
            w.agenda.days.iter().map(|d| d.date.to_string()).collect()
        };

        // Thursday 26 November 2026, week 48.
        let thursday = sthlm_at(2026, 11, 26, 8, 0);
        let this = week(&store, thursday, tz, 0).unwrap();
        assert_eq!((this.iso_year, this.iso_week), (2026, 48));
        assert_eq!(dates(&this).first().map(String::as_str), Some("2026-11-23"));
        assert_eq!(dates(&this).last().map(String::as_str), Some("2026-11-29"));
        assert_eq!(this.agenda.today.to_string(), "2026-11-26");
        // Monday's fika, already past, is in the week; so is Sunday's.
        assert_eq!(this.agenda.days[0].occurrences.len(), 1);
        assert_eq!(this.agenda.days[6].occurrences.len(), 1);
        let next = week(&store, thursday, tz, 1).unwrap();
        assert_eq!((next.iso_year, next.iso_week), (2026, 49));
        assert_eq!(dates(&next)[0], "2026-11-30");

        // New Year's Eve 2026 is a Thursday in week 53 of 2026; the next week is 2027's first.
        let nye = sthlm_at(2026, 12, 31, 12, 0);
        let w53 = week(&store, nye, tz, 0).unwrap();
        assert_eq!((w53.iso_year, w53.iso_week), (2026, 53));
        assert_eq!(dates(&w53)[6], "2027-01-03");
        let w1 = week(&store, nye, tz, 1).unwrap();
        assert_eq!((w1.iso_year, w1.iso_week), (2027, 1));

        // The week the clocks go back (Sunday 25 October 2026): still seven days, and
        // Sunday's fika at 15:00 local.
        let dst = week(&store, sthlm_at(2026, 10, 21, 9, 0), tz, 0).unwrap();
        assert_eq!(dst.agenda.days.len(), 7);
        let sunday = &dst.agenda.days[6];
        assert_eq!(sunday.date.to_string(), "2026-10-25");
        let start = sunday.occurrences[0].start.with_timezone(&tz);
        assert_eq!(start.format("%H:%M").to_string(), "15:00");

        // Anna's check-in falls due in a week: on its day in that week, never before today.
        let last = sthlm_at(2026, 11, 16, 9, 0).with_timezone(&tz).date_naive();
        crate::store::checkins::insert(
            store.conn(),
            anna,
            last,
            20,
            crate::model::Channel::Video,
            None,
            None,
            thursday,
        )
        .unwrap();
        let due = week(&store, thursday, tz, 1).unwrap();
        let on: Vec<_> = due
            .agenda
            .days
            .iter()
            .filter(|d| !d.checkins.is_empty())
            .map(|d| d.date.to_string())
            .collect();
        assert_eq!(on, ["2026-11-30"]);

        for offset in [53, -53, i64::MAX] {
            let err = week(&store, thursday, tz, offset).unwrap_err();
            assert!(err.message(Lang::Sv).contains("52"), "{err:?}");
        }
    }

    /// Christmas week 2026 with an own day off, four check-ins due on Monday (at most three
    /// a day) and someone away over the holidays: Week names each closed day and carries
    /// the spreading suggestion for the day it concerns; `narvaro agenda` says all of it,
    /// with who is away until when, in both languages.
    #[test]
    fn a_week_names_its_closed_days_and_spreads_an_overloaded_day() {
        use crate::schedule::holidays::Closed;
        use crate::service::settings::{set_calendar, CalendarSettingsDraft};
        use crate::testing::{person_every, sthlm, sthlm_at};

        let mut store = Store::open_in_memory().unwrap();
        let tz = sthlm();
        let monday = sthlm_at(2026, 12, 21, 8, 0);
        set_calendar(
            &mut store,
            &CalendarSettingsDraft {
                holidays: "sweden".into(),
                days_off: vec!["2026-12-23".into()],
                max_per_day: 3,
            },
        )
        .unwrap();
        let began = sthlm_at(2026, 9, 1, 8, 0);
        for name in ["Anna Lind", "Bo Ek", "Cilla Berg", "David Holm", "Eva Sten"] {
            let id = person_every(&mut store, name, Some(14), began);
            // Met two weeks before Monday: due on Monday 21 December.
            crate::store::checkins::insert(
                store.conn(),
                id,
                NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
                20,
                crate::model::Channel::Video,
                None,
                None,
                began,
            )
            .unwrap();
            if name == "Eva Sten" {
                crate::service::away::add(
                    &mut store,
                    &crate::model::AwayDraft {
                        person_id: id,
                        from: "2026-12-14".into(),
                        to: "2027-01-06".into(),
                        reason: "vacation".into(),
                    },
                )
                .unwrap();
            }
        }

        let this = week(&store, monday, tz, 0).unwrap();
        let closed: Vec<(String, Option<Closed>)> = this
            .agenda
            .days
            .iter()
            .map(|d| (d.date.to_string(), d.closed.clone()))
            .collect();
        let holiday = |key: &str| {
            Some(Closed::Holiday {
                name_key: key.into(),
            })
        };
        assert_eq!(
            closed,
            [
                ("2026-12-21".into(), None),
                ("2026-12-22".into(), None),
                ("2026-12-23".into(), Some(Closed::DayOff)),
                ("2026-12-24".into(), holiday("holiday.se.julafton")),
                ("2026-12-25".into(), holiday("holiday.se.juldagen")),
                ("2026-12-26".into(), holiday("holiday.se.annandag_jul")),
                ("2026-12-27".into(), None),
            ]
        );
        let moves: Vec<(&str, String, String)> = this
            .agenda
            .spread
            .iter()
            .map(|m| (m.name.as_str(), m.from.to_string(), m.to.to_string()))
            .collect();
        assert_eq!(
            moves,
            [("David Holm", "2026-12-21".into(), "2026-12-22".into())]
        );
        assert_eq!(this.agenda.days[0].checkins.len(), 4);
        let next = week(&store, monday, tz, 1).unwrap();
        assert_eq!(next.agenda.days[3].closed, holiday("holiday.se.nyarsafton"));
        assert_eq!(next.agenda.days[4].closed, holiday("holiday.se.nyarsdagen"));
        assert!(next.agenda.spread.is_empty());

        let today = agenda(&store, monday, tz, 7).unwrap();
        let sv = render_text(&today, Lang::Sv, tz);
        for expected in [
            "\nBorta\n  Eva Sten: borta till och med ons 6 januari, tillbaka tors 7 januari\n",
            "\nmån 21 december\n",
            "  Högst 3 avstämningar per dag: David Holm på tis 22 december.\n",
            "\nons 23 december – Ledig dag\n",
            "\ntors 24 december – Julafton\n",
            "\nfre 25 december – Juldagen\n",
        ] {
            assert!(sv.contains(expected), "{expected:?} in:\n{sv}");
        }
        let en = render_text(&today, Lang::En, tz);
        for expected in [
            "\nAway\n  Eva Sten: away until Wed 6 January, back Thu 7 January\n",
            "  At most 3 check-ins a day: David Holm on Tue 22 December.\n",
            "\nWed 23 December – Day off\n",
            "\nThu 24 December – Christmas Eve\n",
        ] {
            assert!(en.contains(expected), "{expected:?} in:\n{en}");
        }
        // The hint stands under the day it concerns, after its check-ins.
        let monday_block = sv
            .split("\n\n")
            .find(|b| b.starts_with("mån 21 december"))
            .unwrap();
        assert!(
            monday_block.ends_with("David Holm på tis 22 december."),
            "{monday_block}"
        );
        assert_eq!(spread_text(&today, today.days[1].date, Lang::En), None);
    }
}
