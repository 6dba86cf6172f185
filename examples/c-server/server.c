/*
 * A login server on GNU libmicrohttpd that uses only jeton's C API for
 * everything that touches credentials: the scenario of examples/c-server.
 *
 *   GET  /login      a CSRF token (and its cookie) for a client that sends
 *                    neither Origin nor Sec-Fetch-Site
 *   POST /login      form (user=..&password=..) or Authorization: Basic;
 *                    sets a server-side session cookie (jeton session
 *                    store), a signed cookie that carries its own expiry,
 *                    a CSRF token bound to the session, and returns a JWT
 *   GET  /protected  admits a request by its Authorization: Bearer JWT,
 *                    its session cookie or its signed cookie, and says
 *                    which one admitted it
 *   POST /logout     ends the session and revokes the login's grant (the
 *                    JWT's jti, which the signed cookie carries too) at
 *                    once, and clears the cookies
 *   GET  /login/oauth  "Sign in with the provider" (OpenID Connect): a
 *                    redirect to the provider's authorization endpoint
 *                    with PKCE, a signed state (carrying ?next=, the path
 *                    to return to) and nonce, bound to this browser by a
 *                    short-lived __Host-jeton-oauth cookie
 *   GET  /callback   the provider's answer: checked (iss, state), the code
 *                    redeemed with libcurl (Basic client authentication),
 *                    the ID token verified with the provider's JWKS, then
 *                    the same login as POST /login opens, and a redirect
 *                    to the return path
 *
 * Usage: server [PORT [PORT_FILE]] [--redis HOST:PORT] [--clock FILE]
 * [--login-burst N] [--oauth-issuer URL] [--oauth-client-id ID]
 * [--oauth-id-token-alg ALG]. It listens on 127.0.0.1 (PORT 0, the
 * default, picks a free port), writes the port to PORT_FILE when given,
 * and stops cleanly on SIGINT or SIGTERM. One demo user: alice, password
 * "wonderland". --clock FILE and --login-burst N are for tests: the time
 * is read from FILE (Unix seconds) at every request instead of the system
 * clock, so a scenario can step past an expiry; N login attempts per
 * client and user pass at once instead of LOGIN_BURST, so a scenario can
 * log in and out hundreds of times.
 *
 * The OAuth routes exist when the provider is configured: its issuer
 * (--oauth-issuer, else JETON_OAUTH_PROVIDER), the client's ID
 * (--oauth-client-id, else JETON_OAUTH_PROVIDER_CLIENT_ID) and secret
 * (JETON_OAUTH_PROVIDER_CLIENT_SECRET only: a command line is visible to
 * every user of the machine), and the algorithm the client's ID tokens are
 * registered with (--oauth-id-token-alg, default RS256). The redirect URI
 * is http://127.0.0.1:PORT/callback. The provider's metadata and keys are
 * fetched at start (OpenID Connect discovery, with libcurl), the keys
 * again when an ID token names one the set lacks.
 *
 * What the server defends, and how:
 *
 * - Every credential ends. The signed cookie carries its expiry inside
 *   the signed value (jeton_signed_value_*, purpose "user"), checked on
 *   every request: a stolen copy replayed after it is refused whatever
 *   its Max-Age said. A logout revokes the grant until that same expiry.
 * - A logout always ends the session first and always clears the
 *   cookies; a token it cannot revoke is said so (503).
 * - The revocation list can always take a logout: a login that would
 *   leave more live tokens than the list holds is refused (503). Every
 *   token lives inside a session (sessions outlive their tokens) or on
 *   the list, and a session ends only into the list (logout, or the
 *   per-user cap below, which revokes what it evicts).
 * - At most MAX_SESSIONS_PER_USER sessions per user: a new login ends the
 *   user's oldest (jeton_session_store_create_capped), its tokens too.
 * - Login attempts per client address and user name: LOGIN_BURST at
 *   once, LOGIN_BURST more per LOGIN_PERIOD seconds (jeton_rate_limiter);
 *   beyond, 429 with Retry-After.
 * - The OAuth login (docs/oauth.md): the state is signed and expires
 *   (10 minutes), is bound to the browser that started the login by a
 *   __Host- cookie (login CSRF), is used once (a list of used states,
 *   jeton_revocation_list), and derives the PKCE verifier and the nonce,
 *   so the server stores nothing per login; the callback's `iss` must be
 *   the provider's (RFC 9207: mix-ups); the ID token is verified (keys,
 *   the registered algorithm, issuer, audience, nonce, expiry, at_hash
 *   and c_hash); only the provider's user linked to a local account
 *   (OAUTH_LINKED_SUB) logs in, as that account. Callbacks are limited
 *   per client address (jeton_rate_limiter), so that nobody can fill the
 *   list of used states with junk; the return path must be a path of this
 *   server (no open redirect).
 * - Cross-site requests: POST /login and /logout are refused (403) when
 *   Sec-Fetch-Site is other than same-origin (or none), or else when
 *   Origin is not this server's; a client that sends neither must bring
 *   a CSRF token twice, in the __Host-csrf cookie and in X-CSRF-Token (or
 *   the csrf form field), bound to the request's session
 *   (jeton_csrf_verify). A logout by Bearer token alone, with no cookie,
 *   carries nothing a forger could ride on and needs none.
 *
 * Sessions and revocations live in jeton's in-process store and list,
 * or, with --redis (built with `make REDIS=1`, on hiredis), in Redis,
 * shared with every server that uses it: jeton computes the keys, the
 * records and the expiry decisions (jeton_shared_key,
 * jeton_session_record_*, jeton_revocation_record_*), hiredis carries
 * the commands. The session record's data is the layout the Rust demo
 * (demo/) uses, so each admits the other's sessions. When Redis cannot
 * answer within 500 ms, a request is refused (503), never admitted.
 *
 * Cookies: __Host-sid (the session ID), __Host-user (the signed cookie)
 * and __Host-csrf (the CSRF token's cookie copy), all Secure, HttpOnly,
 * SameSite=Lax, Path=/ and host-only, which the __Host- prefix makes
 * browsers enforce. They work over plain http here because the server
 * only listens on 127.0.0.1: browsers treat http://localhost and
 * http://127.0.0.1 as secure contexts, and so does curl (7.88, as the
 * scenario checks: it stores and sends Secure cookies for 127.0.0.1, and
 * would refuse them from any other plain-http host). A server reached over
 * plain http by another name would have to drop Secure and the prefix.
 *
 * libmicrohttpd runs every handler on its one internal polling thread, so
 * the jeton objects below are never used by two threads at once (the
 * back channel blocks that thread for its exchanges: a busy server would
 * suspend the connection and use libcurl's multi interface). jeton never
 * allocates; this file allocates only libmicrohttpd's per-request
 * context (libcurl allocates its own).
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <microhttpd.h>

#include <jeton.h>

#ifdef JETON_WITH_HIREDIS
#include <hiredis/hiredis.h>
#endif

#if MHD_VERSION < 0x00097002
typedef int MHD_Result_t;
#else
typedef enum MHD_Result MHD_Result_t;
#endif

#define ISSUER "jeton-c-server"
#define REALM "jeton-c-server"
#define TOKEN_LIFETIME 900     /* JWT and signed cookie, seconds */
#define SESSION_TTL 1800       /* server-side session, sliding, seconds */
#define MAX_BODY 4096
#define DEMO_USER "alice"
#define DEMO_USER_ID 1
#define SID_COOKIE "__Host-sid"
#define USER_COOKIE "__Host-user"
#define USER_PURPOSE "user"        /* what the signed cookie is signed for */
#define CSRF_COOKIE "__Host-csrf"
#define CSRF_HEADER "X-CSRF-Token"
#define CSRF_LIFETIME 7200         /* seconds */
#define MAX_SESSIONS_PER_USER 3
#define LOGIN_BURST 5              /* login attempts at once per client and user, */
#define LOGIN_PERIOD 60            /* and as many more over this many seconds */

#define SESSION_PREFIX "jeton:s:" /* the Rust demo's and jeton-redis's default */
#define REVOKED_PREFIX "jeton:r:"
#define JTI_LEN 22 /* 16 random bytes in base64url, as the Rust demo */
#define RECORD_DATA_LEN (1 + 8 + 8 + JTI_LEN)

/* "Sign in with the provider" (OpenID Connect, authorization code). */
#define OAUTH_STATE_MAX_AGE 600    /* seconds from /login/oauth to /callback */
#define OAUTH_LEEWAY 30            /* seconds of clock skew with the provider */
#define OAUTH_KEYS_REFRESH 60      /* fetch the JWKS again at most this often, seconds */
#define OAUTH_RETRY 10             /* discovery failed: try again at most this often, seconds */
#define OAUTH_HTTP_TIMEOUT_MS 5000 /* each back-channel exchange, whole */
#define OAUTH_DOC_CAP 32768        /* longest metadata, JWKS or token answer read */
#define OAUTH_URL_CAP 512          /* longest endpoint taken from the metadata */
#define OAUTH_URI_CAP 4096         /* longest request target read (the callback's) */
#define OAUTH_MAX_RETURN_LEN 200   /* longest return path (?next=) */
#define OAUTH_DEFAULT_RETURN "/protected"
/* The provider's user linked to the local account alice: its `sub` at the
 * configured issuer. (A real server keeps such links per account, made
 * when a signed-in user connects a provider.) */
#define OAUTH_LINKED_SUB "alice"
#define CALLBACK_BURST 10  /* callbacks at once per client address, */
#define CALLBACK_PERIOD 60 /* and as many more over this many seconds */

/* The server's state: jeton objects in static storage. */
static jeton_session_store sessions;
static jeton_revocation_list revoked;
static jeton_jwt_key_set jwt_keys;
static jeton_key_ring cookie_keys;
static jeton_rate_limiter login_limiter;
static jeton_hmac_key password_key;
static uint8_t password_tag[JETON_HMAC_MAX_TAG_LEN];
static size_t password_tag_len;
static int urandom = -1;
static unsigned listen_port;   /* the port this server answers on */
static const char *clock_file; /* --clock FILE: the time, for tests */
static unsigned login_burst = LOGIN_BURST; /* --login-burst N, for tests */

/* The OAuth client: configured by options or the environment (main),
 * discovered from the provider (oauth_discover). The route is absent
 * while `enabled` is 0. */
static struct {
    int enabled;
    const char *issuer, *client_id, *client_secret, *alg_name;
    jeton_jwt_algorithm alg; /* the client's id_token_signed_response_alg */
    int discovered;
    int64_t tried_at; /* the last discovery that failed */
    char authorization_endpoint[OAUTH_URL_CAP], token_endpoint[OAUTH_URL_CAP], jwks_uri[OAUTH_URL_CAP];
    int iss_required;
    int64_t keys_fetched_at;
} oauth;
static jeton_jwks provider_keys;             /* the provider's JWKS */
static jeton_hmac_key state_key;             /* fills state_ring at setup, then wiped */
static jeton_key_ring state_ring;            /* signs and verifies the states */
static jeton_revocation_list used_states;    /* states used once, until they expire */
static jeton_rate_limiter callback_limiter;  /* callbacks per client address */
static uint8_t doc_buf[OAUTH_DOC_CAP];       /* metadata and JWKS as fetched */
static uint8_t meta_buf[OAUTH_DOC_CAP];      /* the metadata's unescaped text */
static uint8_t token_answer[OAUTH_DOC_CAP];  /* the token endpoint's answer, */
static uint8_t token_text[OAUTH_DOC_CAP];    /* its unescaped strings, */
static uint8_t id_token_buf[OAUTH_DOC_CAP];  /* the decoded ID token: wiped after each callback */

/* ------------------------------------------------------------------ */
/* Entropy and small helpers. */

