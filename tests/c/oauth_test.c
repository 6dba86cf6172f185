/* OAuth 2.0 and OpenID Connect through the C API: every jeton_oauth_*,
 * jeton_pkce_* and jeton_dpop_* function, and jeton_auth_dpop_parse. Each
 * is checked on good input, then on NULL pointers, too-small buffers
 * (nothing partial left), overlapping buffers, bad arguments and objects
 * that are not initialized.
 *
 * Known answers come from the specifications (RFC 6749 sections 2.3.1,
 * 4.1, 4.4, 5.1, 5.2 and 6; RFC 7636 appendix B; RFC 8628 section 3; RFC
 * 9126; RFC 9449 sections 4, 6 and 7.1; RFC 7662 section 2.2; OpenID
 * Connect Core appendix A; the WHATWG URL standard's form encoding) and
 * from the interop vectors of tests/vectors/oauth-client.json and
 * oauth-tokens.json (npm oauth4webapi and jose), through vectors.h, with
 * the same expectations and listed deviations as the Rust tests
 * (tests/tests/oauth_client.rs, oauth_tokens.rs). Never from jeton. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "vectors.h"

#define UNTOUCHED 9999u

/* A vector string as a view (absent when the vector has none). */
static jeton_bytes V(jt_str s) {
    jeton_bytes b;
    b.ptr = (const uint8_t *)s.s;
    b.len = s.n;
    return b;
}

/* The view holds `want` (or is absent when `want` is). */
static int view_is(jeton_bytes view, jt_str want) {
    if (want.s == NULL) return view.ptr == NULL && view.len == 0;
    return view.ptr != NULL && jt_mem_eq(view.ptr, view.len, want.s, want.n);
}

static int view_is_text(jeton_bytes view, const char *want) {
    return view.ptr != NULL && jt_mem_eq(view.ptr, view.len, want, strlen(want));
}

/* Whether [p, p + n) lies inside [base, base + cap). */
static int inside(jeton_bytes view, const uint8_t *base, size_t cap) {
    return view.ptr >= base && view.ptr + view.len <= base + cap;
}

/* Entropy handed out as given, counting the calls. */
typedef struct {
    const uint8_t *bytes;
    size_t len;
    unsigned calls;
} jt_entropy;

static jeton_status fill_from(void *ctx, uint8_t *buf, size_t len) {
    jt_entropy *e = (jt_entropy *)ctx;
    e->calls++;
    if (len != e->len) return JETON_ERR_ENTROPY_UNAVAILABLE;
    memcpy(buf, e->bytes, len);
    return JETON_OK;
}

static jeton_status fill_fails(void *ctx, uint8_t *buf, size_t len) {
    (void)ctx;
    (void)buf;
    (void)len;
    return -1;
}

/* The name=value segments of a form, sorted and joined by `&`, equal
 * `want` (sorted the same way by the vector generator). */
typedef struct {
    const uint8_t *p;
    size_t n;
} segment;

static int segment_cmp(const void *a, const void *b) {
    const segment *x = (const segment *)a, *y = (const segment *)b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = n ? memcmp(x->p, y->p, n) : 0;
    if (c != 0) return c;
    return x->n < y->n ? -1 : x->n > y->n;
}

static int same_segments(const uint8_t *form, size_t len, jt_str want) {
    segment segs[64];
    size_t count = 0, i = 0, at = 0;
    char joined[4096];
    size_t n = 0;
    while (i <= len) {
        if (i == len || form[i] == '&') {
            if (i > at) {
                if (count == 64) return 0;
                segs[count].p = form + at;
                segs[count].n = i - at;
                count++;
            }
            at = i + 1;
        }
        i++;
    }
    qsort(segs, count, sizeof segs[0], segment_cmp);
    for (i = 0; i < count; i++) {
        if (n + segs[i].n + 1 > sizeof joined) return 0;
        if (i > 0) joined[n++] = '&';
        memcpy(joined + n, segs[i].p, segs[i].n);
        n += segs[i].n;
    }
    return jt_mem_eq(joined, n, want.s, want.n);
}

/* Views of up to 16 vector strings. */
static const jeton_bytes *views_of(const jt_str *items, size_t n, jeton_bytes out[16]) {
    size_t i;
    if (items == NULL || n == 0) return NULL;
    for (i = 0; i < n && i < 16; i++) out[i] = V(items[i]);
    return out;
}

/* ------------------------------------------------------------------ */
/* Form encoding (WHATWG URL standard, application/x-www-form-urlencoded). */

