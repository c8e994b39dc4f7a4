/*
 * tests/http/test_answer_cache.c - answer_cache: no cache at all (max 0) behaves as an empty
 * one; what is put comes back as an identical, fresh copy (embedded NULs, empty answers, long
 * keys differing at the end, replacement); hits and misses are counted; the byte bound (no
 * answer over max/ANSWER_CACHE_PART, never more than max_bytes, least recently used leaves
 * first); many entries; and four threads hammering one small cache, every hit exactly its
 * key's answer.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "http/answer_cache.h"
#include "util/xalloc.h"

/* The answer for key number i: its length and its bytes follow from i alone (NULs included). */
static size_t answer_len(unsigned i, size_t span)
{
    return (size_t)((i * 2654435761u) >> 7) % span;
}

static void answer_fill(unsigned i, char *out, size_t len)
{
    for (size_t j = 0; j < len; j++)
        out[j] = (char)(unsigned char)(i * 131u + j * 7u + (j >> 3));
}

/* 1 when `got` (len `got_len`) is exactly the answer of key i. */
static int answer_is(unsigned i, size_t span, const char *got, size_t got_len)
{
    size_t len = answer_len(i, span);
    if (!got || got_len != len)
        return 0;
    for (size_t j = 0; j < len; j++)
        if (got[j] != (char)(unsigned char)(i * 131u + j * 7u + (j >> 3)))
            return 0;
    return 1;
}

static void check_no_cache(void)
{
    struct answer_cache *c = answer_cache_new(0);
    CHECK("max 0 gives no cache", c == NULL);
    CHECK("put on no cache keeps nothing", !answer_cache_put(c, "k", "abc", 3));
    size_t len = 12345;
    CHECK("get on no cache is NULL", answer_cache_get(c, "k", &len) == NULL);
    struct answer_cache_stats st;
    memset(&st, 0xAB, sizeof st);
    answer_cache_stats(c, &st);
    CHECK("stats of no cache all zero",
          st.hits == 0 && st.misses == 0 && st.entries == 0 && st.bytes == 0);
    answer_cache_free(c);
    answer_cache_free(NULL);
}

static void check_put_get(void)
{
    struct answer_cache *c = answer_cache_new(1 << 20);
    if (!CHECK("cache made", c != NULL))
        return;
    struct answer_cache_stats st;

    size_t len = 999;
    CHECK("miss on empty cache", answer_cache_get(c, "nothing", &len) == NULL);

    const char bin[] = {'a', 0, 'b', 0, 0, (char)0xFF, 'z'};
    answer_cache_put(c, "bin", bin, sizeof bin);
    len = 0;
    char *got = answer_cache_get(c, "bin", &len);
    CHECK_INT_EQ("embedded NUL: length", len, sizeof bin);
    CHECK("embedded NUL: bytes", got && memcmp(got, bin, sizeof bin) == 0);

    /* The copy is the caller's: changing it leaves the cached answer alone. */
    if (got) {
        memset(got, 'X', len);
        free(got);
    }
    len = 0;
    got = answer_cache_get(c, "bin", &len);
    char *got2 = answer_cache_get(c, "bin", &len);
    CHECK("after changing a copy, the next get is intact",
          got && len == sizeof bin && memcmp(got, bin, sizeof bin) == 0);
    CHECK("two gets give two copies", got && got2 && got != got2);
    free(got);
    free(got2);

    /* The caller's buffer given to put is copied too. */
    char src[16];
    memcpy(src, "hello, world!!!", 16);
    answer_cache_put(c, "src", src, 16);
    memset(src, 0, sizeof src);
    got = answer_cache_get(c, "src", &len);
    CHECK("put copies the bytes", got && len == 16 && memcmp(got, "hello, world!!!", 16) == 0);
    free(got);

    answer_cache_put(c, "empty", "", 0);
    len = 77;
    got = answer_cache_get(c, "empty", &len);
    CHECK("zero-length answer is a hit, not NULL", got != NULL);
    CHECK_INT_EQ("zero-length answer: length 0", len, 0);
    free(got);

    answer_cache_put(c, "", "for the empty key", 17);
    got = answer_cache_get(c, "", &len);
    CHECK("empty key works", got && len == 17 && memcmp(got, "for the empty key", 17) == 0);
    free(got);

    /* Long keys that differ only in the last character. */
    char ka[301], kb[301];
    memset(ka, 'q', 300);
    ka[300] = 0;
    memcpy(kb, ka, sizeof kb);
    ka[299] = 'A';
    kb[299] = 'B';
    answer_cache_put(c, ka, "answer A", 8);
    answer_cache_put(c, kb, "answer B!", 9);
    got = answer_cache_get(c, ka, &len);
    CHECK("late-differing key A", got && len == 8 && memcmp(got, "answer A", 8) == 0);
    free(got);
    got = answer_cache_get(c, kb, &len);
    CHECK("late-differing key B", got && len == 9 && memcmp(got, "answer B!", 9) == 0);
    free(got);
    ka[299] = 'C';
    CHECK("a third late-differing key misses", answer_cache_get(c, ka, &len) == NULL);
    ka[299] = 0; /* a prefix of both */
    CHECK("a prefix key misses", answer_cache_get(c, ka, &len) == NULL);
    answer_cache_free(c);

    /* Replacement: same key, the new bytes; one entry; the bytes follow the new size. */
    c = answer_cache_new(1 << 20);
    answer_cache_put(c, "same", "first", 5);
    answer_cache_stats(c, &st);
    size_t one = st.bytes;
    CHECK("one entry costs more than its key and bytes", one > 5 + 5);
    for (int i = 0; i < 1000; i++)
        answer_cache_put(c, "same", "first", 5);
    answer_cache_stats(c, &st);
    CHECK_INT_EQ("1000 puts of the same: entries 1", st.entries, 1);
    CHECK_INT_EQ("1000 puts of the same: bytes unchanged", st.bytes, one);
    answer_cache_put(c, "same", "second answer", 13);
    got = answer_cache_get(c, "same", &len);
    CHECK("replacement gives the new bytes",
          got && len == 13 && memcmp(got, "second answer", 13) == 0);
    free(got);
    answer_cache_stats(c, &st);
    CHECK_INT_EQ("replacement: entries 1", st.entries, 1);
    CHECK_INT_EQ("replacement: bytes grow by the difference only", st.bytes, one + 8);
    answer_cache_put(c, "same", "3", 1);
    answer_cache_stats(c, &st);
    CHECK_INT_EQ("shorter replacement: bytes shrink", st.bytes, one - 4);
    got = answer_cache_get(c, "same", &len);
    CHECK("shorter replacement gives the new byte", got && len == 1 && got[0] == '3');
    free(got);
    answer_cache_free(c);
}

