//! Facts on sentences written for these tests (not the sample articles): roles, offices
//! resolved by date, counterparts, events, planned events, event identity across articles.

use shabaka::graph::KnowledgeGraph;

mod common;
use common::{article, graph_of as graph};

fn edges<'a>(
    g: &'a KnowledgeGraph,
    kind: &str,
) -> Vec<(&'a str, &'a str, &'a shabaka::graph::Attrs)> {
    g.edges
        .iter()
        .filter(|e| e.kind.as_str() == kind)
        .map(|e| (&*e.source, &*e.target, &e.attrs))
        .collect()
}

fn events(g: &KnowledgeGraph) -> Vec<&shabaka::graph::Node> {
    g.nodes
        .values()
        .filter(|n| n.kind == shabaka::vocab::NodeKind::Event)
        .collect()
}

fn participants(g: &KnowledgeGraph, event: &str) -> Vec<String> {
    let mut p: Vec<String> = edges(g, "PARTICIPATED_IN")
        .into_iter()
        .filter(|(_, t, _)| *t == event)
        .map(|(s, _, _)| s.to_string())
        .collect();
    p.sort();
    p.dedup();
    p
}

#[test]
fn office_without_a_name_resolves_by_the_article_date() {
    let text = "قال مدير وكالة الاستخبارات المركزية الأمريكية إن الوضع خطير.";
    for (date, person) in [
        ("2022-11-10", "person:william-burns"),
        ("2025-03-20", "person:john-ratcliffe"),
    ] {
        let g = graph(&[article("a", text, Some(date))]);
        let roles = edges(&g, "HOLDS_ROLE");
        assert_eq!(roles.len(), 1, "{date}: {roles:?}");
        assert_eq!((roles[0].0, roles[0].1), (person, "organization:cia"));
        assert_eq!(roles[0].2["rule"], "role_by_date");
    }
    // the same sentence with no date: no guess
    let g = graph(&[article("a", text, None)]);
    assert!(edges(&g, "HOLDS_ROLE").is_empty());
}

#[test]
fn titles_before_after_and_nested() {
    let text = "وصل ستيف ويتكوف، المبعوث الأمريكي، إلى موسكو. والتقى مستشار السياسة الخارجية للرئيس الروسي فلاديمير بوتين يوري أوشاكوف.";
    let g = graph(&[article("a", text, Some("2025-03-01"))]);
    let roles: Vec<(&str, &str, String)> = edges(&g, "HOLDS_ROLE")
        .into_iter()
        .map(|(s, t, a)| (s, t, a["role"].as_str().unwrap().to_string()))
        .collect();
    assert!(
        roles.contains(&(
            "person:steve-witkoff",
            "country:united-states",
            "envoy".into()
        )),
        "{roles:?}"
    );
    assert!(
        roles.contains(&(
            "person:yuri-ushakov",
            "person:vladimir-putin",
            "advisor".into()
        )),
        "{roles:?}"
    );
    assert!(
        roles.contains(&(
            "person:vladimir-putin",
            "country:russia",
            "president".into()
        )),
        "{roles:?}"
    );
    assert!(
        !roles
            .iter()
            .any(|r| r.0 == "person:yuri-ushakov" && r.2 == "president"),
        "{roles:?}"
    );
}

#[test]
fn counterpart_is_the_same_office_in_the_other_country() {
    let text = "أجرى وزير الخارجية الأمريكي اتصالا هاتفيا مع نظيره الروسي يوم الثلاثاء.";
    let g = graph(&[article("a", text, Some("2023-05-12"))]);
    let evs = events(&g);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].attrs["event_type"], "PhoneCall");
    assert_eq!(evs[0].attrs["date"], "2023-05-09");
    assert_eq!(
        participants(&g, &evs[0].id),
        vec!["person:antony-blinken", "person:sergey-lavrov"]
    );
}

