//! Fetching one page as a well-kept crawler does: a few requests at a time, a minimum
//! interval between the starts of any two requests, a timeout per request, retries with
//! exponential backoff on 429 and 5xx (and on timeouts and refused connections), honouring
//! `Retry-After`, a descriptive User-Agent, redirects followed within the host only, and
//! bodies over a size limit refused.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use reqwest::StatusCode;
use tokio::sync::Semaphore;
use url::Url;

use super::progress::Progress;

/// The User-Agent of every request: who is asking, and where to read about it.
pub const USER_AGENT: &str =
    concat!("wixgen/", env!("CARGO_PKG_VERSION"), " (+", env!("CARGO_PKG_REPOSITORY"), "; fetches Wix API reference pages for code generation)");

/// How a pull behaves on the network.
#[derive(Clone, Debug)]
pub struct Options {
    /// Requests in flight at once, at most.
    pub concurrency: usize,
    /// The least time between the starts of two requests (any two: retries count).
    pub min_interval: Duration,
    /// The longest one request may take, from sending to the last byte of the body.
    pub timeout: Duration,
    /// Attempts after the first, for 429, 5xx, timeouts and failed connections.
    pub retries: u32,
    /// The wait before the first retry when the server gives no `Retry-After`; doubled
    /// for each further one, up to `max_backoff`.
    pub backoff: Duration,
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this fails the page instead of waiting.
    pub max_retry_after: Duration,
    /// Pages larger than this (bytes) are refused.
    pub max_page_bytes: u64,
    /// Redirects followed for one request, at most (within the host only).
    pub max_redirects: usize,
    pub user_agent: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            concurrency: 4,
            min_interval: Duration::from_millis(250),
            timeout: Duration::from_secs(30),
            retries: 4,
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            max_page_bytes: 2 * 1024 * 1024,
            max_redirects: 5,
            user_agent: USER_AGENT.to_string(),
        }
    }
}

/// Hands out request starts at least `interval` apart. Each [`RateLimiter::acquire`]
/// returns the instant its request may start, reserved under a lock: no two reservations
/// are less than `interval` apart, however many tasks ask at once. A server's
/// `Retry-After` pushes every later start back ([`RateLimiter::defer`]).
#[derive(Debug)]
pub struct RateLimiter {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl RateLimiter {
    pub fn new(interval: Duration) -> Self {
        RateLimiter { interval, next: Mutex::new(None) }
    }

    /// Reserves the earliest start not before `now` and at least `interval` after the
    /// previous reservation; returns it without waiting.
    pub fn reserve(&self, now: Instant) -> Instant {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        let slot = next.map_or(now, |n| n.max(now));
        *next = Some(slot + self.interval);
        slot
    }

    /// Waits for a reserved start and returns it.
    pub async fn acquire(&self) -> Instant {
        let slot = self.reserve(Instant::now());
        tokio::time::sleep_until(slot.into()).await;
        slot
    }

    /// No start before `until` (a `Retry-After`).
    pub fn defer(&self, until: Instant) {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        *next = Some(next.map_or(until, |n| n.max(until)));
    }
}

/// One request made: for the summary and for tests of the limits.
#[derive(Clone, Debug)]
pub struct RequestRecord {
    pub url: String,
    /// When the rate limiter let it start.
    pub started: Instant,
    /// The status (`200`, `503`), or what went wrong (`timed out`).
    pub outcome: String,
}

/// A page's bytes as fetched.
#[derive(Clone, Debug)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub fetched_at: SystemTime,
}

/// Why a page could not be fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchError {
    pub url: String,
    pub reason: String,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.url, self.reason)
    }
}

/// Fetches pages under the limits of [`Options`]; shared by every task of a pull.
pub struct Fetcher {
    client: reqwest::Client,
    options: Options,
    limiter: RateLimiter,
    in_flight: Semaphore,
    pub(crate) log: Mutex<Vec<RequestRecord>>,
    progress: Arc<Progress>,
}

/// What one attempt came to.
enum Attempt {
    Done(Vec<u8>),
    /// Worth another try: why, and how long the server asked to wait, if it did.
    Retry(String, Option<Duration>),
    Fail(String),
}

