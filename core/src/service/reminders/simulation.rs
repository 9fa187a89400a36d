//! A year of a manager's reminders on a fake clock: random operations (people come and go,
//! check-ins are held, series edited, occurrences moved and skipped, pauses, restarts,
//! suspends, the clock set back and forward, both DST nights, working hours changed), a tick
//! after each as the shell's scheduler would make, and the engine's promises checked after
//! every step.
//!
//! `NARVARO_SIM_CASES` sets the number of cases per test (default 4, for the quick loop);
//! `cargo xtask test` runs 2 × 150 in release, `cargo xtask soak` 10 000 (BENCHMARKS.md).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::*;
use crate::model::recurrence::{End, Recurrence, Repeat};
use crate::model::{Channel, CheckInDraft, MarkStatus, PersonDraft, RhythmDraft};
use crate::testing::sthlm;

#[derive(Debug, Clone)]
enum Op {
    /// The app runs for this many minutes; the scheduler wakes when the engine says.
    Run(i64),
    /// The lid is closed for this many minutes: no tick until it opens.
    Suspend(i64),
    /// The wall clock is set back or forward by this many minutes.
    ClockJump(i64),
    Restart,
    AddPerson {
        cadence: i64,
    },
    Archive(usize),
    Restore(usize),
    EditCadence(usize, i64),
    HoldCheckIn(usize),
    AddRhythm {
        weekday: usize,
        minute_of_day: u32,
        minutes: i64,
        leads: usize,
        /// A fixed check-in series with this person (by index), else office hours: its
        /// meeting on someone's due day stands for their check-in reminder.
        with: Option<usize>,
    },
    /// The whole series moves to another weekday and time of day.
    EditRhythm {
        rhythm: usize,
        weekday: usize,
        minute_of_day: u32,
    },
    Skip(usize),
    Move(usize, i64),
    PauseHour,
    PauseTomorrow,
    Resume,
    WorkHours {
        start: u32,
        end: u32,
    },
    SnoozeLast,
    DismissMissed,
    /// Someone goes away (leave, vacation) from `from` days from today for `days` days.
    Away {
        person: usize,
        from: i64,
        days: i64,
    },
    /// The manager takes a day off `in_days` from today, and maybe switches the holiday
    /// calendar.
    DayOff {
        in_days: i64,
        sweden: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        30 => (1i64..=2880).prop_map(Op::Run),
        3 => (10i64..=20_160).prop_map(Op::Suspend),
        2 => prop_oneof![-240i64..=-30, 30i64..=300].prop_map(Op::ClockJump),
        3 => Just(Op::Restart),
        4 => (1i64..=60).prop_map(|cadence| Op::AddPerson { cadence }),
        1 => (0usize..64).prop_map(Op::Archive),
        1 => (0usize..64).prop_map(Op::Restore),
        2 => ((0usize..64), (1i64..=60)).prop_map(|(p, c)| Op::EditCadence(p, c)),
        6 => (0usize..64).prop_map(Op::HoldCheckIn),
        2 => (
            (0usize..7),
            (0u32..96),
            (15i64..=120),
            (0usize..3),
            prop::option::weighted(0.4, 0usize..64)
        )
            .prop_map(|(weekday, quarter, minutes, leads, with)| Op::AddRhythm {
                weekday,
                minute_of_day: quarter * 15,
                minutes,
                leads,
                with,
            }),
        1 => ((0usize..16), (0usize..7), (0u32..96)).prop_map(|(rhythm, weekday, quarter)| {
            Op::EditRhythm {
                rhythm,
                weekday,
                minute_of_day: quarter * 15,
            }
        }),
        2 => (0usize..16).prop_map(Op::Skip),
        2 => ((0usize..16), prop_oneof![-180i64..=180, Just(1440)]).prop_map(|(r, m)| Op::Move(r, m)),
        1 => Just(Op::PauseHour),
        1 => Just(Op::PauseTomorrow),
        1 => Just(Op::Resume),
        1 => ((6u32..=10), (14u32..=20)).prop_map(|(start, end)| Op::WorkHours { start, end }),
        3 => Just(Op::SnoozeLast),
        1 => Just(Op::DismissMissed),
        2 => ((0usize..64), (-3i64..=30), (0i64..=40)).prop_map(|(person, from, days)| Op::Away {
            person,
            from,
            days,
        }),
        1 => ((0i64..=14), prop::bool::weighted(0.8))
            .prop_map(|(in_days, sweden)| Op::DayOff { in_days, sweden }),
    ]
}

