//! Fika pairing rounds ("fikaparning"): draw pairs (and a trio for an odd count) for a work
//! group or the whole team that avoid recent repeats, redraw a draft, confirm it, and export
//! it as text to paste into a chat or a mail.
//!
//! History is per scope: a work group's round avoids the pairs of that group's last K
//! confirmed rounds, a whole-team round those of the last K whole-team rounds. A group's
//! fika and the team's fika are different habits, and mixing them would let a busy group
//! push the team's history out of the window. Drafts never count.

pub mod solver;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::Connection;

use crate::error::{Error, Invalid, Result};
use crate::i18n::{t, Lang};
use crate::model::{
    check_id, FikaPair, GroupId, PersonId, Round, RoundDraft, RoundId, RoundMember, RoundStatus,
};
use crate::service::settings;
use crate::store::pairing::{self as table, MemberRow, PlanRow, RoundRow, Scope};
use crate::store::{groups, people, Store};

use solver::Meetings;

/// More skips than people in the largest team the app is made for is not a form's doing.
const SKIPS_MAX: usize = 1000;

/// Every round, newest first.
pub fn list_rounds(store: &Store) -> Result<Vec<Round>> {
    let names = Names::of(store)?;
    table::all(store.conn())?
        .into_iter()
        .map(|row| assemble(store.conn(), row, &names))
        .collect()
}

pub fn get_round(store: &Store, id: RoundId) -> Result<Round> {
    check_id(id, "id")?;
    let row = table::get(store.conn(), id)?.ok_or_else(|| not_found(id))?;
    assemble(store.conn(), row, &Names::of(store)?)
}

/// Draws a new draft round for the draft's group (or the whole team): every active member
/// not marked to skip, avoiding pairs from the scope's last confirmed rounds. The same seed
/// and history give the same pairs; the shell picks a fresh seed for each draw.
pub fn create_round(
    store: &mut Store,
    draft: &RoundDraft,
    seed: u32,
    now: DateTime<Utc>,
) -> Result<Round> {
    if let Some(group) = draft.group_id {
        check_id(group, "groupId")?;
    }
    let skip = check_skips(&draft.skip_ids)?;
    let k = settings::history_rounds(store)?;
    let id = store.write(|tx| {
        let drawn = draw(tx, draft.group_id, &skip, seed, k)?;
        table::insert(tx, draft.group_id, &drawn.row(), now)
    })?;
    get_round(store, id)
}

/// Draws a draft round again with a new seed and skip list (the whole list: pass the
/// round's `skipped` ids to keep them), against the history as it is now. A confirmed round
/// is history and stays as it is.
pub fn regenerate(store: &mut Store, id: RoundId, skip_ids: &[i64], seed: u32) -> Result<Round> {
    check_id(id, "id")?;
    let skip = check_skips(skip_ids)?;
    let k = settings::history_rounds(store)?;
    store.write(|tx| {
        let row = draft_row(tx, id)?;
        let drawn = draw(tx, row.group_id, &skip, seed, k)?;
        table::set_plan(tx, id, &drawn.row())?;
        Ok(())
    })?;
    get_round(store, id)
}

/// Fixes a draft: from now on its pairs count as history. `today` is the manager's local
/// date, which the export names the week by.
pub fn confirm(store: &mut Store, id: RoundId, today: NaiveDate) -> Result<Round> {
    check_id(id, "id")?;
    store.write(|tx| {
        draft_row(tx, id)?;
        table::confirm(tx, id, today)?;
        Ok(())
    })?;
    get_round(store, id)
}

/// Deletes a round, draft or confirmed; a deleted confirmed round no longer counts as
/// history.
pub fn delete_round(store: &mut Store, id: RoundId) -> Result<()> {
    check_id(id, "id")?;
    store.write(|tx| Error::unless_removed(table::delete(tx, id)?, "round", id))
}

/// A confirmed round as plain text to paste into a chat or a mail: a header line, then one
/// line per pair or trio ("Anna & Bo", "Cecilia, David & Eva").
pub fn export_text(store: &Store, id: RoundId, lang: Lang) -> Result<String> {
    let round = get_round(store, id)?;
    if round.status != RoundStatus::Confirmed {
        return Err(Error::Conflict {
            key: "error.conflict.round_not_confirmed",
            args: Vec::new(),
        });
    }
    let group_name = match round.group_id {
        Some(id) => groups::get(store.conn(), id)?.map(|g| g.name),
        None => None,
    };
    Ok(render_text(&round, group_name.as_deref(), lang))
}

/// The export text of a round; `group_name` is the work group's name for a group's round.
pub fn render_text(round: &Round, group_name: Option<&str>, lang: Lang) -> String {
    let date = round
        .confirmed_on
        .unwrap_or_else(|| round.created_at.date_naive());
    let week = date.iso_week().week().to_string();
    let mut out = match group_name {
        Some(group) => t(
            lang,
            "pairing.export_header.group",
            &[("group", group), ("week", &week)],
        ),
        None => t(lang, "pairing.export_header.team", &[("week", &week)]),
    };
    out.push('\n');
    for pair in &round.pairs {
        let names: Vec<&str> = pair.members.iter().map(|m| m.name.as_str()).collect();
        out.push_str(&join_names(&names));
        out.push('\n');
    }
    out
}

/// "Anna & Bo", "Cecilia, David & Eva": the ampersand reads the same in Swedish and English.
fn join_names(names: &[&str]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} & {last}", rest.join(", ")),
    }
}

/// A drawn split, ready to store.
struct Drawn {
    seed: u32,
    history_rounds: u16,
    groups: Vec<(Vec<PersonId>, u32)>,
    skipped: Vec<PersonId>,
    repeated_pairs: u32,
    best_possible: bool,
}

