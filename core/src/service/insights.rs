//! Insights ("Överblick"): loads what a period needs from the store and computes the figures
//! as one pure function of that data, today and the period (definitions in
//! `model::insights`); the text for `narvaro insights` and the CSV of the attention table.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;

use crate::error::Result;
use crate::i18n::{t, tn, Lang};
use crate::model::checkin::PulsePoint;
use crate::model::insights::{
    Attention, Distribution, FollowUpsKept, IdeasKept, Insights, KindKept, PersonPulse,
    PulseInsights, RhythmKept, ScaleCounts, Signal, SignalKind, TrendPoint, HEAVY_WORKLOAD,
    HEAVY_WORKLOAD_RUN, LOW_MOOD, LOW_MOOD_RUN, NOT_MOVING_RUN, NO_PULSE_DAYS,
};
use crate::model::{Group, MarkStatus, Person, PersonId, Rhythm, RhythmId, RhythmKind};
use crate::schedule::agenda::{local_bounds, placed, series_of, window, Names};
use crate::store::insights::{self as table, HeldIn};
use crate::store::{groups, people, rhythms, Store};

pub use crate::model::insights::period_days;

/// The kinds "rhythm kept" counts, in the order shown.
const KINDS: [RhythmKind; 3] = [
    RhythmKind::GroupMeeting,
    RhythmKind::OfficeHours,
    RhythmKind::SocialBreak,
];

/// The most pulses any signal looks back over.
const SIGNAL_RUN: usize = NOT_MOVING_RUN;

/// One rhythm's marks, keyed as the agenda keys them.
pub use crate::store::rhythms::Marks;

/// Everything `compute` reads, loaded by the caller.
pub struct InsightsData<'a> {
    /// Everyone, archived people too (they are skipped).
    pub people: &'a [Person],
    /// Check-ins of the period per active person.
    pub held: &'a [HeldIn],
    /// Per person, newest first: the period's pulses and at least the latest three.
    pub pulses: &'a HashMap<PersonId, Vec<PulsePoint>>,
    pub groups: &'a [Group],
    pub rhythms: &'a [Rhythm],
    /// Per rhythm, at least the marks whose original or moved-to time lies near the period
    /// (split by rhythm so that each rhythm looks through its own marks only).
    pub marks: &'a HashMap<RhythmId, Marks>,
    /// Follow-ups of active people: the local date agreed and the date done.
    pub followups: &'a [(NaiveDate, Option<NaiveDate>)],
    /// Ideas: suggested on, answered on.
    pub ideas: &'a [(NaiveDate, Option<NaiveDate>)],
}

/// The first day of the `days`-day period that ends with `today`.
pub fn period_start(today: NaiveDate, days: u32) -> NaiveDate {
    today - Duration::days(i64::from(days.max(1)) - 1)
}

/// The insights for the `days` days ending `today` (the manager's date in `tz`); `days`
/// outside 1..=3650 is refused with a translated error.
pub fn insights(store: &Store, today: NaiveDate, tz: Tz, days: i64) -> Result<Insights> {
    let days = period_days(days)?;
    let conn = store.conn();
    let from = period_start(today, days);
    let people = people::all(conn)?;
    let held = table::held_between(conn, from, today)?;
    let pulses = table::recent_pulses(conn, from, SIGNAL_RUN)?;
    let groups = groups::all(conn)?;
    let all_rhythms: Vec<Rhythm> = rhythms::all(conn)?
        .into_iter()
        .filter(|r| KINDS.contains(&r.kind))
        .collect();
    let (start, end) = window(from, days, tz);
    let (lo, hi) = local_bounds(start, end);
    let ids: Vec<RhythmId> = all_rhythms.iter().map(|r| r.id).collect();
    let marks = table::marks_near(conn, &ids, lo, hi)?;
    // A day early in UTC catches every follow-up agreed on the period's first local day.
    let followups: Vec<_> = table::followups_since(conn, start - Duration::days(1))?
        .into_iter()
        .map(|f| (f.created_at.with_timezone(&tz).date_naive(), f.done_on))
        .collect();
    let ideas = table::ideas_between(conn, from, today)?;
    Ok(compute(
        &InsightsData {
            people: &people,
            held: &held,
            pulses: &pulses,
            groups: &groups,
            rhythms: &all_rhythms,
            marks: &marks,
            followups: &followups,
            ideas: &ideas,
        },
        today,
        days,
        tz,
    ))
}

