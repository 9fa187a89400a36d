//! Someone on leave, as a manager meets it: two people overdue, one set on parental leave
//! from their person page. Today lists the other as due and the one on leave under "Away"
//! with the day they are back; when reminders are released, a notification names the other
//! and none ever names the one on leave.
//!
//! Reminders are held back while the team is set up by taking today out of the working days
//! (as burst.rs does), and the holiday calendar is set to none, so the test runs on any day,
//! a public holiday included.

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use narvaro_e2e::clock::{self, Day};
use narvaro_e2e::{run, wait_until, App, Check, Scope};

use crate::people::add_person;
use crate::settings::{no_public_holidays, save_working_hours, working_days_but};

const ON_LEAVE: &str = "Anna Lind";
const DUE: &str = "Bo Ek";
/// After the reminder for Bo arrives: long enough for the scheduler's next plain ticks
/// (it sleeps at most 60 s), during which nothing may name Anna.
const QUIET: Duration = Duration::from_secs(70);

/// From Team's Active list, opens `name`'s page and adds parental leave from `from` to `to`.
pub(crate) async fn add_parental_leave(app: &App, name: &str, from: &Day, to: &Day) -> Result<()> {
    app.click_button_in_row("Active", name, name).await?;
    app.wait_for_text("Add away period", Scope::Window).await?;
    app.click_button("Add away period").await?;
    app.wait_for_dialog().await?;
    app.fill("First day away", &from.iso).await?;
    app.fill("Last day away", &to.iso).await?;
    app.choose("Reason", "Parental leave").await?;
    app.click_button("Add").await?;
    app.wait_for_no_dialog()
        .await
        .context("adding the leave did not close")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_on_leave_is_not_due_and_gets_no_reminder() -> Result<()> {
    clock::check_zone()?;
    let now = clock::settled_day(10 * 60).await;
    let today = clock::day_after(&now, 0);
    let last_week = clock::day_after(&now, -7);
    let yesterday = clock::day_after(&now, -1);
    let in_ten_days = clock::day_after(&now, 10);
    run("away", async |app| {
        working_days_but(app, &today).await?;
        // No public holidays: today may be one.
        no_public_holidays(app).await?;

        // Both last talked a week ago, every day: both overdue.
        let daily_last_week = [
            ("Check-in every (days)", "1"),
            ("When did you last talk?", last_week.iso.as_str()),
        ];
        add_person(app, ON_LEAVE, &daily_last_week).await?;
        add_person(app, DUE, &daily_last_week).await?;

        // Anna's page: parental leave from yesterday for ten days.
        add_parental_leave(app, ON_LEAVE, &yesterday, &in_ten_days).await?;
        app.wait_for_rows("Away", "shows the leave", |rows| {
            rows.iter().any(|r| r.shows("Parental leave"))
        })
        .await?;
        app.screenshot_as("person-away").await?;

        // Today: Bo is due, Anna is not; Anna is listed as away.
        app.click_button("Today").await?;
        let due = app
            .wait_for_rows("Check-ins due", &format!("shows {DUE}"), |rows| {
                rows.iter().any(|r| r.shows(DUE))
            })
            .await?;
        ensure!(
            !due.iter().any(|r| r.shows(ON_LEAVE)),
            "{ON_LEAVE} is listed as due while on leave: {due:?}"
        );
        app.wait_for_rows("Away", &format!("shows {ON_LEAVE}"), |rows| {
            rows.iter().any(|r| r.shows(ON_LEAVE))
        })
        .await?;
        app.screenshot_as("today-away").await?;
        let early = app.notifications().notified();
        ensure!(
            early.is_empty(),
            "notified while today was not a working day: {early:?}"
        );

        // Every day, all day: Bo's reminder comes, Anna's never.
        save_working_hours(app, [true; 7], "00:00", "23:59").await?;
        wait_until("a reminder names Bo", Duration::from_secs(30), async || {
            let all = app.notifications().notified();
            Ok(
                if all
                    .iter()
                    .any(|n| n.summary.contains(DUE) || n.body.contains(DUE))
                {
                    Check::Done(())
                } else {
                    Check::Waiting(format!("notified: {all:?}"))
                },
            )
        })
        .await?;
        let quiet_from = Instant::now();
        while quiet_from.elapsed() < QUIET {
            let all = app.notifications().notified();
            ensure!(
                !all.iter()
                    .any(|n| n.summary.contains(ON_LEAVE) || n.body.contains(ON_LEAVE)),
                "a notification named {ON_LEAVE}, who is on leave: {}",
                app.notification_log()
            );
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        Ok(())
    })
    .await
}
