//! Rhythms as a manager sets them up: office hours and a Friday fika through the editor,
//! where their occurrences land on Today and Week next to a check-in that falls due, marking
//! one held and skipping one with a reason, what survives a restart, and the editor refusing
//! a weekly rhythm with no weekday.
//!
//! Dates are computed from this machine's clock in its own zone, which is the zone the app
//! runs in, so the tests hold on any day of the week.

use anyhow::{bail, ensure, Context, Result};
use narvaro_e2e::clock::{self, Day};
use narvaro_e2e::dom::describe;
use narvaro_e2e::{run, wait_until, App, Check, Row, Scope, WAIT};

/// The weekdays as the editor's checkboxes and the views name them, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const FRIDAY: usize = 4;

const OFFICE_HOURS: &str = "Öppen tid";
const FIKA: &str = "Fredagsfika";
const REASON: &str = "Julledigt";
/// Midnight: whenever the test runs, today's occurrence at this time has begun, so "Held"
/// is offered (the app offers it only for what has started).
const OFFICE_HOURS_START: &str = "00:00";

/// What the test expects where: today, and the days it counts from today.
struct Plan {
    today: Day,
    /// Days from today to the fika's first occurrence: 0 on a Friday (its 15:00 is listed
    /// under today whether or not it has passed), else the coming Friday.
    fika_in: i32,
    now: libc::tm,
}

impl Plan {
    /// Today, once it is certain to stay today for the whole test: close to midnight the test
    /// waits for the new day rather than see its dates shift halfway.
    async fn settled() -> Result<Plan> {
        clock::check_zone()?;
        let now = clock::settled_day(5 * 60).await;
        let today = clock::day_after(&now, 0);
        let fika_in = i32::try_from((FRIDAY + 7 - today.weekday) % 7).unwrap_or(0);
        Ok(Plan {
            today,
            fika_in,
            now,
        })
    }

    fn day(&self, offset: i32) -> Day {
        clock::day_after(&self.now, offset)
    }
}

/// The rows of `rows` that show `title` as one of their pieces.
fn titled<'a>(rows: &'a [Row], title: &str) -> Vec<&'a Row> {
    rows.iter().filter(|r| r.shows(title)).collect()
}

/// The one row showing `title`, or an error that says what the list showed.
fn one<'a>(rows: &'a [Row], title: &str, place: &str) -> Result<&'a Row> {
    match titled(rows, title).as_slice() {
        [row] => Ok(row),
        found => bail!(
            "{place} shows {title:?} {} times: {}",
            found.len(),
            describe(rows)
        ),
    }
}

/// The label of the list of `day` in Week or in Today's "Next 7 days": its heading as a
/// person reads it ("Friday, December 4"). The day's block is found by its data-date, then
/// the label is checked to name that weekday and day of the month.
async fn day_list(app: &App, day: &Day) -> Result<String> {
    let selector = format!("[data-date=\"{}\"] [role=list]", day.iso);
    let label = wait_until(&format!("the day {} is shown", day.iso), WAIT, async || {
        let labels = app.visible_attrs(&selector, "aria-label").await?;
        match labels.as_slice() {
            [label] => Ok(Check::Done(label.clone())),
            [] => Ok(Check::Waiting("no list for that day".to_owned())),
            many => bail!("{} lists for the day {}: {many:?}", many.len(), day.iso),
        }
    })
    .await?;
    let weekday = WEEKDAYS[day.weekday];
    let day_number = day.day.to_string();
    ensure!(
        label.contains(weekday)
            && label
                .split(|c: char| !c.is_ascii_digit())
                .any(|n| n == day_number),
        "the list for {} is labelled {label:?}, not with {weekday} and {day_number}",
        day.iso
    );
    Ok(label)
}

