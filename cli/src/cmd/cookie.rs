//! `jeton cookie parse` and `jeton set-cookie build|parse`.

use crate::cli::{
    CookieParseArgs, PriorityArg, SameSiteArg, SetCookieBuildArgs, SetCookieParseArgs,
};
use crate::cmd::jwt::clock;
use crate::fail::{Outcome, Refusal, usage};
use crate::input::{self, show};
use crate::jsonv::J;
use crate::out::{Ctx, Table};
use crate::time;
use jeton::Error;
use jeton::cookie::{
    CookieHeader, CookieJar, ParsedSetCookie, Priority, RequestUrl, SameSite, SetCookie,
    StoreOutcome,
};

/// `jeton cookie parse`
pub fn parse(args: &CookieParseArgs, ctx: &Ctx) -> Outcome {
    let raw = input::read(&args.header)?;
    let bytes = input::strip_header_name(&raw, &["cookie"]);
    let header = CookieHeader::parse(bytes)?;
    let pairs: Vec<_> = header.iter().collect();
    let strict = header.check_strict();

    let mut rows = Vec::new();
    for (i, pair) in pairs.iter().enumerate() {
        let first = pairs
            .iter()
            .position(|p| p.name() == pair.name())
            .unwrap_or(i);
        let mut decoded = vec![0u8; pair.value().len()];
        let decoded = match pair.decode_value(&mut decoded) {
            Ok(n) if decoded[..n] != *pair.value() => Some(decoded[..n].to_vec()),
            _ => None,
        };
        rows.push((i, pair, (first != i).then_some(first), decoded));
    }

    if ctx.json {
        let list = rows
            .iter()
            .map(|(_, pair, dup, decoded)| {
                let mut o = vec![
                    ("name".to_owned(), J::bytes(pair.name())),
                    ("value".to_owned(), J::bytes(pair.value())),
                    ("quoted".to_owned(), J::Bool(pair.is_quoted())),
                    ("unquoted".to_owned(), J::bytes(pair.value_unquoted())),
                ];
                if let Some(d) = decoded {
                    o.push(("decoded".to_owned(), J::bytes(d)));
                }
                o.push((
                    "duplicate_of".to_owned(),
                    dup.map_or(J::Null, |d| J::int(d as i64)),
                ));
                J::Obj(o)
            })
            .collect();
        let strict_json = match strict {
            Ok(()) => J::Null,
            Err(v) => {
                let mut r = Refusal::of(v.error).to_json();
                if let J::Obj(o) = &mut r {
                    o.push(("offset".to_owned(), J::int(v.offset as i64)));
                }
                r
            }
        };
        ctx.json(&J::obj([
            ("pairs", J::Arr(list)),
            ("strict_ok", J::Bool(strict.is_ok())),
            ("strict_violation", strict_json),
        ]));
    } else {
        if rows.is_empty() {
            ctx.line("no cookie pair");
        }
        let mut t = Table::new();
        for (i, pair, dup, decoded) in &rows {
            let mut notes = Vec::new();
            if pair.is_quoted() {
                notes.push(format!("unquoted {}", show(pair.value_unquoted())));
            }
            if let Some(d) = decoded {
                notes.push(format!("decoded {}", show(d)));
            }
            if let Some(d) = dup {
                notes.push(
                    ctx.style
                        .warn(&format!("duplicate of #{d}: get() returns #{d}")),
                );
            }
            let label = format!("#{i} {}", show(pair.name()));
            t.row_note(label, show(pair.value()), ctx.style.dim(&notes.join("; ")));
        }
        t.print(ctx);
        match strict {
            Ok(()) => ctx.line(&format!(
                "{}  {}",
                ctx.style.label("strict"),
                ctx.style.good("follows RFC 6265 section 4.2.1")
            )),
            Err(v) => {
                ctx.line(&format!(
                    "{}  {} ({}) at byte {}",
                    ctx.style.label("strict"),
                    ctx.style.warn(v.error.as_str()),
                    v.error.name(),
                    v.offset
                ));
                let shown = show(bytes);
                if shown.len() == bytes.len() && bytes.len() <= 200 {
                    ctx.line(&format!("        {shown}"));
                    ctx.line(&format!("        {}^", " ".repeat(v.offset)));
                }
            }
        }
    }
    match strict {
        Err(v) if args.strict => Err(Refusal::of(v.error)
            .detail(format!("at byte {}", v.offset))
            .shown()
            .into()),
        _ => Ok(()),
    }
}

