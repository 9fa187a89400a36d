//! Unit and property tests of the solver, checked against an exhaustive search over every
//! split of small teams, so the dynamic programme cannot hide a mistake behind agreement
//! with itself.

use proptest::prelude::*;

use super::*;

/// 64 cases per property keep `cargo test` quick; `PROPTEST_CASES=20000` runs a deep search.
fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_some() {
        default
    } else {
        ProptestConfig {
            cases: 64,
            ..default
        }
    }
}

/// Ids that are not 0..n, so index/id mix-ups show.
fn team(n: usize) -> Vec<PersonId> {
    (0..n as i64).map(|i| 100 + 7 * i).collect()
}

/// Every split of `people` into pairs plus one trio when the count is odd.
fn all_splits(people: &[PersonId]) -> Vec<Vec<Vec<PersonId>>> {
    fn go(
        rest: &[PersonId],
        trio_left: bool,
        current: &mut Vec<Vec<PersonId>>,
        out: &mut Vec<Vec<Vec<PersonId>>>,
    ) {
        let Some((&first, others)) = rest.split_first() else {
            if !trio_left {
                out.push(current.clone());
            }
            return;
        };
        for (j, &b) in others.iter().enumerate() {
            let without_b: Vec<PersonId> = others
                .iter()
                .enumerate()
                .filter(|&(x, _)| x != j)
                .map(|(_, &p)| p)
                .collect();
            current.push(vec![first, b]);
            go(&without_b, trio_left, current, out);
            current.pop();
            if trio_left {
                for (k, &c) in others.iter().enumerate().skip(j + 1) {
                    let without_bc: Vec<PersonId> = others
                        .iter()
                        .enumerate()
                        .filter(|&(x, _)| x != j && x != k)
                        .map(|(_, &p)| p)
                        .collect();
                    current.push(vec![first, b, c]);
                    go(&without_bc, false, current, out);
                    current.pop();
                }
            }
        }
    }
    let mut out = Vec::new();
    go(people, people.len() % 2 == 1, &mut Vec::new(), &mut out);
    out
}

fn split_cost(meetings: &Meetings, split: &[Vec<PersonId>]) -> Cost {
    split
        .iter()
        .fold(Cost::ZERO, |sum, g| sum + meetings.group_cost(g))
}

/// Checks the split's shape: everyone exactly once, pairs, and one trio only for an odd count.
fn assert_valid(people: &[PersonId], plan: &Plan) {
    let mut seen: Vec<PersonId> = plan.groups.iter().flatten().copied().collect();
    seen.sort_unstable();
    let mut expected = people.to_vec();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(seen, expected, "everyone exactly once");
    let trios = plan.groups.iter().filter(|g| g.len() == 3).count();
    assert!(plan.groups.iter().all(|g| g.len() == 2 || g.len() == 3));
    assert_eq!(
        trios,
        expected.len() % 2,
        "a trio exactly when the count is odd"
    );
}

/// A history as arbitrary meetings among `n` people: up to `rounds` rounds of random pairs
/// and trios (by index), dense enough that repeats are often unavoidable for small teams.
fn arb_history(n: usize, rounds: usize) -> impl Strategy<Value = Vec<Vec<Vec<usize>>>> {
    let group = prop::collection::vec(0..n, 2..=3);
    prop::collection::vec(prop::collection::vec(group, 0..=n), 0..=rounds)
}

fn to_ids(people: &[PersonId], history: &[Vec<Vec<usize>>]) -> Vec<Vec<Vec<PersonId>>> {
    history
        .iter()
        .map(|round| {
            round
                .iter()
                .map(|g| g.iter().map(|&i| people[i]).collect())
                .collect()
        })
        .collect()
}

#[test]
fn fewer_than_two_people_cannot_be_paired() {
    assert_eq!(plan(&[], &Meetings::default(), 1), None);
    assert_eq!(plan(&[5], &Meetings::default(), 1), None);
    assert_eq!(
        plan(&[5, 5], &Meetings::default(), 1),
        None,
        "duplicates count once"
    );
}

#[test]
fn two_make_a_pair_and_three_a_trio() {
    let two = plan(&[1, 2], &Meetings::default(), 9).unwrap();
    assert_eq!(two.groups, [vec![1, 2]]);
    let three = plan(&[3, 1, 2], &Meetings::default(), 9).unwrap();
    assert_eq!(three.groups, [vec![1, 2, 3]]);
}

