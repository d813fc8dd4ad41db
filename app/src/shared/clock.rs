//! The clock the server reads for everything that depends on the date and the hour: which
//! meetings are upcoming, which registers are open today, how old a child is, when a reminder is
//! due. It is the real clock, except in tests, which may move it so that the suite passes on any
//! day: `ANCORA_TEST_CLOCK` moves the whole process by a number of seconds (the demo data, the
//! pages, the reminders), and with it set a request may carry its own instant in the
//! `x-ancora-clock` header (a browser test that needs a weekday morning). The server refuses
//! both in production (`LEPTOS_ENV=PROD`).
//!
//! Login sessions, rate limits, tokens and retention are measured on the real clock, as the
//! database measures them, whatever this clock says.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::time::ROME;

/// The header a test sets to run one request at a given instant (RFC 3339).
pub const CLOCK_HEADER: &str = "x-ancora-clock";

/// The server's clock: the real one, or (tests only) moved by a fixed offset, and then also
/// settable per request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    /// `None`: the real clock, and the header is ignored.
    test_offset: Option<Duration>,
}

impl Clock {
    /// The real clock (production).
    pub const fn real() -> Self {
        Clock { test_offset: None }
    }

    /// A test clock `offset_seconds` away from the real one, which also lets a request set its
    /// own instant with [`CLOCK_HEADER`].
    pub fn for_tests(offset_seconds: i64) -> Self {
        Clock {
            test_offset: Some(Duration::seconds(offset_seconds)),
        }
    }

    /// The test clock `ANCORA_TEST_CLOCK` asks for (seconds from the real clock, `0` for the real
    /// time with per-request instants allowed), or the real clock when it is unset.
    pub fn from_setting(value: Option<&str>) -> Result<Self, String> {
        match value.map(str::trim).filter(|value| !value.is_empty()) {
            None => Ok(Clock::real()),
            Some(value) => value
                .parse::<i64>()
                .ok()
                .filter(|seconds| seconds.abs() < 100 * 366 * 86_400)
                .map(Clock::for_tests)
                .ok_or_else(|| format!("expected a number of seconds, got {value:?}")),
        }
    }

    /// Whether this is a test clock.
    pub fn is_for_tests(&self) -> bool {
        self.test_offset.is_some()
    }

    /// Now, for this process.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.test_offset.unwrap_or_default()
    }

    /// Now, for a request whose [`CLOCK_HEADER`] is `header` (honoured by a test clock only).
    pub fn now_for(&self, header: Option<&str>) -> DateTime<Utc> {
        if self.is_for_tests() {
            if let Some(instant) = header.and_then(|value| DateTime::parse_from_rfc3339(value).ok())
            {
                return instant.with_timezone(&Utc);
            }
        }
        self.now()
    }

    /// Today in Rome, for this process.
    pub fn today_in_rome(&self) -> NaiveDate {
        self.now().with_timezone(&ROME).date_naive()
    }

    /// Now, for a plain HTTP handler's request (a download), whose `headers` may carry
    /// [`CLOCK_HEADER`].
    #[cfg(feature = "ssr")]
    pub fn now_in(&self, headers: &http::HeaderMap) -> DateTime<Utc> {
        self.now_for(
            headers
                .get(CLOCK_HEADER)
                .and_then(|value| value.to_str().ok()),
        )
    }

    /// The test clock of `ANCORA_TEST_CLOCK` in this process's environment (the tests' own
    /// clock, which the server they start reads too), or the real clock when it is unset.
    ///
    /// # Panics
    /// When the variable is set to something that is not a number of seconds: a test run
    /// misconfigured is stopped at once.
    pub fn from_env() -> Self {
        let value = std::env::var("ANCORA_TEST_CLOCK").ok();
        Clock::from_setting(value.as_deref())
            .unwrap_or_else(|detail| panic!("ANCORA_TEST_CLOCK is not valid: {detail}"))
    }
}

/// Now, as the request being served sees it (inside a server function or a page rendered on the
/// server): the clock the server provides in the context, and the request's [`CLOCK_HEADER`]
/// where that clock honours it. Outside a request, the real clock.
#[cfg(feature = "ssr")]
pub fn now() -> DateTime<Utc> {
    use leptos::prelude::use_context;
    let Some(clock) = use_context::<Clock>() else {
        return Utc::now();
    };
    if !clock.is_for_tests() {
        return clock.now();
    }
    let parts = use_context::<http::request::Parts>();
    let header = parts
        .as_ref()
        .and_then(|parts| parts.headers.get(CLOCK_HEADER))
        .and_then(|value| value.to_str().ok());
    clock.now_for(header)
}

/// Today in Rome, as the request being served sees it.
#[cfg(feature = "ssr")]
pub fn today_in_rome() -> NaiveDate {
    now().with_timezone(&ROME).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_clock_ignores_the_test_header() {
        let clock = Clock::from_setting(None).unwrap();
        let asked = "2026-12-08T10:00:00+01:00";
        assert!(!clock.is_for_tests());
        assert!(
            (clock.now_for(Some(asked)) - Utc::now())
                .num_seconds()
                .abs()
                < 5
        );
    }

    #[test]
    fn a_test_clock_moves_by_its_offset_and_honours_the_header() {
        let clock = Clock::from_setting(Some("86400")).unwrap();
        let tomorrow = Utc::now() + Duration::days(1);
        assert!((clock.now() - tomorrow).num_seconds().abs() < 5);
        let asked = clock.now_for(Some("2026-12-24T10:05:00+01:00"));
        assert_eq!(asked.to_rfc3339(), "2026-12-24T09:05:00+00:00");
        // A header that is not an instant leaves the process's clock.
        assert!(
            (clock.now_for(Some("domani")) - tomorrow)
                .num_seconds()
                .abs()
                < 5
        );
    }

    #[test]
    fn a_setting_that_is_not_a_number_of_seconds_is_refused() {
        assert!(Clock::from_setting(Some("2026-12-08")).is_err());
        assert!(Clock::from_setting(Some("99999999999999")).is_err());
        assert_eq!(Clock::from_setting(Some(" ")).unwrap(), Clock::real());
    }
}
