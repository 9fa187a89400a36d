//! The TypeScript types in ui/src/bindings are generated from Rust, and so are the limits,
//! enumerations and command names the UI needs (limits.ts, commands.ts). This test
//! regenerates them and fails when the committed files differ; `UPDATE_BINDINGS=1`
//! rewrites them.

use std::fs;
use std::path::{Path, PathBuf};

use narvaro_core::model::insights::Insights;
use narvaro_core::model::privacy::{ErasureReport, IdeaChoice};
use narvaro_core::model::{
    AssignmentDraft, AssignmentView, DivisionOfWork, Idea, IdeaDraft, ReportBackDue, Round,
    RoundDraft, Suggestion,
};
use narvaro_core::model::{Away, AwayDraft, NewPerson};
use narvaro_core::model::{
    CheckIn, CheckInDraft, Group, GroupDraft, Person, PersonDraft, Rhythm, RhythmDraft, Settings,
};
use narvaro_core::model::{CheckInContext, FinishCheckIn, FollowUpDraft, OwnPrompt, Timeline};
use narvaro_core::schedule::agenda::Agenda;
use narvaro_core::service::agenda::WeekAgenda;
use narvaro_core::service::backup::Restored;
use narvaro_core::service::checkins::CheckInEdit;
use narvaro_core::service::import::ImportSummary;
use narvaro_core::service::privacy::ExportedFiles;
use narvaro_core::service::reminders::{MissedReminder, ReminderSettingsDraft, Trouble};
use narvaro_core::service::retention::Retention;
use narvaro_core::service::sample::SampleSummary;
use narvaro_core::service::settings::{CalendarSettings, CalendarSettingsDraft, TeamworkSettings};
use narvaro_lib::commands::app::{AppInfo, StartSteps};
use narvaro_lib::commands::backup::Backups;
use narvaro_lib::commands::import::ImportPreviewed;
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
    Trouble::export_all(&cfg).expect("Trouble");
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
    ErasureReport::export_all(&cfg).expect("ErasureReport");
    IdeaChoice::export_all(&cfg).expect("IdeaChoice");
    ExportedFiles::export_all(&cfg).expect("ExportedFiles");
    Insights::export_all(&cfg).expect("Insights");
    FollowUpDraft::export_all(&cfg).expect("FollowUpDraft");
    OwnPrompt::export_all(&cfg).expect("OwnPrompt");
    AppInfo::export_all(&cfg).expect("AppInfo");
    StartSteps::export_all(&cfg).expect("StartSteps");
    Backups::export_all(&cfg).expect("Backups");
    WeekAgenda::export_all(&cfg).expect("WeekAgenda");
    Retention::export_all(&cfg).expect("Retention");
    Restored::export_all(&cfg).expect("Restored");
    CommandError::export_all(&cfg).expect("CommandError");
    ImportPreviewed::export_all(&cfg).expect("ImportPreviewed");
    ImportSummary::export_all(&cfg).expect("ImportSummary");
    NewPerson::export_all(&cfg).expect("NewPerson");
    Away::export_all(&cfg).expect("Away");
    AwayDraft::export_all(&cfg).expect("AwayDraft");
    CalendarSettings::export_all(&cfg).expect("CalendarSettings");
    CalendarSettingsDraft::export_all(&cfg).expect("CalendarSettingsDraft");
    narvaro_core::service::settings::ManagerSettings::export_all(&cfg).expect("ManagerSettings");
    narvaro_core::service::booking::BookingSuggestion::export_all(&cfg).expect("BookingSuggestion");
    narvaro_core::service::booking::BookingDraft::export_all(&cfg).expect("BookingDraft");
    narvaro_lib::commands::booking::BookedFile::export_all(&cfg).expect("BookedFile");
    narvaro_lib::commands::booking::Deliver::export_all(&cfg).expect("Deliver");
    fs::write(dir.join("limits.ts"), limits_ts()).expect("limits.ts");
    fs::write(dir.join("commands.ts"), commands_ts()).expect("commands.ts");
}

const HEADER: &str =
    "// This file was generated by src-tauri/tests/bindings.rs. Do not edit this file manually.\n";

