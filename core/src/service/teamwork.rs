//! The three team-work settings together — when an assignment counts as not discussed, how
//! many fika rounds pairing remembers, when an idea needs a report back — saved as one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Invalid, Result};
use crate::model::assignment::STALE_DAYS;
use crate::model::idea::REPORT_BACK_DAYS;
use crate::model::pairing::HISTORY_ROUNDS;
use crate::service::{assignments, ideas, pairing};
use crate::store::{settings as table, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamworkSettings {
    pub stale_days: u16,
    pub history_rounds: u16,
    pub report_back_days: u16,
}

pub fn settings(store: &Store) -> Result<TeamworkSettings> {
    Ok(TeamworkSettings {
        stale_days: assignments::stale_days(store)?,
        history_rounds: pairing::history_rounds(store)?,
        report_back_days: ideas::report_back_days(store)?,
    })
}

fn bounded(
    value: i64,
    range: std::ops::RangeInclusive<i64>,
    field: &'static str,
    key: &'static str,
) -> std::result::Result<u16, Invalid> {
    let refused = || {
        Invalid::new(field, key)
            .with("min", range.start())
            .with("max", range.end())
    };
    if !range.contains(&value) {
        return Err(refused());
    }
    u16::try_from(value).map_err(|_| refused())
}

/// Checks all three, then writes all three in one transaction: a bad value changes nothing.
pub fn set_settings(
    store: &mut Store,
    stale_days: i64,
    history_rounds: i64,
    report_back_days: i64,
) -> Result<TeamworkSettings> {
    let stale = bounded(
        stale_days,
        STALE_DAYS,
        "staleDays",
        "error.invalid.days_setting",
    )?;
    let history = bounded(
        history_rounds,
        HISTORY_ROUNDS,
        "historyRounds",
        "error.invalid.history_rounds",
    )?;
    let report = bounded(
        report_back_days,
        REPORT_BACK_DAYS,
        "reportBackDays",
        "error.invalid.days_setting",
    )?;
    store.write(|tx| {
        table::set(tx, assignments::STALE_DAYS_KEY, &stale.to_string())?;
        table::set(tx, pairing::HISTORY_KEY, &history.to_string())?;
        table::set(tx, ideas::REPORT_BACK_KEY, &report.to_string())
    })?;
    settings(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_together_or_not_at_all() {
        let mut store = Store::open_in_memory().unwrap();
        let defaults = settings(&store).unwrap();
        assert_eq!(
            defaults,
            TeamworkSettings {
                stale_days: 30,
                history_rounds: 4,
                report_back_days: 14
            }
        );
        let err = set_settings(&mut store, 20, 0, 7).unwrap_err();
        assert_eq!(err.field(), Some("historyRounds"));
        assert_eq!(settings(&store).unwrap(), defaults);
        let saved = set_settings(&mut store, 20, 6, 7).unwrap();
        assert_eq!(
            saved,
            TeamworkSettings {
                stale_days: 20,
                history_rounds: 6,
                report_back_days: 7
            }
        );
    }
}
