//! The shell through the real IPC layer on Tauri's mock runtime: the ACL from
//! capabilities/main.json, argument parsing, validation and translated errors.

use narvaro_core::Lang;
use narvaro_lib::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    other: WebviewWindow<MockRuntime>,
}

fn start(state: AppState) -> Harness {
    let app = narvaro_lib::build(mock_builder(), state)
        .build(narvaro_lib::context())
        .expect("the app builds on the mock runtime");
    let window = WebviewWindowBuilder::new(&app, narvaro_lib::MAIN_WINDOW, Default::default())
        .build()
        .expect("main window");
    let other = WebviewWindowBuilder::new(&app, "other", Default::default())
        .build()
        .expect("second window");
    Harness {
        _app: app,
        window,
        other,
    }
}

fn harness(dir: &std::path::Path) -> Harness {
    start(AppState::open(dir, Lang::En))
}

fn invoke_in(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    tauri::test::get_ipc_response(window, request)
        .map(|body| body.deserialize::<Value>().expect("json response"))
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke_in(&self.window, cmd, args)
    }

    fn people(&self) -> Vec<Value> {
        let list = self.invoke("list_people", json!({})).expect("list_people");
        list.as_array().expect("an array").clone()
    }
}

#[test]
fn a_person_is_added_edited_archived_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    let anna = h
        .invoke(
            "add_person",
            json!({"draft": {"name": " Anna Lind ", "role": "Handläggare", "email": null}}),
        )
        .unwrap();
    assert_eq!(anna["name"], "Anna Lind");
    assert_eq!(anna["archivedAt"], Value::Null);
    let id = anna["id"].clone();
    let edited = h
        .invoke(
            "update_person",
            json!({"id": id, "draft": {"name": "Anna Lind", "role": null, "email": "anna@example.se"}}),
        )
        .unwrap();
    assert_eq!(edited["email"], "anna@example.se");
    let archived = h.invoke("archive_person", json!({"id": id})).unwrap();
    assert!(archived["archivedAt"].is_string());
    let restored = h.invoke("restore_person", json!({"id": id})).unwrap();
    assert_eq!(restored["archivedAt"], Value::Null);
    assert_eq!(h.people().len(), 1);
}

#[test]
fn an_invalid_person_is_refused_with_a_translated_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    let err = h
        .invoke(
            "add_person",
            json!({"draft": {"name": "   ", "role": null, "email": null}}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        json!({"kind": "invalid", "message": "Enter a name.", "field": "name"})
    );
    let err = h
        .invoke(
            "add_person",
            json!({"draft": {"name": "Bo", "role": null, "email": "bo@"}}),
        )
        .unwrap_err();
    assert_eq!(err["field"], "email");
    let err = h
        .invoke("add_person", json!({"draft": {"name": "x".repeat(101)}}))
        .unwrap_err();
    assert_eq!(err["message"], "The name can be at most 100 characters.");
    assert!(h.people().is_empty());
}

#[test]
fn malformed_arguments_and_unknown_ids_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    let err = h
        .invoke("add_person", json!({"draft": {"name": 42}}))
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(
        err["message"],
        "The request was malformed; nothing was changed."
    );
    let err = h
        .invoke("archive_person", json!({"id": "one"}))
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    let err = h.invoke("archive_person", json!({"id": 9999})).unwrap_err();
    assert_eq!(
        err,
        json!({"kind": "not_found", "message": "That person does not exist (any more).", "field": null})
    );
    let err = h.invoke("restore_person", json!({"id": -3})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(h.people().is_empty());
    // The UI's start-up figures are numbers; anything else is refused before it is logged.
    let err = h
        .invoke(
            "ui_ready",
            json!({"sinceLoadMs": 240.0, "steps": {"script": "soon", "info": 1, "shown": 2, "fetch": 3, "dom": 4, "frame": 5}}),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(
        err["message"],
        "The request was malformed; nothing was changed."
    );
}

#[test]
fn the_language_switch_persists_and_translates_errors() {
    let dir = tempfile::tempdir().unwrap();
    {
        let h = harness(dir.path());
        let info = h.invoke("set_language", json!({"code": "sv"})).unwrap();
        assert_eq!(info["language"], "sv");
        assert_eq!(info["languageChoice"], "sv");
        let err = h
            .invoke("add_person", json!({"draft": {"name": ""}}))
            .unwrap_err();
        assert_eq!(err["message"], "Skriv ett namn.");
        let err = h.invoke("set_language", json!({"code": "fr"})).unwrap_err();
        assert_eq!(err["message"], "Okänt språk: fr.");
    }
    let h = harness(dir.path());
    let info = h.invoke("app_info", json!({})).unwrap();
    assert_eq!(info["language"], "sv");
    assert_eq!(info["systemLanguage"], "en");
    assert_eq!(info["startupError"], Value::Null);
}

#[test]
fn only_the_main_window_may_call_commands() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    let denied = invoke_in(&h.other, "list_people", json!({})).unwrap_err();
    assert!(
        denied.as_str().is_some_and(|s| s.contains("not allowed")),
        "{denied}"
    );
    let denied = invoke_in(
        &h.other,
        "add_person",
        json!({"draft": {"name": "Mallory"}}),
    );
    assert!(denied.is_err());
    assert!(h.people().is_empty());
}

#[test]
fn every_listed_command_is_registered_and_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    for cmd in narvaro_lib_commands() {
        if cmd == "quit_app" || cmd == "close_window" {
            continue; // they would end the test process or its window
        }
        let response = h.invoke(&cmd, json!({}));
        if let Err(Value::String(text)) = &response {
            assert!(
                !text.contains("not found") && !text.contains("not allowed"),
                "{cmd}: {text}"
            );
        }
    }
}

