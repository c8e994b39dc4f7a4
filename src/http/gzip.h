/*
 * http/gzip.h - gzip for answers sent over slow links.
 *
 * A commune's office may reach the server over a few hundred kilobits: the
 * unit directory (3,000 units, 800 KB of JSON) or a province's summary
 * (1.6 MB) shrink to a tenth in gzip. The server compresses an answer when
 * the client says it accepts gzip and the answer is large and textual; the
 * web page's files are compressed once and kept, and so are repeated answers
 * (answer_cache.h). Pure: no I/O (zlib).
 */
#ifndef GB_HTTP_GZIP_H
#define GB_HTTP_GZIP_H

#include <stdbool.h>
#include <stddef.h>

/* Answers shorter than this are sent as they are: gzip would save too little. */
#define GZIP_MIN_BYTES 1024

/* Does an Accept-Encoding header value accept gzip (present, and not with q=0)? */
bool gzip_accepted(const char *accept_encoding);

/*
 * `n` bytes of `in` as a gzip stream at `level` (1 fastest .. 9 smallest), malloc'd, its
 * length in *out_n; NULL when zlib fails or the result would not be smaller.
 */
char *gzip_compress(const void *in, size_t n, int level, size_t *out_n);
/*
 * A gzip stream `in` of `n` bytes inflated, malloc'd, its length in *out_n; NULL when it is
 * not one whole gzip stream, or would inflate to more than `max_out` bytes. For the server's
 * own kept answers: a client that does not take gzip gets a big answer kept only in gzip.
 */
char *gzip_decompress(const void *in, size_t n, size_t max_out, size_t *out_n);

#endif
