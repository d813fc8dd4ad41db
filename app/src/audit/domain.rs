//! The audit log's page: its filters as they come in the address, the rows it shows, and the
//! short summary of a row's detail. Pure, both targets.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::shared::audit::Action;

/// Rows on a page; the "older" link shows the next ones.
pub const PAGE_SIZE: i64 = 50;

/// The page's address.
pub const AUDIT_LOG_PATH: &str = "/coordinamento/registro-accessi";

/// The filters as they arrive in the address, untrusted (every field may be empty or wrong):
/// `dal` and `al` (days, `YYYY-MM-DD`, in Rome), `chi` (a staff member's id), `azione` (an
/// [`Action`] code), `prima` (the page: rows older than this row's id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogParams {
    pub dal: String,
    pub al: String,
    pub chi: String,
    pub azione: String,
    pub prima: String,
}

impl LogParams {
    /// The parameters read from a query string by `get` (a router's query map).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| get(name).unwrap_or_default();
        LogParams {
            dal: get("dal"),
            al: get("al"),
            chi: get("chi"),
            azione: get("azione"),
            prima: get("prima"),
        }
    }
}

/// The filters that apply: what does not parse is left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogFilter {
    pub from: Option<NaiveDate>,
    /// Included.
    pub to: Option<NaiveDate>,
    pub actor: Option<Uuid>,
    pub action: Option<Action>,
    /// Rows older than this one (by id).
    pub before: Option<i64>,
}

impl LogFilter {
    pub fn parse(params: &LogParams) -> Self {
        let day = |raw: &str| {
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .ok()
                .filter(|d| (2000..=2200).contains(&chrono::Datelike::year(d)))
        };
        LogFilter {
            from: day(&params.dal),
            to: day(&params.al),
            actor: Uuid::parse_str(params.chi.trim()).ok(),
            action: Action::parse(params.azione.trim()),
            before: params.prima.trim().parse::<i64>().ok().filter(|id| *id > 0),
        }
    }

    /// The filters as they apply, for the form and the links (the page left out).
    pub fn params(&self) -> LogParams {
        LogParams {
            dal: self.from.map(|d| d.to_string()).unwrap_or_default(),
            al: self.to.map(|d| d.to_string()).unwrap_or_default(),
            chi: self.actor.map(|u| u.to_string()).unwrap_or_default(),
            azione: self
                .action
                .map(|a| a.code().to_string())
                .unwrap_or_default(),
            prima: String::new(),
        }
    }

    /// Some filter is on (the page aside).
    pub fn is_filtered(&self) -> bool {
        self.from.is_some() || self.to.is_some() || self.actor.is_some() || self.action.is_some()
    }

    /// The page's address with these filters, on the page of rows older than `before`.
    pub fn href(&self, before: Option<i64>) -> String {
        let params = self.params();
        let mut pairs: Vec<(&str, String)> = vec![
            ("dal", params.dal),
            ("al", params.al),
            ("chi", params.chi),
            ("azione", params.azione),
        ];
        if let Some(before) = before {
            pairs.push(("prima", before.to_string()));
        }
        let query: Vec<String> = pairs
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        if query.is_empty() {
            AUDIT_LOG_PATH.to_string()
        } else {
            format!("{AUDIT_LOG_PATH}?{}", query.join("&"))
        }
    }
}

/// One part of a row's detail: a key of the stored detail and its value, short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailPart {
    pub key: String,
    pub value: String,
}

/// One row of the log, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRow {
    pub id: i64,
    /// "2026-11-25T17:02:11+01:00" (the `<time>` element's) and "25/11/2026 17:02" (Rome).
    pub when_iso: String,
    pub when_label: String,
    /// The staff member; `None` for the system (the demo loader).
    pub who: Option<String>,
    /// `None` for a code this version does not know (shown as it is stored).
    pub action: Option<Action>,
    pub action_code: String,
    pub centre: Option<String>,
    pub entity: String,
    pub entity_id: Option<Uuid>,
    pub detail: Vec<DetailPart>,
}

/// A staff member the "who" filter offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffChoice {
    pub user_id: Uuid,
    pub name: String,
}

/// `/coordinamento/registro-accessi`: a page of the log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPage {
    pub rows: Vec<LogRow>,
    /// The id to ask `prima=` for the older rows; `None` on the last page.
    pub older: Option<i64>,
    /// The filters as they applied (what did not parse is left out).
    pub params: LogParams,
    /// This is not the first page.
    pub paged: bool,
    pub staff: Vec<StaffChoice>,
    /// An administrator reads every centre's log.
    pub every_centre: bool,
}

/// At most this many parts of a detail are shown.
const MAX_PARTS: usize = 6;
/// Longer texts are cut.
const MAX_TEXT: usize = 40;

