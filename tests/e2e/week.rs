//! Week as a manager plans it: next week with four check-ins due on one day (at most three a
//! day) shows, on that day, the suggestion which one could wait — the same line Today shows —
//! and a closed day carries its name: an own day off "Day off", a public holiday its name.
//! Today, when today is closed, says so beside the date.
//!
//! The days are chosen from what Week shows before anything is set up, so the test runs in
//! any week of the year, a week with public holidays included.

use anyhow::{bail, ensure, Context, Result};
use narvaro_e2e::clock;
use narvaro_e2e::{run, wait_until, App, Check, Scope, WAIT};

use crate::people::add_person;

/// In name order: the last one is whom the suggestion moves.
const NAMES: [&str; 4] = ["Anna Lind", "Bo Ek", "Cilla Berg", "David Holm"];

/// One day of the week shown: its ISO date, its label, and its closed tag (data-closed and
/// text), if any.
#[derive(Debug, Clone)]
struct Shown {
    date: String,
    label: String,
    closed: Option<(String, String)>,
}

/// Goes to Week and shows `which` ("This week", "Next week"); returns its seven days once
/// they are drawn.
async fn week_days(app: &App, which: &str) -> Result<Vec<Shown>> {
    app.click_button("Week").await?;
    app.set_checked(which, true).await?;
    let dates = wait_until(&format!("Week shows {which}"), WAIT, async || {
        let dates = app.visible_attrs("section.week-day", "data-date").await?;
        Ok(if dates.len() == 7 {
            Check::Done(dates)
        } else {
            Check::Waiting(format!("days {dates:?}"))
        })
    })
    .await?;
    let mut days = Vec::with_capacity(7);
    for date in dates {
        let at = format!("section.week-day[data-date=\"{date}\"]");
        let label = app
            .visible_texts(&format!("{at} .week-day-title > span:first-child"))
            .await?
            .into_iter()
            .next()
            .with_context(|| format!("the day {date} has no title"))?;
        let kinds = app
            .visible_attrs(&format!("{at} .tag-closed"), "data-closed")
            .await?;
        let names = app.visible_texts(&format!("{at} .tag-closed")).await?;
        let closed = match (kinds.as_slice(), names.as_slice()) {
            ([], []) => None,
            ([kind], [name]) => Some((kind.clone(), name.clone())),
            other => bail!("the day {date} has closed tags {other:?}"),
        };
        days.push(Shown {
            date,
            label,
            closed,
        });
    }
    Ok(days)
}

