/*
 * fuzz/fuzz_query.c - libFuzzer harness: every GET route of the API with any
 * query parameters, through the router and the handlers, against the demo
 * database (tests/http/fuzz_query.sh builds and runs it).
 *
 * At start-up: a SQLite database in a temporary directory, the demo loaded
 * (app_demo), four accounts with an API token each (admin of the province
 * of Nghệ An, admin of Cửa Lò, a viewer and a unit account of one of its
 * offices), one store kept open for every input.
 *
 * An input is one of two forms:
 *
 *   binary: byte 0 picks the route among the GET routes of http_routes[],
 *           byte 1 the {id} (1 + byte % 64), then the query text;
 *   text:   it starts with '/': the path up to '?', then the query text
 *           (used for the regression inputs, which must not depend on the
 *           order of the route table).
 *
 * The query text is parameters separated by '&' or '\n', each "name=value"
 * decoded as libmicrohttpd does ('+' a space, %XX a byte; a bad escape stays
 * as it is), so any byte can be sent: NUL (%00), control characters, invalid
 * UTF-8, huge numbers; raw bytes are taken as they are. A name "#X" stands
 * for the X-th name of names[] (every parameter the routes accept, so that
 * the fuzzer reaches the handlers' parsing and not only the refusal of an
 * unknown name). The parameter named "!" is not sent: its value holds the
 * harness's options: '0'-'3' the caller (default 1, admin of Cửa Lò), 'n' no
 * Authorization header, 'b' an unknown bearer token, 'g' the client takes
 * gzip, 'c' the request is answered three times through one fresh answer
 * cache (the answers must agree), 'I' an {id} beyond 64 bits (404), 'M' the
 * largest 64-bit id.
 *
 * Invariants checked on every answer (abort() when one fails):
 *   - the status is one a GET may answer: 200, 400, 401 (no or a bad token
 *     only), 403, 404, 405 (text form only), 413; never 5xx;
 *   - when a parameter's name or value holds a NUL, a control character
 *     (U+0000-U+001F, U+007F-U+009F, bidi embeddings, overrides and
 *     isolates), invalid UTF-8, or the parameter is given twice, the answer
 *     is 400 and error.field names the first such parameter (whatever the
 *     route, the caller or the other parameters): the router checks every
 *     parameter before anything else. The UTF-8 decoder here is our own, strict
 *     (no overlong forms, no surrogates), so that an overlong tab (C0 89) is
 *     caught too;
 *   - an error is {"error": {"code": string, "message": string, "field":
 *     string or null}}; a JSON body dumps and parses; bytes said to be JSON
 *     parse (inflated first when they are gzip); the OpenAPI document parses;
 *   - a header value the reply sets (type, disposition, ETag, cookie) holds no control byte;
 *   - with 'c', the three answers have one status and the same bytes;
 *   - nothing leaks (libFuzzer's leak detection under ASan, input by input).
 * And findings that do not stop the fuzzer, printed once per route and name as
 * "fuzz_query: FIELD ..." or "fuzz_query: RANGE ..." (the runner counts them as failures):
 * an error whose field is neither a parameter sent, nor one the route declares in the
 * OpenAPI document, nor the path's id or the caller; a 200 for an integer parameter (as
 * the document declares it) holding a negative number or one beyond 64 bits.
 *
 * FUZZ_QUERY_VERBOSE=1 prints every answer's status and field (to read what an input does).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/account.h"
#include "app/app.h"
#include "http/answer_cache.h"
#include "http/gzip.h"
#include "http/http_int.h"
#include "util/arena.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TODAY_Y 2020
#define TODAY_M 10
#define TODAY_D 1

static struct store *store;
static int soon_days = 3;
static char dir[] = "/tmp/giaoban-fuzz-query.XXXXXX";

/* The callers: '0'-'3' in the options. */
static const struct {
    const char *user, *role, *unit;
} callers[] = {
    {"fuzzna", "admin", "NA"},
    {"fuzzadmin", "admin", "NA.CL"},
    {"fuzzviewer", "viewer", "NA.CL.KT"},
    {"fuzzunit", "unit", "NA.CL.TCKH"},
};
#define N_CALLERS (sizeof callers / sizeof callers[0])
static char *tokens[N_CALLERS];

