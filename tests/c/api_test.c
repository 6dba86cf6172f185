/* Every function of jeton.h: its answer on good input, and its behaviour on
 * NULL pointers, too-small buffers, malformed input, bad arguments and
 * objects that are not initialized.
 *
 * Known answers come from specifications (RFC 4648 base64, ECMA-262
 * encodeURIComponent, RFC 6265 and RFC 7231 examples, RFC 4231 HMAC,
 * RFC 7515 A.1, RFC 7617 and RFC 6750 examples) or from
 * tests/vectors/npm-signed.json (the real npm packages), never from jeton
 * itself. Timestamps were computed with Python's calendar.timegm, and the
 * test JWTs (TOK_*) signed with Python's hmac module. The asymmetric keys,
 * tokens and JWK Sets are npm jose's and PyJWT's (tests/vectors/
 * asym-jwt.json), the private PEM keys PyPI cryptography's
 * (tests/c/private-pem.json), through vectors.h. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "vectors.h"

/* 1994-11-06T08:49:37Z, the date of RFC 7231's examples. */
#define RFC7231_TIME 784111777
/* 2021-06-09T10:18:14Z, the Expires of RFC 6265 section 3.1. */
#define RFC6265_TIME 1623233894

#define UNTOUCHED 9999u


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
        jt_check_transform(what, b64_std_enc, plain[i], strlen(plain[i]), coded[i], strlen(coded[i]));
        jt_check_transform(what, b64_std_dec, coded[i], strlen(coded[i]), plain[i], strlen(plain[i]));
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

/* A public suffix list of two entries, as a caller's list would answer:
 * single labels and co.uk. Counts its calls through ctx. */
static bool uk_suffixes(void *ctx, const uint8_t *domain, size_t len) {
    ++*(int *)ctx;
    return memchr(domain, '.', len) == NULL || (len == 5 && memcmp(domain, "co.uk", 5) == 0);
}

/* Issue 18, finding 7: the C jar could not consult a public suffix list
 * (Domain=co.uk from evil.co.uk was stored and sent to bank.co.uk), and one
 * least-recently-used order let a flooding site evict another's session.
 * RFC 6265 section 5.3 step 5 refuses a Domain that is a public suffix. */
static void test_jar_public_suffix(void) {
    static jeton_cookie_jar jar;
    jeton_store_outcome outcome = 99;
    size_t evicted = UNTOUCHED, n;
    uint8_t out[256];
    char set_cookie[64];
    int calls = 0, i;

    CHECK_STATUS(jeton_cookie_jar_init(&jar), JETON_OK);
    /* Without the list, co.uk looks like a registrable domain. */
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("planted=1; Domain=co.uk"), S("https://evil.co.uk/"), NOW,
                                        &outcome, &evicted),
                 JETON_OK);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("https://bank.co.uk/"), NOW, out, sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, "planted=1");
    CHECK_STATUS(jeton_cookie_jar_clear(&jar), JETON_OK);
    CHECK_STATUS(jeton_cookie_jar_init(&jar), JETON_OK);

    /* With it, the same cookie is refused and the jar left as it was. */
    outcome = 99;
    CHECK_STATUS(jeton_cookie_jar_store_with_suffix_test(&jar, S("planted=1; Domain=co.uk"),
                                                         S("https://evil.co.uk/"), NOW, uk_suffixes, &calls,
                                                         &outcome, &evicted),
                 JETON_ERR_COOKIE_PUBLIC_SUFFIX);
    CHECK(calls > 0 && outcome == 99);
    CHECK_STATUS(jeton_cookie_jar_len(&jar, &n), JETON_OK);
    CHECK(n == 0);
    CHECK_STATUS(jeton_cookie_jar_store_with_suffix_test(&jar, S("a=1"), S("https://evil.co.uk/"), NOW, NULL,
                                                         &calls, &outcome, &evicted),
                 JETON_ERR_NULL_POINTER);

    /* The bank's session survives a flood from another site of co.uk. */
    CHECK_STATUS(jeton_cookie_jar_store_with_suffix_test(&jar, S("sid=BANK; Secure; Path=/"),
                                                         S("https://bank.co.uk/"), NOW, uk_suffixes, &calls,
                                                         &outcome, &evicted),
                 JETON_OK);
    for (i = 0; i < 2 * JETON_COOKIE_JAR_CAPACITY; i++) {
        snprintf(set_cookie, sizeof set_cookie, "f%d=x; Secure", i);
        CHECK_STATUS(jeton_cookie_jar_store_with_suffix_test(&jar, (const uint8_t *)set_cookie,
                                                             strlen(set_cookie), S("https://evil.co.uk/"), NOW,
                                                             uk_suffixes, &calls, &outcome, &evicted),
                     JETON_OK);
        CHECK(evicted <= 1);
    }
    CHECK_STATUS(jeton_cookie_jar_len(&jar, &n), JETON_OK);
    CHECK(n == JETON_COOKIE_JAR_CAPACITY);
    CHECK_STATUS(jeton_cookie_jar_cookie_header(&jar, S("https://bank.co.uk/"), NOW, out, sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, "sid=BANK");
    CHECK_STATUS(jeton_cookie_jar_clear(&jar), JETON_OK);
}

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
    /* Views from _get point into the jar, which _remove compacts: refused
     * (the jar unchanged), so the caller copies them first. */
    CHECK_STATUS(jeton_cookie_jar_get(&jar, 0, &e), JETON_OK);
    CHECK_STATUS(jeton_cookie_jar_remove(&jar, e.name.ptr, e.name.len, e.domain.ptr, e.domain.len,
                                         e.path.ptr, e.path.len, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_cookie_jar_store(&jar, S("x=1"), (const uint8_t *)&jar, 8, NOW, &outcome, &evicted),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_cookie_jar_purge_expired(&jar, NOW, (size_t *)(void *)((unsigned char *)&jar + 64)),
                 JETON_ERR_OVERLAPPING_BUFFERS);
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
    CHECK_STATUS(jeton_cookie_jar_remove(NULL, NULL, 5, S("b"), S("/"), &n), JETON_ERR_NULL_POINTER);
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
    /* A secret inside the key being initialized is refused, key unchanged. */
    CHECK_STATUS(jeton_hmac_key_init(&key, JETON_HMAC_SHA256, (const uint8_t *)&key + 8, 16),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_hmac_key_algorithm(&key, &alg), JETON_OK);
    CHECK(alg == JETON_HMAC_SHA1);
    CHECK_STATUS(jeton_hmac_key_clear(&key), JETON_OK);
}

/* Finding 6: storage handed back by free() and out again by malloc() is
 * written at its start (the allocator's free-list links) and, when the
 * block is split, at its end. A key initialized, freed without _clear and
 * reused must answer JETON_ERR_NOT_INITIALIZED, never be read as a key
 * (with a single trailing marker it was, and signing crashed). The
 * allocator's writes are made here by hand: reading freed memory itself
 * is what AddressSanitizer forbids. */
static void scribble_like_free(void *object, size_t size, int at_end) {
    /* glibc's tcache: the next-chunk pointer and the tcache key; at the
     * end, the size word of the chunk split off. */
    uintptr_t words[2];
    words[0] = (uintptr_t)object ^ 0x5555;
    words[1] = (uintptr_t)0xa5a5a5a5u;
    if (at_end)
        memcpy((unsigned char *)object + size - 8, words, 8);
    else
        memcpy(object, words, sizeof words);
}

static void test_reused_storage(void) {
    uint8_t tag[JETON_HMAC_MAX_TAG_LEN];
    size_t n = UNTOUCHED, count = UNTOUCHED;
    jeton_hmac_algorithm alg = 0;
    int at_end;

    for (at_end = 0; at_end <= 1; at_end++) {
        jeton_hmac_key *key = (jeton_hmac_key *)malloc(sizeof *key);
        jeton_key_ring *ring = (jeton_key_ring *)malloc(sizeof *ring);
        CHECK(key != NULL && ring != NULL);
        if (key == NULL || ring == NULL) return;
        CHECK(((uintptr_t)key % JETON_OBJECT_ALIGN) == 0);
        CHECK_STATUS(jeton_hmac_key_init(key, JETON_HMAC_SHA256, S("Jefe")), JETON_OK);
        CHECK_STATUS(jeton_key_ring_init(ring), JETON_OK);
        CHECK_STATUS(jeton_key_ring_push(ring, key), JETON_OK);
        CHECK_STATUS(jeton_hmac_key_sign(key, S(CASE2_DATA), tag, sizeof tag, &n), JETON_OK);
        CHECK_MEM(tag, n, CASE2_TAG, 32);

        scribble_like_free(key, sizeof *key, at_end);
        scribble_like_free(ring, sizeof *ring, at_end);
        n = UNTOUCHED;
        CHECK_STATUS(jeton_hmac_key_sign(key, S(CASE2_DATA), tag, sizeof tag, &n),
                     JETON_ERR_NOT_INITIALIZED);
        CHECK(n == UNTOUCHED);
        CHECK_STATUS(jeton_hmac_key_verify(key, S(CASE2_DATA), CASE2_TAG, 32),
                     JETON_ERR_NOT_INITIALIZED);
        CHECK_STATUS(jeton_hmac_key_algorithm(key, &alg), JETON_ERR_NOT_INITIALIZED);
        CHECK_STATUS(jeton_key_ring_len(ring, &count), JETON_ERR_NOT_INITIALIZED);
        CHECK(count == UNTOUCHED);
        CHECK_STATUS(jeton_key_ring_sign(ring, S(CASE2_DATA), tag, sizeof tag, &n),
                     JETON_ERR_NOT_INITIALIZED);
        /* Reusing the ring means pushing into garbage: refused too. */
        CHECK_STATUS(jeton_hmac_key_init(key, JETON_HMAC_SHA256, S("Jefe")), JETON_OK);
        CHECK_STATUS(jeton_key_ring_push(ring, key), JETON_ERR_NOT_INITIALIZED);
        /* _clear wipes what is not a value without reading it; _init starts
         * afresh. */
        CHECK_STATUS(jeton_key_ring_clear(ring), JETON_OK);
        CHECK_STATUS(jeton_key_ring_init(ring), JETON_OK);
        CHECK_STATUS(jeton_key_ring_push(ring, key), JETON_OK);
        CHECK_STATUS(jeton_key_ring_sign(ring, S(CASE2_DATA), tag, sizeof tag, &n), JETON_OK);
        CHECK_MEM(tag, n, CASE2_TAG, 32);
        CHECK_STATUS(jeton_key_ring_clear(ring), JETON_OK);
        CHECK_STATUS(jeton_hmac_key_clear(key), JETON_OK);
        free(ring);
        free(key);
    }
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
    CHECK_STATUS(jeton_key_ring_rotate_in(&ring, (const jeton_hmac_key *)(const void *)&ring),
                 JETON_ERR_OVERLAPPING_BUFFERS);

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


/* ------------------------------------------------------------------ */
/* JSON: RFC 8259 and JSONTestSuite-style cases. */

/* Signed values with an expiry. The expected values were written by
 * Python's hmac and base64 from the format documented in
 * core/src/signed/expiring.rs (also tests/tests/expiring_values.rs). */
static void test_signed_values(void) {
    jeton_key_ring ring, older, empty;
    jeton_hmac_key key;
    uint8_t out[128], payload[64];
    size_t n = UNTOUCHED, index = UNTOUCHED;
    int64_t exp = 42;
    static const char session[] = "v1.1700000000.dXNlci00Mg.Z4d8QI67ARI5qL0dMlP51rlWul3hX77JpGtStLpogw4";
    static const char state[] = "v1.-5.AP9ub25jZQ.fRMEf44hvWddiVR8meliHoE23e7Qr45DhSIAz2hxGoY";
    static const uint8_t nonce[] = {0x00, 0xff, 'n', 'o', 'n', 'c', 'e'};
    char purpose[300];

    ring_of(&ring, JETON_HMAC_SHA256, "an expiring-value key, 32 bytes!");
    CHECK_STATUS(jeton_key_ring_init(&empty), JETON_OK);
    /* A ring whose current key is newer: the value verifies with index 1. */
    ring_of(&older, JETON_HMAC_SHA256, "a newer key");
    CHECK_STATUS(jeton_hmac_key_init(&key, JETON_HMAC_SHA256, S("an expiring-value key, 32 bytes!")), JETON_OK);
    CHECK_STATUS(jeton_key_ring_push(&older, &key), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_clear(&key), JETON_OK);

    CHECK_STATUS(jeton_signed_value_sign(&ring, S("session"), S("user-42"), 1700000000, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, session);
    CHECK_STATUS(jeton_signed_value_sign(&ring, S("oauth-state"), nonce, sizeof nonce, -5, out, sizeof out, &n),
                 JETON_OK);
    CHECK_TEXT(out, n, state);
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_signed_value_sign(&ring, S("session"), S("user-42"), 1700000000, out, 10, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == strlen(session) && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_signed_value_sign(&ring, S("session"), S("user-42"), 1700000000, NULL, 0, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == strlen(session));
    CHECK_STATUS(jeton_signed_value_sign(&empty, S("session"), S("u"), 1, out, sizeof out, &n),
                 JETON_ERR_EMPTY_KEY_RING);
    memset(purpose, 'p', sizeof purpose);
    CHECK_STATUS(jeton_signed_value_sign(&ring, (const uint8_t *)purpose, JETON_SIGNED_VALUE_MAX_PURPOSE_LEN + 1,
                                         S("u"), 1, out, sizeof out, &n),
                 JETON_ERR_INPUT_TOO_LONG);

    /* Verify: the payload, the expiry, the key that matched. */
    n = UNTOUCHED;
    CHECK_STATUS(jeton_signed_value_verify(&older, S("session"), S(session), 1699999999, payload, sizeof payload, &n,
                                           &exp, &index),
                 JETON_OK);
    CHECK_TEXT(payload, n, "user-42");
    CHECK(exp == 1700000000 && index == 1);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("oauth-state"), S(state), -6, payload, sizeof payload, &n, &exp,
                                           &index),
                 JETON_OK);
    CHECK(n == sizeof nonce && memcmp(payload, nonce, n) == 0 && exp == -5 && index == 0);

    /* Refusals leave every output untouched. */
    exp = 42;
    index = UNTOUCHED;
    memset(payload, 'X', sizeof payload);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"), S(session), 1700000000, payload, sizeof payload, &n,
                                           &exp, &index),
                 JETON_ERR_SIGNED_VALUE_EXPIRED);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("csrf"), S(session), 1, payload, sizeof payload, &n, &exp, &index),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"),
                                           S("v1.1700003600.dXNlci00Mg.Z4d8QI67ARI5qL0dMlP51rlWul3hX77JpGtStLpogw4"), 1,
                                           payload, sizeof payload, &n, &exp, &index),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"), S("1700000000.dXNlci00Mg.Z4d8"), 1, payload,
                                           sizeof payload, &n, &exp, &index),
                 JETON_ERR_UNKNOWN_SIGNED_FORMAT);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"), S("v1.1700000000.dXNlci00Mg.Z4d8QI67"), 1, payload,
                                           sizeof payload, &n, &exp, &index),
                 JETON_ERR_SIGNATURE_MALFORMED);
    CHECK_STATUS(jeton_signed_value_verify(&empty, S("session"), S(session), 1, payload, sizeof payload, &n, &exp,
                                           &index),
                 JETON_ERR_EMPTY_KEY_RING);
    CHECK(exp == 42 && index == UNTOUCHED && jt_no_partial(payload, sizeof payload, 'X'));
    /* A buffer too small: the length needed, nothing of the payload. */
    n = UNTOUCHED;
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"), S(session), 1, payload, 3, &n, &exp, &index),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 7 && exp == 42 && index == UNTOUCHED && jt_no_partial(payload, sizeof payload, 'X'));

    /* NULL pointers and outputs inside what is read. */
    CHECK_STATUS(jeton_signed_value_sign(NULL, S("p"), S("u"), 1, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_signed_value_sign(&ring, S("p"), S("u"), 1, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"), S(session), 1, payload, sizeof payload, &n, NULL,
                                           &index),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"), S(session), 1, payload, sizeof payload, &n, &exp,
                                           NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"), S(session), 1, payload, sizeof payload, NULL, &exp,
                                           &index),
                 JETON_ERR_NULL_POINTER);
    memcpy(out, session, strlen(session));
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"), out, strlen(session), 1, out + 8, 16, &n, &exp,
                                           &index),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_signed_value_verify(&ring, S("session"), S(session), 1, payload, sizeof payload,
                                           (size_t *)((uint8_t *)&ring + 8), &exp, &index),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_key_ring_clear(&ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_clear(&older), JETON_OK);
}

static void test_json(void) {
    static const struct {
        const char *json;
        jeton_json_kind kind;
    } good[] = {
        {"{\"a\":[1,2.5e3,-0,{\"b\":null}],\"c\":\"caf\\u00e9\"}", JETON_JSON_OBJECT},
        {" [ ] ", JETON_JSON_ARRAY},
        {"\"\\ud83d\\ude00\"", JETON_JSON_STRING},
        {"-12.5E+3", JETON_JSON_NUMBER},
        {"true", JETON_JSON_BOOL},
        {"null", JETON_JSON_NULL},
        {"{\"a\":1,\"a\":2}", JETON_JSON_OBJECT}, /* duplicates allowed by default */
    };
    static const struct {
        const char *json;
        jeton_status status;
    } bad[] = {
        {"[01]", JETON_ERR_JSON_SYNTAX},
        {"{'a':1}", JETON_ERR_JSON_SYNTAX},
        {"[1,", JETON_ERR_JSON_UNEXPECTED_END},
        {"", JETON_ERR_JSON_UNEXPECTED_END},
        {"[\"\\ud800\"]", JETON_ERR_JSON_INVALID_STRING}, /* lone surrogate */
        {"[\"\\x\"]", JETON_ERR_JSON_INVALID_STRING},
        {"[\"a\tb\"]", JETON_ERR_JSON_INVALID_STRING}, /* raw control character */
        {"[\"\377\"]", JETON_ERR_JSON_INVALID_UTF8},
        {"[\"\300\257\"]", JETON_ERR_JSON_INVALID_UTF8}, /* overlong */
        {"[1.]", JETON_ERR_JSON_INVALID_NUMBER},
        {"[-x]", JETON_ERR_JSON_INVALID_NUMBER},
        {"{} x", JETON_ERR_JSON_TRAILING_DATA},
        {"\357\273\277{}", JETON_ERR_JSON_SYNTAX}, /* byte order mark */
    };
    jeton_json_limits limits;
    jeton_json_kind kind;
    size_t i;
    char deep[200];

    memset(&limits, 0, sizeof limits);
    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        jt_context = good[i].json;
        kind = 99;
        CHECK_STATUS(jeton_json_validate((const uint8_t *)good[i].json, strlen(good[i].json), &limits, &kind),
                     JETON_OK);
        CHECK(kind == good[i].kind);
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        jt_context = bad[i].json;
        kind = 99;
        CHECK_STATUS(jeton_json_validate((const uint8_t *)bad[i].json, strlen(bad[i].json), &limits, &kind),
                     bad[i].status);
        CHECK(kind == 99);
    }
    jt_context = NULL;

    /* Limits: depth (default 64, at most 128), members, unique names. */
    memset(deep, '[', 64);
    memset(deep + 64, ']', 64);
    CHECK_STATUS(jeton_json_validate((const uint8_t *)deep, 128, &limits, &kind), JETON_OK);
    memset(deep, '[', 65);
    memset(deep + 65, ']', 65);
    CHECK_STATUS(jeton_json_validate((const uint8_t *)deep, 130, &limits, &kind), JETON_ERR_JSON_TOO_DEEP);
    limits.max_depth = 65;
    CHECK_STATUS(jeton_json_validate((const uint8_t *)deep, 130, &limits, &kind), JETON_OK);
    limits.max_depth = 2;
    CHECK_STATUS(jeton_json_validate(S("[[[]]]"), &limits, &kind), JETON_ERR_JSON_TOO_DEEP);
    CHECK_STATUS(jeton_json_validate(S("[[]]"), &limits, &kind), JETON_OK);
    limits.max_depth = JETON_JSON_MAX_DEPTH + 1;
    CHECK_STATUS(jeton_json_validate(S("[]"), &limits, &kind), JETON_ERR_INVALID_ARGUMENT);
    limits.max_depth = 0;
    limits.max_members = 1;
    CHECK_STATUS(jeton_json_validate(S("{\"a\":1,\"b\":2}"), &limits, &kind), JETON_ERR_JSON_TOO_MANY_MEMBERS);
    CHECK_STATUS(jeton_json_validate(S("{\"a\":{\"x\":1,\"y\":2}}"), &limits, &kind), JETON_OK);
    limits.max_members = 0;
    limits.flags = JETON_JSON_UNIQUE_MEMBERS;
    CHECK_STATUS(jeton_json_validate(S("{\"a\":1,\"\\u0061\":2}"), &limits, &kind),
                 JETON_ERR_JSON_DUPLICATE_MEMBER);
    /* At every depth, and per object. */
    CHECK_STATUS(jeton_json_validate(S("{\"a\":{\"b\":1,\"b\":2}}"), &limits, &kind),
                 JETON_ERR_JSON_DUPLICATE_MEMBER);
    CHECK_STATUS(jeton_json_validate(S("{\"a\":{\"b\":1},\"c\":[{\"b\":2},{\"b\":3}]}"), &limits, &kind),
                 JETON_OK);
    limits.flags = 2;
    CHECK_STATUS(jeton_json_validate(S("{}"), &limits, &kind), JETON_ERR_INVALID_ARGUMENT);
    limits.flags = 0;

    /* NULL pointers. */
    CHECK_STATUS(jeton_json_validate(NULL, 0, &limits, &kind), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_json_validate(S("{}"), NULL, &kind), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_json_validate(S("{}"), &limits, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_json_validate(S("{}"), &limits, (jeton_json_kind *)((uintptr_t)&kind + 1)),
                 JETON_ERR_INVALID_ARGUMENT);

    /* Walking an object and an array. */
    {
        static const char doc[] = " {\"a\":1, \"b\\u0021\" : [true,\"x\",{}] ,\"a\":null} ";
        jeton_json_member m, untouched;
        jeton_bytes value;
        memset(&untouched, 0x5A, sizeof untouched);
        CHECK_STATUS(jeton_json_member_at(S(doc), 0, &m), JETON_OK);
        CHECK_VIEW(m.name, "a");
        CHECK_VIEW(m.value, "1");
        CHECK(m.kind == JETON_JSON_NUMBER && m.flags == 0 && m.name.ptr == (const uint8_t *)doc + 3);
        CHECK_STATUS(jeton_json_member_at(S(doc), 1, &m), JETON_OK);
        CHECK_VIEW(m.name, "b\\u0021");
        CHECK_VIEW(m.value, "[true,\"x\",{}]");
        CHECK(m.kind == JETON_JSON_ARRAY && m.flags == JETON_JSON_NAME_ESCAPED);
        CHECK_STATUS(jeton_json_member_at(S(doc), 2, &m), JETON_OK); /* duplicates included */
        CHECK_VIEW(m.name, "a");
        CHECK(m.kind == JETON_JSON_NULL);
        m = untouched;
        CHECK_STATUS(jeton_json_member_at(S(doc), 3, &m), JETON_DONE);
        CHECK_STATUS(jeton_json_member_at(S("[1]"), 0, &m), JETON_ERR_JSON_WRONG_TYPE);
        CHECK_STATUS(jeton_json_member_at(S("{\"a\":}"), 0, &m), JETON_ERR_JSON_SYNTAX);
        CHECK_STATUS(jeton_json_member_at(S("{}"), 0, &m), JETON_DONE);
        CHECK(memcmp(&m, &untouched, sizeof m) == 0);
        CHECK_STATUS(jeton_json_member_at(NULL, 0, 0, &m), JETON_ERR_NULL_POINTER);
        CHECK_STATUS(jeton_json_member_at(S(doc), 0, NULL), JETON_ERR_NULL_POINTER);

        CHECK_STATUS(jeton_json_element_at(S("[true, \"x\" ,{}]"), 1, &value, &kind), JETON_OK);
        CHECK_VIEW(value, "\"x\"");
        CHECK(kind == JETON_JSON_STRING);
        CHECK_STATUS(jeton_json_element_at(S("[true, \"x\" ,{}]"), 2, &value, &kind), JETON_OK);
        CHECK_VIEW(value, "{}");
        CHECK(kind == JETON_JSON_OBJECT);
        value.ptr = NULL;
        kind = 99;
        CHECK_STATUS(jeton_json_element_at(S("[true, \"x\" ,{}]"), 3, &value, &kind), JETON_DONE);
        CHECK_STATUS(jeton_json_element_at(S("[]"), 0, &value, &kind), JETON_DONE);
        CHECK_STATUS(jeton_json_element_at(S("{}"), 0, &value, &kind), JETON_ERR_JSON_WRONG_TYPE);
        CHECK_STATUS(jeton_json_element_at(S("[1,]"), 0, &value, &kind), JETON_ERR_JSON_SYNTAX);
        CHECK(value.ptr == NULL && kind == 99);
        CHECK_STATUS(jeton_json_element_at(NULL, 0, 0, &value, &kind), JETON_ERR_NULL_POINTER);
        CHECK_STATUS(jeton_json_element_at(S("[1]"), 0, NULL, &kind), JETON_ERR_NULL_POINTER);
        CHECK_STATUS(jeton_json_element_at(S("[1]"), 0, &value, NULL), JETON_ERR_NULL_POINTER);
    }

    /* Unescaping a JSON string value. */
    TRANSFORM(jeton_json_string_unescape, "\"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\\n\"",
              "caf\303\251 \"q\" \360\237\230\200\n");
    TRANSFORM(jeton_json_string_unescape, " \"plain\" ", "plain");
    TRANSFORM(jeton_json_string_unescape, "\"\"", "");
    TRANSFORM_FAILS(jeton_json_string_unescape, "42", JETON_ERR_JSON_WRONG_TYPE);
    TRANSFORM_FAILS(jeton_json_string_unescape, "\"abc", JETON_ERR_JSON_UNEXPECTED_END);
    TRANSFORM_FAILS(jeton_json_string_unescape, "\"\\ud800\"", JETON_ERR_JSON_INVALID_STRING);
}

