//! The work_group and group_member tables.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::{Group, GroupId, PersonId};

pub fn insert(conn: &Connection, name: &str, now: DateTime<Utc>) -> Result<GroupId> {
    conn.execute(
        "INSERT INTO work_group (name, created_at) VALUES (?1, ?2)",
        params![name, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn rename(conn: &Connection, id: GroupId, name: &str) -> Result<bool> {
    let n = conn.execute(
        "UPDATE work_group SET name = ?2 WHERE id = ?1",
        params![id, name],
    )?;
    Ok(n == 1)
}

pub fn delete(conn: &Connection, id: GroupId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM work_group WHERE id = ?1", [id])? == 1)
}

pub fn add_member(conn: &Connection, id: GroupId, person: PersonId) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO group_member (group_id, person_id) VALUES (?1, ?2)",
        params![id, person],
    )?;
    Ok(())
}

pub fn remove_member(conn: &Connection, id: GroupId, person: PersonId) -> Result<bool> {
    let n = conn.execute(
        "DELETE FROM group_member WHERE group_id = ?1 AND person_id = ?2",
        params![id, person],
    )?;
    Ok(n == 1)
}

pub fn rhythm_count(conn: &Connection, id: GroupId) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM rhythm WHERE group_id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

pub fn get(conn: &Connection, id: GroupId) -> Result<Option<Group>> {
    let group = conn
        .query_row(
            "SELECT id, name, created_at FROM work_group WHERE id = ?1",
            [id],
            |r| {
                Ok(Group {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    member_ids: Vec::new(),
                    created_at: r.get(2)?,
                })
            },
        )
        .optional()?;
    match group {
        Some(mut group) => {
            group.member_ids = members(conn, id)?;
            Ok(Some(group))
        }
        None => Ok(None),
    }
}

fn members(conn: &Connection, id: GroupId) -> Result<Vec<PersonId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id FROM group_member m JOIN person p ON p.id = m.person_id
         WHERE group_id = ?1 ORDER BY p.name COLLATE NOCASE, p.id",
    )?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Every group with its members, in two queries: not one per group, which the agenda and
/// every reminder tick would pay.
pub fn all(conn: &Connection) -> Result<Vec<Group>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, created_at FROM work_group ORDER BY name COLLATE NOCASE, id",
    )?;
    let mut groups: Vec<Group> = stmt
        .query_map([], |r| {
            Ok(Group {
                id: r.get(0)?,
                name: r.get(1)?,
                member_ids: Vec::new(),
                created_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<GroupId, usize> =
        groups.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
    // The order `members` gives within each group.
    let mut stmt = conn.prepare_cached(
        "SELECT m.group_id, m.person_id FROM group_member m JOIN person p ON p.id = m.person_id
         ORDER BY p.name COLLATE NOCASE, p.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let group: GroupId = row.get(0)?;
        if let Some(g) = index.get(&group).and_then(|&i| groups.get_mut(i)) {
            g.member_ids.push(row.get(1)?);
        }
    }
    Ok(groups)
}
