/*
 * bench/bench_gen.c - a large, realistic, deterministic dataset for the benchmarks.
 *
 *   build-bench/bench/bench_gen --db URL [--tasks N] [--seed S] [--docs-scale F]
 *                               [--dossiers N] [--replace]
 *
 * Owns the invented province "tỉnh Hồng Lam" and five years of its work
 * (2020-01-01 to 2024-12-31, "today" being 2024-12-31): 3,000 units (the
 * province UBND, 30 departments, 100 districts with 3 offices each, 2,569
 * communes of which some merged in 2020), their leaders, ~38,000 meetings
 * each with its conclusion notice, ~360,000 documents in the registers and
 * N tasks (1,000,000 by default) with their events: progress, extensions
 * asked, approved and refused (some asked late), completions reported,
 * confirmed and refused, pauses, returns, reopenings, cancellations; with
 * --dossiers, N dossiers of the one-stop desks (for the briefing report).
 *
 * Everything goes through store.h, so both backends get the same rows. The
 * task rows carry what the app would derive from their events: the events
 * are checked and applied with the same core functions as app/app_task.c
 * (task_flow_check, task_flow_apply, timeline_add; dl_min and open_until by
 * the rules of store_task_set_derived), and written by store_bulk_task /
 * store_bulk_event. The running totals are built once at the end with
 * store_agg_rebuild, as after any bulk load.
 *
 * Deterministic: one xorshift generator seeded by --seed drives every
 * choice, in one fixed order, so a seed names a dataset on either backend.
 * Prints the time of each phase and, last, "load_seconds=S" for bench/run.sh.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/status.h"
#include "core/task.h"
#include "core/timeline.h"
#include "store/store.h"
#include "text/normalize.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xalloc.h"

#define N_DEPTS 30
#define N_DISTRICTS 100
#define N_OFFICES 3 /* per district */
#define N_UNITS_TOTAL 3000
#define N_MERGED 40 /* communes merged into a neighbour on 2020-03-01 */
#define TASKS_PER_TX 250000
#define MAX_EVENTS 32
#define N_PROCEDURES 6

