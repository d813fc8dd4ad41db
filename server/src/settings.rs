//! The server's settings, read once from the environment at start-up.

use std::net::SocketAddr;
use std::path::PathBuf;

use app::legal::api::{check_contact, LegalContacts};
use app::messages::mailer::{MailFrom, SmtpUrl};
use secrecy::SecretString;

/// The sender of the e-mails when `ANCORA_MAIL_FROM` is not set.
pub const DEFAULT_MAIL_FROM: &str = "Àncora <noreply@ancora.example>";

/// Everything the server needs to know about where it runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `DATABASE_URL`: an existing PostgreSQL server (production). When `None`, a private
    /// cluster is started from the machine's PostgreSQL binaries under `pg_data_dir`.
    pub database_url: Option<SecretString>,
    /// `ANCORA_PG_DATA_DIR`: the private cluster's data folder (default `.data/postgres`).
    pub pg_data_dir: PathBuf,
    /// `ANCORA_DEMO_DATA`: load demo families, staff and six weeks of meetings on first start.
    /// Defaults to on with the private cluster and off with `DATABASE_URL`; with
    /// `LEPTOS_ENV=PROD` off, and refused unless `ANCORA_DEMO_IN_PRODUCTION=true` forces it.
    pub demo_data: bool,
    /// `LEPTOS_SITE_ADDR`: where to listen (default 127.0.0.1:3000).
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder cargo-leptos builds the browser bundle into.
    pub site_root: PathBuf,
    /// `LEPTOS_ENV`: `DEV` or `PROD`.
    pub production: bool,
    /// `ANCORA_PUBLIC_URL`: the address families use (links in e-mails; `https://` makes the
    /// session cookie `Secure`). Default `http://` + the listening address.
    pub public_url: String,
    /// `ANCORA_SMTP_URL`: the SMTP server that delivers the outbox's e-mails, e.g.
    /// `smtps://user:password@mail.example.org` (secret: it holds the password). When `None`, no
    /// worker runs and messages stay pending in the outbox (demo mode).
    pub smtp_url: Option<SmtpUrl>,
    /// `ANCORA_MAIL_DIR`: development and tests only, without SMTP: e-mails are written as files
    /// into this folder (they hold working links). Refused with `LEPTOS_ENV=PROD` unless
    /// `ANCORA_DEMO_IN_PRODUCTION=true` (the demo of `scripts/run`).
    pub mail_dir: Option<PathBuf>,
    /// `ANCORA_MAIL_FROM`: the sender of every e-mail (default [`DEFAULT_MAIL_FROM`]).
    pub mail_from: MailFrom,
    /// Who answers for the families' data and the site's accessibility, shown on `/privacy` and
    /// `/accessibilita`: `ANCORA_PRIVACY_CONTROLLER`, `ANCORA_PRIVACY_CONTACT`,
    /// `ANCORA_PRIVACY_DPO`, `ANCORA_ACCESSIBILITY_CONTACT` (defaults: the demo's, Roma Capitale –
    /// Municipio VIII). `site` is left empty: the page takes the public address.
    pub legal: LegalContacts,
    /// `ANCORA_TRUSTED_PROXIES`: the load balancers and proxies in front of the server
    /// (addresses or networks, comma-separated, e.g. `10.0.0.0/8, 192.0.2.1`). Only their
    /// `X-Forwarded-For` is believed; unset, the client is the peer of the connection.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `ANCORA_TEST_CLOCK`: tests only, a clock moved by this many seconds from the real one
    /// (the demo data, pages, reminders), under which a request may also set its own instant
    /// (see `app::shared::clock`). Refused with `LEPTOS_ENV=PROD`.
    pub clock: app::shared::clock::Clock,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{name} is not valid: {detail}")]
    Invalid { name: &'static str, detail: String },
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, SettingsError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let database_url = get("DATABASE_URL").map(SecretString::from);
        let production = get("LEPTOS_ENV").is_some_and(|env| env.eq_ignore_ascii_case("prod"));
        let flag = |name: &'static str| {
            get(name)
                .map(|value| {
                    parse_bool(&value).ok_or(SettingsError::Invalid {
                        name,
                        detail: format!("expected true or false, got {value:?}"),
                    })
                })
                .transpose()
        };
        // Demo accounts have a published password: never in production unless forced.
        let demo_data = flag("ANCORA_DEMO_DATA")?.unwrap_or(database_url.is_none() && !production);
        if demo_data && production && flag("ANCORA_DEMO_IN_PRODUCTION")? != Some(true) {
            return Err(SettingsError::Invalid {
                name: "ANCORA_DEMO_DATA",
                detail: "demo accounts (with a published password) are refused with \
                         LEPTOS_ENV=PROD; set ANCORA_DEMO_IN_PRODUCTION=true to force them"
                    .into(),
            });
        }
        let site_addr = match get("LEPTOS_SITE_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(value) => value.parse().map_err(|_| SettingsError::Invalid {
                name: "LEPTOS_SITE_ADDR",
                detail: format!("expected an address like 127.0.0.1:3000, got {value:?}"),
            })?,
        };
        let public_url = match get("ANCORA_PUBLIC_URL") {
            None => format!("http://{site_addr}"),
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                url.trim_end_matches('/').to_string()
            }
            Some(url) => {
                return Err(SettingsError::Invalid {
                    name: "ANCORA_PUBLIC_URL",
                    detail: format!("expected an http:// or https:// address, got {url:?}"),
                })
            }
        };
        let smtp_url = get("ANCORA_SMTP_URL")
            .map(|url| SmtpUrl::parse(SecretString::from(url)))
            .transpose()
            .map_err(|error| SettingsError::Invalid {
                name: "ANCORA_SMTP_URL",
                detail: error.to_string(),
            })?;
        let mail_dir = get("ANCORA_MAIL_DIR").map(PathBuf::from);
        if mail_dir.is_some() && production && flag("ANCORA_DEMO_IN_PRODUCTION")? != Some(true) {
            return Err(SettingsError::Invalid {
                name: "ANCORA_MAIL_DIR",
                detail: "e-mails written to a folder hold working links: refused with \
                         LEPTOS_ENV=PROD; use ANCORA_SMTP_URL"
                    .into(),
            });
        }
        let mail_from = MailFrom::parse(
            get("ANCORA_MAIL_FROM")
                .as_deref()
                .unwrap_or(DEFAULT_MAIL_FROM),
        )
        .map_err(|error| SettingsError::Invalid {
            name: "ANCORA_MAIL_FROM",
            detail: error.to_string(),
        })?;
        let defaults = LegalContacts::default();
        let contact = |name: &'static str, default: String| match get(name) {
            None => Ok(default),
            Some(value) => {
                check_contact(&value).map_err(|detail| SettingsError::Invalid { name, detail })
            }
        };
        let legal = LegalContacts {
            controller: contact("ANCORA_PRIVACY_CONTROLLER", defaults.controller)?,
            contact: contact("ANCORA_PRIVACY_CONTACT", defaults.contact)?,
            dpo: contact("ANCORA_PRIVACY_DPO", defaults.dpo)?,
            accessibility_contact: contact(
                "ANCORA_ACCESSIBILITY_CONTACT",
                defaults.accessibility_contact,
            )?,
            site: String::new(),
        };
        let trusted_proxies = get("ANCORA_TRUSTED_PROXIES")
            .map(|value| parse_networks(&value))
            .transpose()
            .map_err(|detail| SettingsError::Invalid {
                name: "ANCORA_TRUSTED_PROXIES",
                detail,
            })?
            .unwrap_or_default();
        let clock = app::shared::clock::Clock::from_setting(get("ANCORA_TEST_CLOCK").as_deref())
            .map_err(|detail| SettingsError::Invalid {
                name: "ANCORA_TEST_CLOCK",
                detail,
            })?;
        if clock.is_for_tests() && production {
            return Err(SettingsError::Invalid {
                name: "ANCORA_TEST_CLOCK",
                detail: "a test clock is refused with LEPTOS_ENV=PROD".into(),
            });
        }
        Ok(Settings {
            clock,
            trusted_proxies,
            legal,
            public_url,
            database_url,
            pg_data_dir: get("ANCORA_PG_DATA_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(".data/postgres")),
            demo_data,
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("target/site")),
            production,
            smtp_url,
            mail_dir,
            mail_from,
        })
    }
}

