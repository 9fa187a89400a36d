//! Commands for away periods: a person's list, everyone's current ones (Team), add, remove.

use narvaro_core::model::{Away, AwayDraft, AwayId, PersonId};
use narvaro_core::service::away;
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_away(
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
) -> Result<Vec<Away>, CommandError> {
    state
        .run(move |store| away::list(store, person_id.parse("personId")?))
        .await
}

/// Everyone's periods that have not ended: Team's "away until …".
#[tauri::command]
pub async fn current_away(state: State<'_, AppState>) -> Result<Vec<Away>, CommandError> {
    let today = state.today();
    state.run(move |store| away::current(store, today)).await
}

#[tauri::command]
pub async fn add_away(
    state: State<'_, AppState>,
    draft: Arg<AwayDraft>,
) -> Result<Away, CommandError> {
    state
        .mutate(move |store| away::add(store, &draft.parse("draft")?))
        .await
}

#[tauri::command]
pub async fn remove_away(state: State<'_, AppState>, id: Arg<AwayId>) -> Result<(), CommandError> {
    state
        .mutate(move |store| away::remove(store, id.parse("id")?))
        .await
}