/// The median of `values` (the mean of the middle two for an even count); None when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => values.get(n / 2).copied(),
        _ => Some((values.get(n / 2 - 1)? + values.get(n / 2)?) / 2.0),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The figures for the `days` days ending `today`; `tz` places the rhythms' occurrences on
/// the manager's calendar.
pub fn compute(data: &InsightsData<'_>, today: NaiveDate, days: u32, tz: Tz) -> Insights {
    let days = days.max(1);
    let from = period_start(today, days);
    let active: HashMap<PersonId, &Person> = data
        .people
        .iter()
        .filter(|p| p.is_active())
        .map(|p| (p.id, p))
        .collect();
    let attention = attention(data, &active, today, days, tz);
    let mut prorated: Vec<f64> = attention.iter().map(|a| a.prorated_held).collect();
    let median_held = median(&mut prorated).unwrap_or(0.0);
    let mut attention = attention;
    for row in &mut attention {
        row.well_below = median_held >= 1.0 && row.prorated_held < median_held / 2.0;
    }
    attention.sort_by(|a, b| {
        a.prorated_held
            .total_cmp(&b.prorated_held)
            .then(b.days_since.cmp(&a.days_since))
            .then_with(|| a.name.cmp(&b.name))
            .then(a.person_id.cmp(&b.person_id))
    });
    let total_minutes = attention
        .iter()
        .fold(0u32, |sum, a| sum.saturating_add(a.minutes));
    Insights {
        today,
        days,
        from,
        team_size: count(attention.len()),
        median_held,
        total_minutes,
        attention,
        rhythm: rhythm_kept(data, from, today, days, tz),
        pulse: pulse(data, &active, from, today, tz),
    }
}

fn added_on(person: &Person, tz: Tz) -> NaiveDate {
    person.created_at.with_timezone(&tz).date_naive()
}

fn attention(
    data: &InsightsData<'_>,
    active: &HashMap<PersonId, &Person>,
    today: NaiveDate,
    days: u32,
    tz: Tz,
) -> Vec<Attention> {
    let rows: Vec<(&Person, &HeldIn)> = data
        .held
        .iter()
        .filter_map(|h| active.get(&h.person_id).map(|p| (*p, h)))
        .collect();
    let period = f64::from(days);
    // On the team since they were added, or since their first check-in if that came
    // earlier (history logged for someone added later).
    let on_team = |p: &Person, h: &HeldIn| -> u32 {
        let since = h
            .first_held
            .map_or(added_on(p, tz), |first| first.min(added_on(p, tz)));
        let elapsed = (today - since).num_days().clamp(1, i64::from(days));
        u32::try_from(elapsed).unwrap_or(days)
    };
    let weights: Vec<u32> = rows.iter().map(|(p, h)| on_team(p, h)).collect();
    let weight_sum: f64 = weights.iter().map(|w| f64::from(*w) / period).sum();
    let total_minutes: f64 = rows.iter().map(|(_, h)| f64::from(h.minutes)).sum();
    rows.iter()
        .zip(weights)
        .map(|((p, h), days_on_team)| {
            let weight = f64::from(days_on_team) / period;
            let days_since = (today - h.last_held.unwrap_or(added_on(p, tz)))
                .num_days()
                .max(0);
            Attention {
                person_id: p.id,
                name: p.name.clone(),
                held: h.held,
                minutes: h.minutes,
                last_held: h.last_held,
                days_since,
                cadence_days: p.cadence_days,
                overdue: days_since > i64::from(p.cadence_days),
                days_on_team,
                weight,
                prorated_held: f64::from(h.held) / weight,
                share: if total_minutes > 0.0 {
                    f64::from(h.minutes) / total_minutes
                } else {
                    0.0
                },
                equal_share: if weight_sum > 0.0 {
                    weight / weight_sum
                } else {
                    0.0
                },
                well_below: false,
            }
        })
        .collect()
}

fn days_between(from: NaiveDate, to: NaiveDate) -> f64 {
    // Day counts are small; the cast is exact.
    (to - from).num_days().max(0) as f64
}

