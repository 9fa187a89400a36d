//! Team work as a manager uses it (issue 6): assignments and the "alone" flag that a
//! suggested sounding board takes away, a fika pairing round for a team of seven confirmed
//! and copied as text, and an idea answered and moved on, kept over a restart.

use std::collections::BTreeSet;

use anyhow::{bail, ensure, Context, Result};
use narvaro_e2e::dom::describe;
use narvaro_e2e::{run, wait_until, App, Check, Row, Scope, WAIT};

/// The team of seven: an odd count, so a round has two pairs and one trio.
const TEAM: [&str; 7] = ["Anna", "Bo", "Cecilia", "David", "Eva", "Filip", "Greta"];

/// The people the test added, by name, with the data-person-id of their Team rows.
struct People(Vec<(String, String)>);

impl People {
    fn id(&self, name: &str) -> Result<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.as_str())
            .with_context(|| format!("{name} was not added"))
    }

    fn name(&self, id: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(_, i)| i == id)
            .map(|(n, _)| n.as_str())
    }

    fn ids(&self) -> BTreeSet<String> {
        self.0.iter().map(|(_, id)| id.clone()).collect()
    }
}

/// The one row showing `title`, or an error that says what the list showed.
fn one<'a>(rows: &'a [Row], title: &str, place: &str) -> Result<&'a Row> {
    match rows
        .iter()
        .filter(|r| r.shows(title))
        .collect::<Vec<_>>()
        .as_slice()
    {
        [row] => Ok(row),
        found => bail!(
            "{place} shows {title:?} {} times: {}",
            found.len(),
            describe(rows)
        ),
    }
}

/// Goes to Team through the sidebar, adds each of `names` with the dialog (a name is enough),
/// and reads the ids their rows carry.
async fn add_people(app: &App, names: &[&str]) -> Result<People> {
    for name in names {
        crate::people::add_person(app, name, &[]).await?;
    }
    let rows = app.rows("Active").await?;
    let mut people = Vec::new();
    for name in names {
        let row = one(&rows, name, "Active")?;
        let id = row
            .id
            .clone()
            .with_context(|| format!("{name}'s row has no data-person-id: {row:?}"))?;
        people.push(((*name).to_owned(), id));
    }
    Ok(People(people))
}

// ---------- Work: assignments ----------

/// Goes to Work through the sidebar and waits until its assignments list is there.
async fn open_work(app: &App) -> Result<()> {
    app.click_button("Work").await?;
    app.list("Assignments").await?;
    app.button("New assignment", Scope::Window).await?;
    Ok(())
}

/// The words of a row's data-flags ("alone", "stale").
fn flags(row: &Row) -> Vec<&str> {
    row.data("flags").unwrap_or("").split_whitespace().collect()
}

/// Opens "New assignment", gives it `title` and ticks `owners` under Owners, saves, and
/// returns its row in Assignments.
async fn new_assignment(app: &App, title: &str, owners: &[&str]) -> Result<Row> {
    app.click_button("New assignment").await?;
    app.wait_for_dialog().await?;
    app.fill("Title", title).await?;
    // The owners are a checkbox per person in the "Owners" fieldset.
    app.group("Owners").await?;
    for owner in owners {
        app.set_checked(owner, true).await?;
    }
    let board = app.field_value("Sounding board").await?;
    ensure!(
        board.is_empty(),
        "a new assignment's sounding board is {board:?}, not None"
    );
    app.click_button("Save").await?;
    app.wait_for_no_dialog()
        .await
        .with_context(|| format!("saving the assignment {title:?} did not close the dialog"))?;
    let rows = app
        .wait_for_rows("Assignments", &format!("shows {title}"), |rows| {
            rows.iter().any(|r| r.shows(title))
        })
        .await?;
    let row = one(&rows, title, "Assignments")?.clone();
    ensure!(
        row.data("assignment-id").is_some() && row.data("flags").is_some(),
        "{title}'s row has no data-assignment-id or data-flags: {row:?}"
    );
    let named = if owners.len() == 1 {
        format!("Owner: {}", owners[0])
    } else {
        format!("Owners: {}", owners.join(" and "))
    };
    ensure!(
        row.shows(&named),
        "{title}'s row does not say {named:?}: {:?}",
        row.text
    );
    Ok(row)
}

