//! The idea box ("idéer"): ideas from the team for improving remote work, their status, the
//! manager's response, and which ideas are due a report back.
//!
//! Anonymous ideas are stored without a person, but in a small team the wording or the
//! timing often tells who wrote it: the catalogue's `idea.anonymity_note` says so honestly
//! wherever the UI offers anonymity.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::i18n::{t, Lang};
use crate::model::idea::validate_response;
use crate::model::{check_id, Idea, IdeaDraft, IdeaId, IdeaStatus, ReportBackDue, ValidIdea};
use crate::schedule::cadence;
use crate::service::assignments::active_person;
use crate::service::settings;
use crate::store::{ideas as table, Store};

/// Every idea, newest suggestion first.
pub fn list(store: &Store) -> Result<Vec<Idea>> {
    table::all(store.conn())
}

pub fn get(store: &Store, id: IdeaId) -> Result<Idea> {
    check_id(id, "id")?;
    load(store.conn(), id)
}

/// Adds an idea; without a date it was suggested `today` (the manager's local date).
pub fn add(
    store: &mut Store,
    draft: &IdeaDraft,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Idea> {
    let valid = draft.validate(today)?;
    store.write(|tx| {
        if let Some(person) = valid.suggested_by {
            active_person(tx, person, "suggestedBy")?;
        }
        let idea = Idea {
            id: 0,
            title: valid.title.clone(),
            description: valid.description.clone(),
            suggested_by: valid.suggested_by,
            suggested_on: valid.suggested_on.unwrap_or(today),
            status: valid.status.unwrap_or(IdeaStatus::New),
            response: None,
            responded_on: None,
            created_at: now,
        };
        let id = table::insert(tx, &idea)?;
        load(tx, id)
    })
}

/// Replaces title, description and who suggested it; the date and status change only when
/// the draft has them. An idea keeps a suggester who has since been archived: it is their
/// idea still. Choosing someone new needs an active person.
pub fn update(store: &mut Store, id: IdeaId, draft: &IdeaDraft, today: NaiveDate) -> Result<Idea> {
    check_id(id, "id")?;
    let valid = draft.validate(today)?;
    modify(store, id, |tx, idea| apply(tx, idea, &valid))
}

fn apply(tx: &Connection, idea: &mut Idea, valid: &ValidIdea) -> Result<()> {
    if let Some(person) = valid.suggested_by {
        if idea.suggested_by != Some(person) {
            active_person(tx, person, "suggestedBy")?;
        }
    }
    idea.title = valid.title.clone();
    idea.description = valid.description.clone();
    idea.suggested_by = valid.suggested_by;
    if let Some(date) = valid.suggested_on {
        idea.suggested_on = date;
    }
    if let Some(status) = valid.status {
        idea.status = status;
    }
    Ok(())
}

pub fn set_status(store: &mut Store, id: IdeaId, status: IdeaStatus) -> Result<Idea> {
    check_id(id, "id")?;
    modify(store, id, |_, idea| {
        idea.status = status;
        Ok(())
    })
}

/// Records the manager's response, dated `today`; editing it keeps the date only when the
/// text is unchanged. An empty text withdraws the response, and the idea is due a report
/// back again.
pub fn respond(store: &mut Store, id: IdeaId, text: &str, today: NaiveDate) -> Result<Idea> {
    check_id(id, "id")?;
    let response = validate_response(text)?;
    modify(store, id, |_, idea| {
        if idea.response != response {
            idea.responded_on = response.as_ref().map(|_| today);
            idea.response = response;
        }
        Ok(())
    })
}

pub fn delete(store: &mut Store, id: IdeaId) -> Result<()> {
    check_id(id, "id")?;
    store.write(|tx| Error::unless_removed(table::delete(tx, id)?, "idea", id))
}

/// Ideas without a response for the set number of days or more (14 unless set), longest
/// waiting first: Today lists them as "Report back on: <title>". Status does not matter: a
/// declined idea deserves an answer as much as an adopted one.
pub fn report_back_due(store: &Store, today: NaiveDate) -> Result<Vec<ReportBackDue>> {
    report_back_due_in(store.conn(), today)
}

/// `report_back_due` inside a transaction the caller holds (the reminder tick).
pub(crate) fn report_back_due_in(
    conn: &Connection,
    today: NaiveDate,
) -> Result<Vec<ReportBackDue>> {
    let days = settings::report_back_days_in(conn)?;
    Ok(table::unanswered(conn)?
        .into_iter()
        .filter_map(|idea| {
            let (due_on, days_waiting) = cadence::report_back_due(idea.suggested_on, days, today)?;
            Some(ReportBackDue {
                idea_id: idea.id,
                days_waiting,
                title: idea.title,
                suggested_on: idea.suggested_on,
                due_on,
            })
        })
        .collect())
}

/// "Report back on: <title>", for Today, the tray and the command line.
pub fn report_back_text(due: &ReportBackDue, lang: Lang) -> String {
    t(lang, "idea.report_back", &[("title", &due.title)])
}

fn modify(
    store: &mut Store,
    id: IdeaId,
    change: impl FnOnce(&Connection, &mut Idea) -> Result<()>,
) -> Result<Idea> {
    store.write(|tx| {
        let mut idea = load(tx, id)?;
        change(tx, &mut idea)?;
        table::update(tx, &idea)?;
        load(tx, id)
    })
}

fn load(conn: &Connection, id: IdeaId) -> Result<Idea> {
    table::get(conn, id)?.ok_or_else(|| not_found(id))
}

fn not_found(id: IdeaId) -> Error {
    Error::NotFound { what: "idea", id }
}

#[cfg(test)]
mod tests;
