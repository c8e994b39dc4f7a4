/*
 * tests/http/test_gzip.c - which Accept-Encoding values take gzip, that what
 * gzip_compress() makes inflates back to the input, and gzip_decompress() on good and bad
 * streams.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "check.h"
#include "http/gzip.h"

static void check_accepted(void)
{
    CHECK("gzip", gzip_accepted("gzip"));
    CHECK("gzip, deflate, br", gzip_accepted("gzip, deflate, br"));
    CHECK("br, GZIP", gzip_accepted("br, GZIP"));
    CHECK("x-gzip", gzip_accepted("x-gzip"));
    CHECK("gzip;q=0.5", gzip_accepted("deflate;q=1, gzip;q=0.5"));
    CHECK("gzip ; q=0.1", gzip_accepted("gzip ; q=0.1"));
    CHECK("gzip;q=0 refuses", !gzip_accepted("gzip;q=0"));
    CHECK("gzip;q=0.0 refuses", !gzip_accepted("identity, gzip;q=0.0"));
    CHECK("NULL", !gzip_accepted(NULL));
    CHECK("empty", !gzip_accepted(""));
    CHECK("identity", !gzip_accepted("identity"));
    CHECK("deflate", !gzip_accepted("deflate"));
    CHECK("gzipped is not gzip", !gzip_accepted("gzipped"));
    CHECK("a q of gzip;q=0 does not leak to the next", gzip_accepted("gzip;q=0, x-gzip"));
}

static void check_roundtrip(void)
{
    size_t n = 200000;
    char *in = malloc(n);
    for (size_t i = 0; i < n; i++)
        in[i] = "Ủy ban nhân dân tỉnh "[i % 24] ^ (char)(i % 7 == 0);
    size_t zn = 0;
    char *z = gzip_compress(in, n, 1, &zn);
    CHECK("compressed", z != NULL && zn > 18 && zn < n / 2);
    CHECK("gzip magic", z && (unsigned char)z[0] == 0x1f && (unsigned char)z[1] == 0x8b);
    char *back = malloc(n + 1);
    z_stream s;
    memset(&s, 0, sizeof s);
    int ok = inflateInit2(&s, 15 + 16) == Z_OK;
    s.next_in = (Bytef *)z;
    s.avail_in = (uInt)zn;
    s.next_out = (Bytef *)back;
    s.avail_out = (uInt)(n + 1);
    ok = ok && inflate(&s, Z_FINISH) == Z_STREAM_END;
    CHECK("inflates", ok);
    CHECK_INT_EQ("inflated length", (long long)s.total_out, (long long)n);
    CHECK("inflated bytes", ok && memcmp(back, in, n) == 0);
    inflateEnd(&s);
    /* gzip_decompress: the same bytes back; refused over its limit, cut short, or with
     * bytes after the stream or a damaged one. */
    size_t bn = 0;
    char *dz = gzip_decompress(z, zn, n, &bn);
    CHECK("decompress", dz != NULL && bn == n && memcmp(dz, in, n) == 0);
    free(dz);
    CHECK("decompress over the limit", gzip_decompress(z, zn, n - 1, &bn) == NULL);
    CHECK("decompress cut short", gzip_decompress(z, zn / 2, n, &bn) == NULL);
    CHECK("decompress of nothing", gzip_decompress(z, 4, n, &bn) == NULL);
    char *longer = malloc(zn + 8);
    memcpy(longer, z, zn);
    memcpy(longer + zn, z + zn - 8, 8); /* a trailer again: not one whole stream */
    CHECK("decompress with bytes after", gzip_decompress(longer, zn + 8, 2 * n, &bn) == NULL);
    memcpy(longer, z, zn);
    longer[zn / 2] ^= 0x55;
    CHECK("decompress damaged", gzip_decompress(longer, zn, n, &bn) == NULL);
    free(longer);
    /* Bytes that do not shrink are not sent compressed. */
    unsigned char noise[256];
    for (int i = 0; i < 256; i++)
        noise[i] = (unsigned char)((i * 197 + 13) ^ (i >> 2));
    size_t nn;
    char *nz = gzip_compress(noise, 32, 9, &nn);
    CHECK("tiny input: NULL, not larger", nz == NULL);
    free(nz);
    free(back);
    free(z);
    free(in);
}

int main(void)
{
    check_accepted();
    check_roundtrip();
    return check_report();
}
