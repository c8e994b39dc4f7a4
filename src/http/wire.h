/*
 * http/wire.h - the JSON encoders the CLI shares with the API, so that
 * `giaoban ... --format json` and the route answer with the same keys.
 * (The rest of wire.c's encoders are declared in http_int.h.)
 */
#ifndef GB_HTTP_WIRE_H
#define GB_HTTP_WIRE_H

#include <jansson.h>

#include "extract/extract.h"

/*
 * The proposals of extract_tasks() as {"tasks": [{"content", "lead", "lead_known", "lead_id",
 * "coordinating", "deadline", "deadline_time" (only with an hour), "deadline_text",
 * "recurring", "evidence", "confidence", "reason"}]}; evidence spans are [start, length] in
 * bytes of r->text, or null. A new reference.
 */
json_t *wire_extract(const struct extract_result *r);

#endif
