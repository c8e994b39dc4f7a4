/*
 * http/server.c - the only file that knows libmicrohttpd.
 *
 * MHD runs a pool of threads, each polling its share of the connections
 * (epoll), so a slow client costs a socket, not a thread. A request is
 * handled in the thread that read it, in three steps, as MHD's own
 * examples do: the first call sees the headers (a Content-Length over the
 * limit is answered 413 at once, before the body is read); the middle
 * calls append body chunks to a capped `struct buf`; the last call builds
 * a `struct request` in the request's arena, dispatches it (router.c) and
 * queues the answer. The completion callback frees the per-request state.
 *
 * Each pool thread opens its own store connection on first use and keeps
 * it; they are closed after MHD has stopped (and joined) its threads.
 * SIGTERM and SIGINT are taken by the main thread with sigwait(), so no
 * handler runs in a signal context: it quiesces the daemon (no new
 * connections), waits for the requests in flight, then stops.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http/answer_cache.h"
#include "http/gzip.h"
#include "http/http_int.h"
#include "http/metrics.h"
#include "store/store.h" /* open and close only: the rest goes through app/ */
#include "web/web_assets.h"
#include "util/buf.h"
#include "util/xalloc.h"

struct server {
    const struct server_config *cfg;
    size_t max_body;
    atomic_int in_flight;
    atomic_int syncs_awaited; /* answers held for their sync, connections suspended */
    atomic_bool stopping;     /* SIGTERM taken: no connection is suspended any more (MHD
                               * aborts when it is stopped with one suspended) */
    pthread_mutex_t lock; /* guards `stores` */
    struct store **stores;
    size_t n_stores, cap_stores;
    struct answer_cache *cache;
    /* Reports (/api/v1/reports/): a province's full summary takes 20 MB while it is made and
     * is 5 MB of answer until its last byte is sent, so 32 clerks asking at once would hold
     * 32 of each. At most REPORTS_AT_ONCE are made at a time, and none starts while
     * REPORT_BYTES_SENDING of answers wait to be sent; the others wait suspended, their
     * threads serving other connections, and start in the order they came. The price: two
     * clients reading 5 MB answers very slowly make the next reports wait for them (at
     * most until their connections time out). */
    pthread_mutex_t reports_lock;
    int reports_making;
    size_t reports_sending; /* bytes of report answers not yet sent */
    struct conn_state *reports_first, *reports_last; /* waiting, oldest first */
    const char *backend; /* "sqlite" or "postgres" (app_backend) */
    /* A SQLite database's file as it was at the start: /readyz says so when it is gone or
     * replaced (an open connection would go on reading and writing the removed file). */
    const char *db_path; /* NULL: not a file (PostgreSQL) */
    dev_t db_dev;
    ino_t db_ino;
};

#define REPORTS_AT_ONCE 2
#define REPORT_BYTES_SENDING ((size_t)8 << 20)

/* The store connection of this pool thread, and what app_init read from it. */
struct thread_db {
    struct store *s;
    int soon_days;
};
static _Thread_local struct thread_db tdb;

struct conn_state {
    struct buf body;
    bool early_reply; /* answered on the first call */
    bool report_turn;    /* counted in reports_making */
    size_t report_bytes; /* counted in reports_sending until on_completed */
    size_t answer_bytes; /* the answer's size as made (before gzip), for the count above */
    struct MHD_Connection *conn;       /* while waiting for a report turn or a sync */
    struct conn_state *next_waiting;
    /* A write's answer, made but held until its commit is on disk (hold_until_synced). */
    struct MHD_Response *held;
    unsigned held_status;
    bool sync_failed;
    struct server *srv;
    size_t held_len;
    struct timespec held_at;
    /* For the metrics and the access log: */
    struct timespec t0;    /* the headers came (CLOCK_MONOTONIC) */
    struct timespec wall0; /* the same, CLOCK_REALTIME: the log's ts */
    int slot;              /* metrics.h */
    unsigned status;       /* the answer queued; 0: none */
    size_t bytes;          /* its body's size as sent */
    char method[16];
    char request_id[65];
    char *account;         /* the caller's user name (malloc'd), or NULL */
};

static int thread_store(struct server *srv, struct error *e)
{
    if (tdb.s)
        return ERR_OK;
    struct store *s;
    int rc = store_open(srv->cfg->db_url, &s, e);
    if (rc)
        return rc;
    struct arena a = ARENA_INIT;
    struct app probe = {0};
    rc = app_init(&probe, s, &a, 0, NULL, e);
    arena_release(&a);
    if (rc) {
        store_close(s);
        return rc;
    }
    app_sync_defer(s, true); /* see hold_until_synced */
    tdb.s = s;
    tdb.soon_days = probe.soon_days;
    pthread_mutex_lock(&srv->lock);
    srv->stores = xgrow(srv->stores, &srv->cap_stores, srv->n_stores + 1, sizeof *srv->stores);
    srv->stores[srv->n_stores++] = s;
    pthread_mutex_unlock(&srv->lock);
    return ERR_OK;
}

