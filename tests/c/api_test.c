/* Every function of jeton.h: its answer on good input, and its behaviour on
 * NULL pointers, too-small buffers, malformed input, bad arguments and
 * objects that are not initialized.
 *
 * Known answers come from specifications (RFC 4648 base64, ECMA-262
 * encodeURIComponent, RFC 6265 and RFC 7231 examples, RFC 4231 HMAC) or
 * from tests/vectors/npm-signed.json (the real npm packages), never from
 * jeton itself. Timestamps were computed with Python's calendar.timegm. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"

/* 1994-11-06T08:49:37Z, the date of RFC 7231's examples. */
#define RFC7231_TIME 784111777
/* 2021-06-09T10:18:14Z, the Expires of RFC 6265 section 3.1. */
#define RFC6265_TIME 1623233894

#define UNTOUCHED 9999u

typedef jeton_status (*transform_fn)(const uint8_t *, size_t, uint8_t *, size_t, size_t *);

/* The conventions of a function shaped (input, out, out_cap, out_len), and
 * its answer `want` for `in`. */
static void check_transform(const char *what, transform_fn f, const char *in, size_t in_len,
                            const char *want, size_t want_len) {
    uint8_t out[512];
    uint8_t overlap[512];
    size_t n;
    const uint8_t *input = (const uint8_t *)in;
    jt_context = what;

    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(f(input, in_len, out, sizeof out, &n), JETON_OK);
    CHECK_MEM(out, n, want, want_len);

    /* An exact fit, and the size query with (NULL, 0). */
    n = UNTOUCHED;
    CHECK_STATUS(f(input, in_len, want_len ? out : NULL, want_len, &n), JETON_OK);
    CHECK(n == want_len);
    n = UNTOUCHED;
    CHECK_STATUS(f(input, in_len, NULL, 0, &n),
                 want_len ? JETON_ERR_BUFFER_TOO_SMALL : JETON_OK);
    CHECK(n == want_len);

    /* One byte short: the length needed, and nothing partial left. */
    if (want_len > 0) {
        memset(out, 'X', sizeof out);
        n = UNTOUCHED;
        CHECK_STATUS(f(input, in_len, out, want_len - 1, &n), JETON_ERR_BUFFER_TOO_SMALL);
        CHECK(n == want_len);
        CHECK(jt_no_partial(out, want_len - 1, 'X'));
        CHECK(out[want_len - 1] == 'X');
    }

    /* NULL pointers: nothing written. */
    n = UNTOUCHED;
    CHECK_STATUS(f(NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(f(NULL, in_len, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(f(input, in_len, NULL, 4, &n), JETON_ERR_NULL_POINTER);
    CHECK(n == UNTOUCHED);
    CHECK_STATUS(f(input, in_len, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);

    /* Lengths no object can have. */
    CHECK_STATUS(f(input, SIZE_MAX, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(f(input, in_len, out, SIZE_MAX, &n), JETON_ERR_INVALID_ARGUMENT);
    CHECK(n == UNTOUCHED);

    /* The output may not overlap the input. */
    if (in_len > 0 && in_len < sizeof overlap) {
        memcpy(overlap, in, in_len);
        CHECK_STATUS(f(overlap, in_len, overlap, sizeof overlap, &n),
                     JETON_ERR_OVERLAPPING_BUFFERS);
        CHECK_STATUS(f(overlap + 1, in_len - 1, overlap, 2, &n),
                     in_len > 1 ? JETON_ERR_OVERLAPPING_BUFFERS : JETON_OK);
        CHECK(memcmp(overlap, in, in_len) == 0 || in_len == 1);
    }
    jt_context = NULL;
}

/* A transform refusing `in` with `want`: nothing written anywhere. */
static void check_transform_fails(const char *what, transform_fn f, const char *in, size_t in_len,
                                  jeton_status want) {
    uint8_t out[512];
    size_t n = UNTOUCHED;
    jt_context = what;
    memset(out, 'X', sizeof out);
    CHECK_STATUS(f((const uint8_t *)in, in_len, out, sizeof out, &n), want);
    CHECK(n == UNTOUCHED);
    CHECK(jt_no_partial(out, sizeof out, 'X'));
    jt_context = NULL;
}

#define TRANSFORM(f, in, want) check_transform(#f "(" #in ")", f, in, sizeof(in) - 1, want, sizeof(want) - 1)
#define TRANSFORM_FAILS(f, in, status) check_transform_fails(#f "(" #in ")", f, in, sizeof(in) - 1, status)

/* ------------------------------------------------------------------ */

static void test_status(void) {
    static const jeton_status named[] = {
        JETON_OK, JETON_DONE, JETON_ERR_BUFFER_TOO_SMALL, JETON_ERR_INPUT_TOO_LONG,
        JETON_ERR_COOKIE_NOT_FOUND, JETON_ERR_SIGNATURE_MISMATCH, JETON_ERR_JWT_EXPIRED,
        JETON_ERR_NULL_POINTER, JETON_ERR_INVALID_ARGUMENT, JETON_ERR_PANIC,
        JETON_ERR_NOT_INITIALIZED, JETON_ERR_OVERLAPPING_BUFFERS};
    static const jeton_status unknown[] = {2, -5, -99, -9999, INT32_MIN, INT32_MAX};
    size_t i, j;
    char version[32];

    for (i = 0; i < sizeof named / sizeof named[0]; i++) {
        const char *text = jeton_status_str(named[i]);
        CHECK(text != NULL && text[0] != '\0');
        CHECK(strcmp(text, "unknown status") != 0);
        for (j = 0; j < i; j++) CHECK(strcmp(text, jeton_status_str(named[j])) != 0);
        CHECK(jeton_status_is_error(named[i]) == (named[i] < 0));
    }
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        CHECK(strcmp(jeton_status_str(unknown[i]), "unknown status") == 0);
    CHECK(strcmp(jeton_status_str(JETON_ERR_BUFFER_TOO_SMALL), "output buffer too small") == 0);
    CHECK(!jeton_status_is_error(JETON_OK) && !jeton_status_is_error(JETON_DONE));
    CHECK(sizeof(jeton_status) == 4);

    snprintf(version, sizeof version, "%d.%d.%d", JETON_VERSION_MAJOR, JETON_VERSION_MINOR, JETON_VERSION_PATCH);
    CHECK(strcmp(jeton_version(), version) == 0);
}

/* ------------------------------------------------------------------ */

static void test_percent(void) {
    /* ECMA-262 encodeURIComponent: all but A-Z a-z 0-9 - _ . ! ~ * ' ( )
     * as %XX in upper-case hex, UTF-8 bytes one by one. */
    TRANSFORM(jeton_percent_encode, "a b&c=\303\251", "a%20b%26c%3D%C3%A9");
    TRANSFORM(jeton_percent_encode, "AZaz09-_.!~*'()", "AZaz09-_.!~*'()");
    TRANSFORM(jeton_percent_encode, "", "");
    TRANSFORM(jeton_percent_encode, ";/?:@", "%3B%2F%3F%3A%40");
    /* decodeURIComponent: the inverse, refusing what would throw. */
    TRANSFORM(jeton_percent_decode, "caf%C3%A9%20au%20lait", "caf\303\251 au lait");
    TRANSFORM(jeton_percent_decode, "%3b%3B", ";;");
    TRANSFORM(jeton_percent_decode, "plain", "plain");
    TRANSFORM_FAILS(jeton_percent_decode, "100%", JETON_ERR_INVALID_PERCENT_ENCODING);
    TRANSFORM_FAILS(jeton_percent_decode, "%4", JETON_ERR_INVALID_PERCENT_ENCODING);
    TRANSFORM_FAILS(jeton_percent_decode, "%zz", JETON_ERR_INVALID_PERCENT_ENCODING);
    TRANSFORM_FAILS(jeton_percent_decode, "%C3", JETON_ERR_INVALID_UTF8);
    TRANSFORM_FAILS(jeton_percent_decode, "%ED%A0%80", JETON_ERR_INVALID_UTF8); /* surrogate */
    TRANSFORM_FAILS(jeton_percent_decode, "%C0%AF", JETON_ERR_INVALID_UTF8);    /* overlong */
}

/* base64 through the transform checks, one alphabet and padding each. */
static jeton_status b64_std_enc(const uint8_t *d, size_t l, uint8_t *o, size_t c, size_t *n) {
    return jeton_base64_encode(d, l, JETON_BASE64_STANDARD, JETON_BASE64_PADDED, o, c, n);
}
static jeton_status b64_std_dec(const uint8_t *d, size_t l, uint8_t *o, size_t c, size_t *n) {
    return jeton_base64_decode(d, l, JETON_BASE64_STANDARD, JETON_BASE64_PADDED, o, c, n);
}
static jeton_status b64_url_enc(const uint8_t *d, size_t l, uint8_t *o, size_t c, size_t *n) {
    return jeton_base64_encode(d, l, JETON_BASE64_URL_SAFE, JETON_BASE64_UNPADDED, o, c, n);
}
static jeton_status b64_url_dec(const uint8_t *d, size_t l, uint8_t *o, size_t c, size_t *n) {
    return jeton_base64_decode(d, l, JETON_BASE64_URL_SAFE, JETON_BASE64_UNPADDED, o, c, n);
}
static jeton_status b64_either_dec(const uint8_t *d, size_t l, uint8_t *o, size_t c, size_t *n) {
    return jeton_base64_decode(d, l, JETON_BASE64_STANDARD, JETON_BASE64_EITHER, o, c, n);
}

static void test_base64(void) {
    /* RFC 4648 section 10. */
    static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
                                        "Zm9vYmFy"};
    size_t i, n;
    uint8_t out[16];
    char what[64];
    for (i = 0; i < 7; i++) {
        snprintf(what, sizeof what, "RFC 4648 %s", plain[i]);
        check_transform(what, b64_std_enc, plain[i], strlen(plain[i]), coded[i], strlen(coded[i]));
        check_transform(what, b64_std_dec, coded[i], strlen(coded[i]), plain[i], strlen(plain[i]));
    }
    /* RFC 4648 sections 4 and 5: 62 and 63 are + / or - _. */
    TRANSFORM(b64_std_enc, "\373\377", "+/8=");
    TRANSFORM(b64_url_enc, "\373\377", "-_8");
    TRANSFORM(b64_url_dec, "-_8", "\373\377");
    TRANSFORM(b64_either_dec, "Zm8", "fo");
    TRANSFORM(b64_either_dec, "Zm8=", "fo");
    /* Not canonical: refused. */
    TRANSFORM_FAILS(b64_std_dec, "Zm8", JETON_ERR_INVALID_BASE64);      /* padding missing */
    TRANSFORM_FAILS(b64_url_dec, "Zm8=", JETON_ERR_INVALID_BASE64);     /* padding refused */
    TRANSFORM_FAILS(b64_std_dec, "Zm9=", JETON_ERR_INVALID_BASE64);     /* trailing bits */
    TRANSFORM_FAILS(b64_std_dec, "Zm9v\n", JETON_ERR_INVALID_BASE64);   /* whitespace */
    TRANSFORM_FAILS(b64_url_dec, "+/8", JETON_ERR_INVALID_BASE64);      /* other alphabet */
    TRANSFORM_FAILS(b64_std_dec, "Z", JETON_ERR_INVALID_BASE64);        /* impossible length */
    TRANSFORM_FAILS(b64_either_dec, "Zm8==", JETON_ERR_INVALID_BASE64); /* too much padding */
    /* Unknown alphabet or padding. */
    n = UNTOUCHED;
    CHECK_STATUS(jeton_base64_encode(S("f"), 2, JETON_BASE64_PADDED, out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_base64_encode(S("f"), JETON_BASE64_STANDARD, 3, out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_base64_decode(S("Zg=="), 7, JETON_BASE64_PADDED, out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_base64_decode(S("Zg=="), JETON_BASE64_STANDARD, 9, out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK(n == UNTOUCHED);
}

/* ------------------------------------------------------------------ */

static void test_cookie_header(void) {
    /* RFC 6265 section 4.2.2: Cookie: SID=31d4d96e407aad42; lang=en-US */
    static const char header[] = "SID=31d4d96e407aad42; lang=en-US";
    jeton_cookie_iter it, zeroed;
    jeton_cookie_pair pair, sentinel;
    size_t offset;
    int count;

    CHECK(sizeof(jeton_cookie_iter) == JETON_COOKIE_ITER_SIZE);
    CHECK_STATUS(jeton_cookie_iter_init(&it, S(header)), JETON_OK);
    CHECK_STATUS(jeton_cookie_iter_next(&it, &pair), JETON_OK);
    CHECK_VIEW(pair.name, "SID");
    CHECK_VIEW(pair.value, "31d4d96e407aad42");
    CHECK(pair.name.ptr == (const uint8_t *)header); /* points into the input */
    CHECK_STATUS(jeton_cookie_iter_next(&it, &pair), JETON_OK);
    CHECK_VIEW(pair.name, "lang");
    CHECK_VIEW(pair.value, "en-US");
    memset(&sentinel, 0x5a, sizeof sentinel);
    pair = sentinel;
    CHECK_STATUS(jeton_cookie_iter_next(&it, &pair), JETON_DONE);
    CHECK_STATUS(jeton_cookie_iter_next(&it, &pair), JETON_DONE);
    CHECK(memcmp(&pair, &sentinel, sizeof pair) == 0);

    /* Duplicates in order, quotes kept and stripped, empty names kept,
     * pieces without '=' skipped (npm cookie's reading). */
    CHECK_STATUS(jeton_cookie_iter_init(&it, S("a=1; b=\"x y\"; junk; =e; a=2")), JETON_OK);
    count = 0;
    while (jeton_cookie_iter_next(&it, &pair) == JETON_OK) {
        count++;
        if (count == 2) {
            CHECK_VIEW(pair.value, "\"x y\"");
            CHECK_VIEW(pair.value_unquoted, "x y");
        }
        if (count == 3) CHECK(pair.name.len == 0 && pair.name.ptr != NULL);
        if (count == 4) CHECK_VIEW(pair.value, "2");
    }
    CHECK(count == 4);
    CHECK_STATUS(jeton_cookie_iter_init(&it, S("")), JETON_OK);
    CHECK_STATUS(jeton_cookie_iter_next(&it, &pair), JETON_DONE);

    /* Limits: checked at init, before any pair is read. */
    CHECK_STATUS(jeton_cookie_iter_init_with_limits(&it, S("a=1; b=2; c=3"), 64, 2),
                 JETON_ERR_TOO_MANY_ITEMS);
    CHECK_STATUS(jeton_cookie_iter_init_with_limits(&it, S("a=1; b=2; c=3"), 8, 10),
                 JETON_ERR_INPUT_TOO_LONG);
    CHECK_STATUS(jeton_cookie_iter_init_with_limits(&it, S("a=1; b=2; c=3"), 13, 3), JETON_OK);
    {
        char big[JETON_COOKIE_MAX_HEADER_LEN + 1];
        memset(big, 'a', sizeof big);
        CHECK_STATUS(jeton_cookie_iter_init(&it, (const uint8_t *)big, sizeof big),
                     JETON_ERR_INPUT_TOO_LONG);
    }

    /* NULL pointers, objects not initialized, misaligned. */
    CHECK_STATUS(jeton_cookie_iter_init(NULL, S(header)), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_iter_init(&it, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_iter_init_with_limits(NULL, S(header), 64, 8),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_iter_init_with_limits(&it, NULL, 3, 64, 8), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_iter_next(NULL, &pair), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_iter_init(&it, S(header)), JETON_OK);
    CHECK_STATUS(jeton_cookie_iter_next(&it, NULL), JETON_ERR_NULL_POINTER);
    memset(&zeroed, 0, sizeof zeroed);
    CHECK_STATUS(jeton_cookie_iter_next(&zeroed, &pair), JETON_ERR_NOT_INITIALIZED);
    {
        unsigned char raw[sizeof(jeton_cookie_iter) + 32];
        jeton_cookie_iter *mis = (jeton_cookie_iter *)jt_misaligned(raw);
        CHECK_STATUS(jeton_cookie_iter_init(mis, S(header)), JETON_ERR_INVALID_ARGUMENT);
    }

    /* get: the first of a name, byte for byte. */
    memset(&pair, 0, sizeof pair);
    CHECK_STATUS(jeton_cookie_header_get(S("id=1; ID=2; id=3"), S("id"), &pair), JETON_OK);
    CHECK_VIEW(pair.value, "1");
    CHECK_STATUS(jeton_cookie_header_get(S("id=1; ID=2; id=3"), S("ID"), &pair), JETON_OK);
    CHECK_VIEW(pair.value, "2");
    pair = sentinel;
    CHECK_STATUS(jeton_cookie_header_get(S("id=1; ID=2"), S("Id"), &pair),
                 JETON_ERR_COOKIE_NOT_FOUND);
    CHECK(memcmp(&pair, &sentinel, sizeof pair) == 0);
    CHECK_STATUS(jeton_cookie_header_get(S("q=\"v\""), S("q"), &pair), JETON_OK);
    CHECK_VIEW(pair.value_unquoted, "v");
    CHECK_STATUS(jeton_cookie_header_get(NULL, 0, S("id"), &pair), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_header_get(S("id=1"), NULL, 2, &pair), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_header_get(S("id=1"), S("id"), NULL), JETON_ERR_NULL_POINTER);

    /* check_strict: RFC 6265 section 4.2.1. */
    offset = UNTOUCHED;
    CHECK_STATUS(jeton_cookie_header_check_strict(S(header), &offset), JETON_OK);
    CHECK_STATUS(jeton_cookie_header_check_strict(S("a=1; b=\"2\""), &offset), JETON_OK);
    CHECK(offset == UNTOUCHED);
    CHECK_STATUS(jeton_cookie_header_check_strict(S("a=1;b=2"), &offset),
                 JETON_ERR_COOKIE_INVALID_SEPARATOR);
    CHECK(offset == 3);
    CHECK_STATUS(jeton_cookie_header_check_strict(S("a b=1"), &offset),
                 JETON_ERR_COOKIE_INVALID_NAME);
    CHECK(offset == 1);
    CHECK_STATUS(jeton_cookie_header_check_strict(S("a=1; b"), &offset),
                 JETON_ERR_COOKIE_MISSING_EQUALS);
    CHECK(offset == 5);
    CHECK_STATUS(jeton_cookie_header_check_strict(S("=1"), &offset), JETON_ERR_COOKIE_EMPTY_NAME);
    CHECK(offset == 0);
    CHECK_STATUS(jeton_cookie_header_check_strict(S("a=1,2"), &offset),
                 JETON_ERR_COOKIE_INVALID_VALUE);
    CHECK(offset == 3);
    CHECK_STATUS(jeton_cookie_header_check_strict(S("  "), &offset),
                 JETON_ERR_COOKIE_HEADER_EMPTY);
    offset = UNTOUCHED;
    {
        char many[2 * JETON_COOKIE_MAX_PAIRS + 2];
        memset(many, ';', sizeof many);
        CHECK_STATUS(jeton_cookie_header_check_strict((const uint8_t *)many, sizeof many, &offset),
                     JETON_ERR_TOO_MANY_ITEMS);
        CHECK(offset == UNTOUCHED);
    }
    CHECK_STATUS(jeton_cookie_header_check_strict(NULL, 0, &offset), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_header_check_strict(S("a=1"), NULL), JETON_ERR_NULL_POINTER);
}

static void test_cookie_values(void) {
    /* npm cookie's default decoder: decodeURIComponent, or the value as
     * sent when that would throw. */
    TRANSFORM(jeton_cookie_value_decode, "caf%C3%A9", "caf\303\251");
    TRANSFORM(jeton_cookie_value_decode, "100%", "100%");
    TRANSFORM(jeton_cookie_value_decode, "%E0%A4%A", "%E0%A4%A");
    TRANSFORM(jeton_cookie_value_decode, "", "");
    /* npm cookie's default encoder: cookie-octets but '%' kept, otherwise
     * encodeURIComponent. */
    TRANSFORM(jeton_cookie_value_encode, "abc/def", "abc/def");
    TRANSFORM(jeton_cookie_value_encode, "a b/c", "a%20b%2Fc");
    TRANSFORM(jeton_cookie_value_encode, "50%", "50%25");
}

static void test_cookie_header_write(void) {
    jeton_cookie_pair pairs[3];
    uint8_t out[64];
    size_t n;

    memset(pairs, 0, sizeof pairs);
    pairs[0].name = jt_bytes("sid");
    pairs[0].value = jt_bytes("a1b2");
    pairs[1].name = jt_bytes("q");
    pairs[1].value = jt_bytes("x y");
    /* Encoded: RFC 6265 pairs joined by "; ", values through npm cookie's
     * encoder. */
    CHECK_STATUS(jeton_cookie_header_write(pairs, 2, JETON_COOKIE_ENCODE_VALUE, out, sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, "sid=a1b2; q=x%20y");
    CHECK_STATUS(jeton_cookie_header_check_strict(out, n, &n), JETON_OK);
    CHECK_STATUS(jeton_cookie_header_write(pairs, 2, JETON_COOKIE_ENCODE_VALUE, out, 16, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 17);
    CHECK_STATUS(jeton_cookie_header_write(pairs, 2, JETON_COOKIE_ENCODE_VALUE, NULL, 0, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 17);
    CHECK_STATUS(jeton_cookie_header_write(pairs, 1, 0, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "sid=a1b2");
    CHECK_STATUS(jeton_cookie_header_write(pairs, 0, 0, out, sizeof out, &n), JETON_OK);
    CHECK(n == 0);
    /* Not encoded: a space is no cookie-octet; nothing partial is left. */
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_cookie_header_write(pairs, 2, 0, out, sizeof out, &n),
                 JETON_ERR_COOKIE_INVALID_VALUE);
    CHECK(n == UNTOUCHED);
    CHECK(jt_no_partial(out, sizeof out, 'X'));
    pairs[1].name = jt_bytes("");
    CHECK_STATUS(jeton_cookie_header_write(pairs, 2, JETON_COOKIE_ENCODE_VALUE, out, sizeof out, &n),
                 JETON_ERR_COOKIE_EMPTY_NAME);
    pairs[1].name = jt_bytes("b@d");
    CHECK_STATUS(jeton_cookie_header_write(pairs, 2, JETON_COOKIE_ENCODE_VALUE, out, sizeof out, &n),
                 JETON_ERR_COOKIE_INVALID_NAME);
    pairs[1].name = jt_bytes("q");
    CHECK_STATUS(jeton_cookie_header_write(pairs, 2, JETON_COOKIE_SECURE, out, sizeof out, &n),
                 JETON_ERR_INVALID_ARGUMENT);
    /* NULL pointers, in the array too; overlap with a view. */
    CHECK_STATUS(jeton_cookie_header_write(NULL, 0, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_header_write(pairs, 1, 0, NULL, 8, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_header_write(pairs, 1, 0, out, sizeof out, NULL),
                 JETON_ERR_NULL_POINTER);
    pairs[2].name = jt_bytes("z");
    pairs[2].value.ptr = NULL;
    pairs[2].value.len = 0;
    CHECK_STATUS(jeton_cookie_header_write(pairs, 3, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    memcpy(out, "sid", 3);
    pairs[0].name.ptr = out;
    CHECK_STATUS(jeton_cookie_header_write(pairs, 1, 0, out, sizeof out, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
}

static void test_dates(void) {
    uint8_t out[JETON_HTTP_DATE_LEN];
    size_t n = UNTOUCHED;
    int64_t t = 42;

    /* RFC 7231 section 7.1.1.1. */
    CHECK_STATUS(jeton_http_date_format(RFC7231_TIME, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Sun, 06 Nov 1994 08:49:37 GMT");
    CHECK_STATUS(jeton_http_date_format(0, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Thu, 01 Jan 1970 00:00:00 GMT");
    CHECK_STATUS(jeton_http_date_format(JETON_MIN_COOKIE_TIME, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Mon, 01 Jan 1601 00:00:00 GMT");
    CHECK_STATUS(jeton_http_date_format(JETON_MAX_COOKIE_TIME, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Fri, 31 Dec 9999 23:59:59 GMT");
    n = UNTOUCHED;
    CHECK_STATUS(jeton_http_date_format(JETON_MIN_COOKIE_TIME - 1, out, sizeof out, &n),
                 JETON_ERR_DATE_OUT_OF_RANGE);
    CHECK_STATUS(jeton_http_date_format(JETON_MAX_COOKIE_TIME + 1, out, sizeof out, &n),
                 JETON_ERR_DATE_OUT_OF_RANGE);
    CHECK_STATUS(jeton_http_date_format(INT64_MIN, out, sizeof out, &n), JETON_ERR_DATE_OUT_OF_RANGE);
    CHECK(n == UNTOUCHED);
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_http_date_format(RFC7231_TIME, out, sizeof out - 1, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == JETON_HTTP_DATE_LEN);
    CHECK(jt_no_partial(out, sizeof out - 1, 'X'));
    CHECK_STATUS(jeton_http_date_format(RFC7231_TIME, NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jeton_http_date_format(RFC7231_TIME, NULL, 29, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_http_date_format(RFC7231_TIME, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);

    /* The three HTTP date formats of RFC 7231, through RFC 6265's
     * cookie-date algorithm. */
    CHECK_STATUS(jeton_cookie_date_parse(S("Sun, 06 Nov 1994 08:49:37 GMT"), &t), JETON_OK);
    CHECK(t == RFC7231_TIME);
    t = 0;
    CHECK_STATUS(jeton_cookie_date_parse(S("Sunday, 06-Nov-94 08:49:37 GMT"), &t), JETON_OK);
    CHECK(t == RFC7231_TIME);
    t = 0;
    CHECK_STATUS(jeton_cookie_date_parse(S("Sun Nov  6 08:49:37 1994"), &t), JETON_OK);
    CHECK(t == RFC7231_TIME);
    t = 42;
    CHECK_STATUS(jeton_cookie_date_parse(S("Sun, 31 Nov 1994 08:49:37 GMT"), &t),
                 JETON_ERR_INVALID_COOKIE_DATE);
    CHECK_STATUS(jeton_cookie_date_parse(S(""), &t), JETON_ERR_INVALID_COOKIE_DATE);
    CHECK_STATUS(jeton_cookie_date_parse(S("06 Nov 1600 08:49:37"), &t),
                 JETON_ERR_INVALID_COOKIE_DATE);
    CHECK(t == 42);
    CHECK_STATUS(jeton_cookie_date_parse(NULL, 0, &t), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_date_parse(S("Sun, 06 Nov 1994 08:49:37 GMT"), NULL),
                 JETON_ERR_NULL_POINTER);
}

/* ------------------------------------------------------------------ */

static jeton_set_cookie new_cookie(const char *name, const char *value) {
    jeton_set_cookie c;
    memset(&c, 0, sizeof c);
    c.name = jt_bytes(name);
    c.value = jt_bytes(value);
    return c;
}

static void check_write(const char *what, const jeton_set_cookie *c, const char *want) {
    uint8_t out[512];
    size_t n = UNTOUCHED;
    size_t len = strlen(want);
    jt_context = what;
    CHECK_STATUS(jeton_set_cookie_validate(c), JETON_OK);
    CHECK_STATUS(jeton_set_cookie_write(c, out, sizeof out, &n), JETON_OK);
    CHECK_MEM(out, n, want, len);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_set_cookie_write(c, NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == len);
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_set_cookie_write(c, out, len - 1, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == len && jt_no_partial(out, len - 1, 'X'));
    CHECK_STATUS(jeton_set_cookie_write(c, out, len, &n), JETON_OK);
    jt_context = NULL;
}

static void check_refused(const char *what, const jeton_set_cookie *c, jeton_status want) {
    uint8_t out[512];
    size_t n = UNTOUCHED;
    jt_context = what;
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_set_cookie_validate(c), want);
    CHECK_STATUS(jeton_set_cookie_write(c, out, sizeof out, &n), want);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    jt_context = NULL;
}

static void test_set_cookie(void) {
    jeton_set_cookie c;
    jeton_parsed_set_cookie p, sentinel;
    uint8_t out[256];
    size_t n;
    char value[5000];

    /* RFC 6265 section 3.1. */
    c = new_cookie("SID", "31d4d96e407aad42");
    c.path = jt_bytes("/");
    c.flags = JETON_COOKIE_SECURE | JETON_COOKIE_HTTP_ONLY;
    check_write("RFC 6265 SID", &c, "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly");
    c = new_cookie("lang", "en-US");
    c.path = jt_bytes("/");
    c.domain = jt_bytes("example.com");
    check_write("RFC 6265 lang", &c, "lang=en-US; Path=/; Domain=example.com");
    c = new_cookie("lang", "en-US");
    c.expires = RFC6265_TIME;
    c.flags = JETON_COOKIE_HAS_EXPIRES;
    check_write("RFC 6265 Expires", &c, "lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
    /* encodeURIComponent of the value when asked. */
    c = new_cookie("q", "a b;c");
    c.flags = JETON_COOKIE_ENCODE_VALUE;
    check_write("encoded", &c, "q=a%20b%3Bc");
    /* Max-Age 0 and SameSite / Priority names. */
    c = new_cookie("a", "1");
    c.flags = JETON_COOKIE_HAS_MAX_AGE | JETON_COOKIE_SECURE;
    c.same_site = JETON_SAME_SITE_NONE;
    c.priority = JETON_PRIORITY_HIGH;
    check_write("max-age", &c, "a=1; Max-Age=0; Secure; SameSite=None; Priority=High");
    c.flags |= JETON_COOKIE_PARTITIONED;
    c.same_site = JETON_SAME_SITE_STRICT;
    c.priority = JETON_PRIORITY_LOW;
    check_write("partitioned", &c, "a=1; Max-Age=0; Secure; SameSite=Strict; Partitioned; Priority=Low");
    c.same_site = JETON_SAME_SITE_LAX;
    c.priority = JETON_PRIORITY_MEDIUM;
    c.flags = 0;
    check_write("lax", &c, "a=1; SameSite=Lax; Priority=Medium");
    c = new_cookie("__Host-id", "1");
    c.path = jt_bytes("/");
    c.flags = JETON_COOKIE_SECURE;
    check_write("__Host-", &c, "__Host-id=1; Path=/; Secure");

    /* The rules of RFC 6265 and 6265bis, as errors. */
    c = new_cookie("a b", "1");
    check_refused("name", &c, JETON_ERR_COOKIE_INVALID_NAME);
    c = new_cookie("", "1");
    check_refused("empty name", &c, JETON_ERR_COOKIE_EMPTY_NAME);
    c = new_cookie("a", "1\r\nSet-Cookie: evil=1");
    check_refused("CRLF", &c, JETON_ERR_COOKIE_INVALID_VALUE);
    c = new_cookie("a", "1; Domain=evil.com");
    check_refused("semicolon", &c, JETON_ERR_COOKIE_INVALID_VALUE);
    c = new_cookie("a", "1");
    c.path = jt_bytes("docs");
    check_refused("relative path", &c, JETON_ERR_COOKIE_INVALID_PATH);
    c.path = jt_bytes("/a;b");
    check_refused("path ;", &c, JETON_ERR_COOKIE_INVALID_PATH);
    c = new_cookie("a", "1");
    c.domain = jt_bytes("exa mple.com");
    check_refused("domain", &c, JETON_ERR_COOKIE_INVALID_DOMAIN);
    c = new_cookie("a", "1");
    c.same_site = JETON_SAME_SITE_NONE;
    check_refused("SameSite=None", &c, JETON_ERR_SAME_SITE_NONE_REQUIRES_SECURE);
    c = new_cookie("a", "1");
    c.flags = JETON_COOKIE_PARTITIONED;
    check_refused("Partitioned", &c, JETON_ERR_PARTITIONED_REQUIRES_SECURE);
    c = new_cookie("__Secure-a", "1");
    check_refused("__Secure-", &c, JETON_ERR_COOKIE_PREFIX_REQUIRES_SECURE);
    c = new_cookie("__Host-a", "1");
    c.flags = JETON_COOKIE_SECURE;
    check_refused("__Host- path", &c, JETON_ERR_COOKIE_PREFIX_REQUIRES_ROOT_PATH);
    c.path = jt_bytes("/");
    c.domain = jt_bytes("example.com");
    check_refused("__Host- domain", &c, JETON_ERR_COOKIE_PREFIX_FORBIDS_DOMAIN);
    c = new_cookie("__Http-a", "1");
    c.flags = JETON_COOKIE_SECURE;
    check_refused("__Http-", &c, JETON_ERR_COOKIE_PREFIX_REQUIRES_HTTP_ONLY);
    c = new_cookie("a", "1");
    c.flags = JETON_COOKIE_HAS_EXPIRES;
    c.expires = JETON_MAX_COOKIE_TIME + 1;
    check_refused("expires", &c, JETON_ERR_DATE_OUT_OF_RANGE);
    memset(value, 'v', sizeof value - 1);
    value[sizeof value - 1] = '\0';
    c = new_cookie("a", value);
    check_refused("too large", &c, JETON_ERR_COOKIE_TOO_LARGE);
    c = new_cookie("a", "1");
    c.path.ptr = (const uint8_t *)value;
    c.path.len = 1100;
    value[0] = '/';
    check_refused("attribute too long", &c, JETON_ERR_COOKIE_ATTRIBUTE_TOO_LONG);

    /* Bad arguments. */
    c = new_cookie("a", "1");
    c.flags = JETON_COOKIE_HAS_MAX_AGE;
    c.max_age = -1;
    check_refused("negative max_age", &c, JETON_ERR_INVALID_ARGUMENT);
    c = new_cookie("a", "1");
    c.flags = JETON_COOKIE_HAS_EXPIRY;
    check_refused("parse-only flag", &c, JETON_ERR_INVALID_ARGUMENT);
    c.flags = 1u << 30;
    check_refused("unknown flag", &c, JETON_ERR_INVALID_ARGUMENT);
    c.flags = 0;
    c.same_site = 4;
    check_refused("same_site", &c, JETON_ERR_INVALID_ARGUMENT);
    c.same_site = 0;
    c.priority = 4;
    check_refused("priority", &c, JETON_ERR_INVALID_ARGUMENT);
    c.priority = 0;
    c.style = 3;
    check_refused("style", &c, JETON_ERR_INVALID_ARGUMENT);
    c.style = 0;
    c.path.ptr = NULL;
    c.path.len = 3;
    check_refused("optional view", &c, JETON_ERR_INVALID_ARGUMENT);
    c = new_cookie("a", "1");
    c.name.ptr = NULL;
    check_refused("NULL name", &c, JETON_ERR_NULL_POINTER);
    c = new_cookie("a", "1");
    c.value.ptr = NULL;
    c.value.len = 0;
    check_refused("NULL value", &c, JETON_ERR_NULL_POINTER);
    c = new_cookie("a", "1");
    CHECK_STATUS(jeton_set_cookie_validate(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_set_cookie_write(NULL, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_set_cookie_write(&c, NULL, 8, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_set_cookie_write(&c, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    /* The output may not overlap the struct or its views. */
    memcpy(out, "a", 1);
    c.name.ptr = out;
    c.name.len = 1;
    CHECK_STATUS(jeton_set_cookie_write(&c, out, sizeof out, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_set_cookie_write(&c, out + 1, sizeof out - 1, &n), JETON_OK);
    CHECK_STATUS(jeton_set_cookie_write(&c, (uint8_t *)&c, sizeof c, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);

    /* Removal: what a user agent reads from it (RFC 6265 section 5.3
     * step 3: Max-Age 0, expired). */
    c = new_cookie("session", "ignored");
    c.path = jt_bytes("/app");
    c.flags = JETON_COOKIE_SECURE | JETON_COOKIE_HAS_MAX_AGE | JETON_COOKIE_ENCODE_VALUE;
    c.max_age = 3600;
    CHECK_STATUS(jeton_set_cookie_write_removal(&c, out, sizeof out, &n), JETON_OK);
    CHECK_STATUS(jeton_set_cookie_parse(out, n, 1000, &p), JETON_OK);
    CHECK_VIEW(p.name, "session");
    CHECK(p.value.len == 0);
    CHECK_VIEW(p.path, "/app");
    CHECK((p.flags & JETON_COOKIE_SECURE) && (p.flags & JETON_COOKIE_HAS_MAX_AGE));
    CHECK(p.max_age == 0 && (p.flags & JETON_COOKIE_HAS_EXPIRES) && p.expires == 0);
    CHECK((p.flags & JETON_COOKIE_HAS_EXPIRY) && p.expiry == INT64_MIN);
    {
        size_t needed = n;
        CHECK_STATUS(jeton_set_cookie_write_removal(&c, out, needed - 1, &n),
                     JETON_ERR_BUFFER_TOO_SMALL);
        CHECK(n == needed);
    }
    c = new_cookie("__Host-x", "1");
    CHECK_STATUS(jeton_set_cookie_write_removal(&c, out, sizeof out, &n),
                 JETON_ERR_COOKIE_PREFIX_REQUIRES_SECURE);
    CHECK_STATUS(jeton_set_cookie_write_removal(NULL, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_set_cookie_write_removal(&c, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);

    /* Parsing, RFC 6265 section 5.2. */
    CHECK_STATUS(jeton_set_cookie_parse(S("SID=31d4d96e407aad42; Path=/; Domain=.Example.com"), 0, &p),
                 JETON_OK);
    CHECK_VIEW(p.name, "SID");
    CHECK_VIEW(p.value, "31d4d96e407aad42");
    CHECK_VIEW(p.path, "/");
    CHECK_VIEW(p.domain, "Example.com");
    CHECK(!(p.flags & JETON_COOKIE_HAS_EXPIRY) && p.same_site == JETON_SAME_SITE_UNSET);
    CHECK_STATUS(jeton_set_cookie_parse(S("lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT"), 0, &p),
                 JETON_OK);
    CHECK((p.flags & JETON_COOKIE_HAS_EXPIRES) && p.expires == RFC6265_TIME);
    CHECK(p.expiry == RFC6265_TIME && p.path.ptr == NULL && p.domain.ptr == NULL);
    /* Max-Age wins over Expires (section 5.3 step 3). */
    CHECK_STATUS(jeton_set_cookie_parse(S("a=b; Max-Age=60; Expires=Wed, 09 Jun 2021 10:18:14 GMT; "
                                          "secure; HttpOnly; samesite=lax; priority=high; partitioned"),
                                        1000, &p),
                 JETON_OK);
    CHECK(p.max_age == 60 && p.expiry == 1060);
    CHECK(p.flags == (JETON_COOKIE_SECURE | JETON_COOKIE_HTTP_ONLY | JETON_COOKIE_PARTITIONED |
                      JETON_COOKIE_HAS_MAX_AGE | JETON_COOKIE_HAS_EXPIRES | JETON_COOKIE_HAS_EXPIRY));
    CHECK(p.same_site == JETON_SAME_SITE_LAX && p.priority == JETON_PRIORITY_HIGH);
    CHECK_STATUS(jeton_set_cookie_parse(S("a=b; SameSite=Strict; SameSite=bogus"), 0, &p), JETON_OK);
    CHECK(p.same_site == JETON_SAME_SITE_UNSET);
    CHECK_STATUS(jeton_set_cookie_parse(S("a=b\001c"), 0, &p), JETON_OK);
    CHECK(p.flags & JETON_COOKIE_CONTROL_CHARACTERS);
    memset(&sentinel, 0x5a, sizeof sentinel);
    p = sentinel;
    CHECK_STATUS(jeton_set_cookie_parse(S("novalue"), 0, &p), JETON_ERR_COOKIE_MISSING_EQUALS);
    CHECK_STATUS(jeton_set_cookie_parse(S(" =v"), 0, &p), JETON_ERR_COOKIE_EMPTY_NAME);
    CHECK(memcmp(&p, &sentinel, sizeof p) == 0);
    CHECK_STATUS(jeton_set_cookie_parse(NULL, 0, 0, &p), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_set_cookie_parse(S("a=b"), 0, NULL), JETON_ERR_NULL_POINTER);
}

/* ------------------------------------------------------------------ */

/* 2023-11-14T22:13:20Z: later than the dates below. */
#define NOW 1700000000

static void test_jar(void) {
    static jeton_cookie_jar jar; /* 10 KiB: static, as firmware would */
    static jeton_cookie_jar zeroed;
    jeton_cookie_jar_entry e;
    jeton_store_outcome outcome = 99;
    size_t evicted = UNTOUCHED, count, n;
    uint8_t out[256];
    int i;
    char set_cookie[96];

    CHECK(sizeof jar == JETON_COOKIE_JAR_SIZE);
    CHECK((uintptr_t)&jar % JETON_OBJECT_ALIGN == 0);
    CHECK_STATUS(jeton_cookie_jar_init(&jar), JETON_OK);
    CHECK_STATUS(jeton_cookie_jar_len(&jar, &count), JETON_OK);
    CHECK(count == 0);

    /* RFC 6265 section 3.1, the user agent's side. */
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("SID=31d4d96e407aad42; Path=/; Secure; HttpOnly"),
                                        S("https://example.com/login"), NOW, &outcome, &evicted),
                 JETON_OK);
    CHECK(outcome == JETON_STORE_INSERTED && evicted == 0);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("lang=en-US; Path=/; Domain=example.com"),
                                        S("https://example.com/login"), NOW, &outcome, &evicted),
                 JETON_OK);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("https://example.com/"), NOW + 1, out,
                                                sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, "SID=31d4d96e407aad42; lang=en-US");
    /* SID is host-only: a subdomain gets lang alone; so does plain http. */
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("https://www.example.com/"), NOW + 1, out,
                                                sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, "lang=en-US");
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("http://example.com/"), NOW + 1, out,
                                                sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, "lang=en-US");
    n = UNTOUCHED;
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("https://example.com/"), NOW + 1, out, 10, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 32 && jt_no_partial(out, 10, 'X'));
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("https://example.com/"), NOW + 1, NULL, 0, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 32);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("https://other.org/"), NOW + 1, out, sizeof out,
                                                &n),
                 JETON_OK);
    CHECK(n == 0);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("not a url"), NOW + 1, out, sizeof out, &n),
                 JETON_ERR_INVALID_URL);
    /* "Set-Cookie: lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT" deletes. */
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT; Path=/; "
                                                "Domain=example.com"),
                                        S("https://example.com/"), NOW + 2, &outcome, &evicted),
                 JETON_OK);
    CHECK(outcome == JETON_STORE_REMOVED);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("gone=; Max-Age=0"), S("https://example.com/"), NOW + 2,
                                        &outcome, &evicted),
                 JETON_OK);
    CHECK(outcome == JETON_STORE_EXPIRED);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("SID=new; Path=/; Secure; Max-Age=100"),
                                        S("https://example.com/"), NOW + 3, &outcome, &evicted),
                 JETON_OK);
    CHECK(outcome == JETON_STORE_REPLACED);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("https://example.com/x"), NOW + 4, out,
                                                sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, "SID=new");

    /* Entries, in storage order, pointing into the jar. */
    CHECK_STATUS(jeton_cookie_jar_get(&jar, 0, &e), JETON_OK);
    CHECK_VIEW(e.name, "SID");
    CHECK_VIEW(e.value, "new");
    CHECK_VIEW(e.domain, "example.com");
    CHECK_VIEW(e.path, "/");
    CHECK(e.flags == (JETON_COOKIE_SECURE | JETON_COOKIE_HOST_ONLY | JETON_COOKIE_HAS_EXPIRY));
    CHECK(e.expiry == NOW + 103 && e.same_site == JETON_SAME_SITE_UNSET);
    CHECK((const uint8_t *)e.name.ptr >= (const uint8_t *)&jar &&
          (const uint8_t *)e.name.ptr < (const uint8_t *)&jar + sizeof jar);
    CHECK_STATUS(jeton_cookie_jar_get(&jar, 1, &e), JETON_DONE);
    CHECK_STATUS(jeton_cookie_jar_get(&jar, SIZE_MAX, &e), JETON_DONE);

    /* Ignored cookies: each its own error, the jar unchanged. */
    outcome = 99;
    evicted = UNTOUCHED;
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1; Domain=com"), S("https://example.com/"), NOW + 4,
                                        &outcome, &evicted),
                 JETON_ERR_COOKIE_PUBLIC_SUFFIX);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1; Domain=other.org"), S("https://example.com/"),
                                        NOW + 4, &outcome, &evicted),
                 JETON_ERR_COOKIE_DOMAIN_MISMATCH);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1; Secure"), S("http://example.com/"), NOW + 4,
                                        &outcome, &evicted),
                 JETON_ERR_COOKIE_INSECURE_ORIGIN);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1\001"), S("https://example.com/"), NOW + 4, &outcome,
                                        &evicted),
                 JETON_ERR_COOKIE_CONTROL_CHARACTER);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1; SameSite=None"), S("https://example.com/"),
                                        NOW + 4, &outcome, &evicted),
                 JETON_ERR_SAME_SITE_NONE_REQUIRES_SECURE);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("__Host-a=1; Secure"), S("https://example.com/"),
                                        NOW + 4, &outcome, &evicted),
                 JETON_ERR_COOKIE_PREFIX_REQUIRES_ROOT_PATH);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("novalue"), S("https://example.com/"), NOW + 4, &outcome,
                                        &evicted),
                 JETON_ERR_COOKIE_MISSING_EQUALS);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1"), S("example.com/"), NOW + 4, &outcome, &evicted),
                 JETON_ERR_INVALID_URL);
    {
        /* Name and value over 4096 bytes (RFC 6265bis section 5.7). */
        static char big[4200];
        memcpy(big, "a=", 2);
        memset(big + 2, 'v', sizeof big - 2);
        CHECK_STATUS(jeton_cookie_jar_store(&jar, (const uint8_t *)big, sizeof big,
                                            S("https://example.com/"), NOW + 4, &outcome, &evicted),
                     JETON_ERR_COOKIE_TOO_LARGE);
    }
    CHECK(outcome == 99 && evicted == UNTOUCHED);
    CHECK_STATUS(jeton_cookie_jar_len(&jar, &count), JETON_OK);
    CHECK(count == 1);

    /* Full: the least recently used goes... */
    for (i = 0; i < JETON_COOKIE_JAR_CAPACITY + 2; i++) {
        snprintf(set_cookie, sizeof set_cookie, "c%d=%d; Max-Age=10; Secure", i, i);
        CHECK_STATUS(jeton_cookie_jar_store(&jar, (const uint8_t *)set_cookie, strlen(set_cookie),
                                            S("https://example.com/"), NOW + 1000, &outcome, &evicted),
                     JETON_OK);
    }
    CHECK_STATUS(jeton_cookie_jar_len(&jar, &count), JETON_OK);
    CHECK(count == JETON_COOKIE_JAR_CAPACITY);
    /* ...but an insecure origin may not evict Secure cookies. */
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("plain=1"), S("http://example.com/"), NOW + 1000,
                                        &outcome, &evicted),
                 JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("one=more; Secure"), S("https://example.com/"), NOW + 1000,
                                        &outcome, &evicted),
                 JETON_OK);
    CHECK(outcome == JETON_STORE_INSERTED && evicted == 1);
    /* Purge, end of session, removal. */
    CHECK_STATUS(jeton_cookie_jar_purge_expired(&jar, NOW + 1010, &n), JETON_OK);
    CHECK(n == JETON_COOKIE_JAR_CAPACITY - 1);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("keep=1; Max-Age=1000"), S("https://example.com/"),
                                        NOW + 1010, &outcome, &evicted),
                 JETON_OK);
    CHECK_STATUS(jeton_cookie_jar_end_session(&jar), JETON_OK);
    CHECK_STATUS(jeton_cookie_jar_len(&jar, &count), JETON_OK);
    CHECK(count == 1);
    CHECK_STATUS(jeton_cookie_jar_remove(&jar, S("keep"), S("EXAMPLE.com"), S("/"), &n), JETON_OK);
    CHECK(n == 1);
    CHECK_STATUS(jeton_cookie_jar_remove(&jar, S("keep"), S("example.com"), S("/"), &n), JETON_OK);
    CHECK(n == 0);

    /* NULL pointers. */
    CHECK_STATUS(jeton_cookie_jar_init(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_clear(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_store(NULL, S("a=1"), S("http://a.b/"), 0, &outcome, &evicted),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, NULL, 0, S("http://a.b/"), 0, &outcome, &evicted),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1"), NULL, 0, 0, &outcome, &evicted),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1"), S("http://a.b/"), 0, NULL, &evicted),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1"), S("http://a.b/"), 0, &outcome, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(NULL, S("http://a.b/"), 0, out, sizeof out, &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, NULL, 0, 0, out, sizeof out, &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("http://a.b/"), 0, NULL, 9, &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("http://a.b/"), 0, out, sizeof out, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_len(NULL, &count), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_len(&jar, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_get(NULL, 0, &e), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_get(&jar, 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_remove(NULL, S("a"), S("b"), S("/"), &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_remove(&jar, NULL, 0, S("b"), S("/"), &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_remove(&jar, S("a"), NULL, 0, S("/"), &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_remove(&jar, S("a"), S("b"), NULL, 0, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_remove(&jar, S("a"), S("b"), S("/"), NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_purge_expired(NULL, 0, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_purge_expired(&jar, 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_jar_end_session(NULL), JETON_ERR_NULL_POINTER);
    /* The output may not overlap the jar or the URL. */
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("http://a.b/"), 0, (uint8_t *)&jar, 64, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    {
        unsigned char *raw = (unsigned char *)malloc(sizeof(jeton_cookie_jar) + 32);
        CHECK(raw != NULL);
        if (raw != NULL) {
            CHECK_STATUS(jeton_cookie_jar_init((jeton_cookie_jar *)jt_misaligned(raw)),
                         JETON_ERR_INVALID_ARGUMENT);
            free(raw);
        }
    }

    /* Cleared (or zero-filled): refused; clearing twice is harmless. */
    CHECK_STATUS(jeton_cookie_jar_clear(&jar), JETON_OK);
    CHECK_STATUS(jeton_cookie_jar_clear(&jar), JETON_OK);
    CHECK_STATUS(jeton_cookie_jar_len(&jar, &count), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("a=1"), S("http://a.b/"), 0, &outcome, &evicted),
                 JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("http://a.b/"), 0, out, sizeof out, &n),
                 JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_cookie_jar_get(&jar, 0, &e), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_cookie_jar_remove(&jar, S("a"), S("b"), S("/"), &n), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_cookie_jar_purge_expired(&jar, 0, &n), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_cookie_jar_end_session(&jar), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_cookie_jar_len(&zeroed, &count), JETON_ERR_NOT_INITIALIZED);
    {
        size_t j;
        int wiped = 1;
        for (j = 0; j < sizeof jar; j++) wiped &= ((const uint8_t *)&jar)[j] == 0;
        CHECK(wiped);
    }
}

