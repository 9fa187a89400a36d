use std::collections::HashSet;

use chrono::Duration;

use super::*;
use crate::error::ErrorKind;
use crate::model::{GroupDraft, PersonDraft};
use crate::service::settings::{history_rounds, set_history_rounds};
use crate::testing::{now, store, today};

fn team(s: &mut Store, names: &[&str]) -> Vec<PersonId> {
    names
        .iter()
        .map(|name| {
            let draft = PersonDraft {
                name: (*name).into(),
                ..PersonDraft::default()
            };
            crate::service::people::add(s, &draft, now()).unwrap().id
        })
        .collect()
}

const SEVEN: [&str; 7] = ["Anna", "Bo", "Cecilia", "David", "Eva", "Filip", "Greta"];

fn whole_team() -> RoundDraft {
    RoundDraft::default()
}

fn skipping(ids: &[PersonId]) -> RoundDraft {
    RoundDraft {
        group_id: None,
        skip_ids: ids.to_vec(),
    }
}

fn ids(round: &Round) -> Vec<Vec<PersonId>> {
    round
        .pairs
        .iter()
        .map(|p| p.members.iter().map(|m| m.person_id).collect())
        .collect()
}

fn pair_set(round: &Round) -> HashSet<(PersonId, PersonId)> {
    let mut out = HashSet::new();
    for group in ids(round) {
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                out.insert((a.min(b), a.max(b)));
            }
        }
    }
    out
}

fn assert_everyone_once(round: &Round, expected: &[PersonId]) {
    let mut seen: Vec<PersonId> = ids(round).into_iter().flatten().collect();
    seen.sort_unstable();
    let mut expected = expected.to_vec();
    expected.sort_unstable();
    assert_eq!(seen, expected);
    let trios = round.pairs.iter().filter(|p| p.members.len() == 3).count();
    assert_eq!(trios, expected.len() % 2);
}

