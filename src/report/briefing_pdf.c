/*
 * report/briefing_pdf.c - the briefing report as a PDF administrative
 * document laid out after Nghị định 30/2020/NĐ-CP: A4, margins 20 mm top
 * and bottom, 30 mm left, 15 mm right; the issuing body and the national
 * motto side by side at the head, "Số: .../BC-UBND" under the body, place
 * and date in italics under the motto, the type "BÁO CÁO" and the subject
 * centred in bold, the body in 13 pt justified paragraphs with a first-line
 * indent, page numbers at the top from page 2, the recipients ("Nơi nhận")
 * and the signature block (TM. ỦY BAN NHÂN DÂN) at the end.
 *
 * Pango shapes the text (Vietnamese stacked diacritics need a shaper, not
 * glyph-by-glyph drawing) in Liberation Serif, the Times-compatible font
 * Debian ships in fonts-liberation. Paragraphs are drawn line by line so a
 * long one breaks across pages; a table row never does.
 */
#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "report/report_int.h"

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define LEFT (30 * MM)
#define RIGHT (15 * MM)
#define TOP (20 * MM)
#define BOTTOM (20 * MM)
#define TEXT_W (PAGE_W - LEFT - RIGHT)
#define FONT "Liberation Serif"

struct pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    double y;
    int page;
};

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    buf_add(closure, data, len);
    return ((struct buf *)closure)->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

enum style { PLAIN = 0, BOLD = 1, ITALIC = 2 };

static PangoLayout *make_layout(struct pdf *p, const char *text, double size, int style,
                                double width, PangoAlignment align, bool justify, double indent)
{
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (style & BOLD)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (style & ITALIC)
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    pango_layout_set_justify(l, justify);
    pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static double layout_height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

static void new_page(struct pdf *p)
{
    cairo_show_page(p->cr);
    p->page++;
    p->y = TOP;
    char num[16];
    snprintf(num, sizeof num, "%d", p->page);
    PangoLayout *l = make_layout(p, num, 13, PLAIN, TEXT_W, PANGO_ALIGN_CENTER, false, 0);
    cairo_move_to(p->cr, LEFT, TOP - 10 * MM);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
}

static void ensure(struct pdf *p, double h)
{
    if (p->y + h > PAGE_H - BOTTOM && p->y > TOP)
        new_page(p);
}

/* A paragraph across the full text width, broken across pages line by line. */
static void para(struct pdf *p, const char *text, double size, int style, PangoAlignment align,
                 bool justify, double indent, double after)
{
    PangoLayout *l = make_layout(p, text, size, style, TEXT_W, align, justify, indent);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double shift = 0; /* layout y of the first line drawn on the current page */
    for (;;) {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double top = (double)logical.y / PANGO_SCALE, h = (double)logical.height / PANGO_SCALE;
        bool page_fresh = p->y == TOP && top == shift;
        if (p->y + (top - shift) + h > PAGE_H - BOTTOM && !page_fresh) {
            /* The lines so far end this page; this one starts the next. */
            new_page(p);
            shift = top;
        }
        double baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        cairo_move_to(p->cr, LEFT + (double)logical.x / PANGO_SCALE, p->y + baseline - shift);
        pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        if (!pango_layout_iter_next_line(it)) {
            p->y += top - shift + h;
            break;
        }
    }
    pango_layout_iter_free(it);
    g_object_unref(l);
    p->y += after;
}

/* A block at x with width w, not moving p->y; returns its height. */
static double block_at(struct pdf *p, const char *text, double size, int style, double x, double w,
                       PangoAlignment align, double y)
{
    PangoLayout *l = make_layout(p, text, size, style, w, align, false, 0);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
    double h = layout_height(l);
    g_object_unref(l);
    return h;
}

static double text_width(struct pdf *p, const char *text, double size, int style)
{
    PangoLayout *l = make_layout(p, text, size, style, -1, PANGO_ALIGN_LEFT, false, 0);
    pango_layout_set_width(l, -1);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)w / PANGO_SCALE;
}

static void hline(struct pdf *p, double cx, double w, double y)
{
    cairo_set_line_width(p->cr, 0.6);
    cairo_move_to(p->cr, cx - w / 2, y);
    cairo_line_to(p->cr, cx + w / 2, y);
    cairo_stroke(p->cr);
}

/* ---- tables ---- */

struct col {
    double w;
    PangoAlignment align;
};