static json_t *declared; /* OpenAPI path -> {parameter name: schema type} */
static bool verbose;     /* FUZZ_QUERY_VERBOSE set: one line per answer on stderr */
static const struct route *gets[64];
static size_t n_gets;

/* Every name a GET route's query_allow() takes (src/http/api_*.c), then a few it does not. */
static const char *const names[] = {
    "q",           "unit",          "subtree",     "by",     "category",
    "as_of",       "deadline_from", "deadline_to", "notice", "meeting",
    "key",         "limit",         "offset",      "from",   "to",
    "direction",   "type",          "month",       "format", "overdue_limit",
    "object_kind", "object_id",     "text",        "id",     "status",
    "date",        "soon_days",     "page",        "",       "Q",
};
#define N_NAMES (sizeof names / sizeof names[0])

static void cleanup(void)
{
    if (store)
        store_close(store);
    store = NULL;
    for (size_t i = 0; i < N_CALLERS; i++)
        free(tokens[i]);
    json_decref(declared);
    declared = NULL;
    char p[sizeof dir + 32];
    static const char *const files[] = {"fuzz.db", "fuzz.db-wal", "fuzz.db-shm", "fuzz.db-journal"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!mkdtemp(dir))
        abort();
    char url[256];
    snprintf(url, sizeof url, "%s/fuzz.db", dir);
    struct error e = ERROR_INIT;
    struct arena a = ARENA_INIT;
    struct app ctx;
    if (store_open(url, &store, &e) ||
        app_init(&ctx, store, &a, day_from_ymd(TODAY_Y, TODAY_M, TODAY_D), "fuzz", &e) ||
        app_demo(&ctx, false, &e)) {
        fprintf(stderr, "fuzz_query: set-up failed: %s\n", e.message);
        abort();
    }
    soon_days = ctx.soon_days;
    for (size_t i = 0; i < N_CALLERS; i++) {
        int64_t aid;
        const char *t;
        if (app_account_add(&ctx, callers[i].user, "fuzz-password-123", callers[i].role,
                            callers[i].unit, &aid, &e) ||
            app_token_create(&ctx, callers[i].user, "fuzz", &t, &e)) {
            fprintf(stderr, "fuzz_query: set-up of %s failed: %s\n", callers[i].user, e.message);
            abort();
        }
        tokens[i] = strdup(t);
    }
    arena_release(&a);
    for (const struct route *r = http_routes; r->method; r++)
        if (strcmp(r->method, "GET") == 0 && n_gets < sizeof gets / sizeof gets[0])
            gets[n_gets++] = r;
    if (n_gets < 15) {
        fprintf(stderr, "fuzz_query: only %zu GET routes\n", n_gets);
        abort();
    }
    /* The query parameters each path declares in the OpenAPI document. */
    size_t doc_len;
    const char *doc = openapi_document(&doc_len);
    json_error_t je;
    json_t *d = json_loadb(doc, doc_len, 0, &je);
    json_t *paths = json_object_get(d, "paths");
    if (!json_is_object(paths)) {
        fprintf(stderr, "fuzz_query: the OpenAPI document has no paths: %s\n", je.text);
        abort();
    }
    declared = json_object();
    for (void *it = json_object_iter(paths); it; it = json_object_iter_next(paths, it)) {
        json_t *params = json_object(); /* name -> schema type */
        json_t *prms =
            json_object_get(json_object_get(json_object_iter_value(it), "get"), "parameters");
        for (size_t k = 0; k < json_array_size(prms); k++) {
            json_t *prm = json_array_get(prms, k);
            const char *nm = json_string_value(json_object_get(prm, "name"));
            const char *ty =
                json_string_value(json_object_get(json_object_get(prm, "schema"), "type"));
            if (nm)
                json_object_set_new(params, nm, json_string(ty ? ty : "string"));
        }
        json_object_set_new(declared, json_object_iter_key(it), params);
    }
    json_decref(d);
    verbose = getenv("FUZZ_QUERY_VERBOSE") != NULL;
    atexit(cleanup);
    return 0;
}

