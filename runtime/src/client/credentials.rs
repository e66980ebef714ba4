//! [`Credentials`]: what goes in the `Authorization` header, kept out of every
//! `Debug`, `Display`, log line and error.

use core::fmt;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::oauth::{Auth, AppAuth, Secret};
use crate::Guid;

/// How the client authenticates: an app's credentials (the client mints its access
/// tokens), an access token got elsewhere, or an API key with the site or account it
/// acts on.
///
/// | credential | where it comes from | what it acts on |
/// |---|---|---|
/// | [`app`](Self::app) / [`app_instance`](Self::app_instance) | the app's ID and secret key (the app's OAuth settings in Wix's developer tools) | each instance of the app, that is each site it is installed on (`instanceId` of the install webhook and of every webhook) |
/// | [`access_token`](Self::access_token) | a token minted elsewhere (`POST https://www.wixapis.com/oauth2/token`) | the instance it was minted for, for its 4 hours |
/// | [`api_key_for_site`](Self::api_key_for_site) / [`api_key_for_account`](Self::api_key_for_account) | an API key made in the account's API key settings, with the permissions chosen there | the site or account named with it |
///
/// Secrets are sent in the `Authorization` header (marked sensitive, so HTTP libraries
/// do not log it) or, for the app secret, only in the body of the token request; none
/// is ever shown: `Debug` prints `<redacted>`.
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
    ApiKey {
        key: String,
        scope: ApiKeyScope,
    },
    App {
        app_id: Guid,
        secret: Secret,
        instance: Option<Guid>,
    },
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
    /// An app's OAuth access token, sent as the `Authorization` header as is. It
    /// expires (Wix's after 4 hours) and is not renewed: for a long-running program,
    /// give the app's credentials instead ([`Credentials::app`]).
    pub fn access_token(token: impl Into<String>) -> Self {
        Credentials(Kind::AccessToken(token.into()))
    }

    /// An app's credentials, its ID and secret key: the client mints an access token
    /// for each app instance it acts for (OAuth client credentials, `POST
    /// {base URL}/oauth2/token`) on that instance's first call, keeps it, renews it
    /// before it expires and once when a call is refused with 401. Name the instance of
    /// each call with [`Client::for_instance`](super::Client::for_instance); a call
    /// that names none fails with [`TokenError::NoInstance`](super::TokenError::NoInstance).
    ///
    /// `app_id` is an `AppId` or any [`Guid`]. The secret goes only into the body of
    /// the token request.
    pub fn app(app_id: impl Into<Guid>, app_secret: impl Into<String>) -> Self {
        Credentials(Kind::App {
            app_id: app_id.into(),
            secret: Secret(app_secret.into()),
            instance: None,
        })
    }

    /// An app's credentials acting for one instance: [`Credentials::app`] with every
    /// call for `instance` (an `InstanceId` or any [`Guid`]) unless a call's client
    /// names another with [`for_instance`](super::Client::for_instance).
    pub fn app_instance(
        app_id: impl Into<Guid>,
        app_secret: impl Into<String>,
        instance: impl Into<Guid>,
    ) -> Self {
        Credentials(Kind::App {
            app_id: app_id.into(),
            secret: Secret(app_secret.into()),
            instance: Some(instance.into()),
        })
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

    /// What an API key acts on; `None` for other credentials.
    pub fn api_key_scope(&self) -> Option<ApiKeyScope> {
        match &self.0 {
            Kind::ApiKey { scope, .. } => Some(*scope),
            Kind::AccessToken(_) | Kind::App { .. } => None,
        }
    }

    /// The app's ID, for app credentials.
    pub fn app_id(&self) -> Option<Guid> {
        match &self.0 {
            Kind::App { app_id, .. } => Some(*app_id),
            Kind::AccessToken(_) | Kind::ApiKey { .. } => None,
        }
    }

    /// How a client authenticates with these credentials, and the instance it acts
    /// for from the start.
    pub(crate) fn auth(&self) -> Result<(Auth, Option<Guid>), InvalidCredentials> {
        match &self.0 {
            Kind::App {
                app_id,
                secret,
                instance,
            } => Ok((Auth::App(AppAuth::new(*app_id, secret.clone())), *instance)),
            _ => Ok((Auth::Fixed(self.headers()?), None)),
        }
    }

    /// The headers that carry fixed credentials, the secret marked sensitive (none for
    /// app credentials, whose headers are minted per instance).
    pub(crate) fn headers(&self) -> Result<HeaderMap, InvalidCredentials> {
        let mut headers = HeaderMap::new();
        let secret = match &self.0 {
            Kind::App { .. } => return Ok(headers),
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
            Kind::App {
                app_id,
                secret,
                instance,
            } => f
                .debug_struct("Credentials::App")
                .field("app_id", app_id)
                .field("secret", secret)
                .field("instance", instance)
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
    fn app_credentials_show_the_app_and_instance_but_never_the_secret() {
        let app = Guid::from_literal("a9900a99-0000-4000-8000-000000000002");
        let instance = Guid::from_literal("1257a2ce-0000-4000-8000-000000000003");
        let credentials = Credentials::app_instance(app, "s3cr3t-app-key", instance);
        let debug = format!("{credentials:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        assert!(debug.contains(app.as_str()) && debug.contains(instance.as_str()), "{debug}");
        assert_eq!(credentials.app_id(), Some(app));
        assert_eq!(credentials.api_key_scope(), None);
        assert!(credentials.headers().unwrap().is_empty());
        let (auth, bound) = credentials.auth().unwrap();
        assert_eq!(bound, Some(instance));
        assert!(!format!("{auth:?}").contains("s3cr3t"));
        let (_, unbound) = Credentials::app(app, "k").auth().unwrap();
        assert_eq!(unbound, None);
        assert_eq!(Credentials::access_token("t").app_id(), None);
    }

    #[test]
    fn a_credential_that_is_no_header_value_is_refused_without_echoing_it() {
        let err = Credentials::access_token("bad\nvalue")
            .headers()
            .unwrap_err();
        assert!(!err.to_string().contains("bad"));
    }
}
