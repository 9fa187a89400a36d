//! The sample team a new user can try the app with: ten people with Swedish names, two work
//! groups and a week's rhythm, with check-ins back-dated so that Today has something to show.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::i18n::{t, Lang};
use crate::model::privacy::IdeaChoice;
use crate::model::recurrence::{End, Recurrence, Repeat, Weekday};
use crate::model::{Channel, GroupId, PersonDraft, PersonId, RhythmDraft, RhythmId, RhythmKind};
use crate::schedule::recurrence::monday_of;
use crate::store::{checkins, groups, people, privacy, rhythms, settings, Store};

/// The setting that remembers what the sample added, so that it is added once and can be
/// removed in one action.
const LOADED_KEY: &str = "sample.loaded";

/// What the sample added, by id.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Loaded {
    people: Vec<PersonId>,
    groups: Vec<GroupId>,
    rhythms: Vec<RhythmId>,
}

fn loaded(conn: &Connection) -> Result<Option<Loaded>> {
    Ok(settings::get(conn, LOADED_KEY)?.and_then(|text| serde_json::from_str(&text).ok()))
}

/// The sample's people still in the data: by id and, since ids can be reused after an
/// erasure, by the sample's own name.
fn present_people(conn: &Connection, record: &Loaded) -> Result<Vec<PersonId>> {
    let mut present = Vec::new();
    for &id in &record.people {
        if let Some(person) = people::get(conn, id)? {
            if PEOPLE.iter().any(|(name, ..)| *name == person.name) {
                present.push(id);
            }
        }
    }
    Ok(present)
}

/// Whether the sample team is in the data (any of its people is left).
pub fn is_loaded(store: &Store) -> Result<bool> {
    let conn = store.conn();
    Ok(match loaded(conn)? {
        Some(record) => !present_people(conn, &record)?.is_empty(),
        None => false,
    })
}

/// Name, role (catalogue key), cadence in days, days since the last check-in (None: never).
const PEOPLE: &[(&str, &str, u16, Option<i64>)] = &[
    ("Anna Lindqvist", "sample.role.caseworker", 14, Some(16)),
    ("Erik Johansson", "sample.role.developer", 14, Some(14)),
    ("Fatima Hassan", "sample.role.coordinator", 7, Some(3)),
    ("Johan Berg", "sample.role.administrator", 21, Some(19)),
    ("Karin Nilsson", "sample.role.controller", 14, Some(5)),
    ("Lars Persson", "sample.role.caseworker", 14, Some(25)),
    ("Maria Andersson", "sample.role.communicator", 14, Some(10)),
    ("Mohammed Ali", "sample.role.investigator", 14, None),
    ("Sofia Ek", "sample.role.project_lead", 14, Some(2)),
    ("Åsa Holm", "sample.role.administrator", 21, Some(8)),
];

/// Work groups: name (catalogue key) and members (indexes into PEOPLE).
const GROUPS: &[(&str, &[usize])] = &[
    ("sample.group.casework", &[0, 2, 5, 7]),
    ("sample.group.development", &[1, 3, 8]),
];

/// What loading the sample added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SampleSummary {
    pub people: u32,
    pub groups: u32,
    pub rhythms: u32,
}

fn email(name: &str) -> String {
    let ascii: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            ' ' => '.',
            c => c,
        })
        .collect();
    format!("{ascii}@exempel.se")
}

fn weekly(weekdays: Vec<Weekday>, interval: u16) -> Recurrence {
    Recurrence {
        repeat: Repeat::Weekly { interval, weekdays },
        end: End::Never,
    }
}

