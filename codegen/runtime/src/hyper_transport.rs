//! [`HyperTransport`]: the default HTTP/1.1 stack (hyper 1, hyper-util's pooled
//! client, rustls with the `ring` provider; roots and proxies as configured).

use std::error::Error as StdError;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use crate::config::Config;
use crate::proxy::{ProxyConfig, ProxyConnector};
use crate::tls::TlsConfig;
use crate::transport::{
    BoxFuture, HttpRequest, HttpResponse, HttpTransport, TransportError, TransportErrorKind,
};

/// How long an idle pooled connection is kept (servers close theirs sooner or later).
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(20);

/// The default transport: a pooled hyper client speaking HTTP/1.1 over
/// TCP or TLS (`https` and `http` endpoints both work), directly or through an HTTP
/// proxy (`CONNECT` for `https`).
///
/// A request handed a pooled connection that the server has already closed
/// (servers answering `Connection: close`, or idle timeouts) is retried on a
/// fresh connection by hyper-util before anything is sent, so callers never
/// see that race.
#[derive(Clone)]
pub struct HyperTransport {
    client: Client<HttpsConnector<ProxyConnector>, Full<Bytes>>,
    max_response_bytes: usize,
}

impl std::fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HyperTransport")
    }
}

impl HyperTransport {
    /// A transport whose TCP connects give up after `connect_timeout`, trusting the
    /// Mozilla roots, with proxies from the environment, refusing response bodies over
    /// 16 MiB (change it with [`HyperTransport::max_response_bytes`]).
    ///
    /// Fails only if the TLS provider rejects its own default settings.
    pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
        Self::build(
            connect_timeout,
            &TlsConfig::default(),
            &ProxyConfig::default(),
        )
    }

    /// The transport a client built with `config` uses: its connect timeout, trusted
    /// certificates, proxies and response size limit. Fails when a configured CA bundle
    /// or certificate cannot be used (the error names it).
    pub fn from_config(config: &Config) -> Result<Self, TransportError> {
        Ok(
            Self::build(config.connect_timeout, &config.tls, &config.proxy)?
                .max_response_bytes(config.max_response_bytes),
        )
    }

    fn build(
        connect_timeout: Duration,
        tls: &TlsConfig,
        proxy: &ProxyConfig,
    ) -> Result<Self, TransportError> {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(Some(connect_timeout));
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls.client_config()?)
            .https_or_http()
            .enable_http1()
            .wrap_connector(ProxyConnector::new(http, proxy));
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(POOL_IDLE_TIMEOUT)
            .pool_timer(TokioTimer::new())
            .retry_canceled_requests(true)
            .build(https);
        Ok(Self {
            client,
            max_response_bytes: crate::config::DEFAULT_MAX_RESPONSE_BYTES,
        })
    }

    /// Refuses response bodies larger than `limit` bytes (a transport error, not retried).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    async fn exchange(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = http::Request::builder()
            .method(request.method)
            .uri(request.uri);
        if let Some(headers) = builder.headers_mut() {
            *headers = request.headers;
        }
        let request = builder.body(Full::new(request.body)).map_err(|e| {
            TransportError::with_source(TransportErrorKind::Other, "invalid request", e)
        })?;
        let response = self.client.request(request).await.map_err(classify)?;
        let (parts, body) = response.into_parts();
        let body = Limited::new(body, self.max_response_bytes)
            .collect()
            .await
            .map_err(|e| classify_body_error(&*e, self.max_response_bytes))?
            .to_bytes();
        Ok(HttpResponse {
            status: parts.status,
            headers: parts.headers,
            body,
        })
    }
}

impl HttpTransport for HyperTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.exchange(request))
    }
}

