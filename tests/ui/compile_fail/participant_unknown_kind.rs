use wix_inbox::participant;

fn main() {
    let _ = participant!(membr = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
    let _ = participant!(memberId = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
    let _ = participant!(user = "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b");
}
