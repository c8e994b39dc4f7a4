/*
 * fuzz/fuzz_legacy.c - libFuzzer harness for the TCVN3 / VNI converter (text/legacy.h).
 *
 * Any bytes, read as TCVN3, as VNI and through legacy_to_utf8(), must give valid NFC UTF-8
 * of at most 3 bytes a byte in, or (legacy_to_utf8 only) a refusal that says why, never a
 * crash, a leak or undefined behaviour. Detection must agree with legacy_to_utf8, and valid
 * UTF-8 must come back untouched. Run: tests/text/fuzz_legacy.sh.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/legacy.h"
#include "text/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8 and NFC (NFC checked on each NUL-free piece: utf8proc_NFC reads C strings). */
static void check_text(const char *s, size_t n, size_t in)
{
    if (n > 3 * in || s[n] != '\0' || !text_valid_utf8(s, n))
        abort();
    for (size_t i = 0; i < n;) {
        size_t k = strnlen(s + i, n - i);
        if (k) {
            utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)s + i);
            if (!nfc || strlen((const char *)nfc) != k || memcmp(nfc, s + i, k) != 0)
                abort();
            free(nfc);
        }
        i += k + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = ARENA_INIT;
    const char *s = (const char *)data;
    size_t n;
    const char *out = legacy_convert(&a, LEGACY_TCVN3, s, size, &n);
    check_text(out, n, size);
    out = legacy_convert(&a, LEGACY_VNI, s, size, &n);
    check_text(out, n, size);

    enum legacy_charset cs = legacy_detect(s, size), found;
    struct error e = ERROR_INIT;
    int rc = legacy_to_utf8(&a, s, size, "file", &out, &n, &found, &e);
    if (found != cs)
        abort();
    if (rc == ERR_OK) {
        if (cs == LEGACY_UNKNOWN)
            abort();
        if (cs == LEGACY_UTF8 && (n != size || (size && out != s)))
            abort();
        if (cs != LEGACY_UTF8) {
            check_text(out, n, size);
            if (!legacy_charset_notice(cs))
                abort();
        }
    } else if (rc != ERR_INVALID || cs != LEGACY_UNKNOWN || !e.message[0] ||
               strcmp(e.field, "file") != 0) {
        abort(); /* a refusal must be the one documented, and say what is wrong */
    }
    arena_release(&a);
    return 0;
}
