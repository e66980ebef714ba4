use wix_inbox::participant;

fn main() {
    let _ = participant!();
    let _ = participant!(member);
    let _ = participant!(member: "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
    let _ = participant!("0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
    let id = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b";
    let _ = participant!(member = id);
}
