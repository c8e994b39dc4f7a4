/*
 * core/timeline.c - see timeline.h.
 *
 * timeline_deltas() does not reason about which bucket follows which: it
 * evaluates timeline_counts_at() on every day where something could change
 * (the assignment, every mark, each deadline's "due soon" day and the day
 * after it) and records the differences. The counters are constant between
 * those days, so the sum of the deltas equals the direct evaluation on every
 * day, by construction; tests/core/test_timeline.c checks it day by day.
 */
#include "core/timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool timeline_kind_matters(enum task_event_kind kind)
{
    switch (kind) {
    case EV_EXT_APPROVE:
    case EV_DONE_REPORT:
    case EV_DONE_CONFIRM:
    case EV_DONE_REJECT:
    case EV_REOPEN:
    case EV_CANCEL:
        return true;
    default:
        return false;
    }
}

static char mark_letter(uint8_t kind)
{
    switch (kind) {
    case EV_EXT_APPROVE:  return 'A';
    case EV_DONE_REPORT:  return 'R';
    case EV_DONE_CONFIRM: return 'C';
    case EV_DONE_REJECT:  return 'J';
    case EV_REOPEN:       return 'O';
    case EV_CANCEL:       return 'X';
    }
    return '?';
}

static int mark_kind(char letter)
{
    switch (letter) {
    case 'A': return EV_EXT_APPROVE;
    case 'R': return EV_DONE_REPORT;
    case 'C': return EV_DONE_CONFIRM;
    case 'J': return EV_DONE_REJECT;
    case 'O': return EV_REOPEN;
    case 'X': return EV_CANCEL;
    }
    return 0;
}

void timeline_encode(const struct timeline *t, struct buf *out)
{
    for (size_t i = 0; i < t->n_marks; i++) {
        const struct timeline_mark *m = &t->marks[i];
        if (i)
            buf_addc(out, ',');
        buf_addf(out, "%c%d", mark_letter(m->kind), (int)m->day);
        if (m->value != DAY_NONE)
            buf_addf(out, ":%d", (int)m->value);
    }
}

int timeline_add(struct timeline *t, enum task_event_kind kind, day_num day, day_num value,
                 struct error *e)
{
    if (t->n_marks >= TIMELINE_MAX_MARKS)
        return error_set(e, ERR_TOO_BIG, "event",
                         "Nhiệm vụ đã có quá nhiều sự kiện (tối đa %d)", TIMELINE_MAX_MARKS);
    t->marks[t->n_marks++] = (struct timeline_mark){.day = day, .kind = (uint8_t)kind,
                                                    .value = value};
    return ERR_OK;
}

static bool read_int(const char **p, long *out)
{
    char *end;
    long v = strtol(*p, &end, 10);
    if (end == *p || v < -1000000 || v > 1000000)
        return false;
    *p = end;
    *out = v;
    return true;
}

int timeline_decode(const char *text, struct timeline *t, struct error *e)
{
    t->n_marks = 0;
    const char *p = text ? text : "";
    while (*p) {
        int kind = mark_kind(*p++);
        long day, value = DAY_NONE;
        if (!kind || !read_int(&p, &day))
            goto bad;
        if (*p == ':') {
            p++;
            if (!read_int(&p, &value))
                goto bad;
        }
        int rc = timeline_add(t, (enum task_event_kind)kind, (day_num)day, (day_num)value, e);
        if (rc)
            return rc;
        if (*p == ',')
            p++;
        else if (*p)
            goto bad;
    }
    return ERR_OK;
bad:
    return error_set(e, ERR_INTERNAL, "timeline", "Dữ liệu lịch sử nhiệm vụ bị hỏng: '%.60s'",
                     text);
}

void timeline_dates_at(const struct timeline *t, day_num day, struct task_dates *out,
                       bool *awaiting)
{
    day_num deadline = t->deadline, completed = DAY_NONE, cancelled = DAY_NONE;
    day_num reported = DAY_NONE; /* a report awaiting confirmation */

    for (size_t i = 0; i < t->n_marks && t->marks[i].day <= day; i++) {
        const struct timeline_mark *m = &t->marks[i];
        switch (m->kind) {
        case EV_EXT_APPROVE:
            deadline = m->value;
            break;
        case EV_DONE_REPORT:
            reported = m->day;
            break;
        case EV_DONE_CONFIRM:
            /* Dated on the day the unit reported: a slow confirmation makes no one late. */
            completed = reported != DAY_NONE ? reported : m->day;
            reported = DAY_NONE;
            break;
        case EV_DONE_REJECT:
            reported = DAY_NONE;
            break;
        case EV_REOPEN:
            completed = DAY_NONE;
            reported = DAY_NONE;
            break;
        case EV_CANCEL:
            if (cancelled == DAY_NONE)
                cancelled = m->day;
            break;
        }
    }
    out->assigned = t->assigned;
    out->deadline = deadline;
    out->completed = completed;
    out->cancelled = cancelled;
    if (awaiting)
        *awaiting = reported != DAY_NONE;
}