/* 1 when the bytes (p, n) contain the string s. */
static int has_text(const uint8_t *p, size_t n, const char *s) {
    size_t i, len = strlen(s);
    for (i = 0; i + len <= n; i++)
        if (memcmp(p + i, s, len) == 0) return 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* HTTP authentication: RFC 7617, RFC 6750 and npm basic-auth
 * (tests/vectors/npm-basic-auth.json). */

static void test_auth_basic(void) {
    static const char aladdin[] = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";
    jeton_basic_credentials c, untouched;
    uint8_t buf[64], out[64];
    size_t n, used;

    /* RFC 7617 section 2. */
    memset(buf, 'X', sizeof buf);
    CHECK_STATUS(jeton_auth_basic_parse(S(aladdin), buf, sizeof buf, &used, &c), JETON_OK);
    CHECK_VIEW(c.user, "Aladdin");
    CHECK_VIEW(c.password, "open sesame");
    CHECK(used == 19 && c.user.ptr == buf && c.password.ptr == buf + 8);
    /* Section 2.1 (UTF-8), npm basic-auth's leniency, a ':' in the password. */
    CHECK_STATUS(jeton_auth_basic_parse(S("  bAsIc   dGVzdDoxMjPCow  "), buf, sizeof buf, &used, &c), JETON_OK);
    CHECK_VIEW(c.user, "test");
    CHECK_VIEW(c.password, "123\302\243");
    CHECK_STATUS(jeton_auth_basic_parse(S("Basic YTpiOmM="), buf, sizeof buf, &used, &c), JETON_OK);
    CHECK_VIEW(c.user, "a");
    CHECK_VIEW(c.password, "b:c");
    CHECK_STATUS(jeton_auth_basic_parse(S("Basic Og=="), buf, sizeof buf, &used, &c), JETON_OK);
    CHECK(c.user.len == 0 && c.password.len == 0 && c.user.ptr == buf && used == 1);

    /* Too small: the length needed, nothing decoded left behind. */
    memset(&untouched, 0x5A, sizeof untouched);
    c = untouched;
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_auth_basic_parse(S(aladdin), buf, 18, &n, &c), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 19 && jt_no_partial(buf, sizeof buf, 'X'));
    CHECK(memcmp(&c, &untouched, sizeof c) == 0);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_auth_basic_parse(S(aladdin), NULL, 0, &n, &c), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 19);
    CHECK_STATUS(jeton_auth_basic_parse(S(aladdin), buf, 19, &n, &c), JETON_OK);

    /* Malformed: every failure leaves buf without a credential. */
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    c = untouched;
    CHECK_STATUS(jeton_auth_basic_parse(S("Basic dXNlcg=="), buf, sizeof buf, &n, &c), JETON_ERR_AUTH_MISSING_COLON);
    CHECK(jt_no_partial(buf, sizeof buf, 'X') && n == UNTOUCHED && memcmp(&c, &untouched, sizeof c) == 0);
    CHECK_STATUS(jeton_auth_basic_parse(S("Bearer abc"), buf, sizeof buf, &n, &c), JETON_ERR_AUTH_SCHEME_MISMATCH);
    CHECK_STATUS(jeton_auth_basic_parse(S("Basicdc2VyOnBhc3M="), buf, sizeof buf, &n, &c),
                 JETON_ERR_AUTH_SCHEME_MISMATCH);
    CHECK_STATUS(jeton_auth_basic_parse(S("Basic"), buf, sizeof buf, &n, &c), JETON_ERR_AUTH_MALFORMED);
    CHECK_STATUS(jeton_auth_basic_parse(S("Basic dXNl cjpwYXNz"), buf, sizeof buf, &n, &c),
                 JETON_ERR_AUTH_MALFORMED);
    CHECK_STATUS(jeton_auth_basic_parse(S("Basic Og="), buf, sizeof buf, &n, &c), JETON_ERR_AUTH_MALFORMED);
    CHECK_STATUS(jeton_auth_basic_parse(S(""), buf, sizeof buf, &n, &c), JETON_ERR_AUTH_SCHEME_MISMATCH);
    CHECK(n == UNTOUCHED && memcmp(&c, &untouched, sizeof c) == 0);

    /* NULL pointers and overlap. */
    CHECK_STATUS(jeton_auth_basic_parse(NULL, 0, buf, sizeof buf, &n, &c), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_basic_parse(S(aladdin), NULL, 8, &n, &c), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_basic_parse(S(aladdin), buf, sizeof buf, NULL, &c), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_basic_parse(S(aladdin), buf, sizeof buf, &n, NULL), JETON_ERR_NULL_POINTER);
    memcpy(buf, aladdin, sizeof aladdin - 1);
    CHECK_STATUS(jeton_auth_basic_parse(buf, sizeof aladdin - 1, buf, sizeof buf, &n, &c),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_auth_basic_parse(S(aladdin), (uint8_t *)&c, sizeof c, &n, &c),
                 JETON_ERR_OVERLAPPING_BUFFERS);

    /* Formatting. */
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_auth_basic_format(S("Aladdin"), S("open sesame"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    CHECK_STATUS(jeton_auth_basic_format(S("test"), S("123\302\243"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Basic dGVzdDoxMjPCow==");
    CHECK_STATUS(jeton_auth_basic_format(S(""), S(""), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Basic Og==");
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_auth_basic_format(S("Aladdin"), S("open sesame"), out, 33, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 34 && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_auth_basic_format(S("Aladdin"), S("open sesame"), NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 34);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_auth_basic_format(S("us:er"), S("pass"), out, sizeof out, &n), JETON_ERR_AUTH_USER_HAS_COLON);
    CHECK_STATUS(jeton_auth_basic_format(S("user"), S("pa\nss"), out, sizeof out, &n),
                 JETON_ERR_AUTH_INVALID_CHARACTER);
    CHECK_STATUS(jeton_auth_basic_format(S("del\177"), S("x"), out, sizeof out, &n), JETON_ERR_AUTH_INVALID_CHARACTER);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_auth_basic_format(NULL, 0, S("x"), out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_basic_format(S("u"), NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_basic_format(S("u"), S("p"), NULL, 4, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_basic_format(S("u"), S("p"), out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    memcpy(out, "user", 4);
    CHECK_STATUS(jeton_auth_basic_format(out, 4, S("p"), out, sizeof out, &n), JETON_ERR_OVERLAPPING_BUFFERS);
}

static void test_auth_bearer(void) {
    static const char header[] = "Bearer mF_9.B5f-4.1JqM";
    jeton_bytes token;
    jeton_bearer_challenge ch;
    uint8_t out[256];
    size_t n;

    /* RFC 6750 section 2.1. */
    CHECK_STATUS(jeton_auth_bearer_parse(S(header), &token), JETON_OK);
    CHECK_VIEW(token, "mF_9.B5f-4.1JqM");
    CHECK(token.ptr == (const uint8_t *)header + 7);
    CHECK_STATUS(jeton_auth_bearer_parse(S("  bearer   abc==  "), &token), JETON_OK);
    CHECK_VIEW(token, "abc==");
    token.ptr = NULL;
    CHECK_STATUS(jeton_auth_bearer_parse(S("Bearer a b"), &token), JETON_ERR_AUTH_MALFORMED);
    CHECK_STATUS(jeton_auth_bearer_parse(S("Bearer"), &token), JETON_ERR_AUTH_MALFORMED);
    CHECK_STATUS(jeton_auth_bearer_parse(S("Bearer a=b"), &token), JETON_ERR_AUTH_MALFORMED);
    CHECK_STATUS(jeton_auth_bearer_parse(S("Basic abc"), &token), JETON_ERR_AUTH_SCHEME_MISMATCH);
    CHECK(token.ptr == NULL);
    CHECK_STATUS(jeton_auth_bearer_parse(NULL, 0, &token), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_bearer_parse(S(header), NULL), JETON_ERR_NULL_POINTER);

    TRANSFORM(jeton_auth_bearer_format, "mF_9.B5f-4.1JqM", "Bearer mF_9.B5f-4.1JqM");
    TRANSFORM_FAILS(jeton_auth_bearer_format, "a b", JETON_ERR_AUTH_MALFORMED);
    TRANSFORM_FAILS(jeton_auth_bearer_format, "", JETON_ERR_AUTH_MALFORMED);

    /* Basic challenges, RFC 7617 section 2 and 2.1. */
    CHECK_STATUS(jeton_auth_basic_challenge(S("WallyWorld"), true, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Basic realm=\"WallyWorld\", charset=\"UTF-8\"");
    CHECK_STATUS(jeton_auth_basic_challenge(S("WallyWorld"), false, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Basic realm=\"WallyWorld\"");
    CHECK_STATUS(jeton_auth_basic_challenge(S("a \"b\" \\c"), false, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Basic realm=\"a \\\"b\\\" \\\\c\"");
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_auth_basic_challenge(S("WallyWorld"), true, out, 10, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == sizeof "Basic realm=\"WallyWorld\", charset=\"UTF-8\"" - 1 && jt_no_partial(out, sizeof out, 'X'));
    n = UNTOUCHED;
    CHECK_STATUS(jeton_auth_basic_challenge(S("a\r\nb"), true, out, sizeof out, &n), JETON_ERR_AUTH_INVALID_CHARACTER);
    CHECK_STATUS(jeton_auth_basic_challenge(S("\377"), true, out, sizeof out, &n), JETON_ERR_AUTH_INVALID_CHARACTER);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    /* HTAB is the one control character a quoted-string holds (RFC 7230
     * qdtext), and the only one let through. */
    CHECK_STATUS(jeton_auth_basic_challenge(S("a\tb"), false, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Basic realm=\"a\tb\"");
    CHECK_STATUS(jeton_auth_basic_challenge(S("a\x7f"), false, out, sizeof out, &n), JETON_ERR_AUTH_INVALID_CHARACTER);
    CHECK_STATUS(jeton_auth_basic_challenge(NULL, 0, true, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_basic_challenge(S("r"), true, NULL, 1, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_basic_challenge(S("r"), true, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    memcpy(out, "realm", 5);
    CHECK_STATUS(jeton_auth_basic_challenge(out, 5, true, out, sizeof out, &n), JETON_ERR_OVERLAPPING_BUFFERS);

    /* Bearer challenges, RFC 6750 section 3. */
    memset(&ch, 0, sizeof ch);
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Bearer");
    ch.realm = jt_bytes("example");
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Bearer realm=\"example\"");
    ch.error = JETON_BEARER_INVALID_TOKEN;
    ch.error_description = jt_bytes("The access token expired");
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"");
    ch.scope = jt_bytes("read write");
    ch.error = JETON_BEARER_INSUFFICIENT_SCOPE;
    ch.error_description.ptr = NULL;
    ch.error_description.len = 0;
    ch.error_uri = jt_bytes("https://example.com/e");
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "Bearer realm=\"example\", scope=\"read write\", error=\"insufficient_scope\", "
                       "error_uri=\"https://example.com/e\"");
    ch.error = JETON_BEARER_INVALID_REQUEST;
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_OK);
    CHECK(has_text(out, n, "error=\"invalid_request\""));
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, 20, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n > 20 && jt_no_partial(out, sizeof out, 'X'));
    n = UNTOUCHED;
    ch.error_uri = jt_bytes("https://example.com/a b");
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_ERR_AUTH_INVALID_CHARACTER);
    ch.error_uri = jt_bytes("x");
    ch.error_description = jt_bytes("say \"hi\"");
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_ERR_AUTH_INVALID_CHARACTER);
    ch.error_description = jt_bytes("ok");
    /* scope-token *( SP scope-token ): no empty scope, no stray space. */
    ch.scope = jt_bytes(" read");
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_ERR_AUTH_INVALID_CHARACTER);
    ch.scope = jt_bytes("read  write");
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_ERR_AUTH_INVALID_CHARACTER);
    ch.scope = jt_bytes("");
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_ERR_AUTH_INVALID_CHARACTER);
    ch.scope = jt_bytes("read write");
    ch.error = 4;
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    ch.error = JETON_BEARER_NO_ERROR;
    ch.scope.ptr = NULL;
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    ch.scope.len = 0;
    CHECK_STATUS(jeton_auth_bearer_challenge(NULL, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, NULL, 1, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    memcpy(out, "example", 7);
    ch.realm.ptr = out;
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out + 7, sizeof out - 7, &n), JETON_OK);
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, out, sizeof out, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_auth_bearer_challenge(&ch, (uint8_t *)&ch, sizeof ch, &n), JETON_ERR_OVERLAPPING_BUFFERS);
}

/* ------------------------------------------------------------------ */
/* Session IDs, the session store, the revocation list. */

/* An entropy source for the tests: fills with the byte *ctx and counts
 * its calls in ctx[1]; fails when ctx[2] is set. */
static jeton_status test_fill(void *ctx, uint8_t *buf, size_t len) {
    uint8_t *state = (uint8_t *)ctx;
    state[1]++;
    if (state[2]) return JETON_ERR_ENTROPY_UNAVAILABLE;
    memset(buf, state[0], len);
    return JETON_OK;
}

static jeton_status fill_without_ctx(void *ctx, uint8_t *buf, size_t len) {
    size_t i;
    for (i = 0; i < len; i++) buf[i] = (uint8_t)(i * 7u + (ctx == NULL ? 1u : 2u));
    return JETON_OK;
}

static void test_session_ids(void) {
    static const uint8_t ff[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    uint8_t state[3] = {0xA5, 0, 0};
    uint8_t random[32], out[64];
    size_t n;

    /* RFC 4648 section 5 (base64url, unpadded). */
    CHECK_STATUS(jeton_session_id_from_bytes(ff, 16, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "_____________________w");
    memset(random, 0, sizeof random);
    CHECK_STATUS(jeton_session_id_from_bytes(random, 32, out, sizeof out, &n), JETON_OK);
    CHECK(n == JETON_SESSION_ID_LEN && jt_no_partial(out, n, 'A'));
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_session_id_from_bytes(ff, 15, out, sizeof out, &n), JETON_ERR_ENTROPY_TOO_SHORT);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_session_id_from_bytes(ff, 16, out, 21, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 22 && jt_no_partial(out, sizeof out, 'X'));
    {
        /* 16 to 64 bytes: the range jeton_session_id_validate accepts. */
        uint8_t many[JETON_SESSION_ID_MAX_BYTES + 1], id[96];
        memset(many, 0x5A, sizeof many);
        CHECK_STATUS(jeton_session_id_from_bytes(many, JETON_SESSION_ID_MAX_BYTES, id, sizeof id, &n),
                     JETON_OK);
        CHECK(n == 86);
        CHECK_STATUS(jeton_session_id_validate(id, n), JETON_OK);
        n = UNTOUCHED;
        CHECK_STATUS(jeton_session_id_from_bytes(many, sizeof many, id, sizeof id, &n),
                     JETON_ERR_INPUT_TOO_LONG);
        CHECK(n == UNTOUCHED);
    }
    CHECK_STATUS(jeton_session_id_from_bytes(ff, 16, NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jeton_session_id_from_bytes(NULL, 16, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_id_from_bytes(ff, 16, NULL, 22, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_id_from_bytes(ff, 16, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    memset(out, 1, 16);
    CHECK_STATUS(jeton_session_id_from_bytes(out, 16, out + 8, 30, &n), JETON_ERR_OVERLAPPING_BUFFERS);

    /* Generation draws 32 bytes from the callback, once: 32 x 0xA5 in
       unpadded base64url (RFC 4648 section 5). */
    CHECK_STATUS(jeton_session_id_generate(test_fill, state, out, sizeof out, &n), JETON_OK);
    CHECK_MEM(out, n, "paWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaU", 43);
    CHECK(n == JETON_SESSION_ID_LEN && state[1] == 1);
    CHECK_STATUS(jeton_session_id_validate(out, n), JETON_OK);
    /* Too small: the callback is not called. */
    n = UNTOUCHED;
    CHECK_STATUS(jeton_session_id_generate(test_fill, state, out, JETON_SESSION_ID_LEN - 1, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == JETON_SESSION_ID_LEN && state[1] == 1);
    CHECK_STATUS(jeton_session_id_generate(test_fill, state, NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(state[1] == 1);
    /* A failing source. */
    state[2] = 1;
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_session_id_generate(test_fill, state, out, sizeof out, &n), JETON_ERR_ENTROPY_UNAVAILABLE);
    CHECK(n == UNTOUCHED && state[1] == 2 && jt_no_partial(out, sizeof out, 'X'));
    /* A source that says yes and writes zeros (or nothing) has failed:
       no all-'A' ID shared by every such failure. */
    state[0] = 0;
    state[2] = 0;
    CHECK_STATUS(jeton_session_id_generate(test_fill, state, out, sizeof out, &n), JETON_ERR_ENTROPY_UNAVAILABLE);
    CHECK(n == UNTOUCHED && state[1] == 3 && jt_no_partial(out, sizeof out, 'X'));
    /* ctx may be NULL; fill may not. */
    CHECK_STATUS(jeton_session_id_generate(fill_without_ctx, NULL, out, sizeof out, &n), JETON_OK);
    CHECK(n == JETON_SESSION_ID_LEN && out[0] == 'A' && out[1] == 'Q');
    CHECK_STATUS(jeton_session_id_generate(NULL, state, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_id_generate(test_fill, state, NULL, 43, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_id_generate(test_fill, state, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);

    /* The shape check. */
    CHECK_STATUS(jeton_session_id_validate(S("AAAAAAAAAAAAAAAAAAAAAA")), JETON_OK);
    CHECK_STATUS(jeton_session_id_validate(S("AAAAAAAAAAAAAAAAAAAAA")), JETON_ERR_SESSION_ID_MALFORMED);
    CHECK_STATUS(jeton_session_id_validate(S("AAAAAAAAAAAAAAAAAAAAA/")), JETON_ERR_SESSION_ID_MALFORMED);
    CHECK_STATUS(jeton_session_id_validate(S("AAAAAAAAAAAAAAAAAAAAAB")), JETON_ERR_SESSION_ID_MALFORMED);
    CHECK_STATUS(jeton_session_id_validate(S("AAAAAAAAAAAAAAAAAAAA==")), JETON_ERR_SESSION_ID_MALFORMED);
    CHECK_STATUS(jeton_session_id_validate(S("")), JETON_ERR_SESSION_ID_MALFORMED);
    CHECK_STATUS(jeton_session_id_validate(NULL, 22), JETON_ERR_NULL_POINTER);
}

/* The session ID number i, 22 characters. */
static void session_id(char id[23], unsigned i) {
    snprintf(id, 23, "session-id-%010uA", i); /* 22 characters of jeton's shape */
}

static jeton_session_user user_of(uint64_t id, const char *data) {
    jeton_session_user u;
    memset(&u, 0, sizeof u);
    u.id = id;
    memcpy(u.data, data, strlen(data) < sizeof u.data ? strlen(data) : sizeof u.data);
    return u;
}

static void test_session_store(void) {
    static jeton_session_store store;
    static unsigned char raw[sizeof(jeton_session_store) + 16];
    jeton_session s, untouched;
    jeton_session_user alice = user_of(42, "admin"), bob = user_of(7, "user");
    char id[23];
    size_t n;
    unsigned i;

    CHECK(sizeof store == JETON_SESSION_STORE_SIZE && sizeof(jeton_session_user) == 32);
    memset(&untouched, 0x5A, sizeof untouched);
    CHECK_STATUS(jeton_session_store_init(&store, 1800, 0), JETON_OK);
    CHECK_STATUS(jeton_session_store_len(&store, &n), JETON_OK);
    CHECK(n == 0);

    /* Create, look up, touch (sliding expiry). */
    CHECK_STATUS(jeton_session_store_create(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), &alice, 1000, &s),
                 JETON_OK);
    CHECK(s.created == 1000 && s.expires == 2800 && s.user.id == 42 && memcmp(s.user.data, "admin", 5) == 0);
    CHECK_STATUS(jeton_session_store_lookup(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), 1100, &s), JETON_OK);
    CHECK(s.user.id == 42 && s.expires == 2800);
    CHECK_STATUS(jeton_session_store_touch(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), 2000, &s), JETON_OK);
    CHECK(s.expires == 3800 && s.created == 1000);
    s = untouched;
    CHECK_STATUS(jeton_session_store_lookup(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), 3800, &s),
                 JETON_ERR_SESSION_EXPIRED);
    CHECK_STATUS(jeton_session_store_touch(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), 3800, &s),
                 JETON_ERR_SESSION_EXPIRED);
    CHECK_STATUS(jeton_session_store_lookup(&store, S("unknown-session-id-000"), 1000, &s),
                 JETON_ERR_SESSION_NOT_FOUND);
    CHECK(memcmp(&s, &untouched, sizeof s) == 0);
    CHECK_STATUS(jeton_session_store_create(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), &bob, 3000, &s),
                 JETON_ERR_SESSION_EXISTS);
    CHECK(memcmp(&s, &untouched, sizeof s) == 0);
    /* An expired ID may be reused. */
    CHECK_STATUS(jeton_session_store_create(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), &bob, 3800, &s),
                 JETON_OK);
    CHECK(s.user.id == 7 && s.created == 3800);

    /* Only IDs of the shape jeton makes open or receive a session. */
    s = untouched;
    CHECK_STATUS(jeton_session_store_create(&store, S(""), &bob, 3800, &s), JETON_ERR_SESSION_ID_MALFORMED);
    CHECK_STATUS(jeton_session_store_create(&store, S("AAAAAAAAAAAAAAAAAAAAAB"), &bob, 3800, &s),
                 JETON_ERR_SESSION_ID_MALFORMED);
    CHECK_STATUS(jeton_session_store_rotate(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), S("short"), 3800, &s),
                 JETON_ERR_SESSION_ID_MALFORMED);
    CHECK_STATUS(jeton_session_store_rotate_user(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"),
                                                 S("AAAAAAAAAAAAAAAAAAAA/A"), &alice, 3800, &s),
                 JETON_ERR_SESSION_ID_MALFORMED);
    CHECK(memcmp(&s, &untouched, sizeof s) == 0);
    CHECK_STATUS(jeton_session_store_lookup(&store, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), 3800, &s), JETON_OK);

    /* Rotation (session fixation), with and without a new record. */
    CHECK_STATUS(jeton_session_store_create(&store, S("anonymous-visitor-id-0A"), &bob, 4000, &s), JETON_OK);
    CHECK_STATUS(jeton_session_store_rotate(&store, S("anonymous-visitor-id-0A"), S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"),
                                            4000, &s),
                 JETON_ERR_SESSION_EXISTS);
    CHECK_STATUS(jeton_session_store_rotate(&store, S("anonymous-visitor-id-0A"), S("rotated-session-id-000A"), 4100,
                                            &s),
                 JETON_OK);
    CHECK(s.user.id == 7 && s.created == 4000);
    CHECK_STATUS(jeton_session_store_lookup(&store, S("anonymous-visitor-id-0A"), 4100, &s),
                 JETON_ERR_SESSION_NOT_FOUND);
    CHECK_STATUS(jeton_session_store_rotate_user(&store, S("rotated-session-id-000A"), S("logged-in-session-id-0A"),
                                                 &alice, 4200, &s),
                 JETON_OK);
    CHECK(s.user.id == 42 && s.created == 4200 && s.expires == 6000);
    CHECK_STATUS(jeton_session_store_rotate_user(&store, S("rotated-session-id-000A"), S("another-session-id-00A"),
                                                 &alice, 4200, &s),
                 JETON_ERR_SESSION_NOT_FOUND);
    CHECK_STATUS(jeton_session_store_len(&store, &n), JETON_OK);
    CHECK(n == 2);

    /* Revocation: one session, every session of a user. */
    CHECK_STATUS(jeton_session_store_revoke(&store, S("logged-in-session-id-0A")), JETON_OK);
    CHECK_STATUS(jeton_session_store_revoke(&store, S("logged-in-session-id-0A")), JETON_ERR_SESSION_NOT_FOUND);
    CHECK_STATUS(jeton_session_store_lookup(&store, S("logged-in-session-id-0A"), 4300, &s),
                 JETON_ERR_SESSION_NOT_FOUND);
    CHECK_STATUS(jeton_session_store_create(&store, S("second-bob-session-000A"), &bob, 4300, &s), JETON_OK);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_session_store_revoke_user(&store, 7, &n), JETON_OK);
    CHECK(n == 2);
    CHECK_STATUS(jeton_session_store_revoke_user(&store, 7, &n), JETON_OK);
    CHECK(n == 0);
    CHECK_STATUS(jeton_session_store_len(&store, &n), JETON_OK);
    CHECK(n == 0);

    /* Full: live sessions are never evicted; expired ones make room. */
    for (i = 0; i < JETON_SESSION_STORE_CAPACITY; i++) {
        session_id(id, i);
        CHECK_STATUS(jeton_session_store_create(&store, (const uint8_t *)id, 22, &alice, 10000 + (int64_t)i, &s),
                     JETON_OK);
    }
    session_id(id, 9999);
    CHECK_STATUS(jeton_session_store_create(&store, (const uint8_t *)id, 22, &bob, 11000, &s),
                 JETON_ERR_SESSION_STORE_FULL);
    CHECK_STATUS(jeton_session_store_len(&store, &n), JETON_OK);
    CHECK(n == JETON_SESSION_STORE_CAPACITY);
    /* At 11801 the first session (created at 10000) has expired. */
    CHECK_STATUS(jeton_session_store_create(&store, (const uint8_t *)id, 22, &bob, 11801, &s), JETON_OK);
    session_id(id, 1);
    CHECK_STATUS(jeton_session_store_lookup(&store, (const uint8_t *)id, 22, 11801, &s), JETON_ERR_SESSION_NOT_FOUND);
    session_id(id, 2);
    CHECK_STATUS(jeton_session_store_lookup(&store, (const uint8_t *)id, 22, 11801, &s), JETON_OK);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_session_store_purge(&store, 11900, &n), JETON_OK);
    CHECK(n == 99);
    CHECK_STATUS(jeton_session_store_len(&store, &n), JETON_OK);
    CHECK(n == JETON_SESSION_STORE_CAPACITY - 100);

    /* The absolute lifetime caps touches. */
    CHECK_STATUS(jeton_session_store_clear(&store), JETON_OK);
    CHECK_STATUS(jeton_session_store_init(&store, 100, 150), JETON_OK);
    CHECK_STATUS(jeton_session_store_create(&store, S("capped-session-id-000A"), &alice, 0, &s), JETON_OK);
    CHECK_STATUS(jeton_session_store_touch(&store, S("capped-session-id-000A"), 90, &s), JETON_OK);
    CHECK(s.expires == 150);
    CHECK_STATUS(jeton_session_store_lookup(&store, S("capped-session-id-000A"), 150, &s), JETON_ERR_SESSION_EXPIRED);

    /* NULL pointers, misaligned and cleared objects. */
    CHECK_STATUS(jeton_session_store_init(NULL, 1, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_init((jeton_session_store *)jt_misaligned(raw), 1, 0), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_session_store_create(NULL, S("x"), &alice, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_create(&store, NULL, 0, &alice, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_create(&store, S("x"), NULL, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_create(&store, S("x"), &alice, 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_lookup(NULL, S("x"), 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_lookup(&store, NULL, 0, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_lookup(&store, S("x"), 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_touch(NULL, S("x"), 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_touch(&store, NULL, 0, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_touch(&store, S("x"), 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_rotate(NULL, S("a"), S("b"), 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_rotate(&store, NULL, 0, S("b"), 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_rotate(&store, S("a"), NULL, 0, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_rotate(&store, S("a"), S("b"), 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_rotate_user(NULL, S("a"), S("b"), &alice, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_rotate_user(&store, NULL, 0, S("b"), &alice, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_rotate_user(&store, S("a"), NULL, 0, &alice, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_rotate_user(&store, S("a"), S("b"), NULL, 0, &s), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_rotate_user(&store, S("a"), S("b"), &alice, 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_revoke(NULL, S("x")), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_revoke(&store, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_revoke_user(NULL, 1, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_revoke_user(&store, 1, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_purge(NULL, 0, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_purge(&store, 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_len(NULL, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_len(&store, NULL), JETON_ERR_NULL_POINTER);
    /* An input may not lie in the store the call changes. */
    CHECK_STATUS(jeton_session_store_create(&store, (const uint8_t *)&store + 64, 22, &alice, 0, &s),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_session_store_create(&store, S("x"), (const jeton_session_user *)((uint8_t *)&store + 64), 0,
                                            &s),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_session_store_touch(&store, (const uint8_t *)&store, 22, 0, &s), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_session_store_rotate(&store, S("a"), (const uint8_t *)&store, 22, 0, &s),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_session_store_rotate_user(&store, (const uint8_t *)&store, 22, S("b"), &alice, 0, &s),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_session_store_revoke(&store, (const uint8_t *)&store + 100, 22), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_session_store_clear(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_clear(&store), JETON_OK);
    CHECK_STATUS(jeton_session_store_clear(&store), JETON_OK);
    CHECK_STATUS(jeton_session_store_lookup(&store, S("capped-session-id-000A"), 0, &s), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_session_store_create(&store, S("x"), &alice, 0, &s), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_session_store_len(&store, &n), JETON_ERR_NOT_INITIALIZED);
}

/* jeton_session_store_create_capped: a user's oldest sessions make way. */
static void test_session_store_cap(void) {
    static jeton_session_store store;
    jeton_session s, untouched, evicted[3];
    jeton_session_user alice = user_of(42, "first"), bob = user_of(7, "bob");
    char id[23];
    size_t n, count;
    unsigned i;

    memset(&untouched, 0x5A, sizeof untouched);
    CHECK_STATUS(jeton_session_store_init(&store, 1800, 0), JETON_OK);
    /* alice logs in three times (cap 2), bob once in between. */
    for (i = 0; i < 3; i++) {
        session_id(id, i);
        alice.data[0] = (uint8_t)('0' + i);
        count = UNTOUCHED;
        CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &alice, 1000 + (int64_t)i, 2,
                                                       &s, evicted, 3, &count),
                     JETON_OK);
        CHECK(s.user.id == 42 && s.created == 1000 + (int64_t)i);
        CHECK(count == (i < 2 ? 0u : 1u));
        if (i == 0) {
            session_id(id, 100);
            CHECK_STATUS(jeton_session_store_create(&store, (const uint8_t *)id, 22, &bob, 1000, &s), JETON_OK);
        }
    }
    /* The first, the oldest, went; bob's session stayed. */
    CHECK(evicted[0].user.id == 42 && evicted[0].created == 1000 && evicted[0].user.data[0] == '0');
    session_id(id, 0);
    CHECK_STATUS(jeton_session_store_lookup(&store, (const uint8_t *)id, 22, 1003, &s), JETON_ERR_SESSION_NOT_FOUND);
    session_id(id, 100);
    CHECK_STATUS(jeton_session_store_lookup(&store, (const uint8_t *)id, 22, 1003, &s), JETON_OK);
    CHECK_STATUS(jeton_session_store_len(&store, &n), JETON_OK);
    CHECK(n == 3);

    /* A cap of 1 would evict two: reported first when there is no room
     * to say which, and nothing changes. */
    session_id(id, 3);
    s = untouched;
    count = UNTOUCHED;
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &alice, 1004, 1, &s, evicted, 1,
                                                   &count),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(count == 2 && memcmp(&s, &untouched, sizeof s) == 0);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &alice, 1004, 1, &s, NULL, 0,
                                                   &count),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jeton_session_store_len(&store, &n), JETON_OK);
    CHECK(n == 3);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &alice, 1004, 1, &s, evicted, 3,
                                                   &count),
                 JETON_OK);
    CHECK(count == 2 && evicted[0].created == 1001 && evicted[1].created == 1002);
    CHECK_STATUS(jeton_session_store_len(&store, &n), JETON_OK);
    CHECK(n == 2);

    /* Under the cap, (NULL, 0) is room enough; the store's own refusals. */
    session_id(id, 101);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &bob, 1005, 4, &s, NULL, 0, &count),
                 JETON_OK);
    CHECK(count == 0);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &bob, 1005, 4, &s, NULL, 0, &count),
                 JETON_ERR_SESSION_EXISTS);
    CHECK_STATUS(jeton_session_store_create_capped(&store, S("not-an-id"), &bob, 1005, 4, &s, NULL, 0, &count),
                 JETON_ERR_SESSION_ID_MALFORMED);
    session_id(id, 102);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &bob, 1005, 0, &s, evicted, 3,
                                                   &count),
                 JETON_ERR_CAPACITY_EXCEEDED);

    /* Pointers. */
    CHECK_STATUS(jeton_session_store_create_capped(NULL, (const uint8_t *)id, 22, &bob, 0, 1, &s, evicted, 3, &count),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_create_capped(&store, NULL, 0, &bob, 0, 1, &s, evicted, 3, &count),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, NULL, 0, 1, &s, evicted, 3, &count),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &bob, 0, 1, NULL, evicted, 3,
                                                   &count),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &bob, 0, 1, &s, NULL, 3, &count),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &bob, 0, 1, &s, evicted, 3, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &bob, 0, 1, &s,
                                                   (jeton_session *)((uint8_t *)&store + 64), 1, &count),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &bob, 0, 1, &s, &s, 1, &count),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_session_store_clear(&store), JETON_OK);
    CHECK_STATUS(jeton_session_store_create_capped(&store, (const uint8_t *)id, 22, &bob, 0, 1, &s, evicted, 3, &count),
                 JETON_ERR_NOT_INITIALIZED);
}

/* The rate limiter: a bucket of attempts per key, refilled over time. */
static void test_rate_limiter(void) {
    static jeton_rate_limiter limiter;
    static unsigned char raw[sizeof(jeton_rate_limiter) + 16];
    uint32_t remaining;
    uint64_t retry_after;
    bool held;
    size_t n;
    int i;

    CHECK(sizeof limiter == JETON_RATE_LIMITER_SIZE && JETON_RATE_LIMITER_CAPACITY == 1024);
    CHECK_STATUS(jeton_rate_limiter_init(&limiter, 0, 60), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_rate_limiter_init(&limiter, 5, 0), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, S("k"), 0, &remaining, &retry_after), JETON_ERR_NOT_INITIALIZED);
    /* Five attempts, then one every 12 seconds. */
    CHECK_STATUS(jeton_rate_limiter_init(&limiter, 5, 60), JETON_OK);
    for (i = 4; i >= 0; i--) {
        remaining = 99;
        CHECK_STATUS(jeton_rate_limiter_check(&limiter, S("203.0.113.7\0alice"), 1000, &remaining, &retry_after),
                     JETON_OK);
        CHECK(remaining == (uint32_t)i);
    }
    retry_after = 0;
    remaining = 99;
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, S("203.0.113.7\0alice"), 1000, &remaining, &retry_after),
                 JETON_ERR_RATE_LIMITED);
    CHECK(retry_after == 12 && remaining == 99);
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, S("203.0.113.7\0alice"), 1011, &remaining, &retry_after),
                 JETON_ERR_RATE_LIMITED);
    CHECK(retry_after == 1);
    /* Another key has its own bucket; a peek spends nothing. */
    CHECK_STATUS(jeton_rate_limiter_peek(&limiter, S("198.51.100.4\0alice"), 1000, &remaining, &retry_after), JETON_OK);
    CHECK(remaining == 4);
    CHECK_STATUS(jeton_rate_limiter_len(&limiter, &n), JETON_OK);
    CHECK(n == 1);
    CHECK_STATUS(jeton_rate_limiter_peek(&limiter, S("203.0.113.7\0alice"), 1012, &remaining, &retry_after), JETON_OK);
    CHECK(remaining == 0);
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, S("203.0.113.7\0alice"), 1012, &remaining, &retry_after), JETON_OK);
    /* Forgotten, a key starts over; rested keys are purged. */
    CHECK_STATUS(jeton_rate_limiter_forget(&limiter, S("203.0.113.7\0alice"), &held), JETON_OK);
    CHECK(held);
    CHECK_STATUS(jeton_rate_limiter_forget(&limiter, S("203.0.113.7\0alice"), &held), JETON_OK);
    CHECK(!held);
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, S("a"), 2000, &remaining, &retry_after), JETON_OK);
    CHECK_STATUS(jeton_rate_limiter_purge(&limiter, 2011, &n), JETON_OK);
    CHECK(n == 0);
    CHECK_STATUS(jeton_rate_limiter_purge(&limiter, 2012, &n), JETON_OK);
    CHECK(n == 1);
    CHECK_STATUS(jeton_rate_limiter_len(&limiter, &n), JETON_OK);
    CHECK(n == 0);

    /* Pointers. */
    CHECK_STATUS(jeton_rate_limiter_init(NULL, 1, 1), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_init((jeton_rate_limiter *)jt_misaligned(raw), 1, 1), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_rate_limiter_check(NULL, S("k"), 0, &remaining, &retry_after), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, NULL, 0, 0, &remaining, &retry_after), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, S("k"), 0, NULL, &retry_after), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, S("k"), 0, &remaining, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, (const uint8_t *)&limiter + 32, 8, 0, &remaining, &retry_after),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_rate_limiter_check(&limiter, S("k"), 0, (uint32_t *)((uint8_t *)&limiter + 32), &retry_after),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_rate_limiter_peek(NULL, S("k"), 0, &remaining, &retry_after), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_peek(&limiter, S("k"), 0, NULL, &retry_after), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_peek(&limiter, S("k"), 0, &remaining, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_peek(&limiter, S("k"), 0, &remaining, (uint64_t *)((uint8_t *)&limiter + 32)),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_rate_limiter_forget(NULL, S("k"), &held), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_forget(&limiter, NULL, 0, &held), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_forget(&limiter, S("k"), NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_purge(NULL, 0, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_purge(&limiter, 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_len(NULL, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_len(&limiter, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_clear(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_rate_limiter_clear(&limiter), JETON_OK);
    CHECK_STATUS(jeton_rate_limiter_clear(&limiter), JETON_OK);
    CHECK_STATUS(jeton_rate_limiter_peek(&limiter, S("k"), 0, &remaining, &retry_after), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_rate_limiter_len(&limiter, &n), JETON_ERR_NOT_INITIALIZED);
}

/* CSRF tokens: signed, bound to the session, the same in both copies. */
static void test_csrf(void) {
    static jeton_key_ring ring, empty;
    jeton_hmac_key key;
    uint8_t token[128], other[128];
    size_t n, m, index;

    CHECK_STATUS(jeton_key_ring_init(&ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_init(&empty), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_init(&key, JETON_HMAC_SHA256, S("a server secret of 32 bytes.....")), JETON_OK);
    CHECK_STATUS(jeton_key_ring_push(&ring, &key), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_clear(&key), JETON_OK);

    CHECK_STATUS(jeton_csrf_token(&ring, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), 1700003600, NULL, 0, &n),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 80);
    CHECK_STATUS(jeton_csrf_token(&ring, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), 1700003600, token, sizeof token, &n),
                 JETON_OK);
    CHECK(n == 80 && memcmp(token, "v1.1700003600.", 14) == 0);
    index = UNTOUCHED;
    CHECK_STATUS(jeton_csrf_verify(&ring, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), token, n, token, n, 1700000000, &index),
                 JETON_OK);
    CHECK(index == 0);
    /* Another session, a missing or different copy, too late. */
    index = UNTOUCHED;
    CHECK_STATUS(jeton_csrf_verify(&ring, S("another-session-id-00A"), token, n, token, n, 1700000000, &index),
                 JETON_ERR_CSRF_TOKEN_MISMATCH);
    CHECK(index == UNTOUCHED);
    CHECK_STATUS(jeton_csrf_verify(&ring, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), token, n, S(""), 1700000000, &index),
                 JETON_ERR_CSRF_TOKEN_MISMATCH);
    CHECK_STATUS(jeton_csrf_token(&ring, S(""), 1700003600, other, sizeof other, &m), JETON_OK);
    CHECK_STATUS(jeton_csrf_verify(&ring, S(""), other, m, other, m, 1700000000, &index), JETON_OK);
    CHECK_STATUS(jeton_csrf_verify(&ring, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), token, n, other, m, 1700000000,
                                   &index),
                 JETON_ERR_CSRF_TOKEN_MISMATCH);
    CHECK_STATUS(jeton_csrf_verify(&ring, S("9Xz2pQbV8HkLmN4tRw7yC1dE5fG3hJ6k"), token, n, token, n, 1700003600, &index),
                 JETON_ERR_SIGNED_VALUE_EXPIRED);
    /* A signed value made for another purpose is no token. */
    CHECK_STATUS(jeton_signed_value_sign(&ring, S("session"), S("0123456789abcdef"), 1700003600, other, sizeof other,
                                         &m),
                 JETON_OK);
    CHECK_STATUS(jeton_csrf_verify(&ring, S(""), other, m, other, m, 1700000000, &index),
                 JETON_ERR_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_csrf_token(&empty, S(""), 1, token, sizeof token, &n), JETON_ERR_EMPTY_KEY_RING);

    /* Pointers. */
    CHECK_STATUS(jeton_csrf_token(NULL, S(""), 1, token, sizeof token, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_csrf_token(&ring, NULL, 0, 1, token, sizeof token, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_csrf_token(&ring, S(""), 1, token, sizeof token, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_csrf_token(&ring, token, 8, 1, token + 4, 100, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_csrf_verify(NULL, S(""), other, m, other, m, 1, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_csrf_verify(&ring, NULL, 0, other, m, other, m, 1, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_csrf_verify(&ring, S(""), NULL, 0, other, m, 1, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_csrf_verify(&ring, S(""), other, m, NULL, 0, 1, &index), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_csrf_verify(&ring, S(""), other, m, other, m, 1, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_csrf_verify(&ring, S(""), other, m, other, m, 1, (size_t *)(void *)other),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_key_ring_clear(&ring), JETON_OK);
    CHECK_STATUS(jeton_key_ring_clear(&empty), JETON_OK);
    CHECK_STATUS(jeton_csrf_token(&ring, S(""), 1, token, sizeof token, &n), JETON_ERR_NOT_INITIALIZED);
}

static void test_revocation_list(void) {
    static jeton_revocation_list list;
    static unsigned char raw[sizeof(jeton_revocation_list) + 16];
    char jti[32];
    bool revoked;
    size_t n;
    unsigned i;

    CHECK(sizeof list == JETON_REVOCATION_LIST_SIZE);
    CHECK_STATUS(jeton_revocation_list_init(&list), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_revoke(&list, S("8f14e45f-ceea-467f"), 2000, 1000), JETON_OK);
    revoked = false;
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("8f14e45f-ceea-467f"), 1500, &revoked), JETON_OK);
    CHECK(revoked);
    /* Lapsed with the token's own exp. */
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("8f14e45f-ceea-467f"), 2000, &revoked), JETON_OK);
    CHECK(!revoked);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("other"), 1500, &revoked), JETON_OK);
    CHECK(!revoked);
    /* Revoking again keeps the later expiry; an expired token is a no-op. */
    CHECK_STATUS(jeton_revocation_list_revoke(&list, S("8f14e45f-ceea-467f"), 3000, 1000), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_revoke(&list, S("8f14e45f-ceea-467f"), 2500, 1000), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("8f14e45f-ceea-467f"), 2999, &revoked), JETON_OK);
    CHECK(revoked);
    CHECK_STATUS(jeton_revocation_list_revoke(&list, S("old"), 10, 1000), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_len(&list, &n), JETON_OK);
    CHECK(n == 1);

    /* Full of entries in force: refused, unchanged; lapsed ones make room. */
    for (i = 1; i < JETON_REVOCATION_LIST_CAPACITY; i++) {
        snprintf(jti, sizeof jti, "jti-%u", i);
        CHECK_STATUS(jeton_revocation_list_revoke(&list, (const uint8_t *)jti, strlen(jti), 5000 + (int64_t)i, 1000),
                     JETON_OK);
    }
    CHECK_STATUS(jeton_revocation_list_revoke(&list, S("one-too-many"), 9000, 1000), JETON_ERR_REVOCATION_LIST_FULL);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("one-too-many"), 1000, &revoked), JETON_OK);
    CHECK(!revoked);
    CHECK_STATUS(jeton_revocation_list_len(&list, &n), JETON_OK);
    CHECK(n == JETON_REVOCATION_LIST_CAPACITY);
    CHECK_STATUS(jeton_revocation_list_revoke(&list, S("one-too-many"), 9000, 3000), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("one-too-many"), 3000, &revoked), JETON_OK);
    CHECK(revoked);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_revocation_list_purge(&list, 5100, &n), JETON_OK);
    CHECK(n == 100);
    CHECK_STATUS(jeton_revocation_list_len(&list, &n), JETON_OK);
    CHECK(n == JETON_REVOCATION_LIST_CAPACITY - 100);

    /* A leeway keeps entries past their exp, and takes revocations then. */
    CHECK_STATUS(jeton_revocation_list_purge(&list, 99999, &n), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_set_leeway(&list, 60), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_revoke(&list, S("late"), 1000, 1030), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("late"), 1030 - 60, &revoked), JETON_OK);
    CHECK(revoked);
    CHECK_STATUS(jeton_revocation_list_purge(&list, 1059, &n), JETON_OK);
    CHECK(n == 0);
    CHECK_STATUS(jeton_revocation_list_purge(&list, 1060, &n), JETON_OK);
    CHECK(n == 1);
    CHECK_STATUS(jeton_revocation_list_set_leeway(NULL, 1), JETON_ERR_NULL_POINTER);

    /* NULL pointers, misaligned and cleared objects. */
    CHECK_STATUS(jeton_revocation_list_init(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_init((jeton_revocation_list *)jt_misaligned(raw)), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_revocation_list_revoke(NULL, S("a"), 1, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_revoke(&list, NULL, 0, 1, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_contains(NULL, S("a"), 0, &revoked), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_contains(&list, NULL, 0, 0, &revoked), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("a"), 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_purge(NULL, 0, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_purge(&list, 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_len(NULL, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_len(&list, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_revoke(&list, (const uint8_t *)&list + 8, 8, 1, 0),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_revocation_list_clear(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_clear(&list), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_clear(&list), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("a"), 0, &revoked), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_revocation_list_revoke(&list, S("a"), 1, 0), JETON_ERR_NOT_INITIALIZED);
}

/* ------------------------------------------------------------------ */
/* A store many servers share: keys, records, decisions. */

static void test_shared(void) {
    /* The record of docs/shared-state.md, written out by hand: user "bob",
     * data FF 00, created 1700000000, absolute 1700028800, expires
     * 1700001800. */
    static const uint8_t record_bytes[34] = {0x53, 0x01, 0, 0, 0, 0, 0x65, 0x53, 0xF1, 0x00, 0, 0, 0, 0, 0x65, 0x54, 0x61,
                                             0x80, 0, 0, 0, 0, 0x65, 0x53, 0xF8, 0x08, 3, 'b', 'o', 'b', 0, 2, 0xFF, 0x00};
    static const uint8_t data[2] = {0xFF, 0x00};
    static const uint8_t revocation_bytes[10] = {'R', 1, 0, 0, 0, 0, 0x65, 0x53, 0xF1, 0x00};
    uint8_t out[64], longer[35];
    jeton_session_record r, d;
    int64_t t, exp;
    bool flag;
    size_t n;

    /* Key: prefix + base64url(SHA-256(id)); SHA-256("abc") from FIPS
     * 180-2, appendix B.1. */
    CHECK_STATUS(jeton_shared_key(S("jeton:s:"), S("abc"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "jeton:s:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    CHECK(n == 8 + JETON_SHARED_KEY_HASH_LEN);
    CHECK_STATUS(jeton_shared_key(NULL, 0, S("abc"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_shared_key(S("jeton:s:"), S("abc"), out, 50, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 51);
    CHECK(jt_no_partial(out, 50, 'X'));
    CHECK_STATUS(jeton_shared_key(NULL, 3, S("abc"), out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_shared_key(S("p"), NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_shared_key(S("p"), S("abc"), NULL, 8, &n), JETON_ERR_NULL_POINTER);
    /* (NULL, 0) asks for the length, as for every output buffer (the
     * three encoders of this section once documented NULL_POINTER). */
    n = 0;
    CHECK_STATUS(jeton_shared_key(S("p"), S("abc"), NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 1 + JETON_SHARED_KEY_HASH_LEN);
    CHECK_STATUS(jeton_shared_key(S("p"), S("abc"), out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_shared_key(out, 4, S("abc"), out, sizeof out, &n), JETON_ERR_OVERLAPPING_BUFFERS);

    /* Open, encode: the documented bytes. */
    CHECK_STATUS(jeton_session_record_open(S("bob"), data, sizeof data, 1700000000, 1800, 28800, &r), JETON_OK);
    CHECK(r.created == 1700000000 && r.absolute_expiry == 1700028800 && r.expires == 1700001800);
    CHECK_VIEW(r.user, "bob");
    CHECK_STATUS(jeton_session_record_encode(&r, out, sizeof out, &n), JETON_OK);
    CHECK_MEM(out, n, record_bytes, sizeof record_bytes);
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_session_record_encode(&r, out, 33, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 34 && jt_no_partial(out, 33, 'X'));
    n = 0;
    CHECK_STATUS(jeton_session_record_encode(&r, NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 34);
    /* No absolute lifetime: INT64_MAX. Empty user and data may be NULL. */
    CHECK_STATUS(jeton_session_record_open(NULL, 0, NULL, 0, 100, 60, 0, &d), JETON_OK);
    CHECK(d.absolute_expiry == INT64_MAX && d.expires == 160 && d.user.len == 0);
    CHECK_STATUS(jeton_session_record_encode(&d, out, sizeof out, &n), JETON_OK);
    CHECK(n == JETON_SESSION_RECORD_OVERHEAD);
    CHECK_STATUS(jeton_session_record_open(out, 256, NULL, 0, 100, 60, 0, &d), JETON_ERR_INPUT_TOO_LONG);
    CHECK_STATUS(jeton_session_record_open(NULL, 3, NULL, 0, 100, 60, 0, &d), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_record_open(S("bob"), NULL, 0, 100, 60, 0, NULL), JETON_ERR_NULL_POINTER);
    d = r;
    d.expires = d.absolute_expiry + 1;
    CHECK_STATUS(jeton_session_record_encode(&d, out, sizeof out, &n), JETON_ERR_STORE_RECORD_INVALID);
    CHECK_STATUS(jeton_session_record_encode(NULL, out, sizeof out, &n), JETON_ERR_NULL_POINTER);

    /* Decode: views into the bytes; anything but a whole record refused. */
    CHECK_STATUS(jeton_session_record_decode(record_bytes, sizeof record_bytes, &d), JETON_OK);
    CHECK(d.user.ptr == record_bytes + 27 && d.user.len == 3);
    CHECK(d.data.ptr == record_bytes + 32 && d.data.len == 2);
    CHECK(d.created == 1700000000 && d.absolute_expiry == 1700028800 && d.expires == 1700001800);
    for (n = 0; n < sizeof record_bytes; n++)
        CHECK_STATUS(jeton_session_record_decode(record_bytes, n, &d), JETON_ERR_STORE_RECORD_INVALID);
    memcpy(longer, record_bytes, sizeof record_bytes);
    longer[34] = 0;
    CHECK_STATUS(jeton_session_record_decode(longer, sizeof longer, &d), JETON_ERR_STORE_RECORD_INVALID);
    longer[1] = 2; /* another version */
    CHECK_STATUS(jeton_session_record_decode(longer, 34, &d), JETON_ERR_STORE_RECORD_INVALID);
    CHECK_STATUS(jeton_session_record_decode(revocation_bytes, sizeof revocation_bytes, &d),
                 JETON_ERR_STORE_RECORD_INVALID);
    CHECK_STATUS(jeton_session_record_decode(NULL, 0, &d), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_record_decode(record_bytes, sizeof record_bytes, NULL), JETON_ERR_NULL_POINTER);

    /* Decisions: live until expires; a touch slides, capped. */
    CHECK_STATUS(jeton_session_record_check(&r, 1700001799), JETON_OK);
    CHECK_STATUS(jeton_session_record_check(&r, 1700001800), JETON_ERR_SESSION_EXPIRED);
    CHECK_STATUS(jeton_session_record_touch(&r, 1700001000, 1800), JETON_OK);
    CHECK(r.expires == 1700002800);
    CHECK_STATUS(jeton_session_record_touch(&r, 1700028000, 1800), JETON_ERR_SESSION_EXPIRED);
    CHECK(r.expires == 1700002800);
    CHECK_STATUS(jeton_session_record_touch(&r, 1700002000, 100000), JETON_OK);
    CHECK(r.expires == 1700028800);
    CHECK_STATUS(jeton_session_record_check(NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_session_record_touch(NULL, 0, 1), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_shared_entry_expiry(1700001800, &t), JETON_OK);
    CHECK(t == 1700001800);
    CHECK_STATUS(jeton_shared_entry_expiry(-5, &t), JETON_OK);
    CHECK(t == 1);
    CHECK_STATUS(jeton_shared_entry_expiry(INT64_MAX, &t), JETON_OK);
    CHECK(t == 253402300799);
    CHECK_STATUS(jeton_shared_entry_expiry(0, NULL), JETON_ERR_NULL_POINTER);

    /* Revocation records. */
    CHECK_STATUS(jeton_revocation_record_encode(1700000000, out, sizeof out, &n), JETON_OK);
    CHECK_MEM(out, n, revocation_bytes, sizeof revocation_bytes);
    CHECK(n == JETON_REVOCATION_RECORD_LEN);
    CHECK_STATUS(jeton_revocation_record_encode(1, out, 9, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 10);
    CHECK_STATUS(jeton_revocation_record_encode(1, NULL, 10, &n), JETON_ERR_NULL_POINTER);
    n = 0;
    CHECK_STATUS(jeton_revocation_record_encode(1, NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == JETON_REVOCATION_RECORD_LEN);
    CHECK_STATUS(jeton_revocation_record_decode(revocation_bytes, 10, 1699999999, &exp, &flag), JETON_OK);
    CHECK(exp == 1700000000 && flag);
    CHECK_STATUS(jeton_revocation_record_decode(revocation_bytes, 10, 1700000000, &exp, &flag), JETON_OK);
    CHECK(!flag);
    CHECK_STATUS(jeton_revocation_record_decode(revocation_bytes, 10, INT64_MIN, &exp, &flag), JETON_OK);
    CHECK(flag);
    CHECK_STATUS(jeton_revocation_record_decode(revocation_bytes, 9, 0, &exp, &flag), JETON_ERR_STORE_RECORD_INVALID);
    CHECK_STATUS(jeton_revocation_record_decode(record_bytes, 34, 0, &exp, &flag), JETON_ERR_STORE_RECORD_INVALID);
    CHECK_STATUS(jeton_revocation_record_decode(NULL, 0, 0, &exp, &flag), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_record_decode(revocation_bytes, 10, 0, NULL, &flag), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_record_decode(revocation_bytes, 10, 0, &exp, NULL), JETON_ERR_NULL_POINTER);
    /* Kept exp + leeway; not needed once that has passed. */
    CHECK_STATUS(jeton_revocation_record_expiry(1000, 60, 1059, &t, &flag), JETON_OK);
    CHECK(t == 1060 && flag);
    CHECK_STATUS(jeton_revocation_record_expiry(1000, 60, 1060, &t, &flag), JETON_OK);
    CHECK(!flag);
    CHECK_STATUS(jeton_revocation_record_expiry(INT64_MAX, 60, 0, &t, &flag), JETON_OK);
    CHECK(t == 253402300799 && flag);
    CHECK_STATUS(jeton_revocation_record_expiry(1, 0, 0, NULL, &flag), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_record_expiry(1, 0, 0, &t, NULL), JETON_ERR_NULL_POINTER);
}

/* ------------------------------------------------------------------ */
/* JWT. */

/* Tokens signed with HMAC by Python's hmac, hashlib and base64 modules
 * (key JWT_KEY), independently of jeton. */
static const char TOK_ENC_FULL[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImMxIn0.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS"
    "5jb20iLCJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImh0dHBzOi8vYS5leGFtcGxlIiwiaHR0cHM6Ly9iLmV4YW1wbGUi"
    "XSwiZXhwIjo0MTAyNDQ0ODAwLCJuYmYiOjE3MDAwMDAwMDAsImlhdCI6MTcwMDAwMDAwMCwianRpIjoiaWQtMSIsIm"
    "5hbWUiOiJKw6lyw7RtZSBcIkpvXCIiLCJuIjotNywidCI6dHJ1ZSwicm9sZXMiOlsiYWRtaW4iLCJ1c2VyIl19.tnd"
    "JOZ5t8_ISDaKI1t4xf-Figh259nzL4wRyQFX2FXU"
    ;
static const char TOK_ESCAPED[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImtcdTAwMzEifQ.eyJzdWIiOiJhXHUwMDYyYyIsImlzcyI"
    "6ImpcL29lIiwianRpIjoieFx1MDBlOXkiLCJleHAiOjQxMDI0NDQ4MDAsImF1ZCI6WyJcdTAwNjF1ZCIsIm90aGVyI"
    "l0sInMiOiJjYWZcdTAwZTkgXCJxXCIiLCJpIjo5MjIzMzcyMDM2ODU0Nzc1ODA3LCJiaWciOjkyMjMzNzIwMzY4NTQ"
    "3NzU4MDgsImYiOjEuNSwiYiI6ZmFsc2UsIm51bCI6bnVsbCwib2JqIjp7ImsiOlsxLDJdfX0.pRRAXkyo3nJhO4Ky0"
    "QpXehHLWCnvTkQxxv0B_eaXDTg"
    ;
static const char TOK_NONE[] =
    "eyJhbGciOiJub25lIn0.e30.AA"
    ;
static const char TOK_HS384[] =
    "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJleHAiOjQxMDI0NDQ4MDB9.bskSaJuFUqVKKhlS0H52jSr4Id-O"
    "l35mQZiPTEWMQXb7vEm69B2wQpHVooEdmrIM"
    ;
static const char TOK_KID_OTHER[] =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6Im90aGVyIn0.eyJleHAiOjQxMDI0NDQ4MDB9.yNbpENvkKWym5cw4DxQBqKn1F"
    "LY-ivwRzH5mkbuo5b4"
    ;
static const char TOK_CRIT[] =
    "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiZXhwIl19.eyJleHAiOjQxMDI0NDQ4MDB9.h9EZT9_OtVEZg19KgDbdq-_s"
    "ppkhcLPWDcxtoIADn30"
    ;
static const char TOK_TYP_JOSE[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpPU0UifQ.eyJleHAiOjQxMDI0NDQ4MDB9.Za2hHjJqX3hGXxY3fP1YiaKWrN"
    "xUuozYGn7qNfY5BmQ"
    ;
static const char TOK_HDR_DUP[] =
    "eyJhbGciOiJIUzI1NiIsImFsZyI6IkhTMjU2In0.eyJleHAiOjQxMDI0NDQ4MDB9.NHl2hs5qYtbIWaNy44BcqkJXt"
    "tz4Y1Mv47jujBJMEFk"
    ;
static const char TOK_EXP_STRING[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOiJzb29uIn0.AOouLcwJE85B0NzpJX9s8u5IzSlTUv4fQ"
    "ULufPdyXfg"
    ;
static const char TOK_NO_EXP[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.ufwJ0BPfCr4uf96PNgFiKquM58h_cpwc3sYdp"
    "DnJq0M"
    ;
static const char TOK_NBF_FUTURE[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjQxMDI0NDQ4MDAsIm5iZiI6MjAwMDAwMDEwMH0.4ZpDn"
    "N4NAbagPiDYQKO0OSVDgqpx9aZIwNO0IbKLdLA"
    ;
static const char TOK_JTI[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImV4cCI6MjAwMDAwMDAwMCwianRpIjoiai0xI"
    "n0.91SnkOl-8vFT9c9tSfcG6e11ZBDEQCZp55UNG6JqlRM"
    ;
static const char TOK_JTI_ESC[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1MSIsImV4cCI6MjAwMDAwMDAwMCwianRpIjoialx1M"
    "DAyZDIifQ.iSDYGyXZeXjiPsHPmg6xF5uqzLM1eI0KQLaH63GBUi0"
    ;
static const char TOK_PAYLOAD_DUP[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjQxMDI0NDQ4MDAsImV4cCI6NDEwMjQ0NDgwMH0.Htqs6"
    "GfAtjs2fq5a2rH0zluy2CuhLy8WFJM8FF1ShU8"
    ;
static const char TOK_PAYLOAD_ARRAY[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.WzFd.aTju_Ikkep5aQ0T6WpHRoPO7qtFXkTzgL2e2VxTol48"
    ;
static const char TOK_FRACTION[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjIwMDAwMDAwMDAuNSwiaWF0IjoxOTk5OTk5OTk5LjI1f"
    "Q.-6YvL0OmZ_ryQml4VDNaYlNWQyBfkD1OW16DVWuPW9I"
    ;

#define JWT_KEY "a 32-byte secret for the C tests"
/* Secrets as long as SHA-384's and SHA-512's output (RFC 7518 section 3.2). */
#define JWT_KEY48 "a 48-byte secret for the C tests of HS384 keys.."
#define JWT_KEY64 "a 64-byte secret for the C tests of HS512 keys, long enough. . ."
/* Far in the future (2100-01-01) and the tests' clock (2033-05-18). */
#define JWT_EXP 4102444800
#define JWT_NOW 2000000000

static void key_set_of(jeton_jwt_key_set *keys, const char *kid) {
    CHECK_STATUS(jeton_jwt_key_set_init(keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add(keys, JETON_JWT_HS256, S(JWT_KEY), (const uint8_t *)kid,
                                       kid != NULL ? strlen(kid) : 0),
                 JETON_OK);
}

static void test_jwt_key_set(void) {
    static jeton_jwt_key_set keys;
    static unsigned char raw[sizeof(jeton_jwt_key_set) + 16];
    char long_kid[JETON_JWT_MAX_KID_LEN + 2];
    jeton_hmac_key hmac, sha1;
    size_t n;

    CHECK(sizeof keys == JETON_JWT_KEY_SET_SIZE);
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_len(&keys, &n), JETON_OK);
    CHECK(n == 0);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, S(JWT_KEY), S("k1")), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS384, S(JWT_KEY48), NULL, 0), JETON_OK);
    /* A kid at the limit, one over it, one that is not UTF-8. */
    memset(long_kid, 'k', sizeof long_kid);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS512, S(JWT_KEY64), (const uint8_t *)long_kid,
                                       JETON_JWT_MAX_KID_LEN + 1),
                 JETON_ERR_JWT_KEY_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS512, S(JWT_KEY64), S("\377")), JETON_ERR_JSON_INVALID_UTF8);
    /* Not an HMAC algorithm: unknown values, and the asymmetric ones
     * (whose keys come from JWK or PEM documents). */
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, 0, S(JWT_KEY64), NULL, 0), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, 14, S(JWT_KEY64), NULL, 0), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_ES256, S(JWT_KEY64), NULL, 0), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_RS256, S(JWT_KEY64), NULL, 0), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_EDDSA, S("s"), NULL, 0),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS512, S(JWT_KEY64), NULL, 3), JETON_ERR_INVALID_ARGUMENT);
    /* RFC 7518 section 3.2: a secret at least as long as the hash output,
     * one byte less refused (the kid is checked after the length). */
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, (const uint8_t *)JWT_KEY64, 31, NULL, 0),
                 JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS384, (const uint8_t *)JWT_KEY64, 47, NULL, 0),
                 JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS512, (const uint8_t *)JWT_KEY64, 63, NULL, 0),
                 JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS512, S(JWT_KEY48), NULL, 0), JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, S(""), NULL, 0), JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, S("s"), (const uint8_t *)long_kid,
                                       JETON_JWT_MAX_KID_LEN + 1),
                 JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_len(&keys, &n), JETON_OK);
    CHECK(n == 2);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS512, S(JWT_KEY64), (const uint8_t *)long_kid,
                                       JETON_JWT_MAX_KID_LEN),
                 JETON_OK);
    /* From an HMAC key: SHA-256/384/512 only, of a full-length secret. */
    CHECK_STATUS(jeton_hmac_key_init(&hmac, JETON_HMAC_SHA256, S("a secret of 31 bytes, one short")), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_hmac_key(&keys, &hmac, NULL, 0), JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_hmac_key_init(&hmac, JETON_HMAC_SHA512, S(JWT_KEY48)), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_hmac_key(&keys, &hmac, NULL, 0), JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_hmac_key_init(&hmac, JETON_HMAC_SHA256, S(JWT_KEY)), JETON_OK);
    CHECK_STATUS(jeton_hmac_key_init(&sha1, JETON_HMAC_SHA1, S(JWT_KEY)), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_hmac_key(&keys, &sha1, NULL, 0), JETON_ERR_JWT_KEY_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_hmac_key(&keys, &hmac, S("from-hmac")), JETON_OK);
    /* Full. */
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, S(JWT_KEY), NULL, 0), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("s"), NULL, 0),
                 JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(jeton_jwt_key_set_add_hmac_key(&keys, &hmac, NULL, 0), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(jeton_jwt_key_set_len(&keys, &n), JETON_OK);
    CHECK(n == JETON_JWT_KEY_SET_CAPACITY);

    /* NULL pointers, misaligned and cleared objects. */
    CHECK_STATUS(jeton_jwt_key_set_init(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_init((jeton_jwt_key_set *)jt_misaligned(raw)), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwt_key_set_add(NULL, JETON_JWT_HS256, S("s"), NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, NULL, 0, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_hmac_key(NULL, &hmac, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_hmac_key(&keys, NULL, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, (const uint8_t *)&keys, 32, NULL, 0),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, S("s"), (const uint8_t *)&keys + 16, 2),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_add_hmac_key(&keys, &hmac, (const uint8_t *)&keys + 16, 2),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_len(NULL, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_len(&keys, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_clear(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_len(&keys, &n), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, S("s"), NULL, 0), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_hmac_key_clear(&sha1), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_hmac_key(&keys, &sha1, NULL, 0), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_hmac_key_clear(&hmac), JETON_OK);
}

/* The claims of TOK_ENC_FULL. */
static void full_claims(jeton_jwt_claims *c, jeton_bytes auds[2], jeton_jwt_claim custom[4]) {
    memset(c, 0, sizeof *c);
    memset(custom, 0, 4 * sizeof custom[0]);
    c->iss = jt_bytes("https://auth.example.com");
    c->sub = jt_bytes("user-42");
    auds[0] = jt_bytes("https://a.example");
    auds[1] = jt_bytes("https://b.example");
    c->audiences = auds;
    c->audience_count = 2;
    c->exp = JWT_EXP;
    c->nbf = 1700000000;
    c->iat = 1700000000;
    c->flags = JETON_JWT_HAS_EXP | JETON_JWT_HAS_NBF | JETON_JWT_HAS_IAT;
    c->jti = jt_bytes("id-1");
    custom[0].name = jt_bytes("name");
    custom[0].kind = JETON_JWT_VALUE_STRING;
    custom[0].text = jt_bytes("J\303\251r\303\264me \"Jo\"");
    custom[1].name = jt_bytes("n");
    custom[1].kind = JETON_JWT_VALUE_INT;
    custom[1].integer = -7;
    custom[2].name = jt_bytes("t");
    custom[2].kind = JETON_JWT_VALUE_BOOL;
    custom[2].integer = 1;
    custom[3].name = jt_bytes("roles");
    custom[3].kind = JETON_JWT_VALUE_JSON;
    custom[3].text = jt_bytes(" [\"admin\",\"user\"] ");
    c->custom = custom;
    c->custom_count = 4;
}

static void test_jwt_encode(void) {
    static jeton_jwt_key_set keys;
    jeton_jwt_header h;
    jeton_jwt_claims c;
    jeton_bytes auds[JETON_JWT_MAX_LIST + 1];
    jeton_jwt_claim custom[JETON_JWT_MAX_CUSTOM_CLAIMS + 1];
    char names[JETON_JWT_MAX_CUSTOM_CLAIMS + 1][4];
    uint8_t out[1024];
    size_t n, i;
    const size_t full_len = sizeof TOK_ENC_FULL - 1;

    key_set_of(&keys, "c1");
    memset(&h, 0, sizeof h);
    full_claims(&c, auds, custom);
    /* Byte for byte what Python signed: member order, escapes, the kid of
     * the key, typ JWT by default. */
    memset(out, 'X', sizeof out);
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_OK);
    CHECK_MEM(out, n, TOK_ENC_FULL, full_len);
    /* Exact fit, size query, one short. */
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, full_len, &n), JETON_OK);
    CHECK(n == full_len);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == full_len);
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, full_len - 1, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == full_len && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, 40, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == full_len && jt_no_partial(out, sizeof out, 'X'));

    /* The empty claims set and the header options: {"alg":"HS256"} and
     * {} (RFC 7515 section 3.3 uses the same shape). */
    memset(&c, 0, sizeof c);
    h.flags = JETON_JWT_NO_TYP;
    h.kid = jt_bytes("");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_OK);
    CHECK(n > 30 && memcmp(out, "eyJhbGciOiJIUzI1NiIsImtpZCI6IiJ9.e30.", 37) == 0); /* {"alg":"HS256","kid":""} */
    h.kid.ptr = NULL;
    h.kid.len = 0;
    h.flags = 0;
    h.typ = jt_bytes("at+jwt");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_OK);
    /* {"alg":"HS256","typ":"at+jwt","kid":"c1"} */
    CHECK(memcmp(out, "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6ImMxIn0.e30.", 60) == 0);

    /* Refused claim sets: nothing written, *out_len untouched. */
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    memset(&h, 0, sizeof h);
    full_claims(&c, auds, custom);
    custom[1].name = jt_bytes("name");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_JWT_PAYLOAD_DUPLICATE);
    custom[1].name = jt_bytes("exp");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_JWT_PAYLOAD_DUPLICATE);
    custom[1].name = jt_bytes("n");
    custom[3].text = jt_bytes("{\"a\":");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_JSON_UNEXPECTED_END);
    custom[3].text = jt_bytes("[1] 2");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_JSON_TRAILING_DATA);
    custom[3].text = jt_bytes("[]");
    custom[0].text = jt_bytes("\377");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_JSON_INVALID_UTF8);
    custom[0].text = jt_bytes("x");
    custom[0].kind = 0;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    custom[0].kind = 5;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    custom[0].kind = JETON_JWT_VALUE_STRING;
    custom[0].text.ptr = NULL;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    custom[0].text = jt_bytes("x");
    custom[0].name.ptr = NULL;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    custom[0].name = jt_bytes("name");
    c.aud = jt_bytes("both");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    c.aud.ptr = NULL;
    c.aud.len = 0;
    c.flags |= 1u << 3;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    c.flags = JETON_JWT_HAS_EXP;
    c.iss.ptr = NULL;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    c.iss.len = 0;
    c.iss.ptr = (const uint8_t *)"\300\200";
    c.iss.len = 2;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_JSON_INVALID_UTF8);
    c.iss.ptr = NULL;
    c.iss.len = 0;
    auds[1].ptr = NULL;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    c.audiences = NULL;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    c.audience_count = 0;
    /* Too many audiences and custom claims. */
    for (i = 0; i <= JETON_JWT_MAX_LIST; i++) auds[i] = jt_bytes("a");
    c.audiences = auds;
    c.audience_count = JETON_JWT_MAX_LIST + 1;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_TOO_MANY_ITEMS);
    c.audience_count = JETON_JWT_MAX_LIST;
    for (i = 0; i <= JETON_JWT_MAX_CUSTOM_CLAIMS; i++) {
        snprintf(names[i], sizeof names[i], "c%u", (unsigned)i);
        custom[i].name = jt_bytes(names[i]);
        custom[i].kind = JETON_JWT_VALUE_INT;
        custom[i].integer = (int64_t)i;
    }
    c.custom = custom;
    c.custom_count = JETON_JWT_MAX_CUSTOM_CLAIMS + 1;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_TOO_MANY_ITEMS);
    c.custom_count = JETON_JWT_MAX_CUSTOM_CLAIMS;
    /* Header rules. */
    h.flags = JETON_JWT_NO_TYP;
    h.typ = jt_bytes("JWT");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    h.flags = 1u << 3;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_INVALID_ARGUMENT);
    h.flags = 0;
    h.kid = jt_bytes("\377");
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_JSON_INVALID_UTF8);
    h.kid.ptr = NULL;
    h.kid.len = 0;
    /* Keys: the index must name one. */
    CHECK_STATUS(jeton_jwt_encode(&keys, 1, &h, &c, out, sizeof out, &n), JETON_ERR_JWT_KEY_NOT_FOUND);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_OK);

    /* NULL pointers and overlap. */
    CHECK_STATUS(jeton_jwt_encode(NULL, 0, &h, &c, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, NULL, &c, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, NULL, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, NULL, 8, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    memcpy(out, "c1", 2);
    h.kid.ptr = out;
    h.kid.len = 2;
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out, sizeof out, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out + 2, sizeof out - 2, &n), JETON_OK);
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, (uint8_t *)custom, sizeof custom, &n),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, (uint8_t *)&keys, 64, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_encode(&keys, 0, &h, &c, out + 2, sizeof out - 2, &n), JETON_ERR_NOT_INITIALIZED);
}

