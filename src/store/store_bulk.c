/*
 * store/store_bulk.c - loading many tasks at once (bench/bench_gen.c, imports).
 *
 * The app writes a task in three steps per event (append the event, rewrite
 * the derived columns, move the running totals), each a few statements:
 * right for one clerk's click, ruinous for a million tasks. A bulk load
 * knows each task's whole history before writing it, so the caller derives
 * the columns once with the same core functions the app uses (core/task.h,
 * core/timeline.h) and writes the task row once, complete, and its events
 * as they are. The running totals are left alone: the loader calls
 * store_agg_rebuild() once at the end, which is both faster and the same
 * code that repairs totals anywhere else.
 *
 * One statement per row, written once for both backends like the other
 * store_*.c files; the caller groups rows into transactions.
 */
#include <stdio.h>
#include <time.h>

#include "store/store_int.h"
#include "text/normalize.h"

static const char *now_text(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}

int store_bulk_task(struct store *s, const struct task_bulk *b, int64_t *id, struct error *e)
{
    const struct task_rec *t = &b->t;
    struct stmt *st;
    int rc = sql_prepare(
        s,
        "INSERT INTO task (content, content_fold, source, notice_id, meeting_id,"
        " assigner_unit_id, assigner_person_id, lead_unit_id, assigned_day, deadline_day,"
        " deadline_minute, key_task, sector, parent_id, state, timeline, dl_min, open_until,"
        " open_span, version, created_at, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
        OPEN_SPAN_SQL("$18::integer", "$9::integer") ", $19, $20, $21) RETURNING id",
        &st, e);
    if (rc)
        return rc;
    struct arena a = ARENA_INIT;
    char now[32];
    const char *created = b->created_at ? b->created_at : now_text(now);
    sql_bind_text(s, st, 1, t->content);
    sql_bind_text(s, st, 2, b->content_fold ? b->content_fold : text_fold(&a, t->content));
    sql_bind_int(s, st, 3, t->source);
    sql_bind_id(s, st, 4, t->notice_id);
    sql_bind_id(s, st, 5, t->meeting_id);
    sql_bind_id(s, st, 6, t->assigner_unit_id);
    sql_bind_id(s, st, 7, t->assigner_person_id);
    sql_bind_int(s, st, 8, t->lead_unit_id);
    sql_bind_day(s, st, 9, t->assigned);
    sql_bind_day(s, st, 10, t->deadline);
    if (t->deadline_minute >= 0)
        sql_bind_int(s, st, 11, t->deadline_minute);
    else
        sql_bind_text(s, st, 11, NULL);
    sql_bind_int(s, st, 12, t->key_task ? 1 : 0);
    sql_bind_text(s, st, 13, t->sector);
    sql_bind_id(s, st, 14, t->parent_id);
    sql_bind_int(s, st, 15, t->state);
    sql_bind_text(s, st, 16, t->timeline ? t->timeline : "");
    sql_bind_day(s, st, 17, b->dl_min);
    sql_bind_int(s, st, 18, b->open_until == DAY_NONE ? OPEN_FOREVER : b->open_until);
    sql_bind_int(s, st, 19, t->version > 0 ? t->version : 1);
    sql_bind_text(s, st, 20, created);
    sql_bind_text(s, st, 21, b->updated_at ? b->updated_at : created);
    rc = sql_run_int(s, st, id, e);
    arena_release(&a);
    if (rc || !t->n_coordinating)
        return rc;
    if ((rc = sql_prepare(s,
                          "INSERT INTO task_coord (task_id, unit_id) VALUES ($1, $2)"
                          " ON CONFLICT DO NOTHING",
                          &st, e)))
        return rc;
    for (size_t i = 0; i < t->n_coordinating && !rc; i++) {
        sql_bind_int(s, st, 1, *id);
        sql_bind_int(s, st, 2, t->coordinating[i]);
        rc = sql_run(s, st, e);
    }
    return rc;
}

int store_bulk_event(struct store *s, const struct event_rec *ev, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO task_event (task_id, kind, day, recorded_at, actor_unit_id,"
                         " actor, note, percent, new_deadline, late_request, evidence_doc_id)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_int(s, st, 1, ev->task_id);
    sql_bind_int(s, st, 2, ev->kind);
    sql_bind_day(s, st, 3, ev->day);
    sql_bind_text(s, st, 4, ev->recorded_at ? ev->recorded_at : now_text(now));
    sql_bind_id(s, st, 5, ev->actor_unit_id);
    sql_bind_text(s, st, 6, ev->actor);
    sql_bind_text(s, st, 7, ev->note);
    if (ev->percent >= 0)
        sql_bind_int(s, st, 8, ev->percent);
    else
        sql_bind_text(s, st, 8, NULL);
    sql_bind_day(s, st, 9, ev->new_deadline);
    sql_bind_int(s, st, 10, ev->late_request ? 1 : 0);
    sql_bind_id(s, st, 11, ev->evidence_doc_id);
    return sql_run(s, st, e);
}
