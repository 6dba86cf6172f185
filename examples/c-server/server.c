/*
 * A login server on GNU libmicrohttpd that uses only jeton's C API for
 * everything that touches credentials: the scenario of examples/c-server.
 *
 *   POST /login      form (user=..&password=..) or Authorization: Basic;
 *                    sets a server-side session cookie (jeton session
 *                    store), a keygrip-signed cookie, and returns a JWT
 *   GET  /protected  admits a request by its Authorization: Bearer JWT,
 *                    its session cookie or its signed cookie, and says
 *                    which one admitted it
 *   POST /logout     revokes the session and the login's grant (the JWT's
 *                    jti, which the signed cookie carries too) at once,
 *                    and clears the cookies
 *
 * Usage: server [PORT [PORT_FILE]]. It listens on 127.0.0.1 (PORT 0, the
 * default, picks a free port), writes the port to PORT_FILE when given,
 * and stops cleanly on SIGINT or SIGTERM. One demo user: alice, password
 * "wonderland".
 *
 * Cookies: __Host-sid (the session ID), __Host-user and __Host-user.sig
 * (the signed cookie and its keygrip signature), all Secure, HttpOnly,
 * SameSite=Lax, Path=/ and host-only, which the __Host- prefix makes
 * browsers enforce. They work over plain http here because the server
 * only listens on 127.0.0.1: browsers treat http://localhost and
 * http://127.0.0.1 as secure contexts, and so does curl (7.88, as the
 * scenario checks: it stores and sends Secure cookies for 127.0.0.1, and
 * would refuse them from any other plain-http host). A server reached over
 * plain http by another name would have to drop Secure and the prefix.
 *
 * libmicrohttpd runs every handler on its one internal polling thread, so
 * the jeton objects below are never used by two threads at once. jeton
 * never allocates; this file allocates only libmicrohttpd's per-request
 * context.
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

#include <microhttpd.h>

#include <jeton.h>

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
#define USER_SIG_COOKIE "__Host-user.sig"

/* The server's state: jeton objects in static storage. */
static jeton_session_store sessions;
static jeton_revocation_list revoked;
static jeton_jwt_key_set jwt_keys;
static jeton_key_ring cookie_keys;
static jeton_hmac_key password_key;
static uint8_t password_tag[JETON_HMAC_MAX_TAG_LEN];
static size_t password_tag_len;
static int urandom = -1;

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

static int64_t now(void) { return (int64_t)time(NULL); }

static void fail(const char *what, jeton_status s) {
    fprintf(stderr, "server: %s: %s (%d)\n", what, jeton_status_str(s), (int)s);
}

/* ------------------------------------------------------------------ */
/* Responses. */

#define MAX_HEADERS 6
#define HEADER_CAP 768

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
    v.revocation = &revoked;
    return jeton_jwt_verify(&jwt_keys, token.ptr, token.len, &v, buf, cap, &used, t);
}

/* The signed cookie `__Host-user` (and its `.sig`) as cookie-session
 * reads it:
 * its value is "<user>.<grant>", where the grant is the login's jti. */
static jeton_status verify_signed_cookie(const char *cookie_header, jeton_bytes *user, jeton_bytes *grant) {
    jeton_bytes value;
    size_t key_index, dot;
    bool is_revoked = true;
    jeton_status s = jeton_keygrip_verify_cookie(&cookie_keys, (const uint8_t *)cookie_header, strlen(cookie_header),
                                                 (const uint8_t *)USER_COOKIE, strlen(USER_COOKIE), &value,
                                                 &key_index);
    if (s != JETON_OK) return s;
    for (dot = 0; dot < value.len && value.ptr[dot] != '.'; dot++) continue;
    if (dot == value.len) return JETON_ERR_UNKNOWN_SIGNED_FORMAT;
    *user = bytes_of((const char *)value.ptr, dot);
    *grant = bytes_of((const char *)value.ptr + dot + 1, value.len - dot - 1);
    s = jeton_revocation_list_contains(&revoked, grant->ptr, grant->len, now(), &is_revoked);
    if (s != JETON_OK) return s;
    return is_revoked ? JETON_ERR_JWT_REVOKED : JETON_OK;
}