/* ---- responses ---- */

/* `type` NULL: JSON. A page (the HTML report) may use its own inline styles, nothing else. */
static void common_headers(struct MHD_Response *r, const char *type)
{
    MHD_add_response_header(r, "Content-Type", type ? type : "application/json; charset=utf-8");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy",
                            type && strncmp(type, "text/html", 9) == 0
                                ? "default-src 'none'; style-src 'unsafe-inline'; "
                                  "frame-ancestors 'none'"
                                : "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
}

/* Does the client take gzip, and is an answer of this type and size worth compressing?
 * Text only: XLSX is a zip already, PDF streams are compressed. */
static bool want_gzip(struct MHD_Connection *c, const char *type, size_t n)
{
    if (n < GZIP_MIN_BYTES || (type && strncmp(type, "text/", 5) != 0 &&
                               strncmp(type, "application/json", 16) != 0))
        return false;
    return gzip_accepted(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding"));
}

/*
 * `rp`'s bytes in gzip (NULL if that failed). An answer from the cache is asked again and
 * again, by browsers that all accept gzip: its gzip is kept in the cache too, under the
 * answer's key (which holds its stamp), so each is compressed once, not per request.
 */
static char *gzip_reply(const struct reply *rp, size_t *zn)
{
    char *key = NULL, *z;
    if (rp->cache && rp->cache_key) {
        key = answer_cache_gzip_key(rp->cache_key);
        if ((z = answer_cache_get(rp->cache, key, zn))) {
            free(key);
            return z;
        }
    }
    z = gzip_compress(rp->bytes, rp->bytes_len, 1, zn);
    if (z && key)
        answer_cache_put(rp->cache, key, z, *zn);
    free(key);
    return z;
}

/* The response for `rp` (NULL: out of memory), its body handed over (*len its size); `rp`
 * is emptied. */
static struct MHD_Response *reply_response(struct MHD_Connection *c, struct reply *rp,
                                           size_t *len)
{
    struct MHD_Response *r;
    *len = 0;
    const char *type = NULL;
    bool gzipped = rp->gzipped;
    if (rp->body && !rp->bytes && !rp->raw) {
        char *text = json_dumps(rp->body, JSON_COMPACT);
        if (!text)
            BUG("json_dumps failed");
        rp->bytes = text;
        rp->bytes_len = strlen(text);
        rp->content_type = NULL;
    }
    if (rp->bytes && !gzipped && want_gzip(c, rp->content_type, rp->bytes_len)) {
        size_t zn;
        char *z = gzip_reply(rp, &zn);
        if (z) {
            free(rp->bytes);
            rp->bytes = z;
            rp->bytes_len = zn;
            gzipped = true;
        }
    }
    if (rp->bytes) {
        /* A report: the bytes become the response's, freed by MHD (with free()). */
        r = MHD_create_response_from_buffer(rp->bytes_len, rp->bytes, MHD_RESPMEM_MUST_FREE);
        if (r)
            rp->bytes = NULL;
        *len = rp->bytes_len;
        type = rp->content_type;
    } else if (rp->raw) {
        r = MHD_create_response_from_buffer(rp->raw_len, (void *)rp->raw, MHD_RESPMEM_PERSISTENT);
        type = rp->content_type;
        *len = rp->raw_len;
    } else {
        r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    if (rp->body)
        json_decref(rp->body);
    rp->body = NULL;
    if (!r) {
        free(rp->bytes);
        rp->bytes = NULL;
        return NULL;
    }
    common_headers(r, type);
    if (gzipped)
        MHD_add_response_header(r, "Content-Encoding", "gzip");
    if (rp->bytes_len >= GZIP_MIN_BYTES || gzipped)
        MHD_add_response_header(r, "Vary", "Accept-Encoding");
    if (rp->disposition)
        MHD_add_response_header(r, "Content-Disposition", rp->disposition);
    if (rp->etag[0])
        MHD_add_response_header(r, "ETag", rp->etag);
    if (rp->set_cookie)
        MHD_add_response_header(r, "Set-Cookie", rp->set_cookie);
    if (rp->retry_after > 0) {
        char ra[24];
        snprintf(ra, sizeof ra, "%d", rp->retry_after);
        MHD_add_response_header(r, "Retry-After", ra);
    }
    return r;
}

/* Every answer goes out here: its X-Request-Id, and what the log and the metrics say of it. */
static enum MHD_Result queue(struct MHD_Connection *c, struct conn_state *cs, unsigned status,
                             struct MHD_Response *r, size_t len)
{
    MHD_add_response_header(r, "X-Request-Id", cs->request_id);
    cs->status = status;
    cs->bytes = len;
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_reply(struct MHD_Connection *c, struct conn_state *cs,
                                  struct reply *rp)
{
    unsigned status = (unsigned)(rp->status ? rp->status : 200);
    size_t len;
    struct MHD_Response *r = reply_response(c, rp, &len);
    if (!r)
        return MHD_NO;
    return queue(c, cs, status, r, len);
}

/* An error answered by the server itself (403, 413, 503), outside the router. */
static enum MHD_Result send_error(struct MHD_Connection *c, struct conn_state *cs,
                                  enum err_code code, int status, const char *field,
                                  const char *msg)
{
    struct request rq = {.err_status = status};
    struct reply rp = {0};
    struct error e = ERROR_INIT;
    error_set(&e, code, field, "%s", msg);
    reply_error(&rq, &rp, &e);
    return send_reply(c, cs, &rp);
}

/* ---- requests ---- */

struct query_fill {
    struct request *rq;
    bool too_many;
};

/* With their lengths, so that a NUL inside a value (%00) is seen instead of cutting it. */
static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                 size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    struct query_fill *qf = cls;
    struct request *rq = qf->rq;
    if (rq->n_query >= HTTP_MAX_QUERY) {
        qf->too_many = true;
        return MHD_NO;
    }
    struct http_param *p = &rq->query[rq->n_query++];
    p->name = key ? arena_strndup(rq->app.a, key, key_size) : "";
    p->name_len = key ? key_size : 0;
    p->value = value ? arena_strndup(rq->app.a, value, value_size) : "";
    p->value_len = value ? value_size : 0;
    return MHD_YES;
}

static const char *header(struct request *rq, struct MHD_Connection *c, enum MHD_ValueKind kind,
                          const char *name)
{
    const char *v = MHD_lookup_connection_value(c, kind, name);
    return v ? arena_strdup(rq->app.a, v) : NULL;
}

static const char *client_address(struct request *rq, struct MHD_Connection *c, bool trust_proxy)
{
    if (trust_proxy) {
        const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
        if (xff && *xff) {
            const char *last = strrchr(xff, ',');
            last = last ? last + 1 : xff;
            while (*last == ' ')
                last++;
            if (*last && strlen(last) < 64)
                return arena_strdup(rq->app.a, last);
        }
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "?";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, text,
                      sizeof text);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, text,
                      sizeof text);
    }
    return arena_strdup(rq->app.a, text);
}

