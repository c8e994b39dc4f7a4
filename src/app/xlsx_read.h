/*
 * app/xlsx_read.h - reading the cells of an .xlsx workbook, for imports.
 *
 * An .xlsx file is a zip (read with minizip) of XML parts: the first sheet
 * and the shared strings are all an import needs. This reads exactly that:
 * values, not formats or formulas (a formula cell gives its cached value).
 */
#ifndef GB_APP_XLSX_READ_H
#define GB_APP_XLSX_READ_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

#define XLSX_READ_MAX_PART (256u << 20) /* an XML part larger than this is refused */

/*
 * The first sheet of the workbook in data[0..len) as CSV text appended to
 * `out`: one line per sheet row, row N of the sheet on line N (empty lines
 * fill the gaps), every field quoted, numbers written the Vietnamese way
 * ("1297314,5"), line breaks inside a cell as spaces. A line ends at its
 * last cell holding something: an empty (formatted) cell after it is no
 * column. A NUL byte in a row (never valid XML) stays on that row's line,
 * for the import to refuse. So an import of it reports the row numbers
 * Excel shows. ERR_INVALID when it is not a workbook, ERR_TOO_BIG past
 * XLSX_READ_MAX_PART.
 */
int xlsx_read_first_sheet(const char *data, size_t len, struct buf *out, struct error *e);
/* The same for sheet `index` (0-based, in the workbook's order). */
int xlsx_read_sheet(const char *data, size_t len, int index, struct buf *out, struct error *e);

#endif
