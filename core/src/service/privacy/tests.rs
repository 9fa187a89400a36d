use std::collections::HashSet;
use std::path::Path;

use chrono::Duration;
use serde_json::json;

use super::*;
use crate::error::ErrorKind;
use crate::model::recurrence::{End, Recurrence, Repeat, Weekday};
use crate::model::{
    AssignmentDraft, Channel, FinishCheckIn, FollowUpDraft, GroupDraft, IdeaDraft, PulseDraft,
    RhythmDraft, RhythmKind, RoundDraft,
};
use crate::schedule::reminders::ReminderKey;
use crate::service::checkins::CheckInEdit;
use crate::service::{assignments as work, checkins as talks, groups as teams, pairing, rhythms};
use crate::store::reminders::{self as reminder_table, Outcome};
use crate::testing::{date, now, person, sthlm, store, today};

/// Strings that appear nowhere but in what is written about the person to erase, so that
/// finding one in the file's bytes means a remnant.
const NAME: &str = "Qxname Anna";
const NOTE_OLD: &str = "Qxnoteold: first version of the note";
const NOTE: &str = "Qxnote: <b>tired</b> & \"stretched\"\nsecond line";
const FOLLOWUP: &str = "Qxfollow: book the ergonomics visit";
const DRAFT_OLD: &str = "Qxdraftold";
const DRAFT: &str = "Qxdraft";
const PULSE: &str = "Qxpulse";
const IDEA: &str = "Qxidea: walking meetings";
const ROLE: &str = "Qxrole";
const SERIES: &str = "Qxseries";

const SENTINELS: &[&str] = &[
    "Qxname",
    "Qxnoteold",
    "Qxnote",
    "Qxfollow",
    "Qxdraftold",
    "Qxdraft",
    "Qxpulse",
    "Qxidea",
    "Qxrole",
    "Qxseries",
    "Qxdiscarded",
];

/// The people of a seeded team: the one to erase and two colleagues.
struct Team {
    anna: PersonId,
    bo: PersonId,
    cecilia: PersonId,
    /// Anna's two check-ins.
    checkins: Vec<i64>,
    /// Rounds: the whole team's (a trio), and Norr's (Anna and Bo only).
    team_round: i64,
    pair_round: i64,
    anna_idea: i64,
    bo_idea: i64,
}

fn draft_body(text: &str) -> serde_json::Value {
    json!({"note": text, "pulse": {"mood": 2, "comment": PULSE}, "newFollowups": []})
}

