//! Which days are working days for due dates and check-in reminders: the manager's weekdays,
//! a country's public holidays (`HolidayCalendar`) and the manager's own days off.
//!
//! A country is one more `HolidayCalendar` variant with its `holidays_in` rule; nothing
//! else in the app names a country.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, Weekday as ChronoWeekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::recurrence::Weekday;

/// Whose public holidays close the manager's calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum HolidayCalendar {
    /// Swedish public holidays and the customary days off (midsommarafton, julafton,
    /// nyårsafton): the app's users are Swedish first.
    #[default]
    Sweden,
    /// No public holidays: only weekdays and own days off count.
    None,
}

/// One public holiday (or customary day off) as a calendar lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    /// Its name in the catalogue: "holiday.se.midsommarafton".
    pub key: &'static str,
}

impl HolidayCalendar {
    pub const ALL: [HolidayCalendar; 2] = [HolidayCalendar::Sweden, HolidayCalendar::None];

    pub fn code(self) -> &'static str {
        match self {
            HolidayCalendar::Sweden => "sweden",
            HolidayCalendar::None => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The holidays of `year`, in date order.
    pub fn holidays_in(self, year: i32) -> Vec<Holiday> {
        match self {
            HolidayCalendar::Sweden => sweden(year),
            HolidayCalendar::None => Vec::new(),
        }
    }

    /// The holiday on `date`, with its name, if `date` is one.
    pub fn holiday_on(self, date: NaiveDate) -> Option<Holiday> {
        if !self.is_holiday(date) {
            return None;
        }
        self.holidays_in(date.year())
            .into_iter()
            .find(|h| h.date == date)
    }

    pub fn is_holiday(self, date: NaiveDate) -> bool {
        match self {
            HolidayCalendar::None => false,
            // A handful of dates a year: computing them is cheaper than any cache.
            HolidayCalendar::Sweden => is_swedish_holiday(date),
        }
    }
}

/// Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The first `weekday` on or after `month`/`day` of `year`.
fn first_on_or_after(year: i32, month: u32, day: u32, weekday: ChronoWeekday) -> Option<NaiveDate> {
    let start = NaiveDate::from_ymd_opt(year, month, day)?;
    let ahead = (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
    Some(start + Duration::days(ahead.into()))
}

/// Sweden's public holidays (lag 1989:253) and the customary days off that are not public
/// holidays by law but on which nobody expects a check-in: midsommarafton, julafton and
/// nyårsafton. Sundays that are holidays (påskdagen, pingstdagen) are listed too: a
/// calendar reads better complete, and Sundays are rarely working days anyway.
fn sweden(year: i32) -> Vec<Holiday> {
    let fixed = |month, day, key| {
        NaiveDate::from_ymd_opt(year, month, day).map(|date| Holiday { date, key })
    };
    let mut out: Vec<Holiday> = Vec::with_capacity(17);
    out.extend(fixed(1, 1, "holiday.se.nyarsdagen"));
    out.extend(fixed(1, 6, "holiday.se.trettondedag_jul"));
    if let Some(easter) = easter_sunday(year) {
        let at = |days: i64, key| Holiday {
            date: easter + Duration::days(days),
            key,
        };
        out.push(at(-2, "holiday.se.langfredagen"));
        out.push(at(0, "holiday.se.paskdagen"));
        out.push(at(1, "holiday.se.annandag_pask"));
        out.push(at(39, "holiday.se.kristi_himmelsfardsdag"));
        out.push(at(49, "holiday.se.pingstdagen"));
    }
    out.extend(fixed(5, 1, "holiday.se.forsta_maj"));
    out.extend(fixed(6, 6, "holiday.se.nationaldagen"));
    if let Some(eve) = first_on_or_after(year, 6, 19, ChronoWeekday::Fri) {
        out.push(Holiday {
            date: eve,
            key: "holiday.se.midsommarafton",
        });
        out.push(Holiday {
            date: eve + Duration::days(1),
            key: "holiday.se.midsommardagen",
        });
    }
    if let Some(saints) = first_on_or_after(year, 10, 31, ChronoWeekday::Sat) {
        out.push(Holiday {
            date: saints,
            key: "holiday.se.alla_helgons_dag",
        });
    }
    out.extend(fixed(12, 24, "holiday.se.julafton"));
    out.extend(fixed(12, 25, "holiday.se.juldagen"));
    out.extend(fixed(12, 26, "holiday.se.annandag_jul"));
    out.extend(fixed(12, 31, "holiday.se.nyarsafton"));
    out.sort_by_key(|h| h.date);
    out
}

fn is_swedish_holiday(date: NaiveDate) -> bool {
    let (m, d) = (date.month(), date.day());
    if matches!(
        (m, d),
        (1, 1) | (1, 6) | (5, 1) | (6, 6) | (12, 24) | (12, 25) | (12, 26) | (12, 31)
    ) {
        return true;
    }
    let weekday = date.weekday();
    // Midsommar: Friday 19–25 June and the Saturday after.
    let midsommar = m == 6
        && ((19..=25).contains(&d) && weekday == ChronoWeekday::Fri
            || (20..=26).contains(&d) && weekday == ChronoWeekday::Sat);
    // Alla helgons dag: Saturday 31 October – 6 November.
    let saints = weekday == ChronoWeekday::Sat && ((m == 10 && d == 31) || (m == 11 && d <= 6));
    // Easter falls 22 March – 25 April, so its days from 20 March to 13 June (pingst).
    let easter = (3..=6).contains(&m)
        && easter_sunday(date.year())
            .is_some_and(|easter| matches!((date - easter).num_days(), -2 | 0 | 1 | 39 | 49));
    midsommar || saints || easter
}

/// The days that are never due days nor check-in reminder days, besides the weekdays the
/// manager does not work: a country's holidays and the manager's own days off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClosedDays {
    pub calendar: HolidayCalendar,
    pub days_off: BTreeSet<NaiveDate>,
}

impl ClosedDays {
    pub fn is_closed(&self, date: NaiveDate) -> bool {
        self.days_off.contains(&date) || self.calendar.is_holiday(date)
    }