/// Opens Week on the Monday-to-Sunday week that holds the day `offset` days from today:
/// this week, or the next.
async fn open_week_of(app: &App, plan: &Plan, offset: i32) -> Result<()> {
    app.click_button("Week").await?;
    let since_monday = i32::try_from(plan.today.weekday).unwrap_or(0);
    let which = if since_monday + offset <= 6 {
        "This week"
    } else {
        "Next week"
    };
    app.set_checked(which, true).await
}

/// Scrolls the list of `day` into view, for a screenshot that shows it: the window shows
/// about four days, and a fika later in the week is below the fold. (On a Friday the fika is
/// today's and nothing moves.)
async fn show_day(app: &App, day: &Day) -> Result<()> {
    let label = day_list(app, day).await?;
    app.scroll_into_view(&app.list(&label).await?).await
}

/// Goes to Team through the sidebar and adds `name` checked in with every `cadence` days,
/// last talked to on `last_talked`.
async fn add_person(app: &App, name: &str, cadence: &str, last_talked: &str) -> Result<()> {
    app.click_button("Team").await?;
    app.list("Active").await?;
    app.click_button("Add person").await?;
    app.wait_for_dialog().await?;
    app.fill("Name", name).await?;
    app.fill("Check-in every (days)", cadence).await?;
    app.fill("When did you last talk?", last_talked).await?;
    app.click_button("Save").await?;
    app.wait_for_no_dialog()
        .await
        .with_context(|| format!("saving {name:?} did not close the dialog"))?;
    let rows = app
        .wait_for_rows("Active", &format!("shows {name}"), |rows| {
            !titled(rows, name).is_empty()
        })
        .await?;
    let row = one(&rows, name, "Active")?;
    let every = format!("every {cadence} days");
    ensure!(
        row.shows(&every),
        "{name}'s row does not say {every:?}: {:?}",
        row.text
    );
    Ok(())
}

/// Goes to Rhythms through the sidebar and waits until its lists are there.
pub(crate) async fn open_rhythms(app: &App) -> Result<()> {
    app.click_button("Rhythms").await?;
    app.list("Office hours").await?;
    app.button("New rhythm", Scope::Window).await?;
    Ok(())
}

/// A weekly rhythm as the editor takes it.
pub(crate) struct Weekly<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub start_date: &'a str,
    pub start_time: &'a str,
    pub minutes: &'a str,
    pub weekday: usize,
    /// The person of a check-in series (kind "one_on_one"), by name.
    pub person: Option<&'a str>,
    /// The reminder checkboxes to leave ticked ("At start", "10 min before" …), all others
    /// unticked; `None` keeps what the editor ticks for the kind.
    pub reminders: Option<&'a [&'a str]>,
}

/// Opens "New rhythm", fills it in as a person would and saves; waits until the dialog has
/// closed.
pub(crate) async fn new_weekly_rhythm(app: &App, rhythm: &Weekly<'_>) -> Result<()> {
    app.click_button("New rhythm").await?;
    app.wait_for_dialog().await?;
    app.select("Type", rhythm.kind).await?;
    if let Some(person) = rhythm.person {
        app.choose("Person", person).await?;
    }
    app.fill("Title", rhythm.title).await?;
    app.fill("Start date", rhythm.start_date).await?;
    app.fill("Start time", rhythm.start_time).await?;
    app.fill("Length (minutes)", rhythm.minutes).await?;
    app.select("Repeats", "weekly").await?;
    for (i, day) in WEEKDAYS.iter().enumerate() {
        app.set_checked(day, i == rhythm.weekday).await?;
    }
    // Filling the start date re-ticks its weekday when focus leaves it: check the end result.
    for (i, day) in WEEKDAYS.iter().enumerate() {
        ensure!(
            app.is_checked(day).await? == (i == rhythm.weekday),
            "{day} is {} in the editor for {:?}",
            if i == rhythm.weekday {
                "unchecked"
            } else {
                "checked"
            },
            rhythm.title
        );
    }
    if let Some(wanted) = rhythm.reminders {
        set_reminders(app, wanted, rhythm.title).await?;
    }
    app.click_button("Save").await?;
    app.wait_for_no_dialog()
        .await
        .with_context(|| format!("saving {:?} did not close the editor", rhythm.title))
}

