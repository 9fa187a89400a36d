//! The TypeScript types in ui/src/bindings are generated from Rust. This test regenerates
//! them and fails when the committed files differ; `UPDATE_BINDINGS=1` rewrites them.

use std::fs;
use std::path::{Path, PathBuf};

use narvaro_core::model::{
    AssignmentDraft, AssignmentView, DivisionOfWork, Idea, IdeaDraft, ReportBackDue, Round,
    RoundDraft, Suggestion,
};
use narvaro_core::model::{
    CheckIn, CheckInDraft, Group, GroupDraft, Person, PersonDraft, Rhythm, RhythmDraft, Settings,
};
use narvaro_core::model::{CheckInContext, FinishCheckIn, FollowUpDraft, OwnPrompt, Timeline};
use narvaro_core::schedule::agenda::Agenda;
use narvaro_core::service::checkins::CheckInEdit;
use narvaro_core::service::reminders::{MissedReminder, ReminderSettingsDraft};
use narvaro_core::service::sample::SampleSummary;
use narvaro_core::service::settings::TeamworkSettings;
use narvaro_lib::commands::app::AppInfo;
use narvaro_lib::commands::reminders::ReminderPreferences;
use narvaro_lib::error::CommandError;
use ts_rs::{Config, TS};

fn export_all(dir: &Path) {
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    Person::export_all(&cfg).expect("Person");
    PersonDraft::export_all(&cfg).expect("PersonDraft");
    Settings::export_all(&cfg).expect("Settings");
    Agenda::export_all(&cfg).expect("Agenda");
    Rhythm::export_all(&cfg).expect("Rhythm");
    RhythmDraft::export_all(&cfg).expect("RhythmDraft");
    Group::export_all(&cfg).expect("Group");
    GroupDraft::export_all(&cfg).expect("GroupDraft");
    CheckIn::export_all(&cfg).expect("CheckIn");
    CheckInDraft::export_all(&cfg).expect("CheckInDraft");
    SampleSummary::export_all(&cfg).expect("SampleSummary");
    ReminderPreferences::export_all(&cfg).expect("ReminderPreferences");
    ReminderSettingsDraft::export_all(&cfg).expect("ReminderSettingsDraft");
    MissedReminder::export_all(&cfg).expect("MissedReminder");
    AssignmentView::export_all(&cfg).expect("AssignmentView");
    AssignmentDraft::export_all(&cfg).expect("AssignmentDraft");
    DivisionOfWork::export_all(&cfg).expect("DivisionOfWork");
    Suggestion::export_all(&cfg).expect("Suggestion");
    Round::export_all(&cfg).expect("Round");
    RoundDraft::export_all(&cfg).expect("RoundDraft");
    Idea::export_all(&cfg).expect("Idea");
    IdeaDraft::export_all(&cfg).expect("IdeaDraft");
    ReportBackDue::export_all(&cfg).expect("ReportBackDue");
    TeamworkSettings::export_all(&cfg).expect("TeamworkSettings");
    CheckInContext::export_all(&cfg).expect("CheckInContext");
    FinishCheckIn::export_all(&cfg).expect("FinishCheckIn");
    CheckInEdit::export_all(&cfg).expect("CheckInEdit");
    Timeline::export_all(&cfg).expect("Timeline");
    FollowUpDraft::export_all(&cfg).expect("FollowUpDraft");
    OwnPrompt::export_all(&cfg).expect("OwnPrompt");
    AppInfo::export_all(&cfg).expect("AppInfo");
    CommandError::export_all(&cfg).expect("CommandError");
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (
                        name,
                        fs::read_to_string(e.path()).expect("readable binding"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let committed: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "ui", "src", "bindings"]
        .iter()
        .collect();
    let fresh = tempfile::tempdir().unwrap();
    export_all(fresh.path());
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        fs::create_dir_all(&committed).unwrap();
        for (name, _) in files(&committed) {
            fs::remove_file(committed.join(name)).unwrap();
        }
        export_all(&committed);
    }
    assert_eq!(
        files(&committed),
        files(fresh.path()),
        "ui/src/bindings is stale: run `UPDATE_BINDINGS=1 cargo test -p narvaro --test bindings`"
    );
}
