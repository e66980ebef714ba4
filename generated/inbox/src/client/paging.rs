//! listMessages as a [`Stream`] of messages that follows cursors page after page: the
//! runtime's [`PageStream`] with the Inbox's cursor rule.

use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::{Client, Error, PageStream, Stream, StreamExt};
use crate::rt::client::paging::{next_cursor, Page};
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
    inner: PageStream<Message, ListMessagesError>,
}

impl Client {
    /// Every message of `request`'s conversation as a stream, fetching pages as it
    /// is read. `request.paging.limit` sets the page size (the server's default is
    /// 30); a cursor in `request` is where the stream starts.
    pub fn messages(&self, request: ListMessagesRequest) -> MessageStream {
        let client = self.clone();
        let inner = PageStream::new(
            request,
            move |request: ListMessagesRequest| {
                let client = client.clone();
                async move { client.call(&request).await }
            },
            |sent, page: crate::ListMessagesResponse| {
                let sent_cursor = sent.paging.as_ref().and_then(|p| p.cursor.as_deref());
                let next = next_cursor(
                    sent_cursor,
                    page.paging_metadata
                        .and_then(|m| m.cursors)
                        .and_then(|c| c.next),
                );
                Page {
                    items: page.messages,
                    next: next.map(|cursor| {
                        let mut request = sent.clone();
                        request
                            .paging
                            .get_or_insert_with(CursorPaging::default)
                            .cursor = Some(cursor);
                        request
                    }),
                }
            },
        );
        MessageStream { inner }
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

    /// The runtime's stream this one wraps.
    pub fn into_inner(self) -> PageStream<Message, ListMessagesError> {
        self.inner
    }
}

impl Stream for MessageStream {
    type Item = Result<Message, Error<ListMessagesError>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.inner).poll_next(cx)
    }
}

impl fmt::Debug for MessageStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MessageStream")
    }
}
