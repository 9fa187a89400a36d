//! Commands for booking a check-in: the suggested time, booking it as an invitation opened
//! in the calendar program or saved where the manager says, and cancelling it.

use chrono::Utc;
use narvaro_core::model::PersonId;
use narvaro_core::service::booking::{self, BookingDraft, BookingSuggestion, INVITATIONS_DIR};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

/// What happens to the invitation: opened with the system's calendar or mail program (from
/// `invitations/` in the data folder), or saved where the manager chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Deliver {
    Open,
    Save,
}

/// A booking made: where its invitation was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookedFile {
    pub path: String,
    pub booking: narvaro_core::model::Booking,
}

#[tauri::command]
pub async fn suggest_booking(
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
) -> Result<BookingSuggestion, CommandError> {
    let tz = state.local_tz();
    state
        .run(move |store| booking::suggest(store, person_id.parse("personId")?, Utc::now(), tz))
        .await
}

/// Books the check-in and writes its invitation; nothing when the manager cancelled the
/// save dialog (then nothing is booked either).
#[tauri::command]
pub async fn book_checkin<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
    draft: Arg<BookingDraft>,
    deliver: Arg<Deliver>,
) -> Result<Option<BookedFile>, CommandError> {
    let (lang, tz) = (state.lang(), state.local_tz());
    let deliver = deliver
        .parse("deliver")
        .map_err(|e| CommandError::from_core(&e.into(), lang))?;
    let (person, draft) = (
        person_id
            .parse("personId")
            .map_err(|e| CommandError::from_core(&e.into(), lang))?,
        draft
            .parse("draft")
            .map_err(|e| CommandError::from_core(&e.into(), lang))?,
    );
    let path = match deliver {
        Deliver::Save => {
            // The name is asked before anything is booked: cancelling books nothing.
            let name = format!("narvaro-{}.ics", draft.date.trim());
            match crate::dialog::save_invitation(&app, &name, lang).await {
                Some(path) => Some(path),
                None => return Ok(None),
            }
        }
        Deliver::Open => None,
    };
    let dir = state.data_dir().join(INVITATIONS_DIR);
    let invitation = state
        .mutate(move |store| booking::book(store, person, &draft, Utc::now(), tz, lang))
        .await?;
    let path = path.unwrap_or_else(|| dir.join(&invitation.file_name));
    let (ics, target) = (invitation.ics, path.clone());
    tauri::async_runtime::spawn_blocking(move || -> Result<(), CommandError> {
        if deliver == Deliver::Open {
            std::fs::create_dir_all(&dir).map_err(|e| write_failed(&dir, &e, lang))?;
        }
        crate::dialog::write(&target, &ics, lang)?;
        if deliver == Deliver::Open {
            crate::opener::open_file(&target).map_err(|e| CommandError::from_core(&e, lang))?;
        }
        Ok(())
    })
    .await
    .map_err(|join| CommandError::internal(&format!("worker failed: {join}"), lang))??;
    Ok(Some(BookedFile {
        path: path.display().to_string(),
        booking: invitation.booking,
    }))
}

fn write_failed(
    path: &std::path::Path,
    error: &std::io::Error,
    lang: narvaro_core::Lang,
) -> CommandError {
    log::error!("could not create the invitations folder: {error}");
    CommandError::from_core(
        &narvaro_core::Error::Io {
            path: path.to_owned(),
            source: std::io::Error::new(error.kind(), error.to_string()),
        },
        lang,
    )
}

#[tauri::command]
pub async fn cancel_booking(
    state: State<'_, AppState>,
    person_id: Arg<PersonId>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| booking::cancel(store, person_id.parse("personId")?))
        .await
}
