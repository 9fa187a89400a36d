//! The agenda: what is due and what occurs over a window of days, as one pure function of
//! the team's data, `now` and the manager's zone. Today, Week and `narvaro agenda` all
//! render this.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use super::cadence::{self, CadenceInput, DueCheckIn};
use super::holidays::{Closed, WorkingDays};
use super::recurrence::{parse_tz, resolve_local, Series};
use super::spread::{self, Newcomer, SpreadMove};
use crate::model::{
    Away, Group, GroupId, MarkStatus, OccurrenceMark, OccurrenceRef, Person, PersonId, Rhythm,
    RhythmId, RhythmKind,
};

/// One occurrence as the views show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceView {
    /// Stable id: rhythm id and original local start, e.g. "12@2026-12-04T09:00".
    pub id: String,
    pub rhythm_id: RhythmId,
    pub kind: RhythmKind,
    // Shared by every occurrence of the rhythm (as are `with_name`, `timezone` and
    // `meeting_link`): one count increment per occurrence, not a copy of the text.
    pub title: Arc<str>,
    /// The group's or the person's name; none for everyone.
    pub with_name: Option<Arc<str>>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The rhythm's zone, in which `start` is the rule's wall-clock time.
    pub timezone: Arc<str>,
    pub status: MarkStatus,
    /// Where the rule put it, when it was moved.
    pub moved_from: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    /// The rhythm's video-meeting link (https only), for *Join*; a 1:1 series without one
    /// has its person's (`Rhythm::join_link`).
    pub meeting_link: Option<Arc<str>>,
    /// `id` typed, for reminder keys.
    #[serde(skip)]
    #[ts(skip)]
    pub occurrence: OccurrenceRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AgendaDay {
    pub date: NaiveDate,
    /// Check-ins that fall due on this day.
    pub checkins: Vec<DueCheckIn>,
    /// Occurrences starting on this day, in time order.
    pub occurrences: Vec<OccurrenceView>,
    /// Check-ins booked to start on this day, in time order (`schedule::booking::attach`).
    pub booked: Vec<crate::model::Booked>,
    /// A public holiday (by name) or the manager's own day off: nothing falls due on it.
    pub closed: Option<Closed>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Agenda {
    pub today: NaiveDate,
    /// Check-ins past due, most overdue first.
    pub overdue: Vec<DueCheckIn>,
    /// Today and the following days.
    pub days: Vec<AgendaDay>,
    /// People away today, each with the day they are due back ("away until …").
    pub away: Vec<DueCheckIn>,
    /// Days with more check-ins due than the manager wants: who could move where.
    pub spread: Vec<SpreadMove>,
    /// "At most N check-ins a day", which `spread` keeps to.
    pub max_per_day: u16,
    /// No people and no rhythms yet (archived people count): a new user, whom Today
    /// welcomes instead of showing an empty agenda.
    pub new_user: bool,
}

/// Everything the agenda reads, loaded by the caller.
pub struct AgendaData<'a> {
    pub people: &'a [Person],
    pub last_held: &'a HashMap<PersonId, NaiveDate>,
    pub groups: &'a [Group],
    pub rhythms: &'a [Rhythm],
    pub marks: &'a HashMap<(RhythmId, NaiveDateTime), OccurrenceMark>,
    /// Every away period (any person, any order).
    pub away: &'a [Away],
    /// The days a check-in may fall due on.
    pub working: WorkingDays<'a>,
    /// "At most N check-ins a day", for spreading proposals and the first check-ins of
    /// people added together.
    pub max_per_day: u16,
}