fn seed(s: &mut Store) -> Team {
    let t0 = now() - Duration::days(60);
    let anna = crate::service::people::add(
        s,
        &crate::model::PersonDraft {
            name: NAME.into(),
            role: Some(ROLE.into()),
            email: Some("qxmail@example.se".into()),
            ..Default::default()
        },
        t0,
    )
    .unwrap()
    .id;
    let bo = person(s, "Bo Berg", t0);
    let cecilia = person(s, "Cecilia Ek", t0);

    let norr = teams::create(
        s,
        &GroupDraft {
            name: "Norr".into(),
        },
        t0,
    )
    .unwrap();
    teams::add_member(s, norr.id, anna).unwrap();
    teams::add_member(s, norr.id, bo).unwrap();

    let assignment = |title: &str, owners: Vec<i64>, board: Option<i64>| AssignmentDraft {
        title: title.into(),
        owner_ids: owners,
        sounding_board_id: board,
        ..AssignmentDraft::default()
    };
    work::create(
        s,
        &assignment("Budget", vec![anna, bo], Some(cecilia)),
        today(),
        t0,
    )
    .unwrap();
    work::create(
        s,
        &assignment("Intranät", vec![bo], Some(anna)),
        today(),
        t0,
    )
    .unwrap();
    work::create(s, &assignment("Solo", vec![anna], None), today(), t0).unwrap();

    // A fixed 1:1 series on Mondays, one occurrence held (a check-in), one skipped.
    let series = rhythms::create(
        s,
        &RhythmDraft {
            kind: RhythmKind::OneOnOne,
            title: format!("{SERIES} 1:1 med {NAME}"),
            group_id: None,
            person_id: Some(anna),
            start_date: "2026-11-02".into(),
            start_time: "09:00".into(),
            duration_minutes: 30,
            timezone: Some("Europe/Stockholm".into()),
            recurrence: Recurrence {
                repeat: Repeat::Weekly {
                    interval: 1,
                    weekdays: vec![Weekday::Mon],
                },
                end: End::Never,
            },
            lead_minutes: None,
        },
        sthlm(),
        t0,
    )
    .unwrap();
    rhythms::mark_held(s, &format!("{}@2026-11-23T09:00", series.id), now()).unwrap();
    rhythms::skip(
        s,
        &format!("{}@2026-11-16T09:00", series.id),
        Some("Qxseries sick"),
    )
    .unwrap();

    // The draft saved several times, then a check-in finished; its note edited after.
    for n in 0..5 {
        talks::save_draft(s, anna, &draft_body(&format!("{DRAFT_OLD} {n}")), now()).unwrap();
    }
    let finished = talks::finish(
        s,
        &FinishCheckIn {
            person_id: anna,
            held_on: "2026-11-20".into(),
            minutes: None,
            channel: Channel::Video,
            note: Some(NOTE_OLD.into()),
            pulse: PulseDraft {
                mood: Some(2),
                workload: Some(5),
                balance: Some(1),
                moves: Some(false),
            },
            prompts: vec!["builtin:how_are_you".into(), "builtin:moving".into()],
            done_followups: vec![],
            new_followups: vec![FollowUpDraft {
                text: FOLLOWUP.into(),
                owner: crate::model::FollowUpOwner::Manager,
                due_on: Some("2026-12-01".into()),
            }],
        },
        today(),
        now(),
    )
    .unwrap();
    talks::edit_checkin(
        s,
        finished.id,
        &CheckInEdit {
            held_on: "2026-11-20".into(),
            minutes: 25,
            channel: Channel::Video,
            note: Some(NOTE.into()),
            pulse: PulseDraft {
                mood: Some(2),
                workload: Some(5),
                balance: Some(1),
                moves: Some(false),
            },
        },
        today(),
    )
    .unwrap();
    talks::add_followup(
        s,
        anna,
        &FollowUpDraft {
            text: format!("{FOLLOWUP} (2)"),
            owner: crate::model::FollowUpOwner::Person,
            due_on: None,
        },
        now(),
    )
    .unwrap();
    for n in 0..5 {
        talks::save_draft(s, anna, &draft_body(&format!("{DRAFT} {n}")), now()).unwrap();
    }

    // Bo's own conversation, which must stay whole.
    talks::finish(
        s,
        &FinishCheckIn {
            person_id: bo,
            held_on: "2026-11-19".into(),
            minutes: None,
            channel: Channel::Phone,
            note: Some("Bo is fine".into()),
            pulse: PulseDraft::default(),
            prompts: vec!["builtin:worries".into()],
            done_followups: vec![],
            new_followups: vec![FollowUpDraft {
                text: "Bo sends the plan".into(),
                owner: crate::model::FollowUpOwner::Person,
                due_on: None,
            }],
        },
        today(),
        now(),
    )
    .unwrap();
    talks::save_draft(s, bo, &json!({"note": "Bo's draft"}), now()).unwrap();

    let idea = |title: &str, by: i64| IdeaDraft {
        title: title.into(),
        description: Some(format!("{title}, described")),
        suggested_by: Some(by),
        ..IdeaDraft::default()
    };
    let anna_idea = crate::service::ideas::add(s, &idea(IDEA, anna), today(), now())
        .unwrap()
        .id;
    crate::service::ideas::respond(s, anna_idea, "Qxidea answered: let us try", today()).unwrap();
    let bo_idea = crate::service::ideas::add(s, &idea("Bo's idea", bo), today(), now())
        .unwrap()
        .id;

    let team_round = pairing::create_round(s, &RoundDraft::default(), 7, now()).unwrap();
    pairing::confirm(s, team_round.id, today()).unwrap();
    let pair_round = pairing::create_round(
        s,
        &RoundDraft {
            group_id: Some(norr.id),
            skip_ids: vec![],
        },
        7,
        now(),
    )
    .unwrap();

    // Reminders: one keyed to Anna's check-ins (and snoozed), one of a group meeting whose
    // title names her.
    let key = ReminderKey::CheckIn {
        person_id: anna,
        due_on: date(2026, 11, 20),
    };
    let group_key: ReminderKey = "occ:999@2026-11-20T09:00:10".parse().unwrap();
    s.write(|tx| {
        reminder_table::log(
            tx,
            &key,
            Outcome::Missed,
            now(),
            &format!("Check-in with {NAME}"),
            now(),
        )?;
        reminder_table::log(
            tx,
            &group_key,
            Outcome::Fired,
            now(),
            &format!("Fika with {NAME} and Bo"),
            now(),
        )?;
        reminder_table::snooze(tx, &key, now() + Duration::minutes(10))
    })
    .unwrap();

    // A booked check-in with her (the invitation's UID and zone; nothing the manager typed).
    crate::service::settings::set_manager(
        s,
        &crate::service::settings::ManagerSettings {
            name: None,
            email: Some("chef@example.se".into()),
        },
    )
    .unwrap();
    crate::service::booking::book(
        s,
        anna,
        &crate::service::booking::BookingDraft {
            date: "2026-12-01".into(),
            time: "10:00".into(),
        },
        now(),
        sthlm(),
        Lang::En,
    )
    .unwrap();

    Team {
        anna,
        bo,
        cecilia,
        checkins: talks::for_person(s, anna)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect(),
        team_round: team_round.id,
        pair_round: pair_round.id,
        anna_idea,
        bo_idea,
    }
}

