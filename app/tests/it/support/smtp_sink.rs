//! A real SMTP server on loopback for the tests: it speaks enough SMTP for lettre (greeting,
//! EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT), accepts every message and keeps what
//! it received. No TLS and no authentication.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One e-mail as the sink received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The envelope sender (`MAIL FROM`).
    pub mail_from: String,
    /// The envelope recipients (`RCPT TO`).
    pub rcpt_to: Vec<String>,
    /// The message as sent after `DATA`, dot-unstuffed, lines joined with CRLF.
    pub data: String,
}

impl ReceivedMail {
    fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(self.data.as_bytes())
            .expect("an e-mail the parser can read")
    }

    /// The subject, decoded.
    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    /// The text body, decoded.
    pub fn body_text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|body| body.into_owned())
            .unwrap_or_default()
    }

    /// The `Message-ID`, without angle brackets.
    pub fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or_default().to_owned()
    }

    /// The header `name` as sent (first occurrence), undecoded.
    pub fn raw_header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.data
            .split("\r\n")
            .take_while(|line| !line.is_empty())
            .find(|line| line.to_ascii_lowercase().starts_with(&prefix))
            .map(|line| line[prefix.len()..].trim().to_owned())
    }
}

/// The running sink; it stops when dropped.
pub struct SmtpSink {
    addr: SocketAddr,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
    accept_loop: JoinHandle<()>,
}

impl SmtpSink {
    /// Starts a sink on a free port of 127.0.0.1.
    pub async fn start() -> Self {
        Self::start_on(0).await
    }

    /// Starts a sink on `port` of 127.0.0.1 (0: any free port).
    pub async fn start_on(port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind the SMTP sink");
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let accept_loop = tokio::spawn({
            let received = received.clone();
            async move {
                while let Ok((stream, _)) = listener.accept().await {
                    tokio::spawn(serve(stream, received.clone()));
                }
            }
        });
        SmtpSink {
            addr,
            received,
            accept_loop,
        }
    }

    /// The URL to give `SmtpUrl::parse`: plain SMTP, no TLS.
    pub fn url(&self) -> String {
        smtp_url(self.addr.port())
    }

    /// Everything received so far, in order.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

/// The URL of a plain SMTP server on `port` of 127.0.0.1.
pub fn smtp_url(port: u16) -> String {
    format!("smtp://127.0.0.1:{port}")
}

/// A port of 127.0.0.1 where nothing listens (connections are refused), free to start a sink on
/// later.
pub fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One SMTP conversation. Errors (the client hanging up) just end it.
async fn serve(stream: TcpStream, received: Arc<Mutex<Vec<ReceivedMail>>>) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader);
    if writer.write_all(b"220 sink.test ESMTP\r\n").await.is_err() {
        return;
    }
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end_matches(['\r', '\n']);
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test\r\n250-8BITMIME\r\n250 SIZE 10000000\r\n",
            "HELO" => b"250 sink.test\r\n",
            "MAIL" => {
                mail_from = angle_bracketed(command);
                rcpt_to.clear();
                b"250 2.1.0 Ok\r\n"
            }
            "RCPT" => {
                rcpt_to.push(angle_bracketed(command));
                b"250 2.1.5 Ok\r\n"
            }
            "DATA" => {
                if writer
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await
                    .is_err()
                {
                    return;
                }
                let Some(data) = read_data(&mut lines).await else {
                    return;
                };
                received.lock().unwrap().push(ReceivedMail {
                    mail_from: std::mem::take(&mut mail_from),
                    rcpt_to: std::mem::take(&mut rcpt_to),
                    data,
                });
                b"250 2.0.0 Ok: queued\r\n"
            }
            "RSET" => {
                mail_from.clear();
                rcpt_to.clear();
                b"250 2.0.0 Ok\r\n"
            }
            "NOOP" => b"250 2.0.0 Ok\r\n",
            "QUIT" => {
                let _ = writer.write_all(b"221 2.0.0 Bye\r\n").await;
                return;
            }
            _ => b"502 5.5.2 Command not recognized\r\n",
        };
        if writer.write_all(answer).await.is_err() {
            return;
        }
    }
}

/// The lines after DATA up to the lone ".", dot-unstuffed; `None` if the client hung up.
async fn read_data<R: AsyncBufReadExt + Unpin>(lines: &mut R) -> Option<String> {
    let mut data = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let text = line.trim_end_matches(['\r', '\n']);
        if text == "." {
            return Some(data.join("\r\n"));
        }
        data.push(text.strip_prefix('.').unwrap_or(text).to_owned());
    }
}

/// `alice@example.org` from `MAIL FROM:<alice@example.org> SIZE=123`.
fn angle_bracketed(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}
