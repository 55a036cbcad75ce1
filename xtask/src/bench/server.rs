//! The loopback server both clients call: HTTP/1.1 with keep-alive on 127.0.0.1, one thread
//! per connection, answering each awsJson request with a canned body chosen by its
//! `X-Amz-Target` operation. It is bounded — it stops by itself after a number of requests or
//! a duration, whichever comes first — and stops when dropped.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long a connection read waits before checking whether the server should stop.
const POLL: Duration = Duration::from_millis(100);

/// Largest request head or body accepted (the clients send a few hundred bytes).
const MAX_REQUEST: usize = 1 << 20;

/// When the server stops by itself.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Requests answered before it stops answering.
    pub max_requests: u64,
    /// Time after which it stops.
    pub max_duration: Duration,
}

/// A running server; dropping it stops it.
pub struct LoopbackServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

struct Shared {
    /// Full responses (status line, headers, body) by operation name.
    routes: HashMap<String, Vec<u8>>,
    stop: AtomicBool,
    served: AtomicU64,
    max_requests: u64,
    deadline: Instant,
}

impl Shared {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || Instant::now() >= self.deadline
    }
}

impl LoopbackServer {
    /// Starts a server on an ephemeral port answering `operation` with `body` (200,
    /// `application/x-amz-json-1.1`) for each route.
    pub fn start(routes: &[(&str, &[u8])], limits: Limits) -> io::Result<LoopbackServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let addr = listener.local_addr()?;
        let routes = routes
            .iter()
            .map(|(operation, body)| ((*operation).to_owned(), response(200, body)))
            .collect();
        let shared = Arc::new(Shared {
            routes,
            stop: AtomicBool::new(false),
            served: AtomicU64::new(0),
            max_requests: limits.max_requests,
            deadline: Instant::now() + limits.max_duration,
        });
        let accepting = Arc::clone(&shared);
        let acceptor = thread::Builder::new()
            .name("loopback-accept".into())
            .spawn(move || accept(&listener, &accepting))?;
        Ok(LoopbackServer {
            addr,
            shared,
            acceptor: Some(acceptor),
        })
    }

    /// The endpoint URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        // Wake the blocking accept.
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// Accepts connections until stopped, then waits for their threads.
fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    let mut connections = Vec::new();
    for stream in listener.incoming() {
        if shared.stopping() {
            break;
        }
        let Ok(stream) = stream else { continue };
        let shared = Arc::clone(shared);
        let spawned = thread::Builder::new()
            .name("loopback-conn".into())
            .spawn(move || serve(stream, &shared));
        connections.extend(spawned.ok());
        connections.retain(|connection: &JoinHandle<()>| !connection.is_finished());
    }
    for connection in connections {
        let _ = connection.join();
    }
}

/// Answers the requests of one connection until it closes or the server stops.
fn serve(mut stream: TcpStream, shared: &Shared) {
    if stream.set_read_timeout(Some(POLL)).is_err() || stream.set_nodelay(true).is_err() {
        return;
    }
    let mut buffer = Vec::with_capacity(16 * 1024);
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match next_request(&buffer) {
            Parsed::Complete {
                length,
                target,
                close,
            } => {
                let answer = answer(shared, &target);
                buffer.drain(..length);
                let Some(answer) = answer else { return };
                if stream.write_all(&answer).is_err() || close {
                    return;
                }
                continue;
            }
            Parsed::Invalid => {
                let _ = stream.write_all(&error(400, "BadRequest"));
                return;
            }
            Parsed::Incomplete if buffer.len() > MAX_REQUEST => return,
            Parsed::Incomplete => {}
        }
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                if shared.stopping() {
                    return;
                }
            }
            Err(_) => return,
        }
    }
}

/// The response to a request for `target` (`Service.Operation`); `None` once the request
/// budget is spent or the server is stopping.
fn answer<'a>(shared: &'a Shared, target: &str) -> Option<Cow<'a, [u8]>> {
    if shared.stopping() || shared.served.fetch_add(1, Ordering::Relaxed) >= shared.max_requests {
        return None;
    }
    let operation = target.rsplit('.').next().unwrap_or_default();
    Some(match shared.routes.get(operation) {
        Some(response) => Cow::Borrowed(response),
        None => Cow::Owned(error(400, "UnknownOperationException")),
    })
}

