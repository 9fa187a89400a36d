//! A rhythm's rule as data: how it repeats (weekly, monthly on a day or a weekday, every
//! workday) and when it ends. Reading and writing RFC 5545 RRULE text, and checking a rule
//! against its start, need the expansion engine and live in schedule/recurrence.rs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Largest accepted INTERVAL: beyond "every 99 weeks/months" a rhythm is no rhythm.
pub const INTERVAL_MAX: u16 = 99;
/// Largest accepted COUNT; also bounds the work of counting from the start.
pub const COUNT_MAX: u32 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// Monday to Friday: the working week reminders default to.
    pub const WORKDAYS: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    /// The two-letter RFC 5545 code ("MO").
    pub fn code(self) -> &'static str {
        match self {
            Weekday::Mon => "MO",
            Weekday::Tue => "TU",
            Weekday::Wed => "WE",
            Weekday::Thu => "TH",
            Weekday::Fri => "FR",
            Weekday::Sat => "SA",
            Weekday::Sun => "SU",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<Weekday> {
        Weekday::ALL.into_iter().find(|d| d.code() == code)
    }
}

impl From<Weekday> for chrono::Weekday {
    fn from(day: Weekday) -> Self {
        match day {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

impl From<chrono::Weekday> for Weekday {
    fn from(day: chrono::Weekday) -> Self {
        match day {
            chrono::Weekday::Mon => Weekday::Mon,
            chrono::Weekday::Tue => Weekday::Tue,
            chrono::Weekday::Wed => Weekday::Wed,
            chrono::Weekday::Thu => Weekday::Thu,
            chrono::Weekday::Fri => Weekday::Fri,
            chrono::Weekday::Sat => Weekday::Sat,
            chrono::Weekday::Sun => Weekday::Sun,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "freq",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Repeat {
    /// Every `interval` weeks on the given weekdays (non-empty; sorted and without duplicates
    /// once the series is normalised by schedule).
    Weekly {
        interval: u16,
        weekdays: Vec<Weekday>,
    },
    /// Every `interval` months on day `day` (1..=31); months without that day have no
    /// occurrence (RFC 5545).
    MonthlyOnDay { interval: u16, day: u8 },
    /// Every `interval` months on the `nth` (1..=4, or -1 = last) `weekday`.
    MonthlyOnWeekday {
        interval: u16,
        nth: i8,
        weekday: Weekday,
    },
    /// Every Monday to Friday.
    DailyWorkdays,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum End {
    Never,
    /// Through this local date, inclusive.
    Until {
        date: NaiveDate,
    },
    /// This many occurrences, counted from the series start.
    Count {
        count: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Recurrence {
    pub repeat: Repeat,
    pub end: End,
}
