/*
 * http/metrics.h - what `giaoban serve` counts, and /metrics, in the
 * Prometheus text exposition format (version 0.0.4).
 *
 * Each finished request is counted once (metrics_request) under its route:
 * the pattern of its line in http_routes[] ("/api/v1/tasks/{id}"), never
 * the raw path, so that ids cannot grow the label set; the server's own
 * /readyz and /metrics, the web page's files ("/{asset}") and everything
 * else ("unmatched": 404s, 405s) have a slot each. Under that, by method
 * (one of eight names) and status (a fixed list, "other" beyond it): a
 * counter and a latency histogram. Every counter is a relaxed atomic, so
 * none is lost by the server's threads counting at once; a scrape reads
 * them one by one (a request finishing meanwhile may show in its counter
 * and not yet in its histogram). One server per process: the counters are
 * the process's.
 *
 * No label holds what a client sent beyond the method's name out of a
 * fixed list: no account, token, path or query text.
 */
#ifndef GB_HTTP_METRICS_H
#define GB_HTTP_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Slots beyond the route table's lines. */
enum metrics_slot {
    METRICS_READYZ = -2,
    METRICS_METRICS = -3,
    METRICS_ASSET = -4,
    METRICS_UNMATCHED = -5,
};

/* The index of the line of http_routes[] that takes METHOD on PATH, as router_dispatch()
 * finds it, or -1 (router.c). */
int router_route_index(const char *method, const char *path);

/* Counts from now: the process's start time for giaoban_process_start_time_seconds. */
void metrics_start(void);

/* The slot of a request the router answered: its route line's index, or METRICS_UNMATCHED. */
int metrics_slot_of(const char *method, const char *path);
/* The label of a slot: the route's pattern, "/readyz", "/{asset}", "unmatched". */
const char *metrics_route_label(int slot);

/* A request finished with `status` after `seconds`. */
void metrics_request(int slot, const char *method, unsigned status, double seconds);

/* A write's answer held for its sync (deferred sync), then released after `seconds`. */
void metrics_sync_held(void);
void metrics_sync_done(double seconds, bool ok);

/* What the server knows at the moment of a scrape. */
struct metrics_now {
    long in_flight;           /* requests being handled */
    long syncs_awaited;       /* write answers waiting for their commit to be on disk */
    unsigned long cache_hits, cache_misses, cache_entries;
    size_t cache_bytes, cache_max_bytes;
    const char *backend;      /* "sqlite", "postgres", or NULL when not yet known */
    const char *microhttpd;   /* its version */
};

/* The whole exposition, appended to `b`. */
void metrics_write(struct buf *b, const struct metrics_now *now);

#define METRICS_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

#endif
