// No console window for the release build on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
fn main() -> std::process::ExitCode {
    narvaro_lib::run()
}
