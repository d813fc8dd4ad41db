//! Sending one e-mail: the [`Mailer`] the worker talks to, and [`SmtpMailer`], its implementation
//! over SMTP (lettre, on tokio, TLS through rustls).

use std::fmt;
use std::future::Future;
use std::time::Duration;

use lettre::message::{Mailbox, SinglePart};
use lettre::transport::smtp::AsyncSmtpTransportBuilder;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

/// How long one SMTP command may take (lettre's default is a minute). A worker holds the row lock
/// of the message it sends, so a stuck server must not hold it for long.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// One e-mail as the worker hands it to a [`Mailer`]: plain UTF-8 text to one recipient.
#[derive(Debug, Clone, Copy)]
pub struct OutgoingMessage<'a> {
    /// The outbox row's id. It becomes the `Message-ID`, so a copy sent twice (after a crash
    /// between sending and recording it) is recognisable as the same message.
    pub id: Uuid,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The message can never be sent as written (its recipient is not an e-mail address, ...):
    /// retrying is pointless.
    #[error("undeliverable: {0}")]
    Undeliverable(String),
    /// The server could not be reached or did not take the message now: try again later.
    #[error("{0}")]
    Failed(String),
}

/// Sends e-mails. The worker is generic over it so that it can be tested with any server.
pub trait Mailer: Send + Sync {
    /// Sends `message`; `Ok` once the server has accepted it.
    fn send(
        &self,
        message: &OutgoingMessage<'_>,
    ) -> impl Future<Output = Result<(), SendError>> + Send;
}

/// A bad `ANCORA_SMTP_URL` or `ANCORA_MAIL_FROM`. The messages never contain the URL (it may hold
/// a password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailConfigError {
    #[error("expected smtps://user:password@host:465 or smtp://user:password@host:587?tls=required ({0})")]
    SmtpUrl(String),
    #[error("expected an address like \"Àncora <noreply@example.org>\" ({0})")]
    MailFrom(String),
    #[error("cannot create the mail folder ({0})")]
    MailDir(String),
}

/// Where to send e-mails: a URL in lettre's form, `smtps://user:password@host:465` (TLS),
/// `smtp://user:password@host:587?tls=required` (STARTTLS) or `smtp://host:25` (no encryption:
/// only for a relay on the same machine or network). User and password are percent-encoded; an
/// optional path sets the name sent with EHLO. Kept secret: it may hold a password.
#[derive(Clone)]
pub struct SmtpUrl(SecretString);

impl SmtpUrl {
    /// Checks the URL as lettre reads it (scheme, host, `tls` parameter, port).
    pub fn parse(url: SecretString) -> Result<Self, MailConfigError> {
        transport_builder(url.expose_secret())?;
        Ok(SmtpUrl(url))
    }
}

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SmtpUrl([REDACTED])")
    }
}

fn transport_builder(url: &str) -> Result<AsyncSmtpTransportBuilder, MailConfigError> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        // lettre's messages name the scheme or the parse error, never the credentials.
        .map_err(|error| MailConfigError::SmtpUrl(error.to_string()))
}

/// The sender of every message, e.g. `Àncora <noreply@ancora.example>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFrom(Mailbox);

impl MailFrom {
    pub fn parse(value: &str) -> Result<Self, MailConfigError> {
        value
            .trim()
            .parse::<Mailbox>()
            .map(MailFrom)
            .map_err(|error| MailConfigError::MailFrom(error.to_string()))
    }

    pub fn mailbox(&self) -> &Mailbox {
        &self.0
    }
}

/// The [`Mailer`] of production: SMTP through a small pool of connections, which it reuses from
/// one message to the next.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// Builds the mailer; connects only when the first message is sent. Must be called inside
    /// the tokio runtime (the connection pool lives there).
    pub fn new(url: &SmtpUrl, from: &MailFrom) -> Result<Self, MailConfigError> {
        let transport = transport_builder(url.0.expose_secret())?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(SmtpMailer {
            transport,
            from: from.0.clone(),
        })
    }

    /// The e-mail for `message`: text/plain in UTF-8 (lettre picks quoted-printable or base64
    /// for the body and RFC 2047 encoded words for a subject with accents).
    fn build(&self, message: &OutgoingMessage<'_>) -> Result<Message, SendError> {
        let to = message.recipient.trim().parse::<Mailbox>().map_err(|_| {
            SendError::Undeliverable("the recipient is not an e-mail address".into())
        })?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject)
            .message_id(Some(format!(
                "<{}@{}>",
                message.id,
                self.from.email.domain()
            )))
            .singlepart(SinglePart::plain(message.body_text.to_owned()))
            .map_err(|error| SendError::Undeliverable(error.to_string()))
    }
}