impl Drawn {
    fn row(&self) -> PlanRow<'_> {
        PlanRow {
            seed: self.seed,
            repeated_pairs: self.repeated_pairs,
            best_possible: self.best_possible,
            history_rounds: self.history_rounds,
            groups: &self.groups,
            skipped: &self.skipped,
        }
    }
}

fn draw(
    conn: &Connection,
    group: Option<GroupId>,
    skip: &[PersonId],
    seed: u32,
    k: u16,
) -> Result<Drawn> {
    let members: Option<HashSet<PersonId>> = match group {
        Some(id) => {
            let group = groups::get(conn, id)?.ok_or(Error::NotFound { what: "group", id })?;
            Some(group.member_ids.into_iter().collect())
        }
        None => None,
    };
    let candidates: Vec<PersonId> = people::all(conn)?
        .into_iter()
        .filter(|p| p.is_active() && members.as_ref().is_none_or(|m| m.contains(&p.id)))
        .map(|p| p.id)
        .collect();
    for &id in skip {
        if !candidates.contains(&id) {
            let person = people::get(conn, id)?.ok_or(Error::NotFound { what: "person", id })?;
            return Err(
                Invalid::new("skipIds", "error.invalid.skip_not_participant")
                    .with("name", person.name)
                    .into(),
            );
        }
    }
    let participants: Vec<PersonId> = candidates
        .iter()
        .copied()
        .filter(|id| !skip.contains(id))
        .collect();
    let not_enough = || Error::Conflict {
        key: "error.conflict.not_enough_people",
        args: vec![("count", participants.len().to_string())],
    };
    let scope = group.map_or(Scope::Team, Scope::Group);
    let meetings = Meetings::new(&table::history(conn, scope, k)?);
    let plan = solver::plan(&participants, &meetings, seed).ok_or_else(not_enough)?;
    let repeated_pairs = plan.repeated_pairs();
    Ok(Drawn {
        seed,
        history_rounds: k,
        groups: plan
            .groups
            .iter()
            .map(|g| (g.clone(), meetings.group_cost(g).repeats))
            .collect(),
        skipped: skip.to_vec(),
        repeated_pairs,
        best_possible: plan.exact || repeated_pairs == 0,
    })
}

/// The round, if it is still a draft.
fn draft_row(conn: &Connection, id: RoundId) -> Result<RoundRow> {
    let row = table::get(conn, id)?.ok_or_else(|| not_found(id))?;
    if row.status == RoundStatus::Confirmed {
        return Err(Error::Conflict {
            key: "error.conflict.round_confirmed",
            args: Vec::new(),
        });
    }
    Ok(row)
}

fn check_skips(ids: &[i64]) -> Result<Vec<PersonId>> {
    if ids.len() > SKIPS_MAX {
        return Err(Invalid::new("skipIds", "error.invalid.too_many_skips")
            .with("max", SKIPS_MAX)
            .into());
    }
    let mut out: Vec<PersonId> = Vec::with_capacity(ids.len());
    for &id in ids {
        check_id(id, "skipIds")?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

fn not_found(id: RoundId) -> Error {
    Error::NotFound { what: "round", id }
}

/// Names and the team's (Swedish) order, for showing members.
struct Names(HashMap<PersonId, (usize, String)>);

impl Names {
    fn of(store: &Store) -> Result<Names> {
        Ok(Names(
            crate::service::people::list(store)?
                .into_iter()
                .enumerate()
                .map(|(i, p)| (p.id, (i, p.name)))
                .collect(),
        ))
    }

    fn member(&self, person_id: PersonId) -> (usize, RoundMember) {
        let (order, name) = self
            .0
            .get(&person_id)
            .cloned()
            .unwrap_or((usize::MAX, String::new()));
        (order, RoundMember { person_id, name })
    }
}

fn assemble(conn: &Connection, row: RoundRow, names: &Names) -> Result<Round> {
    let mut slots: BTreeMap<u32, (Vec<(usize, RoundMember)>, u32)> = BTreeMap::new();
    let mut skipped = Vec::new();
    for MemberRow {
        person_id,
        slot,
        slot_repeats,
    } in table::members(conn, row.id)?
    {
        let member = names.member(person_id);
        match slot {
            Some(slot) => {
                let entry = slots.entry(slot).or_default();
                entry.0.push(member);
                entry.1 = slot_repeats;
            }
            None => skipped.push(member),
        }
    }
    let mut pairs: Vec<(usize, FikaPair)> = slots
        .into_values()
        .map(|(mut members, repeated_pairs)| {
            members.sort_by_key(|(order, m)| (*order, m.person_id));
            let first = members.first().map_or(usize::MAX, |(order, _)| *order);
            let members = members.into_iter().map(|(_, m)| m).collect();
            (
                first,
                FikaPair {
                    members,
                    repeated_pairs,
                },
            )
        })
        .collect();
    pairs.sort_by_key(|(first, _)| *first);
    skipped.sort_by_key(|(order, m)| (*order, m.person_id));
    Ok(Round {
        id: row.id,
        group_id: row.group_id,
        status: row.status,
        seed: row.seed,
        pairs: pairs.into_iter().map(|(_, p)| p).collect(),
        skipped: skipped.into_iter().map(|(_, m)| m).collect(),
        repeated_pairs: row.repeated_pairs,
        best_possible: row.best_possible,
        history_rounds: row.history_rounds,
        created_at: row.created_at,
        confirmed_on: row.confirmed_on,
    })
}

#[cfg(test)]
mod tests;
