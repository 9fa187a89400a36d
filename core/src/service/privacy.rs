//! GDPR for one person: erasure (Art. 17), which removes every row about them in one
//! transaction and then scrubs the file and its write-ahead log, and access (Art. 15), which
//! gathers every row about them into machine-readable JSON and a readable HTML page in the
//! manager's language.
//!
//! Erasure works on any store given a person's id, so the same function clears a backup
//! copy. What it does with what others share with the person:
//! - an assignment they owned stays with its other owners (or none); as a sounding board
//!   they are simply gone from it;
//! - a fika round loses their place; a round left with fewer than two people paired records
//!   no pair any more and is deleted whole, while a partner left alone keeps their slot;
//! - ideas they suggested are kept without a name or erased, as the manager chooses;
//! - reminder entries keyed to them (their check-ins, their 1:1 series, erased ideas) are
//!   deleted; other entries whose title names them keep their key, so nothing fires twice,
//!   with the name replaced by a dash.
//!
//! Free text the manager wrote about someone else (another person's note that mentions
//! them, a group's name) is that other person's record and is left as written.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use ts_rs::TS;

use crate::error::{Error, Invalid, Result};
use crate::i18n::{t, tn, Lang};
use crate::model::privacy::{ErasureReport, IdeaChoice};
use crate::model::{check_id, CheckIn, FollowUp, FollowUpOwner, Idea, Person, PersonId, Rhythm};
use crate::service::checkins::BUILTIN_PROMPTS;
use crate::store::privacy::{self as table, ReminderRow};
use crate::store::{assignments, checkins, groups, ideas, people, rhythms, Store};

/// Erases `id` and everything about them, as the person page asks for it: `confirm_name`
/// must be the person's name as stored (surrounding spaces aside), or nothing changes. The
/// name is checked inside the erasing transaction, so a rename in between cannot slip past.
pub fn erase_confirmed(
    store: &mut Store,
    id: PersonId,
    confirm_name: &str,
    ideas: IdeaChoice,
) -> Result<ErasureReport> {
    erase_checked(store, id, ideas, Some(confirm_name))
}

/// Erases `id` and every row about them in one transaction, then empties the write-ahead
/// log and rebuilds the file so no deleted byte stays readable in it. An unknown id is
/// `NotFound` and changes nothing.
pub fn erase(store: &mut Store, id: PersonId, ideas: IdeaChoice) -> Result<ErasureReport> {
    erase_checked(store, id, ideas, None)
}

fn erase_checked(
    store: &mut Store,
    id: PersonId,
    ideas: IdeaChoice,
    confirm_name: Option<&str>,
) -> Result<ErasureReport> {
    check_id(id, "id")?;
    let mut report = store.write(|tx| {
        let person = people::get(tx, id)?.ok_or(Error::NotFound { what: "person", id })?;
        if confirm_name.is_some_and(|typed| typed.trim() != person.name.trim()) {
            return Err(Invalid::new("confirmName", "error.invalid.erase_confirm")
                .with("name", &person.name)
                .into());
        }
        table::erase(tx, id, ideas)
    })?;
    report.log_cleared = scrub(store)?;
    log::info!("erased person {id}");
    Ok(report)
}

/// `erase` for a store that may not hold the person at all (a backup made before they were
/// added): `None` when there was nobody to erase.
pub fn erase_if_present(
    store: &mut Store,
    id: PersonId,
    ideas: IdeaChoice,
) -> Result<Option<ErasureReport>> {
    match erase(store, id, ideas) {
        Ok(report) => Ok(Some(report)),
        Err(Error::NotFound { what: "person", .. }) => Ok(None),
        Err(error) => Err(error),
    }
}

