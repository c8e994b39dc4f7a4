/*
 * app/app_unit.c - app context, date and unit resolution, units, people,
 * meetings and documents. See app.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_int.h"
#include "text/normalize.h"
#include "util/num.h"

int app_init(struct app *ctx, struct store *s, struct arena *a, day_num today, const char *actor,
             struct error *e)
{
    ctx->s = s;
    ctx->a = a;
    ctx->today = today;
    ctx->actor = actor ? actor : "cli";
    ctx->address = NULL; /* the caller sets it after, when there is one */
    ctx->scope_unit = 0; /* unbound until a shell names the acting account */
    ctx->soon_days = STATUS_SOON_DAYS_DEFAULT;
    const char *v;
    int rc = store_setting_get(s, a, "soon_days", &v, e);
    if (!rc && v)
        ctx->soon_days = atoi(v);
    return rc;
}

int app_soon_days_set(struct app *ctx, int days, struct error *e)
{
    if (days < 0 || days > 60)
        return error_set(e, ERR_INVALID, "value", "soon_days phải là số ngày từ 0 đến 60");
    char text[16];
    snprintf(text, sizeof text, "%d", days);
    struct buf b = BUF_INIT(BUF_NO_LIMIT), a = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_int(&b, "soon_days", ctx->soon_days);
    buf_addc(&a, '{');
    audit_int(&a, "soon_days", days);
    const char *before = audit_end(ctx, &b), *after = audit_end(ctx, &a);
    /* The running totals depend on it: set and rebuild in one transaction. */
    int rc = store_begin(ctx->s, e);
    if (rc)
        return rc;
    if ((rc = store_setting_set(ctx->s, "soon_days", text, e)) ||
        (rc = store_agg_rebuild(ctx->s, days, e)) ||
        (rc = app_audit(ctx, "setting.set", "setting", 0, before, after, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    if ((rc = store_commit(ctx->s, e)))
        return rc;
    ctx->soon_days = days;
    return ERR_OK;
}

int app_reindex(struct app *ctx, struct error *e)
{
    return store_agg_rebuild(ctx->s, ctx->soon_days, e);
}

int app_parse_day(struct app *ctx, const char *text, bool optional, const char *field,
                  day_num *out, struct error *e)
{
    *out = DAY_NONE;
    if (!text || !*text) {
        if (optional)
            return ERR_OK;
        return error_set(e, ERR_INVALID, field, "Thiếu ngày (%s)", field);
    }
    int y, m, d;
    day_to_ymd(ctx->today, &y, &m, &d);
    if (!text_valid_utf8(text, strlen(text)))
        return error_set(e, ERR_INVALID, field, "Ngày (%s) chứa ký tự không hợp lệ", field);
    return day_parse(text, y, out, field, e);
}

int app_clean(struct app *ctx, const char *s, const char *field, size_t max, bool multiline,
              bool allow_empty, const char **out, struct error *e)
{
    return text_clean(ctx->a, s, field, max, multiline, allow_empty, out, e);
}

bool app_none(int rc, struct error *e)
{
    if (rc != ERR_NOT_FOUND)
        return false;
    error_clear(e);
    return true;
}

int app_parse_id(const char *text, const char *field, int64_t *out, struct error *e)
{
    *out = 0;
    if (!text || !*text)
        return ERR_OK;
    int64_t v;
    if (!num_parse_u63z(text, &v) || v <= 0)
        return error_set(e, ERR_INVALID, field, "Mã số không hợp lệ ở trường %s: '%.40s'", field,
                         text_valid_utf8(text, strlen(text)) ? text : "?");
    *out = v;
    return ERR_OK;
}

int app_unit_resolve(struct app *ctx, const char *text, const char *field, int64_t *id,
                     struct error *e)
{
    const char *clean;
    int rc = app_clean(ctx, text, field, NAME_MAX_BYTES, false, false, &clean, e);
    if (rc)
        return rc;
    /* "#12" names a unit by its id. */
    if (clean[0] == '#') {
        int64_t v;
        if ((rc = app_parse_id(clean + 1, field, &v, e)))
            return rc;
        struct unit_rec u;
        rc = store_unit_get(ctx->s, ctx->a, v, &u, e);
        if (app_none(rc, e))
            return error_set(e, ERR_INVALID, field, "Không có đơn vị số %lld", (long long)v);
        if (rc)
            return rc;
        *id = v;
        return ERR_OK;
    }
    const char *key = text_fold_compact(ctx->a, clean);
    if (!*key)
        return error_set(e, ERR_INVALID, field, "Tên đơn vị '%s' không hợp lệ", clean);
    int64_t *ids;
    size_t n;
    if ((rc = store_unit_find_exact(ctx->s, ctx->a, key, &ids, &n, e)))
        return rc;
    if (n == 0 && (rc = store_unit_find_like(ctx->s, ctx->a, key, 6, &ids, &n, e)))
        return rc;
    /* A code names a unit together with its days in force (the catalogue of 2025, where a
     * new commune keeps an old one's code): of several, the one in force today. */
    if (n > 1 && (rc = app_unit_pick_in_force(ctx, ids, &n, e)))
        return rc;
    if (n == 1) {
        *id = ids[0];
        return ERR_OK;
    }
    if (n == 0)
        return error_set(e, ERR_INVALID, field,
                         "Không tìm thấy đơn vị '%s' (trường %s); xem danh sách bằng lệnh "
                         "'giaoban unit list'",
                         clean, field);
    struct buf b = BUF_INIT(400);
    for (size_t i = 0; i < n && i < 5; i++) {
        struct unit_rec u;
        if (store_unit_get(ctx->s, ctx->a, ids[i], &u, e) == ERR_OK)
            buf_addf(&b, "%s%s (%s)", i ? "; " : "", u.name, u.code);
        else /* found by the query just made: a failure here is the database's */
            return rc = ERR_STORE;
    }
    rc = error_set(e, ERR_INVALID, field,
                   "Tên đơn vị '%s' (trường %s) khớp với nhiều đơn vị: %s%s; hãy ghi rõ hơn "
                   "hoặc dùng mã đơn vị",
                   clean, field, b.data, n > 5 ? "..." : "");
    buf_release(&b);
    return rc;
}

int app_unit_cover(struct app *ctx, int64_t unit, bool subtree, struct unit_set *out,
                   struct error *e)
{
    const struct unit_tree *t;
    int rc = store_unit_tree(ctx->s, &t, e);
    if (!rc)
        unit_tree_cover(t, unit, subtree, out);
    return rc;
}

int app_unit_within(struct app *ctx, int64_t root, bool subtree, int64_t unit, bool *inside,
                    struct error *e)
{
    const struct unit_tree *t;
    int rc = store_unit_tree(ctx->s, &t, e);
    *inside = !rc && unit && unit_tree_within(t, root, subtree, unit);
    return rc;
}

static const char *const unit_kinds[] = {"tinh", "thanh_pho", "huyen", "xa", "phuong",
                                         "dac_khu", "so", "phong", "ban", "trung_tam",
                                         "van_phong", "khac", NULL};

static int check_kind(const char *kind, const char *const *allowed, const char *field,
                      struct error *e)
{
    for (const char *const *k = allowed; *k; k++)
        if (strcmp(kind, *k) == 0)
            return ERR_OK;
    struct buf b = BUF_INIT(300);
    for (const char *const *k = allowed; *k; k++)
        buf_addf(&b, "%s%s", k == allowed ? "" : ", ", *k);
    int rc = error_set(e, ERR_INVALID, field, "Loại '%.40s' không hợp lệ (trường %s); chọn một "
                                              "trong: %s",
                       kind, field, b.data);
    buf_release(&b);
    return rc;
}

static int check_code(const char *code, struct error *e)
{
    for (const char *p = code; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '-' || *p == '_'))
            return error_set(e, ERR_INVALID, "code",
                             "Mã đơn vị '%s' chỉ được gồm chữ không dấu, số và . - _", code);
    return ERR_OK;
}

int app_unit_add(struct app *ctx, const struct unit_input *in, int64_t *id, struct error *e)
{
    struct unit_rec u = {0};
    u.valid_to = DAY_NONE;
    int rc;
    if ((rc = app_clean(ctx, in->code, "code", 64, false, false, &u.code, e)) ||
        (rc = check_code(u.code, e)) ||
        (rc = app_clean(ctx, in->name, "name", NAME_MAX_BYTES, false, false, &u.name, e)) ||
        (rc = app_clean(ctx, in->short_name, "short_name", NAME_MAX_BYTES, false, true,
                        &u.short_name, e)) ||
        (rc = app_clean(ctx, in->kind ? in->kind : "khac", "kind", 32, false, false, &u.kind,
                        e)) ||
        (rc = check_kind(u.kind, unit_kinds, "kind", e)) ||
        (rc = app_clean(ctx, in->head_name, "head_name", NAME_MAX_BYTES, false, true,
                        &u.head_name, e)) ||
        (rc = app_clean(ctx, in->head_title, "head_title", NAME_MAX_BYTES, false, true,
                        &u.head_title, e)) ||
        (rc = app_parse_day(ctx, in->valid_from, true, "valid_from", &u.valid_from, e)))
        return rc;
    if (in->parent && *in->parent &&
        (rc = app_unit_resolve(ctx, in->parent, "parent", &u.parent_id, e)))
        return rc;
    size_t n_al = 0;
    for (const char **al = in->aliases; al && *al; al++)
        n_al++;
    const char **aliases = arena_alloc(ctx->a, (n_al + 1) * sizeof *aliases);
    for (size_t i = 0; i < n_al; i++)
        if ((rc = app_clean(ctx, in->aliases[i], "alias", NAME_MAX_BYTES, false, false,
                            &aliases[i], e)))
            return rc;
    u.aliases = aliases;
    if (!*u.short_name)
        u.short_name = NULL;
    if (!*u.head_name)
        u.head_name = NULL;
    if (!*u.head_title)
        u.head_title = NULL;

    /* A code is unique, and must not be another unit's name either. */
    int64_t *ids;
    size_t n;
    if ((rc = store_unit_find_exact(ctx->s, ctx->a, text_fold_compact(ctx->a, u.code), &ids, &n,
                                    e)))
        return rc;
    if (n)
        return error_set(e, ERR_CONFLICT, "code", "Mã đơn vị '%s' đã được dùng", u.code);

    if ((rc = store_begin(ctx->s, e)))
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "code", u.code);
    audit_str(&b, "name", u.name);
    audit_str(&b, "kind", u.kind);
    audit_int(&b, "parent_id", u.parent_id);
    const char *after = audit_end(ctx, &b);
    if ((rc = store_unit_insert(ctx->s, &u, id, e)) ||
        (rc = app_audit(ctx, "unit.create", "unit", *id, NULL, after, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

/* Move unit uid under pid (0: the top), inside the caller's transaction. */
static int unit_move_in(struct app *ctx, int64_t uid, int64_t pid, struct error *e)
{
    const struct unit_tree *t = NULL;
    int rc;
    if ((rc = store_unit_tree(ctx->s, &t, e)))
        return rc;
    if (pid && unit_tree_parent_cycles(t, uid, pid))
        return error_set(e, ERR_INVALID, "parent",
                         "Không thể đặt đơn vị này dưới một đơn vị cấp dưới của chính nó "
                         "(cây đơn vị sẽ có vòng lặp)");
    struct unit_rec u;
    if ((rc = store_unit_get(ctx->s, ctx->a, uid, &u, e)))
        return rc;
    const char *before = arena_printf(ctx->a, "{\"parent_id\":%lld}", (long long)u.parent_id);
    u.parent_id = pid;
    u.aliases = NULL; /* aliases stay as stored */
    if (!(rc = store_unit_update(ctx->s, &u, e)))
        rc = app_audit(ctx, "unit.move", "unit", uid, before,
                       arena_printf(ctx->a, "{\"parent_id\":%lld}", (long long)pid), e);
    return rc;
}

int app_unit_move(struct app *ctx, const char *unit, const char *parent, struct error *e)
{
    int64_t uid, pid = 0;
    int rc;
    if ((rc = app_unit_resolve(ctx, unit, "unit", &uid, e)))
        return rc;
    if (parent && *parent && (rc = app_unit_resolve(ctx, parent, "parent", &pid, e)))
        return rc;
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    if ((rc = unit_move_in(ctx, uid, pid, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

/* Close unit uid on day d, merged into sid (0: none), inside the caller's transaction. */
static int unit_close_in(struct app *ctx, int64_t uid, day_num d, int64_t sid, struct error *e)
{
    const struct unit_tree *t = NULL;
    struct unit_rec u;
    int rc;
    if ((rc = store_unit_tree(ctx->s, &t, e)) || (rc = store_unit_get(ctx->s, ctx->a, uid, &u, e)))
        return rc;
    if (sid && unit_tree_successor_cycles(t, uid, sid))
        return error_set(e, ERR_INVALID, "successor",
                         "Đơn vị kế thừa đã được sáp nhập (trực tiếp hay gián tiếp) vào chính đơn "
                         "vị này");
    if (u.valid_to != DAY_NONE)
        return error_set(e, ERR_INVALID, "unit", "Đơn vị '%s' đã giải thể/sáp nhập từ trước",
                         u.name);
    if (u.valid_from != DAY_NONE && d < u.valid_from)
        return error_set(e, ERR_INVALID, "date", "Ngày kết thúc trước ngày thành lập đơn vị");
    u.valid_to = d;
    u.successor_id = sid;
    u.aliases = NULL;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_day(&b, "valid_to", d);
    audit_int(&b, "successor_id", sid);
    const char *after = audit_end(ctx, &b);
    if (!(rc = store_unit_update(ctx->s, &u, e)))
        rc = app_audit(ctx, "unit.close", "unit", uid, "{\"valid_to\":null,\"successor_id\":0}",
                       after, e);
    return rc;
}

int app_unit_close(struct app *ctx, const char *unit, const char *day, const char *successor,
                   struct error *e)
{
    int64_t uid, sid = 0;
    day_num d;
    int rc;
    if ((rc = app_unit_resolve(ctx, unit, "unit", &uid, e)) ||
        (rc = app_parse_day(ctx, day, false, "date", &d, e)))
        return rc;
    if (successor && *successor && (rc = app_unit_resolve(ctx, successor, "successor", &sid, e)))
        return rc;
    if (sid == uid)
        return error_set(e, ERR_INVALID, "successor", "Đơn vị không thể kế thừa chính nó");
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    if ((rc = unit_close_in(ctx, uid, d, sid, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

int app_person_add(struct app *ctx, const struct person_input *in, int64_t *id, struct error *e)
{
    struct person_rec p = {0};
    int rc;
    if ((rc = app_clean(ctx, in->name, "name", NAME_MAX_BYTES, false, false, &p.name, e)) ||
        (rc = app_clean(ctx, in->title, "title", NAME_MAX_BYTES, false, true, &p.title, e)))
        return rc;
    if (in->unit && *in->unit && (rc = app_unit_resolve(ctx, in->unit, "unit", &p.unit_id, e)))
        return rc;
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "name", p.name);
    audit_str(&b, "title", p.title);
    audit_int(&b, "unit_id", p.unit_id);
    const char *after = audit_end(ctx, &b);
    if ((rc = store_person_insert(ctx->s, &p, id, e)) ||
        (rc = app_audit(ctx, "person.create", "person", *id, NULL, after, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

static const char *const meeting_kinds[] = {"giao_ban", "lam_viec", "kiem_tra", "khac", NULL};

int app_meeting_add(struct app *ctx, const struct meeting_input *in, int64_t *id,
                    struct error *e)
{
    struct meeting_rec m = {0};
    int rc;
    if ((rc = app_clean(ctx, in->kind ? in->kind : "giao_ban", "kind", 32, false, false, &m.kind,
                        e)) ||
        (rc = check_kind(m.kind, meeting_kinds, "kind", e)) ||
        (rc = app_clean(ctx, in->title, "title", 1000, false, false, &m.title, e)) ||
        (rc = app_parse_day(ctx, in->day, false, "date", &m.day, e)) ||
        (rc = app_unit_resolve(ctx, in->host, "host", &m.host_unit_id, e)) ||
        (rc = app_clean(ctx, in->chair, "chair", NAME_MAX_BYTES, false, true, &m.chair_name, e)) ||
        (rc = app_parse_day(ctx, in->period_from, true, "period_from", &m.period_from, e)) ||
        (rc = app_parse_day(ctx, in->period_to, true, "period_to", &m.period_to, e)) ||
        (rc = app_clean(ctx, in->notes, "notes", TASK_TEXT_MAX, true, true, &m.notes, e)))
        return rc;
    if (m.period_from != DAY_NONE && m.period_to != DAY_NONE && m.period_to < m.period_from)
        return error_set(e, ERR_INVALID, "period_to",
                         "Kỳ đánh giá không hợp lệ: ngày cuối trước ngày đầu");
    if (!*m.chair_name)
        m.chair_name = NULL;
    size_t n = 0;
    for (const char **u = in->attending; u && *u; u++)
        n++;
    int64_t *att = arena_alloc(ctx->a, (n + 1) * sizeof *att);
    for (size_t i = 0; i < n; i++)
        if ((rc = app_unit_resolve(ctx, in->attending[i], "attending", &att[i], e)))
            return rc;
    m.attending = att;
    m.n_attending = n;
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    /* The units the meeting names lie in the account's scope, checked inside the write. */
    rc = app_scope_require(ctx, m.host_unit_id, "host", e);
    for (size_t i = 0; i < n && !rc; i++)
        rc = app_scope_require(ctx, att[i], "attending", e);
    if (rc) {
        store_rollback(ctx->s);
        return rc;
    }
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "kind", m.kind);
    audit_str(&b, "title", m.title);
    audit_day(&b, "date", m.day);
    audit_int(&b, "host_unit_id", m.host_unit_id);
    const char *after = audit_end(ctx, &b);
    if ((rc = store_meeting_insert(ctx->s, &m, id, e)) ||
        (rc = app_audit(ctx, "meeting.create", "meeting", *id, NULL, after, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

static const char *const doc_types[] = {"TB", "QĐ", "CV", "KH", "BC", "TTr", "GM", "CT", "NQ",
                                        "HD", "TT", "khac", NULL};

/* "5/TB-UBND" -> num 5, symbol "TB-UBND", type "TB"; "6202/UBND-KT" -> type CV. */
static void split_number(struct arena *a, const char *number, int *num, const char **symbol,
                         const char **type)
{
    *num = 0;
    *symbol = NULL;
    *type = NULL;
    const char *slash = strchr(number, '/');
    if (!slash)
        return;
    char *end;
    long v = strtol(number, &end, 10);
    if (end == slash && v > 0 && v < 100000000)
        *num = (int)v;
    *symbol = arena_strdup(a, slash + 1);
    size_t k = strcspn(slash + 1, "-/");
    const char *first = arena_strndup(a, slash + 1, k);
    for (const char *const *t = doc_types; *t; t++)
        if (strcmp(*t, first) == 0) {
            *type = *t;
            return;
        }
    if (strcmp(first, "QD") == 0)
        *type = "QĐ";
    else
        *type = "CV"; /* a công văn's symbol has no type: "6202/UBND-KT" */
}

int app_doc_add(struct app *ctx, const struct doc_input *in, int64_t *id, struct error *e)
{
    struct doc_rec d = {0};
    int rc;
    const char *dir = in->direction ? in->direction : "";
    if (strcmp(dir, "in") == 0 || strcmp(dir, "den") == 0 || strcmp(dir, "đến") == 0)
        d.direction = DOC_IN;
    else if (strcmp(dir, "out") == 0 || strcmp(dir, "di") == 0 || strcmp(dir, "đi") == 0)
        d.direction = DOC_OUT;
    else
        return error_set(e, ERR_INVALID, "direction",
                         "Chiều văn bản phải là 'den' (văn bản đến) hoặc 'di' (văn bản đi)");
    if ((rc = app_unit_resolve(ctx, in->unit, "unit", &d.unit_id, e)) ||
        (rc = app_clean(ctx, in->number, "number", 100, false, true, &d.number, e)) ||
        (rc = app_clean(ctx, in->issuer, "issuer", NAME_MAX_BYTES, false, true, &d.issuer, e)) ||
        (rc = app_parse_day(ctx, in->day, false, "date", &d.day, e)) ||
        (rc = app_clean(ctx, in->subject, "subject", TASK_TEXT_MAX, true, false, &d.subject, e)) ||
        (rc = app_parse_day(ctx, in->handle_deadline, true, "deadline", &d.handle_deadline, e)) ||
        (rc = app_parse_day(ctx, in->processed, true, "processed", &d.processed_day, e)) ||
        (rc = app_parse_id(in->meeting, "meeting", &d.meeting_id, e)))
        return rc;
    if (in->handler && *in->handler &&
        (rc = app_unit_resolve(ctx, in->handler, "handler", &d.handler_unit_id, e)))
        return rc;
    const char *type_from_number = NULL;
    if (*d.number)
        split_number(ctx->a, d.number, &d.num, &d.symbol, &type_from_number);
    else
        d.number = NULL;
    if (in->type && *in->type) {
        if ((rc = app_clean(ctx, in->type, "type", 16, false, false, &d.type, e)) ||
            (rc = check_kind(d.type, doc_types, "type", e)))
            return rc;
    } else {
        d.type = type_from_number ? type_from_number : "khac";
    }
    if (!*d.issuer)
        d.issuer = NULL;
    if (d.handle_deadline != DAY_NONE && d.handle_deadline < d.day)
        return error_set(e, ERR_INVALID, "deadline", "Hạn xử lý trước ngày của văn bản");
    if (d.processed_day != DAY_NONE && d.processed_day < d.day)
        return error_set(e, ERR_INVALID, "processed", "Ngày xử lý trước ngày của văn bản");
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    /* The register's unit, the handler and the meeting lie in the account's scope, checked
     * inside the write. */
    struct meeting_rec m;
    if ((rc = app_scope_require(ctx, d.unit_id, "unit", e)) ||
        (d.handler_unit_id && (rc = app_scope_require(ctx, d.handler_unit_id, "handler", e))) ||
        (d.meeting_id && (rc = store_meeting_get(ctx->s, ctx->a, d.meeting_id, &m, e)) &&
         (!app_none(rc, e) ||
          (rc = error_set(e, ERR_INVALID, "meeting", "Không có cuộc họp số %lld",
                          (long long)d.meeting_id)))) ||
        (d.meeting_id &&
         (rc = app_scope_require_record(ctx, m.host_unit_id, 0, "meeting", "Cuộc họp", e)))) {
        store_rollback(ctx->s);
        return rc;
    }
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "direction", d.direction == DOC_IN ? "in" : "out");
    audit_int(&b, "unit_id", d.unit_id);
    audit_str(&b, "number", d.number);
    audit_day(&b, "date", d.day);
    audit_str(&b, "subject", d.subject);
    const char *after = audit_end(ctx, &b);
    if ((rc = store_doc_insert(ctx->s, &d, id, e)) ||
        (rc = app_audit(ctx, "document.create", "document", *id, NULL, after, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

int app_search_words(struct app *ctx, const char *text, const char *field, bool like,
                     const char **words, size_t max, size_t *n, struct error *e)
{
    const char *clean;
    *n = 0;
    int rc = app_clean(ctx, text, field, 500, false, false, &clean, e);
    if (rc)
        return rc;
    char *folded = text_fold(ctx->a, clean);
    char *save = NULL;
    for (char *tok = strtok_r(folded, " ", &save); tok && *n < max;
         tok = strtok_r(NULL, " ", &save))
        words[(*n)++] = like ? arena_printf(ctx->a, "%%%s%%", tok) : tok;
    if (*n == 0)
        return error_set(e, ERR_INVALID, field, "Từ khóa tìm kiếm không có chữ hay số nào");
    return ERR_OK;
}

/* Is a search hit inside ctx's bound? */
static int hit_within(struct app *ctx, const struct search_hit *h, bool *in, struct error *e)
{
    int64_t a = 0, b = 0;
    int rc = ERR_OK;
    *in = true;
    if (!ctx->scope_unit)
        return ERR_OK;
    if (strcmp(h->kind, "task") == 0) {
        struct task_rec t;
        if (!(rc = store_task_get(ctx->s, ctx->a, h->id, &t, e))) {
            a = t.lead_unit_id;
            b = t.assigner_unit_id;
        }
    } else if (strcmp(h->kind, "meeting") == 0) {
        struct meeting_rec m;
        if (!(rc = store_meeting_get(ctx->s, ctx->a, h->id, &m, e)))
            a = m.host_unit_id;
    } else if (strcmp(h->kind, "document") == 0) {
        struct doc_rec d;
        if (!(rc = store_doc_get(ctx->s, ctx->a, h->id, &d, e)))
            a = d.unit_id;
    } else {
        return ERR_OK;
    }
    if (rc)
        return rc;
    bool x = false, y = false;
    if ((rc = app_unit_within(ctx, ctx->scope_unit, true, a, &x, e)) ||
        (!x && b && (rc = app_unit_within(ctx, ctx->scope_unit, true, b, &y, e))))
        return rc;
    *in = x || y;
    return ERR_OK;
}

int app_search(struct app *ctx, const char *query, const char *field, size_t limit,
               struct search_hit **out, size_t *n, struct error *e)
{
    const char *words[9] = {0};
    size_t k;
    int rc = app_search_words(ctx, query, field, false, words, 8, &k, e);
    if (rc || (rc = store_search(ctx->s, ctx->a, words, limit, out, n, e)))
        return rc;
    /* Keep the hits inside the bound; units are the directory, always shown. */
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        bool in;
        if ((rc = hit_within(ctx, &(*out)[i], &in, e)))
            return rc;
        if (in)
            (*out)[kept++] = (*out)[i];
    }
    *n = kept;
    return ERR_OK;
}
