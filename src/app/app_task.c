/*
 * app/app_task.c - tasks and their events. See app.h.
 *
 * An event is checked against the workflow (core/task.h) replayed from the
 * whole history, never against the cached state alone; then, in one
 * transaction: the event is appended, the task's derived columns are
 * rewritten from the new history, and the running totals are moved from the
 * old timeline's deltas to the new one's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/app_int.h"
#include "text/normalize.h"
#include "util/xalloc.h"

/* What a history implies: workflow, timeline, the index columns. */
struct derived {
    struct task_flow flow;
    struct timeline *tl; /* heap: large */
    day_num dl_min, open_until, last_day;
};

static void derived_init(struct derived *d, const struct task_rec *t)
{
    task_flow_init(&d->flow);
    d->tl = xcalloc(1, sizeof *d->tl);
    d->tl->assigned = t->assigned;
    d->tl->deadline = t->deadline;
    d->dl_min = t->deadline;
    d->open_until = DAY_NONE;
    d->last_day = t->assigned;
}

static void derived_release(struct derived *d)
{
    free(d->tl);
    d->tl = NULL;
}

static int derived_apply(struct derived *d, const struct event_rec *ev, struct error *e)
{
    task_flow_apply(&d->flow, ev->kind, ev->new_deadline);
    if (timeline_kind_matters(ev->kind)) {
        int rc = timeline_add(d->tl, ev->kind, ev->day,
                              ev->kind == EV_EXT_APPROVE ? ev->new_deadline : DAY_NONE, e);
        if (rc)
            return rc;
    }
    if (ev->kind == EV_EXT_APPROVE && ev->new_deadline != DAY_NONE &&
        (d->dl_min == DAY_NONE || ev->new_deadline < d->dl_min))
        d->dl_min = ev->new_deadline;
    if (ev->kind == EV_DONE_CONFIRM || ev->kind == EV_CANCEL)
        d->open_until = ev->day;
    else if (ev->kind == EV_REOPEN)
        d->open_until = DAY_NONE;
    if (ev->day > d->last_day)
        d->last_day = ev->day;
    return ERR_OK;
}

static int derived_replay(struct derived *d, const struct task_rec *t, const struct event_rec *ev,
                          size_t n, struct error *e)
{
    derived_init(d, t);
    for (size_t i = 0; i < n; i++) {
        int rc = derived_apply(d, &ev[i], e);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

static const char *timeline_text(struct app *ctx, const struct timeline *tl)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    timeline_encode(tl, &b);
    const char *s = arena_strndup(ctx->a, b.data, b.len);
    buf_release(&b);
    return s;
}

/* Move the running totals of one task from timeline `before` (NULL: none) to `after`. */
static int move_totals(struct app *ctx, const struct task_rec *t, const struct timeline *before,
                       const struct timeline *after, struct error *e)
{
    struct count_delta *d = xmalloc(TIMELINE_MAX_DELTAS * sizeof *d);
    int rc = ERR_OK;
    if (before) {
        size_t n = timeline_deltas(before, ctx->soon_days, d);
        rc = store_agg_apply(ctx->s, t->lead_unit_id, t->assigner_unit_id, d, n, -1, e);
    }
    if (!rc && after) {
        size_t n = timeline_deltas(after, ctx->soon_days, d);
        rc = store_agg_apply(ctx->s, t->lead_unit_id, t->assigner_unit_id, d, n, +1, e);
    }
    free(d);
    return rc;
}

/* Up to two digits at *p, advancing it; -1 when there is none. */
static int two_digits(const char **p)
{
    int v = -1;
    for (int i = 0; i < 2 && **p >= '0' && **p <= '9'; i++, (*p)++)
        v = (v < 0 ? 0 : v * 10) + (**p - '0');
    return v;
}

/* "14:00", "14h30", "14h", "14" and nothing else: "14:00abc" or "+14" is not an hour. */
static int parse_time(const char *s, int *minute, struct error *e)
{
    *minute = -1;
    if (!s || !*s)
        return ERR_OK;
    const char *p = s;
    int h = two_digits(&p), m = 0;
    bool ok = h >= 0;
    if (ok && (*p == ':' || *p == 'h')) {
        char sep = *p++;
        const char *start = p;
        m = *p ? two_digits(&p) : 0;
        ok = sep == 'h' ? (m >= 0) : (m >= 0 && p - start == 2);
    }
    if (ok && *p == '\0' && h < 24 && m < 60) {
        *minute = h * 60 + m;
        return ERR_OK;
    }
    return error_set(e, ERR_INVALID, "deadline_time",
                     "Giờ của thời hạn không hợp lệ: '%.20s' (nhập dạng 14:00)",
                     text_valid_utf8(s, strlen(s)) ? s : "?");
}

/* What the audit trail keeps of a new task. */
static const char *task_audit(struct app *ctx, const struct task_rec *t)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "content", t->content);
    audit_int(&b, "lead_unit_id", t->lead_unit_id);
    audit_int(&b, "assigner_unit_id", t->assigner_unit_id);
    audit_day(&b, "assigned", t->assigned);
    audit_day(&b, "deadline", t->deadline);
    audit_int(&b, "notice_id", t->notice_id);
    audit_int(&b, "meeting_id", t->meeting_id);
    audit_int(&b, "key_task", t->key_task);
    audit_int(&b, "version", 1);
    return audit_end(ctx, &b);
}

