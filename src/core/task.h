/*
 * core/task.h - tasks, their events and the workflow that follows from them.
 *
 * A task's history is a list of dated events kept forever; its workflow
 * state (DOMAIN.md: chưa thực hiện, đang thực hiện, chờ xác nhận...) is
 * derived from them, never stored as truth. This module owns the event
 * kinds, which event is allowed in which state, and their Vietnamese names.
 * Pure: no I/O, no allocation.
 */
#ifndef GB_CORE_TASK_H
#define GB_CORE_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/day.h"
#include "util/error.h"

/* Limits on text a user types (bytes of UTF-8). */
#define TASK_CONTENT_MAX 8000
#define TASK_TEXT_MAX 4000
#define NAME_MAX_BYTES 300

enum task_event_kind {
    EV_PROGRESS = 1,  /* báo cáo tiến độ: text, percent */
    EV_EXT_REQUEST,   /* đề nghị gia hạn: new date, reason */
    EV_EXT_APPROVE,   /* đồng ý gia hạn: the new deadline in force from this day */
    EV_EXT_REFUSE,    /* không đồng ý gia hạn */
    EV_DONE_REPORT,   /* báo cáo hoàn thành: result, evidence document */
    EV_DONE_CONFIRM,  /* xác nhận hoàn thành */
    EV_DONE_REJECT,   /* từ chối xác nhận: back to work */
    EV_RETURN,        /* từ chối nhận: outside the unit's remit */
    EV_PAUSE,         /* tạm dừng */
    EV_REOPEN,        /* mở lại / tiếp tục */
    EV_CANCEL,        /* hủy */
};
#define EV_KIND_MAX EV_CANCEL

enum task_state {
    STATE_NOT_STARTED = 1, /* chưa thực hiện */
    STATE_IN_PROGRESS,     /* đang thực hiện */
    STATE_AWAITING,        /* chờ xác nhận */
    STATE_DONE,            /* đã hoàn thành */
    STATE_PAUSED,          /* tạm dừng */
    STATE_CANCELLED,       /* đã hủy */
    STATE_RETURNED,        /* từ chối nhận */
};

enum task_source {
    SOURCE_DIRECT = 1, /* a leader's direct instruction */
    SOURCE_NOTICE,     /* an item of a conclusion notice */
    SOURCE_MEETING,    /* concluded at a meeting, no notice recorded */
};

/* Where a task stands in its workflow after its events, in order. */
struct task_flow {
    enum task_state state;
    bool ext_pending;     /* an extension request awaits an answer */
    day_num ext_requested; /* the date asked for, while pending */
};

void task_flow_init(struct task_flow *f);
/* Apply one event already checked by task_flow_check(). */
void task_flow_apply(struct task_flow *f, enum task_event_kind kind, day_num new_deadline);
/*
 * May `kind` happen now? ERR_INVALID (field "event") with a Vietnamese
 * message saying why not: a completion on a cancelled task, an approval
 * with no request pending, a report on a paused task...
 */
int task_flow_check(const struct task_flow *f, enum task_event_kind kind, bool has_deadline,
                    struct error *e);

const char *task_state_label(enum task_state s);  /* "Đang thực hiện" */
const char *task_state_name(enum task_state s);   /* "in_progress" */
const char *task_event_label(enum task_event_kind k);
const char *task_event_name(enum task_event_kind k); /* "progress", "ext_request"... */
int task_event_from_name(const char *name);          /* 0 when unknown */
const char *task_source_name(enum task_source s);    /* "direct", "notice", "meeting" */

#endif
