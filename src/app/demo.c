/*
 * app/demo.c - the seed demo: the five localities of ../shared/seeds, their
 * units, leaders, meetings, conclusion notices, tasks with their histories,
 * and document registers, such that the figures the seeds quote come out of
 * the ordinary reports:
 *
 *   - UBND huyện Cao Lộc, tasks from UBND tỉnh Lạng Sơn assigned in the first
 *     half of 2020, as of 19/6/2020: 13 assigned, 4 done before the deadline,
 *     5 done late, 4 open in time, none overdue;
 *   - UBND thị xã Cửa Lò, as of 7/9/2020: 10 items of its conclusion notices
 *     overdue; in August 2020, 354 documents received, 425 issued, 5 of them
 *     conclusion notices (TB);
 *   - the conclusion of each seed meeting is present as its tasks, with the
 *     deadlines the texts give (the canal clearing "trước ngày 15/9" is due
 *     2020-09-15).
 *
 * Everything else is invented to be plausible and consistent. The data are
 * tables; the code walks them through the ordinary use cases (app.h), so the
 * demo obeys every rule a clerk's input does, inside one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/account.h"
#include "app/app_int.h"
#include "app/briefing.h"

/* ---- Units ---- */

struct demo_unit {
    const char *code, *name, *short_name, *kind, *parent, *head_name, *head_title;
    const char *aliases[3];
};

static const struct demo_unit units[] = {
    /* Nghệ An: thị xã Cửa Lò */
    {"NA", "Ủy ban nhân dân tỉnh Nghệ An", "UBND tỉnh Nghệ An", "tinh", NULL, "Nguyễn Đức Trung",
     "Chủ tịch", {0}},
    {"NA.CL", "Ủy ban nhân dân thị xã Cửa Lò", "UBND thị xã Cửa Lò", "huyen", "NA",
     "Doãn Tiến Dũng", "Chủ tịch", {"UBND TX Cửa Lò"}},
    {"NA.CL.VP", "Văn phòng HĐND và UBND thị xã Cửa Lò", "Văn phòng HĐND-UBND", "phong", "NA.CL",
     "Nguyễn Văn Hòa", "Chánh Văn phòng", {"VP HĐND-UBND Cửa Lò"}},
    {"NA.CL.KT", "Phòng Kinh tế thị xã Cửa Lò", "Phòng Kinh tế", "phong", "NA.CL",
     "Trần Văn Minh", "Trưởng phòng", {0}},
    {"NA.CL.TCKH", "Phòng Tài chính - Kế hoạch thị xã Cửa Lò", "Phòng TC-KH", "phong", "NA.CL",
     "Lê Thị Hằng", "Trưởng phòng", {"Phòng Tài chính Kế hoạch Cửa Lò"}},
    {"NA.CL.TNMT", "Phòng Tài nguyên và Môi trường thị xã Cửa Lò", "Phòng TN&MT", "phong",
     "NA.CL", "Hoàng Văn Sơn", "Trưởng phòng", {0}},
    {"NA.CL.QLDT", "Phòng Quản lý đô thị thị xã Cửa Lò", "Phòng QLĐT", "phong", "NA.CL",
     "Phan Đình Tuấn", "Trưởng phòng", {0}},
    {"NA.CL.GDDT", "Phòng Giáo dục và Đào tạo thị xã Cửa Lò", "Phòng GD&ĐT", "phong", "NA.CL",
     "Nguyễn Thị Lan", "Trưởng phòng", {0}},
    {"NA.CL.VHTT", "Phòng Văn hóa và Thông tin thị xã Cửa Lò", "Phòng VH-TT", "phong", "NA.CL",
     "Võ Văn Thắng", "Trưởng phòng", {0}},
    {"NA.CL.YT", "Phòng Y tế thị xã Cửa Lò", "Phòng Y tế", "phong", "NA.CL", "Đặng Thị Mai",
     "Trưởng phòng", {0}},
    {"NA.CL.QLDA", "Ban Quản lý dự án đầu tư xây dựng thị xã Cửa Lò", "Ban QLDA", "ban", "NA.CL",
     "Nguyễn Hữu Phúc", "Giám đốc", {0}},
    {"NA.CL.PTQD", "Trung tâm Phát triển quỹ đất thị xã Cửa Lò", "Trung tâm PTQĐ", "trung_tam",
     "NA.CL", "Lê Văn Quang", "Giám đốc", {"Ban bồi thường GPMB Cửa Lò"}},
    {"NA.CL.CCT", "Chi cục Thuế thị xã Cửa Lò", "Chi cục Thuế", "khac", "NA.CL", "Hồ Sỹ Long",
     "Chi cục trưởng", {0}},
    {"NA.CL.NTH", "Ủy ban nhân dân phường Nghi Thu", "UBND phường Nghi Thu", "xa", "NA.CL",
     "Nguyễn Văn Bình", "Chủ tịch", {0}},
    {"NA.CL.NHG", "Ủy ban nhân dân phường Nghi Hương", "UBND phường Nghi Hương", "xa", "NA.CL",
     "Trần Thị Thu", "Chủ tịch", {0}},
    {"NA.CL.NHO", "Ủy ban nhân dân phường Nghi Hòa", "UBND phường Nghi Hòa", "xa", "NA.CL",
     "Lê Đình Hùng", "Chủ tịch", {0}},
    {"NA.CL.NHA", "Ủy ban nhân dân phường Nghi Hải", "UBND phường Nghi Hải", "xa", "NA.CL",
     "Phạm Văn Hải", "Chủ tịch", {0}},
    {"NA.CL.NTY", "Ủy ban nhân dân phường Nghi Thủy", "UBND phường Nghi Thủy", "xa", "NA.CL",
     "Hoàng Thị Nga", "Chủ tịch", {0}},
    {"NA.CL.NTN", "Ủy ban nhân dân phường Nghi Tân", "UBND phường Nghi Tân", "xa", "NA.CL",
     "Nguyễn Cảnh Toàn", "Chủ tịch", {0}},
    {"NA.CL.TTY", "Ủy ban nhân dân phường Thu Thủy", "UBND phường Thu Thủy", "xa", "NA.CL",
     "Võ Thị Hoa", "Chủ tịch", {0}},

    /* Quảng Trị: thành phố Đông Hà */
    {"QT", "Ủy ban nhân dân tỉnh Quảng Trị", "UBND tỉnh Quảng Trị", "tinh", NULL, "Võ Văn Hưng",
     "Chủ tịch", {0}},
    {"QT.DH", "Ủy ban nhân dân thành phố Đông Hà", "UBND thành phố Đông Hà", "huyen", "QT",
     "Hồ Sỹ Trung", "Chủ tịch", {"UBND TP Đông Hà"}},
    {"QT.DH.VP", "Văn phòng HĐND và UBND thành phố Đông Hà", "Văn phòng HĐND-UBND", "phong",
     "QT.DH", "Trần Thị Phương Thảo", "Chuyên viên", {0}},
    {"QT.DH.LDTBXH", "Phòng Lao động - Thương binh và Xã hội thành phố Đông Hà",
     "Phòng LĐ-TB&XH", "phong", "QT.DH", "Lê Thị Hương", "Trưởng phòng", {0}},
    {"QT.DH.GDDT", "Phòng Giáo dục và Đào tạo thành phố Đông Hà", "Phòng GD&ĐT", "phong",
     "QT.DH", "Nguyễn Văn Dũng", "Trưởng phòng", {0}},
    {"QT.DH.VHTT", "Phòng Văn hóa và Thông tin thành phố Đông Hà", "Phòng VH&TT", "phong",
     "QT.DH", "Phan Văn Thành", "Trưởng phòng", {0}},
    {"QT.DH.VHKHTT", "Phòng Văn hóa, Khoa học và Thông tin thành phố Đông Hà", "Phòng VH,KH&TT",
     "phong", "QT.DH", "Phan Văn Thành", "Trưởng phòng", {0}},
    {"QT.DH.TTVH", "Trung tâm Văn hóa thông tin - Thể dục thể thao thành phố Đông Hà",
     "Trung tâm VHTT-TDTT", "trung_tam", "QT.DH", "Hoàng Minh Đức", "Giám đốc", {0}},

    /* Bắc Kạn: thành phố Bắc Kạn */
    {"BK", "Ủy ban nhân dân tỉnh Bắc Kạn", "UBND tỉnh Bắc Kạn", "tinh", NULL, "Nguyễn Long Hải",
     "Chủ tịch", {0}},
    {"BK.TP", "Ủy ban nhân dân thành phố Bắc Kạn", "UBND thành phố Bắc Kạn", "huyen", "BK",
     "Dương Hữu Bường", "Chủ tịch", {"UBND TP Bắc Kạn"}},
    {"BK.TP.VP", "Văn phòng HĐND và UBND thành phố Bắc Kạn", "Văn phòng HĐND-UBND", "phong",
     "BK.TP", "Hoàng Thị Thu", "Chánh Văn phòng", {0}},
    {"BK.TP.KT", "Phòng Kinh tế thành phố Bắc Kạn", "Phòng Kinh tế", "phong", "BK.TP",
     "Nông Văn Toán", "Trưởng phòng", {0}},
    {"BK.TP.TCKH", "Phòng Tài chính - Kế hoạch thành phố Bắc Kạn", "Phòng TC-KH", "phong",
     "BK.TP", "Hà Thị Liên", "Trưởng phòng", {0}},
    {"BK.TP.QLDT", "Phòng Quản lý đô thị thành phố Bắc Kạn", "Phòng QLĐT", "phong", "BK.TP",
     "Ma Văn Tùng", "Trưởng phòng", {0}},
    {"BK.TP.GDDT", "Phòng Giáo dục và Đào tạo thành phố Bắc Kạn", "Phòng GD&ĐT", "phong",
     "BK.TP", "Triệu Thị Hạnh", "Trưởng phòng", {0}},
    {"BK.TP.LDTBXH", "Phòng Lao động - Thương binh và Xã hội thành phố Bắc Kạn",
     "Phòng LĐ-TB&XH", "phong", "BK.TP", "Lục Văn Kiên", "Trưởng phòng", {0}},
    {"BK.TP.CA", "Công an thành phố Bắc Kạn", "Công an thành phố", "khac", "BK.TP",
     "Hoàng Văn Quân", "Trưởng Công an", {0}},
    {"BK.TP.QS", "Ban Chỉ huy Quân sự thành phố Bắc Kạn", "Ban CHQS thành phố", "ban", "BK.TP",
     "Lý Văn Hùng", "Chỉ huy trưởng", {0}},
    {"BK.TP.XT", "Ủy ban nhân dân xã Xuất Hóa", "UBND xã Xuất Hóa", "xa", "BK.TP",
     "Lưu Văn Thắng", "Chủ tịch", {0}},
    {"BK.TP.DX", "Ủy ban nhân dân phường Đức Xuân", "UBND phường Đức Xuân", "xa", "BK.TP",
     "Nguyễn Thị Thanh", "Chủ tịch", {0}},

    /* Lạng Sơn: huyện Cao Lộc */
    {"LS", "Ủy ban nhân dân tỉnh Lạng Sơn", "UBND tỉnh Lạng Sơn", "tinh", NULL, "Hồ Tiến Thiệu",
     "Chủ tịch", {0}},
    {"LS.VP", "Văn phòng UBND tỉnh Lạng Sơn", "Văn phòng UBND tỉnh", "so", "LS",
     "Phạm Hùng Trường", "Chánh Văn phòng", {0}},
    {"LS.CL", "Ủy ban nhân dân huyện Cao Lộc", "UBND huyện Cao Lộc", "huyen", "LS",
     "Nguyễn Quốc Đoàn", "Chủ tịch", {0}},
    {"LS.CL.VP", "Văn phòng HĐND và UBND huyện Cao Lộc", "Văn phòng HĐND-UBND", "phong",
     "LS.CL", "Vy Văn Hùng", "Chánh Văn phòng", {0}},
    {"LS.CL.TCKH", "Phòng Tài chính - Kế hoạch huyện Cao Lộc", "Phòng TC-KH", "phong", "LS.CL",
     "Hoàng Thị Vân", "Trưởng phòng", {0}},
    {"LS.CL.NN", "Phòng Nông nghiệp và Phát triển nông thôn huyện Cao Lộc", "Phòng NN&PTNT",
     "phong", "LS.CL", "Lộc Văn Thành", "Trưởng phòng", {0}},
    {"LS.CL.TNMT", "Phòng Tài nguyên và Môi trường huyện Cao Lộc", "Phòng TN&MT", "phong",
     "LS.CL", "Lăng Văn Hòa", "Trưởng phòng", {0}},
    {"LS.CL.NV", "Phòng Nội vụ huyện Cao Lộc", "Phòng Nội vụ", "phong", "LS.CL",
     "Chu Thị Hồng", "Trưởng phòng", {0}},
    {"LS.CL.TP", "Phòng Tư pháp huyện Cao Lộc", "Phòng Tư pháp", "phong", "LS.CL",
     "Hoàng Văn Lâm", "Trưởng phòng", {0}},
    {"LS.CL.DD", "Ủy ban nhân dân thị trấn Đồng Đăng", "UBND thị trấn Đồng Đăng", "xa", "LS.CL",
     "Nông Văn Hưng", "Chủ tịch", {0}},

    /* Quảng Ninh: thành phố Móng Cái */
    {"QN", "Ủy ban nhân dân tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh", "tinh", NULL,
     "Nguyễn Tường Văn", "Chủ tịch", {0}},
    {"QN.MC", "Ủy ban nhân dân thành phố Móng Cái", "UBND thành phố Móng Cái", "huyen", "QN",
     "Hồ Quang Huy", "Chủ tịch", {"UBND TP Móng Cái"}},
    {"QN.MC.VP", "Văn phòng HĐND và UBND thành phố Móng Cái", "Văn phòng HĐND-UBND", "phong",
     "QN.MC", "Vũ Văn Hiếu", "Chánh Văn phòng", {0}},
    {"QN.MC.TCKH", "Phòng Tài chính - Kế hoạch thành phố Móng Cái", "Phòng TC-KH", "phong",
     "QN.MC", "Nguyễn Văn Khoa", "Trưởng phòng", {0}},
    {"QN.MC.KT", "Phòng Kinh tế thành phố Móng Cái", "Phòng Kinh tế", "phong", "QN.MC",
     "Lê Văn Đông", "Trưởng phòng", {0}},
    {"QN.MC.TNMT", "Phòng Tài nguyên và Môi trường thành phố Móng Cái", "Phòng TN&MT", "phong",
     "QN.MC", "Trần Văn Hải", "Trưởng phòng", {0}},
    {"QN.MC.QLDT", "Phòng Quản lý đô thị thành phố Móng Cái", "Phòng QLĐT", "phong", "QN.MC",
     "Đỗ Thị Nhung", "Trưởng phòng", {0}},
    {"QN.MC.NV", "Phòng Nội vụ thành phố Móng Cái", "Phòng Nội vụ", "phong", "QN.MC",
     "Phạm Thị Yến", "Trưởng phòng", {0}},
    {"QN.MC.GDDT", "Phòng Giáo dục và Đào tạo thành phố Móng Cái", "Phòng GD&ĐT", "phong",
     "QN.MC", "Ngô Văn Tùng", "Trưởng phòng", {0}},
    {"QN.MC.VHTT", "Phòng Văn hóa và Thông tin thành phố Móng Cái", "Phòng VH&TT", "phong",
     "QN.MC", "Hoàng Thị Ngọc", "Trưởng phòng", {0}},
    {"QN.MC.YT", "Trung tâm Y tế thành phố Móng Cái", "Trung tâm Y tế", "trung_tam", "QN.MC",
     "Lương Văn Định", "Giám đốc", {0}},
    {"QN.MC.QLDA", "Ban Quản lý dự án đầu tư xây dựng thành phố Móng Cái", "Ban QLDA", "ban",
     "QN.MC", "Bùi Văn Tiến", "Giám đốc", {0}},
    {"QN.MC.PTQD", "Trung tâm Phát triển quỹ đất thành phố Móng Cái", "Trung tâm PTQĐ",
     "trung_tam", "QN.MC", "Vi Văn Sáng", "Giám đốc", {0}},
    {"QN.MC.HH", "Ủy ban nhân dân phường Hòa Lạc", "UBND phường Hòa Lạc", "xa", "QN.MC",
     "Trần Thị Hà", "Chủ tịch", {0}},
    {"QN.MC.TX", "Ủy ban nhân dân phường Trần Phú", "UBND phường Trần Phú", "xa", "QN.MC",
     "Đinh Văn Lực", "Chủ tịch", {0}},
    {"QN.MC.HD", "Ủy ban nhân dân xã Hải Đông", "UBND xã Hải Đông", "xa", "QN.MC",
     "Chìu Văn Phát", "Chủ tịch", {0}},
};

