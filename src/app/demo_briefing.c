/*
 * app/demo_briefing.c - the seed demo's dossiers, petitions and indicators
 * (app_demo_briefing, called by app/demo.c inside its transaction).
 *
 *   - UBND thị xã Cửa Lò, August 2020: the one-stop desk's dossiers, a few
 *     returned late and a few overdue ("một số thủ tục hồ sơ giải quyết cho
 *     người dân vẫn chưa đúng hạn"), and complaints and denunciations in hand;
 *   - UBND huyện Cao Lộc: 7 voter petitions forwarded by the National
 *     Assembly delegation and the provincial council, all 7 resolved by the
 *     inspection of 19/6/2020 ("đã phối hợp giải quyết 7/7 kiến nghị");
 *   - UBND thành phố Móng Cái, February 2021: budget revenue 126,1% of the
 *     same period, retail +2,7%, visitors +6%, industrial output 1.297.314
 *     triệu đồng +75,6%, import-export -23%, transport -49,4%, and the
 *     disbursement of the 2020 capital at 71,2% of plan by 31/01/2021.
 *
 * The 2020 capital is disbursed into early 2021, so its indicator is kept
 * in 2021 with the 2020 plan as that year's plan, its figure the running
 * total at the end of January ("latest"). Everything goes through the
 * ordinary use cases, so the demo obeys the rules a clerk's input does.
 */
#include <stdio.h>
#include <string.h>

#include "app/app_int.h"
#include "app/briefing.h"

static const char *iso(char out[16], int y, int m, int d)
{
    return day_format_iso(day_from_ymd(y, m, d), out);
}

static const char *const procedures[] = {
    "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
    "Đăng ký biến động quyền sử dụng đất",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký hộ kinh doanh",
    "Chứng thực bản sao từ bản chính",
    "Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm",
    "Đăng ký khai sinh, khai tử có yếu tố nước ngoài",
    "Cấp giấy phép kinh doanh karaoke",
};
static const char *const applicants[] = {"Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường",
                                         "Phạm Thị Dung", "Hoàng Văn Em", "Công ty TNHH Biển Xanh",
                                         "Võ Thị Giang", "Đặng Văn Hải"};
static const char *const desks[] = {"NA.CL.TNMT", "NA.CL.TNMT", "NA.CL.QLDT", "NA.CL.TCKH",
                                    "NA.CL.VP",   "NA.CL.YT",   "NA.CL.VP",   "NA.CL.VHTT"};

