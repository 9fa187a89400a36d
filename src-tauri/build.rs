//! Generates Tauri's context and puts the app's own commands under the ACL, so the window
//! can call only what capabilities/main.json lists. The command list here is the one
//! source: the crate gets it as `narvaro_lib::COMMANDS`, the UI as a generated type.

use std::path::PathBuf;

/// Every command of the invoke handler (src/lib.rs); tests check that the handler, the
/// capability file and the UI's API module name exactly these.
const COMMANDS: &[&str] = &[
    "app_info",
    "set_language",
    "quit_app",
    "close_window",
    "ui_ready",
    "list_people",
    "add_person",
    "update_person",
    "archive_person",
    "restore_person",
    "erase_person",
    "export_person",
    "list_away",
    "current_away",
    "add_away",
    "remove_away",
    "preview_import",
    "confirm_import",
    "set_person_link",
    "suggest_booking",
    "book_checkin",
    "cancel_booking",
    "manager_settings",
    "set_manager_settings",
    "set_rhythm_link",
    "open_link",
    "agenda",
    "week_agenda",
    "log_checkin",
    "list_checkins",
    "delete_checkin",
    "load_sample_team",
    "sample_team_loaded",
    "remove_sample_team",
    "export_calendar",
    "recover",
    "list_backups",
    "back_up_now",
    "restore_backup",
    "restore_from_file",
    "list_rhythms",
    "create_rhythm",
    "update_rhythm",
    "update_rhythm_from",
    "delete_rhythm",
    "mark_occurrence_held",
    "skip_occurrence",
    "move_occurrence",
    "reset_occurrence",
    "list_groups",
    "create_group",
    "rename_group",
    "delete_group",
    "add_group_member",
    "remove_group_member",
    "reminder_preferences",
    "set_reminder_settings",
    "pause_reminders",
    "resume_reminders",
    "snooze_reminder",
    "reminder_done",
    "missed_reminders",
    "dismiss_missed_reminders",
    "reminder_trouble",
    "set_autostart",
    "list_assignments",
    "division_of_work",
    "create_assignment",
    "update_assignment",
    "set_assignment_status",
    "mark_assignment_discussed",
    "delete_assignment",
    "suggest_sounding_board",
    "accept_suggestion",
    "list_rounds",
    "create_round",
    "regenerate_round",
    "confirm_round",
    "delete_round",
    "round_text",
    "list_ideas",
    "add_idea",
    "update_idea",
    "set_idea_status",
    "respond_to_idea",
    "delete_idea",
    "report_back_due",
    "insights",
    "export_insights_csv",
    "teamwork_settings",
    "set_teamwork_settings",
    "calendar_settings",
    "set_calendar_settings",
    "retention",
    "set_retention",
    "checkin_context",
    "save_checkin_draft",
    "discard_checkin_draft",
    "finish_checkin",
    "edit_checkin",
    "person_timeline",
    "add_followup",
    "edit_followup",
    "set_followup_done",
    "delete_followup",
    "followups_due",
    "list_prompts",
    "add_prompt",
    "edit_prompt",
    "retire_prompt",
];

/// `COMMANDS` for the crate itself, so tests and the bindings export read this list rather
/// than parse this file.
fn write_command_list() {
    let Some(out) = std::env::var_os("OUT_DIR") else {
        panic!("cargo sets OUT_DIR for build scripts");
    };
    let list: String = COMMANDS.iter().map(|c| format!("    {c:?},\n")).collect();
    let code = format!(
        "/// Every IPC command's name: what the ACL knows and the UI may call.\n\
         pub const COMMANDS: &[&str] = &[\n{list}];\n"
    );
    if let Err(error) = std::fs::write(PathBuf::from(out).join("commands.rs"), code) {
        panic!("cannot write the command list: {error}");
    }
}

fn main() {
    write_command_list();
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