fn same_site(s: SameSiteArg) -> SameSite {
    match s {
        SameSiteArg::Strict => SameSite::Strict,
        SameSiteArg::Lax => SameSite::Lax,
        SameSiteArg::None => SameSite::None,
    }
}

fn priority(p: PriorityArg) -> Priority {
    match p {
        PriorityArg::Low => Priority::Low,
        PriorityArg::Medium => Priority::Medium,
        PriorityArg::High => Priority::High,
    }
}

/// `jeton set-cookie build`
pub fn build(args: &SetCookieBuildArgs, ctx: &Ctx) -> Outcome {
    let value = match &args.value {
        Some(v) => input::read(v)?,
        None => Vec::new(),
    };
    let mut c = if args.remove {
        SetCookie::removal(args.name.as_bytes())
    } else {
        SetCookie::new(args.name.as_bytes(), value.as_slice()).encode_value(args.encode)
    };
    if let Some(p) = &args.path {
        c = c.path(p.as_bytes());
    }
    if let Some(d) = &args.domain {
        c = c.domain(d.as_bytes());
    }
    if let Some(m) = &args.max_age {
        let secs = time::parse_duration(m).map_err(|e| usage(format!("--max-age: {e}")))?;
        c = c.max_age(u64::try_from(secs).unwrap_or(0));
    }
    if let Some(e) = &args.expires {
        let now = clock(args.now.as_deref())?;
        let t = time::parse_time(e, now).map_err(|e| usage(format!("--expires: {e}")))?;
        c = c.expires(t);
    }
    c = c
        .secure(args.secure)
        .http_only(args.http_only)
        .partitioned(args.partitioned);
    if let Some(s) = args.same_site {
        c = c.same_site(same_site(s));
    }
    if let Some(p) = args.priority {
        c = c.priority(priority(p));
    }
    let len = c.formatted_len()?;
    let mut out = vec![0u8; len];
    let n = c.write(&mut out)?;
    let line = String::from_utf8_lossy(&out[..n]).into_owned();
    if ctx.json {
        ctx.json(&J::obj([("set_cookie", J::str(&line))]));
    } else {
        ctx.line(&line);
    }
    Ok(())
}

/// The request a line is judged against when no `--url` is given: https
/// to the cookie's own domain and path.
fn default_url(c: &ParsedSetCookie<'_>) -> String {
    let host = c
        .domain()
        .map(|d| String::from_utf8_lossy(d.strip_prefix(b".").unwrap_or(d)).into_owned())
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_graphic() && b != b'/'))
        .unwrap_or_else(|| "example.com".to_owned());
    let path = c
        .path()
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .filter(|p| p.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or_else(|| "/".to_owned());
    format!("https://{host}{path}")
}

fn date_json(t: Option<i64>) -> J {
    t.map_or(J::Null, |t| J::opt(time::rfc3339(t).map(J::Str)))
}

fn date_text(t: i64, now: i64) -> String {
    match time::rfc3339(t) {
        Some(d) => format!("{d} ({})", time::relative(t, now)),
        None => t.to_string(),
    }
}