impl AgendaData<'_> {
    /// Each person's away periods.
    pub fn away_by_person(&self) -> HashMap<PersonId, Vec<&Away>> {
        let mut by: HashMap<PersonId, Vec<&Away>> = HashMap::new();
        for a in self.away {
            by.entry(a.person_id).or_default().push(a);
        }
        by
    }

    /// Every active person's check-in status as of `today` (see `cadence` for the rule),
    /// in the order of `people`.
    pub fn due_statuses(&self, local_tz: Tz, today: NaiveDate) -> Vec<DueCheckIn> {
        let added = |p: &Person| p.created_at.with_timezone(&local_tz).date_naive();
        // Positions among everyone added the same day (archived too, by id), so that what
        // happens to one person never moves another's first date.
        let mut by_day: HashMap<NaiveDate, Vec<PersonId>> = HashMap::new();
        for p in self.people {
            by_day.entry(added(p)).or_default().push(p.id);
        }
        for ids in by_day.values_mut() {
            ids.sort_unstable();
        }
        let newcomers: Vec<(Newcomer, usize)> = self
            .people
            .iter()
            .filter(|p| {
                p.is_active() && p.last_talked_on.is_none() && !self.last_held.contains_key(&p.id)
            })
            .map(|p| {
                let day = added(p);
                let position = by_day
                    .get(&day)
                    .and_then(|ids| ids.binary_search(&p.id).ok())
                    .unwrap_or(0);
                (
                    Newcomer {
                        person_id: p.id,
                        added_on: day,
                        cadence_days: p.cadence_days,
                    },
                    position,
                )
            })
            .collect();
        let first = spread::first_dues(&newcomers, &self.working, self.max_per_day);
        let away = self.away_by_person();
        let one_on_ones = OneOnOnes::new(self, local_tz, today);
        self.people
            .iter()
            .filter(|p| p.is_active())
            .map(|person| {
                let periods = away.get(&person.id).map_or(&[][..], Vec::as_slice);
                cadence::status(
                    &CadenceInput {
                        person_id: person.id,
                        name: &person.name,
                        cadence_days: person.cadence_days,
                        checkin_minutes: person.checkin_minutes,
                        added_on: added(person),
                        last_held: self.last_held.get(&person.id).copied(),
                        last_talked: person.last_talked_on,
                        first_due: first.get(&person.id).copied(),
                        away: periods,
                    },
                    &self.working,
                    today,
                )
            })
            .map(|mut due| {
                due.one_on_one = one_on_ones.on(&due);
                due
            })
            .collect()
    }
}

/// The 1:1 series of each person, for finding the one on the day their check-in is due.
pub(crate) struct OneOnOnes<'d> {
    by_person: HashMap<PersonId, Vec<&'d Rhythm>>,
    data: &'d AgendaData<'d>,
    names: Names<'d>,
    local_tz: Tz,
    today: NaiveDate,
}

impl<'d> OneOnOnes<'d> {
    pub(crate) fn new(data: &'d AgendaData<'d>, local_tz: Tz, today: NaiveDate) -> Self {
        let mut by_person: HashMap<PersonId, Vec<&Rhythm>> = HashMap::new();
        for rhythm in data.rhythms {
            if let (RhythmKind::OneOnOne, Some(person)) = (rhythm.kind, rhythm.person_id) {
                by_person.entry(person).or_default().push(rhythm);
            }
        }
        Self {
            by_person,
            data,
            names: Names::new(data.people, data.groups),
            local_tz,
            today,
        }
    }

    /// The first planned 1:1 with `due`'s person on its due day, or today when that has
    /// passed.
    fn on(&self, due: &DueCheckIn) -> Option<cadence::OneOnOneMeeting> {
        self.on_day(due.person_id, due.due_on.max(self.today))
    }

    /// The first planned 1:1 with `person` on `day`: as placed (a moved one where it went, a
    /// skipped one not at all).
    pub(crate) fn on_day(
        &self,
        person: PersonId,
        day: NaiveDate,
    ) -> Option<cadence::OneOnOneMeeting> {
        let series = self.by_person.get(&person)?;
        let (from, to) = window(day, 1, self.local_tz);
        series
            .iter()
            .flat_map(|rhythm| occurrences(rhythm, self.data.marks, &self.names, from, to))
            .filter(|view| {
                view.status == MarkStatus::Planned && view.start >= from && view.start < to
            })
            .min_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)))
            .map(|view| cadence::OneOnOneMeeting {
                occurrence_id: view.id,
                start: view.start,
            })
    }
}

