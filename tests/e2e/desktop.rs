//! What Närvaro shows outside its window, on a desktop with a real tray (trayer) and a real
//! notification server (dunst): the tray menu and a check-in reminder, in English and then in
//! Swedish, saved as screenshots of the whole screen (`desktop_in_both_languages-*.png`).
//!
//! The reminders are held back first by taking today out of the working days, so that the
//! test runs the same on any day at any hour; widening the working hours to every day
//! releases them, and the app ticks at once on the change.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use narvaro_e2e::clock;
use narvaro_e2e::{run_with, wait_until, App, AppSpec, Check, Scope, WAIT};

use crate::people::add_person;
use crate::settings::{every_day_working, working_days_but};

/// Long enough for a debug build's first tick on a loaded machine.
const ARRIVAL: Duration = Duration::from_secs(30);

/// Waits until dunst draws a notification on the screen.
async fn notification_on_screen(app: &App, bus: &str) -> Result<()> {
    wait_until("a notification is on the screen", ARRIVAL, async || {
        let shell = app.shell()?;
        let displayed = shell.displayed(bus)?;
        Ok(match (displayed, shell.window("Dunst")?) {
            (1.., Some(_)) => Check::Done(()),
            _ => Check::Waiting(format!("{displayed} displayed")),
        })
    })
    .await
}

/// Closes what dunst shows and returns the closed notification that mentions `text`, as
/// (summary, body).
fn closed_one_with(app: &App, bus: &str, text: &str) -> Result<(String, String)> {
    let shell = app.shell()?;
    shell.close_all(bus)?;
    let history = shell.shown(bus)?;
    history
        .iter()
        .find(|(summary, body)| summary.contains(text) || body.contains(text))
        .cloned()
        .with_context(|| format!("no notification mentions {text:?}; dunst showed {history:?}"))
}

/// Opens the tray menu, saves the screen as `label`, and closes the menu again.
async fn tray_menu(app: &App, label: &str) -> Result<()> {
    let shell = app.shell()?;
    shell.click_tray_icon()?;
    // GTK's popup menu is a window of the program's own class, beside the main window.
    wait_until("the tray menu is open", WAIT, async || {
        let windows = shell.windows("narvaro")?;
        Ok(if windows.len() >= 2 {
            Check::Done(())
        } else {
            Check::Waiting(format!("windows of the app: {windows:?}"))
        })
    })
    .await?;
    // The menu maps before it is drawn: a moment for its first frame.
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.screen_as(label).await?;
    shell.key("Escape")?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn desktop_in_both_languages() -> Result<()> {
    run_with(
        "desktop_in_both_languages",
        AppSpec::narvaro()?.with_shell(),
        async |app| {
            let bus = app.bus_address();
            let now = clock::now();
            let today = clock::day_after(&now, 0);
            working_days_but(app, &today).await?;
            add_person(
                app,
                "Greta Sund",
                &[("When did you last talk?", "2024-11-01")],
            )
            .await?;
            add_person(
                app,
                "Hugo Falk",
                &[("When did you last talk?", "2026-01-15")],
            )
            .await?;

            every_day_working(app).await?;
            app.click_button("Today").await?;
            app.wait_for_text("Check-ins due", Scope::Window).await?;
            notification_on_screen(app, &bus).await?;
            app.screen_as("notification-en").await?;
            let (summary, body) = closed_one_with(app, &bus, "Greta Sund")?;
            ensure!(
                format!("{summary} {body}").contains("heck-in"),
                "the English reminder does not say check-in: {summary:?} / {body:?}"
            );
            tray_menu(app, "tray-en").await?;

            // In Swedish: the tray follows at once; a new overdue person brings a reminder.
            app.click_button("Settings").await?;
            app.select("Language", "sv").await?;
            app.wait_for_text("Inställningar", Scope::Window).await?;
            app.click_button("Medarbetare").await?;
            app.click_button("Lägg till medarbetare").await?;
            app.wait_for_dialog().await?;
            app.fill("Namn", "Ines Berg").await?;
            app.fill("När pratade ni senast?", "2026-06-01").await?;
            app.click_button("Spara").await?;
            app.wait_for_no_dialog()
                .await
                .context("saving Ines Berg did not close the dialog")?;
            app.click_button("I dag").await?;
            app.wait_for_text("Dags för avstämning", Scope::Window)
                .await?;
            notification_on_screen(app, &bus).await?;
            app.screen_as("notification-sv").await?;
            let (summary, body) = closed_one_with(app, &bus, "Ines Berg")?;
            ensure!(
                format!("{summary} {body}").contains("vstämning"),
                "the Swedish reminder does not say avstämning: {summary:?} / {body:?}"
            );
            tray_menu(app, "tray-sv").await?;
            Ok(())
        },
    )
    .await
}
