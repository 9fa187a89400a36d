use chrono::Duration;

use super::*;
use crate::error::ErrorKind;
use crate::service::settings::{report_back_days, set_report_back_days};
use crate::testing::{now, person, store, today};

fn days(n: i64) -> Duration {
    Duration::days(n)
}

fn draft(title: &str, by: Option<i64>) -> IdeaDraft {
    IdeaDraft {
        title: title.into(),
        suggested_by: by,
        ..IdeaDraft::default()
    }
}

#[test]
fn an_idea_is_added_answered_and_moved_through_its_statuses() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let idea = add(
        &mut s,
        &IdeaDraft {
            description: Some("Walk and talk on the phone\non Fridays.".into()),
            ..draft("Walking meetings", Some(anna))
        },
        today(),
        now(),
    )
    .unwrap();
    assert_eq!(idea.suggested_by, Some(anna));
    assert_eq!(idea.suggested_on, today());
    assert_eq!(idea.status, IdeaStatus::New);
    assert_eq!((idea.response.as_deref(), idea.responded_on), (None, None));
    assert_eq!(
        idea.description.as_deref(),
        Some("Walk and talk on the phone\non Fridays.")
    );

    let answered = respond(&mut s, idea.id, "Yes, let's try it in March.", today()).unwrap();
    assert_eq!(
        answered.response.as_deref(),
        Some("Yes, let's try it in March.")
    );
    assert_eq!(answered.responded_on, Some(today()));
    for status in [
        IdeaStatus::Discussing,
        IdeaStatus::Trying,
        IdeaStatus::Adopted,
    ] {
        assert_eq!(set_status(&mut s, idea.id, status).unwrap().status, status);
    }
    assert_eq!(list(&s).unwrap(), [get(&s, idea.id).unwrap()]);
    delete(&mut s, idea.id).unwrap();
    assert!(list(&s).unwrap().is_empty());
}

#[test]
fn an_anonymous_idea_has_no_person_and_the_ui_can_say_how_weak_that_is() {
    let mut s = store();
    let idea = add(&mut s, &draft("Fewer meetings", None), today(), now()).unwrap();
    assert_eq!(idea.suggested_by, None);
    assert_eq!(t(Lang::Sv, "idea.anonymous", &[]), "Anonym");
    for lang in Lang::ALL {
        assert!(t(lang, "idea.anonymity_note", &[]).len() > 60);
    }
}