pub const MAX_DAYS: u32 = 366;

/// The Monday of the week `offset` weeks from the one holding `today` (0: this week).
pub fn week_start(today: NaiveDate, offset: i64) -> NaiveDate {
    crate::schedule::recurrence::monday_of(today)
        .and_then(|monday| monday.checked_add_signed(Duration::weeks(offset)))
        .unwrap_or(today)
}

/// The instants of local midnight starting `today` and `days` days later, in `tz`.
pub fn window(today: NaiveDate, days: u32, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = resolve_local(today.and_time(chrono::NaiveTime::MIN), tz);
    let end_date = today
        .checked_add_signed(Duration::days(days.into()))
        .unwrap_or(NaiveDate::MAX);
    let end = resolve_local(end_date.and_time(chrono::NaiveTime::MIN), tz);
    (start.with_timezone(&Utc), end.with_timezone(&Utc))
}

/// The instants the agenda for `days` days from `now` covers: `window` from today in
/// `local_tz`, with `days` clamped as `build` clamps it.
pub fn span(now: DateTime<Utc>, local_tz: Tz, days: u32) -> (DateTime<Utc>, DateTime<Utc>) {
    let today = now.with_timezone(&local_tz).date_naive();
    window(today, days.clamp(1, MAX_DAYS), local_tz)
}

/// Local wall-clock times, in any zone, that can resolve into [from, to): offsets are under
/// a day and a gap is at most a day, so two days either side hold them all (the margin
/// `Series::occurrences_between` expands with); one more is slack. Every occurrence the
/// agenda shows for [from, to) has its original or moved-to start in here, so these bounds
/// select the marks it needs.
pub fn local_bounds(from: DateTime<Utc>, to: DateTime<Utc>) -> (NaiveDateTime, NaiveDateTime) {
    crate::schedule::recurrence::widened(from, to, Duration::days(3))
}

/// Local midnight `days` days before `now`'s date in `tz`: where a look back starts (the
/// person page shows the occurrences of the last 90 days).
pub fn days_back(now: DateTime<Utc>, days: i64, tz: Tz) -> DateTime<Utc> {
    let today = now.with_timezone(&tz).date_naive();
    window(today - Duration::days(days), 1, tz).0
}

pub fn series_of(rhythm: &Rhythm) -> Option<Series> {
    let tz = parse_tz(&rhythm.timezone).ok()?;
    Some(Series {
        start: rhythm.start,
        tz,
        recurrence: rhythm.recurrence.clone(),
    })
}

/// The agenda for `days` days from today (in `local_tz`, the manager's zone).
pub fn build(data: &AgendaData<'_>, now: DateTime<Utc>, local_tz: Tz, days: u32) -> Agenda {
    let today = now.with_timezone(&local_tz).date_naive();
    build_from(data, now, local_tz, today, days)
}