/* People who chair meetings or assign work, beyond the heads of units. */
struct demo_person {
    const char *name, *title, *unit;
};
static const struct demo_person people[] = {
    {"Doãn Tiến Dũng", "Chủ tịch", "NA.CL"},
    {"Nguyễn Thị Thu Hường", "Phó Chủ tịch", "NA.CL"},
    {"Nguyễn Văn Hòa", "Chánh Văn phòng", "NA.CL.VP"},
    {"Nguyễn Tăng", "Phó Chủ tịch", "QT.DH"},
    {"Trần Thị Phương Thảo", "chuyên viên", "QT.DH.VP"},
    {"Dương Hữu Bường", "Chủ tịch", "BK.TP"},
    {"Phạm Hùng Trường", "Chánh Văn phòng", "LS.VP"},
    {"Nguyễn Quốc Đoàn", "Chủ tịch", "LS.CL"},
    {"Hồ Quang Huy", "Chủ tịch", "QN.MC"},
    {"Nguyễn Thu Hương", "Phó Chủ tịch", "QN.MC"},
};

/* ---- Meetings and their conclusion notices ---- */

struct demo_meeting {
    const char *kind, *title, *day, *host, *chair, *period_from, *period_to, *notes;
    const char *attending[12]; /* NULL-terminated: at most 11 */
    /* The conclusion notice, an outgoing TB of the host's register; NULL when none was issued. */
    const char *notice_no, *notice_day, *notice_subject;
};