/// Ticks exactly the reminder checkboxes `wanted` in the editor's "Reminders" fieldset.
async fn set_reminders(app: &App, wanted: &[&str], title: &str) -> Result<()> {
    let set = app.group("Reminders").await?;
    let labels = app.labels_in(&set).await?;
    for want in wanted {
        ensure!(
            labels.iter().any(|l| l == want),
            "the editor offers no reminder {want:?}; it offers {labels:?}"
        );
    }
    for label in &labels {
        app.set_checked(label, wanted.contains(&label.as_str()))
            .await?;
    }
    for label in &labels {
        let ticked = app.is_checked(label).await?;
        ensure!(
            ticked == wanted.contains(&label.as_str()),
            "the reminder {label:?} is {} in the editor for {title:?}",
            if ticked { "ticked" } else { "unticked" }
        );
    }
    Ok(())
}

/// Checks the row of `title` in the Rhythms list `list` says when it happens, how long and
/// for whom.
async fn rhythm_listed(
    app: &App,
    list: &str,
    title: &str,
    weekday: usize,
    minutes: &str,
) -> Result<()> {
    let rows = app
        .wait_for_rows(list, &format!("shows {title}"), |rows| {
            !titled(rows, title).is_empty()
        })
        .await?;
    let row = one(&rows, title, list)?;
    let every = format!("Every {} at ", WEEKDAYS[weekday]);
    ensure!(
        row.piece_starting_with(&every).is_some(),
        "{title}'s row does not say {every:?}…: {:?}",
        row.text
    );
    let length = format!("{minutes} min");
    ensure!(
        row.shows(&length) && row.shows("Everyone"),
        "{title}'s row does not say {length:?} and \"Everyone\": {:?}",
        row.text
    );
    ensure!(
        row.data("rhythm-id").is_some(),
        "{title}'s row has no data-rhythm-id: {row:?}"
    );
    Ok(())
}

/// What one occurrence should look like wherever it is listed.
#[derive(Clone, Copy)]
enum Mark<'a> {
    Planned,
    Held,
    Skipped { reason: &'a str },
}

/// Checks that `row` (the occurrence `title`) shows `mark`: its data-status, the tag a person
/// reads, the reason of a skip, and the action that fits.
fn shows_mark(row: &Row, title: &str, mark: Mark<'_>, place: &str) -> Result<()> {
    let status = row.data("status").unwrap_or("(none)");
    let (wanted, tag) = match mark {
        Mark::Planned => ("planned", None),
        Mark::Held => ("held", Some("held")),
        Mark::Skipped { .. } => ("skipped", Some("skipped")),
    };
    ensure!(
        status == wanted,
        "{title} in {place} has data-status {status:?}, not {wanted:?}: {:?}",
        row.text
    );
    ensure!(
        row.data("moved").is_none(),
        "{title} in {place} is marked moved: {row:?}"
    );
    if let Some(tag) = tag {
        ensure!(
            row.shows(tag) && row.shows("Undo"),
            "{title} in {place} shows no {tag:?} tag and Undo: {:?}",
            row.text
        );
    }
    if let Mark::Skipped { reason } = mark {
        let text = format!("Reason: {reason}");
        ensure!(
            row.shows(&text),
            "{title} in {place} does not show {text:?}: {:?}",
            row.text
        );
    }
    Ok(())
}

/// The occurrences the test made and marked, by their data-occurrence-id once known.
#[derive(Default)]
struct Seen {
    office_hours: Option<String>,
    fika: Option<String>,
}

