//! Query answers as text for people: aligned tables, evidence under each hop. Bold
//! headings only when `color` is on (the CLI turns it on for terminals).

use std::fmt::Write;

use super::{Card, EventLine, Neighbor, PathAnswer, Ranked, Stats};

/// Display width of a cell: code points (Arabic letters are one column each; combining
/// harakat take none).
fn width(s: &str) -> usize {
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200E}' | '\u{200F}'
            )
        })
        .count()
}

/// A cell of report dates: up to `DATES_IN_FULL` as they are, more as the first and last
/// day and how many (`2018-01-02 – 2018-06-30 (86 reports)`); `--json` keeps them all.
pub fn dates_cell(dates: &[String]) -> String {
    const DATES_IN_FULL: usize = 3;
    if dates.len() <= DATES_IN_FULL {
        return dates.join(", ");
    }
    let mut days: Vec<&str> = dates
        .iter()
        .map(|d| crate::extract::dates::calendar_date(d))
        .collect();
    days.sort_unstable();
    format!(
        "{} – {} ({} reports)",
        days[0],
        days[days.len() - 1],
        dates.len()
    )
}

/// A list cell: the first `shown` items and how many more (`a، b، c +4`).
pub fn list_cell(items: &[&str], shown: usize) -> String {
    let head = items[..items.len().min(shown)].join("، ");
    match items.len().saturating_sub(shown) {
        0 => head,
        more => format!("{head} +{more}"),
    }
}

/// Renders rows as an aligned table with a header.
pub fn table(header: &[&str], rows: &[Vec<String>], color: bool) -> String {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(width(c));
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            out.push_str(c);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(widths[i] - width(c) + 2));
            }
        }
        out.trim_end().to_string()
    };
    let mut out = String::new();
    let head = line(header.to_vec());
    if color {
        let _ = writeln!(out, "\x1b[1m{head}\x1b[0m");
    } else {
        let _ = writeln!(out, "{head}");
    }
    for r in rows {
        let _ = writeln!(out, "{}", line(r.iter().map(String::as_str).collect()));
    }
    out
}

fn bold(s: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

pub fn path(answer: &PathAnswer, color: bool) -> String {
    let mut out = String::new();
    if answer.paths.is_empty() {
        let _ = writeln!(
            out,
            "no path between {} and {}",
            answer.from.display(),
            answer.to.display()
        );
        return out;
    }
    for (i, p) in answer.paths.iter().enumerate() {
        let title = format!(
            "path {} of {} ({} hops): {} → {}",
            i + 1,
            answer.paths.len(),
            p.hops.len(),
            answer.from.display(),
            answer.to.display()
        );
        let _ = writeln!(out, "{}", bold(&title, color));
        for (k, h) in p.hops.iter().enumerate() {
            let rel = match &h.role {
                Some(role) => format!("{} ({role})", h.relation),
                None => h.relation.clone(),
            };
            let arrow = if h.forward {
                format!("—{rel}→")
            } else {
                format!("←{rel}—")
            };
            let sources = if h.sources > 1 {
                format!("  [{} sources]", h.sources)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {}. {} {arrow} {}{sources}",
                k + 1,
                h.from.display(),
                h.to.display()
            );
            let article = if h.citation.article_title.is_empty() {
                h.citation.article.clone()
            } else {
                format!("{} «{}»", h.citation.article, h.citation.article_title)
            };
            let sentence = h
                .citation
                .sentence
                .map(|s| format!(", sentence {s}"))
                .unwrap_or_default();
            let _ = writeln!(out, "     {article}{sentence}");
            let _ = writeln!(out, "     “{}”", h.citation.evidence.replace('\n', " "));
        }
    }
    out
}

pub fn neighbors(list: &[Neighbor], color: bool) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|n| {
            vec![
                n.distance.to_string(),
                n.node.kind.clone(),
                n.node.display(),
                n.relation.clone(),
                n.via.display(),
            ]
        })
        .collect();
    table(&["hops", "kind", "name", "relation", "via"], &rows, color)
}

