//! The accept loop: a thread per connection, a cap on connections, time
//! limits on every read and write, one request per connection.

use std::io::{self, Read};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::app::App;
use crate::http::{self, ReadError, Response};
use crate::{pages, routes};

/// Connections served at once; more are answered 503 at once.
pub const MAX_CONNECTIONS: usize = 64;
/// Longest wait for one read or write.
const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// Serves `app` on `listener` until the process ends.
pub fn serve(listener: TcpListener, app: Arc<App>) -> ! {
    let active = Arc::new(AtomicUsize::new(0));
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, a connection reset while
                // queued...: wait a moment rather than spin.
                if app.config().log {
                    eprintln!("accept failed: {e}");
                }
                thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            refuse_busy(stream);
            continue;
        }
        let (app, done) = (Arc::clone(&app), Arc::clone(&active));
        let spawned = thread::Builder::new()
            .name("jeton-demo-conn".to_owned())
            .spawn(move || {
                connection(stream, &app);
                done.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // The closure (and the stream) is gone: the client sees a
            // closed connection.
            active.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

fn refuse_busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let busy = Response::html(503, pages::error(503, "Too many connections: try again."))
        .with_header("Retry-After", "1");
    let _ = busy.write_to(&mut stream);
    linger_close(stream);
}

/// Reads one request, answers it, and closes.
fn connection(mut stream: TcpStream, app: &App) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let (line, response) = match http::read_request(&mut stream) {
        Ok(mut request) => (format!("{} {}", request.method, request.path), {
            request.peer = stream.peer_addr().ok().map(|a| a.ip());
            routes::handle(app, &request)
        }),
        Err(ReadError::Closed | ReadError::Io(_)) => return,
        Err(ReadError::Timeout) => (
            "(too slow)".to_owned(),
            Response::html(
                408,
                pages::error(408, "The request took too long to arrive."),
            ),
        ),
        Err(ReadError::Refused(status, why)) => (
            "(refused)".to_owned(),
            Response::html(status, pages::error(status, why)),
        ),
    };
    if app.config().log {
        match app.store_error().filter(|_| response.status == 503) {
            Some(why) => eprintln!("{line} -> {} ({why})", response.status),
            None => eprintln!("{line} -> {}", response.status),
        }
    }
    let _ = response.write_to(&mut stream);
    linger_close(stream);
}

/// Closes after the client has had the response: stops sending, then
/// reads (briefly, boundedly) what the client still sends, so that unread
/// input does not make the kernel reset the connection and destroy the
/// response before the client read it.
fn linger_close(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let started = Instant::now();
    let mut sink = [0u8; 4096];
    let mut drained = 0usize;
    while drained < 256 * 1024 && started.elapsed() < Duration::from_secs(2) {
        match stream.read(&mut sink) {
            Ok(0) => break,
            Ok(n) => drained += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
}