/// What the buffer holds.
#[derive(Debug, PartialEq, Eq)]
enum Parsed {
    /// A whole request of `length` bytes.
    Complete {
        length: usize,
        target: String,
        close: bool,
    },
    /// Not all of it yet.
    Incomplete,
    /// Not something this server answers (chunked bodies, no length, bad head).
    Invalid,
}

/// Looks for one whole request at the start of `buffer`.
fn next_request(buffer: &[u8]) -> Parsed {
    let Some(head_end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Parsed::Incomplete;
    };
    let Ok(head) = std::str::from_utf8(&buffer[..head_end]) else {
        return Parsed::Invalid;
    };
    let mut content_length = None;
    let mut target = String::new();
    let mut close = false;
    for line in head.split("\r\n").skip(1) {
        let Some((name, value)) = line.split_once(':') else {
            return Parsed::Invalid;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => content_length = value.parse::<usize>().ok(),
            "x-amz-target" => target = value.to_owned(),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            "transfer-encoding" => return Parsed::Invalid,
            _ => {}
        }
    }
    let Some(content_length) = content_length.filter(|length| *length <= MAX_REQUEST) else {
        return Parsed::Invalid;
    };
    let length = head_end + 4 + content_length;
    if buffer.len() < length {
        return Parsed::Incomplete;
    }
    Parsed::Complete {
        length,
        target,
        close,
    }
}

/// A whole HTTP/1.1 response with an awsJson body.
fn response(status: u16, body: &[u8]) -> Vec<u8> {
    let reason = if status == 200 { "OK" } else { "Bad Request" };
    let mut bytes = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\nx-amzn-RequestId: 00000000-0000-4000-8000-000000000000\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// An awsJson error response.
fn error(status: u16, code: &str) -> Vec<u8> {
    response(
        status,
        format!("{{\"__type\":\"{code}\",\"message\":\"loopback bench server\"}}").as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(stream: &mut TcpStream, target: &str) -> String {
        let request = format!(
            "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: {target}\r\nContent-Length: 2\r\n\r\n{{}}"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        let mut chunk = [0u8; 4096];
        while !String::from_utf8_lossy(&response).contains("}") {
            let read = stream.read(&mut chunk).unwrap();
            assert!(read > 0, "connection closed early");
            response.extend_from_slice(&chunk[..read]);
        }
        String::from_utf8(response).unwrap()
    }

    #[test]
    fn answers_by_operation_on_one_connection_and_stops_at_its_budget() {
        let limits = Limits {
            max_requests: 3,
            max_duration: Duration::from_secs(30),
        };
        let server = LoopbackServer::start(&[("ListUsers", b"{\"Users\":[]}")], limits).unwrap();
        let mut stream = TcpStream::connect(server.addr).unwrap();
        let first = post(&mut stream, "AWSCognitoIdentityProviderService.ListUsers");
        assert!(
            first.starts_with("HTTP/1.1 200 OK\r\n") && first.ends_with("{\"Users\":[]}"),
            "{first}"
        );
        let unknown = post(&mut stream, "AWSCognitoIdentityProviderService.Nope");
        assert!(unknown.contains("400 Bad Request") && unknown.contains("UnknownOperation"));
        post(&mut stream, "AWSCognitoIdentityProviderService.ListUsers");
        // The budget is spent: the next request gets the connection closed.
        stream
            .write_all(b"POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
            .unwrap();
        assert_eq!(stream.read(&mut [0u8; 16]).unwrap_or(0), 0);
    }

    #[test]
    fn parses_requests_split_across_reads() {
        let request = b"POST / HTTP/1.1\r\nx-amz-target: S.Op\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(next_request(&request[..20]), Parsed::Incomplete);
        assert_eq!(
            next_request(&request[..request.len() - 1]),
            Parsed::Incomplete
        );
        assert_eq!(
            next_request(request),
            Parsed::Complete {
                length: request.len(),
                target: "S.Op".into(),
                close: false
            }
        );
        assert_eq!(
            next_request(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            Parsed::Invalid
        );
    }
}