enum {
    M_CL_JUL = 1, /* indexes + 1 into meetings[], so that 0 means "none" */
    M_CL_AUG,
    M_CL_TAX,
    M_CL_GPMB,
    M_CL_TOUR,
    M_CL_SCHOOL,
    M_CL_SEP,
    M_DH_VHXH,
    M_BK_SEP,
    M_LS_Q1,
    M_LS_INSPECT,
    M_CL_DISTRICT,
    M_MC_MAR,
};

static const struct demo_meeting meetings[] = {
    [M_CL_JUL - 1] = {"giao_ban", "Giao ban định kỳ tháng 7/2020", "2020-07-06", "NA.CL",
                      "Doãn Tiến Dũng", "2020-06-01", "2020-06-30",
                      "Đánh giá kết quả tháng 6, triển khai nhiệm vụ tháng 7.",
                      {"NA.CL.VP", "NA.CL.KT", "NA.CL.TCKH", "NA.CL.TNMT", "NA.CL.QLDT"},
                      "152/TB-UBND", "2020-07-08",
                      "Kết luận của Chủ tịch UBND thị xã tại phiên giao ban tháng 7/2020"},
    [M_CL_AUG - 1] = {"giao_ban", "Giao ban định kỳ tháng 8/2020", "2020-08-04", "NA.CL",
                      "Doãn Tiến Dũng", "2020-07-01", "2020-07-31",
                      "Đánh giá kết quả tháng 7, triển khai nhiệm vụ tháng 8.",
                      {"NA.CL.VP", "NA.CL.KT", "NA.CL.TCKH", "NA.CL.TNMT", "NA.CL.QLDT",
                       "NA.CL.GDDT", "NA.CL.VHTT", "NA.CL.NTH", "NA.CL.NHG"},
                      "180/TB-UBND", "2020-08-05",
                      "Kết luận của Chủ tịch UBND thị xã tại phiên giao ban tháng 8/2020"},
    [M_CL_TAX - 1] = {"lam_viec", "Làm việc với Chi cục Thuế về thu ngân sách 8 tháng", "2020-08-11",
                      "NA.CL", "Doãn Tiến Dũng", NULL, NULL,
                      "Rà soát công tác thu thuế 8 tháng đầu năm, nhiệm vụ 4 tháng cuối năm.",
                      {"NA.CL.CCT", "NA.CL.TCKH"},
                      "186/TB-UBND", "2020-08-12",
                      "Kết luận buổi làm việc với Chi cục Thuế và Ban chỉ đạo thu ngân sách"},
    [M_CL_GPMB - 1] = {"kiem_tra", "Kiểm tra tiến độ GPMB dự án đường số 4 và đường số 2",
                       "2020-08-17", "NA.CL", "Nguyễn Thị Thu Hường", NULL, NULL, NULL,
                       {"NA.CL.PTQD", "NA.CL.QLDA", "NA.CL.NHO", "NA.CL.NHA"},
                       "192/TB-UBND", "2020-08-18",
                       "Kết luận kiểm tra tiến độ bồi thường, giải phóng mặt bằng các dự án"},
    [M_CL_TOUR - 1] = {"lam_viec", "Làm việc về hoạt động du lịch hè 2020", "2020-08-21", "NA.CL",
                       "Nguyễn Thị Thu Hường", NULL, NULL, NULL,
                       {"NA.CL.VHTT", "NA.CL.KT", "NA.CL.TTY"},
                       "199/TB-UBND", "2020-08-24",
                       "Kết luận buổi làm việc về hoạt động du lịch và phòng dịch Covid-19"},
    [M_CL_SCHOOL - 1] = {"kiem_tra", "Kiểm tra công tác chuẩn bị năm học 2020 - 2021",
                         "2020-08-26", "NA.CL", "Doãn Tiến Dũng", NULL, NULL, NULL,
                         {"NA.CL.GDDT", "NA.CL.TCKH", "NA.CL.YT"},
                         "205/TB-UBND", "2020-08-28",
                         "Kết luận kiểm tra công tác chuẩn bị năm học mới"},
    [M_CL_SEP - 1] = {"giao_ban", "Giao ban định kỳ tháng 9/2020", "2020-09-07", "NA.CL",
                      "Doãn Tiến Dũng", "2020-08-01", "2020-08-31",
                      "Đánh giá kết quả hoạt động tháng 8, triển khai nhiệm vụ tháng 9. Dự có các "
                      "đồng chí Phó Chủ tịch, lãnh đạo phòng, ban, ngành và lãnh đạo 7 phường.",
                      {"NA.CL.VP", "NA.CL.KT", "NA.CL.TCKH", "NA.CL.TNMT", "NA.CL.QLDT",
                       "NA.CL.GDDT", "NA.CL.VHTT", "NA.CL.YT", "NA.CL.PTQD", "NA.CL.NTH"},
                      "214/TB-UBND", "2020-09-09",
                      "Kết luận của Chủ tịch UBND thị xã tại phiên giao ban tháng 9/2020"},
    [M_DH_VHXH - 1] = {"lam_viec",
                       "Làm việc với các cơ quan, đơn vị khối Văn hóa - Xã hội về triển khai "
                       "nhiệm vụ năm 2020",
                       "2020-02-24", "QT.DH", "Nguyễn Tăng", "2019-01-01", "2019-12-31",
                       "Đánh giá kết quả thực hiện nhiệm vụ năm 2019, triển khai kế hoạch năm "
                       "2020.",
                       {"QT.DH.LDTBXH", "QT.DH.GDDT", "QT.DH.VHTT", "QT.DH.TTVH"},
                       "45/TB-UBND", "2020-02-26",
                       "Kết luận của Phó Chủ tịch UBND thành phố Nguyễn Tăng tại buổi làm việc "
                       "với khối Văn hóa - Xã hội"},
    [M_BK_SEP - 1] = {"giao_ban", "Họp Ủy viên UBND thành phố tháng 9/2021", "2021-09-07",
                      "BK.TP", "Dương Hữu Bường", "2021-08-01", "2021-08-31",
                      "Đánh giá kết quả tháng 8; triển khai nhiệm vụ trọng tâm tháng 9/2021.",
                      {"BK.TP.VP", "BK.TP.KT", "BK.TP.TCKH", "BK.TP.QLDT", "BK.TP.GDDT",
                       "BK.TP.LDTBXH", "BK.TP.CA", "BK.TP.QS"},
                      "231/TB-UBND", "2021-09-09",
                      "Kết luận của Chủ tịch UBND thành phố tại phiên họp Ủy viên UBND tháng "
                      "9/2021"},
    [M_LS_Q1 - 1] = {"giao_ban", "Phiên họp thường kỳ UBND tỉnh tháng 1/2020", "2020-01-20", "LS",
                     "Hồ Tiến Thiệu", "2019-12-01", "2019-12-31", NULL,
                     {"LS.VP", "LS.CL"},
                     "18/TB-UBND", "2020-01-22",
                     "Kết luận của Chủ tịch UBND tỉnh tại phiên họp thường kỳ tháng 1/2020"},
    [M_LS_INSPECT - 1] = {"kiem_tra",
                          "Tổ công tác của Chủ tịch UBND tỉnh kiểm tra tình hình thực hiện nhiệm "
                          "vụ được giao tại huyện Cao Lộc",
                          "2020-06-19", "LS", "Phạm Hùng Trường", "2020-01-01", "2020-06-30",
                          "Kiểm tra việc thực hiện nhiệm vụ, kết luận, chỉ đạo của UBND tỉnh, "
                          "Chủ tịch, các Phó Chủ tịch UBND tỉnh giao 6 tháng đầu năm 2020.",
                          {"LS.VP", "LS.CL", "LS.CL.VP"},
                          "265/TB-UBND", "2020-06-24",
                          "Kết luận của Tổ trưởng Tổ công tác tại buổi kiểm tra huyện Cao Lộc"},
    [M_CL_DISTRICT - 1] = {"giao_ban", "Giao ban UBND huyện Cao Lộc quý I/2020", "2020-01-06",
                           "LS.CL", "Nguyễn Quốc Đoàn", "2019-10-01", "2019-12-31", NULL,
                           {"LS.CL.VP", "LS.CL.TCKH", "LS.CL.NN", "LS.CL.TNMT", "LS.CL.NV"},
                           "03/TB-UBND", "2020-01-08",
                           "Kết luận giao ban: các nhiệm vụ trọng tâm năm 2020 của huyện"},
    [M_MC_MAR - 1] = {"giao_ban", "Giao ban thường kỳ tháng 2/2021", "2021-03-03", "QN.MC",
                      "Hồ Quang Huy", "2021-02-01", "2021-02-28",
                      "Các xã, phường tham dự qua đường truyền trực tuyến.",
                      {"QN.MC.VP", "QN.MC.TCKH", "QN.MC.KT", "QN.MC.TNMT", "QN.MC.QLDT",
                       "QN.MC.NV", "QN.MC.GDDT", "QN.MC.VHTT", "QN.MC.YT", "QN.MC.HH"},
                      "62/TB-UBND", "2021-03-05",
                      "Kết luận của Chủ tịch UBND thành phố tại hội nghị giao ban tháng 2/2021"},
};

/* ---- Tasks and their histories ---- */

struct demo_event {
    enum task_event_kind kind;
    const char *day, *note, *percent, *new_deadline;
};