static void check_stats(void)
{
    struct answer_cache *c = answer_cache_new(1 << 16);
    struct answer_cache_stats st;
    answer_cache_stats(c, &st);
    CHECK("fresh cache: all zero",
          st.hits == 0 && st.misses == 0 && st.entries == 0 && st.bytes == 0);
    size_t len;
    free(answer_cache_get(c, "a", &len));
    free(answer_cache_get(c, "b", &len));
    answer_cache_put(c, "a", "1", 1);
    answer_cache_put(c, "b", "22", 2);
    free(answer_cache_get(c, "a", &len));
    free(answer_cache_get(c, "a", &len));
    free(answer_cache_get(c, "b", &len));
    free(answer_cache_get(c, "c", &len));
    answer_cache_stats(c, &st);
    CHECK_INT_EQ("hits", st.hits, 3);
    CHECK_INT_EQ("misses", st.misses, 3);
    CHECK_INT_EQ("entries", st.entries, 2);
    CHECK("bytes counted", st.bytes > 3 + 4);
    answer_cache_free(c);
}

static void check_bound(void)
{
    enum { MAX = 64 * 1024 };
    struct answer_cache *c = answer_cache_new(MAX);
    struct answer_cache_stats st;
    size_t len;
    char *big = xmalloc(MAX);
    memset(big, 'b', MAX);

    /* Nothing over max/ANSWER_CACHE_PART of the budget is kept. */
    CHECK("put says max/part bytes are not kept",
          !answer_cache_put(c, "too big", big, MAX / ANSWER_CACHE_PART));
    CHECK("put says max bytes are not kept", !answer_cache_put(c, "far too big", big, MAX));
    CHECK("an answer of max/part bytes is not kept", answer_cache_get(c, "too big", &len) == NULL);
    CHECK("an answer of max bytes is not kept", answer_cache_get(c, "far too big", &len) == NULL);
    answer_cache_stats(c, &st);
    CHECK("refused answers cost nothing", st.entries == 0 && st.bytes == 0);
    CHECK("put says an answer well under max/part is kept",
          answer_cache_put(c, "fits", big, MAX / ANSWER_CACHE_PART - 1024));
    char *got = answer_cache_get(c, "fits", &len);
    CHECK("an answer well under max/part is kept", got && len == MAX / ANSWER_CACHE_PART - 1024);
    free(got);

    /* The exact edge, with the per-entry overhead measured from that one entry. */
    answer_cache_stats(c, &st);
    size_t overhead = st.bytes - (MAX / ANSWER_CACHE_PART - 1024) - strlen("fits") - 1;
    CHECK("per-entry overhead is modest", overhead > 0 && overhead < 512);
    size_t edge = MAX / ANSWER_CACHE_PART - overhead - strlen("edge") - 1;
    answer_cache_put(c, "edge", big, edge);
    got = answer_cache_get(c, "edge", &len);
    CHECK("an answer costing exactly max/part is kept", got && len == edge);
    free(got);
    answer_cache_put(c, "edg2", big, edge + 1);
    CHECK("one byte more is not kept", answer_cache_get(c, "edg2", &len) == NULL);
    /* A refused answer still replaces: the older one under its key is not given out again. */
    answer_cache_put(c, "edge", big, MAX / ANSWER_CACHE_PART);
    CHECK("a refused put drops the older answer under its key",
          answer_cache_get(c, "edge", &len) == NULL);
    answer_cache_stats(c, &st);
    CHECK_INT_EQ("only 'fits' is left", st.entries, 1);
    answer_cache_free(c);

    /* Least recently used leaves first. Keys "k00".."k10" (3 chars), answers of 6000 bytes: an
     * entry costs 6004 + overhead, so ten fit in 64 KiB and eleven do not for any overhead
     * under ~550 bytes (checked above). */
    c = answer_cache_new(MAX);
    char key[8];
    for (unsigned i = 0; i < 10; i++) {
        snprintf(key, sizeof key, "k%02u", i);
        big[0] = (char)i;
        answer_cache_put(c, key, big, 6000);
    }
    answer_cache_stats(c, &st);
    CHECK_INT_EQ("ten fit", st.entries, 10);
    CHECK_INT_EQ("ten cost ten times one", st.bytes, 10 * (6000 + 4 + overhead));
    got = answer_cache_get(c, "k00", &len); /* k00 is now the most recent; k01 the least */
    CHECK("k00 before the eleventh", got && len == 6000 && got[0] == 0);
    free(got);
    big[0] = 10;
    answer_cache_put(c, "k10", big, 6000);
    answer_cache_stats(c, &st);
    CHECK_INT_EQ("still ten after the eleventh", st.entries, 10);
    CHECK("bytes within the bound", st.bytes <= MAX);
    CHECK("the untouched oldest (k01) is evicted", answer_cache_get(c, "k01", &len) == NULL);
    got = answer_cache_get(c, "k00", &len);
    CHECK("the recently read k00 survives", got && len == 6000 && got[0] == 0);
    free(got);
    for (unsigned i = 2; i <= 10; i++) {
        snprintf(key, sizeof key, "k%02u", i);
        got = answer_cache_get(c, key, &len);
        CHECK(key, got && len == 6000 && got[0] == (char)i);
        free(got);
    }
    /* Order now (recent first): k10..k02, k00. A put evicts k00, the least recent. */
    answer_cache_put(c, "k11", big, 6000);
    CHECK("the next eviction takes the least recent (k00)",
          answer_cache_get(c, "k00", &len) == NULL);
    got = answer_cache_get(c, "k02", &len);
    CHECK("k02 stays", got != NULL);
    free(got);
    answer_cache_free(c);

    /* Many answers of various sizes: bytes never over the bound, the newest always there. */
    c = answer_cache_new(MAX);
    int over = 0, newest_missing = 0;
    for (unsigned i = 0; i < 3000; i++) {
        char k[32];
        snprintf(k, sizeof k, "answer/%u", i);
        size_t n = answer_len(i, MAX / 8 - 200);
        char *buf = xmalloc(n ? n : 1);
        answer_fill(i, buf, n);
        answer_cache_put(c, k, buf, n);
        free(buf);
        answer_cache_stats(c, &st);
        over += st.bytes > MAX;
        got = answer_cache_get(c, k, &len);
        newest_missing += !answer_is(i, MAX / 8 - 200, got, len);
        free(got);
    }
    CHECK_INT_EQ("bytes never over max", over, 0);
    CHECK_INT_EQ("the answer just put is always there", newest_missing, 0);
    answer_cache_stats(c, &st);
    CHECK("evictions happened", st.entries < 3000 && st.entries > 1);
    answer_cache_free(c);
    free(big);
}

