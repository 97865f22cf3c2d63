//! A real SMTP peer for the mail tests: a server on a free loopback port
//! that keeps every message it receives. Used by the browser tests here and,
//! through `#[path]`, by the backend's API tests.

use std::{
    net::TcpListener,
    sync::{Arc, Mutex},
};

use mailin_embedded::{response, Handler, Response, Server};

/// One received message: (sender, recipients, raw message).
pub type Received = Arc<Mutex<Vec<(String, Vec<String>, Vec<u8>)>>>;

#[derive(Clone, Default)]
struct Inbox {
    received: Received,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Inbox {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        (self.from, self.to, self.data) = (from.to_owned(), to.to_vec(), Vec::new());
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = (std::mem::take(&mut self.from), std::mem::take(&mut self.to), std::mem::take(&mut self.data));
        self.received.lock().unwrap_or_else(|e| e.into_inner()).push(message);
        response::OK
    }
}

/// An SMTP server on a free port (its `smtp://` URL), and what it receives.
pub fn smtp_server() -> (String, Received) {
    let received = Received::default();
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!("smtp://{}", listener.local_addr().expect("its address"));
    let mut server = Server::new(Inbox { received: received.clone(), ..Inbox::default() });
    server.with_name("smtp.test").with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (url, received)
}