#[test]
fn a_database_from_a_newer_version_is_explained_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = narvaro_core::Store::open_dir(dir.path()).unwrap();
        store
            .conn()
            .pragma_update(None, "user_version", 999)
            .unwrap();
        store
            .conn()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    let file = dir.path().join(narvaro_core::store::DB_FILE);
    let before = std::fs::read(&file).unwrap();
    let h = harness(dir.path());
    let info = h.invoke("app_info", json!({})).unwrap();
    assert!(info["startupError"]["message"]
        .as_str()
        .unwrap()
        .contains("newer version of Närvaro"));
    let err = h.invoke("list_people", json!({})).unwrap_err();
    assert_eq!(err["kind"], "internal");
    let err = h
        .invoke("add_person", json!({"draft": {"name": "Anna"}}))
        .unwrap_err();
    assert_eq!(err["kind"], "internal");
    drop(h);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

/// The command list of build.rs (the ACL), which the invoke handler, the capability file
/// and the UI's API module must match exactly.
fn narvaro_lib_commands() -> Vec<String> {
    narvaro_lib::COMMANDS
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The commands `generate_handler!` registers in src/lib.rs, by their function names.
fn handler_commands() -> Vec<String> {
    let lib = include_str!("../src/lib.rs");
    let start = lib
        .find("generate_handler![")
        .expect("the invoke handler in lib.rs");
    let end = start + lib[start..].find(']').expect("end of the handler");
    lib[start + "generate_handler![".len()..end]
        .split(',')
        .filter_map(|path| path.trim().rsplit("::").next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn capabilities_and_the_ui_api_name_exactly_the_commands() {
    let mut commands = narvaro_lib_commands();
    commands.sort();
    let mut handled = handler_commands();
    handled.sort();
    assert_eq!(handled, commands, "the invoke handler in src/lib.rs");
    let caps: Value =
        serde_json::from_str(include_str!("../capabilities/main.json")).expect("json");
    let mut allowed: Vec<String> = caps["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    allowed.sort();
    assert_eq!(allowed, commands, "capabilities/main.json");
    let api = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../ui/src/api/index.ts"
    ))
    .expect("ui/src/api/index.ts");
    // Every command goes through `call('name', …)` in that module.
    let mut called: Vec<String> = api
        .split("call(")
        .skip(1)
        .filter_map(|rest| {
            let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
            let name = &rest[1..];
            Some(name[..name.find(quote)?].to_owned())
        })
        .collect();
    called.sort();
    called.dedup();
    assert_eq!(called, commands, "ui/src/api/index.ts");
}

fn sthlm_harness(dir: &std::path::Path) -> Harness {
    let tz: chrono_tz::Tz = "Europe/Stockholm".parse().expect("zone");
    start(AppState::open(dir, Lang::En).with_timezone(tz))
}

fn office_hours(weekdays: Value) -> Value {
    json!({"draft": {
        "kind": "office_hours", "title": "Öppen tid", "groupId": null, "personId": null,
        "startDate": "2026-01-07", "startTime": "00:00", "durationMinutes": 60,
        "timezone": null,
        "recurrence": {"repeat": {"freq": "weekly", "interval": 1, "weekdays": weekdays},
                       "end": {"kind": "never"}},
        "leadMinutes": null
    }})
}

#[test]
fn a_rhythm_is_created_shown_in_the_agenda_and_its_occurrence_marked() {
    let dir = tempfile::tempdir().unwrap();
    let h = sthlm_harness(dir.path());
    let all_days = json!(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
    let rhythm = h.invoke("create_rhythm", office_hours(all_days)).unwrap();
    assert_eq!(
        rhythm["timezone"], "Europe/Stockholm",
        "defaults to the manager's zone"
    );
    assert_eq!(rhythm["leadMinutes"], json!([10, 0]));
    let agenda = h.invoke("agenda", json!({"days": 8})).unwrap();
    let days = agenda["days"].as_array().unwrap();
    assert_eq!(days.len(), 8);
    let first = &days[0]["occurrences"][0];
    assert_eq!(first["title"], "Öppen tid");
    assert_eq!(first["status"], "planned");
    let id = first["id"].as_str().unwrap().to_owned();
    h.invoke("mark_occurrence_held", json!({"occurrence": id}))
        .unwrap();
    let second = days[1]["occurrences"][0]["id"].as_str().unwrap().to_owned();
    h.invoke(
        "skip_occurrence",
        json!({"occurrence": second, "reason": "Sjuk"}),
    )
    .unwrap();
    let agenda = h.invoke("agenda", json!({"days": 8})).unwrap();
    assert_eq!(agenda["days"][0]["occurrences"][0]["status"], "held");
    assert_eq!(agenda["days"][1]["occurrences"][0]["status"], "skipped");
    assert_eq!(agenda["days"][1]["occurrences"][0]["reason"], "Sjuk");
    assert_eq!(agenda["days"][2]["occurrences"][0]["status"], "planned");
}

#[test]
fn a_bad_rule_or_occurrence_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let h = sthlm_harness(dir.path());
    let err = h
        .invoke("create_rhythm", office_hours(json!([])))
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(err["field"], "weekdays");
    let mut bad_zone = office_hours(json!(["wed"]));
    bad_zone["draft"]["timezone"] = json!("Mars/Olympus_Mons");
    let err = h.invoke("create_rhythm", bad_zone).unwrap_err();
    assert_eq!(err["field"], "timezone");
    let mut bad_kind = office_hours(json!(["wed"]));
    bad_kind["draft"]["kind"] = json!("party");
    let err = h.invoke("create_rhythm", bad_kind).unwrap_err();
    assert_eq!(
        err["message"],
        "The request was malformed; nothing was changed."
    );
    assert_eq!(h.invoke("list_rhythms", json!({})).unwrap(), json!([]));
    let err = h
        .invoke(
            "skip_occurrence",
            json!({"occurrence": "1@yesterday", "reason": null}),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    let err = h
        .invoke(
            "mark_occurrence_held",
            json!({"occurrence": "7@2026-01-07T13:00"}),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "not_found");
    let err = h.invoke("agenda", json!({"days": -3})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
}

#[test]
fn the_sample_team_fills_the_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let h = sthlm_harness(dir.path());
    let summary = h.invoke("load_sample_team", json!({})).unwrap();
    assert_eq!(summary, json!({"people": 10, "groups": 2, "rhythms": 5}));
    assert_eq!(h.people().len(), 10);
    let agenda = h.invoke("agenda", json!({"days": 8})).unwrap();
    assert!(!agenda["overdue"].as_array().unwrap().is_empty());
    let groups = h.invoke("list_groups", json!({})).unwrap();
    assert_eq!(groups.as_array().unwrap().len(), 2);
}

#[test]
fn reminder_settings_pause_and_bad_keys_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let h = sthlm_harness(dir.path());
    let prefs = h.invoke("reminder_preferences", json!({})).unwrap();
    assert_eq!(prefs["settings"]["planningTime"], "09:00:00");
    assert_eq!(
        prefs["autostart"],
        Value::Null,
        "no autostart plugin on the mock runtime"
    );
    let err = h
        .invoke(
            "set_reminder_settings",
            json!({"draft": {"planningTime": "09:00", "workDays": ["mon"], "workStart": "17:00",
                             "workEnd": "08:00", "hideNames": true}}),
        )
        .unwrap_err();
    assert_eq!(err["field"], "workEnd");
    let saved = h
        .invoke(
            "set_reminder_settings",
            json!({"draft": {"planningTime": "08:30", "workDays": ["mon", "tue"], "workStart": "08:00",
                             "workEnd": "16:00", "hideNames": true}}),
        )
        .unwrap();
    assert_eq!(saved["hideNames"], true);
    let err = h
        .invoke("pause_reminders", json!({"length": "forever"}))
        .unwrap_err();
    assert_eq!(err["field"], "length");
    let paused = h
        .invoke("pause_reminders", json!({"length": "hour"}))
        .unwrap();
    assert!(paused["pausedUntil"].is_string());
    let resumed = h.invoke("resume_reminders", json!({})).unwrap();
    assert_eq!(resumed["pausedUntil"], Value::Null);
    for bad in ["", "DROP TABLE x", "occ:nonsense"] {
        let err = h.invoke("reminder_done", json!({"key": bad})).unwrap_err();
        assert_eq!(err["kind"], "invalid", "{bad}");
    }
    assert_eq!(h.invoke("missed_reminders", json!({})).unwrap(), json!([]));
    assert_eq!(
        h.invoke("dismiss_missed_reminders", json!({})).unwrap(),
        json!(null)
    );
    assert_eq!(h.invoke("missed_reminders", json!({})).unwrap(), json!([]));
}

#[test]
fn team_work_through_ipc_flags_pairs_and_collects_ideas() {
    let dir = tempfile::tempdir().unwrap();
    let h = sthlm_harness(dir.path());
    let ids: Vec<i64> = ["Anna", "Bo", "Cecilia", "David", "Eva", "Filip", "Greta"]
        .iter()
        .map(|n| {
            h.invoke("add_person", json!({"draft": {"name": n}}))
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    let alone = h
        .invoke(
            "create_assignment",
            json!({"draft": {"title": "Budget 2027", "ownerIds": [ids[0]]}}),
        )
        .unwrap();
    assert_eq!(alone["alone"], true);
    let suggestions = h
        .invoke("suggest_sounding_board", json!({"id": alone["id"]}))
        .unwrap();
    let first = suggestions[0]["personId"].clone();
    assert_ne!(first, json!(ids[0]), "never the owner");
    let accepted = h
        .invoke(
            "accept_suggestion",
            json!({"id": alone["id"], "personId": first}),
        )
        .unwrap();
    assert_eq!(accepted["alone"], false);
    let err = h
        .invoke(
            "create_assignment",
            json!({"draft": {"title": "", "ownerIds": [ids[1]]}}),
        )
        .unwrap_err();
    assert_eq!(err["field"], "title");

    let round = h
        .invoke("create_round", json!({"draft": {"groupId": null}}))
        .unwrap();
    let sizes: Vec<usize> = round["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["members"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes.iter().sum::<usize>(), 7, "{round}");
    assert_eq!(
        sizes.iter().filter(|&&n| n == 3).count(),
        1,
        "one trio for seven"
    );
    let confirmed = h
        .invoke("confirm_round", json!({"id": round["id"]}))
        .unwrap();
    assert_eq!(confirmed["status"], "confirmed");
    let text = h.invoke("round_text", json!({"id": round["id"]})).unwrap();
    assert!(text.as_str().unwrap().contains(" & "), "{text}");

    let idea = h
        .invoke(
            "add_idea",
            json!({"draft": {"title": "Walking meetings", "description": null, "suggestedBy": ids[2]}}),
        )
        .unwrap();
    let answered = h
        .invoke(
            "respond_to_idea",
            json!({"id": idea["id"], "response": "Let's try in spring."}),
        )
        .unwrap();
    assert!(answered["respondedOn"].is_string(), "{answered}");
    let tried = h
        .invoke(
            "set_idea_status",
            json!({"id": idea["id"], "status": "trying"}),
        )
        .unwrap();
    assert_eq!(tried["status"], "trying");
    let err = h
        .invoke(
            "set_teamwork_settings",
            json!({"staleDays": 30, "historyRounds": 0, "reportBackDays": 14}),
        )
        .unwrap_err();
    assert_eq!(err["field"], "historyRounds");
}

#[test]
fn a_check_in_conversation_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let h = sthlm_harness(dir.path());
    let anna = h
        .invoke("add_person", json!({"draft": {"name": "Anna"}}))
        .unwrap()["id"]
        .clone();
    let ctx = h
        .invoke("checkin_context", json!({"personId": anna}))
        .unwrap();
    assert_eq!(ctx["prompts"].as_array().unwrap().len(), 3);
    h.invoke(
        "save_checkin_draft",
        json!({"personId": anna, "draft": {"note": "halfway"}}),
    )
    .unwrap();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .format("%Y-%m-%d")
        .to_string();
    let finish = |mood: i64| {
        json!({"draft": {
            "personId": anna, "heldOn": today, "minutes": null, "channel": "video",
            "note": "Fine", "pulse": {"mood": mood, "workload": 3, "balance": null, "moves": true},
            "prompts": ["builtin:how_are_you"], "doneFollowups": [],
            "newFollowups": [{"text": "Book a workshop", "owner": "person", "dueOn": null}]
        }})
    };
    let err = h.invoke("finish_checkin", finish(9)).unwrap_err();
    assert_eq!(err["field"], "mood");
    assert_eq!(
        h.invoke("checkin_context", json!({"personId": anna}))
            .unwrap()["draft"],
        json!({"note": "halfway"}),
        "nothing written, the draft kept"
    );
    let held = h.invoke("finish_checkin", finish(4)).unwrap();
    assert_eq!(held["pulse"]["mood"], 4);
    let timeline = h
        .invoke("person_timeline", json!({"personId": anna}))
        .unwrap();
    assert_eq!(timeline["checkins"].as_array().unwrap().len(), 1);
    assert_eq!(timeline["pulses"][0]["pulse"]["mood"], 4);
    assert_eq!(timeline["followups"][0]["text"], "Book a workshop");
    let ctx = h
        .invoke("checkin_context", json!({"personId": anna}))
        .unwrap();
    assert_eq!(ctx["draft"], Value::Null);
    assert_eq!(ctx["openFollowups"].as_array().unwrap().len(), 1);
}

#[test]
fn a_full_disk_is_named_in_today_and_the_tray_until_reminders_save_again() {
    use narvaro_core::service::{people, reminders};
    use narvaro_lib::notifier::{Notifier, RecordingNotifier};

    let dir = tempfile::tempdir().unwrap();
    let tz: chrono_tz::Tz = "Europe/Stockholm".parse().expect("zone");
    let state = AppState::open(dir.path(), Lang::En).with_timezone(tz);
    let monday = chrono::TimeZone::with_ymd_and_hms(&tz, 2026, 11, 30, 10, 0, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // Enough people due at once that recording their reminders needs new pages.
    runtime
        .block_on(state.run(move |store| {
            for n in 0..1200 {
                let draft = narvaro_core::model::PersonDraft {
                    name: format!("Person {n}"),
                    ..Default::default()
                };
                people::add(store, &draft, monday - chrono::Duration::days(60))?;
            }
            Ok(())
        }))
        .unwrap();
    let h = start(state.clone());
    assert_eq!(
        h.invoke("reminder_trouble", json!({})).unwrap(),
        json!(null)
    );

    // The disk fills up: the tick records nothing, shows nothing, and says why.
    runtime
        .block_on(state.run(|store| {
            let pages: i64 = store
                .conn()
                .query_row("PRAGMA page_count", [], |r| r.get(0))?;
            store.conn().pragma_update(None, "max_page_count", pages)?;
            Ok(())
        }))
        .unwrap();
    let recording = RecordingNotifier::default();
    let notifier: std::sync::Arc<dyn Notifier> = std::sync::Arc::new(recording.clone());
    narvaro_lib::scheduler::step(&state, &notifier, monday);
    assert!(recording.shown.lock().unwrap().is_empty());
    let trouble = h.invoke("reminder_trouble", json!({})).unwrap();
    assert_eq!(
        trouble["title"],
        "Reminders are not being saved: the disk is full"
    );
    assert!(trouble["detail"]
        .as_str()
        .unwrap()
        .starts_with("The disk is full, so Närvaro cannot save."));
    let failing = state.failing();
    let tray = runtime
        .block_on(
            state.run(move |store| reminders::tray_state(store, monday, tz, Lang::Sv, failing)),
        )
        .unwrap();
    assert_eq!(
        tray.trouble.as_deref(),
        Some("Påminnelser sparas inte: disken är full")
    );
    // Room again: the next tick shows what was held, once, and the trouble is gone.
    runtime
        .block_on(state.run(|store| {
            store
                .conn()
                .pragma_update(None, "max_page_count", 1_073_741_823)?;
            Ok(())
        }))
        .unwrap();
    let later = monday + chrono::Duration::minutes(1);
    narvaro_lib::scheduler::step(&state, &notifier, later);
    let shown = recording.shown.lock().unwrap().clone();
    assert_eq!(shown.len(), 1, "one summary");
    assert_eq!(shown[0].keys.len(), 1200);
    assert_eq!(
        h.invoke("reminder_trouble", json!({})).unwrap(),
        json!(null)
    );
}

#[test]
fn insights_through_ipc_and_a_bad_period_is_refused_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let h = sthlm_harness(dir.path());
    h.invoke("load_sample_team", json!({})).unwrap();
    let people_before = h.people();
    let figures = h.invoke("insights", json!({"days": 90})).unwrap();
    assert_eq!(figures["days"], 90);
    assert_eq!(figures["teamSize"], 10);
    assert_eq!(figures["attention"][0]["name"], "Mohammed Ali");
    assert_eq!(figures["rhythm"]["kinds"].as_array().unwrap().len(), 3);
    for bad in [
        json!(0),
        json!(3651),
        json!(-30),
        json!("ninety"),
        json!(null),
        json!(1.5),
    ] {
        let err = h.invoke("insights", json!({"days": bad})).unwrap_err();
        assert_eq!(err["kind"], "invalid", "{bad}");
        assert_eq!(err["field"], "days", "{bad}");
    }
    let err = h.invoke("insights", json!({"days": 0})).unwrap_err();
    assert_eq!(
        err["message"],
        "The period must be a whole number of days from 1 to 3650."
    );
    h.invoke("set_language", json!({"code": "sv"})).unwrap();
    let err = h
        .invoke("export_insights_csv", json!({"days": 4000}))
        .unwrap_err();
    assert_eq!(
        err["message"],
        "Perioden ska vara ett helt antal dagar, från 1 till 3650."
    );
    assert_eq!(h.people(), people_before, "nothing changed");
}

#[test]
fn back_up_now_lists_the_copy_and_restoring_it_brings_the_data_back() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    h.invoke("add_person", json!({"draft": {"name": "Anna"}}))
        .unwrap();
    let backups = h.invoke("back_up_now", json!({})).unwrap();
    let files = backups["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), 1, "{backups}");
    assert_eq!(files[0]["kind"], "regular");
    let path = files[0]["path"].as_str().unwrap().to_owned();
    let name = std::path::Path::new(&path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    h.invoke("add_person", json!({"draft": {"name": "Bo"}}))
        .unwrap();

    // A name that is not in the list (or a path outside it) is refused; nothing changes.
    for bad in [
        json!("../narvaro.db"),
        json!("narvaro-2020-01-01-000000.db"),
        json!(42),
    ] {
        let err = h
            .invoke("restore_backup", json!({ "file": bad }))
            .unwrap_err();
        assert_eq!(err["kind"], "invalid", "{err}");
        assert_eq!(h.people().len(), 2);
    }
    let err = h
        .invoke("restore_backup", json!({"file": "nope.db"}))
        .unwrap_err();
    assert_eq!(
        err["message"],
        "That backup is no longer in the backups folder."
    );

    let restored = h.invoke("restore_backup", json!({ "file": name })).unwrap();
    assert_eq!(restored["previous"]["kind"], "beforeRestore");
    let names: Vec<_> = h.people().iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names, [json!("Anna")]);
    let listed = h.invoke("list_backups", json!({})).unwrap();
    assert_eq!(listed["files"].as_array().unwrap().len(), 2);
}

#[test]
fn a_damaged_data_file_is_set_aside_and_the_offered_backup_opens_the_app() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = narvaro_core::Store::open_dir(dir.path()).unwrap();
        for i in 0..300 {
            let draft = narvaro_core::model::PersonDraft {
                name: format!("Person {i} {}", "x".repeat(80)),
                ..Default::default()
            };
            narvaro_core::service::people::add(&mut store, &draft, chrono::Utc::now()).unwrap();
        }
        narvaro_core::service::backup::back_up(&store, dir.path(), chrono::Utc::now()).unwrap();
        store.checkpoint().unwrap();
    }
    let db = dir.path().join("narvaro.db");
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[4096 * 2..4096 * 3] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();

    let h = harness(dir.path());
    let info = h.invoke("app_info", json!({})).unwrap();
    let offer = &info["recovery"];
    assert!(offer["backup"]["takenAt"].is_string(), "{info}");
    let aside = std::path::PathBuf::from(offer["setAside"].as_str().unwrap());
    assert_eq!(std::fs::read(aside.join("narvaro.db")).unwrap(), bytes);
    assert!(!db.exists());
    let err = h.invoke("list_people", json!({})).unwrap_err();
    assert!(
        err["message"].as_str().unwrap().contains("damaged"),
        "{err}"
    );

    let opened = h.invoke("recover", json!({"restore": true})).unwrap();
    assert_eq!(opened["startupError"], Value::Null);
    assert_eq!(opened["recovery"], Value::Null);
    assert_eq!(h.people().len(), 300);
    let again = h.invoke("recover", json!({"restore": true})).unwrap_err();
    assert_eq!(again["kind"], "conflict");
}

#[test]
fn without_a_backup_a_damaged_file_can_be_replaced_by_empty_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("narvaro.db"), b"").unwrap();
    {
        let store = narvaro_core::Store::open_dir(dir.path()).unwrap();
        store.conn().execute_batch("CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO filler SELECT printf('%.200c', 'x') FROM n;").unwrap();
        store.checkpoint().unwrap();
    }
    let db = dir.path().join("narvaro.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len - 4096 * 3..len - 4096 * 2] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();

    let h = harness(dir.path());
    let info = h.invoke("app_info", json!({})).unwrap();
    assert_eq!(info["recovery"]["backup"], Value::Null, "{info}");
    let err = h.invoke("recover", json!({"restore": true})).unwrap_err();
    assert_eq!(err["kind"], "conflict");
    let opened = h.invoke("recover", json!({"restore": false})).unwrap();
    assert_eq!(opened["startupError"], Value::Null);
    assert_eq!(h.people(), Vec::<Value>::new());
}

#[test]
fn erasing_a_person_needs_their_name_typed_and_says_what_went() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    let anna = h
        .invoke("add_person", json!({"draft": {"name": "Anna Lind"}}))
        .unwrap();
    let bo = h
        .invoke("add_person", json!({"draft": {"name": "Bo Berg"}}))
        .unwrap();
    let idea = json!({"draft": {"title": "Walking meetings", "suggestedBy": anna["id"]}});
    h.invoke("add_idea", idea).unwrap();

    // A wrong name, a bad choice, a malformed or unknown id: a clear error, nothing erased.
    let err = h
        .invoke(
            "erase_person",
            json!({"id": anna["id"], "confirmName": "Anna", "ideas": "keep_anonymous"}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        json!({
            "kind": "invalid",
            "message": "Type the name exactly as it is written: Anna Lind",
            "field": "confirmName"
        })
    );
    let err = h
        .invoke(
            "erase_person",
            json!({"id": anna["id"], "confirmName": "Anna Lind", "ideas": "shred"}),
        )
        .unwrap_err();
    assert_eq!(
        (&err["kind"], &err["field"]),
        (&json!("invalid"), &json!("ideas"))
    );
    let err = h
        .invoke(
            "erase_person",
            json!({"id": "one", "confirmName": "Anna Lind", "ideas": "erase"}),
        )
        .unwrap_err();
    assert_eq!(
        (&err["kind"], &err["field"]),
        (&json!("invalid"), &json!("id"))
    );
    let err = h
        .invoke(
            "erase_person",
            json!({"id": 9999, "confirmName": "Anna Lind", "ideas": "erase"}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        json!({"kind": "not_found", "message": "That person does not exist (any more).", "field": null})
    );
    let err = h.invoke("export_person", json!({"id": 9999})).unwrap_err();
    assert_eq!(err["kind"], "not_found");
    let err = h.invoke("export_person", json!({"id": 0})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(h.people().len(), 2);

    let report = h
        .invoke(
            "erase_person",
            json!({"id": anna["id"], "confirmName": " Anna Lind ", "ideas": "keep_anonymous"}),
        )
        .unwrap();
    assert_eq!(report["ideasAnonymised"], 1);
    assert_eq!(report["logCleared"], true);
    let names: Vec<Value> = h.people().iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names, [bo["name"].clone()]);
    let ideas = h.invoke("list_ideas", json!({})).unwrap();
    assert_eq!(ideas[0]["suggestedBy"], Value::Null);
}

#[test]
fn retention_refuses_a_period_not_offered_and_applies_a_chosen_one_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    let err = h
        .invoke(
            "set_retention",
            json!({"chosen": {"notesMonths": 7, "archivedMonths": null}}),
        )
        .unwrap_err();
    assert_eq!(err["field"], "notesMonths");
    assert!(
        err["message"].as_str().unwrap().contains("7 months"),
        "{err}"
    );
    for bad in [json!({"notesMonths": "twelve"}), json!(null), json!([12])] {
        let err = h
            .invoke("set_retention", json!({ "chosen": bad }))
            .unwrap_err();
        assert_eq!(err["kind"], "invalid", "{err}");
    }
    let unchanged = h.invoke("retention", json!({})).unwrap();
    assert_eq!(unchanged["settings"]["notesMonths"], Value::Null);
    assert_eq!(unchanged["last"], Value::Null);

    let saved = h
        .invoke(
            "set_retention",
            json!({"chosen": {"notesMonths": 24, "archivedMonths": 6}}),
        )
        .unwrap();
    assert_eq!(saved["settings"]["notesMonths"], 24);
    assert_eq!(saved["settings"]["archivedMonths"], 6);
    assert!(saved["last"]["on"].is_string(), "applied at once: {saved}");
}

/// The folder that answers the debug build's file dialogs and records opened links, one for
/// the whole test process (the variable is process-wide); each test uses its own file names.
fn dialog_dir() -> std::path::PathBuf {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        // Only the import dialog, *Join* and booking read it, and no other test here uses those.
        std::env::set_var("NARVARO_TEST_DIALOG_DIR", dir.path());
        dir
    });
    dir.path().to_owned()
}