/// A closed tag names the day: "Day off" for an own day off, a holiday's own name (never a
/// catalogue key) otherwise.
fn check_name(day: &Shown) -> Result<()> {
    match &day.closed {
        None => {}
        Some((kind, name)) if kind == "dayOff" => ensure!(
            name == "Day off",
            "the own day off {} is tagged {name:?}",
            day.date
        ),
        Some((kind, name)) => ensure!(
            kind == "holiday" && !name.is_empty() && !name.contains("holiday."),
            "the closed day {} is tagged {kind:?} {name:?}",
            day.date
        ),
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn week_names_closed_days_and_suggests_which_check_in_could_wait() -> Result<()> {
    clock::check_zone()?;
    let now = clock::settled_day(10 * 60).await;
    let today = clock::day_after(&now, 0);
    let yesterday = clock::day_after(&now, -1);
    run("week_closed_spread", async |app| {
        // Next week as it stands: which weekdays are open (no public holiday).
        let before = week_days(app, "Next week").await?;
        for day in &before {
            check_name(day)?;
        }
        let open = |i: usize| before.get(i).is_some_and(|d| d.closed.is_none());
        // Monday to Thursday: a busy day followed by a working day with room.
        let busy = (0..4)
            .find(|&i| open(i) && open(i + 1))
            .with_context(|| format!("no two open weekdays in a row next week: {before:?}"))?;
        let off = (0..5)
            .find(|&i| open(i) && i != busy && i != busy + 1)
            .with_context(|| format!("no third open weekday next week: {before:?}"))?;
        let busy_day = before[busy].clone();
        let later = before[busy + 1].clone();
        let off_day = before[off].clone();

        // An own day off today and on that day next week.
        app.click_button("Settings").await?;
        app.fill(
            "Your own days off",
            &format!("{} {}", today.iso, off_day.date),
        )
        .await?;
        let calendar = app.form_of("Your own days off").await?;
        app.click_button_in("Save calendar", Scope::In(&calendar))
            .await?;
        app.wait_for_text("Calendar saved.", Scope::Window)
            .await
            .context("the days off were not saved")?;

        // Four people last talked yesterday, due on the busy day.
        let cadence = (1..=14)
            .find(|&n| clock::day_after(&now, n).iso == busy_day.date)
            .with_context(|| format!("{} is not within two weeks", busy_day.date))?
            + 1;
        for name in NAMES {
            add_person(
                app,
                name,
                &[
                    ("Check-in every (days)", &cadence.to_string()),
                    ("When did you last talk?", &yesterday.iso),
                ],
            )
            .await?;
        }

        let days = week_days(app, "Next week").await?;
        for day in &days {
            check_name(day)?;
        }
        let off_shown = days
            .iter()
            .find(|d| d.date == off_day.date)
            .context("the day off is not shown")?;
        ensure!(
            off_shown.closed == Some(("dayOff".into(), "Day off".into())),
            "the day off {} is shown as {:?}",
            off_day.date,
            off_shown.closed
        );
        let at = format!("section.week-day[data-date=\"{}\"]", busy_day.date);
        let hint = format!(
            "At most 3 check-ins a day: {} on {}.",
            NAMES[3], later.label
        );
        wait_until("the busy day suggests which could wait", WAIT, async || {
            let hints = app.visible_texts(&format!("{at} .spread-hint")).await?;
            Ok(if hints == [hint.clone()] {
                Check::Done(())
            } else {
                Check::Waiting(format!("{at} shows {hints:?}, not {hint:?}"))
            })
        })
        .await?;
        let everywhere = app.visible_texts(".week-day .spread-hint").await?;
        ensure!(
            everywhere.len() == 1,
            "the suggestion is on more than its day: {everywhere:?}"
        );
        let busy_list = app
            .visible_attrs(&format!("{at} [role=list]"), "aria-label")
            .await?
            .into_iter()
            .next()
            .context("the busy day has no list")?;
        let rows = app.rows(&busy_list).await?;
        ensure!(
            NAMES.iter().all(|n| rows.iter().any(|r| r.shows(n))),
            "the busy day does not list all four: {rows:?}"
        );
        let hint_el = app.wait_for_text(&hint, Scope::Window).await?;
        app.scroll_into_view(&hint_el).await?;
        app.screenshot_as("week").await?;
        // A week with a public holiday (midsummer, Christmas …) shows it by name: kept as a
        // picture too when this week has one.
        if let Some((_, name)) = days
            .iter()
            .filter_map(|d| d.closed.as_ref())
            .find(|(kind, _)| kind == "holiday")
        {
            let tag = app.wait_for_text(name, Scope::Window).await?;
            app.scroll_into_view(&tag).await?;
            app.screenshot_as("week-holiday").await?;
        }

        // Today is an own day off (or a public holiday): Today says which, beside the date.
        app.click_button("Today").await?;
        let tag = wait_until("Today names its closed day", WAIT, async || {
            let tags = app.visible_texts("[data-today-closed] .tag-closed").await?;
            Ok(match tags.as_slice() {
                [one] => Check::Done(one.clone()),
                other => Check::Waiting(format!("tags {other:?}")),
            })
        })
        .await?;
        let kind = app
            .visible_attrs("[data-today-closed] .tag-closed", "data-closed")
            .await?;
        check_name(&Shown {
            date: today.iso.clone(),
            label: String::new(),
            closed: kind.first().map(|k| (k.clone(), tag.clone())),
        })?;
        app.screenshot_as("today").await?;
        Ok(())
    })
    .await
}