impl fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl Mailer for SmtpMailer {
    async fn send(&self, message: &OutgoingMessage<'_>) -> Result<(), SendError> {
        let email = self.build(message)?;
        // Every SMTP error is worth another try, permanent (5xx) ones included: most of them
        // come from the server's set-up (authentication, relaying) rather than from the message,
        // and the attempts are bounded anyway.
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|error| SendError::Failed(error.to_string()))
    }
}

/// Development and tests only (`ANCORA_MAIL_DIR`): "sends" each e-mail by writing it as a text
/// file into a folder, where a developer or a browser test reads it (the welcome e-mail's link,
/// a reset link). Never for production: the folder holds working links. Files are named
/// `<milliseconds since 1970>-<message id>.eml`, so the newest sorts last.
#[derive(Debug, Clone)]
pub struct FolderMailer {
    dir: std::path::PathBuf,
}

impl FolderMailer {
    /// Creates the folder if needed.
    pub fn new(dir: std::path::PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(FolderMailer { dir })
    }
}

impl Mailer for FolderMailer {
    async fn send(&self, message: &OutgoingMessage<'_>) -> Result<(), SendError> {
        let text = format!(
            "To: {}\nSubject: {}\nMessage-ID: <{}@ancora>\n\n{}\n",
            message.recipient, message.subject, message.id, message.body_text
        );
        let name = format!(
            "{}-{}.eml",
            chrono::Utc::now().timestamp_millis(),
            message.id
        );
        tokio::fs::write(self.dir.join(name), text)
            .await
            .map_err(|error| SendError::Failed(error.to_string()))
    }
}

/// The mailer the server runs with: SMTP, or a folder in development.
#[derive(Debug)]
pub enum AnyMailer {
    Smtp(SmtpMailer),
    Folder(FolderMailer),
}

impl Mailer for AnyMailer {
    async fn send(&self, message: &OutgoingMessage<'_>) -> Result<(), SendError> {
        match self {
            AnyMailer::Smtp(mailer) => mailer.send(message).await,
            AnyMailer::Folder(mailer) => mailer.send(message).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(value: &str) -> Result<SmtpUrl, MailConfigError> {
        SmtpUrl::parse(SecretString::from(value))
    }

    #[test]
    fn smtp_urls_with_tls_starttls_or_none_are_accepted() {
        assert!(url("smtps://user:p%40ss@mail.example.org").is_ok());
        assert!(url("smtp://user:pass@mail.example.org:587?tls=required").is_ok());
        assert!(url("smtp://127.0.0.1:2525").is_ok());
    }

    #[test]
    fn a_bad_smtp_url_is_refused_without_repeating_its_password() {
        for bad in [
            "mail.example.org",
            "http://user:hunter2@mail.example.org",
            "smtp://user:hunter2@mail.example.org?tls=sometimes",
            "smtp://user:hunter2@:25",
        ] {
            let error = url(bad).expect_err(bad);
            assert!(!error.to_string().contains("hunter2"), "{error}");
        }
        assert!(!format!("{:?}", url("smtps://u:hunter2@h").unwrap()).contains("hunter2"));
    }

    #[test]
    fn the_sender_may_have_a_name_with_accents() {
        let from = MailFrom::parse("Àncora <noreply@ancora.example>").unwrap();
        assert_eq!(from.mailbox().name.as_deref(), Some("Àncora"));
        assert_eq!(from.mailbox().email.to_string(), "noreply@ancora.example");
        assert!(MailFrom::parse("noreply@ancora.example").is_ok());
        assert!(MailFrom::parse("Àncora").is_err());
        assert!(MailFrom::parse("").is_err());
    }
}