static void test_form(void) {
    uint8_t out[256];
    size_t n;
    jeton_bytes q;
    jeton_oauth_param params[3];
    jeton_oauth_form_iter it, zero;
    jeton_oauth_form_pair pair;
    bool equal;
    static const char form[] = "a=1&&b&=c&d==";
    jt_context = "form";

    /* The urlencoded serializer: letters, digits, * - . _ stay, space is
     * +, everything else %XX in upper case. */
    TRANSFORM(jeton_oauth_form_encode, "a b+c~\303\251*", "a+b%2Bc%7E%C3%A9*");
    TRANSFORM(jeton_oauth_form_encode, "AZaz09*-._", "AZaz09*-._");
    TRANSFORM(jeton_oauth_form_encode, "", "");
    TRANSFORM(jeton_oauth_form_encode, "https://client.example.com/cb", "https%3A%2F%2Fclient.example.com%2Fcb");
    /* The parser: + is a space, %XX a byte, a lone % stays, bytes that are
     * not UTF-8 become U+FFFD. */
    TRANSFORM(jeton_oauth_form_decode, "a+b%2B%zz%C3%A9%FF", "a b+%zz\303\251\357\277\275");
    TRANSFORM(jeton_oauth_form_decode, "plain", "plain");
    TRANSFORM(jeton_oauth_form_decode, "%", "%");

    /* A form of parameters, and an endpoint with them appended. */
    params[0].name = jt_bytes("redirect_uri");
    params[0].value = jt_bytes("https://app.example/cb");
    params[1].name = jt_bytes("scope");
    params[1].value = jt_bytes("openid email");
    params[2].name = jt_bytes("");
    params[2].value = jt_bytes("");
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_form_write(params, 2, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=openid+email");
    CHECK_STATUS(jeton_oauth_form_write(params, 0, out, sizeof out, &n), JETON_OK);
    CHECK(n == 0);
    CHECK_STATUS(jeton_oauth_form_write(params, 3, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=openid+email&=");
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_form_write(params, 2, out, 10, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 62 && jt_no_partial(out, 10, 'X') && out[10] == 'X');
    CHECK_STATUS(jeton_oauth_form_write(NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_form_write(params, 2, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_form_write(params, 2, NULL, 5, &n), JETON_ERR_NULL_POINTER);
    {
        /* A value read from the output buffer itself. */
        jeton_oauth_param inner;
        memcpy(out, "value", 5);
        inner.name = jt_bytes("x");
        inner.value.ptr = out;
        inner.value.len = 5;
        CHECK_STATUS(jeton_oauth_form_write(&inner, 1, out, sizeof out, &n), JETON_ERR_OVERLAPPING_BUFFERS);
        inner.value.ptr = NULL;
        CHECK_STATUS(jeton_oauth_form_write(&inner, 1, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    }

    /* RFC 6749 section 3.1: the endpoint's query is kept, a fragment is
     * refused. */
    params[0].name = jt_bytes("client_id");
    params[0].value = jt_bytes("s6BhdRkqt3");
    CHECK_STATUS(jeton_oauth_url_write(S("https://as.example/authorize?tenant=a%20b"), params, 1, out, sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, "https://as.example/authorize?tenant=a%20b&client_id=s6BhdRkqt3");
    CHECK_STATUS(jeton_oauth_url_write(S("https://as.example/authorize"), params, 1, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "https://as.example/authorize?client_id=s6BhdRkqt3");
    CHECK_STATUS(jeton_oauth_url_write(S("https://as.example/a?x=1&"), params, 1, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "https://as.example/a?x=1&client_id=s6BhdRkqt3");
    n = UNTOUCHED;
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_oauth_url_write(S("https://as.example/authorize#x"), params, 1, out, sizeof out, &n),
                 JETON_ERR_OAUTH_ENDPOINT_INVALID);
    CHECK_STATUS(jeton_oauth_url_write(S("/authorize"), params, 1, out, sizeof out, &n),
                 JETON_ERR_OAUTH_ENDPOINT_INVALID);
    CHECK_STATUS(jeton_oauth_url_write(S("https://as/a b"), params, 1, out, sizeof out, &n),
                 JETON_ERR_OAUTH_ENDPOINT_INVALID);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_oauth_url_write(NULL, 0, params, 1, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    memcpy(out, "https://as/a", 12);
    CHECK_STATUS(jeton_oauth_url_write(out, 12, params, 1, out + 4, 100, &n), JETON_ERR_OVERLAPPING_BUFFERS);

    /* The query of a request target. */
    CHECK_STATUS(jeton_oauth_form_query(S("/cb?code=x&state=y"), &q), JETON_OK);
    CHECK_VIEW(q, "code=x&state=y");
    CHECK_STATUS(jeton_oauth_form_query(S("https://app.example/cb?code=x#frag"), &q), JETON_OK);
    CHECK_VIEW(q, "code=x");
    CHECK_STATUS(jeton_oauth_form_query(S("/cb"), &q), JETON_OK);
    CHECK(q.len == 0 && q.ptr != NULL);
    CHECK_STATUS(jeton_oauth_form_query(NULL, 0, &q), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_form_query(S("/cb"), NULL), JETON_ERR_NULL_POINTER);

    /* Pairs: split on &, empty pieces skipped, at the first =. */
    CHECK_STATUS(jeton_oauth_form_iter_init(&it, (const uint8_t *)form, sizeof form - 1), JETON_OK);
    CHECK_STATUS(jeton_oauth_form_iter_next(&it, &pair), JETON_OK);
    CHECK_VIEW(pair.name, "a");
    CHECK_VIEW(pair.value, "1");
    CHECK_STATUS(jeton_oauth_form_iter_next(&it, &pair), JETON_OK);
    CHECK_VIEW(pair.name, "b");
    CHECK(pair.value.len == 0 && pair.value.ptr != NULL);
    CHECK_STATUS(jeton_oauth_form_iter_next(&it, &pair), JETON_OK);
    CHECK(pair.name.len == 0);
    CHECK_VIEW(pair.value, "c");
    CHECK_STATUS(jeton_oauth_form_iter_next(&it, &pair), JETON_OK);
    CHECK_VIEW(pair.name, "d");
    CHECK_VIEW(pair.value, "=");
    CHECK_STATUS(jeton_oauth_form_iter_next(&it, &pair), JETON_DONE);
    CHECK_STATUS(jeton_oauth_form_iter_next(&it, &pair), JETON_DONE);
    CHECK_STATUS(jeton_oauth_form_iter_next(&it, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_form_iter_next(NULL, &pair), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_form_iter_init(NULL, S("a=1")), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_form_iter_init(&it, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_form_iter_init((jeton_oauth_form_iter *)jt_misaligned(&zero), S("a=1")),
                 JETON_ERR_INVALID_ARGUMENT);
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(jeton_oauth_form_iter_next(&zero, &pair), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_oauth_form_iter_init(&it, (const uint8_t *)&it, 8), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK(sizeof(jeton_oauth_form_iter) == JETON_OAUTH_FORM_ITER_SIZE);

    /* Comparison after decoding, in constant time. */
    CHECK_STATUS(jeton_oauth_form_equals(S("a+b%2B"), S("a b+"), &equal), JETON_OK);
    CHECK(equal);
    CHECK_STATUS(jeton_oauth_form_equals(S("a+b%2B"), S("a b"), &equal), JETON_OK);
    CHECK(!equal);
    CHECK_STATUS(jeton_oauth_form_equals(S("xyz"), S("xyZ"), &equal), JETON_OK);
    CHECK(!equal);
    CHECK_STATUS(jeton_oauth_form_equals(NULL, 0, S("x"), &equal), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_form_equals(S("x"), S("x"), NULL), JETON_ERR_NULL_POINTER);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* PKCE (RFC 7636). */

/* RFC 7636 appendix B: the octets, the verifier, the challenge. */
static const uint8_t rfc7636_octets[32] = {116, 24,  223, 180, 151, 153, 224, 37,  79, 250, 96,
                                           125, 216, 173, 187, 186, 22,  212, 37,  77, 105, 214,
                                           191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
#define RFC7636_VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define RFC7636_CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

static void test_pkce(void) {
    uint8_t out[256];
    size_t n, i;
    jeton_pkce_method method = 77;
    jt_entropy e;
    uint8_t big[97];
    jt_context = "pkce";

    e.bytes = rfc7636_octets;
    e.len = 32;
    e.calls = 0;
    n = UNTOUCHED;
    CHECK_STATUS(jeton_pkce_verifier_generate(fill_from, &e, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, RFC7636_VERIFIER);
    CHECK(n == JETON_PKCE_VERIFIER_LEN && e.calls == 1);
    CHECK_STATUS(jeton_pkce_challenge_s256(out, n, out + 64, 64, &n), JETON_OK);
    CHECK_TEXT(out + 64, n, RFC7636_CHALLENGE);
    CHECK(n == JETON_PKCE_CHALLENGE_LEN);
    TRANSFORM(jeton_pkce_challenge_s256, RFC7636_VERIFIER, RFC7636_CHALLENGE);
    /* Too small: reported before any entropy is drawn. */
    n = UNTOUCHED;
    CHECK_STATUS(jeton_pkce_verifier_generate(fill_from, &e, out, 42, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 43 && e.calls == 1);
    CHECK_STATUS(jeton_pkce_verifier_generate(fill_from, &e, NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(e.calls == 1);
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_pkce_verifier_generate(fill_fails, NULL, out, sizeof out, &n), JETON_ERR_ENTROPY_UNAVAILABLE);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_pkce_verifier_generate(NULL, NULL, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_pkce_verifier_generate(fill_from, &e, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);

    /* oauth4webapi's pairs from the same randomness, and its challenges of
     * verifiers of every length and character. */
    for (i = 0; i < JT_COUNT(jt_pkce_vecs); i++) {
        const jt_pkce_vec *v = &jt_pkce_vecs[i];
        CHECK_STATUS(jeton_pkce_verifier_from_bytes((const uint8_t *)v->random.s, v->random.n, out, sizeof out, &n),
                     JETON_OK);
        CHECK_MEM(out, n, v->verifier.s, v->verifier.n);
        CHECK_STATUS(jeton_pkce_challenge_s256(out, n, out + 128, 128, &n), JETON_OK);
        CHECK_MEM(out + 128, n, v->challenge.s, v->challenge.n);
        CHECK_STATUS(jeton_pkce_challenge_validate((const uint8_t *)v->challenge.s, v->challenge.n), JETON_OK);
    }
    for (i = 0; i < JT_COUNT(jt_challenge_vecs); i++) {
        const jt_pkce_vec *v = &jt_challenge_vecs[i];
        CHECK_STATUS(jeton_pkce_verifier_validate((const uint8_t *)v->verifier.s, v->verifier.n), JETON_OK);
        CHECK_STATUS(jeton_pkce_challenge_s256((const uint8_t *)v->verifier.s, v->verifier.n, out, sizeof out, &n),
                     JETON_OK);
        CHECK_MEM(out, n, v->challenge.s, v->challenge.n);
    }
    CHECK(i == 5);

    /* 32 to 96 random bytes, 43 to 128 characters. */
    memset(big, 7, sizeof big);
    CHECK_STATUS(jeton_pkce_verifier_from_bytes(big, 96, out, sizeof out, &n), JETON_OK);
    CHECK(n == JETON_PKCE_MAX_VERIFIER_LEN);
    TRANSFORM_FAILS(jeton_pkce_verifier_from_bytes, "too short", JETON_ERR_ENTROPY_TOO_SHORT);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_pkce_verifier_from_bytes(big, 97, out, sizeof out, &n), JETON_ERR_INPUT_TOO_LONG);
    CHECK(n == UNTOUCHED);

    /* Section 4.1's syntax: 43 to 128 unreserved characters. */
    CHECK_STATUS(jeton_pkce_verifier_validate(S("too-short")), JETON_ERR_PKCE_VERIFIER_INVALID);
    CHECK_STATUS(jeton_pkce_verifier_validate(S("dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk")),
                 JETON_ERR_PKCE_VERIFIER_INVALID);
    CHECK_STATUS(jeton_pkce_verifier_validate(S("abcdefghijklmnopqrstuvwxyz0123456789-._~ABCDEFG")), JETON_OK);
    CHECK_STATUS(jeton_pkce_verifier_validate(NULL, 0), JETON_ERR_NULL_POINTER);
    TRANSFORM_FAILS(jeton_pkce_challenge_s256, "not a verifier", JETON_ERR_PKCE_VERIFIER_INVALID);
    CHECK_STATUS(jeton_pkce_challenge_validate(S("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c")),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    CHECK_STATUS(jeton_pkce_challenge_validate(S("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN")),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    CHECK_STATUS(jeton_pkce_challenge_validate(NULL, 0), JETON_ERR_NULL_POINTER);

    /* code_challenge_method: exact names, plain only when allowed. */
    CHECK_STATUS(jeton_pkce_method_parse(S("S256"), false, &method), JETON_OK);
    CHECK(method == JETON_PKCE_S256);
    method = 77;
    CHECK_STATUS(jeton_pkce_method_parse(S("plain"), false, &method), JETON_ERR_PKCE_METHOD_REFUSED);
    CHECK(method == 77);
    CHECK_STATUS(jeton_pkce_method_parse(S("plain"), true, &method), JETON_OK);
    CHECK(method == JETON_PKCE_PLAIN);
    CHECK_STATUS(jeton_pkce_method_parse(S("s256"), true, &method), JETON_ERR_PKCE_METHOD_REFUSED);
    CHECK_STATUS(jeton_pkce_method_parse(NULL, 0, true, &method), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_pkce_method_parse(S("S256"), true, NULL), JETON_ERR_NULL_POINTER);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* The stateless state, nonce and verifier. */

#define STATE_SECRET "an OAuth state key of 32 bytes.."
#define T0 1700000000

static void test_state(void) {
    jeton_hmac_key key, sha1;
    jeton_key_ring ring, empty, sha1_ring, zeroed;
    static jeton_revocation_list used;
    uint8_t state[JETON_OAUTH_STATE_MAX_LEN], cookie[256], payload[JETON_OAUTH_STATE_MAX_PAYLOAD_LEN];
    uint8_t random[32];
    size_t state_len, cookie_len, n, count;
    jeton_oauth_new_state issued, untouched;
    jeton_oauth_verified_state v, v_untouched;
    jeton_cookie_pair pair;
    jt_entropy e;
    char header[256];
    jt_context = "state";

    CHECK_STATUS(jeton_hmac_key_init(&key, JETON_HMAC_SHA256, S(STATE_SECRET)), JETON_OK);
    CHECK_STATUS(jeton_key_ring_init(&ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_push(&ring, &key), JETON_OK);
    CHECK_STATUS(jeton_key_ring_init(&empty), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_init(&used), JETON_OK);
    memset(random, 0x42, sizeof random);
    e.bytes = random;
    e.len = 32;
    e.calls = 0;

    CHECK_STATUS(jeton_oauth_state_issue(&ring, fill_from, &e, T0, 0, S("/orders/7"), state, sizeof state,
                                         &state_len, &issued),
                 JETON_OK);
    CHECK(e.calls == 1 && state_len > 0 && state_len <= JETON_OAUTH_STATE_MAX_LEN);
    CHECK(issued.issued_at == T0 && issued.max_age == JETON_OAUTH_STATE_DEFAULT_MAX_AGE);
    /* The challenge is the S256 of the verifier (RFC 7636 section 4.2). */
    CHECK_STATUS(jeton_pkce_challenge_s256(issued.code_verifier, 43, cookie, sizeof cookie, &n), JETON_OK);
    CHECK_MEM(cookie, n, issued.code_challenge, 43);
    CHECK_STATUS(jeton_pkce_verifier_validate(issued.code_verifier, 43), JETON_OK);

    /* The binding cookie: __Host-, Path=/, Max-Age, Secure, HttpOnly, Lax. */
    CHECK_STATUS(jeton_oauth_state_write_cookie(&issued, JETON_SAME_SITE_UNSET, cookie, sizeof cookie, &cookie_len),
                 JETON_OK);
    snprintf(header, sizeof header, "__Host-jeton-oauth=%.43s; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Lax",
             (const char *)issued.binding);
    CHECK_MEM(cookie, cookie_len, header, strlen(header));
    CHECK(memcmp(cookie, JETON_OAUTH_STATE_COOKIE "=", strlen(JETON_OAUTH_STATE_COOKIE) + 1) == 0);
    CHECK_STATUS(jeton_oauth_state_write_cookie(&issued, JETON_SAME_SITE_NONE, cookie, sizeof cookie, &n), JETON_OK);
    CHECK(n > 13 && memcmp(cookie + n - 13, "SameSite=None", 13) == 0);
    CHECK_STATUS(jeton_oauth_state_write_cookie(&issued, 9, cookie, sizeof cookie, &n), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_oauth_state_write_cookie(NULL, 0, cookie, sizeof cookie, &n), JETON_ERR_NULL_POINTER);
    n = UNTOUCHED;
    memset(cookie, 'X', sizeof cookie);
    CHECK_STATUS(jeton_oauth_state_write_cookie(&issued, 0, cookie, 20, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == cookie_len && jt_no_partial(cookie, 20, 'X'));
    CHECK_STATUS(jeton_oauth_state_write_cookie(&issued, 0, (uint8_t *)&issued, 20, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    /* The cookie that deletes it (RFC 6265 section 3.1's idiom). */
    CHECK_STATUS(jeton_oauth_state_write_clear_cookie(cookie, sizeof cookie, &n), JETON_OK);
    CHECK_TEXT(cookie, n,
               "__Host-jeton-oauth=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; "
               "SameSite=Lax");
    CHECK_STATUS(jeton_oauth_state_write_clear_cookie(cookie, 10, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == strlen("__Host-jeton-oauth=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; "
                      "HttpOnly; SameSite=Lax"));
    CHECK_STATUS(jeton_oauth_state_write_clear_cookie(cookie, sizeof cookie, NULL), JETON_ERR_NULL_POINTER);

    /* The callback: the cookie read back from the request's header. */
    snprintf(header, sizeof header, "theme=dark; " JETON_OAUTH_STATE_COOKIE "=%.43s", (const char *)issued.binding);
    CHECK_STATUS(jeton_cookie_header_get((const uint8_t *)header, strlen(header), S(JETON_OAUTH_STATE_COOKIE), &pair),
                 JETON_OK);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, pair.value.ptr, pair.value.len, T0 + 30, 0,
                                          payload, sizeof payload, &n, &v),
                 JETON_OK);
    CHECK_TEXT(payload, n, "/orders/7");
    CHECK(memcmp(v.nonce, issued.nonce, 43) == 0 && memcmp(v.code_verifier, issued.code_verifier, 43) == 0);
    CHECK(memcmp(v.id, issued.binding, 43) == 0);
    CHECK(v.issued_at == T0 && v.expires_at == T0 + 600 && v.key_index == 0);
    /* A reload passes again; the payload buffer may be NULL to ask. */
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, issued.binding, 43, T0 + 31, 0, NULL, 0, &n,
                                          &v),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 9);

    /* Each check with its error; nothing written. */
    memset(&v_untouched, 0x5A, sizeof v_untouched);
    v = v_untouched;
    memset(payload, 'X', sizeof payload);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, S("someone-else"), T0 + 30, 0, payload,
                                          sizeof payload, &n, &v),
                 JETON_ERR_OAUTH_STATE_NOT_BOUND);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, NULL, 0, T0 + 30, 0, payload, sizeof payload,
                                          &n, &v),
                 JETON_ERR_OAUTH_STATE_NOT_BOUND);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, issued.binding, 43, T0 + 600, 0, payload,
                                          sizeof payload, &n, &v),
                 JETON_ERR_OAUTH_STATE_EXPIRED);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, issued.binding, 43, T0 + 60, 30, payload,
                                          sizeof payload, &n, &v),
                 JETON_ERR_OAUTH_STATE_EXPIRED);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, issued.binding, 43, T0 - 61, 0, payload,
                                          sizeof payload, &n, &v),
                 JETON_ERR_OAUTH_STATE_INVALID);
    state[state_len - 1] ^= 1;
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, issued.binding, 43, T0 + 30, 0, payload,
                                          sizeof payload, &n, &v),
                 JETON_ERR_OAUTH_STATE_INVALID);
    state[state_len - 1] ^= 1;
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, S("v1.1700000600.abc-_"), issued.binding, 43, T0 + 30, 0,
                                          payload, sizeof payload, &n, &v),
                 JETON_ERR_OAUTH_STATE_INVALID);
    CHECK_STATUS(jeton_oauth_state_verify(&empty, NULL, state, state_len, issued.binding, 43, T0 + 30, 0, payload,
                                          sizeof payload, &n, &v),
                 JETON_ERR_EMPTY_KEY_RING);
    CHECK(n == UNTOUCHED && jt_no_partial(payload, sizeof payload, 'X'));
    CHECK(memcmp(&v, &v_untouched, sizeof v) == 0);

    /* Single use through a revocation list: refused the second time, and
     * the list unchanged by a refusal. */
    CHECK_STATUS(jeton_oauth_state_verify(&ring, &used, state, state_len, issued.binding, 43, T0 + 30, 0, payload,
                                          sizeof payload, &n, &v),
                 JETON_OK);
    CHECK_STATUS(jeton_revocation_list_len(&used, &count), JETON_OK);
    CHECK(count == 1);
    memset(payload, 'X', sizeof payload);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_state_verify(&ring, &used, state, state_len, issued.binding, 43, T0 + 31, 0, payload,
                                          sizeof payload, &n, &v_untouched),
                 JETON_ERR_OAUTH_STATE_REPLAYED);
    CHECK(n == UNTOUCHED && jt_no_partial(payload, sizeof payload, 'X'));
    CHECK_STATUS(jeton_oauth_state_verify(&ring, &used, state, state_len, S("x"), T0 + 31, 0, payload,
                                          sizeof payload, &n, &v_untouched),
                 JETON_ERR_OAUTH_STATE_NOT_BOUND);
    CHECK_STATUS(jeton_revocation_list_len(&used, &count), JETON_OK);
    CHECK(count == 1);
    /* Overlaps: the payload buffer over the state, an input in the list. */
    memcpy(cookie, state, state_len);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, cookie, state_len, issued.binding, 43, T0 + 30, 0, cookie + 8,
                                          16, &n, &v),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, &used, (const uint8_t *)&used, 16, issued.binding, 43, T0 + 30, 0,
                                          payload, sizeof payload, &n, &v),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_oauth_state_verify(NULL, NULL, state, state_len, issued.binding, 43, T0, 0, payload,
                                          sizeof payload, &n, &v),
                 JETON_ERR_NULL_POINTER);
    /* A callback without a state: an invalid state, whether it comes as
     * (NULL, 0) or as an empty string. */
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, NULL, 0, issued.binding, 43, T0, 0, payload, sizeof payload,
                                          &n, &v),
                 JETON_ERR_OAUTH_STATE_INVALID);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, (const uint8_t *)"", 0, issued.binding, 43, T0, 0, payload,
                                          sizeof payload, &n, &v),
                 JETON_ERR_OAUTH_STATE_INVALID);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, NULL, 4, T0, 0, payload, sizeof payload, &n,
                                          &v),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_oauth_state_verify(&ring, NULL, state, state_len, issued.binding, 43, T0, 0, payload,
                                          sizeof payload, &n, NULL),
                 JETON_ERR_NULL_POINTER);

    /* Issue: the payload limit, an HMAC-SHA1 key, sizes checked before
     * entropy is drawn, a failing source; nothing written. */
    memset(&untouched, 0x5A, sizeof untouched);
    issued = untouched;
    memset(state, 'X', sizeof state);
    n = UNTOUCHED;
    e.calls = 0;
    CHECK_STATUS(jeton_oauth_state_issue(&ring, fill_from, &e, T0, 0, payload, JETON_OAUTH_STATE_MAX_PAYLOAD_LEN + 1,
                                         state, sizeof state, &n, &issued),
                 JETON_ERR_INPUT_TOO_LONG);
    CHECK_STATUS(jeton_hmac_key_init(&sha1, JETON_HMAC_SHA1, S(STATE_SECRET)), JETON_OK);
    CHECK_STATUS(jeton_key_ring_init(&sha1_ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_push(&sha1_ring, &sha1), JETON_OK);
    CHECK_STATUS(jeton_oauth_state_issue(&sha1_ring, fill_from, &e, T0, 0, NULL, 0, state, sizeof state, &n, &issued),
                 JETON_ERR_KEY_ALGORITHM_MISMATCH);
    CHECK(n == UNTOUCHED);
    CHECK_STATUS(jeton_oauth_state_issue(&ring, fill_from, &e, T0, 0, NULL, 0, state, 10, &n, &issued),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == state_len - 12 && e.calls == 0);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_state_issue(&ring, fill_fails, NULL, T0, 0, NULL, 0, state, sizeof state, &n, &issued),
                 JETON_ERR_ENTROPY_UNAVAILABLE);
    CHECK(n == UNTOUCHED && jt_no_partial(state, sizeof state, 'X'));
    CHECK(memcmp(&issued, &untouched, sizeof issued) == 0);
    CHECK_STATUS(jeton_oauth_state_issue(NULL, fill_from, &e, T0, 0, NULL, 0, state, sizeof state, &n, &issued),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_state_issue(&ring, NULL, NULL, T0, 0, NULL, 0, state, sizeof state, &n, &issued),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_state_issue(&ring, fill_from, &e, T0, 0, NULL, 0, state, sizeof state, &n, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_state_issue(&ring, fill_from, &e, T0, 0, state, 4, state, sizeof state, &n, &issued),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    /* An empty ring signs nothing; a ring never initialised is refused. */
    CHECK_STATUS(jeton_oauth_state_issue(&empty, fill_from, &e, T0, 0, NULL, 0, state, sizeof state, &n, &issued),
                 JETON_ERR_EMPTY_KEY_RING);
    CHECK(n == UNTOUCHED && e.calls == 0 && memcmp(&issued, &untouched, sizeof issued) == 0);
    memset(&zeroed, 0, sizeof zeroed);
    CHECK_STATUS(jeton_oauth_state_issue(&zeroed, fill_from, &e, T0, 0, NULL, 0, state, sizeof state, &n, &issued),
                 JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_key_ring_clear(&sha1_ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_clear(&ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_clear(&empty), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_clear(&sha1), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_clear(&used), JETON_OK);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* The authorization request and pushed authorization requests. */

/* RFC 6749 section 4.1.1's request, its dots spelled as the URL standard
 * leaves them (RFC 6749 writes client%2Eexample%2Ecom, HTML 4's form
 * encoding); sorted: jeton writes state after redirect_uri. */
#define RFC6749_AUTHORIZATION_SORTED                                                                           \
    "client_id=s6BhdRkqt3&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&response_type=code&state=xyz"
static const jt_str rfc6749_authorization_sorted = {RFC6749_AUTHORIZATION_SORTED,
                                                    sizeof RFC6749_AUTHORIZATION_SORTED - 1};

static void test_authorize(void) {
    uint8_t out[2048];
    size_t n, i, j;
    jeton_oauth_authorization_request req;
    jeton_oauth_client_auth auth;
    jeton_oauth_par_response par;
    jeton_bytes scope[20], resource[16];
    jeton_oauth_param extra[16];
    const char *prefix = "https://server.example.com/authorize?";
    jt_context = "authorize";

    memset(&req, 0, sizeof req);
    req.client_id = jt_bytes("s6BhdRkqt3");
    req.redirect_uri = jt_bytes("https://client.example.com/cb");
    req.state = jt_bytes("xyz");
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://server.example.com/authorize"), out, sizeof out, &n),
                 JETON_OK);
    CHECK(n > strlen(prefix) && memcmp(out, prefix, strlen(prefix)) == 0);
    CHECK(same_segments(out + strlen(prefix), n - strlen(prefix), rfc6749_authorization_sorted));
    /* With RFC 7636 appendix B's challenge. */
    req.code_challenge = jt_bytes(RFC7636_CHALLENGE);
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://server.example.com/authorize"), out, sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n,
               "https://server.example.com/authorize?response_type=code&client_id=s6BhdRkqt3"
               "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&state=xyz"
               "&code_challenge=" RFC7636_CHALLENGE "&code_challenge_method=S256");
    req.code_challenge = jt_bytes(RFC7636_VERIFIER);
    req.flags = JETON_OAUTH_PKCE_PLAIN;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://server.example.com/authorize"), out, sizeof out, &n),
                 JETON_OK);
    CHECK(n > 27 && memcmp(out + n - 27, "code_challenge_method=plain", 27) == 0);

    /* oauth4webapi's URLs from the same requests. */
    for (i = 0; i < JT_COUNT(jt_authz_vecs); i++) {
        const jt_authz_vec *v = &jt_authz_vecs[i];
        memset(&req, 0, sizeof req);
        req.client_id = V(v->client_id);
        req.redirect_uri = V(v->redirect_uri);
        req.state = V(v->state);
        req.nonce = V(v->nonce);
        req.code_challenge = V(v->challenge);
        req.prompt = V(v->prompt);
        req.login_hint = V(v->login_hint);
        req.scope = views_of(v->scope, v->n_scope, scope);
        req.scope_count = v->n_scope;
        req.resource = views_of(v->resource, v->n_resource, resource);
        req.resource_count = v->n_resource;
        for (j = 0; j < v->n_extra; j++) {
            extra[j].name = V(v->extra[j].name);
            extra[j].value = V(v->extra[j].value);
        }
        req.extra = v->n_extra ? extra : NULL;
        req.extra_count = v->n_extra;
        if (v->has_max_age) {
            req.max_age = v->max_age;
            req.flags = JETON_OAUTH_HAS_MAX_AGE;
        }
        CHECK_STATUS(jeton_oauth_authorization_url(&req, V(v->endpoint).ptr, v->endpoint.n, out, sizeof out, &n),
                     JETON_OK);
        CHECK_MEM(out, n, v->url.s, v->url.n);
    }
    CHECK(i == 24);

    /* Each rule with its error, nothing written. */
    memset(&req, 0, sizeof req);
    req.client_id = jt_bytes("app");
    req.redirect_uri = jt_bytes("https://app.example/cb");
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize#f"), out, sizeof out, &n),
                 JETON_ERR_OAUTH_ENDPOINT_INVALID);
    scope[0] = jt_bytes("a b");
    req.scope = scope;
    req.scope_count = 1;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    scope[0] = jt_bytes("\377");
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    for (j = 0; j < 17; j++) scope[j] = jt_bytes("s");
    req.scope_count = 17;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_TOO_MANY_ITEMS);
    req.scope_count = 16;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n), JETON_OK);
    req.scope = NULL;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    req.scope_count = 0;
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    extra[0].name = jt_bytes("state");
    extra[0].value = jt_bytes("x");
    req.extra = extra;
    req.extra_count = 1;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_OAUTH_DUPLICATE_PARAMETER);
    req.extra = NULL;
    req.extra_count = 0;
    req.code_challenge = jt_bytes("short");
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    req.flags = JETON_OAUTH_PKCE_PLAIN;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_PKCE_VERIFIER_INVALID);
    req.code_challenge.ptr = NULL;
    req.code_challenge.len = 0;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    req.flags = 1u << 30;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    req.flags = 0;
    req.redirect_uri = jt_bytes("/cb");
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    req.redirect_uri.ptr = NULL;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_NULL_POINTER);
    req.redirect_uri = jt_bytes("https://app.example/cb");
    req.state.ptr = NULL;
    req.state.len = 3;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    req.state.len = 0;
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, 10, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == strlen("https://as/authorize?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp.example"
                      "%2Fcb") &&
          jt_no_partial(out, 10, 'X'));
    CHECK_STATUS(jeton_oauth_authorization_url(NULL, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_authorization_url(&req, NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, NULL),
                 JETON_ERR_NULL_POINTER);
    /* The client ID read from the output buffer. */
    memcpy(out, "app", 3);
    req.client_id.ptr = out;
    CHECK_STATUS(jeton_oauth_authorization_url(&req, S("https://as/authorize"), out, sizeof out, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    req.client_id = jt_bytes("app");

    /* A pushed authorization request: the bodies oauth4webapi sent. */
    for (i = 0; i < JT_COUNT(jt_token_request_vecs); i++) {
        const jt_token_request_vec *v = &jt_token_request_vecs[i];
        if (v->grant != 5) continue;
        memset(&req, 0, sizeof req);
        memset(&auth, 0, sizeof auth);
        req.client_id = V(v->client_id);
        req.redirect_uri = V(v->redirect_uri);
        req.scope = views_of(v->scope, v->n_scope, scope);
        req.scope_count = v->n_scope;
        req.state = V(v->state);
        req.code_challenge = V(v->challenge);
        auth.method = v->method;
        auth.client_id = V(v->auth_id);
        auth.client_secret = V(v->auth_secret);
        CHECK_STATUS(jeton_oauth_par_body(&req, &auth, out, sizeof out, &n), JETON_OK);
        CHECK(same_segments(out, n, v->segments));
    }
    memset(&auth, 0, sizeof auth);
    auth.client_id = jt_bytes("another");
    CHECK_STATUS(jeton_oauth_par_body(&req, &auth, out, sizeof out, &n), JETON_ERR_OAUTH_PARAMETER_INVALID);
    auth.client_id = req.client_id;
    extra[0].name = jt_bytes("client_secret");
    req.extra = extra;
    req.extra_count = 1;
    CHECK_STATUS(jeton_oauth_par_body(&req, &auth, out, sizeof out, &n), JETON_ERR_OAUTH_DUPLICATE_PARAMETER);
    req.extra = NULL;
    req.extra_count = 0;
    auth.method = 99;
    CHECK_STATUS(jeton_oauth_par_body(&req, &auth, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_oauth_par_body(&req, NULL, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_par_body(NULL, &auth, out, sizeof out, &n), JETON_ERR_NULL_POINTER);

    /* RFC 9126 sections 2.2 and 4. */
    {
        static const char body[] = "{\n  \"request_uri\":\n    "
                                   "\"urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c\",\n"
                                   "  \"expires_in\": 60\n}";
        static const char escaped[] = "{\"request_uri\":\"urn:x\\/y\",\"expires_in\":\"60\"}";
        uint8_t buf[64];
        n = UNTOUCHED;
        CHECK_STATUS(jeton_oauth_par_response_parse(S(body), NULL, 0, &n, &par), JETON_OK);
        CHECK(n == 0 && par.expires_in == 60);
        CHECK_VIEW(par.request_uri, "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c");
        CHECK_STATUS(jeton_oauth_par_url(S("https://as.example.com/authorize"), S("s6BhdRkqt3"), par.request_uri.ptr,
                                         par.request_uri.len, out, sizeof out, &n),
                     JETON_OK);
        CHECK_TEXT(out, n,
                   "https://as.example.com/authorize?client_id=s6BhdRkqt3"
                   "&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3A6esc_11ACC5bwc014ltc14eY22c");
        /* An escaped value is unescaped into buf. */
        n = UNTOUCHED;
        CHECK_STATUS(jeton_oauth_par_response_parse(S(escaped), NULL, 0, &n, &par), JETON_ERR_BUFFER_TOO_SMALL);
        CHECK(n == 7);
        CHECK_STATUS(jeton_oauth_par_response_parse(S(escaped), buf, sizeof buf, &n, &par), JETON_OK);
        CHECK(n == 7 && inside(par.request_uri, buf, sizeof buf));
        CHECK_VIEW(par.request_uri, "urn:x/y");
        CHECK_STATUS(jeton_oauth_par_response_parse(S("{\"error\":\"invalid_request\"}"), buf, sizeof buf, &n, &par),
                     JETON_ERR_OAUTH_SERVER_ERROR);
        CHECK_STATUS(jeton_oauth_par_response_parse(S("{\"request_uri\":\"u\"}"), buf, sizeof buf, &n, &par),
                     JETON_ERR_OAUTH_RESPONSE_INVALID);
        CHECK_STATUS(jeton_oauth_par_response_parse(S("{\"request_uri\":\"u\",\"request_uri\":\"v\"}"), buf,
                                                    sizeof buf, &n, &par),
                     JETON_ERR_JSON_DUPLICATE_MEMBER);
        CHECK_STATUS(jeton_oauth_par_response_parse(S("[]"), buf, sizeof buf, &n, &par),
                     JETON_ERR_OAUTH_RESPONSE_INVALID);
        CHECK_STATUS(jeton_oauth_par_response_parse(NULL, 0, buf, sizeof buf, &n, &par), JETON_ERR_NULL_POINTER);
        CHECK_STATUS(jeton_oauth_par_response_parse(S(body), buf, sizeof buf, &n, NULL), JETON_ERR_NULL_POINTER);
        CHECK_STATUS(jeton_oauth_par_response_parse(S(body), buf, sizeof buf, NULL, &par), JETON_ERR_NULL_POINTER);
        CHECK_STATUS(jeton_oauth_par_response_parse((const uint8_t *)escaped, sizeof escaped - 1,
                                                    (uint8_t *)escaped + 4, 8, &n, &par),
                     JETON_ERR_OVERLAPPING_BUFFERS);
    }
    CHECK_STATUS(jeton_oauth_par_url(S("https://as/a#x"), S("c"), S("u"), out, sizeof out, &n),
                 JETON_ERR_OAUTH_ENDPOINT_INVALID);
    CHECK_STATUS(jeton_oauth_par_url(S("https://as/a"), S(""), S("u"), out, sizeof out, &n),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    CHECK_STATUS(jeton_oauth_par_url(S("https://as/a"), S("c"), S("\377"), out, sizeof out, &n),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    CHECK_STATUS(jeton_oauth_par_url(S("https://as/a"), S("c"), NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_par_url(S("https://as/a"), S("c"), S("u"), out, 4, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 38);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* Client authentication and token requests. */

/* The ID and secret a Basic value carries, form-decoded (RFC 6749 section
 * 2.3.1), are `id` and `secret`. */
static int basic_carries(const uint8_t *header, size_t len, jt_str id, jt_str secret) {
    uint8_t raw[512], dec[512];
    size_t n, colon, m;
    if (len < 6 || memcmp(header, "Basic ", 6) != 0) return 0;
    if (jeton_base64_decode(header + 6, len - 6, JETON_BASE64_STANDARD, JETON_BASE64_PADDED, raw, sizeof raw, &n) !=
        JETON_OK)
        return 0;
    for (colon = 0; colon < n && raw[colon] != ':'; colon++) {
    }
    if (colon == n) return 0;
    if (jeton_oauth_form_decode(raw, colon, dec, sizeof dec, &m) != JETON_OK || !jt_mem_eq(dec, m, id.s, id.n))
        return 0;
    if (jeton_oauth_form_decode(raw + colon + 1, n - colon - 1, dec, sizeof dec, &m) != JETON_OK) return 0;
    return jt_mem_eq(dec, m, secret.s, secret.n);
}

static jeton_oauth_client_auth client_auth(jeton_oauth_auth_method method, const char *id, const char *secret) {
    jeton_oauth_client_auth auth;
    memset(&auth, 0, sizeof auth);
    auth.method = method;
    auth.client_id = jt_bytes(id);
    if (secret != NULL) auth.client_secret = jt_bytes(secret);
    return auth;
}

static void test_client(void) {
    uint8_t out[4096], header[256];
    size_t n, h, i, exact = 0;
    jeton_oauth_client_auth auth;
    jeton_oauth_token_request req;
    jeton_bytes scope[16], resource[16];
    jeton_oauth_param extra[2];
    jt_context = "client";

    /* RFC 6749 section 4.1.3 with section 2.3.1's client, and its access
     * token request without PKCE. */
    auth = client_auth(JETON_OAUTH_AUTH_SECRET_BASIC, "s6BhdRkqt3", "gX1fBat3bV");
    CHECK_STATUS(jeton_oauth_client_auth_header(&auth, header, sizeof header, &h), JETON_OK);
    CHECK_TEXT(header, h, "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
    memset(&req, 0, sizeof req);
    req.grant = JETON_OAUTH_GRANT_AUTHORIZATION_CODE;
    req.code = jt_bytes("SplxlOBeZQQYbYS6WxSbIA");
    req.redirect_uri = jt_bytes("https://client.example.com/cb");
    req.flags = JETON_OAUTH_NO_PKCE;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n,
               "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
               "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb");
    /* With RFC 7636's verifier. */
    req.flags = 0;
    req.code_verifier = jt_bytes(RFC7636_VERIFIER);
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n,
               "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
               "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&code_verifier=" RFC7636_VERIFIER);
    /* RFC 6749 sections 2.3.1 and 6: the refresh request, with
     * client_secret_post and with Basic; section 4.4.2. */
    auth = client_auth(JETON_OAUTH_AUTH_SECRET_BASIC, "s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw");
    CHECK_STATUS(jeton_oauth_client_auth_header(&auth, header, sizeof header, &h), JETON_OK);
    CHECK_TEXT(header, h, "Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3");
    memset(&req, 0, sizeof req);
    req.grant = JETON_OAUTH_GRANT_REFRESH_TOKEN;
    req.refresh_token = jt_bytes("tGzv3JOkF0XG5Qx2TlKWIA");
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA");
    auth.method = JETON_OAUTH_AUTH_SECRET_POST;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n,
               "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"
               "&client_id=s6BhdRkqt3&client_secret=7Fjfp0ZBr1KtDRbnfVdmIw");
    h = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_client_auth_header(&auth, header, sizeof header, &h), JETON_OK);
    CHECK(h == 0);
    auth.method = JETON_OAUTH_AUTH_SECRET_BASIC;
    req.grant = JETON_OAUTH_GRANT_CLIENT_CREDENTIALS;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "grant_type=client_credentials");

    /* oauth4webapi's Basic values: the same credentials always; the same
     * bytes unless an ID or secret holds - _ . * (which it escapes). */
    for (i = 0; i < JT_COUNT(jt_basic_vecs); i++) {
        const jt_basic_vec *v = &jt_basic_vecs[i];
        memset(&auth, 0, sizeof auth);
        auth.method = JETON_OAUTH_AUTH_SECRET_BASIC;
        auth.client_id = V(v->client_id);
        auth.client_secret = V(v->client_secret);
        CHECK_STATUS(jeton_oauth_client_auth_header(&auth, header, sizeof header, &h), JETON_OK);
        CHECK(basic_carries(header, h, v->client_id, v->client_secret));
        if (v->exact) {
            CHECK_MEM(header, h, v->authorization.s, v->authorization.n);
            exact++;
        } else if (v->authorization.s != NULL) {
            CHECK(basic_carries((const uint8_t *)v->authorization.s, v->authorization.n, v->client_id,
                                v->client_secret));
        }
        memset(&req, 0, sizeof req);
        req.grant = JETON_OAUTH_GRANT_CLIENT_CREDENTIALS;
        CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_OK);
        CHECK_MEM(out, n, v->body.s, v->body.n);
    }
    CHECK(exact == 5);

    /* oauth4webapi's request bodies: the same segments, and the same
     * Authorization header. */
    for (i = 0; i < JT_COUNT(jt_token_request_vecs); i++) {
        const jt_token_request_vec *v = &jt_token_request_vecs[i];
        jeton_status s;
        if (v->grant == 5) continue; /* test_authorize */
        memset(&auth, 0, sizeof auth);
        auth.method = v->method;
        auth.client_id = V(v->auth_id);
        auth.client_secret = V(v->auth_secret);
        if (v->grant == 6) {
            s = jeton_oauth_device_authorization_body(views_of(v->scope, v->n_scope, scope), v->n_scope, NULL, 0,
                                                      &auth, out, sizeof out, &n);
        } else {
            memset(&req, 0, sizeof req);
            req.grant = (jeton_oauth_grant)v->grant;
            req.code = V(v->code);
            req.redirect_uri = V(v->redirect_uri);
            req.code_verifier = V(v->code_verifier);
            req.refresh_token = V(v->refresh_token);
            req.device_code = V(v->device_code);
            req.scope = views_of(v->scope, v->n_scope, scope);
            req.scope_count = v->n_scope;
            req.resource = views_of(v->resource, v->n_resource, resource);
            req.resource_count = v->n_resource;
            s = jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n);
        }
        CHECK_STATUS(s, JETON_OK);
        CHECK(same_segments(out, n, v->segments));
        h = UNTOUCHED;
        CHECK_STATUS(jeton_oauth_client_auth_header(&auth, header, sizeof header, &h), JETON_OK);
        if (v->authorization.s == NULL)
            CHECK(h == 0);
        else
            CHECK_MEM(header, h, v->authorization.s, v->authorization.n);
    }
    CHECK(i == 42);

    /* Each rule with its error, nothing written. */
    auth = client_auth(JETON_OAUTH_AUTH_NONE, "app", NULL);
    memset(&req, 0, sizeof req);
    req.grant = JETON_OAUTH_GRANT_AUTHORIZATION_CODE;
    req.code = jt_bytes("c");
    req.redirect_uri = jt_bytes("https://app.example/cb");
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_PKCE_VERIFIER_INVALID);
    req.code_verifier = jt_bytes("short");
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_PKCE_VERIFIER_INVALID);
    req.flags = JETON_OAUTH_NO_PKCE;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    req.flags = JETON_OAUTH_PKCE_PLAIN;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    req.flags = 0;
    req.code_verifier = jt_bytes(RFC7636_VERIFIER);
    req.code = jt_bytes("");
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_OAUTH_PARAMETER_INVALID);
    req.code = jt_bytes("c");
    extra[0].name = jt_bytes("client_secret");
    extra[0].value = jt_bytes("x");
    req.extra = extra;
    req.extra_count = 1;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n),
                 JETON_ERR_OAUTH_DUPLICATE_PARAMETER);
    extra[0].name = jt_bytes("code");
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n),
                 JETON_ERR_OAUTH_DUPLICATE_PARAMETER);
    extra[0].name = jt_bytes("\377");
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    req.extra = NULL;
    req.extra_count = 0;
    req.grant = 0;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    req.grant = JETON_OAUTH_GRANT_DEVICE_CODE;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    req.grant = JETON_OAUTH_GRANT_CLIENT_CREDENTIALS;
    auth.method = 7;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    auth = client_auth(JETON_OAUTH_AUTH_SECRET_POST, "", "s");
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_OAUTH_PARAMETER_INVALID);
    auth = client_auth(JETON_OAUTH_AUTH_SECRET_POST, "app", NULL);
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    auth = client_auth(JETON_OAUTH_AUTH_JWT, "app", NULL);
    auth.assertion = jt_bytes("");
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_ERR_OAUTH_PARAMETER_INVALID);
    CHECK_STATUS(jeton_oauth_client_auth_header(&auth, header, sizeof header, &h), JETON_ERR_OAUTH_PARAMETER_INVALID);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    auth = client_auth(JETON_OAUTH_AUTH_SECRET_POST, "app", "s");
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, 3, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == strlen("grant_type=client_credentials&client_id=app&client_secret=s") && jt_no_partial(out, 3, 'X'));
    CHECK_STATUS(jeton_oauth_token_request_body(NULL, &auth, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_token_request_body(&req, NULL, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, (uint8_t *)&auth, sizeof auth, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    auth = client_auth(JETON_OAUTH_AUTH_SECRET_BASIC, "app", "s");
    h = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_client_auth_header(&auth, header, 4, &h), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(h == 14);
    CHECK_STATUS(jeton_oauth_client_auth_header(NULL, header, sizeof header, &h), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_client_auth_header(&auth, header, sizeof header, NULL), JETON_ERR_NULL_POINTER);
    auth.method = 4;
    CHECK_STATUS(jeton_oauth_client_auth_header(&auth, header, sizeof header, &h), JETON_ERR_INVALID_ARGUMENT);

    /* The device authorization request (RFC 8628 section 3.1), in another
     * order than the RFC's example. */
    auth = client_auth(JETON_OAUTH_AUTH_NONE, "1406020730", NULL);
    scope[0] = jt_bytes("example_scope");
    CHECK_STATUS(jeton_oauth_device_authorization_body(scope, 1, NULL, 0, &auth, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "scope=example_scope&client_id=1406020730");
    extra[0].name = jt_bytes("scope");
    extra[0].value = jt_bytes("x");
    CHECK_STATUS(jeton_oauth_device_authorization_body(scope, 1, extra, 1, &auth, out, sizeof out, &n),
                 JETON_ERR_OAUTH_DUPLICATE_PARAMETER);
    extra[0].name = jt_bytes("audience");
    CHECK_STATUS(jeton_oauth_device_authorization_body(NULL, 0, extra, 1, &auth, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "audience=x&client_id=1406020730");
    CHECK_STATUS(jeton_oauth_device_authorization_body(NULL, 3, NULL, 0, &auth, out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_oauth_device_authorization_body(NULL, 0, NULL, 0, NULL, out, sizeof out, &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_device_authorization_body(scope, 1, NULL, 0, &auth, out, 5, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 40);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* Client assertions (RFC 7523), checked against oauth4webapi's. */

static void test_client_assertion(void) {
    static jeton_jwt_key_set keys, public_keys;
    uint8_t out[2048], buf[2048], text[128];
    size_t n, used, t, i;
    jeton_jwt_validation val;
    jeton_jwt_verified claims;
    jeton_bytes aud;
    jeton_oauth_client_auth auth;
    jeton_oauth_token_request req;
    jt_entropy e;
    jt_context = "client assertion";

    for (i = 0; i < JT_COUNT(jt_assertion_vecs); i++) {
        const jt_assertion_vec *v = &jt_assertion_vecs[i];
        CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, (const uint8_t *)v->jwk.s, v->jwk.n), JETON_OK);
        e.bytes = (const uint8_t *)v->jti_random.s;
        e.len = v->jti_random.n;
        e.calls = 0;
        CHECK_STATUS(jeton_oauth_client_assertion(&keys, 0, V(v->client_id).ptr, v->client_id.n, V(v->audience).ptr,
                                                  v->audience.n, v->now, fill_from, &e, out, sizeof out, &n),
                     JETON_OK);
        CHECK(e.calls == 1);
        /* What the token endpoint checks, with the public key. */
        CHECK_STATUS(jeton_jwt_key_set_init(&public_keys), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_jwk(&public_keys, (const uint8_t *)v->public_jwk.s, v->public_jwk.n),
                     JETON_OK);
        memset(&val, 0, sizeof val);
        val.now = v->now + 30;
        aud = V(v->client_id);
        val.issuers = &aud;
        val.issuer_count = 1;
        {
            jeton_bytes audience = V(v->audience);
            val.audiences = &audience;
            val.audience_count = 1;
            CHECK_STATUS(jeton_jwt_verify(&public_keys, out, n, &val, buf, sizeof buf, &used, &claims), JETON_OK);
        }
        /* oauth4webapi's claims: iss = sub = client, aud, iat, exp, the same
         * jti from the same randomness. */
        CHECK(claims.algorithm == v->alg);
        CHECK(claims.exp == v->now + 60 && claims.iat == v->now);
        CHECK_STATUS(jeton_jwt_verified_claim_str(&claims, S("iss"), text, sizeof text, &t), JETON_OK);
        CHECK_MEM(text, t, v->client_id.s, v->client_id.n);
        CHECK_STATUS(jeton_jwt_verified_claim_str(&claims, S("sub"), text, sizeof text, &t), JETON_OK);
        CHECK_MEM(text, t, v->client_id.s, v->client_id.n);
        CHECK(view_is(claims.jti, v->jti));
        CHECK(v->kid.s == NULL ? claims.kid.ptr == NULL : view_is(claims.kid, v->kid));
        /* The body that carries oauth4webapi's assertion. */
        memset(&auth, 0, sizeof auth);
        auth.method = JETON_OAUTH_AUTH_JWT;
        auth.client_id = V(v->client_id);
        auth.assertion = V(v->assertion);
        memset(&req, 0, sizeof req);
        req.grant = JETON_OAUTH_GRANT_CLIENT_CREDENTIALS;
        CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_OK);
        CHECK(same_segments(out, n, v->segments));
        CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_clear(&public_keys), JETON_OK);
    }
    CHECK(i == 4);

    /* Errors: nothing written, and the entropy drawn only once the inputs
     * are known good. */
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, (const uint8_t *)jt_assertion_vecs[0].jwk.s,
                                                   jt_assertion_vecs[0].jwk.n),
                 JETON_OK);
    /* RFC 8037 appendix A.2's public key: it cannot sign. */
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(
                     &keys, S("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}")),
                 JETON_OK);
    e.bytes = (const uint8_t *)jt_assertion_vecs[0].jti_random.s;
    e.len = 32;
    e.calls = 0;
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 1, S("c"), S("https://as"), T0, fill_from, &e, out, sizeof out,
                                              &n),
                 JETON_ERR_JWT_KEY_INVALID);
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 2, S("c"), S("https://as"), T0, fill_from, &e, out, sizeof out,
                                              &n),
                 JETON_ERR_JWT_KEY_NOT_FOUND);
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 0, S(""), S("https://as"), T0, fill_from, &e, out, sizeof out,
                                              &n),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 0, S("c"), S("\377"), T0, fill_from, &e, out, sizeof out, &n),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    CHECK(e.calls == 0);
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 0, S("c"), S("https://as"), T0, fill_fails, NULL, out,
                                              sizeof out, &n),
                 JETON_ERR_ENTROPY_UNAVAILABLE);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 0, S("c"), S("https://as"), T0, fill_from, &e, out, 16, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n > 16 && jt_no_partial(out, 16, 'X'));
    CHECK_STATUS(jeton_oauth_client_assertion(NULL, 0, S("c"), S("https://as"), T0, fill_from, &e, out, sizeof out,
                                              &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 0, S("c"), S("https://as"), T0, NULL, NULL, out, sizeof out,
                                              &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 0, NULL, 0, S("https://as"), T0, fill_from, &e, out, sizeof out,
                                              &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 0, S("c"), S("https://as"), T0, fill_from, &e, (uint8_t *)&keys,
                                              64, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_oauth_client_assertion(&keys, 0, S("c"), S("https://as"), T0, fill_from, &e, out, sizeof out,
                                              &n),
                 JETON_ERR_NOT_INITIALIZED);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* Callbacks (RFC 6749 sections 4.1.2 and 4.1.2.1, RFC 9207). */

static jeton_oauth_callback_check callback_check(const char *issuer, jeton_oauth_flags flags) {
    jeton_oauth_callback_check check;
    memset(&check, 0, sizeof check);
    if (issuer != NULL) check.issuer = jt_bytes(issuer);
    check.flags = flags;
    return check;
}

static void test_callback(void) {
    uint8_t buf[512];
    size_t n, i, agree = 0;
    jeton_oauth_callback cb, untouched;
    jeton_oauth_callback_check check;
    jeton_bytes q;
    static const char location[] = "https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz";
    jt_context = "callback";

    /* RFC 6749 section 4.1.2. */
    check = callback_check(NULL, JETON_OAUTH_IGNORE_ISSUER);
    CHECK_STATUS(jeton_oauth_form_query(S(location), &q), JETON_OK);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_callback_parse(q.ptr, q.len, &check, NULL, 0, &n, &cb), JETON_OK);
    CHECK(n == 0 && cb.outcome == JETON_OK && cb.error.ptr == NULL && cb.iss.ptr == NULL);
    CHECK_VIEW(cb.code, "SplxlOBeZQQYbYS6WxSbIA");
    CHECK_VIEW(cb.state, "xyz");
    CHECK(inside(cb.code, (const uint8_t *)location, sizeof location));
    /* Section 4.1.2.1. */
    CHECK_STATUS(jeton_oauth_callback_parse(S("error=access_denied&state=xyz"), &check, NULL, 0, &n, &cb), JETON_OK);
    CHECK(cb.code.ptr == NULL && cb.outcome == JETON_ERR_OAUTH_ACCESS_DENIED);
    CHECK(cb.error_code == JETON_OAUTH_ERROR_ACCESS_DENIED);
    CHECK_VIEW(cb.error, "access_denied");
    CHECK_VIEW(cb.state, "xyz");
    CHECK_STATUS(jeton_oauth_callback_parse(S("error=invalid_request&error_description=Unsupported%20response_type"
                                              "+value&error_uri=https%3A%2F%2Fas%2Fe&state=xyz"),
                                            &check, buf, sizeof buf, &n, &cb),
                 JETON_OK);
    CHECK(cb.outcome == JETON_ERR_OAUTH_SERVER_ERROR && cb.error_code == JETON_OAUTH_ERROR_INVALID_REQUEST);
    CHECK_VIEW(cb.error_description, "Unsupported response_type value");
    CHECK_VIEW(cb.error_uri, "https://as/e");
    CHECK(n == 43 && inside(cb.error_description, buf, sizeof buf) && inside(cb.error_uri, buf, sizeof buf));
    CHECK_STATUS(jeton_oauth_callback_parse(S("error=whatever&state=xyz"), &check, NULL, 0, &n, &cb), JETON_OK);
    CHECK(cb.error_code == JETON_OAUTH_ERROR_OTHER && cb.outcome == JETON_ERR_OAUTH_SERVER_ERROR);

    /* RFC 9207: iss checked when present, required when advertised. */
    check = callback_check("https://server.example.com", JETON_OAUTH_ISS_REQUIRED);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=https%3A%2F%2Fserver.example.com"),
                                            &check, buf, sizeof buf, &n, &cb),
                 JETON_OK);
    CHECK_VIEW(cb.iss, "https://server.example.com");
    CHECK(n == 26);
    memset(&untouched, 0x5A, sizeof untouched);
    cb = untouched;
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x&state=xyz&iss=https%3A%2F%2Fevil.example"), &check, buf,
                                            sizeof buf, &n, &cb),
                 JETON_ERR_OAUTH_ISSUER_MISMATCH);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x&state=xyz"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_OAUTH_ISSUER_MISMATCH);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x&code=y"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_OAUTH_DUPLICATE_PARAMETER);
    check.flags = 0;
    CHECK_STATUS(jeton_oauth_callback_parse(S("state=xyz"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_OAUTH_CALLBACK_INVALID);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=&state=xyz"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_OAUTH_CALLBACK_INVALID);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x&error=access_denied"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_OAUTH_CALLBACK_INVALID);
    check.max_pairs = 2;
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x&state=y&a=b"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_TOO_MANY_ITEMS);
    check.max_pairs = 0;
    check.flags = JETON_OAUTH_IGNORE_ISSUER;
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_INVALID_ARGUMENT);
    check = callback_check(NULL, 0);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_INVALID_ARGUMENT);
    check = callback_check("\377", 0);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_OAUTH_PARAMETER_INVALID);
    check = callback_check("https://as", 1u << 20);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x"), &check, buf, sizeof buf, &n, &cb),
                 JETON_ERR_INVALID_ARGUMENT);
    check = callback_check("https://as", 0);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=a%20b"), &check, buf, 2, &n, &cb), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 3 && jt_no_partial(buf, 2, 'X') && buf[2] == 'X');
    CHECK(memcmp(&cb, &untouched, sizeof cb) == 0);
    CHECK_STATUS(jeton_oauth_callback_parse(NULL, 0, &check, buf, sizeof buf, &n, &cb), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x"), NULL, buf, sizeof buf, &n, &cb), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x"), &check, buf, sizeof buf, NULL, &cb), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_callback_parse(S("code=x"), &check, buf, sizeof buf, &n, NULL), JETON_ERR_NULL_POINTER);
    memcpy(buf, "code=a%20b", 10);
    CHECK_STATUS(jeton_oauth_callback_parse(buf, 10, &check, buf + 10, 10, &n, &cb), JETON_OK);
    CHECK_STATUS(jeton_oauth_callback_parse(buf, 10, &check, buf + 4, 10, &n, &cb), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_oauth_callback_parse(buf, 10, &check, (uint8_t *)&cb, sizeof cb, &n, &cb),
                 JETON_ERR_OVERLAPPING_BUFFERS);

    /* oauth4webapi's verdicts on 70 callbacks, with the state expected and
     * iss required or not; jeton's where they part ways on purpose. */
    for (i = 0; i < JT_COUNT(jt_callback_vecs); i++) {
        const jt_callback_vec *v = &jt_callback_vecs[i];
        jeton_status s;
        int verdict;
        check = callback_check(jt_oauth_client_issuer.s, v->iss_required ? JETON_OAUTH_ISS_REQUIRED : 0);
        s = jeton_oauth_callback_parse((const uint8_t *)v->query.s, v->query.n, &check, buf, sizeof buf, &n, &cb);
        if (s != JETON_OK || !view_is(cb.state, v->expected_state))
            verdict = JT_OAUTH_INVALID;
        else if (cb.outcome == JETON_OK)
            verdict = JT_OAUTH_OK;
        else
            verdict = JT_OAUTH_ERROR;
        jt_context = v->query.s;
        CHECK(verdict == v->verdict);
        if (verdict == JT_OAUTH_OK) CHECK(view_is(cb.code, v->code));
        if (verdict == JT_OAUTH_ERROR) CHECK(view_is(cb.error, v->error));
        agree += verdict == v->verdict;
    }
    jt_context = "callback";
    CHECK(agree == 70);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* Token and error responses (RFC 6749 section 5). */

