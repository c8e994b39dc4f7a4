/*
 * fuzz/fuzz_body.c - libFuzzer harness: every route of the API that takes a
 * body (POST, PUT, PATCH in http_routes[], each with its body schema of
 * http/body.c) with any JSON body, through router_dispatch() and the
 * handlers, as an account of each role, against the demo database
 * (tests/http/fuzz_body.sh builds and runs it).
 *
 * At start-up: a SQLite database in a temporary directory, the demo loaded
 * (app_demo), six accounts with an API token each (admin of Nghệ An, admin,
 * leader, office, unit and viewer accounts of Cửa Lò), kept as a pristine
 * copy; a second, read-only SQLite connection of the harness's own watches
 * the database (PRAGMA data_version moves when the store commits anything).
 * After a request that wrote, the database is put back from the copy, so
 * every input meets the same demo (a password change, a disabled account or
 * a revoked token of the fuzzer's callers would otherwise stop the rest).
 *
 * An input is a first line, then the body as sent:
 *
 *   PATTERN CALLER ID FLAGS\n
 *   BODY
 *
 * PATTERN a route's pattern ("/api/v1/tasks/{id}/progress"; one the table does
 * not hold picks a route by its hash, so a mutated line still reaches one),
 * CALLER '0'-'5' (default 1), ID the {id} (default 1), FLAGS letters: 'n' no
 * Authorization, 't' Content-Type text/plain, 'x' no Content-Type, 'c'
 * "application/json; charset=utf-8", 'e' no If-Match, 'w' an If-Match of no
 * version. A task's event (/api/v1/tasks/{id}/...) is otherwise sent with the
 * If-Match of the task's ETag, read first by GET /api/v1/tasks/{id} as the
 * same caller (the API answers 428 without it). Seeds are in fuzz/corpus_body/: a valid
 * body of each route, and some of what to refuse.
 *
 * A custom mutator (LLVMFuzzerCustomMutator) makes the mutations structure-
 * aware: two times in three it parses the body and changes one member or
 * element: another type, a huge or negative number, a number beyond 64 bits,
 * a string holding NUL (\u0000), a control character, a lone surrogate
 * (\ud800), raw invalid UTF-8, a long string, a date or an hour that is no
 * day, an array of 0-300 elements, nesting 6-12 deep, a member deleted,
 * renamed or added, a key given twice; otherwise libFuzzer's own byte
 * mutations (with fuzz/fuzz_body.dict).
 *
 * The oracle (abort() when it fails):
 *   - never a 5xx, and only a status a write may answer: 200, 201, 204, 400,
 *     401 (no token, or the log-in route), 403, 404, 409, 412, 413, 415 (only with a
 *     Content-Type that is not JSON), 422, 428, 429;
 *   - every answer but 204 has a JSON body; an error is {"error": {"code":
 *     string, "message": non-empty string, "field": string or null}};
 *   - a refused request (4xx) wrote nothing: data_version did not move (but a
 *     failed log-in or a wrong current password, which count towards the
 *     lock-out by design: 401, 403, 429 of the log-in and password routes);
 *   - nothing leaks (libFuzzer's leak check under ASan, input by input).
 * And findings that do not stop the fuzzer, printed once per route and field
 * or code as "fuzz_body: FIELD ..." (the runner counts them as failures): a
 * 400 or 422 for a body that is a JSON object (parsed, not too deep) whose
 * error.field is null, or names neither a member of the route's schema, nor a
 * member sent, nor the path's id, the event the path names (a task's state that
 * does not allow it: "event"), the caller or the body as a whole.
 *
 * The faults found so far (a member named "" refused with field null; app/'s
 * names "notice", "evidence", "handler"... for the body's notice_id,
 * evidence_doc_id, handler_unit_id...) are fixed; their inputs stay in
 * fuzz/regression_body/ (empty_key, field_*) and fail the run if they come back.
 *
 * FUZZ_BODY_VERBOSE=1 prints every answer's status and field.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/account.h"
#include "app/app.h"
#include "http/body.h"
#include "http/http_int.h"
#include "util/arena.h"
#include "util/buf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

#define TODAY_Y 2020
#define TODAY_M 10
#define TODAY_D 1

static struct store *store;
static sqlite3 *watch;
static int soon_days = 3;
static char dir[] = "/tmp/giaoban-fuzz-body.XXXXXX";
static char db_path[256], pristine_path[256];
static bool verbose;

static const struct {
    const char *user, *role, *unit;
} callers[] = {
    {"fuzzna", "admin", "NA"},           {"fuzzadmin", "admin", "NA.CL"},
    {"fuzzleader", "leader", "NA.CL"},   {"fuzzoffice", "office", "NA.CL"},
    {"fuzzunit", "unit", "NA.CL.TCKH"}, {"fuzzviewer", "viewer", "NA.CL.KT"},
};
#define N_CALLERS (sizeof callers / sizeof callers[0])
static char *tokens[N_CALLERS];

static const struct route *writes[64];
static size_t n_writes;

/* ---- the database, and putting it back ---- */

