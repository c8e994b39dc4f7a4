/*
 * tests/extract/test_extract_real.c - the extractor scored on real published passages.
 *
 * tests/extract/real/NNN-name.txt is a conclusion passage as published (a notice, or a press
 * report of a leader's conclusions); NNN-name.expect holds its source address, date, level
 * (xa, huyen, tinh), era (pre2025, post2025) and the tasks annotated by
 * tests/extract/GUIDELINE.md. No unit directory is passed: units come from the text alone.
 *
 * The corpus is split once, by a fixed rule: FNV-1a (32-bit) of the `source:` line, held back
 * when the hash mod 3 is 0. The tuning part is what the extractor is improved on; the
 * held-back part is printed for the record and must not be tuned on.
 *
 * A proposal matches an annotated task when their folded word sets overlap by at least half
 * (Dice >= 0.5), one to one, best pairs first. Printed per part and per level: task
 * precision, recall and F1; lead accuracy on matched tasks whose annotation names a lead
 * (exact after folding case and tone marks and expanding the usual abbreviations); deadline
 * accuracy on matched tasks whose annotation has a deadline date.
 *
 * The goals (issue #19, held-back part): F1 >= 0.90, lead >= 0.85, deadline >= 0.85. They
 * are not met yet; the test asserts the figures measured (floors, never above what was
 * measured) so that it fails if the extractor gets worse, and prints the goal beside each.
 * EXTRACT_VERBOSE=1 prints every miss of the tuning part (EXTRACT_VERBOSE=all: of both parts;
 * look at the held-back misses only once the tuning is done).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/day.h"
#include "extract/extract.h"
#include "text/normalize.h"
#include "util/arena.h"
#include "util/buf.h"

#define MAX_EXPECT 64
#define MAX_CASES 512

static bool verbose, verbose_all;

struct expect {
    char *content, *lead, *deadline;
};

enum { PART_TUNE, PART_HELD, PART_N };
enum { LVL_XA, LVL_HUYEN, LVL_TINH, LVL_N };
static const char *const part_names[PART_N] = {"tuning", "held-back"};
static const char *const level_names[LVL_N] = {"xa (commune/ward)", "huyen (district)",
                                               "tinh (province/city)"};

struct score {
    size_t cases, proposed, expected, matched, lead_n, lead_ok, dl_n, dl_ok;
};

static struct score by_part[PART_N], by_level[PART_N][LVL_N], by_era[PART_N][2];

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    return buf_take(&b, len);
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

/* Folded words of s, as a NULL-terminated array from the arena. */
static char **words(struct arena *a, const char *s, size_t *n)
{
    char *f = text_fold(a, s);
    size_t cap = 8, k = 0;
    char **w = arena_alloc(a, cap * sizeof *w);
    for (char *t = strtok(f, " "); t; t = strtok(NULL, " ")) {
        w = arena_grow(a, w, &cap, k + 2, sizeof *w);
        w[k++] = t;
    }
    w[k] = NULL;
    *n = k;
    return w;
}

static double dice(struct arena *a, const char *x, const char *y)
{
    size_t nx, ny;
    char **wx = words(a, x, &nx), **wy = words(a, y, &ny);
    if (nx + ny == 0)
        return 0;
    size_t common = 0;
    bool *used = arena_alloc(a, ny + 1);
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++)
            if (!used[j] && strcmp(wx[i], wy[j]) == 0) {
                used[j] = true;
                common++;
                break;
            }
    return 2.0 * (double)common / (double)(nx + ny);
}