static void table_row(struct pdf *p, const struct col *cols, int n, const char *const *cells,
                      int style)
{
    const double pad = 2.5, size = 11;
    PangoLayout *ls[12];
    double h = 0;
    for (int i = 0; i < n; i++) {
        ls[i] = make_layout(p, cells[i], size, style, cols[i].w - 2 * pad, cols[i].align, false, 0);
        double ch = layout_height(ls[i]);
        if (ch > h)
            h = ch;
    }
    h += 2 * pad;
    ensure(p, h);
    double x = LEFT;
    cairo_set_line_width(p->cr, 0.5);
    for (int i = 0; i < n; i++) {
        cairo_rectangle(p->cr, x, p->y, cols[i].w, h);
        cairo_stroke(p->cr);
        cairo_move_to(p->cr, x + pad, p->y + pad);
        pango_cairo_show_layout(p->cr, ls[i]);
        g_object_unref(ls[i]);
        x += cols[i].w;
    }
    p->y += h;
}

static void heading(struct pdf *p, const char *text)
{
    ensure(p, 40);
    p->y += 4;
    para(p, text, 13, BOLD, PANGO_ALIGN_LEFT, false, 0, 3);
}

static void header(struct pdf *p, const struct briefing *b)
{
    const double lw = 78 * MM, lx = LEFT - 8 * MM, rx = lx + lw, rw = PAGE_W - RIGHT - rx + 4 * MM;
    double y = TOP;
    /* The issuing body: "ỦY BAN NHÂN DÂN / THỊ XÃ CỬA LÒ", or the parent over a department. */
    const char *ubnd = "Ủy ban nhân dân ";
    char *line1, *line2;
    if (strncmp(b->unit_name, ubnd, strlen(ubnd)) == 0) {
        line1 = g_utf8_strup("Ủy ban nhân dân", -1);
        line2 = g_utf8_strup(b->unit_name + strlen(ubnd), -1);
    } else {
        line1 = g_utf8_strup(b->parent_name ? b->parent_name : "", -1);
        line2 = g_utf8_strup(b->unit_name, -1);
    }
    bool ubnd_head = strncmp(b->unit_name, ubnd, strlen(ubnd)) == 0;
    double ly = y;
    ly += block_at(p, line1, 12.5, ubnd_head ? BOLD : PLAIN, lx, lw, PANGO_ALIGN_CENTER, ly);
    ly += block_at(p, line2, 12.5, BOLD, lx, lw, PANGO_ALIGN_CENTER, ly);
    hline(p, lx + lw / 2, 28 * MM, ly + 7);
    g_free(line1);
    g_free(line2);

    double ry = y;
    ry += block_at(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.5, BOLD, rx, rw, PANGO_ALIGN_CENTER,
                   ry);
    const char *motto = "Độc lập - Tự do - Hạnh phúc";
    ry += block_at(p, motto, 13.5, BOLD, rx, rw, PANGO_ALIGN_CENTER, ry);
    hline(p, rx + rw / 2, text_width(p, motto, 13.5, BOLD), ry + 7);

    double y2 = (ly > ry ? ly : ry) + 12;
    block_at(p, "Số:        /BC-UBND", 13, PLAIN, lx, lw, PANGO_ALIGN_CENTER, y2);
    char date[48], place[200];
    snprintf(place, sizeof place, "%s, %s", b->place ? b->place : "",
             day_format_vn_long(b->as_of, date));
    double h = block_at(p, place, 13, ITALIC, rx, rw, PANGO_ALIGN_CENTER, y2);
    p->y = y2 + h + 22;
    char t[160];
    p->y += block_at(p, "BÁO CÁO", 14, BOLD, LEFT, TEXT_W, PANGO_ALIGN_CENTER, p->y);
    p->y += block_at(p, rep_title(t, b), 14, BOLD, LEFT, TEXT_W, PANGO_ALIGN_CENTER, p->y);
    hline(p, LEFT + TEXT_W / 2, 40 * MM, p->y + 8);
    p->y += 16;
}

static void signature(struct pdf *p, const struct briefing *b)
{
    ensure(p, 150);
    p->y += 10;
    const double half = TEXT_W / 2;
    double ly = p->y, ry = p->y;
    ly += block_at(p, "Nơi nhận:", 12, BOLD | ITALIC, LEFT, half, PANGO_ALIGN_LEFT, ly);
    ly += block_at(p, "- Thường trực HĐND, UBND;\n- Các phòng, ban, đơn vị;\n- Lưu: VT.", 11,
                   PLAIN, LEFT, half, PANGO_ALIGN_LEFT, ly);
    ry += block_at(p, "TM. ỦY BAN NHÂN DÂN", 13, BOLD, LEFT + half, half, PANGO_ALIGN_CENTER, ry);
    char *title = g_utf8_strup(b->head_title ? b->head_title : "Chủ tịch", -1);
    ry += block_at(p, title, 13, BOLD, LEFT + half, half, PANGO_ALIGN_CENTER, ry);
    g_free(title);
    ry += 70;
    ry += block_at(p, b->head_name ? b->head_name : "", 13, BOLD, LEFT + half, half,
                   PANGO_ALIGN_CENTER, ry);
    p->y = ly > ry ? ly : ry;
}

