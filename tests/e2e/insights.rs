//! Insights as a manager uses it (issue 11): the sample team, two check-ins with a low mood
//! recorded through the check-in screen, then Insights names the least heard person first
//! and shows a signal that leads to the person page; the same in Swedish. Screenshots of the
//! view in English and Swedish, its top and its pulse section ("insights-en",
//! "insights-en-pulse", "insights-sv", "insights-sv-pulse").

use anyhow::{ensure, Context, Result};
use narvaro_e2e::clock;
use narvaro_e2e::dom::describe;
use narvaro_e2e::{run, wait_until, App, Check, Row, Scope, WAIT};

/// The sample person the test holds two low-mood check-ins with.
const ANNA: &str = "Anna Lindqvist";
/// The sample person never checked in with: the least heard.
const MOHAMMED: &str = "Mohammed Ali";

/// Opens the check-in screen for `name` from the Team list and the person page.
async fn start_checkin(app: &App, name: &str) -> Result<()> {
    app.click_button("Team").await?;
    app.wait_for_rows("Active", &format!("shows {name}"), |rows| {
        rows.iter().any(|r| r.shows(name))
    })
    .await?;
    app.click_button_in_row("Active", name, name).await?;
    app.wait_for_text("Pulse over time", Scope::Window).await?;
    app.click_button("Start check-in").await?;
    app.wait_for_text(&format!("Check-in with {name}"), Scope::Window)
        .await?;
    app.button("Finish check-in", Scope::Window).await?;
    Ok(())
}

/// Records a check-in held on `date` with mood 2 (the rest of the pulse left out).
async fn low_mood_checkin(app: &App, name: &str, date: &str) -> Result<()> {
    start_checkin(app, name).await?;
    app.fill("Date", date).await?;
    let mood = app.group("Mood").await?;
    app.set_checked_in("2", Scope::In(&mood), true)
        .await
        .context("choosing mood 2")?;
    app.click_button("Finish check-in").await?;
    app.wait_for_text("Pulse over time", Scope::Window)
        .await
        .context("finishing the check-in did not lead to the person page")?;
    Ok(())
}

/// Waits until the list or table labelled `label` has a first row showing `first`.
async fn first_row(app: &App, label: &str, first: &str) -> Result<Vec<Row>> {
    app.wait_for_rows(label, &format!("starts with {first}"), |rows| {
        rows.first().is_some_and(|r| r.shows(first))
    })
    .await
}

/// The check-ins `name`'s row of the attention table counts (its data-held).
fn held_by(rows: &[Row], name: &str) -> Result<u32> {
    let row = rows
        .iter()
        .find(|r| r.shows(name))
        .with_context(|| format!("{name} is not in the table: {}", describe(rows)))?;
    row.data("held")
        .and_then(|n| n.parse().ok())
        .with_context(|| format!("{name}'s row has no data-held: {row:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn insights_name_the_least_heard_first_and_a_low_mood_signal() -> Result<()> {
    let now = clock::settled_day(5 * 60).await;
    let (today, last_week) = (
        clock::day_after(&now, 0).iso,
        clock::day_after(&now, -7).iso,
    );
    run("insights", async |app| {
        app.click_button("Try a sample team").await?;
        app.wait_for_dialog().await?;
        app.click_button("Add sample team").await?;
        app.wait_for_no_dialog().await?;

        // Before: Insights has nothing to signal about Anna.
        app.click_button("Insights").await?;
        let rows = first_row(app, "Attention per person", MOHAMMED).await?;
        ensure!(
            rows.len() == 10,
            "the attention table does not list the ten: {}",
            describe(&rows)
        );
        ensure!(
            rows[0].data("well-below") == Some("true"),
            "{MOHAMMED} is first but not flagged as well below the median: {:?}",
            rows[0]
        );
        let held_before = held_by(&rows, ANNA)?;

        low_mood_checkin(app, ANNA, &last_week).await?;
        low_mood_checkin(app, ANNA, &today).await?;

        app.click_button("Insights").await?;
        let rows = first_row(app, "Attention per person", MOHAMMED).await?;
        let held_after = held_by(&rows, ANNA)?;
        ensure!(
            held_after == held_before + 2,
            "{ANNA} had {held_before} check-ins and has {held_after} after two more"
        );
        let flagged = app.rows("Well below the median").await?;
        let sentence = flagged
            .first()
            .map(|r| r.text.clone())
            .context("no one is named well below the median")?;
        ensure!(
            sentence.starts_with(&format!("{MOHAMMED}: 0 check-ins in 90 days, team median ")),
            "the first sentence reads {sentence:?}"
        );

        let signal = format!("{ANNA}: mood 2 or lower at the last two check-ins");
        let signals = app
            .wait_for_rows("Signals", "shows Anna's low mood", |rows| {
                rows.iter().any(|r| r.shows(&signal))
            })
            .await?;
        let row = signals
            .iter()
            .find(|r| r.shows(&signal))
            .context("the signal row")?;
        ensure!(
            row.data("signal") == Some("low_mood"),
            "the signal row is not a low_mood one: {row:?}"
        );
        app.screenshot_as("en").await?;
        let list = app.list("Pulse per person").await?;
        app.scroll_into_view(&list).await?;
        app.screenshot_as("en-pulse").await?;

        // The signal leads to Anna's page.
        app.click_button(&signal).await?;
        app.wait_for_text("Pulse over time", Scope::Window).await?;
        let headings = app.visible_texts("main h1").await?;
        ensure!(
            headings.iter().any(|h| h == ANNA),
            "the signal did not lead to {ANNA}'s page: {headings:?}"
        );

        // The check-in screen shows who does what (the sample has no assignments yet).
        start_checkin(app, ANNA).await?;
        app.wait_for_text("Who does what", Scope::Window).await?;
        app.click_button("Leave").await?;

        // In Swedish.
        app.click_button("Settings").await?;
        app.select("Language", "sv").await?;
        wait_until("the sidebar shows Överblick", WAIT, async || {
            let items = app.visible_texts("nav a").await?;
            Ok(if items.iter().any(|t| t == "Överblick") {
                Check::Done(())
            } else {
                Check::Waiting(format!("it shows {items:?}"))
            })
        })
        .await?;
        app.click_button("Överblick").await?;
        first_row(app, "Uppmärksamhet per medarbetare", MOHAMMED).await?;
        let flagged = app.rows("Långt under medianen").await?;
        let sentence = flagged.first().map(|r| r.text.clone()).unwrap_or_default();
        ensure!(
            sentence.starts_with(&format!(
                "{MOHAMMED}: 0 avstämningar på 90 dagar, medianen är "
            )),
            "the Swedish sentence reads {sentence:?}"
        );
        app.wait_for_rows("Signaler", "shows Anna's low mood", |rows| {
            rows.iter().any(|r| {
                r.shows(&format!(
                    "{ANNA}: humör 2 eller lägre vid de två senaste avstämningarna"
                ))
            })
        })
        .await?;
        app.screenshot_as("sv").await?;
        let list = app.list("Mående per medarbetare").await?;
        app.scroll_into_view(&list).await?;
        app.screenshot_as("sv-pulse").await?;

        // The period switch: a year.
        app.set_checked("365 dagar", true).await?;
        first_row(app, "Uppmärksamhet per medarbetare", MOHAMMED).await?;
        let flagged = app.rows("Långt under medianen").await?;
        ensure!(
            flagged
                .first()
                .is_some_and(|r| r.text.contains("på 365 dagar")),
            "after choosing 365 days the sentence reads {:?}",
            flagged.first().map(|r| &r.text)
        );
        Ok(())
    })
    .await
}
