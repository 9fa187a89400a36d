//! Importing a team from a CSV file (issue 12), as a manager does it: *Import…* on Team, a
//! preview that refuses a file with a bad row and names its line, then the fixed file of 30
//! people imported in one go. The native file dialogs are answered
//! by the debug build from the test's dialog folder (`NARVARO_TEST_DIALOG_DIR`).

use anyhow::{ensure, Context, Result};
use narvaro_e2e::dom::describe;
use narvaro_e2e::{run, App, Scope};

const FIRST: [&str; 10] = [
    "Åsa", "Björn", "Cecilia", "Dag", "Elin", "Fredrik", "Göran", "Hanna", "Ingrid", "Jörgen",
];
const LAST: [&str; 3] = ["Öberg", "Ängström", "Lind"];

/// Thirty people as Excel writes "CSV UTF-8" in a Swedish locale: a byte-order mark,
/// semicolons, CRLF, and a role in quotes because it holds the separator. With `bad`, line
/// 7 has a cadence that is no number.
pub(crate) fn team_csv(bad: bool) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}Namn;E-post;Roll;Intervall (dagar)\r\n");
    for i in 0..30 {
        let (first, last) = (FIRST[i % 10], LAST[i / 10]);
        let cadence = if bad && i == 5 {
            "ofta".to_owned()
        } else {
            (7 + i % 4 * 7).to_string()
        };
        out.push_str(&format!(
            "{first} {last};{}.{}@example.se;\"Handläggare; team {}\";{cadence}\r\n",
            ascii(first),
            ascii(last),
            i / 10 + 1
        ));
    }
    out.into_bytes()
}

fn ascii(name: &str) -> String {
    name.to_lowercase()
        .replace(['å', 'ä'], "a")
        .replace('ö', "o")
}

pub(crate) async fn open_import(app: &App) -> Result<()> {
    app.click_button("Import…").await?;
    app.wait_for_dialog()
        .await
        .context("Import… opened no preview")?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn import_thirty_people() -> Result<()> {
    run("import_thirty_people", async |app| {
        app.click_button("Team").await?;
        app.list("Active").await?;
        let csv = app.dialog_dir().join("import.csv");

        std::fs::write(&csv, team_csv(true))?;
        open_import(app).await?;
        app.wait_for_text(
            "1 row has a problem (line 7). Fix the file and choose it again: nothing is \
             imported until every row is right.",
            Scope::Window,
        )
        .await?;
        let import = app.button("Import 30 people", Scope::Window).await?;
        ensure!(
            import.attr("disabled").await?.is_some(),
            "Import 30 people can be pressed while line 7 is wrong"
        );
        app.screenshot_as("preview-with-problem").await?;
        app.click_button("Cancel").await?;
        app.wait_for_no_dialog().await?;
        let rows = app.rows("Active").await?;
        ensure!(
            rows.is_empty(),
            "something was imported: {}",
            describe(&rows)
        );

        std::fs::write(&csv, team_csv(false))?;
        open_import(app).await?;
        app.wait_for_text(
            "30 people are ready to import. Check the list, then import.",
            Scope::Window,
        )
        .await?;
        app.screenshot_as("preview").await?;
        app.click_button("Import 30 people").await?;
        app.wait_for_no_dialog().await?;
        let rows = app
            .wait_for_rows("Active", "shows 30 people", |rows| rows.len() == 30)
            .await?;
        ensure!(
            rows.iter().any(|r| r.shows("Åsa Öberg"))
                && rows.iter().any(|r| r.shows("Jörgen Lind")),
            "the imported names: {}",
            describe(&rows)
        );
        app.screenshot_as("team").await?;
        Ok(())
    })
    .await
}
