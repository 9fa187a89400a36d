//! An assignment ("uppdrag"): a piece of work with owners and perhaps a sounding board
//! ("bollplank"), the flags that say someone is alone with it, and what a form may send.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::person::PersonId;
use super::text::{optional_text, past_date, title};
use crate::error::Invalid;

pub type AssignmentId = i64;

pub const TITLE_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 2000;
/// More owners than this is a department, not an assignment; it also bounds the input.
pub const OWNERS_MAX: usize = 20;
/// "Not discussed for more than N days" flags an assignment: a month unless set.
pub const DEFAULT_STALE_DAYS: u16 = 30;
pub const STALE_DAYS: std::ops::RangeInclusive<i64> = 1..=365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentStatus {
    Active,
    Paused,
    Done,
}

impl AssignmentStatus {
    pub const ALL: [AssignmentStatus; 3] = [
        AssignmentStatus::Active,
        AssignmentStatus::Paused,
        AssignmentStatus::Done,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AssignmentStatus::Active => "active",
            AssignmentStatus::Paused => "paused",
            AssignmentStatus::Done => "done",
        }
    }

    pub fn from_code(code: &str) -> Option<AssignmentStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// An assignment as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    pub id: AssignmentId,
    pub title: String,
    pub description: Option<String>,
    /// The people who do the work, in the team's order (by name); at least one.
    pub owner_ids: Vec<PersonId>,
    /// A colleague to think aloud with; never one of the owners.
    pub sounding_board_id: Option<PersonId>,
    pub status: AssignmentStatus,
    /// The local date the manager last talked it through with the owners.
    pub last_discussed: Option<NaiveDate>,
    /// The manager's local date when it was added: "not discussed" counts from here.
    pub created_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

impl Assignment {
    /// One owner and nobody to think aloud with: the guide's "alone with an assignment".
    /// Only active work counts; paused and done work needs no company.
    pub fn is_alone(&self) -> bool {
        self.status == AssignmentStatus::Active
            && self.owner_ids.len() == 1
            && self.sounding_board_id.is_none()
    }

    /// Days since it was last discussed, or since it was added if never.
    pub fn days_since_discussed(&self, today: NaiveDate) -> i64 {
        (today - self.last_discussed.unwrap_or(self.created_on))
            .num_days()
            .max(0)
    }

    pub fn is_stale(&self, today: NaiveDate, stale_days: u16) -> bool {
        self.status == AssignmentStatus::Active
            && self.days_since_discussed(today) > i64::from(stale_days)
    }

    /// The stored assignment with its flags as of `today`.
    pub fn view(self, today: NaiveDate, stale_days: u16) -> AssignmentView {
        AssignmentView {
            alone: self.is_alone(),
            stale: self.is_stale(today, stale_days),
            days_since_discussed: self.days_since_discussed(today),
            assignment: self,
        }
    }
}

/// An assignment with its flags as of a day: what every view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentView {
    #[serde(flatten)]
    pub assignment: Assignment,
    /// Active, one owner and no sounding board.
    pub alone: bool,
    /// Active and not discussed for more than the set number of days.
    pub stale: bool,
    pub days_since_discussed: i64,
}

impl AssignmentView {
    /// Whether the assignment needs the manager's attention: alone or not discussed lately.
    pub fn flagged(&self) -> bool {
        self.alone || self.stale
    }
}

/// One assignment in the division of work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkItem {
    pub assignment_id: AssignmentId,
    pub title: String,
    pub alone: bool,
    pub stale: bool,
}

/// One person's share of the active work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonWork {
    pub person_id: PersonId,
    pub name: String,
    /// False for an archived person who still owns active work: it needs a new owner.
    pub active: bool,
    /// Active assignments the person owns, by title.
    pub owns: Vec<WorkItem>,
    /// Active assignments the person is the sounding board for, by title.
    pub sounding_board_for: Vec<WorkItem>,
    pub owner_count: u32,
    pub board_count: u32,
}

/// Who does what: every active person (also those with nothing) and anyone archived who
/// still holds active work, in the team's order, with the team's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DivisionOfWork {
    pub people: Vec<PersonWork>,
    pub active_count: u32,
    pub alone_count: u32,
    pub stale_count: u32,
}

