use wix_inbox::{participant, ParticipantId};

// One hex digit missing.
const DANA: ParticipantId = participant!(member = "b17c523c-6ec9-4b56-9d9d-123cc6978bd");

fn main() {}
