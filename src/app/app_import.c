/*
 * app/app_import.c - imports of dossiers and indicator values from CSV and
 * XLSX files: all rows or none. See briefing.h.
 *
 * Two passes over the file. The first cleans and checks every row, writing
 * nothing, and lists each bad row by its line number; if any row is bad the
 * import stops there, so a clerk fixes the file and imports it again instead
 * of hunting for half-imported rows. The second pass writes every row in one
 * transaction; a row the database still refuses rolls everything back and
 * is reported by its line too. A dossier whose code the unit's register
 * already holds is the same dossier exported again: it takes the file's
 * values (audited, before and after), or is left as it is when they agree.
 * Rows are not kept between the passes: a million-row export is re-read,
 * not held in memory.
 *
 * Legacy encodings: bytes that are not UTF-8 come from TCVN3 (ABC) or VNI
 * files of older software; they are refused as a whole. Text that is valid
 * UTF-8 but holds Latin-1 letters Vietnamese never uses (ñ, ö, ø, ¸, µ...)
 * is a legacy file already converted the wrong way; such a row is refused.
 *
 * Nothing is guessed: a NUL byte (the file is read by its length, so it is
 * seen), a row with more fields than the header (an unquoted "1000,5"), a
 * month outside 1-12, a day its month does not have, a time of day that is
 * none, a year outside 1900-2200, a number past 10^15 and a negative count
 * are each refused, naming the line and the column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app_int.h"
#include "app/briefing.h"
#include "app/briefing_int.h"
#include "app/xlsx_read.h"
#include "core/vnum.h"
#include "text/legacy.h"
#include "text/normalize.h"
#include "util/xalloc.h"

#define CSV_MAX_FIELDS 64
#define CSV_MAX_FIELD (64u << 10)

/* ---- CSV ---- */

struct csv {
    const char *p, *end;
    char sep;
    size_t line; /* of the next character */
};

/*
 * Read one record into fields (copies into `a`). *n 0 and true at the end.
 * A blank line is skipped. *line gets the record's first line. A bad record
 * is read to its end all the same, so the next call starts at the next one;
 * its message does not name the line (the caller does).
 */
static int csv_record(struct csv *c, struct arena *a, const char **fields, size_t *n,
                      size_t *line, struct error *e)
{
    *n = 0;
    while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
        if (*c->p == '\n')
            c->line++;
        c->p++;
    }
    *line = c->line;
    if (c->p >= c->end)
        return ERR_OK;
    struct buf f = BUF_INIT(CSV_MAX_FIELD);
    for (;;) {
        buf_reset(&f);
        if (c->p < c->end && *c->p == '"') {
            c->p++;
            for (;;) {
                if (c->p >= c->end) {
                    buf_release(&f);
                    return error_set(e, ERR_INVALID, "file",
                                     "dấu ngoặc kép mở ở dòng này không được đóng");
                }
                if (*c->p == '"') {
                    if (c->p + 1 < c->end && c->p[1] == '"') {
                        buf_addc(&f, '"');
                        c->p += 2;
                        continue;
                    }
                    c->p++;
                    break;
                }
                if (*c->p == '\n')
                    c->line++;
                buf_addc(&f, *c->p++);
            }
            /* Anything up to the separator after a closing quote is kept as typed. */
        }
        while (c->p < c->end && *c->p != c->sep && *c->p != '\n' && *c->p != '\r')
            buf_addc(&f, *c->p++);
        if (f.failed) {
            buf_release(&f);
            return error_set(e, ERR_TOO_BIG, "file", "một ô dài quá %u KB", CSV_MAX_FIELD >> 10);
        }
        if (*n < CSV_MAX_FIELDS)
            fields[*n] = arena_strndup(a, f.data, f.len);
        (*n)++; /* counted on past CSV_MAX_FIELDS, for the message */
        if (c->p < c->end && *c->p == c->sep) {
            c->p++;
            continue;
        }
        if (c->p < c->end && *c->p == '\r')
            c->p++;
        if (c->p < c->end && *c->p == '\n') {
            c->p++;
            c->line++;
        }
        break;
    }
    buf_release(&f);
    if (*n > CSV_MAX_FIELDS)
        return error_set(e, ERR_INVALID, "file", "có %zu cột, quá %d cột", *n, CSV_MAX_FIELDS);
    return ERR_OK;
}

