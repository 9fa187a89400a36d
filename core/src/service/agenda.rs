//! Loads what the agenda needs from the store and builds it: the data behind Today, Week and
//! `narvaro agenda`.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::error::Result;
use crate::i18n::{t, tn, Lang};
use crate::model::MarkStatus;
use crate::schedule::agenda::{build, Agenda, AgendaData};
use crate::schedule::cadence::DueCheckIn;
use crate::store::{checkins, groups, people, rhythms, Store};

pub use crate::schedule::agenda::MAX_DAYS;

/// What is due and what occurs from today (in `local_tz`) for `days` days.
pub fn agenda(store: &Store, now: DateTime<Utc>, local_tz: Tz, days: u32) -> Result<Agenda> {
    let conn = store.conn();
    let people = people::all(conn)?;
    let last_held: HashMap<_, _> = checkins::last_held(conn)?.into_iter().collect();
    let groups = groups::all(conn)?;
    let rhythms = rhythms::all(conn)?;
    let marks = rhythms::all_marks(conn)?;
    Ok(build(
        &AgendaData {
            people: &people,
            last_held: &last_held,
            groups: &groups,
            rhythms: &rhythms,
            marks: &marks,
        },
        now,
        local_tz,
        days,
    ))
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
            line(&mut out, format!("  {}", due_text(due, lang)));
        }
    }
    for day in &agenda.days {
        line(&mut out, String::new());
        line(&mut out, long_date(day.date, lang));
        if day.occurrences.is_empty() && day.checkins.is_empty() {
            line(&mut out, format!("  {}", t(lang, "agenda.nothing", &[])));
        }
        for o in &day.occurrences {
            let start = o.start.with_timezone(&local_tz).format("%H:%M");
            let end = o.end.with_timezone(&local_tz).format("%H:%M");
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
            line(
                &mut out,
                format!(
                    "  {}",
                    t(
                        lang,
                        "agenda.cli_due_day",
                        &[("text", &due_text(due, lang))]
                    )
                ),
            );
        }
    }
    out
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

/// "10:00" today, "fre 10:00" on another day: the tray's short form.
pub fn short_when(at: DateTime<Utc>, now: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let local = at.with_timezone(&tz);
    let time = local.format("%H:%M").to_string();
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
            text.contains(
                "Daglig Dag: ingen avstämning än, tillagd för 1 dag sedan (intervall 1 dag)"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "Tre Veckor: ingen avstämning än, tillagd för 21 dagar sedan (intervall 21 dagar)"
            ),
            "{text}"
        );
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
            text.contains("Lars Persson: 25 dagar sedan senaste avstämningen (intervall 14 dagar)"),
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
}