/// What the simulated manager has seen, to check each promise against.
struct World<'a> {
    path: &'a Path,
    store: Option<Store>,
    now: DateTime<Utc>,
    people: Vec<i64>,
    /// Id, title and the draft it was last saved with.
    rhythms: Vec<(i64, String, RhythmDraft)>,
    /// Keys shown and not snoozed since: showing one again breaks "exactly once".
    shown: HashSet<ReminderKey>,
    /// Per person, check-in notifications since the plan last changed (held, cadence edited).
    per_person: HashMap<i64, u32>,
    /// Held by a pause or working hours: each must later be shown, missed or unplanned.
    held: HashSet<ReminderKey>,
    /// Before this, the clock jumped or the lid was closed, or the plan changed: reminders
    /// due before it may come late. After it the app ran: they must come on time.
    calm_since: DateTime<Utc>,
    /// When a series was last added or edited. An edit can put a reminder's time just before the edit
    /// (17:21: the meeting moves to 17:30, its "10 min before" was 17:20): the engine shows
    /// it late if no tick ran between 17:20 and the edit, and not at all if one did, as a new
    /// series owes nothing from before it was created. The "starts now" still comes. So the
    /// no-vanishing check leaves out occurrence reminders whose time is before the last edit.
    edited_at: Option<DateTime<Utc>>,
    last_notification: Option<(DateTime<Utc>, Vec<ReminderKey>)>,
    next_wake: Option<DateTime<Utc>>,
    /// What the last tick said holds until it: no tick decides anything new before it.
    quiet_until: DateTime<Utc>,
    /// The keys the last tick held.
    held_then: Vec<ReminderKey>,
    ticks: u64,
    /// Away periods seen to begin: a leave that begins is a new plan for its person (what
    /// was overdue rests; the return day brings a welcome back), so one more notification.
    away_begun: HashSet<(i64, NaiveDate)>,
}