/// What an erasure removed, one counted line per kind that had any, in `lang`: what the
/// command line prints (the UI renders the same catalogue keys itself).
pub fn report_lines(report: &ErasureReport, lang: Lang) -> Vec<String> {
    let kinds = [
        ("checkins", report.checkins),
        ("pulses", report.pulses),
        ("prompts_asked", report.prompts_asked),
        ("followups", report.followups),
        ("drafts", report.drafts),
        ("rhythms", report.rhythms),
        ("occurrence_marks", report.occurrence_marks),
        ("assignments_owned", report.assignments_owned),
        ("sounding_boards", report.sounding_boards),
        ("fika_places", report.fika_places),
        ("fika_rounds_deleted", report.fika_rounds_deleted),
        ("ideas_anonymised", report.ideas_anonymised),
        ("ideas_erased", report.ideas_erased),
        ("group_memberships", report.group_memberships),
        ("reminders", report.reminders),
        ("reminder_titles", report.reminder_titles),
        ("backups_rewritten", report.backups_rewritten),
        ("backups_deleted", report.backups_deleted),
    ];
    kinds
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| tn(lang, &format!("privacy.erased.{kind}"), i64::from(n), &[]))
        .collect()
}

/// After a commit: the log's old page images go (checkpoint and truncate), the file is
/// rebuilt without free space (VACUUM, which itself writes through the log), and the log is
/// emptied again. `secure_delete` already zeroes what this connection deletes; the rebuild
/// is for bytes an earlier version, which did not set it, left in free space.
fn scrub(store: &mut Store) -> Result<bool> {
    let conn = store.conn();
    let first = table::checkpoint_truncate(conn)?;
    if !first {
        // Another connection reads the log; rebuilding now would only add to it.
        log::warn!("the write-ahead log could not be emptied after an erasure");
        return Ok(false);
    }
    table::vacuum(conn)?;
    table::checkpoint_truncate(conn)
}

/// Everything about one person: `json` for machines, `html` for reading.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonExport {
    pub person: Person,
    pub json: Value,
    pub html: String,
}

/// Where an export was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFiles {
    pub html: String,
    pub json: String,
}

/// What the export gathers, read once.
struct Gathered {
    person: Person,
    checkins: Vec<(CheckIn, Vec<(String, String)>)>,
    followups: Vec<FollowUp>,
    draft: Option<(Value, DateTime<Utc>)>,
    assignments: Vec<AssignmentPart>,
    groups: Vec<(i64, String)>,
    rounds: Vec<RoundPart>,
    ideas: Vec<Idea>,
    rhythms: Vec<(Rhythm, Vec<crate::model::OccurrenceMark>)>,
    reminders: Vec<ReminderRow>,
    snoozes: Vec<(String, DateTime<Utc>)>,
    away: Vec<crate::model::Away>,
    bookings: Vec<crate::model::Booking>,
}

struct AssignmentPart {
    id: i64,
    title: String,
    status: crate::model::AssignmentStatus,
    owner: bool,
}

struct RoundPart {
    id: i64,
    status: crate::model::RoundStatus,
    created_at: DateTime<Utc>,
    confirmed_on: Option<chrono::NaiveDate>,
    took_part: bool,
}

