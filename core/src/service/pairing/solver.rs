//! The pairing solver: splits people into pairs, with one trio when the count is odd, so that
//! as few pairs as possible repeat a recent meeting. A pure function of the people, the
//! history and a seed; rounds and their storage live in `pairing`.
//!
//! The cost of a split is the sum over every two-person combination inside its pairs and
//! trio of a lexicographic triple: first whether the two met in the history at all (the
//! *repeats* the UI reports), then how many times they met, then how recently (a meeting in
//! the latest of K rounds weighs K, in the oldest 1). So the fewest repeats always win, and
//! among those the pairs that met least and longest ago are repeated first.
//!
//! Which algorithm runs when:
//! - Up to [`EXACT_MAX`] people: exact. A dynamic programme over subsets (bitmasks) takes
//!   the lowest unplaced person and pairs them with each other unplaced person, or, once per
//!   split and only for an odd count, forms the trio with two of them. It visits every
//!   split's cost implicitly and returns a minimum: a repeat-free pairing whenever one
//!   exists, and otherwise the fewest repeats. 2^n states: at 20 people 16 MB and about
//!   10 ms in a release build; each person more doubles both, hence the limit.
//! - Above that: a heuristic. Greedy (each person in seeded order takes the cheapest free
//!   partner; an odd person out joins the pair it costs least to join), then local search
//!   that re-splits any two groups (2+2 or 2+3 people) whenever that lowers the cost, until
//!   no such move helps; run from several seeded orders, keeping the best. A team that large
//!   nearly always has a repeat-free split: in K rounds each person met at most 2K others,
//!   so for an even count of 4K + 2 or more Dirac's theorem guarantees one. A result
//!   without repeats is optimal on repeats; otherwise the round says the repeats may not be
//!   the minimum. The tests check the heuristic against the exact programme on dense
//!   histories of 10–14 people.
//!
//! The seed shuffles the people before solving, so that among equally good splits each draw
//! gives a different one; the same seed, people and history always give the same split.

use std::collections::HashMap;
use std::ops::Add;

use crate::model::PersonId;

/// The largest team solved exactly; above it the heuristic runs.
pub const EXACT_MAX: usize = 20;
/// Heuristic restarts from different seeded orders.
const STARTS: u64 = 8;
/// A bound on local-search sweeps; each sweep strictly lowers the cost, so it is only a
/// guard against a bug turning into a hang.
const MAX_SWEEPS: usize = 10_000;

/// What a split costs, compared field by field in this order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cost {
    /// Two-person combinations that met in the history.
    pub repeats: u32,
    /// How many times they met, summed.
    pub times: u32,
    /// How recently they met, summed (latest round K, oldest 1).
    pub recency: u32,
}

impl Cost {
    pub const ZERO: Cost = Cost {
        repeats: 0,
        times: 0,
        recency: 0,
    };
}

impl Add for Cost {
    type Output = Cost;

    fn add(self, other: Cost) -> Cost {
        Cost {
            repeats: self.repeats.saturating_add(other.repeats),
            times: self.times.saturating_add(other.times),
            recency: self.recency.saturating_add(other.recency),
        }
    }
}

/// Who met whom in the history.
#[derive(Debug, Clone, Default)]
pub struct Meetings {
    pairs: HashMap<(PersonId, PersonId), Cost>,
}

impl Meetings {
    /// `rounds` most recent first; each round a list of pairs and trios.
    pub fn new(rounds: &[Vec<Vec<PersonId>>]) -> Meetings {
        let k = u32::try_from(rounds.len()).unwrap_or(u32::MAX);
        let mut pairs: HashMap<(PersonId, PersonId), Cost> = HashMap::new();
        for (age, round) in (0u32..).zip(rounds) {
            for group in round {
                for (i, &a) in group.iter().enumerate() {
                    for &b in &group[i + 1..] {
                        if a == b {
                            continue;
                        }
                        let cost = pairs.entry(key(a, b)).or_default();
                        cost.repeats = 1;
                        cost.times = cost.times.saturating_add(1);
                        cost.recency = cost.recency.saturating_add(k - age);
                    }
                }
            }
        }
        Meetings { pairs }
    }

    pub fn cost(&self, a: PersonId, b: PersonId) -> Cost {
        self.pairs.get(&key(a, b)).copied().unwrap_or_default()
    }

    /// How many times the two met in the history.
    pub fn times(&self, a: PersonId, b: PersonId) -> u32 {
        self.cost(a, b).times
    }