#[test]
fn when_every_pairing_repeats_the_one_met_longest_ago_is_chosen() {
    // Four people have exactly three ways to pair up; each was used once, most recent first.
    let history = vec![
        vec![vec![1, 2], vec![3, 4]],
        vec![vec![1, 3], vec![2, 4]],
        vec![vec![1, 4], vec![2, 3]],
    ];
    let meetings = Meetings::new(&history);
    for seed in 0..20 {
        let plan = plan(&[1, 2, 3, 4], &meetings, seed).unwrap();
        assert_eq!(plan.groups, [vec![1, 4], vec![2, 3]], "seed {seed}");
        assert_eq!(plan.repeated_pairs(), 2);
        assert!(plan.exact);
    }
}

#[test]
fn pairs_that_met_more_often_are_repeated_last() {
    // 1&2 met twice, 3&4 once (long ago); 1&3, 2&4 and 1&4, 2&3 each have a repeat too.
    let history = vec![
        vec![vec![1, 2]],
        vec![vec![1, 3], vec![2, 3], vec![1, 4]],
        vec![vec![2, 4]],
        vec![vec![1, 2], vec![3, 4]],
    ];
    let plan = plan(&[1, 2, 3, 4], &Meetings::new(&history), 3).unwrap();
    let all = all_splits(&[1, 2, 3, 4]);
    let meetings = Meetings::new(&history);
    let best = all.iter().map(|s| split_cost(&meetings, s)).min().unwrap();
    assert_eq!(plan.cost, best);
    assert!(!plan.groups.contains(&vec![1, 2]));
}

#[test]
fn different_seeds_draw_different_pairs_from_equal_choices() {
    let people = team(10);
    let draws: std::collections::HashSet<Vec<Vec<PersonId>>> = (0..20)
        .map(|seed| plan(&people, &Meetings::default(), seed).unwrap().groups)
        .collect();
    assert!(draws.len() > 10, "only {} different draws", draws.len());
}

#[test]
fn the_heuristic_avoids_repeats_for_a_large_team_over_many_rounds() {
    // 31 people, each new round avoiding the last four: plenty of room, so no repeats.
    let people = team(31);
    let mut history: Vec<Vec<Vec<PersonId>>> = Vec::new();
    for seed in 0..8 {
        let recent: Vec<_> = history.iter().take(4).cloned().collect();
        let plan = plan(&people, &Meetings::new(&recent), seed).unwrap();
        assert!(!plan.exact);
        assert_valid(&people, &plan);
        assert_eq!(plan.repeated_pairs(), 0, "round {seed}");
        history.insert(0, plan.groups);
    }
}

#[test]
fn the_heuristic_minimises_repeats_when_some_are_forced() {
    // 24 people who all met everyone but one partner each (1&2, 3&4, …): exactly one
    // repeat-free split exists, and the local search must find it.
    let people = team(24);
    let mut round = Vec::new();
    for (i, &a) in people.iter().enumerate() {
        for (j, &b) in people.iter().enumerate().skip(i + 1) {
            if !(i % 2 == 0 && j == i + 1) {
                round.push(vec![a, b]);
            }
        }
    }
    let plan = plan(&people, &Meetings::new(&[round]), 7).unwrap();
    assert!(!plan.exact);
    assert_valid(&people, &plan);
    assert_eq!(plan.repeated_pairs(), 0);
}