/* The separator: the one of , ; TAB seen most on the first line, outside quotes. */
static char guess_sep(const char *p, const char *end)
{
    int n[3] = {0, 0, 0};
    bool q = false;
    for (; p < end && (q || *p != '\n'); p++) {
        if (*p == '"')
            q = !q;
        else if (!q)
            n[0] += *p == ',', n[1] += *p == ';', n[2] += *p == '\t';
    }
    return n[1] > n[0] && n[1] >= n[2] ? ';' : n[2] > n[0] ? '\t' : ',';
}

/* The line of the first byte that is not UTF-8, or 0. */
static size_t first_bad_utf8_line(const char *p, size_t len)
{
    if (text_valid_utf8(p, len))
        return 0;
    size_t line = 1;
    const char *start = p, *end = p + len;
    for (const char *q = p; q < end; q++) {
        if (*q == '\n') {
            if (!text_valid_utf8(start, (size_t)(q - start)))
                return line;
            line++;
            start = q + 1;
        }
    }
    return line;
}

/* Does valid UTF-8 `s` hold a character a Vietnamese text never has (a legacy file misread)? */
static bool looks_legacy(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if (*p == 0xC2 && p[1] >= 0xA1 && p[1] <= 0xBF && p[1] != 0xB0 && p[1] != 0xB1)
            return true; /* ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ ® ¯ ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿ */
        if (*p == 0xC3) {
            /* Latin-1 letters: Vietnamese uses À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý and lower case. */
            static const char ok[] = "\x80\x81\x82\x83\x88\x89\x8a\x8c\x8d\x92\x93\x94\x95\x99"
                                     "\x9a\x9d\xa0\xa1\xa2\xa3\xa8\xa9\xaa\xac\xad\xb2\xb3\xb4"
                                     "\xb5\xb9\xba\xbd";
            if (p[1] && !strchr(ok, p[1]))
                return true;
        }
        if (*p == 0xC6 && p[1] == 0x92)
            return true; /* ƒ */
        if (*p == 0xE2 && p[1] == 0x80 && (p[2] == 0xA0 || p[2] == 0xA1 || p[2] == 0xB0 ||
                                           p[2] == 0xB9 || p[2] == 0xBA))
            return true; /* † ‡ ‰ ‹ › */
    }
    return false;
}

/* ---- the two-pass import ---- */

struct column {
    const char *const *names; /* folded (text_fold) header names accepted, NULL-terminated */
    const char *label;        /* for messages */
    bool required;
    const char *field;        /* the error field a row's check names it by */
};

struct import;
/* Check one row (write false) or write it (write true). cols[i] is NULL when absent. */
typedef int row_fn(struct import *im, const char *const *cols, bool write, struct error *e);

struct unit_cache {
    const char *text;
    int64_t id;
};
#define UNIT_CACHE_MAX 512

struct import {
    struct app *ctx;
    struct arena *a; /* the import's own arena: ctx->a is a row's while a row is read */
    const char *default_unit;
    int64_t default_unit_id;
    struct unit_cache units[UNIT_CACHE_MAX];
    size_t n_units;
    size_t updated, unchanged; /* dossiers already in the register, by code */
    /* indicator codes seen, for the indicator import */
    struct {
        const char *code;
        int64_t id;
        bool signed_values; /* a rate in %, which may fall below zero */
    } inds[256];
    size_t n_inds;
};

static int import_unit(struct import *im, const char *text, const char *field, int64_t *id,
                       struct error *e)
{
    if (!text || !*text) {
        if (im->default_unit_id) {
            *id = im->default_unit_id;
            return ERR_OK;
        }
        return error_set(e, ERR_INVALID, field, "thiếu đơn vị (thêm cột Đơn vị hoặc dùng --unit)");
    }
    for (size_t i = 0; i < im->n_units; i++)
        if (strcmp(im->units[i].text, text) == 0) {
            *id = im->units[i].id;
            return ERR_OK;
        }
    int rc = app_unit_resolve(im->ctx, text, field, id, e);
    if (!rc && im->n_units < UNIT_CACHE_MAX)
        im->units[im->n_units++] = (struct unit_cache){arena_strdup(im->a, text), *id};
    return rc;
}