/* jeton has no RNG: this callback feeds it /dev/urandom. */
static jeton_status urandom_fill(void *ctx, uint8_t *buf, size_t len) {
    (void)ctx;
    while (len > 0) {
        ssize_t n = read(urandom, buf, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return JETON_ERR_ENTROPY_UNAVAILABLE;
        buf += n;
        len -= (size_t)n;
    }
    return JETON_OK;
}

static jeton_bytes bytes_of(const char *s, size_t len) {
    jeton_bytes b;
    b.ptr = (const uint8_t *)s;
    b.len = len;
    return b;
}

static jeton_bytes text(const char *s) { return bytes_of(s, strlen(s)); }

/* Unix seconds: the system's, or those in the --clock file. */
static int64_t now(void) {
    if (clock_file != NULL) {
        char text[32] = {0};
        FILE *f = fopen(clock_file, "r");
        size_t n = f != NULL ? fread(text, 1, sizeof text - 1, f) : 0;
        if (f != NULL) fclose(f);
        if (n > 0) return (int64_t)strtoll(text, NULL, 10);
    }
    return (int64_t)time(NULL);
}

static void fail(const char *what, jeton_status s) {
    fprintf(stderr, "server: %s: %s (%d)\n", what, jeton_status_str(s), (int)s);
}

/* ------------------------------------------------------------------ */
/* Sessions and revocations in Redis (--redis), through hiredis. jeton
 * does no I/O: it names the keys, writes and reads the records and
 * decides; the commands are those of docs/shared-state.md. */

static int shared = 0; /* 1 with --redis */

#ifdef JETON_WITH_HIREDIS
static redisContext *redis_ctx;
static char redis_host[256];
static int redis_port;

static void redis_drop(void) {
    if (redis_ctx != NULL) redisFree(redis_ctx);
    redis_ctx = NULL;
}

/* A command's reply, or NULL when Redis cannot answer (not reachable,
 * past 500 ms, an error reply): the connection is dropped then, and the
 * next command opens a new one. */
static redisReply *redis_cmd(const char *format, ...) {
    struct timeval timeout = {0, 500000};
    redisReply *reply;
    va_list args;
    if (redis_ctx == NULL) {
        redis_ctx = redisConnectWithTimeout(redis_host, redis_port, timeout);
        if (redis_ctx == NULL || redis_ctx->err || redisSetTimeout(redis_ctx, timeout) != REDIS_OK) {
            redis_drop();
            return NULL;
        }
    }
    va_start(args, format);
    reply = redisvCommand(redis_ctx, format, args);
    va_end(args);
    if (reply == NULL || reply->type == REDIS_REPLY_ERROR) {
        if (reply != NULL) freeReplyObject(reply);
        redis_drop();
        return NULL;
    }
    return reply;
}

/* The key of `id` (a session ID or a jti) under `prefix`. */
static jeton_status shared_key(const char *prefix, const uint8_t *id, size_t id_len, char *key, size_t cap,
                               size_t *len) {
    return jeton_shared_key((const uint8_t *)prefix, strlen(prefix), id, id_len, (uint8_t *)key, cap, len);
}

/* GET key into buf: JETON_OK with *len, JETON_ERR_SESSION_NOT_FOUND for
 * no such key, JETON_ERR_STORE_UNAVAILABLE, JETON_ERR_STORE_RECORD_INVALID
 * for a value that cannot be a record (too long, not a string). */
static jeton_status redis_get(const char *key, size_t key_len, uint8_t *buf, size_t cap, size_t *len) {
    redisReply *r = redis_cmd("GET %b", key, key_len);
    jeton_status s = JETON_OK;
    if (r == NULL) return JETON_ERR_STORE_UNAVAILABLE;
    if (r->type == REDIS_REPLY_NIL)
        s = JETON_ERR_SESSION_NOT_FOUND;
    else if (r->type != REDIS_REPLY_STRING || r->len > cap)
        s = JETON_ERR_STORE_RECORD_INVALID;
    else {
        memcpy(buf, r->str, r->len);
        *len = r->len;
    }
    freeReplyObject(r);
    return s;
}

/* SET key value [NX|XX] EXAT at: JETON_OK when set, `not_set` when the
 * condition failed. */
static jeton_status redis_set(const char *key, size_t key_len, const uint8_t *value, size_t value_len,
                              const char *condition, int64_t expiry, jeton_status not_set) {
    int64_t at;
    redisReply *r;
    jeton_status s;
    (void)jeton_shared_entry_expiry(expiry, &at);
    r = redis_cmd("SET %b %b %s EXAT %lld", key, key_len, value, value_len, condition, (long long)at);
    if (r == NULL) return JETON_ERR_STORE_UNAVAILABLE;
    s = r->type == REDIS_REPLY_STATUS ? JETON_OK : r->type == REDIS_REPLY_NIL ? not_set : JETON_ERR_STORE_UNAVAILABLE;
    freeReplyObject(r);
    return s;
}

/* A new session `id` for alice holding `data`: SET NX EXAT. */
static jeton_status shared_create(const uint8_t *id, size_t id_len, const uint8_t *data, size_t data_len, int64_t t) {
    char key[128];
    uint8_t bytes[JETON_SESSION_RECORD_OVERHEAD + 64 + RECORD_DATA_LEN];
    size_t key_len, n;
    jeton_session_record record;
    jeton_status s = shared_key(SESSION_PREFIX, id, id_len, key, sizeof key, &key_len);
    if (s == JETON_OK)
        s = jeton_session_record_open((const uint8_t *)DEMO_USER, strlen(DEMO_USER), data, data_len, t, SESSION_TTL,
                                      12 * 3600, &record);
    if (s == JETON_OK) s = jeton_session_record_encode(&record, bytes, sizeof bytes, &n);
    if (s == JETON_OK) s = redis_set(key, key_len, bytes, n, "NX", record.expires, JETON_ERR_SESSION_EXISTS);
    return s;
}

/* The live session `id`, touched (SET XX EXAT at the capped expiry): its
 * record in *record, pointing into buf. */
static jeton_status shared_touch(const uint8_t *id, size_t id_len, int64_t t, uint8_t *buf, size_t cap,
                                 jeton_session_record *record) {
    char key[128];
    uint8_t bytes[JETON_SESSION_RECORD_OVERHEAD + 255 + 512];
    size_t key_len, len, n;
    jeton_status s = shared_key(SESSION_PREFIX, id, id_len, key, sizeof key, &key_len);
    if (s == JETON_OK) s = redis_get(key, key_len, buf, cap, &len);
    if (s == JETON_OK) s = jeton_session_record_decode(buf, len, record);
    if (s == JETON_OK) s = jeton_session_record_touch(record, t, SESSION_TTL);
    if (s == JETON_OK) s = jeton_session_record_encode(record, bytes, sizeof bytes, &n);
    /* XX: a session revoked since the GET stays gone. */
    if (s == JETON_OK) s = redis_set(key, key_len, bytes, n, "XX", record->expires, JETON_ERR_SESSION_NOT_FOUND);
    return s;
}

/* Ends session `id` (DEL); its record first, for the token it carries. */
static jeton_status shared_end(const uint8_t *id, size_t id_len, uint8_t *buf, size_t cap,
                               jeton_session_record *record) {
    char key[128];
    size_t key_len, len;
    redisReply *r;
    jeton_status s = shared_key(SESSION_PREFIX, id, id_len, key, sizeof key, &key_len);
    if (s == JETON_OK) s = redis_get(key, key_len, buf, cap, &len);
    if (s == JETON_OK) s = jeton_session_record_decode(buf, len, record);
    if (s != JETON_OK) return s;
    r = redis_cmd("DEL %b", key, key_len);
    if (r == NULL) return JETON_ERR_STORE_UNAVAILABLE;
    s = r->type == REDIS_REPLY_INTEGER && r->integer == 1 ? JETON_OK : JETON_ERR_SESSION_NOT_FOUND;
    freeReplyObject(r);
    return s;
}

/* Revokes `jti` until `exp` (SET NX EXAT; when revoked already, the
 * later exp is kept: WATCH, GET, MULTI, SET, EXEC). */
static jeton_status shared_revoke(const uint8_t *jti, size_t jti_len, int64_t exp, int64_t t) {
    char key[128];
    uint8_t bytes[JETON_REVOCATION_RECORD_LEN], held[64];
    size_t key_len, n, len;
    int64_t at, held_exp;
    bool needed, revoked;
    int attempt;
    jeton_status s = jeton_revocation_record_expiry(exp, 0, t, &at, &needed);
    if (s != JETON_OK || !needed) return s;
    s = shared_key(REVOKED_PREFIX, jti, jti_len, key, sizeof key, &key_len);
    if (s == JETON_OK) s = jeton_revocation_record_encode(exp, bytes, sizeof bytes, &n);
    if (s == JETON_OK) s = redis_set(key, key_len, bytes, n, "NX", at, JETON_ERR_SESSION_EXISTS);
    for (attempt = 0; s == JETON_ERR_SESSION_EXISTS && attempt < 16; attempt++) {
        redisReply *r = redis_cmd("WATCH %b", key, key_len);
        if (r == NULL) return JETON_ERR_STORE_UNAVAILABLE;
        freeReplyObject(r);
        s = redis_get(key, key_len, held, sizeof held, &len);
        if (s == JETON_OK) s = jeton_revocation_record_decode(held, len, t, &held_exp, &revoked);
        if (s == JETON_OK && held_exp >= exp) s = JETON_OK; /* the later exp is held already */
        else if (s == JETON_OK || s == JETON_ERR_SESSION_NOT_FOUND) {
            redisReply *q;
            if ((r = redis_cmd("MULTI")) == NULL) return JETON_ERR_STORE_UNAVAILABLE;
            freeReplyObject(r);
            if ((r = redis_cmd("SET %b %b EXAT %lld", key, key_len, bytes, n, (long long)at)) == NULL)
                return JETON_ERR_STORE_UNAVAILABLE;
            freeReplyObject(r);
            if ((q = redis_cmd("EXEC")) == NULL) return JETON_ERR_STORE_UNAVAILABLE;
            s = q->type == REDIS_REPLY_NIL ? JETON_ERR_SESSION_EXISTS : JETON_OK; /* nil: changed, again */
            freeReplyObject(q);
            continue;
        }
        r = redis_cmd("UNWATCH");
        if (r == NULL) return JETON_ERR_STORE_UNAVAILABLE;
        freeReplyObject(r);
    }
    return s == JETON_ERR_SESSION_EXISTS ? JETON_ERR_STORE_CONFLICT : s;
}

/* Whether `jti` is revoked at `t` (GET; no key: not revoked). */
static jeton_status shared_is_revoked(const uint8_t *jti, size_t jti_len, int64_t t, bool *revoked) {
    char key[128];
    uint8_t held[64];
    size_t key_len, len;
    int64_t exp;
    jeton_status s = shared_key(REVOKED_PREFIX, jti, jti_len, key, sizeof key, &key_len);
    if (s == JETON_OK) s = redis_get(key, key_len, held, sizeof held, &len);
    if (s == JETON_ERR_SESSION_NOT_FOUND) {
        *revoked = false;
        return JETON_OK;
    }
    if (s == JETON_OK) s = jeton_revocation_record_decode(held, len, t, &exp, revoked);
    return s;
}
#else
/* Built without hiredis: --redis is refused at start, and these are never
 * reached. */
static jeton_status shared_create(const uint8_t *id, size_t id_len, const uint8_t *data, size_t data_len, int64_t t) {
    (void)id, (void)id_len, (void)data, (void)data_len, (void)t;
    return JETON_ERR_STORE_UNAVAILABLE;
}
static jeton_status shared_touch(const uint8_t *id, size_t id_len, int64_t t, uint8_t *buf, size_t cap,
                                 jeton_session_record *record) {
    (void)id, (void)id_len, (void)t, (void)buf, (void)cap, (void)record;
    return JETON_ERR_STORE_UNAVAILABLE;
}
static jeton_status shared_end(const uint8_t *id, size_t id_len, uint8_t *buf, size_t cap,
                               jeton_session_record *record) {
    (void)id, (void)id_len, (void)buf, (void)cap, (void)record;
    return JETON_ERR_STORE_UNAVAILABLE;
}
static jeton_status shared_revoke(const uint8_t *jti, size_t jti_len, int64_t exp, int64_t t) {
    (void)jti, (void)jti_len, (void)exp, (void)t;
    return JETON_ERR_STORE_UNAVAILABLE;
}
static jeton_status shared_is_revoked(const uint8_t *jti, size_t jti_len, int64_t t, bool *revoked) {
    (void)jti, (void)jti_len, (void)t;
    *revoked = true;
    return JETON_ERR_STORE_UNAVAILABLE;
}
#endif

/* The token's facts a shared session record's data carries (the Rust
 * demo's layout): how the user logged in (0 the form, 1 Basic), the
 * token's iat and exp (big-endian), its jti. */
static void put_i64(uint8_t *at, int64_t v) {
    int i;
    for (i = 7; i >= 0; i--, v = (int64_t)((uint64_t)v >> 8)) at[i] = (uint8_t)(v & 0xFF);
}

static int64_t get_i64(const uint8_t *at) {
    uint64_t v = 0;
    int i;
    for (i = 0; i < 8; i++) v = (v << 8) | at[i];
    return (int64_t)v;
}

/* ------------------------------------------------------------------ */
/* Responses. */

#define MAX_HEADERS 6
#define HEADER_CAP 1536 /* a Location to the provider carries the state */

struct reply {
    unsigned status;
    char body[2048];
    size_t body_len;
    const char *names[MAX_HEADERS];
    char values[MAX_HEADERS][HEADER_CAP];
    size_t value_lens[MAX_HEADERS];
    int count;
};

static void reply_init(struct reply *r, unsigned status) {
    memset(r, 0, sizeof *r);
    r->status = status;
}

static void say(struct reply *r, const char *fmt, ...) {
    va_list args;
    int n;
    va_start(args, fmt);
    n = vsnprintf(r->body + r->body_len, sizeof r->body - r->body_len, fmt, args);
    va_end(args);
    if (n > 0) r->body_len += (size_t)n < sizeof r->body - r->body_len ? (size_t)n : sizeof r->body - 1 - r->body_len;
}

/* A header slot to fill: its buffer, capacity and length out-pointer. */
static char *header_slot(struct reply *r, const char *name, size_t **len) {
    if (r->count == MAX_HEADERS) return NULL;
    r->names[r->count] = name;
    *len = &r->value_lens[r->count];
    return r->values[r->count++];
}

static void drop_last_header(struct reply *r) {
    if (r->count > 0) r->count--;
}

static MHD_Result_t send_reply(struct MHD_Connection *c, const struct reply *r) {
    struct MHD_Response *response;
    MHD_Result_t ret;
    int i;
    response = MHD_create_response_from_buffer(r->body_len, (void *)r->body, MHD_RESPMEM_MUST_COPY);
    if (response == NULL) return MHD_NO;
    for (i = 0; i < r->count; i++) {
        char value[HEADER_CAP + 1];
        memcpy(value, r->values[i], r->value_lens[i]);
        value[r->value_lens[i]] = '\0';
        MHD_add_response_header(response, r->names[i], value);
    }
    MHD_add_response_header(response, "Content-Type", "text/plain; charset=utf-8");
    MHD_add_response_header(response, "Cache-Control", "no-store");
    ret = MHD_queue_response(c, r->status, response);
    MHD_destroy_response(response);
    return ret;
}

/* 401 with a Bearer challenge (RFC 6750); `error` JETON_BEARER_*. */
static void unauthorized(struct reply *r, jeton_bearer_error error, const char *description) {
    jeton_bearer_challenge ch;
    size_t *len;
    char *slot;
    jeton_status s;
    reply_init(r, MHD_HTTP_UNAUTHORIZED);
    memset(&ch, 0, sizeof ch);
    ch.realm = text(REALM);
    ch.error = error;
    if (description != NULL) ch.error_description = text(description);
    slot = header_slot(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, &len);
    s = jeton_auth_bearer_challenge(&ch, (uint8_t *)slot, HEADER_CAP, len);
    if (s == JETON_ERR_AUTH_INVALID_CHARACTER) {
        /* A description RFC 6750 cannot carry: leave it out. */
        ch.error_description.ptr = NULL;
        ch.error_description.len = 0;
        s = jeton_auth_bearer_challenge(&ch, (uint8_t *)slot, HEADER_CAP, len);
    }
    if (s != JETON_OK) drop_last_header(r);
    say(r, "unauthorized%s%s\n", description != NULL ? ": " : "", description != NULL ? description : "");
}

/* Adds a Set-Cookie header for `cookie` (or its removal). */
static jeton_status set_cookie(struct reply *r, const jeton_set_cookie *cookie, int removal) {
    size_t *len;
    char *slot = header_slot(r, MHD_HTTP_HEADER_SET_COOKIE, &len);
    jeton_status s;
    if (slot == NULL) return JETON_ERR_CAPACITY_EXCEEDED;
    s = removal ? jeton_set_cookie_write_removal(cookie, (uint8_t *)slot, HEADER_CAP, len)
                : jeton_set_cookie_write(cookie, (uint8_t *)slot, HEADER_CAP, len);
    if (s != JETON_OK) drop_last_header(r);
    return s;
}

/* The attributes every cookie of this server carries. */
static jeton_set_cookie cookie_of(const char *name, const char *value, size_t value_len) {
    jeton_set_cookie c;
    memset(&c, 0, sizeof c);
    c.name = text(name);
    c.value = bytes_of(value, value_len);
    c.path = text("/");
    c.flags = JETON_COOKIE_SECURE | JETON_COOKIE_HTTP_ONLY;
    c.same_site = JETON_SAME_SITE_LAX;
    return c;
}

/* ------------------------------------------------------------------ */
/* Credentials. */

/* Constant-time check of the demo password: its HMAC under a random key,
 * computed once, is compared with jeton_hmac_key_verify. (A real server
 * keeps a password hash: Argon2, scrypt, bcrypt.) */
static int credentials_ok(const uint8_t *user, size_t user_len, const uint8_t *password, size_t password_len) {
    int user_ok = user_len == strlen(DEMO_USER) && memcmp(user, DEMO_USER, user_len) == 0;
    jeton_status s = jeton_hmac_key_verify(&password_key, password, password_len, password_tag, password_tag_len);
    return user_ok && s == JETON_OK;
}

/* The value of `name` in an application/x-www-form-urlencoded body,
 * decoded ('+' is a space, then percent-decoding) into `out`. */
static int form_value(const char *body, size_t body_len, const char *name, uint8_t *out, size_t cap,
                      size_t *out_len) {
    size_t i = 0, name_len = strlen(name);
    while (i < body_len) {
        size_t end = i, eq;
        char raw[512];
        while (end < body_len && body[end] != '&') end++;
        eq = i;
        while (eq < end && body[eq] != '=') eq++;
        if (eq - i == name_len && memcmp(body + i, name, name_len) == 0 && eq < end && end - eq - 1 < sizeof raw) {
            size_t k, raw_len = end - eq - 1;
            memcpy(raw, body + eq + 1, raw_len);
            for (k = 0; k < raw_len; k++)
                if (raw[k] == '+') raw[k] = ' ';
            return jeton_percent_decode((const uint8_t *)raw, raw_len, out, cap, out_len) == JETON_OK;
        }
        i = end + 1;
    }
    return 0;
}

/* The Authorization header's Bearer JWT verified against the keys, the
 * issuer, the audience and the revocation list. */
static jeton_status verify_bearer(const char *authorization, uint8_t *buf, size_t cap, jeton_jwt_verified *t) {
    static const jeton_bytes issuer = {(const uint8_t *)ISSUER, sizeof ISSUER - 1};
    jeton_jwt_validation v;
    jeton_bytes token;
    size_t used;
    jeton_status s = jeton_auth_bearer_parse((const uint8_t *)authorization, strlen(authorization), &token);
    if (s != JETON_OK) return s;
    memset(&v, 0, sizeof v);
    v.now = now();
    v.issuers = &issuer;
    v.issuer_count = 1;
    v.audiences = &issuer;
    v.audience_count = 1;
    v.required = JETON_JWT_CLAIM_EXP | JETON_JWT_CLAIM_SUB | JETON_JWT_CLAIM_JTI;
    v.revocation = shared ? NULL : &revoked;
    s = jeton_jwt_verify(&jwt_keys, token.ptr, token.len, &v, buf, cap, &used, t);
    if (s == JETON_OK && shared) {
        /* The revocation check, last, in Redis: with the verifier's clock
         * (no leeway here), failing closed. */
        uint8_t jti[256];
        size_t jti_len;
        bool is_revoked = true;
        s = jeton_jwt_verified_claim_str(t, (const uint8_t *)"jti", 3, jti, sizeof jti, &jti_len);
        if (s == JETON_OK) s = shared_is_revoked(jti, jti_len, v.now, &is_revoked);
        if (s == JETON_OK && is_revoked) s = JETON_ERR_JWT_REVOKED;
    }
    return s;
}

/* The value of cookie `name` in the Cookie header, if any. */
static jeton_status cookie_value(const char *cookie_header, const char *name, jeton_bytes *value) {
    jeton_cookie_pair pair;
    jeton_status s = jeton_cookie_header_get((const uint8_t *)cookie_header, strlen(cookie_header),
                                             (const uint8_t *)name, strlen(name), &pair);
    if (s == JETON_OK) *value = pair.value;
    return s;
}

/* The signed cookie `__Host-user`: "<user>.<grant>" (the grant is the
 * login's jti) signed for the purpose "user" with its expiry inside
 * (jeton_signed_value_verify checks both). Decoded into buf; *exp is the
 * expiry the value carries, which a logout revokes the grant until. */
static jeton_status verify_signed_cookie(const char *cookie_header, uint8_t *buf, size_t cap, jeton_bytes *user,
                                         jeton_bytes *grant, int64_t *exp) {
    jeton_bytes value;
    size_t key_index, dot, len;
    bool is_revoked = true;
    int64_t t = now();
    jeton_status s = cookie_value(cookie_header, USER_COOKIE, &value);
    if (s == JETON_OK)
        s = jeton_signed_value_verify(&cookie_keys, (const uint8_t *)USER_PURPOSE, strlen(USER_PURPOSE), value.ptr,
                                      value.len, t, buf, cap, &len, exp, &key_index);
    if (s != JETON_OK) return s;
    for (dot = 0; dot < len && buf[dot] != '.'; dot++) continue;
    if (dot == len) return JETON_ERR_UNKNOWN_SIGNED_FORMAT;
    *user = bytes_of((const char *)buf, dot);
    *grant = bytes_of((const char *)buf + dot + 1, len - dot - 1);
    s = shared ? shared_is_revoked(grant->ptr, grant->len, t, &is_revoked)
               : jeton_revocation_list_contains(&revoked, grant->ptr, grant->len, t, &is_revoked);
    if (s != JETON_OK) return s;
    return is_revoked ? JETON_ERR_JWT_REVOKED : JETON_OK;
}

/* The session cookie `__Host-sid`: its value, checked for shape. */
static jeton_status session_cookie(const char *cookie_header, jeton_bytes *id) {
    jeton_bytes value;
    jeton_status s = cookie_value(cookie_header, SID_COOKIE, &value);
    if (s == JETON_OK) s = jeton_session_id_validate(value.ptr, value.len);
    if (s == JETON_OK) *id = value;
    return s;
}

/* ------------------------------------------------------------------ */
/* Cross-site requests. */

/* What a CSRF token of this request is bound to: the session cookie's
 * value as sent (whatever it holds), or nothing before login. */
static jeton_bytes csrf_binding(const char *cookies) {
    jeton_bytes sid = {(const uint8_t *)"", 0};
    if (cookies != NULL && cookie_value(cookies, SID_COOKIE, &sid) != JETON_OK) sid = bytes_of("", 0);
    return sid;
}

/* Whether `origin` is this server's: http://127.0.0.1:PORT or
 * http://localhost:PORT (not the Host header: a rebound DNS name would
 * name itself there). */
static int our_origin(const char *origin) {
    char a[64], b[64];
    snprintf(a, sizeof a, "http://127.0.0.1:%u", listen_port);
    snprintf(b, sizeof b, "http://localhost:%u", listen_port);
    return strcmp(origin, a) == 0 || strcmp(origin, b) == 0;
}

/* 1 when the request may change state; else *r holds the 403 to send.
 * Browsers say where a request comes from (Sec-Fetch-Site, else Origin);
 * a client that says neither brings the CSRF token twice, in its cookie
 * and in the X-CSRF-Token header or the `csrf` form field. */
static int same_origin(struct MHD_Connection *c, const char *body, size_t body_len, struct reply *r) {
    const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    const char *cookies = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    const char *authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, CSRF_HEADER);
    jeton_bytes cookie = {(const uint8_t *)"", 0}, binding = csrf_binding(cookies), token;
    uint8_t field[256];
    size_t field_len = 0, key_index;
    jeton_status s;
    if (site != NULL) {
        /* "none": the user's own navigation (typed, a bookmark). */
        if (strcmp(site, "same-origin") == 0 || strcmp(site, "none") == 0) return 1;
        reply_init(r, MHD_HTTP_FORBIDDEN);
        say(r, "refused: a cross-site request (Sec-Fetch-Site: %.40s)\n", site);
        return 0;
    }
    if (origin != NULL) {
        if (our_origin(origin)) return 1;
        reply_init(r, MHD_HTTP_FORBIDDEN);
        say(r, "refused: a request from another origin (Origin: %.80s)\n", origin);
        return 0;
    }
    /* A Bearer token alone: nothing a browser adds on its own. */
    if (cookies == NULL && authorization != NULL && jeton_auth_bearer_parse((const uint8_t *)authorization,
                                                                            strlen(authorization), &token) == JETON_OK)
        return 1;
    if (cookies != NULL) (void)cookie_value(cookies, CSRF_COOKIE, &cookie);
    if (header != NULL)
        token = text(header);
    else if (form_value(body, body_len, "csrf", field, sizeof field, &field_len))
        token = bytes_of((const char *)field, field_len);
    else
        token = bytes_of("", 0);
    s = jeton_csrf_verify(&cookie_keys, binding.ptr, binding.len, cookie.ptr, cookie.len, token.ptr, token.len, now(),
                          &key_index);
    if (s == JETON_OK) return 1;
    reply_init(r, MHD_HTTP_FORBIDDEN);
    say(r, "refused: neither Origin nor Sec-Fetch-Site, and no valid CSRF token (%s): GET /login gives one\n",
        jeton_status_str(s));
    return 0;
}

