//! What the manager does with assignments ("uppdrag"): add, edit, pause, finish and mark them
//! discussed; see who does what; and find a sounding board ("bollplank") for someone who is
//! alone with their work.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use crate::error::{Error, Invalid, Result};
use crate::model::{
    check_id, Assignment, AssignmentDraft, AssignmentId, AssignmentStatus, AssignmentView,
    DivisionOfWork, Person, PersonId, PersonWork, Suggestion, ValidAssignment, WorkItem,
};
use crate::service::settings;
use crate::store::pairing::Scope;
use crate::store::{assignments as table, pairing as rounds, people, Store};

/// A short list to choose from; more would be a ranking nobody asked for.
const SUGGESTIONS_MAX: usize = 3;

/// Every assignment with its flags as of `today` (the manager's local date): active first,
/// then paused, then done, each by title.
pub fn list(store: &Store, today: NaiveDate) -> Result<Vec<AssignmentView>> {
    let days = settings::stale_days(store)?;
    let mut all = table::all(store.conn())?;
    all.sort_by_cached_key(|a| (status_rank(a.status), a.title.to_lowercase(), a.id));
    Ok(all.into_iter().map(|a| a.view(today, days)).collect())
}

pub fn get(store: &Store, id: AssignmentId, today: NaiveDate) -> Result<AssignmentView> {
    check_id(id, "id")?;
    let days = settings::stale_days(store)?;
    Ok(load(store.conn(), id)?.view(today, days))
}

