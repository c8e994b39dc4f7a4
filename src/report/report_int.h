/*
 * report/report_int.h - words and figures the four renderers share, so a
 * label reads the same in HTML, XLSX and PDF. Included by the report/ files only.
 */
#ifndef GB_REPORT_REPORT_INT_H
#define GB_REPORT_REPORT_INT_H

#include "report/report.h"

/* Vietnamese count "1.297" into out[32]. */
const char *rep_count(char out[32], int64_t n);
/* A figure in thousandths, "1.297.314,5", into out[48]; "—" when missing. */
const char *rep_figure(char out[48], const struct indicator_figure *f);
/* Tenths of a percent "126,1%" into out[32]; "—" when !has. */
const char *rep_percent(char out[32], bool has, int64_t tenths);
/* "BÁO CÁO tình hình ... tháng 8 năm 2020" pieces. */
const char *rep_title(char out[160], const struct briefing *b);

/* The rows of the task table: label and counter, in order. */
struct rep_task_row {
    const char *label;
    int64_t value;
};
size_t rep_task_rows(const struct briefing *b, struct rep_task_row rows[12]);
/* The rows of the dossier/petition tables. */
struct rep_tally_row {
    const char *label;
    int64_t month, ytd;
};
size_t rep_tally_rows(const struct dossier_tally *m, const struct dossier_tally *y,
                      struct rep_tally_row rows[10]);

#endif