impl Fetcher {
    pub fn new(options: Options, progress: Arc<Progress>) -> Result<Fetcher, String> {
        let max = options.max_redirects;
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            let first = attempt.previous().first().cloned();
            if attempt.previous().len() > max {
                attempt.error(format!("more than {max} redirects"))
            } else if first.is_some_and(|f| f.host_str() == attempt.url().host_str()) {
                attempt.follow()
            } else {
                // Returned as it is: reported as a redirect off the host.
                attempt.stop()
            }
        });
        let client = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .redirect(policy)
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .build()
            .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
        Ok(Fetcher {
            client,
            limiter: RateLimiter::new(options.min_interval),
            in_flight: Semaphore::new(options.concurrency.max(1)),
            options,
            log: Mutex::new(Vec::new()),
            progress,
        })
    }

    /// Fetches `url`, retrying as [`Options`] says.
    pub async fn fetch(&self, url: &Url) -> Result<Fetched, FetchError> {
        let fail = |reason: String| FetchError { url: url.to_string(), reason };
        let mut attempt = 0;
        loop {
            let outcome = {
                let _permit = self.in_flight.acquire().await.map_err(|_| fail("the pull was stopped".into()))?;
                let started = self.limiter.acquire().await;
                let (outcome, record) = self.attempt(url).await;
                self.log.lock().unwrap_or_else(|e| e.into_inner()).push(RequestRecord { url: url.to_string(), started, outcome: record });
                outcome
            };
            match outcome {
                Attempt::Done(bytes) => return Ok(Fetched { bytes, fetched_at: SystemTime::now() }),
                Attempt::Fail(reason) => return Err(fail(reason)),
                Attempt::Retry(reason, _) if attempt >= self.options.retries => {
                    let tries = attempt + 1;
                    return Err(fail(format!("{reason} ({tries} attempt(s))")));
                }
                Attempt::Retry(reason, Some(wait)) if wait > self.options.max_retry_after => {
                    return Err(fail(format!(
                        "{reason}, and the server asks to retry after {}s, longer than the {}s allowed",
                        wait.as_secs(),
                        self.options.max_retry_after.as_secs()
                    )));
                }
                Attempt::Retry(reason, retry_after) => {
                    attempt += 1;
                    match retry_after {
                        // The server's wish holds for every request, not only this one.
                        Some(wait) => {
                            self.progress.note(&format!("retrying {url} in {:.1}s (Retry-After): {reason}", wait.as_secs_f64()));
                            self.limiter.defer(Instant::now() + wait);
                        }
                        None => {
                            let wait = self.backoff(attempt);
                            self.progress.note(&format!("retrying {url} in {:.1}s: {reason}", wait.as_secs_f64()));
                            tokio::time::sleep(wait).await;
                        }
                    }
                }
            }
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.options.backoff.saturating_mul(factor).min(self.options.max_backoff)
    }

    async fn attempt(&self, url: &Url) -> (Attempt, String) {
        let response = match self.client.get(url.clone()).header(reqwest::header::ACCEPT, "text/markdown, text/plain;q=0.9, */*;q=0.1").send().await {
            Ok(r) => r,
            Err(e) if e.is_timeout() => {
                return (Attempt::Retry(format!("timed out after {}s", secs(self.options.timeout)), None), "timed out".into())
            }
            Err(e) if e.is_redirect() => return (Attempt::Fail(format!("redirects: {}", error_chain(&e))), "redirect error".into()),
            Err(e) if e.is_connect() => return (Attempt::Retry(format!("cannot connect: {}", error_chain(&e)), None), "connect error".into()),
            Err(e) => return (Attempt::Retry(error_chain(&e), None), "error".into()),
        };
        let status = response.status();
        let record = status.as_u16().to_string();
        if status.is_redirection() {
            let to = response.headers().get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("?");
            return (Attempt::Fail(format!("HTTP {status}: redirect to `{to}`, off the host, not followed")), record);
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            let after = retry_after(response.headers());
            return (Attempt::Retry(format!("HTTP {status}"), after), record);
        }
        if !status.is_success() {
            return (Attempt::Fail(format!("HTTP {status}")), record);
        }
        let limit = self.options.max_page_bytes;
        if let Some(len) = response.content_length().filter(|&l| l > limit) {
            return (Attempt::Fail(format!("the page is {len} bytes, over the limit of {limit}")), record);
        }
        let mut response = response;
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    body.extend_from_slice(&chunk);
                    if body.len() as u64 > limit {
                        return (Attempt::Fail(format!("the page is over the limit of {limit} bytes")), record);
                    }
                }
                Ok(None) => break,
                Err(e) if e.is_timeout() => {
                    return (Attempt::Retry(format!("timed out after {}s reading the page", secs(self.options.timeout)), None), "timed out".into())
                }
                Err(e) => return (Attempt::Retry(format!("reading the page: {}", error_chain(&e)), None), "error".into()),
            }
        }
        (Attempt::Done(body), record)
    }

    /// Every request made so far.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}

/// `Retry-After`: seconds, or an HTTP date.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// An error and its causes on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        source = cause.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reservations_are_an_interval_apart_however_many_ask_at_once() {
        let limiter = Arc::new(RateLimiter::new(Duration::from_millis(40)));
        let now = Instant::now();
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let l = limiter.clone();
                std::thread::spawn(move || (0..5).map(|_| l.reserve(now)).collect::<Vec<_>>())
            })
            .collect();
        let mut slots: Vec<Instant> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
        slots.sort();
        assert_eq!(slots.len(), 40);
        assert_eq!(slots[0], now);
        for w in slots.windows(2) {
            assert!(w[1] - w[0] >= Duration::from_millis(40), "{:?}", w[1] - w[0]);
        }
        // A Retry-After pushes every later start back.
        let later = *slots.last().unwrap() + Duration::from_secs(5);
        limiter.defer(later);
        assert!(limiter.reserve(now) >= later);
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_a_date() {
        let mut h = reqwest::header::HeaderMap::new();
        h.insert(reqwest::header::RETRY_AFTER, "3".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        h.insert(reqwest::header::RETRY_AFTER, "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
    }
}