struct demo_task {
    int meeting;   /* M_*: the task is an item of that meeting's notice; 0: direct */
    const char *by; /* assigning unit when direct */
    const char *lead;
    const char *coord[3];
    const char *content;
    const char *assigned; /* NULL: the notice's date */
    const char *deadline, *deadline_time;
    bool key;
    const char *sector;
    const char *parent; /* the start of the content of the task this one splits (same table) */
    struct demo_event ev[6];
};

#define PROG(d, pct, note) {EV_PROGRESS, d, note, pct, NULL}
#define DONE(d, note) {EV_DONE_REPORT, d, note, NULL, NULL}
#define CONFIRM(d) {EV_DONE_CONFIRM, d, NULL, NULL, NULL}
#define REJECT(d, note) {EV_DONE_REJECT, d, note, NULL, NULL}
#define ASK(d, nd, note) {EV_EXT_REQUEST, d, note, NULL, nd}
#define APPROVE(d) {EV_EXT_APPROVE, d, NULL, NULL, NULL}
#define REFUSE(d, note) {EV_EXT_REFUSE, d, note, NULL, NULL}
#define CANCEL(d, note) {EV_CANCEL, d, note, NULL, NULL}

static const struct demo_task tasks[] = {
    /* Cửa Lò, notice of the July briefing: all settled before August ends. */
    {M_CL_JUL, NULL, "NA.CL.TNMT", {0}, "Xử lý dứt điểm các điểm tập kết rác thải tự phát dọc "
     "bãi biển trước cao điểm du lịch", NULL, "2020-07-20", NULL, false, "Môi trường", 0,
     {DONE("2020-07-17", "Đã thu gom, xử lý 12 điểm"), CONFIRM("2020-07-20")}},
    {M_CL_JUL, NULL, "NA.CL.KT", {"NA.CL.NTH"}, "Kiểm tra, xử lý tình trạng lấn chiếm vỉa hè, "
     "hành lang bãi biển", NULL, "2020-07-31", NULL, false, "Đô thị", 0,
     {PROG("2020-07-25", "60", "Đã kiểm tra 3 tuyến"), DONE("2020-08-06", "Đã xử lý 41 trường hợp"),
      CONFIRM("2020-08-10")}},
    {M_CL_JUL, NULL, "NA.CL.TCKH", {0}, "Báo cáo tình hình thu, chi ngân sách 6 tháng đầu năm",
     NULL, "2020-07-15", NULL, false, "Tài chính", 0,
     {DONE("2020-07-15", "Báo cáo số 88/BC-TCKH"), CONFIRM("2020-07-16")}},
    {M_CL_JUL, NULL, "NA.CL.QLDT", {0}, "Rà soát hệ thống điện chiếu sáng các tuyến đường ven "
     "biển", NULL, "2020-07-31", NULL, false, "Đô thị", 0,
     {DONE("2020-07-29", "Đã thay 64 bóng đèn hỏng"), CONFIRM("2020-07-31")}},

    /* Cửa Lò, notice 180 of the August briefing. */
    {M_CL_AUG, NULL, "NA.CL.QLDT", {"NA.CL.NTH", "NA.CL.NHG"}, "Hoàn thành chỉnh trang vỉa hè "
     "tuyến đường Bình Minh đoạn qua phường Nghi Thu, Nghi Hương", NULL, "2020-08-25", NULL,
     true, "Đô thị", 0, {PROG("2020-08-20", "70", "Đã hoàn thành 70% khối lượng")}},
    {M_CL_AUG, NULL, "NA.CL.TNMT", {0}, "Lập phương án thu gom, xử lý rác thải sinh hoạt tại các "
     "phường sau mùa du lịch", NULL, "2020-08-31", NULL, false, "Môi trường", 0, {{0}}},
    {M_CL_AUG, NULL, "NA.CL.KT", {"NA.CL.TCKH"}, "Tổng hợp thiệt hại do mưa lớn đầu tháng 8, đề "
     "xuất phương án hỗ trợ", NULL, "2020-08-15", NULL, false, "Nông nghiệp", 0,
     {DONE("2020-08-14", "Tờ trình số 97/TTr-KT"), CONFIRM("2020-08-17")}},
    {M_CL_AUG, NULL, "NA.CL.VP", {0}, "Đôn đốc các phòng, ban báo cáo kết quả thực hiện thông "
     "báo kết luận tháng 7", NULL, "2020-08-10", NULL, false, "Tổng hợp", 0,
     {DONE("2020-08-10", "Báo cáo tổng hợp"), CONFIRM("2020-08-11")}},
    {M_CL_AUG, NULL, "NA.CL.NHG", {0}, "Hoàn thành hồ sơ công nhận phường đạt chuẩn văn minh đô "
     "thị", NULL, "2020-08-31", NULL, false, "Văn hóa", 0,
     {ASK("2020-08-27", "2020-09-30", "Chờ kết quả thẩm định của Sở Xây dựng"),
      APPROVE("2020-08-29")}},

    /* Cửa Lò, notice 186: taxes and the budget. */
    {M_CL_TAX, NULL, "NA.CL.CCT", {"NA.CL.TCKH"}, "Rà soát, thu hồi nợ đọng thuế của các doanh "
     "nghiệp kinh doanh du lịch, dịch vụ", NULL, "2020-08-31", NULL, true, "Thuế", 0,
     {PROG("2020-08-25", "40", "Đã thu 3,2 tỷ đồng nợ đọng")}},
    {M_CL_TAX, NULL, "NA.CL.TCKH", {"NA.CL.CCT"}, "Xây dựng kịch bản thu ngân sách 4 tháng cuối "
     "năm, đề xuất giải pháp bù hụt thu", NULL, "2020-08-25", NULL, true, "Tài chính", 0,
     {DONE("2020-08-28", "Kế hoạch số 112/KH-TCKH"), CONFIRM("2020-09-01")}},
    {M_CL_TAX, NULL, "NA.CL.PTQD", {"NA.CL.TNMT"}, "Hoàn thiện hồ sơ đấu giá quyền sử dụng đất "
     "các lô đất ven đường Sào Nam", NULL, "2020-09-05", NULL, true, "Đất đai", 0,
     {ASK("2020-09-02", "2020-09-20", "Chờ phê duyệt giá khởi điểm"),
      REFUSE("2020-09-04", "Không có căn cứ gia hạn"), PROG("2020-09-04", "80", NULL)}},
    {M_CL_TAX, NULL, "NA.CL.NTN", {"NA.CL.CCT"}, "Rà soát hộ kinh doanh chưa kê khai thuế trên "
     "địa bàn phường", NULL, "2020-08-20", NULL, false, "Thuế", 0,
     {DONE("2020-08-19", "Đã rà soát 126 hộ"), CONFIRM("2020-08-21")}},

    /* Cửa Lò, notice 192: land clearance for roads 4 and 2. */
    {M_CL_GPMB, NULL, "NA.CL.PTQD", {"NA.CL.NHO"}, "Hoàn thành kiểm đếm, lập phương án bồi thường "
     "các hộ còn lại dự án đường số 4", NULL, "2020-08-31", NULL, true, "GPMB", 0,
     {PROG("2020-08-28", "75", "Còn 9 hộ chưa đồng ý kiểm đếm")}},
    {M_CL_GPMB, NULL, "NA.CL.NHA", {"NA.CL.PTQD"}, "Vận động các hộ dân bàn giao mặt bằng dự án "
     "đường số 2", NULL, "2020-09-01", NULL, true, "GPMB", 0, {{0}}},
    {M_CL_GPMB, NULL, "NA.CL.QLDA", {0}, "Lập kế hoạch thi công cuốn chiếu trên phần mặt bằng đã "
     "bàn giao", NULL, "2020-08-25", NULL, false, "Xây dựng", 0,
     {DONE("2020-08-24", "Kế hoạch thi công đã phê duyệt"), CONFIRM("2020-08-26")}},
    {M_CL_GPMB, NULL, "NA.CL.TNMT", {0}, "Xác định nguồn gốc đất các thửa còn vướng mắc dự án "
     "đường số 4", NULL, "2020-08-28", NULL, false, "Đất đai", 0,
     {DONE("2020-09-02", "Văn bản số 301/TNMT"), CONFIRM("2020-09-03")}},

    /* Cửa Lò, notice 199: tourism. */
    {M_CL_TOUR, NULL, "NA.CL.VHTT", {"NA.CL.KT"}, "Báo cáo đánh giá hoạt động du lịch hè 2020 "
     "trong điều kiện dịch Covid-19", NULL, "2020-09-03", NULL, false, "Du lịch", 0,
     {PROG("2020-09-01", "50", "Đang tổng hợp số liệu")}},
    {M_CL_TOUR, NULL, "NA.CL.TTY", {"NA.CL.YT"}, "Kiểm tra việc thực hiện các biện pháp phòng "
     "dịch tại các khách sạn, nhà nghỉ", NULL, "2020-08-30", NULL, false, "Y tế", 0,
     {DONE("2020-08-29", "Đã kiểm tra 58 cơ sở"), CONFIRM("2020-08-31")}},
    {M_CL_TOUR, NULL, "NA.CL.KT", {0}, "Đề xuất cơ chế hỗ trợ doanh nghiệp du lịch bị ảnh hưởng "
     "bởi dịch", NULL, "2020-09-15", NULL, false, "Du lịch", 0, {{0}}},

    /* Cửa Lò, notice 205: the new school year. */
    {M_CL_SCHOOL, NULL, "NA.CL.GDDT", {"NA.CL.TCKH"}, "Hoàn thành sửa chữa phòng học xuống cấp "
     "tại các trường mầm non", NULL, "2020-09-03", NULL, true, "Giáo dục", 0,
     {PROG("2020-09-02", "85", "Còn 2 phòng học chưa xong")}},
    {M_CL_SCHOOL, NULL, "NA.CL.YT", {"NA.CL.GDDT"}, "Kiểm tra an toàn thực phẩm bếp ăn bán trú "
     "các trường học", NULL, "2020-09-04", NULL, false, "Y tế", 0, {{0}}},
    {M_CL_SCHOOL, NULL, "NA.CL.TCKH", {0}, "Bố trí kinh phí mua sắm bàn ghế, thiết bị dạy học",
     NULL, "2020-09-01", NULL, false, "Tài chính", 0,
     {DONE("2020-09-01", NULL), REJECT("2020-09-02", "Chưa có quyết định phân bổ kinh phí")}},
    {M_CL_SCHOOL, NULL, "NA.CL.GDDT", {0}, "Xây dựng kế hoạch tổ chức năm học an toàn trong "
     "phòng chống dịch", NULL, "2020-09-10", NULL, false, "Giáo dục", 0,
     {DONE("2020-09-04", "Kế hoạch số 76/KH-GDĐT"), CONFIRM("2020-09-05")}},

    /* Cửa Lò, the conclusion of the 7 September 2020 briefing (the seed text). */
    {M_CL_SEP, NULL, "NA.CL.VP", {0}, "Các phòng, ban, đơn vị căn cứ vào chức năng, nhiệm vụ tập "
     "trung giải quyết những phần việc còn tồn đọng, vướng mắc, gắn với trách nhiệm của người "
     "đứng đầu", "2020-09-07", NULL, NULL, false, "Tổng hợp", 0, {{0}}},
    {M_CL_SEP, NULL, "NA.CL.KT", {"NA.CL.NTH", "NA.CL.NHO", "NA.CL.NHA"}, "Hoàn thành việc khai "
     "thông kênh mương, làm thủy lợi đề phòng, ứng phó trong mùa mưa bão", "2020-09-07",
     "2020-09-15", NULL, true, "Thủy lợi", 0,
     {PROG("2020-09-11", "60", "Đã nạo vét 4,5 km kênh"), DONE("2020-09-14", "Đã khai thông 7,2 km kênh mương"),
      CONFIRM("2020-09-16")}},
    {M_CL_SEP, NULL, "NA.CL.TCKH", {"NA.CL.CCT"}, "Tập trung thu thuế đảm bảo đúng kế hoạch",
     "2020-09-07", NULL, NULL, true, "Thuế", 0, {{0}}},
    {M_CL_SEP, NULL, "NA.CL.PTQD", {"NA.CL.QLDA"}, "Triển khai và xử lý tốt công tác bồi thường "
     "GPMB, tập trung giải quyết công việc tại dự án đường số 4, đường số 2", "2020-09-07", NULL,
     NULL, true, "GPMB", 0, {{0}}},
    {M_CL_SEP, NULL, "NA.CL.VHTT", {0}, "Chỉ đạo tổng kết năm du lịch và xây dựng kế hoạch năm "
     "2021, đặc biệt chú trọng các điểm đến", "2020-09-07", NULL, NULL, false, "Du lịch", 0,
     {{0}}},
    {M_CL_SEP, NULL, "NA.CL.YT", {0}, "Tiếp tục ứng phó với dịch Covid-19 trong tình hình mới",
     "2020-09-07", NULL, NULL, false, "Y tế", 0, {{0}}},
    {M_CL_SEP, NULL, "NA.CL.GDDT", {0}, "Rà soát lại hệ thống cơ sở vật chất các trường học để "
     "đảm bảo an toàn cho học sinh, chỉ đạo các trường ổn định tổ chức năm học ngay từ những "
     "ngày đầu, làm tốt công tác xã hội hoá, quan tâm hơn nữa đến các trường học mô hình",
     "2020-09-07", NULL, NULL, false, "Giáo dục", 0, {{0}}},

    /* Đông Hà, the working session with the culture and society units (24/02/2020). */
    {M_DH_VHXH, NULL, "QT.DH.LDTBXH", {0}, "Kịp thời triển khai có hiệu quả chương trình công tác "
     "năm 2020 của ngành lao động, thương binh và xã hội", NULL, "2020-12-31", NULL, false,
     "Xã hội", 0, {DONE("2020-12-28", "Báo cáo tổng kết năm 2020"), CONFIRM("2021-01-05")}},
    {M_DH_VHXH, NULL, "QT.DH.GDDT", {0}, "Rà soát, tham mưu UBND thành phố các giải pháp hoàn "
     "thành kế hoạch phát triển kinh tế - xã hội 5 năm 2015 - 2020 và chỉ tiêu Nghị quyết Đại hội "
     "Đảng bộ lần thứ XII thuộc ngành giáo dục", NULL, "2020-06-30", NULL, true, "Giáo dục", 0,
     {DONE("2020-06-26", "Tờ trình số 35/TTr-GDĐT"), CONFIRM("2020-06-30")}},
    {M_DH_VHXH, NULL, "QT.DH.VHTT", {0}, "Người đứng đầu thường xuyên bám sát, kiểm tra, đôn "
     "đốc quá trình xử lý chuyên môn nghiệp vụ của cán bộ, công chức, tránh để xảy ra sai sót",
     NULL, NULL, NULL, false, "Văn hóa", 0, {{0}}},
    {M_DH_VHXH, NULL, "QT.DH.TTVH", {"QT.DH.VP"}, "Đẩy nhanh tiến độ thực hiện các thủ tục để "
     "giải ngân vốn đầu tư đúng tiến độ", NULL, "2020-09-30", NULL, true, "Đầu tư", 0,
     {PROG("2020-07-15", "55", "Đã giải ngân 55% kế hoạch vốn"),
      ASK("2020-09-25", "2020-11-30", "Chờ quyết toán hạng mục sân vận động"),
      APPROVE("2020-09-28"), DONE("2020-11-27", "Giải ngân 100% kế hoạch vốn"),
      CONFIRM("2020-12-02")}},
    {M_DH_VHXH, NULL, "QT.DH.VHTT", {"QT.DH.TTVH"}, "Chuẩn bị các hoạt động kỷ niệm, tuyên "
     "truyền năm 2020", NULL, "2020-04-30", NULL, false, "Văn hóa", 0,
     {DONE("2020-04-28", "Kế hoạch tuyên truyền"), CONFIRM("2020-04-29")}},

    /* Bắc Kạn, the conclusion of the 7 September 2021 meeting. */
    {M_BK_SEP, NULL, "BK.TP.KT", {0}, "Nâng cao công tác khuyến cáo và hướng dẫn người dân về "
     "phòng, chống dịch bệnh đối với cây trồng, vật nuôi; hướng dẫn các hộ dân tái đàn vật nuôi",
     NULL, NULL, NULL, false, "Nông nghiệp", 0, {{0}}},
    {M_BK_SEP, NULL, "BK.TP.TCKH", {"BK.TP.LDTBXH"}, "Rà soát danh sách các hộ kinh doanh bị ảnh "
     "hưởng do dịch Covid-19 để triển khai hỗ trợ đầy đủ, đúng đối tượng", NULL, "2021-09-30",
     NULL, true, "Tài chính", 0,
     {DONE("2021-09-28", "Danh sách 214 hộ đủ điều kiện"), CONFIRM("2021-09-30")}},
    {M_BK_SEP, NULL, "BK.TP.QLDT", {0}, "Thực hiện tốt công tác quy hoạch chi tiết các khu đô "
     "thị, khu dân cư trên địa bàn theo đúng quy định", NULL, NULL, NULL, false, "Đô thị", 0,
     {{0}}},
    {M_BK_SEP, NULL, "BK.TP.QLDT", {"BK.TP.XT", "BK.TP.DX"}, "Tăng cường giám sát, đôn đốc UBND "
     "các xã, phường thực hiện giải tỏa hành lang, lòng, lề đường theo kế hoạch", NULL,
     "2021-10-31", NULL, false, "Đô thị", 0,
     {PROG("2021-10-15", "70", "Đã giải tỏa 5 tuyến"), DONE("2021-11-05", "Hoàn thành giải tỏa"),
      CONFIRM("2021-11-08")}},
    {M_BK_SEP, NULL, "BK.TP.TCKH", {"BK.TP.GDDT"}, "Rà soát nguồn kinh phí để cân đối bổ sung "
     "kinh phí mua sắm trang thiết bị dạy học phục vụ năm học 2021 - 2022", NULL, "2021-09-20",
     NULL, false, "Giáo dục", 0,
     {DONE("2021-09-17", "Quyết định bổ sung kinh phí"), CONFIRM("2021-09-20")}},
    {M_BK_SEP, NULL, "BK.TP.TCKH", {0}, "Chuẩn bị xây dựng dự toán ngân sách năm 2022 theo quy "
     "định", NULL, "2021-10-31", NULL, true, "Tài chính", 0,
     {DONE("2021-10-29", "Dự toán đã trình"), CONFIRM("2021-11-02")}},
    {M_BK_SEP, NULL, "BK.TP.LDTBXH", {"BK.TP.TCKH"}, "Rà soát toàn bộ đối tượng thuộc diện hỗ "
     "trợ của Nghị quyết số 68/NQ-CP và Quyết định số 23/2021/QĐ-TTg; lập danh sách, chi trả "
     "kinh phí hỗ trợ đầy đủ, kịp thời", NULL, "2021-09-30", NULL, true, "Xã hội", 0,
     {PROG("2021-09-20", "60", NULL), DONE("2021-10-08", "Đã chi trả cho 1.046 lao động"),
      CONFIRM("2021-10-11")}},
    {M_BK_SEP, NULL, "BK.TP.GDDT", {0}, "Thường xuyên phối hợp với các trường THCS Bắc Kạn, THCS "
     "Đức Xuân và THCS Huyền Tụng tháo gỡ khó khăn trong thời gian học ghép", NULL, NULL, NULL,
     false, "Giáo dục", 0, {{0}}},
    {M_BK_SEP, NULL, "BK.TP.CA", {0}, "Tăng cường đảm bảo an ninh chính trị, trật tự an toàn xã "
     "hội, phòng, chống tội phạm trên địa bàn", NULL, NULL, NULL, false, "An ninh", 0, {{0}}},
    {M_BK_SEP, NULL, "BK.TP.QS", {"BK.TP.CA", "BK.TP.VP"}, "Chuẩn bị các nhiệm vụ phục vụ diễn "
     "tập khu vực phòng thủ thành phố theo kế hoạch", NULL, "2021-10-20", "14:00", true,
     "Quốc phòng", 0, {DONE("2021-10-18", "Sẵn sàng diễn tập"), CONFIRM("2021-10-19")}},

    /* Cao Lộc: 13 tasks the province assigned in the first half of 2020. As of 19/6/2020:
     * 4 done before their deadline, 5 done late, 4 open in time (the seed's figures). */
    {M_LS_Q1, NULL, "LS.CL", {0}, "Xây dựng kế hoạch phát triển kinh tế cửa khẩu Đồng Đăng năm "
     "2020", NULL, "2020-02-28", NULL, true, "Kinh tế", 0,
     {DONE("2020-02-25", "Kế hoạch số 31/KH-UBND"), CONFIRM("2020-03-02")}},
    {M_LS_Q1, NULL, "LS.CL", {0}, "Rà soát, báo cáo tình hình giải ngân vốn đầu tư công quý I",
     NULL, "2020-04-10", NULL, false, "Đầu tư", 0,
     {DONE("2020-04-08", "Báo cáo số 102/BC-UBND"), CONFIRM("2020-04-13")}},
    {M_LS_Q1, NULL, "LS.CL", {0}, "Triển khai các biện pháp phòng, chống dịch tả lợn châu Phi",
     NULL, "2020-03-15", NULL, false, "Nông nghiệp", 0,
     {PROG("2020-03-10", "80", NULL), DONE("2020-03-12", "Đã tiêu hủy, khử trùng 14 ổ dịch"),
      CONFIRM("2020-03-16")}},
    {M_LS_Q1, NULL, "LS.CL", {0}, "Hoàn thành kiểm kê đất đai, lập bản đồ hiện trạng sử dụng "
     "đất", NULL, "2020-05-31", NULL, false, "Đất đai", 0,
     {DONE("2020-05-20", "Bộ hồ sơ kiểm kê"), CONFIRM("2020-05-27")}},
    {M_LS_Q1, NULL, "LS.CL", {0}, "Giải quyết dứt điểm đơn kiến nghị của công dân thôn Nà Cạn",
     NULL, "2020-02-15", NULL, false, "Khiếu nại, tố cáo", 0,
     {ASK("2020-02-20", "2020-03-15", "Cần thêm thời gian xác minh"),
      REFUSE("2020-02-24", "Quá hạn mới đề nghị gia hạn"),
      DONE("2020-03-06", "Quyết định giải quyết số 12/QĐ-UBND"), CONFIRM("2020-03-10")}},
    {M_LS_Q1, NULL, "LS.CL", {0}, "Báo cáo kết quả thực hiện Chỉ thị số 05 về tăng cường trách "
     "nhiệm người đứng đầu", NULL, "2020-03-31", NULL, false, "Tổng hợp", 0,
     {DONE("2020-04-07", "Báo cáo số 95/BC-UBND"), CONFIRM("2020-04-09")}},
    {M_LS_Q1, NULL, "LS.CL", {0}, "Hoàn thiện hồ sơ đề nghị công nhận xã Thụy Hùng đạt chuẩn "
     "nông thôn mới", NULL, "2020-04-30", NULL, true, "Nông thôn mới", 0,
     {PROG("2020-04-20", "70", NULL), DONE("2020-05-12", "Hồ sơ đã nộp Văn phòng điều phối"),
      CONFIRM("2020-05-15")}},
    {M_LS_Q1, NULL, "LS.CL", {0}, "Xử lý các vi phạm hành lang an toàn giao thông quốc lộ 1A",
     NULL, "2020-05-15", NULL, false, "Giao thông", 0,
     {DONE("2020-06-02", "Đã xử lý 23 trường hợp"), CONFIRM("2020-06-05")}},
    {0, "LS", "LS.CL", {0}, "Rà soát, sắp xếp các thôn, khối phố theo Nghị quyết của HĐND "
     "tỉnh", "2020-03-02", "2020-05-30", NULL, false, "Nội vụ", 0,
     {DONE("2020-06-10", "Đề án sắp xếp thôn"), CONFIRM("2020-06-15")}},
    {0, "LS", "LS.CL", {0}, "Đẩy nhanh tiến độ giải phóng mặt bằng khu công nghiệp Hồng Phong",
     "2020-04-06", "2020-07-31", NULL, true, "GPMB", 0,
     {PROG("2020-06-10", "65", "Đã bàn giao 42 ha")}},
    {0, "LS", "LS.CL", {0}, "Kiện toàn bộ phận tiếp nhận và trả kết quả \"một cửa\" cấp huyện",
     "2020-05-04", "2020-06-30", NULL, false, "Cải cách hành chính", 0, {{0}}},
    {0, "LS", "LS.CL", {0}, "Tổ chức Đại hội Đảng bộ các xã, thị trấn nhiệm kỳ 2020 - 2025",
     "2020-03-16", "2020-06-15", NULL, true, "Xây dựng Đảng", 0,
     {ASK("2020-06-08", "2020-07-15", "Theo lịch đại hội điểm của tỉnh"), APPROVE("2020-06-12")}},
    {0, "LS", "LS.CL", {0}, "Lập kế hoạch khắc phục hậu quả mưa đá, lốc xoáy tháng 5/2020",
     "2020-05-25", "2020-06-25", NULL, false, "Phòng chống thiên tai", 0,
     {PROG("2020-06-15", "50", "Đã hỗ trợ 230 hộ")}},

    /* Cao Lộc splits the national-border-gate task among its offices (giao tiếp). */
    {0, "LS.CL", "LS.CL.TCKH", {0}, "Xây dựng phương án thu ngân sách từ hoạt động cửa khẩu năm "
     "2020", "2020-02-03", "2020-02-20", NULL, false, "Tài chính", "Xây dựng kế hoạch phát triển kinh tế cửa khẩu",
     {DONE("2020-02-19", "Phương án số 08/PA-TCKH"), CONFIRM("2020-02-20")}},
    {0, "LS.CL", "LS.CL.DD", {"LS.CL.TNMT"}, "Rà soát quỹ đất phục vụ mở rộng khu kinh tế cửa "
     "khẩu", "2020-02-03", "2020-02-20", NULL, false, "Đất đai", "Xây dựng kế hoạch phát triển kinh tế cửa khẩu",
     {DONE("2020-02-21", "Báo cáo rà soát quỹ đất"), CONFIRM("2020-02-24")}},

    /* Cao Lộc's own key tasks of 2020 (the seed: 16, on track). */
    {M_CL_DISTRICT, NULL, "LS.CL.TCKH", {0}, "Phấn đấu thu ngân sách trên địa bàn vượt 10% dự "
     "toán tỉnh giao", NULL, "2020-12-31", NULL, true, "Tài chính", 0,
     {PROG("2020-06-10", "52", "Thu 6 tháng đạt 52% dự toán")}},
    {M_CL_DISTRICT, NULL, "LS.CL.NN", {0}, "Xây dựng 2 xã đạt chuẩn nông thôn mới", NULL,
     "2020-12-15", NULL, true, "Nông thôn mới", 0, {PROG("2020-06-12", "60", NULL)}},
    {M_CL_DISTRICT, NULL, "LS.CL.NN", {0}, "Trồng mới 800 ha rừng", NULL, "2020-09-30", NULL, true,
     "Lâm nghiệp", 0, {PROG("2020-06-01", "70", "Đã trồng 560 ha")}},
    {M_CL_DISTRICT, NULL, "LS.CL.TNMT", {0}, "Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho "
     "95% hộ đủ điều kiện", NULL, "2020-11-30", NULL, true, "Đất đai", 0, {{0}}},
    {M_CL_DISTRICT, NULL, "LS.CL.NV", {0}, "Sắp xếp tổ chức bộ máy các phòng chuyên môn theo "
     "Nghị định 108/2020", NULL, "2020-10-31", NULL, true, "Nội vụ", 0, {{0}}},
    {M_CL_DISTRICT, NULL, "LS.CL.TP", {0}, "Giải quyết 100% đơn thư khiếu nại, tố cáo thuộc "
     "thẩm quyền", NULL, NULL, NULL, true, "Khiếu nại, tố cáo", 0, {{0}}},
    {M_CL_DISTRICT, NULL, "LS.CL.VP", {0}, "Nâng tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng "
     "hạn lên 98%", NULL, "2020-12-31", NULL, true, "Cải cách hành chính", 0, {{0}}},
    {M_CL_DISTRICT, NULL, "LS.CL.DD", {0}, "Chỉnh trang đô thị thị trấn Đồng Đăng", NULL,
     "2020-08-31", NULL, true, "Đô thị", 0, {PROG("2020-06-05", "45", NULL)}},

    /* Móng Cái, the conclusion of the briefing of 3 March 2021. */
    {M_MC_MAR, NULL, "QN.MC.NV", {"QN.MC.HH", "QN.MC.TX", "QN.MC.HD"}, "Triển khai tổ chức thực "
     "hiện công tác bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 - "
     "2026 đúng quy định và tiến độ", NULL, "2021-05-23", NULL, true, "Bầu cử", 0,
     {PROG("2021-04-20", "80", "Đã lập danh sách cử tri"), DONE("2021-05-23", "Bầu cử thành công"),
      CONFIRM("2021-05-28")}},
    {M_MC_MAR, NULL, "QN.MC.PTQD", {"QN.MC.TNMT"}, "Đẩy mạnh giải phóng mặt bằng, tạo quỹ đất "
     "sạch, thực hiện đấu giá tạo nguồn thu cho các công trình trọng điểm", NULL, "2021-06-30",
     NULL, true, "GPMB", 0,
     {PROG("2021-05-15", "60", NULL), DONE("2021-07-12", "Đấu giá 46 lô đất"),
      CONFIRM("2021-07-16")}},
    {M_MC_MAR, NULL, "QN.MC.TNMT", {0}, "Giải quyết vướng mắc trong thực hiện đề án giao đất, "
     "giao rừng gắn với cho thuê đất, thuê rừng", NULL, "2021-09-30", NULL, false, "Đất đai", 0,
     {{0}}},
    {M_MC_MAR, NULL, "QN.MC.QLDA", {0}, "Hoàn thành các bước trình tự thủ tục để khởi công các "
     "dự án triển khai năm 2021", NULL, "2021-04-30", NULL, true, "Đầu tư", 0,
     {DONE("2021-04-28", "Đủ điều kiện khởi công 7 dự án"), CONFIRM("2021-05-04")}},
    {M_MC_MAR, NULL, "QN.MC.TCKH", {0}, "Tích hợp tổng điều tra kinh tế với rà soát ấn định "
     "doanh thu thuế", NULL, "2021-06-30", NULL, false, "Thuế", 0, {{0}}},
    {M_MC_MAR, NULL, "QN.MC.KT", {0}, "Tập trung sản xuất vụ Xuân, phòng chống dịch bệnh trên cây "
     "trồng, vật nuôi", NULL, "2021-04-15", NULL, false, "Nông nghiệp", 0,
     {DONE("2021-04-14", "Gieo trồng đạt 102% kế hoạch"), CONFIRM("2021-04-19")}},
    {M_MC_MAR, NULL, "QN.MC.YT", {0}, "Duy trì nghiêm quy trình cách ly tại các cơ sở cách ly "
     "tập trung; tăng cường xét nghiệm tự nguyện", NULL, NULL, NULL, false, "Y tế", 0, {{0}}},
    {M_MC_MAR, NULL, "QN.MC.GDDT", {"QN.MC.YT"}, "Đảm bảo tỷ lệ cao nhất học sinh tới trường gắn "
     "với phòng chống dịch Covid-19", NULL, NULL, NULL, false, "Giáo dục", 0, {{0}}},
    {M_MC_MAR, NULL, "QN.MC.VHTT", {0}, "Nâng cao chất lượng phong trào toàn dân đoàn kết xây "
     "dựng đời sống văn hóa; xây dựng các tuyến phố mẫu", NULL, "2021-12-31", NULL, false,
     "Văn hóa", 0, {{0}}},
    {M_MC_MAR, NULL, "QN.MC.VP", {0}, "Tăng cường kiểm tra đột xuất công vụ, xử lý nghiêm tập "
     "thể, cá nhân vi phạm kỷ luật, kỷ cương hành chính", NULL, NULL, NULL, false,
     "Cải cách hành chính", 0, {{0}}},
};