/// How many rows of each table point at `person` (or name them, for reminders).
fn references(s: &Store, person: PersonId) -> Vec<(&'static str, i64)> {
    let queries: &[(&str, &str)] = &[
        ("person", "SELECT count(*) FROM person WHERE id = ?1"),
        (
            "checkin",
            "SELECT count(*) FROM checkin WHERE person_id = ?1",
        ),
        (
            "followup",
            "SELECT count(*) FROM followup WHERE person_id = ?1",
        ),
        (
            "checkin_draft",
            "SELECT count(*) FROM checkin_draft WHERE person_id = ?1",
        ),
        ("rhythm", "SELECT count(*) FROM rhythm WHERE person_id = ?1"),
        (
            "assignment_owner",
            "SELECT count(*) FROM assignment_owner WHERE person_id = ?1",
        ),
        (
            "assignment",
            "SELECT count(*) FROM assignment WHERE sounding_board_id = ?1",
        ),
        (
            "pairing_member",
            "SELECT count(*) FROM pairing_member WHERE person_id = ?1",
        ),
        ("idea", "SELECT count(*) FROM idea WHERE suggested_by = ?1"),
        (
            "booking",
            "SELECT count(*) FROM booking WHERE person_id = ?1",
        ),
        (
            "group_member",
            "SELECT count(*) FROM group_member WHERE person_id = ?1",
        ),
        (
            "reminder_log",
            "SELECT count(*) FROM reminder_log WHERE key LIKE 'checkin:' || ?1 || ':%'",
        ),
        (
            "reminder_snooze",
            "SELECT count(*) FROM reminder_snooze WHERE key LIKE 'checkin:' || ?1 || ':%'",
        ),
    ];
    queries
        .iter()
        .map(|(table, sql)| {
            let n: i64 = s.conn().query_row(sql, [person], |r| r.get(0)).unwrap();
            (*table, n)
        })
        .collect()
}