/* RFC 6749 section 5.1's example. */
static const char rfc6749_token_response[] = "{\n"
                                             "  \"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\n"
                                             "  \"token_type\":\"example\",\n"
                                             "  \"expires_in\":3600,\n"
                                             "  \"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\",\n"
                                             "  \"example_parameter\":\"example_value\"\n"
                                             "}";

static void test_responses(void) {
    uint8_t buf[1024];
    size_t n, i, agree = 0;
    jeton_oauth_token_response t, untouched;
    jeton_oauth_error_response e;
    char body[512];
    char *at;
    jt_context = "responses";

    /* "example" stands for a type a client cannot use; as Bearer the
     * response reads as the RFC says. */
    CHECK_STATUS(jeton_oauth_token_response_parse(S(rfc6749_token_response), NULL, 0, &n, &t),
                 JETON_ERR_OAUTH_TOKEN_TYPE_UNSUPPORTED);
    memcpy(body, rfc6749_token_response, sizeof rfc6749_token_response);
    at = strstr(body, "\"example\"");
    memcpy(at, "\"Bearer\" ", 9);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_token_response_parse((const uint8_t *)body, strlen(body), NULL, 0, &n, &t), JETON_OK);
    CHECK(n == 0 && t.token_type == JETON_OAUTH_TOKEN_BEARER);
    CHECK_VIEW(t.access_token, "2YotnFZFEjr1zCsicMWpAA");
    CHECK_VIEW(t.refresh_token, "tGzv3JOkF0XG5Qx2TlKWIA");
    CHECK(t.expires_in == 3600 && (t.flags & JETON_OAUTH_HAS_EXPIRES_IN));
    CHECK(t.scope.ptr == NULL && t.id_token.ptr == NULL);
    /* Section 5.2. */
    CHECK_STATUS(jeton_oauth_token_response_parse(S("{\n  \"error\":\"invalid_request\"\n}"), NULL, 0, &n, &t),
                 JETON_ERR_OAUTH_SERVER_ERROR);
    CHECK_STATUS(jeton_oauth_error_response_parse(S("{\n  \"error\":\"invalid_request\"\n}"), NULL, 0, &n, &e),
                 JETON_OK);
    CHECK(e.error_code == JETON_OAUTH_ERROR_INVALID_REQUEST && e.outcome == JETON_ERR_OAUTH_SERVER_ERROR);
    CHECK_VIEW(e.error, "invalid_request");
    CHECK(e.error_description.ptr == NULL && e.error_uri.ptr == NULL);
    CHECK_STATUS(jeton_oauth_error_response_parse(
                     S("{\"error\":\"slow_down\",\"error_description\":\"\\u00e9\",\"error_uri\":7}"), buf,
                     sizeof buf, &n, &e),
                 JETON_OK);
    CHECK(e.error_code == JETON_OAUTH_ERROR_SLOW_DOWN && e.outcome == JETON_ERR_OAUTH_SERVER_ERROR);
    CHECK_VIEW(e.error_description, "\303\251");
    CHECK(n == 2 && e.error_uri.ptr == NULL);
    CHECK_STATUS(jeton_oauth_error_response_parse(S("{\"error\":\"expired_token\"}"), NULL, 0, &n, &e), JETON_OK);
    CHECK(e.outcome == JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED && e.error_code == JETON_OAUTH_ERROR_EXPIRED_TOKEN);
    CHECK_STATUS(jeton_oauth_error_response_parse(S("{\"error\":\"access_denied\"}"), NULL, 0, &n, &e), JETON_OK);
    CHECK(e.outcome == JETON_ERR_OAUTH_ACCESS_DENIED);
    CHECK_STATUS(jeton_oauth_error_response_parse(S("{\"error\":\"\"}"), NULL, 0, &n, &e),
                 JETON_ERR_OAUTH_RESPONSE_INVALID);
    CHECK_STATUS(jeton_oauth_error_response_parse(S("{\"error\":"), NULL, 0, &n, &e),
                 JETON_ERR_JSON_UNEXPECTED_END);
    CHECK_STATUS(jeton_oauth_error_response_parse(NULL, 0, NULL, 0, &n, &e), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_error_response_parse(S("{\"error\":\"x\"}"), NULL, 0, &n, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_error_response_parse(S("{\"error\":\"x\\/y\"}"), buf, 1, &n, &e),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 3);

    /* Text with escapes is unescaped into buf; a numeric string is an
     * expires_in; an error member wins. */
    CHECK_STATUS(jeton_oauth_token_response_parse(
                     S("{\"access_token\":\"a\\/b\",\"token_type\":\"dpop\",\"expires_in\":\"59.9\","
                       "\"scope\":\"read write\",\"id_token\":\"x.y.z\"}"),
                     buf, sizeof buf, &n, &t),
                 JETON_OK);
    CHECK(n == 3 && inside(t.access_token, buf, sizeof buf));
    CHECK_VIEW(t.access_token, "a/b");
    CHECK(t.token_type == JETON_OAUTH_TOKEN_DPOP && t.expires_in == 59);
    CHECK_VIEW(t.scope, "read write");
    CHECK_VIEW(t.id_token, "x.y.z");
    memset(&untouched, 0x5A, sizeof untouched);
    t = untouched;
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_token_response_parse(S("{\"access_token\":\"a\\/b\",\"token_type\":\"Bearer\"}"), buf, 2,
                                                  &n, &t),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 3 && jt_no_partial(buf, 2, 'X') && buf[2] == 'X');
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_token_response_parse(
                     S("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"error\":\"access_denied\"}"), buf,
                     sizeof buf, &n, &t),
                 JETON_ERR_OAUTH_ACCESS_DENIED);
    CHECK_STATUS(jeton_oauth_token_response_parse(S("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":-1}"),
                                                  buf, sizeof buf, &n, &t),
                 JETON_ERR_OAUTH_RESPONSE_INVALID);
    CHECK_STATUS(jeton_oauth_token_response_parse(S("{\"access_token\":null,\"token_type\":\"Bearer\"}"), buf,
                                                  sizeof buf, &n, &t),
                 JETON_ERR_OAUTH_RESPONSE_INVALID);
    CHECK(n == UNTOUCHED && memcmp(&t, &untouched, sizeof t) == 0);
    CHECK_STATUS(jeton_oauth_token_response_parse(NULL, 0, buf, sizeof buf, &n, &t), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_token_response_parse(S("{}"), buf, sizeof buf, NULL, &t), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_token_response_parse(S("{}"), NULL, 3, &n, &t), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_token_response_parse(S("{}"), buf, SIZE_MAX, &n, &t), JETON_ERR_INVALID_ARGUMENT);
    memcpy(buf, "{\"access_token\":\"a\\/b\",\"token_type\":\"Bearer\"}", 45);
    CHECK_STATUS(jeton_oauth_token_response_parse(buf, 45, buf + 40, 10, &n, &t), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_oauth_token_response_parse(buf, 45, (uint8_t *)&t, sizeof t, &n, &t),
                 JETON_ERR_OVERLAPPING_BUFFERS);

    /* oauth4webapi's verdicts on 63 responses, and the values it read. */
    for (i = 0; i < JT_COUNT(jt_token_response_vecs); i++) {
        const jt_token_response_vec *v = &jt_token_response_vecs[i];
        int verdict;
        jeton_status s =
            jeton_oauth_token_response_parse((const uint8_t *)v->body.s, v->body.n, buf, sizeof buf, &n, &t);
        jt_context = v->body.s;
        if (s == JETON_OK) {
            verdict = JT_OAUTH_OK;
            if (v->access_token.s != NULL) {
                CHECK(view_is(t.access_token, v->access_token));
                CHECK(t.token_type == v->token_type);
                CHECK(!!(t.flags & JETON_OAUTH_HAS_EXPIRES_IN) == v->has_expires_in);
                CHECK(t.expires_in == v->expires_in);
                CHECK(view_is(t.refresh_token, v->refresh_token));
                CHECK(view_is(t.scope, v->scope));
            }
        } else if (s == JETON_ERR_OAUTH_SERVER_ERROR || s == JETON_ERR_OAUTH_ACCESS_DENIED ||
                   s == JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED) {
            verdict = JT_OAUTH_ERROR;
            CHECK_STATUS(jeton_oauth_error_response_parse((const uint8_t *)v->body.s, v->body.n, buf, sizeof buf, &n,
                                                          &e),
                         JETON_OK);
            CHECK(view_is(e.error, v->error));
            CHECK(e.outcome == s);
        } else if (s == JETON_ERR_OAUTH_TOKEN_TYPE_UNSUPPORTED) {
            verdict = JT_OAUTH_UNSUPPORTED;
        } else {
            verdict = JT_OAUTH_INVALID;
        }
        CHECK(verdict == v->verdict);
        agree += verdict == v->verdict;
    }
    jt_context = "responses";
    CHECK(agree == 63);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* The device authorization grant (RFC 8628). */