impl World<'_> {
    fn store(&mut self) -> &mut Store {
        self.store
            .as_mut()
            .expect("the store is open between operations")
    }

    fn tick(&mut self) -> std::result::Result<(), TestCaseError> {
        let now = self.now;
        let settings = settings(self.store()).expect("settings");
        let t = tick(self.store(), now, sthlm(), Lang::En).expect("tick");
        self.ticks += 1;
        self.next_wake = t.next_wake;
        self.quiet_until = t.quiet_until;
        self.held_then.clone_from(&t.held);
        prop_assert!(
            t.notifications.len() <= 1,
            "a burst in one tick is one notification, got {:?} at {now}",
            t.notifications
        );
        if settings.is_paused(now) {
            prop_assert!(t.notifications.is_empty(), "shown during a pause at {now}");
        }
        let today = now.with_timezone(&sthlm()).date_naive();
        for a in crate::store::away::all(self.store().conn()).expect("away") {
            if a.from <= today && self.away_begun.insert((a.person_id, a.from)) {
                self.per_person.remove(&a.person_id);
            }
        }
        for n in &t.notifications {
            for key in &n.keys {
                prop_assert!(self.shown.insert(*key), "{key} shown twice, again at {now}");
                let was_held = self.held.remove(key);
                if let ReminderKey::CheckIn {
                    person_id: person, ..
                } = *key
                {
                    prop_assert!(
                        settings.in_working_hours(now, sthlm()),
                        "check-in {key} shown outside working hours at {now}"
                    );
                    // Working hours include the calendar: never on a holiday or a day off.
                    let today = now.with_timezone(&sthlm()).date_naive();
                    prop_assert!(
                        settings.is_work_day(today),
                        "check-in {key} on a closed day"
                    );
                    let away =
                        crate::store::away::of_person(self.store().conn(), person).expect("away");
                    prop_assert!(
                        !away.iter().any(|a| a.covers(today)),
                        "check-in {key} shown while the person is away at {now}"
                    );
                    let count = self.per_person.entry(person).or_default();
                    *count += 1;
                    prop_assert!(*count <= 1, "person {person} notified twice at {now}");
                }
                if was_held || self.calm_since >= now {
                    continue;
                }
                let fire_at = fire_at_of(self.store(), key);
                if fire_at > self.calm_since {
                    prop_assert!(
                        now - fire_at < Duration::seconds(60),
                        "{key} due at {fire_at} came late, at {now}"
                    );
                }
            }
        }
        if let Some(n) = t.notifications.first() {
            self.last_notification = Some((now, n.keys.clone()));
        }
        for key in &t.missed {
            self.held.remove(key);
        }
        self.held.extend(t.held.iter().copied());
        // Nothing due is left undecided unless it is held: no reminder vanishes.
        let due_now = due_keys(self.store(), now);
        let decided = table::decided_keys(self.store().conn()).expect("decided");
        for (key, fire_at) in due_now {
            let edited_away = matches!(key, ReminderKey::Occurrence { .. })
                && self.edited_at.is_some_and(|at| fire_at <= at);
            if edited_away {
                continue;
            }
            prop_assert!(
                decided.contains(&key) || t.held.contains(&key),
                "{key} came due and was neither shown, held nor missed at {now}"
            );
        }
        Ok(())
    }

    /// A tick inside the quiet span the last tick promised, before `next` (the scheduler's
    /// next wake): it must decide nothing new, and the tray must read the same. Every other
    /// probe is a second before the span ends, the rest half-way. Called right after a tick,
    /// with nothing changed since.
    fn probe_quiet(&mut self, next: DateTime<Utc>) -> std::result::Result<(), TestCaseError> {
        let then = self.now;
        let (tray, tray_until) =
            tray_state_until(self.store(), then, sthlm(), Lang::En, None).expect("tray");
        let end = self.quiet_until.min(tray_until).min(next);
        if end - self.now < Duration::seconds(2) {
            return Ok(());
        }
        let at = if self.ticks % 2 == 0 {
            end - Duration::seconds(1)
        } else {
            self.now + (end - self.now) / 2
        };
        let held_then = std::mem::take(&mut self.held_then);
        let tray_at = tray_state(self.store(), at, sthlm(), Lang::En, None).expect("tray");
        prop_assert_eq!(
            &tray_at,
            &tray,
            "the tray changed at {} in a quiet span",
            at
        );
        let before = self.shown.len();
        let ticked = tick(self.store(), at, sthlm(), Lang::En).expect("tick");
        prop_assert!(
            ticked.notifications.is_empty() && ticked.missed.is_empty(),
            "a tick at {at}, in the quiet span from {} to {end}, decided {:?}",
            self.now,
            ticked
        );
        prop_assert_eq!(&ticked.held, &held_then, "held changed at {}", at);
        self.now = at;
        self.ticks += 1;
        self.quiet_until = ticked.quiet_until;
        self.next_wake = ticked.next_wake;
        self.held_then = ticked.held;
        prop_assert_eq!(self.shown.len(), before);
        Ok(())
    }

    fn changed(&mut self) {
        self.calm_since = self.now;
    }

    fn apply(&mut self, op: &Op) -> std::result::Result<(), TestCaseError> {
        let now = self.now;
        let tz = sthlm();
        let today = now.with_timezone(&tz).date_naive();
        match *op {
            Op::Run(minutes) => {
                let end = now + Duration::minutes(minutes);
                loop {
                    let next = self
                        .next_wake
                        .filter(|w| *w > self.now)
                        .map_or(end, |w| w.min(end));
                    self.probe_quiet(next)?;
                    self.now = next;
                    self.tick()?;
                    if self.now >= end {
                        return Ok(());
                    }
                }
            }
            Op::Suspend(minutes) => {
                self.now += Duration::minutes(minutes);
                self.changed();
            }
            Op::ClockJump(minutes) => {
                self.now += Duration::minutes(minutes);
                self.changed();
            }
            Op::Restart => {
                self.store = None;
                self.store = Some(Store::open(self.path).expect("reopen"));
                self.changed();
            }
            Op::AddPerson { cadence } => {
                let n = self.people.len();
                let draft = PersonDraft {
                    name: format!("Person {n}"),
                    cadence_days: Some(cadence),
                    ..PersonDraft::default()
                };
                let id = crate::service::people::add(self.store(), &draft, now)
                    .expect("add")
                    .id;
                self.people.push(id);
                self.changed();
            }
            Op::Archive(i) | Op::Restore(i) | Op::EditCadence(i, _) | Op::HoldCheckIn(i) => {
                let Some(&id) = self.people.get(i % self.people.len().max(1)) else {
                    return Ok(());
                };
                match *op {
                    Op::Archive(_) => {
                        let _ = crate::service::people::archive(self.store(), id, now);
                    }
                    Op::Restore(_) => {
                        let _ = crate::service::people::restore(self.store(), id);
                    }
                    Op::EditCadence(_, cadence) => {
                        let person = crate::service::people::get(self.store(), id).expect("person");
                        let draft = PersonDraft {
                            name: person.name.clone(),
                            cadence_days: Some(cadence),
                            ..PersonDraft::default()
                        };
                        crate::service::people::update(self.store(), id, &draft).expect("edit");
                        self.per_person.remove(&id);
                    }
                    _ => {
                        let draft = CheckInDraft {
                            person_id: id,
                            held_on: today.to_string(),
                            minutes: None,
                            channel: Channel::Video,
                            note: None,
                        };
                        crate::service::checkins::log(self.store(), &draft, today, now)
                            .expect("log");
                        self.per_person.remove(&id);
                    }
                }
                self.changed();
            }
            Op::AddRhythm {
                weekday,
                minute_of_day,
                minutes,
                leads,
                with,
            } => {
                let title = format!("Rhythm {}", self.rhythms.len());
                let person = with.and_then(|i| self.people.get(i % self.people.len().max(1)));
                let draft = RhythmDraft {
                    kind: if person.is_some() {
                        RhythmKind::OneOnOne
                    } else {
                        RhythmKind::OfficeHours
                    },
                    title: title.clone(),
                    group_id: None,
                    person_id: person.copied(),
                    start_date: today.to_string(),
                    start_time: format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60),
                    duration_minutes: minutes,
                    timezone: Some("Europe/Stockholm".into()),
                    recurrence: Recurrence {
                        repeat: Repeat::Weekly {
                            interval: 1,
                            weekdays: vec![Weekday::ALL[weekday]],
                        },
                        end: End::Never,
                    },
                    lead_minutes: Some(match leads {
                        0 => vec![10, 0],
                        1 => vec![0],
                        _ => vec![60, 5],
                    }),
                };
                let r = match crate::service::rhythms::create(self.store(), &draft, tz, now) {
                    Ok(r) => r,
                    // No new check-in series with someone archived.
                    Err(e) if e.field() == Some("personId") => return Ok(()),
                    Err(e) => panic!("rhythm: {e:?}"),
                };
                self.rhythms.push((r.id, title, draft));
                // A series added at 08:46 whose "60 min before" was 08:45 owes nothing from
                // before it existed, as an edited one does not.
                self.edited_at = Some(now);
                self.changed();
            }
            Op::EditRhythm {
                rhythm,
                weekday,
                minute_of_day,
            } => {
                let count = self.rhythms.len();
                let Some((id, _, draft)) = self.rhythms.get_mut(rhythm % count.max(1)) else {
                    return Ok(());
                };
                draft.start_time = format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
                draft.recurrence.repeat = Repeat::Weekly {
                    interval: 1,
                    weekdays: vec![Weekday::ALL[weekday]],
                };
                let (id, draft) = (*id, draft.clone());
                match crate::service::rhythms::update(self.store(), id, &draft, tz) {
                    Ok(_) => {}
                    // A check-in series is not edited while its person is archived.
                    Err(e) if e.field() == Some("personId") => return Ok(()),
                    Err(e) => panic!("edit: {e:?}"),
                }
                self.edited_at = Some(now);
                self.changed();
            }
            Op::Skip(i) | Op::Move(i, _) => {
                let Some((_, title, _)) = self.rhythms.get(i % self.rhythms.len().max(1)).cloned()
                else {
                    return Ok(());
                };
                let agenda =
                    crate::service::agenda::agenda(self.store(), now, tz, 8).expect("agenda");
                let Some(next) = agenda
                    .days
                    .iter()
                    .flat_map(|d| &d.occurrences)
                    .find(|o| {
                        *o.title == *title && o.start > now && o.status == MarkStatus::Planned
                    })
                    .cloned()
                else {
                    return Ok(());
                };
                if let Op::Move(_, by) = *op {
                    let to = (next.start + Duration::minutes(by)).with_timezone(&tz);
                    let _ = crate::service::rhythms::move_occurrence(
                        self.store(),
                        &next.id,
                        &to.format("%Y-%m-%d").to_string(),
                        &to.format("%H:%M").to_string(),
                    );
                } else {
                    crate::service::rhythms::skip(self.store(), &next.id, None).expect("skip");
                }
                self.changed();
            }
            Op::PauseHour | Op::PauseTomorrow => {
                let length = if matches!(op, Op::PauseHour) {
                    "hour"
                } else {
                    "tomorrow"
                };
                pause_for(self.store(), length, now, tz).expect("pause");
                self.changed();
            }
            Op::Resume => {
                resume(self.store()).expect("resume");
                self.changed();
            }
            Op::WorkHours { start, end } => {
                let draft = ReminderSettingsDraft {
                    planning_time: format!("{:02}:00", start + 1),
                    work_days: Weekday::WORKDAYS.to_vec(),
                    work_start: format!("{start:02}:00"),
                    work_end: format!("{end:02}:00"),
                    hide_names: false,
                };
                set_settings(self.store(), &draft).expect("settings");
                self.changed();
            }
            Op::SnoozeLast => {
                let Some((at, keys)) = self.last_notification.take() else {
                    return Ok(());
                };
                if now - at > Duration::minutes(30) {
                    return Ok(());
                }
                for key in &keys {
                    snooze(self.store(), key, now).expect("snooze");
                    self.shown.remove(key);
                    if let ReminderKey::CheckIn { person_id, .. } = *key {
                        self.per_person.remove(&person_id);
                    }
                }
                self.changed();
            }
            Op::DismissMissed => {
                dismiss_missed(self.store(), now).expect("dismiss");
            }
            Op::Away { person, from, days } => {
                let Some(&id) = self.people.get(person % self.people.len().max(1)) else {
                    return Ok(());
                };
                let draft = crate::model::AwayDraft {
                    person_id: id,
                    from: (today + Duration::days(from)).to_string(),
                    to: (today + Duration::days(from + days)).to_string(),
                    reason: "vacation".into(),
                };
                // An overlap is refused, and changes nothing.
                if crate::service::away::add(self.store(), &draft).is_ok() {
                    self.per_person.remove(&id);
                    self.changed();
                }
            }
            Op::DayOff { in_days, sweden } => {
                let mut calendar = crate::service::settings::calendar(self.store()).expect("cal");
                calendar.days_off.push(today + Duration::days(in_days));
                let draft = crate::service::settings::CalendarSettingsDraft {
                    holidays: if sweden { "sweden" } else { "none" }.into(),
                    days_off: calendar.days_off.iter().map(ToString::to_string).collect(),
                    max_per_day: calendar.max_per_day.into(),
                };
                crate::service::settings::set_calendar(self.store(), &draft).expect("calendar");
                // Every due date may move to another day: a new reminder each, once.
                self.per_person.clear();
                self.changed();
            }
        }
        // The scheduler wakes at once when data changes.
        self.tick()
    }
}

