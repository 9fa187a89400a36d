use chrono::{TimeZone, Utc};

use super::*;
use crate::error::ErrorKind;
use crate::i18n::Lang;

fn store() -> Store {
    Store::open_in_memory().unwrap()
}

fn draft(name: &str) -> PersonDraft {
    PersonDraft {
        name: name.into(),
        ..PersonDraft::default()
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 8, 30, 0).unwrap()
}

#[test]
fn added_people_are_listed_active_in_swedish_order() {
    let mut s = store();
    for name in ["Östen", "anna", "Åsa", "Bertil", "Ärla", "Zelda"] {
        add(&mut s, &draft(name), t0()).unwrap();
    }
    let names: Vec<String> = list(&s).unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["anna", "Bertil", "Zelda", "Åsa", "Ärla", "Östen"]);
    assert!(list(&s).unwrap().iter().all(Person::is_active));
}

#[test]
fn editing_changes_the_fields_and_keeps_the_rest() {
    let mut s = store();
    let anna = add(&mut s, &draft("Anna"), t0()).unwrap();
    let edited = update(
        &mut s,
        anna.id,
        &PersonDraft {
            name: "Anna Lind".into(),
            role: Some("Samordnare".into()),
            email: Some("anna.lind@region.se".into()),
            ..PersonDraft::default()
        },
    )
    .unwrap();
    assert_eq!(edited.name, "Anna Lind");
    assert_eq!(edited.role.as_deref(), Some("Samordnare"));
    assert_eq!(edited.email.as_deref(), Some("anna.lind@region.se"));
    assert_eq!(edited.created_at, anna.created_at);
    assert_eq!(get(&s, anna.id).unwrap(), edited);
}

#[test]
fn archive_and_restore() {
    let mut s = store();
    let anna = add(&mut s, &draft("Anna"), t0()).unwrap();
    let archived = archive(&mut s, anna.id, t0()).unwrap();
    assert_eq!(archived.archived_at, Some(t0()));
    assert!(!get(&s, anna.id).unwrap().is_active());
    let restored = restore(&mut s, anna.id).unwrap();
    assert!(restored.is_active());
}

#[test]
fn archiving_twice_is_a_conflict_that_names_the_person() {
    let mut s = store();
    let anna = add(&mut s, &draft("Anna"), t0()).unwrap();
    archive(&mut s, anna.id, t0()).unwrap();
    let later = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
    let err = archive(&mut s, anna.id, later).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.message(Lang::Sv), "Anna är redan arkiverad.");
    assert_eq!(get(&s, anna.id).unwrap().archived_at, Some(t0()));
    let err = restore(&mut s, anna.id).and_then(|_| restore(&mut s, anna.id));
    assert_eq!(err.unwrap_err().message(Lang::En), "Anna is not archived.");
}

#[test]
fn invalid_input_is_refused_and_nothing_is_written() {
    let mut s = store();
    let anna = add(&mut s, &draft("Anna"), t0()).unwrap();
    let err = add(&mut s, &draft("   "), t0()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(err.field(), Some("name"));
    assert_eq!(err.message(Lang::Sv), "Skriv ett namn.");
    let bad_email = PersonDraft {
        name: "Bo".into(),
        email: Some("bo at region".into()),
        ..PersonDraft::default()
    };
    assert_eq!(
        update(&mut s, anna.id, &bad_email).unwrap_err().field(),
        Some("email")
    );
    assert_eq!(list(&s).unwrap(), vec![anna]);
}

#[test]
fn unknown_and_malformed_ids_are_refused() {
    let mut s = store();
    for id in [0, -1] {
        assert_eq!(get(&s, id).unwrap_err().kind(), ErrorKind::Invalid);
    }
    let err = update(&mut s, 42, &draft("Anna")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(
        err.message(Lang::En),
        "That person does not exist (any more)."
    );
    assert_eq!(
        archive(&mut s, 42, t0()).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert!(list(&s).unwrap().is_empty());
}

#[test]
fn markup_in_a_name_is_stored_as_typed() {
    let mut s = store();
    let name = "<img src=x onerror=alert(1)>";
    let p = add(&mut s, &draft(name), t0()).unwrap();
    assert_eq!(get(&s, p.id).unwrap().name, name);
}

#[test]
fn an_edit_without_cadence_keeps_the_cadence() {
    let mut s = store();
    let input = PersonDraft {
        cadence_days: Some(7),
        checkin_minutes: Some(30),
        ..draft("Anna")
    };
    let anna = add(&mut s, &input, t0()).unwrap();
    let edited = update(&mut s, anna.id, &draft("Anna Lind")).unwrap();
    assert_eq!((edited.cadence_days, edited.checkin_minutes), (7, 30));
}

#[test]
fn a_person_has_an_optional_https_meeting_link() {
    let mut s = store();
    let anna = add(&mut s, &draft("Anna"), t0()).unwrap();
    assert_eq!(anna.meeting_link, None);
    let err = set_meeting_link(&mut s, anna.id, Some("zoom.us/j/1")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(
        err.message(Lang::En),
        "The meeting link must start with https:// (copy it from the meeting invitation)."
    );
    assert_eq!(get(&s, anna.id).unwrap().meeting_link, None);
    let set = set_meeting_link(&mut s, anna.id, Some("https://zoom.us/j/123")).unwrap();
    assert_eq!(set.meeting_link.as_deref(), Some("https://zoom.us/j/123"));
    // Editing the form leaves the link alone.
    let edited = update(&mut s, anna.id, &draft("Anna Lind")).unwrap();
    assert_eq!(
        edited.meeting_link.as_deref(),
        Some("https://zoom.us/j/123")
    );
    assert_eq!(
        set_meeting_link(&mut s, anna.id, None)
            .unwrap()
            .meeting_link,
        None
    );
    assert_eq!(
        set_meeting_link(&mut s, 4242, None).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}
