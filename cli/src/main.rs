//! `jeton`: JSON Web Tokens, cookies, signed cookies and HTTP credentials
//! from the command line, on jeton's core; offline but for `jeton oauth
//! device`, which talks to an authorization server.
//!
//! Exit codes: 0 valid, 1 invalid (the check that failed is printed), 2
//! usage error, 3 I/O error. `--json` prints one JSON document. See
//! `docs/cli.md`.

mod asym;
mod cli;
mod cmd;
mod fail;
mod input;
mod jsonv;
mod jwtkeys;
mod keys;
mod out;
mod time;

use asym::Curve;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use cli::{
    BasicCommand, BearerCommand, Cli, Command, CookieCommand, CookieSignatureCommand, JwkCommand,
    JwtCommand, KeygenCommand, KeygripCommand, OauthCommand, SetCookieCommand,
};
use fail::{Failure, Outcome, exit};
use jsonv::J;
use out::Ctx;
use std::process::ExitCode;

/// The matches of the innermost subcommand: where a command's own
/// arguments (its keys, in their order) are.
fn leaf(matches: &ArgMatches) -> &ArgMatches {
    let mut m = matches;
    while let Some((_, sub)) = m.subcommand() {
        m = sub;
    }
    m
}

fn run(cli: &Cli, matches: &ArgMatches, ctx: &Ctx) -> Outcome {
    let m = leaf(matches);
    match &cli.command {
        Command::Jwt(JwtCommand::Decode(a)) => cmd::jwt::decode(a, ctx),
        Command::Jwt(JwtCommand::Verify(a)) => cmd::jwt::verify(a, m, ctx),
        Command::Jwt(JwtCommand::Sign(a)) => cmd::jwt::sign(a, m, ctx),
        Command::Cookie(CookieCommand::Parse(a)) => cmd::cookie::parse(a, ctx),
        Command::SetCookie(SetCookieCommand::Build(a)) => cmd::cookie::build(a, ctx),
        Command::SetCookie(SetCookieCommand::Parse(a)) => cmd::cookie::parse_set_cookie(a, ctx),
        Command::Keygrip(KeygripCommand::Sign(a)) => cmd::signed::keygrip_sign(a, m, ctx),
        Command::Keygrip(KeygripCommand::Verify(a)) => cmd::signed::keygrip_verify(a, m, ctx),
        Command::CookieSignature(CookieSignatureCommand::Sign(a)) => {
            cmd::signed::cookie_signature_sign(a, m, ctx)
        }
        Command::CookieSignature(CookieSignatureCommand::Unsign(a)) => {
            cmd::signed::cookie_signature_unsign(a, m, ctx)
        }
        Command::Basic(BasicCommand::Encode(a)) => cmd::misc::basic_encode(a, ctx),
        Command::Basic(BasicCommand::Decode(a)) => cmd::misc::basic_decode(a, ctx),
        Command::Bearer(BearerCommand::Parse(a)) => cmd::misc::bearer_parse(a, ctx),
        Command::Bearer(BearerCommand::Format(a)) => cmd::misc::bearer_format(a, ctx),
        Command::Pkce(a) => cmd::misc::pkce(a, ctx),
        Command::Oauth(OauthCommand::AuthorizeUrl(a)) => cmd::oauth::authorize_url(a, ctx),
        Command::Oauth(OauthCommand::Device(a)) => cmd::oauth::device(a, ctx),
        Command::SessionId(a) => cmd::misc::session_id(a, ctx),
        Command::Keygen(KeygenCommand::Hmac(a)) => cmd::misc::keygen_hmac(a, ctx),
        Command::Keygen(KeygenCommand::Es256(a)) => cmd::jwk::keygen(Curve::P256, a, ctx),
        Command::Keygen(KeygenCommand::Es384(a)) => cmd::jwk::keygen(Curve::P384, a, ctx),
        Command::Keygen(KeygenCommand::Ed25519(a)) => cmd::jwk::keygen(Curve::Ed25519, a, ctx),
        Command::Jwk(JwkCommand::Thumbprint(a)) => cmd::jwk::thumbprint(a, ctx),
        Command::Jwk(JwkCommand::Public(a)) => cmd::jwk::public(a, ctx),
        Command::Completions(a) => {
            let mut command = Cli::command();
            clap_complete::generate(a.shell, &mut command, "jeton", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => {
            let page = clap_mangen::Man::new(Cli::command());
            page.render(&mut std::io::stdout())
                .map_err(|e| fail::io(format!("cannot write the manual page: {e}")))
        }
    }
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let ctx = Ctx::new(cli.json, cli.color);
    match run(&cli, &matches, &ctx) {
        Ok(()) => ExitCode::from(exit::VALID),
        Err(failure) => {
            let code = failure.exit_code();
            match failure {
                Failure::Invalid(r) if r.shown => {}
                Failure::Invalid(r) if ctx.json => {
                    ctx.json(&J::obj([("valid", J::Bool(false)), ("error", r.to_json())]));
                }
                Failure::Invalid(r) => {
                    eprintln!(
                        "{} {} ({})",
                        ctx.err_style.bad("invalid:"),
                        r.message,
                        r.check
                    );
                    if let Some(detail) = &r.detail {
                        eprintln!("  {detail}");
                    }
                }
                Failure::Usage(msg) => {
                    eprintln!("{} {msg}", ctx.err_style.bad("error:"));
                }
                Failure::Io(msg) => {
                    eprintln!("{} {msg}", ctx.err_style.bad("error:"));
                }
            }
            ExitCode::from(code)
        }
    }
}