/* RFC 8628 section 3.2's response. */
static const char rfc8628_response[] = "{\n"
                                       "  \"device_code\": \"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS\",\n"
                                       "  \"user_code\": \"WDJB-MJHT\",\n"
                                       "  \"verification_uri\": \"https://example.com/device\",\n"
                                       "  \"verification_uri_complete\":\n"
                                       "      \"https://example.com/device?user_code=WDJB-MJHT\",\n"
                                       "  \"expires_in\": 1800,\n"
                                       "  \"interval\": 5\n"
                                       "}";

static jeton_status poll(jeton_oauth_device_poller *p, const char *body, int64_t now, jeton_oauth_poll *out) {
    uint8_t buf[256];
    size_t n;
    return jeton_oauth_device_poller_on_response(p, (const uint8_t *)body, strlen(body), now, buf, sizeof buf, &n,
                                                 out);
}

static void test_device(void) {
    uint8_t out[256], buf[512];
    size_t n, i, agree = 0;
    jeton_oauth_device_authorization d;
    jeton_oauth_client_auth auth;
    jeton_oauth_token_request req;
    jeton_oauth_device_poller poller, zero, copy;
    jeton_oauth_device_poll_info info;
    jeton_oauth_poll p;
    jeton_oauth_error_response e;
    uint64_t wait;
    int64_t next;
    const int64_t now = 1000000;
    static const char pending[] = "{\"error\":\"authorization_pending\"}";
    static const char slow[] = "{\"error\":\"slow_down\"}";
    jt_context = "device";

    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_device_authorization_parse(S(rfc8628_response), NULL, 0, &n, &d), JETON_OK);
    CHECK(n == 0);
    CHECK_VIEW(d.device_code, "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS");
    CHECK_VIEW(d.user_code, "WDJB-MJHT");
    CHECK_VIEW(d.verification_uri, "https://example.com/device");
    CHECK_VIEW(d.verification_uri_complete, "https://example.com/device?user_code=WDJB-MJHT");
    CHECK(d.expires_in == 1800 && d.interval == 5);
    /* Section 3.4: the token request. */
    memset(&auth, 0, sizeof auth);
    auth.client_id = jt_bytes("1406020730");
    memset(&req, 0, sizeof req);
    req.grant = JETON_OAUTH_GRANT_DEVICE_CODE;
    req.device_code = d.device_code;
    CHECK_STATUS(jeton_oauth_token_request_body(&req, &auth, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n,
               "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"
               "&device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS&client_id=1406020730");

    /* Section 3.5: every error code, and the expiry. */
    CHECK_STATUS(jeton_oauth_device_poller_init(&poller, S(rfc8628_response), now), JETON_OK);
    CHECK_STATUS(jeton_oauth_device_poller_wait(&poller, now, &wait), JETON_OK);
    CHECK(wait == 5);
    CHECK_STATUS(poll(&poller, pending, now + 5, &p), JETON_OK);
    CHECK(p.kind == JETON_OAUTH_POLL_PENDING && p.next_poll_at == now + 10);
    CHECK_STATUS(poll(&poller, slow, now + 10, &p), JETON_OK);
    CHECK(p.next_poll_at == now + 20);
    CHECK_STATUS(poll(&poller, slow, now + 20, &p), JETON_OK);
    CHECK(p.next_poll_at == now + 35);
    CHECK_STATUS(jeton_oauth_device_poller_info(&poller, &info), JETON_OK);
    CHECK(info.interval == 15 && info.expires_at == now + 1800 && info.next_poll_at == now + 35);
    CHECK_STATUS(jeton_oauth_device_poller_wait(&poller, now + 30, &wait), JETON_OK);
    CHECK(wait == 5);
    CHECK_STATUS(poll(&poller, pending, now + 35, &p), JETON_OK);
    CHECK(p.next_poll_at == now + 50);
    CHECK_STATUS(poll(&poller, "{\"error\":\"access_denied\"}", now + 50, &p), JETON_ERR_OAUTH_ACCESS_DENIED);
    CHECK_STATUS(poll(&poller, "{\"error\":\"expired_token\"}", now + 50, &p), JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED);
    CHECK_STATUS(poll(&poller, "{\"error\":\"invalid_grant\"}", now + 50, &p), JETON_ERR_OAUTH_SERVER_ERROR);
    CHECK_STATUS(poll(&poller, "not json", now + 50, &p), JETON_ERR_JSON_SYNTAX);
    /* No answer: the interval doubles (exponential back-off). */
    CHECK_STATUS(jeton_oauth_device_poller_on_no_response(&poller, now + 50, &next), JETON_OK);
    CHECK(next == now + 80);
    /* The device code lives 1800 seconds: no poll is due after that, and
     * a refusal leaves the poller as it was. */
    memcpy(&copy, &poller, sizeof copy);
    next = 0;
    CHECK_STATUS(poll(&poller, pending, now + 1790, &p), JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED);
    CHECK_STATUS(jeton_oauth_device_poller_on_no_response(&poller, now + 1790, &next),
                 JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED);
    CHECK(next == 0 && memcmp(&copy, &poller, sizeof copy) == 0);
    CHECK_STATUS(jeton_oauth_device_poller_wait(&poller, now + 1800, &wait), JETON_ERR_OAUTH_DEVICE_CODE_EXPIRED);
    /* The tokens. */
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_device_poller_on_response(
                     &poller, S("{\"access_token\":\"a\\/t\",\"token_type\":\"Bearer\",\"expires_in\":60}"),
                     now + 80, buf, sizeof buf, &n, &p),
                 JETON_OK);
    CHECK(p.kind == JETON_OAUTH_POLL_TOKEN && n == 3);
    CHECK_VIEW(p.token.access_token, "a/t");
    CHECK(p.token.expires_in == 60 && p.token.token_type == JETON_OAUTH_TOKEN_BEARER);
    CHECK_STATUS(jeton_oauth_device_poller_on_response(
                     &poller, S("{\"access_token\":\"a\\/t\",\"token_type\":\"Bearer\"}"), now + 80, buf, 1, &n, &p),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 3);
    /* Arguments. */
    memset(&zero, 0, sizeof zero);
    CHECK_STATUS(jeton_oauth_device_poller_wait(&zero, now, &wait), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(poll(&zero, pending, now, &p), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_oauth_device_poller_on_no_response(&zero, now, &next), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_oauth_device_poller_info(&zero, &info), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_oauth_device_poller_init(&zero, S("{}"), now), JETON_ERR_OAUTH_RESPONSE_INVALID);
    CHECK_STATUS(jeton_oauth_device_poller_wait(&zero, now, &wait), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_oauth_device_poller_init(NULL, S(rfc8628_response), now), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_device_poller_init(&zero, NULL, 0, now), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_device_poller_init((jeton_oauth_device_poller *)jt_misaligned(buf), S(rfc8628_response),
                                                now),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_oauth_device_poller_wait(&poller, now, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_device_poller_wait(NULL, now, &wait), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_device_poller_info(&poller, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_device_poller_on_no_response(&poller, now, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_device_poller_on_no_response(&poller, now, (int64_t *)&poller),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_oauth_device_poller_info(&poller, (jeton_oauth_device_poll_info *)&poller),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_oauth_device_poller_on_response(&poller, S(pending), now, buf, sizeof buf, &n, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_device_poller_on_response(&poller, (const uint8_t *)&poller, 8, now, buf, sizeof buf, &n,
                                                       &p),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK(sizeof(jeton_oauth_device_poller) == JETON_OAUTH_DEVICE_POLLER_SIZE);

    /* Parse errors, nothing written. */
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_device_authorization_parse(S("{\"error\":\"invalid_client\"}"), buf, sizeof buf, &n, &d),
                 JETON_ERR_OAUTH_SERVER_ERROR);
    CHECK_STATUS(jeton_oauth_device_authorization_parse(
                     S("{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"v\",\"expires_in\":1,"
                       "\"interval\":0}"),
                     buf, sizeof buf, &n, &d),
                 JETON_ERR_OAUTH_RESPONSE_INVALID);
    CHECK(n == UNTOUCHED && jt_no_partial(buf, sizeof buf, 'X'));
    CHECK_STATUS(jeton_oauth_device_authorization_parse(
                     S("{\"device_code\":\"d\",\"user_code\":\"\\u0055\",\"verification_uri\":\"v\",\"expires_in\":1}"),
                     buf, 0, &n, &d),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 1);
    CHECK_STATUS(jeton_oauth_device_authorization_parse(NULL, 0, buf, sizeof buf, &n, &d), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_device_authorization_parse(S("{}"), buf, sizeof buf, &n, NULL), JETON_ERR_NULL_POINTER);

    /* oauth4webapi's verdicts on 24 responses, and the values it read. */
    for (i = 0; i < JT_COUNT(jt_device_vecs); i++) {
        const jt_device_vec *v = &jt_device_vecs[i];
        int verdict;
        jeton_status s =
            jeton_oauth_device_authorization_parse((const uint8_t *)v->body.s, v->body.n, buf, sizeof buf, &n, &d);
        jt_context = v->body.s;
        if (s == JETON_OK) {
            verdict = JT_OAUTH_OK;
            CHECK(view_is(d.device_code, v->device_code) && view_is(d.user_code, v->user_code));
            CHECK(view_is(d.verification_uri, v->verification_uri));
            CHECK(view_is(d.verification_uri_complete, v->verification_uri_complete));
            CHECK(d.expires_in == v->expires_in && d.interval == v->interval);
        } else if (s == JETON_ERR_OAUTH_SERVER_ERROR || s == JETON_ERR_OAUTH_ACCESS_DENIED) {
            verdict = JT_OAUTH_ERROR;
            CHECK_STATUS(jeton_oauth_error_response_parse((const uint8_t *)v->body.s, v->body.n, buf, sizeof buf, &n,
                                                          &e),
                         JETON_OK);
            CHECK(view_is(e.error, v->error));
        } else {
            verdict = JT_OAUTH_INVALID;
        }
        CHECK(verdict == v->verdict);
        agree += verdict == v->verdict;
    }
    jt_context = "device";
    CHECK(agree == 24);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* Provider metadata (RFC 8414, OpenID Connect Discovery). */

static void test_metadata(void) {
    uint8_t buf[4096];
    size_t n, i;
    jeton_oauth_metadata m, untouched;
    bool found;
    jt_context = "metadata";

    for (i = 0; i < JT_COUNT(jt_metadata_vecs); i++) {
        const jt_metadata_vec *v = &jt_metadata_vecs[i];
        jeton_status s = jeton_oauth_metadata_parse(
            (const uint8_t *)v->document.s, v->document.n, (const uint8_t *)v->expected_issuer.s,
            v->expected_issuer.n, v->openid ? JETON_OAUTH_PROFILE_OPENID : JETON_OAUTH_PROFILE_OAUTH, buf,
            sizeof buf, &n, &m);
        jt_context = v->name.s;
        CHECK_STATUS(s, v->expect);
        CHECK((s == JETON_OK) == (v->peer_accepts != v->deviation));
        if (s != JETON_OK) continue;
        CHECK(view_is(m.issuer, v->expected_issuer));
        if (strcmp(v->name.s, "openid-full") == 0) {
            CHECK(m.flags & JETON_OAUTH_SUPPORTS_S256);
            CHECK(m.flags & JETON_OAUTH_ISS_PARAMETER_SUPPORTED);
            CHECK(view_is_text(m.token_endpoint, "https://as.example.com/token"));
            CHECK(view_is_text(m.device_authorization_endpoint, "https://as.example.com/device"));
            CHECK_STATUS(jeton_oauth_metadata_list_contains(m.dpop_signing_alg_values_supported.ptr,
                                                            m.dpop_signing_alg_values_supported.len, S("EdDSA"),
                                                            &found),
                         JETON_OK);
            CHECK(found);
            CHECK_STATUS(jeton_oauth_metadata_list_contains(m.grant_types_supported.ptr, m.grant_types_supported.len,
                                                            S("refresh_token"), &found),
                         JETON_OK);
            CHECK(found);
            CHECK_STATUS(jeton_oauth_metadata_list_contains(m.grant_types_supported.ptr, m.grant_types_supported.len,
                                                            S("implicit"), &found),
                         JETON_OK);
            CHECK(!found);
        }
        if (strcmp(v->name.s, "escaped-slashes") == 0) {
            /* https:\/\/ as PHP writes it, unescaped into buf. */
            CHECK(view_is_text(m.jwks_uri, "https://as.example.com/jwks"));
            CHECK(inside(m.jwks_uri, buf, sizeof buf));
        }
    }
    jt_context = "metadata";
    CHECK(i == 16);

    /* RFC 8414 section 3.2's example, and the defaults of absent lists. */
    {
        static const char doc[] =
            "{\"issuer\":\"https://server.example.com\",\"authorization_endpoint\":"
            "\"https://server.example.com/authorize\",\"token_endpoint\":\"https://server.example.com/token\","
            "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"private_key_jwt\"],"
            "\"token_endpoint_auth_signing_alg_values_supported\":[\"RS256\",\"ES256\"],"
            "\"userinfo_endpoint\":\"https://server.example.com/userinfo\","
            "\"jwks_uri\":\"https://server.example.com/jwks.json\","
            "\"registration_endpoint\":\"https://server.example.com/register\","
            "\"scopes_supported\":[\"openid\",\"profile\",\"email\",\"address\",\"phone\",\"offline_access\"],"
            "\"response_types_supported\":[\"code\",\"code token\"],"
            "\"service_documentation\":\"http://server.example.com/service_documentation.html\","
            "\"ui_locales_supported\":[\"en-US\",\"en-GB\",\"en-CA\",\"fr-FR\",\"fr-CA\"]}";
        n = UNTOUCHED;
        CHECK_STATUS(jeton_oauth_metadata_parse(S(doc), S("https://server.example.com"), JETON_OAUTH_PROFILE_OAUTH,
                                                NULL, 0, &n, &m),
                     JETON_OK);
        CHECK(n == 0 && m.flags == 0);
        CHECK_VIEW(m.registration_endpoint, "https://server.example.com/register");
        CHECK(m.grant_types_supported.ptr == NULL && m.code_challenge_methods_supported.ptr == NULL);
        CHECK(m.introspection_endpoint.ptr == NULL);
        CHECK_VIEW(m.scopes_supported, "[\"openid\",\"profile\",\"email\",\"address\",\"phone\",\"offline_access\"]");
        CHECK_STATUS(jeton_oauth_metadata_list_contains(m.token_endpoint_auth_methods_supported.ptr,
                                                        m.token_endpoint_auth_methods_supported.len,
                                                        S("private_key_jwt"), &found),
                     JETON_OK);
        CHECK(found);
        /* The same document for another issuer: a mix-up. */
        memset(&untouched, 0x5A, sizeof untouched);
        m = untouched;
        memset(buf, 'X', sizeof buf);
        n = UNTOUCHED;
        CHECK_STATUS(jeton_oauth_metadata_parse(S(doc), S("https://server.example.com/"), JETON_OAUTH_PROFILE_OAUTH,
                                                buf, sizeof buf, &n, &m),
                     JETON_ERR_METADATA_ISSUER_MISMATCH);
        CHECK_STATUS(jeton_oauth_metadata_parse(S(doc), S("https://server.example.com"), JETON_OAUTH_PROFILE_OPENID,
                                                buf, sizeof buf, &n, &m),
                     JETON_ERR_METADATA_MISSING);
        CHECK_STATUS(jeton_oauth_metadata_parse(S(doc), S("https://server.example.com"), 0, buf, sizeof buf, &n, &m),
                     JETON_ERR_INVALID_ARGUMENT);
        CHECK_STATUS(jeton_oauth_metadata_parse(S(doc), S("\377"), JETON_OAUTH_PROFILE_OAUTH, buf, sizeof buf, &n, &m),
                     JETON_ERR_OAUTH_PARAMETER_INVALID);
        CHECK(n == UNTOUCHED && jt_no_partial(buf, sizeof buf, 'X') && memcmp(&m, &untouched, sizeof m) == 0);
        CHECK_STATUS(jeton_oauth_metadata_parse(NULL, 0, S("x"), JETON_OAUTH_PROFILE_OAUTH, buf, sizeof buf, &n, &m),
                     JETON_ERR_NULL_POINTER);
        CHECK_STATUS(jeton_oauth_metadata_parse(S(doc), NULL, 0, JETON_OAUTH_PROFILE_OAUTH, buf, sizeof buf, &n, &m),
                     JETON_ERR_NULL_POINTER);
        CHECK_STATUS(jeton_oauth_metadata_parse(S(doc), S("x"), JETON_OAUTH_PROFILE_OAUTH, buf, sizeof buf, &n, NULL),
                     JETON_ERR_NULL_POINTER);
        CHECK_STATUS(jeton_oauth_metadata_parse((const uint8_t *)doc, sizeof doc - 1, S("x"),
                                                JETON_OAUTH_PROFILE_OAUTH, (uint8_t *)&m, sizeof m, &n, &m),
                     JETON_ERR_OVERLAPPING_BUFFERS);
    }
    CHECK_STATUS(jeton_oauth_metadata_list_contains(S("[\"a\",1,\"b\\u0063\"]"), S("bc"), &found), JETON_OK);
    CHECK(found);
    CHECK_STATUS(jeton_oauth_metadata_list_contains(S("[]"), S("a"), &found), JETON_OK);
    CHECK(!found);
    CHECK_STATUS(jeton_oauth_metadata_list_contains(S("{}"), S("a"), &found), JETON_ERR_JSON_WRONG_TYPE);
    CHECK_STATUS(jeton_oauth_metadata_list_contains(S("[\"a\""), S("a"), &found),
                 JETON_ERR_JSON_UNEXPECTED_END);
    CHECK_STATUS(jeton_oauth_metadata_list_contains(NULL, 0, S("a"), &found), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_metadata_list_contains(S("[]"), S("a"), NULL), JETON_ERR_NULL_POINTER);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* ID tokens and JWT access tokens. */

/* OpenID Connect Core appendix A.7's key, and the ID tokens of A.2, A.3
 * (with at_hash, for A.3's access token) and A.4 (with c_hash, for A.4's
 * code). */
static const char oidc_jwks[] =
    "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"1e9gdk7\",\"e\":\"AQAB\",\"n\":\"w7Zdfmece8iaB0kiTY8pCtiBtzbptJmP28nSWwtdjRu0f2GFpajvWE4VhfJAjEsOcwYzay7XGN0b-X84BfC8hmCTOj2b2eHT7NsZegFPKRUQzJ9wW8ipn_aDJWMGDuB1XyqT1E7DYqjUCEOD1b4FLpy_xPn6oV_TYOfQ9fZdbE5HGxJUzekuGcOKqOQ8M7wfYHhHHLxGpQVgL0apWuP2gDDOdTtpuld4D2LK1MZK99s9gaSjRHE8JDb1Z4IGhEcEyzkxswVdPndUWzfvWBBWXWxtSUvQGBRkuy1BHOa4sP6FKjWEeeF7gm7UMs2Nm2QUgNZw6xvEDGaLk4KASdIxRQ\"}]}";
static const char oidc_a2[] =
    "eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAibmFtZSI6ICJKYW5lIERvZSIsCiAiZ2l2ZW5fbmFtZSI6ICJKYW5lIiwKICJmYW1pbHlfbmFtZSI6ICJEb2UiLAogImdlbmRlciI6ICJmZW1hbGUiLAogImJpcnRoZGF0ZSI6ICIwMDAwLTEwLTMxIiwKICJlbWFpbCI6ICJqYW5lZG9lQGV4YW1wbGUuY29tIiwKICJwaWN0dXJlIjogImh0dHA6Ly9leGFtcGxlLmNvbS9qYW5lZG9lL21lLmpwZyIKfQ.rHQjEmBqn9Jre0OLykYNnspA10Qql2rvx4FsD00jwlB0Sym4NzpgvPKsDjn_wMkHxcp6CilPcoKrWHcipR2iAjzLvDNAReF97zoJqq880ZD1bwY82JDauCXELVR9O6_B0w3K-E7yM2macAAgNCUwtik6SjoSUZRcf-O5lygIyLENx882p6MtmwaL1hd6qn5RZOQ0TLrOYu0532g9Exxcm-ChymrB4xLykpDj3lUivJt63eEGGN6DH5K6o33TcxkIjNrCD4XB1CKKumZvCedgHHF3IAK4dVEDSUoGlH9z4pP_eWYNXvqQOjGs-rDaQzUHl6cQQWNiDpWOl_lxXjQEvQ";
static const char oidc_a3[] =
    "eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAiYXRfaGFzaCI6ICI3N1FtVVB0alBmeld0RjJBbnBLOVJRIgp9.F9gRev0Dt2tKcrBkHy72cmRqnLdzw9FLCCSebV7mWs7o_sv2O5s6zMky2kmhHTVx9HmdvNnx9GaZ8XMYRFeYk8L5NZ7aYlA5W56nsG1iWOou_-gji0ibWIuuf4Owaho3YSoi7EvsTuLFz6tq-dLyz0dKABMDsiCmJ5wqkPUDTE3QTXjzbUmOzUDli-gCh5QPuZAq0cNW3pf_2n4zpvTYtbmj12cVcxGIMZby7TMWESRjQ9_o3jvhVNcCGcE0KAQXejhA1ocJhNEvQNqMFGlBb6_0RxxKjDZ-Oa329eGDidOvvp0h5hoES4a8IuGKS7NOcpp-aFwp0qVMDLI-Xnm-Pg";
static const char oidc_a4[] =
    "eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRSa3F0MyIsCiAibm9uY2UiOiAibi0wUzZfV3pBMk1qIiwKICJleHAiOiAxMzExMjgxOTcwLAogImlhdCI6IDEzMTEyODA5NzAsCiAiY19oYXNoIjogIkxEa3RLZG9RYWszUGswY25YeENsdEEiCn0.XW6uhdrkBgcGx6zVIrCiROpWURs-4goO1sKA4m9jhJIImiGg5muPUcNegx6sSv43c5DSn37sxCRrDZZm4ZPBKKgtYASMcE20SDgvYJdJS0cyuFw7Ijp_7WnIjcrl6B5cmoM6ylCvsLMwkoQAxVublMwH10oAxjzD6NEFsu9nipkszWhsPePf_rM4eMpkmCbTzume-fzZIi5VjdWGGEmzTg32h3jiex-r5WTHbj-u5HL7u_KP3rmbdYNzlzd1xWRYTUs4E8nOTgzAUwvwXkIQhOh5TPcSMBYy6X3E7-_gr9Ue6n4ND7hTFhtjYs3cjNKIA08qm5cpVYFMFMG6PkhzLQ";
#define OIDC_ACCESS_TOKEN "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"
#define OIDC_CODE "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk"

static jeton_oauth_id_token_validation id_validation(int64_t now, jt_str issuer, jt_str client, const char *nonce) {
    jeton_oauth_id_token_validation v;
    memset(&v, 0, sizeof v);
    v.now = now;
    v.issuer = V(issuer);
    v.client_id = V(client);
    if (nonce != NULL) v.nonce = jt_bytes(nonce);
    return v;
}

static void test_id_tokens(void) {
    static jeton_jwt_key_set keys;
    static jeton_jwks jwks;
    uint8_t buf[2048], text[64];
    size_t n, i, t;
    jeton_oauth_id_token_validation v;
    jeton_jwt_verified id, untouched;
    jeton_jwks_summary summary;
    const jt_str oidc_issuer = {"http://server.example.com", 25}, oidc_client = {"s6BhdRkqt3", 10};
    jeton_jwt_algorithm es256 = JETON_JWT_ES256;
    jt_context = "id tokens";

    /* OpenID Connect Core appendix A. */
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, S(oidc_jwks), &summary), JETON_OK);
    v = id_validation(1311281000, oidc_issuer, oidc_client, "n-0S6_WzA2Mj");
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a2), &v, buf, sizeof buf, &n, &id), JETON_OK);
    CHECK(n > 0 && n <= sizeof oidc_a2 && id.algorithm == JETON_JWT_RS256);
    CHECK_VIEW(id.sub, "248289761001");
    CHECK_VIEW(id.kid, "1e9gdk7");
    CHECK_STATUS(jeton_jwt_verified_claim_str(&id, S("name"), text, sizeof text, &t), JETON_OK);
    CHECK_TEXT(text, t, "Jane Doe");
    CHECK_STATUS(jeton_jwt_verified_claim_str(&id, S("nonce"), text, sizeof text, &t), JETON_OK);
    CHECK_TEXT(text, t, "n-0S6_WzA2Mj");
    /* Another request's nonce; none sent; any accepted (a refresh). */
    memset(&untouched, 0x5A, sizeof untouched);
    id = untouched;
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    v.nonce = jt_bytes("another request's nonce");
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a2), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_ID_TOKEN_NONCE_MISMATCH);
    v.nonce.ptr = NULL;
    v.nonce.len = 0;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a2), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_ID_TOKEN_NONCE_MISMATCH);
    CHECK(n == UNTOUCHED && jt_no_partial(buf, sizeof buf, 'X') && memcmp(&id, &untouched, sizeof id) == 0);
    v.flags = JETON_OAUTH_ANY_NONCE;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a2), &v, buf, sizeof buf, &n, &id), JETON_OK);
    v.nonce = jt_bytes("n-0S6_WzA2Mj");
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a2), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_INVALID_ARGUMENT);
    v.flags = 0;
    /* A.3: the access token and its at_hash; A.4: the code and c_hash. */
    v.access_token = jt_bytes(OIDC_ACCESS_TOKEN);
    v.flags = JETON_OAUTH_REQUIRE_AT_HASH;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a3), &v, buf, sizeof buf, &n, &id), JETON_OK);
    v.access_token = jt_bytes("another token");
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a3), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_ID_TOKEN_AT_HASH_MISMATCH);
    v.access_token.ptr = NULL;
    v.access_token.len = 0;
    v.code = jt_bytes(OIDC_CODE);
    v.flags = JETON_OAUTH_REQUIRE_C_HASH;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a3), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_ID_TOKEN_C_HASH_MISMATCH);
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id), JETON_OK);
    v.code = jt_bytes("another code");
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_ID_TOKEN_C_HASH_MISMATCH);
    v.code = jt_bytes(OIDC_CODE);
    /* A max_age needs auth_time, which these tokens lack; at exp the
     * token has expired; RS256 is not ES256. */
    v.flags = JETON_OAUTH_REQUIRE_C_HASH | JETON_OAUTH_HAS_MAX_AGE;
    v.max_age = 60;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_JWT_MISSING_CLAIM);
    v.flags = JETON_OAUTH_REQUIRE_AUTH_TIME;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_JWT_MISSING_CLAIM);
    v.flags = 0;
    v.now = 1311281970;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id), JETON_ERR_JWT_EXPIRED);
    v.leeway = 1;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id), JETON_OK);
    v.max_token_age = 900;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id), JETON_ERR_JWT_TOO_OLD);
    v.max_token_age = 0;
    v.now = 1311281000;
    v.leeway = 0;
    v.algorithms = &es256;
    v.algorithm_count = 1;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_TOKEN_ALG_NOT_ALLOWED);
    v.provider_algorithms = jt_bytes("[\"RS256\"]");
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_INVALID_ARGUMENT);
    v.algorithms = NULL;
    v.algorithm_count = 0;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id), JETON_OK);
    v.provider_algorithms = jt_bytes("[\"ES256\",\"FOO\"]");
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_TOKEN_ALG_NOT_ALLOWED);
    v.provider_algorithms = jt_bytes("{}");
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_JSON_WRONG_TYPE);
    v.provider_algorithms.ptr = NULL;
    v.provider_algorithms.len = 0;
    v.algorithms = &es256;
    v.algorithm_count = 0;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_INVALID_ARGUMENT);
    es256 = 99;
    v.algorithm_count = 1;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_INVALID_ARGUMENT);
    v.algorithms = NULL;
    v.algorithm_count = 0;
    /* Arguments, the buffer, the half hash of section 3.1.3.6. */
    v.flags = 1u << 29;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_INVALID_ARGUMENT);
    v.flags = 0;
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, 10, &n, &id), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n > 10 && n <= sizeof oidc_a4);
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, NULL, 0, &n, &id), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jeton_oauth_id_token_verify(NULL, S(oidc_a4), &v, buf, sizeof buf, &n, &id), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, NULL, 0, &v, buf, sizeof buf, &n, &id), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), NULL, buf, sizeof buf, &n, &id),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, NULL, &id),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, NULL),
                 JETON_ERR_NULL_POINTER);
    v.issuer.ptr = NULL;
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_NULL_POINTER);
    v.issuer = V(oidc_issuer);
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, (uint8_t *)&v, sizeof v, &n, &id),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, (uint8_t *)&id, sizeof id, &n, &id),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_oauth_half_hash(JETON_JWT_RS256, S(OIDC_ACCESS_TOKEN), text, sizeof text, &t), JETON_OK);
    CHECK_TEXT(text, t, "77QmUPtjPfzWtF2AnpK9RQ");
    CHECK_STATUS(jeton_oauth_half_hash(JETON_JWT_RS256, S(OIDC_CODE), text, sizeof text, &t), JETON_OK);
    CHECK_TEXT(text, t, "LDktKdoQak3Pk0cnXxCltA");
    CHECK_STATUS(jeton_oauth_half_hash(0, S(OIDC_CODE), text, sizeof text, &t), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_oauth_half_hash(JETON_JWT_EDDSA, S(OIDC_CODE), text, sizeof text, &t), JETON_OK);
    CHECK(t == 43);
    CHECK_STATUS(jeton_oauth_half_hash(JETON_JWT_RS256, S(OIDC_CODE), text, 4, &t), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(t == 22);
    CHECK_STATUS(jeton_oauth_half_hash(JETON_JWT_RS256, NULL, 0, text, sizeof text, &t), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_oauth_id_token_verify(&keys, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_NOT_INITIALIZED);

    /* jose's ID tokens judged by oauth4webapi: jeton's status for each, as
     * tests/tests/oauth_tokens.rs expects it. */
    CHECK_STATUS(jeton_jwks_init(&jwks), JETON_OK);
    CHECK_STATUS(jeton_jwks_load(&jwks, (const uint8_t *)jt_oauth_jwks.s, jt_oauth_jwks.n, &summary), JETON_OK);
    CHECK(summary.loaded == 3 && summary.skipped == 0);
    for (i = 0; i < JT_COUNT(jt_id_token_vecs); i++) {
        const jt_id_token_vec *c = &jt_id_token_vecs[i];
        jeton_status s;
        v = id_validation(jt_oauth_now, jt_oauth_issuer, jt_oauth_client_id, c->nonce_sent ? jt_oauth_nonce.s : NULL);
        v.algorithms = c->n_algs ? c->algs : NULL;
        v.algorithm_count = c->n_algs;
        v.provider_algorithms = V(c->provider_algs);
        v.access_token = V(c->access_token);
        v.code = V(c->code);
        if (c->has_max_age) {
            v.max_age = c->max_age;
            v.flags |= JETON_OAUTH_HAS_MAX_AGE;
        }
        if (c->require_at_hash) v.flags |= JETON_OAUTH_REQUIRE_AT_HASH;
        if (c->require_c_hash) v.flags |= JETON_OAUTH_REQUIRE_C_HASH;
        s = jeton_oauth_id_token_verify_with_jwks(&jwks, (const uint8_t *)c->token.s, c->token.n, &v, buf, sizeof buf,
                                                   &n, &id);
        jt_context = c->name.s;
        CHECK_STATUS(s, c->expect);
        CHECK((s == JETON_OK) == (c->peer_accepts != c->deviation));
        if (s == JETON_OK) CHECK_VIEW(id.sub, "248289761001");
    }
    jt_context = "id tokens";
    CHECK(i == 44);
    CHECK_STATUS(jeton_oauth_id_token_verify_with_jwks(NULL, S(oidc_a4), &v, buf, sizeof buf, &n, &id),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwks_clear(&jwks), JETON_OK);
    jt_context = NULL;
}

static jeton_oauth_access_token_validation at_validation(int64_t now) {
    jeton_oauth_access_token_validation v;
    memset(&v, 0, sizeof v);
    v.now = now;
    v.issuer = V(jt_oauth_issuer);
    v.resource = V(jt_oauth_resource);
    return v;
}

static void test_access_tokens(void) {
    static jeton_jwks jwks;
    static jeton_jwt_key_set keys;
    static jeton_revocation_list revoked;
    uint8_t buf[2048], text[64];
    size_t n, i, t;
    jeton_oauth_access_token_validation v;
    jeton_oauth_access_token at, untouched;
    jeton_bytes scopes[17];
    jeton_jwt_algorithm algs[1];
    bool found;
    const jt_str *valid = NULL;
    jt_context = "access tokens";

    CHECK_STATUS(jeton_jwks_init(&jwks), JETON_OK);
    CHECK_STATUS(jeton_jwks_load(&jwks, (const uint8_t *)jt_oauth_jwks.s, jt_oauth_jwks.n, NULL), JETON_OK);
    /* jose's RFC 9068 tokens judged by oauth4webapi, presented as Bearer. */
    for (i = 0; i < JT_COUNT(jt_access_token_vecs); i++) {
        const jt_access_token_vec *c = &jt_access_token_vecs[i];
        jeton_status s;
        v = at_validation(jt_oauth_now);
        v.scopes = views_of(c->scopes, c->n_scopes, scopes);
        v.scope_count = c->n_scopes;
        s = jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)c->token.s, c->token.n, &v, buf,
                                                       sizeof buf, &n, &at);
        jt_context = c->name.s;
        CHECK_STATUS(s, c->expect);
        CHECK((s == JETON_OK) == (c->peer_accepts != c->deviation));
        if (s != JETON_OK) continue;
        CHECK(at.flags == 0);
        CHECK_STATUS(jeton_jwt_verified_claim_str(&at.token, S("client_id"), text, sizeof text, &t), JETON_OK);
        CHECK_TEXT(text, t, "s6BhdRkqt3");
        if (strcmp(c->name.s, "valid-rs256") == 0) valid = &c->token;
    }
    jt_context = "access tokens";
    CHECK(i == 26 && valid != NULL);
    if (valid == NULL) return;

    /* The granted scope, read and looked up. */
    v = at_validation(jt_oauth_now);
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v, buf,
                                                           sizeof buf, &n, &at),
                 JETON_OK);
    CHECK_STATUS(jeton_jwt_verified_claim_str(&at.token, S("scope"), text, sizeof text, &t), JETON_OK);
    CHECK_STATUS(jeton_oauth_scope_contains(text, t, S("reademail"), &found), JETON_OK);
    CHECK(found);
    CHECK_STATUS(jeton_oauth_scope_contains(text, t, S("read"), &found), JETON_OK);
    CHECK(!found);
    CHECK_STATUS(jeton_oauth_scope_contains(S("a  b "), S(""), &found), JETON_OK);
    CHECK(!found);
    CHECK_STATUS(jeton_oauth_scope_contains(S("a  b "), S("b"), &found), JETON_OK);
    CHECK(found);
    CHECK_STATUS(jeton_oauth_scope_contains(S("a"), S("A"), &found), JETON_OK);
    CHECK(!found);
    CHECK_STATUS(jeton_oauth_scope_contains(NULL, 0, S("a"), &found), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_scope_contains(S("a"), S("a"), NULL), JETON_ERR_NULL_POINTER);

    /* A revoked jti; the algorithms; the arguments. */
    CHECK_STATUS(jeton_revocation_list_init(&revoked), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_revoke_token(&revoked, &at.token, jt_oauth_now), JETON_OK);
    v.revocation = &revoked;
    memset(&untouched, 0x5A, sizeof untouched);
    at = untouched;
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v, buf,
                                                           sizeof buf, &n, &at),
                 JETON_ERR_JWT_REVOKED);
    v.revocation = NULL;
    algs[0] = JETON_JWT_ES256;
    v.algorithms = algs;
    v.algorithm_count = 1;
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v, buf,
                                                           sizeof buf, &n, &at),
                 JETON_ERR_TOKEN_ALG_NOT_ALLOWED);
    v.algorithms = NULL;
    v.algorithm_count = 0;
    v.max_token_age = 5;
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v, buf,
                                                           sizeof buf, &n, &at),
                 JETON_ERR_JWT_TOO_OLD);
    v.max_token_age = 0;
    v.max_token_len = 100;
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v, buf,
                                                           sizeof buf, &n, &at),
                 JETON_ERR_JWT_TOO_LONG);
    v.max_token_len = 0;
    for (i = 0; i < 17; i++) scopes[i] = jt_bytes("read");
    v.scopes = scopes;
    v.scope_count = 17;
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v, buf,
                                                           sizeof buf, &n, &at),
                 JETON_ERR_TOO_MANY_ITEMS);
    v.scope_count = 0;
    v.scopes = NULL;
    v.flags = JETON_OAUTH_ANY_NONCE;
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v, buf,
                                                           sizeof buf, &n, &at),
                 JETON_ERR_INVALID_ARGUMENT);
    v.flags = 0;
    CHECK(n == UNTOUCHED && jt_no_partial(buf, sizeof buf, 'X') && memcmp(&at, &untouched, sizeof at) == 0);
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v, buf, 8,
                                                           &n, &at),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n > 8 && n <= valid->n);
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(NULL, (const uint8_t *)valid->s, valid->n, &v, buf,
                                                           sizeof buf, &n, &at),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, NULL, buf,
                                                           sizeof buf, &n, &at),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v, buf,
                                                           sizeof buf, &n, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)valid->s, valid->n, &v,
                                                           (uint8_t *)&at, sizeof at, &n, &at),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    /* The same with a jeton_jwt_key_set holding the provider's keys. */
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, (const uint8_t *)jt_oauth_jwks.s, jt_oauth_jwks.n, NULL),
                 JETON_OK);
    CHECK_STATUS(jeton_oauth_access_token_verify(&keys, (const uint8_t *)valid->s, valid->n, &v, buf, sizeof buf, &n,
                                                 &at),
                 JETON_OK);
    CHECK_STATUS(jeton_oauth_access_token_verify(NULL, (const uint8_t *)valid->s, valid->n, &v, buf, sizeof buf, &n,
                                                 &at),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_oauth_access_token_verify(&keys, (const uint8_t *)valid->s, valid->n, &v, buf, sizeof buf, &n,
                                                 &at),
                 JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_revocation_list_clear(&revoked), JETON_OK);
    CHECK_STATUS(jeton_jwks_clear(&jwks), JETON_OK);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* Introspection (RFC 7662 section 2.2). */

