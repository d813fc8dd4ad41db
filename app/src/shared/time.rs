//! Time in Àncora: stored as UTC instants (timestamptz), shown in the centres' zone, Europe/Rome.
//! Nothing renders with the machine's local zone, so server and browser agree.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The time zone of every polo.
pub const ROME: Tz = chrono_tz::Europe::Rome;

/// chrono's names of days and months for a language code: English for `en`, else Italian.
#[cfg(feature = "ssr")]
pub fn chrono_locale(locale: &str) -> chrono::Locale {
    match locale {
        "en" => chrono::Locale::en_GB,
        _ => chrono::Locale::it_IT,
    }
}

/// `day` in words, as `format` (chrono's, e.g. `"%A %-d %B %Y"`: "martedì 1 dicembre 2026")
/// says, in `locale`. Formatted on the server only; the browser receives the text.
#[cfg(feature = "ssr")]
pub fn date_in_words(day: NaiveDate, format: &str, locale: &str) -> String {
    day.format_localized(format, chrono_locale(locale))
        .to_string()
}

/// The day in Rome of the instant `t`, in words (see [`date_in_words`]).
#[cfg(feature = "ssr")]
pub fn day_of_in_words(t: DateTime<Utc>, format: &str, locale: &str) -> String {
    date_in_words(t.with_timezone(&ROME).date_naive(), format, locale)
}

/// "mercoledì 2 dicembre" / "Wednesday 2 December": the day of `t` in Rome, in `locale`.
#[cfg(feature = "ssr")]
pub fn day_label(t: DateTime<Utc>, locale: &str) -> String {
    day_of_in_words(t, "%A %-d %B", locale)
}

/// "17:00–18:30" in Rome.
pub fn time_range_label(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!(
        "{}–{}",
        start.with_timezone(&ROME).format("%H:%M"),
        end.with_timezone(&ROME).format("%H:%M")
    )
}

/// The instant of a wall-clock time in Rome. On the spring-forward day a time that does not exist
/// (02:30) moves to the first valid instant after it; on the fall-back day an ambiguous time takes
/// the first (summer-time) occurrence.
pub fn rome_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = NaiveDateTime::new(date, time);
    match ROME.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        chrono::LocalResult::None => {
            let later = local + chrono::Duration::hours(1);
            ROME.from_local_datetime(&later)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&local))
        }
    }
}

/// A person's age in whole years on `day`.
pub fn age_on(birth_date: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - birth_date.year();
    if (day.month(), day.day()) < (birth_date.month(), birth_date.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_weekly_meeting_at_five_pm_stays_at_five_pm_across_daylight_saving_changes() {
        let five_pm = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
        // The Saturday before and the Saturday after the end of summer time (25 Oct 2026).
        let before = rome_instant(d(2026, 10, 24), five_pm);
        let after = rome_instant(d(2026, 10, 31), five_pm);
        assert_eq!(before.hour(), 15, "17:00 CEST is 15:00 UTC");
        assert_eq!(after.hour(), 16, "17:00 CET is 16:00 UTC");
        assert_eq!(before.with_timezone(&ROME).hour(), 17);
        assert_eq!(after.with_timezone(&ROME).hour(), 17);
    }

    #[test]
    fn a_time_skipped_by_spring_forward_moves_to_the_next_valid_instant() {
        let t = rome_instant(d(2027, 3, 28), NaiveTime::from_hms_opt(2, 30, 0).unwrap());
        assert_eq!(t.with_timezone(&ROME).hour(), 3);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn days_are_named_in_the_family_language_and_rome_time() {
        // 23:30 UTC on 1 December is already 2 December in Rome.
        let t = Utc.with_ymd_and_hms(2026, 12, 1, 23, 30, 0).unwrap();
        assert_eq!(day_label(t, "it"), "mercoledì 2 dicembre");
        assert_eq!(day_label(t, "en"), "Wednesday 2 December");
        let end = t + chrono::Duration::minutes(90);
        assert_eq!(time_range_label(t, end), "00:30–02:00");
    }

    #[test]
    fn age_counts_whole_years_and_turns_on_the_birthday() {
        assert_eq!(age_on(d(2018, 12, 1), d(2026, 11, 30)), 7);
        assert_eq!(age_on(d(2018, 12, 1), d(2026, 12, 1)), 8);
        assert_eq!(age_on(d(2016, 2, 29), d(2026, 2, 28)), 9);
        assert_eq!(age_on(d(2016, 2, 29), d(2026, 3, 1)), 10);
    }
}