#[tokio::test(flavor = "multi_thread")]
async fn assignments_alone_flag_and_sounding_board() -> Result<()> {
    const BUDGET: &str = "Budget 2027";
    const INTRANET: &str = "Intranät";
    run("assignments_alone_flag_and_sounding_board", async |app| {
        let people = add_people(app, &TEAM).await?;
        let anna = people.id("Anna")?.to_owned();
        open_work(app).await?;

        let budget = new_assignment(app, BUDGET, &["Anna"]).await?;
        ensure!(
            flags(&budget).contains(&"alone"),
            "{BUDGET}, owned by Anna alone with no sounding board, is not flagged alone: {budget:?}"
        );
        ensure!(
            budget.shows("Alone with the assignment"),
            "{BUDGET}'s row does not say \"Alone with the assignment\": {:?}",
            budget.text
        );
        let budget_id = budget.data("assignment-id").unwrap_or_default().to_owned();

        let intranet = new_assignment(app, INTRANET, &["Bo", "Cecilia"]).await?;
        ensure!(
            !flags(&intranet).contains(&"alone") && !intranet.shows("Alone with the assignment"),
            "{INTRANET}, owned by Bo and Cecilia, is flagged alone: {intranet:?}"
        );
        // Created today, it has not had time to go stale either.
        ensure!(
            flags(&intranet).is_empty(),
            "{INTRANET} carries flags on the day it was added: {intranet:?}"
        );
        ensure!(
            app.shows_text("1 alone", Scope::Window).await?,
            "\"Who does what\" does not count 1 assignment alone"
        );

        app.click_button_in_row("Assignments", BUDGET, "Suggest a sounding board")
            .await?;
        let label = format!("Suggested sounding boards: {BUDGET}");
        let suggested = app
            .wait_for_rows(&label, "shows someone", |rows| !rows.is_empty())
            .await?;
        ensure!(
            suggested.len() <= 3,
            "more than three suggestions: {}",
            describe(&suggested)
        );
        for s in &suggested {
            let id = s
                .data("suggestion")
                .with_context(|| format!("a suggestion has no data-suggestion: {s:?}"))?;
            ensure!(
                id != anna && !s.shows("Anna"),
                "Anna, the owner, is suggested as her own sounding board: {}",
                describe(&suggested)
            );
            ensure!(
                people.name(id).is_some_and(|name| s.shows(name)),
                "the suggestion {id:?} does not show the name of that person: {:?}",
                s.text
            );
        }
        let first = people
            .name(suggested[0].data("suggestion").unwrap_or_default())
            .context("the first suggestion is no one the test added")?
            .to_owned();
        app.screenshot_as("suggestions").await?;

        app.click_button_in_row(&label, &first, "Accept").await?;
        let board = format!("Sounding board: {first}");
        let rows = app
            .wait_for_rows(
                "Assignments",
                &format!("shows {BUDGET} with {first} as its sounding board, not alone"),
                |rows| {
                    rows.iter().any(|r| {
                        r.data("assignment-id") == Some(budget_id.as_str())
                            && !flags(r).contains(&"alone")
                            && r.shows(&board)
                    })
                },
            )
            .await?;
        let budget = one(&rows, BUDGET, "Assignments")?;
        ensure!(
            !budget.shows("Alone with the assignment"),
            "{BUDGET} still says \"Alone with the assignment\" with a sounding board: {:?}",
            budget.text
        );
        ensure!(
            !app.shows_text("1 alone", Scope::Window).await?,
            "\"Who does what\" still counts 1 assignment alone"
        );
        let panels = app
            .visible_attrs("[aria-label^=\"Suggested sounding boards\"]", "aria-label")
            .await?;
        ensure!(
            panels.is_empty(),
            "the suggestions are still shown after accepting one: {panels:?}"
        );
        let intranet = one(&rows, INTRANET, "Assignments")?;
        ensure!(
            flags(intranet).is_empty(),
            "accepting a sounding board for {BUDGET} flagged {INTRANET}: {intranet:?}"
        );
        app.screenshot().await?;
        Ok(())
    })
    .await
}