fn fire_at_of(store: &Store, key: &ReminderKey) -> DateTime<Utc> {
    store
        .conn()
        .query_row(
            "SELECT fire_at FROM reminder_log WHERE key = ?1",
            [key.to_string()],
            |r| r.get(0),
        )
        .expect("a shown key is logged")
}

/// The keys the planner says are due at `now`, as the tick sees them.
fn due_keys(store: &Store, now: DateTime<Utc>) -> Vec<(ReminderKey, DateTime<Utc>)> {
    let conn = store.conn();
    let settings = read_settings(conn).expect("settings");
    let data = Loaded::read(conn).expect("data");
    let snoozed = table::snoozed(conn).expect("snoozed");
    planned(
        &data.view(&settings),
        &settings,
        sthlm(),
        (now - Duration::minutes(1), now, now),
        &snoozed,
    )
    .into_iter()
    .filter(|r| r.fire_at <= now && !r.expired(now))
    .map(|r| (r.key, r.fire_at))
    .collect()
}

fn simulate(start: DateTime<Utc>, ops: &[Op]) -> std::result::Result<u64, TestCaseError> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("narvaro.db");
    let mut world = World {
        path: &path,
        store: Some(Store::open(&path).expect("open")),
        now: start,
        people: Vec::new(),
        rhythms: Vec::new(),
        shown: HashSet::new(),
        per_person: HashMap::new(),
        held: HashSet::new(),
        calm_since: start,
        edited_at: None,
        last_notification: None,
        next_wake: None,
        quiet_until: start,
        held_then: Vec::new(),
        ticks: 0,
        away_begun: HashSet::new(),
    };
    world.tick()?;
    let year_later = start + Duration::days(366);
    for op in ops.iter().cycle() {
        if world.now >= year_later {
            break;
        }
        world.apply(op)?;
    }
    // The end: no pause, default working hours, the next working morning (not a holiday or a
    // day off the run took), the app running. Every reminder that was held is by now shown,
    // missed, or no longer planned at all.
    resume(world.store()).expect("resume");
    set_settings(
        world.store(),
        &ReminderSettingsDraft {
            planning_time: "09:00".into(),
            work_days: Weekday::WORKDAYS.to_vec(),
            work_start: "08:00".into(),
            work_end: "17:00".into(),
            hide_names: false,
        },
    )
    .expect("settings");
    let local = world.now.with_timezone(&sthlm()).date_naive();
    let settings = read_settings(world.store().conn()).expect("settings");
    let workday = (1..=60)
        .map(|d| local + Duration::days(d))
        .find(|d| settings.is_work_day(*d))
        .unwrap();
    world.now = ten_in_the_morning(workday);
    world.changed();
    world.tick()?;
    let decided = table::decided_keys(world.store().conn()).expect("decided");
    let now = world.now;
    let due: HashSet<ReminderKey> = due_keys(world.store(), now)
        .into_iter()
        .map(|(key, _)| key)
        .collect();
    for key in &world.held {
        prop_assert!(
            decided.contains(key) || !due.contains(key),
            "{key} was held and never delivered"
        );
    }
    Ok(world.ticks)
}