#[test]
fn a_team_of_seven_gets_two_pairs_and_a_trio_as_a_draft() {
    let mut s = store();
    let people = team(&mut s, &SEVEN);
    let round = create_round(&mut s, &whole_team(), 7, now()).unwrap();
    assert_eq!(round.status, RoundStatus::Draft);
    assert_eq!(round.group_id, None);
    assert_eq!(round.seed, 7);
    assert_eq!(round.pairs.len(), 3);
    assert_everyone_once(&round, &people);
    assert_eq!((round.repeated_pairs, round.best_possible), (0, true));
    assert_eq!(round.history_rounds, 4);
    assert_eq!(round.confirmed_on, None);
    // Members by name within each group, groups by their first member.
    for pair in &round.pairs {
        let names: Vec<&str> = pair.members.iter().map(|m| m.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }
    let firsts: Vec<&str> = round
        .pairs
        .iter()
        .map(|p| p.members[0].name.as_str())
        .collect();
    let mut sorted = firsts.clone();
    sorted.sort_unstable();
    assert_eq!(firsts, sorted);
    assert_eq!(get_round(&s, round.id).unwrap(), round);
    assert_eq!(list_rounds(&s).unwrap(), [round]);
}

#[test]
fn one_person_is_not_enough_two_make_a_pair_and_three_a_trio() {
    let mut s = store();
    let err = create_round(&mut s, &whole_team(), 1, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let people = team(&mut s, &["Anna"]);
    let err = create_round(&mut s, &whole_team(), 1, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(
        err.message(Lang::En),
        "Not enough people to pair: 1 taking part, at least 2 are needed."
    );
    assert_eq!(
        err.message(Lang::Sv),
        "För få för att para ihop: 1 är med, det behövs minst 2."
    );
    assert!(list_rounds(&s).unwrap().is_empty());

    let people = [people, team(&mut s, &["Bo"])].concat();
    let round = create_round(&mut s, &whole_team(), 1, now()).unwrap();
    assert_eq!(ids(&round), std::slice::from_ref(&people));

    let people = [people, team(&mut s, &["Cecilia"])].concat();
    let round = create_round(&mut s, &whole_team(), 1, now()).unwrap();
    assert_eq!(ids(&round), [people]);
}

#[test]
fn skipped_people_sit_out_and_bad_skips_are_refused_without_writing() {
    let mut s = store();
    let people = team(&mut s, &SEVEN);
    let gone = team(&mut s, &["Åke"])[0];
    crate::service::people::archive(&mut s, gone, now()).unwrap();
    let round = create_round(&mut s, &skipping(&[people[2], people[2]]), 3, now()).unwrap();
    assert_eq!(round.pairs.len(), 3);
    assert!(round.pairs.iter().all(|p| p.members.len() == 2));
    assert_eq!(round.skipped.len(), 1);
    assert_eq!(round.skipped[0].name, "Cecilia");
    let rest: Vec<PersonId> = people.iter().copied().filter(|&p| p != people[2]).collect();
    assert_everyone_once(&round, &rest);

    let before = list_rounds(&s).unwrap();
    let err = create_round(&mut s, &skipping(&[gone]), 3, now()).unwrap_err();
    assert_eq!(
        (err.kind(), err.field()),
        (ErrorKind::Invalid, Some("skipIds"))
    );
    assert_eq!(err.message(Lang::En), "Åke is not part of this round.");
    let err = create_round(&mut s, &skipping(&[999]), 3, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = create_round(&mut s, &skipping(&[0]), 3, now()).unwrap_err();
    assert_eq!(err.field(), Some("skipIds"));
    let err = create_round(&mut s, &skipping(&people[1..]), 3, now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "one left is not enough");
    assert_eq!(list_rounds(&s).unwrap(), before);
}

#[test]
fn a_draft_can_be_redrawn_until_it_is_confirmed() {
    let mut s = store();
    let people = team(&mut s, &SEVEN);
    let round = create_round(&mut s, &whole_team(), 1, now()).unwrap();
    let same = regenerate(&mut s, round.id, &[], 1).unwrap();
    assert_eq!(
        ids(&same),
        ids(&round),
        "same seed, same history: same pairs"
    );
    let draws: HashSet<Vec<Vec<PersonId>>> = (2..12)
        .map(|seed| ids(&regenerate(&mut s, round.id, &[], seed).unwrap()))
        .collect();
    assert!(draws.len() > 1, "new seeds draw new pairs");
    let skipped = regenerate(&mut s, round.id, &[people[0]], 5).unwrap();
    assert_eq!(skipped.skipped[0].person_id, people[0]);
    assert_eq!(skipped.seed, 5);

    let confirmed = confirm(&mut s, round.id, today()).unwrap();
    assert_eq!(confirmed.status, RoundStatus::Confirmed);
    assert_eq!(confirmed.confirmed_on, Some(today()));
    assert_eq!(ids(&confirmed), ids(&skipped));
    for err in [
        regenerate(&mut s, round.id, &[], 9).unwrap_err(),
        confirm(&mut s, round.id, today()).unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Conflict);
        assert_eq!(
            err.message(Lang::Sv),
            "Omgången är redan bekräftad. Gör en ny omgång i stället."
        );
    }
    assert_eq!(get_round(&s, round.id).unwrap(), confirmed);
    assert_eq!(
        regenerate(&mut s, 999, &[], 1).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn the_same_seed_and_history_give_the_same_round_in_another_store() {
    let draw = || {
        let mut s = store();
        team(&mut s, &SEVEN);
        for seed in [11, 12] {
            let r = create_round(&mut s, &whole_team(), seed, now()).unwrap();
            confirm(&mut s, r.id, today()).unwrap();
        }
        ids(&create_round(&mut s, &whole_team(), 13, now()).unwrap())
    };
    assert_eq!(draw(), draw());
}

#[test]
fn confirmed_rounds_are_avoided_drafts_are_not_and_forced_repeats_are_reported() {
    let mut s = store();
    team(&mut s, &["Anna", "Bo", "Cecilia", "David"]);
    // A draft is not history: the next draw may repeat it freely.
    create_round(&mut s, &whole_team(), 1, now()).unwrap();
    let mut seen: Vec<HashSet<(PersonId, PersonId)>> = Vec::new();
    for (week, seed) in (0i64..).zip([1, 2, 3]) {
        let round = create_round(&mut s, &whole_team(), seed, now()).unwrap();
        assert_eq!(round.repeated_pairs, 0, "week {week}");
        let pairs = pair_set(&round);
        assert!(
            seen.iter().all(|old| old.is_disjoint(&pairs)),
            "week {week}"
        );
        seen.push(pairs);
        confirm(&mut s, round.id, today() + Duration::days(7 * week)).unwrap();
    }
    // Four people pair up in only three ways, all used: the repeats are unavoidable, said
    // so, and the pairs that met longest ago are chosen.
    let forced = create_round(&mut s, &whole_team(), 4, now()).unwrap();
    assert_eq!((forced.repeated_pairs, forced.best_possible), (2, true));
    assert!(forced.pairs.iter().all(|p| p.repeated_pairs == 1));
    assert_eq!(pair_set(&forced), seen[0]);

    // Looking back one round only, there is room again.
    set_history_rounds(&mut s, 1).unwrap();
    let relaxed = regenerate(&mut s, forced.id, &[], 4).unwrap();
    assert_eq!((relaxed.repeated_pairs, relaxed.history_rounds), (0, 1));
}

#[test]
fn a_group_round_pairs_its_active_members_against_its_own_history() {
    let mut s = store();
    let people = team(&mut s, &SEVEN);
    let group = crate::service::groups::create(
        &mut s,
        &GroupDraft {
            name: "Utveckling".into(),
        },
        now(),
    )
    .unwrap();
    for &p in &people[..5] {
        crate::service::groups::add_member(&mut s, group.id, p).unwrap();
    }
    crate::service::people::archive(&mut s, people[4], now()).unwrap();
    let in_group = RoundDraft {
        group_id: Some(group.id),
        skip_ids: vec![],
    };
    let round = create_round(&mut s, &in_group, 1, now()).unwrap();
    assert_eq!(round.group_id, Some(group.id));
    assert_everyone_once(&round, &people[..4]);
    confirm(&mut s, round.id, today()).unwrap();
    let next = create_round(&mut s, &in_group, 2, now()).unwrap();
    assert!(pair_set(&next).is_disjoint(&pair_set(&round)));

    // Each scope keeps its own history: Anna and Bo's whole-team fika is no repeat for
    // their two-person group, and their group fika is one.
    let duo =
        crate::service::groups::create(&mut s, &GroupDraft { name: "Duo".into() }, now()).unwrap();
    crate::service::groups::add_member(&mut s, duo.id, people[0]).unwrap();
    crate::service::groups::add_member(&mut s, duo.id, people[1]).unwrap();
    let only_duo = skipping(
        &people[2..4]
            .iter()
            .chain(&people[5..])
            .copied()
            .collect::<Vec<_>>(),
    );
    let team_round = create_round(&mut s, &only_duo, 1, now()).unwrap();
    assert_eq!(ids(&team_round), [people[..2].to_vec()]);
    confirm(&mut s, team_round.id, today()).unwrap();
    let in_duo = RoundDraft {
        group_id: Some(duo.id),
        skip_ids: vec![],
    };
    let duo_round = create_round(&mut s, &in_duo, 1, now()).unwrap();
    assert_eq!(duo_round.repeated_pairs, 0);
    confirm(&mut s, duo_round.id, today()).unwrap();
    assert_eq!(
        create_round(&mut s, &in_duo, 1, now())
            .unwrap()
            .repeated_pairs,
        1
    );

    let err = create_round(
        &mut s,
        &RoundDraft {
            group_id: Some(999),
            skip_ids: vec![],
        },
        1,
        now(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let err = create_round(
        &mut s,
        &RoundDraft {
            group_id: Some(group.id),
            skip_ids: vec![people[6]],
        },
        1,
        now(),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("skipIds"), "not a member of the group");
}

#[test]
fn a_confirmed_round_exports_as_text_to_paste() {
    let mut s = store();
    team(&mut s, &["Anna", "Bo", "Cecilia", "David", "Eva"]);
    let round = create_round(&mut s, &whole_team(), 1, now()).unwrap();
    let err = export_text(&s, round.id, Lang::En).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(
        err.message(Lang::En),
        "Confirm the round before exporting it."
    );
    let round = confirm(&mut s, round.id, today()).unwrap();
    let lines: Vec<String> = round
        .pairs
        .iter()
        .map(|p| {
            let names: Vec<&str> = p.members.iter().map(|m| m.name.as_str()).collect();
            match names.as_slice() {
                [a, b] => format!("{a} & {b}"),
                [a, b, c] => format!("{a}, {b} & {c}"),
                other => panic!("{other:?}"),
            }
        })
        .collect();
    assert_eq!(
        export_text(&s, round.id, Lang::En).unwrap(),
        format!("Fika pairs, week 48\n{}\n", lines.join("\n"))
    );
    assert_eq!(
        export_text(&s, round.id, Lang::Sv).unwrap(),
        format!("Fikapar vecka 48\n{}\n", lines.join("\n"))
    );
    let group_text = render_text(&round, Some("Utveckling"), Lang::Sv);
    assert!(group_text.starts_with("Fikapar för Utveckling, vecka 48\n"));
}

#[test]
fn names_join_as_people_write_them() {
    assert_eq!(join_names(&[]), "");
    assert_eq!(join_names(&["Anna"]), "Anna");
    assert_eq!(join_names(&["Anna", "Bo"]), "Anna & Bo");
    assert_eq!(
        join_names(&["Cecilia", "David", "Eva"]),
        "Cecilia, David & Eva"
    );
}

#[test]
fn deleting_a_confirmed_round_removes_it_from_history() {
    let mut s = store();
    team(&mut s, &["Anna", "Bo"]);
    let first = create_round(&mut s, &whole_team(), 1, now()).unwrap();
    confirm(&mut s, first.id, today()).unwrap();
    let second = create_round(&mut s, &whole_team(), 1, now()).unwrap();
    assert_eq!(second.repeated_pairs, 1);
    delete_round(&mut s, first.id).unwrap();
    let redrawn = regenerate(&mut s, second.id, &[], 1).unwrap();
    assert_eq!(redrawn.repeated_pairs, 0);
    assert_eq!(
        delete_round(&mut s, first.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        get_round(&s, first.id).unwrap_err().message(Lang::Sv),
        "Fikaparningen finns inte (längre)."
    );
}

#[test]
fn the_history_length_is_a_bounded_setting() {
    let mut s = store();
    assert_eq!(history_rounds(&s).unwrap(), 4);
    assert_eq!(set_history_rounds(&mut s, 8).unwrap(), 8);
    for bad in [0, 53, -4] {
        let err = set_history_rounds(&mut s, bad).unwrap_err();
        assert_eq!(err.field(), Some("historyRounds"));
        assert_eq!(err.message(Lang::En), "Choose between 1 and 52 rounds.");
    }
    assert_eq!(history_rounds(&s).unwrap(), 8);
}
