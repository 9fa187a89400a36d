//! A burst of check-in reminders as a manager meets it, on the real scheduler and the real
//! wall clock: three people overdue while working hours are over come due together the
//! moment working hours include now again, and arrive as ONE notification that names them
//! and offers Start check-in (never Done). Its Start check-in opens the check-in screen of the
//! person its first line names. And one of them, last met two years ago, is named by exactly
//! one notification in 150 s, with no other notification at all meanwhile: the burst does not
//! come again each minute (a former bug did that for people not met in over 400 days).
//!
//! The test holds the reminders back by taking today out of the working days (so it runs on
//! any day at any hour), sets the team up, then widens the working hours to every day,
//! 00:00–23:59: the widest the form takes (it refuses "24:00", so the last minute of a day is
//! never inside working hours). Saving settings makes the app tick at once.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use narvaro_e2e::clock::{self, Day};
use narvaro_e2e::{run, wait_until, App, Check, Notified, Scope, WAIT};

use crate::checkins::{add_person, checkin_screen};
use crate::rhythms::WEEKDAYS;
use crate::settings::{save_working_hours, working_days_but};

/// Last met two years ago, and never since.
const GRETA: &str = "Greta Sund";
/// Overdue by a few weeks and by a few days.
const HUGO: &str = "Hugo Falk";
const INES: &str = "Ines Berg";
/// From the first notification: the brief's window, over two of the scheduler's longest
/// sleeps (60 s, src-tauri/src/scheduler.rs), so at least two plain ticks ran after the one
/// that fired and could have fired again.
const WINDOW: Duration = Duration::from_secs(150);
/// How long the burst may take to arrive after the settings that release it are saved: the
/// app ticks at once on a change, so this is only for a slow machine.
const ARRIVAL: Duration = Duration::from_secs(30);
/// The buttons a check-in notification offers, key and label, as on the wire.
const ACTIONS: [&str; 6] = [
    "default",
    "Open",
    "start",
    "Start check-in",
    "snooze",
    "Snooze 10 min",
];

/// Describes notifications for messages, with when each came after the first:
/// `[1 +0.0 s "3 check-ins due" / "Check-in with …"]`.
fn notes(calls: &[Notified]) -> String {
    let first = calls.first().map(|n| n.arrived);
    let all: Vec<String> = calls
        .iter()
        .map(|n| {
            let after = first.map_or(0.0, |f| n.arrived.duration_since(f).as_secs_f64());
            format!(
                "{} +{after:.1} s {:?} / {:?} {:?}",
                n.id, n.summary, n.body, n.actions
            )
        })
        .collect();
    format!("[{}]", all.join(" | "))
}

/// Whether a notification names `name`, in its summary or its body.
fn names(n: &Notified, name: &str) -> bool {
    n.summary.contains(name) || n.body.contains(name)
}

/// How a burst's body line names a person whose check-in is due.
fn due_line(name: &str) -> String {
    format!("Check-in with {name} is due")
}

/// Logs a check-in with `name` held on `held_on` through the Log dialog of their row in
/// Today's "Next 7 days", where someone just added with a cadence of one day is due
/// tomorrow; waits until Today lists them as due, and returns their person id.
async fn log_checkin(app: &App, name: &str, held_on: &str, tomorrow: &Day) -> Result<String> {
    app.click_button("Today").await?;
    // The day's list is labelled with the date as the UI writes it; its data-date is ISO.
    let selector = format!(".day[data-date=\"{}\"] ul", tomorrow.iso);
    let day_list = wait_until(
        &format!("Today's \"Next 7 days\" shows the list of {}", tomorrow.iso),
        WAIT,
        async || {
            let labels = app.visible_attrs(&selector, "aria-label").await?;
            Ok(match labels.as_slice() {
                [label] => Check::Done(label.clone()),
                other => Check::Waiting(format!("lists labelled {other:?}")),
            })
        },
    )
    .await?;
    app.wait_for_rows(&day_list, &format!("shows {name} due"), |rows| {
        rows.iter().any(|r| r.shows(name))
    })
    .await?;
    app.click_button_in_row(&day_list, name, "Log check-in")
        .await?;
    app.wait_for_dialog().await?;
    app.wait_for_text(&format!("Log check-in with {name}"), Scope::Window)
        .await?;
    app.fill("Date", held_on).await?;
    app.click_button("Save").await?;
    app.wait_for_no_dialog().await.with_context(|| {
        format!("logging {name}'s check-in of {held_on} did not close the dialog")
    })?;
    let rows = app
        .wait_for_rows(
            "Check-ins due",
            &format!("shows {name} after a check-in on {held_on}"),
            |rows| rows.iter().any(|r| r.shows(name)),
        )
        .await?;
    rows.iter()
        .find(|r| r.shows(name))
        .and_then(|r| r.id.clone())
        .with_context(|| format!("{name}'s row in \"Check-ins due\" has no data-person-id"))
}

