//! A bounded load test of the session backends: sessions created, then
//! looked up, by concurrent clients, through Redis and in process; rates
//! and latency percentiles as a Markdown table.
//!
//! ```text
//! cargo run --release -p jeton-redis --example load -- REDIS-URL [SESSIONS] [CLIENTS] [SECONDS]
//! ```
//!
//! Defaults: 16384 sessions, 8 clients, at most 20 seconds per phase (a
//! phase that runs out of time reports what it did). Loopback only:
//! `scripts/bench-redis.sh` starts a redis-server of its own for it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jeton::Error;
use jeton::session::SessionStore;
use jeton_redis::{
    LocalSessions, PoolOptions, RedisPool, RedisSessions, SessionBackend, SessionData,
};

/// A session record of the size a login keeps: a user number and a
/// 32-byte token seed.
#[derive(Clone, Copy, Debug)]
struct Login {
    user: u64,
    seed: [u8; 32],
}

impl SessionData for Login {
    fn encode(&self, user: &mut Vec<u8>, data: &mut Vec<u8>) {
        user.extend_from_slice(&self.user.to_be_bytes());
        data.extend_from_slice(&self.seed);
    }

    fn decode(user: &[u8], data: &[u8]) -> Result<Self, Error> {
        Ok(Login {
            user: u64::from_be_bytes(user.try_into().map_err(|_| Error::StoreRecordInvalid)?),
            seed: data.try_into().map_err(|_| Error::StoreRecordInvalid)?,
        })
    }
}

const CAPACITY: usize = 16384;

/// One operation on one session.
type Op = fn(&dyn SessionBackend<Login>, &[u8], usize, i64) -> Result<(), Error>;

struct Phase {
    done: usize,
    wall: Duration,
    latencies: Vec<Duration>,
}

impl Phase {
    fn rate(&self) -> f64 {
        self.done as f64 / self.wall.as_secs_f64()
    }
    fn percentile(&mut self, p: f64) -> Duration {
        self.latencies.sort_unstable();
        let i = ((self.latencies.len() as f64 * p).ceil() as usize).saturating_sub(1);
        self.latencies.get(i).copied().unwrap_or_default()
    }
}

fn id(client: usize, i: usize) -> Vec<u8> {
    // 43 characters, as generate_id makes them (the key hashes them all).
    format!("load-{client:04}-{i:010}-0123456789abcdefghijklmnA").into_bytes()
}

/// Runs `op` for every session of every client, `clients` threads at
/// once, until done or `limit` is over.
fn phase(
    backend: &Arc<dyn SessionBackend<Login>>,
    sessions: usize,
    clients: usize,
    limit: Duration,
    op: Op,
) -> Phase {
    let now = 1_800_000_000;
    let per_client = sessions / clients;
    let started = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let backend = Arc::clone(backend);
            std::thread::spawn(move || {
                let mut latencies = Vec::with_capacity(per_client);
                for i in 0..per_client {
                    if started.elapsed() > limit {
                        break;
                    }
                    let t = Instant::now();
                    op(&*backend, &id(c, i), i, now).expect("the operation succeeds");
                    latencies.push(t.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(sessions);
    for h in handles {
        latencies.extend(h.join().expect("a client thread"));
    }
    Phase {
        done: latencies.len(),
        wall: started.elapsed(),
        latencies,
    }
}

fn create(b: &dyn SessionBackend<Login>, id: &[u8], i: usize, now: i64) -> Result<(), Error> {
    let login = Login {
        user: i as u64,
        seed: [7; 32],
    };
    b.create(id, login, now).map(|_| ())
}

fn lookup(b: &dyn SessionBackend<Login>, id: &[u8], i: usize, now: i64) -> Result<(), Error> {
    let s = b.lookup(id, now)?;
    assert_eq!(s.user.user, i as u64);
    Ok(())
}

fn touch(b: &dyn SessionBackend<Login>, id: &[u8], _: usize, now: i64) -> Result<(), Error> {
    b.touch(id, now + 1).map(|_| ())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(url) = args.first() else {
        eprintln!("usage: load REDIS-URL [SESSIONS] [CLIENTS] [SECONDS]");
        std::process::exit(2);
    };
    let arg =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let sessions = arg(1, CAPACITY).min(CAPACITY);
    let clients = arg(2, 8).max(1);
    let limit = Duration::from_secs(arg(3, 20) as u64);

    let pool = RedisPool::new(
        url,
        PoolOptions {
            max_connections: clients as u32,
            ..PoolOptions::default()
        },
    )
    .expect("a Redis URL");
    let backends: Vec<(&str, Arc<dyn SessionBackend<Login>>)> = vec![
        (
            "in process (SessionStore behind a mutex)",
            Arc::new(LocalSessions::new(
                SessionStore::<Login, CAPACITY>::new(1800).with_absolute_lifetime(28_800),
            )),
        ),
        (
            "Redis (jeton-redis, loopback)",
            Arc::new(
                RedisSessions::new(pool, 1800)
                    .with_absolute_lifetime(28_800)
                    .with_prefix(b"load:"),
            ),
        ),
    ];
    println!("| backend | operation | done | per second | p50 | p99 |");
    println!("|---|---|---:|---:|---:|---:|");
    for (name, backend) in &backends {
        for (what, op) in [
            ("create", create as Op),
            ("lookup", lookup as Op),
            ("touch", touch as Op),
        ] {
            let mut p = phase(backend, sessions, clients, limit, op);
            let (p50, p99) = (p.percentile(0.50), p.percentile(0.99));
            println!(
                "| {name} | {what} | {} | {:.0} | {:.1} µs | {:.1} µs |",
                p.done,
                p.rate(),
                p50.as_secs_f64() * 1e6,
                p99.as_secs_f64() * 1e6
            );
        }
    }
}