/// Goes to Today and checks everything on it: the office hours under Today (and the fika
/// too on a Friday), no one due, Anna due on the seventh day of "Next 7 days", and the
/// marks made so far.
async fn check_today(
    app: &App,
    plan: &Plan,
    seen: &Seen,
    office: Mark<'_>,
    fika: Mark<'_>,
) -> Result<()> {
    app.click_button("Today").await?;
    let today = app
        .wait_for_rows("Today", &format!("shows {OFFICE_HOURS}"), |rows| {
            !titled(rows, OFFICE_HOURS).is_empty()
        })
        .await?;
    let row = one(&today, OFFICE_HOURS, "Today")?;
    shows_mark(row, OFFICE_HOURS, office, "Today")?;
    ensure!(
        row.shows("Office hours") && row.shows("Everyone"),
        "{OFFICE_HOURS} under Today shows no \"Office hours\" and \"Everyone\": {:?}",
        row.text
    );
    if let Some(id) = &seen.office_hours {
        ensure!(
            row.data("occurrence-id") == Some(id.as_str()),
            "{OFFICE_HOURS} under Today is {:?}, not the occurrence {id:?} marked before",
            row.data("occurrence-id")
        );
    }
    ensure!(
        !today.iter().any(|r| r.shows("Anna Lind")),
        "Anna is listed under Today: {}",
        describe(&today)
    );

    let due = app.rows("Check-ins due").await?;
    ensure!(
        due.is_empty(),
        "someone is due today, before Anna's first check-in: {}",
        describe(&due)
    );
    // Anna was last talked to today: she is heard, and due again a week from today.
    app.wait_for_text(
        "No check-ins due today. You are up to date with everyone.",
        Scope::Window,
    )
    .await?;

    let mut fika_rows = Vec::new();
    if plan.fika_in == 0 {
        fika_rows.push(("Today".to_owned(), today.clone()));
    }
    for offset in 1..=7 {
        let day = plan.day(offset);
        let label = day_list(app, &day).await?;
        let rows = app.rows(&label).await?;
        let anna = titled(&rows, "Anna Lind");
        if offset == 7 {
            let [anna] = anna.as_slice() else {
                bail!(
                    "Anna is not due on day 7 ({label}) of \"Next 7 days\": {}",
                    describe(&rows)
                );
            };
            ensure!(
                anna.data("person-id").is_some()
                    && anna.shows("check-in due")
                    && anna.shows("every 7 days"),
                "Anna's row on {label} does not read as a check-in due every 7 days: {anna:?}"
            );
            // Office hours on today's weekday come again a week from today.
            let next = one(&rows, OFFICE_HOURS, &label)?;
            shows_mark(next, OFFICE_HOURS, Mark::Planned, &label)?;
        } else {
            ensure!(
                anna.is_empty() && titled(&rows, OFFICE_HOURS).is_empty(),
                "day {offset} ({label}) of \"Next 7 days\" lists Anna or {OFFICE_HOURS}: {}",
                describe(&rows)
            );
        }
        if offset == plan.fika_in || offset == plan.fika_in + 7 {
            fika_rows.push((label, rows));
        } else {
            ensure!(
                titled(&rows, FIKA).is_empty(),
                "{FIKA} is on {label}, not a Friday: {}",
                describe(&rows)
            );
        }
    }
    // The first fika carries the mark; a Friday's second, a week later, is still planned.
    for (i, (label, rows)) in fika_rows.iter().enumerate() {
        let row = one(rows, FIKA, label)?;
        let mark = if i == 0 { fika } else { Mark::Planned };
        shows_mark(row, FIKA, mark, label)?;
        if let (0, Some(id)) = (i, &seen.fika) {
            ensure!(
                row.data("occurrence-id") == Some(id.as_str()),
                "{FIKA} on {label} is {:?}, not the occurrence {id:?} skipped before",
                row.data("occurrence-id")
            );
        }
    }
    Ok(())
}

