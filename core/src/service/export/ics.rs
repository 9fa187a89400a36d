//! Calendar export: rhythms as an RFC 5545 iCalendar file (.ics) that Outlook, Google
//! Calendar and Thunderbird import. Titles and times only — no notes, reasons, names of
//! people or e-mail addresses leave the machine this way (DESIGN §6).
//!
//! Each rhythm is one recurring VEVENT in its own zone; skipped occurrences are EXDATEs, moved
//! ones are overriding VEVENTs with a RECURRENCE-ID. Every zone used gets a VTIMEZONE built
//! from the zone's real transitions in chrono-tz, so clients that ignore IANA names (Outlook)
//! compute the same instants as the app.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::error::Result;
use crate::i18n::{t, Lang};
use crate::model::recurrence::{End, Weekday};
use crate::model::{MarkStatus, OccurrenceMark, Rhythm, RhythmId, RhythmKind};
use crate::schedule::agenda::series_of;
use crate::schedule::recurrence::{resolve_local, Series};
use crate::schedule::zones::{
    day_rules, span_at, transitions, year_start, DayRule, Run, Transition,
};
use crate::store::{people, rhythms as table, Store};

pub(super) const PRODID: &str = "-//Narvaro//Narvaro//SV";
const CALNAME: &str = "Närvaro";
/// RFC 5545 §3.1: lines longer than this many octets are folded.
const LINE_OCTETS: usize = 75;
/// Years past the last one a series uses (or this year) that a VTIMEZONE spells out. A
/// yearly rule still in force is written open-ended and covers the rest; zones whose
/// onsets follow no yearly rule (Morocco) are listed this far.
const ZONE_YEARS_AHEAD: i32 = 10;
/// The years a VTIMEZONE may describe. Meetings before 1970 are not a thing, and chrono-tz
/// stops applying DST rules around 2100 anyway.
const ZONE_FIRST_YEAR: i32 = 1970;
const ZONE_LAST_YEAR: i32 = 2200;

/// The .ics for these rhythms with their marks, without language-dependent text.
pub fn ics(
    rhythms: &[Rhythm],
    marks: &HashMap<(RhythmId, NaiveDateTime), OccurrenceMark>,
    now: DateTime<Utc>,
) -> String {
    write_calendar(rhythms, marks, now, None)
}

/// As [`ics`], with each event's kind as a CATEGORIES value in `lang`.
pub fn ics_in(
    rhythms: &[Rhythm],
    marks: &HashMap<(RhythmId, NaiveDateTime), OccurrenceMark>,
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    write_calendar(rhythms, marks, now, Some(lang))
}

/// What an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One rhythm, whatever its kind. An unknown id is NotFound("rhythm").
    One(RhythmId),
    /// Every rhythm the agenda shows except 1:1 series: the team's calendar, meant to be
    /// published, must not tell everyone whom the manager meets alone.
    Team,
    /// Every rhythm the agenda shows, 1:1 series too (the manager ticked them).
    TeamWithOneOnOnes,
}

impl Scope {
    /// The scope for "one rhythm, or all of them", with or without the 1:1 series.
    pub fn of(rhythm: Option<RhythmId>, with_one_on_ones: bool) -> Scope {
        match (rhythm, with_one_on_ones) {
            (Some(id), _) => Scope::One(id),
            (None, false) => Scope::Team,
            (None, true) => Scope::TeamWithOneOnOnes,
        }
    }
}

/// The rhythms in `scope` as an .ics file.
pub fn export(store: &Store, scope: Scope, now: DateTime<Utc>) -> Result<String> {
    let (rhythms, marks) = load(store, scope)?;
    Ok(write_calendar(&rhythms, &marks, now, None))
}

/// As [`export`], with each event's kind as a CATEGORIES value in `lang`.
pub fn export_in(store: &Store, scope: Scope, now: DateTime<Utc>, lang: Lang) -> Result<String> {
    let (rhythms, marks) = load(store, scope)?;
    Ok(write_calendar(&rhythms, &marks, now, Some(lang)))
}

use crate::store::rhythms::Marks;

fn load(store: &Store, scope: Scope) -> Result<(Vec<Rhythm>, Marks)> {
    let conn = store.conn();
    match scope {
        Scope::One(id) => {
            let rhythm = crate::service::rhythms::get(store, id)?;
            let marks = table::marks_of(conn, id)?
                .into_iter()
                .map(|m| ((m.rhythm_id, m.original), m))
                .collect();
            Ok((with_join_links(conn, vec![rhythm])?, marks))
        }
        Scope::Team | Scope::TeamWithOneOnOnes => {
            // The same rhythms the agenda shows: a 1:1 series with an archived person rests.
            let active: HashMap<_, _> = people::all(conn)?
                .into_iter()
                .map(|p| (p.id, p.is_active()))
                .collect();
            let rhythms = table::all(conn)?
                .into_iter()
                .filter(|r| {
                    r.person_id
                        .is_none_or(|p| active.get(&p).copied().unwrap_or(false))
                })
                .filter(|r| scope == Scope::TeamWithOneOnOnes || r.kind != RhythmKind::OneOnOne)
                .collect::<Vec<_>>();
            // RFC 5545 wants at least one component; an empty file would only confuse.
            if rhythms.is_empty() {
                return Err(crate::Error::Conflict {
                    key: "error.conflict.nothing_to_export",
                    args: Vec::new(),
                });
            }
            Ok((with_join_links(conn, rhythms)?, table::all_marks(conn)?))
        }
    }
}

