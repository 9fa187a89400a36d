//! Commands for the Team view: list, add, edit, archive and restore people.

use chrono::Utc;
use narvaro_core::model::{Person, PersonDraft, PersonId};
use narvaro_core::service::people;
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_people(state: State<'_, AppState>) -> Result<Vec<Person>, CommandError> {
    state.run(|store| people::list(store)).await
}

#[tauri::command]
pub async fn add_person(
    state: State<'_, AppState>,
    draft: Arg<PersonDraft>,
) -> Result<Person, CommandError> {
    state
        .mutate(move |store| people::add(store, &draft.parse("draft")?, Utc::now()))
        .await
}

#[tauri::command]
pub async fn update_person(
    state: State<'_, AppState>,
    id: Arg<PersonId>,
    draft: Arg<PersonDraft>,
) -> Result<Person, CommandError> {
    state
        .mutate(move |store| people::update(store, id.parse("id")?, &draft.parse("draft")?))
        .await
}

#[tauri::command]
pub async fn archive_person(
    state: State<'_, AppState>,
    id: Arg<PersonId>,
) -> Result<Person, CommandError> {
    state
        .mutate(move |store| people::archive(store, id.parse("id")?, Utc::now()))
        .await
}

#[tauri::command]
pub async fn restore_person(
    state: State<'_, AppState>,
    id: Arg<PersonId>,
) -> Result<Person, CommandError> {
    state
        .mutate(move |store| people::restore(store, id.parse("id")?))
        .await
}
