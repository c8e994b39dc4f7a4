/*
 * cli/cmd_briefing.c - `giaoban report briefing`, `dossier add|import`,
 * `petition add`, `indicator add|set|import`: the briefing report and the
 * data it reads (app/briefing.h), laid out by report/report.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/briefing.h"
#include "cli/cli.h"
#include "report/report.h"

#define FILE_MAX IMPORT_MAX_BYTES

static int write_out(const char *path, const struct buf *b, bool binary, struct error *e)
{
    if (!path || strcmp(path, "-") == 0) {
        if (binary && isatty(1))
            return error_set(e, ERR_INVALID, "output",
                             "Tệp Excel/PDF không in ra màn hình được: dùng -o TỆP");
        fwrite(b->data, 1, b->len, stdout);
        return ERR_OK;
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return error_set(e, ERR_INVALID, "output", "Không ghi được tệp '%s'", path);
    size_t n = fwrite(b->data, 1, b->len, f);
    if (fclose(f) != 0 || n != b->len)
        return error_set(e, ERR_INVALID, "output", "Không ghi hết tệp '%s'", path);
    return ERR_OK;
}

static int report_briefing_cmd(struct cli *c, struct error *e)
{
    const char *fmt = opt(c, "format") ? opt(c, "format") : "html";
    int f = report_format_from_name(fmt);
    if (!f)
        return error_set(e, ERR_INVALID, "format",
                         "Định dạng '%s' không hợp lệ (html, json, xlsx, pdf)", fmt);
    if (!opt(c, "unit"))
        return error_set(e, ERR_INVALID, "unit", "Thiếu đơn vị (--unit)");
    if (!opt(c, "month"))
        return error_set(e, ERR_INVALID, "month", "Thiếu tháng báo cáo (--month 2020-08)");
    struct briefing_query q = {.unit = opt(c, "unit"), .month = opt(c, "month"),
                               .as_of = opt(c, "as-of")};
    struct briefing b;
    int rc = app_briefing(&c->app, &q, &b, e);
    if (rc)
        return rc;
    struct buf out = BUF_INIT(BUF_NO_LIMIT);
    if (!(rc = report_briefing(&b, (enum report_format)f, &out, e)))
        rc = write_out(opt(c, "output"), &out, f == REPORT_XLSX || f == REPORT_PDF, e);
    buf_release(&out);
    return rc;
}

static int dossier_add(struct cli *c, struct error *e)
{
    struct dossier_input in = {.unit = opt(c, "unit"), .code = opt(c, "code"),
                               .procedure = opt(c, "procedure"), .applicant = opt(c, "applicant"),
                               .received = opt(c, "received"), .due = opt(c, "due"),
                               .returned = opt(c, "returned")};
    int64_t id;
    int rc = app_dossier_add(&c->app, &in, &id, e);
    if (!rc)
        printf("Đã thêm hồ sơ #%lld\n", (long long)id);
    return rc;
}

static int petition_add(struct cli *c, struct error *e)
{
    struct petition_input in = {.unit = opt(c, "unit"), .kind = opt(c, "kind"),
                                .session = opt(c, "session"), .source = opt(c, "source"),
                                .summary = opt(c, "summary"), .received = opt(c, "received"),
                                .deadline = opt(c, "deadline"), .resolved = opt(c, "resolved"),
                                .result = opt(c, "result")};
    int64_t id;
    int rc = app_petition_add(&c->app, &in, &id, e);
    if (!rc)
        printf("Đã thêm đơn #%lld\n", (long long)id);
    return rc;
}

static int indicator_add(struct cli *c, struct error *e)
{
    struct indicator_input in = {.code = opt(c, "code"), .name = opt(c, "name"),
                                 .measure = opt(c, "measure"), .ytd = opt(c, "ytd"),
                                 .compare = opt(c, "compare")};
    const char *sort = opt(c, "sort");
    if (sort) {
        char *end;
        long v = strtol(sort, &end, 10);
        if (*end || end == sort || v < -1000000 || v > 1000000)
            return error_set(e, ERR_INVALID, "sort", "--sort phải là số nguyên (thứ tự trong báo "
                                                     "cáo)");
        in.sort = (int)v;
    }
    int64_t id;
    int rc = app_indicator_define(&c->app, &in, &id, e);
    if (!rc)
        printf("Đã lưu chỉ tiêu %s (#%lld)\n", in.code, (long long)id);
    return rc;
}

static int indicator_set(struct cli *c, struct error *e)
{
    bool plan = opt(c, "plan") != NULL;
    if (plan && opt(c, "month"))
        return error_set(e, ERR_INVALID, "plan", "Dùng --month THÁNG hoặc --plan NĂM, không dùng "
                                                 "cả hai");
    struct indicator_value_input in = {.indicator = opt(c, "indicator"), .unit = opt(c, "unit"),
                                       .period = plan ? opt(c, "plan") : opt(c, "month"),
                                       .value = opt(c, "value"), .plan = plan};
    int rc = app_indicator_value_set(&c->app, &in, e);
    if (!rc)
        printf("Đã lưu số liệu\n");
    return rc;
}

static int read_file(const char *path, struct buf *b, struct error *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(e, ERR_INVALID, "file", "Không mở được tệp '%s'", path);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(b, chunk, n);
    fclose(f);
    if (b->failed)
        return error_set(e, ERR_TOO_BIG, "file", "Tệp '%s' quá lớn (tối đa %u MB)", path,
                         FILE_MAX >> 20);
    return ERR_OK;
}

static void show_progress(void *arg, const char *phase, size_t done, size_t total)
{
    (void)arg;
    if (!isatty(2))
        return;
    if (total)
        fprintf(stderr, "\r%s: %zu/%zu dòng   ", phase, done, total);
    else
        fprintf(stderr, "\r%s: %zu dòng   ", phase, done);
    if (done == total)
        fputc('\n', stderr);
}

static void print_result(const struct import_result *r)
{
    if (r->charset)
        fprintf(stderr, "%s\n", r->charset);
    for (size_t i = 0; i < r->n_problems; i++) {
        if (r->problems[i].line)
            fprintf(stderr, "  dòng %zu: ", r->problems[i].line);
        else
            fputs("  ", stderr);
        print_message(stderr, r->problems[i].message);
        fputc('\n', stderr);
    }
    if (r->n_bad > r->n_problems)
        fprintf(stderr, "  ... và %zu dòng lỗi khác\n", r->n_bad - r->n_problems);
}

typedef int import_fn(struct app *, const char *, size_t, const char *, import_progress_fn *,
                      void *, struct import_result *, struct error *);

static int import_cmd(struct cli *c, import_fn *csv, import_fn *xlsx, const char *what,
                      struct error *e)
{
    const char *path;
    int rc = pos_arg(c, 0, "tệp CSV", &path, e);
    if (rc)
        return rc;
    struct buf data = BUF_INIT(FILE_MAX);
    if ((rc = read_file(path, &data, e))) {
        buf_release(&data);
        return rc;
    }
    import_fn *fn = csv;
    if (data.len >= 4 && memcmp(data.data, "PK\x03\x04", 4) == 0) {
        if (!xlsx) {
            buf_release(&data);
            return error_set(e, ERR_INVALID, "file",
                             "Tệp Excel: hãy lưu lại dạng CSV UTF-8 để nhập %s", what);
        }
        fn = xlsx;
    }
    struct import_result r;
    rc = fn(&c->app, data.data, data.len, opt(c, "unit"), show_progress, NULL, &r, e);
    buf_release(&data);
    if (rc) {
        print_result(&r);
        return rc;
    }
    if (r.charset)
        printf("%s\n", r.charset);
    if (r.updated || r.unchanged)
        printf("Đã nhập %zu dòng %s: %zu mới, %zu đã có được cập nhật, %zu đã có không đổi\n",
               r.imported, what, r.imported - r.updated - r.unchanged, r.updated, r.unchanged);
    else
        printf("Đã nhập %zu dòng %s\n", r.imported, what);
    return ERR_OK;
}

static int dossier_import(struct cli *c, struct error *e)
{
    return import_cmd(c, app_dossier_import_csv, NULL, "hồ sơ", e);
}

static int indicator_import(struct cli *c, struct error *e)
{
    return import_cmd(c, app_indicator_import_csv, app_indicator_import_xlsx, "số liệu chỉ tiêu",
                      e);
}

const struct command briefing_commands[] = {
    {"report", "briefing", report_briefing_cmd, "unit=,month=,as-of=,format=,output=", 0,
     "giaoban report briefing --unit ĐƠN_VỊ --month 2020-08 [--as-of NGÀY] "
     "[--format html|json|xlsx|pdf] [-o TỆP]\nBáo cáo giao ban tháng: văn bản, nhiệm vụ, hồ sơ "
     "TTHC, đơn thư, chỉ tiêu KT-XH; --as-of: số liệu tính đến ngày nào (mặc định hôm nay). -o "
     "(hoặc --output): tệp ghi ra; không có -o, hoặc -o -: in ra màn hình (html, json).",
     true},
    {"dossier", "add", dossier_add, "unit=,code=,procedure=,applicant=,received=,due=,returned=", 0,
     "giaoban dossier add --unit ĐƠN_VỊ --procedure THỦ_TỤC --received NGÀY [--due NGÀY] "
     "[--returned NGÀY] [--code MÃ] [--applicant TÊN]\nThêm một hồ sơ thủ tục hành chính.",
     true},
    {"dossier", "import", dossier_import, "unit=", 1,
     "giaoban dossier import TỆP.csv [--unit ĐƠN_VỊ]\nNhập hồ sơ từ tệp CSV của hệ thống một "
     "cửa; lỗi ở dòng nào cũng không nhập dòng nào. Hồ sơ có mã đã có trong sổ của đơn vị "
     "(tệp xuất tháng sau lặp lại) được cập nhật theo tệp, không nhập thêm lần nữa.",
     true},
    {"petition", "add", petition_add,
     "unit=,kind=,session=,source=,summary=,received=,deadline=,resolved=,result=", 0,
     "giaoban petition add --unit ĐƠN_VỊ --kind khieu_nai|to_cao|kien_nghi|cu_tri --summary "
     "NỘI_DUNG --received NGÀY [--deadline NGÀY] [--resolved NGÀY] [--result KẾT_QUẢ] "
     "[--session KỲ_HỌP] [--source NGUỒN]\nThêm một đơn thư hoặc kiến nghị.",
     true},
    {"indicator", "add", indicator_add, "code=,name=,measure=,ytd=,compare=,sort=", 0,
     "giaoban indicator add --code MÃ --name TÊN --measure ĐƠN_VỊ_TÍNH [--ytd sum|latest] "
     "[--compare ratio|change] [--sort N]\nKhai báo một chỉ tiêu kinh tế - xã hội.",
     true},
    {"indicator", "set", indicator_set, "indicator=,unit=,month=,plan=,value=", 0,
     "giaoban indicator set --indicator MÃ --unit ĐƠN_VỊ (--month 2021-02 | --plan 2021) --value "
     "SỐ\nGhi số liệu một tháng, hoặc kế hoạch năm.",
     true},
    {"indicator", "import", indicator_import, "unit=", 1,
     "giaoban indicator import TỆP.csv|TỆP.xlsx [--unit ĐƠN_VỊ]\nNhập số liệu chỉ tiêu (cột: Mã "
     "chỉ tiêu, Đơn vị, Năm, Tháng, Giá trị).",
     true},
    {0},
};
