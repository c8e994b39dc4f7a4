/*
 * http/metrics.c - the server's counters and their Prometheus text (metrics.h).
 *
 * The counters are fixed arrays of atomics indexed by slot, method and status, zero until
 * used (bss: pages never touched cost nothing), so counting a request is three relaxed
 * atomic additions and no lock. Only counters that are not zero are written out; the
 * histogram of a route and method appears with its first request.
 */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/http_int.h"
#include "util/error.h"

#ifndef GIAOBAN_VERSION
#define GIAOBAN_VERSION "0.1.0" /* the Makefile's VERSION */
#endif

#define MAX_ROUTES 96
#define EXTRA_SLOTS 4 /* readyz, metrics, asset, unmatched */
#define N_SLOTS (MAX_ROUTES + EXTRA_SLOTS)

static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
                                      "OPTIONS", "OTHER"};
#define N_METHODS (sizeof methods / sizeof methods[0])

/* The statuses the server gives; anything else is counted as "other". */
static const unsigned statuses[] = {200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 405, 409,
                                    412, 413, 415, 422, 428, 429, 431, 500, 502, 503, 504};
#define N_STATUSES (sizeof statuses / sizeof statuses[0] + 1)

/* Upper bounds in seconds, 1 ms to 10 s; the last bucket is +Inf. */
static const double bounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                0.25,  0.5,    1,     2.5,  5,     10};
static const char *const bound_labels[] = {"0.001", "0.0025", "0.005", "0.01", "0.025",
                                           "0.05",  "0.1",    "0.25",  "0.5",  "1",
                                           "2.5",   "5",      "10"};
#define N_BUCKETS (sizeof bounds / sizeof bounds[0] + 1)

static atomic_uint_fast64_t requests[N_SLOTS][N_METHODS][N_STATUSES];
static atomic_uint_fast64_t buckets[N_SLOTS][N_METHODS][N_BUCKETS]; /* not cumulative */
static atomic_uint_fast64_t sum_ns[N_SLOTS][N_METHODS];
static atomic_uint_fast64_t syncs_held, syncs_failed, sync_ns;
static double start_time; /* unix seconds */
static struct timespec start_mono;
static size_t n_routes;

void metrics_start(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    start_time = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
    clock_gettime(CLOCK_MONOTONIC, &start_mono);
    n_routes = 0;
    while (http_routes[n_routes].method)
        n_routes++;
    if (n_routes > MAX_ROUTES)
        BUG("metrics: %zu routes, room for %d", n_routes, MAX_ROUTES);
}

int metrics_slot_of(const char *method, const char *path)
{
    int i = router_route_index(method, path);
    return i >= 0 ? i : METRICS_UNMATCHED;
}

/* The array index of a slot. */
static size_t slot_index(int slot)
{
    if (slot >= 0 && (size_t)slot < MAX_ROUTES)
        return (size_t)slot;
    if (slot <= METRICS_READYZ && slot >= METRICS_UNMATCHED)
        return MAX_ROUTES + (size_t)(METRICS_READYZ - slot);
    return MAX_ROUTES + (size_t)(METRICS_READYZ - METRICS_UNMATCHED);
}

const char *metrics_route_label(int slot)
{
    if (slot >= 0 && (size_t)slot < n_routes)
        return http_routes[slot].pattern;
    switch (slot) {
    case METRICS_READYZ:  return "/readyz";
    case METRICS_METRICS: return "/metrics";
    case METRICS_ASSET:   return "/{asset}";
    default:              return "unmatched";
    }
}

static const char *slot_label(size_t i)
{
    return i < MAX_ROUTES ? metrics_route_label((int)i)
                          : metrics_route_label(METRICS_READYZ - (int)(i - MAX_ROUTES));
}

static size_t method_index(const char *m)
{
    for (size_t i = 0; i + 1 < N_METHODS; i++)
        if (strcmp(methods[i], m) == 0)
            return i;
    return N_METHODS - 1;
}

static size_t status_index(unsigned s)
{
    for (size_t i = 0; i + 1 < N_STATUSES; i++)
        if (statuses[i] == s)
            return i;
    return N_STATUSES - 1;
}