/* A verification of `token` with `v`; returns the status. */
static jeton_status verify(const jeton_jwt_key_set *keys, const char *token, const jeton_jwt_validation *v,
                           jeton_jwt_verified *out) {
    static uint8_t buf[2048];
    size_t used;
    return jeton_jwt_verify(keys, (const uint8_t *)token, strlen(token), v, buf, sizeof buf, &used, out);
}

/* The "alg" names of RFC 7518 section 3.1, RFC 8037 section 3.1 and
 * RFC 9864 (Ed25519), each to its value and back; names are
 * case-sensitive and "none" is no algorithm. */
static void test_jwt_algorithm_names(void) {
    static const struct {
        const char *name;
        jeton_jwt_algorithm value;
    } names[] = {
        {"HS256", JETON_JWT_HS256}, {"HS384", JETON_JWT_HS384}, {"HS512", JETON_JWT_HS512},
        {"ES256", JETON_JWT_ES256}, {"ES384", JETON_JWT_ES384}, {"EdDSA", JETON_JWT_EDDSA},
        {"Ed25519", JETON_JWT_ED25519}, {"RS256", JETON_JWT_RS256}, {"RS384", JETON_JWT_RS384},
        {"RS512", JETON_JWT_RS512}, {"PS256", JETON_JWT_PS256}, {"PS384", JETON_JWT_PS384},
        {"PS512", JETON_JWT_PS512},
    };
    static const char *refused[] = {"none", "hs256", "ES256K", "ES512", "HS256 ", ""};
    jeton_jwt_algorithm alg;
    size_t i;
    jt_context = "jwt algorithm names";

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        alg = 0;
        CHECK_STATUS(jeton_jwt_algorithm_from_name((const uint8_t *)names[i].name, strlen(names[i].name), &alg),
                     JETON_OK);
        CHECK(alg == names[i].value);
        CHECK(jeton_jwt_algorithm_name(names[i].value) != NULL &&
              strcmp(jeton_jwt_algorithm_name(names[i].value), names[i].name) == 0);
    }
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        alg = 77;
        CHECK_STATUS(jeton_jwt_algorithm_from_name((const uint8_t *)refused[i], strlen(refused[i]), &alg),
                     JETON_ERR_INVALID_ARGUMENT);
        CHECK(alg == 77);
    }
    CHECK(jeton_jwt_algorithm_name(0) == NULL && jeton_jwt_algorithm_name(14) == NULL);
    CHECK_STATUS(jeton_jwt_algorithm_from_name(NULL, 5, &alg), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_algorithm_from_name((const uint8_t *)"HS256", 5, NULL), JETON_ERR_NULL_POINTER);
}