/* ---- the oracle: what the router must refuse, judged here independently ---- */

/* Strict UTF-8 (RFC 3629): false for a bad byte, a truncated, overlong or surrogate form,
 * or a code point beyond U+10FFFF. With `control`, is any code point a control character
 * a query parameter may not hold? */
static bool utf8_scan(const unsigned char *s, size_t n, bool *control)
{
    *control = false;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        uint32_t cp;
        size_t k;
        if (c < 0x80) {
            cp = c;
            k = 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            cp = c & 0x1F;
            k = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            cp = c & 0x0F;
            k = 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            cp = c & 0x07;
            k = 4;
        } else {
            return false;
        }
        if (i + k > n)
            return false;
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
            (cp >= 0x2066 && cp <= 0x2069))
            *control = true;
        i += k;
    }
    return true;
}

static bool text_bad(const char *s, size_t n)
{
    bool control;
    return memchr(s, '\0', n) != NULL || !utf8_scan((const unsigned char *)s, n, &control) ||
           control;
}

/* The first parameter the router must refuse: its index, or -1; *by_name when its name is
 * what is wrong (the field may then be any). */
static long first_refused(const struct request *rq, bool *by_name)
{
    for (size_t i = 0; i < rq->n_query; i++) {
        const struct http_param *p = &rq->query[i];
        *by_name = text_bad(p->name, p->name_len);
        if (*by_name || text_bad(p->value, p->value_len))
            return (long)i;
        for (size_t j = 0; j < i; j++)
            if (rq->query[j].name_len == p->name_len &&
                memcmp(rq->query[j].name, p->name, p->name_len) == 0)
                return (long)i;
    }
    return -1;
}

/* ---- decoding an input ---- */

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* `n` bytes of `s` decoded into the arena ('+' a space, %XX a byte), NUL-terminated. */
static char *unescape(struct arena *a, const uint8_t *s, size_t n, size_t *out_len)
{
    char *d = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '+') {
            d[k++] = ' ';
        } else if (s[i] == '%' && i + 2 < n && (hi = hexval(s[i + 1])) >= 0 &&
                   (lo = hexval(s[i + 2])) >= 0) {
            d[k++] = (char)(hi << 4 | lo);
            i += 2;
        } else {
            d[k++] = (char)s[i];
        }
    }
    d[k] = '\0';
    *out_len = k;
    return d;
}

struct options {
    size_t caller; /* index in callers[] */
    bool no_auth, bad_token, gzip, cache, huge_id, max_id;
};

static void options_read(struct options *o, const char *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (v[i]) {
        case '0':
        case '1':
        case '2':
        case '3':
            o->caller = (size_t)(v[i] - '0');
            break;
        case 'n':
            o->no_auth = true;
            break;
        case 'b':
            o->bad_token = true;
            break;
        case 'g':
            o->gzip = true;
            break;
        case 'c':
            o->cache = true;
            break;
        case 'I':
            o->huge_id = true;
            break;
        case 'M':
            o->max_id = true;
            break;
        default:
            break;
        }
    }
}

