//! Commands for the idea box: ideas, their status, the manager's response, report backs.

use chrono::Utc;
use narvaro_core::model::{Idea, IdeaDraft, IdeaId, IdeaStatus, ReportBackDue};
use narvaro_core::service::ideas;
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_ideas(state: State<'_, AppState>) -> Result<Vec<Idea>, CommandError> {
    state.run(|store| ideas::list(store)).await
}

#[tauri::command]
pub async fn add_idea(
    state: State<'_, AppState>,
    draft: Arg<IdeaDraft>,
) -> Result<Idea, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| ideas::add(store, &draft.parse("draft")?, today, Utc::now()))
        .await
}

#[tauri::command]
pub async fn update_idea(
    state: State<'_, AppState>,
    id: Arg<IdeaId>,
    draft: Arg<IdeaDraft>,
) -> Result<Idea, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| ideas::update(store, id.parse("id")?, &draft.parse("draft")?, today))
        .await
}

#[tauri::command]
pub async fn set_idea_status(
    state: State<'_, AppState>,
    id: Arg<IdeaId>,
    status: Arg<IdeaStatus>,
) -> Result<Idea, CommandError> {
    state
        .mutate(move |store| ideas::set_status(store, id.parse("id")?, status.parse("status")?))
        .await
}

/// The manager's response; an empty text withdraws it.
#[tauri::command]
pub async fn respond_to_idea(
    state: State<'_, AppState>,
    id: Arg<IdeaId>,
    response: Arg<String>,
) -> Result<Idea, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| {
            ideas::respond(store, id.parse("id")?, &response.parse("response")?, today)
        })
        .await
}

#[tauri::command]
pub async fn delete_idea(state: State<'_, AppState>, id: Arg<IdeaId>) -> Result<(), CommandError> {
    state
        .mutate(move |store| ideas::delete(store, id.parse("id")?))
        .await
}

/// Ideas waiting for a response longer than the set number of days: Today lists them.
#[tauri::command]
pub async fn report_back_due(
    state: State<'_, AppState>,
) -> Result<Vec<ReportBackDue>, CommandError> {
    let today = state.today();
    state
        .run(move |store| ideas::report_back_due(store, today))
        .await
}