/// Adds an assignment; `today` is the manager's local date, from which "not discussed"
/// counts until it is first discussed.
pub fn create(
    store: &mut Store,
    draft: &AssignmentDraft,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<AssignmentView> {
    let valid = draft.validate(today)?;
    let days = settings::stale_days(store)?;
    let created = store.write(|tx| {
        check_people(tx, &valid)?;
        let assignment = Assignment {
            id: 0,
            title: valid.title.clone(),
            description: valid.description.clone(),
            owner_ids: valid.owner_ids.clone(),
            sounding_board_id: valid.sounding_board_id,
            status: valid.status.unwrap_or(AssignmentStatus::Active),
            last_discussed: valid.last_discussed,
            created_on: today,
            created_at: now,
        };
        let id = table::insert(tx, &assignment)?;
        load(tx, id)
    })?;
    Ok(created.view(today, days))
}

/// Replaces title, description, owners and sounding board; status and the last discussion
/// change only when the draft has them.
pub fn update(
    store: &mut Store,
    id: AssignmentId,
    draft: &AssignmentDraft,
    today: NaiveDate,
) -> Result<AssignmentView> {
    check_id(id, "id")?;
    let valid = draft.validate(today)?;
    modify(store, id, today, |tx, assignment| {
        check_people(tx, &valid)?;
        assignment.title = valid.title.clone();
        assignment.description = valid.description.clone();
        assignment.owner_ids = valid.owner_ids.clone();
        assignment.sounding_board_id = valid.sounding_board_id;
        if let Some(status) = valid.status {
            assignment.status = status;
        }
        if let Some(date) = valid.last_discussed {
            assignment.last_discussed = Some(date);
        }
        Ok(())
    })
}

pub fn set_status(
    store: &mut Store,
    id: AssignmentId,
    status: AssignmentStatus,
    today: NaiveDate,
) -> Result<AssignmentView> {
    check_id(id, "id")?;
    modify(store, id, today, |_, assignment| {
        assignment.status = status;
        Ok(())
    })
}

/// "We talked it through today": resets the not-discussed flag.
pub fn mark_discussed(
    store: &mut Store,
    id: AssignmentId,
    today: NaiveDate,
) -> Result<AssignmentView> {
    check_id(id, "id")?;
    modify(store, id, today, |_, assignment| {
        assignment.last_discussed = Some(today);
        Ok(())
    })
}

pub fn delete(store: &mut Store, id: AssignmentId) -> Result<()> {
    check_id(id, "id")?;
    store.write(|tx| Error::unless_removed(table::delete(tx, id)?, "assignment", id))
}

/// Who does what: each person's active assignments as owner and as sounding board, with
/// counts. Every active person is listed, also those with nothing, because an empty row is
/// what shows uneven load; archived people appear only while they still hold active work.
pub fn division_of_work(store: &Store, today: NaiveDate) -> Result<DivisionOfWork> {
    let days = settings::stale_days(store)?;
    let team = crate::service::people::list(store)?;
    let mut active: Vec<AssignmentView> = table::all(store.conn())?
        .into_iter()
        .filter(|a| a.status == AssignmentStatus::Active)
        .map(|a| a.view(today, days))
        .collect();
    active.sort_by_cached_key(|a| (a.assignment.title.to_lowercase(), a.assignment.id));
    let mut owns: HashMap<PersonId, Vec<WorkItem>> = HashMap::new();
    let mut boards: HashMap<PersonId, Vec<WorkItem>> = HashMap::new();
    for view in &active {
        let item = WorkItem {
            assignment_id: view.assignment.id,
            title: view.assignment.title.clone(),
            alone: view.alone,
            stale: view.stale,
        };
        for owner in &view.assignment.owner_ids {
            owns.entry(*owner).or_default().push(item.clone());
        }
        if let Some(board) = view.assignment.sounding_board_id {
            boards.entry(board).or_default().push(item.clone());
        }
    }
    let people = team
        .into_iter()
        .filter_map(|p| {
            let owns = owns.remove(&p.id).unwrap_or_default();
            let boards = boards.remove(&p.id).unwrap_or_default();
            if !p.is_active() && owns.is_empty() && boards.is_empty() {
                return None;
            }
            Some(PersonWork {
                active: p.is_active(),
                person_id: p.id,
                name: p.name,
                owner_count: count(owns.len()),
                board_count: count(boards.len()),
                owns,
                sounding_board_for: boards,
            })
        })
        .collect();
    Ok(DivisionOfWork {
        people,
        active_count: count(active.len()),
        alone_count: count(active.iter().filter(|a| a.alone).count()),
        stale_count: count(active.iter().filter(|a| a.stale).count()),
    })
}

/// One person's row of the division of work (empty lists when they hold none): what the
/// check-in screen shows under "who does what".
pub fn work_of(store: &Store, person: &Person, today: NaiveDate) -> Result<PersonWork> {
    let found = division_of_work(store, today)?
        .people
        .into_iter()
        .find(|w| w.person_id == person.id);
    Ok(found.unwrap_or_else(|| PersonWork {
        person_id: person.id,
        name: person.name.clone(),
        active: person.is_active(),
        owns: Vec::new(),
        sounding_board_for: Vec::new(),
        owner_count: 0,
        board_count: 0,
    }))
}

/// Up to three colleagues who could be the assignment's sounding board: active, never an
/// owner or the current sounding board; fewest active assignments first, then those who
/// have not recently worked or had fika with an owner, then by name.
pub fn suggest_sounding_board(store: &Store, id: AssignmentId) -> Result<Vec<Suggestion>> {
    check_id(id, "id")?;
    let conn = store.conn();
    let target = load(conn, id)?;
    let owners: HashSet<PersonId> = target.owner_ids.iter().copied().collect();
    let all = table::all(conn)?;

    let mut load_of: HashMap<PersonId, u32> = HashMap::new();
    let mut recent: HashMap<PersonId, u32> = HashMap::new();
    let meet = |members: &[PersonId], recent: &mut HashMap<PersonId, u32>| {
        let with_owners = count(members.iter().filter(|m| owners.contains(m)).count());
        if with_owners == 0 {
            return;
        }
        for m in members.iter().filter(|m| !owners.contains(m)) {
            *recent.entry(*m).or_default() += with_owners;
        }
    };
    for a in &all {
        let members = people_of(a);
        if a.status == AssignmentStatus::Active {
            for m in &members {
                *load_of.entry(*m).or_default() += 1;
            }
        }
        // Shared work that is still going on is recent; done work has no date to judge by.
        if a.id != id && a.status != AssignmentStatus::Done {
            meet(&members, &mut recent);
        }
    }
    let k = settings::history_rounds(store)?;
    for round in rounds::history(conn, Scope::Any, k)? {
        for group in round {
            meet(&group, &mut recent);
        }
    }

    // The team comes in Swedish name order; a stable sort keeps it as the last tie-break.
    let mut candidates: Vec<Suggestion> = crate::service::people::list(store)?
        .into_iter()
        .filter(|p| {
            p.is_active() && !owners.contains(&p.id) && Some(p.id) != target.sounding_board_id
        })
        .map(|p| Suggestion {
            active_assignments: load_of.get(&p.id).copied().unwrap_or(0),
            recent_with_owners: recent.get(&p.id).copied().unwrap_or(0),
            person_id: p.id,
            name: p.name,
        })
        .collect();
    candidates.sort_by_key(|s| (s.active_assignments, s.recent_with_owners));
    candidates.truncate(SUGGESTIONS_MAX);
    Ok(candidates)
}

/// Makes `person` the assignment's sounding board: what "accept" on a suggestion does.
pub fn accept_suggestion(
    store: &mut Store,
    id: AssignmentId,
    person: PersonId,
    today: NaiveDate,
) -> Result<AssignmentView> {
    check_id(id, "id")?;
    check_id(person, "personId")?;
    modify(store, id, today, |tx, assignment| {
        let p = active_person(tx, person, "personId")?;
        if assignment.owner_ids.contains(&person) {
            return Err(Invalid::new("personId", "error.invalid.board_is_owner")
                .with("name", p.name)
                .into());
        }
        assignment.sounding_board_id = Some(person);
        Ok(())
    })
}

/// Loads, changes and stores one assignment in a single transaction.
fn modify(
    store: &mut Store,
    id: AssignmentId,
    today: NaiveDate,
    change: impl FnOnce(&Connection, &mut Assignment) -> Result<()>,
) -> Result<AssignmentView> {
    let days = settings::stale_days(store)?;
    let changed = store.write(|tx| {
        let mut assignment = load(tx, id)?;
        change(tx, &mut assignment)?;
        table::update(tx, &assignment)?;
        load(tx, id)
    })?;
    Ok(changed.view(today, days))
}

fn load(conn: &Connection, id: AssignmentId) -> Result<Assignment> {
    table::get(conn, id)?.ok_or_else(|| not_found(id))
}

fn not_found(id: AssignmentId) -> Error {
    Error::NotFound {
        what: "assignment",
        id,
    }
}

/// Owners and sounding board must exist and be active.
fn check_people(conn: &Connection, valid: &ValidAssignment) -> Result<()> {
    for &owner in &valid.owner_ids {
        active_person(conn, owner, "ownerIds")?;
    }
    if let Some(board) = valid.sounding_board_id {
        active_person(conn, board, "soundingBoardId")?;
    }
    Ok(())
}

/// The person, if they exist (else not found) and are active (else refused for `field`).
pub(crate) fn active_person(
    conn: &Connection,
    id: PersonId,
    field: &'static str,
) -> Result<Person> {
    let person = people::get(conn, id)?.ok_or(Error::NotFound { what: "person", id })?;
    if !person.is_active() {
        return Err(Invalid::new(field, "error.invalid.person_archived")
            .with("name", &person.name)
            .into());
    }
    Ok(person)
}

fn people_of(a: &Assignment) -> Vec<PersonId> {
    let mut members = a.owner_ids.clone();
    members.extend(a.sounding_board_id);
    members
}

fn status_rank(status: AssignmentStatus) -> u8 {
    match status {
        AssignmentStatus::Active => 0,
        AssignmentStatus::Paused => 1,
        AssignmentStatus::Done => 2,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
