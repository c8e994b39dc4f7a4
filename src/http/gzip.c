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