static void check_many(void)
{
    enum { N = 5000, SPAN = 120 };
    struct answer_cache *c = answer_cache_new((size_t)64 << 20);
    char k[48], buf[SPAN];
    for (unsigned i = 0; i < N; i++) {
        snprintf(k, sizeof k, "/api/units/%u/tasks?page=1", i);
        size_t n = answer_len(i, SPAN);
        answer_fill(i, buf, n);
        answer_cache_put(c, k, buf, n);
    }
    struct answer_cache_stats st;
    answer_cache_stats(c, &st);
    CHECK_INT_EQ("5000 entries", st.entries, N);
    size_t len;
    int bad = 0;
    for (unsigned i = 0; i < N; i++) {
        snprintf(k, sizeof k, "/api/units/%u/tasks?page=1", i);
        char *got = answer_cache_get(c, k, &len);
        bad += !answer_is(i, SPAN, got, len);
        free(got);
    }
    CHECK_INT_EQ("all 5000 retrievable and right", bad, 0);
    CHECK("a key never put misses",
          answer_cache_get(c, "/api/units/5000/tasks?page=1", &len) == NULL);
    answer_cache_stats(c, &st);
    CHECK_INT_EQ("5000 hits", st.hits, N);
    CHECK_INT_EQ("one miss", st.misses, 1);
    answer_cache_free(c);
}

