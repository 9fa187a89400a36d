//! Logging held check-ins, which reset a person's cadence.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Error, Result};
use crate::model::checkin;
use crate::model::{check_id, CheckIn, CheckInDraft, CheckInId, PersonId};
use crate::store::{checkins as table, people, Store};

/// Records a held check-in. `today` is the manager's local date: a check-in cannot be held
/// in the future.
pub fn log(
    store: &mut Store,
    draft: &CheckInDraft,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<CheckIn> {
    check_id(draft.person_id, "personId")?;
    let held_on = checkin::held_on(&draft.held_on, today)?;
    let note = checkin::note(draft.note.as_deref())?;
    store.write(|tx| {
        let person = people::get(tx, draft.person_id)?.ok_or(Error::NotFound {
            what: "person",
            id: draft.person_id,
        })?;
        let minutes = match draft.minutes {
            None => person.checkin_minutes,
            Some(m) => checkin::minutes(m, "minutes")?,
        };
        let id = table::insert(
            tx,
            person.id,
            held_on,
            minutes,
            draft.channel,
            note.as_deref(),
            None,
            now,
        )?;
        table::get(tx, id)?.ok_or(Error::NotFound {
            what: "checkin",
            id,
        })
    })
}

pub fn for_person(store: &Store, person: PersonId) -> Result<Vec<CheckIn>> {
    check_id(person, "personId")?;
    table::for_person(store.conn(), person)
}

pub fn delete(store: &mut Store, id: CheckInId) -> Result<()> {
    check_id(id, "id")?;
    store.write(|tx| {
        if table::delete(tx, id)? {
            Ok(())
        } else {
            Err(Error::NotFound {
                what: "checkin",
                id,
            })
        }
    })
}
