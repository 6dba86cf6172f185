/* A program built the way a C project would build against an installed
 * jeton: through pkg-config or find_package(jeton). It checks RFC 4231 test
 * case 2 and that the header matches the library. */
#include <stdio.h>
#include <string.h>

#include <jeton.h>

int main(void) {
    static const uint8_t want[4] = {0x5b, 0xdc, 0xc1, 0x46};
    static const char data[] = "what do ya want for nothing?";
    char version[32];
    jeton_hmac_key key;
    uint8_t tag[JETON_HMAC_MAX_TAG_LEN];
    size_t n = 0;
    int ok;

    snprintf(version, sizeof version, "%d.%d.%d", JETON_VERSION_MAJOR, JETON_VERSION_MINOR,
             JETON_VERSION_PATCH);
    ok = jeton_hmac_key_init(&key, JETON_HMAC_SHA256, (const uint8_t *)"Jefe", 4) == JETON_OK &&
         jeton_hmac_key_sign(&key, (const uint8_t *)data, sizeof data - 1, tag, sizeof tag, &n) == JETON_OK &&
         n == 32 && memcmp(tag, want, sizeof want) == 0 && strcmp(jeton_version(), version) == 0;
    jeton_hmac_key_clear(&key);
    printf("consumer: jeton %s %s\n", jeton_version(), ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