/// The bounds core enforces, for the forms' `maxlength`, ranges and counters.
fn limits_ts() -> String {
    use narvaro_core::model::rhythm;
    use narvaro_core::model::{
        assignment, checkin, group, idea, insights, pairing, person, recurrence,
    };
    let limits: &[(&str, i64)] = &[
        ("personNameMax", len(person::NAME_MAX)),
        ("personRoleMax", len(person::ROLE_MAX)),
        ("personEmailMax", len(person::EMAIL_MAX)),
        ("cadenceDaysMin", *person::CADENCE_DAYS.start()),
        ("cadenceDaysMax", *person::CADENCE_DAYS.end()),
        ("checkinMinutesMin", *person::CHECKIN_MINUTES.start()),
        ("checkinMinutesMax", *person::CHECKIN_MINUTES.end()),
        ("groupNameMax", len(group::GROUP_NAME_MAX)),
        ("rhythmTitleMax", len(rhythm::TITLE_MAX)),
        ("skipReasonMax", len(rhythm::REASON_MAX)),
        ("durationMaxMinutes", rhythm::DURATION_MAX_MINUTES),
        ("leadMaxMinutes", rhythm::LEAD_MAX_MINUTES),
        ("leadsMax", len(rhythm::LEADS_MAX)),
        ("intervalMax", i64::from(recurrence::INTERVAL_MAX)),
        ("countMax", i64::from(recurrence::COUNT_MAX)),
        ("noteMax", len(checkin::NOTE_MAX)),
        ("followupMax", len(checkin::FOLLOWUP_MAX)),
        ("promptMax", len(checkin::PROMPT_MAX)),
        ("draftMaxBytes", len(checkin::DRAFT_MAX_BYTES)),
        ("ideaTitleMax", len(idea::TITLE_MAX)),
        ("ideaDescriptionMax", len(idea::DESCRIPTION_MAX)),
        ("ideaResponseMax", len(idea::RESPONSE_MAX)),
        ("reportBackDaysMin", *idea::REPORT_BACK_DAYS.start()),
        ("reportBackDaysMax", *idea::REPORT_BACK_DAYS.end()),
        ("assignmentTitleMax", len(assignment::TITLE_MAX)),
        ("assignmentDescriptionMax", len(assignment::DESCRIPTION_MAX)),
        ("assignmentOwnersMax", len(assignment::OWNERS_MAX)),
        ("staleDaysMin", *assignment::STALE_DAYS.start()),
        ("staleDaysMax", *assignment::STALE_DAYS.end()),
        ("historyRoundsMin", *pairing::HISTORY_ROUNDS.start()),
        ("historyRoundsMax", *pairing::HISTORY_ROUNDS.end()),
        ("insightsDaysMax", i64::from(insights::PERIOD_MAX_DAYS)),
        (
            "maxPerDayMin",
            *narvaro_core::schedule::spread::MAX_PER_DAY.start(),
        ),
        (
            "maxPerDayMax",
            *narvaro_core::schedule::spread::MAX_PER_DAY.end(),
        ),
        (
            "daysOffMax",
            len(narvaro_core::service::settings::DAYS_OFF_MAX),
        ),
    ];
    let mut out = String::from(HEADER);
    for ty in [
        "AssignmentStatus",
        "AwayReason",
        "Channel",
        "ErrorKind",
        "HolidayCalendar",
        "IdeaStatus",
        "RhythmKind",
        "Weekday",
    ] {
        out.push_str(&format!("import type {{ {ty} }} from './{ty}';\n"));
    }
    out.push_str("\n/** Lengths in characters (bytes where named), numbers as ranges. */\n");
    out.push_str("export const LIMITS = {\n");
    for (name, value) in limits {
        out.push_str(&format!("  {name}: {value},\n"));
    }
    out.push_str("} as const;\n");
    let enumerations = [
        (
            "ASSIGNMENT_STATUSES",
            "AssignmentStatus",
            names(&assignment::AssignmentStatus::ALL),
        ),
        (
            "AWAY_REASONS",
            "AwayReason",
            names(&narvaro_core::model::AwayReason::ALL),
        ),
        ("CHANNELS", "Channel", names(&checkin::Channel::ALL)),
        (
            "ERROR_KINDS",
            "ErrorKind",
            names(&narvaro_lib::error::ErrorKind::ALL),
        ),
        (
            "HOLIDAY_CALENDARS",
            "HolidayCalendar",
            names(&narvaro_core::schedule::holidays::HolidayCalendar::ALL),
        ),
        ("IDEA_STATUSES", "IdeaStatus", names(&idea::IdeaStatus::ALL)),
        (
            "RHYTHM_KINDS",
            "RhythmKind",
            names(&rhythm::RhythmKind::ALL),
        ),
        (
            "WEEKDAYS",
            "Weekday",
            names(&narvaro_core::model::recurrence::Weekday::ALL),
        ),
    ];
    for (name, ty, values) in enumerations {
        out.push_str(&format!(
            "\n/** Every {ty}, in the order the UI offers them. */\nexport const {name}: readonly {ty}[] = [{}];\n",
            values.join(", ")
        ));
    }
    out
}

fn len(n: usize) -> i64 {
    i64::try_from(n).expect("a small limit")
}

/// Each value as the JSON string serde makes of it: what the UI sends and receives.
fn names<T: serde::Serialize>(values: &[T]) -> Vec<String> {
    values
        .iter()
        .map(|v| serde_json::to_string(v).expect("an enumeration serialises"))
        .collect()
}

/// The command names of build.rs, for `invoke`'s argument type.
fn commands_ts() -> String {
    let quoted: Vec<String> = narvaro_lib::COMMANDS
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect();
    format!(
        "{HEADER}\n/** Every IPC command the shell registers and the window may call. */\n\
         export const COMMANDS = [\n  {}\n] as const;\n\n\
         export type Command = (typeof COMMANDS)[number];\n",
        quoted.join(",\n  ")
    )
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
