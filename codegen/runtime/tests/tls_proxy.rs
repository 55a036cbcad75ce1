//! HTTPS end to end against a loopback TLS server whose CA is made at test time, and
//! HTTP proxies: a loopback proxy that tunnels `CONNECT` and answers absolute-form
//! requests, `NO_PROXY`, and trust that fails without the CA.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde::Deserialize;
use smithy_lean_runtime::__private::{ClientCore, OperationSpec};
use smithy_lean_runtime::bytes::Bytes;
use smithy_lean_runtime::http::{HeaderMap, Method, Uri};
use smithy_lean_runtime::{
    Config, Credentials, Error, HttpRequest, HttpTransport, HyperTransport, ProxyConfig, TlsConfig,
    TransportErrorKind,
};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

mod loopback;
use loopback::{AnyError, SERVICE, read_request};

/// A CA and a server certificate for `127.0.0.1` signed by it.
struct TestPki {
    ca_pem: String,
    acceptor: TlsAcceptor,
}

fn test_pki() -> TestPki {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "smithy-lean-runtime test CA");
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&server_key, &ca, &ca_key)
        .unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![CertificateDer::from(server.der().to_vec())], key)
    .unwrap();
    TestPki {
        ca_pem: ca.pem(),
        acceptor: TlsAcceptor::from(Arc::new(config)),
    }
}

/// Answers every request on `io` with `200 {"Answer":"<label>"}`.
async fn answer(mut io: impl AsyncRead + AsyncWrite + Unpin, label: &'static str) {
    let mut buffer = Vec::new();
    while read_request(&mut io, &mut buffer).await.is_some() {
        let body = format!(r#"{{"Answer":"{label}"}}"#);
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if io.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// A loopback HTTPS server; returns its port.
async fn tls_server(acceptor: TlsAcceptor) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                if let Ok(tls) = acceptor.accept(socket).await {
                    answer(tls, "tls").await;
                }
            });
        }
    });
    port
}

/// A loopback proxy recording each request line it receives: `CONNECT` is tunnelled to
/// its target, anything else is answered by the proxy itself.
async fn proxy_server() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let log = Arc::clone(&log);
            tokio::spawn(async move {
                let Some(head) = read_request(&mut socket, &mut Vec::new()).await else {
                    return;
                };
                let line = head.lines().next().unwrap_or_default().to_owned();
                log.lock().unwrap().push(line.clone());
                match line.strip_prefix("CONNECT ") {
                    Some(rest) => {
                        let target = rest.split(' ').next().unwrap_or_default();
                        let Ok(mut upstream) = TcpStream::connect(target).await else {
                            return;
                        };
                        let ok = b"HTTP/1.1 200 Connection Established\r\n\r\n";
                        if socket.write_all(ok).await.is_ok() {
                            let _ = tokio::io::copy_bidirectional(&mut socket, &mut upstream).await;
                        }
                    }
                    None => {
                        let body = r#"{"Answer":"proxy"}"#;
                        let response = format!(
                            "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                            body.len()
                        );
                        let _ = socket.write_all(response.as_bytes()).await;
                    }
                }
            });
        }
    });
    (port, seen)
}

fn request(uri: &str) -> HttpRequest {
    HttpRequest {
        method: Method::POST,
        uri: uri.parse::<Uri>().unwrap(),
        headers: HeaderMap::new(),
        body: Bytes::from_static(b"{}"),
    }
}

fn transport(tls: TlsConfig, proxy: ProxyConfig) -> HyperTransport {
    let config = Config::builder()
        .connect_timeout(Duration::from_secs(5))
        .tls(tls)
        .proxy(proxy)
        .build();
    HyperTransport::from_config(&config).unwrap()
}

