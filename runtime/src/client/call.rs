//! The one generic call path: [`Client::call`], and the span it runs in.

use std::time::Duration;

use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use tracing::Instrument;

use super::encode::encode;
use super::error::from_error_response;
use super::retry::{retry_after, retryable_status, RetryEvent, RetryReason};
use super::{Client, Error};
use crate::{HttpVerb, Request};

/// What one try gave.
enum Try {
    Answer {
        status: u16,
        headers: reqwest::header::HeaderMap,
        body: Vec<u8>,
    },
    Failed(reqwest::Error),
}

impl Client {
    /// Calls the method `R` describes with `request`: the path every typed method
    /// takes, for the request type of any API. Runs in a span `wixgen_runtime.call`.
    ///
    /// # Errors
    ///
    /// See [`Error`]. A `GET` is retried first as the client's
    /// [`RetryPolicy`](super::RetryPolicy) says; the error is that of the last try.
    pub async fn call<R: Request>(&self, request: &R) -> Result<R::Response, Error<R::Error>> {
        self.call_in(
            crate::__wix_call_span!("wixgen_runtime.call", R::OPERATION),
            request,
        )
        .await
    }

    /// [`Client::call`] in `span`, which [`call_span!`](super::call_span) makes: for an
    /// API crate whose calls run in a span named after it (`wix_inbox.call`). The call
    /// records `status`, `latency_ms` and `tries` in it.
    ///
    /// # Errors
    ///
    /// As [`Client::call`].
    pub async fn call_in<R: Request>(
        &self,
        span: tracing::Span,
        request: &R,
    ) -> Result<R::Response, Error<R::Error>> {
        self.call_in_span::<R>(request).instrument(span).await
    }

    async fn call_in_span<R: Request>(&self, request: &R) -> Result<R::Response, Error<R::Error>> {
        let op = R::OPERATION;
        let value = serde_json::to_value(request).map_err(|e| Error::Encode(e.to_string()))?;
        let encoded = encode(&op, value).map_err(Error::Encode)?;
        let mut url = reqwest::Url::parse(&format!("{}{}", self.inner.base_url, encoded.path))
            .map_err(|e| Error::Encode(e.to_string()))?;
        if !encoded.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&encoded.query);
        }
        let body = match &encoded.body {
            Some(body) => Some(serde_json::to_vec(body).map_err(|e| Error::Encode(e.to_string()))?),
            None => None,
        };
        let method = reqwest::Method::from_bytes(op.verb.as_str().as_bytes())
            .map_err(|e| Error::Encode(e.to_string()))?;
        let retries_allowed = op.verb == HttpVerb::Get;
        let policy = self.inner.retry;

        let started = tokio::time::Instant::now();
        let mut retry = 0u32;
        let mut auth = self.authorization(None).await.map_err(token_error)?;
        let mut renewed = false;
        let outcome = loop {
            let outcome = self
                .try_once(method.clone(), url.clone(), body.clone(), &auth)
                .await;
            // A minted token refused (revoked, or expired early) is renewed once and the
            // call sent again, whatever its method: a 401 means the server did not act.
            if matches!(outcome, Try::Answer { status: 401, .. })
                && !renewed
                && self.renews_tokens()
            {
                renewed = true;
                tracing::info!("the access token was refused (401): renewing it");
                auth = self.authorization(Some(&auth)).await.map_err(token_error)?;
                continue;
            }
            let (reason, asked) = match &outcome {
                Try::Answer {
                    status, headers, ..
                } if retryable_status(*status) => {
                    (RetryReason::Status(*status), retry_after(headers))
                }
                Try::Failed(e) if e.is_connect() && !e.is_timeout() => (RetryReason::Connect, None),
                _ => break outcome,
            };
            if !retries_allowed || retry >= policy.max_retries {
                break outcome;
            }
            let delay = policy.delay(retry + 1, asked);
            if started.elapsed().saturating_add(delay) > policy.max_elapsed {
                tracing::debug!(
                    ?delay,
                    "not retrying: the wait would end past the time limit"
                );
                break outcome;
            }
            retry += 1;
            let event = RetryEvent {
                method: op.name,
                retry,
                reason,
                delay,
                retry_after: asked,
            };
            tracing::warn!(retry, ?reason, delay_ms = millis(delay), "retrying");
            if let Some(observer) = &self.inner.on_retry {
                (observer.0)(&event);
            }
            tokio::time::sleep(delay).await;
        };

        let latency_ms = millis(started.elapsed());
        let tries = retry + 1 + u32::from(renewed);
        let span = tracing::Span::current();
        span.record("latency_ms", latency_ms);
        span.record("tries", tries);
        match outcome {
            Try::Answer { status, body, .. } => {
                span.record("status", status);
                tracing::info!(status, latency_ms, tries, "call finished");
                if (200..300).contains(&status) {
                    decode_success::<R>(status, &body)
                } else {
                    Err(from_error_response(status, &body))
                }
            }
            Try::Failed(e) => {
                let timeout = e.is_timeout();
                tracing::warn!(latency_ms, tries, timeout, error = %e, "call failed");
                Err(if timeout {
                    Error::Timeout
                } else {
                    Error::Transport(e)
                })
            }
        }
    }

    async fn try_once(
        &self,
        method: reqwest::Method,
        url: reqwest::Url,
        body: Option<Vec<u8>>,
        auth: &reqwest::header::HeaderMap,
    ) -> Try {
        let mut builder = self
            .inner
            .http
            .request(method, url)
            .headers(auth.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(timeout) = self.inner.timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(body) = body {
            builder = builder
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body);
        }
        let response = match builder.send().await {
            Ok(response) => response,
            Err(e) => return Try::Failed(e),
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        match response.bytes().await {
            Ok(body) => Try::Answer {
                status,
                headers,
                body: body.to_vec(),
            },
            Err(e) => Try::Failed(e),
        }
    }
}

