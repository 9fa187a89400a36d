//! Conversions between domain values and SQLite columns that rusqlite does not know.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::model::{AwayReason, Channel, MarkStatus, RhythmKind};

/// Local wall-clock times are stored as "YYYY-MM-DDTHH:MM:SS" text: sortable, readable, and
/// free of any zone (the zone is a column of its own).
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

pub fn local_to_sql(t: &NaiveDateTime) -> String {
    t.format(LOCAL_FORMAT).to_string()
}

pub fn local_from_sql(text: &str) -> FromSqlResult<NaiveDateTime> {
    match fixed_local(text) {
        Some(t) => Ok(t),
        None => NaiveDateTime::parse_from_str(text, LOCAL_FORMAT)
            .map_err(|e| FromSqlError::Other(Box::new(e))),
    }
}

/// `LOCAL_FORMAT` as `local_to_sql` writes it ("2026-12-04T09:00:00"), read field by field:
/// every rhythm and occurrence mark read holds one or two, and chrono interprets its format
/// string anew for each. Anything else, an impossible date or a leap second included, is
/// left to chrono, so the two read every text alike.
fn fixed_local(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if b.len() != 19 || separators.iter().any(|&(i, c)| b.get(i) != Some(&c)) {
        return None;
    }
    let number = |at: usize, len: usize| -> Option<u32> {
        b.get(at..at + len)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 2)?, number(8, 2)?)?.and_hms_opt(
        number(11, 2)?,
        number(14, 2)?,
        number(17, 2)?,
    )
}

macro_rules! text_enum {
    ($ty:ty) => {
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }

        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$ty>::from_code(text).ok_or_else(|| {
                    FromSqlError::Other(format!("unknown {} {text:?}", stringify!($ty)).into())
                })
            }
        }
    };
}

text_enum!(AwayReason);
text_enum!(Channel);
text_enum!(MarkStatus);
text_enum!(RhythmKind);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chrono_reads(text: &str) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(text, LOCAL_FORMAT).ok()
    }

    #[test]
    fn odd_local_times_read_as_chrono_reads_them() {
        for text in [
            "2026-12-04T09:00:00",
            "0000-01-01T00:00:00",
            "9999-12-31T23:59:59",
            "2024-02-29T12:30:00",
            "2026-02-29T12:30:00",
            "2026-13-01T00:00:00",
            "2026-12-04T24:00:00",
            "2026-12-04T23:59:60",
            "2026-12-04 09:00:00",
            "2026-12-04T09:00",
            "+2026-12-04T09:00:00",
            "-0001-12-04T09:00:00",
            "+10000-01-01T00:00:00",
            "2026-1a-04T09:00:00",
            "",
        ] {
            assert_eq!(local_from_sql(text).ok(), chrono_reads(text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_stored_local_time_reads_back(days in -4_000_000i64..4_000_000, seconds in 0i64..86_400) {
            let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
            let t = base + chrono::Duration::days(days) + chrono::Duration::seconds(seconds);
            let text = local_to_sql(&t);
            prop_assert_eq!(local_from_sql(&text).ok(), Some(t));
            prop_assert_eq!(local_from_sql(&text).ok(), chrono_reads(&text));
        }

        #[test]
        fn any_text_of_the_shape_reads_as_chrono_reads_it(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}") {
            prop_assert_eq!(local_from_sql(&text).ok(), chrono_reads(&text));
        }
    }
}
