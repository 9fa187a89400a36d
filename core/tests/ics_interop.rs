//! Interop: the .ics that `service::export::ics::export` writes, expanded by an independent
//! implementation (Python's icalendar + recurring-ical-events, via tests/ics_expand.py), must
//! give exactly the occurrences the app's agenda shows — across DST changes in both
//! hemispheres, in DST gaps and folds, with skipped and moved occurrences and COUNT/UNTIL
//! ends. Each window is checked twice: zones by IANA name (Google, Thunderbird) and zones
//! from the file's VTIMEZONEs only (Outlook).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use narvaro_core::model::recurrence::{End, Recurrence, Repeat, Weekday};
use narvaro_core::model::{
    GroupDraft, MarkStatus, OccurrenceRef, PersonDraft, RhythmDraft, RhythmKind,
};
use narvaro_core::schedule::agenda::{occurrences, Names, OccurrenceView};
use narvaro_core::service::export::ics;
use narvaro_core::service::rhythms;
use narvaro_core::store::{groups, people, rhythms as table};
use narvaro_core::{Error, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 2, 12, 0, 0).unwrap()
}

fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The interpreter with icalendar and recurring-ical-events: $NARVARO_PYTHON, else the
/// virtualenv that `cargo xtask test` keeps in target/py.
fn python() -> PathBuf {
    if let Some(path) = std::env::var_os("NARVARO_PYTHON") {
        return path.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/py");
    [venv.join("bin/python"), venv.join("Scripts/python.exe")]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!(
                "run `cargo xtask test` once to create target/py (python venv with icalendar \
                 and recurring-ical-events)"
            )
        })
}

/// One occurrence as both sides report it: uid, start, end, summary.
type Seen = (String, DateTime<Utc>, DateTime<Utc>, String);

fn expand(ics: &Path, from: DateTime<Utc>, to: DateTime<Utc>, vtimezone: bool) -> Vec<Seen> {
    let events = expand_json(ics, from, to, vtimezone);
    let instant = |v: &serde_json::Value| {
        DateTime::parse_from_rfc3339(v.as_str().expect("a time"))
            .expect("UTC ISO")
            .to_utc()
    };
    let mut seen: Vec<Seen> = events
        .iter()
        .map(|e| {
            (
                e["uid"].as_str().expect("uid").to_owned(),
                instant(&e["start"]),
                instant(&e["end"]),
                e["summary"].as_str().expect("summary").to_owned(),
            )
        })
        .collect();
    seen.sort();
    seen
}

/// What ics_expand.py prints for [from, to): one JSON object per occurrence.
fn expand_json(
    ics: &Path,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    vtimezone: bool,
) -> Vec<serde_json::Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics_expand.py");
    let iso = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut command = Command::new(python());
    command.arg(&script).arg(ics).arg(iso(from)).arg(iso(to));
    if vtimezone {
        command.arg("--vtimezone");
    }
    let output = command.output().expect("run python");
    assert!(
        output.status.success(),
        "ics_expand.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("ics_expand.py prints JSON")
}

/// Who reads the file, for the one place where readers differ from RFC 5545.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// Zones by IANA name (Python's zoneinfo): a wall time in a DST gap uses the offset
    /// before the gap, as RFC 5545 §3.3.5 and the app do.
    Rfc,
    /// Zones from the VTIMEZONE (python-dateutil's tzical, which icalendar uses for zones it
    /// does not know by name) reads a wall time in a gap with the offset after the gap: an
    /// hour earlier than RFC 5545 §3.3.5 says.
    Dateutil,
}