/// `jeton set-cookie parse`
pub fn parse_set_cookie(args: &SetCookieParseArgs, ctx: &Ctx) -> Outcome {
    let now = clock(args.now.as_deref())?;
    let raw = input::read(&args.line)?;
    let line = input::strip_header_name(&raw, &["set-cookie"]);
    let c = ParsedSetCookie::parse(line).map_err(|e| {
        Refusal::of(e).detail("RFC 6265 section 5.2: a user agent ignores the whole line")
    })?;
    let url_text = match &args.url {
        Some(u) => u.clone(),
        None => default_url(&c),
    };
    let url = RequestUrl::parse(url_text.as_bytes())
        .map_err(|_| usage(format!("--url {url_text}: not an absolute http(s) URL")))?;
    // One cookie of at most 4096 + 1024 + 1024 bytes fits.
    let mut jar: Box<CookieJar<1, 8192>> = Box::new(CookieJar::new());
    let stored = jar.store_parsed(&c, &url, now);
    let kept = jar.iter().next();

    let verdict = match &stored {
        Ok(StoreOutcome::Inserted { .. } | StoreOutcome::Replaced { .. }) => "stored".to_owned(),
        Ok(StoreOutcome::Removed | StoreOutcome::Expired) => {
            "already expired: deletes a stored cookie of that name, domain and path".to_owned()
        }
        Err(e) => format!("ignored: {} ({})", e.as_str(), e.name()),
    };
    if ctx.json {
        let parsed = J::obj([
            ("name", J::bytes(c.name())),
            ("value", J::bytes(c.value())),
            ("expires", J::opt(c.expires().map(J::int))),
            ("expires_date", date_json(c.expires())),
            ("max_age", J::opt(c.max_age().map(J::int))),
            ("domain", J::opt(c.domain().map(J::bytes))),
            ("path", J::opt(c.path().map(J::bytes))),
            ("secure", J::Bool(c.secure())),
            ("http_only", J::Bool(c.http_only())),
            (
                "same_site",
                J::opt(c.same_site().map(|s| J::str(s.as_str()))),
            ),
            ("partitioned", J::Bool(c.partitioned())),
            ("priority", J::opt(c.priority().map(|p| J::str(p.as_str())))),
            ("control_characters", J::Bool(c.has_control_characters())),
        ]);
        let browser = match (&stored, kept) {
            (Ok(_), Some(k)) => J::obj([
                ("stored", J::Bool(true)),
                ("domain", J::bytes(k.domain)),
                ("host_only", J::Bool(k.host_only)),
                ("path", J::bytes(k.path)),
                ("expiry", J::opt(k.expiry.map(J::int))),
                ("expiry_date", date_json(k.expiry)),
                ("secure", J::Bool(k.secure)),
                ("http_only", J::Bool(k.http_only)),
                ("same_site", J::opt(k.same_site.map(|s| J::str(s.as_str())))),
            ]),
            (Ok(_), None) => J::obj([("stored", J::Bool(false)), ("deletes", J::Bool(true))]),
            (Err(e), _) => J::obj([
                ("stored", J::Bool(false)),
                ("ignored", Refusal::of(*e).to_json()),
            ]),
        };
        ctx.json(&J::obj([
            ("url", J::str(&url_text)),
            ("parsed", parsed),
            ("browser", browser),
        ]));
    } else {
        let mut t = Table::new();
        t.row("name", show(c.name())).row("value", show(c.value()));
        if let Some(e) = c.expires() {
            t.row("Expires", date_text(e, now));
        }
        if let Some(m) = c.max_age() {
            let note = if c.expires().is_some() {
                ctx.style.dim("(takes precedence over Expires)")
            } else {
                String::new()
            };
            t.row_note("Max-Age", m.to_string(), note);
        }
        if let Some(d) = c.domain() {
            t.row("Domain", show(d));
        }
        if let Some(p) = c.path() {
            t.row("Path", show(p));
        }
        let flags: Vec<&str> = [
            (c.secure(), "Secure"),
            (c.http_only(), "HttpOnly"),
            (c.partitioned(), "Partitioned"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, f)| *f)
        .collect();
        if !flags.is_empty() {
            t.row("flags", flags.join(" "));
        }
        if let Some(s) = c.same_site() {
            t.row("SameSite", s.as_str());
        }
        if let Some(p) = c.priority() {
            t.row("Priority", p.as_str());
        }
        t.print(ctx);
        let painted = if stored.is_ok() {
            ctx.style.good(&verdict)
        } else {
            ctx.style.bad(&verdict)
        };
        ctx.line(&format!(
            "{} {}  {painted}",
            ctx.style.heading("browser at"),
            url_text
        ));
        if let (Ok(_), Some(k)) = (&stored, kept) {
            let mut t = Table::indented(2);
            let scope = if k.host_only {
                "host only"
            } else {
                "and subdomains"
            };
            t.row("domain", format!("{} ({scope})", show(k.domain)));
            t.row("path", show(k.path));
            t.row(
                "expires",
                match k.expiry {
                    Some(e) => date_text(e, now),
                    None => "at the end of the session".to_owned(),
                },
            );
            let mut flags = Vec::new();
            if k.secure {
                flags.push("Secure");
            }
            if k.http_only {
                flags.push("HttpOnly");
            }
            if !flags.is_empty() {
                t.row("flags", flags.join(" "));
            }
            if let Some(s) = k.same_site {
                t.row("SameSite", s.as_str());
            }
            t.print(ctx);
        }
    }
    match stored {
        Ok(_) => Ok(()),
        Err(e) => Err(refused_by_browser(e).into()),
    }
}

fn refused_by_browser(e: Error) -> Refusal {
    Refusal::of(e).detail("a browser ignores this line").shown()
}