// ---------- Work: fika pairing ----------

/// Waits until exactly one round is shown, with `status`, and returns its data-round-id.
async fn one_round(app: &App, status: &str) -> Result<String> {
    let with_status = format!("[data-round-id][data-status=\"{status}\"]");
    wait_until(&format!("one round is shown, {status}"), WAIT, async || {
        // Each look is one read of the page; the view redraws between two of them, so the
        // answer is taken only when both agree.
        let matching = app.visible_attrs(&with_status, "data-round-id").await?;
        let shown = app.visible_attrs("[data-round-id]", "data-status").await?;
        Ok(match (matching.as_slice(), shown.as_slice()) {
            ([id], [_]) => Check::Done(id.clone()),
            _ => Check::Waiting(format!("rounds shown with the status {shown:?}")),
        })
    })
    .await
}

/// The groups of a round's pair rows as sets of person ids.
fn pairs(rows: &[Row]) -> Result<Vec<BTreeSet<String>>> {
    rows.iter()
        .map(|r| {
            let pair = r
                .data("pair")
                .with_context(|| format!("a pair row has no data-pair: {r:?}"))?;
            Ok(pair.split(',').map(str::to_owned).collect())
        })
        .collect()
}

/// Checks that `groups` are two pairs and one trio with everyone in `people` exactly once.
fn two_pairs_and_a_trio(groups: &[BTreeSet<String>], people: &People, rows: &[Row]) -> Result<()> {
    let mut sizes: Vec<usize> = groups.iter().map(BTreeSet::len).collect();
    sizes.sort_unstable();
    ensure!(
        sizes == [2, 2, 3],
        "seven people make {sizes:?}, not two pairs and a trio: {}",
        describe(rows)
    );
    let mut seen = BTreeSet::new();
    for id in groups.iter().flatten() {
        ensure!(
            seen.insert(id.clone()),
            "person {id} is in more than one pair: {}",
            describe(rows)
        );
    }
    ensure!(
        seen == people.ids(),
        "the pairs cover {seen:?}, not the team {:?}: {}",
        people.ids(),
        describe(rows)
    );
    for (group, row) in groups.iter().zip(rows) {
        for id in group {
            let name = people.name(id).unwrap_or("?");
            ensure!(
                row.text.contains(name),
                "the pair {group:?} does not show {name}: {:?}",
                row.text
            );
        }
        ensure!(
            (group.len() == 3) == row.shows("Trio"),
            "only the group of three should say \"Trio\": {:?}",
            row.text
        );
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn fika_round_for_seven() -> Result<()> {
    const DRAFT: &str = "Draft pairs for Whole team";
    run("fika_round_for_seven", async |app| {
        let people = add_people(app, &TEAM).await?;
        open_work(app).await?;
        let who = app.field_value("Who takes part").await?;
        ensure!(
            who.is_empty(),
            "\"Who takes part\" is {who:?}, not the whole team"
        );
        for name in TEAM {
            ensure!(
                !app.is_checked(name).await?,
                "{name} is set to skip a round no one has made yet"
            );
        }

        app.click_button("Make pairs").await?;
        let round = one_round(app, "draft").await?;
        let draft = app
            .wait_for_rows(DRAFT, "shows three groups", |rows| rows.len() == 3)
            .await?;
        let drawn = pairs(&draft)?;
        two_pairs_and_a_trio(&drawn, &people, &draft)?;
        app.screenshot_as("draft").await?;

        app.click_button("Confirm").await?;
        let confirmed = one_round(app, "confirmed").await?;
        ensure!(
            confirmed == round,
            "confirming the draft {round} left the round {confirmed} instead"
        );
        let selector = format!("[data-round-id=\"{round}\"] [role=list]");
        let labels = app.visible_attrs(&selector, "aria-label").await?;
        let [label] = labels.as_slice() else {
            bail!(
                "the confirmed round has {} lists of pairs: {labels:?}",
                labels.len()
            );
        };
        ensure!(
            label.starts_with("Fika pairs for Whole team, "),
            "the confirmed round's pairs are labelled {label:?}"
        );
        let kept = app.rows(label).await?;
        let mut after = pairs(&kept)?;
        let mut before = drawn.clone();
        after.sort();
        before.sort();
        ensure!(
            after == before,
            "confirming changed the pairs: drafted {}, confirmed {}",
            describe(&draft),
            describe(&kept)
        );
        app.button("Make pairs", Scope::Window).await.context(
            "with the draft confirmed, \"Make pairs\" is not offered for the next round",
        )?;

        app.click_button("Copy as text").await?;
        let text = wait_until("the round's text is shown", WAIT, async || {
            let text = app.field_value("Text to paste").await?;
            Ok(if text.contains(" & ") {
                Check::Done(text)
            } else {
                Check::Waiting(format!("it reads {text:?}"))
            })
        })
        .await?;
        for row in &kept {
            let names = row
                .texts
                .iter()
                .find(|t| t.contains(" & "))
                .with_context(|| format!("a pair does not read \"A & B\": {:?}", row.text))?;
            ensure!(
                text.lines().any(|line| line.contains(names.as_str())),
                "the text to paste does not have the pair {names:?}: {text:?}"
            );
        }
        // The text's own buttons sit below it: with them in view, so is all of the text.
        let copy = app
            .button("Copy", Scope::Window)
            .await
            .context("the text to paste has no \"Copy\" button")?;
        app.scroll_into_view(&copy).await?;
        app.screenshot().await?;
        Ok(())
    })
    .await
}

// ---------- Ideas ----------

const IDEA: &str = "Walking meetings";
const RESPONSE: &str = "Let's try it in spring";

/// Goes to Ideas through the sidebar and waits until its list is there.
async fn open_ideas(app: &App) -> Result<()> {
    app.click_button("Ideas").await?;
    app.list("Ideas").await?;
    app.button("New idea", Scope::Window).await?;
    Ok(())
}

/// Waits until the idea row `id` in Ideas satisfies `ok`, and returns it.
async fn idea_row(app: &App, id: &str, what: &str, ok: impl Fn(&Row) -> bool) -> Result<Row> {
    let rows = app
        .wait_for_rows("Ideas", what, |rows| {
            rows.iter().any(|r| r.data("idea-id") == Some(id) && ok(r))
        })
        .await?;
    ensure!(
        rows.len() == 1,
        "one idea added, the list shows {}",
        describe(&rows)
    );
    Ok(rows[0].clone())
}

/// The value of the Status select in the idea's row.
async fn idea_status_select(app: &App) -> Result<String> {
    let select = app
        .field_in(
            "Status",
            Scope::Row {
                list: "Ideas",
                row: IDEA,
            },
        )
        .await?;
    Ok(select
        .prop("value")
        .await
        .context("could not read the idea's Status")?
        .unwrap_or_default())
}

/// Checks everything the idea should show once answered and being tried.
async fn idea_answered_and_trying(app: &App, id: &str) -> Result<Row> {
    let row = idea_row(app, id, "shows the idea answered and being tried", |r| {
        r.data("status") == Some("trying") && r.shows(RESPONSE)
    })
    .await?;
    ensure!(
        row.shows(IDEA) && row.shows("Suggested by Eva"),
        "the idea does not show its title and \"Suggested by Eva\": {:?}",
        row.text
    );
    ensure!(
        row.piece_starting_with("Your response, ").is_some() && !row.shows("No response yet"),
        "the idea does not read as answered: {:?}",
        row.text
    );
    let status = idea_status_select(app).await?;
    ensure!(
        status == "trying",
        "the idea's Status select shows {status:?}, not trying"
    );
    Ok(row)
}

#[tokio::test(flavor = "multi_thread")]
async fn idea_respond_and_status() -> Result<()> {
    run("idea_respond_and_status", async |app| {
        add_people(app, &TEAM).await?;
        open_ideas(app).await?;

        app.click_button("New idea").await?;
        app.wait_for_dialog().await?;
        app.fill("Title", IDEA).await?;
        app.choose("Suggested by", "Eva").await?;
        app.click_button("Save").await?;
        app.wait_for_no_dialog()
            .await
            .context("saving the idea did not close the dialog")?;
        let rows = app
            .wait_for_rows("Ideas", &format!("shows {IDEA}"), |rows| {
                rows.iter().any(|r| r.shows(IDEA))
            })
            .await?;
        let row = one(&rows, IDEA, "Ideas")?;
        let id = row
            .data("idea-id")
            .with_context(|| format!("the idea's row has no data-idea-id: {row:?}"))?
            .to_owned();
        ensure!(
            row.data("status") == Some("new"),
            "a new idea has data-status {:?}, not new: {:?}",
            row.data("status"),
            row.text
        );
        ensure!(
            row.shows("Suggested by Eva") && row.shows("No response yet"),
            "the new idea does not say \"Suggested by Eva\" and \"No response yet\": {:?}",
            row.text
        );

        app.click_button_in_row("Ideas", IDEA, "Respond").await?;
        app.wait_for_dialog().await?;
        app.wait_for_text(&format!("Respond to {IDEA}"), Scope::Window)
            .await?;
        app.fill("Response", RESPONSE).await?;
        app.click_button("Save").await?;
        app.wait_for_no_dialog()
            .await
            .context("saving the response did not close the dialog")?;
        let row = idea_row(app, &id, "shows the response", |r| r.shows(RESPONSE)).await?;
        ensure!(
            row.data("status") == Some("new"),
            "responding changed the status to {:?}",
            row.data("status")
        );

        app.choose_in(
            "Status",
            "Being tried out",
            Scope::Row {
                list: "Ideas",
                row: IDEA,
            },
        )
        .await?;
        idea_answered_and_trying(app, &id).await?;
        app.screenshot_as("before-restart").await?;

        app.restart().await?;
        open_ideas(app).await.context("after the restart")?;
        idea_answered_and_trying(app, &id)
            .await
            .context("after the restart")?;
        app.screenshot().await?;
        Ok(())
    })
    .await
}

/// Seven ideas a month old, none answered: Today's Report back lists the five that have
/// waited longest and counts the other two, so the day's plan stays in sight.
#[tokio::test(flavor = "multi_thread")]
async fn report_back_lists_the_longest_waiting_and_counts_the_rest() -> Result<()> {
    narvaro_e2e::clock::check_zone()?;
    let now = narvaro_e2e::clock::settled_day(5 * 60).await;
    run("report_back_backlog", async |app| {
        // A team of one: with nobody at all Today greets a new user instead.
        add_people(app, &TEAM[..1]).await?;
        open_ideas(app).await?;
        // "Idea 1" was suggested longest ago.
        for i in 1..=7 {
            let on = narvaro_e2e::clock::day_after(&now, -40 + i);
            app.click_button("New idea").await?;
            app.wait_for_dialog().await?;
            app.fill("Title", &format!("Idea {i}")).await?;
            app.fill("Suggested on", &on.iso).await?;
            app.click_button("Save").await?;
            app.wait_for_no_dialog()
                .await
                .with_context(|| format!("saving idea {i} did not close the dialog"))?;
        }
        app.wait_for_rows("Ideas", "shows seven ideas", |rows| rows.len() == 7)
            .await?;

        app.click_button("Today").await?;
        let rows = app
            .wait_for_rows("Report back", "lists five ideas", |rows| rows.len() == 5)
            .await?;
        let titles: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.piece_starting_with("Report back on: "))
            .collect();
        ensure!(
            titles
                == (1..=5)
                    .map(|i| format!("Report back on: Idea {i}"))
                    .collect::<Vec<_>>(),
            "Report back does not list the five longest waiting, oldest first: {titles:?}"
        );
        app.wait_for_text("And 2 more, in Ideas.", Scope::Window)
            .await
            .context("Report back does not count the two it leaves out")?;
        let report = app.list("Report back").await?;
        app.scroll_into_view(&report).await?;
        app.screenshot().await?;
        Ok(())
    })
    .await
}
