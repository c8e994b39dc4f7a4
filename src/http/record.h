/*
 * http/record.h - each record the API answers with, described once.
 *
 * A `struct rec_desc` lists a record's JSON members in the order they are
 * written: the key, the type, whether it may be null or left out, a short
 * Vietnamese description, and where the value lives in the C struct that
 * app/ or store/ hands over (offsetof). From that one description:
 *
 *   rec_write()       the record as JSON text into a buf (util/buf.h): the
 *                     API's only JSON writer for records (wire.c);
 *   rec_json()        the same record as a jansson value, for the handlers
 *                     that still assemble jansson objects (built from the same
 *                     description; jansson writes it as rec_write does);
 *   rec_schema_json() the record's OpenAPI 3.0 component schema (openapi.c).
 *
 * Adding a member to a record is adding one line to its table in record.c
 * (the value must be in the struct the table describes).
 */
#ifndef GB_HTTP_RECORD_H
#define GB_HTTP_RECORD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/account.h"
#include "app/app.h"
#include "extract/extract.h"
#include "util/buf.h"

enum rec_type {
    REC_INT,    /* int64_t */
    REC_INT32,  /* int */
    REC_SIZE,   /* size_t */
    REC_ID,     /* int64_t; 0 is null */
    REC_SUM,    /* int64_t at `off` plus int64_t at `off2` */
    REC_BOOL,   /* bool */
    REC_TEXT,   /* const char *; NULL is null */
    REC_DATE,   /* day_num as "2020-09-15"; DAY_NONE is null */
    REC_TIME,   /* int minutes after midnight as "14:05"; negative: the member is left out */
    REC_ENUM,   /* an enum (int-sized) at `off`, written as enum_name(value) */
    REC_REF,    /* {"id", "name"}: int64_t at `off`, const char * at `off2`; with
                   REC_NULLABLE an id 0 is null */
    REC_IDS,    /* const int64_t * at `off`, size_t count at `off2`; NULL: [], or left out
                   with REC_OPTIONAL */
    REC_TEXTS,  /* const char ** NULL-terminated at `off`; NULL: [], or left out with
                   REC_OPTIONAL */
    REC_INLINE, /* the members of `sub`, its offsets counted from `off` */
    REC_OBJECT, /* the record `sub` at `off` (inside this struct) */
    REC_ARRAY,  /* records `sub`: pointer at `off`, size_t count at `off2` */
    REC_JSON,   /* const char * holding JSON text, embedded as its value; NULL or not JSON: null */
    REC_RATE,   /* the on-time rate of the counters int64_t[CNT_N] at `off` (an exact fraction of
                   integers until written): {"value", "text"}, and "formula" with REC_FORMULA */
    REC_COUNT_MAP,  /* struct doc_type_count * at `off`, size_t count at `off2`: {type: count} */
    REC_TEXTS_N,    /* const char ** at `off`, size_t count at `off2` */
    REC_SPAN,       /* struct extract_span at `off`: [start, length], null when length is 0 */
    REC_SPANS,      /* struct extract_span * at `off`, size_t count at `off2`: [span...] */
    REC_HUNDREDTHS, /* double at `off`, cut to hundredths, written as a JSON real (0.8, 1.0) */
};

enum rec_flag {
    REC_NULLABLE = 1 << 0, /* may be null (for the schema; REC_REF: id 0 is null) */
    REC_OPTIONAL = 1 << 1, /* may be left out (REC_TIME, REC_IDS, REC_TEXTS): not "required" */
    REC_FORMULA = 1 << 2,  /* REC_RATE: with the formula's text */
};

struct rec_desc;

struct rec_field {
    const char *key;  /* "deadline_in_force" */
    const char *qkey; /* ",\"deadline_in_force\":", as written (the comma after the first) */
    size_t qlen;      /* strlen(qkey) */
    enum rec_type type;
    unsigned flags;
    size_t off, off2;
    const struct rec_desc *sub;    /* REC_INLINE, REC_OBJECT, REC_ARRAY */
    const char *(*enum_name)(int); /* REC_ENUM */
    int enum_lo, enum_hi;          /* REC_ENUM: the values the schema lists */
    const char *doc;               /* Vietnamese, for the OpenAPI document; NULL: none */
};