/// The route the window shows ("#/checkin/12").
async fn route(app: &App) -> Result<String> {
    let hash = app
        .client()?
        .execute("return window.location.hash;", vec![])
        .await
        .context("could not read the window's route")?;
    Ok(hash.as_str().unwrap_or_default().to_owned())
}

/// Presses Start check-in on notification `id` until the window shows the check-in screen of
/// `name` (person `person`). The app hears a press only once its Notify call has returned,
/// and acts on one press: press again until the press shows.
async fn start_from_notification(app: &App, id: u32, name: &str, person: &str) -> Result<()> {
    let wanted = format!("#/checkin/{person}");
    let pressed = Instant::now();
    let mut presses = 0;
    loop {
        app.notifications().invoke_action(id, "start")?;
        presses += 1;
        let shown = wait_until(
            &format!("the window shows {wanted}"),
            Duration::from_secs(3),
            async || {
                let now = route(app).await?;
                Ok(if now == wanted {
                    Check::Done(())
                } else {
                    Check::Waiting(format!("it shows {now:?}"))
                })
            },
        )
        .await;
        match shown {
            Ok(()) => break,
            Err(e) if pressed.elapsed() < WAIT => {
                eprintln!("e2e: press {presses} of Start check-in not seen yet: {e:#}");
            }
            Err(e) => {
                return Err(e.context(format!(
                    "{presses} presses of Start check-in in {:.0} s; {}",
                    pressed.elapsed().as_secs_f64(),
                    app.notification_log()
                )))
            }
        }
    }
    checkin_screen(app, name)
        .await
        .with_context(|| format!("Start check-in led to {wanted}, but not to {name}'s screen"))?;
    let headings = app.visible_texts("main h1").await?;
    let heading = format!("Check-in with {name}");
    ensure!(
        headings.contains(&heading),
        "the check-in screen's heading reads {headings:?}, not {heading:?}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_burst_of_due_check_ins_is_one_notification_and_start_opens_the_first() -> Result<()> {
    clock::check_zone()?;
    // The test needs about five minutes of one day: "today" is the working day it changes.
    let now = clock::settled_day(10 * 60).await;
    let today = clock::day_after(&now, 0);
    let tomorrow = clock::day_after(&now, 1);
    let two_years_ago = clock::years_after(&now, -2);
    let checkins = [
        (GRETA, two_years_ago.iso.clone()),
        (HUGO, clock::day_after(&now, -20).iso),
        (INES, clock::day_after(&now, -5).iso),
    ];
    run("burst", async |app| {
        // Reminders held back: every day but today is a working day.
        working_days_but(app, &today)
            .await
            .context("while holding reminders back")?;

        // Three people, each due tomorrow when added (every day), then overdue by a check-in
        // logged in the past: two years ago, twenty days ago, five days ago.
        let mut ids = Vec::new();
        for (name, held_on) in &checkins {
            add_person(app, name, "1").await?;
            let id = log_checkin(app, name, held_on, &tomorrow).await?;
            ids.push((*name, id));
        }
        let early = app.notifications().notified();
        ensure!(
            early.is_empty(),
            "notified while today ({}) was not a working day: {}",
            WEEKDAYS[today.weekday],
            notes(&early)
        );

        // Every day, all day: the held check-ins come due at once.
        save_working_hours(app, [true; 7], "00:00", "23:59")
            .await
            .context("while releasing the reminders")?;
        let saved = Instant::now();
        let first = wait_until("the burst arrives", ARRIVAL, async || {
            Ok(match app.notifications().notified().first() {
                Some(first) => Check::Done(first.clone()),
                None => Check::Waiting(format!(
                    "no notification {:.0} s after saving",
                    saved.elapsed().as_secs_f64()
                )),
            })
        })
        .await?;
        eprintln!(
            "e2e: the burst came {:.1} s after saving: {}",
            first.arrived.duration_since(saved).as_secs_f64(),
            notes(std::slice::from_ref(&first))
        );

        // What the one notification says. Every mismatch is noted, and the test goes on to
        // the press and the quiet window, so that one run shows all that is wrong.
        // The app ran all along, so nothing was missed "while you were away" (README: that
        // summary is for reminders missed while the computer slept); what comes due at the
        // same moment is "N check-ins due".
        let mut problems = Vec::new();
        let summary = format!("{} check-ins due", checkins.len());
        if first.summary != summary {
            problems.push(format!(
                "the burst's summary reads {:?}, not {summary:?}",
                first.summary
            ));
        }
        let lines: Vec<&str> = first.body.lines().collect();
        let wanted: BTreeSet<String> = checkins.iter().map(|(name, _)| due_line(name)).collect();
        let seen: BTreeSet<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        if lines.len() != checkins.len() || seen != wanted {
            problems.push(format!(
                "the burst's body has the lines {lines:?}, not one line for each of {wanted:?}"
            ));
        }
        if first.actions != ACTIONS {
            problems.push(format!(
                "the burst offers the actions {:?}, not {ACTIONS:?}",
                first.actions
            ));
        }
        if first.action_label("done").is_some() {
            problems.push(format!(
                "the burst offers Done, which a check-in reminder never does: {:?}",
                first.actions
            ));
        }
        if first.app_name != "Närvaro" {
            problems.push(format!(
                "the burst comes from {:?}, not Närvaro",
                first.app_name
            ));
        }

        // Start check-in opens the check-in screen of the person the first line names.
        let first_line = lines.first().copied().unwrap_or_default();
        let (name, person) = ids
            .iter()
            .find(|(name, _)| due_line(name) == first_line)
            .with_context(|| {
                format!(
                    "the burst's first line {first_line:?} names none of {:?}; problems so far: {}",
                    checkins.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
                    problems.join("; ")
                )
            })?;
        start_from_notification(app, first.id, name, person).await?;
        let shot = app.screenshot_as("start-checkin").await?;
        eprintln!(
            "e2e: Start check-in on the burst opened {name}'s check-in screen ({:.0} s after the \
             burst; screenshot {})",
            first.arrived.elapsed().as_secs_f64(),
            shot.display()
        );

        // The rest of the window: the burst stays the only notification.
        wait_until(
            &format!("{} s pass since the burst", WINDOW.as_secs()),
            WINDOW + WAIT,
            async || {
                let since = first.arrived.elapsed();
                Ok(if since >= WINDOW {
                    Check::Done(())
                } else {
                    Check::Waiting(format!(
                        "{:.0} s since the burst, {} notification(s)",
                        since.as_secs_f64(),
                        app.notifications().notified().len()
                    ))
                })
            },
        )
        .await?;
        let calls = app.notifications().notified();
        let in_window: Vec<Notified> = calls
            .iter()
            .filter(|n| n.arrived.duration_since(first.arrived) <= WINDOW)
            .cloned()
            .collect();
        let greta = in_window.iter().filter(|n| names(n, GRETA)).count();
        if greta != 1 {
            problems.push(format!(
                "{GRETA}, last met {}, is named by {greta} notification(s) in the {} s from the \
                 first, not 1: {}",
                two_years_ago.iso,
                WINDOW.as_secs(),
                notes(&in_window)
            ));
        }
        if in_window.len() != 1 {
            problems.push(format!(
                "{} notifications in the {} s from the first, not just the burst: {}",
                in_window.len(),
                WINDOW.as_secs(),
                notes(&in_window)
            ));
        }
        eprintln!("e2e: every notification of the run: {}", notes(&calls));
        if !problems.is_empty() {
            bail!(
                "the burst of {} due check-ins is not what a manager should get:\n- {}",
                checkins.len(),
                problems.join("\n- ")
            );
        }
        Ok(())
    })
    .await
}
