//! Check-ins: logging a held one (which resets the person's cadence), what the check-in
//! screen opens with (open follow-ups, the last pulse, three prompts that were not asked
//! lately), the draft kept while it is under way, finishing it in one transaction, the
//! manager's own prompts, and each person's timeline.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::error::{Error, Invalid, Result};
use crate::i18n::{t, Lang};
use crate::model::checkin::{
    PulsePoint, TimelineCheckIn, TimelineOccurrence, DRAFT_MAX_BYTES, FOLLOWUP_MAX,
    PROMPTS_PER_CHECKIN, PROMPT_MAX,
};
use crate::model::{
    check_id, checkin, CheckIn, CheckInContext, CheckInDraft, CheckInId, FinishCheckIn, FollowUp,
    FollowUpDraft, FollowUpId, MarkStatus, OwnPrompt, PersonId, PromptView, PulseDraft, Timeline,
};
use crate::store::{checkins as table, groups, people, rhythms, Store};

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
    store.write(|tx| Error::unless_removed(table::delete(tx, id)?, "checkin", id))
}

/// The guide's questions (DESIGN §1, rows 1–3), in the order they are first offered.
pub const BUILTIN_PROMPTS: &[&str] = &[
    "how_are_you",
    "working_from_home",
    "moving",
    "work_life",
    "division_of_work",
    "sounding_board",
    "worries",
];

fn builtin_view(name: &str, lang: Lang) -> PromptView {
    PromptView {
        id: format!("builtin:{name}"),
        text: t(lang, &format!("prompt.{name}"), &[]),
        builtin: true,
    }
}

/// Every prompt that can be offered now: the guide's, then the manager's own not retired.
fn active_prompts(conn: &Connection, lang: Lang) -> Result<Vec<PromptView>> {
    let mut all: Vec<PromptView> = BUILTIN_PROMPTS
        .iter()
        .map(|n| builtin_view(n, lang))
        .collect();
    all.extend(
        table::prompts(conn)?
            .into_iter()
            .filter(|p| p.retired_at.is_none())
            .map(|p| PromptView {
                id: format!("own:{}", p.id),
                text: p.text,
                builtin: false,
            }),
    );
    Ok(all)
}

/// Any prompt by id, retired ones included (for the timeline).
fn prompt_by_id(conn: &Connection, id: &str, lang: Lang) -> Result<Option<PromptView>> {
    if let Some(name) = id.strip_prefix("builtin:") {
        return Ok(BUILTIN_PROMPTS
            .contains(&name)
            .then(|| builtin_view(name, lang)));
    }
    let Some(own) = id.strip_prefix("own:").and_then(|n| n.parse::<i64>().ok()) else {
        return Ok(None);
    };
    Ok(table::prompts(conn)?
        .into_iter()
        .find(|p| p.id == own)
        .map(|p| PromptView {
            id: id.to_owned(),
            text: p.text,
            builtin: false,
        }))
}

/// Picks `PROMPTS_PER_CHECKIN` prompts: never asked with this person first, then the ones
/// asked longest ago; ties go round-robin from the number of check-ins held, so the same
/// three do not come back every time. Deterministic for a given history.
pub fn pick_prompts(
    candidates: &[PromptView],
    last_used: &HashMap<String, NaiveDate>,
    checkins_held: usize,
) -> Vec<PromptView> {
    let n = candidates.len().max(1);
    let mut ranked: Vec<(Option<NaiveDate>, usize, &PromptView)> = candidates
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let rotation = (i + n - (checkins_held * PROMPTS_PER_CHECKIN) % n) % n;
            (last_used.get(&p.id).copied(), rotation, p)
        })
        .collect();
    ranked.sort_by_key(|(used, rotation, _)| (*used, *rotation));
    ranked
        .into_iter()
        .take(PROMPTS_PER_CHECKIN)
        .map(|(_, _, p)| p.clone())
        .collect()
}

fn person_exists(conn: &Connection, person: PersonId) -> Result<crate::model::Person> {
    check_id(person, "personId")?;
    people::get(conn, person)?.ok_or(Error::NotFound {
        what: "person",
        id: person,
    })
}

