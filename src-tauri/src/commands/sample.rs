//! Commands for the sample team.

use chrono::Utc;
use narvaro_core::service::sample::{self, SampleSummary};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

/// Adds the sample team (the UI asks for confirmation first).
#[tauri::command]
pub async fn load_sample_team(state: State<'_, AppState>) -> Result<SampleSummary, CommandError> {
    let (lang, tz) = (state.lang(), state.local_tz());
    state
        .mutate(move |store| sample::load(store, lang, tz, Utc::now()))
        .await
}