static void problem(struct import_result *r, struct arena *a, size_t line, const char *msg)
{
    r->n_bad++;
    if (r->n_problems >= IMPORT_MAX_PROBLEMS)
        return;
    if (!r->problems)
        r->problems = arena_alloc(a, IMPORT_MAX_PROBLEMS * sizeof *r->problems);
    r->problems[r->n_problems++] = (struct import_problem){line, arena_strdup(a, msg)};
}

/* s cut to at most max bytes at a character boundary, "..." when cut: a quote in a message. */
static const char *quote_cut(struct arena *a, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return s;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return arena_printf(a, "%.*s...", (int)max, s);
}

/* Read 1..max digits at *p. */
static bool digits(const char **p, int max, int *out)
{
    int n = 0, v = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++) {
        if (++n > max)
            return false;
        v = v * 10 + (**p - '0');
    }
    *out = v;
    return n > 0;
}

/* A whole number of 1-4 digits, spaces around it allowed ("2022", " 7 "); false for anything
 * else: "+7", "7,0", "-1", "99999999999999999999". */
static bool small_number(const char *s, int *out)
{
    const char *p = s ? s : "";
    while (*p == ' ' || *p == '\t')
        p++;
    if (!digits(&p, 4, out))
        return false;
    while (*p == ' ' || *p == '\t')
        p++;
    return *p == '\0';
}

/* Is p (what follows a date) a time of day: "08:30", "8:30:15", "08:30:15.250", "8:30 SA",
 * "08:30:15+07:00"? Hours 0-23 (1-12 with SA/CH, AM/PM), minutes and seconds 0-59. */
static bool is_time(const char *p)
{
    int h, m, sec = 0;
    while (*p == ' ')
        p++;
    if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &m) || m > 59)
        return false;
    if (*p == ':') {
        p++;
        if (!digits(&p, 2, &sec) || sec > 59)
            return false;
        if (*p == '.') {
            p++;
            int frac;
            if (!digits(&p, 6, &frac))
                return false;
        }
    }
    while (*p == ' ')
        p++;
    static const char *const halves[] = {"SA", "CH", "AM", "PM"};
    bool half = false;
    for (size_t i = 0; i < 4 && !half; i++)
        if (strncasecmp(p, halves[i], 2) == 0) {
            half = true;
            p += 2;
        }
    if (half ? h < 1 || h > 12 : h > 23)
        return false;
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om = 0;
        p++;
        if (!digits(&p, 2, &oh) || oh > 14)
            return false;
        if (*p == ':')
            p++;
        if (*p >= '0' && *p <= '9' && (!digits(&p, 2, &om) || om > 59))
            return false;
    }
    while (*p == ' ')
        p++;
    return *p == '\0';
}

/* Cut a time after a date ("15/09/2020 08:30" -> "15/09/2020"), as one-stop exports write;
 * what follows the date must then be a time of day ("15/09/2020 25:70" is refused). */
static int date_only(struct arena *a, const char *s, const char *field, const char **out,
                     struct error *e)
{
    *out = s;
    const char *p = s;
    while (p && *p == ' ')
        p++;
    const char *sp = p ? strchr(p, ' ') : NULL;
    if (!sp || !strchr(sp, ':'))
        return ERR_OK;
    if (!is_time(sp))
        return error_set(e, ERR_INVALID, field,
                         "giờ '%s' sau ngày không hợp lệ (dạng 08:30 hoặc 08:30:15, giờ 0-23, "
                         "phút và giây 0-59)",
                         quote_cut(a, sp + 1, 40));
    *out = arena_strndup(a, s, (size_t)(sp - s));
    return ERR_OK;
}

