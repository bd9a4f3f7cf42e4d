//! Dates in Arabic news text, resolved against the article's date.
//!
//! «11 مارس 2025», «في 18 فبراير», «فبراير الماضي», «الشهر الماضي», «يوم الأحد»,
//! «مساء الاثنين», «أمس», «في اليوم ذاته»: each becomes an ISO date as precise as the text
//! allows (2025, 2025-02, 2025-02-18), keeping the words it came from.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon::Lexicon;
use super::matcher::PhraseIndex;
use crate::text::morph;
use crate::text::Document;

/// Which way a date without a year points from the article's date: «فبراير الماضي»
/// (past), «الأربعاء المقبل» (next), or «يوم الأربعاء» (unmarked: the past for what
/// happened, the future for what is planned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    Past,
    Next,
    Unmarked,
}

/// What a date expression says before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    Full {
        year: i32,
        month: u32,
        day: u32,
    },
    MonthYear {
        year: i32,
        month: u32,
    },
    Year(i32),
    DayMonth {
        day: u32,
        month: u32,
    },
    /// A month name alone, or with الماضي / المقبل.
    Month {
        month: u32,
        toward: Toward,
    },
    Weekday(Weekday, Toward),
    /// «الأسبوع الماضي», «الأسبوع المقبل», «هذا الأسبوع»: the month if the whole week lies
    /// in one, else the year.
    Week(Toward),
    LastMonth,
    ThisMonth,
    NextMonth,
    Yesterday,
    Today,
    /// «غدا»: the day after the article's.
    Tomorrow,
    /// «في اليوم ذاته», «في اليوم نفسه»: the day of the event being talked about.
    SameDay,
}

/// A date expression found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub first: usize,
    pub end: usize,
    pub value: DateValue,
    pub text: String,
}

/// An ISO date of any precision.
pub type IsoDate = String;

/// The words of relative dates (`data/lexicon/date_words.tsv`), by what they mean.
#[derive(Debug, Clone, Default)]
pub struct DateWords {
    weekdays: FxHashMap<String, Weekday>,
    past: FxHashSet<String>,
    current: FxHashSet<String>,
    year: FxHashSet<String>,
    month: FxHashSet<String>,
    this: FxHashSet<String>,
    yesterday: FxHashSet<String>,
    tomorrow: FxHashSet<String>,
    day: FxHashSet<String>,
    same: FxHashSet<String>,
    same_before: FxHashSet<String>,
    day_part: FxHashSet<String>,
    next: FxHashSet<String>,
    week: FxHashSet<String>,
    /// «زيارته المستمرة», «المفاوضات الجارية»: under way on the article's date.
    ongoing: FxHashSet<String>,
    /// Every word above (weekdays without the article): a token that is none of them
    /// starts no relative date, and most tokens are ruled out by this one lookup.
    any: FxHashSet<String>,
}

impl DateWords {
    /// Adds `word` (normalised) with its meaning, or says the meaning is unknown.
    pub fn add(&mut self, word: &str, meaning: &str) -> Result<(), String> {
        let word = word.to_string();
        self.any.insert(morph::bare(&word).to_string());
        if let Some(day) = meaning.strip_prefix("weekday:") {
            let weekday = match day {
                "sat" => Weekday::Sat,
                "sun" => Weekday::Sun,
                "mon" => Weekday::Mon,
                "tue" => Weekday::Tue,
                "wed" => Weekday::Wed,
                "thu" => Weekday::Thu,
                "fri" => Weekday::Fri,
                other => return Err(format!("unknown weekday {other:?} (sat … fri)")),
            };
            self.weekdays.insert(word, weekday);
            return Ok(());
        }
        let set = match meaning {
            "past" => &mut self.past,
            "current" => &mut self.current,
            "year" => &mut self.year,
            "month" => &mut self.month,
            "this" => &mut self.this,
            "yesterday" => &mut self.yesterday,
            "tomorrow" => &mut self.tomorrow,
            "day" => &mut self.day,
            "same" => &mut self.same,
            "same_before" => &mut self.same_before,
            "day_part" => &mut self.day_part,
            "next" => &mut self.next,
            "week" => &mut self.week,
            "ongoing" => &mut self.ongoing,
            other => return Err(format!("unknown date word meaning {other:?}")),
        };
        set.insert(word);
        Ok(())
    }

