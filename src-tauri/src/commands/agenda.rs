//! Commands for the agenda: Today and Week.

use chrono::Utc;
use narvaro_core::schedule::agenda::Agenda;
use narvaro_core::service::agenda::{self, WeekAgenda};
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn agenda(state: State<'_, AppState>, days: Arg<u32>) -> Result<Agenda, CommandError> {
    let tz = state.local_tz();
    let agenda = state
        .run(move |store| agenda::agenda(store, Utc::now(), tz, days.parse("days")?))
        .await;
    // The mark scripts/bench-app.sh times start-up by: Today's first data, answered.
    static FIRST: std::sync::Once = std::sync::Once::new();
    if agenda.is_ok() {
        FIRST.call_once(|| {
            if let Some(started) = crate::STARTED.get() {
                log::info!(
                    "first agenda answered {:.3} s after start",
                    started.elapsed().as_secs_f64()
                );
            }
        });
    }
    agenda
}

/// One Monday-to-Sunday week for the Week view: 0 is this week, 1 the next.
#[tauri::command]
pub async fn week_agenda(
    state: State<'_, AppState>,
    offset: Arg<i64>,
) -> Result<WeekAgenda, CommandError> {
    let tz = state.local_tz();
    state
        .run(move |store| agenda::week(store, Utc::now(), tz, offset.parse("offset")?))
        .await
}