/// Import through IPC: the open dialog is answered by the debug build's test folder, the
/// preview comes with a token, and only that token imports exactly the previewed bytes.
#[test]
fn a_csv_import_is_previewed_then_confirmed_by_its_token_only() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = dialog_dir();
    let h = harness(&dir.path().join("data"));
    let csv = dialogs.join("import.csv");

    std::fs::write(&csv, "Namn;E-post\r\nAnna Lind;anna@\r\nBo Berg;\r\n").unwrap();
    let bad = h.invoke("preview_import", json!({})).unwrap();
    assert_eq!(bad["fileName"], "import.csv");
    assert_eq!(bad["preview"]["rows"][0]["line"], 2);
    assert_eq!(
        bad["preview"]["rows"][0]["errors"][0]["key"],
        "error.invalid.email_format"
    );
    let err = h
        .invoke("confirm_import", json!({"token": bad["token"]}))
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(
        err["message"],
        "1 row has a problem (line 2). Nothing was imported: fix the file and try again."
    );
    assert!(h.people().is_empty());

    std::fs::write(
        &csv,
        "\u{FEFF}Namn;E-post\r\nAnna Lind;anna@example.se\r\nBo Berg;\r\n",
    )
    .unwrap();
    let good = h.invoke("preview_import", json!({})).unwrap();
    let token = good["token"].as_u64().unwrap();
    // The file changes on disk after the preview: what was previewed is what is imported.
    std::fs::write(&csv, "Namn\r\nSomeone Else\r\n").unwrap();
    for (args, message) in [
        (json!({"token": "one"}), "error.invalid.payload"),
        (json!({"token": token + 7}), "error.import.expired"),
        (json!({"token": bad["token"]}), "error.import.expired"),
    ] {
        let err = h.invoke("confirm_import", args.clone()).unwrap_err();
        assert_eq!(err["kind"], "invalid", "{args}");
        assert!(
            !err["message"].as_str().unwrap().contains("error."),
            "{message}"
        );
    }
    assert!(h.people().is_empty());
    let summary = h.invoke("confirm_import", json!({"token": token})).unwrap();
    assert_eq!(summary["added"], 2);
    let names: Vec<Value> = h.people().iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names, [json!("Anna Lind"), json!("Bo Berg")]);
    let again = h
        .invoke("confirm_import", json!({"token": token}))
        .unwrap_err();
    assert_eq!(
        again["message"],
        "This preview is no longer current. Choose the file again."
    );
    assert_eq!(h.people().len(), 2);

    std::fs::write(&csv, b"Namn\r\nM\xE4rta\r\n").unwrap();
    let err = h.invoke("preview_import", json!({})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(err["message"].as_str().unwrap().contains("UTF-8"));
}

