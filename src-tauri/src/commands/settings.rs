//! Commands for the team-work settings, read and saved as one, the calendar (holidays,
//! own days off, check-ins a day), and retention.

use chrono::Utc;
use narvaro_core::service::retention::{self, Retention, RetentionSettings};
use narvaro_core::service::settings::{
    self, CalendarSettings, CalendarSettingsDraft, TeamworkSettings,
};
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

#[tauri::command]
pub async fn calendar_settings(
    state: State<'_, AppState>,
) -> Result<CalendarSettings, CommandError> {
    state.run(|store| settings::calendar(store)).await
}

/// Saves the holiday calendar, own days off and "at most N a day" together, or nothing.
#[tauri::command]
pub async fn set_calendar_settings(
    state: State<'_, AppState>,
    draft: Arg<CalendarSettingsDraft>,
) -> Result<CalendarSettings, CommandError> {
    state
        .mutate(move |store| settings::set_calendar(store, &draft.parse("draft")?))
        .await
}

#[tauri::command]
pub async fn retention(state: State<'_, AppState>) -> Result<Retention, CommandError> {
    state.run(|store| retention::get(store)).await
}

/// Saves the retention choices and applies them at once; returns what was cleaned.
#[tauri::command]
pub async fn set_retention(
    state: State<'_, AppState>,
    chosen: Arg<RetentionSettings>,
) -> Result<Retention, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| {
            retention::set(store, chosen.parse("chosen")?)?;
            retention::apply(store, today, Utc::now())?;
            retention::get(store)
        })
        .await
}

/// The manager's own name and e-mail, for booked check-ins' invitations.
#[tauri::command]
pub async fn manager_settings(
    state: State<'_, AppState>,
) -> Result<settings::ManagerSettings, CommandError> {
    state.run(|store| settings::manager(store)).await
}

/// Saves the manager's name and e-mail together, or nothing on a bad value.
#[tauri::command]
pub async fn set_manager_settings(
    state: State<'_, AppState>,
    draft: Arg<settings::ManagerSettings>,
) -> Result<settings::ManagerSettings, CommandError> {
    state
        .mutate(move |store| settings::set_manager(store, &draft.parse("draft")?))
        .await
}
