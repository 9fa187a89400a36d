//! Settings the end-to-end tests need before they start: working days and hours, and no
//! public holidays, so that a test runs the same on any day of the year.

use anyhow::{Context, Result};
use narvaro_e2e::clock::Day;
use narvaro_e2e::{App, Scope};

use crate::rhythms::WEEKDAYS;

const WORK_START: &str = "Working hours start";
const WORK_END: &str = "Working hours end";
const SAVED: &str = "Settings saved.";

/// Goes to Settings, ticks exactly the working days `days` (Monday first), types the working
/// hours and saves the reminder form; waits until the app says it saved them.
pub(crate) async fn save_working_hours(
    app: &App,
    days: [bool; 7],
    start: &str,
    end: &str,
) -> Result<()> {
    app.click_button("Settings").await?;
    // The form is drawn once the stored settings have loaded: its fields are there then.
    app.field(WORK_START).await?;
    let set = app.group("Working days").await?;
    for (day, wanted) in WEEKDAYS.iter().zip(days) {
        app.set_checked_in(day, Scope::In(&set), wanted).await?;
    }
    app.fill(WORK_START, start).await?;
    app.fill(WORK_END, end).await?;
    let form = app.form_of(WORK_END).await?;
    app.click_button_in("Save", Scope::In(&form)).await?;
    let ticked: Vec<&str> = WEEKDAYS
        .iter()
        .zip(days)
        .filter_map(|(day, on)| on.then_some(*day))
        .collect();
    app.wait_for_text(SAVED, Scope::Window)
        .await
        .with_context(|| {
            format!("saving working hours {ticked:?} {start}–{end} was not confirmed")
        })?;
    Ok(())
}

/// Holds reminders back: every day but `today` is a working day, 08:00–17:00. A test sets
/// its team up meanwhile and releases them with `every_day_working`.
pub(crate) async fn working_days_but(app: &App, today: &Day) -> Result<()> {
    let mut not_today = [true; 7];
    not_today[today.weekday] = false;
    save_working_hours(app, not_today, "08:00", "17:00").await
}

/// Every day a working day, around the clock, with no public holidays: whatever day the
/// test runs on, a check-in falls due on its own day and a reminder may come.
pub(crate) async fn every_day_working(app: &App) -> Result<()> {
    save_working_hours(app, [true; 7], "00:00", "23:59").await?;
    no_public_holidays(app).await
}

/// Settings → Public holidays: none (today may be one).
pub(crate) async fn no_public_holidays(app: &App) -> Result<()> {
    app.click_button("Settings").await?;
    app.select("Public holidays", "none").await?;
    let calendar = app.form_of("Public holidays").await?;
    app.click_button_in("Save calendar", Scope::In(&calendar))
        .await?;
    app.wait_for_text("Calendar saved.", Scope::Window)
        .await
        .context("choosing no public holidays was not confirmed")?;
    Ok(())
}
