//! Commands for check-ins: logging a held one, the check-in screen and its draft,
//! follow-ups, the manager's own questions, and the person page.

use chrono::Utc;
use narvaro_core::model::{
    CheckIn, CheckInContext, CheckInDraft, CheckInId, FinishCheckIn, FollowUp, FollowUpDraft,
    FollowUpId, OwnPrompt, PersonId, Timeline,
};
use narvaro_core::service::checkins::{self, CheckInEdit};
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn checkin_context(
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
) -> Result<CheckInContext, CommandError> {
    let (lang, today) = (state.lang(), state.today());
    state
        .run(move |store| checkins::context(store, person_id.parse("personId")?, lang, today))
        .await
}

/// Keeps the check-in screen's state while the conversation is under way.
#[tauri::command]
pub async fn save_checkin_draft(
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
    draft: Arg<serde_json::Value>,
) -> Result<(), CommandError> {
    state
        .run(move |store| {
            let person = person_id.parse("personId")?;
            checkins::save_draft(store, person, &draft.parse("draft")?, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn discard_checkin_draft(
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
) -> Result<(), CommandError> {
    state
        .run(move |store| checkins::discard_draft(store, person_id.parse("personId")?))
        .await
}

#[tauri::command]
pub async fn finish_checkin(
    state: State<'_, AppState>,
    draft: Arg<FinishCheckIn>,
) -> Result<CheckIn, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| checkins::finish(store, &draft.parse("draft")?, today, Utc::now()))
        .await
}

#[tauri::command]
pub async fn edit_checkin(
    state: State<'_, AppState>,
    id: Arg<CheckInId>,
    edit: Arg<CheckInEdit>,
) -> Result<CheckIn, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| {
            checkins::edit_checkin(store, id.parse("id")?, &edit.parse("edit")?, today)
        })
        .await
}

#[tauri::command]
pub async fn person_timeline(
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
) -> Result<Timeline, CommandError> {
    let (tz, lang) = (state.local_tz(), state.lang());
    state
        .run(move |store| {
            checkins::timeline(store, person_id.parse("personId")?, Utc::now(), tz, lang)
        })
        .await
}

#[tauri::command]
pub async fn add_followup(
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
    draft: Arg<FollowUpDraft>,
) -> Result<FollowUp, CommandError> {
    state
        .mutate(move |store| {
            let person = person_id.parse("personId")?;
            checkins::add_followup(store, person, &draft.parse("draft")?, Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn edit_followup(
    state: State<'_, AppState>,
    id: Arg<FollowUpId>,
    draft: Arg<FollowUpDraft>,
) -> Result<FollowUp, CommandError> {
    state
        .mutate(move |store| {
            checkins::edit_followup(store, id.parse("id")?, &draft.parse("draft")?)
        })
        .await
}

#[tauri::command]
pub async fn set_followup_done(
    state: State<'_, AppState>,
    id: Arg<FollowUpId>,
    done: Arg<bool>,
) -> Result<FollowUp, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| {
            checkins::set_followup_done(store, id.parse("id")?, done.parse("done")?, today)
        })
        .await
}

#[tauri::command]
pub async fn delete_followup(
    state: State<'_, AppState>,
    id: Arg<FollowUpId>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| checkins::delete_followup(store, id.parse("id")?))
        .await
}

/// Open follow-ups due today or earlier, for Today.
#[tauri::command]
pub async fn followups_due(state: State<'_, AppState>) -> Result<Vec<FollowUp>, CommandError> {
    let today = state.today();
    state
        .run(move |store| checkins::followups_due(store, today))
        .await
}

#[tauri::command]
pub async fn list_prompts(state: State<'_, AppState>) -> Result<Vec<OwnPrompt>, CommandError> {
    state.run(|store| checkins::own_prompts(store)).await
}

#[tauri::command]
pub async fn add_prompt(
    state: State<'_, AppState>,
    text: Arg<String>,
) -> Result<OwnPrompt, CommandError> {
    state
        .mutate(move |store| checkins::add_prompt(store, &text.parse("text")?, Utc::now()))
        .await
}

#[tauri::command]
pub async fn edit_prompt(
    state: State<'_, AppState>,
    id: Arg<i64>,
    text: Arg<String>,
) -> Result<OwnPrompt, CommandError> {
    state
        .mutate(move |store| checkins::edit_prompt(store, id.parse("id")?, &text.parse("text")?))
        .await
}

#[tauri::command]
pub async fn retire_prompt(
    state: State<'_, AppState>,
    id: Arg<i64>,
    retired: Arg<bool>,
) -> Result<OwnPrompt, CommandError> {
    state
        .mutate(move |store| {
            checkins::retire_prompt(
                store,
                id.parse("id")?,
                retired.parse("retired")?,
                Utc::now(),
            )
        })
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