/* The line of the first NUL byte in data[0..len), or 0. */
static size_t first_nul_line(const char *data, size_t len)
{
    const char *nul = memchr(data, '\0', len);
    if (!nul)
        return 0;
    size_t line = 1;
    for (const char *p = data; p < nul; p++)
        line += *p == '\n';
    return line;
}

/* Refuse the whole file for msg on `line`, with advice (may be NULL) in the error only. */
static int refuse_file(struct import_result *r, struct arena *a, size_t line, int code,
                       const char *msg, const char *advice, struct error *e)
{
    problem(r, a, line, msg);
    return error_set(e, code, "file", "Dòng %zu: %s.%s%s Chưa nhập dòng nào.", line, msg,
                     advice ? " " : "", advice ? advice : "");
}

/*
 * The two passes over data[0..len): CSV text, or an .xlsx sheet as xlsx_read gives it (then
 * `xlsx`, and its lines are the sheet's rows). spec[0..n_spec) are the columns; fn checks or
 * writes one row.
 */
static int import_audit(struct import *im, const char *action, size_t bytes, size_t rows,
                        struct error *e)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_int(&b, "bytes", (int64_t)bytes);
    audit_int(&b, "rows", (int64_t)rows);
    audit_int(&b, "updated", (int64_t)im->updated);
    audit_int(&b, "unchanged", (int64_t)im->unchanged);
    /* Filed under the unit the file was imported for (a row may name others). */
    return app_audit(im->ctx, action, "unit", im->default_unit_id, NULL, audit_end(im->ctx, &b),
                     e);
}

/* `action` names the import in the audit trail ("dossier.import"): one row for the file,
 * beside the rows of the dossiers it changed. */
