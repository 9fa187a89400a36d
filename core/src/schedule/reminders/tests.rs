use chrono::TimeZone;

use super::*;

fn sthlm() -> Tz {
    "Europe/Stockholm".parse().unwrap()
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    sthlm()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn working_hours_are_weekdays_eight_to_five_by_default() {
    let s = ReminderSettings::default();
    assert!(s.in_working_hours(local(2026, 11, 26, 8, 0), sthlm()));
    assert!(!s.in_working_hours(local(2026, 11, 26, 17, 0), sthlm()));
    assert!(
        !s.in_working_hours(local(2026, 11, 28, 10, 0), sthlm()),
        "Saturday"
    );
    assert_eq!(
        s.next_working_moment(local(2026, 11, 27, 18, 0), sthlm()),
        Some(local(2026, 11, 30, 8, 0)),
        "Friday evening → Monday morning"
    );
    assert_eq!(
        s.until_tomorrow_morning(local(2026, 11, 26, 15, 0), sthlm()),
        local(2026, 11, 27, 8, 0)
    );
}

#[test]
fn no_working_day_means_no_working_moment() {
    let s = ReminderSettings {
        work_days: vec![],
        ..ReminderSettings::default()
    };
    assert_eq!(
        s.next_working_moment(local(2026, 11, 26, 8, 0), sthlm()),
        None
    );
}