/// Meeting links through IPC: only https with a host is stored or opened; a refusal is
/// translated, names the field and changes nothing.
#[test]
fn meeting_links_are_https_only_at_the_door() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = dialog_dir();
    let h = harness(&dir.path().join("data"));
    let anna = h
        .invoke("add_person", json!({"draft": {"name": "Anna Lind"}}))
        .unwrap();
    let err = h
        .invoke(
            "set_person_link",
            json!({"id": anna["id"], "link": "http://zoom.us/j/1"}),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(err["field"], "meetingLink");
    assert_eq!(h.people()[0]["meetingLink"], Value::Null);
    let set = h
        .invoke(
            "set_person_link",
            json!({"id": anna["id"], "link": "https://meet.jit.si/anna"}),
        )
        .unwrap();
    assert_eq!(set["meetingLink"], "https://meet.jit.si/anna");
    for bad in ["file:///etc/passwd", "javascript:alert(1)", "https://"] {
        let err = h.invoke("open_link", json!({"link": bad})).unwrap_err();
        assert_eq!(err["kind"], "invalid", "{bad}");
    }
    h.invoke("open_link", json!({"link": "https://meet.jit.si/anna"}))
        .unwrap();
    let opened = std::fs::read_to_string(dialogs.join("opened-links.txt")).unwrap();
    assert_eq!(opened, "https://meet.jit.si/anna\n");
}

