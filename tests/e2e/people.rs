//! Adding people through Team's dialog, as the tests that need a team do it.

use anyhow::{Context, Result};
use narvaro_e2e::App;

/// Goes to Team, adds `name` with the dialog, filling `fields` (label, text) besides the
/// name, and waits until the Active list shows them.
pub(crate) async fn add_person(app: &App, name: &str, fields: &[(&str, &str)]) -> Result<()> {
    app.click_button("Team").await?;
    app.list("Active").await?;
    app.click_button("Add person").await?;
    app.wait_for_dialog().await?;
    app.fill("Name", name).await?;
    for (label, text) in fields {
        app.fill(label, text).await?;
    }
    app.click_button("Save").await?;
    app.wait_for_no_dialog()
        .await
        .with_context(|| format!("saving {name:?} did not close the dialog"))?;
    app.wait_for_rows("Active", &format!("shows {name}"), |rows| {
        rows.iter().any(|r| r.shows(name))
    })
    .await?;
    Ok(())
}
