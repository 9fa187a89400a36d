//! The Team view as a manager uses it: adding people through the dialog, archiving, what
//! survives a restart, markup typed as a name, and refused input that changes nothing.

use anyhow::{ensure, Context, Result};
use narvaro_e2e::dom::describe;
use narvaro_e2e::{run, App, Row, Scope};

/// Goes to the Team view through the sidebar, as a person would from wherever the app
/// opened, and waits until it is there.
async fn open_team(app: &App) -> Result<()> {
    app.click_button("Team").await?;
    app.list("Active").await?;
    app.button("Add person", Scope::Window).await?;
    Ok(())
}

/// Opens "Add person", fills the dialog and saves; waits until the dialog has closed.
async fn add_person(app: &App, name: &str, role: &str, email: &str) -> Result<()> {
    app.click_button("Add person").await?;
    app.wait_for_dialog().await?;
    app.fill("Name", name).await?;
    app.fill("Role", role).await?;
    app.fill("E-mail", email).await?;
    app.click_button("Save").await?;
    app.wait_for_no_dialog()
        .await
        .with_context(|| format!("saving {name:?} did not close the dialog"))
}

fn names(rows: &[Row], name: &str) -> bool {
    rows.iter().any(|r| r.shows(name))
}

/// "Archived 27 Nov 2025": the word, then something with a digit in it.
fn archived_label(row: &Row) -> Option<&str> {
    row.piece_starting_with("Archived ")
        .filter(|p| p.chars().any(|c| c.is_ascii_digit()))
}

#[tokio::test(flavor = "multi_thread")]
async fn add_archive_restart() -> Result<()> {
    run("add_archive_restart", async |app| {
        open_team(app).await?;
        add_person(app, "Anna Lind", "Handläggare", "anna@example.se").await?;
        let active = app
            .wait_for_rows("Active", "shows Anna Lind", |rows| names(rows, "Anna Lind"))
            .await?;
        let anna = active
            .iter()
            .find(|r| r.shows("Anna Lind"))
            .context("Anna's row")?;
        ensure!(
            anna.id.is_some(),
            "Anna's row has no data-person-id: {anna:?}"
        );
        ensure!(
            anna.shows("Handläggare") || anna.text.contains("Handläggare"),
            "Anna's row does not show her role: {:?}",
            anna.text
        );

        add_person(app, "Bo Ek", "", "").await?;
        app.wait_for_rows("Active", "shows Bo Ek", |rows| names(rows, "Bo Ek"))
            .await?;

        app.click_button_in_row("Active", "Bo Ek", "Archive")
            .await?;
        let archived = app
            .wait_for_rows("Archived", "shows Bo Ek", |rows| names(rows, "Bo Ek"))
            .await?;
        let bo = archived
            .iter()
            .find(|r| r.shows("Bo Ek"))
            .context("Bo's row")?;
        ensure!(
            archived_label(bo).is_some(),
            "Bo's archived row shows no \"Archived <date>\": {:?}",
            bo.text
        );
        app.wait_for_rows("Active", "no longer shows Bo Ek", |rows| {
            names(rows, "Anna Lind") && !names(rows, "Bo Ek")
        })
        .await?;
        app.screenshot_as("before-restart").await?;

        app.restart().await?;
        open_team(app).await?;

        let active = app
            .wait_for_rows("Active", "shows Anna Lind after the restart", |rows| {
                names(rows, "Anna Lind")
            })
            .await?;
        ensure!(
            !names(&active, "Bo Ek"),
            "Bo is active again after the restart: {}",
            describe(&active)
        );
        let archived = app
            .wait_for_rows("Archived", "shows Bo Ek after the restart", |rows| {
                names(rows, "Bo Ek")
            })
            .await?;
        ensure!(
            !names(&archived, "Anna Lind"),
            "Anna is archived after the restart: {}",
            describe(&archived)
        );
        ensure!(
            archived.iter().filter(|r| r.shows("Bo Ek")).count() == 1
                && active.iter().filter(|r| r.shows("Anna Lind")).count() == 1,
            "someone is listed twice: active {}, archived {}",
            describe(&active),
            describe(&archived)
        );
        app.screenshot().await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_is_text() -> Result<()> {
    const MARKUP: &str = "<img src=x onerror=alert(1)>";
    run("markup_is_text", async |app| {
        open_team(app).await?;
        add_person(app, MARKUP, "", "").await?;
        let rows = app
            .wait_for_rows("Active", "shows the markup as text", |rows| {
                names(rows, MARKUP)
            })
            .await?;
        ensure!(
            rows.len() == 1,
            "one person added, rows: {}",
            describe(&rows)
        );
        let list = app.list("Active").await?;
        let images = list
            .find_all(fantoccini::Locator::Css("img"))
            .await
            .context("could not look for images in the list")?;
        ensure!(
            images.is_empty(),
            "the name became {} <img> element(s) in the list",
            images.len()
        );
        ensure!(
            app.alert_text().await?.is_none(),
            "the name ran as script: an alert is open"
        );
        app.screenshot().await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_changes_nothing() -> Result<()> {
    run("bad_input_changes_nothing", async |app| {
        open_team(app).await?;
        app.click_button("Add person").await?;
        app.wait_for_dialog().await?;

        app.click_button("Save").await?;
        app.wait_for_text("Enter a name.", Scope::Window).await?;
        ensure!(
            app.open_dialog().await?.is_some(),
            "the dialog closed on an empty name"
        );

        app.fill("Name", "Cleo Berg").await?;
        app.fill("E-mail", "not-an-email").await?;
        app.click_button("Save").await?;
        app.wait_for_text(
            "That does not look like an e-mail address (name@example.se).",
            Scope::Window,
        )
        .await?;
        ensure!(
            app.open_dialog().await?.is_some(),
            "the dialog closed on a bad e-mail"
        );
        let name = app.field_value("Name").await?;
        ensure!(name == "Cleo Berg", "the typed name was not kept: {name:?}");
        let email = app.field_value("E-mail").await?;
        ensure!(
            email == "not-an-email",
            "the typed e-mail was not kept: {email:?}"
        );
        ensure!(
            !app.shows_text("Enter a name.", Scope::Window).await?,
            "the old name error is still shown next to a name that is fine now"
        );
        app.screenshot().await?;

        app.click_button("Cancel").await?;
        app.wait_for_no_dialog().await?;
        for list in ["Active", "Archived"] {
            let rows = app.rows(list).await?;
            ensure!(
                rows.is_empty(),
                "refused input left rows in {list}: {}",
                describe(&rows)
            );
        }
        Ok(())
    })
    .await
}