/// What the app shows for [from, to): every rhythm's occurrences with marks applied,
/// without the skipped ones (a calendar does not show them) and without 1:1 series of
/// archived people (the agenda rests them); for `Reader::Dateutil`, with that reader's
/// known reading of gap times.
fn agenda(store: &Store, from: DateTime<Utc>, to: DateTime<Utc>, reader: Reader) -> Vec<Seen> {
    let conn = store.conn();
    let people = people::all(conn).unwrap();
    let groups = groups::all(conn).unwrap();
    let marks = table::all_marks(conn).unwrap();
    let names = Names::new(&people, &groups);
    let archived: HashSet<i64> = people
        .iter()
        .filter(|p| !p.is_active())
        .map(|p| p.id)
        .collect();
    // A day either side, so that the shift below can move an occurrence into the window.
    let (wide_from, wide_to) = (from - Duration::days(1), to + Duration::days(1));
    let mut seen: Vec<Seen> = table::all(conn)
        .unwrap()
        .iter()
        .filter(|r| r.person_id.is_none_or(|p| !archived.contains(&p)))
        .flat_map(|r| occurrences(r, &marks, &names, wide_from, wide_to))
        .filter(|v| v.status != MarkStatus::Skipped)
        .map(|v| {
            let shift = match reader {
                Reader::Rfc => Duration::zero(),
                Reader::Dateutil => dateutil_gap_shift(&v),
            };
            let uid = format!("rhythm-{}@narvaro.local", v.rhythm_id);
            (uid, v.start - shift, v.end - shift, v.title.to_string())
        })
        .filter(|s| s.1 >= from && s.1 < to)
        .collect();
    seen.sort();
    seen
}

/// How much earlier dateutil's tzical puts an occurrence whose wall time the rule placed in
/// a DST gap: the gap's length. Moved occurrences are written at a time that exists.
fn dateutil_gap_shift(v: &OccurrenceView) -> Duration {
    if v.moved_from.is_some() {
        return Duration::zero();
    }
    let tz: Tz = v.timezone.parse().unwrap();
    let original = OccurrenceRef::parse(&v.id).unwrap().original;
    if tz.from_local_datetime(&original).earliest().is_some() {
        return Duration::zero();
    }
    let after = v.start.with_timezone(&tz).offset().fix().local_minus_utc();
    let dateutil = original.and_utc() - Duration::seconds(after.into());
    v.start - dateutil
}

struct Team {
    store: Store,
    anna: i64,
    bo: i64,
    group: i64,
}

fn team() -> Team {
    let mut store = Store::open_in_memory().unwrap();
    let person = |store: &mut Store, name: &str| {
        narvaro_core::service::people::add(
            store,
            &PersonDraft {
                name: name.into(),
                email: Some(format!("{}@exempel.se", name.to_lowercase())),
                ..PersonDraft::default()
            },
            now(),
        )
        .unwrap()
        .id
    };
    let anna = person(&mut store, "Anna");
    let bo = person(&mut store, "Bo");
    let group = narvaro_core::service::groups::create(
        &mut store,
        &GroupDraft {
            name: "Handläggning".into(),
        },
        now(),
    )
    .unwrap()
    .id;
    Team {
        store,
        anna,
        bo,
        group,
    }
}

struct Spec {
    kind: RhythmKind,
    title: &'static str,
    tz: &'static str,
    start: (&'static str, &'static str),
    minutes: i64,
    repeat: Repeat,
    end: End,
}

fn weekly(interval: u16, weekdays: &[Weekday]) -> Repeat {
    Repeat::Weekly {
        interval,
        weekdays: weekdays.to_vec(),
    }
}

fn create(team: &mut Team, spec: Spec) -> i64 {
    let (group_id, person_id) = match spec.kind {
        RhythmKind::GroupMeeting | RhythmKind::SocialBreak => (Some(team.group), None),
        RhythmKind::OneOnOne => (None, Some(team.anna)),
        RhythmKind::OfficeHours => (None, None),
    };
    let draft = RhythmDraft {
        kind: spec.kind,
        title: spec.title.into(),
        group_id,
        person_id,
        start_date: spec.start.0.into(),
        start_time: spec.start.1.into(),
        duration_minutes: spec.minutes,
        timezone: Some(spec.tz.into()),
        recurrence: Recurrence {
            repeat: spec.repeat,
            end: spec.end,
        },
        lead_minutes: None,
    };
    rhythms::create(&mut team.store, &draft, Tz::Europe__Stockholm, now())
        .unwrap()
        .id
}

fn skip(team: &mut Team, id: i64, original: &str) {
    rhythms::skip(
        &mut team.store,
        &format!("{id}@{original}"),
        Some("sjuk, privat"),
    )
    .unwrap();
}