/// The agenda for `days` days from `first` (a week's Monday, say), seen at `now`: days
/// before today show what happened (held, skipped), check-ins past due are `overdue`
/// whatever the window.
pub fn build_from(
    data: &AgendaData<'_>,
    now: DateTime<Utc>,
    local_tz: Tz,
    first: NaiveDate,
    days: u32,
) -> Agenda {
    let days = days.clamp(1, MAX_DAYS);
    let today = now.with_timezone(&local_tz).date_naive();
    let (from, to) = window(first, days, local_tz);
    let mut agenda = Agenda {
        today,
        overdue: Vec::new(),
        away: Vec::new(),
        spread: Vec::new(),
        max_per_day: data.max_per_day,
        new_user: data.people.is_empty() && data.rhythms.is_empty(),
        days: (0..days)
            .map(|i| AgendaDay {
                date: first + Duration::days(i.into()),
                checkins: Vec::new(),
                occurrences: Vec::new(),
                booked: Vec::new(),
                closed: data.working.closed.why(first + Duration::days(i.into())),
            })
            .collect(),
    };
    let day_index = |date: NaiveDate| -> Option<usize> {
        usize::try_from((date - first).num_days())
            .ok()
            .filter(|&i| i < agenda_len(days))
    };

    let statuses = data.due_statuses(local_tz, today);
    let all_due: Vec<NaiveDate> = statuses.iter().map(|d| d.due_on).collect();
    for due in statuses {
        if due.away_until.is_some() {
            if let Some(i) = day_index(due.due_on) {
                agenda.days[i].checkins.push(due.clone());
            }
            agenda.away.push(due);
        } else if due.due_on < today {
            agenda.overdue.push(due);
        } else if let Some(i) = day_index(due.due_on) {
            agenda.days[i].checkins.push(due);
        }
    }
    agenda
        .away
        .sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.name.cmp(&b.name)));
    agenda.overdue.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(a.name.cmp(&b.name))
    });

    let names = Names::new(data.people, data.groups);
    let per_rhythm: Vec<Vec<OccurrenceView>> = data
        .rhythms
        .iter()
        .filter(|r| names.involves_active(r))
        .map(|r| occurrences(r, data.marks, &names, from, to))
        .collect();
    let mut slots = Vec::with_capacity(per_rhythm.iter().map(Vec::len).sum());
    let mut by_day = vec![Vec::new(); agenda.days.len()];
    for view in per_rhythm.into_iter().flatten() {
        let date = view.start.with_timezone(&local_tz).date_naive();
        if let Some(day) = day_index(date).and_then(|i| by_day.get_mut(i)) {
            day.push(slots.len());
            slots.push(Some(view));
        }
    }
    // Each day in time order, ties by id, sorted through positions: a view is a couple of
    // hundred bytes, so each is moved once, into its day, not at every step of a sort.
    for (day, mut order) in agenda.days.iter_mut().zip(by_day) {
        order.sort_by(|&a, &b| match (&slots[a], &slots[b]) {
            (Some(a), Some(b)) => a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)),
            _ => std::cmp::Ordering::Equal,
        });
        day.occurrences = order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take))
            .collect();
        day.checkins.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let away = data.away_by_person();
    let mut ahead: Vec<(NaiveDate, &mut Vec<DueCheckIn>)> = agenda
        .days
        .iter_mut()
        .filter(|d| d.date >= today)
        .map(|d| (d.date, &mut d.checkins))
        .collect();
    agenda.spread = spread::spread(&mut ahead, &all_due, &away, &data.working, data.max_per_day);
    agenda
}

fn agenda_len(days: u32) -> usize {
    usize::try_from(days).unwrap_or(usize::MAX)
}

/// One occurrence of a rhythm placed on the time line: where the rule put it (its identity),
/// where it starts (where it was moved to, if moved) and its mark.
pub struct Placed<'m> {
    pub original: NaiveDateTime,
    pub start: DateTime<Utc>,
    pub mark: Option<&'m OccurrenceMark>,
}

/// The occurrences of one rhythm in [from, to) with its marks applied, in time order:
/// skipped and held ones stay (with their mark), moved ones are placed where they were
/// moved to. `occurrences` makes views of them; counts need no more than this.
pub fn placed<'m>(
    rhythm: &Rhythm,
    series: &Series,
    marks: &'m HashMap<(RhythmId, NaiveDateTime), OccurrenceMark>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Placed<'m>> {
    let moved_start = |m: &OccurrenceMark| {
        m.moved_to
            .map(|t| resolve_local(t, series.tz).with_timezone(&Utc))
    };
    let found = series.occurrences_between(from, to);
    let mut out = Vec::with_capacity(found.len());
    for occurrence in found {
        let mark = marks.get(&(rhythm.id, occurrence.original));
        match mark.and_then(moved_start) {
            Some(_) => {} // placed where it was moved to, below
            None => out.push(Placed {
                original: occurrence.original,
                start: occurrence.start.with_timezone(&Utc),
                mark,
            }),
        }
    }
    for mark in marks.values().filter(|m| m.rhythm_id == rhythm.id) {
        if let Some(start) = moved_start(mark) {
            if start >= from && start < to && series.produces(mark.original) {
                out.push(Placed {
                    original: mark.original,
                    start,
                    mark: Some(mark),
                });
            }
        }
    }
    out.sort_by_key(|p| p.start);
    out
}