/// Each rhythm with the link *Join* opens: a 1:1 series without a link of its own carries
/// its person's room (`Rhythm::join_link`), so the calendar entry leads where the app does.
fn with_join_links(conn: &rusqlite::Connection, mut rhythms: Vec<Rhythm>) -> Result<Vec<Rhythm>> {
    if rhythms
        .iter()
        .all(|r| r.meeting_link.is_some() || r.kind != RhythmKind::OneOnOne)
    {
        return Ok(rhythms);
    }
    let everyone: HashMap<_, _> = people::all(conn)?.into_iter().map(|p| (p.id, p)).collect();
    for rhythm in &mut rhythms {
        let person = rhythm.person_id.and_then(|id| everyone.get(&id));
        let link = rhythm.join_link(person).map(str::to_owned);
        rhythm.meeting_link = link;
    }
    Ok(rhythms)
}

/// How an event's times are written: UTC needs no VTIMEZONE and gets `Z` times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zone {
    Utc,
    Named(Tz),
}

impl Zone {
    pub(super) fn of(tz: Tz) -> Zone {
        const UTC_NAMES: &[&str] = &[
            "UTC",
            "Etc/UTC",
            "Etc/UCT",
            "UCT",
            "Etc/Universal",
            "Universal",
            "Etc/Zulu",
            "Zulu",
            "GMT",
            "Etc/GMT",
            "Etc/GMT+0",
            "Etc/GMT-0",
            "Etc/GMT0",
            "GMT+0",
            "GMT-0",
            "GMT0",
            "Greenwich",
            "Etc/Greenwich",
        ];
        if UTC_NAMES.contains(&tz.name()) {
            Zone::Utc
        } else {
            Zone::Named(tz)
        }
    }

    /// A DATE-TIME property for a wall-clock time in this zone.
    pub(super) fn property(self, name: &str, local: NaiveDateTime) -> String {
        match self {
            Zone::Utc => format!("{name}:{}Z", stamp(local)),
            Zone::Named(tz) => format!("{name};TZID={}:{}", tz.name(), stamp(local)),
        }
    }
}

pub(super) fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// A rhythm ready to be written: its series (normalised, so DTSTART is a real occurrence),
/// and the marks that change the calendar.
struct Event<'a> {
    rhythm: &'a Rhythm,
    zone: Zone,
    series: Series,
    /// Originals of skipped occurrences.
    skipped: Vec<NaiveDateTime>,
    /// (original, new local start) of moved occurrences.
    moved: Vec<(NaiveDateTime, NaiveDateTime)>,
}

/// The years in which an event uses its zone, for that zone's VTIMEZONE.
fn years_used(event: &Event<'_>, now: DateTime<Utc>) -> (i32, i32) {
    let last = match event.series.recurrence.end {
        End::Never => now.year(),
        End::Until { .. } | End::Count { .. } => event
            .series
            .last()
            .map_or(event.series.start.year(), |t| t.year()),
    };
    let moved = event.moved.iter().map(|(_, to)| to.year());
    let first = moved.clone().fold(event.series.start.year(), i32::min);
    let last = moved.fold(last, i32::max);
    (first, last)
}

fn write_calendar(
    rhythms: &[Rhythm],
    marks: &Marks,
    now: DateTime<Utc>,
    lang: Option<Lang>,
) -> String {
    let mut by_rhythm: HashMap<RhythmId, Vec<&OccurrenceMark>> = HashMap::new();
    for mark in marks.values() {
        by_rhythm.entry(mark.rhythm_id).or_default().push(mark);
    }
    let events: Vec<Event<'_>> = rhythms
        .iter()
        .filter_map(|r| event(r, by_rhythm.get(&r.id).map_or(&[][..], Vec::as_slice)))
        .collect();

    // Zone name → (zone, first year used, last year used).
    let mut zones: BTreeMap<&'static str, (Tz, i32, i32)> = BTreeMap::new();
    for event in &events {
        if let Zone::Named(tz) = event.zone {
            let (first, last) = years_used(event, now);
            let entry = zones.entry(tz.name()).or_insert((tz, first, last));
            entry.1 = entry.1.min(first);
            entry.2 = entry.2.max(last);
        }
    }

    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!("PRODID:{PRODID}"));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!("X-WR-CALNAME:{}", text(CALNAME)));
    for (tz, first, last) in zones.values() {
        // A year either side: the first onset must precede every event, and the rule must
        // be seen to hold past the last.
        let from = (first - 1).clamp(ZONE_FIRST_YEAR, ZONE_LAST_YEAR);
        let to = (last.max(&now.year()) + ZONE_YEARS_AHEAD).clamp(from, ZONE_LAST_YEAR);
        write_vtimezone(&mut out, *tz, from, to);
    }
    let stamp_now = format!("DTSTAMP:{}Z", stamp(now.naive_utc()));
    for event in &events {
        write_event(&mut out, event, &stamp_now, lang);
    }
    out.line("END:VCALENDAR");
    out.text
}