    /// The cost of one pair or trio.
    pub fn group_cost(&self, group: &[PersonId]) -> Cost {
        let mut total = Cost::ZERO;
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                total = total + self.cost(a, b);
            }
        }
        total
    }
}

fn key(a: PersonId, b: PersonId) -> (PersonId, PersonId) {
    (a.min(b), a.max(b))
}

/// A split of the people into pairs and at most one trio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Each pair or trio, its members by id; the trio, if any, exists only for an odd count.
    pub groups: Vec<Vec<PersonId>>,
    pub cost: Cost,
    /// Whether the exact algorithm found it (no split costs less).
    pub exact: bool,
}

impl Plan {
    pub fn repeated_pairs(&self) -> u32 {
        self.cost.repeats
    }
}

/// Splits `people` (duplicates ignored) into pairs, with one trio for an odd count. None
/// for fewer than two people: nobody has fika alone.
pub fn plan(people: &[PersonId], meetings: &Meetings, seed: u32) -> Option<Plan> {
    let mut order = people.to_vec();
    order.sort_unstable();
    order.dedup();
    if order.len() < 2 {
        return None;
    }
    let mut rng = SplitMix::new(seed);
    rng.shuffle(&mut order);
    let n = order.len();
    let mut weights = vec![Cost::ZERO; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let cost = meetings.cost(order[i], order[j]);
            weights[i * n + j] = cost;
            weights[j * n + i] = cost;
        }
    }
    let w = Weights { n, cost: weights };
    let (groups, exact) = if n <= EXACT_MAX {
        (exact_split(&w), true)
    } else {
        (heuristic_split(&w, &mut rng), false)
    };
    let cost = groups
        .iter()
        .fold(Cost::ZERO, |sum, g| sum + w.group_cost(g));
    let mut groups: Vec<Vec<PersonId>> = groups
        .into_iter()
        .map(|g| {
            let mut ids: Vec<PersonId> = g.into_iter().map(|i| order[i]).collect();
            ids.sort_unstable();
            ids
        })
        .collect();
    groups.sort();
    Some(Plan {
        groups,
        cost,
        exact,
    })
}

/// The pair costs between people by their index in the shuffled order.
struct Weights {
    n: usize,
    cost: Vec<Cost>,
}

impl Weights {
    fn get(&self, a: usize, b: usize) -> Cost {
        self.cost[a * self.n + b]
    }

    fn group_cost(&self, group: &[usize]) -> Cost {
        let mut total = Cost::ZERO;
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                total = total + self.get(a, b);
            }
        }
        total
    }
}

/// The exact split by dynamic programming over subsets. A state is the set of people
/// already placed plus, for an odd count, whether the trio is formed; from each state the
/// lowest unplaced person is placed, so every split is reached exactly once. Ties keep the
/// first split found, which the seeded order makes a fair draw.
fn exact_split(w: &Weights) -> Vec<Vec<usize>> {
    let n = w.n;
    let odd = n % 2 == 1;
    let layers = if odd { 2 } else { 1 };
    let full = (1usize << n) - 1;
    let states = (full + 1) * layers;
    const UNREACHED: u32 = u32::MAX;
    let mut best = vec![Cost::ZERO; states];
    // The state each state was best reached from; state 0 (nobody placed) is the start.
    let mut prev = vec![UNREACHED; states];
    prev[0] = 0;
    // Strictly better only: the first split found keeps a tie.
    fn relax(best: &mut [Cost], prev: &mut [u32], to: usize, cost: Cost, from: u32) {
        if prev[to] == UNREACHED || cost < best[to] {
            best[to] = cost;
            prev[to] = from;
        }
    }
    for mask in 0..full {
        for trio in 0..layers {
            let state = mask * layers + trio;
            if prev[state] == UNREACHED {
                continue;
            }
            let base = best[state];
            let from = u32::try_from(state).unwrap_or(UNREACHED);
            let i = (!mask).trailing_zeros() as usize;
            for j in i + 1..n {
                if mask & (1 << j) != 0 {
                    continue;
                }
                let pair = mask | (1 << i) | (1 << j);
                let pair_cost = base + w.get(i, j);
                relax(&mut best, &mut prev, pair * layers + trio, pair_cost, from);
                if odd && trio == 0 {
                    for k in j + 1..n {
                        if mask & (1 << k) != 0 {
                            continue;
                        }
                        let cost = pair_cost + w.get(i, k) + w.get(j, k);
                        relax(
                            &mut best,
                            &mut prev,
                            (pair | (1 << k)) * layers + 1,
                            cost,
                            from,
                        );
                    }
                }
            }
        }
    }
    let mut groups = Vec::with_capacity(n / 2);
    let mut state = full * layers + (layers - 1);
    while state != 0 && prev[state] != UNREACHED {
        let from = prev[state] as usize;
        let placed = (state / layers) ^ (from / layers);
        groups.push((0..n).filter(|&b| placed & (1 << b) != 0).collect());
        state = from;
    }
    groups
}