/// Away periods, the calendar and a new person's last talk through IPC: bad input gets a
/// translated error naming the field, and nothing changes.
#[test]
fn away_calendar_and_last_talk_refuse_bad_input_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness(dir.path());
    let anna = h
        .invoke(
            "add_person",
            json!({"draft": {"name": "Anna", "lastTalked": "2020-01-01"}}),
        )
        .expect("add with a last talk");
    assert_eq!(anna["lastTalkedOn"], "2020-01-01");
    let id = anna["id"].clone();
    let err = h
        .invoke(
            "add_person",
            json!({"draft": {"name": "Bo", "lastTalked": "2999-01-01"}}),
        )
        .unwrap_err();
    assert_eq!(
        err,
        json!({"kind": "invalid", "message": "The date cannot be in the future.", "field": "lastTalked"})
    );
    assert_eq!(h.people().len(), 1);

    let period = |from: &str, to: &str, reason: &str| json!({"draft": {"personId": id, "from": from, "to": to, "reason": reason}});
    let added = h
        .invoke(
            "add_away",
            period("2026-06-10", "2026-08-30", "parental_leave"),
        )
        .expect("add_away");
    for (args, kind, field) in [
        (
            period("2026-06-10", "2026-06-01", "vacation"),
            "invalid",
            json!("to"),
        ),
        (
            period("2026-09-01", "2026-09-02", "burnout"),
            "invalid",
            json!("reason"),
        ),
        (
            period("2026-07-01", "2026-07-02", "vacation"),
            "conflict",
            Value::Null,
        ),
        (
            json!({"draft": {"personId": 9999, "from": "2026-01-01", "to": "2026-01-02", "reason": "other"}}),
            "not_found",
            Value::Null,
        ),
        (json!({"draft": "junk"}), "invalid", json!("draft")),
    ] {
        let err = h.invoke("add_away", args.clone()).unwrap_err();
        assert_eq!(
            (&err["kind"], &err["field"]),
            (&json!(kind), &field),
            "{args}"
        );
        assert!(!err["message"].as_str().unwrap_or_default().is_empty());
    }
    let list = h
        .invoke("list_away", json!({"personId": id}))
        .expect("list_away");
    assert_eq!(list, json!([added]));
    let err = h.invoke("remove_away", json!({"id": 9999})).unwrap_err();
    assert_eq!(
        err["message"],
        "That away period does not exist (any more)."
    );
    h.invoke("remove_away", json!({"id": added["id"]}))
        .expect("remove_away");
    assert_eq!(
        h.invoke("list_away", json!({"personId": id})).unwrap(),
        json!([])
    );

    let before = h
        .invoke("calendar_settings", json!({}))
        .expect("calendar_settings");
    assert_eq!(before["holidays"], "sweden");
    for (draft, field) in [
        (
            json!({"holidays": "mars", "daysOff": [], "maxPerDay": 3}),
            "holidays",
        ),
        (
            json!({"holidays": "none", "daysOff": ["tomorrow"], "maxPerDay": 3}),
            "daysOff",
        ),
        (
            json!({"holidays": "none", "daysOff": [], "maxPerDay": 0}),
            "maxPerDay",
        ),
        (json!({"holidays": "none"}), "draft"),
    ] {
        let err = h
            .invoke("set_calendar_settings", json!({"draft": draft}))
            .unwrap_err();
        assert_eq!(
            (&err["kind"], &err["field"]),
            (&json!("invalid"), &json!(field))
        );
    }
    assert_eq!(h.invoke("calendar_settings", json!({})).unwrap(), before);
    let saved = h
        .invoke(
            "set_calendar_settings",
            json!({"draft": {"holidays": "none", "daysOff": ["2026-12-28"], "maxPerDay": 2}}),
        )
        .expect("saved");
    assert_eq!(saved["daysOff"], json!(["2026-12-28"]));
}

