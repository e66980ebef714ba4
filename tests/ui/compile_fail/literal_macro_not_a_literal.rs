use wix_inbox::conversation_id;

fn main() {
    let id = "8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3";
    let _ = conversation_id!(id);
    let _ = conversation_id!();
    let _ = conversation_id!(42);
    let _ = conversation_id!(
        "8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3",
        "8e4f2a1c-9b3d-4e5f-a6b7-c8d9e0f1a2b3"
    );
}
