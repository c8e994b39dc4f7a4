/*
 * app/app_catalogue.c - the official catalogue of administrative units since 1 July 2025
 * (Nghị quyết 202/2025/QH15; codes of Quyết định 19/2025/QĐ-TTg: 2 digits for a province,
 * 5 for a commune), and what the rest of the app asks of a unit's days in force.
 *
 * The import reads data/dvhc-2025/'s three files (provinces.csv, communes.csv,
 * merged_from.csv; their README) in two passes, as the other imports do: first every row
 * is checked (header, column count, UTF-8, codes, kinds, duplicates, a commune's province,
 * a merged unit's target), and the first bad one refuses the lot naming the file, the line
 * and the column; then everything is written in one transaction with one audit row per
 * unit changed. A unit is keyed by its official code and the day it opened: a new commune
 * usually keeps an old unit's code (Phường Cửa Lò is 16732, the old code of Phường Nghi
 * Hương), so the new one is the unit of that code opened on 2025-07-01, and the old one,
 * if the database has it under its old code, is the unit of that code in force on
 * 2025-06-30, which the import closes on 2025-07-01 with its successors. Running it again
 * finds every unit as it would write it and writes nothing.
 *
 * The main successor of an old unit (unit.successor_id, what the merger cover reads) is
 * the new unit that kept its code if there is one, else the first of its new units in the
 * file's order; every one of them is in unit_successor.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_int.h"
#include "store/store.h"
#include "text/normalize.h"

#define CAT_MAX_FIELDS 16

/* 2025-07-01, the day the two-level structure took effect. */
static day_num reform_day(void)
{
    return day_from_ymd(2025, 7, 1);
}

/* ---- Reading the files ---- */

struct cat_file {
    const char *name; /* as given, for messages */
    const char *p, *end;
    size_t line;      /* of the record last read, 1 = the header */
};

/* One record's fields (raw, not yet checked), split on commas; "..." quotes a field, ""
 * is a quote inside it. Returns false at the end of the data. `bad_quote` reports a quote
 * left open or followed by something else than a comma. */
