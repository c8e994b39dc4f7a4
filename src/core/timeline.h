/*
 * core/timeline.h - a task's date-relevant history, and its figures at any day.
 *
 * The events that move a task between the buckets of status.h are few:
 * an extension approved (new deadline), a completion reported, confirmed or
 * rejected, a reopening, a cancellation. A timeline is those events in
 * order, compact enough to keep beside the task row (as text, so both
 * backends store it the same way) and decode in microseconds. From it:
 *   timeline_dates_at()  the task_dates of status.h as of a day;
 *   timeline_counts_at() the 0/1 counters a summary adds up;
 *   timeline_deltas()    the days on which those counters change, so that
 *                        a store can keep running totals and answer "as of
 *                        any day" without reading every task.
 * All three go through task_standing_at(): one rule, everywhere.
 * Pure: no I/O; no allocation but the caller's arrays.
 */
#ifndef GB_CORE_TIMELINE_H
#define GB_CORE_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "core/day.h"
#include "core/status.h"
#include "core/task.h"
#include "util/buf.h"

#define TIMELINE_MAX_MARKS 256 /* events that matter for dates, per task */
#define TIMELINE_TEXT_MAX 4096

struct timeline_mark {
    day_num day;
    uint8_t kind;  /* enum task_event_kind: EXT_APPROVE, DONE_*, REOPEN, CANCEL */
    day_num value; /* EXT_APPROVE: the new deadline; otherwise DAY_NONE */
};

struct timeline {
    day_num assigned;
    day_num deadline; /* the original deadline, DAY_NONE for ongoing work */
    size_t n_marks;
    struct timeline_mark marks[TIMELINE_MAX_MARKS];
};

/* Does `kind` belong in a timeline? (Progress, requests, pauses do not.) */
bool timeline_kind_matters(enum task_event_kind kind);

/* Text form: "A18500:18600,R18590,C18592" (kind letter, day, :value). */
void timeline_encode(const struct timeline *t, struct buf *out);
/* Parse the marks of `text` into t (assigned and deadline are set by the caller). */
int timeline_decode(const char *text, struct timeline *t, struct error *e);
/* Append a mark; ERR_TOO_BIG past TIMELINE_MAX_MARKS. */
int timeline_add(struct timeline *t, enum task_event_kind kind, day_num day, day_num value,
                 struct error *e);

/* As of `day`: the deadline in force, the confirmed completion, the cancellation. */
void timeline_dates_at(const struct timeline *t, day_num day, struct task_dates *out,
                       bool *awaiting);

/* The counters of a summary; each task contributes 0 or 1 to each. */
enum count_slot {
    CNT_ASSIGNED,      /* counted at all: assigned, not cancelled */
    CNT_DONE_BEFORE,   /* done on time, before the deadline day */
    CNT_DONE_ON_DAY,   /* done on time, on the deadline day */
    CNT_DONE_LATE,
    CNT_OPEN_IN_TIME,
    CNT_DUE_SOON,      /* inside open in time */
    CNT_OPEN_OVERDUE,
    CNT_NODL_DONE,
    CNT_NODL_OPEN,
    CNT_AWAITING,      /* reported done, not yet confirmed (inside the open ones) */
    CNT_CANCELLED,     /* assigned by the day and cancelled by it */
    CNT_N
};

struct task_counts {
    int32_t c[CNT_N];
};

/* The counters of one task as of `day`; also its standing when `st` is not NULL. */
void timeline_counts_at(const struct timeline *t, day_num day, int soon_days,
                        struct task_counts *out, struct task_standing *st);

struct count_delta {
    day_num day;           /* from this day on ... */
    struct task_counts d;  /* ... the counters change by this much */
};
#define TIMELINE_MAX_DELTAS (4 * TIMELINE_MAX_MARKS + 8)

/*
 * The changes of the counters over all days, in day order; the counters of
 * any day D are the sum of the deltas with day <= D. Returns how many were
 * written to out[TIMELINE_MAX_DELTAS].
 */
size_t timeline_deltas(const struct timeline *t, int soon_days, struct count_delta *out);

/* Machine names of the slots, as the JSON of a summary spells them. */
const char *count_slot_name(enum count_slot s);

#endif