static void remove_db(void)
{
    char p[300];
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", db_path, suffix[i]);
        unlink(p);
    }
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    if (!in || !out) {
        fprintf(stderr, "fuzz_body: cannot copy %s to %s\n", from, to);
        abort();
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            abort();
    fclose(in);
    if (fclose(out))
        abort();
}

static void open_db(void)
{
    struct error e = ERROR_INIT;
    if (store_open(db_path, &store, &e)) {
        fprintf(stderr, "fuzz_body: store_open: %s\n", e.message);
        abort();
    }
    if (sqlite3_open_v2(db_path, &watch, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "fuzz_body: the watching connection: %s\n", sqlite3_errmsg(watch));
        abort();
    }
}

static void close_db(void)
{
    if (watch)
        sqlite3_close(watch);
    watch = NULL;
    if (store)
        store_close(store);
    store = NULL;
}

static int64_t data_version(void)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(watch, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (v < 0) {
        fprintf(stderr, "fuzz_body: data_version: %s\n", sqlite3_errmsg(watch));
        abort();
    }
    return v;
}

static void cleanup(void)
{
    close_db();
    remove_db();
    unlink(pristine_path);
    rmdir(dir);
    for (size_t i = 0; i < N_CALLERS; i++)
        free(tokens[i]);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!mkdtemp(dir))
        abort();
    snprintf(db_path, sizeof db_path, "%s/fuzz.db", dir);
    snprintf(pristine_path, sizeof pristine_path, "%s/pristine.db", dir);
    struct error e = ERROR_INIT;
    struct arena a = ARENA_INIT;
    struct app ctx;
    if (store_open(db_path, &store, &e) ||
        app_init(&ctx, store, &a, day_from_ymd(TODAY_Y, TODAY_M, TODAY_D), "fuzz", &e) ||
        app_demo(&ctx, false, &e)) {
        fprintf(stderr, "fuzz_body: set-up failed: %s\n", e.message);
        abort();
    }
    soon_days = ctx.soon_days;
    for (size_t i = 0; i < N_CALLERS; i++) {
        int64_t aid;
        const char *t;
        if (app_account_add(&ctx, callers[i].user, "fuzz-password-123", callers[i].role,
                            callers[i].unit, &aid, &e) ||
            app_token_create(&ctx, callers[i].user, "fuzz", &t, &e)) {
            fprintf(stderr, "fuzz_body: set-up of %s failed: %s\n", callers[i].user, e.message);
            abort();
        }
        tokens[i] = strdup(t);
    }
    arena_release(&a);
    store_close(store);
    store = NULL;
    copy_file(db_path, pristine_path);
    open_db();
    for (const struct route *r = http_routes; r->method; r++)
        if ((strcmp(r->method, "POST") == 0 || strcmp(r->method, "PUT") == 0 ||
             strcmp(r->method, "PATCH") == 0) &&
            n_writes < sizeof writes / sizeof writes[0])
            writes[n_writes++] = r;
    if (n_writes < 10) {
        fprintf(stderr, "fuzz_body: only %zu write routes\n", n_writes);
        abort();
    }
    verbose = getenv("FUZZ_BODY_VERBOSE") != NULL;
    atexit(cleanup);
    return 0;
}

/* ---- the input ---- */

