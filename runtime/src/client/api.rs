//! [`api_client!`](crate::client::api_client): the client type of one API, as the
//! generated bindings declare it.
//!
//! Each API's crate has a client of its own (`InboxClient`, `ContactsClient`, ...) with
//! that API's typed methods as inherent methods: nothing to import beyond the type, and
//! no method of one API can clash with another's. All of them wrap the one [`Client`]
//! of this runtime, so several APIs can share one connection pool, one set of
//! credentials and one retry policy (`ContactsClient::sharing(&inbox)`). What every
//! such type has besides its methods (constructors, the generic call in a span named
//! after the API, paging, conversions) is declared by this macro rather than written
//! out in each API's generated code.
//!
//! [`Client`]: super::Client

/// Declares the client type of one API around the runtime's
/// [`Client`](crate::client::Client):
///
/// ```
/// wixgen_runtime::client::api_client! {
///     #[span = "wix_gardens.call"]
///     /// A client of the Gardens API.
///     pub struct GardensClient;
/// }
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use wixgen_runtime::client::Credentials;
/// let gardens = GardensClient::new(Credentials::access_token("…"))?;
/// # let _ = gardens;
/// # Ok(()) }
/// ```
///
/// The type is a cheap handle (cloning it shares the connection pool) with:
///
/// - `new(credentials)` and `builder(credentials)`, as the runtime's client has them,
///   with a user agent naming the crate that declares the type;
/// - `sharing(&other)`: the same connection as another API's client (anything
///   `AsRef<Client>`, the runtime's client included); `for_instance(id)`: this API's
///   client acting for one app instance (app credentials);
/// - `call(&request)`: the generic call, in a `tracing` span named as `#[span]` says;
///   `send_request(request)`, the same for a request it takes by value, as a `Send`
///   future; `pages(first, page)`: a paged method as a stream;
/// - `Deref` and `AsRef` to the runtime's client, `From` it and into it, `Debug`
///   without the credentials.
///
/// The generated code adds the API's typed methods in an `impl` of its own.
#[macro_export]
#[doc(hidden)]
macro_rules! __wix_api_client {
    (
        #[span = $span:literal]
        $(#[$attr:meta])*
        $vis:vis struct $name:ident;
    ) => {
        $(#[$attr])*
        #[derive(Clone)]
        $vis struct $name($crate::client::Client);

        impl $name {
            /// A client with these credentials and the defaults: base URL
            /// `https://www.wixapis.com`, a 30 s timeout per try, the default retry policy.
            ///
            /// # Errors
            ///
            /// As the runtime's `ClientBuilder::build`.
            pub fn new(
                credentials: $crate::client::Credentials,
            ) -> ::core::result::Result<Self, $crate::client::BuildError> {
                Self::builder(credentials).build()
            }

            /// A builder to configure the client (base URL, timeouts, retries, the HTTP
            /// client).
            pub fn builder(credentials: $crate::client::Credentials) -> $crate::client::ClientBuilder<Self> {
                $crate::client::ClientBuilder::new(credentials).user_agent(::core::concat!(
                    ::core::env!("CARGO_PKG_NAME"),
                    "-rust/",
                    ::core::env!("CARGO_PKG_VERSION")
                ))
            }

            /// A client of this API on the same connection (pool, credentials, retry
            /// policy) as `client`: another API's client, or the runtime's.
            pub fn sharing(client: &impl ::core::convert::AsRef<$crate::client::Client>) -> Self {
                $name(::core::clone::Clone::clone(client.as_ref()))
            }

            /// This client acting for the app instance `instance`, as a client of this
            /// API: the runtime's `Client::for_instance` (for app credentials, whose
            /// calls then carry a token minted for that instance).
            pub fn for_instance(&self, instance: impl ::core::convert::Into<$crate::Guid>) -> Self {
                $name(self.0.for_instance(instance))
            }

            /// Calls the method `R` describes with `request`: what every typed method does,
            /// and the way to send a request with options the typed methods leave out.
            /// Runs in a `tracing` span named after the API.
            ///
            /// # Errors
            ///
            /// As the runtime's `Client::call`.
            pub async fn call<R: $crate::Request>(
                &self,
                request: &R,
            ) -> ::core::result::Result<R::Response, $crate::client::Error<R::Error>> {
                self.0.call_in($crate::__wix_call_span!($span, R::OPERATION), request).await
            }

            /// [`call`](Self::call) for a request taken by value: a `Send` future that
            /// borrows nothing but the client.
            pub fn send_request<R>(
                &self,
                request: R,
            ) -> impl ::core::future::Future<
                Output = ::core::result::Result<R::Response, $crate::client::Error<R::Error>>,
            > + ::core::marker::Send
                   + '_
            where
                R: $crate::Request + ::core::marker::Send + ::core::marker::Sync + 'static,
                R::Response: ::core::marker::Send,
                R::Error: ::core::marker::Send,
            {
                async move { self.call(&request).await }
            }

            /// The items of a paged method as a stream, starting with the page of
            /// `first`, one call per page; `page` splits each response into its items and
            /// the request for the next page.
            pub fn pages<R, T>(
                &self,
                first: R,
                page: impl ::core::ops::FnMut(&R, R::Response) -> $crate::client::Page<T, R>
                    + ::core::marker::Send
                    + 'static,
            ) -> $crate::client::PageStream<T, R::Error>
            where
                R: $crate::Request + ::core::clone::Clone + ::core::marker::Send + ::core::marker::Sync + 'static,
                R::Response: ::core::marker::Send + 'static,
                R::Error: ::core::marker::Send + 'static,
                T: ::core::marker::Send + 'static,
            {
                let client = ::core::clone::Clone::clone(self);
                $crate::client::PageStream::new(
                    first,
                    move |request: R| {
                        let client = ::core::clone::Clone::clone(&client);
                        async move { client.call(&request).await }
                    },
                    page,
                )
            }
        }

        impl ::core::ops::Deref for $name {
            type Target = $crate::client::Client;

            fn deref(&self) -> &$crate::client::Client {
                &self.0
            }
        }

        impl ::core::convert::AsRef<$crate::client::Client> for $name {
            fn as_ref(&self) -> &$crate::client::Client {
                &self.0
            }
        }

        impl ::core::convert::From<$crate::client::Client> for $name {
            fn from(client: $crate::client::Client) -> Self {
                $name(client)
            }
        }

        impl ::core::convert::From<$name> for $crate::client::Client {
            fn from(client: $name) -> Self {
                client.0
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(::core::stringify!($name)).field(&self.0).finish()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::super::{Client, Credentials, DEFAULT_BASE_URL};

    crate::__wix_api_client! {
        #[span = "test.call"]
        /// A client for the tests.
        pub struct TestClient;
    }

    #[test]
    fn a_client_shares_the_connection_of_another_and_converts_both_ways() {
        let runtime = Client::builder(Credentials::access_token("secret-token"))
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        let api = TestClient::sharing(&runtime);
        assert_eq!(api.base_url(), "http://127.0.0.1:9");
        let again = TestClient::sharing(&api);
        let back: Client = again.into();
        assert_eq!(back.base_url(), "http://127.0.0.1:9");
        let built = TestClient::new(Credentials::access_token("secret-token")).unwrap();
        assert_eq!(built.base_url(), DEFAULT_BASE_URL);
        let instance = crate::Guid::from_literal("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e");
        let site: TestClient = api.for_instance(instance);
        assert_eq!(site.instance(), Some(instance));
        assert_eq!(api.instance(), None);
        let debug = format!("{built:?}");
        assert!(debug.starts_with("TestClient(Client {"), "{debug}");
        assert!(!debug.contains("secret-token"), "{debug}");
    }
}