/* The web page's files in gzip, made once at the first request for any of them (level 9:
 * they are small and sent often) and kept; NULL where gzip would not help. */
struct gz_asset {
    char *data;
    size_t len;
};
static struct gz_asset *gz_assets;
static pthread_once_t gz_once = PTHREAD_ONCE_INIT;

static void gz_assets_make(void)
{
    size_t n = 0;
    while (web_assets[n].path)
        n++;
    gz_assets = xcalloc(n + 1, sizeof *gz_assets);
    for (size_t i = 0; i < n; i++)
        if (web_assets[i].len >= GZIP_MIN_BYTES)
            gz_assets[i].data = gzip_compress(web_assets[i].data, web_assets[i].len, 9,
                                              &gz_assets[i].len);
}

/* The web page (src/web/, compiled in; web/web_assets.h): GET or HEAD outside /api/. */
static enum MHD_Result send_asset(struct MHD_Connection *c, struct conn_state *cs,
                                  const struct web_asset *w)
{
    pthread_once(&gz_once, gz_assets_make);
    const struct gz_asset *gz = &gz_assets[w - web_assets];
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    bool same = inm && strcmp(inm, w->etag) == 0;
    bool zip = !same && gz->data &&
               gzip_accepted(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding"));
    const void *data = same ? "" : zip ? (const void *)gz->data : (const void *)w->data;
    size_t len = same ? 0 : zip ? gz->len : w->len;
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    if (zip)
        MHD_add_response_header(r, "Content-Encoding", "gzip");
    if (gz->data)
        MHD_add_response_header(r, "Vary", "Accept-Encoding");
    MHD_add_response_header(r, "Content-Type", w->content_type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                            "form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    MHD_add_response_header(r, "ETag", w->etag);
    cs->slot = METRICS_ASSET;
    return queue(c, cs, same ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK, r, len);
}

/* The sync thread's word on a held answer's commit (store_sync_notify). Reads what it needs
 * from `cs` before resuming: once resumed, the connection may end and free it. */
static void on_synced(void *arg, bool ok)
{
    struct conn_state *cs = arg;
    struct server *srv = cs->srv;
    cs->sync_failed = !ok;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    metrics_sync_done((double)(t.tv_sec - cs->held_at.tv_sec) +
                          (double)(t.tv_nsec - cs->held_at.tv_nsec) / 1e9,
                      ok);
    MHD_resume_connection(cs->conn);
    atomic_fetch_sub(&srv->syncs_awaited, 1);
}

/*
 * A write's answer is sent only once its commit is on disk. Waiting for the disk in the
 * handler would hold one of a few pool threads for a millisecond or more per write (task
 * creation stopped at some 1,500 a second with four threads all waiting); instead the
 * answer is made now, the connection suspended, and the sync thread resumes it when the
 * commit is covered, while this thread serves other connections and further writes join
 * the next sync.
 */
static enum MHD_Result send_held(struct MHD_Connection *c, struct conn_state *cs);

/* While stopping: this thread waits for the sync itself instead of suspending. */
struct sync_wait {
    pthread_mutex_t m;
    pthread_cond_t cv;
    bool done, ok;
};

static void on_synced_wait(void *arg, bool ok)
{
    struct sync_wait *w = arg;
    pthread_mutex_lock(&w->m);
    w->done = true;
    w->ok = ok;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->m);
}

static enum MHD_Result hold_until_synced(struct server *srv, struct MHD_Connection *c,
                                         struct conn_state *cs, struct reply *rp,
                                         uint64_t ticket)
{
    cs->held_status = (unsigned)(rp->status ? rp->status : 200);
    cs->held = reply_response(c, rp, &cs->held_len);
    if (!cs->held)
        return MHD_NO; /* no memory for the answer: the client sees the connection close */
    cs->srv = srv;
    cs->conn = c;
    cs->sync_failed = false;
    clock_gettime(CLOCK_MONOTONIC, &cs->held_at);
    metrics_sync_held();
    /* Counted before `stopping` is read, and the stopping thread sets `stopping` before it
     * reads the count (both sequentially consistent): either this thread sees it stopping,
     * or the stopping thread sees this answer held and waits for its resumption. */
    atomic_fetch_add(&srv->syncs_awaited, 1);
    if (atomic_load(&srv->stopping)) {
        struct sync_wait w = {.m = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
        app_sync_notify(ticket, on_synced_wait, &w);
        pthread_mutex_lock(&w.m);
        while (!w.done)
            pthread_cond_wait(&w.cv, &w.m);
        pthread_mutex_unlock(&w.m);
        pthread_mutex_destroy(&w.m);
        pthread_cond_destroy(&w.cv);
        cs->sync_failed = !w.ok;
        atomic_fetch_sub(&srv->syncs_awaited, 1);
        return send_held(c, cs);
    }
    MHD_suspend_connection(c);
    app_sync_notify(ticket, on_synced, cs);
    return MHD_YES; /* called again once resumed: send_held */
}

static enum MHD_Result send_held(struct MHD_Connection *c, struct conn_state *cs)
{
    struct MHD_Response *r = cs->held;
    cs->held = NULL;
    if (cs->sync_failed) {
        MHD_destroy_response(r);
        return send_error(c, cs, ERR_STORE, 500, "db",
                          "Máy chủ không ghi được xuống đĩa: thay đổi vừa rồi có thể chưa được "
                          "lưu; hãy báo quản trị hệ thống kiểm tra ổ đĩa và khởi động lại");
    }
    return queue(c, cs, cs->held_status, r, cs->held_len);
}

/* ---- watching it run: /readyz, /metrics, the access log ---- */

/*
 * /readyz: the database answers. A cheap read on this thread's connection (app_ready), and
 * for SQLite the file still the one opened at the start. The answer names the cause.
 */
static enum MHD_Result send_ready(struct server *srv, struct MHD_Connection *c,
                                  struct conn_state *cs)
{
    struct error e = ERROR_INIT;
    const char *code = "connect";
    int rc = thread_store(srv, &e);
    if (!rc) {
        struct arena a = ARENA_INIT;
        struct app ctx = {.s = tdb.s, .a = &a, .actor = "?"};
        code = "read";
        rc = app_ready(&ctx, &e);
        arena_release(&a);
    }
    struct stat sb;
    if (!rc && srv->db_path) {
        if (stat(srv->db_path, &sb) != 0) {
            code = "file_missing";
            rc = error_set(&e, ERR_STORE, "db",
                           "Tệp cơ sở dữ liệu '%s' không còn ở đó (%s): máy chủ đang dùng một tệp "
                           "đã bị xóa hoặc chuyển đi",
                           srv->db_path, strerror(errno));
        } else if (sb.st_dev != srv->db_dev || sb.st_ino != srv->db_ino) {
            code = "file_replaced";
            rc = error_set(&e, ERR_STORE, "db",
                           "Tệp cơ sở dữ liệu '%s' đã bị thay bằng tệp khác; hãy khởi động lại "
                           "máy chủ",
                           srv->db_path);
        }
    }
    struct reply rp = {0};
    if (rc) {
        rp.status = 503;
        rp.body = json_pack("{s:s,s:s,s:s,s:s}", "status", "unavailable", "code", code,
                            "cause", e.message, "backend", srv->backend);
    } else {
        rp.body = json_pack("{s:s}", "status", "ready");
    }
    if (!rp.body) /* a cause that is not UTF-8 */
        rp.body = json_pack("{s:s,s:s}", "status", "unavailable", "code", code);
    cs->slot = METRICS_READYZ;
    return send_reply(c, cs, &rp);
}

/* The client's address is the loopback (with --trust-proxy: the last X-Forwarded-For, when
 * there is one, as client_address takes it). */
static bool from_loopback(struct MHD_Connection *c, bool trust_proxy)
{
    char text[INET6_ADDRSTRLEN + 1] = "";
    const char *xff = trust_proxy
                          ? MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For")
                          : NULL;
    if (xff && *xff) {
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        while (*last == ' ')
            last++;
        snprintf(text, sizeof text, "%s", last);
        struct in_addr a4;
        struct in6_addr a6;
        if (inet_pton(AF_INET, text, &a4) == 1)
            return (ntohl(a4.s_addr) >> 24) == 127;
        if (inet_pton(AF_INET6, text, &a6) == 1)
            return IN6_IS_ADDR_LOOPBACK(&a6) ||
                   (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
        return false;
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return false;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr) >> 24) ==
               127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a6 = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a6) || (IN6_IS_ADDR_V4MAPPED(a6) && a6->s6_addr[12] == 127);
    }
    return false;
}

