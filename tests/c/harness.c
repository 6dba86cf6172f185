#include "harness.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

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