static void test_introspection(void) {
    uint8_t buf[1024];
    size_t n, i;
    jeton_oauth_introspection r, untouched;
    jeton_oauth_introspection_check check;
    jeton_bytes scopes[16];
    bool found;
    static const char active[] = "{\n"
                                 "  \"active\": true,\n"
                                 "  \"client_id\": \"l238j323ds-23ij4\",\n"
                                 "  \"username\": \"jdoe\",\n"
                                 "  \"scope\": \"read write dolphin\",\n"
                                 "  \"sub\": \"Z5O3upPC88QrAjx00dis\",\n"
                                 "  \"aud\": \"https://protected.example.net/resource\",\n"
                                 "  \"iss\": \"https://server.example.com/\",\n"
                                 "  \"exp\": 1419356238,\n"
                                 "  \"iat\": 1419350238,\n"
                                 "  \"extension_field\": \"twenty-seven\"\n"
                                 "}";
    jt_context = "introspection";

    n = UNTOUCHED;
    CHECK_STATUS(jeton_oauth_introspection_parse(S(active), NULL, 0, &n, &r), JETON_OK);
    CHECK(n == 0);
    CHECK_VIEW(r.client_id, "l238j323ds-23ij4");
    CHECK_VIEW(r.username, "jdoe");
    CHECK_VIEW(r.scope, "read write dolphin");
    CHECK_VIEW(r.sub, "Z5O3upPC88QrAjx00dis");
    CHECK_VIEW(r.aud, "\"https://protected.example.net/resource\"");
    CHECK_VIEW(r.iss, "https://server.example.com/");
    CHECK(r.exp == 1419356238 && r.iat == 1419350238);
    CHECK(r.flags == (JETON_OAUTH_HAS_EXP | JETON_OAUTH_HAS_IAT));
    CHECK(r.token_type.ptr == NULL && r.jti.ptr == NULL);
    CHECK_STATUS(jeton_oauth_scope_contains(r.scope.ptr, r.scope.len, S("dolphin"), &found), JETON_OK);
    CHECK(found);
    memset(&check, 0, sizeof check);
    check.now = 1419350300;
    check.issuer = jt_bytes("https://server.example.com/");
    check.audience = jt_bytes("https://protected.example.net/resource");
    scopes[0] = jt_bytes("read");
    scopes[1] = jt_bytes("write");
    check.scopes = scopes;
    check.scope_count = 2;
    CHECK_STATUS(jeton_oauth_introspection_verify(S(active), &check, NULL, 0, &n, &r), JETON_OK);
    memset(&untouched, 0x5A, sizeof untouched);
    r = untouched;
    n = UNTOUCHED;
    check.now = 1419356238;
    CHECK_STATUS(jeton_oauth_introspection_verify(S(active), &check, NULL, 0, &n, &r), JETON_ERR_JWT_EXPIRED);
    check.now = 1419350300;
    scopes[1] = jt_bytes("admin");
    CHECK_STATUS(jeton_oauth_introspection_verify(S(active), &check, NULL, 0, &n, &r), JETON_ERR_SCOPE_INSUFFICIENT);
    check.issuer = jt_bytes("https://server.example.com");
    CHECK_STATUS(jeton_oauth_introspection_verify(S(active), &check, NULL, 0, &n, &r), JETON_ERR_JWT_ISSUER_INVALID);
    check.issuer.ptr = NULL;
    check.issuer.len = 0;
    check.audience = jt_bytes("https://other.example/");
    CHECK_STATUS(jeton_oauth_introspection_verify(S(active), &check, NULL, 0, &n, &r), JETON_ERR_JWT_AUDIENCE_INVALID);
    /* RFC 7662's inactive answer. */
    CHECK_STATUS(jeton_oauth_introspection_parse(S("{\n  \"active\": false\n}"), NULL, 0, &n, &r),
                 JETON_ERR_TOKEN_INACTIVE);
    CHECK_STATUS(jeton_oauth_introspection_parse(S("{\"active\":\"true\"}"), NULL, 0, &n, &r),
                 JETON_ERR_INTROSPECTION_INVALID);
    CHECK(n == UNTOUCHED && memcmp(&r, &untouched, sizeof r) == 0);
    CHECK_STATUS(jeton_oauth_introspection_parse(S("{\"active\":true,\"username\":\"j\\u0064oe\"}"), buf, 2, &n, &r),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 4);
    CHECK_STATUS(jeton_oauth_introspection_parse(S("{\"active\":true,\"username\":\"j\\u0064oe\"}"), buf, sizeof buf,
                                                 &n, &r),
                 JETON_OK);
    CHECK_VIEW(r.username, "jdoe");
    CHECK_STATUS(jeton_oauth_introspection_verify(S(active), NULL, NULL, 0, &n, &r), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_introspection_parse(NULL, 0, NULL, 0, &n, &r), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_introspection_parse(S(active), NULL, 0, &n, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_introspection_parse(S(active), NULL, 0, NULL, &r), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_oauth_introspection_parse(S(active), (uint8_t *)&r, sizeof r, &n, &r),
                 JETON_ERR_OVERLAPPING_BUFFERS);

    /* The cases oauth4webapi judged, with the checks a resource server
     * makes afterwards. */
    for (i = 0; i < JT_COUNT(jt_introspection_vecs); i++) {
        const jt_introspection_vec *c = &jt_introspection_vecs[i];
        jeton_status s;
        if (c->has_check) {
            memset(&check, 0, sizeof check);
            check.now = c->now;
            check.issuer = V(c->issuer);
            check.audience = V(c->audience);
            check.scopes = views_of(c->scopes, c->n_scopes, scopes);
            check.scope_count = c->n_scopes;
            s = jeton_oauth_introspection_verify((const uint8_t *)c->body.s, c->body.n, &check, buf, sizeof buf, &n,
                                                 &r);
        } else {
            s = jeton_oauth_introspection_parse((const uint8_t *)c->body.s, c->body.n, buf, sizeof buf, &n, &r);
        }
        jt_context = c->name.s;
        CHECK_STATUS(s, c->expect);
        CHECK((s == JETON_OK) == (c->peer_accepts != c->deviation));
        if (s == JETON_OK && strcmp(c->name.s, "live-dpop-bound") == 0) {
            CHECK(r.flags & JETON_OAUTH_KEY_BOUND);
            CHECK_VIEW(r.token_type, "DPoP");
            /* jose's thumbprint of the client's ES256 key. */
            CHECK(jt_mem_eq(r.cnf_jkt, 43, jt_jeton_proof_vecs[0].thumbprint.s, jt_jeton_proof_vecs[0].thumbprint.n));
        }
    }
    jt_context = "introspection";
    CHECK(i == 16);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */
/* DPoP (RFC 9449). */

/* RFC 9449 figure 12's request to a resource server (section 7.1): the
 * proof, the access token of its Authorization header, and figure 8's
 * thumbprint of the key. */
static const char rfc9449_proof[] =
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
#define RFC9449_AUTHORIZATION "DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
#define RFC9449_JKT "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
#define RFC9449_IAT 1562262618

static jeton_dpop_validation dpop_validation(int64_t now, const char *method, const char *uri) {
    jeton_dpop_validation v;
    memset(&v, 0, sizeof v);
    v.now = now;
    v.method = jt_bytes(method);
    v.uri = jt_bytes(uri);
    return v;
}

static void test_dpop(void) {
    static jeton_revocation_list seen;
    static jeton_jwks jwks;
    static jeton_jwt_key_set keys;
    uint8_t buf[2048], out[1024], text[64];
    size_t n, i, t, count;
    jeton_bytes token, htu;
    jeton_dpop_validation v;
    jeton_dpop_verified checked, untouched;
    jeton_dpop_proof p;
    jeton_oauth_access_token at;
    jeton_oauth_access_token_validation atv;
    jeton_jwt_algorithm eddsa = JETON_JWT_EDDSA;
    uint8_t entropy[64];
    jt_context = "dpop";

    /* Section 7.1: Authorization: DPoP <token>, the proof in DPoP. */
    CHECK_STATUS(jeton_auth_dpop_parse(S(RFC9449_AUTHORIZATION), &token), JETON_OK);
    CHECK_VIEW(token, "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU");
    CHECK_STATUS(jeton_auth_dpop_parse(S("dpop  abc"), &token), JETON_OK);
    CHECK_VIEW(token, "abc");
    CHECK_STATUS(jeton_auth_dpop_parse(S("Bearer abc"), &token), JETON_ERR_AUTH_SCHEME_MISMATCH);
    CHECK_STATUS(jeton_auth_dpop_parse(S("DPoP a b"), &token), JETON_ERR_AUTH_MALFORMED);
    CHECK_STATUS(jeton_auth_dpop_parse(NULL, 0, &token), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_dpop_parse(S("DPoP abc"), NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_dpop_parse(S(RFC9449_AUTHORIZATION), &token), JETON_OK);

    CHECK_STATUS(jeton_revocation_list_init(&seen), JETON_OK);
    v = dpop_validation(RFC9449_IAT, "GET", "https://resource.example.org/protectedresource");
    v.access_token = token;
    v.jkt = jt_bytes(RFC9449_JKT);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_dpop_proof_verify(&seen, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked), JETON_OK);
    CHECK(memcmp(checked.thumbprint, RFC9449_JKT, 43) == 0);
    CHECK(checked.token.iat == RFC9449_IAT && checked.token.algorithm == JETON_JWT_ES256);
    CHECK_VIEW(checked.token.jti, "e1j3V_bKic8-LAEB");
    CHECK(n > 0 && n <= sizeof rfc9449_proof);
    /* The same proof again: a replay; the list keeps one entry. */
    memset(&untouched, 0x5A, sizeof untouched);
    checked = untouched;
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_dpop_proof_verify(&seen, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_DPOP_REPLAYED);
    CHECK(n == UNTOUCHED && jt_no_partial(buf, sizeof buf, 'X') && memcmp(&checked, &untouched, sizeof checked) == 0);
    CHECK_STATUS(jeton_revocation_list_len(&seen, &count), JETON_OK);
    CHECK(count == 1);
    /* Normalized URIs match; another scheme, method, key or token does
     * not; nothing is recorded for a refused proof. */
    v.uri = jt_bytes("https://Resource.Example.ORG:443/protectedresource?x#y");
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked), JETON_OK);
    v.uri = jt_bytes("http://resource.example.org/protectedresource");
    CHECK_STATUS(jeton_dpop_proof_verify(&seen, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_DPOP_HTU_MISMATCH);
    v.uri = jt_bytes("https://resource.example.org/protectedresource");
    v.method = jt_bytes("HEAD");
    CHECK_STATUS(jeton_dpop_proof_verify(&seen, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_DPOP_HTM_MISMATCH);
    v.method = jt_bytes("GET");
    v.access_token = jt_bytes("another token");
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_DPOP_ATH_MISMATCH);
    v.access_token = token;
    v.jkt = jt_bytes("M4K1JNaEOT9-8N22ruGUQutmmTwO3afAS7z6TdhnHZ4");
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_DPOP_KEY_MISMATCH);
    v.jkt = jt_bytes("not a thumbprint");
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_INVALID_BASE64);
    v.jkt.ptr = NULL;
    v.jkt.len = 0;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_INVALID_ARGUMENT);
    v.access_token.ptr = NULL;
    v.access_token.len = 0;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked), JETON_OK);
    v.nonce = jt_bytes("server-nonce");
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_DPOP_NONCE_MISMATCH);
    v.nonce.ptr = NULL;
    v.nonce.len = 0;
    /* The window: 300 seconds by default, none with max_age 0. */
    v.now = RFC9449_IAT + 301;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_JWT_TOO_OLD);
    v.now = RFC9449_IAT + 1;
    v.flags = JETON_OAUTH_HAS_MAX_AGE;
    v.max_age = 0;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_JWT_TOO_OLD);
    v.leeway = 1;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked), JETON_OK);
    v.now = RFC9449_IAT - 1;
    v.leeway = 0;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_JWT_NOT_YET_VALID);
    v.now = RFC9449_IAT;
    v.flags = 0;
    /* The key is P-256: refused before any signature work by an
     * EdDSA-only verifier. */
    v.algorithms = &eddsa;
    v.algorithm_count = 1;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_TOKEN_ALG_NOT_ALLOWED);
    v.algorithm_count = 0;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_INVALID_ARGUMENT);
    v.algorithms = NULL;
    v.max_len = 100;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_JWT_TOO_LONG);
    v.max_len = 0;
    v.flags = 1u << 3;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_INVALID_ARGUMENT);
    v.flags = 0;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, 16, &n, &checked),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n > 16 && n <= sizeof rfc9449_proof);
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, NULL, 0, &v, buf, sizeof buf, &n, &checked), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), NULL, buf, sizeof buf, &n, &checked),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, NULL, &checked),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, NULL),
                 JETON_ERR_NULL_POINTER);
    v.method.ptr = NULL;
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_NULL_POINTER);
    v.method = jt_bytes("GET");
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, S(rfc9449_proof), &v, (uint8_t *)&v, sizeof v, &n, &checked),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_dpop_proof_verify(&seen, S(rfc9449_proof), &v, (uint8_t *)&seen, 64, &n, &checked),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_dpop_proof_verify(&seen, S(rfc9449_proof), &v, buf, sizeof buf, &n,
                                         (jeton_dpop_verified *)(void *)&seen),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    /* A view of the validation that lies in the list the call changes. */
    v.nonce.ptr = (const uint8_t *)(const void *)&seen;
    v.nonce.len = 4;
    CHECK_STATUS(jeton_dpop_proof_verify(&seen, S(rfc9449_proof), &v, buf, sizeof buf, &n, &checked),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    v.nonce.ptr = NULL;
    v.nonce.len = 0;
    CHECK_STATUS(jeton_revocation_list_len(&seen, &count), JETON_OK);
    CHECK(count == 1);

    /* htu: the URI without query and fragment (section 4.2). */
    CHECK_STATUS(jeton_dpop_htu(S("https://rs.example.com/api/items?page=2#top"), &htu), JETON_OK);
    CHECK_VIEW(htu, "https://rs.example.com/api/items");
    CHECK_STATUS(jeton_dpop_htu(S("https://a/b#c?d"), &htu), JETON_OK);
    CHECK_VIEW(htu, "https://a/b");
    CHECK_STATUS(jeton_dpop_htu(NULL, 0, &htu), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_dpop_htu(S("x"), NULL), JETON_ERR_NULL_POINTER);

    /* jose's proofs judged by oauth4webapi: the bound access token first,
     * then the proof in oauth4webapi's window (iat within 300 seconds
     * either way), then the same proof again. */
    CHECK_STATUS(jeton_jwks_init(&jwks), JETON_OK);
    CHECK_STATUS(jeton_jwks_load(&jwks, (const uint8_t *)jt_oauth_jwks.s, jt_oauth_jwks.n, NULL), JETON_OK);
    for (i = 0; i < JT_COUNT(jt_dpop_vecs); i++) {
        const jt_dpop_vec *c = &jt_dpop_vecs[i];
        jeton_status s;
        jt_context = c->name.s;
        atv = at_validation(jt_oauth_now);
        CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)c->access_token.s,
                                                               c->access_token.n, &atv, out, sizeof out, &n, &at),
                     JETON_ERR_DPOP_KEY_MISMATCH);
        atv.flags = JETON_OAUTH_DPOP_PRESENTED;
        CHECK_STATUS(jeton_oauth_access_token_verify_with_jwks(&jwks, (const uint8_t *)c->access_token.s,
                                                               c->access_token.n, &atv, out, sizeof out, &n, &at),
                     JETON_OK);
        CHECK(at.flags == JETON_OAUTH_KEY_BOUND);
        CHECK_STATUS(jeton_revocation_list_clear(&seen), JETON_OK);
        CHECK_STATUS(jeton_revocation_list_init(&seen), JETON_OK);
        v = dpop_validation(jt_oauth_now, c->method.s, c->url.s);
        v.flags = JETON_OAUTH_HAS_MAX_AGE;
        v.max_age = 0;
        v.leeway = 300;
        v.access_token = V(c->access_token);
        v.jkt.ptr = at.cnf_jkt;
        v.jkt.len = JETON_OAUTH_THUMBPRINT_LEN;
        s = jeton_dpop_proof_verify(&seen, (const uint8_t *)c->proof.s, c->proof.n, &v, buf, sizeof buf, &n,
                                    &checked);
        CHECK_STATUS(s, c->expect);
        CHECK((s == JETON_OK) == (c->peer_accepts != c->deviation));
        if (s != JETON_OK) continue;
        CHECK(memcmp(checked.thumbprint, at.cnf_jkt, 43) == 0);
        CHECK_STATUS(jeton_dpop_proof_verify(&seen, (const uint8_t *)c->proof.s, c->proof.n, &v, buf, sizeof buf, &n,
                                             &checked),
                     JETON_ERR_DPOP_REPLAYED);
    }
    jt_context = "dpop";
    CHECK(i == 35);

    /* jeton's proofs from the vector keys (ES256 and Ed25519 sign
     * deterministically), each accepted by oauth4webapi: the same bytes,
     * and accepted here. */
    for (i = 0; i < JT_COUNT(jt_jeton_proof_vecs); i++) {
        const jt_jeton_proof_vec *c = &jt_jeton_proof_vecs[i];
        CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, (const uint8_t *)c->private_jwk.s, c->private_jwk.n),
                     JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, text, sizeof text, &t), JETON_OK);
        CHECK_MEM(text, t, c->thumbprint.s, c->thumbprint.n);
        memset(entropy, c->entropy, 16);
        memset(&p, 0, sizeof p);
        p.method = V(c->method);
        p.uri = V(c->url);
        p.iat = c->iat;
        p.jti_entropy.ptr = entropy;
        p.jti_entropy.len = 16;
        p.access_token = V(c->access_token);
        p.nonce = V(c->nonce);
        n = UNTOUCHED;
        CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out, sizeof out, &n), JETON_OK);
        CHECK_MEM(out, n, c->proof.s, c->proof.n);
        v = dpop_validation(c->iat, "GET", "https://rs.example.com/api/items");
        v.access_token = V(c->access_token);
        v.jkt = V(c->thumbprint);
        v.nonce = V(c->nonce);
        CHECK_STATUS(jeton_dpop_proof_verify(NULL, out, n, &v, buf, sizeof buf, &t, &checked), JETON_OK);
        if (c->nonce.s != NULL) {
            CHECK_STATUS(jeton_jwt_verified_claim_str(&checked.token, S("nonce"), text, sizeof text, &t), JETON_OK);
            CHECK_MEM(text, t, c->nonce.s, c->nonce.n);
        }
        CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    }
    CHECK(i == 4);

    /* Writing: the entropy's bounds, a key that cannot make proofs, the
     * arguments; nothing written. */
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, (const uint8_t *)jt_jeton_proof_vecs[0].private_jwk.s,
                                                   jt_jeton_proof_vecs[0].private_jwk.n),
                 JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, S("a shared secret of 32 bytes....."), NULL, 0),
                 JETON_OK);
    memset(entropy, 0x5A, sizeof entropy);
    memset(&p, 0, sizeof p);
    p.method = jt_bytes("POST");
    p.uri = jt_bytes("https://as.example.com/token");
    p.iat = T0;
    p.jti_entropy.ptr = entropy;
    p.jti_entropy.len = 15;
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out, sizeof out, &n), JETON_ERR_ENTROPY_TOO_SHORT);
    p.jti_entropy.len = 65;
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out, sizeof out, &n), JETON_ERR_INPUT_TOO_LONG);
    p.jti_entropy.len = 64;
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 1, &p, out, sizeof out, &n), JETON_ERR_KEY_UNSUPPORTED);
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 2, &p, out, sizeof out, &n), JETON_ERR_JWT_KEY_NOT_FOUND);
    p.method = jt_bytes("\377");
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out, sizeof out, &n), JETON_ERR_OAUTH_PARAMETER_INVALID);
    p.method = jt_bytes("POST");
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out, 32, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n > 32 && jt_no_partial(out, 32, 'X'));
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out, sizeof out, &n), JETON_OK);
    v = dpop_validation(T0, "POST", "https://as.example.com/token");
    CHECK_STATUS(jeton_dpop_proof_verify(NULL, out, n, &v, buf, sizeof buf, &t, &checked), JETON_OK);
    CHECK(memcmp(checked.thumbprint, jt_jeton_proof_vecs[0].thumbprint.s, 43) == 0);
    CHECK_STATUS(jeton_dpop_proof_write(NULL, 0, &p, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, NULL, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    p.jti_entropy.ptr = NULL;
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    p.jti_entropy.ptr = out;
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out + 8, 100, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_dpop_proof_write(&keys, 0, &p, out, sizeof out, &n), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_revocation_list_clear(&seen), JETON_OK);
    CHECK_STATUS(jeton_jwks_clear(&jwks), JETON_OK);
    jt_context = NULL;
}

