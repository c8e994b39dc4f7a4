/*
 * app/xlsx_read.c - the first sheet of an .xlsx workbook as CSV; see xlsx_read.h.
 *
 * minizip reads the zip from memory through its I/O callbacks. The XML is
 * scanned, not parsed into a tree: the sheet part is a flat list of
 * <row><c r="B3" t="s"><v>7</v></c></row>, and the shared strings a list of
 * <si> holding <t> runs. Anything else in the parts is skipped. The sheet
 * is found through xl/workbook.xml and its relationships, as Excel writes
 * it, falling back to xl/worksheets/sheet1.xml.
 */
#include "app/xlsx_read.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#include "util/xalloc.h"

/* ---- minizip over a memory buffer ---- */

struct mem {
    const char *data;
    size_t len, pos;
};

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *name, int mode)
{
    (void)name;
    (void)mode;
    return opaque;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
    (void)opaque;
    struct mem *m = stream;
    size_t n = m->len - m->pos < size ? m->len - m->pos : size;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (uLong)n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
    (void)opaque;
    (void)stream;
    (void)buf;
    (void)size;
    return 0;
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((struct mem *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
    (void)opaque;
    struct mem *m = stream;
    uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0
                    : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos
                                                        : m->len;
    if (base + off > m->len)
        return -1;
    m->pos = (size_t)(base + off);
    return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream)
{
    (void)opaque;
    (void)stream;
    return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream)
{
    (void)opaque;
    (void)stream;
    return 0;
}

/* Read one part into a NUL-terminated heap string; *out NULL when absent. */
static int read_part(unzFile z, const char *name, char **out, size_t *len, struct error *e)
{
    *out = NULL;
    if (unzLocateFile(z, name, 0) != UNZ_OK)
        return ERR_OK;
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(z, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
        return error_set(e, ERR_INVALID, "file", "Tệp Excel bị hỏng (không đọc được %s)", name);
    if (info.uncompressed_size > XLSX_READ_MAX_PART)
        return error_set(e, ERR_TOO_BIG, "file", "Tệp Excel quá lớn (phần %s vượt %u MB)", name,
                         XLSX_READ_MAX_PART >> 20);
    if (unzOpenCurrentFile(z) != UNZ_OK)
        return error_set(e, ERR_INVALID, "file", "Tệp Excel bị hỏng (không mở được %s)", name);
    size_t n = (size_t)info.uncompressed_size;
    char *p = xmalloc(n + 1);
    size_t got = 0;
    int r;
    while (got < n && (r = unzReadCurrentFile(z, p + got, (unsigned)(n - got))) > 0)
        got += (size_t)r;
    int crc = unzCloseCurrentFile(z);
    if (got != n || crc != UNZ_OK) {
        free(p);
        return error_set(e, ERR_INVALID, "file", "Tệp Excel bị hỏng (phần %s không đọc hết)",
                         name);
    }
    p[n] = 0;
    *out = p;
    *len = n;
    return ERR_OK;
}

/* ---- XML scanning ---- */

/* Append the text s[0..n) with XML entities decoded; line breaks become spaces. */
static void add_xml_text(struct buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r' || c == '\n' || c == '\t') {
            buf_addc(b, ' ');
            continue;
        }
        if (c != '&') {
            buf_addc(b, c);
            continue;
        }
        const char *semi = memchr(s + i, ';', n - i);
        if (!semi || semi - (s + i) > 10) {
            buf_addc(b, c);
            continue;
        }
        size_t k = (size_t)(semi - (s + i)) + 1;
        static const struct {
            const char *ent;
            char ch;
        } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        bool done = false;
        for (size_t x = 0; x < 5 && !done; x++)
            if (k == strlen(ents[x].ent) && memcmp(s + i, ents[x].ent, k) == 0) {
                buf_addc(b, ents[x].ch);
                done = true;
            }
        if (!done && s[i + 1] == '#') {
            unsigned long cp = s[i + 2] == 'x' ? strtoul(s + i + 3, NULL, 16)
                                               : strtoul(s + i + 2, NULL, 10);
            if (cp >= 0x20 && cp < 0x110000 && !(cp >= 0xD800 && cp < 0xE000)) {
                char u[4];
                size_t m;
                if (cp < 0x80) {
                    u[0] = (char)cp;
                    m = 1;
                } else if (cp < 0x800) {
                    u[0] = (char)(0xC0 | (cp >> 6));
                    u[1] = (char)(0x80 | (cp & 0x3F));
                    m = 2;
                } else if (cp < 0x10000) {
                    u[0] = (char)(0xE0 | (cp >> 12));
                    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    u[2] = (char)(0x80 | (cp & 0x3F));
                    m = 3;
                } else {
                    u[0] = (char)(0xF0 | (cp >> 18));
                    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    u[3] = (char)(0x80 | (cp & 0x3F));
                    m = 4;
                }
                buf_add(b, u, m);
            } else {
                buf_addc(b, ' ');
            }
            done = true;
        }
        if (!done) {
            buf_addc(b, c);
            continue;
        }
        i += k - 1;
    }
}

/* The value of attribute `name` inside the tag [tag, end) into out (at most cap-1 bytes). */
static bool attr(const char *tag, const char *end, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (const char *p = tag; p + nl + 2 < end; p++) {
        if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n') && memcmp(p, name, nl) == 0 &&
            p[nl] == '=' && (p[nl + 1] == '"' || p[nl + 1] == '\'')) {
            char q = p[nl + 1];
            const char *v = p + nl + 2, *ve = memchr(v, q, (size_t)(end - v));
            if (!ve)
                return false;
            size_t n = (size_t)(ve - v) < cap - 1 ? (size_t)(ve - v) : cap - 1;
            memcpy(out, v, n);
            out[n] = 0;
            return true;
        }
    }
    return false;
}

