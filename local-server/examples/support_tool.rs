//! A support tool across three APIs on a local server: find a contact by email
//! (Contacts), write to their conversation (Inbox), and keep writing to the right one
//! after they become a member (Members), through the conversation lifecycle helper.
//!
//! ```sh
//! cargo run -p wix-local-server --example support_tool
//! ```

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut out = std::io::stdout();
    wix_local_server::support::run(&mut out).await?;
    Ok(())
}
