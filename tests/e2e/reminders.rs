//! Reminders as they reach a manager: office hours set up in the editor to start in a minute
//! or two arrive as one desktop notification at their start, on the test's own notification
//! server, and do not come again; pressing the notification's Done marks them held in Today.
//! And the Settings form for reminders refuses working hours that end before they start.
//!
//! Times are typed on this machine's clock in its own zone, which is the zone the app runs in.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, ensure, Context, Result};
use narvaro_e2e::clock;
use narvaro_e2e::dom::describe;
use narvaro_e2e::{run, wait_until, App, Check, Notified, Row, Scope, WAIT};

use crate::rhythms::{new_weekly_rhythm, open_rhythms, Weekly};

const TITLE: &str = "Öppen tid";
const MINUTES: i32 = 30;
/// From the notification's arrival: longer than the scheduler's longest sleep (60 s, see
/// src-tauri/src/scheduler.rs), so that at least one plain tick ran after the one that
/// fired, and could have fired again.
const QUIET: Duration = Duration::from_secs(65);
/// A reminder "at start" that comes later than this after the start is not on time: the
/// scheduler sleeps until the next reminder, not in fixed steps.
const LATE: Duration = Duration::from_secs(15);

/// When the occurrence the test plans starts and ends.
struct Slot {
    start: clock::Minute,
    end: clock::Minute,
}

impl Slot {
    /// Starts at the second whole minute from now: one to two minutes away.
    fn soon() -> Slot {
        let now = clock::now();
        Slot {
            start: clock::minute_after(&now, 2),
            end: clock::minute_after(&now, 2 + MINUTES),
        }
    }

    fn start_time(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.start.epoch.unsigned_abs())
    }

    /// Seconds from now to the start (negative once it has passed), for messages.
    fn starts_in(&self) -> i64 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        self.start.epoch - now
    }
}

/// Describes notifications for messages: `[1 "Öppen tid starts now" / "10:02 AM–10:32 AM"]`.
fn notes(calls: &[Notified]) -> String {
    let all: Vec<String> = calls
        .iter()
        .map(|n| format!("{} {:?} / {:?}", n.id, n.summary, n.body))
        .collect();
    format!("[{}]", all.join(" | "))
}

/// The row of `TITLE` in Today's "Today" list.
async fn today_row(app: &App) -> Result<Row> {
    let rows = app
        .wait_for_rows("Today", &format!("shows {TITLE}"), |rows| {
            rows.iter().filter(|r| r.shows(TITLE)).count() == 1
        })
        .await?;
    rows.into_iter()
        .find(|r| r.shows(TITLE))
        .context("the row vanished")
}