/// Adds the sample team in one transaction — all of it or nothing — titled in `lang`, with
/// rhythms in `local_tz` starting this week.
pub fn load(
    store: &mut Store,
    lang: Lang,
    local_tz: Tz,
    now: DateTime<Utc>,
) -> Result<SampleSummary> {
    let today = now.with_timezone(&local_tz).date_naive();
    // Everyone joined two months ago, so the one never met is overdue too.
    let joined = now - Duration::days(60);
    let monday = monday_of(today).unwrap_or(today);
    store.write(|tx| {
        if let Some(record) = loaded(tx)? {
            if !present_people(tx, &record)?.is_empty() {
                return Err(Error::Conflict {
                    key: "error.conflict.sample_loaded",
                    args: Vec::new(),
                });
            }
        }
        let mut ids = Vec::with_capacity(PEOPLE.len());
        for &(name, role_key, cadence, last) in PEOPLE {
            let draft = PersonDraft {
                name: name.into(),
                role: Some(t(lang, role_key, &[])),
                email: Some(email(name)),
                cadence_days: Some(cadence.into()),
                checkin_minutes: None,
            };
            let id = people::insert(tx, &draft.validate()?, joined)?;
            if let Some(days) = last {
                // An earlier one too, so that each person has some history.
                for ago in [days + i64::from(cadence), days] {
                    let held_on = today - Duration::days(ago);
                    checkins::insert(tx, id, held_on, 20, Channel::Video, None, None, now)?;
                }
            }
            ids.push(id);
        }
        let mut group_ids = Vec::with_capacity(GROUPS.len());
        for &(name_key, members) in GROUPS {
            let id = groups::insert(tx, &t(lang, name_key, &[]), now)?;
            for &member in members {
                groups::add_member(tx, id, ids[member])?;
            }
            group_ids.push(id);
        }
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
        let rhythms = [
            (
                RhythmKind::GroupMeeting,
                "sample.rhythm.casework_meeting",
                Some(group_ids[0]),
                None,
                weekly(vec![Weekday::Mon], 1),
                at(9, 0),
                45,
            ),
            (
                RhythmKind::GroupMeeting,
                "sample.rhythm.development_meeting",
                Some(group_ids[1]),
                None,
                weekly(vec![Weekday::Tue, Weekday::Thu], 1),
                at(10, 0),
                30,
            ),
            (
                RhythmKind::OfficeHours,
                "sample.rhythm.office_hours",
                None,
                None,
                weekly(vec![Weekday::Wed], 1),
                at(13, 0),
                60,
            ),
            (
                RhythmKind::SocialBreak,
                "sample.rhythm.fika",
                None,
                None,
                weekly(vec![Weekday::Fri], 1),
                at(15, 0),
                20,
            ),
            (
                RhythmKind::OneOnOne,
                "sample.rhythm.one_on_one",
                None,
                Some(ids[8]),
                weekly(vec![Weekday::Thu], 2),
                at(14, 0),
                30,
            ),
        ];
        let mut rhythm_ids = Vec::with_capacity(rhythms.len());
        for (kind, title_key, group_id, person_id, recurrence, time, minutes) in &rhythms {
            let draft = RhythmDraft {
                kind: *kind,
                title: t(lang, title_key, &[]),
                group_id: *group_id,
                person_id: *person_id,
                start_date: monday.format("%Y-%m-%d").to_string(),
                start_time: time.format("%H:%M").to_string(),
                duration_minutes: *minutes,
                timezone: Some(local_tz.name().to_owned()),
                recurrence: recurrence.clone(),
                lead_minutes: None,
            };
            rhythm_ids.push(crate::service::rhythms::create_in(tx, &draft, local_tz, now)?.id);
        }
        let record = Loaded {
            people: ids.clone(),
            groups: group_ids.clone(),
            rhythms: rhythm_ids,
        };
        let text = serde_json::to_string(&record).map_err(|e| {
            Error::Invalid(crate::error::Invalid::new("sample", "error.internal").with("detail", e))
        })?;
        settings::set(tx, LOADED_KEY, &text)?;
        Ok(SampleSummary {
            people: u32::try_from(ids.len()).unwrap_or(u32::MAX),
            groups: u32::try_from(group_ids.len()).unwrap_or(u32::MAX),
            rhythms: u32::try_from(rhythms.len()).unwrap_or(u32::MAX),
        })
    })
}