/* /metrics (metrics.h): from the loopback only, unless --metrics-public. */
static enum MHD_Result send_metrics(struct server *srv, struct MHD_Connection *c,
                                    struct conn_state *cs)
{
    cs->slot = METRICS_METRICS;
    if (!srv->cfg->metrics_public && !from_loopback(c, srv->cfg->trust_proxy))
        return send_error(c, cs, ERR_FORBIDDEN, 403, NULL,
                          "Chỉ đọc được /metrics từ chính máy chủ (127.0.0.1, ::1); chạy với "
                          "--metrics-public để cho phép từ nơi khác");
    struct answer_cache_stats st;
    answer_cache_stats(srv->cache, &st);
    struct metrics_now now = {.in_flight = atomic_load(&srv->in_flight),
                              .syncs_awaited = atomic_load(&srv->syncs_awaited),
                              .cache_hits = st.hits,
                              .cache_misses = st.misses,
                              .cache_entries = st.entries,
                              .cache_bytes = st.bytes,
                              .cache_max_bytes = srv->cache ? srv->cfg->cache_bytes : 0,
                              .backend = srv->backend,
                              .microhttpd = MHD_get_version()};
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    metrics_write(&b, &now);
    struct reply rp = {0};
    rp.bytes = buf_take(&b, &rp.bytes_len);
    rp.content_type = METRICS_CONTENT_TYPE;
    return send_reply(c, cs, &rp);
}

