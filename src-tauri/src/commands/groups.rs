//! Commands for work groups and their members.

use chrono::Utc;
use narvaro_core::model::{Group, GroupDraft, GroupId, PersonId};
use narvaro_core::service::groups;
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_groups(state: State<'_, AppState>) -> Result<Vec<Group>, CommandError> {
    state.run(|store| groups::list(store)).await
}

#[tauri::command]
pub async fn create_group(
    state: State<'_, AppState>,
    draft: Arg<GroupDraft>,
) -> Result<Group, CommandError> {
    state
        .mutate(move |store| groups::create(store, &draft.parse("draft")?, Utc::now()))
        .await
}

#[tauri::command]
pub async fn rename_group(
    state: State<'_, AppState>,
    id: Arg<GroupId>,
    draft: Arg<GroupDraft>,
) -> Result<Group, CommandError> {
    state
        .mutate(move |store| groups::rename(store, id.parse("id")?, &draft.parse("draft")?))
        .await
}

#[tauri::command]
pub async fn delete_group(
    state: State<'_, AppState>,
    id: Arg<GroupId>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| groups::delete(store, id.parse("id")?))
        .await
}

#[tauri::command]
pub async fn add_group_member(
    state: State<'_, AppState>,
    id: Arg<GroupId>,
    person_id: Arg<PersonId>,
) -> Result<Group, CommandError> {
    state
        .mutate(move |store| {
            groups::add_member(store, id.parse("id")?, person_id.parse("personId")?)
        })
        .await
}

#[tauri::command]
pub async fn remove_group_member(
    state: State<'_, AppState>,
    id: Arg<GroupId>,
    person_id: Arg<PersonId>,
) -> Result<Group, CommandError> {
    state
        .mutate(move |store| {
            groups::remove_member(store, id.parse("id")?, person_id.parse("personId")?)
        })
        .await
}