static void body(struct pdf *p, const struct briefing *b)
{
    char c1[32], c2[32], c3[32], c4[32], d[16], f1[48], f2[48], f3[48];
    para(p, b->opening, 13, PLAIN, PANGO_ALIGN_LEFT, true, 1 * 28.35, 6);

    heading(p, "I. Thực hiện nhiệm vụ tại các thông báo kết luận");
    const struct col tc[] = {{TEXT_W - 90, PANGO_ALIGN_LEFT}, {90, PANGO_ALIGN_RIGHT}};
    const char *th[] = {"Tình hình", "Số nhiệm vụ"};
    table_row(p, tc, 2, th, BOLD);
    struct rep_task_row tr[12];
    size_t nt = rep_task_rows(b, tr);
    for (size_t i = 0; i < nt; i++) {
        const char *row[] = {tr[i].label, rep_count(c1, tr[i].value)};
        table_row(p, tc, 2, row, PLAIN);
    }
    p->y += 6;
    if (b->tasks.n_overdue) {
        char t[120];
        snprintf(t, sizeof t, "Các nội dung chưa hoàn thành đúng thời gian yêu cầu (%zu):",
                 b->tasks.n_overdue);
        para(p, t, 13, ITALIC, PANGO_ALIGN_LEFT, false, 0, 3);
        const struct col oc[] = {{24, PANGO_ALIGN_RIGHT},
                                 {TEXT_W - 24 - 120 - 58 - 44, PANGO_ALIGN_LEFT},
                                 {120, PANGO_ALIGN_LEFT},
                                 {58, PANGO_ALIGN_CENTER},
                                 {44, PANGO_ALIGN_RIGHT}};
        const char *oh[] = {"TT", "Nội dung công việc", "Đơn vị chủ trì", "Hạn", "Quá hạn (ngày)"};
        table_row(p, oc, 5, oh, BOLD);
        for (size_t i = 0; i < b->tasks.n_overdue; i++) {
            const struct overdue_item *o = &b->tasks.overdue[i];
            const char *row[] = {rep_count(c1, (int64_t)i + 1), o->content, o->lead_name,
                                 day_format_vn(o->deadline, d), rep_count(c2, o->days_overdue)};
            table_row(p, oc, 5, row, PLAIN);
        }
        p->y += 6;
    }

    heading(p, "II. Giải quyết thủ tục hành chính");
    const struct col dc[] = {{TEXT_W - 180, PANGO_ALIGN_LEFT}, {90, PANGO_ALIGN_RIGHT},
                             {90, PANGO_ALIGN_RIGHT}};
    char mh[32];
    snprintf(mh, sizeof mh, "Tháng %d", b->month);
    const char *dh[] = {"Hồ sơ", mh, "Từ đầu năm"};
    table_row(p, dc, 3, dh, BOLD);
    struct rep_tally_row rows[10];
    size_t nr = rep_tally_rows(&b->dossiers, &b->dossiers_ytd, rows);
    for (size_t i = 0; i < nr; i++) {
        const char *row[] = {rows[i].label, rep_count(c1, rows[i].month), rep_count(c2, rows[i].ytd)};
        table_row(p, dc, 3, row, PLAIN);
    }
    p->y += 6;

    heading(p, "III. Tiếp nhận, giải quyết đơn thư, kiến nghị");
    const struct col pc[] = {{TEXT_W - 270, PANGO_ALIGN_LEFT}, {90, PANGO_ALIGN_RIGHT},
                             {90, PANGO_ALIGN_RIGHT}, {90, PANGO_ALIGN_RIGHT}};
    const char *ph[] = {"Loại", "Phải giải quyết trong tháng", "Đã giải quyết trong tháng",
                        "Từ đầu năm (đã giải quyết/ tổng số)"};
    table_row(p, pc, 4, ph, BOLD);
    for (int k = 1; k < PETITION_KIND_N; k++) {
        const struct dossier_tally *m = &b->petitions[k], *y = &b->petitions_ytd[k];
        char both[80];
        snprintf(both, sizeof both, "%s/%s", rep_count(c3, y->done_on_time + y->done_late),
                 rep_count(c4, dossier_tally_in_hand(y)));
        const char *row[] = {petition_kind_label((enum petition_kind)k),
                             rep_count(c1, dossier_tally_in_hand(m)),
                             rep_count(c2, m->done_on_time + m->done_late), both};
        table_row(p, pc, 4, row, PLAIN);
    }
    p->y += 6;

    if (b->n_indicators) {
        heading(p, "IV. Một số chỉ tiêu kinh tế - xã hội");
        const struct col ic[] = {{TEXT_W - 62 - 70 - 70 - 100, PANGO_ALIGN_LEFT},
                                 {62, PANGO_ALIGN_LEFT},
                                 {70, PANGO_ALIGN_RIGHT},
                                 {70, PANGO_ALIGN_RIGHT},
                                 {100, PANGO_ALIGN_LEFT}};
        const char *ih[] = {"Chỉ tiêu", "Đơn vị tính", "Lũy kế", "Cùng kỳ",
                            "So sánh"};
        table_row(p, ic, 5, ih, BOLD);
        for (size_t i = 0; i < b->n_indicators; i++) {
            const struct briefing_indicator *bi = &b->indicators[i];
            char name[400], cmp[200];
            snprintf(name, sizeof name, "%s (%s)", bi->ind.name, bi->period_text);
            snprintf(cmp, sizeof cmp, "%s%s%s", bi->has_pct_prev ? bi->compare_text : "",
                     bi->has_pct_prev && bi->has_pct_plan ? "; " : "",
                     bi->has_pct_plan ? bi->plan_text : (bi->has_pct_prev ? "" : "—"));
            const char *row[] = {name, bi->ind.measure, rep_figure(f1, &bi->ytd),
                                 rep_figure(f2, &bi->ytd_prev), cmp};
            table_row(p, ic, 5, row, PLAIN);
            (void)f3;
        }
        p->y += 6;
    }

    heading(p, b->n_indicators ? "V. Tồn tại, hạn chế" : "IV. Tồn tại, hạn chế");
    para(p, b->shortcomings_text && *b->shortcomings_text ? b->shortcomings_text
                                                           : "Không có nội dung quá hạn.",
         13, PLAIN, PANGO_ALIGN_LEFT, true, 28.35, 6);

    heading(p, b->n_indicators ? "VI. Nhiệm vụ đến hạn trong tháng tới"
                               : "V. Nhiệm vụ đến hạn trong tháng tới");
    if (!b->n_due_next) {
        para(p, "Không có nhiệm vụ đến hạn trong tháng tới.", 13, PLAIN, PANGO_ALIGN_LEFT, true,
             28.35, 6);
    } else {
        const struct col nc[] = {{24, PANGO_ALIGN_RIGHT},
                                 {TEXT_W - 24 - 130 - 60, PANGO_ALIGN_LEFT},
                                 {130, PANGO_ALIGN_LEFT},
                                 {60, PANGO_ALIGN_CENTER}};
        const char *nh[] = {"TT", "Nội dung công việc", "Đơn vị chủ trì", "Hạn"};
        table_row(p, nc, 4, nh, BOLD);
        for (size_t i = 0; i < b->n_due_next; i++) {
            const char *row[] = {rep_count(c1, (int64_t)i + 1), b->due_next[i].content,
                                 b->due_next[i].lead_name, day_format_vn(b->due_next[i].deadline, d)};
            table_row(p, nc, 4, row, PLAIN);
        }
    }
}

int briefing_pdf(const struct briefing *b, struct buf *out, struct error *e)
{
    struct pdf p = {.page = 1, .y = TOP};
    p.surface = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
    if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(p.surface);
        return error_set(e, ERR_INTERNAL, "", "Không tạo được tệp PDF");
    }
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, "Báo cáo giao ban");
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "Giao Ban");
    p.cr = cairo_create(p.surface);
    cairo_set_source_rgb(p.cr, 0, 0, 0);
    header(&p, b);
    body(&p, b);
    signature(&p, b);
    cairo_destroy(p.cr);
    cairo_surface_finish(p.surface);
    cairo_status_t st = cairo_surface_status(p.surface);
    cairo_surface_destroy(p.surface);
    if (st != CAIRO_STATUS_SUCCESS)
        return error_set(e, ERR_INTERNAL, "", "Không ghi được tệp PDF (%s)",
                         cairo_status_to_string(st));
    return ERR_OK;
}