/* Request ids made here: a random prefix per process, then a counter. */
static uint32_t rid_prefix;
static atomic_uint_fast64_t rid_next;

/* The client's X-Request-Id when it is 1 to 64 of [A-Za-z0-9._-], else a new one. */
static void request_id_take(struct MHD_Connection *c, char out[65])
{
    const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Request-Id");
    size_t n = v ? strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
                 : 0;
    if (v && n >= 1 && n <= 64 && v[n] == '\0') {
        memcpy(out, v, n + 1);
        return;
    }
    unsigned long long k = (unsigned long long)atomic_fetch_add(&rid_next, 1);
    snprintf(out, 65, "%08x%08llx", rid_prefix, k & 0xffffffffull);
}

/* One line on stderr for a finished request (docs/DEPLOY.md): one write(), so that lines
 * from several threads never mix. No header, cookie, token, query or body goes in it. */
static void log_request(const struct conn_state *cs, double seconds, bool completed)
{
    struct tm tm;
    time_t secs = cs->wall0.tv_sec;
    gmtime_r(&secs, &tm);
    char ts[64];
    snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
             cs->wall0.tv_nsec / 1000000);
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addf(&b, "{\"ts\":\"%s\",\"request_id\":\"%s\",\"method\":\"", ts, cs->request_id);
    buf_add_json_str(&b, cs->method);
    buf_addf(&b, "\",\"route\":\"%s\",\"status\":%u,\"ms\":%.2f,\"account\":",
             metrics_route_label(cs->slot), cs->status, seconds * 1000);
    if (cs->account) {
        buf_addc(&b, '"');
        buf_add_json_str(&b, cs->account);
        buf_addc(&b, '"');
    } else {
        buf_adds(&b, "null");
    }
    buf_addf(&b, ",\"bytes\":%zu%s}\n", cs->bytes, completed ? "" : ",\"completed\":false");
    ssize_t w = write(STDERR_FILENO, b.data, b.len);
    (void)w;
    buf_release(&b);
}

