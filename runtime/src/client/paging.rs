//! Paged methods as streams: [`PageStream`], the items of page after page, and the
//! rules that say where the next page starts ([`next_cursor`], [`next_offset`]).
//!
//! The stream knows nothing of any API's paging: it sends a first request, gives each
//! response to a function that splits it into the page's items and the request for the
//! next page ([`Page`]), and stops after the page without a next request or after the
//! first error. The API crates supply that function, generated from the shapes of the
//! request and response: Inbox's listMessages follows cursors ([`cursor_page`]),
//! Contacts' queryContacts and Members' queryMembers count offsets ([`offset_page`]).
//!
//! ```no_run
//! # async fn demo(client: wixgen_runtime::client::Client) -> Result<(), Box<dyn std::error::Error>> {
//! # #[derive(Clone, serde::Serialize)] struct ListThings { offset: i64 }
//! # #[derive(serde::Deserialize)] struct Things { things: Vec<String>, total: Option<i64> }
//! # impl wixgen_runtime::Request for ListThings {
//! #     type Response = Things; type Error = wixgen_runtime::NoApplicationError;
//! #     const OPERATION: wixgen_runtime::Operation = wixgen_runtime::Operation {
//! #         name: "listThings", verb: wixgen_runtime::HttpVerb::Get, path: "/things", path_params: &[],
//! #         params: &[], scopes: &[] };
//! # }
//! use wixgen_runtime::client::paging::{next_offset, Page};
//!
//! let mut things = client.pages(ListThings { offset: 0 }, |sent, response: Things| {
//!     let next = next_offset(sent.offset, response.things.len(), None, response.total);
//!     Page {
//!         next: next.map(|offset| ListThings { offset }),
//!         items: response.things,
//!     }
//! });
//! while let Some(thing) = things.next_item().await? {
//!     println!("{thing}");
//! }
//! # Ok(()) }
//! ```

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::collections::VecDeque;

use futures_util::stream::{self, BoxStream, Stream, StreamExt};

use super::{Client, Error};
use crate::Request;

/// One page of a paged method, as the function given to [`PageStream::new`] or
/// [`Client::pages`] makes it of a response.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T, R> {
    /// The page's items, in order.
    pub items: Vec<T>,
    /// The request for the next page, `None` when this page is the last.
    pub next: Option<R>,
}

/// The items of a paged method, page after page: one call per page, made as the
/// stream is read.
///
/// Read it with [`next_item`](Self::next_item), or, as a [`Stream`], with the methods
/// of [`StreamExt`] and [`TryStreamExt`](super::TryStreamExt)
/// (`next`, `try_next`, `try_collect`, `take`, ...), which [`client`](super)
/// re-exports. The stream ends after the last page, or after the first error: a failed
/// page is yielded as `Err`, and nothing follows it.
#[must_use = "a stream does nothing unless read"]
pub struct PageStream<T, E> {
    inner: BoxStream<'static, Result<T, Error<E>>>,
}

struct State<R, T, F, P> {
    /// The request for the next page; `None` once there are no more pages.
    next: Option<R>,
    fetch: F,
    page: P,
    buffer: VecDeque<T>,
}

impl<T, E> PageStream<T, E>
where
    T: Send + 'static,
    E: Send + 'static,
{
    /// The items of the pages `fetch` gets, starting with the page of `first`. `page`
    /// splits each response into its items and the request for the next page, given
    /// the request that was sent.
    ///
    /// `fetch` is how a request is sent: usually [`Client::call`] or
    /// [`Client::call_in`] on a clone of the client (what [`Client::pages`] does).
    pub fn new<R, S, F, Fut, P>(first: R, fetch: F, page: P) -> Self
    where
        R: Clone + Send + 'static,
        S: Send + 'static,
        F: FnMut(R) -> Fut + Send + 'static,
        Fut: Future<Output = Result<S, Error<E>>> + Send + 'static,
        P: FnMut(&R, S) -> Page<T, R> + Send + 'static,
    {
        let state = State {
            next: Some(first),
            fetch,
            page,
            buffer: VecDeque::new(),
        };
        PageStream {
            inner: stream::unfold(state, step).boxed(),
        }
    }

    /// The next item, `Ok(None)` after the last one (or after an error): reading the
    /// stream without importing a trait, stopping at the first error with `?`.
    ///
    /// The same as [`TryStreamExt::try_next`](super::TryStreamExt::try_next). (Named
    /// differently so as not to shadow the traits' methods for those who import them.)
    pub async fn next_item(&mut self) -> Result<Option<T>, Error<E>> {
        self.inner.next().await.transpose()
    }
}

