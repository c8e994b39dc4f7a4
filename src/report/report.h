/*
 * report/report.h - the briefing report laid out: JSON, HTML, XLSX, PDF.
 *
 * The renderers take a struct briefing that app_briefing() computed and
 * only lay it out: every figure and every sentence comes from it, so the
 * four formats always agree. They include app/ and core/ headers, never a
 * database, HTTP or CLI one (tools/check-layers.sh). The HTTP API and the
 * CLI both call report_briefing().
 */
#ifndef GB_REPORT_REPORT_H
#define GB_REPORT_REPORT_H

#include <jansson.h>

#include "app/briefing.h"
#include "util/buf.h"
#include "util/error.h"

enum report_format {
    REPORT_HTML = 1,
    REPORT_JSON,
    REPORT_XLSX,
    REPORT_PDF,
};

/* "html", "json", "xlsx", "pdf"; 0 when unknown. */
int report_format_from_name(const char *name);
const char *report_format_mime(enum report_format f); /* "text/html; charset=utf-8"... */

/* Render `b` in format `f`, appending the bytes to `out`. ERR_INTERNAL if a library fails. */
int report_briefing(const struct briefing *b, enum report_format f, struct buf *out,
                    struct error *e);

/* The pieces, for callers that want them alone. */
json_t *briefing_json(const struct briefing *b); /* a new reference */
void briefing_html(const struct briefing *b, struct buf *out);
int briefing_xlsx(const struct briefing *b, const char *path, struct error *e);
int briefing_pdf(const struct briefing *b, struct buf *out, struct error *e);

#endif