/* The query text into rq->query (at most HTTP_MAX_QUERY, as the server keeps), "!" into o. */
static void query_read(struct request *rq, struct options *o, const uint8_t *s, size_t n)
{
    struct arena *a = rq->app.a;
    size_t i = 0;
    while (i < n) {
        size_t end = i;
        while (end < n && s[end] != '&' && s[end] != '\n')
            end++;
        const uint8_t *eq = memchr(s + i, '=', end - i);
        size_t nlen = eq ? (size_t)(eq - (s + i)) : end - i;
        size_t vstart = eq ? (size_t)(eq - s) + 1 : end;
        if (nlen == 1 && s[i] == '!') {
            options_read(o, (const char *)s + vstart, end - vstart);
        } else if (rq->n_query < HTTP_MAX_QUERY && (nlen > 0 || eq)) {
            struct http_param *p = &rq->query[rq->n_query++];
            if (nlen >= 1 && s[i] == '#') {
                p->name = names[(nlen > 1 ? s[i + 1] : 0) % N_NAMES];
                p->name_len = strlen(p->name);
            } else {
                p->name = unescape(a, s + i, nlen, &p->name_len);
            }
            p->value = unescape(a, s + vstart, end - vstart, &p->value_len);
        }
        i = end + 1;
    }
}

/* Does `path` match a route's pattern, {id} a positive integer below 2^63? And its method. */
static const struct route *route_of(const char *path, bool *other_method)
{
    *other_method = false;
    for (const struct route *r = http_routes; r->method; r++) {
        const char *p = r->pattern, *q = path;
        bool ok = true;
        while (ok && *p && *q) {
            if (strncmp(p, "{id}", 4) == 0) {
                if (*q < '1' || *q > '9') {
                    ok = false;
                    break;
                }
                /* any number of digits: beyond 64 bits the router answers 404 naming "id" */
                q += strspn(q, "0123456789");
                p += 4;
            } else {
                ok = *p++ == *q++;
            }
        }
        if (!ok || *p || *q)
            continue;
        if (strcmp(r->method, "GET") == 0)
            return r;
        *other_method = true;
    }
    return NULL;
}

/* ---- the checks ---- */

static const char *where;

static void fail(const struct reply *rp, const char *fmt, const char *detail)
{
    char *s = rp && rp->body ? json_dumps(rp->body, JSON_COMPACT) : NULL;
    fprintf(stderr, "fuzz_query: %s: ", where);
    fprintf(stderr, fmt, detail ? detail : "");
    fprintf(stderr, " (status %d, body %.600s)\n", rp ? rp->status : 0, s ? s : "-");
    free(s);
    abort();
}

/* The reply's bytes as sent before gzip (malloc'd, *n), or NULL when it has none. */
static char *plain_bytes(const struct reply *rp, size_t *n)
{
    if (!rp->bytes)
        return NULL;
    if (rp->gzipped) {
        char *p = gzip_decompress(rp->bytes, rp->bytes_len, (size_t)512 << 20, n);
        if (!p)
            fail(rp, "gzipped bytes do not inflate%s", NULL);
        return p;
    }
    char *p = malloc(rp->bytes_len + 1);
    memcpy(p, rp->bytes, rp->bytes_len);
    *n = rp->bytes_len;
    return p;
}

/*
 * A finding that does not stop the fuzzer: printed once per (kind, route, name, status) as
 * "fuzz_query: KIND ...", which the runner counts as a failure.
 */
static void finding(const char *kind, const char *pattern, const char *name, int status,
                    const char *what, const char *detail)
{
    static char seen[128][160];
    static size_t n_seen;
    char key[160];
    snprintf(key, sizeof key, "%s %s %.60s %d", kind, pattern, name, status);
    for (size_t i = 0; i < n_seen; i++)
        if (strcmp(seen[i], key) == 0)
            return;
    if (n_seen < sizeof seen / sizeof seen[0])
        snprintf(seen[n_seen++], sizeof seen[0], "%s", key);
    fprintf(stderr, "fuzz_query: %s %s: %s: '%.60s' (%d %.300s)\n", kind, pattern, what, name,
            status, detail ? detail : "");
}