fn move_to(team: &mut Team, id: i64, original: &str, day: &str, time: &str) {
    rhythms::move_occurrence(&mut team.store, &format!("{id}@{original}"), day, time).unwrap();
}

fn held(team: &mut Team, id: i64, original: &str) {
    // Marked held after the fact, as a manager does: an occurrence is held once it happened.
    let later = Utc.with_ymd_and_hms(2031, 1, 1, 12, 0, 0).unwrap();
    rhythms::mark_held(&mut team.store, &format!("{id}@{original}"), later).unwrap();
}

/// A team with rhythms in five zones and every kind of rule, end and mark.
fn busy_team() -> Team {
    use RhythmKind::*;
    use Weekday::*;
    let mut team = team();
    let t = &mut team;

    // Stockholm: weekly office hours with a title that needs escaping; one skipped, one held,
    // one moved across the spring change, one moved into the autumn fold (02:30 twice).
    let office = create(
        t,
        Spec {
            kind: OfficeHours,
            title: "Öppen tid; frågor, svar \\ \"fika\" 🎉☕",
            tz: "Europe/Stockholm",
            start: ("2026-01-07", "09:00"),
            minutes: 60,
            repeat: weekly(1, &[Wed]),
            end: End::Never,
        },
    );
    skip(t, office, "2026-03-25T09:00");
    held(t, office, "2026-03-18T09:00");
    move_to(t, office, "2026-04-01T09:00", "2026-03-27", "14:00");
    move_to(t, office, "2026-10-28T09:00", "2026-10-25", "02:30");

    // Stockholm: fortnightly on two weekdays, 30 occurrences.
    create(
        t,
        Spec {
            kind: GroupMeeting,
            title: "Veckomöte handläggning",
            tz: "Europe/Stockholm",
            start: ("2026-02-02", "10:00"),
            minutes: 45,
            repeat: weekly(2, &[Mon, Thu]),
            end: End::Count { count: 30 },
        },
    );

    // Stockholm 02:30 on Sundays: 2026-03-29 falls in the spring-forward gap, 2026-10-25 in
    // the fold. A 90-minute meeting on the fold night ends in the other offset.
    let fika = create(
        t,
        Spec {
            kind: SocialBreak,
            title: "Nattfika",
            tz: "Europe/Stockholm",
            start: ("2026-03-01", "02:30"),
            minutes: 90,
            repeat: weekly(1, &[Sun]),
            end: End::Never,
        },
    );
    skip(t, fika, "2026-03-29T02:30");

    // The same times for a 1:1 until the end of the year: the gap occurrence moved, the fold
    // occurrence skipped.
    let one = create(
        t,
        Spec {
            kind: OneOnOne,
            title: "1:1 Anna",
            tz: "Europe/Stockholm",
            start: ("2026-03-01", "02:30"),
            minutes: 30,
            repeat: weekly(1, &[Sun]),
            end: End::Until {
                date: date(2026, 12, 31),
            },
        },
    );
    move_to(t, one, "2026-03-29T02:30", "2026-03-30", "08:00");
    skip(t, one, "2026-10-25T02:30");

    // Stockholm: the 31st of every month, six times (months without a 31st have none).
    create(
        t,
        Spec {
            kind: GroupMeeting,
            title: "Månadsavstämning",
            tz: "Europe/Stockholm",
            start: ("2026-01-31", "13:00"),
            minutes: 60,
            repeat: Repeat::MonthlyOnDay {
                interval: 1,
                day: 31,
            },
            end: End::Count { count: 6 },
        },
    );

    // New York: every other week on three days, 40 times; DST on 8 March and 1 November.
    let ny = create(
        t,
        Spec {
            kind: GroupMeeting,
            title: "NY sync",
            tz: "America/New_York",
            start: ("2026-01-05", "08:30"),
            minutes: 30,
            repeat: weekly(2, &[Mon, Wed, Fri]),
            end: End::Count { count: 40 },
        },
    );
    move_to(t, ny, "2026-03-06T08:30", "2026-03-10", "16:00");
    // New York 02:30 on Sundays (gap on 8 March) and 01:30 (fold on 1 November).
    let gap = create(
        t,
        Spec {
            kind: SocialBreak,
            title: "NY night owls",
            tz: "America/New_York",
            start: ("2026-03-01", "02:30"),
            minutes: 60,
            repeat: weekly(1, &[Sun]),
            end: End::Never,
        },
    );
    skip(t, gap, "2026-03-08T02:30");
    create(
        t,
        Spec {
            kind: SocialBreak,
            title: "NY early birds",
            tz: "America/New_York",
            start: ("2026-10-04", "01:30"),
            minutes: 60,
            repeat: weekly(1, &[Sun]),
            end: End::Until {
                date: date(2026, 11, 30),
            },
        },
    );

    // Sydney (southern hemisphere: summer time ends 5 April, starts 4 October): the 31st
    // until mid-2027, and 02:30 on Sundays (fold in April, gap in October).
    create(
        t,
        Spec {
            kind: SocialBreak,
            title: "Sydney end-of-month drinks",
            tz: "Australia/Sydney",
            start: ("2026-01-31", "18:00"),
            minutes: 120,
            repeat: Repeat::MonthlyOnDay {
                interval: 1,
                day: 31,
            },
            end: End::Until {
                date: date(2027, 6, 30),
            },
        },
    );
    let syd = create(
        t,
        Spec {
            kind: OfficeHours,
            title: "Sydney open door",
            tz: "Australia/Sydney",
            start: ("2026-03-01", "02:30"),
            minutes: 60,
            repeat: weekly(1, &[Sun]),
            end: End::Never,
        },
    );
    move_to(t, syd, "2026-04-05T02:30", "2026-04-06", "09:00");
    skip(t, syd, "2026-10-04T02:30");

    // Kolkata (+05:30, no DST): last Friday of the month.
    let kol = create(
        t,
        Spec {
            kind: GroupMeeting,
            title: "Kolkata review",
            tz: "Asia/Kolkata",
            start: ("2026-01-30", "15:00"),
            minutes: 60,
            repeat: Repeat::MonthlyOnWeekday {
                interval: 1,
                nth: -1,
                weekday: Fri,
            },
            end: End::Never,
        },
    );
    skip(t, kol, "2026-03-27T15:00");

    // UTC: every workday until 6 November.
    let daily = create(
        t,
        Spec {
            kind: OfficeHours,
            title: "Stand-up",
            tz: "UTC",
            start: ("2026-02-02", "07:00"),
            minutes: 15,
            repeat: Repeat::DailyWorkdays,
            end: End::Until {
                date: date(2026, 11, 6),
            },
        },
    );
    skip(t, daily, "2026-03-10T07:00");
    held(t, daily, "2026-03-11T07:00");
    move_to(t, daily, "2026-10-14T07:00", "2026-10-17", "12:00");

    // Casablanca leaves summer time for Ramadan (mid-February to late March 2026): no yearly
    // rule, so its VTIMEZONE lists the onsets.
    create(
        t,
        Spec {
            kind: OfficeHours,
            title: "Casablanca hours",
            tz: "Africa/Casablanca",
            start: ("2026-01-05", "09:00"),
            minutes: 60,
            repeat: Repeat::DailyWorkdays,
            end: End::Never,
        },
    );

    // A 1:1 series with someone who has left: not on the agenda, not in the calendar.
    let gone = RhythmDraft {
        kind: OneOnOne,
        title: "1:1 Bo".into(),
        group_id: None,
        person_id: Some(t.bo),
        start_date: "2026-01-05".into(),
        start_time: "11:00".into(),
        duration_minutes: 30,
        timezone: Some("Europe/Stockholm".into()),
        recurrence: Recurrence {
            repeat: weekly(1, &[Mon]),
            end: End::Never,
        },
        lead_minutes: None,
    };
    rhythms::create(&mut t.store, &gone, Tz::Europe__Stockholm, now()).unwrap();
    narvaro_core::service::people::archive(&mut t.store, t.bo, now()).unwrap();
    team
}