#[test]
fn the_largest_exact_teams_are_solved() {
    // The largest exact cases, odd and even, with a history: the bitmask arithmetic and the
    // state tables must hold at the limit, not only for the small teams the oracle checks.
    for n in [EXACT_MAX - 1, EXACT_MAX] {
        let people = team(n);
        let history: Vec<Vec<Vec<PersonId>>> = (0..4)
            .map(|r| {
                people
                    .chunks(2)
                    .map(|c| c.to_vec())
                    .cycle()
                    .skip(r)
                    .take(n / 2)
                    .collect()
            })
            .collect();
        let plan = plan(&people, &Meetings::new(&history), 1).unwrap();
        assert!(plan.exact);
        assert_valid(&people, &plan);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn everyone_is_placed_once_with_a_trio_only_for_an_odd_count(
        n in 2usize..=12, history in arb_history(12, 4), seed in any::<u32>()
    ) {
        let people = team(n);
        let history: Vec<Vec<Vec<usize>>> = history
            .into_iter()
            .map(|r| r.into_iter().map(|g| g.into_iter().filter(|&i| i < n).collect()).collect())
            .collect();
        let plan = plan(&people, &Meetings::new(&to_ids(&people, &history)), seed).unwrap();
        assert_valid(&people, &plan);
    }

    #[test]
    fn the_split_is_as_good_as_the_best_of_all_splits(
        n in 2usize..=8, history in arb_history(8, 4), seed in any::<u32>()
    ) {
        let people = team(n);
        let history: Vec<Vec<Vec<usize>>> = history
            .into_iter()
            .map(|r| r.into_iter().map(|g| g.into_iter().filter(|&i| i < n).collect()).collect())
            .collect();
        let meetings = Meetings::new(&to_ids(&people, &history));
        let plan = plan(&people, &meetings, seed).unwrap();
        assert_valid(&people, &plan);
        prop_assert_eq!(split_cost(&meetings, &plan.groups), plan.cost);
        let costs: Vec<Cost> =
            all_splits(&people).iter().map(|s| split_cost(&meetings, s)).collect();
        let fewest_repeats = costs.iter().map(|c| c.repeats).min().unwrap();
        // No repeat whenever a repeat-free split exists, and otherwise the fewest repeats.
        prop_assert_eq!(plan.repeated_pairs(), fewest_repeats);
        if fewest_repeats == 0 {
            prop_assert_eq!(plan.repeated_pairs(), 0);
        }
        // And exact on the whole cost: least met, longest ago, among the fewest repeats.
        prop_assert_eq!(plan.cost, costs.into_iter().min().unwrap());
    }

    #[test]
    fn the_same_seed_and_history_give_the_same_split(
        n in prop_oneof![2usize..=12, (EXACT_MAX + 1)..=26],
        history in arb_history(26, 4),
        seed in any::<u32>(),
        rotate in 0usize..26,
    ) {
        let people = team(n);
        let history: Vec<Vec<Vec<usize>>> = history
            .into_iter()
            .map(|r| r.into_iter().map(|g| g.into_iter().filter(|&i| i < n).collect()).collect())
            .collect();
        let meetings = Meetings::new(&to_ids(&people, &history));
        let first = plan(&people, &meetings, seed).unwrap();
        // The order people are handed in does not matter either.
        let mut rotated = people.clone();
        rotated.rotate_left(rotate % n);
        let second = plan(&rotated, &meetings, seed).unwrap();
        prop_assert_eq!(first, second);
    }

    #[test]
    fn the_heuristic_keeps_the_shape_for_large_teams(
        n in (EXACT_MAX + 1)..=40, history in arb_history(40, 4), seed in any::<u32>()
    ) {
        let people = team(n);
        let history: Vec<Vec<Vec<usize>>> = history
            .into_iter()
            .map(|r| r.into_iter().map(|g| g.into_iter().filter(|&i| i < n).collect()).collect())
            .collect();
        let meetings = Meetings::new(&to_ids(&people, &history));
        let plan = plan(&people, &meetings, seed).unwrap();
        prop_assert!(!plan.exact);
        assert_valid(&people, &plan);
        prop_assert_eq!(split_cost(&meetings, &plan.groups), plan.cost);
    }
}

#[test]
fn the_heuristic_finds_the_exact_optimum_on_mid_sized_teams() {
    // Dense histories (up to nine full rounds) for 10 to 14 people, where the exact programme
    // is cheap: the heuristic that runs for larger teams must agree on every case here.
    let mut rng = SplitMix::new(42);
    for trial in 0u32..40 {
        let n = 10 + (trial as usize % 5);
        let people = team(n);
        let rounds = 2 + (rng.next() % 8) as usize;
        let history: Vec<Vec<Vec<PersonId>>> = (0..rounds)
            .map(|_| {
                let mut order = people.clone();
                rng.shuffle(&mut order);
                order.chunks_exact(2).map(<[PersonId]>::to_vec).collect()
            })
            .collect();
        let meetings = Meetings::new(&history);
        let mut cost = vec![Cost::ZERO; n * n];
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    cost[i * n + j] = meetings.cost(people[i], people[j]);
                }
            }
        }
        let w = Weights { n, cost };
        let total = |groups: Vec<Vec<usize>>| {
            groups
                .iter()
                .fold(Cost::ZERO, |sum, g| sum + w.group_cost(g))
        };
        let exact = total(exact_split(&w));
        let heuristic = total(heuristic_split(&w, &mut SplitMix::new(trial)));
        assert_eq!(
            heuristic, exact,
            "trial {trial}: {n} people, {rounds} rounds"
        );
    }
}
