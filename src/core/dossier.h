/*
 * core/dossier.h - administrative dossiers (hồ sơ thủ tục hành chính, the
 * one-stop desk) and petitions (đơn thư, kiến nghị cử tri): their records and
 * where each stands in a period, seen from a day.
 *
 * One rule serves both, as the one-stop reports count them. For a period
 * [from, to] seen at t = min(to, as-of day), an item is *in hand* when it was
 * received on or before t and not returned before `from`. It is then either
 * carried over (received before `from`) or received in the period, and
 * exactly one of:
 *   done on time   returned on or before t, on or before its due day (or with none);
 *   done late      returned on or before t, after its due day;
 *   open in time   not returned by t, t <= due day (or no due day);
 *   open overdue   not returned by t, due day < t.
 * The SQL of store_dossier_counts() says the same; tests hold them together.
 * Pure: no I/O.
 */
#ifndef GB_CORE_DOSSIER_H
#define GB_CORE_DOSSIER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/day.h"

struct dossier_rec {
    int64_t id;
    int64_t unit_id;        /* the unit handling it */
    const char *code;       /* the one-stop system's number, or NULL */
    const char *procedure;  /* thủ tục */
    const char *applicant;
    day_num received, due, returned; /* due, returned: DAY_NONE when none */
};

enum petition_kind {
    PETITION_COMPLAINT = 1, /* khiếu nại */
    PETITION_DENUNCIATION,  /* tố cáo */
    PETITION_PROPOSAL,      /* kiến nghị, phản ánh */
    PETITION_VOTER,         /* kiến nghị cử tri */
};
#define PETITION_KIND_N 5 /* indexes 1..4 */

struct petition_rec {
    int64_t id;
    int64_t unit_id;
    enum petition_kind kind;
    const char *session;  /* kiến nghị cử tri: "Kỳ họp thứ 9, HĐND tỉnh khóa XVI" */
    const char *source;
    const char *summary;
    day_num received, deadline, resolved;
    const char *result;
};

struct dossier_tally {
    int64_t carried;      /* in hand at the start: received before the period */
    int64_t received;     /* received in the period */
    int64_t done_on_time;
    int64_t done_late;
    int64_t open_in_time;
    int64_t open_overdue;
};

/* Count one item (dates as above) into `t` for [from, to] at `as_of`. */
void dossier_tally_add(struct dossier_tally *t, day_num received, day_num due, day_num returned,
                       day_num from, day_num to, day_num as_of);

/* carried + received = the four categories. */
int64_t dossier_tally_in_hand(const struct dossier_tally *t);
/* Done on time / (done on time + done late + open overdue), in tenths of a percent; false when 0/0. */
bool dossier_tally_on_time(const struct dossier_tally *t, int64_t *tenths);
extern const char dossier_rate_formula[];

const char *petition_kind_name(enum petition_kind k);  /* "khieu_nai", "cu_tri"... */
const char *petition_kind_label(enum petition_kind k); /* "Kiến nghị cử tri" */
/* From a name or a label typed without tone marks ("cu tri", "khiếu nại"); 0 when unknown. */
int petition_kind_from_name(const char *s);

#endif
