/*
 * core/task.c - the task workflow. See task.h.
 *
 * The transitions are deliberately strict: a completion can only be
 * confirmed while one is awaiting confirmation, a paused or returned task
 * must be reopened before work is reported on it, and a cancelled task takes
 * no further event. Strictness keeps the history readable at the meeting.
 */
#include "core/task.h"

#include <string.h>

void task_flow_init(struct task_flow *f)
{
    f->state = STATE_NOT_STARTED;
    f->ext_pending = false;
    f->ext_requested = DAY_NONE;
}

void task_flow_apply(struct task_flow *f, enum task_event_kind kind, day_num new_deadline)
{
    switch (kind) {
    case EV_PROGRESS:
        f->state = STATE_IN_PROGRESS;
        break;
    case EV_EXT_REQUEST:
        f->ext_pending = true;
        f->ext_requested = new_deadline;
        if (f->state == STATE_NOT_STARTED)
            f->state = STATE_IN_PROGRESS;
        break;
    case EV_EXT_APPROVE:
    case EV_EXT_REFUSE:
        f->ext_pending = false;
        f->ext_requested = DAY_NONE;
        break;
    case EV_DONE_REPORT:
        f->state = STATE_AWAITING;
        break;
    case EV_DONE_CONFIRM:
        f->state = STATE_DONE;
        break;
    case EV_DONE_REJECT:
        f->state = STATE_IN_PROGRESS;
        break;
    case EV_RETURN:
        f->state = STATE_RETURNED;
        break;
    case EV_PAUSE:
        f->state = STATE_PAUSED;
        break;
    case EV_REOPEN:
        f->state = STATE_IN_PROGRESS;
        break;
    case EV_CANCEL:
        f->state = STATE_CANCELLED;
        f->ext_pending = false;
        break;
    }
}

static int refuse(struct error *e, const struct task_flow *f, const char *what)
{
    return error_set(e, ERR_INVALID, "event", "Không thể %s: nhiệm vụ đang ở trạng thái \"%s\"",
                     what, task_state_label(f->state));
}

int task_flow_check(const struct task_flow *f, enum task_event_kind kind, bool has_deadline,
                    struct error *e)
{
    enum task_state s = f->state;
    bool working = s == STATE_NOT_STARTED || s == STATE_IN_PROGRESS;

    if (s == STATE_CANCELLED)
        return error_set(e, ERR_INVALID, "event",
                         "Nhiệm vụ đã bị hủy, không thể %s", task_event_label(kind));
    switch (kind) {
    case EV_PROGRESS:
        return working ? ERR_OK : refuse(e, f, "báo cáo tiến độ");
    case EV_EXT_REQUEST:
        if (!has_deadline)
            return error_set(e, ERR_INVALID, "event",
                             "Nhiệm vụ không có thời hạn, không cần gia hạn");
        if (f->ext_pending)
            return error_set(e, ERR_INVALID, "event",
                             "Đã có một đề nghị gia hạn đang chờ trả lời");
        return working ? ERR_OK : refuse(e, f, "đề nghị gia hạn");
    case EV_EXT_APPROVE:
    case EV_EXT_REFUSE:
        if (!f->ext_pending)
            return error_set(e, ERR_INVALID, "event",
                             "Không có đề nghị gia hạn nào đang chờ trả lời");
        return ERR_OK;
    case EV_DONE_REPORT:
        return working ? ERR_OK : refuse(e, f, "báo cáo hoàn thành");
    case EV_DONE_CONFIRM:
    case EV_DONE_REJECT:
        return s == STATE_AWAITING ? ERR_OK
                                   : refuse(e, f, kind == EV_DONE_CONFIRM ? "xác nhận hoàn thành"
                                                                         : "từ chối xác nhận");
    case EV_RETURN:
        return working ? ERR_OK : refuse(e, f, "trả lại nhiệm vụ");
    case EV_PAUSE:
        return working ? ERR_OK : refuse(e, f, "tạm dừng");
    case EV_REOPEN:
        return s == STATE_DONE || s == STATE_PAUSED || s == STATE_RETURNED
                   ? ERR_OK
                   : refuse(e, f, "mở lại");
    case EV_CANCEL:
        return s == STATE_DONE ? refuse(e, f, "hủy (hãy mở lại trước)") : ERR_OK;
    }
    return error_set(e, ERR_INVALID, "event", "Loại sự kiện không hợp lệ");
}

const char *task_state_label(enum task_state s)
{
    switch (s) {
    case STATE_NOT_STARTED: return "Chưa thực hiện";
    case STATE_IN_PROGRESS: return "Đang thực hiện";
    case STATE_AWAITING:    return "Chờ xác nhận";
    case STATE_DONE:        return "Đã hoàn thành";
    case STATE_PAUSED:      return "Tạm dừng";
    case STATE_CANCELLED:   return "Đã hủy";
    case STATE_RETURNED:    return "Từ chối nhận";
    }
    return "?";
}

const char *task_state_name(enum task_state s)
{
    switch (s) {
    case STATE_NOT_STARTED: return "not_started";
    case STATE_IN_PROGRESS: return "in_progress";
    case STATE_AWAITING:    return "awaiting_confirmation";
    case STATE_DONE:        return "done";
    case STATE_PAUSED:      return "paused";
    case STATE_CANCELLED:   return "cancelled";
    case STATE_RETURNED:    return "returned";
    }
    return "?";
}

const char *task_event_label(enum task_event_kind k)
{
    switch (k) {
    case EV_PROGRESS:    return "báo cáo tiến độ";
    case EV_EXT_REQUEST: return "đề nghị gia hạn";
    case EV_EXT_APPROVE: return "đồng ý gia hạn";
    case EV_EXT_REFUSE:  return "không đồng ý gia hạn";
    case EV_DONE_REPORT: return "báo cáo hoàn thành";
    case EV_DONE_CONFIRM: return "xác nhận hoàn thành";
    case EV_DONE_REJECT: return "từ chối xác nhận hoàn thành";
    case EV_RETURN:      return "trả lại (không thuộc thẩm quyền)";
    case EV_PAUSE:       return "tạm dừng";
    case EV_REOPEN:      return "mở lại";
    case EV_CANCEL:      return "hủy";
    }
    return "?";
}

static const char *const event_names[EV_KIND_MAX + 1] = {
    [EV_PROGRESS] = "progress",       [EV_EXT_REQUEST] = "ext_request",
    [EV_EXT_APPROVE] = "ext_approve", [EV_EXT_REFUSE] = "ext_refuse",
    [EV_DONE_REPORT] = "done",        [EV_DONE_CONFIRM] = "confirm",
    [EV_DONE_REJECT] = "reject",      [EV_RETURN] = "return",
    [EV_PAUSE] = "pause",             [EV_REOPEN] = "reopen",
    [EV_CANCEL] = "cancel",
};

const char *task_event_name(enum task_event_kind k)
{
    return k >= 1 && k <= EV_KIND_MAX ? event_names[k] : "?";
}

int task_event_from_name(const char *name)
{
    for (int k = 1; k <= EV_KIND_MAX; k++)
        if (strcmp(event_names[k], name) == 0)
            return k;
    return 0;
}

const char *task_source_name(enum task_source s)
{
    switch (s) {
    case SOURCE_DIRECT:  return "direct";
    case SOURCE_NOTICE:  return "notice";
    case SOURCE_MEETING: return "meeting";
    }
    return "?";
}