/* ------------------------------------------------------------------ */

void run_oauth_tests(void) {
    unsigned long before = jt_checks;
    test_form();
    test_pkce();
    test_state();
    test_authorize();
    test_client();
    test_client_assertion();
    test_callback();
    test_responses();
    test_device();
    test_metadata();
    test_id_tokens();
    test_access_tokens();
    test_introspection();
    test_dpop();
    printf("oauth: %lu checks; oauth4webapi: %u PKCE pairs, %u URLs, %u Basic values, %u bodies, %u assertions, "
           "%u token responses, %u callbacks, %u device responses; jose and oauth4webapi: %u metadata documents, "
           "%u ID tokens, %u access tokens, %u introspections, %u DPoP proofs, %u of jeton's proofs\n",
           jt_checks - before, (unsigned)(JT_COUNT(jt_pkce_vecs) + JT_COUNT(jt_challenge_vecs)),
           (unsigned)JT_COUNT(jt_authz_vecs), (unsigned)JT_COUNT(jt_basic_vecs),
           (unsigned)JT_COUNT(jt_token_request_vecs), (unsigned)JT_COUNT(jt_assertion_vecs),
           (unsigned)JT_COUNT(jt_token_response_vecs), (unsigned)JT_COUNT(jt_callback_vecs),
           (unsigned)JT_COUNT(jt_device_vecs), (unsigned)JT_COUNT(jt_metadata_vecs),
           (unsigned)JT_COUNT(jt_id_token_vecs), (unsigned)JT_COUNT(jt_access_token_vecs),
           (unsigned)JT_COUNT(jt_introspection_vecs), (unsigned)JT_COUNT(jt_dpop_vecs),
           (unsigned)JT_COUNT(jt_jeton_proof_vecs));
}