fn gather(store: &Store, id: PersonId, lang: Lang) -> Result<Gathered> {
    let conn = store.conn();
    let person = people::get(conn, id)?.ok_or(Error::NotFound { what: "person", id })?;
    let own: HashMap<String, String> = checkins::prompts(conn)?
        .into_iter()
        .map(|p| (format!("own:{}", p.id), p.text))
        .collect();
    let prompt_text = |key: &str| -> String {
        match key.strip_prefix("builtin:") {
            Some(name) if BUILTIN_PROMPTS.contains(&name) => {
                t(lang, &format!("prompt.{name}"), &[])
            }
            _ => own.get(key).cloned().unwrap_or_default(),
        }
    };
    let mut held = Vec::new();
    for checkin in checkins::for_person(conn, id)? {
        let prompts = checkins::prompts_of(conn, checkin.id)?
            .into_iter()
            .map(|key| {
                let text = prompt_text(&key);
                (key, text)
            })
            .collect();
        held.push((checkin, prompts));
    }
    let draft = table::draft_of(conn, id)?.map(|(body, at)| {
        // A draft is the check-in screen's JSON; one that does not parse is shown as text.
        (
            serde_json::from_str(&body).unwrap_or(Value::String(body)),
            at,
        )
    });
    let assignments = assignments::all(conn)?
        .into_iter()
        .filter_map(|a| {
            let owner = a.owner_ids.contains(&id);
            (owner || a.sounding_board_id == Some(id)).then_some(AssignmentPart {
                id: a.id,
                title: a.title,
                status: a.status,
                owner,
            })
        })
        .collect();
    let groups = groups::all(conn)?
        .into_iter()
        .filter(|g| g.member_ids.contains(&id))
        .map(|g| (g.id, g.name))
        .collect();
    let rounds = table::rounds_of(conn, id)?
        .into_iter()
        .map(|(row, slot)| RoundPart {
            id: row.id,
            status: row.status,
            created_at: row.created_at,
            confirmed_on: row.confirmed_on,
            took_part: slot.is_some(),
        })
        .collect();
    let ideas: Vec<Idea> = ideas::all(conn)?
        .into_iter()
        .filter(|i| i.suggested_by == Some(id))
        .collect();
    let series: Vec<Rhythm> = rhythms::all(conn)?
        .into_iter()
        .filter(|r| r.person_id == Some(id))
        .collect();
    let mut with_marks = Vec::with_capacity(series.len());
    for rhythm in series {
        let marks = rhythms::marks_of(conn, rhythm.id)?;
        with_marks.push((rhythm, marks));
    }
    let rhythm_ids: Vec<i64> = with_marks.iter().map(|(r, _)| r.id).collect();
    let idea_ids: Vec<i64> = ideas.iter().map(|i| i.id).collect();
    let prefixes = table::reminder_prefixes(id, &rhythm_ids, &idea_ids);
    Ok(Gathered {
        followups: checkins::followups_of(conn, id)?,
        checkins: held,
        draft,
        assignments,
        groups,
        rounds,
        ideas,
        rhythms: with_marks,
        reminders: table::reminders_with(conn, &prefixes)?,
        snoozes: table::snoozes_with(conn, &prefixes)?,
        away: crate::store::away::of_person(conn, id)?,
        bookings: crate::store::bookings::of_person(conn, id)?
            .into_iter()
            .collect(),
        person,
    })
}