/* The first `s` in [p, end), or NULL. Bounded, not strstr: a part may hold a NUL byte (never
 * valid XML), and the text after it must still be read, and the byte reach the import. */
static const char *find_str(const char *p, const char *end, const char *s)
{
    return p && p < end ? memmem(p, (size_t)(end - p), s, strlen(s)) : NULL;
}

/* Next element named `name` ("<name" then space, '>' or '/') at or after p. */
static const char *find_tag(const char *p, const char *end, const char *name)
{
    size_t nl = strlen(name);
    while (p && p < end && (p = memchr(p, '<', (size_t)(end - p)))) {
        if ((size_t)(end - p) > nl + 1 && memcmp(p + 1, name, nl) == 0 &&
            (p[nl + 1] == ' ' || p[nl + 1] == '>' || p[nl + 1] == '/'))
            return p;
        p++;
    }
    return NULL;
}

/* The text of every <t> inside [p, end), concatenated (shared strings, inline strings). */
static void add_runs(struct buf *b, const char *p, const char *end)
{
    while ((p = find_tag(p, end, "t"))) {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt)
            return;
        if (gt[-1] == '/') { /* <t/> */
            p = gt;
            continue;
        }
        const char *close = find_str(gt, end, "</t>");
        if (!close)
            return;
        add_xml_text(b, gt + 1, (size_t)(close - gt - 1));
        p = close + 4;
    }
}

struct strings {
    char **v;
    size_t *len; /* v[i] may hold a NUL byte */
    size_t n, cap, cap_len;
};

static void load_strings(const char *xml, size_t len, struct strings *s)
{
    const char *end = xml + len, *p = xml;
    while ((p = find_tag(p, end, "si"))) {
        const char *close = find_str(p, end, "</si>");
        const char *stop = close ? close : end;
        struct buf b = BUF_INIT(XLSX_READ_MAX_PART);
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (gt && gt[-1] != '/')
            add_runs(&b, gt, stop);
        s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
        s->len = xgrow(s->len, &s->cap_len, s->n + 1, sizeof *s->len);
        s->v[s->n] = buf_take(&b, &s->len[s->n]);
        s->n++;
        p = close ? close + 5 : end;
    }
}

/* Excel's own bounds: 1,048,576 rows, 16,384 columns (A to XFD). */
#define XLSX_MAX_ROWS 1048576L
#define XLSX_MAX_COLS 16384L

/* "BC12" -> column 54 (0-based); more letters than Excel has give XLSX_MAX_COLS. */
static long col_of(const char *ref)
{
    long c = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
        c = c * 26 + (*ref - 'A' + 1);
        if (c > XLSX_MAX_COLS)
            return XLSX_MAX_COLS;
    }
    return c - 1;
}

