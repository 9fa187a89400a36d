//! Erasing and exporting a person (issue 10, GDPR Art. 17 and 15) as a manager does it: a
//! team with work, a fika round, an idea and a check-in; one person erased from their page
//! with their name typed, and gone from Team, Today, Work, the fika history and Ideas; another
//! exported through the native save dialog, which the test answers by typing a path into it
//! as a person would (xdotool on the test's own X server).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use narvaro_e2e::dom::describe;
use narvaro_e2e::{run, wait_until, App, Check, Scope, WAIT};

use crate::people::add_person;

const ERASED: &str = "Anna Lind";
const KEPT: &str = "Bo Berg";
const OTHER: &str = "Cecilia Ek";
const NOTE: &str = "Talked about the <b>move</b> & the new desk";
const IDEA: &str = "Walking meetings";
const WORK: &str = "Budget 2027";

/// The files under `dir` whose raw bytes hold `needle`.
fn files_holding(dir: &Path, needle: &[u8]) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(files_holding(&path, needle)?);
        } else if std::fs::read(&path)?
            .windows(needle.len())
            .any(|w| w == needle)
        {
            found.push(path.display().to_string());
        }
    }
    Ok(found)
}

/// Goes to Team and follows `name`'s link to their page.
async fn open_person(app: &App, name: &str) -> Result<()> {
    app.click_button("Team").await?;
    app.wait_for_rows("Active", &format!("shows {name}"), |rows| {
        rows.iter().any(|r| r.shows(name))
    })
    .await?;
    app.click_button_in_row("Active", name, name).await?;
    wait_until(&format!("{name}'s page is shown"), WAIT, async || {
        let headings = app.visible_texts("main h1").await?;
        Ok(if headings.iter().any(|h| h == name) {
            Check::Done(())
        } else {
            Check::Waiting(format!("headings {headings:?}"))
        })
    })
    .await
}

/// Work: an assignment owned by the one to erase and a colleague; a confirmed fika round of
/// the whole team.
async fn work_and_fika(app: &App) -> Result<()> {
    app.click_button("Work").await?;
    app.list("Assignments").await?;
    app.click_button("New assignment").await?;
    app.wait_for_dialog().await?;
    app.fill("Title", WORK).await?;
    app.group("Owners").await?;
    app.set_checked(ERASED, true).await?;
    app.set_checked(KEPT, true).await?;
    app.click_button("Save").await?;
    app.wait_for_no_dialog().await?;
    app.wait_for_rows("Assignments", "shows the assignment of both", |rows| {
        rows.iter()
            .any(|r| r.shows(WORK) && r.text.contains(ERASED) && r.text.contains(KEPT))
    })
    .await?;
    app.click_button("Make pairs").await?;
    app.button("Confirm", Scope::Window).await?;
    app.click_button("Confirm").await?;
    wait_until("the round is confirmed", WAIT, async || {
        let shown = app.visible_attrs("[data-round-id]", "data-status").await?;
        Ok(if shown == ["confirmed"] {
            Check::Done(())
        } else {
            Check::Waiting(format!("rounds {shown:?}"))
        })
    })
    .await?;
    ensure!(
        work_text(app).await?.contains(ERASED),
        "the confirmed round does not show {ERASED}"
    );
    Ok(())
}

/// Everything Work shows: the assignments and the fika rounds.
async fn work_text(app: &App) -> Result<String> {
    Ok(app.visible_texts("main").await?.join("\n"))
}

async fn suggest_idea(app: &App) -> Result<()> {
    app.click_button("Ideas").await?;
    app.list("Ideas").await?;
    app.click_button("New idea").await?;
    app.wait_for_dialog().await?;
    app.fill("Title", IDEA).await?;
    app.choose("Suggested by", ERASED).await?;
    app.click_button("Save").await?;
    app.wait_for_no_dialog().await?;
    app.wait_for_rows("Ideas", "shows the idea with who suggested it", |rows| {
        rows.iter()
            .any(|r| r.shows(IDEA) && r.shows(&format!("Suggested by {ERASED}")))
    })
    .await?;
    Ok(())
}

