/*
 * app/briefing.h - the briefing report (báo cáo giao ban) and what feeds it:
 * administrative dossiers (hồ sơ TTHC), petitions (đơn thư, kiến nghị cử
 * tri), socio-economic indicators, their imports, and the report's figures
 * for a unit and a month as of a day, with the opening paragraph written
 * from them.
 *
 * Inputs are raw text as typed or read from a file, cleaned and checked here
 * (app.h's conventions: dates as 15/9/2020 or 2020-09-15, units by code or
 * name). Every write is one transaction; an import writes all its rows or
 * none. Results are allocated from ctx->a. The renderers (report/) lay the
 * struct briefing out; they compute nothing.
 */
#ifndef GB_APP_BRIEFING_H
#define GB_APP_BRIEFING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/dossier.h"
#include "core/indicator.h"

/* ---- Entering data ---- */

struct dossier_input {
    const char *unit;      /* handling unit */
    const char *code;      /* optional: the one-stop system's number */
    const char *procedure; /* thủ tục */
    const char *applicant; /* optional */
    const char *received, *due, *returned; /* due, returned optional */
};
int app_dossier_add(struct app *ctx, const struct dossier_input *in, int64_t *id,
                    struct error *e);

struct petition_input {
    const char *unit;
    const char *kind;    /* khieu_nai, to_cao, kien_nghi, cu_tri, or the Vietnamese words */
    const char *session; /* cu_tri: the session it came from */
    const char *source, *summary;
    const char *received, *deadline, *resolved, *result; /* deadline, resolved, result optional */
};
int app_petition_add(struct app *ctx, const struct petition_input *in, int64_t *id,
                     struct error *e);

struct indicator_input {
    const char *code, *name, *measure;
    const char *ytd;     /* "sum" (default) or "latest" */
    const char *compare; /* "ratio" (default) or "change" */
    int sort;
};
/* Define an indicator, or redefine the one with the same code. */
int app_indicator_define(struct app *ctx, const struct indicator_input *in, int64_t *id,
                         struct error *e);

struct indicator_value_input {
    const char *indicator; /* code */
    const char *unit;
    const char *period;    /* a month "2021-02", "02/2021"; with `plan`, a year "2021" */
    const char *value;     /* "1.297.314", "1297314,5" */
    bool plan;             /* the annual plan (kế hoạch năm) */
};
int app_indicator_value_set(struct app *ctx, const struct indicator_value_input *in,
                            struct error *e);

/* "2021-02", "02/2021", "2/2021" -> year and month; ERR_INVALID naming `field`. */
int app_parse_month(const char *text, const char *field, int *year, int *month, struct error *e);

/* ---- Imports: all rows or none ---- */

#define IMPORT_MAX_BYTES (256u << 20) /* a file larger than this is refused */
#define IMPORT_MAX_PROBLEMS 100       /* problems listed; counting goes on */

struct import_problem {
    size_t line; /* 1-based line of the file (the row's first line); 0: the whole file */
    const char *message;
};
struct import_result {
    size_t rows;     /* data rows read */
    size_t imported; /* rows written: all of them, or 0 */
    size_t updated;   /* of which dossiers already in the register, changed by the file */
    size_t unchanged; /* and already there as the file has them */
    size_t n_bad;    /* rows with a problem */
    struct import_problem *problems; /* the first IMPORT_MAX_PROBLEMS */
    size_t n_problems;
    const char *charset; /* NULL; or the file was TCVN3/VNI, converted: the sentence saying so */
};
/* Called now and then with rows done of total; may be NULL. */
typedef void import_progress_fn(void *arg, const char *phase, size_t done, size_t total);

/*
 * CSV of the one-stop system's export, comma, semicolon or tab separated,
 * UTF-8 (with or without BOM), first line the column names, matched without
 * tone marks: "Mã hồ sơ", "Thủ tục", "Người nộp", "Đơn vị", "Ngày tiếp
 * nhận", "Ngày hẹn trả", "Ngày trả kết quả". `unit` (may be NULL) is the
 * handling unit of rows without a unit column. On any bad row: ERR_INVALID,
 * `r` lists the problems by line, nothing is written. A file in a legacy
 * encoding (TCVN3, VNI) is refused as a whole, saying so.
 */
