//! Plain domain types and the validation that turns raw input into them.

pub mod assignment;
pub mod away;
pub mod booking;
pub mod checkin;
pub mod group;
pub mod idea;
pub mod insights;
pub mod pairing;
pub mod person;
pub mod privacy;
pub mod recurrence;
pub mod rhythm;
pub mod settings;
pub(crate) mod text;
pub use text::{meeting_link, LINK_MAX};

pub use assignment::{
    Assignment, AssignmentDraft, AssignmentId, AssignmentStatus, AssignmentView, DivisionOfWork,
    PersonWork, Suggestion, ValidAssignment, WorkItem,
};
pub use away::{Away, AwayDraft, AwayId, AwayReason, ValidAway};
pub use booking::{Booked, Booking, BookingId};
pub use checkin::{
    Channel, CheckIn, CheckInContext, CheckInDraft, CheckInId, FinishCheckIn, FollowUp,
    FollowUpDraft, FollowUpId, FollowUpOwner, OwnPrompt, PromptView, Pulse, PulseDraft, Timeline,
};

pub use group::{Group, GroupDraft, GroupId};
pub use idea::{Idea, IdeaDraft, IdeaId, IdeaStatus, ReportBackDue, ValidIdea};
pub use pairing::{FikaPair, Round, RoundDraft, RoundId, RoundMember, RoundStatus};
pub use person::{NewPerson, Person, PersonDraft, PersonId, ValidPerson};
pub use rhythm::{
    MarkStatus, OccurrenceMark, OccurrenceRef, Rhythm, RhythmDraft, RhythmId, RhythmKind,
};
pub use settings::{LanguageChoice, Settings};

use crate::error::Invalid;

/// Ids come from the UI; a non-positive one can never exist.
pub fn check_id(id: i64, field: &'static str) -> Result<(), Invalid> {
    if id <= 0 {
        return Err(Invalid::new(field, "error.invalid.id"));
    }
    Ok(())
}
