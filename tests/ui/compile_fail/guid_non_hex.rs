use wix_inbox::contact_id;

fn main() {
    // `g` is not a hex digit.
    let _ = contact_id!("d4c3b2a1-6f5e-4987-a8b9-0c1d2e3f4a5g");
}
