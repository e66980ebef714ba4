use wix_inbox::{member_id, participant};

fn main() {
    // Grouped 4-8-4-4-12 instead of 8-4-4-4-12.
    let _ = member_id!("0f9e-8d7c6b5a-4938-8271-605f4e3d2c1b");
    // No hyphens at all (and so too short).
    let _ = participant!(contact = "d4c3b2a16f5e4987a8b90c1d2e3f4a5b");
}