/* The session cookie `__Host-sid`: its value, checked for shape. */
static jeton_status session_cookie(const char *cookie_header, jeton_bytes *id) {
    jeton_cookie_pair pair;
    jeton_status s =
        jeton_cookie_header_get((const uint8_t *)cookie_header, strlen(cookie_header), (const uint8_t *)SID_COOKIE,
                                strlen(SID_COOKIE), &pair);
    if (s != JETON_OK) return s;
    s = jeton_session_id_validate(pair.value.ptr, pair.value.len);
    if (s == JETON_OK) *id = pair.value;
    return s;
}

/* ------------------------------------------------------------------ */
/* Routes. */

static void login(struct MHD_Connection *c, const char *body, size_t body_len, struct reply *r) {
    const char *authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    uint8_t decoded[512], user[256], password[256];
    const uint8_t *u = user, *p = password;
    size_t user_len = 0, password_len = 0, used, n, main_len, sig_len;
    char sid[JETON_SESSION_ID_LEN], jti[JETON_SESSION_ID_LEN], value[128], token[1024];
    jeton_basic_credentials basic;
    jeton_session_user record;
    jeton_session session;
    jeton_set_cookie cookie;
    jeton_jwt_claims claims;
    jeton_jwt_header header;
    jeton_jwt_claim name;
    jeton_status s;
    int64_t t = now();
    size_t *len;
    char *main_slot, *sig_slot;
    size_t sid_len, jti_len;

    /* The credentials: Authorization: Basic, or the form. */
    if (authorization != NULL &&
        jeton_auth_basic_parse((const uint8_t *)authorization, strlen(authorization), decoded, sizeof decoded, &used,
                               &basic) == JETON_OK) {
        u = basic.user.ptr;
        user_len = basic.user.len;
        p = basic.password.ptr;
        password_len = basic.password.len;
    } else if (!form_value(body, body_len, "user", user, sizeof user, &user_len) ||
               !form_value(body, body_len, "password", password, sizeof password, &password_len)) {
        user_len = password_len = 0;
    }
    if (!credentials_ok(u, user_len, p, password_len)) {
        reply_init(r, MHD_HTTP_UNAUTHORIZED);
        {
            char *slot = header_slot(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, &len);
            if (jeton_auth_basic_challenge((const uint8_t *)REALM, sizeof REALM - 1, true, (uint8_t *)slot, HEADER_CAP,
                                           len) != JETON_OK)
                drop_last_header(r);
        }
        memset(decoded, 0, sizeof decoded);
        memset(password, 0, sizeof password);
        say(r, "wrong user or password\n");
        return;
    }
    memset(decoded, 0, sizeof decoded);
    memset(password, 0, sizeof password);

    /* A new server-side session: a fresh ID from 256 bits of entropy. */
    s = jeton_session_id_generate(urandom_fill, NULL, (uint8_t *)sid, sizeof sid, &sid_len);
    if (s == JETON_OK) {
        memset(&record, 0, sizeof record);
        record.id = DEMO_USER_ID;
        memcpy(record.data, DEMO_USER, strlen(DEMO_USER));
        s = jeton_session_store_create(&sessions, (const uint8_t *)sid, sid_len, &record, t, &session);
    }
    /* The login's grant: the JWT's jti, also carried by the signed cookie,
     * so that logout revokes both with one revocation-list entry. */
    if (s == JETON_OK) s = jeton_session_id_generate(urandom_fill, NULL, (uint8_t *)jti, sizeof jti, &jti_len);
    if (s != JETON_OK) {
        fail("login", s);
        reply_init(r, s == JETON_ERR_SESSION_STORE_FULL ? MHD_HTTP_SERVICE_UNAVAILABLE : MHD_HTTP_INTERNAL_SERVER_ERROR);
        say(r, "cannot log in now: %s\n", jeton_status_str(s));
        return;
    }

    reply_init(r, MHD_HTTP_OK);
    /* Set-Cookie: __Host-sid=...; Path=/; Secure; HttpOnly; SameSite=Lax */
    cookie = cookie_of(SID_COOKIE, sid, sid_len);
    s = set_cookie(r, &cookie, 0);
    /* Set-Cookie: __Host-user=alice.<grant> and __Host-user.sig=<keygrip
     * signature>, with the same attributes and a Max-Age. */
    if (s == JETON_OK) {
        n = (size_t)snprintf(value, sizeof value, "%s.%.*s", DEMO_USER, (int)jti_len, jti);
        cookie = cookie_of(USER_COOKIE, value, n);
        cookie.max_age = TOKEN_LIFETIME;
        cookie.flags |= JETON_COOKIE_HAS_MAX_AGE;
        main_slot = header_slot(r, MHD_HTTP_HEADER_SET_COOKIE, &len);
        sig_slot = header_slot(r, MHD_HTTP_HEADER_SET_COOKIE, &len);
        s = jeton_keygrip_write_set_cookies(&cookie_keys, &cookie, (uint8_t *)main_slot, HEADER_CAP, &main_len,
                                            (uint8_t *)sig_slot, HEADER_CAP, &sig_len);
        r->value_lens[r->count - 2] = main_len;
        r->value_lens[r->count - 1] = sig_len;
    }
    /* The JWT: iss, sub, aud, exp, iat, jti and a custom claim. */
    if (s == JETON_OK) {
        memset(&claims, 0, sizeof claims);
        memset(&header, 0, sizeof header);
        memset(&name, 0, sizeof name);
        claims.iss = text(ISSUER);
        claims.sub = text(DEMO_USER);
        claims.aud = text(ISSUER);
        claims.exp = t + TOKEN_LIFETIME;
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
    if (s != JETON_OK) {
        fail("login response", s);
        (void)jeton_session_store_revoke(&sessions, (const uint8_t *)sid, sid_len);
        reply_init(r, MHD_HTTP_INTERNAL_SERVER_ERROR);
        say(r, "cannot log in now: %s\n", jeton_status_str(s));
        return;
    }
    say(r, "{\"access_token\":\"%.*s\",\"token_type\":\"Bearer\",\"expires_in\":%d}\n", (int)n, token, TOKEN_LIFETIME);
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
        if (s == JETON_ERR_AUTH_SCHEME_MISMATCH || s == JETON_ERR_AUTH_MALFORMED)
            unauthorized(r, JETON_BEARER_INVALID_REQUEST, jeton_status_str(s));
        else
            unauthorized(r, JETON_BEARER_INVALID_TOKEN, jeton_status_str(s));
        return;
    }
    if (cookies != NULL) {
        /* The server-side session first: it slides on every use. */
        if (session_cookie(cookies, &id) == JETON_OK &&
            jeton_session_store_touch(&sessions, id.ptr, id.len, now(), &session) == JETON_OK) {
            reply_init(r, MHD_HTTP_OK);
            say(r, "admitted by: session cookie (user %llu, %.*s, expires %lld)\n",
                (unsigned long long)session.user.id, (int)strnlen((const char *)session.user.data,
                                                                  sizeof session.user.data),
                (const char *)session.user.data, (long long)session.expires);
            return;
        }
        s = verify_signed_cookie(cookies, &user, &grant);
        if (s == JETON_OK) {
            reply_init(r, MHD_HTTP_OK);
            say(r, "admitted by: signed cookie (user %.*s)\n", (int)user.len, (const char *)user.ptr);
            return;
        }
    }
    unauthorized(r, JETON_BEARER_NO_ERROR, NULL);
}