fn decode_success<R: Request>(status: u16, body: &[u8]) -> Result<R::Response, Error<R::Error>> {
    // An empty success body is an empty response object.
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(body).map_err(|e| Error::UndecodableBody {
        status,
        raw: String::from_utf8_lossy(body).into_owned(),
        reason: e.to_string(),
    })
}

/// A call that could get no access token: logged (never with a secret), not sent.
fn token_error<E>(e: super::TokenError) -> Error<E> {
    tracing::warn!(error = %e, "no access token: call not sent");
    Error::Token(e)
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The span of [`Client::call_in`]: see [`call_span!`](super::call_span).
#[macro_export]
#[doc(hidden)]
macro_rules! __wix_call_span {
    ($name:literal, $operation:expr $(,)?) => {{
        let operation: $crate::Operation = $operation;
        $crate::__private::tracing::info_span!(
            $name,
            method = operation.name,
            verb = operation.verb.as_str(),
            status = $crate::__private::tracing::field::Empty,
            latency_ms = $crate::__private::tracing::field::Empty,
            tries = $crate::__private::tracing::field::Empty,
        )
    }};
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::{NoApplicationError, Operation, ParamLocation, PathParam};

    /// A request whose URL takes a field of its body: `PUT /v1/shelves/{shelf.id}`.
    #[derive(Serialize)]
    struct UpdateShelf {
        shelf: Shelf,
    }

    #[derive(Serialize)]
    struct Shelf {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        label: String,
    }

    impl Request for UpdateShelf {
        type Response = serde_json::Value;
        type Error = NoApplicationError;
        const OPERATION: Operation = Operation {
            name: "updateShelf",
            verb: HttpVerb::Put,
            path: "/v1/shelves/{shelf.id}",
            path_params: &[PathParam::segment(&["shelf", "id"])],
            params: &[("shelf", ParamLocation::Body)],
            scopes: &[],
        };
    }

    #[tokio::test]
    async fn a_path_field_left_unset_fails_before_anything_is_sent() {
        // Nothing listens there: the call must fail before it connects.
        let client = Client::builder(crate::client::Credentials::access_token("t"))
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        let request = UpdateShelf { shelf: Shelf { id: None, label: "Oak".into() } };
        let err = client.call(&request).await.unwrap_err();
        assert!(matches!(&err, Error::Encode(_)), "{err:?}");
        assert_eq!(
            err.to_string(),
            "could not encode the request: path parameter `shelf.id` is not set"
        );
    }
}