fn event<'a>(rhythm: &'a Rhythm, marks: &[&OccurrenceMark]) -> Option<Event<'a>> {
    let Some(series) = series_of(rhythm) else {
        log::warn!(
            "rhythm {} has an unknown zone; left out of the calendar",
            rhythm.id
        );
        return None;
    };
    // Stored rhythms are normalised already; doing it again guards against a DTSTART that
    // the rule does not produce, which RFC 5545 counts as an occurrence and
    // python-dateutil, for one, does not.
    let series = series.normalized()?;
    let mut skipped = Vec::new();
    let mut moved = Vec::new();
    for mark in marks {
        // A mark on an occurrence the rule no longer produces would be a phantom event.
        if !series.produces(mark.original) {
            continue;
        }
        match (mark.status, mark.moved_to) {
            // A calendar does not show what was skipped, wherever it had been moved.
            (MarkStatus::Skipped, _) => skipped.push(mark.original),
            (_, Some(to)) => moved.push((mark.original, to)),
            _ => {}
        }
    }
    skipped.sort_unstable();
    moved.sort_unstable();
    Some(Event {
        rhythm,
        zone: Zone::of(series.tz),
        series,
        skipped,
        moved,
    })
}

fn kind_key(kind: RhythmKind) -> &'static str {
    match kind {
        RhythmKind::GroupMeeting => "calendar.kind.group_meeting",
        RhythmKind::OfficeHours => "calendar.kind.office_hours",
        RhythmKind::SocialBreak => "calendar.kind.social_break",
        RhythmKind::OneOnOne => "calendar.kind.one_on_one",
    }
}

fn write_event(out: &mut Lines, event: &Event<'_>, dtstamp: &str, lang: Option<Lang>) {
    let rhythm = event.rhythm;
    let tz = event.series.tz;
    let uid = format!("UID:rhythm-{}@narvaro.local", rhythm.id);
    let duration = format!("DURATION:{}", duration(rhythm.duration_minutes));
    let summary = format!("SUMMARY:{}", text(&rhythm.title));
    let categories =
        lang.map(|lang| format!("CATEGORIES:{}", text(&t(lang, kind_key(rhythm.kind), &[]))));

    out.line("BEGIN:VEVENT");
    out.line(&uid);
    out.line(dtstamp);
    // The rule's wall-clock start, even when that time does not exist on the first day
    // (RFC 5545 §3.3.5 moves it forward, as the app does): the rule repeats the wall
    // time, so writing the moved time would shift every later occurrence.
    out.line(&event.zone.property("DTSTART", event.series.start));
    // DURATION rather than DTEND: its hours and minutes are exact (§3.3.6), as the app's
    // are; readers that subtract DTEND - DTSTART on the wall clock would otherwise carry
    // the first occurrence's DST hour into every occurrence.
    out.line(&duration);
    out.line(&format!("RRULE:{}", event.series.recurrence.to_rrule(tz)));
    for original in &event.skipped {
        // The wall time the rule produces, also in a DST gap (02:30 on the spring-forward
        // night), not the time or instant it resolves to (03:30, 01:30Z): readers place a
        // gap time differently (python-dateutil's VTIMEZONE reader an hour early), but each
        // reads this EXDATE exactly as it reads the rule's occurrence, so all of them match.
        out.line(&event.zone.property("EXDATE", *original));
    }
    out.line(&summary);
    if let Some(categories) = &categories {
        out.line(categories);
    }
    write_link(out, rhythm.meeting_link.as_deref());
    out.line("END:VEVENT");

    for (original, to) in &event.moved {
        out.line("BEGIN:VEVENT");
        out.line(&uid);
        out.line(dtstamp);
        out.line(&event.zone.property("RECURRENCE-ID", *original));
        // A moved time that does not exist is written as the time it resolves to, so no
        // client has to guess.
        out.line(
            &event
                .zone
                .property("DTSTART", resolve_local(*to, tz).naive_local()),
        );
        out.line(&duration);
        out.line(&summary);
        if let Some(categories) = &categories {
            out.line(categories);
        }
        write_link(out, rhythm.meeting_link.as_deref());
        out.line("END:VEVENT");
    }
}

/// The video meeting as LOCATION (what calendars show) and URL (what they link). The link
/// was checked on input (https, a host, no spaces), so as a URI value it needs no escaping;
/// as TEXT its commas and semicolons are escaped.
fn write_link(out: &mut Lines, link: Option<&str>) {
    if let Some(link) = link {
        out.line(&format!("LOCATION:{}", text(link)));
        out.line(&format!("URL:{link}"));
    }
}

