/*
 * tests/util/test_sort.c - sort_by_small_key: the keys come out in order, records of equal
 * key in the order they went in (stability, checked against qsort on (key, position)),
 * negative and extreme keys, and the refusal of a key range far wider than the records.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/sort.h"
#include "util/xalloc.h"

struct rec {
    int64_t key;
    size_t pos; /* where it was before sorting */
    char pad[40];
};

static int64_t rec_key(const void *r)
{
    return ((const struct rec *)r)->key;
}

static int cmp_key_pos(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static void check_against_qsort(const char *what, size_t n, int64_t lo, int64_t span,
                                unsigned seed)
{
    srand(seed);
    struct rec *v = xmalloc((n ? n : 1) * sizeof *v), *ref = xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        memset(&v[i], 0, sizeof v[i]);
        v[i].key = lo + (int64_t)((uint64_t)rand() % (uint64_t)span);
        v[i].pos = i;
        snprintf(v[i].pad, sizeof v[i].pad, "bản ghi %zu", i);
    }
    memcpy(ref, v, n * sizeof *v);
    qsort(ref, n, sizeof *ref, cmp_key_pos);
    void *p = v;
    bool ok = sort_by_small_key(&p, n, sizeof *v, rec_key);
    v = p;
    if (CHECK(what, ok)) {
        size_t bad = 0;
        for (size_t i = 0; i < n; i++)
            bad += ref[i].key != v[i].key || ref[i].pos != v[i].pos ||
                   strcmp(ref[i].pad, v[i].pad) != 0;
        CHECK_INT_EQ(what, (long long)bad, 0);
    }
    free(v);
    free(ref);
}

int main(void)
{
    check_against_qsort("many equal keys", 100000, 18000, 2000, 1);
    check_against_qsort("negative keys", 5000, -300, 600, 2);
    check_against_qsort("one key", 1000, 7, 1, 3);
    check_against_qsort("every key once or so", 3000, 0, 3000, 4);
    check_against_qsort("one record", 1, INT64_MAX, 1, 5);
    check_against_qsort("none", 0, 0, 1, 6);

    /* Extreme keys: a range wider than the records allow is refused, the array untouched. */
    struct rec *w = xcalloc(3, sizeof *w);
    w[0].key = INT64_MAX;
    w[1].key = INT64_MIN;
    w[2].key = 0;
    void *p = w;
    CHECK("full int64 range refused", !sort_by_small_key(&p, 3, sizeof *w, rec_key));
    CHECK("array kept", p == w && w[0].key == INT64_MAX && w[1].key == INT64_MIN);
    w[0].key = 1000000;
    w[1].key = 0;
    CHECK("a stray key far off refused", !sort_by_small_key(&p, 3, sizeof *w, rec_key));
    w[0].key = 4000;
    CHECK("a range within reach sorted", sort_by_small_key(&p, 3, sizeof *w, rec_key));
    w = p;
    CHECK("in order", w[0].key == 0 && w[1].key == 0 && w[2].key == 4000);
    free(w);
    return check_report();
}
