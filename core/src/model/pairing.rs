//! A fika pairing round ("fikaparning"): pairs, and one trio when the count is odd, for a work
//! group or the whole team; a draft until the manager confirms it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::group::GroupId;
use super::person::PersonId;

pub type RoundId = i64;

/// Pairs that met in this many confirmed rounds are avoided: four unless set.
pub const DEFAULT_HISTORY_ROUNDS: u16 = 4;
/// A year of weekly fika is as far back as "recently" reaches.
pub const HISTORY_ROUNDS: std::ops::RangeInclusive<i64> = 1..=52;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    /// Can be regenerated; does not count as history.
    Draft,
    /// Fixed; counts as history for later rounds and can be exported.
    Confirmed,
}

impl RoundStatus {
    pub fn code(self) -> &'static str {
        match self {
            RoundStatus::Draft => "draft",
            RoundStatus::Confirmed => "confirmed",
        }
    }

    pub fn from_code(code: &str) -> Option<RoundStatus> {
        match code {
            "draft" => Some(RoundStatus::Draft),
            "confirmed" => Some(RoundStatus::Confirmed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundMember {
    pub person_id: PersonId,
    pub name: String,
}

/// Two people who have fika together, or three in the round's one trio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FikaPair {
    /// In the team's order (by name).
    pub members: Vec<RoundMember>,
    /// How many two-person combinations in it met within the round's history (0 to 3).
    pub repeated_pairs: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Round {
    pub id: RoundId,
    /// The work group paired; none for the whole team.
    pub group_id: Option<GroupId>,
    pub status: RoundStatus,
    /// What the pairing was drawn with: the same seed and history give the same pairs.
    pub seed: u32,
    /// Pairs and at most one trio, ordered by their first member's name.
    pub pairs: Vec<FikaPair>,
    /// Active people of the group or team who sit this round out.
    pub skipped: Vec<RoundMember>,
    /// How many pairs (counting each two-person combination of the trio) met within the
    /// last `history_rounds` confirmed rounds. Above 0, the UI says so.
    pub repeated_pairs: u32,
    /// True when no pairing of these people has fewer repeats: the repeats, if any, could
    /// not be avoided. False only for large teams where the search is not exhaustive and
    /// a repeat remained; then another draw may do better.
    pub best_possible: bool,
    /// How many confirmed rounds back the pairing looked when it was drawn.
    pub history_rounds: u16,
    pub created_at: DateTime<Utc>,
    /// The manager's local date of confirmation.
    pub confirmed_on: Option<NaiveDate>,
}

/// What the "new fika round" form sends, untrusted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundDraft {
    /// The work group to pair; absent: the whole team.
    #[serde(default)]
    pub group_id: Option<i64>,
    /// People marked "skip this round".
    #[serde(default)]
    pub skip_ids: Vec<i64>,
}