/// Goes to Week and checks that the office hours are on today only, the fika on its Friday
/// only, each with the marks made so far, and that Anna (due on day 7) is not in it.
async fn check_week(
    app: &App,
    plan: &Plan,
    seen: &Seen,
    office: Mark<'_>,
    fika: Mark<'_>,
) -> Result<()> {
    for offset in 0..7 {
        open_week_of(app, plan, offset).await?;
        let day = plan.day(offset);
        let label = day_list(app, &day).await?;
        let rows = app.rows(&label).await?;
        ensure!(
            titled(&rows, "Anna Lind").is_empty(),
            "Anna is listed on {label}, but she is due a week from today: {}",
            describe(&rows)
        );
        let expected: [(&str, bool, Mark<'_>, &Option<String>); 2] = [
            (OFFICE_HOURS, offset == 0, office, &seen.office_hours),
            (FIKA, offset == plan.fika_in, fika, &seen.fika),
        ];
        for (title, here, mark, id) in expected {
            if !here {
                ensure!(
                    titled(&rows, title).is_empty(),
                    "{title} is on {label}, a day it does not happen: {}",
                    describe(&rows)
                );
                continue;
            }
            let row = one(&rows, title, &label)?;
            shows_mark(row, title, mark, &label)?;
            if let Some(id) = id {
                ensure!(
                    row.data("occurrence-id") == Some(id.as_str()),
                    "{title} on {label} is {:?}, not the occurrence {id:?} marked before",
                    row.data("occurrence-id")
                );
            }
        }
    }
    Ok(())
}

/// The occurrence id of `title` in the list `list`.
async fn occurrence_id(app: &App, list: &str, title: &str) -> Result<String> {
    let rows = app.rows(list).await?;
    let row = one(&rows, title, list)?;
    row.data("occurrence-id")
        .map(str::to_owned)
        .with_context(|| format!("{title} in {list} has no data-occurrence-id: {row:?}"))
}

/// Waits until the occurrence `id` in `list` has data-status `status`.
async fn wait_for_status(app: &App, list: &str, id: &str, status: &str) -> Result<()> {
    app.wait_for_rows(list, &format!("shows {id} as {status}"), |rows| {
        rows.iter()
            .any(|r| r.data("occurrence-id") == Some(id) && r.data("status") == Some(status))
    })
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn office_hours_and_fika_held_skipped_restart() -> Result<()> {
    let plan = Plan::settled().await?;
    // The issue asks for rhythms-today.png and rhythms-week.png: "rhythms" names the artifacts.
    run("rhythms", async |app| {
        // Every day a working day and no holidays, so that "a week from today" is a due day
        // whatever today is; Anna was last talked to today.
        crate::settings::every_day_working(app).await?;
        add_person(app, "Anna Lind", "7", &plan.today.iso).await?;

        open_rhythms(app).await?;
        new_weekly_rhythm(
            app,
            &Weekly {
                kind: "office_hours",
                title: OFFICE_HOURS,
                start_date: &plan.today.iso,
                start_time: OFFICE_HOURS_START,
                minutes: "60",
                weekday: plan.today.weekday,
                person: None,
                reminders: None,
            },
        )
        .await?;
        rhythm_listed(app, "Office hours", OFFICE_HOURS, plan.today.weekday, "60").await?;
        new_weekly_rhythm(
            app,
            &Weekly {
                kind: "social_break",
                title: FIKA,
                start_date: &plan.today.iso,
                start_time: "15:00",
                minutes: "20",
                weekday: FRIDAY,
                person: None,
                reminders: None,
            },
        )
        .await?;
        rhythm_listed(app, "Fika and lunches", FIKA, FRIDAY, "20").await?;

        let mut seen = Seen::default();
        check_today(app, &plan, &seen, Mark::Planned, Mark::Planned).await?;
        check_week(app, &plan, &seen, Mark::Planned, Mark::Planned).await?;

        // Today: the office hours that began at midnight were held.
        app.click_button("Today").await?;
        let office_id = occurrence_id(app, "Today", OFFICE_HOURS).await?;
        app.click_button_in_row("Today", OFFICE_HOURS, "Held")
            .await?;
        wait_for_status(app, "Today", &office_id, "held").await?;
        seen.office_hours = Some(office_id);

        // Week: this Friday's fika is off for the holidays.
        open_week_of(app, &plan, plan.fika_in).await?;
        let fika_list = day_list(app, &plan.day(plan.fika_in)).await?;
        let fika_id = occurrence_id(app, &fika_list, FIKA).await?;
        app.click_button_in_row(&fika_list, FIKA, "Skip").await?;
        app.wait_for_dialog().await?;
        app.wait_for_text(&format!("Skip {FIKA}?"), Scope::Window)
            .await?;
        app.fill("Reason", REASON).await?;
        app.click_button("Skip").await?;
        app.wait_for_no_dialog()
            .await
            .context("skipping the fika did not close the dialog")?;
        wait_for_status(app, &fika_list, &fika_id, "skipped").await?;
        seen.fika = Some(fika_id);

        let skipped = Mark::Skipped { reason: REASON };
        check_week(app, &plan, &seen, Mark::Held, skipped).await?;
        open_week_of(app, &plan, plan.fika_in).await?;
        show_day(app, &plan.day(plan.fika_in)).await?;
        app.screenshot_as("week").await?;
        check_today(app, &plan, &seen, Mark::Held, skipped).await?;
        app.screenshot_as("today").await?;
        // Anna's first check-in, a week from today, is at the foot of "Next 7 days".
        show_day(app, &plan.day(7)).await?;
        app.screenshot_as("today-day-7").await?;

        app.restart().await?;

        // The app opens on Today; going there through the sidebar does no harm.
        check_today(app, &plan, &seen, Mark::Held, skipped)
            .await
            .context("after the restart")?;
        app.screenshot_as("today-after-restart").await?;
        check_week(app, &plan, &seen, Mark::Held, skipped)
            .await
            .context("after the restart")?;
        open_week_of(app, &plan, plan.fika_in).await?;
        show_day(app, &plan.day(plan.fika_in)).await?;
        app.screenshot_as("week-after-restart").await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn rhythm_without_weekday_is_refused() -> Result<()> {
    run("rhythm_without_weekday_is_refused", async |app| {
        open_rhythms(app).await?;
        app.click_button("New rhythm").await?;
        app.wait_for_dialog().await?;
        app.select("Type", "office_hours").await?;
        app.fill("Title", OFFICE_HOURS).await?;
        // The editor ticks the start date's weekday; a person unticks it and ticks nothing.
        for day in WEEKDAYS {
            app.set_checked(day, false).await?;
        }
        app.click_button("Save").await?;

        const ERROR: &str = "Choose at least one weekday.";
        let weekdays = app.group("Weekdays").await?;
        app.wait_for_text(ERROR, Scope::In(&weekdays))
            .await
            .context("the error is not shown in the Weekdays fieldset")?;
        let described = app.group_description("Weekdays").await?;
        ensure!(
            described.iter().any(|t| t == ERROR),
            "the Weekdays fieldset is not described by its error: {described:?}"
        );
        ensure!(
            app.open_dialog().await?.is_some(),
            "the editor closed on a weekly rhythm with no weekday"
        );
        let title = app.field_value("Title").await?;
        ensure!(
            title == OFFICE_HOURS,
            "the typed title was not kept: {title:?}"
        );
        for day in WEEKDAYS {
            ensure!(
                !app.is_checked(day).await?,
                "{day} got ticked again after the refusal"
            );
        }
        // The error is halfway down the editor: show its top, with the kept title, too.
        let heading = app.wait_for_text("New rhythm", Scope::Window).await?;
        app.scroll_into_view(&heading).await?;
        app.screenshot().await?;

        app.click_button("Cancel").await?;
        app.wait_for_no_dialog().await?;
        for list in [
            "Group meetings",
            "Office hours",
            "Fika and lunches",
            "Fixed check-in series",
        ] {
            let rows = app.rows(list).await?;
            ensure!(
                rows.is_empty(),
                "the refused rhythm left rows in {list}: {}",
                describe(&rows)
            );
        }
        Ok(())
    })
    .await
}

/// A check-in series begun a week ago: on the person's page its meeting of a week ago, which
/// nobody marked, reads "not marked" (it used to read "planned", of a meeting in the past).
#[tokio::test(flavor = "multi_thread")]
async fn a_past_meeting_nobody_marked_reads_not_marked() -> Result<()> {
    const PERSON: &str = "Karin Nyström";
    const SERIES: &str = "1:1 Karin";
    let plan = Plan::settled().await?;
    let week_ago = plan.day(-7);
    run("past_meeting_not_marked", async |app| {
        add_person(app, PERSON, "14", &week_ago.iso).await?;
        open_rhythms(app).await?;
        new_weekly_rhythm(
            app,
            &Weekly {
                kind: "one_on_one",
                title: SERIES,
                start_date: &week_ago.iso,
                start_time: "00:00",
                minutes: "30",
                weekday: week_ago.weekday,
                person: Some(PERSON),
                reminders: Some(&[]),
            },
        )
        .await?;
        app.click_button("Team").await?;
        app.click_button_in_row("Active", PERSON, PERSON).await?;
        const LIST: &str = "Meetings, last 90 days";
        let rows = app
            .wait_for_rows(LIST, &format!("shows {SERIES}"), |rows| {
                !titled(rows, SERIES).is_empty()
            })
            .await?;
        let past: Vec<&Row> = titled(&rows, SERIES);
        ensure!(
            past.iter()
                .all(|r| r.shows("not marked") && !r.shows("planned")),
            "a meeting of the past is not \"not marked\" on {PERSON}'s page: {}",
            describe(&rows)
        );
        app.screenshot().await?;
        Ok(())
    })
    .await
}

/// A 1:1 on the day someone's check-in is due is that check-in: Today's due row names it
/// ("Fixed check-in at …") and offers nothing to book, while someone due without one can be booked.
#[tokio::test(flavor = "multi_thread")]
async fn a_one_on_one_on_the_due_day_is_named_on_the_due_row() -> Result<()> {
    const WITH: &str = "Karin Nyström";
    const WITHOUT: &str = "Lars Holm";
    const SERIES: &str = "1:1 Karin";
    let plan = Plan::settled().await?;
    let two_weeks_ago = plan.day(-14);
    run("one_on_one_on_due_day", async |app| {
        // Whatever day the test runs on, the check-ins fall due today.
        crate::settings::every_day_working(app).await?;
        add_person(app, WITH, "14", &two_weeks_ago.iso).await?;
        add_person(app, WITHOUT, "14", &two_weeks_ago.iso).await?;
        open_rhythms(app).await?;
        new_weekly_rhythm(
            app,
            &Weekly {
                kind: "one_on_one",
                title: SERIES,
                start_date: &plan.today.iso,
                start_time: "23:30",
                minutes: "15",
                weekday: plan.today.weekday,
                person: Some(WITH),
                reminders: Some(&[]),
            },
        )
        .await?;
        app.click_button("Today").await?;
        let rows = app
            .wait_for_rows("Check-ins due", "shows both people", |rows| {
                !titled(rows, WITH).is_empty() && !titled(rows, WITHOUT).is_empty()
            })
            .await?;
        let with = one(&rows, WITH, "Check-ins due")?;
        ensure!(
            with.piece_starting_with("Fixed check-in at ").is_some() && !with.shows("Book…"),
            "{WITH}'s due row does not name her fixed check-in in place of booking: {:?}",
            with.texts
        );
        let without = one(&rows, WITHOUT, "Check-ins due")?;
        ensure!(
            without.piece_starting_with("Fixed check-in").is_none() && without.shows("Book…"),
            "{WITHOUT}'s due row should offer booking and name no fixed check-in: {:?}",
            without.texts
        );
        app.screenshot().await?;
        Ok(())
    })
    .await
}
