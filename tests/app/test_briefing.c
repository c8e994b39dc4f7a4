/*
 * tests/app/test_briefing.c - the briefing report end to end, on both backends.
 *
 *   - the seed demo's reports give the seeds' figures (Cửa Lò: 5 notices,
 *     354 incoming, 425 outgoing, 10 overdue items; Cao Lộc: 7/7 voter
 *     petitions, 13 tasks from the province; Móng Cái: 126,1%, 1.297.314
 *     triệu đồng +75,6%, -23%, -49,4%, 71,2% of plan);
 *   - their JSON and HTML match the golden files in tests/app/golden
 *     (GIAOBAN_UPDATE_GOLDEN=1 rewrites them); PostgreSQL gives the same JSON;
 *   - the XLSX opens and holds the numbers as numbers (read back with
 *     app/xlsx_read.h); the PDF renders (pdftoppm makes a PNG of its first
 *     page, kept in GIAOBAN_TEST_TMP);
 *   - imports: good CSV and XLSX files load; broken ones (wrong columns, bad
 *     dates, English numbers, legacy encodings, a duplicate code; in XLSX an
 *     extra column, month 0 or 13, a negative count, numbers beyond 64 bits,
 *     a NUL byte, bytes that are not UTF-8) are refused with the line of each
 *     bad row and change nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "store/store.h"
#include "app/briefing.h"
#include "app/xlsx_read.h"
#include "check.h"
#include "report/report.h"

/* Fontconfig (under pango) keeps its configuration for the life of the process, by design. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig\n";
}

static const char *tmpdir(void)
{
    const char *t = getenv("GIAOBAN_TEST_TMP");
    return t && *t ? t : "/tmp";
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    return buf_take(&b, len);
}

static void spill(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

/* Compare with tests/app/golden/NAME, or rewrite it. */
static void golden(const char *name, const char *got)
{
    char path[512];
    /* tests/run.sh runs every test from the top of the tree */
    snprintf(path, sizeof path, "tests/app/golden/%s", name);
    const char *upd = getenv("GIAOBAN_UPDATE_GOLDEN");
    if (upd && *upd == '1') {
        spill(path, got, strlen(got));
        printf("golden %s rewritten\n", name);
        return;
    }
    size_t len;
    char *want = slurp(path, &len);
    if (!CHECK(name, want != NULL))
        return;
    if (!CHECK(name, strcmp(got, want) == 0)) {
        char out[600];
        snprintf(out, sizeof out, "%s/%s.got", tmpdir(), name);
        spill(out, got, strlen(got));
        printf("  differs from %s; output kept in %s\n", path, out);
    }
    free(want);
}

static json_t *jpath(json_t *j, const char *a, const char *b)
{
    json_t *x = json_object_get(j, a);
    return b ? json_object_get(x, b) : x;
}

static json_t *indicator(json_t *j, const char *code)
{
    json_t *arr = json_object_get(j, "indicators"), *x;
    size_t i;
    json_array_foreach(arr, i, x) if (strcmp(json_string_value(json_object_get(x, "code")),
                                             code) == 0) return x;
    return NULL;
}

static const char *jtext(json_t *x, const char *k)
{
    const char *s = json_string_value(json_object_get(x, k));
    return s ? s : "";
}

static int briefing_of(struct app *ctx, const char *unit, const char *month, const char *as_of,
                       struct briefing *b)
{
    struct error e = ERROR_INIT;
    struct briefing_query q = {unit, month, as_of};
    int rc = app_briefing(ctx, &q, b, &e);
    if (rc)
        printf("  briefing %s: %s\n", unit, e.message);
    return rc;
}

static char *render(const struct briefing *b, enum report_format f, size_t *len)
{
    struct buf out = BUF_INIT(BUF_NO_LIMIT);
    struct error e = ERROR_INIT;
    if (report_briefing(b, f, &out, &e)) {
        printf("  render: %s\n", e.message);
        buf_release(&out);
        return NULL;
    }
    return buf_take(&out, len);
}