struct input {
    const struct route *route;
    unsigned caller;
    long long id;
    bool no_auth, ct_text, ct_none, ct_charset, no_if_match, bad_if_match;
    const char *body;
    size_t body_len;
};

static void read_input(const uint8_t *data, size_t size, struct input *in)
{
    memset(in, 0, sizeof *in);
    in->caller = 1;
    in->id = 1;
    const uint8_t *nl = memchr(data, '\n', size);
    size_t hl = nl ? (size_t)(nl - data) : size;
    char head[256];
    size_t n = hl < sizeof head - 1 ? hl : sizeof head - 1;
    memcpy(head, data, n);
    head[n] = '\0';
    in->body = nl ? (const char *)nl + 1 : (const char *)data + size;
    in->body_len = nl ? size - hl - 1 : 0;

    char *save = NULL;
    char *pattern = strtok_r(head, " ", &save);
    char *caller = strtok_r(NULL, " ", &save);
    char *id = strtok_r(NULL, " ", &save);
    char *flags = strtok_r(NULL, " ", &save);
    if (pattern)
        for (size_t i = 0; i < n_writes; i++)
            if (strcmp(writes[i]->pattern, pattern) == 0) {
                in->route = writes[i];
                break;
            }
    if (!in->route) {
        uint32_t h = 2166136261u;
        for (const char *p = pattern ? pattern : ""; *p; p++)
            h = (h ^ (unsigned char)*p) * 16777619u;
        in->route = writes[h % n_writes];
    }
    if (caller && *caller >= '0' && *caller <= '9')
        in->caller = (unsigned)(*caller - '0') % N_CALLERS;
    if (id) {
        long long v = strtoll(id, NULL, 10);
        in->id = v > 0 ? v : 1;
    }
    for (const char *f = flags ? flags : ""; *f; f++) {
        in->no_auth |= *f == 'n';
        in->ct_text |= *f == 't';
        in->ct_none |= *f == 'x';
        in->ct_charset |= *f == 'c';
        in->no_if_match |= *f == 'e';
        in->bad_if_match |= *f == 'w';
    }
}

/* ---- the checks ---- */

static const char *where;

static void fail(const struct reply *rp, const char *fmt, const char *detail)
{
    char *s = rp && rp->body ? json_dumps(rp->body, JSON_COMPACT) : NULL;
    fprintf(stderr, "fuzz_body: %s: ", where);
    fprintf(stderr, fmt, detail ? detail : "");
    fprintf(stderr, " (status %d, body %.600s)\n", rp ? rp->status : 0, s ? s : "-");
    free(s);
    abort();
}

static void finding(const char *kind, const char *pattern, const char *name, int status,
                    const char *what, const char *detail)
{
    static char seen[256][160];
    static size_t n_seen;
    char key[160];
    snprintf(key, sizeof key, "%s %s %.60s %d", kind, pattern, name, status);
    for (size_t i = 0; i < n_seen; i++)
        if (strcmp(seen[i], key) == 0)
            return;
    if (n_seen < sizeof seen / sizeof seen[0])
        snprintf(seen[n_seen++], sizeof seen[0], "%s", key);
    fprintf(stderr, "fuzz_body: %s %s: %s: '%.60s' (%d %.400s)\n", kind, pattern, what, name,
            status, detail ? detail : "");
}

/* Does the body parse as a JSON object, no deeper than the router allows? (The router answers
 * the others without a field: there is no member to name.) */
