//! [`Credentials`]: what goes in the `Authorization` header, kept out of every
//! `Debug`, `Display`, log line and error.

use core::fmt;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::Guid;

/// How the client authenticates: an app's OAuth access token, or an API key with the
/// site or account it acts on.
///
/// The secret is sent in the `Authorization` header (marked sensitive, so HTTP
/// libraries do not log it) and never shown: `Debug` prints `<redacted>`.
///
/// ```
/// use wixgen_runtime::client::Credentials;
///
/// let credentials = Credentials::access_token("my-token");
/// assert!(!format!("{credentials:?}").contains("my-token"));
/// ```
#[derive(Clone)]
pub struct Credentials(Kind);

#[derive(Clone)]
enum Kind {
    AccessToken(String),
    ApiKey { key: String, scope: ApiKeyScope },
}

/// What an API key acts on: one site (`wix-site-id`) or an account (`wix-account-id`),
/// by its GUID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKeyScope {
    /// The site whose data the calls use.
    Site(Guid),
    /// The account the calls act for.
    Account(Guid),
}

/// A credential that cannot travel in an HTTP header (it holds a control character or
/// a non-visible byte). The message never includes the credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidCredentials;

impl fmt::Display for InvalidCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the credential is not a valid HTTP header value")
    }
}

impl std::error::Error for InvalidCredentials {}

impl Credentials {
    /// An app's OAuth access token, sent as the `Authorization` header as is.
    pub fn access_token(token: impl Into<String>) -> Self {
        Credentials(Kind::AccessToken(token.into()))
    }

    /// An API key acting on one site: `Authorization` plus `wix-site-id`. `site` is a
    /// `SiteId` (of `wix-ids`, re-exported by every API's crate) or any [`Guid`].
    pub fn api_key_for_site(key: impl Into<String>, site: impl Into<Guid>) -> Self {
        Credentials(Kind::ApiKey {
            key: key.into(),
            scope: ApiKeyScope::Site(site.into()),
        })
    }

    /// An API key acting on an account: `Authorization` plus `wix-account-id`.
    /// `account` is an `AccountId` or any [`Guid`].
    pub fn api_key_for_account(key: impl Into<String>, account: impl Into<Guid>) -> Self {
        Credentials(Kind::ApiKey {
            key: key.into(),
            scope: ApiKeyScope::Account(account.into()),
        })
    }

    /// What an API key acts on; `None` for an access token.
    pub fn api_key_scope(&self) -> Option<ApiKeyScope> {
        match &self.0 {
            Kind::AccessToken(_) => None,
            Kind::ApiKey { scope, .. } => Some(*scope),
        }
    }

    /// The headers that carry these credentials, the secret marked sensitive.
    pub(crate) fn headers(&self) -> Result<HeaderMap, InvalidCredentials> {
        let mut headers = HeaderMap::new();
        let secret = match &self.0 {
            Kind::AccessToken(token) => token,
            Kind::ApiKey { key, scope } => {
                let (name, value) = match scope {
                    ApiKeyScope::Site(id) => ("wix-site-id", id.as_str()),
                    ApiKeyScope::Account(id) => ("wix-account-id", id.as_str()),
                };
                headers.insert(
                    HeaderName::from_static(name),
                    HeaderValue::from_str(value).map_err(|_| InvalidCredentials)?,
                );
                key
            }
        };
        let mut value = HeaderValue::from_str(secret).map_err(|_| InvalidCredentials)?;
        value.set_sensitive(true);
        headers.insert(reqwest::header::AUTHORIZATION, value);
        Ok(headers)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::AccessToken(_) => f
                .debug_struct("Credentials::AccessToken")
                .field("token", &format_args!("<redacted>"))
                .finish(),
            Kind::ApiKey { scope, .. } => f
                .debug_struct("Credentials::ApiKey")
                .field("key", &format_args!("<redacted>"))
                .field("scope", scope)
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::guid_id! {
        /// A site's ID, as `wix-ids` declares it.
        pub struct SiteId;
    }

    const SITE: SiteId = SiteId::from_literal("0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e");

    #[test]
    fn headers_carry_the_secret_marked_sensitive_and_debug_hides_it() {
        let token = Credentials::access_token("s3cr3t-token");
        let headers = token.headers().unwrap();
        assert_eq!(headers["authorization"], "s3cr3t-token");
        assert!(headers["authorization"].is_sensitive());
        assert_eq!(headers.len(), 1);
        assert!(!format!("{token:?}").contains("s3cr3t"));

        let key = Credentials::api_key_for_site("s3cr3t-key", SITE);
        let headers = key.headers().unwrap();
        assert_eq!(headers["authorization"], "s3cr3t-key");
        assert_eq!(headers["wix-site-id"], SITE.as_str());
        let debug = format!("{key:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert!(debug.contains(SITE.as_str()), "{debug}");

        assert_eq!(key.api_key_scope(), Some(ApiKeyScope::Site(SITE.into())));
        assert_eq!(token.api_key_scope(), None);

        let account = Guid::from_literal("1a2b3c4d-5c37-4a24-a1f4-0fd4bd0b1a3e");
        let headers = Credentials::api_key_for_account("k", account)
            .headers()
            .unwrap();
        assert_eq!(headers["wix-account-id"], account.as_str());
        assert!(headers.get("wix-site-id").is_none());
    }

    #[test]
    fn a_credential_that_is_no_header_value_is_refused_without_echoing_it() {
        let err = Credentials::access_token("bad\nvalue")
            .headers()
            .unwrap_err();
        assert!(!err.to_string().contains("bad"));
    }
}