static void test_jwt_verify(void) {
    /* RFC 7515 appendix A.1: its key, base64url, and its token. */
    static const char a1_key[] = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
    static const char a1[] = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
                             "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
                             "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static jeton_jwt_key_set keys, a1_keys, other;
    jeton_jwt_validation v;
    jeton_jwt_verified out, untouched;
    jeton_bytes list[JETON_JWT_MAX_LIST + 1];
    uint8_t secret[64], buf[512];
    size_t n, used, i;
    bool b;

    /* RFC 7515 A.1 at a time before its exp, then at its exp. */
    CHECK_STATUS(jeton_base64_decode(S(a1_key), JETON_BASE64_URL_SAFE, JETON_BASE64_UNPADDED, secret, sizeof secret, &n),
                 JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_init(&a1_keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add(&a1_keys, JETON_JWT_HS256, secret, n, NULL, 0), JETON_OK);
    memset(&v, 0, sizeof v);
    v.now = 1300819000;
    memset(buf, 'X', sizeof buf);
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, buf, sizeof buf, &used, &out), JETON_OK);
    CHECK(used == 100 && out.header.ptr == buf && out.header.len == 30 && out.claims.ptr == buf + 30);
    CHECK(out.algorithm == JETON_JWT_HS256 && out.key_index == 0);
    CHECK(out.flags == JETON_JWT_HAS_EXP && out.exp == 1300819380);
    CHECK_VIEW(out.iss, "joe");
    CHECK(out.kid.ptr == NULL && out.sub.ptr == NULL && out.jti.ptr == NULL && out.aud.ptr == NULL);
    b = false;
    CHECK_STATUS(jeton_jwt_verified_claim_bool(&out, S("http://example.com/is_root"), &b), JETON_OK);
    CHECK(b);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_verified_header_str(&out, S("typ"), secret, sizeof secret, &n), JETON_OK);
    CHECK_TEXT(secret, n, "JWT");
    memset(&untouched, 0x5A, sizeof untouched);
    out = untouched;
    v.now = 1300819380;
    memset(buf, 'X', sizeof buf);
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, buf, sizeof buf, &used, &out), JETON_ERR_JWT_EXPIRED);
    CHECK(jt_no_partial(buf, sizeof buf, 'X') && memcmp(&out, &untouched, sizeof out) == 0);
    v.leeway = 1;
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, buf, sizeof buf, &used, &out), JETON_OK);
    v.leeway = 0;
    /* Too small: the length needed, nothing decoded left behind. */
    v.now = 1300819000;
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    out = untouched;
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, buf, 99, &n, &out), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 100 && jt_no_partial(buf, sizeof buf, 'X') && memcmp(&out, &untouched, sizeof out) == 0);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, NULL, 0, &n, &out), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 100);
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, buf, 100, &n, &out), JETON_OK);
    /* The wrong key. */
    key_set_of(&keys, NULL);
    CHECK_STATUS(jeton_jwt_verify(&keys, S(a1), &v, buf, sizeof buf, &used, &out), JETON_ERR_JWT_SIGNATURE_MISMATCH);

    /* Malformed tokens, in the order of the checks. */
    out = untouched;
    CHECK_STATUS(verify(&keys, "a.b", &v, &out), JETON_ERR_JWT_MALFORMED);
    CHECK_STATUS(verify(&keys, "a..c", &v, &out), JETON_ERR_JWT_MALFORMED);
    CHECK_STATUS(verify(&keys, "a.b.c.d", &v, &out), JETON_ERR_JWT_MALFORMED);
    CHECK_STATUS(verify(&keys, "e30=.e30.AA", &v, &out), JETON_ERR_JWT_HEADER_BASE64);
    CHECK_STATUS(verify(&keys, "e30.e3+.AA", &v, &out), JETON_ERR_JWT_PAYLOAD_BASE64);
    CHECK_STATUS(verify(&keys, "e30.e30.A", &v, &out), JETON_ERR_JWT_SIGNATURE_BASE64);
    CHECK_STATUS(verify(&keys, "e30.e30.AA", &v, &out), JETON_ERR_JWT_ALG_MISSING);
    CHECK_STATUS(verify(&keys, "WzFd.e30.AA", &v, &out), JETON_ERR_JWT_HEADER_INVALID);
    CHECK_STATUS(verify(&keys, TOK_NONE, &v, &out), JETON_ERR_JWT_ALG_NONE);
    CHECK_STATUS(verify(&keys, TOK_HDR_DUP, &v, &out), JETON_ERR_JWT_HEADER_DUPLICATE);
    CHECK_STATUS(verify(&keys, TOK_CRIT, &v, &out), JETON_ERR_JWT_CRIT_UNSUPPORTED);
    key_set_of(&other, "k1");
    CHECK_STATUS(verify(&other, TOK_KID_OTHER, &v, &out), JETON_ERR_JWT_KEY_NOT_FOUND);
    CHECK_STATUS(verify(&keys, TOK_HS384, &v, &out), JETON_ERR_JWT_ALG_MISMATCH);
    CHECK_STATUS(verify(&keys, TOK_PAYLOAD_DUP, &v, &out), JETON_ERR_JWT_PAYLOAD_DUPLICATE);
    CHECK_STATUS(verify(&keys, TOK_PAYLOAD_ARRAY, &v, &out), JETON_ERR_JWT_PAYLOAD_INVALID);
    CHECK_STATUS(verify(&keys, TOK_EXP_STRING, &v, &out), JETON_ERR_JWT_CLAIM_TYPE);
    CHECK(memcmp(&out, &untouched, sizeof out) == 0);
    /* A kid no key carries is a hint (RFC 7515 section 4.1.4): the keys
     * without a kid are tried; a kid that one key carries selects it
     * alone. */
    CHECK_STATUS(verify(&keys, TOK_KID_OTHER, &v, &out), JETON_OK);
    CHECK(out.key_index == 0);
    CHECK_VIEW(out.kid, "other");
    CHECK_STATUS(jeton_jwt_key_set_add(&other, JETON_JWT_HS256, S(JWT_KEY64), S("other")), JETON_OK);
    CHECK_STATUS(verify(&other, TOK_KID_OTHER, &v, &out), JETON_ERR_JWT_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_jwt_key_set_add(&other, JETON_JWT_HS256, S(JWT_KEY), NULL, 0), JETON_OK);
    CHECK_STATUS(verify(&other, TOK_KID_OTHER, &v, &out), JETON_ERR_JWT_SIGNATURE_MISMATCH);
    CHECK_STATUS(jeton_jwt_key_set_clear(&other), JETON_OK);
    key_set_of(&other, "k1");
    CHECK_STATUS(jeton_jwt_key_set_add(&other, JETON_JWT_HS256, S(JWT_KEY), NULL, 0), JETON_OK);
    CHECK_STATUS(verify(&other, TOK_KID_OTHER, &v, &out), JETON_OK);
    CHECK(out.key_index == 1);
    CHECK_STATUS(jeton_jwt_key_set_clear(&other), JETON_OK);
    out = untouched;
    v.max_token_len = 20;
    CHECK_STATUS(verify(&keys, TOK_NO_EXP, &v, &out), JETON_ERR_JWT_TOO_LONG);
    v.max_token_len = 0;

    /* typ: JWT by default, any other value when named, or any at all. */
    v.now = JWT_NOW;
    CHECK_STATUS(verify(&keys, TOK_TYP_JOSE, &v, &out), JETON_ERR_JWT_TYP_INVALID);
    v.typ = jt_bytes("jose");
    CHECK_STATUS(verify(&keys, TOK_TYP_JOSE, &v, &out), JETON_OK);
    CHECK_STATUS(verify(&keys, TOK_NO_EXP, &v, &out), JETON_ERR_JWT_TYP_INVALID);
    v.flags = JETON_JWT_ANY_TYP;
    CHECK_STATUS(verify(&keys, TOK_NO_EXP, &v, &out), JETON_ERR_JWT_MISSING_CLAIM);
    v.flags = 0;
    v.typ.ptr = NULL;
    v.typ.len = 0;

    /* Required claims: exp by default, or none, or a chosen set. */
    CHECK_STATUS(verify(&keys, TOK_NO_EXP, &v, &out), JETON_ERR_JWT_MISSING_CLAIM);
    v.required = JETON_JWT_CLAIM_NONE;
    CHECK_STATUS(verify(&keys, TOK_NO_EXP, &v, &out), JETON_OK);
    CHECK(out.flags == 0);
    CHECK_VIEW(out.sub, "x");
    v.required = JETON_JWT_CLAIM_SUB;
    CHECK_STATUS(verify(&keys, TOK_NO_EXP, &v, &out), JETON_OK);
    v.required = JETON_JWT_CLAIM_SUB | JETON_JWT_CLAIM_JTI;
    CHECK_STATUS(verify(&keys, TOK_NO_EXP, &v, &out), JETON_ERR_JWT_MISSING_CLAIM);
    v.required = JETON_JWT_CLAIM_NONE | JETON_JWT_CLAIM_SUB;
    CHECK_STATUS(verify(&keys, TOK_NO_EXP, &v, &out), JETON_ERR_INVALID_ARGUMENT);
    v.required = 1u << 8;
    CHECK_STATUS(verify(&keys, TOK_NO_EXP, &v, &out), JETON_ERR_INVALID_ARGUMENT);
    v.required = JETON_JWT_CLAIM_ISS | JETON_JWT_CLAIM_SUB | JETON_JWT_CLAIM_AUD | JETON_JWT_CLAIM_EXP |
                 JETON_JWT_CLAIM_NBF | JETON_JWT_CLAIM_IAT | JETON_JWT_CLAIM_JTI;
    CHECK_STATUS(verify(&keys, TOK_NBF_FUTURE, &v, &out), JETON_ERR_JWT_MISSING_CLAIM);
    v.required = 0;

    /* nbf with leeway, and the checks switched off. */
    CHECK_STATUS(verify(&keys, TOK_NBF_FUTURE, &v, &out), JETON_ERR_JWT_NOT_YET_VALID);
    v.leeway = 99;
    CHECK_STATUS(verify(&keys, TOK_NBF_FUTURE, &v, &out), JETON_ERR_JWT_NOT_YET_VALID);
    v.leeway = 100;
    CHECK_STATUS(verify(&keys, TOK_NBF_FUTURE, &v, &out), JETON_OK);
    CHECK(out.flags == (JETON_JWT_HAS_EXP | JETON_JWT_HAS_NBF) && out.nbf == 2000000100);
    v.leeway = 0;
    v.flags = JETON_JWT_SKIP_NBF_CHECK;
    CHECK_STATUS(verify(&keys, TOK_NBF_FUTURE, &v, &out), JETON_OK);
    v.flags = JETON_JWT_SKIP_EXP_CHECK;
    v.now = 5000000000LL;
    CHECK_STATUS(verify(&keys, TOK_NBF_FUTURE, &v, &out), JETON_OK);
    v.flags = 0;
    CHECK_STATUS(verify(&keys, TOK_NBF_FUTURE, &v, &out), JETON_ERR_JWT_EXPIRED);
    v.flags = 1u << 5;
    CHECK_STATUS(verify(&keys, TOK_NBF_FUTURE, &v, &out), JETON_ERR_INVALID_ARGUMENT);
    v.flags = JETON_JWT_ANY_TYP | JETON_JWT_REQUIRE_TYP;
    CHECK_STATUS(verify(&keys, TOK_NBF_FUTURE, &v, &out), JETON_ERR_INVALID_ARGUMENT);
    v.flags = 0;
    v.now = JWT_NOW;
    /* NumericDates with a fraction are rounded up: exp = now + 0.5 is
     * still valid at now. */
    CHECK_STATUS(verify(&keys, TOK_FRACTION, &v, &out), JETON_OK);
    CHECK(out.exp == 2000000001 && out.iat == 2000000000 && (out.flags & JETON_JWT_HAS_IAT));

    /* Issuers, subject, audiences: the escaped token's iss is "j/oe", its
     * sub "abc", its aud ["aud", "other"]. */
    key_set_of(&other, "k1");
    v.flags = JETON_JWT_IGNORE_AUDIENCE;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_OK);
    v.flags = 0;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_JWT_AUDIENCE_INVALID);
    list[0] = jt_bytes("nope");
    list[1] = jt_bytes("other");
    v.audiences = list;
    v.audience_count = 1;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_JWT_AUDIENCE_INVALID);
    v.audience_count = 2;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_OK);
    list[2] = jt_bytes("https://x.example");
    list[3] = jt_bytes("j/oe");
    v.issuers = list + 2;
    v.issuer_count = 1;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_JWT_ISSUER_INVALID);
    v.issuer_count = 2;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_OK);
    v.subject = jt_bytes("ab");
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_JWT_SUBJECT_INVALID);
    v.subject = jt_bytes("abc");
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_OK);
    /* Lists: not empty, not too long, no NULL element, UTF-8. */
    v.issuer_count = 0;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_INVALID_ARGUMENT);
    for (i = 0; i <= JETON_JWT_MAX_LIST; i++) list[i] = jt_bytes("j/oe");
    v.issuers = list;
    v.issuer_count = JETON_JWT_MAX_LIST + 1;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_TOO_MANY_ITEMS);
    v.issuer_count = JETON_JWT_MAX_LIST;
    list[1] = jt_bytes("other");
    v.audiences = list;
    v.audience_count = 2;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_OK);
    list[7].ptr = NULL;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_NULL_POINTER);
    list[7] = jt_bytes("\377");
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_JSON_INVALID_UTF8);
    list[7] = jt_bytes("x");
    v.issuers = NULL;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_INVALID_ARGUMENT);
    v.issuer_count = 0;
    v.subject.ptr = NULL;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_ERR_INVALID_ARGUMENT);
    v.subject.len = 0;
    CHECK_STATUS(verify(&other, TOK_ESCAPED, &v, &out), JETON_OK);

    /* NULL pointers and overlap. */
    CHECK_STATUS(jeton_jwt_verify(NULL, S(a1), &v, buf, sizeof buf, &used, &out), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify(&keys, NULL, 0, &v, buf, sizeof buf, &used, &out), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify(&keys, S(a1), NULL, buf, sizeof buf, &used, &out), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify(&keys, S(a1), &v, NULL, 8, &used, &out), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify(&keys, S(a1), &v, buf, sizeof buf, NULL, &out), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify(&keys, S(a1), &v, buf, sizeof buf, &used, NULL), JETON_ERR_NULL_POINTER);
    memcpy(buf, a1, sizeof a1 - 1);
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, buf, sizeof a1 - 1, &v, buf, sizeof buf, &used, &out),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, (uint8_t *)&out, sizeof out, &used, &out),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, (uint8_t *)list, sizeof list, &used, &out),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, (uint8_t *)&v, sizeof v, &used, &out),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_clear(&a1_keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_verify(&a1_keys, S(a1), &v, buf, sizeof buf, &used, &out), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_clear(&other), JETON_OK);
}

