//! What the manager does with rhythms: create, edit (whole series or from a date on), delete,
//! and mark single occurrences held, skipped or moved.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::error::{Error, Invalid, Result};
use crate::model::rhythm::{
    DURATION_MAX_MINUTES, LEADS_MAX, LEAD_MAX_MINUTES, REASON_MAX, TITLE_MAX,
};
use crate::model::{
    check_id, Channel, MarkStatus, OccurrenceMark, OccurrenceRef, Rhythm, RhythmDraft, RhythmId,
    RhythmKind,
};
use crate::schedule::agenda::series_of;
use crate::schedule::recurrence::{parse_tz, resolve_local, Series};
use crate::store::{checkins, groups, people, rhythms as table, Store};

pub fn list(store: &Store) -> Result<Vec<Rhythm>> {
    table::all(store.conn())
}

pub fn get(store: &Store, id: RhythmId) -> Result<Rhythm> {
    check_id(id, "id")?;
    table::get(store.conn(), id)?.ok_or(Error::NotFound { what: "rhythm", id })
}

pub fn create(
    store: &mut Store,
    draft: &RhythmDraft,
    system_tz: Tz,
    now: DateTime<Utc>,
) -> Result<Rhythm> {
    store.write(|tx| create_in(tx, draft, system_tz, now))
}

/// `create` inside a transaction the caller holds.
pub(crate) fn create_in(
    tx: &Connection,
    draft: &RhythmDraft,
    system_tz: Tz,
    now: DateTime<Utc>,
) -> Result<Rhythm> {
    let (rhythm, rrule) = validate(tx, draft, system_tz, 0, now)?;
    let id = table::insert(tx, &rhythm, &rrule, now)?;
    table::get(tx, id)?.ok_or(Error::NotFound { what: "rhythm", id })
}

/// Changes the whole series. Marks stay on the occurrences the new rule still produces and
/// are dropped from those it no longer does.
pub fn update(
    store: &mut Store,
    id: RhythmId,
    draft: &RhythmDraft,
    system_tz: Tz,
) -> Result<Rhythm> {
    check_id(id, "id")?;
    store.write(|tx| {
        let current = table::get(tx, id)?.ok_or(Error::NotFound { what: "rhythm", id })?;
        let (mut rhythm, rrule) = validate(tx, draft, system_tz, id, current.created_at)?;
        rhythm.created_at = current.created_at;
        table::update(tx, &rhythm, &rrule)?;
        prune_marks(tx, &rhythm)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "rhythm", id })
    })
}

/// Changes the series from `from_date` on: the old series ends the day before and a new one
/// carries on with the draft's settings. Occurrences before the date keep their marks.
pub fn update_from(
    store: &mut Store,
    id: RhythmId,
    from_date: &str,
    draft: &RhythmDraft,
    system_tz: Tz,
    now: DateTime<Utc>,
) -> Result<Rhythm> {
    check_id(id, "id")?;
    let from = crate::model::text::date(from_date, "fromDate")?;
    store.write(|tx| {
        let current = table::get(tx, id)?.ok_or(Error::NotFound { what: "rhythm", id })?;
        if from <= current.start.date() {
            let (mut rhythm, rrule) = validate(tx, draft, system_tz, id, current.created_at)?;
            rhythm.created_at = current.created_at;
            table::update(tx, &rhythm, &rrule)?;
            prune_marks(tx, &rhythm)?;
            return table::get(tx, id)?.ok_or(Error::NotFound { what: "rhythm", id });
        }
        let (new, rrule) = validate(tx, draft, system_tz, 0, now)?;
        if new.start.date() < from {
            return Err(Invalid::new("startDate", "error.invalid.split_start")
                .with("date", from)
                .into());
        }
        let tz = zone(&current)?;
        let mut ended = current.clone();
        ended.recurrence = ended.recurrence.ended_before(from);
        let ended_rrule = ended.recurrence.to_rrule(tz);
        let new_id = table::insert(tx, &new, &rrule, now)?;
        // The series goes on from `from` in the same room.
        table::set_meeting_link(tx, new_id, current.meeting_link.as_deref())?;
        let new_series = Series {
            start: new.start,
            tz: parse_tz(&new.timezone)?,
            recurrence: new.recurrence.clone(),
        };
        for mark in table::marks_of(tx, id)? {
            if mark.original.date() >= from {
                if new_series.produces(mark.original) {
                    table::move_mark(tx, id, new_id, mark.original)?;
                } else {
                    drop_mark(tx, &current, mark.original)?;
                }
            }
        }
        table::update(tx, &ended, &ended_rrule)?;
        table::get(tx, new_id)?.ok_or(Error::NotFound {
            what: "rhythm",
            id: new_id,
        })
    })
}

