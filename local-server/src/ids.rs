//! GUIDs for new conversations, people and events: unique within a server, and
//! different from one server to the next.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use serde::de::DeserializeOwned;

#[derive(Debug)]
pub(crate) struct IdGen {
    state: u64,
}

impl IdGen {
    pub(crate) fn new() -> Self {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(0x1d5);
        IdGen {
            state: hasher.finish(),
        }
    }

    /// splitmix64: a full-period sequence, so no value repeats within a server.
    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A new random (version 4 style) GUID as text.
    pub(crate) fn guid_text(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            0x8000 | ((b >> 48) & 0x3fff),
            b & 0xffff_ffff_ffff,
        )
    }

    /// A new GUID as any of the bindings' GUID ID types (decode-only ones included).
    pub(crate) fn guid<T: DeserializeOwned>(&mut self) -> T {
        serde_json::from_value(serde_json::Value::String(self.guid_text()))
            .expect("a generated GUID is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_valid_and_distinct() {
        let mut ids = IdGen::new();
        let all: std::collections::HashSet<String> = (0..1000).map(|_| ids.guid_text()).collect();
        assert_eq!(all.len(), 1000);
        for g in all.iter().take(20) {
            wix_inbox::rt::Guid::parse(g).unwrap();
        }
    }
}