enum { T_THREADS = 4, T_OPS = 20000, T_KEYS = 300, T_SPAN = 700, T_MAX = 32 * 1024 };

struct worker {
    struct answer_cache *c;
    unsigned seed;
    long hits, misses, mismatches, over;
};

static void *worker_run(void *arg)
{
    struct worker *w = arg;
    uint32_t x = w->seed * 2654435761u + 1;
    char k[32], buf[T_SPAN];
    for (int op = 0; op < T_OPS; op++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsigned i = x % T_KEYS;
        snprintf(k, sizeof k, "key:%u:%u", i, i * 7919u);
        if ((x >> 16) % 3 == 0) {
            size_t n = answer_len(i, T_SPAN);
            answer_fill(i, buf, n);
            answer_cache_put(w->c, k, buf, n);
        } else {
            size_t len = 0;
            char *got = answer_cache_get(w->c, k, &len);
            if (got) {
                w->hits++;
                w->mismatches += !answer_is(i, T_SPAN, got, len);
                free(got);
            } else {
                w->misses++;
            }
        }
        if (op % 512 == 0) {
            struct answer_cache_stats st;
            answer_cache_stats(w->c, &st);
            w->over += st.bytes > T_MAX;
        }
    }
    return NULL;
}

static void check_threads(void)
{
    struct answer_cache *c = answer_cache_new(T_MAX);
    struct worker w[T_THREADS];
    pthread_t th[T_THREADS];
    int started = 0;
    for (int t = 0; t < T_THREADS; t++) {
        memset(&w[t], 0, sizeof w[t]);
        w[t].c = c;
        w[t].seed = (unsigned)t + 1;
        if (pthread_create(&th[started], NULL, worker_run, &w[t]) == 0)
            started++;
    }
    CHECK_INT_EQ("threads started", started, T_THREADS);
    long hits = 0, misses = 0, mismatches = 0, over = 0;
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (int t = 0; t < T_THREADS; t++) {
        hits += w[t].hits;
        misses += w[t].misses;
        mismatches += w[t].mismatches;
        over += w[t].over;
    }
    CHECK_INT_EQ("threads: every hit is its key's answer", mismatches, 0);
    CHECK_INT_EQ("threads: bytes never seen over max", over, 0);
    CHECK("threads: some hits and some misses (evictions)", hits > 0 && misses > 0);
    struct answer_cache_stats st;
    answer_cache_stats(c, &st);
    CHECK("threads: bytes within max at the end", st.bytes <= T_MAX);
    CHECK("threads: the budget forced evictions", st.entries < T_KEYS);
    CHECK_INT_EQ("threads: hits counted", st.hits, hits);
    CHECK_INT_EQ("threads: misses counted", st.misses, misses);

    /* What is left is still right. */
    int bad = 0;
    unsigned left = 0;
    for (unsigned i = 0; i < T_KEYS; i++) {
        char k[32];
        snprintf(k, sizeof k, "key:%u:%u", i, i * 7919u);
        size_t len = 0;
        char *got = answer_cache_get(c, k, &len);
        if (got) {
            left++;
            bad += !answer_is(i, T_SPAN, got, len);
            free(got);
        }
    }
    CHECK_INT_EQ("threads: leftovers right", bad, 0);
    CHECK_INT_EQ("threads: leftovers are the entries", left, st.entries);
    answer_cache_free(c);
}

int main(void)
{
    check_no_cache();
    check_put_get();
    check_stats();
    check_bound();
    check_many();
    check_threads();
    return check_report();
}
