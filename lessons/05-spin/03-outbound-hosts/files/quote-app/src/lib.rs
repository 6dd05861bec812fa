use spin_sdk::http::{IntoResponse, Request, Response};
use spin_sdk::http_component;

/// Fetches today's quote from an outside API and passes it on.
#[http_component]
async fn handle_quote(_req: Request) -> anyhow::Result<impl IntoResponse> {
    // The component cannot open sockets: this call goes through the Spin host,
    // which first checks the URL against allowed_outbound_hosts in spin.toml.
    let upstream: Response = spin_sdk::http::send(Request::get("https://api.example.com/quote")).await?;
    Ok(Response::builder()
        .status(200)
        .header("content-type", "text/plain")
        .body(upstream.into_body())
        .build())
}
