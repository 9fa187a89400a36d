//! Choosing the app's language in Settings, and that the choice survives a restart.

use anyhow::{ensure, Context, Result};
use narvaro_e2e::{run, wait_until, App, Check, Scope, WAIT};

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