/// Booking a check-in through IPC: the suggested time, refusals that change nothing (no
/// e-mail of the manager or of the person, an unknown or malformed id, a bad way to
/// deliver), then an invitation opened from the data folder (recorded by the debug build's
/// test folder) and one saved where the dialog says, with the same UID and the next
/// SEQUENCE; the agenda shows it booked until it is cancelled.
#[test]
fn a_check_in_is_booked_as_an_invitation_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = dialog_dir();
    let data = dir.path().join("data");
    let h = sthlm_harness(&data);
    let anna = h
        .invoke(
            "add_person",
            json!({"draft": {"name": "Anna Lind", "email": "anna@example.se"}}),
        )
        .unwrap()["id"]
        .clone();
    let bo = h
        .invoke("add_person", json!({"draft": {"name": "Bo Berg"}}))
        .unwrap()["id"]
        .clone();
    let suggestion = h
        .invoke("suggest_booking", json!({"personId": anna}))
        .unwrap();
    assert_eq!(suggestion["name"], "Anna Lind");
    assert_eq!(suggestion["minutes"], 20);
    assert_eq!(suggestion["current"], Value::Null);
    let at = json!({"date": suggestion["date"], "time": suggestion["time"]});
    let booked = |h: &Harness| {
        h.invoke("suggest_booking", json!({"personId": anna}))
            .unwrap()["current"]
            .clone()
    };

    let err = h
        .invoke(
            "book_checkin",
            json!({"personId": anna, "draft": at, "deliver": "open"}),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(err["field"], "managerEmail");
    assert!(
        err["message"].as_str().unwrap().contains("Settings"),
        "{err}"
    );
    let err = h
        .invoke(
            "set_manager_settings",
            json!({"draft": {"name": "Maria", "email": "maria@"}}),
        )
        .unwrap_err();
    assert_eq!(err["field"], "managerEmail");
    assert_eq!(
        h.invoke("manager_settings", json!({})).unwrap(),
        json!({"name": null, "email": null})
    );
    h.invoke(
        "set_manager_settings",
        json!({"draft": {"name": "Maria Chef", "email": "maria@example.se"}}),
    )
    .unwrap();
    let err = h
        .invoke(
            "book_checkin",
            json!({"personId": bo, "draft": at, "deliver": "open"}),
        )
        .unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(
        err["message"].as_str().unwrap().contains("Bo Berg"),
        "{err}"
    );
    for (args, kind) in [
        (
            json!({"personId": 9999, "draft": at, "deliver": "open"}),
            "not_found",
        ),
        (
            json!({"personId": "x", "draft": at, "deliver": "open"}),
            "invalid",
        ),
        (
            json!({"personId": anna, "draft": at, "deliver": "email"}),
            "invalid",
        ),
        (
            json!({"personId": anna, "draft": {"date": "2026-02-30", "time": "10:00"}, "deliver": "open"}),
            "invalid",
        ),
    ] {
        let err = h.invoke("book_checkin", args.clone()).unwrap_err();
        assert_eq!(err["kind"], kind, "{args}");
    }
    assert_eq!(booked(&h), Value::Null);
    assert!(!data.join("invitations").exists());

    let opened = h
        .invoke(
            "book_checkin",
            json!({"personId": anna, "draft": at, "deliver": "open"}),
        )
        .unwrap();
    let path = std::path::PathBuf::from(opened["path"].as_str().unwrap());
    assert!(path.starts_with(data.join("invitations")), "{path:?}");
    let ics = std::fs::read_to_string(&path).unwrap();
    assert!(ics.contains("METHOD:REQUEST\r\n"), "{ics}");
    assert!(ics.contains("mailto:anna@example.se"), "{ics}");
    assert!(ics.contains("SEQUENCE:0\r\n"), "{ics}");
    let log = std::fs::read_to_string(dialogs.join("opened-files.txt")).unwrap();
    assert!(
        log.lines().any(|l| l == path.display().to_string()),
        "{log}"
    );
    assert_eq!(booked(&h)["uid"], opened["booking"]["uid"]);

    let saved = h
        .invoke(
            "book_checkin",
            json!({"personId": anna, "draft": at, "deliver": "save"}),
        )
        .unwrap();
    let file = format!("narvaro-{}.ics", at["date"].as_str().unwrap());
    assert_eq!(saved["path"], dialogs.join(&file).display().to_string());
    let ics = std::fs::read_to_string(dialogs.join(&file)).unwrap();
    assert!(ics.contains("SEQUENCE:1\r\n"), "{ics}");
    assert_eq!(saved["booking"]["uid"], opened["booking"]["uid"]);

    let agenda = h.invoke("agenda", json!({"days": 30})).unwrap();
    let shown: Vec<&Value> = agenda["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["booked"].as_array().unwrap())
        .collect();
    assert_eq!(shown.len(), 1, "{agenda}");
    assert_eq!(shown[0]["personId"], anna);

    h.invoke("cancel_booking", json!({"personId": anna}))
        .unwrap();
    assert_eq!(booked(&h), Value::Null);
    let err = h
        .invoke("cancel_booking", json!({"personId": anna}))
        .unwrap_err();
    assert_eq!(err["kind"], "conflict");
}

/// A new user's Today needs no second round trip: the agenda says so itself.
#[test]
fn the_agenda_says_when_the_user_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let h = sthlm_harness(dir.path());
    let agenda = h.invoke("agenda", json!({"days": 8})).unwrap();
    assert_eq!(agenda["newUser"], true);
    h.invoke(
        "add_person",
        json!({"draft": {"name": "Anna Lind", "role": null, "email": null}}),
    )
    .unwrap();
    let agenda = h.invoke("agenda", json!({"days": 8})).unwrap();
    assert_eq!(agenda["newUser"], false);
}
