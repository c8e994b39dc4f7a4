/*
 * http/answer_cache.c - see answer_cache.h. A hash table of entries chained
 * per bucket, and one list of them in order of use (most recent first) for
 * eviction; both under one mutex.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/answer_cache.h"
#include "util/xalloc.h"

struct entry {
    struct entry *chain;       /* next in the bucket */
    struct entry *prev, *next; /* the use order; the cache's `used` is the sentinel */
    uint64_t hash;
    size_t key_len, len;
    char *key;   /* NUL-terminated */
    char *bytes;
};

struct answer_cache {
    pthread_mutex_t mu;
    struct entry **buckets;
    size_t n_buckets; /* a power of two */
    struct entry used; /* sentinel: used.next is the most recent, used.prev the least */
    size_t bytes, max_bytes;
    unsigned long entries, hits, misses;
};

static uint64_t key_hash(const char *key, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)key[i]) * 1099511628211ULL;
    return h;
}

static size_t entry_cost(const struct entry *en)
{
    return sizeof *en + en->key_len + 1 + en->len;
}

struct answer_cache *answer_cache_new(size_t max_bytes)
{
    if (!max_bytes)
        return NULL;
    struct answer_cache *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    c->n_buckets = 256;
    c->buckets = xcalloc(c->n_buckets, sizeof *c->buckets);
    c->used.next = c->used.prev = &c->used;
    c->max_bytes = max_bytes;
    return c;
}

static void entry_free(struct entry *en)
{
    free(en->key);
    free(en->bytes);
    free(en);
}

void answer_cache_free(struct answer_cache *c)
{
    if (!c)
        return;
    for (struct entry *en = c->used.next, *next; en != &c->used; en = next) {
        next = en->next;
        entry_free(en);
    }
    free(c->buckets);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static struct entry **bucket_of(struct answer_cache *c, uint64_t hash)
{
    return &c->buckets[hash & (c->n_buckets - 1)];
}

/* The link that points at the entry for (key, hash), or at the bucket's NULL end. */
static struct entry **find_link(struct answer_cache *c, const char *key, size_t key_len,
                                uint64_t hash)
{
    struct entry **link = bucket_of(c, hash);
    while (*link && !((*link)->hash == hash && (*link)->key_len == key_len &&
                      memcmp((*link)->key, key, key_len) == 0))
        link = &(*link)->chain;
    return link;
}

static void use_unlink(struct entry *en)
{
    en->prev->next = en->next;
    en->next->prev = en->prev;
}

static void use_front(struct answer_cache *c, struct entry *en)
{
    en->next = c->used.next;
    en->prev = &c->used;
    c->used.next->prev = en;
    c->used.next = en;
}

static void remove_entry(struct answer_cache *c, struct entry *en)
{
    struct entry **link = find_link(c, en->key, en->key_len, en->hash);
    *link = en->chain;
    use_unlink(en);
    c->bytes -= entry_cost(en);
    c->entries--;
    entry_free(en);
}

/* Twice the buckets when the entries outnumber them: chains stay short. */
static void grow_buckets(struct answer_cache *c)
{
    size_t n = c->n_buckets * 2;
    struct entry **b = xcalloc(n, sizeof *b);
    for (size_t i = 0; i < c->n_buckets; i++)
        for (struct entry *en = c->buckets[i], *next; en; en = next) {
            next = en->chain;
            en->chain = b[en->hash & (n - 1)];
            b[en->hash & (n - 1)] = en;
        }
    free(c->buckets);
    c->buckets = b;
    c->n_buckets = n;
}

char *answer_cache_get(struct answer_cache *c, const char *key, size_t *len)
{
    if (!c)
        return NULL;
    size_t key_len = strlen(key);
    uint64_t hash = key_hash(key, key_len);
    char *copy = NULL;
    pthread_mutex_lock(&c->mu);
    struct entry *en = *find_link(c, key, key_len, hash);
    if (en) {
        use_unlink(en);
        use_front(c, en);
        copy = xmalloc(en->len ? en->len : 1);
        memcpy(copy, en->bytes, en->len);
        *len = en->len;
        c->hits++;
    } else {
        c->misses++;
    }
    pthread_mutex_unlock(&c->mu);
    return copy;
}

bool answer_cache_put(struct answer_cache *c, const char *key, const char *bytes, size_t len)
{
    if (!c)
        return false;
    struct entry *en = xcalloc(1, sizeof *en);
    en->key_len = strlen(key);
    en->hash = key_hash(key, en->key_len);
    en->len = len;
    if (len > c->max_bytes || entry_cost(en) > c->max_bytes / ANSWER_CACHE_PART) {
        /* Not kept; nor is an older answer under the same key, which it was to replace. */
        pthread_mutex_lock(&c->mu);
        struct entry *old = *find_link(c, key, en->key_len, en->hash);
        if (old)
            remove_entry(c, old);
        pthread_mutex_unlock(&c->mu);
        free(en);
        return false;
    }
    /* Copies made outside the lock: the other threads wait only for the links. */
    en->key = xstrndup(key, en->key_len);
    en->bytes = xmalloc(len ? len : 1);
    memcpy(en->bytes, bytes, len);
    pthread_mutex_lock(&c->mu);
    struct entry *old = *find_link(c, key, en->key_len, en->hash);
    if (old)
        remove_entry(c, old);
    while (c->bytes + entry_cost(en) > c->max_bytes && c->used.prev != &c->used)
        remove_entry(c, c->used.prev);
    if (c->entries >= c->n_buckets)
        grow_buckets(c);
    struct entry **b = bucket_of(c, en->hash);
    en->chain = *b;
    *b = en;
    use_front(c, en);
    c->bytes += entry_cost(en);
    c->entries++;
    pthread_mutex_unlock(&c->mu);
    return true;
}

char *answer_cache_gzip_key(const char *key)
{
    size_t n = strlen(key);
    char *k = xmalloc(n + 6);
    memcpy(k, "gzip|", 5);
    memcpy(k + 5, key, n + 1);
    return k;
}

void answer_cache_stats(struct answer_cache *c, struct answer_cache_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    out->hits = c->hits;
    out->misses = c->misses;
    out->entries = c->entries;
    out->bytes = c->bytes;
    pthread_mutex_unlock(&c->mu);
}
