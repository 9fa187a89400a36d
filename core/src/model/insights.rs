//! Insights ("Överblick"): the figures behind the Insights view and `narvaro insights` —
//! attention per person, the rhythm kept, and the pulse — for a period of days ending today.
//!
//! Definitions every figure follows:
//! - **The period** is the `days` days ending with today: `from = today − (days − 1)` up to
//!   and including `today`. Periods of 1 to [`PERIOD_MAX_DAYS`] days are accepted.
//! - **Who counts**: active people only; archived people are left out of every figure.
//! - **Prorating**: someone added `n` days before today, with `n` < `days`, was on the team
//!   for `n` days of the period (at least one): their `weight` is `n / days` (added 30 days
//!   ago in a 90-day period: 30/90). Their `prorated_held` is `held / weight`, what they would
//!   have had over the whole period at the same pace; their `equal_share` of the manager's
//!   check-in time is their weight over the sum of everyone's weights.
//! - **Well below the median**: `prorated_held` is less than half the team's median of
//!   `prorated_held`, when that median is at least 1 (with a median under 1 nobody is
//!   singled out: the whole team is quiet).
//! - **A pulse** is a held check-in that recorded at least one of mood, workload, balance
//!   or "gets out and moves". Signals look at a person's latest pulses, whatever the period.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::checkin::PulsePoint;
use super::person::PersonId;
use super::rhythm::RhythmKind;
use crate::error::Invalid;

/// The longest period asked for: ten years.
pub const PERIOD_MAX_DAYS: u32 = 3650;
/// The periods the view offers.
pub const PERIODS: [u32; 3] = [30, 90, 365];
/// A person whose latest pulse is this many days old (or who has none after this many days
/// on the team) gets the "no pulse" signal.
pub const NO_PULSE_DAYS: i64 = 90;
/// Mood at or under this at the last two pulses gives the "low mood" signal.
pub const LOW_MOOD: u8 = 2;
/// Workload at this at the last two pulses gives the "heavy workload" signal.
pub const HEAVY_WORKLOAD: u8 = 5;
/// How many pulses in a row each signal needs.
pub const LOW_MOOD_RUN: usize = 2;
pub const HEAVY_WORKLOAD_RUN: usize = 2;
pub const NOT_MOVING_RUN: usize = 3;

/// A period as the CLI or the UI sends it: a whole number of days in 1..=3650.
pub fn period_days(days: i64) -> Result<u32, Invalid> {
    u32::try_from(days)
        .ok()
        .filter(|d| (1..=PERIOD_MAX_DAYS).contains(d))
        .ok_or_else(|| {
            Invalid::new("days", "error.invalid.insights_days").with("max", PERIOD_MAX_DAYS)
        })
}

/// Everything the Insights view shows for one period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    pub today: NaiveDate,
    /// The length of the period in days.
    pub days: u32,
    /// The period's first day; it ends with `today`.
    pub from: NaiveDate,
    /// Active people.
    pub team_size: u32,
    /// The team's median of `prorated_held`.
    pub median_held: f64,
    /// Minutes of check-ins held with the active people in the period.
    pub total_minutes: u32,
    /// One row per active person, least heard first: by `prorated_held`, then the longest
    /// since the last check-in, then by name.
    pub attention: Vec<Attention>,
    pub rhythm: RhythmKept,
    pub pulse: PulseInsights,
}

/// How much of the manager's attention one person had in the period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attention {
    pub person_id: PersonId,
    pub name: String,
    /// Check-ins held in the period.
    pub held: u32,
    /// Their minutes.
    pub minutes: u32,
    /// The latest check-in ever held, if any.
    pub last_held: Option<NaiveDate>,
    /// Days from the latest check-in to today; with none, from the day they were added.
    pub days_since: i64,
    pub cadence_days: u16,
    /// `days_since` is past the cadence.
    pub overdue: bool,
    /// Days of the period they were on the team (1..=days).
    pub days_on_team: u32,
    /// `days_on_team / days`.
    pub weight: f64,
    /// `held / weight`.
    pub prorated_held: f64,
    /// Their minutes over everyone's (0 when nobody had any).
    pub share: f64,
    /// Their weight over everyone's: the share if time were spread evenly.
    pub equal_share: f64,
    /// `prorated_held` under half the team's median (a median of at least 1).
    pub well_below: bool,
}