/* Abbreviations of unit names, as folded token sequences, and what they stand for. */
static const char *const abbrev[][2] = {
    {"ubnd", "uy ban nhan dan"},
    {"hdnd", "hoi dong nhan dan"},
    {"ubmttq", "uy ban mat tran to quoc"},
    {"mttq", "mat tran to quoc"},
    {"tp", "thanh pho"},
    {"tx", "thi xa"},
    {"tt", "thi tran"},
    {"bql", "ban quan ly"},
    {"qlda", "quan ly du an"},
    {"bchqs", "ban chi huy quan su"},
    {"ban chqs", "ban chi huy quan su"},
    {"bch quan su", "ban chi huy quan su"},
    {"chqs", "chi huy quan su"},
    {"vp", "van phong"},
    {"tn mt", "tai nguyen moi truong"},
    {"tnmt", "tai nguyen moi truong"},
    {"tn va mt", "tai nguyen moi truong"},
    {"nn ptnt", "nong nghiep phat trien nong thon"},
    {"nn va ptnt", "nong nghiep phat trien nong thon"},
    {"nnptnt", "nong nghiep phat trien nong thon"},
    {"ptnt", "phat trien nong thon"},
    {"kh dt", "ke hoach dau tu"},
    {"khdt", "ke hoach dau tu"},
    {"tc kh", "tai chinh ke hoach"},
    {"tckh", "tai chinh ke hoach"},
    {"vh tt", "van hoa thong tin"},
    {"vhtt", "van hoa thong tin"},
    {"vh xh", "van hoa xa hoi"},
    {"qh kt", "quy hoach kien truc"},
    {"qhkt", "quy hoach kien truc"},
    {"kt ht", "kinh te ha tang"},
    {"ld tb xh", "lao dong thuong binh xa hoi"},
    {"ldtbxh", "lao dong thuong binh xa hoi"},
    {"gtvt", "giao thong van tai"},
    {"gd dt", "giao duc dao tao"},
    {"gddt", "giao duc dao tao"},
    {"tt tt", "thong tin truyen thong"},
    {"tttt", "thong tin truyen thong"},
    {"khcn", "khoa hoc cong nghe"},
    {"tpcm", "thanh pho"},
};

/* A unit name folded, its abbreviations expanded, "và" dropped, letters only: the form leads
 * are compared in ("Sở TN&MT" = "Sở Tài nguyên và Môi trường"). */
