//! What a participant gives when they become a contact or a member: their email
//! address and name, and the contact info they make.

use wix_contacts::ContactInfo;

/// What a participant gives when they become a contact or a member through a
/// conversion ([`Inbox::convert_to_contact_with`](crate::Inbox::convert_to_contact_with)):
/// the new contact's email address and name. A contact needs one of them; with
/// neither, the server makes up an address (`visitor-…@example.com`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactDetails {
    /// The email address: the contact's primary one, and a member's login email.
    pub email: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
}

impl ContactDetails {
    /// Details with an email address only.
    pub fn email(email: impl Into<String>) -> Self {
        ContactDetails {
            email: Some(email.into()),
            ..ContactDetails::default()
        }
    }

    /// The contact info these details give; `fallback_email` when they give nothing.
    pub(crate) fn info(&self, fallback_email: impl FnOnce() -> String) -> ContactInfo {
        let mut info = ContactInfo::default();
        let named = nonempty(&self.first_name) || nonempty(&self.last_name);
        if named {
            info.name = Some(wix_contacts::ContactName {
                first: self.first_name.clone().filter(|s| !s.trim().is_empty()),
                last: self.last_name.clone().filter(|s| !s.trim().is_empty()),
            });
        }
        let email = match &self.email {
            Some(email) if !email.trim().is_empty() => Some(email.trim().to_owned()),
            _ if named => None,
            _ => Some(fallback_email()),
        };
        if let Some(email) = email {
            let mut entry = wix_contacts::ContactEmail::default();
            entry.email = Some(email);
            entry.tag = Some(wix_contacts::EmailTag::Main);
            entry.primary = Some(true);
            info.emails = Some(wix_contacts::ContactEmailsWrapper { items: vec![entry] });
        }
        info
    }
}

pub(super) fn nonempty(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_make_info() {
        let info = ContactDetails::default().info(|| "made@example.com".into());
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["emails"]["items"][0]["email"], "made@example.com");
        let named = ContactDetails {
            first_name: Some("Ann".into()),
            ..ContactDetails::default()
        }
        .info(|| unreachable!("a name is enough"));
        assert!(named.emails.is_none());
        assert_eq!(named.name.unwrap().first.as_deref(), Some("Ann"));
    }
}
