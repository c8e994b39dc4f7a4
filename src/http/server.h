/*
 * http/server.h - `giaoban serve`: the JSON API over HTTP.
 *
 * One process, a pool of libmicrohttpd threads, one store connection per
 * thread (a store is one connection), one arena per request. The API and
 * its rules are in router.c and api_*.c; this header is all the CLI needs.
 */
#ifndef GB_HTTP_SERVER_H
#define GB_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/day.h"
#include "util/error.h"

#define SERVER_MAX_BODY_DEFAULT ((size_t)1 << 20) /* 1 MiB: larger bodies get 413 */
#define SERVER_MAX_HEADERS (32u << 10)            /* request line + headers; beyond: 431 */
#define SERVER_THREADS_DEFAULT 4
#define SERVER_TIMEOUT_DEFAULT 30 /* seconds a connection may stay idle or trickle */
#define SERVER_DRAIN_SECONDS 20   /* how long SIGTERM waits for requests in flight */

struct server_config {
    const char *db_url;    /* as store_open() takes it */
    const char *listen;    /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one */
    size_t max_body;       /* 0: SERVER_MAX_BODY_DEFAULT */
    unsigned threads;      /* 0: SERVER_THREADS_DEFAULT */
    unsigned timeout;      /* 0: SERVER_TIMEOUT_DEFAULT */
    bool secure_cookie;    /* behind TLS: the session cookie gets Secure */
    bool trust_proxy;      /* the client address is the last of X-Forwarded-For */
    day_num today;         /* DAY_NONE: the civil day in Asia/Ho_Chi_Minh, per request */
    size_t cache_bytes;    /* memory for answers to repeated reads (answer_cache.h); 0: none */
    bool log_none;         /* no access log (default: one JSON line per request on stderr) */
    bool metrics_public;   /* /metrics for every client, not only from the loopback */
};

/*
 * Serve until SIGTERM or SIGINT, then stop accepting, let the requests in
 * flight finish (each is one transaction: it commits or rolls back), close
 * every store connection and return ERR_OK. Prints "listening on
 * http://HOST:PORT" on stdout once it accepts connections.
 *
 * Besides the API (router.c): /healthz (the process answers), /readyz (the
 * database answers: 200 {"status":"ready"}, else 503 {"status":"unavailable",
 * "code", "cause"}), /metrics (metrics.h; from the loopback only unless
 * `metrics_public`), all three without authentication; and unless `log_none`,
 * one JSON line per request on stderr (docs/DEPLOY.md says what it holds).
 * Every answer carries X-Request-Id: the client's, if short and plain, else one
 * made here.
 */
int server_run(const struct server_config *cfg, struct error *e);

#endif
