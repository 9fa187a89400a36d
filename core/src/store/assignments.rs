//! The assignment and assignment_owner tables.

use std::collections::HashMap;

use rusqlite::types::{FromSqlError, Type};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::model::{Assignment, AssignmentId, AssignmentStatus, PersonId};

const COLUMNS: &str = "id, title, description, sounding_board_id, status, last_discussed, \
                       created_on, created_at";

/// Reads a text column holding one of an enum's codes; an unknown code is a conversion
/// error, never a silent default.
pub(super) fn code_column<T>(
    row: &Row<'_>,
    index: usize,
    what: &str,
    from_code: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    from_code(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            Type::Text,
            Box::new(FromSqlError::Other(
                format!("unknown {what} {text:?}").into(),
            )),
        )
    })
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Assignment> {
    Ok(Assignment {
        id: row.get(0)?,
        title: row.get(1)?,
        description: row.get(2)?,
        owner_ids: Vec::new(),
        sounding_board_id: row.get(3)?,
        status: code_column(row, 4, "assignment status", AssignmentStatus::from_code)?,
        last_discussed: row.get(5)?,
        created_on: row.get(6)?,
        created_at: row.get(7)?,
    })
}

/// Stores a new assignment with its owners; `assignment.id` is ignored.
pub fn insert(conn: &Connection, assignment: &Assignment) -> Result<AssignmentId> {
    conn.execute(
        "INSERT INTO assignment (title, description, sounding_board_id, status, last_discussed,
                                 created_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            assignment.title,
            assignment.description,
            assignment.sounding_board_id,
            assignment.status.code(),
            assignment.last_discussed,
            assignment.created_on,
            assignment.created_at
        ],
    )?;
    let id = conn.last_insert_rowid();
    set_owners(conn, id, &assignment.owner_ids)?;
    Ok(id)
}

/// Replaces everything but the creation dates; returns whether the assignment exists.
pub fn update(conn: &Connection, assignment: &Assignment) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE assignment SET title = ?2, description = ?3, sounding_board_id = ?4,
         status = ?5, last_discussed = ?6 WHERE id = ?1",
        params![
            assignment.id,
            assignment.title,
            assignment.description,
            assignment.sounding_board_id,
            assignment.status.code(),
            assignment.last_discussed
        ],
    )?;
    if changed == 1 {
        set_owners(conn, assignment.id, &assignment.owner_ids)?;
    }
    Ok(changed == 1)
}

fn set_owners(conn: &Connection, id: AssignmentId, owners: &[PersonId]) -> Result<()> {
    conn.execute(
        "DELETE FROM assignment_owner WHERE assignment_id = ?1",
        [id],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO assignment_owner (assignment_id, person_id) VALUES (?1, ?2)",
    )?;
    for owner in owners {
        stmt.execute(params![id, owner])?;
    }
    Ok(())
}

pub fn delete(conn: &Connection, id: AssignmentId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM assignment WHERE id = ?1", [id])? == 1)
}

pub fn get(conn: &Connection, id: AssignmentId) -> Result<Option<Assignment>> {
    let assignment = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM assignment WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?;
    let Some(mut assignment) = assignment else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT o.person_id FROM assignment_owner o JOIN person p ON p.id = o.person_id
         WHERE o.assignment_id = ?1 ORDER BY p.name COLLATE NOCASE, p.id",
    )?;
    assignment.owner_ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(assignment))
}

/// Every assignment with its owners, in id order.
pub fn all(conn: &Connection) -> Result<Vec<Assignment>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM assignment ORDER BY id"))?;
    let mut assignments: Vec<Assignment> = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    // One query for all owners rather than one per assignment: the division of work reads
    // every assignment of a team of up to 500.
    let mut stmt = conn.prepare_cached(
        "SELECT o.assignment_id, o.person_id FROM assignment_owner o
         JOIN person p ON p.id = o.person_id ORDER BY p.name COLLATE NOCASE, p.id",
    )?;
    let mut owners: HashMap<AssignmentId, Vec<PersonId>> = HashMap::new();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    for row in rows {
        let (assignment, person): (AssignmentId, PersonId) = row?;
        owners.entry(assignment).or_default().push(person);
    }
    for assignment in &mut assignments {
        assignment.owner_ids = owners.remove(&assignment.id).unwrap_or_default();
    }
    Ok(assignments)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use crate::model::{AssignmentDraft, IdeaDraft, PersonDraft, RoundDraft};
    use crate::Store;

    /// GDPR erasure will delete the person row; the schema must then leave no reference to
    /// them in team work: owner rows and round places go, boards and ideas lose the name.
    #[test]
    fn deleting_a_person_leaves_no_reference_in_team_work() {
        let mut s = Store::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 8, 30, 0).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let add = |s: &mut Store, name: &str| {
            let draft = PersonDraft {
                name: name.into(),
                ..PersonDraft::default()
            };
            crate::service::people::add(s, &draft, now).unwrap().id
        };
        let (anna, bo) = (add(&mut s, "Anna"), add(&mut s, "Bo"));
        let draft = AssignmentDraft {
            title: "Budget".into(),
            owner_ids: vec![bo],
            sounding_board_id: Some(anna),
            ..AssignmentDraft::default()
        };
        let shared = AssignmentDraft {
            title: "Intranet".into(),
            owner_ids: vec![anna, bo],
            ..AssignmentDraft::default()
        };
        crate::service::assignments::create(&mut s, &shared, today, now).unwrap();
        crate::service::assignments::create(&mut s, &draft, today, now).unwrap();
        let idea = IdeaDraft {
            title: "Idea".into(),
            suggested_by: Some(anna),
            ..IdeaDraft::default()
        };
        crate::service::ideas::add(&mut s, &idea, today, now).unwrap();
        let round =
            crate::service::pairing::create_round(&mut s, &RoundDraft::default(), 1, now).unwrap();
        crate::service::pairing::confirm(&mut s, round.id, today).unwrap();

        s.conn()
            .execute("DELETE FROM person WHERE id = ?1", [anna])
            .unwrap();
        let references: i64 = s
            .conn()
            .query_row(
                "SELECT (SELECT count(*) FROM assignment_owner WHERE person_id = ?1)
                      + (SELECT count(*) FROM assignment WHERE sounding_board_id = ?1)
                      + (SELECT count(*) FROM pairing_member WHERE person_id = ?1)
                      + (SELECT count(*) FROM idea WHERE suggested_by = ?1)",
                [anna],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(references, 0);
        assert_eq!(
            crate::service::ideas::list(&s).unwrap()[0].suggested_by,
            None
        );
    }
}