/* A number as the sheet stores it ("1297314.5", "1.2E3") the Vietnamese way ("1297314,5"). */
static void add_number(struct buf *b, const char *v)
{
    if (strpbrk(v, "eE")) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.3f", strtod(v, NULL));
        char *dot = strchr(tmp, '.');
        if (dot) {
            char *z = tmp + strlen(tmp);
            while (z > dot + 1 && z[-1] == '0')
                *--z = 0;
            if (z == dot + 1)
                *dot = 0;
            else
                *dot = ',';
        }
        buf_adds(b, tmp);
        return;
    }
    for (; *v; v++)
        buf_addc(b, *v == '.' ? ',' : *v);
}

static void add_quoted(struct buf *b, const char *s, size_t n)
{
    buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            buf_addc(b, '"');
        buf_addc(b, s[i]);
    }
    buf_addc(b, '"');
}

/* The sheet as CSV text in `out`; false (out untouched past what was written) when a row
 * number lies beyond Excel's last row: a broken or hostile file, which would otherwise have
 * this write billions of empty lines. */
static bool convert_sheet(const char *xml, size_t len, const struct strings *ss, struct buf *out)
{
    const char *end = xml + len, *p = xml;
    long line = 1;
    struct buf cell = BUF_INIT(XLSX_READ_MAX_PART);
    while ((p = find_tag(p, end, "row"))) {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt)
            break;
        char r[24];
        long rownum = attr(p, gt, "r", r, sizeof r) ? strtol(r, NULL, 10) : line;
        if (rownum > XLSX_MAX_ROWS) {
            buf_release(&cell);
            return false;
        }
        if (rownum < line)
            rownum = line;
        for (; line < rownum; line++)
            buf_addc(out, '\n');
        const char *row_end = gt[-1] == '/' ? gt : find_str(gt, end, "</row>");
        if (!row_end)
            row_end = end;
        size_t row_start = out->len;
        long next_col = 0; /* of a cell without r="..." */
        long written = 0;  /* columns written on this line */
        const char *c = gt;
        while ((c = find_tag(c, row_end, "c"))) {
            const char *cgt = memchr(c, '>', (size_t)(row_end - c));
            if (!cgt)
                break;
            char ref[24] = "", type[16] = "n";
            attr(c, cgt, "r", ref, sizeof ref);
            attr(c, cgt, "t", type, sizeof type);
            long col = *ref ? col_of(ref) : next_col;
            if (col < next_col || col > 16383)
                col = next_col;
            const char *cend = cgt[-1] == '/' ? cgt : find_str(cgt, row_end, "</c>");
            if (!cend)
                cend = row_end;
            buf_reset(&cell);
            if (strcmp(type, "inlineStr") == 0) {
                add_runs(&cell, cgt, cend);
            } else {
                const char *v = find_tag(cgt, cend, "v");
                const char *vgt = v ? memchr(v, '>', (size_t)(cend - v)) : NULL;
                const char *vend = vgt ? find_str(vgt, cend, "</v>") : NULL;
                if (vend) {
                    struct buf raw = BUF_INIT(XLSX_READ_MAX_PART);
                    add_xml_text(&raw, vgt + 1, (size_t)(vend - vgt - 1));
                    if (memchr(raw.data, '\0', raw.len)) {
                        buf_add(&cell, raw.data, raw.len); /* as it is: the import refuses it */
                    } else if (strcmp(type, "s") == 0) {
                        unsigned long k = strtoul(raw.data, NULL, 10);
                        if (k < ss->n)
                            buf_add(&cell, ss->v[k], ss->len[k]);
                    } else if (strcmp(type, "n") == 0) {
                        add_number(&cell, raw.data);
                    } else {
                        buf_add(&cell, raw.data, raw.len);
                    }
                    buf_release(&raw);
                }
            }
            next_col = col + 1;
            c = cend;
            /* An empty cell (formatted, or emptied) is no column: the line ends at the last
             * cell holding something, as the sheet shows it. */
            if (cell.len == 0)
                continue;
            for (; written < col; written++)
                buf_adds(out, written ? ",\"\"" : "\"\"");
            if (written)
                buf_addc(out, ',');
            add_quoted(out, cell.data, cell.len);
            written = col + 1;
        }
        /* A NUL byte elsewhere in the row's XML: kept on its line, which the import refuses. */
        if (memchr(p, '\0', (size_t)(row_end - p)) &&
            !memchr(out->data + row_start, '\0', out->len - row_start))
            buf_addc(out, '\0');
        buf_addc(out, '\n');
        line++;
        p = row_end;
    }
    buf_release(&cell);
    return true;
}