/* Conclusions of the inspection at Cao Lộc (19/6/2020), issued on 24/6: after the seed's
 * cut-off, so they do not change its figures. */
static const struct demo_task late_tasks[] = {
    {M_LS_INSPECT, NULL, "LS.CL", {0}, "Giải quyết dứt điểm các nội dung giao việc còn tồn tại, "
     "kịp thời báo cáo, đề xuất giải pháp tháo gỡ khó khăn, vướng mắc", NULL, "2020-07-31", NULL,
     true, "Tổng hợp", 0, {DONE("2020-07-29", "Báo cáo số 210/BC-UBND"), CONFIRM("2020-08-03")}},
    {M_LS_INSPECT, NULL, "LS.CL", {0}, "Đôn đốc, kiểm tra tiến độ nhiệm vụ trọng tâm, có lộ "
     "trình, thời gian, phân công rõ ràng", NULL, NULL, NULL, false, "Tổng hợp", 0, {{0}}},
    {M_LS_INSPECT, NULL, "LS.CL", {0}, "Bố trí hợp lý công chức tại bộ phận \"một cửa\", nâng cao "
     "chất lượng cải cách thủ tục hành chính", NULL, "2020-08-31", NULL, false,
     "Cải cách hành chính", 0, {DONE("2020-09-10", "Quyết định kiện toàn"), CONFIRM("2020-09-14")}},
};

