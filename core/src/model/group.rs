//! A work group ("arbetsgrupp"): a named set of people who meet.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::person::PersonId;
use super::text::optional_line;
use crate::error::Invalid;

pub type GroupId = i64;
pub const GROUP_NAME_MAX: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: GroupId,
    pub name: String,
    /// Members in the team's order (by name).
    pub member_ids: Vec<PersonId>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GroupDraft {
    pub name: String,
}

impl GroupDraft {
    pub fn validate(&self) -> Result<String, Invalid> {
        optional_line(
            Some(&self.name),
            "name",
            GROUP_NAME_MAX,
            "error.invalid.group_name_too_long",
        )?
        .ok_or_else(|| Invalid::new("name", "error.invalid.group_name_empty"))
    }
}
