use chrono::Duration;

use super::*;
use crate::error::ErrorKind;
use crate::i18n::Lang;
use crate::model::RoundDraft;
use crate::service::settings::{set_stale_days, stale_days};
use crate::testing::{now, person, store, today};

fn draft(title: &str, owners: &[PersonId], board: Option<PersonId>) -> AssignmentDraft {
    AssignmentDraft {
        title: title.into(),
        owner_ids: owners.to_vec(),
        sounding_board_id: board,
        ..AssignmentDraft::default()
    }
}

fn titles(views: &[AssignmentView]) -> Vec<&str> {
    views.iter().map(|v| v.assignment.title.as_str()).collect()
}

#[test]
fn an_assignment_with_one_owner_and_no_sounding_board_is_alone() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let bo = person(&mut s, "Bo", now());
    let alone = create(&mut s, &draft("Budget", &[anna], None), today(), now()).unwrap();
    assert!(alone.alone && alone.flagged());
    assert_eq!(alone.assignment.status, AssignmentStatus::Active);
    assert_eq!(alone.assignment.created_on, today());
    let shared = create(
        &mut s,
        &draft("Intranet", &[anna, bo], None),
        today(),
        now(),
    )
    .unwrap();
    assert!(!shared.alone && !shared.stale);
    let boarded = create(&mut s, &draft("Survey", &[bo], Some(anna)), today(), now()).unwrap();
    assert!(!boarded.alone);
    assert_eq!(boarded.assignment.sounding_board_id, Some(anna));
    assert_eq!(get(&s, alone.assignment.id, today()).unwrap(), alone);
}

#[test]
fn accepting_a_suggested_sounding_board_takes_the_flag_away() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let bo = person(&mut s, "Bo", now());
    let a = create(&mut s, &draft("Budget", &[anna], None), today(), now()).unwrap();
    let suggestions = suggest_sounding_board(&s, a.assignment.id).unwrap();
    assert_eq!(suggestions.len(), 1);
    assert_eq!(suggestions[0].person_id, bo);
    let accepted = accept_suggestion(&mut s, a.assignment.id, bo, today()).unwrap();
    assert_eq!(accepted.assignment.sounding_board_id, Some(bo));
    assert!(!accepted.alone);
    assert!(!list(&s, today()).unwrap()[0].alone);
}