static void test_jwt_getters(void) {
    static jeton_jwt_key_set keys;
    static uint8_t buf[1024];
    jeton_jwt_validation v;
    jeton_jwt_verified t, copy;
    jeton_bytes raw;
    jeton_json_kind kind;
    uint8_t out[64];
    size_t n, used;
    int64_t i;
    bool b;

    key_set_of(&keys, "k1");
    memset(&v, 0, sizeof v);
    v.now = JWT_NOW;
    v.flags = JETON_JWT_IGNORE_AUDIENCE;
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_ESCAPED, sizeof TOK_ESCAPED - 1, &v, buf, sizeof buf,
                                  &used, &t),
                 JETON_OK);
    /* The raw views keep the escapes; the flags say so. */
    CHECK(t.flags == (JETON_JWT_HAS_EXP | JETON_JWT_KID_ESCAPED | JETON_JWT_ISS_ESCAPED | JETON_JWT_SUB_ESCAPED |
                      JETON_JWT_JTI_ESCAPED));
    CHECK_VIEW(t.kid, "k\\u0031");
    CHECK_VIEW(t.iss, "j\\/oe");
    CHECK_VIEW(t.sub, "a\\u0062c");
    CHECK_VIEW(t.jti, "x\\u00e9y");
    CHECK_VIEW(t.aud, "[\"\\u0061ud\",\"other\"]");
    CHECK(t.exp == JWT_EXP && t.key_index == 0);
    /* Unescaped through the getters. */
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("sub"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "abc");
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("iss"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "j/oe");
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("jti"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "x\303\251y");
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("s"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "caf\303\251 \"q\"");
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, S("kid"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "k1");
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, S("alg"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "HS256");
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("s"), out, 8, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 9 && jt_no_partial(out, sizeof out, 'X'));
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("s"), NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 9);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("missing"), out, sizeof out, &n), JETON_ERR_JWT_MISSING_CLAIM);
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("i"), out, sizeof out, &n), JETON_ERR_JSON_WRONG_TYPE);
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, S("sub"), out, sizeof out, &n), JETON_ERR_JWT_MISSING_CLAIM);
    CHECK(n == UNTOUCHED && jt_no_partial(out, sizeof out, 'X'));
    /* Numbers, booleans, raw JSON. */
    i = 0;
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("i"), &i), JETON_OK);
    CHECK(i == INT64_MAX);
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("exp"), &i), JETON_OK);
    CHECK(i == JWT_EXP);
    i = 5;
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("big"), &i), JETON_ERR_JSON_NUMBER_OUT_OF_RANGE);
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("f"), &i), JETON_ERR_JSON_WRONG_TYPE);
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("s"), &i), JETON_ERR_JSON_WRONG_TYPE);
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("none"), &i), JETON_ERR_JWT_MISSING_CLAIM);
    CHECK(i == 5);
    b = true;
    CHECK_STATUS(jeton_jwt_verified_claim_bool(&t, S("b"), &b), JETON_OK);
    CHECK(!b);
    CHECK_STATUS(jeton_jwt_verified_claim_bool(&t, S("nul"), &b), JETON_ERR_JSON_WRONG_TYPE);
    CHECK_STATUS(jeton_jwt_verified_claim_bool(&t, S("none"), &b), JETON_ERR_JWT_MISSING_CLAIM);
    CHECK_STATUS(jeton_jwt_verified_claim_raw(&t, S("obj"), &raw, &kind), JETON_OK);
    CHECK_VIEW(raw, "{\"k\":[1,2]}");
    CHECK(kind == JETON_JSON_OBJECT && raw.ptr > buf && raw.ptr < buf + used);
    CHECK_STATUS(jeton_jwt_verified_claim_raw(&t, S("f"), &raw, &kind), JETON_OK);
    CHECK_VIEW(raw, "1.5");
    CHECK(kind == JETON_JSON_NUMBER);
    CHECK_STATUS(jeton_jwt_verified_claim_raw(&t, S("nul"), &raw, &kind), JETON_OK);
    CHECK(kind == JETON_JSON_NULL);
    CHECK_STATUS(jeton_jwt_verified_claim_raw(&t, S("s"), &raw, &kind), JETON_OK);
    CHECK(kind == JETON_JSON_STRING);
    CHECK_STATUS(jeton_json_string_unescape(raw.ptr, raw.len, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "caf\303\251 \"q\"");
    raw.ptr = NULL;
    kind = 99;
    CHECK_STATUS(jeton_jwt_verified_claim_raw(&t, S("none"), &raw, &kind), JETON_ERR_JWT_MISSING_CLAIM);
    CHECK(raw.ptr == NULL && kind == 99);
    /* Audiences, one by one. */
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 0, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "aud");
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 1, out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "other");
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 2, out, sizeof out, &n), JETON_DONE);
    CHECK(n == UNTOUCHED);
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 1, out, 4, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 5);
    /* The view is a plain struct: a copy reads the same buffer. */
    copy = t;
    CHECK_STATUS(jeton_jwt_verified_claim_str(&copy, S("sub"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "abc");

    /* NULL pointers and overlap. */
    CHECK_STATUS(jeton_jwt_verified_claim_str(NULL, S("s"), out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("s"), NULL, 4, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("s"), out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("s"), buf, 8, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_verified_header_str(NULL, S("kid"), out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, S("kid"), NULL, 4, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, S("kid"), out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, S("kid"), buf, 8, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_verified_claim_i64(NULL, S("i"), &i), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, NULL, 0, &i), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("i"), NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_bool(NULL, S("b"), &b), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_bool(&t, NULL, 0, &b), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_bool(&t, S("b"), NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_raw(NULL, S("f"), &raw, &kind), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_raw(&t, NULL, 0, &raw, &kind), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_raw(&t, S("f"), NULL, &kind), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_claim_raw(&t, S("f"), &raw, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_audience(NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 0, NULL, 4, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 0, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 0, buf + 40, 8, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 0, (uint8_t *)&t, sizeof t, &n), JETON_ERR_OVERLAPPING_BUFFERS);

    /* A buffer changed after verification: the getters notice. */
    memset(buf + t.header.len, '[', 4);
    CHECK_STATUS(jeton_jwt_verified_claim_str(&t, S("sub"), out, sizeof out, &n), JETON_ERR_JWT_PAYLOAD_INVALID);
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("i"), &i), JETON_ERR_JWT_PAYLOAD_INVALID);
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 0, out, sizeof out, &n), JETON_ERR_JWT_PAYLOAD_INVALID);
    memset(buf, '[', 2);
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, S("kid"), out, sizeof out, &n), JETON_ERR_JWT_HEADER_INVALID);

    /* A token whose aud is a string has one audience; one without aud none. */
    v.flags = 0;
    v.required = JETON_JWT_CLAIM_NONE;
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_NO_EXP, sizeof TOK_NO_EXP - 1, &v, buf, sizeof buf,
                                  &used, &t),
                 JETON_OK);
    CHECK_STATUS(jeton_jwt_verified_audience(&t, 0, out, sizeof out, &n), JETON_DONE);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
}