/* The derived state of a task before or after an event, for the audit trail. */
static const char *state_audit(struct app *ctx, enum task_state state, int64_t version,
                               const char *timeline, const struct event_rec *ev)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_addc(&b, '{');
    audit_str(&b, "state", task_state_name(state));
    audit_int(&b, "version", version);
    audit_str(&b, "timeline", timeline);
    if (ev) {
        audit_int(&b, "event_id", ev->id);
        audit_str(&b, "event", task_event_name(ev->kind));
        audit_day(&b, "date", ev->day);
        audit_str(&b, "note", ev->note);
        if (ev->percent >= 0)
            audit_int(&b, "percent", ev->percent);
        audit_day(&b, "new_deadline", ev->new_deadline);
    }
    return audit_end(ctx, &b);
}

/* The part of app_task_add inside its transaction: the records the task names, their scope,
 * the insert, the totals and the audit row. */
static int task_add_within(struct app *ctx, const struct task_input *in, struct task_rec *t,
                           int64_t notice, int64_t meeting, int64_t parent, int64_t person,
                           int64_t *id, struct error *e)
{
    int rc;
    if ((rc = app_scope_require(ctx, t->lead_unit_id, "unit", e)) ||
        (t->assigner_unit_id && (rc = app_scope_require(ctx, t->assigner_unit_id, "by", e))))
        return rc;

    if (notice) {
        struct doc_rec d;
        rc = store_doc_get(ctx->s, ctx->a, notice, &d, e);
        if (rc && !app_none(rc, e))
            return rc;
        if (rc)
            return error_set(e, ERR_INVALID, "notice", "Không có văn bản (thông báo) số %lld",
                             (long long)notice);
        if (d.direction != DOC_OUT)
            return error_set(e, ERR_INVALID, "notice",
                             "Văn bản số %lld là văn bản đến, không phải thông báo kết luận đã "
                             "ban hành",
                             (long long)notice);
        if ((rc = app_scope_require_record(ctx, d.unit_id, 0, "notice", "Văn bản", e)))
            return rc;
        t->notice_id = notice;
        if (!meeting)
            meeting = d.meeting_id;
        if (t->assigned == DAY_NONE)
            t->assigned = d.day;
        if (!t->assigner_unit_id)
            t->assigner_unit_id = d.unit_id;
    }
    if (meeting) {
        struct meeting_rec m;
        rc = store_meeting_get(ctx->s, ctx->a, meeting, &m, e);
        if (rc && !app_none(rc, e))
            return rc;
        if (rc)
            return error_set(e, ERR_INVALID, "meeting", "Không có cuộc họp số %lld",
                             (long long)meeting);
        if ((rc = app_scope_require_record(ctx, m.host_unit_id, 0, "meeting", "Cuộc họp", e)))
            return rc;
        t->meeting_id = meeting;
        if (t->assigned == DAY_NONE)
            t->assigned = m.day;
        if (!t->assigner_unit_id)
            t->assigner_unit_id = m.host_unit_id;
    }
    t->source = notice ? SOURCE_NOTICE : meeting ? SOURCE_MEETING : SOURCE_DIRECT;
    if (t->assigned == DAY_NONE)
        t->assigned = ctx->today;
    /* A unit closed (merged, dissolved) by the day of assignment takes no new task. */
    if ((rc = app_unit_require_open(ctx, t->lead_unit_id, t->assigned, "unit", e)))
        return rc;
    if (t->deadline != DAY_NONE && t->deadline < t->assigned) {
        char a1[16], a2[16];
        return error_set(e, ERR_INVALID, "deadline",
                         "Thời hạn %s trước ngày giao %s", day_format_vn(t->deadline, a1),
                         day_format_vn(t->assigned, a2));
    }
    if (parent) {
        struct task_rec p;
        rc = store_task_get(ctx->s, ctx->a, parent, &p, e);
        if (rc && !app_none(rc, e))
            return rc;
        if (rc)
            return error_set(e, ERR_INVALID, "parent", "Không có nhiệm vụ cha số %lld",
                             (long long)parent);
        if ((rc = app_scope_require_record(ctx, p.lead_unit_id, p.assigner_unit_id, "parent",
                                           "Nhiệm vụ gốc", e)))
            return rc;
        t->parent_id = parent;
    }
    if (person) {
        struct person_rec p;
        rc = store_person_get(ctx->s, ctx->a, person, &p, e);
        if (rc && !app_none(rc, e))
            return rc;
        if (rc)
            return error_set(e, ERR_INVALID, "assigner_person", "Không có cán bộ số %lld",
                             (long long)person);
        if ((rc = app_scope_require_record(ctx, p.unit_id, 0, "assigner_person", "Cán bộ", e)))
            return rc;
        t->assigner_person_id = person;
    }
    size_t n = 0;
    for (const char **c = in->coordinating; c && *c; c++)
        n++;
    int64_t *co = arena_alloc(ctx->a, (n + 1) * sizeof *co);
    for (size_t i = 0; i < n; i++) {
        if ((rc = app_unit_resolve(ctx, in->coordinating[i], "coordinating", &co[i], e)) ||
            (rc = app_scope_require(ctx, co[i], "coordinating", e)))
            return rc;
        if (co[i] == t->lead_unit_id)
            return error_set(e, ERR_INVALID, "coordinating",
                             "Đơn vị chủ trì không đồng thời là đơn vị phối hợp");
    }
    t->coordinating = co;
    t->n_coordinating = n;

    struct derived d;
    derived_init(&d, t);
    if (!(rc = store_task_insert(ctx->s, t, id, e)) &&
        !(rc = move_totals(ctx, t, NULL, d.tl, e)))
        rc = app_audit(ctx, "task.create", "task", *id, NULL, task_audit(ctx, t), e);
    derived_release(&d);
    return rc;
}