/// Greedy plus local search from several seeded orders; the cheapest result wins, the
/// earliest start among equals.
fn heuristic_split(w: &Weights, rng: &mut SplitMix) -> Vec<Vec<usize>> {
    let mut best: Option<(Cost, Vec<Vec<usize>>)> = None;
    for start in 0..STARTS {
        let mut order: Vec<usize> = (0..w.n).collect();
        if start > 0 {
            rng.shuffle(&mut order);
        }
        let mut groups = greedy(w, &order);
        improve(w, &mut groups);
        let cost = groups
            .iter()
            .fold(Cost::ZERO, |sum, g| sum + w.group_cost(g));
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, groups));
        }
    }
    best.map(|(_, groups)| groups).unwrap_or_default()
}

fn greedy(w: &Weights, order: &[usize]) -> Vec<Vec<usize>> {
    let mut placed = vec![false; w.n];
    let mut groups: Vec<Vec<usize>> = Vec::with_capacity(w.n / 2);
    for (at, &a) in order.iter().enumerate() {
        if placed[a] {
            continue;
        }
        placed[a] = true;
        let partner = order[at + 1..]
            .iter()
            .copied()
            .filter(|&b| !placed[b])
            .min_by_key(|&b| w.get(a, b));
        match partner {
            Some(b) => {
                placed[b] = true;
                groups.push(vec![a, b]);
            }
            None => {
                // The odd one out joins the pair where it adds the least.
                let target = (0..groups.len())
                    .min_by_key(|&g| groups[g].iter().fold(Cost::ZERO, |s, &m| s + w.get(a, m)));
                if let Some(g) = target {
                    groups[g].push(a);
                }
            }
        }
    }
    groups
}

/// Re-splits pairs of groups while that lowers the total cost. Two groups hold four or five
/// people (one trio at most); every way to split them into the same sizes is tried.
fn improve(w: &Weights, groups: &mut [Vec<usize>]) {
    for _ in 0..MAX_SWEEPS {
        let mut improved = false;
        for a in 0..groups.len() {
            for b in a + 1..groups.len() {
                let current = w.group_cost(&groups[a]) + w.group_cost(&groups[b]);
                let people: Vec<usize> = groups[a].iter().chain(&groups[b]).copied().collect();
                if let Some((cost, first, second)) = best_resplit(w, &people) {
                    if cost < current {
                        groups[a] = first;
                        groups[b] = second;
                        improved = true;
                    }
                }
            }
        }
        if !improved {
            return;
        }
    }
}

/// The cheapest split of four people into two pairs, or five into a pair and a trio.
fn best_resplit(w: &Weights, people: &[usize]) -> Option<(Cost, Vec<usize>, Vec<usize>)> {
    let mut best: Option<(Cost, Vec<usize>, Vec<usize>)> = None;
    let m = people.len();
    // Choose the pair containing people[0] (four people) or any pair (five people); the rest
    // form the other group. For four, pairs {0,x} enumerate each split exactly once.
    let firsts: Vec<usize> = if m == 4 { vec![0] } else { (0..m).collect() };
    for &i in &firsts {
        for j in i + 1..m {
            let pair = vec![people[i], people[j]];
            let rest: Vec<usize> = (0..m)
                .filter(|&x| x != i && x != j)
                .map(|x| people[x])
                .collect();
            let cost = w.group_cost(&pair) + w.group_cost(&rest);
            if best.as_ref().is_none_or(|(c, _, _)| cost < *c) {
                best = Some((cost, pair, rest));
            }
        }
    }
    best
}

/// A small seeded generator (SplitMix64): enough to shuffle fairly, and the same seed gives
/// the same sequence on every platform and version, which a crate's default RNG does not
/// promise.
struct SplitMix(u64);

impl SplitMix {
    fn new(seed: u32) -> SplitMix {
        SplitMix(u64::from(seed) ^ 0x6A09_E667_F3BC_C908)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Fisher–Yates; the modulo bias over a 64-bit draw is far below anything a fika notices.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests;