async fn step<R, S, T, E, F, Fut, P>(
    mut state: State<R, T, F, P>,
) -> Option<(Result<T, Error<E>>, State<R, T, F, P>)>
where
    R: Clone,
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<S, Error<E>>>,
    P: FnMut(&R, S) -> Page<T, R>,
{
    loop {
        if let Some(item) = state.buffer.pop_front() {
            return Some((Ok(item), state));
        }
        let request = state.next.take()?;
        match (state.fetch)(request.clone()).await {
            Ok(response) => {
                let page = (state.page)(&request, response);
                state.next = page.next;
                state.buffer.extend(page.items);
            }
            // `state.next` is `None` now: the stream ends after the error.
            Err(e) => return Some((Err(e), state)),
        }
    }
}

impl<T, E> Stream for PageStream<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<T, E> fmt::Debug for PageStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PageStream")
    }
}

impl Client {
    /// The items of a paged method as a stream, starting with the page of `first`:
    /// [`PageStream::new`] with [`Client::call`] to fetch each page. `page` splits a
    /// response into its items and the request for the next page, given the request
    /// that was sent.
    pub fn pages<R, T>(
        &self,
        first: R,
        page: impl FnMut(&R, R::Response) -> Page<T, R> + Send + 'static,
    ) -> PageStream<T, R::Error>
    where
        R: Request + Clone + Send + Sync + 'static,
        R::Response: Send + 'static,
        R::Error: Send + 'static,
        T: Send + 'static,
    {
        let client = self.clone();
        PageStream::new(
            first,
            move |request: R| {
                let client = client.clone();
                async move { client.call(&request).await }
            },
            page,
        )
    }
}

/// The cursor of the page after one fetched at `sent` whose response gave `next`, or
/// `None` when that page was the last: no next cursor, an empty one, or the cursor just
/// used (so that a server that repeats itself cannot make a stream loop).
pub fn next_cursor(sent: Option<&str>, next: Option<String>) -> Option<String> {
    next.filter(|next| !next.is_empty() && Some(next.as_str()) != sent)
}

/// The offset of the page after one asked for at `offset` that held `received` items,
/// or `None` when that page was the last:
///
/// - it was empty;
/// - it reached `total`, the number of items that match in all, when the server
///   counted them;
/// - the server reported another offset for it (`reported`, when it reports one) than
///   the one asked for: a server that ignores the offset cannot make a stream loop.
///
/// A page shorter than the limit asked for is not taken for the last one, since a
/// server may lower a limit silently; without a `total` the stream ends on the first
/// empty page, one call later.
pub fn next_offset(
    offset: i64,
    received: usize,
    reported: Option<i64>,
    total: Option<i64>,
) -> Option<i64> {
    if reported.is_some_and(|reported| reported != offset) {
        return None;
    }
    let received = i64::try_from(received).ok().filter(|n| *n > 0)?;
    let next = offset.checked_add(received)?;
    match total {
        Some(total) if next >= total => None,
        _ => Some(next),
    }
}

/// One page of an offset-paged method: its `items`, and the request for the page after
/// them unless [`next_offset`] says this was the last. `offset` is the offset `sent`
/// asked for (`None`: from the start), `reported` and `total` what the response says
/// of the page and of the whole; `with_offset` sets the offset on a copy of `sent`.
///
/// The paging rule of the generated streams, so that each is a call of this function
/// rather than a copy of the rule.
pub fn offset_page<R: Clone, T>(
    sent: &R,
    items: Vec<T>,
    offset: Option<i64>,
    reported: Option<i64>,
    total: Option<i64>,
    with_offset: impl FnOnce(&mut R, i64),
) -> Page<T, R> {
    let next = next_offset(offset.unwrap_or(0), items.len(), reported, total).map(|offset| {
        let mut request = sent.clone();
        with_offset(&mut request, offset);
        request
    });
    Page { items, next }
}

