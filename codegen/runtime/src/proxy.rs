//! HTTP proxies: [`ProxyConfig`] (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, in
//! either case, or set in code) and the connector that routes through one — a `CONNECT`
//! tunnel for `https` destinations, absolute-form requests for `http` ones. Matching and
//! tunnelling are hyper-util's (`client::proxy::matcher`, `Tunnel`); this module only
//! chooses the route per destination.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::Uri;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tower_service::Service;

/// Which proxy, if any, requests go through.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProxyConfig {
    source: Source,
}

#[derive(Clone, Default, PartialEq, Eq)]
enum Source {
    /// `HTTPS_PROXY`/`https_proxy`, `HTTP_PROXY`/`http_proxy`, `ALL_PROXY`/`all_proxy`
    /// and `NO_PROXY`/`no_proxy`, read when the client is built (the uppercase name wins).
    #[default]
    Environment,
    /// The given proxies.
    Explicit {
        http: Option<String>,
        https: Option<String>,
        no_proxy: Option<String>,
    },
}

impl ProxyConfig {
    /// Proxies from the environment, as curl reads them (the default).
    pub fn from_env() -> Self {
        Self::default()
    }

    /// No proxy, whatever the environment says.
    pub fn disabled() -> Self {
        Self {
            source: Source::Explicit {
                http: None,
                https: None,
                no_proxy: None,
            },
        }
    }

    /// Sends `http` requests through `proxy` (a URL such as `http://user:pass@proxy:3128`),
    /// ignoring the environment.
    pub fn http(self, proxy: impl Into<String>) -> Self {
        self.explicit(|http, _, _| *http = Some(proxy.into()))
    }

    /// Tunnels `https` requests through `proxy` with `CONNECT`, ignoring the environment.
    pub fn https(self, proxy: impl Into<String>) -> Self {
        self.explicit(|_, https, _| *https = Some(proxy.into()))
    }

    /// Hosts reached directly: a comma-separated list of host names (a leading `.` or
    /// none matches subdomains too), IP addresses, CIDR ranges, or `*` for all.
    pub fn no_proxy(self, hosts: impl Into<String>) -> Self {
        self.explicit(|_, _, no_proxy| *no_proxy = Some(hosts.into()))
    }

    fn explicit(
        self,
        set: impl FnOnce(&mut Option<String>, &mut Option<String>, &mut Option<String>),
    ) -> Self {
        let (mut http, mut https, mut no_proxy) = match self.source {
            Source::Environment => (None, None, None),
            Source::Explicit {
                http,
                https,
                no_proxy,
            } => (http, https, no_proxy),
        };
        set(&mut http, &mut https, &mut no_proxy);
        Self {
            source: Source::Explicit {
                http,
                https,
                no_proxy,
            },
        }
    }

    fn matcher(&self) -> Matcher {
        match &self.source {
            Source::Environment => Matcher::from_env(),
            Source::Explicit {
                http,
                https,
                no_proxy,
            } => Matcher::builder()
                .http(http.clone().unwrap_or_default())
                .https(https.clone().unwrap_or_default())
                .no(no_proxy.clone().unwrap_or_default())
                .build(),
        }
    }
}

impl fmt::Debug for ProxyConfig {
    /// Proxy URLs can carry a password: only which proxies are set is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Source::Environment => f.write_str("ProxyConfig(environment)"),
            Source::Explicit {
                http,
                https,
                no_proxy,
            } => f
                .debug_struct("ProxyConfig")
                .field("http", &http.is_some())
                .field("https", &https.is_some())
                .field("no_proxy", no_proxy)
                .finish(),
        }
    }
}

/// A TCP connector that routes each destination directly or through its proxy.
#[derive(Clone)]
pub(crate) struct ProxyConnector {
    direct: HttpConnector,
    matcher: Arc<Matcher>,
}

impl ProxyConnector {
    /// Routes connections made by `direct` as `config` says.
    pub(crate) fn new(direct: HttpConnector, config: &ProxyConfig) -> Self {
        Self {
            direct,
            matcher: Arc::new(config.matcher()),
        }
    }
}

type BoxError = Box<dyn StdError + Send + Sync>;

impl Service<Uri> for ProxyConnector {
    type Response = ProxiedIo;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<ProxiedIo, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.direct.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, destination: Uri) -> Self::Future {
        let mut direct = self.direct.clone();
        let Some(proxy) = self.matcher.intercept(&destination) else {
            return Box::pin(async move {
                let io = direct.call(destination).await?;
                Ok(ProxiedIo { io, proxied: false })
            });
        };
        if destination.scheme_str() == Some("https") {
            let mut tunnel = Tunnel::new(proxy.uri().clone(), direct);
            if let Some(auth) = proxy.basic_auth() {
                tunnel = tunnel.with_auth(auth.clone());
            }
            Box::pin(async move {
                let io = tunnel
                    .call(destination)
                    .await
                    .map_err(|e| BoxError::from(format!("proxy tunnel (CONNECT) failed: {e}")))?;
                Ok(ProxiedIo { io, proxied: false })
            })
        } else {
            // Plain HTTP: the request itself goes to the proxy, in absolute form.
            let proxy_uri = proxy.uri().clone();
            Box::pin(async move {
                let io = direct.call(proxy_uri).await?;
                Ok(ProxiedIo { io, proxied: true })
            })
        }
    }
}

/// A TCP connection, marked when requests on it must name their full URL for a proxy.
pub(crate) struct ProxiedIo {
    io: TokioIo<TcpStream>,
    proxied: bool,
}

impl Connection for ProxiedIo {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.proxied)
    }
}

impl Read for ProxiedIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl Write for ProxiedIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_proxy_credentials_and_routes_by_scheme() {
        let config = ProxyConfig::disabled()
            .https("http://user:hunter2@proxy.example:3128")
            .no_proxy("internal.example");
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        let matcher = config.matcher();
        let via = matcher
            .intercept(&Uri::from_static(
                "https://cognito-idp.us-east-1.amazonaws.com/",
            ))
            .expect("https goes through the proxy");
        assert_eq!(via.uri().host(), Some("proxy.example"));
        assert!(via.basic_auth().is_some());
        assert!(
            matcher
                .intercept(&Uri::from_static("http://plain.example/"))
                .is_none()
        );
        assert!(
            matcher
                .intercept(&Uri::from_static("https://api.internal.example/"))
                .is_none()
        );
        assert!(
            ProxyConfig::disabled()
                .matcher()
                .intercept(&Uri::from_static("https://a.example/"))
                .is_none()
        );
    }
}