/// The occurrences of one rhythm in [from, to) with its marks applied (see `placed`), as
/// the views show them.
pub fn occurrences(
    rhythm: &Rhythm,
    marks: &HashMap<(RhythmId, NaiveDateTime), OccurrenceMark>,
    names: &Names<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<OccurrenceView> {
    let Some(series) = series_of(rhythm) else {
        log::warn!("rhythm {} has an unknown zone", rhythm.id);
        return Vec::new();
    };
    let duration = Duration::minutes(rhythm.duration_minutes.into());
    let with_name: Option<Arc<str>> = names.with_name(rhythm).map(Arc::from);
    let meeting_link: Option<Arc<str>> = names.join_link(rhythm).map(Arc::from);
    let title: Arc<str> = Arc::from(rhythm.title.as_str());
    let timezone: Arc<str> = Arc::from(rhythm.timezone.as_str());
    let view = |p: Placed<'_>| {
        let occurrence = OccurrenceRef {
            rhythm_id: rhythm.id,
            original: p.original,
        };
        // Sized once: "12@2026-12-04T09:00" grown by `to_string` would be allocated twice.
        let mut id = String::with_capacity(32);
        // Writing to a String cannot fail.
        let _ = write!(id, "{occurrence}");
        OccurrenceView {
            id,
            occurrence,
            rhythm_id: rhythm.id,
            kind: rhythm.kind,
            title: Arc::clone(&title),
            with_name: with_name.clone(),
            start: p.start,
            end: p.start + duration,
            timezone: Arc::clone(&timezone),
            status: p.mark.map_or(MarkStatus::Planned, |m| m.status),
            // Resolved only for a moved occurrence: the zone lookup is not free.
            moved_from: p
                .mark
                .and_then(|m| m.moved_to)
                .map(|_| resolve_local(p.original, series.tz).with_timezone(&Utc)),
            reason: p.mark.and_then(|m| m.reason.clone()),
            meeting_link: meeting_link.clone(),
        }
    };
    placed(rhythm, &series, marks, from, to)
        .into_iter()
        .map(view)
        .collect()
}

/// Names for the "with" column, and who is still active.
pub struct Names<'a> {
    people: HashMap<PersonId, &'a Person>,
    groups: HashMap<GroupId, &'a Group>,
}

impl<'a> Names<'a> {
    pub fn new(people: &'a [Person], groups: &'a [Group]) -> Self {
        Names {
            people: people.iter().map(|p| (p.id, p)).collect(),
            groups: groups.iter().map(|g| (g.id, g)).collect(),
        }
    }

    fn with_name(&self, rhythm: &Rhythm) -> Option<String> {
        if let Some(person) = rhythm.person_id.and_then(|id| self.people.get(&id)) {
            return Some(person.name.clone());
        }
        rhythm
            .group_id
            .and_then(|id| self.groups.get(&id))
            .map(|g| g.name.clone())
    }

    /// The link *Join* opens: the rhythm's, else its 1:1 person's.
    pub fn join_link<'r>(&'r self, rhythm: &'r Rhythm) -> Option<&'r str> {
        let person = rhythm
            .person_id
            .and_then(|id| self.people.get(&id))
            .copied();
        rhythm.join_link(person)
    }

    /// A 1:1 series with an archived person has nothing due: archived people rest.
    pub(crate) fn involves_active(&self, rhythm: &Rhythm) -> bool {
        match rhythm.person_id {
            Some(id) => self.people.get(&id).is_some_and(|p| p.is_active()),
            None => true,
        }
    }
}