static void test_jwt_revocation(void) {
    static jeton_jwt_key_set keys;
    static jeton_revocation_list list;
    static uint8_t buf[512];
    jeton_jwt_validation v;
    jeton_jwt_verified t, t2;
    size_t used;
    bool revoked;

    key_set_of(&keys, NULL);
    CHECK_STATUS(jeton_revocation_list_init(&list), JETON_OK);
    memset(&v, 0, sizeof v);
    v.now = JWT_NOW - 100;
    v.revocation = &list;
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_JTI, sizeof TOK_JTI - 1, &v, buf, sizeof buf, &used, &t),
                 JETON_OK);
    /* Logout: the token's jti goes on the list until its exp. */
    CHECK_STATUS(jeton_revocation_list_revoke_token(&list, &t, JWT_NOW - 100), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("j-1"), JWT_NOW - 1, &revoked), JETON_OK);
    CHECK(revoked);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("j-1"), JWT_NOW, &revoked), JETON_OK);
    CHECK(!revoked);
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_JTI, sizeof TOK_JTI - 1, &v, buf, sizeof buf, &used, &t2),
                 JETON_ERR_JWT_REVOKED);
    /* An escaped jti ("j-2") is revoked by its value. */
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_JTI_ESC, sizeof TOK_JTI_ESC - 1, &v, buf, sizeof buf,
                                  &used, &t),
                 JETON_OK);
    CHECK(t.flags & JETON_JWT_JTI_ESCAPED);
    CHECK_STATUS(jeton_revocation_list_revoke_token(&list, &t, JWT_NOW - 100), JETON_OK);
    CHECK_STATUS(jeton_revocation_list_contains(&list, S("j-2"), JWT_NOW - 1, &revoked), JETON_OK);
    CHECK(revoked);
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_JTI_ESC, sizeof TOK_JTI_ESC - 1, &v, buf, sizeof buf,
                                  &used, &t),
                 JETON_ERR_JWT_REVOKED);
    /* Without the list the token passes; a token without jti cannot be
     * revoked. */
    v.revocation = NULL;
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_JTI, sizeof TOK_JTI - 1, &v, buf, sizeof buf, &used, &t),
                 JETON_OK);
    v.required = JETON_JWT_CLAIM_NONE;
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_NO_EXP, sizeof TOK_NO_EXP - 1, &v, buf, sizeof buf,
                                  &used, &t),
                 JETON_OK);
    CHECK_STATUS(jeton_revocation_list_revoke_token(&list, &t, JWT_NOW), JETON_ERR_JWT_MISSING_CLAIM);
    CHECK_STATUS(jeton_revocation_list_revoke_token(&list, (const jeton_jwt_verified *)((uint8_t *)&list + 16), JWT_NOW),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_revocation_list_revoke_token(NULL, &t, JWT_NOW), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_revocation_list_revoke_token(&list, NULL, JWT_NOW), JETON_ERR_NULL_POINTER);
    memset(buf + t.header.len, ']', 2);
    CHECK_STATUS(jeton_revocation_list_revoke_token(&list, &t, JWT_NOW), JETON_ERR_JWT_PAYLOAD_INVALID);
    /* The list may not be the buffer; a cleared list is refused. */
    v.revocation = &list;
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_JTI, sizeof TOK_JTI - 1, &v, (uint8_t *)&list, 512,
                                  &used, &t),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_revocation_list_clear(&list), JETON_OK);
    CHECK_STATUS(jeton_jwt_verify(&keys, (const uint8_t *)TOK_JTI, sizeof TOK_JTI - 1, &v, buf, sizeof buf, &used, &t),
                 JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
}

static void test_jws(void) {
    /* {"alg":"HS256"} over "foo" with the key "k" (core/src/jwt/verify.rs;
     * HMAC computed with Python). */
    static const char token[] = "eyJhbGciOiJIUzI1NiJ9.Zm9v.sBb1561KMv99kSQ1W4Q67ew9Dq2h0N91EHzlkJ67xTk";
    static jeton_jwt_key_set keys;
    jeton_jwt_validation v;
    jeton_jws_verified jws, untouched;
    uint8_t buf[64];
    size_t n;

    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    /* A one-byte secret: only as the legacy exception. */
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, S("k"), NULL, 0), JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k"), NULL, 0), JETON_OK);
    memset(&v, 0, sizeof v);
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, buf, sizeof buf, &n, &jws), JETON_OK);
    CHECK_VIEW(jws.payload, "foo");
    CHECK_VIEW(jws.header, "{\"alg\":\"HS256\"}");
    CHECK(n == 18 && jws.algorithm == JETON_JWT_HS256 && jws.key_index == 0 && jws.header.ptr == buf);
    memset(&untouched, 0x5A, sizeof untouched);
    jws = untouched;
    memset(buf, 'X', sizeof buf);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, buf, 17, &n, &jws), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 18 && jt_no_partial(buf, sizeof buf, 'X') && memcmp(&jws, &untouched, sizeof jws) == 0);
    CHECK_STATUS(jeton_jws_verify(&keys, S("eyJhbGciOiJIUzI1NiJ9.Zm9w.sBb1561KMv99kSQ1W4Q67ew9Dq2h0N91EHzlkJ67xTk"), &v,
                                  buf, sizeof buf, &n, &jws),
                 JETON_ERR_JWT_SIGNATURE_MISMATCH);
    CHECK(jt_no_partial(buf, sizeof buf, 'X') && memcmp(&jws, &untouched, sizeof jws) == 0);
    v.max_token_len = 10;
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, buf, sizeof buf, &n, &jws), JETON_ERR_JWT_TOO_LONG);
    v.max_token_len = 0;
    v.flags = 1u << 9;
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, buf, sizeof buf, &n, &jws), JETON_ERR_INVALID_ARGUMENT);
    v.flags = 0;
    CHECK_STATUS(jeton_jws_verify(NULL, S(token), &v, buf, sizeof buf, &n, &jws), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jws_verify(&keys, NULL, 0, &v, buf, sizeof buf, &n, &jws), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), NULL, buf, sizeof buf, &n, &jws), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, NULL, 4, &n, &jws), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, buf, sizeof buf, NULL, &jws), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, buf, sizeof buf, &n, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, (uint8_t *)&jws, sizeof jws, &n, &jws),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, buf, sizeof buf, &n, &jws), JETON_ERR_NOT_INITIALIZED);
}

/* ------------------------------------------------------------------ */
/* Asymmetric JWT: keys from JWK and PEM documents, JWK Sets, and the
 * validation options of issue 15. Keys, tokens and verdicts are the
 * peers' (npm jose, PyJWT) from tests/vectors/asym-jwt.json, the private
 * PEM documents PyPI cryptography's (tests/c/private-pem.json), both
 * through vectors.h; vectors_test.c runs every case of the file. */

#define JT_P(str) ((const uint8_t *)((str).s != NULL ? (str).s : ""))
/* A jt_str as the (pointer, length) pair of an input. */
#define VA(str) JT_P(str), (str).n
/* The bytes (ptr, len) equal the jt_str `str`. */
#define CHECK_JT(ptr, len, str) CHECK_MEM(ptr, len, JT_P(str), (str).n)

static int jt_is(jt_str s, const char *lit) {
    return s.s != NULL && strlen(lit) == s.n && memcmp(s.s, lit, s.n) == 0;
}

/* The answer to an input of a length no object can have given beside a
 * jeton object: ffi/src/ptr.rs says JETON_ERR_INVALID_ARGUMENT, but the
 * functions that change an object compare the input's range with the
 * object first, so an input lying below the object (a string literal
 * below a static object) is reported as overlapping it. Either refusal
 * (reported). */
static int huge_refused(jeton_status s) {
    return s == JETON_ERR_INVALID_ARGUMENT || s == JETON_ERR_OVERLAPPING_BUFFERS;
}

/* What a key set (or JWK Set) shows of itself: its length, and each
 * key's description and thumbprint. Sets compared through it rather than
 * byte for byte: their storage holds padding that is never defined (as
 * valgrind notices). */
typedef struct {
    jeton_status status;
    size_t len;
    jeton_jwt_key_info info[JETON_JWKS_CAPACITY];
    jeton_status print_status[JETON_JWKS_CAPACITY];
    uint8_t print[JETON_JWKS_CAPACITY][64];
    size_t print_len[JETON_JWKS_CAPACITY];
} key_view;

static void view_keys(const jeton_jwt_key_set *keys, key_view *out) {
    size_t i;
    memset(out, 0, sizeof *out);
    out->status = jeton_jwt_key_set_len(keys, &out->len);
    for (i = 0; i < out->len && i < JETON_JWKS_CAPACITY; i++) {
        CHECK_STATUS(jeton_jwt_key_set_key_info(keys, i, &out->info[i]), JETON_OK);
        out->print_status[i] = jeton_jwt_key_set_thumbprint(keys, i, out->print[i], 64, &out->print_len[i]);
    }
}

static void view_jwks(const jeton_jwks *jwks, key_view *out) {
    size_t i;
    memset(out, 0, sizeof *out);
    out->status = jeton_jwks_len(jwks, &out->len);
    for (i = 0; i < out->len && i < JETON_JWKS_CAPACITY; i++)
        CHECK_STATUS(jeton_jwks_key_info(jwks, i, &out->info[i]), JETON_OK);
}

/* `keys` shows what `before` saw. */
static int keys_unchanged(const jeton_jwt_key_set *keys, const key_view *before) {
    static key_view now;
    view_keys(keys, &now);
    return before->status == JETON_OK && memcmp(&now, before, sizeof now) == 0;
}

static int jwks_unchanged(const jeton_jwks *jwks, const key_view *before) {
    static key_view now;
    view_jwks(jwks, &now);
    return before->status == JETON_OK && memcmp(&now, before, sizeof now) == 0;
}

/* The key of asym-jwt.json named `id`. */
static const jt_asym_key *asym_key(const char *id) {
    size_t i;
    for (i = 0; i < JT_COUNT(jt_asym_keys); i++)
        if (jt_is(jt_asym_keys[i].id, id)) return &jt_asym_keys[i];
    jt_fail(__FILE__, __LINE__, "no key %s in asym-jwt.json", id);
    return &jt_asym_keys[0];
}

/* The private PEM documents of the key named `id`. */
static const jt_asym_private_pem *private_pem(const char *id) {
    size_t i;
    for (i = 0; i < JT_COUNT(jt_asym_private_pems); i++)
        if (jt_is(jt_asym_keys[jt_asym_private_pems[i].key].id, id)) return &jt_asym_private_pems[i];
    jt_fail(__FILE__, __LINE__, "no private PEM of %s", id);
    return &jt_asym_private_pems[0];
}

/* The first token of asym-jwt.json by `lib` with key `key`, alg `alg` and
 * shape `shape`. */
static const jt_asym_token *asym_token(const char *lib, const char *key, jeton_jwt_algorithm alg,
                                       const char *shape) {
    size_t i;
    for (i = 0; i < JT_COUNT(jt_asym_tokens); i++) {
        const jt_asym_token *t = &jt_asym_tokens[i];
        if (jt_is(t->lib, lib) && jt_is(jt_asym_keys[t->key].id, key) && t->alg == alg &&
            jt_is(jt_jwt_shapes[t->shape].name, shape))
            return t;
    }
    jt_fail(__FILE__, __LINE__, "no %s token of %s for alg %u, shape %s", lib, key, (unsigned)alg, shape);
    return &jt_asym_tokens[0];
}

/* The algorithm jeton_jwt_key_info names for a key of this family that
 * no JWK restricted: its family's first (jeton.h). */
static jeton_jwt_algorithm family_algorithm(const jt_asym_key *k) {
    if (jt_is(k->kty, "RSA")) return JETON_JWT_RS256;
    if (jt_is(k->kty, "OKP")) return JETON_JWT_EDDSA;
    return jt_is(k->crv, "P-384") ? JETON_JWT_ES384 : JETON_JWT_ES256;
}

/* Key `index` of `keys` is described by (alg, flags, kid) and, unless
 * print is NULL, has the RFC 7638 thumbprint `print`. */
static void check_key(const jeton_jwt_key_set *keys, size_t index, jeton_jwt_algorithm alg,
                      jeton_jwt_key_flags flags, jt_str kid, const jt_str *print) {
    jeton_jwt_key_info info;
    uint8_t out[64];
    size_t n = UNTOUCHED;
    memset(&info, 0x5A, sizeof info);
    CHECK_STATUS(jeton_jwt_key_set_key_info(keys, index, &info), JETON_OK);
    CHECK(info.algorithm == alg);
    CHECK(info.flags == flags);
    CHECK_JT(info.kid, info.kid_len, kid);
    if (print != NULL) {
        CHECK_STATUS(jeton_jwt_key_set_thumbprint(keys, index, out, sizeof out, &n), JETON_OK);
        CHECK_JT(out, n, *print);
    }
}

/* A verification with the options of asym-jwt.json's shape `shape`: the
 * file's clock, no claim required, the shape's issuer and audience
 * (any audience when it names none), as tests/tests/asym_interop.rs. */
static jeton_jwt_validation asym_validation(const jt_jwt_shape *shape) {
    static jeton_bytes iss, aud;
    jeton_jwt_validation v;
    memset(&v, 0, sizeof v);
    v.now = jt_asym_now;
    v.required = JETON_JWT_CLAIM_NONE;
    if (shape->issuer.s != NULL) {
        iss.ptr = (const uint8_t *)shape->issuer.s;
        iss.len = shape->issuer.n;
        v.issuers = &iss;
        v.issuer_count = 1;
    }
    if (shape->audience.s != NULL) {
        aud.ptr = (const uint8_t *)shape->audience.s;
        aud.len = shape->audience.n;
        v.audiences = &aud;
        v.audience_count = 1;
    } else {
        v.flags = JETON_JWT_IGNORE_AUDIENCE;
    }
    return v;
}

/* jeton_jwt_verify of a peer's token with `keys`, under its shape. */
static jeton_status verify_asym(const jeton_jwt_key_set *keys, const jt_asym_token *t, jeton_jwt_verified *out) {
    static uint8_t buf[2048];
    jeton_jwt_validation v = asym_validation(&jt_jwt_shapes[t->shape]);
    size_t used;
    return jeton_jwt_verify(keys, VA(t->token), &v, buf, sizeof buf, &used, out);
}

static void test_jwt_legacy_secret(void) {
    /* {"alg":"HS256"} over "foo" with the key "k" (see test_jws). */
    static const char token[] = "eyJhbGciOiJIUzI1NiJ9.Zm9v.sBb1561KMv99kSQ1W4Q67ew9Dq2h0N91EHzlkJ67xTk";
    static jeton_jwt_key_set keys;
    static key_view before;
    static const jt_str legacy = {"legacy", 6}, none = {NULL, 0};
    jeton_jwt_validation v;
    jeton_jws_verified jws;
    uint8_t buf[64], out[64];
    size_t n;

    /* Any non-empty secret, for each HMAC algorithm; the key signs and
     * verifies, and has no thumbprint (jeton keeps no secret). */
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k"), S("legacy")), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS384, S("short"), NULL, 0), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS512, S(JWT_KEY64), NULL, 0), JETON_OK);
    check_key(&keys, 0, JETON_JWT_HS256, JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_SIGNS, legacy, NULL);
    check_key(&keys, 1, JETON_JWT_HS384, JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_SIGNS, none, NULL);
    check_key(&keys, 2, JETON_JWT_HS512, JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_SIGNS, none, NULL);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, out, sizeof out, &n), JETON_ERR_KEY_UNSUPPORTED);
    CHECK(n == UNTOUCHED);
    memset(&v, 0, sizeof v);
    CHECK_STATUS(jeton_jws_verify(&keys, S(token), &v, buf, sizeof buf, &n, &jws), JETON_OK);
    CHECK(jws.key_index == 0 && jws.algorithm == JETON_JWT_HS256);
    CHECK_VIEW(jws.payload, "foo");

    /* Refused, each leaving the set as it was: an empty secret, a kid too
     * long or not UTF-8, an algorithm that is not HMAC, NULL, overlap. */
    view_keys(&keys, &before);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S(""), NULL, 0), JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k"), S("\377")),
                 JETON_ERR_JSON_INVALID_UTF8);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k"), (const uint8_t *)JWT_KEY64 JWT_KEY,
                                                     JETON_JWT_MAX_KID_LEN + 1),
                 JETON_ERR_JWT_KEY_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, 0, S("k"), NULL, 0), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_ES256, S("k"), NULL, 0),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k"), NULL, 2),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK(huge_refused(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k"), (const uint8_t *)"k",
                                                           SIZE_MAX)));
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(NULL, JETON_JWT_HS256, S("k"), NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, NULL, 1, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, (const uint8_t *)&keys + 64, 8, NULL, 0),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k"), (const uint8_t *)&keys + 64, 2),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK(keys_unchanged(&keys, &before));
    /* Full, then cleared. */
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k2"), NULL, 0), JETON_OK);
    view_keys(&keys, &before);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k3"), NULL, 0),
                 JETON_ERR_CAPACITY_EXCEEDED);
    CHECK(keys_unchanged(&keys, &before));
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k"), NULL, 0), JETON_ERR_NOT_INITIALIZED);
}

/* Public keys from JWK and SPKI PEM documents, private keys from JWK and
 * PKCS#8 / SEC1 PEM documents: what each key is (jeton_jwt_key_info), its
 * thumbprint (jose's), and every refusal. */
static void test_jwt_key_documents(void) {
    static const char *const families[] = {"es256", "es384", "ed25519", "rsa2048"};
    static jeton_jwt_key_set keys;
    static key_view before;
    static char doc[2048];
    static const jt_str none = {NULL, 0}, pem_kid = {"from-pem", 8};
    jeton_jwt_key_info info;
    uint8_t out[64];
    size_t i, n;
    const jt_asym_key *es256 = asym_key("es256"), *ed = asym_key("ed25519"), *rsa = asym_key("rsa2048");
    const jt_asym_private_pem *es256_pem = private_pem("es256");

    for (i = 0; i < 4; i++) {
        const jt_asym_key *k = asym_key(families[i]);
        jeton_jwt_algorithm alg = family_algorithm(k);
        int is_rsa = jt_is(k->kty, "RSA");
        jt_context = families[i];
        CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
        /* The public JWK: its kid, the family's first algorithm, verify
         * only; the same key from its SPKI PEM, under the kid given. */
        CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, VA(k->public_jwk)), JETON_OK);
        check_key(&keys, 0, alg, JETON_JWT_KEY_VERIFIES, k->kid, &k->thumbprint);
        CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(k->spki_pem), S("from-pem")), JETON_OK);
        check_key(&keys, 1, alg, JETON_JWT_KEY_VERIFIES, pem_kid, &k->thumbprint);
        CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(k->spki_pem), NULL, 0), JETON_OK);
        check_key(&keys, 2, alg, JETON_JWT_KEY_VERIFIES, none, &k->thumbprint);
        /* The private JWK: refused where a public key is expected; a
         * signing key (that also verifies) for EC and EdDSA; RSA private
         * keys are refused (jeton does not sign with RSA). */
        view_keys(&keys, &before);
        CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, VA(k->private_jwk)), JETON_ERR_JWK_PRIVATE_MEMBERS);
        CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, VA(k->public_jwk)),
                     is_rsa ? JETON_ERR_KEY_UNSUPPORTED : JETON_ERR_JWK_INVALID);
        if (is_rsa) {
            CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, VA(k->private_jwk)), JETON_ERR_KEY_UNSUPPORTED);
        } else {
            CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, VA(k->private_jwk)), JETON_OK);
            check_key(&keys, 3, alg, JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_SIGNS, k->kid, &k->thumbprint);
            view_keys(&keys, &before);
        }
        /* A PEM of the other kind: a public key is not a private one, and
         * the reverse. */
        CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, VA(k->spki_pem), NULL, 0), JETON_ERR_PEM_INVALID);
        CHECK(keys_unchanged(&keys, &before));
        CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    }
    jt_context = NULL;

    /* Private PEM documents (PyPI cryptography's): PKCS#8 and SEC1 EC
     * keys sign as ES256, ES384; PKCS#8 Ed25519 as EdDSA; RSA refused. */
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    for (i = 0; i < JT_COUNT(jt_asym_private_pems); i++) {
        const jt_asym_private_pem *p = &jt_asym_private_pems[i];
        const jt_asym_key *k = &jt_asym_keys[p->key];
        jt_context = k->id.s;
        CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
        if (jt_is(k->kty, "RSA")) {
            /* jeton.h: "RSA private keys: JETON_ERR_KEY_UNSUPPORTED", for
             * every size (a 2048-bit PKCS#8 key is longer than any key
             * jeton decodes, and still named for what it is). */
            CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, VA(p->pkcs8_pem), NULL, 0),
                         JETON_ERR_KEY_UNSUPPORTED);
            CHECK_STATUS(jeton_jwt_key_set_len(&keys, &n), JETON_OK);
            CHECK(n == 0);
            continue;
        }
        CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, VA(p->pkcs8_pem), VA(k->kid)), JETON_OK);
        check_key(&keys, 0, family_algorithm(k), JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_SIGNS, k->kid, &k->thumbprint);
        if (p->sec1_pem.s != NULL) {
            CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, VA(p->sec1_pem), NULL, 0), JETON_OK);
            check_key(&keys, 1, family_algorithm(k), JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_SIGNS, none,
                      &k->thumbprint);
            /* Neither is a public key. */
            CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(p->sec1_pem), NULL, 0), JETON_ERR_PEM_INVALID);
        }
        CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(p->pkcs8_pem), NULL, 0), JETON_ERR_PEM_INVALID);
    }
    jt_context = NULL;

    /* JWK members that restrict the key: alg (ALG_FIXED), use and key_ops
     * (a key that may not verify), kid. */
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    snprintf(doc, sizeof doc, "%.*s,\"alg\":\"ES256\",\"use\":\"sig\",\"key_ops\":[\"verify\"]}",
             (int)es256->public_jwk.n - 1, es256->public_jwk.s);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_OK);
    check_key(&keys, 0, JETON_JWT_ES256, JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_ALG_FIXED, es256->kid,
              &es256->thumbprint);
    snprintf(doc, sizeof doc, "%.*s,\"use\":\"enc\"}", (int)es256->public_jwk.n - 1, es256->public_jwk.s);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_OK);
    check_key(&keys, 1, JETON_JWT_ES256, 0, es256->kid, &es256->thumbprint);
    snprintf(doc, sizeof doc, "%.*s,\"key_ops\":[\"sign\"]}", (int)ed->public_jwk.n - 1, ed->public_jwk.s);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_OK);
    check_key(&keys, 2, JETON_JWT_EDDSA, 0, ed->kid, &ed->thumbprint);
    snprintf(doc, sizeof doc, "%.*s,\"alg\":\"PS384\"}", (int)rsa->public_jwk.n - 1, rsa->public_jwk.s);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_OK);
    check_key(&keys, 3, JETON_JWT_PS384, JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_ALG_FIXED, rsa->kid, &rsa->thumbprint);
    /* Full: every kind of document is refused, the set unchanged. */
    view_keys(&keys, &before);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, VA(es256->public_jwk)), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, VA(es256->private_jwk)), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(es256->spki_pem), NULL, 0), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, VA(es256_pem->pkcs8_pem), NULL, 0),
                 JETON_ERR_CAPACITY_EXCEEDED);
    CHECK(keys_unchanged(&keys, &before));

    /* Documents refused, the set (of two keys) unchanged. */
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, VA(es256->public_jwk)), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_legacy_secret(&keys, JETON_JWT_HS256, S("k"), NULL, 0), JETON_OK);
    view_keys(&keys, &before);
    /* Not a JWK. */
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, S("")), JETON_ERR_JWK_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, S("[]")), JETON_ERR_JWK_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, S("{\"kty\":\"EC\",\"crv\":\"P-256\"}")), JETON_ERR_JWK_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, S("{\"kty\":\"RSA\",\"e\":\"AQAB\"}")), JETON_ERR_JWK_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, S("{\"kty\":7}")), JETON_ERR_JWK_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, S("{}")), JETON_ERR_JWK_INVALID);
    /* Padded base64url is not canonical (RFC 7515 section 2). */
    snprintf(doc, sizeof doc, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"%.*s=\"}", 43,
             strstr(ed->public_jwk.s, "\"x\":\"") + 5);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_ERR_JWK_INVALID);
    /* A point off the curve: P-256's x used as y too. */
    snprintf(doc, sizeof doc, "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"%.*s\",\"y\":\"%.*s\"}", 43,
             strstr(es256->public_jwk.s, "\"x\":\"") + 5, 43, strstr(es256->public_jwk.s, "\"x\":\"") + 5);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_ERR_KEY_MALFORMED);
    /* A coordinate of the wrong length: P-256's x as a P-384 key. */
    snprintf(doc, sizeof doc, "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"%.*s\",\"y\":\"%.*s\"}", 43,
             strstr(es256->public_jwk.s, "\"x\":\"") + 5, 43, strstr(es256->public_jwk.s, "\"y\":\"") + 5);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_ERR_KEY_MALFORMED);
    /* Types, curves and algorithms jeton does not implement, or that the
     * key's type cannot serve. */
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, VA(asym_key("p521")->public_jwk)), JETON_ERR_KEY_UNSUPPORTED);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, VA(asym_key("x25519")->public_jwk)), JETON_ERR_KEY_UNSUPPORTED);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(asym_key("p521")->spki_pem), NULL, 0), JETON_ERR_KEY_UNSUPPORTED);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(asym_key("x25519")->spki_pem), NULL, 0), JETON_ERR_KEY_UNSUPPORTED);
    snprintf(doc, sizeof doc, "%.*s,\"alg\":\"ES384\"}", (int)es256->public_jwk.n - 1, es256->public_jwk.s);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_ERR_KEY_UNSUPPORTED);
    snprintf(doc, sizeof doc, "%.*s,\"alg\":\"RSA-OAEP\"}", (int)rsa->public_jwk.n - 1, rsa->public_jwk.s);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_ERR_KEY_UNSUPPORTED);
    /* RSA below 2048 bits. */
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, VA(asym_key("rsa1024")->public_jwk)), JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(asym_key("rsa1024")->spki_pem), NULL, 0), JETON_ERR_KEY_TOO_WEAK);
    /* Secrets: an oct JWK only as a private key, of full length. */
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, S("{\"kty\":\"oct\",\"k\":\"YSAzMi1ieXRlIHNlY3JldCBmb3IgdGhlIEMgdGVzdHM\"}")),
                 JETON_ERR_JWK_PRIVATE_MEMBERS);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, S("{\"kty\":\"oct\",\"k\":\"c2hvcnQ\"}")), JETON_ERR_KEY_TOO_WEAK);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(
                     &keys, S("{\"kty\":\"oct\",\"alg\":\"HS512\",\"k\":\"YSAzMi1ieXRlIHNlY3JldCBmb3IgdGhlIEMgdGVzdHM\"}")),
                 JETON_ERR_KEY_TOO_WEAK);
    /* A private key whose public members are another key's. */
    snprintf(doc, sizeof doc, "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"%.*s\",\"y\":\"%.*s\",\"d\":\"%.*s\"}", 43,
             strstr(asym_key("p256-b")->public_jwk.s, "\"x\":\"") + 5, 43,
             strstr(asym_key("p256-b")->public_jwk.s, "\"y\":\"") + 5, 43, strstr(es256->private_jwk.s, "\"d\":\"") + 5);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_ERR_KEY_MALFORMED);
    /* A kid too long for the set. */
    snprintf(doc, sizeof doc, "%.*s,\"kid\":\"%s%s\"}", (int)asym_key("ed25519-nokid")->public_jwk.n - 1,
             asym_key("ed25519-nokid")->public_jwk.s, JWT_KEY64, "x");
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)doc, strlen(doc)), JETON_ERR_JWT_KEY_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(ed->spki_pem), (const uint8_t *)JWT_KEY64 "x",
                                           JETON_JWT_MAX_KID_LEN + 1),
                 JETON_ERR_JWT_KEY_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(ed->spki_pem), S("\377")), JETON_ERR_JSON_INVALID_UTF8);
    CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, VA(es256_pem->pkcs8_pem), S("\377")),
                 JETON_ERR_JSON_INVALID_UTF8);
    /* Not PEM, or PEM of another label or broken base64. */
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, S(""), NULL, 0), JETON_ERR_PEM_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(es256->public_jwk), NULL, 0), JETON_ERR_PEM_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, S("-----BEGIN CERTIFICATE-----\nMFkwEwYHKoZIzj0CAQ==\n-----END CERTIFICATE-----\n"),
                                           NULL, 0),
                 JETON_ERR_PEM_INVALID);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, S("-----BEGIN PUBLIC KEY-----\nMFkw*EwYH\n-----END PUBLIC KEY-----\n"),
                                           NULL, 0),
                 JETON_ERR_PEM_INVALID);
    /* The SPKI cut short: the DER does not parse. */
    snprintf(doc, sizeof doc, "-----BEGIN PUBLIC KEY-----\n%.64s\n-----END PUBLIC KEY-----\n",
             es256->spki_pem.s + strlen("-----BEGIN PUBLIC KEY-----\n"));
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, (const uint8_t *)doc, strlen(doc), NULL, 0), JETON_ERR_PEM_INVALID);
    /* PKCS#1 RSA private keys: named unsupported by their label. */
    CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, S("-----BEGIN RSA PRIVATE KEY-----\nAA==\n-----END RSA PRIVATE KEY-----\n"),
                                                   NULL, 0),
                 JETON_ERR_KEY_UNSUPPORTED);
    CHECK(keys_unchanged(&keys, &before));
    CHECK_STATUS(jeton_jwt_key_set_len(&keys, &n), JETON_OK);
    CHECK(n == 2);

    /* key_info and thumbprint: the indexes, the buffer, NULL, overlap. */
    memset(&info, 0x5A, sizeof info);
    CHECK_STATUS(jeton_jwt_key_set_key_info(&keys, 2, &info), JETON_ERR_JWT_KEY_NOT_FOUND);
    CHECK_STATUS(jeton_jwt_key_set_key_info(&keys, SIZE_MAX, &info), JETON_ERR_JWT_KEY_NOT_FOUND);
    CHECK(info.kid_len == (size_t)0x5A5A5A5A5A5A5A5AULL || sizeof(size_t) < 8);
    CHECK_STATUS(jeton_jwt_key_set_key_info(NULL, 0, &info), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_key_info(&keys, 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_key_info(&keys, 0, (jeton_jwt_key_info *)((uint8_t *)&keys + 64)),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_len(&keys, (size_t *)((uint8_t *)&keys + 64)), JETON_ERR_OVERLAPPING_BUFFERS);
    memset(out, 'X', sizeof out);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, out, 42, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 43 && jt_no_partial(out, sizeof out, 'X'));
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, NULL, 0, &n), JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n == 43);
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, out, 43, &n), JETON_OK);
    CHECK_JT(out, n, es256->thumbprint);
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 1, out, sizeof out, &n), JETON_ERR_KEY_UNSUPPORTED);
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 2, out, sizeof out, &n), JETON_ERR_JWT_KEY_NOT_FOUND);
    CHECK(n == UNTOUCHED);
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(NULL, 0, out, sizeof out, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, NULL, 8, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, out, sizeof out, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, (uint8_t *)&keys + 32, 64, &n), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, out, SIZE_MAX, &n), JETON_ERR_INVALID_ARGUMENT);
    CHECK(keys_unchanged(&keys, &before));

    /* NULL pointers, lengths no object has, documents inside the set. */
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(NULL, VA(es256->public_jwk)), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, NULL, 10), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(NULL, VA(es256->private_jwk)), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, NULL, 10), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(NULL, VA(es256->spki_pem), NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, NULL, 10, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(es256->spki_pem), NULL, 3), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwt_key_set_add_private_pem(NULL, VA(es256_pem->pkcs8_pem), NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, NULL, 10, NULL, 0), JETON_ERR_NULL_POINTER);
    CHECK(huge_refused(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)es256->public_jwk.s, SIZE_MAX)));
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, (const uint8_t *)&keys + 8, 100), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, (const uint8_t *)&keys + 8, 100), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, (const uint8_t *)&keys + 8, 100, NULL, 0), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(es256->spki_pem), (const uint8_t *)&keys, 2),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, (const uint8_t *)&keys + 8, 100, NULL, 0),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, VA(es256_pem->pkcs8_pem), (const uint8_t *)&keys, 2),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK(keys_unchanged(&keys, &before));
    /* Cleared: every function refuses the set. */
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_jwk(&keys, VA(es256->public_jwk)), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&keys, VA(es256->private_jwk)), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwt_key_set_add_pem(&keys, VA(es256->spki_pem), NULL, 0), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&keys, VA(es256_pem->pkcs8_pem), NULL, 0), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwt_key_set_key_info(&keys, 0, &info), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwt_key_set_thumbprint(&keys, 0, out, sizeof out, &n), JETON_ERR_NOT_INITIALIZED);
}

