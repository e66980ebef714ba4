//! `wix-local-server`: runs the local Inbox (and Contacts and Members) server
//! until Ctrl-C.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use wix_local_server::{start_with, ServerConfig, WebhookTarget};

const USAGE: &str = "\
usage: wix-local-server [--port PORT] [--token TOKEN]... [--app-id GUID] [--app-secret SECRET]
                        [--token-lifetime SECONDS] [--webhook-url URL] [--crm-webhook-url URL]
                        [--webhook-key PEM_FILE]

Serves the Wix Inbox, Contacts and Members APIs from memory on 127.0.0.1 (an ephemeral
port unless --port).
  --port PORT            listen on this port
  --token TOKEN          accept only this Authorization value (repeatable; default: any)
                         besides the tokens POST /oauth2/token mints; the /_local/
                         routes then need it too
  --app-id GUID          the app whose credentials POST /oauth2/token takes
                         (default a9900a99-0000-4000-8000-000000000002)
  --app-secret SECRET    that app's secret (default local-app-secret)
  --token-lifetime SECONDS
                         how long a minted token lives (default 14400, as Wix's)
  --webhook-url URL      POST signed Inbox webhooks (ConversationsMerged, MessageSentToBusiness) here
  --crm-webhook-url URL  POST signed Contacts and Members webhooks (Contact Created, Updated,
                         Deleted; Member Created, Deleted) here (may be the same URL)
  --webhook-key FILE     the RSA private key (PEM) that signs them (needed with either URL)
  -h, --help             print this and exit
Besides the APIs: POST /_local/visitors {\"text\"}, POST /_local/conversions
{\"participantId\", \"to\": \"contact\"|\"member\", \"email\"?, \"name\"?: {\"first\", \"last\"}},
POST /_local/faults, GET /_local/stats (JSON bodies only: Content-Type: application/json).";

/// What the command line asks for.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // made once, at start-up
enum Command {
    /// Serve with this configuration.
    Serve(ServerConfig),
    /// Print the usage (to stdout, exit status 0).
    Help,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut config = ServerConfig::default();
    let (mut url, mut crm_url, mut key) = (None, None, None);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--port" => {
                let port: u16 = value()?.parse().map_err(|e| format!("--port: {e}"))?;
                config.addr = SocketAddr::from(([127, 0, 0, 1], port));
            }
            "--token" => config
                .accepted_credentials
                .get_or_insert_with(Vec::new)
                .push(value()?),
            "--app-id" => {
                config.app_id = value()?.parse().map_err(|e| format!("--app-id: {e}"))?;
            }
            "--app-secret" => config.app_secret = value()?,
            "--token-lifetime" => {
                let seconds: u64 = value()?
                    .parse()
                    .map_err(|e| format!("--token-lifetime: {e}"))?;
                if seconds == 0 {
                    return Err("--token-lifetime: must be at least 1 second".into());
                }
                config.token_lifetime = std::time::Duration::from_secs(seconds);
            }
            "--webhook-url" => url = Some(value()?),
            "--crm-webhook-url" => crm_url = Some(value()?),
            "--webhook-key" => {
                let path = value()?;
                key = Some(std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?);
            }
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    match (url.is_some() || crm_url.is_some(), key) {
        (false, None) => {}
        (false, Some(_)) => {
            return Err("--webhook-key goes with --webhook-url or --crm-webhook-url".into())
        }
        (true, None) => return Err("--webhook-url and --crm-webhook-url need --webhook-key".into()),
        (true, Some(private_key_pem)) => {
            let target = |url: String| WebhookTarget {
                url,
                private_key_pem: private_key_pem.clone(),
            };
            config.webhook = url.map(target);
            config.crm_webhook = crm_url.map(target);
        }
    }
    Ok(Command::Serve(config))
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse(std::env::args().skip(1)) {
        Ok(Command::Serve(config)) => config,
        // Asked for, the usage is the answer: on stdout, and a success.
        Ok(Command::Help) => {
            // A closed pipe (`wix-local-server --help | head`) is no failure.
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match start_with(config).await {
        Ok(server) => {
            println!("wix-local-server listening on {}", server.base_url());
            match server.run_until_ctrl_c().await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn serve(list: &[&str]) -> ServerConfig {
        match parse(args(list)) {
            Ok(Command::Serve(config)) => config,
            other => panic!("{list:?}: {other:?}"),
        }
    }

    #[test]
    fn arguments() {
        let config = serve(&["--port", "8123", "--token", "a", "--token", "b"]);
        assert_eq!(config.addr, SocketAddr::from(([127, 0, 0, 1], 8123)));
        assert_eq!(
            config.accepted_credentials,
            Some(vec!["a".into(), "b".into()])
        );
        assert!(config.webhook.is_none());
        let default = serve(&[]);
        assert_eq!(default.addr.port(), 0);
        assert!(default.addr.ip().is_loopback());
        assert!(parse(args(&["--webhook-url", "http://127.0.0.1:1/"])).is_err());
        assert!(parse(args(&["--crm-webhook-url", "http://127.0.0.1:1/"])).is_err());
        assert!(default.crm_webhook.is_none());
        assert!(parse(args(&["--port"])).is_err());
        assert!(parse(args(&["--bogus"])).is_err());
        assert!(matches!(parse(args(&["--help"])), Ok(Command::Help)));
        assert!(matches!(parse(args(&["-h"])), Ok(Command::Help)));
    }

    #[test]
    fn app_credentials_and_token_lifetime() {
        let default = serve(&[]);
        assert_eq!(default.app_secret, wix_local_server::DEFAULT_APP_SECRET);
        assert_eq!(
            default.token_lifetime,
            wix_local_server::DEFAULT_TOKEN_LIFETIME
        );
        let config = serve(&[
            "--app-id",
            "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e",
            "--app-secret",
            "s3cret",
            "--token-lifetime",
            "2",
        ]);
        assert_eq!(config.app_id.as_str(), "0bd6b6a1-5c37-4a24-a1f4-0fd4bd0b1a3e");
        assert_eq!(config.app_secret, "s3cret");
        assert_eq!(config.token_lifetime, std::time::Duration::from_secs(2));
        assert!(!format!("{config:?}").contains("s3cret"));
        for bad in [
            &["--token-lifetime", "0"][..],
            &["--token-lifetime", "soon"],
            &["--app-id", "not-a-guid"],
            &["--app-secret"],
        ] {
            assert!(parse(args(bad)).is_err(), "{bad:?}");
        }
    }
}
