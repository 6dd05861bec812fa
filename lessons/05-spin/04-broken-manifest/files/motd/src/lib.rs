use spin_sdk::http::{IntoResponse, Request, Response};
use spin_sdk::http_component;

/// Serves a message of the day: the current quote from the quote API.
#[http_component]
async fn handle_motd(_req: Request) -> anyhow::Result<impl IntoResponse> {
    let quote: Response = spin_sdk::http::send(Request::get("https://api.example.com/quote")).await?;
    Ok(Response::builder()
        .status(200)
        .header("content-type", "text/plain")
        .body(quote.into_body())
        .build())
}