static enum MHD_Result handle(struct server *srv, struct MHD_Connection *c, const char *url,
                              const char *method, struct conn_state *cs)
{
    const struct web_asset *w;
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (get && (w = web_asset_find(url)))
        return send_asset(c, cs, w);
    if (get && strcmp(url, "/readyz") == 0)
        return send_ready(srv, c, cs);
    if (get && strcmp(url, "/metrics") == 0)
        return send_metrics(srv, c, cs);
    struct error e = ERROR_INIT;
    if (thread_store(srv, &e))
        return send_error(c, cs, ERR_STORE, 503, "db",
                          "Không kết nối được cơ sở dữ liệu; hãy thử lại sau ít phút");
    struct arena a = ARENA_INIT;
    struct request *rq = xcalloc(1, sizeof *rq);
    time_t now = time(NULL);
    const struct server_config *cfg = srv->cfg;
    rq->app = (struct app){.s = tdb.s, .a = &a, .soon_days = tdb.soon_days, .actor = "?",
                           .today = cfg->today != DAY_NONE ? cfg->today
                                                           : day_of_instant_hcm(now)};
    rq->now = (int64_t)now;
    rq->secure = cfg->secure_cookie;
    rq->cache = srv->cache;
    rq->method = arena_strdup(&a, method);
    rq->path = arena_strdup(&a, url);
    rq->body = cs->body.data;
    rq->body_len = cs->body.len;
    rq->cookie_session = header(rq, c, MHD_COOKIE_KIND, "gb_session");
    rq->authorization = header(rq, c, MHD_HEADER_KIND, "Authorization");
    rq->csrf_header = header(rq, c, MHD_HEADER_KIND, "X-CSRF-Token");
    rq->if_match = header(rq, c, MHD_HEADER_KIND, "If-Match");
    rq->content_type = header(rq, c, MHD_HEADER_KIND, "Content-Type");
    rq->gzip_ok = gzip_accepted(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                            "Accept-Encoding"));
    rq->app.address = client_address(rq, c, cfg->trust_proxy);
    struct query_fill qf = {.rq = rq};
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, add_query, &qf);
    struct reply rp = {0};
    if (qf.too_many) {
        error_set(&e, ERR_INVALID, "query", "Quá nhiều tham số truy vấn (tối đa %d)",
                  HTTP_MAX_QUERY);
        reply_error(rq, &rp, &e);
    } else {
        router_dispatch(rq, &rp);
    }
    /* Without the access log, a 5xx is still told (with the JSON log, its line says it). */
    if (rp.status >= 500 && cfg->log_none)
        fprintf(stderr, "giaoban serve: %s %s -> %d\n", method, url, rp.status);
    if (rq->who.id && rq->who.username && !cs->account)
        cs->account = xstrdup(rq->who.username);
    cs->answer_bytes = rp.bytes ? rp.bytes_len : 0;
    uint64_t owed = app_sync_owed(tdb.s);
    enum MHD_Result ok =
        owed ? hold_until_synced(srv, c, cs, &rp, owed) : send_reply(c, cs, &rp);
    free(rq);
    arena_release(&a);
    return ok;
}

static bool report_may_start(const struct server *srv)
{
    return srv->reports_making < REPORTS_AT_ONCE && srv->reports_sending < REPORT_BYTES_SENDING;
}

/* A turn for a report request, or false after suspending it in the queue (see struct
 * server). Suspended under the lock, so that report_wake cannot resume it before. */
static bool report_turn_take(struct server *srv, struct MHD_Connection *c, struct conn_state *cs)
{
    pthread_mutex_lock(&srv->reports_lock);
    /* While stopping, nothing waits in the queue: a suspended connection would abort MHD. */
    bool now = atomic_load(&srv->stopping) || (!srv->reports_first && report_may_start(srv));
    if (now) {
        srv->reports_making++;
        cs->report_turn = true;
    } else {
        cs->conn = c;
        cs->next_waiting = NULL;
        if (srv->reports_last)
            srv->reports_last->next_waiting = cs;
        else
            srv->reports_first = cs;
        srv->reports_last = cs;
        MHD_suspend_connection(c);
    }
    pthread_mutex_unlock(&srv->reports_lock);
    return now;
}

