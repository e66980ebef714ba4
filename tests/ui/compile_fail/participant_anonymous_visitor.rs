// Anonymous visitor IDs are not available through the API: one cannot be typed in.
use wix_inbox::participant;

fn main() {
    let _ = participant!(anonymous_visitor = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
}