/// What the check-in screen opens with; `today` (the manager's date) flags assignments not
/// discussed lately.
pub fn context(
    store: &Store,
    person: PersonId,
    lang: Lang,
    today: NaiveDate,
) -> Result<CheckInContext> {
    let conn = store.conn();
    let p = person_exists(conn, person)?;
    let last_used: HashMap<String, NaiveDate> = table::prompts_last_used(conn, person)?
        .into_iter()
        .collect();
    let held = table::for_person(conn, person)?.len();
    let prompts = pick_prompts(&active_prompts(conn, lang)?, &last_used, held);
    let draft = table::draft(conn, person)?.and_then(|body| serde_json::from_str(&body).ok());
    let work = crate::service::assignments::work_of(store, &p, today)?;
    Ok(CheckInContext {
        person: p,
        open_followups: table::followups_of(conn, person)?
            .into_iter()
            .filter(|f| f.done_on.is_none())
            .collect(),
        last_pulse: table::last_pulse(conn, person)?,
        prompts,
        draft,
        work,
    })
}

/// Keeps what the check-in screen holds, so nothing typed is lost if the window closes.
pub fn save_draft(
    store: &mut Store,
    person: PersonId,
    body: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<()> {
    let text = body.to_string();
    if text.len() > DRAFT_MAX_BYTES || !body.is_object() {
        return Err(Invalid::new("draft", "error.invalid.draft").into());
    }
    store.write(|tx| {
        person_exists(tx, person)?;
        table::save_draft(tx, person, &text, now)
    })
}

pub fn discard_draft(store: &mut Store, person: PersonId) -> Result<()> {
    check_id(person, "personId")?;
    store.write(|tx| table::delete_draft(tx, person))
}

struct ValidFollowUp {
    text: String,
    owner: crate::model::FollowUpOwner,
    due_on: Option<NaiveDate>,
}

fn valid_followup(
    draft: &FollowUpDraft,
    field: &'static str,
) -> std::result::Result<ValidFollowUp, Invalid> {
    Ok(ValidFollowUp {
        text: crate::model::text::line(
            &draft.text,
            field,
            FOLLOWUP_MAX,
            "error.invalid.followup_empty",
            "error.invalid.followup_too_long",
        )?,
        owner: draft.owner,
        due_on: draft
            .due_on
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| crate::model::text::date(d, "dueOn"))
            .transpose()?,
    })
}

/// Records the conversation as held — check-in, pulse, note, prompts used, follow-ups done and
/// new — in one transaction, and drops the draft. The cadence restarts from `heldOn`.
pub fn finish(
    store: &mut Store,
    draft: &FinishCheckIn,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<CheckIn> {
    let person = draft.person_id;
    check_id(person, "personId")?;
    let held_on = checkin::held_on(&draft.held_on, today)?;
    let note = checkin::note(draft.note.as_deref())?;
    let pulse = draft.pulse.validate()?;
    let new_followups = draft
        .new_followups
        .iter()
        .map(|f| valid_followup(f, "newFollowups"))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    if draft.prompts.len() > 20 || draft.prompts.iter().any(|p| p.len() > 40) {
        return Err(Invalid::new("prompts", "error.invalid.payload").into());
    }
    store.write(|tx| {
        let p = person_exists(tx, person)?;
        let minutes = match draft.minutes {
            None => p.checkin_minutes,
            Some(m) => checkin::minutes(m, "minutes")?,
        };
        let id = table::insert(
            tx,
            person,
            held_on,
            minutes,
            draft.channel,
            note.as_deref(),
            None,
            now,
        )?;
        table::set_pulse(tx, id, &pulse)?;
        for prompt in &draft.prompts {
            table::record_prompt(tx, id, prompt)?;
        }
        let open: HashSet<FollowUpId> = table::followups_of(tx, person)?
            .into_iter()
            .filter(|f| f.done_on.is_none())
            .map(|f| f.id)
            .collect();
        for done in &draft.done_followups {
            if !open.contains(done) {
                return Err(Error::NotFound {
                    what: "followup",
                    id: *done,
                });
            }
            table::set_followup_done(tx, *done, Some(held_on))?;
        }
        for f in &new_followups {
            table::insert_followup(tx, person, Some(id), &f.text, f.owner, f.due_on, now)?;
        }
        table::delete_draft(tx, person)?;
        table::get(tx, id)?.ok_or(Error::NotFound {
            what: "checkin",
            id,
        })
    })
}

/// What the person page can change of a held check-in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckInEdit {
    pub held_on: String,
    pub minutes: i64,
    pub channel: crate::model::Channel,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub pulse: PulseDraft,
}

