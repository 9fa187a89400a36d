//! GDPR for one person: what the manager chooses when erasing someone, and what erasure
//! removed (counts per kind, for the UI and the command line to say so).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What happens to the ideas an erased person suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdeaChoice {
    /// The ideas stay in the idea box without a name, as if given anonymously.
    KeepAnonymous,
    /// The ideas go too, with the manager's responses and their report-back reminders.
    Erase,
}

/// What one erasure removed, counted per kind. Every count is of rows that are gone (or, for
/// ideas kept and reminder titles, rows that no longer name the person).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErasureReport {
    pub checkins: u32,
    /// Check-ins that held a pulse (counted in `checkins` too).
    pub pulses: u32,
    pub prompts_asked: u32,
    pub followups: u32,
    pub drafts: u32,
    /// Fixed 1:1 series with the person, with their occurrence marks.
    pub rhythms: u32,
    pub occurrence_marks: u32,
    /// Assignments the person owned (the assignment stays with its other owners, or none).
    pub assignments_owned: u32,
    /// Assignments where the person was the sounding board (the assignment stays without).
    pub sounding_boards: u32,
    pub fika_places: u32,
    /// Fika rounds left with fewer than two people paired, deleted whole.
    pub fika_rounds_deleted: u32,
    pub ideas_anonymised: u32,
    pub ideas_erased: u32,
    pub group_memberships: u32,
    /// Reminder log and snooze entries about the person, deleted.
    pub reminders: u32,
    /// Reminder log entries about someone else whose title named the person, rewritten.
    pub reminder_titles: u32,
    /// Backups in `backups/` that held the person and were rewritten without them.
    pub backups_rewritten: u32,
    /// Backups that held the person (or could not be read to tell) and could not be
    /// rewritten, so were deleted.
    pub backups_deleted: u32,
    /// Whether the write-ahead log was emptied afterwards. False when another program
    /// (a second Närvaro) was reading the file: the old pages go at its next checkpoint.
    pub log_cleared: bool,
}