/// A colleague who could be an assignment's sounding board, and why they are suggested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub person_id: PersonId,
    pub name: String,
    /// Active assignments they own or are the sounding board for.
    pub active_assignments: u32,
    /// How often they recently worked with an owner (shared another assignment that is not
    /// done) or had fika with one (in the last confirmed rounds); 0 is a fresh pairing.
    pub recent_with_owners: u32,
}

/// What the assignment form sends, untrusted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentDraft {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    pub owner_ids: Vec<i64>,
    #[serde(default)]
    pub sounding_board_id: Option<i64>,
    /// Absent: active for a new assignment, unchanged for an edit.
    #[serde(default)]
    pub status: Option<AssignmentStatus>,
    /// "YYYY-MM-DD", not in the future. Absent: never (new) or unchanged (edit).
    #[serde(default)]
    pub last_discussed: Option<String>,
}

/// A draft that passed the checks that need no store: bounded text, sane ids and dates.
/// Whether the people exist and are active is checked against the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAssignment {
    pub title: String,
    pub description: Option<String>,
    /// Without duplicates, in the order sent.
    pub owner_ids: Vec<PersonId>,
    pub sounding_board_id: Option<PersonId>,
    pub status: Option<AssignmentStatus>,
    pub last_discussed: Option<NaiveDate>,
}