/// One page of a cursor-paged method: its `items`, and the request for the page after
/// them unless [`next_cursor`] says this was the last. `sent_cursor` is the cursor
/// `sent` carried, `next` the one the response gives; `with_cursor` sets the cursor on
/// a copy of `sent`.
pub fn cursor_page<R: Clone, T>(
    sent: &R,
    items: Vec<T>,
    sent_cursor: Option<&str>,
    next: Option<String>,
    with_cursor: impl FnOnce(&mut R, String),
) -> Page<T, R> {
    let next = next_cursor(sent_cursor, next).map(|cursor| {
        let mut request = sent.clone();
        with_cursor(&mut request, cursor);
        request
    });
    Page { items, next }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_end_when_missing_empty_or_repeated() {
        assert_eq!(next_cursor(None, Some("a".into())), Some("a".into()));
        assert_eq!(next_cursor(Some("a"), Some("b".into())), Some("b".into()));
        assert_eq!(next_cursor(Some("a"), None), None);
        assert_eq!(next_cursor(Some("a"), Some(String::new())), None);
        assert_eq!(next_cursor(Some("a"), Some("a".into())), None);
    }

    #[test]
    fn offsets_advance_by_what_came_until_empty_or_total() {
        assert_eq!(next_offset(0, 50, Some(0), Some(120)), Some(50));
        assert_eq!(next_offset(50, 50, Some(50), Some(120)), Some(100));
        assert_eq!(next_offset(100, 20, Some(100), Some(120)), None);
        assert_eq!(next_offset(0, 0, None, Some(120)), None);
        // Without a total: on until an empty page, short pages included.
        assert_eq!(next_offset(0, 3, None, None), Some(3));
        assert_eq!(next_offset(3, 0, None, None), None);
        // A total below what came: no page after this one.
        assert_eq!(next_offset(0, 5, None, Some(0)), None);
        // A server that answers with another page than the one asked for.
        assert_eq!(next_offset(50, 50, Some(0), None), None);
        // No offset overflows.
        assert_eq!(next_offset(i64::MAX, 1, None, None), None);
    }


    #[test]
    fn offset_and_cursor_pages_make_the_next_request_from_the_sent_one() {
        #[derive(Clone, Debug, PartialEq)]
        struct Req {
            filter: &'static str,
            offset: Option<i64>,
            cursor: Option<String>,
        }
        let sent = Req { filter: "f", offset: Some(10), cursor: None };
        let page = offset_page(&sent, vec![1, 2], sent.offset, Some(10), Some(20), |r, o| r.offset = Some(o));
        assert_eq!(page.items, [1, 2]);
        assert_eq!(page.next, Some(Req { offset: Some(12), ..sent.clone() }));
        // The last page: nothing after the total.
        let page = offset_page(&sent, vec![1, 2], sent.offset, None, Some(12), |r, o| r.offset = Some(o));
        assert_eq!(page.next, None);
        // No offset sent: from the start.
        let page = offset_page(&sent, vec![1], None, None, None, |r, o| r.offset = Some(o));
        assert_eq!(page.next.and_then(|r| r.offset), Some(1));

        let page = cursor_page(&sent, vec!["a"], None, Some("c2".into()), |r, c| r.cursor = Some(c));
        assert_eq!(page.next, Some(Req { cursor: Some("c2".into()), ..sent.clone() }));
        let page = cursor_page(&sent, vec!["a"], Some("c2"), Some("c2".into()), |r, c| r.cursor = Some(c));
        assert_eq!(page.next, None);
    }

    #[tokio::test]
    async fn a_stream_yields_each_page_in_order_and_stops_after_the_last() {
        use std::sync::{Arc, Mutex};

        let sent = Arc::new(Mutex::new(Vec::new()));
        let log = sent.clone();
        let stream: PageStream<u32, crate::NoApplicationError> = PageStream::new(
            0u32,
            move |page: u32| {
                log.lock().unwrap().push(page);
                async move { Ok(vec![page * 10, page * 10 + 1]) }
            },
            |sent, items| Page {
                items,
                next: (*sent < 2).then_some(sent + 1),
            },
        );
        let items: Vec<u32> = stream.try_collect_vec().await;
        assert_eq!(items, [0, 1, 10, 11, 20, 21]);
        assert_eq!(*sent.lock().unwrap(), [0, 1, 2]);
    }

    #[tokio::test]
    async fn a_stream_ends_after_an_error() {
        let mut stream: PageStream<u32, crate::NoApplicationError> = PageStream::new(
            0u32,
            |page: u32| async move {
                if page == 0 {
                    Ok(vec![1])
                } else {
                    Err(Error::Timeout)
                }
            },
            |sent, items| Page {
                items,
                next: Some(sent + 1),
            },
        );
        assert_eq!(stream.next_item().await.unwrap(), Some(1));
        assert!(matches!(stream.next_item().await, Err(Error::Timeout)));
        assert_eq!(stream.next_item().await.unwrap(), None);
    }

    impl<T: Send + 'static, E: Send + 'static + fmt::Debug> PageStream<T, E> {
        async fn try_collect_vec(mut self) -> Vec<T> {
            let mut out = Vec::new();
            while let Some(item) = self.next_item().await.unwrap() {
                out.push(item);
            }
            out
        }
    }
}
