//! Commands for the agenda: Today and Week.

use chrono::Utc;
use narvaro_core::schedule::agenda::Agenda;
use narvaro_core::service::agenda;
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn agenda(state: State<'_, AppState>, days: Arg<u32>) -> Result<Agenda, CommandError> {
    let tz = state.local_tz();
    state
        .run(move |store| agenda::agenda(store, Utc::now(), tz, days.parse("days")?))
        .await
}