/* Cửa Lò, July-August 2020: 6 carried over from July, 48 received in August. */
static int cua_lo_dossiers(struct app *ctx, struct error *e)
{
    char r[16], d[16], t[16], code[32];
    for (int i = 0; i < 54; i++) {
        bool july = i < 6;
        int day = july ? 24 + i : 1 + (i - 6) * 30 / 48;
        int month = july ? 7 : 8;
        int k = i % 8;
        int span = k < 4 ? 15 : 7; /* land and building: 15 days; the rest 7 */
        day_num recv = day_from_ymd(2020, month, day), due = recv + span;
        day_num ret;
        if (i == 8 || i == 19 || i == 25)
            ret = due + 3 + i % 4; /* returned late */
        else if (i == 10 || i == 14)
            ret = DAY_NONE; /* still pending at the end of August, overdue */
        else if (i >= 49)
            ret = DAY_NONE; /* received late in August, in time */
        else
            ret = due - 1 - i % 3;
        struct dossier_input in = {.unit = desks[k],
                                   .code = (snprintf(code, sizeof code, "000.00.%02d.H40-2020%04d",
                                                     10 + k, 7100 + i), code),
                                   .procedure = procedures[k],
                                   .applicant = applicants[(i * 3) % 8],
                                   .received = day_format_iso(recv, r),
                                   .due = day_format_iso(due, d),
                                   .returned = ret == DAY_NONE ? NULL : day_format_iso(ret, t)};
        int64_t id;
        int rc = app_dossier_add(ctx, &in, &id, e);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

static const struct {
    const char *unit, *kind, *session, *source, *summary;
    int rm, rd, dm, dd, sm, sd; /* received, deadline, resolved (month, day; 0 = none) */
    const char *result;
} petitions[] = {
    /* Cửa Lò, August 2020: complaints and denunciations. */
    {"NA.CL", "khieu_nai", NULL, "Công dân phường Nghi Hòa",
     "Khiếu nại về giá đất bồi thường dự án đường số 4", 8, 3, 9, 2, 8, 28,
     "Đã trả lời, giữ nguyên phương án bồi thường"},
    {"NA.CL", "khieu_nai", NULL, "Công dân phường Nghi Hải",
     "Khiếu nại việc thu hồi đất làm đường số 2", 8, 6, 8, 31, 0, 0, NULL},
    {"NA.CL", "to_cao", NULL, "Đơn nặc danh", "Tố cáo việc xây dựng trái phép tại khối 3", 7, 28,
     8, 27, 8, 20, "Đã kiểm tra, lập biên bản, buộc tháo dỡ"},
    {"NA.CL", "kien_nghi", NULL, "Công dân phường Thu Thủy",
     "Phản ánh tình trạng kinh doanh lấn chiếm vỉa hè bãi biển", 8, 12, 8, 26, 8, 19,
     "Đã chỉ đạo UBND phường Thu Thủy ra quân xử lý"},
    {"NA.CL", "kien_nghi", NULL, "Công dân phường Nghi Thu",
     "Phản ánh mương thoát nước bị tắc gây ngập úng", 8, 20, 9, 4, 0, 0, NULL},
    /* Cao Lộc: 7 voter petitions of the 2019 year-end sessions, forwarded in January 2020. */
    {"LS.CL", "cu_tri", "Kỳ họp thứ 8, Quốc hội khóa XIV", "Đoàn đại biểu Quốc hội tỉnh Lạng Sơn",
     "Đề nghị nâng cấp đường giao thông xã Thạch Đạn", 1, 10, 3, 31, 3, 20,
     "Đã đưa vào kế hoạch đầu tư công năm 2020"},
    {"LS.CL", "cu_tri", "Kỳ họp thứ 8, Quốc hội khóa XIV", "Đoàn đại biểu Quốc hội tỉnh Lạng Sơn",
     "Đề nghị hỗ trợ hộ nghèo bị thiệt hại do mưa đá", 1, 10, 3, 31, 2, 25,
     "Đã hỗ trợ 42 hộ"},
    {"LS.CL", "cu_tri", "Kỳ họp thứ 12, HĐND tỉnh khóa XVI", "Thường trực HĐND tỉnh",
     "Đề nghị sửa chữa trạm y tế xã Hòa Cư", 1, 15, 4, 15, 4, 8,
     "Đã bố trí kinh phí sửa chữa"},
    {"LS.CL", "cu_tri", "Kỳ họp thứ 12, HĐND tỉnh khóa XVI", "Thường trực HĐND tỉnh",
     "Đề nghị cấp nước sinh hoạt cho thôn Pò Nghiều", 1, 15, 4, 15, 4, 10,
     "Đã khởi công công trình nước sạch"},
    {"LS.CL", "cu_tri", "Kỳ họp thứ 12, HĐND tỉnh khóa XVI", "Thường trực HĐND tỉnh",
     "Đề nghị giải quyết dứt điểm tranh chấp đất rừng tại xã Bảo Lâm", 1, 15, 4, 15, 5, 12,
     "Đã hòa giải thành"},
    {"LS.CL", "cu_tri", "Kỳ họp thứ 12, HĐND tỉnh khóa XVI", "Thường trực HĐND tỉnh",
     "Đề nghị lắp đặt đèn chiếu sáng tuyến đường vào cửa khẩu Cốc Nam", 1, 15, 4, 15, 3, 30,
     "Đã lắp đặt"},
    {"LS.CL", "cu_tri", "Kỳ họp thứ 12, HĐND tỉnh khóa XVI", "Thường trực HĐND tỉnh",
     "Đề nghị kiên cố hóa kênh mương thôn Nà Làng", 1, 15, 4, 15, 4, 28,
     "Đã đưa vào kế hoạch năm 2020"},
};

static int add_petitions(struct app *ctx, struct error *e)
{
    char r[16], d[16], s[16];
    for (size_t i = 0; i < sizeof petitions / sizeof petitions[0]; i++) {
        const int year = 2020;
        struct petition_input in = {
            .unit = petitions[i].unit,
            .kind = petitions[i].kind,
            .session = petitions[i].session,
            .source = petitions[i].source,
            .summary = petitions[i].summary,
            .received = iso(r, year, petitions[i].rm, petitions[i].rd),
            .deadline = iso(d, year, petitions[i].dm, petitions[i].dd),
            .resolved = petitions[i].sm ? iso(s, year, petitions[i].sm, petitions[i].sd) : NULL,
            .result = petitions[i].result};
        int64_t id;
        int rc = app_petition_add(ctx, &in, &id, e);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

/* Móng Cái's indicators: values of January and February 2020 and 2021. */
static const struct {
    const char *code, *name, *measure, *ytd, *compare;
    const char *v20[2], *v21[2]; /* NULL: none */
    const char *plan21;
} indicators[] = {
    {"NSNN", "Tổng thu ngân sách nhà nước trên địa bàn", "triệu đồng", "sum", "ratio",
     {"180.000", "160.000"}, {"230.500", "198.240"}, NULL},
    {"BLHH", "Tổng mức bán lẻ hàng hóa", "triệu đồng", "sum", "change",
     {"520.000", "480.000"}, {"530.000", "497.000"}, NULL},
    {"KDL", "Tổng khách du lịch", "lượt khách", "sum", "change", {"26.000", "24.000"},
     {"27.500", "25.500"}, NULL},
    {"SXCN", "Giá trị sản xuất công nghiệp", "triệu đồng", "sum", "change",
     {"380.000", "358.789"}, {"650.000", "647.314"}, NULL},
    {"XNK", "Tổng kim ngạch xuất nhập khẩu hàng hóa", "triệu USD", "sum", "change",
     {"520", "480"}, {"400", "370"}, NULL},
    {"VTBX", "Doanh thu vận tải, bốc xếp", "triệu đồng", "sum", "change",
     {"105.000", "95.000"}, {"52.000", "49.200"}, NULL},
    {"GNXDCB", "Giải ngân chi đầu tư xây dựng cơ bản, vốn ngân sách nhà nước năm 2020",
     "triệu đồng", "latest", "ratio", {NULL, NULL}, {"605.200", NULL}, "850.000"},
};

static int add_indicators(struct app *ctx, struct error *e)
{
    int rc;
    for (size_t i = 0; i < sizeof indicators / sizeof indicators[0]; i++) {
        struct indicator_input def = {indicators[i].code, indicators[i].name,
                                      indicators[i].measure, indicators[i].ytd,
                                      indicators[i].compare, (int)i + 1};
        int64_t id;
        if ((rc = app_indicator_define(ctx, &def, &id, e)))
            return rc;
        for (int y = 0; y < 2; y++)
            for (int m = 0; m < 2; m++) {
                const char *v = y ? indicators[i].v21[m] : indicators[i].v20[m];
                if (!v)
                    continue;
                char period[32];
                snprintf(period, sizeof period, "%d-%02d", 2020 + y, m + 1);
                struct indicator_value_input in = {indicators[i].code, "QN.MC", period, v, false};
                if ((rc = app_indicator_value_set(ctx, &in, e)))
                    return rc;
            }
        if (indicators[i].plan21) {
            struct indicator_value_input in = {indicators[i].code, "QN.MC", "2021",
                                               indicators[i].plan21, true};
            if ((rc = app_indicator_value_set(ctx, &in, e)))
                return rc;
        }
    }
    return ERR_OK;
}

int app_demo_briefing(struct app *ctx, struct error *e)
{
    int rc = store_begin(ctx->s, e);
    if (rc)
        return rc;
    if ((rc = cua_lo_dossiers(ctx, e)) || (rc = add_petitions(ctx, e)) ||
        (rc = add_indicators(ctx, e))) {
        store_rollback(ctx->s);
        return rc;
    }
    return store_commit(ctx->s, e);
}
