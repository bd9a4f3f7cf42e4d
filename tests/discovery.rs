//! Discovery rules for names the gazetteer lacks, and `shabaka unknown` listing them.

use assert_cmd::Command;
use shabaka::extract::gazetteer::EntityKind;
use shabaka::extract::mentions::EntityRef;
use shabaka::extract::{ExtractOptions, Extractor};

mod common;

fn found(text: &str) -> Vec<(String, String, String)> {
    let ex = common::extractor();
    let doc = ex.document(text);
    let m = ex.finder.find(&doc, &ex.gazetteer, &ex.lexicon);
    m.mentions
        .iter()
        .map(|m| {
            let (kind, id) = match &m.entity {
                EntityRef::Known(i) => (
                    ex.gazetteer.entries[*i as usize].kind,
                    ex.gazetteer.entries[*i as usize].slug.clone(),
                ),
                EntityRef::Discovered { kind, key } => (*kind, format!("?{key}")),
            };
            (kind.as_str().to_string(), id, m.surface.clone())
        })
        .collect()
}

fn has(list: &[(String, String, String)], kind: EntityKind, surface: &str) -> bool {
    list.iter()
        .any(|(k, _, s)| k == kind.as_str() && s == surface)
}

#[test]
fn people_after_titles_speech_verbs_and_given_names() {
    let f = found("وقال المتحدث باسم الحكومة الكينية أيزاك موانغي إن الوضع مستقر.");
    assert!(has(&f, EntityKind::Person, "أيزاك موانغي"), "{f:?}");
    let f = found("وأضاف الجنرال أوتينو، في حديثه للصحفيين، أن القوات جاهزة.");
    assert!(has(&f, EntityKind::Person, "أوتينو"), "{f:?}");
    let f = found("وقال ماتياس كورمان إن المنظمة تدعم الاتفاق.");
    assert!(has(&f, EntityKind::Person, "ماتياس كورمان"), "{f:?}");
    let f = found("وصل جون ستيوارت إلى المدينة، وقال ستيوارت إن الرحلة كانت طويلة.");
    let people: Vec<&str> = f
        .iter()
        .filter(|x| x.0 == "Person")
        .map(|x| x.1.as_str())
        .collect();
    assert_eq!(
        people,
        vec!["?جون ستيوارت", "?جون ستيوارت"],
        "the surname resolves to the full name: {f:?}"
    );
}

#[test]
fn common_words_after_triggers_are_not_names() {
    for text in [
        "وقال مسؤول أمريكي إن الوضع خطير.",
        "وقال أحد المسؤولين إن الأمر صعب.",
        "أجرى وزير الخارجية الأمريكي اتصالا هاتفيا مع نظيره.",
        "وقال هذا المسؤول إن الخطة جاهزة.",
    ] {
        let f = found(text);
        assert!(
            !f.iter().any(|x| x.0 == "Person" && x.1.starts_with('?')),
            "{text}: {f:?}"
        );
    }
    // positive control: the same cue before a name finds a discovered person
    let f = found("وقال ماتياس كورمان إن المنظمة تدعم الاتفاق.");
    assert!(
        f.iter().any(|x| x.0 == "Person" && x.1 == "?ماتياس كورمان"),
        "{f:?}"
    );
}

#[test]
fn organisations_from_head_nouns_and_shortened_names() {
    let f = found("أعلنت وزارة الخارجية القطرية أن الجولة المقبلة ستعقد قريبا.");
    assert!(
        has(&f, EntityKind::Organization, "وزارة الخارجية القطرية"),
        "{f:?}"
    );
    // «جهاز الاستخبارات الروسي» can only be the SVR among the gazetteer's organisations
    let f = found("كشف بيان صادر عن جهاز الاستخبارات الروسي تفاصيل الاتصال.");
    assert!(
        f.iter()
            .any(|x| x.1 == "svr" && x.2 == "جهاز الاستخبارات الروسي"),
        "{f:?}"
    );
    // a generic head noun with one common word is not an organisation
    let f = found("اجتمع مجلس الوزراء أمس.");
    assert!(!f.iter().any(|x| x.0 == "Organization"), "{f:?}");
}