/// Sets the rhythm's video-meeting link, or clears it with none or empty text; only an
/// https link with a host is kept (`model::meeting_link`).
pub fn set_meeting_link(store: &mut Store, id: RhythmId, raw: Option<&str>) -> Result<Rhythm> {
    check_id(id, "id")?;
    let link = crate::model::meeting_link(raw, "meetingLink")?;
    store.write(|tx| {
        let found = table::set_meeting_link(tx, id, link.as_deref())?;
        Error::unless_removed(found, "rhythm", id)?;
        table::get(tx, id)?.ok_or(Error::NotFound { what: "rhythm", id })
    })
}

pub fn delete(store: &mut Store, id: RhythmId) -> Result<()> {
    check_id(id, "id")?;
    store.write(|tx| {
        if table::delete(tx, id)? {
            Ok(())
        } else {
            Err(Error::NotFound { what: "rhythm", id })
        }
    })
}

/// Marks an occurrence held. For a fixed 1:1 series that is a held check-in too, which
/// resets the person's cadence.
pub fn mark_held(store: &mut Store, occurrence: &str, now: DateTime<Utc>) -> Result<()> {
    let r = OccurrenceRef::parse(occurrence)?;
    store.write(|tx| {
        let (rhythm, mut mark) = occurrence_of(tx, r)?;
        if mark.status == MarkStatus::Held {
            return Ok(());
        }
        // Held is a fact about the past: an occurrence that has not started cannot have been
        // held (for a 1:1 it would log a check-in in the future and reset the cadence early).
        let tz = zone(&rhythm)?;
        let starts = resolve_local(mark.moved_to.unwrap_or(mark.original), tz);
        if starts > now {
            return Err(Invalid::new("occurrence", "error.invalid.held_before_start").into());
        }
        mark.status = MarkStatus::Held;
        mark.reason = None;
        table::put_mark(tx, &mark)?;
        if let (RhythmKind::OneOnOne, Some(person)) = (rhythm.kind, rhythm.person_id) {
            let held_on = mark.moved_to.unwrap_or(mark.original).date();
            let minutes = u16::try_from(rhythm.duration_minutes).unwrap_or(u16::MAX);
            checkins::insert(
                tx,
                person,
                held_on,
                minutes,
                Channel::Video,
                None,
                Some((rhythm.id, r.original)),
                now,
            )?;
        }
        Ok(())
    })
}

pub fn skip(store: &mut Store, occurrence: &str, reason: Option<&str>) -> Result<()> {
    let r = OccurrenceRef::parse(occurrence)?;
    let reason = crate::model::text::optional_line(
        reason,
        "reason",
        REASON_MAX,
        "error.invalid.reason_too_long",
    )?;
    store.write(|tx| {
        let (rhythm, mut mark) = occurrence_of(tx, r)?;
        mark.status = MarkStatus::Skipped;
        mark.reason = reason;
        table::put_mark(tx, &mark)?;
        checkins::delete_for_occurrence(tx, rhythm.id, r.original)?;
        Ok(())
    })
}

/// Moves one occurrence to another local date and time, leaving the series as it is.
pub fn move_occurrence(store: &mut Store, occurrence: &str, date: &str, time: &str) -> Result<()> {
    let r = OccurrenceRef::parse(occurrence)?;
    let to =
        crate::model::text::date(date, "date")?.and_time(crate::model::text::time(time, "time")?);
    store.write(|tx| {
        let (_, mut mark) = occurrence_of(tx, r)?;
        mark.moved_to = (to != r.original).then_some(to);
        table::put_mark(tx, &mark)?;
        Ok(())
    })
}

/// Back to planned, where the rule put it.
pub fn reset(store: &mut Store, occurrence: &str) -> Result<()> {
    let r = OccurrenceRef::parse(occurrence)?;
    store.write(|tx| {
        let (rhythm, _) = occurrence_of(tx, r)?;
        drop_mark(tx, &rhythm, r.original)
    })
}

fn drop_mark(tx: &Connection, rhythm: &Rhythm, original: NaiveDateTime) -> Result<()> {
    table::delete_mark(tx, rhythm.id, original)?;
    checkins::delete_for_occurrence(tx, rhythm.id, original)
}

/// The rhythm and current mark of an occurrence the rule really produces.
fn occurrence_of(tx: &Connection, r: OccurrenceRef) -> Result<(Rhythm, OccurrenceMark)> {
    let rhythm = table::get(tx, r.rhythm_id)?.ok_or(Error::NotFound {
        what: "rhythm",
        id: r.rhythm_id,
    })?;
    let produced = series_of(&rhythm).is_some_and(|s| s.produces(r.original));
    if !produced {
        return Err(Error::NotFound {
            what: "occurrence",
            id: r.rhythm_id,
        });
    }
    let mark = table::get_mark(tx, r.rhythm_id, r.original)?.unwrap_or(OccurrenceMark {
        rhythm_id: r.rhythm_id,
        original: r.original,
        status: MarkStatus::Planned,
        reason: None,
        moved_to: None,
    });
    Ok((rhythm, mark))
}