/* Under reports_lock: give turns to the oldest waiting requests while reports may start;
 * their connections go into `out` (at most REPORTS_AT_ONCE), to resume once unlocked.
 * `all` (shutting down): every waiting request, turns or not. */
static size_t report_wake(struct server *srv, struct MHD_Connection **out, size_t max, bool all)
{
    size_t n = 0;
    while (srv->reports_first && n < max && (all || report_may_start(srv))) {
        struct conn_state *next = srv->reports_first;
        srv->reports_first = next->next_waiting;
        if (!srv->reports_first)
            srv->reports_last = NULL;
        srv->reports_making++;
        next->report_turn = true;
        out[n++] = next->conn;
    }
    return n;
}

/* A report request's answer is made (`bytes` of it to send: 0 when it was not made), or
 * its answer is sent (`sent`): count it, and start whom that lets start. */
static void report_step(struct server *srv, struct conn_state *cs, size_t bytes, bool sent)
{
    struct MHD_Connection *wake[REPORTS_AT_ONCE];
    pthread_mutex_lock(&srv->reports_lock);
    if (cs->report_turn) {
        cs->report_turn = false;
        srv->reports_making--;
        cs->report_bytes = bytes;
        srv->reports_sending += bytes;
    }
    if (sent) {
        srv->reports_sending -= cs->report_bytes;
        cs->report_bytes = 0;
    }
    size_t n = report_wake(srv, wake, REPORTS_AT_ONCE, false);
    pthread_mutex_unlock(&srv->reports_lock);
    for (size_t i = 0; i < n; i++)
        MHD_resume_connection(wake[i]);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
    (void)version;
    struct server *srv = cls;
    struct conn_state *cs = *req_cls;
    if (!cs) {
        cs = xcalloc(1, sizeof *cs);
        buf_init(&cs->body, srv->max_body);
        *req_cls = cs;
        atomic_fetch_add(&srv->in_flight, 1);
        clock_gettime(CLOCK_MONOTONIC, &cs->t0);
        clock_gettime(CLOCK_REALTIME, &cs->wall0);
        snprintf(cs->method, sizeof cs->method, "%s", method);
        cs->slot = metrics_slot_of(method, url);
        request_id_take(c, cs->request_id);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            char *end;
            unsigned long long n = strtoull(cl, &end, 10);
            if (*end || n > srv->max_body) {
                cs->early_reply = true;
                return send_error(c, cs, ERR_TOO_BIG, 413, "body",
                                  "Nội dung gửi lên quá lớn so với giới hạn của máy chủ");
            }
        }
        return MHD_YES;
    }
    if (cs->early_reply) {
        *upload_data_size = 0; /* discard: the answer is already queued */
        return MHD_YES;
    }
    if (cs->held)
        return send_held(c, cs);
    if (*upload_data_size) {
        buf_add(&cs->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (cs->body.failed)
        return send_error(c, cs, ERR_TOO_BIG, 413, "body",
                          "Nội dung gửi lên quá lớn so với giới hạn của máy chủ");
    if (strncmp(url, "/api/v1/reports/", 16) != 0)
        return handle(srv, c, url, method, cs);
    if (!cs->report_turn && !report_turn_take(srv, c, cs))
        return MHD_YES; /* called again once resumed */
    enum MHD_Result ok = handle(srv, c, url, method, cs);
    report_step(srv, cs, cs->answer_bytes, false);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c;
    struct server *srv = cls;
    struct conn_state *cs = *req_cls;
    if (!cs)
        return;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    double seconds =
        (double)(t.tv_sec - cs->t0.tv_sec) + (double)(t.tv_nsec - cs->t0.tv_nsec) / 1e9;
    metrics_request(cs->slot, cs->method, cs->status, seconds);
    if (!srv->cfg->log_none)
        log_request(cs, seconds, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK);
    free(cs->account);
    if (cs->report_turn || cs->report_bytes)
        report_step(srv, cs, 0, true);
    if (cs->held)
        MHD_destroy_response(cs->held);
    buf_release(&cs->body);
    free(cs);
    *req_cls = NULL;
    atomic_fetch_sub(&srv->in_flight, 1);
}

/* ---- listening ---- */

static int parse_listen(const char *listen, struct addrinfo **out, struct error *e)
{
    char host[256];
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || strlen(listen) >= sizeof host)
        return error_set(e, ERR_INVALID, "listen",
                         "Địa chỉ lắng nghe phải có dạng HOST:CỔNG, ví dụ 127.0.0.1:8080");
    size_t hl = (size_t)(colon - listen);
    memcpy(host, listen, hl);
    host[hl] = '\0';
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
        memmove(host, host + 1, hl - 2);
        host[hl - 2] = '\0';
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE};
    int g = getaddrinfo(host, colon + 1, &hints, out);
    if (g)
        return error_set(e, ERR_INVALID, "listen", "Không dùng được địa chỉ '%s': %s", listen,
                         gai_strerror(g));
    return ERR_OK;
}