static int run_import(struct app *ctx, const char *action, const char *data, size_t len,
                      bool xlsx, const char *unit, const struct column *spec, size_t n_spec,
                      row_fn *fn, import_progress_fn *progress, void *arg,
                      struct import_result *r, struct error *e)
{
    memset(r, 0, sizeof *r);
    if (len > IMPORT_MAX_BYTES)
        return error_set(e, ERR_TOO_BIG, "file", "Tệp quá lớn (tối đa %u MB)",
                         IMPORT_MAX_BYTES >> 20);
    /* A NUL byte is no text: a C string would end there and the rest of the row be lost. The
     * file is read by its length, so the byte is found here. */
    size_t bad_line = first_nul_line(data, len);
    if (bad_line)
        return refuse_file(r, ctx->a, bad_line, ERR_INVALID,
                           xlsx ? "chứa ký tự NUL (tệp Excel bị hỏng)"
                                : "chứa ký tự NUL (tệp nhị phân hoặc bị hỏng, không phải CSV)",
                           NULL, e);
    bad_line = first_bad_utf8_line(data, len);
    if (bad_line && xlsx)
        return refuse_file(r, ctx->a, bad_line, ERR_INVALID,
                           "chữ không phải mã Unicode UTF-8 (tệp Excel bị hỏng hoặc do phần mềm "
                           "khác ghi sai)",
                           NULL, e);
    if (bad_line) {
        /* Old office software wrote TCVN3 (ABC) or VNI-Windows: read it as Vietnamese, say so. */
        enum legacy_charset cs;
        const char *text;
        size_t text_len;
        if (legacy_to_utf8(ctx->a, data, len, "file", &text, &text_len, &cs, NULL) != ERR_OK)
            return refuse_file(r, ctx->a, bad_line, ERR_INVALID,
                               "tệp không phải mã Unicode UTF-8 từ dòng này, và cũng không nhận "
                               "ra là mã TCVN3 (ABC) hay VNI-Windows của phần mềm cũ",
                               "Hãy chuyển mã bằng Unikey hoặc mở bằng Excel và lưu lại dạng "
                               "\"CSV UTF-8\", rồi nhập lại.",
                               e);
        data = text;
        len = text_len;
        r->charset = legacy_charset_notice(cs);
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    struct import *im = xcalloc(1, sizeof *im);
    im->ctx = ctx;
    im->a = ctx->a;
    im->default_unit = unit && *unit ? unit : NULL;
    int rc = ERR_OK;
    if (im->default_unit && (rc = app_unit_resolve(ctx, im->default_unit, "unit",
                                                   &im->default_unit_id, e))) {
        free(im);
        return rc;
    }
    struct csv c = {data, data + len, guess_sep(data, data + len), 1};
    const char *head[CSV_MAX_FIELDS];
    size_t n_head, head_line;
    int map[16];
    struct buf missing = BUF_INIT(4096);
    const char *body;
    size_t body_line;
    struct error he = ERROR_INIT;
    size_t first_bad = 0;       /* the first bad row's line, */
    char first_msg[700] = "";   /* and its problem as the error says it */
    if ((rc = csv_record(&c, ctx->a, head, &n_head, &head_line, &he))) {
        rc = refuse_file(r, ctx->a, head_line, rc, he.message, NULL, e);
        goto out;
    }
    if (n_head == 0) {
        rc = error_set(e, ERR_INVALID, "file", "Tệp trống: cần dòng tên cột và các dòng số liệu");
        goto out;
    }
    /* Map the columns by their folded names. */
    for (size_t k = 0; k < n_spec; k++) {
        map[k] = -1;
        for (size_t i = 0; i < n_head && map[k] < 0; i++) {
            const char *f = text_valid_utf8(head[i], strlen(head[i])) ? text_fold(ctx->a, head[i])
                                                                      : "";
            for (const char *const *nm = spec[k].names; *nm; nm++)
                if (strcmp(f, *nm) == 0)
                    map[k] = (int)i;
        }
        if (map[k] < 0 && spec[k].required)
            buf_addf(&missing, "%s\"%s\"", missing.len ? ", " : "", spec[k].label);
    }
    if (missing.len) {
        struct buf found = BUF_INIT(4096);
        for (size_t i = 0; i < n_head; i++)
            buf_addf(&found, "%s\"%s\"", i ? ", " : "", quote_cut(ctx->a, head[i], 40));
        char msg[1024];
        snprintf(msg, sizeof msg, "Thiếu cột %s (dòng tên cột có: %s)", missing.data, found.data);
        problem(r, ctx->a, head_line, msg);
        rc = error_set(e, ERR_INVALID, "file", "Tệp sai cột: %s. Chưa nhập dòng nào.", msg);
        buf_release(&found);
        goto out;
    }
    body = c.p;
    body_line = c.line;

    for (int pass = 0; pass < 2 && !rc; pass++) {
        bool write = pass == 1;
        c.p = body;
        c.line = body_line;
        size_t rows = 0;
        if (write && (rc = store_begin(ctx->s, e)))
            break;
        for (;;) {
            struct arena ra = ARENA_INIT; /* per row: a million rows must not pile up */
            struct arena *keep = ctx->a;
            ctx->a = &ra;
            const char *fields[CSV_MAX_FIELDS];
            size_t n, line;
            struct error re = ERROR_INIT;
            int rrc = csv_record(&c, &ra, fields, &n, &line, &re);
            if (!rrc && n == 0) {
                ctx->a = keep;
                arena_release(&ra);
                break;
            }
            /* A field too many is a value cut in two ("1000,5" unquoted in a comma-separated
             * file) or shifted into the wrong column: never guess which. */
            if (!rrc && n > n_head)
                rrc = error_set(&re, ERR_INVALID, "file",
                                xlsx ? "có %zu cột, nhiều hơn dòng tên cột (%zu cột): xóa các ô "
                                       "thừa bên phải"
                                     : "có %zu cột, nhiều hơn dòng tên cột (%zu cột): kiểm tra "
                                       "dấu phân cách, và đặt số có dấu phẩy thập phân trong "
                                       "dấu nháy kép (\"1000,5\")",
                                n, n_head);
            const char *cols[16];
            bool legacy = false;
            for (size_t k = 0; k < n_spec && !rrc; k++) {
                cols[k] = map[k] >= 0 && (size_t)map[k] < n ? fields[map[k]] : NULL;
                if (cols[k] && looks_legacy(cols[k]))
                    legacy = true;
            }
            if (!rrc && legacy)
                rrc = error_set(&re, ERR_INVALID, "file",
                                "chữ có vẻ là mã TCVN3/VNI bị chuyển sai; hãy chuyển tệp sang "
                                "Unicode (UTF-8)");
            if (!rrc)
                rrc = fn(im, cols, write, &re);
            ctx->a = keep;
            rows++;
            if (rrc) {
                /* Name the column the check named, when the file has it. */
                const char *label = NULL;
                for (size_t k = 0; k < n_spec && !label; k++)
                    if (map[k] >= 0 && spec[k].field && strcmp(spec[k].field, re.field) == 0)
                        label = spec[k].label;
                char msg[640];
                if (label)
                    snprintf(msg, sizeof msg, "cột %s: %s", label, re.message);
                else
                    snprintf(msg, sizeof msg, "%s", re.message);
                problem(r, ctx->a, line, msg);
                if (!first_bad) {
                    first_bad = line;
                    snprintf(first_msg, sizeof first_msg, "%s%s", label ? ", " : ": ", msg);
                }
                if (write || rrc == ERR_TOO_BIG || rrc == ERR_STORE) {
                    arena_release(&ra);
                    rc = rrc;
                    error_set(e, rrc, "file", "Dòng %zu%s%s. Chưa nhập dòng nào.", line,
                              label ? ", " : ": ", msg);
                    break;
                }
            }
            arena_release(&ra);
            if (progress && rows % 10000 == 0)
                progress(arg, write ? "ghi" : "kiểm tra", rows, write ? r->rows : 0);
        }
        if (!write) {
            r->rows = rows;
            if (!rc && r->n_bad == 1)
                rc = error_set(e, ERR_INVALID, "file", "Dòng %zu%s. Chưa nhập dòng nào.",
                               first_bad, first_msg);
            else if (!rc && r->n_bad)
                rc = error_set(e, ERR_INVALID, "file",
                               "Tệp có %zu dòng lỗi trên %zu dòng số liệu, đầu tiên là dòng %zu; "
                               "chưa nhập dòng nào. Sửa các dòng dưới đây rồi nhập lại.",
                               r->n_bad, rows, first_bad);
            if (!rc && rows == 0)
                rc = error_set(e, ERR_INVALID, "file", "Tệp không có dòng số liệu nào");
        } else if (rc || (rc = import_audit(im, action, len, rows, e))) {
            store_rollback(ctx->s);
        } else if (!(rc = store_commit(ctx->s, e))) {
            r->imported = rows;
            r->updated = im->updated;
            r->unchanged = im->unchanged;
            if (progress)
                progress(arg, "xong", rows, rows);
        }
    }
out:
    buf_release(&missing);
    free(im);
    return rc;
}

/* ---- dossiers ---- */

static const char *const n_code[] = {"ma ho so", "so ho so", "ma", "code", NULL};
static const char *const n_proc[] = {"thu tuc", "ten thu tuc", "thu tuc hanh chinh", "procedure",
                                     NULL};
static const char *const n_appl[] = {"nguoi nop", "chu ho so", "to chuc ca nhan", "nguoi nop ho so",
                                     "applicant", NULL};
static const char *const n_unit[] = {"don vi", "don vi giai quyet", "co quan giai quyet",
                                     "co quan", "unit", NULL};
static const char *const n_recv[] = {"ngay tiep nhan", "ngay nhan", "received", NULL};
static const char *const n_due[] = {"ngay hen tra", "han giai quyet", "ngay hen tra ket qua", "due",
                                    NULL};
static const char *const n_ret[] = {"ngay tra ket qua", "ngay tra", "ngay hoan thanh", "returned",
                                    NULL};

static const struct column dossier_cols[] = {
    {n_code, "Mã hồ sơ", false, "code"},
    {n_proc, "Thủ tục", true, "procedure"},
    {n_appl, "Người nộp", false, "applicant"},
    {n_unit, "Đơn vị", false, "unit"},
    {n_recv, "Ngày tiếp nhận", true, "received"},
    {n_due, "Ngày hẹn trả", false, "due"},
    {n_ret, "Ngày trả kết quả", false, "returned"},
};

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int dossier_row(struct import *im, const char *const *cols, bool write, struct error *e)
{
    struct app *ctx = im->ctx;
    int64_t unit;
    int rc = import_unit(im, cols[3], "unit", &unit, e);
    if (rc)
        return rc;
    struct dossier_input in = {.unit = arena_printf(ctx->a, "#%lld", (long long)unit),
                               .code = cols[0],
                               .procedure = cols[1],
                               .applicant = cols[2]};
    struct dossier_rec d;
    if ((rc = date_only(ctx->a, cols[4], "received", &in.received, e)) ||
        (rc = date_only(ctx->a, cols[5], "due", &in.due, e)) ||
        (rc = date_only(ctx->a, cols[6], "returned", &in.returned, e)) ||
        (rc = briefing_dossier_check(ctx, &in, &d, e)) || !write)
        return rc;
    int64_t id;
    if (!d.code)
        return store_dossier_insert(ctx->s, &d, &id, e);
    /* Each month's export of a one-stop system repeats the dossiers still in hand, some now
     * returned: a code already in the unit's register takes the file's values. */
    struct dossier_rec old;
    struct error nf = ERROR_INIT;
    rc = store_dossier_by_code(ctx->s, ctx->a, d.unit_id, d.code, &old, &nf);
    if (rc == ERR_NOT_FOUND)
        return store_dossier_insert(ctx->s, &d, &id, e);
    if (rc)
        return error_set(e, rc, nf.field, "%s", nf.message);
    if (same_text(old.procedure, d.procedure) && same_text(old.applicant, d.applicant) &&
        old.received == d.received && old.due == d.due && old.returned == d.returned) {
        im->unchanged++;
        return ERR_OK;
    }
    if ((rc = store_dossier_update(ctx->s, &old, &d, e)) ||
        (rc = app_audit(ctx, "dossier.update", "dossier", old.id, briefing_dossier_audit(ctx, &old),
                        briefing_dossier_audit(ctx, &d), e)))
        return rc;
    im->updated++;
    return ERR_OK;
}

int app_dossier_import_csv(struct app *ctx, const char *data, size_t len, const char *unit,
                           import_progress_fn *progress, void *arg, struct import_result *r,
                           struct error *e)
{
    return run_import(ctx, "dossier.import", data, len, false, unit, dossier_cols,
                      sizeof dossier_cols / sizeof dossier_cols[0], dossier_row, progress, arg, r,
                      e);
}

/* ---- indicator values ---- */

static const char *const n_ind[] = {"ma chi tieu", "chi tieu", "indicator", NULL};
static const char *const n_year[] = {"nam", "year", NULL};
static const char *const n_month[] = {"thang", "month", NULL};
static const char *const n_value[] = {"gia tri", "so lieu", "value", NULL};

static const struct column indicator_cols[] = {
    {n_ind, "Mã chỉ tiêu", true, "indicator"}, {n_unit, "Đơn vị", false, "unit"},
    {n_year, "Năm", true, "year"},             {n_month, "Tháng", true, "month"},
    {n_value, "Giá trị", true, "value"},
};


static int indicator_row(struct import *im, const char *const *cols, bool write,
                         struct error *e)
{
    struct app *ctx = im->ctx;
    const char *code;
    int rc = app_clean(ctx, cols[0], "indicator", 64, false, false, &code, e);
    if (rc)
        return rc;
    int64_t ind = 0;
    bool signed_values = false;
    for (size_t i = 0; i < im->n_inds && !ind; i++)
        if (strcmp(im->inds[i].code, code) == 0) {
            ind = im->inds[i].id;
            signed_values = im->inds[i].signed_values;
        }
    if (!ind) {
        struct indicator_rec rec;
        if ((rc = store_indicator_get(ctx->s, ctx->a, code, "indicator", &rec, e))) {
            if (rc == ERR_NOT_FOUND) {
                error_clear(e);
                return error_set(e, ERR_INVALID, "indicator",
                                 "chưa có chỉ tiêu mã '%s' (khai báo bằng 'giaoban indicator "
                                 "add')",
                                 quote_cut(ctx->a, code, 64));
            }
            return rc;
        }
        ind = rec.id;
        signed_values = indicator_measure_signed(rec.measure);
        if (im->n_inds < sizeof im->inds / sizeof im->inds[0]) {
            /* the cache outlives the row's arena */
            im->inds[im->n_inds].code = arena_strdup(im->a, code);
            im->inds[im->n_inds].signed_values = signed_values;
            im->inds[im->n_inds++].id = ind;
        }
    }
    int64_t unit;
    if ((rc = import_unit(im, cols[1], "unit", &unit, e)))
        return rc;
    int year, month;
    if (!cols[2] || !*cols[2])
        return error_set(e, ERR_INVALID, "year", "thiếu năm");
    if (!small_number(cols[2], &year))
        return error_set(e, ERR_INVALID, "year", "năm '%s' không hợp lệ (số có 4 chữ số, %d-%d)",
                         quote_cut(ctx->a, cols[2], 20), DAY_MIN_YEAR, DAY_MAX_YEAR);
    if (year < DAY_MIN_YEAR || year > DAY_MAX_YEAR)
        return error_set(e, ERR_INVALID, "year", "năm %d không hợp lệ (%d-%d)", year,
                         DAY_MIN_YEAR, DAY_MAX_YEAR);
    const char *mt = cols[3] ? text_fold(ctx->a, cols[3]) : "";
    if (strcmp(mt, "kh") == 0 || strcmp(mt, "ke hoach") == 0 || strcmp(mt, "ke hoach nam") == 0)
        month = 0; /* the annual plan */
    else if (!*mt)
        return error_set(e, ERR_INVALID, "month", "thiếu tháng (1-12, hoặc KH cho kế hoạch năm)");
    else if (!small_number(cols[3], &month)) /* the text, not folded: that drops a '-' */
        return error_set(e, ERR_INVALID, "month",
                         "tháng '%s' không hợp lệ (1-12, hoặc KH cho kế hoạch năm)",
                         quote_cut(ctx->a, cols[3], 20));
    else if (month < 1 || month > 12) /* 0 is no month: the plan is written "KH" */
        return error_set(e, ERR_INVALID, "month",
                         "tháng %d không hợp lệ (1-12, hoặc KH cho kế hoạch năm)", month);
    int64_t value;
    if (!cols[4] || !*cols[4])
        return error_set(e, ERR_INVALID, "value", "thiếu giá trị");
    if ((rc = vnum_parse(cols[4], &value, "value", e)))
        return rc;
    if (value < 0 && !signed_values)
        return error_set(e, ERR_INVALID, "value",
                         "giá trị âm '%s' không hợp lệ: chỉ tiêu %s không thể âm (chỉ tỷ lệ tính "
                         "bằng %% mới có thể âm)",
                         quote_cut(ctx->a, cols[4], 40), quote_cut(ctx->a, code, 64));
    if (!write)
        return ERR_OK;
    return store_indicator_value_put(ctx->s, ind, unit, year, month, value, e);
}

static int indicator_import(struct app *ctx, const char *data, size_t len, bool xlsx,
                            const char *unit, import_progress_fn *progress, void *arg,
                            struct import_result *r, struct error *e)
{
    return run_import(ctx, "indicator.import", data, len, xlsx, unit, indicator_cols,
                      sizeof indicator_cols / sizeof indicator_cols[0], indicator_row, progress,
                      arg, r, e);
}

int app_indicator_import_csv(struct app *ctx, const char *data, size_t len, const char *unit,
                             import_progress_fn *progress, void *arg, struct import_result *r,
                             struct error *e)
{
    return indicator_import(ctx, data, len, false, unit, progress, arg, r, e);
}

int app_indicator_import_xlsx(struct app *ctx, const char *data, size_t len, const char *unit,
                              import_progress_fn *progress, void *arg, struct import_result *r,
                              struct error *e)
{
    memset(r, 0, sizeof *r);
    struct buf csv = BUF_INIT(IMPORT_MAX_BYTES);
    int rc = xlsx_read_first_sheet(data, len, &csv, e);
    if (!rc)
        rc = indicator_import(ctx, csv.data, csv.len, true, unit, progress, arg, r, e);
    buf_release(&csv);
    return rc;
}
