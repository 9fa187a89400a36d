//! A booked check-in: the time the manager picked for one person's next check-in, and the
//! invitation it went out as (its UID and SEQUENCE, so a calendar updates rather than
//! duplicates when the manager books again).
//!
//! One booking per person at a time. It ends when a check-in with the person is held (one
//! dated on or after the day it was booked), when the manager cancels it, or when it lies
//! more than `LAPSE` in the past: then it is no longer shown or avoided, and booking again
//! starts a new invitation.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::PersonId;

pub type BookingId = i64;

/// How long after its end a booking that was never followed by a held check-in stays: a day,
/// so that a check-in booked for this morning is still shown as booked until it is logged.
pub const LAPSE: Duration = Duration::days(1);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Booking {
    pub id: BookingId,
    pub person_id: PersonId,
    pub start: DateTime<Utc>,
    /// The zone it was booked in (the manager's), which the invitation's times are written in.
    pub timezone: String,
    /// The person's check-in length when booked.
    pub minutes: u16,
    /// The invitation's UID: kept when the same person is booked again.
    pub uid: String,
    /// The invitation's SEQUENCE: one more on each re-booking.
    pub sequence: u32,
    pub created_at: DateTime<Utc>,
}

impl Booking {
    pub fn end(&self) -> DateTime<Utc> {
        self.start + Duration::minutes(self.minutes.into())
    }

    /// Still in force at `now`: not more than `LAPSE` past its end.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.end() + LAPSE > now
    }
}

/// A booked check-in as Today and Week show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Booked {
    pub person_id: PersonId,
    pub name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The zone it was booked in.
    pub timezone: String,
}
