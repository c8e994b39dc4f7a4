/*
 * http/wire.h - the JSON encoders the CLI shares with the API, so that
 * `giaoban ... --format json` and the route answer with the same keys.
 * (The rest of wire.c's encoders are declared in http_int.h.)
 */
#ifndef GB_HTTP_WIRE_H
#define GB_HTTP_WIRE_H

#include <jansson.h>

#include "extract/extract.h"
#include "store/records.h"
#include "util/buf.h"

/*
 * The proposals of extract_tasks() as {"tasks": [{"content", "lead", "lead_known", "lead_id",
 * "coordinating", "deadline", "deadline_time" (only with an hour), "deadline_text",
 * "recurring", "evidence", "confidence", "reason"}]}; evidence spans are [start, length] in
 * bytes of r->text, or null. A new reference.
 */
json_t *wire_extract(const struct extract_result *r);

/*
 * Records that handlers still write with json_pack, from http/record.c's descriptions (the
 * same bytes): a token without its secret, a search hit, a meeting's notice; and a meeting
 * with its notices and task ids as JSON text (as GET /api/v1/meetings/{id} answers).
 */
json_t *wire_token(const struct token_rec *t);
json_t *wire_search_hit(const struct search_hit *h);
json_t *wire_notice(const struct doc_rec *d);
void wire_meeting_detail_text(const struct meeting_rec *m, const struct doc_rec *notices,
                              size_t n_notices, const int64_t *task_ids, size_t n_task_ids,
                              struct buf *b);

#endif
