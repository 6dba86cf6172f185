//! A `redis-server` of the test's own: loopback, a free port, no
//! persistence, stopped when dropped (also when the test panics). Shared
//! by the Redis tests of `store-redis` and of the demo (`#[path]`).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `redis-server` (from `PATH`, or `JETON_REDIS_SERVER`).
pub struct RedisServer {
    pub port: u16,
    child: Option<Child>,
}

impl RedisServer {
    /// Starts one on a free port of 127.0.0.1 and waits until it answers.
    pub fn start() -> RedisServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut server = RedisServer { port, child: None };
        server.restart();
        server
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Starts it again on the same port (empty: nothing persists).
    pub fn restart(&mut self) {
        self.stop();
        let binary = std::env::var("JETON_REDIS_SERVER").unwrap_or_else(|_| "redis-server".into());
        let child = Command::new(&binary)
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .args(["--loglevel", "warning", "--protected-mode", "yes"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {binary} (scripts/redis-tests.sh installs it): {e}")
            });
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.answers() {
            assert!(
                Instant::now() < deadline,
                "redis-server did not answer within 10 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether it answers PING.
    pub fn answers(&self) -> bool {
        self.command(b"PING\r\n")
            .is_some_and(|r| r.starts_with(b"+PONG"))
    }

    /// Sends one inline command, returns the first reply bytes.
    pub fn command(&self, line: &[u8]) -> Option<Vec<u8>> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
        s.write_all(line).ok()?;
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).ok()?;
        Some(buf[..n].to_vec())
    }

    /// Stops it (SIGKILL): every connection to it is refused from now on.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Freezes it (SIGSTOP): connections open, nothing answers.
    pub fn freeze(&self) {
        self.signal("STOP");
    }

    /// Thaws it (SIGCONT): it answers again, its data intact.
    pub fn thaw(&self) {
        self.signal("CONT");
    }

    fn signal(&self, name: &str) {
        let pid = self.child.as_ref().expect("running").id();
        let status = Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        if self.child.is_some() {
            self.thaw_quietly();
        }
        self.stop();
    }
}

impl RedisServer {
    fn thaw_quietly(&self) {
        if let Some(child) = &self.child {
            let _ = Command::new("kill")
                .args(["-CONT".to_string(), child.id().to_string()])
                .status();
        }
    }
}
