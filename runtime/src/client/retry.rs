//! [`RetryPolicy`]: when and how long to wait before trying a `GET` again.

use core::fmt;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// How the client retries a failed `GET`: on HTTP 429, 502, 503 and 504 and on
/// connection failures, with exponential backoff and jitter, honouring `Retry-After`
/// (seconds, or an HTTP date in any of the three forms RFC 9110 lists), at most
/// [`max_retries`](Self::max_retries) times and never past
/// [`max_elapsed`](Self::max_elapsed) since the first try.
///
/// Other methods (`POST` above all) are never retried: the server may have acted on
/// a request whose answer was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first try (0: no retries).
    pub max_retries: u32,
    /// The wait before the first retry; each further wait doubles, up to
    /// `max_backoff`. The wait actually taken is drawn between half of it and all of it.
    pub initial_backoff: Duration,
    /// The longest computed wait (a `Retry-After` may ask for longer).
    pub max_backoff: Duration,
    /// No retry starts later than this after the first try: a wait that would end
    /// past it gives up instead, returning the last error.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    /// 3 retries, from 200 ms doubling up to 5 s, within 30 s.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub const fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            initial_backoff: Duration::ZERO,
            max_backoff: Duration::ZERO,
            max_elapsed: Duration::ZERO,
        }
    }

    /// The wait before retry number `retry` (1 for the first), with jitter, at least
    /// `retry_after` when the server asked for one.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
        let ceiling = exp.min(self.max_backoff);
        // Full jitter over the upper half: [ceiling / 2, ceiling].
        let half = ceiling / 2;
        let jitter = half.mul_f64(random_unit());
        (half + jitter).max(retry_after.unwrap_or(Duration::ZERO))
    }
}

/// A number in [0, 1), from the standard library's per-process random hash keys.
fn random_unit() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x5eed);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Why a try is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryReason {
    /// The server answered with this status (429, 502, 503 or 504).
    Status(u16),
    /// The connection failed.
    Connect,
}

/// A retry about to happen, as told to [`ClientBuilder::on_retry`](super::ClientBuilder::on_retry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryEvent {
    /// The method's name, e.g. `"listMessages"`.
    pub method: &'static str,
    /// Which retry this is: 1 for the first.
    pub retry: u32,
    /// Why the last try is retried.
    pub reason: RetryReason,
    /// How long the client waits first.
    pub delay: Duration,
    /// The `Retry-After` the server sent, if any.
    pub retry_after: Option<Duration>,
}

/// A function told of every retry (for metrics or logs).
#[derive(Clone)]
pub(crate) struct RetryObserver(pub Arc<dyn Fn(&RetryEvent) + Send + Sync>);

impl fmt::Debug for RetryObserver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RetryObserver")
    }
}

/// Whether an answer with `status` is worth another try.
pub(crate) fn retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// The `Retry-After` header as a wait: seconds, or an HTTP date in any of the three
/// forms RFC 9110 has a recipient read (IMF-fixdate, RFC 850, asctime; a date in the
/// past gives zero). `None` when absent or unreadable.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn delays_double_with_jitter_up_to_the_cap_and_honour_retry_after() {
        let policy = RetryPolicy {
            max_retries: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(400),
            max_elapsed: Duration::from_secs(10),
        };
        for (retry, ceiling) in [(1, 100), (2, 200), (3, 400), (4, 400), (9, 400)] {
            let ceiling = Duration::from_millis(ceiling);
            for _ in 0..20 {
                let d = policy.delay(retry, None);
                assert!(d >= ceiling / 2 && d <= ceiling, "retry {retry}: {d:?}");
            }
        }
        let asked = Duration::from_secs(3);
        assert_eq!(policy.delay(1, Some(asked)), asked);
        assert_eq!(RetryPolicy::none().delay(1, None), Duration::ZERO);
    }

    #[test]
    fn jitter_varies() {
        let policy = RetryPolicy::default();
        let delays: std::collections::HashSet<_> = (0..20).map(|_| policy.delay(3, None)).collect();
        assert!(delays.len() > 1);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }

    /// RFC 9110 (section 10.2.3 with 5.6.7) has a recipient read all three date forms:
    /// IMF-fixdate, the obsolete RFC 850 form and asctime.
    #[test]
    fn retry_after_reads_every_http_date_form() {
        let read = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
            retry_after(&headers)
        };
        for past in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(read(past), Some(Duration::ZERO), "{past}");
        }
        // A date to come is a wait until then (whole seconds; the clock moves on while
        // the test runs, so the wait is at most the hour and more than most of it).
        let in_an_hour: chrono::DateTime<chrono::Utc> =
            (std::time::SystemTime::now() + Duration::from_secs(3600)).into();
        for format in [
            "%a, %d %b %Y %H:%M:%S GMT",
            "%A, %d-%b-%y %H:%M:%S GMT",
            "%a %b %e %H:%M:%S %Y",
        ] {
            let future = in_an_hour.format(format).to_string();
            let wait = read(&future).unwrap_or_else(|| panic!("{future} not read"));
            assert!(
                wait <= Duration::from_secs(3600) && wait > Duration::from_secs(3000),
                "{future}: {wait:?}"
            );
        }
        // Not dates: a zone other than GMT, an offset, a weekday that is no weekday.
        for bad in [
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 06 Nov 1994 08:49:37 +0000",
            "Someday, 06-Nov-94 08:49:37 GMT",
            "",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }

    #[test]
    fn which_statuses_are_retried() {
        let retried: Vec<u16> = (400..600).filter(|s| retryable_status(*s)).collect();
        assert_eq!(retried, [429, 502, 503, 504]);
    }
}