/* Adds the CSRF cookie for a token bound to `binding`, and says the
 * token in the body as `"csrf_token":"..."` (prefix and suffix around). */
static jeton_status give_csrf_token(struct reply *r, jeton_bytes binding, const char *prefix, const char *suffix) {
    char token[128];
    size_t n;
    jeton_set_cookie cookie;
    jeton_status s = jeton_csrf_token(&cookie_keys, binding.ptr, binding.len, now() + CSRF_LIFETIME,
                                      (uint8_t *)token, sizeof token, &n);
    if (s == JETON_OK) {
        cookie = cookie_of(CSRF_COOKIE, token, n);
        s = set_cookie(r, &cookie, 0);
    }
    if (s == JETON_OK) say(r, "%s\"csrf_token\":\"%.*s\"%s", prefix, (int)n, token, suffix);
    return s;
}

/* The key login attempts are counted under: the client's address, a 0
 * byte, the user name. */
static size_t attempt_key(struct MHD_Connection *c, const uint8_t *user, size_t user_len, uint8_t *key, size_t cap) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char address[INET6_ADDRSTRLEN] = "?";
    size_t n;
    if (info != NULL && info->client_addr != NULL) {
        const struct sockaddr *sa = info->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, address, sizeof address);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, address,
                      sizeof address);
    }
    n = strlen(address) + 1;
    if (user_len > cap - n) user_len = cap - n;
    memcpy(key, address, n); /* with its NUL: the separator */
    memcpy(key + n, user, user_len);
    return n + user_len;
}

