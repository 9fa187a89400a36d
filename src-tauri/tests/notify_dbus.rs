//! Real notifications over D-Bus: a private bus with a fake org.freedesktop.Notifications
//! server records every Notify call and can press a notification's buttons. The scheduler's
//! tick runs on a fake clock (`now` passed in); only the D-Bus traffic is real.
//! This file holds one test on purpose: it points the process's session bus at its own
//! private daemon.

// The fake server the end-to-end tests use, compiled in here too: one implementation, and
// no dependency on the e2e crate (WebDriver client, Tokio features) for this test.
// The e2e tests use the parts this test does not (closed notifications, labels, arrival).
#[allow(dead_code)]
#[path = "../../tests/harness/notifications.rs"]
mod notifications;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, TimeZone, Utc};
use narvaro_core::model::recurrence::{End, Recurrence, Repeat, Weekday};
use narvaro_core::model::{RhythmDraft, RhythmKind};

use narvaro_core::service::{agenda, rhythms};
use narvaro_core::{Lang, Store};
use narvaro_lib::notifier::{self, Action, DesktopNotifier, Notifier, Target};
use narvaro_lib::scheduler;
use narvaro_lib::state::AppState;
use notifications::NotificationServer;

/// The buttons pressed, as the notifier reported them.
type Pressed = Arc<Mutex<Vec<(Action, Target)>>>;

/// A private session bus, killed when dropped.
struct Bus(Child);

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn private_bus() -> (Bus, String) {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon (package dbus-daemon) runs");
    let stdout = child.stdout.take().expect("stdout");
    let mut address = String::new();
    BufReader::new(stdout)
        .read_line(&mut address)
        .expect("bus address");
    (Bus(child), address.trim().to_owned())
}

fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + StdDuration::from_secs(10);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(StdDuration::from_millis(20));
    }
}

fn sthlm(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    let tz: chrono_tz::Tz = "Europe/Stockholm".parse().expect("zone");
    tz.with_ymd_and_hms(y, m, d, h, min, s)
        .single()
        .expect("time")
        .with_timezone(&Utc)
}