static void check_seeds(struct app *ctx, const char *backend, char **cua_lo_json)
{
    struct briefing b;
    if (!CHECK_INT_EQ("Cửa Lò briefing", briefing_of(ctx, "NA.CL", "2020-08", "2020-09-07", &b), 0))
        return;
    CHECK_INT_EQ("Cửa Lò: 5 notices", b.docs_notices, 5);
    CHECK_INT_EQ("Cửa Lò: 354 incoming", b.docs_incoming, 354);
    CHECK_INT_EQ("Cửa Lò: 425 outgoing", b.docs_outgoing, 425);
    CHECK_INT_EQ("Cửa Lò: 10 overdue items", b.tasks.c[CNT_OPEN_OVERDUE], 10);
    CHECK_INT_EQ("Cửa Lò: overdue list", b.tasks.n_overdue, 10);
    CHECK("Cửa Lò: opening quotes the seed",
          strstr(b.opening, "ban hành 5 thông báo kết luận, tiếp nhận, xử lý 354 văn bản đến, "
                            "ban hành 425 văn bản các loại") != NULL);
    CHECK("Cửa Lò: 10 items late",
          strstr(b.opening, "Có 10 nội dung công việc tại các thông báo kết luận chưa hoàn thành "
                            "đúng thời gian yêu cầu") != NULL);
    CHECK("Cửa Lò: dossiers late among the shortcomings",
          strstr(b.shortcomings_text, "hồ sơ thủ tục hành chính giải quyết cho người dân chưa "
                                      "đúng hạn") != NULL);
    CHECK_INT_EQ("Cửa Lò: dossiers received in August", b.dossiers.received, 48);
    CHECK("Cửa Lò: dossiers late", b.dossiers.done_late > 0 && b.dossiers.open_overdue > 0);
    size_t len;
    char *json = render(&b, REPORT_JSON, &len);
    char *html = render(&b, REPORT_HTML, &len);
    if (strcmp(backend, "sqlite") == 0) {
        if (json)
            golden("briefing_cua_lo_2020_08.json", json);
        if (html)
            golden("briefing_cua_lo_2020_08.html", html);
        *cua_lo_json = json;
        json = NULL;
    } else if (*cua_lo_json && json) {
        CHECK("PostgreSQL gives the same JSON as SQLite", strcmp(json, *cua_lo_json) == 0);
    }
    if (html)
        CHECK("HTML escapes and is a whole page",
              strstr(html, "<!DOCTYPE html>") && strstr(html, "</html>") &&
                  strstr(html, "Độc lập - Tự do - Hạnh phúc"));
    free(json);
    free(html);

    if (CHECK_INT_EQ("Cao Lộc briefing", briefing_of(ctx, "LS.CL", "2020-06", "2020-06-19", &b),
                     0)) {
        const struct dossier_tally *v = &b.petitions_ytd[PETITION_VOTER];
        CHECK_INT_EQ("Cao Lộc: 7 voter petitions", dossier_tally_in_hand(v), 7);
        CHECK_INT_EQ("Cao Lộc: 7 resolved", v->done_on_time + v->done_late, 7);
        CHECK("Cao Lộc: 7/7 in words", strstr(b.opening, "đã giải quyết 7/7 kiến nghị của cử tri"));
        CHECK("Cao Lộc: the province's 13 tasks",
              strstr(b.opening, "được UBND tỉnh Lạng Sơn giao 13 nhiệm vụ; đã giải quyết 9, "
                                "trong đó trước hạn 4, quá hạn 5; đang giải quyết 4 (trong hạn 4)"));
        char *j = render(&b, REPORT_JSON, &len);
        if (j && strcmp(backend, "sqlite") == 0)
            golden("briefing_cao_loc_2020_06.json", j);
        free(j);
    }

    if (!CHECK_INT_EQ("Móng Cái briefing", briefing_of(ctx, "QN.MC", "2021-02", "2021-03-03", &b),
                      0))
        return;
    char *js = render(&b, REPORT_JSON, &len);
    json_error_t je;
    json_t *j = js ? json_loads(js, 0, &je) : NULL;
    if (CHECK("Móng Cái JSON parses", j != NULL)) {
        CHECK_STR_EQ("revenue 126,1%", jtext(indicator(j, "NSNN"), "compare_text"),
                     "bằng 126,1% so cùng kỳ");
        CHECK_STR_EQ("industry 1.297.314", jtext(jpath(indicator(j, "SXCN"), "year_to_date", NULL), "text"),
                     "1.297.314");
        CHECK("industry value is a number",
              json_real_value(jpath(indicator(j, "SXCN"), "year_to_date", "value")) == 1297314.0);
        CHECK_STR_EQ("industry +75,6%", jtext(indicator(j, "SXCN"), "compare_text"),
                     "tăng 75,6% so cùng kỳ");
        CHECK_STR_EQ("import-export -23%", jtext(indicator(j, "XNK"), "compare_text"),
                     "giảm 23% so cùng kỳ");
        CHECK_STR_EQ("transport -49,4%", jtext(indicator(j, "VTBX"), "compare_text"),
                     "giảm 49,4% so cùng kỳ");
        CHECK_STR_EQ("disbursement 71,2% of plan", jtext(indicator(j, "GNXDCB"), "plan_text"),
                     "đạt 71,2% kế hoạch");
        CHECK_STR_EQ("disbursement has no same period", jtext(indicator(j, "GNXDCB"), "compare_text"),
                     "—");
        CHECK("opening: 1.297.314 triệu đồng, tăng 75,6%",
              strstr(b.opening, "giá trị sản xuất công nghiệp 2 tháng đạt 1.297.314 triệu đồng, "
                                "tăng 75,6% so cùng kỳ"));
        CHECK("shortcomings: import-export down",
              strstr(b.shortcomings_text, "tổng kim ngạch xuất nhập khẩu hàng hóa 2 tháng giảm "
                                          "23% so cùng kỳ"));
        json_decref(j);
    }
    if (js && strcmp(backend, "sqlite") == 0)
        golden("briefing_mong_cai_2021_02.json", js);
    free(js);
    html = render(&b, REPORT_HTML, &len);
    if (html && strcmp(backend, "sqlite") == 0)
        golden("briefing_mong_cai_2021_02.html", html);
    free(html);

    /* XLSX: opens, numbers are numbers. */
    char *x = render(&b, REPORT_XLSX, &len);
    if (CHECK("XLSX rendered", x != NULL)) {
        char path[512];
        snprintf(path, sizeof path, "%s/briefing-mong-cai-%s.xlsx", tmpdir(), backend);
        spill(path, x, len);
        struct buf csv = BUF_INIT(BUF_NO_LIMIT);
        struct error e = ERROR_INIT;
        CHECK_INT_EQ("XLSX reads back", xlsx_read_sheet(x, len, 5, &csv, &e), 0);
        CHECK("XLSX indicator sheet: 1297314 as a number",
              strstr(csv.data, "\"SXCN\",\"Giá trị sản xuất công nghiệp\",\"triệu đồng\",\"2 "
                               "tháng\",\"647314\",\"1297314\",\"738789\",\"1,756\"") != NULL);
        CHECK("XLSX indicator sheet: 126,1% as a fraction", strstr(csv.data, "\"1,261\""));
        buf_reset(&csv);
        CHECK_INT_EQ("XLSX summary sheet", xlsx_read_first_sheet(x, len, &csv, &e), 0);
        CHECK("XLSX summary: sheet title", strstr(csv.data, "Ủy ban nhân dân thành phố Móng Cái"));
        buf_release(&csv);
        free(x);
    }
    struct briefing cl;
    if (briefing_of(ctx, "NA.CL", "2020-08", "2020-09-07", &cl) == 0 &&
        (x = render(&cl, REPORT_XLSX, &len))) {
        struct buf csv = BUF_INIT(BUF_NO_LIMIT);
        struct error e = ERROR_INIT;
        CHECK_INT_EQ("XLSX Cửa Lò reads back", xlsx_read_first_sheet(x, len, &csv, &e), 0);
        CHECK("XLSX: 354 incoming as a number",
              strstr(csv.data, "\"Văn bản đến đã tiếp nhận\",\"354\"") != NULL);
        buf_reset(&csv);
        CHECK_INT_EQ("XLSX overdue sheet", xlsx_read_sheet(x, len, 2, &csv, &e), 0);
        int lines = 0;
        for (const char *p = csv.data; *p; p++)
            lines += *p == '\n';
        CHECK_INT_EQ("XLSX: 10 overdue rows and the header", lines, 11);
        buf_release(&csv);
        free(x);
    }

    /* PDF: renders, and pdftoppm turns its first page into a PNG. */
    char *pdf = render(&b, REPORT_PDF, &len);
    if (CHECK("PDF rendered", pdf != NULL && len > 1000 && memcmp(pdf, "%PDF", 4) == 0)) {
        char path[512], cmd[1200], png[600];
        snprintf(path, sizeof path, "%s/briefing-mong-cai-%s.pdf", tmpdir(), backend);
        spill(path, pdf, len);
        snprintf(png, sizeof png, "%s/briefing-mong-cai-%s", tmpdir(), backend);
        snprintf(cmd, sizeof cmd, "pdftoppm -png -r 50 -f 1 -l 1 -singlefile '%s' '%s'", path, png);
        if (system("command -v pdftoppm >/dev/null 2>&1") == 0) {
            CHECK_INT_EQ("pdftoppm renders page 1", system(cmd), 0);
            strcat(png, ".png");
            struct stat st;
            CHECK("PNG written", stat(png, &st) == 0 && st.st_size > 1000);
            printf("PDF page 1: %s\n", png);
        } else {
            printf("pdftoppm missing: PDF not rasterised\n");
        }
    }
    free(pdf);
}