/* ------------------------------------------------------------------ */
/* Routes. */

/* GET /login: a CSRF token for a client that sends neither Origin nor
 * Sec-Fetch-Site, bound to the session cookie it carries (if any). */
static void csrf_page(struct MHD_Connection *c, struct reply *r) {
    const char *cookies = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    jeton_status s;
    reply_init(r, MHD_HTTP_OK);
    s = give_csrf_token(r, csrf_binding(cookies), "{", "}\n");
    if (s != JETON_OK) {
        fail("csrf token", s);
        reply_init(r, MHD_HTTP_INTERNAL_SERVER_ERROR);
        say(r, "cannot make a CSRF token: %s\n", jeton_status_str(s));
    }
}

/* 429 with Retry-After. */
static void too_many(struct reply *r, uint64_t retry_after) {
    size_t *len;
    char *slot;
    reply_init(r, 429);
    slot = header_slot(r, "Retry-After", &len);
    if (slot != NULL) *len = (size_t)snprintf(slot, HEADER_CAP, "%llu", (unsigned long long)retry_after);
    say(r, "too many login attempts: try again in %llu s\n", (unsigned long long)retry_after);
}

/* Whether a new login may issue a token: in-process, every live token
 * must find room on the revocation list should its holder log out. A
 * token lives in its session (which outlives it) until a logout or an
 * eviction moves it to the list, so sessions and entries together are
 * what the list may have to hold. */
static int room_for_a_token(int64_t t) {
    size_t held = 0, entries = 0, n;
    if (shared) return 1; /* Redis has no fixed capacity */
    (void)jeton_session_store_purge(&sessions, t, &n);
    (void)jeton_revocation_list_purge(&revoked, t, &n);
    if (jeton_session_store_len(&sessions, &held) != JETON_OK ||
        jeton_revocation_list_len(&revoked, &entries) != JETON_OK)
        return 0;
    return held + entries < JETON_REVOCATION_LIST_CAPACITY;
}

/* How a user logged in: the first byte of a shared session record's data
 * (the Rust demo's layout: 0 the form, 1 Basic; 2, OAuth, is this
 * server's). */
enum login_via { VIA_FORM = 0, VIA_BASIC = 1, VIA_OAUTH = 2 };

/* Opens a login for alice, however she proved who she is (the password
 * or the provider): a new session (capped per user), __Host-sid, the
 * signed __Host-user, and the JWT and a CSRF token bound to the session
 * in the body. On failure *r holds the answer that says why. */
static int open_login(struct reply *r, enum login_via via, int64_t t) {
    size_t n, evicted_count = 0, i;
    char sid[JETON_SESSION_ID_LEN], jti[JETON_SESSION_ID_LEN], value[256], token[1024];
    uint8_t random[16], data[RECORD_DATA_LEN];
    jeton_session_user record;
    jeton_session session, evicted[MAX_SESSIONS_PER_USER];
    jeton_set_cookie cookie;
    jeton_jwt_claims claims;
    jeton_jwt_header header;
    jeton_jwt_claim name;
    jeton_status s;
    int64_t exp = t + TOKEN_LIFETIME;
    size_t sid_len, jti_len;

    if (!room_for_a_token(t)) {
        size_t *len;
        char *slot;
        reply_init(r, MHD_HTTP_SERVICE_UNAVAILABLE);
        slot = header_slot(r, "Retry-After", &len);
        if (slot != NULL) *len = (size_t)snprintf(slot, HEADER_CAP, "60");
        say(r, "cannot log in now: the server could not revoke another token at logout; try again later\n");
        return 0;
    }

    /* The login's grant: the JWT's jti (128 bits), also carried by the
     * signed cookie, so that logout revokes both with one entry. */
    s = urandom_fill(NULL, random, sizeof random);
    if (s == JETON_OK) s = jeton_session_id_from_bytes(random, sizeof random, (uint8_t *)jti, sizeof jti, &jti_len);
    /* A new server-side session: a fresh ID from 256 bits of entropy. */
    if (s == JETON_OK) s = jeton_session_id_generate(urandom_fill, NULL, (uint8_t *)sid, sizeof sid, &sid_len);
    if (s == JETON_OK && shared) {
        /* In Redis: the record's data is the token's facts (below). */
        data[0] = (uint8_t)via;
        put_i64(data + 1, t);
        put_i64(data + 9, exp);
        memcpy(data + 17, jti, JTI_LEN);
        s = shared_create((const uint8_t *)sid, sid_len, data, sizeof data, t);
    } else if (s == JETON_OK) {
        /* In process: the record holds the grant, so that an eviction can
         * revoke it. */
        memset(&record, 0, sizeof record);
        record.id = DEMO_USER_ID;
        memcpy(record.data, jti, JTI_LEN);
        s = jeton_session_store_create_capped(&sessions, (const uint8_t *)sid, sid_len, &record, t,
                                              MAX_SESSIONS_PER_USER, &session, evicted, MAX_SESSIONS_PER_USER,
                                              &evicted_count);
        /* The sessions the cap ended take their tokens with them (each
         * token lived as long as TOKEN_LIFETIME after its login). */
        for (i = 0; s == JETON_OK && i < evicted_count; i++) {
            jeton_status e = jeton_revocation_list_revoke(&revoked, evicted[i].user.data, JTI_LEN,
                                                          evicted[i].created + TOKEN_LIFETIME, t);
            if (e != JETON_OK) fail("revoke an evicted session's token", e);
        }
    }
    if (s != JETON_OK) {
        fail("login", s);
        reply_init(r, s == JETON_ERR_SESSION_STORE_FULL || s == JETON_ERR_STORE_UNAVAILABLE
                          ? MHD_HTTP_SERVICE_UNAVAILABLE
                          : MHD_HTTP_INTERNAL_SERVER_ERROR);
        say(r, "cannot log in now: %s\n", jeton_status_str(s));
        return 0;
    }

    reply_init(r, MHD_HTTP_OK);
    /* Set-Cookie: __Host-sid=...; Path=/; Secure; HttpOnly; SameSite=Lax */
    cookie = cookie_of(SID_COOKIE, sid, sid_len);
    s = set_cookie(r, &cookie, 0);
    /* Set-Cookie: __Host-user=v1.<exp>.<alice.grant>.<signature>: the
     * expiry is inside the signed value; Max-Age only tells the browser. */
    if (s == JETON_OK) {
        n = (size_t)snprintf(value, sizeof value, "%s.%.*s", DEMO_USER, (int)jti_len, jti);
        s = jeton_signed_value_sign(&cookie_keys, (const uint8_t *)USER_PURPOSE, strlen(USER_PURPOSE),
                                    (const uint8_t *)value, n, exp, (uint8_t *)token, sizeof token, &n);
    }
    if (s == JETON_OK) {
        cookie = cookie_of(USER_COOKIE, token, n);
        cookie.max_age = TOKEN_LIFETIME;
        cookie.flags |= JETON_COOKIE_HAS_MAX_AGE;
        s = set_cookie(r, &cookie, 0);
    }
    /* The JWT: iss, sub, aud, exp, iat, jti and a custom claim. */
    if (s == JETON_OK) {
        memset(&claims, 0, sizeof claims);
        memset(&header, 0, sizeof header);
        memset(&name, 0, sizeof name);
        claims.iss = text(ISSUER);
        claims.sub = text(DEMO_USER);
        claims.aud = text(ISSUER);
        claims.exp = exp;
        claims.iat = t;
        claims.flags = JETON_JWT_HAS_EXP | JETON_JWT_HAS_IAT;
        claims.jti = bytes_of(jti, jti_len);
        name.name = text("uid");
        name.kind = JETON_JWT_VALUE_INT;
        name.integer = DEMO_USER_ID;
        claims.custom = &name;
        claims.custom_count = 1;
        s = jeton_jwt_encode(&jwt_keys, 0, &header, &claims, (uint8_t *)token, sizeof token, &n);
    }
    if (s == JETON_OK)
        say(r, "{\"access_token\":\"%.*s\",\"token_type\":\"Bearer\",\"expires_in\":%d,", (int)n, token,
            TOKEN_LIFETIME);
    /* A CSRF token bound to the new session, for the logout. */
    if (s == JETON_OK) s = give_csrf_token(r, bytes_of(sid, sid_len), "", "}\n");
    if (s != JETON_OK) {
        fail("login response", s);
        if (!shared) (void)jeton_session_store_revoke(&sessions, (const uint8_t *)sid, sid_len);
        reply_init(r, MHD_HTTP_INTERNAL_SERVER_ERROR);
        say(r, "cannot log in now: %s\n", jeton_status_str(s));
        return 0;
    }
    return 1;
}