#[test]
fn planned_and_hypothetical_events_are_not_reported() {
    for text in [
        "من المتوقع أن يجتمع الرئيس الروسي فلاديمير بوتين مع الرئيس الأمريكي دونالد ترامب.",
        "قال بيسكوف إن تنظيم مكالمة هاتفية بين بوتين وترامب أمر ممكن.",
        "أكد ترامب أن اجتماعا بين ماركو روبيو وسيرجي لافروف قد يعقد قريبا.",
    ] {
        let g = graph(&[article("a", text, Some("2025-03-01"))]);
        assert!(events(&g).is_empty(), "{text}: {:?}", events(&g));
    }
    // positive controls: the same events, said to have happened
    for (text, kind) in [
        (
            "اجتمع الرئيس الروسي فلاديمير بوتين مع الرئيس الأمريكي دونالد ترامب.",
            "Meeting",
        ),
        (
            "قال بيسكوف إن بوتين أجرى مكالمة هاتفية مع ترامب.",
            "PhoneCall",
        ),
    ] {
        let g = graph(&[article("a", text, Some("2025-03-01"))]);
        let found = events(&g);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(
            found[0].attrs.get("event_type").and_then(|v| v.as_str()),
            Some(kind)
        );
    }
}

#[test]
fn meeting_with_a_list_of_people_place_and_date() {
    let text = "اجتمع وزير الخارجية الأمريكي ماركو روبيو مع وزير الخارجية الروسي سيرجي لافروف، ومستشار الأمن القومي الأمريكي مايك والتز، في الرياض، في 18 فبراير 2025.";
    let g = graph(&[article("a", text, None)]);
    let evs = events(&g);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].attrs["event_type"], "Meeting");
    assert_eq!(evs[0].attrs["date"], "2025-02-18");
    assert_eq!(evs[0].attrs["date_text"], "18 فبراير 2025");
    assert_eq!(
        participants(&g, &evs[0].id),
        vec![
            "person:marco-rubio",
            "person:mike-waltz",
            "person:sergey-lavrov"
        ]
    );
    // the venue, and its country as a place of the event too
    let mut places: Vec<(&str, &str)> = edges(&g, "HELD_IN")
        .into_iter()
        .map(|(_, t, e)| (t, e["rule"].as_str().unwrap_or("")))
        .collect();
    places.sort();
    assert_eq!(
        places,
        vec![
            ("country:saudi-arabia", "event:place_country"),
            ("location:riyadh", "event:place")
        ]
    );
    // every fact edge carries full provenance that slices the text
    let chars: Vec<char> = text.chars().collect();
    for e in &g.edges {
        for key in [
            "article",
            "sentence",
            "start",
            "end",
            "evidence",
            "rule",
            "confidence",
        ] {
            assert!(e.attrs.contains_key(key), "{} lacks {key}", e.kind);
        }
        let (s, t) = (
            e.attrs["start"].as_u64().unwrap() as usize,
            e.attrs["end"].as_u64().unwrap() as usize,
        );
        assert!(s < t && t <= chars.len());
    }
}

#[test]
fn one_event_reported_twice_is_one_node_and_two_events_stay_two() {
    let first = article(
        "a",
        "أجرى سيرجي ناريشكين اتصالا هاتفيا مع جون راتكليف في 11 مارس 2025.",
        None,
    );
    let second = article(
        "b",
        "وكان ناريشكين قد أجرى مكالمة هاتفية مع راتكليف في 11 مارس الماضي.",
        Some("2025-06-01"),
    );
    let third = article(
        "c",
        "أجرى ناريشكين اتصالا هاتفيا جديدا مع راتكليف في 2 يونيو 2025.",
        None,
    );
    let g = graph(&[first, second, third]);
    let evs = events(&g);
    assert_eq!(
        evs.len(),
        2,
        "{:?}",
        evs.iter().map(|e| &e.attrs["label_en"]).collect::<Vec<_>>()
    );
    let march = evs
        .iter()
        .find(|e| e.attrs["date"] == "2025-03-11")
        .unwrap();
    let reported: Vec<&str> = edges(&g, "REPORTED_IN")
        .into_iter()
        .filter(|(s, _, _)| **s == *march.id)
        .map(|(_, t, _)| t)
        .collect();
    assert_eq!(reported, vec!["article:a", "article:b"]);
    assert!(evs.iter().any(|e| e.attrs["date"] == "2025-06-02"));
}