/* ---- imports ---- */

/* An .xlsx holding only xl/worksheets/sheet{1}.xml (xml[0..len), which may hold any byte) and,
 * if `strings`, xl/sharedStrings.xml: the reader finds the sheet without a workbook part. */
static char *handmade_xlsx(const char *xml, size_t len, const char *strings, size_t strings_len,
                           size_t *out_len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/handmade-%d.xlsx", tmpdir(), (int)getpid());
    zipFile z = zipOpen(path, APPEND_STATUS_CREATE);
    if (!z)
        return NULL;
    const char *names[2] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"};
    const char *parts[2] = {xml, strings};
    size_t lens[2] = {len, strings_len};
    for (int i = 0; i < 2; i++) {
        if (!parts[i])
            continue;
        zipOpenNewFileInZip(z, names[i], NULL, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
                            Z_DEFAULT_COMPRESSION);
        zipWriteInFileInZip(z, parts[i], (unsigned)lens[i]);
        zipCloseFileInZip(z);
    }
    zipClose(z, NULL);
    char *data = slurp(path, out_len);
    unlink(path);
    return data;
}

/* THU's year-to-date value for IMP through March 2022: a good row written by a refused import
 * (they all start with THU 2022/3) would change it. */
static int64_t thu_march(struct app *ctx)
{
    struct briefing b;
    if (briefing_of(ctx, "IMP", "2022-03", "2022-04-01", &b) || b.n_indicators != 1)
        return -1;
    return b.indicators[0].ytd.value;
}

