//! The end-to-end test binary: the harness's own smoke tests and the app's UI contract,
//! each test with its own X server, D-Bus session, tauri-driver and data folder.
#![cfg(target_os = "linux")]

mod away;
mod booking;
mod burst;
mod checkins;
mod data;
mod desktop;
mod import;
mod insights;
mod language;
mod people;
mod privacy;
mod reminders;
mod rhythms;
mod settings;
mod smoke;
mod team;
mod teamwork;
mod timing;
mod week;
