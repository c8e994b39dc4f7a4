/*
 * util/arena.h - a region allocator: many allocations, one free.
 *
 * Each CLI command (and, later, each HTTP request) owns one arena: rows,
 * decoded strings and report lines come from it and go with it. A function
 * that returns variable-size data takes `struct arena *a` and says
 * "allocated from `a`". Out of memory aborts.
 */
#ifndef GB_UTIL_ARENA_H
#define GB_UTIL_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
    struct arena_block *head;
    size_t total; /* bytes handed out, for limits and tests */
};

#define ARENA_INIT {0, 0}

void *arena_alloc(struct arena *a, size_t n);  /* aligned for any type, zeroed */
char *arena_strdup(struct arena *a, const char *s); /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Grow an array held in the arena (old copy is left in place). */
void *arena_grow(struct arena *a, void *p, size_t *cap, size_t need, size_t size);
void arena_release(struct arena *a); /* frees everything; `a` is as after ARENA_INIT */

#endif