    /// Why `date` is closed, as Week and Today name it: a holiday by its name (also when
    /// it is an own day off too: the name says more), else an own day off.
    pub fn why(&self, date: NaiveDate) -> Option<Closed> {
        match self.calendar.holiday_on(date) {
            Some(holiday) => Some(Closed::Holiday {
                name_key: holiday.key.to_owned(),
            }),
            None => self.days_off.contains(&date).then_some(Closed::DayOff),
        }
    }
}

/// Why a day is closed: no check-in falls due on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Closed {
    /// A public holiday or customary day off; its name in the catalogue,
    /// "holiday.se.midsommarafton".
    Holiday { name_key: String },
    /// One of the manager's own days off.
    DayOff,
}

/// How far `next_working_day` looks before it gives up: a year of days off is not a
/// calendar anyone keeps, and the search must end.
pub const SEARCH_DAYS: i64 = 400;

/// The manager's working days: weekdays worked, minus holidays and own days off.
#[derive(Debug, Clone, Copy)]
pub struct WorkingDays<'a> {
    pub weekdays: &'a [Weekday],
    pub closed: &'a ClosedDays,
}

impl WorkingDays<'_> {
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.weekdays.contains(&Weekday::from(date.weekday())) && !self.closed.is_closed(date)
    }

    /// `date` if it is a working day, else the next one. With no working day in sight (no
    /// weekday worked, a year of days off) the date itself: a due date must exist.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        (0..SEARCH_DAYS)
            .filter_map(|i| date.checked_add_signed(Duration::days(i)))
            .find(|d| self.is_working_day(*d))
            .unwrap_or(date)
    }

    /// The working days in (after, after + days], in order.
    pub fn working_days_after(&self, after: NaiveDate, days: i64) -> Vec<NaiveDate> {
        (1..=days)
            .filter_map(|i| after.checked_add_signed(Duration::days(i)))
            .filter(|d| self.is_working_day(*d))
            .collect()
    }
}

#[cfg(test)]
mod tests;