int app_task_add(struct app *ctx, const struct task_input *in, int64_t *id, struct error *e)
{
    struct task_rec t = {0};
    int64_t notice = 0, meeting = 0, parent = 0, person = 0;
    int rc;
    if ((rc = app_clean(ctx, in->content, "content", TASK_CONTENT_MAX, true, false, &t.content,
                        e)) ||
        (rc = app_unit_resolve(ctx, in->lead, "unit", &t.lead_unit_id, e)))
        return rc;
    if (in->assigner && *in->assigner &&
        (rc = app_unit_resolve(ctx, in->assigner, "by", &t.assigner_unit_id, e)))
        return rc;
    if ((rc = app_parse_day(ctx, in->assigned, true, "assigned", &t.assigned, e)) ||
        (rc = app_parse_day(ctx, in->deadline, true, "deadline", &t.deadline, e)) ||
        (rc = parse_time(in->deadline_time, &t.deadline_minute, e)) ||
        (rc = app_notice_ref(ctx, in->notice, "notice", &notice, e)) ||
        (rc = app_parse_id(in->meeting, "meeting", &meeting, e)) ||
        (rc = app_parse_id(in->parent, "parent", &parent, e)) ||
        (rc = app_parse_id(in->assigner_person, "assigner_person", &person, e)) ||
        (rc = app_clean(ctx, in->sector, "sector", 200, false, true, &t.sector, e)))
        return rc;
    if (!*t.sector)
        t.sector = NULL;
    if (t.deadline_minute >= 0 && t.deadline == DAY_NONE)
        return error_set(e, ERR_INVALID, "deadline_time", "Có giờ nhưng không có ngày thời hạn");
    t.key_task = in->key_task;
    /* Every record the task names is read, and checked against the account's scope, in the
     * transaction that writes it: none can change hands between the check and the write. */
    if ((rc = store_begin(ctx->s, e)))
        return rc;
    if ((rc = task_add_within(ctx, in, &t, notice, meeting, parent, person, id, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}

/* The records an event names (evidence document, acting unit), inside its transaction. */
static int event_references(struct app *ctx, const struct event_rec *ev, struct error *e)
{
    int rc;
    if (ev->actor_unit_id && (rc = app_scope_require(ctx, ev->actor_unit_id, "actor_unit", e)))
        return rc;
    if (ev->evidence_doc_id) {
        struct doc_rec d;
        rc = store_doc_get(ctx->s, ctx->a, ev->evidence_doc_id, &d, e);
        if (rc && !app_none(rc, e))
            return rc;
        if (rc)
            return error_set(e, ERR_INVALID, "evidence", "Không có văn bản số %lld",
                             (long long)ev->evidence_doc_id);
        if ((rc = app_scope_require_record(ctx, d.unit_id, 0, "evidence", "Văn bản", e)))
            return rc;
    }
    return ERR_OK;
}

/*
 * Separation of duties: the one who reported a completion does not confirm it, the one who
 * asked for an extension does not approve it, whatever their role; otherwise one clerk alone
 * could raise the on-time rate the chairman reads. "Who" is the acting account (the CLI's is
 * cli:<user>); events recorded without one bind nobody.
 */
static int duty_check(struct app *ctx, const struct event_rec *ev, const struct event_rec *old,
                      size_t n_old, struct error *e)
{
    enum task_event_kind asked;
    if (ev->kind == EV_DONE_CONFIRM)
        asked = EV_DONE_REPORT;
    else if (ev->kind == EV_EXT_APPROVE)
        asked = EV_EXT_REQUEST;
    else
        return ERR_OK;
    for (size_t i = n_old; i-- > 0;) {
        if (old[i].kind != asked)
            continue;
        if (old[i].actor && ctx->actor && strcmp(old[i].actor, ctx->actor) == 0)
            return error_set(e, ERR_FORBIDDEN, "actor",
                             asked == EV_DONE_REPORT
                                 ? "Tài khoản đã báo cáo hoàn thành không tự xác nhận báo cáo "
                                   "của mình; cần người khác (lãnh đạo hoặc văn phòng) xác nhận"
                                 : "Tài khoản đã đề nghị gia hạn không tự đồng ý đề nghị của "
                                   "mình; cần lãnh đạo khác xem xét");
        return ERR_OK; /* the latest one is what is being decided */
    }
    return ERR_OK;
}

static bool needs_note(enum task_event_kind k)
{
    return k == EV_EXT_REQUEST || k == EV_RETURN || k == EV_CANCEL || k == EV_DONE_REJECT ||
           k == EV_EXT_REFUSE;
}

/* May the acting account act on `t`? A unit account on the tasks its unit (or one below)
 * leads; the others also on the tasks they assigned. Read inside the event's transaction. */
static int task_actable(struct app *ctx, const struct task_rec *t, struct error *e)
{
    if (!ctx->scope_unit)
        return ERR_OK;
    bool lead, by = false;
    int rc = app_unit_within(ctx, ctx->scope_unit, true, t->lead_unit_id, &lead, e);
    if (!rc && !lead && !ctx->scope_lead_only && t->assigner_unit_id)
        rc = app_unit_within(ctx, ctx->scope_unit, true, t->assigner_unit_id, &by, e);
    if (!rc && !lead && !by)
        rc = error_set(e, ERR_FORBIDDEN, "id", "Nhiệm vụ này không thuộc phạm vi của tài khoản");
    return rc;
}

int app_task_event(struct app *ctx, int64_t task_id, const struct event_input *in,
                   int64_t *event_id, struct error *e)
{
    struct event_rec ev = {0};
    ev.task_id = task_id;
    ev.kind = in->kind;
    ev.percent = -1;
    ev.new_deadline = DAY_NONE;
    int rc;
    if (in->kind < 1 || in->kind > EV_KIND_MAX)
        return error_set(e, ERR_INVALID, "event", "Loại sự kiện không hợp lệ");
    if ((rc = app_parse_day(ctx, in->day, true, "date", &ev.day, e)) ||
        (rc = app_clean(ctx, in->note, "note", TASK_TEXT_MAX, true, true, &ev.note, e)) ||
        (rc = app_parse_day(ctx, in->new_deadline, true, "deadline", &ev.new_deadline, e)) ||
        (rc = app_parse_id(in->evidence, "evidence", &ev.evidence_doc_id, e)))
        return rc;
    if (ev.day == DAY_NONE)
        ev.day = ctx->today;
    if (!*ev.note) {
        if (needs_note(in->kind))
            return error_set(e, ERR_INVALID, "note", "Cần ghi lý do khi %s",
                             task_event_label(in->kind));
        ev.note = NULL;
    }
    if (in->percent && *in->percent) {
        char *end;
        long p = strtol(in->percent, &end, 10);
        if (*end == '%')
            end++;
        if (*end || end == in->percent || p < 0 || p > 100)
            return error_set(e, ERR_INVALID, "percent",
                             "Tỷ lệ hoàn thành phải là số từ 0 đến 100");
        ev.percent = (int)p;
    }
    if (in->actor_unit && *in->actor_unit &&
        (rc = app_unit_resolve(ctx, in->actor_unit, "actor_unit", &ev.actor_unit_id, e)))
        return rc;
    ev.actor = ctx->actor;
    if (ev.day > ctx->today) {
        char d1[16];
        return error_set(e, ERR_INVALID, "date", "Ngày %s là ngày trong tương lai",
                         day_format_vn(ev.day, d1));
    }

    if ((rc = store_begin(ctx->s, e)))
        return rc;
    struct task_rec t;
    struct event_rec *old;
    size_t n_old;
    struct derived before = {0}, after = {0};
    if ((rc = store_task_lock(ctx->s, task_id, e)) ||
        (rc = store_task_get(ctx->s, ctx->a, task_id, &t, e)) ||
        (rc = store_task_events(ctx->s, ctx->a, task_id, &old, &n_old, e)) ||
        (rc = derived_replay(&before, &t, old, n_old, e)) ||
        (rc = derived_replay(&after, &t, old, n_old, e)) ||
        (rc = task_actable(ctx, &t, e)) || (rc = event_references(ctx, &ev, e)) ||
        (rc = duty_check(ctx, &ev, old, n_old, e)))
        goto fail;
    if (in->expect_version && in->expect_version != t.version) {
        rc = error_set(e, ERR_CONFLICT, "version",
                       "Nhiệm vụ vừa được người khác cập nhật (phiên bản %lld, bạn đang xem "
                       "%lld); hãy tải lại và thử lại",
                       (long long)t.version, (long long)in->expect_version);
        goto fail;
    }
    if ((rc = task_flow_check(&before.flow, ev.kind, t.deadline != DAY_NONE, e)))
        goto fail;
    char d1[16], d2[16];
    if (ev.day < t.assigned) {
        rc = error_set(e, ERR_INVALID, "date", "Ngày %s trước ngày giao nhiệm vụ %s",
                       day_format_vn(ev.day, d1), day_format_vn(t.assigned, d2));
        goto fail;
    }
    if (ev.day < before.last_day) {
        rc = error_set(e, ERR_INVALID, "date",
                       "Ngày %s trước sự kiện gần nhất của nhiệm vụ (ngày %s)",
                       day_format_vn(ev.day, d1), day_format_vn(before.last_day, d2));
        goto fail;
    }
    struct task_dates now;
    timeline_dates_at(before.tl, ev.day, &now, NULL);
    switch (ev.kind) {
    case EV_EXT_REQUEST:
        if (ev.new_deadline == DAY_NONE) {
            rc = error_set(e, ERR_INVALID, "deadline", "Cần ghi thời hạn mới đề nghị gia hạn");
            goto fail;
        }
        if (ev.new_deadline <= now.deadline) {
            rc = error_set(e, ERR_INVALID, "deadline",
                           "Thời hạn đề nghị %s không sau thời hạn hiện hành %s",
                           day_format_vn(ev.new_deadline, d1), day_format_vn(now.deadline, d2));
            goto fail;
        }
        ev.late_request = ev.day > now.deadline;
        break;
    case EV_EXT_APPROVE:
        if (ev.new_deadline == DAY_NONE)
            ev.new_deadline = before.flow.ext_requested;
        if (ev.new_deadline < t.assigned) {
            rc = error_set(e, ERR_INVALID, "deadline", "Thời hạn mới trước ngày giao nhiệm vụ");
            goto fail;
        }
        break;
    case EV_EXT_REFUSE:
        ev.new_deadline = before.flow.ext_requested;
        break;
    default:
        if (ev.new_deadline != DAY_NONE) {
            rc = error_set(e, ERR_INVALID, "deadline", "Chỉ ghi thời hạn mới khi gia hạn");
            goto fail;
        }
    }
    if (ev.percent >= 0 && ev.kind != EV_PROGRESS) {
        rc = error_set(e, ERR_INVALID, "percent", "Tỷ lệ hoàn thành chỉ ghi khi báo cáo tiến độ");
        goto fail;
    }
    const char *tl_after;
    if ((rc = derived_apply(&after, &ev, e)) ||
        (rc = store_event_insert(ctx->s, &ev, event_id, e)) ||
        (rc = store_task_set_derived(ctx->s, task_id, after.flow.state,
                                     tl_after = timeline_text(ctx, after.tl), after.dl_min,
                                     after.open_until, t.version, e)) ||
        (rc = move_totals(ctx, &t, before.tl, after.tl, e)))
        goto fail;
    ev.id = *event_id;
    if ((rc = app_audit(ctx, arena_printf(ctx->a, "task.%s", task_event_name(ev.kind)), "task",
                        task_id, state_audit(ctx, t.state, t.version, t.timeline, NULL),
                        state_audit(ctx, after.flow.state, t.version + 1, tl_after, &ev), e)))
        goto fail;
    derived_release(&before);
    derived_release(&after);
    return store_commit(ctx->s, e);
fail:
    derived_release(&before);
    derived_release(&after);
    store_rollback(ctx->s);
    return rc;
}

int app_task_view(struct app *ctx, int64_t id, day_num as_of, struct task_view *out,
                  struct error *e)
{
    memset(out, 0, sizeof *out);
    int rc;
    if ((rc = app_task_get(ctx, id, &out->t, e)) ||
        (rc = store_task_events(ctx->s, ctx->a, id, &out->events, &out->n_events, e)))
        return rc;
    struct derived d;
    if ((rc = derived_replay(&d, &out->t, out->events, out->n_events, e))) {
        derived_release(&d);
        return rc;
    }
    day_num day = as_of == DAY_NONE ? ctx->today : as_of;
    timeline_dates_at(d.tl, day, &out->dates, &out->awaiting);
    out->standing = task_standing_at(&out->dates, day, ctx->soon_days);
    out->pending_ext = d.flow.ext_pending ? d.flow.ext_requested : DAY_NONE;
    derived_release(&d);
    return ERR_OK;
}

/* Does a task standing on a day match a category name of the task list? */
static bool category_matches(const char *cat, const struct task_standing *st, bool awaiting)
{
    enum task_bucket b = st->bucket;
    if (b == TASK_UNCOUNTED)
        return false;
    if (strcmp(cat, "awaiting_confirmation") == 0) /* reported done, not yet confirmed */
        return awaiting;
    if (strcmp(cat, "done_on_time") == 0)
        return b == TASK_DONE_EARLY || b == TASK_DONE_ON_DAY;
    if (strcmp(cat, "done_before") == 0)
        return b == TASK_DONE_EARLY;
    if (strcmp(cat, "done_on_day") == 0)
        return b == TASK_DONE_ON_DAY;
    if (strcmp(cat, "done_late") == 0)
        return b == TASK_DONE_LATE;
    if (strcmp(cat, "open_in_time") == 0)
        return b == TASK_OPEN_IN_TIME;
    if (strcmp(cat, "due_soon") == 0)
        return st->due_soon;
    if (strcmp(cat, "open_overdue") == 0)
        return b == TASK_OPEN_OVERDUE;
    if (strcmp(cat, "no_deadline") == 0)
        return b == TASK_NO_DEADLINE_DONE || b == TASK_NO_DEADLINE_OPEN;
    if (strcmp(cat, "open") == 0)
        return b == TASK_OPEN_IN_TIME || b == TASK_OPEN_OVERDUE || b == TASK_NO_DEADLINE_OPEN;
    if (strcmp(cat, "done") == 0)
        return b == TASK_DONE_EARLY || b == TASK_DONE_ON_DAY || b == TASK_DONE_LATE ||
               b == TASK_NO_DEADLINE_DONE;
    return false;
}

static const char *const categories[] = {"done_on_time", "done_before", "done_on_day",
                                         "done_late",    "open_in_time", "due_soon",
                                         "open_overdue", "no_deadline",  "open",
                                         "done",         "awaiting_confirmation", NULL};

#define TASK_LIST_MAX 1000

/* Where a task stands on `day`, from its stored timeline; `tl` is scratch (large). */
static int standing_from_row(struct app *ctx, day_num assigned, day_num deadline,
                             const char *timeline, day_num day, struct timeline *tl,
                             struct task_dates *dates, bool *awaiting, struct task_standing *st,
                             struct error *e)
{
    tl->assigned = assigned;
    tl->deadline = deadline;
    int rc = timeline_decode(timeline, tl, e);
    if (rc)
        return rc;
    timeline_dates_at(tl, day, dates, awaiting);
    *st = task_standing_at(dates, day, ctx->soon_days);
    return ERR_OK;
}

/* The ids of the tasks of a category list, found by store_task_scan. */
struct category_scan {
    struct app *ctx;
    const char *category;
    day_num as_of;
    struct timeline *tl; /* scratch, heap: large */
    int64_t *ids;        /* heap */
    size_t n, cap;
};

static int category_task(void *arg, const struct task_fact *tf, struct error *e)
{
    struct category_scan *sc = arg;
    struct task_dates dates;
    struct task_standing st;
    bool awaiting;
    int rc = standing_from_row(sc->ctx, tf->assigned, tf->deadline, tf->timeline, sc->as_of,
                               sc->tl, &dates, &awaiting, &st, e);
    if (rc)
        return rc;
    if (!category_matches(sc->category, &st, awaiting))
        return ERR_OK;
    if (sc->n == sc->cap) {
        sc->cap = sc->cap ? 2 * sc->cap : 256;
        sc->ids = xrealloc(sc->ids, sc->cap * sizeof *sc->ids);
    }
    sc->ids[sc->n++] = tf->id;
    return ERR_OK;
}

static int id_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int app_task_list(struct app *ctx, const struct task_list_query *q, struct task_item **out,
                  size_t *n, size_t *total, day_num *as_of_out, struct error *e)
{
    int64_t unit = 0, by = 0, notice = 0, meeting = 0;
    day_num as_of, dfrom, dto;
    int rc;
    if (q->unit_id)
        unit = q->unit_id;
    else if (q->unit && *q->unit && (rc = app_unit_resolve(ctx, q->unit, "unit", &unit, e)))
        return rc;
    if ((unit && (rc = app_scope_require(ctx, unit, "unit", e))) ||
        (q->by && *q->by && (rc = app_unit_resolve(ctx, q->by, "by", &by, e))) ||
        (rc = app_parse_day(ctx, q->as_of, true, "as_of", &as_of, e)) ||
        (rc = app_parse_day(ctx, q->deadline_from, true, "deadline_from", &dfrom, e)) ||
        (rc = app_parse_day(ctx, q->deadline_to, true, "deadline_to", &dto, e)) ||
        (rc = app_parse_id(q->notice, "notice", &notice, e)) ||
        (rc = app_parse_id(q->meeting, "meeting", &meeting, e)))
        return rc;
    if (as_of == DAY_NONE)
        as_of = ctx->today;
    *as_of_out = as_of;
    if (q->category && *q->category) {
        bool ok = false;
        for (const char *const *c = categories; *c; c++)
            ok |= strcmp(*c, q->category) == 0;
        if (!ok)
            return error_set(e, ERR_INVALID, "category",
                             "Nhóm '%.40s' không hợp lệ; chọn: done_on_time, done_before, "
                             "done_on_day, done_late, open_in_time, due_soon, open_overdue, "
                             "no_deadline, open, done, awaiting_confirmation",
                             q->category);
    }
    size_t limit = q->limit ? q->limit : 50;
    if (limit > TASK_LIST_MAX)
        return error_set(e, ERR_INVALID, "limit", "Mỗi trang tối đa %d nhiệm vụ", TASK_LIST_MAX);

    /* Everything `out:` releases is set up before the first jump to it. */
    struct unit_set lead = UNIT_SET_INIT, assigner = UNIT_SET_INIT, page = UNIT_SET_INIT;
    const char *words[9] = {0};
    size_t k = 0;
    bool by_category = q->category && *q->category;
    struct task_filter f = {.lead = unit ? &lead : NULL, .assigner = by ? &assigner : NULL,
                            .assigned_from = DAY_NONE, .assigned_to = DAY_NONE,
                            .deadline_from = dfrom, .deadline_to = dto,
                            .open_at = DAY_NONE, .key_only = q->key_only,
                            .notice_id = notice, .meeting_id = meeting, .words = words,
                            .limit = limit, .offset = q->offset};
    struct task_rec *recs;
    size_t n_recs;
    struct task_item *items;
    struct timeline *tl;
    if (unit && (rc = app_unit_cover(ctx, unit, q->subtree, &lead, e)))
        goto out;
    if (by && (rc = app_unit_cover(ctx, by, false, &assigner, e)))
        goto out;
    if (q->text && (rc = app_search_words(ctx, q->text, q->text_field ? q->text_field : "text",
                                          true, words, 8, &k, e)))
        goto out;
    if (by_category) {
        /* Classify every candidate from the few columns a scan reads, then fetch only the
         * page's rows: a category list of thousands costs one light pass, not thousands of
         * full rows. */
        f.assigned_to = as_of; /* a category needs the task assigned by the day */
        const char *c = q->category;
        if (strcmp(c, "open_in_time") == 0 || strcmp(c, "due_soon") == 0 ||
            strcmp(c, "open_overdue") == 0 || strcmp(c, "open") == 0)
            f.open_at = as_of;
        struct category_scan sc = {.ctx = ctx, .category = c, .as_of = as_of};
        sc.tl = xmalloc(sizeof *sc.tl);
        rc = store_task_scan(ctx->s, &f, category_task, &sc, e);
        free(sc.tl);
        if (!rc) {
            if (sc.n)
                qsort(sc.ids, sc.n, sizeof *sc.ids, id_cmp);
            for (size_t i = q->offset; i < sc.n && i < q->offset + limit; i++)
                unit_set_add(&page, sc.ids[i]);
            if (total)
                *total = sc.n;
        }
        free(sc.ids);
        if (rc)
            goto out;
        if (!page.n) {
            *out = arena_alloc(ctx->a, sizeof **out);
            *n = 0;
            goto out;
        }
        f = (struct task_filter){.assigned_from = DAY_NONE, .assigned_to = DAY_NONE,
                                 .deadline_from = DAY_NONE, .deadline_to = DAY_NONE,
                                 .open_at = DAY_NONE, .task_ids = &page};
    }
    if ((rc = store_task_list(ctx->s, ctx->a, &f, &recs, &n_recs, by_category ? NULL : total, e)))
        goto out;
    items = arena_alloc(ctx->a, (n_recs + 1) * sizeof *items);
    tl = xmalloc(sizeof *tl);
    for (size_t i = 0; i < n_recs && !rc; i++) {
        struct task_item *it = &items[i];
        memset(it, 0, sizeof *it);
        it->t = recs[i];
        rc = standing_from_row(ctx, recs[i].assigned, recs[i].deadline, recs[i].timeline, as_of,
                               tl, &it->dates, &it->awaiting, &it->standing, e);
    }
    free(tl);
    *out = items;
    *n = n_recs;
out:
    unit_set_release(&page);
    unit_set_release(&lead);
    unit_set_release(&assigner);
    return rc;
}
