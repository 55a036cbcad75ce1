//! The base application of the marginal build measurement: an HTTP service (hyper on tokio)
//! that answers every request with a JSON status, and an HTTPS client (hyper-rustls) it can
//! check an upstream with. With the feature `ours` or `official` it also looks a user pool up
//! through that Cognito client (`/pool/<id>`), so the client's code is really used.

use std::convert::Infallible;
use std::net::SocketAddr;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use tokio::net::TcpListener;

/// What the service answers.
#[derive(Serialize)]
struct Status {
    path: String,
    detail: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let address: SocketAddr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_owned())
        .parse()?;
    let listener = TcpListener::bind(address).await?;
    println!("listening on {}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            let service = service_fn(answer);
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Answers one request.
async fn answer(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path().to_owned();
    let detail = match path.strip_prefix("/pool/") {
        Some(pool) => describe_pool(pool).await,
        None if path == "/upstream" => check_upstream().await,
        None => "ok".to_owned(),
    };
    let body = serde_json::to_vec(&Status { path, detail }).unwrap_or_default();
    Ok(Response::new(Full::new(Bytes::from(body))))
}

/// Fetches the upstream named by `UPSTREAM_URL` over HTTPS and reports its status.
async fn check_upstream() -> String {
    let Ok(url) = std::env::var("UPSTREAM_URL") else {
        return "no UPSTREAM_URL".to_owned();
    };
    let Ok(uri) = url.parse::<hyper::Uri>() else {
        return "bad UPSTREAM_URL".to_owned();
    };
    let _ = rustls::crypto::ring::default_provider().install_default();
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_webpki_roots()
        .https_or_http()
        .enable_http1()
        .build();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build::<_, Full<Bytes>>(connector);
    match client.get(uri).await {
        Ok(response) => response.status().to_string(),
        Err(error) => error.to_string(),
    }
}

/// The name of user pool `id`, through our client.
#[cfg(feature = "ours")]
async fn describe_pool(id: &str) -> String {
    use cognito_identity_provider::{Client, Config};
    let client = Client::new(Config::from_env());
    match client.describe_user_pool().user_pool_id(id).send().await {
        Ok(output) => format!("{:?}", output.user_pool.and_then(|pool| pool.name)),
        Err(error) => error.to_string(),
    }
}

/// The name of user pool `id`, through the official SDK.
#[cfg(all(feature = "official", not(feature = "ours")))]
async fn describe_pool(id: &str) -> String {
    let config = aws_config::load_from_env().await;
    let client = aws_sdk_cognitoidentityprovider::Client::new(&config);
    match client.describe_user_pool().user_pool_id(id).send().await {
        Ok(output) => format!("{:?}", output.user_pool.and_then(|pool| pool.name)),
        Err(error) => error.to_string(),
    }
}

/// Without a client there is no pool to look up.
#[cfg(not(any(feature = "ours", feature = "official")))]
async fn describe_pool(_id: &str) -> String {
    "no Cognito client in this build".to_owned()
}
