use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, Criterion};
use narvaro_core::model::recurrence::{End, Recurrence, Repeat, Weekday};
use narvaro_core::model::{Channel, GroupDraft, PersonDraft, RhythmDraft, RhythmKind};
use narvaro_core::service::{agenda, groups, people, rhythms};
use narvaro_core::store::checkins;
use narvaro_core::Store;

const PEOPLE: usize = 500;
const RHYTHMS: usize = 200;
static mut YEARS: i64 = 10;

fn team(now: chrono::DateTime<Utc>, tz: Tz) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let start = now - Duration::days(365 * unsafe { YEARS });
    let mut ids = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        let draft = PersonDraft {
            name: format!("Person {i:03}"),
            cadence_days: Some([7, 14, 21, 28][i % 4]),
            ..PersonDraft::default()
        };
        ids.push(people::add(&mut store, &draft, start).expect("person").id);
    }
    let today = now.with_timezone(&tz).date_naive();
    store
        .write(|tx| {
            for (i, &id) in ids.iter().enumerate() {
                let cadence = [7, 14, 21, 28][i % 4];
                let mut day = start.date_naive();
                while day < today {
                    checkins::insert(tx, id, day, 20, Channel::Video, None, None, start)?;
                    day += Duration::days(cadence);
                }
            }
            Ok(())
        })
        .expect("check-ins");
    let mut group_ids = Vec::new();
    for g in 0..20 {
        let group = groups::create(
            &mut store,
            &GroupDraft {
                name: format!("Grupp {g}"),
            },
            start,
        )
        .expect("group");
        for &id in ids.iter().skip(g * 25).take(25) {
            groups::add_member(&mut store, group.id, id).expect("member");
        }
        group_ids.push(group.id);
    }
    let days = Weekday::ALL;
    for r in 0..RHYTHMS {
        let (kind, group_id, person_id) = match r % 4 {
            0 => (RhythmKind::GroupMeeting, Some(group_ids[r % 20]), None),
            1 => (RhythmKind::OfficeHours, None, None),
            2 => (RhythmKind::SocialBreak, None, None),
            _ => (RhythmKind::OneOnOne, None, Some(ids[r % PEOPLE])),
        };
        let repeat = match r % 5 {
            0 | 1 => Repeat::Weekly {
                interval: 1 + (r % 2) as u16,
                weekdays: vec![days[r % 5], days[(r + 2) % 5]],
            },
            2 => Repeat::MonthlyOnDay {
                interval: 1,
                day: 1 + (r % 28) as u8,
            },
            3 => Repeat::MonthlyOnWeekday {
                interval: 1,
                nth: -1,
                weekday: days[r % 5],
            },
            _ => Repeat::DailyWorkdays,
        };
        let draft = RhythmDraft {
            kind,
            title: format!("Rytm {r}"),
            group_id,
            person_id,
            start_date: start.date_naive().format("%Y-%m-%d").to_string(),
            start_time: format!("{:02}:{:02}", 8 + r % 9, (r % 4) * 15),
            duration_minutes: 30,
            timezone: Some(["Europe/Stockholm", "America/New_York", "Asia/Kolkata"][r % 3].into()),
            recurrence: Recurrence {
                repeat,
                end: End::Never,
            },
            lead_minutes: None,
        };
        let rhythm = rhythms::create(&mut store, &draft, tz, start).expect("rhythm");
        // Marks on the next weeks' occurrences, as a busy manager would have.
        let agenda = agenda::agenda(&store, now, tz, 14).expect("agenda");
        for view in agenda
            .days
            .iter()
            .flat_map(|d| &d.occurrences)
            .filter(|o| o.rhythm_id == rhythm.id)
            .take(5)
        {
            rhythms::skip(&mut store, &view.id, Some("bench")).expect("skip");
        }
    }
    store
}

use narvaro_core::schedule::agenda::{build, AgendaData};
use narvaro_core::store::{groups as sgroups, people as speople, rhythms as srhythms};
use std::time::Instant;

fn time<T>(label: &str, n: u32, mut f: impl FnMut() -> T) -> T {
    let mut out = f();
    let t = Instant::now();
    for _ in 0..n {
        out = f();
    }
    let per = t.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    println!("{label:<28} {per:8.3} ms");
    out
}

fn main() {
    let years: i64 = std::env::args()
        .nth(1)
        .map(|a| a.parse().unwrap())
        .unwrap_or(10);
    unsafe {
        YEARS = years;
    }
    let tz: Tz = "Europe/Stockholm".parse().expect("zone");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 7, 0, 0)
        .single()
        .expect("now");
    let store = team(now, tz);
    let conn = store.conn();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM checkin", [], |r| r.get(0))
        .unwrap();
    let marks: i64 = conn
        .query_row("SELECT count(*) FROM occurrence_mark", [], |r| r.get(0))
        .unwrap();
    println!("years {years}: {rows} check-ins, {marks} marks");
    for sql in [
        "SELECT person_id, max(held_on) FROM checkin GROUP BY person_id",
        "SELECT p.id, (SELECT max(held_on) FROM checkin c WHERE c.person_id = p.id) FROM person p",
    ] {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let plan: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        println!("{sql}\n   plan: {plan:?}");
    }
    let n = 50;
    if let Ok(k) = std::env::var("ONLY_BUILD") {
        let k: u32 = k.parse().unwrap();
        let people = speople::all(conn).unwrap();
        let last: std::collections::HashMap<_, _> =
            checkins::last_held(conn).unwrap().into_iter().collect();
        let groups = sgroups::all(conn).unwrap();
        let rhythms = srhythms::all(conn).unwrap();
        let marks = srhythms::all_marks(conn).unwrap();
        time("build loop", k, || {
            build(
                &AgendaData {
                    people: &people,
                    last_held: &last,
                    groups: &groups,
                    rhythms: &rhythms,
                    marks: &marks,
                },
                now,
                tz,
                90,
            )
        });
        return;
    }
    let people = time("people::all", n, || speople::all(conn).unwrap());
    let last: std::collections::HashMap<_, _> = time("checkins::last_held", n, || {
        checkins::last_held(conn).unwrap()
    })
    .into_iter()
    .collect();
    time("last_held sql only (count)", n, || {
        let mut s = conn
            .prepare_cached("SELECT person_id, max(held_on) FROM checkin GROUP BY person_id")
            .unwrap();
        let mut rows = s.query([]).unwrap();
        let mut k = 0;
        while let Some(_) = rows.next().unwrap() {
            k += 1;
        }
        k
    });
    let groups = time("groups::all", n, || sgroups::all(conn).unwrap());
    let rhythms = time("rhythms::all", n, || srhythms::all(conn).unwrap());
    let marks = time("rhythms::all_marks", n, || {
        srhythms::all_marks(conn).unwrap()
    });
    for days in [7u32, 90] {
        time(&format!("build {days} d"), n, || {
            build(
                &AgendaData {
                    people: &people,
                    last_held: &last,
                    groups: &groups,
                    rhythms: &rhythms,
                    marks: &marks,
                },
                now,
                tz,
                days,
            )
        });
        time(&format!("agenda::agenda {days} d"), n, || {
            agenda::agenda(&store, now, tz, days).unwrap()
        });
    }
}