pub fn edit_checkin(
    store: &mut Store,
    id: CheckInId,
    edit: &CheckInEdit,
    today: NaiveDate,
) -> Result<CheckIn> {
    check_id(id, "id")?;
    let held_on = checkin::held_on(&edit.held_on, today)?;
    let minutes = checkin::minutes(edit.minutes, "minutes")?;
    let note = checkin::note(edit.note.as_deref())?;
    let pulse = edit.pulse.validate()?;
    store.write(|tx| {
        if !table::update(tx, id, held_on, minutes, edit.channel, note.as_deref())? {
            return Err(Error::NotFound {
                what: "checkin",
                id,
            });
        }
        table::set_pulse(tx, id, &pulse)?;
        table::get(tx, id)?.ok_or(Error::NotFound {
            what: "checkin",
            id,
        })
    })
}

/// Adds a follow-up outside a check-in (from the person page).
pub fn add_followup(
    store: &mut Store,
    person: PersonId,
    draft: &FollowUpDraft,
    now: DateTime<Utc>,
) -> Result<FollowUp> {
    let valid = valid_followup(draft, "text")?;
    store.write(|tx| {
        person_exists(tx, person)?;
        let id = table::insert_followup(
            tx,
            person,
            None,
            &valid.text,
            valid.owner,
            valid.due_on,
            now,
        )?;
        followup(tx, id)
    })
}

pub fn edit_followup(store: &mut Store, id: FollowUpId, draft: &FollowUpDraft) -> Result<FollowUp> {
    check_id(id, "id")?;
    let valid = valid_followup(draft, "text")?;
    store.write(|tx| {
        if !table::update_followup(tx, id, &valid.text, valid.owner, valid.due_on)? {
            return Err(Error::NotFound {
                what: "followup",
                id,
            });
        }
        followup(tx, id)
    })
}

/// Ticks a follow-up off (or opens it again).
pub fn set_followup_done(
    store: &mut Store,
    id: FollowUpId,
    done: bool,
    today: NaiveDate,
) -> Result<FollowUp> {
    check_id(id, "id")?;
    store.write(|tx| {
        if !table::set_followup_done(tx, id, done.then_some(today))? {
            return Err(Error::NotFound {
                what: "followup",
                id,
            });
        }
        followup(tx, id)
    })
}

pub fn delete_followup(store: &mut Store, id: FollowUpId) -> Result<()> {
    check_id(id, "id")?;
    store.write(|tx| Error::unless_removed(table::delete_followup(tx, id)?, "followup", id))
}

fn own_prompt(conn: &Connection, id: i64) -> Result<OwnPrompt> {
    table::prompts(conn)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(Error::NotFound { what: "prompt", id })
}

fn followup(conn: &Connection, id: FollowUpId) -> Result<FollowUp> {
    table::followup(conn, id)?.ok_or(Error::NotFound {
        what: "followup",
        id,
    })
}

/// Open follow-ups due today or earlier, for Today.
pub fn followups_due(store: &Store, today: NaiveDate) -> Result<Vec<FollowUp>> {
    table::followups_due(store.conn(), today)
}

pub fn own_prompts(store: &Store) -> Result<Vec<OwnPrompt>> {
    table::prompts(store.conn())
}

pub fn add_prompt(store: &mut Store, text: &str, now: DateTime<Utc>) -> Result<OwnPrompt> {
    let text = crate::model::text::line(
        text,
        "text",
        PROMPT_MAX,
        "error.invalid.prompt_empty",
        "error.invalid.prompt_too_long",
    )?;
    store.write(|tx| {
        let id = table::insert_prompt(tx, &text, now)?;
        own_prompt(tx, id)
    })
}

pub fn edit_prompt(store: &mut Store, id: i64, text: &str) -> Result<OwnPrompt> {
    check_id(id, "id")?;
    let text = crate::model::text::line(
        text,
        "text",
        PROMPT_MAX,
        "error.invalid.prompt_empty",
        "error.invalid.prompt_too_long",
    )?;
    store.write(|tx| {
        if !table::update_prompt(tx, id, &text)? {
            return Err(Error::NotFound { what: "prompt", id });
        }
        own_prompt(tx, id)
    })
}

