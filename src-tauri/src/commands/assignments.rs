//! Commands for assignments: who does what, and a sounding board for someone alone with
//! their work.

use chrono::Utc;
use narvaro_core::model::{
    AssignmentDraft, AssignmentId, AssignmentStatus, AssignmentView, DivisionOfWork, PersonId,
    Suggestion,
};
use narvaro_core::service::assignments;
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_assignments(
    state: State<'_, AppState>,
) -> Result<Vec<AssignmentView>, CommandError> {
    let today = state.today();
    state
        .run(move |store| assignments::list(store, today))
        .await
}

#[tauri::command]
pub async fn division_of_work(state: State<'_, AppState>) -> Result<DivisionOfWork, CommandError> {
    let today = state.today();
    state
        .run(move |store| assignments::division_of_work(store, today))
        .await
}

#[tauri::command]
pub async fn create_assignment(
    state: State<'_, AppState>,
    draft: Arg<AssignmentDraft>,
) -> Result<AssignmentView, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| assignments::create(store, &draft.parse("draft")?, today, Utc::now()))
        .await
}

#[tauri::command]
pub async fn update_assignment(
    state: State<'_, AppState>,
    id: Arg<AssignmentId>,
    draft: Arg<AssignmentDraft>,
) -> Result<AssignmentView, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| {
            assignments::update(store, id.parse("id")?, &draft.parse("draft")?, today)
        })
        .await
}

#[tauri::command]
pub async fn set_assignment_status(
    state: State<'_, AppState>,
    id: Arg<AssignmentId>,
    status: Arg<AssignmentStatus>,
) -> Result<AssignmentView, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| {
            assignments::set_status(store, id.parse("id")?, status.parse("status")?, today)
        })
        .await
}

#[tauri::command]
pub async fn mark_assignment_discussed(
    state: State<'_, AppState>,
    id: Arg<AssignmentId>,
) -> Result<AssignmentView, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| assignments::mark_discussed(store, id.parse("id")?, today))
        .await
}

#[tauri::command]
pub async fn delete_assignment(
    state: State<'_, AppState>,
    id: Arg<AssignmentId>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| assignments::delete(store, id.parse("id")?))
        .await
}

#[tauri::command]
pub async fn suggest_sounding_board(
    state: State<'_, AppState>,
    id: Arg<AssignmentId>,
) -> Result<Vec<Suggestion>, CommandError> {
    state
        .run(move |store| assignments::suggest_sounding_board(store, id.parse("id")?))
        .await
}

#[tauri::command]
pub async fn accept_suggestion(
    state: State<'_, AppState>,
    id: Arg<AssignmentId>,
    person_id: Arg<PersonId>,
) -> Result<AssignmentView, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| {
            assignments::accept_suggestion(
                store,
                id.parse("id")?,
                person_id.parse("personId")?,
                today,
            )
        })
        .await
}
