//! Serving connections: HTTP/1.1 by hyper under the axum app, with what
//! `axum::serve` leaves out. A client has `header_read_timeout` to send a
//! request's headers, from the moment it connects and again while idle
//! between requests, so idle and slow-header connections (slowloris) are
//! closed instead of held; and at most `max` connections are open at once,
//! within the process's file limit, so that a flood of connections waits
//! in the kernel's queue instead of taking the descriptors the database
//! needs. (HTTP/2 is left to the TLS proxy in front: detecting it would
//! wait for a silent client's first bytes without a timeout.)

use std::{io, net::SocketAddr, sync::Arc, time::Duration};

use axum::{body::Body, extract::ConnectInfo, Router};
use hyper::{body::Incoming, server::conn::http1};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::{
    net::{TcpListener, TcpSocket},
    sync::Semaphore,
};
use tower::ServiceExt;

/// Bounds on the clients' connections.
#[derive(Clone, Copy, Debug)]
pub struct Connections {
    /// Open at once (`SWITCHBOARD_MAX_CONNECTIONS`); lowered to what the
    /// process's file limit allows.
    pub max: usize,
    /// For a request's headers to arrive (`SWITCHBOARD_HEADER_READ_TIMEOUT_SECS`).
    pub header_read_timeout: Duration,
}

impl Default for Connections {
    fn default() -> Self {
        Self { max: 4096, header_read_timeout: Duration::from_secs(10) }
    }
}

/// Descriptors kept for the database, the SPA's files and outbound calls.
const RESERVED_FILES: u64 = 256;

/// Connections the kernel completes before they are accepted (capped by
/// `net.core.somaxconn`): a burst of clients waits there rather than being
/// dropped (tokio's own default is 1,024).
const BACKLOG: u32 = 4096;

/// Listens on `addr` with a backlog for bursts of connections.
pub fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Serves `app` on `listener` until the listener fails.
pub async fn serve(listener: TcpListener, app: Router, limits: Connections) -> io::Result<()> {
    let max = within_file_limit(limits.max);
    let open = Arc::new(Semaphore::new(max));
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout);
    loop {
        // Waits while `max` are open: new clients queue in the kernel.
        let Ok(permit) = open.clone().acquire_owned().await else { return Ok(()) };
        let (stream, addr) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) if is_per_connection(&e) => continue,
            Err(e) => {
                // Out of descriptors or memory: wait for some to be given back.
                tracing::warn!(error = %e, "cannot accept connections");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let connection = builder.serve_connection(
            TokioIo::new(stream),
            hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(addr));
                app.clone().oneshot(request)
            }),
        );
        tokio::spawn(async move {
            // A client that goes away or times out is no error of ours.
            let _: Result<(), hyper::Error> = connection.await;
            drop(permit);
        });
    }
}

/// Errors of one connection that leave the listener fine.
fn is_per_connection(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
    )
}

/// `wanted`, or fewer if the process may not open that many files: the soft
/// limit is raised towards the hard one first.
fn within_file_limit(wanted: usize) -> usize {
    let wanted = wanted.max(1);
    let Ok(limit) = rlimit::increase_nofile_limit(wanted as u64 + RESERVED_FILES) else { return wanted };
    let allowed = usize::try_from(limit.saturating_sub(RESERVED_FILES)).unwrap_or(usize::MAX).max(1);
    if allowed < wanted {
        tracing::warn!(wanted, allowed, "the file limit (ulimit -n) lowers the number of open connections");
    }
    wanted.min(allowed)
}