#[test]
fn a_due_reminder_is_one_notify_call_and_its_buttons_snooze_and_hold_it() {
    let (_bus, address) = private_bus();
    // SAFETY: this test binary has this one test; nothing else reads the environment now.
    unsafe { std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address) };
    let server = NotificationServer::start(&address).expect("fake notification server");

    let dir = tempfile::tempdir().expect("tempdir");
    let tz: chrono_tz::Tz = "Europe/Stockholm".parse().expect("zone");
    {
        let mut store = Store::open_dir(dir.path()).expect("store");
        let draft = RhythmDraft {
            kind: RhythmKind::SocialBreak,
            title: "Digital fika".into(),
            group_id: None,
            person_id: None,
            start_date: "2026-11-27".into(),
            start_time: "15:00".into(),
            duration_minutes: 20,
            timezone: None,
            recurrence: Recurrence {
                repeat: Repeat::Weekly {
                    interval: 1,
                    weekdays: vec![Weekday::Fri],
                },
                end: End::Never,
            },
            lead_minutes: Some(vec![0]),
        };
        rhythms::create(&mut store, &draft, tz, Utc::now()).expect("rhythm");
    }
    let state = AppState::open(dir.path(), Lang::En).with_timezone(tz);
    let actions: Pressed = Arc::default();
    let seen = Arc::clone(&actions);
    let concrete = Arc::new(DesktopNotifier::new(
        "se.narvaro.desktop",
        Arc::new(move |action, key| seen.lock().expect("actions").push((action, key))),
    ));
    let desktop: Arc<dyn Notifier> = Arc::clone(&concrete) as Arc<dyn Notifier>;
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let calls = || server.notified();

    // Two seconds before the fika: nothing. At its start: exactly one notification.
    scheduler::step(&state, &desktop, sthlm(2026, 11, 27, 14, 59, 58));
    assert!(calls().is_empty());
    let start = sthlm(2026, 11, 27, 15, 0, 0);
    scheduler::step(&state, &desktop, start);
    let first = wait_for("Notify", || calls().first().cloned());
    assert_eq!(first.summary, "Digital fika starts now");
    assert_eq!(first.body, "15:00–15:20");
    assert_eq!(
        first.actions,
        ["default", "Open", "snooze", "Snooze 10 min", "done", "Done"]
    );
    scheduler::step(&state, &desktop, start + Duration::seconds(1));
    assert_eq!(calls().len(), 1, "a second tick fires nothing");

    // Pressing Snooze: the reminder comes back ten minutes later, once.
    let (action, key) = wait_for("the snooze action", || {
        server.invoke_action(first.id, "snooze").expect("press");
        actions.lock().expect("a").first().cloned()
    });
    assert_eq!(action, Action::Snooze);
    assert_eq!(key.keys.len(), 1, "the fika's reminder");
    let pressed = start + Duration::seconds(30);
    runtime
        .block_on(notifier::apply(&state, action, key.keys, pressed))
        .expect("snoozed");
    scheduler::step(&state, &desktop, start + Duration::minutes(5));
    assert_eq!(calls().len(), 1);
    scheduler::step(&state, &desktop, pressed + Duration::minutes(10));
    let second = wait_for("the snoozed Notify", || calls().get(1).cloned());
    assert_eq!(second.summary, "Digital fika starts now");

    // Pressing Done: the occurrence is held.
    let (action, key) = wait_for("the done action", || {
        server.invoke_action(second.id, "done").expect("press");
        actions.lock().expect("a").get(1).cloned()
    });
    assert_eq!(action, Action::Done);
    runtime
        .block_on(notifier::apply(
            &state,
            action,
            key.keys,
            pressed + Duration::minutes(11),
        ))
        .expect("done");
    let store = Store::open_dir(dir.path()).expect("store");
    let today = agenda::agenda(&store, start, tz, 1).expect("agenda");
    assert_eq!(
        today.days[0].occurrences[0].status,
        narvaro_core::model::MarkStatus::Held
    );
    drop(store);

    // Three check-ins falling due in the same minute: one notification, whose Start
    // check-in opens the first one named, and which offers no Done (only the check-in
    // screen records a conversation).
    let monday = sthlm(2026, 11, 30, 9, 0, 0);
    let mut added = Vec::new();
    {
        let mut store = Store::open_dir(dir.path()).expect("store");
        for name in ["Anna Lind", "Bo Ek", "Cilla Berg"] {
            let draft = narvaro_core::model::PersonDraft {
                name: name.into(),
                ..Default::default()
            };
            let person =
                narvaro_core::service::people::add(&mut store, &draft, monday - Duration::days(14))
                    .expect("person");
            added.push(person.id);
        }
    }
    let before = calls().len();
    scheduler::step(&state, &desktop, monday);
    let burst = wait_for("the check-ins' Notify", || calls().get(before).cloned());
    assert_eq!(calls().len(), before + 1, "one notification: {:?}", calls());
    assert_eq!(burst.summary, "3 check-ins due");
    assert_eq!(
        burst.actions,
        [
            "default",
            "Open",
            "start",
            "Start check-in",
            "snooze",
            "Snooze 10 min"
        ]
    );
    let pressed_before = actions.lock().expect("a").len();
    let (action, target) = wait_for("the start action", || {
        server.invoke_action(burst.id, "start").expect("press");
        actions.lock().expect("a").get(pressed_before).cloned()
    });
    assert_eq!(action, Action::StartCheckIn);
    assert_eq!(target.keys.len(), 3);
    let first = burst.body.lines().next().expect("a first line");
    let opened = target.person_id.expect("a person to open");
    let index = added
        .iter()
        .position(|id| *id == opened)
        .expect("one of the three");
    let name = ["Anna Lind", "Bo Ek", "Cilla Berg"][index];
    assert!(first.contains(name), "{first} names {name}");

    // A 1:1 series without a link of its own, with a person who has one: its reminder
    // offers Join, and Join opens the person's room (a debug build records it in
    // opened-links.txt under NARVARO_TEST_DIALOG_DIR instead of starting a browser).
    let room = "https://meet.jit.si/Anna-Lind?a=1&b=2";
    let opened_dir = tempfile::tempdir().expect("tempdir");
    // SAFETY: as above, this binary's one test; nothing else reads the environment now.
    unsafe { std::env::set_var("NARVARO_TEST_DIALOG_DIR", opened_dir.path()) };
    {
        let mut store = Store::open_dir(dir.path()).expect("store");
        narvaro_core::service::people::set_meeting_link(&mut store, added[0], Some(room))
            .expect("link");
        let draft = RhythmDraft {
            kind: RhythmKind::OneOnOne,
            title: "1:1 Anna".into(),
            group_id: None,
            person_id: Some(added[0]),
            start_date: "2026-12-01".into(),
            start_time: "10:00".into(),
            duration_minutes: 30,
            timezone: None,
            recurrence: Recurrence {
                repeat: Repeat::Weekly {
                    interval: 1,
                    weekdays: vec![Weekday::Tue],
                },
                end: End::Never,
            },
            lead_minutes: Some(vec![0]),
        };
        rhythms::create(&mut store, &draft, tz, monday).expect("1:1 series");
    }
    let before = calls().len();
    scheduler::step(&state, &desktop, sthlm(2026, 12, 1, 10, 0, 0));
    let meeting = wait_for("the 1:1's Notify", || calls().get(before).cloned());
    assert_eq!(meeting.summary, "1:1 Anna starts now");
    assert_eq!(
        meeting.actions,
        [
            "default",
            "Open",
            "join",
            "Join",
            "snooze",
            "Snooze 10 min",
            "done",
            "Done"
        ]
    );
    let pressed_before = actions.lock().expect("a").len();
    let (action, joined) = wait_for("the join action", || {
        server.invoke_action(meeting.id, "join").expect("press");
        actions.lock().expect("a").get(pressed_before).cloned()
    });
    assert_eq!(action, Action::Join);
    assert_eq!(joined.meeting_link.as_deref(), Some(room));
    notifier::join(&joined).expect("joined");
    let opened = std::fs::read_to_string(opened_dir.path().join("opened-links.txt"))
        .expect("opened-links.txt");
    assert_eq!(opened, format!("{room}\n"));
    // A notification without a link has no Join, and joining it opens nothing.
    assert!(!burst.actions.iter().any(|a| a == "join"));
    notifier::join(&Target {
        meeting_link: None,
        ..joined.clone()
    })
    .expect("nothing to open");
    let opened_again = std::fs::read_to_string(opened_dir.path().join("opened-links.txt"))
        .expect("opened-links.txt");
    assert_eq!(opened_again, opened);
    // Only https is ever handed on, whatever a notification carries.
    let err = notifier::join(&Target {
        meeting_link: Some("file:///etc/passwd".into()),
        ..joined
    })
    .unwrap_err();
    assert_eq!(err.field(), Some("link"));

    // Ten reminders nobody answers (GNOME keeps such banners for days) leave the process's
    // thread count where it was: nothing waits per notification.
    let threads = || std::fs::read_dir("/proc/self/task").expect("tasks").count();
    let before_threads = threads();
    let before = calls().len();
    for n in 0..10 {
        let unanswered = narvaro_core::service::reminders::Notification {
            title: format!("Reminder {n}"),
            body: "15:00–15:20".into(),
            key: None,
            keys: target.keys.clone(),
            person_id: target.person_id,
            meeting_link: None,
        };
        assert!(desktop.notify(&unanswered, Lang::En), "shown");
    }
    wait_for("ten more Notify calls", || {
        (calls().len() == before + 10).then_some(())
    });
    // Longer than any pool's idle timeout that would end a thread started meanwhile.
    std::thread::sleep(StdDuration::from_secs(1));
    assert!(
        threads() <= before_threads,
        "threads after ten unanswered notifications: {} (before: {before_threads})",
        threads()
    );
    assert_eq!(concrete.waiting(), 10, "their buttons still work");

    // A closed notification is forgotten; a press on it does nothing.
    let last = calls().last().cloned().expect("the last one");
    server.close(last.id).expect("closed");
    wait_for("the close to arrive", || {
        (concrete.waiting() == 9).then_some(())
    });
    let pressed_before = actions.lock().expect("a").len();
    server.invoke_action(last.id, "snooze").expect("press");
    std::thread::sleep(StdDuration::from_millis(300));
    assert_eq!(actions.lock().expect("a").len(), pressed_before);
}
