//! Puts the commands under the ACL, as the app does with its own.

fn main() {
    let attributes =
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
            "ping",
            "rendered",
            "close_window",
        ]));
    if let Err(error) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri-build failed: {error}");
        std::process::exit(1);
    }
}
