/*
 * fuzz/fuzz_query.c - libFuzzer harness: every GET route of the API with any
 * query parameters, through the router and the handlers, against the demo
 * database (tests/http/fuzz_query.sh builds and runs it).
 *
 * An input is: one byte choosing the route, one byte for the {id}, then
 * parameters separated by '\n', each "name=value" with any bytes (NUL,
 * control characters, invalid UTF-8, huge numbers). Names are taken from
 * the list the routes accept when the name is a small number ("#3"), so the
 * fuzzer reaches the handlers' parsing and not only the unknown-name
 * refusal. A reply must be a status the API gives (never 5xx) and, when
 * JSON, parse; nothing may leak (ASan).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/account.h"
#include "app/app.h"
#include "http/http_int.h"
#include "util/arena.h"

static struct store *store;
static const char *token;
static const struct route *gets[64];
static size_t n_gets;

static const char *const names[] = {
    "q",        "unit",     "by",      "subtree",     "as_of",  "from",       "to",
    "limit",    "offset",   "category", "key",        "notice", "meeting",    "deadline_from",
    "deadline_to", "format", "month",  "overdue_limit", "object_kind", "object_id", "kind",
    "direction", "soon_days", "text",  "date",        "id",     "status",     "open",
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char dir[] = "/tmp/giaoban-fuzz-query.XXXXXX";
    if (!mkdtemp(dir))
        abort();
    char url[256];
    snprintf(url, sizeof url, "%s/fuzz.db", dir);
    struct error e = ERROR_INIT;
    struct arena a = ARENA_INIT;
    struct app ctx;
    int64_t aid;
    if (store_open(url, &store, &e) || app_init(&ctx, store, &a, day_from_ymd(2020, 10, 1),
                                                "fuzz", &e) ||
        app_demo(&ctx, false, &e) ||
        app_account_add(&ctx, "fuzzadmin", "fuzz-password-123", "admin", "NA.CL", &aid, &e) ||
        app_token_create(&ctx, "fuzzadmin", "fuzz", &token, &e)) {
        fprintf(stderr, "fuzz_query: set-up failed: %s\n", e.message);
        abort();
    }
    token = strdup(token);
    arena_release(&a);
    for (const struct route *r = http_routes; r->method; r++)
        if (strcmp(r->method, "GET") == 0 && n_gets < sizeof gets / sizeof gets[0])
            gets[n_gets++] = r;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const struct route *route = gets[data[0] % n_gets];
    unsigned id = 1 + data[1] % 64;
    data += 2;
    size -= 2;

    struct arena a = ARENA_INIT;
    struct request *rq = calloc(1, sizeof *rq);
    rq->app = (struct app){.s = store, .a = &a, .soon_days = 3, .actor = "?",
                           .today = day_from_ymd(2020, 10, 1)};
    rq->method = "GET";
    char path[160];
    const char *brace = strstr(route->pattern, "{id}");
    if (brace)
        snprintf(path, sizeof path, "%.*s%u%s", (int)(brace - route->pattern), route->pattern,
                 id, brace + 4);
    else
        snprintf(path, sizeof path, "%s", route->pattern);
    rq->path = arena_strdup(&a, path);
    rq->body = "";
    rq->authorization = arena_printf(&a, "Bearer %s", token);
    rq->now = 1601510400;

    /* name=value lines, with their lengths as the server keeps them. */
    size_t i = 0;
    while (i < size && rq->n_query < HTTP_MAX_QUERY) {
        size_t end = i;
        while (end < size && data[end] != '\n')
            end++;
        const uint8_t *eq = memchr(data + i, '=', end - i);
        size_t nlen = eq ? (size_t)(eq - (data + i)) : end - i;
        struct http_param *p = &rq->query[rq->n_query++];
        if (nlen >= 1 && data[i] == '#') {
            p->name = names[(nlen > 1 ? data[i + 1] : 0) % (sizeof names / sizeof names[0])];
            p->name_len = strlen(p->name);
        } else {
            p->name = arena_strndup(&a, (const char *)data + i, nlen);
            p->name_len = nlen;
        }
        size_t vstart = eq ? (size_t)(eq - data) + 1 : end;
        p->value = arena_strndup(&a, (const char *)data + vstart, end - vstart);
        p->value_len = end - vstart;
        i = end + 1;
    }

    struct reply rp = {0};
    router_dispatch(rq, &rp);
    int status = rp.status ? rp.status : 200;
    if (status >= 500 && status != 503) {
        char *s = rp.body ? json_dumps(rp.body, 0) : NULL;
        fprintf(stderr, "fuzz_query: %s answered %d: %s\n", path, status, s ? s : "");
        abort();
    }
    if (rp.bytes && (!rp.content_type || strstr(rp.content_type, "json")) && !rp.gzipped) {
        json_error_t je;
        json_t *j = json_loadb(rp.bytes, rp.bytes_len, 0, &je);
        if (!j) {
            fprintf(stderr, "fuzz_query: %s: answer is not JSON: %s\n", path, je.text);
            abort();
        }
        json_decref(j);
    }
    if (rp.body)
        json_decref(rp.body);
    free(rp.bytes);
    free(rq);
    arena_release(&a);
    return 0;
}