void metrics_request(int slot, const char *method, unsigned status, double seconds)
{
    size_t si = slot_index(slot), mi = method_index(method);
    size_t b = 0;
    while (b + 1 < N_BUCKETS && seconds > bounds[b])
        b++;
    atomic_fetch_add_explicit(&requests[si][mi][status_index(status)], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&buckets[si][mi][b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&sum_ns[si][mi], (uint_fast64_t)(seconds * 1e9),
                              memory_order_relaxed);
}

void metrics_sync_held(void)
{
    atomic_fetch_add_explicit(&syncs_held, 1, memory_order_relaxed);
}

void metrics_sync_done(double seconds, bool ok)
{
    atomic_fetch_add_explicit(&sync_ns, (uint_fast64_t)(seconds * 1e9), memory_order_relaxed);
    if (!ok)
        atomic_fetch_add_explicit(&syncs_failed, 1, memory_order_relaxed);
}

static uint_fast64_t load(atomic_uint_fast64_t *a)
{
    return atomic_load_explicit(a, memory_order_relaxed);
}

static void head(struct buf *b, const char *name, const char *type, const char *help)
{
    buf_addf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void metrics_write(struct buf *b, const struct metrics_now *now)
{
    struct timespec mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    double up = (double)(mono.tv_sec - start_mono.tv_sec) +
                (double)(mono.tv_nsec - start_mono.tv_nsec) / 1e9;
    size_t n_slots = N_SLOTS;

    head(b, "giaoban_build_info", "gauge", "The build: always 1, its facts in the labels.");
    buf_addf(b, "giaoban_build_info{version=\"%s\",backend=\"%s\",microhttpd=\"%s\"} 1\n",
             GIAOBAN_VERSION, now->backend ? now->backend : "unknown",
             now->microhttpd ? now->microhttpd : "unknown");
    head(b, "giaoban_process_start_time_seconds", "gauge",
         "When the server started, in seconds since the Unix epoch.");
    buf_addf(b, "giaoban_process_start_time_seconds %.3f\n", start_time);
    head(b, "giaoban_uptime_seconds", "gauge", "Seconds since the server started.");
    buf_addf(b, "giaoban_uptime_seconds %.3f\n", up);

    head(b, "giaoban_http_requests_total", "counter",
         "Requests answered, by route pattern, method and status.");
    for (size_t s = 0; s < n_slots; s++)
        for (size_t m = 0; m < N_METHODS; m++)
            for (size_t st = 0; st < N_STATUSES; st++) {
                uint_fast64_t v = load(&requests[s][m][st]);
                if (!v)
                    continue;
                char code[8];
                if (st + 1 < N_STATUSES)
                    snprintf(code, sizeof code, "%u", statuses[st]);
                else
                    snprintf(code, sizeof code, "other");
                buf_addf(b,
                         "giaoban_http_requests_total{route=\"%s\",method=\"%s\",status=\"%s\"}"
                         " %llu\n",
                         slot_label(s), methods[m], code, (unsigned long long)v);
            }

    head(b, "giaoban_http_request_duration_seconds", "histogram",
         "Time from a request's headers to its answer's last byte handed to the kernel.");
    for (size_t s = 0; s < n_slots; s++)
        for (size_t m = 0; m < N_METHODS; m++) {
            uint_fast64_t counts[N_BUCKETS], total = 0;
            for (size_t k = 0; k < N_BUCKETS; k++)
                total += counts[k] = load(&buckets[s][m][k]);
            if (!total)
                continue;
            const char *route = slot_label(s);
            uint_fast64_t cum = 0;
            for (size_t k = 0; k < N_BUCKETS; k++) {
                cum += counts[k];
                buf_addf(b,
                         "giaoban_http_request_duration_seconds_bucket{route=\"%s\","
                         "method=\"%s\",le=\"%s\"} %llu\n",
                         route, methods[m], k + 1 < N_BUCKETS ? bound_labels[k] : "+Inf",
                         (unsigned long long)cum);
            }
            buf_addf(b,
                     "giaoban_http_request_duration_seconds_sum{route=\"%s\",method=\"%s\"} "
                     "%.6f\n",
                     route, methods[m], (double)load(&sum_ns[s][m]) / 1e9);
            buf_addf(b,
                     "giaoban_http_request_duration_seconds_count{route=\"%s\",method=\"%s\"} "
                     "%llu\n",
                     route, methods[m], (unsigned long long)total);
        }

    head(b, "giaoban_http_requests_in_flight", "gauge", "Requests being handled now.");
    buf_addf(b, "giaoban_http_requests_in_flight %ld\n", now->in_flight);

    head(b, "giaoban_answer_cache_hits_total", "counter",
         "Reads answered from the answer cache.");
    buf_addf(b, "giaoban_answer_cache_hits_total %lu\n", now->cache_hits);
    head(b, "giaoban_answer_cache_misses_total", "counter",
         "Reads looked up in the answer cache and not found there.");
    buf_addf(b, "giaoban_answer_cache_misses_total %lu\n", now->cache_misses);
    head(b, "giaoban_answer_cache_entries", "gauge", "Answers kept in the answer cache.");
    buf_addf(b, "giaoban_answer_cache_entries %lu\n", now->cache_entries);
    head(b, "giaoban_answer_cache_bytes", "gauge", "Bytes the answer cache holds.");
    buf_addf(b, "giaoban_answer_cache_bytes %zu\n", now->cache_bytes);
    head(b, "giaoban_answer_cache_max_bytes", "gauge", "The answer cache's limit (--cache).");
    buf_addf(b, "giaoban_answer_cache_max_bytes %zu\n", now->cache_max_bytes);

    head(b, "giaoban_sync_waiting", "gauge",
         "Write answers held until their commit is on disk (deferred sync).");
    buf_addf(b, "giaoban_sync_waiting %ld\n", now->syncs_awaited);
    head(b, "giaoban_sync_held_total", "counter",
         "Write answers that were held for their sync.");
    buf_addf(b, "giaoban_sync_held_total %llu\n", (unsigned long long)load(&syncs_held));
    head(b, "giaoban_sync_failed_total", "counter",
         "Held writes whose sync failed (answered 500).");
    buf_addf(b, "giaoban_sync_failed_total %llu\n", (unsigned long long)load(&syncs_failed));
    head(b, "giaoban_sync_wait_seconds_total", "counter",
         "Seconds held write answers waited for their sync, summed.");
    buf_addf(b, "giaoban_sync_wait_seconds_total %.6f\n", (double)load(&sync_ns) / 1e9);
}