#[test]
fn places_after_triggers() {
    let f = found("وقع الانفجار في مدينة قندوز شمال البلاد.");
    assert!(has(&f, EntityKind::Location, "قندوز"), "{f:?}");
}

#[test]
fn unknown_lists_discovered_names_by_frequency() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "قال المتحدث باسم الحكومة الكينية أيزاك موانغي إن الوضع مستقر. وأضاف موانغي أن الانتخابات ستجرى. وقال ماتياس كورمان إن الدعم مستمر.").unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("shabaka")
        .unwrap()
        .args(["build", "--quiet", "--format", "json", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let listed = Command::cargo_bin("shabaka")
        .unwrap()
        .args(["unknown", "--json", "--graph"])
        .arg(out.join("graph.json"))
        .output()
        .unwrap();
    assert!(listed.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows[0]["label"], "أيزاك موانغي");
    assert_eq!(rows[0]["mentions"], 2);
    assert!(rows.iter().any(|r| r["label"] == "ماتياس كورمان"));
    assert!(rows.iter().all(|r| r["id"].as_str().unwrap().contains(':')));
}

#[test]
fn a_discovered_name_stops_before_what_cannot_be_part_of_it() {
    // the conjunction before another given name starts a second person
    let f = found("وشارك في العمل جون ستيوارت وطارق السيد في المدينة.");
    assert!(has(&f, EntityKind::Person, "جون ستيوارت"), "{f:?}");
    assert!(!f.iter().any(|x| x.2.contains("وطارق")), "{f:?}");
    // a clitic before the article («للتدريبات») and a plural verb («سيطروا») end the name
    let f = found("وأعلن المدرب أوتينو للتدريبات غدا.");
    assert!(has(&f, EntityKind::Person, "أوتينو"), "{f:?}");
    let f = found("وقال الجنرال أوتينو سيطروا على البلدة.");
    assert!(has(&f, EntityKind::Person, "أوتينو"), "{f:?}");
    // a word with a possessive or object pronoun («لإقناعهم», «ومرافقوها») is no name's part
    let f = found("وقال الجنرال أوتينو لإقناعهم بالعودة.");
    assert!(has(&f, EntityKind::Person, "أوتينو"), "{f:?}");
}

#[test]
fn a_son_is_named_before_his_fathers_kunya() {
    // «X بن أبي Y»: the son of a father known by his kunya is X, named in full
    let f = found("ثم جاء معاوية بن أبي سفيان الأموي إلى المسجد.");
    assert!(
        has(&f, EntityKind::Person, "معاوية بن أبي سفيان الأموي"),
        "{f:?}"
    );
    // with no name before it, the kunya begins the name
    let f = found("وكان واليها أبو زيد بن أبي عبد الله محمد من الحفصيين.");
    assert!(
        has(&f, EntityKind::Person, "أبو زيد بن أبي عبد الله محمد"),
        "{f:?}"
    );
}

#[test]
fn organisations_named_after_a_head_noun() {
    let f = found("وقال رئيس نادي ريال مدريد إن الفريق جاهز.");
    assert!(has(&f, EntityKind::Organization, "ريال مدريد"), "{f:?}");
    assert!(
        !has(&f, EntityKind::Location, "مدريد"),
        "the city is part of the club's name: {f:?}"
    );
    let f = found("وذكرت صحيفة كرونن تسايتونغ أن اللقاء تم.");
    assert!(has(&f, EntityKind::Organization, "كرونن تسايتونغ"), "{f:?}");
    let f = found("وأعلنت شركة نوكيا أن أرباحها ارتفعت.");
    assert!(has(&f, EntityKind::Organization, "نوكيا"), "{f:?}");
    // after «شركة» an ال-phrase names the trade, not the company
    let f = found("وقالت شركة الطيران إن الرحلات توقفت.");
    assert!(!has(&f, EntityKind::Organization, "الطيران"), "{f:?}");
    // a paper named after its city
    let f = found("ونشرت صحيفة القدس تقريرا مطولا.");
    assert!(has(&f, EntityKind::Organization, "القدس"), "{f:?}");
}

#[test]
fn long_names_with_connectors_and_regnal_numbers() {
    let f = found("وقال الشيخ ناصر بن خالد بن سعد آل ثاني إن الاجتماع مهم.");
    assert!(
        has(&f, EntityKind::Person, "ناصر بن خالد بن سعد آل ثاني"),
        "{f:?}"
    );
    let f = found("وأطلق الملك عبدالله الثاني المبادرة أمس.");
    assert!(has(&f, EntityKind::Person, "عبدالله الثاني"), "{f:?}");
    let f = found("وزار البابا بنديكت السادس عشر المدينة.");
    assert!(has(&f, EntityKind::Person, "بنديكت السادس عشر"), "{f:?}");
    // after a full name an ordinal is a ranking, not a ruler's number
    let f = found("وتأهل التشيلي فرناندو غونزاليز العاشر على منافسه.");
    assert!(has(&f, EntityKind::Person, "فرناندو غونزاليز"), "{f:?}");
}

#[test]
fn place_names_that_are_everyday_words_are_not_in_the_gazetteer() {
    // صور (Tyre / pictures), حديثة (Haditha / recent), الخبر (Khobar / the news), مشهد
    // (Mashhad / scene): ambiguous native names are left out; their cities are found by
    // place triggers («مدينة صور») instead
    let f = found("ونشرت الوكالة صور حديثة ومشهد الخبر كما هو.");
    assert!(
        !f.iter().any(|x| x.0 == "Location" || x.0 == "Country"),
        "{f:?}"
    );
    let f = found("وسقط صاروخ على مدينة صور جنوب لبنان.");
    assert!(has(&f, EntityKind::Location, "صور"), "{f:?}");
}

#[test]
fn given_names_written_before_a_known_surname_join_its_mention() {
    // the gazetteer lists «ثاباتيرو»; the article writes the given names before it
    let f = found("وقال رئيس الحكومة الإسبانية خوسي لويس ثاباتيرو إن الاتفاق قريب.");
    assert!(has(&f, EntityKind::Person, "خوسي لويس ثاباتيرو"), "{f:?}");
    // «على» folds to «علي», a given name: the preposition stays out
    let f = found("ورد الرئيس الفنزويلي على شافيز أمس.");
    assert!(has(&f, EntityKind::Person, "شافيز"), "{f:?}");
    assert!(!f.iter().any(|x| x.2.contains("على")), "{f:?}");
}

#[test]
fn a_kunya_or_abd_opens_a_name() {
    let f = found("وتولى أبو بكر الخلافة بعد وفاة النبي.");
    assert!(has(&f, EntityKind::Person, "أبو بكر"), "{f:?}");
    let f = found("وقال الرئيس عبد العزيز بوتفليقة إن البلاد مستقرة.");
    assert!(has(&f, EntityKind::Person, "عبد العزيز بوتفليقة"), "{f:?}");
}

#[test]
fn a_name_stops_at_an_inflected_common_word() {
    // «قوله» is «قول» with a pronoun, «هجوما» is «هجوم» in the accusative, «سيكون» is
    // «يكون» in the future: none of them is a surname
    let f = found("ونقلت الوكالة عن المتحدث أحمد سالم قوله إن الوفد وصل.");
    assert!(has(&f, EntityKind::Person, "أحمد سالم"), "{f:?}");
    let f = found("وشن المندوب الإسرائيلي دان غيلرمان هجوما عنيفا على المجلس.");
    assert!(has(&f, EntityKind::Person, "دان غيلرمان"), "{f:?}");
}

#[test]
fn a_given_name_alone_is_the_one_person_of_the_article_who_has_it() {
    let f = found("وقال الشاعر نزار قباني إن الشعر حياة. وبدأ نزار يكتب وهو صغير.");
    let nizar: Vec<_> = f.iter().filter(|x| x.2 == "نزار").collect();
    assert_eq!(nizar.len(), 1, "{f:?}");
    assert_eq!(nizar[0].1, "?نزار قباني", "{f:?}");
    // two people named سمير: the given name alone could be either, so it is left alone
    let f = found(
        "وقال الكاتب سمير عطا إن الكتاب جاهز. وأكد المخرج سمير سيف ذلك. ثم عاد سمير إلى بيته.",
    );
    assert!(!f.iter().any(|x| x.2 == "سمير"), "{f:?}");
}

#[test]
fn a_nationality_standing_as_a_noun_introduces_a_name() {
    let f = found("ومنح الفرنسي لويس ساها التقدم لفريقه.");
    assert!(has(&f, EntityKind::Person, "لويس ساها"), "{f:?}");
    // after a noun the nationality is its adjective: no name follows
    let f = found("وأعلن الجيش الفرنسي عزمه تقديم المساعدة.");
    assert!(!f.iter().any(|x| x.0 == "Person"), "{f:?}");
}

#[test]
fn a_place_with_a_masculine_nationality_is_a_team() {
    let f = found("وفاز برشلونة الإسباني على ضيفه بثلاثة أهداف.");
    assert!(has(&f, EntityKind::Organization, "برشلونة"), "{f:?}");
    // the feminine agrees with the city itself
    let f = found("وتستضيف برشلونة الإسبانية المؤتمر.");
    assert!(has(&f, EntityKind::Location, "برشلونة"), "{f:?}");
}

#[test]
fn an_office_in_construct_or_an_adjective_introduces_no_name() {
    // «رئيس» without the article is in construct: «رئيس كتلة ...» names no one
    let f = found("وحذر رئيس كتلة تيار المستقبل من التصعيد.");
    assert!(!f.iter().any(|x| x.0 == "Person"), "{f:?}");
    let f = found("وأطلقت الشركة الهاتف الجديد شريحة المستخدمين.");
    assert!(!f.iter().any(|x| x.0 == "Person"), "{f:?}");
    // with the article, or a clitic before it, the name follows
    let f = found("واستقبل والرئيس أيزاك موانغي الوفد.");
    assert!(has(&f, EntityKind::Person, "أيزاك موانغي"), "{f:?}");
    let f = found("وقال رئيس الوزراء أيزاك موانغي إن الوضع مستقر.");
    assert!(has(&f, EntityKind::Person, "أيزاك موانغي"), "{f:?}");
}

#[test]
fn a_place_after_a_club_noun_or_in_quotation_marks_is_not_the_place() {
    let f = found("وتعادل فريق برشلونة مع ضيفه.");
    assert!(has(&f, EntityKind::Organization, "برشلونة"), "{f:?}");
    let f = found("وقال في حديث لـ «الشرق الأوسط» إن الاتفاق قريب.");
    assert!(has(&f, EntityKind::Organization, "الشرق الأوسط"), "{f:?}");
    // without the quotation marks it is the region
    let f = found("وزار المبعوث الشرق الأوسط مرتين.");
    assert!(!has(&f, EntityKind::Organization, "الشرق الأوسط"), "{f:?}");
    // a team of everyday words is a working group, not a club
    let f = found("وشكلت الحكومة فريق العمل أمس.");
    assert!(!f.iter().any(|x| x.0 == "Organization"), "{f:?}");
}

#[test]
fn a_kunya_takes_the_nisba_after_it() {
    let f = found("وكان أبو حمزة المصري يخطب في المسجد.");
    assert!(has(&f, EntityKind::Person, "أبو حمزة المصري"), "{f:?}");
}

#[test]
fn a_title_in_a_gazetteer_alias_is_left_out_of_the_mention() {
    // the gazetteer knows «الأمير فيصل بن فرحان»; the name is what follows the title
    let f = found("واستقبل الأمير فيصل بن فرحان الوفد.");
    assert!(has(&f, EntityKind::Person, "فيصل بن فرحان"), "{f:?}");
}

#[test]
fn a_son_named_after_his_father_is_not_the_father() {
    // the gazetteer knows Mohammed bin Rashid; «حمدان بن محمد بن راشد آل مكتوم» is his son
    let f = found("واستقبل سمو الشيخ حمدان بن محمد بن راشد آل مكتوم الوفد.");
    assert!(
        has(&f, EntityKind::Person, "حمدان بن محمد بن راشد آل مكتوم"),
        "{f:?}"
    );
    assert!(
        !f.iter().any(|x| x.1 == "mohammed-bin-rashid-al-maktoum"),
        "{f:?}"
    );
}

#[test]
fn a_correspondent_names_the_outlet() {
    // «مراسلة الجزيرة»: the gazetteer's «قناة الجزيرة», found by its own name
    let f = found("وقالت مراسلة الجزيرة إن القصف مستمر.");
    assert!(f.iter().any(|x| x.1 == "aljazeera"), "{f:?}");
    // a definite head noun is no outlet's name
    let f = found("وقال مراسل الوكالة إن القصف مستمر.");
    assert!(!f.iter().any(|x| x.0 == "Organization"), "{f:?}");
}

#[test]
fn a_given_name_the_gazetteer_does_not_give_makes_someone_else() {
    // the gazetteer knows Gordon Brown; Annette Brown is another person
    let f = found("وقالت أنيت براون إن الدراسة اكتملت.");
    assert!(!f.iter().any(|x| x.1 == "gordon-brown"), "{f:?}");
    assert!(has(&f, EntityKind::Person, "أنيت براون"), "{f:?}");
    // his own given name keeps him
    let f = found("وقال غوردون براون إن الاقتصاد يتعافى.");
    assert!(f.iter().any(|x| x.1 == "gordon-brown"), "{f:?}");
}

#[test]
fn particles_of_european_names_stay_in_the_name() {
    let f = found("وقال السفير الفرنسي جان مارك دو لا سابليير إن المجلس سيجتمع.");
    assert!(
        has(&f, EntityKind::Person, "جان مارك دو لا سابليير"),
        "{f:?}"
    );
    // the family name alone keeps its particle…
    let f = found("وقال المدرب ماركو فان باستن إن الفريق جاهز، وأضاف فان باستن أن المباراة صعبة.");
    assert!(has(&f, EntityKind::Person, "فان باستن"), "{f:?}");
    // …but «فإن» («so indeed») folds to the same letters and is no particle
    let f = found("وقال المدرب ماركو فان باستن إن الفريق جاهز، فإن باستن يعرف ذلك.");
    assert!(has(&f, EntityKind::Person, "باستن"), "{f:?}");
    assert!(!f.iter().any(|x| x.2 == "فإن باستن"), "{f:?}");
    // «لا» alone is «no»: «عدنان لا يفي» is not a name
    let f = found("وقال المدرب عدنان لا يفي بوعوده.");
    assert!(!f.iter().any(|x| x.2.contains("لا")), "{f:?}");
}

#[test]
fn a_name_discovered_once_names_the_same_entity_where_it_recurs() {
    // the speech verb finds the actor; later the article writes his name after other verbs
    let f = found("وقال باتشان إن الفيلم نجح. وظهر باتشان في المهرجان، واختير باتشان أشهر ممثل.");
    let actor: Vec<&str> = f
        .iter()
        .filter(|x| x.1 == "?باتشان")
        .map(|x| x.2.as_str())
        .collect();
    assert_eq!(actor, vec!["باتشان"; 3], "{f:?}");
    // a place found after «مدينة» is the place again without the trigger, clitic and all
    let f =
        found("وصل الوفد إلى مدينة تشوانتشو أمس. وتقع تشوانتشو على الساحل، وفي تشوانتشو ميناء.");
    let places = f.iter().filter(|x| x.1 == "?تشوانتشو").count();
    assert_eq!(places, 3, "{f:?}");
    // a one-word person written later with a given name before it is that family's member
    // (behind «ل», where the given-name rule, which takes only «و», does not look)
    let f = found("وقال أينشتاين إن الضوء سريع. وكتب لماكس أينشتاين رسالة طويلة.");
    assert!(has(&f, EntityKind::Person, "ماكس أينشتاين"), "{f:?}");
    // without a discovery in the article, the bare word is not a name
    let f = found("وظهر باتشان في المهرجان.");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn the_next_members_of_a_list_of_people_are_people() {
    let f = found("وشارك في الحفل محمود مرسي ويحيى شاهين ورجاء الجداوي، وغاب آخرون.");
    for name in ["يحيى شاهين", "رجاء الجداوي"] {
        assert!(has(&f, EntityKind::Person, name), "{name}: {f:?}");
    }
    // one-word members: the list goes on after the first, and the last follows a member
    let f = found("وحضر الاجتماع سيرغي لافروف وكاتسيتو وأندي موراي، ثم غادروا.");
    for name in ["كاتسيتو", "أندي موراي"] {
        assert!(has(&f, EntityKind::Person, name), "{name}: {f:?}");
    }
    // «و» opening a clause after a name is not a list, and a title that starts with «و»
    // is no member («وزير» is not «و» + «زير»)
    let f = found("وقال محمود مرسي وزير الخارجية إن الاجتماع مهم.");
    assert!(!f.iter().any(|x| x.2.contains("وزير")), "{f:?}");
    let f = found("صرح الدكتور محمود أبوزيد وزير الموارد المائية والري للصحفيين.");
    assert!(!f.iter().any(|x| x.2.contains("زير")), "{f:?}");
    let f = found("وصل كانافارو وخاب ظنه لما تأخر الفريق.");
    assert!(!has(&f, EntityKind::Person, "خاب ظنه"), "{f:?}");
    // a family name that starts with «و» keeps it: «وهنري وينكلر» is not «هنري» + «ينكلر»
    let f = found("وشارك ديفيد هاسلهوف وهنري وينكلر وجولي كافنر في الفيلم.");
    assert!(!f.iter().any(|x| x.2 == "ينكلر"), "{f:?}");
}

#[test]
fn a_common_word_is_not_read_as_a_clitic_before_a_short_name() {
    // «فشل» (failed) is a word of its own, not «ف» + «شل» (Shell); «وشل» is the company
    let f = found("وقال المدير إن الخطة فشل تنفيذها.");
    assert!(!f.iter().any(|x| x.1 == "shell"), "{f:?}");
    let f = found("وقعت أرامكو وشل اتفاقا جديدا.");
    assert!(f.iter().any(|x| x.1 == "shell"), "{f:?}");
}

#[test]
fn names_take_their_lineage_and_theophoric_parts() {
    // the gazetteer knows «محمد بن زايد»; the article adds the family
    let f = found("استقبل الشيخ محمد بن زايد آل نهيان الوفد أمس.");
    assert!(
        has(&f, EntityKind::Person, "محمد بن زايد آل نهيان"),
        "{f:?}"
    );
    // the word after «آل» is the family's, though «ثاني» is also a common word
    let f = found("وتلقى الشيخ حمد بن جاسم بن جبر آل ثاني رسالة.");
    assert!(
        has(&f, EntityKind::Person, "حمد بن جاسم بن جبر آل ثاني"),
        "{f:?}"
    );
    // «الله» inside a name is the name's
    let f = found("وقال عطاء الله مهاجراني إن المعرض مهم.");
    assert!(has(&f, EntityKind::Person, "عطاء الله مهاجراني"), "{f:?}");
}

#[test]
fn an_ordinary_word_family_name_after_a_title_is_the_known_person() {
    // «مبارك» («blessed», also a given name) is Hosni Mubarak only where a title vouches
    let f = found("وقال الرئيس مبارك إن القمة ناجحة.");
    assert!(f.iter().any(|x| x.1 == "hosni-mubarak"), "{f:?}");
    let f = found("وكان الاجتماع مبارك النتائج.");
    assert!(!f.iter().any(|x| x.1 == "hosni-mubarak"), "{f:?}");
    // a name that goes on is someone else's; «على» is the preposition, not «علي»
    let f = found("وقال الرئيس مبارك الدوسري إن القمة ناجحة.");
    assert!(!f.iter().any(|x| x.1 == "hosni-mubarak"), "{f:?}");
    // «على» folds to «علي»: with a president whose family name is «علي» in the gazetteer,
    // the spelling as written decides
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("people.tsv");
    std::fs::write(
        &extra,
        "id\tkind\tcategory\tlabel_ar\tlabel_en\taliases_ar\tcountry\tnisba\n\
         ahmad-ali\tPerson\tpolitician\tأحمد علي\tAhmad Ali\t\t\t\n",
    )
    .unwrap();
    let ex = Extractor::load(&[&extra], None, ExtractOptions::default()).unwrap();
    let people = |text: &str| {
        let doc = ex.document(text);
        let m = ex.finder.find(&doc, &ex.gazetteer, &ex.lexicon);
        m.mentions
            .iter()
            .filter(|m| m.entity.kind(&ex.gazetteer) == EntityKind::Person)
            .map(|m| m.surface.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(people("وقال الرئيس علي إن الخطة جاهزة."), vec!["علي"]);
    assert!(people("ووافق الرئيس على ذلك أمس.").is_empty());
    // an honorific vouches for nothing: «الدكتور سعيد» is a given name, not Kais Saied
    let f = found("حيث ناشد الدكتور سعيد هيئات المجتمع المدني المشاركة.");
    assert!(!f.iter().any(|x| x.1 == "kais-saied"), "{f:?}");
}

#[test]
fn a_laqab_after_its_title_is_a_name() {
    let f = found("وزار الوفد مرقد الإمام الرضا في مشهد.");
    assert!(has(&f, EntityKind::Person, "الرضا"), "{f:?}");
    let f = found("وقد حكم الملك الحسين البلاد طويلا، وأوصى الملك الحسين بذلك.");
    assert!(has(&f, EntityKind::Person, "الحسين"), "{f:?}");
    // after other titles a definite word is an adjective; an ordinal is a number
    let f = found("وقال الرئيس التنفيذي للشركة إن الأرباح زادت.");
    assert!(!f.iter().any(|x| x.0 == "Person"), "{f:?}");
    let f = found("وزار الوفد مرقد الإمام الثامن في مشهد.");
    assert!(!f.iter().any(|x| x.0 == "Person"), "{f:?}");
}

#[test]
fn a_definite_name_after_a_place_trigger_is_a_place() {
    let f = found("وقتل ثلاثة في بلدة الدجيل شمال بغداد.");
    assert!(has(&f, EntityKind::Location, "الدجيل"), "{f:?}");
    // after «عاصمة» the definite word is what it is the capital of; a trigger word with
    // the article is no name; a name that runs on is not cut to one word
    for text in [
        "وزار عاصمة الإقليم أمس.",
        "وتقع في مدينة الأحلام الكبيرة ملاعب كثيرة.",
    ] {
        let f = found(text);
        assert!(!f.iter().any(|x| x.0 == "Location"), "{text}: {f:?}");
    }
}