struct rec_desc {
    const char *name;               /* the OpenAPI component: "Task" */
    size_t size;                    /* sizeof the struct described (for REC_ARRAY) */
    const struct rec_field *fields; /* ended by a zeroed entry */
    bool open; /* the schema allows other members (no additionalProperties:false) */
    const char *doc;
};

/* The records (record.c); each describes the struct named beside it. */
extern const struct rec_desc rec_unit;             /* struct unit_rec */
extern const struct rec_desc rec_person;           /* struct person_rec */
extern const struct rec_desc rec_meeting;          /* struct meeting_rec */
extern const struct rec_desc rec_document;         /* struct doc_rec */
extern const struct rec_desc rec_notice;           /* struct doc_rec: a meeting's notice, briefly */
extern const struct rec_desc rec_meeting_detail;   /* struct rec_meeting_detail */
extern const struct rec_desc rec_task;             /* struct task_item */
extern const struct rec_desc rec_event;            /* struct event_rec */
extern const struct rec_desc rec_task_detail;      /* struct rec_task_detail */
extern const struct rec_desc rec_task_list;        /* struct rec_page of struct task_item */
extern const struct rec_desc rec_counts;           /* int64_t[CNT_N] */
extern const struct rec_desc rec_unit_line;        /* struct unit_line */
extern const struct rec_desc rec_overdue;          /* struct overdue_item */
extern const struct rec_desc rec_summary;          /* struct rec_summary */
extern const struct rec_desc rec_doc_counts;       /* struct doc_counts */
extern const struct rec_desc rec_account;          /* struct account_rec */
extern const struct rec_desc rec_token;            /* struct token_rec */
extern const struct rec_desc rec_audit;            /* struct audit_rec */
extern const struct rec_desc rec_search_hit;       /* struct search_hit */
extern const struct rec_desc rec_extract_result;   /* struct extract_result */
extern const struct rec_desc rec_extract_task;     /* struct extract_task */
extern const struct rec_desc rec_extract_evidence; /* struct extract_task: its spans */

/* A task's detail: the task as of a day, the extension asked, its events. */
struct rec_task_detail {
    struct task_item item;
    day_num pending_ext;
    const struct event_rec *events;
    size_t n_events;
};

/* A meeting with its conclusion notices and the ids of the tasks concluded at it. */
struct rec_meeting_detail {
    struct meeting_rec m;
    const struct doc_rec *notices;
    size_t n_notices;
    const int64_t *task_ids;
    size_t n_task_ids;
};

/* The summary with what the question asked (one unit or its subtree). */
struct rec_summary {
    struct summary s;
    bool subtree;
};

/* A page of records: {"total", "items"} (and "as_of" for rec_task_list). */
struct rec_page {
    const void *items;
    size_t n, total;
    day_num as_of;
};

/* Every record the OpenAPI document describes, and the lists {"total", "items"} of some:
 * {list name, item record}. Both NULL-terminated. */
extern const struct rec_desc *const rec_schemas[];
struct rec_list_schema {
    const char *name;
    const struct rec_desc *item;
};
extern const struct rec_list_schema rec_list_schemas[];

/* Append the record `rec` (the struct `d` describes) as a JSON object. */
void rec_write(struct buf *b, const struct rec_desc *d, const void *rec);
/* Append {"total": total, "items": [the n records of `d` at items]}. */
void rec_write_page(struct buf *b, const struct rec_desc *d, const void *items, size_t n,
                    size_t total);
/* The record as a jansson object (what rec_write writes): a new reference. */
json_t *rec_json(const struct rec_desc *d, const void *rec);
/* The record's OpenAPI 3.0 schema: a new reference. */
json_t *rec_schema_json(const struct rec_desc *d);
/* The schema of a list {"total", "items"}: a new reference. */
json_t *rec_schema_list_json(const struct rec_list_schema *l);
/* The schemas the records' members refer to ("UnitRef", "Rate"), or NULL for another name. */
json_t *rec_schema_shared(const char *name);
extern const char *const rec_shared_schemas[]; /* their names, NULL-terminated */

/* The on-time rate as an exact fraction, by app's summary_on_time_fraction(); *den 0 when
 * there is no base. */
void rec_rate(const int64_t c[CNT_N], int64_t *num, int64_t *den);
/* Tenths of a percent of num/den, rounded half up, in integers (den > 0, 0 <= num <= den);
 * as app's summary_on_time_tenths(), without its overflow past 4.6e15 tasks. */
int64_t rec_rate_tenths(int64_t num, int64_t den);

#endif