/// The short summary of a stored detail: top-level keys with short values; `before` and `after`
/// become "old → new" per key; lists of ids become their count; ids are shortened. The
/// detail holds no personal data (see `shared::audit`), so nothing here has to hide any.
pub fn summarize(detail: &serde_json::Value) -> Vec<DetailPart> {
    use serde_json::Value;
    let Value::Object(map) = detail else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    let before = map.get("before");
    let after = map.get("after");
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            for (key, new) in a {
                match b.get(key) {
                    Some(old) if old != new => {
                        parts.push(part(key, format!("{} → {}", short(old), short(new))))
                    }
                    Some(_) => {}
                    None => parts.push(part(key, short(new))),
                }
            }
        }
        (Some(Value::Object(one)), None) | (None, Some(Value::Object(one))) => {
            for (key, value) in one {
                parts.push(part(key, short(value)));
            }
        }
        (Some(old), Some(new)) => {
            parts.push(part("change", format!("{} → {}", short(old), short(new))))
        }
        _ => {}
    }
    for (key, value) in map {
        if key == "before" || key == "after" {
            continue;
        }
        parts.push(part(key, short(value)));
    }
    // Nothing to say, or too long to say in a line (a series' rule: its count and id say it).
    parts.retain(|p| !p.value.is_empty() && p.value != "—" && p.key != "rule");
    parts.truncate(MAX_PARTS);
    parts
}

fn part(key: &str, value: String) -> DetailPart {
    DetailPart {
        key: key.to_string(),
        value,
    }
}

fn short(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "—".to_string(),
        Value::Bool(b) => if *b { "✓" } else { "✗" }.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => short_text(s),
        Value::Array(items)
            if items.len() > 3 || items.iter().any(|v| is_id(v) || v.is_object()) =>
        {
            items.len().to_string()
        }
        Value::Array(items) => items.iter().map(short).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map.len().to_string(),
    }
}

fn is_id(value: &serde_json::Value) -> bool {
    value.as_str().is_some_and(|s| Uuid::parse_str(s).is_ok())
}

fn short_text(text: &str) -> String {
    if let Ok(id) = Uuid::parse_str(text) {
        return id.simple().to_string()[..8].to_string();
    }
    let text = text.replace(['\n', '\r'], " ");
    if text.chars().count() > MAX_TEXT {
        let cut: String = text.chars().take(MAX_TEXT - 1).collect();
        format!("{cut}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parts(detail: serde_json::Value) -> Vec<(String, String)> {
        summarize(&detail)
            .into_iter()
            .map(|p| (p.key, p.value))
            .collect()
    }

    fn pair(key: &str, value: &str) -> (String, String) {
        (key.to_string(), value.to_string())
    }

    #[test]
    fn a_change_shows_what_changed_from_what_to_what() {
        let detail = json!({
            "before": {"name": "Sala Gioco", "capacity": 12, "is_active": true},
            "after": {"name": "Sala Gioco", "capacity": 20, "is_active": true},
        });
        assert_eq!(parts(detail), vec![pair("capacity", "12 → 20")]);
        let capacity = json!({"before": 10, "after": 14, "promoted": 2});
        assert_eq!(
            parts(capacity),
            vec![pair("change", "10 → 14"), pair("promoted", "2")]
        );
    }

    #[test]
    fn ids_are_counted_or_shortened_and_long_texts_cut() {
        let id = "3fa2b1c4-0000-4000-8000-000000000001";
        let detail = json!({
            "scope": "questo",
            "meetings": [{"meeting_id": id, "from": "x", "to": "y"}],
            "centres": [id],
            "series_id": id,
            "cycle_id": null,
            "skipped_closed_days": [],
            "rule": "DTSTART;TZID=Europe/Rome:20261201T170000\nRRULE:FREQ=WEEKLY",
            "reason": "Vacanze di Natale e dell'Epifania, il polo resta chiuso",
        });
        let got = parts(detail);
        assert!(got.contains(&pair("centres", "1")), "{got:?}");
        assert!(got.contains(&pair("series_id", "3fa2b1c4")), "{got:?}");
        assert!(got.contains(&pair("meetings", "1")), "{got:?}");
        assert!(
            !got.iter()
                .any(|(k, _)| ["cycle_id", "skipped_closed_days", "rule"].contains(&k.as_str())),
            "{got:?}"
        );
        let reason = got.iter().find(|(k, _)| k == "reason").unwrap();
        assert!(reason.1.ends_with('…') && reason.1.chars().count() == MAX_TEXT);
        assert!(
            parts(json!({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7})).len()
                == MAX_PARTS
        );
        assert!(parts(json!("not an object")).is_empty());
    }

    #[test]
    fn filters_that_do_not_parse_are_left_out_and_the_links_keep_the_others() {
        let params = LogParams {
            dal: "2026-11-01".into(),
            al: "31/12/2026".into(),
            chi: "nobody".into(),
            azione: "meeting.move".into(),
            prima: "-3".into(),
        };
        let filter = LogFilter::parse(&params);
        assert_eq!(filter.from, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(filter.to, None);
        assert_eq!(filter.actor, None);
        assert_eq!(filter.action, Some(Action::MeetingMove));
        assert_eq!(filter.before, None);
        assert_eq!(
            filter.href(Some(120)),
            "/coordinamento/registro-accessi?dal=2026-11-01&azione=meeting.move&prima=120"
        );
        assert_eq!(LogFilter::default().href(None), AUDIT_LOG_PATH);
        assert!(!LogFilter::parse(&LogParams {
            prima: "7".into(),
            ..Default::default()
        })
        .is_filtered());
    }
}
