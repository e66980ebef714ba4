//! Generates the Inbox bindings from the workspace's `specs/` into `OUT_DIR/wix_api.rs`;
//! cargo reruns this when a spec page changes.

fn main() {
    if let Err(e) = wixgen::Builder::new().spec_dir("../../specs/inbox").generate() {
        panic!("generating bindings failed: {e}");
    }
}