fn orphans(s: &Store) -> i64 {
    s.conn()
        .query_row(
            "SELECT (SELECT count(*) FROM checkin_prompt WHERE checkin_id NOT IN (SELECT id FROM checkin))
                  + (SELECT count(*) FROM occurrence_mark WHERE rhythm_id NOT IN (SELECT id FROM rhythm))",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn erasing_removes_every_row_about_the_person_and_says_what_went() {
    let mut s = store();
    let team = seed(&mut s);
    let bo_before = export_person(&s, team.bo, Lang::En, now()).unwrap().json;

    let report = erase(&mut s, team.anna, IdeaChoice::KeepAnonymous).unwrap();

    assert!(
        references(&s, team.anna).iter().all(|(_, n)| *n == 0),
        "{:?}",
        references(&s, team.anna)
    );
    assert_eq!(orphans(&s), 0);
    assert_eq!(
        report,
        ErasureReport {
            checkins: 2,
            pulses: 1,
            prompts_asked: 2,
            followups: 2,
            drafts: 1,
            rhythms: 1,
            occurrence_marks: 2,
            assignments_owned: 2,
            sounding_boards: 1,
            fika_places: 2,
            fika_rounds_deleted: 1,
            ideas_anonymised: 1,
            ideas_erased: 0,
            group_memberships: 1,
            reminders: 2,
            reminder_titles: 1,
            backups_rewritten: 0,
            backups_deleted: 0,
            log_cleared: true,
        }
    );
    // Nothing of Bo's changed but the rounds and work he shared with her.
    let bo_after = export_person(&s, team.bo, Lang::En, now()).unwrap().json;
    for part in [
        "person",
        "checkIns",
        "followUps",
        "checkInDraft",
        "groups",
        "ideas",
    ] {
        assert_eq!(bo_before[part], bo_after[part], "{part}");
    }
    // Shared work stays with the others.
    let titles: Vec<(String, Vec<i64>, Option<i64>)> = crate::store::assignments::all(s.conn())
        .unwrap()
        .into_iter()
        .map(|a| (a.title, a.owner_ids, a.sounding_board_id))
        .collect();
    assert_eq!(
        titles,
        [
            ("Budget".to_owned(), vec![team.bo], Some(team.cecilia)),
            ("Intranät".to_owned(), vec![team.bo], None),
            ("Solo".to_owned(), vec![], None),
        ]
    );
    // Her idea stays, without a name; its response stays too.
    let kept = crate::service::ideas::get(&s, team.anna_idea).unwrap();
    assert_eq!((kept.suggested_by, kept.title.as_str()), (None, IDEA));
    // The other reminder keeps its key (it must not fire again) but loses the name.
    let title: String = s
        .conn()
        .query_row(
            "SELECT title FROM reminder_log WHERE key LIKE 'occ:999@%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(title, "Fika with — and Bo");
    assert!(crate::service::people::list(&s)
        .unwrap()
        .iter()
        .all(|p| p.id != team.anna));
}

#[test]
fn a_round_left_with_one_person_goes_and_a_trio_becomes_a_pair() {
    let mut s = store();
    let team = seed(&mut s);
    erase(&mut s, team.anna, IdeaChoice::KeepAnonymous).unwrap();
    assert_eq!(
        pairing::get_round(&s, team.pair_round).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let round = pairing::get_round(&s, team.team_round).unwrap();
    let members: Vec<Vec<i64>> = round
        .pairs
        .iter()
        .map(|p| p.members.iter().map(|m| m.person_id).collect())
        .collect();
    assert_eq!(members, [vec![team.bo, team.cecilia]]);
    assert_eq!(round.status, crate::model::RoundStatus::Confirmed);
}

#[test]
fn a_partner_left_alone_keeps_their_place_and_the_round_its_other_pairs() {
    let mut s = store();
    let t0 = now() - Duration::days(1);
    let people: Vec<i64> = ["Anna", "Bo", "Cecilia", "David"]
        .iter()
        .map(|n| person(&mut s, n, t0))
        .collect();
    let round = pairing::create_round(&mut s, &RoundDraft::default(), 3, now()).unwrap();
    let partner_of = |round: &crate::model::Round, id: i64| -> Vec<i64> {
        round
            .pairs
            .iter()
            .find(|p| p.members.iter().any(|m| m.person_id == id))
            .map(|p| {
                p.members
                    .iter()
                    .map(|m| m.person_id)
                    .filter(|m| *m != id)
                    .collect()
            })
            .unwrap_or_default()
    };
    let partner = partner_of(&round, people[0])[0];
    erase(&mut s, people[0], IdeaChoice::Erase).unwrap();
    let after = pairing::get_round(&s, round.id).unwrap();
    assert_eq!(after.pairs.len(), 2);
    let alone = after
        .pairs
        .iter()
        .find(|p| p.members.iter().any(|m| m.person_id == partner))
        .unwrap();
    assert_eq!((alone.members.len(), alone.repeated_pairs), (1, 0));
}

#[test]
fn ideas_can_go_with_the_person() {
    let mut s = store();
    let team = seed(&mut s);
    let report = erase(&mut s, team.anna, IdeaChoice::Erase).unwrap();
    assert_eq!((report.ideas_erased, report.ideas_anonymised), (1, 0));
    let ids: Vec<i64> = crate::service::ideas::list(&s)
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, [team.bo_idea]);
}

#[test]
fn the_typed_name_must_match_or_nothing_changes() {
    let mut s = store();
    let team = seed(&mut s);
    let before = references(&s, team.anna);
    for wrong in ["", "Anna", "qxname anna", "Qxname  Anna"] {
        let err = erase_confirmed(&mut s, team.anna, wrong, IdeaChoice::Erase).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{wrong:?}");
        assert_eq!(err.field(), Some("confirmName"));
        assert_eq!(
            err.message(Lang::Sv),
            format!("Skriv namnet precis som det står: {NAME}")
        );
        assert_eq!(
            err.message(Lang::En),
            format!("Type the name exactly as it is written: {NAME}")
        );
    }
    assert_eq!(references(&s, team.anna), before);
    // Spaces around the typed name are not part of it.
    erase_confirmed(&mut s, team.anna, &format!("  {NAME} "), IdeaChoice::Erase).unwrap();
    assert_eq!(references(&s, team.anna)[0], ("person", 0));
}

#[test]
fn unknown_and_malformed_ids_are_refused_and_nothing_changes() {
    let mut s = store();
    let team = seed(&mut s);
    let before = references(&s, team.anna);
    for id in [0, -3] {
        assert_eq!(
            erase(&mut s, id, IdeaChoice::Erase).unwrap_err().kind(),
            ErrorKind::Invalid
        );
        assert_eq!(
            export_person(&s, id, Lang::En, now()).unwrap_err().kind(),
            ErrorKind::Invalid
        );
    }
    let err = erase(&mut s, 4242, IdeaChoice::Erase).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.message(Lang::Sv), "Medarbetaren finns inte (längre).");
    assert_eq!(
        erase_confirmed(&mut s, 4242, NAME, IdeaChoice::Erase)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        export_person(&s, 4242, Lang::En, now()).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(references(&s, team.anna), before);
    // A backup made before someone was added simply has nobody to erase.
    assert_eq!(
        erase_if_present(&mut s, 4242, IdeaChoice::Erase).unwrap(),
        None
    );
    assert!(erase_if_present(&mut s, team.anna, IdeaChoice::Erase)
        .unwrap()
        .is_some());
}

fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// Which sentinels the files in `dir` still hold, as "file: sentinel".
fn remnants(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (name, bytes) in files_of(dir) {
        for sentinel in SENTINELS {
            let needle = sentinel.as_bytes();
            if bytes.windows(needle.len()).any(|w| w == needle) {
                found.push(format!("{name}: {sentinel}"));
            }
        }
    }
    found
}

/// Seeds, erases and scans the bytes. `checkpointed`: the log was copied into the file
/// before the erasure (as SQLite's automatic checkpoint does every 1000 pages), so earlier
/// versions of the draft and the note sit in the file's free space, not only in the log.
fn byte_scan(before_secure_delete: bool, checkpointed: bool) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_dir(dir.path()).unwrap();
    if before_secure_delete {
        // As a database from a version before `secure_delete`: edits and deletes leave old
        // bytes in free space.
        s.conn()
            .pragma_update(None, "secure_delete", false)
            .unwrap();
    }
    let team = seed(&mut s);
    if before_secure_delete {
        // A check-in given up before the update: its draft deleted, not zeroed.
        talks::save_draft(&mut s, team.anna, &json!({"note": "Qxdiscarded"}), now()).unwrap();
        talks::discard_draft(&mut s, team.anna).unwrap();
    }
    if checkpointed {
        s.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    if before_secure_delete {
        s.conn().pragma_update(None, "secure_delete", true).unwrap();
    }
    // What is about her is on disk, in the file or the log, before the erasure. Earlier
    // versions of the note and the draft are there only while in the log (a checkpoint
    // copies the newest page), and only the old version keeps the draft's pulse.
    let before = remnants(dir.path());
    let surely_written = [
        "Qxname", "Qxnote", "Qxfollow", "Qxidea", "Qxrole", "Qxseries",
    ];
    let also = if before_secure_delete {
        &["Qxdiscarded"][..]
    } else if checkpointed {
        &["Qxdraft", "Qxpulse"][..]
    } else {
        &["Qxnoteold", "Qxdraftold", "Qxdraft", "Qxpulse"][..]
    };
    for sentinel in surely_written.iter().chain(also) {
        assert!(
            before.iter().any(|r| r.ends_with(&format!(": {sentinel}"))),
            "{sentinel} was never written: {before:?}"
        );
    }
    let report = erase(&mut s, team.anna, IdeaChoice::Erase).unwrap();
    assert!(report.log_cleared);
    // While the store is still open, as in the running app.
    assert_eq!(remnants(dir.path()), Vec::<String>::new());
    let names: Vec<String> = files_of(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert!(names.contains(&"narvaro.db".to_owned()), "{names:?}");
    // The other people's data is still there and readable.
    assert_eq!(talks::for_person(&s, team.bo).unwrap().len(), 1);
    drop(s);
    assert_eq!(remnants(dir.path()), Vec::<String>::new());
    let s = Store::open_dir(dir.path()).unwrap();
    assert_eq!(crate::service::people::list(&s).unwrap().len(), 2);
}

#[test]
fn no_byte_of_an_erased_person_stays_in_the_file_or_its_log() {
    byte_scan(false, false);
    byte_scan(false, true);
}

#[test]
fn no_byte_stays_either_in_a_database_written_before_secure_delete() {
    byte_scan(true, false);
    byte_scan(true, true);
}

#[test]
fn the_export_holds_every_row_about_the_person_and_nothing_of_anyone_else() {
    let mut s = store();
    let team = seed(&mut s);
    let export = export_person(&s, team.anna, Lang::En, now()).unwrap();
    let j = &export.json;
    assert_eq!(j["person"]["name"], NAME);
    assert_eq!(j["person"]["role"], ROLE);

    let ids = |sql: &str| -> HashSet<i64> {
        let mut stmt = s.conn().prepare(sql).unwrap();
        stmt.query_map([team.anna], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let tagged = |table: &str, set: HashSet<i64>| -> HashSet<(String, i64)> {
        set.into_iter().map(|id| (table.to_owned(), id)).collect()
    };
    let mut expected = HashSet::new();
    expected.extend(tagged(
        "checkin",
        ids("SELECT id FROM checkin WHERE person_id = ?1"),
    ));
    expected.extend(tagged(
        "followup",
        ids("SELECT id FROM followup WHERE person_id = ?1"),
    ));
    expected.extend(tagged(
        "assignment",
        ids(
            "SELECT assignment_id FROM assignment_owner WHERE person_id = ?1
             UNION SELECT id FROM assignment WHERE sounding_board_id = ?1",
        ),
    ));
    expected.extend(tagged(
        "group",
        ids("SELECT group_id FROM group_member WHERE person_id = ?1"),
    ));
    expected.extend(tagged(
        "round",
        ids("SELECT round_id FROM pairing_member WHERE person_id = ?1"),
    ));
    expected.extend(tagged(
        "idea",
        ids("SELECT id FROM idea WHERE suggested_by = ?1"),
    ));
    expected.extend(tagged(
        "rhythm",
        ids("SELECT id FROM rhythm WHERE person_id = ?1"),
    ));
    assert_eq!(exported_ids(j), expected);
    assert_eq!(expected.len(), 2 + 2 + 3 + 1 + 2 + 1 + 1);
    let checkin_ids: HashSet<i64> = team.checkins.iter().copied().collect();
    assert_eq!(checkin_ids.len(), 2);

    // Rows without their own id, by content.
    let newest = j["checkIns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["note"] == NOTE)
        .unwrap();
    assert_eq!(
        newest["pulse"],
        json!({"mood": 2, "workload": 5, "balance": 1, "moves": false})
    );
    assert_eq!(
        newest["promptsAsked"],
        json!([
            {"id": "builtin:how_are_you", "text": "How are you?"},
            {"id": "builtin:moving", "text": "Do you get out and move?"}
        ])
    );
    assert_eq!(j["checkInDraft"]["body"], draft_body(&format!("{DRAFT} 4")));
    let marks = j["rhythms"][0]["occurrenceMarks"].as_array().unwrap();
    assert_eq!(marks.len(), 2);
    let reminder_keys: Vec<&str> = j["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(reminder_keys, [format!("checkin:{}:2026-11-20", team.anna)]);
    assert_eq!(j["snoozes"].as_array().unwrap().len(), 1);
    let bookings = j["bookings"].as_array().unwrap();
    assert_eq!(bookings.len(), 1);
    assert_eq!(bookings[0]["personId"], team.anna);
    assert_eq!(bookings[0]["timezone"], "Europe/Stockholm");
    assert_eq!(j["ideas"][0]["response"], "Qxidea answered: let us try");

    // Nothing of anyone else: not their names, notes, drafts, follow-ups or ideas.
    let text = serde_json::to_string(j).unwrap();
    for other in [
        "Bo",
        "Cecilia",
        "Bo is fine",
        "Bo's draft",
        "Bo sends",
        "Bo's idea",
        "Norr's",
    ] {
        assert!(!text.contains(other), "the JSON holds {other:?}");
        assert!(!export.html.contains(other), "the page holds {other:?}");
    }
}

#[test]
fn the_page_shows_the_note_verbatim_as_text_in_the_chosen_language() {
    let mut s = store();
    let team = seed(&mut s);
    crate::service::away::add(
        &mut s,
        &crate::model::AwayDraft {
            person_id: team.anna,
            from: "2026-12-01".into(),
            to: "2027-05-31".into(),
            reason: "parental_leave".into(),
        },
    )
    .unwrap();
    let en = export_person(&s, team.anna, Lang::En, now()).unwrap().html;
    assert!(en.starts_with("<!DOCTYPE html>"));
    assert!(en.contains("<html lang=\"en\">"));
    assert!(
        en.contains("Qxnote: &lt;b&gt;tired&lt;/b&gt; &amp; &quot;stretched&quot;\nsecond line")
    );
    assert!(!en.contains("<b>tired</b>"));
    assert!(en.contains("<h1>Everything Närvaro holds about Qxname Anna</h1>"));
    assert!(en.contains(FOLLOWUP));
    assert!(en.contains("How are you?"));
    assert!(en.contains("Budget – owner (Active)"));
    assert!(en.contains("<li>2026-12-01 – 2027-05-31: Parental leave</li>"));
    assert!(en.contains("Intranät – sounding board (Active)"));
    for remote in ["://", "src=", "href="] {
        assert!(!en.contains(remote), "the page loads nothing from anywhere");
    }

    let sv = export_person(&s, team.anna, Lang::Sv, now()).unwrap().html;
    assert!(sv.contains("<html lang=\"sv\">"));
    assert!(sv.contains("<h1>Allt Närvaro har om Qxname Anna</h1>"));
    assert!(sv.contains("<h2>Avstämningar</h2>"));
    assert!(sv.contains("Hur har du det?"));
    assert!(sv.contains("Budget – ansvarig (Pågår)"));
    // No catalogue key is left untranslated.
    for page in [&en, &sv] {
        assert!(
            !page.contains("privacy."),
            "a key is missing from the catalogue"
        );
    }
}

#[test]
fn an_export_is_written_as_a_page_and_json_side_by_side() {
    let mut s = store();
    let team = seed(&mut s);
    let export = export_person(&s, team.anna, Lang::Sv, now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = write_export(&export, &dir.path().join("anna.html")).unwrap();
    assert_eq!(
        files.html,
        dir.path().join("anna.html").display().to_string()
    );
    assert_eq!(
        files.json,
        dir.path().join("anna.json").display().to_string()
    );
    let names: Vec<String> = files_of(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["anna.html", "anna.json"],
        "no temporary file is left"
    );
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&files.json).unwrap()).unwrap();
    assert_eq!(json, export.json);
    assert_eq!(std::fs::read_to_string(&files.html).unwrap(), export.html);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files.json).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by the user only");
    }
    // Any extension chosen: the stem is what counts. Writing again replaces the files.
    let again = write_export(&export, &dir.path().join("anna.json")).unwrap();
    assert_eq!(again, files);
    // A folder that does not exist is a clear error and leaves nothing behind.
    let err = write_export(&export, &dir.path().join("missing").join("x.html")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.message(Lang::En).contains("missing"));
}

#[test]
fn the_report_reads_as_counted_lines() {
    let report = ErasureReport {
        checkins: 3,
        followups: 1,
        ideas_anonymised: 2,
        log_cleared: true,
        ..ErasureReport::default()
    };
    assert_eq!(
        report_lines(&report, Lang::Sv),
        [
            "3 avstämningar",
            "1 uppföljning",
            "2 idéer behållna utan namn"
        ]
    );
    assert_eq!(
        report_lines(&report, Lang::En),
        ["3 check-ins", "1 follow-up", "2 ideas kept without a name"]
    );
    assert!(report_lines(&ErasureReport::default(), Lang::En).is_empty());
}

#[test]
fn erasing_logs_no_name() {
    crate::testing::logs::install();
    let mut s = store();
    let team = seed(&mut s);
    erase(&mut s, team.anna, IdeaChoice::Erase).unwrap();
    export_person(&s, team.bo, Lang::En, now()).unwrap();
    for line in crate::testing::logs::of_this_thread() {
        assert!(!line.contains("Qx") && !line.contains("Bo"), "{line}");
    }
}

#[test]
fn the_export_depends_on_the_store_not_the_clock() {
    // The export's dates come from the store, not the clock: the same store exported at two
    // instants differs only in `exportedAt`.
    let mut s = store();
    let team = seed(&mut s);
    let a = export_person(&s, team.anna, Lang::En, now()).unwrap().json;
    let later = now() + Duration::days(3);
    let mut b = export_person(&s, team.anna, Lang::En, later).unwrap().json;
    assert_eq!(b["exportedAt"], json!(later));
    b["exportedAt"] = a["exportedAt"].clone();
    assert_eq!(a, b);
}