    /// The weekday `word` names, with or without the article.
    fn weekday_of(&self, word: &str) -> Option<Weekday> {
        self.weekdays.get(morph::bare(word)).copied()
    }

    /// The direction a word after a date gives it («الماضي», «المقبل»), if it is one.
    fn toward(&self, word: &str) -> Toward {
        if self.past.contains(word) {
            Toward::Past
        } else if self.next.contains(word) {
            Toward::Next
        } else {
            Toward::Unmarked
        }
    }
}

fn number(word: &str, max: u32) -> Option<u32> {
    if word.is_empty() || word.len() > 4 || !word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|n| *n >= 1 && *n <= max)
}

fn year(word: &str) -> Option<i32> {
    if word.len() == 4 {
        number(word, 2100).filter(|y| *y >= 1900).map(|y| y as i32)
    } else {
        None
    }
}

/// Month names as a phrase index (some are two words: كانون الثاني).
pub fn month_index(lexicon: &Lexicon) -> PhraseIndex<u32> {
    let mut index = PhraseIndex::default();
    for (tokens, month) in &lexicon.months {
        index.insert(&tokens.join(" "), false, *month as u32);
    }
    index
}

/// Finds the date expressions of a document, in order, not overlapping.
pub fn find(doc: &Document, months: &PhraseIndex<u32>, words: &DateWords) -> Vec<DateMention> {
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let text = |i: usize| if i < n { doc.token_text(i) } else { "" };
    let same_sentence =
        |a: usize, b: usize| b < n && doc.tokens[a].sentence == doc.tokens[b].sentence;
    let mut i = 0;
    while i < n {
        if doc.token_excluded(i) {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, DateValue)> = None;
        let month_at = |j: usize| -> Option<(usize, u32)> {
            (j < n && same_sentence(i, j))
                .then(|| months.longest_at(doc, j))
                .flatten()
                .map(|m| (m.end, *m.payload))
        };
        // day month [year]
        if let Some(day) = number(text(i), 31) {
            if let Some((after, month)) = month_at(i + 1) {
                found = Some(
                    match year(text(after)).filter(|_| same_sentence(i, after)) {
                        Some(y) => (
                            after + 1,
                            DateValue::Full {
                                year: y,
                                month,
                                day,
                            },
                        ),
                        None => (after, DateValue::DayMonth { day, month }),
                    },
                );
            }
        }
        // month [year | الماضي]
        if found.is_none() {
            if let Some((after, month)) = month_at(i) {
                let toward = if same_sentence(i, after) {
                    words.toward(text(after))
                } else {
                    Toward::Unmarked
                };
                found = Some(
                    match year(text(after)).filter(|_| same_sentence(i, after)) {
                        Some(y) => (after + 1, DateValue::MonthYear { year: y, month }),
                        None if toward != Toward::Unmarked => {
                            (after + 1, DateValue::Month { month, toward })
                        }
                        None => (after, DateValue::Month { month, toward }),
                    },
                );
            }
        }
        if found.is_none() {
            let w = text(i);
            let next = if same_sentence(i, i + 1) {
                text(i + 1)
            } else {
                ""
            };
            let stem = w
                .strip_prefix(morph::AND)
                .filter(|s| s.chars().count() > 2)
                .unwrap_or(w);
            if !words.any.contains(morph::bare(stem)) {
                i += 1;
                continue;
            }
            // «الخميس الماضي», «الأربعاء المقبل»: the word after the weekday
            let weekday_with_direction = |end: usize, day: Weekday| {
                let toward = if same_sentence(i, end) {
                    words.toward(text(end))
                } else {
                    Toward::Unmarked
                };
                let end = if toward == Toward::Unmarked {
                    end
                } else {
                    end + 1
                };
                (end, DateValue::Weekday(day, toward))
            };
            found = match (stem, next) {
                (w, y) if words.year.contains(w) && year(y).is_some() => {
                    Some((i + 2, DateValue::Year(year(y).unwrap_or_default())))
                }
                (w, n) if words.month.contains(w) && words.past.contains(n) => {
                    Some((i + 2, DateValue::LastMonth))
                }
                (w, n) if words.month.contains(w) && words.current.contains(n) => {
                    Some((i + 2, DateValue::ThisMonth))
                }
                (w, n) if words.this.contains(w) && words.month.contains(n) => {
                    Some((i + 2, DateValue::ThisMonth))
                }
                (w, _) if words.yesterday.contains(w) => Some((i + 1, DateValue::Yesterday)),
                (w, _) if words.tomorrow.contains(w) => Some((i + 1, DateValue::Tomorrow)),
                (w, n) if words.day.contains(w) && words.same.contains(n) => {
                    Some((i + 2, DateValue::SameDay))
                }
                (w, n) if words.same_before.contains(w) && words.day.contains(n) => {
                    Some((i + 2, DateValue::SameDay))
                }
                (w, n) if words.month.contains(w) && words.next.contains(n) => {
                    Some((i + 2, DateValue::NextMonth))
                }
                (w, n) if words.week.contains(w) && words.toward(n) != Toward::Unmarked => {
                    Some((i + 2, DateValue::Week(words.toward(n))))
                }
                (w, n) if words.this.contains(w) && words.week.contains(n) => {
                    Some((i + 2, DateValue::Week(Toward::Unmarked)))
                }
                (w, n) if words.day.contains(w) && !morph::has_article(n) => {
                    Some((i + 1, DateValue::Today))
                }
                (w, _) if words.ongoing.contains(w) => Some((i + 1, DateValue::Today)),
                (w, d) if words.day_part.contains(w) && words.weekday_of(d).is_some() => {
                    let day = words.weekday_of(d).unwrap_or(Weekday::Mon);
                    Some(weekday_with_direction(i + 2, day))
                }
                // a weekday written alone takes the article: «الخميس», «والسبت الماضي»
                (w, _) if morph::has_article(w) && words.weekday_of(w).is_some() => {
                    let day = words.weekday_of(w).unwrap_or(Weekday::Mon);
                    Some(weekday_with_direction(i + 1, day))
                }
                _ => None,
            };
        }
        match found {
            Some((end, value)) => {
                let (start, stop) = (doc.tokens[i].chars.start, doc.tokens[end - 1].chars.end);
                out.push(DateMention {
                    first: i,
                    end,
                    value,
                    text: doc.original(start, stop),
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Parses an ISO date of any precision into (year, month, day) options.
fn parts(iso: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let mut it = iso.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next().and_then(|m| m.parse().ok());
    let d = it.next().and_then(|d| d.parse().ok());
    Some((y, m, d))
}

fn iso(year: i32, month: Option<u32>, day: Option<u32>) -> String {
    match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    }
}

/// Resolves a date against the article's date (ISO, any precision) and, for «the same
/// day», the date of the event last talked about; an unmarked date («يوم الأربعاء»,
/// «في يونيو») lies before the article.
pub fn resolve(value: DateValue, article: Option<&str>, same_day: Option<&str>) -> Option<IsoDate> {
    resolve_toward(value, article, same_day, false)
}

/// `resolve`, with unmarked dates after the article when `forward` (what is planned).
pub fn resolve_toward(
    value: DateValue,
    article: Option<&str>,
    same_day: Option<&str>,
    forward: bool,
) -> Option<IsoDate> {
    let reference = article.and_then(parts);
    let full_ref = reference.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m?, d?));
    let ahead = |toward: Toward| match toward {
        Toward::Past => false,
        Toward::Next => true,
        Toward::Unmarked => forward,
    };
    let day_iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    match value {
        DateValue::Full { year, month, day } => {
            NaiveDate::from_ymd_opt(year, month, day).map(|_| iso(year, Some(month), Some(day)))
        }
        DateValue::MonthYear { year, month } => Some(iso(year, Some(month), None)),
        DateValue::Year(y) => Some(iso(y, None, None)),
        DateValue::DayMonth { day, month } => {
            let (y, m, d) = reference?;
            let later = m.is_some_and(|rm| (month, day) > (rm, d.unwrap_or(0)));
            let earlier = m.is_some_and(|rm| (month, day) < (rm, d.unwrap_or(0)));
            // a day and month later than the article's are last year's, or, for what is
            // planned, an earlier one is next year's
            let year = if forward && earlier {
                y + 1
            } else if !forward && later && m.is_some_and(|rm| month > rm) {
                y - 1
            } else {
                y
            };
            NaiveDate::from_ymd_opt(year, month, day).map(|_| iso(year, Some(month), Some(day)))
        }
        DateValue::Month { month, toward } => {
            let (y, m, _) = reference?;
            let rm = m?;
            let year = if ahead(toward) {
                if month > rm || (month == rm && toward == Toward::Unmarked) {
                    y
                } else {
                    y + 1
                }
            } else if month > rm {
                y - 1
            } else {
                y
            };
            Some(iso(year, Some(month), None))
        }
        DateValue::LastMonth => {
            let (y, m, _) = reference?;
            let m = m?;
            Some(if m == 1 {
                iso(y - 1, Some(12), None)
            } else {
                iso(y, Some(m - 1), None)
            })
        }
        DateValue::ThisMonth => {
            let (y, m, _) = reference?;
            Some(iso(y, Some(m?), None))
        }
        DateValue::NextMonth => {
            let (y, m, _) = reference?;
            let m = m?;
            Some(if m == 12 {
                iso(y + 1, Some(1), None)
            } else {
                iso(y, Some(m + 1), None)
            })
        }
        DateValue::Week(toward) => {
            let d = full_ref?;
            // the week the article is in, Monday first, then the one before or after
            let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
            let start = match toward {
                Toward::Past => monday - Duration::days(7),
                Toward::Next => monday + Duration::days(7),
                Toward::Unmarked => monday,
            };
            let end = start + Duration::days(6);
            Some(if start.month() == end.month() {
                iso(start.year(), Some(start.month()), None)
            } else if start.year() == end.year() {
                iso(start.year(), None, None)
            } else {
                return None;
            })
        }
        DateValue::Today => full_ref.map(day_iso),
        DateValue::Yesterday => full_ref.map(|d| day_iso(d - Duration::days(1))),
        DateValue::Tomorrow => full_ref.map(|d| day_iso(d + Duration::days(1))),
        DateValue::Weekday(wd, toward) => {
            let d = full_ref?;
            let (today, target) = (
                d.weekday().num_days_from_monday() as i64,
                wd.num_days_from_monday() as i64,
            );
            Some(day_iso(if ahead(toward) {
                // the next such day: today's only if unmarked
                let mut on = (7 + target - today) % 7;
                if on == 0 && toward == Toward::Next {
                    on = 7;
                }
                d + Duration::days(on)
            } else {
                let mut back = (7 + today - target) % 7;
                if back == 0 && toward == Toward::Past {
                    back = 7;
                }
                d - Duration::days(back)
            }))
        }
        DateValue::SameDay => same_day.map(str::to_string),
    }
}

/// The calendar date of a publication time stamp: «2018-05-07T06:05:27Z» → «2018-05-07»;
/// a date alone, of any precision, as it is.
pub fn calendar_date(stamp: &str) -> &str {
    let end = stamp.find(['T', ' ']).unwrap_or(stamp.len());
    &stamp[..end]
}

/// Whether a publication date from metadata is one the date rules can use: an ISO date of
/// any precision («2018», «2018-05», «2018-05-07») that exists in the calendar, optionally
/// followed by a time («2018-05-07T06:05:27Z», «2018-05-07 06:05»).
pub fn valid_published(stamp: &str) -> bool {
    let day = calendar_date(stamp);
    let time = &stamp[day.len()..];
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    // «T» or « » then HH:MM, anything after (seconds, zone) as it comes
    let t = time.as_bytes();
    let time_ok = t.is_empty()
        || (t.len() >= 6
            && t[1..3].iter().all(u8::is_ascii_digit)
            && t[3] == b':'
            && t[4..6].iter().all(u8::is_ascii_digit)
            && day.len() == 10);
    let parts: Vec<&str> = day.split('-').collect();
    let calendar_ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok()
        }
        _ => false,
    };
    calendar_ok && time_ok
}

/// Whether two dates of any precision can be the same day (one is a prefix of the other).
pub fn compatible(a: &str, b: &str) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// Whether two reports' dates can be one event's: the same day or the next (reports
/// written in another time zone, or an evening that ran past midnight), or, less precise,
/// one a prefix of the other.
pub fn same_day_or_next(a: &str, b: &str) -> bool {
    match days_between(a, b) {
        Some(n) => n.abs() <= 1,
        None => compatible(a, b),
    }
}

/// Days from full date `a` to full date `b` (negative if `b` is earlier); none unless both
/// are full dates.
pub fn days_between(a: &str, b: &str) -> Option<i64> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    Some((day(b)? - day(a)?).num_days())
}