static const char *const dossier_procedures[N_PROCEDURES] = {
    "Cấp giấy chứng nhận quyền sử dụng đất", "Chứng thực bản sao từ bản chính",
    "Đăng ký khai sinh", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký hộ kinh doanh", "Xác nhận tình trạng hôn nhân"};

/* ---- randomness ---- */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
    /* xorshift64*: fast, and the same sequence on every machine. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

static int rnd(int n) /* 0 .. n-1 */
{
    return (int)((rnd64() >> 33) % (uint64_t)n);
}

static int rnd_between(int lo, int hi) /* lo .. hi */
{
    return lo + rnd(hi - lo + 1);
}

static double rnd_unit(void) /* [0, 1) */
{
    return (double)(rnd64() >> 11) / 9007199254740992.0;
}

static bool chance(double p)
{
    return rnd_unit() < p;
}

#define PICK(arr) (arr[rnd((int)(sizeof arr / sizeof arr[0]))])

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die_on(int rc, const struct error *e, const char *what)
{
    if (rc) {
        fprintf(stderr, "bench_gen: %s: %s (%s)\n", what, e->message, error_code_name(rc));
        exit(1);
    }
}

/* ---- words ---- */

static const char *const syllables[] = {
    "An",    "Bình",   "Cẩm",   "Diễn",  "Đông",   "Đức",   "Gia",    "Hà",     "Hải",
    "Hòa",   "Hưng",   "Hương", "Khánh", "Kim",    "Lạc",   "Lam",    "Long",   "Minh",
    "Nam",   "Nghĩa",  "Ngọc",  "Phú",   "Phúc",   "Quang", "Quỳnh",  "Sơn",    "Tân",
    "Thạch", "Thanh",  "Thái",  "Thịnh", "Thuận",  "Tiến",  "Trung",  "Trường", "Vĩnh",
    "Xuân",  "Yên",    "Hồng",  "Mỹ",    "Lộc",    "Khê",   "Châu",   "Định",   "Lợi",
    "Hợp",   "Cát",    "Kỳ",    "Liên",  "Nhân",   "Phong", "Quế",    "Tường",  "Văn",
};
static const char *const family[] = {"Nguyễn", "Trần", "Lê",   "Phạm", "Hoàng", "Phan", "Vũ",
                                     "Võ",     "Đặng", "Bùi",  "Đỗ",   "Hồ",    "Ngô",  "Dương",
                                     "Lý",     "Đinh", "Doãn", "Cao",  "Lương", "Hà"};
static const char *const middle[] = {"Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh",
                                     "Hữu", "Ngọc", "Xuân", "Công", "Đình", "Thu"};
static const char *const given[] = {"An",   "Bình",  "Cường", "Dũng", "Giang", "Hà",   "Hải",
                                    "Hùng", "Hương", "Khoa",  "Lan",  "Long",  "Mai",  "Nam",
                                    "Nga",  "Phong", "Quân",  "Sơn",  "Tâm",   "Thắng", "Thảo",
                                    "Trung", "Tuấn", "Việt",  "Vinh", "Yến",   "Hiếu", "Lộc"};

struct dept_def {
    const char *code, *name, *short_name, *kind;
};
static const struct dept_def depts[N_DEPTS] = {
    {"VP", "Văn phòng UBND tỉnh Hồng Lam", "VP UBND tỉnh", "van_phong"},
    {"SNV", "Sở Nội vụ", "SNV", "so"},
    {"STP", "Sở Tư pháp", "STP", "so"},
    {"SKHDT", "Sở Kế hoạch và Đầu tư", "Sở KH-ĐT", "so"},
    {"STC", "Sở Tài chính", "STC", "so"},
    {"SCT", "Sở Công Thương", "SCT", "so"},
    {"SNN", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN-PTNT", "so"},
    {"SGTVT", "Sở Giao thông vận tải", "Sở GTVT", "so"},
    {"SXD", "Sở Xây dựng", "SXD", "so"},
    {"STNMT", "Sở Tài nguyên và Môi trường", "Sở TN-MT", "so"},
    {"STTTT", "Sở Thông tin và Truyền thông", "Sở TT-TT", "so"},
    {"SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", "so"},
    {"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL", "so"},
    {"SKHCN", "Sở Khoa học và Công nghệ", "Sở KH-CN", "so"},
    {"SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD-ĐT", "so"},
    {"SYT", "Sở Y tế", "SYT", "so"},
    {"SNGV", "Sở Ngoại vụ", "SNgV", "so"},
    {"TTT", "Thanh tra tỉnh", "Thanh tra tỉnh", "khac"},
    {"BDT", "Ban Dân tộc", "Ban Dân tộc", "ban"},
    {"BQLKKT", "Ban Quản lý Khu kinh tế", "BQL KKT", "ban"},
    {"BQLDA", "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp",
     "BQLDA DD&CN", "ban"},
    {"TTPVHCC", "Trung tâm Phục vụ hành chính công", "TT PVHCC", "trung_tam"},
    {"TTXTDT", "Trung tâm Xúc tiến đầu tư, thương mại và du lịch", "TT XTĐT", "trung_tam"},
    {"CAT", "Công an tỉnh", "CA tỉnh", "khac"},
    {"BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "BCH QS tỉnh", "khac"},
    {"CTHUE", "Cục Thuế tỉnh", "Cục Thuế", "khac"},
    {"KBNN", "Kho bạc Nhà nước tỉnh", "KBNN tỉnh", "khac"},
    {"PTTH", "Đài Phát thanh và Truyền hình tỉnh", "Đài PT-TH", "khac"},
    {"QDTPT", "Quỹ Đầu tư phát triển tỉnh", "Quỹ ĐTPT", "khac"},
    {"BTDKT", "Ban Thi đua - Khen thưởng", "Ban TĐ-KT", "ban"},
};

struct office_def {
    const char *code, *name, *short_name, *kind;
};
static const struct office_def offices[N_OFFICES] = {
    {"VP", "Văn phòng HĐND và UBND", "VP HĐND-UBND", "van_phong"},
    {"TCKH", "Phòng Tài chính - Kế hoạch", "Phòng TC-KH", "phong"},
    {"TNMT", "Phòng Tài nguyên và Môi trường", "Phòng TN-MT", "phong"},
};

/* Task contents: %s is the place ("xã Hòa Sơn", "huyện Yên Thành"), %d the year. */
struct task_def {
    const char *fmt;
    const char *sector;
    bool has_year;
};
static const struct task_def task_defs[] = {
    {"Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm trên địa bàn %s", "Đầu tư",
     false},
    {"Đôn đốc giải ngân vốn đầu tư công năm %d tại %s", "Đầu tư", true},
    {"Hoàn thiện hồ sơ thủ tục đầu tư dự án khu dân cư mới tại %s", "Đầu tư", false},
    {"Rà soát, xử lý dứt điểm các trường hợp vi phạm đất đai tại %s", "Đất đai", false},
    {"Hoàn thành cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình tại %s",
     "Đất đai", false},
    {"Tổ chức nạo vét kênh mương, chuẩn bị nước phục vụ sản xuất vụ Hè Thu năm %d tại %s",
     "Nông nghiệp", true},
    {"Triển khai các biện pháp phòng, chống dịch tả lợn châu Phi trên địa bàn %s", "Nông nghiệp",
     false},
    {"Xây dựng kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm %d của %s", "Nông nghiệp",
     true},
    {"Hoàn thiện hồ sơ đề nghị xét, công nhận đạt chuẩn nông thôn mới của %s", "Nông thôn mới",
     false},
    {"Xử lý tình trạng đổ rác thải không đúng nơi quy định tại %s", "Môi trường", false},
    {"Kiểm tra, xử lý các cơ sở gây ô nhiễm môi trường trên địa bàn %s", "Môi trường", false},
    {"Tăng cường các biện pháp chống thất thu ngân sách nhà nước tại %s", "Tài chính", false},
    {"Rà soát, báo cáo tình hình nợ đọng xây dựng cơ bản của %s", "Tài chính", false},
    {"Chi trả kịp thời chế độ cho người có công và đối tượng bảo trợ xã hội tại %s",
     "Văn hóa - Xã hội", false},
    {"Chuẩn bị các điều kiện tổ chức kỳ thi tốt nghiệp THPT năm %d tại %s", "Giáo dục", true},
    {"Đẩy mạnh cải cách thủ tục hành chính, giải quyết hồ sơ đúng hạn tại bộ phận một cửa của %s",
     "Cải cách hành chính", false},
    {"Giải quyết dứt điểm đơn thư khiếu nại, tố cáo kéo dài tại %s", "Nội chính", false},
    {"Trả lời kiến nghị cử tri trước kỳ họp HĐND năm %d của %s", "Nội chính", true},
    {"Đảm bảo an ninh trật tự, an toàn giao thông dịp Tết Nguyên đán năm %d tại %s",
     "Nội chính", true},
    {"Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm %d của %s", "Tổng hợp",
     true},
    {"Kiểm tra, chấn chỉnh tình trạng lấn chiếm hành lang an toàn giao thông tại %s",
     "Giao thông", false},
    {"Sửa chữa, nâng cấp tuyến đường giao thông nông thôn bị hư hỏng tại %s", "Giao thông",
     false},
    {"Triển khai tiêm vắc xin phòng COVID-19 cho người dân trên địa bàn %s", "Y tế", false},
    {"Rà soát hộ nghèo, hộ cận nghèo năm %d trên địa bàn %s", "Văn hóa - Xã hội", true},
};

static const char *const progress_notes[] = {
    "Đang triển khai thực hiện", "Đã xây dựng kế hoạch, đang tổ chức thực hiện",
    "Đã hoàn thành khoảng một nửa khối lượng công việc", "Đang phối hợp với các đơn vị liên quan",
    "Đã tổ chức họp triển khai, phân công cán bộ phụ trách"};
static const char *const ext_reasons[] = {
    "Vướng mắc trong công tác giải phóng mặt bằng", "Chờ ý kiến thẩm định của Sở chuyên ngành",
    "Ảnh hưởng của mưa lũ kéo dài", "Khối lượng công việc lớn, cần thêm thời gian rà soát",
    "Chờ bố trí nguồn vốn"};
static const char *const refuse_reasons[] = {"Đề nghị tập trung hoàn thành đúng thời hạn đã giao",
                                             "Lý do gia hạn chưa thuyết phục"};
static const char *const reject_reasons[] = {"Hồ sơ kết quả chưa đầy đủ, đề nghị bổ sung",
                                             "Kết quả chưa đáp ứng yêu cầu của nhiệm vụ"};
static const char *const return_reasons[] = {"Nội dung không thuộc thẩm quyền của đơn vị",
                                             "Đề nghị giao cho đơn vị chuyên môn phù hợp"};
static const char *const cancel_reasons[] = {"Nhiệm vụ không còn phù hợp với tình hình thực tế",
                                             "Đã giao lại cho đơn vị khác thực hiện",
                                             "Gộp vào nhiệm vụ khác"};

/* ---- the unit tree ---- */

enum gkind { G_PROV, G_DEPT, G_DISTRICT, G_OFFICE, G_COMMUNE };

struct gunit {
    int64_t id;
    enum gkind kind;
    int parent;    /* index, -1 for the province */
    int district;  /* index of its district (itself for a district), -1 otherwise */
    int successor; /* index, -1 */
    day_num closed;
    char *name, *short_name, *place, *code;
    char *place_fold; /* text_fold(place), on first use */
    /* assigners (province, districts) only: */
    int64_t chair_id, vice_id[2];
    const char *chair_name;
    int *subs; /* subordinate unit indexes that receive tasks */
    int n_subs, n_subs_dept; /* for the province: departments first */
    int first_meeting, n_meetings;
};

struct gmeeting {
    int64_t id, notice_id;
    day_num day, notice_day;
    int host;
};

struct gen {
    struct store *s;
    struct arena a; /* names and strings living for the whole run */
    struct gunit *u;
    int n_units;
    int *assigners; /* province, then districts */
    int n_assigners;
    struct gmeeting *m;
    size_t n_meetings, cap_meetings;
    day_num first_day, last_day;
    double docs_scale;
    int64_t n_docs, n_events, n_coord;
    int64_t standing[8]; /* buckets as of the last day, for the printout */
    double t_task_rows, t_event_rows; /* seconds spent writing them */
    double t_indexes;                 /* building the task tables' indexes at the end */
};

static char *person_name(struct arena *a)
{
    return arena_printf(a, "%s %s %s", PICK(family), PICK(middle), PICK(given));
}

/* "HL.YENTHANH": the parent's code and the name without tone marks, upper case. */
static char *code_of(struct arena *a, const char *prefix, const char *name)
{
    char *f = text_fold_compact(a, name);
    for (char *p = f; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return arena_printf(a, "%s.%s", prefix, f);
}

static int add_unit(struct gen *g, int idx, const char *kind, struct error *e)
{
    struct gunit *x = &g->u[idx];
    struct unit_rec r = {.code = x->code, .name = x->name, .short_name = x->short_name,
                         .kind = kind, .parent_id = x->parent >= 0 ? g->u[x->parent].id : 0,
                         .head_name = person_name(&g->a),
                         .head_title = x->kind == G_PROV || x->kind == G_DISTRICT ||
                                               x->kind == G_COMMUNE
                                           ? "Chủ tịch"
                                       : x->kind == G_DEPT ? "Giám đốc"
                                                           : "Trưởng phòng",
                         .valid_from = day_from_ymd(2015, 1, 1), .valid_to = x->closed,
                         .successor_id = x->successor >= 0 ? g->u[x->successor].id : 0};
    return store_unit_insert(g->s, &r, &x->id, e);
}

/* The people who chair meetings and assign work in an assigning unit. */
static int add_leaders(struct gen *g, struct gunit *x, struct error *e)
{
    struct person_rec p = {.unit_id = x->id, .title = "Chủ tịch"};
    p.name = person_name(&g->a);
    x->chair_name = p.name;
    int rc = store_person_insert(g->s, &p, &x->chair_id, e);
    for (int i = 0; i < 2 && !rc; i++) {
        p.name = person_name(&g->a);
        p.title = "Phó Chủ tịch";
        rc = store_person_insert(g->s, &p, &x->vice_id[i], e);
    }
    if (!rc) {
        int64_t id;
        p.name = person_name(&g->a);
        p.title = "Chánh Văn phòng";
        rc = store_person_insert(g->s, &p, &id, e);
    }
    return rc;
}

static void make_units(struct gen *g, struct error *e)
{
    int n_communes = N_UNITS_TOTAL - 1 - N_DEPTS - N_DISTRICTS * (1 + N_OFFICES);
    g->u = xcalloc(N_UNITS_TOTAL, sizeof *g->u);
    g->assigners = xcalloc(1 + N_DISTRICTS, sizeof *g->assigners);
    int n = 0;
    struct gunit *p = &g->u[n];
    *p = (struct gunit){.kind = G_PROV, .parent = -1, .district = -1, .successor = -1,
                        .closed = DAY_NONE, .name = "Ủy ban nhân dân tỉnh Hồng Lam",
                        .short_name = "UBND tỉnh Hồng Lam", .place = "tỉnh Hồng Lam",
                        .code = "HL"};
    die_on(add_unit(g, n, "tinh", e), e, "unit");
    die_on(add_leaders(g, p, e), e, "person");
    g->assigners[g->n_assigners++] = n++;
    p->subs = xcalloc(N_DEPTS + N_DISTRICTS, sizeof *p->subs);

    for (int i = 0; i < N_DEPTS; i++, n++) {
        g->u[n] = (struct gunit){.kind = G_DEPT, .parent = 0, .district = -1, .successor = -1,
                                 .closed = DAY_NONE, .name = (char *)depts[i].name,
                                 .short_name = (char *)depts[i].short_name,
                                 .place = "tỉnh Hồng Lam",
                                 .code = arena_printf(&g->a, "HL.%s", depts[i].code)};
        die_on(add_unit(g, n, depts[i].kind, e), e, "unit");
        p->subs[p->n_subs++] = n;
    }
    p->n_subs_dept = p->n_subs;

    /* District names: two syllables, unique. */
    bool used[64][64] = {{false}};
    int n_syl = (int)(sizeof syllables / sizeof syllables[0]);
    int per_district = n_communes / N_DISTRICTS, extra = n_communes % N_DISTRICTS;
    int merged_left = N_MERGED;
    for (int d = 0; d < N_DISTRICTS; d++) {
        int s1, s2;
        do {
            s1 = rnd(n_syl);
            s2 = rnd(n_syl);
        } while (s1 == s2 || used[s1][s2]);
        used[s1][s2] = true;
        int r = rnd(100);
        const char *dk = r < 80 ? "huyện" : r < 92 ? "thị xã" : "thành phố";
        bool urban = r >= 80;
        char *dname = arena_printf(&g->a, "%s %s", syllables[s1], syllables[s2]);
        int di = n++;
        struct gunit *x = &g->u[di];
        *x = (struct gunit){.kind = G_DISTRICT, .parent = 0, .district = di, .successor = -1,
                            .closed = DAY_NONE,
                            .name = arena_printf(&g->a, "Ủy ban nhân dân %s %s", dk, dname),
                            .short_name = arena_printf(&g->a, "UBND %s %s", dk, dname),
                            .place = arena_printf(&g->a, "%s %s", dk, dname)};
        x->code = code_of(&g->a, "HL", dname);
        die_on(add_unit(g, di, "huyen", e), e, "unit");
        die_on(add_leaders(g, x, e), e, "person");
        g->assigners[g->n_assigners++] = di;
        p->subs[p->n_subs++] = di;
        int n_comm = per_district + (d < extra ? 1 : 0);
        x->subs = xcalloc((size_t)(N_OFFICES + n_comm), sizeof *x->subs);
        for (int o = 0; o < N_OFFICES; o++, n++) {
            g->u[n] = (struct gunit){
                .kind = G_OFFICE, .parent = di, .district = di, .successor = -1,
                .closed = DAY_NONE,
                .name = arena_printf(&g->a, "%s %s %s", offices[o].name, dk, dname),
                .short_name = (char *)offices[o].short_name, .place = x->place,
                .code = arena_printf(&g->a, "%s.%s", x->code, offices[o].code)};
            die_on(add_unit(g, n, offices[o].kind, e), e, "unit");
            x->subs[x->n_subs++] = n;
        }
        bool cused[64][64] = {{false}};
        for (int c = 0; c < n_comm; c++, n++) {
            do {
                s1 = rnd(n_syl);
                s2 = rnd(n_syl);
            } while (s1 == s2 || cused[s1][s2]);
            cused[s1][s2] = true;
            const char *ck = c == 0 && !urban ? "thị trấn" : urban && rnd(10) < 7 ? "phường" : "xã";
            char *cname = arena_printf(&g->a, "%s %s", syllables[s1], syllables[s2]);
            struct gunit *y = &g->u[n];
            *y = (struct gunit){.kind = G_COMMUNE, .parent = di, .district = di, .successor = -1,
                                .closed = DAY_NONE,
                                .name = arena_printf(&g->a, "Ủy ban nhân dân %s %s", ck, cname),
                                .short_name = arena_printf(&g->a, "UBND %s %s", ck, cname),
                                .place = arena_printf(&g->a, "%s %s", ck, cname)};
            y->code = code_of(&g->a, x->code, cname);
            /* Some communes merged into their neighbour (the one before) in 2020. */
            if (c >= 2 && merged_left > 0 && rnd(N_DISTRICTS * per_district) < N_MERGED) {
                y->successor = n - 1;
                y->closed = day_from_ymd(2020, 3, 1);
                merged_left--;
            }
            die_on(add_unit(g, n, "xa", e), e, "unit");
            x->subs[x->n_subs++] = n;
        }
    }
    g->n_units = n;
}

/* ---- meetings, notices and the registers ---- */

static bool working_day(day_num d)
{
    int w = (int)(((d % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday: 0 = Monday */
    return w < 5;
}

static day_num working_on_or_after(day_num d)
{
    while (!working_day(d))
        d++;
    return d;
}

static day_num random_working_day(day_num from, day_num to)
{
    day_num d = from + rnd(to - from + 1);
    while (!working_day(d))
        d = d > from ? d - 1 : from + rnd(to - from + 1);
    return d;
}

struct outdoc {
    day_num day;
    int type; /* index into out_types */
    int meeting; /* index into g->m, -1 */
};

static const struct {
    const char *type, *symbol;
    int weight;
} out_types[] = {
    {"TB", "TB-UBND", 0}, /* notices: one per meeting, never drawn */
    {"CV", "UBND-VP", 55}, {"QĐ", "QĐ-UBND", 15}, {"KH", "KH-UBND", 6}, {"BC", "BC-UBND", 12},
    {"TTr", "TTr-UBND", 4}, {"GM", "GM-UBND", 6}, {"CT", "CT-UBND", 2},
};
#define N_OUT_TYPES ((int)(sizeof out_types / sizeof out_types[0]))

static int cmp_outdoc(const void *a, const void *b)
{
    const struct outdoc *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return (x->meeting > y->meeting) - (x->meeting < y->meeting);
}

static const char *const in_issuers_prov[][2] = {
    {"Văn phòng Chính phủ", "VPCP-KTTH"}, {"Bộ Tài chính", "BTC-NSNN"},
    {"Bộ Kế hoạch và Đầu tư", "BKHĐT-TH"}, {"Bộ Nội vụ", "BNV-CCVC"},
    {"Bộ Nông nghiệp và Phát triển nông thôn", "BNN-KH"}, {"Tỉnh ủy Hồng Lam", "TU-VP"},
};
static const char *const in_issuers_dist[][2] = {
    {"UBND tỉnh Hồng Lam", "UBND-TH"}, {"Sở Tài chính", "STC-QLNS"},
    {"Sở Kế hoạch và Đầu tư", "SKHĐT-TH"}, {"Sở Xây dựng", "SXD-QLXD"},
    {"Sở Tài nguyên và Môi trường", "STNMT-QLĐĐ"}, {"Huyện ủy", "HU-VP"},
};
static const char *const doc_subjects[] = {
    "V/v triển khai thực hiện nhiệm vụ phát triển kinh tế - xã hội",
    "V/v báo cáo tình hình giải ngân vốn đầu tư công",
    "V/v tăng cường công tác phòng, chống thiên tai",
    "V/v rà soát, tổng hợp kiến nghị cử tri",
    "V/v đôn đốc thực hiện các nhiệm vụ được giao tại thông báo kết luận",
    "V/v chuẩn bị nội dung phục vụ kỳ họp HĐND",
    "V/v tổ chức hội nghị sơ kết công tác cải cách hành chính",
    "V/v phê duyệt kế hoạch lựa chọn nhà thầu",
};

static const char *const meeting_kinds[] = {"giao_ban", "lam_viec", "kiem_tra"};

static int add_meeting(struct gen *g, int ai, const char *kind, day_num day, struct error *e)
{
    struct gunit *h = &g->u[ai];
    int64_t att[6];
    size_t n_att = 0;
    int k = rnd_between(2, 5);
    for (int i = 0; i < k && h->n_subs; i++) {
        int64_t id = g->u[h->subs[rnd(h->n_subs)]].id;
        bool dup = false;
        for (size_t j = 0; j < n_att; j++)
            dup |= att[j] == id;
        if (!dup)
            att[n_att++] = id;
    }
    int y, mo, dd;
    day_to_ymd(day, &y, &mo, &dd);
    struct meeting_rec m = {.kind = kind, .day = day, .chair_id = h->chair_id,
                            .chair_name = h->chair_name, .host_unit_id = h->id,
                            .period_from = DAY_NONE, .period_to = DAY_NONE,
                            .attending = att, .n_attending = n_att};
    struct arena a = ARENA_INIT;
    if (strcmp(kind, "giao_ban") == 0) {
        int pm = mo == 1 ? 12 : mo - 1, py = mo == 1 ? y - 1 : y;
        m.title = arena_printf(&a, "Họp giao ban tháng %d/%d, triển khai nhiệm vụ tháng %d/%d",
                               pm, py, mo, y);
        m.period_from = day_from_ymd(py, pm, 1);
        m.period_to = day_last_of_month(py, pm);
    } else if (strcmp(kind, "lam_viec") == 0) {
        m.title = arena_printf(&a, "Làm việc với %s về tiến độ thực hiện nhiệm vụ",
                               n_att ? g->u[h->subs[rnd(h->n_subs)]].short_name : "các đơn vị");
    } else {
        m.title = arena_printf(&a, "Kiểm tra của Tổ công tác của Chủ tịch %s", h->short_name);
    }
    g->m = xgrow(g->m, &g->cap_meetings, g->n_meetings + 1, sizeof *g->m);
    struct gmeeting *gm = &g->m[g->n_meetings++];
    *gm = (struct gmeeting){.day = day, .host = ai,
                            .notice_day = working_on_or_after(day + rnd_between(1, 4))};
    int rc = store_meeting_insert(g->s, &m, &gm->id, e);
    arena_release(&a);
    return rc;
}

/* Meetings and the register (notices among the outgoing documents) of one assigner. */
static void make_register(struct gen *g, int ai, struct error *e)
{
    struct gunit *h = &g->u[ai];
    bool prov = h->kind == G_PROV;
    h->first_meeting = (int)g->n_meetings;
    int y0, m0, d0, y1, m1, d1;
    day_to_ymd(g->first_day, &y0, &m0, &d0);
    day_to_ymd(g->last_day, &y1, &m1, &d1);
    struct outdoc *out = NULL;
    size_t n_out = 0, cap_out = 0;
    int counters[N_OUT_TYPES] = {0};
    int year = y0;
    char num[64];
    for (int y = y0, mo = m0; y < y1 || (y == y1 && mo <= m1); mo == 12 ? (y++, mo = 1) : mo++) {
        day_num first = day_from_ymd(y, mo, 1), last = day_last_of_month(y, mo);
        if (y != year) {
            memset(counters, 0, sizeof counters);
            year = y;
        }
        size_t m_first = g->n_meetings;
        die_on(add_meeting(g, ai, "giao_ban", working_on_or_after(first + rnd_between(2, 8)), e),
               e, "meeting");
        int n_more = prov ? rnd_between(25, 35) : rnd_between(4, 7);
        for (int i = 0; i < n_more; i++)
            die_on(add_meeting(g, ai, meeting_kinds[1 + (rnd(5) == 0)],
                               random_working_day(first, last), e),
                   e, "meeting");
        /* The outgoing documents of the month: one notice per meeting, then the rest. */
        n_out = 0;
        for (size_t i = m_first; i < g->n_meetings; i++) {
            if (g->m[i].notice_day > g->last_day)
                g->m[i].notice_day = g->last_day;
            out = xgrow(out, &cap_out, n_out + 1, sizeof *out);
            out[n_out++] = (struct outdoc){.day = g->m[i].notice_day, .type = 0,
                                           .meeting = (int)i};
        }
        int n_other = (int)((prov ? 150 : 20) * g->docs_scale * (0.7 + 0.6 * rnd_unit()));
        for (int i = 0; i < n_other; i++) {
            int w = rnd(100), t = 1;
            while (t < N_OUT_TYPES - 1 && w >= out_types[t].weight)
                w -= out_types[t++].weight;
            out = xgrow(out, &cap_out, n_out + 1, sizeof *out);
            out[n_out++] = (struct outdoc){.day = random_working_day(first, last), .type = t,
                                           .meeting = -1};
        }
        qsort(out, n_out, sizeof *out, cmp_outdoc);
        for (size_t i = 0; i < n_out; i++) {
            int t = out[i].type;
            int64_t id;
            day_num oday = out[i].day;
            int oy, om, od;
            day_to_ymd(oday, &oy, &om, &od);
            if (oy != year) {
                /* a notice of December's last meeting issued in January */
                memset(counters, 0, sizeof counters);
                year = oy;
            }
            struct doc_rec d = {.direction = DOC_OUT, .unit_id = h->id, .num = ++counters[t],
                                .symbol = out_types[t].symbol, .type = out_types[t].type,
                                .issuer = h->short_name, .day = oday,
                                .handle_deadline = DAY_NONE, .processed_day = DAY_NONE};
            snprintf(num, sizeof num, "%d/%s", d.num, d.symbol);
            d.number = num;
            char subj[300];
            if (t == 0) {
                struct gmeeting *gm = &g->m[out[i].meeting];
                char dv[16];
                snprintf(subj, sizeof subj,
                         "Kết luận của Chủ tịch %s tại cuộc họp ngày %s", h->short_name,
                         day_format_vn(gm->day, dv));
                d.meeting_id = gm->id;
            } else {
                snprintf(subj, sizeof subj, "%s", PICK(doc_subjects));
            }
            d.subject = subj;
            die_on(store_doc_insert(g->s, &d, &id, e), e, "document");
            if (t == 0)
                g->m[out[i].meeting].notice_id = id;
            g->n_docs++;
        }
        /* Incoming documents, handled by a subordinate unit. */
        int n_in = (int)((prov ? 200 : 30) * g->docs_scale * (0.7 + 0.6 * rnd_unit()));
        for (int i = 0; i < n_in; i++) {
            const char *const *iss = prov ? in_issuers_prov[rnd(6)] : in_issuers_dist[rnd(6)];
            int64_t id;
            snprintf(num, sizeof num, "%d/%s", rnd_between(1, 3000), iss[1]);
            day_num day = random_working_day(first, last);
            struct doc_rec d = {.direction = DOC_IN, .unit_id = h->id, .number = num,
                                .symbol = iss[1], .type = "CV", .issuer = iss[0], .day = day,
                                .subject = PICK(doc_subjects),
                                .handler_unit_id = g->u[h->subs[rnd(h->n_subs)]].id,
                                .handle_deadline = chance(0.4) ? day + rnd_between(5, 20)
                                                               : DAY_NONE,
                                .processed_day = DAY_NONE};
            day_num pd = day + rnd_between(0, 12);
            if (chance(0.93) && pd <= g->last_day)
                d.processed_day = pd;
            die_on(store_doc_insert(g->s, &d, &id, e), e, "document");
            g->n_docs++;
        }
    }
    h->n_meetings = (int)g->n_meetings - h->first_meeting;
    free(out);
}

/* ---- tasks ---- */

struct header {
    day_num assigned;
    int32_t assigner; /* unit index */
    int32_t meeting;  /* g->m index, -1 */
    uint8_t source;
};

static int cmp_header(const void *a, const void *b)
{
    const struct header *x = a, *y = b;
    if (x->assigned != y->assigned)
        return x->assigned < y->assigned ? -1 : 1;
    if (x->meeting != y->meeting)
        return x->meeting < y->meeting ? -1 : 1;
    return (x->assigner > y->assigner) - (x->assigner < y->assigner);
}

/* What app_task_event would check and store, event by event (see app/app_task.c). */
struct derive {
    struct task_flow flow;
    struct timeline tl;
    day_num dl_min, open_until, last_day;
    bool has_deadline;
};

struct plan {
    struct event_rec ev[MAX_EVENTS];
    char recorded[MAX_EVENTS][24];
    size_t n;
    bool stopped; /* an event fell after the last day: the story ends there */
    struct derive d;
    day_num today;
    int64_t lead_id, assigner_id;
    const char *lead_name, *assigner_name;
};

static void plan_init(struct plan *p, const struct task_rec *t, day_num today)
{
    p->n = 0;
    p->stopped = false;
    p->today = today;
    task_flow_init(&p->d.flow);
    p->d.tl.assigned = t->assigned;
    p->d.tl.deadline = t->deadline;
    p->d.tl.n_marks = 0;
    p->d.dl_min = t->deadline;
    p->d.open_until = DAY_NONE;
    p->d.last_day = t->assigned;
    p->d.has_deadline = t->deadline != DAY_NONE;
}

/* Add an event on `day` (moved up to the last one's day); false once the story has ended. */
static bool ev_add(struct plan *p, enum task_event_kind kind, day_num day, const char *note,
                   int percent, day_num new_deadline)
{
    if (p->stopped)
        return false;
    if (day < p->d.last_day)
        day = p->d.last_day;
    if (day > p->today || p->n == MAX_EVENTS) {
        p->stopped = true;
        return false;
    }
    struct error e = {0};
    if (task_flow_check(&p->d.flow, kind, p->d.has_deadline, &e)) {
        fprintf(stderr, "bench_gen: BUG: generated %s refused: %s\n", task_event_name(kind),
                e.message);
        abort();
    }
    bool by_lead = kind == EV_PROGRESS || kind == EV_EXT_REQUEST || kind == EV_DONE_REPORT ||
                   kind == EV_RETURN;
    struct event_rec *ev = &p->ev[p->n];
    *ev = (struct event_rec){.kind = kind, .day = day, .note = note, .percent = percent,
                             .new_deadline = new_deadline,
                             .actor_unit_id = by_lead ? p->lead_id : p->assigner_id,
                             .actor = by_lead ? p->lead_name : p->assigner_name};
    if (kind == EV_EXT_REQUEST) {
        struct task_dates now;
        timeline_dates_at(&p->d.tl, day, &now, NULL);
        ev->late_request = day > now.deadline;
    }
    char iso[16];
    snprintf(p->recorded[p->n], sizeof p->recorded[p->n], "%sT%02d:%02d:00Z",
             day_format_iso(day, iso), rnd_between(1, 9), rnd(60));
    ev->recorded_at = p->recorded[p->n];
    p->n++;
    /* app_task.c, derived_apply */
    task_flow_apply(&p->d.flow, kind, new_deadline);
    if (timeline_kind_matters(kind) &&
        timeline_add(&p->d.tl, kind, day, kind == EV_EXT_APPROVE ? new_deadline : DAY_NONE, &e)) {
        fprintf(stderr, "bench_gen: BUG: timeline full\n");
        abort();
    }
    if (kind == EV_EXT_APPROVE && new_deadline != DAY_NONE &&
        (p->d.dl_min == DAY_NONE || new_deadline < p->d.dl_min))
        p->d.dl_min = new_deadline;
    if (kind == EV_DONE_CONFIRM || kind == EV_CANCEL)
        p->d.open_until = day;
    else if (kind == EV_REOPEN)
        p->d.open_until = DAY_NONE;
    p->d.last_day = day;
    return true;
}

/* Report done on `day`, then confirmed (or refused once, then done again). */
static void ev_done(struct plan *p, day_num day)
{
    if (!ev_add(p, EV_DONE_REPORT, day, "Đã hoàn thành, có báo cáo kết quả kèm theo", -1,
                DAY_NONE))
        return;
    if (chance(0.04)) {
        if (!ev_add(p, EV_DONE_REJECT, day + rnd_between(1, 5), PICK(reject_reasons), -1,
                    DAY_NONE))
            return;
        if (!ev_add(p, EV_DONE_REPORT, p->d.last_day + rnd_between(3, 15),
                    "Đã bổ sung hồ sơ, hoàn thành nhiệm vụ", -1, DAY_NONE))
            return;
    }
    int r = rnd(10);
    int lag = r < 3 ? 0 : r < 8 ? rnd_between(1, 3) : rnd_between(4, 10);
    ev_add(p, EV_DONE_CONFIRM, p->d.last_day + lag, NULL, -1, DAY_NONE);
}

static void ev_progress(struct plan *p, day_num from, day_num to, int k)
{
    for (int i = 0; i < k && to > from; i++) {
        day_num d = from + 1 + rnd(to - from);
        ev_add(p, EV_PROGRESS, d, PICK(progress_notes), (i + 1) * 100 / (k + 2), DAY_NONE);
    }
}

/* The year-end review (20 December) on or after `d`. */
static day_num review_day(day_num d)
{
    int y, m, dd;
    day_to_ymd(d, &y, &m, &dd);
    day_num r = day_from_ymd(y, 12, 20);
    return r >= d ? r : day_from_ymd(y + 1, 12, 20);
}

/* The story of one task, in the shares a province sees (DOMAIN.md, the seeds' figures). */
static void simulate(struct plan *p, const struct task_rec *t)
{
    day_num a = t->assigned;
    if (t->deadline == DAY_NONE) {
        /* Ongoing work: progress now and then; some declared done after months. */
        ev_progress(p, a, a + rnd_between(20, 200), rnd_between(0, 2));
        double r = rnd_unit();
        if (r < 0.75)
            ev_done(p, a + rnd_between(30, 400));
        else if (r < 0.85)
            ev_add(p, EV_CANCEL, review_day(a + 180), "Rà soát cuối năm: không còn phù hợp", -1,
                   DAY_NONE);
        return;
    }
    day_num dl = t->deadline;
    if (chance(0.01)) {
        /* Returned as outside the unit's remit: cancelled and given elsewhere, or insisted on. */
        ev_add(p, EV_RETURN, a + rnd_between(1, 7), PICK(return_reasons), -1, DAY_NONE);
        if (chance(0.6)) {
            ev_add(p, EV_CANCEL, p->d.last_day + rnd_between(3, 20), PICK(cancel_reasons), -1,
                   DAY_NONE);
            return;
        }
        ev_add(p, EV_REOPEN, p->d.last_day + rnd_between(3, 15), "Đề nghị đơn vị tiếp tục thực hiện",
               -1, DAY_NONE);
    }
    if (chance(0.02)) {
        ev_progress(p, a, a + 10, rnd(2));
        ev_add(p, EV_CANCEL, a + rnd_between(5, 60), PICK(cancel_reasons), -1, DAY_NONE);
        return;
    }
    if (chance(0.005)) {
        ev_add(p, EV_PAUSE, a + rnd_between(5, 20), "Tạm dừng chờ chủ trương của cấp trên", -1,
               DAY_NONE);
        ev_add(p, EV_REOPEN, p->d.last_day + rnd_between(10, 60), "Tiếp tục thực hiện", -1,
               DAY_NONE);
    }
    static const int n_progress[] = {0, 0, 1, 1, 2};
    ev_progress(p, a, a + (dl - a) / 2, PICK(n_progress));
    if (chance(0.15)) {
        /* An extension asked near the deadline, or (one in five) after it had passed. */
        day_num q = chance(0.2) ? dl + rnd_between(1, 10) : dl - rnd_between(0, 5);
        day_num want = dl + rnd_between(10, 45);
        if (ev_add(p, EV_EXT_REQUEST, q, PICK(ext_reasons), -1, want)) {
            if (chance(0.7)) {
                if (ev_add(p, EV_EXT_APPROVE, p->d.last_day + rnd_between(1, 5), NULL, -1, want))
                    dl = want;
            } else {
                ev_add(p, EV_EXT_REFUSE, p->d.last_day + rnd_between(1, 5),
                       PICK(refuse_reasons), -1, want);
            }
        }
    }
    if (p->d.flow.state != STATE_NOT_STARTED && p->d.flow.state != STATE_IN_PROGRESS)
        return;
    double r = rnd_unit();
    if (r < 0.015)
        return; /* never done: overdue for good */
    if (r < 0.025) {
        /* struck off at the year-end review of overdue items */
        ev_add(p, EV_CANCEL, review_day(dl + 30), "Rà soát cuối năm: nhiệm vụ không còn phù hợp",
               -1, DAY_NONE);
        return;
    }
    day_num report;
    if (r < 0.05) {
        report = dl + rnd_between(60, 365); /* long overdue, done at last */
    } else if (r < 0.22) {
        report = dl + 1 + (day_num)(-20.0 * log(1.0 - rnd_unit())); /* late */
    } else if (chance(0.15)) {
        report = dl; /* on the deadline day */
    } else {
        report = a + (day_num)((dl - a) * (0.35 + 0.65 * rnd_unit()));
        if (report >= dl)
            report = dl - 1 >= a ? dl - 1 : a;
    }
    if (report < p->d.last_day)
        report = p->d.last_day;
    ev_done(p, report);
    if (p->d.flow.state == STATE_DONE && chance(0.005)) {
        ev_add(p, EV_REOPEN, p->d.last_day + rnd_between(5, 30),
               "Kết quả chưa đạt yêu cầu, đề nghị tiếp tục thực hiện", -1, DAY_NONE);
        ev_done(p, p->d.last_day + rnd_between(5, 30));
    }
}

static int pick_lead(struct gen *g, const struct gunit *h, day_num day)
{
    int i;
    if (h->kind == G_PROV)
        i = chance(0.7) ? h->subs[rnd(h->n_subs_dept)]
                        : h->subs[h->n_subs_dept + rnd(h->n_subs - h->n_subs_dept)];
    else
        i = chance(0.25) ? h->subs[rnd(N_OFFICES)]
                         : h->subs[N_OFFICES + rnd(h->n_subs - N_OFFICES)];
    while (g->u[i].closed != DAY_NONE && g->u[i].closed <= day)
        i = g->u[i].successor;
    return i;
}

static int deadline_span(void)
{
    static const int spans[] = {7, 10, 15, 15, 20, 30, 30, 30, 45, 60, 90};
    return PICK(spans);
}

static void make_tasks(struct gen *g, size_t n_tasks, struct error *e)
{
    struct header *hs = xmalloc(n_tasks * sizeof *hs);
    int n_days = g->last_day - g->first_day + 1;
    for (size_t i = 0; i < n_tasks; i++) {
        /* One task in ten is the province's own; the rest are the districts'. */
        int ai = chance(0.10) ? g->assigners[0] : g->assigners[1 + rnd(g->n_assigners - 1)];
        struct gunit *h = &g->u[ai];
        struct header *x = &hs[i];
        x->assigner = ai;
        x->meeting = -1;
        double r = rnd_unit();
        if (r < 0.62 && h->n_meetings) {
            x->source = SOURCE_NOTICE;
            x->meeting = h->first_meeting + rnd(h->n_meetings);
            x->assigned = g->m[x->meeting].notice_day;
        } else if (r < 0.67 && h->n_meetings) {
            x->source = SOURCE_MEETING;
            x->meeting = h->first_meeting + rnd(h->n_meetings);
            x->assigned = g->m[x->meeting].day;
        } else {
            x->source = SOURCE_DIRECT;
            x->assigned = random_working_day(g->first_day, g->first_day + n_days - 1);
        }
    }
    qsort(hs, n_tasks, sizeof *hs, cmp_header);

    struct plan *p = xmalloc(sizeof *p);
    struct buf content = BUF_INIT(TASK_CONTENT_MAX), fold = BUF_INIT(TASK_CONTENT_MAX);
    struct buf tl = BUF_INIT(BUF_NO_LIMIT);
    size_t n_defs = sizeof task_defs / sizeof task_defs[0];
    char **prefix_fold = xcalloc(n_defs * 8, sizeof *prefix_fold); /* per format and year */
    double t0 = now_seconds();
    /* As any bulk load: the indexes are built once at the end, not kept up row by row. */
    die_on(store_bulk_begin(g->s, e), e, "bulk begin");
    die_on(store_begin(g->s, e), e, "begin");
    for (size_t i = 0; i < n_tasks; i++) {
        struct header *x = &hs[i];
        struct gunit *h = &g->u[x->assigner];
        int li = pick_lead(g, h, x->assigned);
        struct gunit *l = &g->u[li];
        const struct task_def *def = &task_defs[rnd((int)n_defs)];
        int y, mo, dd;
        day_to_ymd(x->assigned, &y, &mo, &dd);
        buf_reset(&content);
        if (def->has_year)
            buf_addf(&content, def->fmt, y, l->place);
        else
            buf_addf(&content, def->fmt, l->place);
        /* The search key, from keys folded once: text_fold() keeps words and joins them with
         * one space, so the key of "<prefix> <place>" is key(prefix) + " " + key(place). Every
         * format ends with " %s"; the first tasks are checked against text_fold itself. */
        int yi = def->has_year ? y - 2020 : 0;
        char **pk = &prefix_fold[(size_t)(def - task_defs) * 8 + (size_t)yi];
        if (!*pk) {
            struct buf pre = BUF_INIT(TASK_CONTENT_MAX);
            if (def->has_year)
                buf_addf(&pre, def->fmt, y, "");
            else
                buf_addf(&pre, def->fmt, "");
            *pk = text_fold(&g->a, pre.data);
            buf_release(&pre);
        }
        if (!l->place_fold)
            l->place_fold = text_fold(&g->a, l->place);
        buf_reset(&fold);
        buf_addf(&fold, "%s %s", *pk, l->place_fold);
        if (i < 2000) {
            struct arena ca = ARENA_INIT;
            if (strcmp(text_fold(&ca, content.data), fold.data) != 0) {
                fprintf(stderr, "bench_gen: BUG: composed search key differs for '%s'\n",
                        content.data);
                abort();
            }
            arena_release(&ca);
        }
        struct task_bulk b = {.dl_min = DAY_NONE, .content_fold = fold.data};
        struct task_rec *t = &b.t;
        t->content = content.data;
        t->source = (enum task_source)x->source;
        t->assigner_unit_id = h->id;
        t->assigner_person_id = chance(0.5) ? h->chair_id : h->vice_id[rnd(2)];
        t->lead_unit_id = l->id;
        t->assigned = x->assigned;
        t->deadline_minute = -1;
        if (x->meeting >= 0) {
            t->meeting_id = g->m[x->meeting].id;
            if (x->source == SOURCE_NOTICE)
                t->notice_id = g->m[x->meeting].notice_id;
        }
        if (chance(0.08)) {
            t->deadline = DAY_NONE; /* thường xuyên */
        } else {
            t->deadline = x->assigned + deadline_span();
            if (chance(0.03))
                t->deadline_minute = 14 * 60;
        }
        t->key_task = chance(0.10);
        t->sector = def->sector;
        int64_t coord[2];
        if (chance(0.2)) {
            for (int k = rnd_between(1, 2); k > 0; k--) {
                int ci = h->subs[rnd(h->n_subs)];
                if (g->u[ci].closed != DAY_NONE && g->u[ci].closed <= x->assigned)
                    continue;
                int64_t cid = g->u[ci].id;
                if (cid != l->id && (t->n_coordinating == 0 || coord[0] != cid))
                    coord[t->n_coordinating++] = cid;
            }
        }
        t->coordinating = coord;
        g->n_coord += (int64_t)t->n_coordinating;

        plan_init(p, t, g->last_day);
        p->lead_id = l->id;
        p->lead_name = l->short_name;
        p->assigner_id = h->id;
        p->assigner_name = h->short_name;
        simulate(p, t);

        buf_reset(&tl);
        timeline_encode(&p->d.tl, &tl);
        t->state = p->d.flow.state;
        t->timeline = tl.data;
        t->version = 1 + (int64_t)p->n;
        b.dl_min = p->d.dl_min;
        b.open_until = p->d.open_until;
        char created[24], iso[16];
        snprintf(created, sizeof created, "%sT02:00:00Z", day_format_iso(t->assigned, iso));
        b.created_at = created;
        b.updated_at = p->n ? p->recorded[p->n - 1] : created;
        int64_t id;
        double w0 = now_seconds();
        die_on(store_bulk_task(g->s, &b, &id, e), e, "task");
        double w1 = now_seconds();
        for (size_t k = 0; k < p->n; k++) {
            p->ev[k].task_id = id;
            die_on(store_bulk_event(g->s, &p->ev[k], e), e, "event");
        }
        g->t_task_rows += w1 - w0;
        g->t_event_rows += now_seconds() - w1;
        g->n_events += (int64_t)p->n;

        struct task_standing st;
        struct task_counts c;
        timeline_counts_at(&p->d.tl, g->last_day, STATUS_SOON_DAYS_DEFAULT, &c, &st);
        g->standing[st.bucket]++;

        if ((i + 1) % TASKS_PER_TX == 0) {
            die_on(store_commit(g->s, e), e, "commit");
            die_on(store_begin(g->s, e), e, "begin");
            if ((i + 1) % 200000 == 0)
                fprintf(stderr, "bench_gen: %zu tasks, %.1f s\n", i + 1, now_seconds() - t0);
        }
    }
    die_on(store_commit(g->s, e), e, "commit");
    double t1 = now_seconds();
    die_on(store_bulk_end(g->s, e), e, "bulk end");
    g->t_indexes = now_seconds() - t1;
    buf_release(&content);
    buf_release(&fold);
    buf_release(&tl);
    free(prefix_fold);
    free(p);
    free(hs);
}

/*
 * Dossiers of the one-stop desks, spread over the units and the five years: due 5 to 19
 * days after receipt, returned within 0 to 21 days, one in ten never returned (real desks
 * have fewer; the briefing's tallies are asked the harder question). Written without their
 * running totals, which are rebuilt once at the end, as after any bulk load.
 */
static void make_dossiers(struct gen *g, size_t n, struct error *e)
{
    int span = (int)(g->last_day - g->first_day + 1);
    die_on(store_begin(g->s, e), e, "begin");
    char code[32];
    for (size_t i = 1; i <= n; i++) {
        struct gunit *u = &g->u[rnd(g->n_units)];
        day_num received = g->first_day + (day_num)rnd(span);
        snprintf(code, sizeof code, "HS-%zu", i);
        struct dossier_rec d = {.unit_id = u->id, .code = code,
                                .procedure = dossier_procedures[rnd(N_PROCEDURES)],
                                .received = received,
                                .due = received + 5 + (day_num)rnd(15),
                                .returned = rnd(10) == 0 ? DAY_NONE
                                                         : received + (day_num)rnd(22)};
        if (d.returned != DAY_NONE && d.returned > g->last_day)
            d.returned = DAY_NONE;
        die_on(store_bulk_dossier(g->s, &d, e), e, "dossier");
        if (i % 250000 == 0) {
            die_on(store_commit(g->s, e), e, "commit");
            die_on(store_begin(g->s, e), e, "begin");
        }
    }
    die_on(store_commit(g->s, e), e, "commit");
    die_on(store_dossier_totals_rebuild(g->s, e), e, "dossier totals");
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_gen --db URL [--tasks N] [--seed S] [--docs-scale F] "
                    "[--dossiers N] [--replace]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *url = NULL;
    size_t n_tasks = 1000000;
    uint64_t seed = 20200619;
    double docs_scale = 0.5;
    bool replace = false;
    size_t n_dossiers = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strcmp(argv[i], "--tasks") == 0 && i + 1 < argc)
            n_tasks = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--docs-scale") == 0 && i + 1 < argc)
            docs_scale = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--dossiers") == 0 && i + 1 < argc)
            n_dossiers = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--replace") == 0)
            replace = true;
        else
            usage();
    }
    if (!url || n_tasks == 0)
        usage();
    rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;

    struct error e = {0};
    struct gen g = {.first_day = day_from_ymd(2020, 1, 1),
                    .last_day = day_from_ymd(2024, 12, 31),
                    .docs_scale = docs_scale};
    /* A loader's one connection: the whole file mapped, and a large page cache, so that
     * building each index reads the tasks without copying every page (SQLite). */
    store_set_memory_per_connection((size_t)2048 << 20, true);
    die_on(store_open(url, &g.s, &e), &e, "open");
    bool empty;
    die_on(store_is_empty(g.s, &empty, &e), &e, "open");
    if (!empty) {
        if (!replace) {
            fprintf(stderr, "bench_gen: %s is not empty (use --replace)\n", url);
            return 1;
        }
        die_on(store_wipe(g.s, &e), &e, "wipe");
    }
    double t0 = now_seconds();
    die_on(store_begin(g.s, &e), &e, "begin");
    make_units(&g, &e);
    for (int i = 0; i < g.n_assigners; i++)
        make_register(&g, g.assigners[i], &e);
    die_on(store_commit(g.s, &e), &e, "commit");
    double t1 = now_seconds();
    fprintf(stderr, "bench_gen: %d units, %zu meetings, %lld documents: %.1f s\n", g.n_units,
            g.n_meetings, (long long)g.n_docs, t1 - t0);
    make_tasks(&g, n_tasks, &e);
    double t2 = now_seconds();
    fprintf(stderr,
            "bench_gen: %zu tasks, %lld events, %lld coordinating units: %.1f s (writing tasks"
            " %.1f s, events %.1f s, indexes %.1f s)\n",
            n_tasks, (long long)g.n_events, (long long)g.n_coord, t2 - t1, g.t_task_rows,
            g.t_event_rows, g.t_indexes);
    die_on(store_agg_rebuild(g.s, STATUS_SOON_DAYS_DEFAULT, &e), &e, "agg rebuild");
    double t3 = now_seconds();
    fprintf(stderr, "bench_gen: running totals rebuilt: %.1f s\n", t3 - t2);

    printf("units=%d meetings=%zu documents=%lld tasks=%zu events=%lld\n", g.n_units,
           g.n_meetings, (long long)g.n_docs, n_tasks, (long long)g.n_events);
    printf("as of 2024-12-31:");
    for (int b = 0; b < 8; b++)
        printf(" %s %.1f%%;", task_bucket_label((enum task_bucket)b),
               100.0 * (double)g.standing[b] / (double)n_tasks);
    printf("\nphases: units+meetings+documents %.1f s, tasks+events %.1f s, totals %.1f s\n",
           t1 - t0, t2 - t1, t3 - t2);
    struct timespec cpu;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    printf("load_seconds=%.1f\n", t3 - t0);
    if (n_dossiers) {
        /* After everything else, so that a seed gives the same tasks with or without them. */
        make_dossiers(&g, n_dossiers, &e);
        double t4 = now_seconds();
        printf("dossiers=%zu dossier_seconds=%.1f\n", n_dossiers, t4 - t3);
    }
    printf("cpu_seconds=%.1f (this process only: on PostgreSQL the server works too)\n",
           (double)cpu.tv_sec + (double)cpu.tv_nsec / 1e9);
    store_close(g.s);
    arena_release(&g.a);
    for (int i = 0; i < g.n_units; i++)
        free(g.u[i].subs);
    free(g.u);
    free(g.assigners);
    free(g.m);
    return 0;
}