fn compare(label: &str, app: &[Seen], other: &[Seen]) {
    if app == other {
        return;
    }
    let a: HashSet<&Seen> = app.iter().collect();
    let b: HashSet<&Seen> = other.iter().collect();
    let mut only_app: Vec<&&Seen> = a.difference(&b).collect();
    let mut only_other: Vec<&&Seen> = b.difference(&a).collect();
    only_app.sort();
    only_other.sort();
    panic!(
        "{label}: the calendar and the agenda disagree\n  only in the agenda: {only_app:#?}\n  \
         only in the calendar: {only_other:#?}\n  (counts {} vs {})",
        app.len(),
        other.len()
    );
}

#[test]
fn the_exported_calendar_shows_what_the_agenda_shows() {
    let team = busy_team();
    let ics = ics::export(&team.store, ics::Scope::TeamWithOneOnOnes, now()).unwrap();
    assert!(!ics.contains("privat"), "skip reasons are private");
    assert!(!ics.contains("exempel.se"), "e-mail addresses are private");
    assert!(!ics.contains("Handläggning\r\n"), "group names stay home");
    assert!(!ics.contains("1:1 Bo"), "an archived person's series rests");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("narvaro.ics");
    std::fs::write(&path, &ics).unwrap();

    let windows = [
        ("spring", utc(2026, 3, 1), utc(2026, 4, 15)),
        ("autumn", utc(2026, 10, 1), utc(2026, 11, 15)),
        ("eighteen months", utc(2026, 1, 1), utc(2027, 7, 1)),
    ];
    for (name, from, to) in windows {
        let app = agenda(&team.store, from, to, Reader::Rfc);
        assert!(app.len() > 20, "{name}: the window should not be empty");
        compare(
            &format!("{name} (IANA)"),
            &app,
            &expand(&path, from, to, false),
        );
        let app = agenda(&team.store, from, to, Reader::Dateutil);
        compare(
            &format!("{name} (VTIMEZONE)"),
            &app,
            &expand(&path, from, to, true),
        );
    }
}