#[test]
fn invalid_ideas_are_refused_with_their_field_and_nothing_is_stored() {
    let mut s = store();
    let gone = person(&mut s, "Gustav", now());
    crate::service::people::archive(&mut s, gone, now()).unwrap();
    let cases = [
        (draft("", None), "title"),
        (draft(&"i".repeat(121), None), "title"),
        (
            IdeaDraft {
                description: Some("d".repeat(4001)),
                ..draft("Idea", None)
            },
            "description",
        ),
        (draft("Idea", Some(gone)), "suggestedBy"),
        (draft("Idea", Some(-1)), "suggestedBy"),
        (
            IdeaDraft {
                suggested_on: Some("2026-11-28".into()),
                ..draft("Idea", None)
            },
            "suggestedOn",
        ),
    ];
    for (input, field) in cases {
        let err = add(&mut s, &input, today(), now()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Invalid, "{field}: {err}");
        assert_eq!(err.field(), Some(field), "{err}");
        for lang in Lang::ALL {
            assert!(!err.message(lang).starts_with("error."), "{field}");
        }
    }
    let err = add(&mut s, &draft("Idea", Some(999)), today(), now()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(list(&s).unwrap().is_empty());
    let err = add(&mut s, &draft("Idea", Some(gone)), today(), now()).unwrap_err();
    assert_eq!(err.message(Lang::Sv), "Gustav är arkiverad.");
}

#[test]
fn editing_keeps_an_archived_suggester_but_refuses_choosing_one() {
    let mut s = store();
    let anna = person(&mut s, "Anna", now());
    let gone = person(&mut s, "Gustav", now());
    let idea = add(&mut s, &draft("Idea", Some(gone)), today(), now()).unwrap();
    crate::service::people::archive(&mut s, gone, now()).unwrap();
    let edited = update(
        &mut s,
        idea.id,
        &IdeaDraft {
            suggested_on: Some("2026-11-20".into()),
            status: Some(IdeaStatus::Discussing),
            ..draft("Better idea", Some(gone))
        },
        today(),
    )
    .unwrap();
    assert_eq!(edited.title, "Better idea");
    assert_eq!(edited.suggested_by, Some(gone));
    assert_eq!(edited.suggested_on, today() - days(7));
    assert_eq!(edited.status, IdeaStatus::Discussing);

    let other = add(&mut s, &draft("Other", Some(anna)), today(), now()).unwrap();
    let err = update(&mut s, other.id, &draft("Other", Some(gone)), today()).unwrap_err();
    assert_eq!(err.field(), Some("suggestedBy"));
    assert_eq!(get(&s, other.id).unwrap(), other);

    // Absent date and status stay as they were; an absent person makes it anonymous.
    let anonymous = update(&mut s, idea.id, &draft("Better idea", None), today()).unwrap();
    assert_eq!(anonymous.suggested_by, None);
    assert_eq!(anonymous.suggested_on, today() - days(7));
    assert_eq!(anonymous.status, IdeaStatus::Discussing);
}

#[test]
fn report_back_is_due_after_the_set_days_without_a_response() {
    let mut s = store();
    let on = |n: i64| IdeaDraft {
        suggested_on: Some((today() - days(n)).to_string()),
        ..draft(&format!("Idea {n}"), None)
    };
    let fresh = add(&mut s, &on(13), today(), now()).unwrap();
    let due = add(&mut s, &on(14), today(), now()).unwrap();
    let older = add(&mut s, &on(30), today(), now()).unwrap();
    let answered = add(&mut s, &on(40), today(), now()).unwrap();
    respond(&mut s, answered.id, "Thanks, not now.", today() - days(20)).unwrap();
    set_status(&mut s, older.id, IdeaStatus::Declined).unwrap();

    let list = report_back_due(&s, today()).unwrap();
    let ids: Vec<IdeaId> = list.iter().map(|d| d.idea_id).collect();
    assert_eq!(
        ids,
        [older.id, due.id],
        "longest waiting first; status no excuse"
    );
    assert_eq!(list[1].due_on, today());
    assert_eq!(list[1].days_waiting, 14);
    assert_eq!(
        report_back_text(&list[1], Lang::En),
        "Report back on: Idea 14"
    );
    assert_eq!(
        report_back_text(&list[1], Lang::Sv),
        "Återkoppla om: Idea 14"
    );

    // Withdrawing a response makes it due again; a shorter setting brings others forward.
    respond(&mut s, answered.id, "  ", today()).unwrap();
    assert_eq!(report_back_due(&s, today()).unwrap().len(), 3);
    assert_eq!(report_back_days(&s).unwrap(), 14);
    set_report_back_days(&mut s, 7).unwrap();
    assert!(report_back_due(&s, today())
        .unwrap()
        .iter()
        .any(|d| d.idea_id == fresh.id));
    let err = set_report_back_days(&mut s, 0).unwrap_err();
    assert_eq!(err.field(), Some("reportBackDays"));
    assert_eq!(err.message(Lang::En), "Choose between 1 and 365 days.");
}

#[test]
fn answering_again_dates_only_a_changed_response() {
    let mut s = store();
    let idea = add(&mut s, &draft("Idea", None), today() - days(30), now()).unwrap();
    let first = respond(&mut s, idea.id, "We will try it.", today() - days(10)).unwrap();
    let same = respond(&mut s, idea.id, " We will try it. ", today()).unwrap();
    assert_eq!(same.responded_on, first.responded_on);
    let changed = respond(&mut s, idea.id, "We tried it; it stays.", today()).unwrap();
    assert_eq!(changed.responded_on, Some(today()));
    let err = respond(&mut s, idea.id, &"r".repeat(4001), today()).unwrap_err();
    assert_eq!(err.field(), Some("response"));
    assert_eq!(get(&s, idea.id).unwrap(), changed);
}

#[test]
fn unknown_ideas_are_not_found() {
    let mut s = store();
    for err in [
        get(&s, 7).unwrap_err(),
        update(&mut s, 7, &draft("Idea", None), today()).unwrap_err(),
        set_status(&mut s, 7, IdeaStatus::Adopted).unwrap_err(),
        respond(&mut s, 7, "Yes", today()).unwrap_err(),
        delete(&mut s, 7).unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
        assert_eq!(err.message(Lang::Sv), "Idén finns inte (längre).");
    }
    assert_eq!(get(&s, 0).unwrap_err().field(), Some("id"));
}