/// Holds a check-in with `name` from their page, with a note, and finishes it.
async fn check_in(app: &App, name: &str) -> Result<()> {
    open_person(app, name).await?;
    app.click_button("Start check-in").await?;
    app.wait_for_text(&format!("Check-in with {name}"), Scope::Window)
        .await?;
    app.fill("Notes", NOTE).await?;
    app.click_button("Finish check-in").await?;
    app.wait_for_rows("Check-ins", "holds the check-in", |rows| rows.len() == 1)
        .await?;
    Ok(())
}

/// What a view shows in its main area, after the view has drawn `ready`.
async fn view_text(app: &App, nav: &str, ready: &str) -> Result<String> {
    app.click_button(nav).await?;
    app.wait_for_text(ready, Scope::Window).await?;
    // The list under the heading may still be loading: wait until the text settles.
    let mut last = String::new();
    wait_until(&format!("{nav} settles"), WAIT, async || {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = app.visible_texts("main").await?.join("\n");
        let settled = now == last && !now.is_empty();
        last = now.clone();
        Ok(if settled {
            Check::Done(now)
        } else {
            Check::Waiting("the view is still drawing".to_owned())
        })
    })
    .await
}

/// Runs xdotool against the test's X server; returns what it printed.
fn xdotool(display: &str, args: &[&str]) -> Result<String> {
    let out = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .output()
        .context("xdotool could not be started (apt-get install xdotool)")?;
    if !out.status.success() {
        bail!(
            "xdotool {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Answers the native save dialog titled `title` with `path`, as a person would: the file
/// name field has the focus, so select what it holds, type the path and press Enter.
async fn save_as(display: &str, title: &str, path: &Path) -> Result<()> {
    wait_until(
        &format!("the save dialog {title:?} opens"),
        WAIT,
        async || {
            // GTK maps the dialog a moment after it exists: only a viewable window can take
            // the keyboard (X answers BadMatch before), so find and focus it together.
            Ok(
                match xdotool(display, &["search", "--onlyvisible", "--name", title]) {
                    Ok(found) => match found.lines().next() {
                        Some(id) => {
                            let id = id.trim().to_owned();
                            match xdotool(display, &["windowfocus", "--sync", &id]) {
                                Ok(_) => Check::Done(id),
                                Err(e) => Check::Waiting(e.to_string()),
                            }
                        }
                        None => Check::Waiting("no such window".to_owned()),
                    },
                    Err(e) => Check::Waiting(e.to_string()),
                },
            )
        },
    )
    .await?;
    // Without a window manager nobody gives the new window the keyboard: the test did.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let path = path.to_str().context("a path in UTF-8")?;
    xdotool(display, &["key", "--clearmodifiers", "ctrl+a"])?;
    xdotool(display, &["type", "--delay", "20", path])?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    xdotool(display, &["key", "Return"])?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn erase_a_person_and_export_another() -> Result<()> {
    run("erase_a_person_and_export_another", async |app| {
        for name in [ERASED, KEPT, OTHER] {
            add_person(app, name, &[("Check-in every (days)", "1")]).await?;
        }
        work_and_fika(app).await?;
        suggest_idea(app).await?;
        check_in(app, ERASED).await?;
        ensure!(
            view_text(app, "Today", "Next 7 days")
                .await?
                .contains(ERASED),
            "Today does not show {ERASED} before the erasure"
        );

        // A backup that holds her: the erasure must rewrite it.
        app.click_button("Settings").await?;
        app.click_button("Back up now").await?;
        app.wait_for_text("Backed up.", Scope::Window).await?;
        ensure!(
            !files_holding(app.data_dir(), NOTE.as_bytes())?.is_empty(),
            "the note is in no file before the erasure"
        );

        // Erase her from her page: the typed name must match.
        open_person(app, ERASED).await?;
        app.click_button(&format!("Erase all data about {ERASED}…"))
            .await?;
        app.wait_for_dialog().await?;
        for says in [
            "This cannot be undone. Export first if a copy is needed.",
            &format!(
                "Backups that contain {ERASED} are rewritten without them; one that cannot be rewritten is deleted."
            ),
        ] {
            ensure!(
                app.shows_text(says, Scope::Window).await?,
                "the erase dialog does not say {says:?}"
            );
        }
        let confirm = format!("Type {ERASED} to confirm");
        app.fill(&confirm, "Anna").await?;
        app.screenshot_as("erase-dialog").await?;
        app.click_button("Erase for good").await?;
        app.wait_for_text(
            &format!("Type the name exactly as it is written: {ERASED}"),
            Scope::Window,
        )
        .await
        .context("a wrong name was not refused next to the field")?;
        app.fill(&confirm, ERASED).await?;
        app.group(&format!("Ideas {ERASED} suggested")).await?;
        app.set_checked("Keep them, without a name", true).await?;
        app.screenshot_as("erase-dialog-filled").await?;
        app.click_button("Erase for good").await?;
        app.wait_for_text(&format!("{ERASED} was erased"), Scope::Window)
            .await?;
        for line in [
            "1 check-in",
            "owner of 1 assignment",
            "1 idea kept without a name",
            "1 backup rewritten without them",
        ] {
            ensure!(
                app.shows_text(line, Scope::Window).await?,
                "the report does not list {line:?}"
            );
        }
        app.screenshot_as("erased").await?;
        // Not a byte of her left in the data folder: database, log, index or backups.
        for needle in [ERASED.as_bytes(), NOTE.as_bytes()] {
            let left = files_holding(app.data_dir(), needle)?;
            ensure!(
                left.is_empty(),
                "{:?} is still in {left:?}",
                String::from_utf8_lossy(needle)
            );
        }
        app.click_button("Back to Team").await?;
        app.wait_for_no_dialog().await?;

        // Gone from Team, Today, Work (assignments and fika history) and Ideas.
        let team = app
            .wait_for_rows("Active", "shows the two left", |rows| rows.len() == 2)
            .await?;
        ensure!(
            team.iter().all(|r| !r.text.contains("Anna")),
            "Team still shows her: {}",
            describe(&team)
        );
        for (nav, ready) in [
            ("Today", "Next 7 days"),
            ("Work", "Assignments"),
            ("Ideas", IDEA),
        ] {
            let text = view_text(app, nav, ready).await?;
            ensure!(!text.contains("Anna"), "{nav} still shows her:\n{text}");
        }
        let work = view_text(app, "Work", WORK).await?;
        ensure!(
            work.contains(WORK) && work.contains(KEPT),
            "the shared assignment or the round is gone with her:\n{work}"
        );
        let ideas = view_text(app, "Ideas", IDEA).await?;
        ensure!(ideas.contains(IDEA), "her idea was not kept:\n{ideas}");

        // Export Bo through the save dialog.
        check_in(app, KEPT).await?;
        open_person(app, KEPT).await?;
        let out = app.data_dir().with_file_name("export").join("bo.html");
        std::fs::create_dir_all(out.parent().context("a folder")?)?;
        app.click_button("Export…").await?;
        let display = app.xvfb().display();
        save_as(&display, &format!("Export everything about {KEPT}"), &out).await?;
        let json_path = out.with_extension("json");
        app.wait_for_text(
            &format!("Saved {} and {}.", out.display(), json_path.display()),
            Scope::Window,
        )
        .await
        .context("the export was not announced with its two files")?;
        let html = std::fs::read_to_string(&out)?;
        ensure!(
            html.contains("Talked about the &lt;b&gt;move&lt;/b&gt; &amp; the new desk"),
            "the page does not show the note as text"
        );
        ensure!(
            !html.contains("Anna") && !html.contains(OTHER),
            "the page names others"
        );
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json_path)?)?;
        ensure!(
            json["person"]["name"] == KEPT,
            "the JSON is not Bo's: {json}"
        );
        ensure!(
            json["checkIns"][0]["note"] == NOTE,
            "the note is not verbatim: {json}"
        );
        ensure!(
            !json.to_string().contains("Anna"),
            "the JSON names someone else"
        );
        Ok(())
    })
    .await
}