static char *unit_key(struct arena *a, const char *s)
{
    char *f = text_fold(a, s);
    for (char *p = f; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            *p = ' ';
    size_t nw;
    char **w = words(a, f, &nw);
    struct buf out = BUF_INIT(BUF_NO_LIMIT);
    for (size_t i = 0; i < nw;) {
        size_t best = 0, bi = 0;
        for (size_t k = 0; k < sizeof abbrev / sizeof abbrev[0]; k++) {
            /* Match abbrev[k][0] word by word at i. */
            const char *p = abbrev[k][0];
            size_t j = i, n = 0;
            bool ok = true;
            while (*p && ok) {
                size_t l = strcspn(p, " ");
                ok = j < nw && strlen(w[j]) == l && strncmp(w[j], p, l) == 0;
                p += l;
                while (*p == ' ')
                    p++;
                j++;
                n++;
            }
            if (ok && n > best) {
                best = n;
                bi = k;
            }
        }
        const char *piece = best ? abbrev[bi][1] : w[i];
        i += best ? best : 1;
        for (const char *p = piece; *p; p++)
            if (*p != ' ')
                buf_add(&out, p, 1);
        /* "và" carries nothing in a unit's name. */
        if (i < nw && strcmp(w[i], "va") == 0)
            i++;
    }
    size_t len;
    char *key = buf_take(&out, &len);
    char *copy = arena_strdup(a, key ? key : "");
    free(key);
    return copy;
}

static bool same_lead(struct arena *a, const char *want, const char *got)
{
    if (!got)
        return false;
    return strcmp(unit_key(a, want), unit_key(a, got)) == 0;
}

static int level_of(const char *s)
{
    if (!s)
        return -1;
    if (strcmp(s, "xa") == 0)
        return LVL_XA;
    if (strcmp(s, "huyen") == 0)
        return LVL_HUYEN;
    if (strcmp(s, "tinh") == 0)
        return LVL_TINH;
    return -1;
}

static void add(struct score *s, const struct score *c)
{
    s->cases += c->cases;
    s->proposed += c->proposed;
    s->expected += c->expected;
    s->matched += c->matched;
    s->lead_n += c->lead_n;
    s->lead_ok += c->lead_ok;
    s->dl_n += c->dl_n;
    s->dl_ok += c->dl_ok;
}

static void score_case(const char *dir, const char *base)
{
    char path[512];
    struct arena a = ARENA_INIT;
    snprintf(path, sizeof path, "%s/%s.expect", dir, base);
    size_t len;
    char *ex = slurp(path, &len);
    if (!CHECK(base, ex != NULL))
        return;
    char *date = NULL, *source = NULL, *level = NULL, *era = NULL;
    struct expect e[MAX_EXPECT];
    size_t n_e = 0;
    memset(e, 0, sizeof e);
    for (char *line = strtok(ex, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        char *colon = strchr(line, ':');
        if (!colon)
            continue;
        *colon = '\0';
        char *key = trim(line), *val = trim(colon + 1);
        if (strcmp(key, "date") == 0)
            date = val;
        else if (strcmp(key, "source") == 0)
            source = val;
        else if (strcmp(key, "level") == 0)
            level = val;
        else if (strcmp(key, "era") == 0)
            era = val;
        else if (strcmp(key, "task") == 0 && n_e < MAX_EXPECT)
            e[n_e++].content = val;
        else if (n_e && strcmp(key, "lead") == 0)
            e[n_e - 1].lead = val;
        else if (n_e && strcmp(key, "deadline") == 0)
            e[n_e - 1].deadline = val;
    }
    int lv = level_of(level);
    CHECK(base, source && *source && lv >= 0 && era &&
                    (strcmp(era, "pre2025") == 0 || strcmp(era, "post2025") == 0));
    if (!source || lv < 0 || !era) {
        free(ex);
        return;
    }
    int part = fnv1a(source) % 3 == 0 ? PART_HELD : PART_TUNE;
    bool show = verbose && (part == PART_TUNE || verbose_all);

    day_num meeting = DAY_NONE;
    struct error err = ERROR_INIT;
    if (date && *date)
        CHECK_INT_EQ(base, day_parse(date, 0, &meeting, "date", &err), 0);

    snprintf(path, sizeof path, "%s/%s.txt", dir, base);
    char *text = slurp(path, &len);
    struct extract_result r;
    int rc = text ? extract_tasks(&a, text, len, meeting, NULL, &r, &err) : -1;
    CHECK_INT_EQ(base, rc, 0);
    if (rc)
        r.n_tasks = 0;

    struct score c = {.cases = 1, .proposed = r.n_tasks, .expected = n_e};
    bool *p_used = calloc(r.n_tasks + 1, 1), *e_used = calloc(n_e + 1, 1);
    for (;;) {
        double best = 0.5;
        size_t bi = SIZE_MAX, bj = SIZE_MAX;
        for (size_t i = 0; i < n_e; i++)
            for (size_t j = 0; j < r.n_tasks; j++) {
                if (e_used[i] || p_used[j])
                    continue;
                double d = dice(&a, e[i].content, r.tasks[j].content);
                if (d >= best) {
                    best = d;
                    bi = i;
                    bj = j;
                }
            }
        if (bi == SIZE_MAX)
            break;
        e_used[bi] = p_used[bj] = true;
        const struct extract_task *t = &r.tasks[bj];
        c.matched++;
        bool lead_bad = false, dl_bad = false;
        if (e[bi].lead && *e[bi].lead) {
            c.lead_n++;
            bool ok = same_lead(&a, e[bi].lead, t->lead);
            c.lead_ok += ok;
            lead_bad = !ok;
        }
        char iso[16];
        day_format_iso(t->deadline, iso);
        if (e[bi].deadline && *e[bi].deadline) {
            c.dl_n++;
            bool ok = strcmp(iso, e[bi].deadline) == 0;
            c.dl_ok += ok;
            dl_bad = !ok;
        }
        if (show && (lead_bad || dl_bad)) {
            printf("  [%s] %s: \"%.70s\"\n", part_names[part], base, e[bi].content);
            if (lead_bad)
                printf("    lead: got [%s] want [%s]\n", t->lead ? t->lead : "-", e[bi].lead);
            if (dl_bad)
                printf("    deadline: got %s (%s) want %s\n", *iso ? iso : "-",
                       t->deadline_text ? t->deadline_text : "", e[bi].deadline);
        }
    }
    for (size_t i = 0; show && i < n_e; i++)
        if (!e_used[i])
            printf("  [%s] %s: MISSED \"%.90s\"\n", part_names[part], base, e[i].content);
    for (size_t j = 0; show && j < r.n_tasks; j++)
        if (!p_used[j])
            printf("  [%s] %s: EXTRA \"%.90s\" (lead %s)\n", part_names[part], base,
                   r.tasks[j].content, r.tasks[j].lead ? r.tasks[j].lead : "-");
    add(&by_part[part], &c);
    add(&by_level[part][lv], &c);
    add(&by_era[part][strcmp(era, "post2025") == 0], &c);
    free(p_used);
    free(e_used);
    free(text);
    free(ex);
    arena_release(&a);
}

static double ratio(size_t x, size_t y)
{
    return y ? (double)x / (double)y : 0;
}

static double f1(const struct score *s)
{
    double p = ratio(s->matched, s->proposed), r = ratio(s->matched, s->expected);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void print_score(const char *name, const struct score *s)
{
    printf("  %-22s %3zu passages %3zu tasks %3zu proposed %3zu matched  P %.3f R %.3f F1 %.3f"
           "  lead %.3f (%zu/%zu)  deadline %.3f (%zu/%zu)\n",
           name, s->cases, s->expected, s->proposed, s->matched, ratio(s->matched, s->proposed),
           ratio(s->matched, s->expected), f1(s), ratio(s->lead_ok, s->lead_n), s->lead_ok,
           s->lead_n, ratio(s->dl_ok, s->dl_n), s->dl_ok, s->dl_n);
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Floors: the figures measured on the extractor as committed (never above them), so that a
 * change that makes it worse fails here. Raise them with the extractor; the goals are the
 * issue's. */
#define FLOOR_TUNE_F1 0.837
#define FLOOR_TUNE_LEAD 0.677
#define FLOOR_TUNE_DEADLINE 0.800
#define FLOOR_HELD_F1 0.758
#define FLOOR_HELD_LEAD 0.689
#define FLOOR_HELD_DEADLINE 0.666

/* A floor measured on the current extractor (never above it) and the goal. */
static void floor_check(const char *what, double got, double floor, double goal)
{
    char name[160];
    snprintf(name, sizeof name, "%s %.3f >= floor %.3f (goal %.2f%s)", what, got, floor, goal,
             got >= goal ? ", met" : ", NOT met");
    printf("  %s\n", name);
    CHECK(name, got >= floor - 1e-9);
}

int main(void)
{
    const char *dir = getenv("GIAOBAN_EXTRACT_REAL");
    if (!dir)
        dir = "tests/extract/real";
    verbose = getenv("EXTRACT_VERBOSE") != NULL;
    verbose_all = verbose && strcmp(getenv("EXTRACT_VERBOSE"), "all") == 0;

    DIR *d = opendir(dir);
    if (!CHECK("real corpus directory", d != NULL))
        return check_report();
    char *names[MAX_CASES];
    size_t n = 0;
    for (struct dirent *de; (de = readdir(d)) != NULL && n < MAX_CASES;) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0)
            names[n++] = strndup(de->d_name, l - 4);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        score_case(dir, names[i]);
        free(names[i]);
    }

    struct score all = {0};
    for (int p = 0; p < PART_N; p++) {
        add(&all, &by_part[p]);
        printf("%s part:\n", part_names[p]);
        print_score("all", &by_part[p]);
        for (int l = 0; l < LVL_N; l++)
            print_score(level_names[l], &by_level[p][l]);
        print_score("before 7/2025", &by_era[p][0]);
        print_score("after 7/2025", &by_era[p][1]);
    }
    printf("whole corpus:\n");
    print_score("all", &all);

    CHECK("at least 60 passages", n >= 60);
    CHECK("both parts hold passages", by_part[PART_TUNE].cases > 0 && by_part[PART_HELD].cases > 0);
    const struct score *t = &by_part[PART_TUNE], *h = &by_part[PART_HELD];
    printf("floors (measured) and goals:\n");
    floor_check("tuning F1", f1(t), FLOOR_TUNE_F1, 0.90);
    floor_check("tuning lead", ratio(t->lead_ok, t->lead_n), FLOOR_TUNE_LEAD, 0.85);
    floor_check("tuning deadline", ratio(t->dl_ok, t->dl_n), FLOOR_TUNE_DEADLINE, 0.85);
    floor_check("held-back F1", f1(h), FLOOR_HELD_F1, 0.90);
    floor_check("held-back lead", ratio(h->lead_ok, h->lead_n), FLOOR_HELD_LEAD, 0.85);
    floor_check("held-back deadline", ratio(h->dl_ok, h->dl_n), FLOOR_HELD_DEADLINE, 0.85);
    return check_report();
}
