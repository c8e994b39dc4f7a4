/*
 * core/status.h - where a task stands on a given day.
 *
 * Owns the rules of DOMAIN.md, "Task status, as of a date". Touches
 * nothing: no I/O, no allocation, no clock. The caller passes the day, so
 * the summary, the overdue list and `giaoban task list` always agree.
 * Everything that classifies a task calls task_standing_at(); the counting
 * queries of the store are built from it (see timeline.h) and tested
 * against it.
 */
#ifndef GB_CORE_STATUS_H
#define GB_CORE_STATUS_H

#include <stdbool.h>

#include "core/day.h"

#define STATUS_SOON_DAYS_DEFAULT 3

/* Exactly one bucket applies to a task on a given day. */
enum task_bucket {
    TASK_UNCOUNTED,        /* not assigned yet on that day, or cancelled */
    TASK_DONE_EARLY,       /* hoàn thành trước hạn */
    TASK_DONE_ON_DAY,      /* hoàn thành đúng hạn: on the deadline day */
    TASK_DONE_LATE,        /* hoàn thành quá hạn */
    TASK_OPEN_IN_TIME,     /* chưa hoàn thành, trong hạn */
    TASK_OPEN_OVERDUE,     /* chưa hoàn thành, quá hạn */
    TASK_NO_DEADLINE_DONE, /* không thời hạn, đã hoàn thành */
    TASK_NO_DEADLINE_OPEN, /* không thời hạn, chưa hoàn thành */
};

/* The dates that decide the bucket; DAY_NONE where there is none. */
struct task_dates {
    day_num assigned;
    day_num deadline;  /* in force on the day: timeline_dates_at() */
    day_num completed; /* the day the unit reported, once confirmed by the day */
    day_num cancelled;
};

struct task_standing {
    enum task_bucket bucket;
    int days_overdue; /* > 0 only for TASK_OPEN_OVERDUE */
    bool due_soon;    /* TASK_OPEN_IN_TIME and deadline within soon_days */
};

/* Classify `t` as of `day`. Cannot fail: every input has an answer. */
struct task_standing task_standing_at(const struct task_dates *t, day_num day, int soon_days);

/* The bucket's Vietnamese label, as reports print it. Static storage. */
const char *task_bucket_label(enum task_bucket b);
/* A stable machine name ("done_on_time"...) for JSON. Static storage. */
const char *task_bucket_name(enum task_bucket b);

#endif