/* One refused import: rc, nothing imported, the first problem on `line` saying `says`, and the
 * error naming the line. */
static void check_refused(const char *name, int rc, const struct import_result *r,
                          const struct error *e, size_t line, const char *says)
{
    char want[32];
    snprintf(want, sizeof want, "Dòng %zu", line);
    CHECK(name, rc == ERR_INVALID);
    CHECK_INT_EQ(name, r->imported, 0);
    if (!CHECK_INT_EQ(name, r->n_problems ? r->problems[0].line : 0, line) ||
        !CHECK(name, r->n_problems && strstr(r->problems[0].message, says)) ||
        !CHECK(name, strstr(e->message, want) != NULL))
        printf("  %s | %s\n", r->n_problems ? r->problems[0].message : "", e->message);
}

/* XLSX rows the indicator import refuses, naming the sheet's row, writing nothing. */
static void check_xlsx_refusals(struct app *ctx)
{
    int64_t before = thu_march(ctx);
    CHECK("THU through March", before > 0);
    /* Rows 2 and 3 after the header; a cell "#..." is written as a number, NULL leaves it out. */
    static const struct {
        const char *name;
        const char *cells[2][6];
        const char *says; /* of row 3 */
    } bad[] = {
        {"XLSX: an extra column",
         {{"THU", "IMP", "#2022", "#3", "#1"}, {"THU", "IMP", "#2022", "#6", "#7", "ghi chú"}},
         "có 6 cột, nhiều hơn dòng tên cột (5 cột)"},
        {"XLSX: month 0",
         {{"THU", "IMP", "#2022", "#3", "#1"}, {"THU", "IMP", "#2022", "#0", "#7"}},
         "cột Tháng: tháng 0 không hợp lệ"},
        {"XLSX: month 13",
         {{"THU", "IMP", "#2022", "#3", "#1"}, {"THU", "IMP", "#2022", "#13", "#7"}},
         "cột Tháng: tháng 13 không hợp lệ"},
        {"XLSX: a month beyond 64 bits",
         {{"THU", "IMP", "#2022", "#3", "#1"}, {"THU", "IMP", "#2022", "#1e20", "#7"}},
         "cột Tháng: tháng '10000000000000000000...' không hợp lệ"},
        {"XLSX: month as text 13",
         {{"THU", "IMP", "#2022", "#3", "#1"}, {"THU", "IMP", "#2022", "13", "#7"}},
         "cột Tháng: tháng 13 không hợp lệ"},
        {"XLSX: year 0",
         {{"THU", "IMP", "#2022", "#3", "#1"}, {"THU", "IMP", "#0", "#6", "#7"}},
         "cột Năm: năm 0 không hợp lệ"},
        {"XLSX: a negative count",
         {{"THU", "IMP", "#2022", "#3", "#1"}, {"THU", "IMP", "#2022", "#6", "#-7"}},
         "cột Giá trị: giá trị âm '-7' không hợp lệ"},
        {"XLSX: a value beyond 64 bits",
         {{"THU", "IMP", "#2022", "#3", "#1"}, {"THU", "IMP", "#2022", "#6", "#1e25"}},
         "cột Giá trị: Số quá lớn"},
        {"XLSX: a value beyond 64 bits as text",
         {{"THU", "IMP", "#2022", "#3", "#1"},
          {"THU", "IMP", "#2022", "#6", "99999999999999999999999"}},
         "cột Giá trị: Số quá lớn"},
    };
    const char *head[] = {"Mã chỉ tiêu", "Đơn vị", "Năm", "Tháng", "Giá trị"};
    char path[512];
    snprintf(path, sizeof path, "%s/indicator-bad-%d.xlsx", tmpdir(), (int)getpid());
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        lxw_workbook *wb = workbook_new(path);
        lxw_worksheet *ws = workbook_add_worksheet(wb, "Số liệu");
        for (int c = 0; c < 5; c++)
            worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 6; c++) {
                const char *v = bad[i].cells[r][c];
                if (v && *v == '#')
                    worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
                                           strtod(v + 1, NULL), NULL);
                else if (v)
                    worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, v, NULL);
            }
        workbook_close(wb);
        size_t len;
        char *x = slurp(path, &len);
        struct import_result r;
        struct error e = ERROR_INIT;
        if (CHECK(bad[i].name, x != NULL))
            check_refused(bad[i].name,
                          app_indicator_import_xlsx(ctx, x, len, NULL, NULL, NULL, &r, &e), &r, &e,
                          3, bad[i].says);
        free(x);
    }

    /* A formatted empty cell right of the last column is no column: the file loads. */
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Số liệu");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    worksheet_write_blank(ws, 0, 5, bold);
    worksheet_write_string(ws, 1, 0, "THU", NULL);
    worksheet_write_string(ws, 1, 1, "IMP", NULL);
    worksheet_write_number(ws, 1, 2, 2022, NULL);
    worksheet_write_number(ws, 1, 3, 4, NULL);
    worksheet_write_number(ws, 1, 4, 5, NULL);
    worksheet_write_blank(ws, 1, 5, bold);
    worksheet_write_blank(ws, 1, 7, bold);
    workbook_close(wb);
    size_t len;
    char *x = slurp(path, &len);
    if (CHECK("XLSX with formatted empty cells", x != NULL)) {
        struct buf csv = BUF_INIT(BUF_NO_LIMIT);
        struct error e = ERROR_INIT;
        CHECK_INT_EQ("XLSX with formatted empty cells reads", xlsx_read_first_sheet(x, len, &csv, &e),
                     0);
        CHECK("no empty columns at the end of a row",
              strstr(csv.data, "\"Giá trị\"\n\"THU\",\"IMP\",\"2022\",\"4\",\"5\"\n") != NULL);
        buf_release(&csv);
        struct import_result r;
        CHECK_INT_EQ("XLSX with formatted empty cells imports",
                     app_indicator_import_xlsx(ctx, x, len, NULL, NULL, NULL, &r, &e), 0);
        CHECK_INT_EQ("its row", r.imported, 1);
        if (e.code)
            printf("  %s\n", e.message);
    }
    free(x);
    unlink(path);

    /* Bytes no spreadsheet program writes: a NUL in a cell's text, in a number, in a shared
     * string, in a row's markup; bytes that are not UTF-8. Row 4 follows, so the rows after
     * the bad one are not cut off by a NUL either. */