/// Tells the page its window has the focus again, as when a person comes back to it from the
/// notification. (Under Xvfb there is no window manager to move the focus away and back;
/// the event is what the UI listens for to bring itself up to date.)
async fn come_back_to_window(app: &App) -> Result<()> {
    app.client()?
        .execute("window.dispatchEvent(new FocusEvent('focus'));", vec![])
        .await
        .context("could not give the window the focus")?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn office_hours_notify_once_at_start_and_done_holds_them() -> Result<()> {
    clock::check_zone()?;
    // The test needs about five minutes of one day: the occurrence is listed under Today.
    clock::settled_day(10 * 60).await;
    run("reminders", async |app| {
        open_rhythms(app).await?;
        let slot = Slot::soon();
        new_weekly_rhythm(
            app,
            &Weekly {
                kind: "office_hours",
                title: TITLE,
                start_date: &slot.start.day.iso,
                start_time: &slot.start.hhmm,
                minutes: &MINUTES.to_string(),
                weekday: slot.start.day.weekday,
                person: None,
                // Only at the start: "10 min before" a start two minutes away would come
                // at once, as a late reminder.
                reminders: Some(&["At start"]),
            },
        )
        .await?;
        app.wait_for_rows("Office hours", &format!("shows {TITLE}"), |rows| {
            rows.iter().any(|r| r.shows(TITLE))
        })
        .await?;
        let early = app.notifications().notified();
        ensure!(
            early.is_empty(),
            "notified before the start, {} s ahead of it: {}",
            slot.starts_in(),
            notes(&early)
        );

        // The start is at most two minutes away; the notification comes then, once.
        let limit = Duration::from_secs(150);
        let first = wait_until("the reminder at the start arrives", limit, async || {
            let calls = app.notifications().notified();
            match calls.as_slice() {
                [] => Ok(Check::Waiting(format!(
                    "no notification; the start {} is {} s away",
                    slot.start.hhmm,
                    slot.starts_in()
                ))),
                [one] => Ok(Check::Done(one.clone())),
                many => bail!("{} notifications at once: {}", many.len(), notes(many)),
            }
        })
        .await?;
        // The harness starts the app with LANG=en_US.UTF-8: a 12-hour clock, as the window's.
        let body = format!("{}–{}", slot.start.us_clock(), slot.end.us_clock());
        ensure!(
            first.summary == format!("{TITLE} starts now") && first.body == body,
            "the notification reads {:?} / {:?}, not \"{TITLE} starts now\" / {body:?}",
            first.summary,
            first.body
        );
        ensure!(
            first.app_name == "Närvaro",
            "the notification comes from {:?}, not Närvaro",
            first.app_name
        );
        for (key, label) in [("default", "Open"), ("snooze", "Snooze 10 min"), ("done", "Done")] {
            ensure!(
                first.action_label(key) == Some(label),
                "the notification does not offer {key:?} as {label:?}: {:?}",
                first.actions
            );
        }
        let start = slot.start_time();
        match first.at.duration_since(start) {
            Err(early) => bail!(
                "the reminder at the start came {:.1} s before it",
                early.duration().as_secs_f64()
            ),
            Ok(late) => ensure!(
                late <= LATE,
                "the reminder at the start came {:.1} s after it",
                late.as_secs_f64()
            ),
        }

        // Today lists the office hours that are on now, not yet held.
        app.click_button("Today").await?;
        let row = today_row(app).await?;
        ensure!(
            row.data("status") == Some("planned"),
            "{TITLE} in Today is {:?}, not planned, before anything was done: {:?}",
            row.data("status"),
            row.text
        );
        let id = row
            .data("occurrence-id")
            .map(str::to_owned)
            .with_context(|| format!("{TITLE} in Today has no data-occurrence-id: {row:?}"))?;
        app.screenshot_as("today-before").await?;

        // A full scheduler period later, still one notification.
        wait_until(
            "a scheduler period passes without a second notification",
            QUIET + WAIT,
            async || {
                let calls = app.notifications().notified();
                ensure!(
                    calls.len() == 1,
                    "{} notifications {:.0} s after the first: {}",
                    calls.len(),
                    first.arrived.elapsed().as_secs_f64(),
                    notes(&calls)
                );
                Ok(if first.arrived.elapsed() >= QUIET {
                    Check::Done(())
                } else {
                    Check::Waiting(format!(
                        "{:.0} s since the first",
                        first.arrived.elapsed().as_secs_f64()
                    ))
                })
            },
        )
        .await?;

        // Done on the notification; back in the window, the office hours are held. The app
        // listens for the press only once Notify has returned, and hears only one: press
        // again until the press shows.
        let pressed = Instant::now();
        let mut presses = 0;
        loop {
            app.notifications().invoke_action(first.id, "done")?;
            presses += 1;
            let held = wait_until(
                "Today shows the office hours held",
                Duration::from_secs(3),
                async || {
                    come_back_to_window(app).await?;
                    let row = today_row(app).await?;
                    Ok(match row.data("status") {
                        Some("held") if row.data("occurrence-id") == Some(id.as_str()) => {
                            Check::Done(row)
                        }
                        status => Check::Waiting(format!("{status:?}: {:?}", row.text)),
                    })
                },
            )
            .await;
            match held {
                Ok(row) => {
                    ensure!(
                        row.shows("held") && row.shows("Undo"),
                        "{TITLE} is held but shows no \"held\" tag and Undo: {:?}",
                        row.text
                    );
                    break;
                }
                Err(e) if pressed.elapsed() < WAIT => {
                    eprintln!("e2e: press {presses} of Done not seen yet: {e:#}");
                }
                Err(e) => {
                    // Was the press not heard, or did the window not bring itself up to date?
                    app.click_button("Week").await?;
                    app.click_button("Today").await?;
                    let row = today_row(app).await?;
                    return Err(e.context(format!(
                        "{presses} presses of Done in {:.0} s; after Week → Today {TITLE} is {:?}; {}",
                        pressed.elapsed().as_secs_f64(),
                        row.data("status"),
                        app.notification_log()
                    )));
                }
            }
        }
        app.screenshot_as("today-after").await?;

        // The same through the sidebar, and the press brought no new notification.
        app.click_button("Week").await?;
        app.click_button("Today").await?;
        let row = today_row(app).await?;
        ensure!(
            row.data("status") == Some("held") && row.data("occurrence-id") == Some(id.as_str()),
            "{TITLE} in Today is no longer held after Week → Today: {:?}",
            row
        );
        let calls = app.notifications().notified();
        ensure!(
            calls.len() == 1,
            "pressing Done brought more notifications: {}",
            notes(&calls)
        );
        let rows = app.rows("Today").await?;
        ensure!(
            rows.iter().filter(|r| r.shows(TITLE)).count() == 1,
            "{TITLE} is listed more than once: {}",
            describe(&rows)
        );
        Ok(())
    })
    .await
}

/// A person's own video room: `&` and `?` as real links have them.
const ROOM: &str = "https://meet.jit.si/NarvaroSofia?lang=sv&x=1";
const SOFIA: &str = "Sofia Ek";
const SERIES: &str = "Check-in with Sofia";

/// A fixed check-in series without a link of its own, for someone whose own room is set:
/// its reminder at the start offers Join, and Join on the notification opens the person's
/// room — once, however often it is pressed — as *Join* on the occurrence in Today would.
/// (A debug build under test writes the links it would open to opened-links.txt in the
/// dialog folder instead of starting a browser; see src-tauri/src/opener.rs.)
#[tokio::test(flavor = "multi_thread")]
async fn join_on_a_meeting_reminder_opens_the_persons_room() -> Result<()> {
    clock::check_zone()?;
    clock::settled_day(10 * 60).await;
    run("reminder_join", async |app| {
        let slot = Slot::soon();
        // Last talked today: no check-in of hers falls due during the test.
        crate::people::add_person(
            app,
            SOFIA,
            &[
                ("Meeting link", ROOM),
                ("When did you last talk?", &slot.start.day.iso),
            ],
        )
        .await?;
        open_rhythms(app).await?;
        new_weekly_rhythm(
            app,
            &Weekly {
                kind: "one_on_one",
                title: SERIES,
                start_date: &slot.start.day.iso,
                start_time: &slot.start.hhmm,
                minutes: "30",
                weekday: slot.start.day.weekday,
                person: Some(SOFIA),
                reminders: Some(&["At start"]),
            },
        )
        .await?;

        // Today's row of the occurrence offers Join, leading to her room.
        app.click_button("Today").await?;
        let row = app
            .wait_for_rows("Today", &format!("shows {SERIES}"), |rows| {
                rows.iter().any(|r| r.shows(SERIES))
            })
            .await?
            .into_iter()
            .find(|r| r.shows(SERIES))
            .context("the row vanished")?;
        ensure!(
            row.shows("Join"),
            "{SERIES} in Today offers no Join: {:?}",
            row.text
        );

        let limit = Duration::from_secs(150);
        let meeting = wait_until("the reminder at the start arrives", limit, async || {
            let calls = app.notifications().notified();
            match calls.iter().find(|n| n.summary.contains(SERIES)) {
                Some(one) => Ok(Check::Done(one.clone())),
                None => Ok(Check::Waiting(format!(
                    "{}; the start {} is {} s away",
                    notes(&calls),
                    slot.start.hhmm,
                    slot.starts_in()
                ))),
            }
        })
        .await?;
        ensure!(
            meeting.summary == format!("{SERIES} starts now"),
            "the notification reads {:?}",
            meeting.summary
        );
        ensure!(
            meeting.action_label("join") == Some("Join"),
            "the notification offers no Join: {:?}",
            meeting.actions
        );
        let keys = meeting.action_keys();
        ensure!(
            keys == ["default", "join", "snooze", "done"],
            "the notification's buttons are {keys:?}"
        );

        // The app hears a press only once Notify has returned: press until the link opens.
        let opened = app.dialog_dir().join("opened-links.txt");
        let pressed = Instant::now();
        let mut presses = 0;
        let lines = loop {
            app.notifications().invoke_action(meeting.id, "join")?;
            presses += 1;
            let seen = wait_until("Join opens a link", Duration::from_secs(3), async || {
                Ok(match std::fs::read_to_string(&opened) {
                    Ok(text) if !text.is_empty() => Check::Done(text),
                    _ => Check::Waiting(format!("nothing in {}", opened.display())),
                })
            })
            .await;
            match seen {
                Ok(text) => break text,
                Err(e) if pressed.elapsed() < WAIT => {
                    eprintln!("e2e: press {presses} of Join not seen yet: {e:#}");
                }
                Err(e) => {
                    return Err(e.context(format!(
                        "{presses} presses of Join in {:.0} s; {}",
                        pressed.elapsed().as_secs_f64(),
                        app.notification_log()
                    )))
                }
            }
        };
        // More presses on the same notification do nothing: it acts once.
        app.notifications().invoke_action(meeting.id, "join")?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let after = std::fs::read_to_string(&opened).context("opened-links.txt")?;
        ensure!(
            lines == format!("{ROOM}\n") && after == lines,
            "Join opened {after:?}, not {ROOM:?} once"
        );
        app.screenshot_as("today-join").await?;
        Ok(())
    })
    .await
}

const PLANNING: &str = "Planning time";
const WORK_START: &str = "Working hours start";
const WORK_END: &str = "Working hours end";

/// Goes to Settings and reads the reminder form's times, once the form is there.
async fn reminder_times(app: &App) -> Result<[String; 3]> {
    app.click_button("Settings").await?;
    Ok([
        app.field_value(PLANNING).await?,
        app.field_value(WORK_START).await?,
        app.field_value(WORK_END).await?,
    ])
}

#[tokio::test(flavor = "multi_thread")]
async fn reminder_settings_refuse_working_hours_ending_before_they_start() -> Result<()> {
    run("reminder_settings_refused", async |app| {
        let stored = reminder_times(app).await?;
        ensure!(
            stored == ["09:00", "08:00", "17:00"],
            "the reminder settings do not start at planning 09:00, work 08:00–17:00: {stored:?}"
        );

        app.fill(PLANNING, "10:30").await?;
        app.fill(WORK_END, "07:45").await?;
        let form = app.form_of(WORK_END).await?;
        app.click_button_in("Save", Scope::In(&form)).await?;

        const ERROR: &str = "Working hours must end after they start.";
        wait_until(
            &format!("{WORK_END:?} is described by {ERROR:?}"),
            WAIT,
            async || {
                let described = app.field_description(WORK_END).await?;
                Ok(if described.iter().any(|t| t == ERROR) {
                    Check::Done(())
                } else {
                    Check::Waiting(format!("it is described by {described:?}"))
                })
            },
        )
        .await?;
        let start_described = app.field_description(WORK_START).await?;
        ensure!(
            !start_described.iter().any(|t| t == ERROR),
            "the error is next to {WORK_START:?} too: {start_described:?}"
        );
        let typed = [
            app.field_value(PLANNING).await?,
            app.field_value(WORK_START).await?,
            app.field_value(WORK_END).await?,
        ];
        ensure!(
            typed == ["10:30", "08:00", "07:45"],
            "the typed times were not kept after the refusal: {typed:?}"
        );
        ensure!(
            !app.shows_text("Settings saved.", Scope::Window).await?,
            "\"Settings saved.\" is shown after a refusal"
        );
        let field = app.field(WORK_END).await?;
        app.scroll_into_view(&field).await?;
        app.screenshot().await?;

        // Nothing was saved: not the bad end, and not the planning time sent with it.
        app.click_button("Team").await?;
        app.list("Active").await?;
        let after = reminder_times(app).await?;
        ensure!(
            after == stored,
            "Settings shows {after:?} after the refused save, not the stored {stored:?}"
        );
        ensure!(
            app.field_description(WORK_END).await?.is_empty(),
            "the old error is still next to {WORK_END:?} after coming back"
        );
        Ok(())
    })
    .await
}