impl AssignmentDraft {
    /// Checks the draft; `today` is the manager's local date.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidAssignment, Invalid> {
        let title = title(&self.title, TITLE_MAX)?;
        let description = optional_text(
            self.description.as_deref(),
            "description",
            DESCRIPTION_MAX,
            "error.invalid.description_too_long",
        )?;
        if self.owner_ids.is_empty() {
            return Err(Invalid::new("ownerIds", "error.invalid.owner_required"));
        }
        let mut seen = HashSet::new();
        let mut owner_ids = Vec::with_capacity(self.owner_ids.len());
        for &id in &self.owner_ids {
            super::check_id(id, "ownerIds")?;
            if seen.insert(id) {
                owner_ids.push(id);
            }
        }
        if owner_ids.len() > OWNERS_MAX {
            return Err(
                Invalid::new("ownerIds", "error.invalid.too_many_owners").with("max", OWNERS_MAX)
            );
        }
        if let Some(id) = self.sounding_board_id {
            super::check_id(id, "soundingBoardId")?;
            if seen.contains(&id) {
                return Err(Invalid::new(
                    "soundingBoardId",
                    "error.invalid.board_is_owner",
                ));
            }
        }
        let last_discussed = self
            .last_discussed
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|text| past_date(text, "lastDiscussed", today))
            .transpose()?;
        Ok(ValidAssignment {
            title,
            description,
            owner_ids,
            sounding_board_id: self.sounding_board_id,
            status: self.status,
            last_discussed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::today;
    use proptest::prelude::*;

    fn draft(title: &str, owners: &[i64], board: Option<i64>) -> AssignmentDraft {
        AssignmentDraft {
            title: title.into(),
            owner_ids: owners.to_vec(),
            sounding_board_id: board,
            ..AssignmentDraft::default()
        }
    }

    fn stored(owners: &[i64], board: Option<i64>, status: AssignmentStatus) -> Assignment {
        Assignment {
            id: 1,
            title: "Budget".into(),
            description: None,
            owner_ids: owners.to_vec(),
            sounding_board_id: board,
            status,
            last_discussed: None,
            created_on: today(),
            created_at: Utc::now(),
        }
    }

    #[test]
    fn trims_dedupes_owners_and_keeps_paragraphs() {
        let valid = AssignmentDraft {
            description: Some("  First line\r\nsecond\tline  ".into()),
            last_discussed: Some(" 2026-11-20 ".into()),
            ..draft("  Budget 2027 ", &[3, 1, 3], Some(2))
        }
        .validate(today())
        .unwrap();
        assert_eq!(valid.title, "Budget 2027");
        assert_eq!(
            valid.description.as_deref(),
            Some("First line\nsecond\tline")
        );
        assert_eq!(valid.owner_ids, [3, 1]);
        assert_eq!(valid.last_discussed, NaiveDate::from_ymd_opt(2026, 11, 20));
    }

    #[test]
    fn refuses_with_the_field_and_reason() {
        let cases = [
            (draft("", &[1], None), "title", "error.invalid.title_empty"),
            (
                draft(&"x".repeat(TITLE_MAX + 1), &[1], None),
                "title",
                "error.invalid.title_too_long",
            ),
            (
                draft("Budget\n2027", &[1], None),
                "title",
                "error.invalid.control_chars",
            ),
            (
                AssignmentDraft {
                    description: Some("d".repeat(DESCRIPTION_MAX + 1)),
                    ..draft("Budget", &[1], None)
                },
                "description",
                "error.invalid.description_too_long",
            ),
            (
                AssignmentDraft {
                    description: Some("bell\u{7}".into()),
                    ..draft("Budget", &[1], None)
                },
                "description",
                "error.invalid.control_chars_text",
            ),
            (
                draft("Budget", &[], None),
                "ownerIds",
                "error.invalid.owner_required",
            ),
            (draft("Budget", &[0], None), "ownerIds", "error.invalid.id"),
            (
                draft("Budget", &(1..=21).collect::<Vec<_>>(), None),
                "ownerIds",
                "error.invalid.too_many_owners",
            ),
            (
                draft("Budget", &[1], Some(-4)),
                "soundingBoardId",
                "error.invalid.id",
            ),
            (
                draft("Budget", &[1, 2], Some(2)),
                "soundingBoardId",
                "error.invalid.board_is_owner",
            ),
            (
                AssignmentDraft {
                    last_discussed: Some("igår".into()),
                    ..draft("Budget", &[1], None)
                },
                "lastDiscussed",
                "error.invalid.date",
            ),
            (
                AssignmentDraft {
                    last_discussed: Some("2026-11-28".into()),
                    ..draft("Budget", &[1], None)
                },
                "lastDiscussed",
                "error.invalid.future_date",
            ),
        ];
        for (input, field, key) in cases {
            let err = input.validate(today()).unwrap_err();
            assert_eq!((err.field, err.key), (field, key), "{input:?}");
        }
    }

    #[test]
    fn alone_means_active_one_owner_and_no_sounding_board() {
        use AssignmentStatus::*;
        assert!(stored(&[1], None, Active).is_alone());
        assert!(!stored(&[1], Some(2), Active).is_alone());
        assert!(!stored(&[1, 2], None, Active).is_alone());
        assert!(!stored(&[1], None, Paused).is_alone());
        assert!(!stored(&[1], None, Done).is_alone());
    }

    #[test]
    fn stale_counts_from_the_last_discussion_or_the_start() {
        let mut a = stored(&[1, 2], None, AssignmentStatus::Active);
        a.created_on = today() - chrono::Duration::days(31);
        assert!(a.is_stale(today(), 30));
        assert!(!a.is_stale(today(), 31), "more than N days, not N");
        a.last_discussed = Some(today() - chrono::Duration::days(2));
        assert!(!a.is_stale(today(), 30));
        assert_eq!(a.days_since_discussed(today()), 2);
        a.last_discussed = None;
        a.status = AssignmentStatus::Done;
        assert!(!a.is_stale(today(), 30), "only active work goes stale");
    }

    #[test]
    fn the_view_serialises_flat_in_camel_case() {
        let view = stored(&[1], None, AssignmentStatus::Active).view(today(), 30);
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["ownerIds"], serde_json::json!([1]));
        assert_eq!(json["alone"], true);
        assert_eq!(json["status"], "active");
        assert_eq!(json["daysSinceDiscussed"], 0);
    }

    proptest! {
        #[test]
        fn a_valid_text_is_trimmed_bounded_and_printable(
            text in "\\PC{0,40}(\r\n|\n|\r|\t)?\\PC{0,40}"
        ) {
            if let Ok(Some(valid)) = optional_text(Some(&text), "description", 60, "k") {
                prop_assert_eq!(valid.trim(), valid.as_str());
                prop_assert!(valid.chars().count() <= 60);
                prop_assert!(!valid.contains('\r'));
                prop_assert!(!valid.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            }
        }
    }
}
