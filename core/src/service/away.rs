//! A person's away periods: add, remove, list. While away nothing is due and nothing
//! reminds; the return day brings a "welcome back" check-in (`schedule::cadence`).

use crate::error::{Error, Result};
use crate::model::{check_id, Away, AwayDraft, AwayId, PersonId};
use crate::store::{away as table, people, Store};

/// Adds a period. Refused: a bad draft, an unknown person, or one overlapping a period the
/// person already has (change it by removing that one first).
pub fn add(store: &mut Store, draft: &AwayDraft) -> Result<Away> {
    let valid = draft.validate()?;
    store.write(|tx| {
        let person = people::get(tx, valid.person_id)?.ok_or(Error::NotFound {
            what: "person",
            id: valid.person_id,
        })?;
        if table::overlaps(tx, valid.person_id, valid.from, valid.to)? {
            return Err(Error::Conflict {
                key: "error.conflict.away_overlap",
                args: vec![("name", person.name)],
            });
        }
        let id = table::insert(tx, &valid)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "away", id })
    })
}

pub fn remove(store: &mut Store, id: AwayId) -> Result<()> {
    check_id(id, "id")?;
    store.write(|tx| Error::unless_removed(table::delete(tx, id)?, "away", id))
}

/// One person's periods, earliest first.
pub fn list(store: &Store, person: PersonId) -> Result<Vec<Away>> {
    check_id(person, "personId")?;
    let conn = store.conn();
    people::get(conn, person)?.ok_or(Error::NotFound {
        what: "person",
        id: person,
    })?;
    table::of_person(conn, person)
}

/// Everyone's periods that end on or after `today`: Team's "away until …" and what is
/// coming.
pub fn current(store: &Store, today: chrono::NaiveDate) -> Result<Vec<Away>> {
    Ok(table::all(store.conn())?
        .into_iter()
        .filter(|a| a.to >= today)
        .collect())
}

#[cfg(test)]
mod tests;