#define HEAD_ROW                                                                               \
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Mã chỉ tiêu</t></is></c>"                 \
    "<c r=\"B1\" t=\"inlineStr\"><is><t>Đơn vị</t></is></c><c r=\"C1\" t=\"inlineStr\"><is>"   \
    "<t>Năm</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>Tháng</t></is></c>"                 \
    "<c r=\"E1\" t=\"inlineStr\"><is><t>Giá trị</t></is></c></row>"                            \
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>THU</t></is></c><c r=\"B2\" "             \
    "t=\"inlineStr\"><is><t>IMP</t></is></c><c r=\"C2\"><v>2022</v></c><c r=\"D2\"><v>3</v>"   \
    "</c><c r=\"E2\"><v>1</v></c></row>"
#define ROW_4                                                                                  \
    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>THU</t></is></c><c r=\"B4\" "             \
    "t=\"inlineStr\"><is><t>IMP</t></is></c><c r=\"C4\"><v>2022</v></c><c r=\"D4\"><v>5</v>"   \
    "</c><c r=\"E4\"><v>1</v></c></row>"
#define SHEET(row3) "<worksheet><sheetData>" HEAD_ROW row3 ROW_4 "</sheetData></worksheet>"
    static const char strings[] = "<sst><si><t>TH\0U</t></si></sst>";
    static const struct {
        const char *name, *xml;
        size_t len; /* of xml */
        bool strings;
        size_t line;
        const char *says;
    } raw[] = {
#define RAW(name, row3, strings, line, says) \
    {name, SHEET(row3), sizeof SHEET(row3) - 1, strings, line, says}
        RAW("XLSX: a NUL byte in a text cell",
            "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>TH\0U</t></is></c><c r=\"B3\" "
            "t=\"inlineStr\"><is><t>IMP</t></is></c><c r=\"C3\"><v>2022</v></c><c r=\"D3\">"
            "<v>4</v></c><c r=\"E3\"><v>7</v></c></row>",
            false, 3, "chứa ký tự NUL"),
        RAW("XLSX: a NUL byte in a number",
            "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>THU</t></is></c><c r=\"B3\" "
            "t=\"inlineStr\"><is><t>IMP</t></is></c><c r=\"C3\"><v>2022</v></c><c r=\"D3\">"
            "<v>4</v></c><c r=\"E3\"><v>7\0</v></c></row>",
            false, 3, "chứa ký tự NUL"),
        RAW("XLSX: a NUL byte in a shared string",
            "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"inlineStr\"><is>"
            "<t>IMP</t></is></c><c r=\"C3\"><v>2022</v></c><c r=\"D3\"><v>4</v></c>"
            "<c r=\"E3\"><v>7</v></c></row>",
            true, 3, "chứa ký tự NUL"),
        RAW("XLSX: a NUL byte in a row's markup",
            "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>THU</t></is></c>\0<c r=\"B3\" "
            "t=\"inlineStr\"><is><t>IMP</t></is></c><c r=\"C3\"><v>2022</v></c><c r=\"D3\">"
            "<v>4</v></c><c r=\"E3\"><v>7</v></c></row>",
            false, 3, "chứa ký tự NUL"),
        RAW("XLSX: bytes that are not UTF-8",
            "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>TH\xffU</t></is></c><c r=\"B3\" "
            "t=\"inlineStr\"><is><t>IMP</t></is></c><c r=\"C3\"><v>2022</v></c><c r=\"D3\">"
            "<v>4</v></c><c r=\"E3\"><v>7</v></c></row>",
            false, 3, "không phải mã Unicode UTF-8"),
#undef RAW
    };
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++) {
        size_t xl;
        char *xd = handmade_xlsx(raw[i].xml, raw[i].len, raw[i].strings ? strings : NULL,
                                 sizeof strings - 1, &xl);
        struct import_result r;
        struct error e = ERROR_INIT;
        if (CHECK(raw[i].name, xd != NULL))
            check_refused(raw[i].name,
                          app_indicator_import_xlsx(ctx, xd, xl, NULL, NULL, NULL, &r, &e), &r,
                          &e, raw[i].line, raw[i].says);
        free(xd);
    }
    /* The same sheet without the bad row reads to its last row. */
    static const char fine[] = SHEET("");
    size_t xl;
    char *xd = handmade_xlsx(fine, sizeof fine - 1, NULL, 0, &xl);
    if (CHECK("handmade XLSX", xd != NULL)) {
        struct buf csv = BUF_INIT(BUF_NO_LIMIT);
        struct error e = ERROR_INIT;
        CHECK_INT_EQ("handmade XLSX reads", xlsx_read_first_sheet(xd, xl, &csv, &e), 0);
        CHECK("row 4 on line 4", strstr(csv.data, "\"1\"\n\n\"THU\",\"IMP\",\"2022\",\"5\",\"1\"\n"));
        buf_release(&csv);
    }
    free(xd);