static void logout(struct MHD_Connection *c, struct reply *r) {
    const char *authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *cookies = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    static const char *const names[] = {SID_COOKIE, USER_COOKIE, USER_SIG_COOKIE};
    uint8_t buf[1024];
    jeton_jwt_verified t;
    jeton_bytes id, user, grant;
    jeton_set_cookie cookie;
    jeton_status s;
    size_t i;
    int64_t when = now();

    /* Every credential presented is checked first (the JWT and the signed
     * cookie share the login's grant: revoking one would fail the other's
     * check), then everything valid is revoked at once. */
    int has_session = cookies != NULL && session_cookie(cookies, &id) == JETON_OK;
    int has_jwt = authorization != NULL && verify_bearer(authorization, buf, sizeof buf, &t) == JETON_OK;
    int has_signed = cookies != NULL && verify_signed_cookie(cookies, &user, &grant) == JETON_OK;

    reply_init(r, MHD_HTTP_OK);
    say(r, "logged out:");
    /* The server-side session ends at once. */
    if (has_session && jeton_session_store_revoke(&sessions, id.ptr, id.len) == JETON_OK) say(r, " session");
    /* The JWT's jti goes on the revocation list until the token's exp. */
    if (has_jwt) {
        s = jeton_revocation_list_revoke_token(&revoked, &t, when);
        if (s == JETON_OK)
            say(r, " jwt");
        else
            fail("revoke token", s);
    }
    /* The signed cookie's grant too (it lives at most TOKEN_LIFETIME). */
    if (has_signed) {
        s = jeton_revocation_list_revoke(&revoked, grant.ptr, grant.len, when + TOKEN_LIFETIME, when);
        if (s == JETON_OK)
            say(r, " signed-cookie");
        else
            fail("revoke signed cookie", s);
    }
    say(r, "\n");
    /* The browser drops the three cookies. */
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        cookie = cookie_of(names[i], "", 0);
        s = set_cookie(r, &cookie, 1);
        if (s != JETON_OK) fail("removal cookie", s);
    }
}

