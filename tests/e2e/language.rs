//! Choosing the app's language in Settings, and that the choice survives a restart.

use anyhow::{ensure, Context, Result};
use narvaro_e2e::dom::describe;
use narvaro_e2e::{clock, run, run_with, wait_until, App, AppSpec, Check, Scope, WAIT};

use crate::rhythms::{new_weekly_rhythm, open_rhythms, Weekly, WEEKDAYS};

/// The texts of the sidebar's navigation items.
async fn sidebar(app: &App) -> Result<Vec<String>> {
    app.visible_texts("nav a, nav button").await
}

/// Waits until the sidebar shows `wanted` among its items.
async fn sidebar_shows(app: &App, wanted: &str) -> Result<Vec<String>> {
    wait_until(&format!("the sidebar shows {wanted:?}"), WAIT, async || {
        let items = sidebar(app).await?;
        Ok(if items.iter().any(|t| t == wanted) {
            Check::Done(items)
        } else {
            Check::Waiting(format!("it shows {items:?}"))
        })
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn language_switch_persists() -> Result<()> {
    run("language_switch_persists", async |app| {
        // LANG=en_US.UTF-8 for every test: the app starts in English.
        sidebar_shows(app, "Team").await?;
        app.click_button("Settings").await?;
        app.select("Language", "sv").await?;

        let items = sidebar_shows(app, "Medarbetare").await?;
        ensure!(
            items.iter().any(|t| t == "Inställningar"),
            "the sidebar is half Swedish: {items:?}"
        );
        app.click_button("Medarbetare").await?;
        app.button("Lägg till medarbetare", Scope::Window).await?;
        app.screenshot_as("before-restart").await?;

        app.restart().await?;

        let items = sidebar_shows(app, "Medarbetare")
            .await
            .context("the language choice did not survive a restart")?;
        ensure!(
            items.iter().any(|t| t == "Inställningar"),
            "the sidebar is half Swedish: {items:?}"
        );
        app.click_button("Medarbetare").await?;
        app.button("Lägg till medarbetare", Scope::Window).await?;
        app.click_button("Inställningar").await?;
        let chosen = app.field_value("Språk").await?;
        ensure!(
            chosen == "sv",
            "the Language select shows {chosen:?} after the restart, not sv"
        );
        app.screenshot().await?;
        Ok(())
    })
    .await
}

/// The number in a Week heading ("Week 48", "Vecka 48").
fn week_number(heading: &str) -> Option<u32> {
    heading.split_whitespace().last()?.parse().ok()
}

/// The Week view heading, once it shows a week number under `word`.
async fn week_heading(app: &App, word: &str) -> Result<String> {
    wait_until(&format!("Week's heading says {word:?}"), WAIT, async || {
        let headings = app.visible_texts("main h1").await?;
        Ok(match headings.first() {
            Some(h) if h.starts_with(word) && week_number(h).is_some() => Check::Done(h.clone()),
            other => Check::Waiting(format!("it says {other:?}")),
        })
    })
    .await
}

/// The Week view in both languages: Monday to Sunday under the ISO week number, and the
/// switch to next week; screenshots of each for the eye.
#[tokio::test(flavor = "multi_thread")]
async fn week_in_both_languages() -> Result<()> {
    run("week_in_both_languages", async |app| {
        app.click_button("Try a sample team").await?;
        app.wait_for_dialog().await?;
        app.click_button("Add sample team").await?;
        app.wait_for_no_dialog().await?;

        app.click_button("Week").await?;
        let en = week_heading(app, "Week ").await?;
        let days = app
            .visible_texts(".week-day-title span:first-child")
            .await?;
        ensure!(days.len() == 7, "Week shows {} days: {days:?}", days.len());
        ensure!(
            days[0].starts_with("Monday") && days[6].starts_with("Sunday"),
            "the week does not run Monday to Sunday: {days:?}"
        );
        app.screenshot_as("en").await?;

        app.click_button("Settings").await?;
        app.select("Language", "sv").await?;
        sidebar_shows(app, "Vecka").await?;
        app.click_button("Vecka").await?;
        let sv = week_heading(app, "Vecka ").await?;
        ensure!(
            week_number(&sv) == week_number(&en),
            "{sv:?} is not the week {en:?}"
        );
        let days = app
            .visible_texts(".week-day-title span:first-child")
            .await?;
        ensure!(
            days.first().is_some_and(|d| d.starts_with("måndag"))
                && days.last().is_some_and(|d| d.starts_with("söndag")),
            "the Swedish week does not run måndag to söndag: {days:?}"
        );
        app.screenshot_as("sv").await?;

        app.set_checked("Nästa vecka", true).await?;
        let next = wait_until("the next week is shown", WAIT, async || {
            let heading = week_heading(app, "Vecka ").await?;
            Ok(if heading != sv {
                Check::Done(heading)
            } else {
                Check::Waiting("still this week".to_owned())
            })
        })
        .await?;
        let (this, following) = (week_number(&sv), week_number(&next));
        ensure!(
            following == this.map(|n| n + 1) || following == Some(1),
            "after {sv:?} comes {next:?}"
        );
        app.screenshot_as("sv-next").await?;
        Ok(())
    })
    .await
}

/// English in a 24-hour region writes the clock as Rust does in the tray and on the command
/// line (`i18n::clock_text`): "08:30" alone, in a range and in a rhythm's summary, where a
/// `numeric` hour wrote "8:30" beside "08:30–09:00". The desktop's locale is `C.UTF-8`,
/// which names no English region, so the window writes British English (as it does in
/// en_GB.UTF-8, which this machine need not have installed: WebKit then says en-US).
#[tokio::test(flavor = "multi_thread")]
async fn british_english_writes_the_hour_with_two_digits() -> Result<()> {
    const TITLE: &str = "Morning office hours";
    clock::check_zone()?;
    let now = clock::settled_day(5 * 60).await;
    let today = clock::day_after(&now, 0);
    let spec = AppSpec::narvaro()?.with_lang("C.UTF-8");
    run_with("clock_en_gb", spec, async |app| {
        open_rhythms(app).await?;
        new_weekly_rhythm(
            app,
            &Weekly {
                kind: "office_hours",
                title: TITLE,
                start_date: &today.iso,
                start_time: "08:30",
                minutes: "30",
                weekday: today.weekday,
                person: None,
                reminders: Some(&[]),
            },
        )
        .await?;

        // The Rhythms list: "Every Sunday at 08:30".
        let rows = app
            .wait_for_rows("Office hours", &format!("shows {TITLE}"), |rows| {
                rows.iter().any(|r| r.shows(TITLE))
            })
            .await?;
        let every = format!("Every {} at ", WEEKDAYS[today.weekday]);
        let summary = rows
            .iter()
            .find_map(|r| r.piece_starting_with(&every))
            .with_context(|| format!("no row says {every:?}…: {}", describe(&rows)))?;
        ensure!(
            summary.starts_with(&format!("{every}08:30")),
            "the rhythm's summary reads {summary:?}, not {every:?}08:30"
        );

        // Today: the occurrence's range.
        app.click_button("Today").await?;
        let rows = app
            .wait_for_rows("Today", &format!("shows {TITLE}"), |rows| {
                rows.iter().any(|r| r.shows(TITLE))
            })
            .await?;
        ensure!(
            rows.iter()
                .any(|r| r.shows(TITLE) && r.shows("08:30–09:00")),
            "{TITLE} under Today does not read 08:30–09:00: {}",
            describe(&rows)
        );

        // Move: the occurrence's moment, "Sun, 29 Nov, 08:30".
        app.click_button_in_row("Today", TITLE, "Move").await?;
        app.wait_for_dialog().await?;
        let moment = app.visible_texts("dialog .dialog-text").await?;
        ensure!(
            moment.iter().any(|m| m.ends_with(" 08:30")),
            "the Move dialog gives the occurrence as {moment:?}, not at 08:30"
        );
        app.screenshot().await?;
        Ok(())
    })
    .await
}