static void login(struct MHD_Connection *c, const char *body, size_t body_len, struct reply *r) {
    const char *authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    uint8_t decoded[512], user[256], password[256], key[512];
    const uint8_t *u = user, *p = password;
    size_t user_len = 0, password_len = 0, used, key_len;
    jeton_basic_credentials basic;
    jeton_status s;
    uint32_t remaining;
    uint64_t retry_after = 0;
    int64_t t = now();
    enum login_via via = VIA_FORM;

    if (!same_origin(c, body, body_len, r)) return;
    /* The credentials: Authorization: Basic, or the form. */
    if (authorization != NULL &&
        jeton_auth_basic_parse((const uint8_t *)authorization, strlen(authorization), decoded, sizeof decoded, &used,
                               &basic) == JETON_OK) {
        u = basic.user.ptr;
        user_len = basic.user.len;
        p = basic.password.ptr;
        password_len = basic.password.len;
        via = VIA_BASIC;
    } else if (!form_value(body, body_len, "user", user, sizeof user, &user_len) ||
               !form_value(body, body_len, "password", password, sizeof password, &password_len)) {
        user_len = password_len = 0;
    }
    /* Every attempt counts, per client address and user name. */
    key_len = attempt_key(c, u, user_len, key, sizeof key);
    s = jeton_rate_limiter_check(&login_limiter, key, key_len, t, &remaining, &retry_after);
    if (s != JETON_OK) {
        memset(decoded, 0, sizeof decoded);
        memset(password, 0, sizeof password);
        too_many(r, s == JETON_ERR_RATE_LIMITED ? retry_after : 60);
        return;
    }
    if (!credentials_ok(u, user_len, p, password_len)) {
        size_t *len;
        char *slot;
        reply_init(r, MHD_HTTP_UNAUTHORIZED);
        slot = header_slot(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, &len);
        if (jeton_auth_basic_challenge((const uint8_t *)REALM, sizeof REALM - 1, true, (uint8_t *)slot, HEADER_CAP,
                                       len) != JETON_OK)
            drop_last_header(r);
        memset(decoded, 0, sizeof decoded);
        memset(password, 0, sizeof password);
        say(r, "wrong user or password\n");
        return;
    }
    memset(decoded, 0, sizeof decoded);
    memset(password, 0, sizeof password);
    (void)open_login(r, via, t);
}

static void protected_page(struct MHD_Connection *c, struct reply *r) {
    const char *authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *cookies = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    uint8_t buf[1024], sub[64];
    size_t n;
    jeton_jwt_verified t;
    jeton_status s;
    jeton_bytes id, user, grant;
    jeton_session session;
    jeton_session_record shared_record;
    uint8_t record_buf[1024];
    int64_t exp;

    /* Explicit credentials are judged alone: a bad token is refused even
     * if the request also carries good cookies. */
    if (authorization != NULL) {
        s = verify_bearer(authorization, buf, sizeof buf, &t);
        if (s == JETON_OK) s = jeton_jwt_verified_claim_str(&t, (const uint8_t *)"sub", 3, sub, sizeof sub, &n);
        if (s == JETON_OK) {
            reply_init(r, MHD_HTTP_OK);
            say(r, "admitted by: bearer JWT (sub %.*s, expires %lld)\n", (int)n, (const char *)sub,
                (long long)t.exp);
            return;
        }
        if (s == JETON_ERR_STORE_UNAVAILABLE || s == JETON_ERR_STORE_RECORD_INVALID) {
            reply_init(r, MHD_HTTP_SERVICE_UNAVAILABLE);
            say(r, "refused: the revocation store cannot answer (%s)\n", jeton_status_str(s));
        } else if (s == JETON_ERR_AUTH_SCHEME_MISMATCH || s == JETON_ERR_AUTH_MALFORMED)
            unauthorized(r, JETON_BEARER_INVALID_REQUEST, jeton_status_str(s));
        else
            unauthorized(r, JETON_BEARER_INVALID_TOKEN, jeton_status_str(s));
        return;
    }
    if (cookies != NULL && shared && session_cookie(cookies, &id) == JETON_OK) {
        /* In Redis: fail closed when it cannot answer. */
        s = shared_touch(id.ptr, id.len, now(), record_buf, sizeof record_buf, &shared_record);
        if (s == JETON_OK) {
            reply_init(r, MHD_HTTP_OK);
            say(r, "admitted by: session cookie (user %.*s, shared, expires %lld)\n", (int)shared_record.user.len,
                (const char *)shared_record.user.ptr, (long long)shared_record.expires);
            return;
        }
        if (s == JETON_ERR_STORE_UNAVAILABLE || s == JETON_ERR_STORE_RECORD_INVALID) {
            reply_init(r, MHD_HTTP_SERVICE_UNAVAILABLE);
            say(r, "refused: the session store cannot answer (%s)\n", jeton_status_str(s));
            return;
        }
    }
    if (cookies != NULL) {
        /* The server-side session first: it slides on every use. */
        if (!shared && session_cookie(cookies, &id) == JETON_OK &&
            jeton_session_store_touch(&sessions, id.ptr, id.len, now(), &session) == JETON_OK) {
            reply_init(r, MHD_HTTP_OK);
            say(r, "admitted by: session cookie (user %llu, %s, expires %lld)\n", (unsigned long long)session.user.id,
                session.user.id == DEMO_USER_ID ? DEMO_USER : "?", (long long)session.expires);
            return;
        }
        s = verify_signed_cookie(cookies, buf, sizeof buf, &user, &grant, &exp);
        if (s == JETON_OK) {
            reply_init(r, MHD_HTTP_OK);
            say(r, "admitted by: signed cookie (user %.*s, expires %lld)\n", (int)user.len, (const char *)user.ptr,
                (long long)exp);
            return;
        }
        if (s == JETON_ERR_STORE_UNAVAILABLE || s == JETON_ERR_STORE_RECORD_INVALID) {
            reply_init(r, MHD_HTTP_SERVICE_UNAVAILABLE);
            say(r, "refused: the revocation store cannot answer (%s)\n", jeton_status_str(s));
            return;
        }
    }
    unauthorized(r, JETON_BEARER_NO_ERROR, NULL);
}

static void logout(struct MHD_Connection *c, const char *body, size_t body_len, struct reply *r) {
    const char *authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *cookies = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    static const char *const names[] = {SID_COOKIE, USER_COOKIE, CSRF_COOKIE};
    uint8_t buf[1024], signed_buf[256];
    jeton_jwt_verified t;
    jeton_bytes id, user, grant;
    jeton_set_cookie cookie;
    jeton_status s;
    size_t i;
    int64_t when = now(), signed_exp = 0;
    jeton_session_record shared_record;
    uint8_t record_buf[1024];
    int has_session, has_jwt, has_signed, failed;
    jeton_status jwt_s, signed_s;

    if (!same_origin(c, body, body_len, r)) return;
    /* Every credential presented is checked first (the JWT and the signed
     * cookie share the login's grant: revoking one would fail the other's
     * check), then everything valid is revoked at once. */
    has_session = cookies != NULL && session_cookie(cookies, &id) == JETON_OK;
    jwt_s = authorization != NULL ? verify_bearer(authorization, buf, sizeof buf, &t) : JETON_ERR_INVALID_ARGUMENT;
    signed_s = cookies != NULL ? verify_signed_cookie(cookies, signed_buf, sizeof signed_buf, &user, &grant, &signed_exp)
                               : JETON_ERR_INVALID_ARGUMENT;
    has_jwt = jwt_s == JETON_OK, has_signed = signed_s == JETON_OK;
    /* A credential that could not be judged (Redis down) was not revoked. */
    failed = jwt_s == JETON_ERR_STORE_UNAVAILABLE || signed_s == JETON_ERR_STORE_UNAVAILABLE;

    reply_init(r, MHD_HTTP_OK);
    say(r, "logged out:");
    /* The server-side session ends first, whatever fails after; in
     * process, then the grant its record holds (as an eviction revokes
     * it), so that a client presenting the session cookie alone leaves
     * no token of that login alive, and every token a session held moves
     * to the list that room_for_a_token counts on. */
    if (has_session && !shared) {
        jeton_session held;
        int live = jeton_session_store_lookup(&sessions, id.ptr, id.len, when, &held) == JETON_OK;
        if (jeton_session_store_revoke(&sessions, id.ptr, id.len) == JETON_OK) say(r, " session");
        if (live) {
            s = jeton_revocation_list_revoke(&revoked, held.user.data, JTI_LEN, held.created + TOKEN_LIFETIME, when);
            if (s != JETON_OK) failed = 1, fail("revoke the session's grant", s);
        }
    }
    if (has_session && shared) {
        /* In Redis, with the token its record names (whoever wrote it). */
        s = shared_end(id.ptr, id.len, record_buf, sizeof record_buf, &shared_record);
        if (s == JETON_OK && shared_record.data.len == RECORD_DATA_LEN)
            s = shared_revoke(shared_record.data.ptr + 17, JTI_LEN, get_i64(shared_record.data.ptr + 9), when);
        if (s == JETON_OK)
            say(r, " session");
        else if (s != JETON_ERR_SESSION_NOT_FOUND)
            failed = 1, fail("end shared session", s);
    }
    /* The JWT's jti goes on the revocation list until the token's exp. */
    if (has_jwt) {
        if (shared) {
            uint8_t jti[256];
            size_t jti_len;
            s = jeton_jwt_verified_claim_str(&t, (const uint8_t *)"jti", 3, jti, sizeof jti, &jti_len);
            if (s == JETON_OK) s = shared_revoke(jti, jti_len, t.exp, when);
        } else
            s = jeton_revocation_list_revoke_token(&revoked, &t, when);
        if (s == JETON_OK)
            say(r, " jwt");
        else
            failed = 1, fail("revoke token", s);
    }
    /* The signed cookie's grant, until the expiry the cookie carries. */
    if (has_signed) {
        s = shared ? shared_revoke(grant.ptr, grant.len, signed_exp, when)
                   : jeton_revocation_list_revoke(&revoked, grant.ptr, grant.len, signed_exp, when);
        if (s == JETON_OK)
            say(r, " signed-cookie");
        else
            failed = 1, fail("revoke signed cookie", s);
    }
    say(r, "\n");
    if (failed) {
        /* Said plainly; the session is over and the cookies are cleared
         * all the same. */
        r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
        say(r, "logout incomplete: a token could not be revoked and stays valid until it expires\n");
    }
    /* The browser drops the cookies. */
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        cookie = cookie_of(names[i], "", 0);
        s = set_cookie(r, &cookie, 1);
        if (s != JETON_OK) fail("removal cookie", s);
    }
}

/* ------------------------------------------------------------------ */
/* "Sign in with the provider": the OpenID Connect authorization code
 * flow. jeton builds every request and judges every answer; libcurl
 * carries the back channel (discovery, JWKS, token endpoint). */

/* The back channel's answer: at most `cap` bytes into `buf`. */
struct sink {
    uint8_t *buf;
    size_t cap, len;
    int overflow;
};

static size_t sink_write(char *data, size_t size, size_t count, void *userdata) {
    struct sink *sink = userdata;
    size_t n = size * count; /* libcurl passes size 1 */
    if (n > sink->cap - sink->len) {
        sink->overflow = 1;
        return 0; /* ends the transfer with an error */
    }
    memcpy(sink->buf + sink->len, data, n);
    sink->len += n;
    return n;
}

/* A GET of `url` (form NULL) or a POST of the form to it, with
 * `authorization` as the Authorization header when not NULL: the answer's
 * status and body. No redirect is followed, only http and https are
 * spoken, and the whole exchange is bounded by OAUTH_HTTP_TIMEOUT_MS. It
 * blocks libmicrohttpd's one thread meanwhile: fine for an example; a
 * busy server would suspend the connection (MHD_suspend_connection) and
 * drive libcurl's multi interface from its event loop. */
