//! Commands for fika pairing rounds: draw, redraw, confirm, delete, and the text to share.

use chrono::Utc;
use narvaro_core::model::{Round, RoundDraft, RoundId};
use narvaro_core::service::pairing;
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