#undef SHEET
#undef ROW_4
#undef HEAD_ROW
    CHECK_INT_EQ("the refused XLSX files changed nothing", thu_march(ctx), before);
}

static int64_t dossier_total(struct app *ctx, const char *unit)
{
    struct briefing b;
    if (briefing_of(ctx, unit, "2022-06", "2022-06-30", &b))
        return -1;
    return dossier_tally_in_hand(&b.dossiers_ytd);
}

static void check_imports(struct app *ctx)
{
    struct error e = ERROR_INIT;
    struct import_result r;
    struct unit_input u = {.code = "IMP", .name = "Ủy ban nhân dân xã Thử Nhập", .kind = "xa"};
    int64_t uid;
    CHECK_INT_EQ("import unit", app_unit_add(ctx, &u, &uid, &e), 0);

    static const char good[] =
        "\xEF\xBB\xBFMã hồ sơ;Thủ tục;Người nộp;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả\r\n"
        "HS-1;Chứng thực bản sao;Nguyễn Văn A;02/06/2022 08:15;09/06/2022;08/06/2022\r\n"
        "HS-2;\"Đăng ký khai sinh; kết hôn\";Trần Thị B;2022-06-03;2022-06-10;\r\n"
        "\r\n"
        "HS-3;Cấp giấy phép xây dựng;Lê C;5/6/2022;12/6/2022;20/6/2022\r\n";
    CHECK_INT_EQ("good dossier CSV", app_dossier_import_csv(ctx, good, strlen(good), "IMP", NULL,
                                                            NULL, &r, &e), 0);
    CHECK_INT_EQ("3 imported", r.imported, 3);
    CHECK_INT_EQ("3 in the register", dossier_total(ctx, "IMP"), 3);

    static const struct {
        const char *name, *csv;
        size_t line;   /* the first problem's line */
        const char *says;
    } bad[] = {
        {"wrong columns", "Số;Tên;Ngày\n1;x;2022-06-01\n", 1, "Thiếu cột"},
        {"bad date", "Thủ tục,Ngày tiếp nhận\nA,2022-06-01\nB,31/02/2022\nC,hôm qua\n", 3,
         "31/02/2022"},
        {"due before received",
         "Thủ tục,Ngày tiếp nhận,Ngày hẹn trả\nA,2022-06-10,2022-06-01\n", 2, "hẹn trả"},
        {"a change of HS-1 beside a bad row",
         "Mã hồ sơ,Thủ tục,Ngày tiếp nhận,Ngày trả kết quả\nHS-1,B,2022-06-02,2022-06-03\n"
         "HS-9,A,2022-06-31,\n", 3, "2022-06-31"},
        {"TCVN3 bytes", "Thủ tục,Ngày tiếp nhận\nC\xb8p gi\xa5y,2022-06-01\n", 2, "TCVN3"},
        {"VNI read as Latin-1", "Thủ tục,Ngày tiếp nhận\nCaáp giaáy pheùp xaây döïng,2022-06-01\n",
         2, "TCVN3/VNI"},
        {"unclosed quote", "Thủ tục,Ngày tiếp nhận\n\"A,2022-06-01\n", 2, "ngoặc kép"},
        {"empty file", "", 0, "trống"},
    };
    int64_t before = dossier_total(ctx, "IMP");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        error_clear(&e);
        int rc = app_dossier_import_csv(ctx, bad[i].csv, strlen(bad[i].csv), "IMP", NULL, NULL,
                                        &r, &e);
        CHECK(bad[i].name, rc != 0);
        CHECK_INT_EQ(bad[i].name, r.imported, 0);
        if (r.n_problems)
            CHECK_INT_EQ(bad[i].name, r.problems[0].line, bad[i].line);
        const char *msg = r.n_problems ? r.problems[0].message : e.message;
        if (!CHECK(bad[i].name, strstr(msg, bad[i].says) || strstr(e.message, bad[i].says)))
            printf("  message: %s | %s\n", msg, e.message);
    }
    CHECK_INT_EQ("bad imports changed nothing", dossier_total(ctx, "IMP"), before);

    /* The next export repeats HS-1 as it was, HS-2 now returned, and a new HS-4: the codes
     * already in the register are the same dossiers (updated or left), not new ones. */
    static const char again[] =
        "Mã hồ sơ;Thủ tục;Người nộp;Ngày tiếp nhận;Ngày hẹn trả;Ngày trả kết quả\n"
        "HS-1;Chứng thực bản sao;Nguyễn Văn A;02/06/2022;09/06/2022;08/06/2022\n"
        "HS-2;\"Đăng ký khai sinh; kết hôn\";Trần Thị B;2022-06-03;2022-06-10;2022-06-14\n"
        "HS-4;Cấp bản sao trích lục;Phạm D;2022-06-20;2022-06-24;\n";
    error_clear(&e);
    CHECK_INT_EQ("export imported again",
                 app_dossier_import_csv(ctx, again, strlen(again), "IMP", NULL, NULL, &r, &e), 0);
    CHECK_INT_EQ("3 rows", r.imported, 3);
    CHECK_INT_EQ("HS-2 updated", r.updated, 1);
    CHECK_INT_EQ("HS-1 unchanged (the bad file's change of it never landed)", r.unchanged, 1);
    CHECK_INT_EQ("only HS-4 is new", dossier_total(ctx, "IMP"), before + 1);
    struct briefing june;
    if (CHECK("briefing after re-import",
              briefing_of(ctx, "IMP", "2022-06", "2022-06-30", &june) == 0))
        CHECK_INT_EQ("HS-2 returned late, HS-3 still late", june.dossiers.done_late, 2);

    /* Indicator values: Vietnamese numbers, the plan, CSV and XLSX. */
    struct indicator_input def = {"THU", "Thu ngân sách xã", "triệu đồng", "sum", "ratio", 1};
    int64_t iid;
    CHECK_INT_EQ("define", app_indicator_define(ctx, &def, &iid, &e), 0);
    static const char vals[] = "Mã chỉ tiêu,Năm,Tháng,Giá trị\n"
                               "THU,2022,1,\"1.297.314\"\n"
                               "THU,2022,2,\"1297314,5\"\n"
                               "THU,2022,KH,\"10.000.000\"\n";
    CHECK_INT_EQ("indicator CSV",
                 app_indicator_import_csv(ctx, vals, strlen(vals), "IMP", NULL, NULL, &r, &e), 0);
    static const char badvals[] = "Mã chỉ tiêu,Năm,Tháng,Giá trị\n"
                                  "THU,2022,3,\"1,297,314\"\n"
                                  "THU,2022,13,5\n"
                                  "XYZ,2022,3,5\n";
    error_clear(&e);
    CHECK("bad indicator CSV refused",
          app_indicator_import_csv(ctx, badvals, strlen(badvals), "IMP", NULL, NULL, &r, &e) != 0);
    CHECK_INT_EQ("three bad rows", r.n_bad, 3);
    if (r.n_problems == 3) {
        CHECK_INT_EQ("English number on line 2", r.problems[0].line, 2);
        CHECK("says the form", strstr(r.problems[0].message, "1.297.314"));
        CHECK_INT_EQ("month 13 on line 3", r.problems[1].line, 3);
        CHECK_INT_EQ("unknown code on line 4", r.problems[2].line, 4);
    }

    /* XLSX written by libxlsxwriter: numbers as numbers, text as shared strings. */
    char path[512];
    snprintf(path, sizeof path, "%s/indicator-import-%d.xlsx", tmpdir(), (int)getpid());
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Số liệu");
    const char *head[] = {"Mã chỉ tiêu", "Đơn vị", "Năm", "Tháng", "Giá trị"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    worksheet_write_string(ws, 1, 0, "THU", NULL);
    worksheet_write_string(ws, 1, 1, "IMP", NULL);
    worksheet_write_number(ws, 1, 2, 2022, NULL);
    worksheet_write_number(ws, 1, 3, 3, NULL);
    worksheet_write_number(ws, 1, 4, 1500000.25, NULL);
    worksheet_write_string(ws, 3, 0, "THU", NULL); /* row 4, after an empty row */
    worksheet_write_string(ws, 3, 1, "IMP", NULL);
    worksheet_write_number(ws, 3, 2, 2021, NULL);
    worksheet_write_number(ws, 3, 3, 3, NULL);
    worksheet_write_string(ws, 3, 4, "4.000.000", NULL);
    workbook_close(wb);
    size_t xl;
    char *xd = slurp(path, &xl);
    error_clear(&e);
    if (CHECK("xlsx written", xd != NULL)) {
        CHECK_INT_EQ("XLSX import", app_indicator_import_xlsx(ctx, xd, xl, NULL, NULL, NULL, &r, &e),
                     0);
        CHECK_INT_EQ("XLSX rows", r.imported, 2);
        if (e.code)
            printf("  %s\n", e.message);
        struct briefing b;
        if (briefing_of(ctx, "IMP", "2022-03", "2022-04-01", &b) == 0 && b.n_indicators == 1) {
            CHECK_INT_EQ("sum of three months", b.indicators[0].ytd.value,
                         1297314000LL + 1297314500LL + 1500000250LL);
            CHECK_INT_EQ("last year, March only: no same period", b.indicators[0].has_pct_prev, 0);
            CHECK_STR_EQ("plan", b.indicators[0].plan_text, "đạt 40,9% kế hoạch");
        }
        /* A broken workbook: the zip header, then garbage. */
        error_clear(&e);
        char broken[64] = "PK\x03\x04 not really a workbook";
        CHECK("broken XLSX refused",
              app_indicator_import_xlsx(ctx, broken, sizeof broken, "IMP", NULL, NULL, &r, &e) != 0);
        CHECK("says it is broken", strstr(e.message, "Excel") != NULL);
        free(xd);
    }
    unlink(path);
    check_xlsx_refusals(ctx);
}

static void run_backend(const char *url, const char *backend, char **cua_lo_json)
{
    struct error e = ERROR_INIT;
    struct store *s;
    printf("backend: %s\n", url);
    if (store_open(url, &s, &e)) {
        CHECK(e.message, 0);
        return;
    }
    struct arena a = ARENA_INIT;
    struct app ctx = {0};
    app_init(&ctx, s, &a, day_from_ymd(2022, 12, 31), "test", &e);
    if (!CHECK_INT_EQ("demo", app_demo(&ctx, true, &e), 0))
        printf("  demo: %s\n", e.message);
    check_seeds(&ctx, backend, cua_lo_json);
    check_imports(&ctx);
    arena_release(&a);
    store_close(s);
}

int main(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/briefing-app-%d.db", tmpdir(), (int)getpid());
    char *cua_lo_json = NULL;
    run_backend(path, "sqlite", &cua_lo_json);
    unlink(path);
    const char *pg = getenv("GIAOBAN_TEST_PG");
    if (pg && *pg)
        run_backend(pg, "postgres", &cua_lo_json);
    else
        printf("PostgreSQL: skipped (GIAOBAN_TEST_PG not set)\n");
    free(cua_lo_json);
    return check_report();
}