/*
 * The field of an error must name what was wrong in the request: a parameter that was sent
 * or that the route declares in the OpenAPI document, the path's id, the caller (role,
 * authorization, token), or "query" (the parameters as a whole). Another name (an app/ argument's,
 * as the CLI calls it) does not tell the caller which parameter to change. Not an abort: each
 * distinct (route, field) is printed once as "fuzz_query: FIELD ..." and the runner counts it, so
 * that the fuzzer goes on looking for crashes meanwhile.
 */
static void check_field(const struct request *rq, const struct reply *rp)
{
    json_t *field = json_object_get(json_object_get(rp->body, "error"), "field");
    if (!json_is_string(field))
        return;
    const char *f = json_string_value(field);
    size_t fl = strlen(f);
    /* "query" would be right for the parameters as a whole (a bad name), which the caller
     * of this function has already told apart: here it names no parameter sent. */
    static const char *const caller[] = {"id", "role", "authorization", "token"};
    for (size_t i = 0; i < sizeof caller / sizeof caller[0]; i++)
        if (strcmp(f, caller[i]) == 0)
            return;
    for (size_t i = 0; i < rq->n_query; i++) {
        const struct http_param *p = &rq->query[i];
        if (fl == p->name_len ? memcmp(f, p->name, fl) == 0
                              : p->name_len > 47 && fl <= 47 && memcmp(f, p->name, fl) == 0)
            return;
    }
    /* one the route declares (a missing parameter it needs is named so) */
    bool other;
    const struct route *r = route_of(rq->path, &other);
    const char *pattern = r ? r->pattern : rq->path;
    if (json_object_get(json_object_get(declared, pattern), f))
        return;
    char *body = json_dumps(rp->body, JSON_COMPACT);
    finding("FIELD", pattern, f, rp->status, "error.field names no parameter sent", body);
    free(body);
}

/*
 * An id or a count beyond 64 bits, or below zero, in a parameter the route declares as an
 * integer must not be taken: strtoll() saturates to INT64_MAX, and the answer would be for
 * another number than the one asked. A finding (below), not an abort.
 */
static void check_range(const struct request *rq, const struct reply *rp)
{
    if ((rp->status ? rp->status : 200) != 200)
        return;
    bool other;
    const struct route *r = route_of(rq->path, &other);
    json_t *params = r ? json_object_get(declared, r->pattern) : NULL;
    for (size_t i = 0; i < rq->n_query; i++) {
        const struct http_param *p = &rq->query[i];
        const char *type = json_string_value(json_object_get(params, p->name));
        if (!type || strcmp(type, "integer") != 0)
            continue;
        const char *v = p->value;
        bool negative = *v == '-';
        const char *digits = v + negative;
        if (!*digits || strspn(digits, "0123456789") != strlen(digits))
            continue;
        while (*digits == '0' && digits[1])
            digits++;
        size_t n = strlen(digits);
        bool beyond = n > 19 || (n == 19 && strcmp(digits, "9223372036854775807") > 0);
        if ((negative && strcmp(digits, "0") != 0) || beyond)
            finding("RANGE", r->pattern, p->name, 200,
                    negative ? "a negative integer was taken"
                             : "an integer beyond 64 bits was taken",
                    v);
    }
}

static bool is_json_type(const char *type)
{
    return !type || strstr(type, "json");
}