#[test]
fn one_rhythm_exports_alone_and_an_unknown_one_is_not_found() {
    let mut team = team();
    let id = create(
        &mut team,
        Spec {
            kind: RhythmKind::OfficeHours,
            title: "Öppen tid",
            tz: "Europe/Stockholm",
            start: ("2026-03-01", "02:30"),
            minutes: 60,
            repeat: weekly(1, &[Weekday::Sun]),
            end: End::Count { count: 10 },
        },
    );
    skip(&mut team, id, "2026-03-29T02:30");
    create(
        &mut team,
        Spec {
            kind: RhythmKind::OfficeHours,
            title: "Other",
            tz: "Asia/Kolkata",
            start: ("2026-03-01", "09:00"),
            minutes: 60,
            repeat: weekly(1, &[Weekday::Sun]),
            end: End::Never,
        },
    );
    let ics = ics::export(&team.store, ics::Scope::One(id), now()).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    assert!(!ics.contains("Asia/Kolkata"), "only the zones used");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.ics");
    std::fs::write(&path, &ics).unwrap();
    let (from, to) = (utc(2026, 1, 1), utc(2027, 1, 1));
    let expanded = expand(&path, from, to, false);
    assert_eq!(expanded.len(), 9, "COUNT=10, one skipped (in the DST gap)");
    compare(
        "one rhythm",
        &agenda_of(&team.store, id, from, to),
        &expanded,
    );

    let err = ics::export(&team.store, ics::Scope::One(999), now()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                what: "rhythm",
                id: 999
            }
        ),
        "{err:?}"
    );
}

