/*
 * extract/extract.h - from the text of a conclusion notice to proposed tasks.
 *
 * Reads a thông báo kết luận (or the conclusion part of a meeting report)
 * and proposes its tasks: content, lead unit, coordinating units, deadline,
 * recurring, the source spans each field came from, and a confidence. The
 * clerk checks the proposals; nothing here writes anywhere.
 *
 * Pure: no I/O, no clock, no database. The unit directory comes in as data
 * (struct extract_unit), the meeting's date as a day_num. The rules (verbs,
 * lead-ins, unit kinds, deadline cues, the lunar new-year table) live in
 * src/extract/lexicon.txt, embedded at build time and read on first use.
 * Results are allocated from the caller's arena.
 */
#ifndef GB_EXTRACT_EXTRACT_H
#define GB_EXTRACT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/day.h"
#include "util/arena.h"
#include "util/error.h"

/* Longest text read: a notice is a few KB; a bigger input is refused, not truncated. */
#define EXTRACT_MAX_TEXT (1u << 20)

/* One unit of the directory, as the caller knows it. Strings are borrowed. */
struct extract_unit {
    int64_t id;
    const char *name;       /* full name, "Phòng Tài chính - Kế hoạch thị xã Cửa Lò" */
    const char *short_name; /* "Phòng TC-KH", or NULL */
    const char **aliases;   /* NULL-terminated, or NULL */
    const char *kind;       /* "phong", "xa"... (informative) */
};

/* The directory prepared for matching; build once, use for many texts. */
struct extract_dir;

/*
 * Index `units` (copied: the caller's array may go after the call). `host`
 * is the id of the assigning unit (0: none): a mention of it is taken as the
 * addressee of reports ("tham mưu UBND thị xã"), never as a lead. Never fails.
 */
struct extract_dir *extract_dir_new(const struct extract_unit *units, size_t n, int64_t host);
void extract_dir_free(struct extract_dir *d);

/* A byte range of extract_result.text; len 0 when the field has no source. */
struct extract_span {
    size_t start, len;
};

struct extract_task {
    const char *content; /* the work item, lead-in trimmed */
    struct extract_span content_span;
    const char *lead; /* directory full name when known, else the text; NULL: none */
    int64_t lead_id;  /* 0 unless known */
    bool lead_known;
    struct extract_span lead_span;
    const char **coordinating; /* n_coordinating names, as `lead` */
    int64_t *coordinating_ids; /* 0 where unknown */
    struct extract_span *coordinating_spans;
    size_t n_coordinating;
    day_num deadline;          /* DAY_NONE: none, or not resolvable without a date */
    int deadline_minute;       /* -1, or minutes after midnight ("trước 14 giờ") */
    const char *deadline_text; /* as written ("trước ngày 15/9", "thường xuyên"), or NULL */
    struct extract_span deadline_span;
    bool recurring;     /* thường xuyên, định kỳ, hằng tháng... */
    /* A deadline is written but has no date yet: a relative one ("trong 10 ngày làm việc",
     * "trong 15 ngày kể từ ngày nhận": no working-day calendar yet) or one without a year and
     * no meeting date. deadline_text holds the phrase; never filed as recurring. */
    bool needs_date;
    double confidence;  /* 0..1 */
    const char *reason; /* why the confidence is low (Vietnamese), or NULL */
};

struct extract_result {
    const char *text; /* the text as read (UTF-8, NFC): spans index it */
    size_t text_len;
    struct extract_task *tasks;
    size_t n_tasks;
};

/*
 * Propose the tasks of `text` (`len` bytes, any bytes). `meeting` is the
 * meeting's day (DAY_NONE: deadlines without a year keep their text and no
 * date); `dir` may be NULL (units recognised from the text alone).
 * Errors: ERR_INVALID for text that is not UTF-8 (e.g. TCVN3, VNI) or holds
 * control characters, ERR_TOO_BIG past EXTRACT_MAX_TEXT, each naming field
 * "text". Empty text gives no tasks. Allocated from `a`.
 */
int extract_tasks(struct arena *a, const char *text, size_t len, day_num meeting,
                  const struct extract_dir *dir, struct extract_result *out, struct error *e);

#endif