/* Signing with private keys (JWK and PEM) through jeton_jwt_encode, the
 * tokens verified with the public JWK and PEM of the same key (and
 * refused by another key). */
static void test_jwt_asym_sign(void) {
    static const char *const signers[] = {"es256", "es384", "ed25519", "es256-nokid", "ed25519-nokid"};
    /* A key that must refuse each signer's tokens, and how: another
     * P-256 key with its own kid (a kid no key carries leaves only the
     * keys without one: none), a P-256 key for ES384 (no key of the
     * algorithm), a kid-less Ed25519 key (the kid is a hint: tried, and
     * the signature does not match). */
    static const char *const others[] = {"attacker-es256", "es256", "ed25519-nokid", "attacker-es256", "ed25519"};
    static const jeton_status refusals[] = {JETON_ERR_JWT_KEY_NOT_FOUND, JETON_ERR_JWT_ALG_MISMATCH,
                                            JETON_ERR_JWT_SIGNATURE_MISMATCH, JETON_ERR_JWT_SIGNATURE_MISMATCH,
                                            JETON_ERR_JWT_SIGNATURE_MISMATCH};
    static jeton_jwt_key_set signing, verifying, other;
    jeton_jwt_header h;
    jeton_jwt_claims c;
    jeton_jwt_validation v;
    jeton_jwt_verified t;
    uint8_t token[1024], buf[1024], text[128];
    size_t i, n, used;
    int form;

    memset(&h, 0, sizeof h);
    memset(&c, 0, sizeof c);
    c.sub = jt_bytes("user-1");
    c.exp = JWT_EXP;
    c.flags = JETON_JWT_HAS_EXP;
    memset(&v, 0, sizeof v);
    v.now = JWT_NOW;
    for (i = 0; i < JT_COUNT(signers); i++) {
        const jt_asym_key *k = asym_key(signers[i]);
        const jt_asym_private_pem *p = private_pem(signers[i]);
        jeton_jwt_algorithm alg = family_algorithm(k);
        jt_context = signers[i];
        CHECK_STATUS(jeton_jwt_key_set_init(&verifying), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_jwk(&verifying, VA(k->public_jwk)), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_pem(&verifying, VA(k->spki_pem), NULL, 0), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_init(&other), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_jwk(&other, VA(asym_key(others[i])->public_jwk)), JETON_OK);
        /* From the private JWK (form 0), the PKCS#8 PEM (1), the SEC1 PEM (2). */
        for (form = 0; form < 3; form++) {
            CHECK_STATUS(jeton_jwt_key_set_init(&signing), JETON_OK);
            if (form == 0) {
                CHECK_STATUS(jeton_jwt_key_set_add_private_jwk(&signing, VA(k->private_jwk)), JETON_OK);
            } else if (form == 1) {
                CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&signing, VA(p->pkcs8_pem), VA(k->kid)), JETON_OK);
            } else if (p->sec1_pem.s != NULL) {
                CHECK_STATUS(jeton_jwt_key_set_add_private_pem(&signing, VA(p->sec1_pem), VA(k->kid)), JETON_OK);
            } else {
                continue;
            }
            n = UNTOUCHED;
            CHECK_STATUS(jeton_jwt_encode(&signing, 0, &h, &c, token, sizeof token, &n), JETON_OK);
            /* The header jeton writes: the key's alg, typ JWT, its kid. */
            CHECK_STATUS(jeton_base64_decode(token, (size_t)((uint8_t *)memchr(token, '.', n) - token),
                                             JETON_BASE64_URL_SAFE, JETON_BASE64_UNPADDED, text, sizeof text, &used),
                         JETON_OK);
            if (alg == JETON_JWT_ES256) {
                CHECK(used >= 27 && memcmp(text, "{\"alg\":\"ES256\",\"typ\":\"JWT\"", 26) == 0);
            } else if (alg == JETON_JWT_ES384) {
                CHECK(used >= 27 && memcmp(text, "{\"alg\":\"ES384\",\"typ\":\"JWT\"", 26) == 0);
            } else {
                CHECK(used >= 27 && memcmp(text, "{\"alg\":\"EdDSA\",\"typ\":\"JWT\"", 26) == 0);
            }
            CHECK((k->kid.s != NULL) == (has_text(text, used, "\"kid\":")));
            /* Verified by the public JWK (index 0, it carries the kid or
             * none has one) and refused by another key. */
            CHECK_STATUS(jeton_jwt_verify(&verifying, token, n, &v, buf, sizeof buf, &used, &t), JETON_OK);
            CHECK(t.algorithm == alg && t.key_index == 0);
            CHECK_VIEW(t.sub, "user-1");
            CHECK_STATUS(jeton_jwt_verify(&signing, token, n, &v, buf, sizeof buf, &used, &t), JETON_OK);
            CHECK_STATUS(jeton_jwt_verify(&other, token, n, &v, buf, sizeof buf, &used, &t), refusals[i]);
            CHECK_STATUS(jeton_jwt_key_set_clear(&signing), JETON_OK);
        }
        /* The PEM key alone verifies it too. */
        CHECK_STATUS(jeton_jwt_key_set_init(&signing), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_pem(&signing, VA(k->spki_pem), NULL, 0), JETON_OK);
        CHECK_STATUS(jeton_jwt_verify(&signing, token, n, &v, buf, sizeof buf, &used, &t), JETON_OK);
        /* A public key cannot sign: nothing written. */
        memset(token, 'X', sizeof token);
        n = UNTOUCHED;
        CHECK_STATUS(jeton_jwt_encode(&verifying, 0, &h, &c, token, sizeof token, &n), JETON_ERR_JWT_KEY_INVALID);
        CHECK(n == UNTOUCHED && jt_no_partial(token, sizeof token, 'X'));
        CHECK_STATUS(jeton_jwt_encode(&verifying, 1, &h, &c, token, sizeof token, &n), JETON_ERR_JWT_KEY_INVALID);
        CHECK_STATUS(jeton_jwt_key_set_clear(&verifying), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_clear(&other), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_clear(&signing), JETON_OK);
    }
    jt_context = NULL;
}

/* Peers' tokens of every asymmetric algorithm, verified with the key's
 * public JWK and with its SPKI PEM: jeton answers as jose decided (jose
 * accepts the alg "Ed25519" tokens that PyJWT cannot read; jeton too). */
static void test_jwt_asym_verify(void) {
    static const struct {
        const char *key;
        jeton_jwt_algorithm alg;
    } cases[] = {{"es256", JETON_JWT_ES256},   {"es384", JETON_JWT_ES384},   {"ed25519", JETON_JWT_EDDSA},
                 {"ed25519", JETON_JWT_ED25519}, {"rsa2048", JETON_JWT_RS256}, {"rsa2048", JETON_JWT_RS384},
                 {"rsa2048", JETON_JWT_RS512}, {"rsa2048", JETON_JWT_PS256}, {"rsa2048", JETON_JWT_PS384},
                 {"rsa2048", JETON_JWT_PS512}, {"rsa3072", JETON_JWT_PS256}, {"rsa4096", JETON_JWT_RS256}};
    static const char *const libs[] = {"jose", "pyjwt"};
    static jeton_jwt_key_set by_jwk, by_pem, fixed, hmac;
    static uint8_t buf[2048];
    static char doc[2048];
    jeton_jwt_verified t, untouched;
    jeton_jws_verified jws;
    jeton_jwt_validation v;
    size_t i, l, used;
    unsigned accepted = 0, refused = 0;

    memset(&untouched, 0x5A, sizeof untouched);
    for (i = 0; i < JT_COUNT(cases); i++) {
        const jt_asym_key *k = asym_key(cases[i].key);
        CHECK_STATUS(jeton_jwt_key_set_init(&by_jwk), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_jwk(&by_jwk, VA(k->public_jwk)), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_init(&by_pem), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_pem(&by_pem, VA(k->spki_pem), VA(k->kid)), JETON_OK);
        for (l = 0; l < 2; l++) {
            const jt_asym_token *tok;
            if (cases[i].alg == JETON_JWT_ED25519 && l == 1) continue; /* PyJWT cannot sign it */
            tok = asym_token(libs[l], cases[i].key, cases[i].alg, "minimal");
            jt_context = tok->id.s;
            CHECK(tok->jose_accepted);
            t = untouched;
            CHECK_STATUS(verify_asym(&by_jwk, tok, &t), JETON_OK);
            CHECK(t.algorithm == cases[i].alg && t.key_index == 0);
            CHECK_JT(t.kid.ptr, t.kid.len, k->kid);
            CHECK_VIEW(t.sub, "user-1");
            CHECK(t.flags == JETON_JWT_HAS_EXP && t.exp == 4102444800LL);
            CHECK_STATUS(verify_asym(&by_pem, tok, &t), JETON_OK);
            CHECK(t.algorithm == cases[i].alg && t.key_index == 0);
            /* The JWS road hands out the payload. */
            memset(&v, 0, sizeof v);
            CHECK_STATUS(jeton_jws_verify(&by_jwk, VA(tok->token), &v, buf, sizeof buf, &used, &jws), JETON_OK);
            CHECK_VIEW(jws.payload, "{\"sub\":\"user-1\",\"exp\":4102444800}");
            CHECK(jws.algorithm == cases[i].alg && jws.key_index == 0);
            /* A key restricted to another algorithm of the family does not
             * fit; neither does an HMAC key (no alg confusion). */
            CHECK_STATUS(jeton_jwt_key_set_init(&fixed), JETON_OK);
            snprintf(doc, sizeof doc, "%.*s,\"alg\":\"%s\"}", (int)k->public_jwk.n - 1, k->public_jwk.s,
                     jt_is(k->kty, "RSA") ? (cases[i].alg == JETON_JWT_RS256 ? "PS256" : "RS256")
                                          : (jt_is(k->kty, "OKP") ? (cases[i].alg == JETON_JWT_EDDSA ? "Ed25519" : "EdDSA")
                                                                  : "ES512"));
            jeton_status fixed_status = jeton_jwt_key_set_add_jwk(&fixed, (const uint8_t *)doc, strlen(doc));
            if (jt_is(k->kty, "EC")) {
                /* ES512 is no algorithm of jeton's. */
                CHECK_STATUS(fixed_status, JETON_ERR_KEY_UNSUPPORTED);
            } else {
                CHECK_STATUS(fixed_status, JETON_OK);
                t = untouched;
                CHECK_STATUS(verify_asym(&fixed, tok, &t), JETON_ERR_JWT_ALG_MISMATCH);
                CHECK(memcmp(&t, &untouched, sizeof t) == 0);
            }
            CHECK_STATUS(jeton_jwt_key_set_init(&hmac), JETON_OK);
            CHECK_STATUS(jeton_jwt_key_set_add(&hmac, JETON_JWT_HS256, VA(k->spki_pem), NULL, 0), JETON_OK);
            CHECK_STATUS(verify_asym(&hmac, tok, &t), JETON_ERR_JWT_ALG_MISMATCH);
            accepted++;
        }
    }
    /* Refusals both peers agree on: an expired token, a wrong audience. */
    for (i = 0; i < JT_COUNT(jt_asym_tokens); i++) {
        const jt_asym_token *tok = &jt_asym_tokens[i];
        const jt_jwt_shape *shape = &jt_jwt_shapes[tok->shape];
        if (tok->jose_accepted || !jt_is(jt_asym_keys[tok->key].id, "es256")) continue;
        jt_context = tok->id.s;
        CHECK(!tok->pyjwt_accepted && shape->expect != JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_init(&by_jwk), JETON_OK);
        CHECK_STATUS(jeton_jwt_key_set_add_jwk(&by_jwk, VA(jt_asym_keys[tok->key].public_jwk)), JETON_OK);
        t = untouched;
        CHECK_STATUS(verify_asym(&by_jwk, tok, &t), shape->expect);
        CHECK(memcmp(&t, &untouched, sizeof t) == 0);
        refused++;
    }
    jt_context = NULL;
    CHECK(accepted == 23 && refused == 4);
    CHECK_STATUS(jeton_jwt_key_set_clear(&by_jwk), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_clear(&by_pem), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_clear(&fixed), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_clear(&hmac), JETON_OK);
}

/* The JWK Set of asym-jwt.json named `id`. */
static const jt_asym_jwks *jwks_doc(const char *id) {
    size_t i;
    for (i = 0; i < JT_COUNT(jt_asym_jwks_sets); i++)
        if (jt_is(jt_asym_jwks_sets[i].id, id)) return &jt_asym_jwks_sets[i];
    jt_fail(__FILE__, __LINE__, "no JWK Set %s", id);
    return &jt_asym_jwks_sets[0];
}

/* jeton_jwks, jeton_jwt_key_set_add_jwks, and verification with a
 * jeton_jwks. */