/* ------------------------------------------------------------------ */
/* libmicrohttpd plumbing. */

struct request {
    char body[MAX_BODY];
    size_t len;
    int too_large;
};

static MHD_Result_t handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls) {
    struct request *req = *con_cls;
    struct reply *r;
    MHD_Result_t ret;
    int post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;
    (void)cls;
    (void)version;
    if (req == NULL) {
        req = calloc(1, sizeof *req);
        if (req == NULL) return MHD_NO;
        *con_cls = req;
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
    } else if (post && strcmp(url, "/login") == 0) {
        login(c, req->body, req->len, r);
    } else if (post && strcmp(url, "/logout") == 0) {
        logout(c, r);
    } else if (strcmp(method, MHD_HTTP_METHOD_GET) == 0 && strcmp(url, "/protected") == 0) {
        protected_page(c, r);
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
 * are refused), the secrets wiped once the keys hold them. */
static int setup(void) {
    uint8_t secret[32];
    jeton_hmac_key key;
    jeton_status s;
    if ((s = jeton_session_store_init(&sessions, SESSION_TTL, 12 * 3600)) != JETON_OK ||
        (s = jeton_revocation_list_init(&revoked)) != JETON_OK || (s = jeton_jwt_key_set_init(&jwt_keys)) != JETON_OK ||
        (s = jeton_key_ring_init(&cookie_keys)) != JETON_OK || (s = urandom_fill(NULL, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_jwt_key_set_add(&jwt_keys, JETON_JWT_HS256, secret, sizeof secret, (const uint8_t *)"srv-1", 5)) !=
            JETON_OK ||
        (s = urandom_fill(NULL, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_hmac_key_init(&key, JETON_HMAC_SHA256, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_key_ring_push(&cookie_keys, &key)) != JETON_OK || (s = jeton_hmac_key_clear(&key)) != JETON_OK ||
        (s = urandom_fill(NULL, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_hmac_key_init(&password_key, JETON_HMAC_SHA256, secret, sizeof secret)) != JETON_OK ||
        (s = jeton_hmac_key_sign(&password_key, (const uint8_t *)"wonderland", 10, password_tag, sizeof password_tag,
                                 &password_tag_len)) != JETON_OK) {
        fail("setup", s);
        return 0;
    }
    memset(secret, 0, sizeof secret);
    return 1;
}

static void teardown(void) {
    (void)jeton_session_store_clear(&sessions);
    (void)jeton_revocation_list_clear(&revoked);
    (void)jeton_jwt_key_set_clear(&jwt_keys);
    (void)jeton_key_ring_clear(&cookie_keys);
    (void)jeton_hmac_key_clear(&password_key);
}

int main(int argc, char **argv) {
    struct sockaddr_in addr;
    struct MHD_Daemon *daemon;
    const union MHD_DaemonInfo *info;
    sigset_t stop;
    int sig = 0;
    unsigned port;

    /* SIGINT and SIGTERM are taken with sigwait below; block them before
     * libmicrohttpd starts its thread, which inherits the mask. */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    urandom = open("/dev/urandom", O_RDONLY);
    if (urandom < 0 || !setup()) return 1;

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)(argc > 1 ? atoi(argv[1]) : 0));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, handle, NULL,
                              MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_NOTIFY_COMPLETED, completed,
                              NULL, MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_END);
    if (daemon == NULL) {
        fprintf(stderr, "server: cannot listen on 127.0.0.1\n");
        teardown();
        return 1;
    }
    info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    port = info != NULL ? info->port : 0;
    printf("listening on http://127.0.0.1:%u\n", port);
    fflush(stdout);
    if (argc > 2) {
        /* Written to a temporary file, then renamed: a reader never sees
         * half a port number. */
        char tmp[4096];
        FILE *f;
        snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
        f = fopen(tmp, "w");
        if (f == NULL || fprintf(f, "%u\n", port) < 0 || fclose(f) != 0 || rename(tmp, argv[2]) != 0) {
            fprintf(stderr, "server: cannot write %s\n", argv[2]);
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
