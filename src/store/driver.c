/*
 * store/driver.c - what both drivers share: the statement cache and the wording of a
 * database failure.
 *
 * The cache maps a statement's untranslated SQL text to the driver's prepared statement,
 * in an open-addressing table (FNV-1a hash, linear probing, at most half full), with a
 * direct-mapped table by the address of the string constant in front of it (driver.h).
 * A driver asks stmt_cache_get() first and, on a miss, prepares and stmt_cache_add()s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"
#include "util/xalloc.h"

int store_fail(struct error *e, const char *backend, const char *what, const char *detail)
{
    fprintf(stderr, "giaoban: %s: %s: %s\n", backend, what, detail ? detail : "");
    return error_set(e, ERR_STORE, "db", "Lỗi cơ sở dữ liệu (%s): %s", backend,
                     detail ? detail : "không rõ nguyên nhân");
}

static uint64_t hash_sql(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void cache_put(struct stmt_cache *c, struct stmt_cache_entry entry)
{
    size_t i = entry.hash & (c->cap - 1);
    while (c->tab[i].sql)
        i = (i + 1) & (c->cap - 1);
    c->tab[i] = entry;
    c->n++;
}

static void cache_grow(struct stmt_cache *c)
{
    struct stmt_cache_entry *old = c->tab;
    size_t old_cap = c->cap;
    c->cap = old_cap ? old_cap * 2 : 64;
    c->tab = xcalloc(c->cap, sizeof *c->tab);
    c->n = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].sql)
            cache_put(c, old[i]);
    free(old);
}

struct stmt *stmt_cache_lookup(struct stmt_cache *c, const char *sql, bool constant)
{
    if (!c->cap)
        return NULL;
    uint64_t h = hash_sql(sql);
    for (size_t i = h & (c->cap - 1); c->tab[i].sql; i = (i + 1) & (c->cap - 1)) {
        if (c->tab[i].hash == h && strcmp(c->tab[i].sql, sql) == 0) {
            if (constant)
                *stmt_by_address_slot(c, sql) = (struct stmt_by_address){sql, c->tab[i].stmt};
            return c->tab[i].stmt;
        }
    }
    return NULL;
}

const char *stmt_cache_add(struct stmt_cache *c, const char *sql, bool constant, struct stmt *st)
{
    if ((c->n + 1) * 2 > c->cap)
        cache_grow(c);
    char *key = xstrdup(sql);
    cache_put(c, (struct stmt_cache_entry){key, hash_sql(sql), st});
    if (constant)
        *stmt_by_address_slot(c, sql) = (struct stmt_by_address){sql, st};
    return key;
}

void stmt_cache_release(struct stmt_cache *c, void (*free_stmt)(struct stmt *st))
{
    for (size_t i = 0; i < c->cap; i++) {
        if (c->tab[i].sql) {
            free_stmt(c->tab[i].stmt);
            free(c->tab[i].sql);
        }
    }
    free(c->tab);
    memset(c, 0, sizeof *c);
}
