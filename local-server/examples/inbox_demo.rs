//! Starts a local Inbox server, sends messages with the client, and lists them back.
//!
//! ```sh
//! cargo run -p wix-local-server --example inbox_demo
//! ```

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut out = std::io::stdout();
    wix_local_server::demo::run(&mut out).await?;
    Ok(())
}