#[test]
fn delegations_meet_as_countries() {
    let text = "والتقى الوفدان الأمريكي والروسي يوم الخميس في إسطنبول لمناقشة الملفات.";
    let g = graph(&[article("a", text, Some("2025-02-28"))]);
    let evs = events(&g);
    assert_eq!(evs.len(), 1);
    assert_eq!(
        participants(&g, &evs[0].id),
        vec!["country:russia", "country:united-states"]
    );
    assert_eq!(evs[0].attrs["date"], "2025-02-27");
}

#[test]
fn build_is_deterministic_in_memory() {
    let a = article(
        "a",
        "اجتمع ماركو روبيو مع سيرجي لافروف في الرياض في 18 فبراير 2025.",
        None,
    );
    let b = article(
        "b",
        "قال بيسكوف إن بوتين تحدث هاتفيا مع ترامب أمس.",
        Some("2025-02-13"),
    );
    let one = shabaka::export::json::to_json(&graph(&[a.clone(), b.clone()]));
    let two = shabaka::export::json::to_json(&graph(&[a, b]));
    assert_eq!(one, two);
}

#[test]
fn a_visit_has_a_visitor_and_a_destination() {
    let g = graph(&[article(
        "a",
        "وقام بلير بزيارة خاطفة للولايات المتحدة.",
        Some("2003-03-27"),
    )]);
    let evs = events(&g);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].attrs["event_type"], "Visit");
    assert_eq!(participants(&g, &evs[0].id), vec!["person:tony-blair"]);
    let places: Vec<&str> = edges(&g, "HELD_IN")
        .into_iter()
        .map(|(_, t, _)| t)
        .collect();
    assert_eq!(places, vec!["country:united-states"]);
}

#[test]
fn unknown_people_found_by_given_name_and_title_take_part() {
    let text = "أجرى ألكسندر سلطانوف نائب وزير خارجية روسيا محادثات في دمشق مع وزير الخارجية السوري وليد المعلم.";
    let g = graph(&[article("a", text, None)]);
    let evs = events(&g);
    assert_eq!(evs.len(), 1);
    let people: Vec<String> = participants(&g, &evs[0].id)
        .iter()
        .map(|id| g.nodes[id].attrs["label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(people.len(), 2);
    assert!(
        people.contains(&"ألكسندر سلطانوف".to_string())
            && people.contains(&"وليد المعلم".to_string()),
        "{people:?}"
    );
    assert!(!g
        .nodes
        .values()
        .any(|n| n.attrs.get("label").and_then(|l| l.as_str()) == Some("خارجية")));
}

#[test]
fn official_country_names_are_the_country() {
    let ex = shabaka::extract::Extractor::load(
        &[] as &[&str],
        None,
        shabaka::extract::ExtractOptions::default(),
    )
    .unwrap();
    for (text, slug) in [
        ("زار الوفد الجمهورية العربية السورية أمس.", "syria"),
        (
            "وقالت الجمهورية الجزائرية الديمقراطية الشعبية في بيان إن",
            "algeria",
        ),
        ("وقعت جمهورية ألمانيا الاتحادية الاتفاق.", "germany"),
    ] {
        let doc = ex.document(text);
        let found = ex.finder.find(&doc, &ex.gazetteer, &ex.lexicon);
        let whole = found.mentions.iter().any(|m| {
            matches!(m.entity, shabaka::extract::mentions::EntityRef::Known(i)
                if ex.gazetteer.entries[i as usize].slug == slug)
                && m.tokens.end - m.tokens.first >= 3
        });
        assert!(whole, "{text}: {:?}", found.mentions);
    }
}
