//! Commands for the Team view and the person page: list, add, edit, archive and restore
//! people, and erase or export everything about one (GDPR Art. 17 and 15).

use chrono::Utc;
use narvaro_core::model::privacy::{ErasureReport, IdeaChoice};
use narvaro_core::model::{NewPerson, Person, PersonDraft, PersonId};
use narvaro_core::service::privacy::{self, ExportedFiles};
use narvaro_core::service::{backup, people};
use tauri::{AppHandle, Runtime, State};

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
    draft: Arg<NewPerson>,
) -> Result<Person, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| people::add_new(store, &draft.parse("draft")?, today, Utc::now()))
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

/// Erases a person and everything about them (GDPR Art. 17) once the manager has typed
/// their name; returns what was removed. A name that does not match changes nothing.
#[tauri::command]
pub async fn erase_person(
    state: State<'_, AppState>,
    id: Arg<PersonId>,
    confirm_name: Arg<String>,
    ideas: Arg<IdeaChoice>,
) -> Result<ErasureReport, CommandError> {
    let worker = state.inner().clone();
    state
        .mutate(move |store| {
            let (id, ideas) = (id.parse("id")?, ideas.parse("ideas")?);
            let confirm = confirm_name.parse("confirmName")?;
            backup::erase_person(store, worker.data_dir(), id, Some(&confirm), ideas)
        })
        .await
}

/// Asks where to save, then writes everything about a person (GDPR Art. 15) as a page and,
/// beside it, JSON. Returns the two paths, or nothing when the manager cancelled.
#[tauri::command]
pub async fn export_person<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: Arg<PersonId>,
) -> Result<Option<ExportedFiles>, CommandError> {
    let lang = state.lang();
    let export = state
        .run(move |store| privacy::export_person(store, id.parse("id")?, lang, Utc::now()))
        .await?;
    let Some(path) = crate::dialog::save_person_export(&app, &export.person.name, lang).await
    else {
        return Ok(None);
    };
    let files = tauri::async_runtime::spawn_blocking(move || privacy::write_export(&export, &path))
        .await
        .map_err(|join| CommandError::internal(&format!("worker failed: {join}"), lang))?
        .map_err(|error| CommandError::from_core(&error, lang))?;
    Ok(Some(files))
}

/// Sets or clears (with null or empty text) a person's own video-meeting link.
#[tauri::command]
pub async fn set_person_link(
    state: State<'_, AppState>,
    id: Arg<PersonId>,
    link: Arg<Option<String>>,
) -> Result<Person, CommandError> {
    state
        .mutate(move |store| {
            let link = link.parse("meetingLink")?;
            people::set_meeting_link(store, id.parse("id")?, link.as_deref())
        })
        .await
}