/// The error and its causes, joined with `: `.
fn describe(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// The kind implied by the first cause in the chain that says something.
fn kind_of(error: &(dyn StdError + 'static)) -> TransportErrorKind {
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(e) = current {
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            if h.is_timeout() {
                return TransportErrorKind::Timeout;
            }
            if h.is_incomplete_message() || h.is_closed() || h.is_canceled() {
                return TransportErrorKind::Io;
            }
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return match io.kind() {
                std::io::ErrorKind::TimedOut => TransportErrorKind::Timeout,
                _ => TransportErrorKind::Io,
            };
        }
        current = e.source();
    }
    TransportErrorKind::Other
}

fn classify(error: hyper_util::client::legacy::Error) -> TransportError {
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else {
        kind_of(&error)
    };
    let message = describe(&error);
    TransportError::with_source(kind, message, error)
}

fn classify_body_error(
    error: &(dyn StdError + Send + Sync + 'static),
    limit: usize,
) -> TransportError {
    if error.is::<http_body_util::LengthLimitError>() {
        return TransportError::other(format!(
            "response body larger than {limit} bytes (the configured limit)"
        ));
    }
    let kind = match kind_of(error) {
        TransportErrorKind::Other => TransportErrorKind::Io,
        kind => kind,
    };
    TransportError::new(kind, format!("reading response body: {}", describe(error)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue, Method, Uri};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    /// Serves `count` connections; each reads one request, answers it and
    /// closes the socket (with or without announcing `Connection: close`).
    async fn closing_server(
        count: usize,
        announce_close: bool,
    ) -> (Uri, tokio::task::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            for _ in 0..count {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let mut buf = vec![0u8; 4096];
                let mut read = 0;
                // Read until the end of headers plus the 2-byte body `{}`.
                while !buf[..read].windows(4).any(|w| w == b"\r\n\r\n")
                    || !buf[..read].ends_with(b"{}")
                {
                    match socket.read(&mut buf[read..]).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => read += n,
                    }
                }
                let connection = if announce_close {
                    "Connection: close\r\n"
                } else {
                    ""
                };
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n{connection}x-amzn-requestid: r1\r\n\r\n{{}}"
                );
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            }
        });
        (format!("http://{addr}/").parse().unwrap(), task)
    }

    fn request(uri: &Uri) -> HttpRequest {
        let mut headers = HeaderMap::new();
        headers.insert(
            "content-type",
            HeaderValue::from_static("application/x-amz-json-1.1"),
        );
        HttpRequest {
            method: Method::POST,
            uri: uri.clone(),
            headers,
            body: Bytes::from_static(b"{}"),
        }
    }

    #[tokio::test]
    async fn survives_servers_closing_every_connection() {
        for announce_close in [true, false] {
            let (uri, server) = closing_server(3, announce_close).await;
            let transport = HyperTransport::new(Duration::from_secs(2)).unwrap();
            for _ in 0..3 {
                let response = transport.send(request(&uri)).await.unwrap();
                assert_eq!(response.status, 200);
                assert_eq!(response.body, "{}");
                assert_eq!(response.headers["x-amzn-requestid"], "r1");
                // Give the server's FIN time to arrive, as between real calls.
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            server.await.unwrap();
        }
    }

    #[tokio::test]
    async fn refused_connection_is_a_connect_error() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let transport = HyperTransport::new(Duration::from_secs(2)).unwrap();
        let uri: Uri = format!("http://{addr}/").parse().unwrap();
        let err = transport.send(request(&uri)).await.unwrap_err();
        assert!(err.is_connect(), "{err:?}");
        assert!(err.to_string().starts_with("connection failed"), "{err}");
    }

    #[tokio::test]
    async fn bodies_over_the_configured_cap_are_refused() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            for _ in 0..2 {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut buf = vec![0u8; 4096];
                let _ = socket.read(&mut buf).await;
                let body = "x".repeat(2000);
                let response = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\nConnection: close\r\n\r\n{body}"
                );
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            }
        });
        let uri: Uri = format!("http://{addr}/").parse().unwrap();
        let capped = HyperTransport::new(Duration::from_secs(2))
            .unwrap()
            .max_response_bytes(1000);
        let err = capped.send(request(&uri)).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Other, "{err:?}");
        assert!(err.to_string().contains("larger than 1000 bytes"), "{err}");
        let roomy = HyperTransport::new(Duration::from_secs(2))
            .unwrap()
            .max_response_bytes(2000);
        assert_eq!(roomy.send(request(&uri)).await.unwrap().body.len(), 2000);
        server.await.unwrap();
    }
}