void timeline_counts_at(const struct timeline *t, day_num day, int soon_days,
                        struct task_counts *out, struct task_standing *st)
{
    struct task_dates d;
    bool awaiting;
    timeline_dates_at(t, day, &d, &awaiting);
    struct task_standing s = task_standing_at(&d, day, soon_days);
    memset(out, 0, sizeof *out);
    if (st)
        *st = s;
    if (s.bucket == TASK_UNCOUNTED) {
        if (d.assigned != DAY_NONE && d.assigned <= day && d.cancelled != DAY_NONE &&
            d.cancelled <= day)
            out->c[CNT_CANCELLED] = 1;
        return;
    }
    out->c[CNT_ASSIGNED] = 1;
    switch (s.bucket) {
    case TASK_DONE_EARLY:       out->c[CNT_DONE_BEFORE] = 1; break;
    case TASK_DONE_ON_DAY:      out->c[CNT_DONE_ON_DAY] = 1; break;
    case TASK_DONE_LATE:        out->c[CNT_DONE_LATE] = 1; break;
    case TASK_OPEN_IN_TIME:     out->c[CNT_OPEN_IN_TIME] = 1; break;
    case TASK_OPEN_OVERDUE:     out->c[CNT_OPEN_OVERDUE] = 1; break;
    case TASK_NO_DEADLINE_DONE: out->c[CNT_NODL_DONE] = 1; break;
    case TASK_NO_DEADLINE_OPEN: out->c[CNT_NODL_OPEN] = 1; break;
    case TASK_UNCOUNTED:        break;
    }
    if (s.due_soon)
        out->c[CNT_DUE_SOON] = 1;
    if (awaiting)
        out->c[CNT_AWAITING] = 1;
}

static int cmp_day(const void *a, const void *b)
{
    day_num x = *(const day_num *)a, y = *(const day_num *)b;
    return (x > y) - (x < y);
}

static void add_candidate(day_num *c, size_t *n, day_num day)
{
    if (day != DAY_NONE && *n < TIMELINE_MAX_DELTAS)
        c[(*n)++] = day;
}

size_t timeline_deltas(const struct timeline *t, int soon_days, struct count_delta *out)
{
    if (t->assigned == DAY_NONE)
        return 0;
    day_num cand[TIMELINE_MAX_DELTAS];
    size_t n_cand = 0;
    add_candidate(cand, &n_cand, t->assigned);
    if (t->deadline != DAY_NONE) {
        add_candidate(cand, &n_cand, t->deadline - soon_days);
        add_candidate(cand, &n_cand, t->deadline + 1);
    }
    for (size_t i = 0; i < t->n_marks; i++) {
        add_candidate(cand, &n_cand, t->marks[i].day);
        if (t->marks[i].kind == EV_EXT_APPROVE && t->marks[i].value != DAY_NONE) {
            add_candidate(cand, &n_cand, t->marks[i].value - soon_days);
            add_candidate(cand, &n_cand, t->marks[i].value + 1);
        }
    }
    qsort(cand, n_cand, sizeof cand[0], cmp_day);

    struct task_counts prev = {{0}}, cur;
    size_t n_out = 0;
    for (size_t i = 0; i < n_cand; i++) {
        if ((i > 0 && cand[i] == cand[i - 1]) || cand[i] < t->assigned)
            continue;
        timeline_counts_at(t, cand[i], soon_days, &cur, NULL);
        struct count_delta d = {.day = cand[i]};
        bool any = false;
        for (int k = 0; k < CNT_N; k++) {
            d.d.c[k] = cur.c[k] - prev.c[k];
            any |= d.d.c[k] != 0;
        }
        if (any)
            out[n_out++] = d;
        prev = cur;
    }
    return n_out;
}

const char *count_slot_name(enum count_slot s)
{
    switch (s) {
    case CNT_ASSIGNED:     return "assigned";
    case CNT_DONE_BEFORE:  return "done_before";
    case CNT_DONE_ON_DAY:  return "done_on_day";
    case CNT_DONE_LATE:    return "done_late";
    case CNT_OPEN_IN_TIME: return "open_in_time";
    case CNT_DUE_SOON:     return "due_soon";
    case CNT_OPEN_OVERDUE: return "open_overdue";
    case CNT_NODL_DONE:    return "no_deadline_done";
    case CNT_NODL_OPEN:    return "no_deadline_open";
    case CNT_AWAITING:     return "awaiting_confirmation";
    case CNT_CANCELLED:    return "cancelled";
    case CNT_N:            break;
    }
    return "?";
}
