/*
 * http/http_int.h - what the files of http/ share: the request and reply a
 * handler sees, the route table's entry type, and the JSON helpers
 * (jansson) for both directions.
 *
 * Only server.c knows libmicrohttpd: it gathers the request (method, path,
 * query, the few headers that matter, a size-capped body) into a `struct
 * request` whose memory is the request's arena, calls router_dispatch(), and
 * turns the `struct reply` into bytes. Handlers never see MHD, and they
 * reach the database only through app/ (and store.h's read functions, as
 * the CLI does).
 */
#ifndef GB_HTTP_HTTP_INT_H
#define GB_HTTP_HTTP_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/account.h"
#include "http/answer_cache.h"
#include "app/app.h"
#include "core/unit_tree.h"
#include "util/error.h"

#define HTTP_MAX_QUERY 32       /* query parameters per request */
#define HTTP_JSON_MAX_DEPTH 8   /* nesting of a request body */

struct http_param {
    const char *name, *value; /* NUL-terminated copies */
    size_t name_len, value_len; /* as sent: longer than strlen() when they hold a NUL */
};

/* What the server knows about one request; all memory from `app.a`. */
struct request {
    struct app app;          /* store, arena, today, actor, address */
    const char *method;      /* "GET", "POST", "DELETE" */
    const char *path;        /* "/api/v1/tasks/12" */
    struct http_param query[HTTP_MAX_QUERY];
    size_t n_query;
    const char *cookie_session; /* the gb_session cookie, or NULL */
    const char *authorization;  /* the Authorization header, or NULL */
    const char *csrf_header;    /* X-CSRF-Token, or NULL */
    const char *if_match;       /* If-Match, or NULL */
    const char *content_type;   /* Content-Type, or NULL */
    const char *body;           /* NUL-terminated; "" when none */
    size_t body_len;
    json_t *json;               /* the parsed body (an object), or NULL; the router frees it */
    int64_t now;                /* unix seconds */
    bool secure;                /* served over TLS (cookies get Secure) */
    struct answer_cache *cache; /* the server's (answer_cache.h), or NULL */
    bool gzip_ok;               /* the client accepts gzip (Accept-Encoding) */
    /* Set by the router: */
    int64_t id;                 /* the {id} of the path, 0 if none */
    int arg;                    /* the route's argument (an event kind) */
    struct account who;         /* the caller; who.id 0 for public routes */
    bool via_cookie;
    int err_status;             /* > 0: the HTTP status to give the error instead of the map */
    const char *err_code;       /* with err_status: the code name to give */
};

/* What a handler answers; the server turns it into a response. */
struct reply {
    int status;        /* 0: 200 */
    json_t *body;      /* stolen by the reply; NULL: no body (204) */
    const char *raw;   /* instead of `body`: static bytes (the OpenAPI document) */
    size_t raw_len;
    char *bytes;       /* instead of `body`: malloc'd bytes (a report), freed by the server */
    size_t bytes_len;
    const char *content_type; /* with `raw` or `bytes`: NULL means JSON */
    const char *disposition;  /* Content-Disposition, or NULL; from the arena */
    char etag[40];     /* "" or a quoted ETag */
    char *set_cookie;  /* from the arena, or NULL */
    int retry_after;   /* > 0: Retry-After seconds */
    /* `bytes` are (or now are) the answer cache's under this key (from the arena): the
     * server keeps their gzip beside them, under the same stamp. NULL: not cached. */
    struct answer_cache *cache;
    const char *cache_key;
    bool gzipped; /* `bytes` are already in gzip (that kept gzip, for a client taking it) */
};

typedef int api_handler(struct request *rq, struct reply *rp, struct error *e);

enum route_flag {
    ROUTE_PUBLIC = 1 << 0, /* no account needed */
    ROUTE_BODY = 1 << 1,   /* takes a JSON object body */
};

