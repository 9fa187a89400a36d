//! Commands for team work: assignments and sounding boards, fika pairing rounds, the idea box.

use chrono::Utc;
use narvaro_core::model::{
    AssignmentDraft, AssignmentId, AssignmentStatus, AssignmentView, DivisionOfWork, Idea,
    IdeaDraft, IdeaId, IdeaStatus, PersonId, ReportBackDue, Round, RoundDraft, RoundId, Suggestion,
};
use narvaro_core::service::settings::{self, TeamworkSettings};
use narvaro_core::service::{assignments, ideas, pairing};
use tauri::State;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

/// A fresh seed per draw, so "New pairs" gives another good split; core is deterministic
/// for a given seed.
fn seed() -> u32 {
    Utc::now().timestamp_subsec_nanos()
}

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

#[tauri::command]
pub async fn list_rounds(state: State<'_, AppState>) -> Result<Vec<Round>, CommandError> {
    state.run(|store| pairing::list_rounds(store)).await
}

#[tauri::command]
pub async fn create_round(
    state: State<'_, AppState>,
    draft: Arg<RoundDraft>,
) -> Result<Round, CommandError> {
    state
        .mutate(move |store| {
            pairing::create_round(store, &draft.parse("draft")?, seed(), Utc::now())
        })
        .await
}

/// Draws new pairs for a draft; `skipIds` is the whole list of people sitting out.
#[tauri::command]
pub async fn regenerate_round(
    state: State<'_, AppState>,
    id: Arg<RoundId>,
    skip_ids: Arg<Vec<i64>>,
) -> Result<Round, CommandError> {
    state
        .mutate(move |store| {
            pairing::regenerate(store, id.parse("id")?, &skip_ids.parse("skipIds")?, seed())
        })
        .await
}

#[tauri::command]
pub async fn confirm_round(
    state: State<'_, AppState>,
    id: Arg<RoundId>,
) -> Result<Round, CommandError> {
    let today = state.today();
    state
        .mutate(move |store| pairing::confirm(store, id.parse("id")?, today))
        .await
}

#[tauri::command]
pub async fn delete_round(
    state: State<'_, AppState>,
    id: Arg<RoundId>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| pairing::delete_round(store, id.parse("id")?))
        .await
}

/// The confirmed round as text to paste into a chat or an e-mail.
#[tauri::command]
pub async fn round_text(
    state: State<'_, AppState>,
    id: Arg<RoundId>,
) -> Result<String, CommandError> {
    let lang = state.lang();
    state
        .run(move |store| pairing::export_text(store, id.parse("id")?, lang))
        .await
}

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

#[tauri::command]
pub async fn teamwork_settings(
    state: State<'_, AppState>,
) -> Result<TeamworkSettings, CommandError> {
    state.run(|store| settings::teamwork(store)).await
}

/// Saves the three settings together: all of them or, on a bad value, none.
#[tauri::command]
pub async fn set_teamwork_settings(
    state: State<'_, AppState>,
    stale_days: Arg<i64>,
    history_rounds: Arg<i64>,
    report_back_days: Arg<i64>,
) -> Result<TeamworkSettings, CommandError> {
    state
        .mutate(move |store| {
            let stale = stale_days.parse("staleDays")?;
            let history = history_rounds.parse("historyRounds")?;
            let report = report_back_days.parse("reportBackDays")?;
            settings::set_teamwork(store, stale, history, report)
        })
        .await
}
