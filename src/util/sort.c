/* util/sort.c - see sort.h. */
#include "util/sort.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

bool sort_by_small_key(void **base, size_t n, size_t size, int64_t (*key)(const void *rec))
{
    if (n < 2)
        return true;
    const char *in = *base;
    int64_t lo = key(in), hi = lo;
    for (size_t i = 1; i < n; i++) {
        int64_t k = key(in + i * size);
        lo = k < lo ? k : lo;
        hi = k > hi ? k : hi;
    }
    uint64_t range = (uint64_t)hi - (uint64_t)lo + 1;
    if (range == 0 || range > (uint64_t)n * 4 + 4096)
        return false;
    size_t *start = xcalloc((size_t)range + 1, sizeof *start);
    for (size_t i = 0; i < n; i++)
        start[(uint64_t)key(in + i * size) - (uint64_t)lo + 1]++;
    for (size_t k = 1; k <= range; k++)
        start[k] += start[k - 1];
    char *out = xmalloc(n * size);
    for (size_t i = 0; i < n; i++) {
        const char *rec = in + i * size;
        memcpy(out + start[(uint64_t)key(rec) - (uint64_t)lo]++ * size, rec, size);
    }
    free(start);
    free(*base);
    *base = out;
    return true;
}
