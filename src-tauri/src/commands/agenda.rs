//! Commands for the agenda (Today and Week), held check-ins, the sample team and the
//! calendar export.

use chrono::Utc;
use narvaro_core::model::{CheckIn, CheckInDraft, CheckInId, PersonId, RhythmId};
use narvaro_core::schedule::agenda::Agenda;
use narvaro_core::service::sample::SampleSummary;
use narvaro_core::service::{agenda, checkins, sample};
use tauri::{AppHandle, Runtime, State};

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

#[tauri::command]
pub async fn log_checkin(
    state: State<'_, AppState>,
    draft: Arg<CheckInDraft>,
) -> Result<CheckIn, CommandError> {
    let tz = state.local_tz();
    state
        .mutate(move |store| {
            let now = Utc::now();
            checkins::log(
                store,
                &draft.parse("draft")?,
                now.with_timezone(&tz).date_naive(),
                now,
            )
        })
        .await
}

#[tauri::command]
pub async fn list_checkins(
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
) -> Result<Vec<CheckIn>, CommandError> {
    state
        .run(move |store| checkins::for_person(store, person_id.parse("personId")?))
        .await
}

#[tauri::command]
pub async fn delete_checkin(
    state: State<'_, AppState>,
    id: Arg<CheckInId>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| checkins::delete(store, id.parse("id")?))
        .await
}

/// Adds the sample team (the UI asks for confirmation first).
#[tauri::command]
pub async fn load_sample_team(state: State<'_, AppState>) -> Result<SampleSummary, CommandError> {
    let (lang, tz) = (state.lang(), state.local_tz());
    state
        .mutate(move |store| sample::load(store, lang, tz, Utc::now()))
        .await
}

/// Asks where to save, then writes one rhythm (or all) as an .ics file. Returns the path,
/// or nothing when the manager cancelled. The webview never touches the file system.
#[tauri::command]
pub async fn export_calendar<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    rhythm_id: Arg<Option<RhythmId>>,
) -> Result<Option<String>, CommandError> {
    let lang = state.lang();
    let ics = state
        .run(move |store| {
            narvaro_core::service::export::ics::export_in(
                store,
                rhythm_id.parse("rhythmId")?,
                Utc::now(),
                lang,
            )
        })
        .await?;
    let Some(path) = crate::dialog::save_ics(&app, lang).await else {
        return Ok(None);
    };
    crate::dialog::write(&path, &ics, lang)?;
    Ok(Some(path.display().to_string()))
}