static int back_channel(const char *url, const char *authorization, const uint8_t *form, size_t form_len,
                        uint8_t *out, size_t cap, size_t *out_len, long *status) {
    CURL *curl = curl_easy_init();
    struct curl_slist *headers = NULL, *more;
    struct sink sink;
    char line[HEADER_CAP + 32];
    CURLcode code = CURLE_OUT_OF_MEMORY;
    int ok = 0;
    sink.buf = out, sink.cap = cap, sink.len = 0, sink.overflow = 0;
    if (curl == NULL) goto done;
    headers = curl_slist_append(NULL, "Accept: application/json");
    if (headers != NULL && authorization != NULL) {
        snprintf(line, sizeof line, "Authorization: %s", authorization);
        more = curl_slist_append(headers, line);
        memset(line, 0, sizeof line); /* it held the client secret */
        if (more == NULL) goto done;
        headers = more;
    }
    if (headers == NULL) goto done;
    if (curl_easy_setopt(curl, CURLOPT_URL, url) != CURLE_OK ||
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
#else
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS)) != CURLE_OK ||
#endif
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)OAUTH_HTTP_TIMEOUT_MS) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "jeton-c-server") != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, sink_write) != CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink) != CURLE_OK)
        goto done;
    /* POSTFIELDS with a size: the body is sent as it is (libcurl sets
     * Content-Type: application/x-www-form-urlencoded). */
    if (form != NULL && (curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)form_len) != CURLE_OK ||
                         curl_easy_setopt(curl, CURLOPT_POSTFIELDS, (const char *)form) != CURLE_OK))
        goto done;
    code = curl_easy_perform(curl);
    if (code == CURLE_OK && curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status) == CURLE_OK) {
        *out_len = sink.len;
        ok = 1;
    }
done:
    if (!ok)
        fprintf(stderr, "server: back channel to %s: %s\n", url,
                sink.overflow ? "answer too long" : curl_easy_strerror(code));
    if (curl != NULL) curl_easy_cleanup(curl);
    curl_slist_free_all(headers);
    return ok;
}

/* Whether the back channel and the browser may be sent to `url`: https,
 * or plain http on this machine's loopback (the test provider). RFC 8414
 * wants https endpoints; a plain http provider elsewhere is refused. */
static int endpoint_allowed(const char *url) {
    static const char *const loopback[] = {"http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:",
                                           "http://localhost/", "http://[::1]:",     "http://[::1]/"};
    size_t i;
    for (i = 0; url[i] != '\0'; i++)
        if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f) return 0;
    if (strncmp(url, "https://", 8) == 0) return 1;
    for (i = 0; i < sizeof loopback / sizeof loopback[0]; i++)
        if (strncmp(url, loopback[i], strlen(loopback[i])) == 0) return 1;
    return 0;
}

/* An endpoint of the metadata (text, unescaped by jeton) as a C string. */
static int copy_endpoint(jeton_bytes value, const char *what, char *out, size_t cap) {
    if (value.ptr == NULL || value.len == 0 || value.len >= cap || memchr(value.ptr, '\0', value.len) != NULL) {
        fprintf(stderr, "server: the provider's metadata has no usable %s\n", what);
        return 0;
    }
    memcpy(out, value.ptr, value.len);
    out[value.len] = '\0';
    if (!endpoint_allowed(out)) {
        fprintf(stderr, "server: the provider's %s is neither https nor on this machine: %s\n", what, out);
        return 0;
    }
    return 1;
}

/* Fetches the provider's JWK Set (jwks_uri) and loads it into
 * provider_keys, replacing the keys held (a document jeton refuses leaves
 * them as they were). */
static int oauth_fetch_keys(int64_t t) {
    size_t n;
    long status;
    jeton_jwks_summary summary;
    jeton_status s;
    if (!back_channel(oauth.jwks_uri, NULL, NULL, 0, doc_buf, sizeof doc_buf, &n, &status)) return 0;
    if (status != 200) {
        fprintf(stderr, "server: the provider's JWKS answered %ld\n", status);
        return 0;
    }
    s = jeton_jwks_load(&provider_keys, doc_buf, n, &summary);
    if (s != JETON_OK) {
        fail("the provider's JWKS", s);
        return 0;
    }
    oauth.keys_fetched_at = t;
    fprintf(stderr, "server: loaded %zu key(s) of the provider's JWKS (%zu skipped)\n", summary.loaded,
            summary.skipped);
    return summary.loaded > 0;
}

/* OpenID Connect discovery (the issuer's /.well-known/openid-configuration,
 * its `issuer` the one configured), then its JWKS. Done at start, and
 * again at the next OAuth request while it has not succeeded. */
static int oauth_discover(void) {
    char url[OAUTH_URL_CAP];
    size_t n, used, issuer_len = strlen(oauth.issuer);
    long status;
    bool found = false;
    jeton_oauth_metadata m;
    jeton_status s;
    if (oauth.discovered) return 1;
    /* OpenID Connect Discovery 4: the issuer, without a trailing slash,
     * then the well-known path. */
    snprintf(url, sizeof url, "%.*s/.well-known/openid-configuration",
             (int)(issuer_len > 0 && oauth.issuer[issuer_len - 1] == '/' ? issuer_len - 1 : issuer_len),
             oauth.issuer);
    if (!back_channel(url, NULL, NULL, 0, doc_buf, sizeof doc_buf, &n, &status)) return 0;
    if (status != 200) {
        fprintf(stderr, "server: %s answered %ld\n", url, status);
        return 0;
    }
    s = jeton_oauth_metadata_parse(doc_buf, n, (const uint8_t *)oauth.issuer, issuer_len, JETON_OAUTH_PROFILE_OPENID,
                                   meta_buf, sizeof meta_buf, &used, &m);
    if (s != JETON_OK) {
        fail("the provider's metadata", s);
        return 0;
    }
    if (!copy_endpoint(m.authorization_endpoint, "authorization_endpoint", oauth.authorization_endpoint,
                       sizeof oauth.authorization_endpoint) ||
        !copy_endpoint(m.token_endpoint, "token_endpoint", oauth.token_endpoint, sizeof oauth.token_endpoint) ||
        !copy_endpoint(m.jwks_uri, "jwks_uri", oauth.jwks_uri, sizeof oauth.jwks_uri))
        return 0;
    /* What this client relies on: PKCE with S256, Basic client
     * authentication (the default when the list is absent), ID tokens
     * signed with the algorithm the client is registered with. */
    if (!(m.flags & JETON_OAUTH_SUPPORTS_S256)) {
        fprintf(stderr, "server: the provider does not offer PKCE with S256\n");
        return 0;
    }
    if (m.token_endpoint_auth_methods_supported.ptr != NULL &&
        (jeton_oauth_metadata_list_contains(m.token_endpoint_auth_methods_supported.ptr,
                                            m.token_endpoint_auth_methods_supported.len,
                                            (const uint8_t *)"client_secret_basic", 19, &found) != JETON_OK ||
         !found)) {
        fprintf(stderr, "server: the provider does not take client_secret_basic\n");
        return 0;
    }
    if (m.id_token_signing_alg_values_supported.ptr == NULL ||
        jeton_oauth_metadata_list_contains(m.id_token_signing_alg_values_supported.ptr,
                                           m.id_token_signing_alg_values_supported.len,
                                           (const uint8_t *)oauth.alg_name, strlen(oauth.alg_name),
                                           &found) != JETON_OK ||
        !found) {
        fprintf(stderr, "server: the provider does not sign ID tokens with %s (--oauth-id-token-alg)\n",
                oauth.alg_name);
        return 0;
    }
    /* RFC 9207: a provider that names itself in every authorization
     * response must do so; a callback without `iss` is then refused. */
    oauth.iss_required = (m.flags & JETON_OAUTH_ISS_PARAMETER_SUPPORTED) != 0;
    if (!oauth_fetch_keys(now())) return 0;
    oauth.discovered = 1;
    fprintf(stderr, "server: OAuth provider %s: authorization at %s, tokens at %s%s\n", oauth.issuer,
            oauth.authorization_endpoint, oauth.token_endpoint, oauth.iss_required ? ", iss required" : "");
    return 1;
}

/* 503 when the provider has not been discovered and cannot be now. A
 * failed discovery is tried again at most every OAUTH_RETRY seconds: each
 * attempt may hold the server's one thread for the back channel's
 * timeout. */
static int oauth_ready(struct reply *r) {
    int64_t t = now();
    if (oauth.discovered) return 1;
    if (t - oauth.tried_at >= OAUTH_RETRY || t < oauth.tried_at) {
        if (oauth_discover()) return 1;
        oauth.tried_at = t;
    }
    reply_init(r, MHD_HTTP_SERVICE_UNAVAILABLE);
    say(r, "the OAuth provider cannot be reached now; try again later\n");
    return 0;
}

/* This server's redirect URI: the /callback route on the address it
 * listens on (registered with the provider for this port). */
static void redirect_uri(char *out, size_t cap) { snprintf(out, cap, "http://127.0.0.1:%u/callback", listen_port); }

/* A path of this server to return to after the login: starts with one
 * '/' (not "//" nor "/\", which browsers take for another host), printable
 * ASCII, short enough for the state's payload. */
static int local_path(const char *path) {
    size_t i, n = strlen(path);
    if (n == 0 || n > OAUTH_MAX_RETURN_LEN || path[0] != '/' || path[1] == '/' || path[1] == '\\') return 0;
    for (i = 0; i < n; i++)
        if ((unsigned char)path[i] <= 0x20 || (unsigned char)path[i] >= 0x7f) return 0;
    return 1;
}

/* Text from the provider or the browser, shown in a reply: at most `max`
 * bytes, anything but printable ASCII as '?'. */
static void say_untrusted(struct reply *r, const uint8_t *p, size_t n, size_t max) {
    char out[128];
    size_t i;
    if (max > sizeof out - 1) max = sizeof out - 1;
    if (p == NULL) n = 0;
    for (i = 0; i < n && i < max; i++) out[i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
    out[i] = '\0';
    say(r, "%s%s", out, n > max ? "..." : "");
}

/* GET /login/oauth[?next=/path]: a signed state (with the return path),
 * its nonce and PKCE challenge, the binding cookie, and a redirect to the
 * provider's authorization endpoint. The server keeps nothing. */
static void oauth_start(struct MHD_Connection *c, struct reply *r) {
    const char *next = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "next");
    static const jeton_bytes scope[] = {{(const uint8_t *)"openid", 6}};
    uint8_t state[JETON_OAUTH_STATE_MAX_LEN];
    char redirect[64];
    size_t state_len, *len;
    char *slot;
    jeton_oauth_new_state issued;
    jeton_oauth_authorization_request request;
    jeton_status s;

    if (next == NULL) next = OAUTH_DEFAULT_RETURN;
    if (!local_path(next)) {
        reply_init(r, MHD_HTTP_BAD_REQUEST);
        say(r, "refused: next must be a path of this server\n");
        return;
    }
    if (!oauth_ready(r)) return;
    s = jeton_oauth_state_issue(&state_ring, urandom_fill, NULL, now(), OAUTH_STATE_MAX_AGE, (const uint8_t *)next,
                                strlen(next), state, sizeof state, &state_len, &issued);
    if (s != JETON_OK) {
        fail("oauth state", s);
        reply_init(r, MHD_HTTP_INTERNAL_SERVER_ERROR);
        say(r, "cannot start the login: %s\n", jeton_status_str(s));
        return;
    }
    redirect_uri(redirect, sizeof redirect);
    memset(&request, 0, sizeof request);
    request.client_id = text(oauth.client_id);
    request.redirect_uri = text(redirect);
    request.scope = scope;
    request.scope_count = 1;
    request.state = bytes_of((const char *)state, state_len);
    request.nonce = bytes_of((const char *)issued.nonce, sizeof issued.nonce);
    request.code_challenge = bytes_of((const char *)issued.code_challenge, sizeof issued.code_challenge);

    reply_init(r, MHD_HTTP_SEE_OTHER);
    slot = header_slot(r, MHD_HTTP_HEADER_LOCATION, &len);
    s = jeton_oauth_authorization_url(&request, (const uint8_t *)oauth.authorization_endpoint,
                                      strlen(oauth.authorization_endpoint), (uint8_t *)slot, HEADER_CAP, len);
    if (s == JETON_OK) {
        /* __Host-jeton-oauth=<binding>; Path=/; Max-Age=600; Secure;
         * HttpOnly; SameSite=Lax */
        slot = header_slot(r, MHD_HTTP_HEADER_SET_COOKIE, &len);
        s = jeton_oauth_state_write_cookie(&issued, JETON_SAME_SITE_UNSET, (uint8_t *)slot, HEADER_CAP, len);
    }
    /* The verifier is derived again from the state at the callback: this
     * copy is not needed any more. */
    memset(&issued, 0, sizeof issued);
    if (s != JETON_OK) {
        fail("oauth authorization request", s);
        reply_init(r, MHD_HTTP_INTERNAL_SERVER_ERROR);
        say(r, "cannot start the login: %s\n", jeton_status_str(s));
        return;
    }
    say(r, "sign in at the provider: %.*s\n", (int)r->value_lens[0], r->values[0]);
}