fn ten_in_the_morning(day: NaiveDate) -> DateTime<Utc> {
    sthlm()
        .from_local_datetime(&day.and_hms_opt(10, 0, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

/// Runs `cases` simulated years from `seed`'s sequence of random cases; prints the rate.
fn years(seed: u8, cases: u32) {
    let cases = std::env::var("NARVARO_SIM_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        proptest::test_runner::TestRng::from_seed(
            proptest::test_runner::RngAlgorithm::ChaCha,
            &[seed; 32],
        ),
    );
    let started = std::time::Instant::now();
    let ticks = std::cell::Cell::new(0u64);
    let strategy = (0i64..365, 0i64..1440, prop::collection::vec(op(), 150..400));
    let result = runner.run(&strategy, |(day, minute, ops)| {
        let base = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let start = base + Duration::days(day) + Duration::minutes(minute);
        ticks.set(ticks.get() + simulate(start, &ops)?);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "simulated {cases} years in {secs:.1} s ({:.2} years/s, {} ticks)",
        f64::from(cases) / secs,
        ticks.get()
    );
}

// Two halves with their own seeds, so the test threads run them side by side.
#[test]
fn a_year_of_random_days_keeps_every_reminder_promise() {
    years(1, 4);
}

#[test]
fn another_year_of_random_days_keeps_every_reminder_promise() {
    years(2, 4);
}

/// A case the test command's simulation found (seed 2): a series added at 08:46 on a
/// Tuesday, its first meeting at 09:45 that day with a reminder 60 minutes before. The
/// engine rightly shows nothing for 08:45; the check expected it. Kept as it was found.
#[test]
fn a_series_added_a_minute_after_its_first_reminder_owes_nothing() {
    let base = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let start = base + Duration::days(197) + Duration::minutes(6);
    let ops = vec![
        Op::Run(494),
        Op::Run(2659),
        Op::Run(1291),
        Op::Run(740),
        Op::Run(1971),
        Op::Run(1212),
        Op::Run(662),
        Op::Run(18),
        Op::Run(1416),
        Op::Run(1619),
        Op::Run(1058),
        Op::Run(1268),
        Op::Run(2390),
        Op::Suspend(13398),
        Op::Run(555),
        Op::Run(1590),
        Op::Restart,
        Op::Restart,
        Op::Restart,
        Op::Restart,
        Op::Run(1234),
        Op::Restart,
        Op::EditRhythm {
            rhythm: 0,
            weekday: 0,
            minute_of_day: 30,
        },
        Op::EditCadence(36, 27),
        Op::Run(81),
        Op::Run(1388),
        Op::Run(592),
        Op::AddPerson { cadence: 55 },
        Op::HoldCheckIn(63),
        Op::EditCadence(25, 5),
        Op::HoldCheckIn(42),
        Op::Run(819),
        Op::Restart,
        Op::Run(1289),
        Op::DayOff {
            in_days: 11,
            sweden: true,
        },
        Op::Away {
            person: 55,
            from: 29,
            days: 14,
        },
        Op::Move(3, 1440),
        Op::Run(922),
        Op::Run(1037),
        Op::Restart,
        Op::Skip(1),
        Op::Run(1907),
        Op::AddPerson { cadence: 35 },
        Op::Move(7, -5),
        Op::HoldCheckIn(63),
        Op::Run(155),
        Op::Skip(7),
        Op::AddRhythm {
            weekday: 0,
            minute_of_day: 630,
            minutes: 119,
            leads: 1,
            with: None,
        },
        Op::ClockJump(-117),
        Op::Suspend(4249),
        Op::SnoozeLast,
        Op::Skip(9),
        Op::AddPerson { cadence: 23 },
        Op::Restart,
        Op::ClockJump(157),
        Op::Run(2235),
        Op::Run(1392),
        Op::HoldCheckIn(8),
        Op::DismissMissed,
        Op::Run(1281),
        Op::Run(450),
        Op::Run(2193),
        Op::Archive(50),
        Op::AddPerson { cadence: 56 },
        Op::DayOff {
            in_days: 6,
            sweden: true,
        },
        Op::Resume,
        Op::EditRhythm {
            rhythm: 6,
            weekday: 6,
            minute_of_day: 1200,
        },
        Op::PauseHour,
        Op::ClockJump(268),
        Op::Restore(35),
        Op::Run(1028),
        Op::Run(498),
        Op::Suspend(11241),
        Op::AddRhythm {
            weekday: 1,
            minute_of_day: 585,
            minutes: 76,
            leads: 2,
            with: None,
        },
        Op::DayOff {
            in_days: 0,
            sweden: true,
        },
        Op::HoldCheckIn(0),
        Op::Run(1003),
        Op::EditCadence(5, 24),
        Op::Restart,
        Op::HoldCheckIn(48),
        Op::HoldCheckIn(40),
        Op::Run(2106),
        Op::Restore(59),
        Op::AddPerson { cadence: 37 },
        Op::ClockJump(-131),
        Op::Restore(31),
        Op::Run(270),
        Op::Run(725),
        Op::Run(2474),
        Op::AddPerson { cadence: 5 },
        Op::Archive(8),
        Op::HoldCheckIn(30),
        Op::AddPerson { cadence: 34 },
        Op::Suspend(14133),
        Op::Run(2794),
        Op::Run(1282),
        Op::Run(434),
        Op::Run(2141),
        Op::Run(521),
        Op::Run(515),
        Op::Run(1751),
        Op::AddRhythm {
            weekday: 5,
            minute_of_day: 1140,
            minutes: 102,
            leads: 1,
            with: None,
        },
        Op::Move(0, -1),
        Op::Run(2019),
        Op::Run(262),
        Op::HoldCheckIn(43),
        Op::Run(1295),
        Op::Run(384),
        Op::Suspend(20078),
        Op::DismissMissed,
        Op::AddPerson { cadence: 20 },
        Op::Run(172),
        Op::Run(772),
        Op::Restart,
        Op::SnoozeLast,
        Op::HoldCheckIn(62),
        Op::Run(389),
        Op::SnoozeLast,
        Op::Run(1713),
        Op::Run(705),
        Op::Run(578),
        Op::AddPerson { cadence: 29 },
        Op::HoldCheckIn(13),
        Op::HoldCheckIn(55),
        Op::Run(527),
        Op::HoldCheckIn(10),
        Op::Run(2706),
        Op::HoldCheckIn(15),
        Op::Run(466),
        Op::SnoozeLast,
        Op::Run(272),
        Op::AddPerson { cadence: 44 },
        Op::Suspend(13721),
        Op::SnoozeLast,
        Op::SnoozeLast,
        Op::ClockJump(-51),
        Op::Run(1878),
        Op::HoldCheckIn(41),
        Op::Run(2351),
        Op::Run(2505),
        Op::AddPerson { cadence: 4 },
        Op::SnoozeLast,
        Op::EditCadence(6, 27),
        Op::Run(688),
        Op::Run(2657),
        Op::Run(456),
        Op::Run(1989),
        Op::Run(461),
        Op::HoldCheckIn(56),
        Op::Restart,
    ];
    simulate(start, &ops).unwrap();
}
