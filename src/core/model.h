/*
 * core/model.h - the records of Giao Ban, as plain structs.
 *
 * Strings are borrowed: they point into an arena (store results) or into
 * the caller's memory (inputs). Ids are int64_t, 0 meaning "none". Dates
 * are day_num, DAY_NONE meaning "none". No behaviour lives here.
 */
#ifndef GB_CORE_MODEL_H
#define GB_CORE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/day.h"
#include "core/task.h"

struct unit_rec {
    int64_t id;
    const char *code;       /* unique, e.g. "CL.TCKH" */
    const char *name;       /* full name: "Phòng Tài chính - Kế hoạch thị xã Cửa Lò" */
    const char *short_name; /* "Phòng TC-KH" */
    const char *kind;       /* "tinh", "huyen", "xa", "so", "phong", "ban", "trung_tam", "khac" */
    int64_t parent_id;
    const char *head_name;  /* the head: "Doãn Tiến Dũng" */
    const char *head_title; /* "Chủ tịch" */
    day_num valid_from, valid_to; /* the dates it existed; valid_to DAY_NONE while open */
    int64_t successor_id;         /* set when closed in a merger */
    const char **aliases;         /* NULL-terminated, may be NULL */
};

struct person_rec {
    int64_t id;
    const char *name;
    const char *title; /* "Chủ tịch", "Phó Chủ tịch", "Chánh Văn phòng", "chuyên viên" */
    int64_t unit_id;
};

struct meeting_rec {
    int64_t id;
    const char *kind;   /* "giao_ban", "lam_viec", "kiem_tra", "khac" */
    const char *title;
    day_num day;
    int64_t chair_id;   /* a person */
    const char *chair_name;
    int64_t host_unit_id;
    day_num period_from, period_to;
    const char *notes;
    const int64_t *attending; /* unit ids */
    size_t n_attending;
};

enum doc_direction { DOC_IN = 1, DOC_OUT = 2 };

struct doc_rec {
    int64_t id;
    enum doc_direction direction;
    int64_t unit_id;          /* whose register (sổ văn bản) it is in */
    const char *number;       /* as written: "5/TB-UBND" */
    int num;                  /* 5; 0 if none */
    const char *symbol;       /* "TB-UBND" */
    const char *type;         /* "TB", "QĐ", "CV", "KH", "BC", "TTr", "GM", "CT", "NQ", "khac" */
    const char *issuer;       /* issuing body, as written */
    day_num day;              /* issued (outgoing) or received (incoming) */
    const char *subject;      /* trích yếu */
    int64_t handler_unit_id;  /* the unit handling it, 0 if none */
    day_num handle_deadline;
    day_num processed_day;
    int64_t meeting_id;       /* a conclusion notice's meeting, 0 if none */
};

struct task_rec {
    int64_t id;
    const char *content;
    enum task_source source;
    int64_t notice_id;    /* a document (TB) */
    int64_t meeting_id;
    int64_t assigner_unit_id;
    int64_t assigner_person_id;
    int64_t lead_unit_id;
    const int64_t *coordinating;
    size_t n_coordinating;
    day_num assigned;
    day_num deadline;      /* original deadline; DAY_NONE: ongoing (thường xuyên) */
    int deadline_minute;   /* -1, or minutes after midnight ("trước 14 giờ") */
    bool key_task;         /* trọng tâm */
    const char *sector;    /* lĩnh vực */
    int64_t parent_id;
    /* Derived, read back from the store: */
    enum task_state state;
    const char *timeline;
    int64_t version;
    const char *lead_name, *assigner_name;
};

struct event_rec {
    int64_t id;
    int64_t task_id;
    enum task_event_kind kind;
    day_num day;
    const char *recorded_at; /* UTC, ISO 8601, set by the store */
    int64_t actor_unit_id;
    const char *actor;       /* who, as a name ("Phòng TC-KH", "Nguyễn Văn A") */
    const char *note;        /* progress text, reason, result */
    int percent;             /* -1 if none */
    day_num new_deadline;    /* ext_request / ext_approve */
    bool late_request;       /* an extension asked after the deadline had passed */
    int64_t evidence_doc_id;
};

#endif
