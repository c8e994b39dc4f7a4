/*
 * util/xalloc.h - allocation that cannot fail.
 *
 * Giao Ban is an application: out of memory aborts (as git, Redis, h2o).
 * Every size that input controls is capped before it reaches these.
 */
#ifndef GB_UTIL_XALLOC_H
#define GB_UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array to hold at least `need` elements of `size`; updates *cap. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
