use wix_inbox::{conversation_id, participant};

fn main() {
    let _ = conversation_id!("");
    let _ = participant!(member = "");
}