/* After the state checked out: redeems the code, judges the tokens and
 * the ID token, and opens the login of the account linked to the
 * provider's user. *r holds the answer. */
static void oauth_finish(const jeton_oauth_callback *cb, const jeton_oauth_verified_state *verified,
                         const char *back_to, struct reply *r) {
    char redirect[64], authorization[HEADER_CAP];
    uint8_t form[2048], sub[256];
    size_t form_len, authorization_len, n, used, sub_len, *len;
    long status;
    char *slot;
    int64_t t = now();
    jeton_oauth_token_request request;
    jeton_oauth_client_auth auth;
    jeton_oauth_token_response tokens;
    jeton_oauth_error_response error;
    jeton_oauth_id_token_validation v;
    jeton_jwt_verified id_token;
    jeton_status s;

    if (cb->outcome != JETON_OK) {
        /* The provider's answer, with our own state: the user declined,
         * or the provider could not help. */
        reply_init(r, MHD_HTTP_FORBIDDEN);
        say(r, "refused: the provider answered error=");
        say_untrusted(r, cb->error.ptr, cb->error.len, 64);
        say(r, " (%s)\n", jeton_status_str(cb->outcome));
        return;
    }

    /* The token request: the code, the redirect URI and the PKCE verifier
     * derived from the state, authenticated with Basic credentials
     * (id and secret form-encoded first, RFC 6749 section 2.3.1). */
    redirect_uri(redirect, sizeof redirect);
    memset(&request, 0, sizeof request);
    memset(&auth, 0, sizeof auth);
    request.grant = JETON_OAUTH_GRANT_AUTHORIZATION_CODE;
    request.code = cb->code;
    request.redirect_uri = text(redirect);
    request.code_verifier = bytes_of((const char *)verified->code_verifier, sizeof verified->code_verifier);
    auth.method = JETON_OAUTH_AUTH_SECRET_BASIC;
    auth.client_id = text(oauth.client_id);
    auth.client_secret = text(oauth.client_secret);
    s = jeton_oauth_token_request_body(&request, &auth, form, sizeof form, &form_len);
    if (s == JETON_OK)
        s = jeton_oauth_client_auth_header(&auth, (uint8_t *)authorization, sizeof authorization - 1,
                                           &authorization_len);
    if (s != JETON_OK) {
        fail("token request", s);
        reply_init(r, MHD_HTTP_INTERNAL_SERVER_ERROR);
        say(r, "cannot redeem the code: %s\n", jeton_status_str(s));
        return;
    }
    authorization[authorization_len] = '\0';
    n = 0;
    if (!back_channel(oauth.token_endpoint, authorization, form, form_len, token_answer, sizeof token_answer, &n,
                      &status))
        status = 0;
    memset(form, 0, sizeof form); /* the verifier */
    memset(authorization, 0, sizeof authorization); /* the client secret */
    if (status == 0) {
        reply_init(r, MHD_HTTP_BAD_GATEWAY);
        say(r, "the provider's token endpoint cannot be reached\n");
        return;
    }

    /* The answer: judged by its body (RFC 6749 section 5.1 and 5.2; a
     * server may answer 200 with an error). */
    s = jeton_oauth_token_response_parse(token_answer, n, token_text, sizeof token_text, &used, &tokens);
    if (s == JETON_ERR_OAUTH_SERVER_ERROR &&
        jeton_oauth_error_response_parse(token_answer, n, token_text, sizeof token_text, &used, &error) == JETON_OK) {
        reply_init(r, MHD_HTTP_FORBIDDEN);
        say(r, "refused: the provider's token endpoint answered %ld error=", status);
        say_untrusted(r, error.error.ptr, error.error.len, 64);
        say(r, " (%s)\n", jeton_status_str(s));
        return;
    }
    if (s == JETON_OK && (status != 200 || tokens.id_token.ptr == NULL)) s = JETON_ERR_OAUTH_RESPONSE_INVALID;
    if (s != JETON_OK) {
        fail("token response", s);
        reply_init(r, MHD_HTTP_BAD_GATEWAY);
        say(r, "the provider's token endpoint answered %ld without an ID token (%s)\n", status, jeton_status_str(s));
        return;
    }

    /* The ID token (OpenID Connect Core 3.1.3.7): the provider's keys,
     * the algorithm the client is registered with, this issuer, this
     * client, the nonce derived from the state, the access token's
     * at_hash and the code's c_hash when present. */
    memset(&v, 0, sizeof v);
    v.now = t;
    v.issuer = text(oauth.issuer);
    v.client_id = text(oauth.client_id);
    v.leeway = OAUTH_LEEWAY;
    v.nonce = bytes_of((const char *)verified->nonce, sizeof verified->nonce);
    v.algorithms = &oauth.alg;
    v.algorithm_count = 1;
    v.access_token = tokens.access_token;
    v.code = cb->code;
    s = jeton_oauth_id_token_verify_with_jwks(&provider_keys, tokens.id_token.ptr, tokens.id_token.len, &v,
                                              id_token_buf, sizeof id_token_buf, &used, &id_token);
    /* A key the set does not hold: the provider may have rotated its
     * keys. Fetch them again (at most once a minute) and judge again. */
    if (s == JETON_ERR_JWT_KEY_NOT_FOUND && t - oauth.keys_fetched_at >= OAUTH_KEYS_REFRESH && oauth_fetch_keys(t))
        s = jeton_oauth_id_token_verify_with_jwks(&provider_keys, tokens.id_token.ptr, tokens.id_token.len, &v,
                                                  id_token_buf, sizeof id_token_buf, &used, &id_token);
    if (s == JETON_OK)
        s = jeton_jwt_verified_claim_str(&id_token, (const uint8_t *)"sub", 3, sub, sizeof sub, &sub_len);
    if (s != JETON_OK) {
        reply_init(r, MHD_HTTP_FORBIDDEN);
        say(r, "refused: the ID token: %s\n", jeton_status_str(s));
        return;
    }

    /* The account: the provider's user (iss, sub) linked to a local one. */
    if (sub_len != strlen(OAUTH_LINKED_SUB) || memcmp(sub, OAUTH_LINKED_SUB, sub_len) != 0) {
        reply_init(r, MHD_HTTP_FORBIDDEN);
        say(r, "refused: no account here is linked to the provider's user ");
        say_untrusted(r, sub, sub_len, 64);
        say(r, "\n");
        return;
    }
    fprintf(stderr, "server: OAuth login of %s (the provider's user %s)\n", DEMO_USER, OAUTH_LINKED_SUB);
    if (!open_login(r, VIA_OAUTH, t)) return;
    /* Logged in as with the password; then on to the return path. */
    r->status = MHD_HTTP_SEE_OTHER;
    slot = header_slot(r, MHD_HTTP_HEADER_LOCATION, &len);
    if (slot != NULL) *len = (size_t)snprintf(slot, HEADER_CAP, "%s", back_to);
}

/* GET /callback?code=..&state=..&iss=.. (or error=..): the authorization
 * response, checked in order: the callback's form and its issuer
 * (RFC 9207, the mix-up defence), the state (signed by us, not expired,
 * bound to this browser's cookie, never used before), then oauth_finish. */
static void oauth_callback(struct MHD_Connection *c, const char *uri, struct reply *r) {
    const char *cookies = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    static uint8_t decoded[OAUTH_URI_CAP];
    uint8_t key[INET6_ADDRSTRLEN + 1], back_to[JETON_OAUTH_STATE_MAX_PAYLOAD_LEN + 1];
    size_t used, back_len, key_len;
    uint32_t remaining;
    uint64_t retry_after = 0;
    jeton_bytes query, binding = {NULL, 0}, state;
    jeton_oauth_callback_check check;
    jeton_oauth_callback cb;
    jeton_oauth_verified_state verified;
    jeton_status s;
    size_t *len;
    char *slot;
    int64_t t = now();

    /* Every callback costs a signature check and may take an entry of the
     * used-state list: CALLBACK_BURST at once per client address. */
    key_len = attempt_key(c, (const uint8_t *)"", 0, key, sizeof key);
    s = jeton_rate_limiter_check(&callback_limiter, key, key_len, t, &remaining, &retry_after);
    if (s != JETON_OK) {
        too_many(r, s == JETON_ERR_RATE_LIMITED ? retry_after : CALLBACK_PERIOD);
        return;
    }
    if (!oauth_ready(r)) return;
    s = jeton_oauth_form_query((const uint8_t *)uri, strlen(uri), &query);
    if (s == JETON_OK) {
        memset(&check, 0, sizeof check);
        check.issuer = text(oauth.issuer);
        check.flags = oauth.iss_required ? JETON_OAUTH_ISS_REQUIRED : 0;
        s = jeton_oauth_callback_parse(query.ptr, query.len, &check, decoded, sizeof decoded, &used, &cb);
    }
    if (s != JETON_OK) {
        reply_init(r, s == JETON_ERR_OAUTH_ISSUER_MISMATCH ? MHD_HTTP_FORBIDDEN : MHD_HTTP_BAD_REQUEST);
        say(r, "refused: %s%s\n", jeton_status_str(s),
            s == JETON_ERR_OAUTH_ISSUER_MISMATCH ? " (the mix-up defence, RFC 9207)" : "");
        return;
    }
    if (cookies != NULL) (void)cookie_value(cookies, JETON_OAUTH_STATE_COOKIE, &binding);
    state = cb.state.ptr != NULL ? cb.state : bytes_of("", 0);
    s = jeton_oauth_state_verify(&state_ring, &used_states, state.ptr, state.len, binding.ptr, binding.len, t,
                                 OAUTH_STATE_MAX_AGE, back_to, sizeof back_to - 1, &back_len, &verified);
    if (s != JETON_OK) {
        /* The binding cookie is left alone: it may belong to a login of
         * this browser still in flight, which a forged callback must not
         * end. */
        reply_init(r, s == JETON_ERR_REVOCATION_LIST_FULL ? MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_FORBIDDEN);
        say(r, "refused: %s\n", jeton_status_str(s));
        return;
    }
    back_to[back_len] = '\0';
    oauth_finish(&cb, &verified, (const char *)back_to, r);
    /* The verifier, the provider's tokens: not needed any more. */
    memset(&verified, 0, sizeof verified);
    memset(token_answer, 0, sizeof token_answer);
    memset(token_text, 0, sizeof token_text);
    memset(id_token_buf, 0, sizeof id_token_buf);
    /* The state is spent, whatever the outcome: its cookie goes. */
    slot = header_slot(r, MHD_HTTP_HEADER_SET_COOKIE, &len);
    s = slot != NULL ? jeton_oauth_state_write_clear_cookie((uint8_t *)slot, HEADER_CAP, len)
                     : JETON_ERR_CAPACITY_EXCEEDED;
    if (s != JETON_OK) {
        if (slot != NULL) drop_last_header(r);
        fail("removal cookie", s);
    }
}

/* ------------------------------------------------------------------ */
/* libmicrohttpd plumbing. */

struct request {
    char uri[OAUTH_URI_CAP]; /* the request target as sent, query included */
    int uri_too_long;
    int started;
    char body[MAX_BODY];
    size_t len;
    int too_large;
};

/* Called first for every request, with its target as sent: libmicrohttpd
 * hands the handler the path and the decoded arguments, while the
 * callback is read by jeton from the raw query (so that a parameter
 * given twice is seen). What it returns is the request's context. */
static void *request_start(void *cls, const char *uri, struct MHD_Connection *c) {
    struct request *req = calloc(1, sizeof *req);
    size_t n = strlen(uri);
    (void)cls;
    (void)c;
    if (req == NULL) return NULL;
    if (n < sizeof req->uri)
        memcpy(req->uri, uri, n + 1);
    else
        req->uri_too_long = 1;
    return req;
}

