/*
 * http/body.h - request bodies: each route's members described once, and
 * checked once, before any handler reads them.
 *
 * A `struct body_schema` lists the members a route's JSON object may hold,
 * each with its JSON type, whether it is required and whether `null` is
 * allowed. body_check() (called by the router for every ROUTE_BODY route)
 * refuses, with 422 naming the member: a member not in the list, a value of
 * another JSON type (a number for a text, text for an id or a boolean, an
 * array or object where a scalar is meant), `null` where the member is not
 * nullable, "" for a date, an hour or a unit, a string holding NUL, an id
 * that is not a positive integer, a number out of its range. Lone
 * surrogates and numbers beyond 64 bits never get here: the JSON parser
 * refuses them (400). What a value means (is the date a real day, is the
 * unit known, in scope) is for the handler and app/ to say.
 *
 * The same descriptions make the request schemas of the OpenAPI document
 * (body_schema_json), so the document cannot say other than the server does.
 *
 * The readers below take a member already checked by body_check().
 */
#ifndef GB_HTTP_BODY_H
#define GB_HTTP_BODY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"

struct request;

enum body_type {
    BODY_TEXT,  /* a string */
    BODY_DATE,  /* a string: "2020-09-15" (or "15/9/2020"); never "" */
    BODY_TIME,  /* a string: "14:00"; never "" */
    BODY_ID,    /* a positive integer: the id of a record */
    BODY_INT,   /* an integer within [min, max] */
    BODY_BOOL,  /* true or false */
    BODY_UNIT,  /* a unit: its id (a positive integer) or its code or name (a non-empty string) */
    BODY_UNITS, /* an array of units, at most BODY_ARRAY_MAX */
    BODY_TEXTS, /* an array of strings, at most BODY_ARRAY_MAX */
};

#define BODY_ARRAY_MAX 200

enum body_flag {
    BODY_REQUIRED = 1 << 0, /* must be present (the handler words the message) */
    BODY_NULLABLE = 1 << 1, /* null allowed: it means "none", as if absent */
};

struct body_member {
    const char *name;
    enum body_type type;
    unsigned flags;
    int64_t min, max;        /* BODY_INT only */
    const char *description; /* Vietnamese, for the OpenAPI document; NULL: none */
};

struct body_schema {
    const char *name;                  /* the OpenAPI component: "TaskInput" */
    const struct body_member *members; /* ended by a zeroed entry */
};

/* Every schema a route names, NULL-terminated (for the OpenAPI document). */
extern const struct body_schema *const body_schemas[];

extern const struct body_schema body_empty, body_login, body_password_change, body_password_reset,
    body_account, body_token, body_unit_input, body_unit_move, body_unit_close, body_person,
    body_meeting, body_document, body_task, body_event, body_extract;

/* Check rq->json (an object) against `schema`: see the top of this file. */
int body_check(struct request *rq, const struct body_schema *schema, struct error *e);

/* The schema as an OpenAPI 3.0 object schema (a new reference). */
json_t *body_schema_json(const struct body_schema *schema);

/* ---- readers of checked members; absent or null gives NULL / false ---- */
/* A text, date or hour member; an integer member (an id, a number) as its decimal text. */
int body_str(struct request *rq, const char *name, const char **out, struct error *e);
/* A unit member: an id as "#12" (as app_unit_resolve takes it), a code or name as given. */
int body_unit(struct request *rq, const char *name, const char **out, struct error *e);
int body_bool(struct request *rq, const char *name, bool *out, struct error *e);
/* An array member, NULL-terminated, from the arena: units as body_unit gives them. */
int body_strs(struct request *rq, const char *name, const char ***out, struct error *e);

#endif