/* ---- The August 2020 register of Cửa Lò: 354 received, 425 issued (5 of them the TB above) ---- */

static const char *const incoming_issuers[] = {
    "UBND tỉnh Nghệ An", "Sở Tài chính Nghệ An", "Sở Kế hoạch và Đầu tư Nghệ An",
    "Sở Tài nguyên và Môi trường Nghệ An", "Sở Văn hóa và Thể thao Nghệ An",
    "Sở Du lịch Nghệ An", "Sở Y tế Nghệ An", "Sở Giáo dục và Đào tạo Nghệ An",
    "Cục Thuế tỉnh Nghệ An", "Sở Xây dựng Nghệ An",
};
static const char *const incoming_subjects[] = {
    "V/v triển khai các biện pháp phòng, chống dịch Covid-19",
    "V/v báo cáo tình hình thực hiện kế hoạch đầu tư công",
    "V/v tăng cường công tác quản lý đất đai",
    "V/v tổ chức các hoạt động du lịch an toàn",
    "V/v chuẩn bị năm học mới 2020 - 2021",
    "V/v phòng, chống lụt bão năm 2020",
    "V/v đôn đốc thu ngân sách nhà nước",
    "V/v báo cáo công tác cải cách hành chính",
};
/* Issued in August besides the five notices: 420 in all. */
static const struct {
    const char *symbol, *subject;
    int count;
} outgoing_kinds[] = {
    {"QĐ-UBND", "Quyết định về việc phê duyệt, giao nhiệm vụ", 118},
    {"UBND-VP", "Công văn chỉ đạo, đôn đốc", 231},
    {"KH-UBND", "Kế hoạch triển khai nhiệm vụ", 17},
    {"BC-UBND", "Báo cáo kết quả thực hiện nhiệm vụ", 26},
    {"GM-UBND", "Giấy mời họp", 21},
    {"TTr-UBND", "Tờ trình đề nghị", 7},
};