static void check_reply(const struct request *rq, const struct reply *rp, bool text_form,
                        bool no_auth, long refused, bool by_name)
{
    int status = rp->status ? rp->status : 200;
    if (verbose) {
        json_t *f = rp->body ? json_object_get(json_object_get(rp->body, "error"), "field") : NULL;
        fprintf(stderr, "fuzz_query: %s -> %d field=%s refused=%ld\n", where, status,
                json_is_string(f) ? json_string_value(f) : "-", refused);
    }
    switch (status) {
    case 200:
    case 400:
    case 403:
    case 404:
    case 413:
        break;
    case 304: /* only with If-Match/If-None-Match, which are not sent */
        fail(rp, "304 without a conditional header%s", NULL);
        break;
    case 401:
        if (!no_auth)
            fail(rp, "401 with a valid token%s", NULL);
        break;
    case 405:
        if (!text_form)
            fail(rp, "405 for a GET route%s", NULL);
        break;
    default:
        fail(rp, "a status a GET may not answer%s", NULL);
    }
    /* What goes into a header line: no CR, LF or other control byte (header injection) */
    const char *headers[] = {rp->content_type, rp->disposition, rp->etag, rp->set_cookie};
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
        for (const unsigned char *h = (const unsigned char *)headers[i]; h && *h; h++)
            if (*h < 0x20 || *h == 0x7F)
                fail(rp, "a control byte in a header value: %.200s", headers[i]);
    if (rp->body) {
        char *s = json_dumps(rp->body, JSON_COMPACT | JSON_ENCODE_ANY);
        if (!s)
            fail(rp, "the JSON body does not dump%s", NULL);
        json_error_t je;
        json_t *j = json_loads(s, JSON_DECODE_ANY, &je);
        free(s);
        if (!j)
            fail(rp, "the JSON body does not parse again: %s", je.text);
        json_decref(j);
    }
    if (status >= 400) {
        json_t *err = rp->body ? json_object_get(rp->body, "error") : NULL;
        json_t *field = err ? json_object_get(err, "field") : NULL;
        if (!json_is_object(err) || !json_is_string(json_object_get(err, "code")) ||
            !json_is_string(json_object_get(err, "message")) ||
            !json_string_length(json_object_get(err, "message")) ||
            !(json_is_string(field) || json_is_null(field)))
            fail(rp, "an error without {code, message, field}%s", NULL);
    }
    if (status >= 400 && status != 404 && status != 405 && refused < 0)
        check_field(rq, rp);
    check_range(rq, rp);
    if (refused >= 0) {
        const struct http_param *p = &rq->query[refused];
        if (status != 400)
            fail(rp, "parameter '%.60s' must be refused with 400", p->name);
        if (!by_name) {
            json_t *field = json_object_get(json_object_get(rp->body, "error"), "field");
            const char *f = json_is_string(field) ? json_string_value(field) : "";
            size_t fl = strlen(f);
            /* struct error keeps 47 bytes of a field (cut where UTF-8 allows) */
            bool ok = fl == p->name_len
                          ? memcmp(f, p->name, fl) == 0
                          : p->name_len > 47 && fl <= 47 && memcmp(f, p->name, fl) == 0;
            if (!ok)
                fail(rp, "error.field must name parameter '%.60s'", p->name);
        }
    }
    if (rp->bytes && is_json_type(rp->content_type)) {
        size_t n;
        char *b = plain_bytes(rp, &n);
        json_error_t je;
        json_t *j = json_loadb(b, n, 0, &je);
        free(b);
        if (!j)
            fail(rp, "the answer's bytes are not JSON: %s", je.text);
        json_decref(j);
    }
    static const char *raw_seen;
    if (rp->raw && rp->raw != raw_seen) {
        json_error_t je;
        json_t *j = json_loadb(rp->raw, rp->raw_len, 0, &je);
        if (!j)
            fail(rp, "the static answer is not JSON: %s", je.text);
        json_decref(j);
        raw_seen = rp->raw;
    }
}

/* The answer as a comparable text: status, then the body's JSON or the bytes, as sent
 * before gzip (malloc'd). */