/* Set name to the target of sheet `index` in workbook.xml wb (its <sheet r:id>) through the
 * relationships rels; name is left as it is when they do not say. */
static void sheet_target(const char *wb, size_t wl, const char *rels, size_t rl, int index,
                         char *name, size_t cap)
{
    const char *s = find_tag(wb, wb + wl, "sheet");
    for (int i = 0; i < index && s; i++)
        s = find_tag(s + 1, wb + wl, "sheet");
    const char *sgt = s ? memchr(s, '>', (size_t)(wb + wl - s)) : NULL;
    char rid[64];
    if (!sgt || !attr(s, sgt, "r:id", rid, sizeof rid))
        return;
    for (const char *r = rels; (r = find_tag(r, rels + rl, "Relationship")); r++) {
        const char *rgt = memchr(r, '>', (size_t)(rels + rl - r));
        char id[64], target[200];
        if (!rgt)
            break;
        if (attr(r, rgt, "Id", id, sizeof id) && strcmp(id, rid) == 0 &&
            attr(r, rgt, "Target", target, sizeof target)) {
            if (target[0] == '/')
                snprintf(name, cap, "%s", target + 1);
            else
                snprintf(name, cap, "xl/%s", target);
            break;
        }
    }
}

/* The part name of sheet `index` (0-based, in workbook order): workbook.xml's <sheet r:id>,
 * through the relationships. */
static const char *sheet_name(unzFile z, int index, char *name, size_t cap, struct error *e)
{
    char *wb = NULL, *rels = NULL;
    size_t wl = 0, rl = 0;
    snprintf(name, cap, "xl/worksheets/sheet%d.xml", index + 1);
    if (!read_part(z, "xl/workbook.xml", &wb, &wl, e) &&
        !read_part(z, "xl/_rels/workbook.xml.rels", &rels, &rl, e) && wb && rels)
        sheet_target(wb, wl, rels, rl, index, name, cap);
    free(wb);
    free(rels);
    return name;
}

int xlsx_read_first_sheet(const char *data, size_t len, struct buf *out, struct error *e)
{
    return xlsx_read_sheet(data, len, 0, out, e);
}

int xlsx_read_sheet(const char *data, size_t len, int index, struct buf *out, struct error *e)
{
    if (len < 4 || memcmp(data, "PK\x03\x04", 4) != 0)
        return error_set(e, ERR_INVALID, "file",
                         "Tệp không phải tệp Excel .xlsx (tệp .xls cũ cần lưu lại dạng .xlsx)");
    struct mem m = {data, len, 0};
    zlib_filefunc64_def io = {mem_open, mem_read, mem_write, mem_tell, mem_seek,
                              mem_close, mem_error, &m};
    unzFile z = unzOpen2_64("mem", &io);
    if (!z)
        return error_set(e, ERR_INVALID, "file", "Tệp Excel bị hỏng (không đọc được tệp nén)");
    struct strings ss = {0};
    char *sst = NULL, *sheet = NULL;
    size_t sl = 0, shl = 0;
    char name[256];
    int rc;
    if ((rc = read_part(z, "xl/sharedStrings.xml", &sst, &sl, e)))
        goto out;
    if (sst)
        load_strings(sst, sl, &ss);
    sheet_name(z, index, name, sizeof name, e);
    if ((rc = read_part(z, name, &sheet, &shl, e)))
        goto out;
    if (!sheet) {
        rc = error_set(e, ERR_INVALID, "file", "Tệp Excel không có trang tính số %d", index + 1);
        goto out;
    }
    if (!convert_sheet(sheet, shl, &ss, out))
        rc = error_set(e, ERR_INVALID, "file",
                       "Tệp Excel bị hỏng: có dòng số vượt quá 1.048.576 dòng của Excel");
    else if (out->failed)
        rc = error_set(e, ERR_TOO_BIG, "file", "Tệp Excel quá lớn");
out:
    for (size_t i = 0; i < ss.n; i++)
        free(ss.v[i]);
    free(ss.v);
    free(ss.len);
    free(sst);
    free(sheet);
    unzClose(z);
    return rc;
}