fn rhythm_kept(
    data: &InsightsData<'_>,
    from: NaiveDate,
    today: NaiveDate,
    days: u32,
    tz: Tz,
) -> RhythmKept {
    let (start, end) = window(from, days, tz);
    let names = Names::new(data.people, data.groups);
    let no_marks = Marks::new();
    let mut kinds: Vec<KindKept> = KINDS
        .iter()
        .map(|&kind| KindKept {
            kind,
            planned: 0,
            held: 0,
            skipped: 0,
            unmarked: 0,
        })
        .collect();
    for rhythm in data.rhythms.iter().filter(|r| names.involves_active(r)) {
        let Some(row) = kinds.iter_mut().find(|k| k.kind == rhythm.kind) else {
            continue;
        };
        let Some(series) = series_of(rhythm) else {
            continue;
        };
        let marks = data.marks.get(&rhythm.id).unwrap_or(&no_marks);
        for o in placed(rhythm, &series, marks, start, end) {
            row.planned += 1;
            match o.mark.map_or(MarkStatus::Planned, |m| m.status) {
                MarkStatus::Held => row.held += 1,
                MarkStatus::Skipped => row.skipped += 1,
                MarkStatus::Planned => row.unmarked += 1,
            }
        }
    }
    let in_period = |d: NaiveDate| d >= from && d <= today;
    let agreed: Vec<_> = data.followups.iter().filter(|f| in_period(f.0)).collect();
    let mut to_done: Vec<f64> = agreed
        .iter()
        .filter_map(|(on, done)| done.map(|d| days_between(*on, d)))
        .collect();
    let suggested: Vec<_> = data.ideas.iter().filter(|i| in_period(i.0)).collect();
    let mut to_answer: Vec<f64> = suggested
        .iter()
        .filter_map(|(on, answered)| answered.map(|d| days_between(*on, d)))
        .collect();
    RhythmKept {
        kinds,
        followups: FollowUpsKept {
            agreed: count(agreed.len()),
            done: count(to_done.len()),
            median_days_to_done: median(&mut to_done),
        },
        ideas: IdeasKept {
            suggested: count(suggested.len()),
            answered: count(to_answer.len()),
            median_days_to_answer: median(&mut to_answer),
        },
    }
}

/// Whether the newest `run` pulses (newest first) all pass `test`.
fn run_of(pulses: &[PulsePoint], run: usize, test: impl Fn(&PulsePoint) -> bool) -> bool {
    pulses.len() >= run && pulses.iter().take(run).all(test)
}

/// The signals of one person, from their pulses newest first.
pub fn signals_of(
    pulses: &[PulsePoint],
    added_on: NaiveDate,
    today: NaiveDate,
) -> Vec<(SignalKind, i64)> {
    let mut out = Vec::new();
    if run_of(pulses, LOW_MOOD_RUN, |p| {
        p.pulse.mood.is_some_and(|m| m <= LOW_MOOD)
    }) {
        out.push((SignalKind::LowMood, 0));
    }
    if run_of(pulses, HEAVY_WORKLOAD_RUN, |p| {
        p.pulse.workload == Some(HEAVY_WORKLOAD)
    }) {
        out.push((SignalKind::HeavyWorkload, 0));
    }
    if run_of(pulses, NOT_MOVING_RUN, |p| p.pulse.moves == Some(false)) {
        out.push((SignalKind::NotMoving, 0));
    }
    let since = pulses.first().map_or(added_on, |p| p.date);
    let quiet = (today - since).num_days();
    if quiet >= NO_PULSE_DAYS {
        out.push((SignalKind::NoPulse, quiet));
    }
    out
}