static bool cat_record(struct cat_file *f, struct arena *a, const char **fields, size_t *len,
                       size_t *n, bool *bad_quote)
{
    *n = 0;
    *bad_quote = false;
    if (f->p >= f->end)
        return false;
    f->line++;
    const char *p = f->p;
    /* A record is one line (no field of the catalogue holds a line break). */
    const char *eol = memchr(p, '\n', (size_t)(f->end - p));
    if (!eol)
        eol = f->end;
    for (;;) {
        char *out = arena_alloc(a, (size_t)(eol - p) + 1);
        size_t k = 0;
        if (p < eol && *p == '"') {
            p++;
            for (;;) {
                if (p >= eol) {
                    *bad_quote = true;
                    break;
                }
                if (*p == '"') {
                    if (p + 1 < eol && p[1] == '"') {
                        out[k++] = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                out[k++] = *p++;
            }
            if (p < eol && *p != ',' && *p != '\r')
                *bad_quote = true;
        }
        while (p < eol && *p != ',')
            out[k++] = *p++;
        if (k && out[k - 1] == '\r' && p >= eol)
            k--;
        out[k] = '\0';
        if (*n < CAT_MAX_FIELDS) {
            fields[*n] = out;
            len[*n] = k;
        }
        (*n)++;
        if (p < eol && *p == ',') {
            p++;
            continue;
        }
        break;
    }
    f->p = eol < f->end ? eol + 1 : eol;
    return true;
}

struct cat_reader {
    struct app *ctx;
    struct cat_file f;
    const char *const *columns;
    size_t n_columns;
    const char *fields[CAT_MAX_FIELDS];
};

static int cat_where(struct cat_reader *r, size_t col, struct error *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "Tệp communes.csv, dòng 17, cột 4 (province_code): ..." */
static int cat_where(struct cat_reader *r, size_t col, struct error *e, const char *fmt, ...)
{
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (col == 0)
        return error_set(e, ERR_INVALID, "file", "Tệp %s, dòng %zu: %s; không nhập gì", r->f.name,
                         r->f.line, what);
    return error_set(e, ERR_INVALID, "file", "Tệp %s, dòng %zu, cột %zu (%s): %s; không nhập gì",
                     r->f.name, r->f.line, col, r->columns[col - 1], what);
}

static int cat_open(struct cat_reader *r, struct app *ctx, const struct catalogue_file *in,
                    const char *const *columns, size_t n_columns, struct error *e)
{
    r->ctx = ctx;
    r->f.name = in->name;
    r->f.p = in->data ? in->data : "";
    r->f.end = r->f.p + (in->data ? in->len : 0);
    r->f.line = 0;
    r->columns = columns;
    r->n_columns = n_columns;
    if (r->f.end - r->f.p >= 3 && memcmp(r->f.p, "\xEF\xBB\xBF", 3) == 0)
        r->f.p += 3; /* a byte order mark, as spreadsheets write */
    const char *fields[CAT_MAX_FIELDS];
    size_t len[CAT_MAX_FIELDS], n;
    bool bad_quote;
    if (!cat_record(&r->f, ctx->a, fields, len, &n, &bad_quote))
        return error_set(e, ERR_INVALID, "file", "Tệp %s trống (cần dòng tiêu đề: %s...)",
                         in->name, columns[0]);
    bool same = n == n_columns && !bad_quote;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(fields[i], columns[i]) == 0;
    if (!same) {
        struct buf b = BUF_INIT(400);
        for (size_t i = 0; i < n_columns; i++)
            buf_addf(&b, "%s%s", i ? "," : "", columns[i]);
        int rc = error_set(e, ERR_INVALID, "file",
                           "Tệp %s, dòng 1: dòng tiêu đề phải là '%s'; không nhập gì", in->name,
                           b.data);
        buf_release(&b);
        return rc;
    }
    return ERR_OK;
}

/* The next row, its fields checked (UTF-8, NFC, no control characters, not empty) into
 * r->fields; *more false at the end. */
static int cat_next(struct cat_reader *r, bool *more, struct error *e)
{
    const char *raw[CAT_MAX_FIELDS];
    size_t len[CAT_MAX_FIELDS], n;
    bool bad_quote;
    *more = cat_record(&r->f, r->ctx->a, raw, len, &n, &bad_quote);
    if (!*more)
        return ERR_OK;
    if (bad_quote)
        return cat_where(r, 0, e, "dấu ngoặc kép (\") không đóng đúng chỗ");
    if (n != r->n_columns)
        return cat_where(r, 0, e, "có %zu cột, cần %zu cột (%s...)", n, r->n_columns,
                         r->columns[0]);
    for (size_t i = 0; i < n; i++) {
        if (!text_valid_utf8(raw[i], len[i]) || strlen(raw[i]) != len[i])
            return cat_where(r, i + 1, e,
                             "chữ không đúng mã UTF-8 (hãy lưu tệp dưới dạng UTF-8)");
        /* The share and the old district's and province's names may be empty. */
        bool may_be_empty = strcmp(r->columns[i], "old_district_name") == 0 ||
                            strcmp(r->columns[i], "old_province_name") == 0;
        struct error inner = ERROR_INIT;
        if (text_clean(r->ctx->a, raw[i], r->columns[i], NAME_MAX_BYTES, false, may_be_empty,
                       &r->fields[i], &inner))
            return cat_where(r, i + 1, e, "%s", inner.message);
    }
    return ERR_OK;
}

static bool all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static bool one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

static const char *const province_kinds[] = {"tinh", "thanh_pho", NULL};
static const char *const commune_kinds[] = {"xa", "phuong", "dac_khu", NULL};
static const char *const old_kinds[] = {"tinh",  "thanh_pho", "huyen",
                                        "xa",    "phuong",    "thi_tran", NULL};

/* ---- The catalogue in memory ---- */

struct cat_unit {
    const char *code, *name, *kind;
    size_t parent; /* communes: index of their province + 1; provinces: 0 */
    size_t line;
    int64_t id;    /* in the database, once written */
};

struct cat_old {
    const char *old_code, *old_name, *old_kind, *new_code;
    size_t target; /* index into units */
    size_t line;
};

struct catalogue {
    struct cat_unit *units; /* provinces first, then communes */
    size_t n_units, n_provinces, cap_units;
    size_t *by_code;        /* indices of units, by code */
    size_t n_indexed;       /* how many of them by_code holds */
    struct cat_old *old;
    size_t n_old;
};

static const struct cat_unit *sort_units_;
static int cmp_unit_code(const void *x, const void *y)
{
    const struct cat_unit *a = &sort_units_[*(const size_t *)x], *b = &sort_units_[*(const size_t *)y];
    int c = strcmp(a->code, b->code);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Index of the catalogue unit of `code`, or (size_t)-1. */
static size_t cat_find(const struct catalogue *c, const char *code)
{
    size_t lo = 0, hi = c->n_indexed;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int k = strcmp(c->units[c->by_code[mid]].code, code);
        if (k == 0)
            return c->by_code[mid];
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

static int read_units(struct app *ctx, const struct catalogue_file *in, bool communes,
                      struct catalogue *c, struct error *e)
{
    static const char *const pcols[] = {"code", "name", "kind"};
    static const char *const ccols[] = {"code", "name", "kind", "province_code"};
    struct cat_reader r;
    int rc = communes ? cat_open(&r, ctx, in, ccols, 4, e) : cat_open(&r, ctx, in, pcols, 3, e);
    if (rc)
        return rc;
    for (;;) {
        bool more;
        if ((rc = cat_next(&r, &more, e)))
            return rc;
        if (!more)
            break;
        struct cat_unit u = {.code = r.fields[0], .name = r.fields[1], .kind = r.fields[2],
                             .line = r.f.line};
        if (!all_digits(u.code, communes ? 5 : 2))
            return cat_where(&r, 1, e, "mã '%s' phải gồm %d chữ số", u.code, communes ? 5 : 2);
        if (!one_of(u.kind, communes ? commune_kinds : province_kinds))
            return cat_where(&r, 3, e, "loại '%s' không hợp lệ (cần %s)", u.kind,
                             communes ? "xa, phuong hoặc dac_khu" : "tinh hoặc thanh_pho");
        if (communes) {
            /* The provinces are indexed by now (read first). */
            size_t p = cat_find(c, r.fields[3]);
            if (p == (size_t)-1 || p >= c->n_provinces)
                return cat_where(&r, 4, e, "tỉnh, thành phố mã '%s' không có trong tệp provinces.csv",
                                 r.fields[3]);
            u.parent = p + 1;
        }
        c->units = arena_grow(ctx->a, c->units, &c->cap_units, c->n_units + 1, sizeof *c->units);
        c->units[c->n_units++] = u;
    }
    if (!communes)
        c->n_provinces = c->n_units;
    /* Index by code; a code seen twice is refused at its second line. */
    c->by_code = arena_alloc(ctx->a, (c->n_units + 1) * sizeof *c->by_code);
    for (size_t i = 0; i < c->n_units; i++)
        c->by_code[i] = i;
    sort_units_ = c->units;
    qsort(c->by_code, c->n_units, sizeof *c->by_code, cmp_unit_code);
    c->n_indexed = c->n_units;
    for (size_t i = 1; i < c->n_units; i++) {
        const struct cat_unit *a = &c->units[c->by_code[i - 1]], *b = &c->units[c->by_code[i]];
        if (strcmp(a->code, b->code) == 0) {
            /* Provinces' codes have 2 digits and communes' 5: a pair is in one file. */
            r.f.line = b->line;
            return cat_where(&r, 1, e, "mã '%s' trùng với dòng %zu", b->code, a->line);
        }
    }
    return ERR_OK;
}

static int read_old(struct app *ctx, const struct catalogue_file *in, struct catalogue *c,
                    struct error *e)
{
    static const char *const cols[] = {"new_code",          "old_code",          "old_name",
                                       "old_kind",          "old_district_name", "old_province_name",
                                       "share"};
    static const char *const shares[] = {"full", "partial", NULL};
    struct cat_reader r;
    int rc = cat_open(&r, ctx, in, cols, 7, e);
    if (rc)
        return rc;
    size_t cap = 0;
    for (;;) {
        bool more;
        if ((rc = cat_next(&r, &more, e)))
            return rc;
        if (!more)
            break;
        struct cat_old o = {.new_code = r.fields[0], .old_code = r.fields[1],
                            .old_name = r.fields[2], .old_kind = r.fields[3], .line = r.f.line};
        o.target = cat_find(c, o.new_code);
        if (o.target == (size_t)-1)
            return cat_where(&r, 1, e, "đơn vị mới mã '%s' không có trong provinces.csv hay "
                                       "communes.csv",
                             o.new_code);
        if (!all_digits(o.old_code, 2) && !all_digits(o.old_code, 3) &&
            !all_digits(o.old_code, 5))
            return cat_where(&r, 2, e, "mã cũ '%s' phải gồm 2, 3 hoặc 5 chữ số", o.old_code);
        if (!one_of(o.old_kind, old_kinds))
            return cat_where(&r, 4, e, "loại '%s' không hợp lệ (cần tinh, thanh_pho, huyen, xa, "
                                       "phuong hoặc thi_tran)",
                             o.old_kind);
        if (!one_of(r.fields[6], shares))
            return cat_where(&r, 7, e, "'%s' không hợp lệ (cần full hoặc partial)", r.fields[6]);
        /* A pair twice: the rows are few per old code, and the file is sorted by new code,
         * so look back among the rows of the same new code. */
        for (size_t k = c->n_old; k-- > 0 && strcmp(c->old[k].new_code, o.new_code) == 0;)
            if (strcmp(c->old[k].old_code, o.old_code) == 0)
                return cat_where(&r, 2, e, "cặp mã mới '%s', mã cũ '%s' trùng với dòng %zu",
                                 o.new_code, o.old_code, c->old[k].line);
        c->old = arena_grow(ctx->a, c->old, &cap, c->n_old + 1, sizeof *c->old);
        c->old[c->n_old++] = o;
    }
    return ERR_OK;
}

/* ---- Writing ---- */

struct db_index {
    struct unit_rec *u;
    size_t n;
    size_t *by_code; /* indices of u, by code then valid_from */
};

static const struct unit_rec *sort_db_;
static int cmp_db_code(const void *x, const void *y)
{
    const struct unit_rec *a = &sort_db_[*(const size_t *)x], *b = &sort_db_[*(const size_t *)y];
    int c = strcmp(a->code, b->code);
    if (c)
        return c;
    return (a->valid_from > b->valid_from) - (a->valid_from < b->valid_from);
}

/* The first index into by_code of units of `code` and how many there are. */
static size_t db_range(const struct db_index *d, const char *code, size_t *count)
{
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(d->u[d->by_code[mid]].code, code) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t k = lo;
    while (k < d->n && strcmp(d->u[d->by_code[k]].code, code) == 0)
        k++;
    *count = k - lo;
    return lo;
}

static bool in_force(const struct unit_rec *u, day_num d)
{
    return (u->valid_from == DAY_NONE || u->valid_from <= d) &&
           (u->valid_to == DAY_NONE || u->valid_to > d);
}

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Is `code` the old code of a row of merged_from? (c->old is sorted by old code by then.) */
static bool is_old_code(const struct catalogue *c, const char *code)
{
    size_t lo = 0, hi = c->n_old;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int k = strcmp(c->old[mid].old_code, code);
        if (k == 0)
            return true;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static const char *unit_audit(struct app *ctx, const struct unit_rec *u)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "code", u->code);
    audit_str(&b, "name", u->name);
    audit_str(&b, "kind", u->kind);
    audit_int(&b, "parent_id", u->parent_id);
    audit_day(&b, "valid_from", u->valid_from);
    audit_day(&b, "valid_to", u->valid_to);
    audit_int(&b, "successor_id", u->successor_id);
    return audit_end(ctx, &b);
}

/* Create or update the new unit i of the catalogue (its parent already written). */
static int write_new(struct app *ctx, struct catalogue *c, size_t i, const struct db_index *d,
                     struct catalogue_result *res, struct error *e)
{
    struct cat_unit *cu = &c->units[i];
    day_num from = reform_day();
    int64_t parent = cu->parent ? c->units[cu->parent - 1].id : 0;
    size_t count, first = db_range(d, cu->code, &count);
    const struct unit_rec *same = NULL;
    for (size_t k = first; k < first + count; k++) {
        const struct unit_rec *u = &d->u[d->by_code[k]];
        if (u->valid_from == from) {
            same = u;
            continue;
        }
        /* Another unit of this code in force on the day: only an old unit the catalogue
         * closes may be. */
        if (in_force(u, from) && !(u->valid_from != DAY_NONE && u->valid_from > from) &&
            !is_old_code(c, cu->code))
            return error_set(e, ERR_CONFLICT, "code",
                             "Mã '%s' đang là mã của đơn vị '%s' (số %lld), đơn vị này không có "
                             "trong tệp merged_from.csv nên không được kết thúc; không thể thêm "
                             "'%s' cùng mã. Không nhập gì",
                             cu->code, u->name, (long long)u->id, cu->name);
        if (u->valid_from != DAY_NONE && u->valid_from > from && u->valid_to == DAY_NONE)
            return error_set(e, ERR_CONFLICT, "code",
                             "Mã '%s' đã được dùng cho đơn vị '%s' (số %lld) thành lập sau ngày "
                             "01/07/2025; không thể thêm '%s' cùng mã. Không nhập gì",
                             cu->code, u->name, (long long)u->id, cu->name);
    }
    int rc;
    if (same) {
        cu->id = same->id;
        if (same_text(same->name, cu->name) && same_text(same->kind, cu->kind) &&
            same->parent_id == parent) {
            res->unchanged++;
            return ERR_OK;
        }
        struct unit_rec u = *same;
        u.name = cu->name;
        u.kind = cu->kind;
        u.parent_id = parent;
        u.aliases = NULL; /* kept as stored */
        if ((rc = store_unit_update(ctx->s, &u, e)) ||
            (rc = app_audit(ctx, "unit.update", "unit", u.id, unit_audit(ctx, same),
                            unit_audit(ctx, &u), e)))
            return rc;
        res->updated++;
        return ERR_OK;
    }
    struct unit_rec u = {.code = cu->code, .name = cu->name, .kind = cu->kind,
                         .parent_id = parent, .valid_from = from, .valid_to = DAY_NONE};
    if ((rc = store_unit_insert(ctx->s, &u, &cu->id, e)))
        return rc;
    u.id = cu->id;
    if ((rc = app_audit(ctx, "unit.create", "unit", u.id, NULL, unit_audit(ctx, &u), e)))
        return rc;
    res->created++;
    return ERR_OK;
}

static int cmp_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Close the old unit of c->old[first..first+n) (one old code) if the database has it. */
static int write_old(struct app *ctx, struct catalogue *c, size_t first, size_t n,
                     const struct db_index *d, const struct unit_link *links, size_t n_links,
                     struct catalogue_result *res, struct error *e)
{
    const char *code = c->old[first].old_code;
    day_num day = reform_day();
    size_t count, k0 = db_range(d, code, &count);
    const struct unit_rec *old = NULL;
    for (size_t k = k0; k < k0 + count; k++) {
        const struct unit_rec *u = &d->u[d->by_code[k]];
        if (in_force(u, day - 1))
            old = u; /* the latest opened of them */
    }
    if (!old) {
        res->old_absent++;
        return ERR_OK;
    }
    res->old_found++;
    /* Its new units, by id; the main one kept its code, or is the first in the file. */
    int64_t *succ = arena_alloc(ctx->a, n * sizeof *succ);
    int64_t main_id = c->units[c->old[first].target].id;
    for (size_t i = 0; i < n; i++) {
        const struct cat_unit *t = &c->units[c->old[first + i].target];
        succ[i] = t->id;
        if (strcmp(t->code, code) == 0)
            main_id = t->id;
    }
    qsort(succ, n, sizeof *succ, cmp_id);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || succ[m - 1] != succ[i])
            succ[m++] = succ[i];
    if (old->valid_to != DAY_NONE && old->valid_to != day) {
        res->old_skipped++; /* closed on another day by the office: theirs to say */
        return ERR_OK;
    }
    if (old->valid_to == day && old->successor_id == main_id) {
        /* The pairs stored for it, against the catalogue's. */
        size_t lo = 0, hi = n_links;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (links[mid].unit_id < old->id)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t j = 0;
        bool same = true;
        for (; lo < n_links && links[lo].unit_id == old->id; lo++, j++)
            if (j >= m || links[lo].successor_id != succ[j])
                same = false;
        if (same && j == m) {
            res->unchanged++;
            return ERR_OK;
        }
    }
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_day(&b, "valid_to", day);
    audit_int(&b, "successor_id", main_id);
    buf_adds(&b, ",\"successors\":[");
    for (size_t i = 0; i < m; i++)
        buf_addf(&b, i ? ",%lld" : "%lld", (long long)succ[i]);
    buf_addc(&b, ']');
    const char *after = audit_end(ctx, &b);
    struct buf bb = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&bb, '{');
    audit_day(&bb, "valid_to", old->valid_to);
    audit_int(&bb, "successor_id", old->successor_id);
    const char *before = audit_end(ctx, &bb);
    int rc;
    if ((rc = store_unit_close_into(ctx->s, old->id, day, main_id, succ, m, e)) ||
        (rc = app_audit(ctx, old->valid_to == DAY_NONE ? "unit.close" : "unit.successors",
                        "unit", old->id, before, after, e)))
        return rc;
    if (old->valid_to == DAY_NONE)
        res->closed++;
    else
        res->updated++;
    return ERR_OK;
}

static const struct cat_old *sort_old_;
static int cmp_old_code(const void *x, const void *y)
{
    const struct cat_old *a = &sort_old_[*(const size_t *)x], *b = &sort_old_[*(const size_t *)y];
    int c = strcmp(a->old_code, b->old_code);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

static int write_all(struct app *ctx, struct catalogue *c, struct catalogue_result *res,
                     struct error *e)
{
    struct db_index d = {0};
    struct unit_link *links;
    size_t n_links;
    int rc;
    if ((rc = store_unit_list(ctx->s, ctx->a, &d.u, &d.n, e)) ||
        (rc = store_unit_links(ctx->s, ctx->a, &links, &n_links, e)))
        return rc;
    d.by_code = arena_alloc(ctx->a, (d.n + 1) * sizeof *d.by_code);
    for (size_t i = 0; i < d.n; i++)
        d.by_code[i] = i;
    sort_db_ = d.u;
    qsort(d.by_code, d.n, sizeof *d.by_code, cmp_db_code);

    /* The old units' rows by old code (each code's rows in the file's order). */
    size_t *order = arena_alloc(ctx->a, (c->n_old + 1) * sizeof *order);
    for (size_t i = 0; i < c->n_old; i++)
        order[i] = i;
    sort_old_ = c->old;
    qsort(order, c->n_old, sizeof *order, cmp_old_code);
    struct cat_old *sorted = arena_alloc(ctx->a, (c->n_old + 1) * sizeof *sorted);
    for (size_t i = 0; i < c->n_old; i++)
        sorted[i] = c->old[order[i]];
    c->old = sorted;

    /* Provinces come first in c->units, so a commune's parent has its id when it is read. */
    for (size_t i = 0; i < c->n_units; i++)
        if ((rc = write_new(ctx, c, i, &d, res, e)))
            return rc;

    /* Then the old units, one old code at a time. */
    for (size_t i = 0; i < c->n_old;) {
        size_t j = i + 1;
        while (j < c->n_old && strcmp(c->old[j].old_code, c->old[i].old_code) == 0)
            j++;
        if ((rc = write_old(ctx, c, i, j - i, &d, links, n_links, res, e)))
            return rc;
        res->old_codes++;
        i = j;
    }
    /* The closures leave the version to one write at the end (what store_unit_insert and
     * store_unit_update set for each unit). */
    if (res->closed || res->updated)
        return store_unit_tree_changed(ctx->s, e);
    return ERR_OK;
}

int app_catalogue_import(struct app *ctx, const struct catalogue_files *files,
                         struct catalogue_result *res, struct error *e)
{
    memset(res, 0, sizeof *res);
    struct catalogue c = {0};
    int rc;
    if ((rc = read_units(ctx, &files->provinces, false, &c, e)))
        return rc;
    size_t n_provinces = c.n_units;
    if ((rc = read_units(ctx, &files->communes, true, &c, e)) ||
        (rc = read_old(ctx, &files->merged_from, &c, e)))
        return rc;
    res->provinces = n_provinces;
    res->communes = c.n_units - n_provinces;
    res->old_rows = c.n_old;
    if (n_provinces == 0)
        return error_set(e, ERR_INVALID, "file", "Tệp %s không có tỉnh, thành phố nào; không "
                                                 "nhập gì",
                         files->provinces.name);
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    if ((rc = write_all(ctx, &c, res, e)) || (rc = store_commit(ctx->s, e))) {
        store_rollback(ctx->s);
        memset(res, 0, sizeof *res);
        return rc;
    }
    return ERR_OK;
}

/* ---- Days in force ---- */

int app_unit_require_open(struct app *ctx, int64_t unit, day_num day, const char *field,
                          struct error *e)
{
    struct unit_rec u;
    int rc = store_unit_get(ctx->s, ctx->a, unit, &u, e);
    if (rc || u.valid_to == DAY_NONE || day < u.valid_to)
        return rc;
    int64_t *succ;
    size_t n;
    if ((rc = store_unit_successors(ctx->s, ctx->a, unit, &succ, &n, e)))
        return rc;
    struct buf b = BUF_INIT(600);
    for (size_t i = 0; i < n && i < 6; i++) {
        struct unit_rec s;
        if ((rc = store_unit_get(ctx->s, ctx->a, succ[i], &s, e))) {
            buf_release(&b);
            return rc;
        }
        buf_addf(&b, "%s%s (%s)", i ? ", " : "", s.name, s.code);
    }
    if (n > 6)
        buf_add(&b, "...", 3);
    char d1[16], d2[16];
    if (n)
        rc = error_set(e, ERR_INVALID, field,
                       "Đơn vị '%s' đã sáp nhập vào %s từ ngày %s: không giao nhiệm vụ mới (ngày "
                       "giao %s) cho đơn vị này; hãy giao cho đơn vị kế thừa",
                       u.name, b.data, day_format_vn(u.valid_to, d1), day_format_vn(day, d2));
    else
        rc = error_set(e, ERR_INVALID, field,
                       "Đơn vị '%s' đã giải thể từ ngày %s: không giao nhiệm vụ mới (ngày giao "
                       "%s) cho đơn vị này",
                       u.name, day_format_vn(u.valid_to, d1), day_format_vn(day, d2));
    buf_release(&b);
    return rc;
}

int app_unit_pick_in_force(struct app *ctx, int64_t *ids, size_t *n, struct error *e)
{
    size_t found = 0, which = 0;
    for (size_t i = 0; i < *n; i++) {
        struct unit_rec u;
        int rc = store_unit_get(ctx->s, ctx->a, ids[i], &u, e);
        if (rc)
            return rc;
        if (in_force(&u, ctx->today)) {
            found++;
            which = i;
        }
    }
    if (found == 1) {
        ids[0] = ids[which];
        *n = 1;
    }
    return ERR_OK;
}

static int get_all(struct app *ctx, const int64_t *ids, size_t n, struct unit_rec **out,
                   struct error *e)
{
    *out = arena_alloc(ctx->a, (n + 1) * sizeof **out);
    for (size_t i = 0; i < n; i++) {
        int rc = store_unit_get(ctx->s, ctx->a, ids[i], &(*out)[i], e);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

int app_unit_history(struct app *ctx, const struct unit_rec *u, struct unit_history *out,
                     struct error *e)
{
    memset(out, 0, sizeof *out);
    int64_t *succ, *pred;
    int rc;
    if ((rc = store_unit_successors(ctx->s, ctx->a, u->id, &succ, &out->n_successors, e)) ||
        (rc = store_unit_predecessors(ctx->s, ctx->a, u->id, &pred, &out->n_merged_from, e)) ||
        (rc = get_all(ctx, succ, out->n_successors, &out->successors, e)) ||
        (rc = get_all(ctx, pred, out->n_merged_from, &out->merged_from, e)))
        return rc;
    if (u->parent_id) {
        struct unit_rec p;
        if ((rc = store_unit_get(ctx->s, ctx->a, u->parent_id, &p, e)))
            return rc;
        out->parent_code = p.code;
    }
    return ERR_OK;
}