/// Removes everything the sample added that is still there — its people with all that was
/// recorded about them (check-ins, notes, assignments' ownership, fika rounds, ideas), its
/// work groups and its rhythms — in one transaction, as erasing a person does, so nothing
/// of it stays in the file. A group that one of the manager's own rhythms uses is kept.
/// Returns what was removed; refused when no sample team is loaded.
pub fn remove(store: &mut Store) -> Result<SampleSummary> {
    let removed = store.write(|tx| {
        let Some(record) = loaded(tx)? else {
            return Err(Error::Conflict {
                key: "error.conflict.no_sample",
                args: Vec::new(),
            });
        };
        let mut summary = SampleSummary {
            people: 0,
            groups: 0,
            rhythms: 0,
        };
        for &id in &record.rhythms {
            if rhythms::delete(tx, id)? {
                summary.rhythms += 1;
            }
        }
        for id in present_people(tx, &record)? {
            let report = privacy::erase(tx, id, IdeaChoice::Erase)?;
            summary.people += 1;
            summary.rhythms += report.rhythms;
        }
        for &id in &record.groups {
            if groups::rhythm_count(tx, id)? == 0 && groups::delete(tx, id)? {
                summary.groups += 1;
            }
        }
        settings::remove(tx, LOADED_KEY)?;
        Ok(summary)
    })?;
    store.checkpoint()?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_sample_team_fills_today_with_something_to_do() {
        let mut store = Store::open_in_memory().unwrap();
        let tz: Tz = "Europe/Stockholm".parse().unwrap();
        // A Thursday morning.
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 7, 0, 0).unwrap();
        let summary = load(&mut store, Lang::Sv, tz, now).unwrap();
        assert_eq!(
            summary,
            SampleSummary {
                people: 10,
                groups: 2,
                rhythms: 5
            }
        );
        let agenda = crate::service::agenda::agenda(&store, now, tz, 7).unwrap();
        let overdue: Vec<&str> = agenda.overdue.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(overdue, ["Mohammed Ali", "Lars Persson", "Anna Lindqvist"]);
        let today = &agenda.days[0];
        assert_eq!(today.checkins.len(), 1, "Erik is due today");
        let titles: Vec<&str> = today.occurrences.iter().map(|o| &*o.title).collect();
        assert!(titles.contains(&"Utvecklingsmöte"), "{titles:?}");
        let week: usize = agenda.days.iter().map(|d| d.occurrences.len()).sum();
        assert!(week >= 6, "a week of rhythm, got {week}");
    }

    #[test]
    fn loading_twice_does_not_duplicate_anyone() {
        let mut store = Store::open_in_memory().unwrap();
        let tz: Tz = "Europe/Stockholm".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 7, 0, 0).unwrap();
        assert!(!is_loaded(&store).unwrap());
        load(&mut store, Lang::En, tz, now).unwrap();
        assert!(is_loaded(&store).unwrap());
        let err = load(&mut store, Lang::En, tz, now).unwrap_err();
        assert_eq!(
            err.message(Lang::Sv),
            "Exempelteamet finns redan i dina data. Ta bort det först om du vill lägga in det på nytt."
        );
        assert_eq!(crate::service::people::list(&store).unwrap().len(), 10);
        assert_eq!(crate::service::rhythms::list(&store).unwrap().len(), 5);
    }

    #[test]
    fn removing_the_sample_team_leaves_the_managers_own_data() {
        let mut store = Store::open_in_memory().unwrap();
        let tz: Tz = "Europe/Stockholm".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 7, 0, 0).unwrap();
        let mine = crate::testing::person(&mut store, "Beata Ström", now);
        load(&mut store, Lang::En, tz, now).unwrap();
        // The manager tried it out: a real colleague joined a sample group, a check-in was
        // logged with a sample person, and one sample person was erased by hand already.
        let groups = crate::service::groups::list(&store).unwrap();
        crate::service::groups::add_member(&mut store, groups[0].id, mine).unwrap();
        let people = crate::service::people::list(&store).unwrap();
        let sofia = people.iter().find(|p| p.name == "Sofia Ek").unwrap().id;
        crate::service::privacy::erase(&mut store, sofia, IdeaChoice::Erase).unwrap();

        let removed = remove(&mut store).unwrap();

        assert_eq!(
            removed,
            SampleSummary {
                people: 9,
                groups: 2,
                // The 1:1 series with Sofia went when she was erased.
                rhythms: 4
            }
        );
        let left: Vec<String> = crate::service::people::list(&store)
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(left, ["Beata Ström"]);
        assert_eq!(crate::service::rhythms::list(&store).unwrap(), []);
        assert_eq!(crate::service::groups::list(&store).unwrap(), []);
        assert!(!is_loaded(&store).unwrap());
        // Gone, so it can be loaded again, and removing twice is refused.
        assert!(matches!(remove(&mut store), Err(Error::Conflict { .. })));
        load(&mut store, Lang::En, tz, now).unwrap();
        assert_eq!(crate::service::people::list(&store).unwrap().len(), 11);
    }
}