static void test_jwks(void) {
    static jeton_jwks jwks;
    static jeton_jwt_key_set keys;
    static key_view before, before_jwks;
    static unsigned char raw[sizeof(jeton_jwks) + 16];
    static char doc[32768];
    static uint8_t buf[2048];
    const jt_asym_jwks *provider = jwks_doc("provider"), *no_kid = jwks_doc("no-kid"), *mixed = jwks_doc("mixed");
    const jt_asym_key *es256 = asym_key("es256");
    static const jt_str hmac_kid = {"hmac", 4};
    jeton_jwks_summary summary, untouched_summary;
    jeton_jwt_key_info info;
    jeton_jwt_validation v;
    jeton_jwt_verified t;
    jeton_jws_verified jws;
    size_t i, n, used, len;

    CHECK(sizeof jwks == JETON_JWKS_SIZE);
    CHECK(JETON_JWKS_CAPACITY == 16);
    CHECK_STATUS(jeton_jwks_init(&jwks), JETON_OK);
    CHECK_STATUS(jeton_jwks_len(&jwks, &n), JETON_OK);
    CHECK(n == 0);
    memset(&untouched_summary, 0x5A, sizeof untouched_summary);

    /* The provider's set: its signing keys and the keys that may not
     * verify, in the document's order; X25519 and kty FOO skipped. */
    summary = untouched_summary;
    CHECK_STATUS(jeton_jwks_load(&jwks, VA(provider->document), &summary), JETON_OK);
    CHECK(summary.loaded == provider->loaded && summary.skipped == provider->skipped);
    CHECK(summary.loaded == 8 && summary.skipped == 2);
    CHECK_STATUS(jeton_jwks_len(&jwks, &n), JETON_OK);
    CHECK(n == 8);
    for (i = 0; i < provider->loaded; i++) {
        memset(&info, 0x5A, sizeof info);
        CHECK_STATUS(jeton_jwks_key_info(&jwks, i, &info), JETON_OK);
        CHECK(info.algorithm == provider->keys[i].alg && info.flags == provider->keys[i].flags);
        CHECK_JT(info.kid, info.kid_len, provider->keys[i].kid);
    }
    CHECK_STATUS(jeton_jwks_key_info(&jwks, 8, &info), JETON_ERR_JWT_KEY_NOT_FOUND);
    /* Its tokens through jeton_jwt_verify_with_jwks and
     * jeton_jws_verify_with_jwks: jose's verdict unless jeton deviates. */
    memset(&v, 0, sizeof v);
    v.now = jt_asym_now;
    v.required = JETON_JWT_CLAIM_NONE;
    for (i = 0; i < provider->n_tokens; i++) {
        const jt_asym_jwks_token *tok = &provider->tokens[i];
        int expected = tok->jose_accepted != tok->deviation;
        jeton_status s;
        jt_context = tok->what.s;
        s = jeton_jwt_verify_with_jwks(&jwks, VA(tok->token), &v, buf, sizeof buf, &used, &t);
        CHECK((s == JETON_OK) == expected);
        CHECK(s != JETON_ERR_PANIC);
        if (s == JETON_OK) {
            CHECK(t.algorithm == tok->alg);
            if (tok->entry >= 0) CHECK(provider->keys[t.key_index].entry == tok->entry);
            CHECK_VIEW(t.sub, "user-1");
        }
        CHECK_STATUS(jeton_jws_verify_with_jwks(&jwks, VA(tok->token), &v, buf, sizeof buf, &used, &jws), s);
        if (s == JETON_OK) CHECK(jws.key_index == t.key_index && jws.algorithm == t.algorithm);
    }
    jt_context = NULL;
    /* Buffer too small; NULL; overlap with the set. */
    n = UNTOUCHED;
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, buf, 10, &n, &t),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK(n != UNTOUCHED && n > 10 && n < provider->tokens[0].token.n);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, buf, n, &used, &t), JETON_OK);
    CHECK(used == n);
    CHECK_STATUS(jeton_jws_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, buf, 10, &n, &jws),
                 JETON_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(NULL, VA(provider->tokens[0].token), &v, buf, sizeof buf, &used, &t),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, NULL, 5, &v, buf, sizeof buf, &used, &t), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(provider->tokens[0].token), NULL, buf, sizeof buf, &used, &t),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, NULL, 8, &used, &t),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, buf, sizeof buf, NULL, &t),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, buf, sizeof buf, &used, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, (uint8_t *)&jwks + 1024, 2048,
                                            &used, &t),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jws_verify_with_jwks(NULL, VA(provider->tokens[0].token), &v, buf, sizeof buf, &used, &jws),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jws_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, buf, sizeof buf, &used, NULL),
                 JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jws_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, (uint8_t *)&jwks + 1024, 2048,
                                            &used, &jws),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    v.flags = 1u << 7;
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, buf, sizeof buf, &used, &t),
                 JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jws_verify_with_jwks(&jwks, VA(provider->tokens[0].token), &v, buf, sizeof buf, &used, &jws),
                 JETON_ERR_INVALID_ARGUMENT);
    v.flags = 0;

    /* Loading again replaces the keys whole; a refused document (any
     * fault but a key jeton does not use) leaves them, and the summary. */
    summary = untouched_summary;
    CHECK_STATUS(jeton_jwks_load(&jwks, VA(mixed->document), &summary), JETON_OK);
    CHECK(summary.loaded == 1 && summary.skipped == 5);
    CHECK_STATUS(jeton_jwks_len(&jwks, &n), JETON_OK);
    CHECK(n == 1);
    CHECK_STATUS(jeton_jwks_load(&jwks, VA(no_kid->document), NULL), JETON_OK);
    CHECK_STATUS(jeton_jwks_len(&jwks, &n), JETON_OK);
    CHECK(n == 3);
    view_jwks(&jwks, &before_jwks);
    for (i = 0; i < JT_COUNT(jt_asym_jwks_sets); i++) {
        const jt_asym_jwks *set = &jt_asym_jwks_sets[i];
        if (set->load == JETON_OK) continue;
        jt_context = set->id.s;
        summary = untouched_summary;
        CHECK_STATUS(jeton_jwks_load(&jwks, VA(set->document), &summary), set->load);
        CHECK(memcmp(&summary, &untouched_summary, sizeof summary) == 0);
    }
    jt_context = NULL;
    CHECK_STATUS(jeton_jwks_load(&jwks, S(""), &summary), JETON_ERR_JWK_SET_INVALID);
    CHECK_STATUS(jeton_jwks_load(&jwks, S("[]"), &summary), JETON_ERR_JWK_SET_INVALID);
    CHECK_STATUS(jeton_jwks_load(&jwks, S("{\"keys\":{}}"), &summary), JETON_ERR_JWK_SET_INVALID);
    CHECK_STATUS(jeton_jwks_load(&jwks, S("{\"keys\":[1]}"), &summary), JETON_ERR_JWK_SET_INVALID);
    CHECK_STATUS(jeton_jwks_load(&jwks, S("{\"keys\":[]} x"), &summary), JETON_ERR_JWK_SET_INVALID);
    /* Capacity: sixteen usable keys fit, seventeen do not. */
    len = (size_t)snprintf(doc, sizeof doc, "{\"keys\":[");
    for (i = 0; i < JETON_JWKS_CAPACITY + 1; i++)
        len += (size_t)snprintf(doc + len, sizeof doc - len, "%s%.*s", i ? "," : "", (int)es256->public_jwk.n,
                                es256->public_jwk.s);
    len += (size_t)snprintf(doc + len, sizeof doc - len, "]}");
    CHECK(len < sizeof doc);
    CHECK_STATUS(jeton_jwks_load(&jwks, (const uint8_t *)doc, len, &summary), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK(jwks_unchanged(&jwks, &before_jwks));
    /* The 17th entry removed: "...,E]}" -> "...]}" */
    len -= es256->public_jwk.n + 3;
    memcpy(doc + len, "]}", 2);
    len += 2;
    summary = untouched_summary;
    CHECK_STATUS(jeton_jwks_load(&jwks, (const uint8_t *)doc, len, &summary), JETON_OK);
    CHECK(summary.loaded == JETON_JWKS_CAPACITY && summary.skipped == 0);
    CHECK_STATUS(jeton_jwks_key_info(&jwks, JETON_JWKS_CAPACITY - 1, &info), JETON_OK);
    CHECK_JT(info.kid, info.kid_len, es256->kid);
    CHECK_STATUS(jeton_jwks_load(&jwks, VA(no_kid->document), NULL), JETON_OK);
    view_jwks(&jwks, &before_jwks);
    /* NULL, overlap, lengths no object has. */
    CHECK_STATUS(jeton_jwks_init(NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwks_init((jeton_jwks *)jt_misaligned(raw)), JETON_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(jeton_jwks_load(NULL, VA(no_kid->document), NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwks_load(&jwks, NULL, 4, NULL), JETON_ERR_NULL_POINTER);
    CHECK(huge_refused(jeton_jwks_load(&jwks, (const uint8_t *)no_kid->document.s, SIZE_MAX, NULL)));
    CHECK_STATUS(jeton_jwks_load(&jwks, (const uint8_t *)&jwks + 100, 64, NULL), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwks_load(&jwks, VA(no_kid->document), (jeton_jwks_summary *)((uint8_t *)&jwks + 64)),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwks_len(NULL, &n), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwks_len(&jwks, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwks_key_info(NULL, 0, &info), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwks_key_info(&jwks, 0, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwks_key_info(&jwks, 3, &info), JETON_ERR_JWT_KEY_NOT_FOUND);
    /* Outputs inside the set it reads are refused, like the summary's. */
    CHECK_STATUS(jeton_jwks_key_info(&jwks, 0, (jeton_jwt_key_info *)((uint8_t *)&jwks + 64)),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwks_len(&jwks, (size_t *)((uint8_t *)&jwks + 64)), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwks_clear(NULL), JETON_ERR_NULL_POINTER);
    CHECK(jwks_unchanged(&jwks, &before_jwks));

    /* A key set takes a JWK Set's keys beside its own, all or none. */
    CHECK_STATUS(jeton_jwt_key_set_init(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add(&keys, JETON_JWT_HS256, S(JWT_KEY), S("hmac")), JETON_OK);
    view_keys(&keys, &before);
    summary = untouched_summary;
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, VA(provider->document), &summary), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK(memcmp(&summary, &untouched_summary, sizeof summary) == 0);
    CHECK(keys_unchanged(&keys, &before));
    for (i = 0; i < JT_COUNT(jt_asym_jwks_sets); i++) {
        const jt_asym_jwks *set = &jt_asym_jwks_sets[i];
        if (set->load == JETON_OK) continue;
        jt_context = set->id.s;
        CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, VA(set->document), &summary), set->load);
    }
    jt_context = NULL;
    CHECK(keys_unchanged(&keys, &before));
    summary = untouched_summary;
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, VA(no_kid->document), &summary), JETON_OK);
    CHECK(summary.loaded == 3 && summary.skipped == 0);
    check_key(&keys, 0, JETON_JWT_HS256, JETON_JWT_KEY_VERIFIES | JETON_JWT_KEY_SIGNS, hmac_kid, NULL);
    for (i = 0; i < 3; i++) {
        memset(&info, 0x5A, sizeof info);
        CHECK_STATUS(jeton_jwt_key_set_key_info(&keys, i + 1, &info), JETON_OK);
        CHECK(info.algorithm == no_kid->keys[i].alg && info.flags == no_kid->keys[i].flags && info.kid_len == 0);
    }
    view_keys(&keys, &before);
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, VA(mixed->document), NULL), JETON_ERR_CAPACITY_EXCEEDED);
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, VA(jwks_doc("empty")->document), &summary), JETON_OK);
    CHECK(summary.loaded == 0 && summary.skipped == 0);
    CHECK(keys_unchanged(&keys, &before));
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(NULL, VA(no_kid->document), NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, NULL, 4, NULL), JETON_ERR_NULL_POINTER);
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, (const uint8_t *)&keys + 100, 64, NULL), JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, VA(no_kid->document), (jeton_jwks_summary *)((uint8_t *)&keys + 64)),
                 JETON_ERR_OVERLAPPING_BUFFERS);
    CHECK(keys_unchanged(&keys, &before));
    /* The same keys verify alike from either object (the key set's
     * indexes one further: the HMAC key is first). */
    CHECK_STATUS(jeton_jwks_load(&jwks, VA(no_kid->document), NULL), JETON_OK);
    for (i = 0; i < no_kid->n_tokens; i++) {
        const jt_asym_jwks_token *tok = &no_kid->tokens[i];
        jeton_jwt_verified t2;
        jeton_status s1, s2;
        jt_context = tok->what.s;
        s1 = jeton_jwt_verify_with_jwks(&jwks, VA(tok->token), &v, buf, sizeof buf, &used, &t);
        s2 = jeton_jwt_verify(&keys, VA(tok->token), &v, buf + 1024, 1024, &used, &t2);
        CHECK_STATUS(s1, s2);
        CHECK((s1 == JETON_OK) == (tok->jose_accepted != tok->deviation));
        if (s1 == JETON_OK && s2 == JETON_OK) CHECK(t2.key_index == t.key_index + 1);
    }
    jt_context = NULL;
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
    CHECK_STATUS(jeton_jwt_key_set_add_jwks(&keys, VA(no_kid->document), NULL), JETON_ERR_NOT_INITIALIZED);

    /* Cleared: every function refuses the set; clearing twice is fine. */
    CHECK_STATUS(jeton_jwks_clear(&jwks), JETON_OK);
    CHECK_STATUS(jeton_jwks_clear(&jwks), JETON_OK);
    CHECK_STATUS(jeton_jwks_len(&jwks, &n), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwks_key_info(&jwks, 0, &info), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwks_load(&jwks, VA(no_kid->document), NULL), JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(no_kid->tokens[0].token), &v, buf, sizeof buf, &used, &t),
                 JETON_ERR_NOT_INITIALIZED);
    CHECK_STATUS(jeton_jws_verify_with_jwks(&jwks, VA(no_kid->tokens[0].token), &v, buf, sizeof buf, &used, &jws),
                 JETON_ERR_NOT_INITIALIZED);
    /* An empty set verifies nothing. */
    CHECK_STATUS(jeton_jwks_init(&jwks), JETON_OK);
    CHECK_STATUS(jeton_jwt_verify_with_jwks(&jwks, VA(no_kid->tokens[0].token), &v, buf, sizeof buf, &used, &t),
                 JETON_ERR_JWT_KEY_NOT_FOUND);
    CHECK_STATUS(jeton_jwks_clear(&jwks), JETON_OK);
}

/* Tokens made with Python's hmac, base64 and json modules (key JWT_KEY,
 * HS256) for the validation options of issue 15; header . claims: */
/* {"alg":"HS256","typ":"JWT"} . {"exp":4102444800,"iat":1999999000} */
static const char TOK_IAT_OLD[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjQxMDI0NDQ4MDAsImlhdCI6MTk5OTk5OTAwMH0.w-Ug4"
    "VP-vitETlzOZO7BaNtxAgOoYjMr9Amyk518Uok"
    ;
/* {"alg":"HS256","typ":"JWT"} . {"exp":4102444800,"iat":2000000100} */
static const char TOK_IAT_AHEAD[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjQxMDI0NDQ4MDAsImlhdCI6MjAwMDAwMDEwMH0.wEhbT"
    "QhEhDEKvBq2Ghq0KV7E8SwtU8iZeNUwUI-RY_0"
    ;
/* {"alg":"HS256"} . {"exp":4102444800} */
static const char TOK_EXP_ONLY[] =
    "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.H-C8xT6Gwgg_78k7UMhWYjXvs-wW9jH5V-Fyv1QNcTU"
    ;
/* {"alg":"HS256","crit":["http://example.com/x"],"http://example.com/x":true} . {"exp":4102444800} */
static const char TOK_CRIT_PRESENT[] =
    "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiaHR0cDovL2V4YW1wbGUuY29tL3giXSwiaHR0cDovL2V4YW1wbGUuY29tL3"
    "giOnRydWV9.eyJleHAiOjQxMDI0NDQ4MDB9.8rgUsTgisbJkgY5Qo_wypZFZ0dMo9cTFBaRqtd3CHTo"
    ;
/* {"alg":"HS256","b64":false,"crit":["b64"]} . {"exp":4102444800} */
static const char TOK_CRIT_B64[] =
    "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.eyJleHAiOjQxMDI0NDQ4MDB9.5dnexjgn"
    "lUfWkI2H_Pq2S8-zJgwfWwXEACkPUmDV7lg"
    ;
/* {"alg":"HS256","typ":"application/JWT"} . {"exp":4102444800} */
static const char TOK_TYP_MEDIA[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6ImFwcGxpY2F0aW9uL0pXVCJ9.eyJleHAiOjQxMDI0NDQ4MDB9.lYWlOrO00zoz"
    "gz7h1cy-SLBKF3Mu9RBgk2dffC6yx-E"
    ;
/* {"alg":"HS256","typ":"application/at+jwt"} . {"exp":4102444800} */
static const char TOK_TYP_AT[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6ImFwcGxpY2F0aW9uL2F0K2p3dCJ9.eyJleHAiOjQxMDI0NDQ4MDB9.-cEOsySr"
    "R5uLnz8vS5omPYSn22TYGsSAIN65THf9-Ds"
    ;
/* {"alg":"HS\u0032\u0035\u0036","typ":"JWT"} . {"exp":4102444800} */
static const char TOK_ALG_ESCAPED[] =
    "eyJhbGciOiJIU1x1MDAzMlx1MDAzNVx1MDAzNiIsInR5cCI6IkpXVCJ9.eyJleHAiOjQxMDI0NDQ4MDB9.CKN34_c4"
    "pwdEHY6-Bc-lQJHqtT2MnMXIzLyDJMOJ2UA"
    ;
/* {"alg":"n\u006fne"} . {"exp":4102444800} */
static const char TOK_ALG_NONE_ESCAPED[] =
    "eyJhbGciOiJuXHUwMDZmbmUifQ.eyJleHAiOjQxMDI0NDQ4MDB9.-eRi5AhVt9E2XAWjxti6GYMpaHaIYw4Ms3dzmP"
    "em-FI"
    ;

/* max_age, crit, JETON_JWT_REQUIRE_TYP, typ as a media type, alg
 * compared unescaped, and the claims index of jeton_jwt_verified. */
static void test_jwt_validation_options(void) {
    static jeton_jwt_key_set keys;
    jeton_jwt_validation v;
    jeton_jwt_verified t, copy, untouched;
    jeton_bytes crit[JETON_JWT_MAX_LIST + 1];
    uint8_t out[64];
    size_t i, n;
    int64_t number;

    key_set_of(&keys, NULL);
    memset(&v, 0, sizeof v);
    memset(&untouched, 0x5A, sizeof untouched);
    v.now = JWT_NOW;

    /* max_age (jose's maxTokenAge): iat required; at most max_age
     * seconds old (leeway included); not ahead of now (beyond leeway). */
    v.max_age = 1000;
    CHECK_STATUS(verify(&keys, TOK_IAT_OLD, &v, &t), JETON_OK);
    CHECK(t.iat == 1999999000 && (t.flags & JETON_JWT_HAS_IAT));
    v.max_age = 999;
    t = untouched;
    CHECK_STATUS(verify(&keys, TOK_IAT_OLD, &v, &t), JETON_ERR_JWT_TOO_OLD);
    CHECK(memcmp(&t, &untouched, sizeof t) == 0);
    v.leeway = 1;
    CHECK_STATUS(verify(&keys, TOK_IAT_OLD, &v, &t), JETON_OK);
    v.leeway = 0;
    CHECK_STATUS(verify(&keys, TOK_EXP_ONLY, &v, &t), JETON_ERR_JWT_MISSING_CLAIM);
    CHECK_STATUS(verify(&keys, TOK_IAT_AHEAD, &v, &t), JETON_ERR_JWT_NOT_YET_VALID);
    v.leeway = 100;
    CHECK_STATUS(verify(&keys, TOK_IAT_AHEAD, &v, &t), JETON_OK);
    v.leeway = 0;
    v.max_age = UINT64_MAX;
    CHECK_STATUS(verify(&keys, TOK_IAT_OLD, &v, &t), JETON_OK);
    v.max_age = 0;
    CHECK_STATUS(verify(&keys, TOK_EXP_ONLY, &v, &t), JETON_OK);
    CHECK_STATUS(verify(&keys, TOK_IAT_AHEAD, &v, &t), JETON_OK);

    /* crit: only parameters the caller understands, present in the
     * header; b64 never (RFC 7797 payloads are not JWTs). */
    CHECK_STATUS(verify(&keys, TOK_CRIT_PRESENT, &v, &t), JETON_ERR_JWT_CRIT_UNSUPPORTED);
    crit[0] = jt_bytes("urn:other");
    crit[1] = jt_bytes("http://example.com/x");
    v.crit = crit;
    v.crit_count = 1;
    CHECK_STATUS(verify(&keys, TOK_CRIT_PRESENT, &v, &t), JETON_ERR_JWT_CRIT_UNSUPPORTED);
    v.crit_count = 2;
    CHECK_STATUS(verify(&keys, TOK_CRIT_PRESENT, &v, &t), JETON_OK);
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, S("http://example.com/x"), out, sizeof out, &n),
                 JETON_ERR_JSON_WRONG_TYPE);
    /* Understood, but absent from the header (TOK_CRIT names exp). */
    crit[2] = jt_bytes("exp");
    v.crit = crit + 2;
    v.crit_count = 1;
    CHECK_STATUS(verify(&keys, TOK_CRIT, &v, &t), JETON_ERR_JWT_CRIT_UNSUPPORTED);
    crit[2] = jt_bytes("b64");
    CHECK_STATUS(verify(&keys, TOK_CRIT_B64, &v, &t), JETON_ERR_JWT_CRIT_UNSUPPORTED);
    /* A list of 1 to JETON_JWT_MAX_LIST UTF-8 strings. */
    for (i = 0; i <= JETON_JWT_MAX_LIST; i++) crit[i] = jt_bytes("http://example.com/x");
    v.crit = crit;
    v.crit_count = JETON_JWT_MAX_LIST;
    CHECK_STATUS(verify(&keys, TOK_CRIT_PRESENT, &v, &t), JETON_OK);
    v.crit_count = JETON_JWT_MAX_LIST + 1;
    CHECK_STATUS(verify(&keys, TOK_CRIT_PRESENT, &v, &t), JETON_ERR_TOO_MANY_ITEMS);
    v.crit_count = 0;
    CHECK_STATUS(verify(&keys, TOK_CRIT_PRESENT, &v, &t), JETON_ERR_INVALID_ARGUMENT);
    v.crit_count = 2;
    crit[1] = jt_bytes("\377");
    CHECK_STATUS(verify(&keys, TOK_CRIT_PRESENT, &v, &t), JETON_ERR_JSON_INVALID_UTF8);
    crit[1].ptr = NULL;
    CHECK_STATUS(verify(&keys, TOK_CRIT_PRESENT, &v, &t), JETON_ERR_NULL_POINTER);
    v.crit = NULL;
    CHECK_STATUS(verify(&keys, TOK_CRIT_PRESENT, &v, &t), JETON_ERR_INVALID_ARGUMENT);
    v.crit_count = 0;
    /* The list may not be the decoding buffer's neighbour inside it. */
    crit[0] = jt_bytes("http://example.com/x");
    v.crit = crit;
    v.crit_count = 1;
    {
        size_t used;
        CHECK_STATUS(jeton_jwt_verify(&keys, S(TOK_CRIT_PRESENT), &v, (uint8_t *)crit, sizeof crit, &used, &t),
                     JETON_ERR_OVERLAPPING_BUFFERS);
    }
    v.crit = NULL;
    v.crit_count = 0;

    /* typ compares as a media type: application/JWT is JWT. */
    CHECK_STATUS(verify(&keys, TOK_TYP_MEDIA, &v, &t), JETON_OK);
    CHECK_STATUS(verify(&keys, TOK_TYP_AT, &v, &t), JETON_ERR_JWT_TYP_INVALID);
    v.typ = jt_bytes("AT+JWT");
    CHECK_STATUS(verify(&keys, TOK_TYP_AT, &v, &t), JETON_OK);
    v.typ = jt_bytes("application/at+jwt");
    CHECK_STATUS(verify(&keys, TOK_TYP_AT, &v, &t), JETON_OK);
    CHECK_STATUS(verify(&keys, TOK_TYP_MEDIA, &v, &t), JETON_ERR_JWT_TYP_INVALID);
    /* JETON_JWT_REQUIRE_TYP: typ present, and the one expected. */
    CHECK_STATUS(verify(&keys, TOK_EXP_ONLY, &v, &t), JETON_OK);
    v.flags = JETON_JWT_REQUIRE_TYP;
    CHECK_STATUS(verify(&keys, TOK_EXP_ONLY, &v, &t), JETON_ERR_JWT_TYP_INVALID);
    CHECK_STATUS(verify(&keys, TOK_TYP_AT, &v, &t), JETON_OK);
    CHECK_STATUS(verify(&keys, TOK_TYP_MEDIA, &v, &t), JETON_ERR_JWT_TYP_INVALID);
    v.typ.ptr = NULL;
    v.typ.len = 0;
    CHECK_STATUS(verify(&keys, TOK_TYP_MEDIA, &v, &t), JETON_OK);
    CHECK_STATUS(verify(&keys, TOK_IAT_OLD, &v, &t), JETON_OK);
    CHECK_STATUS(verify(&keys, TOK_TYP_AT, &v, &t), JETON_ERR_JWT_TYP_INVALID);
    CHECK_STATUS(verify(&keys, TOK_EXP_ONLY, &v, &t), JETON_ERR_JWT_TYP_INVALID);
    v.flags = JETON_JWT_REQUIRE_TYP | JETON_JWT_ANY_TYP;
    CHECK_STATUS(verify(&keys, TOK_TYP_MEDIA, &v, &t), JETON_ERR_INVALID_ARGUMENT);
    v.flags = JETON_JWT_ANY_TYP;
    CHECK_STATUS(verify(&keys, TOK_EXP_ONLY, &v, &t), JETON_OK);
    CHECK_STATUS(verify(&keys, TOK_TYP_AT, &v, &t), JETON_OK);
    v.flags = 0;

    /* The JWS road checks the header alike (crit, REQUIRE_TYP; jeton.h
     * names only max_token_len, typ and ANY_TYP for it), and no claim:
     * max_age asks for no iat there. */
    {
        jeton_jws_verified jws;
        uint8_t jbuf[512];
        size_t used;
        crit[0] = jt_bytes("http://example.com/x");
        CHECK_STATUS(jeton_jws_verify(&keys, S(TOK_CRIT_PRESENT), &v, jbuf, sizeof jbuf, &used, &jws),
                     JETON_ERR_JWT_CRIT_UNSUPPORTED);
        v.crit = crit;
        v.crit_count = 1;
        CHECK_STATUS(jeton_jws_verify(&keys, S(TOK_CRIT_PRESENT), &v, jbuf, sizeof jbuf, &used, &jws), JETON_OK);
        v.flags = JETON_JWT_REQUIRE_TYP;
        CHECK_STATUS(jeton_jws_verify(&keys, S(TOK_CRIT_PRESENT), &v, jbuf, sizeof jbuf, &used, &jws),
                     JETON_ERR_JWT_TYP_INVALID);
        CHECK_STATUS(jeton_jws_verify(&keys, S(TOK_TYP_MEDIA), &v, jbuf, sizeof jbuf, &used, &jws), JETON_OK);
        v.flags = 0;
        v.crit = NULL;
        v.crit_count = 0;
        v.max_age = 5;
        CHECK_STATUS(jeton_jws_verify(&keys, S(TOK_EXP_ONLY), &v, jbuf, sizeof jbuf, &used, &jws), JETON_OK);
        v.max_age = 0;
    }

    /* alg is compared unescaped: "HS\u0032\u0035\u0036" is HS256, and
     * "n\u006fne" is none. */
    CHECK_STATUS(verify(&keys, TOK_ALG_ESCAPED, &v, &t), JETON_OK);
    CHECK(t.algorithm == JETON_JWT_HS256);
    CHECK_STATUS(jeton_jwt_verified_header_str(&t, S("alg"), out, sizeof out, &n), JETON_OK);
    CHECK_TEXT(out, n, "HS256");
    CHECK_STATUS(verify(&keys, TOK_ALG_NONE_ESCAPED, &v, &t), JETON_ERR_JWT_ALG_NONE);

    /* The claims index travels with the struct; a claims buffer changed
     * at its first or last byte is noticed; an index changed by the
     * caller (a breach of contract) gives wrong answers, never a crash. */
    CHECK_STATUS(verify(&keys, TOK_IAT_OLD, &v, &t), JETON_OK);
    copy = t;
    CHECK_STATUS(jeton_jwt_verified_claim_i64(&copy, S("iat"), &number), JETON_OK);
    CHECK(number == 1999999000);
    memset(copy.claims_index, 0xFF, sizeof copy.claims_index);
    CHECK(jeton_jwt_verified_claim_i64(&copy, S("iat"), &number) != JETON_ERR_PANIC);
    memset(copy.claims_index, 0x00, sizeof copy.claims_index);
    CHECK(jeton_jwt_verified_claim_i64(&copy, S("exp"), &number) != JETON_ERR_PANIC);
    for (i = 0; i < JETON_JWT_CLAIMS_INDEX_WORDS; i++) copy.claims_index[i] = (uint16_t)(i * 7919u);
    CHECK(jeton_jwt_verified_claim_str(&copy, S("exp"), out, sizeof out, &n) != JETON_ERR_PANIC);
    CHECK(jeton_jwt_verified_audience(&copy, 0, out, sizeof out, &n) != JETON_ERR_PANIC);
    {
        /* Through verify()'s static buffer: its last claims byte. */
        uint8_t *last = (uint8_t *)t.claims.ptr + t.claims.len - 1;
        CHECK(*last == '}');
        *last = ' ';
        CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("iat"), &number), JETON_ERR_JWT_PAYLOAD_INVALID);
        *last = '}';
        CHECK_STATUS(jeton_jwt_verified_claim_i64(&t, S("iat"), &number), JETON_OK);
    }
    CHECK_STATUS(jeton_jwt_key_set_clear(&keys), JETON_OK);
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
    test_jar_public_suffix();
    test_hmac_key();
    test_reused_storage();
    test_key_ring();
    test_keygrip();
    test_cookie_signature();
    test_signed_values();
    test_json();
    test_auth_basic();
    test_auth_bearer();
    test_session_ids();
    test_session_store();
    test_session_store_cap();
    test_rate_limiter();
    test_csrf();
    test_revocation_list();
    test_shared();
    test_jwt_key_set();
    test_jwt_encode();
    test_jwt_algorithm_names();
    test_jwt_verify();
    test_jwt_getters();
    test_jwt_revocation();
    test_jws();
    test_jwt_legacy_secret();
    test_jwt_key_documents();
    test_jwt_asym_sign();
    test_jwt_asym_verify();
    test_jwks();
    test_jwt_validation_options();
    printf("api: %lu checks\n", jt_checks);
}
