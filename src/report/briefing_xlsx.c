/*
 * report/briefing_xlsx.c - the briefing report as an Excel workbook
 * (libxlsxwriter): one sheet per section, every count and figure written as
 * a number (never as text), so a clerk can add, chart and copy them on. The
 * Vietnamese text of each comparison sits in its own column beside the
 * number it describes.
 */
#include <stdio.h>
#include <xlsxwriter.h>

#include "report/report_int.h"

struct book {
    lxw_workbook *wb;
    lxw_format *bold, *head, *wrap, *count, *figure, *pct;
};

static lxw_worksheet *sheet(struct book *k, const char *name, const char *const *heads,
                            const double *widths, int n)
{
    lxw_worksheet *ws = workbook_add_worksheet(k->wb, name);
    for (int i = 0; i < n; i++) {
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)i, heads[i], k->head);
    }
    return ws;
}

static void text(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
    if (s)
        worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, f);
}

static void count(struct book *k, lxw_worksheet *ws, int r, int c, int64_t n)
{
    worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)n, k->count);
}

static void figure(struct book *k, lxw_worksheet *ws, int r, int c,
                   const struct indicator_figure *f)
{
    if (f->has)
        worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)f->value / 1000.0,
                               k->figure);
}

static void percent(struct book *k, lxw_worksheet *ws, int r, int c, bool has, int64_t tenths)
{
    if (has)
        worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)tenths / 1000.0, k->pct);
}