/// Everything Närvaro holds about `id`, as JSON and as a page in `lang`. Nothing about
/// anyone else: assignments by title, groups by name, fika rounds by date, without the
/// other people in them.
pub fn export_person(
    store: &Store,
    id: PersonId,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<PersonExport> {
    check_id(id, "id")?;
    let data = gather(store, id, lang)?;
    Ok(PersonExport {
        json: to_json(&data, now),
        html: to_html(&data, lang, now),
        person: data.person,
    })
}

fn to_json(d: &Gathered, now: DateTime<Utc>) -> Value {
    json!({
        "format": "narvaro-person-export",
        "version": 1,
        "exportedAt": now,
        "person": d.person,
        "checkIns": d.checkins.iter().map(|(c, prompts)| {
            let mut value = json!(c);
            if let Some(obj) = value.as_object_mut() {
                obj.insert("promptsAsked".into(), prompts.iter()
                    .map(|(key, text)| json!({"id": key, "text": text}))
                    .collect());
            }
            value
        }).collect::<Vec<_>>(),
        "followUps": d.followups,
        "checkInDraft": d.draft.as_ref().map(|(body, at)| json!({"body": body, "updatedAt": at})),
        "assignments": d.assignments.iter().map(|a| json!({
            "id": a.id,
            "title": a.title,
            "status": a.status,
            "role": if a.owner { "owner" } else { "sounding_board" },
        })).collect::<Vec<_>>(),
        "groups": d.groups.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>(),
        "fikaRounds": d.rounds.iter().map(|r| json!({
            "id": r.id,
            "status": r.status,
            "createdAt": r.created_at,
            "confirmedOn": r.confirmed_on,
            "tookPart": r.took_part,
        })).collect::<Vec<_>>(),
        "ideas": d.ideas,
        "away": d.away,
        "bookings": d.bookings,
        "rhythms": d.rhythms.iter().map(|(r, marks)| {
            let mut value = json!(r);
            if let Some(obj) = value.as_object_mut() {
                obj.insert("occurrenceMarks".into(), marks.iter().map(|m| json!({
                    "original": m.original,
                    "status": m.status,
                    "reason": m.reason,
                    "movedTo": m.moved_to,
                })).collect());
            }
            value
        }).collect::<Vec<_>>(),
        "reminders": d.reminders.iter().map(|r| json!({
            "key": r.key,
            "outcome": r.outcome,
            "fireAt": r.fire_at,
            "title": r.title,
            "loggedAt": r.logged_at,
        })).collect::<Vec<_>>(),
        "snoozes": d.snoozes.iter().map(|(key, until)| json!({"key": key, "until": until}))
            .collect::<Vec<_>>(),
    })
}

/// Text for HTML: every character that could start markup is escaped, so a note holding
/// `<b>x</b>` shows those characters.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn instant(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A `<dl>` of label/value pairs; values are already escaped.
fn fields(out: &mut String, rows: &[(String, String)]) {
    out.push_str("<dl>");
    for (label, value) in rows {
        let _ = write!(out, "<dt>{}</dt><dd>{value}</dd>", esc(label));
    }
    out.push_str("</dl>\n");
}

fn section(out: &mut String, lang: Lang, key: &str, empty: bool) -> bool {
    let _ = writeln!(out, "<h2>{}</h2>", esc(&t(lang, key, &[])));
    if empty {
        let _ = writeln!(
            out,
            "<p class=\"none\">{}</p>",
            esc(&t(lang, "privacy.none", &[]))
        );
    }
    !empty
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;\
padding:0 1rem;line-height:1.5;color:#1a1a1a}h1{font-size:1.6rem}h2{font-size:1.2rem;\
margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin-bottom:.25rem}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.25rem 0}\
dt{color:#555}dd{margin:0}.note,pre{white-space:pre-wrap;overflow-wrap:anywhere;\
background:#f5f5f5;padding:.5rem .75rem;border-radius:4px;font:inherit}.none{color:#555}\
article{margin-bottom:1.25rem}";

fn to_html(d: &Gathered, lang: Lang, now: DateTime<Utc>) -> String {
    let tr = |key: &str| t(lang, key, &[]);
    let p = &d.person;
    let mut out = String::new();
    let title = t(lang, "privacy.export_title", &[("name", &p.name)]);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p>{}</p>\n",
        lang.code(),
        esc(&title),
        esc(&title),
        esc(&t(
            lang,
            "privacy.export_intro",
            &[("date", &instant(now))]
        )),
    );

    section(&mut out, lang, "privacy.section.person", false);
    let opt = |v: &Option<String>| esc(v.as_deref().unwrap_or("–"));
    fields(
        &mut out,
        &[
            (tr("person.name"), esc(&p.name)),
            (tr("person.role"), opt(&p.role)),
            (tr("person.email"), opt(&p.email)),
            (tr("person.cadence"), p.cadence_days.to_string()),
            (tr("person.checkin_minutes"), p.checkin_minutes.to_string()),
            (tr("privacy.added"), instant(p.created_at)),
            (
                tr("privacy.archived"),
                p.archived_at.map_or_else(|| "–".to_owned(), instant),
            ),
        ],
    );

    if section(
        &mut out,
        lang,
        "privacy.section.checkins",
        d.checkins.is_empty(),
    ) {
        for (c, prompts) in &d.checkins {
            let _ = writeln!(out, "<article>\n<h3>{}</h3>", c.held_on);
            let mut rows = vec![
                (tr("privacy.minutes"), c.minutes.to_string()),
                (
                    tr("checkin.channel"),
                    esc(&tr(&format!("channel.{}", c.channel.code()))),
                ),
            ];
            let scales = [
                ("pulse.mood", c.pulse.mood),
                ("pulse.workload", c.pulse.workload),
                ("pulse.balance", c.pulse.balance),
            ];
            for (key, value) in scales {
                if let Some(v) = value {
                    rows.push((tr(key), format!("{v} / 5")));
                }
            }
            if let Some(moves) = c.pulse.moves {
                rows.push((
                    tr("pulse.moves"),
                    esc(&tr(if moves { "pulse.yes" } else { "pulse.no" })),
                ));
            }
            if !prompts.is_empty() {
                let asked: Vec<String> = prompts.iter().map(|(_, text)| esc(text)).collect();
                rows.push((tr("privacy.prompts_asked"), asked.join("<br>")));
            }
            fields(&mut out, &rows);
            if let Some(note) = &c.note {
                let _ = writeln!(out, "<div class=\"note\">{}</div>", esc(note));
            }
            out.push_str("</article>\n");
        }
    }

    if section(
        &mut out,
        lang,
        "privacy.section.followups",
        d.followups.is_empty(),
    ) {
        out.push_str("<ul>\n");
        for f in &d.followups {
            let owner = match f.owner {
                FollowUpOwner::Manager => tr("privacy.owner.manager"),
                FollowUpOwner::Person => p.name.clone(),
            };
            let mut line = format!("{} ({})", esc(&f.text), esc(&owner));
            if let Some(due) = f.due_on {
                let _ = write!(
                    line,
                    " – {}",
                    esc(&t(lang, "privacy.due", &[("date", &due.to_string())]))
                );
            }
            if let Some(done) = f.done_on {
                let _ = write!(
                    line,
                    " – {}",
                    esc(&t(lang, "privacy.done", &[("date", &done.to_string())]))
                );
            }
            let _ = writeln!(out, "<li>{line}</li>");
        }
        out.push_str("</ul>\n");
    }

    if section(&mut out, lang, "privacy.section.draft", d.draft.is_none()) {
        if let Some((body, at)) = &d.draft {
            let _ = writeln!(
                out,
                "<p>{}</p>\n<pre>{}</pre>",
                esc(&t(lang, "privacy.draft_saved", &[("date", &instant(*at))])),
                esc(&serde_json::to_string_pretty(body).unwrap_or_default())
            );
        }
    }

    if section(
        &mut out,
        lang,
        "privacy.section.assignments",
        d.assignments.is_empty(),
    ) {
        out.push_str("<ul>\n");
        for a in &d.assignments {
            let role = tr(if a.owner {
                "privacy.role.owner"
            } else {
                "privacy.role.sounding_board"
            });
            let status = tr(&format!("assignment.status.{}", a.status.code()));
            let _ = writeln!(
                out,
                "<li>{} – {} ({})</li>",
                esc(&a.title),
                esc(&role),
                esc(&status)
            );
        }
        out.push_str("</ul>\n");
    }

    if section(&mut out, lang, "privacy.section.away", d.away.is_empty()) {
        out.push_str("<ul>\n");
        for a in &d.away {
            let reason = tr(&format!("away.reason_{}", a.reason.code()));
            let _ = writeln!(out, "<li>{} – {}: {}</li>", a.from, a.to, esc(&reason));
        }
        out.push_str("</ul>\n");
    }

    if section(
        &mut out,
        lang,
        "privacy.section.bookings",
        d.bookings.is_empty(),
    ) {
        out.push_str("<ul>\n");
        for b in &d.bookings {
            let _ = writeln!(
                out,
                "<li>{} ({}, {} min)</li>",
                instant(b.start),
                esc(&b.timezone),
                b.minutes
            );
        }
        out.push_str("</ul>\n");
    }

    if section(
        &mut out,
        lang,
        "privacy.section.groups",
        d.groups.is_empty(),
    ) {
        out.push_str("<ul>\n");
        for (_, name) in &d.groups {
            let _ = writeln!(out, "<li>{}</li>", esc(name));
        }
        out.push_str("</ul>\n");
    }

    if section(&mut out, lang, "privacy.section.fika", d.rounds.is_empty()) {
        out.push_str("<ul>\n");
        for r in &d.rounds {
            let date = r
                .confirmed_on
                .map_or_else(|| r.created_at.date_naive().to_string(), |d| d.to_string());
            let part = tr(if r.took_part {
                "privacy.fika.took_part"
            } else {
                "privacy.fika.sat_out"
            });
            let status = tr(&format!("pairing.status.{}", r.status.code()));
            let _ = writeln!(out, "<li>{date} – {} ({})</li>", esc(&part), esc(&status));
        }
        out.push_str("</ul>\n");
    }

    if section(&mut out, lang, "privacy.section.ideas", d.ideas.is_empty()) {
        for i in &d.ideas {
            let _ = writeln!(out, "<article>\n<h3>{}</h3>", esc(&i.title));
            let mut rows = vec![
                (tr("privacy.suggested_on"), i.suggested_on.to_string()),
                (
                    tr("privacy.status"),
                    esc(&tr(&format!("idea.status.{}", i.status.code()))),
                ),
            ];
            if let Some(response) = &i.response {
                let on = i.responded_on.map(|d| d.to_string()).unwrap_or_default();
                rows.push((tr("privacy.response"), format!("{} ({on})", esc(response))));
            }
            fields(&mut out, &rows);
            if let Some(description) = &i.description {
                let _ = writeln!(out, "<div class=\"note\">{}</div>", esc(description));
            }
            out.push_str("</article>\n");
        }
    }

    if section(
        &mut out,
        lang,
        "privacy.section.rhythms",
        d.rhythms.is_empty(),
    ) {
        for (r, marks) in &d.rhythms {
            let _ = writeln!(out, "<article>\n<h3>{}</h3>", esc(&r.title));
            let mut rows = vec![
                (
                    tr("privacy.starts"),
                    format!(
                        "{} ({})",
                        r.start.format("%Y-%m-%d %H:%M"),
                        esc(&r.timezone)
                    ),
                ),
                (tr("privacy.minutes"), r.duration_minutes.to_string()),
            ];
            for m in marks {
                let mut what = tr(&format!("privacy.mark.{}", m.status.code()));
                if let Some(to) = m.moved_to {
                    let _ = write!(what, " → {}", to.format("%Y-%m-%d %H:%M"));
                }
                if let Some(reason) = &m.reason {
                    let _ = write!(what, ": {reason}");
                }
                rows.push((m.original.format("%Y-%m-%d %H:%M").to_string(), esc(&what)));
            }
            fields(&mut out, &rows);
            out.push_str("</article>\n");
        }
    }

    if section(
        &mut out,
        lang,
        "privacy.section.reminders",
        d.reminders.is_empty(),
    ) {
        out.push_str("<ul>\n");
        for r in &d.reminders {
            let _ = writeln!(out, "<li>{} – {}</li>", instant(r.fire_at), esc(&r.title));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Writes `export` as `chosen` with the extension `.html` and, beside it, the same stem with
/// `.json`. Each file is written to a temporary name in the same folder and renamed into
/// place, so a crash never leaves half a file; the files are readable by the user only.
pub fn write_export(export: &PersonExport, chosen: &Path) -> Result<ExportedFiles> {
    let html = chosen.with_extension("html");
    let json = chosen.with_extension("json");
    let text = serde_json::to_string_pretty(&export.json).map_err(|e| Error::Io {
        path: json.clone(),
        source: std::io::Error::other(e),
    })?;
    write_atomically(&html, export.html.as_bytes())?;
    write_atomically(&json, format!("{text}\n").as_bytes())?;
    Ok(ExportedFiles {
        html: html.display().to_string(),
        json: json.display().to_string(),
    })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let name = path
        .file_name()
        .ok_or_else(|| io(std::io::Error::from(std::io::ErrorKind::InvalidInput)))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp: PathBuf = path.with_file_name(temp_name);
    let written = (|| {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(source) = written {
        let _ = fs::remove_file(&temp);
        return Err(io(source));
    }
    Ok(())
}

/// The ids every exported row belongs to, for tests that check nothing of anyone else's
/// slipped in: (table, id) pairs.
#[cfg(test)]
fn exported_ids(json: &Value) -> std::collections::HashSet<(String, i64)> {
    let mut out = std::collections::HashSet::new();
    for (table, list) in [
        ("checkin", "checkIns"),
        ("followup", "followUps"),
        ("assignment", "assignments"),
        ("group", "groups"),
        ("round", "fikaRounds"),
        ("idea", "ideas"),
        ("rhythm", "rhythms"),
    ] {
        for row in json[list].as_array().into_iter().flatten() {
            if let Some(id) = row["id"].as_i64() {
                out.insert((table.to_owned(), id));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