int app_dossier_import_csv(struct app *ctx, const char *data, size_t len, const char *unit,
                           import_progress_fn *progress, void *arg, struct import_result *r,
                           struct error *e);

/*
 * Indicator values: columns "Mã chỉ tiêu", "Đơn vị" (optional), "Năm",
 * "Tháng" (1-12, or "KH" for the annual plan; 0 is refused), "Giá trị". Same rules.
 */
int app_indicator_import_csv(struct app *ctx, const char *data, size_t len, const char *unit,
                             import_progress_fn *progress, void *arg, struct import_result *r,
                             struct error *e);
/* The same columns in the first sheet of an .xlsx workbook (bytes of the file). */
int app_indicator_import_xlsx(struct app *ctx, const char *data, size_t len, const char *unit,
                              import_progress_fn *progress, void *arg, struct import_result *r,
                              struct error *e);

/* ---- The report ---- */

struct briefing_query {
    const char *unit;  /* required, except for an account (its own unit); in its bound */
    const char *month; /* required: "2020-08", "8/2020" */
    const char *as_of; /* default: today */
};

struct briefing_indicator {
    struct indicator_rec ind;
    struct indicator_figure month_value; /* the month alone (its own row), if recorded */
    struct indicator_figure ytd, ytd_prev, plan;
    bool has_pct_prev, has_pct_plan;
    int64_t pct_prev, pct_plan; /* tenths of a percent */
    const char *compare_text;   /* "tăng 75,6% so cùng kỳ", or "—" */
    const char *plan_text;      /* "đạt 71,2% kế hoạch", or "—" */
    const char *period_text;    /* "2 tháng", "tháng 1", "đến tháng 01/2021" */
};

#define BRIEFING_MAX_DUE 500 /* tasks due next month listed, earliest first */

struct briefing_due {
    int64_t id;
    const char *content;
    const char *lead_name;
    day_num deadline; /* in force on the as-of day */
};

struct briefing_shortcoming {
    int64_t unit_id;
    const char *unit_name;
    int64_t open_overdue, done_late;
};

struct briefing {
    int64_t unit_id;
    const char *unit_name, *unit_short, *parent_name, *head_name, *head_title;
    int year, month;
    day_num from, to, as_of;      /* the month; the day it is seen from */
    int64_t docs_incoming, docs_processed, docs_outgoing, docs_notices;
    struct summary tasks;         /* tasks the unit assigned to its subtree, as of as_of */
    struct summary from_above;    /* tasks the parent assigned to the unit since 1 January */
    const char *parent_short;     /* "UBND tỉnh Lạng Sơn", or NULL at the top */
    struct dossier_tally dossiers, dossiers_ytd;
    struct dossier_tally petitions[PETITION_KIND_N], petitions_ytd[PETITION_KIND_N]; /* [1..4] */
    struct briefing_indicator *indicators;
    size_t n_indicators;
    struct briefing_shortcoming *shortcomings; /* units with overdue or late tasks */
    size_t n_shortcomings;
    struct briefing_due *due_next; /* open tasks due in the next month, by deadline */
    size_t n_due_next;
    const char *opening;           /* the opening paragraph, in the manner of the seeds */
    const char *shortcomings_text; /* "tồn tại, hạn chế", or "" */
    const char *place;             /* for the document's date line: "Cửa Lò" */
};

int app_briefing(struct app *ctx, const struct briefing_query *q, struct briefing *out,
                 struct error *e);

/* ---- Demo ---- */
/*
 * Add to the seed demo (app/demo.c, inside its transaction) the dossiers,
 * petitions and indicators that reproduce the seeds' figures: Cao Lộc's 7/7
 * voter petitions, Móng Cái's February 2021 indicators, Cửa Lò's dossiers
 * and complaints. Looks units up by the demo's codes (NA.CL, LS.CL, QN.MC).
 */
int app_demo_briefing(struct app *ctx, struct error *e);

#endif