int briefing_xlsx(const struct briefing *b, const char *path, struct error *e)
{
    struct book k = {.wb = workbook_new(path)};
    if (!k.wb)
        return error_set(e, ERR_INTERNAL, "", "Không tạo được tệp Excel");
    k.bold = workbook_add_format(k.wb);
    format_set_bold(k.bold);
    k.head = workbook_add_format(k.wb);
    format_set_bold(k.head);
    format_set_text_wrap(k.head);
    format_set_border(k.head, LXW_BORDER_THIN);
    k.wrap = workbook_add_format(k.wb);
    format_set_text_wrap(k.wrap);
    format_set_align(k.wrap, LXW_ALIGN_VERTICAL_TOP);
    k.count = workbook_add_format(k.wb);
    format_set_num_format(k.count, "#,##0");
    k.figure = workbook_add_format(k.wb);
    format_set_num_format(k.figure, "#,##0.0");
    k.pct = workbook_add_format(k.wb);
    format_set_num_format(k.pct, "0.0%");
    char t[160], d[48];

    /* 1. Summary: title, opening, documents. */
    static const char *const h1[] = {"Nội dung", "Số lượng"};
    static const double w1[] = {60, 14};
    lxw_worksheet *ws = sheet(&k, "Tổng hợp", h1, w1, 2);
    int r = 1;
    text(ws, r++, 0, b->unit_name, k.bold);
    text(ws, r++, 0, rep_title(t, b), k.bold);
    text(ws, r, 0, "Tính đến ngày", NULL);
    text(ws, r++, 1, day_format_vn(b->as_of, d), NULL);
    text(ws, r++, 0, b->opening, k.wrap);
    worksheet_set_row(ws, (lxw_row_t)(r - 1), 180, NULL);
    static const char *const dl[] = {"Thông báo kết luận đã ban hành", "Văn bản đến đã tiếp nhận",
                                     "Văn bản đến đã xử lý trong tháng", "Văn bản đi đã ban hành"};
    int64_t dv[] = {b->docs_notices, b->docs_incoming, b->docs_processed, b->docs_outgoing};
    for (int i = 0; i < 4; i++, r++) {
        text(ws, r, 0, dl[i], NULL);
        count(&k, ws, r, 1, dv[i]);
    }
    if (b->shortcomings_text && *b->shortcomings_text) {
        text(ws, ++r, 0, "Tồn tại, hạn chế", k.bold);
        text(ws, ++r, 0, b->shortcomings_text, k.wrap);
        worksheet_set_row(ws, (lxw_row_t)r, 120, NULL);
    }

    /* 2. Tasks: counters, then by lead unit. */
    static const char *const h2[] = {"Đơn vị chủ trì", "Được giao", "Trước hạn", "Đúng hạn",
                                     "Hoàn thành quá hạn", "Trong hạn", "Sắp đến hạn",
                                     "Quá hạn", "Thường xuyên đã xong", "Thường xuyên đang làm",
                                     "Tỷ lệ đúng hạn"};
    static const double w2[] = {48, 11, 11, 11, 13, 11, 11, 11, 13, 13, 12};
    ws = sheet(&k, "Nhiệm vụ", h2, w2, 11);
    for (size_t i = 0; i <= b->tasks.n_by_unit; i++) {
        const int64_t *x = i == 0 ? b->tasks.c : b->tasks.by_unit[i - 1].c;
        r = (int)i + 1;
        text(ws, r, 0, i == 0 ? "Tổng số" : b->tasks.by_unit[i - 1].name, i == 0 ? k.bold : NULL);
        static const int cols[] = {CNT_ASSIGNED, CNT_DONE_BEFORE, CNT_DONE_ON_DAY, CNT_DONE_LATE,
                                   CNT_OPEN_IN_TIME, CNT_DUE_SOON, CNT_OPEN_OVERDUE,
                                   CNT_NODL_DONE, CNT_NODL_OPEN};
        for (int c = 0; c < 9; c++)
            count(&k, ws, r, c + 1, x[cols[c]]);
        int64_t num, den;
        if (summary_on_time_fraction(x, &num, &den)) /* a spreadsheet cell holds a real */
            worksheet_write_number(ws, (lxw_row_t)r, 10, (double)num / (double)den, k.pct);
    }
    text(ws, (int)b->tasks.n_by_unit + 3, 0, summary_rate_formula, NULL);

    /* 3. Overdue list. */
    static const char *const h3[] = {"Mã", "Nội dung công việc", "Đơn vị chủ trì", "Hạn",
                                     "Số ngày quá hạn"};
    static const double w3[] = {8, 70, 40, 12, 10};
    ws = sheet(&k, "Quá hạn", h3, w3, 5);
    for (size_t i = 0; i < b->tasks.n_overdue; i++) {
        const struct overdue_item *o = &b->tasks.overdue[i];
        r = (int)i + 1;
        count(&k, ws, r, 0, o->id);
        text(ws, r, 1, o->content, k.wrap);
        text(ws, r, 2, o->lead_name, NULL);
        text(ws, r, 3, day_format_vn(o->deadline, d), NULL);
        count(&k, ws, r, 4, o->days_overdue);
    }

    /* 4. Dossiers. */
    static const char *const h4[] = {"Hồ sơ thủ tục hành chính", "Trong tháng", "Từ đầu năm"};
    static const double w4[] = {40, 14, 14};
    ws = sheet(&k, "Hồ sơ TTHC", h4, w4, 3);
    struct rep_tally_row rows[10];
    size_t n = rep_tally_rows(&b->dossiers, &b->dossiers_ytd, rows);
    for (size_t i = 0; i < n; i++) {
        text(ws, (int)i + 1, 0, rows[i].label, NULL);
        count(&k, ws, (int)i + 1, 1, rows[i].month);
        count(&k, ws, (int)i + 1, 2, rows[i].ytd);
    }
    int64_t t1, t2;
    bool has1 = dossier_tally_on_time(&b->dossiers, &t1),
         has2 = dossier_tally_on_time(&b->dossiers_ytd, &t2);
    text(ws, (int)n + 1, 0, "Tỷ lệ đúng hạn", NULL);
    percent(&k, ws, (int)n + 1, 1, has1, t1);
    percent(&k, ws, (int)n + 1, 2, has2, t2);

    /* 5. Petitions. */
    static const char *const h5[] = {"Loại đơn", "Phải giải quyết (tháng)", "Đã giải quyết (tháng)",
                                     "Quá hạn (tháng)", "Phải giải quyết (từ đầu năm)",
                                     "Đã giải quyết (từ đầu năm)"};
    static const double w5[] = {26, 14, 14, 12, 16, 16};
    ws = sheet(&k, "Đơn thư", h5, w5, 6);
    for (int kind = 1; kind < PETITION_KIND_N; kind++) {
        const struct dossier_tally *m = &b->petitions[kind], *y = &b->petitions_ytd[kind];
        text(ws, kind, 0, petition_kind_label((enum petition_kind)kind), NULL);
        count(&k, ws, kind, 1, dossier_tally_in_hand(m));
        count(&k, ws, kind, 2, m->done_on_time + m->done_late);
        count(&k, ws, kind, 3, m->done_late + m->open_overdue);
        count(&k, ws, kind, 4, dossier_tally_in_hand(y));
        count(&k, ws, kind, 5, y->done_on_time + y->done_late);
    }

    /* 6. Indicators. */
    static const char *const h6[] = {"Mã", "Chỉ tiêu", "Đơn vị tính", "Kỳ", "Tháng báo cáo",
                                     "Lũy kế", "Cùng kỳ năm trước", "So cùng kỳ",
                                     "So cùng kỳ (chữ)", "Kế hoạch năm", "So kế hoạch",
                                     "So kế hoạch (chữ)"};
    static const double w6[] = {8, 44, 12, 18, 14, 14, 14, 10, 24, 14, 10, 22};
    ws = sheet(&k, "Chỉ tiêu KT-XH", h6, w6, 12);
    for (size_t i = 0; i < b->n_indicators; i++) {
        const struct briefing_indicator *bi = &b->indicators[i];
        r = (int)i + 1;
        text(ws, r, 0, bi->ind.code, NULL);
        text(ws, r, 1, bi->ind.name, NULL);
        text(ws, r, 2, bi->ind.measure, NULL);
        text(ws, r, 3, bi->period_text, NULL);
        figure(&k, ws, r, 4, &bi->month_value);
        figure(&k, ws, r, 5, &bi->ytd);
        figure(&k, ws, r, 6, &bi->ytd_prev);
        percent(&k, ws, r, 7, bi->has_pct_prev, bi->pct_prev);
        text(ws, r, 8, bi->compare_text, NULL);
        figure(&k, ws, r, 9, &bi->plan);
        percent(&k, ws, r, 10, bi->has_pct_plan, bi->pct_plan);
        text(ws, r, 11, bi->plan_text, NULL);
    }

    /* 7. Due next month. */
    static const char *const h7[] = {"Mã", "Nội dung công việc", "Đơn vị chủ trì", "Hạn"};
    static const double w7[] = {8, 70, 40, 12};
    ws = sheet(&k, "Đến hạn tháng tới", h7, w7, 4);
    for (size_t i = 0; i < b->n_due_next; i++) {
        r = (int)i + 1;
        count(&k, ws, r, 0, b->due_next[i].id);
        text(ws, r, 1, b->due_next[i].content, k.wrap);
        text(ws, r, 2, b->due_next[i].lead_name, NULL);
        text(ws, r, 3, day_format_vn(b->due_next[i].deadline, d), NULL);
    }

    lxw_error err = workbook_close(k.wb);
    if (err != LXW_NO_ERROR)
        return error_set(e, ERR_INTERNAL, "", "Không ghi được tệp Excel (%s)",
                         lxw_strerror(err));
    return ERR_OK;
}
