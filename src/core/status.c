/*
 * core/status.c - the as-of classification; the contract is in status.h.
 *
 * Days are whole civil days, never clock times: a report filed at 23:59 on
 * the deadline day is on time, and the server's time zone cannot move a
 * task from one bucket to another.
 */
#include "core/status.h"

static enum task_bucket done_bucket(day_num completed, day_num deadline)
{
    if (completed < deadline)
        return TASK_DONE_EARLY;
    if (completed == deadline)
        return TASK_DONE_ON_DAY;
    return TASK_DONE_LATE;
}

struct task_standing task_standing_at(const struct task_dates *t, day_num day, int soon_days)
{
    struct task_standing s = {.bucket = TASK_UNCOUNTED, .days_overdue = 0, .due_soon = false};

    if (t->assigned == DAY_NONE || t->assigned > day)
        return s;
    if (t->cancelled != DAY_NONE && t->cancelled <= day)
        return s;

    /* A completion dated after `day` has not happened yet, seen from `day`. */
    bool done = t->completed != DAY_NONE && t->completed <= day;

    if (t->deadline == DAY_NONE) {
        s.bucket = done ? TASK_NO_DEADLINE_DONE : TASK_NO_DEADLINE_OPEN;
    } else if (done) {
        s.bucket = done_bucket(t->completed, t->deadline);
    } else if (day <= t->deadline) {
        s.bucket = TASK_OPEN_IN_TIME;
        s.due_soon = t->deadline - day <= soon_days;
    } else {
        s.bucket = TASK_OPEN_OVERDUE;
        s.days_overdue = day - t->deadline;
    }
    return s;
}

const char *task_bucket_label(enum task_bucket b)
{
    /* A switch, not a table, so -Wswitch names any bucket added later. */
    switch (b) {
    case TASK_UNCOUNTED:        return "Không tính";
    case TASK_DONE_EARLY:       return "Hoàn thành trước hạn";
    case TASK_DONE_ON_DAY:      return "Hoàn thành đúng hạn";
    case TASK_DONE_LATE:        return "Hoàn thành quá hạn";
    case TASK_OPEN_IN_TIME:     return "Chưa hoàn thành, trong hạn";
    case TASK_OPEN_OVERDUE:     return "Chưa hoàn thành, quá hạn";
    case TASK_NO_DEADLINE_DONE: return "Không thời hạn, đã hoàn thành";
    case TASK_NO_DEADLINE_OPEN: return "Không thời hạn, chưa hoàn thành";
    }
    return "?";
}

const char *task_bucket_name(enum task_bucket b)
{
    switch (b) {
    case TASK_UNCOUNTED:        return "uncounted";
    case TASK_DONE_EARLY:       return "done_before";
    case TASK_DONE_ON_DAY:      return "done_on_day";
    case TASK_DONE_LATE:        return "done_late";
    case TASK_OPEN_IN_TIME:     return "open_in_time";
    case TASK_OPEN_OVERDUE:     return "open_overdue";
    case TASK_NO_DEADLINE_DONE: return "no_deadline_done";
    case TASK_NO_DEADLINE_OPEN: return "no_deadline_open";
    }
    return "?";
}