struct route {
    const char *method;
    const char *pattern; /* "/api/v1/tasks/{id}/progress" */
    api_handler *fn;
    unsigned roles;      /* enum role bits allowed; ignored for ROUTE_PUBLIC */
    unsigned flags;
    int arg;
    const char *summary; /* one line, English, for the route list and OpenAPI check */
    const struct body_schema *body; /* with ROUTE_BODY: its members (http/body.h) */
};

/* The route table (router.c), ended by a zeroed entry. */
extern const struct route http_routes[];

/*
 * Find the route, check who is calling (bearer token, or session cookie and
 * CSRF token for writes), the role, the body's shape, then call the handler.
 * Fills `rp`; on an error the error body is made here. Never fails.
 */
void router_dispatch(struct request *rq, struct reply *rp);

/* Fill rp with {"error": {...}} for `e`, with the status its code maps to. */
void reply_error(struct request *rq, struct reply *rp, const struct error *e);

/* The OpenAPI document (openapi.c), made once: static, never freed. */
const char *openapi_document(size_t *len);

/* ---- query parameters ---- */
/* The value of `name`, or NULL. */
const char *query_get(const struct request *rq, const char *name);
/* ERR_INVALID naming the first parameter not in `allowed` (comma-separated). */
int query_allow(struct request *rq, const char *allowed, struct error *e);
/* "true"/"1" -> true, "false"/"0"/absent -> false; else ERR_INVALID. */
int query_bool(struct request *rq, const char *name, bool *out, struct error *e);
/* A count in [0, max]; absent -> `def`. */
int query_size(struct request *rq, const char *name, size_t def, size_t max, size_t *out,
               struct error *e);

/* A positive id; absent -> 0. */
int query_id(struct request *rq, const char *name, int64_t *out, struct error *e);

/* ---- request bodies: http/body.h ---- */
struct body_schema;

/* What the caller may see is app/'s rule: app_scope_require() and app/'s reads, bound by
 * rq->app.scope_unit (set from the account by the router). */

/* ---- JSON encoders (the same keys as the CLI's --format json) ---- */
json_t *wire_day(day_num d);       /* "2020-09-15" or null */
json_t *wire_id(int64_t id);       /* the number or null for 0 */
json_t *wire_str(const char *s);   /* string or null */
json_t *wire_unit(const struct unit_rec *u);
json_t *wire_person(const struct person_rec *p);
json_t *wire_meeting(const struct meeting_rec *m);
json_t *wire_doc(const struct doc_rec *d);
/* The summary's JSON text appended to `b` (built without jansson: 3,000 unit lines). */
void wire_summary_text(const struct summary *s, bool subtree, struct buf *b);
/* A page of tasks, {"total", "items", "as_of"}, and one task with its events, as JSON text
 * appended to `b` (a page of 50 through jansson was half of the request's time). */
void wire_task_list_text(const struct task_item *items, size_t n, size_t total, day_num as_of,
                         struct buf *b);
void wire_task_view_text(const struct task_view *v, struct buf *b);
json_t *wire_doc_counts(const struct doc_counts *dc);
json_t *wire_account(const struct account_rec *a);
json_t *wire_audit(const struct audit_rec *r);
/* wire_extract() (proposals of extract/) is in http/wire.h: the CLI prints the same. */
/* {"total": n, "items": items} (items stolen). */
json_t *wire_list(json_t *items, size_t total);

/* ---- handlers (api_*.c) ---- */
api_handler api_health, api_openapi;
api_handler api_session_create, api_session_get, api_session_delete;
api_handler api_session_password;
api_handler api_accounts_list, api_accounts_create, api_account_password, api_account_disable,
    api_account_enable;
api_handler api_tokens_list, api_tokens_create, api_token_revoke, api_audit_list;
api_handler api_units_list, api_unit_get, api_units_create, api_unit_move, api_unit_close;
api_handler api_people_list, api_people_create;
api_handler api_meetings_list, api_meeting_get, api_meetings_create;
api_handler api_documents_list, api_document_get, api_documents_create;
api_handler api_tasks_list, api_task_get, api_tasks_create, api_task_event;
api_handler api_report_summary, api_report_documents, api_report_briefing, api_search;
api_handler api_extract;

#endif
