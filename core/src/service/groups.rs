//! What the manager does with work groups: create, rename, delete, add and remove members.

use chrono::{DateTime, Utc};

use crate::error::{Error, Invalid, Result};
use crate::model::{check_id, Group, GroupDraft, GroupId, PersonId};
use crate::store::{groups as table, people, Store};

pub fn list(store: &Store) -> Result<Vec<Group>> {
    table::all(store.conn())
}

pub fn create(store: &mut Store, draft: &GroupDraft, now: DateTime<Utc>) -> Result<Group> {
    let name = draft.validate()?;
    store.write(|tx| {
        refuse_duplicate(tx, &name, None)?;
        let id = table::insert(tx, &name, now)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "group", id })
    })
}

pub fn rename(store: &mut Store, id: GroupId, draft: &GroupDraft) -> Result<Group> {
    check_id(id, "id")?;
    let name = draft.validate()?;
    store.write(|tx| {
        refuse_duplicate(tx, &name, Some(id))?;
        if !table::rename(tx, id, &name)? {
            return Err(Error::NotFound { what: "group", id });
        }
        table::get(tx, id)?.ok_or(Error::NotFound { what: "group", id })
    })
}

/// Deletes a group that no rhythm uses; its members stay in the team.
pub fn delete(store: &mut Store, id: GroupId) -> Result<()> {
    check_id(id, "id")?;
    store.write(|tx| {
        let group = table::get(tx, id)?.ok_or(Error::NotFound { what: "group", id })?;
        if table::rhythm_count(tx, id)? > 0 {
            return Err(Error::Conflict {
                key: "error.conflict.group_has_rhythms",
                args: vec![("name", group.name)],
            });
        }
        table::delete(tx, id)?;
        Ok(())
    })
}

pub fn add_member(store: &mut Store, id: GroupId, person: PersonId) -> Result<Group> {
    check_id(id, "id")?;
    check_id(person, "personId")?;
    store.write(|tx| {
        table::get(tx, id)?.ok_or(Error::NotFound { what: "group", id })?;
        let p = people::get(tx, person)?.ok_or(Error::NotFound {
            what: "person",
            id: person,
        })?;
        if !p.is_active() {
            return Err(Invalid::new("personId", "error.invalid.person_archived")
                .with("name", &p.name)
                .into());
        }
        table::add_member(tx, id, person)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "group", id })
    })
}

pub fn remove_member(store: &mut Store, id: GroupId, person: PersonId) -> Result<Group> {
    check_id(id, "id")?;
    check_id(person, "personId")?;
    store.write(|tx| {
        table::get(tx, id)?.ok_or(Error::NotFound { what: "group", id })?;
        table::remove_member(tx, id, person)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "group", id })
    })
}

fn refuse_duplicate(
    conn: &rusqlite::Connection,
    name: &str,
    except: Option<GroupId>,
) -> Result<()> {
    let taken = table::all(conn)?
        .into_iter()
        .any(|g| Some(g.id) != except && g.name.to_lowercase() == name.to_lowercase());
    if taken {
        return Err(Error::Conflict {
            key: "error.conflict.group_exists",
            args: vec![("name", name.to_owned())],
        });
    }
    Ok(())
}
