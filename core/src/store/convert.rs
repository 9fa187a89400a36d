//! Conversions between domain values and SQLite columns that rusqlite does not know.

use chrono::NaiveDateTime;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::model::{Channel, MarkStatus, RhythmKind};

/// Local wall-clock times are stored as "YYYY-MM-DDTHH:MM:SS" text: sortable, readable, and
/// free of any zone (the zone is a column of its own).
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

pub fn local_to_sql(t: &NaiveDateTime) -> String {
    t.format(LOCAL_FORMAT).to_string()
}

pub fn local_from_sql(text: &str) -> FromSqlResult<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, LOCAL_FORMAT).map_err(|e| FromSqlError::Other(Box::new(e)))
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

text_enum!(Channel);
text_enum!(MarkStatus);
text_enum!(RhythmKind);
