//! Generates Tauri's context and puts the app's own commands under the ACL, so the window
//! can call only what capabilities/main.json lists.

/// Every command of the invoke handler (src/lib.rs); a test checks the two lists agree.
const COMMANDS: &[&str] = &[
    "app_info",
    "set_language",
    "quit_app",
    "list_people",
    "add_person",
    "update_person",
    "archive_person",
    "restore_person",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
