/* A small test harness for the C tests of jeton: checks count, failures
 * print where and why, and the program exits non-zero if any failed. */
#ifndef JETON_TEST_HARNESS_H
#define JETON_TEST_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jeton.h"

#ifdef __cplusplus
extern "C" {
#endif

extern unsigned long jt_checks;
extern unsigned long jt_failures;
/* What is being checked, printed with every failure (may be NULL). */
extern const char *jt_context;

void jt_fail(const char *file, int line, const char *fmt, ...);
int jt_mem_eq(const void *a, size_t a_len, const void *b, size_t b_len);
/* 1 when every byte of buf is 0 or fill: no partial result was left. */
int jt_no_partial(const uint8_t *buf, size_t len, uint8_t fill);
/* A view of a NUL-terminated string (without the NUL). */
jeton_bytes jt_bytes(const char *s);
/* 16-byte-aligned storage + 8: a misaligned object pointer. */
void *jt_misaligned(void *storage16);

#define CHECK(cond)                                                             \
    do {                                                                        \
        jt_checks++;                                                            \
        if (!(cond)) jt_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);           \
    } while (0)

#define CHECK_STATUS(expr, want)                                                \
    do {                                                                        \
        jeton_status jt_s_ = (expr);                                            \
        jt_checks++;                                                            \
        if (jt_s_ != (jeton_status)(want))                                      \
            jt_fail(__FILE__, __LINE__, "%s\n    = %d (%s), want %s", #expr,    \
                    (int)jt_s_, jeton_status_str(jt_s_), #want);                \
    } while (0)

/* The bytes (ptr, len) equal the bytes (want, want_len). */
#define CHECK_MEM(ptr, len, want, want_len)                                     \
    do {                                                                        \
        jt_checks++;                                                            \
        if (!jt_mem_eq((ptr), (len), (want), (want_len)))                       \
            jt_fail(__FILE__, __LINE__, "%s (%lu bytes: %.*s)\n    want %.*s", \
                    #ptr, (unsigned long)(len), (int)(len), (const char *)(ptr),\
                    (int)(want_len), (const char *)(want));                     \
    } while (0)

#define CHECK_TEXT(ptr, len, lit) CHECK_MEM(ptr, len, lit, sizeof(lit) - 1)
#define CHECK_VIEW(view, lit) CHECK_MEM((view).ptr, (view).len, lit, sizeof(lit) - 1)

/* A string literal as the (pointer, length) pair of an input buffer. */
#define S(lit) (const uint8_t *)(lit), (sizeof(lit) - 1)

/* A function shaped (input, out, out_cap, out_len): an encoder or decoder. */
typedef jeton_status (*jt_transform_fn)(const uint8_t *, size_t, uint8_t *, size_t, size_t *);
/* The conventions of such a function (exact fit, size query, one byte
 * short, NULL pointers, impossible lengths, overlap), and its answer `want`
 * for `in`. */
void jt_check_transform(const char *what, jt_transform_fn f, const char *in, size_t in_len,
                        const char *want, size_t want_len);
/* Such a function refusing `in` with `want`: nothing written anywhere. */
void jt_check_transform_fails(const char *what, jt_transform_fn f, const char *in, size_t in_len,
                              jeton_status want);
#define TRANSFORM(f, in, want) jt_check_transform(#f "(" #in ")", f, in, sizeof(in) - 1, want, sizeof(want) - 1)
#define TRANSFORM_FAILS(f, in, status) jt_check_transform_fails(#f "(" #in ")", f, in, sizeof(in) - 1, status)

void run_api_tests(void);
void run_vector_tests(void);
void run_oauth_tests(void);

#ifdef __cplusplus
}
#endif

#endif
