/*
 * http/gzip.c - see gzip.h. zlib's deflate with a gzip header (windowBits 15 + 16), in one
 * call: the whole answer is in memory already.
 */
#include "http/gzip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

bool gzip_accepted(const char *ae)
{
    /* Tokens separated by commas, each "coding[;q=x]"; gzip (or x-gzip) with any q but 0. */
    for (const char *p = ae; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *tok = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
            p++;
        size_t len = (size_t)(p - tok);
        bool gzip = (len == 4 && strncasecmp(tok, "gzip", 4) == 0) ||
                    (len == 6 && strncasecmp(tok, "x-gzip", 6) == 0);
        double q = 1;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == ';') {
            const char *qs = strchr(p, '=');
            const char *end = strchr(p, ',');
            if (qs && (!end || qs < end))
                q = strtod(qs + 1, NULL);
        }
        if (gzip && q > 0)
            return true;
        p = strchr(p, ',');
    }
    return false;
}

char *gzip_compress(const void *in, size_t n, int level, size_t *out_n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (n > (size_t)UINT32_MAX / 2 ||
        deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    uLong bound = deflateBound(&z, (uLong)n);
    unsigned char *out = malloc(bound);
    if (!out) {
        deflateEnd(&z);
        return NULL;
    }
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)bound;
    int rc = deflate(&z, Z_FINISH);
    size_t got = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END || got >= n) {
        free(out);
        return NULL;
    }
    *out_n = got;
    return (char *)out;
}

char *gzip_decompress(const void *in, size_t n, size_t max_out, size_t *out_n)
{
    /* The trailer's last four bytes are the length inflated (mod 2^32): one allocation. */
    if (n < 18 || n > (size_t)UINT32_MAX)
        return NULL;
    const unsigned char *t = (const unsigned char *)in + n - 4;
    size_t want = (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 | (size_t)t[3] << 24;
    if (want > max_out || want > (size_t)UINT32_MAX - 1)
        return NULL;
    unsigned char *out = malloc(want + 1);
    if (!out)
        return NULL;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK) {
        free(out);
        return NULL;
    }
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)(want + 1); /* one more: a stream longer than it says fails */
    int rc = inflate(&z, Z_FINISH);
    size_t got = z.total_out, used = z.total_in;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || got != want || used != n) {
        free(out);
        return NULL;
    }
    *out_n = got;
    return (char *)out;
}