static json_t *body_object(const struct input *in)
{
    int depth = 0, deepest = 0;
    bool in_str = false;
    for (size_t i = 0; i < in->body_len; i++) {
        char c = in->body[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' || c == '[') {
            if (++depth > deepest)
                deepest = depth;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    if (deepest > HTTP_JSON_MAX_DEPTH)
        return NULL;
    json_error_t je;
    json_t *j = json_loadb(in->body, in->body_len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (j && !json_is_object(j)) {
        json_decref(j);
        return NULL;
    }
    return j;
}

static void check_field(const struct input *in, const struct reply *rp, int status)
{
    json_t *err = json_object_get(rp->body, "error");
    json_t *field = json_object_get(err, "field");
    const char *code = json_string_value(json_object_get(err, "code"));
    json_t *obj = body_object(in);
    if (!obj)
        return; /* not JSON, not an object or too deep: nothing to name */
    if (!json_is_string(field)) {
        char *s = json_dumps(rp->body, JSON_COMPACT);
        finding("FIELD", in->route->pattern, code ? code : "?", status,
                "a refused body whose error names no field", s);
        free(s);
        json_decref(obj);
        return;
    }
    const char *f = json_string_value(field);
    static const char *const general[] = {"id", "event", "role", "authorization", "token",
                                          "body", "Content-Type", "X-CSRF-Token",  "If-Match"};
    bool ok = false;
    for (size_t i = 0; !ok && i < sizeof general / sizeof general[0]; i++)
        ok = strcmp(f, general[i]) == 0;
    const struct body_schema *schema = in->route->body;
    for (const struct body_member *m = schema ? schema->members : NULL; !ok && m && m->name; m++)
        ok = strcmp(f, m->name) == 0;
    /* a member sent (struct error keeps 47 bytes of a field) */
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        size_t kl = strlen(key), fl = strlen(f);
        if (ok)
            break;
        ok = kl == fl ? strcmp(key, f) == 0 : kl > 47 && fl <= 47 && memcmp(key, f, fl) == 0;
    }
    json_decref(obj);
    if (!ok) {
        char *s = json_dumps(rp->body, JSON_COMPACT);
        finding("FIELD", in->route->pattern, f, status,
                "error.field names no member of the route's body", s);
        free(s);
    }
}

static void check_reply(const struct input *in, const struct reply *rp, bool wrote)
{
    int status = rp->status ? rp->status : 200;
    json_t *err = rp->body ? json_object_get(rp->body, "error") : NULL;
    if (verbose) {
        json_t *f = json_object_get(err, "field");
        fprintf(stderr, "fuzz_body: %s -> %d code=%s field=%s wrote=%d\n", where, status,
                err ? json_string_value(json_object_get(err, "code")) : "-",
                json_is_string(f) ? json_string_value(f) : "-", wrote);
    }
    bool login = strcmp(in->route->pattern, "/api/v1/session") == 0;
    bool password = strstr(in->route->pattern, "password") != NULL;
    switch (status) {
    case 200:
    case 201:
    case 204:
    case 400:
    case 403:
    case 404:
    case 409:
    case 413:
    case 412:
    case 422:
    case 428:
        break;
    case 401:
        if (!in->no_auth && !login && !password)
            fail(rp, "401 with a valid token%s", NULL);
        break;
    case 415:
        if (!(in->ct_text || in->ct_none) || in->body_len == 0)
            fail(rp, "415 for a JSON body%s", NULL);
        break;
    case 429:
        if (!login && !password)
            fail(rp, "429 but for a log-in or a password%s", NULL);
        break;
    default:
        fail(rp, "a status a write may not answer%s", NULL);
    }
    if (status != 204 && !rp->body && !rp->bytes && !rp->raw)
        fail(rp, "an answer without a body%s", NULL);
    if (rp->bytes && !(rp->content_type && !strstr(rp->content_type, "json"))) {
        json_error_t je;
        json_t *j = json_loadb(rp->bytes, rp->bytes_len, 0, &je);
        if (!j)
            fail(rp, "the answer's bytes are not JSON: %s", je.text);
        json_decref(j);
    }
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
    const char *headers[] = {rp->content_type, rp->disposition, rp->etag, rp->set_cookie};
    for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
        for (const unsigned char *h = (const unsigned char *)headers[i]; h && *h; h++)
            if (*h < 0x20 || *h == 0x7F)
                fail(rp, "a control byte in a header value: %.200s", headers[i]);
    if (status >= 400) {
        json_t *field = json_object_get(err, "field");
        if (!json_is_object(err) || !json_is_string(json_object_get(err, "code")) ||
            !json_string_length(json_object_get(err, "message")) ||
            !(json_is_string(field) || json_is_null(field)))
            fail(rp, "an error without {code, message, field}%s", NULL);
        /* A failed log-in or a wrong current password counts towards the lock-out. */
        if (wrote && !((login || password) && (status == 401 || status == 429 || status == 403)))
            fail(rp, "a refused request wrote to the database%s", NULL);
        if (status == 400 || status == 422)
            check_field(in, rp, status);
    }
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
    if (size > 65536)
        return 0;
    struct input in;
    read_input(data, size, &in);
    struct arena a = ARENA_INIT;
    struct request *rq = calloc(1, sizeof *rq);
    rq->app = (struct app){.s = store,
                           .a = &a,
                           .soon_days = soon_days,
                           .actor = "?",
                           .address = "192.0.2.1",
                           .today = day_from_ymd(TODAY_Y, TODAY_M, TODAY_D)};
    rq->method = in.route->method;
    const char *brace = strstr(in.route->pattern, "{id}");
    rq->path = brace ? arena_printf(&a, "%.*s%lld%s", (int)(brace - in.route->pattern),
                                    in.route->pattern, in.id, brace + 4)
                     : in.route->pattern;
    where = rq->path;
    /* The body as the server gives it: NUL-terminated, its length apart. */
    char *body = arena_alloc(&a, in.body_len + 1);
    memcpy(body, in.body, in.body_len);
    rq->body = body;
    rq->body_len = in.body_len;
    rq->content_type = in.ct_none      ? NULL
                       : in.ct_text    ? "text/plain"
                       : in.ct_charset ? "application/json; charset=utf-8"
                                       : "application/json";
    rq->authorization =
        in.no_auth ? NULL : arena_printf(&a, "Bearer %s", tokens[in.caller % N_CALLERS]);
    rq->now = 1601510400; /* 2020-10-01 */

    bool event = strncmp(in.route->pattern, "/api/v1/tasks/{id}/", 19) == 0;
    if (event && in.bad_if_match) {
        rq->if_match = "\"0-not-a-version\"";
    } else if (event && !in.no_if_match) {
        /* The task's version, as a client reads it before it writes. */
        struct request *get = calloc(1, sizeof *get);
        get->app = rq->app;
        get->method = "GET";
        get->path = arena_printf(&a, "/api/v1/tasks/%lld", in.id);
        get->body = "";
        get->authorization = rq->authorization;
        get->now = rq->now;
        struct reply grp = {0};
        router_dispatch(get, &grp);
        if (grp.etag[0])
            rq->if_match = arena_strdup(&a, grp.etag);
        if (grp.body)
            json_decref(grp.body);
        free(grp.bytes);
        free(get);
    }
    int64_t before = data_version();
    struct reply rp = {0};
    router_dispatch(rq, &rp);
    int64_t after = data_version();
    check_reply(&in, &rp, after != before);
    reply_release(&rp);
    free(rq);
    arena_release(&a);
    if (after != before) {
        close_db();
        remove_db();
        copy_file(pristine_path, db_path);
        open_db();
    }
    return 0;
}

/* ---- the structure-aware mutator ---- */

static uint32_t rnd_state;

static uint32_t rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 8;
}

/* Raw texts put in place of a marker string after dumping: what jansson would not write. */
static const char *const raw_values[] = {
    "123456789012345678901234567890",       /* beyond 64 bits */
    "-9223372036854775809",                 /* below INT64_MIN */
    "1e400",                                /* beyond a double */
    "\"\\ud800\"",                          /* a lone surrogate */
    "\"\\udc00x\"",                         /* a lone low surrogate */
    "\"\xC3\x28\"",                         /* invalid UTF-8 */
    "\"\xC0\x89\"",                         /* an overlong tab */
    "\"\xED\xA0\x80\"",                     /* a surrogate in UTF-8 */
    "\"\xF4\x90\x80\x80\"",                 /* beyond U+10FFFF */
    "\"a\\u0000b\"",                        /* NUL */
    "\"\\t\\n\\u001b\\u007f\\u202e\"",      /* control and bidi */
    "[[[[[[[[[[1]]]]]]]]]]",               /* too deep */
    "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{}}}}}}}",
    "9223372036854775807", "-1", "0", "1.5", "-0", "1E2", "true", "null", "\"\"", "[]", "{}",
};
#define N_RAW (sizeof raw_values / sizeof raw_values[0])

static const char *const strings[] = {
    "2020-02-30", "31/12/2020", "15/9/2020", "0000-00-00", "2200-12-31", "1899-12-31", "14:00",
    "24:00", "14h30", "9h", "NA.CL.KT", "NA.CL", "NA", "Phòng TC-KH", "#1", "#0", "#-1",
    "QN.MC", "admin", "leader", "office", "unit", "viewer", "root", "fuzzadmin", "fuzzunit",
    "mat-khau-rat-dai-123", "x", " ", "in", "out", "Kế hoạch triển khai", "NFD: Ke\xcc\x82\xcc\x81",
};
#define N_STRINGS (sizeof strings / sizeof strings[0])

static const char *const keys[] = {
    "date", "note", "percent", "deadline", "evidence_doc_id", "actor_unit", "content",
    "lead_unit", "assigned_by", "coordinating", "deadline_time", "notice_id", "meeting_id",
    "parent_id", "key_task", "username", "password", "role", "unit_id", "code", "name", "kind",
    "aliases", "title", "host_unit_id", "attending", "direction", "subject", "text", "unit",
    "successor_id", "new_password", "old_password", "label", "extra", "",
};
#define N_KEYS (sizeof keys / sizeof keys[0])

static json_t *random_value(int *raw, int depth)
{
    switch (rnd() % 12) {
    case 0:
        *raw = (int)(rnd() % N_RAW);
        return json_sprintf("@@RAW%d@@", *raw);
    case 1:
        return json_integer((json_int_t)(rnd() % 200) - 5);
    case 2:
        return json_integer(rnd() % 2 ? INT64_MAX : INT64_MIN);
    case 3:
        return json_string(strings[rnd() % N_STRINGS]);
    case 4: {
        size_t n = rnd() % 3 ? rnd() % 8 : 5000 + rnd() % 70000;
        char *s = malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            s[i] = "aA0 ,.-đ"[rnd() % 7];
        s[n] = '\0';
        json_t *j = json_string(s);
        free(s);
        return j;
    }
    case 5: {
        size_t n = rnd() % 4 ? rnd() % 5 : 195 + rnd() % 110;
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, rnd() % 2 ? json_string(strings[rnd() % N_STRINGS])
                                                 : json_integer(rnd() % 70));
        return arr;
    }
    case 6: {
        int d = 4 + (int)(rnd() % 9);
        json_t *j = json_integer(1);
        for (int i = 0; i < d; i++) {
            json_t *o = rnd() % 2 ? json_array() : json_object();
            if (json_is_array(o))
                json_array_append_new(o, j);
            else
                json_object_set_new(o, "x", j);
            j = o;
        }
        return j;
    }
    case 7:
        return json_null();
    case 8:
        return json_boolean(rnd() % 2);
    case 9:
        return json_real(rnd() % 2 ? 1.5 : 1e300);
    case 10:
        return depth < 3 ? json_pack("{s:o}", keys[rnd() % N_KEYS], random_value(raw, depth + 1))
                         : json_integer(7);
    default:
        return json_string_nocheck("\xe1\xbb\x87");
    }
}

/* One structural change somewhere in `j` (an object or an array). */
static void mutate_json(json_t *j, int *raw)
{
    for (int depth = 0; depth < 4; depth++) {
        size_t n = json_is_object(j) ? json_object_size(j) : json_array_size(j);
        if (n == 0 || rnd() % 3 == 0)
            break;
        json_t *child;
        if (json_is_object(j)) {
            size_t k = rnd() % n;
            void *it = json_object_iter(j);
            while (k-- && it)
                it = json_object_iter_next(j, it);
            child = it ? json_object_iter_value(it) : NULL;
        } else {
            child = json_array_get(j, rnd() % n);
        }
        if (!child || !(json_is_object(child) || json_is_array(child)))
            break;
        j = child;
    }
    if (json_is_array(j)) {
        size_t n = json_array_size(j);
        switch (rnd() % 3) {
        case 0:
            if (n)
                json_array_set_new(j, rnd() % n, random_value(raw, 0));
            break;
        case 1:
            json_array_append_new(j, random_value(raw, 0));
            break;
        default:
            if (n)
                json_array_remove(j, rnd() % n);
        }
        return;
    }
    size_t n = json_object_size(j);
    const char *victim = NULL;
    if (n) {
        size_t k = rnd() % n;
        void *it = json_object_iter(j);
        while (k-- && it)
            it = json_object_iter_next(j, it);
        victim = it ? json_object_iter_key(it) : NULL;
    }
    switch (rnd() % 5) {
    case 0:
    case 1:
        if (victim) {
            json_object_set_new(j, victim, random_value(raw, 0));
            break;
        }
        /* fall through */
    case 2:
        json_object_set_new(j, keys[rnd() % N_KEYS], random_value(raw, 0));
        break;
    case 3:
        if (victim)
            json_object_del(j, victim);
        break;
    default:
        if (victim) { /* renamed */
            json_t *v = json_incref(json_object_get(j, victim));
            json_object_del(j, victim);
            json_object_set_new(j, keys[rnd() % N_KEYS], v);
        }
    }
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    rnd_state = seed;
    uint8_t *nl = memchr(data, '\n', size);
    if (!nl || rnd() % 3 == 0)
        return LLVMFuzzerMutate(data, size, max_size);
    size_t hl = (size_t)(nl - data) + 1;
    if (rnd() % 8 == 0) { /* another route, caller, id or flags, the body kept */
        char head[256];
        static const char flags[][3] = {"", "n", "t", "x", "c", "tn"};
        const struct route *r = writes[rnd() % n_writes];
        int hn = snprintf(head, sizeof head, "%s %u %u %s\n", r->pattern, (unsigned)(rnd() % N_CALLERS),
                          rnd() % 8 ? 1 + rnd() % 40 : 9999, flags[rnd() % 6]);
        size_t bl = size - hl;
        if ((size_t)hn + bl > max_size)
            return LLVMFuzzerMutate(data, size, max_size);
        memmove(data + hn, data + hl, bl);
        memcpy(data, head, (size_t)hn);
        return (size_t)hn + bl;
    }
    json_error_t je;
    json_t *j = json_loadb((const char *)data + hl, size - hl, JSON_ALLOW_NUL, &je);
    if (!j || !(json_is_object(j) || json_is_array(j))) {
        json_decref(j);
        size_t bl = LLVMFuzzerMutate(data + hl, size - hl, max_size - hl);
        return hl + bl;
    }
    int raw = -1;
    int changes = 1 + (int)(rnd() % 3);
    for (int i = 0; i < changes; i++)
        mutate_json(j, &raw);
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
    json_decref(j);
    if (!s)
        return LLVMFuzzerMutate(data, size, max_size);
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_add(&b, data, hl);
    /* The raw markers replaced by their texts. */
    for (const char *p = s; *p;) {
        const char *m = strstr(p, "\"@@RAW");
        if (!m) {
            buf_adds(&b, p);
            break;
        }
        buf_add(&b, p, (size_t)(m - p));
        int k = atoi(m + 6);
        const char *end = strstr(m + 6, "@@\"");
        buf_adds(&b, raw_values[k >= 0 && (size_t)k < N_RAW ? k : 0]);
        p = end ? end + 3 : m + 6;
    }
    free(s);
    /* Now and then a key given twice: the first member repeated in front. */
    if (rnd() % 10 == 0 && b.len > hl + 2 && b.data[hl] == '{') {
        const char *first = b.data + hl + 1;
        const char *comma = memchr(first, ',', b.len - hl - 1);
        if (comma) {
            size_t ml = (size_t)(comma - first) + 1;
            char *dup = malloc(ml);
            memcpy(dup, first, ml);
            struct buf c = BUF_INIT(BUF_NO_LIMIT);
            buf_add(&c, b.data, hl + 1);
            buf_add(&c, dup, ml);
            buf_add(&c, b.data + hl + 1, b.len - hl - 1);
            free(dup);
            buf_release(&b);
            b = c;
        }
    }
    size_t out = b.len;
    if (out > max_size) {
        buf_release(&b);
        return LLVMFuzzerMutate(data, size, max_size);
    }
    memcpy(data, b.data, out);
    buf_release(&b);
    return out;
}