fn agenda_of(store: &Store, id: i64, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Seen> {
    let uid = format!("rhythm-{id}@narvaro.local");
    agenda(store, from, to, Reader::Rfc)
        .into_iter()
        .filter(|s| s.0 == uid)
        .collect()
}

/// The team's calendar is meant to be published: a 1:1 series tells everyone whom the
/// manager meets alone, so it is in the file only when the manager ticks it, and one 1:1
/// series exported on its own is always whole.
#[test]
fn the_team_calendar_leaves_out_one_on_one_series_unless_asked() {
    let team = busy_team();
    let published = ics::export(&team.store, ics::Scope::Team, now()).unwrap();
    let everything = ics::export(&team.store, ics::Scope::TeamWithOneOnOnes, now()).unwrap();
    assert!(!published.contains("1:1 Anna"), "{published}");
    assert!(everything.contains("SUMMARY:1:1 Anna"));
    assert!(published.contains("SUMMARY:Nattfika"));
    assert_eq!(
        published.matches("BEGIN:VEVENT").count() + everything.matches("SUMMARY:1:1 Anna").count(),
        everything.matches("BEGIN:VEVENT").count()
    );
}

/// A meeting link leaves as LOCATION (TEXT: `;` and `,` escaped) and URL (a URI, as typed),
/// and another calendar reads back exactly the link the manager pasted: with `&`, `;` and
/// `,`, folded over several lines when long, on every occurrence and on a moved one. A 1:1
/// series without a link of its own carries its person's room; one without either has none.
#[test]
fn meeting_links_survive_as_location_and_url() {
    let mut team = team();
    let teams = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ5ZTc0%40thread.v2/0\
                 ?context=%7b%22Tid%22%3a%2272f988bf%22%2c%22Oid%22%3a%22d2b5%22%7d&lang=sv-SE\
                 ;rum=1,2&x=%C3%A5";
    let room = "https://meet.jit.si/Anna;kaffe,rum?a=1&b=2";
    let office = create(
        &mut team,
        Spec {
            kind: RhythmKind::OfficeHours,
            title: "Öppen tid",
            tz: "Europe/Stockholm",
            start: ("2026-03-02", "13:00"),
            minutes: 60,
            repeat: weekly(1, &[Weekday::Mon]),
            end: End::Count { count: 4 },
        },
    );
    rhythms::set_meeting_link(&mut team.store, office, Some(teams)).unwrap();
    move_to(&mut team, office, "2026-03-09T13:00", "2026-03-10", "14:00");
    let anna_series = create(
        &mut team,
        Spec {
            kind: RhythmKind::OneOnOne,
            title: "1:1 Anna",
            tz: "Europe/Stockholm",
            start: ("2026-03-03", "09:00"),
            minutes: 30,
            repeat: weekly(1, &[Weekday::Tue]),
            end: End::Count { count: 2 },
        },
    );
    narvaro_core::service::people::set_meeting_link(&mut team.store, team.anna, Some(room))
        .unwrap();
    let plain = create(
        &mut team,
        Spec {
            kind: RhythmKind::SocialBreak,
            title: "Fika",
            tz: "Europe/Stockholm",
            start: ("2026-03-04", "15:00"),
            minutes: 20,
            repeat: weekly(1, &[Weekday::Wed]),
            end: End::Count { count: 2 },
        },
    );
    // The series exported on its own carries the room too.
    let alone = ics::export(&team.store, ics::Scope::One(anna_series), now()).unwrap();
    assert!(
        alone.contains("\r\nURL:https://meet.jit.si/Anna;kaffe,rum?a=1&b=2\r\n"),
        "{alone}"
    );
    let ics = ics::export(&team.store, ics::Scope::TeamWithOneOnOnes, now()).unwrap();
    assert!(
        ics.lines().any(|l| l.starts_with("LOCATION:https://teams")) && ics.contains("\r\n "),
        "the long link is folded: {ics}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.ics");
    std::fs::write(&path, &ics).unwrap();
    let (from, to) = (utc(2026, 3, 1), utc(2026, 4, 1));
    for vtimezone in [false, true] {
        let events = expand_json(&path, from, to, vtimezone);
        let of = |id: i64| -> Vec<(Option<&str>, Option<&str>)> {
            let uid = format!("rhythm-{id}@narvaro.local");
            events
                .iter()
                .filter(|e| e["uid"].as_str() == Some(uid.as_str()))
                .map(|e| (e["location"].as_str(), e["url"].as_str()))
                .collect()
        };
        assert_eq!(
            of(office),
            vec![(Some(teams), Some(teams)); 4],
            "{events:?}"
        );
        assert_eq!(
            of(anna_series),
            vec![(Some(room), Some(room)); 2],
            "{events:?}"
        );
        assert_eq!(of(plain), vec![(None, None); 2], "{events:?}");
        let moved = events
            .iter()
            .find(|e| e["start"].as_str() == Some("2026-03-10T13:00:00Z"))
            .expect("the moved office hours");
        assert_eq!(moved["location"].as_str(), Some(teams));
    }
}

/// The invitation a booked check-in writes, read by Python's icalendar (tests/
/// ics_invitation.py): a request from the manager to the person, at the booked times in the
/// manager's zone, before and after the spring DST change (Friday 27 March 10:00 is 09:00Z,
/// Monday 30 March 10:00 is 08:00Z), by zone name and from the VTIMEZONE alone; booking
/// again keeps the UID with the next SEQUENCE.
#[test]
fn a_booked_check_in_s_invitation_reads_back_in_python_across_a_dst_change() {
    use narvaro_core::service::booking::{book, BookingDraft};
    use narvaro_core::service::settings::{set_manager, ManagerSettings};
    let mut team = team();
    set_manager(
        &mut team.store,
        &ManagerSettings {
            name: Some("Maria Chef, enhet 3".into()),
            email: Some("maria@exempel.se".into()),
        },
    )
    .unwrap();
    let room = "https://meet.exempel.se/anna";
    narvaro_core::service::people::set_meeting_link(&mut team.store, team.anna, Some(room))
        .unwrap();
    let tz: Tz = "Europe/Stockholm".parse().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics_invitation.py");
    let mut uid = None;
    for (sequence, (date, start, end)) in [
        ("2026-03-27", "2026-03-27T09:00:00Z", "2026-03-27T09:20:00Z"),
        ("2026-03-30", "2026-03-30T08:00:00Z", "2026-03-30T08:20:00Z"),
    ]
    .into_iter()
    .enumerate()
    {
        let invitation = book(
            &mut team.store,
            team.anna,
            &BookingDraft {
                date: date.into(),
                time: "10:00".into(),
            },
            now() + Duration::minutes(sequence as i64),
            tz,
            narvaro_core::Lang::Sv,
        )
        .unwrap();
        let path = dir.path().join(&invitation.file_name);
        std::fs::write(&path, &invitation.ics).unwrap();
        for vtimezone in [false, true] {
            let mut command = Command::new(python());
            command.arg(&script).arg(&path);
            if vtimezone {
                command.arg("--vtimezone");
            }
            let output = command.output().expect("run python");
            assert!(
                output.status.success(),
                "ics_invitation.py failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let read: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            assert_eq!(read["method"], "REQUEST");
            assert_eq!(read["start"], start, "{read}");
            assert_eq!(read["end"], end, "{read}");
            let zone = if vtimezone {
                "Narvaro-Test/Europe/Stockholm"
            } else {
                "Europe/Stockholm"
            };
            assert_eq!(read["tzid"], zone);
            assert_eq!(read["summary"], "Avstämning med Anna");
            assert_eq!(read["organizer"]["value"], "mailto:maria@exempel.se");
            assert_eq!(read["organizer"]["params"]["CN"], "Maria Chef, enhet 3");
            let attendees = read["attendees"].as_array().unwrap();
            assert_eq!(attendees.len(), 1);
            assert_eq!(attendees[0]["value"], "mailto:anna@exempel.se");
            assert_eq!(attendees[0]["params"]["CN"], "Anna");
            assert_eq!(attendees[0]["params"]["ROLE"], "REQ-PARTICIPANT");
            assert_eq!(attendees[0]["params"]["PARTSTAT"], "NEEDS-ACTION");
            assert_eq!(attendees[0]["params"]["RSVP"], "TRUE");
            assert_eq!(read["location"], room);
            assert_eq!(read["url"], room);
            assert_eq!(read["status"], "CONFIRMED");
            assert_eq!(read["sequence"], sequence as i64);
            let first = uid.get_or_insert_with(|| read["uid"].clone());
            assert_eq!(&read["uid"], first);
        }
    }
}
