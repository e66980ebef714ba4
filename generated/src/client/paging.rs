//! listMessages as a [`Stream`] of messages that follows cursors page after page.

use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::collections::VecDeque;

use futures_util::stream::{self, BoxStream, Stream, StreamExt};

use super::{Client, Error};
use crate::{CursorPaging, ListMessagesError, ListMessagesRequest, Message};

/// The messages of a conversation, page after page: [`Client::messages`].
///
/// Read it with [`next_message`](Self::next_message), or, as a [`Stream`], with the
/// methods of [`StreamExt`](super::StreamExt) and [`TryStreamExt`](super::TryStreamExt)
/// (`next`, `try_next`, `try_collect`, `take`, ...), which
/// [`wix_inbox::client`](super) re-exports: no need to depend on `futures-util`.
///
/// Each page is one listMessages call; the next page's `paging.cursor` is the
/// previous page's `pagingMetadata.cursors.next`. The stream ends after the page
/// without a next cursor (or whose next cursor is the one just used, so that a
/// misbehaving server cannot make it loop), or after the first error.
pub struct MessageStream {
    inner: BoxStream<'static, Result<Message, Error<ListMessagesError>>>,
}

struct State {
    client: Client,
    request: ListMessagesRequest,
    buffer: VecDeque<Message>,
    /// `Some(cursor)` to fetch the page at `cursor` (`None`: the first page), `None`
    /// once there are no more pages.
    next: Option<Option<String>>,
}

impl Client {
    /// Every message of `request`'s conversation as a stream, fetching pages as it
    /// is read. `request.paging.limit` sets the page size (the server's default is
    /// 30); a cursor in `request` is where the stream starts.
    pub fn messages(&self, request: ListMessagesRequest) -> MessageStream {
        let start = request.paging.as_ref().and_then(|p| p.cursor.clone());
        let state = State {
            client: self.clone(),
            request,
            buffer: VecDeque::new(),
            next: Some(start),
        };
        MessageStream {
            inner: stream::unfold(state, step).boxed(),
        }
    }
}

async fn step(mut state: State) -> Option<(Result<Message, Error<ListMessagesError>>, State)> {
    loop {
        if let Some(message) = state.buffer.pop_front() {
            return Some((Ok(message), state));
        }
        let cursor = state.next.take()?;
        let mut request = state.request.clone();
        let paging = request.paging.get_or_insert_with(CursorPaging::default);
        paging.cursor = cursor.clone();
        match state.client.call(&request).await {
            Ok(page) => {
                let next = page
                    .paging_metadata
                    .and_then(|m| m.cursors)
                    .and_then(|c| c.next)
                    .filter(|next| !next.is_empty() && Some(next) != cursor.as_ref());
                state.next = next.map(Some);
                state.buffer.extend(page.messages);
            }
            // `state.next` is `None` now: the stream ends after the error.
            Err(e) => return Some((Err(e), state)),
        }
    }
}

impl MessageStream {
    /// The next message, `Ok(None)` after the last one (or after an error): reading the
    /// stream without importing a trait, stopping at the first error with `?`.
    ///
    /// ```no_run
    /// # async fn demo(client: wix_inbox::client::Client, conversation: wix_inbox::ConversationId)
    /// # -> Result<(), Box<dyn std::error::Error>> {
    /// use wix_inbox::{ListMessagesRequest, MessageVisibility};
    ///
    /// let request = ListMessagesRequest::new(conversation, MessageVisibility::BusinessAndParticipant);
    /// let mut messages = client.messages(request);
    /// while let Some(message) = messages.next_message().await? {
    ///     println!("{:?}", message.texts().collect::<Vec<_>>());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// The same as [`TryStreamExt::try_next`](super::TryStreamExt::try_next). (Named
    /// differently so as not to shadow the traits' methods for those who import them.)
    pub async fn next_message(&mut self) -> Result<Option<Message>, Error<ListMessagesError>> {
        self.inner.next().await.transpose()
    }
}

impl Stream for MessageStream {
    type Item = Result<Message, Error<ListMessagesError>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for MessageStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MessageStream")
    }
}
