//! `wix-inbox-local-server`: runs the local Inbox server until Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;

use wix_inbox_local_server::{start_with, ServerConfig, WebhookTarget};

const USAGE: &str = "\
usage: wix-inbox-local-server [--port PORT] [--token TOKEN]... [--webhook-url URL --webhook-key PEM_FILE]

Serves the Wix Inbox API from memory on 127.0.0.1 (an ephemeral port unless --port).
  --port PORT          listen on this port
  --token TOKEN        accept only this Authorization value (repeatable; default: any)
  --webhook-url URL    POST signed webhooks (ConversationsMerged, MessageSentToBusiness) here
  --webhook-key FILE   the RSA private key (PEM) that signs them
Besides the API: POST /_local/visitors {\"text\"}, POST /_local/conversions
{\"participantId\", \"to\": \"contact\"|\"member\"}, POST /_local/faults, GET /_local/stats.";

fn parse(args: impl IntoIterator<Item = String>) -> Result<ServerConfig, String> {
    let mut config = ServerConfig::default();
    let (mut url, mut key) = (None, None);
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
            "--webhook-url" => url = Some(value()?),
            "--webhook-key" => {
                let path = value()?;
                key = Some(std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?);
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    config.webhook = match (url, key) {
        (Some(url), Some(private_key_pem)) => Some(WebhookTarget {
            url,
            private_key_pem,
        }),
        (None, None) => None,
        _ => return Err("--webhook-url and --webhook-key go together".into()),
    };
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match start_with(config).await {
        Ok(server) => {
            println!("wix-inbox-local-server listening on {}", server.base_url());
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

    #[test]
    fn arguments() {
        let config = parse(args(&["--port", "8123", "--token", "a", "--token", "b"])).unwrap();
        assert_eq!(config.addr, SocketAddr::from(([127, 0, 0, 1], 8123)));
        assert_eq!(
            config.accepted_credentials,
            Some(vec!["a".into(), "b".into()])
        );
        assert!(config.webhook.is_none());
        let default = parse(args(&[])).unwrap();
        assert_eq!(default.addr.port(), 0);
        assert!(default.addr.ip().is_loopback());
        assert!(parse(args(&["--webhook-url", "http://127.0.0.1:1/"])).is_err());
        assert!(parse(args(&["--port"])).is_err());
        assert!(parse(args(&["--bogus"])).is_err());
        assert_eq!(parse(args(&["--help"])).unwrap_err(), "");
    }
}