/// Group meetings, office hours and social breaks in the period, and follow-ups and ideas.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RhythmKept {
    /// One row per kind: group meeting, office hours, social break (fixed 1:1 series are
    /// check-ins and count there).
    pub kinds: Vec<KindKept>,
    pub followups: FollowUpsKept,
    pub ideas: IdeasKept,
}

/// The occurrences of one kind of rhythm in the period (moved ones where they were moved to).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindKept {
    pub kind: RhythmKind,
    /// Every occurrence the rhythms put in the period.
    pub planned: u32,
    pub held: u32,
    pub skipped: u32,
    /// Neither marked held nor skipped (yet).
    pub unmarked: u32,
}

/// Follow-ups agreed in the period with active people, and how many of them are done.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpsKept {
    pub agreed: u32,
    pub done: u32,
    /// Median days from agreed to done, over the done ones.
    pub median_days_to_done: Option<f64>,
}

/// Ideas suggested in the period, and how many have the manager's answer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdeasKept {
    pub suggested: u32,
    pub answered: u32,
    /// Median days from suggested to answered, over the answered ones.
    pub median_days_to_answer: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PulseInsights {
    /// Every active person by name, with the pulses of the period, oldest first.
    pub people: Vec<PersonPulse>,
    /// Gentle signals: by kind, then by name.
    pub signals: Vec<Signal>,
    /// How many active people stand where at their latest pulse.
    pub distribution: Distribution,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonPulse {
    pub person_id: PersonId,
    pub name: String,
    pub points: Vec<TrendPoint>,
}

/// One pulse of a trend as Insights sends it: `[date, mood, workload, balance, moves]`.
/// A tuple rather than an object: a team's trends are most of what Insights answers, and at
/// 500 people their points as objects were 281 of its 410 kB of JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct TrendPoint(
    pub NaiveDate,
    pub Option<u8>,
    pub Option<u8>,
    pub Option<u8>,
    pub Option<bool>,
);

impl From<PulsePoint> for TrendPoint {
    fn from(p: PulsePoint) -> Self {
        TrendPoint(
            p.date,
            p.pulse.mood,
            p.pulse.workload,
            p.pulse.balance,
            p.pulse.moves,
        )
    }
}

/// Something worth asking about at the next check-in; never a diagnosis. The sentence is
/// the UI's and the CLI's, from `insights.signal.<kind>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// Mood ≤ 2 at the last two pulses.
    LowMood,
    /// Workload 5 at the last two pulses.
    HeavyWorkload,
    /// "Does not get out and move" at the last three pulses.
    NotMoving,
    /// No pulse for 90 days (or none in the 90 days or more since being added).
    NoPulse,
}

impl SignalKind {
    pub const ALL: [SignalKind; 4] = [
        SignalKind::LowMood,
        SignalKind::HeavyWorkload,
        SignalKind::NotMoving,
        SignalKind::NoPulse,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SignalKind::LowMood => "low_mood",
            SignalKind::HeavyWorkload => "heavy_workload",
            SignalKind::NotMoving => "not_moving",
            SignalKind::NoPulse => "no_pulse",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Signal {
    pub person_id: PersonId,
    pub name: String,
    pub kind: SignalKind,
    /// The latest pulse's date, if any.
    pub last_pulse: Option<NaiveDate>,
    /// For `no_pulse`: days since the latest pulse, or since being added.
    pub days: i64,
}

/// Counts per value of one 1–5 scale at each active person's latest pulse.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScaleCounts {
    /// How many at 1, 2, 3, 4 and 5.
    pub counts: Vec<u32>,
    /// Active people whose latest pulse has no value for the scale (or who have no pulse).
    pub without: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Distribution {
    pub mood: ScaleCounts,
    pub workload: ScaleCounts,
    pub balance: ScaleCounts,
    /// "Gets out and moves": yes, no, not recorded.
    pub moves_yes: u32,
    pub moves_no: u32,
    pub moves_without: u32,
}