pub fn card(c: &Card, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        bold(
            &format!("{} — {} [{}]", c.node.display(), c.node.id, c.node.kind),
            color
        )
    );
    const ALIASES_SHOWN: usize = 6;
    let list = |k: &str| {
        c.attrs
            .get(k)
            .and_then(|v| v.as_list())
            .map(|a| {
                let items: Vec<&str> = a.iter().map(|s| s.as_ref()).collect();
                list_cell(&items, ALIASES_SHOWN)
            })
            .unwrap_or_default()
    };
    for key in [
        "category",
        "event_type",
        "date",
        "date_text",
        "country",
        "mentions",
        "discovered",
        "rule",
    ] {
        if let Some(v) = c.attrs.get(key) {
            let text = v.to_string();
            if !text.is_empty() {
                let _ = writeln!(out, "  {key}: {text}");
            }
        }
    }
    let aliases = list("aliases");
    if !aliases.is_empty() {
        let _ = writeln!(out, "  aliases: {aliases}");
    }
    if !c.roles.is_empty() {
        let _ = writeln!(out, "\n{}", bold("roles", color));
        let rows: Vec<Vec<String>> = c
            .roles
            .iter()
            .map(|r| {
                vec![
                    r.person.display(),
                    r.role.clone(),
                    r.office.display(),
                    dates_cell(&r.dates),
                    r.sources.to_string(),
                ]
            })
            .collect();
        out.push_str(&table(
            &["person", "role", "office", "reported", "sources"],
            &rows,
            color,
        ));
    }
    if !c.events.is_empty() {
        let _ = writeln!(out, "\n{}", bold("events", color));
        for e in &c.events {
            let _ = writeln!(out, "  {}", e.display());
        }
    }
    if !c.related.is_empty() {
        let _ = writeln!(out, "\n{}", bold("related", color));
        let rows: Vec<Vec<String>> = c
            .related
            .iter()
            .map(|r| vec![r.relation.clone(), r.node.display(), r.sources.to_string()])
            .collect();
        out.push_str(&table(&["relation", "with", "sources"], &rows, color));
    }
    if !c.articles.is_empty() {
        let _ = writeln!(out, "\n{}", bold("articles", color));
        let rows: Vec<Vec<String>> = c
            .articles
            .iter()
            .map(|a| {
                vec![
                    a.article.id.clone(),
                    a.mentions.to_string(),
                    a.article.label.clone(),
                ]
            })
            .collect();
        out.push_str(&table(&["article", "mentions", "title"], &rows, color));
    }
    out
}

pub fn stats(s: &Stats, color: bool) -> String {
    let mut rows: Vec<Vec<String>> = s
        .nodes
        .iter()
        .map(|(k, v)| vec!["node".into(), k.clone(), v.to_string()])
        .collect();
    rows.extend(
        s.edges
            .iter()
            .map(|(k, v)| vec!["edge".into(), k.clone(), v.to_string()]),
    );
    let mut out = table(&["", "kind", "count"], &rows, color);
    let _ = writeln!(
        out,
        "{} nodes ({} discovered), {} edges",
        s.nodes_total, s.discovered, s.edges_total
    );
    out
}

pub fn ranked(list: &[Ranked], color: bool) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                format!("{:.4}", r.score),
                r.node.kind.clone(),
                r.node.display(),
            ]
        })
        .collect();
    table(&["#", "score", "kind", "name"], &rows, color)
}

pub fn events(list: &[EventLine], color: bool) -> String {
    let names = |v: &[super::NodeRef]| v.iter().map(|n| n.display()).collect::<Vec<_>>().join("، ");
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            let date = if e.date.is_empty() {
                format!("? {}", e.date_text)
            } else {
                e.date.clone()
            };
            vec![
                date,
                e.event_type.clone(),
                names(&e.participants),
                names(&e.places),
                e.articles.len().to_string(),
            ]
        })
        .collect();
    table(
        &["date", "type", "participants", "place", "articles"],
        &rows,
        color,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_report_dates_become_first_last_and_a_count() {
        let few: Vec<String> = ["2018-05-07", "2018-05-09T10:00:00Z"]
            .map(String::from)
            .to_vec();
        assert_eq!(dates_cell(&few), "2018-05-07, 2018-05-09T10:00:00Z");
        let many: Vec<String> = (1..=9)
            .rev()
            .map(|d| format!("2018-06-0{d}T08:00:00Z"))
            .collect();
        assert_eq!(dates_cell(&many), "2018-06-01 – 2018-06-09 (9 reports)");
    }

    #[test]
    fn long_lists_show_their_first_items_and_how_many_more() {
        assert_eq!(list_cell(&["أ", "ب"], 3), "أ، ب");
        assert_eq!(list_cell(&["أ", "ب", "ج", "د", "ه"], 3), "أ، ب، ج +2");
    }
}
