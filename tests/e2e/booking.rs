//! Booking a check-in (issue 12), after a team of 30 is imported from a CSV file: one of
//! them is set on parental leave (then not due, listed as away, never named by a reminder),
//! *Book…* on someone due first asks for the manager's own e-mail, then opens the
//! invitation with the calendar program — recorded, in a debug build under test, in the
//! dialog folder instead of starting one — and the row shows it booked. The invitation is
//! found in the data folder's `invitations/` with METHOD:REQUEST and the person as ATTENDEE.
//!
//! As in away.rs, today is taken out of the working days while the team is set up, so no
//! reminder comes during the test, and the holiday calendar is none.

use anyhow::{ensure, Context, Result};
use narvaro_e2e::clock;
use narvaro_e2e::dom::describe;
use narvaro_e2e::{run, Scope};

use crate::away::add_parental_leave;
use crate::import::{open_import, team_csv};
use crate::people::add_person;
use crate::settings::{no_public_holidays, working_days_but};

const ON_LEAVE: &str = "Åsa Öberg";
const DUE: &str = "Bo Ek";
const DUE_EMAIL: &str = "bo.ek@example.se";

#[tokio::test(flavor = "multi_thread")]
async fn import_thirty_set_one_on_leave_and_book_a_check_in() -> Result<()> {
    clock::check_zone()?;
    let now = clock::settled_day(10 * 60).await;
    let today = clock::day_after(&now, 0);
    let last_week = clock::day_after(&now, -7);
    let yesterday = clock::day_after(&now, -1);
    let in_ten_days = clock::day_after(&now, 10);
    run("booking", async |app| {
        working_days_but(app, &today).await?;
        no_public_holidays(app).await?;

        // Thirty people from a CSV file.
        app.click_button("Team").await?;
        app.list("Active").await?;
        std::fs::write(app.dialog_dir().join("import.csv"), team_csv(false))?;
        open_import(app).await?;
        app.click_button("Import 30 people").await?;
        app.wait_for_no_dialog().await?;
        app.wait_for_rows("Active", "shows 30 people", |rows| rows.len() == 30)
            .await?;

        // Åsa on parental leave from yesterday for ten days.
        add_parental_leave(app, ON_LEAVE, &yesterday, &in_ten_days).await?;

        // Bo, last talked a week ago, every day: overdue, with an e-mail to invite.
        add_person(
            app,
            DUE,
            &[
                ("E-mail", DUE_EMAIL),
                ("Check-in every (days)", "1"),
                ("When did you last talk?", last_week.iso.as_str()),
            ],
        )
        .await?;

        app.click_button("Today").await?;
        let due = app
            .wait_for_rows("Check-ins due", &format!("shows {DUE}"), |rows| {
                rows.iter().any(|r| r.shows(DUE))
            })
            .await?;
        ensure!(
            !due.iter().any(|r| r.shows(ON_LEAVE)),
            "{ON_LEAVE} is listed as due while on leave: {}",
            describe(&due)
        );
        app.wait_for_rows("Away", &format!("shows {ON_LEAVE}"), |rows| {
            rows.iter().any(|r| r.shows(ON_LEAVE))
        })
        .await?;

        // Without the manager's own e-mail, booking says where to fill it in.
        app.click_button_in_row("Check-ins due", DUE, "Book…")
            .await?;
        app.wait_for_dialog()
            .await
            .context("Book… opened no dialog")?;
        ensure!(
            !app.field_value("Time").await?.is_empty(),
            "no suggested time"
        );
        app.screenshot_as("book-dialog").await?;
        app.click_button("Open in calendar").await?;
        app.wait_for_text(
            "Fill in your own e-mail under Settings → About you first: the invitation is sent \
             from it.",
            Scope::Window,
        )
        .await?;
        app.screenshot_as("book-needs-email").await?;
        app.click_button("Cancel").await?;
        app.wait_for_no_dialog().await?;
        ensure!(
            !app.data_dir().join("invitations").exists(),
            "an invitation was written without the manager's e-mail"
        );

        // Settings → About you.
        app.click_button("Settings").await?;
        app.fill("Your e-mail", "chef@example.se").await?;
        let form = app.form_of("Your e-mail").await?;
        app.click_button_in("Save", Scope::In(&form)).await?;
        app.wait_for_text("Settings saved.", Scope::Window).await?;

        // Book it: the invitation opens in the calendar program and the row shows it booked.
        app.click_button("Today").await?;
        app.wait_for_rows("Check-ins due", &format!("shows {DUE}"), |rows| {
            rows.iter().any(|r| r.shows(DUE))
        })
        .await?;
        app.click_button_in_row("Check-ins due", DUE, "Book…")
            .await?;
        app.wait_for_dialog().await?;
        app.click_button("Open in calendar").await?;
        app.wait_for_no_dialog()
            .await
            .context("booking did not close the dialog")?;
        let rows = app
            .wait_for_rows("Check-ins due", "shows Bo booked", |rows| {
                rows.iter()
                    .any(|r| r.shows(DUE) && r.piece_starting_with("Booked ").is_some())
            })
            .await?;
        ensure!(
            rows.iter()
                .any(|r| r.shows(DUE) && r.shows("Cancel booking")),
            "no Cancel booking on the booked row: {}",
            describe(&rows)
        );
        app.wait_for_text(&format!("Check-in with {DUE}"), Scope::Window)
            .await
            .context("the booked check-in is not listed on its day")?;
        app.screenshot_as("today-booked").await?;

        // The written invitation: a request to Bo from the manager.
        let dir = app.data_dir().join("invitations");
        let files: Vec<_> = std::fs::read_dir(&dir)
            .with_context(|| format!("no {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ics"))
            .collect();
        ensure!(files.len() == 1, "invitations written: {files:?}");
        let ics = std::fs::read_to_string(&files[0])?.replace("\r\n ", "");
        ensure!(
            ics.contains("\r\nMETHOD:REQUEST\r\n"),
            "no METHOD:REQUEST:\n{ics}"
        );
        ensure!(
            ics.lines().any(|l| l.starts_with("ATTENDEE;")
                && l.ends_with(&format!(":mailto:{DUE_EMAIL}"))),
            "no ATTENDEE for {DUE}:\n{ics}"
        );
        ensure!(
            ics.contains("ORGANIZER:mailto:chef@example.se"),
            "no ORGANIZER:\n{ics}"
        );
        let opened = std::fs::read_to_string(app.dialog_dir().join("opened-files.txt"))
            .context("the invitation was never opened")?;
        ensure!(
            opened.lines().any(|l| l == files[0].display().to_string()),
            "opened: {opened}"
        );

        // Week shows it too, in this week or the next.
        let booked = format!("Check-in with {DUE}");
        app.click_button("Week").await?;
        if app.wait_for_text(&booked, Scope::Window).await.is_err() {
            app.set_checked("Next week", true).await?;
            app.wait_for_text(&booked, Scope::Window)
                .await
                .context("Week does not show the booked check-in")?;
        }
        app.screenshot_as("week-booked").await?;

        let named = app.notifications().notified();
        ensure!(
            !named
                .iter()
                .any(|n| n.summary.contains(ON_LEAVE) || n.body.contains(ON_LEAVE)),
            "a notification named {ON_LEAVE}, who is on leave: {named:?}"
        );
        Ok(())
    })
    .await
}
