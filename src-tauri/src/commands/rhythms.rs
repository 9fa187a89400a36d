//! Commands for rhythms and their occurrences.

use chrono::Utc;
use narvaro_core::model::{Rhythm, RhythmDraft, RhythmId};
use narvaro_core::service::rhythms;
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_rhythms(state: State<'_, AppState>) -> Result<Vec<Rhythm>, CommandError> {
    state.run(|store| rhythms::list(store)).await
}

#[tauri::command]
pub async fn create_rhythm(
    state: State<'_, AppState>,
    draft: Arg<RhythmDraft>,
) -> Result<Rhythm, CommandError> {
    let tz = state.local_tz();
    state
        .mutate(move |store| rhythms::create(store, &draft.parse("draft")?, tz, Utc::now()))
        .await
}

#[tauri::command]
pub async fn update_rhythm(
    state: State<'_, AppState>,
    id: Arg<RhythmId>,
    draft: Arg<RhythmDraft>,
) -> Result<Rhythm, CommandError> {
    let tz = state.local_tz();
    state
        .mutate(move |store| rhythms::update(store, id.parse("id")?, &draft.parse("draft")?, tz))
        .await
}

/// Changes the series from a date on; earlier occurrences keep the old settings.
#[tauri::command]
pub async fn update_rhythm_from(
    state: State<'_, AppState>,
    id: Arg<RhythmId>,
    from_date: Arg<String>,
    draft: Arg<RhythmDraft>,
) -> Result<Rhythm, CommandError> {
    let tz = state.local_tz();
    state
        .mutate(move |store| {
            let (id, from) = (id.parse("id")?, from_date.parse("fromDate")?);
            rhythms::update_from(store, id, &from, &draft.parse("draft")?, tz, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn delete_rhythm(
    state: State<'_, AppState>,
    id: Arg<RhythmId>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| rhythms::delete(store, id.parse("id")?))
        .await
}

#[tauri::command]
pub async fn mark_occurrence_held(
    state: State<'_, AppState>,
    occurrence: Arg<String>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| {
            rhythms::mark_held(store, &occurrence.parse("occurrence")?, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn skip_occurrence(
    state: State<'_, AppState>,
    occurrence: Arg<String>,
    reason: Arg<Option<String>>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| {
            let reason = reason.parse("reason")?;
            rhythms::skip(store, &occurrence.parse("occurrence")?, reason.as_deref())
        })
        .await
}

#[tauri::command]
pub async fn move_occurrence(
    state: State<'_, AppState>,
    occurrence: Arg<String>,
    date: Arg<String>,
    time: Arg<String>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| {
            let (date, time) = (date.parse("date")?, time.parse("time")?);
            rhythms::move_occurrence(store, &occurrence.parse("occurrence")?, &date, &time)
        })
        .await
}

#[tauri::command]
pub async fn reset_occurrence(
    state: State<'_, AppState>,
    occurrence: Arg<String>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| rhythms::reset(store, &occurrence.parse("occurrence")?))
        .await
}

/// Sets or clears (with null or empty text) a rhythm's video-meeting link.
#[tauri::command]
pub async fn set_rhythm_link(
    state: State<'_, AppState>,
    id: Arg<RhythmId>,
    link: Arg<Option<String>>,
) -> Result<Rhythm, CommandError> {
    state
        .mutate(move |store| {
            let link = link.parse("meetingLink")?;
            rhythms::set_meeting_link(store, id.parse("id")?, link.as_deref())
        })
        .await
}
