//! What the manager does with people: add, edit, archive, restore, list.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Error, Result};
use crate::model::{NewPerson, Person, PersonDraft, PersonId};
use crate::store::{people as table, Store};

/// The team, active and archived, in Swedish alphabetical order (å, ä, ö after z).
pub fn list(store: &Store) -> Result<Vec<Person>> {
    let mut people = table::all(store.conn())?;
    people.sort_by_cached_key(|p| (sort_key(&p.name), p.id));
    Ok(people)
}

pub fn get(store: &Store, id: PersonId) -> Result<Person> {
    check_id(id)?;
    table::get(store.conn(), id)?.ok_or(Error::NotFound { what: "person", id })
}

pub fn add(store: &mut Store, draft: &PersonDraft, now: DateTime<Utc>) -> Result<Person> {
    let valid = draft.validate()?;
    store.write(|tx| {
        let id = table::insert(tx, &valid, now)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "person", id })
    })
}

/// Adds someone, with when the manager last talked with them if given (a date not after
/// `today`, the manager's local date). Without it the first check-in falls due within the
/// first week (`schedule::spread`).
pub fn add_new(
    store: &mut Store,
    new: &NewPerson,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Person> {
    let (valid, last_talked) = new.validate(today)?;
    store.write(|tx| {
        let id = table::insert(tx, &valid, now)?;
        table::set_last_talked(tx, id, last_talked)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "person", id })
    })
}

/// Replaces name, role and e-mail; cadence and length change only when the draft has them.
pub fn update(store: &mut Store, id: PersonId, draft: &PersonDraft) -> Result<Person> {
    check_id(id)?;
    store.write(|tx| {
        let current = table::get(tx, id)?.ok_or(Error::NotFound { what: "person", id })?;
        let draft = PersonDraft {
            cadence_days: draft.cadence_days.or(Some(current.cadence_days.into())),
            checkin_minutes: draft
                .checkin_minutes
                .or(Some(current.checkin_minutes.into())),
            ..draft.clone()
        };
        table::update(tx, id, &draft.validate()?)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "person", id })
    })
}

/// Sets the person's own video-meeting link (for their check-ins), or clears it with none
/// or empty text; only an https link with a host is kept (`model::meeting_link`).
pub fn set_meeting_link(store: &mut Store, id: PersonId, raw: Option<&str>) -> Result<Person> {
    check_id(id)?;
    let link = crate::model::meeting_link(raw, "meetingLink")?;
    store.write(|tx| {
        let found = table::set_meeting_link(tx, id, link.as_deref())?;
        Error::unless_removed(found, "person", id)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "person", id })
    })
}

pub fn archive(store: &mut Store, id: PersonId, now: DateTime<Utc>) -> Result<Person> {
    set_archived(store, id, Some(now))
}

pub fn restore(store: &mut Store, id: PersonId) -> Result<Person> {
    set_archived(store, id, None)
}

fn set_archived(
    store: &mut Store,
    id: PersonId,
    archived_at: Option<DateTime<Utc>>,
) -> Result<Person> {
    check_id(id)?;
    store.write(|tx| {
        let person = table::get(tx, id)?.ok_or(Error::NotFound { what: "person", id })?;
        match (person.archived_at, archived_at) {
            (Some(_), Some(_)) => return Err(conflict("error.conflict.already_archived", &person)),
            (None, None) => return Err(conflict("error.conflict.not_archived", &person)),
            _ => {}
        }
        table::set_archived_at(tx, id, archived_at)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "person", id })
    })
}

fn conflict(key: &'static str, person: &Person) -> Error {
    Error::Conflict {
        key,
        args: vec![("name", person.name.clone())],
    }
}

fn check_id(id: PersonId) -> Result<()> {
    Ok(crate::model::check_id(id, "id")?)
}

/// A collation key that orders names as a Swedish reader expects: case-insensitive, with
/// å, ä, ö after z and accented letters beside their base letter.
fn sort_key(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => 'z' as u32 + 1,
            'ä' | 'æ' => 'z' as u32 + 2,
            'ö' | 'ø' => 'z' as u32 + 3,
            'é' | 'è' | 'ê' | 'ë' => 'e' as u32,
            'á' | 'à' | 'â' => 'a' as u32,
            'ü' => 'y' as u32,
            other => other as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests;