static MHD_Result_t handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls) {
    struct request *req = *con_cls;
    struct reply *r;
    MHD_Result_t ret;
    int post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;
    (void)cls;
    (void)version;
    if (req == NULL) return MHD_NO; /* out of memory in request_start */
    if (!req->started) {
        req->started = 1;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (req->len + *upload_data_size > sizeof req->body)
            req->too_large = 1;
        else {
            memcpy(req->body + req->len, upload_data, *upload_data_size);
            req->len += *upload_data_size;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    r = malloc(sizeof *r);
    if (r == NULL) return MHD_NO;
    if (req->too_large) {
        reply_init(r, 413); /* Content Too Large */
        say(r, "request body too large\n");
    } else if (req->uri_too_long) {
        reply_init(r, 414); /* URI Too Long */
        say(r, "request target too long\n");
    } else if (post && strcmp(url, "/login") == 0) {
        login(c, req->body, req->len, r);
    } else if (post && strcmp(url, "/logout") == 0) {
        logout(c, req->body, req->len, r);
    } else if (strcmp(method, MHD_HTTP_METHOD_GET) == 0 && strcmp(url, "/login") == 0) {
        csrf_page(c, r);
    } else if (strcmp(method, MHD_HTTP_METHOD_GET) == 0 && strcmp(url, "/protected") == 0) {
        protected_page(c, r);
    } else if (oauth.enabled && strcmp(method, MHD_HTTP_METHOD_GET) == 0 && strcmp(url, "/login/oauth") == 0) {
        oauth_start(c, r);
    } else if (oauth.enabled && strcmp(method, MHD_HTTP_METHOD_GET) == 0 && strcmp(url, "/callback") == 0) {
        oauth_callback(c, req->uri, r);
    } else {
        reply_init(r, MHD_HTTP_NOT_FOUND);
        say(r, "not found\n");
    }
    ret = send_reply(c, r);
    memset(r, 0, sizeof *r);
    free(r);
    memset(req->body, 0, req->len); /* it may hold a password */
    return ret;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls;
    (void)c;
    (void)toe;
    free(*con_cls);
    *con_cls = NULL;
}

/* The keys: random at every start (tokens and cookies of an earlier run
 * are refused), the secrets wiped once the keys hold them. 32 bytes: the
 * SHA-256 output, the shortest secret jeton_jwt_key_set_add takes for
 * HS256 (RFC 7518 section 3.2). */
static int setup(void) {
    uint8_t secret[32];
    jeton_hmac_key key;
    jeton_status s;
    if ((s = jeton_session_store_init(&sessions, SESSION_TTL, 12 * 3600)) != JETON_OK ||
        (s = jeton_revocation_list_init(&revoked)) != JETON_OK || (s = jeton_jwt_key_set_init(&jwt_keys)) != JETON_OK ||
        (s = jeton_rate_limiter_init(&login_limiter, login_burst, LOGIN_PERIOD)) != JETON_OK ||
        (s = jeton_key_ring_init(&cookie_keys)) != JETON_OK || (s = urandom_fill(NULL, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_jwt_key_set_add(&jwt_keys, JETON_JWT_HS256, secret, sizeof secret, (const uint8_t *)"srv-1", 5)) !=
            JETON_OK ||
        (s = urandom_fill(NULL, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_hmac_key_init(&key, JETON_HMAC_SHA256, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_key_ring_push(&cookie_keys, &key)) != JETON_OK || (s = jeton_hmac_key_clear(&key)) != JETON_OK ||
        (s = urandom_fill(NULL, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_hmac_key_init(&password_key, JETON_HMAC_SHA256, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_hmac_key_sign(&password_key, (const uint8_t *)"wonderland", 10, password_tag, sizeof password_tag,
                                 &password_tag_len)) != JETON_OK ||
        /* The OAuth client's: a key for the states (random too: a login in
         * flight across a restart starts again), the used states, the
         * callbacks per address, the provider's keys. */
        (s = urandom_fill(NULL, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_hmac_key_init(&state_key, JETON_HMAC_SHA256, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_key_ring_init(&state_ring)) != JETON_OK ||
        (s = jeton_key_ring_push(&state_ring, &state_key)) != JETON_OK ||
        (s = jeton_revocation_list_init(&used_states)) != JETON_OK ||
        (s = jeton_rate_limiter_init(&callback_limiter, CALLBACK_BURST, CALLBACK_PERIOD)) != JETON_OK ||
        (s = jeton_jwks_init(&provider_keys)) != JETON_OK) {
        fail("setup", s);
        memset(secret, 0, sizeof secret);
        return 0;
    }
    memset(secret, 0, sizeof secret);
    (void)jeton_hmac_key_clear(&state_key); /* the ring holds its copy */
    return 1;
}

static void teardown(void) {
#ifdef JETON_WITH_HIREDIS
    redis_drop();
#endif
    (void)jeton_session_store_clear(&sessions);
    (void)jeton_revocation_list_clear(&revoked);
    (void)jeton_rate_limiter_clear(&login_limiter);
    (void)jeton_jwt_key_set_clear(&jwt_keys);
    (void)jeton_key_ring_clear(&cookie_keys);
    (void)jeton_hmac_key_clear(&password_key);
    (void)jeton_hmac_key_clear(&state_key);
    (void)jeton_key_ring_clear(&state_ring);
    (void)jeton_revocation_list_clear(&used_states);
    (void)jeton_rate_limiter_clear(&callback_limiter);
    (void)jeton_jwks_clear(&provider_keys);
    curl_global_cleanup(); /* harmless when libcurl was not initialized */
}

/* The OAuth client's configuration: each option, else its variable (the
 * names scripts/oauth-provider.sh exports). All three or none: without
 * them the routes are absent. */
static int oauth_configure(const char *issuer, const char *client_id, const char *alg_name) {
    oauth.issuer = issuer != NULL ? issuer : getenv("JETON_OAUTH_PROVIDER");
    oauth.client_id = client_id != NULL ? client_id : getenv("JETON_OAUTH_PROVIDER_CLIENT_ID");
    /* Not an option: a command line is visible to every user of the
     * machine (ps), the environment only to this one. */
    oauth.client_secret = getenv("JETON_OAUTH_PROVIDER_CLIENT_SECRET");
    oauth.alg_name = alg_name != NULL ? alg_name : "RS256"; /* OpenID Connect's default */
    if (oauth.issuer == NULL && oauth.client_id == NULL && oauth.client_secret == NULL) return 1;
    if (oauth.issuer == NULL || oauth.client_id == NULL || oauth.client_secret == NULL || oauth.issuer[0] == '\0' ||
        oauth.client_id[0] == '\0' || oauth.client_secret[0] == '\0') {
        fprintf(stderr, "server: OAuth needs the issuer (--oauth-issuer or JETON_OAUTH_PROVIDER), the client ID "
                        "(--oauth-client-id or JETON_OAUTH_PROVIDER_CLIENT_ID) and its secret "
                        "(JETON_OAUTH_PROVIDER_CLIENT_SECRET)\n");
        return 0;
    }
    if (strlen(oauth.issuer) >= OAUTH_URL_CAP - 40 || !endpoint_allowed(oauth.issuer)) {
        fprintf(stderr, "server: the issuer must be an https URL (or http on this machine): %s\n", oauth.issuer);
        return 0;
    }
    /* An ID token from a provider is signed with a public-key algorithm:
     * an HMAC one would need the client secret as its key. */
    if (jeton_jwt_algorithm_from_name((const uint8_t *)oauth.alg_name, strlen(oauth.alg_name), &oauth.alg) !=
            JETON_OK ||
        oauth.alg == JETON_JWT_HS256 || oauth.alg == JETON_JWT_HS384 || oauth.alg == JETON_JWT_HS512) {
        fprintf(stderr, "server: --oauth-id-token-alg: an asymmetric JWS algorithm (RS256, ES256, EdDSA, ...)\n");
        return 0;
    }
    oauth.enabled = 1;
    return 1;
}

int main(int argc, char **argv) {
    struct sockaddr_in addr;
    struct MHD_Daemon *daemon;
    const union MHD_DaemonInfo *info;
    sigset_t stop;
    int sig = 0, i, positional = 0;
    unsigned port;
    const char *args[2] = {NULL, NULL};
    const char *oauth_issuer = NULL, *oauth_client_id = NULL, *oauth_alg = NULL;
    static const char usage[] =
        "usage: server [PORT [PORT_FILE]] [--redis HOST:PORT] [--clock FILE] [--login-burst N]\n"
        "              [--oauth-issuer URL] [--oauth-client-id ID] [--oauth-id-token-alg ALG]\n";

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--redis") == 0 && i + 1 < argc) {
#ifdef JETON_WITH_HIREDIS
            const char *colon = strrchr(argv[++i], ':');
            size_t host_len = colon != NULL ? (size_t)(colon - argv[i]) : 0;
            if (colon == NULL || host_len == 0 || host_len >= sizeof redis_host) {
                fprintf(stderr, "server: --redis HOST:PORT\n");
                return 2;
            }
            memcpy(redis_host, argv[i], host_len);
            redis_host[host_len] = '\0';
            redis_port = atoi(colon + 1);
            shared = 1;
#else
            fprintf(stderr, "server: built without hiredis (make REDIS=1): no --redis\n");
            return 2;
#endif
        } else if (strcmp(argv[i], "--clock") == 0 && i + 1 < argc) {
            clock_file = argv[++i];
        } else if (strcmp(argv[i], "--login-burst") == 0 && i + 1 < argc) {
            long n = strtol(argv[++i], NULL, 10);
            if (n < 1 || n > 1000000) {
                fprintf(stderr, "server: --login-burst 1..1000000\n");
                return 2;
            }
            login_burst = (unsigned)n;
        } else if (strcmp(argv[i], "--oauth-issuer") == 0 && i + 1 < argc) {
            oauth_issuer = argv[++i];
        } else if (strcmp(argv[i], "--oauth-client-id") == 0 && i + 1 < argc) {
            oauth_client_id = argv[++i];
        } else if (strcmp(argv[i], "--oauth-id-token-alg") == 0 && i + 1 < argc) {
            oauth_alg = argv[++i];
        } else if (positional < 2 && argv[i][0] != '-') {
            args[positional++] = argv[i];
        } else {
            fputs(usage, stderr);
            return 2;
        }
    }
    if (!oauth_configure(oauth_issuer, oauth_client_id, oauth_alg)) return 2;

    /* SIGINT and SIGTERM are taken with sigwait below; block them before
     * libmicrohttpd starts its thread, which inherits the mask. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    urandom = open("/dev/urandom", O_RDONLY);
    if (urandom < 0 || !setup()) return 1;
    /* libcurl, before any thread starts (curl_global_init is not
     * thread-safe), then the provider's metadata and keys: a failure is
     * said and tried again at the first OAuth request. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fprintf(stderr, "server: cannot initialize libcurl\n");
        teardown();
        return 1;
    }
    if (oauth.enabled && !oauth_discover()) {
        oauth.tried_at = now();
        fprintf(stderr, "server: the OAuth provider will be tried again at the next login\n");
    }

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)(args[0] != NULL ? atoi(args[0]) : 0));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, handle, NULL,
                              MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_NOTIFY_COMPLETED, completed,
                              NULL, MHD_OPTION_URI_LOG_CALLBACK, request_start, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
                              10u, MHD_OPTION_END);
    if (daemon == NULL) {
        fprintf(stderr, "server: cannot listen on 127.0.0.1\n");
        teardown();
        return 1;
    }
    info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    port = info != NULL ? info->port : 0;
    listen_port = port;
    printf("listening on http://127.0.0.1:%u%s\n", port, shared ? " (sessions and revocations in Redis)" : "");
    fflush(stdout);
    if (args[1] != NULL) {
        /* Written to a temporary file, then renamed: a reader never sees
         * half a port number. */
        char tmp[4096];
        FILE *f;
        snprintf(tmp, sizeof tmp, "%s.tmp", args[1]);
        f = fopen(tmp, "w");
        if (f == NULL || fprintf(f, "%u\n", port) < 0 || fclose(f) != 0 || rename(tmp, args[1]) != 0) {
            fprintf(stderr, "server: cannot write %s\n", args[1]);
            MHD_stop_daemon(daemon);
            teardown();
            return 1;
        }
    }

    sigwait(&stop, &sig);
    printf("stopping on signal %d\n", sig);
    MHD_stop_daemon(daemon);
    teardown();
    close(urandom);
    return 0;
}