#[test]
fn invalid_assignments_are_refused_with_their_field_and_nothing_is_stored() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let bo = person(&mut s, "Bo", now());
    let gone = person(&mut s, "Gustav", now());
    crate::service::people::archive(&mut s, gone, now()).unwrap();
    let cases = [
        (draft(" ", &[anna], None), "title"),
        (draft("Budget", &[], None), "ownerIds"),
        (draft("Budget", &[anna, gone], None), "ownerIds"),
        (draft("Budget", &[anna], Some(gone)), "soundingBoardId"),
        (draft("Budget", &[anna, bo], Some(bo)), "soundingBoardId"),
        (
            AssignmentDraft {
                description: Some("x".repeat(2001)),
                ..draft("Budget", &[anna], None)
            },
            "description",
        ),
        (
            AssignmentDraft {
                last_discussed: Some("2026-12-01".into()),
                ..draft("Budget", &[anna], None)
            },
            "lastDiscussed",
        ),
    ];
    for (input, field) in cases {
        let err = create(&mut s, &input, today(), now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{field}: {err}");
        assert_eq!(err.field(), Some(field), "{err}");
        for lang in Lang::ALL {
            assert!(!err.message(lang).starts_with("error."), "{field}");
        }
    }
    let err = create(&mut s, &draft("Budget", &[anna, 999], None), today(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = create(&mut s, &draft("Budget", &[anna], Some(999)), today(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(list(&s, today()).unwrap().is_empty());
}

#[test]
fn refusals_are_translated() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let gone = person(&mut s, "Gustav", now());
    crate::service::people::archive(&mut s, gone, now()).unwrap();
    let err = create(
        &mut s,
        &draft("Budget", &[anna], Some(anna)),
        today(),
        now(),
    )
    .unwrap_err();
    assert_eq!(
        err.message(Lang::Sv),
        "Bollplanket kan inte vara en av de ansvariga."
    );
    let err = create(&mut s, &draft("Budget", &[gone], None), today(), now()).unwrap_err();
    assert_eq!(err.message(Lang::En), "Gustav is archived.");
    let err = get(&s, 42, today()).unwrap_err();
    assert_eq!(err.message(Lang::Sv), "Uppdraget finns inte (längre).");
    let err = create(&mut s, &draft("Budget", &[], None), today(), now()).unwrap_err();
    assert_eq!(
        err.message(Lang::En),
        "Choose at least one person who owns the assignment."
    );
}

#[test]
fn editing_replaces_the_fields_and_keeps_status_and_discussion_unless_sent() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let bo = person(&mut s, "Bo", now());
    let a = create(&mut s, &draft("Budget", &[anna], None), today(), now()).unwrap();
    let id = a.assignment.id;
    set_status(&mut s, id, AssignmentStatus::Paused, today()).unwrap();
    mark_discussed(&mut s, id, today() - Duration::days(3)).unwrap();
    let edited = update(
        &mut s,
        id,
        &AssignmentDraft {
            description: Some("Q1 and Q2".into()),
            ..draft("Budget 2027", &[bo, anna], None)
        },
        today(),
    )
    .unwrap();
    assert_eq!(edited.assignment.title, "Budget 2027");
    assert_eq!(edited.assignment.description.as_deref(), Some("Q1 and Q2"));
    assert_eq!(edited.assignment.owner_ids, [anna, bo], "owners by name");
    assert_eq!(edited.assignment.status, AssignmentStatus::Paused);
    assert_eq!(
        edited.assignment.last_discussed,
        Some(today() - Duration::days(3))
    );
    assert_eq!(edited.assignment.created_at, a.assignment.created_at);

    // A refused edit changes nothing.
    let before = get(&s, id, today()).unwrap();
    let err = update(&mut s, id, &draft("Budget", &[anna], Some(anna)), today()).unwrap_err();
    assert_eq!(err.field(), Some("soundingBoardId"));
    let err = update(&mut s, id, &draft("Budget", &[anna, 999], None), today()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(get(&s, id, today()).unwrap(), before);
    let err = update(&mut s, 999, &draft("Budget", &[anna], None), today()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[test]
fn an_assignment_not_discussed_for_more_than_the_set_days_is_stale() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let bo = person(&mut s, "Bo", now());
    let started = today() - Duration::days(40);
    let a = create(&mut s, &draft("Budget", &[anna, bo], None), started, now()).unwrap();
    let id = a.assignment.id;
    assert_eq!(stale_days(&s).unwrap(), 30);
    assert!(!get(&s, id, started + Duration::days(30)).unwrap().stale);
    let late = get(&s, id, started + Duration::days(31)).unwrap();
    assert!(late.stale && late.flagged() && !late.alone);
    assert_eq!(late.days_since_discussed, 31);

    let discussed = mark_discussed(&mut s, id, today()).unwrap();
    assert_eq!(discussed.assignment.last_discussed, Some(today()));
    assert!(!discussed.stale);

    assert_eq!(set_stale_days(&mut s, 7).unwrap(), 7);
    assert!(get(&s, id, today() + Duration::days(8)).unwrap().stale);
    for bad in [0, 366, -1] {
        let err = set_stale_days(&mut s, bad).unwrap_err();
        assert_eq!(err.field(), Some("staleDays"));
        assert_eq!(err.message(Lang::Sv), "Välj mellan 1 och 365 dagar.");
    }
    assert_eq!(stale_days(&s).unwrap(), 7);
}

#[test]
fn paused_and_done_work_is_never_flagged_and_lists_after_active_work() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let old = today() - Duration::days(90);
    let done = create(&mut s, &draft("Archive", &[anna], None), old, now()).unwrap();
    let paused = create(&mut s, &draft("Budget", &[anna], None), old, now()).unwrap();
    create(&mut s, &draft("Survey", &[anna], None), old, now()).unwrap();
    create(&mut s, &draft("access review", &[anna], None), old, now()).unwrap();
    let done = set_status(&mut s, done.assignment.id, AssignmentStatus::Done, today()).unwrap();
    let paused = set_status(
        &mut s,
        paused.assignment.id,
        AssignmentStatus::Paused,
        today(),
    )
    .unwrap();
    assert!(!done.alone && !done.stale && !paused.alone && !paused.stale);
    let all = list(&s, today()).unwrap();
    assert_eq!(
        titles(&all),
        ["access review", "Survey", "Budget", "Archive"]
    );
    assert!(all[0].alone && all[0].stale);
}

#[test]
fn deleting_removes_the_assignment_and_unknown_ids_are_not_found() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let a = create(&mut s, &draft("Budget", &[anna], None), today(), now()).unwrap();
    delete(&mut s, a.assignment.id).unwrap();
    assert!(list(&s, today()).unwrap().is_empty());
    assert_eq!(
        delete(&mut s, a.assignment.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let id = a.assignment.id;
    for err in [
        mark_discussed(&mut s, id, today()).unwrap_err(),
        set_status(&mut s, id, AssignmentStatus::Done, today()).unwrap_err(),
        accept_suggestion(&mut s, id, anna, today()).unwrap_err(),
        suggest_sounding_board(&s, id).unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    }
    assert_eq!(get(&s, 0, today()).unwrap_err().field(), Some("id"));
}

#[test]
fn the_division_of_work_shows_everyone_and_who_does_what() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let bo = person(&mut s, "Bo", now());
    let cilla = person(&mut s, "Cilla", now());
    let gustav = person(&mut s, "Gustav", now());
    let old = person(&mut s, "Östen", now());
    create(&mut s, &draft("Budget", &[anna], None), today(), now()).unwrap();
    create(
        &mut s,
        &draft("Intranet", &[anna, bo], Some(cilla)),
        today(),
        now(),
    )
    .unwrap();
    let legacy = create(&mut s, &draft("Legacy", &[old], None), today(), now()).unwrap();
    let paused = create(&mut s, &draft("Paused", &[gustav], None), today(), now()).unwrap();
    set_status(
        &mut s,
        paused.assignment.id,
        AssignmentStatus::Paused,
        today(),
    )
    .unwrap();
    crate::service::people::archive(&mut s, old, now()).unwrap();
    // Archived with active work: still listed, so the work finds a new owner.
    let archived_quiet = person(&mut s, "Åke", now());
    crate::service::people::archive(&mut s, archived_quiet, now()).unwrap();

    let work = division_of_work(&s, today()).unwrap();
    let names: Vec<&str> = work.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Anna", "Bo", "Cilla", "Gustav", "Östen"]);
    let anna_work = &work.people[0];
    assert_eq!((anna_work.owner_count, anna_work.board_count), (2, 0));
    let owned: Vec<&str> = anna_work.owns.iter().map(|w| w.title.as_str()).collect();
    assert_eq!(owned, ["Budget", "Intranet"]);
    assert!(anna_work.owns[0].alone && !anna_work.owns[1].alone);
    assert_eq!(work.people[2].sounding_board_for[0].title, "Intranet");
    assert_eq!(
        (work.people[3].owner_count, work.people[3].board_count),
        (0, 0)
    );
    assert!(!work.people[4].active);
    assert_eq!(work.people[4].owns[0].assignment_id, legacy.assignment.id);
    assert_eq!(
        (work.active_count, work.alone_count, work.stale_count),
        (3, 2, 0)
    );
}

#[test]
fn suggestions_prefer_fewer_assignments_then_fresh_pairings_then_name() {
    let mut s = store();
    let owner = person(&mut s, "Olle", now());
    let busy = person(&mut s, "Anna", now());
    let fika_friend = person(&mut s, "Bo", now());
    let coworker = person(&mut s, "Cilla", now());
    let david = person(&mut s, "David", now());
    let erik = person(&mut s, "Erik", now());
    let gone = person(&mut s, "Åsa", now());
    crate::service::people::archive(&mut s, gone, now()).unwrap();

    let target = create(&mut s, &draft("Budget", &[owner], None), today(), now()).unwrap();
    let id = target.assignment.id;
    // Anna carries two assignments; Cilla shares paused work with the owner.
    create(&mut s, &draft("Intranet", &[busy], None), today(), now()).unwrap();
    create(&mut s, &draft("Survey", &[busy], None), today(), now()).unwrap();
    let shared = create(
        &mut s,
        &draft("Shared", &[owner, coworker], None),
        today(),
        now(),
    )
    .unwrap();
    set_status(
        &mut s,
        shared.assignment.id,
        AssignmentStatus::Paused,
        today(),
    )
    .unwrap();
    // Bo had fika with the owner in a confirmed round of a two-person group.
    let group = crate::service::groups::create(
        &mut s,
        &crate::model::GroupDraft {
            name: "Fika two".into(),
        },
        now(),
    )
    .unwrap();
    crate::service::groups::add_member(&mut s, group.id, owner).unwrap();
    crate::service::groups::add_member(&mut s, group.id, fika_friend).unwrap();
    let round = crate::service::pairing::create_round(
        &mut s,
        &RoundDraft {
            group_id: Some(group.id),
            skip_ids: vec![],
        },
        1,
        now(),
    )
    .unwrap();
    crate::service::pairing::confirm(&mut s, round.id, today()).unwrap();

    let suggestions = suggest_sounding_board(&s, id).unwrap();
    let picked: Vec<(PersonId, u32, u32)> = suggestions
        .iter()
        .map(|x| (x.person_id, x.active_assignments, x.recent_with_owners))
        .collect();
    // David and Erik: no work, no recent pairing, by name; then Bo and Cilla (one recent
    // pairing each) by name; Anna (two assignments) last. Never the owner or the archived.
    assert_eq!(
        picked,
        [(david, 0, 0), (erik, 0, 0), (fika_friend, 0, 1)],
        "{suggestions:?}"
    );

    // With a sounding board set, that person is not suggested again.
    accept_suggestion(&mut s, id, david, today()).unwrap();
    let again: Vec<PersonId> = suggest_sounding_board(&s, id)
        .unwrap()
        .into_iter()
        .map(|x| x.person_id)
        .collect();
    assert_eq!(again, [erik, fika_friend, coworker]);
    assert!(!again.contains(&busy) && !again.contains(&owner) && !again.contains(&gone));
}

#[test]
fn accepting_refuses_an_owner_an_archived_or_unknown_person_and_changes_nothing() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let gone = person(&mut s, "Gustav", now());
    crate::service::people::archive(&mut s, gone, now()).unwrap();
    let a = create(&mut s, &draft("Budget", &[anna], None), today(), now()).unwrap();
    let id = a.assignment.id;
    let err = accept_suggestion(&mut s, id, anna, today()).unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::Invalid, Some("personId"))
    );
    let err = accept_suggestion(&mut s, id, gone, today()).unwrap_err();
    assert_eq!(err.message(Lang::Sv), "Gustav är arkiverad.");
    let err = accept_suggestion(&mut s, id, 999, today()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(get(&s, id, today()).unwrap(), a);
}