/// Whether date `a` lies wholly after date `b`, each of any precision: compared at the
/// precision of the less precise («2018-06» is after «2018-05-07»; «2018-05» is not).
pub fn after(a: &str, b: &str) -> bool {
    let n = a.len().min(b.len());
    a[..n] > b[..n]
}

/// Infers an article's date from its text: the latest full date, else the latest month.
pub fn infer_article_date(dates: &[DateMention]) -> Option<IsoDate> {
    let full = dates
        .iter()
        .filter_map(|d| match d.value {
            DateValue::Full { year, month, day } => Some(iso(year, Some(month), Some(day))),
            _ => None,
        })
        .max();
    full.or_else(|| {
        dates
            .iter()
            .filter_map(|d| match d.value {
                DateValue::MonthYear { year, month } => Some(iso(year, Some(month), None)),
                _ => None,
            })
            .max()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::boilerplate::BoilerplateRules;

    fn dates(text: &str, article: Option<&str>) -> Vec<(String, Option<String>)> {
        let lexicon = Lexicon::builtin().unwrap();
        let doc = Document::analyze(text, &BoilerplateRules::default(), false);
        find(&doc, &month_index(&lexicon), &lexicon.date_words)
            .into_iter()
            .map(|d| (d.text, resolve(d.value, article, Some("2025-03-11"))))
            .collect()
    }

    fn one(text: &str, article: Option<&str>) -> Option<String> {
        let found = dates(text, article);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0].1.clone()
    }

    #[test]
    fn explicit_dates_in_both_month_series_and_digit_forms() {
        assert_eq!(
            one("تم الاتصال يوم 11 مارس 2025.", None).as_deref(),
            Some("2025-03-11")
        );
        assert_eq!(one("في ١٨ شباط ٢٠٢٥", None).as_deref(), Some("2025-02-18"));
        assert_eq!(
            one("في كانون الثاني 2024", None).as_deref(),
            Some("2024-01")
        );
        assert_eq!(one("منذ عام 2014", None).as_deref(), Some("2014"));
        assert_eq!(
            dates("في 18 فبراير", None),
            vec![("18 فبراير".to_string(), None)]
        );
    }

    #[test]
    fn relative_dates_resolve_against_the_article() {
        assert_eq!(
            one("في 18 فبراير في الرياض", Some("2025-02-28")).as_deref(),
            Some("2025-02-18")
        );
        assert_eq!(
            one("خلال شهر فبراير الماضي", Some("2025-03-12")).as_deref(),
            Some("2025-02")
        );
        assert_eq!(
            one("في 11 ديسمبر الماضي", Some("2025-03-12")).as_deref(),
            Some("2024-12-11")
        );
        assert_eq!(
            one("الشهر الماضي", Some("2025-01-05")).as_deref(),
            Some("2024-12")
        );
        assert_eq!(
            one("في وقت سابق من هذا الشهر", Some("2025-02-28")).as_deref(),
            Some("2025-02")
        );
        // 2022-11-14 was a Monday; 2025-02-28 a Friday
        assert_eq!(
            one("مساء الاثنين", Some("2022-11-14")).as_deref(),
            Some("2022-11-14")
        );
        assert_eq!(
            one("يوم الخميس", Some("2025-02-28")).as_deref(),
            Some("2025-02-27")
        );
        assert_eq!(
            one("يوم الأحد", Some("2025")),
            None,
            "a weekday needs a full article date"
        );
        assert_eq!(
            one("أمس", Some("2025-03-01")).as_deref(),
            Some("2025-02-28")
        );
        assert_eq!(one("في اليوم ذاته", None).as_deref(), Some("2025-03-11"));
    }

    #[test]
    fn weekdays_alone_weeks_today_and_the_direction_words() {
        // 2018-05-07 was a Monday
        let on = Some("2018-05-07");
        assert_eq!(one("وصل الخميس إلى", on).as_deref(), Some("2018-05-03"));
        assert_eq!(one("والسبت الماضي", on).as_deref(), Some("2018-05-05"));
        assert_eq!(one("الاثنين الماضي", on).as_deref(), Some("2018-04-30"));
        assert_eq!(one("يوم الأربعاء المقبل", on).as_deref(), Some("2018-05-09"));
        assert_eq!(one("الاثنين المقبل", on).as_deref(), Some("2018-05-14"));
        assert_eq!(one("قال اليوم إن", on).as_deref(), Some("2018-05-07"));
        // the week before 7 May 2018 ran from 30 April to 6 May: only the year is sure
        assert_eq!(one("الأسبوع الماضي", on).as_deref(), Some("2018"));
        assert_eq!(
            one("الأسبوع الماضي", Some("2018-05-16")).as_deref(),
            Some("2018-05")
        );
        assert_eq!(one("الشهر المقبل", on).as_deref(), Some("2018-06"));
        assert_eq!(one("يونيو المقبل", on).as_deref(), Some("2018-06"));
        // a month alone lies before the article, unless what it dates is planned
        assert_eq!(one("في يونيو", on).as_deref(), Some("2017-06"));
        let lexicon = Lexicon::builtin().unwrap();
        let doc = Document::analyze("في يونيو", &BoilerplateRules::default(), false);
        let found = find(&doc, &month_index(&lexicon), &lexicon.date_words);
        assert_eq!(
            resolve_toward(found[0].value, on, None, true).as_deref(),
            Some("2018-06")
        );
        // positive control: «اليوم الأول» is no date, «أحد» without the article no weekday
        assert!(dates("في اليوم الأول", on).is_empty());
        assert!(dates("قال أحد المسؤولين", on).is_empty());
    }

    #[test]
    fn time_stamps_give_their_day() {
        assert_eq!(calendar_date("2018-05-07T06:05:27Z"), "2018-05-07");
        assert_eq!(calendar_date("2018-05-07 06:05"), "2018-05-07");
        assert_eq!(calendar_date("2018-05"), "2018-05");
    }

    #[test]
    fn compatibility_and_inference() {
        assert!(compatible("2025-02", "2025-02-18"));
        assert!(!compatible("2025-02", "2025-03-11"));
        let lexicon = Lexicon::builtin().unwrap();
        let doc = Document::analyze(
            "في فبراير 2022 ثم في 11 مارس 2025 و 2 يناير 2025",
            &BoilerplateRules::default(),
            false,
        );
        assert_eq!(
            infer_article_date(&find(&doc, &month_index(&lexicon), &lexicon.date_words)).as_deref(),
            Some("2025-03-11")
        );
    }
}