/// Retires a prompt (it stays in past check-ins) or brings it back.
pub fn retire_prompt(
    store: &mut Store,
    id: i64,
    retired: bool,
    now: DateTime<Utc>,
) -> Result<OwnPrompt> {
    check_id(id, "id")?;
    store.write(|tx| {
        if !table::retire_prompt(tx, id, retired.then_some(now))? {
            return Err(Error::NotFound { what: "prompt", id });
        }
        own_prompt(tx, id)
    })
}

/// The person page: check-ins with their prompts and follow-ups, the pulse over time, all
/// follow-ups, and the occurrences of the last 90 days the person took part in.
pub fn timeline(
    store: &Store,
    person: PersonId,
    now: DateTime<Utc>,
    tz: Tz,
    lang: Lang,
) -> Result<Timeline> {
    let conn = store.conn();
    let p = person_exists(conn, person)?;
    let followups = table::followups_of(conn, person)?;
    let mut entries = Vec::new();
    let mut pulses = Vec::new();
    for checkin in table::for_person(conn, person)? {
        let prompts = table::prompts_of(conn, checkin.id)?
            .iter()
            .filter_map(|id| prompt_by_id(conn, id, lang).transpose())
            .collect::<Result<Vec<_>>>()?;
        if !checkin.pulse.is_empty() {
            pulses.push(PulsePoint {
                date: checkin.held_on,
                pulse: checkin.pulse,
            });
        }
        entries.push(TimelineCheckIn {
            followups: followups
                .iter()
                .filter(|f| f.checkin_id == Some(checkin.id))
                .cloned()
                .collect(),
            prompts,
            checkin,
        });
    }
    pulses.reverse();
    let (pulses_before, pulses) = chart_window(pulses);
    Ok(Timeline {
        person: p,
        checkins: entries,
        pulses,
        pulses_before,
        followups,
        occurrences: occurrences_with(conn, person, now, tz)?,
    })
}

/// How far back the person page's pulse chart reaches from the latest pulse.
pub const PULSE_CHART_DAYS: i64 = 365;

/// The chart's part of `pulses` (oldest first): the year up to the latest one, and how many
/// came before it.
fn chart_window(mut pulses: Vec<PulsePoint>) -> (u32, Vec<PulsePoint>) {
    let Some(latest) = pulses.last().map(|p| p.date) else {
        return (0, pulses);
    };
    let from = latest - chrono::Duration::days(PULSE_CHART_DAYS);
    let before = pulses.partition_point(|p| p.date < from);
    pulses.drain(..before);
    (u32::try_from(before).unwrap_or(u32::MAX), pulses)
}

/// Their 1:1 series and their groups' meetings and breaks over the last 90 days.
fn occurrences_with(
    conn: &Connection,
    person: PersonId,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<Vec<TimelineOccurrence>> {
    let member_of: HashSet<i64> = groups::all(conn)?
        .into_iter()
        .filter(|g| g.member_ids.contains(&person))
        .map(|g| g.id)
        .collect();
    let all_people = people::all(conn)?;
    let all_groups = groups::all(conn)?;
    let names = crate::schedule::agenda::Names::new(&all_people, &all_groups);
    let marks = rhythms::all_marks(conn)?;
    let from = crate::schedule::agenda::days_back(now, 90, tz);
    let mut out = Vec::new();
    for rhythm in rhythms::all(conn)? {
        let involved = rhythm.person_id == Some(person)
            || rhythm.group_id.is_some_and(|g| member_of.contains(&g));
        if !involved {
            continue;
        }
        for o in crate::schedule::agenda::occurrences(&rhythm, &marks, &names, from, now) {
            if o.status != MarkStatus::Skipped {
                out.push(TimelineOccurrence {
                    id: o.id,
                    title: o.title.to_string(),
                    start: o.start,
                    status: o.status,
                });
            }
        }
    }
    out.sort_by_key(|o| std::cmp::Reverse(o.start));
    Ok(out)
}

#[cfg(test)]
mod tests;