fn prune_marks(tx: &Connection, rhythm: &Rhythm) -> Result<()> {
    let Some(series) = series_of(rhythm) else {
        return Ok(());
    };
    for mark in table::marks_of(tx, rhythm.id)? {
        if !series.produces(mark.original) {
            drop_mark(tx, rhythm, mark.original)?;
        }
    }
    Ok(())
}

fn zone(rhythm: &Rhythm) -> Result<Tz> {
    Ok(parse_tz(&rhythm.timezone)?)
}

/// Checks a draft against the rules and the store; returns the rhythm to store (start
/// normalised to the rule's first occurrence) and its RRULE.
fn validate(
    conn: &Connection,
    draft: &RhythmDraft,
    system_tz: Tz,
    id: RhythmId,
    created_at: DateTime<Utc>,
) -> Result<(Rhythm, String)> {
    let title = crate::model::text::title(&draft.title, TITLE_MAX)?;
    let date = crate::model::text::date(&draft.start_date, "startDate")?;
    let time = crate::model::text::time(&draft.start_time, "startTime")?;
    if !(1..=DURATION_MAX_MINUTES).contains(&draft.duration_minutes) {
        return Err(Invalid::new("durationMinutes", "error.invalid.duration")
            .with("max", DURATION_MAX_MINUTES)
            .into());
    }
    let tz = match draft
        .timezone
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(name) => parse_tz(name)?,
        None => system_tz,
    };
    draft.recurrence.validate(date)?;
    let leads = match &draft.lead_minutes {
        None => draft.kind.default_leads(),
        Some(leads) => validate_leads(leads)?,
    };
    let (group_id, person_id) = participants(conn, draft)?;
    let series = Series {
        start: date.and_time(time),
        tz,
        recurrence: draft.recurrence.clone(),
    };
    let series = series
        .normalized()
        .ok_or_else(|| Invalid::new("recurrence", "error.invalid.no_occurrences"))?;
    let rhythm = Rhythm {
        id,
        kind: draft.kind,
        title: title.to_owned(),
        group_id,
        person_id,
        start: series.start,
        duration_minutes: u32::try_from(draft.duration_minutes).unwrap_or(0),
        timezone: tz.name().to_owned(),
        recurrence: series.recurrence.clone(),
        lead_minutes: leads,
        created_at,
        meeting_link: None,
    };
    let rrule = rhythm.recurrence.to_rrule(tz);
    Ok((rhythm, rrule))
}

fn validate_leads(leads: &[i64]) -> std::result::Result<Vec<u32>, Invalid> {
    if leads.len() > LEADS_MAX {
        return Err(
            Invalid::new("leadMinutes", "error.invalid.too_many_leads").with("max", LEADS_MAX)
        );
    }
    let mut out = Vec::with_capacity(leads.len());
    for &lead in leads {
        if !(0..=LEAD_MAX_MINUTES).contains(&lead) {
            return Err(Invalid::new("leadMinutes", "error.invalid.lead"));
        }
        out.push(
            u32::try_from(lead).map_err(|_| Invalid::new("leadMinutes", "error.invalid.lead"))?,
        );
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    out.dedup();
    Ok(out)
}

/// Who a rhythm is for, by kind: a group meeting needs a group, a 1:1 a person, office
/// hours are for everyone, a social break for a group or everyone.
fn participants(conn: &Connection, draft: &RhythmDraft) -> Result<(Option<i64>, Option<i64>)> {
    let group = match (draft.kind, draft.group_id) {
        (RhythmKind::GroupMeeting, None) => {
            return Err(Invalid::new("groupId", "error.invalid.group_required").into())
        }
        (RhythmKind::GroupMeeting | RhythmKind::SocialBreak, Some(id)) => {
            check_id(id, "groupId")?;
            groups::get(conn, id)?.ok_or(Error::NotFound { what: "group", id })?;
            Some(id)
        }
        _ => None,
    };
    let person = match (draft.kind, draft.person_id) {
        (RhythmKind::OneOnOne, None) => {
            return Err(Invalid::new("personId", "error.invalid.person_required").into())
        }
        (RhythmKind::OneOnOne, Some(id)) => {
            check_id(id, "personId")?;
            let person = people::get(conn, id)?.ok_or(Error::NotFound { what: "person", id })?;
            if !person.is_active() {
                return Err(Invalid::new("personId", "error.invalid.person_archived")
                    .with("name", &person.name)
                    .into());
            }
            Some(id)
        }
        _ => None,
    };
    Ok((group, person))
}

#[cfg(test)]
mod tests;
