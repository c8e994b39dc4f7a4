/*
 * http/answer_cache.h - answers to repeated reads, kept in memory.
 *
 * A key names the question and everything its answer was computed from (the
 * caller puts the store's stamp, app_stamp(), in it), so an entry is
 * never stale: a change makes new keys, and the old entries leave by
 * eviction, least recently used first. A unit's page of tasks is asked by
 * every clerk who opens the unit's list and every time the web page redraws
 * it, and between two changes to that unit's tasks the answer is the same.
 *
 * One cache serves all the server's threads (a mutex); it holds at most
 * `max_bytes` of answers and keys, and keeps no answer that would take more
 * than a quarter of that (a province's dashboard summary is 1 MB: kept by the
 * default 8 MB; its full summary, 5.6 MB, is not, but the server keeps its
 * 740 KB gzip). Owns copies of what it is given; gives out copies.
 */
#ifndef GB_HTTP_ANSWER_CACHE_H
#define GB_HTTP_ANSWER_CACHE_H

#include <stdbool.h>
#include <stddef.h>

struct answer_cache;

#define ANSWER_CACHE_PART 4 /* no entry over max_bytes / ANSWER_CACHE_PART is kept */

/* NULL when max_bytes is 0 (no cache); the functions below take NULL as an empty cache. */
struct answer_cache *answer_cache_new(size_t max_bytes);
void answer_cache_free(struct answer_cache *c);

/* A malloc'd copy of the answer under `key` (*len its size), or NULL. */
char *answer_cache_get(struct answer_cache *c, const char *key, size_t *len);
/* Keep a copy of `bytes` under `key`, replacing an answer already there; false when it is
 * not kept (no cache, or over max_bytes / ANSWER_CACHE_PART; an older one is then dropped). */
bool answer_cache_put(struct answer_cache *c, const char *key, const char *bytes, size_t len);

/* The key an answer's gzip is kept under, beside the answer under `key` (malloc'd). The
 * server compresses an answer from the cache once and keeps it so; a client that accepts
 * gzip is then answered from it without the answer being made or copied at all. */
char *answer_cache_gzip_key(const char *key);

struct answer_cache_stats {
    unsigned long hits, misses, entries;
    size_t bytes;
};
void answer_cache_stats(struct answer_cache *c, struct answer_cache_stats *out);

#endif