int server_run(const struct server_config *cfg, struct error *e)
{
    struct server srv = {.cfg = cfg,
                         .max_body = cfg->max_body ? cfg->max_body : SERVER_MAX_BODY_DEFAULT};
    atomic_init(&srv.in_flight, 0);
    atomic_init(&srv.syncs_awaited, 0);
    atomic_init(&srv.stopping, false);
    pthread_mutex_init(&srv.lock, NULL);
    pthread_mutex_init(&srv.reports_lock, NULL);

    /* Open (and migrate) once before serving, so a bad URL fails here, not per request. */
    struct store *probe;
    int rc = store_open(cfg->db_url, &probe, e);
    if (rc)
        return rc;
    struct app pctx = {.s = probe};
    srv.backend = app_backend(&pctx); /* a static name */
    store_close(probe);
    struct stat sb;
    const char *path = strncmp(cfg->db_url, "sqlite:", 7) == 0 ? cfg->db_url + 7 : cfg->db_url;
    if (strcmp(srv.backend, "sqlite") == 0 && stat(path, &sb) == 0) {
        srv.db_path = path;
        srv.db_dev = sb.st_dev;
        srv.db_ino = sb.st_ino;
    }
    metrics_start();
    if (getrandom(&rid_prefix, sizeof rid_prefix, 0) != (ssize_t)sizeof rid_prefix)
        rid_prefix = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16);

    struct addrinfo *ai;
    if ((rc = parse_listen(cfg->listen, &ai, e)))
        return rc;

    /* The pool threads inherit this mask: only the main thread takes the signals. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    srv.cache = answer_cache_new(cfg->cache_bytes);
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &srv, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads ? cfg->threads
                                                             : SERVER_THREADS_DEFAULT),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(cfg->timeout ? cfg->timeout
                                                               : SERVER_TIMEOUT_DEFAULT),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_MAX_HEADERS,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_LISTEN_BACKLOG_SIZE,
        (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv, MHD_OPTION_END);
    if (!d) {
        int err = errno;
        answer_cache_free(srv.cache);
        freeaddrinfo(ai);
        pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
        return error_set(e, ERR_INVALID, "listen", "Không mở được cổng %s (%s)", cfg->listen,
                         strerror(err));
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET6_ADDRSTRLEN] = "?";
    if (ai->ai_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)ai->ai_addr)->sin_addr, host,
                  sizeof host);
    else
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_addr, host,
                  sizeof host);
    printf("listening on http://%s%s%s:%u\n", ai->ai_family == AF_INET6 ? "[" : "", host,
           ai->ai_family == AF_INET6 ? "]" : "", di ? (unsigned)di->port : 0u);
    fflush(stdout);
    freeaddrinfo(ai);

    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "giaoban serve: signal %d, finishing the requests in flight\n", sig);
    atomic_store(&srv.stopping, true);
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
    for (int i = 0; i < SERVER_DRAIN_SECONDS * 100 && atomic_load(&srv.in_flight) > 0; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    /* MHD may not stop with a connection suspended: answers held for their sync are
     * resumed by the sync thread, which always answers (the disk's yes or no). */
    while (atomic_load(&srv.syncs_awaited) > 0) {
        struct timespec ts = {0, 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    /* Requests still waiting for a report turn are resumed, to be closed with the rest. */
    struct MHD_Connection *waiting[64];
    size_t n_waiting;
    do {
        pthread_mutex_lock(&srv.reports_lock);
        n_waiting = report_wake(&srv, waiting, 64, true);
        pthread_mutex_unlock(&srv.reports_lock);
        for (size_t i = 0; i < n_waiting; i++)
            MHD_resume_connection(waiting[i]);
    } while (n_waiting);
    /* A connection just resumed is MHD's to finish; let the requests end before stopping it
     * (bounded: a client that stops reading is closed by MHD_stop_daemon all the same). */
    for (int i = 0; i < 500 && atomic_load(&srv.in_flight) > 0; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    for (size_t i = 0; i < srv.n_stores; i++)
        store_close(srv.stores[i]);
    free(srv.stores);
    answer_cache_free(srv.cache);
    pthread_mutex_destroy(&srv.lock);
    pthread_mutex_destroy(&srv.reports_lock);
    pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
    fprintf(stderr, "giaoban serve: stopped\n");
    return ERR_OK;
}
