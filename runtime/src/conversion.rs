//! [`NotAParticipant`]: the error of the generated conversions from an identity the API
//! reports (a message's sender, a conversation's participant, an event's caller) into the
//! participant ID that conversation calls take.

use core::fmt;

use super::OneOf;

/// Why an identity the API reported does not name a participant of a conversation.
///
/// The generated `TryFrom<&…>` conversions into the participant ID type keep every
/// member that the participant one-of also has (the same ID type) and refuse the
/// others: an app or a Wix user sends messages, but a conversation is never *with*
/// one. The message names what was found and what a participant can be:
///
/// "a MessageIdentificationData holding `wixUserId` does not name a participant: a
/// ParticipantId holds one of `contactId`, `anonymousVisitorId`, `memberId`".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAParticipant {
    source: &'static str,
    key: Option<&'static str>,
    target: &'static str,
    expected: &'static [&'static str],
}

impl NotAParticipant {
    /// An identity of type `source` that holds the member `key` (its wire name), or no
    /// member at all (`None`), has no counterpart in the group `P`.
    #[doc(hidden)]
    pub fn new<P: OneOf>(source: &'static str, key: Option<&'static str>) -> Self {
        NotAParticipant {
            source,
            key,
            target: P::NAME,
            expected: P::KEYS,
        }
    }

    /// The Rust type converted from (`MessageIdentificationData`).
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The wire name of the ID it held (`wixUserId`), or `None` when it held none.
    pub fn key(&self) -> Option<&'static str> {
        self.key
    }
}

impl fmt::Display for NotAParticipant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.key {
            Some(key) => write!(
                f,
                "a {} holding `{key}` does not name a participant",
                self.source
            )?,
            None => write!(
                f,
                "the {} holds no ID that names a participant",
                self.source
            )?,
        }
        write!(f, ": a {} holds one of ", self.target)?;
        for (i, key) in self.expected.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}`{key}`")?;
        }
        Ok(())
    }
}

impl std::error::Error for NotAParticipant {}

#[cfg(test)]
mod tests {
    use super::*;

    crate::string_id! {
        /// A test ID.
        pub struct MemberId;
    }
    crate::one_of! {
        /// A test group.
        pub enum ParticipantId {
            /// A member.
            Member(MemberId) = "memberId",
            /// A contact.
            Contact(MemberId) = "contactId",
        }
    }

    #[test]
    fn messages() {
        assert_eq!(
            NotAParticipant::new::<ParticipantId>("MessageIdentificationData", Some("wixUserId"))
                .to_string(),
            "a MessageIdentificationData holding `wixUserId` does not name a participant: \
             a ParticipantId holds one of `memberId`, `contactId`"
        );
        let none = NotAParticipant::new::<ParticipantId>("MessageIdentificationData", None);
        assert_eq!(
            none.to_string(),
            "the MessageIdentificationData holds no ID that names a participant: \
             a ParticipantId holds one of `memberId`, `contactId`"
        );
        assert_eq!(none.source(), "MessageIdentificationData");
        assert_eq!(none.key(), None);
    }
}
