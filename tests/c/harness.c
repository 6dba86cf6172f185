#include "harness.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

#define UNTOUCHED 9999u

unsigned long jt_checks;
unsigned long jt_failures;
const char *jt_context;

void jt_fail(const char *file, int line, const char *fmt, ...) {
    va_list args;
    jt_failures++;
    fprintf(stderr, "%s:%d: ", file, line);
    if (jt_context != NULL) fprintf(stderr, "[%s] ", jt_context);
    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputc('\n', stderr);
}

int jt_mem_eq(const void *a, size_t a_len, const void *b, size_t b_len) {
    if (a_len != b_len) return 0;
    if (a_len == 0) return 1;
    if (a == NULL || b == NULL) return 0;
    return memcmp(a, b, a_len) == 0;
}

int jt_no_partial(const uint8_t *buf, size_t len, uint8_t fill) {
    size_t i;
    for (i = 0; i < len; i++)
        if (buf[i] != 0 && buf[i] != fill) return 0;
    return 1;
}

jeton_bytes jt_bytes(const char *s) {
    jeton_bytes b;
    b.ptr = (const uint8_t *)s;
    b.len = strlen(s);
    return b;
}

void *jt_misaligned(void *storage16) {
    uintptr_t p = (uintptr_t)storage16;
    p = (p + 15u) & ~(uintptr_t)15u;
    return (void *)(p + 8u);
}

/* The conventions of a function shaped (input, out, out_cap, out_len), and
 * its answer `want` for `in`. */
void jt_check_transform(const char *what, jt_transform_fn f, const char *in, size_t in_len,
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
void jt_check_transform_fails(const char *what, jt_transform_fn f, const char *in, size_t in_len,
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

