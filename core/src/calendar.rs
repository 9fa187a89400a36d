//! Calendar export: rhythms as an RFC 5545 iCalendar file (.ics) that Outlook, Google
//! Calendar and Thunderbird import. Titles and times only — no notes, reasons, names of
//! people or e-mail addresses leave the machine this way (DESIGN §6).
//!
//! Each rhythm is one recurring VEVENT in its own zone; skipped occurrences are EXDATEs, moved
//! ones are overriding VEVENTs with a RECURRENCE-ID. Every zone used gets a VTIMEZONE built
//! from the zone's real transitions in chrono-tz, so clients that ignore IANA names (Outlook)
//! compute the same instants as the app.

use std::collections::{BTreeMap, HashMap};

use chrono::{
    DateTime, Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use crate::error::Result;
use crate::i18n::{t, Lang};
use crate::model::{MarkStatus, OccurrenceMark, Rhythm, RhythmId, RhythmKind};
use crate::schedule::agenda::series_of;
use crate::schedule::recurrence::{resolve_local, End, Series, Weekday};
use crate::store::{people, rhythms as table, Store};

const PRODID: &str = "-//Narvaro//Narvaro//SV";
const CALNAME: &str = "Närvaro";
/// RFC 5545 §3.1: lines longer than this many octets are folded.
const LINE_OCTETS: usize = 75;
/// How far past the last year a series uses its zone's transitions are written out. An
/// open-ended yearly rule covers the rest; this only matters for zones without one.
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

/// One rhythm (or, with `None`, every rhythm the agenda shows) as an .ics file. An unknown
/// id is NotFound("rhythm").
pub fn export(store: &Store, rhythm: Option<RhythmId>, now: DateTime<Utc>) -> Result<String> {
    let (rhythms, marks) = load(store, rhythm)?;
    Ok(write_calendar(&rhythms, &marks, now, None))
}

/// As [`export`], with each event's kind as a CATEGORIES value in `lang`.
pub fn export_in(
    store: &Store,
    rhythm: Option<RhythmId>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<String> {
    let (rhythms, marks) = load(store, rhythm)?;
    Ok(write_calendar(&rhythms, &marks, now, Some(lang)))
}

type Marks = HashMap<(RhythmId, NaiveDateTime), OccurrenceMark>;

fn load(store: &Store, rhythm: Option<RhythmId>) -> Result<(Vec<Rhythm>, Marks)> {
    let conn = store.conn();
    match rhythm {
        Some(id) => {
            let rhythm = crate::rhythms::get(store, id)?;
            let marks = table::marks_of(conn, id)?
                .into_iter()
                .map(|m| ((m.rhythm_id, m.original), m))
                .collect();
            Ok((vec![rhythm], marks))
        }
        None => {
            // The same rhythms the agenda shows: a 1:1 series with an archived person rests.
            let active: HashMap<_, _> = people::all(conn)?
                .into_iter()
                .map(|p| (p.id, p.is_active()))
                .collect();
            let rhythms = table::all(conn)?
                .into_iter()
                .filter(|r| r.person_id.is_none_or(|p| active.get(&p).copied().unwrap_or(false)))
                .collect();
            Ok((rhythms, table::all_marks(conn)?))
        }
    }
}

/// How an event's times are written: UTC needs no VTIMEZONE and gets `Z` times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Utc,
    Named(Tz),
}

impl Zone {
    fn of(tz: Tz) -> Zone {
        const UTC_NAMES: &[&str] = &[
            "UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu",
            "GMT", "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "GMT+0", "GMT-0", "GMT0",
            "Greenwich", "Etc/Greenwich",
        ];
        if UTC_NAMES.contains(&tz.name()) {
            Zone::Utc
        } else {
            Zone::Named(tz)
        }
    }

    /// A DATE-TIME property for a wall-clock time in this zone.
    fn property(self, name: &str, local: NaiveDateTime) -> String {
        match self {
            Zone::Utc => format!("{name}:{}Z", stamp(local)),
            Zone::Named(tz) => format!("{name};TZID={}:{}", tz.name(), stamp(local)),
        }
    }
}

fn stamp(t: NaiveDateTime) -> String {
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

fn write_calendar(rhythms: &[Rhythm], marks: &Marks, now: DateTime<Utc>, lang: Option<Lang>) -> String {
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
        log::warn!("rhythm {} has an unknown zone; left out of the calendar", rhythm.id);
        return None;
    };
    // Stored rhythms are normalised already; doing it again guards against a DTSTART that
    // is no occurrence, which RFC 5545 counts and most implementations do not.
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
    let categories = lang.map(|lang| format!("CATEGORIES:{}", text(&t(lang, kind_key(rhythm.kind), &[]))));

    out.line("BEGIN:VEVENT");
    out.line(&uid);
    out.line(dtstamp);
    // The rule's wall-clock start, even when that time does not exist on the first day
    // (RFC 5545 §3.3.5 moves it forward, as the app does): the rule repeats the wall
    // time, so writing the moved time would shift every later occurrence.
    out.line(&event.zone.property("DTSTART", event.series.start));
    // DURATION rather than DTEND: its hours and minutes are exact (§3.3.6), as the app's
    // are, and a DTEND on a DST night would make every occurrence an hour longer or shorter.
    out.line(&duration);
    out.line(&format!("RRULE:{}", event.series.recurrence.to_rrule(tz)));
    for original in &event.skipped {
        // The wall time the rule produces, not the instant it resolves to: implementations
        // that compare EXDATEs by wall clock (python-dateutil, recurring-ical-events) and
        // those that compare instants (RFC 5545) both match it, also in a DST gap.
        out.line(&event.zone.property("EXDATE", *original));
    }
    out.line(&summary);
    if let Some(categories) = &categories {
        out.line(categories);
    }
    out.line("END:VEVENT");

    for (original, to) in &event.moved {
        out.line("BEGIN:VEVENT");
        out.line(&uid);
        out.line(dtstamp);
        out.line(&event.zone.property("RECURRENCE-ID", *original));
        // A moved time that does not exist is written as the time it resolves to, so no
        // client has to guess.
        out.line(&event.zone.property("DTSTART", resolve_local(*to, tz).naive_local()));
        out.line(&duration);
        out.line(&summary);
        if let Some(categories) = &categories {
            out.line(categories);
        }
        out.line("END:VEVENT");
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
fn text(value: &str) -> String {
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
struct Lines {
    text: String,
}

impl Lines {
    fn line(&mut self, content: &str) {
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

/// The offset in force over a stretch of time, as a VTIMEZONE tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Span {
    /// Seconds east of UTC.
    total: i32,
    /// The daylight-saving part of `total` (negative in Europe/Dublin's winter).
    dst: i32,
    name: String,
}

fn span_at(tz: Tz, utc_seconds: i64) -> Span {
    let utc = DateTime::from_timestamp(utc_seconds, 0).unwrap_or_default().naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc);
    let total = offset.fix().local_minus_utc();
    let dst = i32::try_from(offset.dst_offset().num_seconds()).unwrap_or(0);
    let name = offset
        .abbreviation()
        .map_or_else(|| numeric_name(total), str::to_owned);
    Span { total, dst, name }
}

/// tzdata's name for an offset without an abbreviation: "+03", "+0530".
fn numeric_name(total: i32) -> String {
    let sign = if total < 0 { '-' } else { '+' };
    let (h, m) = (total.abs() / 3600, total.abs() % 3600 / 60);
    if m == 0 {
        format!("{sign}{h:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

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

#[derive(Debug, Clone)]
struct Transition {
    /// The first second (UTC, Unix time) of the new offset.
    at: i64,
    from: Span,
    to: Span,
}

impl Transition {
    /// The onset as a VTIMEZONE's DTSTART gives it: local time in the offset before.
    fn local(&self) -> NaiveDateTime {
        DateTime::from_timestamp(self.at + i64::from(self.from.total), 0)
            .unwrap_or_default()
            .naive_utc()
    }

    fn utc(&self) -> NaiveDateTime {
        DateTime::from_timestamp(self.at, 0).unwrap_or_default().naive_utc()
    }

    /// Summer time starts (also Dublin's, where winter is the negative DST); a change of
    /// standard offset is STANDARD.
    fn daylight(&self) -> bool {
        if self.to.dst == self.from.dst {
            self.to.dst > 0
        } else {
            self.to.dst > self.from.dst
        }
    }
}

fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN)
        .and_utc()
        .timestamp()
}

/// Every change of offset, DST part or name in [from, to), found by sampling every six hours
/// (no zone changes twice within that) and bisecting to the second.
fn transitions(tz: Tz, from: i64, to: i64) -> Vec<Transition> {
    const STEP: i64 = 6 * 3600;
    let mut out = Vec::new();
    let mut t = from;
    let mut span = span_at(tz, t);
    while t < to {
        let next = (t + STEP).min(to);
        let next_span = span_at(tz, next);
        if next_span == span {
            t = next;
            continue;
        }
        let (mut lo, mut hi) = (t, next);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if span_at(tz, mid) == span {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let to_span = span_at(tz, hi);
        out.push(Transition {
            at: hi,
            from: span,
            to: to_span.clone(),
        });
        t = hi;
        span = to_span;
    }
    out
}

/// A yearly pattern for the day of an onset within its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayRule {
    /// The last such weekday (BYDAY=-1SU).
    Last(chrono::Weekday),
    /// The nth such weekday, 1..=5 (BYDAY=2SU).
    Nth(u32, chrono::Weekday),
    /// A fixed day of the month (BYMONTHDAY=22).
    Day(u32),
}

fn days_in_month(date: NaiveDate) -> u32 {
    let first = date.with_day(1).unwrap_or(date);
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| u32::try_from((next - first).num_days()).ok())
        .unwrap_or(31)
}

/// Every pattern the date fits, most natural first (Outlook understands the weekday ones).
fn day_rules(date: NaiveDate) -> Vec<DayRule> {
    let (day, weekday) = (date.day(), date.weekday());
    let mut rules = Vec::with_capacity(3);
    if day + 7 > days_in_month(date) {
        rules.push(DayRule::Last(weekday));
    }
    rules.push(DayRule::Nth((day - 1) / 7 + 1, weekday));
    rules.push(DayRule::Day(day));
    rules
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

/// Onsets of one kind that a single yearly rule generates: one a year, same month, same
/// local time, a day rule they all fit.
struct Run {
    onsets: Vec<Transition>,
    rules: Vec<DayRule>,
}

impl Run {
    fn accepts(&self, next: &Transition) -> Option<Vec<DayRule>> {
        let last = self.onsets.last()?.local();
        let local = next.local();
        let fits = local.year() == last.year() + 1
            && local.month() == last.month()
            && local.time() == last.time();
        if !fits {
            return None;
        }
        let candidates = day_rules(local.date());
        let common: Vec<DayRule> = self
            .rules
            .iter()
            .copied()
            .filter(|r| candidates.contains(r))
            .collect();
        (!common.is_empty()).then_some(common)
    }
}

/// The VTIMEZONE for `tz`, describing its offsets from the start of `from_year` through
/// `to_year`: one sub-component per yearly rule (with UNTIL when the rule stopped, without
/// when it still held at the end), RDATE lists for onsets that follow no yearly rule, and a
/// single STANDARD for a zone that does not change.
fn write_vtimezone(out: &mut Lines, tz: Tz, from_year: i32, to_year: i32) {
    let start = year_start(from_year);
    let end = year_start(to_year + 1);
    let all = transitions(tz, start, end);

    // Onsets with the same kind, offsets and name belong to one sub-component family.
    let mut families: Vec<((bool, i32, i32, String), Vec<Transition>)> = Vec::new();
    for tr in &all {
        let key = (tr.daylight(), tr.from.total, tr.to.total, tr.to.name.clone());
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
            if run.onsets.len() < 2 {
                singles.extend(run.onsets);
                continue;
            }
            // Still holding in the last year looked at: the rule goes on.
            let open = i + 1 == count && last.at >= year_start(to_year);
            let mut lines = header(first);
            lines.push(yearly_rrule(
                run.rules[0],
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
    if all.first().is_none_or(|tr| tr.at >= year_start(from_year + 1)) {
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