static char *answer_text(const struct reply *rp, size_t *n)
{
    if (rp->body) {
        char *s = json_dumps(rp->body, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
        *n = s ? strlen(s) : 0;
        return s;
    }
    if (rp->raw) {
        char *s = malloc(rp->raw_len + 1);
        memcpy(s, rp->raw, rp->raw_len);
        *n = rp->raw_len;
        return s;
    }
    char *s = plain_bytes(rp, n);
    if (!s) {
        *n = 0;
        s = calloc(1, 1);
    }
    return s;
}

static void reply_release(struct reply *rp)
{
    if (rp->body)
        json_decref(rp->body);
    free(rp->bytes);
    memset(rp, 0, sizeof *rp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    struct arena a = ARENA_INIT;
    struct request *rq = calloc(1, sizeof *rq);
    rq->app = (struct app){.s = store,
                           .a = &a,
                           .soon_days = soon_days,
                           .actor = "?",
                           .today = day_from_ymd(TODAY_Y, TODAY_M, TODAY_D)};
    rq->method = "GET";
    rq->body = "";
    rq->now = 1601510400; /* 2020-10-01 */
    struct options o = {.caller = 1};
    bool text_form = data[0] == '/';
    const char *path;
    if (text_form) {
        const uint8_t *qm = memchr(data, '?', size);
        size_t plen = qm ? (size_t)(qm - data) : size;
        path = arena_strndup(&a, (const char *)data, plen);
        query_read(rq, &o, qm ? qm + 1 : data + size, qm ? size - plen - 1 : 0);
    } else {
        const struct route *route = gets[data[0] % n_gets];
        query_read(rq, &o, data + 2, size - 2);
        char id[32];
        if (o.huge_id)
            snprintf(id, sizeof id, "%s", "99999999999999999999");
        else if (o.max_id)
            snprintf(id, sizeof id, "%lld", (long long)INT64_MAX);
        else
            snprintf(id, sizeof id, "%u", 1 + data[1] % 64);
        const char *brace = strstr(route->pattern, "{id}");
        path = brace ? arena_printf(&a, "%.*s%s%s", (int)(brace - route->pattern), route->pattern,
                                    id, brace + 4)
                     : route->pattern;
    }
    rq->path = path;
    where = path;
    if (o.no_auth)
        rq->authorization = NULL;
    else if (o.bad_token)
        rq->authorization = "Bearer gb_notatokenofthisserver0000000000";
    else
        rq->authorization = arena_printf(&a, "Bearer %s", tokens[o.caller % N_CALLERS]);
    rq->gzip_ok = o.gzip;

    /* Which parameter must be refused, when the path is a route's (else 404/405 first). */
    bool other_method, by_name = false;
    bool routed = route_of(path, &other_method) != NULL;
    long refused = routed ? first_refused(rq, &by_name) : -1;
    bool no_auth = o.no_auth || o.bad_token;

    struct reply rp = {0};
    if (!o.cache) {
        router_dispatch(rq, &rp);
        check_reply(rq, &rp, text_form, no_auth, refused, by_name);
        reply_release(&rp);
    } else {
        /* Three times through one fresh cache: made, from the cache, and from the cache
         * for a client that does (not) take gzip. One status, the same answer. */
        struct answer_cache *cache = answer_cache_new((size_t)8 << 20);
        char *first = NULL;
        size_t first_n = 0;
        int first_status = 0;
        for (int round = 0; round < 3; round++) {
            struct request *r2 = calloc(1, sizeof *r2);
            *r2 = *rq;
            r2->cache = cache;
            r2->gzip_ok = round == 2 ? !o.gzip : o.gzip;
            router_dispatch(r2, &rp);
            check_reply(r2, &rp, text_form, no_auth, refused, by_name);
            size_t n;
            char *t = answer_text(&rp, &n);
            int st = rp.status ? rp.status : 200;
            if (round == 0) {
                first = t;
                first_n = n;
                first_status = st;
            } else {
                if (st != first_status)
                    fail(&rp, "the cached answer has another status%s", NULL);
                if (n != first_n || memcmp(t, first, n) != 0)
                    fail(&rp, "the cached answer differs from the one made%s", NULL);
                free(t);
            }
            reply_release(&rp);
            free(r2);
        }
        free(first);
        answer_cache_free(cache);
    }
    free(rq);
    arena_release(&a);
    return 0;
}
