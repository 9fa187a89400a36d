//! The manager's data as a manager meets it (issue 10): the sample team loaded once and
//! removed in one action, *Back up now* in Settings, and a damaged data file at the next
//! start — set aside whole, the backup offered with its date, and restoring it opens the app
//! with the backup's data.

use std::fs;
use std::path::Path;

use anyhow::{ensure, Context, Result};
use narvaro_e2e::{run, App, Scope};

/// Loads the sample team from Today's empty state, as a new user would.
async fn load_sample(app: &App) -> Result<()> {
    app.click_button("Today").await?;
    app.click_button("Try a sample team").await?;
    app.wait_for_dialog().await?;
    app.click_button("Add sample team").await?;
    app.wait_for_no_dialog().await
}

async fn team_names(app: &App) -> Result<Vec<String>> {
    app.click_button("Team").await?;
    app.list("Active").await?;
    Ok(app
        .rows("Active")
        .await?
        .into_iter()
        .map(|r| r.text)
        .collect())
}

/// Writes garbage over the pages after the header of the database, as a failing disk
/// might. The data is first moved out of the WAL into the file: the command line opens and
/// closes it, and SQLite checkpoints on the last close.
fn damage(data_dir: &Path) -> Result<()> {
    let out = std::process::Command::new(narvaro_e2e::paths::app_binary()?)
        .arg("agenda")
        .arg("--data-dir")
        .arg(data_dir)
        .output()
        .context("could not run narvaro agenda")?;
    ensure!(
        out.status.success(),
        "narvaro agenda failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = data_dir.join("narvaro.db");
    let mut bytes = fs::read(&db).context("reading the database")?;
    ensure!(
        bytes.len() > 4096 * 6,
        "the database is only {} bytes",
        bytes.len()
    );
    let end = bytes.len() - 4096;
    for b in &mut bytes[4096 * 2..end] {
        *b = 0xA5;
    }
    fs::write(&db, &bytes).context("writing the damaged database")
}

#[tokio::test(flavor = "multi_thread")]
async fn backup_damage_and_recovery() -> Result<()> {
    run("backup_damage_and_recovery", async |app| {
        load_sample(app).await?;
        let sample = team_names(app).await?;
        ensure!(sample.len() == 10, "the sample team shows {sample:?}");

        // Settings: the backup taken at start is listed; one more by hand.
        app.click_button("Settings").await?;
        app.wait_for_text("Backups", Scope::Window).await?;
        app.click_button("Back up now").await?;
        app.wait_for_text("Backed up.", Scope::Window)
            .await
            .context("Back up now said nothing")?;
        let listed = app.visible_texts("[data-backup]").await?;
        ensure!(!listed.is_empty(), "no backup is listed");
        let card = app
            .client()?
            .find(fantoccini::Locator::Css("#settings-backups"))
            .await?;
        app.scroll_into_view(&card).await?;
        app.screenshot_as("settings").await?;

        app.restart_after(damage).await?;

        // The start screen: what happened, where the file went, the backup offered.
        app.wait_for_text("Your data file was damaged", Scope::Window)
            .await?;
        let offered = app.visible_texts("[data-action=restore-offered]").await?;
        let offer = offered.first().context("no backup is offered")?.clone();
        ensure!(offer.starts_with("Restore the backup from "), "{offer:?}");
        app.screenshot_as("offer").await?;
        let aside: Vec<_> = fs::read_dir(app.data_dir())?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("damaged-"))
            .collect();
        ensure!(aside.len() == 1, "no damaged-… folder beside the data");
        ensure!(
            aside[0].path().join("narvaro.db").exists(),
            "the damaged file was not moved"
        );

        app.click_button(&offer).await?;
        let restored = team_names(app).await?;
        ensure!(
            restored == sample,
            "after the restore Team shows {restored:?}"
        );

        // The sample team goes in one action, and only it.
        ensure!(
            app.shows_text("Remove sample team", Scope::Window).await?,
            "Team does not offer to remove the sample team"
        );
        app.click_button("Remove sample team").await?;
        app.wait_for_dialog().await?;
        app.screenshot_as("remove-sample").await?;
        app.click_button("Remove sample team").await?;
        app.wait_for_no_dialog().await?;
        app.wait_for_text(
            "No one here yet. Add the people you lead, one at a time: a name is enough.",
            Scope::Window,
        )
        .await
        .context("Team still shows people after removing the sample team")?;
        ensure!(
            !app.shows_text("Remove sample team", Scope::Window).await?,
            "the sample banner stayed"
        );
        Ok(())
    })
    .await
}