/* ------------------------------------------------------------------ */

/* RFC 4231 test case 2. */
static const uint8_t CASE2_TAG[32] = {
    0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
    0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43};
#define CASE2_DATA "what do ya want for nothing?"

static void test_hmac_key(void) {
    jeton_hmac_key key, copy, zeroed;
    jeton_hmac_algorithm alg = 0;
    uint8_t tag[JETON_HMAC_MAX_TAG_LEN];
    size_t n = UNTOUCHED;
    static const size_t lens[] = {20, 32, 48, 64};
    jeton_hmac_algorithm a;

    CHECK(sizeof key == JETON_HMAC_KEY_SIZE);
    for (a = JETON_HMAC_SHA1; a <= JETON_HMAC_SHA512; a++) {
        CHECK_STATUS(jeton_hmac_tag_len(a, &n), JETON_OK);
        CHECK(n == lens[a - 1]);
    }
    n = UNTOUCHED;
    CHECK_STATUS(jeton_hmac_tag_len(0, &n), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_hmac_tag_len(5, &n), JETON_ERR_INVALID_ARGUMENT);
    CHECK(n == UNTOUCHED);
    CHECK_STATUS(jeton_hmac_tag_len(JETON_HMAC_SHA1, NULL), JETON_ERR_NULL_POINTER);

    CHECK_STATUS(jeton_hmac_key_init(&key, JETON_HMAC_SHA256, S("Jefe")), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_algorithm(&key, &alg), JETON_OK);
    CHECK(alg == JETON_HMAC_SHA256);
    CHECK_STATUS(jeton_hmac_key_sign(&key, S(CASE2_DATA), tag, sizeof tag, &n), JETON_OK);
    CHECK_MEM(tag, n, CASE2_TAG, 32);
    CHECK_STATUS(jeton_hmac_key_verify(&key, S(CASE2_DATA), CASE2_TAG, 32), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_verify(&key, S("what do ya want for nothing!"), CASE2_TAG, 32),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_hmac_key_verify(&key, S(CASE2_DATA), CASE2_TAG, 31),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_hmac_key_verify(&key, S(CASE2_DATA), CASE2_TAG, 0),
                 JETON_ERR_SIGNATURE_MISMATCH);
    memset(tag, 'X', sizeof tag);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_hmac_key_sign(&key, S(CASE2_DATA), tag, 31, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 32 && jt_no_partial(tag, 31, 'X'));
    CHECK_STATUS(jeton_hmac_key_sign(&key, S(CASE2_DATA), NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 32);

    /* The same key from base64 ("Jefe"), decoded in constant time. */
    CHECK_STATUS(jeton_hmac_key_init_base64(&copy, JETON_HMAC_SHA256, S("SmVmZQ==")), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_verify(&copy, S(CASE2_DATA), CASE2_TAG, 32), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_clear(&copy), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_init_base64(&copy, JETON_HMAC_SHA256, S("SmVmZQ")),
                 JETON_ERR_INVALID_BASE64);
    CHECK_STATUS(jeton_hmac_key_init_base64(&copy, JETON_HMAC_SHA256, S("Sm V mZQ==")),
                 JETON_ERR_INVALID_BASE64);
    {
        static char long_secret[1400];
        memset(long_secret, 'A', sizeof long_secret);
        CHECK_STATUS(jeton_hmac_key_init_base64(&copy, JETON_HMAC_SHA256, (const uint8_t *)long_secret,
                                                sizeof long_secret),
                     JETON_ERR_INPUT_TOO_LONG);
    }
    CHECK_STATUS(jeton_hmac_key_init_base64(&copy, 9, S("SmVmZQ==")), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_hmac_key_init_base64(NULL, JETON_HMAC_SHA1, S("SmVmZQ==")),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_init_base64(&copy, JETON_HMAC_SHA1, NULL, 0), JETON_ERR_NULL_POINTER);

    /* A key is plain bytes: memcpy makes an independent copy. */
    memcpy(&copy, &key, sizeof key);
    CHECK_STATUS(jeton_hmac_key_clear(&key), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_verify(&copy, S(CASE2_DATA), CASE2_TAG, 32), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_verify(&key, S(CASE2_DATA), CASE2_TAG, 32),
                 JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_hmac_key_clear(&copy), JETON_OK);

    /* Bad arguments: nothing initialized. */
    memset(&zeroed, 0, sizeof zeroed);
    CHECK_STATUS(jeton_hmac_key_init(&zeroed, 0, S("k")), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_hmac_key_init(&zeroed, 5, S("k")), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_hmac_key_sign(&zeroed, S("x"), tag, sizeof tag, &n), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_hmac_key_verify(&zeroed, S("x"), tag, 32), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_hmac_key_algorithm(&zeroed, &alg), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_hmac_key_clear(&zeroed), JETON_OK);
    {
        unsigned char raw[sizeof(jeton_hmac_key) + 32];
        jeton_hmac_key *mis = (jeton_hmac_key *)jt_misaligned(raw);
        CHECK_STATUS(jeton_hmac_key_init(mis, JETON_HMAC_SHA1, S("k")), JETON_ERR_INVALID_ARGUMENT);
    }

    /* NULL pointers. */
    CHECK_STATUS(jeton_hmac_key_init(NULL, JETON_HMAC_SHA1, S("k")), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_init(&key, JETON_HMAC_SHA1, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_init(&key, JETON_HMAC_SHA1, S("")), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_sign(NULL, S("x"), tag, sizeof tag, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_sign(&key, NULL, 0, tag, sizeof tag, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_sign(&key, S("x"), NULL, 20, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_sign(&key, S("x"), tag, sizeof tag, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_verify(NULL, S("x"), tag, 20), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_verify(&key, NULL, 0, tag, 20), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_verify(&key, S("x"), NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_algorithm(NULL, &alg), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_algorithm(&key, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_hmac_key_clear(NULL), JETON_ERR_NULL_POINTER);
    /* The tag may not overlap the data or the key. */
    CHECK_STATUS(jeton_hmac_key_sign(&key, tag, 8, tag, sizeof tag, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_hmac_key_sign(&key, S("x"), (uint8_t *)&key, 64, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_hmac_key_clear(&key), JETON_OK);
}

static void test_key_ring(void) {
    jeton_key_ring ring, zeroed;
    jeton_hmac_key keys[5];
    uint8_t tag[JETON_HMAC_MAX_TAG_LEN], first[JETON_HMAC_MAX_TAG_LEN];
    size_t n, index = UNTOUCHED, count = UNTOUCHED, first_len;
    int i;
    char secret[32];

    CHECK(sizeof ring == JETON_KEY_RING_SIZE);
    for (i = 0; i < 5; i++) {
        snprintf(secret, sizeof secret, "key %d", i);
        CHECK_STATUS(jeton_hmac_key_init(&keys[i], JETON_HMAC_SHA256, (const uint8_t *)secret,
                                         strlen(secret)),
                     JETON_OK);
    }
    CHECK_STATUS(jeton_key_ring_init(&ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_len(&ring, &count), JETON_OK);
    CHECK(count == 0);
    CHECK_STATUS(jeton_key_ring_sign(&ring, S("data"), tag, sizeof tag, &n), JETON_ERR_EMPTY_KEY_RING);
    CHECK_STATUS(jeton_key_ring_verify(&ring, S("data"), tag, 32, &index), JETON_ERR_EMPTY_KEY_RING);
    for (i = 0; i < JETON_KEY_RING_CAPACITY; i++)
        CHECK_STATUS(jeton_key_ring_push(&ring, &keys[i]), JETON_OK);
    CHECK_STATUS(jeton_key_ring_push(&ring, &keys[4]), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(jeton_key_ring_len(&ring, &count), JETON_OK);
    CHECK(count == JETON_KEY_RING_CAPACITY);

    /* Signs with the first key; verifies with every key, telling which. */
    CHECK_STATUS(jeton_key_ring_sign(&ring, S("data"), tag, sizeof tag, &n), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_sign(&keys[0], S("data"), first, sizeof first, &first_len), JETON_OK);
    CHECK_MEM(tag, n, first, first_len);
    CHECK_STATUS(jeton_key_ring_verify(&ring, S("data"), tag, n, &index), JETON_OK);
    CHECK(index == 0);
    CHECK_STATUS(jeton_hmac_key_sign(&keys[2], S("data"), tag, sizeof tag, &n), JETON_OK);
    CHECK_STATUS(jeton_key_ring_verify(&ring, S("data"), tag, n, &index), JETON_OK);
    CHECK(index == 2);
    CHECK_STATUS(jeton_hmac_key_sign(&keys[4], S("data"), tag, sizeof tag, &n), JETON_OK);
    index = UNTOUCHED;
    CHECK_STATUS(jeton_key_ring_verify(&ring, S("data"), tag, n, &index), JETON_ERR_SIGNATURE_MISMATCH);
    CHECK(index == UNTOUCHED);
    /* Rotation: the new key signs, the oldest leaves. */
    CHECK_STATUS(jeton_key_ring_rotate_in(&ring, &keys[4]), JETON_OK);
    CHECK_STATUS(jeton_key_ring_verify(&ring, S("data"), tag, n, &index), JETON_OK);
    CHECK(index == 0);
    CHECK_STATUS(jeton_hmac_key_sign(&keys[3], S("data"), tag, sizeof tag, &n), JETON_OK);
    CHECK_STATUS(jeton_key_ring_verify(&ring, S("data"), tag, n, &index), JETON_ERR_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_key_ring_len(&ring, &count), JETON_OK);
    CHECK(count == JETON_KEY_RING_CAPACITY);
    /* Too small, size query, overlap. */
    n = UNTOUCHED;
    CHECK_STATUS(jeton_key_ring_sign(&ring, S("data"), tag, 8, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 32);
    CHECK_STATUS(jeton_key_ring_sign(&ring, S("data"), NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jeton_key_ring_sign(&ring, tag, 4, tag, sizeof tag, &n), JETON_ERR_OVERLAPPING_BUFFERS);

    /* NULL pointers and objects of the wrong kind. */
    CHECK_STATUS(jeton_key_ring_init(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_push(NULL, &keys[0]), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_push(&ring, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_rotate_in(NULL, &keys[0]), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_rotate_in(&ring, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_len(NULL, &count), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_len(&ring, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_sign(NULL, S("d"), tag, sizeof tag, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_sign(&ring, NULL, 0, tag, sizeof tag, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_sign(&ring, S("d"), NULL, 3, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_sign(&ring, S("d"), tag, sizeof tag, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_verify(NULL, S("d"), tag, 32, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_verify(&ring, NULL, 0, tag, 32, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_verify(&ring, S("d"), NULL, 0, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_verify(&ring, S("d"), tag, 32, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_clear(NULL), JETON_ERR_NULL_POINTER);

    CHECK_STATUS(jeton_key_ring_clear(&ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_len(&ring, &count), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_key_ring_push(&ring, &keys[0]), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_key_ring_rotate_in(&ring, &keys[0]), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_key_ring_sign(&ring, S("d"), tag, sizeof tag, &n), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_key_ring_verify(&ring, S("d"), tag, 32, &index), JETON_ERR_NOT_INITIALIZED);
    memset(&zeroed, 0, sizeof zeroed);
    CHECK_STATUS(jeton_key_ring_len(&zeroed, &count), JETON_ERR_NOT_INITIALIZED);
    /* The keys pushed stay the caller's: still usable after the ring goes. */
    CHECK_STATUS(jeton_hmac_key_verify(&keys[0], S("data"), first, first_len), JETON_OK);
    for (i = 0; i < 5; i++) CHECK_STATUS(jeton_hmac_key_clear(&keys[i]), JETON_OK);
}

/* ------------------------------------------------------------------ */

/* A ring holding one key of `alg` with `secret`. */
static void ring_of(jeton_key_ring *ring, jeton_hmac_algorithm alg, const char *secret) {
    jeton_hmac_key key;
    CHECK_STATUS(jeton_key_ring_init(ring), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_init(&key, alg, (const uint8_t *)secret, strlen(secret)), JETON_OK);
    CHECK_STATUS(jeton_key_ring_push(ring, &key), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_clear(&key), JETON_OK);
}

static void test_keygrip(void) {
    jeton_key_ring ring, empty;
    jeton_set_cookie c;
    uint8_t out[128], sig[128];
    size_t n = UNTOUCHED, m = UNTOUCHED, index = UNTOUCHED;
    jeton_bytes value;
    /* From tests/vectors/npm-signed.json (keygrip 1.1.0, cookie-session
     * 2.1.1): "keyboard cat", SHA-1, session={"views":1}. */
    static const char sig1[] = "x-C3NH9bM5O4ofBO-GACcofuXXc";
    static const char header[] = "session=eyJ2aWV3cyI6MX0=; session.sig=x-C3NH9bM5O4ofBO-GACcofuXXc";

    ring_of(&ring, JETON_HMAC_SHA1, "keyboard cat");
    CHECK_STATUS(jeton_key_ring_init(&empty), JETON_OK);

    CHECK_STATUS(jeton_keygrip_sign(&ring, S("session"), S("eyJ2aWV3cyI6MX0="), out, sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, sig1);
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_keygrip_sign(&ring, S("session"), S("eyJ2aWV3cyI6MX0="), out, 26, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 27 && jt_no_partial(out, 26, 'X'));
    CHECK_STATUS(jeton_keygrip_sign(&empty, S("session"), S("v"), out, sizeof out, &n),
                 JETON_ERR_EMPTY_KEY_RING);

    CHECK_STATUS(jeton_keygrip_verify(&ring, S("session"), S("eyJ2aWV3cyI6MX0="), S(sig1), &index),
                 JETON_OK);
    CHECK(index == 0);
    index = UNTOUCHED;
    CHECK_STATUS(jeton_keygrip_verify(&ring, S("session"), S("eyJ2aWV3cyI6MX1="), S(sig1), &index),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_keygrip_verify(&ring, S("session"), S("eyJ2aWV3cyI6MX0="),
                                      S("x-C3NH9bM5O4ofBO-GACcofuXX"), &index),
                 JETON_ERR_SIGNATURE_MALFORMED);
    CHECK_STATUS(jeton_keygrip_verify(&ring, S("session"), S("eyJ2aWV3cyI6MX0="),
                                      S("x+C3NH9bM5O4ofBO-GACcofuXXc"), &index),
                 JETON_ERR_SIGNATURE_MALFORMED);
    CHECK_STATUS(jeton_keygrip_verify(&empty, S("session"), S("v"), S(sig1), &index),
                 JETON_ERR_EMPTY_KEY_RING);
    CHECK(index == UNTOUCHED);

    /* verify_cookie: the value points into the header. */
    CHECK_STATUS(jeton_keygrip_verify_cookie(&ring, S(header), S("session"), &value, &index), JETON_OK);
    CHECK_VIEW(value, "eyJ2aWV3cyI6MX0=");
    CHECK(value.ptr == (const uint8_t *)header + 8 && index == 0);
    value.ptr = NULL;
    index = UNTOUCHED;
    CHECK_STATUS(jeton_keygrip_verify_cookie(&ring, S("other=1"), S("session"), &value, &index),
                 JETON_ERR_COOKIE_NOT_FOUND);
    CHECK_STATUS(jeton_keygrip_verify_cookie(&ring, S("session=1"), S("session"), &value, &index),
                 JETON_ERR_UNKNOWN_SIGNED_FORMAT);
    CHECK_STATUS(jeton_keygrip_verify_cookie(&ring, S("session=1; session.sig=x-C3NH9bM5O4ofBO-GACcofuXXc"),
                                             S("session"), &value, &index),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK(value.ptr == NULL && index == UNTOUCHED);

    /* write_set_cookies: the response of cookie-session, in the vector
     * file: "session=eyJ2aWV3cyI6MX0=; path=/; httponly" and its .sig. */
    c = new_cookie("session", "eyJ2aWV3cyI6MX0=");
    c.path = jt_bytes("/");
    c.flags = JETON_COOKIE_HTTP_ONLY;
    c.style = JETON_ATTRIBUTE_STYLE_NPM_COOKIES;
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, out, sizeof out, &n, sig, sizeof sig, &m),
                 JETON_OK);
    CHECK_TEXT(out, n, "session=eyJ2aWV3cyI6MX0=; path=/; httponly");
    CHECK_TEXT(sig, m, "session.sig=x-C3NH9bM5O4ofBO-GACcofuXXc; path=/; httponly");
    /* Either buffer too small: both lengths needed, neither header left. */
    memset(out, 'X', sizeof out);
    memset(sig, 'X', sizeof sig);
    n = m = UNTOUCHED;
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, out, 10, &n, sig, sizeof sig, &m),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 42 && m == 57);
    CHECK(jt_no_partial(out, sizeof out, 'X') && jt_no_partial(sig, sizeof sig, 'X'));
    n = m = UNTOUCHED;
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, out, sizeof out, &n, sig, 56, &m),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 42 && m == 57);
    CHECK(jt_no_partial(out, sizeof out, 'X') && jt_no_partial(sig, sizeof sig, 'X'));
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, NULL, 0, &n, NULL, 0, &m),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 42 && m == 57);
    n = m = UNTOUCHED;
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&empty, &c, out, sizeof out, &n, sig, sizeof sig, &m),
                 JETON_ERR_EMPTY_KEY_RING);
    c.same_site = JETON_SAME_SITE_NONE;
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, out, sizeof out, &n, sig, sizeof sig, &m),
                 JETON_ERR_SAME_SITE_NONE_REQUIRES_SECURE);
    CHECK(n == UNTOUCHED && m == UNTOUCHED);
    c.same_site = JETON_SAME_SITE_UNSET;
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, out, sizeof out, &n, out + 64, 64, &m),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, out, 64, &n, out + 64, 64, &m), JETON_OK);

    /* Session values: standard padded base64 of the JSON. */
    TRANSFORM(jeton_keygrip_encode_session_value, "{\"views\":1}", "eyJ2aWV3cyI6MX0=");
    TRANSFORM(jeton_keygrip_decode_session_value, "eyJ2aWV3cyI6MX0=", "{\"views\":1}");
    TRANSFORM(jeton_keygrip_decode_session_value, "eyJ2aWV3cyI6MX0", "{\"views\":1}");
    TRANSFORM_FAILS(jeton_keygrip_decode_session_value, "eyJ2aWV3cyI6MX0-", JETON_ERR_INVALID_BASE64);

    /* NULL pointers. */
    CHECK_STATUS(jeton_keygrip_sign(NULL, S("a"), S("b"), out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_sign(&ring, NULL, 0, S("b"), out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_sign(&ring, S("a"), NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_sign(&ring, S("a"), S("b"), NULL, 5, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_sign(&ring, S("a"), S("b"), out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify(NULL, S("a"), S("b"), S(sig1), &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify(&ring, NULL, 0, S("b"), S(sig1), &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify(&ring, S("a"), NULL, 0, S(sig1), &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify(&ring, S("a"), S("b"), NULL, 0, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify(&ring, S("a"), S("b"), S(sig1), NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify_cookie(NULL, S(header), S("session"), &value, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify_cookie(&ring, NULL, 0, S("session"), &value, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify_cookie(&ring, S(header), NULL, 0, &value, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify_cookie(&ring, S(header), S("session"), NULL, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_verify_cookie(&ring, S(header), S("session"), &value, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_write_set_cookies(NULL, &c, out, sizeof out, &n, sig, sizeof sig, &m),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, NULL, out, sizeof out, &n, sig, sizeof sig, &m),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, NULL, 9, &n, sig, sizeof sig, &m),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, out, sizeof out, NULL, sig, sizeof sig, &m),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, out, sizeof out, &n, NULL, 9, &m),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_keygrip_write_set_cookies(&ring, &c, out, sizeof out, &n, sig, sizeof sig, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_key_ring_clear(&ring), JETON_OK);
    CHECK_STATUS(jeton_keygrip_verify(&ring, S("a"), S("b"), S(sig1), &index), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_key_ring_clear(&empty), JETON_OK);
}

static void test_cookie_signature(void) {
    jeton_key_ring ring, sha1;
    uint8_t out[256], scratch[128];
    size_t n = UNTOUCHED, index = UNTOUCHED, needed = UNTOUCHED;
    jeton_bytes value, sid;
    /* From tests/vectors/npm-signed.json (cookie-signature 1.2.2 and
     * express-session 1.19.0). */
    static const char signed_hello[] = "hello.xz6khi6+oL1pnNhBgjk3Nr1CX2sxTjJiO9pKXaHZ33E";
    static const char express[] =
        "s%3A2iYUwWCwtQUIawo8LzR3hiS7BUHc0LAG.teCn85K%2BSrDQck01tgODKirf8yek68RQNH9BmMlsguM";
    static const char header[] =
        "connect.sid=s%3A2iYUwWCwtQUIawo8LzR3hiS7BUHc0LAG.teCn85K%2BSrDQck01tgODKirf8yek68RQNH9BmMlsguM";

    ring_of(&ring, JETON_HMAC_SHA256, "keyboard cat");
    ring_of(&sha1, JETON_HMAC_SHA1, "keyboard cat");

    CHECK_STATUS(jeton_cookie_signature_sign(&ring, S("hello"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, signed_hello);
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_cookie_signature_sign(&ring, S("hello"), out, 48, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 49 && jt_no_partial(out, 48, 'X'));
    n = UNTOUCHED;
    CHECK_STATUS(jeton_cookie_signature_sign(&sha1, S("hello"), out, sizeof out, &n),
                 JETON_ERR_KEY_ALGORITHM_MISMATCH);
    CHECK(n == UNTOUCHED);

    CHECK_STATUS(jeton_cookie_signature_unsign(&ring, S(signed_hello), &value, &index), JETON_OK);
    CHECK_VIEW(value, "hello");
    CHECK(value.ptr == (const uint8_t *)signed_hello && index == 0);
    value.ptr = NULL;
    index = UNTOUCHED;
    CHECK_STATUS(jeton_cookie_signature_unsign(&ring, S("hellO.xz6khi6+oL1pnNhBgjk3Nr1CX2sxTjJiO9pKXaHZ33E"),
                                               &value, &index),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_cookie_signature_unsign(&ring, S("hello"), &value, &index),
                 JETON_ERR_UNKNOWN_SIGNED_FORMAT);
    CHECK_STATUS(jeton_cookie_signature_unsign(&ring, S("hello.xz6khi6"), &value, &index),
                 JETON_ERR_SIGNATURE_MALFORMED);
    CHECK_STATUS(jeton_cookie_signature_unsign(&sha1, S(signed_hello), &value, &index),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK(value.ptr == NULL && index == UNTOUCHED);

    CHECK_STATUS(jeton_cookie_signature_express_cookie_value(&ring, S("2iYUwWCwtQUIawo8LzR3hiS7BUHc0LAG"),
                                                             out, sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, express);
    CHECK_STATUS(jeton_cookie_signature_express_cookie_value(&ring, S("2iYUwWCwtQUIawo8LzR3hiS7BUHc0LAG"),
                                                             NULL, 0, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == sizeof express - 1);
    CHECK_STATUS(jeton_cookie_signature_express_cookie_value(&sha1, S("x"), out, sizeof out, &n),
                 JETON_ERR_KEY_ALGORITHM_MISMATCH);

    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S(header), S("connect.sid"), scratch,
                                                       sizeof scratch, &needed, &sid, &index),
                 JETON_OK);
    CHECK_VIEW(sid, "2iYUwWCwtQUIawo8LzR3hiS7BUHc0LAG");
    CHECK(sid.ptr >= scratch && sid.ptr < scratch + sizeof scratch && index == 0);
    CHECK(needed == UNTOUCHED);
    sid.ptr = NULL;
    index = UNTOUCHED;
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S(header), S("connect.sid"), scratch, 20,
                                                       &needed, &sid, &index),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(needed == 78 && sid.ptr == NULL && index == UNTOUCHED);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S(header), S("connect.sid"), NULL, 0,
                                                       &needed, &sid, &index),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(needed == 78);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S("a=1"), S("connect.sid"), scratch,
                                                       sizeof scratch, &needed, &sid, &index),
                 JETON_ERR_COOKIE_NOT_FOUND);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S("connect.sid=abc"), S("connect.sid"),
                                                       scratch, sizeof scratch, &needed, &sid, &index),
                 JETON_ERR_UNKNOWN_SIGNED_FORMAT);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&sha1, S(header), S("connect.sid"), scratch,
                                                       sizeof scratch, &needed, &sid, &index),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK(sid.ptr == NULL && index == UNTOUCHED);

    /* NULL pointers and overlap. */
    CHECK_STATUS(jeton_cookie_signature_sign(NULL, S("a"), out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_sign(&ring, NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_sign(&ring, S("a"), NULL, 9, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_sign(&ring, S("a"), out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_sign(&ring, out, 4, out, sizeof out, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_cookie_signature_unsign(NULL, S(signed_hello), &value, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_unsign(&ring, NULL, 0, &value, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_unsign(&ring, S(signed_hello), NULL, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_unsign(&ring, S(signed_hello), &value, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_cookie_value(NULL, S("x"), out, sizeof out, &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_cookie_value(&ring, NULL, 0, out, sizeof out, &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_cookie_value(&ring, S("x"), NULL, 4, &n),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_cookie_value(&ring, S("x"), out, sizeof out, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(NULL, S(header), S("connect.sid"), scratch,
                                                       sizeof scratch, &needed, &sid, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, NULL, 0, S("connect.sid"), scratch,
                                                       sizeof scratch, &needed, &sid, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S(header), NULL, 0, scratch,
                                                       sizeof scratch, &needed, &sid, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S(header), S("connect.sid"), NULL, 8,
                                                       &needed, &sid, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S(header), S("connect.sid"), scratch,
                                                       sizeof scratch, NULL, &sid, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S(header), S("connect.sid"), scratch,
                                                       sizeof scratch, &needed, NULL, &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, S(header), S("connect.sid"), scratch,
                                                       sizeof scratch, &needed, &sid, NULL),
                 JETON_ERR_NULL_POINTER);
    memcpy(scratch, header, sizeof header - 1);
    CHECK_STATUS(jeton_cookie_signature_express_unsign(&ring, scratch, sizeof header - 1, S("connect.sid"),
                                                       scratch, sizeof scratch, &needed, &sid, &index),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_key_ring_clear(&ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_clear(&sha1), JETON_OK);
    CHECK_STATUS(jeton_cookie_signature_sign(&ring, S("a"), out, sizeof out, &n), JETON_ERR_NOT_INITIALIZED);
}

void run_api_tests(void) {
    test_status();
    test_percent();
    test_base64();
    test_cookie_header();
    test_cookie_values();
    test_cookie_header_write();
    test_dates();
    test_set_cookie();
    test_jar();
    test_hmac_key();
    test_key_ring();
    test_keygrip();
    test_cookie_signature();
    printf("api: %lu checks\n", jt_checks);
}