fn pulse(
    data: &InsightsData<'_>,
    active: &HashMap<PersonId, &Person>,
    from: NaiveDate,
    today: NaiveDate,
    tz: Tz,
) -> PulseInsights {
    let mut team: Vec<&Person> = active.values().copied().collect();
    team.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let empty = Vec::new();
    let mut people = Vec::with_capacity(team.len());
    let mut signals = Vec::new();
    let mut distribution = Distribution {
        mood: ScaleCounts {
            counts: vec![0; 5],
            without: 0,
        },
        workload: ScaleCounts {
            counts: vec![0; 5],
            without: 0,
        },
        balance: ScaleCounts {
            counts: vec![0; 5],
            without: 0,
        },
        ..Distribution::default()
    };
    let tally = |scale: &mut ScaleCounts, value: Option<u8>| match value
        .and_then(|v| usize::from(v).checked_sub(1))
        .and_then(|i| scale.counts.get_mut(i))
    {
        Some(slot) => *slot += 1,
        None => scale.without += 1,
    };
    for person in team {
        let pulses = data.pulses.get(&person.id).unwrap_or(&empty);
        for (kind, days) in signals_of(pulses, added_on(person, tz), today) {
            signals.push(Signal {
                person_id: person.id,
                name: person.name.clone(),
                kind,
                last_pulse: pulses.first().map(|p| p.date),
                days,
            });
        }
        let latest = pulses.first().map(|p| p.pulse).unwrap_or_default();
        tally(&mut distribution.mood, latest.mood);
        tally(&mut distribution.workload, latest.workload);
        tally(&mut distribution.balance, latest.balance);
        match latest.moves {
            Some(true) => distribution.moves_yes += 1,
            Some(false) => distribution.moves_no += 1,
            None => distribution.moves_without += 1,
        }
        let mut points: Vec<TrendPoint> = pulses
            .iter()
            .filter(|p| p.date >= from && p.date <= today)
            .map(|p| TrendPoint::from(*p))
            .collect();
        points.reverse();
        people.push(PersonPulse {
            person_id: person.id,
            name: person.name.clone(),
            points,
        });
    }
    // By kind, then in the team's order (by name), which the loop kept.
    signals.sort_by_key(|s| s.kind);
    PulseInsights {
        people,
        signals,
        distribution,
    }
}

