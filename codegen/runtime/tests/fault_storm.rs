//! The fault storm: many concurrent calls through the real hyper transport against a
//! loopback server that answers a share of requests with a 5xx, a throttling error or a
//! connection reset. Every call must end in `Ok` or a typed error (none lost, none hung),
//! retries must stay within the retry quota, and the figures are printed for
//! BENCHMARKS.md.
//!
//! `FAULT_STORM_CALLS` sets the number of calls (default 2,000, which CI runs; the
//! BENCHMARKS.md figures use 10,000).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Deserialize;
use smithy_lean_runtime::__private::{ClientCore, OperationSpec};
use smithy_lean_runtime::{Config, Credentials, Error, TimeoutKind};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

mod loopback;
use loopback::{AnyError, SERVICE, read_request};

const OPERATION: OperationSpec = OperationSpec::signed("Ping");
const CONCURRENCY: usize = 16;

/// What the server does with a request.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    Ok,
    ServerError,
    Throttle,
    Reset,
}

/// The server's plan: `fault_every`-th request is a fault (cycling through 5xx,
/// throttling and reset); 1 makes every request fail with a 5xx.
struct Plan {
    fault_every: usize,
    served: AtomicUsize,
}

impl Plan {
    fn next(&self) -> Answer {
        let n = self.served.fetch_add(1, Ordering::Relaxed);
        if self.fault_every == 1 {
            return Answer::ServerError;
        }
        if !n.is_multiple_of(self.fault_every) {
            return Answer::Ok;
        }
        match (n / self.fault_every) % 3 {
            0 => Answer::ServerError,
            1 => Answer::Throttle,
            _ => Answer::Reset,
        }
    }
}

/// Serves keep-alive HTTP/1.1 on a loopback port until the test ends.
async fn start_server(plan: Arc<Plan>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve_connection(socket, Arc::clone(&plan)));
        }
    });
    addr
}

async fn serve_connection(mut socket: TcpStream, plan: Arc<Plan>) -> Option<()> {
    let mut buffer = Vec::with_capacity(4096);
    loop {
        read_request(&mut socket, &mut buffer).await?;
        let (status, extra, body) = match plan.next() {
            Answer::Ok => ("200 OK", "", "{}"),
            Answer::ServerError => ("500 Internal Server Error", "", "{}"),
            Answer::Throttle => (
                "400 Bad Request",
                "x-amzn-errortype: ThrottlingException\r\n",
                r#"{"message":"slow down"}"#,
            ),
            Answer::Reset => {
                // SO_LINGER 0: closing sends a TCP reset instead of a FIN.
                let _ = socket.set_zero_linger();
                return None;
            }
        };
        let response = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/x-amz-json-1.0\r\n{extra}content-length: {}\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(response.as_bytes()).await.ok()?;
    }
}

#[derive(Deserialize)]
struct Pong {}

/// How the calls ended.
#[derive(Default, Debug)]
struct Tally {
    ok: usize,
    service: usize,
    transport: usize,
    timeout: usize,
}

fn client(addr: SocketAddr) -> ClientCore {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://{addr}"))
        .credentials_provider(Credentials::new("AKID", "SECRET", None))
        // Short delays keep the storm bounded; the retry logic is the same.
        .base_backoff(Duration::from_millis(2))
        .max_backoff(Duration::from_millis(50))
        .attempt_timeout(Duration::from_secs(10))
        .operation_timeout(Duration::from_secs(30))
        .build();
    ClientCore::new(&SERVICE, config)
}

/// Runs `calls` calls, `CONCURRENCY` at a time, and tallies how each ended.
async fn storm(core: &ClientCore, calls: usize) -> Tally {
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..CONCURRENCY {
        let (core, next) = (core.clone(), Arc::clone(&next));
        workers.spawn(async move {
            let mut tally = Tally::default();
            while next.fetch_add(1, Ordering::Relaxed) < calls {
                let result: Result<Pong, Error<AnyError>> =
                    core.call(OPERATION, &serde_json::json!({})).await;
                match result {
                    Ok(_) => tally.ok += 1,
                    Err(Error::Service { .. }) => tally.service += 1,
                    Err(Error::Transport(_)) => tally.transport += 1,
                    Err(Error::Timeout(e)) => {
                        assert_eq!(e.kind(), TimeoutKind::Attempt, "{e}");
                        tally.timeout += 1;
                    }
                    Err(other) => panic!("unexpected failure: {other}"),
                }
            }
            tally
        });
    }
    let mut total = Tally::default();
    while let Some(worker) = workers.join_next().await {
        let tally = worker.expect("a worker panicked");
        total.ok += tally.ok;
        total.service += tally.service;
        total.transport += tally.transport;
        total.timeout += tally.timeout;
    }
    total
}

#[tokio::test(flavor = "current_thread")]
async fn every_call_ends_and_retries_stay_within_the_quota() {
    let calls: usize = std::env::var("FAULT_STORM_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let plan = Arc::new(Plan {
        fault_every: 10,
        served: AtomicUsize::new(0),
    });
    let addr = start_server(Arc::clone(&plan)).await;
    let core = client(addr);
    let started = Instant::now();
    let tally = storm(&core, calls).await;
    let elapsed = started.elapsed();
    let attempts = plan.served.load(Ordering::Relaxed);
    let ended = tally.ok + tally.service + tally.transport + tally.timeout;
    println!(
        "fault storm: {calls} calls at {CONCURRENCY} concurrency, 10% faults: {:.2} s, \
         {attempts} attempts ({:.3} per call), {tally:?}, {} retry tokens left",
        elapsed.as_secs_f64(),
        attempts as f64 / calls as f64,
        core.retry_tokens()
    );
    assert_eq!(ended, calls, "every call ends");
    assert!(attempts <= calls * 3, "at most 3 attempts per call");
    // With one request in ten failing, three attempts in a row rarely fail.
    assert!(
        tally.ok * 100 >= calls * 99,
        "retries should rescue almost every call: {tally:?}"
    );

    // A total outage: every request fails, so nothing refills the bucket, and once its
    // tokens are spent (at 5 per retry) calls stop retrying.
    let outage = Arc::new(Plan {
        fault_every: 1,
        served: AtomicUsize::new(0),
    });
    let core = client(start_server(Arc::clone(&outage)).await);
    let calls = 1_000;
    let tally = storm(&core, calls).await;
    let attempts = outage.served.load(Ordering::Relaxed);
    println!(
        "outage: {calls} calls, {attempts} attempts, {} retry tokens left",
        core.retry_tokens()
    );
    assert_eq!(tally.service, calls, "{tally:?}");
    assert_eq!(
        attempts,
        calls + 500 / 5,
        "retries paid by the quota, then none"
    );
    assert_eq!(core.retry_tokens(), 0);
}