/// `10.0.0.0/8, 192.0.2.1, 2001:db8::/32`: networks, or single addresses.
fn parse_networks(value: &str) -> Result<Vec<ipnet::IpNet>, String> {
    value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<ipnet::IpNet>()
                .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    format!("expected addresses or networks like 10.0.0.0/8, got {item:?}")
                })
        })
        .collect()
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        Settings::from_lookup(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        let proxies = settings(&[(
            "ANCORA_TRUSTED_PROXIES",
            "10.0.0.0/8, 192.0.2.1 2001:db8::/32",
        )])
        .unwrap()
        .trusted_proxies;
        assert_eq!(proxies.len(), 3);
        assert!(proxies[1].contains(&"192.0.2.1".parse::<std::net::IpAddr>().unwrap()));
        assert!(settings(&[]).unwrap().trusted_proxies.is_empty());
        assert!(matches!(
            settings(&[("ANCORA_TRUSTED_PROXIES", "10.0.0.0/8, proxy.local")]),
            Err(SettingsError::Invalid {
                name: "ANCORA_TRUSTED_PROXIES",
                ..
            })
        ));
    }

    #[test]
    fn without_database_url_the_embedded_cluster_with_demo_data_is_the_default() {
        let s = settings(&[]).unwrap();
        assert!(s.database_url.is_none());
        assert!(s.demo_data);
        assert_eq!(s.pg_data_dir, PathBuf::from(".data/postgres"));
        assert_eq!(s.site_addr.to_string(), "127.0.0.1:3000");
    }

    #[test]
    fn with_database_url_demo_data_is_off_unless_asked_for() {
        let s = settings(&[("DATABASE_URL", "postgres://x@db/ancora")]).unwrap();
        assert_eq!(
            s.database_url.unwrap().expose_secret(),
            "postgres://x@db/ancora"
        );
        assert!(!s.demo_data);
        let s = settings(&[
            ("DATABASE_URL", "postgres://x@db/a"),
            ("ANCORA_DEMO_DATA", "yes"),
        ])
        .unwrap();
        assert!(s.demo_data);
    }

    #[test]
    fn a_test_clock_is_read_in_seconds_and_refused_in_production() {
        let moved = settings(&[("ANCORA_TEST_CLOCK", "86400")]).unwrap();
        assert!(moved.clock.is_for_tests());
        assert!(!settings(&[]).unwrap().clock.is_for_tests());
        let err = settings(&[("ANCORA_TEST_CLOCK", "domani")]).unwrap_err();
        assert!(err.to_string().contains("ANCORA_TEST_CLOCK"), "{err}");
        let err = settings(&[("ANCORA_TEST_CLOCK", "0"), ("LEPTOS_ENV", "PROD")]).unwrap_err();
        assert!(err.to_string().contains("refused"), "{err}");
    }

    #[test]
    fn demo_accounts_never_load_in_production_unless_forced() {
        let prod = ("LEPTOS_ENV", "PROD");
        assert!(!settings(&[prod]).unwrap().demo_data);
        let err = settings(&[prod, ("ANCORA_DEMO_DATA", "true")]).unwrap_err();
        assert!(
            err.to_string().contains("ANCORA_DEMO_IN_PRODUCTION"),
            "{err}"
        );
        let forced = settings(&[
            prod,
            ("ANCORA_DEMO_DATA", "true"),
            ("ANCORA_DEMO_IN_PRODUCTION", "true"),
        ])
        .unwrap();
        assert!(forced.demo_data && forced.production);
    }

    #[test]
    fn a_bad_address_or_flag_is_reported_by_name() {
        let err = settings(&[("LEPTOS_SITE_ADDR", "nowhere")]).unwrap_err();
        assert!(err.to_string().contains("LEPTOS_SITE_ADDR"));
        let err = settings(&[("ANCORA_DEMO_DATA", "maybe")]).unwrap_err();
        assert!(err.to_string().contains("ANCORA_DEMO_DATA"));
    }

    #[test]
    fn without_smtp_url_no_mail_is_sent_and_the_sender_has_a_default() {
        let s = settings(&[]).unwrap();
        assert!(s.smtp_url.is_none());
        assert_eq!(s.mail_from, MailFrom::parse(DEFAULT_MAIL_FROM).unwrap());
        assert_eq!(s.mail_from.mailbox().name.as_deref(), Some("Àncora"));
    }

    #[test]
    fn smtp_url_and_sender_are_read_and_checked() {
        let s = settings(&[
            (
                "ANCORA_SMTP_URL",
                "smtp://ancora:s3cret@mail.example.org:587?tls=required",
            ),
            ("ANCORA_MAIL_FROM", "Polo Àncora <polo.ancora@example.org>"),
        ])
        .unwrap();
        assert!(s.smtp_url.is_some());
        assert!(
            !format!("{s:?}").contains("s3cret"),
            "the password is never shown"
        );
        assert_eq!(
            s.mail_from.mailbox().email.to_string(),
            "polo.ancora@example.org"
        );
    }

    #[test]
    fn the_privacy_contacts_default_to_the_demo_municipio_and_can_be_set() {
        let s = settings(&[]).unwrap();
        assert!(s.legal.controller.contains("Municipio VIII"));
        assert_eq!(s.legal, LegalContacts::default());
        let s = settings(&[
            ("ANCORA_PRIVACY_CONTROLLER", " Roma Capitale – Municipio V "),
            ("ANCORA_PRIVACY_CONTACT", "privacy.mun05@example.org"),
            ("ANCORA_PRIVACY_DPO", "rpd@example.org"),
            ("ANCORA_ACCESSIBILITY_CONTACT", "accessibilita@example.org"),
        ])
        .unwrap();
        assert_eq!(s.legal.controller, "Roma Capitale – Municipio V");
        assert_eq!(s.legal.contact, "privacy.mun05@example.org");
        assert_eq!(s.legal.dpo, "rpd@example.org");
        assert_eq!(s.legal.accessibility_contact, "accessibilita@example.org");
        let err = settings(&[("ANCORA_PRIVACY_DPO", &"x".repeat(301))]).unwrap_err();
        assert!(err.to_string().contains("ANCORA_PRIVACY_DPO"));
    }

    #[test]
    fn a_bad_smtp_url_or_sender_is_reported_by_name_without_the_password() {
        let err =
            settings(&[("ANCORA_SMTP_URL", "imap://ancora:s3cret@mail.example.org")]).unwrap_err();
        assert!(err.to_string().contains("ANCORA_SMTP_URL"));
        assert!(!err.to_string().contains("s3cret"));
        let err =
            settings(&[("ANCORA_SMTP_URL", "smtp://ancora:s3cret@host?tls=maybe")]).unwrap_err();
        assert!(err.to_string().contains("ANCORA_SMTP_URL"));
        let err = settings(&[("ANCORA_MAIL_FROM", "Àncora, no address")]).unwrap_err();
        assert!(err.to_string().contains("ANCORA_MAIL_FROM"));
    }
}