/// An exact RFC 5545 duration: hours and minutes, never days (a day is nominal, §3.3.6).
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, 0) => "PT0S".to_owned(),
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. Other
/// control characters are not allowed in TEXT and are dropped.
pub(super) fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines, CRLF-terminated and folded at 75 octets without splitting a character.
#[derive(Default)]
pub(super) struct Lines {
    pub(super) text: String,
}

impl Lines {
    pub(super) fn line(&mut self, content: &str) {
        let mut used = 0;
        for c in content.chars() {
            let n = c.len_utf8();
            if used + n > LINE_OCTETS {
                // The continuation's leading space counts towards its 75 octets.
                self.text.push_str("\r\n ");
                used = 1;
            }
            self.text.push(c);
            used += n;
        }
        self.text.push_str("\r\n");
    }
}

// ---- VTIMEZONE ------------------------------------------------------------------------

/// A UTC offset as RFC 5545 writes it: "+0100", "-0500", "+0530" (seconds only if any).
fn utc_offset(total: i32) -> String {
    let sign = if total < 0 { '-' } else { '+' };
    let a = total.abs();
    let (h, m, s) = (a / 3600, a % 3600 / 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

fn yearly_rrule(rule: DayRule, month: u32, until: Option<NaiveDateTime>) -> String {
    let day = match rule {
        DayRule::Last(w) => format!("BYDAY=-1{}", Weekday::from(w).code()),
        DayRule::Nth(n, w) => format!("BYDAY={n}{}", Weekday::from(w).code()),
        DayRule::Day(d) => format!("BYMONTHDAY={d}"),
    };
    let mut rrule = format!("RRULE:FREQ=YEARLY;BYMONTH={month};{day}");
    if let Some(until) = until {
        rrule.push_str(&format!(";UNTIL={}Z", stamp(until)));
    }
    rrule
}

/// The VTIMEZONE for `tz`, describing its offsets from the start of `from_year` through
/// `to_year`: one sub-component per yearly rule (with UNTIL when the rule stopped, without
/// when it still held at the end), RDATE lists for onsets that follow no yearly rule, and a
/// single STANDARD for a zone that does not change.
pub(super) fn write_vtimezone(out: &mut Lines, tz: Tz, from_year: i32, to_year: i32) {
    let start = year_start(from_year);
    let end = year_start(to_year + 1);
    let all = transitions(tz, start, end);

    // Onsets with the same kind, offsets and name belong to one sub-component family.
    type Family = ((bool, i32, i32, String), Vec<Transition>);
    let mut families: Vec<Family> = Vec::new();
    for tr in &all {
        let key = (
            tr.daylight(),
            tr.from.total,
            tr.to.total,
            tr.to.name.clone(),
        );
        match families.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(tr.clone()),
            None => families.push((key, vec![tr.clone()])),
        }
    }

    // (first onset, lines) per sub-component, written in time order.
    let mut parts: Vec<(i64, Vec<String>)> = Vec::new();
    let header = |tr: &Transition| -> Vec<String> {
        vec![
            format!("TZOFFSETFROM:{}", utc_offset(tr.from.total)),
            format!("TZOFFSETTO:{}", utc_offset(tr.to.total)),
            format!("TZNAME:{}", text(&tr.to.name)),
            format!("DTSTART:{}", stamp(tr.local())),
        ]
    };
    for ((daylight, ..), onsets) in families {
        let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
        let mut runs: Vec<Run> = Vec::new();
        for tr in onsets {
            if let Some(run) = runs.last_mut() {
                if let Some(rules) = run.accepts(&tr) {
                    run.rules = rules;
                    run.onsets.push(tr);
                    continue;
                }
            }
            let rules = day_rules(tr.local().date());
            runs.push(Run {
                onsets: vec![tr],
                rules,
            });
        }
        let count = runs.len();
        let mut singles: Vec<Transition> = Vec::new();
        for (i, run) in runs.into_iter().enumerate() {
            let (Some(first), Some(last)) = (run.onsets.first(), run.onsets.last()) else {
                continue;
            };
            let rule = run.rules.first().copied();
            let (Some(rule), true) = (rule, run.onsets.len() >= 2) else {
                singles.extend(run.onsets);
                continue;
            };
            // Still holding in the last year looked at: the rule goes on.
            let open = i + 1 == count && last.at >= year_start(to_year);
            let mut lines = header(first);
            lines.push(yearly_rrule(
                rule,
                first.local().month(),
                (!open).then(|| last.utc()),
            ));
            parts.push((first.at, wrap(kind, lines)));
        }
        if let Some((first, rest)) = singles.split_first() {
            let mut lines = header(first);
            if !rest.is_empty() {
                let dates: Vec<String> = rest.iter().map(|tr| stamp(tr.local())).collect();
                lines.push(format!("RDATE:{}", dates.join(",")));
            }
            parts.push((first.at, wrap(kind, lines)));
        }
    }
    parts.sort_by_key(|(at, _)| *at);

    // The offset before the first onset, stated for clients that would otherwise guess;
    // also the whole story for a zone that never changes.
    if all
        .first()
        .is_none_or(|tr| tr.at >= year_start(from_year + 1))
    {
        let span = span_at(tz, start);
        let lines = vec![
            format!("TZOFFSETFROM:{}", utc_offset(span.total)),
            format!("TZOFFSETTO:{}", utc_offset(span.total)),
            format!("TZNAME:{}", text(&span.name)),
            "DTSTART:19700101T000000".to_owned(),
        ];
        parts.insert(0, (i64::MIN, wrap("STANDARD", lines)));
    }

    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", tz.name()));
    out.line(&format!("X-LIC-LOCATION:{}", tz.name()));
    for (_, lines) in parts {
        for line in lines {
            out.line(&line);
        }
    }
    out.line("END:VTIMEZONE");
}

fn wrap(kind: &str, lines: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len() + 2);
    out.push(format!("BEGIN:{kind}"));
    out.extend(lines);
    out.push(format!("END:{kind}"));
    out
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Offset, TimeZone};

    use super::*;
    use crate::model::recurrence::{Recurrence, Repeat};
    use crate::schedule::zones::{days_in_month, offset_at};

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 2, 1, 12, 0, 0).unwrap()
    }

    fn rhythm(
        id: RhythmId,
        title: &str,
        tz: &str,
        start: NaiveDateTime,
        repeat: Repeat,
        end: End,
    ) -> Rhythm {
        Rhythm {
            id,
            kind: RhythmKind::OfficeHours,
            title: title.into(),
            group_id: None,
            person_id: None,
            start,
            duration_minutes: 90,
            timezone: tz.into(),
            recurrence: Recurrence { repeat, end },
            lead_minutes: vec![10, 0],
            created_at: now(),
            meeting_link: None,
        }
    }

    fn weekly(day: Weekday) -> Repeat {
        Repeat::Weekly {
            interval: 1,
            weekdays: vec![day],
        }
    }

    fn calendar_for(tz: &str, start: NaiveDateTime) -> String {
        let r = rhythm(
            1,
            "Möte",
            tz,
            start,
            weekly(Weekday::from(start.weekday())),
            End::Never,
        );
        ics(&[r], &HashMap::new(), now())
    }

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    /// The sub-components of the first VTIMEZONE, each as its unfolded lines.
    fn subcomponents(ics: &str) -> Vec<Vec<String>> {
        let text = unfold(ics);
        let mut out = Vec::new();
        let mut current: Option<Vec<String>> = None;
        for line in text.split("\r\n") {
            match line {
                "BEGIN:STANDARD" | "BEGIN:DAYLIGHT" => current = Some(vec![line.to_owned()]),
                "END:STANDARD" | "END:DAYLIGHT" => out.extend(current.take()),
                _ => {
                    if let Some(c) = current.as_mut() {
                        c.push(line.to_owned());
                    }
                }
            }
        }
        out
    }

    fn has(part: &[String], line: &str) -> bool {
        part.iter().any(|l| l == line)
    }

    #[test]
    fn lines_fold_at_75_octets_without_splitting_a_character() {
        let title = "Veckomöte för arbetsgruppen Ärendehandläggning på Örebro — fika ☕ och 🎉 med alla i gänget".repeat(3);
        let mut lines = Lines::default();
        lines.line(&format!("SUMMARY:{}", text(&title)));
        for physical in lines.text.split_terminator("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        // Splitting a character would have left invalid UTF-8 (a String cannot hold it) or
        // moved bytes; unfolding must give the line back exactly.
        assert_eq!(unfold(&lines.text), format!("SUMMARY:{title}\r\n"));
        assert!(lines
            .text
            .split("\r\n")
            .skip(1)
            .filter(|l| !l.is_empty())
            .all(|l| l.starts_with(' ')));

        // A four-octet character right at the boundary moves to the next line whole.
        let mut lines = Lines::default();
        let line = format!("{}🎉x", "a".repeat(73));
        lines.line(&line);
        assert_eq!(lines.text, format!("{}\r\n 🎉x\r\n", "a".repeat(73)));
        let mut lines = Lines::default();
        lines.line(&"b".repeat(75));
        assert_eq!(
            lines.text,
            format!("{}\r\n", "b".repeat(75)),
            "75 octets fit on one line"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text(r"a;b,c\d"), r"a\;b\,c\\d");
        assert_eq!(text("one\ntwo\r\nthree\rfour"), r"one\ntwo\nthree\nfour");
        assert_eq!(text("tab\there\u{7}bell"), "tab\there".to_owned() + "bell");
        assert_eq!(text("Öppen tid 🎉"), "Öppen tid 🎉");
    }

    #[test]
    fn every_line_ends_in_crlf_and_the_calendar_has_its_properties() {
        let out = calendar_for("Europe/Stockholm", at(2026, 3, 4, 9, 0));
        assert!(out.ends_with("END:VCALENDAR\r\n"));
        assert!(!out.replace("\r\n", "").contains('\n'), "a bare LF");
        assert!(!out.replace("\r\n", "").contains('\r'), "a bare CR");
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Narvaro//Narvaro//SV",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Närvaro",
            "UID:rhythm-1@narvaro.local",
            "DTSTAMP:20260201T120000Z",
            "DTSTART;TZID=Europe/Stockholm:20260304T090000",
            "DURATION:PT1H30M",
            "RRULE:FREQ=WEEKLY;BYDAY=WE",
            "SUMMARY:Möte",
        ] {
            assert!(
                out.contains(&format!("\r\n{line}\r\n")) || out.starts_with(&format!("{line}\r\n")),
                "{line} missing:\n{out}"
            );
        }
        assert!(!out.contains("CATEGORIES"), "no language, no categories");
    }

    #[test]
    fn stockholm_has_summer_time_from_the_last_sunday_in_march_to_the_last_in_october() {
        let parts = subcomponents(&calendar_for("Europe/Stockholm", at(2026, 3, 4, 9, 0)));
        assert_eq!(parts.len(), 2, "{parts:?}");
        let daylight = parts.iter().find(|p| p[0] == "BEGIN:DAYLIGHT").unwrap();
        let standard = parts.iter().find(|p| p[0] == "BEGIN:STANDARD").unwrap();
        for line in [
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "DTSTART:20250330T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        ] {
            assert!(has(daylight, line), "{line} in {daylight:?}");
        }
        for line in [
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "DTSTART:20251026T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        ] {
            assert!(has(standard, line), "{line} in {standard:?}");
        }
    }

    #[test]
    fn sydney_has_summer_time_across_the_new_year() {
        let parts = subcomponents(&calendar_for("Australia/Sydney", at(2026, 3, 4, 9, 0)));
        assert_eq!(parts.len(), 2, "{parts:?}");
        let daylight = parts.iter().find(|p| p[0] == "BEGIN:DAYLIGHT").unwrap();
        let standard = parts.iter().find(|p| p[0] == "BEGIN:STANDARD").unwrap();
        for line in [
            "TZOFFSETFROM:+1000",
            "TZOFFSETTO:+1100",
            "TZNAME:AEDT",
            "DTSTART:20251005T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
        ] {
            assert!(has(daylight, line), "{line} in {daylight:?}");
        }
        for line in [
            "TZOFFSETFROM:+1100",
            "TZOFFSETTO:+1000",
            "TZNAME:AEST",
            "DTSTART:20250406T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
        ] {
            assert!(has(standard, line), "{line} in {standard:?}");
        }
    }

    #[test]
    fn kolkata_is_one_standard_offset() {
        let parts = subcomponents(&calendar_for("Asia/Kolkata", at(2026, 3, 4, 15, 0)));
        assert_eq!(
            parts,
            vec![vec![
                "BEGIN:STANDARD".to_owned(),
                "TZOFFSETFROM:+0530".to_owned(),
                "TZOFFSETTO:+0530".to_owned(),
                "TZNAME:IST".to_owned(),
                "DTSTART:19700101T000000".to_owned(),
            ]]
        );
    }

    #[test]
    fn new_york_rules_changed_in_2007_and_both_are_written() {
        let parts = subcomponents(&calendar_for("America/New_York", at(2006, 1, 4, 9, 0)));
        let rrules: Vec<&String> = parts
            .iter()
            .flatten()
            .filter(|l| l.starts_with("RRULE:"))
            .collect();
        assert!(
            rrules.contains(
                &&"RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z".to_owned()
            ),
            "{rrules:?}"
        );
        assert!(
            rrules.contains(
                &&"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z".to_owned()
            ),
            "{rrules:?}"
        );
        assert!(
            rrules.contains(&&"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU".to_owned()),
            "{rrules:?}"
        );
        assert!(
            rrules.contains(&&"RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU".to_owned()),
            "{rrules:?}"
        );
    }

    #[test]
    fn a_zone_without_a_yearly_rule_gets_rdates() {
        // Morocco leaves summer time for Ramadan, which moves through the year.
        let parts = subcomponents(&calendar_for("Africa/Casablanca", at(2026, 3, 4, 9, 0)));
        assert!(
            parts.iter().flatten().any(|l| l.starts_with("RDATE:")),
            "{parts:?}"
        );
        assert!(
            !parts.iter().flatten().any(|l| l.starts_with("RRULE:")),
            "{parts:?}"
        );
    }

    #[test]
    fn utc_needs_no_vtimezone() {
        let out = calendar_for("UTC", at(2026, 3, 4, 7, 0));
        assert!(!out.contains("VTIMEZONE"));
        assert!(out.contains("\r\nDTSTART:20260304T070000Z\r\n"));
    }

    #[test]
    fn marks_become_exdates_and_overrides_and_nothing_private_leaves() {
        let r = rhythm(
            7,
            "1:1; Anna, \"Öppen\" \\ 🎉",
            "Europe/Stockholm",
            at(2026, 3, 1, 2, 30),
            weekly(Weekday::Sun),
            End::Count { count: 10 },
        );
        let mark = |original, status, moved_to| OccurrenceMark {
            rhythm_id: 7,
            original,
            status,
            reason: Some("PRIVATE-REASON".into()),
            moved_to,
        };
        let marks: Marks = [
            // In the spring-forward gap: the rule's wall time, not 03:30.
            mark(at(2026, 3, 29, 2, 30), MarkStatus::Skipped, None),
            mark(
                at(2026, 3, 8, 2, 30),
                MarkStatus::Held,
                Some(at(2026, 3, 9, 10, 0)),
            ),
            mark(at(2026, 3, 15, 2, 30), MarkStatus::Held, None),
            mark(
                at(2026, 3, 22, 2, 30),
                MarkStatus::Skipped,
                Some(at(2026, 3, 23, 10, 0)),
            ),
            // Not produced by the rule (a Monday): ignored.
            mark(at(2026, 3, 2, 2, 30), MarkStatus::Skipped, None),
        ]
        .into_iter()
        .map(|m| ((m.rhythm_id, m.original), m))
        .collect();
        let out = unfold(&ics_in(&[r], &marks, now(), Lang::Sv));
        assert!(!out.contains("PRIVATE"));
        assert!(
            out.contains("\r\nSUMMARY:1:1\\; Anna\\, \"Öppen\" \\\\ 🎉\r\n"),
            "{out}"
        );
        assert!(out.contains("\r\nCATEGORIES:Öppen tid\r\n"));
        let exdates: Vec<&str> = out
            .split("\r\n")
            .filter(|l| l.starts_with("EXDATE"))
            .collect();
        assert_eq!(
            exdates,
            [
                "EXDATE;TZID=Europe/Stockholm:20260322T023000",
                "EXDATE;TZID=Europe/Stockholm:20260329T023000",
            ]
        );
        assert_eq!(
            out.matches("BEGIN:VEVENT").count(),
            2,
            "one series, one moved occurrence"
        );
        assert!(out.contains("\r\nRECURRENCE-ID;TZID=Europe/Stockholm:20260308T023000\r\nDTSTART;TZID=Europe/Stockholm:20260309T100000\r\n"));
        assert!(out.contains("\r\nRRULE:FREQ=WEEKLY;BYDAY=SU;COUNT=10\r\n"));
    }

    #[test]
    fn a_move_into_a_gap_is_written_where_it_lands() {
        let r = rhythm(
            3,
            "Fika",
            "Europe/Stockholm",
            at(2026, 3, 2, 9, 0),
            weekly(Weekday::Mon),
            End::Never,
        );
        let original = at(2026, 3, 23, 9, 0);
        let marks: Marks = [(
            (3, original),
            OccurrenceMark {
                rhythm_id: 3,
                original,
                status: MarkStatus::Planned,
                reason: None,
                moved_to: Some(at(2026, 3, 29, 2, 15)),
            },
        )]
        .into_iter()
        .collect();
        let out = ics(&[r], &marks, now());
        assert!(
            out.contains("\r\nDTSTART;TZID=Europe/Stockholm:20260329T031500\r\n"),
            "{out}"
        );
    }

    #[test]
    fn a_meeting_link_is_the_location_and_url_of_the_series_and_its_moves() {
        let mut r = rhythm(
            4,
            "Fika",
            "Europe/Stockholm",
            at(2026, 3, 2, 9, 0),
            weekly(Weekday::Mon),
            End::Never,
        );
        r.meeting_link = Some("https://meet.jit.si/fika;rum,1?a=b".into());
        let original = at(2026, 3, 9, 9, 0);
        let marks: Marks = [(
            (4, original),
            OccurrenceMark {
                rhythm_id: 4,
                original,
                status: MarkStatus::Planned,
                reason: None,
                moved_to: Some(at(2026, 3, 10, 9, 0)),
            },
        )]
        .into_iter()
        .collect();
        let out = unfold(&ics(&[r], &marks, now()));
        assert_eq!(
            out.matches("\r\nLOCATION:https://meet.jit.si/fika\\;rum\\,1?a=b\r\n")
                .count(),
            2,
            "{out}"
        );
        assert_eq!(
            out.matches("\r\nURL:https://meet.jit.si/fika;rum,1?a=b\r\n")
                .count(),
            2,
            "{out}"
        );
        let plain = rhythm(
            5,
            "Möte",
            "UTC",
            at(2026, 3, 2, 9, 0),
            weekly(Weekday::Mon),
            End::Never,
        );
        let out = ics(&[plain], &Marks::new(), now());
        assert!(!out.contains("LOCATION") && !out.contains("URL:"));
    }

    #[test]
    fn durations_are_exact() {
        assert_eq!(duration(45), "PT45M");
        assert_eq!(duration(60), "PT1H");
        assert_eq!(duration(90), "PT1H30M");
        assert_eq!(duration(24 * 60), "PT24H");
    }

    #[test]
    fn offsets_are_written_as_rfc_5545_wants() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-5 * 3600), "-0500");
        assert_eq!(utc_offset(5 * 3600 + 1800), "+0530");
        assert_eq!(utc_offset(-(3600 + 60 + 7)), "-010107");
        assert_eq!(utc_offset(0), "+0000");
    }

    /// The offset a VTIMEZONE gives at each instant, computed the way a client would: the
    /// onsets of every sub-component (DTSTART, yearly RRULE up to UNTIL, RDATEs), each at its
    /// local time in TZOFFSETFROM; before the first, that onset's TZOFFSETFROM.
    struct Reader {
        onsets: Vec<(i64, i32, i32)>,
    }

    impl Reader {
        fn new(vtimezone: &str, last_year: i32) -> Reader {
            let offset = |v: &str| {
                let sign = if v.starts_with('-') { -1 } else { 1 };
                let digits: Vec<i32> = v.as_bytes()[1..]
                    .chunks(2)
                    .map(|c| std::str::from_utf8(c).unwrap().parse().unwrap())
                    .collect();
                sign * (digits[0] * 3600 + digits[1] * 60 + digits.get(2).copied().unwrap_or(0))
            };
            let local = |v: &str| NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").unwrap();
            let mut onsets = Vec::new();
            for part in subcomponents(vtimezone) {
                let field = |name: &str| {
                    part.iter()
                        .find_map(|l| l.strip_prefix(&format!("{name}:")).map(str::to_owned))
                };
                let from = offset(&field("TZOFFSETFROM").unwrap());
                let to = offset(&field("TZOFFSETTO").unwrap());
                let start = local(&field("DTSTART").unwrap());
                let mut locals = vec![start];
                if let Some(rdate) = field("RDATE") {
                    locals.extend(rdate.split(',').map(local));
                }
                if let Some(rrule) = field("RRULE") {
                    let rule: HashMap<&str, &str> =
                        rrule.split(';').filter_map(|p| p.split_once('=')).collect();
                    let month: u32 = rule["BYMONTH"].parse().unwrap();
                    let until = rule.get("UNTIL").map(|u| local(u.trim_end_matches('Z')));
                    for year in start.year() + 1..=last_year {
                        let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
                        let date = if let Some(day) = rule.get("BYMONTHDAY") {
                            first.with_day(day.parse().unwrap())
                        } else {
                            let by_day = rule["BYDAY"];
                            let (n, code) = by_day.split_at(by_day.len() - 2);
                            let weekday =
                                Weekday::ALL.into_iter().find(|d| d.code() == code).unwrap();
                            let n: i32 = n.parse().unwrap();
                            let days: Vec<NaiveDate> = (0..days_in_month(first))
                                .map(|d| first + chrono::Duration::days(d.into()))
                                .filter(|d| Weekday::from(d.weekday()) == weekday)
                                .collect();
                            if n > 0 {
                                days.get(n as usize - 1).copied()
                            } else {
                                days.last().copied()
                            }
                        };
                        let Some(date) = date else { continue };
                        let at = date.and_time(start.time());
                        if until.is_some_and(|u| at - chrono::Duration::seconds(from.into()) > u) {
                            break;
                        }
                        locals.push(at);
                    }
                }
                for l in locals {
                    onsets.push((l.and_utc().timestamp() - i64::from(from), from, to));
                }
            }
            onsets.sort_unstable();
            Reader { onsets }
        }

        fn offset(&self, utc: i64) -> i32 {
            match self.onsets.iter().rev().find(|(at, ..)| *at <= utc) {
                Some((_, _, to)) => *to,
                None => self.onsets[0].1,
            }
        }
    }

    #[test]
    fn every_zones_vtimezone_gives_its_real_offsets() {
        // Through 2027 in every zone: Lord Howe's half-hour DST, Chatham's +1345, Morocco's
        // Ramadan, Dublin's negative DST, zones without DST.
        let (from, to) = (year_start(2026), year_start(2028));
        for tz in chrono_tz::TZ_VARIANTS {
            let mut lines = Lines::default();
            write_vtimezone(&mut lines, tz, 2025, 2027);
            let reader = Reader::new(&lines.text, 2027);
            let mut probes: Vec<i64> = (from..to).step_by(86_400).collect();
            for tr in transitions(tz, from, to) {
                probes.extend([tr.at - 1, tr.at]);
            }
            for utc in probes {
                assert_eq!(
                    reader.offset(utc),
                    offset_at(tz, utc).fix().local_minus_utc(),
                    "{} at {:?}:\n{}",
                    tz.name(),
                    DateTime::from_timestamp(utc, 0),
                    lines.text
                );
            }
        }
    }
}
