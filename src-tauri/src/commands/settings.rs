//! Commands for the team-work settings, read and saved as one.

use narvaro_core::service::settings::{self, TeamworkSettings};
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn teamwork_settings(
    state: State<'_, AppState>,
) -> Result<TeamworkSettings, CommandError> {
    state.run(|store| settings::teamwork(store)).await
}

/// Saves the three settings together: all of them or, on a bad value, none.
#[tauri::command]
pub async fn set_teamwork_settings(
    state: State<'_, AppState>,
    stale_days: Arg<i64>,
    history_rounds: Arg<i64>,
    report_back_days: Arg<i64>,
) -> Result<TeamworkSettings, CommandError> {
    state
        .mutate(move |store| {
            let stale = stale_days.parse("staleDays")?;
            let history = history_rounds.parse("historyRounds")?;
            let report = report_back_days.parse("reportBackDays")?;
            settings::set_teamwork(store, stale, history, report)
        })
        .await
}
