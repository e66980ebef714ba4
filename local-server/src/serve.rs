//! Serving the routes over HTTP/1.1 with connection timeouts, which `axum::serve` has
//! no way to set: a request head must arrive within the header-read timeout (counted
//! from the connection's start, or from the previous answer on a kept-alive
//! connection), and a request body must not pause for longer than the body idle
//! timeout. Without them a client that sends half a request holds a connection (and
//! its task) for ever.

use std::error::Error as StdError;
use std::fmt;
use std::pin::pin;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use futures_util::StreamExt;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch};

/// The connection timeouts (see [`ServerConfig`](crate::ServerConfig)).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timeouts {
    pub header_read: Duration,
    pub body_idle: Duration,
}

/// The error a request body gives when it pauses for longer than the body idle
/// timeout; [`AppError::unreadable_body`](crate::AppError) answers it 408.
#[derive(Debug)]
pub(crate) struct BodyStalled(pub Duration);

impl fmt::Display for BodyStalled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the request body stopped arriving for more than {} ms",
            self.0.as_millis()
        )
    }
}

impl StdError for BodyStalled {}

/// Whether `error`, or an error it was caused by, is a [`BodyStalled`].
pub(crate) fn is_body_stalled(error: &(dyn StdError + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(e) = next {
        if e.is::<BodyStalled>() {
            return true;
        }
        next = e.source();
    }
    false
}

/// `body`, failing with [`BodyStalled`] when no part of it arrives for `idle`.
fn with_idle_timeout(body: Incoming, idle: Duration) -> Body {
    let parts = Body::new(body).into_data_stream();
    let timed = futures_util::stream::unfold(Some(parts), move |parts| async move {
        let mut parts = parts?;
        match tokio::time::timeout(idle, parts.next()).await {
            Ok(Some(Ok(bytes))) => Some((Ok(bytes), Some(parts))),
            Ok(Some(Err(e))) => Some((Err(axum::BoxError::from(e)), None)),
            Ok(None) => None,
            // After the error, the body ends.
            Err(_) => Some((Err(BodyStalled(idle).into()), None)),
        }
    });
    Body::from_stream(timed)
}

/// Serves `app` on `listener` until `shutdown` fires (or its sender is dropped), then
/// lets the requests in flight finish.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    timeouts: Timeouts,
    shutdown: oneshot::Receiver<()>,
) -> std::io::Result<()> {
    // Told to every connection at shutdown; each holds a `done` receiver until it ends.
    let (stop_tx, stop_rx) = watch::channel(());
    let (done_tx, done_rx) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, a connection reset before it was
                    // accepted: wait a moment rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let request = request.map(|body| with_idle_timeout(body, timeouts.body_idle));
            tower_service::Service::call(&mut app.clone(), request)
        });
        let mut stop = stop_rx.clone();
        let done = done_rx.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(timeouts.header_read);
            let mut connection = pin!(builder.serve_connection(TokioIo::new(stream), service));
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = stop.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(done);
        });
    }
    drop(listener);
    drop(done_rx);
    let _ = stop_tx.send(());
    done_tx.closed().await;
    Ok(())
}
