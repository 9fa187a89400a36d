//! Generates Tauri's context and puts the app's own commands under the ACL, so the window
//! can call only what capabilities/main.json lists.

/// Every command of the invoke handler (src/lib.rs); a test checks the two lists agree.
const COMMANDS: &[&str] = &[
    "app_info",
    "set_language",
    "quit_app",
    "close_window",
    "list_people",
    "add_person",
    "update_person",
    "archive_person",
    "restore_person",
    "agenda",
    "log_checkin",
    "list_checkins",
    "delete_checkin",
    "load_sample_team",
    "export_calendar",
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
    "set_autostart",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
