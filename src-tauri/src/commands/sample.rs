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

/// Whether the sample team is in the data: Team then offers to remove it.
#[tauri::command]
pub async fn sample_team_loaded(state: State<'_, AppState>) -> Result<bool, CommandError> {
    state.run(|store| sample::is_loaded(store)).await
}

/// Removes everything the sample team added (the UI asks for confirmation first).
#[tauri::command]
pub async fn remove_sample_team(state: State<'_, AppState>) -> Result<SampleSummary, CommandError> {
    state.mutate(sample::remove).await
}