/* ---- Walking the tables ---- */

static int add_units(struct app *ctx, struct error *e)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        const struct demo_unit *u = &units[i];
        const char *aliases[4] = {u->aliases[0], u->aliases[1], u->aliases[2], NULL};
        struct unit_input in = {.code = u->code,
                                .name = u->name,
                                .short_name = u->short_name,
                                .kind = u->kind,
                                .parent = u->parent,
                                .head_name = u->head_name,
                                .head_title = u->head_title,
                                .valid_from = "2015-01-01",
                                .aliases = aliases};
        int64_t id;
        int rc = app_unit_add(ctx, &in, &id, e);
        if (rc)
            return rc;
    }
    /* The 2025 reorganisation: culture and information merged into a wider office. Its
     * tasks still add up under the successor. */
    return app_unit_close(ctx, "QT.DH.VHTT", "2025-03-01", "QT.DH.VHKHTT", e);
}

static int add_people(struct app *ctx, struct error *e)
{
    for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
        struct person_input in = {people[i].name, people[i].title, people[i].unit};
        int64_t id;
        int rc = app_person_add(ctx, &in, &id, e);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

/* Meeting ids and their notices' ids (as text, the way app.h takes ids). */
struct made {
    char meeting[sizeof meetings / sizeof meetings[0]][24];
    char notice[sizeof meetings / sizeof meetings[0]][24];
};

static int add_meetings(struct app *ctx, struct made *made, struct error *e)
{
    for (size_t i = 0; i < sizeof meetings / sizeof meetings[0]; i++) {
        const struct demo_meeting *m = &meetings[i];
        struct meeting_input in = {.kind = m->kind,
                                   .title = m->title,
                                   .day = m->day,
                                   .host = m->host,
                                   .chair = m->chair,
                                   .period_from = m->period_from,
                                   .period_to = m->period_to,
                                   .notes = m->notes,
                                   .attending = (const char **)m->attending};
        int64_t id;
        int rc = app_meeting_add(ctx, &in, &id, e);
        if (rc)
            return rc;
        snprintf(made->meeting[i], sizeof made->meeting[i], "%lld", (long long)id);
        made->notice[i][0] = 0;
        if (!m->notice_no)
            continue;
        struct doc_input d = {.direction = "di",
                              .unit = m->host,
                              .number = m->notice_no,
                              .issuer = NULL,
                              .day = m->notice_day,
                              .subject = m->notice_subject,
                              .processed = m->notice_day,
                              .meeting = made->meeting[i]};
        if ((rc = app_doc_add(ctx, &d, &id, e)))
            return rc;
        snprintf(made->notice[i], sizeof made->notice[i], "%lld", (long long)id);
    }
    return ERR_OK;
}

static int add_tasks(struct app *ctx, const struct made *made, const struct demo_task *list,
                     size_t n, struct error *e)
{
    int64_t *ids = arena_alloc(ctx->a, (n + 1) * sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        const struct demo_task *t = &list[i];
        char parent[24] = "";
        for (size_t j = 0; t->parent && j < i; j++)
            if (strncmp(list[j].content, t->parent, strlen(t->parent)) == 0)
                snprintf(parent, sizeof parent, "%lld", (long long)ids[j]);
        const char *coord[4] = {t->coord[0], t->coord[1], t->coord[2], NULL};
        struct task_input in = {.content = t->content,
                                .lead = t->lead,
                                .assigner = t->by,
                                .coordinating = coord,
                                .assigned = t->assigned,
                                .deadline = t->deadline,
                                .deadline_time = t->deadline_time,
                                .parent = parent,
                                .sector = t->sector,
                                .key_task = t->key};
        if (t->meeting) {
            const char *notice = made->notice[t->meeting - 1];
            if (*notice)
                in.notice = notice;
            else
                in.meeting = made->meeting[t->meeting - 1];
        }
        int rc = app_task_add(ctx, &in, &ids[i], e);
        if (rc)
            return rc;
        for (const struct demo_event *ev = t->ev; ev < t->ev + 6 && ev->kind; ev++) {
            struct event_input ei = {.kind = ev->kind,
                                     .day = ev->day,
                                     .note = ev->note,
                                     .percent = ev->percent,
                                     .new_deadline = ev->new_deadline,
                                     .actor_unit = ev->kind == EV_DONE_CONFIRM ||
                                                           ev->kind == EV_DONE_REJECT ||
                                                           ev->kind == EV_EXT_APPROVE ||
                                                           ev->kind == EV_EXT_REFUSE
                                                       ? NULL
                                                       : t->lead};
            /* The unit reports and asks, the office decides: two people, as the duty rule of
             * app_task_event wants (the one who reports does not confirm). */
            const char *office = ctx->actor;
            if (ei.actor_unit)
                ctx->actor = arena_printf(ctx->a, "demo:%s", t->lead);
            int64_t evid;
            rc = app_task_event(ctx, ids[i], &ei, &evid, e);
            ctx->actor = office;
            if (rc)
                return rc;
        }
    }
    return ERR_OK;
}

static int add_register(struct app *ctx, struct error *e)
{
    char number[64], day[64], processed[64], subject[320];
    static const char *const handlers[] = {"NA.CL.VP",   "NA.CL.TCKH", "NA.CL.TNMT", "NA.CL.VHTT",
                                           "NA.CL.YT",   "NA.CL.GDDT", "NA.CL.KT",   "NA.CL.QLDT"};
    const size_t n_issuers = sizeof incoming_issuers / sizeof incoming_issuers[0];
    const size_t n_subjects = sizeof incoming_subjects / sizeof incoming_subjects[0];
    int rc;
    /* Received: 354 in August, numbered in the register's own sequence. */
    for (int i = 0; i < 354; i++) {
        int d = 1 + i * 31 / 354;
        snprintf(number, sizeof number, "%d/UBND-%s", 2100 + i * 7 % 900, i % 3 ? "VX" : "KT");
        snprintf(day, sizeof day, "2020-08-%02d", d);
        /* Processed three days after receipt. */
        if (d + 3 <= 31)
            snprintf(processed, sizeof processed, "2020-08-%02d", d + 3);
        else
            snprintf(processed, sizeof processed, "2020-09-%02d", d + 3 - 31);
        snprintf(subject, sizeof subject, "%s (văn bản đến số %d)",
                 incoming_subjects[i % n_subjects], 1801 + i);
        struct doc_input in = {.direction = "den",
                               .unit = "NA.CL",
                               .number = number,
                               .issuer = incoming_issuers[i % n_issuers],
                               .day = day,
                               .subject = subject,
                               .handler = handlers[i % 8],
                               .processed = processed};
        int64_t id;
        if ((rc = app_doc_add(ctx, &in, &id, e)))
            return rc;
    }
    /* Issued: 420 besides the five notices, numbered per symbol from where July ended. */
    int k = 0;
    for (size_t t = 0; t < sizeof outgoing_kinds / sizeof outgoing_kinds[0]; t++) {
        for (int i = 0; i < outgoing_kinds[t].count; i++, k++) {
            snprintf(number, sizeof number, "%d/%s", 1500 + i, outgoing_kinds[t].symbol);
            snprintf(day, sizeof day, "2020-08-%02d", 1 + k * 31 / 420);
            snprintf(subject, sizeof subject, "%s số %d", outgoing_kinds[t].subject, 1500 + i);
            struct doc_input in = {.direction = "di",
                                   .unit = "NA.CL",
                                   .number = number,
                                   .issuer = "UBND thị xã Cửa Lò",
                                   .day = day,
                                   .subject = subject,
                                   .processed = day};
            int64_t id;
            if ((rc = app_doc_add(ctx, &in, &id, e)))
                return rc;
        }
    }
    return ERR_OK;
}

/* One account per role, so that every screen of the web page can be tried. */
static const struct demo_account demo_accounts[] = {
    {"demo.admin", "admin", "NA", NULL},
    {"demo.lanhdao", "leader", "NA.CL", NULL},
    {"demo.vanphong", "office", "NA.CL", NULL},
    {"demo.kinhte", "unit", "NA.CL.KT", NULL},
    {"demo.xem", "viewer", "NA.CL", NULL},
    {"demo.caoloc", "leader", "LS.CL", NULL},
};

static int add_accounts(struct app *ctx, struct demo_account **out, size_t *n, struct error *e)
{
    const size_t count = sizeof demo_accounts / sizeof demo_accounts[0];
    struct demo_account *v = arena_alloc(ctx->a, count * sizeof *v);
    for (size_t i = 0; i < count; i++) {
        v[i] = demo_accounts[i];
        v[i].password = account_new_password(ctx->a);
        int64_t id;
        int rc = app_account_add(ctx, v[i].username, v[i].password, v[i].role, v[i].unit, &id, e);
        if (rc)
            return rc;
    }
    *out = v;
    *n = count;
    return ERR_OK;
}

int app_demo(struct app *ctx, bool replace, struct error *e)
{
    return app_demo_with_accounts(ctx, replace, NULL, NULL, e);
}

int app_demo_with_accounts(struct app *ctx, bool replace, struct demo_account **accounts,
                           size_t *n_accounts, struct error *e)
{
    bool empty;
    int rc = store_is_empty(ctx->s, &empty, e);
    if (rc)
        return rc;
    if (!empty && !replace)
        return error_set(e, ERR_CONFLICT, "replace",
                         "Cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu "
                         "trống (dùng --replace để xóa và nạp lại)");
    /* The demo's history runs to 2021; events may not be dated after "today", so a
     * clock set earlier (GIAOBAN_TODAY in tests) is moved past it while loading. */
    day_num saved_today = ctx->today;
    day_num floor;
    if ((rc = day_parse("2021-12-31", 0, &floor, "today", e)))
        return rc;
    if (ctx->today < floor)
        ctx->today = floor;
    struct made made;
    if ((rc = store_begin(ctx->s, e)))
        goto out;
    if ((!empty && (rc = store_wipe(ctx->s, e))) || (rc = add_units(ctx, e)) ||
        (rc = add_people(ctx, e)) || (rc = add_meetings(ctx, &made, e)) ||
        (rc = add_tasks(ctx, &made, tasks, sizeof tasks / sizeof tasks[0], e)) ||
        (rc = add_tasks(ctx, &made, late_tasks, sizeof late_tasks / sizeof late_tasks[0], e)) ||
        (rc = add_register(ctx, e))) {
        store_rollback(ctx->s);
        goto out;
    }
    /* Dossiers, petitions and indicators (app/demo_briefing.c). */
    if ((rc = app_demo_briefing(ctx, e))) {
        store_rollback(ctx->s);
        goto out;
    }
    /* Accounts only when someone will read their passwords. */
    if (accounts && (rc = add_accounts(ctx, accounts, n_accounts, e))) {
        store_rollback(ctx->s);
        goto out;
    }
    rc = store_commit(ctx->s, e);
out:
    ctx->today = saved_today;
    return rc;
}
