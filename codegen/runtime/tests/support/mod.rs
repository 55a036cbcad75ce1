//! A loopback HTTP/1.1 server for the credential provider tests: each request goes to a
//! handler that sees its method, path, headers and body and answers with a status and body
//! (or never answers, to play a hanging endpoint).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as the fake saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
    pub body: String,
}

/// What the handler answers.
pub enum Answer {
    /// Status and body.
    Reply(u16, String),
    /// Keep the connection open and never answer.
    Hang,
}

/// A running fake: its base URL and every request it received.
pub struct Fake {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Fake {
    /// Starts a fake on 127.0.0.1 with `handler`.
    pub async fn start(handler: impl Fn(&Seen) -> Answer + Send + Sync + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler = Arc::new(handler);
        let log = seen.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let handler = handler.clone();
                let log = log.clone();
                tokio::spawn(async move {
                    while let Some(request) = read_request(&mut socket).await {
                        log.lock().unwrap().push(request.clone());
                        match handler(&request) {
                            Answer::Reply(status, body) => {
                                let head = format!(
                                    "HTTP/1.1 {status} X\r\ncontent-length: {}\r\n\r\n",
                                    body.len()
                                );
                                if socket.write_all(head.as_bytes()).await.is_err()
                                    || socket.write_all(body.as_bytes()).await.is_err()
                                {
                                    return;
                                }
                            }
                            Answer::Hang => {
                                tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                                return;
                            }
                        }
                    }
                });
            }
        });
        Fake { url, seen }
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// Reads one request (head and `content-length` body); `None` at end of stream.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Seen> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: HashMap<String, String> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = String::from_utf8_lossy(&buffer[head_end..head_end + length]).to_string();
    Some(Seen {
        method,
        path,
        headers,
        body,
    })
}

/// A credentials document as IMDS and the container endpoint write it.
pub fn credentials_json(key: &str, expires_in_secs: u64) -> String {
    let expiry = std::time::SystemTime::now() + std::time::Duration::from_secs(expires_in_secs);
    let expiry = smithy_lean_runtime::DateTime::from(expiry)
        .to_rfc3339()
        .expect("a near date");
    format!(
        r#"{{"Code":"Success","AccessKeyId":"{key}","SecretAccessKey":"secret-{key}","Token":"token-{key}","Expiration":"{expiry}"}}"#
    )
}