#[tokio::test]
async fn https_works_with_the_test_ca_and_fails_without_it() {
    let pki = test_pki();
    let port = tls_server(pki.acceptor).await;
    let url = format!("https://127.0.0.1:{port}/");
    let trusting = transport(
        TlsConfig::default().add_pem(pki.ca_pem),
        ProxyConfig::disabled(),
    );
    let response = trusting.send(request(&url)).await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, r#"{"Answer":"tls"}"#);

    let default_roots = transport(TlsConfig::default(), ProxyConfig::disabled());
    let err = default_roots.send(request(&url)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
    assert!(err.to_string().contains("certificate"), "{err}");
}

#[tokio::test]
async fn ca_bundle_files_are_trusted() {
    let pki = test_pki();
    let port = tls_server(pki.acceptor).await;
    let dir = std::env::temp_dir().join(format!("tls-proxy-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bundle = dir.join("bundle.pem");
    std::fs::write(&bundle, &pki.ca_pem).unwrap();
    let trusting = transport(
        TlsConfig::default().add_ca_bundle(&bundle),
        ProxyConfig::disabled(),
    );
    let response = trusting
        .send(request(&format!("https://127.0.0.1:{port}/")))
        .await;
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(response.unwrap().status, 200);
}

#[tokio::test]
async fn https_goes_through_a_connect_tunnel_and_http_in_absolute_form() {
    let pki = test_pki();
    let tls_port = tls_server(pki.acceptor).await;
    let (proxy_port, seen) = proxy_server().await;
    let proxy = format!("http://127.0.0.1:{proxy_port}");
    let via_proxy = transport(
        TlsConfig::default().add_pem(pki.ca_pem),
        ProxyConfig::disabled().https(&proxy).http(&proxy),
    );
    let response = via_proxy
        .send(request(&format!("https://127.0.0.1:{tls_port}/")))
        .await
        .unwrap();
    assert_eq!(
        response.body, r#"{"Answer":"tls"}"#,
        "answered by the TLS server"
    );
    let response = via_proxy
        .send(request("http://backend.invalid:8080/path"))
        .await
        .unwrap();
    assert_eq!(response.body, r#"{"Answer":"proxy"}"#);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        [
            format!("CONNECT 127.0.0.1:{tls_port} HTTP/1.1"),
            "POST http://backend.invalid:8080/path HTTP/1.1".to_owned(),
        ]
    );
}

#[tokio::test]
async fn no_proxy_hosts_are_reached_directly() {
    let pki = test_pki();
    let tls_port = tls_server(pki.acceptor).await;
    let (proxy_port, seen) = proxy_server().await;
    let direct = transport(
        TlsConfig::default().add_pem(pki.ca_pem),
        ProxyConfig::disabled()
            .https(format!("http://127.0.0.1:{proxy_port}"))
            .no_proxy("example.com,127.0.0.0/8"),
    );
    let response = direct
        .send(request(&format!("https://127.0.0.1:{tls_port}/")))
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert!(seen.lock().unwrap().is_empty(), "the proxy was used");
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Output {
    answer: String,
}

/// A signed call from a client configured like a program would be: HTTPS endpoint, a
/// private CA, a proxy.
#[tokio::test]
async fn a_signed_call_over_https_through_a_proxy() {
    let pki = test_pki();
    let tls_port = tls_server(pki.acceptor).await;
    let (proxy_port, seen) = proxy_server().await;
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("https://127.0.0.1:{tls_port}"))
        .credentials_provider(Credentials::new("AKID", "SECRET", None))
        .tls(TlsConfig::default().add_pem(pki.ca_pem))
        .proxy(ProxyConfig::disabled().https(format!("http://127.0.0.1:{proxy_port}")))
        .build();
    let core = ClientCore::new(&SERVICE, config);
    let result: Result<Output, Error<AnyError>> = core
        .call(OperationSpec::signed("Ping"), &serde_json::json!({}))
        .await;
    assert_eq!(result.unwrap().answer, "tls");
    assert_eq!(seen.lock().unwrap().len(), 1);
}