/// A figure with at most one decimal, in the language's notation: "5", "4.5" / "4,5".
pub fn number(value: f64, lang: Lang) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    match lang {
        Lang::Sv => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A share as a percentage with one decimal at most: 0.125 → "12.5".
fn percent(share: f64, lang: Lang) -> String {
    number(share * 100.0, lang)
}

/// "Karin Nilsson: 1 check-in in 90 days, team median 5".
pub fn well_below_text(row: &Attention, insights: &Insights, lang: Lang) -> String {
    t(
        lang,
        "insights.well_below",
        &[
            ("name", &row.name),
            (
                "checkins",
                &tn(lang, "insights.checkins", row.held.into(), &[]),
            ),
            (
                "in_days",
                &tn(lang, "insights.in_days", insights.days.into(), &[]),
            ),
            ("median", &number(insights.median_held, lang)),
        ],
    )
}

/// The sentence of a signal: "Anna Lindqvist: mood 2 or lower at the last two check-ins".
pub fn signal_text(signal: &Signal, lang: Lang) -> String {
    let key = format!("insights.signal.{}", signal.kind.code());
    match signal.kind {
        SignalKind::NoPulse => tn(lang, &key, signal.days, &[("name", &signal.name)]),
        _ => t(lang, &key, &[("name", &signal.name)]),
    }
}

fn kind_label(kind: RhythmKind, lang: Lang) -> String {
    t(lang, &format!("rhythms.kind.{}", kind.code()), &[])
}

/// The insights as plain text for `narvaro insights`, in `lang`.
pub fn render_text(insights: &Insights, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    let date = crate::service::agenda::long_date(insights.today, lang);
    line(tn(
        lang,
        "insights.cli_title",
        insights.days.into(),
        &[
            ("date", &date),
            (
                "people",
                &tn(lang, "insights.people", insights.team_size.into(), &[]),
            ),
        ],
    ));
    line(String::new());
    line(t(lang, "insights.attention", &[]));
    if insights.attention.is_empty() {
        line(format!("  {}", t(lang, "insights.empty_team", &[])));
    }
    for row in &insights.attention {
        if row.well_below {
            line(format!("  ! {}", well_below_text(row, insights, lang)));
            continue;
        }
        let since = match row.last_held {
            Some(_) => tn(lang, "due.since", row.days_since, &[]),
            None if row.days_since == 0 => t(lang, "agenda.never_today", &[]),
            None => tn(lang, "agenda.never", row.days_since, &[]),
        };
        line(format!(
            "  {}",
            t(
                lang,
                "insights.cli_person",
                &[
                    ("name", &row.name),
                    (
                        "checkins",
                        &tn(lang, "insights.checkins", row.held.into(), &[])
                    ),
                    (
                        "minutes",
                        &tn(lang, "insights.minutes", row.minutes.into(), &[])
                    ),
                    ("since", &since),
                    (
                        "cadence",
                        &tn(lang, "cadence.every", row.cadence_days.into(), &[])
                    ),
                    ("share", &percent(row.share, lang)),
                    ("equal", &percent(row.equal_share, lang)),
                ],
            )
        ));
    }
    line(String::new());
    line(t(lang, "insights.rhythm", &[]));
    for kind in &insights.rhythm.kinds {
        line(format!(
            "  {}",
            t(
                lang,
                "insights.kind_line",
                &[
                    ("kind", &kind_label(kind.kind, lang)),
                    ("held", &kind.held.to_string()),
                    ("skipped", &kind.skipped.to_string()),
                    ("unmarked", &kind.unmarked.to_string()),
                    ("planned", &kind.planned.to_string()),
                ],
            )
        ));
    }
    let f = &insights.rhythm.followups;
    let mut text = t(
        lang,
        "insights.followups",
        &[
            ("done", &f.done.to_string()),
            ("agreed", &f.agreed.to_string()),
        ],
    );
    if let Some(m) = f.median_days_to_done {
        let _ = write!(
            text,
            ", {}",
            t(
                lang,
                "insights.followups_median",
                &[("median", &number(m, lang))]
            )
        );
    }
    line(format!("  {text}"));
    let i = &insights.rhythm.ideas;
    let mut text = t(
        lang,
        "insights.ideas",
        &[
            ("answered", &i.answered.to_string()),
            ("suggested", &i.suggested.to_string()),
        ],
    );
    if let Some(m) = i.median_days_to_answer {
        let _ = write!(
            text,
            ", {}",
            t(
                lang,
                "insights.ideas_median",
                &[("median", &number(m, lang))]
            )
        );
    }
    line(format!("  {text}"));
    line(String::new());
    line(t(lang, "insights.signals", &[]));
    if insights.pulse.signals.is_empty() {
        line(format!("  {}", t(lang, "insights.no_signals", &[])));
    }
    for signal in &insights.pulse.signals {
        line(format!("  {}", signal_text(signal, lang)));
    }
    line(String::new());
    line(t(lang, "insights.distribution", &[]));
    let d = &insights.pulse.distribution;
    for (key, scale) in [
        ("pulse.mood", &d.mood),
        ("pulse.workload", &d.workload),
        ("pulse.balance", &d.balance),
    ] {
        let counts: Vec<String> = scale
            .counts
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{}: {n}", i + 1))
            .collect();
        line(format!(
            "  {}: {} · {}: {}",
            t(lang, key, &[]),
            counts.join(", "),
            t(lang, "insights.without", &[]),
            scale.without
        ));
    }
    line(format!(
        "  {}",
        t(
            lang,
            "insights.moves_line",
            &[
                ("yes", &d.moves_yes.to_string()),
                ("no", &d.moves_no.to_string()),
                ("without", &d.moves_without.to_string()),
            ],
        )
    ));
    out
}

/// One CSV field, quoted as RFC 4180 asks when it holds a comma, quote or line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The attention table as CSV (RFC 4180: comma-separated, CRLF line ends), least heard first,
/// with a translated header row. Numbers use the language's decimal mark (quoted in Swedish).
pub fn csv(insights: &Insights, lang: Lang) -> String {
    let header = [
        "insights.col.name",
        "insights.col.held",
        "insights.col.minutes",
        "insights.col.last",
        "insights.col.days_since",
        "insights.col.cadence",
        "insights.col.share",
        "insights.col.equal_share",
        "insights.col.well_below",
    ];
    let mut out = String::new();
    let mut row = |fields: Vec<String>| {
        let cells: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    row(header.iter().map(|k| t(lang, k, &[])).collect());
    for a in &insights.attention {
        row(vec![
            a.name.clone(),
            a.held.to_string(),
            a.minutes.to_string(),
            a.last_held.map(|d| d.to_string()).unwrap_or_default(),
            a.days_since.to_string(),
            a.cadence_days.to_string(),
            percent(a.share, lang),
            percent(a.equal_share, lang),
            t(
                lang,
                if a.well_below {
                    "insights.yes"
                } else {
                    "insights.no"
                },
                &[],
            ),
        ]);
    }
    out
}

#[cfg(test)]
mod tests;
